"""Scores as tables write them (``scoretext.py``): a column in one notation, plain below 1e7 with the same decimals
down it, scientific all of it where it must be, never a negative zero. That fit's terminal table and the run page
write them so is test_cli_commands.py."""

from __future__ import annotations

import math

from rnncast.scoretext import score_texts


def test_a_column_of_errors_is_in_one_notation_with_the_same_decimals_down_it():
    # T4's original-units MSE column: 66603, 97227, 1.1171e+05, 1.2919e+05 (scientific beside plain)
    assert score_texts("mse", [66603.2, 97226.9, 111710.4, 129190.0]) == ["66603", "97227", "111710", "129190"]
    assert score_texts("mse", [11.87, 11.787, 191.09]) == ["11.87", "11.79", "191.09"]  # five digits of the largest
    assert score_texts("mse", [0.086649, 0.086047, 1.3949]) == ["0.0866", "0.0860", "1.3949"]
    assert score_texts("mae", [150000.0, 0.002]) == ["150000.00000", "0.00200"]  # three digits of the smallest
    assert score_texts("rmse", [9999999.0, 12.0]) == ["9999999.0", "12.0"]  # plain below 1e7


def test_a_column_that_reaches_1e7_or_needs_too_many_decimals_is_scientific_all_of_it():
    assert score_texts("mse", [1.0164e12, 5.0]) == ["1.0164e+12", "5.0000e+00"]
    assert score_texts("mse", [8.0549e-05, 2.0e-05]) == ["8.0549e-05", "2.0000e-05"]
    assert score_texts("mae", [24653147138.2618]) == ["2.4653e+10"]


def test_ratios_have_four_decimals_and_nothing_is_a_negative_zero():
    assert score_texts("r2", [0.8073, -0.00001, -2.10264]) == ["0.8073", "0.0000", "-2.1026"]  # not -0.0000
    assert score_texts("coverage_80", [0.93619]) == ["0.9362"] and score_texts("smape", [12.345678]) == ["12.3457"]
    assert score_texts("mse", [1e-12, 4.0]) == ["1.0000e-12", "4.0000e+00"]  # a perfect forecast is not "0.0000"
    assert score_texts("pinball", [None, 0.25]) == ["", "0.25000"]  # a baseline has no pinball loss
    assert score_texts("mase", [math.nan, 0.5]) == ["nan", "0.5000"] and score_texts("mse", [0.0, 0.0]) == ["0", "0"]
