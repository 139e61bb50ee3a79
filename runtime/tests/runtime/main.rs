//! The runtime's tests, in one binary: the JSON layer (`json_*`) and the
//! HTTP runtime (`runtime_*`), against the types and client that
//! `cargo xtask codegen` generates for a test API (`support`).
//! (`runtime_env.rs` is its own binary: it changes environment variables.)

use rest_sdk_runtime as rt;

mod support;

mod json_enums;
mod json_fuzz;
mod json_messages;
mod json_scalars;
mod json_wkt;
mod runtime_blocking;
mod runtime_client;
mod runtime_config;
mod runtime_faults;
mod runtime_metadata;
mod runtime_pagination;
mod runtime_request;
mod runtime_retry;
mod runtime_stub;
