//! The PO parser: line-based, keeps byte spans, reports every problem and carries on.

use std::collections::BTreeMap;

use dayglot_core::{Diagnostic, LineIndex, Severity, Span};

use crate::catalog::{Catalog, Comment, Entry, PoString};

/// A parsed PO file and the problems found in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// What could be read; entries with errors are kept as far as they could be understood.
    pub catalog: Catalog,
    /// Every problem, in file order, with spans into the parsed text.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses the text of a PO file. Never fails and never panics: whatever is malformed is reported
/// as a [`Diagnostic`] (codes `po::syntax`, `po::bad-escape`, `po::unterminated-string`,
/// `po::missing-msgstr`, `po::duplicate-id`, `po::orphan-comment`, `po::bad-header`,
/// `po::empty-msgid`) and parsing goes on with the next line.
///
/// ```
/// let parsed = dayglot_translate::parse_po("msgctxt \"title\"\nmsgid \"Day 1\"\nmsgstr \"Ден 1\"\n");
/// assert!(parsed.diagnostics.is_empty());
/// assert_eq!(parsed.catalog.entries[0].msgstr.value, "Ден 1");
/// ```
pub fn parse_po(text: &str) -> Parsed {
    let mut parser = Parser {
        text,
        catalog: Catalog::default(),
        diagnostics: Vec::new(),
        entry: Builder::default(),
    };
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let content = raw.strip_suffix('\n').unwrap_or(raw);
        let content = content.strip_suffix('\r').unwrap_or(content);
        parser.line(offset, content);
        offset += raw.len();
    }
    parser.finish(true);
    parser.check_duplicates();
    parser.check_header();
    parser.catalog.span = Span::new(0, text.len());
    let Parser {
        catalog,
        mut diagnostics,
        ..
    } = parser;
    diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
    Parsed {
        catalog,
        diagnostics,
    }
}

/// Where a string continuation line goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Ctxt,
    Id,
    IdPlural,
    Str,
    StrPlural(usize),
    PrevCtxt,
    PrevId,
    PrevIdPlural,
    /// The keyword was wrong: continuation lines are checked but dropped.
    Discard,
}

impl Target {
    fn is_previous(self) -> bool {
        matches!(self, Self::PrevCtxt | Self::PrevId | Self::PrevIdPlural)
    }
}

/// The entry being read.
#[derive(Debug, Default)]
struct Builder {
    entry: Entry,
    /// Offset of the first line, once there is one.
    start: Option<usize>,
    /// End of the last line read into the entry.
    end: usize,
    has_keyword: bool,
    has_ctxt: bool,
    has_msgid: bool,
    has_plural: bool,
    has_msgstr: bool,
    last: Option<Target>,
    /// A syntax error was reported inside the entry (so a missing `msgstr` is not reported again).
    had_error: bool,
}

impl Builder {
    fn touch(&mut self, start: usize, end: usize) {
        self.start.get_or_insert(start);
        self.end = end;
    }
}

struct Parser<'a> {
    text: &'a str,
    catalog: Catalog,
    diagnostics: Vec<Diagnostic>,
    entry: Builder,
}

const KEYWORDS_HELP: &str = "a line starts with msgctxt, msgid, msgid_plural, msgstr, msgstr[N], a quoted string that continues the previous one, or # for a comment";

impl Parser<'_> {
    fn line(&mut self, start: usize, content: &str) {
        let trimmed = content.trim_start_matches([' ', '\t']);
        let at = start + (content.len() - trimmed.len());
        let end = start + content.len();
        if trimmed.trim_end().is_empty() {
            if self.entry.has_keyword {
                self.finish(false);
            }
            return;
        }
        if let Some(rest) = trimmed.strip_prefix("#~") {
            if let Some(prev) = rest.strip_prefix('|') {
                self.previous(prev, at + 3, start, end);
            } else {
                let body = rest.trim_start_matches([' ', '\t']);
                let body_at = at + 2 + (rest.len() - body.len());
                self.keyword_line(body, body_at, start, end, true);
            }
        } else if let Some(prev) = trimmed.strip_prefix("#|") {
            self.previous(prev, at + 2, start, end);
        } else if let Some(rest) = trimmed.strip_prefix('#') {
            self.comment(rest, start, end);
        } else {
            self.keyword_line(trimmed, at, start, end, false);
        }
    }

    /// A comment line (`rest` is the text after `#`).
    fn comment(&mut self, rest: &str, start: usize, end: usize) {
        if self.entry.has_keyword {
            self.finish(false);
        }
        self.entry.touch(start, end);
        self.entry.last = None;
        let span = Span::new(start, end);
        let text = |s: &str| s.strip_prefix(' ').unwrap_or(s).to_owned();
        let entry = &mut self.entry.entry;
        if let Some(flags) = rest.strip_prefix(',') {
            entry.flags.extend(
                flags
                    .split(',')
                    .map(str::trim)
                    .filter(|f| !f.is_empty())
                    .map(str::to_owned),
            );
        } else if let Some(r) = rest.strip_prefix('.') {
            entry.extracted_comments.push(Comment {
                text: text(r),
                span,
            });
        } else if let Some(r) = rest.strip_prefix(':') {
            entry.references.push(Comment {
                text: text(r),
                span,
            });
        } else {
            entry.translator_comments.push(Comment {
                text: text(rest),
                span,
            });
        }
    }

    /// A `#|` line (`rest` is the text after `#|`, starting at byte `at`).
    fn previous(&mut self, rest: &str, at: usize, start: usize, end: usize) {
        let body = rest.trim_start_matches([' ', '\t']);
        let body_at = at + (rest.len() - body.len());
        if body.starts_with('"') {
            let target = self.entry.last.filter(|t| t.is_previous());
            let Some((value, span)) = self.string(body, body_at) else {
                return;
            };
            match target {
                Some(target) => {
                    self.entry.touch(start, end);
                    self.append(target, &value, span);
                }
                None => self.diagnostics.push(
                    Diagnostic::error(
                        "po::syntax",
                        span,
                        "a `#|` string continuation with no `#| msgid` before it",
                    )
                    .with_label("continues nothing")
                    .with_help(
                        "start the previous text with `#| msgid \"...\"`, or remove the line",
                    ),
                ),
            }
            return;
        }
        if self.entry.has_keyword {
            self.finish(false);
        }
        let (keyword, after, after_at) = split_keyword(body, body_at);
        let target = match keyword {
            "msgctxt" => Target::PrevCtxt,
            "msgid" => Target::PrevId,
            "msgid_plural" => Target::PrevIdPlural,
            _ => {
                self.diagnostics.push(
                    Diagnostic::error(
                        "po::syntax",
                        token_span(body, body_at, keyword),
                        format!("unknown keyword `{keyword}` in a `#|` line"),
                    )
                    .with_label("expected msgctxt, msgid or msgid_plural")
                    .with_help("`#|` lines record the previous source: `#| msgid \"old text\"`"),
                );
                return;
            }
        };
        self.entry.touch(start, end);
        let Some((value, span)) = self.string(after, after_at) else {
            self.entry.last = Some(Target::Discard);
            return;
        };
        let s = Some(PoString { value, span });
        let entry = &mut self.entry.entry;
        match target {
            Target::PrevCtxt => entry.previous_msgctxt = s,
            Target::PrevId => entry.previous_msgid = s,
            _ => entry.previous_msgid_plural = s,
        }
        self.entry.last = Some(target);
    }

    /// A keyword line or a string continuation (`body` starts at byte `at`).
    fn keyword_line(&mut self, body: &str, at: usize, start: usize, end: usize, obsolete: bool) {
        if body.starts_with('"') {
            let target = self.entry.last.filter(|t| !t.is_previous());
            let Some((value, span)) = self.string(body, at) else {
                return;
            };
            match target {
                Some(target) => {
                    self.entry.touch(start, end);
                    self.append(target, &value, span);
                }
                None => self.diagnostics.push(
                    Diagnostic::error(
                        "po::syntax",
                        span,
                        "a string continuation with no keyword before it",
                    )
                    .with_label("continues nothing")
                    .with_help(
                        "put `msgctxt`, `msgid` or `msgstr` before the first string of an entry",
                    ),
                ),
            }
            return;
        }
        let (keyword, after, after_at) = split_keyword(body, at);
        let keyword_span = token_span(body, at, keyword);
        if self.entry.has_keyword && self.entry.entry.obsolete != obsolete {
            self.finish(false);
        }
        let b = Flags::of(&self.entry);
        let target = match keyword {
            "msgctxt" => {
                if b.has_ctxt || b.has_msgid {
                    self.finish(false);
                }
                Target::Ctxt
            }
            "msgid" => {
                if b.has_msgid {
                    self.finish(false);
                }
                Target::Id
            }
            "msgid_plural" if b.has_msgid && !b.has_plural && !b.has_msgstr => Target::IdPlural,
            "msgid_plural" => {
                self.error(
                    keyword_span,
                    "`msgid_plural` must follow the entry's `msgid`",
                    "write it once, right after `msgid`",
                );
                Target::Discard
            }
            "msgstr" if !b.has_msgid => {
                self.error(keyword_span, "`msgstr` with no `msgid` before it", "every entry needs `msgctxt \"<segment id>\"` and `msgid \"<source text>\"` before `msgstr`");
                Target::Discard
            }
            "msgstr" if b.has_msgstr => {
                self.error(keyword_span, "a second `msgstr` in one entry", "an entry has one `msgstr`; remove one, or start a new entry with `msgctxt` and `msgid`");
                Target::Discard
            }
            "msgstr" if b.has_plural => {
                self.error(
                    keyword_span,
                    "a plural entry needs `msgstr[0]`, `msgstr[1]`...",
                    "write the forms as `msgstr[0] \"...\"`",
                );
                Target::Discard
            }
            "msgstr" => Target::Str,
            k if k.starts_with("msgstr[") => {
                let n = k
                    .strip_prefix("msgstr[")
                    .and_then(|r| r.strip_suffix(']'))
                    .and_then(|n| n.parse::<usize>().ok());
                match n {
                    _ if !b.has_plural => {
                        self.error(
                            keyword_span,
                            format!("`{k}` in an entry without `msgid_plural`"),
                            "use `msgstr \"...\"` for an entry that has no plural forms",
                        );
                        Target::Discard
                    }
                    Some(n) if n == b.plurals => Target::StrPlural(n),
                    _ => {
                        let expected = b.plurals;
                        self.error(keyword_span, format!("`{k}` is out of order"), format!("number the plural forms from 0 without gaps; expected `msgstr[{expected}]`"));
                        Target::Discard
                    }
                }
            }
            _ => {
                let message = if keyword.is_empty() {
                    "this line is not PO syntax".to_owned()
                } else {
                    format!("unknown keyword `{keyword}`")
                };
                let help = match did_you_mean(keyword) {
                    Some(k) => format!("did you mean `{k}`?"),
                    None => KEYWORDS_HELP.to_owned(),
                };
                self.diagnostics.push(
                    Diagnostic::error("po::syntax", keyword_span, message)
                        .with_label("not a PO keyword")
                        .with_help(help),
                );
                self.entry.had_error = true;
                self.entry.last = Some(Target::Discard);
                return;
            }
        };
        if target != Target::Discard {
            let b = &mut self.entry;
            b.touch(start, end);
            b.has_keyword = true;
            b.entry.obsolete = obsolete;
        }
        let parsed = self.string(after, after_at);
        let b = &mut self.entry;
        b.last = Some(target);
        let s = parsed
            .map(|(value, span)| PoString { value, span })
            .unwrap_or_else(|| PoString {
                value: String::new(),
                span: Span::new(after_at, after_at),
            });
        match target {
            Target::Ctxt => {
                b.has_ctxt = true;
                b.entry.msgctxt = Some(s);
            }
            Target::Id => {
                b.has_msgid = true;
                b.entry.msgid = s;
            }
            Target::IdPlural => {
                b.has_plural = true;
                b.entry.msgid_plural = Some(s);
            }
            Target::Str => {
                b.has_msgstr = true;
                b.entry.msgstr = s;
            }
            Target::StrPlural(_) => {
                b.has_msgstr = true;
                b.entry.msgstr_plural.push(s);
            }
            Target::PrevCtxt | Target::PrevId | Target::PrevIdPlural | Target::Discard => {}
        }
    }

    fn error(&mut self, span: Span, message: impl Into<String>, help: impl Into<String>) {
        self.entry.had_error = true;
        self.diagnostics
            .push(Diagnostic::error("po::syntax", span, message).with_help(help));
    }

    /// Appends a continuation line's value to the string it continues.
    fn append(&mut self, target: Target, value: &str, span: Span) {
        let e = &mut self.entry.entry;
        let s = match target {
            Target::Ctxt => e.msgctxt.as_mut(),
            Target::Id => Some(&mut e.msgid),
            Target::IdPlural => e.msgid_plural.as_mut(),
            Target::Str => Some(&mut e.msgstr),
            Target::StrPlural(_) => e.msgstr_plural.last_mut(),
            Target::PrevCtxt => e.previous_msgctxt.as_mut(),
            Target::PrevId => e.previous_msgid.as_mut(),
            Target::PrevIdPlural => e.previous_msgid_plural.as_mut(),
            Target::Discard => None,
        };
        if let Some(s) = s {
            s.value.push_str(value);
            s.span.end = span.end;
        }
    }

    /// Reads a quoted string at the start of `s`, which starts at byte `at` of the text.
    fn string(&mut self, s: &str, at: usize) -> Option<(String, Span)> {
        if !s.starts_with('"') {
            let token = s.split_whitespace().next().unwrap_or("");
            let span = Span::new(at, at + token.len());
            let d = if token.is_empty() {
                Diagnostic::error("po::syntax", span, "the keyword has no string").with_label("a quoted string is missing here").with_help("write the text in double quotation marks: msgstr \"...\" (msgstr \"\" when not translated yet)")
            } else {
                Diagnostic::error("po::syntax", span, "expected a quoted string")
                    .with_label("not in quotation marks")
                    .with_help("write the text in double quotation marks, e.g. msgstr \"...\"")
            };
            self.diagnostics.push(d);
            return None;
        }
        let mut value = String::with_capacity(s.len());
        let bytes = s.as_bytes();
        let mut i = 1;
        while i < s.len() {
            // Text without a quotation mark or a backslash is copied at once.
            let plain = bytes[i..]
                .iter()
                .position(|&b| b == b'"' || b == b'\\')
                .unwrap_or(s.len() - i);
            value.push_str(&s[i..i + plain]);
            i += plain;
            if i >= s.len() {
                break;
            }
            if bytes[i] == b'"' {
                let rest = &s[i + 1..];
                let trimmed = rest.trim();
                if !trimmed.is_empty() {
                    let lead = rest.len() - rest.trim_start().len();
                    let from = at + i + 1 + lead;
                    let span = Span::new(from, from + trimmed.len());
                    let help = if trimmed.contains('"') {
                        "a quotation mark inside the text ends the string: write it as \\\""
                    } else {
                        "only white space may follow the closing quotation mark; put the text inside the string"
                    };
                    self.diagnostics.push(
                        Diagnostic::error("po::syntax", span, "text after the end of the string")
                            .with_label("after the closing `\"`")
                            .with_help(help),
                    );
                }
                return Some((value, Span::new(at, at + i + 1)));
            }
            // A backslash at `i`.
            let Some(other) = s[i + 1..].chars().next() else {
                break;
            };
            match other {
                'n' => value.push('\n'),
                't' => value.push('\t'),
                'r' => value.push('\r'),
                '"' => value.push('"'),
                '\\' => value.push('\\'),
                other => {
                    let span = Span::new(at + i, at + i + 1 + other.len_utf8());
                    self.diagnostics.push(
                        Diagnostic::error(
                            "po::bad-escape",
                            span,
                            format!("unknown escape `\\{other}`"),
                        )
                        .with_label("not an escape")
                        .with_help(
                            "the escapes are \\\" \\\\ \\n \\t \\r; write a backslash as \\\\",
                        ),
                    );
                    value.push(other);
                }
            }
            i += 1 + other.len_utf8();
        }
        let span = Span::new(at, at + s.len());
        self.diagnostics.push(
            Diagnostic::error("po::unterminated-string", span, "the string has no closing quotation mark")
                .with_label("starts here and runs to the end of the line")
                .with_help("end the string with `\"` on the same line; a long text continues on the next line in a new pair of quotation marks"),
        );
        Some((value, span))
    }

    /// Ends the entry being read and adds it to the catalog.
    fn finish(&mut self, at_eof: bool) {
        let b = std::mem::take(&mut self.entry);
        if !b.has_keyword {
            if b.start.is_some() && at_eof {
                let span = Span::new(b.start.unwrap_or_default(), b.end);
                self.diagnostics.push(
                    Diagnostic::warning(
                        "po::orphan-comment",
                        span,
                        "comments at the end of the file belong to no entry",
                    )
                    .with_label("not attached to an entry")
                    .with_help("move them above the entry they describe, or remove them"),
                );
            } else if !at_eof {
                // Comments followed by a blank line belong to the next entry.
                self.entry = b;
            }
            return;
        }
        let mut entry = b.entry;
        entry.span = Span::new(b.start.unwrap_or_default(), b.end);
        entry.has_errors = self
            .diagnostics
            .iter()
            .rev()
            .take_while(|d| d.span.end >= entry.span.start)
            .any(|d| d.severity == Severity::Error && d.span.start >= entry.span.start);
        if !b.has_msgid {
            let span = entry.msgctxt.as_ref().map_or(entry.span, |c| c.span);
            self.diagnostics.push(
                Diagnostic::error("po::syntax", span, "entry has no `msgid`")
                    .with_label("this entry")
                    .with_help("write `msgid \"<source text>\"` after `msgctxt`"),
            );
            return;
        }
        if !b.has_msgstr {
            let end = entry.msgid_plural.as_ref().unwrap_or(&entry.msgid).span.end;
            entry.msgstr.span = Span::new(end, end);
        }
        if !b.has_msgstr && !b.had_error {
            let end = entry.msgstr.span.end;
            let (kw, example) = if b.has_plural {
                ("msgstr[0]", "msgstr[0] \"\"")
            } else {
                ("msgstr", "msgstr \"\"")
            };
            self.diagnostics.push(
                Diagnostic::error(
                    "po::missing-msgstr",
                    Span::new(end, end),
                    format!("entry has no `{kw}`"),
                )
                .with_label(format!("`{kw}` expected after this"))
                .with_help(format!(
                    "add `{example}` on the next line (empty while not translated)"
                )),
            );
        }
        let is_header_shape =
            entry.msgid.value.is_empty() && entry.msgctxt.is_none() && !entry.obsolete;
        if is_header_shape {
            if self.catalog.header.is_none() && self.catalog.entries.is_empty() {
                self.catalog.header = Some(entry);
            } else {
                self.diagnostics.push(
                    Diagnostic::error("po::empty-msgid", entry.msgid.span, "an empty `msgid` without `msgctxt` is the header, and the header must come first, once")
                        .with_label("second header or misplaced header")
                        .with_help("give the entry its `msgctxt \"<segment id>\"` and source text, or remove it"),
                );
            }
            return;
        }
        self.catalog.entries.push(entry);
    }

    /// Reports entries that repeat the key (`msgctxt`, or `msgid` without one) of an earlier one.
    fn check_duplicates(&mut self) {
        let index = LineIndex::new(self.text);
        let mut seen: BTreeMap<(Option<&str>, &str), usize> = BTreeMap::new();
        for e in self.catalog.entries.iter().filter(|e| !e.obsolete) {
            let key = match &e.msgctxt {
                Some(c) => (Some(c.value.as_str()), ""),
                None => (None, e.msgid.value.as_str()),
            };
            let span = e.msgctxt.as_ref().map_or(e.msgid.span, |c| c.span);
            if let Some(first) = seen.get(&key) {
                let line = index.line_col(self.text, *first).line;
                let what = match key.0 {
                    Some(id) => format!("segment `{id}`"),
                    None => "this msgid".to_owned(),
                };
                self.diagnostics.push(
                    Diagnostic::error("po::duplicate-id", span, format!("{what} is already translated on line {line}"))
                        .with_label("repeated here")
                        .with_help("keep one entry per segment: merge the two and delete the other (the first one is used)"),
                );
            } else {
                seen.insert(key, span.start);
            }
        }
    }

    /// Reports header lines that are not `Name: value`, and finds the `Language:` field.
    fn check_header(&mut self) {
        let Some(header) = &self.catalog.header else {
            return;
        };
        let raw = self.text.get(header.msgstr.span.range()).unwrap_or("");
        if let Some(at) = raw.find("Language:") {
            let rest = &raw[at..];
            let len = rest.find(['\\', '"', '\n']).unwrap_or(rest.len());
            let start = header.msgstr.span.start + at;
            self.catalog.language_span = Some(Span::new(start, start + len));
        }
        for line in header.msgstr.value.lines() {
            if !line.trim().is_empty() && !line.contains(':') {
                self.diagnostics.push(
                    Diagnostic::warning(
                        "po::bad-header",
                        header.msgstr.span,
                        format!("header line `{line}` is not `Name: value`"),
                    )
                    .with_label("in this header")
                    .with_help(
                        "write header fields as \"Name: value\\n\", e.g. \"Language: bg\\n\"",
                    ),
                );
            }
        }
    }
}

/// The keyword closest to a misspelt one (at most two edits away).
fn did_you_mean(word: &str) -> Option<&'static str> {
    const KEYWORDS: [&str; 4] = ["msgctxt", "msgid", "msgid_plural", "msgstr"];
    KEYWORDS
        .into_iter()
        // Optimal string alignment: a swap of two neighbours is one edit (`msgdi`).
        .map(|k| {
            (
                strsim::osa_distance(&word.chars().take(64).collect::<String>(), k),
                k,
            )
        })
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, k)| k)
}

/// What the entry being read has so far.
#[derive(Debug, Clone, Copy)]
struct Flags {
    has_ctxt: bool,
    has_msgid: bool,
    has_plural: bool,
    has_msgstr: bool,
    plurals: usize,
}

impl Flags {
    fn of(b: &Builder) -> Self {
        Self {
            has_ctxt: b.has_ctxt,
            has_msgid: b.has_msgid,
            has_plural: b.has_plural,
            has_msgstr: b.has_msgstr,
            plurals: b.entry.msgstr_plural.len(),
        }
    }
}

/// The span of `keyword` at the start of `body`, or of the first character when it is empty.
fn token_span(body: &str, at: usize, keyword: &str) -> Span {
    let len = if keyword.is_empty() {
        body.chars().next().map_or(0, char::len_utf8)
    } else {
        keyword.len()
    };
    Span::new(at, at + len)
}

/// Splits `msgid "x"` into the keyword and the rest (trimmed at the start), with the rest's offset.
fn split_keyword(body: &str, at: usize) -> (&str, &str, usize) {
    let end = body
        .find(|c: char| c.is_whitespace() || c == '"')
        .unwrap_or(body.len());
    let (keyword, rest) = body.split_at(end);
    let trimmed = rest.trim_start();
    (keyword, trimmed, at + end + (rest.len() - trimmed.len()))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The string reader before it copied plain runs at once: one character at a time. Returns
    /// the value, the span, and each diagnostic's code and span.
    type Read = (Option<(String, Span)>, Vec<(&'static str, Span)>);

    fn string_stepwise(s: &str, at: usize) -> Read {
        let mut found = Vec::new();
        let mut value = String::new();
        let mut chars = s.char_indices().skip(1);
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    let rest = &s[i + 1..];
                    let trimmed = rest.trim();
                    if !trimmed.is_empty() {
                        let from = at + i + 1 + rest.len() - rest.trim_start().len();
                        found.push(("po::syntax", Span::new(from, from + trimmed.len())));
                    }
                    return (Some((value, Span::new(at, at + i + 1))), found);
                }
                '\\' => match chars.next() {
                    Some((_, 'n')) => value.push('\n'),
                    Some((_, 't')) => value.push('\t'),
                    Some((_, 'r')) => value.push('\r'),
                    Some((_, '"')) => value.push('"'),
                    Some((_, '\\')) => value.push('\\'),
                    Some((j, other)) => {
                        found.push((
                            "po::bad-escape",
                            Span::new(at + i, at + j + other.len_utf8()),
                        ));
                        value.push(other);
                    }
                    None => break,
                },
                c => value.push(c),
            }
        }
        let span = Span::new(at, at + s.len());
        found.push(("po::unterminated-string", span));
        (Some((value, span)), found)
    }

    /// Every quoted string of up to six characters of an alphabet with quotation marks,
    /// backslashes, escape letters and a two-byte letter reads as the stepwise reader read it.
    #[test]
    fn copying_plain_runs_reads_what_the_stepwise_reader_read() {
        let alphabet = ['a', '"', '\\', 'n', 'x', 'ї', ' '];
        let mut texts = vec!["\"".to_owned()];
        for _ in 0..6 {
            texts = texts
                .iter()
                .flat_map(|t| alphabet.map(|c| format!("{t}{c}")))
                .collect();
            for t in &texts {
                let mut parser = Parser {
                    text: t,
                    catalog: Catalog::default(),
                    diagnostics: Vec::new(),
                    entry: Builder::default(),
                };
                let got = parser.string(t, 7);
                let codes: Vec<(&str, Span)> = parser
                    .diagnostics
                    .iter()
                    .map(|d| (d.code, d.span))
                    .collect();
                assert_eq!((got, codes), string_stepwise(t, 7), "{t:?}");
            }
        }
    }

    /// Lines that look like PO, to reach deep parser states more often than random text does.
    fn po_like() -> impl Strategy<Value = String> {
        let line = prop_oneof![
            Just("msgid \"a\"".to_owned()),
            Just("msgstr \"\"".to_owned()),
            Just("msgctxt \"s1.p1.1\"".to_owned()),
            Just("msgid_plural \"x\"".to_owned()),
            Just("msgstr[0] \"y\"".to_owned()),
            Just("msgstr[1] \"z\"".to_owned()),
            Just("#~ msgid \"old\"".to_owned()),
            Just("#| msgid \"prev\"".to_owned()),
            Just("#~| \"prev\"".to_owned()),
            Just("#, fuzzy".to_owned()),
            Just("# dayglot-accept: check::x y".to_owned()),
            Just(String::new()),
            "\"[^\n]{0,12}".prop_map(|s| s),
            "[^\n]{0,20}",
        ];
        prop::collection::vec(line, 0..24).prop_map(|lines| lines.join("\n"))
    }

    proptest! {
        #[test]
        fn never_panics_on_arbitrary_text(text in any::<String>()) {
            let parsed = parse_po(&text);
            for d in &parsed.diagnostics {
                prop_assert!(d.span.start <= d.span.end && d.span.end <= text.len());
                prop_assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
            }
        }

        #[test]
        fn writing_what_was_read_is_stable(text in po_like()) {
            let written = crate::write_po(&parse_po(&text).catalog);
            let again = crate::write_po(&parse_po(&written).catalog);
            prop_assert_eq!(again, written);
        }

        #[test]
        fn never_panics_on_po_like_text(text in po_like()) {
            let parsed = parse_po(&text);
            for d in &parsed.diagnostics {
                prop_assert!(d.span.end <= text.len(), "{:?}", d);
                prop_assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
            }
        }
    }

    #[test]
    fn crlf_and_continuations() {
        let text = "msgctxt \"title\"\r\nmsgid \"\"\r\n\"Day \"\r\n\"1\"\r\nmsgstr \"Ден 1\"\r\n";
        let parsed = parse_po(text);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        let e = &parsed.catalog.entries[0];
        assert_eq!(e.msgid.value, "Day 1");
        assert_eq!(&text[e.msgid.span.range()], "\"\"\r\n\"Day \"\r\n\"1\"");
    }

    #[test]
    fn misspelt_keywords_get_a_suggestion() {
        assert_eq!(did_you_mean("msgtsr"), Some("msgstr"));
        assert_eq!(did_you_mean("msgctx"), Some("msgctxt"));
        assert_eq!(did_you_mean("hello"), None);
    }
}
