//! [`Codec`] for the proto3 scalars: `bool`, the four integer types, the two
//! float types, `string` and `bytes`.

use std::fmt;
use std::marker::PhantomData;

use base64::Engine as _;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use serde::de::{self, Deserializer, Unexpected, Visitor};
use serde::{Deserialize, Serializer};

use super::Codec;
use super::number::{
    F64_EXACT_INT_LIMIT, IntError, Integral, integer_from_f64, integral_text, is_json_number,
    non_finite, parse_integer,
};

impl Codec for bool {
    fn encode<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bool(*self)
    }

    fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        bool::deserialize(d)
    }

    fn decode_null<E: de::Error>() -> Result<Self, E> {
        Ok(false)
    }

    fn is_default(&self) -> bool {
        !*self
    }
}

impl Codec for String {
    fn encode<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }

    fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)
    }

    fn decode_null<E: de::Error>() -> Result<Self, E> {
        Ok(String::new())
    }

    fn is_default(&self) -> bool {
        self.is_empty()
    }
}

/// An integer type protojson reads from numbers and strings.
trait ProtoInt: Copy + TryFrom<i128> + Default + PartialEq {
    /// The proto type name, for error messages.
    const NAME: &'static str;
}

/// Reads any of the four integer types from a number or a string.
struct IntVisitor<T>(PhantomData<T>);

impl<T: ProtoInt> IntVisitor<T> {
    fn convert<E: de::Error>(
        value: Result<i128, IntError>,
        shown: &dyn fmt::Display,
    ) -> Result<T, E> {
        let error = match value {
            Ok(v) => match T::try_from(v) {
                Ok(v) => return Ok(v),
                Err(_) => IntError::Range,
            },
            Err(e) => e,
        };
        Err(E::custom(format_args!(
            "invalid {} value {}: {}",
            T::NAME,
            shown,
            error.reason()
        )))
    }
}

impl<T: ProtoInt> Visitor<'_> for IntVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "an {} (an integer, as a JSON number or a decimal string)",
            T::NAME
        )
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        Self::convert(Ok(i128::from(v)), &v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        Self::convert(Ok(i128::from(v)), &v)
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<T, E> {
        Self::convert(Ok(v), &v)
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<T, E> {
        Self::convert(i128::try_from(v).map_err(|_| IntError::Range), &v)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        Self::convert(integer_from_f64(v), &v)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        Self::convert(parse_integer(v), &format_args!("{v:?}"))
    }
}

macro_rules! int_codec {
    ($($ty:ty, $name:literal, $as_string:literal;)*) => {$(
        impl ProtoInt for $ty {
            const NAME: &'static str = $name;
        }

        impl Codec for $ty {
            fn encode<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                if $as_string {
                    s.collect_str(self)
                } else {
                    serde::Serialize::serialize(self, s)
                }
            }

            fn encode_plain<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                serde::Serialize::serialize(self, s)
            }

            fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_any(IntVisitor::<$ty>(PhantomData))
            }

            fn decode_null<E: de::Error>() -> Result<Self, E> {
                Ok(0)
            }

            fn is_default(&self) -> bool {
                *self == 0
            }
        }
    )*};
}

int_codec! {
    i32, "int32", false;
    u32, "uint32", false;
    i64, "int64", true;
    u64, "uint64", true;
}

/// A float type protojson reads from numbers and strings.
trait ProtoFloat: Copy {
    /// The proto type name, for error messages.
    const NAME: &'static str;
    /// Narrows a finite `f64`; `None` when it overflows.
    fn from_f64(v: f64) -> Option<Self>;
    /// Parses JSON number text; `None` when it overflows.
    fn parse(text: &str) -> Option<Self>;
    /// The value for `"NaN"`, `"Infinity"` or `"-Infinity"`.
    fn special(text: &str) -> Option<Self>;
}

impl ProtoFloat for f64 {
    const NAME: &'static str = "double";

    fn from_f64(v: f64) -> Option<Self> {
        Some(v)
    }

    fn parse(text: &str) -> Option<Self> {
        text.parse::<f64>().ok().filter(|v| v.is_finite())
    }

    fn special(text: &str) -> Option<Self> {
        match text {
            "NaN" => Some(f64::NAN),
            "Infinity" => Some(f64::INFINITY),
            "-Infinity" => Some(f64::NEG_INFINITY),
            _ => None,
        }
    }
}

impl ProtoFloat for f32 {
    const NAME: &'static str = "float";

    fn from_f64(v: f64) -> Option<Self> {
        // Rounds to nearest; beyond f32::MAX (plus half an ulp) it overflows.
        let narrow = v as f32;
        (narrow.is_finite() || !v.is_finite()).then_some(narrow)
    }

    fn parse(text: &str) -> Option<Self> {
        text.parse::<f32>().ok().filter(|v| v.is_finite())
    }

    fn special(text: &str) -> Option<Self> {
        f64::special(text).map(|v| v as f32)
    }
}

/// Reads a float from a number or a string.
struct FloatVisitor<T>(PhantomData<T>);

impl<T: ProtoFloat> FloatVisitor<T> {
    fn out_of_range<E: de::Error>(shown: &dyn fmt::Display) -> E {
        E::custom(format_args!(
            "invalid {} value {}: out of range",
            T::NAME,
            shown
        ))
    }
}

impl<T: ProtoFloat> Visitor<'_> for FloatVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a {} (a JSON number, a numeric string, \"NaN\", \"Infinity\" or \"-Infinity\")",
            T::NAME
        )
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        T::from_f64(v).ok_or_else(|| Self::out_of_range(&v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        self.visit_f64(v as f64)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        self.visit_f64(v as f64)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        if let Some(special) = T::special(v) {
            return Ok(special);
        }
        if !is_json_number(v) {
            return Err(E::invalid_value(Unexpected::Str(v), &self));
        }
        T::parse(v).ok_or_else(|| Self::out_of_range(&format_args!("{v:?}")))
    }
}

/// 2^24: integers at or beyond it are not all exact in an `f32`.
const F32_EXACT_INT_LIMIT: f32 = 16_777_216.0;

/// The `Codec` of a float type: the non-finite values as strings,
/// integral values without ".0" (as Go's protojson writes them; below the
/// exact-integer limit the integer is the shortest text), +0.0 as the only
/// default (proto3 treats -0.0 and NaN as set).
macro_rules! float_codec {
    ($($t:ty, $exact_limit:expr, $serialize:ident;)*) => {$(
        impl Codec for $t {
            fn encode<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let v = *self;
                if let Some(text) = non_finite(v.is_nan(), v.is_infinite(), v < 0.0) {
                    return s.serialize_str(text);
                }
                if v.fract() == 0.0 && !(v == 0.0 && v.is_sign_negative()) {
                    if v.abs() < $exact_limit {
                        return s.serialize_i64(v as i64);
                    }
                    if v.abs() < 1e21 {
                        match integral_text(&format!("{v}")) {
                            Some(Integral::Signed(i)) => return s.serialize_i64(i),
                            Some(Integral::Unsigned(u)) => return s.serialize_u64(u),
                            None => {}
                        }
                    }
                }
                s.$serialize(v)
            }

            fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_any(FloatVisitor::<$t>(PhantomData))
            }

            fn decode_null<E: de::Error>() -> Result<Self, E> {
                Ok(0.0)
            }

            fn is_default(&self) -> bool {
                self.to_bits() == 0
            }
        }
    )*};
}

float_codec! {
    f64, F64_EXACT_INT_LIMIT, serialize_f64;
    f32, F32_EXACT_INT_LIMIT, serialize_f32;
}

/// Decoding engines: Go's protojson picks the URL-safe alphabet when the
/// text has `-` or `_`, and requires padding exactly when the length is a
/// multiple of 4. Like Go, non-zero trailing bits are tolerated.
const fn engine(alphabet: &alphabet::Alphabet, padded: bool) -> GeneralPurpose {
    let padding = if padded {
        DecodePaddingMode::RequireCanonical
    } else {
        DecodePaddingMode::RequireNone
    };
    GeneralPurpose::new(
        alphabet,
        GeneralPurposeConfig::new()
            .with_encode_padding(true)
            .with_decode_allow_trailing_bits(true)
            .with_decode_padding_mode(padding),
    )
}

const STANDARD_PADDED: GeneralPurpose = engine(&alphabet::STANDARD, true);
const STANDARD_UNPADDED: GeneralPurpose = engine(&alphabet::STANDARD, false);
const URL_SAFE_PADDED: GeneralPurpose = engine(&alphabet::URL_SAFE, true);
const URL_SAFE_UNPADDED: GeneralPurpose = engine(&alphabet::URL_SAFE, false);

/// Decodes protojson `bytes` text.
pub(crate) fn decode_base64(text: &str) -> Result<Vec<u8>, base64::DecodeError> {
    let url_safe = text.contains(['-', '_']);
    let padded = text.len() % 4 == 0;
    let engine = match (url_safe, padded) {
        (false, true) => &STANDARD_PADDED,
        (false, false) => &STANDARD_UNPADDED,
        (true, true) => &URL_SAFE_PADDED,
        (true, false) => &URL_SAFE_UNPADDED,
    };
    engine.decode(text)
}

struct BytesVisitor;

impl Visitor<'_> for BytesVisitor {
    type Value = Vec<u8>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("bytes (a base64 string)")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<u8>, E> {
        decode_base64(v).map_err(|e| E::custom(format_args!("invalid bytes value {v:?}: {e}")))
    }
}

impl Codec for Vec<u8> {
    fn encode<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&base64::display::Base64Display::new(self, &STANDARD_PADDED))
    }

    fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(BytesVisitor)
    }

    fn decode_null<E: de::Error>() -> Result<Self, E> {
        Ok(Vec::new())
    }

    fn is_default(&self) -> bool {
        self.is_empty()
    }
}
