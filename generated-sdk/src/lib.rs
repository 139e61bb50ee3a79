//! Rust SDK for the Tesseral Backend API.
#![warn(missing_docs)]

mod generated;
mod rt;

/// Request and response types of every operation (generated from the API description).
pub mod model {
    pub use crate::generated::*;
}

pub use rt::pagination;
pub use rt::wkt;
pub use rt::{Call, Client, ClientBuilder, Error, OpenEnum, UnknownEnumValue};
