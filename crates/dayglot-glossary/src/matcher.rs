//! One-pass matching of every form of every entity, and normalisation.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Input, MatchKind};
use dayglot_core::{Lang, Span};

use crate::Glossary;
use crate::fold::{Folded, fold_str};
use crate::model::{LangForms, Target};

/// Which form of an entity a mention is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FormKind {
    /// The preferred full form of the text's language.
    Preferred,
    /// The short form.
    Short,
    /// A grammatical form, by case name (full or short).
    Case(String),
    /// An alias: another valid name, kept as written.
    Alias,
    /// An accepted variant: normalised to a form of the text's language.
    Accepted,
    /// A forbidden variant: an error.
    Forbidden,
    /// A form of another language's glossary (`Russia` quoted in a Bulgarian text).
    Foreign,
}

impl FormKind {
    /// The name used in JSON and text output: `preferred`, `short`, `case`, `alias`,
    /// `accepted`, `forbidden`, `foreign`.
    pub fn name(&self) -> &'static str {
        match self {
            FormKind::Preferred => "preferred",
            FormKind::Short => "short",
            FormKind::Case(_) => "case",
            FormKind::Alias => "alias",
            FormKind::Accepted => "accepted",
            FormKind::Forbidden => "forbidden",
            FormKind::Foreign => "foreign",
        }
    }

    /// The case name of a [`FormKind::Case`].
    pub fn case(&self) -> Option<&str> {
        match self {
            FormKind::Case(c) => Some(c),
            _ => None,
        }
    }
}

/// One mention of an entity in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Bytes of the mention in the text as given.
    pub span: Span,
    /// The entity id (`person/zelensky`).
    pub entity: String,
    /// The language whose glossary the matched form comes from.
    pub lang: Lang,
    /// Which form it is.
    pub form: FormKind,
    /// The text as written in the input.
    pub matched: String,
    /// The form the text's language wants here (same case, same capitalisation style).
    pub normalized: String,
}

/// One replacement made by [`Matcher::normalize`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Bytes replaced, in the input text.
    pub span: Span,
    /// The entity.
    pub entity: String,
    /// The text as written.
    pub from: String,
    /// The text written instead.
    pub to: String,
}

/// How a pattern was derived from a glossary form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Shape {
    /// As written in the glossary.
    Exact,
    /// Upper-cased first letter (a lower-case term at the start of a sentence).
    Capital,
    /// All capitals (headlines, shouting).
    Upper,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Preferred,
    Short,
    Case { case: u16, short: bool },
    Alias,
    Accepted(u32),
    Forbidden(u32),
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    entity: u32,
    lang: u16,
    role: Role,
    shape: Shape,
}

/// Finds every form of every entity of a [`Glossary`] in one pass over a text.
///
/// Built once with [`Glossary::matcher`]: one Aho-Corasick automaton (leftmost-longest) over the
/// folded forms of all entities in all languages, their all-caps versions, and capitalised
/// versions of lower-case terms. A match counts only on word boundaries (so `Riga` is not found
/// in `Rigatoni`, while `Zelensky's` and `Nazi-Ukraine` are found); when the longest candidate
/// is cut off mid-word, shorter forms starting at the same place are tried.
#[derive(Debug)]
pub struct Matcher<'g> {
    glossary: &'g Glossary,
    langs: Vec<Lang>,
    cases: Vec<String>,
    ac: Option<AhoCorasick>,
    entries: Vec<Vec<Entry>>,
    lookup: HashMap<String, u32>,
}

/// Collects patterns while a matcher is built.
#[derive(Default)]
struct Builder {
    patterns: Vec<String>,
    entries: Vec<Vec<Entry>>,
    lookup: HashMap<String, u32>,
}

impl Builder {
    fn add_one(&mut self, text: String, entry: Entry) {
        let next = u32::try_from(self.patterns.len()).unwrap_or(u32::MAX);
        let id = *self.lookup.entry(text.clone()).or_insert(next);
        if id == next {
            self.patterns.push(text);
            self.entries.push(Vec::new());
        }
        if let Some(list) = self.entries.get_mut(id as usize) {
            list.push(entry);
        }
    }

    fn add(&mut self, text: &str, entity: u32, lang: u16, role: Role) {
        let text = fold_str(text).into_owned();
        if text.is_empty() {
            return;
        }
        let upper = text.to_uppercase();
        if upper != text {
            self.add_one(
                upper,
                Entry {
                    entity,
                    lang,
                    role,
                    shape: Shape::Upper,
                },
            );
        }
        let mut chars = text.chars();
        if let Some(first) = chars.next() {
            if first.is_lowercase() {
                let capital: String = first.to_uppercase().chain(chars).collect();
                self.add_one(
                    capital,
                    Entry {
                        entity,
                        lang,
                        role,
                        shape: Shape::Capital,
                    },
                );
            }
        }
        self.add_one(
            text,
            Entry {
                entity,
                lang,
                role,
                shape: Shape::Exact,
            },
        );
    }
}

impl<'g> Matcher<'g> {
    pub(crate) fn new(glossary: &'g Glossary) -> Self {
        let langs: Vec<Lang> = glossary.languages().iter().map(|l| l.lang.clone()).collect();
        let mut cases: Vec<String> = Vec::new();
        let mut b = Builder::default();
        for (e, entity) in glossary.entities().iter().enumerate() {
            let e = u32::try_from(e).unwrap_or(u32::MAX);
            for (lang, forms) in &entity.forms {
                let Some(l) = langs.iter().position(|x| x == lang) else {
                    continue;
                };
                let l = u16::try_from(l).unwrap_or(u16::MAX);
                b.add(&forms.preferred, e, l, Role::Preferred);
                if let Some(s) = &forms.short {
                    b.add(s, e, l, Role::Short);
                }
                // Cases in the language's order, so that a form shared by two cases reports the first.
                let order = glossary
                    .languages()
                    .iter()
                    .find(|x| &x.lang == lang)
                    .map(|x| x.cases.clone())
                    .unwrap_or_default();
                for name in &order {
                    let Some(form) = forms.cases.get(name) else { continue };
                    let case = cases.iter().position(|c| c == name).unwrap_or_else(|| {
                        cases.push(name.clone());
                        cases.len() - 1
                    });
                    let case = u16::try_from(case).unwrap_or(u16::MAX);
                    b.add(&form.full, e, l, Role::Case { case, short: false });
                    if let Some(s) = &form.short {
                        b.add(s, e, l, Role::Case { case, short: true });
                    }
                }
                for a in &forms.aliases {
                    b.add(a, e, l, Role::Alias);
                }
                for (i, v) in forms.accepted.iter().enumerate() {
                    b.add(&v.text, e, l, Role::Accepted(u32::try_from(i).unwrap_or(u32::MAX)));
                }
                for (i, v) in forms.forbidden.iter().enumerate() {
                    b.add(&v.text, e, l, Role::Forbidden(u32::try_from(i).unwrap_or(u32::MAX)));
                }
            }
        }
        for list in &mut b.entries {
            list.sort_by_key(|e| e.shape);
        }
        // Building fails only when the glossary exceeds the automaton's size limits; then
        // nothing is matched (and `pattern_count` still tells how many forms there were).
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&b.patterns)
            .ok();
        Self {
            glossary,
            langs,
            cases,
            ac,
            entries: b.entries,
            lookup: b.lookup,
        }
    }

    /// The glossary this matcher was built from.
    pub fn glossary(&self) -> &'g Glossary {
        self.glossary
    }

    /// The number of distinct patterns in the automaton (forms, all-caps and capitalised versions).
    pub fn pattern_count(&self) -> usize {
        self.entries.len()
    }

    /// Every mention in `text`, a text in language `lang`, in order of position.
    pub fn find(&self, text: &str, lang: &Lang) -> Vec<Mention> {
        let mut out = Vec::new();
        self.for_each(text, lang, |m| out.push(m));
        out
    }

    /// Calls `f` with every mention in `text`, in order, without collecting them.
    pub fn for_each(&self, text: &str, lang: &Lang, mut f: impl FnMut(Mention)) {
        let Some(ac) = &self.ac else { return };
        let folded = Folded::new(text);
        let hay: &str = &folded.text;
        let text_lang = self.langs.iter().position(|l| l == lang);
        let mut pos = 0;
        while pos < hay.len() {
            let Some(m) = ac.find(Input::new(hay).span(pos..hay.len())) else {
                break;
            };
            let (s, e) = (m.start(), m.end());
            let mut found = None;
            if is_left_boundary(hay, s) {
                if is_right_boundary(hay, e) {
                    found = self
                        .choose(m.pattern().as_u32(), hay, s, e, text_lang)
                        .map(|entry| (entry, e));
                }
                if found.is_none() {
                    found = self.shorter(hay, s, e, text_lang);
                }
            }
            match found {
                Some((entry, end)) => {
                    let span = Span::new(folded.original(s), folded.original(end));
                    f(self.mention(entry, text, span, text_lang));
                    pos = end;
                }
                None => pos = s + hay[s..].chars().next().map_or(1, char::len_utf8),
            }
        }
    }

    /// The longest shorter pattern starting at `s` that ends on a word boundary before `e`.
    fn shorter(&self, hay: &str, s: usize, e: usize, text_lang: Option<usize>) -> Option<(Entry, usize)> {
        let mut ends: Vec<usize> = hay[s..e]
            .char_indices()
            .map(|(i, _)| s + i)
            .filter(|&b| b > s)
            .collect();
        ends.reverse();
        for b in ends {
            if !is_right_boundary(hay, b) {
                continue;
            }
            if let Some(&pid) = self.lookup.get(&hay[s..b]) {
                if let Some(entry) = self.choose(pid, hay, s, b, text_lang) {
                    return Some((entry, b));
                }
            }
        }
        None
    }

    /// The entry of a pattern that applies to a text in `text_lang`, if its context allows.
    fn choose(&self, pattern: u32, hay: &str, s: usize, e: usize, text_lang: Option<usize>) -> Option<Entry> {
        let entries = self.entries.get(pattern as usize)?;
        let entry = text_lang
            .and_then(|l| entries.iter().find(|x| usize::from(x.lang) == l))
            .or_else(|| entries.first())
            .copied()?;
        let forms = self.forms(entry)?;
        if !forms.context.is_empty() && !has_context(hay, s, e, &forms.context) {
            return None;
        }
        Some(entry)
    }

    fn forms(&self, entry: Entry) -> Option<&'g LangForms> {
        let entity = self.glossary.entities().get(entry.entity as usize)?;
        entity.forms.get(self.langs.get(usize::from(entry.lang))?)
    }

    fn mention(&self, entry: Entry, text: &str, span: Span, text_lang: Option<usize>) -> Mention {
        let entities = self.glossary.entities();
        let entity = &entities[entry.entity as usize];
        let lang = self.langs[usize::from(entry.lang)].clone();
        let matched = text.get(span.range()).unwrap_or_default().to_owned();
        let same_lang = text_lang == Some(usize::from(entry.lang));
        let forms = self.forms(entry);
        let target_forms = text_lang.and_then(|l| entity.forms.get(&self.langs[l]));
        let case_name = |c: u16| self.cases.get(usize::from(c)).cloned().unwrap_or_default();
        let form = if !same_lang {
            FormKind::Foreign
        } else {
            match entry.role {
                Role::Preferred => FormKind::Preferred,
                Role::Short => FormKind::Short,
                Role::Case { case, .. } => FormKind::Case(case_name(case)),
                Role::Alias => FormKind::Alias,
                Role::Accepted(_) => FormKind::Accepted,
                Role::Forbidden(_) => FormKind::Forbidden,
            }
        };
        let normalized: Option<&str> = target_forms.and_then(|t| match entry.role {
            Role::Preferred => Some(t.preferred.as_str()),
            Role::Short => Some(t.short.as_deref().unwrap_or(&t.preferred)),
            Role::Case { case, short } => {
                let name = case_name(case);
                match t.cases.get(&name) {
                    Some(c) if short => Some(c.short.as_deref().unwrap_or(&c.full)),
                    Some(c) => Some(c.full.as_str()),
                    None if same_lang => None,
                    None => Some(t.preferred.as_str()),
                }
            }
            Role::Alias if same_lang => None,
            Role::Alias => Some(t.preferred.as_str()),
            Role::Accepted(i) => {
                let target = forms
                    .and_then(|f| f.accepted.get(i as usize))
                    .map_or(Target::Preferred, |v| v.target.clone());
                Some(t.target(&target).unwrap_or(&t.preferred))
            }
            Role::Forbidden(i) => {
                let target = forms
                    .and_then(|f| f.forbidden.get(i as usize))
                    .map_or(Target::Preferred, |v| v.target.clone());
                Some(t.target(&target).unwrap_or(&t.preferred))
            }
        });
        let normalized = match normalized {
            None => matched.clone(),
            Some(n) => match entry.shape {
                Shape::Exact => n.to_owned(),
                Shape::Upper => n.to_uppercase(),
                Shape::Capital => capitalise(n),
            },
        };
        Mention {
            span,
            entity: entity.id.clone(),
            lang,
            form,
            matched,
            normalized,
        }
    }

    /// `text` with every accepted variant replaced by its normalised form, and the changes made.
    ///
    /// Forbidden variants are left as written (they are errors for `check` to report), and so
    /// are forms of other languages.
    pub fn normalize(&self, text: &str, lang: &Lang) -> (String, Vec<Change>) {
        let mut out = String::with_capacity(text.len());
        let mut changes = Vec::new();
        let mut last = 0;
        for m in self.find(text, lang) {
            if m.form != FormKind::Accepted || m.matched == m.normalized {
                continue;
            }
            out.push_str(&text[last..m.span.start]);
            out.push_str(&m.normalized);
            last = m.span.end;
            changes.push(Change {
                span: m.span,
                entity: m.entity,
                from: m.matched,
                to: m.normalized,
            });
        }
        out.push_str(&text[last..]);
        (out, changes)
    }
}

/// Upper-cases the first letter.
fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Letters, digits, combining marks and `_` continue a word.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || ('\u{300}'..='\u{36f}').contains(&c) || ('\u{483}'..='\u{489}').contains(&c)
}

fn is_left_boundary(hay: &str, s: usize) -> bool {
    let before = hay[..s].chars().next_back();
    let first = hay[s..].chars().next();
    // A form that starts with a non-word character (`«`) needs no boundary.
    before.is_none_or(|c| !is_word_char(c)) || first.is_some_and(|c| !is_word_char(c))
}

fn is_right_boundary(hay: &str, e: usize) -> bool {
    let after = hay[e..].chars().next();
    let last = hay[..e].chars().next_back();
    after.is_none_or(|c| !is_word_char(c)) || last.is_some_and(|c| !is_word_char(c))
}

/// Whether one of `words` occurs (ignoring case) within 80 bytes of the match.
fn has_context(hay: &str, s: usize, e: usize, words: &[String]) -> bool {
    let mut from = s.saturating_sub(80);
    while !hay.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (e + 80).min(hay.len());
    while !hay.is_char_boundary(to) {
        to += 1;
    }
    let window = hay[from..to].to_lowercase();
    words.iter().any(|w| window.contains(&w.to_lowercase()))
}
