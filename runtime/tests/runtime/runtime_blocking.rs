//! Synchronous calls (feature `blocking`): `cargo test -p rest-sdk-runtime --all-features`.
#![cfg(feature = "blocking")]

use crate::{rt, support};

use support::*;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use rt::ErrorKind;

/// A mock server running on a runtime of its own, so the test thread has none.
fn server(setup: impl FnOnce(&MockServer) -> Vec<Mock>) -> (tokio::runtime::Runtime, MockServer) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(async {
        let server = MockServer::start().await;
        for mock in setup(&server) {
            mock.mount(&server).await;
        }
        server
    });
    (runtime, server)
}

fn pages(request: &Request) -> ResponseTemplate {
    let token = request
        .url
        .query_pairs()
        .find(|(k, _)| k == "pageToken")
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default();
    let page: usize = token.parse().unwrap_or(0);
    let users: Vec<serde_json::Value> = (page * 10..((page + 1) * 10).min(25))
        .map(|i| serde_json::json!({"id": format!("user_{i}")}))
        .collect();
    let next = if (page + 1) * 10 < 25 {
        (page + 1).to_string()
    } else {
        String::new()
    };
    ResponseTemplate::new(200)
        .set_body_json(serde_json::json!({"users": users, "nextPageToken": next}))
}

#[test]
fn send_blocking_works_without_a_runtime() {
    let (_runtime, server) = server(|_| {
        vec![
            Mock::given(wiremock::matchers::path("/v1/organizations/o"))
                .respond_with(ResponseTemplate::new(200).set_body_string(org_json("o"))),
            Mock::given(wiremock::matchers::path("/v1/organizations/missing")).respond_with(
                ResponseTemplate::new(404)
                    .set_body_string(r#"{"code":5,"message":"not_found","details":[]}"#),
            ),
        ]
    });
    let client = client(&server.uri());
    let response = client.get_organization(get("o")).send_blocking().unwrap();
    assert_eq!(response.organization.unwrap().id, "o");
    let error = client
        .get_organization(get("missing"))
        .send_blocking()
        .unwrap_err();
    assert!(error.is_not_found());
    // Many calls reuse the SDK's one runtime and the client's connections.
    for _ in 0..5 {
        client.get_organization(get("o")).send_blocking().unwrap();
    }
    let (response, metadata) = client
        .get_organization(get("o"))
        .send_blocking_with_metadata()
        .unwrap();
    assert_eq!(response.organization.unwrap().id, "o");
    assert_eq!((metadata.status(), metadata.attempts()), (200, 1));
    let error = client
        .get_organization(get("missing"))
        .send_blocking_with_metadata()
        .unwrap_err();
    assert!(error.is_not_found());
}

#[test]
fn items_and_pages_blocking_iterate_every_page() {
    let (_runtime, server) =
        server(|_| vec![Mock::given(wiremock::matchers::path("/v1/users")).respond_with(pages)]);
    let client = client(&server.uri());
    let ids: Vec<String> = client
        .list_users(ListUsersRequest::default())
        .items_blocking()
        .map(|user| user.unwrap().id)
        .collect();
    let expected: Vec<String> = (0..25).map(|i| format!("user_{i}")).collect();
    assert_eq!(ids, expected);
    let sizes: Vec<usize> = client
        .list_users(ListUsersRequest::default())
        .pages_blocking()
        .map(|page| page.unwrap().users.len())
        .collect();
    assert_eq!(sizes, [10, 10, 5]);
}

#[test]
fn blocking_inside_a_runtime_is_an_error_not_a_panic() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let client = client("http://127.0.0.1:9");
    runtime.block_on(async {
        let error = client
            .get_organization(get("o"))
            .send_blocking()
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Config);
        assert_eq!(error.operation(), Some("GetOrganization"));
        assert!(
            error.to_string().contains("inside an async runtime"),
            "{error}"
        );

        let mut items = client
            .list_users(ListUsersRequest::default())
            .items_blocking();
        assert_eq!(items.next().unwrap().unwrap_err().kind(), ErrorKind::Config);
        assert!(items.next().is_none());
    });
}

#[test]
fn blocking_errors_end_the_iterator() {
    let (_runtime, server) = server(|_| {
        vec![Mock::given(wiremock::matchers::any()).respond_with(ResponseTemplate::new(500))]
    });
    let client = builder(&server.uri()).max_retries(0).build().unwrap();
    let results: Vec<_> = client
        .list_users(ListUsersRequest::default())
        .items_blocking()
        .collect();
    assert_eq!(results.len(), 1);
    assert_eq!(results[0].as_ref().unwrap_err().status(), Some(500));
}
