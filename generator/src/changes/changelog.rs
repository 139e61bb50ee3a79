//! `CHANGELOG.md` entries: one per import that changed the SDK, newest
//! first, each dated and classified.

use std::fmt::Write as _;

use super::{Level, Report, Version, semver};

/// The top of a changelog, before the entries.
pub const HEADER: &str = "# Changelog\n\n\
Every version of the SDK, newest first. `cargo xtask codegen --from ...` writes an entry \
whenever an import changes the SDK's public Rust surface, classifies each change by what it \
does to code written against the previous version (breaking, additive, cosmetic) and bumps the \
crate version accordingly: in 0.x a breaking change bumps the minor version and any other \
change the patch; from 1.0 breaking, additive and cosmetic changes bump the major, minor and \
patch versions.\n";

/// What an entry is about.
pub struct Entry<'a> {
    /// The version it introduces.
    pub version: Version,
    /// `YYYY-MM-DD`.
    pub date: &'a str,
    /// The API's name.
    pub api: &'a str,
    /// Where it came from: `upstream commit e5535e2b`.
    pub source: &'a str,
    pub body: Body<'a>,
}

/// The first version, or the changes since the previous one.
pub enum Body<'a> {
    First {
        operations: usize,
        types: usize,
    },
    Changes {
        previous: Version,
        report: &'a Report,
    },
}

impl Entry<'_> {
    /// The entry as Markdown, ending with a newline.
    pub fn render(&self) -> String {
        let mut out = format!("## {} ({})\n\n", self.version, self.date);
        match &self.body {
            Body::First { operations, types } => {
                let _ = writeln!(
                    out,
                    "First version: `{}` from {}, {operations} operations and {types} types.",
                    self.api, self.source
                );
            }
            Body::Changes { previous, report } => {
                let verdict = match report.level() {
                    Some(level) => semver::verdict(level, Some(previous)),
                    None => format!(
                        "no change to the Rust API; the description changed only in details the \
                         report does not list (field numbers, declaration order): a patch release, \
                         {previous} -> {}",
                        self.version
                    ),
                };
                let _ = writeln!(
                    out,
                    "`{}` from {}: {}; {verdict}.",
                    self.api,
                    self.source,
                    report.counts()
                );
                for level in [Level::Breaking, Level::Additive, Level::Cosmetic] {
                    if report.count(level) > 0 {
                        let title = match level {
                            Level::Breaking => "Breaking",
                            Level::Additive => "Additive",
                            Level::Cosmetic => "Cosmetic",
                        };
                        let _ = write!(out, "\n### {title}\n\n{}", report.bullets(level));
                    }
                }
            }
        }
        out
    }
}

/// `changelog` (or a new one) with `entry` on top of the entries.
pub fn insert(changelog: Option<&str>, entry: &str) -> String {
    let text = match changelog {
        Some(t) if !t.trim().is_empty() => t.to_string(),
        _ => format!("{HEADER}\n"),
    };
    match find_entry(&text) {
        Some(at) => format!("{}{entry}\n{}", &text[..at], &text[at..]),
        None => {
            let mut out = text;
            if !out.ends_with("\n\n") {
                out.push('\n');
            }
            out.push_str(entry);
            out
        }
    }
}

/// Byte offset of the first entry heading (`## `).
fn find_entry(text: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with("## ") {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

/// The version and date of the newest entry.
pub fn newest(changelog: &str) -> Option<(Version, String)> {
    let at = find_entry(changelog)?;
    let line = changelog[at..].lines().next()?;
    let rest = line.strip_prefix("## ")?;
    let (version, date) = rest.split_once(" (")?;
    let date = date.strip_suffix(')')?;
    Some((version.parse().ok()?, date.to_string()))
}

/// Checks that `date` is a `YYYY-MM-DD` calendar date.
pub fn check_date(date: &str) -> Result<(), String> {
    let bad = || format!("`{date}` is not a YYYY-MM-DD date");
    let parts: Vec<&str> = date.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return Err(bad());
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return Err(bad());
    }
    let num = |s: &str| {
        s.parse::<u32>()
            .ok()
            .filter(|_| s.chars().all(|c| c.is_ascii_digit()))
    };
    let (Some(y), Some(m), Some(d)) = (num(y), num(m), num(d)) else {
        return Err(bad());
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(bad()),
    };
    if d == 0 || d > days {
        return Err(bad());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_go_on_top() {
        let first = insert(None, "## 0.1.0 (2025-01-01)\n\nFirst.\n");
        assert!(first.starts_with(HEADER));
        let second = insert(Some(&first), "## 0.2.0 (2025-02-01)\n\nSecond.\n");
        let at2 = second.find("## 0.2.0").unwrap();
        let at1 = second.find("## 0.1.0").unwrap();
        assert!(at2 < at1, "{second}");
        assert_eq!(
            newest(&second),
            Some((Version::new(0, 2, 0), "2025-02-01".to_string()))
        );
        assert_eq!(newest(HEADER), None);
    }

    #[test]
    fn an_entry_without_changes_is_a_patch_release() {
        let report = Report {
            old: "a".into(),
            new: "b".into(),
            changes: Vec::new(),
        };
        let entry = Entry {
            version: Version::new(0, 1, 1),
            date: "2025-01-01",
            api: "x.v1.X",
            source: "upstream commit abc1234",
            body: Body::Changes {
                previous: Version::new(0, 1, 0),
                report: &report,
            },
        }
        .render();
        assert_eq!(
            entry,
            "## 0.1.1 (2025-01-01)\n\n`x.v1.X` from upstream commit abc1234: 0 breaking, 0 additive, \
             0 cosmetic; no change to the Rust API; the description changed only in details the \
             report does not list (field numbers, declaration order): a patch release, 0.1.0 -> \
             0.1.1.\n"
        );
    }

    #[test]
    fn dates() {
        for ok in ["2025-07-15", "2024-02-29", "2000-02-29"] {
            assert_eq!(check_date(ok), Ok(()), "{ok}");
        }
        for bad in [
            "2025-7-15",
            "2025-13-01",
            "2025-02-29",
            "1900-02-29",
            "2025-04-31",
            "today",
            "2025-07-15x",
        ] {
            assert!(check_date(bad).is_err(), "{bad}");
        }
    }
}
