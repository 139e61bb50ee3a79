//! Rust types of IR types (the mapping table of `ARCHITECTURE.md`), setter
//! signatures, and the per-file context that records what a file imports.

use std::collections::BTreeSet;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{ToTokens, quote};

use super::Options;
use super::plan::{Detail, Plan};
use crate::ir::Type;

/// One imported name. The order of the variants is the order of the `use`
/// lines.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Import {
    /// `std::collections::BTreeMap`.
    BTreeMap,
    /// `serde::{...}`.
    Serde(&'static str),
    /// `serde::de::Error as _`, for `D::Error::custom`.
    SerdeDeError,
    /// `crate::rt::enums::{...}` (`self` for the module).
    Enums(&'static str),
    /// `crate::rt::pagination::{...}`.
    Pagination(&'static str),
    /// `crate::rt::wkt::{...}`.
    Wkt(&'static str),
    /// `crate::rt::{...}`.
    Rt(&'static str),
    /// `super::client::Client`: the API's client type.
    Client,
    /// `super::{...}`: a generated type defined in another file.
    Super(String),
}

/// The file being printed: the plan, its module and what it uses.
pub struct Cx<'p, 'a> {
    pub plan: &'p Plan<'a>,
    pub options: &'p Options,
    /// File stem of the module being printed.
    pub module: String,
    pub imports: BTreeSet<Import>,
}

/// An identifier token from a name known to be valid.
pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

impl<'p, 'a> Cx<'p, 'a> {
    /// A context for the module `module`.
    pub fn new(plan: &'p Plan<'a>, options: &'p Options, module: &str) -> Self {
        Cx {
            plan,
            options,
            module: module.to_string(),
            imports: BTreeSet::new(),
        }
    }

    /// `name` from `crate::rt`, imported.
    pub fn rt(&mut self, name: &'static str) -> Ident {
        self.imports.insert(Import::Rt(name));
        ident(name)
    }

    /// The API's `Client` type, imported.
    pub fn client(&mut self) -> Ident {
        self.imports.insert(Import::Client);
        ident("Client")
    }

    /// `name` from `serde`, imported.
    pub fn serde(&mut self, name: &'static str) -> Ident {
        self.imports.insert(Import::Serde(name));
        ident(name)
    }

    /// `name` from `crate::rt::enums`, imported (`enums` for the module).
    pub fn enums(&mut self, name: &'static str) -> Ident {
        self.imports.insert(Import::Enums(name));
        ident(if name == "self" { "enums" } else { name })
    }

    /// `name` from `crate::rt::pagination`, imported.
    pub fn pagination(&mut self, name: &'static str) -> Ident {
        self.imports.insert(Import::Pagination(name));
        ident(name)
    }

    /// `name` from `crate::rt::wkt`, imported.
    pub fn wkt(&mut self, name: &'static str) -> Ident {
        self.imports.insert(Import::Wkt(name));
        ident(name)
    }

    /// The `json` codec module.
    pub fn json(&mut self) -> Ident {
        self.rt("json")
    }

    /// The Rust name of the generated type `name`, imported from `super`
    /// when it lives in another file.
    pub fn named(&mut self, name: &str) -> Ident {
        match self.plan.types.get(name) {
            Some(info) => {
                if info.module != self.module {
                    self.imports.insert(Import::Super(info.rust.clone()));
                }
                ident(&info.rust)
            }
            // Unreachable after validation; keep the IR name visible.
            None => ident(&super::idents::type_name(&self.plan.words, name, "Type")),
        }
    }

    /// The Rust type of a value in a list, map, wrapper or union variant.
    pub fn element(&mut self, ty: &Type) -> TokenStream {
        match ty {
            Type::Bool => quote!(bool),
            Type::Int32 => quote!(i32),
            Type::Int64 => quote!(i64),
            Type::Uint32 => quote!(u32),
            Type::Uint64 => quote!(u64),
            Type::Float => quote!(f32),
            Type::Double => quote!(f64),
            Type::String => quote!(String),
            Type::Bytes => quote!(Vec<u8>),
            Type::Timestamp => self.wkt("Timestamp").into_token_stream(),
            Type::Duration => self.wkt("Duration").into_token_stream(),
            Type::FieldMask => self.wkt("FieldMask").into_token_stream(),
            Type::Struct => self.wkt("Struct").into_token_stream(),
            Type::Value => self.wkt("Value").into_token_stream(),
            Type::ListValue => self.wkt("ListValue").into_token_stream(),
            Type::NullValue => self.wkt("NullValue").into_token_stream(),
            Type::Any => self.wkt("Any").into_token_stream(),
            Type::Empty => self.wkt("Empty").into_token_stream(),
            Type::Wrapper(t) => {
                let t = self.element(t);
                quote!(Option<#t>)
            }
            Type::List(t) => {
                let t = self.element(t);
                quote!(Vec<#t>)
            }
            Type::Map(k, v) => {
                let k = self.element(k);
                let v = self.element(v);
                self.imports.insert(Import::BTreeMap);
                quote!(BTreeMap<#k, #v>)
            }
            Type::Named(n) => self.named(n).into_token_stream(),
        }
    }

    /// The element type, boxed when `boxed`.
    pub fn element_boxed(&mut self, ty: &Type, boxed: bool) -> TokenStream {
        let t = self.element(ty);
        if boxed { quote!(Box<#t>) } else { t }
    }

    /// Whether a singular field of this type is held in an `Option`.
    pub fn singular_is_option(&self, ty: &Type, optional: bool) -> bool {
        self.plan.singular_is_option(ty, optional)
    }

    /// The Rust type of a singular (struct) field.
    pub fn field(&mut self, ty: &Type, optional: bool, boxed: bool) -> TokenStream {
        match ty {
            // A wrapper is already `Option<T>`.
            Type::Wrapper(_) | Type::List(_) | Type::Map(..) => self.element(ty),
            _ => {
                let inner = self.element_boxed(ty, boxed);
                if self.singular_is_option(ty, optional) {
                    quote!(Option<#inner>)
                } else {
                    inner
                }
            }
        }
    }

    /// Parameter type and value expression of a setter taking `value` and
    /// storing it in a field of type `ty` (before any `Some`/`Box` wrapping).
    pub fn setter_input(&mut self, ty: &Type) -> (TokenStream, TokenStream) {
        match ty {
            Type::Bool
            | Type::Int32
            | Type::Int64
            | Type::Uint32
            | Type::Uint64
            | Type::Float
            | Type::Double
            | Type::NullValue => (self.element(ty), quote!(value)),
            Type::Named(n) if self.is_enum(n) => (self.element(ty), quote!(value)),
            Type::Wrapper(t) => self.setter_input(t),
            Type::List(t) => {
                let t = self.element(t);
                (
                    quote!(impl IntoIterator<Item = impl Into<#t>>),
                    quote!(value.into_iter().map(Into::into).collect()),
                )
            }
            Type::Map(k, v) => {
                let k = self.element(k);
                let v = self.element(v);
                (
                    quote!(impl IntoIterator<Item = (#k, #v)>),
                    quote!(value.into_iter().collect()),
                )
            }
            _ => {
                let t = self.element(ty);
                (quote!(impl Into<#t>), quote!(value.into()))
            }
        }
    }

    fn is_enum(&self, name: &str) -> bool {
        matches!(
            self.plan.types.get(name).map(|t| &t.detail),
            Some(Detail::Enum(_))
        )
    }
}

/// The `use` lines for a set of imports, in a fixed order.
pub fn use_lines(imports: &BTreeSet<Import>) -> TokenStream {
    let pick = |f: &dyn Fn(&Import) -> Option<String>| -> Vec<Ident> {
        imports.iter().filter_map(f).map(|s| ident(&s)).collect()
    };
    let mut out = TokenStream::new();
    let group = |path: TokenStream, mut items: Vec<Ident>| -> TokenStream {
        // `self`, then modules, then types, as rustfmt orders them.
        items.sort_by_key(|i| {
            let s = i.to_string();
            (
                s != "self",
                s.starts_with(|c: char| c.is_ascii_uppercase()),
                s,
            )
        });
        match items.as_slice() {
            [] => TokenStream::new(),
            [one] => quote!(use #path::#one;),
            _ => quote!(use #path::{#(#items),*};),
        }
    };
    if imports.contains(&Import::BTreeMap) {
        out.extend(quote!(
            use std::collections::BTreeMap;
        ));
    }
    out.extend(group(
        quote!(serde),
        pick(&|i| match i {
            Import::Serde(s) => Some(s.to_string()),
            _ => None,
        }),
    ));
    if imports.contains(&Import::SerdeDeError) {
        out.extend(quote!(
            use serde::de::Error as _;
        ));
    }
    out.extend(group(
        quote!(crate::rt::enums),
        pick(&|i| match i {
            Import::Enums(s) => Some(s.to_string()),
            _ => None,
        }),
    ));
    out.extend(group(
        quote!(crate::rt::pagination),
        pick(&|i| match i {
            Import::Pagination(s) => Some(s.to_string()),
            _ => None,
        }),
    ));
    out.extend(group(
        quote!(crate::rt::wkt),
        pick(&|i| match i {
            Import::Wkt(s) => Some(s.to_string()),
            _ => None,
        }),
    ));
    out.extend(group(
        quote!(crate::rt),
        pick(&|i| match i {
            Import::Rt(s) => Some(s.to_string()),
            _ => None,
        }),
    ));
    if imports.contains(&Import::Client) {
        out.extend(quote!(
            use super::client::Client;
        ));
    }
    out.extend(group(
        quote!(super),
        pick(&|i| match i {
            Import::Super(s) => Some(s.clone()),
            _ => None,
        }),
    ));
    out
}
