//! A plain-JSON API that checks `required`: required fields and parameters
//! are sent even at their default (`false`, `0`, `""`, `[]`, `null` for a
//! nullable one); optional ones only when set.

use openapi_required::ClientBuilder;
use openapi_required::model::{CreateItemRequest, Owner};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Sends `request` to a mock server; returns what it received.
async fn sent(request: CreateItemRequest) -> wiremock::Request {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/items"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 1})))
        .expect(1)
        .mount(&server)
        .await;
    let client = ClientBuilder::for_testing(&server.uri()).build().unwrap();
    let owner = client.create_item(request).await.unwrap();
    assert_eq!(owner.id, 1);
    let received = server.received_requests().await.unwrap();
    received.into_iter().next().unwrap()
}

#[tokio::test]
async fn required_fields_at_their_default_are_sent() {
    let request = sent(CreateItemRequest::new()).await;
    let body: Value = serde_json::from_slice(&request.body).unwrap();
    // Every required property, each at its default; the required message
    // is unset, so absent (it cannot be `null`); nothing optional.
    assert_eq!(
        body,
        json!({
            "name": "",
            "enabled": false,
            "count": 0,
            "ratio": 0,
            "tags": [],
            "labels": {},
            "note": null,
        })
    );
    assert_eq!(request.url.query(), Some("dry_run=false"));
    assert_eq!(request.headers.get("X-Tenant").unwrap(), "");
}

#[tokio::test]
async fn optional_fields_are_sent_when_set_even_to_their_default() {
    let request = sent(
        CreateItemRequest::new()
            .with_dry_run(true)
            .with_limit(0)
            .with_x_tenant("acme")
            .with_name("lamp")
            .with_note("fragile")
            .with_owner(Owner::new())
            .with_color("")
            .with_size(0),
    )
    .await;
    let body: Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(body["note"], "fragile");
    assert_eq!(body["owner"], json!({"id": 0}));
    assert_eq!(body["color"], "");
    assert_eq!(body["size"], 0);
    assert_eq!(request.url.query(), Some("dry_run=true&limit=0"));
    assert_eq!(request.headers.get("X-Tenant").unwrap(), "acme");
}
