//! Back-ends: each lowers [`crate::ir::Api`] to source files. They only emit.

pub mod cli;
pub mod rust;

/// One file a back-end produced, relative to the directory it writes into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative path with `/` separators, e.g. `organizations.rs`.
    pub path: String,
    pub contents: String,
}
