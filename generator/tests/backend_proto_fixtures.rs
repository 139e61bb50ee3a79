//! The whole pipeline on our fixture protos (`tests/fixtures/proto/`, each
//! described in its README): proto import, then the Rust back-end, with a
//! snapshot of every generated file. The same fixtures are generated into
//! crates under `tests/sdks/proto-*` (see `codegen.toml`), which the
//! workspace build compiles and clippy checks.

use std::path::{Path, PathBuf};

use codegen::backend::rust::generate;
use codegen::frontend::proto;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/proto")
}

fn fixtures() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixtures_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn generated(name: &str) -> String {
    let imported = proto::import(&fixtures_dir().join(name)).unwrap_or_else(|e| panic!("{e}"));
    let files = generate(&imported.api).unwrap_or_else(|e| panic!("{name}: {e}"));
    files
        .iter()
        .map(|f| format!("==> {} <==\n{}", f.path, f.contents))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_fixture_proto_generates_the_reviewed_rust() {
    let names = fixtures();
    assert!(names.len() >= 7, "fixtures missing: {names:?}");
    for name in names {
        insta::assert_snapshot!(format!("proto_{name}"), generated(&name));
    }
}
