//! `cargo xtask diff OLD NEW`: the change report between any two
//! descriptions, without touching the tree.

use std::path::{Path, PathBuf};

use codegen::changes::{self, Version};
use codegen::ir::Api;
use codegen::schema::{API_FILE, Schema};

use crate::release;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub old: PathBuf,
    pub new: PathBuf,
    pub json: bool,
    /// The version the old side was released as (default: the SDK's).
    pub version: Option<Version>,
}

impl Options {
    pub fn parse(args: &[String]) -> Result<Options, String> {
        let mut paths = Vec::new();
        let mut json = false;
        let mut version = None;
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            match arg.as_str() {
                "--json" => json = true,
                "--version" => {
                    let v = it.next().ok_or("`--version` needs a value")?;
                    version = Some(v.parse().map_err(|e| format!("--version: {e}"))?);
                }
                flag if flag.starts_with("--") => return Err(format!("unknown argument `{flag}`")),
                path => paths.push(PathBuf::from(path)),
            }
        }
        let [old, new] = <[PathBuf; 2]>::try_from(paths)
            .map_err(|_| "`diff` takes two descriptions: OLD NEW".to_string())?;
        Ok(Options {
            old,
            new,
            json,
            version,
        })
    }
}

/// A description: a `schema/` directory (holding `api.yaml`), a proto root
/// directory or an OpenAPI file.
pub fn load(path: &Path) -> Result<Api, String> {
    if path.is_dir() && path.join(API_FILE).is_file() {
        return Schema::read(path).map(|s| s.api).map_err(|e| e.to_string());
    }
    codegen::frontend::import(path)
        .map(|i| i.api)
        .map_err(|e| e.to_string())
}

/// The report as text or JSON.
pub fn run(opts: &Options, root: &Path) -> Result<String, String> {
    let old = load(&opts.old).map_err(|e| format!("old side: {e}"))?;
    let new = load(&opts.new).map_err(|e| format!("new side: {e}"))?;
    // The SDK's settings (codegen.toml's acronyms) name the Rust items.
    let options = codegen::backend::rust::Options {
        acronyms: crate::targets::acronyms(root),
        ..Default::default()
    };
    let report = changes::compare(
        &old,
        &new,
        &opts.old.display().to_string(),
        &opts.new.display().to_string(),
        &options,
    )
    .map_err(|e| e.to_string())?;
    let version = match opts.version {
        Some(v) => Some(v),
        None => std::fs::read_to_string(root.join("generated-sdk/Cargo.toml"))
            .ok()
            .and_then(|m| release::package_version(&m).ok()),
    };
    Ok(if opts.json {
        let mut text = serde_json::to_string_pretty(&report.json(version.as_ref()))
            .map_err(|e| format!("cannot write JSON: {e}"))?;
        text.push('\n');
        text
    } else {
        report.text(version.as_ref())
    })
}
