//! The protojson conformance proof: every vector the reference
//! implementation (Python protobuf's `json_format`) produced under
//! `tests/data/conformance/` is run against the Rust type the generator made
//! for its message, in the SDK (`tesseral::model`) and in the crate generated
//! from the conformance protos (`conformance_sdk::model`). See
//! `conformance/README.md` for the vectors and the comparison rules.
//!
//! * `canonical`, `unknown_enum_values`: decode, re-encode, same value; same
//!   text byte for byte except member order and float-notation numbers
//!   (compared by value); the re-encoding is stable.
//! * `server_form`, `lenient`: decode to what their canonical form decodes
//!   to, which is the reference's value.
//! * `quirks`: refused, or read as the reference reads them.
//! * `rejected`: refused with an error naming the member (unless the error is
//!   about the whole document), except the kinds the SDK accepts by design.
//! * `unknown_enum_names`: kept and written back (the reference refuses or
//!   drops them; the SDK deliberately keeps them).
//!
//! Plus a fuzz run over the decoders of every operation's response type,
//! the refusal of arrays where a message belongs (every type), and the
//! request bodies of `body: "<field>"` operations against what the
//! reference reads (`bodies/`).

mod conformance_support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use conformance_support::bodies::BODY_OPS;
use conformance_support::check::Tally;
use conformance_support::compare::{Float32, same_value};
use conformance_support::types::{MAPPED, Mapped, NOT_GENERATED};
use conformance_support::vectors::{self, Counts, Index, TypeFile};
use sha2::{Digest, Sha256};

fn index() -> Index {
    let path = vectors::data_dir().join("index.json");
    vectors::read(&path).unwrap_or_else(|e| panic!("{e}"))
}

fn type_file(index_entry: &vectors::TypeRef) -> TypeFile {
    let path = vectors::data_dir().join(&index_entry.file);
    vectors::read(&path).unwrap_or_else(|e| panic!("{e}"))
}

fn mapped(proto: &str) -> Option<&'static Mapped> {
    MAPPED.iter().find(|m| m.proto == proto)
}

/// Every `.json` file under `dir`, relative to it, with `/`.
fn json_files(dir: &Path, prefix: &str, out: &mut BTreeSet<String>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if path.is_dir() {
            json_files(&path, &format!("{prefix}{name}/"), out);
        } else if name.ends_with(".json") {
            out.insert(format!("{prefix}{name}"));
        }
    }
}

#[test]
fn every_vector_type_has_a_rust_type() {
    let index = index();
    let listed: Vec<&str> = index
        .packages
        .iter()
        .flat_map(|p| p.types.iter().map(|t| t.type_name.as_str()))
        .collect();
    let listed_set: BTreeSet<&str> = listed.iter().copied().collect();
    assert_eq!(
        listed_set.len(),
        listed.len(),
        "a type is listed twice in index.json"
    );

    // The files on disk are exactly the index's.
    let mut on_disk = BTreeSet::new();
    json_files(&vectors::data_dir(), "", &mut on_disk);
    let mut indexed: BTreeSet<String> = index
        .packages
        .iter()
        .flat_map(|p| p.types.iter().map(|t| t.file.clone()))
        .collect();
    indexed.insert("index.json".to_owned());
    indexed.extend(index.packages.iter().map(|p| p.bodies.clone()));
    assert_eq!(on_disk, indexed, "vector files on disk vs index.json");

    // The table maps each type once, and covers every type with vectors.
    let mapped_set: BTreeSet<&str> = MAPPED.iter().map(|m| m.proto).collect();
    assert_eq!(mapped_set.len(), MAPPED.len(), "a type is mapped twice");
    let rust_set: BTreeSet<&str> = MAPPED.iter().map(|m| m.rust).collect();
    assert_eq!(
        rust_set.len(),
        MAPPED.len(),
        "two types map to one Rust type"
    );
    let unmapped: BTreeSet<&str> = NOT_GENERATED.iter().map(|(name, _)| *name).collect();
    assert!(
        mapped_set.is_disjoint(&unmapped),
        "a NOT_GENERATED type is mapped"
    );
    let covered: BTreeSet<&str> = mapped_set.union(&unmapped).copied().collect();
    assert_eq!(
        covered.difference(&listed_set).collect::<Vec<_>>(),
        Vec::<&&str>::new(),
        "mapped types without vectors"
    );
    assert_eq!(
        listed_set.difference(&covered).collect::<Vec<_>>(),
        Vec::<&&str>::new(),
        "types with vectors but no Rust type: add them to conformance_support/types.rs"
    );
}

#[test]
fn vectors_match_the_protos_they_were_made_from() {
    let root = vectors::workspace_root();
    let index = index();
    for package in &index.packages {
        let source = root.join(&package.source);
        if tesseral_tests::skip_without_shared(&source) {
            continue;
        }
        assert!(
            !package.inputs.is_empty(),
            "{}: no inputs recorded",
            package.name
        );
        for (file, digest) in &package.inputs {
            let path = source.join(file);
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let actual: String = Sha256::digest(&bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            assert_eq!(
                &actual,
                digest,
                "{} changed since the vectors were made: rerun conformance/gen_vectors.py",
                path.display()
            );
        }
    }
}

/// Adds one file's section sizes to `into`.
fn add_counts(into: &mut Counts, counts: &Counts) {
    into.canonical += counts.canonical;
    into.unknown_enum_values += counts.unknown_enum_values;
    into.server_form += counts.server_form;
    into.lenient += counts.lenient;
    into.quirks += counts.quirks;
    into.rejected += counts.rejected;
    into.unknown_enum_names += counts.unknown_enum_names;
}

#[test]
fn vector_files_hold_what_the_index_counts() {
    let index = index();
    let mut all = Counts::default();
    for package in &index.packages {
        for entry in &package.types {
            let file = type_file(entry);
            assert_eq!(
                file.type_name, entry.type_name,
                "{}: wrong type",
                entry.file
            );
            assert_eq!(
                file.reference, index.reference,
                "{}: another reference",
                entry.file
            );
            add_counts(&mut all, &file.counts());
        }
    }
    assert_eq!(
        all, index.counts,
        "vectors in the files vs index.json counts"
    );
}

/// Runs every vector of one package, prints the counts, and fails on any
/// mismatch; returns the tally for further assertions.
fn run_package(name: &str) -> Tally {
    let index = index();
    let package = index
        .packages
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("index.json has no package {name:?}"));
    let mut tally = Tally::default();
    let mut expected = Counts::default();
    let mut skipped = Counts::default();
    for entry in &package.types {
        let file = type_file(entry);
        assert_eq!(
            file.type_name, entry.type_name,
            "{}: wrong type",
            entry.file
        );
        match mapped(&file.type_name) {
            Some(m) => {
                (m.check)(&file, &mut tally);
                add_counts(&mut expected, &file.counts());
            }
            None => {
                assert!(
                    NOT_GENERATED.iter().any(|(n, _)| *n == file.type_name),
                    "{}: no Rust type",
                    file.type_name
                );
                add_counts(&mut skipped, &file.counts());
            }
        }
    }

    let r = &index.reference;
    println!(
        "package {name}: {} message types, {} REST operations, {} enums, from {}",
        package.types.len(),
        package.rest_operations.len(),
        package.enums.len(),
        package.source
    );
    println!(
        "reference: protobuf {} ({}), grpcio-tools {}; seed {}, {} random messages per Tesseral type",
        r.protobuf, r.implementation, r.grpcio_tools, index.seed, index.random_per_type
    );
    println!("{}", tally.summary());
    for (type_name, why) in NOT_GENERATED {
        if type_name.starts_with(&format!("{}.", package_prefix(package))) {
            println!("not run: {type_name}: {why}");
        }
    }
    if skipped != Counts::default() {
        println!("not run (vectors of those types): {skipped:?}");
    }
    for mismatch in &tally.mismatches {
        println!("MISMATCH {mismatch}");
    }
    assert!(
        tally.mismatches.is_empty(),
        "{} mismatches (listed above)",
        tally.mismatches.len()
    );

    // Every record of every mapped type was counted in its section.
    let seen = Counts {
        canonical: tally.canonical.vectors,
        unknown_enum_values: tally.unknown_enum_values.vectors,
        server_form: tally.server_form,
        lenient: tally.lenient,
        quirks: tally.quirks_same + tally.quirks_verbatim + tally.quirks_refused,
        rejected: tally.rejected_refused.values().sum::<usize>()
            + tally.rejected_accepted_by_design,
        unknown_enum_names: tally.unknown_enum_names,
    };
    assert_eq!(seen, expected, "vectors checked vs vectors in the files");
    tally
}

/// The proto package of a package's types (`tesseral.backend.v1`).
fn package_prefix(package: &vectors::Package) -> &str {
    package
        .types
        .first()
        .and_then(|t| t.type_name.rsplit_once('.'))
        .map_or("", |(prefix, _)| prefix)
}

#[test]
fn tesseral_vectors_conform() {
    let tally = run_package("tesseral");
    // An empty or truncated data directory cannot pass.
    assert!(tally.total() > 5_000, "only {} vectors", tally.total());
    assert!(tally.canonical.vectors > 2_000);
    assert!(tally.server_form > 500 && tally.lenient > 1_000);
    assert!(tally.rejected_refused.values().sum::<usize>() > 1_000);
    assert!(tally.unknown_enum_values.vectors > 0 && tally.unknown_enum_names > 0);
}

#[test]
fn conformance_vectors_conform() {
    let tally = run_package("conformance");
    assert!(tally.total() > 2_000, "only {} vectors", tally.total());
    assert!(tally.canonical.vectors > 500);
    assert!(tally.quirks_same + tally.quirks_verbatim + tally.quirks_refused > 400);
    assert!(tally.rejected_refused.values().sum::<usize>() > 1_000);
    assert!(tally.unknown_enum_values.vectors > 0 && tally.unknown_enum_names > 0);
}

/// A change to a vector file.
type Tamper = Box<dyn Fn(&mut TypeFile)>;

/// The checks fail when the SDK's reading and a vector disagree: each
/// tampered copy of a real vector file gives exactly one mismatch.
#[test]
fn tampered_vectors_are_caught() {
    let index = index();
    let entry = index
        .packages
        .iter()
        .flat_map(|p| &p.types)
        .find(|t| t.type_name == "conformance.v1.Scalars")
        .expect("Scalars vectors");
    let m = mapped(&entry.type_name).expect("Scalars is mapped");
    let raw = |text: &str| serde_json::value::RawValue::from_string(text.to_owned()).unwrap();
    let tampers: Vec<(&str, Tamper)> = vec![
        (
            "an integer's text",
            Box::new(|f| {
                f.canonical[1].text =
                    f.canonical[1]
                        .text
                        .replacen("\"int32Value\":", "\"int32Value\":1", 1)
            }),
        ),
        (
            "a float's value",
            Box::new(move |f| {
                f.canonical[0] = vectors::Encoding {
                    name: "tampered".into(),
                    json: raw(r#"{"doubleValue":0.5}"#),
                    text: r#"{"doubleValue":0.5000000000000001}"#.into(),
                    float32: vec![],
                }
            }),
        ),
        (
            "member order",
            Box::new(move |f| {
                f.canonical[0] = vectors::Encoding {
                    name: "tampered".into(),
                    json: raw(r#"{"int64Value":"1","int32Value":1}"#),
                    text: r#"{"int64Value":"1","int32Value":1}"#.into(),
                    float32: vec![],
                }
            }),
        ),
        (
            "a lenient form's canonical value",
            Box::new(move |f| f.lenient[0].canonical = raw(r#"{"boolValue":true}"#)),
        ),
        (
            "a rejected input that decodes",
            Box::new(|f| f.rejected[0].input = r#"{"int32Value":1}"#.into()),
        ),
        (
            "an unknown enum name",
            Box::new(|f| {
                f.unknown_enum_names[0].input = r#"{"color":"COLOR_RED","noSuchField":1}"#.into()
            }),
        ),
        (
            "a quirk read another way",
            Box::new(move |f| {
                f.quirks[0].input = r#"{"int32Value":2}"#.into();
                f.quirks[0].canonical = raw(r#"{"int32Value":3}"#);
            }),
        ),
    ];
    for (what, tamper) in tampers {
        let mut file = type_file(entry);
        let mut clean = Tally::default();
        (m.check)(&file, &mut clean);
        assert!(clean.mismatches.is_empty(), "{:?}", clean.mismatches);
        tamper(&mut file);
        let mut tally = Tally::default();
        (m.check)(&file, &mut tally);
        assert_eq!(tally.mismatches.len(), 1, "{what}: {:#?}", tally.mismatches);
    }
}

/// Fuzz cases per response type, and per other type.
const RESPONSE_CASES: usize = 3_000;
const OTHER_CASES: usize = 500;
const FUZZ_SEED: u64 = 0x5eed_2024_0605;

#[test]
fn decoders_survive_bad_input() {
    let index = index();
    let files: BTreeMap<&str, &vectors::TypeRef> = index
        .packages
        .iter()
        .flat_map(|p| p.types.iter().map(|t| (t.type_name.as_str(), t)))
        .collect();
    // The response type of every Tesseral REST operation.
    let tesseral = index
        .packages
        .iter()
        .find(|p| p.name == "tesseral")
        .expect("index.json has no tesseral package");
    assert!(!tesseral.rest_operations.is_empty());
    let mut responses = BTreeSet::new();
    for operation in &tesseral.rest_operations {
        let (service, method) = operation.rsplit_once('.').expect("a qualified RPC name");
        let (package, _) = service.rsplit_once('.').expect("a qualified service name");
        let response = format!("{package}.{method}Response");
        assert!(
            mapped(&response).is_some(),
            "{operation}: no Rust type for {response}"
        );
        responses.insert(response);
    }
    assert_eq!(responses.len(), tesseral.rest_operations.len());

    let (mut cases, mut accepted, mut response_cases) = (0, 0, 0);
    let mut failures = Vec::new();
    for m in MAPPED {
        let entry = files
            .get(m.proto)
            .unwrap_or_else(|| panic!("{}: no vector file", m.proto));
        let file = type_file(entry);
        let n = if responses.contains(m.proto) {
            RESPONSE_CASES
        } else {
            OTHER_CASES
        };
        let count = (m.fuzz)(&file, FUZZ_SEED, n);
        if responses.contains(m.proto) {
            response_cases += count.cases;
        }
        cases += count.cases;
        accepted += count.accepted;
        failures.extend(count.failures);
    }
    println!(
        "fuzz: {cases} inputs over {} types ({response_cases} to the {} response types), {accepted} accepted, {} failures",
        MAPPED.len(),
        responses.len(),
        failures.len()
    );
    for failure in &failures {
        println!("FAILURE {failure}");
    }
    assert!(
        failures.is_empty(),
        "{} failures (listed above)",
        failures.len()
    );
    assert!(
        response_cases >= 100_000,
        "only {response_cases} response cases"
    );
    // Some mutations must get through, or the fuzzer only tests the parser.
    assert!(accepted * 20 > cases, "only {accepted} of {cases} accepted");
}

/// Every generated message type refuses a JSON array (serde's positional
/// form of a struct) at the top level, as a field, a list element and a
/// map value, saying that a JSON object was expected.
#[test]
fn every_message_type_refuses_arrays() {
    let index = index();
    let mut refused = 0;
    let mut failures = Vec::new();
    for package in &index.packages {
        for entry in &package.types {
            let Some(m) = mapped(&entry.type_name) else {
                continue;
            };
            match (m.refuses_arrays)(&type_file(entry)) {
                Ok(n) => refused += n,
                Err(e) => failures.push(format!("{}: {e}", m.rust)),
            }
        }
    }
    println!("arrays: {refused} refused over {} types", MAPPED.len());
    assert!(failures.is_empty(), "{failures:#?}");
    // `[]` in four places for every type, at least.
    assert!(refused >= 4 * MAPPED.len(), "only {refused} refused");
}

/// Sends, for every `body: "<field>"` operation, the request the reference
/// builds from each recorded body, and checks that the SDK sends that body:
/// none (and no Content-Type) when the field is unset, as grpc-gateway
/// leaves a field unset only for an empty body; `{}` for a present, empty
/// message; the same JSON for a full one.
#[tokio::test]
async fn body_fields_are_sent_as_the_reference_reads_them() {
    use wiremock::matchers::any;
    use wiremock::{Mock, MockServer, ResponseTemplate};

    let index = index();
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
        .mount(&server)
        .await;
    let mut seen = BTreeSet::new();
    let mut sent = 0;
    for package in &index.packages {
        let file: vectors::BodiesFile = vectors::read(&vectors::data_dir().join(&package.bodies))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(file.reference, index.reference, "{}", package.bodies);
        assert!(
            !file.operations.is_empty(),
            "{}: no operations",
            package.bodies
        );
        for op in &file.operations {
            assert!(
                package.rest_operations.contains(&op.operation),
                "{}: not a REST operation",
                op.operation
            );
            let entry = BODY_OPS
                .iter()
                .find(|e| e.proto == op.operation)
                .unwrap_or_else(|| {
                    panic!("{}: add it to conformance_support/bodies.rs", op.operation)
                });
            seen.insert(entry.proto);
            assert!(
                mapped(&op.request_type).is_some(),
                "{}: no Rust type for {}",
                op.operation,
                op.request_type
            );
            assert!(
                op.empty_text_error.is_some(),
                "{}: the reference parsed an empty text",
                op.operation
            );
            let names: Vec<&str> = op.cases.iter().map(|c| c.name.as_str()).collect();
            assert_eq!(names, ["unset", "empty", "full"], "{}", op.operation);
            for case in &op.cases {
                let what = format!("{} ({})", op.operation, case.name);
                // The vectors' own claim: only an empty body leaves the field unset.
                assert_eq!(case.body_field_present, !case.body.is_empty(), "{what}");
                let before = server.received_requests().await.unwrap().len();
                (entry.send)(server.uri(), case.request.get().to_owned())
                    .await
                    .unwrap_or_else(|e| panic!("{what}: {e}"));
                let requests = server.received_requests().await.unwrap();
                assert_eq!(requests.len(), before + 1, "{what}: one request");
                let request = &requests[before];
                assert_eq!(request.method.as_str(), op.method, "{what}");
                assert!(
                    fills(&op.path, request.url.path()),
                    "{what}: {} does not fill {}",
                    request.url.path(),
                    op.path
                );
                let content_type = request
                    .headers
                    .get("content-type")
                    .map(|v| v.to_str().unwrap().to_owned());
                if case.body.is_empty() {
                    assert!(
                        request.body.is_empty(),
                        "{what}: sent {:?} where the field is unset",
                        String::from_utf8_lossy(&request.body)
                    );
                    assert_eq!(content_type, None, "{what}: a Content-Type without a body");
                } else {
                    assert_eq!(content_type.as_deref(), Some("application/json"), "{what}");
                    let ours: serde_json::Value = serde_json::from_slice(&request.body)
                        .unwrap_or_else(|e| panic!("{what}: the body is not JSON: {e}"));
                    let reference: serde_json::Value = serde_json::from_str(&case.body).unwrap();
                    let prefix = format!("/{}", op.body_field);
                    let float32: Float32 = case
                        .float32
                        .iter()
                        .filter_map(|p| p.strip_prefix(&prefix).map(str::to_owned))
                        .collect();
                    same_value(&ours, &reference, &float32)
                        .unwrap_or_else(|e| panic!("{what}: {e}"));
                }
                sent += 1;
            }
        }
    }
    let table: BTreeSet<&str> = BODY_OPS.iter().map(|e| e.proto).collect();
    assert_eq!(table, seen, "operations in bodies.rs without vectors");
    println!("bodies: {sent} requests over {} operations", seen.len());
}

/// Whether `path` fills the path template: the same literal segments, a
/// non-empty segment for each `{variable}`.
fn fills(template: &str, path: &str) -> bool {
    let (t, p): (Vec<&str>, Vec<&str>) = (template.split('/').collect(), path.split('/').collect());
    t.len() == p.len()
        && t.iter().zip(&p).all(|(t, p)| {
            if t.starts_with('{') && t.ends_with('}') {
                !p.is_empty()
            } else {
                t == p
            }
        })
}
