"""Writing vector files: pretty at the top, one compact vector a line, so
files stay small and diffs stay readable."""

from __future__ import annotations

import json
import pathlib


def compact(value) -> str:
    """Compact JSON, non-ASCII kept as is."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def render(doc: dict) -> str:
    """The text of a vector file: top-level members one a line, list
    members one a line."""
    lines = ["{"]
    items = list(doc.items())
    for i, (key, value) in enumerate(items):
        comma = "," if i + 1 < len(items) else ""
        name = json.dumps(key)
        if isinstance(value, list) and value:
            lines.append(f"  {name}: [")
            lines += [f"    {compact(v)}{',' if j + 1 < len(value) else ''}" for j, v in enumerate(value)]
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"  {name}: {compact(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write(path: pathlib.Path, doc: dict) -> None:
    """Writes `doc` to `path` (UTF-8, LF line ends), creating directories."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(doc), encoding="utf-8", newline="\n")
