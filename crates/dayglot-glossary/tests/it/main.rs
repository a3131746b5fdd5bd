//! Integration tests of dayglot-glossary: one binary, one module per feature.

mod lint;
mod matching;
mod support;
mod translit;
