"""What of a future table no forecast step reads, said in warnings: its columns that are not read, and its rows
outside the forecast steps (named by date) or on the holidays the model's calendar skips (counted apart).
"""

from __future__ import annotations

import logging
import re

import numpy as np
import pandas as pd

from rnncast import holidaysets
from rnncast.noticed import first_time
from rnncast.spelling import counted, listed
from rnncast.timetext import shown

log = logging.getLogger("rnncast.future")  # said as the future values' reading, as before it moved (future.py)


def not_used(frame: pd.DataFrame, read: list, columns: list[str], said: set | None, computed=()) -> None:
    """Name in one warning the future table's columns that are not read (``read``: the id, time and covariate
    columns); ``said``: the sets already named, which stay quiet (a forecasting loop hands the same table each call).
    ``computed``: the model's calendar covariates, computed from the forecast dates: one of them given is said to be
    ignored as such (decision 2041), not only as not read."""
    extra = [str(c) for c in frame.columns if str(c) not in {str(r) for r in read}]
    if not extra or not first_time(said, "future", *extra):
        return
    made = [c for c in extra if c in set(computed)]
    why = "" if not made else (f"; {', '.join(made)} {'is' if len(made) == 1 else 'are'} computed from the forecast "
                               "dates (calendar_covariates), so the values given are ignored")
    log.warning("not used: %s — the future values are read for the future covariates %s only%s", ", ".join(extra),
                ", ".join(columns), why)


def warn_unused(unused, stamps, written, unplaced, wanted, horizon: int, holidays: str | None, day: bool,
                weekmask: str | None = None, text_format: str | None = None) -> None:
    """The rows ``unused`` (of ``given``) of the future values no forecast step takes: those on the model's holidays
    within the forecast's span (the calendar skips them, ``holidaysets``) counted apart from those outside it, which
    are named by date (``written``: the table's time column, for a row not read onto the steps)."""
    rows = unused.index.to_numpy()
    on_holiday = np.zeros(len(rows), dtype=bool)
    if holidays and isinstance(stamps, pd.DatetimeIndex):
        at = stamps[rows]
        ends = {s: wanted[s][-1] for s in set(unused["_series"])}  # each series' last forecast step
        within = np.asarray(at <= pd.DatetimeIndex(unused["_series"].map(ends)), dtype=bool)
        on_holiday = within & np.isin(holidaysets.wall_days(at), holidaysets.weekday_holidays(holidays, weekmask=weekmask))
    outside = int((~on_holiday).sum())
    if on_holiday.any():
        first = shown(stamps[rows[on_holiday][0]], day, text_format)
        log.warning("the future values hold %s on %s holidays (first: %s), which the calendar of %s skips; they are "
                    "not used", counted(int(on_holiday.sum()), "row"), holidays, first,
                    holidaysets.described(holidays, weekmask))
    if outside:
        far = rows[~on_holiday]
        loose = np.asarray(unplaced, dtype=bool)[far]
        placed = pd.unique(stamps[far[~loose]]) if (~loose).any() else []  # each date once (decision 1495)
        unread = pd.unique(written.iloc[far[loose]].to_numpy()) if loose.any() else []
        times = [shown(t, day, text_format) for t in placed[:3]]
        times += [shown(t, day) for t in unread[:3 - len(times)]]
        distinct = len(placed) + len(unread)
        n_series = len(pd.unique(unused["_series"].to_numpy()[~on_holiday]))
        more = f" and {distinct - len(times)} more" if distinct > len(times) else ""  # each date once (decision 1495)
        where = f", in {n_series} series" if n_series > 1 else ""
        log.warning("the future values hold %s outside the %d forecast steps after each series' end (%s%s%s); they are "
                    "not used%s", counted(outside, "row"), horizon, ", ".join(times), more, where,
                    _capped(unused.iloc[np.flatnonzero(~on_holiday)], stamps, loose, wanted, horizon))


def _capped(outside: pd.DataFrame, stamps, loose: np.ndarray, wanted, horizon: int) -> str:
    """Why the rows ``outside`` (of ``given``, none on a holiday) are not used where every one lies after its series'
    last forecast step (``wanted`` [S] each series' steps): the model's horizon caps the forecast, with the rows a series
    (a 48 h weather forecast given to a 24 h model, t41-t4 L3, decision 2240); "" where any lies elsewhere."""
    if loose.any() or not isinstance(stamps, (pd.DatetimeIndex, pd.PeriodIndex)):
        return ""
    ends = outside["_series"].map({s: wanted[s][-1] for s in set(outside["_series"])})
    if not (stamps[outside.index.to_numpy()] > pd.Index(ends)).all():
        return ""
    each = outside.groupby("_series").size()
    rows = counted(int(each.min()), "row") if each.min() == each.max() else f"{each.min()} to {each.max()} rows"
    whose = "each series'" if len(each) > 1 else "the series'"
    return (f": {whose} {rows} after its last forecast step lie beyond the model's horizon ({horizon} steps, fixed "
            "at fit), which caps the forecast; a longer forecast needs a model fit with a longer --horizon")


def not_forecast(held: list, skipped=(), known=(), columns=(), fitted=(), undated=()) -> str:
    """Say the future table's rows of series not forecast (``held``: each row's series, as the model holds it), those
    of series fit left out (``skipped``: ids as text) apart from those of series neither the data nor the model has, an
    id typo most often (decision 1495): "the future values hold 28 rows of series ['S03', 'S04'], which fit left out
    (and are not forecast), and 14 rows of series ['S99'], which the model was not fitted on (no such series); they are
    not used"; those of series the model was fitted on (``fitted``: the model's ids as text) that the data gives no
    rows of, a closed store's (decision 2161): "..., which the model was fitted on but the data gives no rows of to
    forecast from (not forecast)"; and those of series the data holds but predict left out as the model keeps no
    calendar for them (``undated``: ids as text, of ``fitted``): "..., which the model keeps no calendar for, so their
    forecasts cannot be dated (not forecast)" (decision 2196). Where such an id is one of ``known`` (the model's ids)
    without its leading zeros, it says so (``unpadded``, naming the id column of ``columns``: a key's columns) and
    returns that clause, for the refusal of the steps it leaves without values; else returns ""."""
    short, dateless = {str(i) for i in skipped}, {str(i) for i in undated}
    had = {str(i) for i in fitted} - short - dateless
    kind = ["left" if str(i) in short else "undated" if str(i) in dateless else "had" if str(i) in had else "none"
            for i in held]
    parts, lost = [], ""
    for which, why in (("left", "fit left out (and are not forecast)"),
                       ("undated", "the model keeps no calendar for, so their forecasts cannot be dated (not forecast)"),
                       ("had", "the model was fitted on but the data gives no rows of to forecast from (not forecast)"),
                       ("none", "the model was not fitted on (no such series)")):
        rows = [i for i, k in zip(held, kind) if k == which]
        if rows:
            names = list(dict.fromkeys(rows))
            parts.append(f"{counted(len(rows), 'row')} of series {listed(names)}, which {why}")
            lost = lost or (unpadded(names, known, columns) if which == "none" else "")
    if parts:
        log.warning("the future values hold %s; they are not used%s", ", and ".join(parts), f"; {lost}" if lost else "")
    return lost


_DIGITS = re.compile(r"(\d+)")
_KEYED = re.compile(r"(?:^|, )([^=,]+)=$")  # a key's id ('item_id=0, store_id=CA_1'): the column before a value


def _stripped(text: str) -> str:
    return _DIGITS.sub(lambda m: m.group(1).lstrip("0") or "0", text)


def unpadded(unknown: list, known, columns=()) -> str:
    """Where an id of ``unknown`` (the future table's, no series of the model) is one of ``known`` (the model's ids)
    but for the leading zeros of its numbers ('0' for '00000': ids read as numbers, then written, lose them), the
    clause saying so and how to keep them, naming the id column (of ``columns``: the id column, or a key's columns,
    whose id text names each); "" where none is (decision 2111)."""
    padded = {}
    for k in map(str, known):
        padded.setdefault(_stripped(k), k)
    for u in map(str, unknown):
        k = padded.get(_stripped(u))
        if k is None or k == u:
            continue
        given, held = _DIGITS.split(u), _DIGITS.split(k)  # one shape: only the zeros differ
        i = next(i for i, (a, b) in enumerate(zip(given, held)) if a != b)
        keyed = _KEYED.search("".join(given[:i])) if len(columns) > 1 else None
        column = keyed.group(1) if keyed else str(columns[0]) if len(columns) == 1 else None
        read = f"dtype={{{column!r}: str}}" if column else "dtype=str"
        named = f" {column!r}" if column else ""
        return (f"{given[i]!r} is {held[i]!r} without its leading zeros (ids read as numbers lose them): read the id "
                f"column{named} as text where the future values are made (pd.read_csv(..., {read}))")
    return ""
