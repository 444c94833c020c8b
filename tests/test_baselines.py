"""The baselines every model is shown beside (``baselines.py``): repeat the last value, the
training mean, and the seasonal naive forecast, from the same windows the model sees."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import TINY
from rnncast.baselinebands import point_forecasts
from rnncast.baselines import NAMES, seasonal_naive

L, H = TINY["lookback"], TINY["horizon"]


def test_each_baseline_on_hand_made_windows():
    x = np.arange(2 * 6 * 2, dtype=np.float32).reshape(2, 6, 2)  # [W, L, C]: target column 0, a feature column 1
    values = x.reshape(-1, 2)  # [N, C] stacked: window w's first target is row 6 * w + 6 (one past its inputs)
    flat = point_forecasts(values, np.array([6, 12]), np.array([0, 0]), np.array([[7.5]]), 3, 1, 1)
    assert np.array_equal(flat["repeat"], np.repeat(x[:, -1:, :1], 3, axis=1))  # [W, H, T]
    assert flat["repeat"].shape == (2, 3, 1)
    assert np.array_equal(flat["mean"], np.full((2, 3, 1), 7.5))
    season = seasonal_naive(x, 5, 1, period=2)  # the last season (steps 4, 5), repeated
    assert np.array_equal(season[0, :, 0], x[0, [4, 5, 4, 5, 4], 0])
    assert np.array_equal(seasonal_naive(x, 2, 1, period=3)[1, :, 0], x[1, [3, 4], 0])  # a horizon shorter than the season


def test_the_seasonal_baseline_past_one_season_is_the_windows_last_season_not_the_value_one_season_ago():
    """A tester's find: README and the glossary said "the value one season ago", which for a horizon past the season
    is a value after the window's end; step h (from 1) of the target at row t + h - 1 is y[t + h - 1 - season *
    ceil(h / season)] (t the first target's row)."""
    y = np.arange(20.0)
    x, t, period = y[None, :12, None], 12, 3
    hand = [y[t + h - 1 - period * -(-h // period)] for h in range(1, 8)]
    assert seasonal_naive(x, 7, 1, period)[0, :, 0].tolist() == hand == [9, 10, 11, 9, 10, 11, 9]


def _hand_windows(data):
    y = data["y"].to_numpy(np.float32).astype(np.float64)
    starts = np.arange(len(y) - L - H + 1)
    truth = y[starts[:, None] + L + np.arange(H)]  # [W, H]
    last = y[starts + L - 1][:, None]  # [W, 1], the last input value
    return y, truth, last


def test_repeat_baseline_mse_matches_a_hand_computation(fitted, data):
    _, truth, last = _hand_windows(data)
    expected = np.mean((truth - last) ** 2)
    assert fitted.evaluate(data, part="all")["original"]["repeat"]["mse"] == pytest.approx(expected, rel=1e-5)


def test_mean_baseline_predicts_the_training_mean(fitted, data):
    y, truth, _ = _hand_windows(data)
    expected = np.mean((truth - y[: fitted.split_.val_end].mean()) ** 2)  # every row before the cutoff (decision 2174)
    assert fitted.evaluate(data, part="all")["original"]["mean"]["mse"] == pytest.approx(expected, rel=1e-5)


def test_every_place_people_read_names_a_baseline_the_same_way():
    """The verdict said "4259 for the best baseline (mean)", the tables "baseline: mean" and the legends
    "baseline: training mean": each now reads the field's term from ``NAMES`` (metrics.json keeps the keys)."""
    from rnncast.cli.commands import score_tables
    from rnncast.plots import baseline_label
    from rnncast.reportpage import metric_rows
    from rnncast.verdicts import headline, verdict

    assert NAMES == {"repeat": "repeat the last value", "mean": "training mean", "seasonal": "seasonal naive",
                     "climatology": "climatology"}  # decision 1605
    one = {"mse": 2.0, "mae": 1.0, "rmse": 1.4, "r2": 0.1, "mase": 1.0}
    test = {"original": {"model": {**one, "mse": 1.0}, "repeat": {**one, "mse": 3.0}, "mean": one, "seasonal": one,
                         "climatology": {**one, "mse": 2.5}},
            "windows": 5, "significance": {n: {"p_value": 0.001} for n in ("repeat", "mean", "seasonal", "climatology")}}
    test["scaled"] = test["original"]
    good, sentence = verdict(test)
    assert good and "for the best baseline (training mean)" in sentence
    assert "for the best (training mean)" in headline(test)
    table = score_tables(test, 4)
    rows = [r[1] for r in metric_rows({"test": test}, "original")[1:]]
    for key, name in NAMES.items():
        assert f"baseline: {name}" in table and f"baseline: {name}" in rows
        assert baseline_label(key, 4).startswith(f"baseline: {name}")
    assert baseline_label("seasonal", 4) == "baseline: seasonal naive (season 4)"
    test["significance"]["mean"]["p_value"] = 0.5
    assert "for the 'training mean' baseline" in verdict(test)[1]


def test_the_seasonal_baseline_is_spelled_one_way_wherever_the_package_says_it():
    """The notes and refusals said "seasonal naive" (decision 945) while help(Forecaster.evaluate), the module
    docstrings and the season-span warning still wrote "seasonal-naive" and "(seasonal-)naive": one spelling, the
    baselines' name, in every docstring, comment and message of the package."""
    from pathlib import Path

    import rnncast

    hyphened = [f"{path.name}:{n}" for path in sorted(Path(rnncast.__file__).parent.rglob("*.py"))
                for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if "seasonal-naive" in line.lower() or "(seasonal-)" in line.lower()]
    assert NAMES["seasonal"] == "seasonal naive" and not hyphened
