//! The testing stub: calls answered by handlers, never by HTTP.

use crate::{rt, support};

use std::sync::{Arc, Mutex};

use support::*;

use rt::{ApiError, Code, ErrorKind};

fn user(id: &str) -> User {
    User::new().with_id(id)
}

fn org(id: &str) -> GetOrganizationResponse {
    GetOrganizationResponse::new().with_organization(Organization::new().with_id(id))
}

#[tokio::test]
async fn answered_calls_return_the_handlers_responses() {
    let stub = Stub::new().get_organization(|request| Ok(org(&request.id)));
    let client = stub.client();
    let response = client.get_organization(get("org_1")).await.unwrap();
    assert_eq!(response.organization.unwrap().id, "org_1");
    // Options and metadata work as with a real client.
    let (response, metadata) = client
        .get_organization(get("org_2"))
        .timeout(ms(1))
        .header("X-Request-Id", "r")
        .with_metadata()
        .await
        .unwrap();
    assert_eq!(response.organization.unwrap().id, "org_2");
    assert_eq!((metadata.status(), metadata.attempts()), (200, 1));
    assert!(metadata.headers().is_empty());
    assert_eq!(stub.calls(), ["GetOrganization", "GetOrganization"]);
    assert!(format!("{client:?}").contains("stub"));
}

#[tokio::test]
async fn an_operation_without_a_handler_names_its_setter() {
    let stub = Stub::new();
    let error = stub
        .client()
        .create_organization(CreateOrganizationRequest::default())
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Config);
    assert_eq!(error.operation(), Some("CreateOrganization"));
    assert_eq!(
        error.to_string(),
        "CreateOrganization: configuration error: the stub has no answer for \
         CreateOrganization: set one with Stub::create_organization"
    );
    // Unanswered calls are recorded too.
    assert_eq!(stub.calls(), ["CreateOrganization"]);
}

#[tokio::test]
async fn handlers_return_api_errors() {
    let stub = Stub::new().get_organization(|request| {
        Err(ApiError::new(Code::NotFound, "not_found")
            .with_description(format!("no organization {}", request.id))
            .into())
    });
    let error = stub
        .client()
        .get_organization(get("org_x"))
        .await
        .unwrap_err();
    assert!(error.is_not_found());
    assert_eq!(error.status(), Some(404));
    assert_eq!(error.api_message(), Some("not_found"));
    assert_eq!(error.description(), Some("no organization org_x"));
    assert_eq!(error.attempts(), 1);
    assert_eq!(error.client_method(), Some("get_organization"));
    assert_eq!(
        error.to_string(),
        "GetOrganization: API error: HTTP 404 Not Found, code 5 (NOT_FOUND), not_found: no organization org_x"
    );
}

#[tokio::test]
async fn requests_are_encoded_before_the_handler_runs() {
    let stub = Stub::new().get_organization(|_| Ok(org("o")));
    let error = stub.client().get_organization(get("")).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidRequest);
    assert!(stub.calls().is_empty(), "{:?}", stub.calls());
}

#[tokio::test]
async fn pagination_follows_the_stubs_pages() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let stub = Stub::new().list_users(move |request| {
        log.lock().unwrap().push(request.page_token.clone());
        let (users, next) = match request.page_token.as_str() {
            "" => (vec![user("u1"), user("u2")], "p2"),
            "p2" => (vec![user("u3")], ""),
            other => {
                return Err(ApiError::new(Code::InvalidArgument, "invalid_argument")
                    .with_description(format!("bad token {other}"))
                    .into());
            }
        };
        Ok(ListUsersResponse::new()
            .with_users(users)
            .with_next_page_token(next))
    });
    let ids: Vec<String> = stub
        .client()
        .list_users(ListUsersRequest::default())
        .items()
        .try_collect()
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.id)
        .collect();
    assert_eq!(ids, ["u1", "u2", "u3"]);
    assert_eq!(*seen.lock().unwrap(), ["", "p2"]);
    assert_eq!(stub.calls(), ["ListUsers", "ListUsers"]);
}

#[tokio::test]
async fn handlers_set_later_answer_existing_clients() {
    let stub = Stub::new();
    let client = stub.client();
    assert!(client.get_organization(get("o")).await.is_err());
    let _stub = stub.clone().get_organization(|_| Ok(org("late")));
    let response = client.get_organization(get("o")).await.unwrap();
    assert_eq!(response.organization.unwrap().id, "late");
}

#[tokio::test]
async fn a_handler_of_the_wrong_type_is_an_error_not_a_panic() {
    // What the generated setters rule out: a handler whose response is not
    // the operation's.
    let stub = rt::testing::Stub::new().on("GetOrganization", |_: &GetOrganizationRequest| {
        Ok(rt::wkt::Empty)
    });
    let client: Client = stub.client();
    let error = client.get_organization(get("o")).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Config);
    assert!(
        error.to_string().contains("returns another response type"),
        "{error}"
    );
}

#[cfg(feature = "blocking")]
#[test]
fn stubs_answer_blocking_calls() {
    let stub = Stub::new().get_organization(|request| Ok(org(&request.id)));
    let response = stub
        .client()
        .get_organization(get("b"))
        .send_blocking()
        .unwrap();
    assert_eq!(response.organization.unwrap().id, "b");
}
