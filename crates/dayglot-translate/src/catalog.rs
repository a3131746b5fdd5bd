//! The in-memory form of a PO file: a [`Catalog`] of [`Entry`]s, each string with its byte span.

use dayglot_core::{SegmentId, Span};

/// A string of a PO file (`msgctxt`, `msgid`, `msgstr`...) after unescaping, with where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PoString {
    /// The value, escapes resolved and continuation lines joined.
    pub value: String,
    /// From the opening quotation mark of the first line to the closing one of the last line
    /// (empty for strings made in memory).
    pub span: Span,
}

impl PoString {
    /// A string made in memory (no span).
    pub fn new(value: impl Into<String>) -> Self {
        Self {
            value: value.into(),
            span: Span::default(),
        }
    }
}

/// One comment line of an entry (`# note`, `#. extracted`, `#: reference`), without its marker.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Comment {
    /// The text after the marker and one space.
    pub text: String,
    /// The whole comment line, marker included (empty for comments made in memory).
    pub span: Span,
}

impl Comment {
    /// A comment made in memory (no span).
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            span: Span::default(),
        }
    }
}

/// One entry of a PO file.
///
/// In a dayglot translation file `msgctxt` is the segment id, `msgid` the source text the
/// translation was made from and `msgstr` the translation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Entry {
    /// `# ` lines: the translator's notes (and `dayglot-accept:` lines).
    pub translator_comments: Vec<Comment>,
    /// `#.` lines: notes for translators written by tools.
    pub extracted_comments: Vec<Comment>,
    /// `#:` lines: references.
    pub references: Vec<Comment>,
    /// `#,` flags such as `fuzzy`, in the order written.
    pub flags: Vec<String>,
    /// `#| msgctxt`: the context before the last refresh.
    pub previous_msgctxt: Option<PoString>,
    /// `#| msgid`: the source text before the last refresh.
    pub previous_msgid: Option<PoString>,
    /// `#| msgid_plural`.
    pub previous_msgid_plural: Option<PoString>,
    /// `msgctxt`: the segment id.
    pub msgctxt: Option<PoString>,
    /// `msgid`: the source text.
    pub msgid: PoString,
    /// `msgid_plural` (parsed, but day segments have no plural forms).
    pub msgid_plural: Option<PoString>,
    /// `msgstr`: the translation (unused when the entry has `msgid_plural`).
    pub msgstr: PoString,
    /// `msgstr[N]` in order, for plural entries.
    pub msgstr_plural: Vec<PoString>,
    /// Whether the entry is commented out with `#~` (kept, reported, never applied).
    pub obsolete: bool,
    /// Whether a syntax error was found inside the entry (a string may be cut short): such an
    /// entry is never applied, the segment falls back to the source text.
    pub has_errors: bool,
    /// From the first line of the entry to the end of its last line.
    pub span: Span,
}

impl Entry {
    /// Whether the entry is flagged `fuzzy` (needs review).
    pub fn is_fuzzy(&self) -> bool {
        self.flags.iter().any(|f| f == "fuzzy")
    }

    /// The segment id in `msgctxt`, if there is one and it has the shape of an id.
    pub fn segment_id(&self) -> Option<SegmentId> {
        self.msgctxt
            .as_ref()
            .and_then(|c| SegmentId::parse(&c.value))
    }

    /// The translator's note: the `# ` comment lines that are not part of an
    /// [acceptance](Acceptance) (its first line or a continuation line of its reason), joined
    /// with line breaks; `None` when there are none.
    pub fn note(&self) -> Option<String> {
        let texts: Vec<&str> = self
            .translator_comments
            .iter()
            .map(|c| c.text.as_str())
            .collect();
        let mut in_acceptance = vec![false; texts.len()];
        for (start, end) in acceptance_blocks(&texts) {
            in_acceptance[start..end].iter_mut().for_each(|b| *b = true);
        }
        let lines: Vec<&str> = texts
            .iter()
            .zip(&in_acceptance)
            .filter(|(_, inside)| !**inside)
            .map(|(t, _)| *t)
            .collect();
        (!lines.is_empty()).then(|| lines.join("\n"))
    }

    /// The consistency-check findings the translator accepted for this entry (see
    /// [`Acceptance::parse_comments`]).
    pub fn acceptances(&self) -> Vec<Acceptance> {
        Acceptance::parse_comments(&self.translator_comments)
    }
}

/// The prefix of a translator comment that accepts a consistency-check finding.
pub const ACCEPT_PREFIX: &str = "dayglot-accept:";

/// A consistency-check finding accepted for one segment by a translator comment
/// `# dayglot-accept: <code> <reason>`.
///
/// The reason may go on over the following comment lines, as tools that wrap comments write it
/// (polib wraps them at 78 columns). The rule, for PO and Fluent comments alike:
///
/// - an acceptance starts at a line whose text begins with `dayglot-accept:`;
/// - every following comment line is part of its reason, up to (not including) the next
///   `dayglot-accept:` line, an empty comment line (`#` alone), or the end of the comments;
/// - the lines are joined with one space, except that a line ending in a letter or digit and a
///   hyphen, followed by a line starting with a letter or digit, is joined without one (a word
///   wrapped at its hyphen, as Python's `textwrap` does: `quote-` + `count`).
///
/// So a note for translators goes *above* the acceptances of an entry, or is separated from
/// them by an empty `#` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acceptance {
    /// The finding's code (`check::quote-count`).
    pub code: String,
    /// Why the finding does not apply (may be empty; the check should then report that).
    pub reason: String,
    /// From the start of the `dayglot-accept:` line to the end of its last continuation line
    /// (empty when read from lines without spans, see [`Acceptance::parse_lines`]).
    pub span: Span,
}

impl Acceptance {
    /// Reads an acceptance from one translator comment line, if it is one (its reason as far
    /// as that line goes; [`Acceptance::parse_comments`] reads continuation lines too).
    pub fn parse(comment: &Comment) -> Option<Self> {
        let (code, reason) = acceptance_head(&comment.text)?;
        Some(Self {
            code: code.to_owned(),
            reason: reason.to_owned(),
            span: comment.span,
        })
    }

    /// Reads every acceptance from an entry's translator comments, each with the continuation
    /// lines of its reason (see [`Acceptance`] for the rule).
    pub fn parse_comments(comments: &[Comment]) -> Vec<Self> {
        let texts: Vec<&str> = comments.iter().map(|c| c.text.as_str()).collect();
        acceptance_blocks(&texts)
            .into_iter()
            .filter_map(|(start, end)| {
                let mut a = from_lines(&texts[start..end])?;
                a.span = Span::new(comments[start].span.start, comments[end - 1].span.end);
                Some(a)
            })
            .collect()
    }

    /// Reads every acceptance from the lines of a comment, each line without its comment marker
    /// (the content lines of a Fluent comment: `dayglot-accept: check::… reason`). The same
    /// rule as for PO comments; the acceptances have empty spans.
    pub fn parse_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> Vec<Self> {
        let texts: Vec<&str> = lines.into_iter().collect();
        acceptance_blocks(&texts)
            .into_iter()
            .filter_map(|(start, end)| from_lines(&texts[start..end]))
            .collect()
    }
}

/// The code and the first line's reason, if `text` starts an acceptance.
fn acceptance_head(text: &str) -> Option<(&str, &str)> {
    let rest = text.trim_start().strip_prefix(ACCEPT_PREFIX)?.trim();
    let (code, reason) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    Some((code, reason.trim()))
}

/// The line ranges (`start..end`) of the acceptances among comment texts: each `dayglot-accept:`
/// line and the continuation lines of its reason.
fn acceptance_blocks(texts: &[&str]) -> Vec<(usize, usize)> {
    let mut blocks = Vec::new();
    let mut k = 0;
    while k < texts.len() {
        if acceptance_head(texts[k]).is_none() {
            k += 1;
            continue;
        }
        let start = k;
        k += 1;
        while k < texts.len() && !texts[k].trim().is_empty() && acceptance_head(texts[k]).is_none()
        {
            k += 1;
        }
        blocks.push((start, k));
    }
    blocks
}

/// One acceptance from its lines (the first is the `dayglot-accept:` line).
fn from_lines(lines: &[&str]) -> Option<Acceptance> {
    let (first, rest) = lines.split_first()?;
    let (code, reason) = acceptance_head(first)?;
    let mut reason = reason.to_owned();
    for line in rest {
        let line = line.trim();
        let wrapped_at_hyphen = {
            let mut tail = reason.chars().rev();
            tail.next() == Some('-')
                && tail.next().is_some_and(char::is_alphanumeric)
                && line.chars().next().is_some_and(char::is_alphanumeric)
        };
        if !reason.is_empty() && !wrapped_at_hyphen {
            reason.push(' ');
        }
        reason.push_str(line);
    }
    Some(Acceptance {
        code: code.to_owned(),
        reason,
        span: Span::default(),
    })
}

/// A parsed PO file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Catalog {
    /// The header entry (`msgid ""`), if the file has one.
    pub header: Option<Entry>,
    /// The other entries in file order, obsolete ones included.
    pub entries: Vec<Entry>,
    /// The whole text (for diagnostics that point at the end of the file).
    pub span: Span,
    /// Where the header's `Language: xx` field is written, if it is.
    pub language_span: Option<Span>,
}

impl Catalog {
    /// The active entry for a segment (the first one, if the file repeats it).
    pub fn get(&self, id: &SegmentId) -> Option<&Entry> {
        self.active()
            .find(|e| e.msgctxt.as_ref().is_some_and(|c| c.value == id.as_str()))
    }

    /// The entries that are not obsolete.
    pub fn active(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| !e.obsolete)
    }

    /// The obsolete (`#~`) entries.
    pub fn obsolete(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| e.obsolete)
    }

    /// The header fields (`Language: bg` lines of the header's msgstr), in order.
    pub fn header_fields(&self) -> Vec<(&str, &str)> {
        let Some(header) = &self.header else {
            return Vec::new();
        };
        header
            .msgstr
            .value
            .lines()
            .filter_map(|line| line.split_once(':'))
            .map(|(k, v)| (k.trim(), v.trim()))
            .collect()
    }

    /// The value of one header field.
    pub fn header_field(&self, name: &str) -> Option<&str> {
        self.header_fields()
            .into_iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }

    /// The header's `Language:` field.
    pub fn language(&self) -> Option<&str> {
        self.header_field("Language")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comments(lines: &[&str]) -> Vec<Comment> {
        let mut at = 0;
        lines
            .iter()
            .map(|l| {
                let span = Span::new(at, at + l.len() + 2);
                at = span.end + 1;
                Comment {
                    text: (*l).to_owned(),
                    span,
                }
            })
            .collect()
    }

    #[test]
    fn a_reason_goes_on_over_the_following_lines() {
        let c = comments(&[
            "A note first.",
            "dayglot-accept: check::quote-count Bulgarian sets company names in „…“ (the",
            "source writes Rostec bare): one quotation more than the English.",
            "dayglot-accept: check::number-mismatch the state-",
            "run agency rounds it",
            "",
            "A note after an empty line.",
        ]);
        let accepted = Acceptance::parse_comments(&c);
        assert_eq!(accepted.len(), 2);
        assert_eq!(accepted[0].code, "check::quote-count");
        assert_eq!(
            accepted[0].reason,
            "Bulgarian sets company names in „…“ (the source writes Rostec bare): one quotation more than the English."
        );
        assert_eq!(accepted[0].span, Span::new(c[1].span.start, c[2].span.end));
        assert_eq!(accepted[1].reason, "the state-run agency rounds it");
        let entry = Entry {
            translator_comments: c,
            ..Entry::default()
        };
        assert_eq!(entry.acceptances(), accepted);
        assert_eq!(
            entry.note().as_deref(),
            Some("A note first.\n\nA note after an empty line.")
        );
    }

    #[test]
    fn fluent_comment_lines_follow_the_same_rule() {
        let accepted = Acceptance::parse_lines([
            "dayglot-accept: check::fluent-variable $case is this term's own",
            "parameter, not a variable the page passes.",
            "dayglot-accept: check::other",
        ]);
        assert_eq!(accepted.len(), 2);
        assert_eq!(
            accepted[0].reason,
            "$case is this term's own parameter, not a variable the page passes."
        );
        assert_eq!(
            (accepted[1].code.as_str(), accepted[1].reason.as_str()),
            ("check::other", "")
        );
        assert!(Acceptance::parse_lines(["just a note"]).is_empty());
    }
}
