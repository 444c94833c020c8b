"""The verdict's word on the 'training mean' baseline where the data has a yearly cycle of days (decision 1577).

For daily weather data the reference forecast is climatology, the training rows' mean for each day of the year;
rnncast has none, and its 'training mean' is one level over the whole year, so "beats every baseline" on a daily
temperature with a yearly season overstates the skill a climate user reads into it (a tester's 30 stations over 10
years: climatology's MSE was 36% below the model's). ``reference`` gives the one sentence the verdict then ends
with: where the training mean was scored, the calendar's step is a day or shorter, the season spans a year or more
(the cheap sign of a yearly cycle: the series themselves are not judged) and, where known, the data spans two years
or more. A climatology baseline itself is not offered.
"""

from __future__ import annotations

import pandas as pd
from pandas.tseries.frequencies import to_offset
from pandas.tseries.offsets import Day, Tick

DAY, YEAR, YEARS = pd.Timedelta(days=1), pd.Timedelta(days=365), pd.Timedelta(days=730)
SAID = (" The 'training mean' baseline is one level over the whole year, not a climatology (the training mean of "
        "each day of the year), which rnncast does not offer: a model that beats the training mean need not beat "
        "climatology.")


def yearly(freq, season: int | None) -> bool:
    """Whether ``season`` steps of ``freq`` (a pandas offset or its text, as metrics.json records it) span a year
    or more on a calendar of a day or finer step (days, hours, minutes); False for other steps (business days,
    weeks, months) and a text that names no offset."""
    try:
        step = to_offset(freq) if isinstance(freq, str) else freq
    except ValueError:
        return False
    if not isinstance(step, (Tick, Day)) or not season or season < 2:
        return False
    size = step.n * DAY if isinstance(step, Day) else pd.Timedelta(step.nanos, unit="ns")  # pandas 3: a Day is no Tick
    return size <= DAY and season * size >= YEAR


def reference(scored, freq, season: int | None, first=None, last=None) -> str:
    """``SAID`` where the baselines ``scored`` (keys: 'mean' among them) include the training mean and ``yearly``
    holds, and the data's ``first`` and ``last`` times (text or timestamps; None: not known) lie two years or more
    apart; "" otherwise."""
    if "mean" not in scored or not yearly(freq, season):
        return ""
    if first is not None and last is not None:
        first, last = (pd.to_datetime(pd.Series([t], dtype=object), utc=True, errors="coerce", format="mixed").iloc[0]
                       for t in (first, last))
        if pd.notna(first) and pd.notna(last) and last - first < YEARS:
            return ""
    return SAID


def fitted_span(cutoffs: list | None) -> tuple:
    """``(first, last)``: the earliest ``data_start`` and latest ``data_end`` of a model's ``cutoffs`` (its
    ``FittedState.cutoffs``, times as the data writes them), as timestamps; ``(None, None)`` where none were kept."""
    if not cutoffs:
        return None, None
    read = {key: pd.to_datetime(pd.Series([c.get(key) for c in cutoffs], dtype=object), utc=True, errors="coerce",
                                format="mixed") for key in ("data_start", "data_end")}
    first, last = read["data_start"].min(), read["data_end"].max()
    return (first, last) if pd.notna(first) and pd.notna(last) else (None, None)
