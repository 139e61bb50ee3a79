//! Retries: which failures are retried for which methods, `Retry-After`,
//! limits, and the attempt counts errors report.

use crate::{rt, support};

use std::time::{Duration, Instant};

use support::*;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use rt::ErrorKind;

async fn requests(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

/// Mounts `first` for the first `n` requests and 200 with `body` after.
async fn fail_then_ok(server: &MockServer, first: ResponseTemplate, n: u64, body: &str) {
    Mock::given(wiremock::matchers::any())
        .respond_with(first)
        .up_to_n_times(n)
        .with_priority(1)
        .mount(server)
        .await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_string(body))
        .with_priority(2)
        .mount(server)
        .await;
}

fn create() -> CreateOrganizationRequest {
    CreateOrganizationRequest::new()
        .with_organization(Organization::new().with_display_name("Acme"))
}

#[tokio::test]
async fn retry_after_one_second_is_honoured() {
    let server = MockServer::start().await;
    let limited = ResponseTemplate::new(429)
        .insert_header("Retry-After", "1")
        .set_body_string(r#"{"code":8,"message":"resource_exhausted","details":[]}"#);
    fail_then_ok(&server, limited, 1, &org_json("org_1")).await;
    // The backoff is 1-5 ms, so only Retry-After can make the client wait a second.
    let client = client(&server.uri());
    let started = Instant::now();
    let response = client.get_organization(get("org_1")).await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(response.organization.unwrap().id, "org_1");
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test]
async fn unavailable_twice_then_ok() {
    let server = MockServer::start().await;
    fail_then_ok(&server, ResponseTemplate::new(503), 2, &org_json("org_2")).await;
    let response = client(&server.uri())
        .get_organization(get("org_2"))
        .await
        .unwrap();
    assert_eq!(response.organization.unwrap().display_name, "Org org_2");
    assert_eq!(requests(&server).await, 3);
}

#[tokio::test]
async fn unavailable_forever_gives_up_after_the_limit() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(503)
                .set_body_string(r#"{"code":14,"message":"unavailable","details":[]}"#),
        )
        .mount(&server)
        .await;
    let error = client(&server.uri())
        .get_organization(get("org_1"))
        .await
        .unwrap_err();
    assert_eq!(requests(&server).await, 3);
    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(error.status(), Some(503));
    assert_eq!(error.code(), Some(rt::Code::Unavailable));
    assert_eq!(error.attempts(), 3);
    assert_eq!(error.operation(), Some("GetOrganization"));
    let text = error.to_string();
    assert!(
        text.contains("after 3 attempts") && text.contains("503"),
        "{text}"
    );
}

#[tokio::test]
async fn connection_refused_is_a_transport_error_retried_for_every_method() {
    let base = refused_addr();
    let client = client(&base);
    let error = client.get_organization(get("org_1")).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Transport);
    assert_eq!(error.attempts(), 3);
    assert!(
        error
            .to_string()
            .contains("transport error after 3 attempts"),
        "{error}"
    );
    assert!(!error.to_string().contains(KEY));

    // A POST whose connection was never made cannot have taken effect: retried too.
    let error = client.create_organization(create()).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Transport);
    assert_eq!(error.attempts(), 3);
}

#[tokio::test]
async fn post_that_got_a_server_error_is_not_retried() {
    for status in [500, 502, 504, 408] {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(status))
            .mount(&server)
            .await;
        let error = client(&server.uri())
            .create_organization(create())
            .await
            .unwrap_err();
        assert_eq!(requests(&server).await, 1, "status {status}");
        assert_eq!(error.status(), Some(status));
        assert_eq!(error.attempts(), 1);
    }
}

#[tokio::test]
async fn idempotent_requests_are_retried_on_server_errors() {
    for status in [500, 502, 504, 408] {
        let server = MockServer::start().await;
        fail_then_ok(&server, ResponseTemplate::new(status), 1, "{}").await;
        client(&server.uri())
            .delete_organization(DeleteOrganizationRequest::new().with_id("org_1"))
            .await
            .unwrap();
        assert_eq!(requests(&server).await, 2, "status {status}");
    }
}

#[tokio::test]
async fn post_is_retried_after_429_and_503() {
    for status in [429, 503] {
        let server = MockServer::start().await;
        fail_then_ok(
            &server,
            ResponseTemplate::new(status),
            1,
            r#"{"id":"org_3"}"#,
        )
        .await;
        let organization = client(&server.uri())
            .create_organization(create())
            .await
            .unwrap();
        assert_eq!(organization.id, "org_3");
        assert_eq!(requests(&server).await, 2, "status {status}");
    }
}

#[tokio::test]
async fn other_client_errors_are_not_retried() {
    for status in [400, 401, 403, 404, 409] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(status))
            .mount(&server)
            .await;
        let error = client(&server.uri())
            .get_organization(get("org_1"))
            .await
            .unwrap_err();
        assert_eq!(requests(&server).await, 1);
        assert_eq!(error.status(), Some(status));
    }
}

#[tokio::test]
async fn max_retries_zero_disables_retries_per_client_and_per_request() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let no_retries = builder(&server.uri()).max_retries(0).build().unwrap();
    let error = no_retries.get_organization(get("a")).await.unwrap_err();
    assert_eq!((requests(&server).await, error.attempts()), (1, 1));

    let retrying = client(&server.uri());
    let error = retrying
        .get_organization(get("a"))
        .max_retries(0)
        .await
        .unwrap_err();
    assert_eq!((requests(&server).await, error.attempts()), (2, 1));

    // And the other way: more retries for one request.
    let error = no_retries
        .get_organization(get("a"))
        .max_retries(4)
        .await
        .unwrap_err();
    assert_eq!((requests(&server).await, error.attempts()), (7, 5));
}

#[tokio::test]
async fn retry_after_beyond_the_cap_ends_the_retries() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "120"))
        .mount(&server)
        .await;
    let error = client(&server.uri())
        .get_organization(get("a"))
        .await
        .unwrap_err();
    assert_eq!(requests(&server).await, 1);
    assert_eq!(error.retry_after(), Some(Duration::from_secs(120)));
    assert_eq!(error.status(), Some(429));
}

#[tokio::test]
async fn the_total_timeout_stops_retries_that_would_wait_past_it() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).insert_header("Retry-After", "2"))
        .mount(&server)
        .await;
    let error = client(&server.uri())
        .get_organization(get("a"))
        .total_timeout(ms(500))
        .await
        .unwrap_err();
    assert_eq!(requests(&server).await, 1);
    assert_eq!(error.status(), Some(503));
}

#[tokio::test]
async fn extreme_settings_do_not_panic() {
    let server = MockServer::start().await;
    fail_then_ok(&server, ResponseTemplate::new(503), 1, &org_json("o")).await;
    let client = builder(&server.uri())
        .timeout(Duration::MAX)
        .total_timeout(Duration::MAX)
        .max_retry_after(Duration::MAX)
        .max_retries(u32::MAX)
        .build()
        .unwrap();
    client.get_organization(get("o")).await.unwrap();
    assert_eq!(requests(&server).await, 2);
}
