//! Rust back-end: lowers [`Api`] to the files of the SDK's `src/generated/`.
//!
//! Two steps, as in progenitor: [`plan`] analyses the whole description
//! first (every check, and every decision: Rust names of types, fields,
//! variants and methods, the file of each type, which fields are boxed, how
//! each operation binds its request, the pagination roles, the client's
//! settings), then the printers ([`models`], [`enums`], [`unions`],
//! [`operations`], [`client`]) turn the plan into token streams, which
//! cannot fail, and [`files`] assembles, imports and formats them. The
//! generated code talks to the runtime only through `crate::rt::...` (see
//! the contract in `ARCHITECTURE.md`); [`crate_root`] writes the `lib.rs`
//! and `README.md` of a crate around the generated files.

mod client;
pub mod crate_root;
mod docs;
mod enums;
pub(crate) mod files;
pub mod idents;
mod models;
mod operations;
pub mod plan;
mod stub;
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
    /// Words the API spells in capitals that Rust names should split into
    /// (`SCIMAPIKey` -> `ScimApiKey` with `SCIM` and `API`): the project's
    /// vocabulary, from the target's settings (`codegen.toml`).
    pub acronyms: Vec<String>,
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
            acronyms: Vec::new(),
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
/// it): `mod.rs`, `client.rs`, `testing.rs`, one file per resource group and
/// `shared.rs`.
pub fn generate_with(api: &Api, options: &Options) -> Result<Vec<OutputFile>> {
    let plan = plan::Plan::new(api, options)?;
    files::render(&plan, options)
}
