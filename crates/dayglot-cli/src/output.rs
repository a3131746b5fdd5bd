//! Writing to the terminal and to disk: the only place the binary does output.

use std::io::Write;

/// Prints a fatal error with its chain of causes, one paragraph, to stderr.
pub(crate) fn error(err: &anyhow::Error) {
    let mut text = format!("error: {err}");
    for cause in err.chain().skip(1) {
        text.push_str(&format!("\n  caused by: {cause}"));
    }
    eprint(&text);
}

/// Prints to stdout, ignoring a closed pipe (`dayglot ... | head` must not panic).
pub(crate) fn print(text: &str) {
    #[allow(clippy::print_stdout)]
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// Prints to stderr.
pub(crate) fn eprint(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes());
    if !text.ends_with('\n') {
        let _ = err.write_all(b"\n");
    }
}
