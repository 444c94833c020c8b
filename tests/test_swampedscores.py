"""A scored value far outside the rest whose windows hold most of the squared error (``swampedscores.py``): warned of."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster
from rnncast.swampedscores import _far, cut_at, find, split_of, warn
from rnncast.windowforecasts import WindowForecasts
from rnncast.windows import Split

LOOKBACK, HORIZON = 14, 3


def _daily(n: int = 400, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    y = 100 + 10 * np.sin(np.arange(n) * 2 * np.pi / 7) + rng.normal(0, 2, n)
    return pd.DataFrame({"date": pd.date_range("2024-01-01", periods=n, freq="D"), "y": y})


@pytest.fixture(scope="module")
def model():
    return Forecaster(**{**TINY, "lookback": LOOKBACK, "horizon": HORIZON, "epochs": 1}).fit(_daily(), target="y")


def _said(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "rnncast.swampedscores"]


def test_evaluate_and_backtest_say_a_value_whose_windows_hold_the_squared_error(model, caplog):
    """A tester's 1e5 in a test row of a daily series near 100 (float32 holds it: not refused) was scored without a
    word, one row holding nearly all of the test squared error; evaluate's warning of values beyond the fit's did
    not fire. Evaluate and backtest now say it once: the value, its date and split, the share, what to do."""
    frame = _daily()
    frame.loc[380, "y"] = 1e5
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        result = model.evaluate(frame)
    said = _said(caplog)
    assert len(said) == 1 and said[0].startswith("column 'y' holds 100000 at 2025-01-15 (a test row), far outside the "
                                                 "range of most of its values (")
    assert "the test windows that read or score it hold 99.9% of the model's squared error and at least 99.9% of each " \
           "baseline's, so MSE and RMSE measure that value more than the forecasts" in said[0]
    assert "correct it or leave it blank (fill=, --fill); if real, judge the model by MAE or MASE" in said[0]
    assert result["original"]["model"]["mse"] > 1e7  # scored as given: a warning, not a refusal
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        Forecaster(**{**TINY, "lookback": LOOKBACK, "horizon": HORIZON, "epochs": 1}).backtest(frame, n_windows=10,
                                                                                               target="y")
    said = _said(caplog)
    assert len(said) == 1 and said[0].startswith("column 'y' holds 100000 at 2025-01-15 (a row after the first cutoff)")


def test_a_burst_and_a_validation_row_are_said_with_their_extent_and_split(model, caplog):
    frame = _daily()
    frame.loc[380:382, "y"] = 1e5  # float32 holds three: not refused (resolution)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.evaluate(frame)
    said = _said(caplog)
    assert said[0].startswith("column 'y' holds 100000 at 2025-01-15 (a test row), one of 3 such values in a row from "
                              "2025-01-15 to 2025-01-17, far outside") and "read or score them" in said[0]
    caplog.clear()
    frame = _daily()
    frame.loc[[380, 381, 382], "y"] = [5e4, 6e4, 5.5e4]  # a tester's: the furthest in the middle, its start named
    frame.loc[[386], "y"] = 5.2e4
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.evaluate(frame)
    assert _said(caplog)[0].startswith("column 'y' holds 60000 at 2025-01-16 (a test row), one of 4 such values from "
                                       "2025-01-15 to 2025-01-21, far outside")
    caplog.clear()
    frame = _daily()
    frame.loc[300, "y"] = -1e5
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.evaluate(frame, part="val")
    assert _said(caplog)[0].startswith("column 'y' holds -100000 at 2024-10-27 (a validation row), far outside")


def test_the_command_line_says_it_once_in_fit_evaluate_and_backtest(tmp_path, capsys, caplog):
    """``rnncast fit`` scores its validation and test parts (and its plot forecasts the test part again): said once,
    kept in metrics.json's notes; ``rnncast evaluate`` and ``rnncast backtest`` say it too, exit 0."""
    import json

    from test_cli import cli

    frame = _daily()
    frame.loc[380, "y"] = 1e5
    frame.to_csv(tmp_path / "d.csv", index=False)
    small = ["--target", "y", "--lookback", str(LOOKBACK), "--horizon", str(HORIZON), "--hidden-size", "8", "--epochs",
             "1", "--device", "cpu"]
    said = "column 'y' holds 100000 at 2025-01-15 {}, far outside the range of most of its values"
    for args, part in ((("fit", tmp_path / "d.csv", "--out", tmp_path / "run", *small), "(a test row)"),
                       (("evaluate", tmp_path / "run", tmp_path / "d.csv"), "(a test row)"),
                       (("backtest", tmp_path / "d.csv", "--out", tmp_path / "bt", "--n-windows", "10", *small),
                        "(a row after the first cutoff)")):
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="rnncast"):
            code, _, err = cli(capsys, *args)
        assert code == 0 and [s[: len(said.format(part))] for s in _said(caplog)] == [said.format(part)], err
        if args[0] == "fit":
            notes = json.loads((tmp_path / "run" / "metrics.json").read_text())["notes"]
            assert sum(said.format(part) in n["text"] for n in notes) == 1


def test_fit_says_it_once_though_its_validation_and_test_rows_each_hold_one(tmp_path, capsys, caplog):
    """A tester's retail series: a peak in the validation rows and one in the test rows; fit scores both parts and
    says each part's once, naming which windows each share is of (decision 2271: once per call had said the
    validation share alone, read as the test table's)."""
    from test_cli import cli

    frame = _daily()
    frame.loc[[300, 380], "y"] = 1e5
    frame.to_csv(tmp_path / "d.csv", index=False)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        code, _, err = cli(capsys, "fit", tmp_path / "d.csv", "--out", tmp_path / "run", "--target", "y", "--lookback",
                           str(LOOKBACK), "--horizon", str(HORIZON), "--hidden-size", "8", "--epochs", "1", "--device",
                           "cpu")
    said = _said(caplog)
    assert code == 0 and len(said) == 2, err
    assert "the validation windows that read" in said[0] and "the test windows that read" in said[1]


def test_a_peak_like_those_the_rows_before_hold_is_not_called_a_possible_error(model, caplog):
    """A tester's daily retail series with a Black Friday six times the rest every year was told of each year's
    peak "if wrong, correct it or leave it blank". Where the rows before the scored windows hold values as far out
    (half as far at least, on the same side), the warning says so, and what to judge by, not that it may be wrong."""
    frame = _daily()
    frame.loc[[60, 160, 161, 260, 360], "y"] = 600.0  # every hundred days, the last in a test row
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.evaluate(frame)
    said = _said(caplog)
    assert len(said) == 1 and said[0].startswith("column 'y' holds 600 at 2024-12-26 (a test row), far outside the "
                                                 "range of most of its values (")
    assert ("; the rows before hold 3 values as far up (2024-03-01, 2024-06-09, 2024-09-17), each about 100 rows "
            "after the one before, as this one is: a peak that recurs as a season's does: the test windows that read or "
            "score it") in said[0]
    assert "judge the model by MAE or MASE" in said[0] and "if wrong" not in said[0]
    caplog.clear()
    frame.loc[360, "y"] = 1e5  # far beyond the earlier peaks (more than twice as far): a possible error again
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.evaluate(frame)
    said = _said(caplog)[0]
    assert "the rows before hold" not in said and "if wrong, correct it or leave it blank" in said
    frame.loc[[60, 160, 161, 260], "y"] = -1e5  # as far, but down: not a peak like this one
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.evaluate(frame)
    said = _said(caplog)[0]
    assert "the rows before hold" not in said and "if wrong, correct it or leave it blank" in said


@pytest.mark.parametrize("earlier, said_of_them", [
    ([45, 126, 370], "(2024-02-15, 2024-05-06), not evenly apart with this one as a season's peaks are"),
    ([60, 370], "(2024-03-01), too few to tell whether it recurs"),
])
def test_peaks_like_it_that_fall_no_season_apart_keep_both_readings(model, caplog, earlier, said_of_them):
    """t36t6 (decision 1998): site01's test-row spike was "a peak that recurs as a season's does" beside two earlier
    spikes in May, May and November, and lost "if wrong, correct it". Earlier peaks at uneven gaps, or one alone,
    are named with both readings; those at even gaps (the test above) are still a season's."""
    frame = _daily()
    frame.loc[earlier, "y"] = 600.0  # the last of them in a test row
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.evaluate(frame)
    [said] = _said(caplog)
    assert said_of_them in said and "recurs as a season's does" not in said
    assert "if wrong, correct it or leave it blank (fill=, --fill); if a peak that recurs, judge the model" in said


def test_recent_rows_that_start_after_the_fit_say_an_earlier_peak_would_not_be_among_them(model, caplog):
    """t31t5 (decision 1461): the same model and December rows were silent on the whole 3-year file but called a
    possible error on its last 150 rows, which hold no earlier Christmas; the warning now says that those rows start
    after the model's first and could not show one, and gives both readings."""
    frame = _daily()
    frame.loc[385, "y"] = 600.0
    recent = frame.iloc[300:]
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.evaluate(recent)
    said = _said(caplog)
    assert len(said) == 1 and ("; the rows given start at 2024-10-27, after the first the model was fitted on, so a "
                               "peak like it in an earlier season would not be among them: the test windows") in said[0]
    assert "if wrong, correct it or leave it blank (fill=, --fill); if a peak that recurs, judge the model by MAE" \
        in said[0]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.evaluate(frame)  # the whole file, from the fit's first row: as before
    assert "the rows given start" not in _said(caplog)[0]


def test_a_panel_names_the_series(caplog):
    frame = pd.concat([_daily().assign(id="a"), _daily(seed=1).assign(id="b")], ignore_index=True)
    model = Forecaster(**{**TINY, "lookback": LOOKBACK, "horizon": HORIZON, "epochs": 1}).fit(frame, target="y",
                                                                                              id_col="id")
    frame.loc[400 + 385, "y"] = 1e5
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.evaluate(frame)
    assert _said(caplog)[0].startswith("column 'y' of series 'b' holds 100000 at 2025-01-20 (a test row), far outside")


def test_the_test_windows_never_reading_a_far_training_value_say_nothing(model, caplog):
    frame = _daily()
    frame.loc[100, "y"] = 1e5  # a training row: outliers' at fit; the test windows do not read it
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.evaluate(frame)
    assert not _said(caplog)


def _proxy(y: np.ndarray, test: float = 0.2, model=None):
    """``find`` on the test windows of ``y`` with the repeat and training-mean baselines and a model between them
    (no network: the rule weighs its errors as it weighs theirs)."""
    n = len(y)
    first = np.arange(int(n * (1 - test)), n - HORIZON + 1)  # each window's first target row
    y_true = np.stack([y[r : r + HORIZON] for r in first])[..., None]
    repeat = np.repeat(y[first - 1][:, None], HORIZON, axis=1)[..., None]
    mean = np.full_like(y_true, y[: int(n * 0.7)].mean())
    wf = WindowForecasts(first - LOOKBACK, first, y_true, 0.7 * repeat + 0.3 * mean if model is None else model,
                         {"repeat": repeat, "mean": mean}, None)
    return find(SimpleNamespace(rows=lambda s: y[:, None], named_columns=lambda s: ["y"]), wf)


HONEST = {
    "random walk": lambda rng, n: np.cumsum(rng.normal(0, 1, n)),
    "random walk of heavy-tailed steps": lambda rng, n: np.cumsum(rng.standard_t(3, n)),
    "seasonal with a trend": lambda rng, n: (100 + 0.5 * np.arange(n) + 10 * np.sin(2 * np.pi * np.arange(n) / 7)
                                             + rng.normal(0, 2, n)),
    "a level shift kept after": lambda rng, n: np.where(np.arange(n) >= int(0.85 * n), 300, 100) + rng.normal(0, 2, n),
    "a level shift 1e4 times kept after": lambda rng, n: np.where(np.arange(n) >= int(0.9 * n), 1e6, 100.0)
    + rng.normal(0, 2, n),
}


@pytest.mark.parametrize("kind", HONEST)
def test_honest_series_are_not_warned_of(kind):
    """No warning on random walks, seasonal series with a trend, or a level shift kept after: 40 seeded series of
    each of 200 and 1000 values (the decision's figures: none of 300 of each at 100, 400 and 2000 values)."""
    rng = np.random.default_rng(0)
    assert not any(_proxy(HONEST[kind](rng, n)) for n in (200, 1000) for _ in range(20))


@pytest.mark.parametrize("spike, share", [(1e5, True), (1e3, True), (150.0, False)])
def test_a_spike_is_said_where_its_windows_hold_more_than_half_of_every_squared_error(spike, share):
    """Far (beyond the rest's range by more than twice its width) and holding more than half of the squared error
    of the model and of each baseline: said. 150 among values near 100 moving by 20 is far from neither."""
    rng = np.random.default_rng(1)
    y = 100 + 10 * np.sin(2 * np.pi * np.arange(400) / 7) + rng.normal(0, 2, 400)
    y[380] = spike
    found = _proxy(y)
    assert bool(found) is share
    if share:
        assert found[0]["row"] == 380 and found[0]["value"] == spike and found[0]["share"] > 0.5
        assert found[0]["least"] > 0.5 and found[0]["more"] == 0


def test_a_far_value_whose_windows_hold_less_than_half_of_a_squared_error_is_not_said():
    """The model's errors spread over the other windows (a model far off everywhere): the value does not swamp it."""
    rng = np.random.default_rng(1)
    y = 100 + rng.normal(0, 2, 400)
    y[380] = 1e3
    assert _proxy(y)
    n_windows = len(np.arange(320, 400 - HORIZON + 1))
    found = _proxy(y, model=np.full((n_windows, HORIZON, 1), 1e4))  # the baselines' alone: named (decision 2271)
    assert found and found[0]["share"] < 0.5 and set(found[0]["baselines"]) == {"repeat", "mean"}


def test_a_value_that_holds_one_baselines_error_alone_names_that_baseline(caplog):
    """A tester's catastrophe echoed a season later by seasonal naive (94.7 % of its test squared error, the model's
    1.0 %): the verdict against it rests on that value, said with the split and both shares (decision 2271)."""
    rng = np.random.default_rng(1)
    y = 100 + rng.normal(0, 2, 400)
    y[380] = 1e3
    first = np.arange(320, 400 - HORIZON + 1)
    y_true = np.stack([y[r : r + HORIZON] for r in first])[..., None]
    model = y_true + rng.normal(0, 5, y_true.shape)  # its errors spread over every window
    wf = WindowForecasts(first - LOOKBACK, first, y_true, model, {"mean": y_true + 300, "seasonal": y_true * 0 + 100},
                         None)
    wf.baselines["seasonal"][first == 380 + 1, 0, 0] = 1e3  # an echo of it a step later
    panel = SimpleNamespace(rows=lambda s: y[:, None], named_columns=lambda s: ["y"], id_col=None,
                            when=lambda s, r: f"row {r}", label=lambda s: "the series")
    with caplog.at_level(logging.WARNING):
        warn(panel, wf, lambda s, r: " (a test row)", windows="the test windows")
    assert "the test windows that read or score it hold" in caplog.text and "of that of 'seasonal naive'" in caplog.text
    assert "the verdict against 'seasonal naive' by MSE or RMSE rests on that one value" in caplog.text


def test_far_sets_aside_a_burst_and_leaves_flags_and_short_columns_alone():
    rng = np.random.default_rng(0)
    column = 100 + rng.normal(0, 2, 200)
    column[[50, 120, 121, 122, 123]] = [1e5, 500, 600, 700, 800]  # five set aside: each far
    rows, lo, hi, median = _far(column)
    assert rows.tolist() == [50, 120, 121, 122, 123] and 90 < lo < median < hi < 110
    flags = np.zeros(200)
    flags[[10, 90]] = 1.0  # the rest one value: its rare values are its information
    assert _far(flags) is None and _far(column[:19]) is None


def test_the_split_and_the_backtest_part_of_a_row_are_named():
    located = SimpleNamespace(splits=[Split(280, 320, 400)], fit_ends=np.array([360]))
    part = split_of(located)
    assert [part(0, r) for r in (0, 279, 280, 319, 320, 359, 360)] == [
        " (a training row)", " (a training row)", " (a validation row)", " (a validation row)", " (a test row)",
        " (a test row)", " (a row after the fit's)"]
    assert cut_at(np.array([300]))(0, 299) == " (a row the first window reads)"
    assert cut_at(np.array([300]))(0, 300) == " (a row after the first cutoff)"
