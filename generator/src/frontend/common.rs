//! Normalization shared by every front-end: resource groups and pagination.

use crate::ir::{Api, Pagination, PathTemplate, Type};

/// The resource group of an operation, from its path: the first literal
/// segment after a version segment (`/v1/saml-connections/{id}` ->
/// `saml_connections`), else the first literal segment, else `default`.
/// A segment holding a variable is not literal.
pub fn group_for_path(path: &PathTemplate) -> String {
    let shape = path.shape();
    let literals: Vec<&str> = shape
        .split('/')
        .filter(|s| !s.is_empty() && !s.contains('{'))
        .collect();
    let is_version = |s: &str| {
        let rest = s.strip_prefix('v').unwrap_or("");
        !rest.is_empty() && rest.chars().next().is_some_and(|c| c.is_ascii_digit())
    };
    let pick = match literals.first() {
        Some(first) if is_version(first) => literals.get(1).copied(),
        other => other.copied(),
    };
    let mut group: String = pick
        .unwrap_or("default")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    group = group.trim_matches('_').to_string();
    if group.is_empty() || group.starts_with(|c: char| c.is_ascii_digit()) {
        group.insert_str(0, "group_");
    }
    group
}

/// Marks token-paginated operations: a request with a string `page_token`
/// field, a response with a string `next_page_token` field and exactly one
/// repeated field.
pub fn detect_pagination(api: &mut Api) {
    let found: Vec<Option<Pagination>> = api
        .operations
        .iter()
        .map(|op| {
            let req = api.message(&op.request)?;
            let resp = api.message(op.response.as_deref()?)?;
            let token = req
                .fields
                .iter()
                .find(|f| f.name == "page_token" && f.ty == Type::String)?;
            let next = resp
                .fields
                .iter()
                .find(|f| f.name == "next_page_token" && f.ty == Type::String)?;
            let mut lists = resp.fields.iter().filter(|f| matches!(f.ty, Type::List(_)));
            let items = lists.next()?;
            if lists.next().is_some() {
                return None;
            }
            Some(Pagination {
                page_token: token.name.clone(),
                next_page_token: next.name.clone(),
                items: items.name.clone(),
            })
        })
        .collect();
    for (op, p) in api.operations.iter_mut().zip(found) {
        op.pagination = p;
    }
}

/// Names of types reachable from the operations' requests and responses, sorted.
pub fn reachable_types(api: &Api) -> Vec<String> {
    let mut seen = std::collections::BTreeSet::new();
    let mut stack: Vec<String> = api
        .operations
        .iter()
        .flat_map(|op| std::iter::once(op.request.clone()).chain(op.response.clone()))
        .collect();
    while let Some(name) = stack.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        if let Some(def) = api.type_def(&name) {
            for t in def.member_types() {
                t.visit_named(&mut |n| stack.push(n.to_string()));
            }
        }
    }
    seen.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_from_paths() {
        let group = |path: &str| group_for_path(&path.parse().unwrap());
        assert_eq!(group("/v1/saml-connections/{id}"), "saml_connections");
        assert_eq!(group("/v1/api-keys/authenticate"), "api_keys");
        assert_eq!(group("/v1/project"), "project");
        assert_eq!(group("/pets/{petId}"), "pets");
        assert_eq!(group("/"), "default");
        assert_eq!(group("/v2/{id}"), "default");
        assert_eq!(group("/2fa"), "group_2fa");
        // A variable is one piece, whatever its pattern holds.
        assert_eq!(group("/v1/{name=shelves/*}/books"), "books");
        assert_eq!(group("/v1/{name}:revoke"), "default");
    }
}
