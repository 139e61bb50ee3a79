//! The API description in `schema/` as the shared cases need it: the set of
//! operations, and the shapes of the messages (for the server form of each
//! response). Mounted only by roots that depend on `tesseral-codegen`.

use std::collections::BTreeSet;
use std::path::Path;

use codegen::ir::{Api, Field, Type, TypeDef};
use serde_json::{Value, json};

use crate::e2e::server_form::{FieldShape, Shape, Shapes};

/// Reads `schema/api.yaml` (the protos' normalized description).
pub fn read_api() -> Api {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema");
    match codegen::schema::Schema::read(&dir) {
        Ok(schema) => schema.api,
        Err(e) => panic!("{}: {e}", dir.display()),
    }
}

/// The names of every operation.
pub fn operations(api: &Api) -> BTreeSet<String> {
    api.operations.iter().map(|op| op.name.clone()).collect()
}

/// The shapes of every message, and each operation's response message.
pub fn shapes(api: &Api) -> Result<Shapes, String> {
    let mut shapes = Shapes::default();
    for def in &api.types {
        let TypeDef::Message(message) = def else {
            continue;
        };
        let fields = message
            .fields
            .iter()
            .map(|field| {
                field_shape(api, field).map_err(|e| format!("{}.{}: {e}", message.name, field.name))
            })
            .collect::<Result<Vec<_>, _>>()?;
        shapes.messages.insert(message.name.clone(), fields);
    }
    for op in &api.operations {
        // An operation without a response body answers `{}` (Empty).
        let response = op.response.clone().unwrap_or_default();
        shapes.messages.entry(response.clone()).or_default();
        shapes.responses.insert(op.name.clone(), response);
    }
    Ok(shapes)
}

fn field_shape(api: &Api, field: &Field) -> Result<FieldShape, String> {
    Ok(FieldShape {
        json_name: field.json_name.clone(),
        presence: field.optional || field.oneof.is_some(),
        shape: shape(api, &field.ty)?,
    })
}

fn shape(api: &Api, ty: &Type) -> Result<Shape, String> {
    let scalar = |default: Value| Ok(Shape::Scalar(default));
    match ty {
        Type::Bool => scalar(json!(false)),
        Type::Int32 | Type::Uint32 | Type::Float | Type::Double => scalar(json!(0)),
        // protojson writes 64-bit integers as strings.
        Type::Int64 | Type::Uint64 => scalar(json!("0")),
        Type::String | Type::Bytes => scalar(json!("")),
        // `google.protobuf.NullValue` is written as `null`, its only value.
        Type::NullValue => scalar(Value::Null),
        Type::Timestamp
        | Type::Duration
        | Type::FieldMask
        | Type::Struct
        | Type::Value
        | Type::ListValue
        | Type::Any
        | Type::Empty
        | Type::Wrapper(_) => Ok(Shape::Opaque),
        Type::List(item) => Ok(Shape::List(Box::new(shape(api, item)?))),
        Type::Map(_, value) => Ok(Shape::Map(Box::new(shape(api, value)?))),
        Type::Named(name) => match api.type_def(name) {
            Some(TypeDef::Message(_)) => Ok(Shape::Message(name.clone())),
            Some(TypeDef::Enum(e)) => e
                .values
                .iter()
                .find(|v| v.number == Some(0))
                .map(|v| Shape::Enum(v.name.clone()))
                .ok_or_else(|| format!("enum {name} has no zero value")),
            Some(TypeDef::Union(_)) => Ok(Shape::Opaque),
            None => Err(format!("no type `{name}`")),
        },
    }
}
