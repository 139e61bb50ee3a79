//! `google.protobuf.Empty`: no data, written as `{}`.

use std::fmt;

use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

use crate::json::Codec;

/// `google.protobuf.Empty`: no data. Also the response type of operations
/// that return nothing.
///
/// Written as `{}`. Read from any JSON object, whose members are ignored: a
/// newer server may add fields to what used to be an empty response (Go's
/// protojson rejects members unless told to discard unknown fields, which
/// is what a client wants).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Empty;

impl Serialize for Empty {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_map(Some(0))?.end()
    }
}

struct EmptyVisitor;

impl<'de> Visitor<'de> for EmptyVisitor {
    type Value = Empty;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a google.protobuf.Empty (a JSON object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Empty, A::Error> {
        while access.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Empty)
    }
}

impl<'de> Deserialize<'de> for Empty {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(EmptyVisitor)
    }
}

impl Codec for Empty {
    fn encode<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.serialize(s)
    }

    fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Empty::deserialize(d)
    }

    fn is_default(&self) -> bool {
        false
    }
}
