//! `cargo xtask ...`: the maintainers' entry point (see `xtask::USAGE`).

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    xtask::cli(&args)
}
