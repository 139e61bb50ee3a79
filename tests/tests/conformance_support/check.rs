//! Runs every vector of one type file against one Rust type, and tallies
//! what happened.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rest_sdk_runtime::json::{self, Codec};
use serde::Serialize;
use serde_json::Value;

use super::any::read_payloads;
use super::compare::{Float32, same_text, same_value};
use super::vectors::{Encoding, Form, TypeFile, UnknownName};

/// `rejected` kinds where the SDK deliberately accepts what the reference
/// refuses (`conformance/README.md`, "Where the SDK deliberately differs").
pub const ACCEPTED_BY_DESIGN: &[&str] = &["unknown_field", "any_unknown_type"];

/// `quirks` kinds the SDK may accept by keeping the input as it came
/// (written back unchanged) where the reference reads something else.
pub const KEPT_AS_RECEIVED: &[(&str, &str)] = &[
    (
        "enum_number_string",
        "an enum name the SDK does not know (\"1\") is kept as UnknownValue, like any unknown name",
    ),
    (
        "any_extra_member",
        "wkt::Any keeps its payload as the JSON received",
    ),
];

/// `rejected` kinds about the document as a whole, where no field can be
/// named: everything else is about one member, which the error must name.
const WHOLE_DOCUMENT_KINDS: &[&str] = &[
    "top_level_null",
    "top_level_number",
    "top_level_string",
    "invalid_json",
    "trailing_comma",
    "single_quotes",
    "duplicate_member",
    "json_and_proto_name",
    "oneof_two_members",
];

/// Round trips of one `canonical` or `unknown_enum_values` section.
#[derive(Debug, Default)]
pub struct RoundTrips {
    /// Records checked.
    pub vectors: usize,
    /// Re-encoded text identical to the reference text, byte for byte.
    pub identical_text: usize,
    /// Identical but for the member order of Any payloads (the SDK writes
    /// them sorted).
    pub member_order_only: usize,
    /// Records with float-notation numbers compared by value (all else
    /// byte for byte).
    pub with_floats: usize,
    /// Those numbers.
    pub float_numbers: usize,
}

/// Everything the run saw.
#[derive(Debug, Default)]
pub struct Tally {
    /// `canonical`.
    pub canonical: RoundTrips,
    /// `unknown_enum_values`.
    pub unknown_enum_values: RoundTrips,
    /// `server_form` records read as their canonical form.
    pub server_form: usize,
    /// `lenient` records read as their canonical form.
    pub lenient: usize,
    /// Of those, records the reference read ignoring unknown fields (the
    /// SDK always ignores them).
    pub lenient_ignoring_unknown: usize,
    /// `server_form`, `lenient` and `quirks` records whose match needed
    /// their Any payloads read as their types.
    pub forms_via_any_payloads: usize,
    /// `quirks` the SDK accepts and reads as the reference does.
    pub quirks_same: usize,
    /// `quirks` the SDK accepts and keeps as they came (written back
    /// unchanged).
    pub quirks_verbatim: usize,
    /// `quirks` the SDK refuses (as Go's protojson does).
    pub quirks_refused: usize,
    /// `rejected` records refused, by kind.
    pub rejected_refused: BTreeMap<String, usize>,
    /// Of those, errors whose path names a member of the input.
    pub rejected_with_path: usize,
    /// `rejected` records of [`ACCEPTED_BY_DESIGN`] kinds, accepted.
    pub rejected_accepted_by_design: usize,
    /// `unknown_enum_names` records kept and written back.
    pub unknown_enum_names: usize,
    /// Every failure, with its place.
    pub mismatches: Vec<String>,
}

impl Tally {
    /// Vectors checked, over all sections.
    pub fn total(&self) -> usize {
        self.canonical.vectors
            + self.unknown_enum_values.vectors
            + self.server_form
            + self.lenient
            + self.quirks_same
            + self.quirks_verbatim
            + self.quirks_refused
            + self.rejected_refused.values().sum::<usize>()
            + self.rejected_accepted_by_design
            + self.unknown_enum_names
            + self.mismatches.len()
    }

    /// A table of the counts.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        for (name, r) in [
            ("canonical", &self.canonical),
            ("unknown_enum_values", &self.unknown_enum_values),
        ] {
            let _ = writeln!(
                out,
                "{name:>20}: {} round trips; text identical byte for byte: {}; identical but for \
                 the member order of Any payloads: {}; with float-notation numbers compared by \
                 value, all else byte for byte: {} ({} numbers)",
                r.vectors, r.identical_text, r.member_order_only, r.with_floats, r.float_numbers
            );
        }
        let _ = writeln!(
            out,
            "{:>20}: {} read as their canonical form",
            "server_form", self.server_form
        );
        let _ = writeln!(
            out,
            "{:>20}: {} read as their canonical form ({} parsed by the reference ignoring unknown fields)",
            "lenient", self.lenient, self.lenient_ignoring_unknown
        );
        let _ = writeln!(
            out,
            "{:>20}: {} accepted and read as the reference reads them, {} accepted and kept as they came, {} refused",
            "quirks", self.quirks_same, self.quirks_verbatim, self.quirks_refused
        );
        for (kind, why) in KEPT_AS_RECEIVED {
            let _ = writeln!(out, "{:>20}  kept by design ({kind}): {why}", "");
        }
        let _ = writeln!(
            out,
            "{:>20}: {} server_form/lenient/quirks records matched once Any payloads were read as their types",
            "any payloads", self.forms_via_any_payloads
        );
        let refused: usize = self.rejected_refused.values().sum();
        let _ = writeln!(
            out,
            "{:>20}: {refused} refused ({} with the member named in the error path), {} accepted by design ({})",
            "rejected",
            self.rejected_with_path,
            self.rejected_accepted_by_design,
            ACCEPTED_BY_DESIGN.join(", ")
        );
        let _ = writeln!(
            out,
            "{:>20}: {} kept and written back",
            "unknown_enum_names", self.unknown_enum_names
        );
        let _ = writeln!(out, "{:>20}: {}", "total", self.total());
        let _ = write!(out, "{:>20}: {}", "mismatches", self.mismatches.len());
        out
    }
}

/// Decodes as the SDK decodes a response body (`json::from_slice`); the
/// error carries the path `serde_path_to_error` finds (`users[1].createTime`,
/// `.` at the top).
pub fn decode<T: Codec>(text: &str) -> Result<T, DecodeError> {
    let sdk = json::from_slice::<T>(text.as_bytes());
    let de = &mut serde_json::Deserializer::from_str(text);
    let mut track = serde_path_to_error::Track::new();
    let located = T::decode(serde_path_to_error::Deserializer::new(&mut *de, &mut track))
        .map(|_| ())
        .map_err(|_| track.path().to_string())
        .and_then(|()| de.end().map_err(|_| ".".to_owned()));
    match (sdk, located) {
        (Ok(value), Ok(())) => Ok(value),
        (Err(e), Err(path)) => Err(DecodeError {
            path,
            message: e.to_string(),
        }),
        (Ok(_), Err(path)) => Err(DecodeError {
            path,
            message: "serde_path_to_error refuses what serde_json accepts".to_owned(),
        }),
        (Err(e), Ok(())) => Err(DecodeError {
            path: String::new(),
            message: format!("serde_path_to_error accepts what serde_json refuses: {e}"),
        }),
    }
}

/// A decode error and where serde saw it.
#[derive(Debug)]
pub struct DecodeError {
    /// `serde_path_to_error`'s path (`.` at the top level).
    pub path: String,
    /// serde_json's message (with line and column).
    pub message: String,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Decodes, re-encodes, and checks that the re-encoding decodes to the
/// same text again (the value is stable).
fn round_trip<T: Serialize + Codec>(text: &str) -> Result<String, String> {
    let value: T = decode(text).map_err(|e| format!("does not decode: {e}"))?;
    let encoded = serde_json::to_string(&value).map_err(|e| format!("does not encode: {e}"))?;
    let again: T =
        decode(&encoded).map_err(|e| format!("re-encoding {encoded} does not decode: {e}"))?;
    let encoded_again =
        serde_json::to_string(&again).map_err(|e| format!("does not encode twice: {e}"))?;
    if encoded_again != encoded {
        return Err(format!("unstable: {encoded} then {encoded_again}"));
    }
    Ok(encoded)
}

/// A long text cut down for messages: its start and its end.
fn clip(text: &str) -> String {
    const KEEP: usize = 240;
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= 2 * KEEP {
        return text.to_owned();
    }
    let head: String = chars[..KEEP].iter().collect();
    let tail: String = chars[chars.len() - KEEP..].iter().collect();
    format!("{head} … {tail}")
}

fn parse(text: &str, what: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|e| format!("{what} is not JSON: {e}"))
}

fn float32(pointers: &[String]) -> Float32 {
    pointers.iter().cloned().collect()
}

/// Decodes a text as `T` and encodes it again.
pub fn reencode<T: Serialize + Codec>(text: &str) -> Result<String, String> {
    let value: T = decode(text).map_err(|e| format!("does not decode: {e}"))?;
    serde_json::to_string(&value).map_err(|e| format!("does not encode: {e}"))
}

/// Runs every record of `file` against `T`, adding to `tally`.
pub fn check_file<T: Serialize + Codec>(file: &TypeFile, tally: &mut Tally) {
    let ty = &file.type_name;
    for (section, records, counts) in [
        ("canonical", &file.canonical, &mut tally.canonical),
        (
            "unknown_enum_values",
            &file.unknown_enum_values,
            &mut tally.unknown_enum_values,
        ),
    ] {
        for record in records {
            match check_encoding::<T>(record, counts) {
                Ok(()) => counts.vectors += 1,
                Err(e) => tally
                    .mismatches
                    .push(format!("{ty} {section} {:?}: {e}", record.name)),
            }
        }
    }
    for (section, records) in [
        ("server_form", &file.server_form),
        ("lenient", &file.lenient),
    ] {
        for (i, record) in records.iter().enumerate() {
            let place = format!("{ty} {section}[{i}] {:?}", record.label());
            match check_form::<T>(record) {
                Ok(found) => {
                    if section == "server_form" {
                        tally.server_form += 1;
                    } else {
                        tally.lenient += 1;
                        if record.ignore_unknown_fields {
                            tally.lenient_ignoring_unknown += 1;
                        }
                    }
                    if found == FormMatch::AfterAnyPayloads {
                        tally.forms_via_any_payloads += 1;
                    }
                }
                Err(e) => tally.mismatches.push(format!("{place}: {e}")),
            }
        }
    }
    for (i, record) in file.quirks.iter().enumerate() {
        // Refusing is fine. Accepting is fine with the reference's reading,
        // or when the SDK keeps the input as it came (an unknown enum name,
        // an Any payload); not when it reads something else.
        if decode::<T>(&record.input).is_err() {
            tally.quirks_refused += 1;
            continue;
        }
        match check_form::<T>(record) {
            Ok(found) => {
                tally.quirks_same += 1;
                if found == FormMatch::AfterAnyPayloads {
                    tally.forms_via_any_payloads += 1;
                }
            }
            Err(e) => {
                let kept = KEPT_AS_RECEIVED
                    .iter()
                    .any(|(kind, _)| record.kind.as_deref() == Some(kind))
                    && accepted_unchanged::<T>(&record.input, "quirk").is_ok();
                if kept {
                    tally.quirks_verbatim += 1;
                } else {
                    tally.mismatches.push(format!(
                        "{ty} quirks[{i}] {:?}: accepted with another meaning: {e}",
                        record.label()
                    ));
                }
            }
        }
    }
    for (i, record) in file.rejected.iter().enumerate() {
        let place = format!("{ty} rejected[{i}] {:?} {}", record.kind, record.input);
        if ACCEPTED_BY_DESIGN.contains(&record.kind.as_str()) {
            let accepted = if record.kind == "unknown_field" {
                unknown_member_ignored::<T>(&record.input)
            } else {
                accepted_unchanged::<T>(&record.input, &record.kind)
            };
            match accepted {
                Ok(()) => tally.rejected_accepted_by_design += 1,
                Err(e) => tally.mismatches.push(format!("{place}: {e}")),
            }
            continue;
        }
        match decode::<T>(&record.input) {
            Ok(value) => tally.mismatches.push(format!(
                "{place}: accepted, as {} (the reference: {})",
                serde_json::to_string(&value).unwrap_or_else(|e| format!("<unencodable: {e}>")),
                record.error
            )),
            Err(error) => {
                if WHOLE_DOCUMENT_KINDS.contains(&record.kind.as_str()) {
                    *tally
                        .rejected_refused
                        .entry(record.kind.clone())
                        .or_default() += 1;
                } else {
                    match names_a_member(&error.path, &record.input) {
                        Ok(()) => {
                            tally.rejected_with_path += 1;
                            *tally
                                .rejected_refused
                                .entry(record.kind.clone())
                                .or_default() += 1;
                        }
                        Err(e) => tally.mismatches.push(format!("{place}: {e} ({error})")),
                    }
                }
            }
        }
    }
    for (i, record) in file.unknown_enum_names.iter().enumerate() {
        match check_unknown_name::<T>(record) {
            Ok(()) => tally.unknown_enum_names += 1,
            Err(e) => tally.mismatches.push(format!(
                "{ty} unknown_enum_names[{i}] {}: {e} (the reference: {})",
                record.input, record.strict_error
            )),
        }
    }
}

/// A canonical record: decodes, re-encodes to the same value and text.
fn check_encoding<T: Serialize + Codec>(
    record: &Encoding,
    counts: &mut RoundTrips,
) -> Result<(), String> {
    let float32 = float32(&record.float32);
    let json = parse(record.json.get(), "json")?;
    same_value(&parse(&record.text, "text")?, &json, &Float32::new())
        .map_err(|e| format!("vector's json and text disagree {e}"))?;
    let encoded = round_trip::<T>(&record.text)?;
    same_value(&parse(&encoded, "SDK output")?, &json, &float32).map_err(|e| {
        format!(
            "re-encoded value differs {e}\n  SDK       {}\n  reference {}",
            clip(&encoded),
            clip(&record.text)
        )
    })?;
    let found = same_text(&encoded, &record.text, &float32).map_err(|e| {
        format!(
            "re-encoded text differs {e}\n  SDK       {}\n  reference {}",
            clip(&encoded),
            clip(&record.text)
        )
    })?;
    if found.identical() {
        counts.identical_text += 1;
    } else if found.floats_by_value == 0 {
        counts.member_order_only += 1;
    }
    if found.floats_by_value > 0 {
        counts.with_floats += 1;
        counts.float_numbers += found.floats_by_value;
    }
    Ok(())
}

/// How an input matched its canonical form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FormMatch {
    /// The SDK's values of the input and of the canonical form encode to the
    /// same bytes.
    Exact,
    /// The same once Any payloads are read as their types (the SDK keeps
    /// payloads as received; see `any.rs`).
    AfterAnyPayloads,
}

/// An input that must read as its canonical form: the SDK's value of the
/// input and of the canonical text encode to the same bytes (or the same
/// value once Any payloads are read as their types), and that is the
/// reference's canonical value.
fn check_form<T: Serialize + Codec>(record: &Form) -> Result<FormMatch, String> {
    let float32 = float32(&record.float32);
    let from_input = round_trip::<T>(&record.input).map_err(|e| format!("input {e}"))?;
    let from_canonical =
        round_trip::<T>(record.canonical.get()).map_err(|e| format!("canonical form {e}"))?;
    let mut sdk = parse(&from_input, "SDK output")?;
    let mut canonical = parse(record.canonical.get(), "canonical")?;
    let show = || {
        format!(
            "\n  input     {}\n  SDK       {}\n  canonical {}",
            clip(&record.input),
            clip(&from_input),
            clip(&from_canonical)
        )
    };
    if from_input == from_canonical {
        same_value(&sdk, &canonical, &float32)
            .map_err(|e| format!("SDK value differs from the canonical form {e}{}", show()))?;
        return Ok(FormMatch::Exact);
    }
    read_payloads(&mut sdk).map_err(|e| {
        format!(
            "input reads differently from its canonical form ({e}){}",
            show()
        )
    })?;
    read_payloads(&mut canonical).map_err(|e| format!("canonical form: {e}"))?;
    same_value(&sdk, &canonical, &float32).map_err(|e| {
        format!(
            "input reads differently from its canonical form {e}{}",
            show()
        )
    })?;
    Ok(FormMatch::AfterAnyPayloads)
}

/// An input the SDK must accept and write back as it came (value
/// comparison: member order and number notation aside).
fn accepted_unchanged<T: Serialize + Codec>(input: &str, what: &str) -> Result<(), String> {
    let encoded = round_trip::<T>(input).map_err(|e| format!("{what}: {e}"))?;
    same_value(
        &parse(&encoded, "SDK output")?,
        &parse(input, "input")?,
        &Float32::new(),
    )
    .map_err(|e| {
        format!(
            "{what}: not written back unchanged {e}\n  SDK   {}\n  input {}",
            clip(&encoded),
            clip(input)
        )
    })
}

/// The member the vectors use for a field no version has.
const UNKNOWN_MEMBER: &str = "noSuchField";

/// An `unknown_field` input: the SDK ignores the unknown member (a newer
/// server may send fields this SDK does not know), reading the input as
/// the same input without it.
fn unknown_member_ignored<T: Serialize + Codec>(input: &str) -> Result<(), String> {
    let mut without = parse(input, "input")?;
    let removed = without
        .as_object_mut()
        .and_then(|m| m.remove(UNKNOWN_MEMBER));
    if removed.is_none() {
        return Err(format!("no {UNKNOWN_MEMBER:?} member in the input"));
    }
    let encoded = round_trip::<T>(input).map_err(|e| format!("unknown member not ignored: {e}"))?;
    let expected = round_trip::<T>(&without.to_string())?;
    if encoded == expected {
        Ok(())
    } else {
        Err(format!(
            "reads as {encoded}, but without the unknown member as {expected}"
        ))
    }
}

/// An unknown enum name: the reference refuses it (or drops it when told
/// to ignore unknown fields); the SDK keeps it and writes it back.
fn check_unknown_name<T: Serialize + Codec>(record: &UnknownName) -> Result<(), String> {
    accepted_unchanged::<T>(&record.input, "unknown enum name")?;
    // What the reference keeps is an ordinary message; the SDK's reading
    // differs from it exactly by the kept name.
    let dropped = round_trip::<T>(record.canonical_ignoring_unknown.get())
        .map_err(|e| format!("canonical_ignoring_unknown {e}"))?;
    let kept = round_trip::<T>(&record.input)?;
    if kept == dropped {
        return Err(format!("the unknown name was dropped: {kept}"));
    }
    Ok(())
}

/// Whether an error path's first segment is a member of the input object
/// (`createdAfter` for `{"createdAfter": "x"}`).
fn names_a_member(path: &str, input: &str) -> Result<(), String> {
    let first = path.split(['.', '[']).next().unwrap_or("");
    if first.is_empty() {
        return Err(format!("the error path {path:?} names no member"));
    }
    // Inputs may hold text serde_json refuses (lone surrogates), so look
    // for the member's key in the text.
    if input.contains(&format!("\"{first}\":")) {
        Ok(())
    } else {
        Err(format!(
            "the error path {path:?} names no member of the input"
        ))
    }
}
