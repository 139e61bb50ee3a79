"""Pools of interesting scalar values and random draws from them."""

from __future__ import annotations

import math
import random
import struct

from google.protobuf.descriptor import FieldDescriptor as FD

INT32 = (-(2**31), 2**31 - 1)
INT64 = (-(2**63), 2**63 - 1)
UINT32 = (0, 2**32 - 1)
UINT64 = (0, 2**64 - 1)

#: Value range of every integer field type.
INT_RANGES = {
    FD.TYPE_INT32: INT32,
    FD.TYPE_SINT32: INT32,
    FD.TYPE_SFIXED32: INT32,
    FD.TYPE_INT64: INT64,
    FD.TYPE_SINT64: INT64,
    FD.TYPE_SFIXED64: INT64,
    FD.TYPE_UINT32: UINT32,
    FD.TYPE_FIXED32: UINT32,
    FD.TYPE_UINT64: UINT64,
    FD.TYPE_FIXED64: UINT64,
}

#: Integer field types written as JSON strings.
INT64_TYPES = {FD.TYPE_INT64, FD.TYPE_SINT64, FD.TYPE_SFIXED64, FD.TYPE_UINT64, FD.TYPE_FIXED64}

#: Integers worth testing wherever they fit: type limits, the edges of exact
#: doubles (2^53), and small values.
INT_EDGES = [
    0, 1, -1, 2, 100, -100,
    2**31 - 1, -(2**31), 2**31, 2**32 - 1, 2**32,
    2**53 - 1, 2**53, 2**53 + 1, -(2**53) - 1,
    2**63 - 1, -(2**63), -(2**63) + 1, 2**63, 2**64 - 1,
]

#: Timestamp limits: 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z.
TS_MIN, TS_MAX = -62135596800, 253402300799
#: Duration limits (about 10,000 years).
DURATION_MAX = 315576000000

#: Strings that stress escaping and UTF-8: empty, non-ASCII, astral plane,
#: quotes, backslashes, every kind of control character, U+2028/U+2029.
STRING_SAMPLES = [
    "",
    "a",
    "hello, world",
    "Grüße, Jürgen — ¿qué tal?",
    "日本語のテキスト",
    "emoji 😀 and 𝄞 (astral plane)",
    "\U0010ffff last code point",
    'say "hi"',
    "back\\slash \\\" and \\\\",
    "tab\tnewline\ncarriage\rreturn",
    "nul\x00byte",
    "bell\x07 backspace\x08 formfeed\x0c unit-sep\x1f",
    "del\x7f",
    "line\u2028paragraph\u2029separators",
    "\ufeffbyte order mark",
    "</script><!-- & ' >",
    "a/b?c=d&e=f#g",
    "+plus/slash=",
    "  padded  ",
    "e\u0301 combining",
    "org_2dKq8Ef6q7o8ba3x7ZLi9m3G9",
    "x" * 200,
]

#: Characters random strings are drawn from.
STRING_ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    " _-.:/+=?&#%@"
    "\"\\\n\t\r\x00\x01\x1f\x7f"
    "éßü€日本😀𝄞\u2028\ufeff\U0010ffff"
)


def f32(x: float) -> float:
    """`x` rounded to the nearest 32-bit float."""
    return struct.unpack("<f", struct.pack("<f", x))[0]


#: float (32-bit) values. FLT_MAX itself is left out: the reference writes it
#: as 3.4028235e+38 and then refuses to parse that text back ("Float value too
#: large"), a bug of the Python implementation.
FLOAT_SAMPLES = [f32(x) for x in [
    0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 1.5, -2.25, 3.0e38, -3.0e38,
    1.1754943508222875e-38, 1.401298464324817e-45, 16777216.0, 1e10, 123.456,
    math.nan, math.inf, -math.inf,
]]

#: double values, including the largest, the smallest subnormal and
#: integers past 2^53.
DOUBLE_SAMPLES = [
    0.0, -0.0, 1.0, -1.0, 0.1, 1e-300, 5e-324, 2.2250738585072014e-308,
    1.7976931348623157e308, -1.7976931348623157e308, 9007199254740993.0,
    1e21, 1e20, 1e16, 123456.789, 3.141592653589793, math.nan, math.inf, -math.inf,
]

#: Byte strings: empty, a NUL, and ones whose base64 uses `+` and `/`.
BYTES_SAMPLES = [b"", b"\x00", b"\xfb\xff\xbf", b"\xff\xfe", b"\xfb\xef", b"hello", bytes(range(256))[:40]]


def int_value(rng: random.Random, field_type: int, nonzero: bool) -> int:
    """A random integer of `field_type`: an edge value, a small one or any."""
    lo, hi = INT_RANGES[field_type]
    while True:
        r = rng.random()
        if r < 0.35:
            value = rng.choice([v for v in INT_EDGES if lo <= v <= hi])
        elif r < 0.7:
            value = rng.randint(max(lo, -1000), min(hi, 1000))
        else:
            value = rng.randint(lo, hi)
        if value != 0 or not nonzero:
            return value


def float_value(rng: random.Random, single: bool, nonzero: bool) -> float:
    """A random float (32-bit when `single`) or double."""
    while True:
        if rng.random() < 0.4:
            value = rng.choice(FLOAT_SAMPLES if single else DOUBLE_SAMPLES)
        else:
            exponent = rng.uniform(-12, 12) if single else rng.uniform(-40, 40)
            value = rng.choice([1, -1]) * rng.random() * 10**exponent
            if rng.random() < 0.3:
                value = float(round(value))
            if single:
                value = f32(value)
        if not nonzero or (value != 0.0 and not math.isnan(value)):
            return value


def string_value(rng: random.Random, nonzero: bool) -> str:
    """A random string: a sample or a random mix of `STRING_ALPHABET`."""
    while True:
        if rng.random() < 0.5:
            value = rng.choice(STRING_SAMPLES)
        else:
            value = "".join(rng.choice(STRING_ALPHABET) for _ in range(rng.randint(0, 16)))
        if value or not nonzero:
            return value


def bytes_value(rng: random.Random, nonzero: bool) -> bytes:
    """Random bytes, empty ones included unless `nonzero`."""
    while True:
        if rng.random() < 0.4:
            value = rng.choice(BYTES_SAMPLES)
        else:
            value = bytes(rng.randrange(256) for _ in range(rng.randint(0, 18)))
        if value or not nonzero:
            return value


def nanos_value(rng: random.Random) -> int:
    """Nanoseconds that print with 0, 3, 6 or 9 fractional digits."""
    digits = rng.choice([0, 3, 6, 9])
    if digits == 0:
        return 0
    if digits == 3:
        return rng.randint(1, 999) * 1_000_000
    if digits == 6:
        return rng.randint(1, 999_999) * 1_000
    return rng.randint(1, 999_999_999)


def timestamp_value(rng: random.Random, nonzero: bool) -> tuple[int, int]:
    """Random (seconds, nanos) within 0001..9999."""
    while True:
        r = rng.random()
        if r < 0.25:
            value = rng.choice([
                (TS_MIN, 0), (TS_MAX, 999_999_999), (0, 0), (-1, 500_000_000),
                (1_700_000_000, 123_000_000), (951_782_400, 0), (TS_MIN, 1),
            ])
        elif r < 0.6:
            value = (rng.randint(946_684_800, 1_893_456_000), nanos_value(rng))
        else:
            value = (rng.randint(TS_MIN, TS_MAX), nanos_value(rng))
        if value != (0, 0) or not nonzero:
            return value


def duration_value(rng: random.Random, nonzero: bool) -> tuple[int, int]:
    """Random (seconds, nanos) within the Duration range, signs agreeing."""
    while True:
        r = rng.random()
        if r < 0.25:
            value = rng.choice([
                (0, 0), (0, -1), (0, 1), (DURATION_MAX, 999_999_999),
                (-DURATION_MAX, -999_999_999), (-1, -500_000_000), (3600, 0),
            ])
        else:
            seconds = rng.randint(-100_000, 100_000) if r < 0.6 else rng.randint(-DURATION_MAX, DURATION_MAX)
            nanos = nanos_value(rng)
            if seconds < 0 or (seconds == 0 and rng.random() < 0.5):
                nanos = -nanos
            value = (seconds, nanos)
        if value != (0, 0) or not nonzero:
            return value


#: Finite doubles for Struct and Value numbers (JSON cannot hold NaN there).
JSON_NUMBERS = [0.0, 1.0, -1.0, 42.0, 2.5, -0.125, 1e300, 1e-300, 9007199254740992.0, 0.1, 123456.789, -0.0]


def json_tree(rng: random.Random, depth: int):
    """A random JSON value for Struct/Value/ListValue, with objects and
    arrays nested up to `depth`."""
    kinds = ["null", "bool", "number", "string", "object", "list"]
    if depth <= 0:
        kinds = ["null", "bool", "number", "string"]
    kind = rng.choice(kinds)
    if kind == "null":
        return None
    if kind == "bool":
        return rng.random() < 0.5
    if kind == "number":
        if rng.random() < 0.5:
            return rng.choice(JSON_NUMBERS)
        return round(rng.uniform(-1e6, 1e6), rng.randint(0, 6))
    if kind == "string":
        return string_value(rng, nonzero=False)
    if kind == "list":
        return [json_tree(rng, depth - 1) for _ in range(rng.randint(0, 4))]
    return json_object(rng, depth - 1)


def json_object(rng: random.Random, depth: int) -> dict:
    """A random JSON object with up to four members."""
    return {string_value(rng, nonzero=False): json_tree(rng, depth) for _ in range(rng.randint(0, 4))}


#: snake_case path segments for FieldMask values.
FIELD_MASK_SEGMENTS = ["display_name", "id", "organization", "log_in_with_google", "a", "update_time", "x", "scim_enabled"]


def field_mask_paths(rng: random.Random, nonzero: bool) -> list[str]:
    """Random FieldMask paths: one to three segments each."""
    count = rng.randint(1 if nonzero else 0, 3)
    return [".".join(rng.choice(FIELD_MASK_SEGMENTS) for _ in range(rng.randint(1, 3))) for _ in range(count)]


def limit(field_type: int, enum, high: bool):
    """The low or high extreme of a scalar type (for enums, the smallest or
    largest defined number; for strings, the highest code point of each UTF-8
    length or a NUL; for bytes, sixteen 0xff bytes or one 0x00)."""
    if field_type in INT_RANGES:
        return INT_RANGES[field_type][1 if high else 0]
    if field_type == FD.TYPE_ENUM:
        numbers = [v.number for v in enum.values]
        return max(numbers) if high else min(numbers)
    if field_type == FD.TYPE_FLOAT:
        return f32(3.0e38 if high else -3.0e38)
    if field_type == FD.TYPE_DOUBLE:
        return 1.7976931348623157e308 if high else -1.7976931348623157e308
    if field_type == FD.TYPE_BOOL:
        return True
    if field_type == FD.TYPE_STRING:
        return "\U0010ffff\U0001f600\uffff\u07ff\x7f" if high else "\x00"
    if field_type == FD.TYPE_BYTES:
        return b"\xff" * 16 if high else b"\x00"
    raise ValueError(f"no limit for field type {field_type}")
