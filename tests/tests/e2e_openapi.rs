//! The shared end-to-end cases (`../e2e/`) on the SDK generated from the
//! OpenAPI file alone (`tesseral_openapi`), with what its own crate cannot
//! do: the real server's form of every response, derived from the protos'
//! description, and the operations checked against `schema/api.yaml`.
//!
//! The OpenAPI file loses `optional`, so this SDK writes an `optional`
//! field that holds its default back as absent; the expected JSON is
//! adjusted for exactly those fields. The crate itself has no tests: these
//! are its only run of the shared cases.

use tesseral_openapi as sdk;

// Each root uses part of the shared body.
#[path = "../e2e/mod.rs"]
#[allow(dead_code)]
mod e2e;
#[path = "../e2e/from_ir.rs"]
mod from_ir;

use sdk::OpenEnum;

#[tokio::test]
async fn every_operation_end_to_end() {
    let api = from_ir::read_api();
    let profile = e2e::Profile {
        shapes: Some(from_ir::shapes(&api).unwrap_or_else(|e| panic!("schema/api.yaml: {e}"))),
        presence: e2e::Presence::Lost,
        session_factor: |session| {
            session
                .primary_auth_factor
                .as_ref()
                .and_then(|factor| factor.name())
                .map(str::to_owned)
        },
    };
    let exercised = e2e::run_all(profile).await;
    assert_eq!(
        exercised,
        from_ir::operations(&api),
        "the operations exercised must be exactly those of schema/api.yaml"
    );
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
