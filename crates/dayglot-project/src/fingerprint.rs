//! Content fingerprints of the project's inputs, without reading what has not changed.
//!
//! The caches of `publish`, `check` and `status` are keyed by a content hash of every input of
//! a day. Hashing the whole corpus on every run costs more than the work it saves (a 1,000-day
//! archive is 170 MB), so, like git's index, every file's hash (xxh3, 128 bits) is remembered
//! with its metadata (size, modification and change times, inode) in
//! `target/dayglot-cache/hashes`, and a file whose metadata is unchanged is not read again.
//!
//! A file changed twice within one clock tick keeps its metadata; as git does with "racily
//! clean" entries, a remembered hash is trusted only for a file last changed more than a second
//! before the memo was written, and is otherwise computed again. A missing or damaged memo is
//! only slower, never wrong.

use std::collections::BTreeMap;
use std::hash::Hasher as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use siphasher::sip128::{Hasher128 as _, SipHasher13};

use crate::Project;

/// The first line of the memo file.
const HEADER: &str = "dayglot-hashes 2";

/// What identifies a file's version without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    /// Modification time, nanoseconds since the epoch.
    mtime: u128,
    /// Status change time (any write, rename or chmod), nanoseconds; 0 where unknown.
    ctime: u128,
    ino: u64,
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Self {
        let nanos = |t: std::io::Result<SystemTime>| {
            t.ok()
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos())
        };
        #[cfg(unix)]
        let (ctime, ino) = {
            use std::os::unix::fs::MetadataExt as _;
            let ctime = u128::try_from(meta.ctime()).unwrap_or(0) * 1_000_000_000
                + u128::try_from(meta.ctime_nsec()).unwrap_or(0);
            (ctime, meta.ino())
        };
        #[cfg(not(unix))]
        let (ctime, ino) = (0, 0);
        Self {
            len: meta.len(),
            mtime: nanos(meta.modified()),
            ctime,
            ino,
        }
    }

    /// The later of the two times.
    fn changed(&self) -> u128 {
        self.mtime.max(self.ctime)
    }
}

/// Content hashes of the project's files, remembered across runs (see the module docs). Safe to
/// share between threads.
#[derive(Debug)]
pub struct Fingerprints {
    memo: PathBuf,
    root: PathBuf,
    /// What the memo held, and until when (nanoseconds) its entries may be trusted.
    old: BTreeMap<String, (Stamp, u128)>,
    trusted_before: u128,
    /// What this run hashed or confirmed.
    new: Mutex<BTreeMap<String, (Stamp, u128)>>,
    /// The folders this run walked whole: a remembered file under one of them that the walk did
    /// not meet is gone, and is forgotten.
    walked: Mutex<std::collections::BTreeSet<String>>,
    /// Folders whose subfolders this run listed ([`Fingerprints::listed`]): a remembered file in
    /// a subfolder not listed is gone.
    listed: Mutex<Vec<(String, std::collections::BTreeSet<String>)>>,
}

impl Project {
    /// The fingerprints of this project's files, with what earlier runs remembered.
    pub fn fingerprints(&self) -> Fingerprints {
        let memo = self
            .root
            .join("target")
            .join("dayglot-cache")
            .join("hashes");
        let trusted_before = std::fs::metadata(&memo)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.checked_sub(Duration::from_secs(1)))
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        let old = std::fs::read_to_string(&memo)
            .ok()
            .and_then(|text| parse_memo(&text))
            .unwrap_or_default();
        Fingerprints {
            memo,
            root: self.root.clone(),
            old,
            trusted_before,
            new: Mutex::new(BTreeMap::new()),
            walked: Mutex::new(std::collections::BTreeSet::new()),
            listed: Mutex::new(Vec::new()),
        }
    }
}

fn parse_memo(text: &str) -> Option<BTreeMap<String, (Stamp, u128)>> {
    let mut lines = text.lines();
    if lines.next()? != HEADER {
        return None;
    }
    let mut out = BTreeMap::new();
    for line in lines {
        let mut f = line.split('\t');
        let path = f.next()?.to_owned();
        let stamp = Stamp {
            len: f.next()?.parse().ok()?,
            mtime: f.next()?.parse().ok()?,
            ctime: f.next()?.parse().ok()?,
            ino: f.next()?.parse().ok()?,
        };
        let hash = u128::from_str_radix(f.next()?, 16).ok()?;
        out.insert(path, (stamp, hash));
    }
    Some(out)
}

/// A 128-bit SipHash-1-3 of `fields`, each length-prefixed so that they never run together.
pub fn hash_fields<'a>(fields: impl IntoIterator<Item = &'a [u8]>) -> u128 {
    let mut h = SipHasher13::new();
    for field in fields {
        h.write_u64(field.len() as u64);
        h.write(field);
    }
    h.finish128().as_u128()
}

impl Fingerprints {
    /// The content hash of one file (`rel` relative to the project root, `/`-separated), or
    /// `None` when it is missing or unreadable.
    pub fn file(&self, rel: &str) -> Option<u128> {
        let path = self.root.join(rel);
        let meta = std::fs::metadata(&path).ok()?;
        self.hash_with(rel, &path, &meta)
    }

    fn hash_with(&self, rel: &str, path: &Path, meta: &std::fs::Metadata) -> Option<u128> {
        let stamp = Stamp::of(meta);
        let remembered = self
            .old
            .get(rel)
            .filter(|(s, _)| *s == stamp && s.changed() < self.trusted_before)
            .map(|(_, h)| *h);
        let hash = match remembered {
            Some(h) => h,
            // xxh3: reading and hashing a cold 1,000-day corpus was a tenth of a cold check.
            None => xxhash_rust::xxh3::xxh3_128(&std::fs::read(path).ok()?),
        };
        if let Ok(mut new) = self.new.lock() {
            new.insert(rel.to_owned(), (stamp, hash));
        }
        Some(hash)
    }

    /// The hash of a folder (`rel` relative to the project root): every file in it and its
    /// subfolders, by name and content, and the subfolders' names, in name order. Symbolic links are not followed; a
    /// missing folder hashes like an empty one.
    pub fn tree(&self, rel: &str) -> u128 {
        let mut fields: Vec<Vec<u8>> = Vec::new();
        self.walk(rel, &mut fields);
        if let Ok(mut walked) = self.walked.lock() {
            walked.insert(format!("{rel}/"));
        }
        hash_fields(fields.iter().map(Vec::as_slice))
    }

    fn walk(&self, rel: &str, fields: &mut Vec<Vec<u8>>) {
        let dir = self.root.join(rel);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return;
        };
        let mut listed: Vec<(String, std::fs::FileType)> = entries
            .filter_map(Result::ok)
            .filter_map(|e| Some((e.file_name().into_string().ok()?, e.file_type().ok()?)))
            .collect();
        listed.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, kind) in listed {
            let child = format!("{rel}/{name}");
            if kind.is_dir() {
                // The folder itself counts (an empty language folder is a language).
                fields.push(format!("{child}/").into_bytes());
                self.walk(&child, fields);
            } else if kind.is_file() {
                let path = dir.join(&name);
                let Ok(meta) = std::fs::metadata(&path) else {
                    continue;
                };
                if let Some(hash) = self.hash_with(&child, &path, &meta) {
                    fields.push(child.into_bytes());
                    fields.push(hash.to_le_bytes().to_vec());
                }
            }
        }
    }

    /// Says that `rel` (a folder, like `corpus`) holds just the subfolders `names` (the days): the
    /// remembered files of any other subfolder (a removed day) are forgotten at [`Self::save`].
    pub fn listed(&self, rel: &str, names: impl IntoIterator<Item = String>) {
        if let Ok(mut listed) = self.listed.lock() {
            listed.push((format!("{rel}/"), names.into_iter().collect()));
        }
    }

    /// Writes what this run learnt for the next one (a temporary file and a rename); does
    /// nothing when nothing is new. A failure only makes the next run slower.
    pub fn save(&self) {
        let Ok(new) = self.new.lock() else {
            return;
        };
        // Entries that were not trusted (changed recently) are written again, so that the
        // memo's own time moves past them and the next run can trust them.
        let walked = self.walked.lock().map(|w| w.clone()).unwrap_or_default();
        let listed = self.listed.lock().map(|l| l.clone()).unwrap_or_default();
        let gone = |path: &String| {
            !new.contains_key(path)
                // A folder above the file was walked (each of its folders looked up, not every
                // walked folder tried: a publish walks a thousand day folders).
                && (path
                    .match_indices('/')
                    .any(|(i, _)| walked.contains(&path[..=i]))
                    || listed.iter().any(|(parent, names)| {
                        path.strip_prefix(parent.as_str())
                            .and_then(|rest| rest.split('/').next())
                            .is_some_and(|name| !names.contains(name))
                    }))
        };
        let changed = self.old.keys().any(gone)
            || new.iter().any(|(path, (stamp, hash))| {
                self.old.get(path).is_none_or(|(s, h)| {
                    s != stamp || h != hash || s.changed() >= self.trusted_before
                })
            });
        if !changed {
            return;
        }
        let mut all: BTreeMap<String, (Stamp, u128)> = self
            .old
            .iter()
            .filter(|(path, _)| !gone(path))
            .map(|(k, v)| (k.clone(), *v))
            .collect();
        all.extend(new.iter().map(|(k, v)| (k.clone(), *v)));
        let mut text = format!("{HEADER}\n");
        for (path, (s, hash)) in &all {
            if path.contains(['\t', '\n']) {
                continue;
            }
            text.push_str(&format!(
                "{path}\t{}\t{}\t{}\t{}\t{hash:032x}\n",
                s.len, s.mtime, s.ctime, s.ino
            ));
        }
        let _ = crate::write_atomic(&self.memo, text.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn project(dir: &Path) -> Project {
        std::fs::write(
            dir.join(crate::CONFIG_FILE),
            "[series]\nname = \"t\"\nepoch = \"2022-02-24\"\n[source]\nlang = \"en\"\n",
        )
        .unwrap();
        Project::open(dir).unwrap()
    }

    /// A file rewritten at the same size right after its hash was remembered (its metadata may
    /// then be all that changes, or nothing at all) is hashed again, not taken from the memo.
    #[test]
    fn a_same_size_edit_right_after_a_run_is_seen() {
        let dir = tempfile::tempdir().unwrap();
        let project = project(dir.path());
        std::fs::create_dir_all(dir.path().join("corpus/day-1")).unwrap();
        std::fs::write(dir.path().join("corpus/day-1/bg.po"), "msgstr \"Киев\"\n").unwrap();
        let first = project.fingerprints();
        let before = first.tree("corpus/day-1");
        first.save();
        std::fs::write(dir.path().join("corpus/day-1/bg.po"), "msgstr \"Київ\"\n").unwrap();
        let second = project.fingerprints();
        assert_ne!(second.tree("corpus/day-1"), before);
        second.save();
        // And stable while nothing changes.
        assert_eq!(
            project.fingerprints().tree("corpus/day-1"),
            second.tree("corpus/day-1")
        );
    }

    /// A folder's hash covers every file's name and content and every subfolder, so that a
    /// renamed file or a new empty folder (a new language) is a change.
    #[test]
    fn a_tree_hash_changes_with_names_contents_and_folders() {
        let dir = tempfile::tempdir().unwrap();
        let project = project(dir.path());
        let locales = dir.path().join("locales");
        std::fs::create_dir_all(locales.join("de")).unwrap();
        std::fs::write(locales.join("de/chrome.ftl"), "a = b\n").unwrap();
        let hash = || project.fingerprints().tree("locales");
        let mut seen = vec![hash()];
        std::fs::write(locales.join("de/chrome.ftl"), "a = c\n").unwrap();
        seen.push(hash());
        std::fs::rename(locales.join("de/chrome.ftl"), locales.join("de/other.ftl")).unwrap();
        seen.push(hash());
        std::fs::create_dir_all(locales.join("ro")).unwrap();
        seen.push(hash());
        assert_eq!(
            seen.len(),
            seen.iter().collect::<std::collections::BTreeSet<_>>().len()
        );
        assert_eq!(hash(), hash());
        // A missing folder is an empty one, not an error.
        assert_eq!(project.fingerprints().tree("nowhere"), hash_fields([]));
    }

    /// A removed day is forgotten by the next run that walks its folder (the memo does not grow
    /// with every day ever deleted).
    #[test]
    fn files_of_a_removed_folder_are_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        let project = project(dir.path());
        for day in ["day-1", "day-2"] {
            std::fs::create_dir_all(dir.path().join("corpus").join(day)).unwrap();
            std::fs::write(dir.path().join("corpus").join(day).join("bg.po"), day).unwrap();
        }
        let fp = project.fingerprints();
        fp.tree("corpus");
        fp.save();
        let memo =
            || std::fs::read_to_string(dir.path().join("target/dayglot-cache/hashes")).unwrap();
        assert!(memo().contains("corpus/day-2/bg.po"));
        std::fs::remove_dir_all(dir.path().join("corpus/day-2")).unwrap();
        let fp = project.fingerprints();
        fp.tree("corpus");
        fp.save();
        assert!(
            memo().contains("corpus/day-1/bg.po") && !memo().contains("day-2"),
            "{}",
            memo()
        );
    }

    /// A damaged memo is only a slower run.
    #[test]
    fn a_damaged_memo_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let project = project(dir.path());
        std::fs::write(dir.path().join("x"), "x").unwrap();
        let good = project.fingerprints().file("x");
        std::fs::create_dir_all(dir.path().join("target/dayglot-cache")).unwrap();
        std::fs::write(
            dir.path().join("target/dayglot-cache/hashes"),
            "dayglot-hashes 1\nx\tnot a number\n",
        )
        .unwrap();
        assert_eq!(project.fingerprints().file("x"), good);
        assert_eq!(project.fingerprints().file("missing"), None);
    }
}
