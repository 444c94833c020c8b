"""A moving column that holds one value for a long stretch of its training rows (``stuckruns.py``): named at fit."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster
from rnncast.noticed import said_once as once
from rnncast.stuckruns import _run, warn

RNG = np.random.default_rng(0)
N = 2000


def _sensor() -> np.ndarray:
    return np.sin(np.arange(N) / 30) + RNG.normal(0, 0.1, N)


def test_a_stuck_stretch_of_a_moving_signal_is_found():
    column = _sensor()
    column[800:1100] = column[800]
    assert _run(column) == (800, 300)


@pytest.mark.parametrize("name, column", [
    ("a moving signal", _sensor()),
    ("intermittent sales, often 0", np.where(RNG.random(N) < 0.1, RNG.poisson(5, N), 0) * 1.0),
    ("a price updated weekly", np.repeat(RNG.normal(100, 5, N // 7 + 1), 7)[:N]),
    ("a promotion flag", (RNG.random(N) < 0.05) * 1.0),
    ("a counter that resets", np.r_[np.cumsum(RNG.integers(1, 5, 1000)), np.cumsum(RNG.integers(1, 5, 1000))] * 1.0),
    ("a short stall of 10 rows", np.r_[_sensor()[:500], np.full(10, 0.3), _sensor()[510:]]),
])
def test_columns_that_repeat_by_nature_or_stall_briefly_are_not_named(name, column):
    assert _run(column) is None, name


def test_fit_says_the_stuck_stretch_once_per_tune_and_once_per_fit(caplog):
    """A reliability tester's 10-second sensor read one value for 300 rows, and fit trained on them without a word."""
    y = _sensor()
    y[800:1100] = y[800]
    frame = pd.DataFrame({"time": pd.date_range("2024-03-01", periods=N, freq="10s"), "y": y})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        Forecaster(**TINY).fit(frame, target="y")
    [said] = [r.getMessage() for r in caplog.records if "stuck sensor" in r.getMessage()]
    assert said.startswith(f"column 'y' holds {y[800]:.6g} for 300 rows from 2024-03-01 02:13:20 (21% of its training "
                           "rows), though it moves at nearly every other step")
    found = [{"series": None, "column": "y", "value": 1.0, "start": "row 5", "rows": 300, "share": 0.2}]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"), once():
        warn(found)
        warn(found)
    assert len(caplog.records) == 1


def test_a_stall_of_sixty_rows_in_a_long_series_is_found_whatever_its_share():
    """t31t1 flat60.csv: 60 frozen rows (10 minutes of 10-second data) of 1,400 training rows went unsaid under a floor
    of 5 % of the rows; the floor is MIN_RUN rows alone (decision 1497), at 0 as at any value."""
    for value in (None, 0.0):
        column = _sensor()
        column[700:760] = column[700] if value is None else value
        assert _run(column) == (700, 60)


@pytest.mark.parametrize("name, column", [
    ("intermittent demand, mostly 0", np.where(RNG.random(N) < 0.2, RNG.poisson(3, N), 0) * 1.0),
    ("mostly 0, with a long quiet stretch", np.r_[np.where(RNG.random(N // 2) < 0.3, RNG.poisson(2, N // 2), 0),
                                                   np.zeros(200), np.where(RNG.random(N // 2) < 0.3, 1, 0)] * 1.0),
    ("counts of zero, a few rare events", (RNG.random(N) < 0.01) * 1.0),
])
def test_a_series_of_mostly_zeros_is_never_called_stuck_in_training_or_scored_rows(name, column, caplog):
    """Many zeros are intermittent demand's nature, not a stuck sensor: without a fixed share of the rows to span,
    the run must still stand out from a column that otherwise moves at nearly every step."""
    assert _run(column) is None, name
    assert _run(column[-300:]) is None, name  # the scored rows alone
    frame = pd.DataFrame({"time": pd.date_range("2024-03-01", periods=len(column), freq="h"), "y": column})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        Forecaster(**TINY).fit(frame, target="y")
    assert not [r for r in caplog.records if "stuck sensor" in r.getMessage()], name


def test_a_stuck_stretch_of_the_test_rows_is_said_at_fit_and_at_evaluate_beside_the_verdict(caplog):
    """t31t1 flattest.csv: 200 test rows frozen at one value were unsaid, and turned the verdict to "does NOT beat"
    ('repeat the last value' is exact there). Fit and evaluate now name them as rows scored (decision 1497)."""
    y = _sensor()
    frame = pd.DataFrame({"time": pd.date_range("2024-03-01", periods=N, freq="10s"), "y": y})
    fitted = Forecaster(**TINY).fit(frame, target="y")
    frozen = frame.copy()
    frozen.loc[1800:1949, "y"] = y[1800]
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        Forecaster(**TINY).fit(frozen, target="y")
    said = [r.getMessage() for r in caplog.records if "stuck sensor" in r.getMessage()]
    assert len(said) == 1 and "for 150 rows from 2024-03-01 05:00:00" in said[0], said
    assert "of the test rows" in said[0] and "the verdict rest on them" in said[0]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        fitted.evaluate(frozen)
    said = [r.getMessage() for r in caplog.records if "stuck sensor" in r.getMessage()]
    assert len(said) == 1 and "for 150 rows from 2024-03-01 05:00:00" in said[0], said
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        fitted.evaluate(frame)
    assert not [r for r in caplog.records if "stuck sensor" in r.getMessage()]


def test_predict_says_the_last_readings_frozen_but_not_the_zeros_of_intermittent_demand(caplog):
    """t31t1 tailstuck.csv ended in 20 rows of 0 and predict said only that they lay beyond the fit's range (another
    unit?); the frozen tail is named first now (decision 1497). A series of mostly zeros ending in zeros is not."""
    times = pd.date_range("2024-03-01", periods=400, freq="10s")
    y = _sensor()[:400] + 20
    fitted = Forecaster(**TINY).fit(pd.DataFrame({"time": times, "y": y}), target="y")
    frozen = pd.DataFrame({"time": times, "y": np.r_[y[:380], np.zeros(20)]})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        fitted.predict(frozen)
    said = [r.getMessage() for r in caplog.records if "stuck sensor" in r.getMessage()]
    assert len(said) == 1 and said[0].startswith("column 'y' holds 0 for its last 20 rows (from 2024-03-01 01:03:20)")
    counts = np.where(RNG.random(400) < 0.2, RNG.poisson(3, 400), 0) * 1.0
    counts[-25:] = 0
    demand = Forecaster(**TINY).fit(pd.DataFrame({"time": times, "y": counts}), target="y")
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        demand.predict(pd.DataFrame({"time": times, "y": counts}))
    assert not [r for r in caplog.records if "stuck sensor" in r.getMessage()]


class _Panel:
    """The few ``Panel`` members ``find`` reads: one series, target 'y' then past covariate 'temp_cov'."""
    id_col, n_targets, filled, n_given = None, 1, None, 2  # no value made by a fill; both columns the data's own

    def __init__(self, y, x):
        self.y, self.x = y, x

    def rows(self, s):
        return np.c_[self.y, self.x]

    def named_columns(self, s):
        return ["y", "temp_cov"]

    def when(self, s, i):
        return f"row {i}"

    def label(self, s):
        return None


def test_only_a_target_stuck_on_the_test_rows_is_said_to_decide_the_verdict(caplog):
    """r31r2 stuckcov.py: 'temp_cov' frozen for 30 validation rows was said as "of the rows scored, validation or test
    ... the scores and the verdict rest on them too", though no baseline forecasts a covariate and the verdict reads the
    test rows alone. The scored part is the targets' test rows (the validation rows without any; decision 1517)."""
    from rnncast.stuckruns import find
    from rnncast.windows import Split
    rng = np.random.default_rng(1)
    y, x = rng.normal(20, 1, 400), rng.normal(5, 1, 400)
    x[300:330] = 5.0  # the covariate, in the validation rows
    y[290:320] = 20.0  # the target, in the validation rows: early stopping's, not the verdict's
    assert find(_Panel(y, x), [Split(train_end=280, val_end=340, end=400)]) == []
    x[350:380] = 5.0  # the covariate in the test rows: still unsaid
    y[360:390] = 20.0
    found = find(_Panel(y, x), [Split(train_end=280, val_end=340, end=400)])
    assert [(f["column"], f["part"], f["rows_of"], f["rows"], f["start"]) for f in found] == [
        ("y", "scored", "test", 30, "row 360")]
    with caplog.at_level(logging.WARNING, logger="rnncast"), once():
        warn(found)
    assert "holds 20 for 30 rows from row 360 (50% of the test rows)" in caplog.text
    assert "the test scores and the verdict rest on them too" in caplog.text
    caplog.clear()
    y[360:390] = 19.5  # the training rows' stall at row 290 holds 20: one of another value hides none (decision 1564)
    found = [f for f in find(_Panel(y, x), [Split(train_end=340, val_end=400, end=400)]) if f["part"] == "scored"]
    assert [(f["column"], f["rows_of"]) for f in found] == [("y", "validation")]  # no test rows: the validation rows
    with caplog.at_level(logging.WARNING, logger="rnncast"), once():
        warn(found)
    assert "of the validation rows, which early stopping reads (no test rows)" in caplog.text
    assert "verdict" not in caplog.text


def test_a_short_run_of_many_training_rows_is_not_said_as_zero_percent(caplog):
    found = [{"series": None, "column": "y", "value": 1.0, "start": "row 5", "rows": 20, "share": 20 / 10000,
              "part": "training"}]
    with caplog.at_level(logging.WARNING, logger="rnncast"), once():
        warn(found)
    assert "(0.2% of its training rows)" in caplog.text


def test_a_run_fill_made_is_no_stuck_reading():
    """Third review: 39 blank test rows forward-filled were "a stuck sensor or a copied value? ... leave the cells
    blank", cells the user had left blank; values fill made break a run as a missing value does."""
    from conftest import make_frame
    from rnncast.loading import load_panel
    from rnncast.stuckruns import SCORED, find
    from rnncast.windows import chronological_split

    frame = make_frame(200, feature=False)
    frame.loc[160:198, "y"] = np.nan
    panel = load_panel(frame, target="y", fill="ffill")
    split = chronological_split(len(frame), 24, 3, 0.1, 0.2)
    assert not [f for f in find(panel, [split]) if f["part"] == SCORED]


def test_a_run_across_the_test_border_is_judged_whole_and_said_by_its_part(caplog):
    """Decision 1526: 40 frozen rows, 25 of them validation rows and 15 test rows, went unsaid (the test rows were judged
    alone, and 15 < MIN_RUN); the run counts its whole length, and the line says its part in the test rows."""
    from rnncast.stuckruns import find
    from rnncast.windows import Split
    rng = np.random.default_rng(2)
    y, x = rng.normal(20, 1, 400), rng.normal(5, 1, 400)
    y[315:355] = y[315]
    found = [f for f in find(_Panel(y, x), [Split(train_end=280, val_end=340, end=400)]) if f["part"] == "scored"]
    assert [(f["rows"], f["start"], f["run_rows"], f["run_start"]) for f in found] == [(15, "row 340", 40, "row 315")]
    with caplog.at_level(logging.WARNING, logger="rnncast"), once():
        warn(found)
    assert "for 15 rows from row 340 (25% of the test rows, of a run of 40 rows from row 315 across the border)" in caplog.text


def test_a_seasonal_off_season_that_training_shows_too_is_not_stuck():
    """Decision 1526: a series selling April to October, 0 otherwise, had its test rows' off-season named as stuck (198
    of 200 seeded series); the training rows' off-seasons repeat too, so it is the series' nature (0 of 200)."""
    named = 0
    for seed in range(20):
        rng = np.random.default_rng(seed)
        day = np.arange(4 * 365) % 365
        y = np.where((day >= 90) & (day < 300), rng.gamma(5, 4, len(day)).round(1), 0.0)[rng.integers(0, 365):]
        n = len(y)
        named += _run(y, int(n * 0.85), n, (int(n * 0.7), int(n * 0.85))) is not None or _run(y, 0, int(n * 0.7)) is not None
    assert named == 0


def test_backtest_says_a_target_stuck_on_its_windows_as_evaluate_does(caplog):
    """Decision 1526: backtest checked no window for a stuck stretch; it says one as evaluate does."""
    y = _sensor()
    y[1940:] = y[1940]  # the last 60 rows frozen: the backtest's 10 windows of 3 score the last 30
    frame = pd.DataFrame({"time": pd.date_range("2024-03-01", periods=N, freq="10s"), "y": y})
    with caplog.at_level(logging.WARNING, logger="rnncast"), once():
        Forecaster(**{**TINY, "epochs": 1}).backtest(frame, target="y", n_windows=10)
    said = [r.getMessage() for r in caplog.records if "stuck sensor" in r.getMessage() and "rows scored" in r.getMessage()]
    assert len(said) == 1 and "for 30 rows from" in said[0] and "of a run of 60 rows" in said[0], said


def test_a_sensor_stuck_in_training_is_named_when_it_sticks_again_in_the_test_rows(caplog):
    """Decision 1564 (r32r1 HIGH 1): 300 frozen training rows made the column read as "repeats by nature", and its
    60 frozen test rows, which decide the verdict, went unsaid though the training stall was named; one or two stalls
    of other values are not weighed, so both are named, at fit and at evaluate."""
    from rnncast.stuckruns import find, in_scored
    from rnncast.windows import Split
    y = np.sin(np.arange(N) / 30) + np.random.default_rng(0).normal(0, 0.1, N)
    y[800:1100] = y[800]
    y[1850:1910] = y[1850]
    found = find(_Panel(y, y + 1), [Split(train_end=1400, val_end=1700, end=2000)])
    assert [(f["part"], f["rows"], f["start"]) for f in found if f["column"] == "y"] == [
        ("training", 300, "row 800"), ("scored", 60, "row 1850")]

    class Windows:  # evaluate's: the test rows' windows of one step, their actuals
        y_true, target_rows, series = y[1700:, None, None], np.arange(1700, 2000), None
        times, ids, targets = [], [None], ["y"]
    assert [(f["rows"], f["start"]) for f in in_scored(Windows(), _Panel(y, y + 1))] == [(60, "row 1850")]


def test_a_column_that_stalls_again_and_again_repeats_by_nature():
    """Decision 1564: ETTh1's columns hold one value for a day (24 rows) every month or so; RECURRING stalls of other
    values are the column's nature, weighed as before, so neither a training nor a test stall of them is named."""
    y = _sensor()
    for start in range(100, 2000, 150):
        y[start: start + 24] = y[start]
    assert _run(y, 0, 1400) is None and _run(y, 1700, 2000, (1400, 1700)) is None
    few = _sensor()
    few[400:424], few[1750:1774] = few[400], few[1750]  # one stall before: the test one is named
    assert _run(few, 1700, 2000, (1400, 1700)) == (1750, 24)


def test_a_run_that_only_grazes_a_part_is_not_said_of_it(caplog):
    """Decision 1565 (r32r1 LOW 7): 61 frozen validation rows ending on the first test row were said "for 1 rows ...
    (0.3% of the test rows) ... the test scores and the verdict rest on them too"; a run needs MIN_RUN // 4 rows in the
    part, and a line says its rows in words ("1 row")."""
    from rnncast.stuckruns import find
    from rnncast.windows import Split
    y = np.cumsum(np.random.default_rng(0).normal(0, 1, 2000))
    grazing, starting = y.copy(), y.copy()
    grazing[1640:1701] = grazing[1640]  # ends on the first test row
    starting[1398:1440] = starting[1398]  # starts 2 rows before the training rows end
    split = Split(train_end=1400, val_end=1700, end=2000)
    assert find(_Panel(grazing, y), [split]) == [] and find(_Panel(starting, y), [split]) == []
    inside = y.copy()
    inside[1680:1705] = inside[1680]  # 5 test rows of a 25-row run: said
    assert [(f["rows"], f["run_rows"]) for f in find(_Panel(inside, y), [split])] == [(5, 25)]
    with caplog.at_level(logging.WARNING, logger="rnncast"), once():
        warn([{"series": None, "column": "y", "value": 1.0, "start": "row 9", "rows": 1, "share": 0.5, "part": "scored"}])
    assert "holds 1 for 1 row from row 9" in caplog.text


def _frozen_hourly(tmp_path):
    """t32t8 frozen.csv: hourly readings written '%Y-%m-%d %H:%M', the last 31 rows frozen across the test border."""
    rng = np.random.default_rng(5)
    y = (20 + 3 * np.sin(np.arange(600) / 7) + rng.normal(0, 0.5, 600)).round(2)
    y[-31:] = 16.84
    path = tmp_path / "frozen.csv"
    pd.DataFrame({"ts": pd.date_range("2024-01-01", periods=600, freq="h").strftime("%Y-%m-%d %H:%M"), "temp": y}
                 ).to_csv(path, index=False)
    return path


def test_fit_says_a_run_stuck_on_its_test_rows_once_in_the_data_time_format(tmp_path, caplog):
    """Decision 1579 (t32t8 M4): fit said the run twice, its own check's '2024-01-25 00:00' and its evaluation's
    '2024-01-25 00:00:00', on stderr, in metrics.json's notes and on the page; once now, as the data writes it."""
    from rnncast.cli import main
    path, run = _frozen_hourly(tmp_path), tmp_path / "run"
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        assert main(["fit", str(path), "--lookback", "24", "--horizon", "6", "--epochs", "1", "--hidden-size", "4",
                     "--test-frac", "0.04", "--device", "cpu", "--out", str(run)]) == 0
    said = [r.getMessage() for r in caplog.records if "holds 16.84" in r.getMessage()]
    assert len(said) == 1 and "for 24 rows from 2024-01-25 00:00 (" in said[0], said
    assert "17:00 across the border" in said[0] and ":00:00" not in said[0]
    for name in ("metrics.json", "report.html"):
        text = (run / name).read_text()
        assert text.count("holds 16.84 for") == 1 and "00:00:00" not in text.split("holds 16.84")[1][:200], name


def test_backtest_names_a_stuck_run_in_the_data_time_format(tmp_path, caplog):
    """Decision 1579: backtest's line wrote '2024-01-25 06:00:00' of data written '2024-01-25 06:00'."""
    path = _frozen_hourly(tmp_path)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        Forecaster(**{**TINY, "lookback": 24, "horizon": 6, "epochs": 1}).backtest(path, n_windows=3)
    [said] = [r.getMessage() for r in caplog.records if "holds 16.84" in r.getMessage()]
    assert "for 18 rows from 2024-01-25 06:00 (" in said and "from 2024-01-24 17:00 across" in said, said


@pytest.mark.parametrize("layout", ["long", "wide"])
def test_fit_says_a_panels_stuck_run_once_naming_the_files_own_column(tmp_path, caplog, layout):
    """Final re-read of decision 1579: a panel's evaluation named the run by the bare id and the model's column ('y'
    of a wide table, no column of the file), so fit said it twice; in_scored names it as find does."""
    from rnncast.cli import main
    frame = pd.read_csv(_frozen_hourly(tmp_path))
    steady = frame.assign(temp=(20 + 3 * np.sin(np.arange(600) / 5)).round(2))
    if layout == "long":
        pd.concat([frame.assign(id="A"), steady.assign(id="B")]).to_csv(tmp_path / "p.csv", index=False)
        given = ["--id-col", "id", "--target", "temp"]
    else:
        frame.assign(B=steady["temp"]).rename(columns={"temp": "A"}).to_csv(tmp_path / "p.csv", index=False)
        given = ["--series", "A,B"]
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        assert main(["fit", str(tmp_path / "p.csv"), *given, "--lookback", "24", "--horizon", "6", "--epochs", "1",
                     "--hidden-size", "4", "--test-frac", "0.04", "--device", "cpu", "--out", str(tmp_path / "r")]) == 0
    [said] = [r.getMessage() for r in caplog.records if "holds 16.84" in r.getMessage()]
    named = "'temp' of series 'A'" if layout == "long" else "'A'"  # a wide table's own column, once (decision 1794)
    assert said.startswith(f"column {named} holds 16.84 for 24 rows")
    assert (tmp_path / "r" / "metrics.json").read_text().count("holds 16.84 for") == 1


def test_the_run_with_most_rows_in_the_part_is_the_parts():
    """Final re-read of decision 1565: a 106-row run reaching 6 rows into the scored part hid a 60-row stall wholly
    inside it (said as '6 rows, 6 %'); the run with the most rows in the part is the part's."""
    column = _sensor()[:400]
    column[200:306], column[330:390] = 5.0, 9.0
    assert _run(column, 300, 400) == (330, 60)


def test_a_computed_calendar_column_is_no_stuck_sensor_but_the_same_values_given_as_data_are(caplog):
    """r37r3: 400 hourly rows from 2026-01-01 with calendar_covariates='hour,weekend,holiday:DE' warned "column
    'holiday_DE' holds 0 for 256 rows ... a stuck sensor?"; the column is computed, not measured (decision 2025)."""
    from rnncast import stuckruns
    from rnncast.loading import load_panel
    from rnncast.windows import chronological_split

    time = pd.date_range("2026-01-01", periods=400, freq="h")
    frame = pd.DataFrame({"ds": time, "y": 10 + np.sin(np.arange(400) / 3.8)})
    panel = load_panel(frame, target="y", time_col="ds", calendar_covariates="hour,weekend,holiday:DE")
    splits = [chronological_split(400, 24, 6, 0.1, 0.2)]
    assert stuckruns.find(panel, splits) == [] and stuckruns.at_end(panel) == set()
    own = load_panel(frame.assign(holiday_DE_own=panel.values[:, -1]), target="y", time_col="ds",
                     future_covariates=["holiday_DE_own"])
    assert [f["column"] for f in stuckruns.find(own, splits)] == ["holiday_DE_own"]  # the rule, on the data's own
    with caplog.at_level(logging.WARNING):
        Forecaster(**{**TINY, "lookback": 24, "horizon": 6, "epochs": 1},
                   calendar_covariates="hour,weekend,holiday:DE").fit(frame, target="y", time_col="ds")
    assert "stuck" not in caplog.text


def test_weeks_of_zeros_in_the_rows_scored_are_said_closed_or_not_recorded(caplog):
    """t41-t6 (decision 2251): a hotel's 88 days of 0s in the rows scored read "a stuck sensor or a copied value?",
    where outageruns said "an outage" of the same closure in another hotel: one closure, one name."""
    from rnncast.loading import load_panel
    from rnncast.stuckruns import find
    from rnncast.windows import Split
    days = pd.date_range("2024-01-01", periods=400, freq="D")
    y = 100 + 20 * np.sin(np.arange(400) / 5) + RNG.normal(0, 3, 400)
    y[330:360] = 0.0
    panel = load_panel(pd.DataFrame({"date": days, "y": y}), target="y", announce=False)
    found = find(panel, [Split(300, 320, 400)])
    assert [f["closed"] for f in found] == [True]
    with caplog.at_level(logging.WARNING, logger="rnncast"), once():
        warn(found)
    [line] = [r.getMessage() for r in caplog.records if "holds 0" in r.getMessage()]
    assert "closed or not recorded" in line and "stuck sensor" not in line and "--fill interpolate" in line
