//! Maintainer tasks. `cargo xtask codegen` imports an upstream description
//! into `schema/` and regenerates every crate listed in `codegen.toml` (the
//! SDK and the test crates) from the descriptions they name.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

pub mod bench;
pub mod codegen;
pub mod diff;
pub mod history;
mod import;
pub mod msrv;
mod paths;
pub mod release;
mod scaffold;
mod sync;
mod targets;

pub use targets::acronyms;

pub const USAGE: &str = "\
usage: cargo xtask codegen [--check] [--from PATH [--from PATH [--strict]]]
                           [--upstream-commit SHA] [--date YYYY-MM-DD] [--include DIR]...
                           [--skip-unsupported]
                           [--out DIR [--schema DIR] [--runtime-path DIR]]
       cargo xtask diff OLD NEW [--json] [--version X.Y.Z]
       cargo xtask bench [--runs N] [--only PARTS] [--install-peers] ...
       cargo xtask history [--versions NN,NN,...|--sample] [--history DIR]
                           [--work DIR] [--target-dir DIR] [--no-compile]
                           [--semver-checks]
       cargo xtask msrv

  (no flags)       regenerate every crate in codegen.toml (the SDK in
                   generated-sdk/ from schema/, and the test crates); offline
  --check          write nothing; exit 1 listing every file that would change
  --from PATH      first import PATH into schema/, then regenerate the SDK:
                   a proto root directory (../shared/tesseral/latest/proto)
                   or an OpenAPI 3.0/3.1 file (.yaml, .yml, .json)
  --from PROTOS --from OPENAPI
                   (either order) import the protos and cross-check the
                   OpenAPI file against them, printing every difference
  --strict         with two --from: differences (not lossy notes) fail
  --include DIR    (repeatable) with --from PROTOS: also look up imports in
                   DIR (the API's dependencies: their services are not part
                   of the API); google/api and google/rpc files commonly
                   imported are built in
  --skip-unsupported
                   with --from OPENAPI: leave out each operation the SDK
                   cannot call (a warning each, listed in the crate's docs)
                   instead of failing the import
  --upstream-commit SHA
                   record the upstream commit of --from in schema/source.yaml
  --out DIR        generate into the crate at DIR instead: src/generated/,
                   and its Cargo.toml, src/lib.rs and README.md (a crate of
                   its own outside this workspace, named after DIR; settings
                   of a codegen.toml target with that `out` apply)
  --schema DIR     with --out: the description directory (default DIR/schema)
  --date DATE      the date of the CHANGELOG entry (default: the date in a
                   history path NN-YYYY-MM-DD-COMMIT, else today)
  --runtime-path DIR
                   with --out outside the workspace: depend on the runtime
                   crate at DIR (this checkout's runtime/) instead of on
                   its published version
  --help           print this and exit

  An import that changes the description prints what changed in the SDK's
  public Rust surface (breaking, additive, cosmetic); into the SDK it also
  writes a CHANGELOG.md entry and bumps the crate version (0.x: breaking ->
  minor, anything else -> patch; from 1.0: major, minor, patch).

diff: the same report between two descriptions, each a schema/ directory,
  a proto root or an OpenAPI file; writes nothing. --json for tools;
  --version: the old side's version (default: the SDK's), for the bump.

bench: runs every benchmark (whole-process codegen, growth, compile time
  against progenitor, the criterion benches) and prints one table; see
  `cargo xtask bench --help`.

history: imports every version of ../shared/tesseral/history in order into
  one scratch crate, compiles each (cargo check, one shared target dir),
  writes the report of each consecutive pair, and checks it: code using
  every item of the previous version must break exactly where the report
  says breaking. --sample: the versions CI replays; --no-compile: reports
  only; --semver-checks: also run cargo semver-checks on every pair
  (installed if missing).

msrv: every package the published crates (tesseral-sdk, rest-sdk-runtime)
  build, with every feature, declares a rust-version no newer than theirs,
  and their edition exists in it; lists the dependencies that declare none.
";

/// Runs the command line `args` (without the program name).
pub fn cli(args: &[String]) -> ExitCode {
    match args.first().map(String::as_str) {
        Some("codegen") => match codegen::Options::parse(&args[1..]) {
            Ok(opts) if opts.help => {
                print!("{USAGE}");
                ExitCode::SUCCESS
            }
            Ok(opts) => match codegen::run(&opts) {
                Ok(report) => report.exit_code(),
                Err(msg) => {
                    eprintln!("error: {msg}");
                    ExitCode::FAILURE
                }
            },
            Err(msg) => {
                eprintln!("error: {msg}\n\n{USAGE}");
                ExitCode::from(2)
            }
        },
        Some("diff") => match diff::Options::parse(&args[1..]) {
            Ok(opts) => match diff::run(&opts, &workspace_root()) {
                Ok(text) => {
                    print!("{text}");
                    ExitCode::SUCCESS
                }
                Err(msg) => {
                    eprintln!("error: {msg}");
                    ExitCode::FAILURE
                }
            },
            Err(msg) => {
                eprintln!("error: {msg}\n\n{USAGE}");
                ExitCode::from(2)
            }
        },
        Some("history") => match history::Options::parse(&args[1..]) {
            Ok(opts) => match history::run(&opts) {
                Ok(Some(outcome)) if !outcome.problems.is_empty() => {
                    for p in &outcome.problems {
                        eprintln!("error: {p}");
                    }
                    ExitCode::FAILURE
                }
                Ok(_) => ExitCode::SUCCESS,
                Err(msg) => {
                    eprintln!("error: {msg}");
                    ExitCode::FAILURE
                }
            },
            Err(msg) => {
                eprintln!("error: {msg}\n\n{USAGE}");
                ExitCode::from(2)
            }
        },
        Some("msrv") => match msrv::run() {
            Ok(report) => {
                println!(
                    "rust-version {}: {} packages checked, {} declare none{}",
                    report.ours,
                    report.checked,
                    report.undeclared.len(),
                    if report.undeclared.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", report.undeclared.join(", "))
                    }
                );
                for p in &report.problems {
                    eprintln!("error: {p}");
                }
                if report.problems.is_empty() {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::FAILURE
                }
            }
            Err(msg) => {
                eprintln!("error: {msg}");
                ExitCode::FAILURE
            }
        },
        Some("bench") => match bench::Options::parse(&args[1..]) {
            Ok(opts) if opts.help => {
                print!("{}", bench::USAGE);
                ExitCode::SUCCESS
            }
            Ok(opts) => match bench::run(&opts) {
                Ok(()) => ExitCode::SUCCESS,
                Err(msg) => {
                    eprintln!("error: {msg}");
                    ExitCode::FAILURE
                }
            },
            Err(msg) => {
                eprintln!("error: {msg}\n\n{}", bench::USAGE);
                ExitCode::from(2)
            }
        },
        Some("help" | "--help" | "-h") => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        other => {
            if let Some(cmd) = other {
                eprintln!("error: unknown command `{cmd}`\n");
            }
            eprint!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// The workspace root (the parent of this crate).
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// Time since `start`, for the summary.
fn elapsed_ms(start: Instant) -> String {
    format!("{:.1} ms", start.elapsed().as_secs_f64() * 1000.0)
}

/// `path` relative to the workspace root when it is inside it.
fn shown(path: &Path) -> String {
    let root = workspace_root();
    path.strip_prefix(&root)
        .unwrap_or(path)
        .display()
        .to_string()
}
