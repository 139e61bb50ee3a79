//! Comparing the SDK's JSON with the reference's, by the rules of
//! `conformance/README.md` ("Comparing with these vectors"):
//!
//! * [`same_value`]: parsed values, member order ignored; numbers equal when
//!   their values are (as `f64`, or as `f32` at the record's `float32`
//!   pointers; `-0.0` differs from `0.0`); integers exactly.
//! * [`same_text`]: the texts themselves. Every member name, string,
//!   integer, `true`/`false`/`null`, the nesting and the member order
//!   (field-number order, which the generator also follows) must be the
//!   same bytes, except that an Any payload's members may come in another
//!   order (the SDK writes them sorted; see [`TextMatch`]) and a number the
//!   reference writes in float notation (`1.0`, `1e+20`) is compared by
//!   value, since Python and serde_json format floats differently.

use std::collections::BTreeSet;

use serde::Deserialize;
use serde::de::{MapAccess, Visitor};
use serde_json::Value;
use serde_json::value::RawValue;

/// The JSON pointers (RFC 6901) whose numbers are `float` (f32) values.
pub type Float32 = BTreeSet<String>;

/// A JSON pointer token for an object member (`~` and `/` escaped).
fn token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Whether two numbers are the same value (see the module docs).
fn same_number(sdk: &serde_json::Number, reference: &serde_json::Number, is_f32: bool) -> bool {
    if !is_f32 {
        if let (Some(a), Some(b)) = (sdk.as_i64(), reference.as_i64()) {
            return a == b;
        }
        if let (Some(a), Some(b)) = (sdk.as_u64(), reference.as_u64()) {
            return a == b;
        }
    }
    match (sdk.as_f64(), reference.as_f64()) {
        (Some(a), Some(b)) if is_f32 => (a as f32).to_bits() == (b as f32).to_bits(),
        (Some(a), Some(b)) => a.to_bits() == b.to_bits(),
        _ => false,
    }
}

/// Compares parsed values; the error names the first difference's pointer.
pub fn same_value(sdk: &Value, reference: &Value, float32: &Float32) -> Result<(), String> {
    compare_values(sdk, reference, "", float32)
}

fn compare_values(
    sdk: &Value,
    reference: &Value,
    at: &str,
    float32: &Float32,
) -> Result<(), String> {
    let differs = || format!("at {:?}: SDK {sdk} but reference {reference}", pointer(at));
    match (sdk, reference) {
        (Value::Object(a), Value::Object(b)) => {
            let a_keys: BTreeSet<&String> = a.keys().collect();
            let b_keys: BTreeSet<&String> = b.keys().collect();
            if a_keys != b_keys {
                return Err(format!(
                    "at {:?}: members differ: SDK only {:?}, reference only {:?}",
                    pointer(at),
                    a_keys.difference(&b_keys).collect::<Vec<_>>(),
                    b_keys.difference(&a_keys).collect::<Vec<_>>()
                ));
            }
            for (key, b_value) in b {
                let a_value = a.get(key).ok_or_else(differs)?;
                compare_values(a_value, b_value, &format!("{at}/{}", token(key)), float32)?;
            }
            Ok(())
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                return Err(format!(
                    "at {:?}: SDK has {} elements, reference {}",
                    pointer(at),
                    a.len(),
                    b.len()
                ));
            }
            for (i, (a_item, b_item)) in a.iter().zip(b).enumerate() {
                compare_values(a_item, b_item, &format!("{at}/{i}"), float32)?;
            }
            Ok(())
        }
        (Value::Number(a), Value::Number(b)) => {
            if same_number(a, b, float32.contains(at)) {
                Ok(())
            } else {
                Err(differs())
            }
        }
        _ if sdk == reference => Ok(()),
        _ => Err(differs()),
    }
}

/// `""` (the whole document) shown as `/`.
fn pointer(at: &str) -> &str {
    if at.is_empty() { "/" } else { at }
}

/// How two texts that [`same_text`] accepts relate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextMatch {
    /// Some Any payload's members come in a different order.
    pub order_differs: bool,
    /// Numbers in float notation whose text differs but whose value is the
    /// same.
    pub floats_by_value: usize,
}

impl TextMatch {
    /// The texts are identical byte for byte.
    pub fn identical(&self) -> bool {
        !self.order_differs && self.floats_by_value == 0
    }
}

/// A JSON text as a tree that keeps member order and the exact text of
/// every scalar.
enum Node<'a> {
    Object(Vec<(String, Node<'a>)>),
    Array(Vec<Node<'a>>),
    Scalar(&'a str),
}

/// An object's members in order, values as raw text.
struct Members<'a>(Vec<(String, &'a RawValue)>);

impl<'de> Deserialize<'de> for Members<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct MembersVisitor;
        impl<'de> Visitor<'de> for MembersVisitor {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members<'de>, A::Error> {
                let mut members = Vec::new();
                while let Some(entry) = map.next_entry::<String, &'de RawValue>()? {
                    members.push(entry);
                }
                Ok(Members(members))
            }
        }
        d.deserialize_map(MembersVisitor)
    }
}

fn parse_node(text: &str) -> Result<Node<'_>, serde_json::Error> {
    match text.as_bytes().first() {
        Some(b'{') => {
            let Members(members) = serde_json::from_str(text)?;
            let members = members
                .into_iter()
                .map(|(key, raw)| Ok((key, parse_node(raw.get())?)))
                .collect::<Result<_, serde_json::Error>>()?;
            Ok(Node::Object(members))
        }
        Some(b'[') => {
            let items: Vec<&RawValue> = serde_json::from_str(text)?;
            let items = items
                .into_iter()
                .map(|raw| parse_node(raw.get()))
                .collect::<Result<_, _>>()?;
            Ok(Node::Array(items))
        }
        _ => {
            // Validates the scalar; keeps its text.
            let raw: &RawValue = serde_json::from_str(text)?;
            Ok(Node::Scalar(raw.get()))
        }
    }
}

/// Compares the SDK's text with the reference's text (see the module
/// docs); the error names the first difference's pointer.
pub fn same_text(sdk: &str, reference: &str, float32: &Float32) -> Result<TextMatch, String> {
    let sdk_tree = parse_node(sdk).map_err(|e| format!("SDK text is not JSON: {e}"))?;
    let reference_tree =
        parse_node(reference).map_err(|e| format!("reference text is not JSON: {e}"))?;
    let mut found = TextMatch::default();
    compare_nodes(&sdk_tree, &reference_tree, "", float32, &mut found)?;
    if found.identical() && sdk != reference {
        // Same members in the same order with the same scalars, yet other
        // bytes: whitespace, or escapes in member names.
        return Err(format!(
            "texts differ outside members and values:\n  SDK       {sdk}\n  reference {reference}"
        ));
    }
    Ok(found)
}

/// Whether JSON number text is in float notation.
fn float_notation(text: &str) -> bool {
    text.starts_with(['-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])
        && text.contains(['.', 'e', 'E'])
}

fn compare_nodes(
    sdk: &Node<'_>,
    reference: &Node<'_>,
    at: &str,
    float32: &Float32,
    found: &mut TextMatch,
) -> Result<(), String> {
    match (sdk, reference) {
        (Node::Object(a), Node::Object(b)) => {
            let a_keys: Vec<&String> = a.iter().map(|(k, _)| k).collect();
            let b_keys: Vec<&String> = b.iter().map(|(k, _)| k).collect();
            if a_keys != b_keys {
                let a_set: BTreeSet<&String> = a_keys.iter().copied().collect();
                let b_set: BTreeSet<&String> = b_keys.iter().copied().collect();
                if a_set != b_set || a_set.len() != a_keys.len() || b_set.len() != b_keys.len() {
                    return Err(format!(
                        "at {:?}: members differ: SDK {a_keys:?}, reference {b_keys:?}",
                        pointer(at)
                    ));
                }
                // Only an Any payload may come in another order: the SDK
                // keeps it as a JSON object and writes its members sorted.
                if b_keys.first().map(|k| k.as_str()) != Some("@type") {
                    return Err(format!(
                        "at {:?}: member order differs: SDK {a_keys:?}, reference {b_keys:?}",
                        pointer(at)
                    ));
                }
                found.order_differs = true;
            }
            for (key, b_value) in b {
                let Some((_, a_value)) = a.iter().find(|(k, _)| k == key) else {
                    return Err(format!("at {:?}: SDK lacks {key:?}", pointer(at)));
                };
                compare_nodes(
                    a_value,
                    b_value,
                    &format!("{at}/{}", token(key)),
                    float32,
                    found,
                )?;
            }
            Ok(())
        }
        (Node::Array(a), Node::Array(b)) => {
            if a.len() != b.len() {
                return Err(format!(
                    "at {:?}: SDK has {} elements, reference {}",
                    pointer(at),
                    a.len(),
                    b.len()
                ));
            }
            for (i, (a_item, b_item)) in a.iter().zip(b).enumerate() {
                compare_nodes(a_item, b_item, &format!("{at}/{i}"), float32, found)?;
            }
            Ok(())
        }
        (Node::Scalar(a), Node::Scalar(b)) if a == b => Ok(()),
        (Node::Scalar(a), Node::Scalar(b)) if float_notation(b) && is_number(a) => {
            let same = if float32.contains(at) {
                matches!((a.parse::<f32>(), b.parse::<f32>()), (Ok(x), Ok(y)) if x.to_bits() == y.to_bits())
            } else {
                matches!((a.parse::<f64>(), b.parse::<f64>()), (Ok(x), Ok(y)) if x.to_bits() == y.to_bits())
            };
            if same {
                found.floats_by_value += 1;
                Ok(())
            } else {
                Err(format!("at {:?}: SDK {a} but reference {b}", pointer(at)))
            }
        }
        (a, b) => Err(format!(
            "at {:?}: SDK {} but reference {}",
            pointer(at),
            show(a),
            show(b)
        )),
    }
}

/// Whether scalar text is a JSON number.
fn is_number(text: &str) -> bool {
    text.starts_with(['-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])
}

fn show(node: &Node<'_>) -> String {
    match node {
        Node::Object(_) => "an object".to_owned(),
        Node::Array(_) => "an array".to_owned(),
        Node::Scalar(text) => (*text).to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f32_at(pointers: &[&str]) -> Float32 {
        pointers.iter().map(|p| (*p).to_owned()).collect()
    }

    #[test]
    fn texts() {
        let none = Float32::new();
        assert!(
            same_text(r#"{"a":1,"b":"x"}"#, r#"{"a":1,"b":"x"}"#, &none)
                .is_ok_and(|m| m.identical())
        );
        assert!(same_text(r#"{"b":"x","a":1}"#, r#"{"a":1,"b":"x"}"#, &none).is_err());
        let any = r#"{"any":{"@type":"t","b":"x","a":1}}"#;
        let m = same_text(any, r#"{"any":{"@type":"t","a":1,"b":"x"}}"#, &none).unwrap();
        assert!(m.order_differs && m.floats_by_value == 0);
        let m = same_text(r#"{"d":1}"#, r#"{"d":1.0}"#, &none).unwrap();
        assert_eq!(m.floats_by_value, 1);
        assert!(same_text(r#"{"d":100000000000000000000}"#, r#"{"d":1e+20}"#, &none).is_ok());
        // Integers, strings, escapes and zero signs are compared as text.
        assert!(same_text(r#"{"i":1}"#, r#"{"i":1.5}"#, &none).is_err());
        assert!(same_text(r#"{"i":"1"}"#, r#"{"i":1}"#, &none).is_err());
        assert!(same_text(r#"{"s":"\u00e9"}"#, r#"{"s":"é"}"#, &none).is_err());
        assert!(same_text(r#"{"d":0.0}"#, r#"{"d":-0.0}"#, &none).is_err());
        assert!(same_text(r#"{"a":1,"a":1}"#, r#"{"a":1}"#, &none).is_err());
        assert!(same_text(r#"{"a":1}"#, r#"{"a":1,"b":2}"#, &none).is_err());
        assert!(same_text(r#"{"a":[1]}"#, r#"{"a":[1,2]}"#, &none).is_err());
        assert!(same_text(r#"{"a": 1}"#, r#"{"a":1}"#, &none).is_err());
        // f32 values compare after rounding to f32.
        assert!(same_text(r#"{"f":1e-45}"#, r#"{"f":1.4013e-45}"#, &f32_at(&["/f"])).is_ok());
        assert!(same_text(r#"{"f":1e-45}"#, r#"{"f":1.4013e-45}"#, &none).is_err());
        assert!(
            same_text(
                r#"{"a/b":{"f":0.1}}"#,
                r#"{"a/b":{"f":0.10000000149}}"#,
                &f32_at(&["/a~1b/f"])
            )
            .is_ok()
        );
    }

    #[test]
    fn values() {
        let none = Float32::new();
        let v = |s: &str| serde_json::from_str::<Value>(s).unwrap();
        assert!(
            same_value(
                &v(r#"{"a":1,"b":[true]}"#),
                &v(r#"{"b":[true],"a":1.0}"#),
                &none
            )
            .is_ok()
        );
        assert!(same_value(&v(r#"{"a":0.0}"#), &v(r#"{"a":-0.0}"#), &none).is_err());
        assert!(
            same_value(
                &v(r#"{"a":9007199254740993}"#),
                &v(r#"{"a":9007199254740992}"#),
                &none
            )
            .is_err()
        );
        assert!(same_value(&v(r#"{"a":"1"}"#), &v(r#"{"a":1}"#), &none).is_err());
        assert!(same_value(&v(r#"{"a":1}"#), &v(r#"{"a":1,"b":null}"#), &none).is_err());
        assert!(
            same_value(
                &v(r#"[0.1]"#),
                &v(r#"[0.10000000149011612]"#),
                &f32_at(&["/0"])
            )
            .is_ok()
        );
        assert!(same_value(&v(r#"[0.1]"#), &v(r#"[0.10000000149011612]"#), &none).is_err());
    }
}
