//! Mutated OpenAPI documents never panic the importer: every failure is an
//! `Error` located in the file (a JSON pointer, or a line and column).
//!
//! Inputs: the real Tesseral documents (when `../shared` is there) and our
//! fixtures. Mutations, from a fixed seed: keys and items deleted, values
//! replaced by values of other types, `$ref`s broken (dangling, external,
//! self-referencing, pointing at non-schemas), subtrees copied elsewhere,
//! keys renamed, and the text truncated or corrupted.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use codegen::frontend::openapi::{self, document::Syntax};
use serde_json::Value;

/// splitmix64: a small deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Every node's path from the root (keys and indexes).
fn paths(v: &Value, here: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(here.clone());
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                here.push(Step::Key(k.clone()));
                paths(child, here, out);
                here.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                here.push(Step::Index(i));
                paths(child, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

fn at<'a>(v: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    let mut cur = v;
    for s in path {
        cur = match (s, cur) {
            (Step::Key(k), Value::Object(m)) => m.get_mut(k)?,
            (Step::Index(i), Value::Array(a)) => a.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(cur)
}

fn pointer(path: &[Step]) -> String {
    path.iter()
        .map(|s| match s {
            Step::Key(k) => format!("/{}", k.replace('~', "~0").replace('/', "~1")),
            Step::Index(i) => format!("/{i}"),
        })
        .collect()
}

/// The node paths of the unmutated document: a path a previous mutation
/// removed simply finds nothing.
struct Places {
    all: Vec<Vec<Step>>,
    refs: Vec<Vec<Step>>,
}

impl Places {
    fn of(doc: &Value) -> Places {
        let mut all = Vec::new();
        paths(doc, &mut Vec::new(), &mut all);
        let refs = all
            .iter()
            .filter(|p| matches!(p.last(), Some(Step::Key(k)) if k == "$ref"))
            .cloned()
            .collect();
        Places { all, refs }
    }
}

/// One random change to the tree.
fn mutate(doc: &mut Value, places: &Places, rng: &mut Rng) {
    let Places { all, refs } = places;
    let target = all[rng.below(all.len())].clone();
    match rng.below(6) {
        // Delete a key or an item.
        0 => {
            if let Some((last, parent)) = target.split_last() {
                match (last, at(doc, parent)) {
                    (Step::Key(k), Some(Value::Object(m))) => {
                        m.remove(k);
                    }
                    (Step::Index(i), Some(Value::Array(a))) if *i < a.len() => {
                        a.remove(*i);
                    }
                    _ => {}
                }
            }
        }
        // Swap a value for one of another type.
        1 => {
            let replacement = match rng.below(8) {
                0 => Value::Null,
                1 => Value::Bool(rng.below(2) == 0),
                2 => Value::from(rng.below(1000) as i64 - 500),
                3 => Value::from(1.5),
                4 => Value::from("x"),
                5 => Value::Array(vec![Value::from("string")]),
                6 => Value::Object(Default::default()),
                _ => Value::from("3.0.3"),
            };
            if let Some(v) = at(doc, &target) {
                *v = replacement;
            }
        }
        // Break a reference.
        2 if !refs.is_empty() => {
            let r = refs[rng.below(refs.len())].clone();
            let own = pointer(&r[..r.len() - 1]);
            let other = pointer(&all[rng.below(all.len())]);
            let new = match rng.below(6) {
                0 => "#/components/schemas/DoesNotExist".to_string(),
                1 => format!("#{own}"),
                2 => "other.yaml#/components/schemas/Pet".to_string(),
                3 => "#/components/schemas/%zz".to_string(),
                4 => format!("#{other}"),
                _ => "#".to_string(),
            };
            if let Some(v) = at(doc, &r) {
                *v = Value::from(new);
            }
        }
        // Copy a subtree somewhere else.
        3 => {
            let source = all[rng.below(all.len())].clone();
            let copy = at(doc, &source).cloned();
            if let (Some(copy), Some(v)) = (copy, at(doc, &target)) {
                *v = copy;
            }
        }
        // Rename a key.
        4 => {
            if let Some((Step::Key(k), parent)) = target.split_last() {
                if let Some(Value::Object(m)) = at(doc, parent) {
                    if let Some(v) = m.remove(k) {
                        let renamed = match rng.below(3) {
                            0 => format!("{k}x"),
                            1 => "type".to_string(),
                            _ => "$ref".to_string(),
                        };
                        m.insert(renamed, v);
                    }
                }
            }
        }
        // Empty a container.
        _ => match at(doc, &target) {
            Some(Value::Object(m)) => m.clear(),
            Some(Value::Array(a)) => a.clear(),
            _ => {}
        },
    }
}

/// Imports `text`; panics are failures, errors must be located in `name`.
fn check(name: &str, text: &str, syntax: Syntax, outcome: &mut (usize, usize)) {
    let result = catch_unwind(AssertUnwindSafe(|| {
        openapi::import_text(name, text, syntax)
    }));
    match result {
        Err(_) => panic!("import panicked on a mutation of {name}:\n{text}"),
        Ok(Ok(_)) => outcome.0 += 1,
        Ok(Err(e)) => {
            outcome.1 += 1;
            let located = e.location == name
                || e.location.starts_with(&format!("{name}#"))
                || e.location.starts_with(&format!("{name}:"));
            assert!(located, "error without a location in {name}: {e}");
            assert!(!e.message.is_empty(), "empty message at {}", e.location);
        }
    }
}

fn inputs() -> Vec<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(manifest.join("tests/fixtures/openapi"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "json"))
        .collect();
    files.sort();
    if let Some(shared) = crate::shared() {
        files.push(shared.join("latest/openapi.yaml"));
        files.push(shared.join("fern-openapi.json"));
    }
    files
}

fn load(path: &Path) -> (String, Value) {
    let text = std::fs::read_to_string(path).unwrap();
    let value: Value = if path.extension().is_some_and(|e| e == "json") {
        serde_json::from_str(&text).unwrap()
    } else {
        serde_yaml::from_str(&text).unwrap()
    };
    (text, value)
}

#[test]
fn mutated_trees_never_panic() {
    let mut outcome = (0, 0);
    for (n, path) in inputs().into_iter().enumerate() {
        let (_, original) = load(&path);
        let places = Places::of(&original);
        let mut rng = Rng(0x5eed_0000 + n as u64);
        // The real documents are ten times the size of a fixture: fewer rounds.
        let rounds = if path.to_string_lossy().contains("fixtures") {
            300
        } else {
            100
        };
        for i in 0..rounds {
            let mut doc = original.clone();
            for _ in 0..=rng.below(3) {
                mutate(&mut doc, &places, &mut rng);
            }
            if i % 10 == 0 {
                let text = serde_yaml::to_string(&doc).unwrap();
                check("mutated.yaml", &text, Syntax::Yaml, &mut outcome);
            } else {
                let text = serde_json::to_string(&doc).unwrap();
                check("mutated.json", &text, Syntax::Json, &mut outcome);
            }
        }
    }
    println!(
        "tree mutations: {} imported, {} errors",
        outcome.0, outcome.1
    );
    assert!(outcome.0 > 0 && outcome.1 > 0, "{outcome:?}");
}

#[test]
fn damaged_text_never_panics() {
    let mut outcome = (0, 0);
    for (n, path) in inputs().into_iter().enumerate() {
        let (text, _) = load(&path);
        let syntax = if path.extension().is_some_and(|e| e == "json") {
            Syntax::Json
        } else {
            Syntax::Yaml
        };
        let name = if syntax == Syntax::Json {
            "damaged.json"
        } else {
            "damaged.yaml"
        };
        let mut rng = Rng(0xda4a_9e00 + n as u64);
        for _ in 0..40 {
            // Truncated at a random character.
            let cut = rng.below(text.len());
            let cut = (0..=cut)
                .rev()
                .find(|i| text.is_char_boundary(*i))
                .unwrap_or(0);
            check(name, &text[..cut], syntax, &mut outcome);
            // A few characters replaced by syntax characters.
            let mut bytes = text.clone().into_bytes();
            for _ in 0..3 {
                let i = rng.below(bytes.len());
                if bytes[i].is_ascii() {
                    const SYNTAX: &[u8] = b":{}[]-'\"#&*!|>% \n\t";
                    bytes[i] = SYNTAX[rng.below(SYNTAX.len())];
                }
            }
            if let Ok(damaged) = String::from_utf8(bytes) {
                check(name, &damaged, syntax, &mut outcome);
            }
        }
    }
    println!("text damage: {} imported, {} errors", outcome.0, outcome.1);
    assert!(outcome.1 > 0, "{outcome:?}");
}
