//! `tesseral`: every operation of the Tesseral Backend API from the command
//! line (`tesseral --help`).
//!
//! The commands are generated from the API's description into
//! `src/generated/` (`cargo xtask codegen`); the runtime crate
//! `rest-cli-runtime` turns them into the command tree, reads requests from
//! flags and `--body`, calls the API with the `tesseral` SDK and writes the
//! responses.

// Formatted by the generator (prettyplease), not rustfmt: generation must give
// the same bytes whatever rustfmt version is installed.
#[rustfmt::skip]
mod generated;

fn main() -> std::process::ExitCode {
    rest_cli_runtime::main(&generated::APP)
}
