//! Fuzzes the day-summary parser: any bytes, decoded or rejected, parsed in both syntaxes,
//! must never panic, and every diagnostic span must lie inside the text.
#![no_main]

use dayglot_core::Lang;
use dayglot_ingest::{Format, LanguageRules, Options, decode, ingest};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = decode(data) else { return };
    let rules = LanguageRules {
        abbreviations: vec!["a.m.".into(), "Dr.".into(), "No.".into()],
        attribution_verbs: vec!["said".into(), "reported".into()],
        attribution_via: vec!["quoted by".into()],
        attribution_inverted: true,
    };
    for format in [Format::PlainText, Format::Markdown] {
        let mut options = Options::new(Lang::parse("en").expect("valid tag"), &rules);
        options.format = Some(format);
        let out = ingest(text, &options);
        for d in &out.diagnostics {
            assert!(d.span.end <= text.len() && d.span.start <= d.span.end);
        }
        for s in out.document.segments() {
            assert!(text.get(s.span.range()).is_some());
        }
    }
});
