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

/// A scratch workspace holding a copy of the SDK, its schema, and a
/// `codegen.toml` naming only the SDK.
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
        std::fs::copy(
            ws.join("generated-sdk/Cargo.toml"),
            dir.join("generated-sdk/Cargo.toml"),
        )
        .unwrap();
        std::fs::write(
            dir.join("codegen.toml"),
            "[[target]]\nname = \"sdk\"\nschema = \"schema\"\nout = \"generated-sdk\"\ncrate = \"tesseral\"\n",
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

    let before = snapshot(&s.dir);
    let mut changed = s.check();
    changed.sort();
    let mut want = vec![
        s.generated("roles.rs"),
        s.generated("stale.rs"),
        s.generated("users.rs"),
    ];
    want.sort();
    assert_eq!(changed, want);
    assert_eq!(snapshot(&s.dir), before, "--check writes nothing");

    // Regenerating brings back exactly the checked-in files.
    let report = codegen::run(&s.options()).expect("codegen runs");
    assert_eq!(report.changed.len(), 3);
    assert!(s.check().is_empty());
    assert!(!s.generated("stale.rs").exists());
    let ws = workspace();
    for file in ["users.rs", "roles.rs"] {
        assert_eq!(
            std::fs::read(s.generated(file)).unwrap(),
            std::fs::read(ws.join("generated-sdk/src/generated").join(file)).unwrap(),
            "{file}"
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
    if !upstream.exists() {
        println!("skipping: ../shared not found ({})", upstream.display());
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

/// `--from SPEC --out DIR` outside the workspace scaffolds a standalone crate:
/// its own workspace, dependency versions written out, the SDK runtime
/// mounted from where it is (`cargo build` of such a crate is done by hand:
/// it needs its own target directory).
#[test]
fn out_of_workspace_scratch_crates_are_standalone() {
    let dir = std::env::temp_dir().join(format!("tesseral-scratch-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let spec = workspace().join("generator/tests/fixtures/openapi/refs.yaml");
    let opts = Options {
        from: Some(spec),
        out_dir: Some(dir.clone()),
        root: Some(workspace()),
        ..Options::default()
    };
    let report = codegen::run(&opts).expect("codegen runs");
    assert!(report.changed.len() > 3, "{:?}", report.changed);

    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("\n[workspace]"), "{manifest}");
    assert!(!manifest.contains("workspace = true"), "{manifest}");
    assert!(manifest.contains("[dependencies.reqwest]"), "{manifest}");
    assert!(manifest.contains("name = \"tesseral\""), "{manifest}");

    let lib = std::fs::read_to_string(dir.join("src/lib.rs")).unwrap();
    let mount = lib
        .lines()
        .find_map(|l| l.strip_prefix("#[path = \"")?.strip_suffix("\"]"))
        .expect("the runtime is mounted with #[path]");
    let runtime = dir.join("src").join(mount);
    assert!(
        runtime.exists(),
        "mounted runtime {} does not exist",
        runtime.display()
    );
    assert!(dir.join("schema/api.yaml").exists());
    assert!(dir.join("src/generated/mod.rs").exists());
    let _ = std::fs::remove_dir_all(&dir);
}
