//! Atom feeds (RFC 4287), one per language over every day that has an edition in it.

use std::fmt::Write as _;

use dayglot_core::Lang;

use crate::{Day, Msg, RenderContext, Diagnostic, day_args};
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
    days: &[Day],
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    let mut entries: Vec<&Day> = days
        .iter()
        .filter(|d| d.editions.iter().any(|e| e.lang == *lang))
        .collect();
    if entries.is_empty() {
        return None;
    }
    entries.sort_by_key(|d| std::cmp::Reverse(d.id));
    let updated = entries.iter().map(|d| d.date).max()?;
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
        let Some(edition) = day.editions.iter().find(|e| e.lang == *lang) else {
            continue;
        };
        let args = day_args(ctx, day);
        let page = format!("{}/{lang}/index.html", day.id);
        let title = match &edition.document.title {
            Some(t) => t.text.clone(),
            None => m.get("day-title", &args, diags),
        };
        let _ = writeln!(o, "<entry>");
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
        let mut summary = edition
            .document
            .lead
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default();
        for h in &edition.document.headlines {
            summary.push_str("\n• ");
            summary.push_str(&h.text);
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
