"""Whether daily training rows repeat every year rather than every week, measured at fit, so that the season hint
names 365 where the data's yearly cycle is the stronger one (decision 1606).

A calendar of days implies a week (``seasons.implied_season``: 7), and the hint beside a verdict of season 1 named
7 on every daily file, a 6-year daily temperature too, whose cycle is the year. ``measure`` reads each series'
training rows on a calendar of one day (targets each, values none fill made) spanning two whole years or more:
the autocorrelation a year apart (each value against the same date's a year earlier, pandas' calendar), and how
much of their variance the mean of each month of the year and that of each weekday explain (R²). ``yearly`` holds
where the autocorrelation a year apart is ``STRONG`` (0.5) or more and the months explain more than the weekdays
(the median over the series of each); a weekly pattern the stronger keeps 7.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pandas.tseries.offsets import Day

STRONG = 0.5  # the autocorrelation a year apart that counts as a yearly cycle
YEARS = pd.Timedelta(days=730)
KEYS = ("year_acf", "month_r2", "weekday_r2")


def _r2(values: np.ndarray, groups: np.ndarray) -> float:
    """The share of the variance of ``values`` [n] that the mean of each of ``groups`` [n] explains."""
    total = float(((values - values.mean()) ** 2).sum())
    means = pd.Series(values).groupby(groups).transform("mean").to_numpy()
    return 0.0 if total == 0 else 1.0 - float(((values - means) ** 2).sum()) / total


def measure(panel, splits: list) -> dict | None:
    """``{"year_acf", "month_r2", "weekday_r2"}``: the medians over the series and targets of ``panel`` whose
    training rows (``splits[s].train_end``) span two whole years or more on a calendar of one day; None where the
    calendar is not one of days or no series has such rows."""
    freq = getattr(panel.calendar, "freq", None)
    if not isinstance(panel.time, pd.DatetimeIndex) or not isinstance(freq, Day) or freq.n != 1 or panel.calendars:
        return None
    found = []
    for s, split in enumerate(splits):
        time = panel.time_of(s)[: split.train_end]
        if len(time) < 2 or time[-1] - time[0] + pd.Timedelta(days=1) < YEARS:
            continue
        for t in range(panel.n_targets):
            values = panel.rows(s)[: split.train_end, t].astype(np.float64)
            if panel.filled is not None:
                values = np.where(panel.filled[panel.offsets[s]:panel.offsets[s] + split.train_end, t] != 0, np.nan,
                                  values)
            ok = np.isfinite(values)
            if ok.sum() < 3:
                continue
            series = pd.Series(values[ok], index=time[ok])
            earlier = series.reindex(series.index - pd.DateOffset(years=1)).to_numpy()  # the same date a year earlier
            both = np.isfinite(earlier)
            acf = float(np.corrcoef(series.to_numpy()[both], earlier[both])[0, 1]) if both.sum() > 2 else np.nan
            found.append((acf, _r2(series.to_numpy(), series.index.month.to_numpy()),
                          _r2(series.to_numpy(), series.index.day_of_week.to_numpy())))
    if not found:
        return None
    medians = np.nanmedian(np.asarray(found, dtype=np.float64), axis=0)
    return {k: round(float(v), 4) for k, v in zip(KEYS, medians) if np.isfinite(v)} if np.isfinite(medians).all() else None


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
