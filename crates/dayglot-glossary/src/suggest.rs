//! Names that are in no glossary: capitalised words and Cyrillic tokens that look like names.

use std::collections::BTreeMap;

use dayglot_core::Lang;

use crate::scan::is_word_char;
use crate::{Matcher, Scheme};

/// A name found in a text that no glossary knows, with proposed forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The name as first written.
    pub name: String,
    /// A proposed entity id (`person/sharky`); the kind is a guess.
    pub id: String,
    /// How often it occurs.
    pub count: usize,
    /// The segments it occurs in, in order.
    pub segments: Vec<String>,
    /// Proposed preferred form per language; `None` when no scheme covers that direction.
    pub proposed: BTreeMap<Lang, Option<String>>,
    /// The scheme used per language, for the comment in the output.
    pub schemes: BTreeMap<Lang, String>,
}

/// Words that are capitalised for grammar, not because they are names.
const STOP: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "I",
    "President",
    "Presidents",
    "Minister",
    "Prime",
    "North",
    "South",
    "East",
    "West",
    "New",
    "Day",
    "Eve",
    "Mr",
    "Mrs",
    "Ms",
];

/// Whether `word` looks derived from a one-word glossary form (`Ukrainian` from `Ukraine`,
/// `Korean` from `Korea`): then it is an adjective or demonym, not a new name.
fn derived(word: &str, stems: &[String]) -> bool {
    let lower = word.to_lowercase();
    stems.iter().any(|s| lower.starts_with(s.as_str()))
}

fn is_cyrillic(c: char) -> bool {
    ('\u{400}'..='\u{52f}').contains(&c)
}

/// Lists the names in `segments` (id and text, in language `lang`) that no form of `matcher`'s
/// glossary covers, with a proposed form per language in `targets`, made with `schemes` (by id).
///
/// A capitalised word counts when it is not the first word of a sentence, or when it also occurs
/// inside one; runs of capitalised words make one name (`New Year`). Cyrillic words in a
/// Latin-script text always count.
pub fn suggest(
    matcher: &Matcher<'_>,
    segments: &[(String, String)],
    lang: &Lang,
    targets: &[Lang],
    schemes: &BTreeMap<String, Scheme>,
) -> Vec<Suggestion> {
    // Stems of the words of every form: the word without its last letter, at least 4 letters long.
    let mut stems: Vec<String> = Vec::new();
    for entity in matcher.glossary().entities() {
        for forms in entity.forms.values() {
            for form in std::iter::once(&forms.preferred).chain(forms.short.as_ref()) {
                for word in form.split_whitespace().filter(|w| w.chars().count() >= 5) {
                    let chars: Vec<char> = word.to_lowercase().chars().collect();
                    stems.push(chars[..chars.len() - 1].iter().collect());
                }
            }
        }
    }
    let latin_text = !segments.iter().any(|(_, t)| {
        t.chars()
            .filter(|c| c.is_alphabetic())
            .take(200)
            .filter(|c| is_cyrillic(*c))
            .count()
            > 50
    });
    // name -> (segments, seen mid-sentence)
    let mut found: BTreeMap<String, (Vec<String>, bool, usize)> = BTreeMap::new();
    let mut order = 0;
    for (id, text) in segments {
        let mut covered = vec![false; text.len()];
        for m in matcher.find(text, lang) {
            covered[m.span.range()].iter_mut().for_each(|c| *c = true);
        }
        for (start, name, sentence_start) in candidates(text, &covered, latin_text, &stems) {
            let entry = found.entry(name).or_insert_with(|| {
                order += 1;
                (Vec::new(), false, order)
            });
            if !entry.0.contains(id) {
                entry.0.push(id.clone());
            }
            entry.1 |= !sentence_start;
            let _ = start;
        }
    }
    let mut list: Vec<(String, Vec<String>, usize)> = found
        .into_iter()
        .filter(|(_, (_, mid, _))| *mid)
        .map(|(name, (segs, _, order))| (name, segs, order))
        .collect();
    list.sort_by_key(|x| x.2);
    list.into_iter()
        .map(|(name, segs, _)| {
            let cyr = name.chars().any(is_cyrillic);
            let ukrainian = name.chars().any(|c| "іїєґІЇЄҐ".contains(c));
            let mut proposed = BTreeMap::new();
            let mut used = BTreeMap::new();
            for target in targets {
                let scheme_id = match (cyr, target.primary()) {
                    (false, "en" | "de") => None,
                    (false, "bg") => Some("latn-bg"),
                    (false, "uk") => Some("latn-uk"),
                    (true, "bg" | "uk" | "ru" | "sr") => None,
                    (true, "en") if ukrainian => Some("uk-latn-kmu2010"),
                    (true, "en") => Some("ru-latn-news"),
                    (true, "de") if ukrainian => Some("uk-de"),
                    (true, "de") => Some("ru-de"),
                    _ => Some(""),
                };
                let form = match scheme_id {
                    None => Some(name.clone()),
                    Some(id) => schemes.get(id).map(|s| {
                        used.insert(target.clone(), id.to_owned());
                        s.apply(&name)
                    }),
                };
                proposed.insert(target.clone(), form);
            }
            let latin = if cyr {
                schemes
                    .get("ru-latn-news")
                    .map_or(name.clone(), |s| s.apply(&name))
            } else {
                name.clone()
            };
            let id = format!("person/{}", slug(&latin));
            Suggestion {
                count: segs.len(),
                name,
                id,
                segments: segs,
                proposed,
                schemes: used,
            }
        })
        .collect()
}

/// Candidate names in a text: (byte offset, name, whether it starts a sentence).
fn candidates(
    text: &str,
    covered: &[bool],
    latin_text: bool,
    stems: &[String],
) -> Vec<(usize, String, bool)> {
    let mut out = Vec::new();
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let inner = (c == '\'' || c == '-' || c == '’')
            && start.is_some()
            && text[i + c.len_utf8().min(text.len() - i)..]
                .chars()
                .next()
                .is_some_and(is_word_char);
        if is_word_char(c) || inner {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            words.push((s, &text[s..i]));
        }
    }
    let name_like = |w: &str| {
        let mut chars = w.chars();
        let first = chars.next().unwrap_or(' ');
        if STOP.contains(&w)
            || derived(w, stems)
            || w.chars().count() < 2
            || w.chars().any(|c| c.is_ascii_digit())
        {
            return false;
        }
        if latin_text && w.chars().any(is_cyrillic) {
            return true;
        }
        first.is_uppercase() && chars.any(char::is_lowercase)
    };
    let mut k = 0;
    while k < words.len() {
        let (s, w) = words[k];
        if covered.get(s).copied().unwrap_or(false) || !name_like(w) {
            k += 1;
            continue;
        }
        // Extend over following name-like words separated by one space.
        let mut end = s + w.len();
        let mut j = k + 1;
        while j < words.len() {
            let (s2, w2) = words[j];
            if &text[end..s2] != " " || covered.get(s2).copied().unwrap_or(false) || !name_like(w2)
            {
                break;
            }
            end = s2 + w2.len();
            j += 1;
        }
        let before = text[..s].trim_end_matches([' ', '"', '“', '„', '«', '(', '\u{a0}']);
        let sentence_start =
            before.is_empty() || before.ends_with(['.', '!', '?', ':', '—', '–', '-']);
        let name = &text[s..end];
        let name = name
            .strip_suffix("'s")
            .or_else(|| name.strip_suffix("’s"))
            .unwrap_or(name);
        out.push((s, name.to_owned(), sentence_start));
        k = j;
    }
    out
}

/// A lower-case ASCII slug.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() {
        "unnamed".to_owned()
    } else {
        out
    }
}

impl Suggestion {
    /// Renders suggestions as TOML to paste: the registry entries, then one block per language.
    pub fn render_toml(
        suggestions: &[Suggestion],
        day: &str,
        source_lang: &Lang,
        registry_path: &str,
        lang_path: impl Fn(&Lang) -> String,
    ) -> String {
        let mut out = format!(
            "# `dayglot glossary suggest {day}`: {} name(s) in no glossary.\n# Check every line: the kind in each id is a guess and the forms are mechanical transliterations.\n",
            suggestions.len()
        );
        if suggestions.is_empty() {
            return out;
        }
        out.push_str(&format!("\n# ---- {registry_path} ----\n"));
        for s in suggestions {
            out.push_str(&format!(
                "\n# seen {}× in {}\n[[entity]]\nid = {}  # person/, place/, org/ or term/?\nkind = \"person\"\nnative = {}\nnative_lang = {}\n",
                s.count,
                s.segments.join(", "),
                quote(&s.id),
                quote(&s.name),
                quote(if s.name.chars().any(is_cyrillic) { "ru" } else { source_lang.as_str() })
            ));
        }
        let langs: Vec<&Lang> = suggestions
            .first()
            .map(|s| s.proposed.keys().collect())
            .unwrap_or_default();
        for lang in langs {
            out.push_str(&format!("\n# ---- {} ----\n", lang_path(lang)));
            for s in suggestions {
                out.push_str(&format!("\n[[entity]]\nid = {}\n", quote(&s.id)));
                match s.proposed.get(lang).and_then(Option::as_ref) {
                    Some(form) => {
                        out.push_str(&format!("preferred = {}", quote(form)));
                        if let Some(scheme) = s.schemes.get(lang) {
                            out.push_str(&format!("  # transliterated with {scheme}"));
                        }
                        out.push('\n');
                    }
                    None => out.push_str(
                        "preferred = \"\"  # no scheme for this direction: write it by hand\n",
                    ),
                }
            }
        }
        out
    }
}

/// A TOML basic string.
fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
