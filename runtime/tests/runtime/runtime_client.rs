//! Client configuration, secrecy of the key (Debug, errors, tracing), and
//! the user-supplied HTTP client.

use crate::{rt, support};

use std::io::Write;
use std::sync::{Arc, Mutex};

use support::*;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use rt::ErrorKind;

#[test]
fn the_default_base_url_is_the_hosted_api() {
    let client = Client::new(KEY).unwrap();
    assert_eq!(client.base_url(), "https://api.tesseral.com");
}

#[test]
fn bad_base_urls_are_configuration_errors() {
    for (url, why) in [
        ("", "not a valid URL"),
        ("api.tesseral.com", "not a valid URL"),
        ("ftp://files.example", "must use http or https, not `ftp`"),
        ("mailto:x@example.com", "must use http or https"),
        ("https://user:pw@h.example", "must not contain credentials"),
        ("https://h.example/?x=1", "query string or fragment"),
        ("https://h.example/#top", "query string or fragment"),
        ("http://[::1", "not a valid URL"),
    ] {
        let error = ClientBuilder::for_testing(url).build().unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Config, "{url}");
        let text = error.to_string();
        assert!(
            text.starts_with("configuration error: the base URL"),
            "{text}"
        );
        assert!(text.contains(why), "{url}: {text}");
        if url.contains("pw") {
            assert!(!text.contains("pw"), "{text}");
        }
    }
}

#[test]
fn malformed_keys_are_errors_that_never_repeat_the_key() {
    for (key, why) in [
        ("", "is empty"),
        ("tesseral_secret key", "contains whitespace"),
        ("tesseral_secret\nkey", "contains whitespace"),
        ("tesseral_secret\u{7}key", "contains a control character"),
        ("tesseral_sécret_key", "contains a non-ASCII character"),
    ] {
        let error = Client::new(key).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Config);
        assert_eq!(error.attempts(), 0);
        let text = error.to_string();
        assert_eq!(
            text,
            format!("configuration error: the API key {why}, so it cannot be a bearer token")
        );
        if !key.is_empty() {
            assert!(!format!("{error:?}").contains(key));
        }
    }
}

#[test]
fn for_testing_needs_no_environment() {
    let client = ClientBuilder::for_testing("http://127.0.0.1:1")
        .build()
        .unwrap();
    assert_eq!(client.base_url(), "http://127.0.0.1:1");
}

/// As its doc says: `Bearer test`, unless `.api_key(..)` follows.
#[tokio::test]
async fn for_testing_sends_the_test_key_unless_told_another() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
        .mount(&server)
        .await;
    let get = || GetOrganizationRequest::new().with_id("o");
    ClientBuilder::for_testing(&server.uri())
        .build()
        .unwrap()
        .get_organization(get())
        .await
        .unwrap();
    ClientBuilder::for_testing(&server.uri())
        .api_key("my_key")
        .build()
        .unwrap()
        .get_organization(get())
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    let auth = |i: usize| {
        requests[i]
            .headers
            .get("authorization")
            .unwrap()
            .to_str()
            .unwrap()
    };
    assert_eq!(auth(0), "Bearer test");
    assert_eq!(auth(1), "Bearer my_key");
}

#[tokio::test]
async fn debug_output_never_contains_the_key() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_string(r#"{"code":16,"message":"unauthenticated_api_key","details":[]}"#),
        )
        .mount(&server)
        .await;
    let builder = builder(&server.uri());
    let client = builder.clone().build().unwrap();
    let call = client
        .get_organization(get("o"))
        .header("Authorization", format!("Bearer {KEY}"));
    for debug in [
        format!("{builder:?}"),
        format!("{client:?}"),
        format!("{call:?}"),
        format!("{:?}", rt::RequestOptions::new().header("X-Secret", KEY)),
    ] {
        assert!(!debug.contains(KEY), "{debug}");
        assert!(!debug.contains("DO_NOT_LEAK"), "{debug}");
    }
    assert!(format!("{client:?}").contains("<redacted>"));
    let error = call.await.unwrap_err();
    assert!(error.is_unauthenticated());
    assert_eq!(error.api_message(), Some("unauthenticated_api_key"));
    assert!(!error.to_string().contains(KEY));
    assert!(!format!("{error:?}").contains(KEY));
}

#[tokio::test]
async fn a_user_supplied_http_client_is_used() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(org_json("o")))
        .mount(&server)
        .await;
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-from-custom-client", "yes".parse().unwrap());
    let http = reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .unwrap();
    let client = builder(&server.uri()).http_client(http).build().unwrap();
    client.get_organization(get("o")).await.unwrap();
    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(request.headers.get("x-from-custom-client").unwrap(), "yes");
    assert_eq!(
        request.headers.get("authorization").unwrap(),
        &format!("Bearer {KEY}")
    );
}

#[tokio::test]
async fn redirects_are_not_followed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(302).insert_header("Location", "https://elsewhere.example/"),
        )
        .mount(&server)
        .await;
    let error = client(&server.uri())
        .get_organization(get("o"))
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(302));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn clones_share_one_client() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(org_json("o")))
        .mount(&server)
        .await;
    let client = client(&server.uri());
    let clone = client.clone();
    let (a, b) = tokio::join!(
        client.get_organization(get("a")).send(),
        tokio::spawn(clone.get_organization(get("b")).send())
    );
    a.unwrap();
    b.unwrap().unwrap();
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

/// Collects formatted tracing output.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn tracing_records_operations_and_attempts_but_no_secrets() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"id":"secret_org_777"}"#))
        .with_priority(2)
        .mount(&server)
        .await;
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .finish();
    let guard = tracing::subscriber::set_default(subscriber);
    client(&server.uri())
        .update_organization(
            UpdateOrganizationRequest::new()
                .with_id("secret_org_777")
                .with_display_name("Secret Display Name"),
        )
        .await
        .unwrap();
    drop(guard);
    let output = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    for expected in [
        "request{api=\"Tesseral Backend API\"",
        "rest_sdk_runtime: retrying",
        "operation=\"UpdateOrganization\"",
        "method=\"PATCH\"",
        "path=\"/v1/organizations/{id}\"",
        "status=503",
        "status=200",
        "retrying",
        "attempt=2",
        "latency_ms=",
    ] {
        assert!(
            output.contains(expected),
            "{expected} missing from:\n{output}"
        );
    }
    for secret in [KEY, "DO_NOT_LEAK", "secret_org_777", "Secret Display Name"] {
        assert!(!output.contains(secret), "{secret} leaked into:\n{output}");
    }
}
