"""Whether daily training rows repeat every year rather than every week, measured at fit, so that the season hint
names 365 where the data's yearly cycle is the stronger one (decision 1606).

A calendar of days implies a week (``seasons.implied_season``: 7), and the hint beside a verdict of season 1 named
7 on every daily file, a 6-year daily temperature too, whose cycle is the year. ``measure`` reads each series'
training rows on a calendar of one day (targets each, values none fill made) spanning two whole years or more by
the forecasts themselves (decision 1665): the median absolute error of the seasonal naive forecast at 365 days
against that of the last value repeated and of the seasonal naive at 7, over the fit's horizon. ``yearly`` holds where the 365's is the lower of both (the median over
the series of each ratio): a trend or a random walk, whose last value forecasts best, keeps 7 (the earlier measure,
autocorrelation a year apart and the months' R², called a trending till yearly, and one -9999 flipped it), and a
median is blind to one bad value. Measured only for a fit of season 1,
the only one whose hint reads it, on at most ``SAMPLE`` series (decision 1639).

Those ratios decided the hint by their third digit (decision 1702): both under 1 on 18 of 40 white-noise series,
and 1.019 on a clean yearly sine, which got 7. The rule is now a test, ``cycle``: whether a value is nearer the
value one cycle before (365 days, 7) than the value half a cycle before (183 days, 4 days), by the sign of the
difference of the two absolute differences, day by day, the sign test of Diebold and Mariano ("Comparing predictive
accuracy", Journal of Business & Economic Statistics 13(3), 1995, section 2.2) with the variance of its mean taken
by Newey and West's estimator (Econometrica 55(3), 1987; Bartlett weights) since consecutive days' signs share
values, its bandwidth chosen from the signs by Andrews' AR(1) plug-in (``bandwidth``, decision 1747: the fixed
floor(4 (n/100)^(2/9)) named 365 on 8 of 100 persistent noises). The cycle is found where z < -``Z`` (one-sided 1%); a trend or a random
walk, whose values half a cycle before are the nearer, finds none. ``yearly`` holds where the year's is found and
the week's is not.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import zoneclock
from rnncast.climatology import training_values, two_years
from rnncast.seasons import one_day
from rnncast.spelling import spelled

KEYS = ("year_vs_day", "year_vs_week", "year_vs_half", "year_z", "week_vs_half", "week_z")
OLD_KEYS = ("year_vs_day", "year_vs_week")  # a model saved before the test (decision 1702): its rule, a coin flip, unread
Z = 2.326  # the one-sided 1% normal quantile: a cycle is found where ``cycle``'s z is below -Z (decision 1702)
SAMPLE = 200  # the series measured at most: their medians, not each series', are kept (decision 1639)
CYCLES = (1, 7, 365)  # the naive forecast (repeat the last value) and the seasonal naive at 7 and 365 days
STEPS = 7  # the horizon's steps measured at most, spread over it
DAY = pd.Timedelta(days=1)


def steps_in(time: pd.DatetimeIndex, step: pd.Timedelta = DAY) -> np.ndarray:
    """[n] int64: each of ``time``'s steps since its first, on a grid of ``step``: days counted on the wall clock
    (``zoneclock.wall``, midnight to midnight), so that a zoned day after the spring change, 23 hours on, is the next
    day and not the same one (decision 1748); other steps (``weeklyseason``'s hours) in elapsed time, as the
    baselines' rows count them."""
    if step == DAY:
        midnights = zoneclock.wall(time).normalize()
        return ((midnights - midnights[0]) // DAY).to_numpy(dtype=np.int64)
    return ((time - time[0]) // step).to_numpy(dtype=np.int64)


def _errors(values: np.ndarray, time: pd.DatetimeIndex, horizon: int = 1) -> tuple[float, float]:
    """The forecasts of ``values`` [n] (finite, at ``time``, daily) as the fit's baselines make them ``h`` steps ahead
    (h of 1 to ``horizon``, at most ``STEPS`` of them): the last value (h days before), the seasonal naive at 7 and at
    365 (the day 7 and 365 days before, or 14, ... for a step past the cycle), on the days that have all three; the
    median absolute error at 365 over that of the last value and over that at 7, pooled over the steps; NaN with
    fewer than 3 such days or a median error of 0 to divide by."""
    days = steps_in(time)
    grid = np.full(days[-1] + 1, np.nan)  # a daily grid, missing days NaN: a lag is a shift
    grid[days] = values
    errors: list[list] = [[], [], []]
    for h in np.unique(np.linspace(1, max(horizon, 1), min(STEPS, max(horizon, 1))).astype(int)):
        lags = [cycle * -(-h // cycle) for cycle in CYCLES]
        if max(lags) >= len(grid):
            continue
        target = grid[max(lags):]
        before = [grid[max(lags) - lag: len(grid) - lag] for lag in lags]
        hit = np.isfinite(target) & np.logical_and.reduce([np.isfinite(b) for b in before])
        for kept, b in zip(errors, before):
            kept.append(np.abs(target[hit] - b[hit]))
    pooled = [np.concatenate(e) if e else np.zeros(0) for e in errors]
    if len(pooled[0]) < 3:
        return np.nan, np.nan
    last, week, year = (float(np.median(e)) for e in pooled)
    return tuple(year / other if other > 0 else np.nan for other in (last, week))


def bandwidth(signs: np.ndarray) -> float:
    """The Bartlett kernel's bandwidth S for the long-run variance of ``signs`` [n] (weights 1 - k/S for lags k < S),
    chosen from the data by Andrews' AR(1) plug-in ("Heteroskedasticity and autocorrelation consistent covariance
    matrix estimation", Econometrica 59(3), 1991, section 6): S = 1.1447 (alpha n)^(1/3), alpha = 4 rho^2 /
    ((1 - rho)^2 (1 + rho)^2), rho the lag-1 autocorrelation of the signs (kept within +-0.97); at least 1 (no lag)
    (decision 1747)."""
    centred = signs - signs.mean()
    below = centred[:-1] @ centred[:-1]
    rho = float(np.clip(centred[1:] @ centred[:-1] / below, -0.97, 0.97)) if below > 0 else 0.0
    alpha = 4 * rho ** 2 / ((1 - rho) ** 2 * (1 + rho) ** 2)
    return max(1.0, 1.1447 * (alpha * len(signs)) ** (1 / 3))


def cycle(values: np.ndarray, time: pd.DatetimeIndex, steps: int, against: int | None = None,
          step: pd.Timedelta = DAY) -> tuple[float, float]:
    """Whether ``values`` [n] (finite, at ``time``, daily) repeat every ``steps`` days: on the days that have the value
    ``steps`` and ``steps // 2 + 1`` days before, the median absolute difference from the first over that from the
    second, and the z statistic of the mean sign of the difference of the two absolute differences (Diebold and
    Mariano's sign test with a Newey-West variance of ``bandwidth``'s width; below -``Z``: the values one cycle apart are the nearer, more
    than chance makes them; +-99 where every day agrees); NaN, NaN with fewer than 3 such days or nothing to divide.
    ``against``: another lag than half the cycle; ``step``: steps of another length (``weeklyseason``: 168 hours
    against 24 and 1, decision 1719)."""
    days = steps_in(time, step)
    grid = np.full(days[-1] + 1, np.nan)
    grid[days] = values
    half = steps // 2 + 1 if against is None else against
    if len(grid) <= steps:
        return np.nan, np.nan
    target = grid[steps:]
    whole, halfway = np.abs(target - grid[: len(grid) - steps]), np.abs(target - grid[steps - half: len(grid) - half])
    ok = np.isfinite(whole) & np.isfinite(halfway)
    whole, halfway = whole[ok], halfway[ok]
    n = len(whole)
    if n < 3 or np.median(halfway) == 0:
        return np.nan, np.nan
    signs = np.sign(whole - halfway)
    centred, width = signs - signs.mean(), bandwidth(signs)
    variance = centred @ centred / n + sum(2 * (1 - k / width) * (centred[k:] @ centred[:-k]) / n
                                           for k in range(1, min(int(np.ceil(width)) - 1, n - 1) + 1))
    if variance <= 0:
        z = np.nan if signs.mean() == 0 else 99.0 * np.sign(signs.mean())
    else:
        z = float(np.clip(signs.mean() / np.sqrt(variance / n), -99, 99))
    return float(np.median(whole) / np.median(halfway)), z


def measure(panel, splits: list, season: int = 1, horizon: int = 1) -> dict | None:
    """``{"year_vs_day", "year_vs_week"}`` (``_errors``' ratios) and ``{"year_vs_half", "year_z", "week_vs_half",
    "week_z"}`` (``cycle``'s at 365 and 7 days): the medians over the series and targets of ``panel`` whose
    training rows (``splits[s].train_end``) span two whole years or more on a calendar of one day (at most
    ``SAMPLE`` of them, spread evenly over the panel: a median); None where the calendar is not one of days, no
    series has such rows, or ``season`` is not 1 (the hint that reads it is shown only then: decision 1639);
    ``horizon``: the fit's, the steps its baselines forecast."""
    freq = getattr(panel.calendar, "freq", None)
    if season != 1 or not isinstance(panel.time, pd.DatetimeIndex) or not one_day(freq) \
            or panel.calendars:
        return None
    long = [s for s, split in enumerate(splits) if two_years(panel.time_of(s)[: split.train_end])]
    picked = [long[k] for k in np.unique(np.linspace(0, len(long) - 1, min(SAMPLE, len(long))).astype(int))] \
        if long else []  # spread over the panel, the same every fit
    found = []
    for s in picked:
        split = splits[s]
        time = panel.time_of(s)[: split.train_end]
        table = training_values(panel, s, split.train_end, panel.n_targets)  # none fill made (climatology's)
        for t in range(panel.n_targets):
            values = table[:, t]
            ok = np.isfinite(values)
            if ok.sum() >= 3:
                found.append(_errors(values[ok], time[ok], horizon) + cycle(values[ok], time[ok], 365)
                             + cycle(values[ok], time[ok], 7))
    if not found:
        return None
    table = np.asarray(found, dtype=np.float64)
    if not np.isfinite(table).any(axis=0).all():  # no days a year apart, or no error to divide by: no median
        return None
    medians = np.nanmedian(table, axis=0)
    return {k: round(float(v), 4) for k, v in zip(KEYS, medians)}


def yearly(measured: dict | None) -> bool:
    """Whether ``measure``'s record finds the training rows repeating every year and not every week (``cycle``'s z
    below -``Z`` at 365 days, not at 7: decision 1702); a record without the test (``read``) never does."""
    return bool(measured) and "year_z" in measured and measured["year_z"] < -Z and not measured["week_z"] < -Z


def implied(season, measured: dict | None):
    """The season a hint names: ``season`` (``seasons.Season`` or None), but a year's 365 days where it is the week's 7
    and ``measured`` (``measure``'s record) is ``yearly``; fit's and backtest's hints alike (decision 1665)."""
    from rnncast.seasons import Season

    return Season(365, "days in a year") if season == (7, "days in a week") and yearly(measured) else season


def why(measured: dict) -> str:
    """The hint's reason: " (on the training rows a value differs from the value a year before by a median 0.13 times
    as much as from the value half a year before, and from the value a week before not clearly less than from 4 days
    before: a sign test of the days, z = -27.0 and 1.4)"; the earlier measure's words for a record without the test (a
    backtest's metrics.json written before decision 1702)."""
    if "year_z" in measured:
        return (" (on the training rows a value differs from the value a year before by a median "
                f"{measured['year_vs_half']:.2f} times as much as from the value half a year before, and from the "
                "value a week before not clearly less than from 4 days before: a sign test of the days, z = "
                f"{measured['year_z']:.1f} and {measured['week_z']:.1f})")
    return (" (on the training rows the seasonal naive forecast at 365 forecasts better than at 7 and than the last "
            f"value repeated: its median absolute error is {measured['year_vs_week']:.2f} and "
            f"{measured['year_vs_day']:.2f} times theirs)")


def also(measured: dict | None, climatology: bool) -> str:
    """The clause of a hint that names the week's 7 (decision 1702: where both cycles are found, 7) while ``measured``
    finds the yearly cycle too (``year_z`` below -``Z``): " (a yearly cycle is found too, z = -26.3: the 'climatology'
    baseline scores it)" where the run scored one (``climatology``), else that season 365 would; "" where the year is
    not found or not tested (decision 1760)."""
    if not measured or "year_z" not in measured or not measured["year_z"] < -Z:
        return ""
    weighed = ("the 'climatology' baseline scores it" if climatology else
               f"a season of 365 ({spelled('season', 365)}) would compare the model with it")
    return f" (a yearly cycle is found too, z = {measured['year_z']:.1f}: {weighed})"


def read(saved) -> dict | None:
    """``measure``'s record as model.json keeps it, checked (None: not measured, or a model saved before it was, or
    one of the earlier measures: of autocorrelation and months' R², which trends fooled (decision 1665), or of the
    ratios alone, which a third digit decided (decision 1702))."""
    earlier = ({"year_acf", "month_r2", "weekday_r2"}, set(OLD_KEYS))
    if saved is None or isinstance(saved, dict) and set(saved) in earlier:
        return None
    if not isinstance(saved, dict) or set(saved) != set(KEYS):
        raise ValueError(f"yearly_season must be null or {{{', '.join(KEYS)}}}, got {saved!r}")
    return {k: float(saved[k]) for k in KEYS}
