//! The runtime of command-line tools generated from an API's description:
//! generated code declares the tool as data (an [`App`]: its resource
//! groups, one command per operation, one argument per request field) and
//! calls [`main`]; this crate builds the `clap` command tree from it, reads
//! the request from the command line, sends it with the API's generated SDK
//! client and writes the response.
//!
//! * Arguments: path parameters are positional; every other request field
//!   is a flag (scalars, enums by value name, repeated fields as repeated
//!   flags, maps as `KEY=VALUE`, timestamps in RFC 3339, messages as JSON),
//!   with the fields of the request's message field flattened into flags of
//!   their own; `--body FILE|-` gives the whole request as protojson, which
//!   the other arguments then override. The request is read as the SDK's
//!   request type, so every value is checked as the SDK reads it and a
//!   member the type does not know is an error.
//! * Output: the response as canonical JSON (pretty on a terminal, compact
//!   when piped), or `--output jsonl|yaml|table`; list commands print one
//!   page, or with `--all` every item of every page as JSON Lines.
//! * Connection: the API key from the API's environment variables (see the
//!   SDK's `ClientConfig`), `--api-key-file` or `--api-key` (with a warning),
//!   `--base-url` (or `<PREFIX>_BASE_URL`), `--timeout`, `--max-retries`,
//!   `--dry-run`.
//! * Errors: one line on stderr, and an exit code per kind of failure
//!   ([`Exit`]).
//! * `completions SHELL` and `man [--dir DIR]`, from the same command tree.
//!
//! This crate names nothing of any particular API.
#![warn(missing_docs)]

mod app;
mod command;
mod connect;
mod failure;
mod ordered;
mod output;
mod request;
mod run;
mod values;

use std::cell::RefCell;
use std::ffi::OsString;
use std::io::{self, IsTerminal, Read, Write};
use std::process::ExitCode;
use std::rc::Rc;

use clap::ArgMatches;
use rest_sdk_runtime::ApiClient;

pub use app::{App, Arg, Command, Group, Kind, Shape};
pub use command::{RESERVED_FLAGS, RESERVED_SUBCOMMANDS};
pub use failure::{Exit, Failure};
pub use output::Format;
pub use run::{Dispatched, Run};

use connect::Connection;
use run::Settings;

/// Runs the tool with the process's arguments, environment and standard
/// streams, and exits as [`Exit`] says.
pub fn main<C: ApiClient + 'static>(app: &'static App<C>) -> ExitCode {
    let io = Io {
        stdin: Box::new(io::stdin()),
        stdout: Rc::new(RefCell::new(io::BufWriter::new(io::stdout()))),
        stderr: Rc::new(RefCell::new(io::stderr())),
        stdout_tty: io::stdout().is_terminal(),
        stderr_tty: io::stderr().is_terminal(),
        env: |name| std::env::var(name).ok(),
    };
    let exit = run(app, std::env::args_os().collect(), io);
    ExitCode::from(exit as u8)
}

/// An output stream, shared by the run and its caller.
type Stream = Rc<RefCell<dyn Write>>;

/// The process's side of a run.
struct Io {
    stdin: Box<dyn Read>,
    stdout: Stream,
    stderr: Stream,
    stdout_tty: bool,
    stderr_tty: bool,
    env: fn(&str) -> Option<String>,
}

fn run<C: ApiClient + 'static>(app: &'static App<C>, args: Vec<OsString>, mut io: Io) -> Exit {
    let matches = match command::root(app).try_get_matches_from(args) {
        Ok(matches) => matches,
        Err(error) => {
            // Help and version go to stdout and exit 0; errors exit 2.
            let out = if error.use_stderr() {
                &io.stderr
            } else {
                &io.stdout
            };
            let mut out = out.borrow_mut();
            let text = error.render().to_string();
            let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
            return if error.exit_code() == 0 {
                Exit::Success
            } else {
                Exit::Usage
            };
        }
    };
    match dispatch(app, &matches, &mut io) {
        Ok(()) => Exit::Success,
        Err(failure) => {
            let _ = io.stdout.borrow_mut().flush();
            let _ = writeln!(io.stderr.borrow_mut(), "error: {failure}");
            failure.exit
        }
    }
}

fn dispatch<C: ApiClient + 'static>(
    app: &'static App<C>,
    matches: &ArgMatches,
    io: &mut Io,
) -> Result<(), Failure> {
    let Some((name, sub)) = matches.subcommand() else {
        return Err(Failure::usage("no command given (see --help)"));
    };
    if name == command::COMPLETIONS {
        return completions(app, sub, io);
    }
    if name == command::MAN {
        return man(app, sub, io);
    }
    let group = app.groups.iter().find(|g| g.name == name);
    let found = group
        .zip(sub.subcommand())
        .and_then(|(group, (name, sub))| {
            let command = group.commands.iter().find(|c| c.name == name)?;
            Some((command, sub))
        });
    let Some((command, matches)) = found else {
        return Err(Failure::usage(format!(
            "no such command: {name} (see --help)"
        )));
    };

    let one = |id: &str| matches.try_get_one::<String>(id).ok().flatten().cloned();
    let connection = Connection {
        base_url: one(command::BASE_URL),
        api_key_file: one(command::API_KEY_FILE),
        api_key: one(command::API_KEY),
        timeout: matches
            .try_get_one(command::TIMEOUT)
            .ok()
            .flatten()
            .copied(),
        max_retries: matches
            .try_get_one(command::MAX_RETRIES)
            .ok()
            .flatten()
            .copied(),
        base_url_env: command::base_url_env(app),
    };
    if connection.api_key.is_some() {
        let warning = connect::api_key_warning(C::CONFIG.api_key_env());
        let _ = writeln!(io.stderr.borrow_mut(), "{warning}");
    }
    let settings = Settings {
        format: one(command::OUTPUT).as_deref().and_then(Format::from_name),
        pretty: io.stdout_tty,
        dry_run: matches.get_flag(command::DRY_RUN),
        all: matches.try_get_one::<bool>(command::ALL).ok().flatten() == Some(&true),
        progress: match one(command::PROGRESS).as_deref() {
            Some("always") => true,
            Some("never") => false,
            _ => io.stderr_tty,
        },
    };
    let request = request::json(command.args, matches, &mut io.stdin)?;
    let client = connect::client::<C>(&connection, &io.env)?;

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::other(format!("cannot start the async runtime: {e}")))?;
    let run = Run {
        command,
        client,
        request,
        settings,
        stdout: io.stdout.clone(),
        stderr: io.stderr.clone(),
        progress_shown: false,
    };
    runtime.block_on((command.run)(run))
}

fn completions<C: ApiClient>(
    app: &App<C>,
    matches: &ArgMatches,
    io: &mut Io,
) -> Result<(), Failure> {
    let shell = *matches
        .get_one::<clap_complete::Shell>("shell")
        .ok_or_else(|| Failure::usage("completions: which shell?"))?;
    let mut command = command::root(app);
    let mut out = io.stdout.borrow_mut();
    clap_complete::generate(shell, &mut command, app.name, &mut *out);
    out.flush()
        .map_err(|e| Failure::other(format!("cannot write the output: {e}")))
}

fn man<C: ApiClient>(app: &App<C>, matches: &ArgMatches, io: &mut Io) -> Result<(), Failure> {
    let command = command::root(app);
    match matches.get_one::<std::path::PathBuf>("dir") {
        Some(dir) => std::fs::create_dir_all(dir)
            .and_then(|()| clap_mangen::generate_to(command, dir))
            .map_err(|e| Failure::other(format!("man --dir {}: {e}", dir.display()))),
        None => {
            let mut out = io.stdout.borrow_mut();
            clap_mangen::Man::new(command)
                .render(&mut *out)
                .and_then(|()| out.flush())
                .map_err(|e| Failure::other(format!("cannot write the output: {e}")))
        }
    }
}
