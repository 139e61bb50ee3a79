//! Whole messages shaped like the Tesseral API's: the server's form (every
//! default written, `null` for unset messages) decodes like the canonical
//! form; requests go out canonical; recursion and flattened oneofs work.

use crate::rt::json;
use crate::rt::wkt::Timestamp;
use crate::support::{
    Credential, CredentialKind, ListUsersResponse, Role, Session, TreeNode, User, decode, encode,
};
use serde::{Deserialize, Serialize};
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

/// A message with a oneof as the back-end plans it: read through a private
/// wire struct (`try_from`), written through the flattened choice.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "GrantWire")]
struct Grant {
    #[serde(flatten)]
    choice: Option<GrantChoice>,
    #[serde(with = "json", skip_serializing_if = "json::is_default")]
    note: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
enum GrantChoice {
    #[serde(rename = "user", with = "json")]
    User(User),
    #[serde(rename = "role", with = "json")]
    Role(Role),
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct GrantWire {
    #[serde(with = "json")]
    user: Option<User>,
    #[serde(with = "json")]
    role: Option<Role>,
    #[serde(with = "json")]
    note: String,
}

impl TryFrom<GrantWire> for Grant {
    type Error = json::OneofError;

    fn try_from(w: GrantWire) -> Result<Self, json::OneofError> {
        Ok(Grant {
            choice: json::oneof(
                "choice",
                [
                    ("user", w.user.map(GrantChoice::User)),
                    ("role", w.role.map(GrantChoice::Role)),
                ],
            )?,
            note: w.note,
        })
    }
}

impl json::Plain for Grant {}

/// A field holding each shape once.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
struct Holder {
    #[serde(with = "json", skip_serializing_if = "json::is_default")]
    session: Option<Session>,
    #[serde(with = "json", skip_serializing_if = "json::is_default")]
    grants: Vec<Grant>,
    #[serde(
        rename = "byName",
        alias = "by_name",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    by_name: std::collections::BTreeMap<String, User>,
    #[serde(with = "json", skip_serializing_if = "json::is_default")]
    credential: Option<Credential>,
}

impl json::Plain for Holder {}

/// serde's derived `Deserialize` reads a struct from an array by position;
/// protojson (Go's, the server's) has no such form. Every message is read
/// from a JSON object only: as a field, a list element, a map value, a
/// oneof member, the oneof wire struct itself, a flattened-oneof message,
/// and at the top level of `json::from_str` (what responses go through).
#[test]
fn messages_refuse_json_arrays() {
    let expected = "invalid type: sequence, expected a JSON object (message ";
    let cases = [
        (
            r#"{"session": {"user": ["u1", "o1"]}}"#,
            "session.user",
            "User",
        ),
        (r#"{"session": {"user": []}}"#, "session.user", "User"),
        (r#"{"session": ["s1"]}"#, "session", "Session"),
        (r#"{"grants": [["u1"]]}"#, "grants[0]", "GrantWire"),
        (
            r#"{"grants": [{"user": ["u1"]}]}"#,
            "grants[0].user",
            "User",
        ),
        (r#"{"byName": {"a": ["u1"]}}"#, "byName.a", "User"),
        (r#"{"by_name": {"a": []}}"#, "by_name.a", "User"),
    ];
    for (text, path, message) in cases {
        let error = decode::<Holder>(text).unwrap_err();
        assert!(
            error.starts_with(&format!("{path}: {expected}{message})")),
            "{text}: {error}"
        );
    }
    // A flattened-oneof message is read as a map by serde already.
    let error = decode::<Holder>(r#"{"credential": ["c1"]}"#).unwrap_err();
    assert!(
        error.starts_with("credential: invalid type: sequence"),
        "{error}"
    );
    // The top level, as the SDK reads response bodies.
    for text in [r#"["u1", "o1"]"#, "[]"] {
        let error = json::from_str::<User>(text).unwrap_err().to_string();
        assert!(error.starts_with(&format!("{expected}User)")), "{error}");
        let error = json::from_str::<Grant>(text).unwrap_err().to_string();
        assert!(
            error.starts_with(&format!("{expected}GrantWire)")),
            "{error}"
        );
    }
    let error = json::from_value::<Session>(json!(["s1"])).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with(&format!("{expected}Session)"))
    );
    // Other wrong types name what was expected too.
    let error = json::from_str::<User>(r#""u1""#).unwrap_err().to_string();
    assert!(
        error.starts_with(r#"invalid type: string "u1", expected a JSON object (message User)"#),
        "{error}"
    );
    // Objects still decode, through every path.
    let holder: Holder = decode(
        r#"{"session": {"user": {"id": "u1"}}, "grants": [{"user": {"id": "u2"}, "note": "n"}],
            "byName": {"a": {"id": "u3"}}}"#,
    )
    .unwrap();
    assert_eq!(holder.session.unwrap().user.unwrap().id, "u1");
    assert_eq!(holder.grants[0].note, "n");
    assert_eq!(holder.by_name["a"].id, "u3");
    let user: User = json::from_str(r#"{"id": "u1"}"#).unwrap();
    assert_eq!(user.id, "u1");
    // Trailing data after the top-level value is refused.
    assert!(json::from_str::<User>(r#"{"id": "u1"} x"#).is_err());
}
