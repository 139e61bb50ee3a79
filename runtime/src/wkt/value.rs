//! [`Codec`] for `google.protobuf.Value` and `google.protobuf.Struct`
//! (`serde_json::Value` and `serde_json::Map`): any JSON, written with
//! sorted object keys and protojson's number text.

use serde::de::{self, Deserializer};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Serialize, Serializer};

use super::{Struct, Value};
use crate::json::{Codec, Encoded};

/// Writes a JSON value as protojson writes a `google.protobuf.Value`:
/// object keys sorted, a float number as a double (`1.0` as `1`), an
/// integer number with all its digits.
pub(crate) struct ValueRef<'a>(pub(crate) &'a Value);

impl Serialize for ValueRef<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Value::Null => s.serialize_unit(),
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Number(n) => {
                if let Some(i) = n.as_i64() {
                    s.serialize_i64(i)
                } else if let Some(u) = n.as_u64() {
                    s.serialize_u64(u)
                } else {
                    // serde_json numbers are finite, so this never writes
                    // "NaN" or "Infinity" (which would read back as strings).
                    Encoded(&n.as_f64().unwrap_or(0.0)).serialize(s)
                }
            }
            Value::String(text) => s.serialize_str(text),
            Value::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&ValueRef(item))?;
                }
                seq.end()
            }
            Value::Object(map) => StructRef(map).serialize(s),
        }
    }
}

/// Writes a JSON object with its keys sorted (whatever order the map keeps).
struct StructRef<'a>(&'a Struct);

impl Serialize for StructRef<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut entries: Vec<(&String, &Value)> = self.0.iter().collect();
        if !entries.is_sorted_by(|a, b| a.0 <= b.0) {
            entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
        }
        let mut map = s.serialize_map(Some(entries.len()))?;
        for (key, value) in entries {
            map.serialize_entry(key, &ValueRef(value))?;
        }
        map.end()
    }
}

impl Codec for Value {
    fn encode<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        ValueRef(self).serialize(s)
    }

    fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Value::deserialize(d)
    }

    fn decode_null<E: de::Error>() -> Result<Self, E> {
        Ok(Value::Null)
    }

    /// `null` in a `google.protobuf.Value` field is a value (`NullValue`).
    fn null_in_option() -> Option<Self> {
        Some(Value::Null)
    }

    fn decode_null_element<E: de::Error>() -> Result<Self, E> {
        Ok(Value::Null)
    }

    fn is_default(&self) -> bool {
        false
    }
}

impl Codec for Struct {
    fn encode<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        StructRef(self).serialize(s)
    }

    fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Struct::deserialize(d)
    }

    fn is_default(&self) -> bool {
        false
    }
}
