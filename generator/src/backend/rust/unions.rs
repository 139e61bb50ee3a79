//! Unions: an enum with a tuple variant per alternative and an `Other`
//! catch-all holding any JSON value, so that nothing the server sends is
//! lost. Serialization writes the inner value; deserialization dispatches on
//! the discriminator property, or tries the variants in order.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::plan::{TypeInfo, UnionPlan};
use super::types::{Cx, Import, ident};
use crate::ir::Type;

/// The enum and its impls.
pub fn union(cx: &mut Cx, info: &TypeInfo, u: &UnionPlan) -> TokenStream {
    let name = ident(&info.rust);
    let other = u.other.ident();
    let value = cx.wkt("Value");
    let serialize = cx.serde("Serialize");
    let deserialize = cx.serde("Deserialize");
    let serializer = cx.serde("Serializer");
    let deserializer = cx.serde("Deserializer");
    let json = cx.json();

    let mut doc = docs::sanitize(&u.def.doc);
    if doc.is_empty() {
        doc.push(format!("The {} union.", docs::code(info.name)));
    }
    doc.push(String::new());
    doc.push(match &u.def.discriminator {
        Some(d) => format!(
            "The {} property selects the variant; a value with another or no tag is kept as \
             [`{}`](Self::{}).",
            docs::code(&d.property),
            u.other.name,
            u.other.name
        ),
        None => format!(
            "Decoding tries each variant in order; a value none of them accepts is kept as \
             [`{}`](Self::{}).",
            u.other.name, u.other.name
        ),
    });
    let doc = docs::attrs(&doc);

    let mut variants = Vec::new();
    let mut ser_arms = Vec::new();
    for uv in &u.variants {
        let v = uv.variant;
        let mut lines = docs::sanitize(&v.doc);
        if lines.is_empty() {
            lines.push(format!(
                "A value of type {}.",
                docs::code(&v.ty.to_string())
            ));
        }
        if !uv.decodable {
            lines.push(String::new());
            lines.push(
                "Decoding never produces this variant: its type holds this union again at the \
                 same level, so trying it would not end."
                    .to_string(),
            );
        }
        let doc = docs::attrs(&lines);
        let ty = cx.element_boxed(&v.ty, uv.boxed);
        let id = uv.ident.ident();
        variants.push(quote! { #doc #id(#ty), });
        ser_arms.push(quote!(Self::#id(v) => #json::serialize(v, s),));
    }
    let decode = match &u.def.discriminator {
        Some(d) => {
            let property = &d.property;
            // A tag listed by several variants selects the first.
            let mut seen = std::collections::BTreeSet::new();
            let arms: Vec<TokenStream> = u
                .variants
                .iter()
                .filter(|v| v.decodable)
                .filter_map(|v| {
                    let tags: Vec<&String> = v
                        .variant
                        .tags
                        .iter()
                        .filter(|t| seen.insert(t.as_str()))
                        .collect();
                    if tags.is_empty() {
                        return None;
                    }
                    let id = v.ident.ident();
                    Some(quote!(Some(#(#tags)|*) => #json::deserialize(value).map(Self::#id),))
                })
                .collect();
            quote! {
                let decoded = match value.get(#property).and_then(#value::as_str) {
                    #(#arms)*
                    _ => return Ok(Self::#other(value)),
                };
                decoded.map_err(D::Error::custom)
            }
        }
        None => {
            let tries = u.variants.iter().filter(|v| v.decodable).map(|v| {
                let id = v.ident.ident();
                quote! {
                    if let Ok(v) = #json::deserialize(value.clone()) {
                        return Ok(Self::#id(v));
                    }
                }
            });
            // The field codec reads `null` as a default (`""`, `0`): `null`
            // goes to the first variant that holds `null` itself, else
            // to the catch-all.
            let nullable = u
                .variants
                .iter()
                .find(|v| v.decodable && matches!(v.variant.ty, Type::Value | Type::Wrapper(_)));
            let null = match nullable {
                Some(v) => {
                    let id = v.ident.ident();
                    quote! {
                        if value.is_null() {
                            if let Ok(v) = #json::deserialize(value.clone()) {
                                return Ok(Self::#id(v));
                            }
                            return Ok(Self::#other(value));
                        }
                    }
                }
                None => quote! {
                    if value.is_null() {
                        return Ok(Self::#other(value));
                    }
                },
            };
            quote! {
                #null
                #(#tries)*
                Ok(Self::#other(value))
            }
        }
    };
    if u.def.discriminator.is_some() {
        cx.imports.insert(Import::SerdeDeError);
    }

    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value matching no known variant, as received.
            #other(#value),
        }

        impl Default for #name {
            fn default() -> Self {
                Self::#other(#value::Null)
            }
        }

        impl #serialize for #name {
            fn serialize<S: #serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#ser_arms)*
                    Self::#other(v) => #json::serialize(v, s),
                }
            }
        }

        impl<'de> #deserialize<'de> for #name {
            fn deserialize<D: #deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let value = #value::deserialize(d)?;
                #decode
            }
        }

        impl #json::Plain for #name {}
    }
}
