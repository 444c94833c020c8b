"""DESIGN.md's Layout block names every module under ``src/rnncast``, and nothing else; and every
module has a test file that mirrors it.

The Layout block is the first fenced code block after the ``## Layout`` heading. A module line
starts with exactly two spaces, then the module's path relative to ``src/rnncast`` (``panel.py``,
``cli/parser.py``, ``bench/protocol.py``), then its one-line job; lines indented further continue
the description above them. Every ``.py`` file counts, ``__init__.py`` and ``__main__.py``
included, so a package's ``__init__.py`` is listed like any other module.

The test file of ``panel.py`` is ``tests/test_panel.py``, of ``cli/parser.py``
``tests/test_cli_parser.py``; a package's ``__init__.py`` is the package (``cli/__init__.py``:
``tests/test_cli.py``; ``__init__.py``: ``tests/test_rnncast.py``). End-to-end scenarios live in ``tests/scenarios/`` and mirror no module.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "rnncast"
MODULE_LINE = re.compile(r"^  (?P<path>[\w/]+\.py)\s+(?P<job>\S.*)$")

# Modules without a test file of their own, and why.
WITHOUT_TEST_FILE = {
    "__main__.py": "`python -m rnncast`, a few lines (a Ctrl-C while it imports: one line, 130); scenarios run it as a process (console script, torchrun)",
    "errors.py": "two exception classes without behaviour of their own; every refusal test raises them",
    "bench/__init__.py": "a docstring that lists the benchmark's modules, no code",
    "bench/__main__.py": "`python -m rnncast.bench`, three lines",
}


def layout_block(text: str) -> list[str]:
    """The lines of the first fenced block after the ``## Layout`` heading."""
    after = text.split("\n## Layout", 1)
    assert len(after) == 2, "DESIGN.md has no '## Layout' section"
    parts = after[1].split("```")
    assert len(parts) >= 3, "the Layout section of DESIGN.md has no fenced code block"
    return parts[1].splitlines()


def listed_modules(text: str) -> list[str]:
    return [m["path"] for line in layout_block(text) if (m := MODULE_LINE.match(line))]


def package_modules() -> set[str]:
    """Every ``.py`` file under ``src/rnncast``, relative to it (``panel.py``, ``cli/parser.py``)."""
    return {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts}


def mirror(module: str) -> str:
    """The name of a module's test file: ``cli/parser.py`` -> ``test_cli_parser.py``, ``__init__.py`` -> ``test_rnncast.py``."""
    parts = module.removesuffix(".py").split("/")
    if parts[-1] == "__init__":
        parts = parts[:-1] or ["rnncast"]  # the package itself: test_rnncast.py
    return "test_" + "_".join(parts) + ".py"


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


def test_every_module_has_a_test_file_that_mirrors_it():
    present = package_modules()
    test_files = {p.name for p in (ROOT / "tests").glob("test_*.py")}
    without = sorted(m for m in present - set(WITHOUT_TEST_FILE) if mirror(m) not in test_files)
    stale = sorted(set(WITHOUT_TEST_FILE) - present)
    assert not (without or stale), (
        "tests/ does not mirror src/rnncast:"
        + (f"\n  modules without a test file: {', '.join(f'{m} (tests/{mirror(m)})' for m in without)}" if without else "")
        + (f"\n  exempted in WITHOUT_TEST_FILE but not in src/rnncast: {', '.join(stale)}" if stale else "")
    )
