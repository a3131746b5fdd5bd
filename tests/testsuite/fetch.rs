//! `dayglot fetch` end to end: the binary against a server on 127.0.0.1 started in the test,
//! on a copy of the project. Every failure case checks the exit code, that the message names
//! the URL, and that the corpus is byte for byte unchanged.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use dayglot_core::DayId;
use dayglot_core::SourceFile;
use dayglot_core::json::DocumentJson;
use dayglot_project::Project;

use crate::support::{dayglot, project_copy, repo_root};

// The same misbehaving test server as dayglot-fetch's own tests.
#[path = "../../crates/dayglot-fetch/tests/it/server.rs"]
mod server;

use server::{Reply, Server};

/// A fixture of dayglot-fetch (`fixtures/<feature>/<case>/<file>`).
fn fixture(feature: &str, case: &str, file: &str) -> Vec<u8> {
    let path = repo_root()
        .join("crates/dayglot-fetch/fixtures")
        .join(feature)
        .join(case)
        .join(file);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn day_686_page() -> Reply {
    Reply::ok(
        "text/html; charset=utf-8",
        fixture("extract", "day-686", "page.html"),
    )
}

fn day_687_page() -> Reply {
    Reply::ok(
        "text/html",
        fixture("extract", "day-687-windows-1251", "page.html"),
    )
}

fn day_688_page() -> Reply {
    Reply::ok(
        "text/html",
        fixture("extract", "day-688-koi8-u", "page.html"),
    )
}

/// Every file under `corpus/`, with its bytes.
fn corpus_tree(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(dir: &Path, base: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .expect("read dir")
            .map(|e| e.expect("entry").path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, base, out);
            } else {
                let rel = path.strip_prefix(base).expect("inside").to_path_buf();
                out.insert(rel, std::fs::read(&path).expect("read file"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(&root.join("corpus"), root, &mut out);
    out
}

/// `dayglot fetch` with small limits so that the suite stays fast.
fn fetch(root: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    dayglot(root)
        .arg("fetch")
        .args(args)
        .args([
            "--retries",
            "1",
            "--backoff",
            "10ms",
            "--timeout",
            "2s",
            "--read-timeout",
            "500ms",
        ])
        .args([
            "--connect-timeout",
            "500ms",
            "--delay",
            "10ms",
            "--max-retry-after",
            "2s",
        ])
        .timeout(Duration::from_secs(30))
        .assert()
}

fn stdout(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
}

fn stderr(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stderr).into_owned()
}

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
}

/// The model of a day of a project, without its diagnostics.
fn document(root: &Path, day: &str) -> DocumentJson {
    let project = Project::open(root).expect("project");
    let loaded = project
        .load_day(DayId::parse(day).expect("day id"))
        .expect("the day loads");
    DocumentJson::new(
        &loaded.ingested.document,
        &[],
        &SourceFile::new(&loaded.source_path, &loaded.source_text),
    )
}

/// A project copy without day-686, so that fetching it creates it.
fn project_without_686() -> tempfile::TempDir {
    let dir = project_copy();
    std::fs::remove_dir_all(dir.path().join("corpus/day-686")).expect("remove day-686");
    dir
}

#[test]
fn a_new_day_is_fetched_stored_and_ingested() {
    let server = Server::start(|r| {
        if r.header("if-none-match") == Some("\"v1\"") {
            Reply::status(304)
        } else {
            day_686_page()
                .header("ETag", "\"v1\"")
                .header("Last-Modified", "Wed, 10 Jan 2024 06:30:00 GMT")
        }
    });
    let dir = project_without_686();
    let root = dir.path();
    let url = server.url("/world/day-686");
    let out = fetch(root, &[&url]).success();
    insta::with_settings!({ filters => vec![(r"127\.0\.0\.1:\d+", "[server]")] }, {
        insta::assert_snapshot!(stdout(&out), @"
        day-686: stored corpus/day-686/fetch/rev-1.html and corpus/day-686/fetch/rev-1.toml
        day-686: wrote corpus/day-686/source.en.txt
        day-686: wrote corpus/day-686/day.toml
        day-686: ingested corpus/day-686/source.en.txt: 5 headlines, 5 sections, 67 segments, 2 diagnostics
        ");
    });
    // Plain log lines off a terminal, then the ingestion diagnostics (their rendering is
    // dayglot-ingest's, so only their presence is checked here).
    let log = stderr(&out);
    assert!(
        log.starts_with(&format!("fetching {url}\n{url}: 200 (15925 bytes)\n")),
        "{log}"
    );
    assert!(log.contains("note[ingest::lost-characters]"), "{log}");
    let agent = server.requests()[0]
        .header("user-agent")
        .unwrap_or_default()
        .to_owned();
    assert!(
        agent.starts_with("dayglot/") && agent.ends_with("; +https://dayglot.example)"),
        "{agent}"
    );

    // The text is the corpus's, and ingests to the same model.
    let original =
        std::fs::read_to_string(repo_root().join("corpus/day-686/source.en.txt")).expect("corpus");
    assert_eq!(
        read(root, "corpus/day-686/source.en.txt").trim_end(),
        original.trim_end()
    );
    assert_eq!(document(root, "day-686"), document(&repo_root(), "day-686"));
    // The raw page and its metadata are kept.
    assert_eq!(
        std::fs::read(root.join("corpus/day-686/fetch/rev-1.html")).expect("rev-1"),
        fixture("extract", "day-686", "page.html")
    );
    let meta = read(root, "corpus/day-686/fetch/rev-1.toml");
    for line in [
        &format!("final_url = \"{url}\""),
        "status = 200",
        "charset = \"UTF-8\"",
        "charset_source = \"header\"",
        "etag = '\"v1\"'",
        "last_modified = \"Wed, 10 Jan 2024 06:30:00 GMT\"",
        "fetched_at = \"20",
    ] {
        assert!(meta.contains(line), "rev-1.toml lacks `{line}`:\n{meta}");
    }
    let day_toml = read(root, "corpus/day-686/day.toml");
    assert!(
        day_toml.contains("day = 686\nsource_lang = \"en\"\nsource_url = \"http://127.0.0.1:")
            && day_toml.ends_with("/world/day-686\"\noutlet = \"127.0.0.1\"\n"),
        "{day_toml}"
    );

    // Fetching again sends the validators; the 304 changes nothing.
    let before = corpus_tree(root);
    let out = fetch(root, &[&url]).success();
    assert_eq!(
        stdout(&out),
        "day-686: not modified since rev-1 (304 Not Modified); nothing changed\n"
    );
    assert_eq!(corpus_tree(root), before);
    let last = server.requests().pop().expect("a request");
    assert_eq!(
        last.header("if-modified-since"),
        Some("Wed, 10 Jan 2024 06:30:00 GMT")
    );
}

#[test]
fn a_windows_1251_page_becomes_a_bulgarian_day() {
    let server = Server::start(|_| day_687_page());
    let dir = project_copy();
    let root = dir.path();
    fetch(root, &[&server.url("/bg/den-687"), "--day", "687"]).success();
    let text = read(root, "corpus/day-687/source.bg.txt");
    assert!(
        text.starts_with("Ден 687 от инвазията в Украйна. Обобщение на основните събития през последните 24 часа:\n"),
        "{text}"
    );
    assert_eq!(
        std::fs::read(root.join("corpus/day-687/fetch/rev-1.html")).expect("rev-1"),
        fixture("extract", "day-687-windows-1251", "page.html")
    );
    let meta = read(root, "corpus/day-687/fetch/rev-1.toml");
    assert!(
        meta.contains("charset = \"windows-1251\"\ncharset_source = \"meta\"\n"),
        "{meta}"
    );
    assert!(read(root, "corpus/day-687/day.toml").contains("source_lang = \"bg\""));
    assert_eq!(document(root, "day-687").headlines.len(), 2);
}

#[test]
fn a_wrong_charset_header_is_reported_not_turned_into_mojibake() {
    let server = Server::start(|_| {
        Reply::ok(
            "text/html; charset=utf-8",
            fixture("extract", "day-687-windows-1251", "page.html"),
        )
    });
    let dir = project_copy();
    let root = dir.path();
    let url = server.url("/bg/den-687");
    let out = fetch(root, &[&url]).success();
    assert!(
        stderr(&out).contains(&format!(
            "warning: {url}: the page declares utf-8 (in its HTTP header) but its bytes are windows-1251"
        )),
        "{}",
        stderr(&out)
    );
    assert!(
        read(root, "corpus/day-687/source.bg.txt")
            .contains("Зеленски пристигна на посещение в Естония")
    );
    assert!(
        read(root, "corpus/day-687/fetch/rev-1.toml").contains("charset_source = \"detected\"")
    );
}

#[test]
fn a_changed_page_is_a_new_revision_with_its_difference() {
    let version = Arc::new(AtomicUsize::new(1));
    let current = version.clone();
    let server = Server::start(move |_| {
        let page = String::from_utf8(fixture("extract", "day-686", "page.html")).expect("UTF-8");
        let page = match current.load(Ordering::SeqCst) {
            1 => page,
            _ => page.replace(
                "Zelensky said last month that Ukraine intends",
                "Zelensky said in December that Ukraine intends",
            ),
        };
        Reply::ok("text/html; charset=utf-8", page)
    });
    let dir = project_without_686();
    let root = dir.path();
    let url = server.url("/day-686");
    fetch(root, &[&url]).success();
    version.store(2, Ordering::SeqCst);
    let out = fetch(root, &[&url]).success();
    assert!(
        stdout(&out).contains("day-686: stored corpus/day-686/fetch/rev-2.html"),
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains(
            "the page changed since rev-1; updated corpus/day-686/source.en.txt:\n\
             - Zelensky said last month that Ukraine intends to produce one million drones by 2024.\n\
             + Zelensky said in December that Ukraine intends to produce one million drones by 2024.\n"
        ),
        "{}",
        stdout(&out)
    );
    assert!(read(root, "corpus/day-686/source.en.txt").contains("Zelensky said in December"));
    // A third fetch of the same bytes stores nothing.
    let before = corpus_tree(root);
    let out = fetch(root, &[&url]).success();
    assert!(
        stdout(&out).contains("has not changed since rev-2 (same bytes)"),
        "{}",
        stdout(&out)
    );
    assert_eq!(corpus_tree(root), before);
}

#[test]
fn local_edits_are_never_overwritten() {
    let version = Arc::new(AtomicUsize::new(1));
    let current = version.clone();
    let server = Server::start(move |_| {
        let page = String::from_utf8(fixture("extract", "day-686", "page.html")).expect("UTF-8");
        let page = if current.load(Ordering::SeqCst) == 1 {
            page
        } else {
            page.replace("five and a half times", "5.5 times")
        };
        Reply::ok("text/html; charset=utf-8", page)
    });
    let dir = project_without_686();
    let root = dir.path();
    let url = server.url("/day-686");
    fetch(root, &[&url]).success();
    let source = root.join("corpus/day-686/source.en.txt");
    let edited =
        read(root, "corpus/day-686/source.en.txt").replace("Sergei Chemezov", "Sergey Chemezov");
    std::fs::write(&source, &edited).expect("edit");
    version.store(2, Ordering::SeqCst);
    let out = fetch(root, &[&url]).success();
    assert_eq!(
        read(root, "corpus/day-686/source.en.txt"),
        edited,
        "the editor's text was overwritten"
    );
    let fetched = read(root, "corpus/day-686/source.en.txt.fetched");
    assert!(fetched.contains("5.5 times") && fetched.contains("Sergei Chemezov"));
    assert!(
        stdout(&out).contains("it was edited after rev-1 was fetched, so it was kept"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_feed_brings_in_the_days_not_yet_in_the_corpus() {
    let feed = Arc::new(std::sync::Mutex::new(String::new()));
    let body = feed.clone();
    let server = Server::start(move |r| match r.path.as_str() {
        "/feed.xml" => Reply::ok(
            "application/rss+xml; charset=utf-8",
            body.lock().expect("lock").clone(),
        ),
        "/bg/den-687" => day_687_page(),
        "/world/day-688" => day_688_page(),
        _ => Reply::status(404),
    });
    let xml = String::from_utf8(fixture("feed", "rss", "feed.xml"))
        .expect("UTF-8")
        .replace("{{BASE}}", &server.base);
    *feed.lock().expect("lock") = xml;
    let dir = project_copy();
    let root = dir.path();
    let day_686 = corpus_tree(root)
        .into_iter()
        .filter(|(p, _)| p.starts_with("corpus/day-686"))
        .collect::<BTreeMap<_, _>>();
    let out = fetch(root, &["--feed", &server.url("/feed.xml")]).success();
    let stdout = stdout(&out);
    assert!(
        stdout.contains("4 entries, 3 days of the series (1 other entries ignored)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("day-686: already in the corpus, skipped"),
        "{stdout}"
    );
    assert!(
        stdout.contains("2 new days fetched, 0 with problems"),
        "{stdout}"
    );
    assert!(read(root, "corpus/day-687/source.bg.txt").starts_with("Ден 687"));
    assert!(read(root, "corpus/day-688/source.uk.txt").starts_with("День 688"));
    assert_eq!(
        server.hits("/world/day-686"),
        0,
        "a day in the corpus is not fetched"
    );
    let after = corpus_tree(root)
        .into_iter()
        .filter(|(p, _)| p.starts_with("corpus/day-686"))
        .collect::<BTreeMap<_, _>>();
    assert_eq!(after, day_686);
}

#[test]
fn a_failing_day_of_a_feed_leaves_no_trace_and_the_others_are_kept() {
    let feed = Arc::new(std::sync::Mutex::new(String::new()));
    let body = feed.clone();
    let server = Server::start(move |r| match r.path.as_str() {
        "/feed.xml" => Reply::ok("application/rss+xml", body.lock().expect("lock").clone()),
        "/bg/den-687" => day_687_page(),
        _ => Reply::status(500),
    });
    let xml = String::from_utf8(fixture("feed", "rss", "feed.xml"))
        .expect("UTF-8")
        .replace("{{BASE}}", &server.base);
    *feed.lock().expect("lock") = xml;
    let dir = project_copy();
    let root = dir.path();
    let out = fetch(root, &["--feed", &server.url("/feed.xml")]).code(1);
    assert!(
        stderr(&out).contains(&format!(
            "error: day-688: {}: the server answered 500 Internal Server Error",
            server.url("/world/day-688")
        )),
        "{}",
        stderr(&out)
    );
    assert!(root.join("corpus/day-687/source.bg.txt").is_file());
    assert!(
        !root.join("corpus/day-688").exists(),
        "a failed day left files behind"
    );
}

/// A failure: exit code 1, a message naming the URL and `expected`, and an unchanged corpus.
fn check_failure(
    reply: impl Fn(&server::Request) -> Reply + Send + Sync + 'static,
    extra: &[&str],
    expected: &str,
) {
    let server = Server::start(reply);
    let dir = project_copy();
    let root = dir.path();
    let before = corpus_tree(root);
    let url = server.url("/day-689");
    let mut args = vec![url.as_str()];
    args.extend_from_slice(extra);
    let out = fetch(root, &args).code(1);
    let stderr = stderr(&out);
    assert!(
        stderr.contains(&format!("error: {url}")),
        "no URL in:\n{stderr}"
    );
    assert!(stderr.contains(expected), "`{expected}` not in:\n{stderr}");
    assert!(
        stderr.contains("nothing was written to the corpus"),
        "{stderr}"
    );
    assert_eq!(
        corpus_tree(root),
        before,
        "the corpus changed after a failure"
    );
    assert!(!root.join("corpus/day-689").exists());
}

#[test]
fn a_persistent_500_fails_after_retrying() {
    check_failure(
        |_| Reply::status(500),
        &[],
        "the server answered 500 Internal Server Error",
    );
}

#[test]
fn a_500_then_200_succeeds() {
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    let server = Server::start(move |_| {
        if seen.fetch_add(1, Ordering::SeqCst) == 0 {
            Reply::status(500)
        } else {
            day_687_page()
        }
    });
    let dir = project_copy();
    let out = fetch(dir.path(), &[&server.url("/bg/den-687")]).success();
    assert!(stderr(&out).contains("retrying"), "{}", stderr(&out));
    assert!(dir.path().join("corpus/day-687/source.bg.txt").is_file());
}

#[test]
fn a_429_with_a_short_retry_after_succeeds() {
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    let server = Server::start(move |_| {
        if seen.fetch_add(1, Ordering::SeqCst) == 0 {
            Reply::status(429).header("Retry-After", "1")
        } else {
            day_687_page()
        }
    });
    let dir = project_copy();
    let out = fetch(dir.path(), &[&server.url("/bg/den-687")]).success();
    assert!(stderr(&out).contains("in 1s: "), "{}", stderr(&out));
    assert!(dir.path().join("corpus/day-687/source.bg.txt").is_file());
}

#[test]
fn a_429_with_a_long_retry_after_fails() {
    check_failure(
        |_| Reply::status(429).header("Retry-After", "3600"),
        &[],
        "the server asked to retry after 3600s",
    );
}

#[test]
fn a_response_slower_than_the_timeout_fails() {
    check_failure(
        |_| day_687_page().delayed(Duration::from_secs(3)),
        &[],
        "timed out",
    );
}

#[test]
fn a_truncated_body_fails() {
    check_failure(
        |_| {
            let mut reply = day_687_page();
            reply.truncate_to = Some(2000);
            reply
        },
        &[],
        "the body is incomplete after",
    );
}

#[test]
fn a_body_over_the_limit_fails() {
    check_failure(
        |_| day_687_page(),
        &["--max-body", "4096"],
        "larger than the limit of 4096 bytes",
    );
}

#[test]
fn a_redirect_loop_fails() {
    check_failure(
        |r| {
            Reply::status(302).header(
                "Location",
                if r.path == "/day-689" {
                    "/elsewhere"
                } else {
                    "/day-689"
                },
            )
        },
        &[],
        "too many redirects",
    );
}

#[test]
fn a_404_fails() {
    check_failure(
        |_| Reply::status(404),
        &[],
        "the server answered 404 Not Found",
    );
}

#[test]
fn a_page_that_is_not_a_summary_fails() {
    check_failure(
        |_| Reply::ok("text/html", "<html><body><nav>Home</nav></body></html>"),
        &[],
        "no day summary found",
    );
}

#[test]
fn a_page_whose_title_names_no_day_needs_day() {
    let page = "<html><body><article><h1>Morning briefing</h1><ul><li>One</li></ul><p>Text.</p></article></body></html>";
    check_failure(
        move |_| Reply::ok("text/html", page),
        &[],
        "names no day; pass --day N",
    );
}

#[test]
fn a_page_of_another_day_than_asked_fails() {
    check_failure(|_| day_687_page(), &["--day", "689"], "the page is day 687");
}

#[test]
fn a_page_in_another_language_than_the_day_fails() {
    let server = Server::start(|_| day_687_page());
    let dir = project_copy();
    let root = dir.path();
    let url = server.url("/bg/den-687");
    fetch(root, &[&url]).success();
    let before = corpus_tree(root);
    let out = fetch(root, &[&url, "--lang", "de"]).code(1);
    assert!(
        stderr(&out).contains(&format!(
            "error: {url}: the page is in de but day-687 is a day in bg"
        )),
        "{}",
        stderr(&out)
    );
    assert_eq!(corpus_tree(root), before);
}

#[test]
fn day_ids_cannot_leave_the_corpus() {
    let server = Server::start(|_| day_687_page());
    let dir = project_copy();
    let root = dir.path();
    let before = corpus_tree(root);
    for day in ["../../etc", "day-0", "day-686/../../x", "0"] {
        let out = fetch(root, &[&server.url("/x"), "--day", day]).code(2);
        assert!(stderr(&out).contains("day"), "{day}: {}", stderr(&out));
    }
    let out = fetch(root, &[&server.url("/x"), "--lang", "../bg"]).code(2);
    assert!(stderr(&out).contains("../bg"), "{}", stderr(&out));
    assert_eq!(corpus_tree(root), before);
    assert_eq!(
        server.requests().len(),
        0,
        "nothing is fetched before the arguments are valid"
    );
}

#[test]
fn a_title_naming_day_zero_fails() {
    let page = "<html><body><article><h1>Day 0 of the invasion</h1><ul><li>One</li></ul><p>Text.</p></article></body></html>";
    check_failure(
        move |_| Reply::ok("text/html", page),
        &[],
        "names day 0, which is not a valid day",
    );
}

#[test]
fn an_atom_feed_prefers_the_source_language_and_checks_each_day() {
    let feed = Arc::new(std::sync::Mutex::new(String::new()));
    let body = feed.clone();
    let server = Server::start(move |r| match r.path.as_str() {
        "/atom.xml" => Reply::ok("application/atom+xml", body.lock().expect("lock").clone()),
        // The English entry of day 687 is preferred (the project's source language is en).
        "/en/day-687" => day_686_page().body(
            String::from_utf8(fixture("extract", "day-686", "page.html"))
                .expect("UTF-8")
                .replace("Day 686 of the invasion", "Day 687 of the invasion"),
        ),
        // A link whose page is another day than its entry says.
        "/bg/den-1459" => day_687_page(),
        _ => Reply::status(404),
    });
    let xml = String::from_utf8(fixture("feed", "atom", "feed.xml"))
        .expect("UTF-8")
        .replace("{{BASE}}", &server.base);
    *feed.lock().expect("lock") = xml;
    let dir = project_copy();
    let root = dir.path();
    let out = fetch(root, &["--feed", &server.url("/atom.xml")]).code(1);
    assert_eq!(
        (server.hits("/en/day-687"), server.hits("/bg/den-687")),
        (1, 0)
    );
    assert!(
        read(root, "corpus/day-687/source.en.txt")
            .starts_with("Day 687 of the invasion of Ukraine.")
    );
    let url = server.url("/bg/den-1459");
    assert!(
        stderr(&out).contains(&format!("error: day-1459: {url}: the page is day 687 (`Ден 687 от инвазията в Украйна.`), not day-1459")),
        "{}",
        stderr(&out)
    );
    assert!(!root.join("corpus/day-1459").exists());
}
