//! Writing to the terminal and to disk: the only place the binary does output.

use std::io::Write;
use std::path::Path;

use anyhow::Context as _;

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

/// Writes `contents` to `path` atomically: a temporary file in the same folder, then a rename,
/// so that readers and a failed run only ever see the old or the new file, never half of one.
pub(crate) fn write_atomic(path: &Path, contents: &[u8]) -> anyhow::Result<()> {
    let dir = path.parent().context("output path has no parent folder")?;
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create folder {}", dir.display()))?;
    let name = path
        .file_name()
        .context("output path has no file name")?
        .to_string_lossy();
    let tmp = dir.join(format!(".{name}.tmp{}", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(contents)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.with_context(|| format!("cannot write {}", path.display()))
}
