//! Rust back-end: lowers [`Api`] to the files of the SDK's `src/generated/`.
//!
//! Two steps, as in progenitor: [`plan`] analyses the whole description
//! first (Rust names for every type, field, variant and method, the file
//! each type goes to, which fields are boxed, validation), then the
//! printers ([`models`], [`enums`], [`unions`], [`operations`]) turn the plan
//! into token streams and [`files`] assembles, imports and formats them.
//! The generated code talks to the runtime only through `crate::rt::...`
//! (see the contract in `ARCHITECTURE.md`); [`client`] writes the API's own
//! `Client` type, and [`crate_root`] the `lib.rs` and `README.md` of a crate
//! around the generated files.

mod client;
pub mod crate_root;
mod docs;
mod enums;
mod files;
mod models;
pub mod names;
mod operations;
mod plan;
pub mod surface;
mod types;
mod unions;

pub use surface::{Surface, surface};

use super::OutputFile;
use crate::Result;
use crate::ir::{Api, Auth};

pub use client::ClientSettings;

/// Settings of a generation run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Library name of the crate hosting the generated code, used in doc
    /// examples (`tesseral::Client`).
    pub crate_name: String,
    /// Public module of that crate re-exporting the generated types, used in
    /// doc examples (`tesseral::model::GetOrganizationRequest`).
    pub model_module: String,
    /// The API's name in docs and messages; default: the description's
    /// ([`Api::name`]).
    pub title: Option<String>,
    /// The default base URL; default: the description's first server.
    pub base_url: Option<String>,
    /// How requests authenticate; default: the description's ([`Api::auth`]).
    pub auth: Option<Auth>,
    /// Where the API key is read from; default `<CRATE_NAME>_API_KEY`.
    pub api_key_env: Vec<String>,
    /// The `User-Agent` product name (`name/<crate version>` is sent);
    /// default: the crate's package name.
    pub user_agent: Option<String>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            crate_name: "tesseral".to_string(),
            model_module: "model".to_string(),
            title: None,
            base_url: None,
            auth: None,
            api_key_env: Vec::new(),
            user_agent: None,
        }
    }
}

/// Lowers `api` to the files of `generated-sdk/src/generated/`, with the
/// default [`Options`].
pub fn generate(api: &Api) -> Result<Vec<OutputFile>> {
    generate_with(api, &Options::default())
}

/// Lowers `api` to the files of a `generated/` directory (paths relative to
/// it): `mod.rs`, `client.rs`, one file per resource group and `shared.rs`.
pub fn generate_with(api: &Api, options: &Options) -> Result<Vec<OutputFile>> {
    let plan = plan::Plan::new(api)?;
    files::render(&plan, options)
}
