"""The series fit left out, of which a model fitted on a static table holds no values (``heldrows.py``): its
backtest leaves them out by name instead of refusing the caller's data (decision 1490)."""

from __future__ import annotations

import logging

import pandas as pd
import pytest

from conftest import TINY, make_panel
from rnncast import Forecaster, RnncastError
from rnncast.heldrows import NO_STATIC, quiet


@pytest.fixture(scope="module")
def short_panel():
    """Three series long enough and one ('s_short', 20 rows) that fit leaves out; a static row for each."""
    frame = make_panel(3, lengths=(80, 90), seed=3)
    short = make_panel(1, lengths=(20, 20), seed=4).assign(unique_id="s_short")
    frame = pd.concat([frame, short], ignore_index=True)
    ids = list(dict.fromkeys(frame["unique_id"]))
    static = pd.DataFrame({"unique_id": ids, "size": [1.5, 500.0, 2.0, 7.0], "region": ["n", "s", "n", "s"]})
    model = Forecaster(**{**TINY, "lookback": 8}).fit(frame, static_covariates=static)
    return frame, static, model


def test_a_series_fit_left_out_is_named_and_not_backtested_not_refused(caplog, short_panel):
    """A tester's finding (t31t6 #1): backtest(df) of a panel fitted with a static table refused "the static covariate
    table has no row for series ['S03', 'S04']", the series fit left out as too short, and pointed at the caller's
    table, which held them."""
    frame, static, model = short_panel
    assert [d["id"] for d in model.state_.skipped_series] == ["s_short"]
    caplog.clear()
    with caplog.at_level("WARNING", logger="rnncast"):
        result = model.backtest(frame, n_windows=2)
    said = " ".join(r.getMessage() for r in caplog.records)
    assert "series 's_short' was left out by the fit (too short to train)" in said
    assert "--static FILE" in said and "not in the data" not in said and "no row for" not in said
    assert "s_short" not in set(result.forecasts["unique_id"].astype(str))
    given = model.backtest(frame, n_windows=2, static_covariates=static)  # the table again: the backtest's own rule
    assert result.metrics["overall"]["model"]["mse"] == pytest.approx(given.metrics["overall"]["model"]["mse"], rel=1e-6)


def test_data_of_only_series_fit_left_out_is_refused_in_one_line(short_panel):
    frame, _, model = short_panel
    with pytest.raises(RnncastError, match="left out by the fit .* and the data holds no other series"):
        model.backtest(frame[frame["unique_id"] == "s_short"], n_windows=1)


def test_the_held_tables_rows_of_series_not_in_the_data_are_not_said(caplog):
    logger = logging.getLogger("rnncast.static")
    with caplog.at_level("WARNING", logger="rnncast"):
        with quiet(True):
            logger.warning("the static covariate table holds a row of series 'x', which is not in the data; it is not used")
        with quiet(False):
            logger.warning("the static covariate table holds a row of series 'y', which is not in the data; it is not used")
    assert "'x'" not in caplog.text and "'y'" in caplog.text


def test_a_series_left_out_for_want_of_held_static_values_is_in_skipped_series(short_panel):
    """Decision 1524: 's_short' was named in the warning but missing from metrics' ``skipped_series``, which listed
    only the series too short to backtest; every series left out is there, with its reason."""
    frame, _, model = short_panel
    result = model.backtest(frame, n_windows=2)
    records = {d["id"]: d for d in result.metrics["skipped_series"]}
    assert records["s_short"]["reason"] == NO_STATIC and records["s_short"]["rows"] == 20
    assert all("reason" in d for d in result.metrics["skipped_series"])
