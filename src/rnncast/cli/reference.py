"""The flag reference, ``docs/cli.md``: the ``--help`` of ``rnncast`` and of every subcommand
(``bench ett`` included), each in a fenced block, rendered at a fixed width so the text does not
depend on the terminal. Regenerate it after changing a flag::

    python -m rnncast.cli.reference > docs/cli.md

``tests/test_cli_reference.py`` fails when the file and the parser disagree.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator

WIDTH = 100  # columns of the rendered help (argparse reads $COLUMNS)
COMMAND = "python -m rnncast.cli.reference > docs/cli.md"


def render() -> str:
    """The text of docs/cli.md, from the parser as it is now."""
    from rnncast.cli.parser import build_parser

    before = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(WIDTH)
    try:
        sections = [f"## {parser.prog}\n\n```text\n{parser.format_help().rstrip()}\n```\n"
                    for parser in _parsers(build_parser())]
    finally:
        if before is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = before
    header = (f"# Command-line reference\n\nGenerated from the parser by `{COMMAND}`; do not edit it by hand, "
              "rerun that command after changing a flag.\n")
    return "\n".join([header, *sections])


def _parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    """The parser, then each subcommand's parser (and theirs), in the order they were declared."""
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):  # an alias maps to the same parser once
                yield from _parsers(sub)


def main() -> int:
    sys.stdout.write(render())
    return 0


if __name__ == "__main__":
    sys.exit(main())
