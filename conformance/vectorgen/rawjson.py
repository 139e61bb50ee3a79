"""Writing JSON input texts that `json.dumps` cannot produce: raw number
tokens (`1e2`, `1.0`), hand-written string escapes and duplicate keys."""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Raw:
    """A JSON token written exactly as given."""

    token: str


@dataclass(frozen=True)
class Pairs:
    """A JSON object given as (key, value) pairs, so keys may repeat."""

    items: tuple


def dumps(value) -> str:
    """Compact JSON text of `value`, which may contain `Raw` and `Pairs`."""
    if isinstance(value, Raw):
        return value.token
    if isinstance(value, Pairs):
        return "{" + ",".join(f"{json.dumps(k, ensure_ascii=False)}:{dumps(v)}" for k, v in value.items) + "}"
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(k, ensure_ascii=False)}:{dumps(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(dumps(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False, allow_nan=False)
