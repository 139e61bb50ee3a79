//! `google.protobuf.NullValue`: the enum whose only value, `NULL_VALUE`, is
//! written as JSON `null`.

use std::fmt;

use serde::de::{self, Deserializer, Unexpected, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::json::Codec;

/// `google.protobuf.NullValue`: an enum with the one value `NULL_VALUE`,
/// written as JSON `null`.
///
/// Read from `null`, its name `"NULL_VALUE"` or its number `0`; anything
/// else is an error. It is also its own default, so a singular field of this
/// type is left out of canonical JSON, while a set `optional` field or oneof
/// member is written as `null` (and `null` sets it, as for
/// `google.protobuf.Value`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NullValue;

impl Serialize for NullValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_unit()
    }
}

struct NullValueVisitor;

impl NullValueVisitor {
    fn number<E: de::Error>(is_zero: bool, found: Unexpected<'_>) -> Result<NullValue, E> {
        if is_zero {
            Ok(NullValue)
        } else {
            Err(E::invalid_value(found, &NullValueVisitor))
        }
    }
}

impl Visitor<'_> for NullValueVisitor {
    type Value = NullValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a google.protobuf.NullValue (null, \"NULL_VALUE\" or 0)")
    }

    fn visit_unit<E: de::Error>(self) -> Result<NullValue, E> {
        Ok(NullValue)
    }

    fn visit_none<E: de::Error>(self) -> Result<NullValue, E> {
        Ok(NullValue)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<NullValue, E> {
        if v == "NULL_VALUE" {
            Ok(NullValue)
        } else {
            Err(E::invalid_value(Unexpected::Str(v), &self))
        }
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<NullValue, E> {
        Self::number(v == 0, Unexpected::Signed(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<NullValue, E> {
        Self::number(v == 0, Unexpected::Unsigned(v))
    }

    /// `0.0` is the number 0, as protojson reads enum numbers.
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<NullValue, E> {
        Self::number(v == 0.0, Unexpected::Float(v))
    }
}

impl<'de> Deserialize<'de> for NullValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NullValueVisitor)
    }
}

impl Codec for NullValue {
    fn encode<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.serialize(s)
    }

    fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        NullValue::deserialize(d)
    }

    fn decode_null<E: de::Error>() -> Result<Self, E> {
        Ok(NullValue)
    }

    /// `null` in an `optional` field or a oneof member sets it.
    fn null_in_option() -> Option<Self> {
        Some(NullValue)
    }

    fn decode_null_element<E: de::Error>() -> Result<Self, E> {
        Ok(NullValue)
    }

    /// Its only value is the default: a singular field is left out.
    fn is_default(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Serialize};

    use super::NullValue;
    use crate::json;

    /// A message with a NullValue field of every shape.
    #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
    #[serde(default)]
    struct Holder {
        #[serde(with = "json", skip_serializing_if = "json::is_default")]
        single: NullValue,
        #[serde(with = "json", skip_serializing_if = "json::is_default")]
        optional: Option<NullValue>,
        #[serde(with = "json", skip_serializing_if = "json::is_default")]
        list: Vec<NullValue>,
        #[serde(with = "json", skip_serializing_if = "json::is_default")]
        map: BTreeMap<String, NullValue>,
    }

    fn read(text: &str) -> Result<Holder, serde_json::Error> {
        serde_json::from_str(text)
    }

    #[test]
    fn reads_null_its_name_and_zero() {
        for text in ["null", "\"NULL_VALUE\"", "0", "-0", "0.0", "0e5"] {
            let value: NullValue = serde_json::from_str(text).unwrap();
            assert_eq!(value, NullValue, "{text}");
            let held = read(&format!(r#"{{"optional":{text}}}"#)).unwrap();
            assert_eq!(held.optional, Some(NullValue), "{text}");
        }
    }

    #[test]
    fn refuses_everything_else() {
        for text in [
            "1",
            "-1",
            "0.5",
            "\"x\"",
            "\"null\"",
            "\"NULL_VALUE \"",
            "\"0\"",
            "\"\"",
            "false",
            "{}",
            "[]",
        ] {
            assert!(
                serde_json::from_str::<NullValue>(text).is_err(),
                "{text} read as NullValue"
            );
            let err = read(&format!(r#"{{"single":{text}}}"#)).unwrap_err();
            assert!(
                err.to_string().contains("google.protobuf.NullValue"),
                "{text}: {err}"
            );
        }
    }

    #[test]
    fn is_written_as_null() {
        assert_eq!(serde_json::to_string(&NullValue).unwrap(), "null");
        assert_eq!(json::to_value(&NullValue).unwrap(), serde_json::Value::Null);
    }

    #[test]
    fn a_singular_field_is_omitted_a_set_optional_one_is_null() {
        let text =
            r#"{"single":null,"optional":null,"list":[null,"NULL_VALUE",0],"map":{"a":null}}"#;
        let held = read(text).unwrap();
        assert_eq!(
            held,
            Holder {
                single: NullValue,
                optional: Some(NullValue),
                list: vec![NullValue; 3],
                map: BTreeMap::from([("a".to_string(), NullValue)]),
            }
        );
        assert_eq!(
            serde_json::to_string(&held).unwrap(),
            r#"{"optional":null,"list":[null,null,null],"map":{"a":null}}"#
        );
        assert_eq!(serde_json::to_string(&Holder::default()).unwrap(), "{}");
        assert_eq!(read("{}").unwrap(), Holder::default());
    }
}
