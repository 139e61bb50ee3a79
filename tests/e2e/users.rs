//! Users, their Sessions, Passkeys, and User invites.

use serde_json::json;

use super::entities::*;
use super::harness::{Expect, Harness};
use crate::sdk::model::*;

const PASSKEY_ID: &str = "passkey_6lq0oa1r9dqcz4y9f1b0s3w2x";
const INVITE_ID: &str = "user_invite_1ba3mgpqhv6yr6ftbnd8x0yhs";

pub(super) async fn run(h: &mut Harness) {
    users(h).await;
    sessions(h).await;
    passkeys(h).await;
    invites(h).await;
}

async fn users(h: &mut Harness) {
    h.check(
        Expect::new("POST", "/v1/users")
            .body(json!({
                "organizationId": ORG_ID,
                "email": "ada.lovelace@acme.com",
                "owner": true,
                "displayName": "Ada Lovelace"
            }))
            .responds(json!({"user": user()})),
        |c| {
            c.create_user(
                CreateUserRequest::new().with_user(
                    User::new()
                        .with_organization_id(ORG_ID)
                        .with_email("ada.lovelace@acme.com")
                        .with_owner(true)
                        .with_display_name("Ada Lovelace"),
                ),
            )
        },
    )
    .await;

    // A space and a `+` (which a raw query would turn into a space).
    h.check(Expect::new("DELETE", "/v1/users/user_a%20b%2Bc"), |c| {
        c.delete_user(DeleteUserRequest::new().with_id("user_a b+c"))
    })
    .await;

    h.check(
        Expect::new("GET", "/v1/users/user_8a5ku7wh1djo0ehxtsyu2dd5v")
            .responds(json!({"user": user()})),
        |c| c.get_user(GetUserRequest::new().with_id(USER_ID)),
    )
    .await;

    h.check(
        Expect::new("GET", "/v1/users")
            .query(&[("organizationId", ORG_ID), ("pageToken", PAGE_TOKEN)])
            .responds(json!({
                "users": [user(), user_sparse()],
                "nextPageToken": NEXT_PAGE_TOKEN
            })),
        |c| {
            c.list_users(
                ListUsersRequest::new()
                    .with_organization_id(ORG_ID)
                    .with_page_token(PAGE_TOKEN),
            )
        },
    )
    .await;

    h.check(
        Expect::new("PATCH", "/v1/users/user_8a5ku7wh1djo0ehxtsyu2dd5v")
            .body(json!({"displayName": "Ada King", "owner": true}))
            .responds(json!({"user": user()})),
        |c| {
            c.update_user(
                UpdateUserRequest::new()
                    .with_id(USER_ID)
                    .with_user(User::new().with_display_name("Ada King").with_owner(true)),
            )
        },
    )
    .await;
}

async fn sessions(h: &mut Harness) {
    let factor = h.profile.session_factor;
    let response = h
        .check(
            Expect::new("GET", "/v1/sessions/session_%E6%97%A5%E6%9C%AC")
                .responds(json!({"session": session()})),
            |c| c.get_session(GetSessionRequest::new().with_id("session_日本")),
        )
        .await;
    let got = response.session.as_ref().expect("GetSession: a session");
    assert_eq!(
        factor(got).as_deref(),
        Some("PRIMARY_AUTH_FACTOR_EMAIL"),
        "GetSession: primaryAuthFactor"
    );

    let response = h
        .check(
            Expect::new("GET", "/v1/sessions")
                .query(&[("userId", USER_ID)])
                .responds(json!({"sessions": [session(), session_revoked()]})),
            |c| c.list_sessions(ListSessionsRequest::new().with_user_id(USER_ID)),
        )
        .await;
    let factors: Vec<Option<String>> = response.sessions.iter().map(factor).collect();
    let email = Some("PRIMARY_AUTH_FACTOR_EMAIL".to_owned());
    assert_eq!(
        factors,
        [email.clone(), email],
        "ListSessions: primaryAuthFactor"
    );
}

async fn passkeys(h: &mut Harness) {
    h.check(
        Expect::new("DELETE", "/v1/passkeys/passkey_6lq0oa1r9dqcz4y9f1b0s3w2x"),
        |c| c.delete_passkey(DeletePasskeyRequest::new().with_id(PASSKEY_ID)),
    )
    .await;

    let response = h
        .check(
            Expect::new("GET", "/v1/passkeys/passkey_%C3%A9%2Fx")
                .responds(json!({"passkey": passkey()})),
            |c| c.get_passkey(GetPasskeyRequest::new().with_id("passkey_é/x")),
        )
        .await;
    let got = response.passkey.as_ref().expect("GetPasskey: a passkey");
    assert_eq!(
        got.credential_id, CREDENTIAL_ID,
        "GetPasskey: credentialId bytes"
    );

    h.check(
        Expect::new("GET", "/v1/passkeys")
            .query(&[("userId", USER_ID), ("pageToken", PAGE_TOKEN)])
            .responds(json!({"passkeys": [passkey()], "nextPageToken": NEXT_PAGE_TOKEN})),
        |c| {
            c.list_passkeys(
                ListPasskeysRequest::new()
                    .with_user_id(USER_ID)
                    .with_page_token(PAGE_TOKEN),
            )
        },
    )
    .await;

    h.check(
        Expect::new("PATCH", "/v1/passkeys/passkey_6lq0oa1r9dqcz4y9f1b0s3w2x")
            .body(json!({"disabled": true}))
            .responds(json!({"passkey": passkey()})),
        |c| {
            c.update_passkey(
                UpdatePasskeyRequest::new()
                    .with_id(PASSKEY_ID)
                    .with_passkey(Passkey::new().with_disabled(true)),
            )
        },
    )
    .await;
}

async fn invites(h: &mut Harness) {
    // body "user_invite", and the remaining field in the query string.
    h.check(
        Expect::new("POST", "/v1/user-invites")
            .query(&[("sendEmail", "true")])
            .body(json!({"organizationId": ORG_ID, "email": "alan.turing@acme.com", "owner": true}))
            .responds(json!({"userInvite": user_invite()})),
        |c| {
            c.create_user_invite(
                CreateUserInviteRequest::new()
                    .with_user_invite(
                        UserInvite::new()
                            .with_organization_id(ORG_ID)
                            .with_email("alan.turing@acme.com")
                            .with_owner(true),
                    )
                    .with_send_email(true),
            )
        },
    )
    .await;

    h.check(
        Expect::new(
            "DELETE",
            "/v1/user-invites/user_invite_1ba3mgpqhv6yr6ftbnd8x0yhs",
        ),
        |c| c.delete_user_invite(DeleteUserInviteRequest::new().with_id(INVITE_ID)),
    )
    .await;

    h.check(
        Expect::new(
            "GET",
            "/v1/user-invites/user_invite_1ba3mgpqhv6yr6ftbnd8x0yhs",
        )
        .responds(json!({"userInvite": user_invite()})),
        |c| c.get_user_invite(GetUserInviteRequest::new().with_id(INVITE_ID)),
    )
    .await;

    h.check(
        Expect::new("GET", "/v1/user-invites")
            .query(&[("organizationId", ORG_ID), ("pageToken", PAGE_TOKEN)])
            .responds(json!({"userInvites": [user_invite()]})),
        |c| {
            c.list_user_invites(
                ListUserInvitesRequest::new()
                    .with_organization_id(ORG_ID)
                    .with_page_token(PAGE_TOKEN),
            )
        },
    )
    .await;
}
