"""Tests of backtestfolder: a backtest's folder, written whole even where its figure cannot be drawn."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

import rnncast.backtestfolder
from conftest import PNG_SIGNATURE, TINY
from rnncast import Forecaster
from rnncast.backtestfolder import write_backtest


def _zoned_gap() -> pd.DataFrame:
    """Hourly Europe/Berlin values with the row missing that is the cutoff of the last window but one (of 3, 3
    steps apart): that window is left out, forecasts.csv holds no row of it."""
    t = pd.date_range("2024-10-10", periods=160, freq="h", tz="Europe/Berlin")
    y = 50 + 10 * np.sin(2 * np.pi * t.hour / 24) + np.random.default_rng(0).normal(0, 1, len(t))
    return pd.DataFrame({"ds": t, "y": y}).drop(index=len(t) - 7)


def test_a_zoned_backtest_with_quantiles_and_a_window_left_out_writes_its_whole_folder(tmp_path):
    """backtest --quantiles on a zoned series whose one window was left out raised a TypeError in backtest.png's
    bands after the training, and nothing was written (a tester's zgap.csv): the window is not drawn now and every
    file is written (decision 1819)."""
    result = Forecaster(**{**TINY, "epochs": 1, "quantiles": (0.1, 0.5, 0.9)}).backtest(_zoned_gap(), n_windows=3)
    assert sorted(set(result.forecasts["window"])) == [0, 2]  # window 1 left out: no row
    write_backtest(tmp_path / "bt", result, dict(TINY))
    assert (tmp_path / "bt" / "backtest.png").read_bytes()[:8] == PNG_SIGNATURE
    page = (tmp_path / "bt" / "report.html").read_text()
    assert "was not drawn" not in page and "<h2>Metrics by step ahead</h2>" in page  # decision 2002
    steps = pd.read_csv(tmp_path / "bt" / "by_step.csv")
    assert {"pinball", "coverage_80"} <= set(steps.columns) and list(steps["step"].unique()) == [1, 2, 3]
    assert steps["forecaster"].iloc[0] == "model" and steps["forecaster"].nunique() > 1  # the model, then the baselines


def test_a_figure_that_fails_loses_only_itself_the_tables_and_page_are_written(tmp_path, monkeypatch):
    """Any fault in drawing backtest.png lost the metrics and forecasts already computed: it is warned of in
    metrics.json's notes and on the page, and every other file is written (decision 1819)."""
    y = np.sin(np.arange(120) / 4.0)
    result = Forecaster(**{**TINY, "epochs": 1}).backtest(y, n_windows=2)

    def broken(*args, **kwargs):
        raise TypeError("ufunc 'isfinite' not supported for the input types")

    monkeypatch.setattr(rnncast.backtestfolder, "backtest_drawn", broken)
    write_backtest(tmp_path / "bt", result, dict(TINY))
    names = sorted(p.name for p in (tmp_path / "bt").iterdir())
    assert names == ["by_step.csv", "config.json", "forecasts.csv", "metrics.json", "report.html"]
    written = json.loads((tmp_path / "bt" / "metrics.json").read_text())
    assert written["format_version"] == 1  # its first key, as config.json's (decision 2185)
    notes = written["notes"]
    assert any(n["text"].startswith("backtest.png was not drawn (TypeError") for n in notes)
    page = (tmp_path / "bt" / "report.html").read_text()
    assert "backtest.png was not drawn: a fault in rnncast" in page and "<img" not in page


def test_the_seconds_line_capitalises_its_first_letter_only():
    """r37r2 9: ``str.capitalize`` lowercased the rest of the sentence, a unit or a name in it (decision 2019)."""
    from rnncast import backtestfolder

    assert backtestfolder._first_up("training 6.7 s (NYSE's MB)") == "Training 6.7 s (NYSE's MB)"
    assert backtestfolder._first_up("") == ""


def _short_series_panel() -> pd.DataFrame:
    """Three long series and one of 32 rows, whose 9 training windows are too few for 0.05 and 0.95 intervals."""
    from conftest import make_panel

    frame = make_panel(3, lengths=(100, 140), scales=(0.1, 100.0), seed=4)
    return pd.concat([frame, frame[frame.unique_id == "s002"].head(32).assign(unique_id="short")])


def test_the_overall_and_by_step_tables_count_the_values_a_baselines_interval_scores_rest_on(tmp_path):
    """t39t3 M4 (decision 2139): the page's overall and by-step tables showed the baselines' coverage from a handful
    of values with no count; a line under the overall table and the by-step paragraph say the counts, and by_step.csv
    holds each row's ``interval_values``."""
    quantiles = (0.05, 0.5, 0.95)
    result = Forecaster(**{**TINY, "epochs": 1, "quantiles": quantiles}).backtest(_short_series_panel(), n_windows=2)
    left = result.metrics["overall"]["repeat"]["intervals_left_out"]
    write_backtest(tmp_path / "bt", result, dict(TINY))
    page = (tmp_path / "bt" / "report.html").read_text().replace("&#x27;", "'")
    line = f"fewer than the model's {left['of']} values: 'repeat the last value' {left['of'] - left['values']}"
    assert line in page and page.index(line) < page.index("<h2>Metrics by step ahead</h2>")
    assert "repeat the last value's and training mean's interval scores at every step rest on" in page
    steps = pd.read_csv(tmp_path / "bt" / "by_step.csv")
    model, repeat = (steps.loc[steps["forecaster"] == n, "interval_values"] for n in ("model", "repeat"))
    assert model.sum() == left["of"] and repeat.sum() == left["of"] - left["values"]
