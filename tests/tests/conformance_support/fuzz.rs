//! Bad input for the decoders: arbitrary bytes, token soup, and the
//! vectors' inputs mutated byte by byte and member by member, from a fixed
//! seed. A decoder may refuse any of it but must not panic; what it accepts
//! must encode, and decode again to the same encoding.
//!
//! Panics are not caught: one fails the test. A panic hook prints the case
//! that caused it first.

use std::cell::RefCell;
use std::sync::Once;

use fastrand::Rng;
use rest_sdk_runtime::json::{self, Codec};
use serde::Serialize;
use serde_json::{Map, Value};

use super::vectors::TypeFile;

/// What one type's fuzz run did.
#[derive(Debug, Default)]
pub struct FuzzCount {
    /// Inputs fed to the decoder.
    pub cases: usize,
    /// Inputs it accepted.
    pub accepted: usize,
    /// Accepted inputs that failed to encode or were unstable, with the
    /// input.
    pub failures: Vec<String>,
}

thread_local! {
    /// The input being decoded on this thread, for the panic hook.
    static CURRENT: RefCell<Option<(&'static str, Vec<u8>)>> = const { RefCell::new(None) };
}

static HOOK: Once = Once::new();

/// Adds a panic hook that names the fuzz case being decoded on the
/// panicking thread, then runs the previous hook (the test still fails).
fn install_hook() {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            CURRENT.with(|current| {
                if let Ok(current) = current.try_borrow()
                    && let Some((ty, input)) = current.as_ref()
                {
                    eprintln!(
                        "panic while decoding a fuzz case as {ty}: {:?}",
                        String::from_utf8_lossy(input)
                    );
                }
            });
            previous(info);
        }));
    });
}

/// Strings that mean something to some decoder.
const STRINGS: &[&str] = &[
    "",
    "NaN",
    "Infinity",
    "-Infinity",
    "nan",
    "inf",
    "1e999",
    "-0",
    "0x10",
    " 1",
    "+1",
    "01",
    "1.5",
    "1e2",
    "1e-2",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "18446744073709551615",
    "18446744073709551616",
    "1970-01-01T00:00:00Z",
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59.999999999Z",
    "0000-12-31T00:00:00Z",
    "2020-02-30T00:00:00Z",
    "2020-01-01T23:59:60Z",
    "2020-01-01T00:00:00+23:59",
    "2020-01-01T00:00:00-24:00",
    "2020-01-01T00:00:00.1234567891Z",
    "0001-01-01T00:00:00+00:01",
    "315576000000.999999999s",
    "-315576000000.999999999s",
    "315576000001s",
    "99999999999999999999s",
    "1.0000000000s",
    "-.5s",
    "s",
    "AA==",
    "A",
    "====",
    "_-_-",
    "AAA",
    "PRIMARY_AUTH_FACTOR_EMAIL",
    "PRIMARY_AUTH_FACTOR_UNSPECIFIED",
    "PRIMARY_AUTH_FACTOR_FROM_THE_FUTURE",
    "type.googleapis.com/google.protobuf.Duration",
    "type.googleapis.com/no.such.Type",
    "displayName,createTime",
    "a_b",
    "\u{0}",
    "\u{10FFFF}",
    "\u{2028}",
    "😀",
];

/// Numbers (as JSON text) at the edges of every numeric type.
const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "-0.0",
    "1",
    "-1",
    "1.0",
    "1.5",
    "1e2",
    "1E+2",
    "1e-2",
    "2147483647",
    "2147483648",
    "-2147483649",
    "4294967295",
    "4294967296",
    "9007199254740993",
    "9223372036854775808",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775809",
    "1e308",
    "-1e308",
    "1e309",
    "5e-324",
    "3.4028235e38",
    "3.5e38",
    "1e-46",
    "123456789012345678901234567890",
];

/// Text fragments for byte-level mutation.
const TOKENS: &[&[u8]] = &[
    b"null",
    b"true",
    b"false",
    b"\"NaN\"",
    b"1e999",
    b"-",
    b"\"",
    b"\\",
    b"\\u",
    b"\\ud800",
    b"\\udc00",
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b":",
    b"0",
    b"-0",
    b"1.",
    b"e",
    b" ",
    b"\xff",
    b"\xc3",
    b"\xed\xa0\x80",
    b"\"@type\"",
    b"\"value\"",
    b"18446744073709551616",
    b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    b"{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":",
];

/// Feeds `cases` bad inputs derived from `file`'s vectors to `T`'s decoder.
pub fn fuzz_type<T: Serialize + Codec>(file: &TypeFile, seed: u64, cases: usize) -> FuzzCount {
    install_hook();
    let mut rng = Rng::with_seed(seed ^ file.seed);
    let corpus = corpus(file);
    let trees: Vec<Value> = corpus
        .iter()
        .filter_map(|text| serde_json::from_slice(text).ok())
        .collect();
    let mut keys: Vec<String> = Vec::new();
    for tree in &trees {
        collect_keys(tree, &mut keys);
    }
    keys.sort();
    keys.dedup();
    keys.extend(["@type", "value", "", "1", "true", "noSuchField"].map(String::from));
    let mut count = FuzzCount::default();
    let ty = std::any::type_name::<T>();
    for _ in 0..cases {
        let input = match rng.u8(0..10) {
            0 => (0..rng.usize(0..96)).map(|_| rng.u8(..)).collect(),
            1 => soup(&mut rng),
            2..=5 => {
                let mut bytes = pick(&mut rng, &corpus).to_vec();
                for _ in 0..rng.usize(1..5) {
                    mutate_bytes(&mut rng, &mut bytes, &corpus);
                }
                bytes
            }
            _ if !trees.is_empty() => {
                let mut tree = pick(&mut rng, &trees).clone();
                for _ in 0..rng.usize(1..4) {
                    mutate_tree(&mut rng, &mut tree, &trees, &keys);
                }
                serde_json::to_vec(&tree).unwrap_or_default()
            }
            _ => soup(&mut rng),
        };
        count.cases += 1;
        CURRENT.with(|current| *current.borrow_mut() = Some((ty, input.clone())));
        // As the SDK reads response bodies.
        if let Ok(value) = json::from_slice::<T>(&input) {
            count.accepted += 1;
            if let Err(e) = stable(&value) {
                count.failures.push(format!(
                    "{ty}: {e}; input {:?}",
                    String::from_utf8_lossy(&input)
                ));
            }
        }
        CURRENT.with(|current| *current.borrow_mut() = None);
    }
    count
}

/// What was accepted encodes, decodes again, and encodes the same.
fn stable<T: Serialize + Codec>(value: &T) -> Result<(), String> {
    let encoded =
        serde_json::to_string(value).map_err(|e| format!("accepted but does not encode: {e}"))?;
    let again: T = json::from_str(&encoded)
        .map_err(|e| format!("re-encoding {encoded} does not decode: {e}"))?;
    let encoded_again =
        serde_json::to_string(&again).map_err(|e| format!("does not encode twice: {e}"))?;
    if encoded_again == encoded {
        Ok(())
    } else {
        Err(format!("unstable: {encoded} then {encoded_again}"))
    }
}

/// Every input text of the file's vectors.
fn corpus(file: &TypeFile) -> Vec<Vec<u8>> {
    let mut texts: Vec<&str> = Vec::new();
    texts.extend(file.canonical.iter().map(|r| r.text.as_str()));
    texts.extend(file.unknown_enum_values.iter().map(|r| r.text.as_str()));
    for forms in [&file.server_form, &file.lenient, &file.quirks] {
        texts.extend(forms.iter().map(|r| r.input.as_str()));
    }
    texts.extend(file.rejected.iter().map(|r| r.input.as_str()));
    texts.extend(file.unknown_enum_names.iter().map(|r| r.input.as_str()));
    texts.push("{}");
    texts.into_iter().map(|t| t.as_bytes().to_vec()).collect()
}

fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(..items.len())]
}

/// Tokens in a random order.
fn soup(rng: &mut Rng) -> Vec<u8> {
    let mut out = Vec::new();
    for _ in 0..rng.usize(1..24) {
        match rng.u8(0..3) {
            0 => out.extend_from_slice(pick::<&[u8]>(rng, TOKENS)),
            1 => out.extend_from_slice(pick(rng, NUMBERS).as_bytes()),
            _ => {
                out.push(b'"');
                out.extend_from_slice(pick(rng, STRINGS).as_bytes());
                out.push(b'"');
            }
        }
    }
    out
}

/// One byte-level change.
fn mutate_bytes(rng: &mut Rng, bytes: &mut Vec<u8>, corpus: &[Vec<u8>]) {
    let len = bytes.len();
    let at = rng.usize(..=len);
    match rng.u8(0..7) {
        0 if len > 0 => {
            let i = rng.usize(..len);
            bytes[i] ^= 1 << rng.u8(0..8);
        }
        1 if len > 0 => {
            let end = rng.usize(at..=len);
            bytes.drain(at..end);
        }
        2 => {
            let token = pick(rng, TOKENS);
            bytes.splice(at..at, token.iter().copied());
        }
        3 => bytes.truncate(at),
        4 if len > 0 => {
            let i = rng.usize(..len);
            bytes[i] = rng.u8(..);
        }
        5 => {
            // Splice: our head, another input's tail.
            let other = pick(rng, corpus);
            let from = rng.usize(..=other.len());
            bytes.truncate(at);
            bytes.extend_from_slice(&other[from..]);
        }
        _ => {
            let end = rng.usize(at..=len);
            let copy = bytes[at..end].to_vec();
            bytes.splice(at..at, copy);
        }
    }
}

fn collect_keys(value: &Value, keys: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                keys.push(key.clone());
                collect_keys(child, keys);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_keys(item, keys)),
        _ => {}
    }
}

/// JSON pointers of every node of a tree (the root is `""`).
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let token = key.replace('~', "~0").replace('/', "~1");
                pointers(child, format!("{at}/{token}"), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                pointers(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

/// A random JSON value, nested up to `depth`.
fn random_value(rng: &mut Rng, depth: usize, keys: &[String]) -> Value {
    let choice = if depth == 0 {
        rng.u8(0..4)
    } else {
        rng.u8(0..6)
    };
    match choice {
        0 => Value::Null,
        1 => Value::Bool(rng.bool()),
        2 => serde_json::from_str(pick::<&str>(rng, NUMBERS)).unwrap_or(Value::Null),
        3 => Value::String((*pick(rng, STRINGS)).to_owned()),
        4 => Value::Array(
            (0..rng.usize(0..4))
                .map(|_| random_value(rng, depth - 1, keys))
                .collect(),
        ),
        _ => {
            let mut map = Map::new();
            for _ in 0..rng.usize(0..4) {
                map.insert(pick(rng, keys).clone(), random_value(rng, depth - 1, keys));
            }
            Value::Object(map)
        }
    }
}

/// One member-level change: replace, remove, rename, wrap, graft a node, or
/// turn an object into the array of its values (serde's positional form of
/// a struct, which a message must refuse).
fn mutate_tree(rng: &mut Rng, tree: &mut Value, trees: &[Value], keys: &[String]) {
    let mut all = Vec::new();
    pointers(tree, String::new(), &mut all);
    let target = pick(rng, &all).clone();
    let choice = rng.u8(0..7);
    let replacement = match choice {
        6 => match tree.pointer(&target) {
            Some(Value::Object(map)) => Value::Array(map.values().cloned().collect()),
            _ => return,
        },
        0 | 1 => random_value(rng, 3, keys),
        2 => {
            // A node from another vector (often of the right shape, in the
            // wrong place).
            let mut donors = Vec::new();
            let donor = pick(rng, trees);
            pointers(donor, String::new(), &mut donors);
            let at = pick(rng, &donors);
            donor.pointer(at).cloned().unwrap_or(Value::Null)
        }
        3 => Value::Array(vec![tree.pointer(&target).cloned().unwrap_or(Value::Null)]),
        4 => {
            let mut map = Map::new();
            map.insert(
                pick(rng, keys).clone(),
                tree.pointer(&target).cloned().unwrap_or(Value::Null),
            );
            Value::Object(map)
        }
        _ => {
            // Remove the node, or rename it when it is a member.
            if let Some((parent, last)) = target.rsplit_once('/') {
                let new_key = pick(rng, keys).clone();
                match tree.pointer_mut(parent) {
                    Some(Value::Object(map)) => {
                        let key = last.replace("~1", "/").replace("~0", "~");
                        if let Some(old) = map.remove(&key)
                            && rng.bool()
                        {
                            map.insert(new_key, old);
                        }
                    }
                    Some(Value::Array(items)) => {
                        if let Ok(i) = last.parse::<usize>()
                            && i < items.len()
                        {
                            items.remove(i);
                        }
                    }
                    _ => {}
                }
            }
            return;
        }
    };
    if let Some(slot) = tree.pointer_mut(&target) {
        *slot = replacement;
    }
}
