"""Scores by step ahead as a person reads them (``stepbins.py``, decisions 2002, 2030): a row per step and
forecaster, and binned 1, 2-3, 4-7 ... where the horizon is long, a bin's score the mean of its steps'."""

from __future__ import annotations

import math

import pytest

from rnncast.stepbins import EVERY, binned, bins, step_frame, step_rows, step_text, step_units


def _by_step(horizon: int, bands: bool = False) -> list[dict]:
    """metrics.json's by_step of a model whose MSE is its step and a repeat whose MSE is 1 (coverage only the model's)."""
    extra = lambda h: {"pinball": h / 10, "coverage_80": 0.8} if bands else {}  # noqa: E731
    return [{"step": h, "model": {"mse": float(h), "mae": h / 2, "mase": h / 4, "rmse": math.sqrt(h), **extra(h)},
             "repeat": {"mse": 1.0, "mae": 1.0, "mase": 0.5, "rmse": 1.0, **({"pinball": math.nan, "coverage_80": math.nan}
                                                                            if bands else {})}}
            for h in range(1, horizon + 1)]


def test_a_short_horizon_is_shown_step_by_step_a_long_one_in_doubling_bins():
    assert bins(3) == [(1, 1), (2, 2), (3, 3)] and len(bins(EVERY)) == EVERY
    assert bins(90) == [(1, 1), (2, 3), (4, 7), (8, 15), (16, 31), (32, 63), (64, 90)]
    assert bins(16) == [(1, 1), (2, 3), (4, 7), (8, 15), (16, 16)] and len(bins(720)) == 10


def test_the_table_is_a_row_per_step_and_forecaster_the_model_first():
    frame = step_frame(_by_step(3, bands=True))
    assert list(frame.columns) == ["step", "forecaster", "mse", "mae", "rmse", "mase", "pinball", "coverage_80"]
    assert list(frame["forecaster"]) == ["model", "repeat"] * 3 and list(frame["step"]) == [1, 1, 2, 2, 3, 3]
    assert list(step_frame([]).columns) == ["step", "forecaster"]


def test_a_bins_score_is_the_mean_of_its_steps_and_its_rmse_the_root_of_their_mse():
    named = dict(binned(_by_step(20)))
    assert list(named) == ["1", "2-3", "4-7", "8-15", "16-20"]
    assert named["4-7"]["model"]["mse"] == pytest.approx(5.5) and named["4-7"]["model"]["rmse"] == pytest.approx(5.5 ** 0.5)
    assert named["16-20"]["repeat"]["mae"] == pytest.approx(1.0)


def test_the_page_table_names_each_bin_and_forecaster_and_a_baselines_missing_band_as_a_dash():
    m = {"by_step": _by_step(20, bands=True), "season": 7}
    rows = step_rows(m)
    assert rows[0] == ["steps ahead", "forecaster", "MSE", "MAE", "RMSE", "MASE (season 7)", "pinball", "coverage 80%"]
    assert [r[:2] for r in rows[1:3]] == [["1", "model"], ["1", "baseline: repeat the last value"]]
    assert rows[2][-2:] == ["-", "-"] and len(rows) == 1 + 5 * 2
    assert step_rows({}) == [] and "binned 1, 2-3, 4-7" in step_units(m) and "pinball" in step_units(m)
    assert step_units({"by_step": _by_step(3)}).startswith("Each step ahead")


def test_a_baseline_scored_on_fewer_values_at_a_step_is_said_and_the_models_scores_on_them_kept():
    """r37r3 1: the table and by_step.csv set the seasonal naive's per-step scores on its own values beside the
    model's on all, with no word, while the verdict said "(on the 16 values it has a forecast for)" (decisions 1994,
    2002): the frame gains each row's values left out and the model's scores on the rest, the sentence names the steps."""
    by_step = _by_step(3)
    for entry in by_step:
        entry["seasonal"] = {"mse": 0.5, "mae": 0.5, "mase": 0.25, "rmse": math.sqrt(0.5)}
    by_step[0]["seasonal"]["values_left_out"] = {"values": 1, "of": 3, "model": {"mse": 0.9, "mae": 0.4, "rmse": 0.95}}
    frame = step_frame(by_step)
    assert list(frame.columns)[-3:] == ["values_left_out", "model_mse_on_values", "model_mae_on_values"]
    first = frame[(frame["step"] == 1) & (frame["forecaster"] == "seasonal")].iloc[0]
    assert (first["values_left_out"], first["model_mse_on_values"]) == (1, 0.9)
    later = frame[(frame["step"] == 2) & (frame["forecaster"] == "seasonal")].iloc[0]
    assert later["values_left_out"] == 0 and math.isnan(later["model_mse_on_values"])
    assert str(frame["values_left_out"].dtype) == "Int64"  # a count (decision 2055), blank where never lacking:
    assert frame.loc[frame["forecaster"] != "seasonal", "values_left_out"].isna().all()  # the model's, repeat's
    assert frame.to_csv(index=False).splitlines()[2].endswith(",,,") and ",1,0.9," in frame.to_csv(index=False)
    assert "; seasonal naive's at step 1 rest on the values it has a forecast for" in step_units({"by_step": by_step})
    by_step[2]["seasonal"]["values_left_out"] = by_step[0]["seasonal"]["values_left_out"]
    assert "at steps 1 and 3 rest on" in step_units({"by_step": by_step})
    assert "values_left_out" not in step_frame(_by_step(3)).columns and "rest on" not in step_units({"by_step": _by_step(3)})


def test_a_step_whose_seasonal_naive_has_no_forecast_at_any_value_is_a_dash_not_nan():
    """Decision 2029: the by-step table wrote ``nan`` in each cell of such a step's seasonal naive row."""
    by_step = _by_step(3)
    for entry in by_step:
        entry["seasonal"] = {"mse": 0.5, "mae": 0.5, "mase": 0.25, "rmse": math.sqrt(0.5)}
    by_step[1]["seasonal"] = {"mse": math.nan, "mae": math.nan, "mase": math.nan, "rmse": math.nan,
                              "values_left_out": {"values": 4, "of": 4, "model": {}}}
    rows = step_rows({"by_step": by_step})
    [two] = [r for r in rows if r[:2] == ["2", "baseline: seasonal naive"]]
    assert two[2:] == ["-"] * 4 and not any("nan" in cell for row in rows for cell in row)
    said = step_units({"by_step": by_step})  # r38r1 LOW-1 (decision 2078): not "rest on the values it has a forecast for"
    assert "; seasonal naive has no forecast at step 2: its rows there are \"-\"" in said and "rest on" not in said
    by_step[0]["seasonal"]["values_left_out"] = {"values": 1, "of": 4, "model": {"mse": 0.9, "mae": 0.4, "rmse": 0.95}}
    said = step_units({"by_step": by_step})  # a step it lacks some values at, beside the one it has none at
    assert ("; seasonal naive's at step 1 rest on the values it has a forecast for, the model's on them in by_step.csv's "
            "model_mse_on_values; seasonal naive has no forecast at step 2: its rows there are \"-\";") in said
    for entry in by_step:
        entry["seasonal"] = by_step[1]["seasonal"]
    said = step_units({"by_step": by_step})
    assert "; seasonal naive has no forecast at any step: its rows are \"-\"; by_step.csv holds" in said

def test_one_step_has_no_table_and_the_terminal_names_the_part_and_where_each_step_is():
    """decision 2030: fit's and evaluate's tables by step are the backtest's (``step_text``), a part named after the
    title, MASE's season a part's ``mase_season``; a horizon of 1 has none (its one row is the overall table), by
    evaluate's words the steps are in --json's by_step, not a file it does not write."""
    assert step_rows({"by_step": _by_step(1)}) == [] and step_text({"by_step": _by_step(1)}) == ""
    text = step_text({"by_step": _by_step(3), "mase_season": 4}, "test split").splitlines()
    assert text[0] == ("Metrics by step ahead, test split (each step ahead, over every window and series; MSE, MAE, RMSE "
                       "in original units; by_step.csv holds each step's own):")
    assert text[1].split()[-1] == "4)" and len(text) == 3 + 3 * 2  # "MASE (season 4)"; head, rule, 3 steps x 2
    assert step_text({"by_step": _by_step(2)}).startswith("Metrics by step ahead (each step ahead")  # a backtest's
    by_step = _by_step(2)
    by_step[0]["repeat"]["values_left_out"] = {"values": 1, "of": 3, "model": {"mse": 0.9, "mae": 0.4, "rmse": 0.95}}
    said = step_units({"by_step": by_step}, "--json's by_step")
    assert said.endswith("the model's on them in --json's by_step; --json's by_step holds each step's own")
    assert "in by_step.csv's model_mse_on_values;" in step_units({"by_step": by_step})

def test_wql_and_msis_stand_beside_pinball_and_coverage_and_are_said_to_have_no_units():
    """Decision 2036: by_step's wql and msis_80 are columns of by_step.csv and of the page's table, in the order of
    every other table (pinball, wQL, coverage, MSIS), and the sentence says they have no units."""
    steps = [{"step": 1, "model": {"mse": 1.0, "mae": 1.0, "mase": 0.5, "rmse": 1.0, "pinball": 0.3, "coverage_80": 0.8,
                                   "wql": 0.02, "msis_80": 4.0, "by_level": {}},
              "repeat": {"mse": 2.0, "mae": 1.5, "mase": 0.7, "rmse": 1.4}}]
    steps = [*steps, {**steps[0], "step": 2}]  # two steps: one has no table (decision 2030)
    assert list(step_frame(steps).columns) == ["step", "forecaster", "mse", "mae", "rmse", "mase", "pinball", "wql",
                                               "coverage_80", "msis_80"]
    head, model, repeat, *_ = step_rows({"by_step": steps, "season": 1})
    assert head[-4:] == ["pinball", "wQL", "coverage 80%", "MSIS 80%"] and model[-3:] == ["0.020000", "0.8000", "4.0000"]
    assert repeat[-4:] == ["-"] * 4 and "wQL and MSIS have no units" in step_units({"by_step": steps})


def test_a_baseline_lacking_values_at_every_step_is_said_so_and_the_binned_header_says_how_rmse_is_binned():
    """t38t1 6, 7 (decision 2055): "seasonal naive's at steps 1, 2, 3, 4, 5 and 1 more rest on ..." named each of the
    six steps; and the binned header said a bin's score is the mean of its steps', while its RMSE is the root of the
    bin's mean MSE (2-3: 0.9611 = sqrt(0.924), the mean of the steps' RMSEs 0.8992)."""
    by_step = _by_step(6)
    for entry in by_step:
        entry["seasonal"] = {"mse": 0.5, "mae": 0.5, "mase": 0.25, "rmse": math.sqrt(0.5),
                             "values_left_out": {"values": 1, "of": 3, "model": {"mse": 0.9, "mae": 0.4}}}
    said = step_units({"by_step": by_step})
    assert "; seasonal naive's at every step rest on the values" in said and "more" not in said
    by_step[5]["seasonal"].pop("values_left_out")
    assert "at steps 1, 2, 3, 4 and 5 rest on" in step_units({"by_step": by_step})
    binned_head = step_units({"by_step": _by_step(20)})
    assert "its score the mean of its steps', its RMSE the root of their mean MSE)" in binned_head
    assert not any(math.isnan(s["seasonal"]["values_left_out"]) for _, s in binned(by_step))  # Int64 as floats


def test_a_baselines_interval_scores_on_fewer_values_are_counted_in_the_csv_and_said_under_the_table():
    """t39t3 M4 (decision 2139): a seasonal naive with an interval at 5 of 129 values per step showed coverage 0.0000
    beside the model's with no count; by_step.csv gets each row's ``interval_values``, the heading says the counts."""
    by_step = _by_step(3, bands=True)
    for entry in by_step:
        entry["model"]["by_level"] = {"values": 129}
        entry["repeat"].update(pinball=1.0, coverage_80=0.0, by_level={"values": 5},
                               intervals_left_out={"values": 124, "of": 129})
    by_step[2]["repeat"]["by_level"]["values"] = 3
    by_step[2]["repeat"]["intervals_left_out"]["values"] = 126
    frame = step_frame(by_step)
    assert list(frame.columns)[-1] == "interval_values" and str(frame["interval_values"].dtype) == "Int64"
    assert frame["interval_values"].tolist() == [129, 5, 129, 5, 129, 3]
    said = step_units({"by_step": by_step})
    assert ("repeat the last value's interval scores at every step rest on 3 to 5 of the 129 values per step it has "
            "an interval for") in said
    assert dict(binned(by_step))["1"]["repeat"]["coverage_80"] == 0.0  # the count is no score to bin
    assert "interval_values" not in step_frame(_by_step(3, bands=True)).columns
    assert "interval scores" not in step_units({"by_step": _by_step(3, bands=True)})


def test_baselines_of_the_same_interval_counts_are_said_together_and_one_with_none_left_to_its_dashes():
    by_step = _by_step(2, bands=True)
    for entry in by_step:
        entry["mean"] = {**entry["repeat"], "intervals_left_out": {"values": 58, "of": 129}}
        entry["repeat"]["intervals_left_out"] = {"values": 58, "of": 129}
        entry["seasonal"] = {**entry["repeat"], "intervals_left_out": {"values": 129, "of": 129}}
    said = step_units({"by_step": by_step})
    assert ("repeat the last value's and training mean's interval scores at every step rest on 71 of the 129 values "
            "per step each has an interval for") in said and "seasonal naive's interval" not in said
    assert step_frame(by_step).set_index("forecaster").loc["seasonal", "interval_values"].tolist() == [0, 0]
