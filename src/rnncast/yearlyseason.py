"""Whether daily training rows repeat every year rather than every week, measured at fit, so that the season hint
names 365 where the data's yearly cycle is the stronger one (decision 1606).

A calendar of days implies a week (``seasons.implied_season``: 7), and the hint beside a verdict of season 1 named
7 on every daily file, a 6-year daily temperature too, whose cycle is the year. ``measure`` reads each series'
training rows on a calendar of one day (targets each, values none fill made) spanning two whole years or more:
the autocorrelation a year apart (each value against the same date's a year earlier, pandas' calendar), and how
much of their variance the mean of each month of the year and that of each weekday explain (R²). ``yearly`` holds
where the autocorrelation a year apart is ``STRONG`` (0.5) or more and the months explain more than the weekdays
(the median over the series of each); a weekly pattern the stronger keeps 7. Measured only for a fit of season 1,
the only one whose hint reads it, on at most ``SAMPLE`` series (decision 1639).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pandas.tseries.offsets import Day

STRONG = 0.5  # the autocorrelation a year apart that counts as a yearly cycle
YEARS = pd.Timedelta(days=730)
KEYS = ("year_acf", "month_r2", "weekday_r2")
SAMPLE = 200  # the series measured at most: their medians, not each series', are kept (decision 1639)


def _r2(values: np.ndarray, groups: np.ndarray) -> float:
    """The share of the variance of ``values`` [n] that the mean of each of ``groups`` [n] (small ints) explains."""
    total = float(((values - values.mean()) ** 2).sum())
    if total == 0:  # a series that never sells: no variance to explain (and no RuntimeWarning)
        return 0.0
    counts = np.bincount(groups)
    means = np.bincount(groups, weights=values) / np.maximum(counts, 1)
    return 1.0 - float(((values - means[groups]) ** 2).sum()) / total


def _year_acf(values: np.ndarray, time: pd.DatetimeIndex) -> float:
    """The correlation of ``values`` [n] (finite, at ``time``) with the same date's a year earlier (pandas'
    calendar: Feb 29 against Feb 28); NaN with fewer than 3 pairs or a constant side."""
    at = time.searchsorted(time - pd.DateOffset(years=1))
    hit = (at < len(time)) & (time[np.minimum(at, len(time) - 1)] == time - pd.DateOffset(years=1))
    if hit.sum() <= 2:
        return np.nan
    now, then = values[hit], values[at[hit]]
    if now.std() == 0 or then.std() == 0:
        return np.nan
    return float(np.corrcoef(now, then)[0, 1])


def _two_years(time: pd.DatetimeIndex) -> bool:
    """Whether daily ``time`` spans two whole years or more."""
    return len(time) >= 2 and time[-1] - time[0] + pd.Timedelta(days=1) >= YEARS


def measure(panel, splits: list, season: int = 1) -> dict | None:
    """``{"year_acf", "month_r2", "weekday_r2"}``: the medians over the series and targets of ``panel`` whose
    training rows (``splits[s].train_end``) span two whole years or more on a calendar of one day (at most
    ``SAMPLE`` of them, spread evenly over the panel: a median); None where the calendar is not one of days, no
    series has such rows, or ``season`` is not 1 (the hint that reads it is shown only then: decision 1639)."""
    freq = getattr(panel.calendar, "freq", None)
    if season != 1 or not isinstance(panel.time, pd.DatetimeIndex) or not isinstance(freq, Day) or freq.n != 1 \
            or panel.calendars:
        return None
    long = [s for s, split in enumerate(splits) if _two_years(panel.time_of(s)[: split.train_end])]
    picked = [long[k] for k in np.unique(np.linspace(0, len(long) - 1, min(SAMPLE, len(long))).astype(int))] \
        if long else []  # spread over the panel, the same every fit
    found = []
    for s in picked:
        split = splits[s]
        time = panel.time_of(s)[: split.train_end]
        for t in range(panel.n_targets):
            values = panel.rows(s)[: split.train_end, t].astype(np.float64)
            if panel.filled is not None:
                values = np.where(panel.filled[panel.offsets[s]:panel.offsets[s] + split.train_end, t] != 0, np.nan,
                                  values)
            ok = np.isfinite(values)
            if ok.sum() < 3:
                continue
            kept, when = values[ok], time[ok]
            found.append((_year_acf(kept, when), _r2(kept, np.asarray(when.month) - 1),
                          _r2(kept, np.asarray(when.day_of_week))))
    if not found:
        return None
    table = np.asarray(found, dtype=np.float64)
    if not np.isfinite(table).any(axis=0).all():  # a column all NaN (no pairs a year apart): no median to take
        return None
    medians = np.nanmedian(table, axis=0)
    return {k: round(float(v), 4) for k, v in zip(KEYS, medians)}


def yearly(measured: dict | None) -> bool:
    """Whether ``measure``'s record says the training rows repeat every year more than every week."""
    return bool(measured) and measured["year_acf"] >= STRONG and measured["month_r2"] > measured["weekday_r2"]


def why(measured: dict) -> str:
    """The hint's reason: " (the training rows repeat every year: their autocorrelation a year apart is 0.93, and
    the mean of each month explains 88% of their variance, that of each weekday 0%)"."""
    return (f" (the training rows repeat every year: their autocorrelation a year apart is {measured['year_acf']:.2f}, "
            f"and the mean of each month explains {measured['month_r2']:.0%} of their variance, that of each weekday "
            f"{measured['weekday_r2']:.0%})")


def read(saved) -> dict | None:
    """``measure``'s record as model.json keeps it, checked (None: not measured, or a model saved before it was)."""
    if saved is None:
        return None
    if not isinstance(saved, dict) or set(saved) != set(KEYS):
        raise ValueError(f"yearly_season must be null or {{{', '.join(KEYS)}}}, got {saved!r}")
    return {k: float(saved[k]) for k in KEYS}
