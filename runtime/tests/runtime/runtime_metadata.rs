//! Response metadata (`Call::with_metadata`) and the names errors carry.

use crate::{rt, support};

use support::*;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A server answering 503 `failures` times, then 200 with rate-limit and
/// request-id headers.
async fn server(failures: u64) -> MockServer {
    let server = MockServer::start().await;
    if failures > 0 {
        Mock::given(wiremock::matchers::any())
            .respond_with(ResponseTemplate::new(503))
            .up_to_n_times(failures)
            .with_priority(1)
            .mount(&server)
            .await;
    }
    Mock::given(wiremock::matchers::any())
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("X-Request-Id", "req_42")
                .insert_header("X-RateLimit-Remaining", "99")
                .append_header("Vary", "Accept")
                .append_header("Vary", "Origin")
                .set_body_string(org_json("org_1")),
        )
        .with_priority(2)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn with_metadata_gives_status_headers_and_attempts() {
    let server = server(0).await;
    let (response, metadata) = client(&server.uri())
        .get_organization(GetOrganizationRequest::new().with_id("org_1"))
        .with_metadata()
        .await
        .unwrap();
    assert_eq!(response.organization.unwrap().id, "org_1");
    assert_eq!(metadata.status(), 201);
    assert_eq!(metadata.attempts(), 1);
    // Header names are case-insensitive.
    assert_eq!(metadata.header("x-request-id"), Some("req_42"));
    assert_eq!(metadata.header("X-RATELIMIT-REMAINING"), Some("99"));
    assert_eq!(metadata.header("x-missing"), None);
    let vary: Vec<&str> = metadata
        .headers()
        .get_all("vary")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    assert_eq!(vary, ["Accept", "Origin"]);
}

#[tokio::test]
async fn with_metadata_counts_the_attempts_retries_took() {
    let server = server(2).await;
    let (_, metadata) = client(&server.uri())
        .get_organization(GetOrganizationRequest::new().with_id("org_1"))
        .with_metadata()
        .await
        .unwrap();
    assert_eq!(metadata.attempts(), 3);
    assert_eq!(metadata.status(), 201);
}

#[tokio::test]
async fn per_request_options_apply_before_with_metadata() {
    let server = server(1).await;
    let error = client(&server.uri())
        .get_organization(GetOrganizationRequest::new().with_id("org_1"))
        .max_retries(0)
        .with_metadata()
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(503));
    assert_eq!(error.attempts(), 1);
}

#[tokio::test]
async fn errors_name_the_operation_and_the_client_method() {
    let error = client(&refused_addr())
        .revoke_scim_api_key(RevokeScimApiKeyRequest::new().with_id("k_1"))
        .max_retries(0)
        .await
        .unwrap_err();
    assert_eq!(error.operation(), Some("RevokeSCIMAPIKey"));
    assert_eq!(error.client_method(), Some("revoke_scim_api_key"));
    // Also for errors raised before sending.
    let error = client("http://127.0.0.1:9")
        .get_organization(GetOrganizationRequest::new().with_id(""))
        .await
        .unwrap_err();
    assert_eq!(error.kind(), rt::ErrorKind::InvalidRequest);
    assert_eq!(error.operation(), Some("GetOrganization"));
    assert_eq!(error.client_method(), Some("get_organization"));
}
