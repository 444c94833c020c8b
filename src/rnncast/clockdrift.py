"""A logger clock that drifts: a series whose own step is a little off the step the other series keep, or off a
whole number of days, hours, minutes or seconds (drift.csv: 'ST02' gains 2 s an hour, so its calendar was '3602s',
said in an INFO line only, and its forecasts were dated 00:32:00, 01:32:02 ...). ``said`` names each such series,
its drift, and what puts it on the step meant: pandas' ``round`` where the drift over the whole series stays under
half a step, else restamping each row at its place on that step (a pandas line); within a tenth of a step
``gridtimes`` has read the rows on the grid already, as jitter. Real calendars are steps far apart
('h' beside '30min') or no fixed step at all (business days, month ends): never named.
"""

from __future__ import annotations

import pandas as pd
from pandas.tseries.frequencies import to_offset

from rnncast import idkeys
from rnncast.jitter import duration

TOLERANCE = 0.01  # a step within 1 % of another, and not equal to it, is a clock off that step
UNITS = ("D", "h", "min", "s")  # the whole units a drifting step is weighed against, coarsest first


def _step(calendar) -> pd.Timedelta | None:
    """A calendar's fixed step (a pandas Tick), else None (business days, month ends, no calendar)."""
    freq = getattr(calendar, "freq", None)
    return pd.Timedelta(freq) if isinstance(freq, pd.offsets.Tick) else None


def _text(step: pd.Timedelta) -> str:
    """A step as pd.Timedelta reads it back: '3602s', '1h' (pandas' alias 'h' alone is no Timedelta)."""
    alias = to_offset(step).freqstr
    return alias if alias[0].isdigit() else f"1{alias}"


def meant(step: pd.Timedelta, common: pd.Timedelta | None) -> pd.Timedelta | None:
    """The step a clock keeping ``step`` drifts from: ``common`` (the other series') where within ``TOLERANCE`` of
    it, else the coarsest whole number of a unit within it; None where ``step`` is that step or none is near."""
    for near in ([common] if common is not None else []) + [
            pd.Timedelta(1, unit) * round(step / pd.Timedelta(1, unit)) for unit in UNITS]:
        if near > pd.Timedelta(0) and near != step and abs(step - near) <= TOLERANCE * near:
            return near
    return None


def said(base, own: dict, ids: list, time: pd.DatetimeIndex, offsets, time_col, id_col, dtypes: dict | None = None
         ) -> list[str]:
    """One warning per series whose clock drifts (above): ``base`` the panel's calendar, ``own`` {position: calendar}
    of the series that keep their own, ``ids`` every series' id, ``time`` [N] and ``offsets`` [S + 1] the stacked
    timestamps, ``time_col``/``id_col`` the columns the advice's pandas line names (a key's values as its columns'
    ``dtypes``, ``data.KEY_DTYPES``, hold them)."""
    if not isinstance(time, pd.DatetimeIndex):
        return []
    steps = [_step(own.get(s, base)) for s in range(len(ids))]
    counts = pd.Series([s for s in steps if s is not None]).value_counts()
    lines = []
    for s, step in enumerate(steps):
        common = counts.index[0] if len(counts) and counts.index[0] != step else None
        if step is None or (near := meant(step, common)) is None:
            continue
        first, last = time[offsets[s]], time[offsets[s + 1] - 1]
        total = abs(step - near) * round((last - first) / step)  # how far its last row lies from the step meant
        alias, off, by = to_offset(near).freqstr, duration(near), duration(abs(step - near))
        whose = f"series {ids[s]!r}" if id_col is not None else "the series"
        column = f"df[{time_col!r}]"
        rows = idkeys.series_rows(id_col, ids, ids[s], dtypes=dtypes) if id_col is not None else None  # store 2
        m = f"{column} = pd.to_datetime({column}); " + (f"m = {rows}; " if rows is not None else "")
        t = f"df.loc[m, {time_col!r}]" if id_col is not None else column  # that series' rows alone
        if total < near / 2:
            fix = f"round its timestamps, e.g. with pandas: {m}{t} = {t}.dt.round({alias!r})"
        else:  # rounding would put rows on their neighbours' points
            fix = (f"rounding cannot put it back (its last row lies {duration(total)} off), so restamp each row at its "
                   f"place on the {off} step, e.g. with pandas: {m}t = {t}; {t} = t.iloc[0] + "
                   f"((t - t.iloc[0]) / pd.Timedelta({_text(step)!r})).round() * pd.Timedelta({_text(near)!r})")
        than = f"the {off} step of the other series" if common is not None and near == common else f"a whole {off}"
        lines.append(f"{whose} keeps a step of {duration(step)}, {by} {'longer' if step > near else 'shorter'} than "
                     f"{than}: a clock drifting, not a calendar; its forecasts are dated on that step, {by} further "
                     f"off the {off} one each step; {fix}")
    return lines
