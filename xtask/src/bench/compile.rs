//! Compile time of the SDK crate alone (dependencies prebuilt), side by side
//! with progenitor's output for the same API (its OpenAPI document), both
//! members of one scratch workspace so they share the prebuilt dependencies.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde_json::Value;

use super::measure::{self, cargo};

/// What one crate costs to compile and holds.
#[derive(Debug, Clone, Copy)]
pub struct Side {
    pub build: Duration,
    pub check: Duration,
    pub lines: usize,
    pub types: usize,
}

/// Both sides; `peer` is `None` (with the reason) when progenitor cannot run.
pub struct Compile {
    pub ours: Side,
    pub peer: Result<Side, String>,
}

const OURS: &str = "tesseral-sdk";
const PEER: &str = "progenitor-sdk";

pub fn run(
    root: &Path,
    scratch: &Path,
    openapi: Option<&Path>,
    runs: usize,
    install: bool,
) -> Result<Compile, String> {
    let ws = scratch.join("compile");
    let target = scratch.join("compile-target");
    let _ = std::fs::remove_dir_all(&ws);
    mkdir(&ws)?;
    write_ours(root, &ws.join(OURS))?;
    let peer = match openapi {
        None => Err("no upstream OpenAPI (../shared/tesseral/latest/openapi.yaml)".to_string()),
        Some(doc) => write_peer(doc, scratch, &ws.join(PEER), install),
    };
    let members = if peer.is_ok() {
        format!("\"{OURS}\", \"{PEER}\"")
    } else {
        format!("\"{OURS}\"")
    };
    // The dependency profile of this repository's workspace.
    write(
        &ws.join("Cargo.toml"),
        &format!(
            "[workspace]\nresolver = \"2\"\nmembers = [{members}]\n\n\
             [profile.dev.package.\"*\"]\ndebug = false\n"
        ),
    )?;
    let in_ws = |args: &[&str]| {
        let mut cmd = cargo();
        cmd.args(args)
            .current_dir(&ws)
            .env("CARGO_TARGET_DIR", &target);
        cmd
    };
    eprintln!(
        "bench: building both crates and their dependencies once (scratch: {})",
        ws.display()
    );
    measure::show(&mut in_ws(&["build", "--workspace"]))?;
    measure::show(&mut in_ws(&["check", "--workspace"]))?;

    let side = |package: &str, src: PathBuf| -> Result<Side, String> {
        let timed = |what: &'static str| {
            measure::median_of(runs, || {
                // Only the crate itself is rebuilt.
                let _ = measure::run(&mut in_ws(&["clean", "-p", package]));
                in_ws(&[what, "-p", package])
            })
        };
        let build = timed("build")?.wall;
        let check = timed("check")?.wall;
        let (lines, types) = measure::source_size(&src)?;
        Ok(Side {
            build,
            check,
            lines,
            types,
        })
    };
    let ours = side(OURS, ws.join(OURS).join("src/generated"))?;
    let peer = peer.and_then(|()| side(PEER, ws.join(PEER).join("src")));
    Ok(Compile { ours, peer })
}

/// The checked-in SDK crate as it is, depending on this checkout's runtime.
fn write_ours(root: &Path, dir: &Path) -> Result<(), String> {
    copy_dir(&root.join("generated-sdk/src"), &dir.join("src"))?;
    // `lib.rs` includes the crate's README as its docs and the
    // repository's README as a doc test.
    for (from, to) in [
        (root.join("generated-sdk/README.md"), dir.join("README.md")),
        (root.join("README.md"), dir.join("../README.md")),
    ] {
        std::fs::copy(&from, &to).map_err(|e| format!("{}: cannot copy: {e}", from.display()))?;
    }
    let runtime = root.join("runtime");
    write(
        &dir.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"{OURS}\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
             [lib]\nname = \"tesseral\"\n\n[dependencies]\n\
             rest-sdk-runtime = {{ path = {:?} }}\n\
             serde = {{ version = \"1\", features = [\"derive\"] }}\n\n\
             [features]\nblocking = [\"rest-sdk-runtime/blocking\"]\n",
            runtime.display().to_string()
        ),
    )
}

/// progenitor's crate for `openapi`, its `200` responses renamed `2XX` (it
/// wants one success range per operation).
fn write_peer(openapi: &Path, scratch: &Path, dir: &Path, install: bool) -> Result<(), String> {
    let tool_present = Command::new("cargo-progenitor")
        .arg("--help")
        .output()
        .is_ok_and(|o| o.status.success());
    if !tool_present {
        if !install {
            return Err(
                "cargo-progenitor is not installed (`cargo xtask bench --install-peers` installs it)"
                    .into(),
            );
        }
        eprintln!("bench: cargo install cargo-progenitor --locked");
        measure::show(cargo().args(["install", "cargo-progenitor", "--locked"]))?;
    }
    let text = std::fs::read_to_string(openapi)
        .map_err(|e| format!("{}: cannot read: {e}", openapi.display()))?;
    let mut doc: Value = if openapi.extension().is_some_and(|e| e == "json") {
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", openapi.display()))?
    } else {
        serde_yaml::from_str(&text).map_err(|e| format!("{}: {e}", openapi.display()))?
    };
    let patched = patch_success_keys(&mut doc);
    let input = scratch.join("progenitor-openapi.json");
    write(
        &input,
        &serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?,
    )?;
    eprintln!(
        "bench: progenitor input {} ({patched} `200` responses renamed `2XX`)",
        input.display()
    );
    let out = Command::new("cargo-progenitor")
        .arg("progenitor")
        .arg("-i")
        .arg(&input)
        .arg("-o")
        .arg(dir)
        .args(["-n", PEER, "-v", "0.1.0"])
        .output()
        .map_err(|e| format!("cargo-progenitor: cannot start: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "cargo progenitor failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(())
}

/// Renames every `responses."200"` key to `"2XX"`; returns how many.
fn patch_success_keys(doc: &mut Value) -> usize {
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else {
        return 0;
    };
    let mut n = 0;
    for item in paths.values_mut().filter_map(Value::as_object_mut) {
        for op in item.values_mut().filter_map(Value::as_object_mut) {
            if let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut)
                && let Some(ok) = responses.remove("200")
            {
                responses.insert("2XX".into(), ok);
                n += 1;
            }
        }
    }
    n
}

fn mkdir(dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: cannot create: {e}", dir.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        mkdir(parent)?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: cannot write: {e}", path.display()))
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    mkdir(to)?;
    let entries =
        std::fs::read_dir(from).map_err(|e| format!("{}: cannot read: {e}", from.display()))?;
    for entry in entries {
        let path = entry
            .map_err(|e| format!("{}: {e}", from.display()))?
            .path();
        let dest = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy_dir(&path, &dest)?;
        } else {
            std::fs::copy(&path, &dest)
                .map_err(|e| format!("{}: cannot copy: {e}", path.display()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_200_response_keys_are_renamed() {
        let mut doc = serde_json::json!({
            "paths": {
                "/a": {
                    "get": {"responses": {"200": {"description": "ok"}, "default": {}}},
                    "post": {"responses": {"201": {}}},
                    "parameters": []
                }
            },
            "components": {"responses": {"200": {}}}
        });
        assert_eq!(patch_success_keys(&mut doc), 1);
        let get = &doc["paths"]["/a"]["get"]["responses"];
        assert_eq!(get["2XX"]["description"], "ok");
        assert!(get.get("200").is_none() && get.get("default").is_some());
        assert!(doc["paths"]["/a"]["post"]["responses"].get("201").is_some());
        assert!(doc["components"]["responses"].get("200").is_some());
    }
}
