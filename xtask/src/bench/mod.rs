//! `cargo xtask bench`: runs every benchmark and prints one table (figure,
//! target, peer, ratio, pass/miss) with the machine and its load.
//!
//! Whole processes are timed here (median of runs; peak memory from the
//! child's rusage); in-process figures come from the criterion benches
//! (`generated-sdk/benches`, `runtime/benches`, `generator/benches`), whose
//! medians are read back from criterion's `estimates.json`.

mod compile;
mod measure;
mod synth;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use codegen::schema::Schema;

use crate::workspace_root;
use measure::{Run, cargo};

pub const USAGE: &str = "\
usage: cargo xtask bench [--runs N] [--compile-runs N] [--only PARTS]
                         [--install-peers] [--scratch DIR]

  Runs every benchmark and prints one table: what, figure, target, peer
  figure, ratio, pass/miss; plus the machine and its load average.
  --runs N          runs per whole-process codegen figure (default 20)
  --compile-runs N  clean builds (and checks) per crate (default 3)
  --only PARTS      comma-separated subset of: codegen, growth, compile,
                    criterion (default all)
  --install-peers   `cargo install cargo-progenitor --locked` if missing
  --scratch DIR     where synthetic APIs, scratch crates and their target
                    directory go (default $TMPDIR/tesseral-bench)
";

const PARTS: [&str; 4] = ["codegen", "growth", "compile", "criterion"];

#[derive(Debug, Clone)]
pub struct Options {
    pub runs: usize,
    pub compile_runs: usize,
    pub parts: Vec<String>,
    pub install_peers: bool,
    pub scratch: PathBuf,
    pub help: bool,
}

impl Options {
    pub fn parse(args: &[String]) -> Result<Options, String> {
        let mut opts = Options {
            runs: 20,
            compile_runs: 3,
            parts: PARTS.iter().map(|p| p.to_string()).collect(),
            install_peers: false,
            scratch: std::env::temp_dir().join("tesseral-bench"),
            help: false,
        };
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let mut value = |name: &str| {
                it.next()
                    .cloned()
                    .ok_or_else(|| format!("`{name}` needs a value"))
            };
            let count = |name: &str, v: String| {
                v.parse::<usize>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| format!("`{name}`: expected a positive number, got `{v}`"))
            };
            match arg.as_str() {
                "--runs" => opts.runs = count("--runs", value("--runs")?)?,
                "--compile-runs" => {
                    opts.compile_runs = count("--compile-runs", value("--compile-runs")?)?
                }
                "--only" => {
                    let list = value("--only")?;
                    opts.parts = list.split(',').map(|p| p.trim().to_string()).collect();
                    if let Some(bad) = opts.parts.iter().find(|p| !PARTS.contains(&p.as_str())) {
                        return Err(format!(
                            "`--only`: unknown part `{bad}` (one of {})",
                            PARTS.join(", ")
                        ));
                    }
                }
                "--install-peers" => opts.install_peers = true,
                "--scratch" => opts.scratch = value("--scratch")?.into(),
                "--help" | "-h" => opts.help = true,
                other => return Err(format!("unknown argument `{other}`")),
            }
        }
        Ok(opts)
    }

    fn wants(&self, part: &str) -> bool {
        self.parts.iter().any(|p| p == part)
    }
}

/// Whether a row met its target.
#[derive(Debug, Clone, PartialEq)]
enum Verdict {
    Pass,
    Miss,
    /// No target: the figure is reported.
    Reported,
    /// Not measured, and why.
    Skipped(String),
}

#[derive(Debug, Clone)]
struct Row {
    what: String,
    figure: String,
    target: String,
    peer: String,
    ratio: String,
    verdict: Verdict,
}

impl Row {
    fn new(what: impl Into<String>, figure: impl Into<String>, target: impl Into<String>) -> Row {
        Row {
            what: what.into(),
            figure: figure.into(),
            target: target.into(),
            peer: String::new(),
            ratio: String::new(),
            verdict: Verdict::Reported,
        }
    }

    fn peer(mut self, peer: impl Into<String>, ratio: f64) -> Row {
        self.peer = peer.into();
        self.ratio = format!("{ratio:.2}x");
        self
    }

    fn pass_if(mut self, ok: bool) -> Row {
        self.verdict = if ok { Verdict::Pass } else { Verdict::Miss };
        self
    }

    fn skipped(what: impl Into<String>, target: impl Into<String>, why: impl Into<String>) -> Row {
        Row {
            verdict: Verdict::Skipped(why.into()),
            ..Row::new(what, "-", target)
        }
    }
}

/// Runs what `opts` asks for and prints the table.
pub fn run(opts: &Options) -> Result<(), String> {
    let root = workspace_root();
    let shared = root.join("../shared/tesseral/latest");
    let shared = shared.is_dir().then_some(shared);
    std::fs::create_dir_all(&opts.scratch)
        .map_err(|e| format!("{}: cannot create: {e}", opts.scratch.display()))?;
    let load_start = load_average();
    let mut rows = Vec::new();
    if opts.wants("codegen") {
        rows.extend(codegen_rows(&root, shared.as_deref(), opts)?);
    }
    if opts.wants("growth") {
        rows.extend(growth_rows(&root, opts)?);
    }
    if opts.wants("compile") {
        rows.extend(compile_rows(&root, shared.as_deref(), opts)?);
    }
    if opts.wants("criterion") {
        rows.extend(criterion_rows(&root, opts)?);
    }
    let load_end = load_average();
    println!("{}", machine());
    println!("load average (1, 5, 15 min): start {load_start}, end {load_end}");
    println!();
    print!("{}", table(&rows));
    Ok(())
}

/// `xtask codegen ...` (this very binary) in the workspace root.
fn xtask(root: &Path, args: &[&dyn AsRef<std::ffi::OsStr>]) -> Result<Command, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this binary: {e}"))?;
    let mut cmd = Command::new(exe);
    cmd.current_dir(root).arg("codegen");
    for a in args {
        cmd.arg(a);
    }
    Ok(cmd)
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

fn codegen_rows(root: &Path, shared: Option<&Path>, opts: &Options) -> Result<Vec<Row>, String> {
    eprintln!("bench: codegen ({} runs each)", opts.runs);
    let mut rows = Vec::new();
    let sdk = |extra: &[&dyn AsRef<std::ffi::OsStr>]| {
        let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![
            &"--check",
            &"--out",
            &"generated-sdk",
            &"--schema",
            &"schema",
        ];
        args.extend_from_slice(extra);
        xtask(root, &args)
    };
    sdk(&[])?; // fails early when this binary cannot be found
    let warm = measure::median_of(opts.runs, || sdk(&[]).expect("checked above"))?;
    rows.push(
        Row::new(
            "codegen of the SDK from schema/ (warm, whole process)",
            ms(warm.wall),
            "<= 30 ms",
        )
        .pass_if(warm.wall <= Duration::from_millis(30)),
    );
    rows.push(Row::new(
        "peak memory of that codegen (max RSS)",
        mib(warm.max_rss_kib),
        "reported",
    ));
    let all = measure::median_of(opts.runs, || {
        xtask(root, &[&"--check"]).expect("checked above")
    })?;
    rows.push(Row::new(
        "codegen --check of all codegen.toml targets (whole process)",
        ms(all.wall),
        "reported",
    ));
    for (what, input) in [("protos", "proto"), ("OpenAPI", "openapi.yaml")] {
        let label = format!("import from the upstream {what} + codegen (warm, whole process)");
        let Some(shared) = shared else {
            rows.push(Row::skipped(
                label,
                "<= 60 ms",
                "../shared/tesseral/latest is absent",
            ));
            continue;
        };
        let from = shared.join(input);
        let out = opts
            .scratch
            .join(format!("import-{}", input.replace('.', "-")));
        let runtime = root.join("runtime");
        let import = || {
            xtask(
                root,
                &[
                    &"--from",
                    &from,
                    &"--out",
                    &out,
                    &"--runtime-path",
                    &runtime,
                ],
            )
        };
        measure::run(&mut import()?)?; // the first run writes the crate
        let r = measure::median_of(opts.runs, || import().expect("checked above"))?;
        rows.push(
            Row::new(label, ms(r.wall), "<= 60 ms").pass_if(r.wall <= Duration::from_millis(60)),
        );
        rows.push(Row::new(
            format!("peak memory of that import + codegen ({what})"),
            mib(r.max_rss_kib),
            "reported",
        ));
    }
    Ok(rows)
}

fn growth_rows(root: &Path, opts: &Options) -> Result<Vec<Row>, String> {
    let schema = Schema::read(&root.join("schema")).map_err(|e| e.to_string())?;
    let mut rows = Vec::new();
    let mut base: Option<Run> = None;
    for factor in [1usize, 10, 100] {
        let dir = opts.scratch.join(format!("growth-{factor}x"));
        let schema_dir = dir.join("schema");
        let api = synth::replicate(&schema.api, factor);
        let (ops, types) = (api.operations.len(), api.types.len());
        Schema {
            api,
            source: schema.source.clone(),
        }
        .write(&schema_dir)
        .map_err(|e| e.to_string())?;
        let runtime = root.join("runtime");
        let gen_ = |check: bool| {
            let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![
                &"--out",
                &dir,
                &"--schema",
                &schema_dir,
                &"--runtime-path",
                &runtime,
            ];
            if check {
                args.push(&"--check");
            }
            xtask(root, &args)
        };
        eprintln!("bench: growth {factor}x ({ops} operations, {types} types)");
        measure::run(&mut gen_(false)?)?; // writes the crate once
        let runs = (opts.runs / factor.min(10)).max(3);
        let r = measure::median_of(runs, || gen_(true).expect("checked above"))?;
        let what = format!("codegen of a synthetic {factor}x API ({ops} ops, {types} types)");
        let row = match base {
            None => {
                base = Some(r);
                Row::new(what, ms(r.wall), "baseline")
            }
            Some(b) => {
                let ratio = r.wall.as_secs_f64() / b.wall.as_secs_f64();
                // "~linear": within 20% of the size factor.
                let mut ok = ratio <= factor as f64 * 1.2;
                let mut target = format!("<= ~{factor}x the 1x time");
                if factor == 100 {
                    ok &= r.wall <= Duration::from_secs(3);
                    target.push_str(", <= 3 s");
                }
                Row::new(what, ms(r.wall), target)
                    .peer(format!("1x: {}", ms(b.wall)), ratio)
                    .pass_if(ok)
            }
        };
        rows.push(row);
        rows.push(Row::new(
            format!("peak memory of the {factor}x codegen"),
            mib(r.max_rss_kib),
            "reported",
        ));
    }
    Ok(rows)
}

fn compile_rows(root: &Path, shared: Option<&Path>, opts: &Options) -> Result<Vec<Row>, String> {
    let openapi = shared.map(|s| s.join("openapi.yaml"));
    let c = compile::run(
        root,
        &opts.scratch,
        openapi.as_deref(),
        opts.compile_runs,
        opts.install_peers,
    )?;
    let secs = |d: Duration| format!("{:.2} s", d.as_secs_f64());
    let rows = match &c.peer {
        Ok(p) => vec![
            Row::new(
                "clean debug build of the SDK crate (deps prebuilt)",
                secs(c.ours.build),
                "<= progenitor",
            )
            .peer(
                format!("progenitor: {}", secs(p.build)),
                c.ours.build.as_secs_f64() / p.build.as_secs_f64(),
            )
            .pass_if(c.ours.build <= p.build),
            Row::new(
                "cargo check of the SDK crate (deps prebuilt)",
                secs(c.ours.check),
                "<= progenitor",
            )
            .peer(
                format!("progenitor: {}", secs(p.check)),
                c.ours.check.as_secs_f64() / p.check.as_secs_f64(),
            )
            .pass_if(c.ours.check <= p.check),
            Row::new(
                "lines of Rust emitted",
                c.ours.lines.to_string(),
                "reported",
            )
            .peer(
                format!("progenitor: {}", p.lines),
                c.ours.lines as f64 / p.lines as f64,
            ),
            Row::new(
                "types emitted (pub struct/enum)",
                c.ours.types.to_string(),
                "reported",
            )
            .peer(
                format!("progenitor: {}", p.types),
                c.ours.types as f64 / p.types as f64,
            ),
        ],
        Err(why) => vec![
            Row::new(
                "clean debug build of the SDK crate (deps prebuilt)",
                secs(c.ours.build),
                "<= progenitor",
            ),
            Row::new(
                "cargo check of the SDK crate (deps prebuilt)",
                secs(c.ours.check),
                "<= progenitor",
            ),
            Row::new(
                "lines of Rust emitted",
                c.ours.lines.to_string(),
                "reported",
            ),
            Row::new(
                "types emitted (pub struct/enum)",
                c.ours.types.to_string(),
                "reported",
            ),
            Row::skipped("progenitor's output for the same API", "peer", why.clone()),
        ],
    };
    Ok(rows)
}

/// Runs the criterion benches of the SDK, the runtime and the generator
/// and reads their medians back.
fn criterion_rows(root: &Path, opts: &Options) -> Result<Vec<Row>, String> {
    let home = opts.scratch.join("criterion");
    let _ = std::fs::remove_dir_all(&home);
    eprintln!("bench: criterion benches (cargo bench, release build)");
    measure::show(
        cargo()
            .current_dir(root)
            .env("CRITERION_HOME", &home)
            .args([
                "bench",
                "-p",
                "tesseral-sdk",
                "-p",
                "rest-sdk-runtime",
                "-p",
                "tesseral-codegen",
                "--benches",
            ]),
    )?;
    let median = |id: &str| median_ns(&home.join(id));
    let mut rows = Vec::new();
    let fmt = |ns: f64| {
        if ns >= 1e6 {
            format!("{:.2} ms", ns / 1e6)
        } else {
            format!("{:.1} µs", ns / 1e3)
        }
    };
    let (sdk, plain) = (
        median("decode_10k_users/sdk")?,
        median("decode_10k_users/plain_serde")?,
    );
    rows.push(
        Row::new(
            "decode a list of 10,000 Users",
            fmt(sdk),
            "<= 1.2x plain serde",
        )
        .peer(format!("serde_json derive: {}", fmt(plain)), sdk / plain)
        .pass_if(sdk / plain <= 1.2),
    );
    let (sdk, plain) = (
        median("get_user_loopback/sdk")?,
        median("get_user_loopback/reqwest_serde_json")?,
    );
    rows.push(
        Row::new(
            "client time per request (loopback GetUser)",
            fmt(sdk),
            "<= 1.05x reqwest",
        )
        .peer(format!("reqwest + serde_json: {}", fmt(plain)), sdk / plain)
        .pass_if(sdk / plain <= 1.05),
    );
    // The other benches, as they are.
    let mut others = Vec::new();
    find_estimates(&home, &home, &mut others)?;
    others.sort();
    for id in others {
        if id.starts_with("decode_10k_users/") || id.starts_with("get_user_loopback/") {
            continue;
        }
        rows.push(Row::new(
            format!("criterion: {id}"),
            fmt(median(&id)?),
            "reported",
        ));
    }
    Ok(rows)
}

/// The median (ns) in a criterion benchmark's `new/estimates.json`.
fn median_ns(dir: &Path) -> Result<f64, String> {
    let path = dir.join("new/estimates.json");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let v: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    v["median"]["point_estimate"]
        .as_f64()
        .ok_or_else(|| format!("{}: no median.point_estimate", path.display()))
}

/// Benchmark ids (paths under `home`) holding a `new/estimates.json`.
fn find_estimates(home: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if !path.is_dir() || path.file_name().is_some_and(|n| n == "report") {
            continue;
        }
        if path.file_name().is_some_and(|n| n == "new") && path.join("estimates.json").is_file() {
            if let Ok(id) = dir.strip_prefix(home) {
                out.push(id.display().to_string());
            }
            continue;
        }
        find_estimates(home, &path, out)?;
    }
    Ok(())
}

/// `/proc/loadavg`'s first three figures.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("model name"))
                .map(|v| v.trim_start_matches([' ', '\t', ':']).to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!(
        "machine: {cpu}, {cores} cores ({} {})",
        std::env::consts::OS,
        std::env::consts::ARCH
    )
}

/// The rows as a Markdown table.
fn table(rows: &[Row]) -> String {
    let mut out = String::from(
        "| what | figure | target | peer figure | ratio | result |\n|---|---|---|---|---|---|\n",
    );
    for r in rows {
        let verdict = match &r.verdict {
            Verdict::Pass => "pass".to_string(),
            Verdict::Miss => "MISS".to_string(),
            Verdict::Reported => "reported".to_string(),
            Verdict::Skipped(why) => format!("skipped: {why}"),
        };
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            r.what, r.figure, r.target, r.peer, r.ratio, verdict
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn options_parse_and_refuse() {
        let o = Options::parse(&args("--runs 5 --only codegen,growth --install-peers")).unwrap();
        assert_eq!(o.runs, 5);
        assert!(o.wants("growth") && !o.wants("compile") && o.install_peers);
        assert!(
            Options::parse(&args("--only codegen,speed"))
                .unwrap_err()
                .contains("speed")
        );
        assert!(Options::parse(&args("--runs 0")).is_err());
        assert!(
            Options::parse(&args("--runs"))
                .unwrap_err()
                .contains("needs a value")
        );
        assert!(Options::parse(&args("--fast")).is_err());
    }

    #[test]
    fn the_table_shows_every_verdict() {
        let rows = vec![
            Row::new("a", "1 ms", "<= 2 ms").pass_if(true),
            Row::new("b", "3 ms", "<= 2 ms")
                .peer("peer: 1 ms", 3.0)
                .pass_if(false),
            Row::skipped("c", "t", "absent"),
        ];
        let t = table(&rows);
        assert!(t.contains("| a | 1 ms | <= 2 ms |  |  | pass |"), "{t}");
        assert!(
            t.contains("| b | 3 ms | <= 2 ms | peer: 1 ms | 3.00x | MISS |"),
            "{t}"
        );
        assert!(t.contains("skipped: absent"), "{t}");
    }

    #[test]
    fn a_child_is_timed_and_its_memory_read() {
        let r = measure::run(&mut Command::new("true")).unwrap();
        assert!(r.max_rss_kib > 0);
        assert!(measure::run(&mut Command::new("false")).is_err());
    }
}
