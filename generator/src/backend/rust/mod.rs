//! Rust back-end (to be written).

use super::OutputFile;
use crate::Result;
use crate::ir::Api;

/// Lowers `api` to the files of `generated-sdk/src/generated/`.
pub fn generate(_api: &Api) -> Result<Vec<OutputFile>> {
    Ok(Vec::new())
}
