//! Reading a union without a tag to go by: a JSON object is read as a
//! message variant only when it has that variant's shape, so that a value
//! never lands in a variant that would drop part of it.

use serde_json::Value;

use super::Codec;

/// `value` read as a message whose JSON names (and aliases) are `known`,
/// when it is an object with no other member and with every member of
/// `required`; `None` when it has another shape or does not decode.
pub fn read_message<T: Codec>(value: &Value, known: &[&str], required: &[&str]) -> Option<T> {
    let fits = object_has(value, required)
        && value
            .as_object()
            .is_some_and(|members| members.keys().all(|k| known.contains(&k.as_str())));
    fits.then(|| super::deserialize(value.clone()).ok())
        .flatten()
}

/// `value` read as a message that keeps unknown members (additional
/// properties), when it is an object with every member of `required`.
pub fn read_open_message<T: Codec>(value: &Value, required: &[&str]) -> Option<T> {
    object_has(value, required)
        .then(|| super::deserialize(value.clone()).ok())
        .flatten()
}

/// Whether `value` is an object with every member of `required`.
fn object_has(value: &Value, required: &[&str]) -> bool {
    value
        .as_object()
        .is_some_and(|members| required.iter().all(|r| members.contains_key(*r)))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::json;

    use super::{read_message, read_open_message};

    type Map = BTreeMap<String, String>;

    #[test]
    fn an_object_is_read_when_nothing_is_unknown_and_nothing_required_is_missing() {
        let known: &[&str] = &["fqn", "ref"];
        let read =
            |v: serde_json::Value, required: &[&str]| read_message::<Map>(&v, known, required);
        assert_eq!(read(json!({}), &[]), Some(Map::new()));
        assert!(read(json!({"fqn": "a"}), &["fqn"]).is_some());
        assert_eq!(read(json!({"key": "a"}), &[]), None);
        assert_eq!(read(json!({"ref": "a"}), &["fqn"]), None);
        assert_eq!(read(json!(["fqn"]), &[]), None);
        // The shape fits but the value does not decode.
        assert_eq!(read(json!({"fqn": 1}), &[]), None);
    }

    #[test]
    fn an_open_message_needs_only_its_required_members() {
        assert!(read_open_message::<Map>(&json!({"key": "1", "fqn": "2"}), &["fqn"]).is_some());
        assert_eq!(
            read_open_message::<Map>(&json!({"key": "1"}), &["fqn"]),
            None
        );
        assert_eq!(read_open_message::<Map>(&json!(null), &[]), None);
    }
}
