//! Connection settings: where the API key comes from, `--base-url`,
//! `--timeout`, `--max-retries`, `--dry-run`, and the exit codes of
//! failures that are not answers.

use std::time::Duration;

use serde_json::json;
use wiremock::ResponseTemplate;

use crate::entities::*;
use crate::harness::{API_KEY, Expect, Run, Server, header};
use crate::input::scratch;

/// The Authorization header of the one request received.
async fn authorization(server: &Server) -> Option<String> {
    let request = server.only_request("authorization").await;
    header(&request, "authorization").map(str::to_owned)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_key_sources() {
    let server = Server::start().await;
    server.answer_json(&json!({})).await;

    // The second variable when the first is not set; the first wins.
    let backend = server
        .tesseral(&["project", "get"])
        .without_env("TESSERAL_API_KEY")
        .env("TESSERAL_BACKEND_API_KEY", "sk_backend");
    server.answer_json(&json!({})).await;
    backend.run().await.success("TESSERAL_BACKEND_API_KEY");
    assert_eq!(
        authorization(&server).await.as_deref(),
        Some("Bearer sk_backend")
    );
    server.answer_json(&json!({})).await;
    server
        .tesseral(&["project", "get"])
        .env("TESSERAL_BACKEND_API_KEY", "sk_backend")
        .run()
        .await
        .success("both variables");
    assert_eq!(
        authorization(&server).await,
        Some(format!("Bearer {API_KEY}"))
    );

    // A file (its trailing newline is not part of the key) beats the
    // environment.
    let dir = scratch("api-key-file");
    let file = dir.join("key");
    std::fs::write(&file, "sk_from_file\n").unwrap();
    server.answer_json(&json!({})).await;
    server
        .tesseral(&["project", "get", "--api-key-file", file.to_str().unwrap()])
        .run()
        .await
        .success("--api-key-file");
    assert_eq!(
        authorization(&server).await.as_deref(),
        Some("Bearer sk_from_file")
    );
    let missing = dir.join("nope");
    let outcome = server
        .tesseral(&[
            "project",
            "get",
            "--api-key-file",
            missing.to_str().unwrap(),
        ])
        .run()
        .await;
    assert!(
        outcome
            .failure(2, "missing key file")
            .contains("--api-key-file")
            && outcome.stderr.contains("cannot read"),
        "{}",
        outcome.stderr
    );

    // `--api-key` works, with a warning about the process list.
    server.answer_json(&json!({})).await;
    let outcome = server
        .tesseral(&["project", "get", "--api-key", "sk_inline"])
        .run()
        .await;
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert_eq!(
        outcome.stderr,
        "warning: --api-key puts the key in the process list and the shell history, where other users \
         and programs can read it; prefer TESSERAL_API_KEY or --api-key-file\n"
    );
    assert!(!outcome.stderr.contains("sk_inline"));
    assert_eq!(
        authorization(&server).await.as_deref(),
        Some("Bearer sk_inline")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn base_url_flag_beats_the_environment() {
    let server = Server::start().await;
    server.answer_json(&json!({"project": project()})).await;
    let outcome = server
        .tesseral(&["project", "get", "--base-url", &server.mock.uri()])
        .env("TESSERAL_BASE_URL", "http://127.0.0.1:9")
        .run()
        .await;
    assert_eq!(outcome.json("--base-url"), json!({"project": project()}));
    // A path prefix in the base URL is kept.
    server.answer_json(&json!({})).await;
    let prefixed = format!("{}/tesseral/", server.mock.uri());
    server
        .tesseral(&["project", "get", "--base-url", &prefixed])
        .run()
        .await
        .success("prefix");
    Expect::new("GET", "/tesseral/v1/project")
        .verify(&server.only_request("prefix").await, "prefix");
    let bad = server
        .tesseral(&["project", "get", "--base-url", "ftp://example.com"])
        .run()
        .await;
    assert!(
        bad.failure(2, "bad base URL").contains("base URL"),
        "{}",
        bad.stderr
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn timeouts_and_unreachable_servers_exit_5() {
    let server = Server::start().await;
    server
        .answer(
            ResponseTemplate::new(200)
                .set_body_string("{}")
                .set_delay(Duration::from_secs(5)),
        )
        .await;
    let outcome = server
        .tesseral(&["organizations", "get", ORG_ID, "--timeout", "200ms"])
        .run()
        .await;
    assert_eq!(
        outcome.failure(5, "--timeout"),
        "error: GetOrganization: the call timed out after 200ms"
    );

    // Nothing listens there (a port just bound and released).
    let gone = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", listener.local_addr().unwrap())
    };
    let outcome = Run::new(&["organizations", "get", ORG_ID, "--max-retries", "0"])
        .env("TESSERAL_API_KEY", API_KEY)
        .env("TESSERAL_BASE_URL", &gone)
        .run()
        .await;
    let line = outcome.failure(5, "refused");
    assert!(
        line.starts_with("error: GetOrganization: transport error: connecting"),
        "{line}"
    );
    assert!(!line.contains(API_KEY));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn max_retries() {
    let server = Server::start().await;
    server
        .answer(ResponseTemplate::new(503).set_body_string(""))
        .await;
    let outcome = server
        .tesseral(&["organizations", "get", ORG_ID, "--max-retries", "0"])
        .run()
        .await;
    assert_eq!(
        outcome.failure(4, "503"),
        "error: GetOrganization: API error: HTTP 503 Service Unavailable; empty body"
    );
    assert_eq!(server.requests().await.len(), 1, "no retry");
    server
        .answer(ResponseTemplate::new(503).insert_header("retry-after", "0"))
        .await;
    let outcome = server
        .tesseral(&["organizations", "get", ORG_ID, "--max-retries", "1"])
        .run()
        .await;
    assert_eq!(outcome.code, 4);
    assert!(
        outcome.stderr.contains("after 2 attempts"),
        "{}",
        outcome.stderr
    );
    assert_eq!(server.requests().await.len(), 2, "one retry");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dry_run_prints_the_request_and_sends_nothing() {
    let server = Server::start().await;
    server.answer_json(&json!({})).await;
    let outcome = server
        .tesseral(&[
            "user-invites",
            "create",
            "--organization-id",
            ORG_ID,
            "--email",
            "a@acme.com",
            "--send-email",
            "--dry-run",
        ])
        .run()
        .await;
    let version = env!("CARGO_PKG_VERSION");
    let sdk_version = "0.1.0";
    assert_eq!(
        outcome.success("--dry-run"),
        format!(
            "POST {}/v1/user-invites?sendEmail=true\n\
             accept: application/json\n\
             authorization: Bearer <redacted>\n\
             content-type: application/json\n\
             user-agent: tesseral-rust/{sdk_version}\n\
             \n\
             {{\"organizationId\":\"{ORG_ID}\",\"email\":\"a@acme.com\"}}\n",
            server.mock.uri()
        ),
        "(the CLI is version {version})"
    );
    assert!(!outcome.stdout.contains(API_KEY));
    // A list with --all shows its first request.
    let list = server
        .tesseral(&[
            "users",
            "list",
            "--organization-id",
            ORG_ID,
            "--all",
            "--dry-run",
        ])
        .run()
        .await;
    assert!(
        list.success("list --dry-run").starts_with(&format!(
            "GET {}/v1/users?organizationId={ORG_ID}\n",
            server.mock.uri()
        )),
        "{}",
        list.stdout
    );
    assert!(
        server.requests().await.is_empty(),
        "--dry-run sends nothing"
    );
}
