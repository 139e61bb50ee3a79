//! The `params` tool generated from the IR fixture `params.yaml`, run
//! against a local mock server: the kinds of arguments the Tesseral API's
//! requests do not have (enums, integers, repeated query parameters,
//! timestamps, oneofs, nested path and query fields, a header, a field named
//! like a runtime flag), and bad values of them: exit 2, nothing sent.

use serde_json::{Value, json};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const BIN: &str = env!("CARGO_BIN_EXE_params");

struct Outcome {
    code: i32,
    stdout: String,
    stderr: String,
}

/// A server answering everything with 200 and `body`.
async fn server(body: Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string(body.to_string()))
        .mount(&server)
        .await;
    server
}

/// Runs `params ARGS` against `server` (nothing else from the environment).
async fn params(server: &MockServer, args: &[&str]) -> Outcome {
    let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    let url = server.uri();
    tokio::task::spawn_blocking(move || {
        let output = assert_cmd::Command::new(BIN)
            .env_clear()
            .env("PARAMS_BASE_URL", url)
            .args(&args)
            .output()
            .expect("the binary runs");
        Outcome {
            code: output.status.code().expect("exited"),
            stdout: String::from_utf8(output.stdout).unwrap(),
            stderr: String::from_utf8(output.stderr).unwrap(),
        }
    })
    .await
    .unwrap()
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "one request");
    let request = requests.remove(0);
    server.reset().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
        .mount(server)
        .await;
    request
}

fn query(request: &Request) -> Vec<(String, String)> {
    request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_kind_of_query_argument() {
    let response = json!({"notes": [{"id": "n1", "title": "Groceries"}]});
    let server = server(response.clone()).await;
    let outcome = params(
        &server,
        &[
            "search",
            "search-notes",
            "--query",
            "milk & eggs",
            "--tags",
            "home",
            "--tags",
            "todo",
            "--kind",
            "NOTE_KIND_DRAFT",
            "--since",
            "2025-01-02T03:04:05.5+01:00",
            "--limit",
            "0",
            "--author",
            "ann",
            "--author-id",
            "user_1",
            "--by-title",
            "Groceries",
            "--language",
            "de-CH",
        ],
    )
    .await;
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert_eq!(
        serde_json::from_str::<Value>(&outcome.stdout).unwrap(),
        response
    );
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(request.url.path(), "/v1/notes:search");
    // In the order the operation lists its parameters; the timestamp in
    // UTC as the SDK writes it; an optional int sent though 0.
    assert_eq!(
        query(&request),
        pairs(&[
            ("query", "milk & eggs"),
            ("tags", "home"),
            ("tags", "todo"),
            ("kind", "NOTE_KIND_DRAFT"),
            ("since", "2025-01-02T02:04:05.500Z"),
            ("limit", "0"),
            ("filter.author", "ann"),
            ("filter.authorId", "user_1"),
            ("byTitle", "Groceries"),
        ])
    );
    assert_eq!(request.headers.get("accept-language").unwrap(), "de-CH");
    assert!(
        request.headers.get("authorization").is_none(),
        "the API takes no key"
    );

    // An enum value by number: a known one is sent by name, an unknown one
    // (newer than the tool) as its number.
    params(&server, &["search", "search-notes", "--kind", "1"]).await;
    assert_eq!(
        query(&only_request(&server).await),
        pairs(&[("kind", "NOTE_KIND_DRAFT")])
    );
    params(&server, &["search", "search-notes", "--kind", "7"]).await;
    assert_eq!(query(&only_request(&server).await), pairs(&[("kind", "7")]));

    // A message field as JSON, inside the flattened one.
    params(
        &server,
        &[
            "search",
            "search-notes",
            "--range",
            r#"{"start": "2025-01-01T00:00:00Z"}"#,
            "--team",
            r#"{"id": "t1"}"#,
        ],
    )
    .await;
    assert_eq!(
        query(&only_request(&server).await),
        pairs(&[
            ("filter.range.start", "2025-01-01T00:00:00Z"),
            ("filter.team.id", "t1")
        ])
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn path_parameters_are_positional() {
    let server = server(json!({"id": "n/1", "title": "T"})).await;
    let outcome = params(&server, &["notes", "get-version", "proj 1", "n/1", "3"]).await;
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert_eq!(outcome.stdout, "{\"id\":\"n/1\",\"title\":\"T\"}\n");
    let request = only_request(&server).await;
    assert_eq!(
        request.url.path(),
        "/v1/projects/proj%201/notes/n%2F1/versions/3"
    );

    // body "*" without the fields sent in the path and the header; the
    // request's `body` field is `--body-field` (`--body` is the request).
    let outcome = params(
        &server,
        &[
            "notes",
            "create",
            "p1",
            "--request-id",
            "req-7",
            "--title",
            "T",
            "--body-field",
            "Text",
        ],
    )
    .await;
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/v1/projects/p1/notes");
    assert_eq!(request.headers.get("x-request-id").unwrap(), "req-7");
    let body: Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(body, json!({"title": "T", "body": "Text"}));

    // The whole value of a `{name=pattern}` variable, as the SDK sends it:
    // its `/` kept, as google/api/http.proto does for multi-segment ones.
    params(&server, &["notes", "get", "projects/p/notes/n"]).await;
    assert_eq!(
        only_request(&server).await.url.path(),
        "/v1/projects/p/notes/n"
    );

    // A value that does not match the pattern is a usage error: nothing sent.
    let outcome = params(&server, &["notes", "get", "projects/p"]).await;
    assert_eq!(outcome.code, 2, "{}", outcome.stderr);
    assert!(outcome.stderr.contains("name"), "{}", outcome.stderr);
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_values_send_nothing() {
    let server = server(json!({})).await;
    let cases: &[(&[&str], &str)] = &[
        (
            &["search", "search-notes", "--kind", "DRAFT"],
            "invalid value 'DRAFT' for '--kind <VALUE>': expected one of NOTE_KIND_UNSPECIFIED, NOTE_KIND_DRAFT, or a value number",
        ),
        (
            &["search", "search-notes", "--limit", "ten"],
            "invalid value 'ten' for '--limit <INT>'",
        ),
        (
            &["search", "search-notes", "--limit", "2147483648"],
            "expected a 32-bit integer",
        ),
        (
            &["search", "search-notes", "--since", "yesterday"],
            "invalid value 'yesterday' for '--since <RFC3339>'",
        ),
        (
            &["search", "search-notes", "--team", "t1"],
            "invalid value 't1' for '--team <JSON>': not JSON",
        ),
        // Two members of one oneof.
        (
            &[
                "search",
                "search-notes",
                "--by-title",
                "a",
                "--by-body",
                "b",
            ],
            "cannot be used with",
        ),
        (
            &["search", "search-notes", "--author-id", "u", "--team", "{}"],
            "cannot be used with",
        ),
        (
            &["notes", "get-version", "p", "n", "three"],
            "invalid value 'three' for '<VERSION>'",
        ),
        (
            &["notes", "get-version", "p", "n"],
            "the following required arguments were not provided",
        ),
        (
            &["search", "search-notes", "--api-key", "k"],
            "unexpected argument '--api-key' found",
        ),
    ];
    for (args, expected) in cases {
        let outcome = params(&server, args).await;
        let at = args.join(" ");
        assert_eq!(outcome.code, 2, "{at}: {}", outcome.stderr);
        assert_eq!(outcome.stdout, "", "{at}");
        assert!(
            outcome.stderr.contains(expected),
            "{at}: {expected:?} in {}",
            outcome.stderr
        );
        assert!(
            server.received_requests().await.unwrap().is_empty(),
            "{at}: nothing sent"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_base_url_is_a_usage_error() {
    let outcome = tokio::task::spawn_blocking(|| {
        assert_cmd::Command::new(BIN)
            .env_clear()
            .args(["search", "search-notes"])
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    assert_eq!(outcome.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(outcome.stderr).unwrap(),
        "error: no base URL: the ParamService API has no default one; pass --base-url URL or set PARAMS_BASE_URL\n"
    );
}

/// A command's help lists an enum's value names, and shows each flag's
/// kind of value.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn help_lists_enum_values() {
    let server = server(json!({})).await;
    let outcome = params(&server, &["search", "search-notes", "--help"]).await;
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    for expected in [
        "--kind <VALUE>",
        "[possible values: NOTE_KIND_UNSPECIFIED, NOTE_KIND_DRAFT]",
        "--since <RFC3339>",
        "--tags <VALUE>",
        "--limit <INT>",
    ] {
        assert!(
            outcome.stdout.contains(expected),
            "--help must contain {expected:?}:\n{}",
            outcome.stdout
        );
    }
    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "help sends nothing"
    );
}
