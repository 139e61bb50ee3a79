"""JSON forms of single field values, sorted by what the reference does with
them and by what the proto3 JSON mapping says:

* `lenient`: accepted by the reference and allowed by the proto3 JSON spec,
  though not what an encoder writes (strings for int32, numbers for int64,
  URL-safe base64, timestamp offsets, ...). Each comes with the canonical
  token it stands for.
* `quirks`: accepted by the Python reference although the spec does not
  allow them (`"+1"`, `"1_000"`, `"inf"`, base64 with whitespace, ...). Other
  implementations (Go's protojson) reject most of them.
* `rejected`: refused by the reference.

The generator checks every form against the reference and drops (and
reports) any form the reference does not treat as classified here."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field as dc_field

from google.protobuf.descriptor import Descriptor, FieldDescriptor as FD

from .fill import NULL_VALUE, WRAPPERS
from .rawjson import Pairs, Raw
from .samples import INT_RANGES

SCALAR_KINDS = {
    FD.TYPE_INT32: "int32",
    FD.TYPE_SINT32: "int32",
    FD.TYPE_SFIXED32: "int32",
    FD.TYPE_UINT32: "uint32",
    FD.TYPE_FIXED32: "uint32",
    FD.TYPE_INT64: "int64",
    FD.TYPE_SINT64: "int64",
    FD.TYPE_SFIXED64: "int64",
    FD.TYPE_UINT64: "uint64",
    FD.TYPE_FIXED64: "uint64",
    FD.TYPE_FLOAT: "float",
    FD.TYPE_DOUBLE: "double",
    FD.TYPE_BOOL: "bool",
    FD.TYPE_STRING: "string",
    FD.TYPE_BYTES: "bytes",
}

WKT_KINDS = {
    "google.protobuf.Timestamp": "timestamp",
    "google.protobuf.Duration": "duration",
    "google.protobuf.Struct": "struct",
    "google.protobuf.Value": "value",
    "google.protobuf.ListValue": "list_value",
    "google.protobuf.FieldMask": "field_mask",
    "google.protobuf.Any": "any",
    "google.protobuf.Empty": "empty",
}


def kind_of(f: FD) -> str:
    """The JSON kind of one value of field `f` (an element, for lists)."""
    if f.message_type is not None:
        name = f.message_type.full_name
        if name in WRAPPERS:
            return "wrapper:" + SCALAR_KINDS[WRAPPERS[name]]
        return WKT_KINDS.get(name, "message")
    if f.type == FD.TYPE_ENUM:
        return "null_value" if f.enum_type.full_name == NULL_VALUE else "enum"
    return SCALAR_KINDS[f.type]


EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def timestamp_text(seconds: int, nanos: int, offset_minutes: int | None, digits: int) -> str:
    """RFC 3339 text of an instant, in local time at `offset_minutes` (None
    writes `Z`), with exactly `digits` fractional digits."""
    offset = offset_minutes or 0
    local = EPOCH + datetime.timedelta(seconds=seconds + offset * 60)
    text = f"{local.year:04d}-{local.month:02d}-{local.day:02d}T{local.hour:02d}:{local.minute:02d}:{local.second:02d}"
    if digits:
        text += "." + f"{nanos:09d}"[:digits].ljust(digits, "0")
    if offset_minutes is None:
        return text + "Z"
    sign = "-" if offset < 0 else "+"
    return text + f"{sign}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}"


def canonical_digits(nanos: int) -> int:
    """How many fractional digits the canonical form uses for `nanos`."""
    if nanos == 0:
        return 0
    if nanos % 1_000_000 == 0:
        return 3
    if nanos % 1_000 == 0:
        return 6
    return 9


def canonical_timestamp(seconds: int, nanos: int) -> str:
    """The canonical text of a Timestamp."""
    return timestamp_text(seconds, nanos, None, canonical_digits(nanos))


def duration_text(seconds: int, nanos: int, digits: int) -> str:
    """Text of a Duration with exactly `digits` fractional digits."""
    sign = "-" if seconds < 0 or nanos < 0 else ""
    text = f"{sign}{abs(seconds)}"
    if digits:
        text += "." + f"{abs(nanos):09d}"[:digits].ljust(digits, "0")
    return text + "s"


@dataclass
class Forms:
    """The forms of one kind, by category: (name, input, canonical token)
    for lenient and quirks, (name, input) for rejected."""

    lenient: list = dc_field(default_factory=list)
    quirks: list = dc_field(default_factory=list)
    rejected: list = dc_field(default_factory=list)


def int_forms(kind: str) -> Forms:
    """Forms of int32/uint32/int64/uint64 values."""
    lo, hi = INT_RANGES[{"int32": FD.TYPE_INT32, "uint32": FD.TYPE_UINT32, "int64": FD.TYPE_INT64, "uint64": FD.TYPE_UINT64}[kind]]
    wide = kind in ("int64", "uint64")

    def canon(n: int):
        return str(n) if wide else n

    forms = Forms()
    if wide:
        for n in [hi, 1, 42, 2**53 + 1] + ([lo, -5] if lo < 0 else []):
            forms.lenient.append(("int64_as_number", Raw(str(n)), canon(n)))
        forms.lenient.append(("int_exponent_string", "1e18", canon(10**18)))
    else:
        for n in [hi, 7] + ([lo, -5] if lo < 0 else []):
            forms.lenient.append(("int32_as_string", str(n), canon(n)))
        forms.lenient.append(("int_exponent_string", "12e2", canon(1200)))
    forms.lenient += [
        ("int_exponent_number", Raw("12e2"), canon(1200)),
        ("int_exponent_number", Raw("1.5E3"), canon(1500)),
        ("int_exponent_number", Raw("1E0"), canon(1)),
    ]
    if lo < 0:
        forms.lenient.append(("int_exponent_number", Raw("-7e1"), canon(-70)))
    forms.quirks += [
        ("int_plus_sign", "+5", canon(5)),
        ("int_leading_zeros", "007", canon(7)),
        ("int_underscores", "1_000", canon(1000)),
        ("int_integral_fraction_string", "100.0", canon(100)),
        ("int_integral_fraction_number", Raw("100.0"), canon(100)),
    ]
    forms.rejected += [
        ("int_too_large", Raw(str(hi + 1))),
        ("int_too_large", str(hi + 1)),
        ("int_too_small", Raw(str(lo - 1))),
        ("int_fraction", Raw("1.5")),
        ("int_fraction", "1.5"),
        ("int_negative_exponent", Raw("1e-2")),
        ("int_hex", "0x10"),
        ("int_inner_space", " 1"),
        ("int_not_a_number", "abc"),
        ("int_empty_string", ""),
        ("int_bool", Raw("true")),
        ("int_object", {}),
    ]
    return forms


def float_forms(kind: str) -> Forms:
    """Forms of float/double values."""
    single = kind == "float"
    forms = Forms(
        lenient=[
            ("float_as_string", "1.5", 1.5),
            ("float_as_string", "-0.25", -0.25),
            ("float_exponent_string", "2.5e-3", 0.0025),
            ("float_exponent_number", Raw("2.5E-3"), 0.0025),
            ("float_integer_number", Raw("3"), 3.0),
            ("float_special_string", "-Infinity", "-Infinity"),
        ],
        quirks=[
            ("float_lowercase_inf", "inf", "Infinity"),
            ("float_lowercase_inf", "-inf", "-Infinity"),
            ("float_overflow_string", "1e39" if single else "1e309", "Infinity"),
            ("float_bool", Raw("false"), 0.0),
        ],
        rejected=[
            ("float_lowercase_nan", "nan"),
            ("float_bare_nan", Raw("NaN")),
            ("float_bare_infinity", Raw("Infinity")),
            ("float_overflow_number", Raw("1e39" if single else "1e309")),
            ("float_empty_string", ""),
            ("float_not_a_number", "abc"),
        ],
    )
    if single:
        forms.lenient.append(("float_excess_precision", Raw("0.1000000000000000055511151231257827"), 0.1))
    return forms


def enum_forms(f: FD) -> Forms:
    """Forms of enum values."""
    values = list(f.enum_type.values)
    value = next((v for v in values if v.number != 0), values[0])
    return Forms(
        lenient=[("enum_number", Raw(str(value.number)), value.name), ("enum_number", Raw("0"), values[0].name)],
        quirks=[
            ("enum_number_string", str(value.number), value.name),
            ("enum_fraction_number", Raw(f"{value.number}.0"), value.name),
        ],
        rejected=[("enum_wrong_type", []), ("enum_wrong_type", {})],
    )


def timestamp_forms() -> Forms:
    """Forms of google.protobuf.Timestamp values."""
    forms = Forms()
    instants = [(1_577_836_800, 0), (1_700_000_000, 123_456_789), (-1, 500_000_000), (951_782_400, 120_000_000)]
    for offset in [330, -480, 0, 840, -720]:
        seconds, nanos = instants[offset % len(instants)]
        digits = canonical_digits(nanos)
        forms.lenient.append(("timestamp_offset", timestamp_text(seconds, nanos, offset, digits), canonical_timestamp(seconds, nanos)))
    forms.lenient.append(("timestamp_offset", "0001-01-01T00:00:00-00:00", "0001-01-01T00:00:00Z"))
    seconds, nanos = 1_700_000_000, 123_456_789
    for digits in [1, 2, 4, 5, 7, 8]:
        truncated = int(f"{nanos:09d}"[:digits].ljust(9, "0"))
        forms.lenient.append(("timestamp_fraction_digits", timestamp_text(seconds, nanos, None, digits), canonical_timestamp(seconds, truncated)))
    forms.lenient.append(("timestamp_fraction_digits", "2020-01-01T00:00:00.500000000Z", "2020-01-01T00:00:00.500Z"))
    forms.lenient.append(("timestamp_fraction_digits", "2020-01-01T00:00:00.000Z", "2020-01-01T00:00:00Z"))
    forms.quirks += [
        ("timestamp_short_month", "2020-1-01T00:00:00Z", "2020-01-01T00:00:00Z"),
        ("timestamp_offset_24h", "2020-01-01T00:00:00+24:00", "2019-12-31T00:00:00Z"),
        ("timestamp_empty_fraction", "2020-01-01T00:00:00.Z", "2020-01-01T00:00:00Z"),
    ]
    forms.rejected += [
        ("timestamp_ten_fraction_digits", "2020-01-01T00:00:00.1234567891Z"),
        ("timestamp_year_0", "0000-12-31T00:00:00Z"),
        ("timestamp_year_10000", "10000-01-01T00:00:00Z"),
        ("timestamp_before_year_1", "0001-01-01T00:00:00+01:00"),
        ("timestamp_after_year_9999", "9999-12-31T23:59:59-01:00"),
        ("timestamp_bad_day", "2020-02-30T00:00:00Z"),
        ("timestamp_hour_24", "2020-01-01T24:00:00Z"),
        ("timestamp_leap_second", "2020-01-01T23:59:60Z"),
        ("timestamp_space_separator", "2020-01-01 00:00:00Z"),
        ("timestamp_lowercase", "2020-01-01t00:00:00z"),
        ("timestamp_no_offset", "2020-01-01T00:00:00"),
        ("timestamp_offset_without_colon", "2020-01-01T00:00:00+0530"),
        ("timestamp_empty", ""),
        ("timestamp_number", Raw("0")),
        ("timestamp_object", {"seconds": "1"}),
    ]
    return forms


def duration_forms() -> Forms:
    """Forms of google.protobuf.Duration values."""
    return Forms(
        lenient=[
            ("duration_fraction_digits", "1.5s", "1.500s"),
            ("duration_fraction_digits", "-0.25s", "-0.250s"),
            ("duration_fraction_digits", "3.1234s", "3.123400s"),
            ("duration_fraction_digits", "2.500000s", "2.500s"),
            ("duration_fraction_digits", "1.00s", "1s"),
            ("duration_fraction_digits", "0.00000001s", "0.000000010s"),
            ("duration_negative_zero", "-0s", "0s"),
        ],
        quirks=[
            ("duration_plus_sign", "+1s", "1s"),
            ("duration_leading_space", " 1s", "1s"),
            ("duration_empty_fraction", "1.s", "1s"),
            ("duration_ten_fraction_digits", "1.0000000001s", "1s"),
            ("duration_space_before_unit", "1.5 s", "1.500s"),
        ],
        rejected=[
            ("duration_no_unit", "1"),
            ("duration_uppercase_unit", "1S"),
            ("duration_too_long", "315576000001s"),
            ("duration_too_long", "-315576000001s"),
            ("duration_double_sign", "--1s"),
            ("duration_exponent", "1e2s"),
            ("duration_no_digits", "s"),
            ("duration_empty", ""),
            ("duration_number", Raw("1")),
        ],
    )


def bytes_forms() -> Forms:
    """Forms of bytes values."""
    return Forms(
        lenient=[
            ("bytes_url_safe", "-_-_", "+/+/"),
            ("bytes_url_safe", "-_8=", "+/8="),
            ("bytes_unpadded", "+/8", "+/8="),
            ("bytes_unpadded", "aGk", "aGk="),
            ("bytes_url_safe_unpadded", "-_8", "+/8="),
        ],
        quirks=[
            ("bytes_embedded_newline", "QUJD\nREVG", "QUJDREVG"),
            ("bytes_excess_padding", "AAAA====", "AAAA"),
            ("bytes_padding_inside", "AA=A", "AAA="),
        ],
        rejected=[
            ("bytes_bad_length", "a"),
            ("bytes_bad_length", "A==="),
            ("bytes_number", Raw("1")),
            ("bytes_bool", Raw("true")),
        ],
    )


def string_forms() -> Forms:
    """Forms of string values."""
    return Forms(
        lenient=[
            ("string_escapes", Raw('"\\u00e9\\/\\ud83d\\ude00\\u0041\\t\\b\\f"'), "é/😀A\t\b\f"),
            ("string_escapes", Raw('"\\u2028\\u0000\\u001F\\""'), "\u2028\x00\x1f\""),
        ],
        rejected=[
            ("string_number", Raw("1")),
            ("string_bool", Raw("true")),
            ("string_object", {}),
            ("string_array", []),
            ("string_lone_surrogate", Raw('"\\ud800"')),
            ("string_lone_surrogate", Raw('"\\udc00x"')),
        ],
    )


def wrapper_forms(inner: str, any_payload: Descriptor | None) -> Forms:
    """Forms of wrapper values: those of the wrapped kind, minus a few."""
    forms = scalar_forms(inner, None, any_payload)
    forms.rejected.append(("wrapper_object_form", {"value": sample_token(inner, None)}))
    return forms


def scalar_forms(kind: str, f: FD | None, any_payload: Descriptor | None) -> Forms:
    """Forms of one value of `kind` (`f` is needed for enums)."""
    if kind in ("int32", "uint32", "int64", "uint64"):
        return int_forms(kind)
    if kind in ("float", "double"):
        return float_forms(kind)
    if kind == "bool":
        return Forms(rejected=[("bool_string", "true"), ("bool_number", Raw("1")), ("bool_word", "yes"), ("bool_array", [])])
    if kind == "string":
        return string_forms()
    if kind == "bytes":
        return bytes_forms()
    if kind == "enum":
        return enum_forms(f)
    if kind == "null_value":
        return Forms(lenient=[("null_value_name", "NULL_VALUE", None), ("enum_number", Raw("0"), None)])
    if kind.startswith("wrapper:"):
        return wrapper_forms(kind.split(":", 1)[1], any_payload)
    if kind == "timestamp":
        return timestamp_forms()
    if kind == "duration":
        return duration_forms()
    if kind == "struct":
        return Forms(
            lenient=[("struct_integer_number", {"a": Raw("1"), "b": [Raw("2e0")]}, {"a": 1.0, "b": [2.0]})],
            rejected=[("struct_array", []), ("struct_number", Raw("1")), ("struct_string", "x")],
        )
    if kind == "value":
        return Forms(lenient=[("value_integer_number", Raw("1"), 1.0), ("value_exponent_number", Raw("1e2"), 100.0)])
    if kind == "list_value":
        return Forms(
            lenient=[("list_value_integer_number", [Raw("1")], [1.0])],
            rejected=[("list_value_object", {}), ("list_value_number", Raw("1")), ("list_value_string", "x")],
        )
    if kind == "field_mask":
        return Forms(rejected=[("field_mask_underscore", "a_b"), ("field_mask_number", Raw("1")), ("field_mask_array", ["a"])])
    if kind == "any":
        return any_forms(any_payload)
    if kind == "empty":
        return Forms(quirks=[("message_as_array", [], {})], rejected=[("message_number", Raw("1")), ("message_string", "x")])
    if kind == "message":
        return Forms(
            quirks=[("message_as_array", [], {})],
            rejected=[("message_number", Raw("1")), ("message_string", "x"), ("message_bool", Raw("true"))],
        )
    raise ValueError(f"unknown kind {kind}")


DURATION_URL = "type.googleapis.com/google.protobuf.Duration"


def any_forms(any_payload: Descriptor | None) -> Forms:
    """Forms of google.protobuf.Any values; `any_payload` is a regular
    message type to pack (with a singular scalar first field)."""
    forms = Forms(
        lenient=[("any_type_not_first", Pairs((("value", "1.5s"), ("@type", DURATION_URL))), {"@type": DURATION_URL, "value": "1.500s"})],
        quirks=[("any_extra_member", {"@type": DURATION_URL, "value": "1s", "extra": 1}, {"@type": DURATION_URL, "value": "1s"})],
        rejected=[
            ("any_unknown_type", {"@type": "type.googleapis.com/no.such.Type", "a": 1}),
            ("any_missing_type", {"value": "1s"}),
            ("any_number", Raw("1")),
            ("any_array", []),
        ],
    )
    if any_payload is not None:
        url = f"type.googleapis.com/{any_payload.full_name}"
        first = any_payload.fields[0]
        token = sample_token(kind_of(first), first)
        forms.lenient.append(("any_type_not_first", Pairs(((first.json_name, token), ("@type", url))), {"@type": url, first.json_name: token}))
    return forms


def sample_token(kind: str, f: FD | None):
    """A canonical, non-default token of `kind`."""
    if kind in ("int32", "uint32"):
        return 1
    if kind in ("int64", "uint64"):
        return "1"
    if kind in ("float", "double"):
        return 1.5
    if kind == "bool":
        return True
    if kind == "string":
        return "x"
    if kind == "bytes":
        return "AQ=="
    if kind == "enum":
        values = list(f.enum_type.values)
        return next((v.name for v in values if v.number != 0), values[0].name)
    if kind == "null_value":
        return None
    if kind.startswith("wrapper:"):
        return sample_token(kind.split(":", 1)[1], None)
    return {
        "timestamp": "2020-01-01T00:00:00Z",
        "duration": "1s",
        "struct": {"a": "b"},
        "value": "v",
        "list_value": ["v"],
        "field_mask": "a.b",
        "any": {"@type": DURATION_URL, "value": "1s"},
        "empty": {},
        "message": {},
    }[kind]
