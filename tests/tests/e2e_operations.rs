//! Every operation of the SDK generated from the protos (`tesseral`), end to
//! end against a local mock server: the request sent, the canonical and the
//! real server's form of the response, a 404 answer; and how error answers
//! reach the caller. The cases are shared with the OpenAPI SDK (`../e2e/`).

use serde_json::json;
use tesseral as sdk;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

// Each root uses part of the shared body.
#[path = "../e2e/mod.rs"]
#[allow(dead_code)]
mod e2e;
#[path = "../e2e/from_ir.rs"]
mod from_ir;

use sdk::OpenEnum;
use sdk::model::{GetSessionRequest, Organization, UpdateOrganizationRequest};

#[tokio::test]
async fn every_operation_end_to_end() {
    let api = from_ir::read_api();
    let profile = e2e::Profile {
        shapes: Some(from_ir::shapes(&api).unwrap_or_else(|e| panic!("schema/api.yaml: {e}"))),
        presence: e2e::Presence::Kept,
        session_factor: |session| session.primary_auth_factor.name().map(str::to_owned),
    };
    let exercised = e2e::run_all(profile).await;
    assert_eq!(
        exercised,
        from_ir::operations(&api),
        "the operations exercised must be exactly those of schema/api.yaml"
    );
}

/// `optional` gives presence: an update sends a field set to `false`, and
/// none of the fields left unset. (The OpenAPI file loses `optional`, so
/// only this SDK can say it.)
#[tokio::test]
async fn update_sends_false_for_an_optional_field() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
        .mount(&server)
        .await;
    let client = sdk::ClientBuilder::for_testing(&server.uri())
        .build()
        .unwrap();
    client
        .update_organization(
            UpdateOrganizationRequest::new()
                .with_id("org_0t2ms2s6nw3mlhmfbcd5ojp42")
                .with_organization(
                    Organization::new()
                        .with_log_in_with_google(false)
                        .with_require_mfa(true),
                ),
        )
        .await
        .unwrap();
    let received = server.received_requests().await.unwrap();
    let [request] = received.as_slice() else {
        panic!("expected one request, got {}", received.len());
    };
    assert_eq!(request.method.as_str(), "PATCH");
    assert_eq!(
        request.url.path(),
        "/v1/organizations/org_0t2ms2s6nw3mlhmfbcd5ojp42"
    );
    let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(body, json!({"logInWithGoogle": false, "requireMfa": true}));
}

/// The server writes an unset enum as its zero value's name: that decodes as
/// the default, like the canonical form that leaves it out. (The OpenAPI
/// file lists no enum values, so its SDK cannot know that name.)
#[tokio::test]
async fn zero_enum_name_from_the_server_is_the_default() {
    let server = MockServer::start().await;
    let body = json!({"session": {
        "id": "session_0",
        "userId": "user_0",
        "revoked": false,
        "createTime": "2025-07-01T12:00:00Z",
        "lastActiveTime": null,
        "expireTime": null,
        "primaryAuthFactor": "PRIMARY_AUTH_FACTOR_UNSPECIFIED"
    }});
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string(body.to_string()))
        .mount(&server)
        .await;
    let client = sdk::ClientBuilder::for_testing(&server.uri())
        .build()
        .unwrap();
    let response = client
        .get_session(GetSessionRequest::new().with_id("session_0"))
        .await
        .unwrap();
    let session = response.session.as_ref().unwrap();
    assert_eq!(
        session.primary_auth_factor.name(),
        Some("PRIMARY_AUTH_FACTOR_UNSPECIFIED")
    );
    assert_eq!(session.primary_auth_factor.number(), Some(0));
    assert_eq!(
        serde_json::to_value(&response).unwrap(),
        json!({"session": {
            "id": "session_0",
            "userId": "user_0",
            "createTime": "2025-07-01T12:00:00Z"
        }})
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
