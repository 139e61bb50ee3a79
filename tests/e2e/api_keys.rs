//! API keys, their role assignments, and audit log events.

use serde_json::json;

use super::entities::*;
use super::harness::{Expect, Harness};
use crate::sdk::model::*;
use crate::sdk::wkt::Timestamp;

pub(super) async fn run(h: &mut Harness) {
    h.check(
        Expect::new("POST", "/v1/api-keys/authenticate")
            .body(json!({"secretToken": "acme_sk_1hd82nxk2o0c7m4b9v6x3z5qx9Qa"}))
            .responds(json!({
                "apiKeyId": API_KEY_ID,
                "organizationId": ORG_ID,
                "actions": ["acme.invoices.read", "acme.invoices.pay"]
            })),
        |c| {
            c.authenticate_api_key(
                AuthenticateApiKeyRequest::new()
                    .with_secret_token("acme_sk_1hd82nxk2o0c7m4b9v6x3z5qx9Qa"),
            )
        },
    )
    .await;

    // body "*": the whole request, so the key is wrapped in `apiKey`.
    let expire: Timestamp = "2026-01-01T00:00:00Z".parse().unwrap();
    h.check(
        Expect::new("POST", "/v1/api-keys")
            .body(json!({"apiKey": {
                "organizationId": ORG_ID,
                "displayName": "CI deploy key",
                "expireTime": "2026-01-01T00:00:00Z"
            }}))
            .responds(json!({"apiKey": api_key_with_secret()})),
        |c| {
            c.create_api_key(
                CreateApiKeyRequest::new().with_api_key(
                    ApiKey::new()
                        .with_organization_id(ORG_ID)
                        .with_display_name("CI deploy key")
                        .with_expire_time(expire),
                ),
            )
        },
    )
    .await;

    h.check(
        Expect::new("DELETE", "/v1/api-keys/api_key_2hzzp7h4aqtmi5rbc9gr5fehq"),
        |c| c.delete_api_key(DeleteApiKeyRequest::new().with_id(API_KEY_ID)),
    )
    .await;

    h.check(
        Expect::new("GET", "/v1/api-keys/api_key_2hzzp7h4aqtmi5rbc9gr5fehq")
            .responds(json!({"apiKey": api_key()})),
        |c| c.get_api_key(GetApiKeyRequest::new().with_id(API_KEY_ID)),
    )
    .await;

    h.check(
        Expect::new("GET", "/v1/api-keys")
            .query(&[("organizationId", ORG_ID), ("pageToken", PAGE_TOKEN)])
            .responds(json!({
                "apiKeys": [api_key(), api_key_revoked()],
                "nextPageToken": NEXT_PAGE_TOKEN
            })),
        |c| {
            c.list_api_keys(
                ListApiKeysRequest::new()
                    .with_organization_id(ORG_ID)
                    .with_page_token(PAGE_TOKEN),
            )
        },
    )
    .await;

    // A POST whose rule has no body sends none at all; the response is empty.
    h.check(
        Expect::new(
            "POST",
            "/v1/api-keys/api_key_2hzzp7h4aqtmi5rbc9gr5fehq%2F..%2Fx/revoke",
        ),
        |c| {
            c.revoke_api_key(
                RevokeApiKeyRequest::new().with_id("api_key_2hzzp7h4aqtmi5rbc9gr5fehq/../x"),
            )
        },
    )
    .await;

    // body "*" minus the path's `id`.
    h.check(
        Expect::new("PATCH", "/v1/api-keys/api_key_2hzzp7h4aqtmi5rbc9gr5fehq")
            .body(json!({"apiKey": {"displayName": "CI deploy key (rotated)"}}))
            .responds(json!({"apiKey": api_key()})),
        |c| {
            c.update_api_key(
                UpdateApiKeyRequest::new()
                    .with_id(API_KEY_ID)
                    .with_api_key(ApiKey::new().with_display_name("CI deploy key (rotated)")),
            )
        },
    )
    .await;

    h.check(
        Expect::new("POST", "/v1/api-key-role-assignments")
            .body(json!({"apiKeyRoleAssignment": {"apiKeyId": API_KEY_ID, "roleId": ROLE_ID}}))
            .responds(json!({"apiKeyRoleAssignment": api_key_role_assignment()})),
        |c| {
            c.create_api_key_role_assignment(
                CreateApiKeyRoleAssignmentRequest::new().with_api_key_role_assignment(
                    ApiKeyRoleAssignment::new()
                        .with_api_key_id(API_KEY_ID)
                        .with_role_id(ROLE_ID),
                ),
            )
        },
    )
    .await;

    // A DELETE with a query parameter besides the path's.
    h.check(
        Expect::new(
            "DELETE",
            "/v1/api-key-role-assignments/api_key_role_assignment_5ne7yq2m8c4b6x0z1v3d9k7wp",
        )
        .query(&[("apiKeyId", API_KEY_ID)]),
        |c| {
            c.delete_api_key_role_assignment(
                DeleteApiKeyRoleAssignmentRequest::new()
                    .with_id("api_key_role_assignment_5ne7yq2m8c4b6x0z1v3d9k7wp")
                    .with_api_key_id(API_KEY_ID),
            )
        },
    )
    .await;

    h.check(
        Expect::new("GET", "/v1/api-key-role-assignments")
            .query(&[("apiKeyId", API_KEY_ID), ("pageToken", PAGE_TOKEN)])
            .responds(json!({
                "apiKeyRoleAssignments": [api_key_role_assignment()],
                "nextPageToken": NEXT_PAGE_TOKEN
            })),
        |c| {
            c.list_api_key_role_assignments(
                ListApiKeyRoleAssignmentsRequest::new()
                    .with_api_key_id(API_KEY_ID)
                    .with_page_token(PAGE_TOKEN),
            )
        },
    )
    .await;

    // body "audit_log_event": the event itself, its Struct details as given.
    let event_time: Timestamp = "2025-07-04T12:30:45.678901Z".parse().unwrap();
    let details = event_details().as_object().cloned().unwrap();
    h.check(
        Expect::new("POST", "/v1/audit-log-events")
            .body(json!({
                "organizationId": ORG_ID,
                "actorUserId": USER_ID,
                "eventTime": "2025-07-04T12:30:45.678901Z",
                "eventName": "acme.invoice.paid",
                "eventDetails": event_details()
            }))
            .responds(json!({"auditLogEvent": audit_log_event()})),
        |c| {
            c.create_audit_log_event(
                CreateAuditLogEventRequest::new().with_audit_log_event(
                    AuditLogEvent::new()
                        .with_organization_id(ORG_ID)
                        .with_actor_user_id(USER_ID)
                        .with_event_time(event_time)
                        .with_event_name("acme.invoice.paid")
                        .with_event_details(details.clone()),
                ),
            )
        },
    )
    .await;
}
