//! Operations: `impl Client` methods, the runtime's `static Operation`
//! descriptors whose `encode` binds request fields to the path, query,
//! headers and body, and the pagination impls of list requests and responses.

use std::collections::BTreeMap;

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::docs;
use super::plan::{FieldRef, MessagePlan, OneofPlan, OneofVariant, OpPlan, Plan, op_loc};
use super::types::{Cx, ident};
use crate::ir::{Body, HttpMethod, ParamLocation, Type};
use crate::{Error, Result};

/// The client methods of `ops` (one `impl Client` block) and their statics.
pub fn operations(cx: &mut Cx, ops: &[usize]) -> Result<TokenStream> {
    let plan = cx.plan;
    let mut methods = Vec::new();
    let mut statics = Vec::new();
    for op in ops.iter().filter_map(|&i| plan.ops.get(i)) {
        methods.push(method(cx, op)?);
        statics.push(descriptor(cx, op)?);
    }
    if methods.is_empty() {
        return Ok(TokenStream::new());
    }
    let client = cx.client();
    Ok(quote! {
        impl #client {
            #(#methods)*
        }

        #(#statics)*
    })
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

fn method(cx: &mut Cx, op: &OpPlan) -> Result<TokenStream> {
    let name = op.method.ident();
    let request = cx.named(&op.op.request);
    let response = response_type(cx, op);
    let call = cx.rt("Call");
    let static_name = ident(&op.static_name);
    let doc = docs::attrs(&method_doc(cx, op)?);
    let allow = (op.method.name.starts_with("into_") || op.method.name.starts_with("from_"))
        .then(|| quote!(#[allow(clippy::wrong_self_convention)]));
    Ok(quote! {
        #doc
        #allow
        pub fn #name(&self, request: #request) -> #call<#request, #response> {
            #call::new(self, &#static_name, request)
        }
    })
}

/// The operation's documentation, its HTTP line and an example.
fn method_doc(cx: &Cx, op: &OpPlan) -> Result<Vec<String>> {
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
    let (request, setters) = example_request(cx.plan, op)?;
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
    Ok(lines)
}

/// The request type of an example call, and the setters that fill its path
/// parameters with placeholders (`.with_id("...")`).
pub fn example_request(plan: &Plan, op: &OpPlan) -> Result<(String, String)> {
    let o = op.op;
    let info = plan.type_info(&o.request)?;
    let req = plan.message(&o.request, &op_loc(&o.name))?;
    let mut setters = String::new();
    for p in o
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Path)
    {
        let [field] = p.field.as_slice() else {
            continue;
        };
        let Some(FieldRef::Plain(f)) = req.find(field) else {
            continue;
        };
        let value = match &f.field.ty {
            Type::String => "\"...\"",
            Type::Wrapper(t) if **t == Type::String => "\"...\"",
            Type::Int32 | Type::Int64 | Type::Uint32 | Type::Uint64 => "1",
            _ => continue,
        };
        setters.push_str(&format!(".{}({value})", f.setter));
    }
    Ok((info.rust.clone(), setters))
}

/// The `static` descriptor of an operation.
fn descriptor(cx: &mut Cx, op: &OpPlan) -> Result<TokenStream> {
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
    let path = &o.path;
    let (body, uses_request) = encode(cx, op)?;
    let r = if uses_request { quote!(r) } else { quote!(_) };
    Ok(quote! {
        static #name: #operation<#request> = #operation {
            name: #wire_name,
            method: #method_type::#method,
            path_template: #path,
            encode: |#r, p| {
                #body
                Ok(())
            },
        };
    })
}

/// A piece of a path template.
#[derive(Debug, PartialEq)]
enum Piece<'t> {
    Literal(&'t str),
    /// `{name}` or `{name=pattern}`: the whole text and the name.
    Param(&'t str, &'t str),
}

/// Splits a path template into literals and `{placeholders}`.
fn parse_path<'t>(path: &'t str, loc: &str) -> Result<Vec<Piece<'t>>> {
    if !path.starts_with('/') {
        return Err(Error::new(
            loc,
            format!("path template `{path}` does not start with `/`"),
        ));
    }
    let mut pieces = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        match rest.find(['{', '}']) {
            None => {
                pieces.push(Piece::Literal(rest));
                break;
            }
            Some(i) if rest[i..].starts_with('}') => {
                return Err(Error::new(
                    loc,
                    format!("path template `{path}` has an unmatched `}}`"),
                ));
            }
            Some(i) => {
                if i > 0 {
                    pieces.push(Piece::Literal(&rest[..i]));
                }
                let after = &rest[i + 1..];
                let close = after.find('}').ok_or_else(|| {
                    Error::new(loc, format!("path template `{path}` has an unclosed `{{`"))
                })?;
                let inner = &after[..close];
                let name = inner.split('=').next().unwrap_or("").trim();
                if name.is_empty() || inner.contains('{') {
                    return Err(Error::new(
                        loc,
                        format!("path template `{path}` has an invalid placeholder `{{{inner}}}`"),
                    ));
                }
                pieces.push(Piece::Param(inner, name));
                rest = &after[close + 1..];
            }
        }
    }
    Ok(pieces)
}

/// One step from a message to a field of it.
type Step<'p, 'a> = FieldRef<'p, 'a>;

/// Resolves a param's field path (source names) from the request message.
fn resolve<'p, 'a>(
    plan: &'p Plan<'a>,
    request: &str,
    path: &[String],
    loc: &str,
) -> Result<Vec<Step<'p, 'a>>> {
    if path.is_empty() {
        return Err(Error::new(loc, "the parameter names no field"));
    }
    let mut message_name = request.to_string();
    let mut steps = Vec::new();
    for (i, name) in path.iter().enumerate() {
        let message = plan.message(&message_name, loc)?;
        let field: FieldRef = message.find(name).ok_or_else(|| {
            Error::new(
                loc,
                format!("request type `{message_name}` has no field `{name}`"),
            )
        })?;
        if i + 1 < path.len() {
            match &field.field().ty {
                Type::Named(n) if plan.message(n, loc).is_ok() => message_name = n.clone(),
                other => {
                    return Err(Error::new(
                        loc,
                        format!(
                            "field `{name}` of `{message_name}` has type `{other}`: only a \
                             singular message field can lead to a nested parameter"
                        ),
                    ));
                }
            }
        }
        steps.push(field);
    }
    Ok(steps)
}

/// Whether a value of this type can be a query parameter or header.
fn is_query_value(plan: &Plan, ty: &Type) -> bool {
    match ty {
        t if t.is_text_value() => true,
        Type::Wrapper(t) | Type::List(t) => is_query_value(plan, t),
        Type::Named(n) => matches!(
            plan.types.get(n.as_str()).map(|t| &t.detail),
            Some(super::plan::Detail::Enum(_))
        ),
        _ => false,
    }
}

/// The statement sending one (possibly nested, possibly oneof) field:
/// `send` receives an expression of type `&T` for the value. When an
/// enclosing message or the oneof member is not set nothing is sent. One
/// flat `if let` per field, never nested ones.
fn when_set(steps: &[Step], send: &dyn Fn(TokenStream) -> TokenStream) -> TokenStream {
    match steps {
        [] => TokenStream::new(),
        [FieldRef::Plain(f)] => {
            let name = f.ident.ident();
            send(quote!(&r.#name))
        }
        [FieldRef::Member(o, v)] => {
            let stmt = send(quote!(v));
            let (holder, pattern) = member_pattern(o, v);
            quote! {
                if let Some(#pattern) = &r.#holder {
                    #stmt
                }
            }
        }
        [container @ .., FieldRef::Plain(f)] => {
            let name = f.ident.ident();
            let stmt = send(quote!(&v.#name));
            let value = match container {
                [FieldRef::Plain(c)] => {
                    let c = c.ident.ident();
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

/// The holder field of a oneof member and the pattern `Enum::Variant(v)`.
fn member_pattern(o: &OneofPlan, v: &OneofVariant) -> (Ident, TokenStream) {
    let enum_name = ident(&o.enum_name);
    let variant = v.variant.ident();
    (o.ident.ident(), quote!(#enum_name::#variant(v)))
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
            FieldRef::Plain(f) => {
                let name = f.ident.ident();
                if last {
                    quote!(&#base.#name)
                } else if f.boxed {
                    quote!(#base.#name.as_deref())
                } else {
                    quote!(#base.#name.as_ref())
                }
            }
            FieldRef::Member(o, v) => {
                let (holder, pattern) = member_pattern(o, v);
                quote! {
                    match &#base.#holder {
                        Some(#pattern) => Some(v),
                        _ => None,
                    }
                }
            }
        };
        let plain_leaf = last && matches!(step, FieldRef::Plain(_));
        expr = Some(match (expr, plain_leaf) {
            (None, true) => quote!(Some(#access)),
            (None, false) => access,
            (Some(e), true) => quote!(#e.map(|v| #access)),
            (Some(e), false) => quote!(#e.and_then(|v| #access)),
        });
    }
    expr.unwrap_or_default()
}

/// The body of `encode` and whether it reads the request.
fn encode(cx: &mut Cx, op: &OpPlan) -> Result<(TokenStream, bool)> {
    let o = op.op;
    let loc = op_loc(&o.name);
    let plan = cx.plan;
    let mut out = TokenStream::new();
    let mut uses_request = false;

    // Every param resolved first, so errors name the param.
    let mut params = Vec::new();
    for p in &o.params {
        let ploc = format!("{loc}, parameter `{}`", p.name);
        let steps = resolve(plan, &o.request, &p.field, &ploc)?;
        let leaf = steps
            .last()
            .map(|s| &s.field().ty)
            .ok_or_else(|| Error::new(&ploc, "the parameter names no field"))?;
        let ok = match p.location {
            ParamLocation::Path => is_query_value(plan, leaf) && !matches!(leaf, Type::List(_)),
            ParamLocation::Query | ParamLocation::Header => is_query_value(plan, leaf),
        };
        if !ok {
            return Err(Error::new(
                &ploc,
                format!("a field of type `{leaf}` cannot be sent in the path, query or a header"),
            ));
        }
        params.push((p, steps));
    }

    let pieces = parse_path(&o.path, &loc)?;
    for piece in &pieces {
        match piece {
            Piece::Literal(text) => out.extend(quote!(p.path(#text);)),
            Piece::Param(whole, name) => {
                let (p, steps) = params
                    .iter()
                    .find(|(p, _)| {
                        p.location == ParamLocation::Path && (p.name == *whole || p.name == *name)
                    })
                    .ok_or_else(|| {
                        Error::new(
                            &loc,
                            format!("path placeholder `{{{whole}}}` has no path parameter"),
                        )
                    })?;
                let wire = &p.name;
                uses_request = true;
                match steps.as_slice() {
                    [FieldRef::Plain(f)] => {
                        let field = f.ident.ident();
                        out.extend(quote!(p.path_param(#wire, &r.#field)?;));
                    }
                    _ => {
                        let value = optional_value(steps, true);
                        out.extend(quote! {
                            p.path_param(#wire, #value.unwrap_or(&Default::default()))?;
                        });
                    }
                }
            }
        }
    }
    for (p, _) in params
        .iter()
        .filter(|(p, _)| p.location == ParamLocation::Path)
    {
        let listed = pieces
            .iter()
            .any(|x| matches!(x, Piece::Param(whole, name) if p.name == *whole || p.name == *name));
        if !listed {
            return Err(Error::new(
                format!("{loc}, parameter `{}`", p.name),
                format!("path parameter is not in the path template `{}`", o.path),
            ));
        }
    }

    for (p, steps) in &params {
        let wire = p.name.as_str();
        let call = match p.location {
            ParamLocation::Path => continue,
            ParamLocation::Query => quote!(query),
            ParamLocation::Header => quote!(header),
        };
        uses_request = true;
        let stmt = when_set(steps, &|value| quote!(p.#call(#wire, #value);));
        out.extend(stmt);
    }

    match &o.body {
        None => {}
        Some(Body::All) => {
            uses_request = true;
            let mut seen = Vec::new();
            for (_, steps) in &params {
                if let [step] = steps.as_slice() {
                    let json = step.field().json_name.clone();
                    if !seen.contains(&json) {
                        seen.push(json);
                    }
                }
            }
            out.extend(quote!(p.body_except(r, &[#(#seen),*])?;));
        }
        Some(Body::Field(name)) => {
            let bloc = format!("{loc}, body");
            let req = plan.message(&o.request, &bloc)?;
            match req.find(name) {
                Some(FieldRef::Plain(f)) => {
                    uses_request = true;
                    let field = f.ident.ident();
                    out.extend(quote!(p.body(&r.#field)?;));
                }
                Some(FieldRef::Member(..)) => {
                    return Err(Error::new(
                        bloc,
                        format!("body field `{name}` is a oneof member, which cannot be the body"),
                    ));
                }
                None => {
                    return Err(Error::new(
                        bloc,
                        format!("request type `{}` has no body field `{name}`", o.request),
                    ));
                }
            }
        }
    }
    Ok((out, uses_request))
}

/// The pagination roles of messages, from every paginated operation.
#[derive(Debug, Default)]
pub struct Pagination {
    /// Request type -> page token field (source name).
    pub requests: BTreeMap<String, String>,
    /// Response type -> (next page token field, items field).
    pub responses: BTreeMap<String, (String, String)>,
}

impl Pagination {
    /// Collects and checks the pagination of every operation.
    pub fn new(plan: &Plan) -> Result<Pagination> {
        let mut out = Pagination::default();
        for op in &plan.ops {
            let o = op.op;
            let Some(pg) = &o.pagination else { continue };
            let loc = format!("{}, pagination", op_loc(&o.name));
            let response = o
                .response
                .as_ref()
                .ok_or_else(|| Error::new(&loc, "a paginated operation needs a response"))?;
            let req = plan.message(&o.request, &loc)?;
            let resp = plan.message(response, &loc)?;
            let token = plain(req, &o.request, &pg.page_token, &loc)?;
            if !is_string(&token.ty) {
                return Err(Error::new(
                    &loc,
                    format!("page token field `{}` is not a string", pg.page_token),
                ));
            }
            let next = plain(resp, response, &pg.next_page_token, &loc)?;
            if !is_string(&next.ty) {
                return Err(Error::new(
                    &loc,
                    format!(
                        "next page token field `{}` is not a string",
                        pg.next_page_token
                    ),
                ));
            }
            let items = plain(resp, response, &pg.items, &loc)?;
            if !matches!(items.ty, Type::List(_)) {
                return Err(Error::new(
                    &loc,
                    format!("items field `{}` is not a list", pg.items),
                ));
            }
            let prev = out
                .requests
                .insert(o.request.clone(), pg.page_token.clone());
            let prev_resp = out.responses.insert(
                response.clone(),
                (pg.next_page_token.clone(), pg.items.clone()),
            );
            if prev.is_some_and(|p| p != pg.page_token)
                || prev_resp.is_some_and(|p| p != (pg.next_page_token.clone(), pg.items.clone()))
            {
                return Err(Error::new(
                    &loc,
                    "another operation pages the same message with other fields",
                ));
            }
        }
        Ok(out)
    }
}

fn is_string(ty: &Type) -> bool {
    match ty {
        Type::String => true,
        Type::Wrapper(t) => **t == Type::String,
        _ => false,
    }
}

/// A plain (non-oneof) field of a message.
fn plain<'a>(
    m: &MessagePlan<'a>,
    message: &str,
    field: &str,
    loc: &str,
) -> Result<&'a crate::ir::Field> {
    match m.find(field) {
        Some(FieldRef::Plain(f)) => Ok(f.field),
        Some(FieldRef::Member(..)) => Err(Error::new(
            loc,
            format!("field `{field}` of `{message}` is a oneof member"),
        )),
        None => Err(Error::new(
            loc,
            format!("type `{message}` has no field `{field}`"),
        )),
    }
}

/// `impl PageRequest` / `impl PageResponse` for the message `name`, if it
/// has a pagination role.
pub fn page_impls(cx: &mut Cx, pages: &Pagination, name: &str) -> Result<TokenStream> {
    let mut out = TokenStream::new();
    let plan = cx.plan;
    let loc = super::plan::type_loc(name);
    if let Some(token) = pages.requests.get(name) {
        let m = plan.message(name, &loc)?;
        let Some(FieldRef::Plain(f)) = m.find(token) else {
            return Err(Error::new(loc, format!("no page token field `{token}`")));
        };
        let field = f.ident.ident();
        let value = if cx.singular_is_option(&f.field.ty, f.field.optional) {
            quote!(Some(token))
        } else {
            quote!(token)
        };
        let ty = cx.named(name);
        let page_request = cx.pagination("PageRequest");
        out.extend(quote! {
            impl #page_request for #ty {
                fn set_page_token(&mut self, token: String) {
                    self.#field = #value;
                }
            }
        });
    }
    if let Some((next, items)) = pages.responses.get(name) {
        let m = plan.message(name, &loc)?;
        let (Some(FieldRef::Plain(next)), Some(FieldRef::Plain(items))) =
            (m.find(next), m.find(items))
        else {
            return Err(Error::new(loc, "no next page token or items field"));
        };
        let next_field = next.ident.ident();
        let next_value = if cx.singular_is_option(&next.field.ty, next.field.optional) {
            quote!(self.#next_field.as_deref().unwrap_or_default())
        } else {
            quote!(&self.#next_field)
        };
        let Type::List(item) = &items.field.ty else {
            return Err(Error::new(loc, "the items field is not a list"));
        };
        let item = cx.element(item);
        let items_field = items.ident.ident();
        let ty = cx.named(name);
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
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_templates() {
        let ok = |p| parse_path(p, "here").unwrap();
        assert_eq!(
            ok("/v1/organizations/{id}"),
            [
                Piece::Literal("/v1/organizations/"),
                Piece::Param("id", "id")
            ]
        );
        assert_eq!(
            ok("/v1/{name=projects/*}/keys/{key.id}:revoke"),
            [
                Piece::Literal("/v1/"),
                Piece::Param("name=projects/*", "name"),
                Piece::Literal("/keys/"),
                Piece::Param("key.id", "key.id"),
                Piece::Literal(":revoke"),
            ]
        );
        for bad in [
            "v1/x",
            "/v1/{id",
            "/v1/id}",
            "/v1/{}",
            "/v1/{a{b}}",
            "/{=x}",
        ] {
            let e = parse_path(bad, "operation `X`").unwrap_err();
            assert_eq!(e.location, "operation `X`");
            assert!(e.message.contains(bad), "{e}");
        }
    }
}
