//! Rust SDK for the Tesseral Backend API.
//!
//! Generated from the API's protos: every operation of `BackendService` is a
//! method on [`Client`], with its request and response types in [`model`].
//!
//! # Quick start
//!
//! ```no_run
//! use tesseral::model::{GetOrganizationRequest, ListUsersRequest};
//! use futures::TryStreamExt;
//!
//! #[tokio::main]
//! async fn main() -> Result<(), tesseral::Error> {
//!     // The key comes from TESSERAL_API_KEY (or TESSERAL_BACKEND_API_KEY).
//!     let client = tesseral::Client::from_env()?;
//!
//!     // One call: build the request, await the call.
//!     let request = GetOrganizationRequest::new().with_id("org_...");
//!     match client.get_organization(request).await {
//!         Ok(response) => println!("{:?}", response.organization),
//!         Err(e) if e.is_not_found() => println!("no such organization"),
//!         Err(e) => return Err(e),
//!     }
//!
//!     // Per-request options are methods on the call.
//!     let request = GetOrganizationRequest::new().with_id("org_...");
//!     let _ = client
//!         .get_organization(request)
//!         .timeout(std::time::Duration::from_secs(5))
//!         .max_retries(0)
//!         .header("X-Request-Id", "42")
//!         .await?;
//!
//!     // Lists: every item across pages, the next page fetched in the background.
//!     let mut users = client.list_users(ListUsersRequest::new()).items();
//!     while let Some(user) = users.try_next().await? {
//!         println!("{}", user.email);
//!     }
//!     Ok(())
//! }
//! ```
//!
//! # Errors
//!
//! Every call returns [`Result<T, Error>`](Error). [`Error::kind`] tells
//! apart a misconfigured client, a request that could not be built, a
//! transport failure, a timeout, an error answer from the API (with its HTTP
//! status, [`Code`], stable message such as `not_found`, and description),
//! and a response that could not be decoded. Errors name the operation and
//! the number of attempts, and never contain the API key.
//!
//! # Retries and timeouts
//!
//! Failed attempts are retried (2 retries by default) with exponential
//! backoff and full jitter, honouring `Retry-After`, but only when that is
//! safe: connection failures and HTTP 429/503 for every request; 408, 500,
//! 502, 504, resets and timeouts only for `GET`, `PUT` and `DELETE`. A
//! `POST` that may have taken effect is never repeated. Each attempt has a
//! 60 s timeout. All of this is configurable per client ([`ClientBuilder`])
//! and per request ([`RequestOptions`]).
//!
//! # Features
//!
//! * `blocking`: synchronous `send_blocking()`, `items_blocking()` and
//!   `pages_blocking()` on every call, run on a runtime the SDK owns (see
//!   the `blocking` module).
//!
//! # Tracing
//!
//! Calls emit [`tracing`](https://docs.rs/tracing) spans and events (target
//! `rest_sdk_runtime`, the runtime crate's): one `request` span per call with
//! the API and operation name, method, path template, status and attempt
//! count, and one event per attempt and per retry. The API key, the filled
//! path (IDs) and bodies are never recorded.
//!
//! # Self-hosted deployments
//!
//! Point the client at your deployment with
//! [`ClientBuilder::base_url`]`("https://HOST/api/backend")` (the path prefix
//! is kept).
//!
//! # Testing
//!
//! Point a client at a local mock server with [`ClientBuilder::for_testing`];
//! see [`Client`].
#![warn(missing_docs)]

// Formatted by the generator (prettyplease), not rustfmt: generation must give
// the same bytes whatever rustfmt version is installed.
#[rustfmt::skip]
mod generated;
// The runtime (crate `rest-sdk-runtime`); generated code names it `crate::rt`.
use rest_sdk_runtime as rt;

/// Request and response types of every operation (generated from the API description).
pub mod model {
    pub use crate::generated::*;
}

pub use generated::client::{Client, ClientBuilder};
pub use generated::testing;
#[cfg(feature = "blocking")]
pub use rt::blocking;
pub use rt::{json, pagination, reqwest, wkt};
pub use rt::{ApiError, Code, Error, ErrorKind, RequestOptions, ResponseFuture, ResponseMetadata};
pub use rt::{Call, OpenEnum, UnknownEnumValue};

// The README's examples are compiled as doctests of this crate.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeExamples;
