"""The series fit left out, of which a model fitted on a static table holds no values (``heldrows.py``): its
backtest leaves them out by name instead of refusing the caller's data (decision 1490)."""

from __future__ import annotations

import logging

import pandas as pd
import pytest

from conftest import TINY, make_panel
from rnncast import Forecaster, RnncastError
from rnncast.heldrows import NO_STATIC, advice, quiet
from rnncast.loading import load_panel


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
    assert "not in the data" not in said and "no row for" not in said
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


def test_the_static_table_is_advised_only_for_series_the_backtest_could_then_run(caplog, short_panel):
    """t32t1 M3: the backtest told "to backtest them, give the static table again" of series fit left out as too
    short (20 and 15 rows); following it, they were left out again as too short for the backtest (needing 32). A
    backtest needs at least what fit needed, so the advice led nowhere: the series too short for this backtest are
    said to be so, with their rows and the need, and the advice is kept for those it would backtest (decision 1546)."""
    frame, static, model = short_panel
    caplog.clear()
    with caplog.at_level("WARNING", logger="rnncast"):
        model.backtest(frame, n_windows=2)
    said = " ".join(r.getMessage() for r in caplog.records)
    assert ": it is not backtested (it is too short for this backtest as well: 's_short' (20 rows); it needs at least " \
        in said, said
    need = said.split("it needs at least ")[1].split(" rows")[0]
    assert "give the static table again" not in said and "--static FILE" not in said, said
    caplog.clear()
    with caplog.at_level("WARNING", logger="rnncast"):
        model.backtest(frame, n_windows=2, static_covariates=static)  # as the advice would have had it: the same need
    assert f"'s_short' (20 rows); it needs at least {need} rows" in caplog.text
    assert "too short for this backtest and is left out" in caplog.text and "too short to train" not in caplog.text

    lengths = {"a": 40, "b": 20, "c": 15}
    panel = load_panel(pd.concat([pd.DataFrame({"ds": pd.date_range("2024-01-01", periods=n), "unique_id": i, "y": 1.0})
                                  for i, n in lengths.items()]))
    assert advice(panel, [1, 2], 17) == (" ('c' (15 rows) is too short for this backtest as well: it needs at least 17 "
                                         "rows; to backtest 'b', give the static table again: static_covariates= in "
                                         "Python, --static FILE)")
    assert advice(panel, [1, 2], 10) == " (to backtest them, give the static table again: static_covariates= in " \
                                        "Python, --static FILE)"
    assert advice(panel, [1, 2], None) == advice(panel, [1, 2], 10)  # the need unknown (a cutoff date): the advice
    assert advice(panel, [1, 2], 21) == (" (they are too short for this backtest as well: 'b' (20 rows), 'c' (15 "
                                         "rows); each needs at least 21 rows)")
