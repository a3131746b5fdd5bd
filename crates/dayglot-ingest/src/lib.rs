//! dayglot ingest stage (under construction).
