//! What changed in the SDK's public Rust surface between two descriptions,
//! and what that means for code written against the previous SDK.
//!
//! [`compare`] builds the [`Surface`](crate::backend::rust::Surface) the Rust
//! back-end would emit for each description and [`diff`]s them. Every
//! [`Change`] is classified by what happens to Rust code using the previous
//! SDK, not by what happens on the wire:
//!
//! * **breaking**: such code may stop compiling or mean something else (an
//!   item removed or renamed, a type or signature changed, `Default` changed);
//! * **additive**: it compiles and means the same, and new API is there (a
//!   field on a `#[non_exhaustive]` struct, a value of a `#[non_exhaustive]`
//!   enum, a method, a type; a deprecation, as semver counts it);
//! * **cosmetic**: the Rust API is the same; docs changed, or a wire detail
//!   the SDK takes care of (HTTP path, JSON names), or what the API says
//!   about a field (required, input-only, output-only), which binds old and
//!   new SDKs alike.
//!
//! So a new field is additive even when the API requires it: structs are
//! built with `new()` and `with_*` setters, never struct literals, so code
//! that does not set it still compiles, and the server asks for it from old
//! and new SDKs alike (the report says "required by the API").
//!
//! [`semver`] turns the worst level into a version bump, [`changelog`]
//! writes it down, and [`probe`] writes code against a surface so that a
//! compiler can check the classification.

mod diff;

pub mod changelog;
pub mod probe;
pub mod semver;

use std::fmt::Write as _;

use serde::Serialize;

use crate::Result;
use crate::backend::rust::{Surface, surface};
use crate::ir::Api;
pub use diff::diff;
pub use semver::Version;

/// How a change affects code written against the previous SDK.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Cosmetic,
    Additive,
    Breaking,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Cosmetic => "cosmetic",
            Level::Additive => "additive",
            Level::Breaking => "breaking",
        }
    }
}

/// What kind of change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Added,
    Removed,
    Renamed,
    /// A struct became an enum, or the like.
    KindChanged,
    /// The Rust type of a field, variant or item changed.
    TypeChanged,
    /// Only the `Option` around a field's type came or went.
    PresenceChanged,
    /// A setter takes another type.
    SetterChanged,
    /// A method takes or returns another type.
    SignatureChanged,
    PaginationAdded,
    PaginationRemoved,
    PaginationChanged,
    DefaultChanged,
    NowRequired,
    NoLongerRequired,
    NowInputOnly,
    NoLongerInputOnly,
    NowOutputOnly,
    NoLongerOutputOnly,
    NowDeprecated,
    NoLongerDeprecated,
    /// Something the SDK sends or reads differently; Rust code is unaffected.
    Wire,
    Docs,
}

/// One change to one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub level: Level,
    /// The Rust item: `Client::get_user`, `User`, `User::email`,
    /// `PrimaryAuthFactor::Email`, `UserChoice::Text` (a oneof member).
    pub item: String,
    pub kind: Kind,
    /// One sentence for people.
    pub detail: String,
}

/// Every change between two descriptions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// What the two sides are, for people (a path, a version).
    pub old: String,
    pub new: String,
    /// Breaking first, then by item.
    pub changes: Vec<Change>,
}

/// The report between two descriptions, labelled `old_label` and
/// `new_label`, both generated with `options`.
pub fn compare(
    old: &Api,
    new: &Api,
    old_label: &str,
    new_label: &str,
    options: &crate::backend::rust::Options,
) -> Result<Report> {
    let before = surface(old, options).map_err(|e| in_side(e, old_label))?;
    let after = surface(new, options).map_err(|e| in_side(e, new_label))?;
    Ok(Report::new(&before, &after, old_label, new_label))
}

fn in_side(e: crate::Error, label: &str) -> crate::Error {
    let location = if e.location.is_empty() {
        label.to_string()
    } else {
        format!("{label}: {}", e.location)
    };
    crate::Error::new(location, e.message)
}

impl Report {
    /// The report between two surfaces.
    pub fn new(old: &Surface, new: &Surface, old_label: &str, new_label: &str) -> Report {
        Report {
            old: old_label.to_string(),
            new: new_label.to_string(),
            changes: diff(old, new),
        }
    }

    /// The worst change, `None` when nothing changed.
    pub fn level(&self) -> Option<Level> {
        self.changes.iter().map(|c| c.level).max()
    }

    pub fn count(&self, level: Level) -> usize {
        self.changes.iter().filter(|c| c.level == level).count()
    }

    /// `3 breaking, 2 additive, 1 cosmetic`.
    pub fn counts(&self) -> String {
        [Level::Breaking, Level::Additive, Level::Cosmetic]
            .iter()
            .map(|&l| format!("{} {}", self.count(l), l.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The changes of one level as Markdown bullets.
    pub fn bullets(&self, level: Level) -> String {
        let mut out = String::new();
        for c in self.changes.iter().filter(|c| c.level == level) {
            let _ = writeln!(out, "- `{}`: {}", c.item, c.detail);
        }
        out
    }

    /// The report for people. With `version` (the previous SDK's), the
    /// version the changes lead to.
    pub fn text(&self, version: Option<&Version>) -> String {
        let mut out = format!(
            "Changes to the Rust SDK's public surface, {} -> {}\n",
            self.old, self.new
        );
        match self.level() {
            None => out.push_str("No change: the generated Rust API is the same.\n"),
            Some(level) => {
                let _ = writeln!(
                    out,
                    "{}: {}.",
                    self.counts(),
                    semver::verdict(level, version)
                );
                for l in [Level::Breaking, Level::Additive, Level::Cosmetic] {
                    if self.count(l) > 0 {
                        let _ = write!(out, "\n{}:\n{}", capitalized(l.as_str()), self.bullets(l));
                    }
                }
            }
        }
        out
    }

    /// The report for tools, as JSON.
    pub fn json(&self, version: Option<&Version>) -> serde_json::Value {
        let level = self.level();
        serde_json::json!({
            "old": self.old,
            "new": self.new,
            "level": level,
            "counts": {
                "breaking": self.count(Level::Breaking),
                "additive": self.count(Level::Additive),
                "cosmetic": self.count(Level::Cosmetic),
            },
            "semver": {
                "rule": semver::RULE,
                "from": version.map(|v| v.to_string()),
                "to": match (version, level) {
                    (Some(v), Some(l)) => Some(v.bump(l).to_string()),
                    (Some(v), None) => Some(v.to_string()),
                    (None, _) => None,
                },
            },
            "changes": self.changes,
        })
    }
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
