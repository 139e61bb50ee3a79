//! Open enums: one unit variant per value plus `UnknownValue`, `OpenEnum`,
//! serde through `enums::{serialize, deserialize}`, `json::Plain`.

use std::collections::BTreeSet;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs;
use super::plan::{EnumPlan, TypeInfo};
use super::types::{Cx, ident};

/// The enum and its impls.
pub fn open_enum(cx: &mut Cx, info: &TypeInfo, e: &EnumPlan) -> TokenStream {
    let name = ident(&info.rust);
    let unknown = e.unknown.ident();
    let unknown_type = cx.enums("UnknownEnumValue");
    let open_enum = cx.enums("OpenEnum");
    let enums = cx.enums("self");
    let serialize = cx.serde("Serialize");
    let deserialize = cx.serde("Deserialize");
    let serializer = cx.serde("Serializer");
    let deserializer = cx.serde("Deserializer");
    let json = cx.json();

    let mut doc = docs::sanitize(&e.def.doc);
    if doc.is_empty() {
        doc.push(format!("The {} enum.", docs::code(info.name)));
    }
    if !e.zero && !e.def.values.is_empty() {
        doc.push(String::new());
        doc.push(
            "No value is numbered 0, so fields of this type are optional: absent differs from \
             every value."
                .to_string(),
        );
    }
    if e.def.values.is_empty() {
        doc.push(String::new());
        doc.push(format!(
            "The API does not list its values: every value is held as [`{0}`](Self::{0}) \
             (its name or number is kept), fields of this type are optional, and the default \
             is number 0, the zero value of every protobuf enum.",
            e.unknown.name
        ));
    }
    let doc = docs::attrs(&doc);

    let variants = e.variants.iter().enumerate().map(|(i, (v, id))| {
        let mut lines = docs::sanitize(&v.doc);
        if lines.is_empty() {
            lines.push(if Some(i) == e.default {
                format!("{}: the default value.", docs::code(&v.name))
            } else {
                format!("{}.", docs::code(&v.name))
            });
        }
        let doc = docs::attrs(&lines);
        let default = (Some(i) == e.default).then(|| quote!(#[default]));
        let id = id.ident();
        quote! { #doc #default #id, }
    });
    let derive_default = e.default.is_some().then(|| quote!(Default,));

    let from_name = if e.variants.is_empty() {
        quote!(
            fn from_name(_name: &str) -> Option<Self> {
                None
            }
        )
    } else {
        let arms = e.variants.iter().map(|(v, id)| {
            let wire = &v.name;
            let id = id.ident();
            quote!(#wire => Some(Self::#id),)
        });
        quote! {
            fn from_name(name: &str) -> Option<Self> {
                match name {
                    #(#arms)*
                    _ => None,
                }
            }
        }
    };
    let mut numbers = BTreeSet::new();
    let number_arms: Vec<TokenStream> = e
        .variants
        .iter()
        .filter_map(|(v, id)| {
            let n = v.number?;
            // With aliases (several names for one number) the first wins.
            numbers.insert(n).then(|| {
                let id = id.ident();
                let n = Literal::i32_unsuffixed(n);
                quote!(#n => Some(Self::#id),)
            })
        })
        .collect();
    let from_number = if number_arms.is_empty() {
        quote!(
            fn from_number(_number: i32) -> Option<Self> {
                None
            }
        )
    } else {
        quote! {
            fn from_number(number: i32) -> Option<Self> {
                match number {
                    #(#number_arms)*
                    _ => None,
                }
            }
        }
    };
    let known_name = if e.variants.is_empty() {
        quote!(
            fn known_name(&self) -> Option<&'static str> {
                None
            }
        )
    } else {
        let arms = e.variants.iter().map(|(v, id)| {
            let wire = &v.name;
            let id = id.ident();
            quote!(Self::#id => Some(#wire),)
        });
        quote! {
            fn known_name(&self) -> Option<&'static str> {
                match self {
                    #(#arms)*
                    Self::#unknown(_) => None,
                }
            }
        }
    };
    let known_number_arms: Vec<TokenStream> = e
        .variants
        .iter()
        .filter_map(|(v, id)| {
            let n = Literal::i32_unsuffixed(v.number?);
            let id = id.ident();
            Some(quote!(Self::#id => Some(#n),))
        })
        .collect();
    let known_number = if known_number_arms.is_empty() {
        quote!(
            fn known_number(&self) -> Option<i32> {
                None
            }
        )
    } else {
        quote! {
            fn known_number(&self) -> Option<i32> {
                match self {
                    #(#known_number_arms)*
                    _ => None,
                }
            }
        }
    };
    let as_unknown = if e.variants.is_empty() {
        quote! {
            fn as_unknown(&self) -> Option<&#unknown_type> {
                let Self::#unknown(value) = self;
                Some(value)
            }
        }
    } else {
        quote! {
            fn as_unknown(&self) -> Option<&#unknown_type> {
                match self {
                    Self::#unknown(value) => Some(value),
                    _ => None,
                }
            }
        }
    };
    let plain = match e.default.and_then(|i| e.variants.get(i)) {
        Some((_, id)) if e.zero => {
            let id = id.ident();
            quote! {
                impl #json::Plain for #name {
                    fn is_default(&self) -> bool {
                        *self == Self::#id
                    }
                }
            }
        }
        _ => quote!(impl #json::Plain for #name {}),
    };

    let manual_default = e.default.is_none().then(|| {
        quote! {
            impl Default for #name {
                /// Number 0, the zero value of every protobuf enum.
                fn default() -> Self {
                    Self::#unknown(#unknown_type::from_number(0))
                }
            }
        }
    });

    quote! {
        #doc
        #[derive(Clone, Debug, #derive_default PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this version of the SDK does not know.
            #unknown(#unknown_type),
        }

        #manual_default

        impl #open_enum for #name {
            #from_name
            #from_number
            #known_name
            #known_number

            fn from_unknown(value: #unknown_type) -> Self {
                Self::#unknown(value)
            }

            #as_unknown
        }

        impl #serialize for #name {
            fn serialize<S: #serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                #enums::serialize(self, s)
            }
        }

        impl<'de> #deserialize<'de> for #name {
            fn deserialize<D: #deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                #enums::deserialize(d)
            }
        }

        #plain
    }
}
