"""The real server's output form: every field without presence written out
(defaults included) and `null` for every unset singular message field, as
the Tesseral server's grpc-gateway transcoder (Go protojson with
EmitUnpopulated) writes it. The Python reference writes the defaults; the
nulls are added here."""

from __future__ import annotations

from google.protobuf import descriptor_pool, json_format
from google.protobuf.descriptor import Descriptor
from google.protobuf.message import Message

from .canonical import SPECIAL_JSON, normalize
from .protos import is_map_entry


def add_nulls(desc: Descriptor, obj) -> None:
    """Adds `null` for the unset singular message fields of `obj` (the JSON
    of a `desc` message) and of every message nested in it."""
    if not isinstance(obj, dict):
        return
    if desc.full_name == "google.protobuf.Any":
        if "@type" in obj:
            inner = descriptor_pool.Default().FindMessageTypeByName(obj["@type"].rsplit("/", 1)[-1])
            if inner.full_name not in SPECIAL_JSON:
                add_nulls(inner, obj)
        return
    if desc.full_name.startswith("google.protobuf."):
        return
    for f in desc.fields:
        key = f.json_name
        if key in obj:
            if f.message_type is None:
                continue
            if is_map_entry(f.message_type):
                value_type = f.message_type.fields_by_name["value"].message_type
                if value_type is not None:
                    for item in obj[key].values():
                        add_nulls(value_type, item)
            elif f.is_repeated:
                for item in obj[key]:
                    add_nulls(f.message_type, item)
            else:
                add_nulls(f.message_type, obj[key])
        elif f.message_type is not None and not f.is_repeated and f.containing_oneof is None:
            obj[key] = None


def server_form(msg: Message):
    """The server-style JSON of `msg`, normalized like canonical JSON."""
    obj = json_format.MessageToDict(msg, always_print_fields_with_no_presence=True)
    add_nulls(msg.DESCRIPTOR, obj)
    return normalize(msg.DESCRIPTOR, obj)
