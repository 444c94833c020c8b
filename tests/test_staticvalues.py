"""A static attribute's values as written and what fit says of them (``staticvalues.py``): numbers but for a few
words refused, naming the first word and its series."""

from __future__ import annotations

import pandas as pd
import pytest

from rnncast.errors import RnncastError
from rnncast.static import from_frame


@pytest.mark.parametrize("size", [["10", "12", "20", "large"], [10, 12, 20, "large"], ["100", "unknown", "x", "12"],
                                  [100.0, "tbd", 5.0, 7.0]])
def test_numbers_but_for_a_few_text_values_are_refused_naming_the_value_and_series(caplog, size):
    """size = 10, 12, 20, 'large' became four categories (a warning since decision 577), and 100, 'unknown' silently
    (fewer than two numbers: a tester's finding, 1261); a file's text or a frame's mixed column, the text a typo or a
    code for a missing value: refused naming the column, the series and the value. Named in static_categorical= it is
    read as categories; a column of texts stays categories without a word."""
    from rnncast.errors import RnncastError

    table = pd.DataFrame({"unique_id": ["a", "b", "c", "d"], "size": size, "kind": ["x", "y", "x", "big"]})
    word = next(v for v in size if isinstance(v, str) and not v.isdigit())
    with pytest.raises(RnncastError, match=rf"^static covariate 'size' holds numbers but for '{word}' \(series "
                                           rf"'{'abcd'[size.index(word)]}'\).*static_categorical= \(--static-categorical "
                                           r"size\) to read the column as categories$"):
        from_frame(table, ["a", "b", "c", "d"], "unique_id")
    with caplog.at_level("WARNING", logger="rnncast"):
        static = from_frame(table, ["a", "b", "c", "d"], "unique_id", as_categories=["size"])  # asked for: read so
    assert static.categorical_names == ["size", "kind"] and "holds numbers but for" not in caplog.text
    assert "'kind'" not in caplog.text  # text categories: nothing to say


def test_two_series_of_a_number_and_a_code_are_refused_and_mostly_words_stay_categories():
    """The tester's table: S1 100, S2 'unknown' (one number, one text) was read as the categories '100' and 'unknown'."""
    from rnncast.errors import RnncastError

    with pytest.raises(RnncastError, match=r"'size' holds numbers but for 'unknown' \(series 'S2'\)"):
        from_frame(pd.DataFrame({"shop": ["S1", "S2"], "size": ["100", "unknown"]}), ["S1", "S2"], "shop")
    words = pd.DataFrame({"shop": ["S1", "S2", "S3"], "size": ["small", "large", "10"]})  # more texts than numbers
    assert from_frame(words, ["S1", "S2", "S3"], "shop").categorical_names == ["size"]


@pytest.mark.parametrize("name", ["store size", "size, m2", "all", "it's"])
def test_advice_round_trips_a_static_attribute_to_read_as_categories_is_one_name_as_the_flag_reads_it(caplog, name):
    """'--static-categorical store size' (a tester's finding) is read back as 'store' and a stray word: the name is
    written as --static-covariates' is (decision 989), whole numbers and numbers but for a word alike."""
    from test_spelling import read_back
    from rnncast.errors import RnncastError

    for values in ([1, 2, 3, 1], ["10", "12", "20", "large"]):
        table = pd.DataFrame({"unique_id": ["a", "b", "c", "d"], name: values})
        caplog.clear()
        with caplog.at_level("WARNING", logger="rnncast"):
            try:
                from_frame(table, ["a", "b", "c", "d"], "unique_id")
                said = [r.getMessage() for r in caplog.records if "--static-categorical" in r.getMessage()]
            except RnncastError as err:  # numbers but for a word: refused (1261), the same advice
                said = [str(err)]
        assert len(said) == 1 and read_back(said[0], "--static-categorical") == [name], said


def test_more_texts_than_numbers_are_categories_said_naming_the_texts_and_numbers(caplog):
    """Before: '12', '15', 'n/a', 'large', 'small' became five categories without a word (1261 refused only columns of
    at least as many numbers as texts); now one line names the column, the texts and the numbers."""
    table = pd.DataFrame({"shop": list("abcde"), "size": ["12", "15", "tbd", "large", "small"]})  # 'n/a': no value
    with caplog.at_level("WARNING", logger="rnncast"):
        static = from_frame(table, list("abcde"), "shop")
    assert static.categorical_names == ["size"]
    said = [r.getMessage() for r in caplog.records if "texts and numbers" in r.getMessage()]
    assert said == ["static covariate 'size' holds texts and numbers ('tbd', 'large', 'small' beside '12', '15'), read "
                    "as categories, each value one: the numbers are categories too, their order not used; if it is a "
                    "number, give it as one for every series (a static covariate is never filled), or name it in "
                    "static_categorical= (--static-categorical size) to read it as categories without this line"]
    caplog.clear()
    with caplog.at_level("WARNING", logger="rnncast"):
        from_frame(table, list("abcde"), "shop", as_categories=["size"])  # asked for
        from_frame(table.assign(size=list("vwxyz")), list("abcde"), "shop")  # texts only
    assert "texts and numbers" not in caplog.text


@pytest.mark.parametrize("blank", ["", "  ", "\t", "\u00a0", "\u3000", "\u200b", "\u200c", "\u200d", "\ufeff", "\u2060",
                                   " \u200b\u00a0"])  # invisible format characters (Cf) were the category '\u200b'
@pytest.mark.parametrize("as_categories", [[], ["kind"]])
def test_a_blank_text_static_value_is_refused_as_a_missing_one_is(blank, as_categories):
    """Before: '' (a spreadsheet's empty cell read as text) was the category '' beside 'mall', where NaN was refused;
    so was a zero-width space ('\u200b', a web page's copy), where a tab or NBSP was refused."""
    import re

    from rnncast.errors import RnncastError

    table = pd.DataFrame({"shop": ["S1", "S2", "S3"], "kind": ["mall", blank, "street"]})
    with pytest.raises(RnncastError, match=rf"^static covariate 'kind' is blank \({re.escape(repr(blank))}\) for "
                                           r"series 'S2' \(1 of 3 series\); .*a label such as 'unknown' is read as a "
                                           r"category of its own\), or leave 'kind' out of the static covariates$"):
        from_frame(table, ["S1", "S2", "S3"], "shop", as_categories=as_categories)
    assert from_frame(table.assign(kind=["mall", "unknown", "street"]), ["S1", "S2", "S3"], "shop").categorical[1, 0] \
        == "unknown"


def test_a_blank_static_value_is_refused_at_predict_as_at_fit():
    """The same rule at predict: a model fitted with kind 'mall'/'street' handed '' for a shop is refused, not read as
    a category it never saw."""
    import re

    import numpy as np

    from conftest import TINY, make_panel
    from rnncast import Forecaster
    from rnncast.errors import RnncastError

    frame = make_panel(n_series=2)
    ids = sorted(frame.unique_id.unique())
    table = pd.DataFrame({"unique_id": ids, "kind": ["mall", "street"]})
    model = Forecaster(**{**TINY, "epochs": 1}).fit(frame, static_covariates=table)
    for blank in ("", "\u200b"):  # a zero-width space as '' (Unicode category Cf), at predict as at fit
        with pytest.raises(RnncastError, match=rf"static covariate 'kind' is blank \({re.escape(repr(blank))}\) for "
                                               rf"series {ids[1]!r}"):
            model.predict(frame, static_covariates=table.assign(kind=["mall", blank]))
    columns = frame.assign(kind=np.where(frame.unique_id == ids[0], "mall", ""))
    with pytest.raises(RnncastError, match=rf"static covariate 'kind' is blank \(''\) for series {ids[1]!r}"):
        Forecaster(**{**TINY, "epochs": 1}).fit(columns, static_covariates=["kind"])


MISSING = "which pandas reads as missing"


@pytest.mark.parametrize("word, why", [("nan", MISSING), ("None", MISSING), ("n/a", MISSING),
                                       ("NAN", r"which is no value \(nan\)"), ("Infinity", r"which is no value \(inf\)"),
                                       ("-inf", r"which is no value \(-inf\)")])
def test_a_number_written_as_no_value_is_refused_as_no_value_not_as_a_word(word, why):
    """'Infinity' among numbers was "holds numbers but for 'Infinity' ... which would make it categories", 'nan' and
    'n/a' too, as if a typo: they are no value (pandas' missing-value strings, or a number not finite), refused so."""
    from rnncast.errors import RnncastError

    table = pd.DataFrame({"unique_id": ["a", "b", "c"], "size": [1.0, word, 3.0]})
    with pytest.raises(RnncastError, match=rf"^static covariate 'size' holds '{word}' for series 'b', {why}; a static "
                                           "covariate needs a value for every series"):
        from_frame(table, ["a", "b", "c"], "unique_id")


def test_few_words_gives_the_case_note_where_a_word_is_a_code_in_another_case():
    """Decision 1758: 'm' among numbers beside missing_values '-9999,M' is told that a code matches in its case."""
    from rnncast.staticvalues import few_words

    with pytest.raises(RnncastError, match=r"each value one; 'm' is not 'M', a text code of missing_values= \(-9999,M\)"):
        few_words(pd.Series(["10", " m ", "800"], dtype=object), "elev", ["A", "B", "C"], "-9999,M")
