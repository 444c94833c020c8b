"""Weekdays missing from business days that are holidays of a set's other categories in the ``holidays`` package
(decision 2193): São Paulo's shops shut on BR-SP's public holidays and on Carnival and Corpus Christi, which the
package lists in BR's ``optional`` category. Where the missing weekdays are a set's public holidays (every one in the
span missing) and, besides them, such holidays missing on each weekday they fall on in the span, the gap warning names
them and the set's name that skips them too (``BR-SP+Carnival+Corpus Christi``, ``addedholidays``); the set is the one
given (``holidays='BR-SP'``), else the country of ``holidaysets.COUNTRIES`` whose holidays most of the days are, or one
of its subdivisions. Only named: never adopted as the calendar.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast.addedholidays import PLUS, make
from rnncast.errors import RnncastError
from rnncast.holidaysets import COUNTRIES, canonical, library, parse, weekday_holidays
from rnncast.timetext import shown

FEW = 3  # dates shown of each holiday named


def said(days: np.ndarray, missing: np.ndarray, weekmask: str | None = None, fmt: str | None = None,
         given: str | None = None) -> str:
    """The gap warning's clause naming the missing weekdays [M] (``datetime64[D]``, sorted) that are holidays of a set's
    other categories, missing every year: "21 of the 30 missing weekdays are BR-SP holidays and the other 9 are
    holidays of its optional category, each missing on every weekday it falls on: Carnival (28/02/2022, 01/03/2022,
    ...), Corpus Christi (...); give holidays='BR-SP+Carnival+Corpus Christi' (...) to skip them"; "" where no set
    fits. ``days`` [N]: the rows' days; ``given``: the set the calendar already skips (its days are then not missing);
    dates written in ``fmt``. Raises nothing."""
    if not len(missing) or not len(days):
        return ""
    low, high = days.min(), days.max()
    years = (int(str(low)[:4]), int(str(high)[:4]))
    best = None
    for name in _tried(missing, years, weekmask, given):
        try:
            found = _fit(name, missing, low, high, years, weekmask, given is not None)
        except (RnncastError, KeyError, NotImplementedError, ValueError):  # a set the package cannot build: not named
            continue
        if found is not None and (best is None or len(found[1]) > len(best[1])):
            best = found
    if best is None:
        return ""
    name, extra, names, others = best
    listed = ", ".join(f"{n} ({', '.join(shown(pd.Timestamp(d), True, fmt) for d in on[:FEW])}"
                       f"{', ...' if len(on) > FEW else ''})" for n, on in names.items())
    whole = canonical(name) + "".join(PLUS + n for n in names)
    head = (f"all {len(extra)} are" if given is not None else f"{len(missing) - len(extra)} of the {len(missing)} "
            f"missing weekdays are {name} holidays and the other {len(extra)} are")
    return (f"{head} holidays of {name}'s {' or '.join(others)} {'category' if len(others) == 1 else 'categories'} "
            f"in the holidays package, each missing on every weekday it falls on: {listed}; give holidays={whole!r} "
            f"(--holidays '{whole}') to skip them too")


def _tried(missing: np.ndarray, years: tuple, weekmask, given) -> list:
    """The given set, else the country whose public holidays most of the missing days are, with its subdivisions."""
    if given is not None:
        return [given] if PLUS not in given else []
    count = {c: int(np.isin(missing, weekday_holidays(c, *years, weekmask)).sum()) for c in COUNTRIES}
    country = max(count, key=count.get)
    if count[country] < max(1, len(missing) // 2):
        return []
    return [country] + [f"{country}-{s}" for s in library().list_supported_countries()[country]]


def _fit(name: str, missing: np.ndarray, low, high, years: tuple, weekmask, given: bool):
    """(name, the missing days of the other categories, {holiday: its weekdays in the span}) where every missing
    weekday is the set's (every one of its holidays in the span missing, unless ``given``: the calendar skips them) or
    one of those holidays, each missing on all of its weekdays in the span; else None."""
    own = weekday_holidays(canonical(name), *years, weekmask)
    own = own[(own >= low) & (own <= high)]
    if not given and not np.isin(own, missing).all():
        return None
    left = missing[~np.isin(missing, own)]
    table = make(*parse(name), years)
    others = tuple(sorted(set(table.supported_categories) - set(table.categories)))
    if not len(left) or not others:
        return None
    extra = {np.datetime64(d, "D"): said for d, said in make(*parse(name), years, others).items()}
    names: dict = {}
    for day in left:
        if day not in extra:
            return None
        for n in (p.strip() for p in extra[day].split(";")):
            names.setdefault(n, [])
    for n in names:
        on = np.array(sorted(d for d, s in extra.items() if n in (p.strip() for p in s.split(";"))), dtype="datetime64[D]")
        on = on[(on >= low) & (on <= high) & np.is_busday(on, weekmask=weekmask or "1111100")]
        if not np.isin(on, left).all():
            return None  # a row on one of its days: not a day the data shuts on
        names[n] = on
    return name, left, names, others
