//! Markdown (CommonMark): the same content as the HTML page, text escaped so that nothing in
//! it becomes markup, and nothing escaped that CommonMark reads literally anyway (a `&` that
//! starts no entity reference stays `&`). No bidi isolation marks: the source must stay
//! searchable and readable as text.

use std::fmt::Write as _;

use dayglot_core::{Post, Segment};

use crate::text::{Embed, shown};
use crate::{
    Arg, Day, Diagnostic, Edition, Msg, RenderContext, SegmentStatus, day_args, section_heading,
    section_of_headline,
};
use dayglot_core::escape::url;

/// Escapes text for CommonMark inline content ([`dayglot_core::escape::markdown`]), then
/// writes back plainly each `&` that cannot start an entity or numeric character reference
/// (one followed by anything but an ASCII letter, digit or `#`): `cattle & sent`, not
/// `cattle &amp; sent`.
fn esc(text: &str) -> String {
    let escaped = dayglot_core::escape::markdown(text);
    let mut out = String::with_capacity(escaped.len());
    let mut rest = escaped.as_str();
    while let Some(i) = rest.find("&amp;") {
        out.push_str(&rest[..i]);
        let after = &rest[i + "&amp;".len()..];
        let may_start_a_reference = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '#');
        out.push_str(if may_start_a_reference { "&amp;" } else { "&" });
        rest = after;
    }
    out.push_str(rest);
    out
}

fn seg(day: &Day, edition: &Edition, s: &Segment, note: &str) -> String {
    let text = esc(&shown(s));
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
            o.push_str(&post_md(ctx, day, edition, post, &m, &note, diags));
        }
    }
    for post in doc.posts.iter().filter(|p| p.section.is_none()) {
        o.push_str(&post_md(ctx, day, edition, post, &m, &note, diags));
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
    let (attribution, footer) = crate::footer_texts(ctx, day, &m, &args, false, diags);
    let _ = writeln!(o, "{}\n", esc(&attribution));
    let _ = writeln!(o, "{}", esc(&footer));
    o
}

/// The post as published: the original in the block quote with its byline, the edition's
/// translation after it, outside the quote, after the `post-translation` label.
fn post_md(
    ctx: &RenderContext<'_>,
    day: &Day,
    edition: &Edition,
    post: &Post,
    m: &Msg<'_>,
    note: &str,
    diags: &mut Vec<Diagnostic>,
) -> String {
    let e = Embed::of(ctx, day, edition, post);
    let mut caption = String::from("— ");
    if let Some(handle) = &e.handle {
        let a = format!("[@{}](https://x.com/{handle})", esc(handle));
        match &e.author {
            Some(author) => {
                let _ = write!(caption, "{} ({a})", esc(author));
            }
            None => caption.push_str(&a),
        }
    } else if let Some(author) = &e.author {
        caption.push_str(&esc(author));
    }
    if let Some(date) = &e.date_shown {
        match e.link.as_deref().and_then(url) {
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
    let mut o = format!("> {}\n>\n> {caption}\n\n", esc(&e.original));
    if let Some(t) = &e.translation {
        let label = m.get("post-translation", &[], diags);
        let _ = writeln!(o, "**{}:** {}\n", esc(&label), esc(t));
    } else if e.fallback {
        let _ = writeln!(o, "*({})*\n", esc(note));
    }
    o
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn an_ampersand_is_escaped_only_where_it_could_start_a_reference() {
        assert_eq!(esc("cattle & sent"), "cattle & sent");
        assert_eq!(esc("AT&T"), "AT&amp;T");
        assert_eq!(esc("&amp; &#38; &x"), "&amp;amp; &amp;#38; &amp;x");
        assert_eq!(esc("end &"), "end &");
        assert_eq!(esc("&"), "&");
        assert_eq!(esc("<b> & *x*"), "&lt;b> & \\*x\\*");
    }
}
