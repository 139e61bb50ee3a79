//! The hand-written runtime: everything generated code calls.
//!
//! Generated code reaches it only as `crate::rt::...`, so any crate that
//! mounts this directory as its `rt` module can host generated code (the SDK,
//! and the test crates generated from fixture descriptions).

pub mod call;
pub mod client;
pub mod enums;
pub mod error;
pub mod json;
pub mod pagination;
pub mod request;
pub mod wkt;

pub use call::Call;
pub use client::{Client, ClientBuilder};
pub use enums::{OpenEnum, UnknownEnumValue};
pub use error::Error;
pub use request::{Method, Operation, RequestParts};
