//! Words for matching: lower-case words, with every number masked so that two sentences that
//! differ only in their numbers are the same sentence to the memory.

/// The token standing for any number.
pub(crate) const NUMBER: &str = "<n>";

/// The words of `text`, lower-cased, numbers masked as [`NUMBER`]; punctuation dropped.
pub(crate) fn words(text: &str, mut f: impl FnMut(&str)) {
    let mut buf = String::new();
    let mut digits = false;
    let flush = |buf: &mut String, digits: &mut bool, f: &mut dyn FnMut(&str)| {
        if !buf.is_empty() {
            if *digits {
                f(NUMBER);
            } else {
                f(buf);
            }
        }
        buf.clear();
        *digits = false;
    };
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            if !digits && !buf.is_empty() {
                flush(&mut buf, &mut digits, &mut f);
            }
            digits = true;
            buf.push(c);
            // Separators inside a number (`1,900`, `3.5`, `1 000`) stay inside it.
            while let Some(&n) = chars.peek() {
                if n.is_ascii_digit() {
                    buf.push(n);
                    chars.next();
                } else if matches!(n, ',' | '.' | ' ' | '\u{a0}' | '\u{202f}' | '\'') {
                    let mut ahead = chars.clone();
                    ahead.next();
                    if ahead.peek().is_some_and(char::is_ascii_digit) {
                        chars.next();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            flush(&mut buf, &mut digits, &mut f);
        } else if c.is_alphanumeric() || (matches!(c, '\'' | '’' | '-') && !buf.is_empty()) {
            if digits {
                flush(&mut buf, &mut digits, &mut f);
            }
            buf.extend(c.to_lowercase());
        } else {
            flush(&mut buf, &mut digits, &mut f);
        }
    }
    flush(&mut buf, &mut digits, &mut f);
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
