//! Plain text in the series' own layout, and the text helpers every output format shares: lost
//! characters dropped, and the embedded post as published (the original verbatim, the edition's
//! translation beside it, the author with the handle, the date in the edition's language).
//!
//! [`plain_text`] writes a document exactly as modelled: re-ingesting it gives the same model.
//! The published `index.txt` (`page`) is the same layout with runs of lost characters dropped
//! (`????`, U+FFFD) and each embedded post as published: the post line holds the original text
//! (what the embed shows), its link, ` — `, the author and `(@handle)`, and the date in the
//! edition's long form; in a translated edition the next paragraph is the translation, after the
//! `post-translation` label. The source edition's published text therefore re-ingests to its
//! published model (the `document` of its `index.json`).

use dayglot_core::{Date, Diagnostic, Document, Lang, Post, Segment};

use crate::{Day, Edition, Msg, RenderContext, SegmentStatus};

/// The document in the layout the series is received in: title and lead on the first line,
/// one headline per paragraph, three blank lines, then the sections (each with its heading line
/// when it has one), paragraphs separated by a blank line, and each embedded post on its own
/// line: `text link — author (@handle) date`. Every text as modelled, so that re-ingesting the
/// result gives the same model.
pub fn plain_text(doc: &Document) -> String {
    layout(doc, |s| s.to_owned(), |post| vec![post_line(post)])
}

/// The published `index.txt` of one edition (see the module documentation).
pub(crate) fn page(
    ctx: &RenderContext<'_>,
    day: &Day,
    edition: &Edition,
    diags: &mut Vec<Diagnostic>,
) -> String {
    let m = Msg {
        chrome: ctx.chrome,
        lang: &edition.lang,
    };
    let label = m.get("post-translation", &[], diags);
    layout(
        &edition.document,
        |s| without_lost(s).text,
        |post| {
            let e = Embed::of(ctx, day, edition, post);
            let mut line = e.original.clone();
            if let Some(link) = &e.link {
                line.push(' ');
                line.push_str(link);
            }
            line.push_str(" —");
            if let Some(byline) = e.byline() {
                line.push(' ');
                line.push_str(&byline);
            }
            if let Some(date) = &e.date_shown {
                line.push(' ');
                line.push_str(date);
            }
            let mut blocks = vec![line];
            if let Some(t) = &e.translation {
                blocks.push(format!("{label}: {t}"));
            }
            blocks
        },
    )
}

/// The layout of [`plain_text`], with `text` applied to every segment and `post` giving the
/// blocks of each embedded post.
fn layout(
    doc: &Document,
    text: impl Fn(&str) -> String,
    mut post: impl FnMut(&Post) -> Vec<String>,
) -> String {
    let mut blocks: Vec<String> = Vec::new();
    let first: Vec<String> = [&doc.title, &doc.lead]
        .into_iter()
        .flatten()
        .map(|s| text(&s.text))
        .collect();
    if !first.is_empty() {
        blocks.push(first.join(" "));
    }
    blocks.extend(doc.headlines.iter().map(|h| text(&h.text)));
    let mut body: Vec<String> = Vec::new();
    for (i, section) in doc.sections.iter().enumerate() {
        if let Some(heading) = &section.heading {
            body.push(text(&heading.text));
        }
        for p in &section.paragraphs {
            body.push(
                p.segments
                    .iter()
                    .map(|s| text(&s.text))
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
        for p in doc.posts.iter().filter(|p| p.section == Some(i)) {
            body.extend(post(p));
        }
    }
    for p in doc.posts.iter().filter(|p| p.section.is_none()) {
        body.extend(post(p));
    }
    let mut out = blocks.join("\n\n");
    if !body.is_empty() {
        if !out.is_empty() {
            out.push_str("\n\n\n\n");
        }
        out.push_str(&body.join("\n\n"));
    }
    out.push('\n');
    out
}

fn post_line(post: &Post) -> String {
    let mut line = post.text.text.clone();
    if let Some(link) = &post.link {
        line.push(' ');
        line.push_str(link);
    }
    line.push_str(" —");
    if let Some(author) = &post.author {
        line.push(' ');
        line.push_str(author);
    }
    if let Some(handle) = &post.handle {
        line.push_str(&format!(" (@{handle})"));
    }
    if let Some(date) = &post.date {
        line.push(' ');
        line.push_str(date);
    }
    line
}

/// A text with its runs of lost characters removed, and where they were.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cleaned {
    /// The text without the runs.
    pub(crate) text: String,
    /// Each removed byte range of the original text, in order.
    removed: Vec<(usize, usize)>,
}

impl Cleaned {
    /// `text` as it is, nothing removed.
    pub(crate) fn unchanged(text: &str) -> Self {
        Self {
            text: text.to_owned(),
            removed: Vec::new(),
        }
    }

    /// Where byte `offset` of the original text is in the cleaned text (an offset inside a
    /// removed range maps to where the range was).
    pub(crate) fn map(&self, offset: usize) -> usize {
        let mut shift = 0;
        for &(start, end) in &self.removed {
            if offset >= end {
                shift += end - start;
            } else if offset > start {
                shift += offset - start;
            }
        }
        offset - shift
    }
}

/// Whether `c` separates the runs of one lost stretch (`???????? ???? ????????`).
fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{a0}'
}

/// The length in bytes of a lost run at the start of `s`: three or more `?`, or U+FFFD
/// characters; 0 when `s` does not start with one.
fn lost_run(s: &str) -> usize {
    let q = s.len() - s.trim_start_matches('?').len();
    if q >= 3 {
        return q;
    }
    s.len() - s.trim_start_matches('\u{fffd}').len()
}

/// `text` without runs of lost characters: three or more `?` or any U+FFFD, with the spaces
/// between runs of one stretch and the space before it (after it, at the start of the text).
/// These are characters an encoding lost upstream (`Sharky ???????? ???? ????????`); ingestion
/// reports them (`ingest::lost-characters`) and keeps them, output never shows them.
pub(crate) fn without_lost(text: &str) -> Cleaned {
    let mut removed: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < text.len() {
        // A run starts at a `?` or a U+FFFD: the text between is skipped at once (most
        // texts have none, and this runs on every text of every edition).
        // By bytes: `?`, or 0xEF, the first byte of U+FFFD (and of its neighbours, which
        // `lost_run` then tells apart).
        let Some(next) = text.as_bytes()[i..]
            .iter()
            .position(|&b| b == b'?' || b == 0xEF)
        else {
            break;
        };
        i += next;
        let rest = &text[i..];
        let n = lost_run(rest);
        if n == 0 {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let mut end = i + n;
        // Further runs after spaces belong to the same stretch.
        loop {
            let after = &text[end..];
            let gap = after.len() - after.trim_start_matches(is_space).len();
            let more = lost_run(&after[gap..]);
            if gap == 0 || more == 0 {
                break;
            }
            end += gap + more;
        }
        let before = &text[..i];
        let mut start = before.trim_end_matches(is_space).len();
        if start == 0 || removed.last().is_some_and(|&(_, e)| e == start) {
            start = i;
            let after = &text[end..];
            end += after.len() - after.trim_start_matches(is_space).len();
        }
        removed.push((start, end));
        i = end;
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for &(start, end) in &removed {
        out.push_str(&text[at..start]);
        at = end;
    }
    out.push_str(&text[at..]);
    Cleaned { text: out, removed }
}

/// English month names, as embedded posts date themselves (`January 9, 2024`).
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The date of a post line as written: `January 9, 2024`, `Jan 9, 2024`, `9 January 2024` or
/// `2024-01-09`; `None` for anything else (the date is then shown as written).
pub(crate) fn parse_post_date(written: &str) -> Option<Date> {
    let written = written.trim().trim_end_matches('.');
    if let Ok(d) = written.parse::<Date>() {
        return Some(d);
    }
    let words: Vec<&str> = written
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let month = |w: &str| {
        let w = w.trim_end_matches('.').to_lowercase();
        (w.len() >= 3)
            .then(|| MONTHS.iter().position(|m| m.starts_with(&w)))
            .flatten()
            .map(|i| i + 1)
    };
    let (m, d, y) = match words.as_slice() {
        [m, d, y] if month(m).is_some() => {
            (month(m)?, d.parse::<u32>().ok()?, y.parse::<i32>().ok()?)
        }
        [d, m, y] if month(m).is_some() => (
            month(m)?,
            d.trim_end_matches('.').parse::<u32>().ok()?,
            y.parse::<i32>().ok()?,
        ),
        _ => return None,
    };
    format!("{y:04}-{m:02}-{d:02}").parse().ok()
}

/// An embedded post as every format publishes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Embed {
    /// The post's own text, from the source document, lost characters dropped.
    pub(crate) original: String,
    /// The language of the original (the source language).
    pub(crate) original_lang: Lang,
    /// The edition's translation, shown outside the embed (`None` in the source edition and
    /// when the translation falls back).
    pub(crate) translation: Option<String>,
    /// The translation falls back to the source (missing, stale or empty).
    pub(crate) fallback: bool,
    /// Display name of the author, lost characters dropped; `None` when nothing is left.
    pub(crate) author: Option<String>,
    /// The handle, without `@`.
    pub(crate) handle: Option<String>,
    /// The link as written.
    pub(crate) link: Option<String>,
    /// The date as written in the source, lost characters dropped.
    pub(crate) date_written: Option<String>,
    /// The date, when it could be read.
    pub(crate) date: Option<Date>,
    /// The date as shown: the long form of the edition's language, else as written.
    pub(crate) date_shown: Option<String>,
}

impl Embed {
    /// The post of `edition` as published: text and metadata from the source document's post of
    /// the same id (the edition's own when the source has none).
    pub(crate) fn of(ctx: &RenderContext<'_>, day: &Day, edition: &Edition, post: &Post) -> Self {
        Self::of_in(Some(ctx), day, edition, post)
    }

    /// [`Embed::of`], with the date shown as written when there is no chrome to localise it.
    pub(crate) fn of_in(
        ctx: Option<&RenderContext<'_>>,
        day: &Day,
        edition: &Edition,
        post: &Post,
    ) -> Self {
        let source_post = day
            .editions
            .iter()
            .find(|e| e.lang == day.source_lang)
            .and_then(|e| e.document.posts.iter().find(|p| p.text.id == post.text.id))
            .unwrap_or(post);
        let status = edition.status_of(&post.text.id, &day.source_lang);
        let translation = match status {
            SegmentStatus::Translated | SegmentStatus::NeedsReview
                if edition.lang != day.source_lang =>
            {
                Some(without_lost(&post.text.text).text).filter(|t| !t.trim().is_empty())
            }
            _ => None,
        };
        let clean = |s: &Option<String>| {
            s.as_deref()
                .map(|s| without_lost(s).text.trim().to_owned())
                .filter(|s| !s.is_empty())
        };
        let date_written = clean(&source_post.date);
        let date = date_written.as_deref().and_then(parse_post_date);
        let date_shown = date
            .and_then(|d| ctx?.chrome.long_date(&edition.lang, d))
            .or_else(|| date_written.clone());
        Self {
            original: without_lost(&source_post.text.text).text,
            original_lang: day.source_lang.clone(),
            translation,
            fallback: matches!(status, SegmentStatus::Fallback(_)),
            author: clean(&source_post.author),
            handle: source_post.handle.clone(),
            link: source_post.link.clone(),
            date_written,
            date,
            date_shown,
        }
    }

    /// `Sharky (@Jamie04381095)`, `@handle` or the author alone, unformatted.
    pub(crate) fn byline(&self) -> Option<String> {
        match (&self.author, &self.handle) {
            (Some(a), Some(h)) => Some(format!("{a} (@{h})")),
            (None, Some(h)) => Some(format!("@{h}")),
            (Some(a), None) => Some(a.clone()),
            (None, None) => None,
        }
    }
}

/// The segment's text as published: lost characters dropped.
pub(crate) fn shown(s: &Segment) -> String {
    without_lost(&s.text).text
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests: a panic is the failure report.
mod tests {
    use super::*;

    /// The scan of `without_lost` before it jumped between candidates: one character at a time.
    fn removed_stepwise(text: &str) -> Vec<(usize, usize)> {
        let mut removed: Vec<(usize, usize)> = Vec::new();
        let mut i = 0;
        while i < text.len() {
            let rest = &text[i..];
            let n = lost_run(rest);
            if n == 0 {
                i += rest.chars().next().map_or(1, char::len_utf8);
                continue;
            }
            let mut end = i + n;
            loop {
                let after = &text[end..];
                let gap = after.len() - after.trim_start_matches(is_space).len();
                let more = lost_run(&after[gap..]);
                if gap == 0 || more == 0 {
                    break;
                }
                end += gap + more;
            }
            let mut start = text[..i].trim_end_matches(is_space).len();
            if start == 0 || removed.last().is_some_and(|&(_, e)| e == start) {
                start = i;
                let after = &text[end..];
                end += after.len() - after.trim_start_matches(is_space).len();
            }
            removed.push((start, end));
            i = end;
        }
        removed
    }

    /// Every text of up to six characters from an alphabet of the interesting cases (a lead
    /// byte 0xEF that is not U+FFFD among them) is cleaned as the stepwise scan cleans it.
    #[test]
    fn jumping_to_candidates_removes_what_the_stepwise_scan_removes() {
        let alphabet = ['a', ' ', '?', '\u{fffd}', '\u{f000}', 'ї'];
        let mut texts = vec![String::new()];
        for _ in 0..6 {
            let mut longer = Vec::new();
            for t in &texts {
                for c in alphabet {
                    let mut n = t.clone();
                    n.push(c);
                    longer.push(n);
                }
            }
            for t in &longer {
                assert_eq!(without_lost(t).removed, removed_stepwise(t), "{t:?}");
            }
            texts = longer;
        }
    }

    #[test]
    fn lost_runs_go_with_their_spaces_and_offsets_follow() {
        let t = "Sharky ???????? ???? ???????? (@Jamie04381095)";
        let c = without_lost(t);
        assert_eq!(c.text, "Sharky (@Jamie04381095)");
        assert_eq!(c.map(t.find('(').unwrap()), "Sharky ".len());
        assert_eq!(c.map(3), 3);
        let t = "as spies\" ???? pic.twitter.com/x";
        assert_eq!(without_lost(t).text, "as spies\" pic.twitter.com/x");
        assert_eq!(without_lost("spies\" ????").text, "spies\"");
        assert_eq!(without_lost("???? first").text, "first");
        assert_eq!(without_lost("a \u{fffd}\u{fffd} b").text, "a b");
        assert_eq!(
            without_lost("Why?? Really? Yes!").text,
            "Why?? Really? Yes!"
        );
        assert_eq!(without_lost("????").text, "");
        assert_eq!(without_lost("Київ").text, "Київ");
        let t = "x ??? y ??? z";
        let c = without_lost(t);
        assert_eq!(c.text, "x y z");
        assert_eq!(c.map(t.len()), c.text.len());
    }

    use std::collections::BTreeMap;
    use std::sync::Arc;

    use dayglot_core::{DayId, Paragraph, Section, SegmentId, Span};

    use crate::{Chrome, ChromeFile, NoNames, Site};

    fn segment(id: &str, text: &str) -> Segment {
        Segment {
            id: SegmentId::parse(id).unwrap(),
            text: text.into(),
            span: Span::default(),
            quotes: vec![],
            attribution: None,
        }
    }

    fn document(lang: &str, sentence: &str, post: &str) -> Document {
        Document {
            day: Some(686),
            date: None,
            lang: Lang::parse(lang).unwrap(),
            title: Some(segment("title", "Day 686.")),
            lead: Some(segment("lead", "Summary of key events:")),
            headlines: vec![],
            sections: vec![Section {
                id: "s1".into(),
                heading: Some(segment("s1.heading", "Serbs")),
                headline: None,
                paragraphs: vec![Paragraph {
                    segments: vec![segment("s1.p1.1", sentence)],
                    span: Span::default(),
                }],
            }],
            posts: vec![Post {
                text: segment("post1", post),
                link: Some("pic.twitter.com/CGCqM9r4vo".into()),
                author: Some("Sharky ???????? ???? ????????".into()),
                handle: Some("Jamie04381095".into()),
                date: Some("January 9, 2024".into()),
                section: Some(0),
                span: Span::default(),
            }],
        }
    }

    const EN_FTL: &str = "format-locale = en-GB\nlanguage-name = English\npost-label = Embedded post\npost-translation = Translation\nfallback-note = not yet translated\nday-title = Day { $day }\npublication-date = { DATETIME($date) }\npublished-label = Published\nfooter = { $site } in { $count } languages.\nfeed-title = { $site } feed\nskip-link = Skip\nlanguage-switcher = Languages\ntranslated-from = Translated\nsource-unknown = Source: agencies\n";
    const BG_FTL: &str = "format-locale = bg\nlanguage-name = български\npost-label = Вградена публикация\npost-translation = Превод\nfallback-note = все още не е преведено\nday-title = Ден { $day }\npublication-date = { DATETIME($date) }\npublished-label = Публикувано\nfooter = { $site } на { $count } езика.\nfeed-title = { $site } feed\nskip-link = Skip\nlanguage-switcher = Languages\ntranslated-from = Translated\nsource-unknown = Source: agencies\n";

    /// Day 686 with its post in English (lost characters and all) and Bulgarian.
    fn fixture() -> (Chrome, Site, Day) {
        let files: BTreeMap<Lang, Vec<ChromeFile>> = [("en", EN_FTL), ("bg", BG_FTL)]
            .into_iter()
            .map(|(l, t)| {
                (
                    Lang::parse(l).unwrap(),
                    vec![ChromeFile {
                        path: format!("locales/{l}/chrome.ftl"),
                        text: t.into(),
                    }],
                )
            })
            .collect();
        let (chrome, d) =
            Chrome::new(Lang::parse("en").unwrap(), &files, Arc::new(NoNames)).unwrap();
        assert!(d.is_empty(), "{d:?}");
        let en = document(
            "en",
            "Serbs complain ???? & more.",
            "Treated like cattle & sent on assaults \"recognizing themselves as spies\" ????",
        );
        let bg = document(
            "bg",
            "Сърби се оплакват.",
            "Към тях се отнасят като към добитък и ги пращат на щурмове „като шпиони“.",
        );
        let day = Day {
            id: DayId::parse("day-686").unwrap(),
            date: "2024-01-10".parse().unwrap(),
            source_lang: Lang::parse("en").unwrap(),
            outlet: None,
            editions: vec![Edition::source(en), Edition::source(bg)],
        };
        let site = Site {
            name: "dayglot".into(),
            base_url: "https://dayglot.example/".into(),
        };
        (chrome, site, day)
    }

    const ORIGINAL: &str =
        "Treated like cattle & sent on assaults \"recognizing themselves as spies\"";
    const TRANSLATION: &str =
        "Към тях се отнасят като към добитък и ги пращат на щурмове „като шпиони“.";

    #[test]
    fn the_embed_keeps_the_original_and_the_translation_goes_outside_it_in_every_format() {
        let (chrome, site, day) = fixture();
        let ctx = RenderContext {
            site: &site,
            chrome: &chrome,
        };
        let (en, bg) = (&day.editions[0], &day.editions[1]);
        let mut d = Vec::new();
        let marks = ['\u{2068}', '\u{2069}'];

        let html = crate::html::page(&ctx, &day, bg, &mut d);
        let quote = &html[html.find("<blockquote").unwrap()..html.find("</blockquote>").unwrap()];
        assert!(quote.contains(" lang=\"en\">"), "{quote}");
        assert!(
            quote.contains(&dayglot_core::escape::html(ORIGINAL)),
            "{quote}"
        );
        assert!(
            !quote.contains("????") && !quote.contains("Към тях"),
            "{quote}"
        );
        let after = &html[html.find("</blockquote>").unwrap()..];
        assert!(after.contains(&format!(
            "<p class=\"post-translation\"><strong>Превод:</strong> {TRANSLATION}</p>"
        )));
        assert!(after.contains(
            "— Sharky (<a href=\"https://x.com/Jamie04381095\">@Jamie04381095</a>), <a href=\"https://pic.twitter.com/CGCqM9r4vo\"><time datetime=\"2024-01-09\">9 януари 2024\u{202f}г.</time></a>"
        ), "{after}");
        assert!(!html.contains("????") && !html.contains("Sharky ?"));
        assert!(html.contains("<p>Сърби се оплакват.</p>"));
        let head = &html[..html.find("<body>").unwrap()];
        assert!(!head.contains(marks), "{head}");
        assert!(head.contains("<title>Ден 686</title>"));
        assert!(head.contains(
            "<link rel=\"canonical\" href=\"https://dayglot.example/day-686/bg/index.html\">"
        ));
        assert!(head.contains(
            "<link rel=\"alternate\" hreflang=\"en\" href=\"https://dayglot.example/day-686/en/index.html\">"
        ));
        assert!(head.contains("<meta name=\"description\" content=\"Summary of key events\">"));
        // The body keeps isolation around placeables.
        assert!(html.contains("\u{2068}dayglot\u{2069}"), "{html}");

        let source_html = crate::html::page(&ctx, &day, en, &mut d);
        assert!(!source_html.contains("post-translation"));
        assert!(source_html.contains("<blockquote cite=\"https://pic.twitter.com/CGCqM9r4vo\">"));
        assert!(source_html.contains(">9 January 2024</time>"));
        assert!(
            source_html.contains("<p>Serbs complain &amp; more.</p>"),
            "{source_html}"
        );

        let md = crate::markdown::page(&ctx, &day, bg, &mut d);
        assert!(md.contains(&format!(
            "> {}\n>\n> — Sharky ([@Jamie04381095](https://x.com/Jamie04381095)), [9 януари 2024\u{202f}г.](<https://pic.twitter.com/CGCqM9r4vo>)\n\n**Превод:** {TRANSLATION}\n"
        , ORIGINAL)), "{md}");
        assert!(
            !md.contains(marks) && !md.contains("????") && !md.contains("&amp;"),
            "{md}"
        );

        let txt = page(&ctx, &day, bg, &mut d);
        assert!(txt.contains(&format!(
            "{ORIGINAL} pic.twitter.com/CGCqM9r4vo — Sharky (@Jamie04381095) 9 януари 2024\u{202f}г.\n\nПревод: {TRANSLATION}\n"
        )), "{txt}");
        assert!(!txt.contains(marks) && !txt.contains("????"));
        let source_txt = page(&ctx, &day, en, &mut d);
        assert!(source_txt.ends_with(&format!(
            "Serbs complain & more.\n\n{ORIGINAL} pic.twitter.com/CGCqM9r4vo — Sharky (@Jamie04381095) 9 January 2024\n"
        )), "{source_txt}");

        let json: serde_json::Value =
            serde_json::from_str(&crate::json::page_in(&ctx, &day, bg)).unwrap();
        let embed = &json["embeds"][0];
        assert_eq!(embed["original"], ORIGINAL);
        assert_eq!(embed["original_lang"], "en");
        assert_eq!(embed["translation"], TRANSLATION);
        assert_eq!(embed["author"], "Sharky");
        assert_eq!(embed["date"], "2024-01-09");
        assert_eq!(embed["date_written"], "January 9, 2024");
        assert_eq!(embed["date_shown"], "9 януари 2024\u{202f}г.");
        assert_eq!(json["document"]["posts"][0]["text"], TRANSLATION);
        assert_eq!(json["document"]["posts"][0]["author"], "Sharky");
        let source: serde_json::Value =
            serde_json::from_str(&crate::json::page_in(&ctx, &day, en)).unwrap();
        assert_eq!(source["embeds"][0]["translation"], serde_json::Value::Null);
        assert_eq!(source["document"]["posts"][0]["text"], ORIGINAL);
        assert_eq!(source["document"]["posts"][0]["date"], "9 January 2024");
        assert_eq!(
            source["document"]["sections"][0]["paragraphs"][0][0]["text"],
            "Serbs complain & more."
        );
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn a_post_whose_translation_falls_back_shows_the_original_and_the_note() {
        let (chrome, site, mut day) = fixture();
        let ctx = RenderContext {
            site: &site,
            chrome: &chrome,
        };
        day.editions[1].status.insert(
            SegmentId::parse("post1").unwrap(),
            SegmentStatus::Fallback(crate::FallbackReason::Missing),
        );
        let mut d = Vec::new();
        let html = crate::html::page(&ctx, &day, &day.editions[1], &mut d);
        assert!(!html.contains("Към тях"), "{html}");
        assert!(html.contains(
            "<p class=\"post-translation\"><small class=\"fallback-note\">(все още не е преведено)</small></p>"
        ), "{html}");
        let json: serde_json::Value =
            serde_json::from_str(&crate::json::page_in(&ctx, &day, &day.editions[1])).unwrap();
        assert_eq!(json["embeds"][0]["translation"], serde_json::Value::Null);
        assert_eq!(json["embeds"][0]["status"], "fallback-missing");
    }

    #[test]
    fn mentions_follow_the_text_when_lost_characters_are_dropped() {
        let (chrome, site, mut day) = fixture();
        let ctx = RenderContext {
            site: &site,
            chrome: &chrome,
        };
        let id = SegmentId::parse("s1.p1.1").unwrap();
        // "Serbs complain ???? & more.": `more` after the dropped run.
        let text = &day.editions[0].document.sections[0].paragraphs[0].segments[0].text;
        let start = text.find("more").unwrap();
        day.editions[0].mentions.insert(
            id,
            vec![crate::Mention {
                entity: "thing/more".into(),
                span: Span::new(start, start + 4),
            }],
        );
        let json: serde_json::Value =
            serde_json::from_str(&crate::json::page_in(&ctx, &day, &day.editions[0])).unwrap();
        let m = &json["segments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == "s1.p1.1")
            .unwrap()["mentions"][0];
        assert_eq!(m["text"], "more");
        assert_eq!(m["start"], "Serbs complain & ".len());
        // As modelled, the text and offsets are untouched.
        let json: serde_json::Value =
            serde_json::from_str(&crate::json::page(&day, &day.editions[0])).unwrap();
        let seg = &json["segments"].as_array().unwrap()[3];
        assert_eq!(seg["id"], "s1.p1.1");
        assert_eq!(seg["mentions"][0]["start"], start);
    }

    #[test]
    fn post_dates_in_the_forms_posts_write_them() {
        let d = |s: &str| parse_post_date(s).map(|d| d.to_string());
        assert_eq!(d("January 9, 2024").as_deref(), Some("2024-01-09"));
        assert_eq!(d("Jan 9, 2024").as_deref(), Some("2024-01-09"));
        assert_eq!(d("9 January 2024").as_deref(), Some("2024-01-09"));
        assert_eq!(d("2024-01-09").as_deref(), Some("2024-01-09"));
        assert_eq!(d("February 30, 2024"), None);
        assert_eq!(d("yesterday"), None);
        assert_eq!(d("Ju 9, 2024"), None);
        assert_eq!(d(""), None);
    }
}
