//! `cargo xtask msrv`: what can be checked of the published crates' declared
//! `rust-version` with one toolchain installed. Every package that building
//! them compiles (normal and build dependencies, every feature, from
//! `cargo metadata`) must declare a `rust-version` no newer than ours, and
//! our crates' edition must exist in that version. Clippy's
//! `incompatible_msrv` lint (on in CI) checks our own code's use of newer
//! standard library items; building with the old toolchain itself is not done.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use serde_json::Value;

/// The crates users depend on.
pub const PUBLISHED: &[&str] = &["tesseral-sdk", "rest-sdk-runtime"];

/// What the check found.
#[derive(Debug, Default, PartialEq)]
pub struct Report {
    /// Our crates' `rust-version`.
    pub ours: String,
    /// How many packages were checked (ours included).
    pub checked: usize,
    /// `name version: why`, one per package that fails the check.
    pub problems: Vec<String>,
    /// Dependencies that declare no `rust-version` (not a failure: many
    /// crates do not say; listed so a reader knows what was not checked).
    pub undeclared: Vec<String>,
}

/// A `rust-version` (`1.85` or `1.85.0`) as numbers.
fn version(text: &str) -> Option<(u64, u64, u64)> {
    let mut parts = text.split('.').map(|p| p.parse::<u64>().ok());
    let major = parts.next()??;
    let minor = parts.next().unwrap_or(Some(0))?;
    let patch = parts.next().unwrap_or(Some(0))?;
    parts.next().is_none().then_some((major, minor, patch))
}

/// The first Rust version of an edition.
fn edition_minimum(edition: &str) -> Option<(u64, u64, u64)> {
    match edition {
        "2015" => Some((1, 0, 0)),
        "2018" => Some((1, 31, 0)),
        "2021" => Some((1, 56, 0)),
        "2024" => Some((1, 85, 0)),
        _ => None,
    }
}

/// Checks `metadata` (`cargo metadata --format-version 1` output) for the
/// packages named in `roots` and what they build.
pub fn check(metadata: &Value, roots: &[&str]) -> Result<Report, String> {
    let packages: BTreeMap<&str, &Value> = metadata["packages"]
        .as_array()
        .ok_or("cargo metadata: no `packages`")?
        .iter()
        .filter_map(|p| Some((p["id"].as_str()?, p)))
        .collect();
    let nodes: BTreeMap<&str, &Value> = metadata["resolve"]["nodes"]
        .as_array()
        .ok_or("cargo metadata: no `resolve.nodes`")?
        .iter()
        .filter_map(|n| Some((n["id"].as_str()?, n)))
        .collect();
    let label = |p: &Value| {
        format!(
            "{} {}",
            p["name"].as_str().unwrap_or("?"),
            p["version"].as_str().unwrap_or("?")
        )
    };
    let mut report = Report::default();
    let mut ours = None;
    let mut stack = Vec::new();
    for root in roots {
        let (id, package) = packages
            .iter()
            .find(|(_, p)| p["name"] == *root)
            .ok_or_else(|| format!("cargo metadata: no package {root}"))?;
        let declared = package["rust_version"]
            .as_str()
            .ok_or_else(|| format!("{}: no rust-version", label(package)))?;
        match ours {
            None => ours = Some(declared.to_owned()),
            Some(ref o) if o != declared => {
                return Err(format!(
                    "{}: rust-version {declared}, not {o}",
                    label(package)
                ));
            }
            Some(_) => {}
        }
        stack.push(*id);
    }
    let ours_text = ours.unwrap_or_default();
    let limit = version(&ours_text).ok_or_else(|| format!("bad rust-version {ours_text:?}"))?;
    let mut seen = BTreeSet::new();
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        let package = packages
            .get(id)
            .ok_or_else(|| format!("cargo metadata: no package {id}"))?;
        let name = label(package);
        match package["rust_version"].as_str() {
            Some(text) => match version(text) {
                Some(v) if v > limit => report
                    .problems
                    .push(format!("{name}: needs Rust {text}, newer than {ours_text}")),
                Some(_) => {}
                None => report
                    .problems
                    .push(format!("{name}: bad rust-version {text:?}")),
            },
            None => report.undeclared.push(name.clone()),
        }
        if roots.iter().any(|r| package["name"] == *r) {
            let edition = package["edition"].as_str().unwrap_or("?");
            match edition_minimum(edition) {
                Some(min) if min > limit => report.problems.push(format!(
                    "{name}: edition {edition} needs a newer Rust than {ours_text}"
                )),
                Some(_) => {}
                None => report
                    .problems
                    .push(format!("{name}: unknown edition {edition}")),
            }
        }
        let node = nodes
            .get(id)
            .ok_or_else(|| format!("cargo metadata: {name} is not resolved"))?;
        for dep in node["deps"].as_array().into_iter().flatten() {
            // Normal (`null`) and build dependencies: what users compile.
            let built = dep["dep_kinds"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|k| k["kind"].is_null() || k["kind"] == "build");
            if let (true, Some(pkg)) = (built, dep["pkg"].as_str()) {
                stack.push(pkg);
            }
        }
    }
    report.ours = ours_text;
    report.checked = seen.len();
    Ok(report)
}

/// Runs `cargo metadata` for the workspace and checks the published crates.
pub fn run() -> Result<Report, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--all-features",
            "--locked",
        ])
        .current_dir(crate::workspace_root())
        .output()
        .map_err(|e| format!("cargo metadata: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let metadata: Value = serde_json::from_slice(&output.stdout)
        .map_err(|e| format!("cargo metadata: bad JSON: {e}"))?;
    check(&metadata, PUBLISHED)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn package(name: &str, rust_version: Option<&str>) -> Value {
        json!({"id": name, "name": name, "version": "1.0.0",
               "rust_version": rust_version, "edition": "2021"})
    }

    fn node(id: &str, deps: &[(&str, Option<&str>)]) -> Value {
        let deps: Vec<Value> = deps
            .iter()
            .map(|(pkg, kind)| json!({"pkg": pkg, "dep_kinds": [{"kind": kind}]}))
            .collect();
        json!({"id": id, "deps": deps})
    }

    fn metadata(packages: Vec<Value>, nodes: Vec<Value>) -> Value {
        json!({"packages": packages, "resolve": {"nodes": nodes}})
    }

    #[test]
    fn newer_dependencies_fail_and_dev_dependencies_do_not_count() {
        let mut root = package("sdk", Some("1.85"));
        root["edition"] = json!("2024");
        let m = metadata(
            vec![
                root,
                package("ok", Some("1.63.0")),
                package("new", Some("1.88")),
                package("silent", None),
                package("devonly", Some("1.99")),
                package("builder", Some("1.86")),
            ],
            vec![
                node(
                    "sdk",
                    &[
                        ("ok", None),
                        ("devonly", Some("dev")),
                        ("builder", Some("build")),
                    ],
                ),
                node("ok", &[("new", None), ("silent", None)]),
                node("new", &[]),
                node("silent", &[]),
                node("devonly", &[]),
                node("builder", &[]),
            ],
        );
        let report = check(&m, &["sdk"]).unwrap();
        assert_eq!(report.ours, "1.85");
        assert_eq!(report.checked, 5);
        assert_eq!(
            report.problems,
            [
                "builder 1.0.0: needs Rust 1.86, newer than 1.85",
                "new 1.0.0: needs Rust 1.88, newer than 1.85",
            ]
        );
        assert_eq!(report.undeclared, ["silent 1.0.0"]);
    }

    #[test]
    fn an_edition_newer_than_the_rust_version_fails() {
        let mut root = package("sdk", Some("1.80"));
        root["edition"] = json!("2024");
        let m = metadata(vec![root], vec![node("sdk", &[])]);
        let report = check(&m, &["sdk"]).unwrap();
        assert_eq!(
            report.problems,
            ["sdk 1.0.0: edition 2024 needs a newer Rust than 1.80"]
        );
    }

    #[test]
    fn roots_must_declare_one_rust_version() {
        let m = metadata(
            vec![package("a", Some("1.85")), package("b", None)],
            vec![node("a", &[]), node("b", &[])],
        );
        assert_eq!(
            check(&m, &["a", "b"]).unwrap_err(),
            "b 1.0.0: no rust-version"
        );
        let m = metadata(
            vec![package("a", Some("1.85")), package("b", Some("1.80"))],
            vec![node("a", &[]), node("b", &[])],
        );
        assert_eq!(
            check(&m, &["a", "b"]).unwrap_err(),
            "b 1.0.0: rust-version 1.80, not 1.85"
        );
    }
}
