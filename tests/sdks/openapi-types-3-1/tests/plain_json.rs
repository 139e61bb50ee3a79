//! A plain-JSON API (an OpenAPI document, not protojson): 64-bit integers
//! travel as JSON numbers, and still decode from strings.

use openapi_types_3_1::model::Sample;
use serde_json::json;

#[test]
fn int64_fields_are_written_as_json_numbers() {
    let sample = Sample::new()
        .with_plain_integer(9_007_199_254_740_993_i64)
        .with_priority(-5);
    let value = serde_json::to_value(&sample).unwrap();
    assert_eq!(value["plainInteger"], json!(9_007_199_254_740_993_i64));
    assert_eq!(value["priority"], json!(-5));
    let back: Sample = serde_json::from_value(value).unwrap();
    assert_eq!(back, sample);
}

#[test]
fn int64_fields_also_read_strings() {
    let sample: Sample = serde_json::from_value(json!({"plainInteger": "42"})).unwrap();
    assert_eq!(sample.plain_integer, Some(42));
}
