//! OpenAPI front-end: an OpenAPI 3.0.x or 3.1.x document, YAML or JSON,
//! into the normalized [`Api`].
//!
//! * `document`: loading into an ordered tree, walked by JSON pointer so
//!   every error names `file#/json/pointer` (syntax errors `file:line:col`).
//! * `refs`: local `$ref`s, chains and cycles.
//! * `schemas`: JSON Schema -> IR types (see its table).
//! * `operations`: paths -> operations and request messages.
//! * `derived_names`: type and operation names, JSON and proto field names,
//!   the de-duplicating namespace (with warnings).
//! * `security`: `security` requirements -> [`Api::auth`].
//!
//! Wire format: a document written by gnostic `protoc-gen-openapi` (its
//! `# Generated with protoc-gen-openapi` comment, a `GoogleProtobufAny`
//! schema, or every `operationId` shaped `XService_Name`) describes a
//! protojson server: `wire: protojson`, `Service_` prefixes stripped from
//! operation names, field names turned back into proto `snake_case`, path
//! placeholders named by those fields. Anything else is `wire: json`.
//!
//! Presence: a `nullable` schema is `optional`. In `wire: json` mode a
//! scalar or enum property (or parameter) that is not `required` is
//! `optional` too, so the SDK sends whatever the caller set, defaults
//! included, and nothing else. gnostic documents do not mark proto3
//! `optional`, so there presence comes only from `nullable`.
//!
//! `servers` become [`Api::servers`] (server variables replaced by their
//! defaults; relative URLs skipped with a warning). `security` becomes
//! [`Api::auth`]: HTTP bearer or none; an operation that
//! accepts only other schemes is an error.

use std::path::Path;

use crate::frontend::{ImportOptions, Imported, common};
use crate::ir::{Api, Type, TypeDef, WireFormat};
use crate::schema::{Source, SourceFile, SourceFormat, sha256_hex};
use crate::{Error, Result};

pub mod derived_names;
pub mod document;
pub mod operations;
pub mod refs;
pub mod schemas;
mod security;

use document::{Json, Node, Syntax};

/// Imports the OpenAPI document at `file` (`.json` is read as JSON, anything
/// else as YAML).
pub fn import(file: &Path) -> Result<Imported> {
    import_with(file, &ImportOptions::default())
}

/// [`import`] with `options`.
pub fn import_with(file: &Path, options: &ImportOptions) -> Result<Imported> {
    let shown = file.display().to_string();
    let bytes = std::fs::read(file).map_err(|e| Error::new(&shown, format!("cannot read: {e}")))?;
    let text = String::from_utf8(bytes)
        .map_err(|e| Error::new(&shown, format!("the document is not UTF-8 text: {e}")))?;
    let syntax = match file.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("json") => Syntax::Json,
        _ => Syntax::Yaml,
    };
    let mut imported = import_text_with(&shown, &text, syntax, options)?;
    if let Some(name) = file.file_name().and_then(|n| n.to_str()) {
        for f in &mut imported.source.files {
            f.path = name.to_string();
        }
        // Recorded in the description: the same wherever the file is.
        for s in &mut imported.api.skipped {
            if let Some(rest) = s.reason.strip_prefix(&shown) {
                s.reason = format!("{name}{rest}");
            }
        }
    }
    Ok(imported)
}

/// Imports a document held in memory; `file` names it in errors and in
/// [`Source`].
pub fn import_text(file: &str, text: &str, syntax: Syntax) -> Result<Imported> {
    import_text_with(file, text, syntax, &ImportOptions::default())
}

/// [`import_text`] with `options`.
pub fn import_text_with(
    file: &str,
    text: &str,
    syntax: Syntax,
    options: &ImportOptions,
) -> Result<Imported> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let tree = document::parse(file, text, syntax)?;
    let root = Node::root(file, &tree);
    if !root.is_object() {
        return Err(root.error(format!(
            "expected an OpenAPI document (a mapping at the top level), found {}",
            tree.kind()
        )));
    }
    check_version(&root)?;
    let wire = detect_wire(text, &root)?;

    let mut conv = schemas::Converter::new(root.clone(), wire);
    conv.register_components()?;
    let (operations, skipped) = operations::import(&mut conv, &root, options.skip_unsupported)?;
    conv.convert_unused();

    let info = root.object_at("info")?;
    let name = match &info {
        Some(i) => i.str_at("title")?.unwrap_or("").trim().to_string(),
        None => String::new(),
    };
    let doc = match &info {
        Some(i) => i.str_at("description")?.unwrap_or("").trim().to_string(),
        None => String::new(),
    };
    let servers = servers(&root, &mut conv.warnings)?;
    let auth = security::auth(&root, &mut conv.warnings)?;
    if root
        .get("webhooks")
        .is_some_and(|w| matches!(w.value, Json::Object(e) if !e.is_empty()))
    {
        conv.warnings.push(format!(
            "{}#/webhooks: webhooks are not part of the SDK; ignored",
            file
        ));
    }

    let mut api = Api {
        name: if name.is_empty() {
            "API".to_string()
        } else {
            name
        },
        doc,
        wire,
        servers,
        auth,
        operations,
        types: conv.types.values().cloned().collect(),
        skipped,
    };
    if wire == WireFormat::Json {
        mark_presence(&mut api);
    }
    api.sort();
    common::detect_pagination(&mut api);
    let reachable = common::reachable_types(&api);
    api.types.retain(|t| {
        reachable
            .binary_search_by(|n| n.as_str().cmp(t.name()))
            .is_ok()
    });

    let mut warnings = Vec::new();
    for w in conv.warnings {
        if !warnings.contains(&w) {
            warnings.push(w);
        }
    }
    let display_name = Path::new(file)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(file)
        .to_string();
    Ok(Imported {
        api,
        source: Source {
            format: SourceFormat::Openapi,
            path: file.to_string(),
            upstream_commit: None,
            files: vec![SourceFile {
                path: display_name,
                sha256: sha256_hex(text.as_bytes()),
            }],
        },
        warnings,
    })
}

/// Accepts OpenAPI 3.0.x and 3.1.x.
fn check_version(root: &Node) -> Result<()> {
    let Some(v) = root.get("openapi") else {
        if root.get("swagger").is_some() {
            return Err(
                root.error("Swagger 2.0 is not supported; convert the document to OpenAPI 3 first")
            );
        }
        return Err(root.error("missing `openapi` version: this is not an OpenAPI 3 document"));
    };
    let version = match v.value {
        Json::String(s) => s.trim().to_string(),
        Json::Integer(_) | Json::Float(_) => v.value.to_string(),
        other => {
            return Err(v.error(format!(
                "expected the OpenAPI version as text, found {}",
                other.kind()
            )));
        }
    };
    let supported = ["3.0", "3.1"].iter().any(|p| {
        version == *p
            || version
                .strip_prefix(p)
                .is_some_and(|rest| rest.starts_with('.'))
    });
    if supported {
        Ok(())
    } else if version.starts_with('2') {
        Err(v.error(format!(
            "Swagger 2.0 is not supported (`openapi: {version}`); convert the document to OpenAPI 3 first"
        )))
    } else {
        Err(v.error(format!(
            "unsupported OpenAPI version `{version}` (supported: 3.0.x and 3.1.x)"
        )))
    }
}

/// `protojson` for gnostic `protoc-gen-openapi` output, else `json`.
fn detect_wire(text: &str, root: &Node) -> Result<WireFormat> {
    let comment = text
        .lines()
        .take_while(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
        .any(|l| l.contains("protoc-gen-openapi"));
    let any_schema = root
        .get("components")
        .and_then(|c| c.get("schemas"))
        .and_then(|s| s.get("GoogleProtobufAny"))
        .is_some();
    let mut ids = Vec::new();
    if let Some(paths) = root.get("paths").filter(Node::is_object) {
        for (_, item) in paths.entries()? {
            let Json::Object(methods) = item.value else {
                continue;
            };
            for (_, op) in methods {
                if let Some(id) = op.get("operationId").and_then(Json::as_str) {
                    ids.push(id);
                }
            }
        }
    }
    let service_ids = !ids.is_empty()
        && ids.iter().all(|id| {
            id.split_once('_').is_some_and(|(svc, rest)| {
                svc.len() > "Service".len()
                    && svc.ends_with("Service")
                    && svc.chars().all(|c| c.is_ascii_alphanumeric())
                    && !rest.is_empty()
                    && rest.chars().all(|c| c.is_ascii_alphanumeric())
            })
        });
    Ok(if comment || any_schema || service_ids {
        WireFormat::Protojson
    } else {
        WireFormat::Json
    })
}

/// In plain JSON, a property that may be absent has presence.
fn mark_presence(api: &mut Api) {
    let enums: Vec<String> = api
        .types
        .iter()
        .filter(|t| matches!(t, TypeDef::Enum(_)))
        .map(|t| t.name().to_string())
        .collect();
    for t in &mut api.types {
        let TypeDef::Message(m) = t else {
            continue;
        };
        for f in &mut m.fields {
            let scalar = match &f.ty {
                Type::Named(n) => enums.contains(n),
                t => t.is_scalar(),
            };
            if scalar && !f.required && f.oneof.is_none() {
                f.optional = true;
            }
        }
    }
}

/// `servers[].url`, with variables replaced by their defaults.
fn servers(root: &Node, warnings: &mut Vec<String>) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for server in root.list_at("servers")?.unwrap_or_default() {
        let Some(url) = server.str_at("url")? else {
            return Err(server.error("a server needs a `url`"));
        };
        let mut url = url.to_string();
        if let Some(vars) = server.object_at("variables")? {
            for (name, var) in vars.entries()? {
                let default = var
                    .str_at("default")?
                    .ok_or_else(|| var.error("a server variable needs a `default`"))?;
                url = url.replace(&format!("{{{name}}}"), default);
            }
        }
        if url.contains('{') {
            return Err(server.error(format!("the server URL `{url}` has an undefined variable")));
        }
        if url.starts_with("http://") || url.starts_with("https://") {
            out.push(url.trim_end_matches('/').to_string());
        } else {
            warnings.push(format!(
                "{}: the relative server URL `{url}` is skipped; give the SDK a base URL",
                server.location()
            ));
        }
    }
    Ok(out)
}
