//! `google.protobuf.FieldMask`: a set of field paths, written as one
//! comma-separated string of lowerCamelCase paths.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::WktError;
use crate::json::Codec;

const TYPE_NAME: &str = "google.protobuf.FieldMask";

/// `google.protobuf.FieldMask`: field paths such as `display_name` or
/// `settings.log_in_with_google`, stored as the proto (snake_case) names.
///
/// Its JSON form is the paths in lowerCamelCase joined with commas
/// (`"displayName,settings.logInWithGoogle"`). As in Go's protojson,
/// writing fails for a path whose camelCase form would not read back as the
/// same path (`foo__bar`, `foo_1`, `fooBar`), and reading fails for a path
/// with an `_` or one that is not a valid proto field path.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct FieldMask {
    /// The paths, in proto (snake_case) form.
    pub paths: Vec<String>,
}

impl FieldMask {
    /// A mask of these snake_case paths.
    pub fn new<I, P>(paths: I) -> Self
    where
        I: IntoIterator<Item = P>,
        P: Into<String>,
    {
        FieldMask {
            paths: paths.into_iter().map(Into::into).collect(),
        }
    }

    /// The JSON form: lowerCamelCase paths joined with commas. Fails for a
    /// path that would not read back unchanged.
    pub fn to_json_form(&self) -> Result<String, WktError> {
        let mut out = String::new();
        for (i, path) in self.paths.iter().enumerate() {
            if !is_field_path(path) {
                return Err(WktError::new(TYPE_NAME, path, "not a field path"));
            }
            let camel = to_camel(path);
            if to_snake(&camel) != *path {
                return Err(WktError::new(
                    TYPE_NAME,
                    path,
                    "path does not survive the lowerCamelCase round trip",
                ));
            }
            if i > 0 {
                out.push(',');
            }
            out.push_str(&camel);
        }
        Ok(out)
    }
}

/// `[_a-zA-Z][_a-zA-Z0-9]*` segments joined with dots.
fn is_field_path(path: &str) -> bool {
    path.split('.').all(|segment| {
        let mut bytes = segment.bytes();
        bytes
            .next()
            .is_some_and(|c| c == b'_' || c.is_ascii_alphabetic())
            && bytes.all(|c| c == b'_' || c.is_ascii_alphanumeric())
    })
}

/// protojson's camelCase: drop each `_` and upper-case a lower-case letter
/// right after one.
fn to_camel(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut after_underscore = false;
    for c in path.chars() {
        if c == '_' {
            after_underscore = true;
            continue;
        }
        if after_underscore {
            out.push(c.to_ascii_uppercase());
        } else {
            out.push(c);
        }
        after_underscore = false;
    }
    out
}

/// protojson's snake_case: each upper-case letter becomes `_` and its lower
/// case.
fn to_snake(path: &str) -> String {
    let mut out = String::with_capacity(path.len() + 4);
    for c in path.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Reads the JSON form (`"displayName,settings.logInWithGoogle"`).
impl FromStr for FieldMask {
    type Err = WktError;

    fn from_str(text: &str) -> Result<Self, WktError> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(FieldMask::default());
        }
        let mut paths = Vec::new();
        for camel in text.split(',') {
            if camel.contains('_') {
                return Err(WktError::new(TYPE_NAME, camel, "path contains \"_\""));
            }
            let path = to_snake(camel);
            if !is_field_path(&path) {
                return Err(WktError::new(TYPE_NAME, camel, "not a field path"));
            }
            paths.push(path);
        }
        Ok(FieldMask { paths })
    }
}

impl Serialize for FieldMask {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let text = self.to_json_form().map_err(serde::ser::Error::custom)?;
        s.serialize_str(&text)
    }
}

struct FieldMaskVisitor;

impl Visitor<'_> for FieldMaskVisitor {
    type Value = FieldMask;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a google.protobuf.FieldMask (a string of comma-separated paths)")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<FieldMask, E> {
        v.parse().map_err(E::custom)
    }
}

impl<'de> Deserialize<'de> for FieldMask {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(FieldMaskVisitor)
    }
}

impl Codec for FieldMask {
    fn encode<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.serialize(s)
    }

    fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        FieldMask::deserialize(d)
    }

    fn is_default(&self) -> bool {
        false
    }
}
