//! The root index and the monthly archive pages, rendered from [`DaySummary`]s (what the index
//! and the feeds need of a day: its date and, per language, the title, lead and headlines and
//! whether the edition is translated), so that a whole archive never has to be held in memory.
//!
//! `index.html` lists the months (newest first, each a link to `archive/YYYY-MM.html`) and the
//! newest month's days; each archive page lists one month's days, newest first, one link per
//! edition. An edition that shows the source text for most of its text is marked as not yet
//! translated.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use dayglot_core::escape::{attr, html as esc};
use dayglot_core::{Date, DayId, Lang};

use crate::html::open_head;
use crate::{Arg, Day, Diagnostic, Msg, RenderContext, SegmentStatus};

/// What the index and the feeds need of one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DaySummary {
    /// The day.
    pub id: DayId,
    /// Its date.
    pub date: Date,
    /// The source language.
    pub source_lang: Lang,
    /// One entry per edition, in the order of the day's editions.
    pub editions: Vec<EditionSummary>,
}

/// What the index and the feeds need of one edition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditionSummary {
    /// The language.
    pub lang: Lang,
    /// The title as shown (the source's where it falls back).
    pub title: Option<String>,
    /// The lead as shown.
    pub lead: Option<String>,
    /// The headlines as shown.
    pub headlines: Vec<String>,
    /// Whether most of the text is in this language: false when more than half of the text
    /// (by characters) falls back to the source. The source edition is always translated.
    pub translated: bool,
}

impl DaySummary {
    /// The summary of a rendered day.
    pub fn of(day: &Day) -> Self {
        let editions = day
            .editions
            .iter()
            .map(|e| {
                let (mut own, mut fallback) = (0usize, 0usize);
                for seg in e.document.segments() {
                    let n = seg.text.chars().count();
                    match e.status_of(&seg.id, &day.source_lang) {
                        SegmentStatus::Fallback(_) => fallback += n,
                        _ => own += n,
                    }
                }
                EditionSummary {
                    lang: e.lang.clone(),
                    title: e.document.title.as_ref().map(|s| s.text.clone()),
                    lead: e.document.lead.as_ref().map(|s| s.text.clone()),
                    headlines: e
                        .document
                        .headlines
                        .iter()
                        .map(|h| h.text.clone())
                        .collect(),
                    translated: e.lang == day.source_lang || fallback <= own,
                }
            })
            .collect();
        Self {
            id: day.id,
            date: day.date,
            source_lang: day.source_lang.clone(),
            editions,
        }
    }

    /// The edition in `lang`, if the day has one.
    pub fn edition(&self, lang: &Lang) -> Option<&EditionSummary> {
        self.editions.iter().find(|e| e.lang == *lang)
    }
}

/// Arguments of day messages: `$day`, `$date`, `$site`, `$source`.
pub(crate) fn summary_args(ctx: &RenderContext<'_>, day: &DaySummary) -> Vec<(&'static str, Arg)> {
    vec![
        ("day", Arg::Num(f64::from(day.id.number()))),
        ("date", Arg::Str(day.date.to_string())),
        ("site", Arg::Str(ctx.site.name.clone())),
        ("source", Arg::Str(day.source_lang.to_string())),
    ]
}

/// `YYYY-MM` of a date.
fn month_of(date: Date) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}

/// The days by month, newest month first, each month's days newest first.
fn by_month(days: &[DaySummary]) -> Vec<(String, Vec<&DaySummary>)> {
    let mut months: BTreeMap<String, Vec<&DaySummary>> = BTreeMap::new();
    for day in days {
        months.entry(month_of(day.date)).or_default().push(day);
    }
    months
        .into_iter()
        .rev()
        .map(|(month, mut days)| {
            days.sort_by_key(|d| std::cmp::Reverse(d.id));
            (month, days)
        })
        .collect()
}

/// The index (`index.html`) and one page per month (`archive/YYYY-MM.html`), as
/// `(path, html)`.
pub(crate) fn pages(
    ctx: &RenderContext<'_>,
    days: &[DaySummary],
    diags: &mut Vec<Diagnostic>,
) -> Vec<(String, String)> {
    let months = by_month(days);
    let names: Vec<&str> = months.iter().map(|(m, _)| m.as_str()).collect();
    // Every row names every edition's language: formatted once, not once per row.
    let lang_names: LangNames = ctx
        .chrome
        .languages()
        .map(|l| {
            let name = ctx.chrome.message(l, "language-name", &[], diags);
            (l.clone(), name)
        })
        .collect();
    let ctx = &IndexContext {
        ctx,
        lang_names: &lang_names,
    };
    let mut out = Vec::new();
    let newest = months.first().map(|(m, d)| (m.as_str(), d.as_slice()));
    out.push((
        "index.html".to_owned(),
        page(ctx, days.len(), &names, newest, None, diags),
    ));
    for (month, list) in &months {
        out.push((
            format!("archive/{month}.html"),
            page(
                ctx,
                days.len(),
                &names,
                Some((month, list)),
                Some(month),
                diags,
            ),
        ));
    }
    out
}

/// Each language's name in its own language.
type LangNames = BTreeMap<Lang, String>;

/// What the index pages are rendered with.
struct IndexContext<'a> {
    ctx: &'a RenderContext<'a>,
    lang_names: &'a LangNames,
}

/// One page: the months, then one month's days. `archive` is the month of an archive page
/// (links then start with `../`), `None` for the root index.
fn page(
    index: &IndexContext<'_>,
    total: usize,
    months: &[&str],
    shown: Option<(&str, &[&DaySummary])>,
    archive: Option<&str>,
    diags: &mut Vec<Diagnostic>,
) -> String {
    let ctx = index.ctx;
    let lang: &Lang = ctx.chrome.source();
    let m = Msg {
        chrome: ctx.chrome,
        lang,
    };
    let up = if archive.is_some() { "../" } else { "" };
    let site = [
        ("site", Arg::Str(ctx.site.name.clone())),
        ("count", Arg::Num(total as f64)),
    ];
    let l = attr(lang.as_str());
    let index_title = m.get("index-title", &site, diags);
    let title = match archive {
        Some(month) => format!("{index_title} — {month}"),
        None => index_title.clone(),
    };
    let mut o = String::new();
    open_head(&mut o, &l, &title, &format!("{up}style.css"));
    for feed_lang in ctx.chrome.languages() {
        let fl = attr(feed_lang.as_str());
        let feed_title = ctx.chrome.message(feed_lang, "feed-title", &site, diags);
        let _ = writeln!(
            o,
            "<link rel=\"alternate\" type=\"application/atom+xml\" hreflang=\"{fl}\" href=\"{up}{fl}/feed.atom\" title=\"{}\">",
            attr(&feed_title)
        );
    }
    let _ = writeln!(o, "</head>\n<body>");
    let _ = writeln!(
        o,
        "<a class=\"skip-link\" href=\"#main\">{}</a>",
        esc(&m.get("skip-link", &site, diags))
    );
    let _ = writeln!(o, "<main id=\"main\">");
    match archive {
        Some(_) => {
            let _ = writeln!(
                o,
                "<h1><a href=\"../index.html\">{}</a></h1>",
                esc(&index_title)
            );
        }
        None => {
            let _ = writeln!(o, "<h1>{}</h1>", esc(&index_title));
        }
    }
    let _ = writeln!(o, "<p>{}</p>", esc(&m.get("index-count", &site, diags)));
    if !months.is_empty() {
        let _ = writeln!(o, "<nav class=\"months\">\n<ul>");
        for month in months {
            let current = if archive == Some(*month) {
                " aria-current=\"page\""
            } else {
                ""
            };
            let _ = writeln!(
                o,
                "<li><a href=\"{up}archive/{month}.html\"{current}><time datetime=\"{month}\">{month}</time></a></li>"
            );
        }
        let _ = writeln!(o, "</ul>\n</nav>");
    }
    if let Some((month, list)) = shown {
        let _ = writeln!(
            o,
            "<section aria-labelledby=\"m{month}\">\n<h2 id=\"m{month}\"><time datetime=\"{month}\">{month}</time></h2>"
        );
        let _ = writeln!(
            o,
            "<table>\n<thead>\n<tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr>\n</thead>\n<tbody>",
            esc(&m.get("index-day", &site, diags)),
            esc(&m.get("index-languages", &site, diags))
        );
        for day in list {
            row(index, &m, day, up, &mut o, diags);
        }
        let _ = writeln!(o, "</tbody>\n</table>\n</section>");
    }
    let _ = writeln!(o, "</main>\n</body>\n</html>");
    o
}

/// One day's row: its date, and a link per edition (an untranslated one marked so).
fn row(
    index: &IndexContext<'_>,
    m: &Msg<'_>,
    day: &DaySummary,
    up: &str,
    o: &mut String,
    diags: &mut Vec<Diagnostic>,
) {
    let ctx = index.ctx;
    let args = summary_args(ctx, day);
    let _ = writeln!(
        o,
        "<tr><th scope=\"row\"><time datetime=\"{}\">{}</time></th><td><ul class=\"editions\">",
        attr(&day.date.to_string()),
        esc(&m.get("publication-date", &args, diags))
    );
    for edition in &day.editions {
        let el = attr(edition.lang.as_str());
        let title = ctx.chrome.message(&edition.lang, "day-title", &args, diags);
        let name = match index.lang_names.get(&edition.lang) {
            Some(name) => name.clone(),
            None => ctx
                .chrome
                .message(&edition.lang, "language-name", &[], diags),
        };
        let href = format!("{up}{}/{el}/index.html", attr(&day.id.to_string()));
        if edition.translated {
            let _ = writeln!(
                o,
                "<li lang=\"{el}\"><a href=\"{href}\" hreflang=\"{el}\">{}</a> <span class=\"lang-name\">({})</span></li>",
                esc(&title),
                esc(&name)
            );
        } else {
            let note = ctx
                .chrome
                .message(&edition.lang, "fallback-note", &args, diags);
            let _ = writeln!(
                o,
                "<li lang=\"{el}\" class=\"untranslated\"><a href=\"{href}\" hreflang=\"{el}\">{}</a> <span class=\"lang-name\">({})</span> <small class=\"fallback-note\">({})</small></li>",
                esc(&title),
                esc(&name),
                esc(&note)
            );
        }
    }
    let _ = writeln!(o, "</ul></td></tr>");
}
