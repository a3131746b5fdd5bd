//! Tests of languages (to be written).
