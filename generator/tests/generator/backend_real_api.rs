//! The back-end over the real Tesseral descriptions (`../shared/tesseral`):
//! the latest protos and OpenAPI file, and every historical version, through
//! the front-ends. Skipped when `../shared` is not there.

use std::path::{Path, PathBuf};

use codegen::backend::rust::generate_with;
use codegen::frontend;

/// Generates from `input`; returns the files' text joined, checking that
/// every file parses and that a second run gives the same files.
fn generate_from(input: &Path) -> (usize, String) {
    let imported = frontend::import(input).unwrap_or_else(|e| panic!("{}: {e}", input.display()));
    let options = crate::sdk_options();
    let files = generate_with(&imported.api, &options)
        .unwrap_or_else(|e| panic!("{}: {e}", input.display()));
    assert_eq!(
        files,
        generate_with(&imported.api, &options).unwrap(),
        "{}",
        input.display()
    );
    let mut text = String::new();
    for f in &files {
        syn::parse_file(&f.contents)
            .unwrap_or_else(|e| panic!("{}: {}: {e}", input.display(), f.path));
        text.push_str(&f.contents);
    }
    (imported.api.operations.len(), text)
}

/// Client methods in generated text: `pub fn`s taking `&self` and a request.
fn methods(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = text
        .split("    pub fn ")
        .skip(1)
        .filter(|f| {
            let signature = f.split('{').next().unwrap_or("");
            signature.contains("&self") && signature.contains("request: ")
        })
        .filter_map(|f| f.split('(').next())
        .collect();
    out.sort();
    out.dedup();
    out
}

#[test]
fn latest_protos() {
    let Some(dir) = crate::shared() else { return };
    let (ops, text) = generate_from(&dir.join("latest/proto"));
    assert_eq!(ops, 63);
    assert_eq!(text.matches("Call::new(self, &").count(), 63);
    for name in [
        "get_organization",
        "list_organizations",
        "get_organization_microsoft_tenant_ids",
        "list_scim_api_keys",
        "revoke_scim_api_key",
        "authenticate_api_key",
        "create_audit_log_event",
    ] {
        assert!(
            text.contains(&format!("    pub fn {name}(")),
            "no method {name}"
        );
    }
    assert!(text.contains("pub struct GetOrganizationMicrosoftTenantIdsRequest {"));
    assert!(text.contains("pub struct ScimApiKey {"));
    assert!(text.contains("impl PageResponse for ListUsersResponse {"));
    assert!(text.contains("    Email,\n"), "PrimaryAuthFactor::Email");
    // Body-less POST: nothing but the path.
    assert!(text.contains(
        "        p.path(\"/v1/scim-api-keys/\");\n        p.path_param(\"id\", &r.id)?;\n        \
         p.path(\"/revoke\");\n        Ok(())"
    ));
}

#[test]
fn latest_openapi_matches_the_protos_methods() {
    let Some(dir) = crate::shared() else { return };
    let (_, from_protos) = generate_from(&dir.join("latest/proto"));
    let (ops, from_openapi) = generate_from(&dir.join("latest/openapi.yaml"));
    assert_eq!(ops, 63);
    assert_eq!(methods(&from_protos).len(), 63);
    assert_eq!(methods(&from_openapi), methods(&from_protos));
    // The OpenAPI file lists no enum values: the enum stays open and optional.
    assert!(from_openapi.contains("pub primary_auth_factor: Option<SessionPrimaryAuthFactor>,"));
}

#[test]
fn every_historical_version() {
    let Some(dir) = crate::shared() else { return };
    let mut versions: Vec<PathBuf> = std::fs::read_dir(dir.join("history"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    versions.sort();
    assert_eq!(versions.len(), 46);
    for v in versions {
        let (ops, text) = generate_from(&v.join("proto"));
        assert!(ops > 0, "{}", v.display());
        assert_eq!(
            text.matches("Call::new(self, &").count(),
            ops,
            "{}",
            v.display()
        );
    }
}
