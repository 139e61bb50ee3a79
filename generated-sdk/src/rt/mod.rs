//! The hand-written runtime: everything generated code calls.
//!
//! Generated code reaches it only as `crate::rt::...`, so any crate that
//! mounts this directory as its `rt` module can host generated code (the SDK,
//! and the test crates generated from fixture descriptions).

#[cfg(feature = "blocking")]
pub mod blocking;
pub mod call;
pub mod client;
pub mod enums;
pub mod error;
pub mod json;
pub mod pagination;
pub mod request;
pub(crate) mod retry;
pub(crate) mod transport;
pub mod wkt;

pub use call::{Call, RequestOptions, ResponseFuture};
pub use client::{Client, ClientBuilder};
pub use enums::{OpenEnum, UnknownEnumValue};
pub use error::{ApiError, Code, Error, ErrorKind};
// Used by generated code (none in a crate whose generator has not run yet).
#[allow(unused_imports)]
pub use request::{Method, Operation, RequestParts};
