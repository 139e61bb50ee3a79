//! Lexical path helpers (no disk access beyond the current directory).

use std::path::{Component, Path, PathBuf};

/// `to` relative to the directory `from` when both are absolute or both
/// relative; `to` unchanged otherwise.
pub fn relative(from: &Path, to: &Path) -> PathBuf {
    let (Ok(from), Ok(to)) = (absolute(from), absolute(to)) else {
        return to.to_path_buf();
    };
    let f: Vec<Component> = from.components().collect();
    let t: Vec<Component> = to.components().collect();
    let common = f.iter().zip(&t).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return to;
    }
    let mut rel = PathBuf::new();
    for _ in common..f.len() {
        rel.push("..");
    }
    for c in &t[common..] {
        rel.push(c.as_os_str());
    }
    rel
}

/// An absolute, lexically normalized path (no `.`/`..`), without touching the disk.
pub fn absolute(p: &Path) -> std::io::Result<PathBuf> {
    let joined = std::path::absolute(p)?;
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        assert_eq!(
            relative(Path::new("/a/b/c/src"), Path::new("/a/x/src/rt/mod.rs")),
            PathBuf::from("../../../x/src/rt/mod.rs")
        );
        assert_eq!(
            relative(Path::new("/a/b/../c"), Path::new("/a/c/d.rs")),
            PathBuf::from("d.rs")
        );
    }
}
