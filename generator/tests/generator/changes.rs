//! The change report: every kind of change on a small API, classified as
//! the module docs say; the surface it compares against the code the
//! back-end writes; the probe and its check.

use std::collections::BTreeMap;

use codegen::backend::rust::{self, surface};
use codegen::changes::probe::{self, ProbeItem};
use codegen::changes::{self, Kind, Level, Report, Version};
use codegen::ir::{Api, Field, Message, Type, TypeDef};

const BASE: &str = r#"
name: test.v1.Widgets
wire: protojson
operations:
- name: GetWidget
  group: widgets
  doc: Gets a widget.
  method: GET
  path: /v1/widgets/{id}
  request: GetWidgetRequest
  response: Widget
  params:
  - {name: id, in: path, field: [id]}
- name: ListWidgets
  group: widgets
  method: GET
  path: /v1/widgets
  request: ListWidgetsRequest
  response: ListWidgetsResponse
  params:
  - {name: pageToken, in: query, field: [page_token]}
  pagination: {page_token: page_token, next_page_token: next_page_token, items: widgets}
- name: UpdateWidget
  group: widgets
  method: PATCH
  path: /v1/widgets/{id}
  request: UpdateWidgetRequest
  response: Widget
  params:
  - {name: id, in: path, field: [id]}
  body: widget
types:
- kind: message
  name: GetWidgetRequest
  fields:
  - {name: id, json_name: id, number: 1, type: string}
- kind: message
  name: ListWidgetsRequest
  fields:
  - {name: page_token, json_name: pageToken, number: 1, type: string}
- kind: message
  name: ListWidgetsResponse
  fields:
  - {name: widgets, json_name: widgets, number: 1, type: list<Widget>}
  - {name: next_page_token, json_name: nextPageToken, number: 2, type: string}
- kind: message
  name: UpdateWidgetRequest
  fields:
  - {name: id, json_name: id, number: 1, type: string}
  - {name: widget, json_name: widget, number: 2, type: Widget}
- kind: message
  name: Widget
  doc: A widget.
  fields:
  - {name: id, json_name: id, number: 1, type: string}
  - {name: display_name, json_name: displayName, number: 2, type: string, doc: Its name.}
  - {name: color, json_name: color, number: 3, type: Color}
  - {name: size, json_name: size, number: 4, type: int64}
  - {name: text, json_name: text, number: 5, type: string, oneof: label}
  - {name: code, json_name: code, number: 6, type: int32, oneof: label}
  - {name: tags, json_name: tags, number: 7, type: list<string>}
  oneofs:
  - name: label
- kind: enum
  name: Color
  values:
  - {name: COLOR_UNSPECIFIED, number: 0}
  - {name: COLOR_RED, number: 1}
  - {name: COLOR_BLUE, number: 2}
"#;

fn base() -> Api {
    let mut api: Api = serde_yaml::from_str(BASE).unwrap();
    api.sort();
    api
}

fn message<'a>(api: &'a mut Api, name: &str) -> &'a mut Message {
    api.types
        .iter_mut()
        .find_map(|t| match t {
            TypeDef::Message(m) if m.name == name => Some(m),
            _ => None,
        })
        .unwrap()
}

fn field<'a>(api: &'a mut Api, msg: &str, name: &str) -> &'a mut Field {
    message(api, msg)
        .fields
        .iter_mut()
        .find(|f| f.name == name)
        .unwrap()
}

fn plain(name: &str, number: u32, ty: Type) -> Field {
    Field {
        name: name.into(),
        json_name: heck_lower_camel(name),
        number: Some(number),
        ty,
        optional: false,
        oneof: None,
        required: false,
        input_only: false,
        output_only: false,
        deprecated: false,
        doc: String::new(),
    }
}

fn heck_lower_camel(s: &str) -> String {
    let mut out = String::new();
    let mut up = false;
    for c in s.chars() {
        if c == '_' {
            up = true;
        } else if up {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The report from the base API to `edit(base)`, as (level, item, kind).
fn changes(edit: impl FnOnce(&mut Api)) -> Vec<(Level, String, Kind)> {
    report(edit)
        .changes
        .into_iter()
        .map(|c| (c.level, c.item, c.kind))
        .collect()
}

fn report(edit: impl FnOnce(&mut Api)) -> Report {
    let old = base();
    let mut new = base();
    edit(&mut new);
    new.sort();
    changes::compare(&old, &new, "old", "new", &rust::Options::default()).unwrap()
}

fn c(level: Level, item: &str, kind: Kind) -> (Level, String, Kind) {
    (level, item.to_string(), kind)
}

use Kind::*;
use Level::*;

#[test]
fn no_change_no_report() {
    let r = report(|_| {});
    assert_eq!(r.changes, vec![]);
    assert_eq!(r.level(), None);
    assert!(r.text(None).contains("No change"), "{}", r.text(None));
}

#[test]
fn fields_added_removed_renamed() {
    assert_eq!(
        changes(|a| message(a, "Widget")
            .fields
            .push(plain("weight", 8, Type::Double))),
        [c(Additive, "Widget::weight", Added)]
    );
    assert_eq!(
        changes(|a| message(a, "Widget").fields.retain(|f| f.name != "size")),
        [c(Breaking, "Widget::size", Removed)]
    );
    // Same proto number, new name: one rename.
    assert_eq!(
        changes(|a| {
            let f = field(a, "Widget", "display_name");
            f.name = "title".into();
            f.json_name = "title".into();
        }),
        [c(Breaking, "Widget::display_name", Renamed)]
    );
    // Renumbered (protojson does not carry numbers): nothing to report.
    assert_eq!(
        changes(|a| field(a, "Widget", "size").number = Some(40)),
        []
    );
}

#[test]
fn field_types_and_presence() {
    assert_eq!(
        changes(|a| field(a, "Widget", "size").ty = Type::String),
        [c(Breaking, "Widget::size", TypeChanged)]
    );
    assert_eq!(
        changes(|a| field(a, "Widget", "size").optional = true),
        [c(Breaking, "Widget::size", PresenceChanged)]
    );
    // `optional int64` and `wrapper<int64>` are the same Rust type and setter.
    assert_eq!(
        changes(|a| {
            let f = field(a, "Widget", "size");
            f.ty = Type::Wrapper(Box::new(Type::Int64));
        }),
        [c(Breaking, "Widget::size", PresenceChanged)]
    );
    let mut with_optional = base();
    field(&mut with_optional, "Widget", "size").optional = true;
    let mut with_wrapper = base();
    field(&mut with_wrapper, "Widget", "size").ty = Type::Wrapper(Box::new(Type::Int64));
    let r = changes::compare(
        &with_optional,
        &with_wrapper,
        "a",
        "b",
        &rust::Options::default(),
    )
    .unwrap();
    assert_eq!(r.changes, vec![]);
}

#[test]
fn wire_docs_and_flags_leave_rust_code_alone() {
    assert_eq!(
        changes(|a| field(a, "Widget", "display_name").json_name = "display_name".into()),
        [c(Cosmetic, "Widget::display_name", Wire)]
    );
    assert_eq!(
        changes(|a| field(a, "Widget", "display_name").doc = "The name.".into()),
        [c(Cosmetic, "Widget::display_name", Docs)]
    );
    assert_eq!(
        changes(|a| field(a, "Widget", "id").required = true),
        [c(Cosmetic, "Widget::id", NowRequired)]
    );
    assert_eq!(
        changes(|a| field(a, "Widget", "id").output_only = true),
        [c(Cosmetic, "Widget::id", NowOutputOnly)]
    );
    assert_eq!(
        changes(|a| {
            let f = field(a, "UpdateWidgetRequest", "id");
            f.input_only = true;
            f.required = true;
        }),
        [
            c(Cosmetic, "UpdateWidgetRequest::id", NowRequired),
            c(Cosmetic, "UpdateWidgetRequest::id", NowInputOnly),
        ]
    );
    // Deprecating is a minor change under semver; it adds warnings, not errors.
    assert_eq!(
        changes(|a| field(a, "Widget", "id").deprecated = true),
        [c(Additive, "Widget::id", NowDeprecated)]
    );
    assert_eq!(
        changes(|a| message(a, "Widget").doc = "A gadget.".into()),
        [c(Cosmetic, "Widget", Docs)]
    );
}

#[test]
fn enum_values() {
    fn values(a: &mut Api) -> &mut Vec<codegen::ir::EnumValue> {
        match a.types.iter_mut().find(|t| t.name() == "Color") {
            Some(TypeDef::Enum(e)) => &mut e.values,
            _ => unreachable!(),
        }
    }
    assert_eq!(
        changes(|a| values(a).push(codegen::ir::EnumValue {
            name: "COLOR_GREEN".into(),
            number: Some(3),
            doc: String::new(),
        })),
        [c(Additive, "Color::Green", Added)]
    );
    assert_eq!(
        changes(|a| values(a).retain(|v| v.name != "COLOR_BLUE")),
        [c(Breaking, "Color::Blue", Removed)]
    );
    assert_eq!(
        changes(|a| values(a)[2].name = "COLOR_NAVY".into()),
        [c(Breaking, "Color::Blue", Renamed)]
    );
    // Without a zero value the enum's default moves and its fields become optional.
    assert_eq!(
        changes(|a| values(a).retain(|v| v.number != Some(0))),
        [
            c(Breaking, "Color", DefaultChanged),
            c(Breaking, "Color::Unspecified", Removed),
            c(Breaking, "Widget::color", PresenceChanged),
        ]
    );
}

#[test]
fn oneof_members() {
    assert_eq!(
        changes(|a| {
            let mut f = plain("emoji", 9, Type::String);
            f.oneof = Some("label".into());
            message(a, "Widget").fields.push(f);
        }),
        [c(Additive, "WidgetLabel::Emoji", Added)]
    );
    assert_eq!(
        changes(|a| message(a, "Widget").fields.retain(|f| f.name != "code")),
        [c(Breaking, "WidgetLabel::Code", Removed)]
    );
    // A plain field moved into the oneof: removed as a field (its setter stays).
    let r = report(|a| field(a, "Widget", "size").oneof = Some("label".into()));
    let kinds: Vec<_> = r
        .changes
        .iter()
        .map(|c| (c.level, c.item.as_str(), c.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            (Breaking, "Widget::size", Removed),
            (Additive, "WidgetLabel::Size", Added)
        ]
    );
    assert!(
        r.changes[0]
            .detail
            .contains("now `Size` in the oneof field `label`"),
        "{}",
        r.changes[0].detail
    );
}

#[test]
fn operations() {
    let op = |a: &mut Api, name: &str| -> usize {
        a.operations.iter().position(|o| o.name == name).unwrap()
    };
    assert_eq!(
        changes(|a| {
            let i = op(a, "GetWidget");
            a.operations[i].path = "/v2/widgets/{id}".parse().unwrap();
        }),
        [c(Cosmetic, "Client::get_widget", Wire)]
    );
    assert_eq!(
        changes(|a| {
            let i = op(a, "GetWidget");
            a.operations[i].doc = String::new();
        }),
        [c(Cosmetic, "Client::get_widget", Docs)]
    );
    assert_eq!(
        changes(|a| {
            let i = op(a, "ListWidgets");
            a.operations[i].pagination = None;
        }),
        [c(Breaking, "Client::list_widgets", PaginationRemoved)]
    );
    assert_eq!(
        changes(|a| {
            let i = op(a, "UpdateWidget");
            a.operations[i].response = None;
        }),
        [c(Breaking, "Client::update_widget", SignatureChanged)]
    );
    // A renamed RPC: a removal (breaking) and an addition, the removal
    // naming its twin on the same route.
    let r = report(|a| {
        let i = op(a, "GetWidget");
        a.operations[i].name = "FetchWidget".into();
    });
    let kinds: Vec<_> = r
        .changes
        .iter()
        .map(|c| (c.level, c.item.as_str(), c.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            (Breaking, "Client::get_widget", Removed),
            (Additive, "Client::fetch_widget", Added),
        ]
    );
    assert!(
        r.changes[0]
            .detail
            .contains("`Client::fetch_widget` serves the same route")
    );
}

#[test]
fn types_renamed_are_removed_and_added() {
    let r = report(|a| {
        for t in &mut a.types {
            if let TypeDef::Message(m) = t {
                if m.name == "Widget" {
                    m.name = "Gadget".into();
                }
                for f in &mut m.fields {
                    if f.ty.referenced_name() == Some("Widget") {
                        f.ty = match &f.ty {
                            Type::List(_) => Type::List(Box::new(Type::named("Gadget"))),
                            _ => Type::named("Gadget"),
                        };
                    }
                }
            }
        }
        for o in &mut a.operations {
            if o.response.as_deref() == Some("Widget") {
                o.response = Some("Gadget".into());
            }
        }
    });
    let items: Vec<_> = r
        .changes
        .iter()
        .map(|c| (c.level, c.item.as_str(), c.kind))
        .collect();
    assert!(items.contains(&(Breaking, "Widget", Removed)), "{items:?}");
    assert!(items.contains(&(Additive, "Gadget", Added)), "{items:?}");
    assert!(items.contains(&(Breaking, "Client::get_widget", SignatureChanged)));
    assert!(items.contains(&(Breaking, "ListWidgetsResponse::widgets", TypeChanged)));
    // The oneof's enum follows its message's name.
    assert!(items.contains(&(Additive, "Gadget", Added)));
    let removed = r.changes.iter().find(|c| c.item == "Widget").unwrap();
    assert!(
        removed.detail.contains("`Gadget` has the same members"),
        "{}",
        removed.detail
    );
}

#[test]
fn text_and_json_state_the_bump() {
    let r = report(|a| message(a, "Widget").fields.retain(|f| f.name != "size"));
    let v = Version::new(0, 3, 1);
    let text = r.text(Some(&v));
    assert!(
        text.contains("0.3.1 -> 0.4.0 (in 0.x a breaking change bumps the minor version)"),
        "{text}"
    );
    assert!(
        text.contains("- `Widget::size`: field removed, and its setter `with_size`"),
        "{text}"
    );
    let json = r.json(Some(&v));
    assert_eq!(json["level"], "breaking");
    assert_eq!(json["semver"]["from"], "0.3.1");
    assert_eq!(json["semver"]["to"], "0.4.0");
    assert_eq!(json["counts"]["breaking"], 1);
    assert_eq!(json["changes"][0]["item"], "Widget::size");
    assert_eq!(json["changes"][0]["kind"], "removed");

    let additive = report(|a| {
        message(a, "Widget")
            .fields
            .push(plain("weight", 8, Type::Double))
    });
    assert_eq!(additive.json(Some(&v))["semver"]["to"], "0.3.2");
    assert_eq!(
        additive.json(Some(&Version::new(1, 4, 2)))["semver"]["to"],
        "1.5.0"
    );
}

#[test]
fn a_bad_description_is_an_error_naming_the_side() {
    let mut broken = base();
    // The operation lost its request type.
    broken.types.retain(|t| t.name() != "GetWidgetRequest");
    let e = changes::compare(&base(), &broken, "v1", "v2", &rust::Options::default()).unwrap_err();
    assert!(e.location.starts_with("v2"), "{e}");
    assert!(e.to_string().contains("GetWidget"), "{e}");
}

/// Removes all whitespace, and the trailing commas prettyplease adds.
fn squash(s: &str) -> String {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    s.replace(",)", ")").replace(",>", ">")
}

/// Every field, setter and method the surface lists is in the generated
/// code with exactly that type (the history replay also compiles it).
#[test]
fn the_surface_is_what_the_back_end_writes() {
    let schema = codegen::schema::Schema::read(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema"),
    )
    .unwrap();
    for api in [base(), schema.api] {
        let options = crate::sdk_options();
        let s = surface(&api, &options).unwrap();
        let code: String = rust::generate_with(&api, &options)
            .unwrap()
            .into_iter()
            .map(|f| f.contents)
            .collect();
        let code = squash(&code);
        let mut checked = 0;
        for (name, m) in &s.methods {
            let want = format!(
                "pubfn{name}(&self,request:{}){}->Call<{},{}>",
                m.request, "", m.request, m.response
            );
            assert!(code.contains(&squash(&want)), "method {name}: {want}");
            checked += 1;
        }
        for (tname, t) in &s.types {
            let codegen::backend::rust::surface::Type::Struct(st) = t else {
                continue;
            };
            for f in &st.fields {
                let want = format!("pub{}:{},", f.name, f.ty);
                assert!(code.contains(&squash(&want)), "{tname}: {want}");
                if let codegen::backend::rust::surface::FieldKind::Plain { setter, .. } = &f.kind {
                    let want =
                        format!("pubfn{}(mutself,value:{})->Self", setter.name, setter.input);
                    assert!(code.contains(&squash(&want)), "{tname}: {want}");
                }
                checked += 1;
            }
        }
        assert!(checked > 10);
    }
}

#[test]
fn the_probe_uses_every_item_once_per_use() {
    let s = surface(&base(), &rust::Options::default()).unwrap();
    let p = probe::probe(&s, "sdk");
    let lines: Vec<&str> = p.source.lines().collect();
    for (line, item) in &p.items {
        assert!(
            lines[line - 1].starts_with("pub fn p"),
            "{line}: {}",
            lines[line - 1]
        );
        assert!(!item.subjects.is_empty());
    }
    let find = |what: &str| p.items.values().find(|i| i.what == what).cloned();
    assert_eq!(
        find("field Widget::size: i64"),
        Some(ProbeItem {
            what: "field Widget::size: i64".into(),
            subjects: vec!["Widget::size".into(), "Widget".into()],
        })
    );
    let paging = find("pagination of Client::list_widgets: items Widget").unwrap();
    assert_eq!(
        paging.subjects,
        [
            "Client::list_widgets",
            "ListWidgetsRequest",
            "ListWidgetsResponse",
            "Widget"
        ]
    );
    assert!(find("oneof member WidgetLabel::Code(i32), setter Widget::with_code").is_some());
    assert!(find("value Color::Blue").is_some());
    assert!(p.source.contains("use sdk::model::*;"));
}

#[test]
fn the_probe_check_finds_both_kinds_of_disagreement() {
    let old = surface(&base(), &rust::Options::default()).unwrap();
    let p = probe::probe(&old, "sdk");
    let line_of = |what: &str| *p.items.iter().find(|(_, i)| i.what == what).unwrap().0;
    let size_field = line_of("field Widget::size: i64");
    let size_setter = line_of("setter Widget::with_size(i64)");
    let mut new = base();
    message(&mut new, "Widget")
        .fields
        .retain(|f| f.name != "size");
    new.sort();
    let report = changes::compare(&base(), &new, "a", "b", &rust::Options::default()).unwrap();

    // What a compiler would say: both uses of `size` fail.
    let failures: BTreeMap<usize, String> = [
        (size_field, "no field `size`".to_string()),
        (size_setter, "no method `with_size`".to_string()),
    ]
    .into();
    assert_eq!(probe::check(&p, &failures, &report), Vec::<String>::new());

    // A report calling it additive is caught...
    let mut wrong = report.clone();
    wrong.changes[0].level = Level::Additive;
    let m = probe::check(&p, &failures, &wrong);
    assert_eq!(m.len(), 2, "{m:?}");
    assert!(m[0].contains("no longer compiles"), "{m:?}");
    // ...and so is a breaking change nothing confirms.
    let m = probe::check(&p, &BTreeMap::new(), &report);
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].contains("still compiles"), "{m:?}");
}
