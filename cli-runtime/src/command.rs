//! The `clap` command tree of an [`App`]: the global flags, a subcommand
//! per group and per operation, `completions` and `man`.

use clap::builder::{PossibleValuesParser, ValueParser};
use clap::{ArgAction, ArgGroup};
use rest_sdk_runtime::{ApiClient, Auth};

use crate::app::{App, Arg, Command, Group, Kind, Shape};
use crate::failure::Exit;
use crate::output::Format;
use crate::request::BODY;
use crate::values::{self, Parser};

/// Ids (and long names) of the global flags; generated flags never use them.
pub(crate) const BASE_URL: &str = "base-url";
pub(crate) const API_KEY_FILE: &str = "api-key-file";
pub(crate) const API_KEY: &str = "api-key";
pub(crate) const TIMEOUT: &str = "timeout";
pub(crate) const MAX_RETRIES: &str = "max-retries";
pub(crate) const DRY_RUN: &str = "dry-run";
pub(crate) const OUTPUT: &str = "output";
pub(crate) const PROGRESS: &str = "progress";
/// `--all` of list commands.
pub(crate) const ALL: &str = "all";

/// The subcommands every tool has besides its groups.
pub(crate) const COMPLETIONS: &str = "completions";
pub(crate) const MAN: &str = "man";

/// Every long flag a command may have besides its fields' (clap adds
/// `help` and `version`).
pub const RESERVED_FLAGS: &[&str] = &[
    BASE_URL,
    API_KEY_FILE,
    API_KEY,
    TIMEOUT,
    MAX_RETRIES,
    DRY_RUN,
    OUTPUT,
    PROGRESS,
    ALL,
    crate::request::BODY,
    "help",
    "version",
];

/// Every subcommand of the root besides the groups (clap adds `help`).
pub const RESERVED_SUBCOMMANDS: &[&str] = &[COMPLETIONS, MAN, "help"];

/// The variable the base URL is read from (`TESSERAL_BASE_URL`).
pub(crate) fn base_url_env<C>(app: &App<C>) -> String {
    format!("{}_BASE_URL", app.env_prefix)
}

/// The root command.
pub(crate) fn root<C: ApiClient>(app: &App<C>) -> clap::Command {
    let config = C::CONFIG;
    let base_url_env = base_url_env(app);
    let mut environment = Vec::new();
    if config.auth() == Auth::Bearer {
        environment.push(format!(
            "  {}  the API key (the first one set)",
            config.api_key_env().join(", ")
        ));
    }
    environment.push(format!("  {base_url_env}  the base URL, as --base-url"));
    let after_help = format!("Environment:\n{}\n\n{}", environment.join("\n"), Exit::HELP);

    let mut root = clap::Command::new(app.name)
        .about(app.about)
        .version(app.version)
        .subcommand_required(true)
        .arg_required_else_help(true)
        .after_help(after_help)
        .arg(global(BASE_URL)
            .value_name("URL")
            .env(base_url_env)
            .help(match config.default_base_url() {
                Some(url) => format!("Where the API is [default: {url}]"),
                None => "Where the API is".to_owned(),
            }))
        .arg(global(TIMEOUT)
            .value_name("DURATION")
            .value_parser(|s: &str| crate::connect::parse_timeout(s))
            .help("Time limit of each request, retries included (30s, 500ms, 2m; a bare number is seconds) [default: 60s per attempt]"))
        .arg(global(MAX_RETRIES)
            .value_name("N")
            .value_parser(clap::value_parser!(u32))
            .help("How many times a failed request may be retried, when that is safe [default: 2]"))
        .arg(global(DRY_RUN)
            .action(ArgAction::SetTrue)
            .help("Print the HTTP request instead of sending it (the API key redacted)"))
        .arg(global(OUTPUT)
            .short('o')
            .value_name("FORMAT")
            .value_parser(PossibleValuesParser::new(Format::NAMES))
            .help("json: the response (pretty on a terminal, compact when piped); jsonl: one item per line; yaml; table [default: json; jsonl with --all]"))
        .arg(global(PROGRESS)
            .value_name("WHEN")
            .value_parser(PossibleValuesParser::new(["auto", "always", "never"]))
            .help("A progress line on stderr while --all lists many pages [default: auto: when stderr is a terminal]"));
    if config.auth() == Auth::Bearer {
        root = root
            .arg(global(API_KEY_FILE)
                .value_name("FILE")
                .help("Read the API key from FILE (instead of the environment)"))
            .arg(global(API_KEY)
                .value_name("KEY")
                .hide_env_values(true)
                .help("The API key itself: other users can see it in the process list, so prefer the environment or --api-key-file"));
    }
    for group in app.groups {
        root = root.subcommand(group_command(group));
    }
    root.subcommand(
        clap::Command::new(COMPLETIONS)
            .about(format!(
                "Print the shell completion script (bash: `source <({} completions bash)`)",
                app.name
            ))
            .arg(
                clap::Arg::new("shell")
                    .required(true)
                    .value_parser(clap::value_parser!(clap_complete::Shell)),
            ),
    )
    .subcommand(
        clap::Command::new(MAN)
            .about("Print the manual page (roff), or write one page per command into a directory")
            .arg(
                clap::Arg::new("dir")
                    .long("dir")
                    .value_name("DIR")
                    .value_parser(clap::value_parser!(std::path::PathBuf))
                    .help("Write every page (tool.1, tool-group.1, tool-group-command.1) into DIR"),
            ),
    )
}

/// The heading of the global flags in every command's help.
const GLOBAL: &str = "Global options";

fn global(id: &'static str) -> clap::Arg {
    clap::Arg::new(id)
        .long(id)
        .global(true)
        .help_heading(GLOBAL)
}

fn group_command<C>(group: &Group<C>) -> clap::Command {
    let mut command = clap::Command::new(group.name)
        .about(group.about)
        .subcommand_required(true)
        .arg_required_else_help(true);
    for c in group.commands {
        command = command.subcommand(operation_command(c));
    }
    command
}

fn operation_command<C>(c: &Command<C>) -> clap::Command {
    let mut command = clap::Command::new(c.name)
        .about(c.about)
        .long_about(c.long_about)
        .after_long_help(Exit::HELP);
    let mut oneofs: Vec<(&str, Vec<&str>)> = Vec::new();
    for arg in c.args {
        command = command.arg(argument(arg));
        if let Some(oneof) = arg.oneof {
            match oneofs.iter_mut().find(|(name, _)| *name == oneof) {
                Some((_, members)) => members.push(arg.name),
                None => oneofs.push((oneof, vec![arg.name])),
            }
        }
    }
    for (name, members) in oneofs {
        command = command.group(
            ArgGroup::new(format!("oneof {name}"))
                .args(members)
                .multiple(false),
        );
    }
    if !c.args.is_empty() {
        command = command.arg(
            clap::Arg::new(BODY)
                .long(BODY)
                .value_name("FILE|-")
                .help("The request as protojson, from FILE or `-` (stdin); the other arguments override its members"),
        );
    }
    if c.paginated {
        command = command.arg(
            clap::Arg::new(ALL)
                .long(ALL)
                .action(ArgAction::SetTrue)
                .help("Every item of every page (from --page-token on), as JSON Lines unless --output says otherwise"),
        );
    }
    command
}

fn argument(a: &Arg) -> clap::Arg {
    let parser = Parser {
        kind: a.kind,
        shape: a.shape,
    };
    let mut arg = clap::Arg::new(a.name)
        .value_parser(ValueParser::new(parser))
        .action(match a.shape {
            Shape::Single => ArgAction::Set,
            Shape::List | Shape::Map => ArgAction::Append,
        });
    if !a.help.is_empty() {
        arg = arg.help(a.help);
    }
    if a.positional {
        return arg.required(true).value_name(a.name);
    }
    arg = arg
        .long(a.name)
        .value_name(values::value_name(a.kind, a.shape));
    if a.kind == Kind::Bool && a.shape == Shape::Single {
        // `--flag` is `--flag=true`; a separate word is never its value.
        arg = arg
            .num_args(0..=1)
            .require_equals(true)
            .default_missing_value("true");
    }
    arg
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A field may start with a digit (`2fa_enabled`): clap takes
    /// `--2fa-enabled` as that flag, and a bool flag's value only after `=`.
    #[test]
    fn a_flag_may_start_with_a_digit() {
        static ARG: Arg = Arg {
            name: "2fa-enabled",
            path: &["2faEnabled"],
            kind: Kind::Bool,
            shape: Shape::Single,
            positional: false,
            help: "",
            oneof: None,
        };
        let command = || clap::Command::new("t").arg(argument(&ARG));
        command().debug_assert();
        for (args, expected) in [
            (&["t", "--2fa-enabled"][..], true),
            (&["t", "--2fa-enabled=false"][..], false),
        ] {
            let matches = command().try_get_matches_from(args).unwrap();
            let parsed = matches.get_one::<values::Parsed>("2fa-enabled").unwrap();
            assert_eq!(parsed.value, serde_json::Value::Bool(expected), "{args:?}");
        }
        assert!(
            command()
                .try_get_matches_from(["t", "--2fa-enabled", "x"])
                .is_err()
        );
    }
}
