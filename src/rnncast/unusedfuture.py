"""What of a future table no forecast step reads, said in warnings: its columns that are not read, and its rows
outside the forecast steps (named by date) or on the holidays the model's calendar skips (counted apart).
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from rnncast import holidaysets
from rnncast.noticed import first_time
from rnncast.spelling import counted
from rnncast.timetext import shown

log = logging.getLogger("rnncast.future")  # said as the future values' reading, as before it moved (future.py)


def not_used(frame: pd.DataFrame, read: list, columns: list[str], said: set | None) -> None:
    """Name in one warning the future table's columns that are not read (``read``: the id, time and covariate
    columns); ``said``: the sets already named, which stay quiet (a forecasting loop hands the same table each call)."""
    extra = [str(c) for c in frame.columns if str(c) not in {str(r) for r in read}]
    if not extra or not first_time(said, "future", *extra):
        return
    log.warning("not used: %s — the future values are read for the future covariates %s only", ", ".join(extra),
                ", ".join(columns))


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
        dates = [shown(written.iloc[i], day) if unplaced[i] else shown(stamps[i], day, text_format) for i in far[:3]]
        log.warning("the future values hold %s outside the %d forecast steps after each series' end (%s%s); they are "
                    "not used", counted(outside, "row"), horizon, ", ".join(dates), ", ..." if outside > 3 else "")
