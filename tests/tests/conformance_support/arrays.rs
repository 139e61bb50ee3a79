//! Messages are JSON objects: serde's derived `Deserialize` also reads a
//! struct from an array, by position (`{"user": ["u1", "o1"]}` as a User
//! with that ID and Organization ID, `{"user": []}` as an empty User), which
//! protojson (Go's, the server's) refuses. Every generated message type must
//! refuse an array wherever a message is read: at the top level (a response
//! body), as a field, a list element and a map value.

use std::collections::BTreeMap;

use rest_sdk_runtime::json::{self, Codec};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::check::decode;
use super::vectors::TypeFile;

/// A message of type `T` in every place a message can be.
#[derive(Deserialize)]
#[serde(bound = "T: Codec", default)]
struct Holder<T> {
    #[serde(with = "json")]
    one: Option<T>,
    #[serde(with = "json")]
    many: Vec<T>,
    #[serde(rename = "byKey", with = "json")]
    by_key: BTreeMap<String, T>,
}

impl<T> Default for Holder<T> {
    fn default() -> Self {
        Holder {
            one: None,
            many: Vec::new(),
            by_key: BTreeMap::new(),
        }
    }
}

impl<T: Codec> Codec for Holder<T> {
    fn encode<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        unreachable!("only decoded")
    }

    fn decode<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Holder::deserialize(d)
    }

    fn is_default(&self) -> bool {
        false
    }
}

/// What the refusal must say.
const EXPECTED: &str = "expected a JSON object (message ";

/// The members of a JSON object text, in order, as an array text: the
/// positional form serde's derive reads.
fn positional(object: &str) -> Option<String> {
    let members: Vec<(String, &RawValue)> = ordered_members(object)?;
    if members.is_empty() {
        return None;
    }
    let values: Vec<&str> = members.iter().map(|(_, raw)| raw.get()).collect();
    Some(format!("[{}]", values.join(",")))
}

fn ordered_members(object: &str) -> Option<Vec<(String, &RawValue)>> {
    struct Members<'a>(Vec<(String, &'a RawValue)>);
    impl<'de> Deserialize<'de> for Members<'de> {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> serde::de::Visitor<'de> for V {
                type Value = Members<'de>;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("a JSON object")
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(
                    self,
                    mut map: A,
                ) -> Result<Members<'de>, A::Error> {
                    let mut out = Vec::new();
                    while let Some(entry) = map.next_entry()? {
                        out.push(entry);
                    }
                    Ok(Members(out))
                }
            }
            d.deserialize_map(V)
        }
    }
    serde_json::from_str::<Members<'_>>(object)
        .ok()
        .map(|m| m.0)
}

/// Feeds array forms of `T` to its decoders; returns how many were refused
/// as they must be, or the first that was not.
///
/// The arrays: `[]` (which serde's derive reads as an empty message: every
/// generated message has `#[serde(default)]`), and the members of each
/// canonical vector re-encoded by the SDK (declaration order: the position
/// serde's derive reads them in).
pub fn refuses_arrays<T: Codec + Serialize>(file: &TypeFile) -> Result<usize, String> {
    let mut arrays = vec!["[]".to_owned()];
    for record in &file.canonical {
        let value: T = decode(&record.text).map_err(|e| format!("{}: {e}", record.name))?;
        let text = serde_json::to_string(&value).map_err(|e| e.to_string())?;
        arrays.extend(positional(&text));
    }
    let mut refused = 0;
    for array in &arrays {
        let placed = [
            array.clone(),
            format!(r#"{{"one":{array}}}"#),
            format!(r#"{{"many":[{array}]}}"#),
            format!(r#"{{"byKey":{{"k":{array}}}}}"#),
        ];
        for (i, input) in placed.iter().enumerate() {
            let outcome = if i == 0 {
                decode::<T>(input).map(drop)
            } else {
                decode::<Holder<T>>(input).map(drop)
            };
            match outcome {
                Err(error) if error.message.contains(EXPECTED) => refused += 1,
                Err(error) => {
                    return Err(format!(
                        "{input}: refused, but the error does not say a JSON object was expected: {error}"
                    ));
                }
                Ok(()) => return Err(format!("{input}: an array was read as a message")),
            }
        }
    }
    Ok(refused)
}
