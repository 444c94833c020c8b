"""The settings table's rows of how a run split its series (``splitrows.py``): a panel cut at one cutoff said so, not
"the same fractions", with the dates row one series' page has (t39t2 6, decision 2126)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from conftest import TINY
from rnncast import Forecaster
from rnncast.reportpage import run_blocks
from rnncast.splitrows import DATES, panel_rows, single_rows


def stores(shift: int = 0, n: int = 60) -> pd.DataFrame:
    """Four monthly stores of ``n`` months, each ``shift`` months after the one before."""
    rng = np.random.default_rng(0)
    return pd.concat([pd.DataFrame({"store": f"S{k}", "month": pd.date_range("2015-01-31", periods=n, freq="ME")
                                    + pd.offsets.MonthEnd(shift * k), "sales": 100 + rng.normal(0, 5, n)})
                      for k in range(4)])


SETTINGS = {**TINY, "horizon": 6, "epochs": 1, "val_frac": 0.15}


def test_a_panel_cut_at_a_cutoff_says_so_with_its_dates_and_the_unused_test_frac():
    frame = stores()
    model = Forecaster(**SETTINGS, cutoff="2019-06-30").fit(frame, target="sales", id_col="store", time_col="month")
    rows = dict(panel_rows(model))
    assert rows["series"] == ("4 trained, each cut at the cutoff 2019-06-30 (its test rows those after it; the last 15% "
                              "of the rows up to it for validation) and scaled on its own training rows")
    assert rows[DATES] == "2018-11-30 / 2019-07-31 / 2019-12-31"  # 54 rows up to the cutoff: 8 for validation
    facts = dict(next(b[1] for b in run_blocks(model, {}, "f.csv", None) if b[0] == "table"
                      and b[1][0] == ["setting", "value"])[1:])
    assert facts["test_frac"] == "0.2 (not used: the cutoff sets each series' test rows)"
    assert facts["series"] == rows["series"] and facts[DATES] == rows[DATES]


def test_a_panel_split_by_fractions_gives_each_dates_range_where_the_series_differ():
    frame = stores(shift=2)  # each store two months after the one before: its borders too
    model = Forecaster(**SETTINGS).fit(frame, target="sales", id_col="store", time_col="month")
    rows = dict(panel_rows(model))
    assert rows["series"] == "4 trained, each split by the same fractions and scaled on its own training rows"
    assert len({tuple(b[:3]) for b in model.state_.borders}) == 4  # four stores, four sets of dates
    assert rows[DATES] == "2018-04-30 to 2018-10-31 / 2019-01-31 to 2019-07-31 / 2019-12-31 to 2020-06-30"
    model = Forecaster(**{**SETTINGS, "val_frac": 0.0}).fit(frame, target="sales", id_col="store", time_col="month")
    assert dict(panel_rows(model))[DATES].startswith("- / ")  # no validation rows: no date


def test_one_series_keeps_its_rows_and_dates():
    one = stores().query("store == 'S0'").drop(columns="store")
    model = Forecaster(**SETTINGS, cutoff="2019-06-30").fit(one, target="sales", time_col="month")
    assert single_rows(model) == [["rows: train / validation / test", "[0, 46) / [46, 54) / [54, 60)"],
                                  [DATES, "2018-11-30 / 2019-07-31 / 2019-12-31"]]
