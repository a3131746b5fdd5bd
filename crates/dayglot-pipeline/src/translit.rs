//! `dayglot translit`'s stream: lines in, transliterated lines out, through a reused buffer.
//!
//! Input is read in blocks of 1 MiB and every complete line of a block is transliterated into
//! one reused output buffer, written out whenever it holds 1 MiB: nothing is allocated per line
//! or per word. Lines end at `\n`; a `\r` before it is dropped, and the last line gets a `\n`
//! even if the input has none. The caller gives the reader and the writer (stdin and stdout).

use std::io::{Read, Write};

use dayglot_glossary::Scheme;

/// Bytes read at a time, and written at a time.
const BLOCK: usize = 1 << 20;

/// Transliterates `input` line by line into `output`. A closed output (`| head`) ends the work
/// quietly; input that is not UTF-8 is an error.
pub fn transliterate(
    scheme: &Scheme,
    input: &mut impl Read,
    output: &mut impl Write,
) -> std::io::Result<()> {
    // `data[..filled]` holds read bytes not transliterated yet: at most one incomplete line
    // after each block.
    let mut data = vec![0u8; BLOCK];
    let mut filled = 0;
    let mut out = Vec::with_capacity(2 * BLOCK);
    loop {
        if filled == data.len() {
            // One line longer than the buffer: make room.
            data.resize(data.len() * 2, 0);
        }
        let n = match input.read(&mut data[filled..]) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let eof = n == 0;
        let scanned = filled;
        filled += n;
        // Everything up to the last line break is complete lines; at the end, everything.
        let complete = if eof {
            filled
        } else {
            match data[scanned..filled].iter().rposition(|&b| b == b'\n') {
                Some(i) => scanned + i + 1,
                None => continue,
            }
        };
        // UTF-8 is checked by the engine as it goes: one pass over the bytes, not two.
        let mut rest = &data[..complete];
        while !rest.is_empty() {
            let (line, next) = match find_newline(rest) {
                // A `\r` before the line break goes with it, as in `BufRead::lines`.
                Some(i) => (
                    rest[..i].strip_suffix(b"\r").unwrap_or(&rest[..i]),
                    &rest[i + 1..],
                ),
                None => (rest, &[][..]),
            };
            scheme.write_bytes_into(line, &mut out).map_err(|e| {
                std::io::Error::new(e.kind(), format!("the input is not UTF-8 text: {e}"))
            })?;
            out.push(b'\n');
            rest = next;
            if out.len() >= BLOCK {
                if output.write_all(&out).is_err() {
                    return Ok(());
                }
                out.clear();
            }
        }
        data.copy_within(complete..filled, 0);
        filled -= complete;
        if eof {
            break;
        }
    }
    // A closed pipe is not an error (`dayglot translit ... | head`).
    let _ = output.write_all(&out).and_then(|()| output.flush());
    Ok(())
}

/// The first `\n` of `bytes`, looked for eight bytes at a time.
fn find_newline(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = 0;
    for chunk in bytes.chunks_exact(8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])) ^ (ONES * 0x0a);
        // A zero byte in `word` is a line break in `chunk`.
        if word.wrapping_sub(ONES) & !word & HIGH != 0 {
            break;
        }
        i += 8;
    }
    bytes[i..].iter().position(|&b| b == b'\n').map(|k| i + k)
}

#[cfg(test)]
mod tests {
    use std::io::BufRead;

    use super::*;

    /// Reads `data` a few bytes at a time, to cut lines and characters at every place.
    struct Trickle<'a>(&'a [u8], usize);
    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.1.min(buf.len()).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn same_lines_as_bufread_lines_at_any_read_size() {
        let scheme = Scheme::parse(
            "x.toml",
            "id = \"x\"\nname = \"x\"\nrules = [{ from = \"щ\", to = \"shch\" }, { from = \"я\", to = \"ia\", initial = \"ya\" }]\n",
        )
        .expect("scheme");
        for input in [
            "",
            "\n",
            "Щастя\r\nЯ\n\nщ",
            "я\r",
            "ЩЯ\r\r\n\r\nяя щ\nlast",
            "no line break at the end ящ",
        ] {
            let mut expected = String::new();
            for line in input.as_bytes().lines() {
                expected.push_str(&scheme.apply(&line.expect("utf-8")));
                expected.push('\n');
            }
            for step in [1, 2, 3, 7, BLOCK] {
                let mut got = Vec::new();
                transliterate(&scheme, &mut Trickle(input.as_bytes(), step), &mut got)
                    .expect("transliterate");
                assert_eq!(
                    String::from_utf8(got).expect("utf-8"),
                    expected,
                    "{input:?} by {step}"
                );
            }
        }
        for bad in [
            &b"ok\n\xff\n"[..],
            b"ok\n\xd0\n",
            b"\xd1\x89\xd1",
            b"\xd1\x89\r\n\x80",
        ] {
            for step in [1, 2, 64] {
                let mut got = Vec::new();
                let err = transliterate(&scheme, &mut Trickle(bad, step), &mut got)
                    .expect_err("not UTF-8");
                assert!(err.to_string().contains("UTF-8"), "{err}");
            }
        }
    }

    #[test]
    fn finds_the_first_line_break() {
        let text = b"0123456789abcdef\n0123456\n";
        for start in 0..text.len() {
            let expected = text[start..].iter().position(|&b| b == b'\n');
            assert_eq!(find_newline(&text[start..]), expected, "{start}");
        }
        assert_eq!(find_newline(b""), None);
        assert_eq!(find_newline("щщщщщщщщщщ\u{a0a}".as_bytes()), None);
    }
}
