"""Weeks written in forms rnncast does not read as time (``2019-13``, ``2019 wk 01``, ``KW 5/2019``), named in the
refusal with the ISO week rnncast reads (``2019-W13``): a refusal of ``2019-13`` said "give dates such as 2024-01-31"
and one of ``2019 wk 01`` listed dates, months, quarters and half-years, never the weeks that would have been read.
"""

from __future__ import annotations

import re

MARK = r"(?:w|wk|wks|week|weeks|kw|woche|sem|semaine|semana)\.?"  # how a week is marked, in any case
YEAR_FIRST = re.compile(rf"(?i)\s*(?P<y>[12]\d{{3}})\s*(?:[-/_. ]\s*)?(?P<m>{MARK})?\s*[-/_. ]?\s*(?P<w>\d{{1,2}})\s*")
WEEK_FIRST = re.compile(rf"(?i)\s*(?P<m>{MARK})\s*[-/_. ]?\s*(?P<w>\d{{1,2}})\s*[-/_., ]\s*(?P<y>[12]\d{{3}})\s*")
EXAMPLE = "ISO weeks such as 2024-W05"  # the form, as lists of the forms read name it


def iso_form(value) -> str | None:
    """The ISO week (``2019-W13``) that ``value`` writes otherwise: a year and a week marked as one (``2019 wk 01``,
    ``wk 1 2019``), or a year and a number past the months (``2019-13`` .. ``2019-53``, which no month is); None
    for text of no such form, a week past 53, or a year and a number 1 .. 12 without a mark (a month)."""
    text = str(value)
    found = YEAR_FIRST.fullmatch(text) or WEEK_FIRST.fullmatch(text)
    if found is None:
        return None
    week = int(found["w"])
    if not 1 <= week <= 53 or (found["m"] is None and week <= 12):
        return None
    return f"{found['y']}-W{week:02d}"


def clause(value) -> str:
    """The clause a refusal of ``value`` adds where it writes an ISO week otherwise (``iso_form``); else ""."""
    iso = iso_form(value)
    if iso is None:
        return ""
    return (f"; if {str(value).strip()!r} is week {int(iso[-2:])} of {iso[:4]}, write the weeks as ISO weeks, {iso} "
            "(a week's Monday), which rnncast reads")
