"""A backtest's tables (``backtestpage.py``): a row per window and forecaster, then the overall rows, each score
written as fit's table writes it; the "Data and settings" of a backtest. The page itself: tests/test_report.py."""

from __future__ import annotations


def test_a_backtest_table_has_a_row_per_window_and_forecaster_then_the_overall_rows():
    from rnncast.backtestpage import backtest_rows

    scores = {"mse": 4.0, "mae": 1.0, "rmse": 2.0, "mase": 0.5, "smape_pct": 12.345678}
    scaled = {"model": {"mse": 0.123456}, "repeat": {"mse": 0.5}}
    m = {"windows": [{"window": 0, "first_step": ["2023-11-06 00:00:00", "2023-11-20 00:00:00"], "model": scores,
                      "repeat": scores, "scaled": scaled},
                     {"window": 1, "first_step": [90, 90], "model": scores, "repeat": scores, "scaled": scaled}],
         "overall": {"model": {**scores, "pinball": 0.25}, "repeat": scores}, "overall_scaled": scaled,
         "verdict_units": "scaled"}
    head, *rows = backtest_rows(m)
    assert head == ["window (first forecast step)", "forecaster", "MSE", "MSE (scaled)", "MAE", "RMSE", "MASE", "sMAPE %",
                    "pinball"]
    assert [r[:2] for r in rows] == [["0 (2023-11-06 to 2023-11-20)", "model"],
                                     ["0 (2023-11-06 to 2023-11-20)", "baseline: repeat the last value"],
                                     ["1 (90)", "model"], ["1 (90)", "baseline: repeat the last value"],
                                     ["overall", "model"], ["overall", "baseline: repeat the last value"]]
    assert rows[4][2:] == ["4.0000", "0.12346", "1.0000", "2.0000", "0.5000", "12.3457", "0.25000"] and rows[0][-1] == ""
    assert rows[1][2:4] == ["4.0000", "0.50000"]  # original units, as the by-step table's, then the verdict's (decision 2099)
    assert backtest_rows({**m, "verdict_units": "original"})[0][2] == "MSE"
    assert backtest_rows({**m, "verdict_units": "original"})[1][2] == "4.0000"
    assert backtest_rows({**m, "season": 4})[0][6] == "MASE (season 4)"  # as fit's and evaluate's tables head it


def test_a_backtest_table_writes_its_errors_as_fits_table_does_not_to_four_decimals():
    """backtest printed MAE and RMSE near a million as 93862.7833 and 1008173.0615 while fit's table wrote
    1.7645e+05: errors in the data's units now take fit's notation (``scoretext``: plain below 1e7, five significant
    digits), ratios four decimals."""
    from rnncast.cli.commands import score_tables
    from rnncast.backtestpage import backtest_rows

    scores = {"mse": 1.0164e12, "mae": 93862.7833, "rmse": 1008173.0615, "mase": 0.91234, "smape_pct": 12.345678,
              "coverage_80": 0.8125}
    m = {"windows": [], "overall": {"model": scores}, "verdict_units": "original"}
    head, row = backtest_rows(m)
    assert row[2:] == ["1.0164e+12", "93863", "1008173", "0.9123", "12.3457", "0.8125"]
    fit = score_tables({"original": {"model": {**scores, "r2": 0.5}}, "scaled": {"model": {**scores, "r2": 0.5}}}, 1)
    assert all(cell in fit for cell in ("1.0164e+12", "93863", "1008173"))  # the very same text as fit's


def test_a_backtests_data_table_says_where_its_static_covariates_came_from():
    """A backtest reading the values a run's model holds and one given another table both said only "size, region"
    (decision 617)."""
    from rnncast.backtestpage import backtest_facts

    m = {"calendar": None, "series": 3, "skipped_series": [], "n_windows": 2, "step": 3, "refit": False}
    run = {"target": ["y"], "static_covariates": ["size", "region"]}
    held = {"data": {"source": "f.csv", "static_held": True, "from_run": "runs/r1"}, "run": run, "settings": {}}
    given = {"data": {"source": "f.csv", "static": "other.csv"}, "run": run, "settings": {}}
    assert dict(backtest_facts(held, m)[1:])["static covariates"] == "size, region, the values the model of runs/r1 holds"
    assert dict(backtest_facts(given, m)[1:])["static covariates"] == "size, region, from the table other.csv"


def test_a_window_every_series_lacks_a_row_of_is_labelled_left_out():
    """One series lacking 2024-03: its last window is not forecast (``calendarcuts``), its row read nan unexplained."""
    from rnncast.backtestpage import backtest_rows

    nan = {"mse": float("nan"), "mae": float("nan"), "rmse": float("nan"), "mase": float("nan"), "smape_pct": float("nan")}
    m = {"windows": [{"window": 2, "first_step": ["2024-01-31", "2024-01-31"], "left_out": True, "model": nan}],
         "overall": {"model": nan}, "verdict_units": "original"}
    assert backtest_rows(m)[1] == ["2 (2024-01-31)", "left out: a row missing", "", "", "", "", ""]  # True: before 1225


def test_a_window_left_out_of_the_scores_is_one_row_saying_why_not_rows_of_nan():
    """A tester's backtest (interpolated gaps, 4 windows) printed a row of nan for window 1's model and each baseline,
    the reason in a paragraph elsewhere: one row says it, its cells blank; the other windows' rows are as before."""
    from rnncast.backtestpage import backtest_rows

    nan = {"mse": float("nan"), "mae": float("nan"), "rmse": float("nan"), "mase": float("nan"), "smape_pct": float("nan")}
    scores = {"mse": 118.7, "mae": 10.213, "rmse": 10.896, "mase": 1.7, "smape_pct": 6.8}
    m = {"windows": [{"window": 0, "first_step": ["2020-01-01"] * 2, "model": scores, "repeat": scores},
                     {"window": 1, "first_step": ["2020-07-01"] * 2, "left_out": "inputs filled from later rows",
                      "model": nan, "repeat": nan}],
         "overall": {"model": scores, "repeat": scores}, "verdict_units": "original"}
    rows = backtest_rows(m)[1:]
    assert [r[:2] for r in rows] == [["0 (2020-01-01)", "model"], ["0 (2020-01-01)", "baseline: repeat the last value"],
                                     ["1 (2020-07-01)", "left out: inputs filled from later rows"],
                                     ["overall", "model"], ["overall", "baseline: repeat the last value"]]
    assert rows[2][2:] == [""] * 5 and not any("nan" in cell for row in rows for cell in row)


def test_hourly_windows_are_labelled_in_one_form_a_midnight_with_its_time_not_as_a_bare_date():
    """A tester's run labelled hourly windows ``0 (2024-10-26 21:00:00)``, ``1 (2024-10-27)``: a window starting at
    midnight lost its time; a table of days keeps dropping it."""
    from rnncast.backtestpage import backtest_rows

    scores = {"mse": 4.0, "mae": 1.0}
    hours = [["2024-10-26 21:00:00", "2024-10-26 21:00:00"], ["2024-10-27 00:00:00", "2024-10-27 00:00:00"]]
    rows = backtest_rows({"windows": [{"window": j, "first_step": s, "model": scores} for j, s in enumerate(hours)],
                          "overall": {"model": scores}})[1:]
    assert [r[0] for r in rows[:2]] == ["0 (2024-10-26 21:00:00)", "1 (2024-10-27 00:00:00)"]
    days = [["2024-10-26 00:00:00"] * 2, ["2024-10-27 00:00:00"] * 2]
    rows = backtest_rows({"windows": [{"window": j, "first_step": s, "model": scores} for j, s in enumerate(days)],
                          "overall": {"model": scores}})[1:]
    assert [r[0] for r in rows[:2]] == ["0 (2024-10-26)", "1 (2024-10-27)"]


def test_a_backtest_table_of_a_few_large_series_says_whose_its_original_units_are():
    """A panel whose 'big' series is 1,000 times the others: the interval line said the pinball loss was mostly
    'big''s, while the table's MAE, RMSE and pinball columns (original units) said only "in original units"."""
    from rnncast.backtestpage import backtest_units

    scores = {"mse": 4.0, "mae": 1.0, "rmse": 2.0, "mase": 0.5, "smape_pct": 12.3}
    m = {"windows": [], "overall": {"model": scores}, "verdict_units": "scaled", "scaled_by": "scale",
         "pooled": {"series": ["big"], "share": 0.99999, "of": 5}}
    assert backtest_units(m).startswith("MSE, MAE, RMSE in original units, pooling the series in their own units: "
                                        "'big' holds >99.9% of the model's squared error; MSE (scaled) in scaled "
                                        "units, as the verdict weighs it; MASE and sMAPE compare across scales")
    m["overall"]["model"] = {**scores, "pinball": 0.3}
    m["pooled"] = {"series": ["big", "huge"], "share": 0.95, "of": 8, "pinball_share": 0.912}
    assert ("MSE, MAE, RMSE, pinball in original units, pooling the series in their own units: 'big' and 'huge' hold "
            "95.0% of the model's squared error and 91.2% of its pinball loss; MSE (scaled)") in backtest_units(m)
    assert "pooling" not in backtest_units({**m, "pooled": None})  # spread over the series: nothing to say


def test_the_series_row_counts_the_series_left_out_by_reason():
    """Decision 1568 (r32r1 MED 4): a backtest's series the fit had left out (no static covariates held, decision 1524)
    were counted "3 backtested, 1 too short" beside the paragraph that says why; each reason is counted apart."""
    from rnncast.backtestpage import backtest_facts
    from rnncast.heldrows import NO_STATIC

    records = [{"id": "s_short", "rows": 20, "needed": None, "reason": NO_STATIC}, {"id": "a", "rows": 9, "needed": 14},
               {"id": "b", "rows": 90, "needed": 14, "cutoff_rows": [5, 85], "cutoff_needs": [14, 3]},
               {"id": "c", "rows": 8, "needed": 14, "reason": "too short to train"},  # an older run's words
               {"id": "d", "rows": 7, "needed": 14, "reason": "too short for this backtest"}]  # decision 1582
    config = {"data": {"source": "f.csv"}, "run": {"target": ["y"]}, "settings": {}}
    m = {"calendar": None, "series": 3, "skipped_series": records, "n_windows": 2, "step": 3, "refit": False}
    assert dict(backtest_facts(config, m)[1:])["series"] == (
        "3 backtested, 1 left out by the fit, 3 too short, 1 too few rows at the cutoff")
    assert dict(backtest_facts(config, {**m, "skipped_series": []})[1:])["series"] == "3 backtested"
    from rnncast.backtestpage import left_out  # decision 1933: b's own lack, "too few rows up to the cutoff", listed
    assert "Too few rows up to the cutoff or after it, left out: 'b' (5 up to the cutoff, 85 after)." in left_out(records)


def test_the_page_puts_the_overall_rows_first_then_each_windows_in_the_whole_tables_notation():
    """report.html put 2,000 per-window rows of 500 windows above the overall ones (decision 1563 left it); the page now
    shows the overall rows first, then the per-window table (decision 1603), each column written as in the one table."""
    from rnncast.backtestpage import backtest_rows, overall_first

    small, large = {"mse": 4.0, "mae": 1.0, "rmse": 2.0, "mase": 0.5, "smape_pct": 12.0}, {
        "mse": 4e13, "mae": 1e7, "rmse": 2e7, "mase": 0.5, "smape_pct": 12.0}
    m = {"windows": [{"window": 0, "first_step": [1, 1], "model": large}, {"window": 1, "first_step": [2, 2],
                                                                           "model": small}],
         "overall": {"model": small}, "overall_by_target": {"hum": {"original": {"model": small}, "scaled": {}}},
         "verdict_units": "original"}
    rows = backtest_rows(m)
    overall, each = overall_first(rows)
    assert overall[0] == ["target", *rows[0][1:]] and each[0] == rows[0]  # not "windows" over "overall" (decision 1656)
    assert [r[0] for r in overall[1:]] == ["all (their mean)", "'hum'"] and [r[1:] for r in overall[1:]] == [
        r[1:] for r in rows[3:]]
    assert [r[0] for r in each[1:]] == ["0 (1)", "1 (2)"] and each[1:] == rows[1:3]
    assert overall_first(backtest_rows({**m, "windows": []}))[1] == [rows[0]]  # no window: the head alone


def test_one_target_s_overall_table_has_no_column_of_overall():
    """The backtest page's "Metrics overall" table headed its first column "windows" and filled it with "overall" on
    every row, where a run's page counts windows in a "windows" column (a newcomer's find, decision 1656)."""
    from rnncast.backtestpage import backtest_rows, overall_first

    score = {"mse": 4.0, "mae": 1.0, "rmse": 2.0, "mase": 0.5, "smape_pct": 12.0}
    m = {"windows": [{"window": 0, "first_step": [1, 1], "model": score, "mean": score}],
         "overall": {"model": score, "mean": score}, "verdict_units": "original"}
    rows = backtest_rows(m)
    overall, each = overall_first(rows)
    assert overall == [rows[0][1:], *[row[1:] for row in rows[3:]]] and overall[0][0] == "forecaster"
    assert [row[0] for row in overall[1:]] == ["model", "baseline: training mean"] and each == rows[:3]


def test_the_pages_left_out_paragraph_names_the_first_few_and_counts_the_rest():
    """An M5-like backtest's page listed all 100 series too short in one paragraph above its metrics (t34t2 L7); it
    names the first ten of each reason, counts the rest and says where every one is (decision 1708)."""
    from rnncast import heldrows
    from rnncast.backtestpage import NAMED, left_out

    short = [{"id": f"F{n:04d}", "rows": 30, "needed": 177, "reason": "too short for this backtest"} for n in range(100)]
    held = [{"id": "H1", "rows": 40, "needed": None, "reason": heldrows.NO_STATIC}]
    said = left_out(short + held)
    assert said.startswith("Too short to backtest, left out: F0000 (30 rows, needs 177), F0001 (30 rows, needs 177)")
    assert f"F{NAMED - 1:04d} (30 rows, needs 177) and {100 - NAMED} more." in said and f"F{NAMED:04d}" not in said
    assert "Left out by the fit, so without the static covariates the model holds: H1." in said
    assert said.endswith("All 101, each with its rows and reason, are in metrics.json's skipped_series.")
    few = left_out(short[:3])
    assert few == ("Too short to backtest, left out: F0000 (30 rows, needs 177), F0001 (30 rows, needs 177), F0002 (30 "
                   "rows, needs 177).")  # a few: each named, as before


def test_a_backtests_baseline_without_intervals_shows_a_dash_in_the_quantile_columns():
    """A climatology row beside a quantile model's pinball and coverage was blank there, read as a cell lost in the
    layout; fit's, evaluate's and compare's tables write '-' (decision 1814)."""
    from rnncast.backtestpage import backtest_rows

    point = {"mse": 4.0, "mae": 1.5, "rmse": 2.0, "mase": 0.9, "smape_pct": 12.0}
    m = {"windows": [], "overall": {"model": {**point, "pinball": 0.5, "coverage_80": 0.8}, "climatology": point},
         "verdict_units": "original"}
    head, model, climatology = backtest_rows(m)
    assert head[-2:] == ["pinball", "coverage 80%"] and model[-2:] == ["0.50000", "0.8000"]
    assert climatology[1:] == ["baseline: climatology", "4.0000", "1.5000", "2.0000", "0.9000", "12.0000", "-", "-"]


def test_a_backtests_training_time_is_the_loop_as_fits_and_the_models_making_is_named_beside_it():
    """t37t2 7: fit's "trained ... in 6.7 s" timed the loop, backtest's "training 42.4 s" the whole making of the model
    with the same settings (decision 1970)."""
    from rnncast.backtestpage import seconds_said

    assert seconds_said({"fit": 42.44, "train": 6.71, "predict": 0.523}) == (
        "training 6.7 s (42.4 s in all to make the models: their windows, scalers, baselines and any quantile head's "
        "start besides), forecasting 0.52 s")
    assert seconds_said({"fit": 42.44, "predict": 0.523}) == "making the models 42.4 s, forecasting 0.52 s"  # saved before


def test_a_window_whose_seasonal_naive_has_no_forecast_is_a_dash_said_under_the_table():
    """Decision 2029: a backtest window whose every value's step a season back is missing wrote its seasonal naive row
    "nan"; it is "-" now, and ``dashed`` gives the line the terminal and the page put under the table."""
    from rnncast.backtestpage import backtest_rows, dashed

    scores = {"mse": 4.0, "mae": 1.0, "rmse": 2.0, "mase": 0.5, "smape_pct": 12.0}
    nan = float("nan")
    gone = {**dict.fromkeys(scores, nan), "values_left_out": {"values": 3, "of": 3, "model": {}}}
    m = {"windows": [{"window": 0, "first_step": [90, 90], "model": scores, "seasonal": gone},
                     {"window": 1, "first_step": [91, 91], "model": scores, "seasonal": scores}],
         "overall": {"model": scores, "seasonal": scores}, "verdict_units": "original", "season": 7}
    rows = backtest_rows(m)
    assert rows[2][2:] == ["-"] * 5 and not any("nan" in cell for row in rows for cell in row)
    assert dashed(m).startswith("\"-\" in a window's 'seasonal naive' row: it has no forecast at any value of that "
                                "window (every value's step a season (7 calendar steps) back is missing")
    assert dashed({**m, "windows": m["windows"][1:]}) is None
    assert dashed(m, windows=False) is None  # the windows' rows not shown: no note of them (decision 2080)
    assert dashed({**m, "overall": {"model": scores, "seasonal": gone}}, windows=False).startswith(
        "\"-\" in the 'seasonal naive' row: it has no forecast at any of the 3 values scored")


def test_a_backtests_coverage_and_msis_columns_are_widest_first_as_every_other_table():
    """t38t7 7: one order of the interval columns in every table, widest first (decision 2068)."""
    from rnncast.backtestpage import backtest_rows

    point = {"mse": 4.0, "mae": 1.5, "rmse": 2.0, "mase": 0.9, "smape_pct": 12.0}
    model = {**point, "pinball": 0.5, "coverage_80": 0.8, "msis_80": 3.0, "coverage_90": 0.9, "msis_90": 4.0}
    head = backtest_rows({"windows": [], "overall": {"model": model}, "verdict_units": "original"})[0]
    assert head[-5:] == ["pinball", "coverage 90%", "coverage 80%", "MSIS 90%", "MSIS 80%"]
