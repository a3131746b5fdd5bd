//! dayglot fetch stage (under construction).
