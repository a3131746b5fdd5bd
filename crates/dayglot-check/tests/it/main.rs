//! Tests of dayglot-check: number and date parsing per language, and the checks on small inputs.

#![allow(clippy::unwrap_used)]

mod check;
mod facts;

/// The project layout, as dayglot-project spells it, for findings that name files.
#[derive(Debug)]
pub(crate) struct TestPaths;

impl dayglot_core::Paths for TestPaths {
    fn check_rules(&self, lang: &dayglot_core::Lang) -> String {
        format!("locales/{lang}/check.toml")
    }
    fn chrome(&self, lang: &dayglot_core::Lang, name: &str) -> String {
        format!("locales/{lang}/{name}")
    }
}
