//! Listing across pages: `items()` and `pages()` streams.

use crate::{rt, support};

use std::time::Duration;

use futures::StreamExt;
use support::*;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use rt::ErrorKind;

/// Serves `total` users, 10 a page. Page tokens hold `+` and `/` so that
/// their encoding is exercised; `next` can be overridden to misbehave.
struct Pager {
    total: usize,
    next: fn(page: usize, total: usize) -> String,
}

fn honest(page: usize, total: usize) -> String {
    if (page + 1) * 10 < total {
        format!("p+{}/x=", page + 1)
    } else {
        String::new()
    }
}

fn page_of(token: &str) -> usize {
    if token.is_empty() {
        return 0;
    }
    let digits: String = token.chars().filter(char::is_ascii_digit).collect();
    digits.parse().unwrap_or(0)
}

impl Respond for Pager {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let token = request
            .url
            .query_pairs()
            .find(|(k, _)| k == "pageToken")
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default();
        let page = page_of(&token);
        let users: Vec<serde_json::Value> = (page * 10..((page + 1) * 10).min(self.total))
            .map(
                |i| serde_json::json!({"id": format!("user_{i}"), "email": format!("u{i}@x.test")}),
            )
            .collect();
        ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "users": users,
            "nextPageToken": (self.next)(page, self.total),
        }))
    }
}

async fn pager(total: usize, next: fn(usize, usize) -> String) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::path("/v1/users"))
        .respond_with(Pager { total, next })
        .mount(&server)
        .await;
    server
}

async fn tokens_requested(server: &MockServer) -> Vec<String> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| {
            r.url
                .query_pairs()
                .find(|(k, _)| k == "pageToken")
                .map(|(_, v)| v.into_owned())
                .unwrap_or_default()
        })
        .collect()
}

fn list() -> ListUsersRequest {
    ListUsersRequest::new().with_organization_id("org_1")
}

#[tokio::test]
async fn lists_of_0_1_and_37_items() {
    for (total, pages) in [(0, 1), (1, 1), (10, 1), (37, 4)] {
        let server = pager(total, honest).await;
        let client = client(&server.uri());
        let users: Vec<User> = client
            .list_users(list())
            .items()
            .try_collect()
            .await
            .unwrap();
        let ids: Vec<String> = users.into_iter().map(|u| u.id).collect();
        let expected: Vec<String> = (0..total).map(|i| format!("user_{i}")).collect();
        assert_eq!(ids, expected);
        assert_eq!(
            tokens_requested(&server).await.len(),
            pages,
            "{total} items"
        );
    }
}

#[tokio::test]
async fn pages_are_whole_responses_and_tokens_survive_encoding() {
    let server = pager(37, honest).await;
    let pages: Vec<ListUsersResponse> = client(&server.uri())
        .list_users(list())
        .pages()
        .try_collect()
        .await
        .unwrap();
    let sizes: Vec<usize> = pages.iter().map(|p| p.users.len()).collect();
    assert_eq!(sizes, [10, 10, 10, 7]);
    assert_eq!(pages[3].next_page_token, "");
    assert_eq!(
        tokens_requested(&server).await,
        ["", "p+1/x=", "p+2/x=", "p+3/x="]
    );
    // Every page request carries the other fields too.
    for request in server.received_requests().await.unwrap() {
        assert!(
            request
                .url
                .query()
                .unwrap()
                .contains("organizationId=org_1")
        );
    }
}

#[tokio::test]
async fn a_repeated_token_ends_with_an_error_not_a_loop() {
    // Every page says the next one is "same".
    let server = pager(100, |_, _| "same".to_string()).await;
    let results: Vec<Result<User, rt::Error>> = client(&server.uri())
        .list_users(list())
        .items()
        .collect()
        .await;
    // Page 1 (no token) and page 2 ("same") are delivered, then the repeat is caught.
    assert_eq!(results.len(), 21);
    assert!(results[..20].iter().all(Result::is_ok));
    let error = results[20].as_ref().unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Pagination);
    assert_eq!(error.operation(), Some("ListUsers"));
    assert!(
        error.to_string().contains("repeated a page token"),
        "{error}"
    );
    assert_eq!(tokens_requested(&server).await, ["", "same"]);
}

#[tokio::test]
async fn a_token_cycle_is_caught_too() {
    // "" -> A(1) -> B(2) -> A(1) -> ...
    let server = pager(100, |page, _| {
        if page == 1 { "B2" } else { "A1" }.to_string()
    })
    .await;
    let pages: Vec<Result<ListUsersResponse, rt::Error>> = client(&server.uri())
        .list_users(list())
        .pages()
        .collect()
        .await;
    assert_eq!(pages.len(), 4);
    assert_eq!(pages[3].as_ref().unwrap_err().kind(), ErrorKind::Pagination);
    assert_eq!(tokens_requested(&server).await, ["", "A1", "B2"]);
}

#[tokio::test]
async fn streams_are_lazy() {
    let server = pager(37, honest).await;
    let mut items = client(&server.uri()).list_users(list()).items();
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(server.received_requests().await.unwrap().is_empty());
    assert_eq!(items.next().await.unwrap().unwrap().id, "user_0");
}

#[tokio::test]
async fn the_next_page_is_fetched_while_the_current_one_is_consumed() {
    let server = pager(37, honest).await;
    let mut items = client(&server.uri()).list_users(list()).items();
    // Take one item of page 1 and stop polling: nine more of page 1 are buffered.
    assert_eq!(items.next().await.unwrap().unwrap().id, "user_0");
    // Page 2 is requested without the consumer asking for more (bounded wait).
    let mut seen = 0;
    for _ in 0..500 {
        seen = server.received_requests().await.unwrap().len();
        if seen == 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(seen, 2, "page 2 was not prefetched");
    assert_eq!(tokens_requested(&server).await, ["", "p+1/x="]);
    // Only one page ahead: page 3 waits until page 2 is handed out.
    for expected in 1..10 {
        assert_eq!(
            items.next().await.unwrap().unwrap().id,
            format!("user_{expected}")
        );
    }
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
    let rest: Vec<User> = items.try_collect().await.unwrap();
    assert_eq!(rest.len(), 27);
}

#[tokio::test]
async fn an_error_mid_listing_ends_the_stream() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::query_param("pageToken", "p+1/x="))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_string(r#"{"code":5,"message":"not_found","details":[]}"#),
        )
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(wiremock::matchers::path("/v1/users"))
        .respond_with(Pager {
            total: 37,
            next: honest,
        })
        .with_priority(2)
        .mount(&server)
        .await;
    let results: Vec<Result<User, rt::Error>> = client(&server.uri())
        .list_users(list())
        .items()
        .collect()
        .await;
    assert_eq!(results.len(), 11);
    let error = results[10].as_ref().unwrap_err();
    assert!(error.is_not_found());
    assert_eq!(error.operation(), Some("ListUsers"));
}

#[tokio::test]
async fn options_apply_to_every_page() {
    let server = pager(25, honest).await;
    let _: Vec<User> = client(&server.uri())
        .list_users(list())
        .header("X-Page-Run", "r1")
        .items()
        .try_collect()
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 3);
    for request in requests {
        assert_eq!(request.headers.get("x-page-run").unwrap(), "r1");
    }
}

#[tokio::test]
async fn streams_are_send_and_static() {
    fn assert_send_static<T: Send + 'static>(_: &T) {}
    let server = pager(12, honest).await;
    let items = client(&server.uri()).list_users(list()).items();
    let pages = client(&server.uri()).list_users(list()).pages();
    assert_send_static(&items);
    assert_send_static(&pages);
    let count = tokio::spawn(async move { items.count().await })
        .await
        .unwrap();
    assert_eq!(count, 12);
}

#[test]
fn a_stream_polled_outside_tokio_yields_an_error_not_a_panic() {
    let client = client("http://127.0.0.1:9");
    let mut items = client.list_users(list()).items();
    let first = futures::executor::block_on(items.next()).unwrap();
    assert_eq!(first.unwrap_err().kind(), ErrorKind::Config);
    assert!(futures::executor::block_on(items.next()).is_none());
}
