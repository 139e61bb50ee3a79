//! Loading an OpenAPI document (YAML or JSON) into an ordered JSON tree, and
//! walking that tree with a JSON pointer so every error can name its place.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::{Error, Result};

/// A JSON value whose objects keep their keys in document order (schema
/// properties are fields "in declaration order").
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// `null` (also an empty YAML value).
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number without a fraction.
    Integer(i128),
    /// A number with a fraction or exponent.
    Float(f64),
    /// Text.
    String(String),
    /// A list.
    Array(Vec<Json>),
    /// Keys in document order; duplicates are rejected while loading.
    Object(Vec<(String, Json)>),
}

impl Json {
    /// The value under `key`, when `self` is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The value as text, when it is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// What kind of value this is, for error messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Integer(_) | Json::Float(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "a list",
            Json::Object(_) => "a mapping",
        }
    }
}

impl fmt::Display for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Json::Null => f.write_str("null"),
            Json::Bool(b) => write!(f, "{b}"),
            Json::Integer(i) => write!(f, "{i}"),
            Json::Float(x) => write!(f, "{x}"),
            Json::String(s) => write!(f, "{s:?}"),
            Json::Array(_) => f.write_str("[...]"),
            Json::Object(_) => f.write_str("{...}"),
        }
    }
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Json, D::Error> {
        d.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> std::result::Result<Json, E> {
        Ok(Json::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> std::result::Result<Json, E> {
        Ok(Json::Integer(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> std::result::Result<Json, E> {
        Ok(Json::Integer(v.into()))
    }

    fn visit_i128<E>(self, v: i128) -> std::result::Result<Json, E> {
        Ok(Json::Integer(v))
    }

    fn visit_f64<E>(self, v: f64) -> std::result::Result<Json, E> {
        Ok(Json::Float(v))
    }

    fn visit_str<E>(self, v: &str) -> std::result::Result<Json, E> {
        Ok(Json::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> std::result::Result<Json, E> {
        Ok(Json::String(v))
    }

    fn visit_none<E>(self) -> std::result::Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_unit<E>(self) -> std::result::Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Json, D::Error> {
        Json::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Json, A::Error> {
        let mut entries: Vec<(String, Json)> = Vec::new();
        while let Some(Key(key)) = map.next_key()? {
            if entries.iter().any(|(k, _)| *k == key) {
                return Err(de::Error::custom(format!("duplicate key `{key}`")));
            }
            let value = map.next_value()?;
            entries.push((key, value));
        }
        Ok(Json::Object(entries))
    }
}

/// A mapping key: YAML allows numbers and booleans (`200:`), read as text.
struct Key(String);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Key, D::Error> {
        d.deserialize_any(KeyVisitor)
    }
}

struct KeyVisitor;

impl Visitor<'_> for KeyVisitor {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string, number or boolean key")
    }

    fn visit_str<E>(self, v: &str) -> std::result::Result<Key, E> {
        Ok(Key(v.to_string()))
    }

    fn visit_bool<E>(self, v: bool) -> std::result::Result<Key, E> {
        Ok(Key(v.to_string()))
    }

    fn visit_i64<E>(self, v: i64) -> std::result::Result<Key, E> {
        Ok(Key(v.to_string()))
    }

    fn visit_u64<E>(self, v: u64) -> std::result::Result<Key, E> {
        Ok(Key(v.to_string()))
    }

    fn visit_f64<E>(self, v: f64) -> std::result::Result<Key, E> {
        Ok(Key(v.to_string()))
    }

    fn visit_unit<E>(self) -> std::result::Result<Key, E> {
        Ok(Key("null".to_string()))
    }
}

/// Which syntax a document is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// YAML (which also reads most JSON).
    Yaml,
    /// JSON, with JSON's error messages.
    Json,
}

/// Parses `text` (named `file` in errors) into a tree. Syntax errors are
/// located as `file:line:column`.
pub fn parse(file: &str, text: &str, syntax: Syntax) -> Result<Json> {
    if text.trim().is_empty() {
        return Err(Error::new(file, "the document is empty"));
    }
    let parsed = match syntax {
        Syntax::Json => serde_json::from_str::<Json>(text).map_err(|e| {
            Error::new(
                format!("{file}:{}:{}", e.line(), e.column()),
                format!("invalid JSON: {e}"),
            )
        }),
        Syntax::Yaml => serde_yaml::from_str::<Json>(text).map_err(|e| match e.location() {
            Some(l) => Error::new(
                format!("{file}:{}:{}", l.line(), l.column()),
                format!("invalid YAML: {e}"),
            ),
            None => Error::new(file, format!("invalid YAML: {e}")),
        }),
    }?;
    if parsed == Json::Null {
        return Err(Error::new(file, "the document is empty"));
    }
    Ok(parsed)
}

/// Escapes one JSON pointer segment (`/` -> `~1`, `~` -> `~0`).
pub fn escape_segment(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

/// A value in the document together with the JSON pointer that reaches it.
#[derive(Debug, Clone)]
pub struct Node<'a> {
    /// The file name shown in errors.
    pub file: &'a str,
    /// The document root, for resolving `$ref`s.
    pub root: &'a Json,
    /// The value at [`Node::pointer`].
    pub value: &'a Json,
    /// JSON pointer from the root, e.g. `/paths/~1pets/get`.
    pub pointer: String,
}

impl<'a> Node<'a> {
    /// The root node of a document.
    pub fn root(file: &'a str, root: &'a Json) -> Node<'a> {
        Node {
            file,
            root,
            value: root,
            pointer: String::new(),
        }
    }

    /// `file#/json/pointer`.
    pub fn location(&self) -> String {
        format!("{}#{}", self.file, self.pointer)
    }

    /// An error about this node.
    pub fn error(&self, message: impl Into<String>) -> Error {
        Error::new(self.location(), message)
    }

    /// A node elsewhere in the same document.
    pub fn at(&self, value: &'a Json, pointer: String) -> Node<'a> {
        Node {
            file: self.file,
            root: self.root,
            value,
            pointer,
        }
    }

    /// The child under `key`, when this is an object that has it.
    pub fn get(&self, key: &str) -> Option<Node<'a>> {
        let v = self.value.get(key)?;
        Some(self.at(v, format!("{}/{}", self.pointer, escape_segment(key))))
    }

    /// The entries of this node, which must be a mapping.
    pub fn entries(&self) -> Result<Vec<(&'a str, Node<'a>)>> {
        match self.value {
            Json::Object(entries) => Ok(entries
                .iter()
                .map(|(k, v)| {
                    (
                        k.as_str(),
                        self.at(v, format!("{}/{}", self.pointer, escape_segment(k))),
                    )
                })
                .collect()),
            other => Err(self.error(format!("expected a mapping, found {}", other.kind()))),
        }
    }

    /// The items of this node, which must be a list.
    pub fn items(&self) -> Result<Vec<Node<'a>>> {
        match self.value {
            Json::Array(items) => Ok(items
                .iter()
                .enumerate()
                .map(|(i, v)| self.at(v, format!("{}/{i}", self.pointer)))
                .collect()),
            other => Err(self.error(format!("expected a list, found {}", other.kind()))),
        }
    }

    /// `true` when this node is a mapping.
    pub fn is_object(&self) -> bool {
        matches!(self.value, Json::Object(_))
    }

    /// The string under `key`; an error when present but not a string.
    pub fn str_at(&self, key: &str) -> Result<Option<&'a str>> {
        match self.get(key) {
            None => Ok(None),
            Some(n) => match n.value {
                Json::String(s) => Ok(Some(s)),
                other => Err(n.error(format!("expected a string, found {}", other.kind()))),
            },
        }
    }

    /// The boolean under `key`; an error when present but not a boolean.
    pub fn bool_at(&self, key: &str) -> Result<Option<bool>> {
        match self.get(key) {
            None => Ok(None),
            Some(n) => match n.value {
                Json::Bool(b) => Ok(Some(*b)),
                other => Err(n.error(format!("expected true or false, found {}", other.kind()))),
            },
        }
    }

    /// The mapping under `key`; an error when present but not a mapping.
    pub fn object_at(&self, key: &str) -> Result<Option<Node<'a>>> {
        match self.get(key) {
            None => Ok(None),
            Some(n) if n.is_object() => Ok(Some(n)),
            Some(n) => Err(n.error(format!("expected a mapping, found {}", n.value.kind()))),
        }
    }

    /// The items of the list under `key`; an error when present but not a list.
    pub fn list_at(&self, key: &str) -> Result<Option<Vec<Node<'a>>>> {
        self.get(key).map(|n| n.items()).transpose()
    }

    /// `description`, else `summary`, else empty.
    pub fn doc(&self) -> Result<String> {
        let description = self.str_at("description")?.unwrap_or("");
        let text = if description.trim().is_empty() {
            self.str_at("summary")?.unwrap_or("")
        } else {
            description
        };
        Ok(dedent(text))
    }
}

/// Trims a description and removes the indentation its continuation lines
/// share (gnostic keeps the space after a proto comment's `//`).
pub fn dedent(text: &str) -> String {
    let text = text.trim();
    let mut lines = text.lines();
    let first = lines.next().unwrap_or("");
    let rest: Vec<&str> = lines.collect();
    let indent = rest
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    let mut out = first.trim_end().to_string();
    for line in rest {
        out.push('\n');
        out.push_str(line.get(indent..).unwrap_or("").trim_end());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_key_order_and_reads_number_keys() {
        let doc = parse("t.yaml", "b: 1\na: 2\n200: x\n", Syntax::Yaml).unwrap();
        let Json::Object(entries) = doc else {
            panic!("not an object")
        };
        let keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["b", "a", "200"]);
    }

    #[test]
    fn duplicate_keys_and_syntax_errors_are_located() {
        let e = parse("t.yaml", "a: 1\na: 2\n", Syntax::Yaml).unwrap_err();
        assert!(e.location.starts_with("t.yaml:"), "{e}");
        assert!(e.message.contains("duplicate key"), "{e}");
        let e = parse("t.json", "{\"a\": [1,\n", Syntax::Json).unwrap_err();
        assert!(e.location.starts_with("t.json:"), "{e}");
        let e = parse("t.yaml", "# nothing\n", Syntax::Yaml).unwrap_err();
        assert_eq!(e.location, "t.yaml");
    }

    #[test]
    fn descriptions_are_dedented() {
        assert_eq!(dedent(" a\n  b\n\n  c "), "a\nb\n\nc");
        assert_eq!(dedent("a\n b\n   c"), "a\nb\n  c");
        assert_eq!(dedent(""), "");
    }

    #[test]
    fn pointers_escape_segments() {
        let doc = parse(
            "t.json",
            r#"{"paths": {"/a/{b}": {"get": {}}}}"#,
            Syntax::Json,
        )
        .unwrap();
        let root = Node::root("t.json", &doc);
        let get = root
            .get("paths")
            .and_then(|p| p.get("/a/{b}"))
            .and_then(|p| p.get("get"))
            .unwrap();
        assert_eq!(get.location(), "t.json#/paths/~1a~1{b}/get");
    }
}
