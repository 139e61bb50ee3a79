//! (to be written) A pending API call.

/// A pending API call (stub).
pub struct Call;
