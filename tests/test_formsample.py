"""The values a column's form is checked on, and the one form they share (formsample)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import formsample, halfyears, timetext


def test_rows_are_spread_from_the_first_to_the_last_each_once():
    assert formsample.spread(5).tolist() == [0, 1, 2, 3, 4]
    rows = formsample.spread(10_000)
    assert len(rows) == formsample.CHECKED and rows[0] == 0 and rows[-1] == 9_999 and (np.diff(rows) > 0).all()
    assert formsample.spread(10, most=3).tolist() == [0, 4, 9]


def test_a_value_written_otherwise_late_in_the_column_is_no_format_of_quarters_or_half_years():
    quarters = [f"{2000 + i // 4}Q{i % 4 + 1}" for i in range(4000)]
    halves = [f"{1000 + i // 2}H{i % 2 + 1}" for i in range(4000)]
    assert timetext.format_of(pd.Series(quarters)) == "%YQ%q" and halfyears.format_of(pd.Series(halves)) == "%YH%!h"
    assert timetext.format_of(pd.Series(quarters[:-1] + ["2999-Q4"])) is None
    assert halfyears.format_of(pd.Series(halves[:-1] + ["2999-H2"])) is None
    assert formsample.one_format(pd.Series(quarters[:-1] + ["2999Q5"]), lambda v: "%YQ%q", timetext.read) is None
    assert formsample.one_format(pd.Series([1, 2, 3]), lambda v: "x", timetext.read) is None
