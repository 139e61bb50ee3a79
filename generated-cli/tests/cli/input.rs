//! Requests from the command line: `--body` (a file or stdin) under the
//! flags, and bad input: a clear error, exit 2, nothing sent.

use serde_json::json;

use crate::entities::ORG_ID;
use crate::harness::{Expect, Server};

/// A scratch directory of its own for one test.
pub fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("tesseral-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    dir
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn body_from_stdin_under_the_flags() {
    let server = Server::start().await;
    server.answer_json(&json!({})).await;
    // The response of `get`, edited, piped to `update`: flags override it
    // and the positional ID is the one in the path.
    let body = json!({
        "id": "org_other",
        "organization": {"displayName": "Old name", "requireMfa": true, "logInWithGoogle": true}
    });
    let outcome = server
        .tesseral(&[
            "organizations",
            "update",
            ORG_ID,
            "--body",
            "-",
            "--display-name",
            "New name",
            "--log-in-with-google=false",
        ])
        .stdin(&body.to_string())
        .run()
        .await;
    assert_eq!(outcome.json("update --body -"), json!({}));
    Expect::new("PATCH", &format!("/v1/organizations/{ORG_ID}"))
        .body(json!({"displayName": "New name", "requireMfa": true, "logInWithGoogle": false}))
        .verify(
            &server.only_request("update --body -").await,
            "update --body -",
        );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn body_from_a_file() {
    let server = Server::start().await;
    server.answer_json(&json!({})).await;
    let dir = scratch("body-file");
    let file = dir.join("invite.json");
    std::fs::write(
        &file,
        r#"{"userInvite": {"organizationId": "org_1", "email": "a@acme.com"}, "sendEmail": true}"#,
    )
    .unwrap();
    let outcome = server
        .tesseral(&[
            "user-invites",
            "create",
            "--body",
            file.to_str().unwrap(),
            "--owner",
        ])
        .run()
        .await;
    outcome.success("create --body FILE");
    Expect::new("POST", "/v1/user-invites")
        .query(&[("sendEmail", "true")])
        .body(json!({"organizationId": "org_1", "email": "a@acme.com", "owner": true}))
        .verify(
            &server.only_request("create --body FILE").await,
            "create --body FILE",
        );
}

/// Each bad command line: exit 2, one clear message, nothing sent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_sends_nothing() {
    let server = Server::start().await;
    server.answer_json(&json!({})).await;
    let dir = scratch("bad-input");
    let not_json = dir.join("not.json");
    std::fs::write(&not_json, "{\"organization\": ").unwrap();
    let array = dir.join("array.json");
    std::fs::write(&array, "[1]").unwrap();
    let missing = dir.join("missing.json");
    let path = |p: &std::path::Path| p.to_str().unwrap().to_owned();

    let cases: Vec<(Vec<String>, Option<&str>, &str)> = vec![
        (
            strings(&["users", "list", "--organization-id", ORG_ID, "--bogus"]),
            None,
            "unexpected argument '--bogus' found",
        ),
        (
            strings(&["users", "frobnicate"]),
            None,
            "unrecognized subcommand 'frobnicate'",
        ),
        (
            strings(&["users", "get"]),
            None,
            "the following required arguments were not provided",
        ),
        (
            strings(&[
                "organizations",
                "update",
                ORG_ID,
                "--log-in-with-google=maybe",
            ]),
            None,
            "invalid value 'maybe' for '--log-in-with-google[=<BOOL>]': expected `true` or `false`",
        ),
        // A bool's value is never the next word.
        (
            strings(&[
                "organizations",
                "update",
                ORG_ID,
                "--log-in-with-google",
                "false",
            ]),
            None,
            "unexpected argument 'false' found",
        ),
        (
            strings(&["api-keys", "create", "--expire-time", "2026-01-01"]),
            None,
            "invalid value '2026-01-01' for '--expire-time <RFC3339>'",
        ),
        (
            strings(&["passkeys", "update", "p", "--credential-id", "not base64!"]),
            None,
            "invalid value 'not base64!' for '--credential-id <BASE64>': expected base64",
        ),
        (
            strings(&["audit-log-events", "create", "--event-details", "{oops"]),
            None,
            "invalid value '{oops' for '--event-details <JSON>': not JSON",
        ),
        (
            strings(&["organizations", "list", "--output", "xml"]),
            None,
            "invalid value 'xml' for '--output <FORMAT>'",
        ),
        (
            [
                strings(&["organizations", "update", ORG_ID, "--body"]),
                vec![path(&missing)],
            ]
            .concat(),
            None,
            "cannot read: No such file or directory",
        ),
        (
            [
                strings(&["organizations", "update", ORG_ID, "--body"]),
                vec![path(&not_json)],
            ]
            .concat(),
            None,
            "not JSON: EOF while parsing",
        ),
        (
            [
                strings(&["organizations", "update", ORG_ID, "--body"]),
                vec![path(&array)],
            ]
            .concat(),
            None,
            "the request must be a JSON object",
        ),
        (
            strings(&["organizations", "update", ORG_ID, "--body", "-"]),
            Some(r#"{"organization": {"logInWithGogle": false}}"#),
            "error: the request has no field `organization.logInWithGogle`",
        ),
        (
            strings(&["organizations", "update", ORG_ID, "--body", "-"]),
            Some(r#"{"organization": {"logInWithGoogle": "no"}}"#),
            "error: the request, at `organization.logInWithGoogle`: invalid type: string \"no\"",
        ),
        // An empty path parameter would change the route.
        (
            strings(&["organizations", "get", ""]),
            None,
            "error: GetOrganization: invalid request: path parameter `id` is empty",
        ),
        (
            strings(&["organizations", "get", ORG_ID, "--timeout", "soon"]),
            None,
            "invalid value 'soon' for '--timeout <DURATION>'",
        ),
    ];
    for (args, stdin, expected) in cases {
        let at = format!("tesseral {}", args.join(" "));
        let mut run = server.tesseral(&args);
        if let Some(stdin) = stdin {
            run = run.stdin(stdin);
        }
        let outcome = run.run().await;
        assert_eq!(
            outcome.code, 2,
            "{at}: exit code; stderr: {}",
            outcome.stderr
        );
        assert_eq!(outcome.stdout, "", "{at}: stdout");
        assert!(
            outcome.stderr.contains(expected),
            "{at}: stderr must say {expected:?}: {}",
            outcome.stderr
        );
        assert!(
            outcome.stderr.starts_with("error: "),
            "{at}: {}",
            outcome.stderr
        );
        assert!(
            server.requests().await.is_empty(),
            "{at}: nothing may be sent"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_api_key_is_a_usage_error() {
    let server = Server::start().await;
    server.answer_json(&json!({})).await;
    for empty in [None, Some("")] {
        let mut run = server
            .tesseral(&["organizations", "list"])
            .without_env("TESSERAL_API_KEY");
        if let Some(value) = empty {
            run = run.env("TESSERAL_API_KEY", value);
        }
        let outcome = run.run().await;
        assert_eq!(
            outcome.failure(2, "no key"),
            "error: no API key: set TESSERAL_API_KEY (or TESSERAL_BACKEND_API_KEY), or pass --api-key-file FILE"
        );
    }
    assert!(server.requests().await.is_empty());
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| (*a).to_owned()).collect()
}
