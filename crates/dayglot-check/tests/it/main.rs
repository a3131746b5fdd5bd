//! Tests of dayglot-check: number and date parsing per language, and the checks on small inputs.

#![allow(clippy::unwrap_used)]

mod check;
mod facts;
