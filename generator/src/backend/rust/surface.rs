//! The public Rust surface of the generated code: every name, type and
//! signature code written against the SDK can depend on, with the wire
//! details and docs behind them. Built from the [`Plan`] with the printers'
//! own type mapping ([`Cx`]), so it states what the back-end emits;
//! [`crate::changes`] compares two of them.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use serde::Serialize;

use super::Options;
use super::plan::{Detail, EnumPlan, FieldRef, Member as PlanMember, MessagePlan, Plan, UnionPlan};
use super::types::Cx;
use crate::Result;
use crate::ir::{Api, Body, Type as IrType};

/// Everything public in the generated code.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Surface {
    /// The API's name (`tesseral.backend.v1.BackendService`).
    pub api: String,
    /// `Client` methods by name.
    pub methods: BTreeMap<String, Method>,
    /// Generated types by Rust name (a oneof's enum is described with the
    /// field holding it).
    pub types: BTreeMap<String, Type>,
}

/// One `Client` method: `fn name(&self, request: Req) -> Call<Req, Resp>`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Method {
    /// The operation's name in the description (`GetUser`).
    pub operation: String,
    pub doc: String,
    /// Rust type of the request.
    pub request: String,
    /// Rust type of the response (`Empty` without a body).
    pub response: String,
    /// `GET /v1/users/{id}`.
    pub http: String,
    /// Request fields sent outside the body: `path id = id`, `query pageToken = page_token`.
    pub params: Vec<String>,
    /// What the body holds: `none`, `the request` or the field's Rust name.
    pub body: String,
    /// `Call::items` and `Call::pages`, when the operation pages.
    pub pagination: Option<Paging>,
}

/// The `PageRequest`/`PageResponse` impls of a paginated operation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Paging {
    /// `PageResponse::Item`.
    pub item: String,
    /// Rust names of the request's token field, the response's next token
    /// and items fields.
    pub page_token: String,
    pub next_page_token: String,
    pub items: String,
}

/// A generated type.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Type {
    /// A `#[non_exhaustive]` struct with `new()` and `with_*` setters.
    Struct(Struct),
    /// An open `#[non_exhaustive]` enum of unit variants plus a catch-all.
    Enum(Enum),
    /// A `#[non_exhaustive]` enum with a tuple variant per alternative.
    Union(Union),
}

impl Type {
    pub fn kind(&self) -> &'static str {
        match self {
            Type::Struct(_) => "a struct",
            Type::Enum(_) => "an enum",
            Type::Union(_) => "a union enum",
        }
    }

    pub fn doc(&self) -> &str {
        match self {
            Type::Struct(s) => &s.doc,
            Type::Enum(e) => &e.doc,
            Type::Union(u) => &u.doc,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Struct {
    pub doc: String,
    /// In declaration order.
    pub fields: Vec<Field>,
}

/// A `pub` field of a struct.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    /// As written (`r#type`).
    pub name: String,
    /// Its Rust type (`Option<Timestamp>`).
    pub ty: String,
    pub kind: FieldKind,
    pub doc: String,
    pub flags: Flags,
}

/// What the API says about a field besides its type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Flags {
    pub required: bool,
    pub deprecated: bool,
    pub input_only: bool,
    pub output_only: bool,
}

impl Flags {
    fn of(f: &crate::ir::Field) -> Flags {
        Flags {
            required: f.required,
            deprecated: f.deprecated,
            input_only: f.input_only,
            output_only: f.output_only,
        }
    }
}

/// What a field holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FieldKind {
    /// One value of the message, with its setter.
    Plain {
        json: String,
        number: Option<u32>,
        setter: Setter,
    },
    /// A oneof: `Option<Enum>`, one variant and one setter per member.
    Oneof {
        enum_name: String,
        members: Vec<Member>,
    },
    /// The flattened map of properties no field names.
    Additional { setter: Setter },
}

/// `pub fn with_x(self, value: INPUT) -> Self`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Setter {
    pub name: String,
    /// The parameter type as declared (`impl Into<String>`).
    pub input: String,
    /// A concrete type it accepts (`String`).
    pub arg: String,
}

/// A member of a oneof: a variant of its enum and a setter on the struct.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Member {
    pub variant: String,
    /// The variant's payload type.
    pub ty: String,
    pub json: String,
    pub number: Option<u32>,
    pub setter: Setter,
    pub doc: String,
    pub flags: Flags,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Enum {
    pub doc: String,
    pub variants: Vec<Variant>,
    /// The variant `Default` gives, if the enum implements it.
    pub default: Option<String>,
    /// The catch-all variant holding values this version does not know.
    pub unknown: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Variant {
    pub name: String,
    /// Name on the wire.
    pub wire: String,
    pub number: Option<i32>,
    pub doc: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Union {
    pub doc: String,
    pub variants: Vec<UnionVariant>,
    /// The catch-all variant holding any other JSON value.
    pub other: String,
    /// The discriminating property, if any.
    pub discriminator: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnionVariant {
    pub name: String,
    pub ty: String,
    pub tags: Vec<String>,
    pub doc: String,
}

/// The surface of the code [`super::generate_with`] writes for `api` with
/// `options` (the target's settings name the Rust items).
pub fn surface(api: &Api, options: &Options) -> Result<Surface> {
    // Every check `generate` makes.
    let plan = Plan::new(api, options)?;
    let mut methods = BTreeMap::new();
    for op in &plan.ops {
        let mut cx = Cx::new(&plan, options, &op.module);
        let o = op.op;
        let request = cx.named(&o.request).to_string();
        let response = match &o.response {
            Some(r) => cx.named(r).to_string(),
            None => "Empty".to_string(),
        };
        let req = plan.message(&o.request);
        let rust_field = |name: &str| match req.and_then(|r| r.find(name)) {
            Some(FieldRef::Field(f)) => f.ident.source(),
            Some(FieldRef::Member(_, v)) => v.ident.source(),
            None => name.to_string(),
        };
        let params = o
            .params
            .iter()
            .map(|p| {
                let location = format!("{:?}", p.location).to_lowercase();
                let path: Vec<String> = p.field.iter().map(|f| f.to_string()).collect();
                format!("{location} {} = {}", p.name, path.join("."))
            })
            .collect();
        let body = match &o.body {
            None => "none".to_string(),
            Some(Body::All) => "the request".to_string(),
            Some(Body::Field(f)) => rust_field(f),
        };
        let pagination = match &o.pagination {
            None => None,
            Some(pg) => {
                let resp_name = o.response.as_deref().unwrap_or_default();
                let resp = plan.message(resp_name);
                let item = match resp.and_then(|r| r.find(&pg.items)).map(|f| &f.field().ty) {
                    Some(IrType::List(t)) => text(cx.element(t)),
                    _ => String::new(),
                };
                let resp_field = |name: &str| match resp.and_then(|r| r.find(name)) {
                    Some(FieldRef::Field(f)) => f.ident.source(),
                    _ => name.to_string(),
                };
                Some(Paging {
                    item,
                    page_token: rust_field(&pg.page_token),
                    next_page_token: resp_field(&pg.next_page_token),
                    items: resp_field(&pg.items),
                })
            }
        };
        methods.insert(
            op.method.source(),
            Method {
                operation: o.name.clone(),
                doc: o.doc.clone(),
                request,
                response,
                http: format!("{} {}", o.method.as_str(), o.path),
                params,
                body,
                pagination,
            },
        );
    }
    let mut types = BTreeMap::new();
    for info in plan.types.values() {
        let mut cx = Cx::new(&plan, options, &info.module);
        let ty = match &info.detail {
            Detail::Message(m) => Type::Struct(struct_surface(&mut cx, m)),
            Detail::Enum(e) => Type::Enum(enum_surface(e)),
            Detail::Union(u) => Type::Union(union_surface(&mut cx, u)),
        };
        types.insert(info.rust.clone(), ty);
    }
    Ok(Surface {
        api: api.name.clone(),
        methods,
        types,
    })
}

fn struct_surface(cx: &mut Cx, m: &MessagePlan) -> Struct {
    let mut fields = Vec::new();
    for member in &m.members {
        match member {
            PlanMember::Field(f) => {
                let ty = text(cx.field(&f.field.ty, f.field.optional, f.boxed));
                let setter = setter(cx, &f.setter, &f.field.ty);
                fields.push(Field {
                    name: f.ident.source(),
                    ty,
                    kind: FieldKind::Plain {
                        json: f.field.json_name.clone(),
                        number: f.field.number,
                        setter,
                    },
                    doc: f.field.doc.clone(),
                    flags: Flags::of(f.field),
                });
            }
            PlanMember::Oneof(o) => {
                let members = o
                    .variants
                    .iter()
                    .map(|v| Member {
                        variant: v.variant.source(),
                        ty: text(cx.element_boxed(&v.field.ty, v.boxed)),
                        json: v.field.json_name.clone(),
                        number: v.field.number,
                        setter: setter(cx, &v.setter, &v.field.ty),
                        doc: v.field.doc.clone(),
                        flags: Flags::of(v.field),
                    })
                    .collect();
                fields.push(Field {
                    name: o.ident.source(),
                    ty: format!("Option<{}>", o.enum_name),
                    kind: FieldKind::Oneof {
                        enum_name: o.enum_name.clone(),
                        members,
                    },
                    doc: o.oneof.doc.clone(),
                    flags: Flags::default(),
                });
            }
        }
    }
    if let Some(a) = &m.additional {
        let map = IrType::Map(Box::new(IrType::String), Box::new(a.ty.clone()));
        let ty = text(cx.element(&map));
        fields.push(Field {
            name: a.ident.source(),
            ty: ty.clone(),
            kind: FieldKind::Additional {
                setter: Setter {
                    name: a.setter.clone(),
                    input: format!(
                        "impl IntoIterator<Item = (String, {})>",
                        text(cx.element(a.ty))
                    ),
                    arg: ty,
                },
            },
            doc: String::new(),
            flags: Flags::default(),
        });
    }
    Struct {
        doc: m.message.doc.clone(),
        fields,
    }
}

/// The setter `name` of a field of type `ty`, as `models` prints it.
fn setter(cx: &mut Cx, name: &str, ty: &IrType) -> Setter {
    let (input, _) = cx.setter_input(ty);
    Setter {
        name: name.to_string(),
        input: text(input),
        arg: setter_arg(cx, ty),
    }
}

/// A concrete type the setter of a field of type `ty` accepts: the
/// element type for `impl Into<T>`, a `Vec` or `BTreeMap` for iterators.
fn setter_arg(cx: &mut Cx, ty: &IrType) -> String {
    match ty {
        IrType::Wrapper(t) => setter_arg(cx, t),
        IrType::List(t) => format!("Vec<{}>", text(cx.element(t))),
        t => text(cx.element(t)),
    }
}

fn enum_surface(e: &EnumPlan) -> Enum {
    Enum {
        doc: e.def.doc.clone(),
        variants: e
            .variants
            .iter()
            .map(|(v, id)| Variant {
                name: id.source(),
                wire: v.name.clone(),
                number: v.number,
                doc: v.doc.clone(),
            })
            .collect(),
        default: e
            .default
            .and_then(|i| e.variants.get(i))
            .map(|(_, id)| id.source()),
        unknown: e.unknown.source(),
    }
}

fn union_surface(cx: &mut Cx, u: &UnionPlan) -> Union {
    Union {
        doc: u.def.doc.clone(),
        variants: u
            .variants
            .iter()
            .map(|v| UnionVariant {
                name: v.ident.source(),
                ty: text(cx.element_boxed(&v.variant.ty, v.boxed)),
                tags: v.variant.tags.clone(),
                doc: v.variant.doc.clone(),
            })
            .collect(),
        other: u.other.source(),
        discriminator: u.def.discriminator.as_ref().map(|d| d.property.clone()),
    }
}

/// A type's tokens as Rust source: `Option<Box<User>>`, `BTreeMap<String, i64>`.
fn text(tokens: TokenStream) -> String {
    let raw = tokens.to_string();
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ' ' {
            let next = chars.peek().copied();
            let prev = out.chars().last();
            if matches!(next, Some('<' | '>' | ',' | ')'))
                || matches!(prev, Some('<' | '(' | '&'))
                || prev == Some(':')
                || next == Some(':')
            {
                continue;
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn type_text_is_rust_source() {
        assert_eq!(text(quote!(Option<Box<User>>)), "Option<Box<User>>");
        assert_eq!(
            text(quote!(BTreeMap<String, Vec<i64> >)),
            "BTreeMap<String, Vec<i64>>"
        );
        assert_eq!(
            text(quote!(impl IntoIterator<Item = impl Into<String>>)),
            "impl IntoIterator<Item = impl Into<String>>"
        );
        assert_eq!(
            text(quote!(impl IntoIterator<Item = (String, i64)>)),
            "impl IntoIterator<Item = (String, i64)>"
        );
    }
}
