//! The `schema/` directory: the normalized description (`api.yaml`) and the
//! pin of the upstream input it was imported from (`source.yaml`).

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::ir::Api;
use crate::{Error, Result};

pub const API_FILE: &str = "api.yaml";
pub const SOURCE_FILE: &str = "source.yaml";

/// What `schema/` holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Schema {
    pub api: Api,
    pub source: Source,
}

/// Where the description came from, pinned by content hash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub format: SourceFormat,
    /// The path given to `--from`, as given.
    pub path: String,
    /// Upstream commit, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upstream_commit: Option<String>,
    /// Every input file read, sorted by path.
    pub files: Vec<SourceFile>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    Proto,
    Openapi,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceFile {
    /// Path relative to the imported root (or the file name for a single file).
    pub path: String,
    pub sha256: String,
}

/// Hex sha256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

const HEADER: &str = "# Written by `cargo xtask codegen --from ...`; do not edit by hand.\n";

impl Schema {
    /// Renders both files, deterministically.
    pub fn render(&self) -> Result<Vec<(&'static str, String)>> {
        let ser = |what: &str, v: std::result::Result<String, serde_yaml::Error>| {
            v.map(|s| format!("{HEADER}{s}"))
                .map_err(|e| Error::new(what, format!("cannot serialize: {e}")))
        };
        Ok(vec![
            (API_FILE, ser(API_FILE, serde_yaml::to_string(&self.api))?),
            (
                SOURCE_FILE,
                ser(SOURCE_FILE, serde_yaml::to_string(&self.source))?,
            ),
        ])
    }

    /// Reads a description alone (an `api.yaml`, or an IR fixture).
    pub fn read_api(path: &Path) -> Result<Api> {
        read_yaml(path)
    }

    /// Reads `dir/api.yaml` and `dir/source.yaml`.
    pub fn read(dir: &Path) -> Result<Schema> {
        let api: Api = read_yaml(&dir.join(API_FILE))?;
        let source: Source = read_yaml(&dir.join(SOURCE_FILE))?;
        Ok(Schema { api, source })
    }

    /// Writes both files into `dir`, creating it if needed; returns the files
    /// whose content changed.
    pub fn write(&self, dir: &Path) -> Result<Vec<String>> {
        let rendered = self.render()?;
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::new(dir.display().to_string(), format!("cannot create: {e}")))?;
        let mut changed = Vec::new();
        for (name, text) in rendered {
            let path = dir.join(name);
            if std::fs::read_to_string(&path).ok().as_deref() == Some(text.as_str()) {
                continue;
            }
            std::fs::write(&path, text).map_err(|e| {
                Error::new(path.display().to_string(), format!("cannot write: {e}"))
            })?;
            changed.push(name.to_string());
        }
        Ok(changed)
    }
}

fn read_yaml<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T> {
    let where_ = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::new(
            &where_,
            format!(
                "cannot read: {e} (run `cargo xtask codegen --from PATH` to import a description)"
            ),
        )
    })?;
    serde_yaml::from_str(&text).map_err(|e| match e.location() {
        Some(l) => Error::new(
            format!("{where_}:{}:{}", l.line(), l.column()),
            e.to_string(),
        ),
        None => Error::new(where_, e.to_string()),
    })
}
