//! `codegen.toml`: the crates `cargo xtask codegen` writes, and from what.

use std::path::{Path, PathBuf};

use codegen::ir::Auth;
use serde::Deserialize;

pub const FILE: &str = "codegen.toml";

/// One crate to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub name: String,
    pub input: Input,
    /// The crate directory; generated files go to `out/src/generated/`.
    pub out: PathBuf,
    /// Library name of the crate, for doc examples.
    pub crate_name: String,
    /// Capitalized words Rust names split into (the back-end's `acronyms`).
    pub acronyms: Vec<String>,
    /// What the description does not say about the API, or says otherwise.
    pub settings: Settings,
    /// A command-line tool built on the crate, if the target has one.
    pub cli: Option<Cli>,
}

/// A command-line tool over a target's SDK: its own crate, whose generated
/// files go to `out/src/generated/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cli {
    /// The tool's crate directory.
    pub out: PathBuf,
    /// The binary's name.
    pub bin: String,
    /// Dev-dependencies of a scaffolded tool crate (its own tests).
    pub dev_dependencies: Vec<String>,
}

/// A target's API settings, overriding (or adding to) the description.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// The API's name in docs (default: the description's).
    pub title: Option<String>,
    /// The default base URL (default: the description's first server).
    pub base_url: Option<String>,
    /// `bearer` or `none` (default: what the description says).
    pub auth: Option<Auth>,
    /// Where the API key is read from (default `<CRATE>_API_KEY`).
    pub api_key_env: Vec<String>,
    /// The `User-Agent` product name (default: the package name).
    pub user_agent: Option<String>,
    /// Dev-dependencies of a scaffolded test crate, from
    /// `[workspace.dependencies]` (its own tests need them).
    pub dev_dependencies: Vec<String>,
    /// Where a `from` proto root's imports are also looked up (relative to
    /// `codegen.toml`'s directory).
    pub include: Vec<PathBuf>,
    /// A `from` OpenAPI document's operations the SDK cannot call are left
    /// out with a warning instead of failing the run.
    pub skip_unsupported: bool,
}

impl Target {
    /// How its `from` description is imported.
    pub fn import_options(&self) -> codegen::frontend::ImportOptions {
        codegen::frontend::ImportOptions {
            include: self.settings.include.clone(),
            skip_unsupported: self.settings.skip_unsupported,
        }
    }
}

/// Where a target's description comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A `schema/` directory written by an earlier import.
    Schema(PathBuf),
    /// An upstream description imported on every run (fixtures of ours).
    From(PathBuf),
    /// A description in the generator's own form (an IR fixture), read as is.
    Ir(PathBuf),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    /// Every target's acronyms, unless the target lists its own.
    #[serde(default)]
    acronyms: Vec<String>,
    #[serde(default)]
    target: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    name: String,
    schema: Option<PathBuf>,
    from: Option<PathBuf>,
    ir: Option<PathBuf>,
    out: PathBuf,
    #[serde(rename = "crate")]
    crate_name: String,
    acronyms: Option<Vec<String>>,
    title: Option<String>,
    base_url: Option<String>,
    auth: Option<Auth>,
    #[serde(default)]
    api_key_env: Vec<String>,
    user_agent: Option<String>,
    #[serde(default)]
    dev_dependencies: Vec<String>,
    #[serde(default)]
    include: Vec<PathBuf>,
    #[serde(default)]
    skip_unsupported: bool,
    cli: Option<CliEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CliEntry {
    out: PathBuf,
    bin: String,
    #[serde(default)]
    dev_dependencies: Vec<String>,
}

/// Reads `root/codegen.toml`; paths in it are relative to `root`.
pub fn read(root: &Path) -> Result<Vec<Target>, String> {
    let path = root.join(FILE);
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    parse(&text, root).map_err(|e| format!("{}: {e}", path.display()))
}

/// The file-wide `acronyms` of `root/codegen.toml` (none when it cannot
/// be read), for a crate it does not list.
pub fn acronyms(root: &Path) -> Vec<String> {
    std::fs::read_to_string(root.join(FILE))
        .ok()
        .and_then(|text| toml::from_str::<File>(&text).ok())
        .map(|f| f.acronyms)
        .unwrap_or_default()
}

fn parse(text: &str, root: &Path) -> Result<Vec<Target>, String> {
    let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
    if file.target.is_empty() {
        return Err("no [[target]] entries".into());
    }
    let mut targets = Vec::new();
    for e in file.target {
        let input = match (e.schema, e.from, e.ir) {
            (Some(s), None, None) => Input::Schema(root.join(s)),
            (None, Some(f), None) => Input::From(root.join(f)),
            (None, None, Some(i)) => Input::Ir(root.join(i)),
            _ => {
                return Err(format!(
                    "target `{}`: give exactly one of `schema`, `from` and `ir`",
                    e.name
                ));
            }
        };
        if !e.include.is_empty() && !matches!(input, Input::From(_)) {
            return Err(format!(
                "target `{}`: `include` goes with `from` (a proto root imported on every run)",
                e.name
            ));
        }
        if targets.iter().any(|t: &Target| t.name == e.name) {
            return Err(format!("target `{}` is listed twice", e.name));
        }
        let cli = match e.cli {
            Some(c) => {
                let valid = c.bin.starts_with(|ch: char| ch.is_ascii_alphabetic())
                    && c.bin
                        .chars()
                        .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_');
                if !valid {
                    return Err(format!(
                        "target `{}`: cli.bin `{}` is not a binary name (letters, digits, `-`, `_`)",
                        e.name, c.bin
                    ));
                }
                Some(Cli {
                    out: root.join(c.out),
                    bin: c.bin,
                    dev_dependencies: c.dev_dependencies,
                })
            }
            None => None,
        };
        targets.push(Target {
            name: e.name,
            input,
            out: root.join(e.out),
            crate_name: e.crate_name,
            acronyms: e.acronyms.unwrap_or_else(|| file.acronyms.clone()),
            settings: Settings {
                title: e.title,
                base_url: e.base_url,
                auth: e.auth,
                api_key_env: e.api_key_env,
                user_agent: e.user_agent,
                dev_dependencies: e.dev_dependencies,
                include: e.include.into_iter().map(|i| root.join(i)).collect(),
                skip_unsupported: e.skip_unsupported,
            },
            cli,
        });
    }
    Ok(targets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_targets() {
        let t = parse(
            "acronyms = [\"API\"]\n\
             [[target]]\nname = \"sdk\"\nschema = \"schema\"\nout = \"generated-sdk\"\ncrate = \"tesseral\"\n\
             [[target]]\nname = \"fx\"\nfrom = \"a.yaml\"\nout = \"x\"\ncrate = \"fx\"\nacronyms = []\n\
             [[target]]\nname = \"ir\"\nir = \"i.yaml\"\nout = \"y\"\ncrate = \"ir\"\n",
            Path::new("/r"),
        )
        .unwrap();
        assert_eq!(t[0].input, Input::Schema("/r/schema".into()));
        assert_eq!(t[1].input, Input::From("/r/a.yaml".into()));
        assert_eq!(t[2].input, Input::Ir("/r/i.yaml".into()));
        assert_eq!(t[0].acronyms, ["API"]);
        assert!(t[1].acronyms.is_empty());
        assert_eq!(t[0].settings, Settings::default());
    }

    #[test]
    fn parses_settings() {
        let t = parse(
            "[[target]]\nname = \"a\"\nfrom = \"a.yaml\"\nout = \"x\"\ncrate = \"a\"\n\
             title = \"A API\"\nbase_url = \"https://a.example\"\nauth = \"bearer\"\n\
             api_key_env = [\"A_KEY\"]\nuser_agent = \"a-rust\"\ndev_dependencies = [\"tokio\"]\n\
             include = [\"deps\"]\n",
            Path::new("/r"),
        )
        .unwrap();
        let s = &t[0].settings;
        assert_eq!(s.title.as_deref(), Some("A API"));
        assert_eq!(s.base_url.as_deref(), Some("https://a.example"));
        assert_eq!(s.auth, Some(Auth::Bearer));
        assert_eq!(s.api_key_env, ["A_KEY"]);
        assert_eq!(s.user_agent.as_deref(), Some("a-rust"));
        assert_eq!(s.dev_dependencies, ["tokio"]);
        assert_eq!(s.include, [PathBuf::from("/r/deps")]);
        assert_eq!(t[0].cli, None);
    }

    #[test]
    fn parses_a_cli() {
        let t = parse(
            "[[target]]\nname = \"a\"\nfrom = \"a.yaml\"\nout = \"x\"\ncrate = \"a\"\n\
             cli = { out = \"x-cli\", bin = \"a-tool\", dev_dependencies = [\"tokio\"] }\n",
            Path::new("/r"),
        )
        .unwrap();
        let cli = t[0].cli.as_ref().unwrap();
        assert_eq!(cli.out, Path::new("/r/x-cli"));
        assert_eq!(cli.bin, "a-tool");
        assert_eq!(cli.dev_dependencies, ["tokio"]);
        for bad in [
            "bin = \"\"",
            "bin = \"2x\"",
            "bin = \"a b\"",
            "bin = \"a\", extra = 1",
        ] {
            let text = format!(
                "[[target]]\nname = \"a\"\nfrom = \"a.yaml\"\nout = \"x\"\ncrate = \"a\"\n\
                 cli = {{ out = \"x-cli\", {bad} }}\n"
            );
            assert!(parse(&text, Path::new("/r")).is_err(), "{bad}");
        }
    }

    #[test]
    fn rejects_bad_targets() {
        for bad in [
            "",
            "[[target]]\nname = \"a\"\nout = \"x\"\ncrate = \"a\"\n",
            "[[target]]\nname = \"a\"\nschema = \"s\"\nfrom = \"f\"\nout = \"x\"\ncrate = \"a\"\n",
            "[[target]]\nname = \"a\"\nfrom = \"f\"\nir = \"i\"\nout = \"x\"\ncrate = \"a\"\n",
            "[[target]]\nname = \"a\"\nschema = \"s\"\nout = \"x\"\ncrate = \"a\"\nextra = 1\n",
            "[[target]]\nname = \"a\"\nschema = \"s\"\nout = \"x\"\ncrate = \"a\"\nauth = \"basic\"\n",
            "[[target]]\nname = \"a\"\nschema = \"s\"\nout = \"x\"\ncrate = \"a\"\ninclude = [\"d\"]\n",
        ] {
            assert!(parse(bad, Path::new("/r")).is_err(), "{bad:?}");
        }
    }
}
