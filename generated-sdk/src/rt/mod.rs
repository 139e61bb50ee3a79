//! Hand-written runtime that generated code calls. Private: what users need is
//! re-exported from the crate root.

pub mod enums;
pub mod json;
pub mod request;

pub use request::{Method, Operation, RequestParts};
