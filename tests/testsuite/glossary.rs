//! Tests of glossary (to be written).
