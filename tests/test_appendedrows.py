"""Rows appended to the history with the target blank are refused by name whatever the model's covariates
(appendedrows.refuse): a past covariate's future rows were filled as history and the forecast moved later."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError
from rnncast.loading import load_panel


def _appended(rows: int = 40, ahead: int = 3) -> pd.DataFrame:
    """History, then ``ahead`` rows with the target blank and the covariate set, as Prophet takes the future."""
    days = pd.date_range("2020-01-01", periods=rows + ahead, freq="D")
    sales = np.r_[np.arange(rows, dtype=float), [np.nan] * ahead]
    return pd.DataFrame({"date": days, "sales": sales, "promo": np.arange(rows + ahead) % 2.0})


PAST = (r"^the last 3 rows of the data \(2020-02-10 to 2020-02-12, rows 40-42\) have no value of sales but have the "
        r"past covariates promo: rows appended to the history with the target blank are not read as history, and the "
        r"future values of a past covariate are not used by this model; give the data without them \(or, to use those "
        r"values, fit with --future-covariates promo, future_covariates= in Python, and give them as the future\)$")


@pytest.mark.parametrize("fill", [None, "ffill", "interpolate", "drop"])
def test_a_past_covariates_future_rows_are_refused_not_filled_as_history(fill):
    """With a fill they were filled as history: the forecast was dated three days later, with invented targets."""
    with pytest.raises(RnncastError, match=PAST):
        load_panel(_appended(), target="sales", past_covariates=["promo"], fill=fill)


def test_rows_with_a_value_only_in_a_column_not_used_are_refused_for_a_model_without_covariates():
    with pytest.raises(RnncastError, match=r"^the last 3 rows of the data \(2020-02-10 to 2020-02-12, rows 40-42\) have "
                                           r"no value of sales but have values of promo, which the model does not read: "
                                           r"rows appended to the history with the target blank are not read as history; "
                                           r"give the data without them \(or, to use those values, fit with "
                                           r"--future-covariates promo, "):
        load_panel(_appended(), target="sales", fill="ffill")


def test_missing_values_inside_the_history_and_blank_last_rows_are_still_filled():
    frame = _appended()
    inside = frame.iloc[:40].copy()
    inside.loc[10:12, "sales"] = np.nan  # inside the history, covariate set: a missing value, filled
    panel = load_panel(inside, target="sales", past_covariates=["promo"], fill="ffill")
    assert panel.values.shape[0] == 40 and np.isfinite(panel.values).all()
    blank = frame.assign(promo=frame["promo"].where(frame["sales"].notna()))  # nothing at all in the last rows
    panel = load_panel(blank, target="sales", past_covariates=["promo"], fill="ffill")
    assert panel.values.shape[0] == 43  # filled as before: no row holds a future value
    assert load_panel(frame[["date", "sales"]], target="sales", fill="ffill").values.shape[0] == 43


def test_each_series_of_a_panel_is_named():
    long = pd.concat([_appended().assign(unique_id=i) for i in ("a", "b")])
    with pytest.raises(RnncastError, match=r"^the last 3 rows of series 'a' \(2020-02-10 to 2020-02-12, rows 40-42\) "
                                           r"have no value of sales but have the past covariates promo"):
        load_panel(long, target="sales", past_covariates=["promo"], id_col="unique_id", fill="ffill")


def test_predict_refuses_them_as_fit_does_instead_of_forecasting_three_days_later():
    frame = _appended(rows=80)
    model = Forecaster(**{**TINY, "lookback": 8}, fill="ffill").fit(frame.iloc[:80], target="sales",
                                                                       past_covariates=["promo"])
    with pytest.raises(RnncastError, match=r"have the past covariates promo: rows appended to the history"):
        model.predict(frame)
    assert model.predict(frame.iloc[:80]).index[0] == pd.Timestamp("2020-03-21")  # the data's next day


def test_monthly_rows_are_named_as_the_file_writes_them(tmp_path):
    """A monthly file's '2020-01' was named 2020-01-01 in the refusal."""
    months = pd.period_range("2015-01", periods=63, freq="M").strftime("%Y-%m")
    sales = [str(float(v)) for v in range(60)] + [""] * 3
    path = tmp_path / "m.csv"
    pd.DataFrame({"month": months, "sales": sales, "promo": np.arange(63) % 2.0}).to_csv(path, index=False)
    with pytest.raises(RnncastError, match=r"^the last 3 rows of the data \(2020-01 to 2020-03, lines 62-64 of "):
        load_panel(path, target="sales", past_covariates=["promo"], fill="ffill")
