//! Every decision about the command-line tool, before printing: the group
//! and command names, and for every operation its arguments (positional
//! path parameters, one flag per request field, the fields of the request's
//! message field flattened into flags of their own), each with the JSON
//! path it sets and how its values are written. Rust names (the client
//! methods, the group modules) come from the Rust back-end's plan.

use std::collections::BTreeSet;

use crate::Result;
use crate::backend::rust::idents::RustIdent;
use crate::backend::rust::plan::bindings::PathPiece;
use crate::backend::rust::plan::{Detail, Member, MessagePlan, OpPlan, Plan};
use crate::ir::{Field, Type};
use crate::naming::{Namespace, Words};

use super::Options;

/// Flags every command already has (the runtime's): a field flag never
/// takes one of these names.
pub const RESERVED_FLAGS: &[&str] = &[
    "all",
    "api-key",
    "api-key-file",
    "base-url",
    "body",
    "dry-run",
    "help",
    "max-retries",
    "output",
    "progress",
    "timeout",
    "version",
];

/// Subcommands every tool has besides its groups.
pub const RESERVED_GROUPS: &[&str] = &["completions", "help", "man"];

/// The whole tool.
#[derive(Debug)]
pub struct CliPlan<'p, 'a> {
    pub rust: &'p Plan<'a>,
    pub bin: String,
    pub about: String,
    /// Prefix of the tool's own environment variables (`TESSERAL`).
    pub env_prefix: String,
    /// By command name.
    pub groups: Vec<GroupPlan<'p, 'a>>,
}

/// A resource group: a subcommand and a generated file.
#[derive(Debug)]
pub struct GroupPlan<'p, 'a> {
    /// The subcommand (`api-keys`).
    pub name: String,
    /// The file stem (the Rust back-end's: `api_keys`, `type`).
    pub module: String,
    /// The module's identifier (the Rust back-end's: `r#type`).
    pub ident: RustIdent,
    pub about: String,
    /// By command name.
    pub commands: Vec<CommandPlan<'p, 'a>>,
}

/// One operation.
#[derive(Debug)]
pub struct CommandPlan<'p, 'a> {
    pub op: &'p OpPlan<'a>,
    /// Within its group (`update`, `get-domains`).
    pub name: String,
    pub about: String,
    pub long_about: String,
    pub args: Vec<ArgPlan>,
    pub paginated: bool,
}

/// One argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArgPlan {
    /// The long flag name, or the positional value name (`ID`).
    pub name: String,
    /// JSON names from the request down to the field.
    pub path: Vec<String>,
    pub kind: Kind,
    pub shape: Shape,
    pub positional: bool,
    pub help: String,
    /// A name shared by the members of one oneof.
    pub oneof: Option<String>,
}

/// How values are written (the runtime's `Kind`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    String,
    Bool,
    Int32,
    Int64,
    Uint32,
    Uint64,
    Float,
    Double,
    Bytes,
    Timestamp,
    Duration,
    FieldMask,
    /// The value names.
    Enum(Vec<String>),
    Json,
}

impl Kind {
    /// The runtime's variant name.
    pub fn variant(&self) -> &'static str {
        match self {
            Kind::String => "String",
            Kind::Bool => "Bool",
            Kind::Int32 => "Int32",
            Kind::Int64 => "Int64",
            Kind::Uint32 => "Uint32",
            Kind::Uint64 => "Uint64",
            Kind::Float => "Float",
            Kind::Double => "Double",
            Kind::Bytes => "Bytes",
            Kind::Timestamp => "Timestamp",
            Kind::Duration => "Duration",
            Kind::FieldMask => "FieldMask",
            Kind::Enum(_) => "Enum",
            Kind::Json => "Json",
        }
    }
}

/// One value, a list or a map (the runtime's `Shape`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Single,
    List,
    Map,
}

impl Shape {
    pub fn variant(self) -> &'static str {
        match self {
            Shape::Single => "Single",
            Shape::List => "List",
            Shape::Map => "Map",
        }
    }
}

impl<'p, 'a> CliPlan<'p, 'a> {
    /// Plans the tool over the Rust back-end's plan.
    pub fn new(rust: &'p Plan<'a>, options: &Options) -> Result<CliPlan<'p, 'a>> {
        let words = &rust.words;
        let mut group_names = Namespace::new("-").reserve(RESERVED_GROUPS);
        let mut groups = Vec::new();
        for (stem, module) in &rust.modules {
            let Some(group) = module.group else { continue };
            let ops: Vec<&OpPlan> = module.ops.iter().filter_map(|&i| rust.ops.get(i)).collect();
            if ops.is_empty() {
                continue;
            }
            let name = group_names.claim(&kebab(words, group, "default"), |_| {});
            let verbs = verbs(words, group, &ops);
            let mut commands: Vec<CommandPlan> = ops
                .iter()
                .zip(verbs)
                .map(|(op, name)| command(rust, op, name))
                .collect();
            commands.sort_by(|a, b| a.name.cmp(&b.name));
            groups.push(GroupPlan {
                name,
                module: stem.clone(),
                ident: module.ident.clone(),
                about: format!("Operations on {}", phrase(words, group)),
                commands,
            });
        }
        groups.sort_by(|a, b| a.name.cmp(&b.name));
        let env_prefix: String = options
            .bin
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_uppercase()
                } else {
                    '_'
                }
            })
            .collect();
        Ok(CliPlan {
            rust,
            bin: options.bin.clone(),
            about: format!("A command-line client of the {}.", rust.client.title),
            env_prefix,
            groups,
        })
    }
}

/// Lowercase words joined by `-`.
fn kebab(words: &Words, name: &str, fallback: &str) -> String {
    let w: Vec<String> = words
        .split(name)
        .iter()
        .map(|w| w.to_ascii_lowercase())
        .collect();
    if w.is_empty() {
        fallback.to_string()
    } else {
        w.join("-")
    }
}

/// A group's name as words of a sentence, acronyms in capitals (`API keys`).
fn phrase(words: &Words, group: &str) -> String {
    let split = words.split(group);
    let out: Vec<String> = split
        .iter()
        .map(|w| {
            let capitals = w.len() > 1
                && w.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
            if capitals || words.is_acronym(w) {
                w.to_ascii_uppercase()
            } else {
                w.to_ascii_lowercase()
            }
        })
        .collect();
    out.join(" ")
}

/// The command names of a group's operations: the operation's words
/// without the group's (plural or singular: `ListUsers` -> `list`,
/// `GetOrganizationDomains` -> `get-domains`), else the whole name; the
/// whole name too for every operation whose short name another shares.
fn verbs(words: &Words, group: &str, ops: &[&OpPlan]) -> Vec<String> {
    let lower = |s: &str| -> Vec<String> {
        words
            .split(s)
            .iter()
            .map(|w| w.to_ascii_lowercase())
            .collect()
    };
    let plural = lower(group);
    let mut singular = plural.clone();
    if let Some(last) = singular.last_mut() {
        if last.len() > 1 && last.ends_with('s') {
            last.pop();
        }
    }
    let short = |name: &str| -> Option<String> {
        let w = lower(name);
        for noun in [&plural, &singular] {
            if noun.is_empty() || w.len() <= noun.len() {
                continue;
            }
            // The first word (the verb) stays.
            let at = (1..=w.len() - noun.len()).find(|&i| w[i..i + noun.len()] == noun[..]);
            if let Some(at) = at {
                let rest: Vec<&str> = w[..at]
                    .iter()
                    .chain(&w[at + noun.len()..])
                    .map(String::as_str)
                    .collect();
                return Some(rest.join("-"));
            }
        }
        None
    };
    let shorts: Vec<Option<String>> = ops.iter().map(|o| short(&o.op.name)).collect();
    let mut names = Namespace::new("-").reserve(["help"]);
    let wanted: Vec<String> = ops
        .iter()
        .zip(&shorts)
        .map(|(o, s)| match s {
            Some(s) if shorts.iter().filter(|t| t.as_ref() == Some(s)).count() == 1 => s.clone(),
            _ => kebab(words, &o.op.name, "call"),
        })
        .collect();
    let items: Vec<(usize, String)> = wanted.into_iter().enumerate().collect();
    let assigned = names.assign(&items);
    (0..ops.len()).map(|i| assigned[&i].clone()).collect()
}

/// One line of help from documentation: its first paragraph, on one line.
fn first_paragraph(doc: &str) -> String {
    let mut out = Vec::new();
    for line in doc.lines() {
        let line = line.trim();
        if line.is_empty() {
            if out.is_empty() {
                continue;
            }
            break;
        }
        out.push(line);
    }
    plain(&out.join(" "))
}

/// Text without control characters.
fn plain(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect()
}

fn command<'p, 'a>(rust: &'p Plan<'a>, op: &'p OpPlan<'a>, name: String) -> CommandPlan<'p, 'a> {
    let o = op.op;
    let http = format!("{} {}", o.method.as_str(), o.path);
    let about = match first_paragraph(&o.doc) {
        about if about.is_empty() => format!("Calls {} ({http}).", o.name),
        about => about,
    };
    let doc: Vec<&str> = o.doc.lines().map(str::trim_end).collect();
    let doc = plain(doc.join("\n").trim());
    let mut long_about = if doc.is_empty() { about.clone() } else { doc };
    long_about.push_str(&format!("\n\nOperation {} ({http}).", o.name));
    if o.pagination.is_some() {
        long_about.push_str(" One page of the list; --all lists every item of every page.");
    }
    CommandPlan {
        op,
        name,
        about,
        long_about,
        args: args(rust, op),
        paginated: o.pagination.is_some(),
    }
}

/// A field of the request to be a flag: where it is and what it is.
struct Candidate<'a> {
    field: &'a Field,
    path: Vec<String>,
    oneof: Option<String>,
    /// Set for the fields of a flattened message: the message field's flag
    /// name, for the dotted form (`organization.id`).
    parent: Option<String>,
}

/// The arguments of an operation: positionals, then flags.
fn args(rust: &Plan, op: &OpPlan) -> Vec<ArgPlan> {
    let words = &rust.words;
    let mut out = Vec::new();
    let mut bound: BTreeSet<Vec<String>> = BTreeSet::new();
    // The flag names the path fields would have: a flattened field with
    // one of them gets the dotted name (`--organization.id` beside `ID`).
    let mut bound_names: Vec<String> = Vec::new();
    let mut positional_names = Namespace::new("_");
    for piece in &op.binding.path {
        let PathPiece::Param { name, steps, .. } = piece else {
            continue;
        };
        let path: Vec<String> = steps.iter().map(|s| s.field().json_name.clone()).collect();
        let Some(leaf) = steps.last().map(|s| s.field()) else {
            continue;
        };
        let (kind, _) = kind(rust, &leaf.ty);
        let value_name = words.screaming(name);
        out.push(ArgPlan {
            name: positional_names.claim(
                if value_name.is_empty() {
                    "VALUE"
                } else {
                    &value_name
                },
                |_| {},
            ),
            path: path.clone(),
            kind,
            shape: Shape::Single,
            positional: true,
            help: first_paragraph(&leaf.doc),
            oneof: None,
        });
        bound.insert(path);
        bound_names.push(kebab(words, &leaf.name, "field"));
    }

    let Some(request) = rust.message(&op.op.request) else {
        return out;
    };
    let top = fields_of(request, &[]);
    // Message fields of the request (not oneof members): one is flattened
    // plainly, several with dotted names.
    let messages: Vec<usize> = top
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            c.oneof.is_none() && !c.field.output_only && message_of(rust, &c.field.ty).is_some()
        })
        .map(|(i, _)| i)
        .collect();
    let mut candidates: Vec<Candidate> = Vec::new();
    for (i, c) in top.into_iter().enumerate() {
        if c.field.output_only || bound.contains(&c.path) {
            continue;
        }
        if !messages.contains(&i) {
            candidates.push(c);
            continue;
        }
        let Some(m) = message_of(rust, &c.field.ty) else {
            continue;
        };
        let parent = kebab(words, &c.field.name, "field");
        for mut inner in fields_of(m, &c.path) {
            if inner.field.output_only || bound.contains(&inner.path) {
                continue;
            }
            inner.parent = Some(parent.clone());
            inner.oneof = inner.oneof.map(|o| format!("{parent}.{o}"));
            candidates.push(inner);
        }
    }

    // Names: fields of the request first, then the flattened ones (plain
    // if free, else dotted), each distinct and never a runtime flag.
    let mut names = Namespace::new("-")
        .reserve(RESERVED_FLAGS)
        .reserve(&bound_names);
    let mut flags: Vec<(usize, String)> = Vec::new();
    for pass in [false, true] {
        for (i, c) in candidates.iter().enumerate() {
            if c.parent.is_some() != pass {
                continue;
            }
            let own = kebab(words, &c.field.name, "field");
            let wanted = match &c.parent {
                Some(parent) if messages.len() > 1 => format!("{parent}.{own}"),
                Some(parent) if names.is_taken(&own) => format!("{parent}.{own}"),
                Some(_) => own,
                None if names.is_taken(&own) => format!("{own}-field"),
                None => own,
            };
            flags.push((i, names.claim(&wanted, |_| {})));
        }
    }
    flags.sort();
    for (i, name) in flags {
        let c = &candidates[i];
        let (kind, shape) = kind(rust, &c.field.ty);
        let mut help = first_paragraph(&c.field.doc);
        if c.field.deprecated {
            help = if help.is_empty() {
                "Deprecated.".to_string()
            } else {
                format!("Deprecated. {help}")
            };
        }
        out.push(ArgPlan {
            name,
            path: c.path.clone(),
            kind,
            shape,
            positional: false,
            help,
            oneof: c.oneof.clone(),
        });
    }
    out
}

/// The fields of a message in output order, oneof members with their
/// oneof's name, below `prefix`.
fn fields_of<'a>(m: &MessagePlan<'a>, prefix: &[String]) -> Vec<Candidate<'a>> {
    let path = |f: &Field| {
        let mut p = prefix.to_vec();
        p.push(f.json_name.clone());
        p
    };
    let mut out = Vec::new();
    for member in &m.members {
        match member {
            Member::Field(f) => out.push(Candidate {
                field: f.field,
                path: path(f.field),
                oneof: None,
                parent: None,
            }),
            Member::Oneof(o) => {
                for v in &o.variants {
                    out.push(Candidate {
                        field: v.field,
                        path: path(v.field),
                        oneof: Some(o.oneof.name.clone()),
                        parent: None,
                    });
                }
            }
        }
    }
    out
}

/// The message plan of a singular message-typed field.
fn message_of<'p, 'a>(rust: &'p Plan<'a>, ty: &Type) -> Option<&'p MessagePlan<'a>> {
    match ty {
        Type::Named(n) => rust.message(n),
        _ => None,
    }
}

/// How a field of type `ty` is written on the command line.
fn kind(rust: &Plan, ty: &Type) -> (Kind, Shape) {
    match ty {
        Type::List(item) => (element(rust, item), Shape::List),
        Type::Map(_, value) => (element(rust, value), Shape::Map),
        other => (element(rust, other), Shape::Single),
    }
}

fn element(rust: &Plan, ty: &Type) -> Kind {
    match ty {
        Type::Bool => Kind::Bool,
        Type::Int32 => Kind::Int32,
        Type::Int64 => Kind::Int64,
        Type::Uint32 => Kind::Uint32,
        Type::Uint64 => Kind::Uint64,
        Type::Float => Kind::Float,
        Type::Double => Kind::Double,
        Type::String => Kind::String,
        Type::Bytes => Kind::Bytes,
        Type::Timestamp => Kind::Timestamp,
        Type::Duration => Kind::Duration,
        Type::FieldMask => Kind::FieldMask,
        Type::Wrapper(inner) => element(rust, inner),
        Type::Named(n) => match rust.types.get(n.as_str()).map(|t| &t.detail) {
            // An enum that lists no values takes any name.
            Some(Detail::Enum(e)) if e.def.values.is_empty() => Kind::String,
            Some(Detail::Enum(e)) => {
                Kind::Enum(e.def.values.iter().map(|v| v.name.clone()).collect())
            }
            _ => Kind::Json,
        },
        Type::Struct
        | Type::Value
        | Type::ListValue
        | Type::NullValue
        | Type::Any
        | Type::Empty
        | Type::List(_)
        | Type::Map(..) => Kind::Json,
    }
}
