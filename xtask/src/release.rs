//! What an import does besides `schema/`: the change report against the
//! previous description and, for the SDK crate, a dated `CHANGELOG.md`
//! entry and the version bump it calls for.

use std::path::Path;

use codegen::changes::changelog::{self, Body, Entry};
use codegen::changes::{self, Level, Report, Version};
use codegen::ir::Api;
use codegen::schema::{Schema, Source};

use crate::sync::Planned;

pub const CHANGELOG: &str = "CHANGELOG.md";

/// The description in `schema_dir` before this import, if there is one.
/// An unreadable one is reported and treated as absent.
pub fn previous(schema_dir: &Path) -> Previous {
    if !schema_dir.join(codegen::schema::API_FILE).exists() {
        return Previous::None;
    }
    match Schema::read(schema_dir) {
        Ok(s) => Previous::Read(Box::new(s)),
        Err(e) => Previous::Unreadable(e.to_string()),
    }
}

pub enum Previous {
    None,
    Read(Box<Schema>),
    Unreadable(String),
}

/// How an import's source is named in reports: its upstream commit, else its path.
pub fn label(source: &Source) -> String {
    match &source.upstream_commit {
        Some(c) => format!("upstream commit {c}"),
        None => format!("`{}`", source.path),
    }
}

/// The change report of an import, `None` when the description is the same.
pub fn report(
    previous: &Previous,
    new: &Schema,
    options: &codegen::backend::rust::Options,
) -> Result<Option<Report>, String> {
    match previous {
        Previous::Read(old) if old.api == new.api => Ok(None),
        Previous::Read(old) => {
            let report = changes::compare(
                &old.api,
                &new.api,
                &label(&old.source),
                &label(&new.source),
                options,
            )
            .map_err(|e| format!("cannot compare with the previous description: {e}"))?;
            Ok(Some(report))
        }
        Previous::None | Previous::Unreadable(_) => Ok(None),
    }
}

/// The SDK crate's `CHANGELOG.md` and `Cargo.toml` after an import, when
/// the import changed its API; also the versions before and after.
pub fn sdk_files(
    crate_dir: &Path,
    previous: &Previous,
    report: Option<&Report>,
    new: &Schema,
    date: &str,
) -> Result<Option<(Vec<Planned>, Version, Version)>, String> {
    let manifest_path = crate_dir.join("Cargo.toml");
    let manifest = std::fs::read_to_string(&manifest_path)
        .map_err(|e| format!("{}: cannot read: {e}", manifest_path.display()))?;
    let current =
        package_version(&manifest).map_err(|e| format!("{}: {e}", manifest_path.display()))?;
    let log_path = crate_dir.join(CHANGELOG);
    let log = match std::fs::read_to_string(&log_path) {
        Ok(t) => Some(t),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(format!("{}: cannot read: {e}", log_path.display())),
    };
    let source = label(&new.source);
    let (version, body, unreadable) = match (previous, report) {
        (Previous::Read(_), None) => return Ok(None),
        (Previous::Read(_), Some(r)) => {
            // A description that changed only in what the report does not
            // list (field numbers, declaration order) still changes the
            // generated code: a patch release.
            let level = r.level().unwrap_or(Level::Cosmetic);
            (
                current.bump(level),
                Body::Changes {
                    previous: current,
                    report: r,
                },
                false,
            )
        }
        (Previous::None, _) => {
            if log.as_deref().and_then(changelog::newest).is_some() {
                // An SDK with a history but no schema: nothing to compare with.
                return Ok(None);
            }
            (current, first(&new.api), false)
        }
        (Previous::Unreadable(_), _) => (current.bump(Level::Breaking), first(&new.api), true),
    };
    let mut entry = Entry {
        version,
        date,
        api: &new.api.name,
        source: &source,
        body,
    }
    .render();
    if unreadable {
        entry.push_str(
            "\nThe previous description could not be read, so this version counts as breaking.\n",
        );
    }
    let log = changelog::insert(log.as_deref(), &entry);
    let mut files = vec![Planned::new(log_path, log)];
    if version != current {
        let bumped = set_package_version(&manifest, &version)
            .map_err(|e| format!("{}: {e}", manifest_path.display()))?;
        files.push(Planned::new(manifest_path, bumped));
    }
    Ok(Some((files, current, version)))
}

fn first(api: &Api) -> Body<'static> {
    Body::First {
        operations: api.operations.len(),
        types: api.types.len(),
    }
}

/// `[package] version` of a manifest.
pub fn package_version(manifest: &str) -> Result<Version, String> {
    let table: toml::Table = manifest.parse().map_err(|e| format!("{e}"))?;
    let version = table
        .get("package")
        .and_then(|p| p.get("version"))
        .and_then(|v| v.as_str())
        .ok_or("no `[package] version = \"...\"`")?;
    version.parse()
}

/// `manifest` with its `[package] version` set to `version`, everything
/// else byte for byte the same.
pub fn set_package_version(manifest: &str, version: &Version) -> Result<String, String> {
    let mut out = String::with_capacity(manifest.len());
    let mut in_package = false;
    let mut done = false;
    for line in manifest.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            in_package = trimmed == "[package]";
        }
        let key = trimmed.split('=').next().map(str::trim);
        if in_package && !done && key == Some("version") {
            let (Some(open), Some(close)) = (line.find('"'), line.rfind('"')) else {
                return Err("`[package] version` is not a plain string".into());
            };
            if open == close {
                return Err("`[package] version` is not a plain string".into());
            }
            out.push_str(&line[..=open]);
            out.push_str(&version.to_string());
            out.push_str(&line[close..]);
            done = true;
        } else {
            out.push_str(line);
        }
    }
    if !done {
        return Err("no `version = \"...\"` line in `[package]`".into());
    }
    match package_version(&out) {
        Ok(v) if v == *version => Ok(out),
        _ => Err("could not set `[package] version`".into()),
    }
}

/// Today's date (UTC), `YYYY-MM-DD`.
pub fn today() -> String {
    let d = time::OffsetDateTime::now_utc().date();
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bumps_only_the_package_version() {
        let manifest = "[package]\nname = \"x\"\nversion = \"0.1.0\"  # ours\n\n[dependencies]\nversion = \"9\"\n";
        let out = set_package_version(manifest, &Version::new(0, 2, 0)).unwrap();
        assert_eq!(
            out,
            "[package]\nname = \"x\"\nversion = \"0.2.0\"  # ours\n\n[dependencies]\nversion = \"9\"\n"
        );
        assert!(set_package_version("[package]\nname = \"x\"\n", &Version::new(1, 0, 0)).is_err());
        assert!(
            set_package_version(
                "[package]\nversion.workspace = true\n",
                &Version::new(1, 0, 0)
            )
            .is_err()
        );
    }

    #[test]
    fn today_is_a_date() {
        assert_eq!(changelog::check_date(&today()), Ok(()));
    }
}
