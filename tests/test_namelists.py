"""What a column keyword is given (``namelists.py``): a name or a list of names, each once; a set, a dict, an array,
a Series or a generator refused naming the keyword and its flag, the value described in a few words."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import TINY, make_frame
from rnncast import Forecaster
from rnncast.errors import RnncastError
from rnncast.loading import load_panel


def _wide(n: int = 120) -> pd.DataFrame:
    t = np.arange(n)
    return pd.DataFrame({"ds": pd.date_range("2024-01-01", periods=n, freq="D"), "A": np.sin(t / 5), "B": np.cos(t / 5),
                         "temp": t % 7, "price": t % 3})


@pytest.mark.parametrize("keywords, said", [
    ({"series": ["A", "A"]}, r"^series= \(--series\) names 'A' twice; name each column once$"),
    ({"series": ("A", "B", "A")}, r"^series= \(--series\) names 'A' twice"),
    ({"series": ["A", "B"], "past_covariates": ["temp", "temp"]}, r"^past_covariates= \(--past-covariates\) names 'temp' twice"),
    ({"series": ["A"], "features": {"temp", "price"}}, r"^features= \(--features\) is a set, which has no order, and the "
                                                       r"order of the columns is the model's; give the names as a list: "
                                                       r"\['price', 'temp'\]$"),
    ({"series": ["A"], "future_covariates": {"temp": 1}}, r"^future_covariates= \(--future-covariates\) is a dict"),
    ({"series": (c for c in "AB")}, r"^series= \(--series\) must be a column name or a list of names, got generator"),
    ({"series": ["A", "B"], "static_covariates": ["k", "k"]}, r"^static_covariates= \(--static-covariates\) names 'k' twice"),
])


def test_a_keywords_columns_are_a_list_of_names_each_given_once(keywords, said):
    """series=['A', 'A'] trained A twice and forecast every row twice (the flag refused it, Python and config files
    did not); features={'temp', 'price'} was "column \\"{'temp', 'price'}\\" not found"."""
    with pytest.raises(RnncastError, match=said):
        load_panel(_wide(), **keywords)
    with pytest.raises(RnncastError, match=r"^target= \(--target\) names 'y' twice"):
        Forecaster(**TINY).fit(make_frame(120), target=["y", "y"])


def test_a_series_named_twice_in_a_config_file_or_by_the_flag_is_refused_before_fit(tmp_path, capsys):
    from test_cli import cli

    data = tmp_path / "w.csv"
    _wide().to_csv(data, index=False)
    (tmp_path / "run.toml").write_text('series = ["A", "A"]\nepochs = 1\nlookback = 14\nhorizon = 3\n')
    for how in (["--config", tmp_path / "run.toml"], ["--series", "A,A", "--lookback", "14", "--epochs", "1"]):
        code, _, err = cli(capsys, "fit", data, *how, "--out", tmp_path / "run")
        assert code == 2 and "series= (--series) names 'A' twice; name each column once" in err, err
        assert not (tmp_path / "run").exists()


def test_the_tutorials_y_beside_pre_made_windows_is_answered_with_how_rnncast_takes_a_series():
    """fit(X, y) said only "target= ... must be a column name", not that rnncast makes the windows itself."""
    with pytest.raises(RnncastError, match=r"^target= \(--target\) must be a column name or a list of names, got ndarray "
                                           r".*; to forecast these values from X, give them as a column of one table "
                                           r"and name the columns: fit\(np.column_stack\(\[X, y\]\), target=k, "
                                           r"features=list\(range\(k\)\)\) for X of k columns \(Forecaster\("
                                           r"future_known=True\) where each row's X is known when its y is forecast\); "
                                           r"rnncast builds the windows "
                                           r"itself from the raw series: give the series "
                                           r"as \[time\] or \[time, columns\] \(or a DataFrame\) with lookback= the window "
                                           r"length, not pre-made windows and targets$"):
        Forecaster(**TINY).fit(np.zeros((200, 12)), np.zeros(200))
    # the tutorial's X of one feature and y = 40 x: how to give y beside it was not said (a tester's find)
    x = np.random.default_rng(1).normal(size=(300, 1))
    with pytest.raises(RnncastError, match=r"fit\(np.column_stack\(\[X, y\]\), target=k"):
        Forecaster(**TINY).fit(x, 40 * x[:, 0])
    with pytest.raises(RnncastError, match=r"fit\(np.column_stack\(\[X, y\]\), target=k"):  # y of one column too
        Forecaster(**TINY).fit(x, (40 * x[:, 0]).reshape(-1, 1))
    taken = Forecaster(**{**TINY, "future_known": True}).fit(np.column_stack([x, 40 * x[:, 0]]), target=1, features=[0])
    assert taken.targets_ == ["1"] and taken.future_covariates_ == ["0"]  # the advice, followed, fits


def test_a_pandas_series_given_as_target_is_named_briefly_with_what_is_accepted():
    """``fit(df[["x"]], df["y_past"])`` was refused with the Series' repr in the message, its \\n's written out."""
    n = 600
    df = pd.DataFrame({"x": np.sin(np.arange(n) / 5.0), "y_past": np.cos(np.arange(n) / 5.0)})
    with pytest.raises(RnncastError) as err:
        Forecaster(**TINY).fit(df[["x"]], df["y_past"])
    assert str(err.value) == (
        "target= (--target) must be a column name or a list of names, got a pandas Series named 'y_past' of 600 "
        "values; to forecast these values from X, give them as a column of X's table and name it: "
        "fit(X.join(y), target='y_past', features=list(X.columns)) (Forecaster(future_known=True) where each row's X "
        "is known when its y is forecast)")
    with pytest.raises(RnncastError, match=r"got a pandas Series of 600 values \(unnamed\); to forecast these values "
                                           r"from X, give them as a column of X's table and name it: "
                                           r"fit\(X.assign\(y=np.ravel\(y\)\), target='y', features=list\(X.columns\)\)"):
        Forecaster(**TINY).fit(df[["x"]], df["y_past"].rename(None))
    X, y = df[["x"]], df["y_past"]
    taken = Forecaster(**TINY).fit(X.join(y), target="y_past", features=list(X.columns))  # the advice, followed, fits
    assert taken.targets_ == ["y_past"] and taken.past_covariates_ == ["x"]


@pytest.mark.parametrize("given, what", [(np.array([0, 1]), "numbers"), (np.array([1.5]), "numbers"),
                                         (np.array([True, False]), "booleans"), (np.array([["a", "b"]]), "text"),
                                         (np.array(3), "numbers")])
def test_an_array_of_numbers_given_as_id_col_is_refused_as_not_names(given, what):
    """id_col=np.array([0, 1]) (a column's values, df['store'].to_numpy()) was refused as "pre-made windows and
    targets" (decision 1136); an array of text is read as the list it holds (1078)."""
    from rnncast.loading import load_panel

    frame = pd.DataFrame({"store": [0] * 6 + [1] * 6, "t": list(range(6)) * 2, "y": np.arange(12.0)})
    with pytest.raises(RnncastError, match=rf"^id_col takes column names \(id_col='store_id', or a list for a key of "
                                           rf"several: id_col=\['item_id', 'store_id'\]\); got an array of {what} "
                                           r"\(ndarray of shape \(.*\)\): give the id column's name, not its values "
                                           r"\(a numbered column by its label: id_col=0\)$"):
        load_panel(frame, target="y", time_col="t", id_col=given)
