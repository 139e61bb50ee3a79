//! The `tesseral` binary, run as a script would run it, against a local mock
//! server: every operation (the request as the server receives it, the
//! output, the exit code), bad input (nothing sent), output formats and
//! listings, connection settings, `--dry-run`, help, completions, the man
//! page, and the README's recipes. One test binary.

#[path = "../../../tests/e2e/entities.rs"]
#[allow(dead_code, reason = "shared with the SDK's end-to-end tests")]
mod entities;

#[path = "../../../tests/e2e/received.rs"]
mod received;

mod connection;
mod docs;
mod harness;
mod input;
mod operations;
mod output;
mod recipes;
