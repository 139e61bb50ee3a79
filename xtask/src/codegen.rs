//! The `codegen` command: (import ->) schema/ -> generated-sdk/src/generated/.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use codegen::backend::{self, OutputFile};
use codegen::crosscheck;
use codegen::frontend::{self, Imported};
use codegen::ir::TypeDef;
use codegen::schema::Schema;

use crate::{elapsed_ms, workspace_root};

/// Where generated files go inside the SDK crate.
const GENERATED_DIR: &str = "src/generated";

#[derive(Debug, Default)]
pub struct Options {
    pub check: bool,
    pub from: Option<PathBuf>,
    /// A second `--from`: the protos and an OpenAPI file, cross-checked.
    pub also_from: Option<PathBuf>,
    /// Cross-check differences fail the run.
    pub strict: bool,
    pub upstream_commit: Option<String>,
    pub schema_dir: Option<PathBuf>,
    pub out_dir: Option<PathBuf>,
}

impl Options {
    pub fn parse(args: &[String]) -> Result<Options, String> {
        let mut opts = Options::default();
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let mut value = |name: &str| {
                it.next()
                    .cloned()
                    .ok_or_else(|| format!("`{name}` needs a value"))
            };
            match arg.as_str() {
                "--check" => opts.check = true,
                "--from" => {
                    let path = value("--from")?.into();
                    match (&opts.from, &opts.also_from) {
                        (None, _) => opts.from = Some(path),
                        (Some(_), None) => opts.also_from = Some(path),
                        (Some(_), Some(_)) => {
                            return Err("`--from` may be given at most twice".into());
                        }
                    }
                }
                "--strict" => opts.strict = true,
                "--upstream-commit" => opts.upstream_commit = Some(value("--upstream-commit")?),
                "--schema" => opts.schema_dir = Some(value("--schema")?.into()),
                "--out" => opts.out_dir = Some(value("--out")?.into()),
                other => return Err(format!("unknown argument `{other}`")),
            }
        }
        if opts.strict && opts.also_from.is_none() {
            return Err("`--strict` needs two `--from`: a proto root and an OpenAPI file".into());
        }
        Ok(opts)
    }
}

/// Imports `--from`; given twice, imports the protos (authoritative) and
/// cross-checks the OpenAPI file against them, printing every difference.
fn import(opts: &Options, from: &Path) -> Result<(Imported, PathBuf), String> {
    let Some(second) = &opts.also_from else {
        return Ok((
            frontend::import(from).map_err(|e| e.to_string())?,
            from.to_path_buf(),
        ));
    };
    let (protos, openapi) = match (from.is_dir(), second.is_dir()) {
        (true, false) => (from, second.as_path()),
        (false, true) => (second.as_path(), from),
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
    if crosscheck::fails(&differences, opts.strict) {
        return Err(format!(
            "cross-check failed (--strict): {}",
            crosscheck::summary(&differences)
        ));
    }
    Ok((authoritative, protos.to_path_buf()))
}

/// One file the run owns, with what should be in it.
struct Planned {
    path: PathBuf,
    /// `None`: a stale file to remove.
    contents: Option<String>,
}

enum State {
    Unchanged,
    Changed,
    New,
    Stale,
}

pub fn run(opts: &Options) -> ExitCode {
    match plan_and_apply(opts) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("error: {msg}");
            ExitCode::FAILURE
        }
    }
}

fn plan_and_apply(opts: &Options) -> Result<ExitCode, String> {
    let start = Instant::now();
    let root = workspace_root();
    let schema_dir = opts
        .schema_dir
        .clone()
        .unwrap_or_else(|| root.join("schema"));
    let out_dir = opts
        .out_dir
        .clone()
        .unwrap_or_else(|| root.join("generated-sdk"));
    let mut planned = Vec::new();

    // 1. The description: imported now, or read from schema/.
    let schema = match &opts.from {
        Some(from) => {
            let (imported, from) = import(opts, from)?;
            for w in &imported.warnings {
                eprintln!("warning: {w}");
            }
            let mut source = imported.source;
            if let Some(commit) = &opts.upstream_commit {
                source.upstream_commit = Some(commit.clone());
            }
            let schema = Schema {
                api: imported.api,
                source,
            };
            for (name, text) in schema.render().map_err(|e| e.to_string())? {
                planned.push(Planned {
                    path: schema_dir.join(name),
                    contents: Some(text),
                });
            }
            println!(
                "imported {} ({} files{})",
                from.display(),
                schema.source.files.len(),
                match &schema.source.upstream_commit {
                    Some(c) => format!(", upstream commit {c}"),
                    None => String::new(),
                }
            );
            schema
        }
        None => Schema::read(&schema_dir).map_err(|e| e.to_string())?,
    };

    // 2. The SDK's generated files, all in memory before anything is written.
    let files = backend::rust::generate(&schema.api).map_err(|e| e.to_string())?;
    let generated_dir = out_dir.join(GENERATED_DIR);
    planned.extend(stale_files(&generated_dir, &files)?);
    planned.extend(
        files
            .into_iter()
            .map(|OutputFile { path, contents }| Planned {
                path: generated_dir.join(path),
                contents: Some(contents),
            }),
    );

    // 3. Compare with the disk.
    let states: Vec<State> = planned.iter().map(state_of).collect();
    let count = |f: fn(&State) -> bool| states.iter().filter(|s| f(s)).count();
    let unchanged = count(|s| matches!(s, State::Unchanged));
    let changed = count(|s| matches!(s, State::Changed | State::New));
    let stale = count(|s| matches!(s, State::Stale));

    let api = &schema.api;
    let enums = api
        .types
        .iter()
        .filter(|t| matches!(t, TypeDef::Enum(_)))
        .count();
    println!(
        "{}: {} operations, {} types ({} enums), {} groups",
        api.name,
        api.operations.len(),
        api.types.len(),
        enums,
        api.operations
            .iter()
            .map(|o| o.group.as_str())
            .collect::<BTreeSet<_>>()
            .len(),
    );

    if opts.check {
        for (p, s) in planned.iter().zip(&states) {
            let what = match s {
                State::Unchanged => continue,
                State::Changed => "differs",
                State::New => "missing",
                State::Stale => "stale (would be removed)",
            };
            println!("  {what}: {}", shown(&root, &p.path));
        }
        if changed + stale > 0 {
            eprintln!(
                "error: {} file(s) out of date; run `cargo xtask codegen` and commit the result",
                changed + stale
            );
            return Ok(ExitCode::FAILURE);
        }
        println!(
            "up to date: {unchanged} files checked in {}",
            elapsed_ms(start)
        );
        return Ok(ExitCode::SUCCESS);
    }

    // 4. Write: every file through a temporary sibling and a rename.
    for (p, s) in planned.iter().zip(&states) {
        match (s, &p.contents) {
            (State::Unchanged, _) => {}
            (State::Stale, _) => {
                std::fs::remove_file(&p.path)
                    .map_err(|e| format!("{}: cannot remove: {e}", p.path.display()))?;
                println!("  removed {}", shown(&root, &p.path));
            }
            (_, Some(text)) => {
                write_atomically(&p.path, text)?;
                println!("  wrote {}", shown(&root, &p.path));
            }
            (_, None) => {}
        }
    }
    println!(
        "{changed} written, {unchanged} unchanged, {stale} removed in {}",
        elapsed_ms(start)
    );
    Ok(ExitCode::SUCCESS)
}

/// `.rs` files in the generated directory that the back-end no longer writes.
fn stale_files(dir: &Path, files: &[OutputFile]) -> Result<Vec<Planned>, String> {
    let keep: BTreeSet<PathBuf> = files.iter().map(|f| dir.join(&f.path)).collect();
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

fn state_of(p: &Planned) -> State {
    match (&p.contents, std::fs::read(&p.path)) {
        (None, _) => State::Stale,
        (Some(want), Ok(have)) if have == want.as_bytes() => State::Unchanged,
        (Some(_), Ok(_)) => State::Changed,
        (Some(_), Err(_)) => State::New,
    }
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

/// `path` relative to the workspace root when it is inside it.
fn shown(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}
