//! Every operation through the binary: a 404 answer is exit 3 with one line
//! naming the operation, status, code and description; a 200 answer is
//! exit 0 with the response as compact canonical JSON on stdout; both
//! times the server receives exactly the expected request.

use std::collections::BTreeSet;

use serde_json::{Value, json};
use wiremock::ResponseTemplate;

use crate::entities::*;
use crate::harness::{Expect, NOT_FOUND_BODY, Server};

const SAML_ID: &str = "saml_connection_3y8s2l1r9c0d7x5q4w6e2n8b1";
const OIDC_ID: &str = "oidc_connection_7k2j9h4g6f1d3s5a8p0o2i4u6";
const SCIM_ID: &str = "scim_api_key_4c6x8z0v2b4n6m8q0w2e4r6t8";
const PASSKEY_ID: &str = "passkey_6lq0oa1r9dqcz4y9f1b0s3w2x";
const INVITE_ID: &str = "user_invite_1ba3mgpqhv6yr6ftbnd8x0yhs";
const ASSIGNMENT_ID: &str = "user_role_assignment_9f3gq0b2j1kd8xw4s6n7m5c3v";
const KEY_ASSIGNMENT_ID: &str = "api_key_role_assignment_5t7y9u1i3o5p7a9s1d3f5g7h9";

/// A command line, what it must send and what the server answers.
struct Case {
    args: Vec<String>,
    expect: Expect,
    response: Value,
}

fn case(args: &[&str], expect: Expect, response: Value) -> Case {
    Case {
        args: args.iter().map(|a| (*a).to_owned()).collect(),
        expect,
        response,
    }
}

fn path(prefix: &str, id: &str) -> String {
    format!("{prefix}{id}")
}

fn cases() -> Vec<Case> {
    vec![
        // api-keys
        case(
            &["api-keys", "authenticate", "--secret-token", "acme_sk_1hd82nxk2o0c7m4b9v6x3z5qx9Qa"],
            Expect::new("POST", "/v1/api-keys/authenticate")
                .body(json!({"secretToken": "acme_sk_1hd82nxk2o0c7m4b9v6x3z5qx9Qa"})),
            json!({"apiKeyId": API_KEY_ID, "organizationId": ORG_ID, "actions": ["acme.invoices.read"]}),
        ),
        // body "*": the request's message field is flattened into flags.
        case(
            &[
                "api-keys", "create", "--organization-id", ORG_ID, "--display-name", "CI deploy key",
                "--expire-time", "2026-01-01T00:00:00Z",
            ],
            Expect::new("POST", "/v1/api-keys").body(json!({"apiKey": {
                "organizationId": ORG_ID,
                "displayName": "CI deploy key",
                "expireTime": "2026-01-01T00:00:00Z"
            }})),
            json!({"apiKey": api_key_with_secret()}),
        ),
        case(
            &["api-keys", "delete", API_KEY_ID],
            Expect::new("DELETE", &path("/v1/api-keys/", API_KEY_ID)),
            json!({}),
        ),
        case(
            &["api-keys", "get", API_KEY_ID],
            Expect::new("GET", &path("/v1/api-keys/", API_KEY_ID)),
            json!({"apiKey": api_key()}),
        ),
        case(
            &["api-keys", "list", "--organization-id", ORG_ID, "--page-token", PAGE_TOKEN],
            Expect::new("GET", "/v1/api-keys")
                .query(&[("organizationId", ORG_ID), ("pageToken", PAGE_TOKEN)]),
            json!({"apiKeys": [api_key(), api_key_revoked()], "nextPageToken": NEXT_PAGE_TOKEN}),
        ),
        // The positional is one percent-encoded path segment.
        case(
            &["api-keys", "revoke", "api_key_2hzzp7h4aqtmi5rbc9gr5fehq/../x"],
            Expect::new("POST", "/v1/api-keys/api_key_2hzzp7h4aqtmi5rbc9gr5fehq%2F..%2Fx/revoke"),
            json!({}),
        ),
        case(
            &["api-keys", "update", API_KEY_ID, "--display-name", "CI deploy key (rotated)", "--revoked=false"],
            Expect::new("PATCH", &path("/v1/api-keys/", API_KEY_ID))
                .body(json!({"apiKey": {"displayName": "CI deploy key (rotated)"}})),
            json!({"apiKey": api_key()}),
        ),
        // api-key-role-assignments
        case(
            &["api-key-role-assignments", "create", "--api-key-id", API_KEY_ID, "--role-id", ROLE_ID],
            Expect::new("POST", "/v1/api-key-role-assignments")
                .body(json!({"apiKeyRoleAssignment": {"apiKeyId": API_KEY_ID, "roleId": ROLE_ID}})),
            json!({"apiKeyRoleAssignment": api_key_role_assignment()}),
        ),
        case(
            &["api-key-role-assignments", "delete", KEY_ASSIGNMENT_ID, "--api-key-id", API_KEY_ID],
            Expect::new("DELETE", &path("/v1/api-key-role-assignments/", KEY_ASSIGNMENT_ID))
                .query(&[("apiKeyId", API_KEY_ID)]),
            json!({}),
        ),
        case(
            &["api-key-role-assignments", "list", "--api-key-id", API_KEY_ID],
            Expect::new("GET", "/v1/api-key-role-assignments").query(&[("apiKeyId", API_KEY_ID)]),
            json!({"apiKeyRoleAssignments": [api_key_role_assignment()]}),
        ),
        // audit-log-events: a timestamp and a Struct (as JSON).
        case(
            &[
                "audit-log-events", "create", "--organization-id", ORG_ID, "--actor-user-id", USER_ID,
                "--event-time", "2025-07-04T12:30:45.678901Z", "--event-name", "acme.invoice.paid",
                "--event-details", &event_details().to_string(),
            ],
            Expect::new("POST", "/v1/audit-log-events").body(json!({
                "organizationId": ORG_ID,
                "actorUserId": USER_ID,
                "eventTime": "2025-07-04T12:30:45.678901Z",
                "eventName": "acme.invoice.paid",
                "eventDetails": event_details()
            })),
            json!({"auditLogEvent": audit_log_event()}),
        ),
        // oidc-connections
        case(
            &[
                "oidc-connections", "create", "--organization-id", ORG_ID, "--primary",
                "--configuration-url", "https://acme.okta.com/.well-known/openid-configuration",
                "--client-id", "0oa1b2c3", "--client-secret", "s3cr3t",
            ],
            Expect::new("POST", "/v1/oidc-connections").body(json!({
                "organizationId": ORG_ID,
                "primary": true,
                "configurationUrl": "https://acme.okta.com/.well-known/openid-configuration",
                "clientId": "0oa1b2c3",
                "clientSecret": "s3cr3t"
            })),
            json!({"oidcConnection": oidc_connection()}),
        ),
        case(
            &["oidc-connections", "delete", OIDC_ID],
            Expect::new("DELETE", &path("/v1/oidc-connections/", OIDC_ID)),
            json!({}),
        ),
        case(
            &["oidc-connections", "get", OIDC_ID],
            Expect::new("GET", &path("/v1/oidc-connections/", OIDC_ID)),
            json!({"oidcConnection": oidc_connection()}),
        ),
        case(
            &["oidc-connections", "list", "--organization-id", ORG_ID],
            Expect::new("GET", "/v1/oidc-connections").query(&[("organizationId", ORG_ID)]),
            json!({"oidcConnections": [oidc_connection()], "nextPageToken": NEXT_PAGE_TOKEN}),
        ),
        case(
            &["oidc-connections", "update", OIDC_ID, "--client-secret", "okta-client-secret-rotated"],
            Expect::new("PATCH", &path("/v1/oidc-connections/", OIDC_ID))
                .body(json!({"clientSecret": "okta-client-secret-rotated"})),
            json!({"oidcConnection": oidc_connection()}),
        ),
        // organizations
        case(
            &[
                "organizations", "create", "--display-name", "Acme Corporation", "--log-in-with-google",
                "--log-in-with-saml=true", "--scim-enabled",
            ],
            Expect::new("POST", "/v1/organizations").body(json!({
                "displayName": "Acme Corporation",
                "logInWithGoogle": true,
                "logInWithSaml": true,
                "scimEnabled": true
            })),
            json!({"organization": organization()}),
        ),
        case(
            &["organizations", "delete", ORG_ID],
            Expect::new("DELETE", &path("/v1/organizations/", ORG_ID)),
            json!({}),
        ),
        // `/`, a non-ASCII letter, a space, `?`, `#` and `%`: one segment.
        case(
            &["organizations", "get", "org_7Zk/ü n?#%"],
            Expect::new("GET", "/v1/organizations/org_7Zk%2F%C3%BC%20n%3F%23%25"),
            json!({"organization": organization()}),
        ),
        case(
            &["organizations", "get-domains", ORG_ID],
            Expect::new("GET", &format!("/v1/organizations/{ORG_ID}/domains")),
            json!({"organizationDomains": organization_domains()}),
        ),
        case(
            &["organizations", "get-google-hosted-domains", ORG_ID],
            Expect::new("GET", &format!("/v1/organizations/{ORG_ID}/google-hosted-domains")),
            json!({"organizationGoogleHostedDomains": organization_google_hosted_domains_none()}),
        ),
        case(
            &["organizations", "get-microsoft-tenant-ids", ORG_ID],
            Expect::new("GET", &format!("/v1/organizations/{ORG_ID}/microsoft-tenant-ids")),
            json!({"organizationMicrosoftTenantIds": organization_microsoft_tenant_ids()}),
        ),
        case(
            &["organizations", "list"],
            Expect::new("GET", "/v1/organizations"),
            json!({"organizations": [organization(), organization_sparse()], "nextPageToken": NEXT_PAGE_TOKEN}),
        ),
        // The example: `false` is sent (the field has presence).
        case(
            &["organizations", "update", ORG_ID, "--log-in-with-google=false"],
            Expect::new("PATCH", &path("/v1/organizations/", ORG_ID))
                .body(json!({"logInWithGoogle": false})),
            json!({"organization": organization()}),
        ),
        // Repeated fields: the flag once per element, in order.
        case(
            &[
                "organizations", "update-domains", "org_ß?&=x", "--domains", "acme.com", "--domains",
                "acme.co.uk", "--domains", "xn--acm-5la.example",
            ],
            Expect::new("PATCH", "/v1/organizations/org_%C3%9F%3F%26%3Dx/domains")
                .body(json!({"domains": ["acme.com", "acme.co.uk", "xn--acm-5la.example"]})),
            json!({"organizationDomains": organization_domains()}),
        ),
        case(
            &[
                "organizations", "update-google-hosted-domains", ORG_ID, "--google-hosted-domains", "acme.com",
                "--google-hosted-domains", "corp.acme.com",
            ],
            Expect::new("PATCH", &format!("/v1/organizations/{ORG_ID}/google-hosted-domains"))
                .body(json!({"googleHostedDomains": ["acme.com", "corp.acme.com"]})),
            json!({"organizationGoogleHostedDomains": organization_google_hosted_domains()}),
        ),
        case(
            &[
                "organizations", "update-microsoft-tenant-ids", ORG_ID, "--microsoft-tenant-ids",
                "72f988bf-86f1-41af-91ab-2d7cd011db47",
            ],
            Expect::new("PATCH", &format!("/v1/organizations/{ORG_ID}/microsoft-tenant-ids"))
                .body(json!({"microsoftTenantIds": ["72f988bf-86f1-41af-91ab-2d7cd011db47"]})),
            json!({"organizationMicrosoftTenantIds": organization_microsoft_tenant_ids()}),
        ),
        // passkeys
        case(
            &["passkeys", "delete", PASSKEY_ID],
            Expect::new("DELETE", &path("/v1/passkeys/", PASSKEY_ID)),
            json!({}),
        ),
        case(
            &["passkeys", "get", "passkey_é/x"],
            Expect::new("GET", "/v1/passkeys/passkey_%C3%A9%2Fx"),
            json!({"passkey": passkey()}),
        ),
        case(
            &["passkeys", "list", "--user-id", USER_ID, "--page-token", PAGE_TOKEN],
            Expect::new("GET", "/v1/passkeys").query(&[("userId", USER_ID), ("pageToken", PAGE_TOKEN)]),
            json!({"passkeys": [passkey()], "nextPageToken": NEXT_PAGE_TOKEN}),
        ),
        // Bytes as base64.
        case(
            &["passkeys", "update", PASSKEY_ID, "--disabled", "--credential-id", "AAEC/f7/"],
            Expect::new("PATCH", &path("/v1/passkeys/", PASSKEY_ID))
                .body(json!({"disabled": true, "credentialId": "AAEC/f7/"})),
            json!({"passkey": passkey()}),
        ),
        // project: a request without fields.
        case(&["project", "get"], Expect::new("GET", "/v1/project"), json!({"project": project()})),
        // roles
        case(
            &[
                "roles", "create", "--organization-id", ORG_ID, "--display-name", "Accountant",
                "--description", "Reads and pays invoices.", "--actions", "acme.invoices.read",
                "--actions", "acme.invoices.pay",
            ],
            Expect::new("POST", "/v1/roles").body(json!({
                "organizationId": ORG_ID,
                "displayName": "Accountant",
                "description": "Reads and pays invoices.",
                "actions": ["acme.invoices.read", "acme.invoices.pay"]
            })),
            json!({"role": role()}),
        ),
        case(&["roles", "delete", ROLE_ID], Expect::new("DELETE", &path("/v1/roles/", ROLE_ID)), json!({})),
        case(&["roles", "get", ROLE_ID], Expect::new("GET", &path("/v1/roles/", ROLE_ID)), json!({"role": role()})),
        case(
            &["roles", "list", "--organization-id", ORG_ID],
            Expect::new("GET", "/v1/roles").query(&[("organizationId", ORG_ID)]),
            json!({"roles": [role(), role_project_wide()]}),
        ),
        case(
            &[
                "roles", "update", ROLE_ID, "--actions", "acme.invoices.read", "--actions", "acme.invoices.pay",
                "--actions", "acme.invoices.refund",
            ],
            Expect::new("PATCH", &path("/v1/roles/", ROLE_ID))
                .body(json!({"actions": ["acme.invoices.read", "acme.invoices.pay", "acme.invoices.refund"]})),
            json!({"role": role()}),
        ),
        // saml-connections
        case(
            &["saml-connections", "create", "--organization-id", ORG_ID, "--primary=true"],
            Expect::new("POST", "/v1/saml-connections").body(json!({"organizationId": ORG_ID, "primary": true})),
            json!({"samlConnection": saml_connection()}),
        ),
        case(
            &["saml-connections", "delete", SAML_ID],
            Expect::new("DELETE", &path("/v1/saml-connections/", SAML_ID)),
            json!({}),
        ),
        case(
            &["saml-connections", "get", SAML_ID],
            Expect::new("GET", &path("/v1/saml-connections/", SAML_ID)),
            json!({"samlConnection": saml_connection()}),
        ),
        case(
            &["saml-connections", "list", "--organization-id", ORG_ID, "--page-token", PAGE_TOKEN],
            Expect::new("GET", "/v1/saml-connections")
                .query(&[("organizationId", ORG_ID), ("pageToken", PAGE_TOKEN)]),
            json!({"samlConnections": [saml_connection()]}),
        ),
        case(
            &[
                "saml-connections", "update", SAML_ID, "--idp-entity-id", "http://www.okta.com/exk1",
                "--idp-redirect-url", "https://acme.okta.com/app/sso/saml",
            ],
            Expect::new("PATCH", &path("/v1/saml-connections/", SAML_ID)).body(json!({
                "idpEntityId": "http://www.okta.com/exk1",
                "idpRedirectUrl": "https://acme.okta.com/app/sso/saml"
            })),
            json!({"samlConnection": saml_connection()}),
        ),
        // scim-api-keys
        case(
            &["scim-api-keys", "create", "--organization-id", ORG_ID, "--display-name", "Okta provisioning"],
            Expect::new("POST", "/v1/scim-api-keys")
                .body(json!({"organizationId": ORG_ID, "displayName": "Okta provisioning"})),
            json!({"scimApiKey": scim_api_key_with_secret()}),
        ),
        case(
            &["scim-api-keys", "delete", SCIM_ID],
            Expect::new("DELETE", &path("/v1/scim-api-keys/", SCIM_ID)),
            json!({}),
        ),
        case(
            &["scim-api-keys", "get", SCIM_ID],
            Expect::new("GET", &path("/v1/scim-api-keys/", SCIM_ID)),
            json!({"scimApiKey": scim_api_key()}),
        ),
        case(
            &["scim-api-keys", "list", "--organization-id", ORG_ID, "--page-token", PAGE_TOKEN],
            Expect::new("GET", "/v1/scim-api-keys")
                .query(&[("organizationId", ORG_ID), ("pageToken", PAGE_TOKEN)]),
            json!({"scimApiKeys": [scim_api_key(), scim_api_key_revoked()]}),
        ),
        case(
            &["scim-api-keys", "revoke", "scim_api_key_1/../2"],
            Expect::new("POST", "/v1/scim-api-keys/scim_api_key_1%2F..%2F2/revoke"),
            json!({"scimApiKey": scim_api_key_revoked()}),
        ),
        case(
            &["scim-api-keys", "update", SCIM_ID, "--display-name", "Okta provisioning (EU)"],
            Expect::new("PATCH", &path("/v1/scim-api-keys/", SCIM_ID))
                .body(json!({"displayName": "Okta provisioning (EU)"})),
            json!({"scimApiKey": scim_api_key()}),
        ),
        // sessions
        case(
            &["sessions", "get", "session_日本"],
            Expect::new("GET", "/v1/sessions/session_%E6%97%A5%E6%9C%AC"),
            json!({"session": session()}),
        ),
        case(
            &["sessions", "list", "--user-id", USER_ID],
            Expect::new("GET", "/v1/sessions").query(&[("userId", USER_ID)]),
            json!({"sessions": [session(), session_revoked()]}),
        ),
        // user-invites: a body field and a query parameter.
        case(
            &[
                "user-invites", "create", "--organization-id", ORG_ID, "--email", "alan.turing@acme.com",
                "--owner", "--send-email",
            ],
            Expect::new("POST", "/v1/user-invites")
                .query(&[("sendEmail", "true")])
                .body(json!({"organizationId": ORG_ID, "email": "alan.turing@acme.com", "owner": true})),
            json!({"userInvite": user_invite()}),
        ),
        case(
            &["user-invites", "delete", INVITE_ID],
            Expect::new("DELETE", &path("/v1/user-invites/", INVITE_ID)),
            json!({}),
        ),
        case(
            &["user-invites", "get", INVITE_ID],
            Expect::new("GET", &path("/v1/user-invites/", INVITE_ID)),
            json!({"userInvite": user_invite()}),
        ),
        case(
            &["user-invites", "list", "--organization-id", ORG_ID, "--page-token", PAGE_TOKEN],
            Expect::new("GET", "/v1/user-invites")
                .query(&[("organizationId", ORG_ID), ("pageToken", PAGE_TOKEN)]),
            json!({"userInvites": [user_invite()]}),
        ),
        // user-role-assignments
        case(
            &["user-role-assignments", "create", "--user-id", USER_ID, "--role-id", ROLE_ID],
            Expect::new("POST", "/v1/user-role-assignments").body(json!({"userId": USER_ID, "roleId": ROLE_ID})),
            json!({"userRoleAssignment": user_role_assignment()}),
        ),
        case(
            &["user-role-assignments", "delete", ASSIGNMENT_ID],
            Expect::new("DELETE", &path("/v1/user-role-assignments/", ASSIGNMENT_ID)),
            json!({}),
        ),
        case(
            &["user-role-assignments", "get", ASSIGNMENT_ID],
            Expect::new("GET", &path("/v1/user-role-assignments/", ASSIGNMENT_ID)),
            json!({"userRoleAssignment": user_role_assignment()}),
        ),
        case(
            &[
                "user-role-assignments", "list", "--user-id", USER_ID, "--role-id", ROLE_ID, "--page-token",
                PAGE_TOKEN,
            ],
            Expect::new("GET", "/v1/user-role-assignments")
                .query(&[("userId", USER_ID), ("roleId", ROLE_ID), ("pageToken", PAGE_TOKEN)]),
            json!({"userRoleAssignments": [user_role_assignment()], "nextPageToken": NEXT_PAGE_TOKEN}),
        ),
        // users
        case(
            &[
                "users", "create", "--organization-id", ORG_ID, "--email", "ada@acme.com", "--owner=false",
                "--display-name", "Ada Lovelace",
            ],
            Expect::new("POST", "/v1/users").body(json!({
                "organizationId": ORG_ID,
                "email": "ada@acme.com",
                "owner": false,
                "displayName": "Ada Lovelace"
            })),
            json!({"user": user()}),
        ),
        case(&["users", "delete", "user_a b+c"], Expect::new("DELETE", "/v1/users/user_a%20b%2Bc"), json!({})),
        case(&["users", "get", USER_ID], Expect::new("GET", &path("/v1/users/", USER_ID)), json!({"user": user()})),
        case(
            &["users", "list", "--organization-id", ORG_ID, "--page-token", PAGE_TOKEN],
            Expect::new("GET", "/v1/users").query(&[("organizationId", ORG_ID), ("pageToken", PAGE_TOKEN)]),
            json!({"users": [user(), user_sparse()], "nextPageToken": NEXT_PAGE_TOKEN}),
        ),
        case(
            &["users", "update", USER_ID, "--display-name", "Ada King", "--owner"],
            Expect::new("PATCH", &path("/v1/users/", USER_ID)).body(json!({"displayName": "Ada King", "owner": true})),
            json!({"user": user()}),
        ),
    ]
}

/// The names of every operation in `schema/api.yaml`.
fn schema_operations() -> BTreeSet<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../schema/api.yaml");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let api: serde_yaml::Value =
        serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    api["operations"]
        .as_sequence()
        .unwrap_or_else(|| panic!("{path}: no operations"))
        .iter()
        .map(|op| op["name"].as_str().expect("an operation name").to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_operation_end_to_end() {
    let server = Server::start().await;
    let mut exercised = BTreeSet::new();
    for case in cases() {
        let at = format!("tesseral {}", case.args.join(" "));

        server
            .answer(ResponseTemplate::new(404).set_body_string(NOT_FOUND_BODY))
            .await;
        let outcome = server.tesseral(&case.args).run().await;
        let line = outcome.failure(3, &at);
        let (operation, rest) = line
            .strip_prefix("error: ")
            .and_then(|l| l.split_once(": "))
            .unwrap_or_else(|| panic!("{at}: the error line {line:?}"));
        assert_eq!(
            rest,
            "API error: HTTP 404 Not Found, code 5 (NOT_FOUND), not_found: organization not found",
            "{at}"
        );
        assert!(
            exercised.insert(operation.to_owned()),
            "{at}: {operation} is tested twice"
        );
        case.expect
            .verify(&server.only_request(&at).await, &format!("{at} (404)"));

        server.answer_json(&case.response).await;
        let outcome = server.tesseral(&case.args).run().await;
        assert_eq!(
            outcome.json(&at),
            case.response,
            "{at}: the response on stdout"
        );
        case.expect.verify(&server.only_request(&at).await, &at);
    }
    assert_eq!(
        exercised,
        schema_operations(),
        "every operation of schema/api.yaml, each once"
    );
}
