//! `dayglot ingest`: the model of the real day, and a clear error for every kind of bad input.

use std::path::Path;

use crate::support::{dayglot, project_copy, repo_root};

/// Runs `dayglot ingest` in `root` and returns (exit code, stdout, stderr) with the temporary
/// folder's path replaced by `[ROOT]`.
fn run(root: &Path, args: &[&str]) -> (i32, String, String) {
    let out = dayglot(root)
        .arg("ingest")
        .args(args)
        .output()
        .expect("dayglot runs");
    let clean =
        |b: &[u8]| String::from_utf8_lossy(b).replace(&root.display().to_string(), "[ROOT]");
    (
        out.status.code().unwrap_or(-1),
        clean(&out.stdout),
        clean(&out.stderr),
    )
}

#[test]
fn day_686_model_json() {
    let (code, stdout, _) = run(&repo_root(), &["day-686", "--format", "json"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("valid JSON");
    assert_eq!(json["day"], 686);
    assert_eq!(json["date"], "2024-01-10");
    assert_eq!(json["headlines"].as_array().map(Vec::len), Some(5));
    insta::assert_snapshot!("day_686_model", stdout);
}

#[test]
fn invalid_day_ids_are_rejected_before_touching_files() {
    for bad in ["day-0", "day-", "day-01"] {
        let (code, _, stderr) = run(&repo_root(), &[bad]);
        assert_eq!(code, 2, "{bad}: {stderr}");
        assert!(stderr.contains("is not a day id"), "{bad}: {stderr}");
    }
}

#[test]
fn unknown_day() {
    let (code, _, stderr) = run(&repo_root(), &["day-9999"]);
    assert_eq!(code, 2);
    insta::assert_snapshot!(stderr.replace(&repo_root().display().to_string(), "[ROOT]"), @r"
    error: day-9999 is not in the corpus: [ROOT]/corpus/day-9999 does not exist (days in the corpus: day-686)
    ");
}

#[test]
fn day_folder_without_metadata() {
    let project = project_copy();
    std::fs::create_dir_all(project.path().join("corpus/day-700")).expect("mkdir");
    let (code, _, stderr) = run(project.path(), &["day-700"]);
    assert_eq!(code, 2);
    insta::assert_snapshot!(stderr, @r#"
    error: [ROOT]/corpus/day-700/day.toml is missing: every day folder needs its metadata, e.g. `day = 686` and `source_lang = "en"`
    "#);
}

#[test]
fn missing_corpus_folder() {
    let project = project_copy();
    std::fs::remove_dir_all(project.path().join("corpus")).expect("rm corpus");
    let (code, _, stderr) = run(project.path(), &["day-686"]);
    assert_eq!(code, 2);
    insta::assert_snapshot!(stderr, @"error: the corpus folder [ROOT]/corpus does not exist; create it, with one folder per day (corpus/day-686/)");
}

#[test]
fn bad_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).expect("write");
        p.display().to_string()
    };
    let cases = [
        ("empty.en.txt", b"".to_vec()),
        ("cp1251.bg.txt", b"Day 686\n\xc4\xe5\xed 686".to_vec()),
        (
            "binary.en.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec(),
        ),
    ];
    let mut report = String::new();
    for (name, bytes) in cases {
        let path = write(name, &bytes);
        let (code, _, stderr) = run(dir.path(), &[&path]);
        report.push_str(&format!(
            "## {name}: exit {code}\n{}\n",
            stderr.replace(&dir.path().display().to_string(), "[DIR]")
        ));
    }
    let (code, _, _) = run(
        dir.path(),
        &[&dir.path().join("missing.txt").display().to_string()],
    );
    report.push_str(&format!("## missing.txt: exit {code}\n"));
    insta::assert_snapshot!(report);
}

#[test]
fn a_markdown_file_gives_the_same_model_as_plain_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let md = "# Day 686 of the invasion of Ukraine.\n\nSummary of key events in the last 24 hours:\n\n- Zelensky visits Lithuania\n\n## Zelensky visits Lithuania\n\nZelensky arrived in Vilnius. He met Nauseda.\n";
    let txt = "Day 686 of the invasion of Ukraine. Summary of key events in the last 24 hours:\n\nZelensky visits Lithuania\n\n\n\nZelensky visits Lithuania\n\nZelensky arrived in Vilnius. He met Nauseda.\n";
    std::fs::write(dir.path().join("a.en.md"), md).expect("write");
    std::fs::write(dir.path().join("a.en.txt"), txt).expect("write");
    let json = |name: &str| {
        let (code, out, err) = run(
            dir.path(),
            &[
                &dir.path().join(name).display().to_string(),
                "--format",
                "json",
            ],
        );
        assert_eq!(code, 0, "{err}");
        let mut v = serde_json::from_str::<serde_json::Value>(&out).expect("json");
        // Positions differ by construction (`# ` before a Markdown title); the rest must not.
        for d in v["diagnostics"].as_array_mut().into_iter().flatten() {
            d["column"] = serde_json::Value::Null;
        }
        v
    };
    assert_eq!(json("a.en.md"), json("a.en.txt"));
}

#[test]
fn the_project_is_found_from_a_subfolder_or_with_root() {
    let project = project_copy();
    let sub = project.path().join("corpus/day-686");
    let found = assert_cmd::Command::new(env!("CARGO_BIN_EXE_dayglot"))
        .current_dir(&sub)
        .args(["ingest", "day-686", "--format", "json"])
        .output()
        .expect("runs");
    assert!(
        found.status.success(),
        "{}",
        String::from_utf8_lossy(&found.stderr)
    );
    let (code, with_root, _) = run(project.path(), &["day-686", "--format", "json"]);
    assert_eq!(code, 0);
    assert_eq!(String::from_utf8_lossy(&found.stdout), with_root);

    let outside = tempfile::tempdir().expect("tempdir");
    let lost = assert_cmd::Command::new(env!("CARGO_BIN_EXE_dayglot"))
        .current_dir(outside.path())
        .args(["ingest", "day-686"])
        .output()
        .expect("runs");
    assert_eq!(lost.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&lost.stderr).contains("no dayglot.toml found"));
}
