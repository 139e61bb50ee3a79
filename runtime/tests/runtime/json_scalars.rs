//! The field codec on scalars, lists and maps: what is written, what is
//! accepted, what is rejected (and that the error names the field).

use crate::rt;
use crate::support::{Child, Everything, Role, decode, encode};

use std::collections::BTreeMap;

use serde_json::json;

fn everything(text: &str) -> Everything {
    decode(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn rejected(text: &str) -> String {
    match decode::<Everything>(text) {
        Ok(v) => panic!("{text} was accepted as {v:?}"),
        Err(e) => e,
    }
}

#[test]
fn defaults_are_left_out() {
    assert_eq!(encode(&Everything::default()), "{}");
    let zeroes = Everything::new().with_role(Role::Unspecified);
    assert_eq!(encode(&zeroes), "{}");
}

#[test]
fn int64_extremes_as_strings_and_numbers() {
    let v = everything(
        r#"{"int64Value": "9223372036854775807", "uint64Value": "18446744073709551615"}"#,
    );
    assert_eq!(v.int64_value, i64::MAX);
    assert_eq!(v.uint64_value, u64::MAX);
    assert_eq!(
        encode(&v),
        r#"{"int64Value":"9223372036854775807","uint64Value":"18446744073709551615"}"#
    );

    let v =
        everything(r#"{"int64Value": -9223372036854775808, "uint64Value": 18446744073709551615}"#);
    assert_eq!(v.int64_value, i64::MIN);
    assert_eq!(v.uint64_value, u64::MAX);
    assert_eq!(
        encode(&v),
        r#"{"int64Value":"-9223372036854775808","uint64Value":"18446744073709551615"}"#
    );

    let v = everything(r#"{"int64Value": "-9223372036854775808"}"#);
    assert_eq!(v.int64_value, i64::MIN);
}

#[test]
fn integers_out_of_range_are_rejected_naming_the_field() {
    for (text, field) in [
        (r#"{"int64Value": "9223372036854775808"}"#, "int64Value"),
        (r#"{"int64Value": 9223372036854775808}"#, "int64Value"),
        (r#"{"int64Value": "-9223372036854775809"}"#, "int64Value"),
        (r#"{"int64Value": -9223372036854775809}"#, "int64Value"),
        (r#"{"uint64Value": "18446744073709551616"}"#, "uint64Value"),
        (r#"{"uint64Value": 18446744073709551616}"#, "uint64Value"),
        (r#"{"uint64Value": "-1"}"#, "uint64Value"),
        (r#"{"uint64Value": -1}"#, "uint64Value"),
        (r#"{"int32Value": 2147483648}"#, "int32Value"),
        (r#"{"int32Value": "-2147483649"}"#, "int32Value"),
        (r#"{"uint32Value": 4294967296}"#, "uint32Value"),
        (r#"{"uint32Value": -1}"#, "uint32Value"),
        (r#"{"int64Value": "1e19"}"#, "int64Value"),
    ] {
        let error = rejected(text);
        assert!(error.starts_with(field), "{text}: {error}");
        assert!(error.contains("out of range"), "{text}: {error}");
    }
}

#[test]
fn big_numbers_in_float_notation_are_refused_not_rounded() {
    // serde_json hands these over as f64s: their digits may be gone.
    for (text, field) in [
        (r#"{"uint64Value": 1e19}"#, "uint64Value"),
        (r#"{"int64Value": 9007199254740993.0}"#, "int64Value"),
        (r#"{"int64Value": -1e18}"#, "int64Value"),
    ] {
        let error = rejected(text);
        assert!(error.starts_with(field), "{text}: {error}");
        assert!(error.contains("not exact"), "{text}: {error}");
    }
    // The same values as strings (or integer literals) are exact.
    assert_eq!(
        everything(r#"{"uint64Value": "1e19"}"#).uint64_value,
        10_000_000_000_000_000_000
    );
    assert_eq!(
        everything(r#"{"int64Value": "-1e18"}"#).int64_value,
        -1_000_000_000_000_000_000
    );
    assert_eq!(
        everything(r#"{"int64Value": 9007199254740993}"#).int64_value,
        9_007_199_254_740_993
    );
    assert_eq!(
        everything(r#"{"int64Value": 9007199254740991.0}"#).int64_value,
        9_007_199_254_740_991
    );
}

#[test]
fn fractions_are_rejected_naming_the_field() {
    for (text, field) in [
        (r#"{"int64Value": "1.5"}"#, "int64Value"),
        (r#"{"int64Value": 1.5}"#, "int64Value"),
        (r#"{"uint64Value": "0.1"}"#, "uint64Value"),
        (r#"{"int32Value": 2.5}"#, "int32Value"),
        (r#"{"uint32Value": "1e-1"}"#, "uint32Value"),
        (r#"{"int32Value": "15e-1"}"#, "int32Value"),
    ] {
        let error = rejected(text);
        assert!(error.starts_with(field), "{text}: {error}");
        assert!(error.contains("not an integer"), "{text}: {error}");
    }
}

#[test]
fn integral_numbers_in_any_notation_are_integers() {
    // Go's protojson reads these as integers; so do we.
    for (text, want) in [
        (r#"{"int64Value": "1e3"}"#, 1000),
        (r#"{"int64Value": 1e3}"#, 1000),
        (r#"{"int64Value": 1.0}"#, 1),
        (r#"{"int64Value": "1.0"}"#, 1),
        (r#"{"int64Value": "1.50e1"}"#, 15),
        (r#"{"int64Value": "-0"}"#, 0),
        (r#"{"int64Value": "100e-2"}"#, 1),
        (r#"{"int64Value": "9223372036854775807.000"}"#, i64::MAX),
    ] {
        assert_eq!(everything(text).int64_value, want, "{text}");
    }
    assert_eq!(everything(r#"{"int32Value": "42"}"#).int32_value, 42);
    assert_eq!(everything(r#"{"int32Value": 4.2e1}"#).int32_value, 42);
    assert_eq!(
        everything(r#"{"uint32Value": "4294967295"}"#).uint32_value,
        u32::MAX
    );
}

#[test]
fn integer_strings_must_be_exactly_one_json_number() {
    for text in [
        r#"{"int64Value": " 1"}"#,
        r#"{"int64Value": "1 "}"#,
        r#"{"int64Value": "+1"}"#,
        r#"{"int64Value": "01"}"#,
        r#"{"int64Value": "0x10"}"#,
        r#"{"int64Value": ""}"#,
        r#"{"int64Value": "abc"}"#,
        r#"{"int32Value": "1."}"#,
        r#"{"int64Value": true}"#,
        r#"{"int64Value": []}"#,
        r#"{"int32Value": {}}"#,
    ] {
        let error = rejected(text);
        assert!(error.starts_with("int"), "{text}: {error}");
    }
}

#[test]
fn int32_written_as_numbers() {
    let v = Everything::new()
        .with_int32_value(-5)
        .with_uint32_value(u32::MAX);
    assert_eq!(encode(&v), r#"{"int32Value":-5,"uint32Value":4294967295}"#);
}

#[test]
fn non_finite_floats_are_strings() {
    let v = Everything::new()
        .with_double_value(f64::NAN)
        .with_float_value(f32::NEG_INFINITY)
        .with_wrapped_double(f64::INFINITY);
    let text = encode(&v);
    assert_eq!(
        text,
        r#"{"floatValue":"-Infinity","doubleValue":"NaN","wrappedDouble":"Infinity"}"#
    );
    let back = everything(&text);
    assert!(back.double_value.is_nan());
    assert_eq!(back.float_value, f32::NEG_INFINITY);
    assert_eq!(back.wrapped_double, Some(f64::INFINITY));
    // Only those exact spellings.
    for text in [
        r#"{"doubleValue": "nan"}"#,
        r#"{"doubleValue": "inf"}"#,
        r#"{"doubleValue": "infinity"}"#,
        r#"{"doubleValue": "+Infinity"}"#,
        r#"{"doubleValue": " 1"}"#,
        r#"{"doubleValue": ""}"#,
        r#"{"doubleValue": "0x1p3"}"#,
    ] {
        assert!(rejected(text).starts_with("doubleValue"), "{text}");
    }
}

#[test]
fn floats_written_as_go_protojson_writes_them() {
    for (value, want) in [
        (1.0, "1"),
        (-3.0, "-3"),
        (0.5, "0.5"),
        (0.1, "0.1"),
        (1e15, "1000000000000000"),
        (9007199254740991.0, "9007199254740991"),
        (1e19, "10000000000000000000"),
        (123456789.125, "123456789.125"),
    ] {
        let v = Everything::new().with_double_value(value);
        let text = encode(&v);
        assert_eq!(text, format!(r#"{{"doubleValue":{want}}}"#), "{value:?}");
        assert_eq!(
            everything(&text).double_value.to_bits(),
            value.to_bits(),
            "{value:?}"
        );
    }
    // Beyond u64 and in exponent ranges the text is serde_json's shortest
    // form (Go differs only in notation, e.g. `1e+20` vs `100000000000000000000`);
    // the value always round-trips.
    for value in [1e20, 1e21, 1e-7, 5e-324, f64::MAX, f64::MIN, -1.5e300] {
        let v = Everything::new().with_double_value(value);
        assert_eq!(
            everything(&encode(&v)).double_value.to_bits(),
            value.to_bits(),
            "{value:?}"
        );
    }
    let v = Everything::new().with_float_value(0.1);
    assert_eq!(encode(&v), r#"{"floatValue":0.1}"#);
    let v = Everything::new().with_float_value(16777216.0);
    assert_eq!(encode(&v), r#"{"floatValue":16777216}"#);
}

#[test]
fn negative_zero_is_set_and_round_trips() {
    let v = Everything::new()
        .with_double_value(-0.0)
        .with_float_value(-0.0);
    let text = encode(&v);
    assert_eq!(text, r#"{"floatValue":-0.0,"doubleValue":-0.0}"#);
    let back = everything(&text);
    assert!(back.double_value == 0.0 && back.double_value.is_sign_negative());
    assert!(back.float_value == 0.0 && back.float_value.is_sign_negative());
    assert!(
        everything(r#"{"doubleValue": "-0"}"#)
            .double_value
            .is_sign_negative()
    );
}

#[test]
fn floats_from_strings_and_numbers() {
    assert_eq!(everything(r#"{"doubleValue": "1.5"}"#).double_value, 1.5);
    assert_eq!(everything(r#"{"doubleValue": "1e3"}"#).double_value, 1000.0);
    assert_eq!(everything(r#"{"doubleValue": 7}"#).double_value, 7.0);
    assert_eq!(
        everything(r#"{"floatValue": "3.4028235e38"}"#).float_value,
        f32::MAX
    );
    assert_eq!(
        everything(r#"{"floatValue": 3.4028235e38}"#).float_value,
        f32::MAX
    );
    assert_eq!(
        everything(r#"{"floatValue": -3.4028235e38}"#).float_value,
        f32::MIN
    );
}

#[test]
fn float_overflow_is_rejected() {
    for text in [
        r#"{"floatValue": 3.5e38}"#,
        r#"{"floatValue": "3.5e38"}"#,
        r#"{"floatValue": -1e39}"#,
        r#"{"doubleValue": "1e400"}"#,
    ] {
        let error = rejected(text);
        assert!(error.contains("out of range"), "{text}: {error}");
    }
    // serde_json itself refuses a number literal beyond f64.
    assert!(rejected(r#"{"doubleValue": 1e400}"#).starts_with("doubleValue"));
}

#[test]
fn bytes_standard_url_safe_padded_or_not() {
    for (text, want) in [
        ("AQID", vec![1u8, 2, 3]),
        ("AQI=", vec![1, 2]),
        ("AQI", vec![1, 2]),
        ("AQ==", vec![1]),
        ("AQ", vec![1]),
        ("+/8=", vec![0xfb, 0xff]),
        ("-_8=", vec![0xfb, 0xff]),
        ("-_8", vec![0xfb, 0xff]),
        ("+/8", vec![0xfb, 0xff]),
        ("", vec![]),
    ] {
        let v = everything(&format!(r#"{{"data": "{text}"}}"#));
        assert_eq!(v.data, want, "{text}");
    }
    let v = Everything::new().with_data(vec![0xfb, 0xff]);
    assert_eq!(encode(&v), r#"{"data":"+/8="}"#);
    let v = Everything::new().with_data(vec![0, 1, 2, 3, 4]);
    assert_eq!(encode(&v), r#"{"data":"AAECAwQ="}"#);
}

#[test]
fn invalid_bytes_are_rejected() {
    for text in [
        "A", "AQ=", "A===", "!!!!", "AQ I", "+-8=", "AQID\n", "AQ===",
    ] {
        let error = rejected(&format!(r#"{{"data": "{}"}}"#, text.escape_default()));
        assert!(error.starts_with("data"), "{text:?}: {error}");
    }
    assert!(rejected(r#"{"data": 5}"#).starts_with("data"));
}

#[test]
fn strings_and_bools() {
    let v = everything(r#"{"text": "héllo \"x\"", "flag": true}"#);
    assert_eq!(v.text, "héllo \"x\"");
    assert!(v.flag);
    assert_eq!(encode(&v), r#"{"flag":true,"text":"héllo \"x\""}"#);
    assert!(rejected(r#"{"flag": "true"}"#).starts_with("flag"));
    assert!(rejected(r#"{"flag": 1}"#).starts_with("flag"));
    assert!(rejected(r#"{"text": 1}"#).starts_with("text"));
}

#[test]
fn snake_case_names_are_accepted() {
    let v = everything(r#"{"int64_value": "5", "optional_text": "x"}"#);
    assert_eq!(v.int64_value, 5);
    assert_eq!(v.optional_text.as_deref(), Some("x"));
}

#[test]
fn optional_scalars_are_sent_whenever_set() {
    let v = Everything::new()
        .with_optional_text(String::new())
        .with_optional_int64(0)
        .with_wrapped_double(0.0)
        .with_optional_role(Role::Unspecified);
    let text = encode(&v);
    assert_eq!(
        text,
        r#"{"optionalRole":"ROLE_UNSPECIFIED","optionalText":"","optionalInt64":"0","wrappedDouble":0}"#
    );
    assert_eq!(everything(&text), v);
}

#[test]
fn null_for_every_field_kind_is_its_default() {
    let fields = [
        "flag",
        "int32Value",
        "uint32Value",
        "int64Value",
        "uint64Value",
        "floatValue",
        "doubleValue",
        "text",
        "data",
        "role",
        "optionalRole",
        "optionalText",
        "optionalInt64",
        "wrappedDouble",
        "createTime",
        "ttl",
        "updateMask",
        "details",
        "nothing",
        "metadata",
        "values",
        "child",
        "tags",
        "counts",
        "roles",
        "children",
        "times",
        "blobs",
        "anyValues",
        "wrappedList",
        "labels",
        "byNumber",
        "byFlag",
        "byInt32",
        "byUint32",
        "byUint64",
    ];
    let mut all = serde_json::Map::new();
    for field in fields {
        let text = format!(r#"{{"{field}": null}}"#);
        assert_eq!(everything(&text), Everything::default(), "{field}");
        all.insert(field.to_owned(), serde_json::Value::Null);
    }
    let text = serde_json::Value::Object(all).to_string();
    assert_eq!(everything(&text), Everything::default());
}

#[test]
fn null_value_field_is_a_value_not_absence() {
    let v = everything(r#"{"anything": null}"#);
    assert_eq!(v.anything, Some(serde_json::Value::Null));
    assert_eq!(encode(&v), r#"{"anything":null}"#);
    assert_eq!(everything("{}").anything, None);
    assert_eq!(encode(&everything("{}")), "{}");
}

#[test]
fn null_list_elements_and_map_values_are_rejected() {
    for (text, path) in [
        (r#"{"tags": ["a", null]}"#, "tags[1]"),
        (r#"{"counts": [null]}"#, "counts[0]"),
        (r#"{"roles": [null]}"#, "roles[0]"),
        (r#"{"children": [null]}"#, "children[0]"),
        (r#"{"times": [null]}"#, "times[0]"),
        (r#"{"labels": {"a": null}}"#, "labels.a"),
        (r#"{"byNumber": {"1": null}}"#, "byNumber.1"),
        // A list of wrappers holds messages: none of them is absent.
        (r#"{"wrappedList": ["1", null]}"#, "wrappedList[1]"),
    ] {
        let error = rejected(text);
        assert!(error.starts_with(path), "{text}: {error}");
        assert!(error.contains("null is not allowed"), "{text}: {error}");
    }
    // ...except where null is a value.
    let v = everything(r#"{"anyValues": [null, 1], "byUint64": {"7": null}}"#);
    assert_eq!(v.any_values, vec![serde_json::Value::Null, json!(1)]);
    assert_eq!(v.by_uint64.get(&7), Some(&serde_json::Value::Null));
}

#[test]
fn lists_round_trip() {
    let text = r#"{"tags":["a","b"],"counts":["1","-2"],"roles":["ROLE_ADMIN","ROLE_UNSPECIFIED"],"children":[{"name":"x"},{}],"blobs":["AQ==",""],"anyValues":[1,"x",[true]]}"#;
    let v = everything(text);
    assert_eq!(v.tags, ["a", "b"]);
    assert_eq!(v.counts, [1, -2]);
    assert_eq!(v.roles, [Role::Admin, Role::Unspecified]);
    assert_eq!(v.children.len(), 2);
    assert_eq!(v.blobs, [vec![1u8], vec![]]);
    assert_eq!(encode(&v), text);
    // Elements read with their codec: numbers for int64, strings for int32.
    let v = everything(r#"{"counts": [1, "2", 3e0]}"#);
    assert_eq!(v.counts, [1, 2, 3]);
    assert!(rejected(r#"{"counts": [1, 1.5]}"#).starts_with("counts[1]"));
    assert!(rejected(r#"{"tags": "a"}"#).starts_with("tags"));
}

#[test]
fn map_keys_are_strings_of_every_key_type() {
    let mut v = Everything::default();
    v.labels.insert("k".into(), "v".into());
    v.by_number
        .insert(-5, Child::new().with_name("n").with_size(3));
    v.by_flag.insert(true, 1);
    v.by_flag.insert(false, u64::MAX);
    v.by_int32.insert(i32::MIN, Role::Member);
    v.by_uint32.insert(u32::MAX, 2.5);
    v.by_uint64.insert(u64::MAX, json!({"a": [1, null]}));
    let text = encode(&v);
    assert_eq!(
        text,
        concat!(
            r#"{"labels":{"k":"v"},"byNumber":{"-5":{"name":"n","size":"3"}},"#,
            r#""byFlag":{"false":"18446744073709551615","true":"1"},"#,
            r#""byInt32":{"-2147483648":"ROLE_MEMBER"},"byUint32":{"4294967295":2.5},"#,
            r#""byUint64":{"18446744073709551615":{"a":[1,null]}}}"#
        )
    );
    assert_eq!(everything(&text), v);
}

#[test]
fn bad_map_keys_are_rejected() {
    for (text, want) in [
        (r#"{"byNumber": {"x": {}}}"#, "invalid int64 map key"),
        (r#"{"byNumber": {"1.0": {}}}"#, "invalid int64 map key"),
        (r#"{"byFlag": {"True": "1"}}"#, "invalid bool map key"),
        (r#"{"byUint32": {"-1": 1}}"#, "invalid uint32 map key"),
        (
            r#"{"byInt32": {"2147483648": "ROLE_ADMIN"}}"#,
            "invalid int32 map key",
        ),
        (r#"{"byNumber": {"1": {}, "01": {}}}"#, "duplicate map key"),
        (r#"{"labels": {"a": "x", "a": "y"}}"#, "duplicate map key"),
    ] {
        let error = rejected(text);
        assert!(error.contains(want), "{text}: {error}");
    }
    // Go's strconv reads a sign and leading zeros in integer keys.
    let v = everything(r#"{"byNumber": {"+7": {}, "-007": {}}}"#);
    assert_eq!(v.by_number.keys().copied().collect::<Vec<_>>(), [-7, 7]);
    let error = rejected(r#"{"byNumber": {"+7": {}, "007": {}}}"#);
    assert!(error.contains("duplicate map key \"7\""), "{error}");
}

#[test]
fn duplicate_fields_are_rejected() {
    let error = rejected(r#"{"int64Value": "1", "int64_value": "2"}"#);
    assert!(error.contains("duplicate field"), "{error}");
}

#[test]
fn unknown_fields_are_ignored() {
    let v = everything(r#"{"text": "x", "newField": {"deep": [1, 2]}, "another": null}"#);
    assert_eq!(v.text, "x");
}

#[test]
fn to_value_writes_protojson() {
    assert_eq!(rt::json::to_value(&5i64).unwrap(), json!("5"));
    assert_eq!(rt::json::to_value(&2.0f64).unwrap(), json!(2));
    assert_eq!(
        rt::json::to_value(&Role::Admin).unwrap(),
        json!("ROLE_ADMIN")
    );
    let map: BTreeMap<i32, Vec<u8>> = BTreeMap::from([(1, vec![255])]);
    assert_eq!(rt::json::to_value(&map).unwrap(), json!({"1": "/w=="}));
}
