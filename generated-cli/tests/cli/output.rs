//! Output: canonical JSON in the SDK's field order, JSON Lines, YAML,
//! tables; listings of one page or, with `--all`, every item of every
//! page; the progress line.

use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, ResponseTemplate};

use crate::entities::*;
use crate::harness::{Server, json_response};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_keeps_the_sdks_field_order() {
    let server = Server::start().await;
    server.answer_json(&json!({"user": user_sparse()})).await;
    let stdout = server.tesseral(&["users", "get", USER_ID]).run().await;
    // Canonical protojson in field order (not sorted by name), compact
    // because stdout is not a terminal.
    let user = user_sparse();
    let expected = format!(
        "{{\"user\":{{\"id\":{},\"organizationId\":{},\"email\":{},\"createTime\":{},\"updateTime\":{}}}}}\n",
        user["id"], user["organizationId"], user["email"], user["createTime"], user["updateTime"]
    );
    assert_eq!(user.as_object().unwrap().len(), 5, "the fixture's members");
    assert_eq!(stdout.success("users get"), expected);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn formats() {
    let server = Server::start().await;
    let page = json!({"users": [user(), user_sparse()], "nextPageToken": NEXT_PAGE_TOKEN});
    server.answer_json(&page).await;
    let list = |format: &str| {
        server
            .tesseral(&["users", "list", "--output", format])
            .run()
    };

    let jsonl = list("jsonl").await;
    let lines: Vec<Value> = jsonl
        .success("jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines, [user(), user_sparse()], "one item per line");

    let yaml = list("yaml").await;
    let parsed: Value = serde_yaml::from_str(yaml.success("yaml")).unwrap();
    assert_eq!(parsed, page, "the whole page as YAML");

    let table = list("table").await;
    let text = table.success("table");
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(rows.len(), 3, "a header and a row per item: {text}");
    let header: Vec<&str> = rows[0].split_whitespace().collect();
    assert_eq!(&header[..3], ["id", "organizationId", "email"], "{text}");
    assert!(
        rows[1].starts_with(USER_ID) && rows[1].contains(ORG_ID),
        "{text}"
    );
    assert!(rows[2].starts_with("user_"), "{text}");

    // One resource is one row; `-o` is `--output`.
    server
        .answer_json(&json!({"organization": organization_sparse()}))
        .await;
    let one = server
        .tesseral(&["organizations", "get", ORG_ID, "-o", "table"])
        .run()
        .await;
    let text = one.success("get -o table");
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(text.starts_with("id "), "{text}");
    assert!(text.contains("Initech"), "{text}");

    let jsonl = server
        .tesseral(&["organizations", "get", ORG_ID, "-o", "jsonl"])
        .run()
        .await;
    assert_eq!(
        jsonl.json("get -o jsonl"),
        json!({"organization": organization_sparse()})
    );
}

/// Three pages, chained by their tokens.
async fn three_pages(server: &Server) {
    server.mock.reset().await;
    let page = |users: Vec<Value>, next: &str| {
        json_response(&json!({"users": users, "nextPageToken": next}))
    };
    let token = |t: &str| query_param("pageToken", t);
    Mock::given(method("GET"))
        .and(path("/v1/users"))
        .and(query_param_is_missing("pageToken"))
        .respond_with(page(vec![user(), user_sparse()], "t1"))
        .mount(&server.mock)
        .await;
    Mock::given(path("/v1/users"))
        .and(token("t1"))
        .respond_with(page(vec![json!({"id": "user_3"})], "t2"))
        .mount(&server.mock)
        .await;
    Mock::given(path("/v1/users"))
        .and(token("t2"))
        .respond_with(page(vec![json!({"id": "user_4"})], ""))
        .mount(&server.mock)
        .await;
}

fn every_user() -> Vec<Value> {
    vec![
        user(),
        user_sparse(),
        json!({"id": "user_3"}),
        json!({"id": "user_4"}),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn all_lists_every_item_of_every_page() {
    let server = Server::start().await;
    three_pages(&server).await;
    let outcome = server
        .tesseral(&["users", "list", "--organization-id", ORG_ID, "--all"])
        .run()
        .await;
    let items: Vec<Value> = outcome
        .success("--all")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(items, every_user(), "JSON Lines, in order");
    let tokens: Vec<Option<String>> = server
        .requests()
        .await
        .iter()
        .map(|r| {
            assert_eq!(
                r.url
                    .query_pairs()
                    .find(|(k, _)| k == "organizationId")
                    .map(|(_, v)| v.into_owned()),
                Some(ORG_ID.to_owned()),
                "every page keeps the filter"
            );
            r.url
                .query_pairs()
                .find(|(k, _)| k == "pageToken")
                .map(|(_, v)| v.into_owned())
        })
        .collect();
    assert_eq!(tokens, [None, Some("t1".to_owned()), Some("t2".to_owned())]);

    // From a page token on.
    three_pages(&server).await;
    let from_t1 = server
        .tesseral(&["users", "list", "--all", "--page-token", "t1"])
        .run()
        .await;
    assert_eq!(from_t1.success("--all --page-token").lines().count(), 2);

    // Collected into one value for the other formats.
    three_pages(&server).await;
    let array = server
        .tesseral(&["users", "list", "--all", "-o", "json"])
        .run()
        .await;
    assert_eq!(array.json("--all -o json"), Value::Array(every_user()));
    three_pages(&server).await;
    let table = server
        .tesseral(&["users", "list", "--all", "-o", "table"])
        .run()
        .await;
    assert_eq!(
        table.success("--all -o table").lines().count(),
        5,
        "a header and 4 rows"
    );
    three_pages(&server).await;
    let yaml = server
        .tesseral(&["users", "list", "--all", "-o", "yaml"])
        .run()
        .await;
    let parsed: Value = serde_yaml::from_str(yaml.success("--all -o yaml")).unwrap();
    assert_eq!(parsed, Value::Array(every_user()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn progress_line_only_when_asked_or_on_a_terminal() {
    let server = Server::start().await;
    three_pages(&server).await;
    let outcome = server
        .tesseral(&["users", "list", "--all", "--progress", "always"])
        .run()
        .await;
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert_eq!(outcome.stdout.lines().count(), 4);
    assert_eq!(
        outcome.stderr, "listed 2 items (1 page)…\r\x1b[Klisted 3 items (2 pages)…\r\x1b[K",
        "shown after every page that has a next one, cleared before the next page's items and at the end"
    );
    // stderr is not a terminal here: `auto` shows nothing.
    three_pages(&server).await;
    let quiet = server.tesseral(&["users", "list", "--all"]).run().await;
    quiet.success("--all, progress auto");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_error_mid_listing_keeps_what_was_printed() {
    let server = Server::start().await;
    Mock::given(query_param_is_missing("pageToken"))
        .respond_with(json_response(
            &json!({"users": [user()], "nextPageToken": "t1"}),
        ))
        .mount(&server.mock)
        .await;
    Mock::given(query_param("pageToken", "t1"))
        .respond_with(ResponseTemplate::new(403).set_body_string(
            r#"{"code":7,"message":"permission_denied","details":[{"description":"the key may not list users"}]}"#,
        ))
        .mount(&server.mock)
        .await;
    let outcome = server.tesseral(&["users", "list", "--all"]).run().await;
    assert_eq!(outcome.code, 4, "another API error: {}", outcome.stderr);
    assert_eq!(outcome.stdout.lines().count(), 1, "{}", outcome.stdout);
    let first: Value = serde_json::from_str(outcome.stdout.trim_end()).unwrap();
    assert_eq!(first, user(), "the first page's item was printed");
    assert_eq!(
        outcome.stderr,
        "error: ListUsers: API error: HTTP 403 Forbidden, code 7 (PERMISSION_DENIED), permission_denied: the key may not list users\n"
    );
}

/// On a terminal (a pty from util-linux `script`, which puts the tool's
/// stdout and stderr on it): pretty JSON, and with `--all` the progress
/// line, both without being asked.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_terminal_json_is_pretty_and_listings_show_progress() {
    let script = std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        script,
        "this test runs the tool on a pty with `script` (apt-get install util-linux)"
    );
    let server = Server::start().await;
    let on_a_terminal = |args: &str| {
        let command = format!("{} {args}", crate::harness::BIN);
        crate::harness::Run::new(&["-qec", &command, "/dev/null"])
            .env("TESSERAL_BASE_URL", &server.mock.uri())
            .env("TESSERAL_API_KEY", crate::harness::API_KEY)
            .env("TERM", "dumb")
            .run_program("script")
    };

    server
        .answer_json(&json!({"organization": organization_sparse()}))
        .await;
    let get = on_a_terminal(&format!("organizations get {ORG_ID}")).await;
    assert_eq!(get.code, 0, "{}", get.stdout);
    // The terminal writes a line end as \r\n.
    let text = get.stdout.replace("\r\n", "\n");
    let parsed: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(parsed, json!({"organization": organization_sparse()}));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        (lines.len(), lines[1], lines[2]),
        (
            9,
            "  \"organization\": {",
            "    \"id\": \"org_5b1nqyq6c0oyxcsf9u8g1g5hl\","
        ),
        "pretty JSON on a terminal, in the SDK's field order: {text}"
    );

    three_pages(&server).await;
    let all = on_a_terminal("users list --all").await;
    assert_eq!(all.code, 0, "{}", all.stdout);
    // Cleared before more items: an item line never starts after it.
    assert!(
        all.stdout
            .contains("listed 2 items (1 page)…\r\x1b[K{\"id\":\"user_3\"}")
            && all
                .stdout
                .contains("listed 3 items (2 pages)…\r\x1b[K{\"id\":\"user_4\"}"),
        "the progress line on a terminal: {:?}",
        all.stdout
    );
    // `--all` is JSON Lines whatever stdout is.
    let items: Vec<Value> = all
        .stdout
        .replace("\r\x1b[K", "\n")
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l.trim_end_matches('\r')).unwrap())
        .collect();
    assert_eq!(items, every_user());
}
