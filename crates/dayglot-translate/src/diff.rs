//! A word diff, to show how a source sentence changed.

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
/// shown as removed and added), to keep the cost bounded on huge inputs.
const MAX_CELLS: usize = 1_000_000;

/// Diffs two texts word by word (words and the white space between them are the tokens),
/// by longest common subsequence. Adjacent pieces of the same kind are merged.
pub fn word_diff(old: &str, new: &str) -> Vec<DiffPart> {
    let a = tokens(old);
    let b = tokens(new);
    let mut parts = Vec::new();
    if a.len().saturating_mul(b.len()) > MAX_CELLS {
        push(&mut parts, DiffPart::Removed(old.to_owned()));
        push(&mut parts, DiffPart::Added(new.to_owned()));
        return parts;
    }
    // lcs[i][j]: length of the LCS of a[i..] and b[j..].
    let w = b.len() + 1;
    let mut lcs = vec![0usize; (a.len() + 1) * w];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i * w + j] = if a[i] == b[j] {
                lcs[(i + 1) * w + j + 1] + 1
            } else {
                lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            push(&mut parts, DiffPart::Same(a[i].to_owned()));
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]) {
            push(&mut parts, DiffPart::Removed(a[i].to_owned()));
            i += 1;
        } else {
            push(&mut parts, DiffPart::Added(b[j].to_owned()));
            j += 1;
        }
    }
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

/// Splits into maximal runs of white space and of other characters.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev_space: Option<bool> = None;
    for (i, c) in text.char_indices() {
        let space = c.is_whitespace();
        if prev_space.is_some_and(|p| p != space) {
            out.push(&text[start..i]);
            start = i;
        }
        prev_space = Some(space);
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
            "Zelensky arrived in [-Vilnius-]{+Riga+} on [-Tuesday.-]{+Wednesday.+}"
        );
    }

    #[test]
    fn equal_and_empty_texts() {
        assert_eq!(word_diff("a b", "a b"), vec![DiffPart::Same("a b".into())]);
        assert_eq!(render_word_diff(&word_diff("", "new")), "{+new+}");
        assert!(word_diff("", "").is_empty());
    }
}
