"""A target's level that moves once and stays, named at fit (``levelshifts.py``, decision 1931)."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, levelshifts
from rnncast.levelshifts import find
from rnncast.loading import load_panel
from rnncast.windows import Split

N = 400
DATES = pd.date_range("2023-01-02", periods=N, freq="D")  # a Monday


def _views(seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    weekly = np.where(DATES.day_of_week >= 5, 0.6, 1.0)  # weekends at 0.6: large steps every week
    return 1000 * weekly * np.exp(rng.normal(0, 0.05, N))


def _found(y: np.ndarray, season: int = 7) -> list[dict]:
    panel = load_panel(pd.DataFrame({"date": DATES, "y": y}), target="y", announce=False)
    return find(panel, [Split(300, 350, N)], season)


def test_a_migrations_lasting_drop_under_the_step_rule_is_found_at_its_day():
    """t36t6: site03 at 0.4 from 2023-09-01, 12.6 times the median step (jumps' TIMES is 20): nothing named it."""
    y = _views()
    y[200:] *= 0.4
    [f] = _found(y)
    assert f["time"] == str(DATES[200].date()) and f["after"] / f["before"] == pytest.approx(0.4, abs=0.05)
    assert [g["time"] for g in _found(y, 1)] == [f["time"]]  # no season: weeks all the same


@pytest.mark.parametrize("name, y", [
    ("weekly swing and noise", _views()),
    ("steady growth", _views() * np.exp(0.003 * np.arange(N))),
    ("a one-day spike", _views() * np.where(np.arange(N) == 150, 20.0, 1.0)),
    ("a two-week dip that comes back", _views() * np.where((np.arange(N) >= 150) & (np.arange(N) < 164), 0.7, 1.0)),
    ("a random walk", 5000 + np.cumsum(np.random.default_rng(1).normal(0, 20, N))),
    ("a yearly cycle", _views() * (1 + 0.3 * np.sin(2 * np.pi * np.arange(N) / 365.25))),
    ("an outage's zeros as the season rises (t36t6's site02 in a later fit)",  # the rise alone is no shift
     _views() * np.exp(0.006 * np.arange(N)) * np.where((np.arange(N) >= 150) & (np.arange(N) < 157), 0.0, 1.0)),
])
def test_series_that_move_without_a_shift_are_left_alone(name, y):
    assert _found(y) == [], name


def test_fit_names_the_shift_once(caplog):
    y = _views()
    y[200:] *= 0.4
    frame = pd.DataFrame({"date": DATES, "y": y})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        Forecaster(**{**TINY, "epochs": 1}, season=7).fit(frame, target="y")
    said = [r.getMessage() for r in caplog.records if "shifts level" in r.getMessage()]
    assert len(said) == 1 and said[0].startswith(f"column 'y' shifts level at {DATES[200].date()} and stays there")
    assert "a migration, a tracking or unit change?" in said[0]


def test_a_migration_in_a_column_with_days_of_bot_traffic_is_still_found():
    """Decision 1963: a column whose only named jumps are outlying values (x20 days, back the next day) is weighed
    for a level shift too; one with a split named as a step is not, as before."""
    from rnncast import jumps

    y = _views()
    y[200:] *= 0.4
    y[[50, 120, 250]] *= 20
    panel = load_panel(pd.DataFrame({"date": DATES, "y": y}), target="y", announce=False)
    named = jumps.find(panel, [Split(300, 350, N)], 7)
    assert len(named[0]["spikes"]) == 3 and named[0]["steps"] == []
    assert [f["time"] for f in find(panel, [Split(300, 350, N)], 7, named)] == [DATES[200].strftime("%Y-%m-%d")]
    assert find(panel, [Split(300, 350, N)], 7, [{**named[0], "steps": [{"row": 200}]}]) == []

def _plant() -> pd.DataFrame:
    """t37t5's plant B: a year of hourly output of a 10 MW plant at 48°N in UTC, 0 every night (about half the hours),
    the clear-sky arch times a cloud cover that drifts (a logistic AR(1)), capped at 10."""
    t = pd.date_range("2025-01-01", periods=365 * 24, freq="h", tz="UTC")
    rng = np.random.default_rng(37)
    doy, hour = t.day_of_year.to_numpy(), t.hour.to_numpy()
    decl, lat = np.deg2rad(23.44) * np.sin(2 * np.pi * (284 + doy) / 365), np.deg2rad(48.0)
    sinel = np.sin(lat) * np.sin(decl) + np.cos(lat) * np.cos(decl) * np.cos(np.deg2rad(15 * (hour + 10 / 15 - 12)))
    ghi = np.where(sinel > 0, 1098 * sinel * np.exp(-0.057 / np.maximum(sinel, 1e-3)), 0.0)
    z, e = np.zeros(len(t)), rng.normal(0, 0.35, len(t))
    for i in range(1, len(t)):
        z[i] = 0.97 * z[i - 1] + e[i]
    cloud = 1 / (1 + np.exp(-(z + rng.normal(0, 0.3, len(t)))))
    pv = np.clip(13 * ghi / 1000 * (1 - 0.75 * cloud ** 3) * (1 + rng.normal(0, 0.03, len(t))), 0, 10)
    return pd.DataFrame({"ds": t, "y": np.where(ghi == 0, 0.0, pv).round(3)})


def _plant_found(frame: pd.DataFrame) -> list[dict]:
    n = len(frame)
    return find(load_panel(frame, target="y", announce=False), [Split(int(0.7 * n), int(0.8 * n), n)], 24)


def test_a_few_days_outage_as_0_in_a_series_0_every_night_is_no_shift():
    """t37t5: a 3-day outage written as 0 (the plant ~50% zeros) was "a level shift ... and stays there", with the
    advice to start the data there: 6 months thrown away."""
    frame = _plant()
    assert _plant_found(frame) == []
    for first, last in (("2025-07-14", "2025-07-17"), ("2025-07-14 07:00", "2025-07-17 09:00"), ("2025-04-02", "2025-04-04")):
        out = frame["ds"].between(pd.Timestamp(first, tz="UTC"), pd.Timestamp(last, tz="UTC"))
        assert _plant_found(frame.assign(y=frame["y"].where(~out, 0.0))) == [], first
    capped = frame["ds"].between(pd.Timestamp("2025-08-04", tz="UTC"), pd.Timestamp("2025-08-11", tz="UTC"))
    assert _plant_found(frame.assign(y=np.where(capped, np.minimum(frame["y"], 6.0), frame["y"]))) == []  # curtailed


def test_a_lasting_shift_of_a_series_0_every_night_is_still_named():
    frame = _plant()
    moved = frame["ds"] >= pd.Timestamp("2025-06-15", tz="UTC")
    [f] = _plant_found(frame.assign(y=np.where(moved, frame["y"] * 0.3, frame["y"])))
    assert f["time"].startswith("2025-06-14") and f["after"] / f["before"] == pytest.approx(0.3, abs=0.05)


def _hourly(k: int) -> pd.DataFrame:
    """t37t1 2: 800 hourly rows, a daily sine of +-10 around 50 with noise of sd 1, +30 from row ``k`` on."""
    rng = np.random.default_rng(5)
    y = 50 + 10 * np.sin(2 * np.pi * np.arange(800) / 24) + rng.normal(0, 1, 800)
    y[k:] += 30
    return pd.DataFrame({"date": pd.date_range("2024-01-01", periods=800, freq="h"), "y": y})


@pytest.mark.parametrize("k", [150, 250, 300, 350, 400, 450, 480])
def test_a_shift_in_the_middle_or_the_last_blocks_of_a_short_span_is_named(k):
    """t37t1 2 (decision 1999): with 560 training rows (23 blocks) a +60% shift at row 300 was never named (the same
    move a side's span away fell outside the data on both sides, and the threshold became infinite), nor one at row
    450 or later (the last 6 blocks were never looked at). The last blocks' shift is named with the blocks it has."""
    panel = load_panel(_hourly(k), target="y", announce=False)
    [f] = find(panel, [Split(560, 680, 800)], 24)
    assert f["time"] == str(pd.Timestamp("2024-01-01") + pd.Timedelta(hours=k))
    assert f["after"] / f["before"] == pytest.approx(1.6, abs=0.05) and f["rows_after"] == 560 - k
    assert (f["blocks_after"] < 6) == (k >= 450)


def test_a_shift_with_fewer_than_three_blocks_after_it_is_not_weighed_nor_a_last_block_dip():
    """Decision 1999: a shift needs three whole blocks after the one it falls in; a day's dip across two of the last
    three blocks moves their median, not the third, which each block after a move cut by the data's end must be."""
    for k in (500, 530):
        assert find(load_panel(_hourly(k), target="y", announce=False), [Split(560, 680, 800)], 24) == [], k
    dip = _hourly(800)
    dip.loc[500:523, "y"] -= 30  # one day low, three before the validation rows: back the next day
    assert find(load_panel(dip, target="y", announce=False), [Split(560, 680, 800)], 24) == []


def test_the_warning_says_a_shift_in_the_last_blocks_rests_on_few_rows(caplog):
    from rnncast.levelshifts import warn

    panel = load_panel(_hourly(480), target="y", announce=False)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        text = warn(panel, find(panel, [Split(560, 680, 800)], 24))
    assert text.startswith("column 'y' shifts level at 2024-01-21 00:00:00 and stays there to the end of the training "
                           "rows, 80 rows later, too few to tell whether it lasts: its level ")


@pytest.mark.parametrize("name, y", [
    ("weekly swing and noise", _views()),
    ("steady growth", _views() * np.exp(0.003 * np.arange(N))),
    ("a yearly cycle's rise", _views() * (1 + 0.3 * np.sin(2 * np.pi * np.arange(N) / 365.25))),
    ("a rise and an outage's zeros", _views() * np.exp(0.006 * np.arange(N))
     * np.where((np.arange(N) >= 60) & (np.arange(N) < 67), 0.0, 1.0)),
    ("a random walk", 5000 + np.cumsum(np.random.default_rng(1).normal(0, 20, N))),
])
@pytest.mark.parametrize("blocks", [15, 17, 19, 23])
def test_short_spans_whose_sides_fall_outside_the_data_are_left_alone_without_a_shift(name, y, blocks):
    """Decision 1999: where the move a side's span away is outside the data on both sides, it is not weighed; the
    other rules still keep moves without a shift unnamed."""
    panel = load_panel(pd.DataFrame({"date": DATES, "y": y}), target="y", announce=False)
    assert find(panel, [Split(7 * blocks, 7 * blocks + 20, N)], 7) == [], name

def test_an_outage_of_0s_and_gaps_in_a_series_0_every_night_is_no_shift():
    """r37r2 11: the gaps a fill leaves NaN counted as "other values" beside the 0s, and a block of 0s and gaps was not
    "all 0", so a 3-day outage written as 0s with every third hour missing was named a shift (decision 2021)."""
    frame = _plant()
    n = len(frame)
    for first, last in (("2025-07-14", "2025-07-17"), ("2025-07-14 07:00", "2025-07-17 09:00")):
        out = frame["ds"].between(pd.Timestamp(first, tz="UTC"), pd.Timestamp(last, tz="UTC"))
        y = frame["y"].where(~out, 0.0).where(~(out & (frame["ds"].dt.hour % 3 == 0)), np.nan)
        panel = load_panel(frame.assign(y=y), target="y", fill="ffill", announce=False)  # filled: read as gaps
        assert find(panel, [Split(int(0.7 * n), int(0.8 * n), n)], 24) == [], first


def test_a_final_fit_that_scores_nothing_says_the_training_mean_mixes_the_levels_not_mase(caplog):
    """Decision 2159: a final fit (test_frac 0, val_frac 0) makes no MASE, yet said "MASE's scale and the training
    mean mix them"."""
    y = _views()
    y[200:] *= 0.4
    frame = pd.DataFrame({"date": DATES, "y": y})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        Forecaster(**{**TINY, "epochs": 1}, season=7, test_frac=0, val_frac=0).fit(frame, target="y")
    [said] = [r.getMessage() for r in caplog.records if "shifts level" in r.getMessage()]
    assert "The network learns both levels as one series, and the training mean mixes them; if" in said
    assert "MASE" not in said
def _shifts(days: int = 24, moved: int | None = None) -> pd.DataFrame:
    """t40-t3 4: a plant's motor current every minute, three 8-hour shifts a day at other setpoints (06, 14, 22 h),
    noise; from day ``moved`` on (where given) 30% higher."""
    t = pd.date_range("2026-11-02", periods=days * 1440, freq="min")
    rng = np.random.default_rng(40)
    hour = t.hour.to_numpy()
    y = np.where((hour >= 6) & (hour < 14), 38.0, np.where((hour >= 14) & (hour < 22), 39.5, 36.5))
    y = y + rng.normal(0, 0.3, len(t))
    if moved is not None:
        y = np.where(np.arange(len(t)) >= moved * 1440, y * 1.3, y)
    return pd.DataFrame({"ds": t, "y": y})


def test_a_shift_change_of_minute_data_is_no_level_shift_and_a_lasting_one_is_named():
    """t40-t3 4: 7-row blocks (70 s of 10 s data) named a setpoint's change at 22:00, which recurs daily, a shift that
    "stays", and advised dropping half the data; blocks span a day on a calendar under a day (decision 2180)."""
    frame = _shifts()
    panel = load_panel(frame, target="y", announce=False)
    n = len(frame)
    split = [Split(int(0.8 * n), int(0.9 * n), n)]
    assert levelshifts.block_rows(panel) == 1440
    assert find(panel, split) == []
    [f] = find(load_panel(_shifts(moved=10), target="y", announce=False), split)
    assert f["time"].startswith("2026-11-12") and f["after"] / f["before"] == pytest.approx(1.3, abs=0.05)


def _kiosk() -> np.ndarray:
    """t40-t6's kiosk: daily sales about 20 (26 at weekends), 2022-2024, shut (0) every December to February."""
    days = pd.date_range("2022-01-01", "2024-12-31", freq="D")
    y = np.random.default_rng(0).poisson(20 * (1 + 0.3 * (days.day_of_week >= 5))).astype(float)
    y[(days.month <= 2) | (days.month == 12)] = 0
    return y


def test_a_closure_each_winter_is_no_level_shift_and_a_level_from_0_reads_no_nan(caplog):
    """Decision 2204: a column 0 every winter read "shifts level at 2022-03-02 and stays there: its level 0 before,
    23.2857 after (+nan%)"; closures that end are no level, and a level from 0 is said "from 0"."""
    y = _kiosk()
    assert [levelshifts._shift(y[:n], 7) for n in (500, 600, 767, 800)] == [None] * 4
    z = np.r_[np.full(300, 20.0) + np.random.default_rng(0).normal(0, 1, 300), np.zeros(200)]
    assert levelshifts._shift(z, 7)[1:3] == (pytest.approx(20, abs=1), 0.0)  # a drop to 0 that stays: still named
    panel = load_panel(pd.DataFrame({"date": pd.date_range("2022-01-01", periods=500), "y": z}), target="y",
                       announce=False)
    f = {"series": 0, "column": "y", "time": "2022-10-28", "before": 0.0, "after": 23.2857, "times": 40.0}
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        line = levelshifts.warn(panel, [f])
    assert "its level 0 before, 23.2857 after (from 0)" in line and "nan" not in line


def test_a_renovation_months_long_that_comes_back_is_no_shift_that_stays():
    """t41-t6 (decision 2250): 91 days at 30 % were named "shifts level at 2023-04-10 and stays there: its level 49.5
    before", with the advice to start the data there; the stretch is interruptions' now, and no shift is named."""
    days = pd.date_range("2019-01-01", periods=1600, freq="D")
    rng = np.random.default_rng(0)
    y = 170 * np.where(days.day_of_week >= 4, 1.1, 0.95) * np.exp(rng.normal(0, 0.05, len(days)))
    drop = y.copy()
    drop[1000:1091] *= 0.3
    for column, named in ((drop, 0), (np.r_[y[:1000], 0.3 * y[1000:]], 1)):  # back; a drop that stays
        panel = load_panel(pd.DataFrame({"date": days, "y": column}), target="y", announce=False)
        assert len(find(panel, [Split(1400, 1500, 1600)], 7)) == named
