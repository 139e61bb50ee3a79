//! `$ref` resolution inside one document: pointer parsing, chains and cycles.

use super::document::{Json, Node, escape_segment};
use crate::Result;

/// The segments of a local reference (`#/components/schemas/Pet` ->
/// `["components", "schemas", "Pet"]`), percent- and `~`-decoded.
pub fn parse_ref(reference: &str) -> std::result::Result<Vec<String>, String> {
    let Some(fragment) = reference.strip_prefix('#') else {
        return Err(format!(
            "`$ref: {reference}` points outside this document; only local references (`#/...`) are supported"
        ));
    };
    if fragment.is_empty() {
        return Ok(Vec::new());
    }
    let Some(path) = fragment.strip_prefix('/') else {
        return Err(format!(
            "`$ref: {reference}` is not a JSON pointer; anchors are not supported"
        ));
    };
    path.split('/')
        .map(|segment| {
            let decoded = percent_decode(segment)
                .ok_or_else(|| format!("`$ref: {reference}` has a bad percent-escape"))?;
            Ok(decoded.replace("~1", "/").replace("~0", "~"))
        })
        .collect()
}

fn percent_decode(s: &str) -> Option<String> {
    if !s.contains('%') {
        return Some(s.to_string());
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The name of a component schema reference (`#/components/schemas/Pet` -> `Pet`).
pub fn component_schema(reference: &str) -> Option<String> {
    match parse_ref(reference).ok()?.as_slice() {
        [c, s, name] if c == "components" && s == "schemas" => Some(name.clone()),
        _ => None,
    }
}

/// The node a reference points to; `from` is the node holding the `$ref`.
pub fn target<'a>(from: &Node<'a>, reference: &str) -> Result<Node<'a>> {
    let segments = parse_ref(reference).map_err(|m| from.error(m))?;
    let mut value: &'a Json = from.root;
    let mut pointer = String::new();
    for segment in &segments {
        let next = match value {
            Json::Object(_) => value.get(segment),
            Json::Array(items) => segment.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        };
        value = next.ok_or_else(|| {
            from.error(format!(
                "`$ref: {reference}` points to nothing (no `{segment}` at `#{pointer}`)"
            ))
        })?;
        pointer.push('/');
        pointer.push_str(&escape_segment(segment));
    }
    Ok(from.at(value, pointer))
}

/// The `$ref` string of a node, if it has one (an error when it is not a string).
pub fn ref_of<'a>(node: &Node<'a>) -> Result<Option<&'a str>> {
    if !node.is_object() {
        return Ok(None);
    }
    node.str_at("$ref")
}

/// Follows `$ref`s from `node` until a node without one; errors on a
/// dangling reference or a chain that loops.
pub fn resolve<'a>(node: &Node<'a>) -> Result<Node<'a>> {
    let mut current = node.clone();
    let mut seen: Vec<String> = vec![current.pointer.clone()];
    while let Some(reference) = ref_of(&current)? {
        let next = target(&current, reference)?;
        if seen.contains(&next.pointer) {
            seen.push(next.pointer.clone());
            let chain: Vec<String> = seen.iter().map(|p| format!("#{p}")).collect();
            return Err(node.error(format!(
                "`$ref` cycle with no way out: {}",
                chain.join(" -> ")
            )));
        }
        seen.push(next.pointer.clone());
        current = next;
    }
    Ok(current)
}

#[cfg(test)]
mod tests {
    use super::super::document::{Syntax, parse};
    use super::*;

    #[test]
    fn parses_and_decodes_pointers() {
        assert_eq!(
            parse_ref("#/components/schemas/a~1b%20c").unwrap(),
            ["components", "schemas", "a/b c"]
        );
        assert!(parse_ref("other.yaml#/x").is_err());
        assert!(parse_ref("#anchor").is_err());
        assert!(parse_ref("#/a%zz").is_err());
        assert_eq!(
            component_schema("#/components/schemas/Pet").as_deref(),
            Some("Pet")
        );
        assert_eq!(
            component_schema("#/components/schemas/Pet/properties"),
            None
        );
    }

    #[test]
    fn resolves_chains_and_reports_cycles() {
        let text = r##"{"a": {"$ref": "#/b"}, "b": {"$ref": "#/c"}, "c": 1,
                        "x": {"$ref": "#/y"}, "y": {"$ref": "#/x"}, "d": {"$ref": "#/nope"}}"##;
        let doc = parse("t.json", text, Syntax::Json).unwrap();
        let root = Node::root("t.json", &doc);
        let a = resolve(&root.get("a").unwrap()).unwrap();
        assert_eq!(a.pointer, "/c");
        let e = resolve(&root.get("x").unwrap()).unwrap_err();
        assert_eq!(e.location, "t.json#/x");
        assert!(e.message.contains("cycle"), "{e}");
        let e = resolve(&root.get("d").unwrap()).unwrap_err();
        assert!(e.message.contains("points to nothing"), "{e}");
    }
}
