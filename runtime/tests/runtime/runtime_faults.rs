//! Faulty servers: resets, truncated and undecodable bodies, proxy error
//! pages, empty bodies, hangs, and the API's own error bodies.

use crate::{rt, support};

use std::time::Duration;

use support::*;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use rt::{Code, ErrorKind};

/// Display is one line and never holds the key.
fn check_display(error: &rt::Error) -> String {
    let text = error.to_string();
    assert!(!text.contains('\n'), "{text}");
    assert!(!text.contains(KEY), "{text}");
    assert!(!format!("{error:?}").contains(KEY));
    text
}

#[tokio::test]
async fn reset_mid_body_is_a_transport_error_retried_only_when_idempotent() {
    let server = RawServer::start(|_| Reply::ResetMidBody).await;
    let client = client(&server.url);

    let error = client.get_organization(get("org_1")).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Transport, "{error}");
    assert_eq!(server.count(), 3);
    assert_eq!(error.attempts(), 3);
    check_display(&error);

    // The POST went out and the server may have acted on it: one attempt only.
    let error = client
        .create_organization(CreateOrganizationRequest::default())
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Transport);
    assert_eq!(server.count(), 4);
    assert_eq!(error.attempts(), 1);
}

#[tokio::test]
async fn truncated_json_is_a_decode_error_with_a_snippet() {
    let server = RawServer::start(|_| {
        http_response(
            200,
            "application/json",
            r#"{"organization":{"id":"org_1","displ"#,
        )
    })
    .await;
    let error = client(&server.url)
        .get_organization(get("org_1"))
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Decode);
    assert_eq!(error.status(), Some(200));
    assert_eq!(
        error.body_snippet(),
        Some(r#"{"organization":{"id":"org_1","displ"#)
    );
    assert!(std::error::Error::source(&error).is_some());
    let text = check_display(&error);
    assert!(
        text.starts_with("GetOrganization: could not decode the HTTP 200 response"),
        "{text}"
    );
    assert!(text.contains("EOF"), "{text}");
    // Decode errors are not retried: the server answered.
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn wrong_json_types_are_decode_errors() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"organization":[1,2]}"#))
        .mount(&server)
        .await;
    let error = client(&server.uri())
        .get_organization(get("a"))
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Decode);
    check_display(&error);
}

#[tokio::test]
async fn a_proxy_html_page_is_an_api_error_with_status_and_snippet() {
    let page = "<html>\n<head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center></body>\n</html>\n";
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(502)
                .insert_header("content-type", "text/html")
                .set_body_string(page),
        )
        .mount(&server)
        .await;
    let error = client(&server.uri())
        .create_organization(CreateOrganizationRequest::default())
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(error.status(), Some(502));
    assert_eq!(error.code(), None);
    assert_eq!(error.api_message(), None);
    let snippet = error.body_snippet().unwrap();
    assert!(
        snippet.starts_with("<html> <head><title>502 Bad Gateway"),
        "{snippet}"
    );
    let text = check_display(&error);
    assert!(
        text.contains("HTTP 502 Bad Gateway") && text.contains("<title>502"),
        "{text}"
    );
}

#[tokio::test]
async fn a_long_body_is_cut_in_the_snippet() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(500).set_body_string("é".repeat(5000)))
        .mount(&server)
        .await;
    let error = builder(&server.uri())
        .max_retries(0)
        .build()
        .unwrap()
        .get_organization(get("a"))
        .await
        .unwrap_err();
    let snippet = error.body_snippet().unwrap();
    assert_eq!(snippet.chars().count(), 201);
    assert!(snippet.ends_with('…'));
}

#[tokio::test]
async fn an_empty_504_is_an_api_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(504))
        .mount(&server)
        .await;
    let error = client(&server.uri())
        .get_organization(get("a"))
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(error.status(), Some(504));
    assert_eq!(error.body_snippet(), None);
    assert_eq!(error.attempts(), 3);
    let text = check_display(&error);
    assert!(
        text.contains("HTTP 504 Gateway Timeout") && text.contains("empty body"),
        "{text}"
    );
}

#[tokio::test]
async fn an_empty_2xx_body_decodes_as_an_empty_object() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let response = client(&server.uri())
        .get_organization(get("a"))
        .await
        .unwrap();
    assert_eq!(response, GetOrganizationResponse::default());
}

#[tokio::test]
async fn unknown_response_fields_are_ignored() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(
            r#"{"organization":{"id":"o","brandNew":{"x":[1]},"displayName":"D"},"extra":true}"#,
        ))
        .mount(&server)
        .await;
    let response = client(&server.uri())
        .get_organization(get("a"))
        .await
        .unwrap();
    let organization = response.organization.unwrap();
    assert_eq!(
        (organization.id.as_str(), organization.display_name.as_str()),
        ("o", "D")
    );
}

#[tokio::test]
async fn a_hanging_server_hits_the_timeout() {
    let server = RawServer::start(|_| Reply::Hang).await;
    let client = builder(&server.url).timeout(ms(300)).build().unwrap();

    let error = client.get_organization(get("a")).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Timeout);
    assert!(error.is_timeout());
    // Idempotent: every attempt timed out.
    assert_eq!(error.attempts(), 3);
    assert_eq!(server.count(), 3);
    let text = check_display(&error);
    assert!(
        text.contains("the attempt timed out after 300ms after 3 attempts"),
        "{text}"
    );

    // A POST that timed out may have taken effect: not retried.
    let error = client
        .create_organization(CreateOrganizationRequest::default())
        .await
        .unwrap_err();
    assert!(error.is_timeout());
    assert_eq!(error.attempts(), 1);
    assert_eq!(server.count(), 4);
}

#[tokio::test]
async fn the_per_request_timeout_overrides_the_clients() {
    let server = RawServer::start(|_| Reply::Hang).await;
    // The client would wait an hour; the request allows 200 ms.
    let client = builder(&server.url)
        .timeout(Duration::from_secs(3600))
        .max_retries(0)
        .build()
        .unwrap();
    let error = client
        .get_organization(get("a"))
        .timeout(ms(200))
        .await
        .unwrap_err();
    assert!(error.is_timeout());
    assert!(error.to_string().contains("200ms"), "{error}");
}

#[tokio::test]
async fn the_total_timeout_bounds_the_whole_call() {
    let server = RawServer::start(|_| Reply::Hang).await;
    let client = builder(&server.url)
        .timeout(Duration::from_secs(3600))
        .max_retries(5)
        .total_timeout(ms(300))
        .build()
        .unwrap();
    let error = client.get_organization(get("a")).await.unwrap_err();
    assert!(error.is_timeout());
    assert_eq!(error.attempts(), 1);
    assert!(
        error.to_string().contains("the call timed out after 300ms"),
        "{error}"
    );
}

#[tokio::test]
async fn the_api_error_body_is_decoded() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404).set_body_string(
            r#"{"code":5,"message":"not_found","details":[{"@type":"type.googleapis.com/tesseral.common.v1.ErrorDetail","description":"organization not found"}]}"#,
        ))
        .mount(&server)
        .await;
    let error = client(&server.uri())
        .get_organization(get("org_404"))
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Api);
    assert!(error.is_not_found());
    assert_eq!(error.status(), Some(404));
    assert_eq!(error.code(), Some(Code::NotFound));
    assert_eq!(error.api_message(), Some("not_found"));
    assert_eq!(error.description(), Some("organization not found"));
    assert_eq!(error.body_snippet(), None);
    assert_eq!(error.attempts(), 1);
    let api = error.api().unwrap();
    assert_eq!(api.code_number(), Some(5));
    assert_eq!(api.docs_link(), None);
    assert_eq!(api.details().len(), 1);
    assert_eq!(
        api.details()[0]["@type"],
        "type.googleapis.com/tesseral.common.v1.ErrorDetail"
    );
    let text = check_display(&error);
    assert_eq!(
        text,
        "GetOrganization: API error: HTTP 404 Not Found, code 5 (NOT_FOUND), not_found: organization not found"
    );
}

#[tokio::test]
async fn error_details_of_other_types_are_kept_raw() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(400).set_body_string(
            r#"{"code":"3","message":"invalid_argument","details":[{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[]},{"@type":"type.googleapis.com/tesseral.common.v1.ErrorDetail","description":"bad id","docsLink":"https://tesseral.com/docs/x"}]}"#,
        ))
        .mount(&server)
        .await;
    let error = client(&server.uri())
        .get_organization(get("a"))
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some(Code::InvalidArgument));
    assert_eq!(error.description(), Some("bad id"));
    assert_eq!(
        error.api().unwrap().docs_link(),
        Some("https://tesseral.com/docs/x")
    );
    assert_eq!(error.api().unwrap().details().len(), 2);
    assert!(!error.is_not_found());
}

#[tokio::test]
async fn status_bodies_that_are_not_status_objects_are_kept_as_snippets() {
    for (body, snippet) in [
        ("[1,2,3]", Some("[1,2,3]")),
        ("null", Some("null")),
        (r#"{"error":"nope"}"#, Some(r#"{"error":"nope"}"#)),
        ("   ", None),
    ] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(403).set_body_string(body))
            .mount(&server)
            .await;
        let error = client(&server.uri())
            .get_organization(get("a"))
            .await
            .unwrap_err();
        assert_eq!(error.status(), Some(403));
        assert_eq!(error.code(), None);
        assert_eq!(error.body_snippet(), snippet, "{body}");
        check_display(&error);
    }
}

#[test]
fn codes_have_numbers_and_names() {
    assert_eq!(Code::from_number(5), Some(Code::NotFound));
    assert_eq!(Code::NotFound.number(), 5);
    assert_eq!(Code::NotFound.name(), "NOT_FOUND");
    assert_eq!(Code::Unauthenticated.number(), 16);
    assert_eq!(Code::Ok.to_string(), "OK");
    assert_eq!(Code::from_number(17), None);
    assert_eq!(Code::from_number(-1), None);
    for n in 0..17 {
        assert_eq!(Code::from_number(n).unwrap().number() as i64, n);
    }
}

#[test]
fn errors_stay_small() {
    assert_eq!(
        std::mem::size_of::<rt::Error>(),
        std::mem::size_of::<usize>()
    );
    assert!(std::mem::size_of::<Result<(), rt::Error>>() <= 8);
}
