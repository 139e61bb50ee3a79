//! The Tesseral SDK generator.
//!
//! Front-ends parse an upstream description into the normalized [`ir::Api`];
//! [`schema`] stores it in `schema/`; back-ends lower it to source files.
//!
//! ```text
//! protos / OpenAPI --frontend--> ir::Api <--schema--> schema/*.yaml
//!                                   |
//!                                   +--backend::rust--> generated-sdk/src/generated/*.rs
//! ```
//!
//! [`changes`] compares the Rust surfaces two descriptions lead to.

pub mod backend;
pub mod changes;
pub mod crosscheck;
pub mod error;
pub mod frontend;
pub mod ir;
pub mod naming;
pub mod schema;

pub use error::{Error, Result};
