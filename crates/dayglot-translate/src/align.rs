//! Re-aligning the entries of a translation file to a changed source: by text first, by
//! position last.
//!
//! Segment ids are positional (`s4.p7.3` is the third sentence of a paragraph), so deleting one
//! sentence renumbers the next ones. Matching entries by id alone would attach a translation to
//! whatever sentence now has its number. [`align`] matches them the way `msgmerge` does, by
//! their source text (`msgid`):
//!
//! 1. **Same text.** The old `msgid`s and the new segment texts are diffed as sequences; equal
//!    runs pair up in order. A text the diff does not pair (a moved sentence) is paired with an
//!    unused old entry of the same text anywhere in the file (the one with the same id first).
//! 2. **Similar text, inside the changed runs.** Between two equal runs, the old entries and new
//!    segments left over are paired by word similarity ([`dice`]), the best pairs first, when
//!    the similarity reaches [`SIMILAR`]. One old entry may pair with up to [`MAX_PARTS`]
//!    consecutive new segments together (a split sentence) and one new segment with up to
//!    [`MAX_PARTS`] consecutive old entries (merged sentences), when their joined text is more
//!    similar than any single one.
//! 3. **Similar text, anywhere** (a sentence moved *and* edited): the same, one to one, over
//!    what is left in the whole file.
//! 4. **Same id**, as a last resort: an old entry whose `msgctxt` is the segment's id and whose
//!    text is at least [`SIMILAR_AT_POSITION`] similar (no threshold when the caller keeps stale
//!    entries as they are, since a stale entry is never published).
//!
//! Whatever is not paired gets nothing: the caller writes an empty entry for the segment and
//! makes the old entry obsolete. A translation therefore never lands under a sentence whose
//! text is unrelated to the one it was made from.

use std::borrow::Cow;
use std::collections::HashMap;

use similar::{Algorithm, DiffTag, capture_diff_slices};

use crate::catalog::Entry;

/// The lowest word similarity at which an old entry is taken as a draft for a segment whose
/// text it is not. Distinct sentences of one day that share a subject (a headline and the
/// sentence that tells it, a quotation and its paraphrase) stay below it: 0.57 at most in
/// day 686.
pub(crate) const SIMILAR: f64 = 0.6;

/// The lowest word similarity at which an old entry with the segment's own id is taken as a
/// draft when no entry matched by text.
pub(crate) const SIMILAR_AT_POSITION: f64 = 0.4;

/// How many consecutive segments a split sentence (or consecutive entries a merged sentence)
/// is looked for in.
pub(crate) const MAX_PARTS: usize = 3;

/// Above this many old × new pairs in one changed run, only pairs at about the same relative
/// place ([`BAND`] apart at most) are compared, to keep the cost bounded on huge inputs.
const MAX_PAIRS: usize = 40_000;
/// See [`MAX_PAIRS`].
const BAND: usize = 64;

/// Where a segment's entry comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Source {
    /// The old entry at this index has exactly the segment's text.
    Same(usize),
    /// The segment's text is already translated by the (used) old entry at this index: the
    /// segment repeats a sentence.
    Copy(usize),
    /// The old entries at these indices (in file order; several for merged sentences) were
    /// made from a similar text.
    Similar(Vec<usize>),
    /// Nothing matches: a new segment.
    New,
}

/// What [`align`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Alignment {
    /// One per new segment, in order.
    pub(crate) sources: Vec<Source>,
    /// Whether each old entry was used by a segment (by [`Source::Same`] or [`Source::Similar`]).
    pub(crate) used: Vec<bool>,
}

/// How [`align`] may pair entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rules {
    /// Whether obsolete entries with a segment's exact text come back, one segment repeating
    /// another's text copies its entry, and split and merged sentences are recognised.
    pub(crate) refresh: bool,
}

/// Pairs old entries with new segments (`(id, text)` in reading order). Only entries with a
/// `msgctxt` take part; obsolete ones only to come back on an exact text (with
/// [`Rules::refresh`]). Entries with an empty `msgstr` are matched on their exact text only
/// when refreshing, since a draft of nothing helps nobody.
pub(crate) fn align(old: &[Entry], segments: &[(&str, &str)], rules: Rules) -> Alignment {
    let mut a = Aligner {
        old,
        segments,
        rules,
        sources: vec![Source::New; segments.len()],
        used: vec![false; old.len()],
        old_bags: Vec::new(),
        new_bags: Vec::new(),
    };
    let mut vocabulary = HashMap::new();
    a.old_bags = old
        .iter()
        .map(|e| words(&e.msgid.value, &mut vocabulary))
        .collect();
    a.new_bags = segments
        .iter()
        .map(|(_, text)| words(text, &mut vocabulary))
        .collect();
    let active: Vec<usize> = (0..old.len())
        .filter(|&i| !old[i].obsolete && old[i].msgctxt.is_some())
        .collect();
    let hunks = a.same_text_in_order(&active);
    a.same_text_moved(&active);
    if rules.refresh {
        a.same_text_copied();
    }
    for (old_run, new_run) in &hunks {
        let olds: Vec<usize> = old_run
            .clone()
            .map(|k| active[k])
            .filter(|&i| a.may_draft(i))
            .collect();
        let news: Vec<usize> = new_run.clone().collect();
        a.similar_text(&olds, &news, rules.refresh);
    }
    let olds: Vec<usize> = active.iter().copied().filter(|&i| a.may_draft(i)).collect();
    let news: Vec<usize> = (0..segments.len()).collect();
    a.similar_text(&olds, &news, false);
    a.same_position(&active);
    Alignment {
        sources: a.sources,
        used: a.used,
    }
}

struct Aligner<'a> {
    old: &'a [Entry],
    segments: &'a [(&'a str, &'a str)],
    rules: Rules,
    sources: Vec<Source>,
    used: Vec<bool>,
    /// The words of each old entry's `msgid` (see [`words`]).
    old_bags: Vec<Vec<u32>>,
    /// The words of each segment.
    new_bags: Vec<Vec<u32>>,
}

/// A pairing proposed by the similarity steps: old entries `olds` (one, or several merged)
/// with new segments `news` (one, or several split).
struct Candidate {
    score: f64,
    olds: Vec<usize>,
    news: Vec<usize>,
    /// How far apart they stand (relative places in the run), to prefer the nearer of equals.
    distance: usize,
}

impl Aligner<'_> {
    fn new_is_free(&self, j: usize) -> bool {
        self.sources[j] == Source::New
    }

    /// Whether an unused old entry may become a draft for another text.
    fn may_draft(&self, i: usize) -> bool {
        !(self.used[i] || (self.rules.refresh && self.old[i].msgstr.value.is_empty()))
    }

    /// Step 1: a diff of the old texts against the new ones. Returns the changed runs (old
    /// positions in `active`, new segment indices).
    fn same_text_in_order(
        &mut self,
        active: &[usize],
    ) -> Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> {
        let old_texts: Vec<&str> = active
            .iter()
            .map(|&i| self.old[i].msgid.value.as_str())
            .collect();
        let new_texts: Vec<&str> = self.segments.iter().map(|(_, t)| *t).collect();
        let ops = capture_diff_slices(Algorithm::Myers, &old_texts, &new_texts);
        let mut hunks: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> = Vec::new();
        let mut open: Option<(std::ops::Range<usize>, std::ops::Range<usize>)> = None;
        for op in ops {
            let (tag, o, n) = op.as_tag_tuple();
            if tag == DiffTag::Equal {
                for (k, j) in o.zip(n) {
                    self.used[active[k]] = true;
                    self.sources[j] = Source::Same(active[k]);
                }
                hunks.extend(open.take());
            } else {
                open = Some(match open.take() {
                    Some((oo, nn)) => (oo.start..o.end.max(oo.end), nn.start..n.end.max(nn.end)),
                    None => (o, n),
                });
            }
        }
        hunks.extend(open);
        hunks
    }

    /// Step 1, moved sentences: an unpaired segment takes an unused entry of the same text
    /// (the one with the segment's id first, else the first in the file); with
    /// [`Rules::refresh`], an obsolete one too.
    fn same_text_moved(&mut self, active: &[usize]) {
        let mut by_text: HashMap<&str, Vec<usize>> = HashMap::new();
        for &i in active {
            if !self.used[i] {
                by_text
                    .entry(self.old[i].msgid.value.as_str())
                    .or_default()
                    .push(i);
            }
        }
        if self.rules.refresh {
            for (i, e) in self.old.iter().enumerate() {
                if e.obsolete && e.msgctxt.is_some() && !e.msgstr.value.is_empty() {
                    by_text.entry(e.msgid.value.as_str()).or_default().push(i);
                }
            }
        }
        for j in 0..self.segments.len() {
            if !self.new_is_free(j) {
                continue;
            }
            let (id, text) = self.segments[j];
            let Some(list) = by_text.get_mut(text) else {
                continue;
            };
            let at = list
                .iter()
                .position(|&i| {
                    !self.old[i].obsolete
                        && self.old[i].msgctxt.as_ref().is_some_and(|c| c.value == id)
                })
                .unwrap_or(0);
            if at < list.len() {
                let i = list.remove(at);
                self.used[i] = true;
                self.sources[j] = Source::Same(i);
            }
        }
    }

    /// Step 1, repeated sentences: a segment whose text another segment's entry already
    /// translates copies that entry.
    fn same_text_copied(&mut self) {
        let mut by_text: HashMap<&str, usize> = HashMap::new();
        for source in &self.sources {
            if let Source::Same(i) = source {
                by_text
                    .entry(self.old[*i].msgid.value.as_str())
                    .or_insert(*i);
            }
        }
        for j in 0..self.segments.len() {
            if self.new_is_free(j)
                && let Some(&i) = by_text.get(self.segments[j].1)
            {
                self.sources[j] = Source::Copy(i);
            }
        }
    }

    fn old_bag(&self, i: usize) -> &[u32] {
        &self.old_bags[i]
    }

    fn new_bag(&self, j: usize) -> &[u32] {
        &self.new_bags[j]
    }

    /// The similarity of old entries `olds` (their words together) to segments `news`; 0 when
    /// it cannot reach [`SIMILAR`] by the word counts alone.
    fn score(&self, olds: &[usize], news: &[usize]) -> f64 {
        let count =
            |bags: &[Vec<u32>], at: &[usize]| -> usize { at.iter().map(|&k| bags[k].len()).sum() };
        let (x, y) = (count(&self.old_bags, olds), count(&self.new_bags, news));
        // Dice is at most 2 min / (x + y).
        if x + y == 0 || (2 * x.min(y)) as f64 / ((x + y) as f64) < SIMILAR {
            return 0.0;
        }
        dice(&join(&self.old_bags, olds), &join(&self.new_bags, news))
    }

    /// Steps 2 and 3: pairs the unused entries `olds` with the free segments `news` by word
    /// similarity, best first; with `parts`, split and merged sentences too.
    fn similar_text(&mut self, olds: &[usize], news: &[usize], parts: bool) {
        let olds: Vec<usize> = olds.iter().copied().filter(|&i| !self.used[i]).collect();
        let news: Vec<usize> = news
            .iter()
            .copied()
            .filter(|&j| self.new_is_free(j))
            .collect();
        if olds.is_empty() || news.is_empty() {
            return;
        }
        let banded = olds.len().saturating_mul(news.len()) > MAX_PAIRS;
        let max_parts = if parts && !banded { MAX_PARTS } else { 1 };
        let mut candidates = Vec::new();
        for (a, &i) in olds.iter().enumerate() {
            for (b, &j) in news.iter().enumerate() {
                // Relative places in the run, scaled to the longer side.
                let (pa, pb) = (a * news.len(), b * olds.len());
                let distance = pa.abs_diff(pb) / olds.len().max(news.len());
                if banded && distance > BAND {
                    continue;
                }
                for k in 1..=max_parts {
                    // One old entry, k new segments (k = 1: an edit; more: a split).
                    if let Some(js) = news.get(b..b + k) {
                        let score = self.score(&[i], js);
                        if score >= SIMILAR {
                            candidates.push(Candidate {
                                score,
                                olds: vec![i],
                                news: js.to_vec(),
                                distance,
                            });
                        }
                    }
                    // k old entries, one new segment (a merge).
                    if k > 1
                        && let Some(is) = olds.get(a..a + k)
                    {
                        let score = self.score(is, &[j]);
                        if score >= SIMILAR {
                            candidates.push(Candidate {
                                score,
                                olds: is.to_vec(),
                                news: vec![j],
                                distance,
                            });
                        }
                    }
                }
            }
        }
        candidates.sort_by(|x, y| {
            y.score
                .total_cmp(&x.score)
                .then((x.olds.len() + x.news.len()).cmp(&(y.olds.len() + y.news.len())))
                .then(x.distance.cmp(&y.distance))
                .then(x.olds.cmp(&y.olds))
                .then(x.news.cmp(&y.news))
        });
        for c in candidates {
            if c.olds.iter().any(|&i| self.used[i]) || c.news.iter().any(|&j| !self.new_is_free(j))
            {
                continue;
            }
            for &i in &c.olds {
                self.used[i] = true;
            }
            // A split sentence's old translation goes to the part most like it (the first of
            // equals); the other parts get empty entries.
            let mut best = c.news[0];
            let mut best_score = f64::MIN;
            for &j in &c.news {
                let score = dice(self.old_bag(c.olds[0]), self.new_bag(j));
                if score > best_score {
                    (best, best_score) = (j, score);
                }
            }
            self.sources[best] = Source::Similar(c.olds);
            for &j in &c.news {
                if j != best {
                    // Taken by the split: no other old entry is to land here.
                    self.sources[j] = Source::Similar(Vec::new());
                }
            }
        }
    }

    /// Step 4: an unused entry with the segment's own id, similar enough (or at all, when
    /// stale entries are kept as they are).
    fn same_position(&mut self, active: &[usize]) {
        for j in 0..self.segments.len() {
            if !self.new_is_free(j) {
                continue;
            }
            let id = self.segments[j].0;
            let Some(i) = active.iter().copied().find(|&i| {
                self.may_draft(i) && self.old[i].msgctxt.as_ref().is_some_and(|c| c.value == id)
            }) else {
                continue;
            };
            if self.rules.refresh && dice(self.old_bag(i), self.new_bag(j)) < SIMILAR_AT_POSITION {
                continue;
            }
            self.used[i] = true;
            self.sources[j] = Source::Similar(vec![i]);
        }
        for source in &mut self.sources {
            if *source == Source::Similar(Vec::new()) {
                *source = Source::New;
            }
        }
    }
}

/// The words of a text, lowercased, as numbers from `vocabulary` (which grows), sorted: runs of
/// letters and digits (so `−28` and `28` are the same word, and punctuation and quotation
/// marks do not count).
fn words(text: &str, vocabulary: &mut HashMap<String, u32>) -> Vec<u32> {
    let mut out: Vec<u32> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let next = u32::try_from(vocabulary.len()).unwrap_or(u32::MAX);
            *vocabulary.entry(w.to_lowercase()).or_insert(next)
        })
        .collect();
    out.sort_unstable();
    out
}

/// Two sorted word lists as one sorted list.
fn merge(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut x, mut y) = (0, 0);
    while x < a.len() || y < b.len() {
        if y == b.len() || (x < a.len() && a[x] <= b[y]) {
            out.push(a[x]);
            x += 1;
        } else {
            out.push(b[y]);
            y += 1;
        }
    }
    out
}

/// The words of the texts at `at` together: borrowed for one text.
fn join<'a>(bags: &'a [Vec<u32>], at: &[usize]) -> Cow<'a, [u32]> {
    match at {
        [one] => Cow::Borrowed(bags[*one].as_slice()),
        _ => Cow::Owned(at.iter().fold(Vec::new(), |acc, &k| merge(&acc, &bags[k]))),
    }
}

/// The Sørensen–Dice coefficient of two sorted word lists (as multisets): twice the shared
/// words over all words, 0 (nothing shared) to 1 (the same words).
fn dice(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut x, mut y, mut shared) = (0, 0, 0usize);
    while x < a.len() && y < b.len() {
        match a[x].cmp(&b[y]) {
            std::cmp::Ordering::Less => x += 1,
            std::cmp::Ordering::Greater => y += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                x += 1;
                y += 1;
            }
        }
    }
    // Word counts are far below 2^52: exact in f64.
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

/// How similar two texts are by their words, 0 to 1 (see [`dice`]).
#[cfg(test)]
pub(crate) fn similarity(a: &str, b: &str) -> f64 {
    let mut vocabulary = HashMap::new();
    dice(&words(a, &mut vocabulary), &words(b, &mut vocabulary))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::PoString;

    fn entry(ctxt: &str, msgid: &str, msgstr: &str) -> Entry {
        Entry {
            msgctxt: Some(PoString::new(ctxt)),
            msgid: PoString::new(msgid),
            msgstr: PoString::new(msgstr),
            ..Entry::default()
        }
    }

    const REFRESH: Rules = Rules { refresh: true };

    #[test]
    fn similarity_counts_shared_words() {
        assert!((similarity("a b c d", "a b c d") - 1.0).abs() < 1e-9);
        assert!((similarity("A, b.", "a b c d") - 2.0 * 2.0 / 6.0).abs() < 1e-9);
        assert!(similarity("", "a").abs() < 1e-9);
        assert!(similarity("...", "...").abs() < 1e-9);
    }

    #[test]
    fn distinct_sentences_of_a_day_are_not_similar() {
        let day = crate::parse_po(include_str!("../../../corpus/day-686/bg.po")).catalog;
        let texts: Vec<&str> = day.active().map(|e| e.msgid.value.as_str()).collect();
        let mut most: f64 = 0.0;
        for (k, a) in texts.iter().enumerate() {
            for b in &texts[k + 1..] {
                most = most.max(similarity(a, b));
            }
        }
        assert!(most > 0.3 && most < SIMILAR, "{most}");
    }

    #[test]
    fn a_deleted_sentence_shifts_no_translation() {
        let old = [
            entry("s1.p1.1", "One two three four.", "1"),
            entry("s1.p1.2", "Most prisoners there are convicted.", "2"),
            entry("s1.p1.3", "The winter is harsh there.", "3"),
        ];
        let new = [
            ("s1.p1.1", "One two three four."),
            ("s1.p1.2", "The winter is harsh there."),
        ];
        let a = align(&old, &new, REFRESH);
        assert_eq!(a.sources, vec![Source::Same(0), Source::Same(2)]);
        assert_eq!(a.used, vec![true, false, true]);
    }

    #[test]
    fn edits_splits_and_merges_become_drafts() {
        let old = [
            entry("s1.p1.1", "Zelensky arrived in Vilnius on Tuesday.", "1"),
            entry(
                "s1.p1.2",
                "He met the president and the two talked about air defence.",
                "2",
            ),
            entry("s1.p1.3", "Russia launched missiles.", "3"),
            entry("s1.p1.4", "Ukraine shot down drones overnight.", "4"),
        ];
        let new = [
            ("s1.p1.1", "Zelensky arrived in Riga on Tuesday."),
            ("s1.p1.2", "He met the president."),
            ("s1.p1.3", "The two talked about air defence."),
            (
                "s1.p1.4",
                "Russia launched missiles, and Ukraine shot down drones overnight.",
            ),
        ];
        let a = align(&old, &new, REFRESH);
        assert_eq!(
            a.sources,
            vec![
                Source::Similar(vec![0]),
                Source::New,
                Source::Similar(vec![1]),
                Source::Similar(vec![2, 3]),
            ],
        );
    }

    #[test]
    fn an_unrelated_sentence_at_the_same_place_gets_nothing() {
        let old = [entry("s1.p1.1", "Most prisoners there are convicted.", "1")];
        let new = [("s1.p1.1", "The winter is harsh and cold.")];
        let a = align(&old, &new, REFRESH);
        assert_eq!(a.sources, vec![Source::New]);
        // Kept stale at its place when stale entries are kept.
        let a = align(&old, &new, Rules { refresh: false });
        assert_eq!(a.sources, vec![Source::Similar(vec![0])]);
    }

    #[test]
    fn moved_and_repeated_sentences_keep_their_entry() {
        let old = [
            entry("s1.p1.1", "Alpha beta.", "1"),
            entry("s1.p1.2", "Gamma delta.", "2"),
        ];
        let new = [
            ("s1.p1.1", "Gamma delta."),
            ("s1.p1.2", "Epsilon."),
            ("s2.p1.1", "Alpha beta."),
            ("s2.p1.2", "Gamma delta."),
        ];
        let a = align(&old, &new, REFRESH);
        assert_eq!(
            a.sources,
            // The diff keeps both in order at the end; the first repeats a translated text.
            vec![
                Source::Copy(1),
                Source::New,
                Source::Same(0),
                Source::Same(1)
            ]
        );
    }
}

#[cfg(test)]
mod scale {
    use super::*;
    use crate::catalog::PoString;

    /// A whole day rewritten: every pair is compared at most once per step, within a band when
    /// the run is huge.
    #[test]
    fn a_huge_rewritten_source_is_aligned_in_bounded_time() {
        let n = 3000;
        let text = |k: usize, salt: &str| {
            format!(
                "w{k} x{} y{} {salt} z{} common words here.",
                k / 2,
                k / 3,
                k % 7
            )
        };
        let old: Vec<Entry> = (0..n)
            .map(|k| Entry {
                msgctxt: Some(PoString::new(format!("s1.p{k}.1"))),
                msgid: PoString::new(text(k, "old")),
                msgstr: PoString::new(format!("t{k}")),
                ..Entry::default()
            })
            .collect();
        let ids: Vec<String> = (0..n).map(|k| format!("s1.p{k}.1")).collect();
        let texts: Vec<String> = (0..n).map(|k| text(k, "new")).collect();
        let segments: Vec<(&str, &str)> = ids
            .iter()
            .zip(&texts)
            .map(|(i, t)| (i.as_str(), t.as_str()))
            .collect();
        let a = align(&old, &segments, Rules { refresh: true });
        // Each edited sentence finds its own old entry.
        let own = (0..n)
            .filter(|&k| a.sources[k] == Source::Similar(vec![k]))
            .count();
        assert!(own > n * 9 / 10, "{own}");
    }
}
