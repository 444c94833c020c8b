"""Times given back to Python in the data's own form, as periods come back as periods: where the data wrote its times
as numbers, the numbers it wrote, so a forecast joins back onto its column. Unix times and Excel serials read with
``time_unit`` (``numbertimes.numbers``: ``1710979200``, ``45292.375``) and ISO weeks written YYYYWW under a week's
name (``weektext.iso_codes``: ``202328``, the week's Monday written with ``%G%V``, ``timetext.WEEK_CODES``).

``predict``'s forecast, ``backtest``'s forecasts (the time and ``cutoff`` columns) and ``predict_windows``' times
(``time``, ``times``) go through ``in_frame`` and ``in_windows``; timestamps the data wrote as text (``2023-07-10``,
``2023-W28``, ``20000131`` too: the calendar's format does not say whether they were text or integers) stay
Timestamps. The CLI's files write every form as the data writes it (``csvtext``), the numbers alike: a column of
serials some of which are fractional is float64 in Python, and ``written`` writes its whole ones ``45296``, not
``45296.0``, as ``numbertimes.write`` does (``number_text``) (the columns made so are named in ``frame.attrs[NUMBER_TIMES]``).
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from rnncast import numbertimes, timetext

NUMBER_TIMES = "number_times"  # frame.attrs: the columns (None: the index) whose times in_frame made numbers

def as_numbers(fmt) -> bool:
    """Whether the times written in ``fmt`` (a calendar's ``text_format``) come back as the numbers the data wrote."""
    return fmt is not None and (numbertimes.unit_of(fmt) is not None or fmt == timetext.WEEK_CODES)


def as_data(times, fmt) -> pd.Index:
    """[N] timestamps ``times`` in the data's own form ``fmt`` (``as_numbers``): the numbers of its unit, or its week
    codes as int64 (``202328``), named as ``times``; ``times`` as they are in any other form."""
    if not as_numbers(fmt) or not pd.api.types.is_datetime64_any_dtype(getattr(times, "dtype", None)):
        return times
    if (unit := numbertimes.unit_of(fmt)) is not None:
        return numbertimes.numbers(times, unit, fmt)  # excel:5: to the data's decimals
    return pd.Index(timetext.write(pd.DatetimeIndex(times), fmt).astype(np.int64), name=getattr(times, "name", None))


def in_frame(frame: pd.DataFrame, fmt) -> pd.DataFrame:
    """``frame`` (a forecast, a backtest's forecasts) with its timestamps, the index and every column of them, in the
    data's own form (``as_data``); in place."""
    if not as_numbers(fmt):
        return frame
    made = [None] if pd.api.types.is_datetime64_any_dtype(frame.index.dtype) else []
    if made:
        frame.index = as_data(frame.index, fmt)
    for column in frame.columns:
        if pd.api.types.is_datetime64_any_dtype(frame[column].dtype):
            frame[column] = as_data(pd.Index(frame[column]), fmt).to_numpy()
            made.append(column)
    frame.attrs[NUMBER_TIMES] = made
    return frame


def written(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` for a CSV file: the float columns of times ``in_frame`` made (``45296.0``, ``45296.041667``) as the
    text ``numbertimes.write`` gives them (``45296``, ``45296.041667``); ``frame`` itself where there are none."""
    made = [c for c in frame.attrs.get(NUMBER_TIMES, ()) if (frame.index if c is None else frame.get(c)) is not None]
    floats = [c for c in made if pd.api.types.is_float_dtype((frame.index if c is None else frame[c]).dtype)]
    if not floats:
        return frame
    text = frame.copy()
    whole = lambda values: [numbertimes.number_text(v) for v in values]  # noqa: E731  shortest: as read
    for c in floats:
        if c is None:
            text.index = pd.Index(whole(frame.index), name=frame.index.name, dtype=object)
        else:
            text[c] = whole(frame[c])
    return text


def in_windows(wf, fmt):
    """A ``WindowForecasts`` with its times (``time``, each series' ``times``) in the data's own form (``as_data``)."""
    if not as_numbers(fmt):
        return wf
    return dataclasses.replace(wf, time=as_data(wf.time, fmt) if wf.time is not None else None,
                               times=[as_data(t, fmt) if t is not None else None for t in wf.times])


def in_backtest(result, fmt):
    """A ``backtestresult.Backtest`` with its forecasts' times in the data's own form (``in_frame``), on a copy."""
    if not as_numbers(fmt):
        return result
    return dataclasses.replace(result, forecasts=in_frame(result.forecasts.copy(), fmt))  # its attrs: csvtext's
