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


@pytest.mark.parametrize("text, said", [
    # a key given again in the second table of an array of tables: not line 2, the first table's
    ("[[x]]\na = 1\n[[x]]\na = 2\na = 3\n", "x.a is given twice in config c.toml (lines 4 and 5); give it once"),
    ("[[x]]\n[x.y]\na=1\n[[x]]\n[x.y]\nb=1\n[x.y]\n",
     "table [x.y] is given twice in config c.toml (lines 5 and 7); give it once"),
    ("[[x]]\n[[x.y]]\nk=1\n[[x.y]]\nk=2\nk=3\n", "x.y.k is given twice in config c.toml (lines 5 and 6); give it once"),
    ("[[x]]\na = 1\na = 2\n", "x.a is given twice in config c.toml (lines 2 and 3); give it once"),
    # a table made by [a.b] and then declared: the declaration is the first time it is given, not line 1
    ("[a.b]\nc=1\n[a]\nd=2\n[a]\ne=3\n", "table [a] is given twice in config c.toml (lines 3 and 5); give it once"),
    ("[a.b.c]\n[a.b]\n[a]\n[a.b]\n", "table [a.b] is given twice in config c.toml (lines 2 and 4); give it once"),
    ("a.b = 1\n[a]\n", "table [a] is given twice in config c.toml (lines 1 and 2); give it once"),  # a dotted key's
    # a key named in another script is shown as written, not escaped ("gr\\u00f6\\u00dfe")
    ('"größe" = 1\n"größe" = 2\n', '"größe" is given twice in config c.toml (lines 1 and 2); give it once'),
])
def test_the_first_line_is_the_one_that_gave_it_in_the_same_table(text, said):
    assert _said(text) == said
