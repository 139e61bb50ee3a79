"""Compiling the input protos and finding the types the vectors cover."""

from __future__ import annotations

import hashlib
import importlib
import pathlib
import sys
from dataclasses import dataclass, field

import grpc_tools
from google.protobuf import descriptor_pb2
from google.protobuf.descriptor import Descriptor, EnumDescriptor, FileDescriptor
from grpc_tools import protoc


def proto_files(root: pathlib.Path) -> list[str]:
    """Every `.proto` file under `root`, as sorted slash-separated relative paths."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.proto"))


def wkt_include() -> pathlib.Path:
    """The well-known-type protos shipped with grpcio-tools."""
    return pathlib.Path(grpc_tools.__file__).parent / "_proto"


def compile_and_import(roots: list[pathlib.Path], out_dir: pathlib.Path) -> dict[str, FileDescriptor]:
    """Compiles every proto under `roots` to Python modules in `out_dir`,
    imports them (which registers them in the default descriptor pool) and
    returns their file descriptors by relative path."""
    files: list[str] = []
    owner: dict[str, pathlib.Path] = {}
    for root in roots:
        for rel in proto_files(root):
            if rel in owner:
                raise SystemExit(f"{root / rel}: also found under {owner[rel]}")
            owner[rel] = root
            files.append(rel)
    args = ["grpc_tools.protoc"]
    args += [f"-I{root}" for root in roots]
    args += [f"-I{wkt_include()}", f"--python_out={out_dir}", *files]
    status = protoc.main(args)
    if status != 0:
        raise SystemExit(f"protoc failed with status {status} compiling {files} from {roots}")
    sys.path.insert(0, str(out_dir))
    result = {}
    for rel in files:
        module = importlib.import_module(rel[: -len(".proto")].replace("/", ".") + "_pb2")
        result[rel] = module.DESCRIPTOR
    return result


def file_digests(root: pathlib.Path) -> dict[str, str]:
    """SHA-256 of every proto under `root`, so stale vectors can be noticed."""
    return {rel: hashlib.sha256((root / rel).read_bytes()).hexdigest() for rel in proto_files(root)}


def is_map_entry(desc: Descriptor) -> bool:
    """Whether `desc` is the synthetic entry message of a map field."""
    return desc.GetOptions().map_entry


def is_wkt(desc: Descriptor | EnumDescriptor) -> bool:
    """Whether `desc` is a google.protobuf well-known type."""
    return desc.full_name.startswith("google.protobuf.")


def all_messages(files: list[FileDescriptor]) -> list[Descriptor]:
    """Every message declared in `files`, nested ones included, map entries
    excluded, sorted by full name."""
    found: list[Descriptor] = []

    def visit(desc: Descriptor) -> None:
        if is_map_entry(desc):
            return
        found.append(desc)
        for nested in desc.nested_types:
            visit(nested)

    for file in files:
        for desc in file.message_types_by_name.values():
            visit(desc)
    return sorted(found, key=lambda d: d.full_name)


@dataclass
class Surface:
    """The REST surface of some proto files: the RPCs with a `google.api.http`
    option and every message and enum reachable from their request and
    response types."""

    operations: list[str] = field(default_factory=list)
    messages: list[Descriptor] = field(default_factory=list)
    enums: list[EnumDescriptor] = field(default_factory=list)


def rest_surface(files: list[FileDescriptor], http_extension) -> Surface:
    """Collects the REST surface of the services declared in `files`."""
    surface = Surface()
    roots: list[Descriptor] = []
    for file in files:
        for service in file.services_by_name.values():
            for method in service.methods:
                if method.GetOptions().HasExtension(http_extension):
                    surface.operations.append(f"{service.full_name}.{method.name}")
                    roots += [method.input_type, method.output_type]
    messages: dict[str, Descriptor] = {}
    enums: dict[str, EnumDescriptor] = {}
    pending = list(roots)
    while pending:
        desc = pending.pop()
        if is_map_entry(desc):
            pending.extend(f.message_type for f in desc.fields if f.message_type)
            enums.update({f.enum_type.full_name: f.enum_type for f in desc.fields if f.enum_type})
            continue
        if desc.full_name in messages or is_wkt(desc):
            continue
        messages[desc.full_name] = desc
        for f in desc.fields:
            if f.message_type is not None:
                pending.append(f.message_type)
            if f.enum_type is not None and not is_wkt(f.enum_type):
                enums[f.enum_type.full_name] = f.enum_type
    surface.operations.sort()
    surface.messages = [messages[k] for k in sorted(messages)]
    surface.enums = [enums[k] for k in sorted(enums)]
    return surface


def proto3_optional_fields(desc: Descriptor) -> set[str]:
    """Names of the fields of `desc` declared with proto3 `optional`."""
    proto = descriptor_pb2.DescriptorProto()
    desc.CopyToProto(proto)
    return {f.name for f in proto.field if f.proto3_optional}
