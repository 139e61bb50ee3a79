//! What generated code declares about a command-line tool: its groups,
//! commands and arguments, as `static` data ([`App`]). The mechanism that
//! turns it into a `clap` command tree and runs it is the rest of this crate.

use crate::run::{Dispatched, Run};

/// A command-line tool over one API client `C`: `tool GROUP COMMAND [ARGS]`.
pub struct App<C: 'static> {
    /// The binary's name (`tesseral`).
    pub name: &'static str,
    /// One line about the tool.
    pub about: &'static str,
    /// What `--version` prints.
    pub version: &'static str,
    /// Prefix of the tool's own environment variables: `TESSERAL` reads the
    /// base URL from `TESSERAL_BASE_URL`.
    pub env_prefix: &'static str,
    /// The resource groups, each a subcommand.
    pub groups: &'static [Group<C>],
}

/// A resource group (`organizations`): a subcommand holding one command per
/// operation.
pub struct Group<C: 'static> {
    /// The subcommand's name (`organizations`, `api-keys`).
    pub name: &'static str,
    /// One line about it.
    pub about: &'static str,
    /// Its commands, one per operation of the group.
    pub commands: &'static [Command<C>],
}

/// One operation as a command (`organizations update ID --display-name X`).
pub struct Command<C: 'static> {
    /// The command's name within its group (`update`, `get-domains`).
    pub name: &'static str,
    /// The API operation it calls (`UpdateOrganization`), as errors name it.
    pub operation: &'static str,
    /// One line about it.
    pub about: &'static str,
    /// The operation's whole documentation and its HTTP method and path.
    pub long_about: &'static str,
    /// Positional arguments (the path parameters, in path order) and flags.
    pub args: &'static [Arg],
    /// A list operation: `--all` lists every item of every page.
    pub paginated: bool,
    /// Sends the request: `|r| r.call(Client::update_organization)`, or
    /// `r.list(..)` for a list operation.
    pub run: fn(Run<C>) -> Dispatched,
}

/// One argument: a field of the request message, set from the command line.
pub struct Arg {
    /// A flag's long name (`log-in-with-google`, `organization.id`), or a
    /// positional argument's value name (`ID`).
    pub name: &'static str,
    /// Where the value goes: JSON member names from the request message
    /// down to the field (`["organization", "logInWithGoogle"]`).
    pub path: &'static [&'static str],
    /// How each value is written.
    pub kind: Kind,
    /// One value, a list or a map.
    pub shape: Shape,
    /// A path parameter, given as a positional argument (always required).
    pub positional: bool,
    /// The field's documentation (one paragraph).
    pub help: &'static str,
    /// The oneof the field is a member of (a name unique in the command):
    /// members of one oneof exclude each other.
    pub oneof: Option<&'static str>,
}

/// How the values of a field are written on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Any text.
    String,
    /// `true` or `false` (a bare flag means `true`).
    Bool,
    /// A signed 32-bit integer.
    Int32,
    /// A signed 64-bit integer.
    Int64,
    /// An unsigned 32-bit integer.
    Uint32,
    /// An unsigned 64-bit integer.
    Uint64,
    /// A number, `NaN`, `Infinity` or `-Infinity`.
    Float,
    /// A number, `NaN`, `Infinity` or `-Infinity`.
    Double,
    /// Base64 (standard or URL-safe, padded or not).
    Bytes,
    /// RFC 3339 (`2025-07-01T12:00:00Z`).
    Timestamp,
    /// Seconds with an `s` suffix (`1.5s`).
    Duration,
    /// Comma-separated field paths in lowerCamelCase (`displayName,id`).
    FieldMask,
    /// One of the enum's value names (listed), or a value number.
    Enum(&'static [&'static str]),
    /// A JSON value (a message, a struct, any value): `'{"a": 1}'`.
    Json,
}

/// Whether a field holds one value, a list or a map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// One value.
    Single,
    /// A repeated field: the flag is repeated, once per element.
    List,
    /// A map: the flag is repeated, once per `KEY=VALUE` entry.
    Map,
}
