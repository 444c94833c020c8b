"""Series whose rows predict reads are all 0 but whose forecast is above 0 (``zeroforecasts.py``): named at predict
with how many rows at their end are 0 and their largest forecast (decision 1486)."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from conftest import TINY
from rnncast import Forecaster
from rnncast.loading import load_panel
from rnncast.zeroforecasts import counts_demand, find, text, trailing_zeros

WEEKS = pd.date_range("2023-01-01", periods=60, freq="W-SUN")


def _skus() -> pd.DataFrame:
    rng = np.random.default_rng(0)
    units = {"live": rng.poisson(4, 60), "other": rng.poisson(6, 60), "never": np.zeros(60),
             "dead": np.r_[rng.poisson(5, 40), np.zeros(20)]}
    return pd.concat([pd.DataFrame({"week": WEEKS, "sku": s, "units": v.astype(float)}) for s, v in units.items()],
                     ignore_index=True)


def test_trailing_zeros_counts_the_zeros_at_the_end_and_a_missing_value_ends_them():
    assert trailing_zeros(np.array([1.0, 0, 0])) == 2 and trailing_zeros(np.zeros(4)) == 4
    assert trailing_zeros(np.array([0.0, np.nan, 0])) == 1 and trailing_zeros(np.array([0.0, 3.0])) == 0


def test_series_all_zero_in_the_rows_read_and_forecast_above_zero_are_named_longest_run_first():
    """A tester's all-zero SKU forecast 0.13-0.14 a week and one dead for 44 weeks 0.73-0.78, with no note."""
    panel = load_panel(_skus(), "units", time_col="week", id_col="sku")
    order = {name: panel.ids.index(name) for name in ("live", "other", "never", "dead")}
    point = np.full((4, 3, 1), 0.5)
    point[order["other"]] = 0.0
    found = find(panel, point, 12)
    assert [panel.ids[f["series"]] for f in found] == ["never", "dead"]
    assert [f["zeros"] for f in found] == [60, 20]
    said = text(panel, found, 12, ["units"])
    assert said.startswith("2 series whose last 12 rows (the rows predict reads) are all 0, never nonzero or 0 for "
                           "over 5 times the series' usual gap and longest run of zeros before, are forecast above 0: "
                           "'never' (all of its 60 rows are 0, forecast up to 0.5), 'dead' (its last 20 rows are 0, nonzero in "
                           "40 of its 60 rows, no zero before, forecast up to 0.5); the network forecasts")
    assert "take its forecast as 0" not in said  # what was seen, not a forecast to use (decision 1518)
    assert find(panel, point, 21) == [find(panel, point, 12)[0]]  # 'dead' is 0 in 20 rows: a lookback of 21 reads a sale
    point[order["never"]] = point[order["dead"]] = 0.0  # forecast 0 (nonnegative): nothing to say
    assert text(panel, find(panel, point, 12), 12, ["units"]) is None


def test_predict_warns_of_a_dead_series_forecast_above_zero(caplog):
    frame = _skus()
    model = Forecaster(**TINY).fit(frame, target="units", time_col="week", id_col="sku")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        forecast = model.predict(frame)
    dead = forecast.loc[forecast.sku.isin(["never", "dead"]), "units_hat"]
    assert (dead > 0).any()  # the network does not forecast a silence it learned from no other series
    assert "whose last 12 rows (the rows predict reads) are all 0" in caplog.text
    assert "'live'" not in caplog.text.split("are all 0")[-1]


class _Skus:
    """The few panel members ``find`` and ``text`` read: one target, rows ``values`` [S, T]."""
    layout = "long"

    def __init__(self, values):
        self.values, self.n_series = values, len(values)

    def rows(self, s):
        return self.values[s][:, None]

    def given_id(self, s):
        return f"S{s:03d}"


def test_slow_sellers_silent_for_their_usual_gaps_are_not_named_but_a_dead_sku_is():
    """r31r2 zeronoise.py: 103 of 200 live SKUs selling 0.05 a week (each sold before its last 12 weeks), forecast at
    their rate, were named and told to take the forecast as 0. A series is named only where its last run of zeros is
    over ``LONGER`` times its usual gap and its longest run before, or it never sold (decision 1518)."""
    rng = np.random.default_rng(3)
    live = rng.poisson(0.05, (200, 104)).astype(float)
    live[np.arange(200), rng.integers(0, 104 - 12 - 1, 200)] += 1
    dead = np.r_[rng.poisson(2, 60), np.zeros(44)][None].astype(float)  # sold most weeks, then 44 weeks of nothing
    values = np.r_[live, dead, np.zeros((1, 104))]
    point = np.full((202, 4, 1), 0.05)
    assert find(_Skus(live), point[:200], 12) == []
    found = find(_Skus(values), point, 12)
    assert [(f["series"], f["zeros"]) for f in found] == [(201, 104), (200, 46)]  # its last 2 weeks before sold 0
    said = text(_Skus(values), found, 12, ["y"])
    assert ("'S201' (all of its 104 rows are 0, forecast up to 0.05), 'S200' (its last 46 rows are 0, nonzero in 49 of its "
            "104 rows, at most 2 zeros in a row before, forecast up to 0.05)") in said


def test_a_stopped_series_is_said_by_its_data_selling_where_the_target_counts_demand():
    """Decision 1523: a rain gauge's or a sensor's series of zeros was told it may be "discontinued, dead"."""
    found = [{"series": 0, "target": 0, "zeros": 104, "rows": 104, "nonzero": 0, "before": 0, "most": 0.1}]
    panel = _Skus(np.zeros((1, 104)))
    rain = text(panel, found, 12, ["rainfall"])
    assert rain.endswith("so a series that stopped (switched off, or no longer recorded) is forecast as before")
    assert "sell" not in rain and "discontinued" not in rain
    assert text(panel, found, 12, ["units"]).endswith("so a series that stopped selling (discontinued or dead) is "
                                                      "forecast as before")
    assert counts_demand(["Sales"]) and counts_demand(["store", "order_count"]) and not counts_demand(["pm25", "rain_mm"])


def test_demand_is_read_from_whole_words_of_the_name():
    """Decision 1570 (r32r1 LOW 8): 'recorder_level', 'border_crossings' (through 'order') and 'sell_price' counted
    demand by a part of a word, so a data logger's zeros were "stopped selling (discontinued or dead)"; the words of the
    name count, split at non-letters and case changes, and a price is no count."""
    said = {name: counts_demand([name]) for name in ("unitsSold", "UNIT_SALES", "qty", "Quantity", "orderCount",
                                                     "recorder_level", "border_crossings", "disorder_cases",
                                                     "sell_price", "wholesalePrice", "y")}
    assert [name for name, demand in said.items() if demand] == ["unitsSold", "UNIT_SALES", "qty", "Quantity",
                                                                 "orderCount"]


def test_a_dead_series_forecast_0_whose_upper_quantile_is_above_0_is_named_with_that_quantile():
    """Decision 1533: a quantile model forecast a dead SKU's 0.9 quantile at 6.4 units a week, its point forecast 0
    (nonnegative), and predict said nothing: only the point forecast was weighed."""
    values = np.r_[np.ones((1, 104)), np.zeros((1, 104)), np.r_[np.full(60, 8.0), np.zeros(44)][None]]
    point = np.zeros((3, 4, 1))
    quantiles = np.zeros((3, 4, 1, 3))
    quantiles[:, :, 0, 2] = [[0.5] * 4, [1.6] * 4, [6.44] * 4]
    assert find(_Skus(values), point, 12) == []
    found = find(_Skus(values), point, 12, quantiles, [0.1, 0.5, 0.9])
    assert [(f["series"], f["level"], f["upper"]) for f in found] == [(1, 0.9, 1.6), (2, 0.9, 6.44)]
    said = text(_Skus(values), found, 12, ["units"])
    assert "'S001' (all of its 104 rows are 0, forecast 0, its 0.9 quantile ('units_q0.9') up to 1.6)" in said
    assert "'S002' (its last 44 rows are 0, nonzero in 60 of its 104 rows, no zero before, forecast 0, its 0.9 " \
           "quantile ('units_q0.9') up to 6.44)" in said
    point[1] = 0.2  # the point forecast above 0 too: both said
    assert "forecast up to 0.2, its 0.9 quantile ('units_q0.9') up to 1.6)" in text(
        _Skus(values), find(_Skus(values), point, 12, quantiles, [0.1, 0.5, 0.9]), 12, ["units"])


def test_predict_of_a_quantile_model_names_a_dead_series_by_its_upper_quantile(caplog):
    frame = _skus()
    model = Forecaster(**{**TINY, "quantiles": (0.1, 0.5, 0.9), "nonnegative": True}).fit(
        frame, target="units", time_col="week", id_col="sku")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        forecast = model.predict(frame)
    dead = forecast[forecast.sku.isin(["never", "dead"])]
    assert (dead["units_q0.9"] > dead["units_hat"]).any()  # the upper quantile above the point forecast: said
    assert "are all 0" in caplog.text and "its 0.9 quantile ('units_q0.9') up to" in caplog.text
