"""scikit-learn's fit(X, y) answered (``fitxy.py``): y's values given as target= are refused, saying the call that fits
this X, and that call runs; a list of column labels (numbers among them) is still names."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError
from rnncast.fitxy import listed_values


def _xy(n: int = 200, time: str | None = "date"):
    t = np.arange(n)
    frame = pd.DataFrame({"x": np.sin(t / 5.0), "z": np.cos(t / 7.0), "OT": np.sin(t / 5.0 + 0.3)})
    if time is not None:
        frame.insert(0, time, pd.date_range("2024-01-01", periods=n, freq="h"))
    return frame.drop(columns="OT"), frame["OT"]


def _advised(message: str) -> str:
    return re.search(r"name it: (fit\(.*?\))(?: \(|$)", message).group(1)


def _run_advice(X, y, given, **kwargs):
    with pytest.raises(RnncastError) as err:
        Forecaster(**TINY).fit(X, given, **kwargs)
    call = _advised(str(err.value))
    fitted = eval("model." + call, {"model": Forecaster(**TINY), "X": X, "y": given, "np": np})  # the advice, as written
    return str(err.value), call, fitted


@pytest.mark.parametrize("form", ["Series", "unnamed Series", "list", "tuple", "1-D array", "2-D array", "DataFrame"])
def test_y_given_as_target_is_refused_and_the_advised_call_fits_leaving_out_x_s_time_column(form):
    """The advice was fit(X.join(y), target='OT', features=list(X.columns)), which refused X's 'date' as a feature;
    a list or tuple of y's values was read as column names ("names '27.78...' twice", "column '0.0' not found")."""
    X, y = _xy()
    given = {"Series": y, "unnamed Series": y.rename(None), "list": y.tolist(), "tuple": tuple(y), "1-D array": y.to_numpy(),
             "2-D array": y.to_numpy().reshape(-1, 1), "DataFrame": y.to_frame()}[form]
    message, call, fitted = _run_advice(X, y, given)
    assert message.startswith("target= (--target) must be a column name or a list of names, got ")
    assert "to forecast these values from X" in message and "'date', X's time column, is the time axis" in message
    assert "features=['x', 'z']" in call and "time_col" not in call
    assert fitted.time_col_ == "date" and fitted.past_covariates_ == ["x", "z"]
    assert fitted.targets_ == (["OT"] if form in ("Series", "DataFrame") else ["y"])


def test_the_advice_names_a_time_column_given_by_name_and_uses_x_s_columns_without_one():
    X, y = _xy(time="when")
    X["when"] = X["when"].astype(str).str.replace("-", "/")  # text times: named, as the caller did
    message, call, fitted = _run_advice(X, y, y.tolist(), time_col="when")
    assert "time_col='when'" in call and fitted.time_col_ == "when"
    X, y = _xy(time=None)
    message, call, fitted = _run_advice(X, y, y)
    assert call == "fit(X.join(y), target='OT', features=list(X.columns))" and fitted.past_covariates_ == ["x", "z"]
    assert "time axis" not in message


def test_an_array_x_is_told_to_stack_y_beside_it():
    X, y = _xy(time=None)
    with pytest.raises(RnncastError, match=r"got a list of 200 numbers \(0\.29552, .*\), not column labels; to forecast "
                                           r"these values from X, give them as a column of one table and name the "
                                           r"columns: fit\(np.column_stack\(\[X, y\]\), target=k"):
        Forecaster(**TINY).fit(X.to_numpy(), y.tolist())


def test_a_list_of_numbers_that_are_column_labels_is_names():
    frame = pd.DataFrame({0: np.sin(np.arange(200) / 5.0), 1: np.cos(np.arange(200) / 5.0), 2: np.arange(200.0) % 7})
    assert not listed_values([0, 1], frame) and not listed_values([0, 1, 2], frame)
    assert listed_values([0.5, 1.5], frame) and listed_values([0, 1, 2, 7], frame)  # none, or more than a few not all
    assert not listed_values([0, 7], frame)  # a few, one a label: left to the readers of names (target=7 named)
    assert not listed_values(["a", "b"], frame) and not listed_values([True, False], frame) and not listed_values([3], frame)
    fitted = Forecaster(**TINY).fit(frame, target=[0, 1], features=[2])
    assert fitted.targets_ == ["0", "1"]
    with pytest.raises(RnncastError, match=r"target=7 names no column of the table"):
        Forecaster(**TINY).fit(frame, target=[0, 7])


def test_windows_of_three_dimensions_beside_y_are_told_to_give_the_raw_series_not_to_stack_y():
    """fit(X_seq, y_seq) with the tutorial's X [N, 10, 1] was advised np.column_stack([X, y]), which fails on a 3-D X."""
    X = np.random.default_rng(0).normal(size=(200, 10, 1))
    with pytest.raises(RnncastError) as err:
        Forecaster(**TINY).fit(X, X[:, -1, 0] * 3)
    message = str(err.value)
    assert message.startswith("target= (--target) must be a column name or a list of names, got ")
    assert "beside X of shape (200, 10, 1), pre-made windows [samples, timesteps, features]" in message
    assert "rnncast builds the windows itself from the raw series" in message and "column_stack" not in message
    assert "\n" not in message


@pytest.mark.parametrize("named", [True, False])
def test_a_polars_y_beside_a_polars_x_gets_the_polars_call_that_fits(named):
    """t41-t5 L1: a Polars y was refused without a recipe, where pandas and NumPy get one (decision 2233)."""
    pl = pytest.importorskip("polars")
    X, y = _xy()
    X, y = pl.from_pandas(X), pl.Series("OT" if named else "", y.to_numpy())
    with pytest.raises(RnncastError) as err:
        Forecaster(**TINY).fit(X, y)
    call = _advised(str(err.value))
    assert call == ("fit(X.with_columns(y), target='OT', features=['x', 'z'])" if named else
                    "fit(X.with_columns(pl.Series('y', y)), target='y', features=['x', 'z'])")
    fitted = eval("model." + call, {"model": Forecaster(**TINY), "X": X, "y": y, "pl": pl})  # the advice, as written
    assert fitted.time_col_ == "date" and fitted.past_covariates_ == ["x", "z"]
