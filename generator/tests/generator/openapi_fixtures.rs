//! Each fixture spec under `tests/fixtures/openapi/` imports to the
//! normalized description recorded in its snapshot (read and reviewed), and
//! imports the same way every time.

use std::path::{Path, PathBuf};

use codegen::frontend::ImportOptions;
use codegen::frontend::openapi::{self, document::Syntax};
use codegen::ir::{Api, Type, TypeDef, WireFormat};
use serde::Serialize;

/// What a snapshot records: the description and the warnings.
#[derive(Serialize)]
struct Snapshot {
    warnings: Vec<String>,
    api: Api,
}

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/openapi")
}

fn import(name: &str) -> codegen::frontend::Imported {
    let path = fixture_dir().join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let syntax = if name.ends_with(".json") {
        Syntax::Json
    } else {
        Syntax::Yaml
    };
    let first = openapi::import_text(name, &text, syntax).unwrap_or_else(|e| panic!("{e}"));
    let again = openapi::import_text(name, &text, syntax).unwrap();
    assert_eq!(first.api, again.api, "{name}: import is not deterministic");
    assert_eq!(first.warnings, again.warnings);
    assert_eq!(
        serde_yaml::to_string(&first.api).unwrap(),
        serde_yaml::to_string(&again.api).unwrap()
    );
    first
}

fn snapshot(name: &str) -> Api {
    let imported = import(name);
    insta::assert_yaml_snapshot!(
        name,
        Snapshot {
            warnings: imported.warnings.clone(),
            api: imported.api.clone(),
        }
    );
    imported.api
}

/// Every type name parses back as that name, is no grammar keyword and is
/// defined; every named field type is defined.
fn assert_well_formed(api: &Api) {
    for t in &api.types {
        let name = t.name();
        assert!(!Type::is_keyword(name), "type named `{name}`");
        assert_eq!(
            name.parse::<Type>().unwrap(),
            Type::Named(name.to_string()),
            "`{name}` does not parse as a type name"
        );
    }
    let mut refs = Vec::new();
    for t in &api.types {
        match t {
            TypeDef::Message(m) => {
                refs.extend(m.fields.iter().map(|f| f.ty.clone()));
                refs.extend(m.additional.clone());
            }
            TypeDef::Union(u) => refs.extend(u.variants.iter().map(|v| v.ty.clone())),
            TypeDef::Enum(_) => {}
        }
    }
    for op in &api.operations {
        refs.push(Type::Named(op.request.clone()));
        refs.extend(op.response.clone().map(Type::Named));
        assert!(
            matches!(api.type_def(&op.request), Some(TypeDef::Message(_))),
            "{}: request is not a message",
            op.name
        );
    }
    for t in refs {
        if let Some(n) = t.referenced_name() {
            assert!(api.type_def(n).is_some(), "`{n}` is used but not defined");
        }
    }
}

#[test]
fn refs() {
    let api = snapshot("refs.yaml");
    assert_well_formed(&api);
    // A chain of aliases resolves to the message; recursion stays by name.
    let put = api.operations.iter().find(|o| o.name == "PutNode").unwrap();
    assert_eq!(put.response.as_deref(), Some("Node"));
    let node = api.message("Node").unwrap();
    assert_eq!(node.field("parent").unwrap().ty, Type::named("Node"));
    // readOnly and writeOnly become output- and input-only.
    let id = node.field("id").unwrap();
    assert!(id.output_only && !id.input_only);
    let etag = node.field("etag").unwrap();
    assert!(etag.input_only && !etag.output_only);
}

#[test]
fn composition() {
    let api = snapshot("composition.yaml");
    assert_well_formed(&api);
    let Some(TypeDef::Union(pet)) = api.type_def("Pet") else {
        panic!("Pet is not a union")
    };
    assert_eq!(pet.discriminator.as_ref().unwrap().property, "petType");
    let cat = api.message("Cat").unwrap();
    let names: Vec<&str> = cat.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["name", "petType", "tag", "huntingSkill"]);
}

#[test]
fn types_3_1() {
    let api = snapshot("types-3.1.json");
    assert_well_formed(&api);
    assert_eq!(api.wire, WireFormat::Json);
    let sample = api.message("Sample").unwrap();
    let ty = |n: &str| sample.field(n).unwrap().ty.to_string();
    assert_eq!(ty("plainInteger"), "int64");
    assert_eq!(ty("plainNumber"), "double");
    assert_eq!(ty("counts"), "map<string, int32>");
    assert_eq!(ty("freeForm"), "struct");
    assert!(sample.field("maybeText").unwrap().optional);
}

#[test]
fn operations() {
    let api = snapshot("operations.yaml");
    assert_well_formed(&api);
    assert_eq!(
        api.servers,
        ["https://api.example.com/v2", "https://eu.example.com/api"]
    );
    // `security: [{bearer: []}]`; the `apiKey` scheme is defined, not required.
    assert_eq!(api.auth, codegen::ir::Auth::Bearer);
}

#[test]
fn pets() {
    let api = snapshot("pets.yaml");
    assert_well_formed(&api);
    assert_eq!(api.servers, ["https://shelter.example.org/v1"]);
    assert_eq!(api.auth, codegen::ir::Auth::None);
}

#[test]
fn names() {
    let api = snapshot("names.yaml");
    assert_well_formed(&api);
}

#[test]
fn gnostic() {
    let api = snapshot("gnostic.yaml");
    assert_well_formed(&api);
    assert_eq!(api.wire, WireFormat::Protojson);
    let list = api
        .operations
        .iter()
        .find(|o| o.name == "ListWidgets")
        .unwrap();
    assert!(list.pagination.is_some());
}

#[test]
fn oneofs() {
    let api = snapshot("oneofs.yaml");
    assert_well_formed(&api);
    let members = |name: &str| -> Vec<(String, Option<String>)> {
        let m = api
            .message(name)
            .unwrap_or_else(|| panic!("{name} is not a message"));
        m.fields
            .iter()
            .map(|f| (f.name.clone(), f.oneof.clone()))
            .collect()
    };
    let own = |f: &str| (f.to_string(), None);
    let of = |f: &str, o: &str| (f.to_string(), Some(o.to_string()));
    assert_eq!(
        members("ModuleRef"),
        [own("id"), of("fqn", "choice"), of("key", "choice")]
    );
    assert_eq!(
        members("ScreeningRequest"),
        [
            own("reference"),
            of("global", "choice"),
            of("region", "choice"),
            of("kyb", "choice2"),
            of("kyc", "choice2")
        ]
    );
    let Some(TypeDef::Union(pet)) = api.type_def("Pet") else {
        panic!("Pet is not a union")
    };
    let variants: Vec<(&str, String)> = pet
        .variants
        .iter()
        .map(|v| (v.name.as_str(), v.ty.to_string()))
        .collect();
    assert_eq!(variants, [("Cat", "Cat".into()), ("Dog", "PetDog".into())]);
    assert_eq!(
        members("PetDog"),
        [own("name"), own("petType"), own("barks")]
    );
}

#[test]
fn required() {
    let api = snapshot("required.yaml");
    assert_well_formed(&api);
    let request = api.message("Create_itemRequest").unwrap();
    let required: Vec<&str> = request
        .fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.name.as_str())
        .collect();
    assert_eq!(
        required,
        [
            "dry_run", "X-Tenant", "name", "enabled", "count", "ratio", "tags", "labels", "note",
            "owner"
        ]
    );
    // Required and nullable: presence says `null` may be sent.
    assert!(request.field("note").unwrap().optional);
}

#[test]
fn unions() {
    let api = snapshot("unions.yaml");
    assert_well_formed(&api);
    let union = |name: &str| match api.type_def(name) {
        Some(TypeDef::Union(u)) => u.clone(),
        other => panic!("{name}: {other:?}"),
    };
    let tags = |name: &str| -> Vec<Vec<String>> {
        union(name).variants.into_iter().map(|v| v.tags).collect()
    };
    // One-value `enum`s of inline members; none for the member without one.
    assert_eq!(tags("Event"), [vec!["a"], vec!["b"], vec![]]);
    // `const`, `enum` through `allOf`, and the schema name.
    assert_eq!(
        tags("Shape"),
        [vec!["circle"], vec!["square"], vec!["Blob"]]
    );
    let names: Vec<String> = union("Event")
        .variants
        .into_iter()
        .map(|v| v.name)
        .collect();
    assert_eq!(names, ["A", "B", "Note"]);
}

#[test]
fn the_dispatcher_reads_files_and_pins_them() {
    let path = fixture_dir().join("types-3.1.json");
    let imported = codegen::frontend::import(&path).unwrap();
    assert_eq!(
        imported.source.format,
        codegen::schema::SourceFormat::Openapi
    );
    assert_eq!(imported.source.files.len(), 1);
    assert_eq!(imported.source.files[0].path, "types-3.1.json");
    assert_eq!(
        imported.source.files[0].sha256,
        codegen::schema::sha256_hex(&std::fs::read(&path).unwrap())
    );
    assert_eq!(imported.api, import("types-3.1.json").api);
}

#[test]
fn every_fixture_has_a_test() {
    let mut names: Vec<String> = std::fs::read_dir(fixture_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml") || n.ends_with(".json"))
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "composition.yaml",
            "cookies.yaml",
            "gnostic.yaml",
            "names.yaml",
            "oneofs.yaml",
            "operations.yaml",
            "pets.yaml",
            "refs.yaml",
            "required.yaml",
            "skipped.yaml",
            "types-3.1.json",
            "unions.yaml"
        ]
    );
}

#[test]
fn cookies() {
    let api = snapshot("cookies.yaml");
    assert_well_formed(&api);
}

#[test]
fn skipped() {
    let name = "skipped.yaml";
    let text = std::fs::read_to_string(fixture_dir().join(name)).unwrap();
    // By default the first unsupported operation fails the import, located.
    let err = openapi::import_text(name, &text, Syntax::Yaml).unwrap_err();
    assert_eq!(
        err.location,
        "skipped.yaml#/paths/~1notes/post/requestBody/content"
    );
    assert!(err.message.contains("application/xml"), "{err}");
    // With the option each is left out with a warning, and listed.
    let options = ImportOptions {
        skip_unsupported: true,
        ..ImportOptions::default()
    };
    let imported = openapi::import_text_with(name, &text, Syntax::Yaml, &options).unwrap();
    insta::assert_yaml_snapshot!(
        name,
        Snapshot {
            warnings: imported.warnings.clone(),
            api: imported.api.clone(),
        }
    );
    let ops: Vec<&str> = imported
        .api
        .operations
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(ops, ["GetNote", "ListNotes"]);
    let skipped: Vec<&str> = imported
        .api
        .skipped
        .iter()
        .map(|s| s.operation.as_str())
        .collect();
    assert_eq!(skipped, ["POST /notes (importNotes)", "PUT /notes/{id}"]);
    assert_eq!(imported.warnings.len(), 2, "{:?}", imported.warnings);
    assert_well_formed(&imported.api);
    // The crate's docs list them, with why.
    let files = codegen::backend::rust::crate_root::files(
        &imported.api,
        &codegen::backend::rust::Options::default(),
        "skipped",
    )
    .unwrap();
    for f in &files {
        assert!(f.contents.contains("Operations not included"), "{}", f.path);
        assert!(
            f.contents.contains(
                "`POST /notes (importNotes)`: skipped.yaml#/paths/~1notes/post/requestBody/content"
            ),
            "{}",
            f.contents
        );
        assert!(f.contents.contains("`PUT /notes/{id}`"), "{}", f.path);
    }
}
