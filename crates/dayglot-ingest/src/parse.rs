//! The parser: the series' plain-text layout, or Markdown, into a [`Document`].
//!
//! The layout, as received (see `corpus/day-686/source.en.txt`):
//!
//! ```text
//! Day 686 of the invasion of Ukraine. Summary of key events in the last 24 hours:   <- title + lead
//!
//! First headline                                                                     <- headline list:
//!                                                                                       short lines, or
//! Second headline                                                                       bullets (- • * 1.)
//!
//!
//!
//! First paragraph of the first section (its heading only stands in the list).        <- body
//!
//! Second headline                                                                    <- heading = headline 2
//!
//! Paragraph ... pic.twitter.com/x — Author (@handle) January 9, 2024                 <- embedded post
//! ```
//!
//! Parsing works on blocks (runs of non-blank lines). Every character ends up in the model or in
//! a diagnostic: markup that carries no text (a lone `-`, a `***` rule) is reported, not dropped.
//!
//! Real outlets publish the same content in other layouts (`fixtures/real/` holds dozens, in six
//! languages), and the parser reads them by what things are, never by outlet:
//!
//! - **Furniture** (app and subscription promotions, bylines, photo captions and credits, time
//!   stamps, menus, breadcrumbs, tags, the title repeated as alt text) is found first, by its
//!   shape and the language's phrases (`layout`), and reported as `ingest::furniture`; it then
//!   separates blocks like a blank line.
//! - **The title** is the first line that names the day among the short lines at the top
//!   (kickers, rubrics, outlet names), else the first line that is not one of them. The day is a
//!   number next to a `series_words` word of the language (`Day 686`, `686th day`, `204. dnia`,
//!   `1418-й день`) or a number word (`the sixth day`), in the title, the lead or else an ordinal
//!   in the first paragraph; a dateline (`on Wednesday, January 10, 2024`) dates a day without one.
//! - **The lead** is the rest of the title line, else the first block of prose under the title
//!   (or a long dek); prose between it and a marked key-events list (a standing intro, the list's
//!   label) joins it, unless the label is one of several (then labels are section headings).
//! - **Headlines** are a list in any marking (any bullet glyph, numbers, or plain short lines),
//!   one marking throughout, most items one sentence; longer items are the paragraphs of a
//!   section written as a list. A plain line after a bulleted list is a heading, not one more
//!   headline.
//! - **Sections** start at a heading line, a heading that repeats a headline, a bold line
//!   (`**Politics**`), a framed one (`– Ruble up –`), a label ending in a colon, or a short
//!   question; lines that each end a sentence are paragraphs of their own.

use std::sync::{Arc, LazyLock, Mutex};

use dayglot_core::{
    Attribution, Diagnostic, Document, Lang, Paragraph, Post, Section, Segment, SegmentId, Series,
    Span,
};
use icu_normalizer::ComposingNormalizerBorrowed;
use regex::Regex;

use crate::LanguageRules;
use crate::quote::quotes;
use crate::sentence::split_checked;

mod layout;

use layout::Furniture;

/// The input syntax.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The series' own plain-text layout.
    PlainText,
    /// The same content as Markdown (`#` title, `-` list, `##` headings).
    Markdown,
}

/// How to parse one text.
#[derive(Debug, Clone)]
pub struct Options<'a> {
    /// The language of the text.
    pub lang: Lang,
    /// The language's rules (abbreviations, attribution phrases).
    pub rules: &'a LanguageRules,
    /// The syntax; detected from the first line when `None`.
    pub format: Option<Format>,
    /// The series calendar, to date the day.
    pub series: Option<&'a Series>,
    /// The day number the metadata says this text is; a different number in the title is reported.
    pub expected_day: Option<u32>,
}

impl<'a> Options<'a> {
    /// Options with format detection and no series.
    pub fn new(lang: Lang, rules: &'a LanguageRules) -> Self {
        Self {
            lang,
            rules,
            format: None,
            series: None,
            expected_day: None,
        }
    }
}

/// The outcome of parsing: the document and every problem found on the way.
#[derive(Debug, Clone)]
pub struct Ingested {
    /// The document.
    pub document: Document,
    /// Problems, in source order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Headlines and headings are short; a longer line without final punctuation is a paragraph.
const MAX_HEADLINE_CHARS: usize = 250;

/// Parses a summary. Never fails and never panics: problems become diagnostics.
pub fn ingest(text: &str, options: &Options<'_>) -> Ingested {
    let attribution = attribution_regex(options.rules);
    let mut p = Parser {
        text,
        options,
        attribution,
        diagnostics: Vec::new(),
    };
    let document = p.document();
    let mut diagnostics = p.diagnostics;
    diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
    Ingested {
        document,
        diagnostics,
    }
}

/// A line without its end-of-line characters.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
}

/// A run of non-blank lines.
#[derive(Debug, Clone)]
struct Block {
    lines: Vec<Line>,
    /// Blank lines between this block and the previous one.
    blank_before: usize,
}

impl Block {
    fn span(&self) -> Span {
        let start = self.lines.first().map_or(0, |l| l.start);
        let end = self.lines.last().map_or(start, |l| l.end);
        Span::new(start, end)
    }
}

/// One thing of the body, in order.
enum Item {
    Heading(Span),
    Paragraph(Span),
    Post(Box<Post>),
}

struct Parser<'t, 'o> {
    text: &'t str,
    options: &'o Options<'o>,
    /// Built once per text from the language's attribution phrases.
    attribution: Option<Arc<Regex>>,
    diagnostics: Vec<Diagnostic>,
}

impl Parser<'_, '_> {
    fn document(&mut self) -> Document {
        let mut doc = Document {
            day: None,
            date: None,
            lang: self.options.lang.clone(),
            title: None,
            lead: None,
            headlines: Vec::new(),
            sections: Vec::new(),
            posts: Vec::new(),
        };
        self.scan_characters();
        let lines = self.lines();
        let markdown = match self.options.format {
            Some(f) => f == Format::Markdown,
            None => lines
                .iter()
                .find(|&&l| !self.slice(l).trim().is_empty())
                .is_some_and(|&l| self.slice(l).trim_start().starts_with("# ")),
        };
        let mut furniture = self.furniture(&lines);
        let title_at = self.title_line(&lines, &furniture, markdown);
        if let Some(at) = title_at {
            self.furniture_around_title(&lines, &mut furniture, at, markdown);
        }
        self.report_furniture(&lines, &furniture);
        let blocks = match title_at {
            Some(at) => self.blocks(&lines[at..], &furniture[at..]),
            None => Vec::new(),
        };
        let Some(first) = blocks.first() else {
            self.diagnostics.push(
                Diagnostic::error("ingest::empty", Span::new(0, self.text.len()), "the summary has no text")
                    .with_help("a summary starts with its title line, e.g. `Day 686 of the invasion of Ukraine. Summary of key events in the last 24 hours:`"),
            );
            return doc;
        };

        // Title and lead.
        let mut rest: Vec<Block> = blocks[1..].to_vec();
        let mut title_line = first.lines[0];
        if markdown {
            title_line = self.strip_prefix_line(title_line, |t| t.strip_prefix("# "));
        }
        let (title, mut lead) = self.title_and_lead(title_line);
        let lead_in_title = lead.is_some();
        if first.lines.len() > 1 {
            let mut more = first.lines[1..].to_vec();
            if lead.is_none() && !is_bullet(self.slice(more[0])) {
                lead = Some(self.segment(SegmentId::lead(), self.trimmed(more[0].into_span())));
                more.remove(0);
            }
            if !more.is_empty() {
                rest.insert(
                    0,
                    Block {
                        lines: more,
                        blank_before: 0,
                    },
                );
            }
        }
        if lead.is_none()
            && let Some(b) = rest.first()
            && self.is_lead_block(b, rest.get(1), markdown, lead_in_title)
        {
            // Lines that each end a sentence are paragraphs of their own: the first is the lead.
            let separate = b.lines.len() > 1
                && b.lines.iter().all(|&l| {
                    let s = self.slice(l).trim_end();
                    layout::ends_sentence(s) || s.ends_with(':')
                });
            if self.dash_lede(b).is_some() {
                let line = b.lines[0];
                let after = bullet_marker_len(self.slice(line)).unwrap_or(0);
                lead = Some(self.segment(
                    SegmentId::lead(),
                    self.trimmed(Span::new(line.start + after, line.end)),
                ));
                rest.remove(0);
            } else if separate && !markdown {
                lead = Some(self.segment(SegmentId::lead(), self.trimmed(b.lines[0].into_span())));
                rest[0].lines.remove(0);
            } else {
                lead = Some(self.segment(SegmentId::lead(), self.trimmed(b.span())));
                rest.remove(0);
            }
        }
        // Prose between the lead and a key-events list (a standing intro, the list's label)
        // belongs to the lead.
        if let Some(l) = lead.as_mut()
            && !markdown
            && let Some(k) = self.prose_before_list(&rest)
        {
            let end = rest[k - 1].span().end;
            let mut text = l.text.clone();
            for b in &rest[..k] {
                text.push(' ');
                text.push_str(&normalize_spaces(
                    &self.text[self.trimmed(b.span()).range()],
                ));
            }
            let mut joined = self.segment(SegmentId::lead(), Span::new(l.span.start, end));
            // Quotations and attribution are offsets in the text: found again in the joined one.
            joined.quotes = quotes(&text, &self.options.rules.quote_pairs());
            joined.attribution = self
                .attribution
                .as_ref()
                .and_then(|re| attribution(&text, re));
            joined.text = text;
            *l = joined;
            rest.drain(..k);
        }
        let day_before = self.diagnostics.len();
        doc.day = self.day_number(title.as_ref(), lead.as_ref());
        let day_missing = doc.day.is_none() && self.diagnostics.len() > day_before;
        if let (Some(day), Some(series)) = (doc.day, self.options.series) {
            doc.date = series.date_of(day);
        } else if doc.day.is_none() {
            // A title that dates the day instead of numbering it, or a dateline in the lead.
            let rules = self.options.rules;
            let found = title
                .as_ref()
                .and_then(|t| layout::date_mention(&t.text, rules))
                .or_else(|| lead.as_ref().and_then(|l| layout::dateline(&l.text, rules)));
            if let Some((y, m, d)) = found {
                doc.date = format!("{y:04}-{m:02}-{d:02}").parse().ok();
            }
        }
        doc.title = title;
        doc.lead = lead;

        // Headline list, then the body. A one-item "list" that no body heading repeats while
        // other headings exist was really the first section's heading (a day without a list).
        let (headline_spans, body_start) = self.headline_list(&rest, markdown);
        let headlines: Vec<Segment> = headline_spans
            .iter()
            .enumerate()
            .map(|(i, &s)| self.segment(SegmentId::headline(i + 1), s))
            .collect();
        let saved = self.diagnostics.len();
        let mut body = self.body(&rest[body_start..], &headlines, markdown);
        if headlines.len() == 1
            && !body
                .0
                .iter()
                .any(|s| s.headline.is_some() && s.heading.is_some())
            && body.0.iter().filter(|s| s.heading.is_some()).count() > 0
        {
            self.diagnostics.truncate(saved);
            body = self.body(&rest, &[], markdown);
            doc.headlines = Vec::new();
        } else {
            doc.headlines = headlines;
        }
        let (sections, posts) = body;
        doc.sections = sections;
        doc.posts = posts;
        // The first paragraph may name the day (`Яким запам’ятається 544-й день війни`).
        if day_missing && let Some(p) = doc.sections.first().and_then(|s| s.paragraphs.first()) {
            let segments: Vec<Segment> = p.segments.clone();
            let found = segments
                .iter()
                .find(|seg| layout::ordinal_day_mention(&seg.text, self.options.rules).is_some());
            if let Some(seg) = found {
                // The title's warning is withdrawn: the day is named, just not in the title.
                self.diagnostics
                    .retain(|d| d.code != "ingest::no-day-number");
                doc.day = self.day_number_in(seg, true);
                if let (Some(day), Some(series)) = (doc.day, self.options.series) {
                    doc.date = series.date_of(day);
                }
            }
        }
        if doc.date.is_none()
            && doc.day.is_none()
            && let Some((y, m, d)) = doc
                .sections
                .first()
                .and_then(|s| s.paragraphs.first())
                .and_then(|p| p.segments.first())
                .and_then(|seg| layout::dateline(&seg.text, self.options.rules))
        {
            // `Here is the situation on Wednesday, January 10, 2024.` opening the body.
            doc.date = format!("{y:04}-{m:02}-{d:02}").parse().ok();
        }
        self.link_check(&doc);
        doc
    }

    fn slice(&self, line: Line) -> &str {
        &self.text[line.start..line.end]
    }

    fn trimmed(&self, span: Span) -> Span {
        let s = &self.text[span.range()];
        let lead = s.len() - s.trim_start().len();
        let trail = s.len() - s.trim_end().len();
        if lead + trail >= s.len() {
            Span::new(span.start, span.start)
        } else {
            Span::new(span.start + lead, span.end - trail)
        }
    }

    /// Reports characters that were lost before the text reached us, and control characters.
    fn scan_characters(&mut self) {
        static LOST: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?:\?{3,}|\u{FFFD}+)(?:[ \u{A0}]+(?:\?{3,}|\u{FFFD}+))*")
                .expect("valid regex")
        });
        let text = self.text;
        for m in LOST.find_iter(text) {
            self.diagnostics.push(
                Diagnostic::note("ingest::lost-characters", m.range().into(), "characters were lost before the text was received")
                    .with_label("left out of the published text")
                    .with_help("the source keeps them as received; if the original is known (often emoji or non-Latin letters), write it into the source instead"),
            );
        }
        for (i, c) in text.char_indices() {
            if c.is_control() && !matches!(c, '\n' | '\r' | '\t') {
                self.diagnostics.push(
                    Diagnostic::warning(
                        "ingest::control-character",
                        Span::new(i, i + c.len_utf8()),
                        format!("control character U+{:04X} in the text", u32::from(c)),
                    )
                    .with_help("delete it; it is invisible and usually comes from a copy-paste"),
                );
            }
        }
    }

    /// Every line of the text, without its end-of-line characters.
    fn lines(&self) -> Vec<Line> {
        let mut lines = Vec::new();
        let mut start = 0;
        let text = self.text;
        while start <= text.len() {
            let nl = text[start..].find('\n').map_or(text.len(), |i| start + i);
            let mut end = nl;
            if text[start..end].ends_with('\r') {
                end -= 1;
            }
            lines.push(Line { start, end });
            if nl == text.len() {
                break;
            }
            start = nl + 1;
        }
        lines
    }

    /// Runs of non-blank lines. A furniture line ends a block like a blank line; a block that
    /// mixes bullets with other lines is split where the marking changes (a label glued to its
    /// list, an intro glued to its list), except for the continuation lines of an item.
    fn blocks(&self, lines: &[Line], furniture: &[Option<Furniture>]) -> Vec<Block> {
        let mut blocks: Vec<Block> = Vec::new();
        let mut blank = 0;
        let mut prev: Option<Line> = None;
        for (i, &line) in lines.iter().enumerate() {
            let s = self.slice(line);
            if s.trim().is_empty() || furniture.get(i).copied().flatten().is_some() {
                blank += 1;
                prev = None;
                continue;
            }
            let split = prev.is_some_and(|p| {
                let (a, b) = (self.slice(p), s);
                let indent = |x: &str| x.len() - x.trim_start().len();
                match (is_bullet(a), is_bullet(b)) {
                    (true, false) => indent(b) <= indent(a),
                    (false, true) => !blocks
                        .last()
                        .is_some_and(|blk| blk.lines.iter().any(|&l| is_bullet(self.slice(l)))),
                    _ => false,
                }
            });
            match prev {
                Some(_) if !split => {
                    if let Some(b) = blocks.last_mut() {
                        b.lines.push(line);
                    }
                }
                _ => {
                    blocks.push(Block {
                        lines: vec![line],
                        blank_before: if blocks.is_empty() { 0 } else { blank },
                    });
                    blank = 0;
                }
            }
            prev = Some(line);
        }
        blocks
    }

    /// Lines that are furniture by their own shape, or by their neighbours: a caption next to a
    /// credit, a line repeated right after itself.
    fn furniture(&self, lines: &[Line]) -> Vec<Option<Furniture>> {
        let rules = self.options.rules;
        let lexicon = layout::Lexicon::new(rules);
        let mut out: Vec<Option<Furniture>> = lines
            .iter()
            .map(|&l| layout::furniture_in(self.slice(l), &lexicon))
            .collect();
        let blank = |i: usize| self.slice(lines[i]).trim().is_empty();
        let content = |i: usize| {
            let s = self.slice(lines[i]);
            let after = bullet_marker_len(s).unwrap_or(0);
            s[after.min(s.len())..].trim().to_owned()
        };
        for i in 0..lines.len() {
            if blank(i) {
                continue;
            }
            // Repeated right after itself (alt text and caption, author widgets).
            if i + 1 < lines.len()
                && !blank(i + 1)
                && content(i).chars().any(char::is_alphabetic)
                && same_text(&content(i), &content(i + 1))
            {
                // A menu entry above the thing it names (`- Daily Briefing` / `Daily
                // Briefing`): only the entry is furniture.
                let (a, b) = (
                    is_bullet(self.slice(lines[i])),
                    is_bullet(self.slice(lines[i + 1])),
                );
                if a || !b {
                    out[i] = Some(Furniture::Repeated);
                }
                if b || !a {
                    out[i + 1] = Some(Furniture::Repeated);
                }
            }
            // A line that says the same thing twice (`Editorial team Editorial team`).
            let ws = layout::words(self.slice(lines[i]));
            if out[i].is_none() && ws.len() >= 2 && ws.len().is_multiple_of(2) {
                let half = ws.len() / 2;
                if ws[..half]
                    .iter()
                    .zip(&ws[half..])
                    .all(|((_, a), (_, b))| a.to_lowercase() == b.to_lowercase())
                    && ws[0].1.chars().any(char::is_alphabetic)
                {
                    out[i] = Some(Furniture::Repeated);
                }
            }
            if out[i] == Some(Furniture::Credit) {
                // The caption glued above the credit, and alt text that repeats it below. Above
                // a bare credit (`Снимка: БГНЕС`) only a short caption; above a caption that
                // carries its credit, its longer alt text.
                let credit = self.slice(lines[i]).trim();
                let bare = rules.credit_words.iter().any(|w| {
                    credit
                        .strip_prefix(w.trim())
                        .is_some_and(|r| r.is_empty() || r.trim_start().starts_with(':'))
                });
                let limit = if bare { 12 } else { 60 };
                if i > 0
                    && !blank(i - 1)
                    && out[i - 1].is_none()
                    && !is_bullet(self.slice(lines[i - 1]))
                    && layout::word_count(self.slice(lines[i - 1])) <= limit
                {
                    out[i - 1] = Some(Furniture::Caption);
                }
                if i + 1 < lines.len()
                    && !blank(i + 1)
                    && out[i + 1].is_none()
                    && !is_bullet(self.slice(lines[i + 1]))
                    && squash(self.slice(lines[i])).starts_with(&squash(self.slice(lines[i + 1])))
                {
                    out[i + 1] = Some(Furniture::Caption);
                }
            }
        }
        // A picture placeholder: the short line after it is its caption.
        for i in 0..lines.len() {
            if !layout::is_placeholder(self.slice(lines[i]), rules) {
                continue;
            }
            out[i] = Some(Furniture::Caption);
            let next = (i + 1..lines.len()).find(|&j| !blank(j));
            if let Some(j) = next {
                let s = self.slice(lines[j]);
                let ends_block = j + 1 >= lines.len() || blank(j + 1);
                if out[j].is_none()
                    && ends_block
                    && !is_bullet(s)
                    && layout::word_count(s) <= 12
                    && split_checked(s.trim(), rules).0.len() <= 1
                {
                    out[j] = Some(Furniture::Caption);
                }
            }
        }
        out
    }

    /// The title: the first line that names the day, among the short lines (kickers, rubrics,
    /// bylines) at the top of the page; else the first line that is not such a short line.
    fn title_line(
        &self,
        lines: &[Line],
        furniture: &[Option<Furniture>],
        markdown: bool,
    ) -> Option<usize> {
        let usable = |i: usize| {
            let s = self.slice(lines[i]);
            !s.trim().is_empty() && furniture[i].is_none() && s.chars().any(char::is_alphanumeric)
        };
        let mut first: Option<usize> = None;
        for i in 0..lines.len() {
            if markdown {
                if !self.slice(lines[i]).trim().is_empty() {
                    return Some(i);
                }
                continue;
            }
            if !usable(i) {
                continue;
            }
            first.get_or_insert(i);
            let s = self.slice(lines[i]).trim();
            if layout::day_mention(s, self.options.rules).is_some() {
                return Some(i);
            }
            // The line a menu entry right above it names is the page's own title.
            if i > 0 && is_bullet(self.slice(lines[i - 1])) && !is_bullet(s) {
                let entry = self.item_text(lines[i - 1]);
                if same_text(entry, s) {
                    return Some(i);
                }
            }
            // Short lines at the top (kickers, rubrics, menu entries) stand above the title.
            let short_item = is_bullet(s) && layout::word_count(self.item_text(lines[i])) <= 4;
            let kicker = layout::word_count(s) <= 4
                && (self.is_heading_like(lines[i]) || short_item)
                && (i + 1..lines.len()).any(usable);
            if !kicker {
                return Some(i);
            }
        }
        if markdown {
            return None;
        }
        first.or_else(|| (0..lines.len()).find(|&i| !self.slice(lines[i]).trim().is_empty()))
    }

    /// Furniture that needs the title's place: what stands above it, the title repeated below
    /// it, and a signature that ends the page.
    fn furniture_around_title(
        &self,
        lines: &[Line],
        furniture: &mut [Option<Furniture>],
        at: usize,
        markdown: bool,
    ) {
        for i in 0..at {
            if !self.slice(lines[i]).trim().is_empty() && furniture[i].is_none() {
                furniture[i] = Some(Furniture::BeforeTitle);
            }
        }
        if markdown {
            return;
        }
        // Between a title that stands alone and the text: a byline (two or three capitalised
        // words) and a rubric glued above a longer line.
        let title_alone = split_checked(self.slice(lines[at]).trim(), self.options.rules)
            .0
            .len()
            <= 1;
        let mut i = at + 1;
        while title_alone && i < lines.len() {
            let s = self.slice(lines[i]).trim();
            if s.is_empty() || furniture[i].is_some() {
                i += 1;
                continue;
            }
            let ws = layout::words(s);
            if ws.len() > 3 || layout::ends_sentence(s) || is_bullet(s) {
                break;
            }
            let name = ws.len() >= 2
                && ws.iter().all(|(_, w)| {
                    w.chars().next().is_some_and(char::is_uppercase)
                        && !w.chars().any(|c| c.is_ascii_digit())
                });
            let glued_above_text = lines.get(i + 1).is_some_and(|&l| {
                let next = self.slice(l).trim();
                layout::word_count(next) > 8
            }) && furniture.get(i + 1).copied().flatten().is_none();
            if name || (glued_above_text && self.is_heading_like(lines[i])) {
                furniture[i] = Some(Furniture::Byline);
            }
            i += 1;
        }
        let title_words: Vec<String> = layout::words(self.slice(lines[at]))
            .iter()
            .map(|(_, w)| w.to_lowercase())
            .collect();
        for i in at + 1..lines.len() {
            if furniture[i].is_some() {
                continue;
            }
            let s = self.slice(lines[i]).trim();
            let inner = s.trim_matches(['*', '_']).trim();
            let ws = layout::words(inner);
            if ws.len() >= 3
                && !is_bullet(s)
                && !layout::ends_sentence(inner)
                && ws
                    .iter()
                    .all(|(_, w)| title_words.contains(&w.to_lowercase()))
            {
                furniture[i] = Some(Furniture::TitleEcho);
            }
        }
        // A short signature line at the very end.
        if let Some(last) = (at + 1..lines.len())
            .rev()
            .find(|&i| !self.slice(lines[i]).trim().is_empty())
        {
            let s = self.slice(lines[last]).trim();
            let alone = last == 0 || self.slice(lines[last - 1]).trim().is_empty();
            if furniture[last].is_none()
                && alone
                && layout::word_count(s) <= 3
                && !is_bullet(s)
                && self.is_heading_like(lines[last])
            {
                furniture[last] = Some(Furniture::Signature);
            }
        }
    }

    /// One `ingest::furniture` note per furniture line: kept out of the content, never dropped.
    fn report_furniture(&mut self, lines: &[Line], furniture: &[Option<Furniture>]) {
        for (i, f) in furniture.iter().enumerate() {
            let Some(kind) = f else { continue };
            let span = self.trimmed(lines[i].into_span());
            if span.is_empty() {
                continue;
            }
            self.diagnostics.push(
                Diagnostic::note(
                    "ingest::furniture",
                    span,
                    format!(
                        "page furniture ({}), not part of the summary",
                        kind.describe()
                    ),
                )
                .with_label(kind.describe())
                .with_help(
                    "kept out of the content; delete it from the source if it is not wanted",
                ),
            );
        }
    }

    /// Whether the first block after a title without a lead is the lead: a label ending with
    /// `:`, or (plain text) one paragraph of prose, or a long dek.
    fn is_lead_block(
        &self,
        b: &Block,
        next: Option<&Block>,
        markdown: bool,
        lead_in_title: bool,
    ) -> bool {
        let line = self.slice(b.lines[0]).trim_end();
        if b.lines.len() == 1 && line.ends_with(':') && !is_bullet(line) {
            return true;
        }
        if markdown || lead_in_title {
            return false;
        }
        let span = self.trimmed(b.span());
        let text = &self.text[span.range()];
        if let Some(marker) = self.dash_lede(b) {
            // A wire lede led by a dash (` – Russian forces ...`), unlike the list after it.
            return next.is_none_or(|n| !self.slice(n.lines[0]).trim_start().starts_with(marker));
        }
        if b.lines.iter().any(|&l| is_bullet(self.slice(l))) || self.is_post(span) {
            return false;
        }
        if layout::ends_sentence(text) {
            return true;
        }
        // A dek: a long line without final punctuation under the title, unless another such
        // line follows (then they are a plain headline list).
        let single_heading =
            |blk: &Block| blk.lines.len() == 1 && self.is_heading_like(blk.lines[0]);
        let chars = text.chars().count();
        b.lines.len() == 1
            && (chars > 150
                || text.contains(';')
                || (chars >= 60 && single_heading(b) && !next.is_some_and(single_heading)))
    }

    /// The dash of a one-line block that is a dash followed by several sentences of prose (a
    /// wire lede, at least twenty words), if it is one.
    fn dash_lede(&self, b: &Block) -> Option<char> {
        if b.lines.len() != 1 {
            return None;
        }
        let s = self.slice(b.lines[0]).trim_start();
        let marker = s.chars().next().filter(|c| matches!(c, '–' | '—' | '-'))?;
        let text = self.item_text(b.lines[0]);
        (is_bullet(s)
            && layout::word_count(text) >= 20
            && split_checked(text, self.options.rules).0.len() >= 2)
            .then_some(marker)
    }

    /// How many prose blocks (at most three) stand between the lead and a key-events list, when
    /// the list is not one of several labelled lists (those are sections).
    fn prose_before_list(&mut self, rest: &[Block]) -> Option<usize> {
        if !self.list_items(rest, false).0.is_empty() {
            return None;
        }
        let prose = |p: &Self, b: &Block| {
            let span = p.trimmed(b.span());
            let text = &p.text[span.range()];
            !b.lines.iter().any(|&l| is_bullet(p.slice(l)))
                && !p.is_post(span)
                && (layout::ends_sentence(text) || text.ends_with(':'))
        };
        let k = rest.iter().take(3).take_while(|b| prose(self, b)).count();
        if k == 0 || k >= rest.len() {
            return None;
        }
        // Only a marked list: a plain short line after prose is a section heading.
        let (items, _) = self.list_items(&rest[k..], false);
        if items.is_empty() || !items.iter().all(|&l| is_bullet(self.slice(l))) {
            return None;
        }
        let label = |p: &Self, b: &Block| {
            b.lines.len() == 1 && p.slice(b.lines[0]).trim_end().ends_with(':')
        };
        if label(self, &rest[k - 1]) {
            // Another label followed by a list later on: the labels are section headings.
            let more = rest[k..].windows(2).any(|w| {
                label(self, &w[0]) && w[1].lines.iter().all(|&l| is_bullet(self.slice(l)))
            });
            if more {
                return None;
            }
        }
        Some(k)
    }

    fn strip_prefix_line(&self, line: Line, strip: impl Fn(&str) -> Option<&str>) -> Line {
        let s = self.slice(line);
        let t = s.trim_start();
        match strip(t) {
            Some(rest) => Line {
                start: line.end - rest.len(),
                end: line.end,
            },
            None => line,
        }
    }

    fn title_and_lead(&mut self, line: Line) -> (Option<Segment>, Option<Segment>) {
        let span = self.trimmed(Span::new(line.start, line.end));
        if span.is_empty() {
            return (None, None);
        }
        let text = &self.text[span.range()];
        let sentences = split_checked(text, self.options.rules).0;
        let Some(first) = sentences.first() else {
            return (None, None);
        };
        let title = self.segment(SegmentId::title(), first.offset(span.start));
        let lead = (sentences.len() > 1).then(|| {
            self.segment(
                SegmentId::lead(),
                Span::new(sentences[1].start + span.start, span.end),
            )
        });
        (Some(title), lead)
    }

    /// The day of the series, from the title or else the lead, in the words of the language.
    fn day_number(&mut self, title: Option<&Segment>, lead: Option<&Segment>) -> Option<u32> {
        let title = title?;
        let rules = self.options.rules;
        let found = [Some(title), lead]
            .into_iter()
            .flatten()
            .find(|seg| layout::day_mention(&seg.text, rules).is_some());
        let Some(seg) = found else {
            self.diagnostics.push(
                Diagnostic::warning("ingest::no-day-number", title.span, "the title has no day number")
                    .with_help("the title line starts like `Day 686 of ...` (or `Ден 686`, `День 686`, `Tag 686`)"),
            );
            return None;
        };
        self.day_number_in(seg, false)
    }

    /// The day named in `seg` (only an ordinal one when `strict`), checked against the day the
    /// metadata expects.
    fn day_number_in(&mut self, seg: &Segment, strict: bool) -> Option<u32> {
        let rules = self.options.rules;
        let m = if strict {
            layout::ordinal_day_mention(&seg.text, rules)
        } else {
            layout::day_mention(&seg.text, rules)
        }?;
        // Segment text is the source with line breaks folded to spaces (same length) unless it
        // was normalised; fall back to the whole segment when the offsets do not line up.
        let written = &seg.text[m.range.clone()];
        let span = if self
            .text
            .get(seg.span.start + m.range.start..seg.span.start + m.range.end)
            == Some(written)
        {
            Span::new(seg.span.start + m.range.start, seg.span.start + m.range.end)
        } else {
            seg.span
        };
        match (m.number, self.options.expected_day) {
            (None, _) => {
                self.diagnostics.push(
                    Diagnostic::warning(
                        "ingest::bad-day-number",
                        span,
                        format!("`{written}` is not a day number"),
                    )
                    .with_help("write the day number as digits, e.g. `686` or `1,459`"),
                );
                None
            }
            (Some(n), Some(expected)) if n != expected => {
                self.diagnostics.push(
                    Diagnostic::error(
                        "ingest::day-mismatch",
                        span,
                        format!("the title says day {n}, the day's metadata says day {expected}"),
                    )
                    .with_label(format!("expected {expected}"))
                    .with_help("fix the number in the title, or `day` in day.toml"),
                );
                Some(n)
            }
            (n, _) => n,
        }
    }

    /// The list items at the start of `blocks`, without reporting anything: bullet lines of any
    /// glyph, or (plain text) short lines without final punctuation, one marking throughout; a
    /// plain line that repeats an item ends the list (it is the first section's heading). Returns
    /// the item lines and where the list ends.
    fn list_items(&self, blocks: &[Block], markdown: bool) -> (Vec<Line>, usize) {
        let mut items: Vec<Line> = Vec::new();
        let mut bullets: Option<bool> = None;
        let mut i = 0;
        let glyph = |l: Line| self.slice(l).trim_start().chars().next();
        while let Some(block) = blocks.get(i) {
            // Blank lines end a list, unless the same bullets go on after them.
            let same_bullets = bullets == Some(true)
                && block.lines.iter().all(|&l| is_bullet(self.slice(l)))
                && items.first().map(|&l| glyph(l)) == Some(glyph(block.lines[0]));
            if !items.is_empty() && block.blank_before >= 2 && !same_bullets {
                break;
            }
            if block.lines.iter().all(|&l| is_bullet(self.slice(l))) {
                if bullets == Some(false) {
                    break;
                }
                bullets = Some(true);
                items.extend(block.lines.iter().copied());
            } else if !markdown && block.lines.len() == 1 && self.is_heading_like(block.lines[0]) {
                let line = block.lines[0];
                let repeats = items
                    .iter()
                    .any(|&it| same_text(self.item_text(it), self.slice(line)));
                if bullets == Some(true) || repeats {
                    break;
                }
                bullets = Some(false);
                items.push(line);
            } else {
                break;
            }
            i += 1;
        }
        // A plain line right above a bulleted list is that list's label (a heading), not the
        // last item of a plain list.
        if bullets == Some(false)
            && blocks
                .get(i)
                .is_some_and(|b| b.lines.iter().all(|&l| is_bullet(self.slice(l))))
        {
            items.pop();
            i -= 1;
            if items.is_empty() {
                return (Vec::new(), 0);
            }
        }
        // A list of headlines: short items, most of them one sentence. Longer items are the
        // paragraphs of a section written as a list.
        let texts: Vec<&str> = items
            .iter()
            .map(|&l| self.item_text(l))
            .filter(|t| !t.is_empty())
            .collect();
        let single = texts
            .iter()
            .filter(|t| split_checked(t, self.options.rules).0.len() <= 1)
            .count();
        let short = texts
            .iter()
            .all(|t| t.chars().count() <= MAX_HEADLINE_CHARS);
        if !(texts.is_empty() || (short && 2 * single >= texts.len())) {
            return (Vec::new(), 0);
        }
        (items, i)
    }

    /// The text of a list item, without its bullet.
    fn item_text(&self, line: Line) -> &str {
        let s = self.slice(line);
        let after = bullet_marker_len(s).unwrap_or(0).min(s.len());
        s[after..].trim()
    }

    /// Finds the headline list at the start of `blocks` (see [`Self::list_items`]). Returns the
    /// headline spans and where the body starts.
    fn headline_list(&mut self, blocks: &[Block], markdown: bool) -> (Vec<Span>, usize) {
        let (lines, end) = self.list_items(blocks, markdown);
        let mut items = Vec::new();
        for line in lines {
            if is_bullet(self.slice(line)) {
                if let Some(span) = self.bullet_content(line) {
                    items.push(span);
                }
            } else {
                items.push(self.trimmed(line.into_span()));
            }
        }
        (items, end)
    }

    fn bullet_content(&mut self, line: Line) -> Option<Span> {
        let s = self.slice(line);
        let after = bullet_marker_len(s).unwrap_or(0);
        let span = self.trimmed(Span::new(line.start + after, line.end));
        if span.is_empty() {
            self.diagnostics.push(
                Diagnostic::warning(
                    "ingest::empty-item",
                    self.trimmed(Span::new(line.start, line.end)),
                    "a list item with no text",
                )
                .with_help("write the headline after the bullet, or delete the line"),
            );
            return None;
        }
        Some(span)
    }

    fn is_heading_like(&self, line: Line) -> bool {
        let s = self.slice(line).trim();
        let s = s
            .strip_prefix("**")
            .and_then(|r| r.strip_suffix("**"))
            .map_or(s, str::trim);
        let s = framed(s).map_or(s, |r| &s[r]);
        let end = s.trim_end_matches(['"', '”', '“', '»', '’', '\'', ')', ']', '*', '_']);
        s.chars().count() <= MAX_HEADLINE_CHARS
            && s.chars().any(char::is_alphabetic)
            && !end.ends_with(['.', '!', '?', '…', ':', ';', ','])
            && !is_bullet(s)
    }

    fn body(
        &mut self,
        blocks: &[Block],
        headlines: &[Segment],
        markdown: bool,
    ) -> (Vec<Section>, Vec<Post>) {
        let mut items: Vec<Item> = Vec::new();
        for (n, block) in blocks.iter().enumerate() {
            let first = block.lines[0];
            let has_next = n + 1 < blocks.len();
            if markdown && self.slice(first).trim_start().starts_with("## ") {
                let line = self.strip_prefix_line(first, |t| t.strip_prefix("## "));
                items.push(Item::Heading(self.trimmed(Span::new(line.start, line.end))));
                if block.lines.len() > 1 {
                    let rest = Block {
                        lines: block.lines[1..].to_vec(),
                        blank_before: 0,
                    };
                    self.paragraph_or_post(&rest, &mut items);
                }
                continue;
            }
            if block.lines.iter().all(|&l| is_bullet(self.slice(l))) {
                for &line in &block.lines {
                    if let Some(span) = self.bullet_content(line) {
                        items.push(Item::Paragraph(span));
                    }
                }
                continue;
            }
            let span = self.trimmed(block.span());
            let matches_headline = headlines
                .iter()
                .any(|h| same_text(&h.text, &self.text[span.range()]));
            let heading_like = block.lines.len() == 1 && self.is_heading_like(first);
            if block.lines.len() == 1
                && (matches_headline
                    || (!markdown && heading_like && has_next && !self.is_post(span)))
            {
                items.push(Item::Heading(self.unbolded(span)));
                continue;
            }
            if !markdown
                && has_next
                && block.lines.len() == 1
                && let Some(label) = self.label(span)
            {
                items.push(Item::Heading(label));
                continue;
            }
            // A short question standing alone before a paragraph is a subhead.
            let text = &self.text[span.range()];
            if !markdown
                && block.lines.len() == 1
                && text.ends_with('?')
                && layout::word_count(text) <= 10
                && blocks
                    .get(n + 1)
                    .is_some_and(|b| b.lines.len() > 1 || !self.is_heading_like(b.lines[0]))
            {
                items.push(Item::Heading(span));
                continue;
            }
            // Lines that each end a sentence are paragraphs of their own (a page copied with
            // single line breaks), not one paragraph wrapped over several lines.
            // Short heading lines among them (a newsletter's `Morning Headlines`) are headings.
            let sentence: Vec<bool> = block
                .lines
                .iter()
                .map(|&l| {
                    let s = self.slice(l).trim_end();
                    layout::ends_sentence(s) || s.ends_with(':')
                })
                .collect();
            let short_heading: Vec<bool> = block
                .lines
                .iter()
                .map(|&l| self.is_heading_like(l) && layout::word_count(self.slice(l)) <= 8)
                .collect();
            if !markdown
                && block.lines.len() > 1
                && sentence.iter().any(|&x| x)
                && sentence.iter().zip(&short_heading).all(|(&a, &b)| a || b)
            {
                let last = block.lines.len() - 1;
                for (k, &line) in block.lines.iter().enumerate() {
                    if !sentence[k] && k < last {
                        items.push(Item::Heading(self.trimmed(line.into_span())));
                        continue;
                    }
                    let one = Block {
                        lines: vec![line],
                        blank_before: 0,
                    };
                    self.paragraph_or_post(&one, &mut items);
                }
                continue;
            }
            self.paragraph_or_post(block, &mut items);
        }
        self.sections(items, headlines)
    }

    /// A heading written in bold (`**Politics**`), without its markers; other spans unchanged.
    fn unbolded(&self, span: Span) -> Span {
        let t = &self.text[span.range()];
        if let Some(r) = framed(t) {
            return Span::new(span.start + r.start, span.start + r.end);
        }
        for m in ["**", "__"] {
            if t.len() > 2 * m.len()
                && let Some(inner) = t.strip_prefix(m).and_then(|r| r.strip_suffix(m))
                && !inner.trim().is_empty()
            {
                let lead = inner.len() - inner.trim_start().len();
                let trail = inner.len() - inner.trim_end().len();
                return Span::new(span.start + m.len() + lead, span.end - m.len() - trail);
            }
        }
        span
    }

    /// A label that introduces what follows (`The military situation:`, `Samstag, 14. Januar:`,
    /// `Kremlin’s Response to Belgorod Shelling:`, `**Politics:**`), as a heading without its
    /// colon; `None` for anything longer than a heading.
    fn label(&self, span: Span) -> Option<Span> {
        let span = self.unbolded(span);
        let t = &self.text[span.range()];
        let body = t.strip_suffix(':')?.trim_end();
        if body.is_empty()
            || body.chars().count() > 80
            || layout::word_count(body) > 12
            || is_bullet(t)
            || layout::ends_sentence(body)
        {
            return None;
        }
        Some(Span::new(span.start, span.start + body.len()))
    }

    fn is_post(&self, span: Span) -> bool {
        POST.is_match(&self.text[span.range()])
    }

    fn paragraph_or_post(&mut self, block: &Block, items: &mut Vec<Item>) {
        let span = self.trimmed(block.span());
        if span.is_empty() {
            return;
        }
        let text = &self.text[span.range()];
        if !text.chars().any(char::is_alphanumeric) {
            self.diagnostics.push(
                Diagnostic::warning(
                    "ingest::unplaced-text",
                    span,
                    format!("`{text}` is neither a heading nor a paragraph"),
                )
                .with_help("delete the line if it is a separator, or write the text it stands for"),
            );
            return;
        }
        if let Some(c) = POST.captures(text) {
            let whole = c.get(0).map_or(0..0, |m| m.range());
            let text_end = c.name("link").map_or(whole.start, |m| m.start());
            let body = self.trimmed(Span::new(span.start, span.start + text_end));
            let field = |name: &str| {
                c.name(name)
                    .map(|m| m.as_str().trim().to_owned())
                    .filter(|s| !s.is_empty())
            };
            items.push(Item::Post(Box::new(Post {
                text: self.segment(SegmentId::post(0), body),
                link: field("link"),
                author: field("author"),
                handle: field("handle"),
                date: field("date"),
                section: None,
                span,
            })));
            return;
        }
        items.push(Item::Paragraph(span));
    }

    fn sections(&mut self, items: Vec<Item>, headlines: &[Segment]) -> (Vec<Section>, Vec<Post>) {
        let mut sections: Vec<Section> = Vec::new();
        let mut posts: Vec<Post> = Vec::new();
        let mut current: Option<Section> = None;
        for item in items {
            match item {
                Item::Heading(span) => {
                    sections.extend(current.take());
                    let n = sections.len() + 1;
                    let heading = self.segment(SegmentId::heading(n), span);
                    let headline = headlines
                        .iter()
                        .position(|h| same_text(&h.text, &heading.text));
                    if headline.is_none() && !headlines.is_empty() {
                        self.diagnostics.push(
                            Diagnostic::warning("ingest::heading-not-in-list", span, "this heading repeats no headline of the key-events list")
                                .with_help("make it identical to its headline, or add it to the list at the top"),
                        );
                    }
                    current = Some(Section {
                        id: format!("s{n}"),
                        heading: Some(heading),
                        headline,
                        paragraphs: Vec::new(),
                    });
                }
                Item::Paragraph(span) => {
                    let section = current.get_or_insert_with(|| Section {
                        id: format!("s{}", sections.len() + 1),
                        heading: None,
                        headline: None,
                        paragraphs: Vec::new(),
                    });
                    let (s, p) = (sections.len() + 1, section.paragraphs.len() + 1);
                    let paragraph = self.paragraph(span, s, p);
                    section.paragraphs.push(paragraph);
                }
                Item::Post(mut post) => {
                    if current.is_none() && sections.is_empty() {
                        current = Some(Section {
                            id: "s1".into(),
                            heading: None,
                            headline: None,
                            paragraphs: Vec::new(),
                        });
                    }
                    post.section = Some(sections.len() + usize::from(current.is_some()) - 1);
                    post.text.id = SegmentId::post(posts.len() + 1);
                    posts.push(*post);
                }
            }
        }
        sections.extend(current);
        // A section without a heading tells the next headline no heading claims.
        let claimed: Vec<usize> = sections
            .iter()
            .filter(|s| s.heading.is_some())
            .filter_map(|s| s.headline)
            .collect();
        let mut next = 0;
        for section in &mut sections {
            if section.heading.is_none() && next < headlines.len() && !claimed.contains(&next) {
                section.headline = Some(next);
            }
            if let Some(h) = section.headline {
                next = h + 1;
            }
        }
        (sections, posts)
    }

    fn paragraph(&mut self, span: Span, s: usize, p: usize) -> Paragraph {
        // Soft line breaks become spaces; `\r` and `\n` are one byte each, so spans stay aligned.
        let flat: String = self.text[span.range()]
            .chars()
            .map(|c| if matches!(c, '\r' | '\n') { ' ' } else { c })
            .collect();
        let (sentences, unclosed) = split_checked(&flat, self.options.rules);
        if unclosed {
            self.diagnostics.push(
                Diagnostic::warning(
                    "ingest::unclosed-quote",
                    span,
                    "a quotation opened in this paragraph is never closed",
                )
                .with_help(
                    "add the closing quotation mark; sentences were split ignoring quotations",
                ),
            );
        }
        let segments = sentences
            .iter()
            .enumerate()
            .map(|(k, sp)| {
                let sp = sp.offset(span.start);
                let mut seg = self.segment(SegmentId::sentence(s, p, k + 1), sp);
                seg.text = normalize_spaces(&flat[sp.start - span.start..sp.end - span.start]);
                seg
            })
            .collect();
        Paragraph { segments, span }
    }

    /// A segment over `span`, with NFC text and its inline structure.
    fn segment(&self, id: SegmentId, span: Span) -> Segment {
        let text = normalize_spaces(&self.text[span.range()]);
        let quotes = quotes(&text, &self.options.rules.quote_pairs());
        let attribution = self
            .attribution
            .as_ref()
            .and_then(|re| attribution(&text, re));
        Segment {
            id,
            text,
            span,
            quotes,
            attribution,
        }
    }

    fn link_check(&mut self, doc: &Document) {
        for (i, h) in doc.headlines.iter().enumerate() {
            if !doc.sections.iter().any(|s| s.headline == Some(i)) {
                self.diagnostics.push(
                    Diagnostic::warning(
                        "ingest::headline-without-section",
                        h.span,
                        "no section of the body tells this headline",
                    )
                    .with_help("repeat the headline as a heading line above its section"),
                );
            }
        }
    }
}

/// The embedded-post line: text, optional link, a dash, author, `(@handle)`, date. The dash may
/// be glued to what precedes it.
static POST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<link>(?:https?://)?(?:pic\.twitter\.com|t\.co|(?:www\.)?(?:twitter|x)\.com)/\S+?)?
        \s*[—–]\s*
        (?P<author>[^\n()@—–]*?)\s*
        \(@(?P<handle>[A-Za-z0-9_]{1,15})\)\s*
        (?P<date>[^\n]*?)\s*$",
    )
    .expect("valid regex")
});

/// NFC, with line breaks folded to spaces.
fn normalize_spaces(text: &str) -> String {
    let flat: String = text
        .chars()
        .map(|c| if matches!(c, '\r' | '\n') { ' ' } else { c })
        .collect();
    ComposingNormalizerBorrowed::new_nfc()
        .normalize(&flat)
        .into_owned()
}

/// Whether two headline texts are the same, ignoring case, spacing and quotation-mark style.
fn same_text(a: &str, b: &str) -> bool {
    fn key(s: &str) -> impl Iterator<Item = char> + '_ {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
    }
    key(a).eq(key(b))
}

fn bullet_marker_len(line: &str) -> Option<usize> {
    let t = line.trim_start();
    let indent = line.len() - t.len();
    if framed(t.trim_end()).is_some() {
        return None;
    }
    for marker in [
        "- ", "• ", "* ", "– ", "— ", "+ ", "▪ ", "▫ ", "◦ ", "● ", "○ ", "■ ", "□ ", "◆ ", "► ",
        "▶ ", "➤ ", "→ ", "✓ ", "✔ ", "· ",
    ] {
        if t.starts_with(marker) || t == marker.trim_end() {
            return Some(indent + marker.len().min(t.len()));
        }
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &t[digits..];
        if rest.starts_with(". ") || rest.starts_with(") ") {
            return Some(indent + digits + 2);
        }
    }
    None
}

fn is_bullet(line: &str) -> bool {
    bullet_marker_len(line).is_some()
}

/// The inside of a heading framed by one mark on both sides (`– Ruble up, oil down –`,
/// `+++ Heading +++`, `== Heading ==`): its byte range in `t`, which is trimmed.
fn framed(t: &str) -> Option<std::ops::Range<usize>> {
    let mark: String = t
        .chars()
        .take_while(|c| !c.is_alphanumeric() && !c.is_whitespace())
        .collect();
    if mark.is_empty()
        || !matches!(
            mark.chars().next(),
            Some('-' | '–' | '—' | '+' | '=' | '*' | '#' | '~')
        )
    {
        return None;
    }
    let inner = t.strip_prefix(mark.as_str())?.strip_suffix(mark.as_str())?;
    if !inner.starts_with(char::is_whitespace) || !inner.ends_with(char::is_whitespace) {
        return None;
    }
    let lead = inner.len() - inner.trim_start().len();
    let body = inner.trim();
    if !body.chars().any(char::is_alphabetic) {
        return None;
    }
    let start = mark.len() + lead;
    Some(start..start + body.len())
}

/// The attribution pattern of `rules`, compiled once per set of phrases (a small cache, so that
/// parsing many texts in one language does not compile a regex per text).
fn attribution_regex(rules: &LanguageRules) -> Option<Arc<Regex>> {
    // Shared, not cloned: a cloned `Regex` starts with an empty matching cache, which every
    // call would then rebuild (74 % of the time of a parse, found with `cargo fuzz`).
    type Key = (Vec<String>, Vec<String>, bool);
    type Cache = Mutex<Vec<(Key, Option<Arc<Regex>>)>>;
    static CACHE: LazyLock<Cache> = LazyLock::new(|| Mutex::new(Vec::new()));
    let key: Key = (
        rules.attribution_verbs.clone(),
        rules.attribution_via.clone(),
        rules.attribution_inverted,
    );
    if let Ok(cache) = CACHE.lock()
        && let Some((_, re)) = cache.iter().find(|(k, _)| *k == key)
    {
        return re.clone();
    }
    let re = build_attribution_regex(rules).map(Arc::new);
    if let Ok(mut cache) = CACHE.lock() {
        if cache.len() >= 16 {
            cache.remove(0);
        }
        cache.push((key, re.clone()));
    }
    re
}

/// `Source verb[, via Intermediary]`, from the language's phrases; `None` when it has none.
fn build_attribution_regex(rules: &LanguageRules) -> Option<Regex> {
    if rules.attribution_verbs.is_empty() {
        return None;
    }
    let alt = |v: &[String]| {
        v.iter()
            .map(|s| regex::escape(s))
            .collect::<Vec<_>>()
            .join("|")
    };
    let name = r"\p{Lu}[\p{L}\p{M}.\-]*(?:\s+\p{Lu}[\p{L}\p{M}.\-]*)*";
    let via = if rules.attribution_via.is_empty() {
        String::new()
    } else {
        format!(
            r"(?:,?\s+(?:{})\s+(?P<via>{name}))?",
            alt(&rules.attribution_via)
        )
    };
    let verbs = alt(&rules.attribution_verbs);
    // `Reuters reported` and the inverted `, съобщи Ройтерс` / `, berichtete Reuters`.
    let mut pattern = format!(r"(?P<source>{name})\s+(?:{verbs}){via}\b");
    if rules.attribution_inverted {
        let via_inv = via.replace("(?P<via>", "(?P<via_inv>");
        pattern.push_str(&format!(
            r"|,\s*(?:{verbs})\s+(?P<source_inv>{name}){via_inv}"
        ));
    }
    Regex::new(&pattern).ok()
}

fn attribution(text: &str, re: &Regex) -> Option<Attribution> {
    let c = re.captures(text)?;
    let whole = c.get(0)?;
    Some(Attribution {
        span: Span::new(whole.start(), whole.end()),
        source: c
            .name("source")
            .or_else(|| c.name("source_inv"))?
            .as_str()
            .trim_end_matches('.')
            .to_owned(),
        via: c
            .name("via")
            .or_else(|| c.name("via_inv"))
            .map(|m| m.as_str().trim_end_matches('.').to_owned()),
    })
}

impl Line {
    fn into_span(self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// The text with runs of white space folded to one space.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests: a panic is the failure report.
mod tests {
    use super::*;

    fn rules() -> LanguageRules {
        LanguageRules {
            series_words: vec!["day".into(), "days".into()],
            number_words: vec![vec!["first".into()], vec!["second".into()]],
            furniture: vec!["Start reading".into(), "staff and agencies".into()],
            credit_words: vec!["Photograph".into()],
            ..LanguageRules::default()
        }
    }

    fn run(text: &str) -> Ingested {
        let rules = rules();
        let mut options = Options::new(Lang::parse("en").unwrap(), &rules);
        options.format = Some(Format::PlainText);
        ingest(text, &options)
    }

    fn headlines(out: &Ingested) -> Vec<&str> {
        out.document
            .headlines
            .iter()
            .map(|h| h.text.as_str())
            .collect()
    }

    fn shape(out: &Ingested) -> Vec<(Option<&str>, Option<usize>, usize)> {
        out.document
            .sections
            .iter()
            .map(|s| {
                (
                    s.heading.as_ref().map(|h| h.text.as_str()),
                    s.headline,
                    s.paragraphs.len(),
                )
            })
            .collect()
    }

    #[test]
    fn a_heading_that_repeats_a_bulleted_headline_starts_its_section() {
        let out = run(
            "Day 686 of the war. Key events:\n\n- Zelensky visits Lithuania\n- Russia fires missiles\n\n\
             Zelensky visits Lithuania\n\nHe arrived today.\n\nRussia fires missiles\n\nThey fell at night.\n",
        );
        assert_eq!(
            headlines(&out),
            ["Zelensky visits Lithuania", "Russia fires missiles"]
        );
        assert_eq!(
            shape(&out),
            [
                (Some("Zelensky visits Lithuania"), Some(0), 1),
                (Some("Russia fires missiles"), Some(1), 1)
            ]
        );
    }

    #[test]
    fn a_dateline_dates_a_day_without_a_number() {
        let rules = LanguageRules {
            months: vec![vec!["January".into()]],
            weekdays: vec!["Wednesday".into()],
            ..rules()
        };
        let options = Options::new(Lang::parse("en").unwrap(), &rules);
        let out = ingest(
            "Key events of the war\n\nHere is the situation on Wednesday, January 10, 2024.\n\nFighting\n\n- Kyiv was shelled. Two died.\n",
            &options,
        );
        assert_eq!(out.document.day, None);
        assert_eq!(
            out.document.date.map(|d| d.to_string()).as_deref(),
            Some("2024-01-10")
        );
    }

    #[test]
    fn a_labelled_list_after_an_intro_is_the_headline_list() {
        let out = run(
            "Live: the war, day 686\n\nWe follow the war here.\n\nThe most important so far:\n\n\
             ▪ Kyiv is shelled\n▪ Talks resume\n12:30\n\nKyiv was shelled at dawn, officials said.\n",
        );
        assert_eq!(out.document.day, Some(686));
        assert_eq!(headlines(&out), ["Kyiv is shelled", "Talks resume"]);
        assert_eq!(
            out.document.lead.as_ref().unwrap().text,
            "We follow the war here. The most important so far:"
        );
        assert!(
            out.diagnostics
                .iter()
                .any(|d| d.code == "ingest::furniture" && d.span.len() == 5)
        );
    }

    #[test]
    fn several_labelled_lists_are_sections() {
        let out = run(
            "The war on its second day\n\nAn overview.\n\nMilitary:\n\n- Tanks advance.\n- Jets fly.\n\n\
             Civilian:\n\n- People flee.\n",
        );
        assert_eq!(out.document.day, Some(2));
        assert!(out.document.headlines.is_empty());
        assert_eq!(
            shape(&out),
            [(Some("Military"), None, 2), (Some("Civilian"), None, 1)]
        );
    }

    #[test]
    fn furniture_is_reported_and_never_content() {
        let text = "Start reading\nThe Outlet\nJane Doe with staff and agencies\n\n\
             WAR AT A GLANCE: WHAT WE KNOW ON DAY 684\n\nA minister in a shelter\n\
             A minister in a shelter. Photograph: AFP/Getty Images\n  • One thing happened. Then another.\n\n  \
             • A second thing happened here. It went on.\n";
        let out = run(text);
        assert_eq!(out.document.day, Some(684));
        assert_eq!(
            out.document.title.as_ref().unwrap().text,
            "WAR AT A GLANCE: WHAT WE KNOW ON DAY 684"
        );
        let furniture: Vec<&str> = out
            .diagnostics
            .iter()
            .filter(|d| d.code == "ingest::furniture")
            .map(|d| &text[d.span.range()])
            .collect();
        assert_eq!(furniture.len(), 5, "{furniture:?}");
        assert!(out.document.headlines.is_empty());
        assert_eq!(shape(&out), [(None, None, 2)]);
        for seg in out.document.segments() {
            assert!(!seg.text.contains("Photograph"), "{}", seg.text);
        }
    }
}
