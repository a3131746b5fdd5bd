//! Translations follow their sentence's text, not its position: `update_catalog` on day 686
//! after edits to the source (insert, delete, move, edit, split and merge sentences and
//! paragraphs).
//!
//! The source document is rebuilt from the Bulgarian catalog of day 686 (its `msgid`s grouped
//! by their ids), so the test needs no parser and follows the corpus as it is. Every sentence
//! carries its *origin*: the original sentences it was made from (none for an inserted one,
//! two for a merge), so that the test knows which translations may land where.

use std::collections::{BTreeSet, HashMap};

use dayglot_core::{Document, Lang, Paragraph, Post, Section, Segment, SegmentId, Span};
use dayglot_translate::{
    Catalog, Entry, SegmentState, Update, UpdateReport, apply, parse_po, update_catalog,
    update_catalog_with_report, write_po,
};
use proptest::prelude::*;

/// A sentence of the edited document and the original sentences it comes from.
#[derive(Debug, Clone)]
struct Item {
    text: String,
    origin: Vec<usize>,
}

#[derive(Debug, Clone, Default)]
struct Sec {
    heading: Option<Item>,
    paragraphs: Vec<Vec<Item>>,
    posts: Vec<Item>,
}

/// The day as lists of sentences, before ids are given.
#[derive(Debug, Clone, Default)]
struct Model {
    title: Option<Item>,
    lead: Option<Item>,
    headlines: Vec<Item>,
    sections: Vec<Sec>,
}

/// Day 686: its Bulgarian catalog, and the original sentences (text, translation) in file order.
struct Day {
    catalog: Catalog,
    texts: Vec<String>,
    translations: Vec<String>,
    model: Model,
}

fn lang(tag: &str) -> Lang {
    Lang::parse(tag).expect("valid tag")
}

fn day() -> Day {
    // Compiled in (cargo rebuilds the test when the file changes).
    let text = include_str!("../../../../corpus/day-686/bg.po");
    let parsed = parse_po(text);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    let catalog = parsed.catalog;
    let mut model = Model::default();
    let mut texts = Vec::new();
    let mut translations = Vec::new();
    for entry in catalog.active() {
        let id = entry
            .msgctxt
            .as_ref()
            .expect("every entry has an id")
            .value
            .clone();
        let i = texts.len();
        texts.push(entry.msgid.value.clone());
        translations.push(entry.msgstr.value.clone());
        let item = Item {
            text: entry.msgid.value.clone(),
            origin: vec![i],
        };
        let number = |s: &str| s.parse::<usize>().expect("a number in the id");
        if id == "title" {
            model.title = Some(item);
        } else if id == "lead" {
            model.lead = Some(item);
        } else if let Some(n) = id.strip_prefix('h') {
            assert_eq!(number(n), model.headlines.len() + 1, "{id}");
            model.headlines.push(item);
        } else if let Some(n) = id.strip_prefix("post") {
            number(n);
            model
                .sections
                .last_mut()
                .expect("a post after a section")
                .posts
                .push(item);
        } else {
            let rest = id.strip_prefix('s').expect("a section id");
            let (s, rest) = rest.split_once('.').expect("sN.…");
            let s = number(s);
            while model.sections.len() < s {
                model.sections.push(Sec::default());
            }
            let sec = &mut model.sections[s - 1];
            if rest == "heading" {
                sec.heading = Some(item);
                continue;
            }
            let (p, k) = rest
                .strip_prefix('p')
                .and_then(|r| r.split_once('.'))
                .expect("pM.K");
            let (p, k) = (number(p), number(k));
            while sec.paragraphs.len() < p {
                sec.paragraphs.push(Vec::new());
            }
            assert_eq!(k, sec.paragraphs[p - 1].len() + 1, "{id}");
            sec.paragraphs[p - 1].push(item);
        }
    }
    assert_eq!(
        texts.iter().collect::<BTreeSet<_>>().len(),
        texts.len(),
        "the test expects every source text of the day to be distinct"
    );
    let day = Day {
        catalog,
        texts,
        translations,
        model,
    };
    // The rebuilt document has the catalog's ids in the catalog's order.
    let (doc, _) = document(&day.model);
    let ids: Vec<&str> = doc.segments().iter().map(|s| s.id.as_str()).collect();
    let ctxts: Vec<&str> = day
        .catalog
        .active()
        .filter_map(|e| e.msgctxt.as_ref().map(|c| c.value.as_str()))
        .collect();
    assert_eq!(ids, ctxts);
    day
}

/// The document with positional ids (as ingesting the edited source would give them), and the
/// origin of every segment in [`Document::segments`] order.
fn document(model: &Model) -> (Document, Vec<Vec<usize>>) {
    let seg = |id: SegmentId, item: &Item| Segment::plain(id, item.text.clone(), Span::default());
    let mut origins = Vec::new();
    let mut doc = Document {
        day: Some(686),
        date: None,
        lang: lang("en"),
        title: None,
        lead: None,
        headlines: Vec::new(),
        sections: Vec::new(),
        posts: Vec::new(),
    };
    if let Some(t) = &model.title {
        doc.title = Some(seg(SegmentId::title(), t));
        origins.push(t.origin.clone());
    }
    if let Some(l) = &model.lead {
        doc.lead = Some(seg(SegmentId::lead(), l));
        origins.push(l.origin.clone());
    }
    for (n, h) in model.headlines.iter().enumerate() {
        doc.headlines.push(seg(SegmentId::headline(n + 1), h));
        origins.push(h.origin.clone());
    }
    for (s, sec) in model.sections.iter().enumerate() {
        let heading = sec.heading.as_ref().map(|h| {
            origins.push(h.origin.clone());
            seg(SegmentId::heading(s + 1), h)
        });
        let mut paragraphs = Vec::new();
        for (p, para) in sec.paragraphs.iter().filter(|p| !p.is_empty()).enumerate() {
            let segments = para
                .iter()
                .enumerate()
                .map(|(k, item)| {
                    origins.push(item.origin.clone());
                    seg(SegmentId::sentence(s + 1, p + 1, k + 1), item)
                })
                .collect();
            paragraphs.push(Paragraph {
                segments,
                span: Span::default(),
            });
        }
        doc.sections.push(Section {
            id: format!("s{}", s + 1),
            heading,
            headline: None,
            paragraphs,
        });
        for post in &sec.posts {
            origins.push(post.origin.clone());
            doc.posts.push(Post {
                text: seg(SegmentId::post(doc.posts.len() + 1), post),
                link: None,
                author: None,
                handle: None,
                date: None,
                section: Some(s),
                span: Span::default(),
            });
        }
    }
    assert_eq!(doc.segments().len(), origins.len());
    (doc, origins)
}

/// One edit of the source. Places are any numbers, taken modulo what exists when applied.
#[derive(Debug, Clone)]
enum Edit {
    InsertSentence {
        at: usize,
        words: Vec<u16>,
    },
    DeleteSentence {
        at: usize,
    },
    MoveSentence {
        from: usize,
        to: usize,
    },
    ChangeWords {
        at: usize,
        how: u8,
        word: usize,
        new: u16,
    },
    SplitSentence {
        at: usize,
        cut: usize,
    },
    MergeSentences {
        at: usize,
    },
    InsertParagraph {
        section: usize,
        at: usize,
        sentences: Vec<Vec<u16>>,
    },
    DeleteParagraph {
        at: usize,
    },
    MoveParagraph {
        from: usize,
        section: usize,
        to: usize,
    },
    SplitParagraph {
        at: usize,
        cut: usize,
    },
    MergeParagraphs {
        at: usize,
    },
}

fn edit() -> impl Strategy<Value = Edit> {
    let words = || prop::collection::vec(any::<u16>(), 3..12);
    prop_oneof![
        (any::<usize>(), words()).prop_map(|(at, words)| Edit::InsertSentence { at, words }),
        any::<usize>().prop_map(|at| Edit::DeleteSentence { at }),
        (any::<usize>(), any::<usize>()).prop_map(|(from, to)| Edit::MoveSentence { from, to }),
        (any::<usize>(), 0u8..3, any::<usize>(), any::<u16>())
            .prop_map(|(at, how, word, new)| Edit::ChangeWords { at, how, word, new }),
        (any::<usize>(), any::<usize>()).prop_map(|(at, cut)| Edit::SplitSentence { at, cut }),
        any::<usize>().prop_map(|at| Edit::MergeSentences { at }),
        (
            any::<usize>(),
            any::<usize>(),
            prop::collection::vec(words(), 1..3)
        )
            .prop_map(|(section, at, sentences)| Edit::InsertParagraph {
                section,
                at,
                sentences
            }),
        any::<usize>().prop_map(|at| Edit::DeleteParagraph { at }),
        (any::<usize>(), any::<usize>(), any::<usize>())
            .prop_map(|(from, section, to)| Edit::MoveParagraph { from, section, to }),
        (any::<usize>(), any::<usize>()).prop_map(|(at, cut)| Edit::SplitParagraph { at, cut }),
        any::<usize>().prop_map(|at| Edit::MergeParagraphs { at }),
    ]
}

/// A made-up word that is no word of the day (`qx` + letters).
fn word(n: u16) -> String {
    let mut w = String::from("qx");
    let mut n = usize::from(n);
    loop {
        w.push(char::from(b'a' + (n % 26) as u8));
        n /= 26;
        if n == 0 {
            break w;
        }
    }
}

fn sentence(words: &[u16]) -> String {
    let mut s = words.iter().map(|&n| word(n)).collect::<Vec<_>>().join(" ");
    s.push('.');
    s
}

/// Where a sentence stands: in the headlines (`None`) or in paragraph `p` of section `s`.
type List = Option<(usize, usize)>;

impl Model {
    fn lists(&self) -> Vec<List> {
        let mut out = vec![None];
        for (s, sec) in self.sections.iter().enumerate() {
            out.extend((0..sec.paragraphs.len()).map(|p| Some((s, p))));
        }
        out
    }

    fn list(&mut self, l: List) -> &mut Vec<Item> {
        match l {
            None => &mut self.headlines,
            Some((s, p)) => &mut self.sections[s].paragraphs[p],
        }
    }

    /// Every sentence place (list, index), plus with `ends` one place after each list's end.
    fn places(&mut self, ends: bool) -> Vec<(List, usize)> {
        let mut out = Vec::new();
        for l in self.lists() {
            let n = self.list(l).len();
            out.extend((0..n + usize::from(ends)).map(|k| (l, k)));
        }
        out
    }

    fn paragraphs(&self) -> Vec<(usize, usize)> {
        self.lists().into_iter().flatten().collect()
    }

    fn apply(&mut self, e: &Edit) {
        match e {
            Edit::InsertSentence { at, words } => {
                let places = self.places(true);
                let (l, k) = places[at % places.len()];
                let text = sentence(words);
                self.list(l).insert(
                    k,
                    Item {
                        text,
                        origin: Vec::new(),
                    },
                );
            }
            Edit::DeleteSentence { at } => {
                if let Some((l, k)) = pick(&self.places(false), *at) {
                    self.list(l).remove(k);
                }
            }
            Edit::MoveSentence { from, to } => {
                if let Some((l, k)) = pick(&self.places(false), *from) {
                    let item = self.list(l).remove(k);
                    let places = self.places(true);
                    let (l, k) = places[to % places.len()];
                    self.list(l).insert(k, item);
                }
            }
            Edit::ChangeWords {
                at,
                how,
                word: w,
                new,
            } => {
                if let Some((l, k)) = pick(&self.places(false), *at) {
                    let item = &mut self.list(l)[k];
                    let mut words: Vec<String> = item.text.split(' ').map(str::to_owned).collect();
                    let w = w % words.len();
                    match how {
                        0 => words[w] = word(*new),
                        1 => words.insert(w, word(*new)),
                        _ if words.len() > 1 => {
                            words.remove(w);
                        }
                        _ => words.push(word(*new)),
                    }
                    item.text = words.join(" ");
                }
            }
            Edit::SplitSentence { at, cut } => {
                if let Some((l, k)) = pick(&self.places(false), *at) {
                    let list = self.list(l);
                    let words: Vec<&str> = list[k].text.split(' ').collect();
                    if words.len() >= 4 {
                        let cut = 2 + cut % (words.len() - 3);
                        let first = format!("{}.", words[..cut].join(" "));
                        let second = words[cut..].join(" ");
                        let origin = list[k].origin.clone();
                        list[k].text = first;
                        list.insert(
                            k + 1,
                            Item {
                                text: second,
                                origin,
                            },
                        );
                    }
                }
            }
            Edit::MergeSentences { at } => {
                if let Some((l, k)) = pick(&self.places(false), *at) {
                    let list = self.list(l);
                    if k + 1 < list.len() {
                        let next = list.remove(k + 1);
                        let first = list[k].text.trim_end_matches('.').to_owned();
                        list[k].text = format!("{first}, {}", next.text);
                        list[k].origin.extend(next.origin);
                    }
                }
            }
            Edit::InsertParagraph {
                section,
                at,
                sentences,
            } => {
                if self.sections.is_empty() {
                    return;
                }
                let count = self.sections.len();
                let sec = &mut self.sections[section % count];
                let at = at % (sec.paragraphs.len() + 1);
                let para = sentences
                    .iter()
                    .map(|w| Item {
                        text: sentence(w),
                        origin: Vec::new(),
                    })
                    .collect();
                sec.paragraphs.insert(at, para);
            }
            Edit::DeleteParagraph { at } => {
                if let Some((s, p)) = pick(&self.paragraphs(), *at) {
                    self.sections[s].paragraphs.remove(p);
                }
            }
            Edit::MoveParagraph { from, section, to } => {
                if let Some((s, p)) = pick(&self.paragraphs(), *from) {
                    let para = self.sections[s].paragraphs.remove(p);
                    let count = self.sections.len();
                    let sec = &mut self.sections[section % count];
                    let to = to % (sec.paragraphs.len() + 1);
                    sec.paragraphs.insert(to, para);
                }
            }
            Edit::SplitParagraph { at, cut } => {
                if let Some((s, p)) = pick(&self.paragraphs(), *at) {
                    let paras = &mut self.sections[s].paragraphs;
                    if paras[p].len() >= 2 {
                        let cut = 1 + cut % (paras[p].len() - 1);
                        let rest = paras[p].split_off(cut);
                        paras.insert(p + 1, rest);
                    }
                }
            }
            Edit::MergeParagraphs { at } => {
                if let Some((s, p)) = pick(&self.paragraphs(), *at) {
                    let paras = &mut self.sections[s].paragraphs;
                    if p + 1 < paras.len() {
                        let next = paras.remove(p + 1);
                        paras[p].extend(next);
                    }
                }
            }
        }
        // An emptied paragraph is no paragraph (ingesting the text would not see it).
        for sec in &mut self.sections {
            sec.paragraphs.retain(|p| !p.is_empty());
        }
    }
}

fn pick<T: Copy>(list: &[T], at: usize) -> Option<T> {
    (!list.is_empty()).then(|| list[at % list.len()])
}

/// The test's own idea of "similar": at least 30% of words in common (Dice over lowercased
/// word sets), independent of the library's (which asks for 40% at the same id, 60% elsewhere).
fn related(a: &str, b: &str) -> bool {
    let words = |s: &str| -> BTreeSet<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    let shared = a.intersection(&b).count();
    !a.is_empty() && !b.is_empty() && 2 * shared * 10 >= 3 * (a.len() + b.len())
}

/// The ways `draft` is written as translations of distinct original sentences joined with
/// spaces (each way: the sentences, in order).
fn decompositions(draft: &str, translations: &[String]) -> Vec<Vec<usize>> {
    fn go(rest: &str, translations: &[String], used: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        if rest.is_empty() {
            out.push(used.clone());
            return;
        }
        for (i, t) in translations.iter().enumerate() {
            if t.is_empty() || used.contains(&i) {
                continue;
            }
            if let Some(after) = rest.strip_prefix(t.as_str()) {
                let after = match after.strip_prefix(' ') {
                    Some(a) if !a.is_empty() => a,
                    _ if after.is_empty() => after,
                    _ => continue,
                };
                used.push(i);
                go(after, translations, used, out);
                used.pop();
            }
        }
    }
    let mut out = Vec::new();
    go(draft, translations, &mut Vec::new(), &mut out);
    out
}

/// Checks a refreshed catalog against the edited document (see the module doc).
fn check_refresh(
    day: &Day,
    doc: &Document,
    origins: &[Vec<usize>],
    out: &Catalog,
) -> Result<(), TestCaseError> {
    let by_text: HashMap<&str, usize> = day
        .texts
        .iter()
        .enumerate()
        .map(|(i, t)| (t.as_str(), i))
        .collect();
    let segments = doc.segments();
    let active: Vec<&Entry> = out.active().collect();
    prop_assert_eq!(active.len(), segments.len(), "one entry per segment");
    let mut drafted = BTreeSet::new();
    for ((segment, entry), origin) in segments.iter().zip(&active).zip(origins) {
        let id = segment.id.as_str();
        prop_assert_eq!(entry.msgctxt.as_ref().map(|c| c.value.as_str()), Some(id));
        prop_assert_eq!(&entry.msgid.value, &segment.text, "{}", id);
        let unchanged = origin.iter().find(|&&z| day.texts[z] == segment.text);
        if let Some(&z) = unchanged {
            // An unchanged sentence keeps its translation, unflagged, wherever it moved.
            prop_assert!(!entry.is_fuzzy(), "{} is unchanged but flagged", id);
            prop_assert_eq!(&entry.msgstr.value, &day.translations[z], "{}", id);
            continue;
        }
        if entry.msgstr.value.is_empty() {
            continue;
        }
        prop_assert!(
            !origin.is_empty(),
            "{} is a new sentence but got {:?}",
            id,
            entry.msgstr.value
        );
        if !entry.is_fuzzy() {
            // Unflagged: only ever the translation of exactly this text.
            let z = by_text.get(segment.text.as_str()).copied();
            prop_assert!(
                z.is_some(),
                "{} is translated unflagged from another text",
                id
            );
            prop_assert_eq!(Some(&entry.msgstr.value), z.map(|z| &day.translations[z]));
            continue;
        }
        // A draft: translations of the sentences this one comes from, or of similar ones,
        // with their source as `#| msgid`.
        let ways = decompositions(&entry.msgstr.value, &day.translations);
        let previous = entry.previous_msgid.as_ref().map(|p| p.value.as_str());
        let good = ways.iter().find(|way| {
            let joined: Vec<&str> = way.iter().map(|&z| day.texts[z].as_str()).collect();
            previous == Some(joined.join(" ").as_str())
                && way
                    .iter()
                    .all(|z| origin.contains(z) || related(&day.texts[*z], &segment.text))
        });
        prop_assert!(
            good.is_some(),
            "{}: draft {:?} (previous {:?}) is not from {:?}",
            id,
            entry.msgstr.value,
            previous,
            origin
        );
        drafted.extend(good.into_iter().flatten().copied());
    }
    // No translation is lost: each original one is in place, in a draft, or obsolete; a
    // deleted sentence's entry is obsolete.
    let alive: BTreeSet<usize> = origins.iter().flatten().copied().collect();
    for (z, text) in day.texts.iter().enumerate() {
        let obsolete = out
            .obsolete()
            .any(|e| &e.msgid.value == text && e.msgstr.value == day.translations[z]);
        let in_place = active
            .iter()
            .any(|e| &e.msgid.value == text && !e.is_fuzzy());
        prop_assert!(
            obsolete || in_place || drafted.contains(&z),
            "the translation of {:?} is lost",
            text
        );
        if !alive.contains(&z) {
            prop_assert!(!in_place);
            prop_assert!(
                obsolete || drafted.contains(&z),
                "deleted {:?} is not obsolete",
                text
            );
        }
    }
    // What is published is the translation of exactly the published source, or a flagged draft.
    let t = apply(doc, out, lang("bg"));
    for segment in &segments {
        if t.state(&segment.id) == &SegmentState::Translated {
            let z = by_text.get(segment.text.as_str()).copied();
            prop_assert!(z.is_some());
        }
    }
    Ok(())
}

/// Checks a catalog updated with [`Update::Keep`]: nothing a translator wrote is changed, an
/// entry stands under its own text or is stale (never published), nothing is lost.
fn check_keep(day: &Day, doc: &Document, out: &Catalog) -> Result<(), TestCaseError> {
    let by_text: HashMap<&str, usize> = day
        .texts
        .iter()
        .enumerate()
        .map(|(i, t)| (t.as_str(), i))
        .collect();
    let segments = doc.segments();
    let active: Vec<&Entry> = out.active().collect();
    prop_assert!(active.len() >= segments.len());
    for (segment, entry) in segments.iter().zip(&active) {
        prop_assert_eq!(
            entry.msgctxt.as_ref().map(|c| c.value.as_str()),
            Some(segment.id.as_str())
        );
        prop_assert!(!entry.is_fuzzy());
        if entry.msgstr.value.is_empty() && entry.msgid.value == segment.text {
            continue; // a new segment's empty entry
        }
        let z = by_text.get(entry.msgid.value.as_str()).copied();
        prop_assert!(z.is_some(), "{}: msgid changed", segment.id);
        prop_assert_eq!(Some(&entry.msgstr.value), z.map(|z| &day.translations[z]));
    }
    for (z, text) in day.texts.iter().enumerate() {
        let kept = out
            .entries
            .iter()
            .filter(|e| &e.msgid.value == text && e.msgstr.value == day.translations[z])
            .count();
        prop_assert_eq!(kept, 1, "{:?}", text);
    }
    let t = apply(doc, out, lang("bg"));
    for segment in &segments {
        if !t.state(&segment.id).falls_back() {
            let z = by_text.get(segment.text.as_str()).copied();
            prop_assert!(
                z.is_some(),
                "{} publishes a translation of another text",
                segment.id
            );
        }
    }
    Ok(())
}

proptest! {
    // 64 cases: a few seconds in debug (thousands passed when the test was written).
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn translations_follow_their_sentences_through_random_edits(
        edits in prop::collection::vec(edit(), 1..10),
    ) {
        let day = day();
        let mut model = day.model.clone();
        for e in &edits {
            model.apply(e);
        }
        let (doc, origins) = document(&model);
        let bg = lang("bg");

        let (refreshed, report) = update_catalog_with_report(&doc, Some(&day.catalog), &bg, Update::Refresh);
        check_refresh(&day, &doc, &origins, &refreshed)?;
        // The report tells what happened (day 686 has no fuzzy or obsolete entry to begin with).
        prop_assert_eq!(report.drafts.len(), refreshed.active().filter(|e| e.is_fuzzy()).count());
        prop_assert_eq!(report.obsoleted.len(), refreshed.obsolete().count());
        prop_assert_eq!(
            report.added.len(),
            refreshed.active().filter(|e| e.msgstr.value.is_empty()).count()
        );
        let text = write_po(&refreshed);
        let parsed = parse_po(&text);
        prop_assert!(parsed.diagnostics.is_empty(), "{:?}\n{}", parsed.diagnostics, text);
        let again = update_catalog(&doc, Some(&parsed.catalog), &bg, Update::Refresh);
        prop_assert_eq!(write_po(&again), text, "refreshing twice changes the file");

        let kept = update_catalog(&doc, Some(&day.catalog), &bg, Update::Keep);
        check_keep(&day, &doc, &kept)?;
        let text = write_po(&kept);
        let again = update_catalog(&doc, Some(&parse_po(&text).catalog), &bg, Update::Keep);
        prop_assert_eq!(write_po(&again), text, "keeping twice changes the file");
    }
}

/// The original entry of `id` in day 686.
fn original<'a>(day: &'a Day, id: &str) -> &'a Entry {
    day.catalog
        .get(&SegmentId::parse(id).expect("an id"))
        .expect("the entry")
}

/// The sentence `s4.p7.2` of day 686, removed from the model.
fn delete_prisoners(model: &mut Model) -> Item {
    model.sections[3].paragraphs[6].remove(1)
}

#[test]
fn deleting_a_sentence_moves_the_next_translation_with_its_text() {
    let day = day();
    let prisoners = original(&day, "s4.p7.2").clone();
    let winter = original(&day, "s4.p7.3").clone();
    assert_eq!(
        prisoners.msgid.value,
        "Most prisoners there are convicted of serious crimes."
    );
    assert!(
        winter.msgstr.value.starts_with("Зимата е сурова"),
        "{}",
        winter.msgstr.value
    );

    let mut model = day.model.clone();
    let removed = delete_prisoners(&mut model);
    assert_eq!(removed.text, prisoners.msgid.value);
    let (doc, _) = document(&model);
    let bg = lang("bg");
    for mode in [Update::Refresh, Update::Keep] {
        let (out, report) = update_catalog_with_report(&doc, Some(&day.catalog), &bg, mode);
        assert_eq!(
            report,
            UpdateReport {
                moved: vec![("s4.p7.3".into(), SegmentId::sentence(4, 7, 2))],
                obsoleted: vec!["s4.p7.2".into()],
                ..UpdateReport::default()
            },
            "{mode:?}"
        );
        let now = out.get(&SegmentId::sentence(4, 7, 2)).expect("s4.p7.2");
        assert_eq!(now.msgid.value, winter.msgid.value, "{mode:?}");
        assert_eq!(now.msgstr.value, winter.msgstr.value, "{mode:?}");
        assert!(!now.is_fuzzy() && now.previous_msgid.is_none(), "{mode:?}");
        assert!(out.get(&SegmentId::sentence(4, 7, 3)).is_none(), "{mode:?}");
        let gone: Vec<&Entry> = out.obsolete().collect();
        assert_eq!(gone.len(), 1, "{mode:?}");
        assert_eq!(gone[0].msgid.value, prisoners.msgid.value);
        assert_eq!(gone[0].msgstr.value, prisoners.msgstr.value);
        let t = apply(&doc, &out, bg.clone());
        assert_eq!(
            t.state(&SegmentId::sentence(4, 7, 2)),
            &SegmentState::Translated
        );
        assert!(t.counts.is_complete(), "{mode:?}: {:?}", t.counts);
        let published = &t.document.sections[3].paragraphs[6].segments[1].text;
        assert_eq!(published, &winter.msgstr.value);
    }

    // Putting the sentence back brings its translation back, unflagged, from `#~`.
    let out = update_catalog(&doc, Some(&day.catalog), &bg, Update::Refresh);
    let (back, report) =
        update_catalog_with_report(&document(&day.model).0, Some(&out), &bg, Update::Refresh);
    assert_eq!(write_po(&back), write_po(&day.catalog));
    assert_eq!(report.revived, [SegmentId::sentence(4, 7, 2)]);
    assert_eq!(
        report.moved,
        [("s4.p7.2".into(), SegmentId::sentence(4, 7, 3))]
    );
}

#[test]
fn inserting_a_sentence_gives_it_an_empty_entry_and_moves_the_others() {
    let day = day();
    let mut model = day.model.clone();
    model.sections[3].paragraphs[6].insert(
        1,
        Item {
            text: "Visits are rare.".into(),
            origin: Vec::new(),
        },
    );
    let (doc, _) = document(&model);
    let out = update_catalog(&doc, Some(&day.catalog), &lang("bg"), Update::Refresh);
    let new = out.get(&SegmentId::sentence(4, 7, 2)).expect("s4.p7.2");
    assert_eq!(
        (new.msgid.value.as_str(), new.msgstr.value.as_str()),
        ("Visits are rare.", "")
    );
    for (was, now) in [("s4.p7.2", (4, 7, 3)), ("s4.p7.3", (4, 7, 4))] {
        let before = original(&day, was);
        let after = out
            .get(&SegmentId::sentence(now.0, now.1, now.2))
            .expect("moved");
        assert_eq!(
            (&after.msgid, &after.msgstr, &after.flags),
            (&before.msgid, &before.msgstr, &before.flags)
        );
    }
    assert_eq!(out.obsolete().count(), 0);
}

#[test]
fn an_edited_a_split_and_a_merged_sentence_get_flagged_drafts() {
    let day = day();
    let mut model = day.model.clone();
    let para = &mut model.sections[3].paragraphs[6];
    // s4.p7.1 edited, s4.p7.2 and s4.p7.3 merged.
    para[0].text = para[0].text.replace("one of the", "one of the very");
    let next = para.remove(2);
    para[1].text = format!("{}; {}", para[1].text.trim_end_matches('.'), next.text);
    let (doc, _) = document(&model);
    let out = update_catalog(&doc, Some(&day.catalog), &lang("bg"), Update::Refresh);
    let edited = out.get(&SegmentId::sentence(4, 7, 1)).expect("s4.p7.1");
    let before = original(&day, "s4.p7.1");
    assert!(edited.is_fuzzy());
    assert_eq!(edited.msgstr.value, before.msgstr.value);
    assert_eq!(
        edited.previous_msgid.as_ref().map(|p| &p.value),
        Some(&before.msgid.value)
    );
    let merged = out.get(&SegmentId::sentence(4, 7, 2)).expect("s4.p7.2");
    let (a, b) = (original(&day, "s4.p7.2"), original(&day, "s4.p7.3"));
    assert!(merged.is_fuzzy());
    assert_eq!(
        merged.msgstr.value,
        format!("{} {}", a.msgstr.value, b.msgstr.value)
    );
    assert_eq!(
        merged.previous_msgid.as_ref().map(|p| p.value.clone()),
        Some(format!("{} {}", a.msgid.value, b.msgid.value))
    );
    assert_eq!(out.obsolete().count(), 0);
    let t = apply(&doc, &out, lang("bg"));
    assert_eq!(t.counts.needs_review, 2);
    assert!(!t.counts.is_complete());
    assert!(!t.state(&SegmentId::sentence(4, 7, 1)).is_done());

    // Split again: the draft goes to the part most like the old sentence only.
    let mut model = day.model.clone();
    let para = &mut model.sections[3].paragraphs[6];
    let winter = para[2].text.clone();
    let (first, second) = winter.split_once(" and ").expect("two clauses");
    para[2].text = format!("{first}.");
    para.insert(
        3,
        Item {
            text: second.to_owned(),
            origin: Vec::new(),
        },
    );
    let (doc, _) = document(&model);
    let out = update_catalog(&doc, Some(&day.catalog), &lang("bg"), Update::Refresh);
    let parts = [
        out.get(&SegmentId::sentence(4, 7, 3)).expect("first part"),
        out.get(&SegmentId::sentence(4, 7, 4)).expect("second part"),
    ];
    let drafts: Vec<&&Entry> = parts
        .iter()
        .filter(|e| !e.msgstr.value.is_empty())
        .collect();
    assert_eq!(drafts.len(), 1, "{parts:?}");
    assert!(drafts[0].is_fuzzy());
    assert_eq!(
        drafts[0].msgstr.value,
        original(&day, "s4.p7.3").msgstr.value
    );
    assert_eq!(out.obsolete().count(), 0);
}
