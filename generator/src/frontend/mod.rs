//! Front-ends: each parses one kind of upstream description into [`crate::ir::Api`].
//! They only parse and normalize; they never print Rust.

use std::path::{Path, PathBuf};

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

/// How a description is imported.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Directories proto imports are also looked up in, in order (after the
    /// proto root): the API's dependencies, which are not part of the API.
    pub include: Vec<PathBuf>,
    /// OpenAPI: an operation the SDK cannot call is left out with a warning
    /// (and listed in [`Api::skipped`](crate::ir::Api::skipped)) instead of
    /// failing the import.
    pub skip_unsupported: bool,
}

/// Imports `path`: a directory is a proto root, a `.yaml`/`.yml`/`.json`
/// file an OpenAPI document.
pub fn import(path: &Path) -> Result<Imported> {
    import_with(path, &ImportOptions::default())
}

/// [`import`] with `options`.
pub fn import_with(path: &Path, options: &ImportOptions) -> Result<Imported> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path)
        .map_err(|e| Error::new(&shown, format!("cannot read the description: {e}")))?;
    let imported = if meta.is_dir() {
        proto::import_with(path, options)?
    } else {
        match path.extension().and_then(|e| e.to_str()) {
            Some("yaml" | "yml" | "json") => openapi::import_with(path, options)?,
            _ => {
                return Err(Error::new(
                    &shown,
                    "expected a proto root directory or an OpenAPI file (.yaml, .yml, .json)",
                ));
            }
        }
    };
    Ok(imported)
}
