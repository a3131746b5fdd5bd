//! Placeable substitution: a memory translation made to fit a new source text. Numbers are
//! replaced by value and written the target language's way, dates keep the month's case the
//! memory used, and a glossary name is swapped for the new entity in the same case.

use std::collections::BTreeMap;

use dayglot_check::{Fact, FactKind, LangRules, facts};
use dayglot_glossary::{FormKind, LangForms};

use crate::lang::{LangData, Resources};
use crate::text::capitalise;
use crate::verify::Note;

/// A memory translation adapted to a new source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Adapted {
    /// The adapted translation.
    pub(crate) text: String,
    /// What was substituted (`1 900 → 2 300`).
    pub(crate) substitutions: Vec<String>,
    /// What could not be substituted with certainty.
    pub(crate) unverified: Vec<Note>,
}

fn class(kind: FactKind) -> u8 {
    match kind {
        FactKind::Number | FactKind::Spelled => 0,
        FactKind::Time => 1,
        FactKind::Date => 2,
    }
}

/// Adapts `mem_target` (the translation of `mem_source`) to `new_source`.
pub(crate) fn adapt(
    res: &Resources<'_>,
    tgt: &LangData,
    mem_source: &str,
    mem_target: &str,
    new_source: &str,
) -> Adapted {
    let mut edits: Vec<(usize, usize, String, String)> = Vec::new();
    let mut unverified = Vec::new();
    substitute_facts(
        res,
        tgt,
        mem_source,
        mem_target,
        new_source,
        &mut edits,
        &mut unverified,
    );
    substitute_names(
        res,
        tgt,
        mem_source,
        mem_target,
        new_source,
        &mut edits,
        &mut unverified,
    );
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut text = mem_target.to_owned();
    let mut floor = usize::MAX;
    let mut substitutions = Vec::new();
    for (s, e, with, what) in edits {
        if e > floor {
            unverified.push(Note::new(
                "draft::unverified",
                format!("two substitutions overlap at {what}"),
            ));
            continue;
        }
        text.replace_range(s..e, &with);
        floor = s;
        substitutions.push(what);
    }
    substitutions.reverse();
    Adapted {
        text,
        substitutions,
        unverified,
    }
}

fn substitute_facts(
    res: &Resources<'_>,
    tgt: &LangData,
    mem_source: &str,
    mem_target: &str,
    new_source: &str,
    edits: &mut Vec<(usize, usize, String, String)>,
    unverified: &mut Vec<Note>,
) {
    let old = facts(mem_source, &res.source.rules);
    let new = facts(new_source, &res.source.rules);
    let same = |a: &[Fact], b: &[Fact]| {
        a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|(x, y)| x.key == y.key && x.kind == y.kind)
    };
    if same(&old, &new) {
        return;
    }
    if old.len() != new.len()
        || old
            .iter()
            .zip(&new)
            .any(|(a, b)| class(a.kind) != class(b.kind))
    {
        unverified.push(Note::new(
            "draft::unverified",
            format!(
                "the numbers and dates of the source ({}) do not line up with the memory's ({}): check them",
                new.iter().map(|f| f.key.as_str()).collect::<Vec<_>>().join(", "),
                old.iter().map(|f| f.key.as_str()).collect::<Vec<_>>().join(", ")
            ),
        ));
        return;
    }
    // Old value → new value, per class.
    let mut map: BTreeMap<(u8, &str), &Fact> = BTreeMap::new();
    for (a, b) in old.iter().zip(&new) {
        if a.key == b.key {
            continue;
        }
        if a.kind == FactKind::Spelled || b.kind == FactKind::Spelled {
            unverified.push(Note::new(
                "draft::unverified",
                format!(
                    "a number in words changed ({} → {}): not substituted",
                    a.key, b.key
                ),
            ));
            continue;
        }
        match map.get(&(class(a.kind), a.key.as_str())) {
            Some(prev) if prev.key != b.key => unverified.push(Note::new(
                "draft::unverified",
                format!(
                    "{} became both {} and {}: not substituted",
                    a.key, prev.key, b.key
                ),
            )),
            _ => {
                map.insert((class(a.kind), a.key.as_str()), b);
            }
        }
    }
    if map.is_empty() {
        return;
    }
    let target_facts = facts(mem_target, &tgt.rules);
    // A value is substituted only where the translation writes it as often as its source:
    // `60 km … the 1960s` translated `60 km … lata 60.` must not turn both into 65.
    let count = |list: &[Fact], cls: u8, key: &str| {
        list.iter()
            .filter(|f| class(f.kind) == cls && f.key == key)
            .count()
    };
    let mut found: BTreeMap<(u8, &str), usize> = BTreeMap::new();
    for f in &target_facts {
        let Some(b) = map.get(&(class(f.kind), f.key.as_str())) else {
            continue;
        };
        let entry = found.entry((class(f.kind), f.key.as_str())).or_default();
        *entry += 1;
        let in_source = count(&old, class(f.kind), &f.key);
        let in_target = count(&target_facts, class(f.kind), &f.key);
        if in_source != in_target {
            if *entry == 1 {
                unverified.push(Note::new(
                    "draft::unverified",
                    format!(
                        "{} is written {in_target} times in the memory's translation but {in_source} times in its source: {} is not substituted",
                        f.key, b.key
                    ),
                ));
            }
            continue;
        }
        let written = &mem_target[f.span.range()];
        let replaced = match f.kind {
            FactKind::Number => format_number(&b.key, written, &tgt.rules),
            FactKind::Date => rewrite_date(&f.key, &b.key, written, tgt),
            FactKind::Time => rewrite_time(&f.key, &b.key, written),
            FactKind::Spelled => None,
        };
        match replaced {
            Some(with) => edits.push((
                f.span.start,
                f.span.end,
                with.clone(),
                format!("{written} → {with}"),
            )),
            None => unverified.push(Note::new(
                "draft::unverified",
                format!("{written} ({}) could not be rewritten as {}", f.key, b.key),
            )),
        }
    }
    for ((_, key), b) in &map {
        if !found.keys().any(|(_, k)| k == key) {
            unverified.push(Note::new(
                "draft::unverified",
                format!(
                    "{key} is not written in the memory's translation: {} is not substituted",
                    b.key
                ),
            ));
        }
    }
}

/// A number written like `old` (its group separator and minus sign) with the value `key`, in
/// the target language's notation. `None` when `old` holds words (`1.5 million`).
fn format_number(key: &str, old: &str, rules: &LangRules) -> Option<String> {
    let allowed = |c: char| {
        c.is_ascii_digit()
            || rules.group.contains(&c)
            || c == rules.decimal
            || matches!(c, '-' | '−')
    };
    if !old.chars().all(allowed) {
        return None;
    }
    let (negative, digits) = match key.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, key),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if int.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let old_digits = old.chars().filter(char::is_ascii_digit).count();
    let old_group = old
        .chars()
        .find(|c| rules.group.contains(c) && !c.is_ascii_digit());
    let group = match old_group {
        Some(g) => Some(g),
        // Written ungrouped with five digits or more: the memory's style (an id, a code).
        None if old_digits >= 5 => None,
        // Five digits or more are grouped; four are left as the memory wrote them (`1900 км`).
        None if int.len() >= 5 => rules.group.first().copied(),
        None => None,
    };
    let mut out = String::new();
    if negative {
        out.push(old.chars().find(|c| matches!(c, '-' | '−')).unwrap_or('−'));
    }
    match group {
        Some(g) if int.len() > 3 => {
            for (i, c) in int.chars().enumerate() {
                if i > 0 && (int.len() - i) % 3 == 0 {
                    out.push(g);
                }
                out.push(c);
            }
        }
        _ => out.push_str(int),
    }
    if !frac.is_empty() {
        out.push(rules.decimal);
        out.push_str(frac);
    }
    Some(out)
}

/// Runs of ASCII digits in `text`: (start, end, value).
fn digit_runs(text: &str) -> Vec<(usize, usize, u32)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let s = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            out.push((s, i, text[s..i].parse().unwrap_or(u32::MAX)));
        } else {
            i += 1;
        }
    }
    out
}

fn month_day(key: &str) -> Option<(u8, u32)> {
    let (m, d) = key.split_once('-')?;
    Some((m.parse().ok()?, d.parse().ok()?))
}

/// A date written like `written` (`6 січня`) moved from `old_key` to `new_key` (`01-08`): the
/// day's digits replaced, the month word replaced by the new month's form in the same case.
fn rewrite_date(old_key: &str, new_key: &str, written: &str, tgt: &LangData) -> Option<String> {
    let (om, od) = month_day(old_key)?;
    let (nm, nd) = month_day(new_key)?;
    let runs = digit_runs(written);
    let [(s, e, value)] = runs.as_slice() else {
        return None;
    };
    if *value != od {
        return None;
    }
    let width = e - s;
    let mut out = String::new();
    out.push_str(&written[..*s]);
    out.push_str(&format!("{nd:0width$}"));
    out.push_str(&written[*e..]);
    if om == nm {
        return Some(out);
    }
    // The month word, in the same slot (case) for the new month.
    let mut result = None;
    let mut start = None;
    let bounds: Vec<(usize, usize)> = {
        let mut v = Vec::new();
        for (i, c) in out.char_indices() {
            match (c.is_alphabetic(), start) {
                (true, None) => start = Some(i),
                (false, Some(st)) => {
                    v.push((st, i));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(st) = start {
            v.push((st, out.len()));
        }
        v
    };
    for (ws, we) in bounds {
        let word = &out[ws..we];
        if let Some((m, slot)) = tgt.month_slot(word)
            && m == om
        {
            let form = tgt.month_form(nm, slot)?;
            let form = if word.chars().next().is_some_and(char::is_uppercase) {
                capitalise(form)
            } else {
                form.to_owned()
            };
            let mut text = out.clone();
            text.replace_range(ws..we, &form);
            result = Some(text);
            break;
        }
    }
    result
}

/// A time written like `written` moved from `old_key` to `new_key` (`HH:MM`, 24 hours).
fn rewrite_time(old_key: &str, new_key: &str, written: &str) -> Option<String> {
    let hm = |k: &str| -> Option<(u32, u32)> {
        let (h, m) = k.split_once(':')?;
        Some((h.parse().ok()?, m.parse().ok()?))
    };
    let (oh, om) = hm(old_key)?;
    let (nh, nm) = hm(new_key)?;
    let runs = digit_runs(written);
    let [(hs, he, h), (ms, me, m), ..] = runs.as_slice() else {
        return None;
    };
    if *m != om {
        return None;
    }
    let hour = if *h == oh {
        nh
    } else if *h + 12 == oh && (nh >= 12) {
        // A 12-hour clock: the a.m./p.m. word stays right only on the same half of the day.
        nh - 12
    } else if *h == oh && oh < 12 && nh < 12 {
        nh
    } else {
        return None;
    };
    let hw = he - hs;
    let mut out = String::new();
    out.push_str(&written[..*hs]);
    out.push_str(&format!("{hour:0hw$}"));
    out.push_str(&written[*he..*ms]);
    out.push_str(&format!("{nm:02}"));
    out.push_str(&written[*me..]);
    Some(out)
}

/// The entities of a text in order of first mention.
fn entities(res: &Resources<'_>, text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in res.matcher.find(text, &res.source.lang) {
        if !out.contains(&m.entity) {
            out.push(m.entity);
        }
    }
    out
}

fn substitute_names(
    res: &Resources<'_>,
    tgt: &LangData,
    mem_source: &str,
    mem_target: &str,
    new_source: &str,
    edits: &mut Vec<(usize, usize, String, String)>,
    unverified: &mut Vec<Note>,
) {
    let old = entities(res, mem_source);
    let new = entities(res, new_source);
    let removed: Vec<&String> = old.iter().filter(|e| !new.contains(e)).collect();
    let added: Vec<&String> = new.iter().filter(|e| !old.contains(e)).collect();
    if removed.is_empty() && added.is_empty() {
        return;
    }
    if removed.len() != added.len() {
        unverified.push(Note::new(
            "draft::unverified",
            format!(
                "the names differ from the memory's ({} gone, {} new): check them",
                removed.len(),
                added.len()
            ),
        ));
        return;
    }
    let mentions = res.matcher.find(mem_target, &tgt.lang);
    for (from, to) in removed.into_iter().zip(added) {
        let entity_forms = |id: &str| -> Option<&LangForms> {
            res.glossary.entity(id).and_then(|e| e.forms.get(&tgt.lang))
        };
        let (Some(of), Some(nf)) = (entity_forms(from), entity_forms(to)) else {
            unverified.push(Note::new(
                "draft::unverified",
                format!("{from} → {to}: the glossary has no {} forms", tgt.lang),
            ));
            continue;
        };
        let mut any = false;
        for m in mentions.iter().filter(|m| m.entity == *from) {
            any = true;
            let replacement = swap_form(&m.form, &m.matched, of, nf);
            match replacement {
                Some(r) => {
                    let r = if m.matched.chars().next().is_some_and(char::is_uppercase) {
                        capitalise(&r)
                    } else {
                        r
                    };
                    edits.push((
                        m.span.start,
                        m.span.end,
                        r.clone(),
                        format!("{} → {r}", m.matched),
                    ));
                }
                None => unverified.push(Note::new(
                    "draft::unverified",
                    format!(
                        "{} ({from}) could not be swapped for {to} in the same case",
                        m.matched
                    ),
                )),
            }
        }
        if !any {
            unverified.push(Note::new(
                "draft::unverified",
                format!("the memory's translation does not name {from}: {to} is not substituted"),
            ));
        }
    }
}

/// The new entity's form standing where `matched` (a form of the old entity) stood.
fn swap_form(form: &FormKind, matched: &str, old: &LangForms, new: &LangForms) -> Option<String> {
    match form {
        FormKind::Preferred => Some(new.preferred.clone()),
        FormKind::Short => Some(new.short.clone().unwrap_or_else(|| new.preferred.clone())),
        FormKind::Case(_) => {
            // Every case this text can be (genitive = accusative for many names): the new
            // entity's forms in those cases must agree, or the case is not certain.
            let mut picks: Vec<String> = Vec::new();
            for (case, f) in &old.cases {
                let short = f.short.as_deref() == Some(matched) && f.full != matched;
                if f.full != matched && !short {
                    continue;
                }
                let pick = match new.cases.get(case) {
                    Some(n) if short => n.short.clone().unwrap_or_else(|| n.full.clone()),
                    Some(n) => n.full.clone(),
                    None if new.indeclinable => {
                        if short {
                            new.short.clone().unwrap_or_else(|| new.preferred.clone())
                        } else {
                            new.preferred.clone()
                        }
                    }
                    None => return None,
                };
                if !picks.contains(&pick) {
                    picks.push(pick);
                }
            }
            match picks.as_slice() {
                [one] => Some(one.clone()),
                _ => None,
            }
        }
        _ => None,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn rules(text: &str) -> LangRules {
        LangRules::parse("check.toml", text).unwrap()
    }

    #[test]
    fn numbers_follow_the_memory_and_the_language() {
        let uk = rules(include_str!("../../../locales/uk/check.toml"));
        let de = rules(include_str!("../../../locales/de/check.toml"));
        let en = rules(include_str!("../../../locales/en/check.toml"));
        assert_eq!(
            format_number("2300", "1 900", &uk).as_deref(),
            Some("2 300")
        );
        assert_eq!(
            format_number("2300", "1.900", &de).as_deref(),
            Some("2.300")
        );
        assert_eq!(format_number("12500", "40", &en).as_deref(), Some("12,500"));
        assert_eq!(format_number("7.5", "5,5", &uk).as_deref(), Some("7,5"));
        assert_eq!(format_number("2024", "2023", &uk).as_deref(), Some("2024"));
        assert_eq!(format_number("-14", "−32", &uk).as_deref(), Some("−14"));
        assert_eq!(format_number("1500000", "1,5 мільйона", &uk), None);
    }

    #[test]
    fn times_keep_their_notation() {
        assert_eq!(
            rewrite_time("11:25", "09:05", "11.25").as_deref(),
            Some("09.05")
        );
        assert_eq!(
            rewrite_time("23:25", "22:10", "11:25").as_deref(),
            Some("10:10")
        );
        assert_eq!(
            rewrite_time("11:25", "14:00", "11:25"),
            Some("14:00".to_owned())
        );
    }
}
