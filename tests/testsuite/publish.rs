//! Tests of publish (to be written).
