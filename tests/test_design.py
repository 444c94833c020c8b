"""DESIGN.md's Layout block names every module under ``src/rnncast``, and nothing else.

The Layout block is the first fenced code block after the ``## Layout`` heading. A module line
starts with exactly two spaces, then the module's path relative to ``src/rnncast`` (``panel.py``,
``cli/parser.py``, ``bench/protocol.py``), then its one-line job; lines indented further continue
the description above them. Every ``.py`` file counts, ``__init__.py`` and ``__main__.py``
included, so a package's ``__init__.py`` is listed like any other module.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "rnncast"
MODULE_LINE = re.compile(r"^  (?P<path>[\w/]+\.py)\s+(?P<job>\S.*)$")


def layout_block(text: str) -> list[str]:
    """The lines of the first fenced block after the ``## Layout`` heading."""
    after = text.split("\n## Layout", 1)
    assert len(after) == 2, "DESIGN.md has no '## Layout' section"
    parts = after[1].split("```")
    assert len(parts) >= 3, "the Layout section of DESIGN.md has no fenced code block"
    return parts[1].splitlines()


def listed_modules(text: str) -> list[str]:
    return [m["path"] for line in layout_block(text) if (m := MODULE_LINE.match(line))]


def test_layout_lists_every_module_of_the_package():
    listed = listed_modules((ROOT / "DESIGN.md").read_text(encoding="utf-8"))
    present = {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts}
    twice = sorted({m for m in listed if listed.count(m) > 1})
    missing = sorted(present - set(listed))
    extra = sorted(set(listed) - present)
    assert not (missing or extra or twice), (
        "DESIGN.md's Layout block is out of step with src/rnncast:"
        + (f"\n  missing (in src/rnncast, not in the Layout block): {', '.join(missing)}" if missing else "")
        + (f"\n  extra (in the Layout block, not in src/rnncast): {', '.join(extra)}" if extra else "")
        + (f"\n  listed more than once: {', '.join(twice)}" if twice else "")
    )


def test_the_parser_reads_module_lines_and_skips_descriptions():
    text = "# t\n\n## Layout\n\n```\nsrc/rnncast/\n  a.py      job\n            more of it, see b.py\n  cli/b.py  job\ntests/\n```\n"
    assert listed_modules(text) == ["a.py", "cli/b.py"]
