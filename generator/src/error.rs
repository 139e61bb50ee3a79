//! Errors of every stage, each naming the place in the input it is about.

use std::fmt;

/// A generator error: what went wrong and where (a file, a JSON pointer,
/// a proto element), so a maintainer can go straight to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// Where: `path/to/file.proto`, `openapi.yaml#/paths/~1v1~1users/get`,
    /// `tesseral.backend.v1.BackendService.GetUser`, ...
    pub location: String,
    pub message: String,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(location: impl Into<String>, message: impl Into<String>) -> Error {
        Error {
            location: location.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.location.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.location, self.message)
        }
    }
}

impl std::error::Error for Error {}
