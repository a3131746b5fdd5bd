//! dayglot render stage (under construction).
