//! The output folder, published as a whole: every run prepares a complete new version of the
//! site beside the live one and switches over at the end with one atomic rename, so that readers
//! (and a run killed at any moment) only ever see the previous complete site or the new one.
//!
//! ```text
//! public -> .public.dayglot/a          the output folder is a symbolic link to the live version
//! .public.dayglot/a/…  a.manifest      the live site, and every file dayglot wrote into it
//! .public.dayglot/b/…  b.manifest      the spare version: the site before the last switch
//! ```
//!
//! Two versions take turns (double buffering). A publish brings the spare version up to date in
//! place — its manifest is removed first, so a run killed half-way leaves a version known to be
//! unfinished, rebuilt from scratch next time — and then switches the link to it. Days whose
//! pages the spare already holds (same key) cost nothing; other unchanged days are hard links to
//! the live version's files; so a publish of one day writes only that day, the feeds and the
//! index, and no folder of the whole site is created or removed.
//!
//! Only files named in a manifest are ever removed. A file put into the output folder by hand, or
//! a symbolic link in it, is carried over into the new version (a hard link, or a link with the
//! same target) and never followed. An output folder that is a real folder without a manifest
//! (written by an older dayglot) is taken over once and kept aside, whole, in the state folder; a
//! folder that does not look like dayglot's output, or a link that points anywhere but dayglot's
//! own versions, is refused.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

use crate::ProjectError;

/// The first line of a manifest.
const MANIFEST_HEADER: &str = "dayglot-manifest 2";

/// The two versions' names.
const SLOTS: [&str; 2] = ["a", "b"];

/// What a version of the output holds, as recorded when it was written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    /// The key (hash of every input) each day's pages were rendered from, by day (`day-686`).
    pub days: BTreeMap<String, String>,
    /// Every file dayglot wrote, relative to the output folder, `/`-separated.
    pub files: BTreeSet<String>,
    /// Entries not written by dayglot that it carried over from the previous version (files put
    /// there by hand, symbolic links).
    pub carried: BTreeSet<String>,
}

impl Manifest {
    /// The manifest as text: a header, then `day <id> <key>`, `file <path>` and
    /// `carried <path>` lines, sorted.
    pub fn to_text(&self) -> String {
        let mut o = format!("{MANIFEST_HEADER}\n");
        for (day, key) in &self.days {
            let _ = writeln!(o, "day {day} {key}");
        }
        for file in &self.files {
            let _ = writeln!(o, "file {file}");
        }
        for file in &self.carried {
            let _ = writeln!(o, "carried {file}");
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
        // Collected first: a set built from sorted lines is built in one pass.
        let (mut days, mut files, mut carried) = (Vec::new(), Vec::new(), Vec::new());
        for line in lines {
            if let Some(rest) = line.strip_prefix("day ") {
                let (day, key) = rest.split_once(' ')?;
                days.push((day.to_owned(), key.to_owned()));
            } else if let Some(path) = line.strip_prefix("file ") {
                if !is_plain_relative(Path::new(path)) {
                    return None;
                }
                files.push(path.to_owned());
            } else if let Some(path) = line.strip_prefix("carried ") {
                if !is_plain_relative(Path::new(path)) {
                    return None;
                }
                carried.push(path.to_owned());
            } else if !line.is_empty() {
                return None;
            }
        }
        let manifest = Self {
            days: days.into_iter().collect(),
            files: files.into_iter().collect(),
            carried: carried.into_iter().collect(),
        };
        Some(manifest)
    }
}

/// The output folder of a project and its live version.
#[derive(Debug)]
pub struct Output {
    /// The output folder (`<root>/public`): a symbolic link to the live version once published.
    link: PathBuf,
    /// `.public.dayglot/` beside it: both versions and their manifests.
    state: PathBuf,
    /// The live version's slot and manifest, if there is one.
    live: Option<(&'static str, Manifest)>,
    /// A real folder left by an older dayglot, to be taken over by the next commit.
    legacy: bool,
    /// When the live version's manifest was written: a folder of the live version not changed
    /// since holds just what the manifest says (no hand file was put into it).
    live_written: Option<std::time::SystemTime>,
}

/// Something a publish did besides writing its files, worth telling.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommitNotes {
    /// Files and links not written by dayglot, carried over into the new version.
    pub carried: Vec<String>,
    /// Entries not written by dayglot that could not be carried over (dayglot now writes a file
    /// at that place); they stay in the previous version, which is kept until the next publish.
    pub kept: Vec<String>,
    /// Files of the previous version that the new one no longer has (removed days or languages).
    pub removed: usize,
    /// Where an older dayglot's output folder was put aside, whole, when it was taken over.
    pub legacy_kept: Option<PathBuf>,
}

impl Output {
    /// Opens the output folder `dir` (absolute), checking that dayglot may publish there.
    ///
    /// Refused: a symbolic link that does not point to one of dayglot's own versions, a real
    /// folder that does not look like dayglot's output (no `index.html` at its top, or a
    /// `dayglot.toml`, `corpus`, `locales` or `.git` in it), anything else that is not a folder.
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
            live_written: None,
        };
        match std::fs::symlink_metadata(dir) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(io_error(dir, source)),
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = std::fs::read_link(dir).map_err(|e| io_error(dir, e))?;
                let slot = out.slot_of_target(&target).ok_or_else(|| {
                    refused(
                        dir,
                        &format!(
                            "it is a symbolic link to {}, not to a version dayglot wrote (.{name}.dayglot/a or b); remove the link or choose another [output] dir",
                            target.display()
                        ),
                    )
                })?;
                // The manifest is written before the switch, so a live version has one.
                if let Some(manifest) = read_manifest(&out.manifest_path(slot))? {
                    out.live = Some((slot, manifest));
                    out.live_written = std::fs::symlink_metadata(out.manifest_path(slot))
                        .ok()
                        .and_then(|m| m.modified().ok());
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

    /// The live version's manifest (none when nothing was published by this dayglot yet).
    pub fn live_manifest(&self) -> Option<&Manifest> {
        self.live.as_ref().map(|(_, m)| m)
    }

    /// The folder of the live site (following the link), if there is one.
    pub fn live_dir(&self) -> Option<PathBuf> {
        self.live.as_ref().map(|(s, _)| self.slot_dir(s))
    }

    /// Starts a new version in the spare slot. Its manifest is removed first (the slot is from
    /// now on unfinished); a spare slot without a manifest (a killed run's) is emptied.
    pub fn stage(&self) -> Result<Staging<'_>, ProjectError> {
        std::fs::create_dir_all(&self.state).map_err(|e| io_error(&self.state, e))?;
        let slot = match &self.live {
            Some((live, _)) => SLOTS.into_iter().find(|s| s != live).unwrap_or(SLOTS[0]),
            None => SLOTS[0],
        };
        let dir = self.slot_dir(slot);
        let manifest_path = self.manifest_path(slot);
        let previous = read_manifest(&manifest_path)?;
        let previous_written = std::fs::symlink_metadata(&manifest_path)
            .and_then(|m| m.modified())
            .ok();
        if previous.is_some() {
            std::fs::remove_file(&manifest_path).map_err(|e| io_error(&manifest_path, e))?;
            sync_dir(&self.state);
        }
        let previous = match previous {
            Some(m) if dir.is_dir() => m,
            _ => {
                // Unknown contents in dayglot's own state folder: start again.
                remove_tree(&dir)?;
                Manifest::default()
            }
        };
        std::fs::create_dir_all(&dir).map_err(|e| io_error(&dir, e))?;
        Ok(Staging {
            output: self,
            slot,
            dir,
            previous,
            previous_written,
            manifest: std::sync::Mutex::new(Manifest::default()),
            files: std::sync::Mutex::new(Vec::new()),
            dirs: std::sync::Mutex::new(HashSet::new()),
            checked_dirs: std::sync::Mutex::new(HashSet::new()),
        })
    }

    fn slot_dir(&self, slot: &str) -> PathBuf {
        self.state.join(slot)
    }

    fn manifest_path(&self, slot: &str) -> PathBuf {
        self.state.join(format!("{slot}.manifest"))
    }

    /// The link's target for a slot, relative to the link's folder.
    fn link_target(&self, slot: &str) -> PathBuf {
        let state_name = self
            .state
            .file_name()
            .map(PathBuf::from)
            .unwrap_or_default();
        state_name.join(slot)
    }

    /// The slot a link target names, if it is `.name.dayglot/a` or `/b`.
    fn slot_of_target(&self, target: &Path) -> Option<&'static str> {
        let state_name = self.state.file_name()?;
        let mut parts = target.components();
        match parts.next()? {
            Component::Normal(n) if n == state_name => {}
            _ => return None,
        }
        let Component::Normal(slot) = parts.next()? else {
            return None;
        };
        if parts.next().is_some() {
            return None;
        }
        SLOTS.into_iter().find(|s| slot == *s)
    }
}

/// A new version being written into the spare slot. Dropped without [`Staging::commit`], the
/// live site is untouched (the slot stays unfinished, without a manifest).
#[derive(Debug)]
pub struct Staging<'a> {
    output: &'a Output,
    slot: &'static str,
    dir: PathBuf,
    /// What the slot held when this run started.
    previous: Manifest,
    /// When the slot's previous manifest was written.
    previous_written: Option<std::time::SystemTime>,
    /// The days recorded so far (the files are in `files`).
    manifest: std::sync::Mutex<Manifest>,
    /// Every file of the new version so far, in no order (sorted once, at the commit: a
    /// set of 28,000 paths kept sorted on every insert costs more than the rest of a publish).
    files: std::sync::Mutex<Vec<String>>,
    /// Folders made sure of in this run (by bytes: hashing a `Path` parses its components).
    dirs: std::sync::Mutex<HashSet<std::ffi::OsString>>,
    /// Folders of the live version found to be real folders (not links) in this run.
    checked_dirs: std::sync::Mutex<HashSet<std::ffi::OsString>>,
}

impl Staging<'_> {
    /// Writes one file of the new version (`path` relative to the output folder). Safe to call
    /// from several threads.
    pub fn write(&self, path: &Path, bytes: &[u8]) -> Result<(), ProjectError> {
        let target = self.place(path)?;
        // Never write through a hard link to the live version's file: a new inode every time.
        let mut file = match std::fs::File::create_new(&target) {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                remove_entry(&self.dir, path)?;
                std::fs::File::create_new(&target)
            }
            other => other,
        }
        .map_err(|e| io_error(&target, e))?;
        file.write_all(bytes).map_err(|e| io_error(&target, e))?;
        Ok(())
    }

    /// Whether the spare version already holds `day`'s pages rendered from `key`.
    pub fn holds(&self, day: &str, key: &str) -> bool {
        self.previous.days.get(day).is_some_and(|k| k == key)
    }

    /// Keeps a day's files when the spare version holds exactly `files` under `day/` (the
    /// live version's list of the day, sorted), reached through real folders that were there
    /// already; else records nothing and says `false`.
    pub fn keep_day(&self, day: &str, files: &[&str]) -> bool {
        let prefix = format!("{day}/");
        let held = self
            .previous
            .files
            .range(prefix.clone()..)
            .take_while(|f| f.starts_with(&prefix));
        if !held.map(String::as_str).eq(files.iter().copied()) {
            return false;
        }
        // A day folder not changed since the slot's manifest was written still holds the real
        // folders it held then (replacing one by a link would have changed the day folder): the
        // folders right under it need no `stat` of their own.
        let day_unchanged = self.previous_written.is_some_and(|at| {
            std::fs::symlink_metadata(self.dir.join(day))
                .is_ok_and(|m| m.is_dir() && changed_at(&m).is_some_and(|t| t < at))
        });
        // Each folder once (the files are sorted, so a folder's files are together).
        let mut last: Option<&str> = None;
        for file in files {
            let parent = file.rsplit_once('/').map_or("", |(d, _)| d);
            if last == Some(parent) {
                continue;
            }
            last = Some(parent);
            if day_unchanged && parent.matches('/').count() == 1 {
                continue;
            }
            if !matches!(self.real_dirs_to(&self.dir.join(parent)), Ok(true)) {
                return false;
            }
        }
        if let Ok(mut f) = self.files.lock() {
            f.extend(files.iter().map(|k| (*k).to_owned()));
        }
        true
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
        let live_dir = self.output.slot_dir(live);
        let from = live_dir.join(path);
        // Only a regular file, reached through real folders, is reused.
        if !self.is_regular_in_live(&live_dir, path) {
            return Ok(false);
        }
        let target = self.place(path)?;
        let linked = match std::fs::hard_link(&from, &target) {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                remove_entry(&self.dir, path)?;
                std::fs::hard_link(&from, &target)
            }
            other => other,
        };
        match linked {
            Ok(()) => Ok(true),
            Err(_) => {
                // Another file system, or no hard links: copy.
                std::fs::copy(&from, &target).map_err(|e| io_error(&target, e))?;
                Ok(true)
            }
        }
    }
    /// Whether `rel` is a regular file of the live version reached through real folders only
    /// (each folder checked once per run).
    fn is_regular_in_live(&self, live_dir: &Path, rel: &Path) -> bool {
        let mut at = live_dir.to_path_buf();
        let parts: Vec<Component<'_>> = rel.components().collect();
        for (i, part) in parts.iter().enumerate() {
            at.push(part);
            let last = i + 1 == parts.len();
            if !last
                && self
                    .checked_dirs
                    .lock()
                    .map(|d| d.contains(at.as_os_str()))
                    .unwrap_or(false)
            {
                continue;
            }
            let Ok(meta) = std::fs::symlink_metadata(&at) else {
                return false;
            };
            if last {
                return meta.is_file();
            }
            if !meta.is_dir() {
                return false;
            }
            if let Ok(mut d) = self.checked_dirs.lock() {
                d.insert(at.clone().into_os_string());
            }
        }
        false
    }

    /// Records the key a day's pages were rendered from (kept in the manifest).
    pub fn record_day(&self, day: &str, key: &str) {
        if let Ok(mut m) = self.manifest.lock() {
            m.days.insert(day.to_owned(), key.to_owned());
        }
    }

    /// Makes every folder from the slot down to `dir` a real folder: a link or a file in the
    /// way (in dayglot's own slot) is removed itself, never followed. Each folder once per run.
    /// `Ok(true)` when every folder was there already.
    fn real_dirs_to(&self, dir: &Path) -> Result<bool, ProjectError> {
        let Ok(rel) = dir.strip_prefix(&self.dir) else {
            return Err(refused(dir, "a folder outside the version being written"));
        };
        if self
            .dirs
            .lock()
            .map(|d| d.contains(dir.as_os_str()))
            .unwrap_or(false)
        {
            return Ok(true);
        }
        let mut intact = true;
        let mut at = self.dir.clone();
        for part in rel.components() {
            at.push(part);
            if self
                .dirs
                .lock()
                .map(|d| d.contains(at.as_os_str()))
                .unwrap_or(false)
            {
                continue;
            }
            match std::fs::symlink_metadata(&at) {
                Ok(m) if m.is_dir() => {}
                Ok(_) => {
                    std::fs::remove_file(&at).map_err(|e| io_error(&at, e))?;
                    create_dir(&at)?;
                    intact = false;
                }
                Err(_) => {
                    create_dir(&at)?;
                    intact = false;
                }
            }
            if let Ok(mut d) = self.dirs.lock() {
                d.insert(at.clone().into_os_string());
            }
        }
        Ok(intact)
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
                .map(|d| d.contains(parent.as_os_str()))
                .unwrap_or(false);
            if !known {
                self.real_dirs_to(parent)?;
            }
        }
        if let Ok(mut f) = self.files.lock() {
            f.push(key.to_owned());
        }
        Ok(target)
    }

    /// Switches the output folder to the new version: files of the slot's previous contents
    /// that the new version does not have are removed, entries of the live version that dayglot
    /// did not write are carried over, the manifest is written, and the link is replaced in one
    /// rename. The previous live version becomes the spare, untouched.
    pub fn commit(self) -> Result<CommitNotes, ProjectError> {
        let mut notes = CommitNotes::default();
        let mut manifest = self.manifest.lock().map(|m| m.clone()).unwrap_or_default();
        manifest.files = self.sorted_files().into_iter().collect();
        // What the slot held and the new version does not: dayglot's own files, and entries it
        // carried last time (carried again below if they are still in the live version).
        let mut stale_dirs = BTreeSet::new();
        // Sorted sets: a merge of the two, not a lookup per file.
        let gone = self.previous.files.difference(&manifest.files);
        for path in gone.chain(self.previous.carried.difference(&manifest.files)) {
            {
                remove_entry(&self.dir, Path::new(path))?;
                let mut p = Path::new(path).parent();
                while let Some(dir) = p.filter(|d| !d.as_os_str().is_empty()) {
                    stale_dirs.insert(dir.to_path_buf());
                    p = dir.parent();
                }
            }
        }
        // Deepest first, so that a folder is tried after its subfolders.
        let mut stale_dirs: Vec<PathBuf> = stale_dirs.into_iter().collect();
        stale_dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
        for dir in stale_dirs {
            if is_real_dir_within(&self.dir, &dir) {
                let _ = std::fs::remove_dir(self.dir.join(&dir));
            }
        }
        let from = match &self.output.live {
            Some((live, m)) => {
                notes.removed = m.files.difference(&manifest.files).count();
                Some((self.output.slot_dir(live), Some(m)))
            }
            None if self.output.legacy => Some((self.output.link.clone(), None)),
            None => None,
        };
        if let Some((dir, old)) = &from {
            let unchanged = match (old, self.output.live_written) {
                (Some(m), Some(at)) => Some(Unchanged::new(m, at)),
                _ => None,
            };
            let mut carry = Carry {
                old: dir,
                new: &self.dir,
                manifest: *old,
                written: &manifest,
                unchanged,
                notes: &mut notes,
            };
            carry.folder(Path::new(""))?;
        }
        manifest.carried = notes.carried.iter().cloned().collect();
        let manifest_path = self.output.manifest_path(self.slot);
        write_synced(&manifest_path, manifest.to_text().as_bytes())?;
        // The switch: a new link beside the old one, renamed over it.
        let tmp_link = self.output.state.join(format!("{}.link", self.slot));
        let _ = std::fs::remove_file(&tmp_link);
        symlink_to(&self.output.link_target(self.slot), &tmp_link)?;
        if self.output.legacy && self.output.live.is_none() {
            // An older dayglot's real folder: put aside whole in the state folder (the one moment
            // the output folder is briefly absent), then replaced by the link.
            let mut n = 1;
            let mut aside = self.output.state.join(format!("previous-{n}"));
            while std::fs::symlink_metadata(&aside).is_ok() {
                n += 1;
                aside = self.output.state.join(format!("previous-{n}"));
            }
            std::fs::rename(&self.output.link, &aside)
                .map_err(|e| io_error(&self.output.link, e))?;
            notes.legacy_kept = Some(aside);
        }
        std::fs::rename(&tmp_link, &self.output.link)
            .map_err(|e| io_error(&self.output.link, e))?;
        sync_dir(self.output.link.parent().unwrap_or(Path::new(".")));
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
        self.sorted_files().len()
    }

    /// The files of the new version so far, sorted, each once.
    fn sorted_files(&self) -> Vec<String> {
        let mut files = self.files.lock().map(|f| f.clone()).unwrap_or_default();
        files.sort_unstable();
        files.dedup();
        files
    }
}

/// The folders of a version as its manifest knows them, for skipping the ones not changed since
/// it was written (see [`Carry::folder`]).
struct Unchanged {
    /// When the manifest was written.
    at: std::time::SystemTime,
    /// Each known folder's (`""` for the top) subfolders and carried entries.
    children: BTreeMap<String, (BTreeSet<String>, Vec<String>)>,
}

impl Unchanged {
    fn new(manifest: &Manifest, at: std::time::SystemTime) -> Self {
        let mut children: BTreeMap<String, (BTreeSet<String>, Vec<String>)> = BTreeMap::new();
        children.entry(String::new()).or_default();
        let parent_of = |p: &str| p.rsplit_once('/').map_or("", |(d, _)| d).to_owned();
        let mut last = String::new();
        for path in manifest.files.iter().chain(&manifest.carried) {
            // Every folder above the entry is known, and a subfolder of its parent. (Sorted
            // paths: the files of a folder come together, and the folder is done once.)
            let mut dir = parent_of(path);
            if dir == last {
                continue;
            }
            last.clone_from(&dir);
            while !dir.is_empty() {
                let parent = parent_of(&dir);
                children.entry(dir.clone()).or_default();
                // Once a folder is known as its parent's, so are the folders above it.
                if !children.entry(parent.clone()).or_default().0.insert(dir) {
                    break;
                }
                dir = parent;
            }
        }
        for path in &manifest.carried {
            if let Some(c) = children.get_mut(&parent_of(path)) {
                c.1.push(path.clone());
            }
        }
        Self { at, children }
    }
}

/// Carrying the entries dayglot did not write from the old version into the new one.
struct Carry<'a> {
    old: &'a Path,
    new: &'a Path,
    /// The old version's manifest (`None`: an older dayglot's folder, where a file at a path
    /// the new version writes is taken as dayglot's).
    manifest: Option<&'a Manifest>,
    written: &'a Manifest,
    unchanged: Option<Unchanged>,
    notes: &'a mut CommitNotes,
}

impl Carry<'_> {
    /// Carries the entries of the old version's folder `rel` that dayglot did not write: regular
    /// files as hard links, symbolic links as links with the same target. Nothing is followed.
    ///
    /// A folder whose change time is before the manifest was written still holds exactly what
    /// the manifest says: putting a file or a link into it, or replacing one, would have changed
    /// it. Its listing is skipped (on a 1,000-day site, most of a publish's time otherwise).
    fn folder(&mut self, rel: &Path) -> Result<(), ProjectError> {
        let dir = self.old.join(rel);
        let key = rel.to_string_lossy().replace('\\', "/");
        let known = self.unchanged.as_ref().and_then(|u| {
            let (subdirs, carried) = u.children.get(&key)?;
            let meta = std::fs::symlink_metadata(&dir).ok()?;
            (meta.is_dir() && changed_at(&meta).is_some_and(|t| t < u.at))
                .then(|| (subdirs.clone(), carried.clone()))
        });
        if let Some((subdirs, carried)) = known {
            for path in carried {
                let Ok(meta) = std::fs::symlink_metadata(self.old.join(&path)) else {
                    continue;
                };
                self.entry(PathBuf::from(&path), path, &meta)?;
            }
            for sub in subdirs {
                self.folder(Path::new(&sub))?;
            }
            return Ok(());
        }
        let entries = std::fs::read_dir(&dir).map_err(|e| io_error(&dir, e))?;
        // The entry's type comes with the listing: no `stat` for each of the site's own files.
        let mut listed: Vec<(std::ffi::OsString, Option<std::fs::FileType>)> = entries
            .filter_map(Result::ok)
            .map(|e| (e.file_name(), e.file_type().ok()))
            .collect();
        listed.sort_by(|x, y| x.0.cmp(&y.0));
        for (name, kind) in listed {
            let rel_path = rel.join(&name);
            let key = rel_path.to_string_lossy().replace('\\', "/");
            if kind.is_some_and(|k| k.is_dir()) {
                self.folder(&rel_path)?;
                continue;
            }
            let is_file = kind.is_some_and(|k| k.is_file());
            let ours = is_file
                && match self.manifest {
                    Some(m) => m.files.contains(&key),
                    None => self.written.files.contains(&key),
                };
            if ours {
                continue;
            }
            let Ok(meta) = std::fs::symlink_metadata(self.old.join(&rel_path)) else {
                continue;
            };
            self.entry(rel_path, key, &meta)?;
        }
        Ok(())
    }

    /// Carries one entry that dayglot did not write.
    fn entry(
        &mut self,
        rel_path: PathBuf,
        key: String,
        meta: &std::fs::Metadata,
    ) -> Result<(), ProjectError> {
        let (from, to) = (self.old.join(&rel_path), self.new.join(&rel_path));
        let notes = &mut *self.notes;
        if let Ok(existing) = std::fs::symlink_metadata(&to) {
            if !self.written.files.contains(&key) && same_entry(meta, &existing, &from, &to) {
                // Carried last time and unchanged since.
                notes.carried.push(key);
            } else {
                notes.kept.push(key);
            }
            return Ok(());
        }
        if blocked(self.new, &rel_path) {
            notes.kept.push(key);
            return Ok(());
        }
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io_error(parent, e))?;
        }
        if meta.file_type().is_symlink() {
            let target = std::fs::read_link(&from).map_err(|e| io_error(&from, e))?;
            symlink_to(&target, &to)?;
        } else if meta.is_file() {
            if std::fs::hard_link(&from, &to).is_err() {
                notes.kept.push(key);
                return Ok(());
            }
        } else {
            notes.kept.push(key);
            return Ok(());
        }
        notes.carried.push(key);
        Ok(())
    }
}

/// The later of a folder's modification and status change times.
fn changed_at(meta: &std::fs::Metadata) -> Option<std::time::SystemTime> {
    let modified = meta.modified().ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        let changed = std::time::UNIX_EPOCH
            + std::time::Duration::new(
                u64::try_from(meta.ctime()).ok()?,
                u32::try_from(meta.ctime_nsec()).ok()?,
            );
        Some(modified.max(changed))
    }
    #[cfg(not(unix))]
    Some(modified)
}

/// Whether two entries are the same carried entry: one file (a hard link) or links to one target.
fn same_entry(a: &std::fs::Metadata, b: &std::fs::Metadata, pa: &Path, pb: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        if a.is_file() && b.is_file() {
            return a.dev() == b.dev() && a.ino() == b.ino();
        }
    }
    if a.file_type().is_symlink() && b.file_type().is_symlink() {
        return std::fs::read_link(pa).ok() == std::fs::read_link(pb).ok();
    }
    false
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

/// Whether `rel` is a real folder under `base`, reached through real folders only.
fn is_real_dir_within(base: &Path, rel: &Path) -> bool {
    let mut at = base.to_path_buf();
    for part in rel.components() {
        at.push(part);
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.is_dir() => {}
            _ => return false,
        }
    }
    true
}

/// Removes one entry (a file or a link, never what a link points to) of dayglot's own version
/// folder `base`, if it is there and reached through real folders only.
fn remove_entry(base: &Path, rel: &Path) -> Result<(), ProjectError> {
    if let Some(parent) = rel.parent()
        && !is_real_dir_within(base, parent)
    {
        return Ok(());
    }
    let path = base.join(rel);
    match std::fs::symlink_metadata(&path) {
        Ok(m) if !m.is_dir() => std::fs::remove_file(&path).map_err(|e| io_error(&path, e)),
        _ => Ok(()),
    }
}

/// Removes a version folder of dayglot's state folder whose contents are unknown (a killed
/// run's): only dayglot's files and links to what was carried are in it; links are removed, never
/// followed.
fn remove_tree(dir: &Path) -> Result<(), ProjectError> {
    match std::fs::symlink_metadata(dir) {
        Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(dir).map_err(|e| io_error(dir, e)),
        Ok(_) => std::fs::remove_file(dir).map_err(|e| io_error(dir, e)),
        Err(_) => Ok(()),
    }
}

/// Creates one folder (one that exists already is fine).
fn create_dir(dir: &Path) -> Result<(), ProjectError> {
    match std::fs::create_dir(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => Err(io_error(dir, e)),
        _ => Ok(()),
    }
}

fn read_manifest(path: &Path) -> Result<Option<Manifest>, ProjectError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Manifest::parse(&text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_error(path, e)),
    }
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), ProjectError> {
    let mut file = std::fs::File::create(path).map_err(|e| io_error(path, e))?;
    file.write_all(bytes).map_err(|e| io_error(path, e))?;
    file.sync_all().map_err(|e| io_error(path, e))
}

fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(unix)]
fn symlink_to(target: &Path, link: &Path) -> Result<(), ProjectError> {
    std::os::unix::fs::symlink(target, link).map_err(|e| io_error(link, e))
}

#[cfg(not(unix))]
fn symlink_to(_target: &Path, link: &Path) -> Result<(), ProjectError> {
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
        // A third publish reuses the spare slot in place: the day removed two versions ago is
        // gone from it too.
        publish(
            &public,
            &[("index.html", "3"), ("day-2/en/index.html", "b")],
        );
        let live = tree(&public);
        assert_eq!(live.len(), 2, "{live:?}");
        assert!(
            !tmp.path()
                .join(".public.dayglot/a/day-1/en/index.html")
                .exists()
        );
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

    /// Regression: a folder met first as the parent of another was never listed as its own
    /// parent's subfolder, so an unchanged top folder hid it, and a hand file in it was lost.
    #[test]
    fn every_folder_of_a_manifest_is_known_to_its_parent() {
        let manifest = Manifest {
            files: [
                "day-1/bg/index.html",
                "day-1/en/index.html",
                "feed/en.atom",
                "index.html",
            ]
            .into_iter()
            .map(String::from)
            .collect(),
            carried: ["day-1/en/notes.txt".to_owned()].into_iter().collect(),
            ..Manifest::default()
        };
        let u = Unchanged::new(&manifest, std::time::UNIX_EPOCH);
        let subdirs = |d: &str| u.children[d].0.iter().cloned().collect::<Vec<_>>();
        assert_eq!(subdirs(""), ["day-1", "feed"]);
        assert_eq!(subdirs("day-1"), ["day-1/bg", "day-1/en"]);
        assert_eq!(u.children["day-1/en"].1, ["day-1/en/notes.txt"]);
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
