//! Writing responses: canonical JSON (pretty on a terminal, compact when
//! piped), JSON Lines, YAML or a table ([`Format`]).

use std::io::{self, Write};

use crate::ordered::Json;

/// `--output`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The response as JSON; with `--all`, one array of every item.
    Json,
    /// One compact JSON value per line: the items of a list, else the response.
    Jsonl,
    /// The response (or the items of a list) as YAML.
    Yaml,
    /// The items of a list, or the resource of a response, as a table: one
    /// row per item, a column per member.
    Table,
}

impl Format {
    /// The names `--output` takes.
    pub(crate) const NAMES: [&'static str; 4] = ["json", "jsonl", "yaml", "table"];

    pub(crate) fn from_name(name: &str) -> Option<Format> {
        match name {
            "json" => Some(Format::Json),
            "jsonl" => Some(Format::Jsonl),
            "yaml" => Some(Format::Yaml),
            "table" => Some(Format::Table),
            _ => None,
        }
    }
}

/// Where output goes and how it looks.
pub(crate) struct Output<'w> {
    pub out: &'w mut dyn Write,
    pub format: Format,
    /// Indented JSON (stdout is a terminal).
    pub pretty: bool,
}

impl Output<'_> {
    /// One response (`items`: its list items, for a page of a list).
    pub fn response(&mut self, response: &Json, items: Option<&[Json]>) -> io::Result<()> {
        match (self.format, items) {
            (Format::Json, _) => self.json(response),
            (Format::Jsonl, Some(items)) => self.lines(items),
            (Format::Jsonl, None) => self.lines(std::slice::from_ref(response)),
            (Format::Yaml, _) => self.yaml(response),
            (Format::Table, Some(items)) => self.table(items),
            (Format::Table, None) => self.table(&rows_of(response)),
        }
    }

    /// Every item of a listing, collected (`--all` with a format that is
    /// not streamed).
    pub fn items(&mut self, items: Vec<Json>) -> io::Result<()> {
        match self.format {
            Format::Json => self.json(&Json::Array(items)),
            Format::Jsonl => self.lines(&items),
            Format::Yaml => self.yaml(&Json::Array(items)),
            Format::Table => self.table(&items),
        }
    }

    /// JSON Lines: each value compact on a line of its own.
    pub fn lines(&mut self, values: &[Json]) -> io::Result<()> {
        for value in values {
            serde_json::to_writer(&mut *self.out, value)?;
            self.out.write_all(b"\n")?;
        }
        self.out.flush()
    }

    fn json(&mut self, value: &Json) -> io::Result<()> {
        if self.pretty {
            serde_json::to_writer_pretty(&mut *self.out, value)?;
        } else {
            serde_json::to_writer(&mut *self.out, value)?;
        }
        self.out.write_all(b"\n")?;
        self.out.flush()
    }

    fn yaml(&mut self, value: &Json) -> io::Result<()> {
        let text = serde_yaml::to_string(value).map_err(io::Error::other)?;
        self.out.write_all(text.as_bytes())?;
        self.out.flush()
    }

    fn table(&mut self, rows: &[Json]) -> io::Result<()> {
        let text = table(rows);
        self.out.write_all(text.as_bytes())?;
        self.out.flush()
    }
}

/// The rows a response shows as: the object its one member holds (`{"user":
/// {..}}`) or the objects of its one list member, else the response itself.
fn rows_of(response: &Json) -> Vec<Json> {
    if let Some([(_, only)]) = response.members() {
        match only {
            Json::Object(_) => return vec![only.clone()],
            Json::Array(items) if items.iter().all(|i| i.members().is_some()) => {
                return items.clone();
            }
            _ => {}
        }
    }
    vec![response.clone()]
}

/// A plain-text table: a column per member, in order of first appearance;
/// text as is, other values as compact JSON, absent members empty.
fn table(rows: &[Json]) -> String {
    let objects: Vec<&[(String, Json)]> = rows
        .iter()
        .map(|row| row.members().unwrap_or(&[]))
        .collect();
    let mut columns: Vec<&str> = Vec::new();
    for object in &objects {
        for (key, _) in *object {
            if !columns.contains(&key.as_str()) {
                columns.push(key);
            }
        }
    }
    if columns.is_empty() {
        return String::new();
    }
    let mut t = comfy_table::Table::new();
    t.load_style(comfy_table::presets::NOTHING)
        .set_content_arrangement(comfy_table::ContentArrangement::Disabled)
        .set_header(columns.iter().copied());
    for object in objects {
        let get = |column: &str| object.iter().find(|(k, _)| k == column).map(|(_, v)| v);
        t.add_row(columns.iter().map(|c| match get(c) {
            None | Some(Json::Null) => String::new(),
            Some(Json::String(s)) => s.clone(),
            Some(other) => other.to_string(),
        }));
    }
    // Columns are padded on both sides; the first one's left pad is dropped.
    let mut out = String::new();
    for line in t.lines() {
        out.push_str(line.strip_prefix(' ').unwrap_or(&line).trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ordered(text: &str) -> Json {
        serde_json::from_str(text).unwrap()
    }

    fn render(format: Format, pretty: bool, value: &Json, items: Option<&[Json]>) -> String {
        let mut buffer = Vec::new();
        Output {
            out: &mut buffer,
            format,
            pretty,
        }
        .response(value, items)
        .unwrap();
        String::from_utf8(buffer).unwrap()
    }

    #[test]
    fn json_is_pretty_on_a_terminal_and_compact_otherwise() {
        let value = ordered(r#"{"user": {"id": "u1", "owner": true}}"#);
        assert_eq!(
            render(Format::Json, false, &value, None),
            "{\"user\":{\"id\":\"u1\",\"owner\":true}}\n"
        );
        assert_eq!(
            render(Format::Json, true, &value, None),
            "{\n  \"user\": {\n    \"id\": \"u1\",\n    \"owner\": true\n  }\n}\n"
        );
    }

    #[test]
    fn jsonl_and_yaml() {
        let page = ordered(r#"{"users": [{"id": "u1"}, {"id": "u2"}], "nextPageToken": "t"}"#);
        let items = [ordered(r#"{"id": "u1"}"#), ordered(r#"{"id": "u2"}"#)];
        assert_eq!(
            render(Format::Jsonl, true, &page, Some(&items)),
            "{\"id\":\"u1\"}\n{\"id\":\"u2\"}\n"
        );
        assert_eq!(
            render(Format::Jsonl, true, &ordered(r#"{"a": 1}"#), None),
            "{\"a\":1}\n"
        );
        assert_eq!(
            render(
                Format::Yaml,
                false,
                &ordered(r#"{"user": {"id": "u1", "tags": ["a"]}}"#),
                None
            ),
            "user:\n  id: u1\n  tags:\n  - a\n"
        );
    }

    #[test]
    fn tables() {
        let items = [
            ordered(r#"{"id": "u1", "email": "a@example.com"}"#),
            ordered(r#"{"id": "u22", "owner": true, "roles": ["x"]}"#),
        ];
        assert_eq!(
            render(Format::Table, false, &ordered("{}"), Some(&items)),
            "id   email          owner  roles\n\
             u1   a@example.com\n\
             u22                 true   [\"x\"]\n"
        );
        // A response holding one resource is one row.
        assert_eq!(
            render(
                Format::Table,
                false,
                &ordered(r#"{"user": {"id": "u1"}}"#),
                None
            ),
            "id\nu1\n"
        );
        assert_eq!(render(Format::Table, false, &ordered("{}"), None), "");
    }
}
