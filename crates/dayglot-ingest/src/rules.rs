//! Language-specific rules for parsing, read from `locales/<lang>/ingest.toml`.

use serde::Deserialize;

/// What the parser needs to know about a language: abbreviations that do not end a sentence,
/// the phrases that introduce an attribution, the words that name a day of the series, month
/// names, and the phrases of page furniture. Languages are data: these come from
/// `locales/<lang>/ingest.toml`, never from code.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageRules {
    /// Abbreviations, with their dots, that never end a sentence (`Dr.`, `a.m.`, `No.`).
    #[serde(default)]
    pub abbreviations: Vec<String>,
    /// Verbs of reporting that follow a source (`reported`, `said`), for attributions.
    #[serde(default)]
    pub attribution_verbs: Vec<String>,
    /// Phrases that introduce an intermediary source (`quoted by`, `citing`).
    #[serde(default)]
    pub attribution_via: Vec<String>,
    /// Whether the verb may also come first (`, съобщи Ройтерс`, `, berichtete Reuters`).
    #[serde(default)]
    pub attribution_inverted: bool,
    /// Every form of the word for a day of the series, matched case-insensitively next to a
    /// number: `Day 686`, `686th day`, `686 Days`, `204. dnia`, `1418 днів`.
    #[serde(default)]
    pub series_words: Vec<String>,
    /// Numbers written as words, by value: entry `n` holds the forms of `n + 1` (`["first",
    /// "one"]`), for `the sixth day` or `day six`.
    #[serde(default)]
    pub number_words: Vec<Vec<String>>,
    /// Month names, by month: entry `n` holds the forms of month `n + 1` (`["January", "Jan"]`,
    /// `["януари"]`, `["січня", "січень"]`), for dates in titles, ledes and datelines.
    #[serde(default)]
    pub months: Vec<Vec<String>>,
    /// Weekday names (`Wednesday`, `сряда`, `Mittwoch`): a date right after one is a dateline
    /// (`Here is the situation on Wednesday, January 10, 2024`) that dates the text.
    #[serde(default)]
    pub weekdays: Vec<String>,
    /// Phrases of page furniture: app and subscription promotions, widgets, "read more" links,
    /// reading times, bylines (`Start reading`, `Also read:`, `staff and agencies`). A line that
    /// starts with one, or a short line that contains one, is furniture, not content.
    #[serde(default)]
    pub furniture: Vec<String>,
    /// Words that introduce a photo credit when followed by a colon (`Photograph:`, `Снимка:`,
    /// `Foto:`); the credit line, and the caption next to it, are furniture.
    #[serde(default)]
    pub credit_words: Vec<String>,
    /// Whole lines that stand for a picture or a player (`Neuer Inhalt`, `Image`); the short
    /// line after one is its caption.
    #[serde(default)]
    pub media_placeholders: Vec<String>,
    /// Quotation-mark pairs, opening then closing (`["„", "“"]`), nested ones too. When empty,
    /// the pairs of the Latin and Cyrillic scripts' typography are used ([`DEFAULT_QUOTE_PAIRS`]),
    /// so that a language needs to list them only when it uses others.
    #[serde(default)]
    pub quote_pairs: Vec<(String, String)>,
}

/// The quotation-mark pairs of Latin and Cyrillic typography, nested ones included: straight
/// double, English curly, low-high („“ and „”), guillemets, and single low-high and curly.
pub const DEFAULT_QUOTE_PAIRS: [(char, char); 8] = [
    ('"', '"'),
    ('“', '”'),
    ('„', '“'),
    ('„', '”'),
    ('«', '»'),
    ('‚', '‘'),
    ('‚', '’'),
    ('‘', '’'),
];

impl LanguageRules {
    /// The quotation-mark pairs: the language's own, or [`DEFAULT_QUOTE_PAIRS`]. A pair that is
    /// not two single characters is skipped.
    pub fn quote_pairs(&self) -> Vec<(char, char)> {
        let own: Vec<(char, char)> = self
            .quote_pairs
            .iter()
            .filter_map(|(o, c)| {
                let (mut o, mut c) = (o.chars(), c.chars());
                match (o.next(), o.next(), c.next(), c.next()) {
                    (Some(o), None, Some(c), None) => Some((o, c)),
                    _ => None,
                }
            })
            .collect();
        if own.is_empty() {
            DEFAULT_QUOTE_PAIRS.to_vec()
        } else {
            own
        }
    }

    /// Parses an `ingest.toml` file.
    pub fn from_toml(text: &str) -> Result<Self, toml::de::Error> {
        toml::from_str(text)
    }
}
