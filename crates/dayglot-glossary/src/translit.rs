//! Transliteration as data: schemes are TOML rule files (`locales/translit/<id>.toml`) run by a
//! small rule engine.
//!
//! A scheme is an ordered list of rules from lower-case source text to output. At each position
//! the longest matching `from` wins; a rule may give other outputs at the start of a word
//! (`initial`), at its end (`final`) or after a vowel of the scheme's `vowels` (`after_vowel`),
//! checked in that order; `whole_word = true` makes a rule an exception for one whole word
//! (`България` → `Bulgaria`). A letter after an apostrophe inside a word is not word-initial
//! (`Знам'янка` → `Znamianka`). Output follows the input's capitals: a capitalised source letter
//! capitalises its output (`Щ` → `Shch`, `Љ` → `Lj`), a word in capitals is written in capitals
//! (`ЩАСТЯ` → `SHCHASTIA`). Characters no rule covers pass through unchanged.
//!
//! ```toml
//! id = "uk-latn-kmu2010"
//! name = "Ukrainian to Latin, national system (Cabinet of Ministers resolution 55, 2010)"
//! vowels = "аеєиіїоуюя"
//! rules = [
//!   { from = "зг", to = "zgh" },
//!   { from = "є", to = "ie", initial = "ye" },
//! ]
//! ```

use std::collections::HashMap;

use serde::Deserialize;

/// A scheme file that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}:{line}:{column}: {message}")]
pub struct SchemeError {
    /// The file, as given.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong, and how to fix it.
    pub message: String,
}

/// The file format of a scheme.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SchemeFile {
    id: String,
    name: String,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    vowels: String,
    rules: Vec<RuleFile>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    from: String,
    to: String,
    #[serde(default)]
    initial: Option<String>,
    #[serde(default, rename = "final")]
    final_: Option<String>,
    #[serde(default)]
    after_vowel: Option<String>,
    /// The rule applies only to a whole word (an exception such as България -> Bulgaria).
    #[serde(default)]
    whole_word: bool,
}

/// A loaded transliteration scheme.
#[derive(Debug, Clone)]
pub struct Scheme {
    /// The scheme id (`uk-latn-kmu2010`), equal to the file name without `.toml`.
    pub id: String,
    /// A human-readable name.
    pub name: String,
    /// Where the system is defined (law, standard, style guide).
    pub source: Option<String>,
    vowels: Vec<char>,
    rules: HashMap<String, RuleFile>,
    max_len: usize,
}

impl Scheme {
    /// Parses a scheme file; `path` is only used in errors.
    pub fn parse(path: &str, text: &str) -> Result<Self, SchemeError> {
        let at = |offset: usize, message: String| {
            let p = dayglot_core::LineIndex::new(text).line_col(text, offset);
            SchemeError {
                path: path.to_owned(),
                line: p.line,
                column: p.column,
                message,
            }
        };
        let file: SchemeFile = toml::from_str(text).map_err(|e| {
            at(
                e.span().map_or(0, |s| s.start),
                e.message().trim().to_owned(),
            )
        })?;
        let mut rules = HashMap::new();
        let mut max_len = 1;
        for rule in file.rules {
            let offset = text.find(&format!("\"{}\"", rule.from)).unwrap_or(0);
            if rule.from.is_empty() {
                return Err(at(
                    offset,
                    "a rule has an empty `from`; every rule replaces at least one character".into(),
                ));
            }
            if rule.from.chars().any(char::is_uppercase) {
                return Err(at(
                    offset,
                    format!(
                        "`from = \"{}\"` has capitals; write rules in lower case, capitals are handled by the engine",
                        rule.from
                    ),
                ));
            }
            if rules.contains_key(&rule.from) {
                return Err(at(
                    offset,
                    format!("two rules for `{}`; keep one", rule.from),
                ));
            }
            max_len = max_len.max(rule.from.chars().count());
            rules.insert(rule.from.clone(), rule);
        }
        Ok(Self {
            id: file.id,
            name: file.name,
            source: file.source,
            vowels: file.vowels.chars().collect(),
            rules,
            max_len,
        })
    }

    /// Transliterates `input` (any length; line breaks and unknown characters pass through).
    pub fn apply(&self, input: &str) -> String {
        let orig: Vec<char> = input.chars().collect();
        let lower: Vec<char> = orig
            .iter()
            .map(|c| c.to_lowercase().next().unwrap_or(*c))
            .collect();
        let caps = word_caps(&orig);
        let n = orig.len();
        let mut out = String::with_capacity(input.len() * 2);
        let mut i = 0;
        let mut key = String::new();
        while i < n {
            let mut applied = false;
            for len in (1..=self.max_len.min(n - i)).rev() {
                key.clear();
                key.extend(&lower[i..i + len]);
                let Some(rule) = self.rules.get(&key) else {
                    continue;
                };
                let initial = i == 0
                    || !(is_letter(orig[i - 1])
                        || (is_apostrophe(orig[i - 1]) && i >= 2 && is_letter(orig[i - 2])));
                let is_final = i + len == n || !is_letter(orig[i + len]);
                let after_vowel = i > 0 && self.vowels.contains(&lower[i - 1]);
                if rule.whole_word && !(initial && is_final) {
                    continue;
                }
                let text = match (&rule.initial, &rule.final_, &rule.after_vowel) {
                    (Some(t), _, _) if initial => t,
                    (_, Some(t), _) if is_final => t,
                    (_, _, Some(t)) if after_vowel => t,
                    _ => &rule.to,
                };
                if orig[i].is_uppercase() {
                    if caps[i] {
                        out.push_str(&text.to_uppercase());
                    } else {
                        let mut chars = text.chars();
                        if let Some(first) = chars.next() {
                            out.extend(first.to_uppercase());
                            out.push_str(chars.as_str());
                        }
                    }
                } else {
                    out.push_str(text);
                }
                i += len;
                applied = true;
                break;
            }
            if !applied {
                out.push(orig[i]);
                i += 1;
            }
        }
        out
    }
}

fn is_letter(c: char) -> bool {
    c.is_alphabetic()
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02bc}')
}

/// For each character: whether it is in a word of two or more letters, all capitals.
fn word_caps(chars: &[char]) -> Vec<bool> {
    let mut out = vec![false; chars.len()];
    let mut i = 0;
    while i < chars.len() {
        if !is_letter(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len()
            && (is_letter(chars[i])
                || (is_apostrophe(chars[i]) && chars.get(i + 1).is_some_and(|c| is_letter(*c))))
        {
            i += 1;
        }
        let letters: Vec<&char> = chars[start..i].iter().filter(|c| is_letter(**c)).collect();
        let all_caps = letters.len() >= 2 && letters.iter().all(|c| !c.is_lowercase());
        for flag in &mut out[start..i] {
            *flag = all_caps;
        }
    }
    out
}
