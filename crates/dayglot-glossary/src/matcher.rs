//! One-pass matching of every form of every entity, and normalisation.

use std::borrow::Cow;
use std::collections::HashMap;

use dayglot_core::{Lang, Span};

use crate::Glossary;
use crate::fold::fold_str;
use crate::model::LangForms;
use crate::scan::{self, is_word_char};
use crate::table::{Bucket, Filter, Prefixes, Table};

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
    Accepted(u16),
    Forbidden(u16),
}

/// A form of an entity in a language, as a pattern was derived from it (while building).
#[derive(Debug, Clone, Copy)]
struct Raw {
    entity: u32,
    lang: u16,
    role: Role,
    shape: Shape,
}

/// What a pattern stands for: an entity's form in a language, with what a mention needs
/// resolved when the matcher is built. The entries of one pattern are contiguous; 32 bytes, so
/// an entry never straddles two cache lines.
#[derive(Debug, Clone, Copy)]
#[repr(align(32))]
struct Entry<'g> {
    /// The normalised form when the text is in the entry's language (`None`: as matched).
    norm: Option<&'g str>,
    entity: u32,
    role: Role,
    lang: u16,
    shape: Shape,
    /// The entity's forms in this language have a `context` requirement.
    context: bool,
    /// The last entry of its pattern.
    last: bool,
}

/// Finds every form of every entity of a [`Glossary`] in one pass over a text.
///
/// Built once with [`Glossary::matcher`] over the folded forms of all entities in all languages,
/// their all-caps versions, and capitalised versions of lower-case terms. Matches start and end
/// on word boundaries only (so `Riga` is not found in `Rigatoni`, while `Zelensky's` and
/// `Nazi-Ukraine` are found), so instead of an automaton stepping through every byte the
/// matcher splits the text into words once, hashing each, and looks word sequences up in a
/// table of every pattern and every word prefix of a pattern (`Yamalo`, `Yamalo-Nenets`,
/// `Yamalo-Nenets Okrug`): the longest pattern starting at a word wins, and the scan goes on
/// after it (leftmost-longest, like Aho-Corasick). A cache-sized filter of first words rejects
/// most words without touching the table, and the lookups of a text are made in rounds, all
/// candidate words at once, so that their cache misses overlap (with 10,000 entities the tables
/// are far larger than the CPU caches; see BENCHMARKS.md). A key is a 64-bit hash of words and
/// folded separators; every hit is confirmed against the pattern's text, and texts whose keys
/// collide are told apart when the matcher is built, so a collision can cost time but never
/// give a wrong mention. Leading and trailing punctuation of a form is not part of its pattern
/// (`«Ростех»` matches as `Ростех`).
#[derive(Debug)]
pub struct Matcher<'g> {
    glossary: &'g Glossary,
    langs: Vec<Lang>,
    cases: Vec<String>,
    table: Table,
    prefixes: Prefixes,
    filter: Filter,
    /// Buckets of texts whose key another text has too (almost always empty).
    collided: HashMap<String, Bucket>,
    /// The forms of entity `e` in language `l` at `e * langs.len() + l`.
    flat: Vec<Option<&'g LangForms>>,
    entries: Vec<Entry<'g>>,
    /// Entity ids by entity index.
    ids: Vec<&'g str>,
    /// Every pattern's text, each after its length (`u32`, little-endian): `Bucket::text`
    /// points here, so a hit is confirmed with one memory access.
    arena: Vec<u8>,
    patterns: Vec<String>,
}

/// Collects patterns while a matcher is built.
#[derive(Default)]
struct Builder {
    patterns: Vec<String>,
    entries: Vec<Vec<Raw>>,
    lookup: HashMap<String, u32>,
}

impl Builder {
    fn add_one(&mut self, text: String, raw: Raw) {
        let next = u32::try_from(self.patterns.len()).unwrap_or(u32::MAX);
        let id = *self.lookup.entry(text.clone()).or_insert(next);
        if id == next {
            self.patterns.push(text);
            self.entries.push(Vec::new());
        }
        if let Some(list) = self.entries.get_mut(id as usize) {
            list.push(raw);
        }
    }

    fn add(&mut self, text: &str, entity: u32, lang: u16, role: Role) {
        let text = fold_str(text);
        let text = text.trim_matches(|c: char| !is_word_char(c)).to_owned();
        if text.is_empty() {
            return;
        }
        let raw = |shape| Raw {
            entity,
            lang,
            role,
            shape,
        };
        let upper = text.to_uppercase();
        if upper != text {
            self.add_one(upper, raw(Shape::Upper));
        }
        let mut chars = text.chars();
        if let Some(first) = chars.next()
            && first.is_lowercase()
        {
            let capital: String = first.to_uppercase().chain(chars).collect();
            self.add_one(capital, raw(Shape::Capital));
        }
        self.add_one(text, raw(Shape::Exact));
    }
}

/// A word sequence being looked up: words `first..=last` of the text, and its key.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    first: usize,
    last: usize,
    key: u64,
    /// The key's home bucket, read ahead of the probe.
    home: Bucket,
}

/// Buffers of [`Matcher::for_each`], kept per thread between calls.
#[derive(Default)]
struct Scratch {
    words: Vec<scan::Word>,
    marks: Vec<usize>,
    /// The hits of each round: `hits[start..end]`.
    rounds: Vec<(usize, usize)>,
    candidates: Vec<Candidate>,
    hits: Vec<Hit>,
}

impl Scratch {
    /// Gives back the memory of an unusually long text.
    fn trim(&mut self) {
        const KEEP: usize = 1 << 14;
        if self.words.capacity() > KEEP {
            *self = Self::default();
        }
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// A pattern found at words `first..=last`, not yet confirmed.
#[derive(Debug, Clone, Copy)]
struct Hit {
    first: usize,
    last: usize,
    bucket: Bucket,
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
                        Role::Accepted(u16::try_from(i).unwrap_or(u16::MAX)),
                    );
                }
                for (i, v) in forms.forbidden.iter().enumerate() {
                    b.add(
                        &v.text,
                        e,
                        l,
                        Role::Forbidden(u16::try_from(i).unwrap_or(u16::MAX)),
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
        // Flatten the entries (exact shapes first), resolving what a mention needs.
        let mut entries = Vec::new();
        let mut firsts = Vec::with_capacity(b.entries.len());
        for list in &mut b.entries {
            list.sort_by_key(|r| r.shape);
            firsts.push(u32::try_from(entries.len()).unwrap_or(u32::MAX));
            for (k, raw) in list.iter().enumerate() {
                let forms = flat
                    .get(raw.entity as usize * nl + usize::from(raw.lang))
                    .copied()
                    .flatten();
                entries.push(Entry {
                    norm: forms.and_then(|f| same_lang_norm(f, raw.role, &cases)),
                    entity: raw.entity,
                    role: raw.role,
                    lang: raw.lang,
                    shape: raw.shape,
                    context: forms.is_some_and(|f| !f.context.is_empty()),
                    last: k + 1 == list.len(),
                });
            }
        }
        let ids = glossary.entities().iter().map(|e| e.id.as_str()).collect();
        // Every pattern and every word prefix of one gets a bucket.
        let mut scratch = Vec::new();
        let keyed: Vec<Vec<(u64, usize)>> = b
            .patterns
            .iter()
            .map(|p| prefix_keys(p, &mut scratch))
            .collect();
        let mut table = Table::with_keys(keyed.iter().map(Vec::len).sum());
        let first_words: Vec<u64> = keyed
            .iter()
            .filter_map(|keys| Some(keys.first()?.0))
            .collect();
        let filter = Filter::new(&first_words);
        let prefixes = Prefixes::new(
            keyed
                .iter()
                .zip(&b.patterns)
                .filter_map(|(keys, p)| Some(scan::prefix(p.as_bytes(), 0, keys.first()?.1))),
        );
        // The text each key stands for; texts whose key is taken go to `collided`.
        let mut owner: HashMap<u64, &str> = HashMap::new();
        let mut collided: HashMap<String, Bucket> = HashMap::new();
        let mut arena = Vec::with_capacity(b.patterns.iter().map(|p| p.len() + 4).sum());
        for (id, (p, keys)) in b.patterns.iter().zip(&keyed).enumerate() {
            let Some((&(full, _), prefixes)) = keys.split_last() else {
                continue;
            };
            for &(key, end) in prefixes {
                bucket_for(&mut table, &mut owner, &mut collided, key, &p[..end]).meta |=
                    Bucket::CONTINUES;
            }
            let text = u32::try_from(arena.len()).unwrap_or(u32::MAX);
            let len = u32::try_from(p.len()).unwrap_or(u32::MAX);
            arena.extend_from_slice(&len.to_le_bytes());
            arena.extend_from_slice(p.as_bytes());
            let bucket = bucket_for(&mut table, &mut owner, &mut collided, full, p);
            bucket.meta |= Bucket::PATTERN | (firsts[id] & Bucket::INDEX);
            bucket.text = text;
        }
        Self {
            glossary,
            langs,
            cases,
            table,
            prefixes,
            filter,
            collided,
            flat,
            entries,
            ids,
            arena,
            patterns: b.patterns,
        }
    }

    /// The glossary this matcher was built from.
    pub fn glossary(&self) -> &'g Glossary {
        self.glossary
    }

    /// The number of distinct patterns (forms, all-caps and capitalised versions).
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// The patterns (folded forms and their all-caps and capitalised versions), for
    /// comparisons with other matchers.
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
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => {
                self.scan(text, lang, &mut scratch, &mut f);
                scratch.trim();
            }
            // `f` itself is matching another text: it gets buffers of its own.
            Err(_) => self.scan(text, lang, &mut Scratch::default(), &mut f),
        });
    }

    fn scan<'t>(
        &self,
        text: &'t str,
        lang: &Lang,
        scratch: &mut Scratch,
        f: &mut impl FnMut(MentionRef<'_, 't>),
    ) {
        let text_lang = self.langs.iter().position(|l| l == lang);
        let Scratch {
            words,
            marks,
            rounds,
            candidates,
            hits,
        } = scratch;
        words.clear();
        candidates.clear();
        hits.clear();
        rounds.clear();
        scan::words(text, words, |p| self.prefixes.admits(p));
        // Every word that may start a pattern: hashed (the prefix filter let it through) and in
        // the first-word filter. In a loop of its own, without a branch on the answer, so that
        // many filter lookups are under way at once.
        marks.clear();
        marks.resize(words.len(), 0);
        let mut n = 0;
        for (k, w) in words.iter().enumerate() {
            marks[n] = k;
            n += usize::from(w.hash != 0 && self.filter.may_contain(w.hash));
        }
        candidates.extend(marks[..n].iter().map(|&k| Candidate {
            first: k,
            last: k,
            key: words[k].hash,
            home: self.table.home(words[k].hash),
        }));
        // In rounds, one more word each: the home buckets of all candidates are read in a loop
        // of their own (the first round's above), so that the CPU waits for their cache misses
        // together, then probed.
        let mut first_round = true;
        while !candidates.is_empty() {
            if !first_round {
                for c in candidates.iter_mut() {
                    c.home = self.table.home(c.key);
                }
            }
            first_round = false;
            let round_start = hits.len();
            let mut kept = 0;
            for c in 0..candidates.len() {
                let cand = candidates[c];
                let Some(mut bucket) = self.table.probe_from(cand.key, cand.home) else {
                    continue;
                };
                if bucket.is(Bucket::COLLIDED) {
                    let span = &text[words[cand.first].start..words[cand.last].end];
                    match self.collided.get(fold_str(span).as_ref()) {
                        Some(exact) => bucket = *exact,
                        None => continue,
                    }
                }
                if bucket.is(Bucket::PATTERN) {
                    hits.push(Hit {
                        first: cand.first,
                        last: cand.last,
                        bucket,
                    });
                }
                if let Some(next) = words.get(cand.last + 1)
                    && bucket.is(Bucket::CONTINUES)
                {
                    let sep = scan::sep_hash(text, words[cand.last].end, next.start);
                    candidates[kept] = Candidate {
                        first: cand.first,
                        last: cand.last + 1,
                        key: scan::extend_key(cand.key, sep, next.key(text)),
                        home: Bucket::default(),
                    };
                    kept += 1;
                }
            }
            candidates.truncate(kept);
            rounds.push((round_start, hits.len()));
        }
        // The patterns' texts, entries and entity ids are read ahead in a loop of their own, as
        // the buckets were (`black_box` keeps these reads from being optimised away).
        let mut ahead = 0u64;
        for h in hits.iter() {
            ahead ^= u64::from(self.arena.get(h.bucket.text as usize).copied().unwrap_or(0));
            if let Some(e) = self.entries.get(h.bucket.first_entry()) {
                ahead ^= self
                    .ids
                    .get(e.entity as usize)
                    .map_or(0, |id| id.len() as u64);
            }
        }
        std::hint::black_box(ahead);
        // Leftmost-longest, each hit confirmed. Round `r` found the hits of `r` words, in the
        // order of their first word: merging the rounds visits every start once, longest first,
        // without sorting.
        let mut next_word = 0;
        while let Some(first) = rounds
            .iter()
            .filter(|(at, end)| at < end)
            .map(|&(at, _)| hits[at].first)
            .min()
        {
            let mut found = first < next_word;
            for r in (0..rounds.len()).rev() {
                let (at, end) = rounds[r];
                if at == end || hits[at].first != first {
                    continue;
                }
                rounds[r].0 += 1;
                if found {
                    continue;
                }
                let h = hits[at];
                let (s, e) = (words[h.first].start, words[h.last].end);
                if !self.confirm(h.bucket, text, s, e) {
                    continue;
                }
                if let Some(entry) = self.choose(h.bucket, text, s, e, text_lang) {
                    f(self.mention(entry, text, Span::new(s, e), text_lang));
                    next_word = h.last + 1;
                    found = true;
                }
            }
        }
    }

    /// Whether `text[s..e]`, folded, is the pattern of `bucket` (rules out hash collisions).
    fn confirm(&self, bucket: Bucket, text: &str, s: usize, e: usize) -> bool {
        let at = bucket.text as usize;
        let Some(len) = self.arena.get(at..at + 4) else {
            return false;
        };
        let len = u32::from_le_bytes([len[0], len[1], len[2], len[3]]) as usize;
        let Some(pattern) = self.arena.get(at + 4..at + 4 + len) else {
            return false;
        };
        let span = &text[s..e];
        scan::same_bytes(pattern, span.as_bytes())
            || (!span.is_ascii() && pattern == fold_str(span).as_bytes())
    }

    /// The entry of a pattern that applies to a text in `text_lang`, if its context allows.
    fn choose(
        &self,
        bucket: Bucket,
        text: &str,
        s: usize,
        e: usize,
        text_lang: Option<usize>,
    ) -> Option<usize> {
        let first = bucket.first_entry();
        let mut pick = first;
        for (k, entry) in self.entries.get(first..)?.iter().enumerate() {
            if text_lang == Some(usize::from(entry.lang)) {
                pick = first + k;
                break;
            }
            if entry.last {
                break;
            }
        }
        let entry = self.entries.get(pick)?;
        if entry.context {
            let forms = self.forms(entry)?;
            if !has_context(text, s, e, &forms.context) {
                return None;
            }
        }
        Some(pick)
    }

    /// The forms of an entity in a language, from the flat index (no map lookups on the hot path).
    fn forms_of(&self, entity: u32, lang: usize) -> Option<&'g LangForms> {
        *self.flat.get(entity as usize * self.langs.len() + lang)?
    }

    fn forms(&self, entry: &Entry<'g>) -> Option<&'g LangForms> {
        self.forms_of(entry.entity, usize::from(entry.lang))
    }

    fn mention<'m, 't>(
        &'m self,
        index: usize,
        text: &'t str,
        span: Span,
        text_lang: Option<usize>,
    ) -> MentionRef<'m, 't> {
        let entry = &self.entries[index];
        let lang = &self.langs[usize::from(entry.lang)];
        let matched = text.get(span.range()).unwrap_or_default();
        let same_lang = text_lang == Some(usize::from(entry.lang));
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
            entry.norm
        } else {
            let forms = self.forms(entry);
            let target_forms = text_lang.and_then(|l| self.forms_of(entry.entity, l));
            target_forms.map(|t| match entry.role {
                Role::Preferred => t.preferred.as_str(),
                Role::Short => t.short.as_deref().unwrap_or(&t.preferred),
                Role::Case { case, short } => match t.cases.get(case_name(case)) {
                    Some(c) if short => c.short.as_deref().unwrap_or(&c.full),
                    Some(c) => c.full.as_str(),
                    None => t.preferred.as_str(),
                },
                Role::Alias => t.preferred.as_str(),
                Role::Accepted(i) => {
                    let target = forms
                        .and_then(|f| f.accepted.get(usize::from(i)))
                        .map(|v| &v.target);
                    target.and_then(|x| t.target(x)).unwrap_or(&t.preferred)
                }
                Role::Forbidden(i) => {
                    let target = forms
                        .and_then(|f| f.forbidden.get(usize::from(i)))
                        .map(|v| &v.target);
                    target.and_then(|x| t.target(x)).unwrap_or(&t.preferred)
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
            entity: self
                .ids
                .get(entry.entity as usize)
                .copied()
                .unwrap_or_default(),
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

/// The bucket of `key`, the key of `text`, created empty if needed. A text whose key is another
/// text's gets its bucket in `collided` (and so does the other), and the keyed bucket is marked.
fn bucket_for<'a, 'p>(
    table: &'a mut Table,
    owner: &mut HashMap<u64, &'p str>,
    collided: &'a mut HashMap<String, Bucket>,
    key: u64,
    text: &'p str,
) -> &'a mut Bucket {
    let first = *owner.entry(key).or_insert(text);
    let keyed = table.entry(key);
    if first == text && !keyed.is(Bucket::COLLIDED) {
        return keyed;
    }
    // A collision: move the owner's bucket to `collided` once, then use per-text buckets.
    if !keyed.is(Bucket::COLLIDED) {
        collided.insert(first.to_owned(), *keyed);
        *keyed = Bucket {
            key,
            meta: Bucket::COLLIDED,
            text: 0,
        };
    }
    collided.entry(text.to_owned()).or_default()
}

/// The key of every word prefix of pattern `p` and where the prefix ends, the whole pattern last.
fn prefix_keys(p: &str, scratch: &mut Vec<scan::Word>) -> Vec<(u64, usize)> {
    scratch.clear();
    scan::words(p, scratch, |_| true);
    let mut out = Vec::with_capacity(scratch.len());
    let mut key = 0;
    let mut prev: Option<&scan::Word> = None;
    for w in scratch.iter() {
        key = match prev {
            None => w.hash,
            Some(pw) => scan::extend_key(key, scan::sep_hash(p, pw.end, w.start), w.hash),
        };
        out.push((key, w.end));
        prev = Some(w);
    }
    out
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

/// Whether one of `words` occurs (ignoring case) within 80 bytes of the match.
fn has_context(text: &str, s: usize, e: usize, words: &[String]) -> bool {
    let mut from = s.saturating_sub(80);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (e + 80).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    let window = fold_str(&text[from..to]).to_lowercase();
    words.iter().any(|w| window.contains(&w.to_lowercase()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::GlossaryFile;

    /// The definition the matcher implements, by brute force: fold the text character by
    /// character, and at every word start take the longest pattern that ends on a word boundary.
    fn reference(text: &str, patterns: &[String]) -> Vec<(usize, usize, String)> {
        let mut chars: Vec<(usize, char)> = Vec::new();
        for (i, c) in text.char_indices() {
            let folded = fold_str(c.encode_utf8(&mut [0; 4]))
                .chars()
                .next()
                .unwrap_or(c);
            chars.push((i, folded));
        }
        let word = |k: usize| chars.get(k).is_some_and(|&(_, c)| is_word_char(c));
        let mut out = Vec::new();
        let mut k = 0;
        while k < chars.len() {
            if !word(k) || (k > 0 && word(k - 1)) {
                k += 1;
                continue;
            }
            let mut best: Option<(usize, &String)> = None;
            for p in patterns {
                let n = p.chars().count();
                if k + n > chars.len() || word(k + n) {
                    continue;
                }
                if chars[k..k + n].iter().map(|&(_, c)| c).eq(p.chars())
                    && best.is_none_or(|(m, _)| n > m)
                {
                    best = Some((n, p));
                }
            }
            match best {
                Some((n, p)) => {
                    let end = chars.get(k + n).map_or(text.len(), |&(i, _)| i);
                    out.push((chars[k].0, end, p.clone()));
                    k += n;
                }
                None => k += 1,
            }
        }
        out
    }

    #[test]
    fn agrees_with_brute_force_on_random_texts() {
        let registry = GlossaryFile::new(
            "entities.toml",
            r#"
[[entity]]
id = "place/ny"
kind = "place"
native = "New York"
native_lang = "en"
[[entity]]
id = "place/nyc"
kind = "place"
native = "New York City"
native_lang = "en"
[[entity]]
id = "place/new"
kind = "place"
native = "New"
native_lang = "en"
[[entity]]
id = "place/yamalo"
kind = "place"
native = "Yamalo-Nenets Okrug"
native_lang = "en"
[[entity]]
id = "place/marinka"
kind = "place"
native = "Мар'їнка"
native_lang = "uk"
[[entity]]
id = "person/obrien"
kind = "person"
native = "O'Brien"
native_lang = "en"
[[entity]]
id = "term/penal-colony"
kind = "term"
native = "penal colony"
native_lang = "en"
[[entity]]
id = "place/koeln"
kind = "place"
native = "Köln"
native_lang = "de"
"#,
        );
        let en = GlossaryFile::new(
            "en.toml",
            r#"
[language]
lang = "en"
[[entity]]
id = "place/ny"
preferred = "New York"
[[entity]]
id = "place/nyc"
preferred = "New York City"
[[entity]]
id = "place/new"
preferred = "New"
[[entity]]
id = "place/yamalo"
preferred = "Yamalo-Nenets Okrug"
short = "Yamalo-Nenets"
[[entity]]
id = "place/marinka"
preferred = "Marinka"
accepted = ["Мар'їнка", "Мар’їнка"]
[[entity]]
id = "person/obrien"
preferred = "O'Brien"
[[entity]]
id = "term/penal-colony"
preferred = "penal colony"
[[entity]]
id = "place/koeln"
preferred = "Cologne"
accepted = ["Köln", "Koeln"]
"#,
        )
        .with_lang(Lang::parse("en").unwrap());
        let (glossary, problems) = Glossary::load(&registry, &[en]);
        assert!(problems.is_empty(), "{problems:?}");
        let matcher = glossary.matcher();
        let pieces = [
            "New", "York", "City", "NEW", "YORK", "Yamalo", "Nenets", "Okrug", "Мар", "їнка", "O",
            "Brien", "penal", "colony", "Penal", "PENAL", "Köln", "Koeln", "Cologne", "new",
            "Newark", "Ж", "x", "42",
        ];
        let separators = [
            " ", "-", "'", "’", "ʼ", "\u{a0}", "\u{2011}", "\u{202f}", ", ", " — ", "«", "»", "",
            ".", "  ",
        ];
        let en = Lang::parse("en").unwrap();
        let mut rng = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = |n: usize| {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            (rng % n as u64) as usize
        };
        for case in 0..3000 {
            let mut text = String::new();
            for _ in 0..(1 + next(12)) {
                text.push_str(pieces[next(pieces.len())]);
                text.push_str(separators[next(separators.len())]);
            }
            let got: Vec<(usize, usize, String)> = matcher
                .find(&text, &en)
                .into_iter()
                .map(|m| (m.span.start, m.span.end, fold_str(&m.matched).into_owned()))
                .collect();
            assert_eq!(
                got,
                reference(&text, matcher.patterns()),
                "case {case}: {text:?}"
            );
        }
    }
}
