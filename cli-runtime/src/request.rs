//! The request message from the command line: `--body` (protojson, from a
//! file or stdin) first, then every flag and positional argument set at its
//! field's JSON path; the result is read as the SDK's request type, so the
//! SDK checks it, and a member it does not know is an error instead of
//! being dropped.

use std::io::Read;

use clap::ArgMatches;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::app::{Arg, Shape};
use crate::failure::Failure;
use crate::values::Parsed;

/// The id of the `--body` argument.
pub(crate) const BODY: &str = "body";

/// The request's JSON: `--body`, then the arguments over it.
pub(crate) fn json(
    args: &[Arg],
    matches: &ArgMatches,
    stdin: &mut dyn Read,
) -> Result<Value, Failure> {
    let mut root = match matches.try_get_one::<String>(BODY).ok().flatten() {
        Some(source) => body(source, stdin)?,
        None => Value::Object(Map::new()),
    };
    for arg in args {
        let Some(values) = matches.get_many::<Parsed>(arg.name) else {
            continue;
        };
        let values: Vec<&Parsed> = values.collect();
        let value = match arg.shape {
            Shape::Single => match values.last() {
                Some(last) => last.value.clone(),
                None => continue,
            },
            Shape::List => Value::Array(values.iter().map(|p| p.value.clone()).collect()),
            Shape::Map => Value::Object(
                values
                    .iter()
                    .map(|p| (p.key.clone().unwrap_or_default(), p.value.clone()))
                    .collect(),
            ),
        };
        set(&mut root, arg.path, value);
    }
    Ok(root)
}

/// Reads `--body FILE` (`-`: stdin): a JSON object.
fn body(source: &str, stdin: &mut dyn Read) -> Result<Value, Failure> {
    let shown = if source == "-" { "stdin" } else { source };
    let mut text = String::new();
    let read = if source == "-" {
        stdin.read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(source).map(|t| text = t)
    };
    read.map_err(|e| Failure::usage(format!("--body {shown}: cannot read: {e}")))?;
    match serde_json::from_str(&text) {
        Ok(Value::Object(members)) => Ok(Value::Object(members)),
        Ok(_) => Err(Failure::usage(format!(
            "--body {shown}: the request must be a JSON object"
        ))),
        Err(e) => Err(Failure::usage(format!("--body {shown}: not JSON: {e}"))),
    }
}

/// Sets the member at `path`, making the objects on the way (replacing
/// anything else there).
fn set(root: &mut Value, path: &[&str], value: Value) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut at = root;
    for name in parents {
        let object = object(at);
        at = object
            .entry(*name)
            .or_insert_with(|| Value::Object(Map::new()));
    }
    object(at).insert((*last).to_owned(), value);
}

/// `value` as an object, replacing it by `{}` if it is not one.
fn object(value: &mut Value) -> &mut Map<String, Value> {
    if !value.is_object() {
        *value = Value::Object(Map::new());
    }
    match value {
        Value::Object(members) => members,
        _ => unreachable!("made an object above"),
    }
}

/// Reads the request's JSON as the SDK's request type: a wrong value names
/// its path, and so does a member the type does not have.
pub(crate) fn decode<Req: DeserializeOwned>(json: &Value) -> Result<Req, Failure> {
    let mut unknown = Vec::new();
    let decoded = {
        // `?` stands for an `Option`'s content: not a member.
        let mut note = |path: serde_ignored::Path| {
            let members: Vec<String> = path
                .to_string()
                .split('.')
                .filter(|s| *s != "?")
                .map(str::to_owned)
                .collect();
            unknown.push(members.join("."));
        };
        let ignoring = serde_ignored::Deserializer::new(json, &mut note);
        serde_path_to_error::deserialize::<_, Req>(ignoring)
    };
    let request = decoded.map_err(|e| {
        let path = e.path().to_string();
        if path == "." {
            Failure::usage(format!("the request: {}", e.inner()))
        } else {
            Failure::usage(format!("the request, at `{path}`: {}", e.inner()))
        }
    })?;
    if let Some(path) = unknown.first() {
        return Err(Failure::usage(format!(
            "the request has no field `{path}` (members are the JSON names of the fields)"
        )));
    }
    Ok(request)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn set_makes_the_path() {
        let mut root = json!({"organization": {"displayName": "A"}, "id": "x"});
        set(
            &mut root,
            &["organization", "logInWithGoogle"],
            json!(false),
        );
        set(&mut root, &["id"], json!("org_1"));
        set(&mut root, &["note", "ref", "id"], json!("n"));
        assert_eq!(
            root,
            json!({
                "organization": {"displayName": "A", "logInWithGoogle": false},
                "id": "org_1",
                "note": {"ref": {"id": "n"}}
            })
        );
        let mut root = json!({"organization": null});
        set(&mut root, &["organization", "id"], json!("o"));
        assert_eq!(root, json!({"organization": {"id": "o"}}));
    }

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code, reason = "only read by Debug")]
    struct Inner {
        flag: bool,
    }

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code, reason = "only read by Debug")]
    struct Request {
        #[serde(default)]
        id: String,
        inner: Option<Inner>,
    }

    #[test]
    fn decode_names_bad_and_unknown_members() {
        assert!(decode::<Request>(&json!({"id": "a", "inner": {"flag": true}})).is_ok());
        let bad = decode::<Request>(&json!({"inner": {"flag": "yes"}})).unwrap_err();
        assert!(bad.message.contains("at `inner.flag`"), "{bad}");
        let unknown = decode::<Request>(&json!({"inner": {"flag": true, "flagg": 1}})).unwrap_err();
        assert!(
            unknown.message.contains("no field `inner.flagg`"),
            "{unknown}"
        );
    }
}
