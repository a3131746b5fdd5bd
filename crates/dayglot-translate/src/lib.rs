//! dayglot translate stage (under construction).
