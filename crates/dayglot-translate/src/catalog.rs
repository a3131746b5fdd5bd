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

    /// The translator's note: the `# ` comment lines that are not [acceptances](Acceptance),
    /// joined with line breaks; `None` when there are none.
    pub fn note(&self) -> Option<String> {
        let lines: Vec<&str> = self
            .translator_comments
            .iter()
            .filter(|c| Acceptance::parse(c).is_none())
            .map(|c| c.text.as_str())
            .collect();
        (!lines.is_empty()).then(|| lines.join("\n"))
    }

    /// The consistency-check findings the translator accepted for this entry.
    pub fn acceptances(&self) -> Vec<Acceptance> {
        self.translator_comments
            .iter()
            .filter_map(Acceptance::parse)
            .collect()
    }
}

/// The prefix of a translator comment that accepts a consistency-check finding.
pub const ACCEPT_PREFIX: &str = "dayglot-accept:";

/// A consistency-check finding accepted for one segment by a translator comment
/// `# dayglot-accept: <code> <reason>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acceptance {
    /// The finding's code (`check::quote-count`).
    pub code: String,
    /// Why the finding does not apply (may be empty; the check should then report that).
    pub reason: String,
    /// The comment line.
    pub span: Span,
}

impl Acceptance {
    /// Reads an acceptance from a translator comment, if it is one.
    pub fn parse(comment: &Comment) -> Option<Self> {
        let rest = comment
            .text
            .trim_start()
            .strip_prefix(ACCEPT_PREFIX)?
            .trim();
        let (code, reason) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        Some(Self {
            code: code.to_owned(),
            reason: reason.trim().to_owned(),
            span: comment.span,
        })
    }
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
