//! Splitting a text into words and hashing them: the part of matching that touches every byte.
//!
//! A word is a maximal run of word characters ([`is_word_char`]). Patterns and texts are split
//! the same way, and a sequence of words is keyed by combining the hashes of its words and of the
//! folded separators between them ([`extend_key`]), so a multi-word form is looked up without
//! copying or folding the text: `Yamalo‑Nenets Okrug` with a no-break hyphen has the key of
//! `Yamalo-Nenets Okrug`.

use crate::fold::fold_str;
use crate::table::nonzero;

/// A word of a text: its bytes and the hash of its bytes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Word {
    /// Byte offset of the first character.
    pub(crate) start: usize,
    /// Byte offset after the last character.
    pub(crate) end: usize,
    /// [`hash_span`] of the word's bytes (never 0: it is also the key of the one-word sequence),
    /// or 0 if the `admit` function given to [`words`] turned the word away unhashed ([`Word::key`]
    /// hashes it then).
    pub(crate) hash: u64,
}

impl Word {
    /// The key of the word alone: its hash, computed now if [`words`] did not.
    #[inline]
    pub(crate) fn key(&self, text: &str) -> u64 {
        if self.hash != 0 {
            self.hash
        } else {
            nonzero(hash_span(text.as_bytes(), self.start, self.end))
        }
    }
}

/// The first two bytes of the word `bytes[start..end]` (the second 0 for a one-byte word), what
/// the matcher's prefix filter looks at before a word is hashed.
#[inline(always)]
pub(crate) fn prefix(bytes: &[u8], start: usize, end: usize) -> u16 {
    let b0 = bytes.get(start).copied().unwrap_or(0);
    let b1 = if end - start >= 2 {
        bytes.get(start + 1).copied().unwrap_or(0)
    } else {
        0
    };
    u16::from_be_bytes([b0, b1])
}

/// Letters, digits, combining marks and `_` continue a word.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    // The modifier letter apostrophe of Ukrainian (`Марʼїнка`) folds to `'`, which separates
    // words, as in the glossary's forms.
    if c == '\u{2bc}' {
        return false;
    }
    // Cyrillic (letters and combining marks) and Latin-1/Latin Extended letters: the common
    // cases, without a Unicode table lookup.
    if ('\u{400}'..='\u{4ff}').contains(&c) {
        return c != '\u{482}';
    }
    if ('\u{c0}'..='\u{24f}').contains(&c) {
        return c != '\u{d7}' && c != '\u{f7}';
    }
    c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c)
}

/// Appends the words of `text` to `out`, hashing those whose [`prefix`] `admit` accepts (the
/// matcher's prefix filter: most words of a text cannot start a pattern, and a bit in a small
/// table says so more cheaply than a hash).
///
/// Works on blocks of 64 bytes: [`block_masks`] marks the ASCII letters, digits and `_` and
/// every byte of a non-ASCII character as word bytes, and the lead bytes of non-ASCII characters
/// outside Cyrillic (`—`, `«`, `ä`, `ė`) for a closer look; each of those is decoded and, if it is
/// not a word character, its bytes are unmarked. Words are then read off the mask's changes,
/// with no branch per byte.
pub(crate) fn words(text: &str, out: &mut Vec<Word>, admit: impl Fn(u16) -> bool) {
    let bytes = text.as_bytes();
    let mut base = 0;
    let mut in_word = false;
    let mut start = 0;
    // Bits of the next block to unmark: the rest of a non-word character that crosses over.
    let mut carry_clear = 0u64;
    while base < bytes.len() {
        let block_len = (bytes.len() - base).min(64);
        // A whole block is read through a fixed-size array, so that no load needs a bounds check.
        let (mut word, mut decode) = match bytes
            .get(base..base + 64)
            .and_then(|b| <&[u8; 64]>::try_from(b).ok())
        {
            Some(block) => block_masks(block),
            None => {
                let mut block = [0u8; 64];
                block[..block_len].copy_from_slice(&bytes[base..]);
                block_masks(&block)
            }
        };
        word &= !carry_clear;
        carry_clear = 0;
        while decode != 0 {
            let p = decode.trailing_zeros() as usize;
            decode &= decode - 1;
            let (c, len) = char_at(text, base + p);
            if !is_word_char(c) {
                let bits = (1u128 << len) - 1;
                let bits = bits << p;
                word &= !(bits as u64);
                carry_clear |= (bits >> 64) as u64;
            }
        }
        if block_len < 64 {
            word &= (1u64 << block_len) - 1;
        }
        // Word starts, and the bytes just after word ends; the k-th end closes the k-th word
        // (or the word carried over from the previous block).
        let before = (word << 1) | u64::from(in_word);
        let mut starts = word & !before;
        let mut ends = !word & before;
        if in_word && ends != 0 {
            let end = base + ends.trailing_zeros() as usize;
            ends &= ends - 1;
            push_word(text, out, start, end, &admit);
        }
        while starts != 0 {
            let s = base + starts.trailing_zeros() as usize;
            starts &= starts - 1;
            if ends == 0 {
                // Goes on into the next block.
                start = s;
                break;
            }
            let end = base + ends.trailing_zeros() as usize;
            ends &= ends - 1;
            push_word(text, out, s, end, &admit);
        }
        in_word = word >> 63 == 1;
        base += block_len;
    }
    if in_word {
        push_word(text, out, start, bytes.len(), &admit);
    }
}

/// The word-byte and decode masks of a block of 64 bytes: bit `i` of the first is set if byte
/// `i` is a word byte (an ASCII letter, digit or `_`, or any byte of a non-ASCII character),
/// of the second if byte `i` is the lead byte of a non-ASCII character outside Cyrillic `D0`/`D1`
/// (to be decoded). With SSE2 (every x86-64 CPU), 16 bytes at a time; elsewhere 8 bytes at a time
/// in a `u64` ([`classify8`]). A test checks that both give the same masks.
#[inline(always)]
fn block_masks(block: &[u8; 64]) -> (u64, u64) {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    {
        sse2::block_masks(block)
    }
    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
    {
        block_masks_swar(block)
    }
}

/// [`block_masks`] 8 bytes at a time, with `u64` arithmetic.
#[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))]
#[inline(always)]
fn block_masks_swar(block: &[u8; 64]) -> (u64, u64) {
    let mut word = 0u64;
    let mut decode = 0u64;
    for (k, eight) in block.as_chunks::<8>().0.iter().enumerate() {
        let (w, d) = classify8(u64::from_le_bytes(*eight));
        word |= w << (8 * k);
        decode |= d << (8 * k);
    }
    (word, decode)
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod sse2 {
    use safe_arch::{
        bitand_m128i, bitandnot_m128i, bitor_m128i, cmp_eq_mask_i8_m128i, cmp_gt_mask_i8_m128i,
        cmp_lt_mask_i8_m128i, load_unaligned_m128i, move_mask_i8_m128i, set_splat_i8_m128i,
    };

    /// See [`super::block_masks`].
    #[inline(always)]
    pub(super) fn block_masks(block: &[u8; 64]) -> (u64, u64) {
        let mut word = 0u64;
        let mut decode = 0u64;
        for (k, sixteen) in block.as_chunks::<16>().0.iter().enumerate() {
            let (w, d) = classify16(sixteen);
            word |= w << (16 * k);
            decode |= d << (16 * k);
        }
        (word, decode)
    }

    /// The masks of 16 bytes, as signed bytes compared lane by lane.
    #[inline(always)]
    fn classify16(bytes: &[u8; 16]) -> (u64, u64) {
        let splat = set_splat_i8_m128i;
        let v = load_unaligned_m128i(bytes);
        // ASCII bytes are non-negative; a byte of a non-ASCII character is negative, and its sign
        // bit alone marks it as a word byte.
        let lower = bitor_m128i(v, splat(0x20));
        let letter = bitand_m128i(
            cmp_gt_mask_i8_m128i(lower, splat(0x60)),
            cmp_lt_mask_i8_m128i(lower, splat(0x7B)),
        );
        let digit = bitand_m128i(
            cmp_gt_mask_i8_m128i(v, splat(0x2F)),
            cmp_lt_mask_i8_m128i(v, splat(0x3A)),
        );
        let underscore = cmp_eq_mask_i8_m128i(v, splat(0x5F));
        let word = bitor_m128i(bitor_m128i(letter, digit), bitor_m128i(underscore, v));
        // Lead bytes C0–FF are -64..=-1; D0 and D1 are Cyrillic.
        let lead = bitand_m128i(cmp_gt_mask_i8_m128i(v, splat(-65)), v);
        let cyrillic = cmp_eq_mask_i8_m128i(bitand_m128i(v, splat(-2)), splat(-48));
        let decode = bitandnot_m128i(cyrillic, lead);
        let bits = |m| u64::from(move_mask_i8_m128i(m) as u16);
        (bits(word), bits(decode))
    }
}

/// Appends the word `text[start..end]`.
#[inline(always)]
fn push_word(
    text: &str,
    out: &mut Vec<Word>,
    start: usize,
    end: usize,
    admit: &impl Fn(u16) -> bool,
) {
    let bytes = text.as_bytes();
    let hash = if admit(prefix(bytes, start, end)) {
        nonzero(hash_span(bytes, start, end))
    } else {
        0
    };
    out.push(Word { start, end, hash });
}

/// Classifies 8 bytes (little-endian in a `u64`): the bits of the word bytes, and the bits of
/// the lead bytes that must be decoded (non-ASCII, not Cyrillic `D0`/`D1`).
#[inline]
fn classify8(x: u64) -> (u64, u64) {
    const H: u64 = 0x8080_8080_8080_8080;
    const fn rep(b: u8) -> u64 {
        0x0101_0101_0101_0101 * b as u64
    }
    let high = x & H;
    let y = x & !H;
    // ASCII ranges, by adding so that the high bit of a byte says "at least": y < 0x80, so no
    // byte carries into the next.
    let lower = y | rep(0x20);
    let letter = (lower + rep(0x80 - b'a')) & !(lower + rep(0x80 - b'z' - 1));
    let digit = (y + rep(0x80 - b'0')) & !(y + rep(0x80 - b'9' - 1));
    let underscore = !((y ^ rep(b'_')) + rep(0x7F));
    let word = (high | letter | digit | underscore) & H;
    // Lead bytes (0b11xx_xxxx) other than D0 and D1.
    let lead = x & (x << 1) & H;
    let cyrillic = {
        let t = y & !rep(1); // D0 and D1 both become 0x50
        !((t ^ rep(0x50)) + rep(0x7F)) & H
    };
    let decode = lead & !cyrillic;
    (gather(word), gather(decode))
}

/// The high bits of the 8 bytes of `h` (all other bits clear) as an 8-bit mask, byte 0 first.
#[inline]
fn gather(h: u64) -> u64 {
    ((h >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// The character at byte `i` and its length, with a fast path for ASCII.
#[inline]
fn char_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        return (char::from(b), 1);
    }
    match s.get(i..).and_then(|rest| rest.chars().next()) {
        Some(c) => (c, c.len_utf8()),
        None => ('\u{0}', 1),
    }
}

const P0: u64 = 0xa076_1d64_78bd_642f;
const P1: u64 = 0xe703_7ed1_a0b4_28db;
const P2: u64 = 0x8ebc_6af0_9c88_c6e3;

/// The wyhash mix: a 128-bit product folded to 64 bits.
#[inline]
fn mix(a: u64, b: u64) -> u64 {
    let r = u128::from(a).wrapping_mul(u128::from(b));
    (r as u64) ^ ((r >> 64) as u64)
}

/// 8 bytes of `bytes` from `at`, little-endian (`at + 8 <= bytes.len()`).
#[inline]
fn load8(bytes: &[u8], at: usize) -> u64 {
    let mut b = [0u8; 8];
    b.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(b)
}

/// The `len < 8` bytes of `bytes` from `at`, little-endian, zero-extended. Reads a whole word
/// around them when the buffer allows, instead of copying byte by byte.
#[inline]
fn load_tail(bytes: &[u8], at: usize, len: usize) -> u64 {
    if len == 0 {
        return 0;
    }
    let keep = u64::MAX >> (64 - 8 * len.min(8));
    if at + 8 <= bytes.len() {
        return load8(bytes, at) & keep;
    }
    if at + len >= 8 {
        return load8(bytes, at + len - 8) >> ((8 - len) * 8);
    }
    let mut b = [0u8; 8];
    b[..len].copy_from_slice(&bytes[at..at + len]);
    u64::from_le_bytes(b)
}

/// A 64-bit hash of `bytes[start..end]`, after wyhash. Up to 16 bytes (nearly every word) are
/// read as the first 8 bytes and the last 8, overlapping, with no loop and, away from the end of
/// the buffer, no branch on the length (word lengths are unpredictable); longer spans 16 bytes
/// at a time. The value depends only on the span's bytes. Keys that still collide are told
/// apart when the matcher is built.
#[inline(always)]
pub(crate) fn hash_span(bytes: &[u8], start: usize, end: usize) -> u64 {
    let len = end - start;
    let mut seed = P0 ^ (len as u64).wrapping_mul(P1);
    let (a, b) = if (1..=16).contains(&len) && start + 8 <= bytes.len() {
        // The first min(len, 8) bytes; the last 8 if there are more than 8, else nothing.
        let a = load8(bytes, start) & (u64::MAX >> (64 - 8 * len.min(8)));
        let more = (8usize.wrapping_sub(len) as i64 >> 63) as u64;
        let b = load8(bytes, end.max(start + 8) - 8) & more;
        (a, b)
    } else if len <= 16 {
        let a = load_tail(bytes, start, len.min(8));
        let b = if len > 8 { load8(bytes, end - 8) } else { 0 };
        (a, b)
    } else {
        let mut i = start;
        while end - i > 16 {
            seed = mix(load8(bytes, i) ^ P1, load8(bytes, i + 8) ^ seed);
            i += 16;
        }
        (load8(bytes, end - 16), load8(bytes, end - 8))
    };
    mix(a ^ P1, b ^ seed)
}

/// Whether two byte strings are equal, compared 8 bytes at a time inline (they are short: a
/// call to `memcmp` costs more than the comparison).
#[inline]
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n < 8 {
        return a.iter().zip(b).all(|(x, y)| x == y);
    }
    let mut i = 0;
    while i + 8 < n {
        if load8(a, i) != load8(b, i) {
            return false;
        }
        i += 8;
    }
    load8(a, n - 8) == load8(b, n - 8)
}

/// The hash of the separator `text[start..end]` between two words, folded (a no-break space
/// hashes as a space).
#[inline]
pub(crate) fn sep_hash(text: &str, start: usize, end: usize) -> u64 {
    let sep = &text.as_bytes()[start..end];
    if sep.is_ascii() {
        return hash_span(sep, 0, sep.len());
    }
    let folded = fold_str(text.get(start..end).unwrap_or_default());
    hash_span(folded.as_bytes(), 0, folded.len())
}

/// The key of a word sequence extended by a separator and one more word. The key of one word is
/// its hash ([`Word::hash`]). Never 0.
#[inline]
pub(crate) fn extend_key(key: u64, sep: u64, word: u64) -> u64 {
    nonzero(mix(key ^ sep.rotate_left(29), P2) ^ word)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// The key of a whole text, as the matcher computes it word by word.
    fn key_of(text: &str, scratch: &mut Vec<Word>) -> Option<u64> {
        scratch.clear();
        words(text, scratch, |_| true);
        let (first, rest) = scratch.split_first()?;
        let mut key = first.hash;
        let mut prev = first.end;
        for w in rest {
            key = extend_key(key, sep_hash(text, prev, w.start), w.hash);
            prev = w.end;
        }
        Some(key)
    }

    #[test]
    fn every_character_is_classified_like_is_word_char() {
        for c in
            ('\u{0}'..='\u{52f}').chain(['€', '„', '“', '«', '»', '\u{a0}', '—', '−', 'ʼ', '😀'])
        {
            for text in [
                format!("{c}"),
                format!("a{c}b"),
                format!("{}{c}", "x".repeat(63)),
            ] {
                let mut out = Vec::new();
                words(&text, &mut out, |_| true);
                let got: Vec<(usize, usize)> = out.iter().map(|w| (w.start, w.end)).collect();
                assert_eq!(got, words_by_chars(&text), "{c:?} U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn block_masks_agree_with_the_portable_version() {
        let mut rng = 0x0123_4567_89ab_cdefu64;
        let alphabet: Vec<char> = "aZ9_ -.,'’\u{a0}«»—ЖжїЇёäßéė×÷ʼ€\u{301}ӀҐ😀\u{7f}@[`{"
            .chars()
            .collect();
        for _ in 0..2000 {
            let mut block = [0u8; 64];
            let mut text = String::new();
            while text.len() < 64 {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                text.push(alphabet[(rng % alphabet.len() as u64) as usize]);
            }
            block.copy_from_slice(&text.as_bytes()[..64]);
            assert_eq!(block_masks(&block), block_masks_swar(&block), "{text:?}");
        }
        for b in 0..=255u8 {
            let block = [b; 64];
            assert_eq!(block_masks(&block), block_masks_swar(&block), "{b:#x}");
        }
    }

    #[test]
    fn same_bytes_is_equality() {
        let text = b"abcdefghijklmnopqrstuvwxyzabcdefghij";
        for (i, j) in [(0, 26), (1, 27), (0, 1), (3, 3)] {
            for len in 0..=(text.len() - i.max(j)) {
                let (a, b) = (&text[i..i + len], &text[j..j + len]);
                assert_eq!(same_bytes(a, b), a == b, "{i} {j} {len}");
            }
        }
        assert!(!same_bytes(b"abc", b"abcd"));
    }

    #[test]
    fn hash_does_not_depend_on_what_surrounds_the_span() {
        let text = "abcdefghijklmnopqrstuvwxyz0123456789";
        for start in 0..text.len() {
            for end in start..=text.len() {
                let alone = &text.as_bytes()[start..end];
                assert_eq!(
                    hash_span(text.as_bytes(), start, end),
                    hash_span(alone, 0, alone.len()),
                    "{start}..{end}"
                );
            }
        }
    }

    #[test]
    fn folded_separators_give_the_same_key() {
        let mut scratch = Vec::new();
        let plain = key_of("Yamalo-Nenets Okrug", &mut scratch);
        let typographic = key_of("Yamalo\u{2011}Nenets\u{a0}Okrug", &mut scratch);
        assert_eq!(plain, typographic);
        assert_ne!(plain, key_of("Yamalo Nenets Okrug", &mut scratch));
        assert_ne!(plain, key_of("YamaloNenets Okrug", &mut scratch));
    }

    /// The definition: maximal runs of [`is_word_char`], character by character.
    fn words_by_chars(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices() {
            match (is_word_char(c), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    out.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            out.push((s, text.len()));
        }
        out
    }

    #[test]
    fn blocks_agree_with_characters() {
        let alphabet: Vec<char> = "aZ9_ -.,'’\u{a0}«»—ЖжїЇёäßéė×÷ʼ€\u{301}ӀҐ\u{2011}😀x\u{10ffff}"
            .chars()
            .collect();
        let mut rng = 0x1234_5678_9abc_def0u64;
        for len in (0..300).chain([1000, 4000]) {
            let text: String = (0..len)
                .map(|_| {
                    rng ^= rng << 13;
                    rng ^= rng >> 7;
                    rng ^= rng << 17;
                    alphabet[(rng % alphabet.len() as u64) as usize]
                })
                .collect();
            let mut out = Vec::new();
            words(&text, &mut out, |_| true);
            let got: Vec<(usize, usize)> = out.iter().map(|w| (w.start, w.end)).collect();
            assert_eq!(got, words_by_chars(&text), "{text:?}");
            for w in &out {
                let alone = &text.as_bytes()[w.start..w.end];
                assert_eq!(w.hash, nonzero(hash_span(alone, 0, alone.len())));
            }
        }
    }

    #[test]
    fn splits_words_at_punctuation_and_symbols() {
        let text = "«Ростех» said: Zelensky’s — U.S. Präsident Nausėda×2";
        let mut out = Vec::new();
        words(text, &mut out, |_| true);
        let found: Vec<&str> = out.iter().map(|w| &text[w.start..w.end]).collect();
        assert_eq!(
            found,
            [
                "Ростех",
                "said",
                "Zelensky",
                "s",
                "U",
                "S",
                "Präsident",
                "Nausėda",
                "2"
            ]
        );
    }
}
