"""Future covariates at predict (``future.py``) are matched by series id and date, never by row
order, for one series as for many; dates that are not the horizon's, missing steps and missing
columns are refused by name. ``_covariate_panel``, ``COVARIATE_SETTINGS`` and ``_future_frame``
serve test_fitting.py and test_state.py too."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError
from rnncast.datasets import covariate_panel as _covariate_panel

H = 4


def _monthly(ids=(None,), n=120):
    parts = []
    for k, uid in enumerate(ids):
        ds = pd.date_range("2010-01-01", periods=n, freq="MS")
        promo = (np.arange(n) % 3 == k).astype(float)
        part = pd.DataFrame({"ds": ds, "promo": promo, "y": 10 + 5 * promo + np.sin(np.arange(n) / 2.0)})
        if uid is not None:
            part.insert(0, "unique_id", uid)
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def _future(ids=(None,), start="2020-01-01"):
    parts = []
    for uid in ids:
        part = pd.DataFrame({"ds": pd.date_range(start, periods=H, freq="MS"), "promo": [1.0, 0.0, 0.0, 0.5]})
        if uid is not None:
            part.insert(0, "unique_id", uid)
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


@pytest.fixture(scope="module")
def one() -> Forecaster:
    return Forecaster(**{**TINY, "lookback": 12, "horizon": H}).fit(_monthly(), target="y", future_covariates=["promo"])


@pytest.fixture(scope="module")
def many() -> Forecaster:
    return Forecaster(**{**TINY, "lookback": 12, "horizon": H}).fit(_monthly(("north", "south")),
                                                                    future_covariates=["promo"])


def test_one_series_matches_future_rows_by_date_whatever_their_order(one):
    data, future = _monthly(), _future()
    a = one.predict(data, future=future)
    b = one.predict(data, future=future.iloc[::-1])  # newest first
    pd.testing.assert_frame_equal(a, b)
    moved = future.assign(promo=[0.0, 1.0, 0.0, 0.5])  # the promotion a month later: another forecast
    assert not np.allclose(one.predict(data, future=moved).to_numpy(), a.to_numpy())


def test_future_dates_that_are_not_the_horizons_are_refused_by_name(one):
    late = _future(start="2020-02-01")
    with pytest.raises(RnncastError, match=r"missing for 2020-01-01.*dated 2020-02-01"):
        one.predict(_monthly(), future=late)


def test_many_series_get_a_forecast_row_per_series_and_month(many):
    data, future = _monthly(("north", "south")), _future(("north", "south")).sample(frac=1.0, random_state=0)
    forecast = many.predict(data, future=future)
    assert len(forecast) == 8 and list(forecast["unique_id"].unique()) == ["north", "south"]
    assert [d.strftime("%Y-%m-%d") for d in forecast["ds"][:H]] == ["2020-01-01", "2020-02-01", "2020-03-01", "2020-04-01"]
    with pytest.raises(RnncastError, match=r"missing for series 'south' at 2020-03-01"):
        many.predict(data, future=future[~((future.unique_id == "south") & (future.ds == "2020-03-01"))])


def test_future_rows_beyond_the_horizon_are_reported_not_silently_used(caplog, one):
    longer = pd.DataFrame({"ds": pd.date_range("2020-01-01", periods=H + 2, freq="MS"), "promo": 1.0})
    with caplog.at_level("WARNING", logger="rnncast"):
        one.predict(_monthly(), future=longer)
    assert "2 rows outside the 4 forecast steps" in caplog.text


# ---- many series whose target is known only through a future covariate --------------------------

COVARIATE_SETTINGS = dict(lookback=8, horizon=2, hidden_size=16, epochs=8, batch_size=32, lr=1e-2, window_norm="none",
                          patience=50, device="cpu", seed=0)


def _future_frame(frame: pd.DataFrame, horizon: int, **values) -> pd.DataFrame:
    """The ``horizon`` steps after each series' end, with the given covariate values."""
    rows = []
    for uid, g in frame.groupby("unique_id"):
        step = g["ds"].iloc[1] - g["ds"].iloc[0]
        ds = g["ds"].max() + step * np.arange(1, horizon + 1)
        rows.append(pd.DataFrame({"unique_id": uid, "ds": ds, **values}))
    return pd.concat(rows, ignore_index=True)


def test_missing_future_covariates_at_predict_are_named():
    frame = _covariate_panel(n_series=2, n=120)
    f = Forecaster(**{**COVARIATE_SETTINGS, "epochs": 1}).fit(frame, future_covariates=["price"])
    with pytest.raises(RnncastError, match=r"needs the future values of features \['price'\].*future="):
        f.predict(frame)
    future = _future_frame(frame, 2, price=0.5)
    assert len(f.predict(frame, future=future)) == 4
    with pytest.raises(RnncastError, match=r"\['price'\] are missing for series 's1' at 2024-05-01"):
        f.predict(frame, future=future.iloc[:-1])
    with pytest.raises(RnncastError, match=r"lack column\(s\) \['price'\]"):
        f.predict(frame, future=future.drop(columns="price"))
