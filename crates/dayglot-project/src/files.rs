//! Reading and writing files: one decode policy, one meaning of "missing", atomic writes.

use std::io::Write as _;
use std::path::Path;

use dayglot_core::{SourceFile, decode};

use crate::ProjectError;

/// A text file of the project, read and decoded, with the path people see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextFile {
    /// The path relative to the project root, `/`-separated (`corpus/day-686/bg.po`).
    pub path: String,
    /// The text, BOM removed.
    pub text: String,
}

impl TextFile {
    /// The file as a [`SourceFile`] that diagnostics can point into.
    pub fn source(&self) -> SourceFile<'_> {
        SourceFile::new(&self.path, &self.text)
    }
}

/// Reads any file's bytes (a saved web page, whose charset is for the HTML decoder to find).
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, ProjectError> {
    std::fs::read(path).map_err(|source| ProjectError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Reads any text file (one named on the command line) with the same decode policy as the
/// project's own files.
pub fn read_text(path: &Path) -> Result<String, ProjectError> {
    read_to_string(path)
}

/// Reads a text file through [`decode`]: the one decode policy of every file dayglot reads.
pub(crate) fn read_to_string(path: &Path) -> Result<String, ProjectError> {
    let bytes = std::fs::read(path).map_err(|source| ProjectError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    decode(&bytes)
        .map(str::to_owned)
        .map_err(|source| ProjectError::Decode {
            path: path.to_path_buf(),
            source,
        })
}

/// The names in a folder, sorted (entries that are not UTF-8 are skipped).
pub(crate) fn read_dir_names(dir: &Path) -> Result<Vec<String>, ProjectError> {
    let entries = std::fs::read_dir(dir).map_err(|source| ProjectError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    Ok(names)
}

/// Writes `contents` to `path` atomically: a temporary file in the same folder, then a rename,
/// so that readers and a failed run only ever see the old or the new file, never half of one.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), ProjectError> {
    let io = |source| ProjectError::Io {
        path: path.to_path_buf(),
        source,
    };
    let dir = path
        .parent()
        .ok_or_else(|| io(std::io::Error::other("the path has no parent folder")))?;
    std::fs::create_dir_all(dir).map_err(io)?;
    let name = path
        .file_name()
        .ok_or_else(|| io(std::io::Error::other("the path has no file name")))?
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
    result.map_err(io)
}
