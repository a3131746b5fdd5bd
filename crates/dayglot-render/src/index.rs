//! The root index: every day, newest first, one link per language, in the source language's
//! chrome.

use std::fmt::Write as _;

use dayglot_core::Lang;
use dayglot_core::escape::{attr, html as esc};

use crate::html::open_head;
use crate::{Arg, Day, Diagnostic, Msg, RenderContext, day_args};

/// The root index: one row per day (newest first), one link per language, in the source
/// language's chrome.
pub(crate) fn page(ctx: &RenderContext<'_>, days: &[Day], diags: &mut Vec<Diagnostic>) -> String {
    let lang: &Lang = ctx.chrome.source();
    let m = Msg {
        chrome: ctx.chrome,
        lang,
    };
    let site = [
        ("site", Arg::Str(ctx.site.name.clone())),
        ("count", Arg::Num(days.len() as f64)),
    ];
    let l = attr(lang.as_str());
    let mut o = String::new();
    open_head(&mut o, &l, &m.get("index-title", &site, diags), "style.css");
    for feed_lang in ctx.chrome.languages() {
        let fl = attr(feed_lang.as_str());
        let title = ctx.chrome.message(feed_lang, "feed-title", &site, diags);
        let _ = writeln!(
            o,
            "<link rel=\"alternate\" type=\"application/atom+xml\" hreflang=\"{fl}\" href=\"{fl}/feed.atom\" title=\"{}\">",
            attr(&title)
        );
    }
    let _ = writeln!(o, "</head>\n<body>");
    let _ = writeln!(
        o,
        "<a class=\"skip-link\" href=\"#main\">{}</a>",
        esc(&m.get("skip-link", &site, diags))
    );
    let _ = writeln!(
        o,
        "<main id=\"main\">\n<h1>{}</h1>",
        esc(&m.get("index-title", &site, diags))
    );
    let _ = writeln!(o, "<p>{}</p>", esc(&m.get("index-count", &site, diags)));
    let _ = writeln!(
        o,
        "<table>\n<thead>\n<tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr>\n</thead>\n<tbody>",
        esc(&m.get("index-day", &site, diags)),
        esc(&m.get("index-languages", &site, diags))
    );
    let mut sorted: Vec<&Day> = days.iter().collect();
    sorted.sort_by_key(|d| std::cmp::Reverse(d.id));
    for day in sorted {
        let args = day_args(ctx, day);
        let _ = writeln!(
            o,
            "<tr><th scope=\"row\"><time datetime=\"{}\">{}</time></th><td><ul class=\"editions\">",
            attr(&day.date.to_string()),
            esc(&m.get("publication-date", &args, diags))
        );
        for edition in &day.editions {
            let el = attr(edition.lang.as_str());
            let title = ctx.chrome.message(&edition.lang, "day-title", &args, diags);
            let name = ctx
                .chrome
                .message(&edition.lang, "language-name", &[], diags);
            let _ = writeln!(
                o,
                "<li lang=\"{el}\"><a href=\"{}/{el}/index.html\" hreflang=\"{el}\">{}</a> <span class=\"lang-name\">({})</span></li>",
                attr(&day.id.to_string()),
                esc(&title),
                esc(&name)
            );
        }
        let _ = writeln!(o, "</ul></td></tr>");
    }
    let _ = writeln!(o, "</tbody>\n</table>\n</main>\n</body>\n</html>");
    o
}
