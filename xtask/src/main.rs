//! `cargo xtask codegen`: import an upstream description into `schema/` and
//! regenerate the checked-in SDK from it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

mod codegen;

const USAGE: &str = "\
usage: cargo xtask codegen [--check] [--from PATH [--from PATH [--strict]]]
                           [--upstream-commit SHA] [--schema DIR] [--out DIR]

  (no flags)       regenerate generated-sdk/ from schema/ (offline)
  --from PATH      first import PATH into schema/: a proto root directory
                   (e.g. ../shared/tesseral/latest/proto) or an OpenAPI file
  --from PROTOS --from OPENAPI
                   (either order) import the protos and cross-check the
                   OpenAPI file against them, printing every difference
  --strict         with two --from: differences (not lossy notes) fail
  --upstream-commit SHA
                   record the upstream commit of --from in schema/source.yaml
  --check          write nothing; exit 1 listing every file that would change
  --schema DIR     the description directory (default: schema/)
  --out DIR        the SDK crate to write into (default: generated-sdk/)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("codegen") => match codegen::Options::parse(&args[1..]) {
            Ok(opts) => codegen::run(&opts),
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
fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// Time since `start`, for the summary.
fn elapsed_ms(start: Instant) -> String {
    format!("{:.1} ms", start.elapsed().as_secs_f64() * 1000.0)
}
