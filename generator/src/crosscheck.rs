//! Cross-check of two descriptions of one API: the protos (authoritative)
//! against the OpenAPI document derived from them.
//!
//! Operations are matched by name; their method, path (placeholders compared
//! by position), parameters and body (compared by the JSON names of the
//! request fields they bind), request and response types are compared, then
//! every pair of types reached from them, field by field (by JSON name).
//!
//! Some information cannot be in a gnostic OpenAPI document; those
//! disagreements are [`Lossy`](DifferenceKind::is_lossy) notes, not
//! differences: enum values not listed (or an enum written as an integer),
//! proto3 `optional` presence and oneofs not marked, well-known types and
//! wrappers written as their JSON scalar, map keys written as strings.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::ir::{Api, Body, Message, Operation, ParamLocation, Type, TypeDef};

/// What kind of disagreement a [`Difference`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DifferenceKind {
    /// An operation only in the protos.
    MissingOperation,
    /// An operation only in the OpenAPI document.
    ExtraOperation,
    /// The HTTP method differs.
    Method,
    /// The path template differs (placeholders compared by position).
    Path,
    /// A parameter bound on one side only, or bound differently.
    Param,
    /// What the body holds differs.
    Body,
    /// The request or response type differs (name, or presence of a body).
    Response,
    /// The request type's name differs.
    Request,
    /// Token pagination differs (or is detected on one side only).
    Pagination,
    /// A field only in the protos.
    MissingField,
    /// A field only in the OpenAPI document.
    ExtraField,
    /// A field (or map key, or additional properties) has another type.
    FieldType,
    /// Presence marked in the OpenAPI document but not in the protos.
    Presence,
    /// Two types that correspond have different names.
    TypeName,
    /// Enum values listed on both sides differ.
    EnumValues,
    /// Union variants differ in name or order.
    UnionVariants,
    /// Lossy: an enum whose values the OpenAPI document does not list.
    LossyEnumValues,
    /// Lossy: an enum written as an integer.
    LossyEnumAsInteger,
    /// Lossy: proto3 `optional` presence not marked.
    LossyPresence,
    /// Lossy: oneof membership not marked.
    LossyOneof,
    /// Lossy: a well-known type or wrapper written as its JSON form.
    LossyWellKnown,
    /// Lossy: a non-string map key written as a string.
    LossyMapKey,
}

impl DifferenceKind {
    /// Whether this is a known loss of the OpenAPI form rather than a
    /// disagreement.
    pub fn is_lossy(self) -> bool {
        matches!(
            self,
            DifferenceKind::LossyEnumValues
                | DifferenceKind::LossyEnumAsInteger
                | DifferenceKind::LossyPresence
                | DifferenceKind::LossyOneof
                | DifferenceKind::LossyWellKnown
                | DifferenceKind::LossyMapKey
        )
    }
}

/// One disagreement, or one lossy note.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Difference {
    /// What kind of disagreement, or which known loss.
    pub kind: DifferenceKind,
    /// Where: an operation name, or `Type.field` (names from the protos).
    pub place: String,
    /// What differs, naming both sides.
    pub detail: String,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = if self.kind.is_lossy() {
            "lossy in OpenAPI"
        } else {
            "differs"
        };
        write!(f, "{label}: {}: {}", self.place, self.detail)
    }
}

/// Whether a cross-check fails: with `strict`, any difference that is not a
/// lossy note.
pub fn fails(differences: &[Difference], strict: bool) -> bool {
    strict && differences.iter().any(|d| !d.kind.is_lossy())
}

/// `N differences, M lossy notes`.
pub fn summary(differences: &[Difference]) -> String {
    let lossy = differences.iter().filter(|d| d.kind.is_lossy()).count();
    format!(
        "{} difference(s), {lossy} lossy note(s)",
        differences.len() - lossy
    )
}

/// Compares `other` (the OpenAPI import) against `authoritative` (the proto
/// import). The result is sorted and free of duplicates.
pub fn compare(authoritative: &Api, other: &Api) -> Vec<Difference> {
    let mut c = Checker {
        a: authoritative,
        b: other,
        out: BTreeSet::new(),
        queue: Vec::new(),
        seen: BTreeSet::new(),
    };
    let ops_a: BTreeMap<&str, &Operation> = authoritative
        .operations
        .iter()
        .map(|o| (o.name.as_str(), o))
        .collect();
    let ops_b: BTreeMap<&str, &Operation> = other
        .operations
        .iter()
        .map(|o| (o.name.as_str(), o))
        .collect();
    for (name, oa) in &ops_a {
        match ops_b.get(name) {
            Some(ob) => c.operation(oa, ob),
            None => c.push(
                DifferenceKind::MissingOperation,
                name,
                format!(
                    "{} {} is not in the OpenAPI document",
                    oa.method.as_str(),
                    oa.path
                ),
            ),
        }
    }
    for (name, ob) in &ops_b {
        if !ops_a.contains_key(name) {
            c.push(
                DifferenceKind::ExtraOperation,
                name,
                format!(
                    "{} {} is only in the OpenAPI document",
                    ob.method.as_str(),
                    ob.path
                ),
            );
        }
    }
    while let Some((place, ta, tb)) = c.queue.pop() {
        c.named_pair(&place, &ta, &tb);
    }
    c.out.into_iter().collect()
}

struct Checker<'a> {
    a: &'a Api,
    b: &'a Api,
    out: BTreeSet<Difference>,
    /// Pairs of named types still to compare.
    queue: Vec<(String, String, String)>,
    seen: BTreeSet<(String, String)>,
}

impl<'a> Checker<'a> {
    fn push(&mut self, kind: DifferenceKind, place: &str, detail: String) {
        self.out.insert(Difference {
            kind,
            place: place.to_string(),
            detail,
        });
    }

    /// The JSON names along a field path of a request message.
    fn json_path(api: &Api, request: &str, field: &[String]) -> String {
        let mut names = Vec::new();
        let mut message = api.message(request);
        for name in field {
            let found = message.and_then(|m| m.field(name));
            names.push(found.map_or_else(|| name.clone(), |f| f.json_name.clone()));
            message = found
                .and_then(|f| f.ty.referenced_name())
                .and_then(|n| api.message(n));
        }
        names.join(".")
    }

    /// An operation's parameters as `(where, request field JSON path)`.
    fn params(api: &Api, op: &Operation) -> BTreeSet<(String, String)> {
        let holes: Vec<&str> = op.path.vars().map(|v| v.name.as_str()).collect();
        op.params
            .iter()
            .map(|p| {
                let place = match p.location {
                    ParamLocation::Path => format!(
                        "path placeholder #{}",
                        holes.iter().position(|h| *h == p.name).map_or(0, |i| i + 1)
                    ),
                    ParamLocation::Query => format!("query `{}`", p.name),
                    ParamLocation::Header => format!("header `{}`", p.name),
                    ParamLocation::Cookie => format!("cookie `{}`", p.name),
                };
                (place, Self::json_path(api, &op.request, &p.field))
            })
            .collect()
    }

    fn body(api: &Api, op: &Operation) -> String {
        match &op.body {
            None => "no body".to_string(),
            Some(Body::All) => "body `*`".to_string(),
            Some(Body::Field(f)) => format!(
                "body field `{}`",
                Self::json_path(api, &op.request, std::slice::from_ref(f))
            ),
        }
    }

    fn operation(&mut self, oa: &Operation, ob: &Operation) {
        let place = oa.name.as_str();
        if oa.method != ob.method {
            self.push(
                DifferenceKind::Method,
                place,
                format!(
                    "{} in the protos, {} in OpenAPI",
                    oa.method.as_str(),
                    ob.method.as_str()
                ),
            );
        }
        if oa.path.shape() != ob.path.shape() {
            self.push(
                DifferenceKind::Path,
                place,
                format!("`{}` in the protos, `{}` in OpenAPI", oa.path, ob.path),
            );
        }
        let pa = Self::params(self.a, oa);
        let pb = Self::params(self.b, ob);
        for (w, f) in pa.difference(&pb) {
            self.push(
                DifferenceKind::Param,
                place,
                format!("{w} binding `{f}` is only in the protos"),
            );
        }
        for (w, f) in pb.difference(&pa) {
            self.push(
                DifferenceKind::Param,
                place,
                format!("{w} binding `{f}` is only in OpenAPI"),
            );
        }
        let (ba, bb) = (Self::body(self.a, oa), Self::body(self.b, ob));
        if ba != bb {
            self.push(
                DifferenceKind::Body,
                place,
                format!("{ba} in the protos, {bb} in OpenAPI"),
            );
        }
        if oa.request != ob.request {
            self.push(
                DifferenceKind::Request,
                place,
                format!(
                    "request type `{}` in the protos, `{}` in OpenAPI",
                    oa.request, ob.request
                ),
            );
        }
        self.enqueue(&oa.request, &oa.request, &ob.request);
        match (&oa.response, &ob.response) {
            (Some(ra), Some(rb)) => {
                if ra != rb {
                    self.push(
                        DifferenceKind::Response,
                        place,
                        format!("response type `{ra}` in the protos, `{rb}` in OpenAPI"),
                    );
                }
                self.enqueue(ra, ra, rb);
            }
            (None, None) => {}
            (ra, rb) => self.push(
                DifferenceKind::Response,
                place,
                format!(
                    "response {} in the protos, {} in OpenAPI",
                    ra.as_deref()
                        .map_or("none".to_string(), |r| format!("`{r}`")),
                    rb.as_deref()
                        .map_or("none".to_string(), |r| format!("`{r}`")),
                ),
            ),
        }
        let page = |api: &Api, op: &Operation| {
            op.pagination.as_ref().map(|p| {
                let json = |msg: Option<&str>, f: &str| {
                    msg.and_then(|m| api.message(m))
                        .and_then(|m| m.field(f))
                        .map_or_else(|| f.to_string(), |f| f.json_name.clone())
                };
                format!(
                    "{} -> {} / {}",
                    json(Some(&op.request), &p.page_token),
                    json(op.response.as_deref(), &p.next_page_token),
                    json(op.response.as_deref(), &p.items)
                )
            })
        };
        let (pga, pgb) = (page(self.a, oa), page(self.b, ob));
        if pga != pgb {
            let show = |p: Option<String>| p.map_or("none".to_string(), |p| format!("`{p}`"));
            self.push(
                DifferenceKind::Pagination,
                place,
                format!(
                    "pagination {} in the protos, {} in OpenAPI",
                    show(pga),
                    show(pgb)
                ),
            );
        }
    }

    fn enqueue(&mut self, place: &str, a: &str, b: &str) {
        if self.seen.insert((a.to_string(), b.to_string())) {
            self.queue
                .push((place.to_string(), a.to_string(), b.to_string()));
        }
    }

    /// Compares two named types that correspond.
    fn named_pair(&mut self, place: &str, na: &str, nb: &str) {
        let (Some(da), Some(db)) = (self.a.type_def(na), self.b.type_def(nb)) else {
            return;
        };
        match (da, db) {
            (TypeDef::Message(ma), TypeDef::Message(mb)) => {
                if na != nb {
                    self.push(
                        DifferenceKind::TypeName,
                        place,
                        format!("message `{na}` in the protos is `{nb}` in OpenAPI"),
                    );
                }
                self.messages(ma, mb);
            }
            (TypeDef::Enum(ea), TypeDef::Enum(eb)) => {
                if eb.values.is_empty() && !ea.values.is_empty() {
                    self.push(
                        DifferenceKind::LossyEnumValues,
                        place,
                        format!(
                            "enum `{na}` ({} values) is `{nb}` with no values listed",
                            ea.values.len()
                        ),
                    );
                    return;
                }
                if na != nb {
                    self.push(
                        DifferenceKind::TypeName,
                        place,
                        format!("enum `{na}` in the protos is `{nb}` in OpenAPI"),
                    );
                }
                let va: BTreeSet<&str> = ea.values.iter().map(|v| v.name.as_str()).collect();
                let vb: BTreeSet<&str> = eb.values.iter().map(|v| v.name.as_str()).collect();
                let only_a: Vec<&str> = va.difference(&vb).copied().collect();
                let only_b: Vec<&str> = vb.difference(&va).copied().collect();
                if !only_a.is_empty() || !only_b.is_empty() {
                    self.push(
                        DifferenceKind::EnumValues,
                        na,
                        format!(
                            "values only in the protos: [{}]; only in OpenAPI: [{}]",
                            only_a.join(", "),
                            only_b.join(", ")
                        ),
                    );
                }
            }
            (TypeDef::Union(ua), TypeDef::Union(ub)) => {
                if na != nb {
                    self.push(
                        DifferenceKind::TypeName,
                        place,
                        format!("union `{na}` in the protos is `{nb}` in OpenAPI"),
                    );
                }
                let va: Vec<&str> = ua.variants.iter().map(|v| v.name.as_str()).collect();
                let vb: Vec<&str> = ub.variants.iter().map(|v| v.name.as_str()).collect();
                if va != vb {
                    self.push(
                        DifferenceKind::UnionVariants,
                        na,
                        format!(
                            "variants [{}] in the protos, [{}] in OpenAPI",
                            va.join(", "),
                            vb.join(", ")
                        ),
                    );
                }
                for (x, y) in ua.variants.iter().zip(&ub.variants) {
                    let p = format!("{na}.{}", x.name);
                    self.types(&p, &x.ty, &y.ty);
                }
            }
            _ => self.push(
                DifferenceKind::FieldType,
                place,
                format!(
                    "`{na}` is {} in the protos, `{nb}` is {} in OpenAPI",
                    kind_word(da),
                    kind_word(db)
                ),
            ),
        }
    }

    fn messages(&mut self, ma: &Message, mb: &Message) {
        for fa in &ma.fields {
            let place = format!("{}.{}", ma.name, fa.name);
            let Some(fb) = mb.fields.iter().find(|f| f.json_name == fa.json_name) else {
                self.push(
                    DifferenceKind::MissingField,
                    &place,
                    format!("field `{}` ({}) is not in OpenAPI", fa.json_name, fa.ty),
                );
                continue;
            };
            self.types(&place, &fa.ty, &fb.ty);
            match (fa.optional, fb.optional) {
                (true, false) => self.push(
                    DifferenceKind::LossyPresence,
                    &place,
                    "`optional` presence is not marked".to_string(),
                ),
                (false, true) => self.push(
                    DifferenceKind::Presence,
                    &place,
                    "has presence (nullable) in OpenAPI only".to_string(),
                ),
                _ => {}
            }
            if let (Some(o), None) = (&fa.oneof, &fb.oneof) {
                self.push(
                    DifferenceKind::LossyOneof,
                    &place,
                    format!("member of oneof `{o}`, not marked"),
                );
            }
        }
        for fb in &mb.fields {
            if !ma.fields.iter().any(|f| f.json_name == fb.json_name) {
                self.push(
                    DifferenceKind::ExtraField,
                    &format!("{}.{}", ma.name, fb.json_name),
                    format!("field `{}` ({}) is only in OpenAPI", fb.json_name, fb.ty),
                );
            }
        }
        match (&ma.additional, &mb.additional) {
            (Some(x), Some(y)) => {
                let place = format!("{}.<additional properties>", ma.name);
                self.types(&place, x, y);
            }
            (None, None) => {}
            (x, y) => self.push(
                DifferenceKind::FieldType,
                &format!("{}.<additional properties>", ma.name),
                format!(
                    "{} in the protos, {} in OpenAPI",
                    x.as_ref().map_or("none".to_string(), |t| format!("`{t}`")),
                    y.as_ref().map_or("none".to_string(), |t| format!("`{t}`"))
                ),
            ),
        }
    }

    fn is_enum(api: &Api, t: &Type) -> bool {
        matches!(t, Type::Named(n) if matches!(api.type_def(n), Some(TypeDef::Enum(_))))
    }

    fn is_empty_message(api: &Api, t: &Type) -> bool {
        matches!(t, Type::Named(n) if api.message(n).is_some_and(|m| m.fields.is_empty()))
    }

    /// Compares the types of two corresponding values.
    fn types(&mut self, place: &str, ta: &Type, tb: &Type) {
        let lossy_well_known = |d: &mut Self, why: &str| {
            d.push(
                DifferenceKind::LossyWellKnown,
                place,
                format!("`{ta}` is written as `{tb}` ({why})"),
            );
        };
        match (ta, tb) {
            (Type::Named(x), Type::Named(y)) => self.enqueue(place, x, y),
            (Type::List(x), Type::List(y)) | (Type::Wrapper(x), Type::Wrapper(y)) => {
                self.types(place, x, y)
            }
            (Type::Map(ka, va), Type::Map(kb, vb)) => {
                if ka != kb {
                    if **kb == Type::String {
                        self.push(
                            DifferenceKind::LossyMapKey,
                            place,
                            format!("map key `{ka}` is written as `{kb}`"),
                        );
                    } else {
                        self.push(
                            DifferenceKind::FieldType,
                            place,
                            format!("map key `{ka}` in the protos, `{kb}` in OpenAPI"),
                        );
                    }
                }
                self.types(place, va, vb);
            }
            (a, b) if a == b => {}
            (Type::Named(_), Type::Int32 | Type::Int64) if Self::is_enum(self.a, ta) => {
                self.push(
                    DifferenceKind::LossyEnumAsInteger,
                    place,
                    format!("enum `{ta}` is written as `{tb}`"),
                );
            }
            (Type::Wrapper(inner), other) if **inner == *other => {
                lossy_well_known(self, "a wrapper as its scalar")
            }
            (Type::Duration | Type::FieldMask, Type::String) => {
                lossy_well_known(self, "its JSON string form")
            }
            (Type::Empty, _) if Self::is_empty_message(self.b, tb) => {
                lossy_well_known(self, "an empty object")
            }
            (Type::Any | Type::Struct, Type::Struct | Type::Value)
            | (Type::ListValue, Type::List(_)) => lossy_well_known(self, "free-form JSON"),
            _ => self.push(
                DifferenceKind::FieldType,
                place,
                format!("`{ta}` in the protos, `{tb}` in OpenAPI"),
            ),
        }
    }
}

fn kind_word(t: &TypeDef) -> &'static str {
    match t {
        TypeDef::Message(_) => "a message",
        TypeDef::Enum(_) => "an enum",
        TypeDef::Union(_) => "a union",
    }
}
