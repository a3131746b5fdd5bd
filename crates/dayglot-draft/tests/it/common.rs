//! Loading the project's real data the way the CLI does (the library itself reads nothing).

use std::path::{Path, PathBuf};

use dayglot_core::{DayId, Document, Lang};
use dayglot_draft::{CatalogText, LangData, Memory, Resources};
use dayglot_glossary::{Glossary, GlossaryFile};
use dayglot_ingest::{LanguageRules, Options, ingest};
use dayglot_translate::{Catalog, parse_po};

pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub(crate) fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

pub(crate) fn lang(tag: &str) -> Lang {
    Lang::parse(tag).unwrap()
}

/// The target languages: folders of `locales/` with a `check.toml`, but the source's.
pub(crate) fn targets() -> Vec<Lang> {
    let mut out: Vec<Lang> = std::fs::read_dir(root().join("locales"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().join("check.toml").is_file())
        .filter_map(|e| Lang::parse(&e.file_name().to_string_lossy()).ok())
        .filter(|l| l.as_str() != "en")
        .collect();
    out.sort();
    out
}

pub(crate) fn glossary() -> Glossary {
    let registry = GlossaryFile::new(
        "locales/glossary/entities.toml",
        read("locales/glossary/entities.toml"),
    );
    let mut files = Vec::new();
    for l in std::iter::once(lang("en")).chain(targets()) {
        let path = format!("locales/{l}/glossary.toml");
        if root().join(&path).is_file() {
            files.push(GlossaryFile::new(path.clone(), read(&path)).with_lang(l));
        }
    }
    Glossary::load(&registry, &files).0
}

pub(crate) fn lang_data(l: &Lang) -> LangData {
    let path = format!("locales/{l}/check.toml");
    LangData::parse(l.clone(), &path, &read(&path)).unwrap()
}

pub(crate) fn resources(glossary: &Glossary) -> Resources<'_> {
    Resources::new(
        glossary,
        lang_data(&lang("en")),
        targets().iter().map(lang_data).collect(),
    )
}

/// A source text parsed with the English ingest rules.
pub(crate) fn document(text: &str) -> Document {
    let rules = LanguageRules::from_toml(&read("locales/en/ingest.toml")).unwrap();
    ingest(text, &Options::new(lang("en"), &rules)).document
}

pub(crate) fn day(n: u32) -> DayId {
    DayId::from_number(n).unwrap()
}

pub(crate) fn catalog(day: &str, l: &Lang) -> Option<Catalog> {
    let path = root().join(format!("corpus/{day}/{l}.po"));
    let text = std::fs::read_to_string(path).ok()?;
    Some(parse_po(&text).catalog)
}

/// The memory of the corpus's day-686 catalogs.
pub(crate) fn corpus_memory() -> Memory {
    let texts: Vec<(Lang, String)> = targets()
        .into_iter()
        .filter_map(|l| {
            let t = std::fs::read_to_string(root().join(format!("corpus/day-686/{l}.po"))).ok()?;
            Some((l, t))
        })
        .collect();
    let catalogs: Vec<CatalogText<'_>> = texts
        .iter()
        .map(|(l, t)| CatalogText {
            day: day(686),
            lang: l,
            text: t,
        })
        .collect();
    let mut memory = Memory::new();
    memory.update(&catalogs);
    memory
}
