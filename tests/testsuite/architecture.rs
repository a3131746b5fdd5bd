//! The architecture's invariants, enforced: the pure crates never touch the file system, the
//! environment or the clock and never spell a project path; every diagnostic code used anywhere
//! is registered (`dayglot explain` knows it); no `match` on language codes outside tests.

use std::path::{Path, PathBuf};

use crate::support::repo_root;

/// The crates that must stay pure (the parser part of ingest included).
const PURE: [&str; 6] = [
    "dayglot-core",
    "dayglot-ingest",
    "dayglot-glossary",
    "dayglot-translate",
    "dayglot-render",
    "dayglot-check",
];

/// Every `.rs` file under `dir`, recursively, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The code of a file up to its `#[cfg(test)]` module (tests may read fixtures).
fn non_test_code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("read source");
    match text.find("#[cfg(test)]") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

#[test]
fn pure_crates_do_no_io_and_spell_no_project_path() {
    let forbidden = [
        "std::fs",
        "fs::read",
        "File::open",
        "File::create",
        "read_dir(",
        "std::env",
        "env::var",
        "SystemTime::now",
        "Instant::now",
        "println!",
        "eprintln!",
        "\"corpus/",
        "\"locales/",
        "corpus/{",
        "locales/{",
    ];
    let mut problems = Vec::new();
    for krate in PURE {
        let src = repo_root().join("crates").join(krate).join("src");
        assert!(src.is_dir(), "{} is missing", src.display());
        for file in rust_files(&src) {
            let code = non_test_code(&file);
            for (n, line) in code.lines().enumerate() {
                let line_code = line.split("//").next().unwrap_or("");
                for pattern in forbidden {
                    if line_code.contains(pattern) {
                        problems.push(format!(
                            "{}:{}: `{pattern}` in a pure crate: {}",
                            file.display(),
                            n + 1,
                            line.trim()
                        ));
                    }
                }
            }
        }
        let clippy = repo_root().join("crates").join(krate).join("clippy.toml");
        let text = std::fs::read_to_string(&clippy).unwrap_or_default();
        for method in [
            "std::fs::read",
            "std::fs::write",
            "std::env::var",
            "std::time::SystemTime::now",
        ] {
            if !text.contains(&format!("\"{method}\"")) {
                problems.push(format!(
                    "{}: disallowed-methods lacks {method}",
                    clippy.display()
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "the pure crates must stay pure:\n{}",
        problems.join("\n")
    );
}

/// `"kind::name"` string literals in code: the diagnostic codes.
fn code_literals(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(start) = text[i..].find('"').map(|k| k + i) {
        let Some(end) = text[start + 1..].find('"').map(|k| k + start + 1) else {
            break;
        };
        let lit = &text[start + 1..end];
        if let Some((kind, name)) = lit.split_once("::")
            && [
                "check", "fluent", "glossary", "ingest", "po", "publish", "render", "fetch",
                "draft", "lang", "status",
            ]
            .contains(&kind)
            && !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && bytes.get(start.wrapping_sub(1)) != Some(&b'\\')
        {
            out.push(lit.to_owned());
        }
        i = end + 1;
    }
    out
}

#[test]
fn every_diagnostic_code_is_registered() {
    let mut unknown = Vec::new();
    let crates = repo_root().join("crates");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&crates)
        .expect("crates/")
        .flatten()
        .map(|e| e.path().join("src"))
        .collect();
    dirs.sort();
    for dir in dirs {
        for file in rust_files(&dir) {
            let text = non_test_code(&file);
            for code in code_literals(&text) {
                if dayglot_core::codes::explain(&code).is_none() {
                    unknown.push(format!("{}: `{code}`", file.display()));
                }
            }
        }
    }
    assert!(
        unknown.is_empty(),
        "codes used but not registered in crates/dayglot-core/src/codes.rs (add them with an explanation):\n{}",
        unknown.join("\n")
    );
}

#[test]
fn the_registry_check_catches_an_unregistered_code() {
    // The scanner itself must see codes, or the test above could never fail.
    let found =
        code_literals(r#"Diagnostic::error("check::no-such-code", span, "m"); let x = "a::b";"#);
    assert_eq!(found, ["check::no-such-code"]);
    assert!(dayglot_core::codes::explain("check::no-such-code").is_none());
}

/// The language tags of the project (`locales/<lang>/`) and the other languages the series
/// meets, as `"tag"` literals.
fn language_literals() -> Vec<String> {
    let mut tags: Vec<String> = std::fs::read_dir(repo_root().join("locales"))
        .expect("locales/")
        .flatten()
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| dayglot_core::Lang::parse(n).is_ok())
        .collect();
    tags.extend(["ru", "sr", "sr-Latn", "ro", "en", "bg", "uk", "de", "pl"].map(String::from));
    tags.into_iter().map(|t| format!("\"{t}\"")).collect()
}

#[test]
fn no_match_on_language_codes_outside_tests() {
    let langs = language_literals();
    let mut problems = Vec::new();
    let crates = repo_root().join("crates");
    for entry in std::fs::read_dir(&crates).expect("crates/").flatten() {
        for file in rust_files(&entry.path().join("src")) {
            let code = non_test_code(&file);
            for (n, line) in code.lines().enumerate() {
                let t = line.trim_start();
                // A match arm on a language tag: `"bg" =>`, `"uk" | "ru" =>`.
                let Some((arm, value)) = t.split_once("=>") else {
                    continue;
                };
                // `"bg" | "uk" => …` or `… => "de",`: a language written into code.
                let arm_is_lang = !arm.trim().is_empty()
                    && arm
                        .split('|')
                        .all(|alt| langs.contains(&alt.trim().to_owned()));
                let value = value.trim().trim_end_matches(',');
                let value_is_lang = langs.contains(&value.to_owned());
                if arm_is_lang || value_is_lang {
                    problems.push(format!("{}:{}: {}", file.display(), n + 1, t));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "languages are data (locales/<lang>/), not match arms:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_cli_only_dispatches() {
    // Logic lives in dayglot-pipeline; the binary parses, calls, prints. fetch.rs is the largest
    // because its arguments (timeouts, retries, limits) and its progress bar are the CLI's own.
    let src = repo_root().join("crates/dayglot-cli/src");
    let mut total = 0;
    let mut long = Vec::new();
    for file in rust_files(&src) {
        let lines = std::fs::read_to_string(&file)
            .expect("read")
            .lines()
            .count();
        total += lines;
        if lines > 200 {
            long.push(format!("{}: {lines} lines", file.display()));
        }
    }
    assert!(
        total < 1200,
        "dayglot-cli/src has {total} lines: move logic to dayglot-pipeline"
    );
    assert!(
        long.is_empty(),
        "subcommands longer than 200 lines:\n{}",
        long.join("\n")
    );
}

#[test]
fn explain_prints_a_registered_code_and_suggests_for_a_typo() {
    let out = crate::support::dayglot(&repo_root())
        .args(["explain", "check::number-mismatch"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.starts_with("check::number-mismatch (error by default)"),
        "{stdout}"
    );
    assert!(stdout.contains("compared by value"), "{stdout}");
    let out = crate::support::dayglot(&repo_root())
        .args(["explain", "check::number-missmatch"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("did you mean `check::number-mismatch`?")
    );
}
