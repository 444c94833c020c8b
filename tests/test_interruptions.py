"""A stretch of rows far below the level before and after it, then back, named at fit (``interruptions.py``,
decision 2053)."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster
from rnncast.interruptions import find, stretches, warn
from rnncast.loading import load_panel
from rnncast.speakers import speaker
from rnncast.windows import Split

MONTHS = pd.date_range("2005-01-31", periods=240, freq="ME")
COLLAPSE = slice(183, 198)  # 2020-04 .. 2021-06


def _nights(seed: int = 0, collapse: bool = True) -> np.ndarray:
    """t38t5's hotel nights: growth, a summer peak, 3 % noise, 15 months at 10-30 % and a year's recovery."""
    rng = np.random.default_rng(seed)
    m = MONTHS.month.to_numpy()
    season = 1 + 0.6 * np.exp(-((m - 7.5) ** 2) / 3) - 0.15 * np.isin(m, (1, 2, 11))
    y = 1e5 * 1.02 ** (np.arange(240) / 12) * season * (1 + rng.normal(0, 0.03, 240))
    if collapse:
        y[182] *= 0.55
        y[COLLAPSE] *= rng.uniform(0.1, 0.3, 15)
        y[198:210] *= 0.6 + 0.4 * np.arange(12) / 11
    return y


def test_the_collapse_is_found_with_its_rows_and_shares():
    [(lo, hi, low, high)] = stretches(_nights(), 12)
    assert (lo, hi) == (COLLAPSE.start, COLLAPSE.stop) and 0.08 < low < high < 0.35


def test_find_gives_dates_training_rows_and_what_it_does_to_masess_scale():
    panel = load_panel(pd.DataFrame({"date": MONTHS, "y": _nights()}), target="y", announce=False)
    [f] = find(panel, [Split(190, 216, 240)], 12)
    assert (f["start"], f["end"], f["rows"], f["training_rows"]) == ("2020-04-30", "2021-06-30", 15, 7)
    assert f["scale"] / f["scale_without"] > 1.5 and f["mean"] < f["mean_without"]


def test_the_scale_said_is_the_scale_mase_divides_by(caplog):
    """Decision 2210: the line quoted MASE's scale of the training rows (decision 2173 made it every row before the
    cutoff), so its "with" figure was not ``mase_scales_``."""
    frame = pd.DataFrame({"date": MONTHS, "y": _nights()})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model = Forecaster(**{**TINY, "epochs": 1}, season=12).fit(frame, target="y")
    [f] = find(load_panel(frame, target="y", announce=False), model.splits_, 12)
    scale = float(np.ravel(model.mase_scales_)[0])
    assert f["validation_rows"] and np.isclose(f["scale"], scale)
    assert f"{scale:.6g} with the stretch's pairs" in caplog.text and "rows before the cutoff raise" in caplog.text


@pytest.mark.parametrize("name, y, season", [
    ("seasonal with growth", _nights(collapse=False), 12),
    ("the same read without its season", _nights(collapse=False), 1),
    ("a geometric random walk", 100 * np.exp(np.cumsum(np.random.default_rng(1).normal(0, 0.01, 2000))), 1),
    ("steady growth", np.exp(0.02 * np.arange(240)) * (1 + np.random.default_rng(2).normal(0, 0.03, 240)), 1),
    ("a lasting drop to 20 %", _nights(collapse=False) * np.where(np.arange(240) >= 150, 0.2, 1.0), 12),
    ("a drop at the end of the rows", _nights()[:190], 12),
    ("flu peaks every winter", 1 + 5 * np.exp(-(((np.arange(520) % 52) - 4) ** 2) / 20)
     * (1 + np.random.default_rng(3).normal(0, 0.05, 520)), 1),
    ("a summer dip the first two years only (the providers' reporting)",
     _nights(collapse=False) * np.where((np.arange(240) < 30) & np.isin(MONTHS.month, (6, 7, 8, 9, 10)), 0.3, 1.0),
     12),
    ("a solar plant's nights", np.clip(np.sin(2 * np.pi * np.arange(24 * 60) / 24), 0, None) * 50, 24),
])
def test_series_without_an_interruption_are_left_alone(name, y, season):
    assert stretches(y, season) == [], name


def test_a_surge_is_found_as_a_drop_is_with_shares_above_one():
    """Decision 2087: 10 months at 5 times the season's level (the ILI file's 2009 wave), and a promotion week at 3
    times on daily rows, were named by nothing (the week's two edges only by jumps, as splits)."""
    wave = _nights(collapse=False) * np.where((np.arange(240) >= 100) & (np.arange(240) < 110), 5.0, 1.0)
    [(lo, hi, low, high)] = stretches(wave, 12)
    assert (lo, hi) == (100, 110) and 4 < low < high < 6
    rng = np.random.default_rng(0)
    days = pd.date_range("2022-01-01", periods=730, freq="D")
    sales = 100 * (1 + 0.3 * (days.day_of_week >= 5)) * (1 + rng.normal(0, 0.05, 730))
    sales[400:407] *= 3
    [(lo, hi, low, high)] = stretches(sales, 7)
    assert (lo, hi) == (400, 407) and 2.5 < low < high < 3.5
    peaks = _nights(collapse=False) * np.where(np.arange(240) % 40 < 6, 4.0, 1.0)  # 6 of them: a pattern
    assert stretches(peaks, 12) == []


def _sales(seed: int = 1) -> np.ndarray:
    """Two years of daily counts about 20 (26 at weekends)."""
    days = pd.date_range("2022-01-01", periods=730, freq="D")
    return np.random.default_rng(seed).poisson(20 * (1 + 0.3 * (days.day_of_week >= 5))).astype(float)


def test_a_column_with_zeros_is_read_and_a_drop_to_zero_is_named():
    """Decision 2088: a column with a value of 0 was not read at all, so a closure at 0 (or at 10 %, with a 0 among
    its rows) of sales that are 0 on a few other days went unnamed."""
    sales = _sales()
    sales[[20, 95, 180, 260, 420, 510, 600, 690]] = 0  # a few days without a sale
    sales[300:314] = 0  # two weeks closed
    assert stretches(sales, 7) == [(300, 314, 0.0, 0.0)]
    low = _sales()
    low[300:314] = np.round(low[300:314] * 0.1)
    low[[303, 309]] = 0
    [(lo, hi, least, most)] = stretches(low, 7)
    assert (lo, hi, least) == (300, 314, 0.0) and most < 0.25
    outage = _sales()
    outage[300:314] = 0  # 0 nowhere else: outageruns names it (decision 1925), not this rule too
    assert stretches(outage, 7) == []


def _intermittent(seed: int, share: float) -> np.ndarray:
    """Two years of daily demand 0 on ``share`` of the days at random, else about 20 (r39r1's H1)."""
    rng = np.random.default_rng(seed)
    return (rng.random(730) > share) * np.round(rng.lognormal(3, 0.3, 730))


@pytest.mark.parametrize("share, seeds", [(0.1, (1, 30, 37)), (0.2, (0, 1, 6, 7)), (0.3, (2, 3, 4, 5))])
def test_zeros_that_run_by_chance_in_intermittent_demand_are_no_interruption(share, seeds):
    """Decision 2132: these seeds' chance runs of 4-7 zeros were "runs at 0 % of its level ... an interruption"; a run
    of 0s is named only where the column's own share of 0s makes one so long rare (0.3 ** 5 * 730 rows: 1.8)."""
    assert [stretches(_intermittent(s, share), 7) for s in seeds] == [[]] * len(seeds)
    closed = _intermittent(0, share)
    closed[300:314] = 0  # two weeks closed: 0.3 ** 14 * 730 is 3.5e-5
    assert stretches(closed, 7) == [(300, 314, 0.0, 0.0)]


def _shop(seed: int, closed: int = 0) -> np.ndarray:
    """Two years of daily sales about 20 (26 at weekends), 0 only where the shop is shut: 12 times at random for a few
    days (geometric, 2 on average), and ``closed`` days from row 400."""
    rng = np.random.default_rng(seed)
    y = _sales(seed)
    for start in rng.choice(np.arange(5, 720), 12, replace=False):
        y[start: start + rng.geometric(0.5)] = 0
    y[400:400 + closed] = 0
    return y


def test_zeros_that_come_in_runs_are_read_by_their_runs():
    """Decision 2153: in sales 0 only in short closures, one of 4 to 8 days was "an interruption" (26 of 40 seeds,
    these four among them), its chance read off the share of 0s (3 %) as if each day were 0 on its own; it is read off
    the column's runs too. Three weeks shut, far beyond those runs, are named, no longer hidden (seeds 2 and 3) among
    more than ``MOST`` stretches."""
    assert [stretches(_shop(s), 7) for s in (1, 2, 3, 6)] == [[]] * 4
    assert [stretches(_shop(s, 21), 7) for s in (1, 2, 3, 6)] == [[(400, 421, 0.0, 0.0)]] * 4


def test_a_level_read_off_zeros_reads_no_surge():
    """Decision 2132: in demand 0 on 45 % of days, where 0s locally passed half the rows the level was 1 % of the
    median, and four ordinary days (26, 26, 24, 26) read as 200-217 times it: a surge."""
    y = _intermittent(32, 0.45)
    assert y[101:105].tolist() == [26, 26, 24, 26] and stretches(y, 7) == []


def test_a_flu_peak_some_weeks_off_last_years_is_the_seasons_own():
    """Decision 2133: weekly flu peaks 2 to 5 times the level whose week moves up to 3 weeks each year were named as
    surges, the season's check looking a whole number of seasons away only; it now allows a fifth of a season."""
    def flu(seed):
        rng = np.random.default_rng(seed)
        weeks, y = np.arange(52 * 12), np.ones(52 * 12)
        for year in range(12):
            height = rng.uniform(2, 5)
            y *= 1 + (height - 1) * np.exp(-((weeks - year * 52 - 10 - rng.integers(-3, 4)) ** 2) / 12.5)
        return y * (1 + rng.normal(0, 0.05, len(y)))

    assert [stretches(flu(s), 52) for s in (0, 5, 10, 11, 12, 13)] == [[]] * 6


def _flu_seasons(seed: int, high: float = 1.0, wave_at: int | None = None) -> np.ndarray:
    """12 weekly flu seasons peaking 2 to 4 times the level about week 10 (give or take 3), the seventh ``high`` times
    higher at its usual week, or with a wave 5 times the level at week ``wave_at`` of that season."""
    rng = np.random.default_rng(seed)
    weeks, y = np.arange(52 * 12), np.ones(52 * 12)
    for year in range(12):
        height = rng.uniform(2, 4) * (high if year == 6 else 1)
        y *= 1 + (height - 1) * np.exp(-((weeks - year * 52 - 10 - rng.integers(-3, 4)) ** 2) / 12.5)
    if wave_at is not None:
        y *= 1 + 4 * np.exp(-((weeks - 6 * 52 - wave_at) ** 2) / 12.5)
    return y * (1 + rng.normal(0, 0.05, len(y)))


def test_a_higher_flu_season_at_its_time_is_the_seasons_own_and_a_wave_off_season_a_surge():
    """Decision 2152: a season twice as high as the others, at its usual week, was "a surge (a promotion, an epidemic's
    wave, ...)?" in 12 of 40 seeds (these four among them; the ILI file's 2003 peak); it is named only where the seasons
    either side peak more than ``VARY`` times lower or not at its time. A wave 26 weeks off the peak is still named."""
    assert [stretches(_flu_seasons(s, high=2.0), 52) for s in (0, 8, 10, 11)] == [[]] * 4
    assert [[(lo, hi) for lo, hi, *_ in stretches(_flu_seasons(s, wave_at=36), 52)] for s in (0, 8, 10, 11)] == \
        [[(344, 353)]] * 4


@pytest.mark.parametrize("y, why", [
    (10 + 12 * np.sin(np.arange(730) * 2 * np.pi / 365), "values below 0"),
    (np.random.default_rng(4).poisson(0.5, 400).astype(float), "half its values or more 0"),
])
def test_a_column_without_a_level_is_not_read_and_said_once(caplog, y, why):
    from rnncast.interruptions import unread

    assert unread(y) == why and stretches(y, 7) == []
    assert unread(_sales()) is None and unread(np.array([0.0, 1.0, 2.0])) is None
    frame = pd.DataFrame({"date": pd.date_range("2022-01-01", periods=len(y), freq="D"), "y": y})
    panel = load_panel(frame, target="y", announce=False)
    found = find(panel, [Split(len(y) - 60, len(y) - 30, len(y))], 7)
    assert found == [{"series": 0, "owner": None, "column": "y", "unread": why}]
    with caplog.at_level(logging.INFO, logger="rnncast"):
        [line] = warn(panel, found)
    assert line.startswith("not checked for a stretch far below or above the level") and f"column 'y' ({why})" in line
    assert [r.getMessage() for r in caplog.records] == [line] and caplog.records[0].levelname == "INFO"


def test_blanked_rows_are_no_stretch():
    """The workaround that does work: the collapse blanked (made by fill, NaN here) leaves nothing to name."""
    y = _nights()
    y[COLLAPSE] = np.nan
    assert stretches(y, 12) == []


def test_a_panel_sharing_the_stretch_is_said_in_one_line(caplog):
    frame = pd.concat([pd.DataFrame({"date": MONTHS, "id": name, "y": _nights(seed)})
                       for seed, name in enumerate(["Alps", "Capital", "Coast"])])
    panel = load_panel(frame, target="y", id_col="id", announce=False)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        [line] = warn(panel, find(panel, [Split(190, 216, 240)] * 3, 12))
    assert line.startswith("series 'Alps', 'Capital' and 'Coast' run at ")
    assert "from 2020-04-30 to 2021-06-30 (15 rows: 7 training, 8 validation rows, which choose the epoch)" in line
    assert "raise MASE's scale" in line and "--fill interpolate" in line and "future covariate" in line
    assert [r.getMessage() for r in caplog.records] == [line]


def test_overlapping_stretches_of_a_panel_are_one_line_with_their_span():
    later = _nights(1, collapse=False)
    later[186:196] *= 0.2  # 2020-07 .. 2021-04
    frame = pd.concat([pd.DataFrame({"date": MONTHS, "id": "Alps", "y": _nights()}),
                       pd.DataFrame({"date": MONTHS, "id": "Coast", "y": later})])
    panel = load_panel(frame, target="y", id_col="id", announce=False)
    [line] = warn(panel, find(panel, [Split(216, 228, 240)] * 2, 12))
    assert "between 2020-04-30 and 2021-06-30 (10 to 15 rows in a row, the dates differing by series" in line


def test_a_stretch_after_the_training_rows_is_said_as_scored_not_learned():
    panel = load_panel(pd.DataFrame({"date": MONTHS, "y": _nights()}), target="y", announce=False)
    [line] = warn(panel, find(panel, [Split(150, 170, 240)], 12))
    assert "(15 rows, none of them training rows)" in line and "never trained on it" in line
    assert "MASE's scale" in line and "raise MASE's scale" not in line


def test_fit_names_the_interruption(caplog):
    frame = pd.DataFrame({"date": MONTHS, "y": _nights()})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        Forecaster(**{**TINY, "epochs": 1}, season=12).fit(frame, target="y")
    said = [r.getMessage() for r in caplog.records if "and comes back: an interruption" in r.getMessage()]
    assert len(said) == 1 and said[0].startswith("column 'y' runs at ")


def test_a_stretch_in_the_validation_rows_is_said_to_choose_the_epoch():
    panel = load_panel(pd.DataFrame({"date": MONTHS, "y": _nights()}), target="y", announce=False)
    [found] = find(panel, [Split(150, 190, 240)], 12)  # rows 183 .. 197: 7 validation rows, 8 test rows
    assert (found["training_rows"], found["validation_rows"], found["later_rows"]) == (0, 7, 8)
    [line] = warn(panel, [found])
    assert "(15 rows: 0 training, 7 validation rows, which choose the epoch)" in line
    assert "never trained on it, yet its loss on those validation rows chooses the epoch kept" in line
    assert "the scores of the windows over it measure forecasts of it" in line
    [found] = find(panel, [Split(150, 200, 200)], 12)  # a backtest cutoff's fit: no rows after validation
    [line] = warn(panel, [found])
    assert "15 validation rows" in line and "the scores of the windows" not in line


def test_a_fit_whose_rows_and_forecasts_end_before_the_stretch_says_nothing_of_it():
    panel = load_panel(pd.DataFrame({"date": MONTHS, "y": _nights()}), target="y", announce=False)
    assert find(panel, [Split(100, 120, 140)], 12, horizon=12) == []  # rows read end at 151, the stretch starts at 183
    assert len(find(panel, [Split(150, 160, 172)], 12, horizon=12)) == 1  # its forecast rows 172 .. 183 reach it


def test_a_refit_backtest_says_the_interruption_at_the_first_cutoff_that_reaches_it_and_the_first_that_trains_on_it():
    """Decision 2084 said it once, at cutoff 2 (none of its rows training rows); decision 2090 says it again at
    cutoff 3, the first whose training rows hold it (and every later cutoff's), with its MASE-scale figures."""
    said = []

    class Heard(logging.Handler):
        def emit(self, record):
            if "and comes back: an interruption" in record.getMessage():
                said.append(f"{speaker()} {record.getMessage()}")

    heard, log = Heard(logging.WARNING), logging.getLogger("rnncast")
    log.addHandler(heard)
    try:  # cutoff 1 reads rows up to 2018-12 (its forecasts up to 2019-06), cutoffs 2 to 4 the stretch (2020-04 on)
        Forecaster(**{**TINY, "epochs": 1, "horizon": 6}, season=12).backtest(
            pd.DataFrame({"date": MONTHS, "y": _nights()}), target="y", n_windows=4, step=24, refit=True)
    finally:
        log.removeHandler(heard)
    assert len(said) == 2 and said[0].startswith("cutoff 2 of 4 ") and said[1].startswith("cutoff 3 of 4 "), said
    assert "an earlier cutoff named it" not in said[0]  # its 3 validation rows are before the cutoff: MASE's scale
    assert "its rows before the cutoff raise MASE's scale" in said[0]  # reads them (decision 2210)
    assert "an earlier cutoff named it before any of its rows were training rows: this cutoff's training rows hold it, " \
        "and so do every later cutoff's" in said[1] and "raise MASE's scale" in said[1]


def test_an_hourly_stretch_under_a_day_is_the_days_own_course_not_an_interruption():
    """t38t8 (decision 2085): 6 hours of a cold night in ETTh1's OT were "an interruption (a closure, an outage, a
    pandemic)?"; on rows under a day apart a stretch holds a day of rows at least, and a day-long closure is still named."""
    from rnncast.interruptions import rows_a_day

    hours = pd.date_range("2024-01-01", periods=24 * 60, freq="h")
    assert rows_a_day(hours.to_numpy()) == 24 and rows_a_day(MONTHS.to_numpy()) == 1
    assert rows_a_day(pd.date_range("2024-03-01", periods=200, freq="15min", tz="Europe/Berlin")) == 96
    rng = np.random.default_rng(3)
    daily = 1 + 0.3 * np.sin(2 * np.pi * np.arange(len(hours)) / 24)
    y = 100 * daily * (1 + rng.normal(0, 0.02, len(hours)))
    night = y.copy()
    night[700:706] *= 0.4  # six hours far below
    assert stretches(night, 24, day=24) == [] and stretches(night, 24)  # a row count alone took it
    closed = y.copy()
    closed[700:736] *= 0.2  # a day and a half closed
    [(lo, hi, low, high)] = stretches(closed, 24, day=24)
    assert (lo, hi) == (700, 736) and high < 0.3


def test_a_closure_of_days_on_hourly_rows_is_named():
    """Decision 2089: on hourly rows a stretch could run to 48 rows, so a 3-day closure was named by nothing; it may
    now run to 24 days of rows (as on daily rows), at most a quarter of the rows, so a short series is still read."""
    rng = np.random.default_rng(5)
    hours = np.arange(24 * 120)
    base = 100 * (1 + 0.5 * np.sin(2 * np.pi * hours / 24)) * (1 + rng.normal(0, 0.03, len(hours)))
    y = base.copy()
    y[1440:1512] *= 0.05
    [(lo, hi, low, high)] = stretches(y, 24, day=24)
    assert (lo, hi) == (1440, 1512) and high < 0.06
    short = base[:480].copy()  # 20 days, a day and a half closed: a stretch of 120 rows at most
    short[300:336] *= 0.05
    assert [(lo, hi) for lo, hi, *_ in stretches(short, 24, day=24)] == [(300, 336)]
    assert stretches(base * np.where(hours >= 1440, 0.3, 1.0), 24, day=24) == []  # a drop that stays


def test_a_final_fit_says_the_interruption_without_mase():
    """Decision 2156: a final fit (test_frac 0) with val_frac 0 scores nothing, so the line says the network learns
    the stretch and how it moves the training mean; with validation rows, which are scored, it keeps MASE's scale."""
    frame = pd.DataFrame({"date": MONTHS, "y": _nights()})
    for val_frac, mase in ((0.0, False), (0.1, True)):
        said = []

        class Heard(logging.Handler):
            def emit(self, record):
                if "and comes back: an interruption" in record.getMessage():
                    said.append(record.getMessage())

        heard, log = Heard(logging.WARNING), logging.getLogger("rnncast")
        log.addHandler(heard)
        try:
            Forecaster(**{**TINY, "epochs": 1}, season=12, test_frac=0, val_frac=val_frac).fit(frame, target="y")
        finally:
            log.removeHandler(heard)
        assert len(said) == 1 and ("MASE" in said[0]) is mase, said
        assert ("its training rows move the training mean" in said[0]) is not mase


def test_a_sensor_stuck_high_at_the_seasons_peak_is_named():
    """Decision 2202: a weekly bump 1.6 times the level about week 10, five weeks of year 6 stuck at 4 times the level
    at its peak, was read as the season's own (0 of 40 seeds named, 40 before decision 2152): a value held flat is no
    season's peak. The same seasons unstuck name nothing."""
    def bumps(seed, stuck=0.0):
        rng = np.random.default_rng(seed)
        weeks, peaks = np.arange(52 * 8), 10 + rng.integers(-2, 3, size=8)
        y = 100 + sum(60 * np.exp(-0.5 * ((weeks - 52 * k - peaks[k]) / 2.5) ** 2) for k in range(8))
        y = y * np.exp(rng.normal(0, 0.05, len(y)))
        if stuck:
            y[52 * 5 + peaks[5] - 2: 52 * 5 + peaks[5] + 3] = stuck
        return y

    assert all(len(stretches(bumps(s, 400.0), 52)) == 1 for s in (0, 1, 2, 3))
    assert [stretches(bumps(s), 52) for s in (0, 1, 2, 3)] == [[]] * 4


def test_an_outage_in_a_column_shut_each_winter_is_named():
    """Decision 2203: a kiosk shut every December to February (90-day runs of 0s) had a two- or three-week outage in
    July read as likely (0 of 20 seeds named): the runs of 0s are fitted on runs a stretch could be, 24 days or fewer."""
    days = pd.date_range("2022-01-01", "2024-12-31", freq="D")
    july = days.get_loc(pd.Timestamp("2023-07-03"))
    for seed, out in ((0, 14), (1, 21), (2, 14)):
        y = np.random.default_rng(seed).poisson(20 * (1 + 0.3 * (days.day_of_week >= 5))).astype(float)
        y[(days.month <= 2) | (days.month == 12)] = 0
        y[july: july + out] = 0
        assert [(lo, hi) for lo, hi, *_ in stretches(y, 7)] == [(july, july + out)]


def test_a_drift_below_zero_is_read_as_floored_where_nonnegative_declares_0_the_floor():
    """t41-t4 M1 (decision 2237): a PM2.5 zero drift that pushed 53 hours below 0 got only "not checked ... (values
    below 0)", while a milder drift was named with its MASE-scale effect; under --nonnegative the values below 0 are
    the fault, read as 0, and the stretch is named with how many of its values are below 0. Without it, decision 2088."""
    from rnncast.interruptions import unread

    y = _sales()
    y[300:314] -= 30.0  # two weeks pushed below 0, then corrected
    assert unread(y) == "values below 0" and stretches(y, 7) == []
    assert unread(y, floor=True) is None
    [(lo, hi, least, most)] = stretches(y, 7, floor=True)
    assert (lo, hi, least) == (300, 314, 0.0) and most < 0.2
    frame = pd.DataFrame({"date": pd.date_range("2022-01-01", periods=len(y), freq="D"), "y": y})
    panel = load_panel(frame, target="y", announce=False)
    [found] = find(panel, [Split(len(y) - 60, len(y) - 30, len(y))], 7, floor=True)
    assert found["below_zero"] == int((y[300:314] < 0).sum()) > 0 and found["scale"] > found["scale_without"]
    [said] = warn(panel, [found])
    assert "a drift below the floor (" in said and "below 0, which --nonnegative declares the target never is" in said
    assert "raise MASE's scale" in said and "blank those rows and fit with --fill interpolate" in said
    assert find(panel, [Split(len(y) - 60, len(y) - 30, len(y))], 7)[0]["unread"] == "values below 0"
def test_a_collapse_of_months_on_daily_rows_is_named_with_its_scale_at_the_season_given():
    """t41-t6 (decisions 2250): 14 months at 35 % of a daily hotel's level were no stretch (24 rows at most), and with
    --season 364 its year-ago pairs tripled MASE's scale without a word."""
    days = pd.date_range("2019-01-01", "2023-06-30", freq="D")
    rng = np.random.default_rng(0)
    y = np.round(170 * np.where(days.day_of_week >= 4, 1.1, 0.95) * np.exp(rng.normal(0, 0.05, len(days))))
    lo, hi = days.get_loc(pd.Timestamp("2020-03-15")), days.get_loc(pd.Timestamp("2021-05-31")) + 1
    y[lo:hi] = np.round(y[lo:hi] * 0.35)
    panel = load_panel(pd.DataFrame({"date": days, "y": y}), target="y", announce=False)
    [f] = find(panel, [Split(1300, 1400, len(days))], 364)
    assert (f["start"], f["end"], f["rows"]) == ("2020-03-15", "2021-05-31", hi - lo)
    assert f["scale"] / f["scale_without"] > 2  # the year-ago pairs across the collapse
    line = warn(panel, [f])[0]
    assert "one season (364 rows) apart) " in line and "the training mean and climatology baselines" in line
