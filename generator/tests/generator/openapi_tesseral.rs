//! The OpenAPI front-end on the real Tesseral documents: the latest
//! gnostic `openapi.yaml` (against its protos), all 46 historical versions
//! and the Fern document.

use std::path::{Path, PathBuf};

use codegen::crosscheck::{self, DifferenceKind};
use codegen::frontend::{Imported, openapi, proto};
use codegen::ir::{Body, HttpMethod, Type, TypeDef, WireFormat};

fn import(path: &Path) -> Imported {
    openapi::import(path).unwrap_or_else(|e| panic!("{e}"))
}

/// The HTTP rules of `backend.proto`, read from its text: `(rpc, method,
/// path, body)` for every rpc with a `google.api.http` option.
fn http_rules(proto_text: &str) -> Vec<(String, HttpMethod, String, Option<String>)> {
    let mut out = Vec::new();
    for chunk in proto_text.split("rpc ").skip(1) {
        let name: String = chunk
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let block = chunk.split("\n  }").next().unwrap_or("");
        let Some(option) = block.split("(google.api.http)").nth(1) else {
            continue;
        };
        let mut rule = None;
        for (word, method) in [
            ("get:", HttpMethod::Get),
            ("put:", HttpMethod::Put),
            ("post:", HttpMethod::Post),
            ("delete:", HttpMethod::Delete),
            ("patch:", HttpMethod::Patch),
        ] {
            if let Some(rest) = option.split(word).nth(1) {
                let path = rest.split('"').nth(1).unwrap().to_string();
                rule = Some((method, path));
            }
        }
        let (method, path) = rule.unwrap();
        let body = option
            .split("body:")
            .nth(1)
            .map(|rest| rest.split('"').nth(1).unwrap().to_string());
        out.push((name, method, path, body));
    }
    out
}

#[test]
fn latest_covers_the_63_operations_of_the_protos() {
    let Some(shared) = crate::shared() else {
        return;
    };
    let imported = import(&shared.join("latest/openapi.yaml"));
    let api = &imported.api;
    assert_eq!(api.wire, WireFormat::Protojson);
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    let proto_text =
        std::fs::read_to_string(shared.join("latest/proto/tesseral/backend/v1/backend.proto"))
            .unwrap();
    let rules = http_rules(&proto_text);
    assert_eq!(rules.len(), 63);
    assert_eq!(api.operations.len(), 63);
    for (name, method, path, body) in rules {
        let op = api
            .operations
            .iter()
            .find(|o| o.name == name)
            .unwrap_or_else(|| panic!("no operation {name}"));
        assert_eq!(op.method, method, "{name}");
        assert_eq!(op.path, path, "{name}");
        let want = body.map(|b| if b == "*" { Body::All } else { Body::Field(b) });
        assert_eq!(op.body, want, "{name}");
        assert_eq!(op.request, format!("{name}Request"));
        assert_eq!(
            op.response.as_deref(),
            Some(format!("{name}Response").as_str())
        );
    }
    let list_users = api
        .operations
        .iter()
        .find(|o| o.name == "ListUsers")
        .unwrap();
    let pagination = list_users.pagination.as_ref().unwrap();
    assert_eq!(pagination.items, "users");
}

#[test]
fn session_primary_auth_factor_is_an_open_enum() {
    let Some(shared) = crate::shared() else {
        return;
    };
    let imported = import(&shared.join("latest/openapi.yaml"));
    let session = imported.api.message("Session").unwrap();
    let field = session.field("primary_auth_factor").unwrap();
    assert_eq!(field.json_name, "primaryAuthFactor");
    let Type::Named(name) = &field.ty else {
        panic!("primaryAuthFactor is `{}`, not an enum", field.ty)
    };
    let Some(TypeDef::Enum(e)) = imported.api.type_def(name) else {
        panic!("`{name}` is not an enum")
    };
    assert!(e.values.is_empty());
    let passkey = imported.api.message("Passkey").unwrap();
    assert_eq!(passkey.field("credential_id").unwrap().ty, Type::Bytes);
    let event = imported.api.message("AuditLogEvent").unwrap();
    assert_eq!(event.field("event_details").unwrap().ty, Type::Struct);
    assert_eq!(event.field("event_time").unwrap().ty, Type::Timestamp);
}

#[test]
fn latest_cross_checks_clean_against_the_protos() {
    let Some(shared) = crate::shared() else {
        return;
    };
    let protos = proto::import(&shared.join("latest/proto")).unwrap_or_else(|e| panic!("{e}"));
    let openapi = import(&shared.join("latest/openapi.yaml"));
    let differences = crosscheck::compare(&protos.api, &openapi.api);
    let real: Vec<String> = differences
        .iter()
        .filter(|d| !d.kind.is_lossy())
        .map(|d| d.to_string())
        .collect();
    assert!(real.is_empty(), "{real:#?}");
    assert!(
        differences
            .iter()
            .any(|d| d.kind == DifferenceKind::LossyEnumValues
                && d.place == "Session.primary_auth_factor")
    );
    assert!(
        differences
            .iter()
            .any(|d| d.kind == DifferenceKind::LossyPresence
                && d.place == "Organization.log_in_with_google")
    );
    println!("{}", crosscheck::summary(&differences));
    assert!(!crosscheck::fails(&differences, true));
}

#[test]
fn every_historical_version_imports_and_cross_checks() {
    let Some(shared) = crate::shared() else {
        return;
    };
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(shared.join("history"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    assert_eq!(dirs.len(), 46);
    for dir in dirs {
        let imported = import(&dir.join("openapi.yaml"));
        let enums = imported
            .api
            .types
            .iter()
            .filter(|t| matches!(t, TypeDef::Enum(_)))
            .count();
        let protos = proto::import(&dir.join("proto")).unwrap_or_else(|e| panic!("{e}"));
        let differences = crosscheck::compare(&protos.api, &imported.api);
        println!(
            "{}: {} operations, {} types ({enums} open enums), {} warnings; cross-check: {}",
            dir.file_name().unwrap().to_string_lossy(),
            imported.api.operations.len(),
            imported.api.types.len(),
            imported.warnings.len(),
            crosscheck::summary(&differences)
        );
        assert!(!imported.api.operations.is_empty());
        assert!(
            !crosscheck::fails(&differences, true),
            "{}: {:#?}",
            dir.display(),
            differences
                .iter()
                .filter(|d| !d.kind.is_lossy())
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn the_fern_document_imports() {
    let Some(shared) = crate::shared() else {
        return;
    };
    let imported = import(&shared.join("fern-openapi.json"));
    let api = &imported.api;
    println!(
        "fern-openapi.json: {} operations, {} types, {} warnings",
        api.operations.len(),
        api.types.len(),
        imported.warnings.len()
    );
    // gnostic output with Fern groups and error responses: still protojson.
    assert_eq!(api.wire, WireFormat::Protojson);
    assert_eq!(api.operations.len(), 58);
    let get = api
        .operations
        .iter()
        .find(|o| o.name == "GetOrganization")
        .unwrap();
    assert_eq!(get.path, "/v1/organizations/{id}");
    assert_eq!(get.response.as_deref(), Some("GetOrganizationResponse"));
    // The 4xx `APIError` responses are not success types; `APIError` refers
    // to a schema that is not there, which is a warning as nothing uses it.
    assert!(api.type_def("APIError").is_none());
    assert!(
        imported
            .warnings
            .iter()
            .any(|w| w.contains("APIErrorDetail") && w.contains("no operation uses")),
        "{:?}",
        imported.warnings
    );
}
