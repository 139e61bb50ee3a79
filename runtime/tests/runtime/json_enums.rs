//! Open enums: names and numbers, known and unknown, as fields and alone.

use crate::rt;
use crate::support::{Color, Everything, Role, decode, encode};
use rt::enums::{OpenEnum, UnknownEnumValue};

fn role(text: &str) -> Result<Role, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

#[test]
fn known_values_by_name_and_number() {
    assert_eq!(role(r#""ROLE_ADMIN""#), Ok(Role::Admin));
    assert_eq!(role("1"), Ok(Role::Admin));
    assert_eq!(role("2.0"), Ok(Role::Member));
    assert_eq!(role("2e0"), Ok(Role::Member));
    assert_eq!(role("0"), Ok(Role::Unspecified));
    assert_eq!(
        serde_json::to_string(&Role::Member).unwrap(),
        r#""ROLE_MEMBER""#
    );
}

#[test]
fn unknown_names_round_trip() {
    let r = role(r#""ROLE_OWNER""#).unwrap();
    assert_eq!(
        r,
        Role::UnknownValue(UnknownEnumValue::from_name("ROLE_OWNER"))
    );
    assert!(!r.is_known());
    assert_eq!(r.name(), Some("ROLE_OWNER"));
    assert_eq!(r.number(), None);
    assert_eq!(r.known_name(), None);
    assert_eq!(serde_json::to_string(&r).unwrap(), r#""ROLE_OWNER""#);
    // Names are exact: a number in a string, or another case, is a name.
    for text in [r#""1""#, r#""role_admin""#, r#""""#] {
        let r = role(text).unwrap();
        assert!(!r.is_known(), "{text}");
        assert_eq!(serde_json::to_string(&r).unwrap(), text);
    }
}

#[test]
fn unknown_numbers_round_trip() {
    for n in [7, -1, i32::MAX, i32::MIN] {
        let r = role(&n.to_string()).unwrap();
        assert_eq!(r, Role::UnknownValue(UnknownEnumValue::from_number(n)));
        assert_eq!(r.number(), Some(n));
        assert_eq!(r.name(), None);
        assert_eq!(serde_json::to_string(&r).unwrap(), n.to_string());
    }
    let u = UnknownEnumValue::from_number(9);
    assert_eq!(
        (u.name(), u.number(), u.to_string()),
        (None, Some(9), "9".into())
    );
    let u = UnknownEnumValue::from_name("X");
    assert_eq!(
        (u.name(), u.number(), u.to_string()),
        (Some("X"), None, "X".into())
    );
}

#[test]
fn provided_helpers_on_known_values() {
    assert_eq!(Role::Admin.name(), Some("ROLE_ADMIN"));
    assert_eq!(Role::Admin.number(), Some(1));
    assert!(Role::Admin.is_known());
    assert_eq!(Role::Admin.as_unknown(), None);
}

#[test]
fn non_enum_json_is_rejected() {
    for (text, want) in [
        ("1.5", "not an int32 enum number"),
        ("2147483648", "not an int32 enum number"),
        ("-2147483649", "not an int32 enum number"),
        ("1e10", "not an int32 enum number"),
        ("true", "invalid type"),
        ("[]", "invalid type"),
        ("{}", "invalid type"),
    ] {
        let error = role(text).unwrap_err();
        assert!(error.contains(want), "{text}: {error}");
    }
}

#[test]
fn enum_fields() {
    let v: Everything = decode(
        r#"{"role": 2, "optionalRole": "ROLE_NEW", "roles": [1, "ROLE_MEMBER", "X", 9], "byInt32": {"3": 0}}"#,
    )
    .unwrap();
    assert_eq!(v.role, Role::Member);
    assert_eq!(
        v.optional_role,
        Some(Role::UnknownValue(UnknownEnumValue::from_name("ROLE_NEW")))
    );
    assert_eq!(
        encode(&v),
        r#"{"role":"ROLE_MEMBER","optionalRole":"ROLE_NEW","roles":["ROLE_ADMIN","ROLE_MEMBER","X",9],"byInt32":{"3":"ROLE_UNSPECIFIED"}}"#
    );
    // The zero value of a singular enum is left out; an unknown one is not.
    let v = Everything::new().with_role(Role::UnknownValue(UnknownEnumValue::from_number(0)));
    assert_eq!(encode(&v), r#"{"role":0}"#);
    let error = decode::<Everything>(r#"{"role": 1.5}"#).unwrap_err();
    assert!(error.starts_with("role"), "{error}");
    let error = decode::<Everything>(r#"{"roles": ["ROLE_ADMIN", true]}"#).unwrap_err();
    assert!(error.starts_with("roles[1]"), "{error}");
}

#[test]
fn null_is_the_zero_value() {
    assert_eq!(role("null"), Ok(Role::Unspecified));
    let v: Everything = decode(r#"{"role": null, "optionalRole": null}"#).unwrap();
    assert_eq!((v.role, v.optional_role), (Role::Unspecified, None));
    // An enum without a zero value can't be null.
    let error = serde_json::from_str::<Color>("null")
        .unwrap_err()
        .to_string();
    assert!(error.contains("without a zero value"), "{error}");
    assert_eq!(serde_json::from_str::<Color>("2").unwrap(), Color::Blue);
    assert_eq!(
        serde_json::from_str::<Color>("0").unwrap(),
        Color::UnknownValue(UnknownEnumValue::from_number(0))
    );
}
