//! SAML and OIDC connections, and SCIM API keys.

use serde_json::json;

use super::entities::*;
use super::harness::{Expect, Harness};
use crate::sdk::model::*;

const SAML_ID: &str = "saml_connection_3y8s2l1r9c0d7x5q4w6e2n8b1";
const OIDC_ID: &str = "oidc_connection_7k2j9h4g6f1d3s5a8p0o2i4u6";
const SCIM_ID: &str = "scim_api_key_4c6x8z0v2b4n6m8q0w2e4r6t8";

pub(super) async fn run(h: &mut Harness) {
    saml(h).await;
    oidc(h).await;
    scim(h).await;
}

async fn saml(h: &mut Harness) {
    h.check(
        Expect::new("POST", "/v1/saml-connections")
            .body(json!({"organizationId": ORG_ID, "primary": true}))
            .responds(json!({"samlConnection": saml_connection()})),
        |c| {
            c.create_saml_connection(
                CreateSamlConnectionRequest::new().with_saml_connection(
                    SamlConnection::new()
                        .with_organization_id(ORG_ID)
                        .with_primary(true),
                ),
            )
        },
    )
    .await;

    h.check(
        Expect::new(
            "DELETE",
            "/v1/saml-connections/saml_connection_3y8s2l1r9c0d7x5q4w6e2n8b1",
        ),
        |c| c.delete_saml_connection(DeleteSamlConnectionRequest::new().with_id(SAML_ID)),
    )
    .await;

    h.check(
        Expect::new(
            "GET",
            "/v1/saml-connections/saml_connection_3y8s2l1r9c0d7x5q4w6e2n8b1",
        )
        .responds(json!({"samlConnection": saml_connection()})),
        |c| c.get_saml_connection(GetSamlConnectionRequest::new().with_id(SAML_ID)),
    )
    .await;

    h.check(
        Expect::new("GET", "/v1/saml-connections")
            .query(&[("organizationId", ORG_ID), ("pageToken", PAGE_TOKEN)])
            .responds(json!({"samlConnections": [saml_connection()]})),
        |c| {
            c.list_saml_connections(
                ListSamlConnectionsRequest::new()
                    .with_organization_id(ORG_ID)
                    .with_page_token(PAGE_TOKEN),
            )
        },
    )
    .await;

    h.check(
        Expect::new("PATCH", "/v1/saml-connections/saml_connection_3y8s2l1r9c0d7x5q4w6e2n8b1")
            .body(json!({
                "idpRedirectUrl": "https://login.microsoftonline.com/72f988bf/saml2",
                "idpX509Certificate": "-----BEGIN CERTIFICATE-----\nMIIC8DCCAdigAwIBAgIQ\n-----END CERTIFICATE-----\n",
                "idpEntityId": "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/"
            }))
            .responds(json!({"samlConnection": saml_connection()})),
        |c| {
            c.update_saml_connection(
                UpdateSamlConnectionRequest::new()
                    .with_id(SAML_ID)
                    .with_saml_connection(
                        SamlConnection::new()
                            .with_idp_redirect_url("https://login.microsoftonline.com/72f988bf/saml2")
                            .with_idp_x509_certificate(
                                "-----BEGIN CERTIFICATE-----\nMIIC8DCCAdigAwIBAgIQ\n-----END CERTIFICATE-----\n",
                            )
                            .with_idp_entity_id(
                                "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/",
                            ),
                    ),
            )
        },
    )
    .await;
}

async fn oidc(h: &mut Harness) {
    h.check(
        Expect::new("POST", "/v1/oidc-connections")
            .body(json!({
                "organizationId": ORG_ID,
                "primary": true,
                "configurationUrl": "https://acme.okta.com/.well-known/openid-configuration",
                "clientId": "0oa1b2c3d4e5f6g7h8i9",
                "clientSecret": "okta-client-secret-9vX2"
            }))
            .responds(json!({"oidcConnection": oidc_connection()})),
        |c| {
            c.create_oidc_connection(
                CreateOidcConnectionRequest::new().with_oidc_connection(
                    OidcConnection::new()
                        .with_organization_id(ORG_ID)
                        .with_primary(true)
                        .with_configuration_url(
                            "https://acme.okta.com/.well-known/openid-configuration",
                        )
                        .with_client_id("0oa1b2c3d4e5f6g7h8i9")
                        .with_client_secret("okta-client-secret-9vX2"),
                ),
            )
        },
    )
    .await;

    h.check(
        Expect::new(
            "DELETE",
            "/v1/oidc-connections/oidc_connection_7k2j9h4g6f1d3s5a8p0o2i4u6",
        ),
        |c| c.delete_oidc_connection(DeleteOidcConnectionRequest::new().with_id(OIDC_ID)),
    )
    .await;

    h.check(
        Expect::new(
            "GET",
            "/v1/oidc-connections/oidc_connection_7k2j9h4g6f1d3s5a8p0o2i4u6",
        )
        .responds(json!({"oidcConnection": oidc_connection()})),
        |c| c.get_oidc_connection(GetOidcConnectionRequest::new().with_id(OIDC_ID)),
    )
    .await;

    // The first page: no page token, so no `pageToken` parameter.
    h.check(
        Expect::new("GET", "/v1/oidc-connections")
            .query(&[("organizationId", ORG_ID)])
            .responds(json!({
                "oidcConnections": [oidc_connection()],
                "nextPageToken": NEXT_PAGE_TOKEN
            })),
        |c| c.list_oidc_connections(ListOidcConnectionsRequest::new().with_organization_id(ORG_ID)),
    )
    .await;

    h.check(
        Expect::new(
            "PATCH",
            "/v1/oidc-connections/oidc_connection_7k2j9h4g6f1d3s5a8p0o2i4u6",
        )
        .body(json!({"clientSecret": "okta-client-secret-rotated"}))
        .responds(json!({"oidcConnection": oidc_connection()})),
        |c| {
            c.update_oidc_connection(
                UpdateOidcConnectionRequest::new()
                    .with_id(OIDC_ID)
                    .with_oidc_connection(
                        OidcConnection::new().with_client_secret("okta-client-secret-rotated"),
                    ),
            )
        },
    )
    .await;
}

async fn scim(h: &mut Harness) {
    h.check(
        Expect::new("POST", "/v1/scim-api-keys")
            .body(json!({"organizationId": ORG_ID, "displayName": "Okta provisioning"}))
            .responds(json!({"scimApiKey": scim_api_key_with_secret()})),
        |c| {
            c.create_scim_api_key(
                CreateScimApiKeyRequest::new().with_scim_api_key(
                    ScimApiKey::new()
                        .with_organization_id(ORG_ID)
                        .with_display_name("Okta provisioning"),
                ),
            )
        },
    )
    .await;

    h.check(
        Expect::new(
            "DELETE",
            "/v1/scim-api-keys/scim_api_key_4c6x8z0v2b4n6m8q0w2e4r6t8",
        ),
        |c| c.delete_scim_api_key(DeleteScimApiKeyRequest::new().with_id(SCIM_ID)),
    )
    .await;

    h.check(
        Expect::new(
            "GET",
            "/v1/scim-api-keys/scim_api_key_4c6x8z0v2b4n6m8q0w2e4r6t8",
        )
        .responds(json!({"scimApiKey": scim_api_key()})),
        |c| c.get_scim_api_key(GetScimApiKeyRequest::new().with_id(SCIM_ID)),
    )
    .await;

    h.check(
        Expect::new("GET", "/v1/scim-api-keys")
            .query(&[("organizationId", ORG_ID), ("pageToken", PAGE_TOKEN)])
            .responds(json!({"scimApiKeys": [scim_api_key(), scim_api_key_revoked()]})),
        |c| {
            c.list_scim_api_keys(
                ListScimApiKeysRequest::new()
                    .with_organization_id(ORG_ID)
                    .with_page_token(PAGE_TOKEN),
            )
        },
    )
    .await;

    // No body on this POST; an ID with `/` and `..` stays one segment
    // in the middle of the path.
    h.check(
        Expect::new("POST", "/v1/scim-api-keys/scim_api_key_1%2F..%2F2/revoke")
            .responds(json!({"scimApiKey": scim_api_key_revoked()})),
        |c| c.revoke_scim_api_key(RevokeScimApiKeyRequest::new().with_id("scim_api_key_1/../2")),
    )
    .await;

    h.check(
        Expect::new(
            "PATCH",
            "/v1/scim-api-keys/scim_api_key_4c6x8z0v2b4n6m8q0w2e4r6t8",
        )
        .body(json!({"displayName": "Okta provisioning (EU)"}))
        .responds(json!({"scimApiKey": scim_api_key()})),
        |c| {
            c.update_scim_api_key(
                UpdateScimApiKeyRequest::new()
                    .with_id(SCIM_ID)
                    .with_scim_api_key(
                        ScimApiKey::new().with_display_name("Okta provisioning (EU)"),
                    ),
            )
        },
    )
    .await;
}
