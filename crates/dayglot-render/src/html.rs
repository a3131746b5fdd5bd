//! HTML5 pages. No JavaScript; every text escaped for its context.

use std::fmt::Write as _;

use dayglot_core::{Post, Segment};

use crate::{
    Arg, Day, Edition, Msg, RenderContext, Diagnostic, SegmentStatus, day_args,
    section_heading, section_of_headline,
};
use dayglot_core::escape::{attr, html as esc, url};

/// A segment's text for HTML: a fallback is wrapped in `<span lang="…">` with a visible note.
fn seg(day: &Day, edition: &Edition, s: &Segment, note: &str) -> String {
    let text = esc(&s.text);
    match edition.status_of(&s.id, &day.source_lang) {
        SegmentStatus::Fallback(_) => format!(
            "<span lang=\"{}\" class=\"fallback\">{text}</span> <small class=\"fallback-note\">({})</small>",
            attr(day.source_lang.as_str()),
            esc(note)
        ),
        _ => text,
    }
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
    let note = m.get("fallback-note", &args, diags);
    let l = attr(lang.as_str());
    let mut o = String::new();
    open_head(
        &mut o,
        &l,
        &m.get("day-title", &args, diags),
        "../../style.css",
    );
    for other in &day.editions {
        let ol = attr(other.lang.as_str());
        let _ = writeln!(
            o,
            "<link rel=\"alternate\" hreflang=\"{ol}\" href=\"../{ol}/index.html\">"
        );
    }
    let src = attr(day.source_lang.as_str());
    let _ = writeln!(
        o,
        "<link rel=\"alternate\" hreflang=\"x-default\" href=\"../{src}/index.html\">"
    );
    let _ = writeln!(
        o,
        "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"../../{l}/feed.atom\" title=\"{}\">",
        attr(&m.get("feed-title", &args, diags))
    );
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
        None => esc(&m.get("day-title", &args, diags)),
    };
    let _ = writeln!(o, "<h1>{title}</h1>");
    let _ = writeln!(
        o,
        "<p class=\"published\">{} <time datetime=\"{}\">{}</time></p>",
        esc(&m.get("published-label", &args, diags)),
        attr(&day.date.to_string()),
        esc(&m.get("publication-date", &args, diags))
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
            esc(&m.get("key-events", &count, diags))
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
            None => esc(&m.get(
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
            o.push_str(&post_html(day, edition, post, &m, &note, diags));
        }
        let _ = writeln!(o, "</section>");
    }
    for post in doc.posts.iter().filter(|p| p.section.is_none()) {
        o.push_str(&post_html(day, edition, post, &m, &note, diags));
    }
    let _ = writeln!(o, "</article>\n</main>");
    let _ = writeln!(o, "<footer class=\"site\">");
    if *lang != day.source_lang {
        let _ = writeln!(
            o,
            "<p class=\"source\"><a href=\"../{src}/index.html\" hreflang=\"{src}\">{}</a></p>",
            esc(&m.get("translated-from", &args, diags))
        );
    }
    let (attribution, footer) = crate::footer_texts(ctx, day, &m, &args, diags);
    let _ = writeln!(o, "<p class=\"attribution\">{}</p>", esc(&attribution));
    let _ = writeln!(o, "<p>{}</p>", esc(&footer));
    let _ = writeln!(o, "</footer>\n</body>\n</html>");
    o
}

fn post_html(
    day: &Day,
    edition: &Edition,
    post: &Post,
    m: &Msg<'_>,
    note: &str,
    diags: &mut Vec<Diagnostic>,
) -> String {
    let mut o = String::new();
    let link = post.link.as_deref().and_then(url);
    let _ = writeln!(
        o,
        "<figure class=\"post\" aria-label=\"{}\">",
        attr(&m.get("post-label", &[], diags))
    );
    match &link {
        Some(l) => {
            let _ = writeln!(o, "<blockquote cite=\"{}\">", attr(l));
        }
        None => {
            let _ = writeln!(o, "<blockquote>");
        }
    }
    let _ = writeln!(
        o,
        "<p>{}</p>\n</blockquote>",
        seg(day, edition, &post.text, note)
    );
    let mut caption = String::from("— ");
    if let Some(author) = &post.author {
        caption.push_str(&esc(author));
    }
    if let Some(handle) = &post.handle {
        let _ = write!(
            caption,
            " (<a href=\"https://x.com/{}\">@{}</a>)",
            attr(handle),
            esc(handle)
        );
    }
    if let Some(date) = &post.date {
        match &link {
            Some(l) => {
                let _ = write!(caption, ", <a href=\"{}\">{}</a>", attr(l), esc(date));
            }
            None => {
                let _ = write!(caption, ", {}", esc(date));
            }
        }
    }
    let _ = writeln!(o, "<figcaption>{caption}</figcaption>\n</figure>");
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
