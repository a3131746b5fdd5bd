//! The fetch revision store: `corpus/day-N/fetch/rev-K.html` (the body as received) and
//! `rev-K.toml` (what came with it), so that nothing fetched is ever lost.

use dayglot_core::DayId;
use serde::{Deserialize, Serialize};

use crate::ProjectError;
use crate::files::{read_dir_names, write_atomic};
use crate::project::{Project, parse_toml};

/// `rev-K.toml`: what was received with `rev-K.html` (the file format; every field documented).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionMeta {
    /// The URL asked for.
    pub url: String,
    /// The URL after redirects.
    pub final_url: String,
    /// The HTTP status.
    pub status: u16,
    /// The `Content-Type` header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// The charset the body was decoded with.
    pub charset: String,
    /// Where the charset came from: `bom`, `header`, `meta` or `detected`.
    pub charset_source: String,
    /// What was wrong with the page's charset declaration, if anything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charset_problem: Option<String>,
    /// The `ETag` header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// The `Last-Modified` header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    /// When it was fetched (RFC 3339, UTC).
    pub fetched_at: String,
}

/// A stored revision of a day's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// K of `rev-K`.
    pub number: u32,
    /// Its metadata.
    pub meta: RevisionMeta,
    /// The body as received.
    pub body: Vec<u8>,
}

impl Project {
    /// The newest stored revision of a day, with its body.
    pub fn latest_revision(&self, day: DayId) -> Result<Option<Revision>, ProjectError> {
        let dir = self.day_dir(day).join("fetch");
        if !dir.is_dir() {
            return Ok(None);
        }
        let number = read_dir_names(&dir)?
            .iter()
            .filter_map(|n| {
                n.strip_prefix("rev-")?
                    .strip_suffix(".toml")?
                    .parse::<u32>()
                    .ok()
            })
            .max();
        let Some(number) = number else {
            return Ok(None);
        };
        let meta_path = dir.join(format!("rev-{number}.toml"));
        let text = crate::files::read_to_string(&meta_path)?;
        let meta: RevisionMeta = parse_toml(&meta_path, &text)?;
        let body_path = dir.join(format!("rev-{number}.html"));
        let body = std::fs::read(&body_path).map_err(|source| ProjectError::Io {
            path: body_path,
            source,
        })?;
        Ok(Some(Revision { number, meta, body }))
    }

    /// The day whose newest stored revision was fetched from `url`.
    pub fn day_of_url(&self, url: &str) -> Result<Option<DayId>, ProjectError> {
        for day in self.days()? {
            if let Some(rev) = self.latest_revision(day)?
                && (rev.meta.url == url || rev.meta.final_url == url)
            {
                return Ok(Some(day));
            }
        }
        Ok(None)
    }

    /// Stores a revision (body first, then its metadata, each atomically); returns the two
    /// project-relative paths.
    pub fn write_revision(
        &self,
        day: DayId,
        revision: &Revision,
    ) -> Result<[String; 2], ProjectError> {
        let dir = self.day_dir(day).join("fetch");
        let n = revision.number;
        let meta_path = dir.join(format!("rev-{n}.toml"));
        let meta = toml::to_string(&revision.meta).map_err(|e| ProjectError::Serialize {
            path: meta_path.clone(),
            message: e.to_string(),
        })?;
        write_atomic(&dir.join(format!("rev-{n}.html")), &revision.body)?;
        write_atomic(
            &meta_path,
            format!(
                "# Revision {n} of {day}, fetched by `dayglot fetch`; the body as received is rev-{n}.html.\n{meta}"
            )
            .as_bytes(),
        )?;
        Ok([
            format!("corpus/{day}/fetch/rev-{n}.html"),
            format!("corpus/{day}/fetch/rev-{n}.toml"),
        ])
    }
}
