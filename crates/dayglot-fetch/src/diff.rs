//! A line diff between two extractions of the same page, to report what changed on re-fetch.

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
/// as replaced whole (a day summary has about a hundred lines).
const MAX_CELLS: usize = 4_000_000;

/// The lines of `old` and `new` with what was removed and added (longest common subsequence).
/// Blank lines are left out: they only separate paragraphs.
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
    // lcs[i][j]: length of the LCS of a[i..] and b[j..].
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            out.push(DiffLine::Same(a[i]));
            i += 1;
            j += 1;
        } else if lcs[i + 1][j] >= lcs[i][j + 1] {
            out.push(DiffLine::Removed(a[i]));
            i += 1;
        } else {
            out.push(DiffLine::Added(b[j]));
            j += 1;
        }
    }
    out.extend(a[i..].iter().map(|l| DiffLine::Removed(l)));
    out.extend(b[j..].iter().map(|l| DiffLine::Added(l)));
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

/// A wall-clock time as RFC 3339 UTC (`2024-01-10T06:30:00Z`), for revision metadata. The
/// caller reads the clock; this only formats.
pub fn format_time(time: std::time::SystemTime) -> String {
    match jiff::Timestamp::try_from(time) {
        Ok(ts) => ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
        Err(_) => "unknown".into(),
    }
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
    fn formats_utc_times() {
        let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_704_868_200);
        assert_eq!(format_time(t), "2024-01-10T06:30:00Z");
    }
}
