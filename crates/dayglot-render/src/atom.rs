//! Atom feeds (RFC 4287), one per language: the newest `limit` days that have an edition in
//! that language, newest first. An edition that shows the source text for most of its text is
//! marked explicitly: its entry has `xml:lang` of the source language, a
//! `<category term="untranslated" scheme="urn:dayglot:status"/>` whose label is the language's
//! "not yet translated" note, and that note in front of its summary.

use std::fmt::Write as _;

use dayglot_core::Lang;

use crate::index::{DaySummary, summary_args};
use crate::{Diagnostic, Msg, RenderContext};
use dayglot_core::escape::xml as esc;

/// An Atom id or link: absolute under the site's base URL, or a `urn:` when there is none.
fn iri(ctx: &RenderContext<'_>, path: &str) -> String {
    if ctx.site.base_url.is_empty() {
        format!(
            "urn:dayglot:{}",
            path.trim_end_matches("/index.html").replace('/', ":")
        )
    } else {
        format!("{}/{path}", ctx.site.base_url)
    }
}

pub(crate) fn feed(
    ctx: &RenderContext<'_>,
    lang: &Lang,
    days: &[DaySummary],
    limit: usize,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    // The feed's `updated` is the newest day of the archive, so that it exists (and is valid)
    // even before a first translation of the language.
    let newest = days.iter().map(|d| d.date).max()?;
    let mut entries: Vec<&DaySummary> = days.iter().filter(|d| d.edition(lang).is_some()).collect();
    entries.sort_by_key(|d| std::cmp::Reverse(d.id));
    entries.truncate(limit);
    let updated = entries.iter().map(|d| d.date).max().unwrap_or(newest);
    let m = Msg {
        chrome: ctx.chrome,
        lang,
    };
    let site = [("site", crate::Arg::Str(ctx.site.name.clone()))];
    let l = esc(lang.as_str());
    let mut o = String::new();
    let _ = writeln!(o, "<?xml version=\"1.0\" encoding=\"utf-8\"?>");
    let _ = writeln!(
        o,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{l}\">"
    );
    let _ = writeln!(
        o,
        "<id>{}</id>",
        esc(&iri(ctx, &format!("{lang}/feed.atom")))
    );
    let _ = writeln!(
        o,
        "<title>{}</title>",
        esc(&m.get("feed-title", &site, diags))
    );
    let _ = writeln!(o, "<updated>{updated}T00:00:00Z</updated>");
    if !ctx.site.base_url.is_empty() {
        let _ = writeln!(
            o,
            "<link rel=\"self\" href=\"{}\"/>",
            esc(&iri(ctx, &format!("{lang}/feed.atom")))
        );
        let _ = writeln!(
            o,
            "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            esc(&iri(ctx, "index.html"))
        );
    }
    let _ = writeln!(o, "<author><name>{}</name></author>", esc(&ctx.site.name));
    for day in entries {
        let Some(edition) = day.edition(lang) else {
            continue;
        };
        let args = summary_args(ctx, day);
        let page = format!("{}/{lang}/index.html", day.id);
        let title = match &edition.title {
            Some(t) => t.clone(),
            None => m.get("day-title", &args, diags),
        };
        let untranslated = (!edition.translated).then(|| m.get("fallback-note", &args, diags));
        match &untranslated {
            Some(note) => {
                let _ = writeln!(o, "<entry xml:lang=\"{}\">", esc(day.source_lang.as_str()));
                let _ = writeln!(
                    o,
                    "<category term=\"untranslated\" scheme=\"urn:dayglot:status\" label=\"{}\"/>",
                    esc(note)
                );
            }
            None => {
                let _ = writeln!(o, "<entry>");
            }
        }
        let _ = writeln!(o, "<id>{}</id>", esc(&iri(ctx, &page)));
        let _ = writeln!(o, "<title>{}</title>", esc(&title));
        let _ = writeln!(o, "<published>{}T00:00:00Z</published>", day.date);
        let _ = writeln!(o, "<updated>{}T00:00:00Z</updated>", day.date);
        let href = if ctx.site.base_url.is_empty() {
            format!("../{page}")
        } else {
            iri(ctx, &page)
        };
        let _ = writeln!(
            o,
            "<link rel=\"alternate\" type=\"text/html\" hreflang=\"{l}\" href=\"{}\"/>",
            esc(&href)
        );
        let mut summary = untranslated.map(|n| format!("({n}) ")).unwrap_or_default();
        summary.push_str(edition.lead.as_deref().unwrap_or_default());
        for h in &edition.headlines {
            summary.push_str("\n• ");
            summary.push_str(h);
        }
        let _ = writeln!(
            o,
            "<summary type=\"text\">{}</summary>",
            esc(summary.trim())
        );
        let _ = writeln!(o, "</entry>");
    }
    let _ = writeln!(o, "</feed>");
    Some(o)
}
