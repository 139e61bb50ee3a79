//! Request bodies of `body: "<field>"` operations, checked against what the
//! server makes of them (`tests/data/conformance/bodies/*.json`, written by
//! `conformance/vectorgen/bodies.py`): for each body (none, `{}`, a full
//! message) the request the reference builds from it. The SDK, given that
//! request, must send that body: no body for an unset field (`{}` would be a
//! present, empty message), `{}` for an empty one, the message otherwise.

use std::future::Future;
use std::pin::Pin;

use rest_sdk_runtime::json::{self, Codec};
use rest_sdk_runtime::{ApiClient, Call, ClientBuilder};

/// Sends one request (given as JSON) to a server at a base URL.
pub type Send = fn(String, String) -> Pin<Box<dyn Future<Output = Result<(), String>>>>;

/// One operation with a body field, and how to call it.
pub struct BodyOp {
    /// Full RPC name.
    pub proto: &'static str,
    /// Decodes the request from JSON and calls the operation.
    pub send: Send,
}

/// Decodes `request` as `Req` and makes the call with a test client of `C`
/// at `base_url`.
async fn send<C, Req, Resp>(
    base_url: String,
    request: String,
    method: fn(&C, Req) -> Call<Req, Resp>,
) -> Result<(), String>
where
    C: ApiClient,
    Req: Codec + 'static,
    Resp: serde::de::DeserializeOwned + std::marker::Send + 'static,
{
    let client = ClientBuilder::<C>::for_testing(&base_url)
        .build()
        .map_err(|e| e.to_string())?;
    let request: Req =
        json::from_str(&request).map_err(|e| format!("the request does not decode: {e}"))?;
    method(&client, request)
        .await
        .map(drop)
        .map_err(|e| e.to_string())
}

macro_rules! body_ops {
    ($($proto:literal => $method:expr,)*) => {
        /// Every operation with a body field.
        pub const BODY_OPS: &[BodyOp] = &[$(
            BodyOp {
                proto: $proto,
                send: |base_url, request| Box::pin(send(base_url, request, $method)),
            },
        )*];
    };
}

body_ops! {
    "tesseral.backend.v1.BackendService.CreateAuditLogEvent" => tesseral::Client::create_audit_log_event,
    "tesseral.backend.v1.BackendService.CreateOIDCConnection" => tesseral::Client::create_oidc_connection,
    "tesseral.backend.v1.BackendService.CreateOrganization" => tesseral::Client::create_organization,
    "tesseral.backend.v1.BackendService.CreateRole" => tesseral::Client::create_role,
    "tesseral.backend.v1.BackendService.CreateSAMLConnection" => tesseral::Client::create_saml_connection,
    "tesseral.backend.v1.BackendService.CreateSCIMAPIKey" => tesseral::Client::create_scim_api_key,
    "tesseral.backend.v1.BackendService.CreateUser" => tesseral::Client::create_user,
    "tesseral.backend.v1.BackendService.CreateUserInvite" => tesseral::Client::create_user_invite,
    "tesseral.backend.v1.BackendService.CreateUserRoleAssignment" => tesseral::Client::create_user_role_assignment,
    "tesseral.backend.v1.BackendService.UpdateOIDCConnection" => tesseral::Client::update_oidc_connection,
    "tesseral.backend.v1.BackendService.UpdateOrganization" => tesseral::Client::update_organization,
    "tesseral.backend.v1.BackendService.UpdateOrganizationDomains" => tesseral::Client::update_organization_domains,
    "tesseral.backend.v1.BackendService.UpdateOrganizationGoogleHostedDomains" => tesseral::Client::update_organization_google_hosted_domains,
    "tesseral.backend.v1.BackendService.UpdateOrganizationMicrosoftTenantIDs" => tesseral::Client::update_organization_microsoft_tenant_ids,
    "tesseral.backend.v1.BackendService.UpdatePasskey" => tesseral::Client::update_passkey,
    "tesseral.backend.v1.BackendService.UpdateRole" => tesseral::Client::update_role,
    "tesseral.backend.v1.BackendService.UpdateSAMLConnection" => tesseral::Client::update_saml_connection,
    "tesseral.backend.v1.BackendService.UpdateSCIMAPIKey" => tesseral::Client::update_scim_api_key,
    "tesseral.backend.v1.BackendService.UpdateUser" => tesseral::Client::update_user,
    "conformance.v1.ConformanceService.UpdateThing" => conformance_sdk::Client::update_thing,
}
