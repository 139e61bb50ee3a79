//! IR type names: a proto type is named relative to its package
//! (`Organization`, `Outer.Inner`) unless that name is taken by another type
//! or is a builtin keyword; then it keeps its full proto name.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Api, Type};
use crate::{Error, Result};

/// Where a type was declared.
pub(super) struct Origin {
    /// The proto package, possibly empty.
    pub package: String,
    /// The file, relative to the proto root.
    pub file: String,
}

/// Renames every type of `api` (named by full proto name) to its IR name and
/// updates every reference. `origins` gives the package and file of each
/// type; types without one (the synthetic request/response messages) keep
/// their names.
pub(super) fn assign(
    api: &mut Api,
    origins: &BTreeMap<String, Origin>,
    warnings: &mut Vec<String>,
) -> Result<()> {
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    for def in &api.types {
        let full = def.name().to_string();
        let short = match origins.get(&full) {
            Some(o) if !o.package.is_empty() => full
                .strip_prefix(&o.package)
                .and_then(|s| s.strip_prefix('.'))
                .unwrap_or(&full)
                .to_string(),
            _ => full.clone(),
        };
        if Type::is_keyword(&short) {
            if full == short {
                let file = origins.get(&full).map_or("", |o| o.file.as_str());
                return Err(Error::new(
                    format!("{file}: {full}"),
                    format!(
                        "type name `{full}` is also a builtin type of the description; \
                         rename it or declare a package"
                    ),
                ));
            }
            let file = origins.get(&full).map_or("", |o| o.file.as_str());
            warnings.push(format!(
                "{file}: {full}: its short name `{short}` is a builtin type keyword; \
                 it keeps its full name"
            ));
            names.insert(full.clone(), full);
        } else {
            names.insert(full, short);
        }
    }
    // Lengthen clashing short names until every name is unique; full names
    // are unique, so this ends.
    loop {
        let mut by_name: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (full, name) in &names {
            by_name.entry(name).or_default().push(full);
        }
        let clashes: BTreeSet<String> = by_name
            .iter()
            .filter(|(_, fulls)| fulls.len() > 1)
            .flat_map(|(name, fulls)| fulls.iter().filter(move |f| *f != name))
            .map(|f| f.to_string())
            .collect();
        if clashes.is_empty() {
            break;
        }
        for (name, fulls) in by_name.iter().filter(|(_, f)| f.len() > 1) {
            let listed: Vec<String> = fulls
                .iter()
                .map(|f| match origins.get(*f) {
                    Some(o) => format!("`{f}` ({})", o.file),
                    None => format!("`{f}`"),
                })
                .collect();
            warnings.push(format!(
                "types {} share the name `{name}`; they keep their full proto names",
                listed.join(" and ")
            ));
        }
        for full in clashes {
            names.insert(full.clone(), full);
        }
    }
    rename(api, &names);
    Ok(())
}

fn rename(api: &mut Api, names: &BTreeMap<String, String>) {
    let new = |n: &mut String| {
        if let Some(name) = names.get(n.as_str()) {
            n.clone_from(name);
        }
    };
    for op in &mut api.operations {
        new(&mut op.request);
        if let Some(r) = &mut op.response {
            new(r);
        }
    }
    for def in &mut api.types {
        new(def.name_mut());
        for t in def.member_types_mut() {
            t.visit_named_mut(&mut |n| new(n));
        }
    }
}
