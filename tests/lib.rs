//! End-to-end tests of dayglot live in `testsuite/`; this library is empty.
