//! Whole messages shaped like the Tesseral API's: the server's form (every
//! default written, `null` for unset messages) decodes like the canonical
//! form; requests go out canonical; recursion and flattened oneofs work.

use crate::rt::wkt::Timestamp;
use crate::support::{
    Credential, CredentialKind, ListUsersResponse, Role, Session, TreeNode, User, decode, encode,
};
use serde_json::json;

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
    let update = User::new()
        .with_owner(false)
        .with_display_name(String::new());
    assert_eq!(encode(&update), r#"{"owner":false,"displayName":""}"#);
    let back: User = decode(r#"{"owner": false, "displayName": ""}"#).unwrap();
    assert_eq!(back, update);
}

#[test]
fn full_message_round_trip() {
    let session = Session::new()
        .with_id("session_1")
        .with_revoked(true)
        .with_primary_auth_factor(Role::Admin)
        .with_actual_ttl_seconds(3600)
        .with_event_details(
            json!({"ip": "1.2.3.4", "nested": {"list": [1, 2.5, null]}})
                .as_object()
                .cloned()
                .unwrap(),
        )
        .with_user(
            User::new()
                .with_id("user_1")
                .with_create_time("2024-05-01T12:34:56Z".parse::<Timestamp>().unwrap())
                .with_owner(true)
                .with_google_user_id("g")
                .with_has_authenticator_app(true),
        );
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

/// A oneof as generated: an `Option<Enum>` flattened into the message, one
/// newtype variant per member, read through a struct holding each member.
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
    // A member by its proto name; `null` leaves a member unset.
    let v: Credential = decode(r#"{"expire_time": "1970-01-01T00:00:00Z", "uses": null}"#).unwrap();
    assert_eq!(
        v.kind,
        Some(CredentialKind::ExpireTime(Timestamp::UNIX_EPOCH))
    );
    // A bad member value names the member; two members set is an error.
    let error = decode::<Credential>(r#"{"uses": "x"}"#).unwrap_err();
    assert!(error.starts_with("uses"), "{error}");
    let error = decode::<Credential>(r#"{"uses": 1, "secretHash": ""}"#).unwrap_err();
    assert!(
        error.contains("oneof `kind` has two members set: `secretHash` and `uses`"),
        "{error}"
    );
}
