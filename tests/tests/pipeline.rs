//! The generation pipeline end to end: `cargo xtask codegen` (run in-process
//! through the xtask library) on the real tree and on scratch copies of it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use xtask::codegen::{self, Options};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every file under `dir`, relative path -> contents.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    for (rel, bytes) in snapshot(from) {
        let dest = to.join(rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::write(dest, bytes).unwrap();
    }
}

/// The SDK's entry of the workspace's `codegen.toml` (the first one), with
/// its settings.
fn sdk_target() -> String {
    let text = std::fs::read_to_string(workspace().join("codegen.toml")).unwrap();
    let start = text.find("[[target]]").expect("a first target");
    let rest = &text[start..];
    let end = rest[1..].find("[[target]]").map_or(rest.len(), |i| i + 1);
    rest[..end].to_string()
}

/// A scratch workspace holding a copy of the SDK, its schema, and a
/// `codegen.toml` with the real one's settings naming only the SDK.
struct Scratch {
    dir: PathBuf,
}

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("tesseral-pipeline-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let ws = workspace();
        copy_dir(&ws.join("schema"), &dir.join("schema"));
        copy_dir(
            &ws.join("generated-sdk/src"),
            &dir.join("generated-sdk/src"),
        );
        for file in ["Cargo.toml", "CHANGELOG.md"] {
            std::fs::copy(
                ws.join("generated-sdk").join(file),
                dir.join("generated-sdk").join(file),
            )
            .unwrap();
        }
        // The SDK target's command-line tool.
        copy_dir(
            &ws.join("generated-cli/src"),
            &dir.join("generated-cli/src"),
        );
        std::fs::copy(
            ws.join("generated-cli/Cargo.toml"),
            dir.join("generated-cli/Cargo.toml"),
        )
        .unwrap();
        // The real file's settings (its acronyms), and only the SDK's target.
        let real = std::fs::read_to_string(ws.join("codegen.toml")).unwrap();
        let settings = &real[..real.find("[[target]]").unwrap()];
        std::fs::write(
            dir.join("codegen.toml"),
            format!("{settings}{}", sdk_target()),
        )
        .unwrap();
        Scratch { dir }
    }

    fn options(&self) -> Options {
        Options {
            root: Some(self.dir.clone()),
            ..Options::default()
        }
    }

    fn check(&self) -> Vec<PathBuf> {
        let opts = Options {
            check: true,
            ..self.options()
        };
        codegen::run(&opts).expect("check runs").changed
    }

    fn generated(&self, file: &str) -> PathBuf {
        self.dir.join("generated-sdk/src/generated").join(file)
    }

    fn generated_cli(&self, file: &str) -> PathBuf {
        self.dir.join("generated-cli/src/generated").join(file)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[test]
fn the_checked_in_tree_is_up_to_date() {
    let opts = Options {
        check: true,
        root: Some(workspace()),
        ..Options::default()
    };
    let report = codegen::run(&opts).expect("check runs");
    assert!(
        report.changed.is_empty(),
        "stale generated files (run `cargo xtask codegen`): {:?}",
        report.changed
    );
    assert!(
        report.unchanged > 15,
        "checked only {} files",
        report.unchanged
    );
}

#[test]
fn check_lists_edited_missing_and_stale_files_and_regeneration_repairs_them() {
    let s = Scratch::new("check");
    assert_eq!(
        s.check(),
        Vec::<PathBuf>::new(),
        "a fresh copy is up to date"
    );

    // An edit, a deleted file and a file the generator no longer writes.
    let users = s.generated("users.rs");
    let mut text = std::fs::read_to_string(&users).unwrap();
    text.push_str("\n// a hand edit\n");
    std::fs::write(&users, text).unwrap();
    std::fs::remove_file(s.generated("roles.rs")).unwrap();
    std::fs::write(s.generated("stale.rs"), "// left over\n").unwrap();
    // The same in the command-line tool's generated files.
    let cli_users = s.generated_cli("users.rs");
    let mut text = std::fs::read_to_string(&cli_users).unwrap();
    text.push_str("\n// a hand edit\n");
    std::fs::write(&cli_users, text).unwrap();
    std::fs::remove_file(s.generated_cli("roles.rs")).unwrap();
    std::fs::write(s.generated_cli("stale.rs"), "// left over\n").unwrap();

    let before = snapshot(&s.dir);
    let mut changed = s.check();
    changed.sort();
    let mut want = vec![
        s.generated("roles.rs"),
        s.generated("stale.rs"),
        s.generated("users.rs"),
        s.generated_cli("roles.rs"),
        s.generated_cli("stale.rs"),
        s.generated_cli("users.rs"),
    ];
    want.sort();
    assert_eq!(changed, want);
    assert_eq!(snapshot(&s.dir), before, "--check writes nothing");

    // Regenerating brings back exactly the checked-in files.
    let report = codegen::run(&s.options()).expect("codegen runs");
    assert_eq!(report.changed.len(), 6);
    assert!(s.check().is_empty());
    assert!(!s.generated("stale.rs").exists());
    assert!(!s.generated_cli("stale.rs").exists());
    let ws = workspace();
    for file in ["users.rs", "roles.rs"] {
        assert_eq!(
            std::fs::read(s.generated(file)).unwrap(),
            std::fs::read(ws.join("generated-sdk/src/generated").join(file)).unwrap(),
            "{file}"
        );
        assert_eq!(
            std::fs::read(s.generated_cli(file)).unwrap(),
            std::fs::read(ws.join("generated-cli/src/generated").join(file)).unwrap(),
            "generated-cli: {file}"
        );
    }
}

#[test]
fn generation_is_deterministic() {
    let s = Scratch::new("determinism");
    let first = snapshot(&s.dir);
    for _ in 0..2 {
        codegen::run(&s.options()).expect("codegen runs");
        assert_eq!(snapshot(&s.dir), first);
    }
}

/// A bad `--from` fails with an error naming the place, and leaves both
/// `schema/` and the SDK exactly as they were.
#[test]
fn bad_proto_roots_fail_cleanly_and_write_nothing() {
    let s = Scratch::new("bad-input");
    let bad = workspace().join("generator/tests/fixtures/proto-bad");
    let cases: [(&str, &[&str]); 4] = [
        ("does-not-exist", &["does-not-exist"]),
        ("syntax-error", &[".proto", ":"]),
        ("unresolved-import", &["import", ".proto"]),
        ("unknown-path-field", &["idd"]),
    ];
    let before = snapshot(&s.dir);
    for (case, needles) in cases {
        let opts = Options {
            from: Some(bad.join(case)),
            ..s.options()
        };
        let err = match std::panic::catch_unwind(|| codegen::run(&opts)) {
            Ok(Ok(_)) => panic!("{case}: codegen accepted a bad proto root"),
            Ok(Err(e)) => e,
            Err(_) => panic!("{case}: codegen panicked"),
        };
        for needle in needles {
            assert!(
                err.contains(needle),
                "{case}: error `{err}` lacks `{needle}`"
            );
        }
        assert_eq!(snapshot(&s.dir), before, "{case}: files were written");
    }
    // A rule naming an unknown body field names the RPC and the field.
    let opts = Options {
        from: Some(bad.join("unknown-body-field")),
        ..s.options()
    };
    let err = codegen::run(&opts).unwrap_err();
    assert!(err.contains("usr"), "{err}");
    assert_eq!(snapshot(&s.dir), before);
}

/// `--from` with the real protos reproduces the checked-in `schema/` and SDK.
#[test]
fn importing_the_upstream_protos_reproduces_the_checked_in_tree() {
    let upstream = workspace().join("../shared/tesseral/latest/proto");
    if tesseral_tests::skip_without_shared(&upstream) {
        return;
    }
    let s = Scratch::new("reimport");
    let commit = codegen_source_commit();
    let opts = Options {
        from: Some(upstream),
        upstream_commit: commit,
        ..s.options()
    };
    let report = codegen::run(&opts).expect("import runs");
    // Only the recorded input path may differ (the scratch workspace sits
    // elsewhere); the description, the pins and the SDK are identical.
    let source_file = s.dir.join("schema/source.yaml");
    assert!(
        report.changed.iter().all(|p| *p == source_file),
        "re-import changed: {:?}",
        report.changed
    );
    let read = |dir: &Path| ::codegen::schema::Schema::read(dir).unwrap();
    let (mine, theirs) = (
        read(&s.dir.join("schema")),
        read(&workspace().join("schema")),
    );
    assert_eq!(mine.api, theirs.api);
    assert_eq!(mine.source.files, theirs.source.files);
    assert_eq!(mine.source.upstream_commit, theirs.source.upstream_commit);
}

/// The upstream commit recorded in the checked-in `schema/source.yaml`.
fn codegen_source_commit() -> Option<String> {
    let schema = ::codegen::schema::Schema::read(&workspace().join("schema")).unwrap();
    schema.source.upstream_commit
}

/// Every file under `dir` (paths relative to it) whose text mentions
/// `word`, case-insensitively.
fn files_mentioning(dir: &Path, word: &str) -> Vec<PathBuf> {
    let word = word.to_lowercase();
    snapshot(dir)
        .into_iter()
        .filter(|(_, bytes)| {
            String::from_utf8_lossy(bytes)
                .to_lowercase()
                .contains(&word)
        })
        .map(|(path, _)| path)
        .collect()
}

/// Runs `cargo args` in `dir` with the shared target directory `target`,
/// and returns its stderr; panics with it on failure.
fn cargo(dir: &Path, target: &Path, args: &[&str]) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = std::process::Command::new(cargo)
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        // No debug info: faster to build, and nothing here is debugged.
        .env("CARGO_PROFILE_DEV_DEBUG", "false")
        .env_remove("RUSTFLAGS")
        .env_remove("RUSTDOCFLAGS")
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        output.status.success(),
        "`cargo {}` failed in {}:\n{stderr}",
        args.join(" "),
        dir.display()
    );
    stderr
}

/// `--from SPEC --out DIR` outside the workspace writes a crate that stands
/// alone: for OpenAPI documents of several styles and a proto root, each
/// crate builds where it lies with `cargo build` (depending on the runtime
/// by `--runtime-path`), its quick start and method examples compile and
/// run as doctests, and nothing in it mentions the API this repository
/// exists for.
#[test]
fn standalone_crates_build_where_they_lie() {
    let fixtures = workspace().join("generator/tests/fixtures");
    let cases = [
        // An ordinary OpenAPI 3.0 document: a server, no security.
        ("pets", fixtures.join("openapi/pets.yaml")),
        // Server variables, a bearer scheme, path-level parameters.
        ("store", fixtures.join("openapi/operations.yaml")),
        // OpenAPI 3.1 in JSON, no server: the base URL must be given.
        ("samples", fixtures.join("openapi/types-3.1.json")),
        // A protojson server's document (gnostic protoc-gen-openapi).
        ("widgets", fixtures.join("openapi/gnostic.yaml")),
        // A proto root with google.api.http bindings.
        ("library", fixtures.join("proto/http")),
    ];
    let dir = std::env::temp_dir().join(format!("rest-sdk-standalone-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let runtime = workspace().join("runtime");
    let lock = std::fs::read(workspace().join("Cargo.lock")).unwrap();
    // One target directory for all of them, apart from the workspace's
    // (whose lock the running `cargo test` may hold).
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| workspace().join("target"), PathBuf::from)
        .join("standalone-crates");
    for (name, spec) in &cases {
        let out = dir.join(name);
        let opts = Options {
            from: Some(spec.clone()),
            out_dir: Some(out.clone()),
            runtime_path: Some(runtime.clone()),
            root: Some(workspace()),
            ..Options::default()
        };
        codegen::run(&opts).unwrap_or_else(|e| panic!("{name}: {e}"));

        let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
        assert!(manifest.contains("\n[workspace]"), "{manifest}");
        assert!(!manifest.contains("workspace = true"), "{manifest}");
        assert!(
            manifest.contains(&format!("name = \"{name}\"")),
            "{manifest}"
        );
        let runtime_dep = manifest
            .split("[dependencies.rest-sdk-runtime]")
            .nth(1)
            .unwrap_or_else(|| panic!("{name}: no runtime dependency:\n{manifest}"));
        assert!(runtime_dep.contains("version = \""), "{manifest}");
        assert!(runtime_dep.contains("path = \""), "{manifest}");
        // Only what the crate needs: the runtime and serde.
        for unwanted in [
            "reqwest",
            "tokio",
            "wiremock",
            "criterion",
            "proptest",
            "dev-dependencies",
        ] {
            assert!(
                !manifest.contains(unwanted),
                "{name}: {unwanted} in\n{manifest}"
            );
        }
        let lib = std::fs::read_to_string(out.join("src/lib.rs")).unwrap();
        assert!(
            !lib.contains("#[path"),
            "{name}: the runtime is mounted:\n{lib}"
        );
        assert!(lib.contains("# Quick start"), "{lib}");
        let readme = std::fs::read_to_string(out.join("README.md")).unwrap();
        assert!(readme.contains(&format!("use {name}::model::")), "{readme}");

        let mentions = files_mentioning(&out, "tesseral");
        assert!(
            mentions.is_empty(),
            "{name}: these mention Tesseral: {mentions:?}"
        );

        // Pinned to the versions the workspace was tested with, offline.
        std::fs::write(out.join("Cargo.lock"), &lock).unwrap();
        let build = cargo(&out, &target, &["build", "--quiet"]);
        assert!(
            !build.contains("warning"),
            "{name}: `cargo build` warns:\n{build}"
        );
        cargo(&out, &target, &["test", "--doc", "--quiet"]);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

// ------------------------------------------------------- change reports

fn fixture_proto(name: &str) -> PathBuf {
    workspace()
        .join("generator/tests/fixtures/proto")
        .join(name)
}

/// The checked-in CHANGELOG starts with the entry of the SDK's version, as
/// the import step writes it.
#[test]
fn the_changelog_starts_with_the_current_version() {
    use ::codegen::changes::changelog::{self, Body, Entry};
    let ws = workspace();
    let log = std::fs::read_to_string(ws.join("generated-sdk/CHANGELOG.md")).unwrap();
    assert!(
        log.starts_with(changelog::HEADER),
        "the header is the tool's"
    );
    let manifest = std::fs::read_to_string(ws.join("generated-sdk/Cargo.toml")).unwrap();
    let version = xtask::release::package_version(&manifest).unwrap();
    let (newest, date) = changelog::newest(&log).expect("an entry");
    assert_eq!(newest, version, "the newest entry is the crate's version");
    let schema = ::codegen::schema::Schema::read(&ws.join("schema")).unwrap();
    let first = Entry {
        version,
        date: &date,
        api: &schema.api.name,
        source: &xtask::release::label(&schema.source),
        body: Body::First {
            operations: schema.api.operations.len(),
            types: schema.api.types.len(),
        },
    }
    .render();
    assert!(log.contains(&first), "{first}");
}

/// An import that changes the API prints the report, writes a dated entry
/// on top of the CHANGELOG and bumps the version; `--check` only reports.
#[test]
fn an_import_that_changes_the_api_writes_a_changelog_entry_and_bumps_the_version() {
    let s = Scratch::new("changelog");
    let sdk = s.dir.join("generated-sdk");
    let manifest_before = std::fs::read_to_string(sdk.join("Cargo.toml")).unwrap();
    let log_before = std::fs::read_to_string(sdk.join("CHANGELOG.md")).unwrap();
    let import = |check: bool| Options {
        from: Some(fixture_proto("minimal")),
        date: Some("2025-08-01".into()),
        check,
        ..s.options()
    };

    let before = snapshot(&s.dir);
    let checked = codegen::run(&import(true)).expect("check runs");
    assert!(
        checked.changed.contains(&sdk.join("CHANGELOG.md")),
        "{:?}",
        checked.changed
    );
    assert!(checked.changed.contains(&sdk.join("Cargo.toml")));
    assert_eq!(snapshot(&s.dir), before, "--check writes nothing");

    let report = codegen::run(&import(false)).expect("import runs");
    let (target, changes) = &report.changes[0];
    assert_eq!(target, "sdk");
    assert_eq!(changes.level(), Some(::codegen::changes::Level::Breaking));
    assert!(
        changes
            .changes
            .iter()
            .any(|c| c.item == "Client::get_organization" && c.detail.starts_with("method removed")),
        "{}",
        changes.text(None)
    );
    assert!(
        changes
            .changes
            .iter()
            .any(|c| c.item == "Client::say_hello")
    );
    let v = |s: &str| s.parse::<::codegen::changes::Version>().unwrap();
    assert_eq!(report.version, Some((v("0.1.0"), v("0.2.0"))));

    let manifest = std::fs::read_to_string(sdk.join("Cargo.toml")).unwrap();
    assert_eq!(
        manifest,
        manifest_before.replacen("version = \"0.1.0\"", "version = \"0.2.0\"", 1),
        "only the version changes"
    );
    let log = std::fs::read_to_string(sdk.join("CHANGELOG.md")).unwrap();
    let entry = log.find("## 0.2.0 (2025-08-01)").expect("the new entry");
    assert!(entry < log.find("## 0.1.0").unwrap(), "newest first");
    assert!(log.ends_with(log_before.split_once("## 0.1.0").unwrap().1));
    let breaking = log.find("### Breaking\n\n- `").expect("a breaking section");
    let additive = log
        .find("### Additive\n\n- `")
        .expect("an additive section");
    assert!(
        breaking < additive && additive < log.find("## 0.1.0").unwrap(),
        "{log}"
    );
    assert!(
        log.contains("\n- `Client::create_api_key`: method removed (was `POST /v1/api-keys`)\n"),
        "{log}"
    );
    assert!(
        log.contains("\n- `Client::say_hello`: method added: `GET /v1/greetings/{name}`"),
        "{log}"
    );
    assert!(log.contains("0.1.0 -> 0.2.0 (in 0.x a breaking change bumps the minor version)"));

    // Importing the same again changes nothing: no entry, no bump.
    let after = snapshot(&s.dir);
    let again = codegen::run(&import(false)).expect("re-import runs");
    assert!(again.changes.is_empty());
    assert_eq!(again.version, None);
    assert_eq!(snapshot(&s.dir), after);
}

/// Replaying two upstream versions into the SDK: the entry is dated from
/// the history path and the version follows the report.
#[test]
fn importing_an_upstream_version_dates_the_entry_from_its_path() {
    let history = workspace().join("../shared/tesseral/history/45-2025-07-01-11a6d146/proto");
    if tesseral_tests::skip_without_shared(&history) {
        return;
    }
    let s = Scratch::new("history-import");
    let opts = Options {
        from: Some(history),
        ..s.options()
    };
    let report = codegen::run(&opts).expect("import runs");
    let log = std::fs::read_to_string(s.dir.join("generated-sdk/CHANGELOG.md")).unwrap();
    // Going back from 46 to 45 makes three `Option<String>` fields `String` again.
    assert!(log.starts_with(::codegen::changes::changelog::HEADER));
    assert!(log.contains("## 0.2.0 (2025-07-01)"), "{log}");
    assert!(
        log.contains("- `Project::github_oauth_client_id`: presence changed: now `String` (was `Option<String>`)"),
        "{log}"
    );
    assert_eq!(
        report.changes[0]
            .1
            .count(::codegen::changes::Level::Breaking),
        4
    );
}

/// `--date` must be a date, and needs `--from`.
#[test]
fn dates_are_checked() {
    let parse =
        |args: &[&str]| Options::parse(&args.iter().map(|s| s.to_string()).collect::<Vec<_>>());
    assert!(
        parse(&["--from", "x", "--date", "2025-02-30"])
            .unwrap_err()
            .contains("2025-02-30")
    );
    assert!(
        parse(&["--date", "2025-02-03"])
            .unwrap_err()
            .contains("--from")
    );
    assert_eq!(
        parse(&["--from", "x", "--date", "2025-02-03"])
            .unwrap()
            .date
            .as_deref(),
        Some("2025-02-03")
    );
}

/// `cargo xtask diff` compares any two descriptions (a `schema/` directory,
/// a proto root, an OpenAPI file) and writes nothing.
#[test]
fn diff_compares_any_two_descriptions_without_touching_the_tree() {
    use xtask::diff;
    let ws = workspace();
    let before = snapshot(&ws.join("generated-sdk"));
    let run = |old: PathBuf, new: PathBuf, json: bool| {
        diff::run(
            &diff::Options {
                old,
                new,
                json,
                version: None,
            },
            &ws,
        )
    };
    // A schema directory against a proto root: the SDK's version gives the bump.
    let text = run(ws.join("schema"), fixture_proto("minimal"), false).unwrap();
    assert!(
        text.contains("- `Client::say_hello`: method added"),
        "{text}"
    );
    assert!(text.contains("0.1.0 -> 0.2.0"), "{text}");
    // A proto root against an OpenAPI file, as JSON.
    let json = run(
        fixture_proto("minimal"),
        ws.join("generator/tests/fixtures/openapi/gnostic.yaml"),
        true,
    )
    .unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["level"], "breaking");
    assert!(
        v["changes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["item"] == "Client::say_hello"
                && c["kind"] == "removed"
                && c["level"] == "breaking")
    );
    assert_eq!(v["semver"]["from"], "0.1.0");
    // The same description on both sides: no change.
    let same = run(ws.join("schema"), ws.join("schema"), false).unwrap();
    assert!(same.contains("No change"), "{same}");
    // A side that does not parse is named.
    let bad = workspace().join("generator/tests/fixtures/proto-bad/syntax-error");
    let e = run(ws.join("schema"), bad, false).unwrap_err();
    assert!(e.starts_with("new side:") && e.contains(".proto"), "{e}");
    assert_eq!(snapshot(&ws.join("generated-sdk")), before);
}

/// A scratch upstream history: one directory per version.
fn fake_history(name: &str, versions: &[(&str, &[(&str, &str)])]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "tesseral-fake-history-{name}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    for (version, files) in versions {
        for (path, text) in *files {
            let p = dir.join(version).join("proto").join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
    }
    dir
}

const V1: &str = r#"syntax = "proto3";
package fake.v1;
import "google/api/annotations.proto";
service Fake {
  rpc GetThing(GetThingRequest) returns (Thing) { option (google.api.http) = {get: "/v1/things/{id}"}; }
  rpc DeleteThing(GetThingRequest) returns (Thing) { option (google.api.http) = {delete: "/v1/things/{id}"}; }
}
message GetThingRequest { string id = 1; }
message Thing { string id = 1; string name = 2; }
"#;

/// `cargo xtask history --no-compile` on a small history: the reports of
/// consecutive versions and the changelog they add up to.
#[test]
fn the_history_replay_reports_each_consecutive_pair() {
    use xtask::history;
    let v2 = V1
        .replace("string name = 2;", "string title = 2; int64 size = 3;")
        .replace("  rpc DeleteThing(GetThingRequest) returns (Thing) { option (google.api.http) = {delete: \"/v1/things/{id}\"}; }\n", "");
    let v3 = v2.replace("int64 size = 3;", "int64 size = 3; bool shiny = 4;");
    let dir = fake_history(
        "ok",
        &[
            ("01-2025-01-01-aaaaaaa", &[("fake.proto", V1)]),
            ("02-2025-01-02-bbbbbbb", &[("fake.proto", &v2)]),
            ("03-2025-01-03-ccccccc", &[("fake.proto", &v3)]),
        ],
    );
    let work = dir.with_extension("work");
    let outcome = history::run(&history::Options {
        history: Some(dir.clone()),
        work: Some(work.clone()),
        no_compile: true,
        root: Some(workspace()),
        ..history::Options::default()
    })
    .expect("replay runs")
    .expect("a history to replay");
    assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
    let versions: Vec<String> = outcome
        .steps
        .iter()
        .map(|s| s.version.to_string())
        .collect();
    assert_eq!(versions, ["0.1.0", "0.2.0", "0.2.1"]);
    let report = std::fs::read_to_string(work.join("reports/01-02.txt")).unwrap();
    assert!(
        report.contains("- `Client::delete_thing`: method removed"),
        "{report}"
    );
    assert!(
        report.contains("- `Thing::name`: field renamed to `title` (same proto field number 2)"),
        "{report}"
    );
    assert!(
        report.contains("- `Thing::size`: field added: `i64`"),
        "{report}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(work.join("reports/02-03.json")).unwrap())
            .unwrap();
    assert_eq!(json["level"], "additive");
    let log = std::fs::read_to_string(work.join("CHANGELOG.md")).unwrap();
    let order: Vec<usize> = [
        "## 0.2.1 (2025-01-03)",
        "## 0.2.0 (2025-01-02)",
        "## 0.1.0 (2025-01-01)",
    ]
    .iter()
    .map(|h| log.find(h).unwrap_or_else(|| panic!("{h}: {log}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{log}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Bad versions stop the replay with an error naming the version and the place.
#[test]
fn bad_history_versions_are_named() {
    use xtask::history;
    let replay = |dir: &Path| {
        let result = std::panic::catch_unwind(|| {
            history::run(&history::Options {
                history: Some(dir.to_path_buf()),
                work: Some(dir.with_extension("work")),
                no_compile: true,
                root: Some(workspace()),
                ..history::Options::default()
            })
        });
        match result {
            Ok(Ok(_)) => panic!("{}: the replay accepted a bad history", dir.display()),
            Ok(Err(e)) => e,
            Err(_) => panic!("{}: the replay panicked", dir.display()),
        }
    };
    // A version that does not parse: the version, the file, the line.
    let broken = V1.replace("message Thing {", "message Thing {{");
    let dir = fake_history(
        "syntax",
        &[
            ("01-2025-01-01-aaaaaaa", &[("fake.proto", V1)]),
            ("02-2025-01-02-bbbbbbb", &[("fake.proto", &broken)]),
        ],
    );
    let e = replay(&dir);
    assert!(e.starts_with("02-2025-01-02-bbbbbbb: "), "{e}");
    assert!(e.contains("fake.proto:9:"), "{e}");
    let _ = std::fs::remove_dir_all(&dir);

    // A version whose description lost its operations (no HTTP rule left).
    let no_http = V1
        .replace(
            r#"{ option (google.api.http) = {get: "/v1/things/{id}"}; }"#,
            ";",
        )
        .replace(
            r#"{ option (google.api.http) = {delete: "/v1/things/{id}"}; }"#,
            ";",
        );
    let dir = fake_history(
        "no-ops",
        &[
            ("01-2025-01-01-aaaaaaa", &[("fake.proto", V1)]),
            ("02-2025-01-02-bbbbbbb", &[("fake.proto", &no_http)]),
        ],
    );
    let e = replay(&dir);
    assert!(e.starts_with("02-2025-01-02-bbbbbbb: "), "{e}");
    assert!(e.contains("google.api.http"), "{e}");
    let _ = std::fs::remove_dir_all(&dir);

    // A directory that is not a version.
    let dir = fake_history(
        "names",
        &[
            ("01-2025-01-01-aaaaaaa", &[("fake.proto", V1)]),
            ("latest", &[("fake.proto", V1)]),
        ],
    );
    let e = replay(&dir);
    assert!(
        e.contains("latest") && e.contains("NN-YYYY-MM-DD-COMMIT"),
        "{e}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
