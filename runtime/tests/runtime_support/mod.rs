//! Shared fixtures of the runtime tests: request and response types and
//! operation statics written by hand in exactly the shape generated code
//! has (see ARCHITECTURE.md), and a tiny TCP server for faults wiremock
//! cannot inject (resets, truncated bodies, hangs).
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::rt::json;
use crate::rt::pagination::{PageRequest, PageResponse};
use crate::rt::{ApiClient, ClientConfig, Method, Operation};

// ---------------------------------------------------------------- messages

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Organization {
    #[serde(rename = "id", with = "json", skip_serializing_if = "json::is_default")]
    pub id: String,
    #[serde(
        rename = "displayName",
        alias = "display_name",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub display_name: String,
    #[serde(
        rename = "logInWithPassword",
        alias = "log_in_with_password",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub log_in_with_password: Option<bool>,
}
impl json::Plain for Organization {}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GetOrganizationRequest {
    #[serde(rename = "id", with = "json", skip_serializing_if = "json::is_default")]
    pub id: String,
}
impl json::Plain for GetOrganizationRequest {}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GetOrganizationResponse {
    #[serde(
        rename = "organization",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub organization: Option<Organization>,
}
impl json::Plain for GetOrganizationResponse {}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CreateOrganizationRequest {
    #[serde(
        rename = "organization",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub organization: Option<Organization>,
}
impl json::Plain for CreateOrganizationRequest {}

/// `PATCH /v1/organizations/{id}` with `body: "*"`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UpdateOrganizationRequest {
    #[serde(rename = "id", with = "json", skip_serializing_if = "json::is_default")]
    pub id: String,
    #[serde(
        rename = "displayName",
        alias = "display_name",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub display_name: Option<String>,
    #[serde(
        rename = "logInWithPassword",
        alias = "log_in_with_password",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub log_in_with_password: Option<bool>,
}
impl json::Plain for UpdateOrganizationRequest {}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RevokeScimApiKeyRequest {
    #[serde(rename = "id", with = "json", skip_serializing_if = "json::is_default")]
    pub id: String,
}
impl json::Plain for RevokeScimApiKeyRequest {}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct User {
    #[serde(rename = "id", with = "json", skip_serializing_if = "json::is_default")]
    pub id: String,
    #[serde(
        rename = "email",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub email: String,
}
impl json::Plain for User {}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ListUsersRequest {
    #[serde(
        rename = "organizationId",
        alias = "organization_id",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub organization_id: String,
    #[serde(
        rename = "pageToken",
        alias = "page_token",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub page_token: String,
}
impl json::Plain for ListUsersRequest {}
impl PageRequest for ListUsersRequest {
    fn set_page_token(&mut self, token: String) {
        self.page_token = token;
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ListUsersResponse {
    #[serde(
        rename = "users",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub users: Vec<User>,
    #[serde(
        rename = "nextPageToken",
        alias = "next_page_token",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub next_page_token: String,
}
impl json::Plain for ListUsersResponse {}
impl PageResponse for ListUsersResponse {
    type Item = User;
    fn next_page_token(&self) -> &str {
        &self.next_page_token
    }
    fn into_items(self) -> Vec<User> {
        self.users
    }
}

/// An open enum in the generated shape (shared with the JSON tests).
pub use crate::json_common::Role;

/// A GET whose every field goes to the query string (and one to a header).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchRequest {
    #[serde(
        rename = "pageToken",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub page_token: String,
    #[serde(
        rename = "ids",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub ids: Vec<String>,
    #[serde(
        rename = "limit",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub limit: i64,
    #[serde(
        rename = "big",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub big: u64,
    #[serde(
        rename = "flag",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub flag: bool,
    #[serde(
        rename = "ratio",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub ratio: f64,
    #[serde(
        rename = "role",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub role: Role,
    #[serde(
        rename = "roles",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub roles: Vec<Role>,
    #[serde(
        rename = "note",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub note: Option<String>,
    #[serde(
        rename = "tenant",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub tenant: String,
    #[serde(
        rename = "labels",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub labels: BTreeMap<String, String>,
    #[serde(
        rename = "since",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub since: Option<crate::rt::wkt::Timestamp>,
}
impl json::Plain for SearchRequest {}

pub use crate::rt::wkt::Empty;

// -------------------------------------------------------------- operations

pub static GET_ORGANIZATION: Operation<GetOrganizationRequest> = Operation {
    name: "GetOrganization",
    method: Method::Get,
    path_template: "/v1/organizations/{id}",
    encode: |r, p| {
        p.path("/v1/organizations/");
        p.path_param("id", &r.id)?;
        Ok(())
    },
};

pub static CREATE_ORGANIZATION: Operation<CreateOrganizationRequest> = Operation {
    name: "CreateOrganization",
    method: Method::Post,
    path_template: "/v1/organizations",
    encode: |r, p| {
        p.path("/v1/organizations");
        p.body(&r.organization)?;
        Ok(())
    },
};

pub static UPDATE_ORGANIZATION: Operation<UpdateOrganizationRequest> = Operation {
    name: "UpdateOrganization",
    method: Method::Patch,
    path_template: "/v1/organizations/{id}",
    encode: |r, p| {
        p.path("/v1/organizations/");
        p.path_param("id", &r.id)?;
        p.body_except(r, &["id"])?;
        Ok(())
    },
};

pub static DELETE_ORGANIZATION: Operation<GetOrganizationRequest> = Operation {
    name: "DeleteOrganization",
    method: Method::Delete,
    path_template: "/v1/organizations/{id}",
    encode: |r, p| {
        p.path("/v1/organizations/");
        p.path_param("id", &r.id)?;
        Ok(())
    },
};

pub static REVOKE_SCIM_API_KEY: Operation<RevokeScimApiKeyRequest> = Operation {
    name: "RevokeSCIMAPIKey",
    method: Method::Post,
    path_template: "/v1/scim-api-keys/{id}/revoke",
    encode: |r, p| {
        p.path("/v1/scim-api-keys/");
        p.path_param("id", &r.id)?;
        p.path("/revoke");
        Ok(())
    },
};

pub static LIST_USERS: Operation<ListUsersRequest> = Operation {
    name: "ListUsers",
    method: Method::Get,
    path_template: "/v1/users",
    encode: |r, p| {
        p.path("/v1/users");
        p.query("organizationId", &r.organization_id);
        p.query("pageToken", &r.page_token);
        Ok(())
    },
};

pub static SEARCH: Operation<SearchRequest> = Operation {
    name: "Search",
    method: Method::Get,
    path_template: "/v1/search",
    encode: |r, p| {
        p.path("/v1/search");
        p.query("pageToken", &r.page_token);
        p.query("ids", &r.ids);
        p.query("limit", &r.limit);
        p.query("big", &r.big);
        p.query("flag", &r.flag);
        p.query("ratio", &r.ratio);
        p.query("role", &r.role);
        p.query("roles", &r.roles);
        p.query("note", &r.note);
        p.query("labels", &r.labels);
        p.query("since", &r.since);
        p.header("X-Tenant", &r.tenant);
        Ok(())
    },
};

// ------------------------------------------------- the client, as generated

/// The test API's settings: those of the Tesseral SDK, whose runtime this
/// was first.
const CONFIG: ClientConfig = ClientConfig::new(
    "Tesseral Backend API",
    concat!("tesseral-rust/", env!("CARGO_PKG_VERSION")),
)
.base_url("https://api.tesseral.com")
.bearer(&["TESSERAL_API_KEY", "TESSERAL_BACKEND_API_KEY"]);

/// The test API's client, wrapping the runtime's core as generated code does.
#[derive(Clone, Debug)]
pub struct Client(crate::rt::Client);

pub type ClientBuilder = crate::rt::ClientBuilder<Client>;

impl ApiClient for Client {
    const CONFIG: ClientConfig = CONFIG;

    fn from_client(client: crate::rt::Client) -> Self {
        Client(client)
    }

    fn client(&self) -> &crate::rt::Client {
        &self.0
    }
}

impl Client {
    pub fn new(api_key: impl Into<String>) -> Result<Client, crate::rt::Error> {
        Client::builder().api_key(api_key).build()
    }

    pub fn from_env() -> Result<Client, crate::rt::Error> {
        Client::builder().build()
    }

    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    pub fn base_url(&self) -> &str {
        self.0.base_url()
    }
}

// ------------------------------------------------- client methods, as generated

pub trait Api {
    fn get_organization(
        &self,
        request: GetOrganizationRequest,
    ) -> crate::rt::Call<GetOrganizationRequest, GetOrganizationResponse>;
    fn create_organization(
        &self,
        request: CreateOrganizationRequest,
    ) -> crate::rt::Call<CreateOrganizationRequest, Organization>;
    fn update_organization(
        &self,
        request: UpdateOrganizationRequest,
    ) -> crate::rt::Call<UpdateOrganizationRequest, Organization>;
    fn delete_organization(
        &self,
        request: GetOrganizationRequest,
    ) -> crate::rt::Call<GetOrganizationRequest, Empty>;
    fn revoke_scim_api_key(
        &self,
        request: RevokeScimApiKeyRequest,
    ) -> crate::rt::Call<RevokeScimApiKeyRequest, Empty>;
    fn list_users(
        &self,
        request: ListUsersRequest,
    ) -> crate::rt::Call<ListUsersRequest, ListUsersResponse>;
    fn search(&self, request: SearchRequest) -> crate::rt::Call<SearchRequest, Empty>;
}

impl Api for Client {
    fn get_organization(
        &self,
        request: GetOrganizationRequest,
    ) -> crate::rt::Call<GetOrganizationRequest, GetOrganizationResponse> {
        crate::rt::Call::new(self, &GET_ORGANIZATION, request)
    }
    fn create_organization(
        &self,
        request: CreateOrganizationRequest,
    ) -> crate::rt::Call<CreateOrganizationRequest, Organization> {
        crate::rt::Call::new(self, &CREATE_ORGANIZATION, request)
    }
    fn update_organization(
        &self,
        request: UpdateOrganizationRequest,
    ) -> crate::rt::Call<UpdateOrganizationRequest, Organization> {
        crate::rt::Call::new(self, &UPDATE_ORGANIZATION, request)
    }
    fn delete_organization(
        &self,
        request: GetOrganizationRequest,
    ) -> crate::rt::Call<GetOrganizationRequest, Empty> {
        crate::rt::Call::new(self, &DELETE_ORGANIZATION, request)
    }
    fn revoke_scim_api_key(
        &self,
        request: RevokeScimApiKeyRequest,
    ) -> crate::rt::Call<RevokeScimApiKeyRequest, Empty> {
        crate::rt::Call::new(self, &REVOKE_SCIM_API_KEY, request)
    }
    fn list_users(
        &self,
        request: ListUsersRequest,
    ) -> crate::rt::Call<ListUsersRequest, ListUsersResponse> {
        crate::rt::Call::new(self, &LIST_USERS, request)
    }
    fn search(&self, request: SearchRequest) -> crate::rt::Call<SearchRequest, Empty> {
        crate::rt::Call::new(self, &SEARCH, request)
    }
}

pub fn get(id: &str) -> GetOrganizationRequest {
    GetOrganizationRequest { id: id.to_owned() }
}

pub fn org_json(id: &str) -> String {
    format!(r#"{{"organization":{{"id":"{id}","displayName":"Org {id}"}}}}"#)
}

// ------------------------------------------------------------------ clients

/// The test key; tests assert it never shows up anywhere.
pub const KEY: &str = "tesseral_secret_key_DO_NOT_LEAK_123";

pub fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// A client for `base` with retries on and tiny backoffs.
pub fn builder(base: &str) -> ClientBuilder {
    ClientBuilder::for_testing(base)
        .api_key(KEY)
        .max_retries(2)
        .backoff(ms(1), ms(5))
}

pub fn client(base: &str) -> Client {
    builder(base).build().unwrap()
}

/// An address where nothing listens (a port just bound and released).
pub fn refused_addr() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{addr}")
}

// --------------------------------------------------------------- raw server

/// What the raw server does with one request.
#[derive(Clone, Debug)]
pub enum Reply {
    /// Writes these bytes and closes the connection.
    Raw(Vec<u8>),
    /// Writes a head promising `Content-Length: 1000` and a few body bytes,
    /// then resets the connection.
    ResetMidBody,
    /// Reads the request and never answers.
    Hang,
}

/// A complete HTTP/1.1 response.
pub fn http_response(status: u16, content_type: &str, body: &str) -> Reply {
    Reply::Raw(
        format!(
            "HTTP/1.1 {status} X\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        )
        .into_bytes(),
    )
}

/// A one-request-per-connection HTTP/1.1 server on 127.0.0.1 that answers
/// the n-th request (from 0) with `script(n)` and records each request.
pub struct RawServer {
    pub url: String,
    pub requests: Arc<Mutex<Vec<String>>>,
    task: tokio::task::JoinHandle<()>,
}

impl RawServer {
    pub async fn start(script: impl Fn(usize) -> Reply + Send + Sync + 'static) -> RawServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr: SocketAddr = listener.local_addr().unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = requests.clone();
        let script = Arc::new(script);
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let seen = seen.clone();
                let script = script.clone();
                tokio::spawn(async move {
                    serve(stream, seen, script).await;
                });
            }
        });
        RawServer {
            url: format!("http://{addr}"),
            requests,
            task,
        }
    }

    pub fn count(&self) -> usize {
        self.requests.lock().unwrap().len()
    }
}

impl Drop for RawServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn serve(
    mut stream: TcpStream,
    seen: Arc<Mutex<Vec<String>>>,
    script: Arc<dyn Fn(usize) -> Reply + Send + Sync>,
) {
    let Some(request) = read_request(&mut stream).await else {
        return;
    };
    let index = {
        let mut seen = seen.lock().unwrap();
        seen.push(request);
        seen.len() - 1
    };
    match script(index) {
        Reply::Raw(bytes) => {
            let _ = stream.write_all(&bytes).await;
            let _ = stream.shutdown().await;
        }
        Reply::ResetMidBody => {
            let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{\"organization\":{";
            let _ = stream.write_all(head.as_bytes()).await;
            let _ = stream.flush().await;
            tokio::time::sleep(ms(20)).await;
            let _ = stream.set_zero_linger();
            drop(stream);
        }
        Reply::Hang => {
            tokio::time::sleep(Duration::from_secs(3600)).await;
        }
    }
}

/// Reads one request (head and `content-length` body) as text.
async fn read_request(stream: &mut TcpStream) -> Option<String> {
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        if let Some(end) = find(&data, b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&data[..end]).to_string();
            let length = head
                .lines()
                .find_map(|line| {
                    let (name, value) = line.split_once(':')?;
                    name.eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse::<usize>().ok())?
                })
                .unwrap_or(0);
            while data.len() < end + 4 + length {
                let n = stream.read(&mut buf).await.ok()?;
                if n == 0 {
                    return None;
                }
                data.extend_from_slice(&buf[..n]);
            }
            return Some(String::from_utf8_lossy(&data).to_string());
        }
        let n = stream.read(&mut buf).await.ok()?;
        if n == 0 {
            return None;
        }
        data.extend_from_slice(&buf[..n]);
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
