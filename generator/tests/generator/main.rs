//! The generator's tests, one binary (one link instead of ten): each module
//! is one family, named for what it checks.

mod backend_errors;
mod backend_fixtures;
mod backend_real_api;
mod changes;
mod cli_backend;
mod history_changes;
mod openapi_crosscheck;
mod openapi_errors;
mod openapi_fixtures;
mod openapi_mutations;
mod openapi_tesseral;
mod proto_import;

use std::path::PathBuf;

/// `../shared/tesseral` beside the workspace root, if it is there. When it
/// is not, the caller skips, unless `TESSERAL_REQUIRE_SHARED=1` (set by CI):
/// then a missing `../shared` fails the test instead of passing it unseen.
pub fn shared() -> Option<PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/tesseral");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("TESSERAL_REQUIRE_SHARED").is_none_or(|v| v != "1"),
        "../shared not found ({}) and TESSERAL_REQUIRE_SHARED=1",
        dir.display()
    );
    println!("skipping: ../shared not found");
    None
}

/// The SDK's generation settings: the back-end's defaults with the
/// acronyms `codegen.toml` gives every target.
pub fn sdk_options() -> codegen::backend::rust::Options {
    #[derive(serde::Deserialize)]
    struct Settings {
        acronyms: Vec<String>,
    }
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../codegen.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let settings: Settings =
        toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    codegen::backend::rust::Options {
        acronyms: settings.acronyms,
        ..Default::default()
    }
}
