//! Integration tests of dayglot-draft, over the project's real glossary, rules and day-686.

#![allow(clippy::unwrap_used)]

mod acceptance;
mod common;
mod engines;
mod memory;
mod robust;
