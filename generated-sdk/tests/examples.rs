//! Runs every program of `examples/` against a local mock server of the API
//! (wiremock) and checks what it sent and printed. The examples are built
//! first, once, by `cargo build --examples` (`cargo test` builds those with
//! unit tests only as tests, without their `main`).

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use serde_json::json;
use wiremock::matchers::{body_json, header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The key every example is given (through `TESSERAL_API_KEY`).
const KEY: &str = "test-backend-key";

/// The built example `name`.
fn example(name: &str) -> PathBuf {
    static BUILT: OnceLock<HashMap<String, PathBuf>> = OnceLock::new();
    let built = BUILT.get_or_init(|| {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let output = Command::new(cargo)
            .args(["build", "--quiet", "--examples", "--all-features"])
            .args(["--message-format=json", "--manifest-path"])
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"))
            .stderr(Stdio::inherit())
            .output()
            .unwrap();
        assert!(output.status.success(), "building the examples failed");
        let mut built = HashMap::new();
        for line in String::from_utf8_lossy(&output.stdout).lines() {
            let message: serde_json::Value = serde_json::from_str(line).unwrap();
            let is_example = message["target"]["kind"] == json!(["example"]);
            if let (true, Some(exe)) = (is_example, message["executable"].as_str()) {
                let name = message["target"]["name"].as_str().unwrap().to_owned();
                built.insert(name, PathBuf::from(exe));
            }
        }
        built
    });
    built
        .get(name)
        .unwrap_or_else(|| panic!("no example {name} was built"))
        .clone()
}

/// Runs example `name` with `args` and `stdin` against `server`; the
/// environment says only the key and the base URL.
fn run(name: &str, args: &[&str], stdin: &str, server: &MockServer) -> Output {
    let mut child = Command::new(example(name))
        .args(args)
        .env_remove("TESSERAL_BACKEND_API_KEY")
        .env("TESSERAL_API_KEY", KEY)
        .env("TESSERAL_BASE_URL", server.uri())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// The example's stdout, after checking it succeeded.
fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}\nstderr: {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// A mock of one call, authenticated with the examples' key.
fn call(verb: &str, route: &str) -> wiremock::MockBuilder {
    Mock::given(method(verb))
        .and(path(route))
        .and(header("authorization", format!("Bearer {KEY}").as_str()))
}

fn ok(body: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_organizations_walks_every_page() {
    let server = MockServer::start().await;
    call("GET", "/v1/organizations")
        .and(query_param_is_missing("pageToken"))
        .respond_with(ok(json!({
            "organizations": [{"id": "org_1", "displayName": "Acme"}],
            "nextPageToken": "p2"
        })))
        .expect(1)
        .mount(&server)
        .await;
    call("GET", "/v1/organizations")
        .and(query_param("pageToken", "p2"))
        .respond_with(ok(json!({
            "organizations": [{"id": "org_2", "displayName": "Globex"}],
            "nextPageToken": ""
        })))
        .expect(1)
        .mount(&server)
        .await;
    let output = run("list_organizations", &[], "", &server);
    assert_eq!(stdout(&output), "Acme\nGlobex\n");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_organization_user_and_invite() {
    let server = MockServer::start().await;
    call("POST", "/v1/organizations")
        .and(body_json(json!({"displayName": "Acme Corp"})))
        .respond_with(ok(
            json!({"organization": {"id": "org_1", "displayName": "Acme Corp"}}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    call("POST", "/v1/users")
        .and(body_json(
            json!({"organizationId": "org_1", "email": "owner@acme.test", "owner": true}),
        ))
        .respond_with(ok(json!({"user": {"id": "user_1"}})))
        .expect(1)
        .mount(&server)
        .await;
    call("POST", "/v1/user-invites")
        .and(query_param("sendEmail", "true"))
        .and(body_json(
            json!({"organizationId": "org_1", "email": "new@acme.test"}),
        ))
        .respond_with(ok(json!({"userInvite": {"id": "invite_1"}})))
        .expect(1)
        .mount(&server)
        .await;
    let output = run(
        "create_organization",
        &["Acme Corp", "owner@acme.test", "new@acme.test"],
        "",
        &server,
    );
    assert_eq!(
        stdout(&output),
        "organization org_1\nuser user_1\nuser invite invite_1\n"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn update_organization_sends_one_field() {
    let server = MockServer::start().await;
    call("PATCH", "/v1/organizations/org_1")
        .and(body_json(json!({"displayName": "New name"})))
        .respond_with(ok(json!({
            "organization": {"id": "org_1", "displayName": "New name", "logInWithPassword": true}
        })))
        .expect(1)
        .mount(&server)
        .await;
    let output = run("update_organization", &["org_1", "New name"], "", &server);
    assert_eq!(stdout(&output), "org_1: New name\n");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn not_found_is_told_apart() {
    let server = MockServer::start().await;
    call("GET", "/v1/organizations/org_1")
        .respond_with(ok(
            json!({"organization": {"id": "org_1", "displayName": "Acme"}}),
        ))
        .mount(&server)
        .await;
    call("GET", "/v1/organizations/org_missing")
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({
            "code": 5,
            "message": "not_found",
            "details": [{
                "@type": "type.googleapis.com/tesseral.common.v1.ErrorDetail",
                "description": "organization not found"
            }]
        })))
        .mount(&server)
        .await;
    call("GET", "/v1/organizations/org_forbidden")
        .respond_with(ResponseTemplate::new(403).set_body_json(json!({
            "code": 7,
            "message": "permission_denied",
            "details": []
        })))
        .mount(&server)
        .await;
    assert_eq!(
        stdout(&run("not_found", &["org_1"], "", &server)),
        "found Acme\n"
    );
    assert_eq!(
        stdout(&run("not_found", &["org_missing"], "", &server)),
        "no organization org_missing\n"
    );
    // Any other error is reported, and the program fails.
    let output = run("not_found", &["org_forbidden"], "", &server);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("GetOrganization"), "{stderr}");
    assert!(
        stderr.contains("message Some(\"permission_denied\"), status 403"),
        "{stderr}"
    );
    assert!(!stderr.contains(KEY), "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn authenticate_api_key_from_an_incoming_request() {
    let server = MockServer::start().await;
    call("POST", "/v1/api-keys/authenticate")
        .and(body_json(json!({"secretToken": "sk_good"})))
        .respond_with(ok(json!({
            "apiKeyId": "api_key_1",
            "organizationId": "org_1",
            "actions": ["acme.widgets.read"]
        })))
        .mount(&server)
        .await;
    call("POST", "/v1/api-keys/authenticate")
        .and(body_json(json!({"secretToken": "sk_revoked"})))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "code": 16,
            "message": "unauthenticated_api_key",
            "details": []
        })))
        .mount(&server)
        .await;
    let request =
        "GET /widgets HTTP/1.1\r\nHost: example.com\r\nAuthorization: Bearer sk_good\r\n\r\n";
    assert_eq!(
        stdout(&run("authenticate_api_key", &[], request, &server)),
        "200: API key api_key_1 of organization org_1 may [\"acme.widgets.read\"]\n"
    );
    let request = "GET /widgets HTTP/1.1\r\nauthorization: bearer sk_revoked\r\n\r\n";
    assert_eq!(
        stdout(&run("authenticate_api_key", &[], request, &server)),
        "401: unauthenticated_api_key\n"
    );
    // No token: the API is not asked.
    let request = "GET /widgets HTTP/1.1\r\nHost: example.com\r\n\r\n";
    assert_eq!(
        stdout(&run("authenticate_api_key", &[], request, &server)),
        "401: no bearer token\n"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn testing_your_code_runs_for_real_too() {
    let server = MockServer::start().await;
    call("GET", "/v1/organizations/org_1")
        .respond_with(ok(json!({"organization": {"id": "org_1"}})))
        .mount(&server)
        .await;
    call("GET", "/v1/users")
        .and(query_param("organizationId", "org_1"))
        .respond_with(ok(
            json!({"users": [{"id": "user_1", "email": "a@example.com"}]}),
        ))
        .mount(&server)
        .await;
    call("POST", "/v1/user-invites")
        .and(body_json(
            json!({"organizationId": "org_1", "email": "b@example.com"}),
        ))
        .respond_with(ok(json!({"userInvite": {"id": "invite_1"}})))
        .expect(1)
        .mount(&server)
        .await;
    let output = run(
        "testing_your_code",
        &["org_1", "b@example.com"],
        "",
        &server,
    );
    assert_eq!(stdout(&output), "Invited(\"invite_1\")\n");
    let output = run(
        "testing_your_code",
        &["org_1", "a@example.com"],
        "",
        &server,
    );
    assert_eq!(stdout(&output), "AlreadyMember\n");
}

#[cfg(feature = "blocking")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn blocking_with_metadata() {
    let server = MockServer::start().await;
    call("GET", "/v1/project")
        .and(header("x-request-id", "blocking-example"))
        .respond_with(
            ok(json!({"project": {"id": "project_1", "displayName": "Acme"}}))
                .insert_header("x-request-id", "req-42"),
        )
        .mount(&server)
        .await;
    call("GET", "/v1/users")
        .respond_with(ok(
            json!({"users": [{"email": "a@example.com"}, {"email": "b@example.com"}]}),
        ))
        .mount(&server)
        .await;
    let output = run("blocking", &[], "", &server);
    assert_eq!(
        stdout(&output),
        "project Some(\"Acme\"): HTTP 200 after 1 attempt(s), request id Some(\"req-42\")\n\
         user a@example.com\nuser b@example.com\n"
    );
}
