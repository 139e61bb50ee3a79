//! Rust back-end: lowers [`Api`] to the files of the SDK's `src/generated/`.
//!
//! Two steps, as in progenitor: [`plan`] analyses the whole description
//! first (every check, and every decision: Rust names of types, fields,
//! variants and methods, the file of each type, which fields are boxed, how
//! each operation binds its request, the pagination roles), then the
//! printers ([`models`], [`enums`], [`unions`], [`operations`]) turn the
//! plan into token streams, which cannot fail, and [`files`] assembles,
//! imports and formats them. The generated code talks to the runtime only
//! through `crate::rt::...` (see the contract in `ARCHITECTURE.md`).

mod docs;
mod enums;
mod files;
pub mod idents;
mod models;
mod operations;
pub mod plan;
pub mod surface;
mod types;
mod unions;

pub use surface::{Surface, surface};

use super::OutputFile;
use crate::Result;
use crate::ir::Api;

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
}

impl Default for Options {
    fn default() -> Options {
        Options {
            crate_name: "tesseral".to_string(),
            model_module: "model".to_string(),
            acronyms: Vec::new(),
        }
    }
}

/// Lowers `api` to the files of `generated-sdk/src/generated/`, with the
/// default [`Options`].
pub fn generate(api: &Api) -> Result<Vec<OutputFile>> {
    generate_with(api, &Options::default())
}

/// Lowers `api` to the files of a `generated/` directory (paths relative to
/// it): `mod.rs`, one file per resource group and `shared.rs`.
pub fn generate_with(api: &Api, options: &Options) -> Result<Vec<OutputFile>> {
    let plan = plan::Plan::new(api, options)?;
    files::render(&plan, options)
}
