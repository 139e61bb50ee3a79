//! Path variables with a pattern (`{name=shelves/*/books/*}`, `{path=**}`),
//! as `google.api.http` defines them: the value must match the pattern, and
//! it is sent with its `/` kept, each segment percent-encoded.

/// Why a value does not fit a pattern.
pub(crate) enum Mismatch {
    /// The pattern itself is malformed (`**` not last, an empty segment).
    BadPattern,
    /// The value does not match.
    Value,
}

/// The segments of `value`, checked against `pattern`: `*` is one non-empty
/// segment, `**` (last only) any number of them, anything else itself.
/// Segments `.` and `..` never match a wildcard (they would move the route).
pub(crate) fn check<'v>(pattern: &str, value: &'v str) -> Result<Vec<&'v str>, Mismatch> {
    let wanted: Vec<&str> = pattern.split('/').collect();
    let got: Vec<&str> = value.split('/').collect();
    let mut i = 0;
    for (n, w) in wanted.iter().enumerate() {
        match *w {
            "" => return Err(Mismatch::BadPattern),
            "**" => {
                if n + 1 != wanted.len() {
                    return Err(Mismatch::BadPattern);
                }
                if got[i..].iter().any(|s| !is_wild_segment(s)) {
                    return Err(Mismatch::Value);
                }
                i = got.len();
            }
            "*" => {
                if !got.get(i).is_some_and(|s| is_wild_segment(s)) {
                    return Err(Mismatch::Value);
                }
                i += 1;
            }
            literal => {
                if got.get(i) != Some(&literal) {
                    return Err(Mismatch::Value);
                }
                i += 1;
            }
        }
    }
    if i == got.len() {
        Ok(got)
    } else {
        Err(Mismatch::Value)
    }
}

/// A segment a wildcard may stand for.
fn is_wild_segment(segment: &str) -> bool {
    !segment.is_empty() && segment != "." && segment != ".."
}

#[cfg(test)]
mod tests {
    use super::{Mismatch, check};

    fn fits(pattern: &str, value: &str) -> bool {
        check(pattern, value).is_ok()
    }

    #[test]
    fn values_match_their_pattern_segment_by_segment() {
        assert!(fits("shelves/*/books/*", "shelves/1/books/2"));
        assert!(fits("*", "a b"));
        assert!(fits("files/**", "files/a/b/c"));
        assert!(fits("files/**", "files"));
        assert!(fits("**", "a/b"));
        for (p, v) in [
            ("shelves/*/books/*", "shelves/1/books"),
            ("shelves/*/books/*", "shelves/1/books/2/x"),
            ("shelves/*/books/*", "shelves//books/2"),
            ("shelves/*/books/*", "racks/1/books/2"),
            ("shelves/*", "shelves/.."),
            ("files/**", "files/a/../../admin"),
            ("*", "a/b"),
        ] {
            assert!(!fits(p, v), "{p} {v}");
        }
    }

    #[test]
    fn malformed_patterns_are_told_apart() {
        assert!(matches!(check("**/x", "a/x"), Err(Mismatch::BadPattern)));
        assert!(matches!(check("a//b", "a//b"), Err(Mismatch::BadPattern)));
    }
}
