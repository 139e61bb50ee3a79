//! The runtime's tests, in one binary: the JSON
//! layer (`json_*`) and the HTTP runtime (`runtime_*`), each against small
//! hand-written types in exactly the shape generated code has.
//! (`runtime_env.rs` is its own binary: it changes environment variables.)

use rest_sdk_runtime as rt;

#[path = "../json_common/mod.rs"]
mod json_common;
#[path = "../runtime_support/mod.rs"]
mod runtime_support;

mod json_enums;
mod json_fuzz;
mod json_messages;
mod json_scalars;
mod json_wkt;
mod runtime_blocking;
mod runtime_client;
mod runtime_config;
mod runtime_faults;
mod runtime_pagination;
mod runtime_request;
mod runtime_retry;
