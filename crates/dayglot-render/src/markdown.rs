//! Markdown (CommonMark): the same content as the HTML page, text escaped so that nothing in
//! it becomes markup.

use std::fmt::Write as _;

use dayglot_core::{Post, Segment};

use crate::{
    Arg, Day, Edition, Msg, RenderContext, Diagnostic, SegmentStatus, day_args,
    section_heading, section_of_headline,
};
use dayglot_core::escape::{markdown as esc, url};

fn seg(day: &Day, edition: &Edition, s: &Segment, note: &str) -> String {
    let text = esc(&s.text);
    match edition.status_of(&s.id, &day.source_lang) {
        SegmentStatus::Fallback(_) => format!("{text} *({})*", esc(note)),
        _ => text,
    }
}

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
    let args = day_args(ctx, day);
    let doc = &edition.document;
    let note = m.get("fallback-note", &args, diags);
    let mut o = String::new();
    let title = match &doc.title {
        Some(t) => seg(day, edition, t, &note),
        None => esc(&m.get("day-title", &args, diags)),
    };
    let _ = writeln!(o, "# {title}\n");
    let _ = writeln!(
        o,
        "{} {}\n",
        esc(&m.get("published-label", &args, diags)),
        esc(&m.get("publication-date", &args, diags))
    );
    if let Some(lead) = &doc.lead {
        let _ = writeln!(o, "{}\n", seg(day, edition, lead, &note));
    }
    if !doc.headlines.is_empty() {
        let count = [("count", Arg::Num(doc.headlines.len() as f64))];
        let _ = writeln!(o, "## {}\n", esc(&m.get("key-events", &count, diags)));
        for (i, h) in doc.headlines.iter().enumerate() {
            match section_of_headline(doc, i) {
                Some(id) => {
                    let _ = writeln!(o, "{}. [{}](#{id})", i + 1, seg(day, edition, h, &note));
                }
                None => {
                    let _ = writeln!(o, "{}. {}", i + 1, seg(day, edition, h, &note));
                }
            }
        }
        o.push('\n');
    }
    for (i, section) in doc.sections.iter().enumerate() {
        let heading = match section_heading(doc, i) {
            Some(h) => seg(day, edition, h, &note),
            None => esc(&m.get(
                "section-untitled",
                &[("number", Arg::Num((i + 1) as f64))],
                diags,
            )),
        };
        // Section ids are `sN`, safe as they are; the anchor keeps links equal to the HTML's.
        let _ = writeln!(o, "<a id=\"{}\"></a>\n\n## {heading}\n", section.id);
        for p in &section.paragraphs {
            let text: Vec<String> = p
                .segments
                .iter()
                .map(|s| seg(day, edition, s, &note))
                .collect();
            let _ = writeln!(o, "{}\n", text.join(" "));
        }
        for post in doc.posts.iter().filter(|p| p.section == Some(i)) {
            o.push_str(&post_md(day, edition, post, &note));
        }
    }
    for post in doc.posts.iter().filter(|p| p.section.is_none()) {
        o.push_str(&post_md(day, edition, post, &note));
    }
    let _ = writeln!(o, "---\n");
    if edition.lang != day.source_lang {
        let _ = writeln!(
            o,
            "[{}](../{}/index.md)\n",
            esc(&m.get("translated-from", &args, diags)),
            day.source_lang
        );
    }
    let (attribution, footer) = crate::footer_texts(ctx, day, &m, &args, diags);
    let _ = writeln!(o, "{}\n", esc(&attribution));
    let _ = writeln!(o, "{}", esc(&footer));
    o
}

fn post_md(day: &Day, edition: &Edition, post: &Post, note: &str) -> String {
    let mut caption = String::from("— ");
    if let Some(author) = &post.author {
        caption.push_str(&esc(author));
    }
    if let Some(handle) = &post.handle {
        let _ = write!(caption, " ([@{}](https://x.com/{handle}))", esc(handle));
    }
    if let Some(date) = &post.date {
        match post.link.as_deref().and_then(url) {
            Some(l) => {
                let _ = write!(
                    caption,
                    ", [{}](<{}>)",
                    esc(date),
                    l.replace(['<', '>'], "")
                );
            }
            None => {
                let _ = write!(caption, ", {}", esc(date));
            }
        }
    }
    format!(
        "> {}\n>\n> {caption}\n\n",
        seg(day, edition, &post.text, note)
    )
}
