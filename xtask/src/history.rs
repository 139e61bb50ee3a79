//! `cargo xtask history`: replays the upstream history. Every version is
//! imported in order into one scratch crate (regenerated in place through
//! `codegen --out`), compiled with `cargo check` in one shared target
//! directory, and compared with the version before it. Compiling checks the
//! reports too: a probe (code using every public item) written against the
//! previous version must fail on exactly the items the report calls
//! breaking, and the probe of each version must build against its own SDK.
//! With `--semver-checks`, `cargo semver-checks` gives a second opinion on
//! every pair.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use codegen::backend::rust::{Surface, surface};
use codegen::changes::changelog::{self, Body, Entry};
use codegen::changes::probe::{self, Probe};
use codegen::changes::{Level, Report, Version};
use codegen::schema::Schema;

use crate::codegen as import_run;
use crate::workspace_root;

/// The versions CI replays: the first two (a field renamed, one removed),
/// the package rename `openauth.backend.v1` -> `tesseral.backend.v1`
/// (32 -> 33), the split into resource groups (35 -> 36) and the last two.
pub const SAMPLE: &[&str] = &["01", "02", "32", "33", "35", "36", "45", "46"];

/// The version the replayed changelog starts at.
const FIRST_VERSION: Version = Version::new(0, 1, 0);

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The directory of `NN-YYYY-MM-DD-COMMIT` versions.
    pub history: Option<PathBuf>,
    /// Version numbers (`07`) or directory names; default: all.
    pub versions: Option<Vec<String>>,
    /// Scratch directory for the crates (default: `$TMPDIR/tesseral-history-HASH`).
    pub work: Option<PathBuf>,
    /// Cargo target directory shared by every check (default:
    /// `$CARGO_TARGET_DIR/history`, else `target/history`).
    pub target_dir: Option<PathBuf>,
    /// Only import and compare, no `cargo check`.
    pub no_compile: bool,
    /// Also run `cargo semver-checks` on every consecutive pair.
    pub semver_checks: bool,
    pub root: Option<PathBuf>,
}

impl Options {
    pub fn parse(args: &[String]) -> Result<Options, String> {
        let mut opts = Options::default();
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let mut value = |name: &str| {
                it.next()
                    .cloned()
                    .ok_or_else(|| format!("`{name}` needs a value"))
            };
            match arg.as_str() {
                "--history" => opts.history = Some(value("--history")?.into()),
                "--versions" => {
                    let list = value("--versions")?;
                    opts.versions = Some(
                        list.split(',')
                            .map(|s| s.trim().to_string())
                            .filter(|s| !s.is_empty())
                            .collect(),
                    );
                }
                "--sample" => opts.versions = Some(SAMPLE.iter().map(|s| s.to_string()).collect()),
                "--work" => opts.work = Some(value("--work")?.into()),
                "--target-dir" => opts.target_dir = Some(value("--target-dir")?.into()),
                "--no-compile" => opts.no_compile = true,
                "--semver-checks" => opts.semver_checks = true,
                other => return Err(format!("unknown argument `{other}`")),
            }
        }
        if opts.no_compile && opts.semver_checks {
            return Err("`--semver-checks` compiles: it cannot go with `--no-compile`".into());
        }
        Ok(opts)
    }
}

/// One upstream version.
#[derive(Debug, Clone)]
pub struct Upstream {
    pub name: String,
    pub dir: PathBuf,
    pub date: String,
}

/// What the replay found for one version.
#[derive(Debug, Clone)]
pub struct Step {
    pub name: String,
    pub operations: usize,
    pub types: usize,
    /// The change report from the version before (`None` for the first).
    pub report: Option<Report>,
    /// The SDK version the replayed changelog gives it.
    pub version: Version,
    /// Seconds `cargo check` took, when compiled.
    pub check_seconds: Option<f64>,
    /// Probe items of the previous version that failed against this one.
    pub probe_failures: Option<usize>,
    pub probe_items: usize,
    /// `cargo semver-checks` against the previous version: whether it found
    /// a breaking change, and the lints that fired.
    pub semver_checks: Option<(bool, Vec<String>)>,
}

/// The whole replay.
#[derive(Debug, Default)]
pub struct Outcome {
    pub steps: Vec<Step>,
    /// Where reports and the summary were written.
    pub work: PathBuf,
    /// Disagreements and compile failures, each naming the version.
    pub problems: Vec<String>,
    pub seconds: f64,
}

/// The versions in `dir`, oldest first.
pub fn versions(dir: &Path) -> Result<Vec<Upstream>, String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("{}: cannot list: {e}", dir.display()))?;
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: cannot list: {e}", dir.display()))?;
        if !entry.path().is_dir() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let date = crate::import::date_from_path(Path::new(&name)).ok_or_else(|| {
            format!(
                "{}: not a version directory (expected NN-YYYY-MM-DD-COMMIT)",
                path.display()
            )
        })?;
        out.push(Upstream {
            name,
            dir: path,
            date,
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    if out.is_empty() {
        return Err(format!("{}: no versions", dir.display()));
    }
    Ok(out)
}

/// `all` narrowed to `wanted` (numbers like `07` or whole names), in history order.
fn select(all: Vec<Upstream>, wanted: &[String]) -> Result<Vec<Upstream>, String> {
    for w in wanted {
        if !all
            .iter()
            .any(|v| v.name == *w || v.name.split('-').next() == Some(w.as_str()))
        {
            return Err(format!(
                "no version `{w}` in the history (versions: {})",
                all.iter()
                    .map(|v| v.name.split('-').next().unwrap_or_default())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    Ok(all
        .into_iter()
        .filter(|v| {
            wanted
                .iter()
                .any(|w| v.name == *w || v.name.split('-').next() == Some(w.as_str()))
        })
        .collect())
}

pub fn run(opts: &Options) -> Result<Option<Outcome>, String> {
    let start = Instant::now();
    let root = opts.root.clone().unwrap_or_else(workspace_root);
    let history = match &opts.history {
        Some(h) => h.clone(),
        None => {
            let h = root.join("../shared/tesseral/history");
            if !h.is_dir() {
                // CI sets it: there, a missing ../shared is a failure.
                if std::env::var_os("TESSERAL_REQUIRE_SHARED").is_some_and(|v| v == "1") {
                    return Err(format!(
                        "{} not found and TESSERAL_REQUIRE_SHARED=1",
                        h.display()
                    ));
                }
                println!(
                    "skipping the history replay: {} not found (pass --history DIR)",
                    h.display()
                );
                return Ok(None);
            }
            h
        }
    };
    let mut chosen = versions(&history)?;
    if let Some(wanted) = &opts.versions {
        chosen = select(chosen, wanted)?;
    }
    let work = opts.work.clone().unwrap_or_else(|| default_work(&root));
    let target_dir =
        opts.target_dir
            .clone()
            .unwrap_or_else(|| match std::env::var_os("CARGO_TARGET_DIR") {
                Some(t) => PathBuf::from(t).join("history"),
                None => root.join("target/history"),
            });
    let sdk_dir = work.join("sdk");
    let reports = work.join("reports");
    for dir in [&sdk_dir, &reports, &work.join("baseline")] {
        if dir.exists() {
            std::fs::remove_dir_all(dir)
                .map_err(|e| format!("{}: cannot remove: {e}", dir.display()))?;
        }
    }
    std::fs::create_dir_all(&reports)
        .map_err(|e| format!("{}: cannot create: {e}", reports.display()))?;
    if !opts.no_compile {
        write_workspace(&root, &work)?;
    }
    if opts.semver_checks {
        ensure_semver_checks()?;
    }

    let mut outcome = Outcome {
        work: work.clone(),
        ..Outcome::default()
    };
    let mut previous: Option<(String, Surface)> = None;
    // The SDK's settings (codegen.toml's acronyms) name the Rust items.
    let options = codegen::backend::rust::Options {
        acronyms: crate::targets::acronyms(&root),
        ..Default::default()
    };
    let mut version = FIRST_VERSION;
    let mut log: Option<String> = None;
    for v in &chosen {
        let at = |e: String| format!("{}: {e}", v.name);
        if opts.semver_checks && sdk_dir.exists() {
            copy_crate(&sdk_dir, &work.join("baseline")).map_err(at)?;
        }
        let gen_opts = import_run::Options {
            from: Some(v.dir.join("proto")),
            out_dir: Some(sdk_dir.clone()),
            // The runtime of this checkout, not a published one.
            runtime_path: Some(root.join("runtime")),
            root: Some(root.clone()),
            quiet: true,
            ..import_run::Options::default()
        };
        import_run::run(&gen_opts).map_err(at)?;
        let schema = Schema::read(&sdk_dir.join("schema")).map_err(|e| at(e.to_string()))?;
        let now = surface(&schema.api, &options).map_err(|e| at(e.to_string()))?;
        let report = previous
            .as_ref()
            .map(|(name, before)| Report::new(before, &now, name, &v.name));

        // The changelog this history would have written.
        let source = format!("upstream commit {}", commit(&v.name));
        let entry = match &report {
            None => Entry {
                version,
                date: &v.date,
                api: &schema.api.name,
                source: &source,
                body: Body::First {
                    operations: schema.api.operations.len(),
                    types: schema.api.types.len(),
                },
            }
            .render(),
            Some(r) => {
                let prev = version;
                if let Some(level) = r.level() {
                    version = version.bump(level);
                }
                Entry {
                    version,
                    date: &v.date,
                    api: &schema.api.name,
                    source: &source,
                    body: Body::Changes {
                        previous: prev,
                        report: r,
                    },
                }
                .render()
            }
        };
        if report.as_ref().is_none_or(|r| r.level().is_some()) {
            log = Some(changelog::insert(log.as_deref(), &entry));
        }

        let mut step = Step {
            name: v.name.clone(),
            operations: schema.api.operations.len(),
            types: schema.api.types.len(),
            report: report.clone(),
            version,
            check_seconds: None,
            probe_failures: None,
            probe_items: 0,
            semver_checks: None,
        };
        if let Some(r) = &report {
            let stem = format!("{}-{}", number(&r.old), number(&v.name));
            write(&reports.join(format!("{stem}.txt")), &r.text(None))?;
            let json = serde_json::to_string_pretty(&r.json(None))
                .map_err(|e| format!("cannot write JSON: {e}"))?;
            write(&reports.join(format!("{stem}.json")), &(json + "\n"))?;
        }

        let mut note = None;
        if !opts.no_compile {
            let mine = probe::probe(&now, "tesseral");
            let theirs = previous.as_ref().map(|(_, s)| probe::probe(s, "tesseral"));
            let package = package_name(&sdk_dir).map_err(at)?;
            write_probe(&work.join("probe-self"), &package, Some(&mine))?;
            write_probe(&work.join("probe-prev"), &package, theirs.as_ref())?;
            let begin = Instant::now();
            let checked = cargo_check(&work, &target_dir).map_err(at)?;
            step.check_seconds = Some(begin.elapsed().as_secs_f64());
            if !checked.sdk.is_empty() {
                outcome.problems.push(format!(
                    "{}: the generated SDK does not compile:\n{}",
                    v.name,
                    checked.sdk.join("\n")
                ));
            }
            for (line, error) in &checked.probe_self {
                let what = mine
                    .items
                    .get(line)
                    .map_or(format!("line {line}"), |i| i.what.clone());
                outcome.problems.push(format!(
                    "{}: code using {what} does not compile against its own SDK: {error}",
                    v.name
                ));
            }
            if let (Some(theirs), Some(r)) = (&theirs, &report) {
                step.probe_items = theirs.items.len();
                step.probe_failures = Some(checked.probe_prev.len());
                for m in probe::check(theirs, &checked.probe_prev, r) {
                    outcome
                        .problems
                        .push(format!("{} -> {}: {m}", r.old, r.new));
                }
            }
            if opts.semver_checks && report.is_some() {
                let (breaking, lints) = semver_checks(&work, &target_dir).map_err(at)?;
                let says_breaking =
                    report.as_ref().and_then(Report::level) == Some(Level::Breaking);
                if breaking != says_breaking {
                    let found = if breaking {
                        format!("finds a breaking change ({})", lints.join(", "))
                    } else {
                        "finds no breaking change".to_string()
                    };
                    let says = report.as_ref().and_then(Report::level);
                    note = Some(format!(
                        "  note: cargo semver-checks {found}; the report says {} (the probe \
                         compiled against this version decides)",
                        says.map_or("nothing changed", Level::as_str),
                    ));
                }
                step.semver_checks = Some((breaking, lints));
            }
        }
        println!("{}", step_line(&step));
        if let Some(n) = note {
            println!("{n}");
        }
        previous = Some((v.name.clone(), now));
        outcome.steps.push(step);
    }
    if let Some(log) = &log {
        write(&work.join("CHANGELOG.md"), log)?;
    }
    outcome.seconds = start.elapsed().as_secs_f64();
    let summary = summary(&outcome);
    write(&work.join("summary.txt"), &summary)?;
    println!(
        "\n{} versions replayed in {:.0} s; reports, CHANGELOG.md and summary.txt in {}",
        outcome.steps.len(),
        outcome.seconds,
        work.display()
    );
    Ok(Some(outcome))
}

/// `$TMPDIR/tesseral-history-HASH`, one per checkout. Outside the
/// workspace, so that `codegen --out` scaffolds a standalone crate there.
fn default_work(root: &Path) -> PathBuf {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    crate::paths::absolute(root)
        .unwrap_or_else(|_| root.to_path_buf())
        .hash(&mut h);
    std::env::temp_dir().join(format!("tesseral-history-{:08x}", h.finish() as u32))
}

/// `01` of `01-2024-12-03-dbbaf6de`.
fn number(name: &str) -> &str {
    name.split('-').next().unwrap_or(name)
}

fn commit(name: &str) -> &str {
    name.rsplit('-').next().unwrap_or(name)
}

/// One line per version.
pub fn step_line(s: &Step) -> String {
    let mut line = format!(
        "{}: {} operations, {} types, SDK {}",
        s.name, s.operations, s.types, s.version
    );
    match &s.report {
        None => line.push_str(", first version"),
        Some(r) => {
            let _ = write!(
                line,
                ", {} ({})",
                r.level().map_or("no change", Level::as_str),
                r.counts()
            );
        }
    }
    if let Some(t) = s.check_seconds {
        let _ = write!(line, "; compiled in {t:.1} s");
    }
    if let Some(f) = s.probe_failures {
        let _ = write!(
            line,
            "; {f} of {} uses of the previous SDK broke",
            s.probe_items
        );
    }
    if let Some((breaking, lints)) = &s.semver_checks {
        let _ = write!(
            line,
            "; cargo semver-checks: {}",
            if *breaking {
                format!("breaking ({})", lints.join(", "))
            } else {
                "no breaking change".to_string()
            }
        );
    }
    line
}

fn summary(o: &Outcome) -> String {
    let mut out = String::new();
    for s in &o.steps {
        let _ = writeln!(out, "{}", step_line(s));
    }
    let _ = writeln!(out, "\n{:.0} s in all", o.seconds);
    if o.problems.is_empty() {
        out.push_str("every version compiled; every report agrees with the compiler\n");
    } else {
        for p in &o.problems {
            let _ = writeln!(out, "PROBLEM: {p}");
        }
    }
    out
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("{}: cannot create: {e}", dir.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: cannot write: {e}", path.display()))
}

/// The workspace of the probes, which use the scratch SDK crate (a
/// workspace of its own, excluded here) as `tesseral`.
fn write_workspace(root: &Path, work: &Path) -> Result<(), String> {
    write(
        &work.join("Cargo.toml"),
        "# @generated by `cargo xtask history`.\n[workspace]\nresolver = \"2\"\n\
         members = [\"probe-prev\", \"probe-self\"]\nexclude = [\"sdk\", \"baseline\"]\n",
    )?;
    // The dependency versions the repository is tested with.
    let lock = work.join("Cargo.lock");
    if !lock.exists() {
        if let Ok(text) = std::fs::read_to_string(root.join("Cargo.lock")) {
            write(&lock, &text)?;
        }
    }
    Ok(())
}

/// The package name `codegen --out` gave the scratch crate.
fn package_name(crate_dir: &Path) -> Result<String, String> {
    let path = crate_dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let table: toml::Table = text
        .parse()
        .map_err(|e| format!("{}: {e}", path.display()))?;
    table
        .get("package")
        .and_then(|p| p.get("name"))
        .and_then(|n| n.as_str())
        .map(str::to_string)
        .ok_or_else(|| format!("{}: no [package] name", path.display()))
}

/// A probe crate using the scratch SDK (package `package`) as `tesseral`.
fn write_probe(dir: &Path, package: &str, probe: Option<&Probe>) -> Result<(), String> {
    let name = dir
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("probe")
        .to_string();
    write(
        &dir.join("Cargo.toml"),
        &format!(
            "# @generated by `cargo xtask history`.\n[package]\nname = \"{name}\"\nversion = \"0.0.0\"\n\
             edition = \"2024\"\npublish = false\n\n[dependencies]\ntesseral = {{ package = \"{package}\", path = \"../sdk\" }}\n"
        ),
    )?;
    let source = match probe {
        Some(p) => p.source.clone(),
        None => "// No previous version.\n".to_string(),
    };
    write(&dir.join("src/lib.rs"), &source)
}

/// Compile errors of one `cargo check`, by crate.
#[derive(Debug, Default)]
struct Checked {
    sdk: Vec<String>,
    /// First error on each failing line.
    probe_self: BTreeMap<usize, String>,
    probe_prev: BTreeMap<usize, String>,
}

fn cargo_check(work: &Path, target_dir: &Path) -> Result<Checked, String> {
    let out = Command::new(cargo())
        .current_dir(work)
        .args([
            "check",
            "--workspace",
            "--keep-going",
            "--message-format=json",
            "--quiet",
        ])
        .arg("--target-dir")
        .arg(target_dir)
        .env_remove("CARGO_TARGET_DIR")
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let mut checked = Checked::default();
    let mut any_error = false;
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let Ok(msg) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if msg["reason"] != "compiler-message" || msg["message"]["level"] != "error" {
            continue;
        }
        any_error = true;
        let manifest = msg["manifest_path"].as_str().unwrap_or_default();
        let text = msg["message"]["message"].as_str().unwrap_or_default();
        let line = msg["message"]["spans"].as_array().and_then(|spans| {
            spans
                .iter()
                .find(|s| {
                    s["is_primary"] == true
                        && s["file_name"]
                            .as_str()
                            .is_some_and(|f| f.ends_with("src/lib.rs"))
                })
                .or_else(|| {
                    spans.iter().find(|s| {
                        s["file_name"]
                            .as_str()
                            .is_some_and(|f| f.ends_with("src/lib.rs"))
                    })
                })
                .and_then(|s| s["line_start"].as_u64())
        });
        let crate_dir = Path::new(manifest)
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let map = match crate_dir {
            "probe-self" => &mut checked.probe_self,
            "probe-prev" => &mut checked.probe_prev,
            _ => {
                let rendered = msg["message"]["rendered"].as_str().unwrap_or(text);
                checked.sdk.push(rendered.to_string());
                continue;
            }
        };
        match line {
            Some(l) => {
                map.entry(l as usize).or_insert_with(|| text.to_string());
            }
            // Summaries ("aborting due to ...") carry no span.
            None if text.starts_with("aborting due to")
                || text.starts_with("could not compile") => {}
            None => {
                map.entry(0).or_insert_with(|| text.to_string());
            }
        }
    }
    if !out.status.success() && !any_error {
        let stderr = String::from_utf8_lossy(&out.stderr);
        return Err(format!("cargo check failed:\n{}", stderr.trim()));
    }
    Ok(checked)
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string())
}

/// Copies a generated crate (its sources, manifest and schema).
fn copy_crate(from: &Path, to: &Path) -> Result<(), String> {
    if to.exists() {
        std::fs::remove_dir_all(to).map_err(|e| format!("{}: cannot remove: {e}", to.display()))?;
    }
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let dir = from.join(&rel);
        let entries =
            std::fs::read_dir(&dir).map_err(|e| format!("{}: cannot list: {e}", dir.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("{}: cannot list: {e}", dir.display()))?;
            let name = entry.file_name();
            if name == "target" {
                continue;
            }
            let rel = rel.join(&name);
            if entry.path().is_dir() {
                stack.push(rel);
            } else {
                let dest = to.join(&rel);
                if let Some(parent) = dest.parent() {
                    std::fs::create_dir_all(parent)
                        .map_err(|e| format!("{}: cannot create: {e}", parent.display()))?;
                }
                std::fs::copy(entry.path(), &dest)
                    .map_err(|e| format!("{}: cannot copy: {e}", dest.display()))?;
            }
        }
    }
    Ok(())
}

/// Installs `cargo-semver-checks` (from crates.io) unless it is there.
fn ensure_semver_checks() -> Result<(), String> {
    let present = Command::new(cargo())
        .args(["semver-checks", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if present {
        return Ok(());
    }
    println!("installing cargo-semver-checks (cargo install cargo-semver-checks --locked)");
    let status = Command::new(cargo())
        .args(["install", "cargo-semver-checks", "--locked"])
        .status()
        .map_err(|e| format!("cannot run cargo install: {e}"))?;
    if !status.success() {
        return Err("cargo install cargo-semver-checks --locked failed".into());
    }
    Ok(())
}

/// `cargo semver-checks` of the scratch SDK against the baseline copy of
/// the previous version: whether it found a breaking (major) change, and
/// the lints that failed.
fn semver_checks(work: &Path, target_dir: &Path) -> Result<(bool, Vec<String>), String> {
    let out = Command::new(cargo())
        .args(["semver-checks", "check-release", "--release-type", "minor"])
        .arg("--manifest-path")
        .arg(work.join("sdk/Cargo.toml"))
        .arg("--baseline-root")
        .arg(work.join("baseline"))
        .env("CARGO_TARGET_DIR", target_dir.join("semver-checks"))
        .env("CARGO_TERM_COLOR", "never")
        .output()
        .map_err(|e| format!("cannot run cargo semver-checks: {e}"))?;
    let text = format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let lints: Vec<String> = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("--- failure "))
        .filter_map(|l| l.split(':').next())
        .map(str::to_string)
        .collect();
    // Its summary line: `semver requires new major version: ...` or
    // `no semver update required` (or a minor/patch one).
    let summary = text
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("Summary "))
        .map(str::to_string);
    match summary {
        Some(s) => Ok((s.contains("new major version"), lints)),
        None => Err(format!(
            "cargo semver-checks failed ({}):\n{}",
            out.status,
            text.trim()
        )),
    }
}
