"""Rows appended to a wide table after every series' last value, holding covariate values (Darts' way of giving the
future covariates), are refused by name as ``appendedrows`` refuses them in a long table (widetail.refuse); they
were trimmed silently and predict then asked for the future values as if none were given."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError
from rnncast.loading import load_panel


def _joined(rows: int = 40, ahead: int = 3, b_ends: int = 0) -> pd.DataFrame:
    """Two stores and a shared price, then ``ahead`` rows with the stores blank and the price set; store b ends
    ``b_ends`` rows before a."""
    days = pd.date_range("2020-01-01", periods=rows + ahead, freq="D")
    a = np.r_[np.arange(rows, dtype=float), [np.nan] * ahead]
    b = np.r_[np.arange(rows - b_ends, dtype=float) * 2, [np.nan] * (ahead + b_ends)]
    return pd.DataFrame({"date": days, "a": a, "b": b, "price": 10 + np.arange(rows + ahead) % 3.0,
                         "promo": np.arange(rows + ahead) % 2.0})


def test_future_rows_after_every_series_are_refused_naming_rows_columns_and_the_future_file(tmp_path):
    path = tmp_path / "joined.csv"
    _joined().to_csv(path, index=False)
    with pytest.raises(RnncastError, match=r"^the last 3 rows of the table \(2020-02-10 to 2020-02-12, lines 42-44 "
                       r"of joined.csv\) have no value of any series \(a, b\) but have the future covariates price, "
                       r"promo: future rows appended to the history are not read as history; if they are the forecast's "
                       r"future, give the data without "
                       r"them, and those rows as the future \(predict --future FILE.*one row per time, for every series; if "
                       r"instead the series' readings are missing there \(a late feed\), give the data without them: "
                       r"the forecast then starts after the last value \(2020-02-09\)$"):
        load_panel(str(path), series=["a", "b"], future_covariates=["price", "promo"])


def test_a_past_covariate_there_gets_the_long_layouts_advice_for_it():
    with pytest.raises(RnncastError, match=r"rows 40-42\) have no value of any series \(a, b\) but have the past "
                       r"covariates promo: .*fit with --future-covariates promo"):
        load_panel(_joined(), series=["a", "b"], past_covariates=["promo"])
    with pytest.raises(RnncastError, match=r"the past covariates promo: .*give the data without them, and the future "
                       r"values of price as the future"):
        load_panel(_joined().assign(price=lambda f: f["price"].where(f["a"].notna())), series=["a", "b"],
                   past_covariates=["promo"], future_covariates=["price"])


def test_neighbours_that_are_no_future_rows_still_load():
    """A series that ends before another (the rows after it hold the other's values), trailing rows with every
    covariate blank, and a model without covariates (it reads nothing there) are not refused."""
    ragged = load_panel(_joined(ahead=0, b_ends=5), series=["a", "b"], future_covariates=["price"])
    assert list(np.diff(ragged.offsets)) == [40, 35]
    blank = _joined().assign(price=lambda f: f["price"].where(f["a"].notna()), promo=lambda f: f["promo"].where(f["a"].notna()))
    assert list(np.diff(load_panel(blank, series=["a", "b"], future_covariates=["price", "promo"]).offsets)) == [40, 40]
    assert list(np.diff(load_panel(_joined(), series=["a", "b"]).offsets)) == [40, 40]


def test_a_late_feeds_blank_readings_get_the_long_tables_remedies():
    """Decision 1740: a wide table's refusal gave the future's reading alone (decision 1717 gave a long table's both):
    the series' readings missing there (a late feed) are given up to the last value, or written as the model's
    missing-value code for its fill, which a wide table's series read as a long table's target."""
    lead = r"; if instead the series' readings are missing there \(a late feed\), give the data without them: the " \
           r"forecast then starts after the last value \(2020-02-09\)"
    with pytest.raises(RnncastError, match=lead + r", or write those cells as a missing-value code and give it "
                       r"\(missing_values=-9999, --missing-values -9999\) so that fill 'interpolate' fills them$"):
        load_panel(_joined(), series=["a", "b"], future_covariates=["price"], fill="interpolate")
    with pytest.raises(RnncastError, match=lead + "$"):
        load_panel(_joined(), series=["a", "b"], future_covariates=["price"], fill="drop")
    coded = _joined().assign(a=lambda f: f["a"].fillna(-9999), b=lambda f: f["b"].fillna(-9999))
    panel = load_panel(coded, series=["a", "b"], future_covariates=["price"], fill="interpolate",
                       missing_values="-9999", announce=False)  # the remedy: read as the blank it means, filled
    assert list(np.diff(panel.offsets)) == [43, 43]
    model = Forecaster(**{**TINY, "epochs": 1, "horizon": 2}, fill="interpolate", missing_values="-9999").fit(
        coded.iloc[:40], series=["a", "b"], future_covariates=["price"])
    with pytest.raises(RnncastError, match=lead + r", or write those cells as the model's missing-value code -9999 so "
                       r"that its fill 'interpolate' fills them$"):
        model.predict(_joined(), future=_joined().iloc[-2:].drop(columns=["a", "b"]))
