//! Organizations (with their domains, Google hosted domains and Microsoft
//! tenant IDs) and the Project.

use serde_json::json;

use super::entities::*;
use super::harness::{Expect, Harness};
use crate::sdk::model::*;

pub(super) async fn run(h: &mut Harness) {
    // body "organization": the Organization itself, only the fields set.
    h.check(
        Expect::new("POST", "/v1/organizations")
            .body(json!({
                "displayName": "Acme Corporation",
                "logInWithGoogle": true,
                "logInWithSaml": true,
                "scimEnabled": true
            }))
            .responds(json!({"organization": organization()})),
        |c| {
            c.create_organization(
                CreateOrganizationRequest::new().with_organization(
                    Organization::new()
                        .with_display_name("Acme Corporation")
                        .with_log_in_with_google(true)
                        .with_log_in_with_saml(true)
                        .with_scim_enabled(true),
                ),
            )
        },
    )
    .await;

    h.check(
        Expect::new("DELETE", "/v1/organizations/org_0t2ms2s6nw3mlhmfbcd5ojp42"),
        |c| c.delete_organization(DeleteOrganizationRequest::new().with_id(ORG_ID)),
    )
    .await;

    // `/`, a non-ASCII letter, a space, `?`, `#` and `%`: one encoded segment.
    h.check(
        Expect::new("GET", "/v1/organizations/org_7Zk%2F%C3%BC%20n%3F%23%25")
            .responds(json!({"organization": organization()})),
        |c| c.get_organization(GetOrganizationRequest::new().with_id("org_7Zk/ü n?#%")),
    )
    .await;

    h.check(
        Expect::new(
            "GET",
            "/v1/organizations/org_0t2ms2s6nw3mlhmfbcd5ojp42/domains",
        )
        .responds(json!({"organizationDomains": organization_domains()})),
        |c| {
            c.get_organization_domains(
                GetOrganizationDomainsRequest::new().with_organization_id(ORG_ID),
            )
        },
    )
    .await;

    h.check(
        Expect::new(
            "GET",
            "/v1/organizations/org_0t2ms2s6nw3mlhmfbcd5ojp42/google-hosted-domains",
        )
        .responds(json!({
            "organizationGoogleHostedDomains": organization_google_hosted_domains_none()
        })),
        |c| {
            c.get_organization_google_hosted_domains(
                GetOrganizationGoogleHostedDomainsRequest::new().with_organization_id(ORG_ID),
            )
        },
    )
    .await;

    h.check(
        Expect::new(
            "GET",
            "/v1/organizations/org_0t2ms2s6nw3mlhmfbcd5ojp42/microsoft-tenant-ids",
        )
        .responds(json!({"organizationMicrosoftTenantIds": organization_microsoft_tenant_ids()})),
        |c| {
            c.get_organization_microsoft_tenant_ids(
                GetOrganizationMicrosoftTenantIdsRequest::new().with_organization_id(ORG_ID),
            )
        },
    )
    .await;

    // The first page: no page token, so no query string at all.
    h.check(
        Expect::new("GET", "/v1/organizations").responds(json!({
            "organizations": [organization(), organization_sparse()],
            "nextPageToken": NEXT_PAGE_TOKEN
        })),
        |c| c.list_organizations(ListOrganizationsRequest::new()),
    )
    .await;

    // A PATCH sends only the fields set. (That the protos' SDK also sends an
    // `optional` field set to `false` is checked in its own root.)
    h.check(
        Expect::new("PATCH", "/v1/organizations/org_0t2ms2s6nw3mlhmfbcd5ojp42")
            .body(json!({"displayName": "Acme Corp", "requireMfa": true}))
            .responds(json!({"organization": organization()})),
        |c| {
            c.update_organization(
                UpdateOrganizationRequest::new()
                    .with_id(ORG_ID)
                    .with_organization(
                        Organization::new()
                            .with_display_name("Acme Corp")
                            .with_require_mfa(true),
                    ),
            )
        },
    )
    .await;

    // A path parameter in the middle of the path, with `ß?&=` in it.
    h.check(
        Expect::new("PATCH", "/v1/organizations/org_%C3%9F%3F%26%3Dx/domains")
            .body(json!({"domains": ["acme.com", "acme.co.uk", "xn--acm-5la.example"]}))
            .responds(json!({"organizationDomains": organization_domains()})),
        |c| {
            c.update_organization_domains(
                UpdateOrganizationDomainsRequest::new()
                    .with_organization_id("org_ß?&=x")
                    .with_organization_domains(OrganizationDomains::new().with_domains([
                        "acme.com",
                        "acme.co.uk",
                        "xn--acm-5la.example",
                    ])),
            )
        },
    )
    .await;

    h.check(
        Expect::new(
            "PATCH",
            "/v1/organizations/org_0t2ms2s6nw3mlhmfbcd5ojp42/google-hosted-domains",
        )
        .body(json!({"googleHostedDomains": ["acme.com", "corp.acme.com"]}))
        .responds(json!({"organizationGoogleHostedDomains": organization_google_hosted_domains()})),
        |c| {
            c.update_organization_google_hosted_domains(
                UpdateOrganizationGoogleHostedDomainsRequest::new()
                    .with_organization_id(ORG_ID)
                    .with_organization_google_hosted_domains(
                        OrganizationGoogleHostedDomains::new()
                            .with_google_hosted_domains(["acme.com", "corp.acme.com"]),
                    ),
            )
        },
    )
    .await;

    h.check(
        Expect::new(
            "PATCH",
            "/v1/organizations/org_0t2ms2s6nw3mlhmfbcd5ojp42/microsoft-tenant-ids",
        )
        .body(json!({"microsoftTenantIds": ["72f988bf-86f1-41af-91ab-2d7cd011db47"]}))
        .responds(json!({"organizationMicrosoftTenantIds": organization_microsoft_tenant_ids()})),
        |c| {
            c.update_organization_microsoft_tenant_ids(
                UpdateOrganizationMicrosoftTenantIdsRequest::new()
                    .with_organization_id(ORG_ID)
                    .with_organization_microsoft_tenant_ids(
                        OrganizationMicrosoftTenantIds::new()
                            .with_microsoft_tenant_ids(["72f988bf-86f1-41af-91ab-2d7cd011db47"]),
                    ),
            )
        },
    )
    .await;

    h.check(
        Expect::new("GET", "/v1/project").responds(json!({"project": project()})),
        |c| c.get_project(GetProjectRequest::new()),
    )
    .await;
}
