//! Tests of names (to be written).
