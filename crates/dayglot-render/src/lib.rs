//! The render stage of dayglot: one day in every language, as files, in memory.
//!
//! Rendering is pure (mdBook's renderer contract): it takes plain data — the documents of a day
//! in each language with the state of every segment, the mentions of glossary entities, the page
//! chrome — and returns [`RenderedFile`]s with paths relative to the output folder. It never
//! touches the file system, the clock or the environment; the CLI writes the files, atomically,
//! and only when the whole run rendered without errors. Output is byte-identical across runs.
//!
//! # Output layout (relative to the output folder, `public/` by default)
//!
//! ```text
//! index.html                   root index: the months, and the newest month's days × languages
//! archive/YYYY-MM.html         one month's days × languages
//! style.css                    the one stylesheet (no JavaScript anywhere)
//! day-686/<lang>/index.html    HTML5 page
//! day-686/<lang>/index.md      Markdown
//! day-686/<lang>/index.txt     plain text in the series' own layout (re-ingestible)
//! day-686/<lang>/index.json    the model with segment ids, states and entity mentions
//! <lang>/feed.atom             Atom feed of the newest days of that language
//! ```
//!
//! # Main types
//!
//! - [`Chrome`]: the Fluent bundles of every language (`locales/<lang>/*.ftl`), with ICU4X behind
//!   `NUMBER` (locale grouping) and `DATETIME` (long dates), and `NAME("place/ukraine",
//!   case: "genitive")` answered by a [`NameForms`] the caller passes in. A message missing in a
//!   language falls back to the source language with a diagnostic.
//! - [`Day`] and [`Edition`]: what is rendered. A segment whose [`SegmentStatus`] is a fallback is
//!   shown in the source language, marked `lang="en"` with a visible note, and reported.
//! - [`render_site`]: pages of the chosen days, feeds, index and stylesheet in one [`Rendered`].
//!
//! ```
//! use std::collections::BTreeMap;
//! use std::sync::Arc;
//! use dayglot_core::{DayId, Document, Lang};
//! use dayglot_render::{Chrome, ChromeFile, Day, Edition, NoNames, RenderContext, Site, render_site};
//!
//! let en = Lang::parse("en").unwrap();
//! let ftl = "language-name = English\nday-title = Day { $day }\n";
//! let files = BTreeMap::from([(en.clone(), vec![ChromeFile { path: "chrome.ftl".into(), text: ftl.into() }])]);
//! let (chrome, _) = Chrome::new(en.clone(), &files, Arc::new(NoNames)).unwrap();
//! let doc = Document { day: Some(1), date: None, lang: en.clone(), title: None, lead: None,
//!                      headlines: vec![], sections: vec![], posts: vec![] };
//! let day = Day { id: DayId::parse("day-1").unwrap(), date: "2022-02-24".parse().unwrap(),
//!                 source_lang: en.clone(), outlet: None,
//!                 editions: vec![Edition::source(doc)] };
//! let site = Site { name: "dayglot".into(), base_url: String::new() };
//! let ctx = RenderContext { site: &site, chrome: &chrome };
//! let out = render_site(&ctx, &[day], &[DayId::parse("day-1").unwrap()]);
//! assert!(out.files.iter().any(|f| f.path.to_str() == Some("day-1/en/index.html")));
//! ```

mod atom;
mod chrome;
mod html;
mod index;
mod intl;
mod json;
mod markdown;
mod text;

use std::collections::BTreeMap;
use std::path::PathBuf;

use dayglot_core::{Date, DayId, Diagnostic, Document, Lang, Segment, SegmentId, Severity, Span};

pub use chrome::{Arg, Chrome, ChromeFile, FORMAT_LOCALE_MESSAGE, NameForms, NoNames};
pub use index::{DaySummary, EditionSummary};
pub use intl::{LocaleFacts, locale_facts};
pub use json::{EDITION_SCHEMA_VERSION, EditionJson, MentionJson, SegmentInfoJson};
pub use text::plain_text;

/// A problem that stops rendering.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A formatting locale ICU4X cannot use.
    #[error("`{locale}` is not a usable formatting locale: {reason}")]
    Locale {
        /// The locale tag.
        locale: String,
        /// Why.
        reason: String,
    },
    /// The source language has no chrome, so nothing can fall back.
    #[error("the source language {lang} has no page chrome: add its chrome.ftl (a Fluent file)")]
    NoSourceChrome {
        /// The source language.
        lang: Lang,
    },
}

/// The site: its name and base URL (for feed ids and links; may be empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// Shown in the chrome and feeds.
    pub name: String,
    /// Without a trailing slash; empty when unknown (feed ids then use `urn:`).
    pub base_url: String,
}

/// Everything rendering needs besides the days.
#[derive(Debug, Clone, Copy)]
pub struct RenderContext<'a> {
    /// The site.
    pub site: &'a Site,
    /// The page chrome of every language.
    pub chrome: &'a Chrome,
}

/// Why a segment is shown in the source language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FallbackReason {
    /// No translation entry.
    Missing,
    /// The entry was translated from another source text.
    Stale,
    /// The entry's translation is empty.
    Empty,
    /// The language has no translation file for the day.
    NoTranslationFile,
    /// The entry is flagged fuzzy: a draft, or made from an older source; as msgfmt does, it is
    /// not published until it is reviewed.
    NeedsReview,
}

impl FallbackReason {
    /// `missing`, `stale`, `empty`, `no-translation-file`, `needs-review`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Missing => "missing",
            Self::Stale => "stale",
            Self::Empty => "empty",
            Self::NoTranslationFile => "no-translation-file",
            Self::NeedsReview => "needs-review",
        }
    }
}

/// Where a segment's text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentStatus {
    /// The source text, in the source edition.
    Source,
    /// A current translation.
    Translated,
    /// A current translation flagged for review (published).
    NeedsReview,
    /// The source text, because the translation is missing, stale or empty.
    Fallback(FallbackReason),
}

impl SegmentStatus {
    /// `source`, `translated`, `needs-review`, or `fallback-<reason>`.
    pub fn name(self) -> String {
        match self {
            Self::Source => "source".into(),
            Self::Translated => "translated".into(),
            Self::NeedsReview => "needs-review".into(),
            Self::Fallback(r) => format!("fallback-{}", r.name()),
        }
    }
}

/// A mention of a glossary entity in a segment (plain data from the glossary matcher).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The entity id (`person/zelensky`).
    pub entity: String,
    /// Byte range of the mention in the segment text.
    pub span: Span,
}

/// One day in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    /// The language.
    pub lang: Lang,
    /// The document in that language (segments that fall back hold the source text).
    pub document: Document,
    /// The state of each segment; a segment absent from the map is [`SegmentStatus::Source`] in
    /// the source edition and [`SegmentStatus::Translated`] elsewhere.
    pub status: BTreeMap<SegmentId, SegmentStatus>,
    /// Mentions of glossary entities, per segment.
    pub mentions: BTreeMap<SegmentId, Vec<Mention>>,
}

impl Edition {
    /// The source edition of a document: every segment as written, no mentions.
    pub fn source(document: Document) -> Self {
        Self {
            lang: document.lang.clone(),
            document,
            status: BTreeMap::new(),
            mentions: BTreeMap::new(),
        }
    }

    /// The state of a segment.
    pub fn status_of(&self, id: &SegmentId, source_lang: &Lang) -> SegmentStatus {
        match self.status.get(id) {
            Some(s) => *s,
            None if self.lang == *source_lang => SegmentStatus::Source,
            None => SegmentStatus::Translated,
        }
    }
}

/// A day with its editions (source first, then the other languages in the project's order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Day {
    /// The day.
    pub id: DayId,
    /// Its date from the series calendar: the publication date.
    pub date: Date,
    /// The source language.
    pub source_lang: Lang,
    /// The original outlet, if known.
    pub outlet: Option<String>,
    /// One edition per language.
    pub editions: Vec<Edition>,
}

/// One output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedFile {
    /// Path relative to the output folder, `/`-separated components.
    pub path: PathBuf,
    /// The contents.
    pub bytes: Vec<u8>,
}

/// The files of a run and the problems found while rendering them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The files, in a stable order.
    pub files: Vec<RenderedFile>,
    /// Fallbacks, missing messages and other problems.
    pub diagnostics: Vec<Diagnostic>,
}

impl Rendered {
    fn add(&mut self, path: impl Into<PathBuf>, text: String) {
        self.files.push(RenderedFile {
            path: path.into(),
            bytes: text.into_bytes(),
        });
    }
}

/// The stylesheet, `style.css`.
pub const STYLESHEET: &str = include_str!("style.css");

/// Renders the pages (HTML, Markdown, text, JSON) of every edition of `day`, and reports each
/// segment that falls back to the source language.
pub fn render_day(ctx: &RenderContext<'_>, day: &Day) -> Rendered {
    let mut out = Rendered::default();
    for edition in &day.editions {
        let dir = format!("{}/{}", day.id, edition.lang);
        for seg in edition.document.segments() {
            if let SegmentStatus::Fallback(reason) = edition.status_of(&seg.id, &day.source_lang) {
                let d = Diagnostic::warning(
                    "render::fallback",
                    Span::default(),
                    format!(
                        "{} {} segment `{}` is shown in {} ({})",
                        day.id,
                        edition.lang,
                        seg.id,
                        day.source_lang,
                        reason.name()
                    ),
                )
                .with_help(format!(
                    "translate `{}` in the {} catalog of {}",
                    seg.id, edition.lang, day.id
                ));
                out.diagnostics.push(d.for_lang(&edition.lang));
            }
        }
        let mut diags = Vec::new();
        out.add(
            format!("{dir}/index.html"),
            html::page(ctx, day, edition, &mut diags),
        );
        out.add(
            format!("{dir}/index.md"),
            markdown::page(ctx, day, edition, &mut diags),
        );
        out.add(
            format!("{dir}/index.txt"),
            text::page(ctx, day, edition, &mut diags),
        );
        out.add(
            format!("{dir}/index.json"),
            json::page_in(ctx, day, edition),
        );
        // The chrome of one edition is formatted for several outputs: report each problem once.
        dedup_into(&mut out.diagnostics, diags);
    }
    out
}

/// Renders the Atom feed of every language (`<lang>/feed.atom`): the newest `limit` days with
/// an edition in that language, newest first (an untranslated edition marked as such).
pub fn render_feeds(ctx: &RenderContext<'_>, days: &[DaySummary], limit: usize) -> Rendered {
    let mut out = Rendered::default();
    let mut diags = Vec::new();
    for lang in ctx.chrome.languages() {
        if let Some(feed) = atom::feed(ctx, lang, days, limit, &mut diags) {
            out.add(format!("{lang}/feed.atom"), feed);
        }
    }
    dedup_into(&mut out.diagnostics, diags);
    out
}

/// Renders the root index (`index.html`: the months, and the newest month's days), one page per
/// month (`archive/YYYY-MM.html`) and the stylesheet.
pub fn render_index(ctx: &RenderContext<'_>, days: &[DaySummary]) -> Rendered {
    let mut out = Rendered::default();
    let mut diags = Vec::new();
    for (path, html) in index::pages(ctx, days, &mut diags) {
        out.add(path, html);
    }
    out.add("style.css", STYLESHEET.to_owned());
    dedup_into(&mut out.diagnostics, diags);
    out
}

/// How many entries a feed carries unless told otherwise (`[output] feed_entries`).
pub const DEFAULT_FEED_ENTRIES: usize = 50;

/// Everything of a run, in memory: the pages of the days in `pages_for`, and the feeds (the
/// newest [`DEFAULT_FEED_ENTRIES`] days) and the index over all `days`. Files are sorted by
/// path. (A publish of a large archive renders day by day with [`render_day`] and keeps only a
/// [`DaySummary`] of each.)
pub fn render_site(ctx: &RenderContext<'_>, days: &[Day], pages_for: &[DayId]) -> Rendered {
    let mut out = Rendered::default();
    for day in days.iter().filter(|d| pages_for.contains(&d.id)) {
        let r = render_day(ctx, day);
        out.files.extend(r.files);
        dedup_into(&mut out.diagnostics, r.diagnostics);
    }
    let summaries: Vec<DaySummary> = days.iter().map(DaySummary::of).collect();
    for r in [
        render_feeds(ctx, &summaries, DEFAULT_FEED_ENTRIES),
        render_index(ctx, &summaries),
    ] {
        out.files.extend(r.files);
        dedup_into(&mut out.diagnostics, r.diagnostics);
    }
    out.files.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

fn dedup_into(all: &mut Vec<Diagnostic>, new: Vec<Diagnostic>) {
    for d in new {
        if !all.contains(&d) {
            all.push(d);
        }
    }
}

/// Whether any diagnostic is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}

/// The heading of section `index`: its headline's text, else its own heading line.
pub(crate) fn section_heading(doc: &Document, index: usize) -> Option<&Segment> {
    let section = doc.sections.get(index)?;
    section
        .headline
        .and_then(|h| doc.headlines.get(h))
        .or(section.heading.as_ref())
}

/// The section a headline links to (`s1`), if a section tells it.
pub(crate) fn section_of_headline(doc: &Document, headline: usize) -> Option<&str> {
    doc.sections
        .iter()
        .find(|s| s.headline == Some(headline))
        .map(|s| s.id.as_str())
}

/// Messages of one edition's chrome, with the edition's language and the diagnostics sink.
pub(crate) struct Msg<'a> {
    pub(crate) chrome: &'a Chrome,
    pub(crate) lang: &'a Lang,
}

impl Msg<'_> {
    pub(crate) fn get(
        &self,
        id: &str,
        args: &[(&str, Arg)],
        diags: &mut Vec<Diagnostic>,
    ) -> String {
        self.chrome.message(self.lang, id, args, diags)
    }

    /// [`Msg::get`] with every placeable isolated, for the text of an HTML page body.
    pub(crate) fn isolated(
        &self,
        id: &str,
        args: &[(&str, Arg)],
        diags: &mut Vec<Diagnostic>,
    ) -> String {
        self.chrome.message_isolated(self.lang, id, args, diags)
    }
}

/// The source attribution and the footer of a day page, the same in every output format
/// (`isolated` for an HTML body).
pub(crate) fn footer_texts(
    ctx: &RenderContext<'_>,
    day: &Day,
    m: &Msg<'_>,
    args: &[(&str, Arg)],
    isolated: bool,
    diags: &mut Vec<Diagnostic>,
) -> (String, String) {
    let get = |id: &str, args: &[(&str, Arg)], diags: &mut Vec<Diagnostic>| {
        if isolated {
            m.isolated(id, args, diags)
        } else {
            m.get(id, args, diags)
        }
    };
    let attribution = match &day.outlet {
        Some(outlet) => get(
            "source-outlet",
            &[("outlet", Arg::Str(outlet.clone()))],
            diags,
        ),
        None => get("source-unknown", args, diags),
    };
    let langs = [
        ("site", Arg::Str(ctx.site.name.clone())),
        ("count", Arg::Num(day.editions.len() as f64)),
    ];
    let footer = get("footer", &langs, diags);
    (attribution, footer)
}

/// Arguments shared by day messages: `$day`, `$date`, `$site`, `$source`.
pub(crate) fn day_args(ctx: &RenderContext<'_>, day: &Day) -> Vec<(&'static str, Arg)> {
    vec![
        ("day", Arg::Num(f64::from(day.id.number()))),
        ("date", Arg::Str(day.date.to_string())),
        ("site", Arg::Str(ctx.site.name.clone())),
        ("source", Arg::Str(day.source_lang.to_string())),
    ]
}
