"""A config file tomllib refused, said in one line: the key or table given twice with both lines, found by reading
the file again a statement at a time (not by tomllib's words); any other error in tomllib's words with its line.
read_config's refusals of whole files are in test_configfile.py."""

from __future__ import annotations

import tomllib

import pytest

from rnncast import tomltwice


def _said(text: str) -> str:
    with pytest.raises(tomllib.TOMLDecodeError) as refused:
        tomllib.loads(text)
    return tomltwice.said("c.toml", text, refused.value)


def test_the_words_of_tomllib_are_not_read_to_find_the_key():
    """The key and both lines come from the file: tomllib's message could be any text."""
    text = "lookback = 24\n\n# the horizon\nhorizon = 6\nhorizon = 3\n"
    with pytest.raises(tomllib.TOMLDecodeError):
        tomllib.loads(text)
    assert tomltwice.said("c.toml", text, tomllib.TOMLDecodeError("words of another Python")) == (
        "horizon is given twice in config c.toml (lines 4 and 5); give it once")


@pytest.mark.parametrize("text, line", [
    ("a = 1\nb = [1,\n2\n", "Unclosed array (at end of document, in the statement from line 2)"),
    ('a = "open', "Unterminated string (at end of document, in the statement from line 1)"),
])
def test_an_error_at_the_end_of_the_file_is_said_with_the_line_its_statement_begins(text, line):
    """tomllib said "at end of document" alone: a file of forty lines was not told where to look."""
    assert _said(text) == f"config c.toml is not valid TOML ({line}); write one `key = value` per line"


def test_a_long_file_is_said_in_tomllibs_words():
    text = "".join(f"k{i} = {i}\n" for i in range(tomltwice.LONGEST)) + "k0 = 1\n"
    assert _said(text).startswith("config c.toml is not valid TOML (Cannot overwrite a value (at line")
