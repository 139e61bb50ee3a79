//! The vector files under `tests/data/conformance/` (format in
//! `conformance/README.md`), read strictly: a member this reader does not
//! know is an error, so a format change cannot be skipped silently.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::value::RawValue;

/// Where the checked-in vectors are.
pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/conformance")
}

/// The workspace root (`tests/..`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The versions of the reference implementation that wrote a file.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    /// The Python `protobuf` package version.
    pub protobuf: String,
    /// `upb`, `python` or `cpp`.
    pub implementation: String,
    /// The `grpcio-tools` version (its bundled protoc compiled the protos).
    pub grpcio_tools: String,
}

/// `index.json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Index {
    /// The reference versions.
    pub reference: Reference,
    /// The base random seed.
    pub seed: u64,
    /// Random messages per Tesseral type.
    pub random_per_type: u64,
    /// `tesseral` and `conformance`.
    pub packages: Vec<Package>,
    /// Vectors per section, over all files.
    pub counts: Counts,
}

/// One package of message types.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Package {
    /// `tesseral` or `conformance`.
    pub name: String,
    /// The proto root, relative to the workspace root.
    pub source: String,
    /// SHA-256 (hex) of every input proto, by path under `source`.
    pub inputs: std::collections::BTreeMap<String, String>,
    /// Full names of the RPCs with a `google.api.http` rule.
    pub rest_operations: Vec<String>,
    /// Full names of the enums reachable from them.
    pub enums: Vec<String>,
    /// One vector file per message type.
    pub types: Vec<TypeRef>,
    /// The file of request bodies of `body: "<field>"` operations, relative
    /// to the index.
    pub bodies: String,
}

/// A `bodies/<package>.json` file: what the server makes of the request
/// bodies of each `body: "<field>"` operation (see `bodies.rs`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BodiesFile {
    /// The reference versions.
    pub reference: Reference,
    /// One entry per operation, by full RPC name.
    pub operations: Vec<BodyOperation>,
}

/// One `body: "<field>"` operation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BodyOperation {
    /// Full RPC name (`tesseral.backend.v1.BackendService.CreateUser`).
    pub operation: String,
    /// The HTTP method (`POST`).
    pub method: String,
    /// The path template.
    pub path: String,
    /// Full name of the request message.
    pub request_type: String,
    /// The JSON name of the body field.
    pub body_field: String,
    /// The reference's error for an empty text (it cannot parse one: the
    /// transcoder must not hand it an empty body).
    pub empty_text_error: Option<String>,
    /// `unset`, `empty`, `full`.
    pub cases: Vec<BodyCase>,
}

/// One body and the request the server builds from it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BodyCase {
    /// `unset` (no body), `empty` (`{}`), `full`.
    pub name: String,
    /// The body text (empty for no body).
    pub body: String,
    /// Whether the body field is set in the request the server builds.
    pub body_field_present: bool,
    /// That request in canonical JSON (path fields set to samples).
    pub request: Box<RawValue>,
    /// JSON pointers into `request` of the numbers that are `float`.
    #[serde(default)]
    pub float32: Vec<String>,
}

/// A message type and its vector file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeRef {
    /// Full proto name (`tesseral.backend.v1.APIKey`).
    #[serde(rename = "type")]
    pub type_name: String,
    /// The file, relative to the index.
    pub file: String,
}

/// Vectors per section.
#[derive(Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Counts {
    /// `canonical` records.
    pub canonical: usize,
    /// `unknown_enum_values` records.
    pub unknown_enum_values: usize,
    /// `server_form` records.
    pub server_form: usize,
    /// `lenient` records.
    pub lenient: usize,
    /// `quirks` records.
    pub quirks: usize,
    /// `rejected` records.
    pub rejected: usize,
    /// `unknown_enum_names` records.
    pub unknown_enum_names: usize,
}

/// One vector file: every vector of one message type.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeFile {
    /// The reference versions.
    pub reference: Reference,
    /// This type's random seed.
    pub seed: u64,
    /// Full proto name.
    #[serde(rename = "type")]
    pub type_name: String,
    /// Canonical JSON of messages.
    pub canonical: Vec<Encoding>,
    /// Canonical JSON with enum numbers the schema does not define.
    pub unknown_enum_values: Vec<Encoding>,
    /// What the server (Go protojson with `EmitUnpopulated`) writes.
    pub server_form: Vec<Form>,
    /// Non-canonical input the reference accepts, as the proto3 JSON
    /// mapping allows.
    pub lenient: Vec<Form>,
    /// Input the reference accepts although the mapping does not allow it.
    pub quirks: Vec<Form>,
    /// Input the reference refuses.
    pub rejected: Vec<Rejected>,
    /// An enum value name the schema does not have.
    pub unknown_enum_names: Vec<UnknownName>,
}

impl TypeFile {
    /// The number of records in every section.
    pub fn counts(&self) -> Counts {
        Counts {
            canonical: self.canonical.len(),
            unknown_enum_values: self.unknown_enum_values.len(),
            server_form: self.server_form.len(),
            lenient: self.lenient.len(),
            quirks: self.quirks.len(),
            rejected: self.rejected.len(),
            unknown_enum_names: self.unknown_enum_names.len(),
        }
    }
}

/// A `canonical` or `unknown_enum_values` record.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Encoding {
    /// `empty`, `full/1`, `random/7`, `unknown_enum/0`, ...
    pub name: String,
    /// The canonical JSON as a value.
    pub json: Box<RawValue>,
    /// Its exact compact text, as json_format writes it.
    pub text: String,
    /// JSON pointers into `json` of the numbers that are `float` (f32).
    #[serde(default)]
    pub float32: Vec<String>,
}

/// A `server_form`, `lenient` or `quirks` record: an input and the
/// canonical JSON of what the reference read.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Form {
    /// The name (`server_form`).
    #[serde(default)]
    pub name: Option<String>,
    /// The kind (`lenient`, `quirks`).
    #[serde(default)]
    pub kind: Option<String>,
    /// The input text.
    pub input: String,
    /// What the reference made of it, in canonical JSON.
    pub canonical: Box<RawValue>,
    /// JSON pointers into `canonical` of the numbers that are `float`.
    #[serde(default)]
    pub float32: Vec<String>,
    /// The reference parsed it ignoring unknown fields.
    #[serde(default)]
    pub ignore_unknown_fields: bool,
}

impl Form {
    /// The name or kind, for messages.
    pub fn label(&self) -> &str {
        self.name.as_deref().or(self.kind.as_deref()).unwrap_or("?")
    }
}

/// A `rejected` record.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rejected {
    /// What is wrong with it (`int_too_large`, `invalid_json`, ...).
    pub kind: String,
    /// The input text.
    pub input: String,
    /// The reference's error message (Python's wording; not compared).
    pub error: String,
}

/// An `unknown_enum_names` record.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnknownName {
    /// The input text.
    pub input: String,
    /// The reference's error in a strict parse (not compared).
    pub strict_error: String,
    /// What the reference keeps when ignoring unknown fields.
    pub canonical_ignoring_unknown: Box<RawValue>,
}

/// Reads and parses one JSON file, naming it in the error.
pub fn read<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let de = &mut serde_json::Deserializer::from_str(&text);
    serde_path_to_error::deserialize(de)
        .map_err(|e| format!("{}: {}: {}", path.display(), e.path(), e.inner()))
}
