"""The settings table of a run's page and a backtest's alike (``settingrows.py``)."""

from __future__ import annotations

from conftest import TINY, make_panel
from rnncast import Forecaster
from rnncast.backtestpage import backtest_facts
from rnncast.reportpage import run_blocks
from rnncast.settingrows import id_column, notes, rows


def test_values_notes_and_the_id_column_are_written_one_way():
    said = notes({"quantiles": (0.1, 0.5, 0.9), "nonnegative": True, "holidays": None}, ["promo"], "NYSE")
    assert said == {"loss": "not used: a quantile head trains on the pinball loss",
                    "future_known": "the future-known covariates were named by future_covariates instead",
                    "nonnegative": "every forecast written and scored clipped at 0", "holidays": "NYSE found from the data"}
    assert rows({"quantiles": (0.1, 0.5, 0.9), "nonnegative": True, "test_frac": 0.2}, said, leave=("test_frac",)) == [
        ["quantiles", "[0.1, 0.5, 0.9]"], ["nonnegative", "True (every forecast written and scored clipped at 0)"]]
    assert notes({"quantiles": None, "nonnegative": False, "future_known": True}, ["promo"]) == {}
    assert notes({"cutoff": "2015-12-10", "test_frac": 0.2}) == {  # t39t2 6: 0.2 was shown as if used
        "test_frac": "not used: the cutoff sets each series' test rows"}
    assert notes({"cutoff": None, "test_frac": 0.2}) == {}
    assert id_column(["item_id", "store_id"]) == id_column("item_id,store_id") == "item_id,store_id"


def test_a_backtests_settings_table_is_written_as_the_runs():
    """A tester's finding: backtest's report.html wrote nonnegative without "(every forecast written and scored clipped
    at 0)", quantiles "(0.1, 0.5, 0.9)" and the id column "['item_id', 'store_id']" (Python reprs), where the run's
    page writes them otherwise. Both pages now write them through ``settingrows``."""
    frame = make_panel(2, seed=1)
    frame = frame.assign(item_id="A", store_id=frame["unique_id"].str[-1]).drop(columns="unique_id")
    params = {**TINY, "epochs": 1, "nonnegative": True, "quantiles": (0.1, 0.5, 0.9)}
    fitted = Forecaster(**params).fit(frame, id_col=["item_id", "store_id"])
    table = next(b[1] for b in run_blocks(fitted, {}, "f.csv", None) if b[0] == "table" and b[1][0] == ["setting", "value"])
    ran = dict(table[1:])
    m = {"calendar": None, "series": 2, "skipped_series": [], "n_windows": 2, "step": 3, "refit": False}
    config = {"data": {"source": "f.csv"}, "run": {"target": ["y"], "id_col": ["item_id", "store_id"], "layout": "long"},
              "settings": {k: v for k, v in fitted.get_params().items()}}
    tested = dict(backtest_facts(config, m)[1:])
    for name in ("id column", "nonnegative", "quantiles", "loss"):
        assert tested[name] == ran[name], name
    assert (ran["id column"], ran["quantiles"]) == ("item_id,store_id", "[0.1, 0.5, 0.9]")
    assert ran["nonnegative"] == "True (every forecast written and scored clipped at 0)"
