//! (to be written) HTTP request building.

/// HTTP method (stub).
pub enum Method {}
/// Static description of one operation (stub).
pub struct Operation;
/// The parts of an HTTP request being built (stub).
pub struct RequestParts;
