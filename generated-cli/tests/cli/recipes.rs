//! The README's scripting recipes, run as written with bash (and jq)
//! against a local mock server, the binary first on `PATH`.

use std::path::Path;

use serde_json::{Value, json};
use wiremock::matchers::{method, query_param, query_param_is_missing};
use wiremock::{Mock, ResponseTemplate};

use crate::entities::*;
use crate::harness::{API_KEY, BIN, Expect, Run, Server, json_response};
use crate::input::scratch;

/// The shell code of the README's recipe `name` (the `sh` block after
/// `<!-- recipe: name -->`).
fn recipe(name: &str) -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md");
    let readme = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let marker = format!("<!-- recipe: {name} -->");
    let after = readme
        .split_once(&marker)
        .unwrap_or_else(|| panic!("README.md has no {marker}"))
        .1;
    let block = after
        .trim_start()
        .strip_prefix("```sh\n")
        .unwrap_or_else(|| panic!("README.md: {marker} must be followed by a ```sh block"));
    block
        .split_once("```")
        .unwrap_or_else(|| panic!("README.md: the block after {marker} is not closed"))
        .0
        .to_owned()
}

/// Runs a recipe with bash in `dir`.
async fn run(server: &Server, name: &str, dir: &Path) {
    let jq = std::process::Command::new("jq")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        jq,
        "the README's recipes use jq: install it (apt-get install jq)"
    );
    let script = format!("set -euo pipefail\n{}", recipe(name));
    let bin_dir = Path::new(BIN).parent().unwrap().display().to_string();
    let outcome = Run::new(&["-c", &script])
        .env("PATH", &format!("{bin_dir}:/usr/local/bin:/usr/bin:/bin"))
        .env("TESSERAL_BASE_URL", &server.mock.uri())
        .env("TESSERAL_API_KEY", API_KEY)
        .dir(dir)
        .run_program("bash")
        .await;
    assert_eq!(outcome.code, 0, "recipe {name}: {}", outcome.stderr);
    assert_eq!(outcome.stderr, "", "recipe {name}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_users_as_json_lines() {
    let server = Server::start().await;
    Mock::given(query_param_is_missing("pageToken"))
        .and(query_param("organizationId", ORG_ID))
        .respond_with(json_response(
            &json!({"users": [user(), user_sparse()], "nextPageToken": "t1"}),
        ))
        .mount(&server.mock)
        .await;
    Mock::given(query_param("pageToken", "t1"))
        .and(query_param("organizationId", ORG_ID))
        .respond_with(json_response(&json!({"users": [{"id": "user_3"}]})))
        .mount(&server.mock)
        .await;
    let dir = scratch("recipe-export");
    run(&server, "export-users", &dir).await;
    let text = std::fs::read_to_string(dir.join("users.jsonl")).unwrap();
    let users: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(users, [user(), user_sparse(), json!({"id": "user_3"})]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disable_google_login_everywhere() {
    let server = Server::start().await;
    let org = |id: &str| json!({"id": id, "displayName": id, "logInWithGoogle": true});
    Mock::given(method("GET"))
        .and(query_param_is_missing("pageToken"))
        .respond_with(json_response(
            &json!({"organizations": [org("org_a"), org("org_b")], "nextPageToken": "t1"}),
        ))
        .mount(&server.mock)
        .await;
    Mock::given(method("GET"))
        .and(query_param("pageToken", "t1"))
        .respond_with(json_response(&json!({"organizations": [org("org_c")]})))
        .mount(&server.mock)
        .await;
    Mock::given(method("PATCH"))
        .respond_with(json_response(&json!({"organization": org("org_x")})))
        .mount(&server.mock)
        .await;
    run(&server, "disable-google-login", &scratch("recipe-google")).await;
    let patches: Vec<_> = server
        .requests()
        .await
        .into_iter()
        .filter(|r| r.method.as_str() == "PATCH")
        .collect();
    assert_eq!(patches.len(), 3, "one update per organization");
    for (request, id) in patches.iter().zip(["org_a", "org_b", "org_c"]) {
        Expect::new("PATCH", &format!("/v1/organizations/{id}"))
            .body(json!({"logInWithGoogle": false}))
            .verify(request, id);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn user_invites_from_csv_lines() {
    let server = Server::start().await;
    server
        .answer(
            ResponseTemplate::new(200)
                .set_body_string(json!({"userInvite": user_invite()}).to_string()),
        )
        .await;
    let dir = scratch("recipe-csv");
    std::fs::write(
        dir.join("invites.csv"),
        format!("ada@acme.com,{ORG_ID},true\nalan@acme.com,org_2,false\n"),
    )
    .unwrap();
    run(&server, "invites-from-csv", &dir).await;
    let requests = server.requests().await;
    assert_eq!(requests.len(), 2, "one invite per line");
    Expect::new("POST", "/v1/user-invites")
        .query(&[("sendEmail", "true")])
        .body(json!({"organizationId": ORG_ID, "email": "ada@acme.com", "owner": true}))
        .verify(&requests[0], "line 1");
    Expect::new("POST", "/v1/user-invites")
        .query(&[("sendEmail", "true")])
        // `owner` has no presence: false is its default, left out.
        .body(json!({"organizationId": "org_2", "email": "alan@acme.com"}))
        .verify(&requests[1], "line 2");
}

/// A reader that stops early (`| head -n 1`) ends the listing quietly.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_closed_pipe_ends_the_listing_quietly() {
    let server = Server::start().await;
    let many: Vec<Value> = (0..2000)
        .map(|i| json!({"id": format!("user_{i}")}))
        .collect();
    Mock::given(query_param_is_missing("pageToken"))
        .respond_with(json_response(
            &json!({"users": many, "nextPageToken": "t1"}),
        ))
        .mount(&server.mock)
        .await;
    Mock::given(query_param("pageToken", "t1"))
        .respond_with(json_response(&json!({"users": [{"id": "last"}]})))
        .mount(&server.mock)
        .await;
    let bin_dir = Path::new(BIN).parent().unwrap().display().to_string();
    let outcome = Run::new(&[
        "-c",
        "set -o pipefail; tesseral users list --all | head -n 1; echo \"status ${PIPESTATUS[0]}\"",
    ])
    .env("PATH", &format!("{bin_dir}:/usr/bin:/bin"))
    .env("TESSERAL_BASE_URL", &server.mock.uri())
    .env("TESSERAL_API_KEY", API_KEY)
    .run_program("bash")
    .await;
    assert_eq!(
        outcome.stdout, "{\"id\":\"user_0\"}\nstatus 0\n",
        "{}",
        outcome.stderr
    );
    assert_eq!(outcome.stderr, "");
}
