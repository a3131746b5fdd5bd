//! Plain text in the series' own layout: re-ingesting it gives the same model.

use dayglot_core::{Document, Post};

/// The document in the layout the series is received in: title and lead on the first line,
/// one headline per paragraph, three blank lines, then the sections (each with its heading line
/// when it has one), paragraphs separated by a blank line, and each embedded post on its own
/// line: `text link — author (@handle) date`.
pub fn plain_text(doc: &Document) -> String {
    let mut blocks: Vec<String> = Vec::new();
    let first: Vec<&str> = [&doc.title, &doc.lead]
        .into_iter()
        .flatten()
        .map(|s| s.text.as_str())
        .collect();
    if !first.is_empty() {
        blocks.push(first.join(" "));
    }
    blocks.extend(doc.headlines.iter().map(|h| h.text.clone()));
    let mut body: Vec<String> = Vec::new();
    for (i, section) in doc.sections.iter().enumerate() {
        if let Some(heading) = &section.heading {
            body.push(heading.text.clone());
        }
        for p in &section.paragraphs {
            body.push(
                p.segments
                    .iter()
                    .map(|s| s.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
        body.extend(
            doc.posts
                .iter()
                .filter(|p| p.section == Some(i))
                .map(post_line),
        );
    }
    body.extend(
        doc.posts
            .iter()
            .filter(|p| p.section.is_none())
            .map(post_line),
    );
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
