//! Tests of fetch (to be written).
