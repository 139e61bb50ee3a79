//! The field codec: canonical proto3 JSON ("protojson") for every field of
//! every generated type.
//!
//! Every generated field carries
//! `#[serde(with = "json", skip_serializing_if = "json::is_default")]` on a
//! `#[serde(default)]` struct, so [`serialize`], [`deserialize`] and
//! [`is_default`] decide how each Rust type is written and read. They
//! dispatch on [`Codec`], which the runtime implements for every Rust type a
//! generated field can have:
//!
//! * scalars (`bool`, `i32`, `u32`, `i64`, `u64`, `f32`, `f64`, `String`,
//!   `Vec<u8>` for bytes), see `scalar.rs`;
//! * `Option<T>`, `Vec<T>` and `BTreeMap<K, V>` of those;
//! * the well-known types of [`crate::wkt`];
//! * every generated message, enum and union, through [`Plain`] (their own
//!   `Serialize`/`Deserialize`), and `Box<T>` of them.
//!
//! What it does, following Go's protojson (the library behind the server's
//! JSON; Python's `json_format` is laxer, e.g. it reads `"+1"` and `" 1"`):
//!
//! * `null` for a field means its default (`None`, `""`, `0`, `[]`, the zero
//!   enum value), except for a `google.protobuf.Value` field
//!   (`Option<wkt::Value>`), where `null` is the value `Some(Value::Null)`.
//!   `null` as a list element or map value is an error, except for `Value`
//!   (also in lists and maps of wrappers, `Vec<Option<T>>`: Go and Python
//!   refuse `[1, null]` there, and protobuf has no absent list element).
//! * `int64`/`uint64` are written as decimal strings and read from strings or
//!   numbers; `int32`/`uint32` are written as numbers and read from numbers or
//!   strings. A string must hold exactly one JSON number (no spaces, no `+`,
//!   no leading zeros). Integral numbers in any notation are integers, as in
//!   Go and Python: `"1e3"`, `1e3`, `1.0`, `"1.50e1"`. Fractions and
//!   out-of-range values are errors. One limit of our own: a JSON *number*
//!   (not a string) written with a fraction or an exponent must be below
//!   2^53 in magnitude, because serde_json hands it over as an `f64` that may
//!   have been rounded (Go reads its digits exactly); protojson writers send
//!   such values as strings anyway.
//! * `float`/`double` are written as numbers or the strings `"NaN"`,
//!   `"Infinity"`, `"-Infinity"`, and read from numbers or strings (a string
//!   must be exactly one JSON number or one of those three). Integral values
//!   are written without a fraction (`1.0` as `1`, as Go writes them; Python
//!   writes `1.0`); others in serde_json's shortest round-trip form, which
//!   equals Go's text except in notation at the extremes (`1e-6` where Go
//!   writes `0.000001`, `-0.0` for `-0`): the same numbers. A `float` beyond
//!   the `f32` range is an error. `is_default` is true only for +0.0: -0.0
//!   and NaN are set values in proto3.
//! * `bytes` are written as standard base64 with padding, read as standard or
//!   URL-safe base64 (chosen by the presence of `-` or `_`), padded when the
//!   length is a multiple of 4 and unpadded otherwise.
//! * Map keys are JSON strings whatever the key type (`{"1": ...}`); integer
//!   keys are read as Go's `strconv` reads them (sign and leading zeros
//!   allowed); a key that repeats (also as `"1"` and `"01"`) is an error.
//! * Enums go through [`crate::enums`]; the well-known types through
//!   their own `Serialize`/`Deserialize` in [`crate::wkt`].
//! * A oneof member set to `null` is not set (except a `Value` or
//!   `NullValue` member, where `null` is its value); two members of one
//!   oneof are an error (see [`oneof`]).
//!
//! Errors are serde errors that say what was expected and what was found
//! (`invalid int64 value "1.5": not an integer`); the field's path comes
//! from the caller (`serde_path_to_error` gives `users[1].createTime: ...`).

// Generated code uses only part of this module, and none of it until the
// generator has run.
#![allow(dead_code)]

mod collections;
mod number;
mod object;
mod oneof;
mod scalar;
mod union;

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

#[allow(unused_imports, reason = "for generated code and the request builder")]
pub use collections::MapKey;
#[allow(unused_imports, reason = "for generated code and the request builder")]
pub use number::{format_f32, format_f64};
#[allow(unused_imports, reason = "for generated messages with oneofs")]
pub use oneof::{OneofError, oneof};
#[allow(unused_imports, reason = "for generated unions")]
pub use union::{read_message, read_open_message};

/// How one Rust type is written to and read from protojson.
///
/// Implemented by the runtime for every type a generated field can have (see
/// the module docs); generated types get it through [`Plain`].
pub trait Codec: Sized {
    /// Writes the value (a field that is present, a list element or a map
    /// value).
    fn encode<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error>;

    /// Writes the value for an API whose wire format is plain JSON (an
    /// OpenAPI description) rather than protojson: the same, except that
    /// 64-bit integers are JSON numbers.
    fn encode_plain<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.encode(s)
    }

    /// Reads a value that is not `null` (for `Value`, `null` too).
    fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error>;

    /// The value of a field whose JSON is `null`: its default. An error for
    /// types that are never bare fields (messages are `Option<T>`).
    fn decode_null<E: de::Error>() -> Result<Self, E> {
        Err(E::invalid_type(de::Unexpected::Unit, &"a value"))
    }

    /// What `Option<Self>` holds for `null`: `None`, except for `Value`.
    fn null_in_option() -> Option<Self> {
        None
    }

    /// The value of a `null` list element or map value: an error, except
    /// for `Value` and `Option<T>`.
    fn decode_null_element<E: de::Error>() -> Result<Self, E> {
        Err(E::custom(
            "null is not allowed as a list element or map value",
        ))
    }

    /// Whether a field holding this value is left out of canonical output.
    fn is_default(&self) -> bool;
}

/// Every generated message, enum and union: its own serde impls are its
/// protojson form.
///
/// Generated code writes `impl json::Plain for Organization {}`; enums with a
/// zero value override [`Plain::is_default`] so that a singular enum field at
/// its zero value is left out.
pub trait Plain: Serialize + DeserializeOwned {
    /// Whether a singular field holding this value is left out: never, for
    /// messages and unions (they are `Option<T>` fields).
    fn is_default(&self) -> bool {
        false
    }
}

impl<T: Plain> Plain for Box<T> {
    fn is_default(&self) -> bool {
        (**self).is_default()
    }
}

impl<T: Plain> Codec for T {
    fn encode<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.serialize(s)
    }

    /// Reads the value with its own `Deserialize`, structs from JSON
    /// objects only (see `object.rs`).
    fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(object::Object(d))
    }

    fn decode_null<E: de::Error>() -> Result<Self, E> {
        // Enums read `null` as their zero value (see `enums::deserialize`);
        // messages never get here (their fields are `Option<T>`).
        T::deserialize(de::value::UnitDeserializer::<E>::new())
    }

    fn is_default(&self) -> bool {
        Plain::is_default(self)
    }
}

/// Writes a field (`#[serde(with = "json")]`).
pub fn serialize<T: Codec, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    value.encode(s)
}

/// The codec of fields of plain-JSON APIs (`#[serde(with = "json::plain")]`):
/// 64-bit integers are written as numbers; reading is the same as [`json`](self).
pub mod plain {
    use serde::Serializer;

    use super::Codec;
    #[allow(
        unused_imports,
        reason = "used by generated code of plain-JSON APIs only"
    )]
    pub use super::{deserialize, is_default};

    /// Writes a field with [`Codec::encode_plain`].
    pub fn serialize<T: Codec, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
        value.encode_plain(s)
    }
}

/// Serializes the borrowed value with [`Codec::encode_plain`].
pub struct EncodedPlain<'a, T>(pub &'a T);

impl<T: Codec> Serialize for EncodedPlain<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.encode_plain(s)
    }
}

/// Reads a field (`#[serde(with = "json")]`): `null` is the field's default.
pub fn deserialize<'de, T: Codec, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    d.deserialize_option(FieldVisitor(PhantomData))
}

/// Whether a field is left out of canonical output
/// (`skip_serializing_if = "json::is_default"`).
pub fn is_default<T: Codec>(value: &T) -> bool {
    value.is_default()
}

/// Any [`Codec`] value as a [`serde_json::Value`] in its protojson form (for
/// query parameters, headers and request bodies).
pub fn to_value<T: Codec>(value: &T) -> Result<serde_json::Value, serde_json::Error> {
    serde_json::to_value(Encoded(value))
}

/// Reads a value (a message, or any type a field can have) from JSON text,
/// as the SDK reads response bodies: protojson's rules, a message only from
/// a JSON object.
///
/// Prefer it to `serde_json::from_slice`: serde's derived `Deserialize`,
/// which that calls directly, also reads a struct from a JSON array, by
/// position, which protojson does not allow.
pub fn from_slice<T: Codec>(json: &[u8]) -> Result<T, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_slice(json);
    let value = T::decode(&mut de)?;
    de.end()?;
    Ok(value)
}

/// Reads a message with its own `Deserialize` (a response body), from a
/// JSON object only: [`from_slice`] for types known by their serde impls.
pub(crate) fn from_slice_message<T: DeserializeOwned>(json: &[u8]) -> Result<T, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_slice(json);
    let value = T::deserialize(object::Object(&mut de))?;
    de.end()?;
    Ok(value)
}

/// [`from_slice`] of a string.
pub fn from_str<T: Codec>(json: &str) -> Result<T, serde_json::Error> {
    from_slice(json.as_bytes())
}

/// [`from_slice`] of a parsed JSON value.
pub fn from_value<T: Codec>(json: serde_json::Value) -> Result<T, serde_json::Error> {
    T::decode(json)
}

/// Serializes the borrowed value with its [`Codec`].
pub struct Encoded<'a, T>(pub &'a T);

impl<T: Codec> Serialize for Encoded<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.encode(s)
    }
}

/// Deserializes a value with its [`Codec`], reading `null` as a field does.
pub struct Decoded<T>(pub T);

impl<'de, T: Codec> Deserialize<'de> for Decoded<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize(d).map(Decoded)
    }
}

/// A field: `null` is its default, anything else goes to [`Codec::decode`].
struct FieldVisitor<T>(PhantomData<T>);

impl<'de, T: Codec> Visitor<'de> for FieldVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a protojson value or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<T, E> {
        T::decode_null()
    }

    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        T::decode_null()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        T::decode(d)
    }
}

/// A list element or map value: `null` is an error unless the type says
/// otherwise.
pub(crate) struct ElementSeed<T>(PhantomData<T>);

impl<T> ElementSeed<T> {
    pub(crate) fn new() -> Self {
        ElementSeed(PhantomData)
    }
}

impl<'de, T: Codec> DeserializeSeed<'de> for ElementSeed<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        d.deserialize_option(ElementVisitor(PhantomData))
    }
}

struct ElementVisitor<T>(PhantomData<T>);

impl<'de, T: Codec> Visitor<'de> for ElementVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a protojson value")
    }

    fn visit_none<E: de::Error>(self) -> Result<T, E> {
        T::decode_null_element()
    }

    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        T::decode_null_element()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        T::decode(d)
    }
}

impl<T: Codec> Codec for Option<T> {
    fn encode<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(v) => v.encode(s),
            None => s.serialize_none(),
        }
    }

    fn encode_plain<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(v) => v.encode_plain(s),
            None => s.serialize_none(),
        }
    }

    fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::decode(d).map(Some)
    }

    fn decode_null<E: de::Error>() -> Result<Self, E> {
        Ok(T::null_in_option())
    }

    /// An error (a wrapper list element is a message, never absent), unless
    /// `null` is a value of `T`.
    fn decode_null_element<E: de::Error>() -> Result<Self, E> {
        match T::null_in_option() {
            Some(value) => Ok(Some(value)),
            None => Err(E::custom(
                "null is not allowed as a list element or map value",
            )),
        }
    }

    fn is_default(&self) -> bool {
        self.is_none()
    }
}

#[cfg(test)]
mod plain_tests {
    use std::collections::BTreeMap;

    use super::{Encoded, EncodedPlain};

    #[test]
    fn plain_json_writes_64_bit_integers_as_numbers() {
        let v: (i64, Option<u64>, Vec<i64>, BTreeMap<String, i64>) = (
            -9_007_199_254_740_993,
            Some(u64::MAX),
            vec![1, -2],
            BTreeMap::from([("a".to_string(), 3)]),
        );
        fn plain<T: serde::Serialize>(x: T) -> String {
            serde_json::to_string(&x).unwrap()
        }
        assert_eq!(plain(EncodedPlain(&v.0)), "-9007199254740993");
        assert_eq!(plain(EncodedPlain(&v.1)), "18446744073709551615");
        assert_eq!(plain(EncodedPlain(&v.2)), "[1,-2]");
        assert_eq!(plain(EncodedPlain(&v.3)), r#"{"a":3}"#);
        // protojson keeps them as strings.
        assert_eq!(plain(Encoded(&v.0)), r#""-9007199254740993""#);
        assert_eq!(plain(Encoded(&v.2)), r#"["1","-2"]"#);
    }
}
