//! How a command fails: one line on stderr and an exit code a script can
//! branch on ([`Exit`]).

use std::fmt;

use rest_sdk_runtime::{Error, ErrorKind};

/// The exit codes, as `--help` lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// 0: the command succeeded.
    Success = 0,
    /// 1: any other failure (a response that cannot be decoded, output that
    /// cannot be written).
    Other = 1,
    /// 2: the command line or its input is wrong (unknown flag, bad value,
    /// unreadable `--body`, no API key): nothing was sent.
    Usage = 2,
    /// 3: the API answered that the thing does not exist (HTTP 404 or
    /// `NOT_FOUND`).
    NotFound = 3,
    /// 4: the API answered with any other error status.
    Api = 4,
    /// 5: the request did not get an answer: connection, TLS or timeout.
    Transport = 5,
}

impl Exit {
    /// The `--help` section listing the codes.
    pub(crate) const HELP: &'static str = "\
Exit codes:
  0  success
  1  any other failure (a response that cannot be decoded, output that cannot be written)
  2  usage error: unknown flag, bad value, unreadable --body, no API key (nothing was sent)
  3  not found: the API answered HTTP 404 / NOT_FOUND
  4  any other error answer from the API
  5  no answer: connection failure or timeout";
}

/// A failed command: what to print and how to exit.
#[derive(Debug)]
pub struct Failure {
    pub(crate) exit: Exit,
    pub(crate) message: String,
}

impl Failure {
    /// A usage error (exit 2).
    pub(crate) fn usage(message: impl Into<String>) -> Self {
        Failure {
            exit: Exit::Usage,
            message: message.into(),
        }
    }

    /// Any other failure (exit 1).
    pub(crate) fn other(message: impl Into<String>) -> Self {
        Failure {
            exit: Exit::Other,
            message: message.into(),
        }
    }

    /// The exit code.
    pub fn exit(&self) -> Exit {
        self.exit
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        let exit = match error.kind() {
            ErrorKind::Config | ErrorKind::InvalidRequest => Exit::Usage,
            ErrorKind::Api if error.is_not_found() => Exit::NotFound,
            ErrorKind::Api => Exit::Api,
            ErrorKind::Transport | ErrorKind::Timeout => Exit::Transport,
            _ => Exit::Other,
        };
        // The runtime's message is one line naming the operation, the
        // status, the code, the stable message and the description; it
        // never holds the API key.
        Failure {
            exit,
            message: error.to_string(),
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
