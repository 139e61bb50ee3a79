//! The command line as a user meets it: `--help` prints the usage and
//! succeeds; a bad argument prints it on stderr and fails.

use std::process::Command;

fn xtask(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .expect("xtask runs")
}

#[test]
fn help_prints_the_usage_and_exits_0() {
    for args in [&["codegen", "--help"][..], &["codegen", "-h"], &["--help"]] {
        let out = xtask(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.starts_with("usage: cargo xtask codegen"), "{stdout}");
        assert!(stdout.contains("--runtime-path"), "{stdout}");
        assert!(out.stderr.is_empty(), "{args:?}");
    }
}

#[test]
fn a_bad_argument_fails_with_the_usage() {
    let out = xtask(&["codegen", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("unknown argument `--no-such-flag`"),
        "{stderr}"
    );
    assert!(stderr.contains("usage: cargo xtask codegen"), "{stderr}");
    let out = xtask(&["codegen", "--runtime-path", "runtime"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`--runtime-path` needs `--out`"));
}

#[test]
fn include_directories_hold_the_dependencies_of_a_proto_root() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let protos = root.join("generator/tests/fixtures/proto/imports");
    let include = root.join("generator/tests/fixtures/proto-include");
    let out = std::env::temp_dir().join(format!("xtask-include-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let (protos, include, out_dir) = (
        protos.to_str().unwrap(),
        include.to_str().unwrap(),
        out.join("shop"),
    );
    let out_dir = out_dir.to_str().unwrap();

    let without = xtask(&["codegen", "--from", protos, "--out", out_dir]);
    assert_eq!(without.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&without.stderr);
    assert!(
        stderr.contains("import 'acme/common/v1/money.proto' not found"),
        "{stderr}"
    );

    let with = xtask(&[
        "codegen",
        "--from",
        protos,
        "--include",
        include,
        "--out",
        out_dir,
    ]);
    assert_eq!(
        with.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&with.stderr)
    );
    let generated = out.join("shop/src/generated");
    assert!(generated.join("products.rs").is_file());
    // The dependency's service (`/v1/currencies`) is not part of the API.
    assert!(!generated.join("currencies.rs").exists());
    let _ = std::fs::remove_dir_all(&out);

    let out = xtask(&["codegen", "--include", include]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`--include` needs `--from`"));
}

#[test]
fn skip_unsupported_leaves_out_what_the_sdk_cannot_call() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let doc = root.join("generator/tests/fixtures/openapi/skipped.yaml");
    let out = std::env::temp_dir().join(format!("xtask-skip-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let (doc, out_dir) = (doc.to_str().unwrap(), out.join("notes"));
    let out_dir = out_dir.to_str().unwrap();

    // By default the first one fails the run, located.
    let without = xtask(&["codegen", "--from", doc, "--out", out_dir]);
    assert_eq!(without.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&without.stderr);
    assert!(
        stderr.contains("skipped.yaml#/paths/~1notes/post/requestBody/content"),
        "{stderr}"
    );

    let with = xtask(&[
        "codegen",
        "--from",
        doc,
        "--skip-unsupported",
        "--out",
        out_dir,
    ]);
    let stderr = String::from_utf8_lossy(&with.stderr);
    assert_eq!(with.status.code(), Some(0), "{stderr}");
    // A warning each.
    assert_eq!(stderr.matches("is skipped").count(), 2, "{stderr}");
    let lib = std::fs::read_to_string(out.join("notes/src/lib.rs")).unwrap();
    assert!(lib.contains("# Operations not included"), "{lib}");
    let _ = std::fs::remove_dir_all(&out);

    let out = xtask(&["codegen", "--skip-unsupported"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`--skip-unsupported` needs `--from`"));
}
