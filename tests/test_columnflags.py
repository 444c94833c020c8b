"""A flag that names columns (``columnflags.py``): CSV text or one whole name per repeat, a blank name refused; 'all'
alone is the keyword, among other names refused in the flag's words, quoted the column of that name."""

from __future__ import annotations

import pytest

from rnncast.columnflags import column_names


def test_column_names_reads_csv_text_or_whole_repeated_names():
    assert column_names(['a,"b, c",d']) == ["a", "b, c", "d"]
    assert column_names(['"say ""hi"""']) == ['say "hi"']
    assert column_names(["a,b", "c"]) == ["a,b", "c"]  # repeated: each value is one whole name
    assert column_names(["all"], all_ok=True) == "all" and column_names(["all"]) == ["all"]
    with pytest.raises(ValueError, match="blank"):
        column_names(["a", ""])


@pytest.mark.parametrize("given, listed", [(["all", "a"], "all, a"), (["a,all"], "a, all")])
def test_all_among_other_names_is_refused_in_the_flags_words_not_as_a_python_list(given, listed):
    """A newcomer's find: --features all --features a said "'all' (every numeric column) stands alone; got ['all',
    'a']", a Python list on the command line (decision 739)."""
    with pytest.raises(ValueError) as err:
        column_names(given, all_ok=True)
    assert str(err.value) == (f"'all' (every numeric column) stands alone, not among names (given: {listed}): give all "
                              "by itself, or name the columns without it (a column named 'all' among them: name them with "
                              "--past-covariates or --future-covariates)")


def test_all_quoted_is_the_column_of_that_name_and_bare_all_the_keyword():
    """A tester's '--features "all"' took every numeric column, as bare all does: quoted, it is the column."""
    assert column_names(['"all"'], all_ok=True) == ["all"] and column_names([' "all"'], all_ok=True) == ["all"]
    assert column_names(["all"], all_ok=True) == "all" and column_names(['"all"']) == ["all"]
