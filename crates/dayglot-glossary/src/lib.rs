//! dayglot glossary stage (under construction).
