//! `dayglot glossary lint|suggest` and `dayglot translit`.

use crate::support::{dayglot, project_copy, repo_root};

#[test]
fn the_project_glossary_lints_clean() {
    let out = dayglot(&repo_root())
        .args(["glossary", "lint"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("59 entities, languages en, bg, de, pl, sr-Cyrl, sr-Latn, uk: no problems"),
        "{stderr}"
    );
}

#[test]
fn lint_reports_problems_with_file_line_and_exit_1() {
    let dir = project_copy();
    let path = dir.path().join("locales/uk/glossary.toml");
    let text = std::fs::read_to_string(&path).expect("uk glossary");
    let broken = text
        .replacen(
            "cases.genitive = \"Литви\"",
            "cases.genetive = \"Литви\"",
            1,
        )
        .replacen("id = \"place/latvia\"", "id = \"place/latvija\"", 1);
    std::fs::write(&path, broken).expect("write");
    let out = dayglot(dir.path())
        .args(["glossary", "lint"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    insta::assert_snapshot!(stderr);
}

#[test]
fn suggest_lists_unknown_names_as_toml() {
    let out = dayglot(&repo_root())
        .args(["glossary", "suggest", "day-686"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    // The registry block is a valid registry on its own: ready to paste.
    let registry_block = stdout
        .split("# ---- ")
        .nth(1)
        .and_then(|b| b.split_once('\n'))
        .map_or("", |b| b.1);
    let registry = dayglot_glossary::GlossaryFile::new("suggested.toml", registry_block);
    let (glossary, diags) = dayglot_glossary::Glossary::load(&registry, &[]);
    assert!(diags.is_empty(), "{diags:?}\n{registry_block}");
    assert!(!glossary.entities().is_empty());
    assert!(stdout.contains("native = \"The Revenant\""), "{stdout}");
    assert!(
        stdout.contains("preferred = \"Келсиус\"  # transliterated with latn-bg"),
        "{stdout}"
    );
    // Adjectives of known names are not new names.
    assert!(!stdout.contains("native = \"Ukrainian\""), "{stdout}");
    // Names of the glossary are never suggested.
    assert!(!stdout.contains("native = \"Zelensky\""), "{stdout}");
}

#[test]
fn translit_reads_lines_and_writes_one_line_per_line() {
    dayglot(&repo_root())
        .args(["translit", "--scheme", "uk-latn-kmu2010"])
        .write_stdin("Зеленський\nЗнам'янка\n\nЩАСТЯ\n")
        .assert()
        .success()
        .stdout("Zelenskyi\nZnamianka\n\nSHCHASTIA\n");
    dayglot(&repo_root())
        .args(["translit", "--scheme", "sr-latn-cyrl"])
        .write_stdin("Đoković\n")
        .assert()
        .success()
        .stdout("Ђоковић\n");
    dayglot(&repo_root())
        .args(["translit", "--scheme", "../etc/passwd"])
        .write_stdin("x\n")
        .assert()
        .code(2);
}
