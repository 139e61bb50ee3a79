#!/usr/bin/env python3
"""Generates the JSON conformance vectors in tests/data/conformance/.

Runs the reference protobuf JSON implementation (Python
`google.protobuf.json_format`, pinned in requirements.txt) over every message
of the Tesseral REST surface and of our conformance protos. See README.md for
the file format and how to rerun; `--check` regenerates into a temporary
directory and fails if anything differs from the checked-in files."""

from __future__ import annotations

import argparse
import filecmp
import importlib
import importlib.metadata
import os
import pathlib
import random
import sys
import tempfile
import time
import zlib

import google.protobuf
from google.protobuf import descriptor_pool
from google.protobuf.internal import api_implementation

from vectorgen import bodies, protos, writer
from vectorgen.vectors import TypeVectors

WORKSPACE = pathlib.Path(__file__).resolve().parent.parent
SECTIONS = ["canonical", "unknown_enum_values", "server_form", "lenient", "quirks", "rejected", "unknown_enum_names"]
#: Well-known types packed into Any fields, plus our own message types.
ANY_PAYLOADS = [
    "conformance.v1.Scalars",
    "google.protobuf.Timestamp",
    "google.protobuf.Duration",
    "google.protobuf.Struct",
    "google.protobuf.Value",
    "google.protobuf.Int64Value",
    "google.protobuf.StringValue",
    "google.protobuf.FieldMask",
    "google.protobuf.Empty",
    "conformance.v1.Outer.Inner",
]


def arguments() -> argparse.Namespace:
    """The command line; default paths are relative to the workspace root."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tesseral", type=pathlib.Path, default=WORKSPACE / "../shared/tesseral/latest/proto",
                        help="root of the Tesseral protos (default: ../shared/tesseral/latest/proto)")
    parser.add_argument("--conformance", type=pathlib.Path, default=WORKSPACE / "conformance/proto",
                        help="root of our conformance protos (default: conformance/proto)")
    parser.add_argument("--google-api", type=pathlib.Path, default=WORKSPACE / "generator/proto",
                        help="root of google/api/{annotations,http}.proto (default: generator/proto)")
    parser.add_argument("--out", type=pathlib.Path, default=WORKSPACE / "tests/data/conformance",
                        help="output directory (default: tests/data/conformance)")
    parser.add_argument("--seed", type=int, default=20240605, help="base random seed (default: 20240605)")
    parser.add_argument("--random", type=int, default=20,
                        help="random messages per Tesseral type; conformance types get twice as many (default: 20)")
    parser.add_argument("--check", action="store_true", help="regenerate into a temporary directory and compare with --out")
    return parser.parse_args()


def relative(path: pathlib.Path) -> str:
    """`path` relative to the workspace root, with slashes."""
    return pathlib.PurePath(os.path.relpath(path.resolve(), WORKSPACE)).as_posix()


def main() -> int:
    args = arguments()
    for name in ("tesseral", "conformance", "google_api"):
        root = getattr(args, name)
        if not root.is_dir():
            print(f"{root}: not a directory (--{name.replace('_', '-')})", file=sys.stderr)
            return 2
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="conformance-protos-") as build, \
            tempfile.TemporaryDirectory(prefix="conformance-vectors-") as scratch:
        files = protos.compile_and_import([args.tesseral, args.conformance, args.google_api], pathlib.Path(build))
        out = pathlib.Path(scratch) if args.check else args.out
        diagnostics = generate(args, files, out)
        for line in diagnostics:
            print(f"note: {line}")
        if args.check:
            differences = compare(pathlib.Path(scratch), args.out)
            for line in differences:
                print(f"differs: {line}", file=sys.stderr)
            print(f"check: {len(differences)} difference(s) in {time.monotonic() - started:.1f}s")
            return 1 if differences else 0
    print(f"done in {time.monotonic() - started:.1f}s")
    return 0


def generate(args: argparse.Namespace, files: dict, out: pathlib.Path) -> list[str]:
    """Writes every vector file and the index under `out`; returns the
    diagnostics (forms the reference did not treat as classified)."""
    http = importlib.import_module("google.api.annotations_pb2").http
    tesseral_files = [files[rel] for rel in protos.proto_files(args.tesseral)]
    conformance_files = [files[rel] for rel in protos.proto_files(args.conformance)]
    tesseral = protos.rest_surface(tesseral_files, http)
    conformance = protos.rest_surface(conformance_files, http)
    pool = descriptor_pool.Default()
    payloads = []
    for name in ANY_PAYLOADS:
        try:
            payloads.append(pool.FindMessageTypeByName(name))
        except KeyError:
            pass
    reference = {
        "protobuf": google.protobuf.__version__,
        "implementation": api_implementation.Type(),
        "grpcio_tools": importlib.metadata.version("grpcio-tools"),
    }
    diagnostics: list[str] = []
    counts = {section: 0 for section in SECTIONS}
    packages = []
    written: set[pathlib.Path] = set()
    plan = [
        ("tesseral", args.tesseral, tesseral, tesseral.messages, dict(random_count=args.random, form_cap=4, quirks=False)),
        ("conformance", args.conformance, conformance, protos.all_messages(conformance_files),
         dict(random_count=2 * args.random, form_cap=None, quirks=True)),
    ]
    for label, root, surface, messages, options in plan:
        type_files = []
        for desc in messages:
            seed = args.seed + zlib.crc32(desc.full_name.encode())
            vectors = TypeVectors(desc, random.Random(seed), payloads, **options)
            doc = {"reference": reference, "seed": seed, **vectors.build()}
            diagnostics += vectors.diagnostics
            for section in SECTIONS:
                counts[section] += len(doc[section])
            package = desc.file.package
            rel = f"{package}/{desc.full_name[len(package) + 1:]}.json"
            writer.write(out / rel, doc)
            written.add(out / rel)
            type_files.append({"type": desc.full_name, "file": rel})
        files_of_label = tesseral_files if label == "tesseral" else conformance_files
        body_records = []
        for method, rule in bodies.body_field_operations(files_of_label, http):
            rng = random.Random(args.seed + zlib.crc32(method.full_name.encode()))
            body_records.append(bodies.operation_records(method, rule, rng, payloads))
        bodies_rel = f"bodies/{label}.json"
        writer.write(out / bodies_rel, {"reference": reference, "operations": body_records})
        written.add(out / bodies_rel)
        packages.append({
            "name": label,
            "source": relative(root),
            "inputs": protos.file_digests(root),
            "rest_operations": surface.operations,
            "enums": [e.full_name for e in surface.enums],
            "types": type_files,
            "bodies": bodies_rel,
        })
        print(f"{label}: {len(surface.operations)} REST operations ({len(body_records)} with a body field), "
              f"{len(type_files)} message types")
    index = {"reference": reference, "seed": args.seed, "random_per_type": args.random, "packages": packages, "counts": counts}
    writer.write(out / "index.json", index)
    written.add(out / "index.json")
    for stale in sorted(out.rglob("*.json")):
        if stale not in written:
            stale.unlink()
            print(f"removed stale {stale}")
    print("vectors: " + ", ".join(f"{section} {n}" for section, n in counts.items()))
    return diagnostics


def compare(fresh: pathlib.Path, checked_in: pathlib.Path) -> list[str]:
    """Relative paths whose contents differ between the two trees."""
    names = {p.relative_to(fresh) for p in fresh.rglob("*.json")} | {p.relative_to(checked_in) for p in checked_in.rglob("*.json")}
    return sorted(
        str(rel) for rel in names
        if not ((fresh / rel).is_file() and (checked_in / rel).is_file() and filecmp.cmp(fresh / rel, checked_in / rel, shallow=False))
    )


if __name__ == "__main__":
    sys.exit(main())
