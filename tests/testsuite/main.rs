//! End-to-end and snapshot tests of dayglot: one test binary, one module per feature.

mod architecture;
mod browser;
mod check;
mod cycle;
mod fetch;
mod glossary;
mod ingest;
mod interop;
mod languages;
mod names;
mod publish;
mod support;
mod translate;
