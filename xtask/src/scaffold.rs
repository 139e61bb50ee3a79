//! The `Cargo.toml` of a crate around generated code, for targets other
//! than the SDK itself (its `lib.rs` and `README.md` come from the back-end).
//!
//! Such a crate depends on the runtime crate (`runtime/`, package
//! [`RUNTIME_PACKAGE`]) and serde, nothing else. Inside the workspace it is
//! a member (`tests/sdks/*`) inheriting the workspace's versions, with the
//! dev-dependencies its own tests need; outside (an `--out` directory) it is
//! a workspace of its own depending on the runtime by version, or by the
//! path given with `--runtime-path`.

use std::path::{Path, PathBuf};

use crate::paths::{absolute, relative};

use toml::{Table, Value};

/// The runtime's package name.
pub const RUNTIME_PACKAGE: &str = "rest-sdk-runtime";

/// What the manifest of one crate says.
pub struct Crate<'a> {
    /// The workspace root (its `Cargo.toml` has the shared versions).
    pub workspace: &'a Path,
    pub out: &'a Path,
    pub package: &'a str,
    pub lib_name: &'a str,
    /// `[package] description`.
    pub description: &'a str,
    /// The runtime crate's directory, for a crate outside the workspace.
    pub runtime_path: Option<&'a Path>,
    /// Dev-dependencies (names in `[workspace.dependencies]`), for a member.
    pub dev_dependencies: &'a [String],
}

/// Whether `out` is inside the workspace (so a member of it).
pub fn is_member(workspace: &Path, out: &Path) -> bool {
    absolute(out)
        .ok()
        .zip(absolute(workspace).ok())
        .is_some_and(|(o, w)| o.starts_with(w))
}

/// The package name for a crate in `out`: its directory name, lowercased,
/// other characters made `-`.
pub fn package_name(out: &Path) -> String {
    let base = absolute(out)
        .ok()
        .and_then(|p| p.file_name().and_then(|n| n.to_str()).map(str::to_owned))
        .unwrap_or_else(|| "generated".to_owned());
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

fn table(entries: &[(&str, Value)]) -> Table {
    entries
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

fn string(s: &str) -> Value {
    Value::String(s.to_owned())
}

/// `{ workspace = true }`.
fn inherited() -> Value {
    Value::Table(table(&[("workspace", Value::Boolean(true))]))
}

/// The version of the runtime package whose manifest is `dir/Cargo.toml`.
fn runtime_version(dir: &Path) -> Result<String, String> {
    let path = dir.join("Cargo.toml");
    let manifest = read_table(&path)?;
    let package = manifest.get("package");
    let name = package.and_then(|p| p.get("name")).and_then(Value::as_str);
    if name != Some(RUNTIME_PACKAGE) {
        return Err(format!(
            "{}: not the runtime crate (package `{RUNTIME_PACKAGE}`)",
            path.display()
        ));
    }
    package
        .and_then(|p| p.get("version"))
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| format!("{}: no `package.version`", path.display()))
}

/// `Cargo.toml` of the crate `c`, with its path.
pub fn manifest(c: &Crate) -> Result<(PathBuf, String), String> {
    let member = is_member(c.workspace, c.out);
    let root = read_table(&c.workspace.join("Cargo.toml"))?;
    let workspace = root.get("workspace");
    let shared = workspace
        .and_then(|w| w.get("dependencies"))
        .and_then(Value::as_table)
        .cloned()
        .unwrap_or_default();
    let inherited_key = |key: &str| {
        workspace
            .and_then(|w| w.get("package"))
            .and_then(|p| p.get(key))
            .cloned()
    };

    let mut package = Table::new();
    package.insert("name".into(), string(c.package));
    for (key, value) in [
        ("edition", inherited_key("edition").or(Some(string("2024")))),
        ("rust-version", inherited_key("rust-version")),
    ] {
        if member {
            package.insert(key.into(), inherited());
        } else if let Some(value) = value {
            package.insert(key.into(), value);
        }
    }
    let mut lib = Table::new();
    lib.insert("name".into(), string(c.lib_name));
    let mut dependencies = Table::new();
    let mut dev_dependencies = Table::new();
    if member {
        package.insert("version".into(), string("0.0.0"));
        package.insert("publish".into(), Value::Boolean(false));
        // The doc examples are compiled in the SDK and in the standalone
        // crates of the pipeline test; the lib has no unit tests.
        lib.insert("doctest".into(), Value::Boolean(false));
        lib.insert("test".into(), Value::Boolean(false));
        dependencies.insert(RUNTIME_PACKAGE.into(), inherited());
        dependencies.insert("serde".into(), inherited());
        for name in c.dev_dependencies {
            if !shared.contains_key(name) {
                return Err(format!(
                    "dev-dependency `{name}` is not in [workspace.dependencies] of {}",
                    c.workspace.join("Cargo.toml").display()
                ));
            }
            dev_dependencies.insert(name.clone(), inherited());
        }
    } else {
        package.insert("version".into(), string("0.1.0"));
        package.insert("description".into(), string(c.description));
        package.insert("readme".into(), string("README.md"));
        let runtime = match c.runtime_path {
            Some(dir) => {
                let version = runtime_version(dir)?;
                // Relative when the two share more than the file-system
                // root, so that they can move together.
                let shares_more = absolute(c.out)
                    .ok()
                    .zip(absolute(dir).ok())
                    .is_some_and(|(o, d)| o.components().nth(1) == d.components().nth(1));
                let path = if shares_more {
                    relative(c.out, dir)
                } else {
                    dir.to_path_buf()
                };
                let path = path.display().to_string().replace('\\', "/");
                Value::Table(table(&[
                    ("version", string(&version)),
                    ("path", string(&path)),
                ]))
            }
            None => string(&runtime_version(&c.workspace.join("runtime"))?),
        };
        dependencies.insert(RUNTIME_PACKAGE.into(), runtime);
        let serde = shared
            .get("serde")
            .cloned()
            .ok_or_else(|| "[workspace.dependencies] has no `serde`".to_string())?;
        dependencies.insert("serde".into(), serde);
    }

    let mut out = Table::new();
    out.insert("package".into(), Value::Table(package));
    out.insert("lib".into(), Value::Table(lib));
    out.insert("dependencies".into(), Value::Table(dependencies));
    if !dev_dependencies.is_empty() {
        out.insert("dev-dependencies".into(), Value::Table(dev_dependencies));
    }
    let blocking = Value::Array(vec![string(&format!("{RUNTIME_PACKAGE}/blocking"))]);
    out.insert(
        "features".into(),
        Value::Table(table(&[("blocking", blocking)])),
    );
    if !member {
        // A standalone crate is its own workspace, never part of an enclosing one.
        out.insert("workspace".into(), Value::Table(Table::new()));
    }
    let body = toml::to_string(&out).map_err(|e| format!("cannot write Cargo.toml: {e}"))?;
    Ok((
        c.out.join("Cargo.toml"),
        format!(
            "# @generated by `cargo xtask codegen`: a crate hosting generated code. Do not edit.\n{body}"
        ),
    ))
}

/// What the manifest of a command-line tool's crate says.
pub struct CliCrate<'a> {
    /// The workspace root; the tool's crate must be a member.
    pub workspace: &'a Path,
    pub out: &'a Path,
    pub package: &'a str,
    pub bin: &'a str,
    /// The SDK crate it is built on: its directory and package name.
    pub sdk_dir: &'a Path,
    pub sdk_package: &'a str,
    /// Dev-dependencies (names in `[workspace.dependencies]`).
    pub dev_dependencies: &'a [String],
}

/// The runtime of command-line tools.
pub const CLI_RUNTIME_PACKAGE: &str = "rest-cli-runtime";

/// `Cargo.toml` of a tool's crate, with its path: a workspace member with
/// one binary, depending on its SDK by path and on the CLI runtime.
pub fn cli_manifest(c: &CliCrate) -> Result<(PathBuf, String), String> {
    if !is_member(c.workspace, c.out) {
        return Err(format!(
            "cli.out {}: a command-line tool is generated inside the workspace only",
            c.out.display()
        ));
    }
    let root = read_table(&c.workspace.join("Cargo.toml"))?;
    let shared = root
        .get("workspace")
        .and_then(|w| w.get("dependencies"))
        .and_then(Value::as_table)
        .cloned()
        .unwrap_or_default();
    let mut package = Table::new();
    package.insert("name".into(), string(c.package));
    package.insert("version".into(), string("0.0.0"));
    package.insert("publish".into(), Value::Boolean(false));
    package.insert("edition".into(), inherited());
    package.insert("rust-version".into(), inherited());
    let bin = table(&[
        ("name", string(c.bin)),
        ("path", string("src/main.rs")),
        ("test", Value::Boolean(false)),
    ]);
    let sdk_path = relative(c.out, c.sdk_dir)
        .display()
        .to_string()
        .replace('\\', "/");
    let mut dependencies = Table::new();
    dependencies.insert(
        c.sdk_package.into(),
        Value::Table(table(&[("path", string(&sdk_path))])),
    );
    dependencies.insert(CLI_RUNTIME_PACKAGE.into(), inherited());
    let mut dev_dependencies = Table::new();
    for name in c.dev_dependencies {
        if !shared.contains_key(name) {
            return Err(format!(
                "dev-dependency `{name}` is not in [workspace.dependencies] of {}",
                c.workspace.join("Cargo.toml").display()
            ));
        }
        dev_dependencies.insert(name.clone(), inherited());
    }
    let mut out = Table::new();
    out.insert("package".into(), Value::Table(package));
    out.insert("bin".into(), Value::Array(vec![Value::Table(bin)]));
    out.insert("dependencies".into(), Value::Table(dependencies));
    if !dev_dependencies.is_empty() {
        out.insert("dev-dependencies".into(), Value::Table(dev_dependencies));
    }
    let body = toml::to_string(&out).map_err(|e| format!("cannot write Cargo.toml: {e}"))?;
    Ok((
        c.out.join("Cargo.toml"),
        format!(
            "# @generated by `cargo xtask codegen`: a command-line tool on generated code. Do not edit.\n{body}"
        ),
    ))
}

/// The package name in `dir/Cargo.toml`, else the one a scaffolded crate
/// in `dir` gets.
pub fn package_of(dir: &Path) -> String {
    read_table(&dir.join("Cargo.toml"))
        .ok()
        .and_then(|t| {
            t.get("package")
                .and_then(|p| p.get("name"))
                .and_then(Value::as_str)
                .map(str::to_owned)
        })
        .unwrap_or_else(|| package_name(dir))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_names() {
        assert_eq!(package_name(Path::new("/tmp/My SDK")), "my-sdk");
        assert_eq!(package_name(Path::new("/tmp/2x")), "sdk-2x");
        assert_eq!(package_name(Path::new("/tmp/pets/.")), "pets");
    }
}
