"""Which pandas calendars (offsets) are worth trying for a panel's timestamps; ``calendars.settle``
tries each on every row and keeps the one that explains them with the fewest missing rows.

The candidates, most likely first: the offsets ``pandas.infer_freq`` finds in the longest series
and in windows of them (a window free of gaps still names the calendar of a series with gaps),
then the calendars whose usual step is the most common step, anchored as the data is (``near``:
business days, weeks on the first timestamp's weekday, month and quarter starts and ends, years,
quarters always by the calendar year's anchor, ``calendar_year``,
and, for a step of 2 to 26 days, twice a month, which ``infer_freq`` never names: ``SMS`` the 1st
and 15th, ``SME`` the 15th and the month's end, or another day of the data's), and, for a step of one to six days,
the week of business days the data keeps when it is not Monday to Friday (``weekmasks.infer``: Sunday
to Thursday, Monday to Saturday; Monday, Wednesday and Friday, most often 2 days apart), then that step itself; for a step under a day, last, the trading
session the rows keep (``sessions.infer``: 30-minute bars 09:30 to 15:30 on business days). Business hours
that ``infer_freq`` names (``bh``: hourly bars 09:00 to 16:00) are tried as the session they walk
(``sessions.business_hours``), so that holidays are found, named and skipped as any session's are.
"""

from __future__ import annotations

import warnings
from collections import Counter

import numpy as np
import pandas as pd
from pandas.tseries.offsets import BQuarterBegin, BQuarterEnd, QuarterBegin, QuarterEnd
from pandas.tseries.frequencies import to_offset

from rnncast import monthdays, sessions, weekmasks, zoneclock


def inside(offsets: np.ndarray, n: int) -> np.ndarray:
    """[n - 1] True where row i and row i + 1 belong to the same series (series cut at ``offsets``)."""
    same = np.ones(max(n - 1, 0), dtype=bool)
    cuts = offsets[1:-1]
    same[cuts[(cuts > 0) & (cuts < n)] - 1] = False  # a series with no rows (first or last) cuts nothing
    return same


def candidates(time: pd.DatetimeIndex, offsets: np.ndarray) -> list:
    """Offsets worth trying for the stacked times [N] of series cut at ``offsets`` [S + 1], most often
    inferred first; the calendars near the most common step, then that step, last."""
    found: Counter = Counter()
    lengths = np.diff(offsets)
    counted: dict = {}  # a series' times: what they added (a panel's series often share them: inferred once)
    for s in np.argsort(-lengths, kind="stable")[:5]:
        t = time[offsets[s] : offsets[s + 1]]
        key = t.asi8.tobytes()
        if key not in counted:
            counted[key] = _inferred(t)
        found.update(counted[key])
    ordered = [o for o, _ in found.most_common()]
    wall = zoneclock.wall(time)
    steps = np.diff(wall.asi8[: 1_000_001])[inside(offsets, len(time))[:1_000_000]]  # a million steps tell
    steps = steps[steps > 0]
    if len(steps):
        values, counts = np.unique(steps, return_counts=True)
        common = pd.Timedelta(int(values[np.argmax(counts)]), unit=time.unit)
        week = []
        days, rest = divmod(common, pd.Timedelta(days=1))  # Mon/Wed/Fri rows: most often 2 days apart (decision 2106)
        if 1 <= days < 7 and not rest and (mask := weekmasks.infer(wall.to_numpy().astype("datetime64[D]"), offsets)):
            week = [weekmasks.offset(mask)]  # a week other than Monday to Friday
        for offset in near(common, wall[:12]) + week + [to_offset(common)]:
            if offset not in ordered:
                ordered.append(offset)
        n = min(len(wall), 1_000_000)  # a million rows tell
        session = sessions.infer(wall[:n], np.append(offsets[offsets < n], n), common)
        if session is not None and session not in ordered:
            ordered.append(session)  # tried last: a pandas offset that explains the rows as well is kept
    return ordered


def _inferred(t: pd.DatetimeIndex) -> Counter:
    """The offsets ``pandas.infer_freq`` finds in the times ``t`` of one series and in 24 windows of 12 of them
    (quarters by the calendar year's anchor, ``calendar_year``), each counted as often as found."""
    found: Counter = Counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for piece in [t] + [t[i : i + 12] for i in np.linspace(0, max(len(t) - 12, 0), 24).astype(int)]:
            try:
                inferred = pd.infer_freq(piece) if len(piece) >= 3 else None
            except (ValueError, TypeError):
                inferred = None
            if inferred is not None:  # pandas' business hours ('bh') as the session they walk, holidays and all
                offset = calendar_year(to_offset(inferred))
                found[sessions.business_hours(offset) or offset] += 1
    return found


MONTHS = monthdays.MONTHS  # the anchors of quarters and years
WEEKDAYS = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")
DAY_NAMES = ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays")  # said in words


def near(step: pd.Timedelta, first: pd.DatetimeIndex) -> list:
    """The pandas calendars whose usual step is ``step`` (the most common one), anchored as the first
    timestamps ``first`` (wall time) are: what ``infer_freq`` would find if no window of the data were
    free of gaps, and the semi-monthly calendars it never names."""
    days, rest = divmod(step, pd.Timedelta(days=1))
    if rest or days < 1 or not len(first):
        return []
    start = first[0]
    m = start.month
    aliases = [f"{days}D"]
    if days == 1:
        aliases.append("B")
    elif days == 7:
        aliases.append(f"W-{WEEKDAYS[start.weekday()]}")
    elif days <= 26:  # twice a month: the 1st and day d (SMS-d), or day d and the month's end (SME-d)
        other = sorted({t.day for t in first if 2 <= t.day <= 27 and not t.is_month_end}) or [15]
        aliases += [f"{kind}-{d}" for d in other[:2] for kind in ("SMS", "SME")]
    elif 28 <= days <= 31:
        aliases += ["MS", "ME", "BMS", "BME"]
    elif 89 <= days <= 92:
        aliases += [calendar_year(to_offset(f"{kind}-{MONTHS[m - 1]}")) for kind in ("QS", "QE")]  # QS-JAN, QE-DEC
    elif 365 <= days <= 366:
        aliases += [f"YS-{MONTHS[m - 1]}", f"YE-{MONTHS[m - 1]}"]
    return [to_offset(a) for a in aliases] + monthdays.near(days, first)  # the 15th of each month


QUARTERS = (QuarterBegin, QuarterEnd, BQuarterBegin, BQuarterEnd)


def calendar_year(offset):
    """A quarterly ``offset`` (``QS``, ``QE``, ``BQS``, ``BQE``, multiples) anchored as the calendar year is: starts
    by January, February or March (``QS-APR`` -> ``QS-JAN``), ends by October, November or December (``QE-MAR`` ->
    ``QE-DEC``), the same dates under the name of calendar quarters. Dates alone cannot tell fiscal quarters from
    calendar ones (``QS-JAN`` and ``QS-OCT`` are one set of dates), and calendar quarters are the common case: an
    inferred calendar is theirs (decision 1044, which reverses decision 938's anchoring at the first row's month: data
    from 2015Q2 was 'QS-APR' and its figures named 2024Q4 "2025Q3"); a fiscal anchor is the user's to give
    (``--freq QS-OCT``). Any other offset is returned as it is (years and weeks have one anchor per calendar)."""
    if type(offset) not in QUARTERS:
        return offset
    month = offset.startingMonth
    month = (month - 1) % 3 + 1 if type(offset) in (QuarterBegin, BQuarterBegin) else 12 - (12 - month) % 3
    return offset if month == offset.startingMonth else type(offset)(n=offset.n, normalize=offset.normalize,
                                                                        startingMonth=month)


def named_now(freq: str) -> str:
    """The name today's reading gives a calendar a run recorded where it named none: a quarterly one recorded by the
    first row's month before decision 1044 ('QS-APR', 'QE-MAR') by the calendar year's (``calendar_year``: 'QS-JAN',
    'QE-DEC'), the same dates; any other name as it is."""
    try:
        offset = to_offset(freq)
    except (ValueError, TypeError):  # a session's bars, business days on given weekdays ...: not pandas' alone
        return freq
    return freq if calendar_year(offset) is offset else calendar_year(offset).freqstr
