//! The real server's form of a response, derived mechanically from its
//! canonical protojson and the shape of its messages.
//!
//! Canonical protojson leaves out every field at its default. The Tesseral
//! server writes them all instead (`""`, `false`, `0`, `"0"` for 64-bit
//! integers, `[]`, `{}`, the zero enum value's name) and `null` for an unset
//! message field; fields with explicit presence (`optional`, oneof members)
//! it still leaves out when unset. [`server_form`] turns one form into the
//! other; on the way it checks that the canonical JSON really is canonical
//! (no unknown member, no non-optional field written at its default), so a
//! typo in a test's expected JSON cannot pass unnoticed.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

/// The shape of every message of an API, as far as the wire form needs it.
#[derive(Clone, Debug, Default)]
pub struct Shapes {
    /// Message name -> its fields, in declaration order.
    pub messages: BTreeMap<String, Vec<FieldShape>>,
    /// Operation name -> the name of its response message.
    pub responses: BTreeMap<String, String>,
}

/// One field of a message.
#[derive(Clone, Debug)]
pub struct FieldShape {
    /// The field's JSON name (`displayName`).
    pub json_name: String,
    /// Whether the field has explicit presence: then it is left out when
    /// unset, in every form.
    pub presence: bool,
    /// What the field holds.
    pub shape: Shape,
}

/// What a field holds.
#[derive(Clone, Debug)]
pub enum Shape {
    /// A scalar; the value is its default as the server writes it (`""`,
    /// `false`, `0`, `"0"`).
    Scalar(Value),
    /// An enum; the value is the name of its zero value.
    Enum(String),
    /// A message of the API, by name.
    Message(String),
    /// A well-known type or wrapper (Timestamp, Struct, ...): its JSON is
    /// taken as it is; `null` when unset.
    Opaque,
    /// A repeated field.
    List(Box<Shape>),
    /// A map; the shape is the values'.
    Map(Box<Shape>),
}

impl Shape {
    /// What the server writes for a field of this shape that is not set.
    fn unset(&self) -> Value {
        match self {
            Shape::Scalar(default) => default.clone(),
            Shape::Enum(zero) => Value::String(zero.clone()),
            Shape::Message(_) | Shape::Opaque => Value::Null,
            Shape::List(_) => Value::Array(Vec::new()),
            Shape::Map(_) => Value::Object(Map::new()),
        }
    }

    /// Whether `value` is this shape's default, which canonical JSON leaves out.
    fn is_default(&self, value: &Value) -> bool {
        match self {
            Shape::Message(_) | Shape::Opaque => value.is_null(),
            Shape::Scalar(Value::Number(_)) => value.as_f64() == Some(0.0) || value == "0",
            _ => *value == self.unset(),
        }
    }
}

impl Shapes {
    /// The fields of message `name`, or an error naming `place`.
    fn fields(&self, name: &str, place: &str) -> Result<&[FieldShape], String> {
        self.messages
            .get(name)
            .map(Vec::as_slice)
            .ok_or_else(|| format!("{place}: no message `{name}` in the API description"))
    }

    /// The response message of operation `operation`.
    pub fn response_of(&self, operation: &str) -> Result<&str, String> {
        self.responses
            .get(operation)
            .map(String::as_str)
            .ok_or_else(|| format!("no operation `{operation}` in the API description"))
    }
}

/// The server's form of `canonical`, a message `message` in canonical
/// protojson. Errors name the JSON pointer of the offending member.
pub fn server_form(shapes: &Shapes, message: &str, canonical: &Value) -> Result<Value, String> {
    message_form(shapes, message, canonical, "")
}

fn message_form(
    shapes: &Shapes,
    message: &str,
    value: &Value,
    pointer: &str,
) -> Result<Value, String> {
    let place = format!("{message} at `{pointer}`");
    let Value::Object(members) = value else {
        return Err(format!(
            "{place}: a message must be a JSON object, not {value}"
        ));
    };
    let fields = shapes.fields(message, &place)?;
    if let Some(unknown) = members
        .keys()
        .find(|key| !fields.iter().any(|f| f.json_name == **key))
    {
        return Err(format!("{place}: `{unknown}` is not a field of {message}"));
    }
    let mut out = Map::new();
    for field in fields {
        let pointer = format!("{pointer}/{}", field.json_name);
        match members.get(&field.json_name) {
            Some(value) => {
                if !field.presence && field.shape.is_default(value) {
                    return Err(format!(
                        "{message} at `{pointer}`: {value} is the default, which canonical JSON leaves out"
                    ));
                }
                let written = value_form(shapes, &field.shape, value, &pointer)?;
                out.insert(field.json_name.clone(), written);
            }
            None if field.presence => {}
            None => {
                out.insert(field.json_name.clone(), field.shape.unset());
            }
        }
    }
    Ok(Value::Object(out))
}

fn value_form(
    shapes: &Shapes,
    shape: &Shape,
    value: &Value,
    pointer: &str,
) -> Result<Value, String> {
    match (shape, value) {
        (Shape::Message(name), _) => message_form(shapes, name, value, pointer),
        (Shape::List(item), Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, v)| value_form(shapes, item, v, &format!("{pointer}/{i}")))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array),
        (Shape::Map(item), Value::Object(entries)) => entries
            .iter()
            .map(|(k, v)| {
                Ok((
                    k.clone(),
                    value_form(shapes, item, v, &format!("{pointer}/{k}"))?,
                ))
            })
            .collect::<Result<Map<_, _>, String>>()
            .map(Value::Object),
        (Shape::List(_), _) => Err(format!(
            "`{pointer}`: a repeated field must be an array, not {value}"
        )),
        (Shape::Map(_), _) => Err(format!("`{pointer}`: a map must be an object, not {value}")),
        (Shape::Scalar(_) | Shape::Enum(_) | Shape::Opaque, _) => Ok(value.clone()),
    }
}

/// `canonical` as an SDK that does not keep explicit presence writes it
/// back: fields with presence that hold their default are left out (the
/// OpenAPI file does not mark `optional`, so its SDK uses plain `bool` and
/// `String` for them).
pub fn without_presence(
    shapes: &Shapes,
    message: &str,
    canonical: &Value,
) -> Result<Value, String> {
    strip(shapes, &Shape::Message(message.to_owned()), canonical, "")
}

fn strip(shapes: &Shapes, shape: &Shape, value: &Value, pointer: &str) -> Result<Value, String> {
    match (shape, value) {
        (Shape::Message(name), Value::Object(members)) => {
            let fields = shapes.fields(name, &format!("{name} at `{pointer}`"))?;
            let mut out = Map::new();
            for (key, member) in members {
                let pointer = format!("{pointer}/{key}");
                let Some(field) = fields.iter().find(|f| f.json_name == *key) else {
                    return Err(format!("{name} at `{pointer}`: not a field of {name}"));
                };
                if field.presence && field.shape.is_default(member) {
                    continue;
                }
                out.insert(key.clone(), strip(shapes, &field.shape, member, &pointer)?);
            }
            Ok(Value::Object(out))
        }
        (Shape::List(item), Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, v)| strip(shapes, item, v, &format!("{pointer}/{i}")))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array),
        (Shape::Map(item), Value::Object(entries)) => entries
            .iter()
            .map(|(k, v)| {
                Ok((
                    k.clone(),
                    strip(shapes, item, v, &format!("{pointer}/{k}"))?,
                ))
            })
            .collect::<Result<Map<_, _>, String>>()
            .map(Value::Object),
        _ => Ok(value.clone()),
    }
}

/// Whether `actual` equals `expected` except that members of `expected`
/// holding a scalar default (`false`, `""`, `0`, `"0"`) may be missing from
/// `actual`: the comparison for an SDK without explicit presence when the
/// message shapes are not at hand.
pub fn equal_but_lost_defaults(actual: &Value, expected: &Value) -> bool {
    match (actual, expected) {
        (Value::Object(a), Value::Object(e)) => {
            a.keys().all(|key| e.contains_key(key))
                && e.iter().all(|(key, ev)| match a.get(key) {
                    Some(av) => equal_but_lost_defaults(av, ev),
                    None => is_scalar_default(ev),
                })
        }
        (Value::Array(a), Value::Array(e)) => {
            a.len() == e.len()
                && a.iter()
                    .zip(e)
                    .all(|(av, ev)| equal_but_lost_defaults(av, ev))
        }
        _ => actual == expected,
    }
}

fn is_scalar_default(value: &Value) -> bool {
    match value {
        Value::Bool(b) => !b,
        Value::String(s) => s.is_empty() || s == "0",
        Value::Number(n) => n.as_f64() == Some(0.0),
        _ => false,
    }
}
