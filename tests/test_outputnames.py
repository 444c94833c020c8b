"""The names the forecast tables write (``outputnames.py``): every column predict and backtest write beside the
caller's, and a name of the caller's that one of them would overwrite, refused by name with the column to rename."""

from __future__ import annotations

import pytest

from rnncast import RnncastError
from rnncast.outputnames import check, written


def test_written_names_every_column_of_a_backtests_forecasts():
    names = [name for name, _, _ in written(["y"], (0.1, 0.5), "unique_id", "ds", "long")]
    assert names == ["unique_id", "ds", "cutoff", "window", "left_out", "step_ahead", "y", "y_hat", "y_q0.1", "y_q0.5", "y_filled",
                     "y_zero_filled",
                     "y_repeat", "y_repeat_q0.1", "y_repeat_q0.5", "y_mean", "y_mean_q0.1", "y_mean_q0.5", "y_seasonal",
                     "y_seasonal_q0.1", "y_seasonal_q0.5", "y_climatology"]  # each interval after it (none: climatology)


def test_the_callers_names_are_told_from_rnncasts():
    mine = {name: own for name, _, own in written(["y"], (), None, None, "wide", timed=False)}
    assert mine["unique_id"] is False and mine["row"] is False and mine["y"] is False  # a wide table's are rnncast's
    mine = {name: own for name, _, own in written(["sales"], (), "store", "day", "long")}
    assert mine["store"] and mine["day"] and mine["sales"] and not mine["sales_hat"]


@pytest.mark.parametrize("args, expected", [
    ((["y"], (), None, "cutoff"), "the time column is named 'cutoff', the name rnncast writes for each window's cutoff"),
    ((["y"], (), "window", "ds", "long"), "the id column is named 'window', the name rnncast writes for each window's "
                                          "number in backtest's forecasts"),
    ((["step_ahead"], (), None, "ds"), "the target column is named 'step_ahead', the name rnncast writes for each "
                                       "forecast's step after its cutoff in predict's and backtest's forecasts"),  # decisions 1726, 2144
    ((["y"], (), "y_hat", "ds", "long"), "the id column is named 'y_hat', the name rnncast writes for the forecast of "
                                         "target 'y' in predict's and backtest's forecasts"),
    ((["y"], (0.1, 0.5, 0.9), "y_q0.9", "ds", "long"), "the 0.9 quantile of target 'y'"),
    ((["sales", "sales_hat"], ()), "the target column is named 'sales_hat', the name rnncast writes for the forecast "
                                   "of target 'sales'"),
    ((["sales_hat", "sales"], ()), "the target column is named 'sales_hat'"),  # in either order
    ((["y", "y_mean"], ()), "the 'training mean' baseline of target 'y' in backtest's forecasts"),
    ((["y", "y_mean_q0.9"], (0.1, 0.9)), "the 0.9 quantile of the 'training mean' baseline of target 'y'"),
    ((["row"], (), None, None, "single", False), "the target column is named 'row', the name rnncast writes for the "
                                                 "row numbers"),
    ((["ds"], ()), "the target column is named 'ds', the name rnncast writes for the times"),
    ((["y"], (), None, "y_hat", "wide"), "the time column is named 'y_hat'"),
])
def test_a_name_written_twice_is_refused_naming_the_column_to_rename(args, expected):
    with pytest.raises(RnncastError, match="so one would overwrite the other; rename the column") as err:
        check(*args)
    assert expected in str(err.value)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("args", [
    (["y_hat"], ()),  # written as y_hat, y_hat_hat: no two alike
    (["y"], (0.1, 0.5), "store", "date", "long"),
    (["y"], (), "unique_id", "date", "wide"),
    (["cutoff_price"], (), None, "window_start"),
])
def test_names_written_once_each_pass(args):
    check(*args)


def test_fits_clash_names_the_file_fit_writes_not_backtests_forecasts():
    """t30t9: fit's refusal of targets sales and sales_zero with fill 'zero' spoke of "backtest's forecasts"."""
    with pytest.raises(RnncastError) as err:
        check(["sales", "sales_zero"], command="fit")
    assert "in the run's test_forecasts.csv" in str(err.value) and "backtest" not in str(err.value)
    with pytest.raises(RnncastError, match="in backtest's forecasts"):
        check(["sales", "sales_zero"])
