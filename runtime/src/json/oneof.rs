//! Reading a oneof: generated messages with oneofs are read through a
//! private struct holding each member as a field of its own (so that a bad
//! member value is an error, and `null` leaves a member unset), then
//! [`oneof`] picks the member that is set.

use std::fmt;

/// Two members of one oneof were both set in the JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OneofError {
    oneof: &'static str,
    first: &'static str,
    second: &'static str,
}

impl fmt::Display for OneofError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "oneof `{}` has two members set: `{}` and `{}`",
            self.oneof, self.first, self.second
        )
    }
}

impl std::error::Error for OneofError {}

/// The value of the oneof named `oneof` from its members as read (JSON
/// name, value if set), in declaration order: the one that is set, `None`
/// when none is, an error naming both when two are.
pub fn oneof<T, const N: usize>(
    oneof: &'static str,
    members: [(&'static str, Option<T>); N],
) -> Result<Option<T>, OneofError> {
    let mut set: Option<(&'static str, T)> = None;
    for (name, value) in members {
        let Some(value) = value else { continue };
        if let Some((first, _)) = set {
            return Err(OneofError {
                oneof,
                first,
                second: name,
            });
        }
        set = Some((name, value));
    }
    Ok(set.map(|(_, value)| value))
}

#[cfg(test)]
mod tests {
    use super::oneof;

    #[test]
    fn picks_the_one_member_that_is_set() {
        assert_eq!(oneof::<u8, 0>("choice", []), Ok(None));
        assert_eq!(oneof("choice", [("a", None::<u8>), ("b", None)]), Ok(None));
        assert_eq!(oneof("choice", [("a", None), ("b", Some(2))]), Ok(Some(2)));
        assert_eq!(oneof("choice", [("a", Some(1)), ("b", None)]), Ok(Some(1)));
    }

    #[test]
    fn two_members_are_an_error_naming_both() {
        let err = oneof("choice", [("a", Some(1)), ("b", None), ("c", Some(3))]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "oneof `choice` has two members set: `a` and `c`"
        );
    }
}
