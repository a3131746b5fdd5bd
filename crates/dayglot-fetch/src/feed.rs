//! RSS 2.0 and Atom feeds: the entries, and which of them are days of the series.

use quick_xml::events::{BytesStart, Event};
use regex::Regex;

/// One entry of a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedEntry<'w> {
    /// The entry's title, entities decoded and whitespace collapsed.
    pub title: String,
    /// The article's URL (RSS `<link>`, Atom `<link rel="alternate" href>`), resolved.
    pub link: Option<String>,
    /// RSS `<guid>` or Atom `<id>`.
    pub id: Option<String>,
    /// The language: the entry's or feed's `xml:lang`, or RSS `<language>`, if declared.
    pub lang: Option<String>,
    /// The day of the series the title names, if any (found with the caller's [`SeriesWords`]).
    pub day: Option<SeriesDay<'w>>,
}

/// A day number found in a title, with the language of the word that named it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeriesDay<'w> {
    /// The day number, as written (possibly 0: the caller validates it).
    pub number: u32,
    /// The language tag the matched word was given with in [`SeriesWords::new`] (`en` for
    /// `Day`, `bg` for `Ден`).
    pub lang: &'w str,
}

/// The words that name a day of the series next to its number, by language: `Day 686`,
/// `686th day`, `Ден 686`, `686-ия ден`, `День 686`, `686-й день`, `Tag 686`, `686. Tag`.
///
/// Languages are data: the words come from the caller (in dayglot, the `series_words` of every
/// `locales/<lang>/ingest.toml`). They are matched case-insensitively, as whole words, with the
/// number before or after them; the number may be grouped (`1,459`, `1 459`, `1.459`).
///
/// ```
/// use dayglot_fetch::{SeriesWords, series_day};
///
/// let words = SeriesWords::new([("en", "day"), ("en", "days"), ("bg", "ден")]).unwrap();
/// let day = series_day("Russia-Ukraine war: key events, DAY 686", &words).unwrap();
/// assert_eq!((day.number, day.lang), (686, "en"));
/// assert_eq!(series_day("Ден 1 459 от инвазията", &words).map(|d| d.number), Some(1459));
/// assert_eq!(series_day("Holiday 5 deals", &words), None);
/// ```
#[derive(Debug, Clone)]
pub struct SeriesWords {
    /// `(language, word)` in the caller's order; the first language given a word is its language.
    words: Vec<(String, String)>,
    /// `word number` (group 1 the word, 2 the number), then `number word` (3 the number, 4 the
    /// word); `None` when there are no words.
    pattern: Option<Regex>,
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

/// Series words that cannot be compiled into a matcher.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the series words cannot be matched: {message}")]
pub struct SeriesWordsError {
    /// The regex engine's message (the list is too large).
    pub message: String,
}

/// A day number, grouped by thousands (`1,459`, `1.459`, `1 459` with any space) or not.
const NUMBER: &str = r"(\d{1,3}(?:[,.\u{a0}\u{202f} ]\d{3})+|\d+)";

impl SeriesWords {
    /// Compiles `(language tag, word)` pairs. Words are matched case-insensitively; a space in
    /// a word matches any run of spaces. Empty words are ignored; no words at all finds no day.
    pub fn new<L, W>(words: impl IntoIterator<Item = (L, W)>) -> Result<Self, SeriesWordsError>
    where
        L: AsRef<str>,
        W: AsRef<str>,
    {
        let words: Vec<(String, String)> = words
            .into_iter()
            .map(|(l, w)| (l.as_ref().to_owned(), w.as_ref().trim().to_lowercase()))
            .filter(|(_, w)| !w.is_empty())
            .collect();
        if words.is_empty() {
            return Ok(Self {
                words,
                pattern: None,
            });
        }
        // Longest first, so that `days` is tried before `day`.
        let mut alternatives: Vec<&str> = words.iter().map(|(_, w)| w.as_str()).collect();
        alternatives.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        alternatives.dedup();
        let alternation = alternatives
            .iter()
            .map(|w| {
                w.split_whitespace()
                    .map(regex::escape)
                    .collect::<Vec<_>>()
                    .join(r"\s+")
            })
            .collect::<Vec<_>>()
            .join("|");
        // Word then number: `Day 686`, `DAY-686`, `Day: 686`, `Day #686`, `Ден № 686`.
        // Number then word: `686th day`, `686-й день`, `686-ия ден`, `686. Tag`, `686 days`.
        let pattern = format!(
            r"(?i)(?:^|[^\p{{L}}\p{{N}}])(?:({alternation})[\s\u{{a0}}]*[-\u{{2013}}\u{{2014}}:#\u{{2116}}]?[\s\u{{a0}}]*{NUMBER}(?:[^\p{{N}}]|$)|{NUMBER}(?:-?\p{{L}}{{1,4}}|\.)?[\s\u{{a0}}]+({alternation})(?:[^\p{{L}}\p{{N}}]|$))"
        );
        let pattern = Regex::new(&pattern).map_err(|e| SeriesWordsError {
            message: e.to_string(),
        })?;
        Ok(Self {
            words,
            pattern: Some(pattern),
        })
    }

    /// The language of `word` (lower-cased, spaces collapsed): the first one it was given with.
    fn lang_of(&self, word: &str) -> Option<&str> {
        let word = word.split_whitespace().collect::<Vec<_>>().join(" ");
        self.words
            .iter()
            .find(|(_, w)| w.split_whitespace().collect::<Vec<_>>().join(" ") == word)
            .map(|(l, _)| l.as_str())
    }
}

/// The series day a title names, with the words of [`SeriesWords`]: the first `word number`
/// (`Day 686 of ...`, `... key events, day 686`), else the first `number word` (`686th day`).
/// The number is returned as written (possibly 0: the caller validates it).
pub fn series_day<'w>(title: &str, words: &'w SeriesWords) -> Option<SeriesDay<'w>> {
    let pattern = words.pattern.as_ref()?;
    let found = |word_group: usize, number_group: usize| {
        pattern.captures_iter(title).find_map(|caps| {
            let word = caps.get(word_group)?.as_str().to_lowercase();
            let number = caps.get(number_group)?.as_str();
            let digits: String = number.chars().filter(char::is_ascii_digit).collect();
            Some(SeriesDay {
                number: digits.parse().ok()?,
                lang: words.lang_of(&word)?,
            })
        })
    };
    found(1, 2).or_else(|| found(4, 3))
}

/// Parses an RSS 2.0 or Atom feed. `base_url` (the feed's URL) resolves relative links.
/// `words` finds the series day in each title ([`series_day`]).
pub fn parse_feed<'w>(
    xml: &str,
    base_url: &str,
    words: &'w SeriesWords,
) -> Result<Vec<FeedEntry<'w>>, FeedError> {
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
                            entries.push(done.finish(base_url, channel_lang.as_deref(), words));
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
    fn finish<'w>(
        self,
        base_url: &str,
        channel_lang: Option<&str>,
        words: &'w SeriesWords,
    ) -> FeedEntry<'w> {
        let link =
            self.link.map(
                |l| match reqwest::Url::parse(base_url).and_then(|b| b.join(&l)) {
                    Ok(url) => url.to_string(),
                    Err(_) => l,
                },
            );
        FeedEntry {
            day: series_day(&self.title, words),
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
#[allow(clippy::unwrap_used)] // Tests: a panic is the failure report.
mod tests {
    use super::*;

    /// The words of `locales/{en,bg,uk,de}/ingest.toml`, given explicitly.
    fn words() -> SeriesWords {
        let mut pairs = Vec::new();
        for (lang, words) in [
            ("en", &["day", "days"][..]),
            ("bg", &["ден", "денят", "дена", "дни", "денонощие"][..]),
            ("uk", &["день", "дня", "дні", "днів", "доба", "доби"][..]),
            ("de", &["Tag", "Tage", "Tages", "Tagen"][..]),
        ] {
            pairs.extend(words.iter().map(|w| (lang, *w)));
        }
        SeriesWords::new(pairs).unwrap()
    }

    #[test]
    fn finds_the_day_in_four_languages_and_many_wordings() {
        let words = words();
        let check = |title: &str, expected: Option<(u32, &str)>| {
            assert_eq!(
                series_day(title, &words).map(|d| (d.number, d.lang)),
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
        // Other words around it, at the end, in capitals, joined by punctuation.
        check(
            "Russia-Ukraine war: List of key events, day 686",
            Some((686, "en")),
        );
        check("UKRAINE WAR AT A GLANCE – DAY 686", Some((686, "en")));
        check(
            "Ukraine war day-686: Zelensky in Vilnius",
            Some((686, "en")),
        );
        check("Day #686 | Ukraine", Some((686, "en")));
        check("The war's 686th day", Some((686, "en")));
        check("686 days of war: what we know", Some((686, "en")));
        check("Війна в Україні: 686-й день", Some((686, "uk")));
        check("686-ия ден от войната", Some((686, "bg")));
        check(
            "Krieg in der Ukraine, 686. Tag: Selenskyj in Litauen",
            Some((686, "de")),
        );
        check("Ukraine-Krieg am Tag 686", Some((686, "de")));
        // `word number` wins over an earlier `number word`.
        check("8 days later, Day 686", Some((686, "en")));
        check("Holiday 5 deals", None);
        check("Weather today", None);
        check("Dayton 686", None);
        check("Day of rage", None);
    }

    #[test]
    fn no_words_find_no_day() {
        let none = SeriesWords::new(Vec::<(&str, &str)>::new()).unwrap();
        assert_eq!(series_day("Day 686", &none), None);
        let blank = SeriesWords::new([("en", "  ")]).unwrap();
        assert_eq!(series_day("Day 686", &blank), None);
    }

    #[test]
    fn a_word_belongs_to_the_first_language_given() {
        let words = SeriesWords::new([("uk", "день"), ("ru", "день"), ("pl", "dzień")]).unwrap();
        assert_eq!(series_day("День 686", &words).map(|d| d.lang), Some("uk"));
        assert_eq!(
            series_day("686. DZIEŃ wojny", &words).map(|d| d.lang),
            Some("pl")
        );
    }
}
