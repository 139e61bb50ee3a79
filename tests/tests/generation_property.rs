//! Generation property: random valid OpenAPI documents (from our own
//! generator below, over the constructs the front-end accepts) either fail
//! with an error naming its place, or give Rust code that compiles with
//! `cargo clippy -- -D warnings`. Never a panic, never uncompilable output.
//!
//! The documents of a run are compiled together: each one's `generated/`
//! files are a module of one scratch crate per batch, checked by one
//! `cargo clippy`. CI runs a few (`PROPERTY_DOCS`, default 24); for more:
//!
//! ```sh
//! PROPERTY_DOCS=500 PROPERTY_SEED=1 cargo test -p tesseral-tests --test generation_property -- --nocapture
//! ```
//!
//! A failure names the seed and the document (kept on disk) that broke.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use codegen::backend::rust::{self, Options};
use codegen::frontend::openapi::{self, document::Syntax};
use serde_json::{Map, Value, json};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Writes random OpenAPI documents.
struct DocGen {
    rng: fastrand::Rng,
    /// Component schema names of the document being written.
    components: Vec<String>,
    /// `openapi: 3.1.x` (type lists with `null`) or 3.0 (`nullable`).
    v31: bool,
}

const PROPERTY_NAMES: &[&str] = &[
    "id",
    "name",
    "type",
    "self",
    "match",
    "fn",
    "loop",
    "2fa",
    "名称",
    "Straße",
    "créé",
    "created_at",
    "createdAt",
    "@id",
    "x-rate",
    "value",
    "items",
    "data",
    "kind",
    "new",
    "default",
    "Ok",
    "None",
    "next_page_token",
    "nextPageToken",
    "page_size",
    "_",
    "a b",
];
const TYPE_NAMES: &[&str] = &[
    "Pet",
    "pet",
    "Pet_Owner",
    "PetOwner",
    "List<Pet>",
    "com.example.Thing",
    "Étape",
    "Self",
    "Error",
    "Result",
    "Option",
    "Box",
    "String",
    "Vec",
    "Client",
    "Call",
    "Default",
    "1Thing",
    "map",
    "string",
    "Operation",
    "RequestParts",
    "Value",
    "Json",
];
const OPERATION_IDS: &[&str] = &[
    "listPets",
    "getPet",
    "UserService_List",
    "RoleService_List",
    "create-pet",
    "2faEnroll",
    "self",
    "new",
    "type",
    "get_pet",
    "GetPet",
    "Client",
    "send",
];
const PATHS: &[&str] = &[
    "/pets",
    "/pets/{id}",
    "/a/{x}/b/{y}",
    "/",
    "/v1/things/{thing_id}:archive",
    "/files/{name}",
];

impl DocGen {
    fn new(seed: u64) -> DocGen {
        DocGen {
            rng: fastrand::Rng::with_seed(seed),
            components: Vec::new(),
            v31: false,
        }
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.rng.usize(..from.len())]
    }

    fn chance(&mut self, percent: u8) -> bool {
        self.rng.u8(..100) < percent
    }

    fn scalar(&mut self) -> Value {
        match self.rng.u8(..12) {
            0 => json!({"type": "string"}),
            1 => {
                json!({"type": "string", "format": self.pick(&["date-time", "date", "byte", "uuid", "int64", "email"])})
            }
            2 => json!({"type": "integer"}),
            3 => json!({"type": "integer", "format": self.pick(&["int32", "int64"])}),
            4 => json!({"type": "number", "format": self.pick(&["float", "double"])}),
            5 => json!({"type": "number"}),
            6 => json!({"type": "boolean"}),
            7 => {
                let values: Vec<&str> = (0..self.rng.usize(1..4))
                    .map(|_| {
                        self.pick(&[
                            "a",
                            "b",
                            "B",
                            "active",
                            "in-progress",
                            "2x",
                            "到达",
                            "self",
                            "",
                        ])
                    })
                    .collect();
                json!({"type": "string", "enum": values})
            }
            8 => json!({"type": "integer", "enum": [1, 2, 3]}),
            9 => json!({}),
            10 => json!({"type": "object"}),
            _ => json!({"type": "string", "const": "fixed"}),
        }
    }

    fn reference(&mut self) -> Option<Value> {
        if self.components.is_empty() {
            return None;
        }
        let name = self.components[self.rng.usize(..self.components.len())].clone();
        Some(json!({"$ref": format!("#/components/schemas/{}", pointer_escape(&name))}))
    }

    /// A schema of at most `depth` levels of nesting.
    fn schema(&mut self, depth: u32) -> Value {
        let choice = if depth == 0 {
            self.rng.u8(..2)
        } else {
            self.rng.u8(..12)
        };
        let mut s = match choice {
            0 => self.scalar(),
            1 => self.reference().unwrap_or_else(|| self.scalar()),
            2 => json!({"type": "array", "items": self.schema(depth - 1)}),
            3 => json!({"type": "object", "additionalProperties": self.schema(depth - 1)}),
            4 | 5 => self.object(depth - 1),
            6 => {
                let mut members = vec![self.object(depth - 1)];
                if let Some(r) = self.reference() {
                    members.push(r);
                }
                json!({"allOf": members})
            }
            7 => self.tagged_union(depth - 1),
            8 => {
                let members: Vec<Value> = (0..self.rng.usize(1..4))
                    .map(|_| self.object(depth - 1))
                    .collect();
                json!({"oneOf": members})
            }
            9 => {
                let members: Vec<Value> = (0..self.rng.usize(1..3))
                    .map(|_| self.schema(depth - 1))
                    .collect();
                json!({"anyOf": members})
            }
            10 => {
                // Properties beside a union (connect-openapi's proto oneofs).
                let mut o = self.object(depth - 1);
                let members: Vec<Value> = (0..2)
                    .map(|_| {
                        let name = self.pick(PROPERTY_NAMES);
                        json!({"type": "object", "properties": {name: self.scalar()}, "required": [name]})
                    })
                    .collect();
                o["oneOf"] = Value::Array(members);
                o
            }
            _ => {
                let inner = self.schema(depth - 1);
                if self.v31 {
                    json!({"anyOf": [inner, {"type": "null"}]})
                } else {
                    json!({"allOf": [inner], "nullable": true})
                }
            }
        };
        if self.chance(10) && !self.v31 && s.is_object() {
            s["nullable"] = json!(true);
        }
        if self.chance(5) && s.is_object() {
            s["description"] = json!("A *doc* with `code`, <html> and [brackets].");
        }
        s
    }

    fn object(&mut self, depth: u32) -> Value {
        let mut props = Map::new();
        for _ in 0..self.rng.usize(0..5) {
            let name = self.pick(PROPERTY_NAMES).to_string();
            let schema = self.schema(depth);
            props.insert(name, schema);
        }
        let required: Vec<String> = props.keys().filter(|_| self.chance(40)).cloned().collect();
        let mut o = json!({"type": "object", "properties": props});
        if !required.is_empty() {
            o["required"] = json!(required);
        }
        if self.chance(10) {
            o["additionalProperties"] = json!(false);
        }
        o
    }

    /// A `oneOf` with a discriminator, tags from `const`, one-value `enum`
    /// or a `mapping`.
    fn tagged_union(&mut self, depth: u32) -> Value {
        let tag = self.pick(&["type", "kind", "@type"]);
        let mut members = Vec::new();
        for i in 0..self.rng.usize(1..4) {
            let mut m = self.object(depth);
            let value = format!("v{i}");
            let fixed = if self.chance(50) {
                json!({"type": "string", "const": value})
            } else {
                json!({"type": "string", "enum": [value]})
            };
            m["properties"][tag] = fixed;
            members.push(m);
        }
        json!({"oneOf": members, "discriminator": {"propertyName": tag}})
    }

    fn parameter(&mut self, name: &str, location: &str, required: bool) -> Value {
        let schema = match location {
            "query" | "header" if self.chance(25) => {
                json!({"type": "array", "items": self.scalar_param()})
            }
            _ => self.scalar_param(),
        };
        json!({"name": name, "in": location, "required": required, "schema": schema})
    }

    fn scalar_param(&mut self) -> Value {
        match self.rng.u8(..5) {
            0 => json!({"type": "integer", "format": "int64"}),
            1 => json!({"type": "boolean"}),
            2 => json!({"type": "string", "enum": ["x", "y"]}),
            3 => json!({"type": "string", "format": "date-time"}),
            _ => json!({"type": "string"}),
        }
    }

    fn operation(&mut self, path: &str, method: &str) -> Value {
        let mut op = Map::new();
        if self.chance(80) {
            op.insert("operationId".into(), json!(self.pick(OPERATION_IDS)));
        }
        let mut params = Vec::new();
        for var in path.split('{').skip(1) {
            let name = var.split('}').next().unwrap_or_default();
            let mut p = self.parameter(name, "path", true);
            p["schema"] = self.scalar_param();
            params.push(p);
        }
        for _ in 0..self.rng.usize(0..4) {
            let location = self.pick(&["query", "query", "header", "cookie"]);
            let name = self.pick(&[
                "limit",
                "page_token",
                "q",
                "X-Request-Id",
                "tags",
                "self",
                "filter.kind",
            ]);
            let required = self.chance(30);
            params.push(self.parameter(name, location, required));
        }
        if !params.is_empty() {
            op.insert("parameters".into(), Value::Array(params));
        }
        if matches!(method, "post" | "put" | "patch") && self.chance(80) {
            let schema = if self.chance(50) {
                self.reference().unwrap_or_else(|| self.object(2))
            } else {
                self.schema(2)
            };
            op.insert(
                "requestBody".into(),
                json!({"required": self.chance(50), "content": {"application/json": {"schema": schema}}}),
            );
        }
        let response = if self.chance(15) {
            json!({"204": {"description": "none"}})
        } else {
            let schema = if self.chance(50) {
                self.reference().unwrap_or_else(|| self.schema(2))
            } else {
                self.schema(2)
            };
            json!({"200": {"description": "OK", "content": {"application/json": {"schema": schema}}}})
        };
        op.insert("responses".into(), response);
        Value::Object(op)
    }

    fn document(&mut self) -> Value {
        self.v31 = self.chance(40);
        self.components = (0..self.rng.usize(0..6))
            .map(|_| self.pick(TYPE_NAMES).to_string())
            .collect();
        self.components.sort();
        self.components.dedup();
        let mut schemas = Map::new();
        for name in self.components.clone() {
            let s = if self.chance(60) {
                self.object(2)
            } else {
                self.schema(2)
            };
            schemas.insert(name, s);
        }
        let mut paths = Map::new();
        for _ in 0..self.rng.usize(1..5) {
            let path = self.pick(PATHS);
            let method = self.pick(&["get", "post", "put", "patch", "delete"]);
            let op = self.operation(path, method);
            let item = paths.entry(path.to_string()).or_insert_with(|| json!({}));
            item[method] = op;
        }
        let mut doc = json!({
            "openapi": if self.v31 { "3.1.0" } else { "3.0.3" },
            "info": {"title": "Property document", "version": "1"},
            "paths": paths,
            "components": {"schemas": schemas},
        });
        if self.chance(30) {
            doc["servers"] = json!([{"url": "https://api.example.com/v1"}]);
        }
        doc
    }
}

/// `~` and `/` escaped for a JSON pointer segment.
fn pointer_escape(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

/// What became of one document.
enum Outcome {
    /// Its `generated/` files.
    Generated(Vec<codegen::backend::OutputFile>),
    /// A located error.
    Refused(String),
}

fn generate(name: &str, text: &str) -> Result<Outcome, String> {
    let located = |e: codegen::Error| {
        if e.location.is_empty() {
            Err(format!("an error without a place: {e}"))
        } else {
            Ok(Outcome::Refused(e.to_string()))
        }
    };
    let imported = match openapi::import_text(name, text, Syntax::Json) {
        Ok(i) => i,
        Err(e) => return located(e),
    };
    match rust::generate_with(&imported.api, &Options::default()) {
        Ok(files) => Ok(Outcome::Generated(files)),
        Err(e) => located(e),
    }
}

/// A scratch crate holding documents `docs` as modules `d<N>`.
fn write_batch(dir: &Path, modules: &[(String, Vec<codegen::backend::OutputFile>)]) {
    let _ = std::fs::remove_dir_all(dir.join("src"));
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let runtime = workspace().join("runtime");
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"property-batch\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\nrest-sdk-runtime = {{ path = {:?} }}\nserde = {{ version = \"1\", features = [\"derive\"] }}\n\n\
             [workspace]\n",
            runtime.display().to_string()
        ),
    )
    .unwrap();
    std::fs::copy(workspace().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let mut lib = String::from(
        "//! Generated documents of the generation property test.\n#![warn(missing_docs)]\n\
         use rest_sdk_runtime as rt;\n",
    );
    for (module, files) in modules {
        for f in files {
            let path = dir.join("src").join(module).join(&f.path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, &f.contents).unwrap();
        }
        writeln!(
            lib,
            "/// A document.\n#[rustfmt::skip]\npub mod {module};\n\
             pub use {module}::client::{{Client as {module}Client, ClientBuilder as {module}Builder}};"
        )
        .unwrap();
    }
    std::fs::write(dir.join("src/lib.rs"), lib).unwrap();
}

fn clippy(dir: &Path, target: &Path) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = std::process::Command::new(cargo)
        .args(["clippy", "--quiet", "--offline", "--", "-D", "warnings"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}

#[test]
fn random_documents_are_refused_with_a_place_or_compile_clippy_clean() {
    let count = env_u64("PROPERTY_DOCS", 24);
    let seed = env_u64("PROPERTY_SEED", 12);
    let batch_size = env_u64("PROPERTY_BATCH", 100);
    let scratch = std::env::temp_dir().join(format!("rest-sdk-property-{}", std::process::id()));
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| workspace().join("target"), PathBuf::from)
        .join("property-crates");
    let started = std::time::Instant::now();
    let (mut generated, mut refused) = (0, 0);
    let mut batch: Vec<(String, Vec<codegen::backend::OutputFile>)> = Vec::new();
    let mut batch_docs: Vec<(String, String)> = Vec::new();
    for i in 0..count {
        let doc_seed = seed.wrapping_mul(1_000_003).wrapping_add(i);
        let doc = DocGen::new(doc_seed).document();
        let text = serde_json::to_string_pretty(&doc).unwrap();
        let name = format!("doc-{doc_seed}.json");
        let outcome = std::panic::catch_unwind(|| generate(&name, &text));
        match outcome {
            Err(_) => {
                let kept = scratch.join(&name);
                std::fs::create_dir_all(&scratch).unwrap();
                std::fs::write(&kept, &text).unwrap();
                panic!(
                    "seed {doc_seed}: the generator panicked on {}",
                    kept.display()
                );
            }
            Ok(Err(why)) => panic!("seed {doc_seed}: {why}\n{text}"),
            Ok(Ok(Outcome::Refused(why))) => {
                eprintln!("refused {name}: {why}");
                refused += 1;
            }
            Ok(Ok(Outcome::Generated(files))) => {
                generated += 1;
                batch.push((format!("d{i}"), files));
                batch_docs.push((name, text));
            }
        }
        let last = i + 1 == count;
        if batch.len() as u64 >= batch_size || (last && !batch.is_empty()) {
            let dir = scratch.join("batch");
            write_batch(&dir, &batch);
            if let Err(stderr) = clippy(&dir, &target) {
                for (name, text) in &batch_docs {
                    std::fs::write(scratch.join(name), text).unwrap();
                }
                panic!(
                    "a batch does not compile clippy-clean (kept in {}; modules d<N> are the \
                     documents of seed {seed} * 1000003 + N):\n{stderr}",
                    scratch.display()
                );
            }
            batch.clear();
            batch_docs.clear();
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
    eprintln!(
        "{count} documents (seed {seed}): {generated} generated and compiled clippy-clean, \
         {refused} refused with a located error, in {:.1?}",
        started.elapsed()
    );
    assert!(
        generated * 2 >= count,
        "most documents should generate: only {generated} of {count}"
    );
}
