//! Cookie parameters: one `Cookie` header of `name=value` pairs, a required
//! cookie sent even at its default, optional ones only when set; a value a
//! cookie cannot hold is an `invalid_request` error before anything is sent.

use openapi_cookies::model::{GetPreferencesRequest, GetPreferencesRequestTheme};
use openapi_cookies::{ClientBuilder, ErrorKind};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn server(expected: u64) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/preferences"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{\"theme\":\"dark\"}"))
        .expect(expected)
        .mount(&server)
        .await;
    server
}

/// The `Cookie` headers, the query and the `lang` header the server received.
async fn sent(request: GetPreferencesRequest) -> (Vec<String>, Option<String>, Option<String>) {
    let server = server(1).await;
    let client = ClientBuilder::for_testing(&server.uri()).build().unwrap();
    let response = client.get_preferences(request).await.unwrap();
    assert_eq!(response.theme.as_deref(), Some("dark"));
    let received = server.received_requests().await.unwrap();
    let request = &received[0];
    let cookies = request
        .headers
        .get_all("cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect();
    let lang = request
        .headers
        .get("lang")
        .map(|v| v.to_str().unwrap().to_string());
    (cookies, request.url.query().map(str::to_string), lang)
}

#[tokio::test]
async fn cookies_are_one_header() {
    let (cookies, query, lang) = sent(
        GetPreferencesRequest::new()
            .with_session_id("s3cr3t")
            .with_theme(GetPreferencesRequestTheme::Dark)
            .with_visits(0)
            .with_lang("fr")
            .with_lang2("de"),
    )
    .await;
    assert_eq!(cookies, ["session_id=s3cr3t; theme=dark; visits=0"]);
    // The query parameter and the header of one name, each its own field.
    assert_eq!(query.as_deref(), Some("lang=fr"));
    assert_eq!(lang.as_deref(), Some("de"));
}

#[tokio::test]
async fn a_required_cookie_is_sent_at_its_default_and_unset_ones_are_not() {
    let (cookies, query, lang) = sent(GetPreferencesRequest::new()).await;
    assert_eq!(cookies, ["session_id="]);
    assert_eq!((query, lang), (None, None));
}

#[tokio::test]
async fn a_value_a_cookie_cannot_hold_is_refused_before_sending() {
    let server = server(0).await;
    let client = ClientBuilder::for_testing(&server.uri()).build().unwrap();
    for bad in ["a b", "a;b=c", "\"q\"", "é"] {
        let err = client
            .get_preferences(GetPreferencesRequest::new().with_session_id(bad))
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidRequest, "{bad:?}: {err}");
        assert!(err.to_string().contains("cookie `session_id`"), "{err}");
    }
}
