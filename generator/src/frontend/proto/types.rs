//! Proto types as IR types: scalars, well-known types, messages and enums.
//!
//! Named types are referred to by their full proto name here; `names`
//! shortens them once the reachable set is known.

use protox::prost_reflect::{EnumDescriptor, FieldDescriptor, Kind, MessageDescriptor, Value};

use super::comments::Comments;
use crate::ir::{Enum, EnumValue, Field, Message, Oneof, Type};

/// The enum whose only value is JSON `null`: the builtin `null_value`, not a
/// type definition.
pub(super) const NULL_VALUE: &str = "google.protobuf.NullValue";

/// The IR builtin a well-known message maps to, by full proto name.
pub(super) fn well_known(full_name: &str) -> Option<Type> {
    let wrapper = |t: Type| Type::Wrapper(Box::new(t));
    Some(match full_name {
        "google.protobuf.Timestamp" => Type::Timestamp,
        "google.protobuf.Duration" => Type::Duration,
        "google.protobuf.FieldMask" => Type::FieldMask,
        "google.protobuf.Struct" => Type::Struct,
        "google.protobuf.Value" => Type::Value,
        "google.protobuf.ListValue" => Type::ListValue,
        "google.protobuf.Any" => Type::Any,
        "google.protobuf.Empty" => Type::Empty,
        "google.protobuf.DoubleValue" => wrapper(Type::Double),
        "google.protobuf.FloatValue" => wrapper(Type::Float),
        "google.protobuf.Int64Value" => wrapper(Type::Int64),
        "google.protobuf.UInt64Value" => wrapper(Type::Uint64),
        "google.protobuf.Int32Value" => wrapper(Type::Int32),
        "google.protobuf.UInt32Value" => wrapper(Type::Uint32),
        "google.protobuf.BoolValue" => wrapper(Type::Bool),
        "google.protobuf.StringValue" => wrapper(Type::String),
        "google.protobuf.BytesValue" => wrapper(Type::Bytes),
        _ => return None,
    })
}

/// Whether a message or enum becomes an IR type definition of its own
/// (well-known types become builtins; map entries become `map<K, V>`).
pub(super) fn is_defined_message(m: &MessageDescriptor) -> bool {
    !m.is_map_entry() && well_known(m.full_name()).is_none()
}

/// See [`is_defined_message`].
pub(super) fn is_defined_enum(e: &EnumDescriptor) -> bool {
    e.full_name() != NULL_VALUE
}

/// The IR type of one value of `kind` (not looking at repetition).
pub(super) fn kind_type(kind: &Kind) -> Type {
    match kind {
        Kind::Double => Type::Double,
        Kind::Float => Type::Float,
        Kind::Int32 | Kind::Sint32 | Kind::Sfixed32 => Type::Int32,
        Kind::Int64 | Kind::Sint64 | Kind::Sfixed64 => Type::Int64,
        Kind::Uint32 | Kind::Fixed32 => Type::Uint32,
        Kind::Uint64 | Kind::Fixed64 => Type::Uint64,
        Kind::Bool => Type::Bool,
        Kind::String => Type::String,
        Kind::Bytes => Type::Bytes,
        Kind::Message(m) => well_known(m.full_name()).unwrap_or_else(|| Type::named(m.full_name())),
        Kind::Enum(e) if !is_defined_enum(e) => Type::NullValue,
        Kind::Enum(e) => Type::named(e.full_name()),
    }
}

/// The IR type of a field: `map<K, V>`, `list<T>` or a single value.
pub(super) fn field_type(field: &FieldDescriptor) -> Type {
    let kind = field.kind();
    if field.is_map() {
        if let Kind::Message(entry) = &kind {
            if let (Some(k), Some(v)) = (entry.get_field(1), entry.get_field(2)) {
                return Type::Map(
                    Box::new(kind_type(&k.kind())),
                    Box::new(kind_type(&v.kind())),
                );
            }
        }
    }
    let single = kind_type(&kind);
    if field.is_list() {
        Type::List(Box::new(single))
    } else {
        single
    }
}

/// A message with its fields in declaration order.
pub(super) fn message_def(m: &MessageDescriptor, comments: &Comments) -> Message {
    let file = m.parent_file();
    let fields = m
        .descriptor_proto()
        .field
        .iter()
        .filter_map(|f| m.get_field(u32::try_from(f.number()).ok()?))
        .map(|f| field_def(&f, comments))
        .collect();
    let oneofs = m
        .oneofs()
        .filter(|o| !o.is_synthetic())
        .map(|o| Oneof {
            name: o.name().to_string(),
            doc: comments.doc(file.name(), o.path()),
        })
        .collect();
    Message {
        name: m.full_name().to_string(),
        doc: comments.doc(file.name(), m.path()),
        fields,
        oneofs,
        additional: None,
    }
}

fn field_def(f: &FieldDescriptor, comments: &Comments) -> Field {
    let proto = f.field_descriptor_proto();
    let oneof = f.containing_oneof().filter(|o| !o.is_synthetic());
    let is_message = matches!(f.kind(), Kind::Message(_));
    // Explicit presence: proto3 `optional`, or a proto2 `optional` scalar.
    let optional = proto.proto3_optional()
        || (f.supports_presence()
            && !is_message
            && oneof.is_none()
            && !f.is_list()
            && !f.is_required());
    let behaviors = field_behaviors(f);
    Field {
        name: f.name().to_string(),
        json_name: f.json_name().to_string(),
        number: Some(f.number()),
        ty: field_type(f),
        optional,
        oneof: oneof.map(|o| o.name().to_string()),
        required: f.is_required() || behaviors.contains(&BEHAVIOR_REQUIRED),
        input_only: behaviors.contains(&BEHAVIOR_INPUT_ONLY),
        output_only: behaviors.contains(&BEHAVIOR_OUTPUT_ONLY),
        deprecated: proto.options.as_ref().is_some_and(|o| o.deprecated()),
        doc: comments.doc(f.parent_file().name(), f.path()),
    }
}

/// `google.api.FieldBehavior` values the IR records.
const BEHAVIOR_REQUIRED: i32 = 2;
const BEHAVIOR_OUTPUT_ONLY: i32 = 3;
const BEHAVIOR_INPUT_ONLY: i32 = 4;

/// The field's `(google.api.field_behavior)` values, if its file can see the option.
fn field_behaviors(f: &FieldDescriptor) -> Vec<i32> {
    let Some(ext) = f
        .parent_pool()
        .get_extension_by_name("google.api.field_behavior")
    else {
        return Vec::new();
    };
    let options = f.options();
    if !options.has_extension(&ext) {
        return Vec::new();
    }
    match options.get_extension(&ext).as_ref() {
        Value::List(values) => values.iter().filter_map(Value::as_enum_number).collect(),
        _ => Vec::new(),
    }
}

/// An enum with its values in declaration order.
pub(super) fn enum_def(e: &EnumDescriptor, comments: &Comments) -> Enum {
    let file = e.parent_file();
    let values = e
        .enum_descriptor_proto()
        .value
        .iter()
        .filter_map(|v| e.get_value_by_name(v.name()))
        .map(|v| EnumValue {
            name: v.name().to_string(),
            number: Some(v.number()),
            doc: comments.doc(file.name(), v.path()),
        })
        .collect();
    Enum {
        name: e.full_name().to_string(),
        doc: comments.doc(file.name(), e.path()),
        values,
    }
}
