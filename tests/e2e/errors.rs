//! How error answers reach the caller: a `google.rpc.Status` body, a proxy's
//! HTML page, an empty body, and a 2xx body that is not JSON. Each test
//! makes one call with a client that does not retry.

use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::harness::NOT_FOUND_BODY;
use crate::sdk::model::GetOrganizationRequest;
use crate::sdk::{ClientBuilder, Code, Error, ErrorKind};

/// GetOrganization answered with `response`; returns the error it gives.
async fn get_organization_error(response: ResponseTemplate) -> Error {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(response)
        .mount(&server)
        .await;
    let client = ClientBuilder::for_testing(&server.uri())
        .build()
        .expect("the test client builds");
    let result = client
        .get_organization(GetOrganizationRequest::new().with_id("org_missing"))
        .await;
    let received = server.received_requests().await.unwrap_or_default();
    assert_eq!(received.len(), 1, "one attempt, no retry");
    match result {
        Ok(response) => panic!("expected an error, got {response:?}"),
        Err(error) => error,
    }
}

/// 404 with the API's status body: an API error with every part decoded.
pub async fn not_found_status_is_an_api_error() {
    let error = get_organization_error(
        ResponseTemplate::new(404)
            .insert_header("content-type", "application/json")
            .set_body_string(NOT_FOUND_BODY),
    )
    .await;
    assert_eq!(error.kind(), ErrorKind::Api, "{error}");
    assert_eq!(error.status(), Some(404));
    assert_eq!(error.code(), Some(Code::NotFound));
    assert_eq!(error.api_message(), Some("not_found"));
    assert_eq!(error.description(), Some("organization not found"));
    assert_eq!(error.body_snippet(), None);
    assert_eq!(error.operation(), Some("GetOrganization"));
    assert!(error.is_not_found());
    let api = error.api().expect("an API error");
    assert_eq!(api.code_number(), Some(5));
    assert_eq!(api.details().len(), 1);
    let text = error.to_string();
    assert!(
        text.contains("GetOrganization")
            && text.contains("404")
            && text.contains("not_found")
            && text.contains("organization not found"),
        "{text}"
    );
}

/// 502 with a proxy's HTML page: an API error with the status and a
/// snippet of the page; neither a decode error nor a panic.
pub async fn bad_gateway_html_is_an_api_error_with_a_snippet() {
    let page = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    let error = get_organization_error(
        ResponseTemplate::new(502)
            .insert_header("content-type", "text/html")
            .set_body_string(page),
    )
    .await;
    assert_eq!(error.kind(), ErrorKind::Api, "{error}");
    assert_eq!(error.status(), Some(502));
    assert_eq!(error.code(), None);
    assert_eq!(error.api_message(), None);
    assert_eq!(error.description(), None);
    let snippet = error.body_snippet().expect("a body snippet");
    assert!(snippet.contains("502 Bad Gateway"), "{snippet}");
    assert!(!snippet.contains('\n'), "one line: {snippet:?}");
    assert!(error.to_string().contains("502"), "{error}");
}

/// 503 and 504 with nothing in the body: API errors with their status.
pub async fn empty_bodies_are_api_errors() {
    for status in [503, 504] {
        let error = get_organization_error(ResponseTemplate::new(status)).await;
        assert_eq!(error.kind(), ErrorKind::Api, "{status}: {error}");
        assert_eq!(error.status(), Some(status), "{error}");
        assert_eq!(error.code(), None, "{error}");
        assert_eq!(error.api_message(), None, "{error}");
        assert_eq!(error.body_snippet(), None, "{error}");
        assert!(error.to_string().contains(&status.to_string()), "{error}");
    }
}

/// 200 with a body that is not JSON: a decode error keeping a snippet.
pub async fn invalid_json_is_a_decode_error() {
    let error = get_organization_error(
        ResponseTemplate::new(200)
            .insert_header("content-type", "application/json")
            .set_body_string(r#"{"organization": {"id": "org_1""#),
    )
    .await;
    assert_eq!(error.kind(), ErrorKind::Decode, "{error}");
    assert_eq!(error.status(), Some(200));
    assert!(error.api().is_none());
    let snippet = error.body_snippet().expect("a body snippet");
    assert!(snippet.contains(r#""id": "org_1""#), "{snippet}");
    assert_eq!(error.operation(), Some("GetOrganization"));
}
