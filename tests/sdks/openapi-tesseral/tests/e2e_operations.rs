//! Every operation of the SDK generated from the OpenAPI file alone
//! (`tesseral_openapi`), end to end against a local mock server, with the
//! cases shared with the protos' SDK (`tests/e2e/`); and how error answers
//! reach the caller.
//!
//! This crate cannot read `schema/` (it has no YAML parser), so here the
//! responses are sent in canonical form only, written back modulo the
//! presence the OpenAPI file loses. `tesseral-tests`' `e2e_openapi` runs the
//! same cases on this SDK with the real server's form as well, and checks
//! the operations against `schema/api.yaml`.

use tesseral_openapi as sdk;

// Each root uses part of the shared body.
#[path = "../../../e2e/mod.rs"]
#[allow(dead_code)]
mod e2e;

use sdk::OpenEnum;

/// The operations of the Tesseral Backend API (checked against
/// `schema/api.yaml` in `tesseral-tests`).
const OPERATIONS: usize = 63;

#[tokio::test]
async fn every_operation_end_to_end() {
    let profile = e2e::Profile {
        shapes: None,
        presence: e2e::Presence::Lost,
        // The OpenAPI file lists no enum values: the field is an optional
        // open enum, and its value is known only by the name received.
        session_factor: |session| {
            session
                .primary_auth_factor
                .as_ref()
                .and_then(|factor| factor.name())
                .map(str::to_owned)
        },
    };
    let exercised = e2e::run_all(profile).await;
    assert_eq!(exercised.len(), OPERATIONS, "{exercised:?}");
}

#[tokio::test]
async fn not_found_status_is_an_api_error() {
    e2e::errors::not_found_status_is_an_api_error().await;
}

#[tokio::test]
async fn bad_gateway_html_is_an_api_error_with_a_snippet() {
    e2e::errors::bad_gateway_html_is_an_api_error_with_a_snippet().await;
}

#[tokio::test]
async fn empty_bodies_are_api_errors() {
    e2e::errors::empty_bodies_are_api_errors().await;
}

#[tokio::test]
async fn invalid_json_is_a_decode_error() {
    e2e::errors::invalid_json_is_a_decode_error().await;
}
