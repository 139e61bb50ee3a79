//! The cross-check: hand-built descriptions that differ in each way it
//! reports, the lossy notes it does not count, the `--strict` decision, and
//! hand-edited copies of the real OpenAPI document against the real protos.

use codegen::crosscheck::{self, Difference, DifferenceKind};
use codegen::frontend::{openapi, proto};
use codegen::ir::{Api, Body, HttpMethod, Operation, Type, TypeDef};

/// The protos' side: every construct the cross-check looks at.
const AUTHORITATIVE: &str = r#"
name: Widgets
wire: protojson
operations:
  - {name: GetWidget, group: widgets, method: GET, path: "/v1/widgets/{id}",
     request: GetWidgetRequest, response: GetWidgetResponse,
     params: [{name: id, in: path, field: [id]}]}
  - {name: CreateWidget, group: widgets, method: POST, path: /v1/widgets,
     request: CreateWidgetRequest, response: Widget,
     params: [{name: dryRun, in: query, field: [dry_run]}], body: widget}
  - {name: ListWidgets, group: widgets, method: GET, path: /v1/widgets,
     request: ListWidgetsRequest, response: ListWidgetsResponse,
     params: [{name: pageToken, in: query, field: [page_token]}],
     pagination: {page_token: page_token, next_page_token: next_page_token, items: widgets}}
types:
  - {kind: message, name: CreateWidgetRequest, fields: [
      {name: widget, json_name: widget, type: Widget},
      {name: dry_run, json_name: dryRun, type: bool}]}
  - {kind: message, name: GetWidgetRequest, fields: [{name: id, json_name: id, type: string}]}
  - {kind: message, name: GetWidgetResponse, fields: [{name: widget, json_name: widget, type: Widget}]}
  - {kind: enum, name: Kind, values: [{name: KIND_UNSPECIFIED, number: 0}, {name: KIND_ROUND, number: 1}]}
  - {kind: message, name: ListWidgetsRequest, fields: [{name: page_token, json_name: pageToken, type: string}]}
  - {kind: message, name: ListWidgetsResponse, fields: [
      {name: widgets, json_name: widgets, type: "list<Widget>"},
      {name: next_page_token, json_name: nextPageToken, type: string}]}
  - {kind: union, name: Shape, variants: [{name: Circle, type: double}, {name: Label, type: string}]}
  - {kind: message, name: Widget, oneofs: [{name: choice}], fields: [
      {name: id, json_name: id, type: string},
      {name: kind, json_name: kind, type: Kind},
      {name: legacy_kind, json_name: legacyKind, type: Kind},
      {name: size, json_name: size, type: int64, optional: true},
      {name: shape, json_name: shape, type: Shape},
      {name: timeout, json_name: timeout, type: duration},
      {name: labels, json_name: labels, type: "map<int32, string>"},
      {name: choice_a, json_name: choiceA, type: string, oneof: choice},
      {name: note, json_name: note, type: "wrapper<string>"}]}
"#;

/// The same API as a gnostic document loses it: only lossy notes.
fn lossy_copy() -> Api {
    let mut api = parse(AUTHORITATIVE);
    let widget = message(&mut api, "Widget");
    for f in &mut widget.fields {
        match f.name.as_str() {
            "kind" => f.ty = Type::named("WidgetKind"),
            "legacy_kind" => f.ty = Type::Int32,
            "size" => f.optional = false,
            "timeout" => f.ty = Type::String,
            "labels" => f.ty = "map<string, string>".parse().unwrap(),
            "choice_a" => f.oneof = None,
            "note" => f.ty = Type::String,
            _ => {}
        }
    }
    widget.oneofs.clear();
    api.types
        .push(serde_yaml::from_str("{kind: enum, name: WidgetKind, values: []}").unwrap());
    api.sort();
    api
}

fn parse(text: &str) -> Api {
    let mut api: Api = serde_yaml::from_str(text).unwrap();
    api.sort();
    api
}

fn message<'a>(api: &'a mut Api, name: &str) -> &'a mut codegen::ir::Message {
    api.types
        .iter_mut()
        .find_map(|t| match t {
            TypeDef::Message(m) if m.name == name => Some(m),
            _ => None,
        })
        .unwrap()
}

fn op<'a>(api: &'a mut Api, name: &str) -> &'a mut Operation {
    api.operations.iter_mut().find(|o| o.name == name).unwrap()
}

fn kinds(differences: &[Difference]) -> Vec<DifferenceKind> {
    let mut k: Vec<DifferenceKind> = differences.iter().map(|d| d.kind).collect();
    k.dedup();
    k
}

#[test]
fn identical_descriptions_agree() {
    let api = parse(AUTHORITATIVE);
    assert_eq!(crosscheck::compare(&api, &api), []);
}

#[test]
fn known_losses_are_notes_not_differences() {
    let differences = crosscheck::compare(&parse(AUTHORITATIVE), &lossy_copy());
    assert_eq!(
        kinds(&differences),
        [
            DifferenceKind::LossyEnumValues,
            DifferenceKind::LossyEnumAsInteger,
            DifferenceKind::LossyPresence,
            DifferenceKind::LossyOneof,
            DifferenceKind::LossyWellKnown,
            DifferenceKind::LossyMapKey,
        ],
        "{differences:#?}"
    );
    assert!(differences.iter().all(|d| d.kind.is_lossy()));
    assert!(!crosscheck::fails(&differences, true));
    assert_eq!(
        crosscheck::summary(&differences),
        "0 difference(s), 7 lossy note(s)"
    );
    let shown: Vec<String> = differences.iter().map(|d| d.to_string()).collect();
    assert!(
        shown.contains(
            &"lossy in OpenAPI: Widget.kind: enum `Kind` (2 values) is `WidgetKind` with no values listed"
                .to_string()
        ),
        "{shown:#?}"
    );
}

/// Applies `edit` to the lossy copy and returns the differences found.
fn differences_after(edit: impl FnOnce(&mut Api)) -> Vec<Difference> {
    let mut other = lossy_copy();
    edit(&mut other);
    other.sort();
    crosscheck::compare(&parse(AUTHORITATIVE), &other)
        .into_iter()
        .filter(|d| !d.kind.is_lossy())
        .collect()
}

#[test]
fn each_kind_of_difference_is_reported() {
    use DifferenceKind as K;
    type Edit = Box<dyn FnOnce(&mut Api)>;
    let cases: Vec<(K, Edit)> = vec![
        (
            K::MissingOperation,
            Box::new(|a| a.operations.retain(|o| o.name != "GetWidget")),
        ),
        (
            K::ExtraOperation,
            Box::new(|a| {
                let mut extra = op(a, "GetWidget").clone();
                extra.name = "GetWidgetAgain".into();
                a.operations.push(extra);
            }),
        ),
        (
            K::Method,
            Box::new(|a| op(a, "GetWidget").method = HttpMethod::Post),
        ),
        (
            K::Path,
            Box::new(|a| op(a, "GetWidget").path = "/v1/gadgets/{id}".parse().unwrap()),
        ),
        (K::Param, Box::new(|a| op(a, "CreateWidget").params.clear())),
        (
            K::Body,
            Box::new(|a| op(a, "CreateWidget").body = Some(Body::All)),
        ),
        (
            K::Request,
            Box::new(|a| op(a, "GetWidget").request = "ListWidgetsRequest".into()),
        ),
        (
            K::Response,
            Box::new(|a| op(a, "GetWidget").response = None),
        ),
        (
            K::Pagination,
            Box::new(|a| op(a, "ListWidgets").pagination = None),
        ),
        (
            K::MissingField,
            Box::new(|a| message(a, "Widget").fields.retain(|f| f.name != "id")),
        ),
        (
            K::ExtraField,
            Box::new(|a| {
                let mut f = message(a, "Widget").fields[0].clone();
                f.name = "color".into();
                f.json_name = "color".into();
                message(a, "Widget").fields.push(f);
            }),
        ),
        (
            K::FieldType,
            Box::new(|a| message(a, "Widget").fields[0].ty = Type::Int64),
        ),
        (
            K::Presence,
            Box::new(|a| message(a, "Widget").fields[0].optional = true),
        ),
        (
            K::TypeName,
            Box::new(|a| {
                message(a, "GetWidgetResponse").name = "GetWidgetReply".into();
                op(a, "GetWidget").response = Some("GetWidgetReply".into());
            }),
        ),
        (
            K::EnumValues,
            Box::new(|a| {
                let w = message(a, "Widget");
                w.fields[1].ty = Type::named("Kind");
                for t in &mut a.types {
                    if let TypeDef::Enum(e) = t {
                        if e.name == "Kind" {
                            e.values[1].name = "KIND_SQUARE".into();
                        }
                    }
                }
            }),
        ),
        (
            K::UnionVariants,
            Box::new(|a| {
                for t in &mut a.types {
                    if let TypeDef::Union(u) = t {
                        u.variants.pop();
                    }
                }
            }),
        ),
    ];
    for (kind, edit) in cases {
        let differences = differences_after(edit);
        assert!(
            differences.iter().any(|d| d.kind == kind),
            "{kind:?} not reported: {differences:#?}"
        );
        assert!(crosscheck::fails(&differences, true), "{kind:?}");
        assert!(!crosscheck::fails(&differences, false), "{kind:?}");
        for d in &differences {
            assert!(d.to_string().starts_with("differs: "), "{d}");
        }
    }
}

/// Replaces `from` (which must occur exactly once) by `to`.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "`{from}` is not unique");
    text.replacen(from, to, 1)
}

#[test]
fn a_hand_edited_real_document_differs_where_it_was_edited() {
    let Some(shared) = crate::shared() else {
        return;
    };
    let protos = proto::import(&shared.join("latest/proto")).unwrap_or_else(|e| panic!("{e}"));
    let text = std::fs::read_to_string(shared.join("latest/openapi.yaml")).unwrap();
    let text = edit(&text, "    /v1/project:\n", "    /v1/projects:\n");
    let text = edit(
        &text,
        "            operationId: BackendService_DeleteUser\n",
        "",
    );
    let text = edit(
        &text,
        "                - name: pageToken\n                  in: query\n                  description: A pagination token. Leave empty to get the first page of results.\n                  schema:\n                    type: string\n            responses:\n                \"200\":\n                    description: OK\n                    content:\n                        application/json:\n                            schema:\n                                $ref: '#/components/schemas/ListUsersResponse'",
        "            responses:\n                \"200\":\n                    description: OK\n                    content:\n                        application/json:\n                            schema:\n                                $ref: '#/components/schemas/ListUsersResponse'",
    );
    let text = edit(
        &text,
        "                primaryAuthFactor:\n                    type: integer\n",
        "                primaryAuthFactor:\n                    type: boolean\n",
    );
    let edited = openapi::import_text("edited.yaml", &text, openapi::document::Syntax::Yaml)
        .unwrap_or_else(|e| panic!("{e}"));
    let differences: Vec<String> = crosscheck::compare(&protos.api, &edited.api)
        .iter()
        .filter(|d| !d.kind.is_lossy())
        .map(|d| d.to_string())
        .collect();
    assert_eq!(
        differences,
        [
            "differs: DeleteUser: DELETE /v1/users/{id} is not in the OpenAPI document",
            "differs: DeleteV1UsersId: DELETE /v1/users/{id} is only in the OpenAPI document",
            "differs: GetProject: `/v1/project` in the protos, `/v1/projects` in OpenAPI",
            "differs: ListUsers: query `pageToken` binding `pageToken` is only in the protos",
            "differs: ListUsers: pagination `pageToken -> nextPageToken / users` in the protos, none in OpenAPI",
            "differs: ListUsersRequest.page_token: field `pageToken` (string) is not in OpenAPI",
            "differs: Session.primary_auth_factor: `PrimaryAuthFactor` in the protos, `bool` in OpenAPI",
        ]
    );
}
