//! Tests of check (to be written).
