//! `google.protobuf.Any`: a message of any type, written as its JSON object
//! plus an `"@type"` member.

use std::fmt;

use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

use super::Struct;
use super::value::ValueRef;
use crate::json::Codec;

const TYPE_KEY: &str = "@type";

/// `google.protobuf.Any`: a message of any type, as JSON
/// `{"@type": "type.googleapis.com/pkg.Message", ...its fields...}`.
///
/// The SDK keeps the type URL and the other members as they came, so any
/// payload (including types this SDK does not know) is written back
/// unchanged. Decode the payload with [`Any::to_message`]. A well-known type
/// payload keeps protojson's shape: `{"@type": ..., "value": ...}`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Any {
    type_url: String,
    fields: Struct,
}

impl Any {
    /// An `Any` of this type URL and these members (an `"@type"` member
    /// among them is dropped: the type URL is the one given).
    pub fn new(type_url: impl Into<String>, mut fields: Struct) -> Self {
        fields.remove(TYPE_KEY);
        Any {
            type_url: type_url.into(),
            fields,
        }
    }

    /// An `Any` holding `message` (which must serialize to a JSON object).
    pub fn from_message<T: Serialize>(
        type_url: impl Into<String>,
        message: &T,
    ) -> Result<Self, serde_json::Error> {
        match serde_json::to_value(message)? {
            serde_json::Value::Object(fields) => Ok(Any::new(type_url, fields)),
            other => Err(de::Error::invalid_type(
                unexpected(&other),
                &"a message (a JSON object)",
            )),
        }
    }

    /// The payload decoded as `T` (the members other than `"@type"`).
    pub fn to_message<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        T::deserialize(serde_json::Value::Object(self.fields.clone()))
    }

    /// The type URL, e.g.
    /// `type.googleapis.com/google.rpc.ErrorInfo`; empty for an
    /// empty `Any`.
    pub fn type_url(&self) -> &str {
        &self.type_url
    }

    /// The full name of the payload's type: the type URL after its last
    /// `/` (`google.rpc.ErrorInfo`).
    pub fn type_name(&self) -> &str {
        match self.type_url.rsplit_once('/') {
            Some((_, name)) => name,
            None => &self.type_url,
        }
    }

    /// The payload's members (everything but `"@type"`).
    pub fn fields(&self) -> &Struct {
        &self.fields
    }

    /// The type URL and the payload's members.
    pub fn into_parts(self) -> (String, Struct) {
        (self.type_url, self.fields)
    }
}

fn unexpected(value: &serde_json::Value) -> de::Unexpected<'_> {
    match value {
        serde_json::Value::Null => de::Unexpected::Unit,
        serde_json::Value::Bool(b) => de::Unexpected::Bool(*b),
        serde_json::Value::Number(_) => de::Unexpected::Other("a number"),
        serde_json::Value::String(s) => de::Unexpected::Str(s),
        serde_json::Value::Array(_) => de::Unexpected::Seq,
        serde_json::Value::Object(_) => de::Unexpected::Map,
    }
}

/// `{"@type": ..., ...}`; `{}` for an empty `Any`. Fails for members
/// without a type URL (protojson can't write that either).
impl Serialize for Any {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.type_url.is_empty() && !self.fields.is_empty() {
            return Err(serde::ser::Error::custom(
                "google.protobuf.Any has fields but no type URL",
            ));
        }
        let mut map = s.serialize_map(None)?;
        if !self.type_url.is_empty() {
            map.serialize_entry(TYPE_KEY, &self.type_url)?;
        }
        let mut entries: Vec<_> = self.fields.iter().collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
        for (key, value) in entries {
            map.serialize_entry(key, &ValueRef(value))?;
        }
        map.end()
    }
}

struct AnyVisitor;

impl<'de> Visitor<'de> for AnyVisitor {
    type Value = Any;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a google.protobuf.Any (a JSON object with \"@type\")")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Any, A::Error> {
        let mut type_url: Option<String> = None;
        let mut fields = Struct::new();
        while let Some(key) = access.next_key::<String>()? {
            if key == TYPE_KEY {
                if type_url.is_some() {
                    return Err(de::Error::custom(
                        "duplicate \"@type\" in google.protobuf.Any",
                    ));
                }
                let url = access.next_value::<String>()?;
                if url.is_empty() {
                    return Err(de::Error::custom("empty \"@type\" in google.protobuf.Any"));
                }
                type_url = Some(url);
            } else {
                let value = access.next_value::<serde_json::Value>()?;
                if fields.contains_key(&key) {
                    return Err(de::Error::custom(format_args!(
                        "duplicate member {key:?} in google.protobuf.Any"
                    )));
                }
                fields.insert(key, value);
            }
        }
        match type_url {
            Some(type_url) => Ok(Any { type_url, fields }),
            None if fields.is_empty() => Ok(Any::default()),
            None => Err(de::Error::custom(
                "google.protobuf.Any has members but no \"@type\"",
            )),
        }
    }
}

impl<'de> Deserialize<'de> for Any {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(AnyVisitor)
    }
}

impl Codec for Any {
    fn encode<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.serialize(s)
    }

    fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Any::deserialize(d)
    }

    fn is_default(&self) -> bool {
        false
    }
}
