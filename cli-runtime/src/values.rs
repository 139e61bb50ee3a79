//! Command-line text to JSON: one `clap` value parser per [`Kind`], which
//! checks each value as the SDK would read it (the runtime's own codecs), so
//! that a bad value is a usage error naming its flag, before anything is
//! sent.

use std::ffi::OsStr;

use clap::builder::{PossibleValue, TypedValueParser};
use clap::error::ErrorKind;
use rest_sdk_runtime::json::{Codec, Decoded};
use rest_sdk_runtime::wkt;
use serde_json::Value;

use crate::app::{Kind, Shape};

/// One parsed value: the JSON of the field's element, and its key for a
/// map entry.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Parsed {
    pub key: Option<String>,
    pub value: Value,
}

/// The value parser of a field of `kind` and `shape`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Parser {
    pub kind: Kind,
    pub shape: Shape,
}

/// The placeholder shown in usage lines (`<RFC3339>`).
pub(crate) fn value_name(kind: Kind, shape: Shape) -> &'static str {
    let name = match kind {
        Kind::String | Kind::Enum(_) => "VALUE",
        Kind::Bool => "BOOL",
        Kind::Int32 | Kind::Int64 | Kind::Uint32 | Kind::Uint64 => "INT",
        Kind::Float | Kind::Double => "NUMBER",
        Kind::Bytes => "BASE64",
        Kind::Timestamp => "RFC3339",
        Kind::Duration => "DURATION",
        Kind::FieldMask => "PATHS",
        Kind::Json => "JSON",
    };
    match shape {
        Shape::Map => "KEY=VALUE",
        _ => name,
    }
}

impl TypedValueParser for Parser {
    type Value = Parsed;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<Parsed, clap::Error> {
        let fail = |why: String| {
            let shown = value.to_string_lossy();
            let arg = arg.map_or_else(|| "the argument".to_owned(), |a| format!("'{a}'"));
            clap::Error::raw(
                ErrorKind::ValueValidation,
                format!("invalid value '{shown}' for {arg}: {why}\n"),
            )
            .with_cmd(cmd)
        };
        let text = value
            .to_str()
            .ok_or_else(|| fail("not valid UTF-8".to_owned()))?;
        let (key, text) = match self.shape {
            Shape::Map => match text.split_once('=') {
                Some((key, rest)) => (Some(key.to_owned()), rest),
                None => return Err(fail("expected KEY=VALUE".to_owned())),
            },
            _ => (None, text),
        };
        let value = parse(self.kind, text).map_err(fail)?;
        Ok(Parsed { key, value })
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        match (self.kind, self.shape) {
            (Kind::Enum(names), Shape::Single | Shape::List) => {
                Some(Box::new(names.iter().map(PossibleValue::new)))
            }
            (Kind::Bool, Shape::Single | Shape::List) => Some(Box::new(
                ["true", "false"].into_iter().map(PossibleValue::new),
            )),
            _ => None,
        }
    }
}

/// Checks that `value` reads as a `T`, the way the SDK reads the field.
fn check<T: Codec>(value: Value) -> Result<Value, String> {
    match serde_json::from_value::<Decoded<T>>(value.clone()) {
        Ok(_) => Ok(value),
        Err(e) => Err(e.to_string()),
    }
}

/// The JSON of one element of a field of `kind`, from its text.
pub(crate) fn parse(kind: Kind, text: &str) -> Result<Value, String> {
    let string = || Value::String(text.to_owned());
    fn integer<T: std::str::FromStr + Into<Value>>(
        text: &str,
        what: &str,
    ) -> Result<Value, String> {
        text.parse::<T>()
            .map(Into::into)
            .map_err(|_| format!("expected {what}"))
    }
    match kind {
        Kind::String => Ok(string()),
        Kind::Bool => match text {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => Err("expected `true` or `false`".to_owned()),
        },
        Kind::Int32 => integer::<i32>(text, "a 32-bit integer"),
        Kind::Int64 => integer::<i64>(text, "a 64-bit integer"),
        Kind::Uint32 => integer::<u32>(text, "an unsigned 32-bit integer"),
        Kind::Uint64 => integer::<u64>(text, "an unsigned 64-bit integer"),
        Kind::Float | Kind::Double => {
            let value = match text {
                "NaN" | "Infinity" | "-Infinity" => string(),
                _ => text
                    .parse::<f64>()
                    .ok()
                    .filter(|f| f.is_finite())
                    .and_then(serde_json::Number::from_f64)
                    .map(Value::Number)
                    .ok_or("expected a number, `NaN`, `Infinity` or `-Infinity`")?,
            };
            if kind == Kind::Float {
                check::<f32>(value)
            } else {
                Ok(value)
            }
        }
        Kind::Bytes => check::<Vec<u8>>(string()).map_err(|_| "expected base64".to_owned()),
        Kind::Timestamp => check::<wkt::Timestamp>(string()),
        Kind::Duration => check::<wkt::Duration>(string()),
        Kind::FieldMask => check::<wkt::FieldMask>(string()),
        Kind::Enum(names) => {
            if names.contains(&text) {
                Ok(string())
            } else if let Ok(number) = text.parse::<i32>() {
                Ok(number.into())
            } else {
                Err(format!(
                    "expected one of {}, or a value number",
                    names.join(", ")
                ))
            }
        }
        Kind::Json => serde_json::from_str(text).map_err(|e| format!("not JSON: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn scalars() {
        assert_eq!(parse(Kind::Bool, "false"), Ok(json!(false)));
        assert!(parse(Kind::Bool, "no").is_err());
        assert_eq!(
            parse(Kind::Int64, "-9007199254740993"),
            Ok(json!(-9007199254740993_i64))
        );
        assert!(parse(Kind::Int32, "2147483648").is_err());
        assert!(parse(Kind::Uint32, "-1").is_err());
        assert_eq!(parse(Kind::Double, "1.5"), Ok(json!(1.5)));
        assert_eq!(parse(Kind::Double, "-Infinity"), Ok(json!("-Infinity")));
        assert!(parse(Kind::Double, "inf").is_err());
        assert!(parse(Kind::Float, "1e300").is_err(), "out of f32 range");
        assert_eq!(parse(Kind::Bytes, "aGk="), Ok(json!("aGk=")));
        assert!(parse(Kind::Bytes, "a*b").is_err());
    }

    #[test]
    fn well_known_types_and_enums() {
        assert_eq!(
            parse(Kind::Timestamp, "2025-07-01T12:00:00Z"),
            Ok(json!("2025-07-01T12:00:00Z"))
        );
        assert!(parse(Kind::Timestamp, "2025-07-01").is_err());
        assert!(parse(Kind::Duration, "1.5s").is_ok());
        assert!(parse(Kind::Duration, "1.5").is_err());
        let kinds = Kind::Enum(&["A_UNSPECIFIED", "A_ONE"]);
        assert_eq!(parse(kinds, "A_ONE"), Ok(json!("A_ONE")));
        assert_eq!(parse(kinds, "7"), Ok(json!(7)));
        let error = parse(kinds, "a_one").unwrap_err();
        assert!(error.contains("A_UNSPECIFIED, A_ONE"), "{error}");
        assert_eq!(parse(Kind::Json, r#"{"a":[1]}"#), Ok(json!({"a": [1]})));
        assert!(parse(Kind::Json, "{").is_err());
    }
}
