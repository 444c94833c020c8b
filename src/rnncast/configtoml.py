"""Settings written as a TOML file that ``configfile.read_config`` reads back (a tune's ``best.toml``)."""

from __future__ import annotations

import json
import math

from rnncast import formatversions


def config_toml(values: dict, comment: str = "") -> str:
    """A TOML file that ``read_config`` reads back to ``values`` (a ``None`` value is left out,
    except ``batch_size = None``, which is written as "full"), its first key ``format_version``
    (``formatversions.SETTINGS``) under the ``comment``."""
    lines = [f"# {line}".rstrip() for line in comment.splitlines()] + [f"format_version = {formatversions.SETTINGS}"]
    for key, value in values.items():
        if value is None and key == "batch_size":
            value = "full"
        if value is not None:
            lines.append(f"{key} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else ("nan" if math.isnan(value) else ("inf" if value > 0 else "-inf"))
    if isinstance(value, str):
        # a JSON string is a TOML basic string; names as they are ("매출"), not \u escapes (decision 1901), but for DEL,
        # which TOML wants escaped and JSON does not
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r} to TOML")
