//! Operations: `impl Client` methods, the runtime's `static Operation`
//! descriptors whose `encode` binds request fields to the path, query,
//! headers and body, and the pagination impls of list requests and responses.
//! Everything is decided in the plan ([`super::plan::bindings`]).

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::docs;
use super::plan::bindings::{BodyPlan, PathPiece, Step};
use super::plan::{MessagePlan, OpPlan, TypeInfo};
use super::types::{Cx, ident};
use crate::ir::{HttpMethod, ParamLocation};

/// The client methods of `ops` (one `impl Client` block) and their statics.
pub fn operations(cx: &mut Cx, ops: &[usize]) -> TokenStream {
    let plan = cx.plan;
    let mut methods = Vec::new();
    let mut statics = Vec::new();
    for op in ops.iter().filter_map(|&i| plan.ops.get(i)) {
        methods.push(method(cx, op));
        statics.push(descriptor(cx, op));
    }
    if methods.is_empty() {
        return TokenStream::new();
    }
    let client = cx.client();
    quote! {
        impl #client {
            #(#methods)*
        }

        #(#statics)*
    }
}

/// `Call<Req, Resp>`'s response type: the response, or `Empty`.
fn response_type(cx: &mut Cx, op: &OpPlan) -> TokenStream {
    match &op.op.response {
        Some(r) => {
            let r = cx.named(r);
            quote!(#r)
        }
        None => {
            let e = cx.wkt("Empty");
            quote!(#e)
        }
    }
}

fn method(cx: &mut Cx, op: &OpPlan) -> TokenStream {
    let name = op.method.ident();
    let request = cx.named(&op.op.request);
    let response = response_type(cx, op);
    let call = cx.rt("Call");
    let static_name = ident(&op.static_name);
    let doc = docs::attrs(&method_doc(cx, op));
    quote! {
        #doc
        pub fn #name(&self, request: #request) -> #call<#request, #response> {
            #call::new(self, &#static_name, request)
        }
    }
}

/// The operation's documentation, its HTTP line and an example.
fn method_doc(cx: &Cx, op: &OpPlan) -> Vec<String> {
    let o = op.op;
    let mut lines = docs::sanitize(&o.doc);
    if lines.is_empty() {
        lines.push(format!("Calls the {} operation.", docs::code(&o.name)));
    }
    lines.push(String::new());
    lines.push(docs::code(&format!("{} {}", o.method.as_str(), o.path)));
    if o.pagination.is_some() {
        lines.push(String::new());
        lines.push(
            "The response is one page of a list: [`Call::items`] streams every item of every \
             page, [`Call::pages`] every page."
                .to_string(),
        );
    }
    let request = &op.request;
    let setters = op.example_setters();
    let krate = &cx.options.crate_name;
    let model = &cx.options.model_module;
    let method = op.method.source();
    let bind = if o.response.is_some() {
        "let response = "
    } else {
        ""
    };
    lines.extend([
        String::new(),
        "# Example".to_string(),
        "```no_run".to_string(),
        format!("# async fn example(client: &{krate}::Client) -> Result<(), {krate}::Error> {{"),
        format!("use {krate}::{model}::{request};"),
        format!("{bind}client"),
        format!("    .{method}({request}::new(){setters})"),
        "    .await?;".to_string(),
        "# Ok(())".to_string(),
        "# }".to_string(),
        "```".to_string(),
    ]);
    lines
}

/// The `static` descriptor of an operation.
fn descriptor(cx: &mut Cx, op: &OpPlan) -> TokenStream {
    let o = op.op;
    let name = ident(&op.static_name);
    let request = cx.named(&o.request);
    let operation = cx.rt("Operation");
    let method_type = cx.rt("Method");
    let method = ident(match o.method {
        HttpMethod::Get => "Get",
        HttpMethod::Put => "Put",
        HttpMethod::Post => "Post",
        HttpMethod::Delete => "Delete",
        HttpMethod::Patch => "Patch",
    });
    let wire_name = &o.name;
    let client_method = &op.method.name;
    let path = o.path.to_string();
    let body = encode(op);
    let r = if op.binding.uses_request() {
        quote!(r)
    } else {
        quote!(_)
    };
    quote! {
        static #name: #operation<#request> = #operation {
            name: #wire_name,
            client_method: #client_method,
            method: #method_type::#method,
            path_template: #path,
            encode: |#r, p| {
                #body
                Ok(())
            },
        };
    }
}

/// The statement sending one (possibly nested, possibly oneof) field:
/// `send` receives an expression of type `&T` for the value. When an
/// enclosing message or the oneof member is not set nothing is sent. One
/// flat `if let` per field, never nested ones.
fn when_set(steps: &[Step], send: &dyn Fn(TokenStream) -> TokenStream) -> TokenStream {
    match steps {
        [] => TokenStream::new(),
        [Step::Field { ident, .. }] => {
            let name = ident.ident();
            send(quote!(&r.#name))
        }
        [member @ Step::Member { .. }] => {
            let stmt = send(quote!(v));
            let (holder, pattern) = member_pattern(member);
            quote! {
                if let Some(#pattern) = &r.#holder {
                    #stmt
                }
            }
        }
        [container @ .., Step::Field { ident, .. }] => {
            let name = ident.ident();
            let stmt = send(quote!(&v.#name));
            let value = match container {
                [Step::Field { ident: c, .. }] => {
                    let c = c.ident();
                    quote!(&r.#c)
                }
                _ => optional_value(container, false),
            };
            quote! {
                if let Some(v) = #value {
                    #stmt
                }
            }
        }
        _ => {
            let stmt = send(quote!(v));
            let value = optional_value(steps, true);
            quote! {
                if let Some(v) = #value {
                    #stmt
                }
            }
        }
    }
}

/// The holder field of a oneof member and the pattern `Enum::Variant(v)`;
/// nothing for a field of its own.
fn member_pattern(step: &Step) -> (Ident, TokenStream) {
    match step {
        Step::Member {
            holder,
            enum_name,
            variant,
            ..
        } => {
            let enum_name = ident(enum_name);
            let variant = variant.ident();
            (holder.ident(), quote!(#enum_name::#variant(v)))
        }
        Step::Field { ident, .. } => (ident.ident(), TokenStream::new()),
    }
}

/// An `Option<&T>` expression following `steps` from `r`: each step is a
/// singular message field or a oneof member. With `leaf`, the last step is
/// the value itself (a plain field is then borrowed, not unwrapped).
fn optional_value(steps: &[Step], leaf: bool) -> TokenStream {
    let mut expr: Option<TokenStream> = None;
    let count = steps.len();
    for (i, step) in steps.iter().enumerate() {
        let last = leaf && i + 1 == count;
        let base = if expr.is_some() { quote!(v) } else { quote!(r) };
        let access = match step {
            Step::Field { ident, boxed, .. } => {
                let name = ident.ident();
                if last {
                    quote!(&#base.#name)
                } else if *boxed {
                    quote!(#base.#name.as_deref())
                } else {
                    quote!(#base.#name.as_ref())
                }
            }
            Step::Member { .. } => {
                let (holder, pattern) = member_pattern(step);
                quote! {
                    match &#base.#holder {
                        Some(#pattern) => Some(v),
                        _ => None,
                    }
                }
            }
        };
        let own_leaf = last && matches!(step, Step::Field { .. });
        expr = Some(match (expr, own_leaf) {
            (None, true) => quote!(Some(#access)),
            (None, false) => access,
            (Some(e), true) => quote!(#e.map(|v| #access)),
            (Some(e), false) => quote!(#e.and_then(|v| #access)),
        });
    }
    expr.unwrap_or_default()
}

/// The body of `encode`.
fn encode(op: &OpPlan) -> TokenStream {
    let b = &op.binding;
    let mut out = TokenStream::new();
    for piece in &b.path {
        match piece {
            PathPiece::Literal(text) => out.extend(quote!(p.path(#text);)),
            PathPiece::Param {
                name,
                steps,
                pattern,
            } => {
                let value = match steps.as_slice() {
                    [Step::Field { ident, .. }] => {
                        let field = ident.ident();
                        quote!(&r.#field)
                    }
                    _ => {
                        let value = optional_value(steps, true);
                        quote!(#value.unwrap_or(&Default::default()))
                    }
                };
                out.extend(match pattern {
                    None => quote!(p.path_param(#name, #value)?;),
                    Some(pattern) => quote!(p.path_param_matching(#name, #value, #pattern)?;),
                });
            }
        }
    }
    for param in &b.params {
        let wire = param.param.name.as_str();
        let call = match (param.param.location, param.always) {
            (ParamLocation::Path, _) => continue,
            (ParamLocation::Query, false) => quote!(query),
            (ParamLocation::Query, true) => quote!(query_required),
            (ParamLocation::Header, false) => quote!(header),
            (ParamLocation::Header, true) => quote!(header_required),
            (ParamLocation::Cookie, false) => quote!(cookie),
            (ParamLocation::Cookie, true) => quote!(cookie_required),
        };
        out.extend(when_set(
            &param.steps,
            &|value| quote!(p.#call(#wire, #value);),
        ));
    }
    match &b.body {
        None => {}
        Some(BodyPlan::All { except }) => {
            if except.iter().all(|path| path.len() == 1) {
                let names = except.iter().flatten();
                out.extend(quote!(p.body_except(r, &[#(#names),*])?;));
            } else {
                let paths = json_paths(except);
                out.extend(quote!(p.body_without(r, &[#(#paths),*])?;));
            }
        }
        Some(BodyPlan::Field { field, except }) => {
            let field = field.ident();
            if except.is_empty() {
                out.extend(quote!(p.body(&r.#field)?;));
            } else {
                let paths = json_paths(except);
                out.extend(quote!(p.body_without(&r.#field, &[#(#paths),*])?;));
            }
        }
    }
    out
}

/// `&["book", "name"]` for each path of JSON names.
fn json_paths(paths: &[Vec<String>]) -> Vec<TokenStream> {
    paths.iter().map(|path| quote!(&[#(#path),*])).collect()
}

/// `impl PageRequest` / `impl PageResponse` for a message with a
/// pagination role.
pub fn page_impls(cx: &mut Cx, info: &TypeInfo, m: &MessagePlan) -> TokenStream {
    let mut out = TokenStream::new();
    if let Some(role) = &m.page_request {
        let field = role.token.ident();
        let value = if role.token_is_option {
            quote!(Some(token))
        } else {
            quote!(token)
        };
        let ty = cx.named(info.name);
        let page_request = cx.pagination("PageRequest");
        out.extend(quote! {
            impl #page_request for #ty {
                fn set_page_token(&mut self, token: String) {
                    self.#field = #value;
                }
            }
        });
    }
    if let Some(role) = &m.page_response {
        let next_field = role.next.ident();
        let next_value = if role.next_is_option {
            quote!(self.#next_field.as_deref().unwrap_or_default())
        } else {
            quote!(&self.#next_field)
        };
        let item = cx.element(role.item);
        let items_field = role.items.ident();
        let ty = cx.named(info.name);
        let page_response = cx.pagination("PageResponse");
        out.extend(quote! {
            impl #page_response for #ty {
                type Item = #item;

                fn next_page_token(&self) -> &str {
                    #next_value
                }

                fn into_items(self) -> Vec<#item> {
                    self.#items_field
                }
            }
        });
    }
    out
}
