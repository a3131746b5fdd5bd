//! A word diff, to show how a source sentence changed.

use similar::{Algorithm, DiffTag, capture_diff_slices};

/// One piece of a word diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffPart {
    /// Text in both versions.
    Same(String),
    /// Text only in the old version.
    Removed(String),
    /// Text only in the new version.
    Added(String),
}

/// Above this many token pairs the diff is not computed word by word (the sentences are simply
/// shown as removed and added), to keep the cost bounded on huge inputs (Myers' algorithm takes
/// time in the product of the length and the number of differences).
const MAX_CELLS: usize = 1_000_000;

/// Diffs two texts word by word (words, punctuation marks and the white space between them are
/// the tokens), by Myers' algorithm (a shortest edit script). Changes separated only by white
/// space are shown as one change, removed text before added text.
pub fn word_diff(old: &str, new: &str) -> Vec<DiffPart> {
    let a = tokens(old);
    let b = tokens(new);
    if a.len().saturating_mul(b.len()) > MAX_CELLS {
        let mut parts = Vec::new();
        push(&mut parts, DiffPart::Removed(old.to_owned()));
        push(&mut parts, DiffPart::Added(new.to_owned()));
        return parts;
    }
    let mut ops = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &a, &b) {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            ops.extend(a[old_range].iter().map(|t| DiffPart::Same((*t).to_owned())));
            continue;
        }
        ops.extend(
            a[old_range]
                .iter()
                .map(|t| DiffPart::Removed((*t).to_owned())),
        );
        ops.extend(
            b[new_range]
                .iter()
                .map(|t| DiffPart::Added((*t).to_owned())),
        );
    }
    coalesce(ops)
}

/// Merges each run of changes (white space between changes included) into one removal followed
/// by one addition.
fn coalesce(ops: Vec<DiffPart>) -> Vec<DiffPart> {
    let is_change =
        |p: Option<&DiffPart>| matches!(p, Some(DiffPart::Removed(_) | DiffPart::Added(_)));
    let mut parts = Vec::new();
    let (mut removed, mut added) = (String::new(), String::new());
    let flush = |parts: &mut Vec<DiffPart>, removed: &mut String, added: &mut String| {
        // White space both sides end with is unchanged text.
        let mut tail = String::new();
        while let (Some(r), Some(a)) = (removed.chars().last(), added.chars().last()) {
            if r != a || !r.is_whitespace() {
                break;
            }
            removed.pop();
            added.pop();
            tail.insert(0, r);
        }
        if !removed.is_empty() {
            push(parts, DiffPart::Removed(std::mem::take(removed)));
        }
        if !added.is_empty() {
            push(parts, DiffPart::Added(std::mem::take(added)));
        }
        if !tail.is_empty() {
            push(parts, DiffPart::Same(tail));
        }
    };
    for (k, op) in ops.iter().enumerate() {
        match op {
            DiffPart::Removed(s) => removed.push_str(s),
            DiffPart::Added(s) => added.push_str(s),
            DiffPart::Same(s)
                if s.trim().is_empty()
                    && k > 0
                    && is_change(ops.get(k - 1))
                    && is_change(ops.get(k + 1)) =>
            {
                removed.push_str(s);
                added.push_str(s);
            }
            DiffPart::Same(s) => {
                flush(&mut parts, &mut removed, &mut added);
                push(&mut parts, DiffPart::Same(s.clone()));
            }
        }
    }
    flush(&mut parts, &mut removed, &mut added);
    parts
}

/// Renders a word diff in `git diff --word-diff` style: `[-removed-]{+added+}`.
pub fn render_word_diff(parts: &[DiffPart]) -> String {
    let mut out = String::new();
    for part in parts {
        match part {
            DiffPart::Same(s) => out.push_str(s),
            DiffPart::Removed(s) => {
                out.push_str("[-");
                out.push_str(s);
                out.push_str("-]");
            }
            DiffPart::Added(s) => {
                out.push_str("{+");
                out.push_str(s);
                out.push_str("+}");
            }
        }
    }
    out
}

fn push(parts: &mut Vec<DiffPart>, part: DiffPart) {
    match (parts.last_mut(), &part) {
        (Some(DiffPart::Same(a)), DiffPart::Same(b))
        | (Some(DiffPart::Removed(a)), DiffPart::Removed(b))
        | (Some(DiffPart::Added(a)), DiffPart::Added(b)) => a.push_str(b),
        _ => parts.push(part),
    }
}

/// Splits into tokens: maximal runs of white space, maximal runs of letters and digits, and
/// every other character on its own.
fn tokens(text: &str) -> Vec<&str> {
    #[derive(PartialEq, Clone, Copy)]
    enum Class {
        Space,
        Word,
        Other,
    }
    let class = |c: char| {
        if c.is_whitespace() {
            Class::Space
        } else if c.is_alphanumeric() {
            Class::Word
        } else {
            Class::Other
        }
    };
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<Class> = None;
    for (i, c) in text.char_indices() {
        let k = class(c);
        if prev.is_some_and(|p| p != k || k == Class::Other) {
            out.push(&text[start..i]);
            start = i;
        }
        prev = Some(k);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_the_changed_words() {
        let d = word_diff(
            "Zelensky arrived in Vilnius on Tuesday.",
            "Zelensky arrived in Riga on Wednesday.",
        );
        assert_eq!(
            render_word_diff(&d),
            "Zelensky arrived in [-Vilnius-]{+Riga+} on [-Tuesday-]{+Wednesday+}."
        );
        let d = word_diff(
            "equipment was ramped up.",
            "equipment had been ramped up sharply.",
        );
        assert_eq!(
            render_word_diff(&d),
            "equipment [-was-]{+had been+} ramped up{+ sharply+}."
        );
    }

    #[test]
    fn equal_and_empty_texts() {
        assert_eq!(word_diff("a b", "a b"), vec![DiffPart::Same("a b".into())]);
        assert_eq!(render_word_diff(&word_diff("", "new")), "{+new+}");
        assert!(word_diff("", "").is_empty());
    }

    proptest::proptest! {
        #[test]
        fn both_texts_can_be_read_back(old in "[a-c ,.]{0,30}", new in "[a-c ,.]{0,30}") {
            let parts = word_diff(&old, &new);
            let side = |keep_removed: bool| -> String {
                parts.iter().filter_map(|p| match p {
                    DiffPart::Same(s) => Some(s.as_str()),
                    DiffPart::Removed(s) if keep_removed => Some(s.as_str()),
                    DiffPart::Added(s) if !keep_removed => Some(s.as_str()),
                    _ => None,
                }).collect()
            };
            proptest::prop_assert_eq!(side(true), old);
            proptest::prop_assert_eq!(side(false), new);
        }
    }
}
