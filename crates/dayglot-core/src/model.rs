//! The document model: one day in one language.

use std::fmt;

use jiff::civil::Date;

use crate::{Lang, Span};

/// The language-independent id of a segment; translations hang off it.
///
/// Ids are positional within their container, never global counters, so editing one paragraph
/// never renumbers another: `title`, `lead`, `h3` (third headline), `s2.heading`, `s2.p4.1`
/// (section 2, paragraph 4, sentence 1), `post1`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SegmentId(String);

impl SegmentId {
    /// The title's id.
    pub fn title() -> Self {
        Self("title".into())
    }
    /// The lead's id.
    pub fn lead() -> Self {
        Self("lead".into())
    }
    /// The id of headline `n` (1-based).
    pub fn headline(n: usize) -> Self {
        Self(format!("h{n}"))
    }
    /// The id of the heading of section `s` (1-based) when it repeats no headline.
    pub fn heading(s: usize) -> Self {
        Self(format!("s{s}.heading"))
    }
    /// The id of sentence `k` of paragraph `p` of section `s` (all 1-based).
    pub fn sentence(s: usize, p: usize, k: usize) -> Self {
        Self(format!("s{s}.p{p}.{k}"))
    }
    /// The id of embedded post `n` (1-based).
    pub fn post(n: usize) -> Self {
        Self(format!("post{n}"))
    }
    /// Wraps an id read from a file, if it has the shape of one (ASCII letters, digits, `.`).
    pub fn parse(s: &str) -> Option<Self> {
        let ok = !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.');
        ok.then(|| Self(s.to_owned()))
    }
    /// The id as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SegmentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}

/// A quotation inside a segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// Bytes of the quotation within the segment text, quotation marks included.
    pub span: Span,
    /// 0 for an outer quotation, 1 for a quote inside a quote.
    pub depth: u8,
    /// Whether the closing mark was found in the same segment.
    pub closed: bool,
}

/// Who a segment says the information comes from (`Reuters reported, quoted by BTA`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    /// Bytes of the attribution clause within the segment text.
    pub span: Span,
    /// The source named (`Reuters`).
    pub source: String,
    /// The intermediary, if any (`BTA` in `quoted by BTA`).
    pub via: Option<String>,
}

/// One translatable unit: a title, lead, headline, heading, sentence or post text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Stable id.
    pub id: SegmentId,
    /// The text, with surrounding white space trimmed and inner line breaks kept.
    pub text: String,
    /// Where the text stands in the ingested source.
    pub span: Span,
    /// Quotations in the text.
    pub quotes: Vec<Quote>,
    /// The attribution clause, if the sentence has one.
    pub attribution: Option<Attribution>,
}

impl Segment {
    /// Replaces the bytes `span` of the text with `with`, moving the spans of the quotations and
    /// the attribution that lie after it (a span that contains the replacement grows or shrinks
    /// with it). `span` is clamped to the text; replacing off character boundaries does nothing.
    pub fn replace(&mut self, span: Span, with: &str) {
        let end = span.end.min(self.text.len());
        let start = span.start.min(end);
        if !self.text.is_char_boundary(start) || !self.text.is_char_boundary(end) {
            return;
        }
        self.text.replace_range(start..end, with);
        // `at >= end >= end - start`, so the subtraction cannot underflow.
        let fix = |at: usize| {
            if at >= end {
                at + with.len() - (end - start)
            } else {
                at
            }
        };
        for q in &mut self.quotes {
            q.span = Span::new(fix(q.span.start), fix(q.span.end));
        }
        if let Some(a) = &mut self.attribution {
            a.span = Span::new(fix(a.span.start), fix(a.span.end));
        }
    }

    /// A segment with no inline structure.
    pub fn plain(id: SegmentId, text: impl Into<String>, span: Span) -> Self {
        Self {
            id,
            text: text.into(),
            span,
            quotes: Vec::new(),
            attribution: None,
        }
    }
}

/// A headline of the key-events list.
pub type Headline = Segment;

/// A paragraph: sentences in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// The sentences.
    pub segments: Vec<Segment>,
    /// Where the paragraph stands in the source.
    pub span: Span,
}

/// A section of the body, one per key event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Anchor id, the same in every language (`s1`, `s2`, ...).
    pub id: String,
    /// The heading line as written, if the section has one. When it repeats a headline its id
    /// is still `sN.heading`, but translations use the headline's translation.
    pub heading: Option<Segment>,
    /// Index into [`Document::headlines`] of the headline this section tells, if any.
    pub headline: Option<usize>,
    /// The paragraphs.
    pub paragraphs: Vec<Paragraph>,
}

/// An embedded social-media post (a tweet quoted at the end of a section).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    /// The post's text as a translatable segment (`postN`).
    pub text: Segment,
    /// Link to the post or its media (`pic.twitter.com/...`).
    pub link: Option<String>,
    /// Display name of the author.
    pub author: Option<String>,
    /// Handle without the `@`.
    pub handle: Option<String>,
    /// The date as written in the post line.
    pub date: Option<String>,
    /// Index into [`Document::sections`] of the section it belongs to.
    pub section: Option<usize>,
    /// Where the whole post line stands in the source.
    pub span: Span,
}

/// One day's summary in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The day number recovered from the title.
    pub day: Option<u32>,
    /// The date of the day, from the series calendar.
    pub date: Option<Date>,
    /// The language of the text.
    pub lang: Lang,
    /// The title (`Day 686 of the invasion of Ukraine.`).
    pub title: Option<Segment>,
    /// The lead (`Summary of key events in the last 24 hours:`).
    pub lead: Option<Segment>,
    /// The key-events list.
    pub headlines: Vec<Headline>,
    /// The body.
    pub sections: Vec<Section>,
    /// Embedded posts.
    pub posts: Vec<Post>,
}

impl Document {
    /// The segment with `id`, if the document has one.
    pub fn segment(&self, id: &SegmentId) -> Option<&Segment> {
        self.segments().into_iter().find(|s| &s.id == id)
    }

    /// Every translatable segment in reading order: title, lead, headlines, then each section's
    /// own heading (only where it repeats no headline), its sentences, and its posts.
    pub fn segments(&self) -> Vec<&Segment> {
        let mut out: Vec<&Segment> = Vec::new();
        out.extend(self.title.iter());
        out.extend(self.lead.iter());
        out.extend(self.headlines.iter());
        for (i, section) in self.sections.iter().enumerate() {
            if section.headline.is_none() {
                out.extend(section.heading.iter());
            }
            out.extend(section.paragraphs.iter().flat_map(|p| p.segments.iter()));
            out.extend(
                self.posts
                    .iter()
                    .filter(|p| p.section == Some(i))
                    .map(|p| &p.text),
            );
        }
        out.extend(
            self.posts
                .iter()
                .filter(|p| p.section.is_none())
                .map(|p| &p.text),
        );
        out
    }

    /// Calls `f` on every segment the document holds (title, lead, headlines, every heading,
    /// every sentence, every post text), in reading order, to rewrite them in place.
    pub fn for_each_segment_mut(&mut self, mut f: impl FnMut(&mut Segment)) {
        self.title.iter_mut().for_each(&mut f);
        self.lead.iter_mut().for_each(&mut f);
        self.headlines.iter_mut().for_each(&mut f);
        for section in &mut self.sections {
            section.heading.iter_mut().for_each(&mut f);
            section
                .paragraphs
                .iter_mut()
                .flat_map(|p| p.segments.iter_mut())
                .for_each(&mut f);
        }
        self.posts.iter_mut().for_each(|p| f(&mut p.text));
    }
}
