"""The columns a caller's keywords name, refused where they cannot be meant as given (``rolenames.py``): a column
named by two keywords, a name holding commas that a repeated flag took whole, and 'all' given to a role that takes
none; a fitted model's roles said by their own words."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import make_frame
from rnncast.errors import RnncastError
from rnncast.loading import load_panel
from rnncast.rolenames import comma_name, not_all, one_role


def test_a_column_named_by_two_keywords_is_refused_naming_both_with_their_flags():
    one_role(features=["a"], past_covariates=["b"], future_covariates=[])  # each once: nothing said
    with pytest.raises(RnncastError, match=r"^column 'b' is named by features= \(--features\) and future_covariates= "
                                           r"\(--future-covariates\); give each column one role$"):
        one_role(features=["a", "b"], past_covariates=[], future_covariates=["c", "b"])


def test_a_comma_name_is_left_alone_where_it_is_no_list_of_columns_or_a_model_names_it():
    from rnncast.spelling import hints

    comma_name("features", "a,z", ["a", "b"])  # z is no column: require_column's "not found" says the rest
    comma_name("features", "a", ["a", "b"])
    with hints(column="the model's column"):
        comma_name("features", "a,b", ["a", "b"])  # a model's reader: its columns are the model's


def test_a_name_holding_commas_from_a_repeated_flag_is_refused_in_the_flags_words(tmp_path):
    """A newcomer's find: fit a.csv --features a,b --features c looked for a column 'a,b' (a flag given more than once
    takes each value whole) and said "In Python a text is one column name; to name several, give a list: ['a', 'b']"
    on the command line (decision 739)."""
    path = tmp_path / "a.csv"
    make_frame(40).assign(a=1.0, b=2.0, c=3.0).to_csv(path, index=False)
    with pytest.raises(RnncastError) as err:
        load_panel(path, target="y", features=["a,b", "c"])
    assert str(err.value) == (
        "column 'a,b' not found: features= (--features) took 'a,b' as one name, as a flag given more than once takes "
        "each of its values whole (and Python a text); to name a and b, give --features a,b, or --features once per name "
        "(features=['a', 'b'] in Python)")
    with pytest.raises(RnncastError, match=r"^column 'a,b' not found; available columns: .*\. In Python a text is one "
                                           r"column name; to name several, give a list: \['a', 'b'\]$"):
        load_panel(pd.read_csv(path), target="y", features=["a,b", "c"])  # a table, from Python: Python's words


def test_names_in_an_index_or_an_array_of_text_are_their_list_and_data_stays_as_given():
    import numpy as np
    from rnncast.rolenames import as_list
    assert as_list(pd.Index(["a", "b"])) == ["a", "b"] and as_list(np.array(["a", "b"])) == ["a", "b"]
    assert as_list(pd.Index([0, 1])) == [0, 1]  # an Index of integer labels: those labels
    numbers, table = np.arange(6.0), np.array([["a", "b"]])  # values, not names; several dimensions: data
    assert as_list(numbers) is numbers and as_list(table) is table
    two_level = pd.MultiIndex.from_tuples([("a", "y")])
    assert as_list(two_level) is two_level and as_list("a") == "a" and as_list(None) is None


@pytest.mark.parametrize("keyword, instead", [
    ("past_covariates", r"features='all' \(--features all\) takes every other numeric column as a past covariate$"),
    ("future_covariates", r"features='all' with future_known=True \(--features all --future-known\) takes every other "
                          r"numeric column as a future covariate$"),
    ("target", r"name the target column\(s\)$")])
def test_all_given_to_a_role_that_takes_none_says_what_takes_every_other_column(tmp_path, keyword, instead):
    """t28t7: future_covariates='all' answered "column 'all' not found" while --features all works (decision 1223)."""
    frame = make_frame(40)
    for given in ("all", ["all"]):  # Python's text, the flag's list
        with pytest.raises(RnncastError, match=rf"^{keyword}= \(--{keyword.replace('_', '-')}\) does not take 'all' "
                                               rf"\(features= and a wide table's series= do\), and the table has no "
                                               rf"column 'all'; {instead}"):
            load_panel(frame, **{"target": "y", keyword: given})
    assert "all" in load_panel(frame.assign(all=1.0 + frame.x), **{"target": "y", keyword: ["all"]}).columns  # a column
    from rnncast.spelling import hints

    with hints(column="the model's column"):  # a model's reader: a covariate named 'all' is its own
        not_all(keyword, ["all"], ["y"])


def test_static_covariates_all_is_refused_with_the_forms_static_covariates_take():
    from conftest import make_panel

    with pytest.raises(RnncastError, match=r"^static_covariates= \(--static-covariates\) does not take 'all' .*; name the "
                                           r"static covariate columns, or give them as a table of their own"):
        load_panel(make_panel(2, seed=3), static_covariates="all")


def test_a_fitted_models_roles_are_said_by_the_roles_given_not_as_features():
    """t28t7: "The model was trained on target ['OT'] and features ['HUFL', 'hour', 'temp_fc']" for a model fitted with
    past and future covariates; and predict without future= asked for "the future values of features" (1223)."""
    from rnncast import Forecaster
    from conftest import TINY

    frame = make_frame(120).assign(h=lambda f: np.arange(len(f)) % 24.0)
    model = Forecaster(**{**TINY, "epochs": 1}).fit(frame, target="y", past_covariates=["x"], future_covariates=["h"])
    with pytest.raises(RnncastError, match=r"^column 'x' not found; .*\. The model was trained on target \['y'\], past "
                                           r"covariates \['x'\] and future covariates \['h'\]$"):
        model.evaluate(frame.drop(columns="x"))
    with pytest.raises(RnncastError, match=r"^this model needs the future values of its future covariates \['h'\] over"):
        model.predict(frame)
    alone = Forecaster(**{**TINY, "epochs": 1}).fit(frame[["date", "y"]], target="y")
    with pytest.raises(RnncastError, match=r"trained on target \['y'\] and no covariates$"):
        alone.predict(frame[["date"]].assign(z=1.0))
