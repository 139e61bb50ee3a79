//! The normalized description of an HTTP+JSON API: the one shape every
//! front-end (protos, OpenAPI) produces and every back-end consumes.
//!
//! It is what `schema/api.yaml` holds. Everything in it is resolved: HTTP
//! bindings name their request fields, types are referenced by name, and
//! lists are sorted so that the serialized form is deterministic and an API
//! change reads as a small diff.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A whole API.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Api {
    /// Human name, e.g. `Tesseral Backend API`.
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub doc: String,
    /// How values are written as JSON on the wire.
    pub wire: WireFormat,
    /// Base URLs the API is served from; the first is the default.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub servers: Vec<String>,
    /// How requests authenticate.
    #[serde(default, skip_serializing_if = "Auth::is_none")]
    pub auth: Auth,
    /// Sorted by name.
    pub operations: Vec<Operation>,
    /// Sorted by name.
    pub types: Vec<TypeDef>,
}

/// How an API's requests authenticate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Auth {
    /// No credentials (or none the description names).
    #[default]
    None,
    /// An API key sent as `Authorization: Bearer <key>`.
    Bearer,
}

impl Auth {
    pub fn is_none(&self) -> bool {
        *self == Auth::None
    }
}

/// The JSON dialect of the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WireFormat {
    /// Canonical proto3 JSON: int64 as strings, enums by name, defaults omitted.
    Protojson,
    /// Plain JSON as described by a JSON Schema (OpenAPI).
    Json,
}

/// One HTTP operation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Operation {
    /// Source name in UpperCamelCase, e.g. `GetOrganization`.
    pub name: String,
    /// Resource group the operation belongs to, in snake_case, e.g. `organizations`.
    pub group: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub doc: String,
    pub method: HttpMethod,
    /// Path template with `{field}` placeholders, e.g. `/v1/organizations/{id}`.
    pub path: String,
    /// Name of the request message type.
    pub request: String,
    /// Name of the success response type; `None` when the response has no body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<String>,
    /// Request fields sent outside the body, in path-template order then field order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<Param>,
    /// What the request body holds; `None` sends no body at all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Body>,
    /// Set for list operations that page with a token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagination: Option<Pagination>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum HttpMethod {
    Get,
    Put,
    Post,
    Delete,
    Patch,
}

impl HttpMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Put => "PUT",
            HttpMethod::Post => "POST",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Patch => "PATCH",
        }
    }
}

/// A request field bound to a part of the HTTP request other than the body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Param {
    /// Name on the wire: the `{placeholder}` for path params, the key for
    /// query params (`pageToken`, `parent.child`), the header name.
    pub name: String,
    #[serde(rename = "in")]
    pub location: ParamLocation,
    /// Field names (source names) from the request message down to the value;
    /// more than one element for nested query params such as `parent.child`.
    pub field: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamLocation {
    Path,
    Query,
    Header,
}

/// What goes in the request body. Written as in `google.api.http`: `"*"` or
/// the name of the one field sent.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// `body: "*"`: the request message minus the fields bound to params.
    All,
    /// `body: "field"`: the value of that one request field.
    Field(String),
}

impl Serialize for Body {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Body::All => s.serialize_str("*"),
            Body::Field(f) => s.serialize_str(f),
        }
    }
}

impl<'de> Deserialize<'de> for Body {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Body, D::Error> {
        let s = String::deserialize(d)?;
        match s.as_str() {
            "*" => Ok(Body::All),
            "" => Err(serde::de::Error::custom(
                "body: expected `*` or a field name",
            )),
            _ => Ok(Body::Field(s)),
        }
    }
}

/// Token pagination: the request field carrying the token, the response field
/// carrying the next one, and the repeated response field holding the items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pagination {
    pub page_token: String,
    pub next_page_token: String,
    pub items: String,
}

/// A named type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TypeDef {
    Message(Message),
    Enum(Enum),
    Union(Union),
}

impl TypeDef {
    pub fn name(&self) -> &str {
        match self {
            TypeDef::Message(m) => &m.name,
            TypeDef::Enum(e) => &e.name,
            TypeDef::Union(u) => &u.name,
        }
    }

    pub fn doc(&self) -> &str {
        match self {
            TypeDef::Message(m) => &m.doc,
            TypeDef::Enum(e) => &e.doc,
            TypeDef::Union(u) => &u.doc,
        }
    }
}

/// An object with named fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Message {
    /// Unique type name, e.g. `Organization`; nested proto messages are
    /// `Outer.Inner`.
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub doc: String,
    /// In declaration order.
    #[serde(default)]
    pub fields: Vec<Field>,
    /// Real (not synthetic `optional`) oneofs, in declaration order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub oneofs: Vec<Oneof>,
    /// Type of properties not named by `fields` (OpenAPI `additionalProperties`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional: Option<Type>,
}

/// One field of a message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// Source name, e.g. `display_name`.
    pub name: String,
    /// Name on the wire, e.g. `displayName`.
    pub json_name: String,
    /// Proto field number, when the source has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    #[serde(rename = "type")]
    pub ty: Type,
    /// Explicit presence: absent differs from the default value.
    #[serde(default, skip_serializing_if = "is_false")]
    pub optional: bool,
    /// The oneof this field is a member of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oneof: Option<String>,
    /// The API declares the field required (OpenAPI `required`, proto
    /// `required` or `google.api.field_behavior = REQUIRED`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    /// Sent in requests, never returned (OpenAPI `writeOnly`, proto
    /// `google.api.field_behavior = INPUT_ONLY`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub input_only: bool,
    /// Set by the server, ignored in requests (OpenAPI `readOnly`, proto
    /// `google.api.field_behavior = OUTPUT_ONLY`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub output_only: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub deprecated: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub doc: String,
}

/// A oneof: at most one of its member fields is set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Oneof {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub doc: String,
}

/// An enumeration. Enums are open: values the API adds later must decode.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Enum {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub doc: String,
    /// In declaration order. May be empty when the source does not list them.
    #[serde(default)]
    pub values: Vec<EnumValue>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumValue {
    /// Name on the wire, e.g. `PRIMARY_AUTH_FACTOR_EMAIL`.
    pub name: String,
    /// Proto number, when the source has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<i32>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub doc: String,
}

/// A value that is exactly one of several types (OpenAPI `oneOf`/`anyOf`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Union {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub doc: String,
    pub variants: Vec<Variant>,
    /// Property whose value selects the variant; without one, variants are
    /// tried in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discriminator: Option<Discriminator>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    /// Variant name in UpperCamelCase.
    pub name: String,
    #[serde(rename = "type")]
    pub ty: Type,
    /// Discriminator values selecting this variant.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub doc: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Discriminator {
    pub property: String,
}

/// A field or value type. Written in `schema/` as a short string:
/// `string`, `int64`, `timestamp`, `list<Organization>`, `map<string, int32>`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Type {
    Bool,
    Int32,
    Int64,
    Uint32,
    Uint64,
    Float,
    Double,
    String,
    Bytes,
    /// `google.protobuf.Timestamp`: RFC 3339 text.
    Timestamp,
    /// `google.protobuf.Duration`: `"1.5s"`.
    Duration,
    /// `google.protobuf.FieldMask`: comma-joined lowerCamel paths.
    FieldMask,
    /// `google.protobuf.Struct`, or a free-form JSON object.
    Struct,
    /// `google.protobuf.Value`, or any JSON value.
    Value,
    /// `google.protobuf.ListValue`: a JSON array.
    ListValue,
    /// `google.protobuf.NullValue`: the enum whose only value is JSON `null`.
    NullValue,
    /// `google.protobuf.Any`: `{"@type": ..., ...}`.
    Any,
    /// `google.protobuf.Empty`: `{}`.
    Empty,
    /// A wrapper type such as `google.protobuf.StringValue`: nullable scalar.
    Wrapper(Box<Type>),
    /// A repeated value.
    List(Box<Type>),
    /// A map; keys are scalars (written as JSON object keys).
    Map(Box<Type>, Box<Type>),
    /// A [`TypeDef`] by name.
    Named(String),
}

impl Type {
    /// Every keyword of the grammar, so front-ends can keep type names apart.
    pub const KEYWORDS: &'static [&'static str] = &[
        "bool",
        "int32",
        "int64",
        "uint32",
        "uint64",
        "float",
        "double",
        "string",
        "bytes",
        "timestamp",
        "duration",
        "field_mask",
        "struct",
        "value",
        "list_value",
        "null_value",
        "any",
        "empty",
        "wrapper",
        "list",
        "map",
    ];

    pub fn named(name: impl Into<String>) -> Type {
        Type::Named(name.into())
    }

    /// A protobuf scalar: `bool`, the integer and float kinds, `string`, `bytes`.
    pub fn is_scalar(&self) -> bool {
        matches!(
            self,
            Type::Bool
                | Type::Int32
                | Type::Int64
                | Type::Uint32
                | Type::Uint64
                | Type::Float
                | Type::Double
                | Type::String
                | Type::Bytes
        )
    }

    /// A value with a one-line text form, fit for a path segment, a query
    /// value or a header: a scalar, or a well-known type written as a string.
    pub fn is_text_value(&self) -> bool {
        self.is_scalar() || matches!(self, Type::Timestamp | Type::Duration | Type::FieldMask)
    }

    /// The named type this type refers to, looking through lists, maps and wrappers.
    pub fn referenced_name(&self) -> Option<&str> {
        match self {
            Type::Named(n) => Some(n),
            Type::List(t) | Type::Wrapper(t) => t.referenced_name(),
            Type::Map(_, v) => v.referenced_name(),
            _ => None,
        }
    }

    fn keyword(&self) -> Option<&'static str> {
        Some(match self {
            Type::Bool => "bool",
            Type::Int32 => "int32",
            Type::Int64 => "int64",
            Type::Uint32 => "uint32",
            Type::Uint64 => "uint64",
            Type::Float => "float",
            Type::Double => "double",
            Type::String => "string",
            Type::Bytes => "bytes",
            Type::Timestamp => "timestamp",
            Type::Duration => "duration",
            Type::FieldMask => "field_mask",
            Type::Struct => "struct",
            Type::Value => "value",
            Type::ListValue => "list_value",
            Type::NullValue => "null_value",
            Type::Any => "any",
            Type::Empty => "empty",
            _ => return None,
        })
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Type::Wrapper(t) => write!(f, "wrapper<{t}>"),
            Type::List(t) => write!(f, "list<{t}>"),
            Type::Map(k, v) => write!(f, "map<{k}, {v}>"),
            Type::Named(n) => f.write_str(n),
            other => f.write_str(other.keyword().unwrap_or_default()),
        }
    }
}

/// Why a type string did not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeParseError(pub String);

impl fmt::Display for TypeParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TypeParseError {}

impl FromStr for Type {
    type Err = TypeParseError;

    fn from_str(s: &str) -> Result<Type, TypeParseError> {
        let mut p = TypeParser { src: s, pos: 0 };
        let t = p.parse()?;
        p.skip_ws();
        if p.pos != s.len() {
            return Err(p.error("unexpected text after the type"));
        }
        Ok(t)
    }
}

struct TypeParser<'a> {
    src: &'a str,
    pos: usize,
}

impl TypeParser<'_> {
    fn error(&self, what: &str) -> TypeParseError {
        TypeParseError(format!(
            "{what} at offset {} in type `{}`",
            self.pos, self.src
        ))
    }

    fn skip_ws(&mut self) {
        while self.src[self.pos..].starts_with(' ') {
            self.pos += 1;
        }
    }

    fn eat(&mut self, c: char) -> Result<(), TypeParseError> {
        self.skip_ws();
        if self.src[self.pos..].starts_with(c) {
            self.pos += c.len_utf8();
            Ok(())
        } else {
            Err(self.error(&format!("expected `{c}`")))
        }
    }

    fn parse(&mut self) -> Result<Type, TypeParseError> {
        self.skip_ws();
        let rest = &self.src[self.pos..];
        let len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.' || c == '-'))
            .unwrap_or(rest.len());
        if len == 0 {
            return Err(self.error("expected a type name"));
        }
        let word = &rest[..len];
        self.pos += len;
        Ok(match word {
            "bool" => Type::Bool,
            "int32" => Type::Int32,
            "int64" => Type::Int64,
            "uint32" => Type::Uint32,
            "uint64" => Type::Uint64,
            "float" => Type::Float,
            "double" => Type::Double,
            "string" => Type::String,
            "bytes" => Type::Bytes,
            "timestamp" => Type::Timestamp,
            "duration" => Type::Duration,
            "field_mask" => Type::FieldMask,
            "struct" => Type::Struct,
            "value" => Type::Value,
            "list_value" => Type::ListValue,
            "null_value" => Type::NullValue,
            "any" => Type::Any,
            "empty" => Type::Empty,
            "wrapper" | "list" => {
                self.eat('<')?;
                let inner = Box::new(self.parse()?);
                self.eat('>')?;
                if word == "list" {
                    Type::List(inner)
                } else {
                    Type::Wrapper(inner)
                }
            }
            "map" => {
                self.eat('<')?;
                let k = self.parse()?;
                self.eat(',')?;
                let v = self.parse()?;
                self.eat('>')?;
                Type::Map(Box::new(k), Box::new(v))
            }
            name => Type::Named(name.to_string()),
        })
    }
}

impl Serialize for Type {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Type {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Type, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Api {
    /// Looks a type up by name.
    pub fn type_def(&self, name: &str) -> Option<&TypeDef> {
        self.types
            .binary_search_by(|t| t.name().cmp(name))
            .ok()
            .map(|i| &self.types[i])
            .or_else(|| self.types.iter().find(|t| t.name() == name))
    }

    /// Looks a message up by name.
    pub fn message(&self, name: &str) -> Option<&Message> {
        match self.type_def(name)? {
            TypeDef::Message(m) => Some(m),
            _ => None,
        }
    }

    /// Puts operations and types in their canonical (sorted) order.
    pub fn sort(&mut self) {
        self.operations.sort_by(|a, b| a.name.cmp(&b.name));
        self.types.sort_by(|a, b| a.name().cmp(b.name()));
    }
}

impl Message {
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_strings_round_trip() {
        for s in [
            "string",
            "list<Organization>",
            "map<string, list<int64>>",
            "wrapper<bool>",
            "null_value",
            "list<null_value>",
            "Outer.Inner",
            "map<int32, Outer.Inner>",
        ] {
            let t: Type = s.parse().unwrap();
            assert_eq!(t.to_string(), s);
        }
    }

    #[test]
    fn bad_type_strings_are_errors() {
        for s in ["", "list<", "map<string>", "list<int32> x", "<>"] {
            assert!(s.parse::<Type>().is_err(), "{s:?} parsed");
        }
    }
}
