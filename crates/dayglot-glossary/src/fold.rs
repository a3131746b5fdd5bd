//! Folding of typographic look-alikes before matching: no-break and thin spaces to a space,
//! non-breaking hyphens to `-`, typographic apostrophes to `'`.
//!
//! Glossary forms are folded when the matcher is built; a text is folded into a copy only when
//! it holds one of these characters, with a map back to the original byte offsets, so that
//! mention spans always point into the text as given.

use std::borrow::Cow;

/// The character a look-alike folds to, if it is one.
fn fold_char(c: char) -> Option<char> {
    match c {
        '\u{a0}' | '\u{202f}' | '\u{2007}' | '\u{2009}' => Some(' '),
        '\u{2010}' | '\u{2011}' => Some('-'),
        '\u{2019}' | '\u{02bc}' => Some('\''),
        _ => None,
    }
}

/// Whether a byte can start one of the folded characters (a cheap pre-check).
fn may_fold(b: u8) -> bool {
    matches!(b, 0xC2 | 0xCA | 0xE2)
}

/// `s` with look-alikes folded.
pub(crate) fn fold_str(s: &str) -> Cow<'_, str> {
    if !s.bytes().any(may_fold) || !s.chars().any(|c| fold_char(c).is_some()) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(|c| fold_char(c).unwrap_or(c)).collect())
}

/// A folded text and the way back to the original offsets.
pub(crate) struct Folded<'a> {
    /// The folded text.
    pub(crate) text: Cow<'a, str>,
    /// For every folded character: (offset in the folded text, offset in the original, the
    /// length difference so far after it). Sorted by folded offset.
    shifts: Vec<(usize, usize)>,
}

impl<'a> Folded<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        if !text.bytes().any(may_fold) || !text.chars().any(|c| fold_char(c).is_some()) {
            return Self {
                text: Cow::Borrowed(text),
                shifts: Vec::new(),
            };
        }
        let mut out = String::with_capacity(text.len());
        let mut shifts = Vec::new();
        for (i, c) in text.char_indices() {
            match fold_char(c) {
                Some(f) => {
                    out.push(f);
                    // After this character, folded offset `out.len()` maps to original `i + c.len_utf8()`.
                    shifts.push((out.len(), i + c.len_utf8()));
                }
                None => out.push(c),
            }
        }
        Self {
            text: Cow::Owned(out),
            shifts,
        }
    }

    /// The original offset of a folded offset (on a character boundary).
    pub(crate) fn original(&self, offset: usize) -> usize {
        let k = self.shifts.partition_point(|&(f, _)| f <= offset);
        if k == 0 {
            return offset;
        }
        let (f, o) = self.shifts[k - 1];
        o + (offset - f)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn maps_offsets_back() {
        let text = "a\u{a0}Zelensky’s x";
        let f = Folded::new(text);
        assert_eq!(f.text, "a Zelensky's x");
        let start = f.text.find("Zelensky").unwrap();
        let end = start + "Zelensky's".len();
        assert_eq!(&text[f.original(start)..f.original(end)], "Zelensky’s");
        assert_eq!(f.original(f.text.len()), text.len());
    }
}
