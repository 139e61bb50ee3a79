//! Open enums: every generated enum keeps values this SDK version does not
//! know, so a newer server's new enum value decodes, and re-encodes exactly.
//!
//! A generated enum is `#[non_exhaustive]`, ends with a variant
//! `UnknownValue(UnknownEnumValue)`, implements [`OpenEnum`], and its serde
//! impls are one line each: [`serialize`] and [`deserialize`]. On the wire an
//! enum is its value's name (`"PRIMARY_AUTH_FACTOR_EMAIL"`); its number is
//! accepted too, and an unknown number is written back as that number.

// Generated enums call `serialize`/`deserialize`; until the generator has
// run nothing does.
#![allow(dead_code)]

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Serialize, Serializer};

/// Implemented by every generated enum.
///
/// The six required methods are generated; the provided ones work on any
/// value, known or not.
pub trait OpenEnum: Sized {
    /// The known value with this name (`"ROLE_ADMIN"`), if any.
    fn from_name(name: &str) -> Option<Self>;

    /// The known value with this number, if any.
    fn from_number(number: i32) -> Option<Self>;

    /// The name of a known value; `None` for an unknown one.
    fn known_name(&self) -> Option<&'static str>;

    /// The number of a known value; `None` for an unknown one.
    fn known_number(&self) -> Option<i32>;

    /// Wraps a value this SDK version does not know.
    fn from_unknown(value: UnknownEnumValue) -> Self;

    /// The unknown value this is, if it is one.
    fn as_unknown(&self) -> Option<&UnknownEnumValue>;

    /// The value's name: a known value's, or the unknown name received.
    /// `None` only for an unknown value that was received as a number.
    fn name(&self) -> Option<&str> {
        match self.known_name() {
            Some(name) => Some(name),
            None => self.as_unknown().and_then(UnknownEnumValue::name),
        }
    }

    /// The value's number: a known value's, or the unknown number received.
    /// `None` only for an unknown value that was received as a name.
    fn number(&self) -> Option<i32> {
        self.known_number()
            .or_else(|| self.as_unknown().and_then(UnknownEnumValue::number))
    }

    /// Whether this SDK version knows the value.
    fn is_known(&self) -> bool {
        self.as_unknown().is_none()
    }
}

/// An enum value this SDK version does not know: the name (or number) the
/// server sent, kept so that it is written back exactly.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UnknownEnumValue(Repr);

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Repr {
    Name(Box<str>),
    Number(i32),
}

impl UnknownEnumValue {
    /// An unknown value received (or to be sent) by name.
    pub fn from_name(name: impl Into<String>) -> Self {
        UnknownEnumValue(Repr::Name(name.into().into_boxed_str()))
    }

    /// An unknown value received (or to be sent) by number.
    pub fn from_number(number: i32) -> Self {
        UnknownEnumValue(Repr::Number(number))
    }

    /// The name, if the value came as a name.
    pub fn name(&self) -> Option<&str> {
        match &self.0 {
            Repr::Name(name) => Some(name),
            Repr::Number(_) => None,
        }
    }

    /// The number, if the value came as a number.
    pub fn number(&self) -> Option<i32> {
        match self.0 {
            Repr::Number(number) => Some(number),
            Repr::Name(_) => None,
        }
    }
}

/// The name, or the number.
impl fmt::Display for UnknownEnumValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::Name(name) => f.write_str(name),
            Repr::Number(number) => write!(f, "{number}"),
        }
    }
}

/// Writes an enum as protojson does: a known value as its name, an unknown
/// one as the name or number it was received as.
pub fn serialize<E: OpenEnum, S: Serializer>(value: &E, s: S) -> Result<S::Ok, S::Error> {
    if let Some(name) = value.known_name() {
        return s.serialize_str(name);
    }
    match value.as_unknown().map(|u| &u.0) {
        Some(Repr::Name(name)) => s.serialize_str(name),
        Some(Repr::Number(number)) => number.serialize(s),
        // An enum that is neither known nor unknown breaks the contract;
        // its number is the best we can write.
        None => match value.known_number() {
            Some(number) => number.serialize(s),
            None => Err(serde::ser::Error::custom(
                "enum value has neither a name nor a number",
            )),
        },
    }
}

/// Reads an enum: a name (known or not), or an integral number within
/// `int32` (known or not). `null` is the zero value (a field set to `null`
/// is at its default).
pub fn deserialize<'de, E: OpenEnum, D: Deserializer<'de>>(d: D) -> Result<E, D::Error> {
    d.deserialize_any(EnumVisitor(std::marker::PhantomData))
}

struct EnumVisitor<E>(std::marker::PhantomData<E>);

impl<E: OpenEnum> EnumVisitor<E> {
    fn number<Err: de::Error>(n: Option<i32>, shown: &dyn fmt::Display) -> Result<E, Err> {
        match n {
            Some(n) => Ok(E::from_number(n)
                .unwrap_or_else(|| E::from_unknown(UnknownEnumValue::from_number(n)))),
            None => Err(Err::custom(format_args!(
                "invalid enum value {shown}: not an int32 enum number"
            ))),
        }
    }
}

impl<E: OpenEnum> Visitor<'_> for EnumVisitor<E> {
    type Value = E;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an enum value (its name as a string, or its number)")
    }

    fn visit_str<Err: de::Error>(self, v: &str) -> Result<E, Err> {
        Ok(E::from_name(v).unwrap_or_else(|| E::from_unknown(UnknownEnumValue::from_name(v))))
    }

    fn visit_string<Err: de::Error>(self, v: String) -> Result<E, Err> {
        Ok(match E::from_name(&v) {
            Some(known) => known,
            None => E::from_unknown(UnknownEnumValue::from_name(v)),
        })
    }

    fn visit_i64<Err: de::Error>(self, v: i64) -> Result<E, Err> {
        Self::number(i32::try_from(v).ok(), &v)
    }

    fn visit_u64<Err: de::Error>(self, v: u64) -> Result<E, Err> {
        Self::number(i32::try_from(v).ok(), &v)
    }

    fn visit_f64<Err: de::Error>(self, v: f64) -> Result<E, Err> {
        // `1.0` and `1e0` are the integer 1, as protojson reads them.
        let exact = (v.fract() == 0.0 && v >= f64::from(i32::MIN) && v <= f64::from(i32::MAX))
            .then_some(v as i32);
        Self::number(exact, &v)
    }

    fn visit_unit<Err: de::Error>(self) -> Result<E, Err> {
        E::from_number(0).ok_or_else(|| Err::custom("null for an enum without a zero value"))
    }

    fn visit_none<Err: de::Error>(self) -> Result<E, Err> {
        self.visit_unit()
    }
}
