//! Analysis before printing: validates the description and decides every
//! Rust name, the file of every type, which fields are boxed, and how every
//! operation binds its request ([`bindings`]). Every error of the back-end
//! comes from here; printing a plan cannot fail.

pub mod bindings;

use std::collections::{BTreeMap, BTreeSet};

use self::bindings::{Binding, PageRequestPlan, PageResponsePlan};
use super::Options;
use super::client::ClientSettings;
use super::idents::{self, RustIdent};
use crate::ir::{
    Api, Enum, EnumValue, Field, Message, Oneof, Operation, ParamLocation, Type, TypeDef, Union,
    Variant, WireFormat,
};
use crate::naming::{Namespace, Words};
use crate::{Error, Result};

/// Names the generated files import or take from the prelude: a generated
/// type with one of these names gets a `Model` suffix (`ClientModel`).
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    "Any",
    "BTreeMap",
    "Box",
    "Call",
    "Client",
    "Clone",
    "Copy",
    "Debug",
    "Default",
    "Deserialize",
    "Deserializer",
    "Duration",
    "Empty",
    "Eq",
    "Err",
    "FieldMask",
    "From",
    "Hash",
    "Into",
    "IntoIterator",
    "Iterator",
    "ListValue",
    "Method",
    "None",
    "NullValue",
    "Ok",
    "OpenEnum",
    "Operation",
    "Option",
    "PageRequest",
    "PageResponse",
    "PartialEq",
    "RequestParts",
    "Result",
    "Self",
    "Send",
    "Serialize",
    "Serializer",
    "Sized",
    "Some",
    "String",
    "Struct",
    "Stub",
    "Sync",
    "Timestamp",
    "TryFrom",
    "UnknownEnumValue",
    "Value",
    "Vec",
];

/// Method names of the runtime's `Client` and of the generated `Stub` (and
/// names too close to them): an operation with one of these names gets a
/// numeric suffix.
pub const RESERVED_METHOD_NAMES: &[&str] = &[
    "base_url",
    "builder",
    "calls",
    "client",
    "clone",
    "cmp",
    "default",
    "fmt",
    "from_env",
    "new",
    "with_options",
];

/// Module names the back-end writes itself (`shared.rs`, `client.rs`,
/// `testing.rs`, `mod.rs`) or that would repeat the parent module's name.
pub const RESERVED_MODULE_NAMES: &[&str] = &["client", "generated", "mod", "shared", "testing"];

/// The module holding the API's `Client` type.
pub const CLIENT_MODULE: &str = "client";

/// The module holding the API's testing `Stub`.
pub const TESTING_MODULE: &str = "testing";

/// The module holding types reachable from several groups (or none).
pub const SHARED_MODULE: &str = "shared";

/// Everything decided before printing.
#[derive(Debug)]
pub struct Plan<'a> {
    pub api: &'a Api,
    /// The target's word splitter (its acronyms).
    pub words: Words,
    /// By IR type name.
    pub types: BTreeMap<&'a str, TypeInfo<'a>>,
    /// Sorted by IR name.
    pub ops: Vec<OpPlan<'a>>,
    /// By file stem (`organizations`), sorted.
    pub modules: BTreeMap<String, ModulePlan<'a>>,
    /// What the API's `Client` is told (title, base URL, auth, ...).
    pub client: ClientSettings,
}

/// One named type.
#[derive(Debug)]
pub struct TypeInfo<'a> {
    pub name: &'a str,
    pub rust: String,
    /// File stem of the module it is defined in.
    pub module: String,
    pub detail: Detail<'a>,
}

/// What kind of type, with its members' names.
#[derive(Debug)]
pub enum Detail<'a> {
    Message(Box<MessagePlan<'a>>),
    Enum(EnumPlan<'a>),
    Union(UnionPlan<'a>),
}

/// A message: struct fields in output order.
#[derive(Debug)]
pub struct MessagePlan<'a> {
    pub message: &'a Message,
    pub members: Vec<Member<'a>>,
    /// The `#[serde(flatten)]` map of additional properties.
    pub additional: Option<AdditionalPlan<'a>>,
    /// Name of the private struct the message is read through, when it has
    /// oneofs (`<Message>Wire`): every member is a field of its own there.
    pub wire: Option<String>,
    /// Indices into [`Plan::ops`] of operations taking it as their request.
    pub request_of: Vec<usize>,
    /// Indices into [`Plan::ops`] of operations returning it.
    pub response_of: Vec<usize>,
    /// Set when a paginated operation takes it as its request.
    pub page_request: Option<PageRequestPlan>,
    /// Set when a paginated operation returns it.
    pub page_response: Option<PageResponsePlan<'a>>,
}

/// One struct field: a field of its own or a oneof.
#[derive(Debug)]
pub enum Member<'a> {
    Field(FieldPlan<'a>),
    Oneof(OneofPlan<'a>),
}

/// A field of its own (not a oneof member).
#[derive(Debug)]
pub struct FieldPlan<'a> {
    pub field: &'a Field,
    pub ident: RustIdent,
    /// `with_display_name`.
    pub setter: String,
    /// Held as `Option<Box<T>>`: the field's message contains itself.
    pub boxed: bool,
}

/// A oneof: an `Option<Enum>` field flattened into the message.
#[derive(Debug)]
pub struct OneofPlan<'a> {
    pub oneof: &'a Oneof,
    pub ident: RustIdent,
    /// Rust name of the enum (`<Message><Oneof>`).
    pub enum_name: String,
    pub variants: Vec<OneofVariant<'a>>,
}

/// A member field of a oneof.
#[derive(Debug)]
pub struct OneofVariant<'a> {
    pub field: &'a Field,
    pub variant: RustIdent,
    /// Its field in the wire struct (the setter's name without `with_`).
    pub ident: RustIdent,
    pub setter: String,
    pub boxed: bool,
}

/// The map of properties not named by fields.
#[derive(Debug)]
pub struct AdditionalPlan<'a> {
    pub ty: &'a Type,
    pub ident: RustIdent,
    pub setter: String,
}

/// Where a request field is, seen from its message.
#[derive(Debug, Clone, Copy)]
pub enum FieldRef<'p, 'a> {
    Field(&'p FieldPlan<'a>),
    /// A oneof member: the oneof and the member.
    Member(&'p OneofPlan<'a>, &'p OneofVariant<'a>),
}

impl<'a> FieldRef<'_, 'a> {
    /// The IR field.
    pub fn field(&self) -> &'a Field {
        match self {
            FieldRef::Field(f) => f.field,
            FieldRef::Member(_, v) => v.field,
        }
    }
}

impl<'a> MessagePlan<'a> {
    /// Finds a field by IR (source) name.
    pub fn find(&self, name: &str) -> Option<FieldRef<'_, 'a>> {
        self.members.iter().find_map(|m| match m {
            Member::Field(f) if f.field.name == name => Some(FieldRef::Field(f)),
            Member::Oneof(o) => o
                .variants
                .iter()
                .find(|v| v.field.name == name)
                .map(|v| FieldRef::Member(o, v)),
            Member::Field(_) => None,
        })
    }
}

/// An enum with its variants' names.
#[derive(Debug)]
pub struct EnumPlan<'a> {
    pub def: &'a Enum,
    /// One per value, in declaration order.
    pub variants: Vec<(&'a EnumValue, RustIdent)>,
    /// Name of the catch-all variant (`UnknownValue` unless a value has it).
    pub unknown: RustIdent,
    /// Index of the default variant: the value numbered 0, else the first.
    pub default: Option<usize>,
    /// The default is the value numbered 0 (so `is_default` is overridden).
    pub zero: bool,
}

/// One variant of a union.
#[derive(Debug)]
pub struct UnionVariant<'a> {
    pub variant: &'a Variant,
    pub ident: RustIdent,
    pub boxed: bool,
    /// Decoding may produce it. `false` when its type leads back to the
    /// union at the same JSON level (through unions and wrappers only):
    /// trying it would recurse without end.
    pub decodable: bool,
    /// For a message variant: the shape a JSON object must have to be read
    /// as it when no tag decides.
    pub shape: Option<VariantShape>,
}

/// What a JSON object must look like to be read as a message variant: no
/// member the message does not know (it would be dropped), and every
/// required member present.
#[derive(Debug)]
pub struct VariantShape {
    /// The JSON names (and source-name aliases) the message reads; `None`
    /// when it keeps additional properties, so any member is known.
    pub known: Option<Vec<String>>,
    /// The JSON names of its required fields (plain-JSON APIs only: a
    /// protojson server leaves out fields at their default).
    pub required: Vec<String>,
}

/// A union with its variants' names.
#[derive(Debug)]
pub struct UnionPlan<'a> {
    pub def: &'a Union,
    pub variants: Vec<UnionVariant<'a>>,
    /// Name of the catch-all variant (`Other` unless a variant has it).
    pub other: RustIdent,
}

/// One operation.
#[derive(Debug)]
pub struct OpPlan<'a> {
    pub op: &'a Operation,
    /// Client method.
    pub method: RustIdent,
    /// Name of the `static` descriptor.
    pub static_name: String,
    pub module: String,
    /// Rust name of the request type.
    pub request: String,
    /// How the request is sent.
    pub binding: Binding<'a>,
    /// The setters of the doc example: each path field with a simple type,
    /// and the value it is given (`"..."`, `1`).
    pub example: Vec<(String, &'static str)>,
}

impl OpPlan<'_> {
    /// The doc example's setter calls: `.with_id("...")`.
    pub fn example_setters(&self) -> String {
        self.example
            .iter()
            .map(|(setter, value)| format!(".{setter}({value})"))
            .collect()
    }
}

/// One generated file besides `mod.rs`.
#[derive(Debug)]
pub struct ModulePlan<'a> {
    pub ident: RustIdent,
    /// The resource group; `None` for `shared.rs`.
    pub group: Option<&'a str>,
    /// Indices into [`Plan::ops`].
    pub ops: Vec<usize>,
    /// IR names of the types defined there, sorted by Rust name.
    pub types: Vec<&'a str>,
}

/// Location of a type in errors.
pub fn type_loc(name: &str) -> String {
    format!("type `{name}`")
}

/// Location of a field in errors.
pub fn field_loc(message: &str, field: &str) -> String {
    format!("type `{message}`, field `{field}`")
}

/// Location of an operation in errors.
pub fn op_loc(op: &str) -> String {
    format!("operation `{op}`")
}

impl<'a> Plan<'a> {
    /// Validates `api` and decides every name and placement, with the
    /// target's `options` (its acronyms).
    pub fn new(api: &'a Api, options: &Options) -> Result<Plan<'a>> {
        let words = Words::new(&options.acronyms);
        let client = ClientSettings::new(api, options)?;
        let defs = index_types(api)?;
        for def in defs.values() {
            check_type_refs(def, &defs)?;
        }
        let mut ops: Vec<&Operation> = api.operations.iter().collect();
        ops.sort_by(|a, b| a.name.cmp(&b.name));
        for pair in ops.windows(2) {
            if pair[0].name == pair[1].name {
                return Err(Error::new(
                    op_loc(&pair[0].name),
                    "the operation is defined twice",
                ));
            }
        }
        for op in &ops {
            check_op_types(op, &defs)?;
        }

        let type_names = type_names(&words, &defs);
        let boxed = recursive_edges(&defs);
        let (module_of_group, module_of_type) = place(&words, &ops, &defs)?;
        let methods = method_names(&words, &ops);

        // Names of the oneof enums and wire structs: after every type name.
        let mut taken = Namespace::new("")
            .reserve(type_names.values())
            .reserve(RESERVED_TYPE_NAMES);
        let mut types = BTreeMap::new();
        for (name, def) in &defs {
            let rust = type_names[name].clone();
            let detail = match def {
                TypeDef::Message(m) => Detail::Message(Box::new(message_plan(
                    &words, m, &rust, &boxed, &mut taken, &ops,
                ))),
                TypeDef::Enum(e) => Detail::Enum(enum_plan(&words, e)),
                TypeDef::Union(u) => Detail::Union(union_plan(&words, u, &boxed, &defs, api.wire)),
            };
            types.insert(
                *name,
                TypeInfo {
                    name,
                    rust,
                    module: module_of_type[name].clone(),
                    detail,
                },
            );
        }
        // After every public name, so that none of them depends on these.
        for info in types.values_mut() {
            if let Detail::Message(m) = &mut info.detail {
                if !m.message.oneofs.is_empty() {
                    m.wire = Some(taken.claim(&format!("{}Wire", info.rust), |_| {}));
                }
            }
        }

        let mut pages = bindings::pages(&types, &ops)?;
        let mut op_plans = Vec::new();
        for op in &ops {
            let method = methods[op.name.as_str()].clone();
            op_plans.push(OpPlan {
                op,
                static_name: words.screaming(&method),
                method: RustIdent::new(&method),
                module: module_of_group[op.group.as_str()].clone(),
                request: types
                    .get(op.request.as_str())
                    .map(|t| t.rust.clone())
                    .unwrap_or_default(),
                binding: bindings::binding(&types, op, api.wire)?,
                example: example_setters(&types, op),
            });
        }
        for info in types.values_mut() {
            if let Detail::Message(m) = &mut info.detail {
                m.page_request = pages.requests.remove(info.name);
                m.page_response = pages.responses.remove(info.name);
            }
        }

        let mut modules: BTreeMap<String, ModulePlan> = BTreeMap::new();
        for (group, module) in &module_of_group {
            modules.insert(
                module.clone(),
                ModulePlan {
                    ident: RustIdent::new(module),
                    group: Some(group),
                    ops: Vec::new(),
                    types: Vec::new(),
                },
            );
        }
        for (i, op) in op_plans.iter().enumerate() {
            if let Some(m) = modules.get_mut(&op.module) {
                m.ops.push(i);
            }
        }
        let mut by_rust: Vec<&TypeInfo> = types.values().collect();
        by_rust.sort_by(|a, b| a.rust.cmp(&b.rust));
        for t in by_rust {
            modules
                .entry(t.module.clone())
                .or_insert_with(|| ModulePlan {
                    ident: RustIdent::new(&t.module),
                    group: None,
                    ops: Vec::new(),
                    types: Vec::new(),
                })
                .types
                .push(t.name);
        }

        Ok(Plan {
            api,
            words,
            types,
            ops: op_plans,
            modules,
            client,
        })
    }

    /// Whether a singular field of this type is held in an `Option`.
    pub fn singular_is_option(&self, ty: &Type, optional: bool) -> bool {
        singular_is_option(&self.types, ty, optional)
    }

    /// The plan of the message named `name`.
    pub fn message(&self, name: &str) -> Option<&MessagePlan<'a>> {
        match &self.types.get(name)?.detail {
            Detail::Message(m) => Some(m),
            _ => None,
        }
    }
}

/// Whether a singular field of this type is held in an `Option`.
fn singular_is_option(types: &BTreeMap<&str, TypeInfo>, ty: &Type, optional: bool) -> bool {
    match ty {
        Type::List(_) | Type::Map(..) => false,
        Type::Timestamp
        | Type::Duration
        | Type::FieldMask
        | Type::Struct
        | Type::Value
        | Type::ListValue
        | Type::Any
        | Type::Empty
        | Type::Wrapper(_) => true,
        // An enum without a zero value has no "unset" value: a field of its
        // own would send its first value though nobody set it.
        Type::Named(n) => match types.get(n.as_str()).map(|t| &t.detail) {
            Some(Detail::Enum(e)) => optional || !e.zero,
            _ => true,
        },
        _ => optional,
    }
}

/// The doc example's setters of an operation: its single-field path
/// parameters of string or integer type.
fn example_setters(types: &BTreeMap<&str, TypeInfo>, o: &Operation) -> Vec<(String, &'static str)> {
    let Some(Detail::Message(req)) = types.get(o.request.as_str()).map(|t| &t.detail) else {
        return Vec::new();
    };
    o.params
        .iter()
        .filter(|p| p.location == ParamLocation::Path)
        .filter_map(|p| {
            let [field] = p.field.as_slice() else {
                return None;
            };
            let Some(FieldRef::Field(f)) = req.find(field) else {
                return None;
            };
            let value = match &f.field.ty {
                Type::String => "\"...\"",
                Type::Wrapper(t) if **t == Type::String => "\"...\"",
                Type::Int32 | Type::Int64 | Type::Uint32 | Type::Uint64 => "1",
                _ => return None,
            };
            Some((f.setter.clone(), value))
        })
        .collect()
}

/// IR types by name; duplicates are an error.
fn index_types(api: &Api) -> Result<BTreeMap<&str, &TypeDef>> {
    let mut defs = BTreeMap::new();
    for def in &api.types {
        if defs.insert(def.name(), def).is_some() {
            return Err(Error::new(
                type_loc(def.name()),
                "the type is defined twice",
            ));
        }
    }
    Ok(defs)
}

/// Every type a definition mentions must exist; map keys must be scalars;
/// field and oneof names must be unique and consistent.
fn check_type_refs(def: &TypeDef, defs: &BTreeMap<&str, &TypeDef>) -> Result<()> {
    match def {
        TypeDef::Message(m) => {
            let mut seen = BTreeSet::new();
            for f in &m.fields {
                let loc = field_loc(&m.name, &f.name);
                if !seen.insert(f.name.as_str()) {
                    return Err(Error::new(loc, "the field is defined twice"));
                }
                check_type(&f.ty, defs, &loc)?;
                if let Some(o) = &f.oneof {
                    if !m.oneofs.iter().any(|x| &x.name == o) {
                        return Err(Error::new(loc, format!("unknown oneof `{o}`")));
                    }
                    if matches!(f.ty, Type::List(_) | Type::Map(..)) {
                        return Err(Error::new(loc, "a oneof member cannot be a list or a map"));
                    }
                }
            }
            let mut oneofs = BTreeSet::new();
            for o in &m.oneofs {
                if !oneofs.insert(o.name.as_str()) {
                    return Err(Error::new(
                        format!("type `{}`, oneof `{}`", m.name, o.name),
                        "the oneof is defined twice",
                    ));
                }
            }
            if let Some(t) = &m.additional {
                check_type(
                    t,
                    defs,
                    &format!("type `{}`, additional properties", m.name),
                )?;
            }
            Ok(())
        }
        TypeDef::Union(u) => {
            for v in &u.variants {
                check_type(
                    &v.ty,
                    defs,
                    &format!("type `{}`, variant `{}`", u.name, v.name),
                )?;
            }
            Ok(())
        }
        TypeDef::Enum(e) => {
            let mut seen = BTreeSet::new();
            for v in &e.values {
                if !seen.insert(v.name.as_str()) {
                    return Err(Error::new(
                        format!("type `{}`, value `{}`", e.name, v.name),
                        "the enum value is listed twice",
                    ));
                }
            }
            Ok(())
        }
    }
}

fn check_type(ty: &Type, defs: &BTreeMap<&str, &TypeDef>, loc: &str) -> Result<()> {
    let mut error = None;
    ty.visit(&mut |t| {
        if error.is_some() {
            return;
        }
        match t {
            Type::Named(n) if !defs.contains_key(n.as_str()) => {
                error = Some(Error::new(loc, format!("unknown type `{n}`")));
            }
            Type::Map(k, _)
                if !matches!(
                    **k,
                    Type::String
                        | Type::Bool
                        | Type::Int32
                        | Type::Int64
                        | Type::Uint32
                        | Type::Uint64
                ) =>
            {
                error = Some(Error::new(
                    loc,
                    format!("map key type `{k}` is not a string, bool or integer"),
                ));
            }
            _ => {}
        }
    });
    error.map_or(Ok(()), Err)
}

fn check_op_types(op: &Operation, defs: &BTreeMap<&str, &TypeDef>) -> Result<()> {
    let loc = op_loc(&op.name);
    match defs.get(op.request.as_str()) {
        Some(TypeDef::Message(_)) => {}
        Some(_) => {
            return Err(Error::new(
                loc,
                format!("request type `{}` is not a message", op.request),
            ));
        }
        None => {
            return Err(Error::new(
                loc,
                format!("unknown request type `{}`", op.request),
            ));
        }
    }
    if let Some(r) = &op.response {
        if !defs.contains_key(r.as_str()) {
            return Err(Error::new(loc, format!("unknown response type `{r}`")));
        }
    }
    Ok(())
}

/// Rust names of the IR types: distinct, and never one of
/// [`RESERVED_TYPE_NAMES`].
fn type_names<'a>(words: &Words, defs: &BTreeMap<&'a str, &TypeDef>) -> BTreeMap<&'a str, String> {
    let items: Vec<(&str, String)> = defs
        .keys()
        .map(|name| {
            let mut rust = idents::type_name(words, name, "Type");
            if RESERVED_TYPE_NAMES.contains(&rust.as_str()) {
                rust.push_str("Model");
            }
            (*name, rust)
        })
        .collect();
    Namespace::new("")
        .reserve(RESERVED_TYPE_NAMES)
        .assign(&items)
}

/// Client method names: distinct, never a runtime `Client` method.
fn method_names<'a>(words: &Words, ops: &[&'a Operation]) -> BTreeMap<&'a str, String> {
    let items: Vec<(&str, String)> = ops
        .iter()
        .map(|op| {
            let name = idents::snake_name(words, &op.name, "operation");
            (op.name.as_str(), name)
        })
        .collect();
    Namespace::new("_")
        .reserve(RESERVED_METHOD_NAMES)
        .assign(&items)
}

/// Module (file stem) by group, and by type name.
type Placement<'a> = (BTreeMap<&'a str, String>, BTreeMap<&'a str, String>);

/// Modules of the groups, and of every type: the group module when only
/// that group's operations reach it, else [`SHARED_MODULE`].
fn place<'a>(
    words: &Words,
    ops: &[&'a Operation],
    defs: &BTreeMap<&'a str, &TypeDef>,
) -> Result<Placement<'a>> {
    let groups: BTreeSet<&str> = ops.iter().map(|o| o.group.as_str()).collect();
    let items: Vec<(&str, String)> = groups
        .iter()
        .map(|g| (*g, idents::snake_name(words, g, "default")))
        .collect();
    // File stems are the identifiers as written (`self_.rs`, `type.rs`).
    let module_of_group: BTreeMap<&str, String> = Namespace::new("_")
        .reserve(RESERVED_MODULE_NAMES)
        .assign(&items)
        .into_iter()
        .map(|(g, m)| (g, RustIdent::new(&m).name))
        .collect();

    let mut reached_by: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for group in &groups {
        let mut stack: Vec<String> = ops
            .iter()
            .filter(|o| o.group == *group)
            .flat_map(|o| std::iter::once(o.request.clone()).chain(o.response.clone()))
            .collect();
        let mut seen = BTreeSet::new();
        while let Some(name) = stack.pop() {
            let Some((key, def)) = defs.get_key_value(name.as_str()) else {
                continue;
            };
            if seen.insert(*key) {
                reached_by.entry(key).or_default().insert(group);
                for t in def.member_types() {
                    t.visit_named(&mut |n| stack.push(n.to_string()));
                }
            }
        }
    }
    let mut module_of_type = BTreeMap::new();
    for name in defs.keys() {
        let module = match reached_by.get(name) {
            Some(gs) if gs.len() == 1 => {
                gs.first()
                    .and_then(|g| module_of_group.get(g))
                    .cloned()
                    .ok_or_else(|| Error::new(type_loc(name), "internal: group without module"))?
            }
            _ => SHARED_MODULE.to_string(),
        };
        module_of_type.insert(*name, module);
    }
    Ok((module_of_group, module_of_type))
}

/// Direct containment (singular message or union fields, oneof members and
/// union variants) that closes a cycle: `(container, field or variant)`
/// pairs that must be boxed.
fn recursive_edges(defs: &BTreeMap<&str, &TypeDef>) -> BTreeSet<(String, String)> {
    let direct = |def: &TypeDef| -> Vec<(String, String)> {
        let holds = |ty: &Type| match ty {
            Type::Named(n) => matches!(
                defs.get(n.as_str()),
                Some(TypeDef::Message(_) | TypeDef::Union(_))
            )
            .then(|| n.clone()),
            _ => None,
        };
        match def {
            TypeDef::Message(m) => m
                .fields
                .iter()
                .filter_map(|f| holds(&f.ty).map(|t| (f.name.clone(), t)))
                .collect(),
            TypeDef::Union(u) => u
                .variants
                .iter()
                .filter_map(|v| holds(&v.ty).map(|t| (v.name.clone(), t)))
                .collect(),
            TypeDef::Enum(_) => Vec::new(),
        }
    };
    let edges: BTreeMap<&str, Vec<(String, String)>> =
        defs.iter().map(|(n, d)| (*n, direct(d))).collect();
    let scc = strongly_connected(&edges);
    let mut out = BTreeSet::new();
    for (from, list) in &edges {
        for (member, to) in list {
            if scc.get(from) == scc.get(to.as_str()) {
                out.insert((from.to_string(), member.clone()));
            }
        }
    }
    out
}

/// Component index of every node (Tarjan's algorithm, iterative).
fn strongly_connected<'a>(
    edges: &BTreeMap<&'a str, Vec<(String, String)>>,
) -> BTreeMap<&'a str, usize> {
    let nodes: Vec<&str> = edges.keys().copied().collect();
    let index_of: BTreeMap<&str, usize> = nodes.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let succ: Vec<Vec<usize>> = nodes
        .iter()
        .map(|n| {
            edges[n]
                .iter()
                .filter_map(|(_, t)| index_of.get(t.as_str()).copied())
                .collect()
        })
        .collect();
    let n = nodes.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut comp = vec![usize::MAX; n];
    let mut stack = Vec::new();
    let mut next = 0;
    let mut comps = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        // (node, next successor position)
        let mut work = vec![(root, 0)];
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut pos)) = work.last_mut() {
            if let Some(&w) = succ[v].get(*pos) {
                *pos += 1;
                if index[w] == usize::MAX {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp[w] = comps;
                    if w == v {
                        break;
                    }
                }
                comps += 1;
            }
        }
    }
    nodes.iter().copied().zip(comp).collect()
}

/// Field, oneof and setter names of a message, in output order.
fn message_plan<'a>(
    words: &Words,
    m: &'a Message,
    rust: &str,
    boxed: &BTreeSet<(String, String)>,
    taken_types: &mut Namespace,
    ops: &[&Operation],
) -> MessagePlan<'a> {
    // Struct fields (plain fields, oneof holders, the additional map) and
    // setters (plain fields, oneof members, the additional map) are two
    // namespaces; plain fields come first in both, so they keep their names.
    #[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
    enum Key {
        Field(usize),
        Oneof(usize),
        Additional,
    }
    let mut items: Vec<(Key, String)> = m
        .fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.oneof.is_none())
        .map(|(i, f)| (Key::Field(i), idents::snake_name(words, &f.name, "field")))
        .collect();
    items.extend(
        m.oneofs
            .iter()
            .enumerate()
            .map(|(i, o)| (Key::Oneof(i), idents::snake_name(words, &o.name, "choice"))),
    );
    if m.additional.is_some() {
        items.push((Key::Additional, "additional".to_string()));
    }
    let mut snake = Namespace::new("_").assign(&items);
    let setter_taken = Namespace::new("_").reserve(
        snake
            .iter()
            .filter(|(k, _)| !matches!(k, Key::Oneof(_)))
            .map(|(_, n)| n),
    );
    let members: Vec<(Key, String)> = m
        .fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.oneof.is_some())
        .map(|(i, f)| (Key::Field(i), idents::snake_name(words, &f.name, "field")))
        .collect();
    snake.extend(setter_taken.clone().assign(&members));
    let name_of = |k: &Key| snake.get(k).cloned().unwrap_or_default();
    let is_boxed = |f: &Field| boxed.contains(&(m.name.clone(), f.name.clone()));

    // Output order: by field number when every field has one.
    let mut order: Vec<usize> = (0..m.fields.len()).collect();
    if m.fields.iter().all(|f| f.number.is_some()) {
        order.sort_by_key(|&i| m.fields[i].number);
    }

    let mut members = Vec::new();
    let mut placed_oneofs = BTreeSet::new();
    for i in order {
        let f = &m.fields[i];
        match &f.oneof {
            None => {
                let bare = name_of(&Key::Field(i));
                members.push(Member::Field(FieldPlan {
                    field: f,
                    setter: format!("with_{bare}"),
                    ident: RustIdent::new(&bare),
                    boxed: is_boxed(f),
                }));
            }
            Some(o) => {
                let Some(oi) = m.oneofs.iter().position(|x| &x.name == o) else {
                    continue;
                };
                if !placed_oneofs.insert(oi) {
                    continue;
                }
                let oneof = &m.oneofs[oi];
                let mut variant_items = Vec::new();
                let mut fields = Vec::new();
                for (j, mf) in m.fields.iter().enumerate() {
                    if mf.oneof.as_deref() == Some(o.as_str()) {
                        variant_items.push((j, idents::type_name(words, &mf.name, "Value")));
                        fields.push((j, mf));
                    }
                }
                let variant_names = Namespace::new("").assign(&variant_items);
                let enum_name = taken_types.claim(
                    &format!("{rust}{}", idents::type_name(words, &oneof.name, "Choice")),
                    |_| {},
                );
                let variants = fields
                    .into_iter()
                    .map(|(j, mf)| OneofVariant {
                        field: mf,
                        variant: RustIdent::new(&variant_names[&j]),
                        ident: RustIdent::new(&name_of(&Key::Field(j))),
                        setter: format!("with_{}", name_of(&Key::Field(j))),
                        boxed: is_boxed(mf),
                    })
                    .collect();
                members.push(Member::Oneof(OneofPlan {
                    oneof,
                    ident: RustIdent::new(&name_of(&Key::Oneof(oi))),
                    enum_name,
                    variants,
                }));
            }
        }
    }
    let additional = m.additional.as_ref().map(|ty| {
        let bare = name_of(&Key::Additional);
        AdditionalPlan {
            ty,
            setter: format!("with_{bare}"),
            ident: RustIdent::new(&bare),
        }
    });
    let indices = |pick: fn(&Operation) -> Option<&str>| -> Vec<usize> {
        ops.iter()
            .enumerate()
            .filter(|(_, o)| pick(o) == Some(m.name.as_str()))
            .map(|(i, _)| i)
            .collect()
    };
    MessagePlan {
        message: m,
        members,
        additional,
        wire: None,
        request_of: indices(|o| Some(o.request.as_str())),
        response_of: indices(|o| o.response.as_deref()),
        page_request: None,
        page_response: None,
    }
}

/// Variant names of an enum and its default.
fn enum_plan<'a>(words: &Words, e: &'a Enum) -> EnumPlan<'a> {
    let items: Vec<(usize, String)> = e
        .values
        .iter()
        .enumerate()
        .map(|(i, v)| (i, idents::enum_variant(words, &e.name, &v.name)))
        .collect();
    let unknown = "UnknownValue".to_string();
    let assigned = Namespace::new("").reserve([&unknown]).assign(&items);
    let variants = e
        .values
        .iter()
        .enumerate()
        .map(|(i, v)| (v, RustIdent::new(&assigned[&i])))
        .collect();
    let zero = e.values.iter().position(|v| v.number == Some(0));
    let default = zero.or(if e.values.is_empty() { None } else { Some(0) });
    EnumPlan {
        def: e,
        variants,
        unknown: RustIdent::new(&unknown),
        default,
        zero: zero.is_some(),
    }
}

/// The union a value of `ty` is decoded as at the same JSON level, if any.
fn same_level_union<'d>(ty: &'d Type, defs: &BTreeMap<&str, &TypeDef>) -> Option<&'d str> {
    match ty {
        Type::Named(n) => matches!(defs.get(n.as_str()), Some(TypeDef::Union(_))).then_some(n),
        Type::Wrapper(t) => same_level_union(t, defs),
        _ => None,
    }
}

/// Whether decoding a value of `ty` can come back to decoding the union
/// `target` with the same JSON value.
fn reaches_union(ty: &Type, target: &str, defs: &BTreeMap<&str, &TypeDef>) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<&str> = same_level_union(ty, defs).into_iter().collect();
    while let Some(name) = stack.pop() {
        if name == target {
            return true;
        }
        if !seen.insert(name) {
            continue;
        }
        if let Some(TypeDef::Union(u)) = defs.get(name) {
            stack.extend(
                u.variants
                    .iter()
                    .filter_map(|v| same_level_union(&v.ty, defs)),
            );
        }
    }
    false
}

/// The shape of a variant of type `ty`, when it is a message.
fn variant_shape(
    ty: &Type,
    defs: &BTreeMap<&str, &TypeDef>,
    wire: WireFormat,
) -> Option<VariantShape> {
    let Type::Named(n) = ty else { return None };
    let Some(TypeDef::Message(m)) = defs.get(n.as_str()) else {
        return None;
    };
    let known = m.additional.is_none().then(|| {
        let mut known: Vec<String> = Vec::new();
        for f in &m.fields {
            for name in [&f.json_name, &f.name] {
                if !known.contains(name) {
                    known.push(name.clone());
                }
            }
        }
        known
    });
    let required = match wire {
        WireFormat::Json => m
            .fields
            .iter()
            .filter(|f| f.required && f.oneof.is_none())
            .map(|f| f.json_name.clone())
            .collect(),
        WireFormat::Protojson => Vec::new(),
    };
    Some(VariantShape { known, required })
}

/// Variant names of a union.
fn union_plan<'a>(
    words: &Words,
    u: &'a Union,
    boxed: &BTreeSet<(String, String)>,
    defs: &BTreeMap<&str, &TypeDef>,
    wire: WireFormat,
) -> UnionPlan<'a> {
    let items: Vec<(usize, String)> = u
        .variants
        .iter()
        .enumerate()
        .map(|(i, v)| (i, idents::type_name(words, &v.name, "Variant")))
        .collect();
    let other = "Other".to_string();
    let assigned = Namespace::new("").reserve([&other]).assign(&items);
    UnionPlan {
        def: u,
        variants: u
            .variants
            .iter()
            .enumerate()
            .map(|(i, v)| UnionVariant {
                variant: v,
                ident: RustIdent::new(&assigned[&i]),
                boxed: boxed.contains(&(u.name.clone(), v.name.clone())),
                decodable: !reaches_union(&v.ty, &u.name, defs),
                shape: variant_shape(&v.ty, defs, wire),
            })
            .collect(),
        other: RustIdent::new(&other),
    }
}
