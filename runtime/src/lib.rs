//! The runtime of Rust SDKs generated from an API's description (protos
//! with `google.api.http` bindings, or an OpenAPI 3.0/3.1 document): what
//! generated code calls, so that it holds only the API's own types and
//! operations.
//!
//! * [`Client`] and [`ClientBuilder`]: the HTTP client core (rustls, a
//!   connection pool), authentication, retries with exponential backoff and
//!   jitter (never repeating a write that may have taken effect),
//!   `Retry-After`, per-attempt and total timeouts, `tracing` spans. An API's
//!   generated client wraps it and says what is specific to that API in a
//!   [`ClientConfig`] (see [`ApiClient`]).
//! * [`Call`]: one pending call; per-request options are methods on it,
//!   list operations stream their items across pages ([`pagination`]), and
//!   [`Call::dry_run`] shows the HTTP request it would send.
//! * [`json`]: the field codec generated types use (`with = "json"`):
//!   canonical proto3 JSON (int64 as strings, base64 bytes, NaN/Infinity,
//!   `null` as the default) or plain JSON, read leniently and written
//!   canonically; [`enums`]: open enums that keep unknown values; [`wkt`]:
//!   the protobuf well-known types.
//! * [`Error`]: one error type telling apart configuration, request,
//!   transport, timeout, API (`google.rpc.Status` bodies decoded) and
//!   decoding failures; it never contains the API key.
//!
//! Generated code reaches this crate as `crate::rt::...` (the generated
//! crate's `lib.rs` says `use rest_sdk_runtime as rt;`); the contract it
//! relies on is described in the generator's `ARCHITECTURE.md`. This crate
//! names nothing of any particular API.
//!
//! # Features
//!
//! * `blocking`: synchronous `send_blocking()`, `items_blocking()` and
//!   `pages_blocking()` on every call, run on a runtime of its own (see
//!   [`blocking`]).
#![warn(missing_docs)]

#[cfg(feature = "blocking")]
pub mod blocking;
pub mod call;
pub mod client;
pub mod dry_run;
pub mod enums;
pub mod error;
pub mod json;
pub mod metadata;
pub mod pagination;
mod path_pattern;
pub mod request;
pub(crate) mod retry;
pub mod testing;
pub(crate) mod transport;
pub mod wkt;

pub use call::{Call, RequestOptions, ResponseFuture};
pub use client::{ApiClient, Auth, Client, ClientBuilder, ClientConfig};
pub use dry_run::HttpRequest;
pub use enums::{OpenEnum, UnknownEnumValue};
pub use error::{ApiError, Code, Error, ErrorKind};
pub use metadata::ResponseMetadata;
pub use request::{Method, Operation, RequestParts};
/// The `reqwest` this crate is built on: a custom HTTP client given to
/// `ClientBuilder::http_client` must come from this version.
pub use reqwest;
