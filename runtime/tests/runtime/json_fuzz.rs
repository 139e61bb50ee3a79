//! Property tests: arbitrary JSON (and arbitrary bytes) fed to every decoder
//! never panics; whatever decodes re-encodes stably; values of every
//! scalar and well-known type round-trip exactly.

use crate::rt;
use crate::support::{Color, Credential, Everything, Role, Session, TreeNode};

use std::collections::BTreeMap;

use proptest::prelude::*;
use rt::json::{self, Decoded, Encoded};
use rt::wkt::{Any, Duration, Empty, FieldMask, Struct, Timestamp, Value};
use serde::Serialize;

/// Object keys: the test types' JSON and proto names, and some others.
const KEYS: &[&str] = &[
    "flag",
    "int32Value",
    "int32_value",
    "uint32Value",
    "int64Value",
    "int64_value",
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
    "create_time",
    "ttl",
    "updateMask",
    "details",
    "nothing",
    "metadata",
    "anything",
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
    "name",
    "size",
    "label",
    "parent",
    "id",
    "secretHash",
    "expireTime",
    "expire_time",
    "uses",
    "primaryAuthFactor",
    "eventDetails",
    "user",
    "@type",
    "value",
    "1",
    "-1",
    "0",
    "true",
    "false",
    "18446744073709551616",
    "",
];

/// Strings that mean something to some decoder, to reach deep branches.
const STRINGS: &[&str] = &[
    "ROLE_ADMIN",
    "ROLE_MEMBER",
    "ROLE_UNSPECIFIED",
    "RED",
    "NaN",
    "Infinity",
    "-Infinity",
    "1e3",
    "1.0",
    "-0",
    "1.5",
    "9223372036854775808",
    "18446744073709551615",
    "-9223372036854775809",
    "1e400",
    "3.5e38",
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59.999999999Z",
    "2024-02-30T00:00:00Z",
    "1970-01-01T00:00:00+23:59",
    "1.5s",
    "-.5s",
    "315576000001s",
    "fooBar,baz.quxQuux",
    "foo_bar",
    "AQI=",
    "-_8",
    "AQ=",
    "type.googleapis.com/a.B",
    "",
];

fn arb_key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(KEYS).prop_map(str::to_owned),
        1 => "[a-zA-Z0-9_@.+-]{0,8}",
    ]
}

fn arb_string() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(STRINGS).prop_map(str::to_owned),
        2 => "[0-9eE.+-]{0,12}",
        2 => "[0-9T:Z.+-]{0,32}",
        1 => any::<String>(),
    ]
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
            .map(Value::Number)),
        prop::sample::select(&[0.5, 1.0, -0.0, 1e3, 2147483648.0, 1e19, 3.5e38][..])
            .prop_map(Value::from),
        arb_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((arb_key(), inner), 0..8)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

/// Decodes `text` as `T`; when that works, encodes it, decodes that, and
/// checks the second encoding equals the first.
fn stable<T: Serialize + json::Codec>(text: &str) -> Result<(), TestCaseError> {
    let Ok(value) = json::from_str::<T>(text) else {
        return Ok(());
    };
    // Encoding may refuse (e.g. a FieldMask path that doesn't round-trip),
    // but never panics.
    let Ok(first) = serde_json::to_string(&value) else {
        return Ok(());
    };
    let again: T = json::from_str(&first)
        .map_err(|e| TestCaseError::fail(format!("re-decoding {first}: {e}")))?;
    let second = serde_json::to_string(&again)
        .map_err(|e| TestCaseError::fail(format!("re-encoding {first}: {e}")))?;
    prop_assert_eq!(first, second);
    Ok(())
}

/// [`stable`] for a bare codec type, read as a field (`null` is its
/// default) and written with its codec.
fn stable_codec<T: json::Codec>(text: &str) -> Result<(), TestCaseError> {
    let Ok(Decoded(value)) = serde_json::from_str::<Decoded<T>>(text) else {
        return Ok(());
    };
    let Ok(first) = serde_json::to_string(&Encoded(&value)) else {
        return Ok(());
    };
    let Decoded(again) = serde_json::from_str::<Decoded<T>>(&first)
        .map_err(|e| TestCaseError::fail(format!("re-decoding {first}: {e}")))?;
    let second = serde_json::to_string(&Encoded(&again))
        .map_err(|e| TestCaseError::fail(format!("re-encoding {first}: {e}")))?;
    prop_assert_eq!(first, second);
    Ok(())
}

/// Every decoder, fed the same text.
fn all_decoders(text: &str) -> Result<(), TestCaseError> {
    stable::<Everything>(text)?;
    stable::<TreeNode>(text)?;
    stable::<Credential>(text)?;
    stable::<Session>(text)?;
    stable::<Role>(text)?;
    stable::<Color>(text)?;
    stable::<Any>(text)?;
    stable::<Empty>(text)?;
    stable::<Timestamp>(text)?;
    stable::<Duration>(text)?;
    stable::<FieldMask>(text)?;
    stable_codec::<Struct>(text)?;
    stable_codec::<Option<Value>>(text)?;
    stable_codec::<i64>(text)?;
    stable_codec::<u32>(text)?;
    stable_codec::<f32>(text)?;
    stable_codec::<f64>(text)?;
    stable_codec::<Vec<u8>>(text)?;
    stable_codec::<Vec<Option<u64>>>(text)?;
    stable_codec::<BTreeMap<i32, Role>>(text)?;
    stable_codec::<BTreeMap<bool, Vec<Timestamp>>>(text)?;
    stable_codec::<BTreeMap<u64, Value>>(text)?;
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn arbitrary_json_never_panics(value in arb_json()) {
        all_decoders(&value.to_string())?;
    }

    #[test]
    fn arbitrary_objects_never_panic(entries in prop::collection::vec((arb_key(), arb_json()), 0..10)) {
        let object = Value::Object(entries.into_iter().collect());
        all_decoders(&object.to_string())?;
        // The same members one level down, where the test types nest.
        let nested = serde_json::json!({"child": object, "parent": object, "children": [object], "metadata": object, "user": object});
        all_decoders(&nested.to_string())?;
    }

    /// serde's positional form of a struct is never a message, whatever the
    /// array holds, wherever the message is.
    #[test]
    fn arrays_are_never_messages(items in prop::collection::vec(arb_json(), 0..6)) {
        let array = Value::Array(items);
        let refused = |text: String, what: &str| -> Result<(), TestCaseError> {
            let error = match what {
                "TreeNode" => json::from_str::<TreeNode>(&text).err(),
                _ => json::from_str::<Everything>(&text).err(),
            };
            let error = error.ok_or_else(|| TestCaseError::fail(format!("{text} read as a {what}")))?;
            prop_assert!(error.to_string().contains("expected a JSON object (message "), "{}: {}", text, error);
            Ok(())
        };
        refused(array.to_string(), "TreeNode")?;
        refused(array.to_string(), "Everything")?;
        refused(serde_json::json!({"parent": array}).to_string(), "TreeNode")?;
        refused(serde_json::json!({"children": [{}, array]}).to_string(), "TreeNode")?;
        refused(serde_json::json!({"parent": {"parent": array}}).to_string(), "TreeNode")?;
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        let text = String::from_utf8_lossy(&bytes);
        all_decoders(&text)?;
    }

    #[test]
    fn arbitrary_text_never_panics_the_parsers(text in arb_string()) {
        let _ = text.parse::<Timestamp>();
        let _ = text.parse::<Duration>();
        let _ = text.parse::<FieldMask>();
        all_decoders(&Value::String(text).to_string())?;
    }

    #[test]
    fn integers_round_trip(i in any::<i64>(), u in any::<u64>(), i32v in any::<i32>(), u32v in any::<u32>()) {
        let v = Everything::new().with_int64_value(i).with_uint64_value(u).with_int32_value(i32v).with_uint32_value(u32v);
        let back: Everything = serde_json::from_str(&serde_json::to_string(&v).unwrap()).unwrap();
        prop_assert_eq!(back, v);
        // And from JSON numbers.
        let text = format!(r#"{{"int64Value": {i}, "uint64Value": {u}}}"#);
        let back: Everything = serde_json::from_str(&text).unwrap();
        prop_assert_eq!((back.int64_value, back.uint64_value), (i, u));
    }

    #[test]
    fn floats_round_trip_bit_for_bit(d in any::<f64>(), f in any::<f32>()) {
        let v = Everything::new().with_double_value(d).with_float_value(f);
        let text = serde_json::to_string(&v).unwrap();
        let back: Everything = serde_json::from_str(&text).unwrap();
        if d.is_nan() {
            prop_assert!(back.double_value.is_nan());
        } else {
            prop_assert_eq!(back.double_value.to_bits(), d.to_bits(), "{}", text);
        }
        if f.is_nan() {
            prop_assert!(back.float_value.is_nan());
        } else {
            prop_assert_eq!(back.float_value.to_bits(), f.to_bits(), "{}", text);
        }
        // Go's text for the same values reads back the same way.
        if d.is_finite() {
            prop_assert_eq!(json::format_f64(d).parse::<f64>().unwrap().to_bits(), d.to_bits());
        }
        if f.is_finite() {
            prop_assert_eq!(json::format_f32(f).parse::<f32>().unwrap().to_bits(), f.to_bits());
        }
    }

    #[test]
    fn bytes_round_trip(data in prop::collection::vec(any::<u8>(), 0..40)) {
        let v = Everything::new().with_data(data.clone());
        let text = serde_json::to_string(&v).unwrap();
        let back: Everything = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(&back.data, &data);
        // The URL-safe unpadded spelling reads the same.
        let url = text.replace('+', "-").replace('/', "_").replace('=', "");
        let back: Everything = serde_json::from_str(&url).unwrap();
        prop_assert_eq!(back.data, data);
    }

    #[test]
    fn timestamps_round_trip(seconds in -62_135_596_800i64..=253_402_300_799, nanos in 0i32..1_000_000_000, offset_minutes in -1439i32..=1439) {
        let t = Timestamp::new(seconds, nanos).unwrap();
        let text = t.to_string();
        prop_assert_eq!(text.parse::<Timestamp>(), Ok(t));
        prop_assert!(text.len() == 20 || text.len() == 24 || text.len() == 27 || text.len() == 30, "{}", text);
        // The same instant written in another offset reads back the same.
        let shifted = Timestamp::new(seconds + i64::from(offset_minutes) * 60, nanos);
        if let Ok(shifted) = shifted {
            let local = shifted.to_string();
            let sign = if offset_minutes < 0 { '-' } else { '+' };
            let abs = offset_minutes.unsigned_abs();
            let with_offset = format!("{}{}{:02}:{:02}", &local[..local.len() - 1], sign, abs / 60, abs % 60);
            prop_assert_eq!(with_offset.parse::<Timestamp>(), Ok(t), "{}", with_offset);
        }
    }

    #[test]
    fn durations_round_trip(seconds in -315_576_000_000i64..=315_576_000_000, nanos in 0i32..1_000_000_000) {
        let nanos = if seconds < 0 { -nanos } else { nanos };
        let d = Duration::new(seconds, nanos).unwrap();
        prop_assert_eq!(d.to_string().parse::<Duration>(), Ok(d));
    }

    #[test]
    fn field_masks_round_trip(paths in prop::collection::vec("[a-z][a-z0-9]{0,4}(_[a-z][a-z0-9]{0,4}){0,3}(\\.[a-z][a-z0-9]{0,4}(_[a-z][a-z0-9]{0,4}){0,2}){0,2}", 0..5)) {
        let mask = FieldMask { paths };
        let text = mask.to_json_form().unwrap();
        prop_assert!(!text.contains('_'));
        prop_assert_eq!(text.parse::<FieldMask>(), Ok(mask));
    }
}
