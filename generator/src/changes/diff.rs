//! Comparing two surfaces item by item.
//!
//! Items are matched by Rust name. A field or value that disappeared and
//! one that appeared with the same proto number are one rename (still
//! breaking: the Rust name changed). Methods and types are never paired that
//! way; a removal whose twin was added (same HTTP route, same shape) says so.

use std::collections::BTreeSet;

use super::{Change, Kind, Level};
use crate::backend::rust::surface::{
    Enum, Field, FieldKind, Flags, Member, Method, Struct, Surface, Type, Union,
};

/// Every change from `old` to `new`, breaking first, then by item.
pub fn diff(old: &Surface, new: &Surface) -> Vec<Change> {
    let mut out = Out::default();
    if old.api != new.api {
        out.push(
            Level::Cosmetic,
            "model",
            Kind::Docs,
            format!("the module docs name `{}` (was `{}`)", new.api, old.api),
        );
    }
    methods(&mut out, old, new);
    types(&mut out, old, new);
    let mut changes = out.0;
    changes.sort_by(|a, b| {
        b.level
            .cmp(&a.level)
            .then_with(|| a.item.cmp(&b.item))
            .then_with(|| a.kind.cmp(&b.kind))
            .then_with(|| a.detail.cmp(&b.detail))
    });
    changes.dedup();
    changes
}

#[derive(Default)]
struct Out(Vec<Change>);

impl Out {
    fn push(&mut self, level: Level, item: &str, kind: Kind, detail: String) {
        self.0.push(Change {
            level,
            item: item.to_string(),
            kind,
            detail,
        });
    }

    /// Cosmetic doc change, if the texts differ.
    fn docs(&mut self, item: &str, old: &str, new: &str) {
        if old != new {
            let what = match (old.is_empty(), new.is_empty()) {
                (true, _) => "docs added",
                (_, true) => "docs removed",
                _ => "docs changed",
            };
            self.push(Level::Cosmetic, item, Kind::Docs, what.to_string());
        }
    }
}

fn methods(out: &mut Out, old: &Surface, new: &Surface) {
    for (name, o) in &old.methods {
        let item = format!("Client::{name}");
        match new.methods.get(name) {
            Some(n) => method(out, &item, o, n),
            None => {
                let twin = new
                    .methods
                    .iter()
                    .find(|(n, m)| !old.methods.contains_key(*n) && m.http == o.http);
                let hint = match twin {
                    Some((t, _)) => format!("; the new `Client::{t}` serves the same route"),
                    None => String::new(),
                };
                out.push(
                    Level::Breaking,
                    &item,
                    Kind::Removed,
                    format!("method removed (was `{}`){hint}", o.http),
                );
            }
        }
    }
    for (name, n) in &new.methods {
        if !old.methods.contains_key(name) {
            let pages = if n.pagination.is_some() {
                ", paginated"
            } else {
                ""
            };
            out.push(
                Level::Additive,
                &format!("Client::{name}"),
                Kind::Added,
                format!(
                    "method added: `{}`, takes `{}`, returns `{}`{pages}",
                    n.http, n.request, n.response
                ),
            );
        }
    }
}

fn method(out: &mut Out, item: &str, o: &Method, n: &Method) {
    if o.request != n.request {
        out.push(
            Level::Breaking,
            item,
            Kind::SignatureChanged,
            format!("takes `{}` (was `{}`)", n.request, o.request),
        );
    }
    if o.response != n.response {
        out.push(
            Level::Breaking,
            item,
            Kind::SignatureChanged,
            format!("returns `{}` (was `{}`)", n.response, o.response),
        );
    }
    match (&o.pagination, &n.pagination) {
        (None, Some(p)) => out.push(
            Level::Additive,
            item,
            Kind::PaginationAdded,
            format!(
                "now paginated: `Call::items` yields `{}`, `Call::pages` each page",
                p.item
            ),
        ),
        (Some(_), None) => out.push(
            Level::Breaking,
            item,
            Kind::PaginationRemoved,
            "no longer paginated: `Call::items` and `Call::pages` are gone".to_string(),
        ),
        (Some(a), Some(b)) => {
            if a.item != b.item {
                out.push(
                    Level::Breaking,
                    item,
                    Kind::PaginationChanged,
                    format!("`Call::items` yields `{}` (was `{}`)", b.item, a.item),
                );
            }
            let fields = |p: &crate::backend::rust::surface::Paging| {
                format!("{}/{}/{}", p.page_token, p.next_page_token, p.items)
            };
            if fields(a) != fields(b) {
                out.push(
                    Level::Cosmetic,
                    item,
                    Kind::Wire,
                    format!(
                        "pages through token/next token/items fields `{}` (was `{}`)",
                        fields(b),
                        fields(a)
                    ),
                );
            }
        }
        (None, None) => {}
    }
    if o.http != n.http {
        out.push(
            Level::Cosmetic,
            item,
            Kind::Wire,
            format!("sends `{}` (was `{}`)", n.http, o.http),
        );
    }
    if o.params != n.params {
        out.push(
            Level::Cosmetic,
            item,
            Kind::Wire,
            format!(
                "request fields outside the body: {} (was {})",
                list(&n.params),
                list(&o.params)
            ),
        );
    }
    if o.body != n.body {
        out.push(
            Level::Cosmetic,
            item,
            Kind::Wire,
            format!("body: {} (was {})", body(&n.body), body(&o.body)),
        );
    }
    if o.operation != n.operation {
        out.push(
            Level::Cosmetic,
            item,
            Kind::Wire,
            format!(
                "the operation is named `{}` (was `{}`)",
                n.operation, o.operation
            ),
        );
    }
    out.docs(item, &o.doc, &n.doc);
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        items
            .iter()
            .map(|i| format!("`{i}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn body(b: &str) -> String {
    match b {
        "none" | "the request" => b.to_string(),
        field => format!("field `{field}`"),
    }
}

fn types(out: &mut Out, old: &Surface, new: &Surface) {
    for (name, o) in &old.types {
        match new.types.get(name) {
            None => {
                let twin = new
                    .types
                    .iter()
                    .find(|(n, t)| !old.types.contains_key(*n) && same_shape(o, t));
                let hint = match twin {
                    Some((t, _)) => format!("; the new `{t}` has the same members"),
                    None => String::new(),
                };
                out.push(
                    Level::Breaking,
                    name,
                    Kind::Removed,
                    format!("type removed (was {}){hint}", o.kind()),
                );
            }
            Some(n) => {
                match (o, n) {
                    (Type::Struct(a), Type::Struct(b)) => structs(out, name, a, b),
                    (Type::Enum(a), Type::Enum(b)) => enums(out, name, a, b),
                    (Type::Union(a), Type::Union(b)) => unions(out, name, a, b),
                    _ => out.push(
                        Level::Breaking,
                        name,
                        Kind::KindChanged,
                        format!("now {} (was {})", n.kind(), o.kind()),
                    ),
                }
                out.docs(name, o.doc(), n.doc());
            }
        }
    }
    for (name, n) in &new.types {
        if !old.types.contains_key(name) {
            let size = match n {
                Type::Struct(s) => plural(s.fields.len(), "field"),
                Type::Enum(e) => plural(e.variants.len(), "value"),
                Type::Union(u) => plural(u.variants.len(), "variant"),
            };
            out.push(
                Level::Additive,
                name,
                Kind::Added,
                format!("type added ({} with {size})", n.kind()),
            );
        }
    }
}

/// `1 field`, `2 fields`.
fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// Whether two types have the same members (by name; their types may name
/// the renamed type itself).
fn same_shape(a: &Type, b: &Type) -> bool {
    fn names<T>(items: &[T], name: impl Fn(&T) -> &str) -> Vec<&str> {
        items.iter().map(name).collect()
    }
    match (a, b) {
        (Type::Struct(a), Type::Struct(b)) => {
            !a.fields.is_empty() && names(&a.fields, |f| &f.name) == names(&b.fields, |f| &f.name)
        }
        (Type::Enum(a), Type::Enum(b)) => {
            !a.variants.is_empty()
                && names(&a.variants, |v| &v.name) == names(&b.variants, |v| &v.name)
        }
        (Type::Union(a), Type::Union(b)) => {
            names(&a.variants, |v| &v.name) == names(&b.variants, |v| &v.name)
        }
        _ => false,
    }
}

/// Pairs items of `old` and `new`: by name, then what is left by number.
/// Returns (old, new) index pairs, renames flagged, and the unmatched.
struct Pairing {
    both: Vec<(usize, usize, bool)>,
    removed: Vec<usize>,
    added: Vec<usize>,
}

fn pair<T>(
    old: &[T],
    new: &[T],
    name: impl Fn(&T) -> &str,
    number: impl Fn(&T) -> Option<i64>,
) -> Pairing {
    let mut both = Vec::new();
    let mut used_new = BTreeSet::new();
    let mut left = Vec::new();
    for (i, o) in old.iter().enumerate() {
        match new.iter().position(|n| name(n) == name(o)) {
            Some(j) => {
                both.push((i, j, false));
                used_new.insert(j);
            }
            None => left.push(i),
        }
    }
    let mut removed = Vec::new();
    for i in left {
        let twin = number(&old[i]).and_then(|num| {
            (0..new.len()).find(|j| {
                !used_new.contains(j)
                    && number(&new[*j]) == Some(num)
                    && !old.iter().any(|o| name(o) == name(&new[*j]))
            })
        });
        match twin {
            Some(j) => {
                both.push((i, j, true));
                used_new.insert(j);
            }
            None => removed.push(i),
        }
    }
    let added = (0..new.len()).filter(|j| !used_new.contains(j)).collect();
    Pairing {
        both,
        removed,
        added,
    }
}

fn field_number(f: &Field) -> Option<i64> {
    match &f.kind {
        FieldKind::Plain { number, .. } => number.map(i64::from),
        _ => None,
    }
}

fn setter_name(f: &Field) -> Option<&str> {
    match &f.kind {
        FieldKind::Plain { setter, .. } | FieldKind::Additional { setter } => Some(&setter.name),
        FieldKind::Oneof { .. } => None,
    }
}

fn structs(out: &mut Out, tname: &str, o: &Struct, n: &Struct) {
    let p = pair(&o.fields, &n.fields, |f| &f.name, field_number);
    for &i in &p.removed {
        let f = &o.fields[i];
        let item = format!("{tname}::{}", f.name);
        let mut detail = match setter_name(f) {
            Some(s) => format!("field removed, and its setter `{s}`"),
            None => "field removed".to_string(),
        };
        if let FieldKind::Plain { json, .. } = &f.kind {
            if let Some((holder, m)) = oneof_member_by_json(n, json) {
                detail.push_str(&format!(
                    "; now `{}` in the oneof field `{holder}`",
                    m.variant
                ));
            }
        }
        if let FieldKind::Oneof { members, .. } = &f.kind {
            let setters: Vec<String> = members
                .iter()
                .map(|m| format!("`{}`", m.setter.name))
                .collect();
            if !setters.is_empty() {
                detail.push_str(&format!(", and the setters {}", setters.join(", ")));
            }
        }
        out.push(Level::Breaking, &item, Kind::Removed, detail);
    }
    for &j in &p.added {
        let f = &n.fields[j];
        let item = format!("{tname}::{}", f.name);
        let setter = match setter_name(f) {
            Some(s) => format!(", setter `{s}`"),
            None => String::new(),
        };
        let required = if f.flags.required {
            "; required by the API"
        } else {
            ""
        };
        out.push(
            Level::Additive,
            &item,
            Kind::Added,
            format!("field added: `{}`{setter}{required}", f.ty),
        );
        if let FieldKind::Oneof { members, .. } = &f.kind {
            for m in members {
                member_added(out, tname, f, m);
            }
        }
    }
    for &(i, j, renamed) in &p.both {
        let (a, b) = (&o.fields[i], &n.fields[j]);
        let item = format!("{tname}::{}", a.name);
        if renamed {
            let number = field_number(a).unwrap_or_default();
            let ty = if a.ty == b.ty {
                String::new()
            } else {
                format!(", now `{}` (was `{}`)", b.ty, a.ty)
            };
            out.push(
                Level::Breaking,
                &item,
                Kind::Renamed,
                format!(
                    "field renamed to `{}` (same proto field number {number}){ty}",
                    b.name
                ),
            );
        } else if a.ty != b.ty {
            let (kind, what) = if presence_only(&a.ty, &b.ty) {
                (Kind::PresenceChanged, "presence changed: ")
            } else {
                (Kind::TypeChanged, "")
            };
            out.push(
                Level::Breaking,
                &item,
                kind,
                format!("{what}now `{}` (was `{}`)", b.ty, a.ty),
            );
        }
        field(out, tname, &item, a, b, renamed);
    }
}

/// The oneof holder and member of `s` read under the JSON name `json`.
fn oneof_member_by_json<'s>(s: &'s Struct, json: &str) -> Option<(&'s str, &'s Member)> {
    s.fields.iter().find_map(|f| match &f.kind {
        FieldKind::Oneof { members, .. } => members
            .iter()
            .find(|m| m.json == json)
            .map(|m| (f.name.as_str(), m)),
        _ => None,
    })
}

/// `Option<T>` against `T`.
fn presence_only(a: &str, b: &str) -> bool {
    let strip = |s: &str| -> Option<String> {
        s.strip_prefix("Option<")
            .and_then(|r| r.strip_suffix('>'))
            .map(str::to_string)
    };
    strip(a).as_deref() == Some(b) || strip(b).as_deref() == Some(a)
}

/// Changes within a field that kept its place (`renamed`: its name changed,
/// already reported).
fn field(out: &mut Out, tname: &str, item: &str, a: &Field, b: &Field, renamed: bool) {
    match (&a.kind, &b.kind) {
        (
            FieldKind::Plain {
                json: ja,
                setter: sa,
                ..
            },
            FieldKind::Plain {
                json: jb,
                setter: sb,
                ..
            },
        ) => {
            if !renamed && a.ty == b.ty && sa.input != sb.input {
                out.push(
                    Level::Breaking,
                    item,
                    Kind::SetterChanged,
                    format!("`{}` takes `{}` (was `{}`)", sb.name, sb.input, sa.input),
                );
            }
            if ja != jb && !renamed {
                out.push(
                    Level::Cosmetic,
                    item,
                    Kind::Wire,
                    format!("sent and read as `{jb}` (was `{ja}`)"),
                );
            }
        }
        (FieldKind::Additional { setter: sa }, FieldKind::Additional { setter: sb })
            if a.ty == b.ty && sa.input != sb.input =>
        {
            out.push(
                Level::Breaking,
                item,
                Kind::SetterChanged,
                format!("`{}` takes `{}` (was `{}`)", sb.name, sb.input, sa.input),
            );
        }
        (
            FieldKind::Oneof {
                members: ma,
                enum_name: ea,
            },
            FieldKind::Oneof {
                members: mb,
                enum_name: eb,
            },
        ) => {
            let p = pair(ma, mb, |m| &m.variant, |m| m.number.map(i64::from));
            for &i in &p.removed {
                let m = &ma[i];
                out.push(
                    Level::Breaking,
                    &format!("{ea}::{}", m.variant),
                    Kind::Removed,
                    format!(
                        "oneof member removed, and its setter `{tname}::{}`",
                        m.setter.name
                    ),
                );
            }
            for &j in &p.added {
                member_added(out, tname, b, &mb[j]);
            }
            for &(i, j, renamed) in &p.both {
                let (x, y) = (&ma[i], &mb[j]);
                let mitem = format!("{ea}::{}", x.variant);
                if renamed {
                    out.push(
                        Level::Breaking,
                        &mitem,
                        Kind::Renamed,
                        format!(
                            "oneof member renamed to `{eb}::{}`, setter `{}` (same proto field number {})",
                            y.variant,
                            y.setter.name,
                            x.number.unwrap_or_default()
                        ),
                    );
                } else if x.ty != y.ty {
                    out.push(
                        Level::Breaking,
                        &mitem,
                        Kind::TypeChanged,
                        format!("now holds `{}` (was `{}`)", y.ty, x.ty),
                    );
                } else if x.setter.input != y.setter.input {
                    out.push(
                        Level::Breaking,
                        &mitem,
                        Kind::SetterChanged,
                        format!(
                            "`{tname}::{}` takes `{}` (was `{}`)",
                            y.setter.name, y.setter.input, x.setter.input
                        ),
                    );
                }
                if x.json != y.json {
                    out.push(
                        Level::Cosmetic,
                        &mitem,
                        Kind::Wire,
                        format!("sent and read as `{}` (was `{}`)", y.json, x.json),
                    );
                }
                flags(out, &mitem, x.flags, y.flags);
                out.docs(&mitem, &x.doc, &y.doc);
            }
        }
        // Kinds differ: the type differs too and was reported.
        _ => {}
    }
    flags(out, item, a.flags, b.flags);
    out.docs(item, &a.doc, &b.doc);
}

fn member_added(out: &mut Out, tname: &str, holder: &Field, m: &Member) {
    let FieldKind::Oneof { enum_name, .. } = &holder.kind else {
        return;
    };
    out.push(
        Level::Additive,
        &format!("{enum_name}::{}", m.variant),
        Kind::Added,
        format!(
            "oneof member added: `{}`, setter `{tname}::{}`",
            m.ty, m.setter.name
        ),
    );
}

/// Changes of what the API says about a field.
fn flags(out: &mut Out, item: &str, a: Flags, b: Flags) {
    let same = "the same Rust API";
    let toggles = [
        (
            a.required,
            b.required,
            Kind::NowRequired,
            Kind::NoLongerRequired,
            "required by the API",
            format!("{same}; the server expects it set, whichever SDK version sends the request"),
        ),
        (
            a.input_only,
            b.input_only,
            Kind::NowInputOnly,
            Kind::NoLongerInputOnly,
            "input-only",
            format!("{same}; the server no longer returns it, whichever SDK version reads"),
        ),
        (
            a.output_only,
            b.output_only,
            Kind::NowOutputOnly,
            Kind::NoLongerOutputOnly,
            "output-only",
            format!("{same}; the server ignores it in requests, whichever SDK version sends"),
        ),
    ];
    for (was, is, now, no_longer, what, why) in toggles {
        match (was, is) {
            (false, true) => out.push(Level::Cosmetic, item, now, format!("now {what} ({why})")),
            (true, false) => out.push(
                Level::Cosmetic,
                item,
                no_longer,
                format!("no longer {what}"),
            ),
            _ => {}
        }
    }
    match (a.deprecated, b.deprecated) {
        (false, true) => out.push(
            Level::Additive,
            item,
            Kind::NowDeprecated,
            "now deprecated (uses of its setter warn)".to_string(),
        ),
        (true, false) => out.push(
            Level::Cosmetic,
            item,
            Kind::NoLongerDeprecated,
            "no longer deprecated".to_string(),
        ),
        _ => {}
    }
}

fn enums(out: &mut Out, ename: &str, o: &Enum, n: &Enum) {
    let p = pair(
        &o.variants,
        &n.variants,
        |v| &v.name,
        |v| v.number.map(i64::from),
    );
    for &i in &p.removed {
        let v = &o.variants[i];
        out.push(
            Level::Breaking,
            &format!("{ename}::{}", v.name),
            Kind::Removed,
            format!(
                "value removed (`{}` now decodes as `{ename}::{}`)",
                v.wire, n.unknown
            ),
        );
    }
    for &j in &p.added {
        let v = &n.variants[j];
        out.push(
            Level::Additive,
            &format!("{ename}::{}", v.name),
            Kind::Added,
            format!("value added: `{}`", v.wire),
        );
    }
    for &(i, j, renamed) in &p.both {
        let (a, b) = (&o.variants[i], &n.variants[j]);
        let item = format!("{ename}::{}", a.name);
        if renamed {
            out.push(
                Level::Breaking,
                &item,
                Kind::Renamed,
                format!(
                    "value renamed to `{ename}::{}` (`{}`, same number {})",
                    b.name,
                    b.wire,
                    a.number.unwrap_or_default()
                ),
            );
        } else if a.wire != b.wire {
            out.push(
                Level::Cosmetic,
                &item,
                Kind::Wire,
                format!("sent and read as `{}` (was `{}`)", b.wire, a.wire),
            );
        }
        if a.number != b.number {
            let num = |n: Option<i32>| n.map_or("no number".to_string(), |n| n.to_string());
            out.push(
                Level::Cosmetic,
                &item,
                Kind::Wire,
                format!("numbered {} (was {})", num(b.number), num(a.number)),
            );
        }
        out.docs(&item, &a.doc, &b.doc);
    }
    if o.default != n.default {
        let name = |d: &Option<String>| match d {
            Some(v) => format!("`{ename}::{v}`"),
            None => "none".to_string(),
        };
        out.push(
            Level::Breaking,
            ename,
            Kind::DefaultChanged,
            format!(
                "`Default` is {} (was {})",
                name(&n.default),
                name(&o.default)
            ),
        );
    }
    if o.unknown != n.unknown {
        out.push(
            Level::Breaking,
            &format!("{ename}::{}", o.unknown),
            Kind::Renamed,
            format!("the catch-all variant is now `{ename}::{}`", n.unknown),
        );
    }
}

fn unions(out: &mut Out, uname: &str, o: &Union, n: &Union) {
    let p = pair(&o.variants, &n.variants, |v| &v.name, |_| None);
    for &i in &p.removed {
        out.push(
            Level::Breaking,
            &format!("{uname}::{}", o.variants[i].name),
            Kind::Removed,
            "variant removed".to_string(),
        );
    }
    for &j in &p.added {
        let v = &n.variants[j];
        out.push(
            Level::Additive,
            &format!("{uname}::{}", v.name),
            Kind::Added,
            format!("variant added: `{}`", v.ty),
        );
    }
    for &(i, j, _) in &p.both {
        let (a, b) = (&o.variants[i], &n.variants[j]);
        let item = format!("{uname}::{}", a.name);
        if a.ty != b.ty {
            out.push(
                Level::Breaking,
                &item,
                Kind::TypeChanged,
                format!("now holds `{}` (was `{}`)", b.ty, a.ty),
            );
        }
        if a.tags != b.tags {
            out.push(
                Level::Cosmetic,
                &item,
                Kind::Wire,
                format!("tagged {} (was {})", list(&b.tags), list(&a.tags)),
            );
        }
        out.docs(&item, &a.doc, &b.doc);
    }
    if o.discriminator != n.discriminator {
        let d = |d: &Option<String>| {
            d.as_deref()
                .map_or("none".to_string(), |p| format!("`{p}`"))
        };
        out.push(
            Level::Cosmetic,
            uname,
            Kind::Wire,
            format!(
                "discriminator {} (was {})",
                d(&n.discriminator),
                d(&o.discriminator)
            ),
        );
    }
    if o.other != n.other {
        out.push(
            Level::Breaking,
            &format!("{uname}::{}", o.other),
            Kind::Renamed,
            format!("the catch-all variant is now `{uname}::{}`", n.other),
        );
    }
}
