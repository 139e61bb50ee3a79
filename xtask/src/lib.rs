//! Maintainer tasks. `cargo xtask codegen` imports an upstream description
//! into `schema/` and regenerates every crate listed in `codegen.toml` (the
//! SDK and the test crates) from the descriptions they name.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

pub mod codegen;
mod import;
mod paths;
mod scaffold;
mod sync;
mod targets;

pub const USAGE: &str = "\
usage: cargo xtask codegen [--check] [--from PATH [--from PATH [--strict]]]
                           [--upstream-commit SHA] [--out DIR [--schema DIR]]

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
  --upstream-commit SHA
                   record the upstream commit of --from in schema/source.yaml
  --out DIR        generate into the crate at DIR instead (created, with a
                   Cargo.toml mounting the SDK runtime, if DIR has none)
  --schema DIR     with --out: the description directory (default DIR/schema)
";

/// Runs the command line `args` (without the program name).
pub fn cli(args: &[String]) -> ExitCode {
    match args.first().map(String::as_str) {
        Some("codegen") => match codegen::Options::parse(&args[1..]) {
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
