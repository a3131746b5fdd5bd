//! One-pass matching of every form of every entity, and normalisation.

use std::borrow::Cow;
use std::collections::HashMap;

use dayglot_core::{Lang, Span};
use std::hash::{BuildHasherDefault, Hasher};

use crate::Glossary;
use crate::fold::{Folded, fold_str};
use crate::model::LangForms;

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

/// A mention that borrows from the matcher and the text: what [`Matcher::for_each`] yields,
/// without allocating (the hot path of `check` and `publish`). [`MentionRef::to_owned`] makes a
/// [`Mention`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentionRef<'m, 't> {
    /// Bytes of the mention in the text as given.
    pub span: Span,
    /// The entity id.
    pub entity: &'m str,
    /// The language whose glossary the matched form comes from.
    pub lang: &'m Lang,
    /// Which form it is.
    pub form: FormRef<'m>,
    /// The text as written.
    pub matched: &'t str,
    /// The form the text's language wants here (owned only when capitals had to be applied).
    pub normalized: Cow<'m, str>,
}

/// [`FormKind`] without allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormRef<'m> {
    /// See [`FormKind::Preferred`].
    Preferred,
    /// See [`FormKind::Short`].
    Short,
    /// See [`FormKind::Case`].
    Case(&'m str),
    /// See [`FormKind::Alias`].
    Alias,
    /// See [`FormKind::Accepted`].
    Accepted,
    /// See [`FormKind::Forbidden`].
    Forbidden,
    /// See [`FormKind::Foreign`].
    Foreign,
}

impl FormRef<'_> {
    /// The owned [`FormKind`].
    pub fn to_owned(self) -> FormKind {
        match self {
            FormRef::Preferred => FormKind::Preferred,
            FormRef::Short => FormKind::Short,
            FormRef::Case(c) => FormKind::Case(c.to_owned()),
            FormRef::Alias => FormKind::Alias,
            FormRef::Accepted => FormKind::Accepted,
            FormRef::Forbidden => FormKind::Forbidden,
            FormRef::Foreign => FormKind::Foreign,
        }
    }
}

impl MentionRef<'_, '_> {
    /// An owned [`Mention`].
    pub fn to_owned(&self) -> Mention {
        Mention {
            span: self.span,
            entity: self.entity.to_owned(),
            lang: self.lang.clone(),
            form: self.form.to_owned(),
            matched: self.matched.to_owned(),
            normalized: self.normalized.clone().into_owned(),
        }
    }
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
    /// The entity's forms in this language have a `context` requirement.
    context: bool,
}

type WordMap<V> = HashMap<u64, V, BuildHasherDefault<IdentityHasher>>;

/// What a text from a word start to a word end is in the table.
#[derive(Debug, Clone, Copy)]
struct Slot {
    /// The pattern it is, or `u32::MAX`.
    pattern: u32,
    /// Its entries: `entries[first..first + count]`.
    first: u32,
    count: u32,
    /// Its text: `arena[text..text + len]`.
    text: u32,
    len: u32,
    /// Whether a longer pattern starts with it (the next word may extend the match).
    continues: bool,
    /// Another key has the same hash: look the text up in `Matcher::collided` instead.
    collided: bool,
}

/// The table is keyed by a 64-bit hash of the text; a hit is confirmed against the pattern
/// itself, so a collision can cost time but never produce a wrong mention.
#[derive(Default, Clone, Copy)]
struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = i;
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A 64-bit hash of a text: each 8-byte chunk folded in with a 128-bit multiply (the wyhash
/// mix). Keys that still collide are detected when the matcher is built and kept apart.
#[inline]
fn text_hash(s: &str) -> u64 {
    #[inline]
    fn mix(a: u64, b: u64) -> u64 {
        let r = u128::from(a).wrapping_mul(u128::from(b));
        (r as u64) ^ ((r >> 64) as u64)
    }
    const P0: u64 = 0xa076_1d64_78bd_642f;
    const P1: u64 = 0xe703_7ed1_a0b4_28db;
    let bytes = s.as_bytes();
    let mut h = P0 ^ (bytes.len() as u64).wrapping_mul(P1);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut b = [0u8; 8];
        b.copy_from_slice(c);
        h = mix(h ^ u64::from_le_bytes(b), P1);
    }
    let rest = chunks.remainder();
    let mut b = [0u8; 8];
    b[..rest.len()].copy_from_slice(rest);
    mix(h ^ u64::from_le_bytes(b) ^ P0, P1 ^ (rest.len() as u64))
}

/// Finds every form of every entity of a [`Glossary`] in one pass over a text.
///
/// Built once with [`Glossary::matcher`] over the folded forms of all entities in all languages,
/// their all-caps versions, and capitalised versions of lower-case terms. Matches start and end
/// on word boundaries only (so `Riga` is not found in `Rigatoni`, while `Zelensky's` and
/// `Nazi-Ukraine` are found), so the matcher walks the text once, word start by word start, and
/// looks the words up in a hash table of every pattern and every word prefix of a pattern
/// (`Yamalo`, `Yamalo-Nenets`, `Yamalo-Nenets Okrug`): the longest pattern starting at a word
/// wins, and the scan goes on after it (leftmost-longest, like Aho-Corasick, but with one hash
/// lookup per word instead of one automaton step per byte; with 10,000 entities the automaton
/// no longer fits in the CPU caches and ran at 24 MB/s, see BENCHMARKS.md). Leading and trailing
/// punctuation of a form is not part of its pattern (`«Ростех»` matches as `Ростех`).
#[derive(Debug)]
pub struct Matcher<'g> {
    glossary: &'g Glossary,
    langs: Vec<Lang>,
    cases: Vec<String>,
    words: WordMap<Slot>,
    /// Slots of texts whose hash collides with another text's (almost always empty).
    collided: HashMap<String, Slot>,
    /// A bit per hash of every pattern's first word (2^20 bits, 128 KiB: stays in the CPU cache),
    /// so that most words of a text are rejected without touching the large table.
    first_words: Vec<u64>,
    max_len: usize,
    /// The forms of entity `e` in language `l` at `e * langs.len() + l`.
    flat: Vec<Option<&'g LangForms>>,
    entries: Vec<Entry>,
    /// For each entry, its normalised form when the text is in the entry's language
    /// (`None`: the text as matched).
    norms: Vec<(Option<&'g str>, &'g str)>,
    /// Every pattern's text, back to back (`Slot::text` indexes it), to confirm hash hits with
    /// one memory access.
    arena: String,
    patterns: Vec<String>,
}

/// Collects patterns while a matcher is built.
#[derive(Default)]
struct Builder {
    patterns: Vec<String>,
    entries: Vec<Vec<Entry>>,
    lookup: std::collections::HashMap<String, u32>,
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
        let text = fold_str(text);
        let text = text.trim_matches(|c: char| !is_word_char(c)).to_owned();
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
                    context: false,
                },
            );
        }
        let mut chars = text.chars();
        if let Some(first) = chars.next()
            && first.is_lowercase()
        {
            let capital: String = first.to_uppercase().chain(chars).collect();
            self.add_one(
                capital,
                Entry {
                    entity,
                    lang,
                    role,
                    shape: Shape::Capital,
                    context: false,
                },
            );
        }
        self.add_one(
            text,
            Entry {
                entity,
                lang,
                role,
                shape: Shape::Exact,
                context: false,
            },
        );
    }
}

impl<'g> Matcher<'g> {
    pub(crate) fn new(glossary: &'g Glossary) -> Self {
        let langs: Vec<Lang> = glossary
            .languages()
            .iter()
            .map(|l| l.lang.clone())
            .collect();
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
                    let Some(form) = forms.cases.get(name) else {
                        continue;
                    };
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
                    b.add(
                        &v.text,
                        e,
                        l,
                        Role::Accepted(u32::try_from(i).unwrap_or(u32::MAX)),
                    );
                }
                for (i, v) in forms.forbidden.iter().enumerate() {
                    b.add(
                        &v.text,
                        e,
                        l,
                        Role::Forbidden(u32::try_from(i).unwrap_or(u32::MAX)),
                    );
                }
            }
        }
        let nl = langs.len();
        let mut flat: Vec<Option<&'g LangForms>> = vec![None; glossary.entities().len() * nl];
        for (e, entity) in glossary.entities().iter().enumerate() {
            for (l, lang) in langs.iter().enumerate() {
                flat[e * nl + l] = entity.forms.get(lang);
            }
        }
        for list in &mut b.entries {
            list.sort_by_key(|e| e.shape);
            for entry in list.iter_mut() {
                let forms = flat
                    .get(entry.entity as usize * nl + usize::from(entry.lang))
                    .copied()
                    .flatten();
                entry.context = forms.is_some_and(|f| !f.context.is_empty());
            }
        }
        // Flatten the entries, and resolve the same-language normalised form of each.
        let mut entries = Vec::new();
        let mut norms = Vec::new();
        let mut ranges = Vec::with_capacity(b.entries.len());
        for list in &b.entries {
            ranges.push((
                u32::try_from(entries.len()).unwrap_or(u32::MAX),
                u32::try_from(list.len()).unwrap_or(0),
            ));
            for entry in list {
                let forms = flat
                    .get(entry.entity as usize * nl + usize::from(entry.lang))
                    .copied()
                    .flatten();
                let id = glossary
                    .entities()
                    .get(entry.entity as usize)
                    .map_or("", |e| e.id.as_str());
                norms.push((
                    forms.and_then(|f| same_lang_norm(f, entry.role, &cases)),
                    id,
                ));
                entries.push(*entry);
            }
        }
        let mut words: WordMap<Slot> = WordMap::default();
        let mut arena = String::with_capacity(b.patterns.iter().map(String::len).sum());
        let empty = Slot {
            pattern: u32::MAX,
            first: 0,
            count: 0,
            text: 0,
            len: 0,
            continues: false,
            collided: false,
        };
        // The text each hash stands for; texts whose hash is taken go to `collided`.
        let mut owner: HashMap<u64, &str, BuildHasherDefault<IdentityHasher>> = HashMap::default();
        let mut collided: HashMap<String, Slot> = HashMap::new();
        let mut first_words = vec![0u64; FIRST_WORD_BITS / 64];
        let mut max_len = 0;
        for (id, p) in b.patterns.iter().enumerate() {
            max_len = max_len.max(p.len());
            let first = &p[..word_end(p, 0)];
            let bit = word_bit(first);
            first_words[bit / 64] |= 1 << (bit % 64);
            let mut prev_word = false;
            for (i, c) in p.char_indices() {
                let w = is_word_char(c);
                if prev_word && !w {
                    let slot = slot_for(&mut words, &mut owner, &mut collided, &p[..i], empty);
                    slot.continues = true;
                }
                prev_word = w;
            }
            let slot = slot_for(&mut words, &mut owner, &mut collided, p, empty);
            slot.pattern = u32::try_from(id).unwrap_or(u32::MAX);
            (slot.first, slot.count) = ranges[id];
            slot.text = u32::try_from(arena.len()).unwrap_or(u32::MAX);
            slot.len = u32::try_from(p.len()).unwrap_or(0);
            arena.push_str(p);
        }
        Self {
            glossary,
            langs,
            cases,
            words,
            collided,
            first_words,
            max_len,
            flat,
            entries,
            norms,
            arena,
            patterns: b.patterns,
        }
    }

    /// The glossary this matcher was built from.
    pub fn glossary(&self) -> &'g Glossary {
        self.glossary
    }

    /// The number of distinct patterns in the automaton (forms, all-caps and capitalised versions).
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// The patterns of the automaton (folded forms and their all-caps and capitalised versions),
    /// for comparisons with other matchers.
    pub fn patterns(&self) -> &[String] {
        &self.patterns
    }

    /// Every mention in `text`, a text in language `lang`, in order of position.
    pub fn find(&self, text: &str, lang: &Lang) -> Vec<Mention> {
        let mut out = Vec::new();
        self.for_each(text, lang, |m| out.push(m.to_owned()));
        out
    }

    /// Calls `f` with every mention in `text`, in order, without collecting them.
    pub fn for_each<'t>(&self, text: &'t str, lang: &Lang, mut f: impl FnMut(MentionRef<'_, 't>)) {
        let folded = Folded::new(text);
        let hay: &str = &folded.text;
        let bytes = hay.as_bytes();
        let text_lang = self.langs.iter().position(|l| l == lang);
        let mut hits: Vec<(Slot, usize)> = Vec::with_capacity(8);
        let mut i = 0;
        let mut prev_word = false;
        while i < bytes.len() {
            let (w, len) = match BYTE_CLASS[usize::from(bytes[i])] {
                NON_WORD => (false, 1),
                WORD => (true, 1),
                // Inside a character whose lead byte was classified already.
                CONTINUATION => (prev_word, 1),
                _ => {
                    let (c, len) = char_at(hay, i);
                    (is_word_char(c), len)
                }
            };
            if w && !prev_word {
                // A word starts at `i`: collect every pattern from here, shortest first.
                hits.clear();
                let mut e = word_end(hay, i);
                let bit = word_bit(&hay[i..e]);
                if self.first_words[bit / 64] & (1 << (bit % 64)) == 0 {
                    // No pattern starts with this word: skip it whole.
                    i = e;
                    prev_word = true;
                    continue;
                }
                while e - i <= self.max_len {
                    let Some(mut slot) = self.words.get(&text_hash(&hay[i..e])) else {
                        break;
                    };
                    if slot.collided {
                        let Some(exact) = self.collided.get(&hay[i..e]) else {
                            break;
                        };
                        slot = exact;
                    }
                    if slot.pattern != u32::MAX {
                        hits.push((*slot, e));
                    }
                    if !slot.continues {
                        break;
                    }
                    // Extend over the separator to the end of the next word.
                    let mut k = e;
                    while k < bytes.len() {
                        let (c2, l2) = char_at(hay, k);
                        if is_word_char(c2) {
                            break;
                        }
                        k += l2;
                    }
                    if k >= bytes.len() {
                        break;
                    }
                    e = word_end(hay, k);
                }
                let found = hits.iter().rev().find_map(|&(slot, e)| {
                    // Confirm the hash hit against the pattern itself.
                    (self
                        .arena
                        .get(slot.text as usize..(slot.text + slot.len) as usize)
                        == Some(&hay[i..e]))
                    .then(|| self.choose(slot, hay, i, e, text_lang).map(|x| (x, e)))
                    .flatten()
                });
                if let Some((entry, end)) = found {
                    let span = Span::new(folded.original(i), folded.original(end));
                    f(self.mention(entry, text, span, text_lang));
                    i = end;
                    prev_word = true;
                    continue;
                }
            }
            prev_word = w;
            i += len;
        }
    }

    /// The entry of a pattern that applies to a text in `text_lang`, if its context allows.
    fn choose(
        &self,
        slot: Slot,
        hay: &str,
        s: usize,
        e: usize,
        text_lang: Option<usize>,
    ) -> Option<usize> {
        let first = slot.first as usize;
        let entries = self.entries.get(first..first + slot.count as usize)?;
        let k = text_lang
            .and_then(|l| entries.iter().position(|x| usize::from(x.lang) == l))
            .or(if entries.is_empty() { None } else { Some(0) })?;
        let entry = entries[k];
        if entry.context {
            let forms = self.forms(entry)?;
            if !has_context(hay, s, e, &forms.context) {
                return None;
            }
        }
        Some(first + k)
    }

    /// The forms of an entity in a language, from the flat index (no map lookups on the hot path).
    fn forms_of(&self, entity: u32, lang: usize) -> Option<&'g LangForms> {
        *self.flat.get(entity as usize * self.langs.len() + lang)?
    }

    fn forms(&self, entry: Entry) -> Option<&'g LangForms> {
        self.forms_of(entry.entity, usize::from(entry.lang))
    }

    fn mention<'m, 't>(
        &'m self,
        index: usize,
        text: &'t str,
        span: Span,
        text_lang: Option<usize>,
    ) -> MentionRef<'m, 't> {
        let entry = self.entries[index];
        let lang = &self.langs[usize::from(entry.lang)];
        let matched = text.get(span.range()).unwrap_or_default();
        let same_lang = text_lang == Some(usize::from(entry.lang));
        let forms = self.forms(entry);
        let target_forms = text_lang.and_then(|l| self.forms_of(entry.entity, l));
        let case_name = |c: u16| self.cases.get(usize::from(c)).map_or("", String::as_str);
        let form = if !same_lang {
            FormRef::Foreign
        } else {
            match entry.role {
                Role::Preferred => FormRef::Preferred,
                Role::Short => FormRef::Short,
                Role::Case { case, .. } => FormRef::Case(case_name(case)),
                Role::Alias => FormRef::Alias,
                Role::Accepted(_) => FormRef::Accepted,
                Role::Forbidden(_) => FormRef::Forbidden,
            }
        };
        let normalized: Option<&'m str> = if same_lang {
            self.norms[index].0
        } else {
            target_forms.and_then(|t| match entry.role {
                Role::Preferred => Some(t.preferred.as_str()),
                Role::Short => Some(t.short.as_deref().unwrap_or(&t.preferred)),
                Role::Case { case, short } => match t.cases.get(case_name(case)) {
                    Some(c) if short => Some(c.short.as_deref().unwrap_or(&c.full)),
                    Some(c) => Some(c.full.as_str()),
                    None if same_lang => None,
                    None => Some(t.preferred.as_str()),
                },
                Role::Alias if same_lang => None,
                Role::Alias => Some(t.preferred.as_str()),
                Role::Accepted(i) => {
                    let target = forms
                        .and_then(|f| f.accepted.get(i as usize))
                        .map(|v| &v.target);
                    Some(target.and_then(|x| t.target(x)).unwrap_or(&t.preferred))
                }
                Role::Forbidden(i) => {
                    let target = forms
                        .and_then(|f| f.forbidden.get(i as usize))
                        .map(|v| &v.target);
                    Some(target.and_then(|x| t.target(x)).unwrap_or(&t.preferred))
                }
            })
        };
        let normalized = match normalized {
            None => Cow::Owned(matched.to_owned()),
            Some(n) => match entry.shape {
                Shape::Exact => Cow::Borrowed(n),
                Shape::Upper => Cow::Owned(n.to_uppercase()),
                Shape::Capital => Cow::Owned(capitalise(n)),
            },
        };
        MentionRef {
            span,
            entity: self.norms[index].1,
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

/// The slot of `text`, created empty if needed; a text whose hash is owned by another text
/// gets its slot in `collided` (and so does the owner), and the hashed slot is marked.
fn slot_for<'a, 'p>(
    words: &'a mut WordMap<Slot>,
    owner: &mut HashMap<u64, &'p str, BuildHasherDefault<IdentityHasher>>,
    collided: &'a mut HashMap<String, Slot>,
    text: &'p str,
    empty: Slot,
) -> &'a mut Slot {
    let h = text_hash(text);
    let first = *owner.entry(h).or_insert(text);
    let marked = words.get(&h).is_some_and(|s| s.collided);
    if first == text && !marked {
        return words.entry(h).or_insert(empty);
    }
    // A collision: move the owner's slot to `collided` once, then use per-text slots.
    let hashed = words.entry(h).or_insert(empty);
    if !hashed.collided {
        let moved = *hashed;
        collided.insert(
            first.to_owned(),
            Slot {
                collided: false,
                ..moved
            },
        );
        *hashed = Slot {
            collided: true,
            ..empty
        };
    }
    collided.entry(text.to_owned()).or_insert(empty)
}

/// The normalised form of a form of `forms` in a text of the same language (`None`: as matched).
fn same_lang_norm<'g>(forms: &'g LangForms, role: Role, cases: &[String]) -> Option<&'g str> {
    match role {
        Role::Preferred => Some(&forms.preferred),
        Role::Short => Some(forms.short.as_deref().unwrap_or(&forms.preferred)),
        Role::Case { case, short } => {
            let c = forms.cases.get(cases.get(usize::from(case))?)?;
            Some(if short {
                c.short.as_deref().unwrap_or(&c.full)
            } else {
                &c.full
            })
        }
        Role::Alias => None,
        Role::Accepted(i) => {
            let target = &forms.accepted.get(i as usize)?.target;
            Some(forms.target(target).unwrap_or(&forms.preferred))
        }
        Role::Forbidden(i) => {
            let target = &forms.forbidden.get(i as usize)?.target;
            Some(forms.target(target).unwrap_or(&forms.preferred))
        }
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
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    // Cyrillic (letters and combining marks) and Latin-1/Latin Extended letters: the common
    // cases, without a Unicode table lookup.
    if ('\u{400}'..='\u{4ff}').contains(&c) {
        return c != '\u{482}';
    }
    if ('\u{c0}'..='\u{24f}').contains(&c) {
        return c != '\u{d7}' && c != '\u{f7}';
    }
    c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c)
}

/// The size of the first-word filter, in bits.
const FIRST_WORD_BITS: usize = 1 << 20;

/// The filter bit of a word: a multiplicative hash of its bytes.
#[inline]
fn word_bit(word: &str) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in word.as_bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    (h >> 20) as usize & (FIRST_WORD_BITS - 1)
}

/// The character at byte `i` and its length, with a fast path for ASCII.
#[inline]
fn char_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        return (char::from(b), 1);
    }
    match s[i..].chars().next() {
        Some(c) => (c, c.len_utf8()),
        None => ('\u{0}', 1),
    }
}

/// The end of the run of word characters starting at `i`.
#[inline]
fn word_end(s: &str, mut i: usize) -> usize {
    let bytes = s.as_bytes();
    while i < bytes.len() {
        match BYTE_CLASS[usize::from(bytes[i])] {
            WORD | CONTINUATION => i += 1,
            NON_WORD => break,
            _ => {
                let (c, len) = char_at(s, i);
                if !is_word_char(c) {
                    break;
                }
                i += len;
            }
        }
    }
    i
}

/// Byte classes for scanning UTF-8 without decoding the common scripts: an ASCII byte is a
/// word or non-word character; the lead bytes of U+0100–U+047F and U+04C0–U+04FF (Latin
/// Extended, IPA, Cyrillic) start word characters; continuation bytes belong to their lead; any
/// other lead byte needs decoding. Must agree with [`is_word_char`].
const NON_WORD: u8 = 0;
const WORD: u8 = 1;
const CONTINUATION: u8 = 2;
const DECODE: u8 = 3;
static BYTE_CLASS: [u8; 256] = {
    let mut t = [DECODE; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        t[b] = if byte < 0x80 {
            if byte.is_ascii_alphanumeric() || byte == b'_' {
                WORD
            } else {
                NON_WORD
            }
        } else if byte < 0xC0 {
            CONTINUATION
        } else if matches!(byte, 0xC4..=0xC9 | 0xD0 | 0xD1 | 0xD3) {
            WORD
        } else {
            DECODE
        };
        b += 1;
    }
    t
};

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_classes_agree_with_is_word_char() {
        for c in ('\u{0}'..='\u{4ff}').chain(['€', '„', '“', '«', '»', '\u{a0}', '—', '−', 'ʼ'])
        {
            let mut buf = [0u8; 4];
            let s = c.encode_utf8(&mut buf);
            assert_eq!(
                word_end(s, 0) == s.len(),
                is_word_char(c),
                "{c:?} U+{:04X}",
                c as u32
            );
        }
    }
}
