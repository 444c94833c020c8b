"""A time of a 12-hour clock written with a Latin AM/PM (``1:00 PM``, ``1:00:00.5 pm``, ``1:00 p.m.``), and the
refusal of a time column on two clocks, 24-hour and 12-hour. Kept apart so that ``cjkdates`` (오후 beside a 24-hour
time), ``badtimes`` and ``datetext`` (AM/PM among 24-hour times) ask one pattern and word one refusal with no import
circle (``meridiems`` and ``badtimes`` both import ``cjkdates``).
"""

from __future__ import annotations

import re

AMPM = r"[AaPp]\.?[Mm]"  # AM, pm, p.m (a last '.' is each pattern's own)
TWELVE = re.compile(rf"\d:\d\d(?::\d\d(?:\.\d+)?)?\s?{AMPM}\b")  # 1:00 PM, 1:00pm, 1:00 p.m., 1:00:00.5 PM
LATIN = re.compile(rf"(?<![A-Za-z]){AMPM}\.?(?![A-Za-z])")  # AM, p.m. alone: beside 上午, the marker written twice


def two_clocks(name: str, value: str, where: str, first: str) -> str:
    """The refusal of ``value`` (at ``where``) on the other clock than ``first``'s: a 24-hour time among 12-hour ones
    (오후 1:00, 1:00 PM), or the reverse; the forecasts of a column on two clocks could be written on neither."""
    return (f"time column {name!r} holds {value!r} at {where} beside {first!r}: times of a 24-hour clock and of a "
            f"12-hour one in one column; write every time on one clock, as {first!r} is written")
