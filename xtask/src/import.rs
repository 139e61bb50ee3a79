//! `--from`: importing one description, or protos cross-checked against an
//! OpenAPI file.

use std::path::{Path, PathBuf};

use codegen::crosscheck;
use codegen::frontend::{self, ImportOptions, Imported};

/// Imports `from`; with `also` (the second `--from`), imports the protos
/// (authoritative) and cross-checks the OpenAPI file against them, printing
/// every difference. Returns what was imported and the path it came from.
pub fn import(
    from: &Path,
    also: Option<&Path>,
    strict: bool,
    options: &ImportOptions,
) -> Result<(Imported, PathBuf), String> {
    let Some(second) = also else {
        return Ok((read(from, options)?, from.to_path_buf()));
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
    let authoritative = read(protos, options)?;
    let checked = read(openapi, options)?;
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

/// One description through its front-end, with the upstream commit its
/// path names when the source records none.
fn read(path: &Path, options: &ImportOptions) -> Result<Imported, String> {
    let mut imported = frontend::import_with(path, options).map_err(|e| e.to_string())?;
    if imported.source.upstream_commit.is_none() {
        imported.source.upstream_commit = upstream_commit_from_path(path);
    }
    Ok(imported)
}

/// The date in a path component named like the upstream history
/// (`NN-YYYY-MM-DD-COMMIT`), if any.
pub fn date_from_path(path: &Path) -> Option<String> {
    path.components().rev().find_map(|c| {
        let s = c.as_os_str().to_str()?;
        let parts: Vec<&str> = s.split('-').collect();
        if parts.len() != 5 || upstream_commit_from_path(Path::new(s)).is_none() {
            return None;
        }
        let date = format!("{}-{}-{}", parts[1], parts[2], parts[3]);
        codegen::changes::changelog::check_date(&date)
            .ok()
            .map(|_| date)
    })
}

/// The commit in a path component named like `NN-YYYY-MM-DD-COMMIT` (the
/// layout of the upstream history in `../shared/tesseral/history/`), if any.
pub fn upstream_commit_from_path(path: &Path) -> Option<String> {
    path.components().rev().find_map(|c| {
        let s = c.as_os_str().to_str()?;
        let parts: Vec<&str> = s.split('-').collect();
        let ok = parts.len() == 5
            && parts[..4]
                .iter()
                .all(|p| p.chars().all(|c| c.is_ascii_digit()))
            && parts[4].len() >= 7
            && parts[4].chars().all(|c| c.is_ascii_hexdigit());
        ok.then(|| parts[4].to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_directories_name_their_commit() {
        let commit = |p: &str| upstream_commit_from_path(Path::new(p));
        assert_eq!(
            commit("../shared/tesseral/history/07-2025-03-14-a1b2c3d/proto").as_deref(),
            Some("a1b2c3d")
        );
        assert_eq!(commit("../shared/tesseral/latest/proto"), None);
        assert_eq!(commit("history/07-2025-03-14-nothex1/proto"), None);
        assert_eq!(commit("history/2025-03-14-a1b2c3d"), None);
    }

    #[test]
    fn history_directories_name_their_date() {
        assert_eq!(
            date_from_path(Path::new("/h/history/33-2025-02-26-30ae2712/proto")),
            Some("2025-02-26".to_string())
        );
        assert_eq!(date_from_path(Path::new("/h/latest/proto")), None);
        assert_eq!(
            date_from_path(Path::new("/h/history/33-2025-02-30-30ae2712")),
            None
        );
    }
}
