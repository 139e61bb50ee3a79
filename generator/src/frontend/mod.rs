//! Front-ends: each parses one kind of upstream description into [`crate::ir::Api`].
//! They only parse and normalize; they never print Rust.

use std::path::Path;

use crate::ir::Api;
use crate::schema::Source;
use crate::{Error, Result};

pub mod common;
pub mod openapi;
pub mod proto;

/// What a front-end produced.
#[derive(Debug, Clone)]
pub struct Imported {
    pub api: Api,
    pub source: Source,
    /// Places where the input bent the standard and a deterministic choice
    /// was made (e.g. a renamed duplicate); printed, not fatal.
    pub warnings: Vec<String>,
}

/// Imports `path`: a directory is a proto root, a `.yaml`/`.yml`/`.json`
/// file an OpenAPI document.
pub fn import(path: &Path) -> Result<Imported> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path)
        .map_err(|e| Error::new(&shown, format!("cannot read the description: {e}")))?;
    let mut imported = if meta.is_dir() {
        proto::import(path)?
    } else {
        match path.extension().and_then(|e| e.to_str()) {
            Some("yaml" | "yml" | "json") => openapi::import(path)?,
            _ => {
                return Err(Error::new(
                    &shown,
                    "expected a proto root directory or an OpenAPI file (.yaml, .yml, .json)",
                ));
            }
        }
    };
    if imported.source.upstream_commit.is_none() {
        imported.source.upstream_commit = upstream_commit_from_path(path);
    }
    Ok(imported)
}

/// The commit in a path component named like `NN-YYYY-MM-DD-COMMIT`
/// (the layout of the upstream history), if any.
pub fn upstream_commit_from_path(path: &Path) -> Option<String> {
    path.components().rev().find_map(|c| {
        let s = c.as_os_str().to_str()?;
        let parts: Vec<&str> = s.split('-').collect();
        let ok = parts.len() == 5
            && parts[..4]
                .iter()
                .all(|p| p.chars().all(|c| c.is_ascii_digit()))
            && parts[4].len() >= 7
            && parts[4].chars().all(|c| c.is_ascii_hexdigit());
        ok.then(|| parts[4].to_string())
    })
}
