//! Tests of translate (to be written).
