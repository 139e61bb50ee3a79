//! Bringing files on disk in line with what a run planned: compare, then
//! write through temporary siblings and renames, removing stale files.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::shown;

/// One file a run owns, with what should be in it.
pub struct Planned {
    pub path: PathBuf,
    /// `None`: a stale file to remove.
    pub contents: Option<String>,
}

/// How a planned file compares with the disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Unchanged,
    Changed,
    New,
    Stale,
}

impl Planned {
    pub fn new(path: PathBuf, contents: String) -> Planned {
        Planned {
            path,
            contents: Some(contents),
        }
    }

    pub fn state(&self) -> State {
        match (&self.contents, std::fs::read(&self.path)) {
            (None, _) => State::Stale,
            (Some(want), Ok(have)) if have == want.as_bytes() => State::Unchanged,
            (Some(_), Ok(_)) => State::Changed,
            (Some(_), Err(_)) => State::New,
        }
    }
}

/// `.rs` files under `dir` that are not in `keep`: generated files the
/// back-end no longer writes.
pub fn stale_files(dir: &Path, keep: &BTreeSet<PathBuf>) -> Result<Vec<Planned>, String> {
    let mut stale = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = match std::fs::read_dir(&d) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(format!("{}: cannot list: {e}", d.display())),
        };
        for entry in entries {
            let path = entry
                .map_err(|e| format!("{}: cannot list: {e}", d.display()))?
                .path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") && !keep.contains(&path) {
                stale.push(Planned {
                    path,
                    contents: None,
                });
            }
        }
    }
    stale.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(stale)
}

/// Applies `planned` (with their precomputed `states`) to the disk.
pub fn apply(planned: &[Planned], states: &[State], quiet: bool) -> Result<(), String> {
    for (p, s) in planned.iter().zip(states) {
        match (s, &p.contents) {
            (State::Unchanged, _) => {}
            (State::Stale, _) => {
                std::fs::remove_file(&p.path)
                    .map_err(|e| format!("{}: cannot remove: {e}", p.path.display()))?;
                if !quiet {
                    println!("  removed {}", shown(&p.path));
                }
            }
            (_, Some(text)) => {
                write_atomically(&p.path, text)?;
                if !quiet {
                    println!("  wrote {}", shown(&p.path));
                }
            }
            (_, None) => {}
        }
    }
    Ok(())
}

fn write_atomically(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("{}: cannot create: {e}", dir.display()))?;
    }
    let tmp = path.with_extension("tmp~");
    std::fs::write(&tmp, text).map_err(|e| format!("{}: cannot write: {e}", tmp.display()))?;
    std::fs::rename(&tmp, path).map_err(|e| format!("{}: cannot write: {e}", path.display()))
}
