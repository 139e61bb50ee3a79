//! Help, shell completions and the man pages, all from the one command tree
//! (building it whole, as completions and man pages do, also runs clap's
//! own consistency checks on every command in a debug build).

use crate::harness::Run;
use crate::input::scratch;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn help_documents_exit_codes_and_the_environment() {
    let help = Run::new(&["--help"]).run().await;
    let text = help.success("--help");
    for expected in [
        "Usage: tesseral [OPTIONS] <COMMAND>",
        "organizations",
        "user-invites",
        "completions",
        "TESSERAL_API_KEY, TESSERAL_BACKEND_API_KEY  the API key",
        "TESSERAL_BASE_URL",
        "Exit codes:",
        "2  usage error",
        "3  not found",
        "4  any other error answer from the API",
        "5  no answer: connection failure or timeout",
    ] {
        assert!(
            text.contains(expected),
            "--help must contain {expected:?}:\n{text}"
        );
    }
    let version = Run::new(&["--version"]).run().await;
    assert_eq!(
        version.success("--version"),
        format!("tesseral {}\n", env!("CARGO_PKG_VERSION"))
    );

    // A command's help: its doc, positional, flags with their values, the
    // exit codes.
    let update = Run::new(&["organizations", "update", "--help"]).run().await;
    let text = update.success("update --help");
    for expected in [
        "Update an Organization.",
        "Operation UpdateOrganization (PATCH /v1/organizations/{id}).",
        "Usage: tesseral organizations update [OPTIONS] <ID>",
        "--log-in-with-google[=<BOOL>]",
        "Whether the Organization supports \"Log in with Google\".",
        "--organization.id <VALUE>",
        "--body <FILE|->",
        "Global options:",
        "Exit codes:",
    ] {
        assert!(
            text.contains(expected),
            "update --help must contain {expected:?}:\n{text}"
        );
    }
    let list = Run::new(&["users", "list", "--help"]).run().await;
    let text = list.success("list --help");
    assert!(
        text.contains("--all") && text.contains("--page-token <VALUE>"),
        "{text}"
    );

    // No command: the help, as a usage error.
    let bare = Run::new::<&str>(&[]).run().await;
    assert_eq!(bare.code, 2);
    assert!(
        bare.stderr.contains("Usage: tesseral [OPTIONS] <COMMAND>"),
        "{}",
        bare.stderr
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn completions() {
    let dir = scratch("completions");
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let outcome = Run::new(&["completions", shell]).run().await;
        let script = outcome.success(shell);
        for word in [
            "organizations",
            "update",
            "log-in-with-google",
            "api-key-file",
        ] {
            assert!(script.contains(word), "{shell}: {word}");
        }
        std::fs::write(dir.join(shell), script).unwrap();
    }
    // The bash script is valid bash.
    let check = Run::new(&["-n", dir.join("bash").to_str().unwrap()])
        .run_program("bash")
        .await;
    check.success("bash -n");
    let bad = Run::new(&["completions", "tcsh"]).run().await;
    assert_eq!(bad.code, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn man_pages() {
    let page = Run::new(&["man"]).run().await;
    let roff = page.success("man");
    assert!(
        roff.starts_with(".ie \\n(.g .ds Aq \\(aq"),
        "{}",
        &roff[..80.min(roff.len())]
    );
    assert!(roff.contains(".TH tesseral 1"), "the title line");
    assert!(roff.contains("organizations"));

    let dir = scratch("man");
    let pages = dir.join("pages");
    Run::new(&["man", "--dir", pages.to_str().unwrap()])
        .run()
        .await
        .success("man --dir");
    for name in [
        "tesseral.1",
        "tesseral-organizations.1",
        "tesseral-organizations-update.1",
        "tesseral-users-list.1",
    ] {
        let text =
            std::fs::read_to_string(pages.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(text.contains(".TH"), "{name}");
    }
    let update = std::fs::read_to_string(pages.join("tesseral-organizations-update.1")).unwrap();
    assert!(
        update.contains("log\\-in\\-with\\-google"),
        "the flags are in the command's page"
    );
}
