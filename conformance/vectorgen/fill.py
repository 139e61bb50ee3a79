"""Populating messages: random, fully populated, optional-at-zero and
unknown-enum messages, well-known types included."""

from __future__ import annotations

import random
from dataclasses import dataclass

from google.protobuf import message_factory
from google.protobuf.descriptor import Descriptor, EnumDescriptor, FieldDescriptor as FD
from google.protobuf.message import Message

from . import samples
from .protos import is_map_entry, proto3_optional_fields

WRAPPERS = {
    "google.protobuf.DoubleValue": FD.TYPE_DOUBLE,
    "google.protobuf.FloatValue": FD.TYPE_FLOAT,
    "google.protobuf.Int64Value": FD.TYPE_INT64,
    "google.protobuf.UInt64Value": FD.TYPE_UINT64,
    "google.protobuf.Int32Value": FD.TYPE_INT32,
    "google.protobuf.UInt32Value": FD.TYPE_UINT32,
    "google.protobuf.BoolValue": FD.TYPE_BOOL,
    "google.protobuf.StringValue": FD.TYPE_STRING,
    "google.protobuf.BytesValue": FD.TYPE_BYTES,
}

NULL_VALUE = "google.protobuf.NullValue"


def new_message(desc: Descriptor) -> Message:
    """An empty message of type `desc`."""
    return message_factory.GetMessageClass(desc)()


def real_oneofs(desc: Descriptor):
    """The oneofs of `desc` that are not the synthetic ones of proto3 `optional`."""
    synthetic = proto3_optional_fields(desc)
    return [o for o in desc.oneofs if not (len(o.fields) == 1 and o.fields[0].name in synthetic)]


def unknown_enum_number(rng: random.Random, enum: EnumDescriptor) -> int:
    """A number that `enum` does not define."""
    defined = {v.number for v in enum.values}
    top = max(defined)
    candidates = [top + 1, top + 100, -1, -100, 2**31 - 1, -(2**31), 12345]
    return rng.choice([n for n in candidates if n not in defined])


def set_json_value(value: Message, tree) -> None:
    """Stores the JSON-like Python value `tree` in a google.protobuf.Value."""
    if tree is None:
        value.null_value = 0
    elif isinstance(tree, bool):
        value.bool_value = tree
    elif isinstance(tree, float):
        value.number_value = tree
    elif isinstance(tree, str):
        value.string_value = tree
    elif isinstance(tree, list):
        value.list_value.SetInParent()
        for item in tree:
            set_json_value(value.list_value.values.add(), item)
    else:
        set_struct(value.struct_value, tree)


def set_struct(struct: Message, tree: dict) -> None:
    """Stores a JSON object in a google.protobuf.Struct."""
    struct.SetInParent()
    for key, item in tree.items():
        set_json_value(struct.fields[key], item)


@dataclass
class Filler:
    """Fills messages in one of four modes.

    * `random`: each field set with probability `p_set`, random values.
    * `full`: every field set to a non-default value; lists and maps get
      several elements; the oneof member `oneof_pick` (modulo the member
      count) is set; recursion stops after one level of self-nesting.
    * `presence`: only fields with presence are set, each to its default
      (`optional` scalars, oneof member `oneof_pick`, messages as empty ones).
    * `unknown_enum`: like `full`, but every enum holds an undefined number
      (and oneofs prefer their enum members).
    * `min` / `max`: like `full`, with every scalar, Timestamp and Duration at
      the low / high end of its range.
    """

    rng: random.Random
    mode: str
    any_payloads: list[Descriptor]
    p_set: float = 0.6
    oneof_pick: int = 0
    max_depth: int = 4

    def fill(self, msg: Message, depth: int = 0, chain: tuple[str, ...] = ()) -> None:
        """Populates `msg` (which must be empty) according to the mode."""
        desc = msg.DESCRIPTOR
        if desc.full_name.startswith("google.protobuf."):
            self.fill_wkt(msg, depth)
            return
        chain = chain + (desc.full_name,)
        for oneof in real_oneofs(desc):
            member = self.pick_oneof_member(oneof)
            if member is not None:
                self.set_field(msg, member, depth, chain, force=True)
        in_real_oneof = {f.name for o in real_oneofs(desc) for f in o.fields}
        for field in desc.fields:
            if field.name not in in_real_oneof:
                self.set_field(msg, field, depth, chain, force=False)

    def pick_oneof_member(self, oneof):
        """The member of `oneof` to set, or None."""
        if self.mode == "random":
            return self.rng.choice(oneof.fields) if self.rng.random() < self.p_set else None
        members = list(oneof.fields)
        if self.mode == "unknown_enum":
            members = [f for f in members if f.enum_type is not None and f.enum_type.full_name != NULL_VALUE] or members
        return members[self.oneof_pick % len(members)]

    def wants(self, field: FD, depth: int, chain: tuple[str, ...], force: bool) -> bool:
        """Whether to set `field` at this depth."""
        target = field.message_type
        if target is not None and is_map_entry(target):
            target = target.fields_by_name["value"].message_type
        if target is not None and (depth + 1 >= self.max_depth or chain.count(target.full_name) >= 2):
            return False
        if self.mode == "presence":
            return force or (field.has_presence and not field.is_repeated)
        if self.mode == "random" and not force:
            return self.rng.random() < self.p_set / (1 + depth)
        return True

    def set_field(self, msg: Message, field: FD, depth: int, chain: tuple[str, ...], force: bool) -> None:
        """Sets `field` of `msg` (a list or map gets several entries)."""
        if not self.wants(field, depth, chain, force):
            return
        zero = self.mode == "presence"
        if field.message_type is not None and is_map_entry(field.message_type):
            key_field = field.message_type.fields_by_name["key"]
            value_field = field.message_type.fields_by_name["value"]
            container = getattr(msg, field.name)
            for _ in range(self.count(field)):
                key = self.scalar(key_field, nonzero=False)
                if value_field.message_type is not None:
                    container[key].Clear()
                    self.fill(container[key], depth + 1, chain)
                else:
                    container[key] = self.scalar(value_field, nonzero=False)
        elif field.is_repeated:
            container = getattr(msg, field.name)
            for _ in range(self.count(field)):
                if field.message_type is not None:
                    self.fill(container.add(), depth + 1, chain)
                else:
                    container.append(self.scalar(field, nonzero=False))
        elif field.message_type is not None:
            sub = getattr(msg, field.name)
            sub.SetInParent()
            self.fill(sub, depth + 1, chain)
        else:
            setattr(msg, field.name, self.zero(field) if zero else self.scalar(field, nonzero=self.mode != "random"))

    def count(self, field: FD) -> int:
        """How many elements a list or map gets."""
        if self.mode == "random":
            return self.rng.randint(0, 3)
        return 2 if field.message_type is not None else 3

    def zero(self, field: FD):
        """The default value of a scalar field."""
        if field.type == FD.TYPE_STRING:
            return ""
        if field.type == FD.TYPE_BYTES:
            return b""
        if field.type == FD.TYPE_BOOL:
            return False
        if field.type in (FD.TYPE_FLOAT, FD.TYPE_DOUBLE):
            return 0.0
        return 0

    def scalar(self, field: FD, nonzero: bool):
        """A value for a scalar (or enum) field."""
        rng = self.rng
        kind = field.type
        if self.mode in ("min", "max"):
            return samples.limit(kind, field.enum_type, self.mode == "max")
        if kind == FD.TYPE_ENUM:
            enum = field.enum_type
            if enum.full_name == NULL_VALUE:
                return 0
            if self.mode == "unknown_enum":
                return unknown_enum_number(rng, enum)
            numbers = [v.number for v in enum.values if v.number != 0 or not nonzero]
            return rng.choice(numbers or [v.number for v in enum.values])
        if kind in samples.INT_RANGES:
            return samples.int_value(rng, kind, nonzero)
        if kind == FD.TYPE_BOOL:
            return True if nonzero else rng.random() < 0.5
        if kind == FD.TYPE_STRING:
            return samples.string_value(rng, nonzero)
        if kind == FD.TYPE_BYTES:
            return samples.bytes_value(rng, nonzero)
        if kind in (FD.TYPE_FLOAT, FD.TYPE_DOUBLE):
            return samples.float_value(rng, kind == FD.TYPE_FLOAT, nonzero)
        raise ValueError(f"{field.full_name}: unsupported field type {kind}")

    def fill_wkt(self, msg: Message, depth: int) -> None:
        """Populates a well-known type (already marked present)."""
        rng = self.rng
        name = msg.DESCRIPTOR.full_name
        zero = self.mode == "presence"
        nonzero = self.mode != "random"
        if name == "google.protobuf.Timestamp" and self.mode in ("min", "max"):
            msg.seconds, msg.nanos = (samples.TS_MAX, 999_999_999) if self.mode == "max" else (samples.TS_MIN, 0)
        elif name == "google.protobuf.Duration" and self.mode in ("min", "max"):
            sign = 1 if self.mode == "max" else -1
            msg.seconds, msg.nanos = sign * samples.DURATION_MAX, sign * 999_999_999
        elif name == "google.protobuf.Timestamp":
            if not zero:
                msg.seconds, msg.nanos = samples.timestamp_value(rng, nonzero)
        elif name == "google.protobuf.Duration":
            if not zero:
                msg.seconds, msg.nanos = samples.duration_value(rng, nonzero)
        elif name in WRAPPERS:
            if not zero:
                msg.value = self.scalar(msg.DESCRIPTOR.fields_by_name["value"], nonzero=False)
        elif name == "google.protobuf.FieldMask":
            if not zero:
                msg.paths.extend(samples.field_mask_paths(rng, nonzero))
        elif name == "google.protobuf.Struct":
            set_struct(msg, {} if zero else samples.json_object(rng, 3))
        elif name == "google.protobuf.Value":
            set_json_value(msg, None if zero else samples.json_tree(rng, 3))
        elif name == "google.protobuf.ListValue":
            if not zero:
                for _ in range(rng.randint(1 if nonzero else 0, 4)):
                    set_json_value(msg.values.add(), samples.json_tree(rng, 2))
        elif name == "google.protobuf.Any":
            if not zero and self.any_payloads and depth + 1 < self.max_depth:
                payload = new_message(rng.choice(self.any_payloads))
                self.fill(payload, depth + 1)
                msg.Pack(payload)
        elif name == "google.protobuf.Empty":
            pass
        else:
            raise ValueError(f"{name}: unsupported well-known type")
