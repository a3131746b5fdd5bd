//! The output folder, published as a whole: every run writes a complete new version of the site
//! into a staging folder and switches over at the end with one atomic rename, so that readers
//! (and a run killed at any moment) only ever see the previous complete site or the new one.
//!
//! ```text
//! public -> .public.dayglot/v8          the output folder is a symbolic link to the live version
//! .public.dayglot/v8/…                  the live site
//! .public.dayglot/v8.manifest           every file dayglot wrote into v8 (and the key of each day)
//! .public.dayglot/v9/                   a publish in progress (staging), removed if it fails
//! ```
//!
//! Files the next version does not change are hard links to the live version's, so a publish
//! of one day writes only that day, the feeds and the index. Only files named in a manifest are
//! ever removed: a file put into the output folder by hand, or a symbolic link in it, is carried
//! over into the new version (as a hard link, or as a link with the same target) and never
//! followed. An output folder that is a real folder without a manifest (written by an older
//! dayglot) is taken over once; a folder that does not look like dayglot's output, or a link
//! that points anywhere but dayglot's own versions, is refused.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

use crate::ProjectError;

/// The first line of a manifest.
const MANIFEST_HEADER: &str = "dayglot-manifest 1";

/// What a version of the output holds, as recorded when it was written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    /// The key (hash of every input) each day's pages were rendered from, by day (`day-686`).
    pub days: BTreeMap<String, String>,
    /// Every file dayglot wrote, relative to the output folder, `/`-separated.
    pub files: BTreeSet<String>,
}

impl Manifest {
    /// The manifest as text: a header, then `day <id> <key>` and `file <path>` lines, sorted.
    pub fn to_text(&self) -> String {
        let mut o = format!("{MANIFEST_HEADER}\n");
        for (day, key) in &self.days {
            let _ = writeln!(o, "day {day} {key}");
        }
        for file in &self.files {
            let _ = writeln!(o, "file {file}");
        }
        o
    }

    /// Reads a manifest written by [`Manifest::to_text`]; `None` when it is not one (a path
    /// that is not a plain relative path makes the whole manifest invalid).
    pub fn parse(text: &str) -> Option<Self> {
        let mut lines = text.lines();
        if lines.next()? != MANIFEST_HEADER {
            return None;
        }
        let mut manifest = Self::default();
        for line in lines {
            if let Some(rest) = line.strip_prefix("day ") {
                let (day, key) = rest.split_once(' ')?;
                manifest.days.insert(day.to_owned(), key.to_owned());
            } else if let Some(path) = line.strip_prefix("file ") {
                if !is_plain_relative(Path::new(path)) {
                    return None;
                }
                manifest.files.insert(path.to_owned());
            } else if !line.is_empty() {
                return None;
            }
        }
        Some(manifest)
    }
}

/// The output folder of a project and its live version.
#[derive(Debug)]
pub struct Output {
    /// The output folder (`<root>/public`): a symbolic link to the live version once published.
    link: PathBuf,
    /// `.public.dayglot/` beside it: every version and manifest.
    state: PathBuf,
    /// The live version's number and manifest, if there is one.
    live: Option<(u64, Manifest)>,
    /// A real folder left by an older dayglot, to be taken over by the next commit.
    legacy: bool,
}

/// Something a publish did besides writing its files, worth telling.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommitNotes {
    /// Files and links not written by dayglot, carried over into the new version.
    pub carried: Vec<String>,
    /// Entries not written by dayglot that could not be carried over (dayglot now writes a file
    /// at that place); they stay in the previous version's folder, which is then kept.
    pub kept: Vec<String>,
    /// Files of the previous version that the new one no longer has (removed days or languages).
    pub removed: usize,
}

impl Output {
    /// Opens the output folder `dir` (absolute), checking that dayglot may publish there.
    ///
    /// Refused: a symbolic link that does not point to one of dayglot's own versions, a real
    /// folder that does not look like dayglot's output (no `index.html` at its top, or a
    /// `dayglot.toml`, `corpus` or `locales` in it), anything else that is not a folder.
    pub fn open(dir: &Path) -> Result<Self, ProjectError> {
        let name = dir
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| refused(dir, "the output folder has no usable name"))?;
        let parent = dir
            .parent()
            .ok_or_else(|| refused(dir, "the output folder has no parent folder"))?;
        let state = parent.join(format!(".{name}.dayglot"));
        let mut out = Self {
            link: dir.to_path_buf(),
            state,
            live: None,
            legacy: false,
        };
        match std::fs::symlink_metadata(dir) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(io_error(dir, source)),
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = std::fs::read_link(dir).map_err(|e| io_error(dir, e))?;
                let version = out.version_of_target(&target).ok_or_else(|| {
                    refused(
                        dir,
                        &format!(
                            "it is a symbolic link to {}, not to a version dayglot wrote (.{name}.dayglot/vN); remove the link or choose another [output] dir",
                            target.display()
                        ),
                    )
                })?;
                let manifest = read_manifest(&out.manifest_path(version))?;
                // A link to a version whose manifest is gone (a killed first run cannot leave one:
                // the manifest is written before the switch) is treated as having no live version.
                if let Some(manifest) = manifest {
                    out.live = Some((version, manifest));
                }
            }
            Ok(meta) if meta.is_dir() => {
                for marker in [crate::CONFIG_FILE, "corpus", "locales", ".git"] {
                    if std::fs::symlink_metadata(dir.join(marker)).is_ok() {
                        return Err(refused(
                            dir,
                            &format!("it holds `{marker}`: it is not an output folder"),
                        ));
                    }
                }
                let empty = std::fs::read_dir(dir)
                    .map_err(|e| io_error(dir, e))?
                    .next()
                    .is_none();
                if !empty && !dir.join("index.html").is_file() {
                    return Err(refused(
                        dir,
                        "it is a folder that dayglot did not write (no index.html, no manifest); move it away or choose another [output] dir",
                    ));
                }
                out.legacy = true;
            }
            Ok(_) => {
                return Err(refused(dir, "it is a file, not a folder"));
            }
        }
        Ok(out)
    }

    /// The live version's manifest (empty when nothing was published by this dayglot yet).
    pub fn live_manifest(&self) -> Option<&Manifest> {
        self.live.as_ref().map(|(_, m)| m)
    }

    /// The folder of the live site (following the link), if there is one.
    pub fn live_dir(&self) -> Option<PathBuf> {
        self.live.as_ref().map(|(v, _)| self.version_dir(*v))
    }

    /// Starts a new version: an empty staging folder (what a killed run left there is removed
    /// first: a staging folder only ever holds dayglot's files and links to the live ones).
    pub fn stage(&self) -> Result<Staging<'_>, ProjectError> {
        std::fs::create_dir_all(&self.state).map_err(|e| io_error(&self.state, e))?;
        let live = self.live.as_ref().map_or(0, |(v, _)| *v);
        let mut next = live + 1;
        let live_version = self.live.as_ref().map(|(l, _)| *l);
        for name in read_names(&self.state)? {
            let Some(v) = name.strip_prefix('v').and_then(|n| n.parse::<u64>().ok()) else {
                continue;
            };
            if v >= next && Some(v) != live_version {
                // A staging folder a killed run left: only dayglot's files and links.
                remove_staging(&self.state.join(&name))?;
            } else if Some(v) != live_version {
                // An older version whose clean-up a killed run interrupted: its own files go
                // (per its manifest); anything else in it stays.
                let old = read_manifest(&self.manifest_path(v))?;
                let dir = self.version_dir(v);
                if clean_version(&dir, Path::new(""), old.as_ref(), &CommitNotes::default())? {
                    let _ = std::fs::remove_dir(&dir);
                    let _ = std::fs::remove_file(self.manifest_path(v));
                }
            }
        }
        while self.version_dir(next).exists() || self.manifest_path(next).exists() {
            if self.manifest_path(next).exists() {
                let _ = std::fs::remove_file(self.manifest_path(next));
            }
            if self.version_dir(next).exists() {
                remove_staging(&self.version_dir(next))?;
            }
            next += 1;
        }
        let dir = self.version_dir(next);
        std::fs::create_dir_all(&dir).map_err(|e| io_error(&dir, e))?;
        Ok(Staging {
            output: self,
            version: next,
            dir,
            manifest: std::sync::Mutex::new(Manifest::default()),
            dirs: std::sync::Mutex::new(BTreeSet::new()),
        })
    }

    fn version_dir(&self, v: u64) -> PathBuf {
        self.state.join(format!("v{v}"))
    }

    fn manifest_path(&self, v: u64) -> PathBuf {
        self.state.join(format!("v{v}.manifest"))
    }

    /// The link's target for version `v`, relative to the link's folder.
    fn link_target(&self, v: u64) -> PathBuf {
        let state_name = self
            .state
            .file_name()
            .map(PathBuf::from)
            .unwrap_or_default();
        state_name.join(format!("v{v}"))
    }

    /// The version a link target names, if it is `.name.dayglot/vN`.
    fn version_of_target(&self, target: &Path) -> Option<u64> {
        let state_name = self.state.file_name()?;
        let mut parts = target.components();
        match parts.next()? {
            Component::Normal(n) if n == state_name => {}
            _ => return None,
        }
        let Component::Normal(v) = parts.next()? else {
            return None;
        };
        if parts.next().is_some() {
            return None;
        }
        v.to_str()?.strip_prefix('v')?.parse().ok()
    }
}

/// A new version being written. Dropped without [`Staging::commit`], it is removed and the live
/// site is untouched.
#[derive(Debug)]
pub struct Staging<'a> {
    output: &'a Output,
    version: u64,
    dir: PathBuf,
    manifest: std::sync::Mutex<Manifest>,
    dirs: std::sync::Mutex<BTreeSet<PathBuf>>,
}

impl Staging<'_> {
    /// Writes one file of the new version (`path` relative to the output folder). Safe to call
    /// from several threads.
    pub fn write(&self, path: &Path, bytes: &[u8]) -> Result<(), ProjectError> {
        let target = self.place(path)?;
        // Never write through a hard link to the live version's file: a new inode every time.
        match std::fs::remove_file(&target) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io_error(&target, e)),
            _ => {}
        }
        let mut file = std::fs::File::create_new(&target).map_err(|e| io_error(&target, e))?;
        file.write_all(bytes).map_err(|e| io_error(&target, e))?;
        Ok(())
    }

    /// Takes a file over unchanged from the live version (a hard link), if the live version has
    /// it as dayglot's own file; `Ok(false)` when it does not.
    pub fn reuse(&self, path: &Path) -> Result<bool, ProjectError> {
        let Some((live, manifest)) = &self.output.live else {
            return Ok(false);
        };
        let Some(key) = path.to_str() else {
            return Ok(false);
        };
        if !manifest.files.contains(key) {
            return Ok(false);
        }
        let from = self.output.version_dir(*live).join(path);
        // Only a regular file, reached through real folders, is reused.
        if !is_regular_within(&self.output.version_dir(*live), path) {
            return Ok(false);
        }
        let target = self.place(path)?;
        let _ = std::fs::remove_file(&target);
        match std::fs::hard_link(&from, &target) {
            Ok(()) => Ok(true),
            Err(_) => {
                // Another file system, or no hard links: copy.
                std::fs::copy(&from, &target).map_err(|e| io_error(&target, e))?;
                Ok(true)
            }
        }
    }

    /// Records the key a day's pages were rendered from (kept in the manifest).
    pub fn record_day(&self, day: &str, key: &str) {
        if let Ok(mut m) = self.manifest.lock() {
            m.days.insert(day.to_owned(), key.to_owned());
        }
    }

    /// Checks `path`, records it and creates its folder; returns where it goes.
    fn place(&self, path: &Path) -> Result<PathBuf, ProjectError> {
        let key = path
            .to_str()
            .filter(|_| is_plain_relative(path))
            .ok_or_else(|| refused(path, "an output path must be a plain relative path"))?;
        let target = self.dir.join(path);
        if let Some(parent) = target.parent() {
            let known = self
                .dirs
                .lock()
                .map(|d| d.contains(parent))
                .unwrap_or(false);
            if !known {
                std::fs::create_dir_all(parent).map_err(|e| io_error(parent, e))?;
                if let Ok(mut d) = self.dirs.lock() {
                    d.insert(parent.to_path_buf());
                }
            }
        }
        if let Ok(mut m) = self.manifest.lock() {
            m.files.insert(key.to_owned());
        }
        Ok(target)
    }

    /// Switches the output folder to the new version: entries of the live version that dayglot
    /// did not write are carried over, the manifest is written, the link is replaced in one
    /// rename, and the previous version's own files are removed.
    pub fn commit(self) -> Result<CommitNotes, ProjectError> {
        let mut notes = CommitNotes::default();
        let manifest = self.manifest.lock().map(|m| m.clone()).unwrap_or_default();
        let previous: Option<(PathBuf, Option<&Manifest>)> = match &self.output.live {
            Some((v, m)) => Some((self.output.version_dir(*v), Some(m))),
            None if self.output.legacy => Some((self.output.link.clone(), None)),
            None => None,
        };
        if let Some((dir, old)) = &previous {
            carry_foreign(dir, &self.dir, Path::new(""), *old, &manifest, &mut notes)?;
        }
        let manifest_path = self.output.manifest_path(self.version);
        write_synced(&manifest_path, manifest.to_text().as_bytes())?;
        // The switch: a new link beside the old one, renamed over it.
        let tmp_link = self.output.state.join(format!("v{}.link", self.version));
        let _ = std::fs::remove_file(&tmp_link);
        symlink_dir(&self.output.link_target(self.version), &tmp_link)?;
        let parent = self.output.link.parent().unwrap_or(Path::new("."));
        if self.output.legacy && self.output.live.is_none() {
            // An older dayglot's real folder: moved aside into the state folder as version 0,
            // then replaced by the link (the one moment the output folder is briefly absent).
            let v0 = self.output.version_dir(0);
            if v0.exists() {
                remove_staging(&v0)?;
            }
            std::fs::rename(&self.output.link, &v0).map_err(|e| io_error(&self.output.link, e))?;
        }
        std::fs::rename(&tmp_link, &self.output.link)
            .map_err(|e| io_error(&self.output.link, e))?;
        if let Ok(d) = std::fs::File::open(parent) {
            let _ = d.sync_all();
        }
        // The previous version: only dayglot's files go (and what was carried over).
        match &self.output.live {
            Some((v, old)) => {
                let dir = self.output.version_dir(*v);
                notes.removed = old
                    .files
                    .iter()
                    .filter(|f| !manifest.files.contains(*f))
                    .count();
                let complete = clean_version(&dir, Path::new(""), Some(old), &notes)?;
                if complete {
                    let _ = std::fs::remove_dir(&dir);
                    let _ = std::fs::remove_file(self.output.manifest_path(*v));
                }
            }
            None if self.output.legacy => {
                let dir = self.output.version_dir(0);
                // Without a manifest, only the files this version wrote again count as dayglot's.
                let complete = clean_version(&dir, Path::new(""), Some(&manifest), &notes)?;
                if complete {
                    let _ = std::fs::remove_dir(&dir);
                }
            }
            None => {}
        }
        Ok(notes)
    }

    /// The live version's manifest, if there is one.
    pub fn live_manifest(&self) -> Option<&Manifest> {
        self.output.live_manifest()
    }

    /// Where the new version is being written.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// How many files the new version holds so far.
    pub fn file_count(&self) -> usize {
        self.manifest.lock().map(|m| m.files.len()).unwrap_or(0)
    }
}

impl Drop for Staging<'_> {
    fn drop(&mut self) {
        // After a successful commit the folder is the live site: it still has its manifest.
        if !self.output.manifest_path(self.version).exists() {
            let _ = remove_staging(&self.dir);
        }
    }
}

/// Carries entries of `old` (relative `rel`) that dayglot did not write into `new`: regular
/// files as hard links, symbolic links as links with the same target. Nothing is followed.
/// `manifest` is the old version's (`None`: an older dayglot's folder, where a file at a path
/// the new version writes is taken as dayglot's).
fn carry_foreign(
    old: &Path,
    new: &Path,
    rel: &Path,
    manifest: Option<&Manifest>,
    written: &Manifest,
    notes: &mut CommitNotes,
) -> Result<(), ProjectError> {
    let dir = old.join(rel);
    let entries = std::fs::read_dir(&dir).map_err(|e| io_error(&dir, e))?;
    let mut names: Vec<std::ffi::OsString> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    names.sort();
    for name in names {
        let rel_path = rel.join(&name);
        let from = old.join(&rel_path);
        let Ok(meta) = std::fs::symlink_metadata(&from) else {
            continue;
        };
        let key = rel_path.to_string_lossy().replace('\\', "/");
        if meta.is_dir() {
            carry_foreign(old, new, &rel_path, manifest, written, notes)?;
            continue;
        }
        let ours = match manifest {
            Some(m) => m.files.contains(&key),
            None => written.files.contains(&key) && meta.is_file(),
        };
        if ours {
            continue;
        }
        let to = new.join(&rel_path);
        if std::fs::symlink_metadata(&to).is_ok() || blocked(new, &rel_path) {
            notes.kept.push(key);
            continue;
        }
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io_error(parent, e))?;
        }
        if meta.file_type().is_symlink() {
            let target = std::fs::read_link(&from).map_err(|e| io_error(&from, e))?;
            symlink_any(&target, &to, &from)?;
        } else if meta.is_file() {
            if std::fs::hard_link(&from, &to).is_err() {
                notes.kept.push(key);
                continue;
            }
        } else {
            notes.kept.push(key);
            continue;
        }
        notes.carried.push(key);
    }
    Ok(())
}

/// Whether a component of `rel` (short of the last) is, in `base`, something other than a
/// folder (a file the new version writes where the old one had a folder).
fn blocked(base: &Path, rel: &Path) -> bool {
    let mut at = base.to_path_buf();
    let parts: Vec<Component<'_>> = rel.components().collect();
    for part in parts.iter().take(parts.len().saturating_sub(1)) {
        at.push(part);
        match std::fs::symlink_metadata(&at) {
            Ok(m) if !m.is_dir() => return true,
            _ => {}
        }
    }
    false
}

/// Removes from a previous version every regular file of `manifest` and every foreign entry
/// that was carried over, then the folders left empty. Never follows a link, never removes
/// anything else. Returns whether the folder is now empty.
fn clean_version(
    root: &Path,
    rel: &Path,
    manifest: Option<&Manifest>,
    notes: &CommitNotes,
) -> Result<bool, ProjectError> {
    let dir = root.join(rel);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(false);
    };
    let mut empty = true;
    for entry in entries.filter_map(Result::ok) {
        let rel_path = rel.join(entry.file_name());
        let path = root.join(&rel_path);
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            empty = false;
            continue;
        };
        let key = rel_path.to_string_lossy().replace('\\', "/");
        if meta.is_dir() {
            if clean_version(root, &rel_path, manifest, notes)? {
                if std::fs::remove_dir(&path).is_err() {
                    empty = false;
                }
            } else {
                empty = false;
            }
            continue;
        }
        let ours = meta.is_file() && manifest.is_some_and(|m| m.files.contains(&key));
        let carried = notes.carried.contains(&key);
        if (ours || carried) && !notes.kept.contains(&key) {
            // A link is removed itself, never what it points to.
            if std::fs::remove_file(&path).is_err() {
                empty = false;
            }
        } else {
            empty = false;
        }
    }
    Ok(empty)
}

/// Whether `rel` under `base` is a regular file reached through real folders only.
fn is_regular_within(base: &Path, rel: &Path) -> bool {
    let mut at = base.to_path_buf();
    let parts: Vec<Component<'_>> = rel.components().collect();
    for (i, part) in parts.iter().enumerate() {
        at.push(part);
        let Ok(meta) = std::fs::symlink_metadata(&at) else {
            return false;
        };
        let last = i + 1 == parts.len();
        if (last && !meta.is_file()) || (!last && !meta.is_dir()) {
            return false;
        }
    }
    true
}

/// Removes a staging folder that dayglot created (its own files, hard links and links).
fn remove_staging(dir: &Path) -> Result<(), ProjectError> {
    match std::fs::symlink_metadata(dir) {
        Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(dir).map_err(|e| io_error(dir, e)),
        Ok(_) => std::fs::remove_file(dir).map_err(|e| io_error(dir, e)),
        Err(_) => Ok(()),
    }
}

fn read_manifest(path: &Path) -> Result<Option<Manifest>, ProjectError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Manifest::parse(&text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_error(path, e)),
    }
}

fn read_names(dir: &Path) -> Result<Vec<String>, ProjectError> {
    let entries = std::fs::read_dir(dir).map_err(|e| io_error(dir, e))?;
    Ok(entries
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| !n.contains('.'))
        .collect())
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), ProjectError> {
    let mut file = std::fs::File::create(path).map_err(|e| io_error(path, e))?;
    file.write_all(bytes).map_err(|e| io_error(path, e))?;
    file.sync_all().map_err(|e| io_error(path, e))
}

#[cfg(unix)]
fn symlink_dir(target: &Path, link: &Path) -> Result<(), ProjectError> {
    std::os::unix::fs::symlink(target, link).map_err(|e| io_error(link, e))
}

#[cfg(unix)]
fn symlink_any(target: &Path, link: &Path, _from: &Path) -> Result<(), ProjectError> {
    std::os::unix::fs::symlink(target, link).map_err(|e| io_error(link, e))
}

#[cfg(not(unix))]
fn symlink_dir(_target: &Path, link: &Path) -> Result<(), ProjectError> {
    Err(refused(
        link,
        "publishing needs symbolic links (a Unix system)",
    ))
}

#[cfg(not(unix))]
fn symlink_any(_target: &Path, link: &Path, _from: &Path) -> Result<(), ProjectError> {
    Err(refused(
        link,
        "publishing needs symbolic links (a Unix system)",
    ))
}

fn io_error(path: &Path, source: std::io::Error) -> ProjectError {
    ProjectError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn refused(path: &Path, why: &str) -> ProjectError {
    ProjectError::Output {
        path: path.to_path_buf(),
        message: why.to_owned(),
    }
}

/// Relative, and made only of normal components (no `..`, no root, no prefix).
fn is_plain_relative(path: &Path) -> bool {
    !path.as_os_str().is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(base, &p, out);
                } else {
                    let rel = p.strip_prefix(base).unwrap().to_string_lossy().into_owned();
                    out.insert(rel, std::fs::read(&p).unwrap_or_default());
                }
            }
        }
        let mut out = BTreeMap::new();
        walk(dir, dir, &mut out);
        out
    }

    fn publish(dir: &Path, files: &[(&str, &str)]) -> CommitNotes {
        let out = Output::open(dir).unwrap();
        let staging = out.stage().unwrap();
        for (p, t) in files {
            staging.write(Path::new(p), t.as_bytes()).unwrap();
        }
        staging.commit().unwrap()
    }

    #[test]
    fn versions_switch_and_removed_files_go() {
        let tmp = tempfile::tempdir().unwrap();
        let public = tmp.path().join("public");
        publish(
            &public,
            &[("index.html", "1"), ("day-1/en/index.html", "a")],
        );
        assert_eq!(tree(&public).len(), 2);
        let notes = publish(&public, &[("index.html", "2")]);
        assert_eq!(notes.removed, 1);
        assert_eq!(
            tree(&public),
            BTreeMap::from([("index.html".to_owned(), b"2".to_vec())])
        );
        // Only the live version is left.
        let state = tmp.path().join(".public.dayglot");
        let mut names = read_names(&state).unwrap();
        names.sort();
        assert_eq!(names, ["v2"]);
    }

    #[test]
    fn hand_files_and_links_are_carried_never_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let public = tmp.path().join("public");
        let outside = tmp.path().join("outside");
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("keep.txt"), "mine").unwrap();
        publish(
            &public,
            &[("index.html", "1"), ("day-1/en/index.html", "a")],
        );
        std::fs::write(public.join("CNAME"), "example.org").unwrap();
        std::os::unix::fs::symlink(&outside, public.join("media")).unwrap();
        std::os::unix::fs::symlink(&outside, public.join("day-1").join("de")).unwrap();
        let notes = publish(&public, &[("index.html", "2")]);
        assert_eq!(
            std::fs::read_to_string(public.join("CNAME")).unwrap(),
            "example.org"
        );
        assert_eq!(
            std::fs::read_to_string(public.join("media/keep.txt")).unwrap(),
            "mine"
        );
        assert!(notes.carried.contains(&"CNAME".to_owned()), "{notes:?}");
        assert_eq!(
            std::fs::read_to_string(outside.join("keep.txt")).unwrap(),
            "mine"
        );
    }

    #[test]
    fn a_link_elsewhere_and_a_foreign_folder_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let elsewhere = tmp.path().join("www");
        std::fs::create_dir_all(&elsewhere).unwrap();
        std::fs::write(elsewhere.join("a.txt"), "x").unwrap();
        let public = tmp.path().join("public");
        std::os::unix::fs::symlink(&elsewhere, &public).unwrap();
        assert!(Output::open(&public).is_err());
        let src = tmp.path().join("src");
        std::fs::create_dir_all(&src).unwrap();
        std::fs::write(src.join("main.rs"), "x").unwrap();
        assert!(Output::open(&src).is_err());
    }

    #[test]
    fn a_dropped_staging_leaves_the_live_site() {
        let tmp = tempfile::tempdir().unwrap();
        let public = tmp.path().join("public");
        publish(&public, &[("index.html", "1")]);
        {
            let out = Output::open(&public).unwrap();
            let staging = out.stage().unwrap();
            staging.write(Path::new("index.html"), b"2").unwrap();
        }
        assert_eq!(
            tree(&public),
            BTreeMap::from([("index.html".to_owned(), b"1".to_vec())])
        );
    }

    #[test]
    fn manifest_round_trip() {
        let mut m = Manifest::default();
        m.days.insert("day-1".into(), "abc".into());
        m.files.insert("day-1/en/index.html".into());
        assert_eq!(Manifest::parse(&m.to_text()), Some(m));
        assert_eq!(Manifest::parse("dayglot-manifest 1\nfile ../x\n"), None);
    }
}
