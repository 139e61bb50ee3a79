#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

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
pub use rt::{ApiError, Code, Error, ErrorKind, RequestOptions, ResponseFuture, ResponseMetadata};
pub use rt::{Call, OpenEnum, UnknownEnumValue};
pub use rt::{json, pagination, reqwest, wkt};

// The README's examples are compiled as doctests of this crate.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeExamples;
