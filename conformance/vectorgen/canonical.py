"""Canonical JSON as the reference writes it, made deterministic.

`json_format.MessageToDict` keeps fields in field-number order; map entries
and Struct members come out in hash-table order, which changes from run to
run, so they are sorted here (bytewise/code-point order for string keys,
numeric order for integer keys, false before true). Along the way the JSON
pointers of numbers that hold 32-bit floats are collected: those compare
equal only after rounding to f32."""

from __future__ import annotations

import json
from dataclasses import dataclass, field as dc_field

from google.protobuf import descriptor_pool, json_format
from google.protobuf.descriptor import Descriptor, FieldDescriptor as FD
from google.protobuf.message import Message

from .fill import WRAPPERS, new_message
from .protos import is_map_entry

#: Well-known types whose JSON is not an object of fields; inside an Any
#: they appear under "value".
SPECIAL_JSON = {
    "google.protobuf.Any",
    "google.protobuf.Duration",
    "google.protobuf.FieldMask",
    "google.protobuf.ListValue",
    "google.protobuf.Struct",
    "google.protobuf.Timestamp",
    "google.protobuf.Value",
    *WRAPPERS,
}

INTEGER_KEYS = {
    FD.TYPE_INT32, FD.TYPE_SINT32, FD.TYPE_SFIXED32, FD.TYPE_INT64, FD.TYPE_SINT64,
    FD.TYPE_SFIXED64, FD.TYPE_UINT32, FD.TYPE_FIXED32, FD.TYPE_UINT64, FD.TYPE_FIXED64,
}


def to_text(value) -> str:
    """Compact JSON text, non-ASCII left as is, key order kept."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def pointer_token(key: str) -> str:
    """`key` escaped for a JSON pointer (RFC 6901)."""
    return key.replace("~", "~0").replace("/", "~1")


def sort_json(value):
    """`value` with the members of every object sorted by key."""
    if isinstance(value, dict):
        return {k: sort_json(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return [sort_json(v) for v in value]
    return value


def field_by_key(desc: Descriptor, key: str) -> FD | None:
    """The field of `desc` written as `key` (JSON name or proto name)."""
    for f in desc.fields:
        if key in (f.json_name, f.name):
            return f
    return None


@dataclass
class Normalizer:
    """Sorts map-like objects and records the pointers of float (f32) numbers."""

    float32: list[str] = dc_field(default_factory=list)

    def message(self, desc: Descriptor, obj, ptr: str):
        """Normalizes the JSON `obj` of a message of type `desc`."""
        if obj is None:
            return None
        name = desc.full_name
        if name in ("google.protobuf.Struct", "google.protobuf.Value", "google.protobuf.ListValue"):
            return sort_json(obj)
        if name == "google.protobuf.Any":
            return self.any(obj, ptr)
        if name == "google.protobuf.FloatValue":
            self.note_float(obj, ptr)
            return obj
        if name in SPECIAL_JSON:
            return obj
        out = {}
        for key, value in obj.items():
            f = field_by_key(desc, key)
            out[key] = value if f is None else self.field(f, value, f"{ptr}/{pointer_token(key)}")
        return out

    def any(self, obj, ptr: str):
        """Normalizes an Any by the type its "@type" names."""
        if not isinstance(obj, dict) or "@type" not in obj:
            return obj
        desc = descriptor_pool.Default().FindMessageTypeByName(obj["@type"].rsplit("/", 1)[-1])
        if desc.full_name in SPECIAL_JSON:
            return {k: (self.message(desc, v, f"{ptr}/value") if k == "value" else v) for k, v in obj.items()}
        rest = self.message(desc, {k: v for k, v in obj.items() if k != "@type"}, ptr)
        return {"@type": obj["@type"], **rest}

    def field(self, f: FD, value, ptr: str):
        """Normalizes the JSON of one field."""
        if value is None:
            return None
        if f.message_type is not None and is_map_entry(f.message_type):
            key_field = f.message_type.fields_by_name["key"]
            value_field = f.message_type.fields_by_name["value"]
            order = (lambda k: int(k)) if key_field.type in INTEGER_KEYS else (lambda k: k)
            return {k: self.value(value_field, value[k], f"{ptr}/{pointer_token(k)}") for k in sorted(value, key=order)}
        if f.is_repeated:
            return [self.value(f, v, f"{ptr}/{i}") for i, v in enumerate(value)]
        return self.value(f, value, ptr)

    def value(self, f: FD, value, ptr: str):
        """Normalizes one value (an element, a map value or a singular field)."""
        if f.message_type is not None:
            return self.message(f.message_type, value, ptr)
        if f.type == FD.TYPE_FLOAT:
            self.note_float(value, ptr)
        return value

    def note_float(self, value, ptr: str) -> None:
        """Records `ptr` when `value` is a JSON number (not "NaN" and the like)."""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            self.float32.append(ptr)


@dataclass
class Canonical:
    """A message's JSON: the value, its compact text, and the pointers of the
    numbers that are 32-bit floats."""

    value: object
    text: str
    float32: list[str]

    def record(self, **extra) -> dict:
        """The vector record: `json`, `text` and, when any, `float32`."""
        out = {**extra, "json": self.value, "text": self.text}
        if self.float32:
            out["float32"] = self.float32
        return out


def normalize(desc: Descriptor, obj) -> Canonical:
    """Normalizes the JSON `obj` of a message of type `desc`."""
    norm = Normalizer()
    value = norm.message(desc, obj, "")
    return Canonical(value, to_text(value), norm.float32)


def canonical(msg: Message, **options) -> Canonical:
    """The reference's JSON for `msg` (default options unless given)."""
    return normalize(msg.DESCRIPTOR, json_format.MessageToDict(msg, **options))


def parse(text: str, desc: Descriptor, ignore_unknown_fields: bool = False) -> tuple[Message | None, str | None]:
    """Parses `text` with the reference: (message, None) or (None, error)."""
    msg = new_message(desc)
    try:
        json_format.Parse(text, msg, ignore_unknown_fields=ignore_unknown_fields)
    except Exception as error:  # the reference raises several types
        return None, str(error)
    return msg, None


def reparse(text: str, desc: Descriptor, ignore_unknown_fields: bool = False) -> tuple[Canonical | None, str | None]:
    """Parses `text` and writes the result canonically again."""
    msg, error = parse(text, desc, ignore_unknown_fields)
    if msg is None:
        return None, error
    try:
        return canonical(msg), None
    except Exception as failure:  # e.g. SerializeToJsonError
        return None, f"accepted, but writing it back failed: {failure}"
