//! A line diff between two extractions of the same page, to report what changed on re-fetch.

use similar::{Algorithm, DiffTag, capture_diff_slices};

/// One line of a diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffLine<'a> {
    /// In both texts.
    Same(&'a str),
    /// Only in the old text.
    Removed(&'a str),
    /// Only in the new text.
    Added(&'a str),
}

/// The largest `old lines × new lines` compared line by line; beyond it the texts are reported
/// as replaced whole (a day summary has about a hundred lines). Myers' algorithm takes time in
/// the product of the length and the number of differences, so this bounds the cost.
const MAX_CELLS: usize = 4_000_000;

/// The lines of `old` and `new` with what was removed and added: a shortest edit script
/// (Myers' algorithm), so as few lines as possible are reported; in each change the removed
/// lines come before the added ones. Blank lines are left out: they only separate paragraphs.
pub fn diff_lines<'a>(old: &'a str, new: &'a str) -> Vec<DiffLine<'a>> {
    let a: Vec<&str> = old.lines().filter(|l| !l.trim().is_empty()).collect();
    let b: Vec<&str> = new.lines().filter(|l| !l.trim().is_empty()).collect();
    if a.len().saturating_mul(b.len()) > MAX_CELLS {
        return a
            .iter()
            .map(|l| DiffLine::Removed(l))
            .chain(b.iter().map(|l| DiffLine::Added(l)))
            .collect();
    }
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &a, &b) {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            out.extend(a[old_range].iter().map(|l| DiffLine::Same(l)));
        } else {
            out.extend(a[old_range].iter().map(|l| DiffLine::Removed(l)));
            out.extend(b[new_range].iter().map(|l| DiffLine::Added(l)));
        }
    }
    out
}

/// The changed lines only, as `- old` / `+ new` lines; empty when nothing changed.
pub fn render_diff(old: &str, new: &str) -> String {
    let mut out = String::new();
    for line in diff_lines(old, new) {
        match line {
            DiffLine::Same(_) => {}
            DiffLine::Removed(l) => out.push_str(&format!("- {l}\n")),
            DiffLine::Added(l) => out.push_str(&format!("+ {l}\n")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_changed_lines() {
        let old = "Title\n\nOne\n\nTwo\n\nThree\n";
        let new = "Title\n\nOne\n\nTwo, corrected\n\nThree\n\nFour\n";
        assert_eq!(render_diff(old, new), "- Two\n+ Two, corrected\n+ Four\n");
        assert_eq!(render_diff(old, old), "");
    }

    #[test]
    fn a_change_is_reported_removed_then_added() {
        let old = "A\nB\nC\nD\n";
        let new = "A\nX\nY\nD\nE\n";
        assert_eq!(render_diff(old, new), "- B\n- C\n+ X\n+ Y\n+ E\n");
        assert_eq!(render_diff("", "One\n\nTwo\n"), "+ One\n+ Two\n");
        assert_eq!(render_diff("One\n", ""), "- One\n");
    }

    #[test]
    fn the_fewest_lines_are_reported() {
        // Every line kept in order is `Same`: the number of removed and added lines is the
        // smallest possible (one line moved is one removal and one addition).
        let old: String = (0..50).map(|k| format!("line {k}\n")).collect();
        let mut lines: Vec<String> = (0..50).map(|k| format!("line {k}")).collect();
        let moved = lines.remove(10);
        lines.insert(40, moved);
        lines[20] = "line 20, corrected".to_owned();
        let new = lines.join("\n");
        let diff = diff_lines(&old, &new);
        let count = |f: fn(&DiffLine<'_>) -> bool| diff.iter().filter(|l| f(l)).count();
        assert_eq!(count(|l| matches!(l, DiffLine::Removed(_))), 2);
        assert_eq!(count(|l| matches!(l, DiffLine::Added(_))), 2);
        assert_eq!(count(|l| matches!(l, DiffLine::Same(_))), 48);
    }

    #[test]
    fn huge_inputs_are_replaced_whole() {
        let old: String = (0..2_100).map(|k| format!("old {k}\n")).collect();
        let new: String = (0..2_100).map(|k| format!("new {k}\n")).collect();
        let diff = diff_lines(&old, &new);
        assert_eq!(diff.len(), 4_200);
        assert_eq!(diff[0], DiffLine::Removed("old 0"));
        assert_eq!(diff[2_100], DiffLine::Added("new 0"));
    }
}
