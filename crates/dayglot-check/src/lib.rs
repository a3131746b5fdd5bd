//! dayglot check stage (under construction).
