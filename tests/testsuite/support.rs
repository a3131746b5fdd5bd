//! Shared test support: paths of the checkout and a runner for the `dayglot` binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The root of the checkout (the folder with `dayglot.toml`).
pub(crate) fn repo_root() -> PathBuf {
    // The suite belongs to crates/dayglot-cli, so that cargo builds the binary it runs.
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("crates/dayglot-cli is two levels below the root")
        .to_path_buf()
}

/// A `dayglot` command with `--root` set to `root`.
///
/// The binary is the one cargo built for this test run (`CARGO_BIN_EXE_dayglot`).
pub(crate) fn dayglot(root: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(env!("CARGO_BIN_EXE_dayglot"));
    cmd.arg("--root").arg(root);
    cmd
}

/// Copies a folder tree (the project's corpus and locales) into `to`.
pub(crate) fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// A copy of this project (dayglot.toml, corpus/, locales/) in a fresh temporary folder.
pub(crate) fn project_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = repo_root();
    std::fs::copy(root.join("dayglot.toml"), dir.path().join("dayglot.toml"))
        .expect("copy dayglot.toml");
    copy_tree(&root.join("corpus"), &dir.path().join("corpus"));
    copy_tree(&root.join("locales"), &dir.path().join("locales"));
    dir
}
