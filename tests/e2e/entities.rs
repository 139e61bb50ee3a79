//! Realistic API objects in canonical protojson, as responses carry them:
//! prefixed IDs, timestamps with 0, 3, 6 or 9 fractional digits, `optional`
//! bools set to `false`, lists, a nested `Struct`, base64 bytes. Canonical
//! means that non-`optional` fields at their default are left out.

use serde_json::{Value, json};

pub(super) const ORG_ID: &str = "org_0t2ms2s6nw3mlhmfbcd5ojp42";
pub(super) const USER_ID: &str = "user_8a5ku7wh1djo0ehxtsyu2dd5v";
pub(super) const ROLE_ID: &str = "role_4ps0ijtz3xjpmk2kukdalbe8j";
pub(super) const API_KEY_ID: &str = "api_key_2hzzp7h4aqtmi5rbc9gr5fehq";

/// A page token as the server makes them: base64 with `+`, `/` and `=`.
pub(super) const PAGE_TOKEN: &str = "Cg8KDWNyZWF0ZV90aW1lEgA+/w==";
/// The token of the next page.
pub(super) const NEXT_PAGE_TOKEN: &str = "EhYKFHVzZXJfOGE1a3U3d2gxZGpvMGVo+x/";

pub(super) fn organization() -> Value {
    json!({
        "id": ORG_ID,
        "displayName": "Acme Corporation",
        "createTime": "2025-03-14T09:26:53.589793Z",
        "updateTime": "2025-06-30T23:59:59.999999999Z",
        "logInWithGoogle": true,
        "logInWithMicrosoft": false,
        "logInWithGithub": false,
        "logInWithEmail": true,
        "logInWithPassword": false,
        "logInWithSaml": true,
        "logInWithOidc": false,
        "logInWithAuthenticatorApp": false,
        "logInWithPasskey": true,
        "requireMfa": false,
        "scimEnabled": true,
        "customRolesEnabled": true,
        "apiKeysEnabled": false
    })
}

/// An Organization whose `optional` settings are mostly unset.
pub(super) fn organization_sparse() -> Value {
    json!({
        "id": "org_5b1nqyq6c0oyxcsf9u8g1g5hl",
        "displayName": "Initech",
        "createTime": "2024-12-01T00:00:00Z",
        "updateTime": "2025-01-02T03:04:05.600Z",
        "logInWithEmail": true
    })
}

pub(super) fn organization_domains() -> Value {
    json!({
        "organizationId": ORG_ID,
        "domains": ["acme.com", "acme.co.uk", "xn--acm-5la.example"]
    })
}

pub(super) fn organization_google_hosted_domains() -> Value {
    json!({
        "organizationId": ORG_ID,
        "googleHostedDomains": ["acme.com", "corp.acme.com"]
    })
}

/// An Organization without Google hosted domains: the server writes `[]`.
pub(super) fn organization_google_hosted_domains_none() -> Value {
    json!({"organizationId": ORG_ID})
}

pub(super) fn organization_microsoft_tenant_ids() -> Value {
    json!({
        "organizationId": ORG_ID,
        "microsoftTenantIds": [
            "72f988bf-86f1-41af-91ab-2d7cd011db47",
            "f8cdef31-a31e-4b4a-93e4-5f571e91255a"
        ]
    })
}

pub(super) fn project() -> Value {
    json!({
        "id": "project_54vwf0clhh0caqe20eujxgpeq",
        "displayName": "Acme Production",
        "createTime": "2024-12-10T16:45:02.250Z",
        "updateTime": "2025-07-01T08:00:00.000001Z",
        "logInWithGoogle": true,
        "logInWithMicrosoft": false,
        "logInWithGithub": true,
        "logInWithEmail": true,
        "logInWithPassword": false,
        "logInWithSaml": true,
        "logInWithOidc": true,
        "logInWithAuthenticatorApp": true,
        "logInWithPasskey": false,
        "googleOauthClientId": "1234567890-abc123def456.apps.googleusercontent.com",
        "githubOauthClientId": "",
        "vaultDomain": "vault.acme.com",
        "vaultDomainCustom": true,
        "trustedDomains": ["acme.com", "app.acme.com", "vault.acme.com"],
        "cookieDomain": "acme.com",
        "redirectUri": "https://app.acme.com/callback",
        "afterLoginRedirectUri": "https://app.acme.com/dashboard",
        "emailSendFromDomain": "mail.acme.com",
        "apiKeysEnabled": true,
        "apiKeySecretTokenPrefix": "acme_sk_",
        "auditLogsEnabled": false
    })
}

pub(super) fn user() -> Value {
    json!({
        "id": USER_ID,
        "organizationId": ORG_ID,
        "email": "ada.lovelace@acme.com",
        "createTime": "2025-02-03T04:05:06.789Z",
        "updateTime": "2025-05-06T07:08:09.101112Z",
        "owner": false,
        "googleUserId": "108234567890123456789",
        "hasAuthenticatorApp": true,
        "displayName": "Ada Lovelace",
        "profilePictureUrl": "https://lh3.googleusercontent.com/a/ACg8ocJ=s96-c"
    })
}

/// A User with every `optional` field unset.
pub(super) fn user_sparse() -> Value {
    json!({
        "id": "user_3l2d1ad5ht9a6dfdj3bbi0pwr",
        "organizationId": ORG_ID,
        "email": "grace.hopper@acme.com",
        "createTime": "2025-02-03T04:05:07Z",
        "updateTime": "2025-02-03T04:05:07Z"
    })
}

pub(super) fn session() -> Value {
    json!({
        "id": "session_2wm4cjv8o3d7ncrutfb4a6qpr",
        "userId": USER_ID,
        "createTime": "2025-07-01T12:00:00.123456Z",
        "lastActiveTime": "2025-07-01T12:34:56.789Z",
        "expireTime": "2025-07-08T12:00:00.123456Z",
        "primaryAuthFactor": "PRIMARY_AUTH_FACTOR_EMAIL"
    })
}

/// A Session revoked before it was ever used: no `lastActiveTime`, which
/// the server writes as `null`.
pub(super) fn session_revoked() -> Value {
    json!({
        "id": "session_7c8b3xq1ny0gqmxhdb2ur5kfe",
        "userId": USER_ID,
        "revoked": true,
        "createTime": "2025-06-01T00:00:00Z",
        "expireTime": "2025-06-08T00:00:00Z",
        "primaryAuthFactor": "PRIMARY_AUTH_FACTOR_EMAIL"
    })
}

/// The bytes of [`passkey`]'s `credentialId`; base64 `Pvv/EpoAf7/+QVBLwN4=`.
pub(super) const CREDENTIAL_ID: [u8; 14] = [
    0x3e, 0xfb, 0xff, 0x12, 0x9a, 0x00, 0x7f, 0xbf, 0xfe, 0x41, 0x50, 0x4b, 0xc0, 0xde,
];

pub(super) fn passkey() -> Value {
    json!({
        "id": "passkey_6lq0oa1r9dqcz4y9f1b0s3w2x",
        "userId": USER_ID,
        "createTime": "2025-04-01T09:00:00.500Z",
        "updateTime": "2025-04-02T09:00:00.500Z",
        "disabled": false,
        "credentialId": "Pvv/EpoAf7/+QVBLwN4=",
        "publicKeyPkix": "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE3xK2\n-----END PUBLIC KEY-----\n",
        "aaguid": "fbfc3007-154e-4ecc-8c0b-6e020557d7bd",
        "rpId": "vault.acme.com"
    })
}

pub(super) fn user_invite() -> Value {
    json!({
        "id": "user_invite_1ba3mgpqhv6yr6ftbnd8x0yhs",
        "organizationId": ORG_ID,
        "createTime": "2025-05-05T05:05:05.050505Z",
        "updateTime": "2025-05-05T05:05:05.050505Z",
        "email": "alan.turing@acme.com",
        "owner": true
    })
}

pub(super) fn role() -> Value {
    json!({
        "id": ROLE_ID,
        "organizationId": ORG_ID,
        "createTime": "2025-01-20T10:00:00.001Z",
        "updateTime": "2025-01-21T10:00:00.002Z",
        "displayName": "Billing Admin",
        "description": "Can read and pay invoices.",
        "actions": ["acme.invoices.read", "acme.invoices.pay"]
    })
}

/// A project-wide Role (no Organization), without an `updateTime`.
pub(super) fn role_project_wide() -> Value {
    json!({
        "id": "role_0vwq1t9o8pp5s3yq8e5d6nq2m",
        "createTime": "2024-12-31T23:59:59Z",
        "displayName": "Viewer",
        "actions": ["acme.invoices.read"]
    })
}

pub(super) fn user_role_assignment() -> Value {
    json!({
        "id": "user_role_assignment_9f3gq0b2j1kd8xw4s6n7m5c3v",
        "userId": USER_ID,
        "roleId": ROLE_ID
    })
}

pub(super) fn api_key_role_assignment() -> Value {
    json!({
        "id": "api_key_role_assignment_5ne7yq2m8c4b6x0z1v3d9k7wp",
        "apiKeyId": API_KEY_ID,
        "roleId": ROLE_ID
    })
}

pub(super) fn saml_connection() -> Value {
    json!({
        "id": "saml_connection_3y8s2l1r9c0d7x5q4w6e2n8b1",
        "organizationId": ORG_ID,
        "createTime": "2025-02-14T14:14:14.140Z",
        "updateTime": "2025-02-15T15:15:15.150Z",
        "primary": false,
        "spAcsUrl": "https://vault.acme.com/api/saml/v1/saml_connection_3y8s2l1r9c0d7x5q4w6e2n8b1/acs",
        "spEntityId": "https://vault.acme.com/api/saml/v1/saml_connection_3y8s2l1r9c0d7x5q4w6e2n8b1",
        "idpRedirectUrl": "https://login.microsoftonline.com/72f988bf/saml2",
        "idpX509Certificate": "-----BEGIN CERTIFICATE-----\nMIIC8DCCAdigAwIBAgIQ\n-----END CERTIFICATE-----\n",
        "idpEntityId": "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/"
    })
}

pub(super) fn oidc_connection() -> Value {
    json!({
        "id": "oidc_connection_7k2j9h4g6f1d3s5a8p0o2i4u6",
        "organizationId": ORG_ID,
        "createTime": "2025-03-03T03:03:03.303Z",
        "updateTime": "2025-03-04T04:04:04.404Z",
        "primary": true,
        "configurationUrl": "https://acme.okta.com/.well-known/openid-configuration",
        "clientId": "0oa1b2c3d4e5f6g7h8i9",
        "redirectUri": "https://vault.acme.com/api/oidc/v1/oidc_connection_7k2j9h4g6f1d3s5a8p0o2i4u6/callback"
    })
}

pub(super) fn scim_api_key() -> Value {
    json!({
        "id": "scim_api_key_4c6x8z0v2b4n6m8q0w2e4r6t8",
        "organizationId": ORG_ID,
        "createTime": "2025-04-04T04:04:04Z",
        "updateTime": "2025-04-05T05:05:05.500Z",
        "displayName": "Okta provisioning"
    })
}

/// A SCIM API key as creation returns it: with its secret token.
pub(super) fn scim_api_key_with_secret() -> Value {
    let mut key = scim_api_key();
    key["secretToken"] = json!("tesseral_secret_scim_api_key_8bd0f7c21e4a");
    key
}

pub(super) fn scim_api_key_revoked() -> Value {
    let mut key = scim_api_key();
    key["revoked"] = json!(true);
    key["updateTime"] = json!("2025-07-07T07:07:07.777Z");
    key
}

pub(super) fn api_key() -> Value {
    json!({
        "id": API_KEY_ID,
        "organizationId": ORG_ID,
        "createTime": "2025-05-01T10:00:00.000100Z",
        "updateTime": "2025-05-02T11:00:00.010Z",
        "expireTime": "2026-01-01T00:00:00Z",
        "displayName": "CI deploy key",
        "secretTokenSuffix": "x9Qa"
    })
}

/// An API key as creation returns it: with its secret token.
pub(super) fn api_key_with_secret() -> Value {
    let mut key = api_key();
    key["secretToken"] = json!("acme_sk_1hd82nxk2o0c7m4b9v6x3z5qx9Qa");
    key
}

/// A revoked API key without an expiry.
pub(super) fn api_key_revoked() -> Value {
    json!({
        "id": "api_key_6ut3rw0q9p8o7i6u5y4t3r2e1",
        "organizationId": ORG_ID,
        "createTime": "2025-01-01T00:00:00Z",
        "updateTime": "2025-02-01T00:00:00Z",
        "displayName": "Old key",
        "secretTokenSuffix": "0000",
        "revoked": true
    })
}

/// The free-form details of [`audit_log_event`]: nested objects, a list,
/// numbers, `false` and `null`, all kept as they are.
pub(super) fn event_details() -> Value {
    json!({
        "invoice": {
            "id": "inv_42",
            "amountCents": 129900,
            "taxRate": 0.2,
            "currency": "EUR",
            "paid": true,
            "disputed": false,
            "lineItems": [
                {"sku": "seat", "quantity": 3},
                {"sku": "support", "quantity": 1, "note": null}
            ],
            "memo": null
        },
        "ipAddress": "203.0.113.7",
        "tags": ["billing", "", 0]
    })
}

pub(super) fn audit_log_event() -> Value {
    json!({
        "id": "audit_log_event_2b4d6f8h0j2l4n6p8r0t2v4x6",
        "organizationId": ORG_ID,
        "actorUserId": USER_ID,
        "actorSessionId": "session_2wm4cjv8o3d7ncrutfb4a6qpr",
        "eventTime": "2025-07-04T12:30:45.678901Z",
        "eventName": "acme.invoice.paid",
        "eventDetails": event_details()
    })
}
