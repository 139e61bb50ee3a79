//! Whole messages shaped like the Tesseral API's: the server's form (every
//! default written, `null` for unset messages) decodes like the canonical
//! form; requests go out canonical; recursion and flattened oneofs work.

use crate::{json_common, rt};

use json_common::{Role, TreeNode, decode, encode};
use rt::json;
use rt::wkt::{Struct, Timestamp};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// `tesseral.backend.v1.User`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
struct User {
    #[serde(rename = "id", with = "json", skip_serializing_if = "json::is_default")]
    id: String,
    #[serde(
        rename = "organizationId",
        alias = "organization_id",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    organization_id: String,
    #[serde(
        rename = "email",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    email: String,
    #[serde(
        rename = "createTime",
        alias = "create_time",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    create_time: Option<Timestamp>,
    #[serde(
        rename = "updateTime",
        alias = "update_time",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    update_time: Option<Timestamp>,
    #[serde(
        rename = "owner",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    owner: Option<bool>,
    #[serde(
        rename = "googleUserId",
        alias = "google_user_id",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    google_user_id: Option<String>,
    #[serde(
        rename = "hasAuthenticatorApp",
        alias = "has_authenticator_app",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    has_authenticator_app: bool,
    #[serde(
        rename = "displayName",
        alias = "display_name",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    display_name: Option<String>,
}

impl json::Plain for User {}

/// `tesseral.backend.v1.ListUsersResponse`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
struct ListUsersResponse {
    #[serde(
        rename = "users",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    users: Vec<User>,
    #[serde(
        rename = "nextPageToken",
        alias = "next_page_token",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    next_page_token: String,
}

impl json::Plain for ListUsersResponse {}

/// A session-like message with an enum, an int and a Struct.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
struct Session {
    #[serde(rename = "id", with = "json", skip_serializing_if = "json::is_default")]
    id: String,
    #[serde(
        rename = "revoked",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    revoked: bool,
    #[serde(
        rename = "primaryAuthFactor",
        alias = "primary_auth_factor",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    primary_auth_factor: Role,
    #[serde(
        rename = "actualTtlSeconds",
        alias = "actual_ttl_seconds",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    actual_ttl_seconds: u32,
    #[serde(
        rename = "eventDetails",
        alias = "event_details",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    event_details: Option<Struct>,
    #[serde(
        rename = "user",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    user: Option<User>,
}

impl json::Plain for Session {}

#[test]
fn server_form_decodes_like_canonical_form() {
    // What the server's transcoder writes: every non-optional field, its
    // defaults included, and null for unset messages.
    let server = r#"{
        "users": [{
            "id": "user_1",
            "organizationId": "",
            "email": "a@example.com",
            "createTime": "2024-05-01T12:34:56.123Z",
            "updateTime": null,
            "hasAuthenticatorApp": false
        }],
        "nextPageToken": ""
    }"#;
    let canonical = r#"{"users":[{"id":"user_1","email":"a@example.com","createTime":"2024-05-01T12:34:56.123Z"}]}"#;
    let from_server: ListUsersResponse = decode(server).unwrap();
    let from_canonical: ListUsersResponse = decode(canonical).unwrap();
    assert_eq!(from_server, from_canonical);
    assert_eq!(from_server.users[0].update_time, None);
    assert_eq!(from_server.users[0].owner, None);
    assert_eq!(encode(&from_server), canonical);

    let server = r#"{"id": "s", "revoked": false, "primaryAuthFactor": "ROLE_UNSPECIFIED", "actualTtlSeconds": 0, "eventDetails": null, "user": null}"#;
    let from_server: Session = decode(server).unwrap();
    assert_eq!(from_server, decode::<Session>(r#"{"id": "s"}"#).unwrap());
    assert_eq!(encode(&from_server), r#"{"id":"s"}"#);
}

#[test]
fn optional_fields_are_sent_only_when_set() {
    // A PATCH-style update: only the fields the caller set go out, even
    // when set to their default.
    let update = User {
        owner: Some(false),
        display_name: Some(String::new()),
        ..User::default()
    };
    assert_eq!(encode(&update), r#"{"owner":false,"displayName":""}"#);
    let back: User = decode(r#"{"owner": false, "displayName": ""}"#).unwrap();
    assert_eq!(back, update);
}

#[test]
fn full_message_round_trip() {
    let session = Session {
        id: "session_1".into(),
        revoked: true,
        primary_auth_factor: Role::Admin,
        actual_ttl_seconds: 3600,
        event_details: Some(
            json!({"ip": "1.2.3.4", "nested": {"list": [1, 2.5, null]}})
                .as_object()
                .cloned()
                .unwrap(),
        ),
        user: Some(User {
            id: "user_1".into(),
            create_time: Some("2024-05-01T12:34:56Z".parse().unwrap()),
            owner: Some(true),
            google_user_id: Some("g".into()),
            has_authenticator_app: true,
            ..User::default()
        }),
    };
    let text = encode(&session);
    assert_eq!(
        text,
        concat!(
            r#"{"id":"session_1","revoked":true,"primaryAuthFactor":"ROLE_ADMIN","actualTtlSeconds":3600,"#,
            r#""eventDetails":{"ip":"1.2.3.4","nested":{"list":[1,2.5,null]}},"#,
            r#""user":{"id":"user_1","createTime":"2024-05-01T12:34:56Z","owner":true,"googleUserId":"g","hasAuthenticatorApp":true}}"#
        )
    );
    assert_eq!(decode::<Session>(&text).unwrap(), session);
    // snake_case names are read too.
    let snake = r#"{"primary_auth_factor": "ROLE_ADMIN", "actual_ttl_seconds": "3600", "user": {"google_user_id": "g"}}"#;
    let v: Session = decode(snake).unwrap();
    assert_eq!(v.primary_auth_factor, Role::Admin);
    assert_eq!(v.actual_ttl_seconds, 3600);
    assert_eq!(v.user.unwrap().google_user_id.as_deref(), Some("g"));
}

#[test]
fn errors_name_the_nested_field() {
    let error =
        decode::<ListUsersResponse>(r#"{"users": [{"id": "a"}, {"createTime": "yesterday"}]}"#)
            .unwrap_err();
    assert!(error.starts_with("users[1].createTime:"), "{error}");
    assert!(error.contains("google.protobuf.Timestamp"), "{error}");
    let error = decode::<Session>(r#"{"user": {"hasAuthenticatorApp": "yes"}}"#).unwrap_err();
    assert!(error.starts_with("user.hasAuthenticatorApp:"), "{error}");
    let error = decode::<Session>(r#"{"actualTtlSeconds": -1}"#).unwrap_err();
    assert!(error.starts_with("actualTtlSeconds:"), "{error}");
    assert!(
        error.contains("invalid uint32 value -1: out of range"),
        "{error}"
    );
}

#[test]
fn recursive_messages() {
    let text = r#"{"label":"leaf","parent":{"label":"mid","parent":{"label":"root"}},"children":[{"label":"c","children":[{}]}]}"#;
    let node: TreeNode = decode(text).unwrap();
    assert_eq!(node.parent.as_ref().unwrap().label, "mid");
    assert_eq!(
        node.parent.as_ref().unwrap().parent.as_ref().unwrap().label,
        "root"
    );
    assert_eq!(encode(&node), text);
    let node: TreeNode = decode(r#"{"parent": null, "children": null}"#).unwrap();
    assert_eq!(node, TreeNode::default());
    // A deeply nested input is refused by serde_json's recursion limit, not
    // a stack overflow.
    let deep = format!("{}{}", r#"{"parent":"#.repeat(10_000), "}".repeat(10_000));
    let error = decode::<TreeNode>(&deep).unwrap_err();
    assert!(error.contains("recursion limit"), "{error}");
}

/// A oneof as the back-end plans it: an `Option<Enum>` flattened into the
/// message, one newtype variant per member.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
struct Credential {
    #[serde(rename = "id", with = "json", skip_serializing_if = "json::is_default")]
    id: String,
    #[serde(flatten)]
    kind: Option<CredentialKind>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
enum CredentialKind {
    #[serde(rename = "secretHash", with = "json")]
    SecretHash(Vec<u8>),
    #[serde(rename = "expireTime", alias = "expire_time", with = "json")]
    ExpireTime(Timestamp),
    #[serde(rename = "uses", with = "json")]
    Uses(i64),
}

impl json::Plain for Credential {}

#[test]
fn flattened_oneofs_use_the_codec() {
    let cases = [
        (
            r#"{"id":"c","secretHash":"AQI="}"#,
            Some(CredentialKind::SecretHash(vec![1, 2])),
        ),
        (
            r#"{"id":"c","expireTime":"2024-05-01T12:34:56Z"}"#,
            Some(CredentialKind::ExpireTime(
                "2024-05-01T12:34:56Z".parse().unwrap(),
            )),
        ),
        (r#"{"id":"c","uses":"5"}"#, Some(CredentialKind::Uses(5))),
        (r#"{"id":"c"}"#, None),
    ];
    for (text, kind) in cases {
        let v: Credential = decode(text).unwrap();
        assert_eq!(v.kind, kind, "{text}");
        assert_eq!(encode(&v), text);
    }
    // Buffered values still go through the codec (numbers, base64 variants).
    let v: Credential = decode(r#"{"uses": 7, "id": "c"}"#).unwrap();
    assert_eq!(v.kind, Some(CredentialKind::Uses(7)));
    let v: Credential = decode(r#"{"secretHash": "-_8"}"#).unwrap();
    assert_eq!(v.kind, Some(CredentialKind::SecretHash(vec![0xfb, 0xff])));
}
