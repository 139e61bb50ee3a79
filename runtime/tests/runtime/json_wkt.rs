//! The well-known types: Timestamp, Duration, FieldMask, Any, Empty,
//! Struct, Value and ListValue, alone and as fields.

use crate::rt;
use crate::support::{ErrorDetail, Everything, Status, decode, encode};

use std::time::{Duration as StdDuration, SystemTime, UNIX_EPOCH};

use rt::wkt::{Any, Duration, Empty, FieldMask, Struct, Timestamp, Value};
use serde_json::json;

fn ts(seconds: i64, nanos: i32) -> Timestamp {
    Timestamp::new(seconds, nanos).unwrap()
}

fn everything(text: &str) -> Everything {
    decode(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

#[test]
fn timestamp_text_uses_0_3_6_or_9_digits() {
    for (seconds, nanos, text) in [
        (0, 0, "1970-01-01T00:00:00Z"),
        (1_714_566_896, 0, "2024-05-01T12:34:56Z"),
        (1_714_566_896, 500_000_000, "2024-05-01T12:34:56.500Z"),
        (1_714_566_896, 123_456_000, "2024-05-01T12:34:56.123456Z"),
        (1_714_566_896, 1, "2024-05-01T12:34:56.000000001Z"),
        (1_714_566_896, 100_000, "2024-05-01T12:34:56.000100Z"),
        (-2, 500_000_000, "1969-12-31T23:59:58.500Z"),
        (951_782_400, 0, "2000-02-29T00:00:00Z"),
        (-11_670_912_000, 0, "1600-03-01T00:00:00Z"),
        (-62_135_596_800, 0, "0001-01-01T00:00:00Z"),
        (
            253_402_300_799,
            999_999_999,
            "9999-12-31T23:59:59.999999999Z",
        ),
    ] {
        let t = ts(seconds, nanos);
        assert_eq!(t.to_string(), text);
        assert_eq!(text.parse::<Timestamp>().unwrap(), t, "{text}");
        assert_eq!(serde_json::to_string(&t).unwrap(), format!("\"{text}\""));
        assert_eq!(
            serde_json::from_str::<Timestamp>(&format!("\"{text}\"")).unwrap(),
            t
        );
    }
    assert_eq!(Timestamp::MIN, ts(-62_135_596_800, 0));
    assert_eq!(Timestamp::MAX.to_string(), "9999-12-31T23:59:59.999999999Z");
}

#[test]
fn timestamp_parse_accepts_any_fraction_and_offset() {
    for (text, seconds, nanos) in [
        ("1970-01-01T00:00:00.1Z", 0, 100_000_000),
        ("1970-01-01T00:00:00.12345Z", 0, 123_450_000),
        ("1970-01-01T00:00:00.120Z", 0, 120_000_000),
        ("1970-01-01T01:00:00+01:00", 0, 0),
        ("1969-12-31T18:30:00.5-05:30", 0, 500_000_000),
        ("1970-01-01T00:00:00+00:00", 0, 0),
        ("1970-01-01T00:00:00-00:00", 0, 0),
        ("1970-01-01T23:59:00+23:59", 0, 0),
        // Year 0 in the text, year 1 in UTC: in range (as in Go).
        ("0000-12-31T23:00:00-01:00", -62_135_596_800, 0),
        ("2024-02-29T00:00:00Z", 1_709_164_800, 0),
    ] {
        assert_eq!(text.parse::<Timestamp>(), Ok(ts(seconds, nanos)), "{text}");
    }
}

#[test]
fn timestamp_parse_rejects_what_go_rejects() {
    for (text, reason) in [
        ("1970-01-01t00:00:00Z", "not RFC 3339"),
        ("1970-01-01T00:00:00z", "not RFC 3339"),
        ("1970-01-01 00:00:00Z", "not RFC 3339"),
        ("1970-01-01T00:00:00", "not RFC 3339"),
        ("1970-01-01T00:00:00.Z", "not RFC 3339"),
        ("1970-01-01T00:00:00+0100", "not RFC 3339"),
        ("1970-01-01T00:00:00+01", "not RFC 3339"),
        ("1970-1-01T00:00:00Z", "not RFC 3339"),
        ("1970-01-01T0:00:00Z", "not RFC 3339"),
        ("1970-01-01T00:00:00Z ", "not RFC 3339"),
        (" 1970-01-01T00:00:00Z", "not RFC 3339"),
        ("+1970-01-01T00:00:00Z", "not RFC 3339"),
        ("10000-01-01T00:00:00Z", "not RFC 3339"),
        ("", "not RFC 3339"),
        (
            "1970-01-01T00:00:00.1234567891Z",
            "more than 9 fractional digits",
        ),
        ("1970-13-01T00:00:00Z", "month out of range"),
        ("1970-00-01T00:00:00Z", "month out of range"),
        ("2023-02-29T00:00:00Z", "day out of range"),
        ("1900-02-29T00:00:00Z", "day out of range"),
        ("2024-04-31T00:00:00Z", "day out of range"),
        ("2024-04-00T00:00:00Z", "day out of range"),
        ("1970-01-01T24:00:00Z", "time of day out of range"),
        ("1970-01-01T00:60:00Z", "time of day out of range"),
        ("1970-01-01T23:59:60Z", "time of day out of range"),
        ("1970-01-01T00:00:00+24:00", "UTC offset out of range"),
        ("1970-01-01T00:00:00+01:60", "UTC offset out of range"),
        ("0000-12-31T23:59:59Z", "out of range"),
        ("0001-01-01T00:00:00+01:00", "out of range"),
        ("9999-12-31T23:59:59-01:00", "out of range"),
    ] {
        let error = text.parse::<Timestamp>().unwrap_err();
        assert!(error.reason().starts_with(reason), "{text}: {error}");
        assert!(
            error.to_string().contains("google.protobuf.Timestamp"),
            "{error}"
        );
    }
}

#[test]
fn timestamp_new_checks_ranges() {
    assert!(Timestamp::new(0, 1_000_000_000).is_err());
    assert!(Timestamp::new(0, -1).is_err());
    assert!(Timestamp::new(-62_135_596_801, 0).is_err());
    assert!(Timestamp::new(253_402_300_800, 0).is_err());
    assert!(Timestamp::new(i64::MIN, 0).is_err());
}

#[test]
fn timestamp_and_system_time() {
    assert_eq!(Timestamp::try_from(UNIX_EPOCH), Ok(Timestamp::UNIX_EPOCH));
    let before = UNIX_EPOCH - StdDuration::from_millis(1500);
    let t = Timestamp::try_from(before).unwrap();
    assert_eq!((t.seconds(), t.nanos()), (-2, 500_000_000));
    assert_eq!(SystemTime::try_from(t), Ok(before));
    let after = UNIX_EPOCH + StdDuration::new(1_714_566_896, 7);
    let t = Timestamp::try_from(after).unwrap();
    assert_eq!((t.seconds(), t.nanos()), (1_714_566_896, 7));
    assert_eq!(SystemTime::try_from(t), Ok(after));
    let far = UNIX_EPOCH + StdDuration::from_secs(253_402_300_800);
    assert!(Timestamp::try_from(far).is_err());
    let now = Timestamp::now();
    assert!(now > ts(1_700_000_000, 0) && now < Timestamp::MAX);
}

#[test]
fn timestamp_fields_and_errors() {
    let v = everything(
        r#"{"createTime": "2024-05-01T12:34:56.5+02:00", "times": ["1970-01-01T00:00:00Z"]}"#,
    );
    assert_eq!(v.create_time, Some(ts(1_714_559_696, 500_000_000)));
    assert_eq!(v.times, vec![Timestamp::UNIX_EPOCH]);
    assert_eq!(
        encode(&v),
        r#"{"createTime":"2024-05-01T10:34:56.500Z","times":["1970-01-01T00:00:00Z"]}"#
    );
    // The zero timestamp is still a set field.
    let v = Everything::new().with_create_time(Timestamp::UNIX_EPOCH);
    assert_eq!(encode(&v), r#"{"createTime":"1970-01-01T00:00:00Z"}"#);
    let error = decode::<Everything>(r#"{"createTime": "2024-13-01T00:00:00Z"}"#).unwrap_err();
    assert!(error.starts_with("createTime"), "{error}");
    assert!(error.contains("month out of range"), "{error}");
    let error = decode::<Everything>(r#"{"times": ["x"]}"#).unwrap_err();
    assert!(error.starts_with("times[0]"), "{error}");
    let error = decode::<Everything>(r#"{"createTime": 0}"#).unwrap_err();
    assert!(error.starts_with("createTime"), "{error}");
}

fn dur(seconds: i64, nanos: i32) -> Duration {
    Duration::new(seconds, nanos).unwrap()
}

#[test]
fn duration_text() {
    for (seconds, nanos, text) in [
        (0, 0, "0s"),
        (1, 500_000_000, "1.500s"),
        (0, -1, "-0.000000001s"),
        (-1, -500_000_000, "-1.500s"),
        (3600, 0, "3600s"),
        (0, 120_000, "0.000120s"),
        (315_576_000_000, 999_999_999, "315576000000.999999999s"),
        (-315_576_000_000, -999_999_999, "-315576000000.999999999s"),
    ] {
        let d = dur(seconds, nanos);
        assert_eq!(d.to_string(), text);
        assert_eq!(text.parse::<Duration>(), Ok(d), "{text}");
        assert_eq!(serde_json::to_string(&d).unwrap(), format!("\"{text}\""));
    }
    assert_eq!(Duration::MAX, dur(315_576_000_000, 999_999_999));
    assert_eq!(Duration::MIN, dur(-315_576_000_000, -999_999_999));
}

#[test]
fn duration_parse() {
    for (text, seconds, nanos) in [
        ("1.000s", 1, 0),
        ("1.5s", 1, 500_000_000),
        ("1.s", 1, 0),
        (".5s", 0, 500_000_000),
        ("-.5s", 0, -500_000_000),
        ("+1s", 1, 0),
        ("-0s", 0, 0),
        ("0.000000001s", 0, 1),
        ("-315576000000s", -315_576_000_000, 0),
    ] {
        assert_eq!(text.parse::<Duration>(), Ok(dur(seconds, nanos)), "{text}");
    }
    for text in [
        "",
        "s",
        "1",
        "1S",
        "-s",
        ".s",
        "01s",
        "1e3s",
        " 1s",
        "1s ",
        "1.0000000001s",
        "1..5s",
        "--1s",
        "+-1s",
        "1.5.s",
        "315576000001s",
        "-315576000001s",
        "9223372036854775808s",
        "NaNs",
    ] {
        let error = text.parse::<Duration>().unwrap_err();
        assert!(
            error.to_string().contains("google.protobuf.Duration"),
            "{error}"
        );
    }
}

#[test]
fn duration_new_and_std() {
    assert!(Duration::new(1, -1).is_err());
    assert!(Duration::new(-1, 1).is_err());
    assert!(Duration::new(0, 1_000_000_000).is_err());
    assert!(Duration::new(315_576_000_001, 0).is_err());
    assert!(dur(-1, -5).is_negative());
    assert_eq!(Duration::try_from(StdDuration::new(90, 5)), Ok(dur(90, 5)));
    assert!(Duration::try_from(StdDuration::from_secs(315_576_000_001)).is_err());
    assert_eq!(
        StdDuration::try_from(dur(90, 5)),
        Ok(StdDuration::new(90, 5))
    );
    assert!(StdDuration::try_from(dur(0, -5)).is_err());
    let v = everything(r#"{"ttl": "-2.25s"}"#);
    assert_eq!(v.ttl, Some(dur(-2, -250_000_000)));
    assert_eq!(encode(&v), r#"{"ttl":"-2.250s"}"#);
    let error = decode::<Everything>(r#"{"ttl": "2m"}"#).unwrap_err();
    assert!(error.starts_with("ttl"), "{error}");
}

#[test]
fn field_mask_camel_case_both_ways() {
    let mask: FieldMask = "displayName,settings.logInWithGoogle,id".parse().unwrap();
    assert_eq!(
        mask.paths,
        ["display_name", "settings.log_in_with_google", "id"]
    );
    assert_eq!(
        mask.to_json_form().unwrap(),
        "displayName,settings.logInWithGoogle,id"
    );
    assert_eq!("".parse::<FieldMask>(), Ok(FieldMask::default()));
    assert_eq!(" a ".parse::<FieldMask>(), Ok(FieldMask::new(["a"])));
    assert_eq!("Foo".parse::<FieldMask>(), Ok(FieldMask::new(["_foo"])));
    assert_eq!(FieldMask::new(["_foo"]).to_json_form().unwrap(), "Foo");
    assert_eq!(FieldMask::new(["a1_b"]).to_json_form().unwrap(), "a1B");
    assert_eq!(FieldMask::default().to_json_form().unwrap(), "");

    let v = everything(r#"{"updateMask": "displayName,primaryAuthFactor"}"#);
    assert_eq!(
        v.update_mask,
        Some(FieldMask::new(["display_name", "primary_auth_factor"]))
    );
    assert_eq!(
        encode(&v),
        r#"{"updateMask":"displayName,primaryAuthFactor"}"#
    );
    let empty = Everything::new().with_update_mask(FieldMask::default());
    assert_eq!(encode(&empty), r#"{"updateMask":""}"#);
}

#[test]
fn field_mask_rejects_paths_that_do_not_round_trip() {
    for path in [
        "fooBar", "foo__bar", "foo_1", "foo_", "1abc", "a..b", "", "a-b", "é",
    ] {
        let error = FieldMask::new([path]).to_json_form().unwrap_err();
        assert!(error.to_string().contains("FieldMask"), "{path}: {error}");
    }
    for text in [
        "foo_bar", "a,,b", "a, b", "1abc", "a.", "a-b", "fooBar.", ",",
    ] {
        let error = text.parse::<FieldMask>().unwrap_err();
        assert!(error.to_string().contains("FieldMask"), "{text}: {error}");
    }
    // Writing a message with a bad mask fails, naming the path.
    let v = Everything::new().with_update_mask(FieldMask::new(["fooBar"]));
    let error = serde_json::to_string(&v).unwrap_err().to_string();
    assert!(error.contains("\"fooBar\""), "{error}");
}

const DETAIL_TYPE: &str = "type.googleapis.com/tesseral.common.v1.ErrorDetail";

#[test]
fn any_in_an_error_body() {
    let body = r#"{"code": 5, "message": "not_found", "details": [{"@type": "type.googleapis.com/tesseral.common.v1.ErrorDetail", "description": "organization not found"}]}"#;
    let status: Status = decode(body).unwrap();
    assert_eq!(status.code, 5);
    assert_eq!(status.details.len(), 1);
    let any = &status.details[0];
    assert_eq!(any.type_url(), DETAIL_TYPE);
    assert_eq!(any.type_name(), "tesseral.common.v1.ErrorDetail");
    let detail: ErrorDetail = any.to_message().unwrap();
    assert_eq!(detail.description, "organization not found");
    assert_eq!(
        encode(&status),
        r#"{"code":5,"message":"not_found","details":[{"@type":"type.googleapis.com/tesseral.common.v1.ErrorDetail","description":"organization not found"}]}"#
    );
    let built = Any::from_message(DETAIL_TYPE, &detail).unwrap();
    assert_eq!(&built, any);
}

#[test]
fn any_keeps_any_payload() {
    let text = r#"{"@type":"type.example.com/x.y.Z","b":{"deep":[1,{"x":null},"s"]},"a":-1.5,"n":18446744073709551615}"#;
    let any: Any = serde_json::from_str(text).unwrap();
    assert_eq!(any.type_url(), "type.example.com/x.y.Z");
    assert_eq!(any.fields().len(), 3);
    assert_eq!(any.fields()["b"], json!({"deep": [1, {"x": null}, "s"]}));
    // "@type" first, the rest sorted.
    assert_eq!(
        serde_json::to_string(&any).unwrap(),
        r#"{"@type":"type.example.com/x.y.Z","a":-1.5,"b":{"deep":[1,{"x":null},"s"]},"n":18446744073709551615}"#
    );
    // A well-known type payload keeps its {"@type", "value"} shape.
    let wkt = r#"{"@type":"type.googleapis.com/google.protobuf.Duration","value":"1.5s"}"#;
    let any: Any = serde_json::from_str(wkt).unwrap();
    assert_eq!(
        any.to_message::<serde_json::Map<String, Value>>().unwrap()["value"],
        "1.5s"
    );
    assert_eq!(serde_json::to_string(&any).unwrap(), wkt);
    // "@type" in the given members is dropped by `new`.
    let mut fields = Struct::new();
    fields.insert("@type".into(), json!("other"));
    fields.insert("k".into(), json!(1));
    let any = Any::new("t/x", fields);
    assert_eq!(
        serde_json::to_string(&any).unwrap(),
        r#"{"@type":"t/x","k":1}"#
    );
}

#[test]
fn any_edge_cases() {
    let empty: Any = serde_json::from_str("{}").unwrap();
    assert_eq!(empty, Any::default());
    assert_eq!(serde_json::to_string(&empty).unwrap(), "{}");
    for (text, want) in [
        (r#"{"a": 1}"#, "no \"@type\""),
        (r#"{"@type": 1}"#, "invalid type"),
        (r#"{"@type": ""}"#, "empty \"@type\""),
        (r#"{"@type": "a/b", "@type": "a/b"}"#, "duplicate \"@type\""),
        (r#"{"@type": "a/b", "x": 1, "x": 2}"#, "duplicate member"),
        (r#"[]"#, "invalid type"),
        (r#""x""#, "invalid type"),
    ] {
        let error = serde_json::from_str::<Any>(text).unwrap_err().to_string();
        assert!(error.contains(want), "{text}: {error}");
    }
    let no_type = Any::new("", Struct::from_iter([("a".to_owned(), json!(1))]));
    assert!(serde_json::to_string(&no_type).is_err());
    let v = everything(r#"{"details": {"@type": "a/b", "k": true}}"#);
    assert_eq!(v.details.as_ref().map(Any::type_url), Some("a/b"));
    assert!(Any::from_message("a/b", &5).is_err());
}

#[test]
fn empty_reads_any_object() {
    assert_eq!(serde_json::to_string(&Empty).unwrap(), "{}");
    assert_eq!(serde_json::from_str::<Empty>("{}").unwrap(), Empty);
    assert_eq!(
        serde_json::from_str::<Empty>(r#"{"added": {"later": [1]}}"#).unwrap(),
        Empty
    );
    for text in ["[]", "null", "\"\"", "0"] {
        assert!(serde_json::from_str::<Empty>(text).is_err(), "{text}");
    }
    let v = everything(r#"{"nothing": {}}"#);
    assert_eq!(v.nothing, Some(Empty));
    assert_eq!(encode(&v), r#"{"nothing":{}}"#);
}

#[test]
fn struct_value_and_list_value() {
    let text = r#"{"metadata": {"z": 1, "a": [1, "x", null, {"y": 2.5, "b": true}], "n": null, "big": 18446744073709551615, "neg": -3, "f": 1.0}}"#;
    let v = everything(text);
    let metadata = v.metadata.as_ref().unwrap();
    assert_eq!(metadata["n"], Value::Null);
    assert_eq!(metadata["big"], json!(u64::MAX));
    assert_eq!(
        encode(&v),
        r#"{"metadata":{"a":[1,"x",null,{"b":true,"y":2.5}],"big":18446744073709551615,"f":1,"n":null,"neg":-3,"z":1}}"#
    );
    let v = everything(r#"{"values": [1, [2, [3]], {}, null]}"#);
    assert_eq!(
        v.values,
        Some(vec![json!(1), json!([2, [3]]), json!({}), Value::Null])
    );
    assert_eq!(encode(&v), r#"{"values":[1,[2,[3]],{},null]}"#);
    let v = everything(r#"{"values": []}"#);
    assert_eq!(v.values, Some(vec![]));
    assert_eq!(encode(&v), r#"{"values":[]}"#);
    for (text, field) in [
        (r#"{"metadata": []}"#, "metadata"),
        (r#"{"metadata": "x"}"#, "metadata"),
        (r#"{"values": {}}"#, "values"),
    ] {
        let error = decode::<Everything>(text).unwrap_err();
        assert!(error.starts_with(field), "{text}: {error}");
    }
}

#[test]
fn value_fields_of_every_kind() {
    for (text, want) in [
        (r#"{"anything": 1}"#, json!(1)),
        (r#"{"anything": "s"}"#, json!("s")),
        (r#"{"anything": false}"#, json!(false)),
        (r#"{"anything": []}"#, json!([])),
        (r#"{"anything": {"k": null}}"#, json!({"k": null})),
        (r#"{"anything": null}"#, Value::Null),
    ] {
        let v = everything(text);
        assert_eq!(v.anything, Some(want), "{text}");
        assert_eq!(
            serde_json::from_str::<Value>(&encode(&v)).unwrap(),
            serde_json::from_str::<Value>(text).unwrap()
        );
    }
    // A double in a Value is written as protojson writes doubles.
    let v = Everything::new().with_anything(json!({"x": 2.0, "y": [0.5, -0.0]}));
    assert_eq!(encode(&v), r#"{"anything":{"x":2,"y":[0.5,-0.0]}}"#);
}
