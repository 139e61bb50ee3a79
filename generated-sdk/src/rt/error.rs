//! (to be written) The error type.

/// Everything that can go wrong calling the API (stub).
#[derive(Debug)]
pub struct Error;
