//! Sentence splitting: UAX #29 boundaries, then repairs for what UAX #29 cannot know.
//!
//! UAX #29 (through unicode-segmentation) breaks after every `.` followed by a capital, so it
//! splits `Dr. Smith`, `J. R. Tolkien` and quotations that hold several sentences. We merge
//! such pieces back: after an abbreviation of the language (data, from `ingest.toml`), after a
//! single-letter initial or a dotted acronym (`U.S.`), and while a quotation is open.

use dayglot_core::Span;
use unicode_segmentation::UnicodeSegmentation;

use crate::LanguageRules;
use crate::quote::QuoteScanner;

/// Splits a paragraph into sentences, returning their byte spans in `text`, trimmed of
/// surrounding white space. Spans cover every non-space character of `text`.
pub fn split_sentences(text: &str, rules: &LanguageRules) -> Vec<Span> {
    split(text, rules, true).0
}

/// Splits, and says whether a quotation was still open at the end of the paragraph (in which
/// case quotation-aware merging was abandoned, so that one stray mark cannot glue a whole
/// paragraph into one sentence).
pub(crate) fn split_checked(text: &str, rules: &LanguageRules) -> (Vec<Span>, bool) {
    let (spans, unclosed) = split(text, rules, true);
    if unclosed {
        (split(text, rules, false).0, true)
    } else {
        (spans, false)
    }
}

fn split(text: &str, rules: &LanguageRules, mind_quotes: bool) -> (Vec<Span>, bool) {
    let mut out = Vec::new();
    let mut quotes = QuoteScanner::new(rules.quote_pairs());
    let mut start: Option<usize> = None;
    let pieces: Vec<(usize, &str)> = text.split_sentence_bound_indices().collect();
    for (n, &(at, piece)) in pieces.iter().enumerate() {
        let begin = *start.get_or_insert(at);
        quotes.feed(piece);
        let end = at + piece.len();
        let last = n + 1 == pieces.len();
        let sentence = &text[begin..end];
        if !last && (ends_with_abbreviation(sentence, rules) || (mind_quotes && quotes.is_open())) {
            continue;
        }
        push_trimmed(&mut out, text, begin, end);
        start = None;
    }
    (out, quotes.is_open())
}

fn push_trimmed(out: &mut Vec<Span>, text: &str, begin: usize, end: usize) {
    let slice = &text[begin..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail < slice.len() {
        out.push(Span::new(begin + lead, end - trail));
    }
}

/// Whether the text so far ends with a word that does not end a sentence.
fn ends_with_abbreviation(sentence: &str, rules: &LanguageRules) -> bool {
    let word = sentence
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default();
    let word = word.trim_start_matches(['(', '[', '"', '“', '„', '«', '‘']);
    if !word.ends_with('.') {
        return false;
    }
    if rules
        .abbreviations
        .iter()
        .any(|a| a.eq_ignore_ascii_case(word) || a == word)
    {
        return true;
    }
    // An initial (`J.`) or a dotted acronym (`U.S.`, `U.K.`): letters each followed by a dot.
    let mut chars = word.chars();
    let mut letters = 0;
    loop {
        match (chars.next(), chars.next()) {
            (Some(c), Some('.')) if c.is_alphabetic() => letters += 1,
            (None, _) => break,
            _ => return false,
        }
    }
    letters >= 1 && word.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests: a panic is the failure report.
mod tests {
    use super::*;

    fn rules() -> LanguageRules {
        LanguageRules {
            abbreviations: ["a.m.", "p.m.", "No.", "Dr.", "Mr.", "etc."]
                .map(String::from)
                .to_vec(),
            ..LanguageRules::default()
        }
    }

    fn check(text: &str, expected: &[&str]) {
        let got: Vec<&str> = split_sentences(text, &rules())
            .iter()
            .map(|s| &text[s.range()])
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn abbreviations_initials_and_decimals() {
        check(
            "They met at 11:25 a.m. Local time. Dr. Smith came.",
            &["They met at 11:25 a.m. Local time.", "Dr. Smith came."],
        );
        check(
            "J. R. R. Tolkien wrote it. The U.S. Army left.",
            &["J. R. R. Tolkien wrote it.", "The U.S. Army left."],
        );
        check(
            "It grew 5.5 times. Then No. 3 fell.",
            &["It grew 5.5 times.", "Then No. 3 fell."],
        );
    }

    #[test]
    fn quotations_with_several_sentences_stay_whole() {
        check(
            "\"One. Two,\" he said. \"Three.\" Four.",
            &["\"One. Two,\" he said.", "\"Three.\"", "Four."],
        );
        check(
            "„Ein Satz. Noch einer“, sagte er. Ende.",
            &["„Ein Satz. Noch einer“, sagte er.", "Ende."],
        );
        check(
            "«Перше. Друге», — сказав він. Кінець.",
            &["«Перше. Друге», — сказав він.", "Кінець."],
        );
    }

    #[test]
    fn an_unclosed_quote_does_not_swallow_the_paragraph() {
        let text = "\"Open. Never closed. Third.";
        let (spans, unclosed) = split_checked(text, &rules());
        assert!(unclosed);
        assert_eq!(spans.len(), 3);
    }
}
