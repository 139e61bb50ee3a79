//! Proto front-end (to be written).

use std::path::Path;

use super::Imported;
use crate::{Error, Result};

/// Imports the proto root at `root`.
pub fn import(root: &Path) -> Result<Imported> {
    Err(Error::new(
        root.display().to_string(),
        "proto import is not written yet",
    ))
}
