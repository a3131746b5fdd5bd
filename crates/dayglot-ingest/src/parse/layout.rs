//! What real pages carry around a summary, and where they name the day.
//!
//! Pages copied from outlets bring furniture with the text: app and subscription promotions,
//! widgets, bylines, photo captions and credits, time stamps of a live blog, breadcrumbs, tag
//! lines, the title repeated as image alt text. It is recognised here by what it is (its shape
//! and the language's furniture phrases from `ingest.toml`), never by outlet, so that the parser
//! can report it in an `ingest::furniture` diagnostic instead of taking it as content.
//!
//! The day of the series is found the same way in every language: a number next to one of the
//! language's `series_words` (`Day 686`, `686th day`, `204. dnia`, `1418-й день`, `46 день`), or a
//! number word next to one (`the sixth day`, `сьомий день`).

use std::sync::LazyLock;

use regex::Regex;

use crate::LanguageRules;

/// What a furniture line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Furniture {
    /// A promotion, widget, reading time, byline or "read more" line (a phrase of the language).
    Phrase,
    /// A photo credit, or a caption carrying one.
    Credit,
    /// A caption (or image alt text) next to a credit or a picture placeholder.
    Caption,
    /// A line repeated right after itself (image alt text and caption, an author widget).
    Repeated,
    /// A time stamp of a live blog, or another line of digits only.
    TimeStamp,
    /// A breadcrumb or a language switcher.
    Navigation,
    /// A line of tags.
    Tags,
    /// A copyright line.
    Copyright,
    /// A byline (an author's name) or a rubric between the title and the text.
    Byline,
    /// A line above the title (kicker, rubric, outlet name, byline).
    BeforeTitle,
    /// The title again (image alt text, a bold repeat, a subtitle with the same words).
    TitleEcho,
    /// A short signature line that ends the page.
    Signature,
}

impl Furniture {
    /// A short name for messages.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Self::Phrase => "promotion, widget or byline",
            Self::Credit => "photo credit",
            Self::Caption => "photo caption",
            Self::Repeated => "repeated line",
            Self::TimeStamp => "time stamp",
            Self::Navigation => "navigation",
            Self::Tags => "tags",
            Self::Copyright => "copyright line",
            Self::Byline => "byline or rubric",
            Self::BeforeTitle => "line above the title",
            Self::TitleEcho => "title repeated",
            Self::Signature => "signature",
        }
    }
}

/// The words of a text: runs of letters, digits and in-word apostrophes, with their offsets.
pub(crate) fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let inside = c.is_alphanumeric() || (start.is_some() && matches!(c, '\'' | '’'));
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, text[s..i].trim_end_matches(['\'', '’'])));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text[s..].trim_end_matches(['\'', '’'])));
    }
    out
}

/// How many words a line has: `words(text).len()`, without collecting them (this runs on
/// every line of every day).
pub(crate) fn word_count(text: &str) -> usize {
    let (mut n, mut inside) = (0, false);
    for c in text.chars() {
        let in_word = c.is_alphanumeric() || (inside && matches!(c, '\'' | '’'));
        n += usize::from(in_word && !inside);
        inside = in_word;
    }
    n
}

/// Whether a text ends like a sentence (`.`, `!`, `?`, `…`, before closing quotes or brackets).
pub(crate) fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '”', '“', '»', '’', '\'', ')', ']', '*', '_'])
        .ends_with(['.', '!', '?', '…'])
}

fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// Whether `phrase` occurs in `hay` (both lower case) at a word boundary.
fn contains_phrase(hay: &str, phrase: &str) -> bool {
    if phrase.is_empty() {
        return false;
    }
    let mut from = 0;
    while let Some(i) = hay[from..].find(phrase) {
        let at = from + i;
        let before_ok = !hay[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
            || !phrase.starts_with(char::is_alphanumeric);
        let after = &hay[at + phrase.len()..];
        let after_ok = !after.chars().next().is_some_and(char::is_alphanumeric)
            || !phrase.ends_with(char::is_alphanumeric);
        if before_ok && after_ok {
            return true;
        }
        from = at + phrase.len().max(1);
        while !hay.is_char_boundary(from) {
            from += 1;
        }
    }
    false
}

/// The language's furniture phrases and credit words, prepared once per text.
pub(crate) struct Lexicon {
    /// Lower-cased phrases, and whether each is specific (several words, or punctuation).
    phrases: Vec<(String, bool)>,
    /// The longest phrase, in bytes.
    longest: usize,
    /// Credit words with the two ways a credit is glued to its caption (`. Foto:`, ` Foto: `).
    credits: Vec<(String, String, String)>,
}

impl Lexicon {
    /// Prepares the phrases of `rules`.
    pub(crate) fn new(rules: &LanguageRules) -> Self {
        let phrases: Vec<(String, bool)> = rules
            .furniture
            .iter()
            .map(|p| lower(p.trim()))
            .filter(|p| !p.is_empty())
            .map(|p| {
                let specific =
                    p.split_whitespace().count() > 1 || p.ends_with(|c: char| !c.is_alphanumeric());
                (p, specific)
            })
            .collect();
        let longest = phrases.iter().map(|(p, _)| p.len()).max().unwrap_or(0);
        let credits = rules
            .credit_words
            .iter()
            .map(|w| w.trim())
            .filter(|w| !w.is_empty())
            .map(|w| (w.to_owned(), format!(". {w}:"), format!(" {w}: ")))
            .collect();
        Self {
            phrases,
            longest,
            credits,
        }
    }
}

/// Whether the line is furniture by its own shape and the language's phrases (not by its place
/// on the page).
#[cfg(test)]
pub(crate) fn furniture_by_shape(line: &str, rules: &LanguageRules) -> Option<Furniture> {
    furniture_in(line, &Lexicon::new(rules))
}

/// Whether the line is furniture by its own shape and the phrases of `lex`.
pub(crate) fn furniture_in(line: &str, lex: &Lexicon) -> Option<Furniture> {
    let t = line.trim();
    if t.is_empty() {
        return None;
    }
    let has_letter = t.chars().any(char::is_alphabetic);
    let n = word_count(t);
    if !has_letter {
        return (t.chars().any(|c| c.is_ascii_digit()) && t.chars().count() <= 25)
            .then_some(Furniture::TimeStamp);
    }
    // A long line can only start with a phrase: its head is enough.
    let head = if n > 8 {
        let mut cut = (lex.longest + 8).min(t.len());
        while !t.is_char_boundary(cut) {
            cut += 1;
        }
        &t[..cut]
    } else {
        t
    };
    let l = lower(head);
    for (p, specific) in &lex.phrases {
        // A phrase of several words (or one ending with punctuation) is specific enough at the
        // start of any line and inside any short line; a single word (`Trending`, `Anzeige`)
        // only in a short line that is not a sentence.
        let starts = l.starts_with(p.as_str()) && contains_phrase(&l[..p.len().min(l.len())], p);
        let short = n <= 8 && (*specific || !ends_sentence(t) || n <= 3);
        if (*specific && starts) || (short && contains_phrase(&l, p)) {
            return Some(Furniture::Phrase);
        }
    }
    if is_credit_in(t, lex) {
        return Some(Furniture::Credit);
    }
    // An editor's note in parentheses (`(next update tomorrow after 11:00)`).
    if t.starts_with('(') && t.ends_with(')') && n <= 20 && !t[1..].contains('(') {
        return Some(Furniture::Phrase);
    }
    if t.contains('©') && n <= 20 {
        return Some(Furniture::Copyright);
    }
    if n <= 4 && (t.contains('|') || t.contains('›')) {
        return Some(Furniture::Navigation);
    }
    // A menu: one word over and over (`BNT BNT NEWS BNT Sport BNT Live`).
    if n <= 12 && !ends_sentence(t) {
        let ws: Vec<String> = words(t).iter().map(|(_, w)| lower(w)).collect();
        if ws
            .iter()
            .any(|w| ws.iter().filter(|x| *x == w).count() >= 3)
        {
            return Some(Furniture::Navigation);
        }
    }
    let tokens: Vec<&str> = t.split_whitespace().collect();
    if tokens.len() >= 2
        && tokens
            .iter()
            .all(|w| w.chars().count() == 2 && w.chars().all(|c| c.is_lowercase()))
    {
        return Some(Furniture::Navigation);
    }
    if tokens.len() >= 2
        && !ends_sentence(t)
        && tokens.iter().all(|w| {
            w.starts_with('#')
                || (w.contains('-')
                    && w.chars().next().is_some_and(char::is_uppercase)
                    && !w.ends_with('-'))
        })
    {
        return Some(Furniture::Tags);
    }
    None
}

/// A photo credit: `Photograph: AFP`, `... alarm. Photograph: AFP/Getty Images`, a caption
/// ending `[Name/Agency]`, or one ending `/ NAME / PAP/EPA`.
pub(crate) fn is_credit_in(line: &str, lex: &Lexicon) -> bool {
    let t = line.trim();
    if word_count(t) > 80 {
        return false;
    }
    for (w, after_stop, inside) in &lex.credits {
        if t == w
            || t.strip_prefix(w.as_str())
                .is_some_and(|r| r.trim_start().starts_with(':'))
            || t.contains(after_stop.as_str())
            || t.contains(inside.as_str())
        {
            return true;
        }
    }
    // `[Wojtek Radwanski/AFP]` at the end.
    if let Some(open) = t.rfind('[')
        && t.ends_with(']')
    {
        let inner = &t[open..];
        if inner.contains('/') && word_count(inner) <= 8 && open > 0 {
            return true;
        }
    }
    // `... / ANASTASIA VLASOVA / PAP/EPA`: the last parts after ` / ` have no lower case.
    let parts: Vec<&str> = t.split(" / ").collect();
    if parts.len() >= 2 {
        let tail = &parts[1..];
        if tail
            .iter()
            .all(|p| p.chars().any(char::is_alphabetic) && !p.chars().any(char::is_lowercase))
        {
            return true;
        }
    }
    false
}

/// Whether the line is one of the language's picture placeholders.
pub(crate) fn is_placeholder(line: &str, rules: &LanguageRules) -> bool {
    let t = line.trim();
    rules.media_placeholders.iter().any(|p| p.trim() == t)
}

/// A day of the series named in `text`: the number (`None` when it is not a usable number) and
/// the byte range of the number (or number word).
pub(crate) struct DayMention {
    /// The day, if the digits make one.
    pub(crate) number: Option<u32>,
    /// Where the number is in the text.
    pub(crate) range: std::ops::Range<usize>,
}

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\d{1,3}(?:[,.\u{A0}\u{202F}\u{2009} ]\d{3})+\b|\d+").expect("valid regex")
});

fn is_series_word(word: &str, rules: &LanguageRules) -> bool {
    let w = lower(word);
    rules.series_words.iter().any(|s| lower(s) == w)
}

fn number_word(word: &str, rules: &LanguageRules) -> Option<u32> {
    let w = lower(word);
    rules
        .number_words
        .iter()
        .position(|forms| forms.iter().any(|f| lower(f) == w))
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// Finds the first day of the series named in `text`.
pub(crate) fn day_mention(text: &str, rules: &LanguageRules) -> Option<DayMention> {
    mention(text, rules, false)
}

/// Like [`day_mention`], for running text beyond the title and lead, where `3 days` is a
/// duration: only an ordinal (`544-й день`, `686th day`) or `Day 686` counts.
pub(crate) fn ordinal_day_mention(text: &str, rules: &LanguageRules) -> Option<DayMention> {
    mention(text, rules, true)
}

fn mention(text: &str, rules: &LanguageRules, strict: bool) -> Option<DayMention> {
    if rules.series_words.is_empty() {
        return None;
    }
    let mut best: Option<DayMention> = None;
    for m in NUMBER.find_iter(text) {
        // After: an ordinal ending (`th`, `.`, `-й`), white space, then the word.
        let rest = &text[m.end()..];
        let mut skip = 0;
        if rest.starts_with('.') {
            skip = 1;
        } else {
            let after_dash = rest.strip_prefix(['-', '‑', '–']).unwrap_or(rest);
            let letters: usize = after_dash
                .chars()
                .take_while(|c| c.is_alphabetic())
                .map(char::len_utf8)
                .sum();
            if letters > 0 && after_dash[..letters].chars().count() <= 3 {
                skip = rest.len() - after_dash.len() + letters;
            }
        }
        let tail = &rest[skip..];
        let trimmed = tail.trim_start();
        let next_is_series = (skip > 0 || !strict)
            && trimmed.len() < tail.len()
            && words(trimmed)
                .first()
                .is_some_and(|&(at, w)| at == 0 && is_series_word(w, rules));
        // Before: the word, white space, the number.
        let head = &text[..m.start()];
        let head_trim = head.trim_end();
        let prev_is_series = head_trim.len() < head.len()
            && words(head_trim).last().is_some_and(|&(at, w)| {
                at + w.len() == head_trim.len() && is_series_word(w, rules)
            });
        if next_is_series || prev_is_series {
            let digits: String = m.as_str().chars().filter(char::is_ascii_digit).collect();
            best = Some(DayMention {
                number: digits.parse::<u32>().ok().filter(|&n| n > 0),
                range: m.range(),
            });
            break;
        }
    }
    if !strict && !rules.number_words.is_empty() {
        let ws = words(text);
        for pair in ws.windows(2) {
            let ((a_at, a), (b_at, b)) = (pair[0], pair[1]);
            let between = &text[a_at + a.len()..b_at];
            if !between.chars().all(char::is_whitespace) {
                continue;
            }
            let found = if is_series_word(b, rules) {
                number_word(a, rules).map(|n| (n, a_at..a_at + a.len()))
            } else if is_series_word(a, rules) {
                number_word(b, rules).map(|n| (n, b_at..b_at + b.len()))
            } else {
                None
            };
            if let Some((n, range)) = found {
                if best.as_ref().is_none_or(|b| range.start < b.range.start) {
                    best = Some(DayMention {
                        number: Some(n),
                        range,
                    });
                }
                break;
            }
        }
    }
    best
}

/// A calendar date written in `text` with the language's month names (`January 10, 2024`,
/// `10 January 2024`, `10. Januar 2024`, `21 ноември 2024 г.`) or in digits (`15.09.2022`).
pub(crate) fn date_mention(text: &str, rules: &LanguageRules) -> Option<(i16, i8, i8)> {
    date_at(text, rules).map(|(_, date)| date)
}

/// A dateline: a date right after a weekday (`Wednesday, January 10, 2024`, `Mittwoch, 10. Januar
/// 2024`), which dates the text itself rather than an event it tells.
pub(crate) fn dateline(text: &str, rules: &LanguageRules) -> Option<(i16, i8, i8)> {
    let (at, date) = date_at(text, rules)?;
    let before = words(&text[..at]);
    let (_, w) = before.last()?;
    let w = lower(w);
    rules.weekdays.iter().any(|d| lower(d) == w).then_some(date)
}

/// The first date of `text` and where it starts.
fn date_at(text: &str, rules: &LanguageRules) -> Option<(usize, (i16, i8, i8))> {
    static DIGITS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b").expect("valid regex"));
    let ws = words(text);
    let month_of = |w: &str| {
        let w = lower(w.trim_end_matches('.'));
        rules
            .months
            .iter()
            .position(|forms| forms.iter().any(|f| lower(f.trim_end_matches('.')) == w))
            .and_then(|i| i8::try_from(i + 1).ok())
    };
    let num = |w: &str| w.parse::<i32>().ok();
    let mut found: Option<(usize, (i16, i8, i8))> = None;
    for (k, &(at, w)) in ws.iter().enumerate() {
        let Some(month) = month_of(w) else { continue };
        let prev = k.checked_sub(1).and_then(|j| ws.get(j)).map(|&(_, w)| w);
        let next = ws.get(k + 1).map(|&(_, w)| w);
        let next2 = ws.get(k + 2).map(|&(_, w)| w);
        let year_ok = |y: i32| (1900..=2200).contains(&y);
        let day_ok = |d: i32| (1..=31).contains(&d);
        // `January 10, 2024`
        if let (Some(d), Some(y)) = (next.and_then(num), next2.and_then(num))
            && day_ok(d)
            && year_ok(y)
        {
            found = Some((at, (y as i16, month, d as i8)));
            break;
        }
        // `10 January 2024`, `10. Januar 2024`
        if let (Some(d), Some(y)) = (prev.and_then(num), next.and_then(num))
            && day_ok(d)
            && year_ok(y)
        {
            let start = k
                .checked_sub(1)
                .and_then(|j| ws.get(j))
                .map_or(at, |&(a, _)| a);
            found = Some((start, (y as i16, month, d as i8)));
            break;
        }
    }
    if let Some(c) = DIGITS.captures(text) {
        let at = c.get(0).map_or(0, |m| m.start());
        let d: i32 = c[1].parse().unwrap_or(0);
        let m: i32 = c[2].parse().unwrap_or(0);
        let y: i32 = c[3].parse().unwrap_or(0);
        if (1..=31).contains(&d)
            && (1..=12).contains(&m)
            && found.as_ref().is_none_or(|&(f, _)| at < f)
        {
            found = Some((at, (y as i16, m as i8, d as i8)));
        }
    }
    found
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests: a panic is the failure report.
mod tests {
    use super::*;

    /// Counting without collecting gives what collecting does, on every text of up to five
    /// characters of letters, digits, apostrophes, spaces and punctuation.
    #[test]
    fn word_count_is_the_number_of_words() {
        let alphabet = ['a', 'ї', '7', '\'', '’', ' ', '-', '.'];
        let mut texts = vec![String::new()];
        for _ in 0..5 {
            texts = texts
                .iter()
                .flat_map(|t| alphabet.map(|c| format!("{t}{c}")))
                .collect();
            for t in &texts {
                assert_eq!(word_count(t), words(t).len(), "{t:?}");
            }
        }
    }

    fn rules() -> LanguageRules {
        LanguageRules {
            series_words: ["day", "days", "день", "днів", "dnia", "Tag"]
                .map(String::from)
                .to_vec(),
            number_words: vec![
                vec!["first".into()],
                vec!["second".into()],
                vec!["third".into(), "сьомий".into()],
            ],
            months: vec![vec!["January".into()], vec!["February".into()]],
            weekdays: vec!["Wednesday".into()],
            credit_words: vec!["Photograph".into(), "Снимка".into()],
            furniture: vec![
                "Start reading".into(),
                "staff and agencies".into(),
                "Subscribe".into(),
            ],
            ..LanguageRules::default()
        }
    }

    fn day(text: &str) -> Option<u32> {
        day_mention(text, &rules()).and_then(|d| d.number)
    }

    #[test]
    fn day_numbers_in_any_wording() {
        assert_eq!(day("Day 686 of the invasion"), Some(686));
        assert_eq!(
            day("Russia-Ukraine war: List of key events, day 686"),
            Some(686)
        );
        assert_eq!(day("As the war enters its 686th day"), Some(686));
        assert_eq!(day("THE STRIFE ON DAY 687 : DEADLY"), Some(687));
        assert_eq!(day("Day 1,459 of"), Some(1459));
        assert_eq!(day("1418-й день війни"), Some(1418));
        assert_eq!(day("z 204. dnia wojny"), Some(204));
        assert_eq!(day("Tag 686 der Invasion"), Some(686));
        assert_eq!(day("On the third day of fighting"), Some(3));
        assert_eq!(day("It lasted 24 hours and 3 weeks"), None);
        assert_eq!(day("Day 99999999999"), None);
        let strict = |t: &str| ordinal_day_mention(t, &rules()).and_then(|d| d.number);
        assert_eq!(strict("a war he thought would last 3 days"), None);
        assert_eq!(strict("the 544th day of the war"), Some(544));
        assert_eq!(strict("on Day 12"), Some(12));
        assert!(day_mention("Day 99999999999", &rules()).is_some());
    }

    #[test]
    fn dates_with_month_names_or_digits() {
        let r = rules();
        assert_eq!(
            date_mention("Here is the situation on Wednesday, January 10, 2024.", &r),
            Some((2024, 1, 10))
        );
        assert_eq!(date_mention("10 February 2024", &r), Some((2024, 2, 10)));
        assert_eq!(date_mention("z 15.09.2022 roku", &r), Some((2022, 9, 15)));
        assert_eq!(date_mention("on 10 January", &r), None);
        assert_eq!(
            dateline("Here is the situation on Wednesday, January 10, 2024.", &r),
            Some((2024, 1, 10))
        );
        assert_eq!(dateline("The war began on 24 February 2022.", &r), None);
    }

    #[test]
    fn furniture_by_what_it_is() {
        let r = rules();
        let f = |s: &str| furniture_by_shape(s, &r);
        assert_eq!(f("Start reading"), Some(Furniture::Phrase));
        assert_eq!(
            f("Yohannes Lowe with Guardian staff and agencies"),
            Some(Furniture::Phrase)
        );
        assert_eq!(
            f("Snow in Kyiv. Photograph: AFP/Getty Images"),
            Some(Furniture::Credit)
        );
        assert_eq!(f("Снимка: БГНЕС"), Some(Furniture::Credit));
        assert_eq!(
            f("Protesters in Poland [Wojtek Radwanski/AFP]"),
            Some(Furniture::Credit)
        );
        assert_eq!(
            f("Ruins in Izium / ANASTASIA VLASOVA / PAP/EPA"),
            Some(Furniture::Credit)
        );
        assert_eq!(f("21:47"), Some(Furniture::TimeStamp));
        assert_eq!(
            f("(next update tomorrow after 11:00)"),
            Some(Furniture::Phrase)
        );
        assert_eq!(f("Ukraine |"), Some(Furniture::Navigation));
        assert_eq!(f("ua en ru"), Some(Furniture::Navigation));
        assert_eq!(
            f("BNT BNT NEWS BNT Sport BNT Live"),
            Some(Furniture::Navigation)
        );
        assert_eq!(
            f("Russia-Ukraine-War Russia-Ukraine-Conflict"),
            Some(Furniture::Tags)
        );
        assert_eq!(f("© 2025 All rights reserved"), Some(Furniture::Copyright));
        assert_eq!(f("Readers subscribe to more outlets now."), None);
        assert_eq!(f("Subscribe"), Some(Furniture::Phrase));
        assert_eq!(
            f("Subscribe to this: the army moved west and the city fell."),
            None
        );
        assert_eq!(
            f("Russia fired 51 missiles at targets across Ukraine."),
            None
        );
        assert_eq!(f("***"), None);
        assert_eq!(f("Kyiv - Lviv talks resume"), None);
    }
}
