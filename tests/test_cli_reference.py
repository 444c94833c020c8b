"""The flag reference (``cli/reference.py``): docs/cli.md is the ``--help`` of every command as the
parser gives it now, so the file cannot drift from the flags."""

from __future__ import annotations

import os
from pathlib import Path

from rnncast.cli import reference

DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def test_docs_cli_md_is_the_help_the_parser_gives_now():
    assert DOC.is_file(), f"docs/cli.md is missing; write it with: {reference.COMMAND}"
    assert DOC.read_text(encoding="utf-8") == reference.render(), (
        f"docs/cli.md differs from the flags' --help; regenerate it with: {reference.COMMAND}")


def test_every_command_has_its_section_at_a_width_that_does_not_follow_the_terminal(monkeypatch):
    text = reference.render()
    for command in ("demo", "fit", "backtest", "tune", "predict", "evaluate", "export", "compare", "bench", "bench ett"):
        assert f"\n## rnncast {command}\n\n```text\nusage: rnncast {command} " in text, command
    assert reference.COMMAND in text.splitlines()[2]
    monkeypatch.setenv("COLUMNS", "40")
    assert reference.render() == text and os.environ["COLUMNS"] == "40"  # the terminal's width restored
    longest = max(len(line) for line in text.splitlines() if not line.startswith(("#", "Generated")))
    assert longest <= reference.WIDTH


def test_no_help_names_a_path_relative_to_a_checkout():
    """`rnncast bench ett --help` said "protocol of ../shared/benchmarks/ETT.md", a path only a checkout beside the
    shared folder has: the help says the protocol in words and names the file as the shared folder's."""
    text = reference.render()
    assert "../" not in text
    ett = text.split("\n## rnncast bench ett\n", 1)[1].split("\n## ", 1)[0]
    for words in ("8640", "population standard deviation", "standardized values", "benchmarks/ETT.md of the "
                  "project's shared folder"):
        assert words in " ".join(ett.split()), words
