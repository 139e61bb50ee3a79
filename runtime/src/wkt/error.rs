//! The error of the well-known types' constructors and parsers.

use std::fmt;

/// A value that is not a valid well-known type value: text that does not
/// parse, or numbers out of the type's range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WktError {
    type_name: &'static str,
    input: String,
    reason: &'static str,
}

/// At most this many characters of the offending input are kept.
const INPUT_CHARS: usize = 64;

impl WktError {
    pub(crate) fn new(
        type_name: &'static str,
        input: impl fmt::Display,
        reason: &'static str,
    ) -> Self {
        let mut input = input.to_string();
        if let Some((cut, _)) = input.char_indices().nth(INPUT_CHARS) {
            input.truncate(cut);
            input.push('…');
        }
        WktError {
            type_name,
            input,
            reason,
        }
    }

    /// The well-known type, e.g. `google.protobuf.Timestamp`.
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }

    /// What was wrong, e.g. `year out of range`.
    pub fn reason(&self) -> &'static str {
        self.reason
    }
}

impl fmt::Display for WktError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid {} value {:?}: {}",
            self.type_name, self.input, self.reason
        )
    }
}

impl std::error::Error for WktError {}
