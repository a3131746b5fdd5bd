//! From bytes to text: UTF-8 validation with a precise position, BOM and binary detection.

/// The largest source file accepted (64 MiB): far above any real day, small enough to bound memory.
pub const MAX_SOURCE_BYTES: usize = 64 * 1024 * 1024;

/// Why bytes are not a usable summary text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// Invalid UTF-8.
    #[error(
        "the file is not valid UTF-8: byte {offset} (line {line}, after `{context}`) starts an invalid sequence; \
         re-save it as UTF-8 (if it came from a Bulgarian or Ukrainian site it is probably windows-1251 or KOI8-U)"
    )]
    NotUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
        /// 1-based line of that byte.
        line: usize,
        /// The valid text just before it.
        context: String,
    },
    /// NUL bytes or other binary content.
    #[error(
        "the file looks binary (a NUL byte at offset {offset}); a day summary must be plain UTF-8 text or Markdown"
    )]
    Binary {
        /// Offset of the first NUL byte.
        offset: usize,
    },
    /// Larger than [`MAX_SOURCE_BYTES`].
    #[error(
        "the file is {size} bytes, more than the {max} bytes a day summary may have; is it the right file?"
    )]
    TooLarge {
        /// Size in bytes.
        size: usize,
        /// The limit.
        max: usize,
    },
}

/// Checks `bytes` and returns the text without its UTF-8 byte-order mark.
pub fn decode(bytes: &[u8]) -> Result<&str, DecodeError> {
    if bytes.len() > MAX_SOURCE_BYTES {
        return Err(DecodeError::TooLarge {
            size: bytes.len(),
            max: MAX_SOURCE_BYTES,
        });
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(DecodeError::Binary { offset });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        let valid = &bytes[..offset];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        // The valid prefix is UTF-8 by construction; show its last few characters as context.
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        let tail: String = valid
            .chars()
            .rev()
            .take(20)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let context = tail.escape_debug().to_string();
        DecodeError::NotUtf8 {
            offset,
            line,
            context,
        }
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests: a panic is the failure report.
mod tests {
    use super::*;

    #[test]
    fn reports_the_first_invalid_byte() {
        let err = decode(b"Day 1\n\xe4\xe5\xed").unwrap_err();
        assert_eq!(
            err,
            DecodeError::NotUtf8 {
                offset: 6,
                line: 2,
                context: "Day 1\\n".into()
            }
        );
    }

    #[test]
    fn strips_the_bom_and_rejects_binary() {
        assert_eq!(decode(b"\xEF\xBB\xBFDay").unwrap(), "Day");
        assert!(matches!(
            decode(b"PK\x03\x04\x00"),
            Err(DecodeError::Binary { offset: 4 })
        ));
    }
}
