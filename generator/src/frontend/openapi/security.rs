//! `security` and `components/securitySchemes` -> [`Auth`].
//!
//! Each operation's requirement (its own `security`, else the document's)
//! is a list of alternatives; the first one the SDK can satisfy is taken:
//! `{}` needs no credentials, and HTTP `bearer` schemes take the API key as
//! a bearer token. The API authenticates with a bearer token when any
//! operation takes that alternative. An operation none of whose
//! alternatives can be satisfied (only `apiKey`, `oauth2`, `basic`, ...) is
//! an error naming it and its schemes.

use super::document::Node;
use super::refs;
use crate::Result;
use crate::ir::Auth;

/// The methods the importer reads operations from.
const METHODS: [&str; 5] = ["get", "put", "post", "delete", "patch"];

/// How the document's operations authenticate.
pub fn auth(root: &Node, warnings: &mut Vec<String>) -> Result<Auth> {
    let global = root.get("security");
    let mut auth = Auth::None;
    let mut required = false;
    if let Some(paths) = root.object_at("paths")? {
        for (path, item) in paths.entries()? {
            if path.starts_with("x-") {
                continue;
            }
            let item = refs::resolve(&item)?;
            for (key, op) in item.entries()? {
                if !METHODS.contains(&key) || !op.is_object() {
                    continue;
                }
                let Some(requirement) = op.get("security").or_else(|| global.clone()) else {
                    continue;
                };
                required = true;
                if choose(root, &requirement, &op)? == Auth::Bearer {
                    auth = Auth::Bearer;
                }
            }
        }
    }
    let defines_schemes = root
        .get("components")
        .and_then(|c| c.get("securitySchemes"))
        .is_some_and(|s| matches!(&s.value, super::document::Json::Object(e) if !e.is_empty()));
    if !required && defines_schemes {
        warnings.push(format!(
            "{}#/components/securitySchemes: no operation requires a security scheme \
             (there is no `security`); the SDK sends no credentials",
            root.file
        ));
    }
    Ok(auth)
}

/// The first alternative of `requirement` (a `security` list) that can be
/// satisfied, for the operation `op`.
fn choose(root: &Node, requirement: &Node, op: &Node) -> Result<Auth> {
    let alternatives = requirement.items()?;
    if alternatives.is_empty() {
        return Ok(Auth::None);
    }
    let mut unsupported: Vec<String> = Vec::new();
    for alternative in &alternatives {
        let schemes = alternative.entries()?;
        let mut missing = Vec::new();
        for (name, _) in &schemes {
            if let Some(what) = unsupported_scheme(root, alternative, name)? {
                missing.push(format!("`{name}` ({what})"));
            }
        }
        if missing.is_empty() {
            return Ok(if schemes.is_empty() {
                Auth::None
            } else {
                Auth::Bearer
            });
        }
        for m in missing {
            if !unsupported.contains(&m) {
                unsupported.push(m);
            }
        }
    }
    Err(requirement.error(format!(
        "the operation {} accepts only security schemes the SDK does not support: {}; \
         supported are HTTP bearer tokens (`type: http`, `scheme: bearer`) and no authentication",
        op.pointer,
        unsupported.join(", ")
    )))
}

/// `None` when the scheme `name` is an HTTP bearer scheme; else what it is
/// (`type: apiKey`, ...).
fn unsupported_scheme(root: &Node, at: &Node, name: &str) -> Result<Option<String>> {
    let scheme = root
        .get("components")
        .and_then(|c| c.get("securitySchemes"))
        .and_then(|s| s.get(name))
        .ok_or_else(|| {
            at.error(format!(
                "security scheme `{name}` is not defined in #/components/securitySchemes"
            ))
        })?;
    let scheme = refs::resolve(&scheme)?;
    if !scheme.is_object() {
        return Err(scheme.error(format!(
            "expected a security scheme (a mapping), found {}",
            scheme.value.kind()
        )));
    }
    let kind = scheme.str_at("type")?.unwrap_or("");
    let http_scheme = scheme.str_at("scheme")?.unwrap_or("");
    Ok(match kind {
        "http" if http_scheme.eq_ignore_ascii_case("bearer") => None,
        "http" => Some(format!("`type: http`, `scheme: {http_scheme}`")),
        other => Some(format!("`type: {other}`")),
    })
}
