//! Tests of ingest (to be written).
