"""All vectors of one message type."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field as dc_field

from google.protobuf.descriptor import Descriptor, FieldDescriptor as FD
from google.protobuf.message import Message

from . import forms as F
from .canonical import Canonical, canonical, reparse, to_text
from .fill import Filler, new_message, real_oneofs
from .protos import is_map_entry, is_wkt
from .rawjson import Pairs, Raw, dumps
from .server_form import server_form

#: Unknown members added to inputs parsed with ignore_unknown_fields.
UNKNOWN_MEMBERS = {"fieldFromTheFuture": {"nested": [1, "two", None, True, {"x": 1.5}]}, "another_new_field": "x"}


def has_enum(desc: Descriptor, seen: set[str] | None = None) -> bool:
    """Whether `desc` or a message inside it has an enum field (NullValue aside)."""
    seen = set() if seen is None else seen
    if desc.full_name in seen or is_wkt(desc):
        return False
    seen.add(desc.full_name)
    for f in desc.fields:
        if f.enum_type is not None and not is_wkt(f.enum_type):
            return True
        if f.message_type is not None and has_enum(f.message_type, seen):
            return True
    return False


def with_unknown_members(desc: Descriptor, value: dict) -> dict:
    """`value` (JSON of a `desc` message) with unknown members added at the
    top and inside the first nested message present."""
    out = {**UNKNOWN_MEMBERS, **value}
    for f in desc.fields:
        nested = value.get(f.json_name)
        if isinstance(nested, dict) and f.message_type is not None and not f.is_repeated and not is_wkt(f.message_type):
            if not is_map_entry(f.message_type):
                out[f.json_name] = {**nested, "nestedFieldFromTheFuture": [None, 2.5]}
                break
    return out


def reorder(value):
    """`value` with the members of every object in reverse order."""
    if isinstance(value, dict):
        return {k: reorder(value[k]) for k in reversed(list(value))}
    if isinstance(value, list):
        return [reorder(v) for v in value]
    return value


def repeated_value(f: FD) -> bool:
    """Whether `f` is a list of google.protobuf.Value: the reference raises
    an internal error on `null` for such a field."""
    return f.is_repeated and f.message_type is not None and f.message_type.full_name == "google.protobuf.Value"


def map_key(f: FD) -> str:
    """A valid JSON key for map field `f`."""
    return {"string": "k", "bool": "true"}.get(F.kind_of(f.message_type.fields_by_name["key"]), "1")


def future_enum_name(f: FD) -> str:
    """A value name the enum of `f` does not have, in the enum's style."""
    names = [v.name for v in f.enum_type.values]
    prefix = names[0].rsplit("_", 1)[0] + "_" if "_" in names[0] else ""
    if not all(n.startswith(prefix) for n in names):
        prefix = ""
    return prefix + "FROM_THE_FUTURE"


@dataclass
class TypeVectors:
    """Builds the vectors of message type `desc`.

    `form_cap` limits how many lenient and rejected forms each field gets
    (None: all of them); `quirks` says whether to record reference quirks."""

    desc: Descriptor
    rng: random.Random
    any_payloads: list[Descriptor]
    random_count: int
    form_cap: int | None
    quirks: bool
    diagnostics: list[str] = dc_field(default_factory=list)
    messages: dict[str, Message] = dc_field(default_factory=dict)
    #: Inputs whose handling the spec leaves open and the reference rejects.
    quirk_rejections: list[dict] = dc_field(default_factory=list)

    def note(self, text: str) -> None:
        """Records something the reference did not do as expected."""
        self.diagnostics.append(f"{self.desc.full_name}: {text}")

    def filler(self, mode: str, **options) -> Filler:
        """A Filler sharing this type's random stream."""
        return Filler(self.rng, mode, self.any_payloads, **options)

    def build(self) -> dict:
        """Every section of this type's vector file."""
        canonical = self.canonical()
        unknown_enum_values = self.unknown_enum_values()
        quirks = self.field_quirks() if self.quirks else []
        return {
            "type": self.desc.full_name,
            "canonical": canonical,
            "unknown_enum_values": unknown_enum_values,
            "server_form": self.server_forms(),
            "lenient": self.message_lenient() + self.field_lenient(),
            "quirks": quirks,
            "rejected": self.field_rejected() + self.message_rejected() + self.quirk_rejections,
            "unknown_enum_names": self.unknown_enum_names(),
        }

    # canonical vectors ------------------------------------------------------

    def oneof_width(self) -> int:
        """The most members any oneof of the type has (1 without oneofs)."""
        return max([len(o.fields) for o in real_oneofs(self.desc)] + [1])

    def canonical(self) -> list[dict]:
        """Empty, fully populated, optional-at-zero and random messages."""
        candidates: list[tuple[str, Message]] = [("empty", new_message(self.desc))]
        width = self.oneof_width()
        for mode in ("full", "presence", "min", "max"):
            for pick in range(width):
                msg = new_message(self.desc)
                self.filler(mode, oneof_pick=pick).fill(msg)
                candidates.append((f"{mode}/{pick}" if width > 1 else mode, msg))
        for i in range(self.random_count):
            msg = new_message(self.desc)
            self.filler("random", p_set=(0.3, 0.6, 0.9)[i % 3]).fill(msg)
            candidates.append((f"random/{i}", msg))
        return self.round_tripped(candidates)

    def round_tripped(self, candidates: list[tuple[str, Message]]) -> list[dict]:
        """Records of the candidates whose canonical text the reference
        parses back to the same text, duplicates dropped."""
        out, seen = [], set()
        for name, msg in candidates:
            canon = canonical(msg)
            if canon.text in seen:
                continue
            again, error = reparse(canon.text, self.desc)
            if again is None or again.text != canon.text:
                self.note(f"{name} does not round-trip: {canon.text} -> {error or again.text}")
                continue
            seen.add(canon.text)
            self.messages[name] = msg
            out.append(canon.record(name=name))
        return out

    def unknown_enum_values(self) -> list[dict]:
        """Messages whose enum fields hold numbers the enums do not define."""
        if not has_enum(self.desc):
            return []
        candidates = []
        for pick in range(2):
            msg = new_message(self.desc)
            self.filler("unknown_enum", oneof_pick=pick).fill(msg)
            candidates.append((f"unknown_enum/{pick}", msg))
        return self.round_tripped(candidates)

    # the server's form ------------------------------------------------------

    def server_forms(self) -> list[dict]:
        """Server-style JSON of some canonical messages, with what the
        reference makes of it."""
        out = []
        names = [n for n in self.messages if not n.startswith(("random/", "min", "max"))]
        names += [n for n in self.messages if n.startswith("random/")][:4]
        for name in names:
            form = server_form(self.messages[name])
            canon, error = reparse(form.text, self.desc)
            if canon is None:
                self.note(f"server form of {name} rejected: {error}")
                continue
            record = {"name": name, "input": form.text, "canonical": canon.value}
            if canon.float32:
                record["float32"] = canon.float32
            out.append(record)
        return out

    # lenient inputs ---------------------------------------------------------

    def lenient_record(self, kind: str, text: str, expected: Canonical, ignore_unknown: bool = False) -> dict | None:
        """A lenient vector, if the reference parses `text` to `expected`."""
        got, error = reparse(text, self.desc, ignore_unknown)
        if got is None or got.text != expected.text:
            self.note(f"lenient {kind} not accepted as expected: {text} -> {error or got.text} (expected {expected.text})")
            return None
        record = {"kind": kind, "input": text, "canonical": expected.value}
        if ignore_unknown:
            record["ignore_unknown_fields"] = True
        if expected.float32:
            record["float32"] = expected.float32
        return record

    def message_lenient(self) -> list[dict]:
        """Whole-message lenient forms: of the fully populated message, and
        of the smallest non-empty random one."""
        out = []
        full = [n for n in self.messages if n in ("full", "full/0")]
        randoms = [n for n in self.messages if n.startswith("random/") and canonical(self.messages[n]).value]
        small = sorted(randoms, key=lambda n: (len(canonical(self.messages[n]).text), n))[:1]
        plan = [(n, ["proto_field_names", "enum_numbers", "reordered_members", "ascii_escapes", "absent_as_null"]) for n in full]
        plan += [(n, ["whitespace", "unknown_fields", "proto_field_names", "absent_as_null"]) for n in small]
        for name, kinds in plan:
            msg = self.messages[name]
            canon = canonical(msg)
            nulls = self.absent_nulls(canon.value)
            inputs = {
                "proto_field_names": lambda: to_text(canonical(msg, preserving_proto_field_name=True).value),
                "enum_numbers": lambda: to_text(canonical(msg, use_integers_for_enums=True).value),
                "reordered_members": lambda: to_text(reorder(canon.value)),
                "ascii_escapes": lambda: json.dumps(canon.value, ensure_ascii=True),
                "absent_as_null": lambda: dumps({**canon.value, **nulls}) if nulls else canon.text,
                "whitespace": lambda: " \n" + json.dumps(canon.value, ensure_ascii=False, indent=2) + "\r\n\t",
                "unknown_fields": lambda: dumps(with_unknown_members(self.desc, canon.value)),
            }
            for kind in kinds:
                text = inputs[kind]()
                if text.strip() == canon.text:
                    continue  # the form changes nothing in this message
                record = self.lenient_record(kind, text, canon, ignore_unknown=kind == "unknown_fields")
                if record:
                    out.append(record)
        return out

    def absent_nulls(self, value: dict) -> dict:
        """`null` for every absent top-level field where null means absent."""
        nulls = {}
        for f in self.desc.fields:
            if f.json_name in value or (f.containing_oneof is not None and f.containing_oneof in real_oneofs(self.desc)):
                continue
            if f.message_type is not None and f.message_type.full_name == "google.protobuf.Value":
                continue  # null is a value there, or (lists) trips a reference bug
            nulls[f.json_name] = None
        return nulls

    def positions(self, f: FD):
        """(kind, value field, wrap) for field `f`: the kind of one value,
        the field describing one value (the map value field for maps), and a
        function placing one value token where `f` expects it."""
        if f.message_type is not None and is_map_entry(f.message_type):
            value_field = f.message_type.fields_by_name["value"]
            key = map_key(f)
            return F.kind_of(value_field), value_field, (lambda token: {key: token})
        if f.is_repeated:
            return F.kind_of(f), f, (lambda token: [token])
        return F.kind_of(f), f, (lambda token: token)

    def capped(self, items: list) -> list:
        """At most `form_cap` of `items`, drawn at random."""
        if self.form_cap is None or len(items) <= self.form_cap:
            return items
        return self.rng.sample(items, self.form_cap)

    def payload(self) -> Descriptor | None:
        """The regular message type Any vectors pack, if any."""
        regular = [d for d in self.any_payloads if not is_wkt(d) and d.fields]
        return regular[0] if regular else None

    def field_lenient(self) -> list[dict]:
        """Per-field lenient forms, `null` included."""
        out = []
        for f in self.desc.fields:
            kind, value_field, wrap = self.positions(f)
            singular = not f.is_repeated
            if repeated_value(f):
                continue  # the reference fails on it: see README ("reference bugs")
            expect_null_kept = singular and (kind == "value" or (kind == "null_value" and f.containing_oneof in real_oneofs(self.desc)))
            expected, _ = reparse(dumps({f.json_name: None}) if expect_null_kept else "{}", self.desc)
            record = self.lenient_record("null_field", dumps({f.json_name: None}), expected)
            if record:
                out.append(record)
            for name, token, canon_token in self.capped(F.scalar_forms(kind, value_field, self.payload()).lenient):
                expected, error = reparse(dumps({f.json_name: wrap(canon_token)}), self.desc)
                if expected is None:
                    self.note(f"canonical token of {name} rejected: {error}")
                    continue
                record = self.lenient_record(name, dumps({f.json_name: wrap(token)}), expected)
                if record:
                    out.append(record)
        return out

    def field_quirks(self) -> list[dict]:
        """Per-field forms the reference accepts though the spec does not."""
        out = []
        for f in self.desc.fields:
            kind, value_field, wrap = self.positions(f)
            inputs = [(name, dumps({f.json_name: wrap(token)})) for name, token, _ in F.scalar_forms(kind, value_field, self.payload()).quirks]
            if f.name != f.json_name:
                token = wrap(F.sample_token(kind, value_field))
                inputs.append(("json_and_proto_name", dumps(Pairs(((f.json_name, token), (f.name, token))))))
            if f.message_type is not None and is_map_entry(f.message_type) and F.kind_of(f.message_type.fields_by_name["key"]) not in ("string", "bool"):
                token = F.sample_token(kind, value_field)
                inputs += [("map_integer_key_form", dumps({f.json_name: {key: token}})) for key in ("01", "1e2", "-0", "+3")]
            for name, text in inputs:
                got, error = reparse(text, self.desc)
                if got is None:
                    if name == "json_and_proto_name":
                        self.quirk_rejections.append({"kind": name, "input": text, "error": error})
                    else:
                        self.note(f"quirk {name} rejected: {text}: {error}")
                    continue
                record = {"kind": name, "input": text, "canonical": got.value}
                if got.float32:
                    record["float32"] = got.float32
                out.append(record)
        got, error = reparse("[]", self.desc)
        if got is not None:
            out.append({"kind": "top_level_array", "input": "[]", "canonical": got.value})
        return out

    # rejected inputs --------------------------------------------------------

    def rejected_record(self, kind: str, text: str) -> dict | None:
        """A rejected vector, if the reference does reject `text`."""
        got, error = reparse(text, self.desc)
        if got is not None:
            self.note(f"rejected {kind} accepted: {text} -> {got.text}")
            return None
        return {"kind": kind, "input": text, "error": error}

    def field_rejected(self) -> list[dict]:
        """Per-field inputs the reference rejects."""
        out = []
        for f in self.desc.fields:
            kind, value_field, wrap = self.positions(f)
            key = f.json_name
            token = F.sample_token(kind, value_field)
            inputs = [(name, dumps({key: wrap(bad)})) for name, bad in F.scalar_forms(kind, value_field, self.payload()).rejected]
            if f.message_type is not None and is_map_entry(f.message_type):
                inputs += [("map_not_object", dumps({key: []}))]
                if kind not in ("value", "null_value"):
                    inputs.append(("map_null_value", dumps({key: {map_key(f): None}})))
                inputs += [(name, dumps({key: {bad_key: token}})) for name, bad_key in self.bad_map_keys(f)]
                inputs.append(("map_duplicate_key", dumps({key: Pairs(((map_key(f), token), (map_key(f), token)))})))
            elif f.is_repeated:
                inputs.append(("repeated_not_array", dumps({key: Raw("1")})))
                if kind not in ("value", "null_value"):
                    inputs.append(("repeated_null_element", dumps({key: [token, None]})))
            inputs.append(("duplicate_member", dumps(Pairs(((key, wrap(token)), (key, wrap(token)))))))
            for name, text in self.capped(inputs):
                record = self.rejected_record(name, text)
                if record:
                    out.append(record)
        for oneof in real_oneofs(self.desc):
            members = [m for m in oneof.fields if F.kind_of(m) not in ("null_value", "value")][:2]
            if len(members) == 2:
                both = {m.json_name: F.sample_token(F.kind_of(m), m) for m in members}
                record = self.rejected_record("oneof_two_members", dumps(both))
                if record:
                    out.append(record)
        return out

    def bad_map_keys(self, f: FD) -> list[tuple[str, str]]:
        """Map keys the reference must refuse for the key type of map `f`."""
        key_kind = F.kind_of(f.message_type.fields_by_name["key"])
        if key_kind == "bool":
            return [("map_bad_bool_key", "True"), ("map_bad_bool_key", "1"), ("map_bad_bool_key", "yes")]
        if key_kind == "string":
            return []
        too_large = {"int32": "2147483648", "uint32": "4294967296", "int64": "9223372036854775808", "uint64": "18446744073709551616"}[key_kind]
        bad = [("map_bad_integer_key", "a"), ("map_bad_integer_key", ""), ("map_bad_integer_key", "1.5"), ("map_integer_key_out_of_range", too_large)]
        if key_kind.startswith("u"):
            bad.append(("map_integer_key_out_of_range", "-1"))
        return bad

    def message_rejected(self) -> list[dict]:
        """Inputs rejected whatever the type: bad JSON, wrong top level,
        unknown fields in a strict parse."""
        key = self.desc.fields[0].json_name if self.desc.fields else "a"
        inputs = [
            ("unknown_field", dumps({"noSuchField": 1})),
            ("top_level_null", "null"),
            ("top_level_number", "1"),
            ("top_level_string", '"x"'),
            ("invalid_json", "{"),
            ("invalid_json", ""),
            ("invalid_json", "{} {}"),
            ("invalid_json", f'{{"{key}":}}'),
            ("trailing_comma", "{,}" if not self.desc.fields else f'{{"{key}":null,}}'),
            ("single_quotes", f"{{'{key}':null}}"),
        ]
        return [r for kind, text in inputs if (r := self.rejected_record(kind, text))]

    def unknown_enum_names(self) -> list[dict]:
        """Enum fields given a name the schema does not define: rejected by a
        strict parse; dropped when ignoring unknown fields."""
        out = []
        for f in self.desc.fields:
            kind, value_field, wrap = self.positions(f)
            if kind != "enum":
                continue
            name = future_enum_name(value_field)
            text = dumps({f.json_name: wrap(name)})
            strict, error = reparse(text, self.desc)
            lenient, lenient_error = reparse(text, self.desc, ignore_unknown_fields=True)
            if strict is not None or lenient is None:
                self.note(f"unknown enum name in {text}: strict {strict and strict.text}, lenient {lenient_error}")
                continue
            out.append({"input": text, "strict_error": error, "canonical_ignoring_unknown": lenient.value})
        return out
