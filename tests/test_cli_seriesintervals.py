"""The interval columns of evaluate --by-series's table and the lines under them (cli/seriesintervals.py)."""

from __future__ import annotations

from test_kupiec import one_step
from rnncast.cli.byseries import series_text
from rnncast.cli.seriesintervals import columns, interval_names, unitless, worst_levels


def _result(n: int) -> dict:
    """``evaluate(by_series=True)``'s ``series`` for ``n`` series, model MASE 0.1 to n/10."""
    return {"series": {f"s{s}": {"windows": 4, "model": {"mse": 1.0, "mae": 1.0, "rmse": 1.0, "r2": 0.5, "mase": s / 10},
                                 "repeat": {"mse": 2.0, "mae": 1.0, "rmse": 1.4, "r2": 0.1, "mase": 1.0}}
                       for s in range(1, n + 1)}}


def _levels(below: dict, values: int = 1624) -> dict:
    return one_step({"by_level": {level: {"below": share, "tied": 0.0, "pinball": 1.0} for level, share in below.items()}
                     | {"values": values}})["by_level"]


def test_each_series_shows_wql_and_msis_in_the_overall_tables_order_widest_interval_first():
    """Decision 2096: the by-series table showed pinball and coverage but not the wQL and MSIS the overall table of a
    quantile run shows, so the series with the bad intervals could not be found by them; now
    ``pinball wQL 90% covers 80% covers MSIS 90% MSIS 80%`` whatever the order of a series' block, a baseline
    without intervals "-" in each."""
    result = _result(2)
    for s, name in enumerate(result["series"], 1):
        result["series"][name]["model"].update(pinball=1.5, msis_80=3.25 * s, coverage_80=0.8, wql=0.0425 * s,
                                               msis_90=4.5 * s, coverage_90=0.9)
    text = series_text(result)
    lines = text.splitlines()
    assert lines[0].startswith("each series (its original units; wQL and MSIS have no units; highest model MASE first")
    assert lines[1].split()[-10:] == ["pinball", "wQL", "90%", "covers", "80%", "covers", "MSIS", "90%", "MSIS", "80%"]
    assert lines[3].split()[0] == "s2" and lines[3].split()[-6:] == [
        "1.5000", "0.085000", "0.9000", "0.8000", "9.0000", "6.5000"]  # s2, the highest model MASE first
    assert lines[4].split()[-6:] == ["-"] * 6  # the baseline without intervals


def test_a_run_saved_before_wql_shows_pinball_and_coverage_alone_and_a_point_model_none():
    series = _result(1)["series"]
    series["s1"]["model"].update(pinball=1.0, coverage_80=0.8)
    assert interval_names(series, ["s1"]) == ["pinball", "coverage_80"]
    assert unitless(["pinball", "80% covers"]) == "" and unitless(["wQL"]) == "; wQL has no units"
    assert columns(_result(1)["series"], ["s1"], [{}], [{}]) == ([], [])


def test_the_columns_follow_the_interval_keys_then_each_unpaired_levels_share():
    series = _result(1)["series"]
    series["s1"]["model"].update(pinball=1.0, wql=0.1, coverage_80=0.8, msis_80=3.0,
                                 by_level=_levels({"0.1": 0.1, "0.5": 0.52, "0.9": 0.9}))
    heads, cells = columns(series, ["s1"], [series["s1"]["model"]], [series["s1"]["model"]])
    assert heads == ["pinball", "wQL", "80% covers", "MSIS 80%", "≤q0.5"]
    assert cells == [["1.0000"], ["0.10000"], ["0.8000"], ["3.0000"], ["0.5200"]]


def test_each_series_levels_are_tested_once_for_the_furthest_line_whatever_the_levels(monkeypatch):
    """r36r4: ``worst_levels`` ran ``calibration.far_levels`` on every series once per level, though each run tests
    every level: levels² x series binomial tests (decision 1946). One run per series now, the same line."""
    from rnncast import calibration

    result = {"series": {f"store{s:04d}": {"windows": 4, "model": {"mse": 1.0}} for s in range(1, 4)}}
    for name, (half, high, top) in zip(result["series"], ((0.49, 0.901, 0.95), (0.5, 0.854, 0.925), (0.51, 0.899, 0.99))):
        result["series"][name]["model"].update(pinball=1.0, by_level=_levels({"0.5": half, "0.9": high, "0.95": top}))
    tested, far_levels = [], calibration.far_levels
    monkeypatch.setattr(calibration, "far_levels", lambda model: tested.append(1) or far_levels(model))
    line = worst_levels(result["series"], ["0.5", "0.9", "0.95"])
    assert len(tested) == 3 and line.startswith("furthest from their levels: 0.9 in series 'store0002', 85.4% of its "
                                                "values at or below it (1 of 3 series far from 90%); 0.95 in series")
