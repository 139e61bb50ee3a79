//! Naming: type names from schema keys and contexts, operation names from
//! `operationId` or method and path, field names, and deterministic
//! de-duplication.
//!
//! * Type names keep ASCII letters, digits and `_`; every other character
//!   separates words, and each word gets an upper-case first letter
//!   (`pet-owner` -> `PetOwner`, `com.example.Pet` -> `ComExamplePet`). So a
//!   type name never equals a keyword of the IR type grammar (they are all
//!   lower case) and never holds `<`, `>`, `,` or spaces.
//! * Inline schemas are named from where they appear: `<Parent><Field>`,
//!   `<Parent><Field>Item` (list items), `<Parent><Field>Value` (map values),
//!   `<Operation>Request` / `<Operation>Response`.
//! * Operations without an `operationId` are named `<Method><Path words>`:
//!   `GET /pets/{petId}` -> `GetPetsPetId`, `GET /` -> `GetRoot`.
//! * A name already taken in the description gets the first free suffix
//!   `2`, `3`, ... and a warning ([`namespace`], [`ClaimWarned`]). Names
//!   only Rust would spell alike (`Pet`, `pet`) are the back-end's to tell
//!   apart.
//! * gnostic's `Service_` prefix is dropped from an `operationId` only when
//!   the rest is unique in the document ([`strippable_service_prefixes`]).

use std::collections::{BTreeMap, BTreeSet};

use crate::naming::{Namespace, join_capitalized};

/// A type name for a schema key or naming context; never empty.
pub fn type_name(raw: &str) -> String {
    let name = join_capitalized(raw);
    if name.is_empty() {
        "Schema".to_string()
    } else {
        name
    }
}

/// The operation name for an `operationId`. With `strip_service`, a gnostic
/// `BackendService_GetOrganization` becomes `GetOrganization`.
pub fn operation_name(operation_id: &str, strip_service: bool) -> String {
    let mut id = operation_id;
    if strip_service {
        if let Some((prefix, rest)) = id.split_once('_') {
            if prefix.ends_with("Service") && !rest.is_empty() {
                id = rest;
            }
        }
    }
    let name = join_capitalized(id);
    if name.is_empty() {
        "Operation".to_string()
    } else {
        name
    }
}

/// The gnostic `operationId`s (`UserService_List`) whose service prefix
/// can go: those whose name without it is no other's (compared as Rust
/// would spell them). `UserService_List` and `RoleService_List` keep it
/// (`UserServiceList`, `RoleServiceList`, instead of `List` and `List2`).
pub fn strippable_service_prefixes(ids: &[String]) -> BTreeSet<String> {
    let key = |id: &str| {
        operation_name(id, true)
            .to_ascii_lowercase()
            .replace('_', "")
    };
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for id in ids {
        *count.entry(key(id)).or_default() += 1;
    }
    ids.iter()
        .filter(|id| count.get(&key(id)) == Some(&1))
        .cloned()
        .collect()
}

/// The name of an operation without an `operationId`: method then the words
/// of its path.
pub fn derived_operation_name(method: &str, path: &str) -> String {
    let words = join_capitalized(path);
    let method = join_capitalized(&method.to_ascii_lowercase());
    if words.is_empty() {
        format!("{method}Root")
    } else {
        format!("{method}{words}")
    }
}

/// The proto field name behind a protojson JSON name: the inverse of
/// protoc's `lower_snake` -> `lowerCamel` rule (`organizationId` ->
/// `organization_id`). Letters and digits outside ASCII are kept (the
/// back-end transliterates them for Rust); other characters become `_`.
pub fn snake_from_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 4);
    for c in json.chars() {
        if c.is_ascii_uppercase() {
            if !out.is_empty() {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() || c == '_' {
            out.push(c);
        } else {
            out.push('_');
        }
    }
    out
}

/// protoc's JSON name of a field name (`organization_id` -> `organizationId`).
pub fn json_from_snake(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// `Pet` -> `pet`, `APIKey` -> `aPIKey`: a field name made from a type name.
pub fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// A namespace of this front-end: names unique in the description (IR
/// names). Names that only Rust would spell alike (`Pet`, `pet`, `P_et`)
/// are told apart by the back-end's plan, with the target's casing rules.
pub fn namespace() -> Namespace {
    Namespace::new("")
}

/// [`Namespace::claim`] with a warning naming `place` when the name had
/// to change.
pub trait ClaimWarned {
    fn claim_warned(&mut self, wanted: &str, place: &str, warnings: &mut Vec<String>) -> String;
}

impl ClaimWarned for Namespace {
    fn claim_warned(&mut self, wanted: &str, place: &str, warnings: &mut Vec<String>) -> String {
        self.claim(wanted, |r| {
            warnings.push(format!(
                "{place}: the name `{}` is already taken; using `{}`",
                r.wanted, r.given
            ));
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_are_sanitized() {
        assert_eq!(type_name("pet-owner"), "PetOwner");
        assert_eq!(type_name("com.example.Pet"), "ComExamplePet");
        assert_eq!(type_name("List<Pet>"), "ListPet");
        assert_eq!(type_name("string"), "String");
        assert_eq!(type_name("map"), "Map");
        assert_eq!(type_name("1st thing"), "1stThing");
        assert_eq!(type_name("Foo_Bar"), "Foo_Bar");
        assert_eq!(type_name("<>"), "Schema");
        assert_eq!(type_name("Pét"), "Pet");
        assert_eq!(type_name("名称"), "MingCheng");
    }

    #[test]
    fn operation_names() {
        assert_eq!(
            operation_name("BackendService_GetOrganization", true),
            "GetOrganization"
        );
        assert_eq!(
            operation_name("BackendService_GetOrganization", false),
            "BackendService_GetOrganization"
        );
        assert_eq!(operation_name("listPets", false), "ListPets");
        assert_eq!(operation_name("get-pet.by id", false), "GetPetById");
        assert_eq!(
            derived_operation_name("get", "/pets/{petId}"),
            "GetPetsPetId"
        );
        assert_eq!(derived_operation_name("delete", "/"), "DeleteRoot");
    }

    #[test]
    fn service_prefixes_go_only_where_the_rest_is_unique() {
        let ids: Vec<String> = [
            "UserService_List",
            "RoleService_List",
            "UserService_GetUser",
            "RoleService_Get_Role",
            "AdminService_getRole",
        ]
        .map(String::from)
        .to_vec();
        let strip = strippable_service_prefixes(&ids);
        assert_eq!(
            strip.into_iter().collect::<Vec<_>>(),
            ["UserService_GetUser"]
        );
        assert_eq!(
            operation_name("UserService_List", false),
            "UserService_List"
        );
    }

    #[test]
    fn field_names_round_trip_protoc_json_names() {
        for (snake, json) in [
            ("organization_id", "organizationId"),
            ("idp_x509_certificate", "idpX509Certificate"),
            ("microsoft_tenant_ids", "microsoftTenantIds"),
            ("id", "id"),
        ] {
            assert_eq!(json_from_snake(snake), json);
            assert_eq!(snake_from_json(json), snake);
        }
    }

    #[test]
    fn claims_dedupe_deterministically_and_warn() {
        let mut r = namespace();
        let mut w = Vec::new();
        assert_eq!(r.claim_warned("Pet", "a", &mut w), "Pet");
        // Unique in the description: the back-end tells them apart in Rust.
        assert_eq!(r.claim_warned("pet", "b", &mut w), "pet");
        assert_eq!(r.claim_warned("Pet", "c", &mut w), "Pet2");
        assert_eq!(w.len(), 1);
        assert!(w[0].contains("`Pet`"), "{w:?}");
        assert!(r.is_taken("pet") && !r.is_taken("PET"));
    }
}
