"""Python's whitespace written out (``textspace.py``): the characters ``\\s`` matches, and patterns with ``SPACE``
in its place that pandas matches as Python's ``re`` does."""

from __future__ import annotations

import re
import sys

import pandas as pd

from rnncast.textspace import SPACE, WHITESPACE


def test_whitespace_is_every_character_python_calls_so():
    assert set(WHITESPACE) == {c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()}
    assert set(WHITESPACE) == {c for c in map(chr, range(sys.maxunicode + 1)) if re.fullmatch(r"\s", c)}


def test_a_pattern_with_space_for_backslash_s_finds_the_same_rows_in_a_text_column():
    values = ["9:00 pm", "9:00\u202fpm", "9:00\xa0am ", "9:00pm\n", "9:00 am\u3000", "9:00 p m", "50.00-", "50.00- \t",
              "-5", "2020-01-", "1:00 PM", "x\x1cam", None, "", " ", "7am\x85", "7\u2007am"]
    text = pd.Series(values, dtype="string")
    for backslash_s in (r"\d\s?(?:am|pm)\s*$", r"-\s*$", r"^\s*\d"):
        fast = backslash_s.replace(r"\s", SPACE)
        expected = [v is not None and re.search(backslash_s, v) is not None for v in values]
        assert text.str.contains(fast).fillna(False).tolist() == expected
        assert text.astype(object).str.contains(fast).fillna(False).tolist() == expected
