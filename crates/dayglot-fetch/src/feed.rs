//! RSS 2.0 and Atom feeds: the entries, and which of them are days of the series.

use std::sync::LazyLock;

use quick_xml::events::{BytesStart, Event};
use regex::Regex;

/// One entry of a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedEntry {
    /// The entry's title, entities decoded and whitespace collapsed.
    pub title: String,
    /// The article's URL (RSS `<link>`, Atom `<link rel="alternate" href>`), resolved.
    pub link: Option<String>,
    /// RSS `<guid>` or Atom `<id>`.
    pub id: Option<String>,
    /// The language: the entry's or feed's `xml:lang`, or RSS `<language>`, if declared.
    pub lang: Option<String>,
    /// The day of the series the title names, if any.
    pub day: Option<SeriesDay>,
}

/// A day number found in a title, with the language of the word that named it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeriesDay {
    /// The day number.
    pub number: u32,
    /// The language of the word (`en` Day, `bg` Ден, `uk` День, `de` Tag).
    pub lang: &'static str,
}

/// A feed that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FeedError {
    /// Malformed XML.
    #[error("the feed is not well-formed XML at byte {offset}: {message}")]
    Xml {
        /// Where the reader stopped.
        offset: u64,
        /// The reader's message.
        message: String,
    },
    /// Well-formed XML but neither RSS nor Atom.
    #[error("the document is not an RSS 2.0 or Atom feed (its root element is <{root}>)")]
    NotAFeed {
        /// The root element's name.
        root: String,
    },
}

static DAY: LazyLock<Regex> = LazyLock::new(|| {
    // "Day 686", "Ден 1 459", "День 1 459" (no-break spaces too), "Tag 1.459", "Day 1,459".
    Regex::new(r"(?i)(?:^|[^\p{L}])(day|ден|день|tag)\s+(\d{1,3}(?:[,.\u{a0}\u{202f} ]\d{3})+|\d+)(?:[^\d]|$)")
        .unwrap_or_else(|e| unreachable!("the day pattern is valid: {e}"))
});

/// The series day a title names (the number as written, possibly 0: the caller validates it): `Day 686 of ...`, `Ден 686 ...`, `День 686 ...`, `Tag 686 ...`;
/// the number may be grouped (`1,459`, `1 459`, `1.459`).
pub fn series_day(title: &str) -> Option<SeriesDay> {
    let caps = DAY.captures(title)?;
    let word = caps.get(1)?.as_str().to_lowercase();
    let lang = match word.as_str() {
        "day" => "en",
        "ден" => "bg",
        "день" => "uk",
        _ => "de",
    };
    let digits: String = caps
        .get(2)?
        .as_str()
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let number = digits.parse().ok()?;
    Some(SeriesDay { number, lang })
}

/// Parses an RSS 2.0 or Atom feed. `base_url` (the feed's URL) resolves relative links.
pub fn parse_feed(xml: &str, base_url: &str) -> Result<Vec<FeedEntry>, FeedError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut entries = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut lang_stack: Vec<Option<String>> = Vec::new();
    let mut channel_lang: Option<String> = None;
    let mut current: Option<Partial> = None;
    let mut text = String::new();
    let mut root: Option<String> = None;
    let err = |reader: &quick_xml::Reader<&[u8]>, e: &dyn std::fmt::Display| FeedError::Xml {
        offset: reader.buffer_position(),
        message: e.to_string(),
    };
    loop {
        let event = reader.read_event().map_err(|e| err(&reader, &e))?;
        match event {
            Event::Start(ref start) | Event::Empty(ref start) => {
                let name = local(start);
                if root.is_none() {
                    root = Some(name.clone());
                    if !matches!(name.as_str(), "rss" | "feed" | "RDF") {
                        return Err(FeedError::NotAFeed { root: name });
                    }
                }
                let lang = attr(start, "xml:lang").or_else(|| lang_stack.last().cloned().flatten());
                if matches!(name.as_str(), "item" | "entry") {
                    current = Some(Partial {
                        lang: lang.clone(),
                        ..Partial::default()
                    });
                }
                if name == "link"
                    && let (Some(entry), Some(href)) = (current.as_mut(), attr(start, "href"))
                {
                    let rel = attr(start, "rel").unwrap_or_else(|| "alternate".into());
                    if rel == "alternate" && entry.link.is_none() {
                        entry.link = Some(href);
                    }
                }
                text.clear();
                if matches!(event, Event::Start(_)) {
                    stack.push(name);
                    lang_stack.push(lang);
                }
            }
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::CData(c) => text.push_str(&c.into_inner()),
            Event::GeneralRef(r) => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    text.push(c);
                } else {
                    let name = r.xml10_content();
                    text.push_str(match name.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    });
                }
            }
            Event::End(_) => {
                let name = stack.pop().unwrap_or_default();
                lang_stack.pop();
                let value = collapse(&text);
                let parent = stack.last().map(String::as_str);
                match (name.as_str(), current.as_mut()) {
                    ("item" | "entry", Some(_)) => {
                        if let Some(done) = current.take() {
                            entries.push(done.finish(base_url, channel_lang.as_deref()));
                        }
                    }
                    ("title", Some(e)) if matches!(parent, Some("item" | "entry")) => {
                        e.title = value
                    }
                    ("link", Some(e)) if e.link.is_none() && !value.is_empty() => {
                        e.link = Some(value)
                    }
                    ("guid" | "id", Some(e)) => e.id = Some(value).filter(|v| !v.is_empty()),
                    ("language", None) => channel_lang = Some(value).filter(|v| !v.is_empty()),
                    _ => {}
                }
                text.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    match root {
        Some(_) => Ok(entries),
        None => Err(FeedError::NotAFeed {
            root: String::new(),
        }),
    }
}

#[derive(Debug, Default)]
struct Partial {
    title: String,
    link: Option<String>,
    id: Option<String>,
    lang: Option<String>,
}

impl Partial {
    fn finish(self, base_url: &str, channel_lang: Option<&str>) -> FeedEntry {
        let link =
            self.link.map(
                |l| match reqwest::Url::parse(base_url).and_then(|b| b.join(&l)) {
                    Ok(url) => url.to_string(),
                    Err(_) => l,
                },
            );
        FeedEntry {
            day: series_day(&self.title),
            lang: self.lang.or_else(|| channel_lang.map(str::to_owned)),
            title: self.title,
            link,
            id: self.id,
        }
    }
}

/// An element's local name (`atom:link` → `link`), except `xml:lang`-style prefixes kept for attributes.
fn local(start: &BytesStart<'_>) -> String {
    start.local_name().as_ref().to_owned()
}

fn attr(start: &BytesStart<'_>, name: &str) -> Option<String> {
    start
        .attributes()
        .filter_map(Result::ok)
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_day_in_four_languages() {
        let check = |title: &str, expected: Option<(u32, &str)>| {
            assert_eq!(
                series_day(title).map(|d| (d.number, d.lang)),
                expected,
                "{title}"
            );
        };
        check("Day 686 of the invasion of Ukraine", Some((686, "en")));
        check("Ден 687 от инвазията в Украйна", Some((687, "bg")));
        check(
            "День 1\u{a0}459 повномасштабного вторгнення",
            Some((1459, "uk")),
        );
        check("Tag 1.459 des Krieges", Some((1459, "de")));
        check("Day 1,459: summary", Some((1459, "en")));
        check("Holiday 5 deals", None);
        check("Weather today", None);
    }
}
