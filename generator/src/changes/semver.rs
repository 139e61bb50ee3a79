//! The version bump a change level calls for, as Cargo reads versions.

use std::fmt;
use std::str::FromStr;

use super::Level;

/// The rule [`Version::bump`] implements.
pub const RULE: &str = "Cargo's semver: from 1.0.0 a breaking change bumps the major version, \
an additive one the minor and a cosmetic one the patch; in 0.y.z the minor is the breaking \
position, so a breaking change bumps the minor and any other change the patch; in 0.0.z every \
change bumps the patch (Cargo treats each 0.0.z as breaking)";

/// A `MAJOR.MINOR.PATCH` version (no pre-release or build part).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
}

impl Version {
    pub const fn new(major: u64, minor: u64, patch: u64) -> Version {
        Version {
            major,
            minor,
            patch,
        }
    }

    /// The next version after changes of `level`, under [`RULE`].
    pub fn bump(self, level: Level) -> Version {
        let Version {
            major,
            minor,
            patch,
        } = self;
        match (major, minor, level) {
            (0, 0, _) => Version::new(0, 0, patch + 1),
            (0, _, Level::Breaking) => Version::new(0, minor + 1, 0),
            (0, _, _) => Version::new(0, minor, patch + 1),
            (_, _, Level::Breaking) => Version::new(major + 1, 0, 0),
            (_, _, Level::Additive) => Version::new(major, minor + 1, 0),
            (_, _, Level::Cosmetic) => Version::new(major, minor, patch + 1),
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

impl FromStr for Version {
    type Err = String;

    fn from_str(s: &str) -> Result<Version, String> {
        let parts: Vec<&str> = s.trim().split('.').collect();
        let number = |p: &str| {
            (!p.is_empty()
                && p.chars().all(|c| c.is_ascii_digit())
                && (p == "0" || !p.starts_with('0')))
            .then(|| p.parse::<u64>().ok())
            .flatten()
        };
        match parts.as_slice() {
            [a, b, c] => match (number(a), number(b), number(c)) {
                (Some(major), Some(minor), Some(patch)) => Ok(Version::new(major, minor, patch)),
                _ => Err(format!("`{s}` is not a MAJOR.MINOR.PATCH version")),
            },
            _ => Err(format!("`{s}` is not a MAJOR.MINOR.PATCH version")),
        }
    }
}

/// `a breaking release: 0.1.0 -> 0.2.0 (in 0.x a breaking change bumps the minor version)`.
pub fn verdict(level: Level, version: Option<&Version>) -> String {
    let why = |v: &Version| match (v.major, v.minor, level) {
        (0, 0, _) => "in 0.0.x every change bumps the patch version",
        (0, _, Level::Breaking) => "in 0.x a breaking change bumps the minor version",
        (0, _, _) => "in 0.x only a breaking change bumps the minor version",
        (_, _, Level::Breaking) => "a breaking change bumps the major version",
        (_, _, Level::Additive) => "an additive change bumps the minor version",
        (_, _, Level::Cosmetic) => "a cosmetic change bumps the patch version",
    };
    let article = if level == Level::Additive { "an" } else { "a" };
    let release = format!("{article} {} release", level.as_str());
    match version {
        Some(v) => format!("{release}: {v} -> {} ({})", v.bump(level), why(v)),
        None => match level {
            Level::Breaking => format!("{release} (the next minor version in 0.x, major from 1.0)"),
            Level::Additive => format!("{release} (the next patch version in 0.x, minor from 1.0)"),
            Level::Cosmetic => format!("{release} (the next patch version)"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Version {
        s.parse().unwrap()
    }

    #[test]
    fn bumps() {
        let cases = [
            ("0.1.0", Level::Breaking, "0.2.0"),
            ("0.1.3", Level::Breaking, "0.2.0"),
            ("0.1.3", Level::Additive, "0.1.4"),
            ("0.1.3", Level::Cosmetic, "0.1.4"),
            ("0.0.3", Level::Breaking, "0.0.4"),
            ("0.0.3", Level::Cosmetic, "0.0.4"),
            ("1.2.3", Level::Breaking, "2.0.0"),
            ("1.2.3", Level::Additive, "1.3.0"),
            ("1.2.3", Level::Cosmetic, "1.2.4"),
        ];
        for (from, level, to) in cases {
            assert_eq!(v(from).bump(level), v(to), "{from} {level:?}");
        }
    }

    #[test]
    fn parses_only_plain_versions() {
        assert_eq!(v("10.0.7"), Version::new(10, 0, 7));
        for bad in [
            "",
            "1",
            "1.2",
            "1.2.3.4",
            "1.2.x",
            "01.2.3",
            "1.2.3-rc.1",
            "-1.2.3",
        ] {
            assert!(bad.parse::<Version>().is_err(), "{bad:?}");
        }
    }
}
