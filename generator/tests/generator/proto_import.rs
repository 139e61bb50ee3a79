//! The proto front-end on the real Tesseral protos, their history, our
//! fixtures (snapshotted) and bad input.

use std::path::{Path, PathBuf};

use codegen::frontend::proto;
use codegen::frontend::{ImportOptions, Imported};
use codegen::ir::{Body, HttpMethod, Operation, ParamLocation, Type, TypeDef};
use codegen::schema::Schema;

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    manifest_dir().join("tests/fixtures/proto").join(name)
}

fn bad(name: &str) -> PathBuf {
    manifest_dir().join("tests/fixtures/proto-bad").join(name)
}

fn op<'a>(imported: &'a Imported, name: &str) -> &'a Operation {
    imported
        .api
        .operations
        .iter()
        .find(|o| o.name == name)
        .unwrap_or_else(|| panic!("no operation {name}"))
}

fn params(op: &Operation) -> Vec<(String, ParamLocation, String)> {
    op.params
        .iter()
        .map(|p| (p.name.clone(), p.location, p.field.join(".")))
        .collect()
}

// ---------------------------------------------------------------- real API

#[test]
fn latest_api_imports_the_63_http_operations() {
    let Some(shared) = crate::shared() else {
        return;
    };
    let imported = proto::import(&shared.join("latest/proto")).unwrap();
    let api = &imported.api;
    assert_eq!(api.name, "tesseral.backend.v1.BackendService");
    assert_eq!(api.operations.len(), 63);
    assert!(imported.warnings.is_empty(), "{:#?}", imported.warnings);

    let create = op(&imported, "CreateOrganization");
    assert_eq!(create.method, HttpMethod::Post);
    assert_eq!(create.path, "/v1/organizations");
    assert_eq!(create.group, "organizations");
    assert_eq!(create.doc, "Create an Organization.");
    assert_eq!(create.body, Some(Body::Field("organization".into())));
    assert_eq!(create.request, "CreateOrganizationRequest");
    assert_eq!(
        create.response.as_deref(),
        Some("CreateOrganizationResponse")
    );
    assert!(create.params.is_empty());

    let update = op(&imported, "UpdateAPIKey");
    assert_eq!(update.method, HttpMethod::Patch);
    assert_eq!(update.path, "/v1/api-keys/{id}");
    assert_eq!(update.body, Some(Body::All));
    assert_eq!(
        params(update),
        [("id".into(), ParamLocation::Path, "id".into())]
    );

    let revoke = op(&imported, "RevokeSCIMAPIKey");
    assert_eq!(revoke.method, HttpMethod::Post);
    assert_eq!(revoke.path, "/v1/scim-api-keys/{id}/revoke");
    assert_eq!(revoke.body, None);
    assert_eq!(
        params(revoke),
        [("id".into(), ParamLocation::Path, "id".into())]
    );

    let invite = op(&imported, "CreateUserInvite");
    assert_eq!(invite.body, Some(Body::Field("user_invite".into())));
    assert_eq!(
        params(invite),
        [(
            "sendEmail".into(),
            ParamLocation::Query,
            "send_email".into()
        )]
    );

    let delete = op(&imported, "DeleteAPIKeyRoleAssignment");
    assert_eq!(delete.method, HttpMethod::Delete);
    assert_eq!(
        params(delete),
        [
            ("id".into(), ParamLocation::Path, "id".into()),
            ("apiKeyId".into(), ParamLocation::Query, "api_key_id".into()),
        ]
    );

    let list = op(&imported, "ListUsers");
    assert_eq!(list.method, HttpMethod::Get);
    assert_eq!(
        params(list),
        [
            (
                "organizationId".into(),
                ParamLocation::Query,
                "organization_id".into()
            ),
            (
                "pageToken".into(),
                ParamLocation::Query,
                "page_token".into()
            ),
        ]
    );
    let pagination = list.pagination.as_ref().expect("ListUsers pages");
    assert_eq!(pagination.page_token, "page_token");
    assert_eq!(pagination.next_page_token, "next_page_token");
    assert_eq!(pagination.items, "users");
    assert!(op(&imported, "GetUser").pagination.is_none());

    // Console-only RPCs and the types only they use are not part of the API.
    for name in [
        "GetRBACPolicy",
        "ListBackendAPIKeys",
        "UpdateProject",
        "GetProjectUISettings",
        "ConsoleListAuditLogEvents",
        "DisableOrganizationLogins",
    ] {
        assert!(
            api.operations.iter().all(|o| o.name != name),
            "{name} is console-only"
        );
    }
    for name in [
        "BackendAPIKey",
        "RBACPolicy",
        "Action",
        "ConsoleAuditLogEvent",
        "ProjectUISettings",
        "VaultDomainSettings",
        "PublishableKey",
        "AuditLogEventResourceType",
        "UpdateProjectRequest",
    ] {
        assert!(api.type_def(name).is_none(), "{name} is console-only");
    }

    // Types the HTTP operations reach are, with their details.
    let session = api.message("Session").expect("Session");
    let factor = session.field("primary_auth_factor").unwrap();
    assert_eq!(factor.ty, Type::named("PrimaryAuthFactor"));
    assert_eq!(factor.json_name, "primaryAuthFactor");
    assert_eq!(
        factor.doc,
        "The primary authentication factor the end user used to log in."
    );
    assert_eq!(session.field("create_time").unwrap().ty, Type::Timestamp);
    let Some(TypeDef::Enum(factors)) = api.type_def("PrimaryAuthFactor") else {
        panic!("PrimaryAuthFactor is an enum");
    };
    let values: Vec<(&str, Option<i32>)> = factors
        .values
        .iter()
        .map(|v| (v.name.as_str(), v.number))
        .collect();
    assert_eq!(
        values,
        [
            ("PRIMARY_AUTH_FACTOR_UNSPECIFIED", Some(0)),
            ("PRIMARY_AUTH_FACTOR_EMAIL", Some(1)),
            ("PRIMARY_AUTH_FACTOR_GOOGLE", Some(2)),
            ("PRIMARY_AUTH_FACTOR_MICROSOFT", Some(3)),
            ("PRIMARY_AUTH_FACTOR_GITHUB", Some(6)),
            ("PRIMARY_AUTH_FACTOR_SAML", Some(4)),
            ("PRIMARY_AUTH_FACTOR_OIDC", Some(7)),
            ("PRIMARY_AUTH_FACTOR_IMPERSONATION", Some(5)),
        ]
    );
    assert_eq!(factors.values[1].doc, "Log in with Email (\"Magic Link\").");

    let project = api.message("Project").expect("Project");
    assert_eq!(
        project.doc,
        "Projects are the top-level object in Tesseral.\n\n\
         Everything in Tesseral happens within the context of a Project."
    );
    let google = project.field("log_in_with_google").unwrap();
    assert!(google.optional);
    assert_eq!(google.json_name, "logInWithGoogle");
    assert_eq!(google.number, Some(6));
    assert!(!project.field("display_name").unwrap().optional);
    assert_eq!(
        project.field("trusted_domains").unwrap().ty,
        Type::List(Box::new(Type::String))
    );
    let secret = project.field("google_oauth_client_secret").unwrap();
    assert_eq!(
        secret.doc,
        "The OAuth Client Secret to use for \"Log in with Google\".\n\nThis field is write-only."
    );
    let expire = api.message("APIKey").unwrap().field("expire_time").unwrap();
    assert_eq!(
        (expire.ty.clone(), expire.optional),
        (Type::Timestamp, true)
    );
    let details = api
        .message("AuditLogEvent")
        .unwrap()
        .field("event_details")
        .unwrap();
    assert_eq!(details.ty, Type::Struct);
    assert_eq!(
        api.message("Passkey")
            .unwrap()
            .field("credential_id")
            .unwrap()
            .ty,
        Type::Bytes
    );

    // The source pin: both files, hashed.
    let files: Vec<&str> = imported
        .source
        .files
        .iter()
        .map(|f| f.path.as_str())
        .collect();
    assert_eq!(
        files,
        [
            "tesseral/backend/v1/backend.proto",
            "tesseral/backend/v1/models.proto"
        ]
    );
    for f in &imported.source.files {
        let bytes = std::fs::read(shared.join("latest/proto").join(&f.path)).unwrap();
        assert_eq!(f.sha256, codegen::schema::sha256_hex(&bytes));
    }
    assert_eq!(imported.source.upstream_commit, None);

    // A relative root (tests run in the package directory) gives the same API.
    let relative = proto::import(Path::new("../../shared/tesseral/latest/proto")).unwrap();
    assert_eq!(relative.api, imported.api);
    assert_eq!(relative.source.files, imported.source.files);
    assert_eq!(relative.source.path, "../../shared/tesseral/latest/proto");
}

/// Counts `option (google.api.http)` lines outside comments: an independent
/// count of the HTTP operations in a proto tree.
fn count_http_options(dir: &Path) -> usize {
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            count += count_http_options(&path);
        } else if path.extension().is_some_and(|e| e == "proto") {
            let text = std::fs::read_to_string(&path).unwrap();
            count += text
                .lines()
                .filter(|l| !l.trim_start().starts_with("//") && l.contains("(google.api.http)"))
                .count();
        }
    }
    count
}

#[test]
fn every_history_version_imports() {
    let Some(shared) = crate::shared() else {
        return;
    };
    let mut versions: Vec<PathBuf> = std::fs::read_dir(shared.join("history"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    versions.sort();
    assert_eq!(versions.len(), 46);
    for version in &versions {
        let root = version.join("proto");
        let label = version.file_name().unwrap().to_string_lossy();
        let imported = proto::import(&root).unwrap_or_else(|e| panic!("{label}: {e}"));
        let ops = imported.api.operations.len();
        println!(
            "{label}: {ops} operations, {} types",
            imported.api.types.len()
        );
        // Every version has HTTP rules; each becomes one operation.
        assert!(ops > 0, "{label}");
        assert_eq!(ops, count_http_options(&root), "{label}");
        let package = if root.join("openauth").is_dir() {
            "openauth"
        } else {
            "tesseral"
        };
        assert_eq!(
            imported.api.name,
            format!("{package}.backend.v1.BackendService"),
            "{label}"
        );
        assert!(
            imported.warnings.is_empty(),
            "{label}: {:#?}",
            imported.warnings
        );
    }
}

#[test]
fn import_is_deterministic() {
    let mut roots: Vec<(PathBuf, ImportOptions)> =
        FIXTURES.iter().map(|f| (fixture(f), options(f))).collect();
    if let Some(shared) = crate::shared() {
        roots.push((shared.join("latest/proto"), ImportOptions::default()));
    }
    for (root, options) in roots {
        let render = || {
            let i = proto::import_with(&root, &options).unwrap();
            let text = Schema {
                api: i.api,
                source: i.source,
            }
            .render()
            .unwrap();
            (text, i.warnings)
        };
        assert_eq!(render(), render(), "{}", root.display());
    }
}

// ---------------------------------------------------------------- fixtures

/// Every directory under tests/fixtures/proto, each snapshotted below.
const FIXTURES: &[&str] = &[
    "enums",
    "http",
    "imports",
    "minimal",
    "names",
    "recursion",
    "resources",
    "scalars",
    "wkt",
];

#[test]
fn every_fixture_is_snapshotted() {
    let mut dirs: Vec<String> = std::fs::read_dir(manifest_dir().join("tests/fixtures/proto"))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    assert_eq!(dirs, FIXTURES);
}

/// How a fixture is imported: `imports` finds its dependencies in
/// `tests/fixtures/proto-include`.
fn options(name: &str) -> ImportOptions {
    ImportOptions {
        include: match name {
            "imports" => vec![manifest_dir().join("tests/fixtures/proto-include")],
            _ => Vec::new(),
        },
        ..ImportOptions::default()
    }
}

/// The rendered description of a fixture, with a machine-independent source
/// path, followed by the warnings.
fn rendered(name: &str) -> String {
    let imported = proto::import_with(&fixture(name), &options(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut source = imported.source;
    source.path = format!("tests/fixtures/proto/{name}");
    let schema = Schema {
        api: imported.api,
        source,
    };
    let mut out = String::new();
    for (file, text) in schema.render().unwrap() {
        out.push_str(&format!("===== {file}\n{text}"));
    }
    out.push_str("===== warnings\n");
    for w in &imported.warnings {
        out.push_str(&format!("{w}\n"));
    }
    out
}

fn check_fixture(name: &str) {
    insta::assert_snapshot!(format!("fixture_{name}"), rendered(name));
}

#[test]
fn fixture_minimal() {
    check_fixture("minimal");
}

#[test]
fn fixture_scalars() {
    check_fixture("scalars");
}

#[test]
fn fixture_wkt() {
    check_fixture("wkt");
}

#[test]
fn fixture_http() {
    check_fixture("http");
    // `google.api.field_behavior` becomes the field's flags.
    let api = proto::import(&fixture("http")).unwrap().api;
    let flags = |m: &str, f: &str| {
        let f = api.message(m).unwrap().field(f).unwrap();
        (f.required, f.input_only, f.output_only)
    };
    assert_eq!(flags("Book", "id"), (false, false, true));
    assert_eq!(flags("Book", "title"), (true, false, false));
    assert_eq!(flags("Book", "shelf"), (false, false, false));
    assert_eq!(
        flags("CreateBookRequest", "request_id"),
        (false, true, false)
    );
}

#[test]
fn fixture_resources() {
    check_fixture("resources");
    let imported = proto::import(&fixture("resources")).unwrap();
    // Multi-segment patterns are kept; the body field holds a path field.
    let update = op(&imported, "UpdateBook");
    assert_eq!(update.path, "/v1/{book.name=shelves/*/books/*}");
    assert_eq!(update.body, Some(Body::Field("book".into())));
    assert_eq!(
        params(update),
        [
            ("book.name".into(), ParamLocation::Path, "book.name".into()),
            (
                "updateMask".into(),
                ParamLocation::Query,
                "update_mask".into()
            )
        ]
    );
    assert_eq!(op(&imported, "GetFile").path, "/v1/{path=files/**}");
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
}

#[test]
fn fixture_imports() {
    check_fixture("imports");
    let imported = proto::import_with(&fixture("imports"), &options("imports")).unwrap();
    // Only the root's files are the API: the dependency's service is not.
    let names: Vec<&str> = imported
        .api
        .operations
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(names, ["GetProduct"]);
    assert!(imported.api.type_def("Money").is_some());
    let files: Vec<&str> = imported
        .source
        .files
        .iter()
        .map(|f| f.path.as_str())
        .collect();
    assert_eq!(files, ["shop/v1/shop.proto"]);
    // Without the include directory, the first missing import is named.
    let err = proto::import(&fixture("imports")).unwrap_err().to_string();
    assert_eq!(
        err,
        "shop/v1/shop.proto:10:1: import 'acme/common/v1/money.proto' not found"
    );
    // An include path that is not a directory is an error naming it.
    let missing = manifest_dir().join("tests/fixtures/no-such-dir");
    let bad = ImportOptions {
        include: vec![missing.clone()],
        ..ImportOptions::default()
    };
    let err = proto::import_with(&fixture("imports"), &bad).unwrap_err();
    assert_eq!(err.location, missing.display().to_string());
}

#[test]
fn fixture_enums() {
    check_fixture("enums");
}

#[test]
fn fixture_recursion() {
    check_fixture("recursion");
}

#[test]
fn fixture_names() {
    check_fixture("names");
}

/// Writes `files` into a fresh temporary proto root.
fn temp_root(label: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("proto-import-{label}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

#[test]
fn proto2_presence_and_required_fields() {
    let root = temp_root(
        "proto2",
        &[(
            "p2.proto",
            r#"syntax = "proto2";
package p2;
import "google/api/annotations.proto";
service S {
  rpc Get(Req) returns (Req) { option (google.api.http) = {get: "/v1/x/{id}"}; }
}
message Req {
  required string id = 1;
  optional int32 count = 2;
  repeated string tags = 3;
  optional Req next = 4;
  oneof choice { string a = 5; string b = 6; }
}
"#,
        )],
    );
    let imported = proto::import(&root);
    std::fs::remove_dir_all(&root).unwrap();
    let imported = imported.unwrap();
    let req = imported.api.message("Req").unwrap();
    let flags = |name: &str| {
        let f = req.field(name).unwrap();
        (f.optional, f.required, f.oneof.clone())
    };
    assert_eq!(flags("id"), (false, true, None));
    assert_eq!(flags("count"), (true, false, None));
    assert_eq!(flags("tags"), (false, false, None));
    assert_eq!(flags("next"), (false, false, None));
    assert_eq!(flags("a"), (false, false, Some("choice".to_string())));
}

#[test]
fn block_comments_lose_their_stars() {
    let root = temp_root(
        "block",
        &[(
            "b.proto",
            "syntax = \"proto3\";\npackage b;\nimport \"google/api/annotations.proto\";\n\
             /**\n * Block doc.\n *\n * Second paragraph.\n */\n\
             service S {\n  /* One line. */\n  rpc Get(M) returns (M) { option (google.api.http) = {get: \"/v1/m\"}; }\n}\n\
             message M {}\n",
        )],
    );
    let imported = proto::import(&root);
    std::fs::remove_dir_all(&root).unwrap();
    let imported = imported.unwrap();
    assert_eq!(imported.api.doc, "Block doc.\n\nSecond paragraph.");
    assert_eq!(imported.api.operations[0].doc, "One line.");
}

// ---------------------------------------------------------------- bad input

fn error(name: &str) -> String {
    match proto::import(&bad(name)) {
        Ok(_) => panic!("{name} imported"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn missing_root_is_an_error() {
    let root = bad("does-not-exist");
    let err = proto::import(&root).unwrap_err();
    assert_eq!(err.location, root.display().to_string());
    assert!(
        err.message
            .starts_with("cannot read the proto root directory: "),
        "{err}"
    );
}

#[test]
fn a_file_is_not_a_root() {
    let root = bad("syntax-error/api.proto");
    let err = proto::import(&root).unwrap_err();
    assert_eq!(err.location, root.display().to_string());
    assert!(err.message.starts_with("not a directory"), "{err}");
}

#[test]
fn an_empty_root_is_an_error() {
    let dir = temp_root("empty", &[("notes.txt", "not a proto")]);
    let err = proto::import(&dir).unwrap_err();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(err.message, "no .proto files under this directory");
}

#[test]
fn syntax_errors_name_file_line_and_column() {
    assert_eq!(
        error("syntax-error"),
        "api.proto:7:3: expected ';' or '[', but found 'string'"
    );
}

#[test]
fn unresolved_imports_name_the_import() {
    assert_eq!(
        error("unresolved-import"),
        "api.proto:6:1: import 'missing/types.proto' not found"
    );
}

#[test]
fn http_rule_errors_name_the_rpc() {
    for (name, message) in [
        (
            "unknown-path-field",
            "api.proto: bad.v1.BadService.GetUser: path template names unknown field `idd`",
        ),
        (
            "unknown-body-field",
            "api.proto: bad.v1.BadService.CreateUser: body names unknown field `usr`",
        ),
        (
            "body-in-path",
            "api.proto: bad.v1.BadService.SetNote: body field `text` is also bound to the path \
             template",
        ),
        (
            "custom-method",
            "api.proto: bad.v1.BadService.HeadUser: custom HTTP method `HEAD` is not supported \
             (only GET, PUT, POST, DELETE and PATCH)",
        ),
        (
            "empty-path",
            "api.proto: bad.v1.BadService.GetUser: empty path in the google.api.http rule",
        ),
        (
            "duplicate-operation",
            "api.proto: bad.v1.SecondService.GetUser: operation name `GetUser` is also used by \
             `bad.v1.FirstService.GetUser`; HTTP operations need unique RPC names",
        ),
        (
            "streaming",
            "api.proto: bad.v1.BadService.WatchUsers: streaming RPCs cannot be called as one \
             HTTP+JSON request",
        ),
        (
            "response-body",
            "api.proto: bad.v1.BadService.GetUser: `response_body: \"user\"` is not supported: \
             the response must be the whole message",
        ),
        (
            "scalar-response",
            "api.proto: bad.v1.BadService.GetTime: the response type `google.protobuf.Timestamp` \
             (`timestamp`) is not a JSON object, so it cannot be an HTTP response",
        ),
        (
            "nested-path-not-message",
            "api.proto: bad.v1.BadService.GetUser: path template field `id.value`: `id` is not a \
             singular message field",
        ),
        (
            "repeated-path-field",
            "api.proto: bad.v1.BadService.GetUsers: path template field `ids` must be a singular \
             field, not a repeated one",
        ),
    ] {
        assert_eq!(error(name), message, "{name}");
    }
}

#[test]
fn a_type_named_like_a_builtin_needs_a_package() {
    assert_eq!(
        error("builtin-type-name"),
        "api.proto: duration: type name `duration` is also a builtin type of the description; \
         rename it or declare a package"
    );
}

#[test]
fn an_api_without_http_rules_is_an_error() {
    let root = bad("no-http-rules");
    let err = proto::import(&root).unwrap_err();
    assert_eq!(err.location, root.display().to_string());
    assert_eq!(
        err.message,
        "no RPC has a google.api.http option, so there is no HTTP API to import"
    );
}

#[test]
fn every_bad_fixture_is_tested() {
    let mut dirs: Vec<String> = std::fs::read_dir(manifest_dir().join("tests/fixtures/proto-bad"))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    assert_eq!(
        dirs,
        [
            "body-in-path",
            "builtin-type-name",
            "custom-method",
            "duplicate-operation",
            "empty-path",
            "nested-path-not-message",
            "no-http-rules",
            "repeated-path-field",
            "response-body",
            "scalar-response",
            "streaming",
            "syntax-error",
            "unknown-body-field",
            "unknown-path-field",
            "unresolved-import",
        ]
    );
}
