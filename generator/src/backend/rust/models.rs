//! Messages: a struct with serde attributes, `new` and `with_*` setters,
//! `json::Plain`, and one enum per oneof.
//!
//! A message with oneofs is written through its struct (each oneof's enum
//! flattened into it) but read through a private wire struct where every
//! oneof member is an `Option` field of its own: serde turns any error
//! inside a flattened `Option` into `None`, which would drop bad values and
//! let two members through.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::plan::{AdditionalPlan, FieldPlan, Member, MessagePlan, OneofPlan, TypeInfo};
use super::types::{Cx, ident};
use crate::ir::{Field, Type, WireFormat};

/// The struct of a message and everything attached to it.
pub fn message(cx: &mut Cx, info: &TypeInfo, m: &MessagePlan) -> TokenStream {
    let name = ident(&info.rust);
    let doc = docs::attrs(&type_doc(cx, info, m));
    let serialize = cx.serde("Serialize");
    let json = cx.json();

    // Read through the struct itself, unless a wire struct reads it.
    let mut aliases = m.wire.is_none().then(|| Aliases::new(m));
    let mut fields = Vec::new();
    let mut setters = Vec::new();
    let mut oneof_enums = Vec::new();
    for member in &m.members {
        match member {
            Member::Field(f) => {
                fields.push(own_field(cx, f, aliases.as_mut()));
                setters.push(own_setter(cx, f));
            }
            Member::Oneof(o) => {
                fields.push(oneof_field(info, o));
                for v in &o.variants {
                    setters.push(member_setter(cx, o, v));
                }
                oneof_enums.push(oneof_enum(cx, info, o));
            }
        }
    }
    if let Some(a) = &m.additional {
        fields.push(additional_field(cx, a));
        setters.push(additional_setter(cx, a));
    }

    let deserialize = cx.serde("Deserialize");
    let (read_attr, wire) = match &m.wire {
        None => (quote!(#[serde(default)]), TokenStream::new()),
        Some(wire) => (
            quote!(#[serde(try_from = #wire)]),
            wire_struct(cx, info, m, wire),
        ),
    };

    quote! {
        #doc
        #[derive(Clone, Debug, Default, PartialEq, #serialize, #deserialize)]
        #read_attr
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            /// Creates a value with every field at its default.
            pub fn new() -> Self {
                Self::default()
            }

            #(#setters)*
        }

        impl #json::Plain for #name {}

        #wire

        #(#oneof_enums)*
    }
}

/// The private struct a message with oneofs is read through
/// (`#[serde(try_from)]`), and the conversion that takes each oneof's value
/// from its members.
fn wire_struct(cx: &mut Cx, info: &TypeInfo, m: &MessagePlan, wire: &str) -> TokenStream {
    let name = ident(&info.rust);
    let wire = ident(wire);
    let deserialize = cx.serde("Deserialize");
    let json = cx.json();

    let mut aliases = Aliases::new(m);
    let mut fields = Vec::new();
    let mut values = Vec::new();
    for member in &m.members {
        match member {
            Member::Field(f) => {
                let attr = serde_attr(cx, &f.ident.name, f.field, aliases.claim(f.field), false);
                let id = f.ident.ident();
                let ty = cx.field(&f.field.ty, f.field.optional, f.boxed);
                fields.push(quote!(#attr #id: #ty,));
                values.push(quote!(#id: w.#id,));
            }
            Member::Oneof(o) => {
                let enum_name = ident(&o.enum_name);
                let mut members = Vec::new();
                for v in &o.variants {
                    let attr =
                        serde_attr(cx, &v.ident.name, v.field, aliases.claim(v.field), false);
                    let id = v.ident.ident();
                    let ty = cx.element_boxed(&v.field.ty, v.boxed);
                    fields.push(quote!(#attr #id: Option<#ty>,));
                    let json_name = &v.field.json_name;
                    let variant = v.variant.ident();
                    members.push(quote!((#json_name, w.#id.map(#enum_name::#variant))));
                }
                let oneof = &o.oneof.name;
                let holder = o.ident.ident();
                values.push(quote!(#holder: #json::oneof(#oneof, [#(#members),*])?,));
            }
        }
    }
    if let Some(a) = &m.additional {
        let id = a.ident.ident();
        let map = cx.element(&Type::Map(Box::new(Type::String), Box::new(a.ty.clone())));
        fields.push(quote! {
            #[serde(flatten, deserialize_with = "json::Codec::decode")]
            #id: #map,
        });
        values.push(quote!(#id: w.#id,));
    }
    let doc = format!(
        " [`{}`] as read: each oneof member is a field of its own.",
        info.rust
    );
    quote! {
        #[doc = #doc]
        #[derive(Default, #deserialize)]
        #[serde(default)]
        struct #wire {
            #(#fields)*
        }

        impl TryFrom<#wire> for #name {
            type Error = #json::OneofError;

            fn try_from(w: #wire) -> Result<Self, #json::OneofError> {
                Ok(Self {
                    #(#values)*
                })
            }
        }
    }
}

/// The documentation of a message: its own, or what it is for.
fn type_doc(cx: &Cx, info: &TypeInfo, m: &MessagePlan) -> Vec<String> {
    let own = docs::sanitize(&m.message.doc);
    if !own.is_empty() {
        return own;
    }
    let links = |ops: &[usize]| -> String {
        let links: Vec<String> = ops
            .iter()
            .filter_map(|&i| cx.plan.ops.get(i))
            .map(|o| method_link(cx, &o.method.name))
            .collect();
        match links.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
        }
    };
    let mut sentences = Vec::new();
    if !m.request_of.is_empty() {
        sentences.push(format!("Request message for {}.", links(&m.request_of)));
    }
    if !m.response_of.is_empty() {
        sentences.push(format!("Response message of {}.", links(&m.response_of)));
    }
    if sentences.is_empty() {
        sentences.push(format!("The {} message.", docs::code(info.name)));
    }
    vec![sentences.join(" ")]
}

/// An intra-doc link to a client method. Files without operations do not
/// import `Client`, so they spell the path out.
pub fn method_link(cx: &Cx, method: &str) -> String {
    let has_client = cx
        .plan
        .modules
        .get(&cx.module)
        .is_some_and(|m| !m.ops.is_empty());
    if has_client {
        format!("[`Client::{method}`]")
    } else {
        format!("[`Client::{method}`](super::client::Client::{method})")
    }
}

/// Documentation of a field: its own, or a generated sentence.
fn field_doc(f: &Field) -> Vec<String> {
    let mut lines = docs::sanitize(&f.doc);
    if lines.is_empty() {
        lines.push(format!("The {} field.", docs::code(&f.name)));
    }
    if f.required {
        lines.push(String::new());
        lines.push("Required by the API.".to_string());
    }
    if f.input_only {
        lines.push(String::new());
        lines.push("Input-only: sent in requests, never returned by the API.".to_string());
    }
    if f.output_only {
        lines.push(String::new());
        lines.push("Output-only: set by the API, ignored in requests.".to_string());
    }
    if f.deprecated {
        lines.push(String::new());
        lines.push("Deprecated by the API.".to_string());
    }
    lines
}

/// The source names a message's fields may also be read under: never
/// another field's JSON name, never twice.
struct Aliases {
    claimed: BTreeSet<String>,
}

impl Aliases {
    fn new(m: &MessagePlan) -> Aliases {
        Aliases {
            claimed: m
                .message
                .fields
                .iter()
                .map(|f| f.json_name.clone())
                .collect(),
        }
    }

    /// Claims `f`'s source name as an alias, if it differs from its JSON
    /// name and is free.
    fn claim(&mut self, f: &Field) -> Option<String> {
        (f.name != f.json_name && self.claimed.insert(f.name.clone())).then(|| f.name.clone())
    }
}

/// `#[serde(rename = .., alias = .., with = "json", skip_serializing_if = ..)]`.
fn serde_attr(
    cx: &mut Cx,
    serde_name: &str,
    f: &Field,
    alias: Option<String>,
    skip: bool,
) -> TokenStream {
    let mut parts = Vec::new();
    if serde_name != f.json_name {
        let json_name = &f.json_name;
        parts.push(quote!(rename = #json_name));
    }
    if let Some(source) = alias {
        parts.push(quote!(alias = #source));
    }
    cx.json();
    if cx.plan.api.wire == WireFormat::Json && holds_int64(&f.ty) {
        parts.push(quote!(with = "json::plain"));
    } else {
        parts.push(quote!(with = "json"));
    }
    if skip {
        parts.extend(skip_if(cx, f));
    }
    quote!(#[serde(#(#parts),*)])
}

/// When a field is left out of the JSON: at its default, except that a
/// plain-JSON API's required field is always written (a server checking
/// `required` refuses a request without it), unless it is unset and cannot
/// be `null`.
fn skip_if(cx: &Cx, f: &Field) -> Option<TokenStream> {
    if cx.plan.api.wire != WireFormat::Json || !f.required {
        return Some(quote!(skip_serializing_if = "json::is_default"));
    }
    let held_as_option = match &f.ty {
        Type::Wrapper(_) => true,
        Type::List(_) | Type::Map(..) => false,
        ty => cx.singular_is_option(ty, false),
    };
    (held_as_option && !f.optional).then(|| quote!(skip_serializing_if = "Option::is_none"))
}

/// Whether values of `ty` contain 64-bit integers, which plain JSON writes
/// as numbers and protojson as strings.
fn holds_int64(ty: &Type) -> bool {
    match ty {
        Type::Int64 | Type::Uint64 => true,
        Type::List(t) | Type::Wrapper(t) => holds_int64(t),
        Type::Map(_, v) => holds_int64(v),
        _ => false,
    }
}

/// A field of its own (not a oneof member); `aliases` when the struct is read through its own derive.
fn own_field(cx: &mut Cx, f: &FieldPlan, aliases: Option<&mut Aliases>) -> TokenStream {
    let doc = docs::attrs(&field_doc(f.field));
    let alias = aliases.and_then(|a| a.claim(f.field));
    let attr = serde_attr(cx, &f.ident.name, f.field, alias, true);
    let name = f.ident.ident();
    let ty = cx.field(&f.field.ty, f.field.optional, f.boxed);
    quote! {
        #doc
        #attr
        pub #name: #ty,
    }
}

/// `with_x`: takes the value in its most convenient form.
fn own_setter(cx: &mut Cx, f: &FieldPlan) -> TokenStream {
    let setter = ident(&f.setter);
    let name = f.ident.ident();
    let (input, mut value) = cx.setter_input(&f.field.ty);
    if f.boxed {
        value = quote!(Box::new(#value));
    }
    let is_option = match &f.field.ty {
        Type::Wrapper(_) => true,
        ty => cx.singular_is_option(ty, f.field.optional),
    };
    if is_option {
        value = quote!(Some(#value));
    }
    let doc = format!(" Sets [`{0}`](Self::{0}).", f.ident.name);
    let deprecated = f.field.deprecated.then(|| quote!(#[deprecated]));
    quote! {
        #[doc = #doc]
        #deprecated
        pub fn #setter(mut self, value: #input) -> Self {
            self.#name = #value;
            self
        }
    }
}

fn oneof_field(info: &TypeInfo, o: &OneofPlan) -> TokenStream {
    let mut lines = docs::sanitize(&o.oneof.doc);
    if lines.is_empty() {
        lines.push(format!(
            "Which member of the {} oneof of {} is set, if any.",
            docs::code(&o.oneof.name),
            docs::code(info.name)
        ));
    }
    let doc = docs::attrs(&lines);
    let name = o.ident.ident();
    let ty = ident(&o.enum_name);
    quote! {
        #doc
        #[serde(flatten)]
        pub #name: Option<#ty>,
    }
}

fn member_setter(cx: &mut Cx, o: &OneofPlan, v: &super::plan::OneofVariant) -> TokenStream {
    let setter = ident(&v.setter);
    let holder = o.ident.ident();
    let enum_name = ident(&o.enum_name);
    let variant = v.variant.ident();
    let (input, mut value) = cx.setter_input(&v.field.ty);
    if v.boxed {
        value = quote!(Box::new(#value));
    }
    // A wrapper member holds `Option<T>`; the setter takes the `T`.
    if matches!(v.field.ty, Type::Wrapper(_)) {
        value = quote!(Some(#value));
    }
    let doc = format!(
        " Sets [`{0}`](Self::{0}) to [`{1}::{2}`].",
        o.ident.name, o.enum_name, v.variant.name
    );
    let deprecated = v.field.deprecated.then(|| quote!(#[deprecated]));
    quote! {
        #[doc = #doc]
        #deprecated
        pub fn #setter(mut self, value: #input) -> Self {
            self.#holder = Some(#enum_name::#variant(#value));
            self
        }
    }
}

/// The enum of a oneof: one variant per member, written under the member's
/// JSON name when the holding struct is serialized (`#[serde(flatten)]`);
/// read through the message's wire struct.
fn oneof_enum(cx: &mut Cx, info: &TypeInfo, o: &OneofPlan) -> TokenStream {
    let mut lines = docs::sanitize(&o.oneof.doc);
    if lines.is_empty() {
        lines.push(format!(
            "The {} oneof of [`{}`]: at most one member is set.",
            docs::code(&o.oneof.name),
            info.rust
        ));
    }
    let doc = docs::attrs(&lines);
    let name = ident(&o.enum_name);
    let serialize = cx.serde("Serialize");
    let variants: Vec<TokenStream> = o
        .variants
        .iter()
        .map(|v| {
            let doc = docs::attrs(&field_doc(v.field));
            let attr = serde_attr(cx, &v.variant.name, v.field, None, false);
            let variant = v.variant.ident();
            let ty = cx.element_boxed(&v.field.ty, v.boxed);
            quote! {
                #doc
                #attr
                #variant(#ty),
            }
        })
        .collect();
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, #serialize)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
        }
    }
}

fn additional_field(cx: &mut Cx, a: &AdditionalPlan) -> TokenStream {
    let name = a.ident.ident();
    let map = cx.element(&Type::Map(Box::new(Type::String), Box::new(a.ty.clone())));
    cx.json();
    // `json::deserialize` reads through `deserialize_option`, which serde's
    // flatten does not support; `Codec::decode` is the same minus `null`.
    quote! {
        /// Properties not named by the other fields.
        #[serde(
            flatten,
            serialize_with = "json::serialize",
            deserialize_with = "json::Codec::decode"
        )]
        pub #name: #map,
    }
}

fn additional_setter(cx: &mut Cx, a: &AdditionalPlan) -> TokenStream {
    let setter = ident(&a.setter);
    let name = a.ident.ident();
    let v = cx.element(a.ty);
    let doc = format!(" Sets [`{0}`](Self::{0}).", a.ident.name);
    quote! {
        #[doc = #doc]
        pub fn #setter(mut self, value: impl IntoIterator<Item = (String, #v)>) -> Self {
            self.#name = value.into_iter().collect();
            self
        }
    }
}
