"""zerocovariates: the rows zero fill adds (fill_gaps' inserted, zerotail's appended) get 0 in their targets and
their covariates carried forward from the series' last value, not 0, said once; a blank covariate in a row of the
data is filled as fill says."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from rnncast.loading import load_panel
from rnncast.fills import fill_panel
from rnncast.zerocovariates import blanks

WEEKS = pd.date_range("2024-01-07", periods=20, freq="W-SUN")


def _sales() -> pd.DataFrame:
    a = pd.DataFrame({"sku": "A", "week": WEEKS, "sales": 5.0, "price": np.arange(20) + 10.0}).drop(index=[5, 6])
    b = pd.DataFrame({"sku": "B", "week": WEEKS[:16], "sales": 3.0, "price": 4.0, "temp": 0.0})
    return pd.concat([a.assign(temp=np.linspace(1, 2, 18)), b], ignore_index=True)


def test_the_added_rows_covariates_are_carried_forward_not_zero_and_said(caplog):
    """Before: A's two rows fill_gaps inserted and B's four appended read price 0 and temp 0 (6 rows, 12 values)."""
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        panel = load_panel(_sales(), "sales", ["price", "temp"], "week", id_col="sku", fill="zero", fill_gaps=True)
    a, b = (panel.values[panel.offsets[s]: panel.offsets[s + 1]] for s in range(2))
    assert a[5:7, 0].tolist() == [0.0, 0.0] and a[5:7, 1].tolist() == [14.0, 14.0]  # carried from week 4's 14
    assert b[16:, 0].tolist() == [0.0] * 4 and b[16:, 1].tolist() == [4.0] * 4
    assert panel.filled[panel.offsets[0] + 5: panel.offsets[0] + 7, 1].tolist() == [-1, -2]  # made, from earlier rows
    assert panel.filled[:, 0].tolist() == [0] * len(panel.values)  # a zero sale is observed, as zero fill says
    said = [r.getMessage() for r in caplog.records if "not in their covariates" in r.getMessage()]
    assert said == ["fill='zero' wrote 0 in the targets of the 6 rows it added (none happened), not in their "
                    "covariates: 'price', 'temp' (12 values) are carried forward from each series' last value before "
                    "the row (a value holds until it changes), not read as 0; where a covariate is 0 there (an on/off "
                    "flag), give those rows in the data with its values"]



def test_a_blank_covariate_in_a_row_of_the_data_is_zero_filled_as_before_and_nothing_added_is_said(caplog):
    data = pd.DataFrame({"sku": "A", "week": WEEKS, "sales": 5.0, "price": np.arange(20) + 10.0})  # no week absent:
    data.loc[2, "price"] = np.nan  # zero fill refuses absent rows without fill_gaps (decision 2116)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        panel = load_panel(data, "sales", ["price"], "week", id_col="sku", fill="zero")
    assert panel.values[2, 1] == 0.0 and "not in their covariates" not in caplog.text


def test_carry_stays_within_each_series_and_takes_the_next_value_where_none_lies_before():
    values = np.array([[1.0, 7.0], [np.nan, np.nan], [2.0, np.nan], [np.nan, np.nan], [3.0, 9.0]])
    positions = np.array([0, -1, 1, -1, 2])

    def filled(positions, offsets):
        return fill_panel(values, None, positions, offsets, ["y", "x"], ["A", "B"], "id", "zero", {}, announce=False,
                          roles=(1, 1))

    out, _, _, _, made, _ = filled(positions, np.array([0, 2, 5]))
    assert out[:, 1].tolist() == [7.0, 7.0, 0.0, 9.0, 9.0]  # B's own row's blank: zero fill's; its added row: the next
    assert made[:, 1].tolist() == [0, -1, 0, 1, 0] and out[1, 0] == 0.0 and not made[:, 0].any()  # targets: 0
    out, _, _, _, made, _ = filled(np.arange(5), np.array([0, 5]))  # nothing added: every blank zero filled
    assert out[:, 1].tolist() == [7.0, 0.0, 0.0, 0.0, 9.0] and not made.any()
    assert blanks(values, np.arange(5), 1)[1] is None and blanks(values[:, :1], positions, 1)[1] is None


def test_a_wide_tables_added_rows_read_the_tables_own_covariates_at_their_dates(caplog):
    """A wide table's covariates are every series': B's blank last weeks, appended for zero fill, hold the table's
    price of those weeks (16 to 19; before: 0), read, not made, and nothing is said of carrying."""
    weeks = pd.date_range("2023-01-01", periods=20, freq="W-SUN")
    wide = pd.DataFrame({"week": weeks, "A": 1.0, "B": [2.0] * 16 + [np.nan] * 4, "price": np.arange(20.0)})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        panel = load_panel(wide, series=["A", "B"], time_col="week", fill="zero", features=["price"])
    assert panel.values[-4:].tolist() == [[0.0, 16.0], [0.0, 17.0], [0.0, 18.0], [0.0, 19.0]]
    assert not panel.filled[-4:].any() and "not in their covariates" not in caplog.text
