//! Rust SDK for the Tesseral Backend API.
#![warn(missing_docs)]

mod call;
mod client;
mod error;
mod generated;
pub mod pagination;
mod rt;
pub mod wkt;

/// Request and response types of every operation (generated from the API description).
pub mod model {
    pub use crate::generated::*;
}

pub use call::Call;
pub use client::{Client, ClientBuilder};
pub use error::Error;
pub use rt::enums::{OpenEnum, UnknownEnumValue};
