//! The HTTP binding of every operation, resolved against the messages'
//! plans: the path piece by piece, the query and header parameters, the
//! body, and the pagination roles of list requests and responses. Every
//! check of a binding is here, so the printers cannot fail.

use std::collections::BTreeMap;

use super::{Detail, FieldRef, MessagePlan, TypeInfo, op_loc, singular_is_option};
use crate::backend::rust::idents::RustIdent;
use crate::ir::{Body, Field, Operation, Param, ParamLocation, PathSegment, Type, WireFormat};
use crate::{Error, Result};

/// Named types by IR name, as planned so far.
type Types<'a> = BTreeMap<&'a str, TypeInfo<'a>>;

/// One step from a message to a field of it, with the Rust names it is
/// reached by.
#[derive(Debug, Clone)]
pub enum Step<'a> {
    /// A field of its own: `r.name`.
    Field {
        field: &'a Field,
        ident: RustIdent,
        /// Held as `Option<Box<T>>`.
        boxed: bool,
    },
    /// A oneof member: `Some(Enum::Variant(v))` in `r.holder`.
    Member {
        field: &'a Field,
        holder: RustIdent,
        enum_name: String,
        variant: RustIdent,
    },
}

impl<'a> Step<'a> {
    /// The IR field.
    pub fn field(&self) -> &'a Field {
        match self {
            Step::Field { field, .. } | Step::Member { field, .. } => field,
        }
    }

    fn new(found: FieldRef<'_, 'a>) -> Step<'a> {
        match found {
            FieldRef::Field(f) => Step::Field {
                field: f.field,
                ident: f.ident.clone(),
                boxed: f.boxed,
            },
            FieldRef::Member(o, v) => Step::Member {
                field: v.field,
                holder: o.ident.clone(),
                enum_name: o.enum_name.clone(),
                variant: v.variant.clone(),
            },
        }
    }
}

/// A piece of the path the `encode` function appends.
#[derive(Debug)]
pub enum PathPiece<'a> {
    /// `p.path("/v1/organizations/")`.
    Literal(&'a str),
    /// `p.path_param("id", ...)`: the parameter's wire name and the request
    /// field it is filled from; with a pattern (`shelves/*/books/*`),
    /// `p.path_param_matching`.
    Param {
        name: &'a str,
        steps: Vec<Step<'a>>,
        pattern: Option<&'a str>,
    },
}

/// A query or header parameter.
#[derive(Debug)]
pub struct ParamPlan<'a> {
    pub param: &'a Param,
    /// From the request message down to the value.
    pub steps: Vec<Step<'a>>,
    /// Sent even at its default: a required parameter of a plain-JSON API
    /// (a protojson server reads an absent parameter as the default).
    pub always: bool,
}

/// What the request body holds.
#[derive(Debug)]
pub enum BodyPlan {
    /// `body: "*"`: the request's JSON without the fields sent elsewhere
    /// (paths of JSON names, in order: `["id"]`, `["book", "name"]`).
    All { except: Vec<Vec<String>> },
    /// `body: "field"`: that field's JSON, without the fields inside it
    /// that the path holds (paths of JSON names from the field's value), as
    /// `google.api.http` classifies every field as path, body or query.
    Field {
        field: RustIdent,
        except: Vec<Vec<String>>,
    },
}

/// An operation's resolved HTTP binding.
#[derive(Debug)]
pub struct Binding<'a> {
    pub path: Vec<PathPiece<'a>>,
    /// Query and header parameters, in order.
    pub params: Vec<ParamPlan<'a>>,
    pub body: Option<BodyPlan>,
}

impl Binding<'_> {
    /// Whether `encode` reads the request at all.
    pub fn uses_request(&self) -> bool {
        self.body.is_some()
            || !self.params.is_empty()
            || self
                .path
                .iter()
                .any(|p| matches!(p, PathPiece::Param { .. }))
    }
}

/// The message named `name`, or an error at `loc`.
fn message<'t, 'a>(types: &'t Types<'a>, name: &str, loc: &str) -> Result<&'t MessagePlan<'a>> {
    match types.get(name).map(|t| &t.detail) {
        Some(Detail::Message(m)) => Ok(m),
        Some(_) => Err(Error::new(loc, format!("type `{name}` is not a message"))),
        None => Err(Error::new(super::type_loc(name), "no such type")),
    }
}

/// Resolves a param's field path (source names) from the request message.
fn resolve<'a>(
    types: &Types<'a>,
    request: &str,
    path: &[String],
    loc: &str,
) -> Result<Vec<Step<'a>>> {
    if path.is_empty() {
        return Err(Error::new(loc, "the parameter names no field"));
    }
    let mut message_name = request.to_string();
    let mut steps = Vec::new();
    for (i, name) in path.iter().enumerate() {
        let m = message(types, &message_name, loc)?;
        let found = m.find(name).ok_or_else(|| {
            Error::new(
                loc,
                format!("request type `{message_name}` has no field `{name}`"),
            )
        })?;
        if i + 1 < path.len() {
            match &found.field().ty {
                Type::Named(n) if message(types, n, loc).is_ok() => message_name = n.clone(),
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
        steps.push(Step::new(found));
    }
    Ok(steps)
}

/// Resolves and checks the binding of `o`.
pub fn binding<'a>(types: &Types<'a>, o: &'a Operation, wire: WireFormat) -> Result<Binding<'a>> {
    let loc = op_loc(&o.name);

    // Every param resolved first, so errors name the param.
    let mut params: Vec<(&Param, Vec<Step>)> = Vec::new();
    for p in &o.params {
        let ploc = format!("{loc}, parameter `{}`", p.name);
        let steps = resolve(types, &o.request, &p.field, &ploc)?;
        let leaf = steps
            .last()
            .map(|s| &s.field().ty)
            .ok_or_else(|| Error::new(&ploc, "the parameter names no field"))?;
        let is_enum = |n: &str| matches!(types.get(n).map(|t| &t.detail), Some(Detail::Enum(_)));
        let ok = leaf.is_param_value(p.location.takes_lists(), &is_enum);
        if !ok {
            return Err(Error::new(
                &ploc,
                format!(
                    "a field of type `{leaf}` cannot be sent in the path, query, a header or a cookie"
                ),
            ));
        }
        params.push((p, steps));
    }

    let mut path = Vec::new();
    for segment in &o.path.segments {
        match segment {
            PathSegment::Literal(text) => path.push(PathPiece::Literal(text)),
            PathSegment::Var(var) => {
                let (p, steps) = params
                    .iter()
                    .find(|(p, _)| p.location == ParamLocation::Path && p.name == var.name)
                    .ok_or_else(|| {
                        Error::new(
                            &loc,
                            format!("path placeholder `{{{}}}` has no path parameter", var.name),
                        )
                    })?;
                path.push(PathPiece::Param {
                    name: &p.name,
                    steps: steps.clone(),
                    pattern: var.pattern.as_deref().filter(|p| *p != "*"),
                });
            }
        }
    }
    for (p, _) in params
        .iter()
        .filter(|(p, _)| p.location == ParamLocation::Path)
    {
        if !o.path.vars().any(|v| v.name == p.name) {
            return Err(Error::new(
                format!("{loc}, parameter `{}`", p.name),
                format!("path parameter is not in the path template `{}`", o.path),
            ));
        }
    }

    let body = match &o.body {
        None => None,
        Some(Body::All) => {
            let mut except = Vec::new();
            for (p, steps) in &params {
                // Query and header fields of a plain-JSON request message
                // are its own; nested ones only from the path.
                if steps.len() > 1 && p.location != ParamLocation::Path {
                    continue;
                }
                let json = json_path(steps);
                if !except.contains(&json) {
                    except.push(json);
                }
            }
            Some(BodyPlan::All { except })
        }
        Some(Body::Field(name)) => {
            let bloc = format!("{loc}, body");
            let req = message(types, &o.request, &bloc)?;
            match req.find(name) {
                Some(FieldRef::Field(f)) => {
                    let mut except = Vec::new();
                    for (p, steps) in &params {
                        if p.field.first() != Some(name) {
                            continue;
                        }
                        if p.location != ParamLocation::Path || steps.len() < 2 {
                            return Err(Error::new(
                                format!("{loc}, parameter `{}`", p.name),
                                format!(
                                    "the parameter is the body field `{name}` or inside it; only a \
                                     path variable may name a field inside the body"
                                ),
                            ));
                        }
                        except.push(json_path(&steps[1..]));
                    }
                    Some(BodyPlan::Field {
                        field: f.ident.clone(),
                        except,
                    })
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
    };

    let params = params
        .into_iter()
        .filter(|(p, _)| p.location != ParamLocation::Path)
        .map(|(param, steps)| ParamPlan {
            always: wire == WireFormat::Json && steps.last().is_some_and(|s| s.field().required),
            param,
            steps,
        })
        .collect();
    Ok(Binding { path, params, body })
}

/// The JSON names along `steps`.
fn json_path(steps: &[Step]) -> Vec<String> {
    steps.iter().map(|s| s.field().json_name.clone()).collect()
}

/// A list request: `impl PageRequest`.
#[derive(Debug)]
pub struct PageRequestPlan {
    /// The page token field.
    pub token: RustIdent,
    /// The token field is an `Option<String>`.
    pub token_is_option: bool,
}

/// A list response: `impl PageResponse`.
#[derive(Debug)]
pub struct PageResponsePlan<'a> {
    /// The next page token field.
    pub next: RustIdent,
    /// The next page token field is an `Option<String>`.
    pub next_is_option: bool,
    /// The items field, a `Vec` of `item`.
    pub items: RustIdent,
    pub item: &'a Type,
}

/// The pagination roles of messages by IR name, from every paginated
/// operation.
#[derive(Debug, Default)]
pub struct Pages<'a> {
    pub requests: BTreeMap<&'a str, PageRequestPlan>,
    pub responses: BTreeMap<&'a str, PageResponsePlan<'a>>,
}

/// Collects and checks the pagination of every operation.
pub fn pages<'a>(types: &Types<'a>, ops: &[&'a Operation]) -> Result<Pages<'a>> {
    let mut out = Pages::default();
    // The field names each message is paged with, to refuse two ways.
    let mut tokens: BTreeMap<&str, &str> = BTreeMap::new();
    let mut nexts: BTreeMap<&str, (&str, &str)> = BTreeMap::new();
    for o in ops {
        let Some(pg) = &o.pagination else { continue };
        let loc = format!("{}, pagination", op_loc(&o.name));
        let response = o
            .response
            .as_deref()
            .ok_or_else(|| Error::new(&loc, "a paginated operation needs a response"))?;
        let req = message(types, &o.request, &loc)?;
        let resp = message(types, response, &loc)?;
        let token = own_field(req, &o.request, &pg.page_token, &loc)?;
        if !is_string(&token.1.ty) {
            return Err(Error::new(
                &loc,
                format!("page token field `{}` is not a string", pg.page_token),
            ));
        }
        let next = own_field(resp, response, &pg.next_page_token, &loc)?;
        if !is_string(&next.1.ty) {
            return Err(Error::new(
                &loc,
                format!(
                    "next page token field `{}` is not a string",
                    pg.next_page_token
                ),
            ));
        }
        let items = own_field(resp, response, &pg.items, &loc)?;
        let Type::List(item) = &items.1.ty else {
            return Err(Error::new(
                &loc,
                format!("items field `{}` is not a list", pg.items),
            ));
        };
        let prev = tokens.insert(&o.request, &pg.page_token);
        let prev_resp = nexts.insert(response, (&pg.next_page_token, &pg.items));
        if prev.is_some_and(|p| p != pg.page_token)
            || prev_resp.is_some_and(|p| p != (pg.next_page_token.as_str(), pg.items.as_str()))
        {
            return Err(Error::new(
                &loc,
                "another operation pages the same message with other fields",
            ));
        }
        out.requests.insert(
            &o.request,
            PageRequestPlan {
                token: token.0,
                token_is_option: singular_is_option(types, &token.1.ty, token.1.optional),
            },
        );
        out.responses.insert(
            response,
            PageResponsePlan {
                next: next.0,
                next_is_option: singular_is_option(types, &next.1.ty, next.1.optional),
                items: items.0,
                item,
            },
        );
    }
    Ok(out)
}

fn is_string(ty: &Type) -> bool {
    match ty {
        Type::String => true,
        Type::Wrapper(t) => **t == Type::String,
        _ => false,
    }
}

/// A field of a message that is not a oneof member: its Rust name and IR
/// field.
fn own_field<'a>(
    m: &MessagePlan<'a>,
    message: &str,
    field: &str,
    loc: &str,
) -> Result<(RustIdent, &'a Field)> {
    match m.find(field) {
        Some(FieldRef::Field(f)) => Ok((f.ident.clone(), f.field)),
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
