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
    /// Operations of the description left out of the SDK because it cannot
    /// call them (imported with `skip_unsupported`), in document order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<Skipped>,
}

/// An operation left out of the SDK, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    /// The operation as the description names it (`GET /files/{id}`, with
    /// its `operationId` when it has one).
    pub operation: String,
    /// The located error that left it out.
    pub reason: String,
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
    /// Path template, e.g. `/v1/organizations/{id}`.
    pub path: PathTemplate,
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

/// A path template: literal text and `{variable}`s, written as today's
/// string (`/v1/organizations/{id}`, `/v1/{name=projects/*}/keys:revoke`).
/// A variable's name is the path parameter it is filled from ([`Param::name`]):
/// a dotted request field path from protos, a parameter name from OpenAPI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathTemplate {
    pub segments: Vec<PathSegment>,
}

/// A piece of a [`PathTemplate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment {
    /// Text sent as written (never empty, holds no `{` or `}`).
    Literal(String),
    /// `{name}` or `{name=pattern}`.
    Var(PathVar),
}

/// A `{name}` or `{name=pattern}` variable of a [`PathTemplate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathVar {
    /// Never empty.
    pub name: String,
    /// What the value looks like (`projects/*`, `files/**`): `*` is one
    /// segment, `**` any number of them; the value is checked against it
    /// and sent with its `/` kept. `None` is one segment (`/` escaped).
    pub pattern: Option<String>,
}

impl PathVar {
    /// The name as a dotted field path (`book.id` -> `book`, `id`).
    pub fn field_path(&self) -> Vec<&str> {
        self.name.split('.').collect()
    }
}

impl PathTemplate {
    /// The variables, in order.
    pub fn vars(&self) -> impl Iterator<Item = &PathVar> {
        self.segments.iter().filter_map(|s| match s {
            PathSegment::Var(v) => Some(v),
            PathSegment::Literal(_) => None,
        })
    }

    /// The template with every variable renamed by `rename` (patterns kept).
    pub fn rename_vars(&mut self, mut rename: impl FnMut(&str) -> Option<String>) {
        for s in &mut self.segments {
            if let PathSegment::Var(v) = s {
                if let Some(name) = rename(&v.name) {
                    v.name = name;
                }
            }
        }
    }

    /// The text with every variable written `{}`: two templates that send
    /// the same requests have the same shape.
    pub fn shape(&self) -> String {
        self.segments
            .iter()
            .map(|s| match s {
                PathSegment::Literal(text) => text.as_str(),
                PathSegment::Var(_) => "{}",
            })
            .collect()
    }
}

impl fmt::Display for PathTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for s in &self.segments {
            match s {
                PathSegment::Literal(text) => f.write_str(text)?,
                PathSegment::Var(PathVar {
                    name,
                    pattern: None,
                }) => write!(f, "{{{name}}}")?,
                PathSegment::Var(PathVar {
                    name,
                    pattern: Some(p),
                }) => write!(f, "{{{name}={p}}}")?,
            }
        }
        Ok(())
    }
}

/// Compares with the written form (`op.path == "/v1/organizations/{id}"`).
impl<T: AsRef<str> + ?Sized> PartialEq<T> for PathTemplate {
    fn eq(&self, other: &T) -> bool {
        other
            .as_ref()
            .parse::<PathTemplate>()
            .is_ok_and(|t| t.segments == self.segments)
    }
}

/// Why a path template did not parse; the message quotes the template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathTemplateError(pub String);

impl fmt::Display for PathTemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PathTemplateError {}

impl FromStr for PathTemplate {
    type Err = PathTemplateError;

    /// Starts with `/`; braces balanced and not nested; a variable has a
    /// name, and a pattern when it has `=`.
    fn from_str(template: &str) -> Result<PathTemplate, PathTemplateError> {
        let error = |what: String| PathTemplateError(format!("path template `{template}` {what}"));
        if template.is_empty() {
            return Err(PathTemplateError("empty path template".to_string()));
        }
        if !template.starts_with('/') {
            return Err(error("does not start with `/`".to_string()));
        }
        let mut segments = Vec::new();
        let literal = |text: &str, segments: &mut Vec<PathSegment>| {
            if text.contains('}') {
                return Err(error("has an unmatched `}`".to_string()));
            }
            if !text.is_empty() {
                segments.push(PathSegment::Literal(text.to_string()));
            }
            Ok(())
        };
        let mut rest = template;
        while let Some((before, after)) = rest.split_once('{') {
            literal(before, &mut segments)?;
            let Some((inner, after)) = after.split_once('}') else {
                return Err(error("has an unmatched `{`".to_string()));
            };
            if inner.contains('{') {
                return Err(error("nests `{`".to_string()));
            }
            let (name, pattern) = match inner.split_once('=') {
                Some((name, pattern)) => (name, Some(pattern.to_string())),
                None => (inner, None),
            };
            if name.is_empty() {
                return Err(error(format!(
                    "has a variable `{{{inner}}}` without a name"
                )));
            }
            if pattern.as_deref() == Some("") {
                return Err(error(format!("has an empty pattern in `{{{inner}}}`")));
            }
            segments.push(PathSegment::Var(PathVar {
                name: name.to_string(),
                pattern,
            }));
            rest = after;
        }
        literal(rest, &mut segments)?;
        Ok(PathTemplate { segments })
    }
}

impl Serialize for PathTemplate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PathTemplate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<PathTemplate, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
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
    /// One `name=value` pair of the `Cookie` header.
    Cookie,
}

impl ParamLocation {
    /// Whether a list can be sent there (the name repeated per item): in
    /// the query and headers, not in a path segment or a cookie.
    pub fn takes_lists(self) -> bool {
        matches!(self, ParamLocation::Query | ParamLocation::Header)
    }
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
    /// The types its members hold: a message's fields and additional
    /// properties, a union's variants; none for an enum.
    pub fn member_types(&self) -> Vec<&Type> {
        match self {
            TypeDef::Message(m) => m
                .fields
                .iter()
                .map(|f| &f.ty)
                .chain(m.additional.as_ref())
                .collect(),
            TypeDef::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
            TypeDef::Enum(_) => Vec::new(),
        }
    }

    /// [`TypeDef::member_types`], to change them.
    pub fn member_types_mut(&mut self) -> Vec<&mut Type> {
        match self {
            TypeDef::Message(m) => m
                .fields
                .iter_mut()
                .map(|f| &mut f.ty)
                .chain(m.additional.as_mut())
                .collect(),
            TypeDef::Union(u) => u.variants.iter_mut().map(|v| &mut v.ty).collect(),
            TypeDef::Enum(_) => Vec::new(),
        }
    }

    /// Its name, to change it.
    pub fn name_mut(&mut self) -> &mut String {
        match self {
            TypeDef::Message(m) => &mut m.name,
            TypeDef::Enum(e) => &mut e.name,
            TypeDef::Union(u) => &mut u.name,
        }
    }

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

/// The builtin types without parameters, by keyword: the one table that
/// the grammar's keywords, [`Type`]'s `Display` and its parser read.
const BUILTINS: &[(&str, Type)] = &[
    ("bool", Type::Bool),
    ("int32", Type::Int32),
    ("int64", Type::Int64),
    ("uint32", Type::Uint32),
    ("uint64", Type::Uint64),
    ("float", Type::Float),
    ("double", Type::Double),
    ("string", Type::String),
    ("bytes", Type::Bytes),
    ("timestamp", Type::Timestamp),
    ("duration", Type::Duration),
    ("field_mask", Type::FieldMask),
    ("struct", Type::Struct),
    ("value", Type::Value),
    ("list_value", Type::ListValue),
    ("null_value", Type::NullValue),
    ("any", Type::Any),
    ("empty", Type::Empty),
];

/// The keywords of the types with parameters.
const GENERICS: &[&str] = &["wrapper", "list", "map"];

impl Type {
    /// Whether `word` is a keyword of the grammar (`string`, `list`, ...):
    /// front-ends keep type names apart from them.
    pub fn is_keyword(word: &str) -> bool {
        GENERICS.contains(&word) || BUILTINS.iter().any(|(k, _)| *k == word)
    }

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

    /// Whether a value of this type can be sent as a path segment, a query
    /// parameter or a header: a value with a text form, an enum (`is_enum`
    /// says which names are), a wrapper of one, and with `list_ok` a list
    /// of those (a repeated query key or header).
    pub fn is_param_value(&self, list_ok: bool, is_enum: &dyn Fn(&str) -> bool) -> bool {
        match self {
            t if t.is_text_value() => true,
            Type::Named(n) => is_enum(n),
            Type::Wrapper(t) => t.is_param_value(list_ok, is_enum),
            Type::List(t) => list_ok && t.is_param_value(false, is_enum),
            _ => false,
        }
    }

    /// Calls `f` with this type and every type inside it (list items,
    /// wrapped values, map keys and values), outermost first.
    pub fn visit<'t>(&'t self, f: &mut impl FnMut(&'t Type)) {
        f(self);
        match self {
            Type::List(t) | Type::Wrapper(t) => t.visit(f),
            Type::Map(k, v) => {
                k.visit(f);
                v.visit(f);
            }
            _ => {}
        }
    }

    /// Calls `f` with every type name this type mentions.
    pub fn visit_named<'t>(&'t self, f: &mut impl FnMut(&'t str)) {
        self.visit(&mut |t| {
            if let Type::Named(n) = t {
                f(n);
            }
        });
    }

    /// Calls `f` with every type name this type mentions, to change it.
    pub fn visit_named_mut(&mut self, f: &mut impl FnMut(&mut String)) {
        match self {
            Type::Named(n) => f(n),
            Type::List(t) | Type::Wrapper(t) => t.visit_named_mut(f),
            Type::Map(k, v) => {
                k.visit_named_mut(f);
                v.visit_named_mut(f);
            }
            _ => {}
        }
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
        BUILTINS.iter().find(|(_, t)| t == self).map(|(k, _)| *k)
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
        if let Some((_, t)) = BUILTINS.iter().find(|(k, _)| *k == word) {
            return Ok(t.clone());
        }
        Ok(match word {
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
    fn path_templates_round_trip() {
        let t: PathTemplate = "/v1/{name=projects/*}/keys/{key.id}:revoke"
            .parse()
            .unwrap();
        assert_eq!(
            t.segments,
            [
                PathSegment::Literal("/v1/".into()),
                PathSegment::Var(PathVar {
                    name: "name".into(),
                    pattern: Some("projects/*".into())
                }),
                PathSegment::Literal("/keys/".into()),
                PathSegment::Var(PathVar {
                    name: "key.id".into(),
                    pattern: None
                }),
                PathSegment::Literal(":revoke".into()),
            ]
        );
        assert_eq!(t.vars().nth(1).unwrap().field_path(), ["key", "id"]);
        assert_eq!(t.shape(), "/v1/{}/keys/{}:revoke");
        for s in ["/", "/v1/organizations/{id}", "/v1/{a}{b}", "/{pet-id}"] {
            assert_eq!(s.parse::<PathTemplate>().unwrap().to_string(), s);
        }
    }

    #[test]
    fn bad_path_templates_are_errors() {
        for (t, msg) in [
            ("", "empty path template"),
            ("v1/x", "does not start with `/`"),
            ("/v1/{id", "unmatched `{`"),
            ("/v1/id}", "unmatched `}`"),
            ("/v1/{a{b}}", "nests `{`"),
            ("/v1/{}", "without a name"),
            ("/{=x}", "without a name"),
            ("/v1/{a=}", "empty pattern"),
        ] {
            let err = t.parse::<PathTemplate>().unwrap_err().to_string();
            assert!(err.contains(msg), "{t:?}: {err}");
            assert!(err.contains(&format!("`{t}`")) || t.is_empty(), "{err}");
        }
    }

    #[test]
    fn param_values() {
        let is_enum = |n: &str| n == "Color";
        let ok = |t: &str, list_ok| t.parse::<Type>().unwrap().is_param_value(list_ok, &is_enum);
        for t in ["string", "int64", "timestamp", "Color", "wrapper<bool>"] {
            assert!(ok(t, false) && ok(t, true), "{t}");
        }
        assert!(ok("list<Color>", true) && !ok("list<Color>", false));
        for t in [
            "Organization",
            "bytes2",
            "list<list<string>>",
            "map<string, string>",
            "struct",
        ] {
            assert!(!ok(t, true), "{t}");
        }
    }

    #[test]
    fn bad_type_strings_are_errors() {
        for s in ["", "list<", "map<string>", "list<int32> x", "<>"] {
            assert!(s.parse::<Type>().is_err(), "{s:?} parsed");
        }
    }
}
