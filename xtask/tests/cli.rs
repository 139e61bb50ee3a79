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
