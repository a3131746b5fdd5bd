//! The review page: every segment in every language side by side, entities and numbers in the
//! same colour across languages, each finding next to its segment.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use dayglot_core::escape::attr as esc;
use dayglot_core::{Lang, Span};
use dayglot_glossary::{FormKind, Matcher};

use crate::{CheckInput, Finding, Location, facts};

/// What a highlighted part of a text is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Highlight {
    /// A glossary entity, by id (`person/zelensky`).
    Entity(String),
    /// A number, time or date, by value key (`1900`, `11:25`, `01-06`).
    Fact(String),
}

impl Highlight {
    /// The colour of the highlight: the same for the same entity or value in every language
    /// (a hue from a stable hash of the id).
    pub fn colour(&self) -> String {
        let key = match self {
            Self::Entity(id) => format!("e:{id}"),
            Self::Fact(k) => format!("n:{k}"),
        };
        // FNV-1a: stable across runs and platforms.
        let mut h: u32 = 0x811c_9dc5;
        for b in key.bytes() {
            h ^= u32::from(b);
            h = h.wrapping_mul(0x0100_0193);
        }
        let hue = h % 360;
        match self {
            Self::Entity(_) => format!("hsl({hue} 80% 85%)"),
            Self::Fact(_) => format!("hsl({hue} 90% 78%)"),
        }
    }

    fn title(&self) -> &str {
        match self {
            Self::Entity(id) | Self::Fact(id) => id,
        }
    }
}

/// The entities and numbers of `text`, as non-overlapping spans in order.
pub fn highlights(
    text: &str,
    lang: &Lang,
    rules: Option<&crate::LangRules>,
    matcher: &Matcher<'_>,
) -> Vec<(Span, Highlight)> {
    let mut out: Vec<(Span, Highlight)> = matcher
        .find(text, lang)
        .into_iter()
        .filter(|m| m.form != FormKind::Forbidden)
        .map(|m| (m.span, Highlight::Entity(m.entity)))
        .collect();
    if let Some(rules) = rules {
        out.extend(
            facts(text, rules)
                .into_iter()
                .map(|f| (f.span, Highlight::Fact(f.key))),
        );
    }
    out.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
    let mut kept: Vec<(Span, Highlight)> = Vec::new();
    for (s, h) in out {
        if kept.last().is_none_or(|(k, _)| k.end <= s.start) && text.get(s.range()).is_some() {
            kept.push((s, h));
        }
    }
    kept
}

fn marked(text: &str, spans: &[(Span, Highlight)]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for (s, h) in spans {
        out.push_str(&esc(&text[at..s.start]));
        let class = match h {
            Highlight::Entity(_) => "entity",
            Highlight::Fact(_) => "number",
        };
        let _ = write!(
            out,
            "<mark class=\"{class}\" style=\"background:{}\" title=\"{}\">{}</mark>",
            h.colour(),
            esc(h.title()),
            esc(&text[s.range()])
        );
        at = s.end;
    }
    out.push_str(&esc(&text[at..]));
    out
}

const STYLE: &str = "body{font-family:'Noto Sans',system-ui,sans-serif;margin:1.5rem;color:#1b1b1b}\
table{border-collapse:collapse;width:100%;table-layout:fixed}\
th,td{border:1px solid #ccc;padding:.4rem;vertical-align:top;text-align:start}\
th.id{width:6rem;font-family:monospace;font-weight:normal}\
mark{border-radius:3px;padding:0 .1em}mark.number{outline:1px solid #666}\
.findings td{background:#fff6f0;font-size:.9em}\
.finding{margin:.2rem 0}.error{color:#a00}.warning{color:#8a5a00}.accepted{color:#2d6a2d}\
.summary td,.summary th{width:auto}code{font-size:.9em}";

/// Renders the review page of one day: a summary per language, then one row per segment with
/// every language side by side and the findings of that segment under it.
pub fn report_html(input: &CheckInput<'_>, findings: &[Finding], title: &str) -> String {
    let matcher = input.glossary.matcher();
    let source = input.source;
    let langs: Vec<&Lang> = std::iter::once(&source.lang)
        .chain(input.languages.iter().map(|l| &l.translation.document.lang))
        .collect();
    let mut html = String::new();
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        esc(title),
        esc(title)
    );
    // Summary.
    html.push_str("<h2>Summary</h2>\n<table class=\"summary\">\n<thead><tr><th>language</th><th>segments translated</th><th>findings</th><th>errors</th><th>warnings</th><th>accepted</th></tr></thead>\n<tbody>\n");
    for l in input.languages {
        let t = l.translation;
        let lang = &t.document.lang;
        let mine: Vec<&Finding> = findings.iter().filter(|f| &f.lang == lang).collect();
        let count = |sev| {
            mine.iter()
                .filter(|f| f.accepted.is_none() && f.severity == sev)
                .count()
        };
        let _ = writeln!(
            html,
            "<tr><th scope=\"row\" lang=\"{0}\">{0}</th><td>{1} / {2}</td><td>{3}</td><td>{4}</td><td>{5}</td><td>{6}</td></tr>",
            esc(lang.as_str()),
            t.counts.translated + t.counts.needs_review,
            t.states.len(),
            mine.len(),
            count(dayglot_core::Severity::Error),
            count(dayglot_core::Severity::Warning),
            mine.iter().filter(|f| f.accepted.is_some()).count()
        );
    }
    html.push_str("</tbody>\n</table>\n");
    // Segments.
    let mut by_segment: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    let mut other: Vec<&Finding> = Vec::new();
    for f in findings {
        match &f.location {
            Location::Segment(id) => by_segment.entry(id.as_str()).or_default().push(f),
            Location::Fluent { .. } => other.push(f),
        }
    }
    html.push_str(
        "<h2>Segments</h2>\n<table class=\"segments\">\n<thead><tr><th class=\"id\">segment</th>",
    );
    for l in &langs {
        let _ = write!(html, "<th lang=\"{0}\">{0}</th>", esc(l.as_str()));
    }
    html.push_str("</tr></thead>\n<tbody>\n");
    let texts: Vec<BTreeMap<&str, &str>> = input
        .languages
        .iter()
        .map(|l| {
            l.translation
                .document
                .segments()
                .into_iter()
                .map(|s| (s.id.as_str(), s.text.as_str()))
                .collect()
        })
        .collect();
    for seg in source.segments() {
        let id = seg.id.as_str();
        let _ = write!(
            html,
            "<tr id=\"seg-{0}\"><th class=\"id\" scope=\"row\">{0}</th>",
            esc(id)
        );
        let spans = highlights(
            &seg.text,
            &source.lang,
            input.rules.get(&source.lang),
            &matcher,
        );
        let _ = write!(
            html,
            "<td lang=\"{}\">{}</td>",
            esc(source.lang.as_str()),
            marked(&seg.text, &spans)
        );
        for (l, map) in input.languages.iter().zip(&texts) {
            let lang = &l.translation.document.lang;
            let state = l.translation.state(&seg.id);
            let text = map.get(id).copied().unwrap_or("");
            if state.falls_back() {
                let _ = write!(
                    html,
                    "<td lang=\"{}\" class=\"fallback\"><em>({})</em></td>",
                    esc(lang.as_str()),
                    esc(state.name())
                );
            } else {
                let spans = highlights(text, lang, input.rules.get(lang), &matcher);
                let _ = write!(
                    html,
                    "<td lang=\"{}\">{}</td>",
                    esc(lang.as_str()),
                    marked(text, &spans)
                );
            }
        }
        html.push_str("</tr>\n");
        if let Some(fs) = by_segment.get(id) {
            let _ = write!(
                html,
                "<tr class=\"findings\"><td></td><td colspan=\"{}\">",
                langs.len()
            );
            for f in fs {
                html.push_str(&finding_html(f));
            }
            html.push_str("</td></tr>\n");
        }
    }
    html.push_str("</tbody>\n</table>\n");
    if !other.is_empty() {
        html.push_str("<h2>Fluent files</h2>\n<div class=\"fluent\">\n");
        for f in other {
            html.push_str(&finding_html(f));
        }
        html.push_str("</div>\n");
    }
    html.push_str("</body>\n</html>\n");
    html
}

fn finding_html(f: &Finding) -> String {
    let (class, level) = match &f.accepted {
        Some(_) => ("accepted", "accepted".to_owned()),
        None => (
            if f.severity == dayglot_core::Severity::Error {
                "error"
            } else {
                "warning"
            },
            f.severity.to_string(),
        ),
    };
    let reason = f
        .accepted
        .as_ref()
        .map(|r| format!(" — <q>{}</q>", esc(r)))
        .unwrap_or_default();
    format!(
        "<p class=\"finding {class}\"><strong>{}</strong> <code>{}</code> [{}] {}: {}{reason}</p>",
        esc(&level),
        esc(f.code),
        esc(f.lang.as_str()),
        esc(f.location.id()),
        esc(&f.message)
    )
}
