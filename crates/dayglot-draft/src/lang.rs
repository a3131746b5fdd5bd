//! What the drafter knows about each language: its check rules (numbers, dates, quotation
//! marks), its month names in every case in file order, and the glossary.

use std::collections::BTreeMap;

use dayglot_check::{Checker, LangRules};
use dayglot_core::Lang;
use dayglot_glossary::{Glossary, Matcher};
use serde::de::{Deserializer, MapAccess, Visitor};

use crate::DraftError;

/// One language's data: `locales/<lang>/check.toml` parsed, and its month forms in order.
#[derive(Debug, Clone)]
pub struct LangData {
    /// The language.
    pub lang: Lang,
    /// Its rules (numbers, dates, quotation marks).
    pub rules: LangRules,
    /// Month forms in the order the file lists them: `(word, month)`. The n-th form of a month
    /// stands for the same grammatical case as the n-th form of every other month (the file's
    /// convention: nominative, genitive, locative...).
    pub months: Vec<(String, u8)>,
}

impl LangData {
    /// Parses a language's `check.toml` (`path` is only used in errors).
    pub fn parse(lang: Lang, path: &str, text: &str) -> Result<Self, DraftError> {
        let rules = LangRules::parse(path, text).map_err(|e| DraftError::Rules {
            path: path.to_owned(),
            message: e.message,
        })?;
        let months = month_order(text).map_err(|message| DraftError::Rules {
            path: path.to_owned(),
            message,
        })?;
        Ok(Self {
            lang,
            rules,
            months,
        })
    }

    /// Which form of its month `word` is (0 for the first listed), if it is a month name.
    pub fn month_slot(&self, word: &str) -> Option<(u8, usize)> {
        let lower = word.to_lowercase();
        let (_, month) = self.months.iter().find(|(w, _)| *w == lower)?;
        let slot = self
            .months
            .iter()
            .filter(|(_, m)| m == month)
            .position(|(w, _)| *w == lower)?;
        Some((*month, slot))
    }

    /// The `slot`-th form of `month` (see [`LangData::month_slot`]).
    pub fn month_form(&self, month: u8, slot: usize) -> Option<&str> {
        self.months
            .iter()
            .filter(|(_, m)| *m == month)
            .nth(slot)
            .map(|(w, _)| w.as_str())
    }

    /// Style rules for a translation prompt, from the language's data.
    pub fn style_rules(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some((open, close)) = self.rules.quote_pairs.first() {
            out.push(format!("Write quotations as {open}…{close}."));
        }
        out.push(format!(
            "Write decimals with \"{}\"{}.",
            self.rules.decimal,
            match self.rules.group.first() {
                Some(' ' | '\u{a0}' | '\u{202f}') =>
                    " and group thousands with a (no-break) space".to_owned(),
                Some(g) => format!(" and group thousands with \"{g}\""),
                None => String::new(),
            }
        ));
        out.push("Keep every number, date, link, @handle and #hashtag of the source.".to_owned());
        out
    }
}

/// The `[dates] months` table of a `check.toml` in file order.
fn month_order(text: &str) -> Result<Vec<(String, u8)>, String> {
    #[derive(serde::Deserialize)]
    struct File {
        #[serde(default)]
        dates: Dates,
    }
    #[derive(serde::Deserialize, Default)]
    struct Dates {
        #[serde(default)]
        months: Ordered,
    }
    #[derive(Default)]
    struct Ordered(Vec<(String, u8)>);
    impl<'de> serde::Deserialize<'de> for Ordered {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Ordered;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("a table of month names")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ordered, A::Error> {
                    let mut out = Vec::new();
                    while let Some((k, v)) = map.next_entry::<String, u8>()? {
                        out.push((k.to_lowercase(), v));
                    }
                    Ok(Ordered(out))
                }
            }
            d.deserialize_map(V)
        }
    }
    let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
    Ok(file.dates.months.0)
}

/// Everything a draft is checked against: the glossary (with its matcher, built once) and the
/// data of the source language and every target language.
pub struct Resources<'g> {
    /// The glossary.
    pub glossary: &'g Glossary,
    /// Its matcher.
    pub matcher: Matcher<'g>,
    /// The source language's data.
    pub source: LangData,
    /// Target languages' data.
    pub targets: BTreeMap<Lang, LangData>,
    /// The consistency checker (its own matcher over the glossary).
    pub checker: Checker<'g>,
    /// Every language's rules, for the checker.
    pub rules: BTreeMap<Lang, LangRules>,
}

impl std::fmt::Debug for Resources<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Resources")
            .field("source", &self.source.lang)
            .field("targets", &self.targets.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl<'g> Resources<'g> {
    /// Builds the matcher and keeps the languages' data.
    pub fn new(glossary: &'g Glossary, source: LangData, targets: Vec<LangData>) -> Self {
        let mut rules: BTreeMap<Lang, LangRules> = targets
            .iter()
            .map(|d| (d.lang.clone(), d.rules.clone()))
            .collect();
        rules.insert(source.lang.clone(), source.rules.clone());
        Self {
            glossary,
            matcher: glossary.matcher(),
            source,
            targets: targets.into_iter().map(|d| (d.lang.clone(), d)).collect(),
            checker: Checker::new(glossary),
            rules,
        }
    }

    /// A target language's data.
    pub fn target(&self, lang: &Lang) -> Result<&LangData, DraftError> {
        self.targets
            .get(lang)
            .ok_or_else(|| DraftError::UnknownLanguage {
                lang: lang.to_string(),
            })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn months_keep_their_file_order_and_slots_name_cases() {
        let uk = LangData::parse(
            Lang::parse("uk").unwrap(),
            "uk/check.toml",
            include_str!("../../../locales/uk/check.toml"),
        )
        .unwrap();
        assert_eq!(uk.month_slot("січня"), Some((1, 1)));
        assert_eq!(uk.month_form(2, 1), Some("лютого"));
        assert_eq!(uk.month_slot("Лютому"), Some((2, 2)));
        assert_eq!(uk.month_form(3, 2), Some("березні"));
    }
}
