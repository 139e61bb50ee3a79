//! End-to-end tests of every operation of a generated Tesseral SDK, shared by
//! the SDK generated from the protos and the one generated from the OpenAPI
//! file.
//!
//! These are plain modules: each test crate root does `use <lib> as sdk;`,
//! mounts this directory with `#[path]`, and wraps the async functions here
//! in `#[tokio::test]`s. The code reaches the SDK only through
//! `crate::sdk::...` and uses only what both SDKs spell the same way: the
//! operations, request and response types and their `with_*` setters.
//! Responses are compared as JSON, enums through `OpenEnum`.

pub mod errors;
pub mod harness;
pub mod received;
pub mod server_form;

mod api_keys;
mod connections;
mod entities;
mod organizations;
mod roles;
mod users;

use std::collections::BTreeSet;

pub use harness::{Harness, Presence, Profile};

/// Calls every operation the shared cases know (each against a local mock
/// server, see [`Harness::check`]) and returns the names of the operations
/// exercised, as the SDK reports them.
pub async fn run_all(profile: Profile) -> BTreeSet<String> {
    let mut harness = Harness::start(profile).await;
    api_keys::run(&mut harness).await;
    connections::run(&mut harness).await;
    organizations::run(&mut harness).await;
    roles::run(&mut harness).await;
    users::run(&mut harness).await;
    harness.into_exercised()
}
