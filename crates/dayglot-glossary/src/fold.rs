//! Folding of typographic look-alikes before matching: no-break and thin spaces to a space,
//! non-breaking hyphens to `-`, typographic apostrophes to `'`.
//!
//! Glossary forms are folded when the matcher is built. A text is never copied to be folded:
//! all these characters separate words, and the matcher folds the separators between words
//! as it hashes them (`scan::sep_hash`), so mention spans point into the text as given.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_look_alikes_only() {
        assert_eq!(fold_str("a\u{a0}Zelensky’s x‑y"), "a Zelensky's x-y");
        assert!(matches!(fold_str("Zelensky — «Ростех»"), Cow::Borrowed(_)));
    }
}
