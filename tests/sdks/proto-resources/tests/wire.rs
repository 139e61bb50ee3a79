//! Resource names in the path, as `google.api.http` sends them: a
//! multi-segment variable keeps its `/` (each segment still
//! percent-encoded), a value that does not match its pattern is refused
//! before anything is sent, and AIP-134's `{book.name}` with `body: "book"`
//! sends the name in the path only.

use proto_resources::model::{
    ArchiveBookRequest, Book, GetBookRequest, GetFileRequest, UpdateBookRequest,
};
use proto_resources::{ClientBuilder, ErrorKind, wkt};
use serde_json::{Value, json};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> proto_resources::Client {
    ClientBuilder::for_testing(&server.uri()).build().unwrap()
}

async fn only_request(server: &MockServer) -> wiremock::Request {
    let mut received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 1);
    received.remove(0)
}

#[tokio::test]
async fn multi_segment_names_keep_their_slashes() {
    let server = server().await;
    client(&server)
        .get_book(GetBookRequest::new().with_name("shelves/1/books/2"))
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(request.url.path(), "/v1/shelves/1/books/2");
}

#[tokio::test]
async fn each_segment_is_still_percent_encoded() {
    let server = server().await;
    client(&server)
        .get_book(GetBookRequest::new().with_name("shelves/a b/books/c?d#e%2F"))
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/v1/shelves/a%20b/books/c%3Fd%23e%252F");
}

#[tokio::test]
async fn a_name_that_does_not_match_its_pattern_is_not_sent() {
    let server = server().await;
    let client = client(&server);
    for name in [
        "shelves/1",
        "shelves/1/books/2/pages/3",
        "racks/1/books/2",
        "shelves//books/2",
    ] {
        let error = client
            .get_book(GetBookRequest::new().with_name(name))
            .await
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidRequest, "{name}");
        assert_eq!(
            error.to_string(),
            format!(
                "GetBook: invalid request: path parameter `name` is {name:?}, which does not \
                 match its pattern `shelves/*/books/*`"
            )
        );
    }
    for path in ["files/../admin", "docs/a"] {
        let error = client
            .get_file(GetFileRequest::new().with_path(path))
            .await
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidRequest, "{path}");
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_double_wildcard_takes_any_number_of_segments() {
    let server = server().await;
    client(&server)
        .get_file(GetFileRequest::new().with_path("files/a/b/c.txt"))
        .await
        .unwrap();
    assert_eq!(
        only_request(&server).await.url.path(),
        "/v1/files/a/b/c.txt"
    );
}

#[tokio::test]
async fn the_standard_update_sends_the_name_in_the_path_only() {
    let server = server().await;
    let book = Book::new()
        .with_name("shelves/1/books/2")
        .with_title("Dune")
        .with_author("Herbert");
    client(&server)
        .update_book(
            UpdateBookRequest::new()
                .with_book(book)
                .with_update_mask(wkt::FieldMask::new(["title", "author"])),
        )
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "PATCH");
    assert_eq!(request.url.path(), "/v1/shelves/1/books/2");
    assert_eq!(request.url.query(), Some("updateMask=title%2Cauthor"));
    let body: Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(body, json!({"title": "Dune", "author": "Herbert"}));
}

#[tokio::test]
async fn a_custom_method_sends_the_rest_of_the_request_as_the_body() {
    let server = server().await;
    client(&server)
        .archive_book(
            ArchiveBookRequest::new()
                .with_name("shelves/1/books/2")
                .with_reason("worn out"),
        )
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/v1/shelves/1/books/2:archive");
    let body: Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(body, json!({"reason": "worn out"}));
}
