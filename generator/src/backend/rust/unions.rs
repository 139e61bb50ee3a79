//! Unions: an enum with a tuple variant per alternative and an `Other`
//! catch-all holding any JSON value, so that nothing the server sends is
//! lost. Serialization writes the inner value; deserialization dispatches on
//! the discriminator property, then tries the variants without a tag in
//! order, reading an object as a message variant only when it fits.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::plan::{TypeInfo, UnionPlan, UnionVariant};
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
            "The {} property selects the variant; a value with another or no tag is read as \
             the first variant without a tag that takes it whole, else kept as [`{}`](Self::{}).",
            docs::code(&d.property),
            u.other.name,
            u.other.name
        ),
        None => format!(
            "Decoding tries each variant in order (an object is read as a message variant only \
             when that message knows all its members and it has the required ones); a value \
             none of them takes whole is kept as [`{}`](Self::{}).",
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
                    Some(quote! {
                        Some(#(#tags)|*) => {
                            return #json::deserialize(value).map(Self::#id).map_err(D::Error::custom);
                        }
                    })
                })
                .collect();
            if !arms.is_empty() {
                cx.imports.insert(Import::SerdeDeError);
            }
            // Without a known tag, the variants that have none are tried.
            let untagged: Vec<&UnionVariant> = u
                .variants
                .iter()
                .filter(|v| v.variant.tags.is_empty())
                .collect();
            let tries = untagged_tries(cx, u, &untagged);
            let dispatch = (!arms.is_empty()).then(|| {
                quote! {
                    match value.get(#property).and_then(#value::as_str) {
                        #(#arms)*
                        _ => {}
                    }
                }
            });
            quote! {
                #dispatch
                #tries
                Ok(Self::#other(value))
            }
        }
        None => {
            let all: Vec<&UnionVariant> = u.variants.iter().collect();
            let tries = untagged_tries(cx, u, &all);
            quote! {
                #tries
                Ok(Self::#other(value))
            }
        }
    };

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

/// Statements trying `variants` in order on `value` (a `serde_json::Value`),
/// each returning the first that reads it: a message variant only an object
/// of its shape ([`super::plan::VariantShape`]), any other whatever decodes.
/// `null` goes to the first variant that holds `null` itself (the field
/// codec would read it as a default, `""` or `0`), else to the catch-all.
fn untagged_tries(cx: &mut Cx, u: &UnionPlan, variants: &[&UnionVariant]) -> TokenStream {
    let json = cx.json();
    let other = u.other.ident();
    let decodable: Vec<&&UnionVariant> = variants.iter().filter(|v| v.decodable).collect();
    if decodable.is_empty() {
        return TokenStream::new();
    }
    let nullable = decodable
        .iter()
        .find(|v| matches!(v.variant.ty, Type::Value | Type::Wrapper(_)));
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
    let tries = decodable.iter().map(|v| {
        let id = v.ident.ident();
        match &v.shape {
            Some(shape) => {
                let required = &shape.required;
                let read = match &shape.known {
                    Some(known) => {
                        quote!(#json::read_message(&value, &[#(#known),*], &[#(#required),*]))
                    }
                    None => quote!(#json::read_open_message(&value, &[#(#required),*])),
                };
                quote! {
                    if let Some(v) = #read {
                        return Ok(Self::#id(v));
                    }
                }
            }
            None => quote! {
                if let Ok(v) = #json::deserialize(value.clone()) {
                    return Ok(Self::#id(v));
                }
            },
        }
    });
    quote! {
        #null
        #(#tries)*
    }
}
