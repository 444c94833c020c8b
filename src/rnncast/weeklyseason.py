"""Whether hourly training rows repeat every week rather than every day, measured at fit, so that the season hint
names 168 where the week is the stronger cycle (decision 1719), as ``yearlyseason`` names 365 over 7 on days.

An hourly calendar implies a day (``seasons.implied_season``: 24), and the hint beside a verdict of season 1 named 24
on every hourly file, electricity load too, whose seasonal naive forecast at 168 (the same hour a week earlier) is
the stronger baseline (t34t1 LOW 5: MSE 20.2 at 168 against 54.8 at 24). ``measure`` takes ``yearlyseason``'s test
(``yearlyseason.cycle``, decision 1702: the sign test of whether a value is nearer the value one cycle before than
another lag's, with a Newey-West variance) on each series' training rows of one hour spanning two weeks or more:
the value 168 hours before against the value 24 hours before (the seasonal naive at 24) and 1 hour before (the
last value); 168 is named where both find the week's the nearer (z below -``yearlyseason.Z``), not by a median
ratio's third digit. Its record is kept where ``yearlyseason``'s is (a model's ``yearly_season``: the season hint's
measure), told apart by its keys; ``read``, ``implied`` and ``why`` take either.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pandas.tseries.offsets import Hour

from rnncast import yearlyseason
from rnncast.climatology import training_values
from rnncast.seasons import Season

KEYS = ("week_vs_day", "week_z_day", "week_vs_hour", "week_z_hour")
WEEKS = pd.Timedelta(days=14)
HOUR = pd.Timedelta(hours=1)
WEEK = Season(168, "hours in a week")


def measure(panel, splits: list, season: int = 1, horizon: int = 1) -> dict | None:
    """``{"week_vs_day", "week_z_day", "week_vs_hour", "week_z_hour"}``: ``yearlyseason.cycle``'s median ratio and z of
    the value 168 hours before against the value 24 hours and 1 hour before, the medians over the series and targets
    of ``panel`` (at most ``yearlyseason.SAMPLE``) whose training rows on a calendar of one hour span two weeks or
    more (values fill made left out); on a calendar of one day, ``yearlyseason.measure``'s record; None otherwise,
    or where ``season`` is not 1 (the hint that reads it is shown only then)."""
    freq = getattr(panel.calendar, "freq", None)
    if not isinstance(freq, Hour) or freq.n != 1:
        return yearlyseason.measure(panel, splits, season, horizon)
    if season != 1 or not isinstance(panel.time, pd.DatetimeIndex) or panel.calendars:
        return None
    long = [s for s, split in enumerate(splits) if split.train_end >= 2 and
            panel.time_of(s)[split.train_end - 1] - panel.time_of(s)[0] >= WEEKS]
    picked = [long[k] for k in np.unique(np.linspace(0, len(long) - 1, min(yearlyseason.SAMPLE, len(long))).astype(int))] \
        if long else []
    found = []
    for s in picked:
        end, time = splits[s].train_end, panel.time_of(s)[: splits[s].train_end]
        table = training_values(panel, s, end, panel.n_targets)  # none fill made (climatology's)
        for t in range(panel.n_targets):
            values = table[:, t]
            if (ok := np.isfinite(values)).sum() >= 3:
                found.append(sum((yearlyseason.cycle(values[ok], time[ok], 168, lag, HOUR) for lag in (24, 1)), ()))
    table = np.asarray(found, dtype=np.float64).reshape(-1, len(KEYS))
    if not len(table) or not np.isfinite(table).any(axis=0).all():
        return None
    return {k: round(float(v), 4) for k, v in zip(KEYS, np.nanmedian(table, axis=0))}


def weekly(measured: dict | None) -> bool:
    """Whether ``measure``'s hourly record finds a value nearer the value a week before than the value a day before
    and than the one an hour before, more often than chance makes it (both z below -``yearlyseason.Z``)."""
    return bool(measured) and set(measured) == set(KEYS) and \
        measured["week_z_day"] < -yearlyseason.Z and measured["week_z_hour"] < -yearlyseason.Z


def implied(season, measured: dict | None):
    """The season a hint names: 168 hours where ``season`` is the day's 24 hours and ``measured`` is ``weekly``; else
    ``yearlyseason.implied``'s (365 over 7 on days)."""
    if season == (24, "hours in a day") and weekly(measured):
        return WEEK
    return yearlyseason.implied(season, None if measured and set(measured) == set(KEYS) else measured)


def why(season, measured: dict | None, climatology: bool = False) -> str:
    """The hint's reason where it names the longer cycle (168 by an hourly record, 365 by a daily one); where it names
    the week's 7 and a daily record finds the year too, that clause (``yearlyseason.also``: ``climatology``, whether
    the run scored that baseline, decision 1760); else ""."""
    if season is None or not measured:
        return ""
    if season.steps == 7 and set(measured) != set(KEYS):
        return yearlyseason.also(measured, climatology)
    if season.steps == 168 and set(measured) == set(KEYS):
        return (" (on the training rows a value differs from the value a week before by a median "
                f"{measured['week_vs_day']:.2f} times as much as from the value a day before and "
                f"{measured['week_vs_hour']:.2f} times as much as from the value an hour before: a sign test of the "
                f"hours, z = {measured['week_z_day']:.1f} and {measured['week_z_hour']:.1f})")
    return yearlyseason.why(measured) if season.steps == 365 and set(measured) != set(KEYS) else ""


def read(saved) -> dict | None:
    """A model.json's record of the season hint's measure: an hourly one (``KEYS``), checked, or
    ``yearlyseason.read``'s."""
    if isinstance(saved, dict) and set(saved) == set(KEYS):
        return {k: float(saved[k]) for k in KEYS}
    return yearlyseason.read(saved)
