//! Fuzzes the PO parser: it must never panic, its diagnostics must point inside the text on
//! character boundaries, and writing what it read must be stable (write ∘ parse is idempotent).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = dayglot_translate::parse_po(text);
    for d in &parsed.diagnostics {
        assert!(
            text.get(d.span.range()).is_some(),
            "span {:?} of {} is outside the text or splits a character",
            d.span,
            d.code
        );
    }
    let written = dayglot_translate::write_po(&parsed.catalog);
    let again = dayglot_translate::parse_po(&written);
    assert_eq!(
        dayglot_translate::write_po(&again.catalog),
        written,
        "writing what was read is not stable"
    );
});
