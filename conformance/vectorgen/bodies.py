"""Request bodies of `body: "<field>"` operations: what the server makes of
the body a client sends.

The server is grpc-gateway (HTTP/JSON transcoding of `google.api.http`
rules). For `body: "user"` its generated handler runs
`marshaler.NewDecoder(req.Body).Decode(&protoReq.User)` and ignores
`io.EOF`, so:

* an empty body is never handed to the JSON parser and leaves the field
  unset (the reference parser refuses an empty text: recorded as
  `empty_text_error`);
* any other body is parsed by protojson into a new message that is then
  set, so `{}` makes the field present (an empty message).

The marshaler is picked by the request's Content-Type, falling back to the
default (`*`) one, so a request without a body needs no Content-Type.

Each record pairs a body with the request message the server builds from it
(path fields set to sample values, the body field from the body), written
canonically by the reference.
"""

from __future__ import annotations

import random
import re

from google.protobuf import json_format
from google.protobuf.descriptor import FieldDescriptor as FD, MethodDescriptor

from .canonical import canonical
from .fill import Filler, new_message

#: The HTTP methods a rule can bind (the `pattern` oneof of google.api.HttpRule).
HTTP_METHODS = ("get", "put", "post", "delete", "patch")


def rule_method_and_path(rule) -> tuple[str, str]:
    """The HTTP method (upper case) and path template of an HttpRule."""
    kind = rule.WhichOneof("pattern")
    if kind not in HTTP_METHODS:
        raise ValueError(f"unsupported google.api.http pattern {kind!r}")
    return kind.upper(), getattr(rule, kind)


def path_variables(template: str) -> list[str]:
    """The field paths bound by `{name}` / `{name=...}` in a path template."""
    return [m.group(1) for m in re.finditer(r"\{([a-zA-Z0-9_.]+)(?:=[^}]*)?\}", template)]


def set_path_field(msg, path: str) -> None:
    """Sets the (string or integer) field at the dotted `path` to a sample."""
    *parents, last = path.split(".")
    for name in parents:
        msg = getattr(msg, name)
    field = msg.DESCRIPTOR.fields_by_name[last]
    if field.type == FD.TYPE_STRING:
        setattr(msg, last, f"{last}-1")
    elif field.type in (FD.TYPE_INT32, FD.TYPE_INT64, FD.TYPE_UINT32, FD.TYPE_UINT64):
        setattr(msg, last, 7)
    else:
        raise ValueError(f"{msg.DESCRIPTOR.full_name}.{last}: unsupported path field type {field.type}")


def transcode(method: MethodDescriptor, rule, body: str):
    """The request grpc-gateway builds for `body` (path fields aside)."""
    request = new_message(method.input_type)
    field = method.input_type.fields_by_name[rule.body]
    if body:
        value = new_message(field.message_type)
        json_format.Parse(body, value)
        getattr(request, field.name).CopyFrom(value)
    return request


def operation_records(method: MethodDescriptor, rule, rng: random.Random, payloads) -> dict:
    """The body records of one `body: "<field>"` operation."""
    http_method, template = rule_method_and_path(rule)
    field = method.input_type.fields_by_name[rule.body]
    if field.message_type is None or field.is_repeated:
        raise ValueError(f"{method.full_name}: body field {field.name} is not a singular message")
    full = new_message(field.message_type)
    Filler(rng, "full", payloads).fill(full)
    bodies = [("unset", ""), ("empty", "{}"), ("full", canonical(full).text)]
    cases = []
    for name, body in bodies:
        request = transcode(method, rule, body)
        for path in path_variables(template):
            set_path_field(request, path)
        got = canonical(request)
        cases.append({
            "name": name,
            "body": body,
            "body_field_present": request.HasField(field.name),
            "request": got.value,
            **({"float32": got.float32} if got.float32 else {}),
        })
    try:
        json_format.Parse("", new_message(field.message_type))
        empty_text_error = None
    except Exception as error:  # the reference raises several types
        empty_text_error = str(error)
    return {
        "operation": method.full_name,
        "method": http_method,
        "path": template,
        "request_type": method.input_type.full_name,
        "body_field": field.json_name,
        "empty_text_error": empty_text_error,
        "cases": cases,
    }


def body_field_operations(files, http_extension):
    """(method, rule) of every RPC in `files` whose rule has `body: "<field>"`,
    sorted by full name."""
    found = []
    for file in files:
        for service in file.services_by_name.values():
            for method in service.methods:
                options = method.GetOptions()
                if not options.HasExtension(http_extension):
                    continue
                rule = options.Extensions[http_extension]
                if rule.body and rule.body != "*":
                    found.append((method, rule))
    return sorted(found, key=lambda pair: pair[0].full_name)
