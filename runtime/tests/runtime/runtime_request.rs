//! What goes on the wire: URL, path parameters, query string, headers and
//! bodies, as `RequestParts` and the call build them.

use crate::{rt, support};

use support::*;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use rt::ErrorKind;

/// A server answering every request with 200 and `body`.
async fn ok_server(body: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_string(body))
        .mount(&server)
        .await;
    server
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    requests.remove(0)
}

fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).map(|v| v.to_str().unwrap())
}

#[tokio::test]
async fn path_params_are_one_percent_encoded_segment() {
    let cases = [
        ("org_123", "org_123"),
        ("a/b", "a%2Fb"),
        ("a?b#c", "a%3Fb%23c"),
        ("100%", "100%25"),
        ("%2F", "%252F"),
        ("..%2F..", "..%252F.."),
        ("../etc", "..%2Fetc"),
        ("a..b", "a..b"),
        ("with space", "with%20space"),
        ("ünïcødé", "%C3%BCn%C3%AFc%C3%B8d%C3%A9"),
        ("-._~", "-._~"),
        ("a+b=c&d", "a%2Bb%3Dc%26d"),
    ];
    for (id, encoded) in cases {
        let server = ok_server("{}").await;
        client(&server.uri())
            .get_organization(get(id))
            .await
            .unwrap();
        let request = only_request(&server).await;
        assert_eq!(
            request.url.path(),
            format!("/v1/organizations/{encoded}"),
            "{id}"
        );
        assert_eq!(request.url.query(), None, "{id}");
        assert_eq!(request.url.path_segments().unwrap().count(), 3, "{id}");
    }
}

#[tokio::test]
async fn path_params_in_the_middle_keep_the_route() {
    let server = ok_server("{}").await;
    client(&server.uri())
        .revoke_scim_api_key(RevokeScimApiKeyRequest::new().with_id("k/../../x"))
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(
        request.url.path(),
        "/v1/scim-api-keys/k%2F..%2F..%2Fx/revoke"
    );
}

#[tokio::test]
async fn empty_and_dot_path_params_are_rejected_before_sending() {
    let server = ok_server("{}").await;
    let client = client(&server.uri());
    for (id, why) in [
        ("", "is empty"),
        (".", "must not be `.`"),
        ("..", "must not be `..`"),
    ] {
        let error = client.get_organization(get(id)).await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidRequest);
        assert_eq!(error.attempts(), 0);
        assert_eq!(
            error.to_string(),
            format!("GetOrganization: invalid request: path parameter `id` {why}")
        );
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn query_values_are_encoded_by_type() {
    let server = ok_server("{}").await;
    let request = SearchRequest::new()
        .with_page_token("a+b/c=d&e f")
        .with_ids(vec!["x".into(), "y z".into(), String::new()])
        .with_limit(-5)
        .with_big(u64::MAX)
        .with_flag(true)
        .with_ratio(0.5)
        .with_role(Role::Admin)
        .with_roles(vec![
            Role::Member,
            Role::UnknownValue(rt::UnknownEnumValue::from_name("ROLE_NEW")),
        ])
        .with_note(String::new())
        .with_since(rt::wkt::Timestamp::new(1_700_000_000, 500_000_000).unwrap());
    client(&server.uri()).search(request).await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(
        request.url.query(),
        Some(
            "pageToken=a%2Bb%2Fc%3Dd%26e%20f&ids=x&ids=y%20z&ids=&limit=-5\
             &big=18446744073709551615&flag=true&ratio=0.5&role=ROLE_ADMIN\
             &roles=ROLE_MEMBER&roles=ROLE_NEW&note=&since=2023-11-14T22%3A13%3A20.500Z"
        )
    );
    // A page token survives the round trip intact.
    let token = request
        .url
        .query_pairs()
        .find(|(k, _)| k == "pageToken")
        .unwrap()
        .1;
    assert_eq!(token, "a+b/c=d&e f");
}

#[tokio::test]
async fn defaults_are_left_out_of_the_query_and_headers() {
    let server = ok_server("{}").await;
    client(&server.uri())
        .search(SearchRequest::default())
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/v1/search");
    assert_eq!(request.url.query(), None);
    assert_eq!(header(&request, "x-tenant"), None);
}

/// An operation sending a map in the query string. The generator never
/// emits one (its plan refuses such a parameter), but `RequestParts` is the
/// runtime's public API and must refuse what it cannot write as text rather
/// than mangle it, whoever calls it.
static MAP_IN_QUERY: rt::Operation<Everything> = rt::Operation {
    name: "MapInQuery",
    client_method: "map_in_query",
    method: rt::Method::Get,
    path_template: "/v1/search",
    encode: |r, p| {
        p.path("/v1/search");
        p.query("labels", &r.labels);
        Ok(())
    },
};

#[tokio::test]
async fn a_message_in_the_query_is_an_invalid_request() {
    let server = ok_server("{}").await;
    let request = Everything::new().with_labels([("k".to_string(), "v".to_string())]);
    let error = rt::Call::<_, rt::wkt::Empty>::new(&client(&server.uri()), &MAP_IN_QUERY, request)
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidRequest);
    assert!(
        error.to_string().contains("query parameter `labels`"),
        "{error}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn header_fields_and_standard_headers_reach_the_wire() {
    let server = ok_server("{}").await;
    let request = SearchRequest::new().with_tenant("acme");
    client(&server.uri()).search(request).await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(header(&request, "x-tenant"), Some("acme"));
    assert_eq!(
        header(&request, "authorization"),
        Some(format!("Bearer {KEY}").as_str())
    );
    assert_eq!(
        header(&request, "user-agent"),
        // The test API's product name and its crate's version.
        Some("tesseral-rust/0.0.0")
    );
    assert_eq!(header(&request, "accept"), Some("application/json"));
    assert_eq!(header(&request, "content-type"), None);
    assert!(request.body.is_empty());
}

#[tokio::test]
async fn per_request_headers_reach_the_wire() {
    let server = ok_server("{}").await;
    let options = rt::RequestOptions::new().header("X-Trace", "t-1");
    client(&server.uri())
        .get_organization(get("a"))
        .header("X-Request-Id", "42")
        .header("X-Request-Id", "43")
        .header("User-Agent", "my-app/1.0")
        .await
        .unwrap();
    client(&server.uri())
        .get_organization(get("b"))
        .options(options)
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    let ids: Vec<&str> = requests[0]
        .headers
        .get_all("x-request-id")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    assert_eq!(ids, ["42", "43"]);
    assert_eq!(header(&requests[0], "user-agent"), Some("my-app/1.0"));
    assert_eq!(header(&requests[1], "x-trace"), Some("t-1"));
}

#[tokio::test]
async fn invalid_per_request_headers_fail_before_sending() {
    let server = ok_server("{}").await;
    let client = client(&server.uri());
    for (name, value) in [("Bad Name", "v"), ("X-Ok", "line\nbreak")] {
        let error = client
            .get_organization(get("a"))
            .header(name, value)
            .await
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidRequest, "{name}");
        assert!(!error.to_string().contains("line\nbreak"));
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_bodyless_post_sends_no_body_and_no_content_type() {
    let server = RawServer::start(|_| http_response(200, "application/json", "{}")).await;
    client(&server.url)
        .revoke_scim_api_key(RevokeScimApiKeyRequest::new().with_id("k_1"))
        .await
        .unwrap();
    let raw = server.requests.lock().unwrap()[0].clone();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    assert!(
        head.starts_with("POST /v1/scim-api-keys/k_1/revoke HTTP/1.1\r\n"),
        "{head}"
    );
    assert_eq!(body, "");
    let head = head.to_ascii_lowercase();
    assert!(!head.contains("content-type"), "{head}");
    assert!(!head.contains("transfer-encoding"), "{head}");
    if let Some(line) = head.lines().find(|l| l.starts_with("content-length")) {
        assert_eq!(line, "content-length: 0");
    }
}

#[tokio::test]
async fn a_body_field_is_the_json_body() {
    let server = ok_server(r#"{"id":"org_new","displayName":"Acme"}"#).await;
    let client = client(&server.uri());
    let organization = client
        .create_organization(
            CreateOrganizationRequest::new().with_organization(
                Organization::new()
                    .with_display_name("Acme")
                    .with_log_in_with_password(false),
            ),
        )
        .await
        .unwrap();
    assert_eq!(organization.id, "org_new");
    // A set but empty message is `{}`.
    client
        .create_organization(
            CreateOrganizationRequest::new().with_organization(Organization::new()),
        )
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].method.as_str(), "POST");
    assert_eq!(
        header(&requests[0], "content-type"),
        Some("application/json")
    );
    assert_eq!(
        std::str::from_utf8(&requests[0].body).unwrap(),
        r#"{"displayName":"Acme","logInWithPassword":false}"#
    );
    assert_eq!(std::str::from_utf8(&requests[1].body).unwrap(), "{}");
    assert_eq!(
        header(&requests[1], "content-type"),
        Some("application/json")
    );
}

/// An unset body field sends no body and no Content-Type (the server then
/// leaves the field unset; `{}` would be a present, empty message). What the
/// reference makes of each body is checked in tesseral-tests (`bodies`).
#[tokio::test]
async fn an_unset_body_field_sends_no_body_and_no_content_type() {
    let server = RawServer::start(|_| http_response(200, "application/json", "{}")).await;
    client(&server.url)
        .create_organization(CreateOrganizationRequest::default())
        .await
        .unwrap();
    let raw = server.requests.lock().unwrap()[0].clone();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    assert!(
        head.starts_with("POST /v1/organizations HTTP/1.1\r\n"),
        "{head}"
    );
    assert_eq!(body, "");
    let head = head.to_ascii_lowercase();
    assert!(!head.contains("content-type"), "{head}");
    assert!(!head.contains("transfer-encoding"), "{head}");
    if let Some(line) = head.lines().find(|l| l.starts_with("content-length")) {
        assert_eq!(line, "content-length: 0");
    }
}

#[tokio::test]
async fn a_star_body_is_the_request_minus_path_fields() {
    let server = ok_server(r#"{"id":"org_1"}"#).await;
    let client = client(&server.uri());
    client
        .update_organization(
            UpdateOrganizationRequest::new()
                .with_id("org_1")
                .with_display_name("New")
                .with_log_in_with_password(false),
        )
        .await
        .unwrap();
    // Unset optional fields stay out (a PATCH changes only what is sent).
    client
        .update_organization(UpdateOrganizationRequest::new().with_id("org_1"))
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].method.as_str(), "PATCH");
    assert_eq!(requests[0].url.path(), "/v1/organizations/org_1");
    let body: serde_json::Value = serde_json::from_slice(&requests[0].body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"displayName": "New", "logInWithPassword": false})
    );
    assert_eq!(std::str::from_utf8(&requests[1].body).unwrap(), "{}");
}

#[tokio::test]
async fn a_base_url_path_prefix_is_kept() {
    let server = ok_server("{}").await;
    for base in [
        format!("{}/api/backend", server.uri()),
        format!("{}/api/backend/", server.uri()),
        format!("{}/api/backend///", server.uri()),
    ] {
        let client = client(&base);
        assert_eq!(client.base_url(), format!("{}/api/backend", server.uri()));
        client.get_organization(get("o")).await.unwrap();
    }
    for request in server.received_requests().await.unwrap() {
        assert_eq!(request.url.path(), "/api/backend/v1/organizations/o");
    }
}

#[tokio::test]
async fn the_call_gives_access_to_its_request() {
    let server = ok_server("{}").await;
    let mut call = client(&server.uri()).get_organization(get("first"));
    assert_eq!(call.operation_name(), "GetOrganization");
    assert_eq!(call.request().id, "first");
    call.request_mut().id = "second".into();
    assert!(format!("{call:?}").contains("second"));
    call.await.unwrap();
    assert_eq!(
        only_request(&server).await.url.path(),
        "/v1/organizations/second"
    );
}

#[tokio::test]
async fn calls_are_send_and_static_futures() {
    fn assert_send_static<T: Send + 'static>(_: &T) {}
    let server = ok_server(&org_json("o")).await;
    let client = client(&server.uri());
    let future = client.get_organization(get("o")).send();
    assert_send_static(&future);
    // So they can be spawned.
    let response = tokio::spawn(future).await.unwrap().unwrap();
    assert_eq!(response.organization.unwrap().id, "o");
}

#[test]
fn a_call_polled_outside_tokio_is_an_error_not_a_panic() {
    let client = client("http://127.0.0.1:9");
    let future = client.get_organization(get("o")).send();
    let error = futures::executor::block_on(future).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Config);
    assert!(error.to_string().contains("tokio runtime"), "{error}");
}

/// `Call::dry_run` shows the request sending would make, secrets redacted,
/// and sends nothing.
#[tokio::test]
async fn dry_run_shows_the_request_and_sends_nothing() {
    let server = ok_server("{}").await;
    let call = client(&server.uri())
        .update_organization(
            UpdateOrganizationRequest::new()
                .with_id("org_1/2")
                .with_display_name("Acme")
                .with_log_in_with_password(false),
        )
        .header("X-Trace", "t-1")
        .header("Proxy-Authorization", "Basic c2VjcmV0")
        .header("Authorization", "Bearer other_secret");
    let request = call.dry_run().unwrap();
    assert_eq!(request.method(), rt::Method::Patch);
    assert_eq!(
        request.url(),
        format!("{}/v1/organizations/org_1%2F2", server.uri())
    );
    assert_eq!(
        request.body(),
        Some(&br#"{"displayName":"Acme","logInWithPassword":false}"#[..])
    );
    let names: Vec<&str> = request.headers().iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "accept",
            "authorization",
            "content-type",
            "proxy-authorization",
            "user-agent",
            "x-trace"
        ]
    );
    let text = request.to_string();
    assert!(
        text.starts_with(&format!(
            "PATCH {}/v1/organizations/org_1%2F2\n",
            server.uri()
        )),
        "{text}"
    );
    assert!(
        text.contains("\nauthorization: Bearer <redacted>\n"),
        "{text}"
    );
    assert!(
        text.contains("\nproxy-authorization: Basic <redacted>\n"),
        "{text}"
    );
    assert!(text.contains("\nx-trace: t-1\n"), "{text}");
    assert!(
        text.ends_with("\n\n{\"displayName\":\"Acme\",\"logInWithPassword\":false}"),
        "{text}"
    );
    for secret in [KEY, "other_secret", "c2VjcmV0"] {
        assert!(!text.contains(secret), "{secret} leaks: {text}");
        assert!(!format!("{request:?}").contains(secret), "{secret} leaks");
    }
    // The client's own key, when no header option replaces it.
    let own = client(&server.uri())
        .get_organization(get("o"))
        .dry_run()
        .unwrap();
    assert_eq!(own.body(), None);
    assert!(own.to_string().contains("authorization: Bearer <redacted>"));
    assert!(!format!("{own} {own:?}").contains(KEY));
    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "nothing is sent"
    );

    // What would fail before sending fails here too.
    let empty = client(&server.uri()).get_organization(get("")).dry_run();
    assert_eq!(empty.unwrap_err().kind(), ErrorKind::InvalidRequest);
}

/// A response whose message is a JSON array (serde's positional form of a
/// struct) is a decode error saying a JSON object was expected, at the top
/// level and in a field.
#[tokio::test]
async fn an_array_for_a_message_in_a_response_is_a_decode_error() {
    for body in [
        r#"{"organization": ["org_1", "Acme"]}"#,
        r#"["org_1"]"#,
        "[]",
    ] {
        let server = ok_server(body).await;
        let error = client(&server.uri())
            .get_organization(GetOrganizationRequest::new().with_id("org_1"))
            .await
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Decode, "{body}: {error}");
        let text = format!("{error:#}");
        assert!(
            text.contains("invalid type: sequence, expected a JSON object (message "),
            "{body}: {text}"
        );
    }
}

/// `Call::options` merges: headers set before and after it are all sent,
/// and a setting applied later wins, whichever way it was given.
#[tokio::test]
async fn options_merge_with_what_the_call_set() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let defaults = rt::RequestOptions::new()
        .header("X-Trace", "from-options")
        .max_retries(0);
    let error = client(&server.uri())
        .get_organization(get("a"))
        .header("X-Request-Id", "before")
        .options(defaults.clone())
        .header("X-Request-Id", "after")
        .await
        .unwrap_err();
    // The options' max_retries(0) replaced the client's 2.
    assert_eq!(error.attempts(), 1);
    let requests = server.received_requests().await.unwrap();
    let ids: Vec<&str> = requests[0]
        .headers
        .get_all("x-request-id")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    assert_eq!(ids, ["before", "after"]);
    assert_eq!(header(&requests[0], "x-trace"), Some("from-options"));

    // A setting after the options wins over theirs ...
    let error = client(&server.uri())
        .get_organization(get("a"))
        .options(defaults.clone())
        .max_retries(1)
        .await
        .unwrap_err();
    assert_eq!(error.attempts(), 2);
    // ... one before them is kept when they do not set it ...
    let error = client(&server.uri())
        .get_organization(get("a"))
        .max_retries(1)
        .options(rt::RequestOptions::new().header("X-Trace", "t"))
        .await
        .unwrap_err();
    assert_eq!(error.attempts(), 2);
    // ... and replaced when they do.
    let error = client(&server.uri())
        .get_organization(get("a"))
        .max_retries(1)
        .options(defaults)
        .await
        .unwrap_err();
    assert_eq!(error.attempts(), 1);
}
