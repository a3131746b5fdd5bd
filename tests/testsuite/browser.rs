//! Tests of browser (to be written).
