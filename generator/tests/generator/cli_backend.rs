//! The CLI back-end: over every IR fixture and the real description, the
//! plan's names are distinct and never the runtime's own, generation is
//! deterministic and parses; over the Tesseral API, the command and flag
//! names the README and the issue use. The output itself is checked in as
//! `generated-cli/` and `tests/clis/ir-params-cli/`, which compile and run
//! in their own tests.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use codegen::backend::cli::plan::{ArgPlan, CliPlan, Kind, RESERVED_FLAGS, RESERVED_GROUPS, Shape};
use codegen::backend::cli::{Options, generate};
use codegen::backend::rust::{self, plan::Plan};
use codegen::ir::Api;

fn fixtures() -> Vec<(String, Api)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ir");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    let mut out: Vec<(String, Api)> = paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            let api =
                serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p.file_stem().unwrap().to_string_lossy().into_owned(), api)
        })
        .collect();
    out.push(("tesseral".to_owned(), tesseral()));
    out
}

fn tesseral() -> Api {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema");
    codegen::schema::Schema::read(&dir).unwrap().api
}

fn options() -> Options {
    Options {
        bin: "tool".to_owned(),
    }
}

#[test]
fn names_are_distinct_and_never_the_runtimes() {
    for (name, api) in fixtures() {
        let rust_plan =
            Plan::new(&api, &crate::sdk_options()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let plan = CliPlan::new(&rust_plan, &options()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut groups = BTreeSet::new();
        let mut operations = BTreeSet::new();
        for group in &plan.groups {
            assert!(
                groups.insert(&group.name),
                "{name}: group {} twice",
                group.name
            );
            assert!(
                !RESERVED_GROUPS.contains(&group.name.as_str()),
                "{name}: {}",
                group.name
            );
            let mut commands = BTreeSet::new();
            for command in &group.commands {
                let at = format!("{name}: {} {}", group.name, command.name);
                assert!(commands.insert(&command.name), "{at}: twice");
                assert_ne!(command.name, "help", "{at}");
                operations.insert(command.op.op.name.clone());
                let mut ids = BTreeSet::new();
                let mut paths = BTreeSet::new();
                for arg in &command.args {
                    assert!(ids.insert(&arg.name), "{at}: argument {} twice", arg.name);
                    assert!(
                        paths.insert(&arg.path),
                        "{at}: {:?} set by two arguments",
                        arg.path
                    );
                    assert!(!arg.path.is_empty(), "{at}: {}", arg.name);
                    if arg.positional {
                        assert!(
                            arg.name
                                .chars()
                                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'),
                            "{at}: positional {}",
                            arg.name
                        );
                    } else {
                        assert!(
                            !RESERVED_FLAGS.contains(&arg.name.as_str()),
                            "{at}: --{}",
                            arg.name
                        );
                        assert!(
                            // clap takes any `--NAME`; a field may start with a digit (`2fa_enabled`).
                            arg.name
                                .starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
                                && arg.name.chars().all(|c| c.is_ascii_lowercase()
                                    || c.is_ascii_digit()
                                    || "-.".contains(c)),
                            "{at}: --{}",
                            arg.name
                        );
                    }
                }
                // Positionals come first, in path order.
                let first_flag = command
                    .args
                    .iter()
                    .position(|a| !a.positional)
                    .unwrap_or(command.args.len());
                assert!(
                    command.args[first_flag..].iter().all(|a| !a.positional),
                    "{at}"
                );
            }
        }
        let all: BTreeSet<String> = api.operations.iter().map(|o| o.name.clone()).collect();
        assert_eq!(operations, all, "{name}: one command per operation");
    }
}

#[test]
fn generation_is_deterministic_and_parses() {
    for (name, api) in fixtures() {
        let rust_options = rust::Options {
            crate_name: "sdk".to_owned(),
            ..crate::sdk_options()
        };
        let first =
            generate(&api, &rust_options, &options()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut shuffled = api.clone();
        shuffled.operations.reverse();
        shuffled.types.reverse();
        assert_eq!(
            first,
            generate(&api, &rust_options, &options()).unwrap(),
            "{name}"
        );
        assert_eq!(
            first,
            generate(&shuffled, &rust_options, &options()).unwrap(),
            "{name} (shuffled)"
        );
        assert_eq!(first[0].path, "mod.rs");
        for f in &first {
            assert!(
                f.contents
                    .starts_with("// @generated by `cargo xtask codegen`"),
                "{name}/{}",
                f.path
            );
            syn::parse_file(&f.contents).unwrap_or_else(|e| panic!("{name}/{}: {e}", f.path));
        }
    }
}

fn tesseral_plan_args(group: &str, command: &str) -> Vec<ArgPlan> {
    let api = tesseral();
    let rust_plan = Plan::new(&api, &crate::sdk_options()).unwrap();
    let plan = CliPlan::new(
        &rust_plan,
        &Options {
            bin: "tesseral".to_owned(),
        },
    )
    .unwrap();
    let g = plan
        .groups
        .iter()
        .find(|g| g.name == group)
        .unwrap_or_else(|| panic!("no group {group}"));
    let c = g
        .commands
        .iter()
        .find(|c| c.name == command)
        .unwrap_or_else(|| panic!("no {group} {command}"));
    c.args.clone()
}

#[test]
fn tesseral_commands_and_flags() {
    let api = tesseral();
    let rust_plan = Plan::new(&api, &crate::sdk_options()).unwrap();
    let plan = CliPlan::new(
        &rust_plan,
        &Options {
            bin: "tesseral".to_owned(),
        },
    )
    .unwrap();
    assert_eq!(plan.env_prefix, "TESSERAL");
    let names = |group: &str| -> Vec<String> {
        plan.groups
            .iter()
            .find(|g| g.name == group)
            .unwrap()
            .commands
            .iter()
            .map(|c| c.name.clone())
            .collect()
    };
    assert_eq!(
        names("organizations"),
        [
            "create",
            "delete",
            "get",
            "get-domains",
            "get-google-hosted-domains",
            "get-microsoft-tenant-ids",
            "list",
            "update",
            "update-domains",
            "update-google-hosted-domains",
            "update-microsoft-tenant-ids"
        ]
    );
    assert_eq!(
        names("api-keys"),
        [
            "authenticate",
            "create",
            "delete",
            "get",
            "list",
            "revoke",
            "update"
        ]
    );
    assert_eq!(names("project"), ["get"]);
    let groups: Vec<&str> = plan.groups.iter().map(|g| g.name.as_str()).collect();
    assert!(
        groups.contains(&"scim-api-keys") && groups.contains(&"user-role-assignments"),
        "{groups:?}"
    );
    let about = |g: &str| {
        plan.groups
            .iter()
            .find(|x| x.name == g)
            .unwrap()
            .about
            .clone()
    };
    assert_eq!(about("scim-api-keys"), "Operations on SCIM API keys");

    // `organizations update ID --log-in-with-google=false`: the body's
    // fields are flags; its `id` is dotted beside the positional ID.
    let update = tesseral_plan_args("organizations", "update");
    assert_eq!(update[0].name, "ID");
    assert!(update[0].positional);
    assert_eq!(update[0].path, ["id"]);
    let flag = |args: &[ArgPlan], name: &str| args.iter().find(|a| a.name == name).cloned();
    let google = flag(&update, "log-in-with-google").unwrap();
    assert_eq!(
        (google.path.as_slice(), &google.kind, google.shape),
        (
            &["organization".to_owned(), "logInWithGoogle".to_owned()][..],
            &Kind::Bool,
            Shape::Single
        )
    );
    assert_eq!(
        flag(&update, "organization.id").unwrap().path,
        ["organization", "id"]
    );
    assert!(flag(&update, "id").is_none());

    // body "*" with one message field: flattened too.
    let create = tesseral_plan_args("api-keys", "create");
    assert_eq!(flag(&create, "expire-time").unwrap().kind, Kind::Timestamp);
    assert_eq!(
        flag(&create, "display-name").unwrap().path,
        ["apiKey", "displayName"]
    );
    // A query parameter beside the body's fields.
    let invite = tesseral_plan_args("user-invites", "create");
    assert_eq!(flag(&invite, "send-email").unwrap().path, ["sendEmail"]);
    assert_eq!(
        flag(&invite, "email").unwrap().path,
        ["userInvite", "email"]
    );
    let domains = tesseral_plan_args("organizations", "update-domains");
    assert_eq!(flag(&domains, "domains").unwrap().shape, Shape::List);
    assert_eq!(
        flag(&domains, "organization-domains.organization-id")
            .unwrap()
            .path,
        ["organizationDomains", "organizationId"]
    );
    let audit = tesseral_plan_args("audit-log-events", "create");
    assert_eq!(flag(&audit, "event-details").unwrap().kind, Kind::Json);
    let passkey = tesseral_plan_args("passkeys", "update");
    assert_eq!(flag(&passkey, "credential-id").unwrap().kind, Kind::Bytes);
}

/// The names the generator keeps clear are the runtime's own flags and
/// subcommands.
#[test]
fn reserved_names_match_the_runtime() {
    let mut generator: Vec<&str> = RESERVED_FLAGS.to_vec();
    generator.sort();
    let mut runtime: Vec<&str> = rest_cli_runtime::RESERVED_FLAGS.to_vec();
    runtime.sort();
    assert_eq!(generator, runtime);
    let mut generator: Vec<&str> = RESERVED_GROUPS.to_vec();
    generator.sort();
    let mut runtime: Vec<&str> = rest_cli_runtime::RESERVED_SUBCOMMANDS.to_vec();
    runtime.sort();
    assert_eq!(generator, runtime);
}
