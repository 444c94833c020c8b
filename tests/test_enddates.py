"""The windows at a series' end that counting rows left out (``enddates.py``): their horizon's dates end at or before
the series' last date, so evaluate, fit's test scores, predict_windows and a backtest all keep them."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster


def _bdays(n: int = 160, lacking=(-2,), seed: int = 0, name=None) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    days = pd.bdate_range("2023-06-01", periods=n)
    frame = pd.DataFrame({"date": days, "close": 100 + rng.normal(0, 1, n).cumsum()})
    frame = frame.drop(index=[n + i if i < 0 else i for i in lacking]).reset_index(drop=True)
    return frame if name is None else frame.assign(id=name)


@pytest.fixture(scope="module")
def lacking():
    """Business days lacking the day before the last (2023-12-28 of the tester's; here the last but one)."""
    data = _bdays()
    return data, Forecaster(**{**TINY, "lookback": 10}, test_frac=0.25).fit(data, target="close", time_col="date")


def test_the_last_row_is_scored_where_the_day_before_it_is_missing(lacking, caplog):
    """The window cut two business days before the last (its horizon: a present day, the lacking one, the last) had
    two rows after it, and was left out: the last row never scored (tester's data: 49 windows, the last first target
    12-26). It is kept, its lacking step unscored, its last step the data's last row."""
    data, model = lacking
    test = model.part_forecasts(data, "test")
    last = data.date.iloc[-1]
    cut = last - pd.offsets.BDay(3)
    assert data.date.iloc[-3] == cut  # two rows after it, three business days
    assert test.original.time[test.original.target_rows[-1] - 1] == cut
    assert test.original.y_true[-1, -1, 0] == data.close.iloc[-1] and test.absent.mask[-1].tolist() == [False, True, False]
    scored = model.evaluate(data)
    assert scored["windows"] == len(test.original.y_true) and scored["scored"]["windows_scored"] == scored["windows"]
    windows = model.predict_windows(data, part="test")
    assert len(windows.y_true) == scored["windows"] and windows.y_true[-1, -1, 0] == data.close.iloc[-1]
    assert np.isnan(windows.y_true[-1, 1, 0])
    with caplog.at_level(logging.ERROR):  # the backtest's calendar cutoffs agree: its last cut there
        result = model.backtest(data, n_windows=2)
    assert pd.Timestamp(result.forecasts["cutoff"].iloc[-1]) == cut


def test_only_windows_whose_horizon_ends_by_the_last_date_are_added_and_none_where_no_date_is_lacking():
    whole = _bdays(lacking=())
    model = Forecaster(**{**TINY, "lookback": 10}, test_frac=0.25).fit(whole, target="close", time_col="date")
    rows = len(whole) - int(round(len(whole) * 0.25))
    assert model.evaluate(whole)["windows"] == len(whole) - rows - 3 + 1  # the rows' windows, as before
    early = _bdays(lacking=(-10,))  # a lacking day well before the end: the windows at the end are whole in rows
    model = Forecaster(**{**TINY, "lookback": 10}, test_frac=0.25).fit(early, target="close", time_col="date")
    test = model.part_forecasts(early, "test")
    assert test.original.target_rows[-1] == len(early) - 3  # the last window's three rows: the last three


def test_each_series_of_a_panel_keeps_its_own_and_reads_no_row_of_the_next():
    data = pd.concat([_bdays(lacking=(-2,), name="a"), _bdays(lacking=(), seed=1, name="b")], ignore_index=True)
    model = Forecaster(**{**TINY, "lookback": 10}, test_frac=0.25).fit(data, target="close", time_col="date",
                                                                       id_col="id")
    test = model.part_forecasts(data, "test")
    wf = test.original
    a = data[data.id == "a"]
    mine = np.flatnonzero(wf.series == list(test.ids).index("a"))
    assert wf.y_true[mine[-1], -1, 0] == a.close.iloc[-1]  # the last row of 'a', not the first of 'b'
    assert wf.absent[mine[-1], :, 0].tolist() == [False, True, False]  # its lacking day alone unscored
    theirs = np.flatnonzero(wf.series == list(test.ids).index("b"))
    assert wf.target_rows[theirs[-1]] == len(data[data.id == "b"]) - 3


def test_a_model_reading_future_covariates_reads_its_steps_at_their_rows_as_before():
    data = _bdays()
    data["promo"] = np.arange(len(data)) % 5 == 0
    model = Forecaster(**{**TINY, "lookback": 10}, test_frac=0.25).fit(data, target="close", time_col="date",
                                                                       future_covariates=["promo"])
    test = model.part_forecasts(data, "test")
    assert test.original.target_rows[-1] + 3 <= len(data) and test.absent is None  # three rows after each cutoff


def test_an_end_window_of_one_series_reads_no_filled_mark_of_the_next(monkeypatch):
    """The end window kept where 'a' lacks its last but one date has a step past 'a''s last row: its rows were clipped
    at the stacked panel's end only, so its filled marks (before ``stepactuals.align`` keeps the present steps') came
    from the next series' first row, filled there; clipped at 'a''s own last row, nothing of 'a' reads 'b'."""
    from rnncast import stepactuals
    b = _bdays(lacking=(), seed=1, name="b")
    b.loc[0, "close"] = np.nan  # 'b' begins with a value fill makes
    data = pd.concat([_bdays(lacking=(-2,), name="a"), b], ignore_index=True)
    model = Forecaster(**{**TINY, "lookback": 10}, test_frac=0.25, fill="ffill").fit(
        data, target="close", time_col="date", id_col="id")
    raw, aligned = [], stepactuals.aligned
    monkeypatch.setattr(stepactuals, "aligned", lambda panel, *wfs: (raw.append(wfs[0]), aligned(panel, *wfs))[1])
    test = model.part_forecasts(data, "test")
    mine = np.flatnonzero(raw[0].series == list(test.ids).index("a"))
    assert raw[0].filled is not None and not raw[0].filled[mine].any()  # nothing of 'a' was filled
    assert raw[0].y_true[mine[-1], -1, 0] == data[data.id == "a"].close.iloc[-1]  # its own last row, not b's first
    assert test.original.y_true[mine[-1], -1, 0] == data[data.id == "a"].close.iloc[-1]
