//! `paths` -> IR operations, with their request messages.
//!
//! * Methods: `get`, `put`, `post`, `delete`, `patch`; `head`, `options` and
//!   `trace` are skipped with a warning.
//! * Parameters: path-level ones merged with the operation's (the
//!   operation's win, matched by name and `in`). `path`, `query`, `header`
//!   and `cookie` become request fields bound by [`Param`]s; headers named
//!   `Accept`, `Content-Type` or `Authorization` are ignored (as the
//!   standard says). A parameter the SDK cannot send (described by
//!   `content`, object-valued, a list in a path or cookie) is skipped with
//!   a warning when optional and an error when required.
//! * The request message `<Operation>Request` holds the parameters and the
//!   body. When the body is an inline object schema, or a `$ref` to the
//!   component `<Operation>Request` (gnostic's `body: "*"`), its properties
//!   are request fields and the body is [`Body::All`] (in `protojson` mode a
//!   path parameter and a body property with the same JSON name are one
//!   field, as gnostic writes them). Otherwise the body is one field
//!   ([`Body::Field`]) named after the response property of the same type
//!   when there is one (`organization` for `$ref: Organization`, as the
//!   protos name it), else after the schema, else `body`. Only JSON bodies
//!   are supported; any other media type is an error.
//! * Responses: the first 2xx response with a JSON body (by status, `2XX`
//!   last) is the success type, with a warning when other 2xx responses
//!   carry different bodies; a body that is not a named message, enum or
//!   union is wrapped in a one-variant union `<Operation>Response` (so the
//!   wire format is unchanged). `default` and error responses are not typed
//!   in the IR and are ignored. A non-JSON success body is treated as no
//!   body, with a warning.

use super::derived_names::{self as names, ClaimWarned};
use std::collections::BTreeSet;

use super::document::{Json, Node};
use super::refs;
use super::schemas::{self, Converter, Naming};
use crate::Result;
use crate::ir::{
    Body, Field, HttpMethod, Message, Operation, Param, ParamLocation, PathTemplate,
    PathTemplateError, Skipped, Type, TypeDef, Union, Variant, WireFormat,
};
use crate::naming::Namespace;

/// A parameter as declared, after `$ref` resolution and merging.
struct ParamDecl<'a> {
    node: Node<'a>,
    name: String,
    location: ParamLocation,
    required: bool,
}

/// Imports every operation under `paths`, in document order. With `skip`,
/// an operation that fails to import is left out with a warning and
/// returned among the skipped ones instead of failing the import.
pub fn import<'a>(
    conv: &mut Converter<'a>,
    root: &Node<'a>,
    skip: bool,
) -> Result<(Vec<Operation>, Vec<Skipped>)> {
    let mut skipped = Vec::new();
    let Some(paths) = root.object_at("paths")? else {
        conv.warnings
            .push(format!("{}: the document has no `paths`", root.location()));
        return Ok((Vec::new(), skipped));
    };
    let mut op_names = names::namespace();
    let strip = if conv.wire == WireFormat::Protojson {
        names::strippable_service_prefixes(&operation_ids(&paths)?)
    } else {
        Default::default()
    };
    let mut out = Vec::new();
    for (path, item) in paths.entries()? {
        if path.starts_with("x-") {
            continue;
        }
        if !path.starts_with('/') {
            return Err(item.error("a path must start with `/`"));
        }
        let item = refs::resolve(&item)?;
        let shared = item.list_at("parameters")?.unwrap_or_default();
        for (key, op) in item.entries()? {
            let method = match key {
                "get" => HttpMethod::Get,
                "put" => HttpMethod::Put,
                "post" => HttpMethod::Post,
                "delete" => HttpMethod::Delete,
                "patch" => HttpMethod::Patch,
                "head" | "options" | "trace" => {
                    conv.warnings.push(format!(
                        "{}: `{key}` operations are not supported; skipped",
                        op.location()
                    ));
                    continue;
                }
                _ => continue,
            };
            if !op.is_object() {
                return Err(op.error(format!(
                    "expected an operation (a mapping), found {}",
                    op.value.kind()
                )));
            }
            match operation(conv, &mut op_names, &strip, path, method, &op, &shared) {
                Ok(o) => out.push(o),
                Err(e) if skip => {
                    let mut operation = format!("{} {path}", method.as_str());
                    if let Some(id) = op.get("operationId").and_then(|n| n.value.as_str()) {
                        operation = format!("{operation} ({id})");
                    }
                    conv.warnings
                        .push(format!("{e}; the operation `{operation}` is skipped"));
                    skipped.push(Skipped {
                        operation,
                        reason: e.to_string(),
                    });
                }
                Err(e) => return Err(e),
            }
        }
    }
    Ok((out, skipped))
}

/// Every `operationId` under `paths`, in document order.
fn operation_ids(paths: &Node) -> Result<Vec<String>> {
    let mut ids = Vec::new();
    for (path, item) in paths.entries()? {
        if path.starts_with("x-") {
            continue;
        }
        let item = refs::resolve(&item)?;
        let Json::Object(methods) = item.value else {
            continue;
        };
        for (_, op) in methods {
            if let Some(id) = op.get("operationId").and_then(Json::as_str) {
                ids.push(id.to_string());
            }
        }
    }
    Ok(ids)
}

#[allow(clippy::too_many_arguments, reason = "one operation's context")]
fn operation<'a>(
    conv: &mut Converter<'a>,
    op_names: &mut Namespace,
    strip: &BTreeSet<String>,
    path: &str,
    method: HttpMethod,
    op: &Node<'a>,
    shared: &[Node<'a>],
) -> Result<Operation> {
    let protojson = conv.wire == WireFormat::Protojson;
    let wanted = match op.str_at("operationId")? {
        Some(id) if !id.trim().is_empty() => names::operation_name(id, strip.contains(id)),
        _ => names::derived_operation_name(method.as_str(), path),
    };
    let name = op_names.claim_warned(&wanted, &op.location(), &mut conv.warnings);

    // Parameters: path-level first, the operation's replacing same-named ones.
    let mut decls: Vec<ParamDecl<'a>> = Vec::new();
    let own = op.list_at("parameters")?.unwrap_or_default();
    for p in shared.iter().chain(&own) {
        let Some(decl) = param_decl(conv, p)? else {
            continue;
        };
        match decls
            .iter_mut()
            .find(|d| d.name == decl.name && d.location == decl.location)
        {
            Some(slot) => *slot = decl,
            None => decls.push(decl),
        }
    }

    // The path template and its placeholders.
    let mut template: PathTemplate = path.parse().map_err(|e: PathTemplateError| op.error(e.0))?;
    let placeholders: Vec<String> = template.vars().map(|v| v.name.clone()).collect();
    for ph in &placeholders {
        if !decls
            .iter()
            .any(|d| d.location == ParamLocation::Path && d.name == *ph)
        {
            return Err(op.error(format!(
                "the path placeholder `{{{ph}}}` has no `in: path` parameter"
            )));
        }
    }
    decls.retain(|d| {
        let keep = d.location != ParamLocation::Path || placeholders.contains(&d.name);
        if !keep {
            conv.warnings.push(format!(
                "{}: path parameter `{}` is not in the path `{path}`; ignored",
                d.node.location(),
                d.name
            ));
        }
        keep
    });
    // Path parameters in template order, then the others in declaration order.
    decls.sort_by_key(|d| match d.location {
        ParamLocation::Path => placeholders.iter().position(|p| *p == d.name).unwrap_or(0),
        _ => placeholders.len(),
    });

    // Request fields for the parameters.
    let mut param_fields: Vec<(ParamDecl<'a>, Field)> = Vec::new();
    let mut field_names = names::namespace();
    for decl in decls {
        let Some(field) = param_field(conv, &name, &decl, &mut field_names)? else {
            continue;
        };
        param_fields.push((decl, field));
    }

    // The response.
    let response = response(conv, &name, op)?;

    // The body.
    let request_name = format!("{name}Request");
    let body_schema = request_body(op)?;
    let (request, body) = match &body_schema {
        None => {
            let fields = param_fields.iter().map(|(_, f)| f.clone()).collect();
            (new_request(conv, &request_name, op, fields), None)
        }
        Some((body_node, schema, required)) => {
            match own_request(conv, &request_name, schema, &param_fields)? {
                Some(request) => (request, Some(Body::All)),
                None => {
                    let (field, field_name) = body_field(
                        conv,
                        &request_name,
                        body_node,
                        schema.as_ref(),
                        *required,
                        response.as_deref(),
                        &mut field_names,
                    )?;
                    let mut fields: Vec<Field> =
                        param_fields.iter().map(|(_, f)| f.clone()).collect();
                    fields.push(field);
                    let request = new_request(conv, &request_name, op, fields);
                    (request, Some(Body::Field(field_name)))
                }
            }
        }
    };

    // Params name the request fields they bind.
    let request_fields: Vec<Field> = match conv.type_def(&request) {
        Some(TypeDef::Message(m)) => m.fields.clone(),
        _ => Vec::new(),
    };
    let mut params = Vec::new();
    for (decl, field) in &param_fields {
        let bound = request_fields
            .iter()
            .find(|f| f.json_name == field.json_name)
            .map_or_else(|| field.name.clone(), |f| f.name.clone());
        let wire_name = if decl.location == ParamLocation::Path && protojson {
            template.rename_vars(|name| (name == decl.name).then(|| bound.clone()));
            bound.clone()
        } else {
            decl.name.clone()
        };
        params.push(Param {
            name: wire_name,
            location: decl.location,
            field: vec![bound],
        });
    }

    Ok(Operation {
        name: name.clone(),
        group: crate::frontend::common::group_for_path(&template),
        doc: op.doc()?,
        method,
        path: template,
        request,
        response,
        params,
        body,
        pagination: None,
    })
}

/// Reads one parameter; `None` when it is ignored or skipped.
fn param_decl<'a>(conv: &mut Converter<'a>, p: &Node<'a>) -> Result<Option<ParamDecl<'a>>> {
    let node = refs::resolve(p)?;
    if !node.is_object() {
        return Err(node.error(format!(
            "expected a parameter (a mapping), found {}",
            node.value.kind()
        )));
    }
    let name = node
        .str_at("name")?
        .ok_or_else(|| node.error("a parameter needs a `name`"))?;
    let location = node
        .str_at("in")?
        .ok_or_else(|| node.error("a parameter needs `in`"))?;
    let required = node.bool_at("required")?.unwrap_or(false) || location == "path";
    let location = match location {
        "path" => ParamLocation::Path,
        "query" => ParamLocation::Query,
        "header" => {
            if ["accept", "content-type", "authorization"]
                .contains(&name.to_ascii_lowercase().as_str())
            {
                return Ok(None);
            }
            ParamLocation::Header
        }
        "cookie" => ParamLocation::Cookie,
        other => return Err(node.error(format!("unknown parameter location `in: {other}`"))),
    };
    if node.get("schema").is_none() {
        let why = if node.get("content").is_some() {
            "parameters described by `content` are not supported"
        } else {
            "a parameter needs a `schema`"
        };
        return unsupported(conv, &node, required, why);
    }
    Ok(Some(ParamDecl {
        node,
        name: name.to_string(),
        location,
        required,
    }))
}

/// A parameter the SDK cannot send: an error when required, else skipped.
fn unsupported<T>(
    conv: &mut Converter,
    node: &Node,
    required: bool,
    why: &str,
) -> Result<Option<T>> {
    if required {
        Err(node.error(why.to_string()))
    } else {
        conv.warnings.push(format!(
            "{}: {why}; this optional parameter is skipped",
            node.location()
        ));
        Ok(None)
    }
}

fn param_field<'a>(
    conv: &mut Converter<'a>,
    op_name: &str,
    decl: &ParamDecl<'a>,
    field_names: &mut Namespace,
) -> Result<Option<Field>> {
    let Some(schema) = decl.node.get("schema") else {
        return Ok(None);
    };
    let hint = format!("{op_name}Request{}", names::type_name(&decl.name));
    let converted = conv.convert(&schema, Naming::Hint(hint))?;
    let list_ok = decl.location.takes_lists();
    let is_enum = |n: &str| conv.is_enum(&Type::named(n));
    if !converted.ty.is_param_value(list_ok, &is_enum) {
        let why = format!(
            "a {} parameter of type `{}` cannot be sent (only scalars, enums{})",
            match decl.location {
                ParamLocation::Path => "path",
                ParamLocation::Query => "query",
                ParamLocation::Header => "header",
                ParamLocation::Cookie => "cookie",
            },
            converted.ty,
            if list_ok { " and lists of them" } else { "" }
        );
        return unsupported(conv, &decl.node, decl.required, &why);
    }
    if let Some(style) = decl.node.str_at("style")? {
        let expected = match decl.location {
            ParamLocation::Path => "simple",
            ParamLocation::Query => "form",
            ParamLocation::Header => "simple",
            ParamLocation::Cookie => "form",
        };
        if style != expected {
            conv.warnings.push(format!(
                "{}: `style: {style}` is not supported; the SDK sends `style: {expected}`",
                decl.node.location()
            ));
        }
    }
    if decl.node.bool_at("explode")? == Some(false) && matches!(converted.ty, Type::List(_)) {
        conv.warnings.push(format!(
            "{}: `explode: false` is not supported; the SDK repeats the key for each item",
            decl.node.location()
        ));
    }
    let wanted = match conv.wire {
        WireFormat::Protojson => names::snake_from_json(&decl.name),
        WireFormat::Json => decl.name.clone(),
    };
    let name = field_names.claim_warned(&wanted, &decl.node.location(), &mut conv.warnings);
    // The parameter's wire name is its `Param`'s; the field's JSON name must
    // only be unique in the message (`q` in the query and in a header).
    let json_name = if name == wanted {
        decl.name.clone()
    } else {
        name.clone()
    };
    Ok(Some(Field {
        name,
        json_name,
        number: None,
        ty: converted.ty,
        optional: converted.nullable,
        oneof: None,
        // gnostic marks every path parameter required, as OpenAPI demands:
        // that says nothing about the proto field.
        required: decl.required && conv.wire == WireFormat::Json,
        input_only: false,
        output_only: false,
        deprecated: decl.node.bool_at("deprecated")? == Some(true),
        doc: decl.node.doc()?,
    }))
}

/// Whether a media type is JSON.
fn is_json(media: &str) -> bool {
    let essence = media
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || essence == "text/json"
        || essence.ends_with("+json")
        || essence == "*/*"
        || essence == "application/*"
}

/// The JSON schema of a `content` map: `Ok(None)` when there is no JSON
/// media type; the inner option is `None` for a JSON media type without a schema.
fn json_schema<'a>(content: &Node<'a>) -> Result<Option<Option<Node<'a>>>> {
    for (media, m) in content.entries()? {
        if is_json(media) {
            if !m.is_object() {
                return Err(m.error(format!(
                    "expected a media type object (a mapping), found {}",
                    m.value.kind()
                )));
            }
            return Ok(Some(m.get("schema")));
        }
    }
    Ok(None)
}

/// The request body: its node, its JSON schema (if any) and `required`.
type BodySchema<'a> = (Node<'a>, Option<Node<'a>>, bool);

fn request_body<'a>(op: &Node<'a>) -> Result<Option<BodySchema<'a>>> {
    let Some(body) = op.get("requestBody") else {
        return Ok(None);
    };
    let body = refs::resolve(&body)?;
    if !body.is_object() {
        return Err(body.error(format!(
            "expected a request body (a mapping), found {}",
            body.value.kind()
        )));
    }
    let required = body.bool_at("required")?.unwrap_or(false);
    let content = body
        .object_at("content")?
        .ok_or_else(|| body.error("a request body needs `content`"))?;
    match json_schema(&content)? {
        Some(schema) => Ok(Some((body, schema, required))),
        None => {
            let media: Vec<&str> = content.entries()?.into_iter().map(|(k, _)| k).collect();
            Err(content.error(format!(
                "request bodies of type {} are not supported (only JSON)",
                if media.is_empty() {
                    "(none)".to_string()
                } else {
                    media
                        .iter()
                        .map(|m| format!("`{m}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            )))
        }
    }
}

/// A request message whose fields are the body's properties (`Body::All`),
/// when the body allows it.
fn own_request<'a>(
    conv: &mut Converter<'a>,
    request_name: &str,
    schema: &Option<Node<'a>>,
    params: &[(ParamDecl<'a>, Field)],
) -> Result<Option<String>> {
    let Some(schema) = schema else {
        return Ok(None);
    };
    if let Some(reference) = refs::ref_of(schema)? {
        // gnostic's `body: "*"`: the body is the operation's own request message.
        let Some(key) = refs::component_schema(reference) else {
            return Ok(None);
        };
        if names::type_name(&key) != request_name {
            return Ok(None);
        }
        let Type::Named(name) = conv
            .convert(schema, Naming::Hint(request_name.to_string()))?
            .ty
        else {
            return Ok(None);
        };
        let Some(TypeDef::Message(m)) = conv.type_def(&name) else {
            return Ok(None);
        };
        if m.additional.is_some() || name != request_name {
            return Ok(None);
        }
        let merges = params.iter().all(|(_, f)| {
            conv.wire == WireFormat::Protojson
                && m.fields.iter().any(|mf| mf.json_name == f.json_name)
        });
        return Ok(merges.then_some(name));
    }
    let Some(keys) = schemas::simple_object_keys(schema)? else {
        return Ok(None);
    };
    if params.iter().any(|(_, f)| keys.contains(&f.json_name)) {
        return Ok(None);
    }
    let place = schema.location();
    let name = conv
        .names
        .claim_warned(request_name, &place, &mut conv.warnings);
    conv.convert(schema, Naming::Fixed(name.clone()))?;
    if let Some(TypeDef::Message(m)) = conv.types.get_mut(&name) {
        let mut fields: Vec<Field> = params.iter().map(|(_, f)| f.clone()).collect();
        fields.append(&mut m.fields);
        m.fields = fields;
    }
    Ok(Some(name))
}

/// The one request field holding the body (`Body::Field`), and its name.
fn body_field<'a>(
    conv: &mut Converter<'a>,
    request_name: &str,
    body_node: &Node<'a>,
    schema: Option<&Node<'a>>,
    required: bool,
    response: Option<&str>,
    field_names: &mut Namespace,
) -> Result<(Field, String)> {
    let (ty, doc) = match schema {
        Some(s) => (
            conv.convert(s, Naming::Hint(format!("{request_name}Body")))?
                .ty,
            body_node.doc()?,
        ),
        None => (Type::Value, body_node.doc()?),
    };
    // A `$ref`'d body is named like the response property of the same type
    // (gnostic's `CreateXResponse { x }`), else after the type; others `body`.
    let by_ref = match schema {
        Some(s) => refs::ref_of(s)?.is_some(),
        None => false,
    };
    let from_response = response
        .filter(|r| conv.wire == WireFormat::Protojson && Type::Named(r.to_string()) != ty)
        .and_then(|r| match conv.type_def(r) {
            Some(TypeDef::Message(m)) => m.fields.iter().find(|f| f.ty == ty).cloned(),
            _ => None,
        })
        .filter(|_| by_ref && matches!(ty, Type::Named(_)));
    let (wanted, json_name) = match (&from_response, &ty) {
        (Some(f), _) => (f.name.clone(), f.json_name.clone()),
        (None, Type::Named(n)) if by_ref => match conv.wire {
            WireFormat::Protojson => {
                let snake = crate::naming::Words::default().snake(n);
                let json = names::json_from_snake(&snake);
                (snake, json)
            }
            WireFormat::Json => (names::lower_first(n), names::lower_first(n)),
        },
        (None, _) => ("body".to_string(), "body".to_string()),
    };
    let name = field_names.claim_warned(&wanted, &body_node.location(), &mut conv.warnings);
    let json_name = if name == wanted {
        json_name
    } else {
        name.clone()
    };
    Ok((
        Field {
            name: name.clone(),
            json_name,
            number: None,
            ty,
            optional: false,
            oneof: None,
            // gnostic marks every request body required.
            required: required && conv.wire == WireFormat::Json,
            input_only: false,
            output_only: false,
            deprecated: false,
            doc,
        },
        name,
    ))
}

/// A new request message with `fields`; returns its (claimed) name.
fn new_request(conv: &mut Converter, wanted: &str, op: &Node, fields: Vec<Field>) -> String {
    let place = op.location();
    let name = conv.names.claim_warned(wanted, &place, &mut conv.warnings);
    conv.types.insert(
        name.clone(),
        TypeDef::Message(Message {
            name: name.clone(),
            doc: String::new(),
            fields,
            oneofs: Vec::new(),
            additional: None,
        }),
    );
    name
}

/// The success response type of an operation.
fn response<'a>(conv: &mut Converter<'a>, op_name: &str, op: &Node<'a>) -> Result<Option<String>> {
    let Some(responses) = op.object_at("responses")? else {
        conv.warnings.push(format!(
            "{}: the operation has no `responses`; it is taken to return no body",
            op.location()
        ));
        return Ok(None);
    };
    let mut success: Vec<(u16, &str, Node<'a>)> = Vec::new();
    for (code, r) in responses.entries()? {
        let rank = match code.parse::<u16>() {
            Ok(c) if (200..300).contains(&c) => c,
            _ if code.eq_ignore_ascii_case("2XX") => 300,
            _ => continue,
        };
        success.push((rank, code, r));
    }
    success.sort_by_key(|(rank, _, _)| *rank);
    let mut chosen: Option<(&str, Node<'a>)> = None;
    let mut others: Vec<&str> = Vec::new();
    let mut non_json: Vec<String> = Vec::new();
    for (_, code, r) in &success {
        let r = refs::resolve(r)?;
        if !r.is_object() {
            return Err(r.error(format!(
                "expected a response (a mapping), found {}",
                r.value.kind()
            )));
        }
        let Some(content) = r.object_at("content")? else {
            continue;
        };
        match json_schema(&content)? {
            Some(Some(schema)) => {
                if chosen.is_none() {
                    chosen = Some((*code, schema));
                } else if chosen
                    .as_ref()
                    .is_some_and(|(_, c)| c.value != schema.value)
                {
                    others.push(code);
                }
            }
            Some(None) => {}
            None => non_json.push(content.location()),
        }
    }
    let Some((code, schema)) = chosen else {
        for at in non_json {
            conv.warnings.push(format!(
                "{at}: a non-JSON response body is not typed; the SDK returns no body"
            ));
        }
        return Ok(None);
    };
    if !others.is_empty() {
        conv.warnings.push(format!(
            "{}: the `{code}` response is the success type; the different bodies of {} are ignored",
            responses.location(),
            others
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let wanted = format!("{op_name}Response");
    let ty = conv.convert(&schema, Naming::Hint(wanted.clone()))?.ty;
    Ok(match ty {
        Type::Empty => None,
        Type::Named(n) => Some(n),
        other => {
            let place = schema.location();
            let name = conv.names.claim_warned(&wanted, &place, &mut conv.warnings);
            conv.types.insert(
                name.clone(),
                TypeDef::Union(Union {
                    name: name.clone(),
                    doc: String::new(),
                    variants: vec![Variant {
                        name: schemas::variant_name(&other),
                        ty: other,
                        tags: Vec::new(),
                        doc: String::new(),
                    }],
                    discriminator: None,
                }),
            );
            Some(name)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_media_types() {
        assert!(is_json("application/json"));
        assert!(is_json("application/json; charset=utf-8"));
        assert!(is_json("application/problem+json"));
        assert!(!is_json("application/xml"));
        assert!(!is_json("multipart/form-data"));
    }
}
