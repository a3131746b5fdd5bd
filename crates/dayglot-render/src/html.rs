//! HTML5 pages. No JavaScript; every text escaped for its context.
//!
//! The head carries the title, a description from the lead, the canonical URL and the
//! language alternates, absolute under the site's base URL (relative when it is empty). Chrome
//! texts of the body keep Fluent's bidi isolation around placeables (a site name, an outlet, a
//! glossary name may run in another direction than the message); titles and attributes do not.
//! An embedded post shows the original as posted inside the `<blockquote>` and the edition's
//! translation outside it, in the caption, after the `post-translation` label.

use std::fmt::Write as _;

use dayglot_core::{Post, Segment};

use crate::text::{Embed, shown};
use crate::{
    Arg, Day, Diagnostic, Edition, Msg, RenderContext, SegmentStatus, day_args, section_heading,
    section_of_headline,
};
use dayglot_core::escape::{attr, html as esc, url};

/// A segment's text for HTML: a fallback is wrapped in `<span lang="…">` with a visible note.
fn seg(day: &Day, edition: &Edition, s: &Segment, note: &str) -> String {
    let text = esc(&shown(s));
    match edition.status_of(&s.id, &day.source_lang) {
        SegmentStatus::Fallback(_) => format!(
            "<span lang=\"{}\" class=\"fallback\">{text}</span> <small class=\"fallback-note\">({})</small>",
            attr(day.source_lang.as_str()),
            esc(note)
        ),
        _ => text,
    }
}

/// A chrome message for the text of the body: placeables isolated.
fn body(m: &Msg<'_>, id: &str, args: &[(&str, Arg)], diags: &mut Vec<Diagnostic>) -> String {
    m.isolated(id, args, diags)
}

/// The URL of the page of `day` in `lang`: absolute under the base URL, else relative to a
/// sibling page (`../bg/index.html`).
fn page_url(ctx: &RenderContext<'_>, day: &Day, lang: &dayglot_core::Lang) -> String {
    let base = ctx.site.base_url.trim_end_matches('/');
    if base.is_empty() {
        format!("../{lang}/index.html")
    } else {
        format!("{base}/{}/{lang}/index.html", day.id)
    }
}

/// The page's description: the lead as shown, without the colon that introduces the list.
fn description(edition: &Edition) -> Option<String> {
    let lead = shown(edition.document.lead.as_ref()?);
    let lead = lead.trim().trim_end_matches([':', '\u{ff1a}']).trim_end();
    (!lead.is_empty()).then(|| lead.to_owned())
}

pub(crate) fn page(
    ctx: &RenderContext<'_>,
    day: &Day,
    edition: &Edition,
    diags: &mut Vec<Diagnostic>,
) -> String {
    let lang = &edition.lang;
    let m = Msg {
        chrome: ctx.chrome,
        lang,
    };
    let args = day_args(ctx, day);
    let doc = &edition.document;
    let note = body(&m, "fallback-note", &args, diags);
    let l = attr(lang.as_str());
    let mut o = String::new();
    open_head(
        &mut o,
        &l,
        &m.get("day-title", &args, diags),
        "../../style.css",
    );
    head_links(&mut o, ctx, day, edition, &m, &args, diags);
    let src = attr(day.source_lang.as_str());
    let _ = writeln!(o, "</head>\n<body>");
    let _ = writeln!(
        o,
        "<a class=\"skip-link\" href=\"#main\">{}</a>",
        esc(&m.get("skip-link", &args, diags))
    );
    let _ = writeln!(o, "<header class=\"site\">");
    let _ = writeln!(
        o,
        "<p class=\"site-name\"><a href=\"../../index.html\">{}</a></p>",
        esc(&ctx.site.name)
    );
    let _ = writeln!(
        o,
        "<nav class=\"languages\" aria-label=\"{}\">\n<ul>",
        attr(&m.get("language-switcher", &args, diags))
    );
    for other in &day.editions {
        let ol = attr(other.lang.as_str());
        let name = esc(&ctx.chrome.message(&other.lang, "language-name", &[], diags));
        if other.lang == *lang {
            let _ = writeln!(
                o,
                "<li><a href=\"../{ol}/index.html\" hreflang=\"{ol}\" lang=\"{ol}\" aria-current=\"page\">{name}</a></li>"
            );
        } else {
            let _ = writeln!(
                o,
                "<li><a href=\"../{ol}/index.html\" hreflang=\"{ol}\" lang=\"{ol}\">{name}</a></li>"
            );
        }
    }
    let _ = writeln!(o, "</ul>\n</nav>\n</header>");
    let _ = writeln!(o, "<main id=\"main\">\n<article>\n<header>");
    let title = match &doc.title {
        Some(t) => seg(day, edition, t, &note),
        None => esc(&body(&m, "day-title", &args, diags)),
    };
    let _ = writeln!(o, "<h1>{title}</h1>");
    let _ = writeln!(
        o,
        "<p class=\"published\">{} <time datetime=\"{}\">{}</time></p>",
        esc(&m.get("published-label", &args, diags)),
        attr(&day.date.to_string()),
        esc(&body(&m, "publication-date", &args, diags))
    );
    if let Some(lead) = &doc.lead {
        let _ = writeln!(
            o,
            "<p class=\"lead\">{}</p>",
            seg(day, edition, lead, &note)
        );
    }
    let _ = writeln!(o, "</header>");
    if !doc.headlines.is_empty() {
        let count = [("count", Arg::Num(doc.headlines.len() as f64))];
        let _ = writeln!(
            o,
            "<nav class=\"key-events\" aria-labelledby=\"key-events\">"
        );
        let _ = writeln!(
            o,
            "<h2 id=\"key-events\">{}</h2>\n<ol>",
            esc(&body(&m, "key-events", &count, diags))
        );
        for (i, h) in doc.headlines.iter().enumerate() {
            match section_of_headline(doc, i) {
                Some(id) => {
                    let _ = writeln!(
                        o,
                        "<li><a href=\"#{}\">{}</a></li>",
                        attr(id),
                        seg(day, edition, h, &note)
                    );
                }
                None => {
                    let _ = writeln!(o, "<li>{}</li>", seg(day, edition, h, &note));
                }
            }
        }
        let _ = writeln!(o, "</ol>\n</nav>");
    }
    for (i, section) in doc.sections.iter().enumerate() {
        let id = attr(&section.id);
        let _ = writeln!(o, "<section id=\"{id}\" aria-labelledby=\"{id}-heading\">");
        let heading = match section_heading(doc, i) {
            Some(h) => seg(day, edition, h, &note),
            None => esc(&body(
                &m,
                "section-untitled",
                &[("number", Arg::Num((i + 1) as f64))],
                diags,
            )),
        };
        let _ = writeln!(o, "<h2 id=\"{id}-heading\">{heading}</h2>");
        for p in &section.paragraphs {
            let text: Vec<String> = p
                .segments
                .iter()
                .map(|s| seg(day, edition, s, &note))
                .collect();
            let _ = writeln!(o, "<p>{}</p>", text.join(" "));
        }
        for post in doc.posts.iter().filter(|p| p.section == Some(i)) {
            o.push_str(&post_html(ctx, day, edition, post, &m, &note, diags));
        }
        let _ = writeln!(o, "</section>");
    }
    for post in doc.posts.iter().filter(|p| p.section.is_none()) {
        o.push_str(&post_html(ctx, day, edition, post, &m, &note, diags));
    }
    let _ = writeln!(o, "</article>\n</main>");
    let _ = writeln!(o, "<footer class=\"site\">");
    if *lang != day.source_lang {
        let _ = writeln!(
            o,
            "<p class=\"source\"><a href=\"../{src}/index.html\" hreflang=\"{src}\">{}</a></p>",
            esc(&body(&m, "translated-from", &args, diags))
        );
    }
    let (attribution, footer) = crate::footer_texts(ctx, day, &m, &args, true, diags);
    let _ = writeln!(o, "<p class=\"attribution\">{}</p>", esc(&attribution));
    let _ = writeln!(o, "<p>{}</p>", esc(&footer));
    let _ = writeln!(o, "</footer>\n</body>\n</html>");
    o
}

/// The links of a page's head: description, canonical, the alternates of every edition and the
/// language's feed.
fn head_links(
    o: &mut String,
    ctx: &RenderContext<'_>,
    day: &Day,
    edition: &Edition,
    m: &Msg<'_>,
    args: &[(&str, Arg)],
    diags: &mut Vec<Diagnostic>,
) {
    let lang = &edition.lang;
    let l = attr(lang.as_str());
    if let Some(d) = description(edition) {
        let _ = writeln!(o, "<meta name=\"description\" content=\"{}\">", attr(&d));
    }
    let _ = writeln!(
        o,
        "<link rel=\"canonical\" href=\"{}\">",
        attr(&page_url(ctx, day, lang))
    );
    for other in &day.editions {
        let _ = writeln!(
            o,
            "<link rel=\"alternate\" hreflang=\"{}\" href=\"{}\">",
            attr(other.lang.as_str()),
            attr(&page_url(ctx, day, &other.lang))
        );
    }
    let _ = writeln!(
        o,
        "<link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\">",
        attr(&page_url(ctx, day, &day.source_lang))
    );
    let _ = writeln!(
        o,
        "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"../../{l}/feed.atom\" title=\"{}\">",
        attr(&m.get("feed-title", args, diags))
    );
}

fn post_html(
    ctx: &RenderContext<'_>,
    day: &Day,
    edition: &Edition,
    post: &Post,
    m: &Msg<'_>,
    note: &str,
    diags: &mut Vec<Diagnostic>,
) -> String {
    let e = Embed::of(ctx, day, edition, post);
    let mut o = String::new();
    let link = e.link.as_deref().and_then(url);
    let _ = writeln!(
        o,
        "<figure class=\"post\" aria-label=\"{}\">",
        attr(&m.get("post-label", &[], diags))
    );
    let mut open = String::from("<blockquote");
    if let Some(l) = &link {
        let _ = write!(open, " cite=\"{}\"", attr(l));
    }
    if e.original_lang != edition.lang {
        let _ = write!(open, " lang=\"{}\"", attr(e.original_lang.as_str()));
    }
    let _ = writeln!(o, "{open}>\n<p>{}</p>\n</blockquote>", esc(&e.original));
    let mut byline = String::from("— ");
    if let Some(handle) = &e.handle {
        let a = format!(
            "<a href=\"https://x.com/{}\">@{}</a>",
            attr(handle),
            esc(handle)
        );
        match &e.author {
            Some(author) => {
                let _ = write!(byline, "{} ({a})", esc(author));
            }
            None => byline.push_str(&a),
        }
    } else if let Some(author) = &e.author {
        byline.push_str(&esc(author));
    }
    if let Some(shown) = &e.date_shown {
        let date = match e.date {
            Some(d) => format!("<time datetime=\"{d}\">{}</time>", esc(shown)),
            None => esc(shown),
        };
        match &link {
            Some(l) => {
                let _ = write!(byline, ", <a href=\"{}\">{date}</a>", attr(l));
            }
            None => {
                let _ = write!(byline, ", {date}");
            }
        }
    }
    let _ = writeln!(o, "<figcaption>\n<p class=\"post-byline\">{byline}</p>");
    if let Some(t) = &e.translation {
        let _ = writeln!(
            o,
            "<p class=\"post-translation\"><strong>{}:</strong> {}</p>",
            esc(&body(m, "post-translation", &[], diags)),
            esc(t)
        );
    } else if e.fallback {
        let _ = writeln!(
            o,
            "<p class=\"post-translation\"><small class=\"fallback-note\">({})</small></p>",
            esc(note)
        );
    }
    let _ = writeln!(o, "</figcaption>\n</figure>");
    o
}

/// The start of every page: doctype, `<html lang>`, charset, viewport, title and stylesheet.
/// `l` is the language tag already escaped for an attribute.
pub(crate) fn open_head(o: &mut String, l: &str, title: &str, stylesheet: &str) {
    let _ = writeln!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{l}\">\n<head>\n<meta charset=\"utf-8\">"
    );
    let _ = writeln!(
        o,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    );
    let _ = writeln!(o, "<title>{}</title>", esc(title));
    let _ = writeln!(o, "<link rel=\"stylesheet\" href=\"{stylesheet}\">");
}
