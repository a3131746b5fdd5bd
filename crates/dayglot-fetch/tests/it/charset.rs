//! Charsets: declared in the header or `<meta>`, missing, or wrong.

use dayglot_fetch::{CharsetProblem, CharsetSource, decode_html};

use crate::fixture_bytes;

/// Decodes `bytes` with `content_type` and checks the charset, its source, the problem
/// reported (by variant name) and that the Cyrillic text came out right.
fn check(
    bytes: &[u8],
    content_type: Option<&str>,
    charset: &str,
    source: CharsetSource,
    problem: Option<&str>,
    must_contain: &str,
) {
    let decoded = decode_html(bytes, content_type).expect("decodes");
    assert_eq!(
        (decoded.charset, decoded.source),
        (charset, source),
        "{content_type:?}"
    );
    let kind = decoded.problem.as_ref().map(|p| match p {
        CharsetProblem::Undeclared { .. } => "undeclared",
        CharsetProblem::Wrong { .. } => "wrong",
        CharsetProblem::Unknown { .. } => "unknown",
    });
    assert_eq!(kind, problem, "{content_type:?}: {:?}", decoded.problem);
    assert!(
        decoded.text.contains(must_contain),
        "{content_type:?}: `{must_contain}` not in the decoded text"
    );
}

#[test]
fn declared_charsets_are_used() {
    let bg = fixture_bytes("extract", "day-687-windows-1251", "page.html");
    let uk = fixture_bytes("extract", "day-688-koi8-u", "page.html");
    check(
        &bg,
        None,
        "windows-1251",
        CharsetSource::Meta,
        None,
        "Ден 687",
    );
    check(
        &bg,
        Some("text/html; charset=windows-1251"),
        "windows-1251",
        CharsetSource::Header,
        None,
        "Ден 687",
    );
    check(
        &bg,
        Some("text/html; charset=cp1251"),
        "windows-1251",
        CharsetSource::Header,
        None,
        "Ден 687",
    );
    check(&uk, None, "KOI8-U", CharsetSource::Meta, None, "День 688");
}

#[test]
fn wrong_declarations_are_detected_and_reported() {
    let bg = fixture_bytes("extract", "day-687-windows-1251", "page.html");
    let uk = fixture_bytes("extract", "day-688-koi8-u", "page.html");
    // windows-1251 bytes served as UTF-8: invalid UTF-8, recognised as windows-1251.
    check(
        &bg,
        Some("text/html; charset=utf-8"),
        "windows-1251",
        CharsetSource::Detected,
        Some("wrong"),
        "Ден 687",
    );
    // KOI8-U bytes served as windows-1251: every byte is valid, but the letter case gives it away.
    check(
        &uk,
        Some("text/html; charset=windows-1251"),
        "KOI8-U",
        CharsetSource::Detected,
        Some("wrong"),
        "День 688",
    );
    // windows-1251 served as KOI8-U.
    check(
        &bg,
        Some("text/html; charset=koi8-u"),
        "windows-1251",
        CharsetSource::Detected,
        Some("wrong"),
        "Ден 687",
    );
    // UTF-8 served as windows-1251.
    let utf8 = encoding_rs::WINDOWS_1251.decode(&bg).0.into_owned();
    check(
        utf8.as_bytes(),
        Some("text/html; charset=windows-1251"),
        "UTF-8",
        CharsetSource::Detected,
        Some("wrong"),
        "Ден 687",
    );
}

#[test]
fn missing_or_unknown_declarations_are_detected_and_reported() {
    let page = "<html><body><p>Ден 687 от инвазията в Украйна. Обобщение на основните събития</p></body></html>";
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(page);
    let (koi8, _, _) = encoding_rs::KOI8_U.encode(page);
    check(
        &cp1251,
        Some("text/html"),
        "windows-1251",
        CharsetSource::Detected,
        Some("undeclared"),
        "Ден 687",
    );
    check(
        &koi8,
        None,
        "KOI8-U",
        CharsetSource::Detected,
        Some("undeclared"),
        "Ден 687",
    );
    check(
        page.as_bytes(),
        None,
        "UTF-8",
        CharsetSource::Detected,
        Some("undeclared"),
        "Ден 687",
    );
    check(
        &cp1251,
        Some("text/html; charset=x-klingon"),
        "windows-1251",
        CharsetSource::Detected,
        Some("unknown"),
        "Ден 687",
    );
    // A byte-order mark wins over everything.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(page.as_bytes());
    check(
        &bom,
        Some("text/html; charset=windows-1251"),
        "UTF-8",
        CharsetSource::Bom,
        None,
        "Ден 687",
    );
}

#[test]
fn binary_bodies_are_refused() {
    let err = decode_html(b"\x89PNG\r\n\x1a\n\x00\x00", Some("text/html")).expect_err("binary");
    assert_eq!(
        err.to_string(),
        "the body is not text (a NUL byte at offset 8)"
    );
}

#[test]
fn the_day_686_pages_are_read_whatever_their_declaration_says() {
    let bg = fixture_bytes("extract", "day-686-bg-windows-1251", "page.html");
    let uk = fixture_bytes("extract", "day-686-uk-koi8-u", "page.html");
    check(
        &bg,
        None,
        "windows-1251",
        CharsetSource::Meta,
        None,
        "Ден 686",
    );
    check(&uk, None, "KOI8-U", CharsetSource::Meta, None, "в Україну");
    // Served with the other Cyrillic table: the letter case gives it away.
    check(
        &bg,
        Some("text/html; charset=koi8-u"),
        "windows-1251",
        CharsetSource::Detected,
        Some("wrong"),
        "Основни събития",
    );
    check(
        &uk,
        Some("text/html; charset=windows-1251"),
        "KOI8-U",
        CharsetSource::Detected,
        Some("wrong"),
        "Головне за добу",
    );
    // Served as UTF-8: invalid UTF-8, recognised from the bytes.
    check(
        &uk,
        Some("text/html; charset=utf-8"),
        "KOI8-U",
        CharsetSource::Detected,
        Some("wrong"),
        "686-й день",
    );
}
