//! The well-known protobuf types (`google.protobuf.*`) that API types use,
//! in their protojson form.
//!
//! | protobuf | Rust | JSON |
//! |---|---|---|
//! | `Timestamp` | [`Timestamp`] | `"2024-05-01T12:00:00.500Z"` |
//! | `Duration` | [`Duration`] | `"1.500s"` |
//! | `FieldMask` | [`FieldMask`] | `"displayName,logInWithGoogle"` |
//! | `Any` | [`Any`] | `{"@type": "type.googleapis.com/...", ...}` |
//! | `Empty` | [`Empty`] | `{}` |
//! | `Struct` | [`Struct`] | any JSON object |
//! | `Value` | [`Value`] | any JSON value |
//! | `ListValue` | [`ListValue`] | any JSON array |
//! | `NullValue` | [`NullValue`] | `null` |
//!
//! Each type's `Serialize`/`Deserialize` is its protojson form, so the types
//! also work with `serde_json` directly.
//!
//! `Struct`, `Value` and `ListValue` are `serde_json`'s types. [`json!`]
//! (serde_json's macro, re-exported so that no dependency of your own is
//! needed) builds them, and [`to_struct`] turns a JSON object into a
//! `Struct`:
//!
//! ```
//! use rest_sdk_runtime::wkt::{self, json};
//!
//! let details: wkt::Struct = wkt::to_struct(json!({"ip": "192.0.2.1", "attempts": 3})).unwrap();
//! assert_eq!(details["attempts"], 3);
//! assert_eq!(wkt::to_struct(json!([1, 2])), None);
//! ```

mod any;
mod duration;
mod empty;
mod error;
mod field_mask;
mod null_value;
mod timestamp;
mod value;

pub use any::Any;
pub use duration::Duration;
pub use empty::Empty;
pub use error::WktError;
pub use field_mask::FieldMask;
pub use null_value::NullValue;
pub use timestamp::Timestamp;

/// `google.protobuf.Struct`: a JSON object.
///
/// Written with its keys sorted (as Go's protojson writes map keys), which
/// also makes the output deterministic.
pub type Struct = serde_json::Map<String, serde_json::Value>;

/// `google.protobuf.Value`: any JSON value. As a field (`Option<Value>`),
/// JSON `null` is `Some(Value::Null)`, not `None`.
///
/// Numbers are written as protojson writes a double (`1.0` as `1`), except
/// that integers received as integers keep all their digits.
pub type Value = serde_json::Value;

/// `google.protobuf.ListValue`: a JSON array.
pub type ListValue = Vec<Value>;

/// Builds a [`Value`] from JSON syntax: `json!({"ip": "192.0.2.1"})`
/// (serde_json's `json!`).
pub use serde_json::json;

/// The object a JSON value holds, as a [`Struct`]; `None` when it is not an
/// object.
pub fn to_struct(value: Value) -> Option<Struct> {
    match value {
        Value::Object(object) => Some(object),
        _ => None,
    }
}
