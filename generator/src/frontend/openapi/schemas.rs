//! JSON Schema (as OpenAPI 3.0/3.1 uses it) -> IR types.
//!
//! | schema | IR |
//! |---|---|
//! | `$ref: '#/components/schemas/X'` | the type of `X` (a name when `X` is a message, enum or union) |
//! | object with `properties` (even `properties: {}`) | message; `additionalProperties` -> `Message.additional` |
//! | object with only `additionalProperties: S` | `map<string, S>` |
//! | object with nothing (or `additionalProperties: true`) | `struct` |
//! | `{}` / `true` / several types / no type | `value` (a `const` without `type`: its type) |
//! | `allOf` | one member: that member; more: one merged message |
//! | `oneOf` / `anyOf` | one non-null member: that member; more: a union (tried in order, or by `discriminator`: a `mapping`, a member's `const` or one-value `enum`, its schema name) |
//! | properties beside `oneOf` / `anyOf` (also in `allOf` members), or `type: object` with one-property members | members that are each one property of their own: a oneof of the message (`choice`, `choice2`, ...); other members: a union of messages each holding the properties and one member's |
//! | string `enum` | enum; integer `enum`: the integer type |
//! | `type: integer, format: enum` (gnostic) | an enum with no values (open: decodes any name or number) |
//! | `nullable: true`, `type: [T, "null"]`, a `null` member | presence (`optional`) |
//! | `string` + `date-time` / `byte` / `bytes` | `timestamp` / `bytes` |
//! | `integer` + `int32`/`int64`/`uint32`/`uint64`, plain | that type / `int64` |
//! | `number` + `float`/`double`, plain | that type / `double` |
//!
//! In `protojson` mode strings with an integer or float `format` (gnostic's
//! `int64`) are those numbers, `format: duration` / `field-mask` the
//! well-known types, and gnostic's `GoogleProtobufAny`/`Value`/`Struct`/
//! `ListValue`/`Empty` schemas the well-known types.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use super::derived_names::{self as names, ClaimWarned};
use super::document::{Json, Node};
use super::refs;
use crate::Result;
use crate::ir::{
    Discriminator, Enum, EnumValue, Field, Message, Oneof, Type, TypeDef, Union, Variant,
    WireFormat,
};
use crate::naming::Namespace;

/// How a schema that becomes a named type gets its name.
#[derive(Debug, Clone)]
pub enum Naming {
    /// Already chosen and claimed (a component schema, a request message).
    Fixed(String),
    /// Where the schema appears; claimed (and de-duplicated) when needed.
    Hint(String),
}

impl Naming {
    fn hint(&self) -> &str {
        match self {
            Naming::Fixed(n) | Naming::Hint(n) => n,
        }
    }

    fn child(&self, suffix: &str) -> Naming {
        Naming::Hint(format!("{}{suffix}", self.hint()))
    }
}

/// A converted schema: its type and whether it admits `null`.
#[derive(Debug, Clone)]
pub struct Converted {
    /// The IR type.
    pub ty: Type,
    /// The schema admits `null`: the value has presence.
    pub nullable: bool,
}

/// What a schema is, before it is converted.
enum Kind<'a> {
    Ref(&'a str),
    /// A composition with exactly one member that matters.
    Single(Node<'a>),
    /// `allOf` with several members: one merged message.
    Merge(Vec<Node<'a>>),
    Union(Vec<Node<'a>>),
    StringEnum(Vec<(String, Node<'a>)>),
    OpenEnum,
    Object,
    Map(Node<'a>),
    Array(Option<Node<'a>>),
    /// A type of the grammar itself (a scalar, a well-known type).
    Builtin(Type),
}

impl Kind<'_> {
    /// Whether the schema becomes a named type definition.
    fn is_named(&self) -> bool {
        matches!(
            self,
            Kind::Merge(_) | Kind::Union(_) | Kind::StringEnum(_) | Kind::OpenEnum | Kind::Object
        )
    }
}

enum ComponentState {
    /// Not converted yet; the name when it becomes a named type.
    Pending(Option<String>),
    /// Being converted as an alias (not a named type): meeting it again is a
    /// cycle with no way out.
    InProgress,
    Done(Type),
}

/// The properties of an object schema (or of the members of an `allOf`).
#[derive(Default, Clone)]
struct ObjectParts<'a> {
    properties: Vec<(String, Node<'a>)>,
    required: BTreeSet<String>,
    additional: Option<Node<'a>>,
}

/// Converts schemas of one document, accumulating named types.
pub struct Converter<'a> {
    /// The document's wire format (decides field names and string formats).
    pub wire: WireFormat,
    /// Named types built so far, by name.
    pub types: BTreeMap<String, TypeDef>,
    /// Type names handed out.
    pub names: Namespace,
    /// Deterministic choices made on the way, for the user.
    pub warnings: Vec<String>,
    root: Node<'a>,
    components: BTreeMap<String, ComponentState>,
    component_order: Vec<String>,
    /// `#/components/schemas`, when the document has it.
    schemas: Option<Node<'a>>,
    by_pointer: BTreeMap<String, Type>,
    in_progress: BTreeSet<String>,
    /// Named types whose definitions are still to be built, in order. Bodies
    /// are built from this queue, never while resolving a reference, so a
    /// reference to a named type is always just its name.
    queue: VecDeque<(Node<'a>, String)>,
}

/// gnostic's schemas for well-known protobuf types.
fn well_known(key: &str) -> Option<Type> {
    Some(match key {
        "GoogleProtobufAny" => Type::Any,
        "GoogleProtobufValue" => Type::Value,
        "GoogleProtobufStruct" => Type::Struct,
        "GoogleProtobufListValue" => Type::ListValue,
        "GoogleProtobufEmpty" => Type::Empty,
        _ => return None,
    })
}

/// Keywords that give a schema a shape; a composition member without any of
/// them (only `description`, `nullable`, ...) does not count.
const STRUCTURAL: &[&str] = &[
    "$ref",
    "type",
    "properties",
    "additionalProperties",
    "items",
    "allOf",
    "oneOf",
    "anyOf",
    "enum",
    "format",
    "const",
];

fn is_structural(node: &Node) -> bool {
    match node.value {
        Json::Object(entries) => entries
            .iter()
            .any(|(k, _)| STRUCTURAL.contains(&k.as_str())),
        _ => true,
    }
}

fn is_null_schema(node: &Node) -> bool {
    let Json::Object(entries) = node.value else {
        return false;
    };
    let null_type = node.value.get("type").and_then(Json::as_str) == Some("null");
    let null_enum = matches!(node.value.get("enum"), Some(Json::Array(v)) if v.iter().all(|x| *x == Json::Null) && !v.is_empty());
    (null_type || null_enum)
        && entries
            .iter()
            .all(|(k, _)| !STRUCTURAL.contains(&k.as_str()) || k == "type" || k == "enum")
}

/// The `type` keyword: its non-null types, and whether it lists `null`.
fn types_of<'a>(node: &Node<'a>) -> Result<Option<(Vec<&'a str>, bool)>> {
    let Some(t) = node.get("type") else {
        return Ok(None);
    };
    let list: Vec<&'a str> = match t.value {
        Json::String(s) => vec![s.as_str()],
        Json::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| {
                v.as_str().ok_or_else(|| {
                    t.at(v, format!("{}/{i}", t.pointer))
                        .error(format!("expected a type name, found {}", v.kind()))
                })
            })
            .collect::<Result<_>>()?,
        other => {
            return Err(t.error(format!(
                "expected a type name or a list of them, found {}",
                other.kind()
            )));
        }
    };
    for ty in &list {
        if !matches!(
            *ty,
            "string" | "integer" | "number" | "boolean" | "array" | "object" | "null"
        ) {
            return Err(t.error(format!("unknown schema type `{ty}`")));
        }
    }
    let null = list.contains(&"null");
    Ok(Some((
        list.into_iter().filter(|t| *t != "null").collect(),
        null,
    )))
}

/// Whether a schema admits `null` (3.0 `nullable`, 3.1 type lists, `null` members).
fn nullable(node: &Node) -> Result<bool> {
    if !node.is_object() {
        return Ok(false);
    }
    if node.bool_at("nullable")? == Some(true) {
        return Ok(true);
    }
    if let Some((_, null)) = types_of(node)? {
        if null {
            return Ok(true);
        }
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(members) = node.list_at(key)? {
            if members.iter().any(is_null_schema) {
                return Ok(true);
            }
        }
    }
    if let Some(Json::Array(values)) = node.value.get("enum") {
        if values.contains(&Json::Null) {
            return Ok(true);
        }
    }
    Ok(false)
}

fn integer_type(format: Option<&str>) -> Type {
    match format {
        Some("int32" | "int16" | "int8") => Type::Int32,
        Some("uint32" | "uint16" | "uint8") => Type::Uint32,
        Some("uint64") => Type::Uint64,
        _ => Type::Int64,
    }
}

fn number_type(format: Option<&str>) -> Type {
    match format {
        Some("float") => Type::Float,
        Some(
            f @ ("int32" | "int16" | "int8" | "uint32" | "uint16" | "uint8" | "int64" | "uint64"),
        ) => integer_type(Some(f)),
        _ => Type::Double,
    }
}

fn string_type(format: Option<&str>, wire: WireFormat) -> Type {
    match (format, wire) {
        (Some("date-time"), _) => Type::Timestamp,
        (Some("byte" | "bytes"), _) => Type::Bytes,
        (Some(f @ ("int32" | "int64" | "uint32" | "uint64")), WireFormat::Protojson) => {
            integer_type(Some(f))
        }
        (Some("float"), WireFormat::Protojson) => Type::Float,
        (Some("double"), WireFormat::Protojson) => Type::Double,
        (Some("duration"), WireFormat::Protojson) => Type::Duration,
        (Some("field-mask"), WireFormat::Protojson) => Type::FieldMask,
        _ => Type::String,
    }
}

/// The variant name a non-named type gets in a union.
fn variant_word(ty: &Type) -> String {
    let word = match ty {
        Type::List(_) => "List".to_string(),
        Type::Map(..) => "Map".to_string(),
        Type::Wrapper(t) => return variant_word(t),
        Type::Named(n) => n.clone(),
        other => crate::naming::join_capitalized(&other.to_string()),
    };
    names::type_name(&word)
}

impl<'a> Converter<'a> {
    /// A converter for the document at `root`.
    pub fn new(root: Node<'a>, wire: WireFormat) -> Converter<'a> {
        Converter {
            wire,
            types: BTreeMap::new(),
            names: names::namespace(),
            warnings: Vec::new(),
            root,
            components: BTreeMap::new(),
            component_order: Vec::new(),
            schemas: None,
            by_pointer: BTreeMap::new(),
            in_progress: BTreeSet::new(),
            queue: VecDeque::new(),
        }
    }

    /// Claims names, in document order, for every component schema that
    /// becomes a named type. Schemas are converted when used; see
    /// [`Converter::convert_unused`] for the others.
    pub fn register_components(&mut self) -> Result<()> {
        let schemas = match self.root.object_at("components")? {
            Some(c) => c.object_at("schemas")?,
            None => None,
        };
        let Some(schemas) = schemas else {
            return Ok(());
        };
        for (key, node) in schemas.entries()? {
            if self.wire == WireFormat::Protojson && well_known(key).is_some() {
                continue;
            }
            // A schema that cannot be classified is reported where it is used.
            let named = classify(&node, self.wire).is_ok_and(|k| k.is_named());
            let name = if named {
                let place = node.location();
                Some(
                    self.names
                        .claim_warned(&names::type_name(key), &place, &mut self.warnings),
                )
            } else {
                None
            };
            self.components
                .insert(key.to_string(), ComponentState::Pending(name));
            self.component_order.push(key.to_string());
        }
        self.schemas = Some(schemas);
        Ok(())
    }

    /// Converts the component schemas no operation uses (they are dropped
    /// as unreachable); one that cannot be converted is a warning, not an
    /// error, as it does not affect the SDK.
    pub fn convert_unused(&mut self) {
        let Some(schemas) = self.schemas.clone() else {
            return;
        };
        for key in self.component_order.clone() {
            if matches!(self.components.get(&key), Some(ComponentState::Done(_))) {
                continue;
            }
            let result = self
                .component_type(&key, &schemas)
                .and_then(|_| self.drain());
            if let Err(e) = result {
                self.warnings.push(format!(
                    "{e} (in schema `{key}`, which no operation uses; ignored)"
                ));
                self.queue.clear();
                self.in_progress.clear();
                for state in self.components.values_mut() {
                    if matches!(state, ComponentState::InProgress) {
                        *state = ComponentState::Pending(None);
                    }
                }
                if let Some(ComponentState::Pending(_)) = self.components.get(&key) {
                    self.components
                        .insert(key.clone(), ComponentState::Done(Type::Value));
                }
            }
        }
    }

    /// The type of component schema `key`; `from` is the referring node.
    fn component_type(&mut self, key: &str, from: &Node<'a>) -> Result<Type> {
        if self.wire == WireFormat::Protojson {
            if let Some(t) = well_known(key) {
                return Ok(t);
            }
        }
        let state = self.components.get(key);
        match state {
            Some(ComponentState::Done(t)) => return Ok(t.clone()),
            Some(ComponentState::InProgress) => {
                return Err(from.error(format!(
                    "`$ref` cycle with no way out: schema `{key}` is needed to define itself \
                     (a chain of `$ref`s, lists or maps that loops without an object schema)"
                )));
            }
            None => {
                return Err(from.error(format!("schema `{key}` is not in `#/components/schemas`")));
            }
            Some(ComponentState::Pending(_)) => {}
        }
        let node = self
            .schemas
            .as_ref()
            .and_then(|s| s.get(key))
            .ok_or_else(|| {
                from.error(format!("schema `{key}` is not in `#/components/schemas`"))
            })?;
        let Some(ComponentState::Pending(name)) = self.components.remove(key) else {
            return Err(from.error("internal: component state changed"));
        };
        match name {
            Some(name) => {
                let ty = Type::Named(name.clone());
                self.components
                    .insert(key.to_string(), ComponentState::Done(ty.clone()));
                self.by_pointer.insert(node.pointer.clone(), ty.clone());
                self.queue.push_back((node, name));
                Ok(ty)
            }
            None => {
                self.components
                    .insert(key.to_string(), ComponentState::InProgress);
                let ty = self
                    .convert_inner(&node, Naming::Hint(names::type_name(key)))?
                    .ty;
                self.components
                    .insert(key.to_string(), ComponentState::Done(ty.clone()));
                Ok(ty)
            }
        }
    }

    /// The type a `$ref` stands for; `from` holds the `$ref`.
    fn ref_type(&mut self, from: &Node<'a>, reference: &str, naming: &Naming) -> Result<Type> {
        if let Some(key) = refs::component_schema(reference) {
            if self.components.contains_key(&key)
                || (self.wire == WireFormat::Protojson && well_known(&key).is_some())
            {
                return self.component_type(&key, from);
            }
        }
        let target = refs::target(from, reference)?;
        if let Some(t) = self.by_pointer.get(&target.pointer) {
            return Ok(t.clone());
        }
        if !self.in_progress.insert(target.pointer.clone()) {
            return Err(from.error(format!(
                "`$ref` cycle with no way out through `#{}`",
                target.pointer
            )));
        }
        let result = self.convert_inner(&target, Naming::Hint(naming.hint().to_string()));
        self.in_progress.remove(&target.pointer);
        let ty = result?.ty;
        self.by_pointer.insert(target.pointer.clone(), ty.clone());
        Ok(ty)
    }

    /// Converts one schema, and builds every named type it needs.
    pub fn convert(&mut self, node: &Node<'a>, naming: Naming) -> Result<Converted> {
        let converted = self.convert_inner(node, naming)?;
        self.drain()?;
        Ok(converted)
    }

    /// Builds the queued named types (which may queue more).
    fn drain(&mut self) -> Result<()> {
        while let Some((node, name)) = self.queue.pop_front() {
            let kind = classify(&node, self.wire)?;
            let def = self.build(&node, kind, &name)?;
            self.types.insert(name, def);
        }
        Ok(())
    }

    /// Converts one schema; named types are queued, not built.
    fn convert_inner(&mut self, node: &Node<'a>, naming: Naming) -> Result<Converted> {
        let nullable_here = nullable(node)?;
        if matches!(naming, Naming::Hint(_)) {
            if let Some(t) = self.by_pointer.get(&node.pointer) {
                return Ok(Converted {
                    ty: t.clone(),
                    nullable: nullable_here,
                });
            }
        }
        let kind = classify(node, self.wire)?;
        let mut nullable = nullable_here;
        let ty = match kind {
            Kind::Ref(reference) => {
                let resolved = refs::resolve(node)?;
                nullable |= self::nullable(&resolved)?;
                self.ref_type(node, reference, &naming)?
            }
            Kind::Single(member) => {
                let inner = self.convert_inner(&member, naming)?;
                nullable |= inner.nullable;
                inner.ty
            }
            Kind::Builtin(t) => t,
            Kind::Array(items) => match items {
                Some(items) => {
                    let inner = self.convert_inner(&items, naming.child("Item"))?;
                    Type::List(Box::new(inner.ty))
                }
                None => Type::List(Box::new(Type::Value)),
            },
            Kind::Map(values) => {
                let inner = self.convert_inner(&values, naming.child("Value"))?;
                Type::Map(Box::new(Type::String), Box::new(inner.ty))
            }
            _ => {
                let name = match &naming {
                    Naming::Fixed(n) => n.clone(),
                    Naming::Hint(h) => {
                        let place = node.location();
                        self.names
                            .claim_warned(&names::type_name(h), &place, &mut self.warnings)
                    }
                };
                let ty = Type::Named(name.clone());
                self.by_pointer.insert(node.pointer.clone(), ty.clone());
                self.queue.push_back((node.clone(), name));
                ty
            }
        };
        Ok(Converted { ty, nullable })
    }

    fn build(&mut self, node: &Node<'a>, kind: Kind<'a>, name: &str) -> Result<TypeDef> {
        let doc = node.doc()?;
        Ok(match kind {
            Kind::StringEnum(values) => {
                let mut seen = BTreeSet::new();
                let mut out = Vec::new();
                for (v, at) in values {
                    if !seen.insert(v.clone()) {
                        self.warnings.push(format!(
                            "{}: duplicate enum value `{v}` ignored",
                            at.location()
                        ));
                        continue;
                    }
                    out.push(EnumValue {
                        name: v,
                        number: None,
                        doc: String::new(),
                    });
                }
                TypeDef::Enum(Enum {
                    name: name.to_string(),
                    doc,
                    values: out,
                })
            }
            Kind::OpenEnum => TypeDef::Enum(Enum {
                name: name.to_string(),
                doc,
                values: Vec::new(),
            }),
            Kind::Union(members) => {
                TypeDef::Union(self.build_union(node, members, name, doc, None)?)
            }
            Kind::Object => {
                let mut parts = ObjectParts::default();
                self.own_parts(node, &mut parts)?;
                self.object_def(node, parts, &[], name, doc)?
            }
            Kind::Merge(members) => {
                let mut parts = ObjectParts::default();
                let mut visiting = vec![node.pointer.clone()];
                for m in &members {
                    self.collect_parts(m, &mut parts, &mut visiting)?;
                }
                self.own_parts(node, &mut parts)?;
                self.object_def(node, parts, &members, name, doc)?
            }
            _ => return Err(node.error("internal: not a named schema")),
        })
    }

    /// Adds the `properties`, `required` and `additionalProperties` of `node`.
    fn own_parts(&mut self, node: &Node<'a>, parts: &mut ObjectParts<'a>) -> Result<()> {
        if let Some(props) = node.object_at("properties")? {
            for (key, prop) in props.entries()? {
                match parts.properties.iter_mut().find(|(k, _)| k == key) {
                    Some(slot) => slot.1 = prop,
                    None => parts.properties.push((key.to_string(), prop)),
                }
            }
        }
        if let Some(required) = node.list_at("required")? {
            for r in required {
                match r.value.as_str() {
                    Some(s) => {
                        parts.required.insert(s.to_string());
                    }
                    None => {
                        return Err(r.error(format!(
                            "expected a property name, found {}",
                            r.value.kind()
                        )));
                    }
                }
            }
        }
        if let Some(ap) = node.get("additionalProperties") {
            parts.additional = Some(ap);
        }
        Ok(())
    }

    /// Collects the object parts of one `allOf` member, following `$ref`s
    /// and nested `allOf`s.
    fn collect_parts(
        &mut self,
        member: &Node<'a>,
        parts: &mut ObjectParts<'a>,
        visiting: &mut Vec<String>,
    ) -> Result<()> {
        let target = refs::resolve(member)?;
        if !target.is_object() {
            return Err(target.error(format!(
                "expected a schema (a mapping), found {}",
                target.value.kind()
            )));
        }
        if visiting.contains(&target.pointer) {
            return Err(member.error(format!(
                "`allOf` cycle: `#{}` includes itself",
                target.pointer
            )));
        }
        visiting.push(target.pointer.clone());
        if let Some(members) = target.list_at("allOf")? {
            for m in &members {
                self.collect_parts(m, parts, visiting)?;
            }
        }
        // An inline member's `oneOf`/`anyOf` is read by `object_def`.
        let unions_read = refs::ref_of(member)?.is_none();
        let not_object = ["enum", "items"].iter().any(|k| target.get(k).is_some())
            || (!unions_read && ["oneOf", "anyOf"].iter().any(|k| target.get(k).is_some()))
            || types_of(&target)?.is_some_and(|(t, _)| t.iter().any(|t| *t != "object"));
        if not_object {
            self.warnings.push(format!(
                "{}: only the properties of this `allOf` member are merged; its other constraints are ignored",
                target.location()
            ));
        }
        self.own_parts(&target, parts)?;
        visiting.pop();
        Ok(())
    }

    /// The type of an object schema `node` with its (merged) `parts`: a
    /// message, unless unions beside the properties (`oneOf`/`anyOf` of
    /// `node` or of its inline `allOf` members) make it more. A union whose
    /// members are each one property of their own is a oneof of the
    /// message; any other union makes the whole a union of messages, each
    /// holding the properties and one member's.
    fn object_def(
        &mut self,
        node: &Node<'a>,
        parts: ObjectParts<'a>,
        all_of: &[Node<'a>],
        name: &str,
        doc: String,
    ) -> Result<TypeDef> {
        let mut groups = union_groups(node)?;
        for m in all_of {
            if refs::ref_of(m)?.is_none() && m.is_object() {
                groups.extend(union_groups(m)?);
            }
        }
        let own: Vec<String> = parts.properties.iter().map(|(k, _)| k.clone()).collect();
        let mut taken = own.clone();
        let mut oneofs = Vec::new();
        let mut distribute = None;
        for g in groups {
            if distribute.is_none() && !oneof_shaped(&g, &taken) {
                distribute = Some(g);
                continue;
            }
            if !oneof_shaped(&g, &taken) {
                self.warnings.push(format!(
                    "{}: only one union beside properties is supported; this one is ignored",
                    g.first().map(Node::location).unwrap_or_default()
                ));
                continue;
            }
            for m in &g {
                taken.extend(one_property(m)?.map(|(k, _)| k.to_string()));
            }
            oneofs.push(g);
        }
        if let Some(members) = distribute {
            if !oneofs.is_empty() {
                self.warnings.push(format!(
                    "{}: the oneofs beside a union of objects are ignored",
                    node.location()
                ));
            }
            return Ok(TypeDef::Union(self.build_union(
                node,
                members,
                name,
                doc,
                Some(&parts),
            )?));
        }
        let mut message = self.build_message(parts, name, doc)?;
        let mut oneof_names = names::namespace().reserve(message.fields.iter().map(|f| &f.name));
        let mut field_names =
            names::namespace().reserve(message.fields.iter().map(|f| f.name.clone()));
        for g in oneofs {
            // The document does not name it: `choice`, `choice2`, ...
            let oneof = oneof_names.claim("choice", |_| {});
            for member in g {
                let Some((key, prop)) = one_property(&member)? else {
                    continue;
                };
                let mut field = self.property_field(&prop, key, false, name, &mut field_names)?;
                field.oneof = Some(oneof.clone());
                if field.doc.is_empty() {
                    field.doc = member.doc()?;
                }
                message.fields.push(field);
            }
            message.oneofs.push(Oneof {
                name: oneof,
                doc: String::new(),
            });
        }
        Ok(TypeDef::Message(message))
    }

    fn build_message(
        &mut self,
        parts: ObjectParts<'a>,
        name: &str,
        doc: String,
    ) -> Result<Message> {
        let mut fields = Vec::new();
        let mut field_names = names::namespace();
        for (key, prop) in parts.properties {
            let required = parts.required.contains(&key);
            fields.push(self.property_field(&prop, &key, required, name, &mut field_names)?);
        }
        let additional = match parts.additional {
            None => None,
            Some(ap) => match ap.value {
                Json::Bool(false) => None,
                Json::Bool(true) => Some(Type::Value),
                Json::Object(entries) if entries.is_empty() => Some(Type::Value),
                Json::Object(_) => Some(
                    self.convert_inner(&ap, Naming::Hint(format!("{name}Value")))?
                        .ty,
                ),
                other => {
                    return Err(ap.error(format!(
                        "expected a schema or a boolean, found {}",
                        other.kind()
                    )));
                }
            },
        };
        Ok(Message {
            name: name.to_string(),
            doc,
            fields,
            oneofs: Vec::new(),
            additional,
        })
    }

    /// The field of property `key` (schema `prop`) of the message `message`.
    fn property_field(
        &mut self,
        prop: &Node<'a>,
        key: &str,
        required: bool,
        message: &str,
        field_names: &mut Namespace,
    ) -> Result<Field> {
        let word = crate::naming::join_capitalized(key);
        let hint = format!("{message}{}", if word.is_empty() { "Field" } else { &word });
        let converted = self.convert_inner(prop, Naming::Hint(hint))?;
        let wanted = match self.wire {
            WireFormat::Protojson => names::snake_from_json(key),
            WireFormat::Json => key.to_string(),
        };
        let name = field_names.claim_warned(&wanted, &prop.location(), &mut self.warnings);
        Ok(Field {
            name,
            json_name: key.to_string(),
            number: None,
            ty: converted.ty,
            optional: converted.nullable,
            oneof: None,
            required,
            input_only: prop.is_object() && prop.bool_at("writeOnly")? == Some(true),
            output_only: prop.is_object() && prop.bool_at("readOnly")? == Some(true),
            deprecated: prop.is_object() && prop.bool_at("deprecated")? == Some(true),
            doc: if prop.is_object() {
                prop.doc()?
            } else {
                String::new()
            },
        })
    }

    /// The variant type of union member `member` when the union sits beside
    /// the properties `parts`: the member's own type when it is a `$ref` to
    /// an object already holding every one of them, else a message of its
    /// own (`hint`) merging them with the member's.
    fn merged_variant(
        &mut self,
        member: &Node<'a>,
        parts: &ObjectParts<'a>,
        hint: &str,
    ) -> Result<Type> {
        let mut mine = ObjectParts::default();
        self.collect_parts(member, &mut mine, &mut Vec::new())?;
        if refs::ref_of(member)?.is_some()
            && parts
                .properties
                .iter()
                .all(|(k, _)| mine.properties.iter().any(|(m, _)| m == k))
        {
            return Ok(self
                .convert_inner(member, Naming::Hint(hint.to_string()))?
                .ty);
        }
        let mut merged = parts.clone();
        for (key, prop) in mine.properties {
            match merged.properties.iter_mut().find(|(k, _)| *k == key) {
                Some(slot) => slot.1 = prop,
                None => merged.properties.push((key, prop)),
            }
        }
        merged.required.extend(mine.required);
        merged.additional = mine.additional.or(merged.additional);
        let place = member.location();
        let name = self
            .names
            .claim_warned(&names::type_name(hint), &place, &mut self.warnings);
        let doc = refs::resolve(member)?.doc()?;
        let message = self.build_message(merged, &name, doc)?;
        self.types.insert(name.clone(), TypeDef::Message(message));
        Ok(Type::Named(name))
    }

    /// The union of `members` (of `node`'s `oneOf` or `anyOf`); beside
    /// the properties `beside`, each variant also holds them.
    fn build_union(
        &mut self,
        node: &Node<'a>,
        members: Vec<Node<'a>>,
        name: &str,
        doc: String,
        beside: Option<&ObjectParts<'a>>,
    ) -> Result<Union> {
        let discriminator = node.object_at("discriminator")?;
        let mut mapping: Vec<(String, String, Node<'a>)> = Vec::new();
        let property = match &discriminator {
            None => None,
            Some(d) => {
                let property = d
                    .str_at("propertyName")?
                    .ok_or_else(|| d.error("a discriminator needs a `propertyName`"))?;
                if let Some(m) = d.object_at("mapping")? {
                    for (tag, target) in m.entries()? {
                        let Some(t) = target.value.as_str() else {
                            return Err(target.error(format!(
                                "expected a schema name or `$ref`, found {}",
                                target.value.kind()
                            )));
                        };
                        let key = if t.starts_with('#') {
                            refs::component_schema(t).unwrap_or_else(|| t.to_string())
                        } else {
                            t.to_string()
                        };
                        mapping.push((tag.to_string(), key, target));
                    }
                }
                Some(property.to_string())
            }
        };
        let mut variants = Vec::new();
        let mut variant_names = names::namespace();
        let mut used_tags = BTreeSet::new();
        for (i, member) in members.iter().enumerate() {
            let reference = refs::ref_of(member)?;
            let title = if member.is_object() {
                member.str_at("title")?
            } else {
                None
            };
            let fixed = match &property {
                Some(p) => fixed_value(member, p, &mut Vec::new())?,
                None => None,
            };
            // Named after the schema, else its title, else the value that
            // selects it.
            let label = title.map(str::to_string).or_else(|| fixed.clone());
            let hint = match (reference.and_then(refs::component_schema), &label) {
                (Some(key), _) => format!("{name}{}", names::type_name(&key)),
                (None, Some(t)) => format!("{name}{}", names::type_name(t)),
                (None, None) => format!("{name}Variant{}", i + 1),
            };
            let converted = match beside {
                Some(parts) => Converted {
                    ty: self.merged_variant(member, parts, &hint)?,
                    nullable: false,
                },
                None => self.convert_inner(member, Naming::Hint(hint))?,
            };
            let wanted = match (&converted.ty, reference, &label) {
                (Type::Named(n), Some(_), _) => n.clone(),
                (_, _, Some(t)) => names::type_name(t),
                (Type::Named(_), None, None) => format!("Variant{}", i + 1),
                (other, _, _) => variant_word(other),
            };
            let variant_name =
                variant_names.claim_warned(&wanted, &member.location(), &mut self.warnings);
            let mut tags = Vec::new();
            if let Some(property) = &property {
                let key = reference.and_then(refs::component_schema);
                if let Some(key) = &key {
                    for (tag, target, _) in &mapping {
                        if target == key {
                            tags.push(tag.clone());
                            used_tags.insert(tag.clone());
                        }
                    }
                }
                // The value the member's own schema fixes, else (for a
                // `$ref`) the schema's name, as the standard says.
                if tags.is_empty() {
                    tags.extend(fixed.or(key));
                }
                if tags.is_empty() {
                    self.warnings.push(format!(
                        "{}: no discriminator value selects this member (no `mapping`, \
                         `const` or one-value `enum` for `{property}`); it is tried when the \
                         value names no member",
                        member.location()
                    ));
                }
            }
            variants.push(Variant {
                name: variant_name,
                ty: converted.ty,
                tags,
                doc: if member.is_object() {
                    member.doc()?
                } else {
                    String::new()
                },
            });
        }
        for (tag, _, at) in &mapping {
            if !used_tags.contains(tag) {
                self.warnings.push(format!(
                    "{}: discriminator value `{tag}` maps to no member of the union; ignored",
                    at.location()
                ));
            }
        }
        Ok(Union {
            name: name.to_string(),
            doc,
            variants,
            discriminator: property.map(|property| Discriminator { property }),
        })
    }

    /// The named type definition `name`, if built.
    pub fn type_def(&self, name: &str) -> Option<&TypeDef> {
        self.types.get(name)
    }

    /// Whether `ty` names an enum.
    pub fn is_enum(&self, ty: &Type) -> bool {
        matches!(ty, Type::Named(n) if matches!(self.types.get(n), Some(TypeDef::Enum(_))))
    }
}

/// The members of `node`'s `oneOf` and `anyOf` that give a shape (not
/// `null`, not constraints only such as `{required: [a]}`), one list per
/// keyword that has any.
fn union_groups<'a>(node: &Node<'a>) -> Result<Vec<Vec<Node<'a>>>> {
    let mut groups = Vec::new();
    for key in ["oneOf", "anyOf"] {
        let members: Vec<Node<'a>> = node
            .list_at(key)?
            .unwrap_or_default()
            .into_iter()
            .filter(|m| !is_null_schema(m) && is_structural(m))
            .collect();
        if !members.is_empty() {
            groups.push(members);
        }
    }
    Ok(groups)
}

/// Whether a union's members are each an inline object of exactly one
/// property of its own (not in `taken`, not another member's): a oneof.
fn oneof_shaped(members: &[Node], taken: &[String]) -> bool {
    let mut seen: Vec<&str> = Vec::new();
    members.iter().all(|m| {
        let shaped = [
            "$ref",
            "allOf",
            "oneOf",
            "anyOf",
            "items",
            "enum",
            "additionalProperties",
        ]
        .iter()
        .all(|k| m.get(k).is_none())
            && types_of(m)
                .ok()
                .flatten()
                .is_none_or(|(t, _)| t.as_slice() == ["object"]);
        match one_property(m) {
            Ok(Some((key, _)))
                if shaped && !taken.iter().any(|t| t == key) && !seen.contains(&key) =>
            {
                seen.push(key);
                true
            }
            _ => false,
        }
    })
}

/// The one property of `node` (key and schema), when it has exactly one.
fn one_property<'a>(node: &Node<'a>) -> Result<Option<(&'a str, Node<'a>)>> {
    let Some(props) = node.object_at("properties")? else {
        return Ok(None);
    };
    let mut entries = props.entries()?;
    Ok(if entries.len() == 1 {
        entries.pop()
    } else {
        None
    })
}

/// The one string `property` of the object schema `node` may hold: its
/// `const`, or an `enum` with one value; looked up through `$ref`s and
/// `allOf` members (`visiting` holds the pointers on the way, against cycles).
fn fixed_value(node: &Node, property: &str, visiting: &mut Vec<String>) -> Result<Option<String>> {
    let node = refs::resolve(node)?;
    if !node.is_object() || visiting.contains(&node.pointer) {
        return Ok(None);
    }
    visiting.push(node.pointer.clone());
    if let Some(prop) = node.object_at("properties")?.and_then(|p| p.get(property)) {
        let prop = refs::resolve(&prop)?;
        if let Some(Json::String(v)) = prop.value.get("const") {
            return Ok(Some(v.clone()));
        }
        if let Some(Json::Array(values)) = prop.value.get("enum") {
            if let [Json::String(v)] = values.as_slice() {
                return Ok(Some(v.clone()));
            }
        }
    }
    for member in node.list_at("allOf")?.unwrap_or_default() {
        if let Some(v) = fixed_value(&member, property, visiting)? {
            return Ok(Some(v));
        }
    }
    Ok(None)
}

/// What `node` is. Wrong shapes (a non-mapping schema, a bad `type`) are errors.
fn classify<'a>(node: &Node<'a>, wire: WireFormat) -> Result<Kind<'a>> {
    match node.value {
        Json::Bool(true) => return Ok(Kind::Builtin(Type::Value)),
        Json::Bool(false) => return Err(node.error("the schema `false` accepts no value")),
        Json::Object(_) => {}
        other => {
            return Err(node.error(format!(
                "expected a schema (a mapping), found {}",
                other.kind()
            )));
        }
    }
    if let Some(reference) = refs::ref_of(node)? {
        return Ok(Kind::Ref(reference));
    }
    let has_own_object =
        node.get("properties").is_some() || node.get("additionalProperties").is_some();
    if let Some(members) = node.list_at("allOf")? {
        for m in &members {
            if !(m.is_object() || matches!(m.value, Json::Bool(_))) {
                return Err(m.error(format!(
                    "expected a schema (a mapping), found {}",
                    m.value.kind()
                )));
            }
        }
        let structural: Vec<Node<'a>> = members
            .iter()
            .filter(|m| is_structural(m))
            .cloned()
            .collect();
        // Unions next to `allOf` (or inside its members) belong to the
        // merged object.
        let own_unions = node.get("oneOf").is_some() || node.get("anyOf").is_some();
        match (structural.len(), has_own_object || own_unions) {
            (0, false) => {}
            (1, false) => {
                return Ok(Kind::Single(
                    structural
                        .into_iter()
                        .next()
                        .ok_or_else(|| node.error("internal: empty allOf"))?,
                ));
            }
            _ => return Ok(Kind::Merge(structural)),
        }
    }
    for key in ["oneOf", "anyOf"] {
        let Some(members) = node.list_at(key)? else {
            continue;
        };
        for m in &members {
            if !(m.is_object() || matches!(m.value, Json::Bool(_))) {
                return Err(m.error(format!(
                    "expected a schema (a mapping), found {}",
                    m.value.kind()
                )));
            }
        }
        // Properties beside the union: an object holding both (see
        // `Converter::object_def`), as is one declared `type: object` whose
        // members are each one property (a proto oneof, as connect-openapi
        // writes it).
        let object_typed = types_of(node)?.is_some_and(|(t, _)| t.as_slice() == ["object"]);
        if has_own_object
            || (object_typed && union_groups(node)?.iter().all(|g| oneof_shaped(g, &[])))
        {
            return Ok(Kind::Object);
        }
        let mut rest: Vec<Node<'a>> = members.into_iter().filter(|m| !is_null_schema(m)).collect();
        return Ok(match rest.len() {
            0 => Kind::Builtin(Type::Value),
            1 => Kind::Single(rest.remove(0)),
            _ => Kind::Union(rest),
        });
    }
    let types = types_of(node)?;
    let format = node.str_at("format")?;
    if let Some(values) = node.list_at("enum")? {
        let present: Vec<Node<'a>> = values
            .into_iter()
            .filter(|v| *v.value != Json::Null)
            .collect();
        let strings: Vec<(String, Node<'a>)> = present
            .iter()
            .filter_map(|v| v.value.as_str().map(|s| (s.to_string(), v.clone())))
            .collect();
        let string_typed = types
            .as_ref()
            .is_none_or(|(t, _)| t.as_slice() == ["string"]);
        if !present.is_empty() && strings.len() == present.len() && string_typed {
            return Ok(Kind::StringEnum(strings));
        }
    }
    let single = match &types {
        None => None,
        Some((t, _)) if t.len() == 1 => t.first().copied(),
        Some((t, _)) if t.is_empty() => return Ok(Kind::Builtin(Type::Value)),
        Some(_) => return Ok(Kind::Builtin(Type::Value)),
    };
    Ok(match single {
        Some("string") => Kind::Builtin(string_type(format, wire)),
        Some("integer") if format == Some("enum") => Kind::OpenEnum,
        Some("integer") => Kind::Builtin(integer_type(format)),
        Some("number") => Kind::Builtin(number_type(format)),
        Some("boolean") => Kind::Builtin(Type::Bool),
        Some("array") => Kind::Array(node.get("items")),
        Some("object") => object_kind(node)?,
        Some(_) => Kind::Builtin(Type::Value),
        None if has_own_object => object_kind(node)?,
        None if node.get("items").is_some() => Kind::Array(node.get("items")),
        None => Kind::Builtin(match node.value.get("const") {
            Some(Json::String(_)) => Type::String,
            Some(Json::Bool(_)) => Type::Bool,
            Some(Json::Integer(_)) => Type::Int64,
            Some(Json::Float(_)) => Type::Double,
            _ => Type::Value,
        }),
    })
}

fn object_kind<'a>(node: &Node<'a>) -> Result<Kind<'a>> {
    let props = node.object_at("properties")?;
    let has_props = props
        .as_ref()
        .is_some_and(|p| matches!(p.value, Json::Object(e) if !e.is_empty()));
    let additional = node.get("additionalProperties");
    enum Extra<'a> {
        Closed,
        Open,
        Schema(Node<'a>),
    }
    let extra = match &additional {
        None => None,
        Some(ap) => Some(match ap.value {
            Json::Bool(false) => Extra::Closed,
            Json::Bool(true) => Extra::Open,
            Json::Object(e) if e.is_empty() => Extra::Open,
            Json::Object(_) => Extra::Schema(ap.clone()),
            other => {
                return Err(ap.error(format!(
                    "expected a schema or a boolean, found {}",
                    other.kind()
                )));
            }
        }),
    };
    Ok(match (has_props, props.is_some(), extra) {
        (true, _, _) => Kind::Object,
        (false, _, Some(Extra::Schema(values))) => Kind::Map(values),
        (false, _, Some(Extra::Open)) => Kind::Builtin(Type::Struct),
        (false, true, None | Some(Extra::Closed)) => Kind::Object,
        (false, false, Some(Extra::Closed)) => Kind::Object,
        (false, false, None) => Kind::Builtin(Type::Struct),
    })
}

/// The property names of `node` when it is a simple object schema (an
/// object with properties and no `additionalProperties`, not a `$ref` or a
/// composition): one whose properties can become request fields.
pub fn simple_object_keys(node: &Node) -> Result<Option<Vec<String>>> {
    if node.get("oneOf").is_some() || node.get("anyOf").is_some() {
        return Ok(None);
    }
    if !matches!(classify(node, WireFormat::Json)?, Kind::Object) {
        return Ok(None);
    }
    if !matches!(
        node.get("additionalProperties").map(|n| n.value),
        None | Some(Json::Bool(false))
    ) {
        return Ok(None);
    }
    Ok(Some(match node.object_at("properties")? {
        Some(p) => p
            .entries()?
            .into_iter()
            .map(|(k, _)| k.to_string())
            .collect(),
        None => Vec::new(),
    }))
}

/// The variant name a type gets when it is the one variant of a union.
pub fn variant_name(ty: &Type) -> String {
    variant_word(ty)
}
