//! Reading `google.protobuf.Any` payloads as their types.
//!
//! The SDK's `wkt::Any` keeps its payload as the JSON it received (it has no
//! registry of message types); a program reads the payload with
//! `Any::to_message::<T>()`. The reference, which knows every type, writes
//! the payload canonically. So where a lenient input puts a non-canonical
//! payload in an `Any` (proto field names, enum numbers, `"1.5s"`), the
//! SDK's value is the same once the payload is read as its type: that is
//! what [`read_payloads`] does, on both sides of a comparison.

use serde_json::{Map, Value};

use super::types::MAPPED;

/// Well-known types that may be Any payloads, with the `WellKnown` field
/// (conformance proto) of that type used to read their `"value"`.
const WELL_KNOWN: &[(&str, &str)] = &[
    ("google.protobuf.Timestamp", "timestamp"),
    ("google.protobuf.Duration", "duration"),
    ("google.protobuf.FieldMask", "fieldMask"),
    ("google.protobuf.Struct", "struct"),
    ("google.protobuf.Value", "value"),
    ("google.protobuf.ListValue", "listValue"),
    ("google.protobuf.DoubleValue", "doubleWrapper"),
    ("google.protobuf.FloatValue", "floatWrapper"),
    ("google.protobuf.Int64Value", "int64Wrapper"),
    ("google.protobuf.UInt64Value", "uint64Wrapper"),
    ("google.protobuf.Int32Value", "int32Wrapper"),
    ("google.protobuf.UInt32Value", "uint32Wrapper"),
    ("google.protobuf.BoolValue", "boolWrapper"),
    ("google.protobuf.StringValue", "stringWrapper"),
    ("google.protobuf.BytesValue", "bytesWrapper"),
];

/// Replaces every Any payload of a known type in `value` with the SDK's
/// encoding of that payload read as its type. Payloads of unknown types are
/// left as they are; a payload its type refuses is an error.
pub fn read_payloads(value: &mut Value) -> Result<(), String> {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(url)) = map.get("@type") {
                let url = url.clone();
                let mut payload = map.clone();
                payload.remove("@type");
                if let Some(read) = read_payload(&url, payload)? {
                    *map = read;
                    map.insert("@type".to_owned(), Value::String(url));
                    return Ok(());
                }
            }
            map.values_mut().try_for_each(read_payloads)
        }
        Value::Array(items) => items.iter_mut().try_for_each(read_payloads),
        _ => Ok(()),
    }
}

/// The payload read as the type the URL names; `None` for a type we have
/// no Rust type for.
fn read_payload(
    url: &str,
    payload: Map<String, Value>,
) -> Result<Option<Map<String, Value>>, String> {
    let name = url.rsplit_once('/').map_or(url, |(_, name)| name);
    if name == "google.protobuf.Empty" {
        return if payload.is_empty() {
            Ok(Some(payload))
        } else {
            Err(format!("{url}: an Empty payload with members {payload:?}"))
        };
    }
    if let Some((_, field)) = WELL_KNOWN.iter().find(|(wkt, _)| *wkt == name) {
        let inner = match (payload.len(), payload.get("value")) {
            (1, Some(inner)) => inner.clone(),
            _ => return Err(format!("{url}: a payload other than {{\"value\": ...}}")),
        };
        let mut holder = Map::new();
        holder.insert((*field).to_owned(), inner);
        let text = serde_json::to_string(&holder).map_err(|e| e.to_string())?;
        let encoded = reencode(name, "conformance.v1.WellKnown", &text)?;
        let read = encoded.get(*field).cloned().unwrap_or(Value::Null);
        let mut out = Map::new();
        out.insert("value".to_owned(), read);
        return Ok(Some(out));
    }
    if MAPPED.iter().any(|m| m.proto == name) {
        let text = serde_json::to_string(&payload).map_err(|e| e.to_string())?;
        let mut read = Value::Object(reencode(name, name, &text)?);
        read_payloads(&mut read)?;
        if let Value::Object(map) = read {
            return Ok(Some(map));
        }
    }
    Ok(None)
}

/// `text` decoded as the Rust type of `proto` and encoded again.
fn reencode(payload_type: &str, proto: &str, text: &str) -> Result<Map<String, Value>, String> {
    let mapped = MAPPED
        .iter()
        .find(|m| m.proto == proto)
        .ok_or_else(|| format!("no Rust type for {proto}"))?;
    let encoded =
        (mapped.reencode)(text).map_err(|e| format!("an Any payload of {payload_type}: {e}"))?;
    match serde_json::from_str(&encoded) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(other) => Err(format!("{proto} encoded as {other}")),
        Err(e) => Err(format!("{proto} encoded as invalid JSON: {e}")),
    }
}
