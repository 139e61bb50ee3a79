//! Bad OpenAPI input: each case is an `Error` naming the file and the place
//! (a JSON pointer, or line and column for syntax errors), never a panic.

use codegen::frontend::openapi::{self, document::Syntax};

/// Imports `text` as `spec.yaml` (or `spec.json`) and returns the error.
fn error(syntax: Syntax, text: &str) -> codegen::Error {
    let file = match syntax {
        Syntax::Yaml => "spec.yaml",
        Syntax::Json => "spec.json",
    };
    match openapi::import_text(file, text, syntax) {
        Ok(_) => panic!("imported without error:\n{text}"),
        Err(e) => e,
    }
}

fn yaml_error(text: &str) -> codegen::Error {
    error(Syntax::Yaml, text)
}

/// A document with `paths` and `schemas` spliced in.
fn doc(paths: &str, schemas: &str) -> String {
    format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n{paths}\ncomponents:\n  schemas:\n{schemas}\n"
    )
}

const PETS_OK: &str = "  /pets:\n    get:\n      operationId: listPets\n      responses:\n        '200':\n          description: OK\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Pet'}\n";
const PET: &str = "    Pet: {type: object, properties: {name: {type: string}}}\n";

fn assert_error(e: &codegen::Error, location: &str, words: &str) {
    assert_eq!(e.location, location, "{e}");
    assert!(
        e.message.contains(words),
        "`{}` does not say `{words}`",
        e.message
    );
}

#[test]
fn the_fixture_skeleton_imports() {
    let text = doc(PETS_OK, PET);
    let imported = openapi::import_text("spec.yaml", &text, Syntax::Yaml).unwrap();
    assert_eq!(imported.api.operations.len(), 1);
}

#[test]
fn syntax_errors_have_line_and_column() {
    let e = yaml_error("openapi: 3.0.3\ninfo: [a,\n");
    assert!(e.location.starts_with("spec.yaml:"), "{e}");
    assert!(e.message.contains("invalid YAML"), "{e}");
    let e = error(Syntax::Json, "{\"openapi\": \"3.0.3\",\n \"info\": }");
    assert_error(&e, "spec.json:2:10", "invalid JSON");
    let e = yaml_error("openapi: 3.0.3\nopenapi: 3.1.0\n");
    assert!(e.location.starts_with("spec.yaml:"), "{e}");
    assert!(e.message.contains("duplicate key `openapi`"), "{e}");
}

#[test]
fn empty_and_non_mapping_documents() {
    assert_error(&yaml_error(""), "spec.yaml", "empty");
    assert_error(&yaml_error("# only a comment\n"), "spec.yaml", "empty");
    assert_error(
        &yaml_error("- a\n- b\n"),
        "spec.yaml#",
        "expected an OpenAPI document",
    );
}

#[test]
fn versions() {
    assert_error(
        &yaml_error("info: {title: t, version: '1'}\npaths: {}\n"),
        "spec.yaml#",
        "missing `openapi` version",
    );
    assert_error(
        &yaml_error("swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n"),
        "spec.yaml#",
        "Swagger 2.0 is not supported",
    );
    assert_error(
        &yaml_error("openapi: '2.0'\npaths: {}\n"),
        "spec.yaml#/openapi",
        "Swagger 2.0 is not supported",
    );
    assert_error(
        &yaml_error("openapi: 4.0.0\npaths: {}\n"),
        "spec.yaml#/openapi",
        "unsupported OpenAPI version `4.0.0`",
    );
    assert_error(
        &yaml_error("openapi: 3.10.0\npaths: {}\n"),
        "spec.yaml#/openapi",
        "unsupported",
    );
    assert_error(
        &yaml_error("openapi: [3]\npaths: {}\n"),
        "spec.yaml#/openapi",
        "expected the OpenAPI version as text",
    );
}

#[test]
fn a_dangling_ref_names_the_ref() {
    let text = doc(PETS_OK, "    Dog: {type: object}\n");
    assert_error(
        &yaml_error(&text),
        "spec.yaml#/paths/~1pets/get/responses/200/content/application~1json/schema",
        "`$ref: #/components/schemas/Pet` points to nothing",
    );
    let text = doc(PETS_OK, "    Pet: {$ref: '#/components/schemas/Nope'}\n");
    assert_error(
        &yaml_error(&text),
        "spec.yaml#/components/schemas/Pet",
        "points to nothing",
    );
    let text = doc(PETS_OK, "    Pet: {$ref: 'other.yaml#/Pet'}\n");
    assert_error(
        &yaml_error(&text),
        "spec.yaml#/components/schemas/Pet",
        "only local references",
    );
}

#[test]
fn ref_cycles_with_no_way_out() {
    // The error is where the loop is entered, and its message walks the loop.
    const USE: &str = "spec.yaml#/paths/~1pets/get/responses/200/content/application~1json/schema";
    let text = doc(PETS_OK, "    Pet: {$ref: '#/components/schemas/Pet'}\n");
    assert_error(
        &yaml_error(&text),
        USE,
        "cycle with no way out: #/paths/~1pets/get/responses/200/content/application~1json/schema -> #/components/schemas/Pet -> #/components/schemas/Pet",
    );
    let text = doc(
        PETS_OK,
        "    Pet: {$ref: '#/components/schemas/Dog'}\n    Dog: {$ref: '#/components/schemas/Pet'}\n",
    );
    assert_error(
        &yaml_error(&text),
        USE,
        "-> #/components/schemas/Pet -> #/components/schemas/Dog -> #/components/schemas/Pet",
    );
    let text = doc(
        PETS_OK,
        "    Pet: {type: array, items: {$ref: '#/components/schemas/Pet'}}\n",
    );
    assert_error(
        &yaml_error(&text),
        "spec.yaml#/components/schemas/Pet/items",
        "cycle with no way out",
    );
    let text = doc(
        PETS_OK,
        "    Pet: {allOf: [{$ref: '#/components/schemas/Dog'}, {type: object}]}\n    Dog: {allOf: [{$ref: '#/components/schemas/Pet'}, {type: object}]}\n",
    );
    assert_error(
        &yaml_error(&text),
        "spec.yaml#/components/schemas/Dog/allOf/0",
        "`allOf` cycle",
    );
    // A parameter that refers to itself.
    let paths = "  /pets:\n    get:\n      parameters: [{$ref: '#/components/parameters/P'}]\n      responses: {'204': {description: none}}\n";
    let text = format!(
        "{}  parameters:\n    P: {{$ref: '#/components/parameters/P'}}\n",
        doc(paths, PET)
    );
    assert_error(
        &yaml_error(&text),
        "spec.yaml#/paths/~1pets/get/parameters/0",
        "cycle",
    );
}

#[test]
fn wrong_types_where_a_schema_is_expected() {
    let text = doc(PETS_OK, "    Pet: 5\n");
    assert_error(
        &yaml_error(&text),
        "spec.yaml#/components/schemas/Pet",
        "expected a schema (a mapping), found a number",
    );
    let text = doc(PETS_OK, "    Pet: {type: object, properties: [a]}\n");
    assert_error(
        &yaml_error(&text),
        "spec.yaml#/components/schemas/Pet/properties",
        "expected a mapping",
    );
    let text = doc(PETS_OK, "    Pet: {type: array, items: string}\n");
    assert_error(
        &yaml_error(&text),
        "spec.yaml#/components/schemas/Pet/items",
        "expected a schema",
    );
    let text = doc(PETS_OK, "    Pet: {type: strin}\n");
    assert_error(
        &yaml_error(&text),
        "spec.yaml#/components/schemas/Pet/type",
        "unknown schema type `strin`",
    );
    let text = doc(PETS_OK, "    Pet: {type: object, properties: {a: false}}\n");
    assert_error(
        &yaml_error(&text),
        "spec.yaml#/components/schemas/Pet/properties/a",
        "accepts no value",
    );
    let text = doc(
        PETS_OK,
        "    Pet: {type: object, required: [1], properties: {a: {}}}\n",
    );
    assert_error(
        &yaml_error(&text),
        "spec.yaml#/components/schemas/Pet/required/0",
        "expected a property name",
    );
    let text = doc(
        PETS_OK,
        "    Pet: {oneOf: [{type: string}, {type: integer}], discriminator: {mapping: {}}}\n",
    );
    assert_error(
        &yaml_error(&text),
        "spec.yaml#/components/schemas/Pet/discriminator",
        "propertyName",
    );
    let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: []\n";
    assert_error(&yaml_error(text), "spec.yaml#/paths", "expected a mapping");
}

#[test]
fn unsupported_bodies_and_parameters() {
    let body = |media: &str| {
        doc(
            &format!(
                "  /pets:\n    post:\n      requestBody:\n        content:\n          {media}:\n            schema: {{type: object}}\n      responses: {{'204': {{description: none}}}}\n"
            ),
            PET,
        )
    };
    assert_error(
        &yaml_error(&body("application/xml")),
        "spec.yaml#/paths/~1pets/post/requestBody/content",
        "`application/xml` are not supported (only JSON)",
    );
    assert_error(
        &yaml_error(&body("multipart/form-data")),
        "spec.yaml#/paths/~1pets/post/requestBody/content",
        "not supported",
    );
    let param = |p: &str| {
        doc(
            &format!(
                "  /pets:\n    get:\n      parameters: [{p}]\n      responses: {{'204': {{description: none}}}}\n"
            ),
            PET,
        )
    };
    assert_error(
        &yaml_error(&param(
            "{name: s, in: cookie, required: true, schema: {type: array, items: {type: string}}}",
        )),
        "spec.yaml#/paths/~1pets/get/parameters/0",
        "a cookie parameter of type `list<string>` cannot be sent (only scalars, enums)",
    );
    assert_error(
        &yaml_error(&param(
            "{name: f, in: query, required: true, schema: {$ref: '#/components/schemas/Pet'}}",
        )),
        "spec.yaml#/paths/~1pets/get/parameters/0",
        "cannot be sent",
    );
    assert_error(
        &yaml_error(&param("{name: f, in: body, schema: {type: string}}")),
        "spec.yaml#/paths/~1pets/get/parameters/0",
        "unknown parameter location `in: body`",
    );
    assert_error(
        &yaml_error(&param("{in: query, schema: {type: string}}")),
        "spec.yaml#/paths/~1pets/get/parameters/0",
        "needs a `name`",
    );
    let text = doc(
        "  /pets/{id}:\n    get:\n      responses: {'204': {description: none}}\n",
        PET,
    );
    assert_error(
        &yaml_error(&text),
        "spec.yaml#/paths/~1pets~1{id}/get",
        "`{id}` has no `in: path` parameter",
    );
    let text = doc("  pets:\n    get: {responses: {}}\n", PET);
    assert_error(
        &yaml_error(&text),
        "spec.yaml#/paths/pets",
        "must start with `/`",
    );
}

#[test]
fn files_that_are_not_text_name_the_file() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("openapi_errors");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("binary.yaml");
    std::fs::write(&path, [0xff, 0xfe, 0x00, 0x41]).unwrap();
    let e = openapi::import(&path).unwrap_err();
    assert_eq!(e.location, path.display().to_string());
    assert!(e.message.contains("not UTF-8"), "{e}");
    let missing = dir.join("missing.yaml");
    let e = openapi::import(&missing).unwrap_err();
    assert_eq!(e.location, missing.display().to_string());
}

/// A document whose one operation requires `op_security` (YAML flow, or
/// nothing), with `global` security and these `schemes`.
fn secured(global: &str, op_security: &str, schemes: &str) -> String {
    format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\n{global}paths:\n  /pets:\n    get:\n      operationId: listPets\n{op_security}      responses:\n        '204': {{description: OK}}\ncomponents:\n  securitySchemes:\n{schemes}"
    )
}

const SCHEMES: &str = "    token: {type: http, scheme: bearer}\n    key: {type: apiKey, in: header, name: X-Key}\n    basic: {type: http, scheme: basic}\n";

fn auth_of(text: &str) -> codegen::ir::Auth {
    openapi::import_text("spec.yaml", text, Syntax::Yaml)
        .unwrap_or_else(|e| panic!("{e}\n{text}"))
        .api
        .auth
}

#[test]
fn security_requirements_give_the_auth_scheme() {
    use codegen::ir::Auth;
    // The document's requirement, an operation's own, alternatives in order.
    assert_eq!(
        auth_of(&secured("security: [{token: []}]\n", "", SCHEMES)),
        Auth::Bearer
    );
    assert_eq!(
        auth_of(&secured("", "      security: [{token: []}]\n", SCHEMES)),
        Auth::Bearer
    );
    assert_eq!(
        auth_of(&secured(
            "",
            "      security: [{key: []}, {token: []}]\n",
            SCHEMES
        )),
        Auth::Bearer
    );
    // `{}` (anonymous) or an empty list: no credentials.
    assert_eq!(
        auth_of(&secured(
            "security: [{key: []}]\n",
            "      security: []\n",
            SCHEMES
        )),
        Auth::None
    );
    assert_eq!(
        auth_of(&secured("", "      security: [{}, {key: []}]\n", SCHEMES)),
        Auth::None
    );
    // Schemes defined but never required: none (with a warning).
    let text = secured("", "", SCHEMES);
    let imported = openapi::import_text("spec.yaml", &text, Syntax::Yaml).unwrap();
    assert_eq!(imported.api.auth, Auth::None);
    assert!(
        imported
            .warnings
            .iter()
            .any(|w| w.contains("securitySchemes") && w.contains("no credentials")),
        "{:?}",
        imported.warnings
    );
}

#[test]
fn unsupported_security_schemes_are_errors_naming_the_operation() {
    let e = yaml_error(&secured(
        "",
        "      security: [{key: []}, {basic: []}]\n",
        SCHEMES,
    ));
    assert_error(
        &e,
        "spec.yaml#/paths/~1pets/get/security",
        "/paths/~1pets/get",
    );
    assert!(e.message.contains("`key` (`type: apiKey`)"), "{e}");
    assert!(
        e.message
            .contains("`basic` (`type: http`, `scheme: basic`)"),
        "{e}"
    );
    assert!(e.message.contains("bearer"), "{e}");
    // Through the document's requirement: the error points at it.
    let e = yaml_error(&secured("security: [{key: []}]\n", "", SCHEMES));
    assert_error(&e, "spec.yaml#/security", "`key`");
    // An alternative needing a bearer token and an API key at once.
    let e = yaml_error(&secured(
        "",
        "      security: [{token: [], key: []}]\n",
        SCHEMES,
    ));
    assert_error(&e, "spec.yaml#/paths/~1pets/get/security", "`key`");
    // A scheme that is not defined.
    let e = yaml_error(&secured("", "      security: [{nope: []}]\n", SCHEMES));
    assert_error(
        &e,
        "spec.yaml#/paths/~1pets/get/security/0",
        "`nope` is not defined",
    );
}
