//! Turns an empty `--out` directory into a crate that can host generated code.
//!
//! The crate mounts the SDK's hand-written runtime (`generated-sdk/src/rt/`)
//! with `#[path]` instead of copying it, takes the SDK's `lib.rs` as its own
//! (so both expose the same API), and gets the SDK's dependencies with the
//! workspace versions written out, so it builds outside the workspace too.

use std::path::{Component, Path, PathBuf};

use toml::{Table, Value};

/// Files of a new crate at `out` whose runtime lives in `sdk/src/rt`.
pub fn crate_files(
    workspace: &Path,
    sdk: &Path,
    out: &Path,
) -> Result<Vec<(PathBuf, String)>, String> {
    let name = package_name(out);
    let manifest = manifest(workspace, sdk, &name)?;
    let lib = lib_rs(sdk, out)?;
    Ok(vec![
        (out.join("Cargo.toml"), manifest),
        (out.join("src/lib.rs"), lib),
    ])
}

fn package_name(out: &Path) -> String {
    let base = out
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("generated");
    let mut name: String = base
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name.insert_str(0, "sdk-");
    }
    name
}

fn read_table(path: &Path) -> Result<Table, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    text.parse::<Table>()
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// The SDK's manifest with `workspace = true` entries resolved.
fn manifest(workspace: &Path, sdk: &Path, name: &str) -> Result<String, String> {
    let root = read_table(&workspace.join("Cargo.toml"))?;
    let sdk_manifest = read_table(&sdk.join("Cargo.toml"))?;
    let shared = root
        .get("workspace")
        .and_then(|w| w.get("dependencies"))
        .and_then(Value::as_table)
        .cloned()
        .unwrap_or_default();
    let edition = root
        .get("workspace")
        .and_then(|w| w.get("package"))
        .and_then(|p| p.get("edition"))
        .cloned()
        .unwrap_or_else(|| Value::String("2024".into()));

    let mut package = Table::new();
    package.insert("name".into(), Value::String(name.into()));
    package.insert("version".into(), Value::String("0.0.0".into()));
    package.insert("edition".into(), edition);
    package.insert("publish".into(), Value::Boolean(false));

    let mut lib = Table::new();
    lib.insert("name".into(), Value::String("tesseral".into()));

    let mut out = Table::new();
    out.insert("package".into(), Value::Table(package));
    out.insert("lib".into(), Value::Table(lib));
    for section in ["dependencies", "dev-dependencies"] {
        if let Some(deps) = sdk_manifest.get(section).and_then(Value::as_table) {
            out.insert(
                section.into(),
                Value::Table(resolve(deps, &shared, section)?),
            );
        }
    }
    if let Some(features) = sdk_manifest.get("features") {
        out.insert("features".into(), features.clone());
    }
    // A scratch crate is its own workspace, never a member of an enclosing one.
    out.insert("workspace".into(), Value::Table(Table::new()));
    let body = toml::to_string(&out).map_err(|e| format!("cannot write Cargo.toml: {e}"))?;
    Ok(format!(
        "# Scaffolded by `cargo xtask codegen --out`.\n{body}"
    ))
}

fn resolve(deps: &Table, shared: &Table, section: &str) -> Result<Table, String> {
    let mut resolved = Table::new();
    for (name, spec) in deps {
        let inherits = spec.get("workspace").and_then(Value::as_bool) == Some(true);
        let value = if inherits {
            let base = shared.get(name).ok_or_else(|| {
                format!(
                    "generated-sdk/Cargo.toml [{section}] {name}: not in [workspace.dependencies]"
                )
            })?;
            let mut table = match base {
                Value::String(v) => {
                    let mut t = Table::new();
                    t.insert("version".into(), Value::String(v.clone()));
                    t
                }
                Value::Table(t) => t.clone(),
                _ => return Err(format!("[workspace.dependencies] {name}: unexpected form")),
            };
            if let Some(local) = spec.as_table() {
                for (k, v) in local {
                    if k == "workspace" {
                        continue;
                    }
                    if k == "features" {
                        let mut all: Vec<Value> = table
                            .get("features")
                            .and_then(Value::as_array)
                            .cloned()
                            .unwrap_or_default();
                        all.extend(v.as_array().cloned().unwrap_or_default());
                        table.insert("features".into(), Value::Array(all));
                    } else {
                        table.insert(k.clone(), v.clone());
                    }
                }
            }
            Value::Table(table)
        } else if let Some(path) = spec.get("path").and_then(Value::as_str) {
            // Path dependencies of the SDK are relative to it: keep them working.
            let mut t = spec.as_table().cloned().unwrap_or_default();
            t.insert("path".into(), Value::String(path.to_string()));
            Value::Table(t)
        } else {
            spec.clone()
        };
        resolved.insert(name.clone(), value);
    }
    Ok(resolved)
}

/// The SDK's `lib.rs`, with its `mod rt;` pointed at the SDK's runtime.
fn lib_rs(sdk: &Path, out: &Path) -> Result<String, String> {
    let path = sdk.join("src/lib.rs");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let runtime = relative(&out.join("src"), &sdk.join("src/rt/mod.rs"));
    let mount = format!(
        "// The hand-written runtime of tesseral-sdk, shared rather than copied.\n#[path = {:?}]\nmod rt;",
        runtime.display().to_string().replace('\\', "/")
    );
    let mut replaced = 0;
    let lines: Vec<String> = text
        .lines()
        .map(|l| {
            if l.trim() == "mod rt;" {
                replaced += 1;
                mount.clone()
            } else {
                l.to_string()
            }
        })
        .collect();
    if replaced != 1 {
        return Err(format!(
            "{}: expected exactly one `mod rt;` line to mount the runtime, found {replaced}",
            path.display()
        ));
    }
    Ok(format!("{}\n", lines.join("\n")))
}

/// `to` relative to the directory `from` when both are absolute or both
/// relative; `to` unchanged otherwise.
fn relative(from: &Path, to: &Path) -> PathBuf {
    let (Ok(from), Ok(to)) = (absolute(from), absolute(to)) else {
        return to.to_path_buf();
    };
    let f: Vec<Component> = from.components().collect();
    let t: Vec<Component> = to.components().collect();
    let common = f.iter().zip(&t).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return to;
    }
    let mut rel = PathBuf::new();
    for _ in common..f.len() {
        rel.push("..");
    }
    for c in &t[common..] {
        rel.push(c.as_os_str());
    }
    rel
}

/// An absolute, lexically normalized path (no `.`/`..`), without touching the disk.
fn absolute(p: &Path) -> std::io::Result<PathBuf> {
    let joined = std::path::absolute(p)?;
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        assert_eq!(
            relative(Path::new("/a/b/c/src"), Path::new("/a/x/src/rt/mod.rs")),
            PathBuf::from("../../../x/src/rt/mod.rs")
        );
        assert_eq!(
            relative(Path::new("/a/b/../c"), Path::new("/a/c/d.rs")),
            PathBuf::from("d.rs")
        );
    }

    #[test]
    fn package_names() {
        assert_eq!(package_name(Path::new("/tmp/My SDK")), "my-sdk");
        assert_eq!(package_name(Path::new("/tmp/2x")), "sdk-2x");
    }
}
