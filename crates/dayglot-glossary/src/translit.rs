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
//! `boundaries` lists morpheme boundaries that a rule must not join across: each entry is the
//! start of a word in lower case with a `|` at every boundary (`od|ž`: odžaliti → оджалити, not
//! оџалити), matched case-insensitively at the start of any word, whatever follows; a `$` at the
//! end makes the entry match a whole word only. Where several entries start a word, the longest
//! decides, so an entry without `|` keeps the letters joined (`odžak` → оџак, whatever `od|ž`
//! says).
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
//!
//! Loading compiles a scheme into tables (one entry per character up to U+052F: its lower case,
//! its class and the rules that start with it, longest first), so that [`Scheme::write_into`]
//! runs in one pass over the text's bytes and allocates nothing.

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
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct SchemeFile {
    id: String,
    name: String,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    vowels: String,
    rules: Vec<RuleFile>,
    /// Word starts with `|` at morpheme boundaries that no rule may join across.
    #[serde(default)]
    boundaries: Vec<String>,
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

/// Characters below this code point (ASCII, Latin, Greek, Cyrillic) are looked up in a table.
const TABLE: u32 = 0x530;
/// The most boundaries one `boundaries` entry may mark.
const MAX_BREAKS: usize = 4;

/// Character classes, as bits of [`Info::flags`].
const LETTER: u8 = 1;
const UPPER: u8 = 2;
const LOWER: u8 = 4;
const APOSTROPHE: u8 = 8;
/// The character's lower case is one of the scheme's vowels.
const VOWEL: u8 = 16;

/// What the engine needs to know about one character.
#[derive(Debug, Clone, Copy, Default)]
struct Info {
    /// The first character of its lower case.
    lower: char,
    flags: u8,
    /// 1 + the index of the rule group of `lower` in [`Scheme::groups`], 0 when none.
    group: u16,
}

/// How the main loop treats a character below [`TABLE`] (see [`Fast`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Kind {
    /// Through the rule groups, with everything looked at.
    #[default]
    Slow,
    /// `out[initial]`: a character no rule covers (all four outputs are the character), or a
    /// character that is not a capital under one one-character rule whose output may differ
    /// at the start of a word only.
    Plain,
    /// A capital under such a rule: `out[2 + initial]` in a word that is not in capitals.
    Capital,
}

/// The hot-path entry of a character below [`TABLE`]: its class and, unless [`Kind::Slow`], the
/// outputs (at most eight bytes each) to write without looking further.
#[derive(Debug, Clone, Copy, Default)]
struct Fast {
    out: [[u8; 8]; 4],
    len: [u8; 4],
    flags: u8,
    kind: Kind,
    /// Whether the character after this one is inside a word, by whether the character before
    /// this one is a letter: a letter, or an apostrophe after a letter.
    in_word_after: [bool; 2],
}

/// The output buffer of [`Scheme::write_into`]: `buf[..o]` is written; `buf` is kept longer than
/// that so that short outputs are copied as eight bytes at once. It is made long enough for
/// any output; should it still be too short, `overflow` is set and the caller runs again with
/// more room.
struct Sink<'a> {
    buf: &'a mut [u8],
    o: usize,
    overflow: bool,
}

impl Sink<'_> {
    /// Writes `bytes[..len]` (`len` <= 8) with one eight-byte copy.
    #[inline(always)]
    fn put8(&mut self, bytes: &[u8; 8], len: u8) {
        match self.buf.get_mut(self.o..self.o + 8) {
            Some(dst) => dst.copy_from_slice(bytes),
            None => self.overflow = true,
        }
        self.o += usize::from(len);
    }

    fn put(&mut self, bytes: &[u8]) {
        match self.buf.get_mut(self.o..self.o + bytes.len()) {
            Some(dst) => dst.copy_from_slice(bytes),
            None => self.overflow = true,
        }
        self.o += bytes.len();
    }
}

/// One output text in the three shapes the engine writes.
#[derive(Debug, Clone)]
struct Out {
    plain: Box<[u8]>,
    /// First character in capitals (`Shch`).
    capitalised: Box<[u8]>,
    /// All in capitals (`SHCH`).
    upper: Box<[u8]>,
}

impl Out {
    fn new(text: &str) -> Self {
        let mut chars = text.chars();
        let capitalised = match chars.next() {
            Some(first) => {
                let mut s: String = first.to_uppercase().collect();
                s.push_str(chars.as_str());
                s
            }
            None => String::new(),
        };
        Self {
            plain: text.as_bytes().into(),
            capitalised: capitalised.into_bytes().into(),
            upper: text.to_uppercase().into_bytes().into(),
        }
    }

    fn longest(&self) -> usize {
        self.plain
            .len()
            .max(self.capitalised.len())
            .max(self.upper.len())
    }
}

/// A compiled rule.
#[derive(Debug, Clone)]
struct Rule {
    /// The characters of `from` after the first.
    rest: Box<[char]>,
    to: Out,
    initial: Option<Out>,
    final_: Option<Out>,
    after_vowel: Option<Out>,
    whole_word: bool,
}

/// The rules whose `from` starts with one character, longest first.
#[derive(Debug, Clone)]
struct Group {
    rules: Vec<Rule>,
}

/// A compiled `boundaries` entry.
#[derive(Debug, Clone)]
struct Stem {
    /// Its characters after the first, without the `|`.
    rest: Box<[char]>,
    /// Character offsets (from the word start) of the boundaries.
    breaks: Box<[usize]>,
    /// Matches only a whole word (`$` at the end).
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
    /// Per character below [`TABLE`].
    table: Box<[Info]>,
    /// Per character below [`TABLE`]: what to write when no context matters.
    fast: Box<[Fast]>,
    groups: Vec<Group>,
    /// Groups of rules starting with a character at or above [`TABLE`].
    far_groups: HashMap<char, u16>,
    /// `boundaries` entries by their first character, longest first.
    stems: HashMap<char, Vec<Stem>>,
    /// No output is longer than this many bytes per input character.
    expansion: usize,
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
        Self::compile(file, text, &at)
    }

    /// Compiles a parsed scheme file into its tables; `text` is the file, for error positions.
    fn compile(
        file: SchemeFile,
        text: &str,
        at: &impl Fn(usize, String) -> SchemeError,
    ) -> Result<Self, SchemeError> {
        let vowels: Vec<char> = file.vowels.chars().collect();
        let mut by_first: HashMap<char, Vec<(usize, Rule)>> = HashMap::new();
        let mut seen = std::collections::HashSet::new();
        let mut expansion = 4;
        for rule in file.rules {
            let offset = text.find(&format!("\"{}\"", rule.from)).unwrap_or(0);
            let mut chars = rule.from.chars();
            let Some(first) = chars.next() else {
                return Err(at(
                    offset,
                    "a rule has an empty `from`; every rule replaces at least one character".into(),
                ));
            };
            if rule.from.chars().any(char::is_uppercase) {
                return Err(at(
                    offset,
                    format!(
                        "`from = \"{}\"` has capitals; write rules in lower case, capitals are handled by the engine",
                        rule.from
                    ),
                ));
            }
            if !seen.insert(rule.from.clone()) {
                return Err(at(
                    offset,
                    format!("two rules for `{}`; keep one", rule.from),
                ));
            }
            let len = rule.from.chars().count();
            let compiled = Rule {
                rest: chars.collect(),
                to: Out::new(&rule.to),
                initial: rule.initial.as_deref().map(Out::new),
                final_: rule.final_.as_deref().map(Out::new),
                after_vowel: rule.after_vowel.as_deref().map(Out::new),
                whole_word: rule.whole_word,
            };
            let longest = [
                Some(&compiled.to),
                compiled.initial.as_ref(),
                compiled.final_.as_ref(),
                compiled.after_vowel.as_ref(),
            ]
            .into_iter()
            .flatten()
            .map(Out::longest)
            .max()
            .unwrap_or(0);
            expansion = expansion.max(longest.div_ceil(len));
            by_first.entry(first).or_default().push((len, compiled));
        }
        let mut firsts: Vec<char> = by_first.keys().copied().collect();
        firsts.sort_unstable();
        let mut groups = Vec::with_capacity(firsts.len());
        let mut group_of = HashMap::new();
        for first in firsts {
            let mut rules = by_first.remove(&first).unwrap_or_default();
            // Longest first; rules of one length cannot both match, so their order is free.
            rules.sort_by_key(|(len, _)| std::cmp::Reverse(*len));
            let rules: Vec<Rule> = rules.into_iter().map(|(_, r)| r).collect();
            let Ok(index) = u16::try_from(groups.len() + 1) else {
                return Err(at(
                    0,
                    "more than 65,000 rule groups; split the scheme".into(),
                ));
            };
            group_of.insert(first, index);
            groups.push(Group { rules });
        }
        let stems = parse_boundaries(&file.boundaries, text, at)?;
        let info_of = |c: char| {
            let lower = c.to_lowercase().next().unwrap_or(c);
            let mut flags = 0;
            if c.is_alphabetic() {
                flags |= LETTER;
            }
            if c.is_uppercase() {
                flags |= UPPER;
            }
            if c.is_lowercase() {
                flags |= LOWER;
            }
            if is_apostrophe(c) {
                flags |= APOSTROPHE;
            }
            if vowels.contains(&lower) {
                flags |= VOWEL;
            }
            Info {
                lower,
                flags,
                group: group_of.get(&lower).copied().unwrap_or(0),
            }
        };
        let table: Box<[Info]> = (0..TABLE)
            .map(|u| char::from_u32(u).map(info_of).unwrap_or_default())
            .collect();
        let fast = (0..TABLE)
            .map(|u| {
                let Some(c) = char::from_u32(u) else {
                    return Fast::default();
                };
                let info = table[u as usize];
                let mut fast = Fast {
                    flags: info.flags,
                    in_word_after: [
                        info.flags & LETTER != 0,
                        info.flags & (LETTER | APOSTROPHE) != 0,
                    ],
                    ..Fast::default()
                };
                let mut set = |k: usize, bytes: &[u8]| {
                    fast.out[k][..bytes.len()].copy_from_slice(bytes);
                    fast.len[k] = bytes.len() as u8;
                };
                if info.group == 0 {
                    let mut utf8 = [0u8; 4];
                    for k in 0..4 {
                        set(k, c.encode_utf8(&mut utf8).as_bytes());
                    }
                    fast.kind = Kind::Plain;
                    return fast;
                }
                let rules = &groups[usize::from(info.group - 1)].rules;
                let [rule] = rules.as_slice() else {
                    return fast;
                };
                let initial = rule.initial.as_ref().unwrap_or(&rule.to);
                let texts = [
                    &rule.to.plain,
                    &initial.plain,
                    &rule.to.capitalised,
                    &initial.capitalised,
                ];
                if !rule.rest.is_empty()
                    || rule.final_.is_some()
                    || rule.after_vowel.is_some()
                    || rule.whole_word
                    || texts.iter().any(|t| t.len() > 8)
                {
                    return fast;
                }
                for (k, t) in texts.iter().enumerate() {
                    set(k, t);
                }
                fast.kind = if info.flags & UPPER == 0 {
                    Kind::Plain
                } else {
                    Kind::Capital
                };
                fast
            })
            .collect();
        let far_groups = group_of
            .iter()
            .filter(|(c, _)| u32::from(**c) >= TABLE)
            .map(|(c, g)| (*c, *g))
            .collect();
        Ok(Self {
            id: file.id,
            name: file.name,
            source: file.source,
            vowels,
            table,
            fast,
            groups,
            far_groups,
            stems,
            expansion,
        })
    }

    /// Transliterates `input` (any length; line breaks and unknown characters pass through).
    pub fn apply(&self, input: &str) -> String {
        let mut out = String::new();
        self.apply_into(input, &mut out);
        out
    }

    /// Appends the transliteration of `input` to `out`.
    pub fn apply_into(&self, input: &str, out: &mut String) {
        let mut bytes = std::mem::take(out).into_bytes();
        self.write_into(input, &mut bytes);
        // The engine only writes whole characters, so this is always valid UTF-8.
        *out = String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    }

    /// Appends the transliteration of `input` to `out` as UTF-8 bytes, allocating nothing once
    /// `out` has room (the fastest way to transliterate much text into a reused buffer).
    pub fn write_into(&self, input: &str, out: &mut Vec<u8>) {
        // Valid UTF-8 cannot fail.
        let _ = self.write_bytes_into(input.as_bytes(), out);
    }

    /// Appends the transliteration of `input`, which should be UTF-8, to `out`: the same as
    /// [`Scheme::write_into`], checking the UTF-8 on the way instead of before (for input
    /// read as bytes). Input that is not UTF-8 is an error of kind `InvalidData` that gives the
    /// offset of the first bad byte, like `BufRead::lines`, and leaves `out` as it was.
    pub fn write_bytes_into(&self, input: &[u8], out: &mut Vec<u8>) -> std::io::Result<()> {
        let start = out.len();
        // Room for the longest possible output, and the eight bytes of the last short copy.
        let mut room = input.len().saturating_mul(self.expansion).saturating_add(8);
        let result = loop {
            out.resize(start.saturating_add(room), 0);
            let mut sink = Sink {
                buf: &mut out[start..],
                o: 0,
                overflow: false,
            };
            let result = self.run(input, &mut sink);
            if !sink.overflow || result.is_err() {
                let end = if result.is_ok() {
                    start + sink.o
                } else {
                    start
                };
                out.truncate(end);
                break result;
            }
            room = room.saturating_mul(2);
        };
        result.map_err(|offset| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("not UTF-8 at byte {offset}"),
            )
        })
    }

    /// The engine; an `Err` is the offset of bytes that are not UTF-8.
    fn run(&self, bytes: &[u8], out: &mut Sink<'_>) -> Result<(), usize> {
        // The classes of the character before the current position.
        let mut prev = 0u8;
        // Whether the next character is inside a word (after a letter, or after an apostrophe
        // that follows a letter): the opposite of word-initial.
        let mut in_word = false;
        // The all-capitals flag of the word `caps_start..caps_end`.
        let (mut caps_start, mut caps_end, mut caps) = (0, 0, false);
        // Boundaries (byte offsets) that no rule may join across, in the current word.
        let mut breaks = [0usize; MAX_BREAKS];
        let mut n_breaks = 0;
        let has_stems = !self.stems.is_empty();
        let mut p = 0;
        while p < bytes.len() {
            if !has_stems {
                // As far as it goes: one- and two-byte characters that need no context.
                (p, in_word, prev) = self.run_plain(bytes, p, out, in_word, prev);
                if p >= bytes.len() {
                    break;
                }
            }
            let (c, w) = decode(bytes, p);
            let initial = !in_word;
            let fast = self.fast.get(c as usize);
            if has_stems
                && initial
                && fast.map_or_else(|| self.far_info(c).flags, |f| f.flags) & LETTER != 0
            {
                n_breaks = self.word_breaks(bytes, p, self.info(c).lower, &mut breaks);
            }
            if let Some(f) = fast
                && (f.kind == Kind::Plain
                    // A capital followed by a small letter: a capitalised word.
                    || (f.kind == Kind::Capital
                        && p + w < bytes.len()
                        && self.info(decode(bytes, p + w).0).flags & (LETTER | LOWER)
                            == LETTER | LOWER))
            {
                let k = usize::from(initial) + if f.kind == Kind::Capital { 2 } else { 0 };
                out.put8(&f.out[k], f.len[k]);
                in_word =
                    f.flags & LETTER != 0 || (f.flags & APOSTROPHE != 0 && prev & LETTER != 0);
                prev = f.flags;
                p += w;
                continue;
            }
            if c == INVALID {
                return Err(p);
            }
            let info = self.info(c);
            if info.group == 0 {
                out.put(&bytes[p..p + w]);
                in_word = info.flags & LETTER != 0
                    || (info.flags & APOSTROPHE != 0 && prev & LETTER != 0);
                prev = info.flags;
                p += w;
                continue;
            }
            let group = &self.groups[usize::from(info.group - 1)];
            let mut matched = None;
            for rule in &group.rules {
                // Match the rest of `from` against the lower case of what follows.
                let (mut q, mut last, mut before_last) = (p + w, info.flags, prev);
                let mut ok = true;
                for &expected in &rule.rest {
                    if q >= bytes.len() {
                        ok = false;
                        break;
                    }
                    let (c2, w2) = decode(bytes, q);
                    let i2 = self.info(c2);
                    if c2 == INVALID || i2.lower != expected {
                        ok = false;
                        break;
                    }
                    before_last = last;
                    last = i2.flags;
                    q += w2;
                }
                if !ok || breaks[..n_breaks].iter().any(|&b| p < b && b < q) {
                    continue;
                }
                let is_final =
                    q >= bytes.len() || self.info(decode(bytes, q).0).flags & LETTER == 0;
                if rule.whole_word && !(initial && is_final) {
                    continue;
                }
                let text = match (&rule.initial, &rule.final_, &rule.after_vowel) {
                    (Some(t), _, _) if initial => t,
                    (_, Some(t), _) if is_final => t,
                    (_, _, Some(t)) if prev & VOWEL != 0 => t,
                    _ => &rule.to,
                };
                matched = Some((text, q, before_last, last));
                break;
            }
            let Some((text, end, before_last, last)) = matched else {
                out.put(&bytes[p..p + w]);
                in_word = info.flags & LETTER != 0
                    || (info.flags & APOSTROPHE != 0 && prev & LETTER != 0);
                prev = info.flags;
                p += w;
                continue;
            };
            if info.flags & UPPER == 0 {
                out.put(&text.plain);
            } else {
                if !(caps_start <= p && p < caps_end) {
                    (caps_start, caps_end, caps) = self.word_caps(bytes, p, info);
                }
                out.put(if caps { &text.upper } else { &text.capitalised });
            }
            in_word = last & LETTER != 0 || (last & APOSTROPHE != 0 && before_last & LETTER != 0);
            prev = last;
            p = end;
        }
        Ok(())
    }

    /// The hot loop of [`Scheme::run`]: writes the characters from byte `p` on while they are
    /// one or two bytes of UTF-8 and [`Kind::Plain`] (or [`Kind::Capital`] in a capitalised
    /// word), with nothing else to look at; returns where it stopped and the state after the
    /// last character written.
    #[inline(always)]
    fn run_plain(
        &self,
        bytes: &[u8],
        mut p: usize,
        out: &mut Sink<'_>,
        mut in_word: bool,
        mut prev: u8,
    ) -> (usize, bool, u8) {
        let buf = &mut *out.buf;
        let mut o = out.o;
        while let Some(&b0) = bytes.get(p) {
            let (c, w) = if b0 < 0x80 {
                (u32::from(b0), 1)
            } else if let Some(&b1) = bytes.get(p + 1)
                && (0xc2..0xe0).contains(&b0)
                && b1 & 0xc0 == 0x80
            {
                ((u32::from(b0 & 0x1f) << 6) | u32::from(b1 & 0x3f), 2)
            } else {
                break;
            };
            let Some(f) = self.fast.get(c as usize) else {
                break;
            };
            let k = match f.kind {
                Kind::Plain => usize::from(!in_word),
                // A capital followed by a small letter: a capitalised word.
                Kind::Capital
                    if p + w < bytes.len()
                        && self.info(decode(bytes, p + w).0).flags & (LETTER | LOWER)
                            == LETTER | LOWER =>
                {
                    2 + usize::from(!in_word)
                }
                _ => break,
            };
            let Some(dst) = buf.get_mut(o..).and_then(|d| d.first_chunk_mut::<8>()) else {
                break;
            };
            *dst = f.out[k];
            o += usize::from(f.len[k]);
            in_word = f.in_word_after[usize::from(prev & LETTER)];
            prev = f.flags;
            p += w;
        }
        out.o = o;
        (p, in_word, prev)
    }

    #[inline]
    fn info(&self, c: u32) -> Info {
        match self.table.get(c as usize) {
            Some(info) => *info,
            None => self.far_info(c),
        }
    }

    #[cold]
    fn far_info(&self, c: u32) -> Info {
        let c = char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER);
        let lower = c.to_lowercase().next().unwrap_or(c);
        let mut flags = 0;
        if c.is_alphabetic() {
            flags |= LETTER;
        }
        if c.is_uppercase() {
            flags |= UPPER;
        }
        if c.is_lowercase() {
            flags |= LOWER;
        }
        if is_apostrophe(c) {
            flags |= APOSTROPHE;
        }
        if self.vowels.contains(&lower) {
            flags |= VOWEL;
        }
        let group = if u32::from(lower) < TABLE {
            self.table[lower as usize].group
        } else {
            self.far_groups.get(&lower).copied().unwrap_or(0)
        };
        Info {
            lower,
            flags,
            group,
        }
    }

    /// The boundaries of the word starting at byte `p` (whose first letter in lower case is
    /// `first`), from the longest `boundaries` entry that starts it; returns how many.
    fn word_breaks(
        &self,
        bytes: &[u8],
        p: usize,
        first: char,
        breaks: &mut [usize; MAX_BREAKS],
    ) -> usize {
        let Some(stems) = self.stems.get(&first) else {
            return 0;
        };
        let (_, w) = decode(bytes, p);
        // Byte offsets of the characters of the word, as far as the longest entry needs.
        'stems: for stem in stems {
            let mut q = p + w;
            let mut offsets = [0usize; MAX_BREAKS];
            let mut next_break = 0;
            for (k, &expected) in stem.rest.iter().enumerate() {
                if next_break < stem.breaks.len() && stem.breaks[next_break] == k + 1 {
                    offsets[next_break] = q;
                    next_break += 1;
                }
                if q >= bytes.len() {
                    continue 'stems;
                }
                let (c, w2) = decode(bytes, q);
                if c == INVALID || self.info(c).lower != expected {
                    continue 'stems;
                }
                q += w2;
            }
            if stem.whole_word
                && q < bytes.len()
                && self.info(decode(bytes, q).0).flags & LETTER != 0
            {
                continue;
            }
            breaks[..next_break].copy_from_slice(&offsets[..next_break]);
            return next_break;
        }
        0
    }

    /// The word around the letter at byte `p` (letters, and apostrophes between letters):
    /// its byte range and whether it is in capitals (two or more letters, none lower case).
    #[cold]
    fn word_caps(&self, bytes: &[u8], p: usize, info: Info) -> (usize, usize, bool) {
        if info.flags & LETTER == 0 {
            return (p, p, false);
        }
        // A capitalised word: the next letter is in lower case (no need to know the word).
        let (_, w) = decode(bytes, p);
        if p + w < bytes.len()
            && self.info(decode(bytes, p + w).0).flags & (LETTER | LOWER) == LETTER | LOWER
        {
            return (p, p, false);
        }
        let mut start = p;
        while let Some((c, s)) = decode_back(bytes, start) {
            let i = self.info(c);
            if i.flags & LETTER != 0 {
                start = s;
            } else if i.flags & APOSTROPHE != 0
                && let Some((c2, s2)) = decode_back(bytes, s)
                && self.info(c2).flags & LETTER != 0
            {
                start = s2;
            } else {
                break;
            }
        }
        let (mut q, mut letters, mut all_caps) = (start, 0usize, true);
        while q < bytes.len() {
            let (c, w) = decode(bytes, q);
            let i = self.info(c);
            if i.flags & LETTER != 0 {
                letters += 1;
                all_caps &= i.flags & LOWER == 0;
            } else if !(i.flags & APOSTROPHE != 0
                && q + w < bytes.len()
                && self.info(decode(bytes, q + w).0).flags & LETTER != 0)
            {
                break;
            }
            q += w;
        }
        (start, q, letters >= 2 && all_caps)
    }
}

/// Parses the `boundaries` entries into stems by first character, longest first.
fn parse_boundaries(
    entries: &[String],
    text: &str,
    at: &impl Fn(usize, String) -> SchemeError,
) -> Result<HashMap<char, Vec<Stem>>, SchemeError> {
    let mut stems: HashMap<char, Vec<(usize, String, Stem)>> = HashMap::new();
    for entry in entries {
        let offset = text.find(&format!("\"{entry}\"")).unwrap_or(0);
        let bad = |why: &str| {
            Err(at(
                offset,
                format!(
                    "boundary `{entry}`: {why}; write the start of a word in lower case with `|` at each boundary, e.g. \"od|ž\""
                ),
            ))
        };
        let (body, whole_word) = match entry.strip_suffix('$') {
            Some(body) => (body, true),
            None => (entry.as_str(), false),
        };
        if body.is_empty() || body.starts_with('|') || body.ends_with('|') || body.contains("||") {
            return bad("a `|` must stand between two letters");
        }
        if body.chars().any(char::is_uppercase) {
            return bad("it has capitals");
        }
        if body.contains('$') {
            return bad("`$` may only end an entry");
        }
        let mut chars = Vec::new();
        let mut breaks = Vec::new();
        for c in body.chars() {
            if c == '|' {
                breaks.push(chars.len());
            } else {
                chars.push(c);
            }
        }
        if breaks.len() > MAX_BREAKS {
            return bad("more than four boundaries");
        }
        let key: String = chars.iter().collect::<String>() + if whole_word { "$" } else { "" };
        let first = chars[0];
        let list = stems.entry(first).or_default();
        if list.iter().any(|(_, k, _)| *k == key) {
            return bad("listed twice");
        }
        list.push((
            chars.len(),
            key,
            Stem {
                rest: chars[1..].into(),
                breaks: breaks.into(),
                whole_word,
            },
        ));
    }
    Ok(stems
        .into_iter()
        .map(|(first, mut list)| {
            // Longest first; of two equally long entries, the whole-word one first.
            list.sort_by_key(|(len, _, s)| (std::cmp::Reverse(*len), !s.whole_word));
            (first, list.into_iter().map(|(_, _, s)| s).collect())
        })
        .collect())
}

/// What [`decode`] returns for bytes that are not UTF-8.
const INVALID: u32 = u32::MAX;

/// Decodes the character at byte `p` (< `b.len()`); returns its code point and its length, or
/// [`INVALID`] and 1 where the bytes are not UTF-8 (a stray continuation byte, a sequence cut
/// short, an overlong form, a surrogate, or beyond U+10FFFF).
#[inline(always)]
fn decode(b: &[u8], p: usize) -> (u32, usize) {
    let b0 = b[p];
    if b0 < 0x80 {
        return (u32::from(b0), 1);
    }
    // Continuation byte `i` of the sequence, if it is one, with its payload.
    let cont = |i: usize| match b.get(p + i) {
        Some(&c) if c & 0xc0 == 0x80 => Some(u32::from(c & 0x3f)),
        _ => None,
    };
    let decoded = if b0 < 0xc2 {
        None
    } else if b0 < 0xe0 {
        cont(1).map(|c1| ((u32::from(b0 & 0x1f) << 6) | c1, 2))
    } else if b0 < 0xf0 {
        match (cont(1), cont(2)) {
            (Some(c1), Some(c2)) => {
                let u = (u32::from(b0 & 0x0f) << 12) | (c1 << 6) | c2;
                // Not overlong (< U+0800), not a surrogate.
                (u >= 0x800 && !(0xd800..0xe000).contains(&u)).then_some((u, 3))
            }
            _ => None,
        }
    } else if b0 < 0xf5 {
        match (cont(1), cont(2), cont(3)) {
            (Some(c1), Some(c2), Some(c3)) => {
                let u = (u32::from(b0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3;
                (0x10000..0x110000).contains(&u).then_some((u, 4))
            }
            _ => None,
        }
    } else {
        None
    };
    decoded.unwrap_or((INVALID, 1))
}

/// The character that ends just before byte `p`, and where it starts.
fn decode_back(b: &[u8], p: usize) -> Option<(u32, usize)> {
    if p == 0 {
        return None;
    }
    let mut s = p - 1;
    while s > 0 && b[s] & 0xc0 == 0x80 {
        s -= 1;
    }
    Some((decode(b, s).0, s))
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02bc}')
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // Tests read the project's scheme files.
mod tests {
    use super::*;

    /// The engine as it was before the tables (one `Vec<char>` and a map lookup per length at
    /// every position), kept to prove the compiled engine writes the same bytes.
    fn reference(file: &SchemeFile, input: &str) -> String {
        let rules: HashMap<&str, &RuleFile> =
            file.rules.iter().map(|r| (r.from.as_str(), r)).collect();
        let max_len = file
            .rules
            .iter()
            .map(|r| r.from.chars().count())
            .max()
            .unwrap_or(1);
        let vowels: Vec<char> = file.vowels.chars().collect();
        let is_letter = |c: char| c.is_alphabetic();
        let orig: Vec<char> = input.chars().collect();
        let lower: Vec<char> = orig
            .iter()
            .map(|c| c.to_lowercase().next().unwrap_or(*c))
            .collect();
        let mut caps = vec![false; orig.len()];
        let mut i = 0;
        while i < orig.len() {
            if !is_letter(orig[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < orig.len()
                && (is_letter(orig[i])
                    || (is_apostrophe(orig[i]) && orig.get(i + 1).is_some_and(|c| is_letter(*c))))
            {
                i += 1;
            }
            let letters: Vec<&char> = orig[start..i].iter().filter(|c| is_letter(**c)).collect();
            let all = letters.len() >= 2 && letters.iter().all(|c| !c.is_lowercase());
            caps[start..i].fill(all);
        }
        let n = orig.len();
        let mut out = String::new();
        let mut i = 0;
        while i < n {
            let mut applied = false;
            for len in (1..=max_len.min(n - i)).rev() {
                let key: String = lower[i..i + len].iter().collect();
                let Some(rule) = rules.get(key.as_str()) else {
                    continue;
                };
                let initial = i == 0
                    || !(is_letter(orig[i - 1])
                        || (is_apostrophe(orig[i - 1]) && i >= 2 && is_letter(orig[i - 2])));
                let is_final = i + len == n || !is_letter(orig[i + len]);
                let after_vowel = i > 0 && vowels.contains(&lower[i - 1]);
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

    /// A small deterministic generator (xorshift).
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
            &items[(self.next() % items.len() as u64) as usize]
        }
    }

    /// Every scheme of the project writes exactly what the old engine wrote (without its
    /// `boundaries`, which the old engine did not have), on random texts made of its rules'
    /// `from` in every case, single letters, apostrophes, punctuation and far characters.
    #[test]
    fn compiled_engine_equals_the_reference() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../locales/translit");
        let mut entries: Vec<_> = std::fs::read_dir(&dir)
            .expect("locales/translit")
            .map(|e| e.expect("entry").path())
            .collect();
        entries.sort();
        let at = |_: usize, message: String| SchemeError {
            path: String::new(),
            line: 0,
            column: 0,
            message,
        };
        let mut checked = 0;
        for path in entries {
            let text = std::fs::read_to_string(&path).expect("scheme");
            let mut file: SchemeFile = toml::from_str(&text).expect("scheme file");
            file.boundaries.clear();
            let scheme = Scheme::compile(file.clone(), &text, &at).expect("scheme");
            let mut pieces: Vec<String> = Vec::new();
            for rule in &file.rules {
                let mut chars = rule.from.chars();
                let capitalised: String = chars
                    .next()
                    .into_iter()
                    .flat_map(char::to_uppercase)
                    .chain(chars)
                    .collect();
                pieces.extend([rule.from.clone(), rule.from.to_uppercase(), capitalised]);
                pieces.extend(rule.from.chars().map(String::from));
            }
            pieces.extend(
                [
                    " ", " ", ",", ".", "-", "'", "’", "ʼ", "«", "\n", "İ", "ǅ", "ß", "Σ", "é",
                    "1", "😀",
                ]
                .map(String::from),
            );
            let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ checked);
            for _ in 0..4000 {
                let len = (rng.next() % 12) as usize;
                let s: String = (0..len).map(|_| rng.pick(&pieces).as_str()).collect();
                let expected = reference(&file, &s);
                assert_eq!(scheme.apply(&s), expected, "{}: {s:?}", path.display());
                // Appending to a buffer that already holds text, with no room to spare.
                let mut out = b"x".to_vec();
                out.shrink_to_fit();
                scheme.write_into(&s, &mut out);
                assert_eq!(out, [b"x", expected.as_bytes()].concat(), "{s:?}");
            }
            checked += 1;
        }
        assert!(checked >= 10, "{checked} schemes");
    }

    /// Bytes that are not UTF-8 are an error wherever they are, also inside a rule's `from`
    /// (an overlong `г` must not complete `зг`), and leave the buffer as it was.
    #[test]
    fn bytes_that_are_not_utf8_are_an_error() {
        let text = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../locales/translit/uk-latn-kmu2010.toml"),
        )
        .expect("scheme");
        let scheme = Scheme::parse("uk-latn-kmu2010.toml", &text).expect("scheme");
        let good = "Згорани щастя".as_bytes();
        let mut out = b"kept".to_vec();
        scheme.write_bytes_into(good, &mut out).expect("UTF-8");
        assert_eq!(out, b"keptZghorany shchastia");
        let bad: [&[u8]; 9] = [
            b"\x80",
            b"\xd0",
            b"\xd0\x97\xc0\xb3",
            b"\xd0\x97\xe0\x90\xb3",
            b"\xed\xa0\x80",
            b"\xf4\x90\x80\x80",
            b"\xf8\x88\x80\x80\x80",
            b"ok \xd0\x97\xd0",
            b"\xe2\x80",
        ];
        for b in bad {
            let mut out = b"kept".to_vec();
            let err = scheme.write_bytes_into(b, &mut out).expect_err("not UTF-8");
            assert_eq!(err.kind(), std::io::ErrorKind::InvalidData, "{b:?}");
            assert_eq!(out, b"kept", "{b:?}");
            assert!(std::str::from_utf8(b).is_err());
        }
    }

    #[test]
    fn boundaries_split_digraphs_and_the_longest_entry_wins() {
        let s = Scheme::parse(
            "x.toml",
            r#"id = "x"
name = "x"
rules = [
  { from = "d", to = "д" }, { from = "ž", to = "ж" }, { from = "dž", to = "џ" },
  { from = "o", to = "о" }, { from = "a", to = "а" }, { from = "k", to = "к" },
  { from = "n", to = "н" }, { from = "j", to = "ј" }, { from = "nj", to = "њ" },
  { from = "u", to = "у" }, { from = "g", to = "г" },
]
boundaries = ["od|ž", "odžak", "kon|jug", "an|ja$"]
"#,
        )
        .expect("scheme");
        assert_eq!(
            s.apply("odžak odžado Odžado ODŽADO"),
            "оџак оджадо Оджадо ОДЖАДО"
        );
        assert_eq!(s.apply("konjug konj nodžo"), "конјуг коњ ноџо");
        assert_eq!(s.apply("anja anjak"), "анја ањак");
        for bad in ["|od", "od|", "o||d", "Od|ž", "a|b|c|d|e|f", "a$b"] {
            let text = format!("id = \"x\"\nname = \"x\"\nrules = []\nboundaries = [\"{bad}\"]\n");
            let err = Scheme::parse("x.toml", &text).expect_err(bad);
            assert_eq!(err.line, 4, "{bad}: {err}");
        }
    }
}
