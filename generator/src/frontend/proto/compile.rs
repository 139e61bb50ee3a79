//! Finding the `.proto` files under a root and compiling them with protox.

use std::fs;
use std::path::{Path, PathBuf};

use protox::Compiler;
use protox::file::{
    ChainFileResolver, File, FileResolver, GoogleFileResolver, IncludeFileResolver,
};
use protox::prost_reflect::DescriptorPool;

use crate::schema::{SourceFile, sha256_hex};
use crate::{Error, Result};

/// Our own definitions of the `google/api` and `google/rpc` files protos
/// commonly import (`google.api.http`, field behaviors, resources, client
/// options, routing, `HttpBody`, `google.rpc.Status`), written from their
/// published descriptions with the numbers every toolchain uses, so that a
/// proto root importing them compiles without a copy of googleapis.
macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/proto/", $name)))),*]
    };
}

/// The files of [`embedded!`], by import path.
pub(super) const EMBEDDED: &[(&str, &str)] = embedded![
    "google/api/annotations.proto",
    "google/api/client.proto",
    "google/api/field_behavior.proto",
    "google/api/http.proto",
    "google/api/httpbody.proto",
    "google/api/launch_stage.proto",
    "google/api/resource.proto",
    "google/api/routing.proto",
    "google/rpc/code.proto",
    "google/rpc/status.proto",
];

/// Every `.proto` file under `root` (recursively; symbolic links to
/// directories are not followed), with its path relative to `root` using `/`
/// separators and its content hash, sorted by path.
pub(super) fn find_protos(root: &Path) -> Result<Vec<SourceFile>> {
    let mut found = Vec::new();
    walk(root, "", &mut found)?;
    found.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(found)
}

fn walk(dir: &Path, rel: &str, out: &mut Vec<SourceFile>) -> Result<()> {
    let shown = |p: &Path| p.display().to_string();
    let entries =
        fs::read_dir(dir).map_err(|e| Error::new(shown(dir), format!("cannot list: {e}")))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::new(shown(dir), format!("cannot list: {e}")))?;
        let path = entry.path();
        let file_type = entry
            .file_type()
            .map_err(|e| Error::new(shown(&path), format!("cannot stat: {e}")))?;
        let lossy = entry.file_name().to_string_lossy().into_owned();
        let is_proto = lossy.ends_with(".proto");
        if !file_type.is_dir() && !is_proto {
            continue;
        }
        let Some(name) = entry.file_name().to_str().map(str::to_string) else {
            return Err(Error::new(shown(&path), "file name is not valid UTF-8"));
        };
        let child = if rel.is_empty() {
            name
        } else {
            format!("{rel}/{name}")
        };
        if file_type.is_dir() {
            walk(&path, &child, out)?;
        } else if fs::metadata(&path).is_ok_and(|m| m.is_file()) {
            let bytes = fs::read(&path)
                .map_err(|e| Error::new(shown(&path), format!("cannot read: {e}")))?;
            out.push(SourceFile {
                path: child,
                sha256: sha256_hex(&bytes),
            });
        }
    }
    Ok(())
}

/// Compiles `files` (paths relative to `root`), resolving imports from
/// `root`, then each of `include` in order, then our `google/api` protos,
/// then protox's well-known types.
pub(super) fn compile(
    root: &Path,
    include: &[PathBuf],
    files: &[SourceFile],
) -> Result<DescriptorPool> {
    let mut resolver = ChainFileResolver::new();
    resolver.add(IncludeFileResolver::new(root.to_path_buf()));
    for dir in include {
        if !dir.is_dir() {
            return Err(Error::new(
                dir.display().to_string(),
                "not a directory: an include path is a directory of .proto files",
            ));
        }
        resolver.add(IncludeFileResolver::new(dir.clone()));
    }
    resolver.add(EmbeddedResolver);
    resolver.add(GoogleFileResolver::new());
    let mut compiler = Compiler::with_file_resolver(resolver);
    compiler.include_source_info(true).include_imports(true);
    for file in files {
        compiler
            .open_file(root.join(&file.path))
            .map_err(compile_error)?;
    }
    Ok(compiler.descriptor_pool())
}

/// Serves [`EMBEDDED`].
struct EmbeddedResolver;

impl FileResolver for EmbeddedResolver {
    fn open_file(&self, name: &str) -> Result<File, protox::Error> {
        match EMBEDDED.iter().find(|(n, _)| *n == name) {
            Some((name, source)) => File::from_source(name, source),
            None => Err(protox::Error::file_not_found(name)),
        }
    }
}

/// A protox error as ours: protox's detailed form is `file:line:col: message`
/// (or `file: message`); that prefix becomes the location.
fn compile_error(err: protox::Error) -> Error {
    let message = err.to_string();
    let detailed = format!("{err:?}");
    let location = detailed
        .strip_suffix(&message)
        .map(|prefix| prefix.trim_end().trim_end_matches(':').to_string())
        .filter(|prefix| !prefix.is_empty())
        .or_else(|| err.file().map(str::to_string))
        .unwrap_or_default();
    Error::new(location, message)
}
