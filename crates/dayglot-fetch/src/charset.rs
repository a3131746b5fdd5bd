//! From response bytes to text: the charset from the BOM, the HTTP header or the page's `<meta>`,
//! checked against the bytes, so that a wrong or missing declaration is reported, not decoded
//! into mojibake.

use encoding_rs::{Encoding, KOI8_U, UTF_8, WINDOWS_1251, WINDOWS_1252};

/// How many bytes of the page are scanned for a `<meta>` charset declaration.
const META_PRESCAN_BYTES: usize = 4096;

/// Where the charset used to decode a page came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharsetSource {
    /// A byte-order mark at the start of the body.
    Bom,
    /// The `charset` parameter of the HTTP `Content-Type` header.
    Header,
    /// `<meta charset>` or `<meta http-equiv="Content-Type">` in the page (or a feed's XML declaration).
    Meta,
    /// Nothing usable was declared; the charset was recognised from the bytes.
    Detected,
}

impl CharsetSource {
    /// A short name for metadata files (`bom`, `header`, `meta`, `detected`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Bom => "bom",
            Self::Header => "header",
            Self::Meta => "meta",
            Self::Detected => "detected",
        }
    }
}

/// A page decoded to text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// The charset's WHATWG name (`UTF-8`, `windows-1251`, `KOI8-U`).
    pub charset: &'static str,
    /// Where that charset came from.
    pub source: CharsetSource,
    /// What was wrong with the declaration, if anything (the text is still correct).
    pub problem: Option<CharsetProblem>,
}

/// A missing or wrong charset declaration that was detected and worked around.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CharsetProblem {
    /// Neither the header nor the page declares a charset.
    #[error(
        "the page declares no charset; its bytes are {detected}, so it was decoded as {detected}"
    )]
    Undeclared {
        /// The charset recognised from the bytes.
        detected: &'static str,
    },
    /// The declaration does not match the bytes.
    #[error(
        "the page declares {declared} (in its {place}) but its bytes are {detected}: {reason}; it was decoded as {detected}"
    )]
    Wrong {
        /// The declared charset label, as written.
        declared: String,
        /// Where it was declared (`HTTP header` or `<meta>`).
        place: &'static str,
        /// The charset recognised from the bytes.
        detected: &'static str,
        /// What gave it away.
        reason: String,
    },
    /// A declared label that is not a known charset.
    #[error(
        "the page declares an unknown charset `{declared}`; its bytes are {detected}, so it was decoded as {detected}"
    )]
    Unknown {
        /// The label as written.
        declared: String,
        /// The charset recognised from the bytes.
        detected: &'static str,
    },
}

/// Bytes that cannot be decoded into text with any charset that fits them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CharsetError {
    /// The body is not text (NUL bytes).
    #[error("the body is not text (a NUL byte at offset {offset})")]
    Binary {
        /// Offset of the first NUL byte.
        offset: usize,
    },
    /// The declared charset does not fit the bytes and no other charset does either.
    #[error(
        "the page declares {declared} but byte {offset} is invalid in it, and no other charset fits the bytes"
    )]
    Undecodable {
        /// The declared charset.
        declared: String,
        /// Offset of the first invalid byte.
        offset: usize,
    },
}

/// Decodes a page. `content_type` is the HTTP `Content-Type` header, if any.
///
/// Order of authority: a byte-order mark, then the header's `charset`, then a `<meta>`
/// declaration in the first 4 KiB, then detection. A declaration is trusted only if the bytes
/// agree with it: bytes invalid in the declared charset, valid multi-byte UTF-8 declared as a
/// single-byte charset, or Cyrillic text whose letter case shows the wrong single-byte table
/// (windows-1251 and KOI8-U swap upper and lower case) are detected and reported in
/// [`Decoded::problem`].
pub fn decode_html(bytes: &[u8], content_type: Option<&str>) -> Result<Decoded, CharsetError> {
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(CharsetError::Binary { offset });
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(Decoded {
            text: text.into_owned(),
            charset: encoding.name(),
            source: CharsetSource::Bom,
            problem: None,
        });
    }
    let declared = content_type
        .and_then(charset_param)
        .map(|label| (label, CharsetSource::Header, "HTTP header"))
        .or_else(|| meta_charset(bytes).map(|label| (label, CharsetSource::Meta, "<meta>")));
    let Some((label, source, place)) = declared else {
        let detected = detect(bytes);
        let text = decode_strict(detected, bytes)
            .unwrap_or_else(|_| detected.decode_without_bom_handling(bytes).0.into_owned());
        return Ok(Decoded {
            text,
            charset: detected.name(),
            source: CharsetSource::Detected,
            problem: Some(CharsetProblem::Undeclared {
                detected: detected.name(),
            }),
        });
    };
    let Some(encoding) = Encoding::for_label(label.as_bytes()) else {
        let detected = detect(bytes);
        return Ok(Decoded {
            text: detected.decode_without_bom_handling(bytes).0.into_owned(),
            charset: detected.name(),
            source: CharsetSource::Detected,
            problem: Some(CharsetProblem::Unknown {
                declared: label,
                detected: detected.name(),
            }),
        });
    };
    // `<meta charset=utf-16>` in a page without a BOM means UTF-8 (HTML spec).
    let encoding = if source == CharsetSource::Meta
        && (encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE)
    {
        UTF_8
    } else {
        encoding
    };
    let wrong = |detected: &'static Encoding, reason: String| CharsetProblem::Wrong {
        declared: label.clone(),
        place,
        detected: detected.name(),
        reason,
    };
    match decode_strict(encoding, bytes) {
        Err(offset) => {
            // Invalid in the declared charset: find the one that fits.
            let detected = detect(bytes);
            match decode_strict(detected, bytes) {
                Ok(text) if detected != encoding => Ok(Decoded {
                    text,
                    charset: detected.name(),
                    source: CharsetSource::Detected,
                    problem: Some(wrong(
                        detected,
                        format!("byte {offset} is invalid in {}", encoding.name()),
                    )),
                }),
                _ => Err(CharsetError::Undecodable {
                    declared: label,
                    offset,
                }),
            }
        }
        Ok(text) if encoding != UTF_8 && is_multibyte_utf8(bytes) => Ok(Decoded {
            text: String::from_utf8_lossy(bytes).into_owned(),
            charset: UTF_8.name(),
            source: CharsetSource::Detected,
            problem: Some(wrong(
                UTF_8,
                format!(
                    "the bytes are valid UTF-8 with multi-byte characters (decoding as {} would give `{}`)",
                    encoding.name(),
                    sample_mojibake(&text)
                ),
            )),
        }),
        Ok(text) if is_cyrillic_single_byte(encoding) => {
            let other = if encoding == KOI8_U {
                WINDOWS_1251
            } else {
                KOI8_U
            };
            let (ours, theirs) = (
                lower_ratio(&text),
                decode_strict(other, bytes).ok().map(|t| lower_ratio(&t)),
            );
            match (ours, theirs) {
                (Some(ours), Some(Some(theirs))) if ours < 0.3 && theirs > 0.6 => Ok(Decoded {
                    text: other.decode_without_bom_handling(bytes).0.into_owned(),
                    charset: other.name(),
                    source: CharsetSource::Detected,
                    problem: Some(wrong(
                        other,
                        format!(
                            "as {} the Cyrillic letters are mostly capitals (`{}`)",
                            encoding.name(),
                            sample_mojibake(&text)
                        ),
                    )),
                }),
                _ => Ok(Decoded {
                    text,
                    charset: encoding.name(),
                    source,
                    problem: None,
                }),
            }
        }
        Ok(text) => Ok(Decoded {
            text,
            charset: encoding.name(),
            source,
            problem: None,
        }),
    }
}

/// The `charset` parameter of a `Content-Type` value.
fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']).to_owned())
    })
}

/// The charset declared by a `<meta>` element near the start of the page.
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(META_PRESCAN_BYTES)];
    // ASCII-compatible prescan (HTML spec §13.2.3.2, simplified): the bytes are searched as
    // Latin-1 so that any legacy charset works.
    let head: String = head.iter().map(|&b| char::from(b)).collect();
    let lower = head.to_ascii_lowercase();
    // A feed declares its charset in the XML declaration: `<?xml version="1.0" encoding="KOI8-U"?>`.
    if let Some(decl) = lower.trim_start().strip_prefix("<?xml") {
        let decl = &decl[..decl.find("?>").unwrap_or(decl.len())];
        if let Some(pos) = decl.find("encoding") {
            let value = decl[pos + "encoding".len()..]
                .trim_start()
                .trim_start_matches('=')
                .trim_start();
            let label: String = value
                .trim_start_matches(['"', '\''])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || "-_.:".contains(*c))
                .collect();
            if !label.is_empty() {
                return Some(label);
            }
        }
    }
    let mut rest = lower.as_str();
    while let Some(start) = rest.find("<meta") {
        let tag = &rest[start..];
        let end = tag.find('>').unwrap_or(tag.len());
        let tag = &tag[..end];
        if let Some(pos) = tag.find("charset") {
            let value = tag[pos + "charset".len()..].trim_start();
            if let Some(value) = value.strip_prefix('=') {
                let value = value.trim_start().trim_start_matches(['"', '\'']);
                let label: String = value
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || "-_.:".contains(*c))
                    .collect();
                if !label.is_empty() {
                    return Some(label);
                }
            }
        }
        rest = &rest[start + 5..];
    }
    None
}

/// Decodes without replacement; the error is the offset of the first invalid byte.
fn decode_strict(encoding: &'static Encoding, bytes: &[u8]) -> Result<String, usize> {
    if encoding == UTF_8 {
        return std::str::from_utf8(bytes)
            .map(str::to_owned)
            .map_err(|e| e.valid_up_to());
    }
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3));
    let mut text = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => Ok(text),
        encoding_rs::DecoderResult::Malformed(bad, extra) => {
            Err(read.saturating_sub(usize::from(bad) + usize::from(extra)))
        }
        // Cannot happen with the capacity above; fall back to the one-shot decoder.
        encoding_rs::DecoderResult::OutputFull => encoding
            .decode_without_bom_handling_and_without_replacement(bytes)
            .map(|t| t.into_owned())
            .ok_or(0),
    }
}

/// The charset the bytes are most probably in: UTF-8 if they are valid UTF-8, else the
/// Cyrillic single-byte table whose decoding looks like running text, else windows-1252.
pub fn detect(bytes: &[u8]) -> &'static Encoding {
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let score = |encoding: &'static Encoding| {
        let (text, _, _) = encoding.decode(bytes);
        lower_ratio(&text)
    };
    match (score(WINDOWS_1251), score(KOI8_U)) {
        (Some(a), Some(b)) if a >= b => WINDOWS_1251,
        (Some(_), Some(_)) => KOI8_U,
        _ => WINDOWS_1252,
    }
}

fn is_cyrillic_single_byte(encoding: &'static Encoding) -> bool {
    encoding == WINDOWS_1251
        || encoding == KOI8_U
        || encoding == encoding_rs::KOI8_R
        || encoding == encoding_rs::IBM866
}

/// Valid UTF-8 with at least one multi-byte character (and not plain ASCII).
fn is_multibyte_utf8(bytes: &[u8]) -> bool {
    !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok()
}

/// The share of lower-case letters among the Cyrillic letters of `text`, if it has a few.
/// Running text is mostly lower case; the wrong single-byte table swaps the cases.
fn lower_ratio(text: &str) -> Option<f64> {
    let (mut lower, mut all) = (0u32, 0u32);
    for c in text
        .chars()
        .filter(|c| ('\u{0400}'..='\u{04FF}').contains(c) && c.is_alphabetic())
    {
        all += 1;
        if c.is_lowercase() {
            lower += 1;
        }
    }
    (all >= 8).then(|| f64::from(lower) / f64::from(all))
}

/// A few words of non-ASCII text, to show what the wrong charset would have produced.
fn sample_mojibake(text: &str) -> String {
    let start = text
        .char_indices()
        .find(|(_, c)| !c.is_ascii())
        .map_or(0, |(i, _)| i);
    text[start..].chars().take(12).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_header_and_meta_declarations() {
        assert_eq!(
            charset_param("text/html; charset=\"windows-1251\"").as_deref(),
            Some("windows-1251")
        );
        assert_eq!(
            meta_charset(b"<html><head><META CHARSET='koi8-u'>").as_deref(),
            Some("koi8-u")
        );
        assert_eq!(
            meta_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">"
            )
            .as_deref(),
            Some("windows-1251")
        );
        assert_eq!(meta_charset(b"<meta name=viewport content=width>"), None);
        assert_eq!(
            meta_charset(b"<?xml version='1.0' encoding='KOI8-U'?><rss>").as_deref(),
            Some("koi8-u")
        );
    }

    #[test]
    fn detects_utf8_declared_as_windows_1251() {
        let page = "<p>Ден 687 на инвазията в Украйна</p>".as_bytes();
        let decoded = decode_html(page, Some("text/html; charset=windows-1251")).expect("decodes");
        assert_eq!(decoded.charset, "UTF-8");
        assert!(decoded.text.contains("Ден 687"));
        assert!(matches!(
            decoded.problem,
            Some(CharsetProblem::Wrong { .. })
        ));
    }

    #[test]
    fn reports_the_first_byte_invalid_in_a_single_byte_charset() {
        // 0xA1 is undefined in ISO-8859-8.
        assert_eq!(
            decode_strict(encoding_rs::ISO_8859_8, b"abc\xa1def"),
            Err(3)
        );
        assert_eq!(
            decode_strict(WINDOWS_1251, b"\xc4\xe5\xed").as_deref(),
            Ok("Ден")
        );
    }
}
