//! The `codegen` command: (import ->) description -> `src/generated/` of
//! every target crate.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use codegen::backend::rust;
use codegen::frontend::ImportOptions;
use codegen::ir::{Api, TypeDef};
use codegen::schema::Schema;

use codegen::changes::{self, Version};

use crate::paths::absolute;
use crate::release::{self, Previous};
use crate::sync::{self, Planned, State};
use crate::targets::{self, Input, Target};
use crate::{elapsed_ms, import, paths, scaffold, shown, workspace_root};

/// Where generated files go inside a crate.
const GENERATED_DIR: &str = "src/generated";

/// The command-line tool whose `Cargo.toml` and `main.rs` are hand-written.
const HAND_WRITTEN_CLI: &str = "generated-cli";

#[derive(Debug, Default, Clone)]
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
    /// Date of the CHANGELOG entry an import writes (`YYYY-MM-DD`); default:
    /// the date in a history path (`NN-YYYY-MM-DD-COMMIT`), else today.
    pub date: Option<String>,
    /// Print only warnings (for callers that report themselves).
    pub quiet: bool,
    /// With `--out` outside the workspace: the runtime crate's directory,
    /// depended on by path (else by version).
    pub runtime_path: Option<PathBuf>,
    /// `--include DIR` (repeatable): where proto imports are also looked up.
    pub include: Vec<PathBuf>,
    /// `--skip-unsupported`: an OpenAPI operation the SDK cannot call is
    /// left out with a warning (and listed in the crate's docs).
    pub skip_unsupported: bool,
    /// `--help`: print the usage, do nothing else.
    pub help: bool,
    /// The workspace root (default: the one this binary was built in).
    pub root: Option<PathBuf>,
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
                "--date" => {
                    let date = value("--date")?;
                    changes::changelog::check_date(&date).map_err(|e| format!("--date: {e}"))?;
                    opts.date = Some(date);
                }
                "--runtime-path" => opts.runtime_path = Some(value("--runtime-path")?.into()),
                "--include" => opts.include.push(value("--include")?.into()),
                "--skip-unsupported" => opts.skip_unsupported = true,
                "--help" | "-h" => opts.help = true,
                other => return Err(format!("unknown argument `{other}`")),
            }
        }
        if opts.strict && opts.also_from.is_none() {
            return Err("`--strict` needs two `--from`: a proto root and an OpenAPI file".into());
        }
        if opts.schema_dir.is_some() && opts.out_dir.is_none() {
            return Err("`--schema` needs `--out`".into());
        }
        if opts.date.is_some() && opts.from.is_none() {
            return Err(
                "`--date` needs `--from`: it dates the CHANGELOG entry of an import".into(),
            );
        }
        if opts.runtime_path.is_some() && opts.out_dir.is_none() {
            return Err("`--runtime-path` needs `--out`".into());
        }
        if opts.skip_unsupported && opts.from.is_none() {
            return Err("`--skip-unsupported` needs `--from`: it applies to an import".into());
        }
        if !opts.include.is_empty() && opts.from.is_none() {
            return Err(
                "`--include` needs `--from`: it is where the protos' imports are found".into(),
            );
        }
        Ok(opts)
    }
}

/// What a run found and did.
#[derive(Debug, Default)]
pub struct Report {
    pub check: bool,
    /// Files that differ from what generation produces (in `--check`), or
    /// that were written or removed.
    pub changed: Vec<PathBuf>,
    pub unchanged: usize,
    /// What an import changed in the SDK's public Rust surface, by target.
    pub changes: Vec<(String, changes::Report)>,
    /// The SDK version an import moved from and to.
    pub version: Option<(Version, Version)>,
}

impl Report {
    pub fn exit_code(&self) -> ExitCode {
        if self.check && !self.changed.is_empty() {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        }
    }
}

/// A target with its description loaded and its files planned.
struct Job {
    target: Target,
    api: Api,
    planned: Vec<Planned>,
    changes: Option<changes::Report>,
    version: Option<(Version, Version)>,
}

pub fn run(opts: &Options) -> Result<Report, String> {
    let start = Instant::now();
    let root = opts.root.clone().unwrap_or_else(workspace_root);

    // 1. Plan every target completely before anything touches the disk, so a
    //    bad input leaves every crate as it was.
    let mut jobs = Vec::new();
    for (target, import_into) in selected_targets(opts, &root)? {
        jobs.push(plan(opts, &root, target, import_into)?);
    }

    // 2. Compare, report, and write unless checking.
    let mut report = Report {
        check: opts.check,
        ..Report::default()
    };
    for job in &mut jobs {
        if let Some(r) = job.changes.as_ref().filter(|_| !opts.quiet) {
            let version = job.version.as_ref().map(|(from, _)| from);
            println!("{}", r.text(version));
        }
        if let Some((from, to)) = job.version.as_ref().filter(|_| !opts.quiet) {
            if from != to {
                println!("{}: version {from} -> {to}", job.target.name);
            }
        }
        report.version = report.version.or(job.version.take());
        if let Some(r) = job.changes.take() {
            report.changes.push((job.target.name.clone(), r));
        }
        let states: Vec<State> = job.planned.iter().map(Planned::state).collect();
        let changed: Vec<&Planned> = job
            .planned
            .iter()
            .zip(&states)
            .filter(|(_, s)| **s != State::Unchanged)
            .map(|(p, _)| p)
            .collect();
        let unchanged = states.len() - changed.len();
        if !opts.quiet {
            println!(
                "{}: {} -> {}: {} files ({unchanged} unchanged)",
                job.target.name,
                summary(&job.api),
                shown(&job.target.out.join(GENERATED_DIR)),
                states.len(),
            );
        }
        if opts.check {
            for (p, s) in job.planned.iter().zip(&states) {
                let what = match s {
                    State::Unchanged => continue,
                    State::Changed => "differs",
                    State::New => "missing",
                    State::Stale => "stale (would be removed)",
                };
                println!("  {what}: {}", shown(&p.path));
            }
        } else {
            sync::apply(&job.planned, &states, opts.quiet)?;
        }
        report.unchanged += unchanged;
        report
            .changed
            .extend(changed.into_iter().map(|p| p.path.clone()));
    }

    if opts.check {
        if report.changed.is_empty() {
            println!(
                "up to date: {} files checked in {}",
                report.unchanged,
                elapsed_ms(start)
            );
        } else {
            eprintln!(
                "error: {} file(s) out of date; run `cargo xtask codegen` and commit the result",
                report.changed.len()
            );
        }
    } else if !opts.quiet {
        println!(
            "{} written or removed, {} unchanged in {}",
            report.changed.len(),
            report.unchanged,
            elapsed_ms(start)
        );
    }
    Ok(report)
}

/// The targets this run covers, each with the schema directory to import
/// `--from` into (if importing).
fn selected_targets(opts: &Options, root: &Path) -> Result<Vec<(Target, Option<PathBuf>)>, String> {
    if let Some(out) = &opts.out_dir {
        let schema = opts
            .schema_dir
            .clone()
            .unwrap_or_else(|| out.join("schema"));
        // A configured target keeps its name and library name.
        let known = targets::read(root)
            .unwrap_or_default()
            .into_iter()
            .find(|t| same_dir(&t.out, out));
        let target = match known {
            // Only the crate in `--out`: no command-line tool.
            Some(t) => Target {
                input: Input::Schema(schema.clone()),
                out: out.clone(),
                cli: None,
                ..t
            },
            None => Target {
                name: "custom".into(),
                input: Input::Schema(schema.clone()),
                out: out.clone(),
                crate_name: scaffold::package_name(out).replace('-', "_"),
                acronyms: targets::acronyms(root),
                settings: targets::Settings::default(),
                cli: None,
            },
        };
        return Ok(vec![(target, opts.from.is_some().then_some(schema))]);
    }
    let all = targets::read(root)?;
    if opts.from.is_some() {
        let first = all
            .into_iter()
            .next()
            .ok_or_else(|| format!("{}: no targets", targets::FILE))?;
        let Input::Schema(schema) = first.input.clone() else {
            return Err(format!(
                "{}: the first target (`{}`) must read a `schema` directory for --from to import into",
                targets::FILE,
                first.name
            ));
        };
        return Ok(vec![(first, Some(schema))]);
    }
    Ok(all.into_iter().map(|t| (t, None)).collect())
}

fn plan(
    opts: &Options,
    root: &Path,
    target: Target,
    import_into: Option<PathBuf>,
) -> Result<Job, String> {
    let mut planned = Vec::new();
    let sdk = root.join("generated-sdk");
    let mut changes = None;
    let mut version = None;
    let api = match (&import_into, &target.input) {
        (Some(schema_dir), _) => {
            let from = opts.from.as_deref().unwrap_or(schema_dir);
            let schema = imported_schema(opts, from)?;
            for (name, text) in schema.render().map_err(|e| e.to_string())? {
                planned.push(Planned::new(schema_dir.join(name), text));
            }
            let previous = release::previous(schema_dir);
            if let Previous::Unreadable(e) = &previous {
                eprintln!("warning: cannot compare with the previous description: {e}");
            }
            let options = rust::Options {
                acronyms: target.acronyms.clone(),
                ..rust::Options::default()
            };
            changes = release::report(&previous, &schema, &options)?;
            if same_dir(&target.out, &sdk) {
                let date = match &opts.date {
                    Some(d) => d.clone(),
                    None => crate::import::date_from_path(from).unwrap_or_else(release::today),
                };
                if let Some((files, from_version, to_version)) =
                    release::sdk_files(&target.out, &previous, changes.as_ref(), &schema, &date)?
                {
                    planned.extend(files);
                    version = Some((from_version, to_version));
                }
            }
            schema.api
        }
        (None, Input::Schema(dir)) => Schema::read(dir).map_err(|e| e.to_string())?.api,
        (None, Input::Ir(path)) => Schema::read_api(path).map_err(|e| e.to_string())?,
        (None, Input::From(path)) => {
            let imported = codegen::frontend::import_with(path, &target.import_options())
                .map_err(|e| format!("target `{}`: {e}", target.name))?;
            imported.api
        }
    };

    let settings = &target.settings;
    let options = rust::Options {
        crate_name: target.crate_name.clone(),
        acronyms: target.acronyms.clone(),
        title: settings.title.clone(),
        base_url: settings.base_url.clone(),
        auth: settings.auth,
        api_key_env: settings.api_key_env.clone(),
        user_agent: settings.user_agent.clone(),
        ..rust::Options::default()
    };
    let files = rust::generate_with(&api, &options)
        .map_err(|e| format!("target `{}`: {e}", target.name))?;
    let generated = target.out.join(GENERATED_DIR);
    let keep: BTreeSet<PathBuf> = files.iter().map(|f| generated.join(&f.path)).collect();
    planned.extend(sync::stale_files(&generated, &keep)?);
    planned.extend(
        files
            .into_iter()
            .map(|f| Planned::new(generated.join(f.path), f.contents)),
    );

    // The SDK's own Cargo.toml and lib.rs are hand-written; every other
    // crate gets them (and a README) from here.
    if !same_dir(&target.out, &sdk) {
        let package = scaffold::package_name(&target.out);
        let runtime_path = match &opts.runtime_path {
            Some(_) if scaffold::is_member(root, &target.out) => {
                return Err(format!(
                    "--runtime-path: {} is inside the workspace, whose crates depend on the \
                     runtime through [workspace.dependencies]",
                    shown(&target.out)
                ));
            }
            Some(p) => {
                Some(absolute(p).map_err(|e| format!("--runtime-path {}: {e}", p.display()))?)
            }
            None => None,
        };
        let title = rust::ClientSettings::new(&api, &options)
            .map_err(|e| format!("target `{}`: {e}", target.name))?
            .title;
        let (path, text) = scaffold::manifest(&scaffold::Crate {
            workspace: root,
            out: &target.out,
            package: &package,
            lib_name: &target.crate_name,
            description: &format!("A Rust client for the {title}."),
            runtime_path: runtime_path.as_deref(),
            dev_dependencies: &settings.dev_dependencies,
        })
        .map_err(|e| format!("target `{}`: {e}", target.name))?;
        planned.push(Planned::new(path, text));
        let files = rust::crate_root::files(&api, &options, &package)
            .map_err(|e| format!("target `{}`: {e}", target.name))?;
        for f in files {
            planned.push(Planned::new(target.out.join(f.path), f.contents));
        }
    }
    if let Some(cli) = &target.cli {
        planned.extend(plan_cli(root, &target, cli, &api, &options)?);
    }
    Ok(Job {
        target,
        api,
        planned,
        changes,
        version,
    })
}

/// The files of a target's command-line tool: its `src/generated/`, and
/// (unless it is the hand-written `generated-cli/`) its `Cargo.toml` and
/// `src/main.rs`.
fn plan_cli(
    root: &Path,
    target: &Target,
    cli: &targets::Cli,
    api: &Api,
    options: &rust::Options,
) -> Result<Vec<Planned>, String> {
    let at = |e: codegen::Error| format!("target `{}`, cli: {e}", target.name);
    let settings = codegen::backend::cli::Options {
        bin: cli.bin.clone(),
    };
    let files = codegen::backend::cli::generate(api, options, &settings).map_err(at)?;
    let generated = cli.out.join(GENERATED_DIR);
    let keep: BTreeSet<PathBuf> = files.iter().map(|f| generated.join(&f.path)).collect();
    let mut planned = sync::stale_files(&generated, &keep)?;
    planned.extend(
        files
            .into_iter()
            .map(|f| Planned::new(generated.join(f.path), f.contents)),
    );
    if !same_dir(&cli.out, &root.join(HAND_WRITTEN_CLI)) {
        let (path, text) = scaffold::cli_manifest(&scaffold::CliCrate {
            workspace: root,
            out: &cli.out,
            package: &scaffold::package_name(&cli.out),
            bin: &cli.bin,
            sdk_dir: &target.out,
            sdk_package: &scaffold::package_of(&target.out),
            dev_dependencies: &cli.dev_dependencies,
        })
        .map_err(|e| format!("target `{}`, cli: {e}", target.name))?;
        planned.push(Planned::new(path, text));
        let main = codegen::backend::cli::main_rs(&settings);
        planned.push(Planned::new(cli.out.join(main.path), main.contents));
    }
    Ok(planned)
}

fn imported_schema(opts: &Options, from: &Path) -> Result<Schema, String> {
    let options = ImportOptions {
        include: opts.include.clone(),
        skip_unsupported: opts.skip_unsupported,
    };
    let (imported, from) = import::import(from, opts.also_from.as_deref(), opts.strict, &options)?;
    for w in &imported.warnings {
        eprintln!("warning: {w}");
    }
    let mut source = imported.source;
    // Recorded relative to the workspace, whatever directory codegen ran from.
    let root = opts.root.clone().unwrap_or_else(workspace_root);
    source.path = paths::relative(&root, &from).display().to_string();
    if let Some(commit) = &opts.upstream_commit {
        source.upstream_commit = Some(commit.clone());
    }
    if !opts.quiet {
        println!(
            "imported {} ({} files{})",
            from.display(),
            source.files.len(),
            match &source.upstream_commit {
                Some(c) => format!(", upstream commit {c}"),
                None => String::new(),
            }
        );
    }
    Ok(Schema {
        api: imported.api,
        source,
    })
}

fn same_dir(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        // A directory not created yet: compare the paths lexically.
        _ => match (paths::absolute(a), paths::absolute(b)) {
            (Ok(a), Ok(b)) => a == b,
            _ => a == b,
        },
    }
}

/// One line about an API: its size.
fn summary(api: &Api) -> String {
    let enums = api
        .types
        .iter()
        .filter(|t| matches!(t, TypeDef::Enum(_)))
        .count();
    let groups = api
        .operations
        .iter()
        .map(|o| o.group.as_str())
        .collect::<BTreeSet<_>>()
        .len();
    format!(
        "{} ({} operations, {} types of which {} enums, {} groups)",
        api.name,
        api.operations.len(),
        api.types.len(),
        enums,
        groups
    )
}
