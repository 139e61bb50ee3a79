//! (to be written) Open enums.

/// Implemented by every generated enum (stub).
pub trait OpenEnum {}
/// An enum value this SDK version does not know (stub).
pub struct UnknownEnumValue;
