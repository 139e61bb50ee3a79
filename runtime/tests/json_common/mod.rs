//! Hand-written types in exactly the shape the generator emits (see the
//! contract in ARCHITECTURE.md), for the `json_*` tests (the runtime tests
//! reuse its `Role` enum). Each test binary
//! names the runtime `crate::rt` (`use rest_sdk_runtime as rt;`) and then
//! says `mod json_common;`.

#![allow(dead_code)]

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::rt::enums::{self, OpenEnum, UnknownEnumValue};
use crate::rt::json;
use crate::rt::wkt;

/// A proto3 enum with a zero value.
#[non_exhaustive]
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Role {
    #[default]
    Unspecified,
    Admin,
    Member,
    UnknownValue(UnknownEnumValue),
}

impl OpenEnum for Role {
    fn from_name(name: &str) -> Option<Self> {
        match name {
            "ROLE_UNSPECIFIED" => Some(Role::Unspecified),
            "ROLE_ADMIN" => Some(Role::Admin),
            "ROLE_MEMBER" => Some(Role::Member),
            _ => None,
        }
    }

    fn from_number(number: i32) -> Option<Self> {
        match number {
            0 => Some(Role::Unspecified),
            1 => Some(Role::Admin),
            2 => Some(Role::Member),
            _ => None,
        }
    }

    fn known_name(&self) -> Option<&'static str> {
        match self {
            Role::Unspecified => Some("ROLE_UNSPECIFIED"),
            Role::Admin => Some("ROLE_ADMIN"),
            Role::Member => Some("ROLE_MEMBER"),
            Role::UnknownValue(_) => None,
        }
    }

    fn known_number(&self) -> Option<i32> {
        match self {
            Role::Unspecified => Some(0),
            Role::Admin => Some(1),
            Role::Member => Some(2),
            Role::UnknownValue(_) => None,
        }
    }

    fn from_unknown(value: UnknownEnumValue) -> Self {
        Role::UnknownValue(value)
    }

    fn as_unknown(&self) -> Option<&UnknownEnumValue> {
        match self {
            Role::UnknownValue(u) => Some(u),
            _ => None,
        }
    }
}

impl Serialize for Role {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        enums::serialize(self, s)
    }
}

impl<'de> Deserialize<'de> for Role {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        enums::deserialize(d)
    }
}

impl json::Plain for Role {
    fn is_default(&self) -> bool {
        *self == Self::Unspecified
    }
}

/// An enum without a zero value (as an OpenAPI enum may be).
#[non_exhaustive]
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Color {
    #[default]
    Red,
    Blue,
    UnknownValue(UnknownEnumValue),
}

impl OpenEnum for Color {
    fn from_name(name: &str) -> Option<Self> {
        match name {
            "RED" => Some(Color::Red),
            "BLUE" => Some(Color::Blue),
            _ => None,
        }
    }

    fn from_number(number: i32) -> Option<Self> {
        match number {
            1 => Some(Color::Red),
            2 => Some(Color::Blue),
            _ => None,
        }
    }

    fn known_name(&self) -> Option<&'static str> {
        match self {
            Color::Red => Some("RED"),
            Color::Blue => Some("BLUE"),
            Color::UnknownValue(_) => None,
        }
    }

    fn known_number(&self) -> Option<i32> {
        match self {
            Color::Red => Some(1),
            Color::Blue => Some(2),
            Color::UnknownValue(_) => None,
        }
    }

    fn from_unknown(value: UnknownEnumValue) -> Self {
        Color::UnknownValue(value)
    }

    fn as_unknown(&self) -> Option<&UnknownEnumValue> {
        match self {
            Color::UnknownValue(u) => Some(u),
            _ => None,
        }
    }
}

impl Serialize for Color {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        enums::serialize(self, s)
    }
}

impl<'de> Deserialize<'de> for Color {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        enums::deserialize(d)
    }
}

impl json::Plain for Color {}

/// A message with one field of every kind the type table allows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Everything {
    #[serde(
        rename = "flag",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub flag: bool,
    #[serde(
        rename = "int32Value",
        alias = "int32_value",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub int32_value: i32,
    #[serde(
        rename = "uint32Value",
        alias = "uint32_value",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub uint32_value: u32,
    #[serde(
        rename = "int64Value",
        alias = "int64_value",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub int64_value: i64,
    #[serde(
        rename = "uint64Value",
        alias = "uint64_value",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub uint64_value: u64,
    #[serde(
        rename = "floatValue",
        alias = "float_value",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub float_value: f32,
    #[serde(
        rename = "doubleValue",
        alias = "double_value",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub double_value: f64,
    #[serde(
        rename = "text",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub text: String,
    #[serde(
        rename = "data",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub data: Vec<u8>,
    #[serde(
        rename = "role",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub role: Role,
    #[serde(
        rename = "optionalRole",
        alias = "optional_role",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub optional_role: Option<Role>,
    #[serde(
        rename = "optionalText",
        alias = "optional_text",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub optional_text: Option<String>,
    #[serde(
        rename = "optionalInt64",
        alias = "optional_int64",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub optional_int64: Option<i64>,
    #[serde(
        rename = "wrappedDouble",
        alias = "wrapped_double",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub wrapped_double: Option<f64>,
    #[serde(
        rename = "createTime",
        alias = "create_time",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub create_time: Option<wkt::Timestamp>,
    #[serde(
        rename = "ttl",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub ttl: Option<wkt::Duration>,
    #[serde(
        rename = "updateMask",
        alias = "update_mask",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub update_mask: Option<wkt::FieldMask>,
    #[serde(
        rename = "details",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub details: Option<wkt::Any>,
    #[serde(
        rename = "nothing",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub nothing: Option<wkt::Empty>,
    #[serde(
        rename = "metadata",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub metadata: Option<wkt::Struct>,
    #[serde(
        rename = "anything",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub anything: Option<wkt::Value>,
    #[serde(
        rename = "values",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub values: Option<wkt::ListValue>,
    #[serde(
        rename = "child",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub child: Option<Child>,
    #[serde(
        rename = "tags",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub tags: Vec<String>,
    #[serde(
        rename = "counts",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub counts: Vec<i64>,
    #[serde(
        rename = "roles",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub roles: Vec<Role>,
    #[serde(
        rename = "children",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub children: Vec<Child>,
    #[serde(
        rename = "times",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub times: Vec<wkt::Timestamp>,
    #[serde(
        rename = "blobs",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub blobs: Vec<Vec<u8>>,
    #[serde(
        rename = "anyValues",
        alias = "any_values",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub any_values: Vec<wkt::Value>,
    #[serde(
        rename = "wrappedList",
        alias = "wrapped_list",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub wrapped_list: Vec<Option<i64>>,
    #[serde(
        rename = "labels",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub labels: BTreeMap<String, String>,
    #[serde(
        rename = "byNumber",
        alias = "by_number",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub by_number: BTreeMap<i64, Child>,
    #[serde(
        rename = "byFlag",
        alias = "by_flag",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub by_flag: BTreeMap<bool, u64>,
    #[serde(
        rename = "byInt32",
        alias = "by_int32",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub by_int32: BTreeMap<i32, Role>,
    #[serde(
        rename = "byUint32",
        alias = "by_uint32",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub by_uint32: BTreeMap<u32, f64>,
    #[serde(
        rename = "byUint64",
        alias = "by_uint64",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub by_uint64: BTreeMap<u64, wkt::Value>,
}

impl json::Plain for Everything {}

/// A small message.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Child {
    #[serde(
        rename = "name",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub name: String,
    #[serde(
        rename = "size",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub size: i64,
}

impl json::Plain for Child {}

/// A message that contains itself (`Option<Box<T>>`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TreeNode {
    #[serde(
        rename = "label",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub label: String,
    #[serde(
        rename = "parent",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub parent: Option<Box<TreeNode>>,
    #[serde(
        rename = "children",
        with = "json",
        skip_serializing_if = "json::is_default"
    )]
    pub children: Vec<TreeNode>,
}

impl json::Plain for TreeNode {}

/// Parses JSON text into `T`, reporting the failing field's path.
pub fn decode<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    let mut de = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut de).map_err(|e| e.to_string())
}

/// Writes `value` as compact JSON.
pub fn encode<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}
