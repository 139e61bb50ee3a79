//! `--from`: importing one description, or protos cross-checked against an
//! OpenAPI file.

use std::path::{Path, PathBuf};

use codegen::crosscheck;
use codegen::frontend::{self, Imported};

/// Imports `from`; with `also` (the second `--from`), imports the protos
/// (authoritative) and cross-checks the OpenAPI file against them, printing
/// every difference. Returns what was imported and the path it came from.
pub fn import(
    from: &Path,
    also: Option<&Path>,
    strict: bool,
) -> Result<(Imported, PathBuf), String> {
    let Some(second) = also else {
        return Ok((
            frontend::import(from).map_err(|e| e.to_string())?,
            from.to_path_buf(),
        ));
    };
    let (protos, openapi) = match (from.is_dir(), second.is_dir()) {
        (true, false) => (from, second),
        (false, true) => (second, from),
        _ => {
            return Err(
                "two `--from` must be one proto root directory and one OpenAPI file".into(),
            );
        }
    };
    let authoritative = frontend::import(protos).map_err(|e| e.to_string())?;
    let checked = frontend::import(openapi).map_err(|e| e.to_string())?;
    for w in &checked.warnings {
        eprintln!("warning: {}: {w}", openapi.display());
    }
    let differences = crosscheck::compare(&authoritative.api, &checked.api);
    for d in &differences {
        println!("  {d}");
    }
    println!(
        "cross-check of {} against {}: {}",
        openapi.display(),
        protos.display(),
        crosscheck::summary(&differences)
    );
    if crosscheck::fails(&differences, strict) {
        return Err(format!(
            "cross-check failed (--strict): {}",
            crosscheck::summary(&differences)
        ));
    }
    Ok((authoritative, protos.to_path_buf()))
}
