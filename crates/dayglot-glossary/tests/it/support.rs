//! Shared helpers: the checkout's paths and the project's glossary.

use std::path::{Path, PathBuf};

use dayglot_core::Lang;
use dayglot_glossary::{Glossary, GlossaryFile};

/// The root of the checkout.
pub(crate) fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// This crate's folder.
pub(crate) fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub(crate) fn lang(s: &str) -> Lang {
    Lang::parse(s).expect("valid tag")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The registry and the language glossaries of the project, as the CLI loads them.
pub(crate) fn project_files() -> (GlossaryFile, Vec<GlossaryFile>) {
    let root = repo_root();
    let registry = GlossaryFile::new(
        "locales/glossary/entities.toml",
        read(&root.join("locales/glossary/entities.toml")),
    );
    let langs = ["en", "bg", "de", "uk"]
        .iter()
        .map(|l| {
            let path = format!("locales/{l}/glossary.toml");
            GlossaryFile::new(path.clone(), read(&root.join(&path))).with_lang(lang(l))
        })
        .collect();
    (registry, langs)
}

/// The project's glossary; panics with the rendered diagnostics if it does not lint clean.
pub(crate) fn project_glossary() -> Glossary {
    let (registry, langs) = project_files();
    let (glossary, diags) = Glossary::load(&registry, &langs);
    let mut files = vec![&registry];
    files.extend(langs.iter());
    let rendered = dayglot_glossary::render_file_diagnostics(&files, &diags);
    assert!(
        diags.is_empty(),
        "the project glossary does not lint clean:\n{rendered}"
    );
    glossary
}

/// The translations of a PO file: (msgctxt, msgstr) in file order. Enough for the corpus files
/// (one-line strings with `\"` and `\\` escapes).
pub(crate) fn po_translations(path: &Path) -> Vec<(String, String)> {
    let text = read(path);
    let unquote = |s: &str| {
        s.trim()
            .trim_start_matches('"')
            .trim_end_matches('"')
            .replace("\\\"", "\"")
            .replace("\\\\", "\\")
    };
    let mut out = Vec::new();
    let mut ctxt = None;
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("msgctxt ") {
            ctxt = Some(unquote(rest));
        } else if let Some(rest) = line.strip_prefix("msgstr ")
            && let Some(c) = ctxt.take()
        {
            out.push((c, unquote(rest)));
        }
    }
    out
}
