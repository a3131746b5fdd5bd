//! Words for matching: lower-case words, with every number masked so that two sentences that
//! differ only in their numbers are the same sentence to the memory.

/// The token standing for any number.
pub(crate) const NUMBER: &str = "<n>";

/// The length of a separator inside a number at `at` (`,` `.` `'` space, no-break space,
/// narrow no-break space), 0 if none.
fn number_separator(bytes: &[u8], at: usize) -> usize {
    match bytes.get(at..) {
        Some([b',' | b'.' | b'\'' | b' ', ..]) => 1,
        Some([0xc2, 0xa0, ..]) => 2,
        Some([0xe2, 0x80, 0xaf, ..]) => 3,
        _ => 0,
    }
}

/// The words of `text`, lower-cased, numbers masked as [`NUMBER`]; punctuation dropped. A word
/// is a run of letters with apostrophes and hyphens inside it; a number keeps its separators
/// (`1,900`, `3.5`, `1 000`). ASCII takes a fast path (this runs over every unit of the memory).
pub(crate) fn words(text: &str, mut f: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let mut buf = String::with_capacity(32);
    let emit = |buf: &mut String, f: &mut dyn FnMut(&str)| {
        let word = buf.trim_end_matches(['-', '\'', '’']);
        if !word.is_empty() {
            f(word);
        }
        buf.clear();
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_digit() {
            emit(&mut buf, &mut f);
            let mut j = i + 1;
            loop {
                while j < bytes.len() && bytes[j].is_ascii_digit() {
                    j += 1;
                }
                let sep = number_separator(bytes, j);
                if sep > 0 && bytes.get(j + sep).is_some_and(u8::is_ascii_digit) {
                    j += sep;
                } else {
                    break;
                }
            }
            f(NUMBER);
            i = j;
        } else if b < 0x80 {
            if b.is_ascii_alphabetic() {
                buf.push(char::from(b.to_ascii_lowercase()));
            } else if (b == b'-' || b == b'\'') && !buf.is_empty() {
                buf.push(char::from(b));
            } else {
                emit(&mut buf, &mut f);
            }
            i += 1;
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            if c.is_alphanumeric() {
                buf.extend(c.to_lowercase());
            } else if c == '’' && !buf.is_empty() {
                buf.push(c);
            } else {
                emit(&mut buf, &mut f);
            }
            i += c.len_utf8();
        }
    }
    emit(&mut buf, &mut f);
}

/// The similarity of two token sequences: 1 − word edit distance / the longer length.
pub(crate) fn similarity<T: PartialEq>(a: &[T], b: &[T]) -> f64 {
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, x) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(x != y);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    1.0 - prev[b.len()] as f64 / longest as f64
}

/// FNV-1a, 64 bits: a stable content hash (the same on every machine and Rust version).
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A fast, non-cryptographic hasher for the index's maps (the rustc "Fx" hash: a multiply and
/// a rotate per word). The keys are the memory's own words, not attacker-chosen input.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// A `HashMap` with [`FxHasher`].
pub(crate) type FxMap<K, V> =
    std::collections::HashMap<K, V, std::hash::BuildHasherDefault<FxHasher>>;

/// `text` with its first letter upper-cased.
pub(crate) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        words(text, |w| out.push(w.to_owned()));
        out
    }

    #[test]
    fn numbers_are_masked_with_their_separators() {
        assert_eq!(
            all("About 1,900 people, 3.5 km on Jan. 6!"),
            ["about", "<n>", "people", "<n>", "km", "on", "jan", "<n>"]
        );
        assert_eq!(
            all("Zelensky's 20-year plan"),
            ["zelensky's", "<n>", "year", "plan"]
        );
    }

    #[test]
    fn similarity_counts_word_edits() {
        assert!((similarity(&[1, 2, 3, 4], &[1, 2, 5, 4]) - 0.75).abs() < 1e-9);
        assert!((similarity::<u8>(&[], &[]) - 1.0).abs() < 1e-9);
        assert!(similarity(&[1, 2], &[3, 4, 5]).abs() < 1e-9);
    }
}
