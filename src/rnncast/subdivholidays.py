"""Holidays a country's subdivisions keep that its country-wide set lacks: named where a country is given without a
subdivision (``holidays='GB'``) and the data, or the forecast, meets them (decision 1984).

The ``holidays`` package's set of a country without a subdivision holds only the holidays every subdivision keeps:
``GB`` has no Easter Monday (2024-04-01) and no late-summer bank holiday (2024-08-26), which England, Wales and
Northern Ireland keep; ``DE`` no Epiphany nor Corpus Christi; ``US`` no state's holiday. A London series' rows missing
on Easter Monday every year then read as gaps of ``'B' without GB holidays``, and its forecasts fall on Easter Monday.

* ``missing_said``: the gap warning's clause where the data has no row on every such holiday of some subdivision in
  its span, ``LEAST`` of them at least (England's and Wales' four in 2023-2024): those subdivisions named (those
  explaining the most days), the days with their names, and the spelling to give, the first subdivision's
  (``GB-ENG``), or the country's market where its set closes on those days and on no day the data has a row (``LSE``).
* ``explaining``: the gap warning's clause of business days read without holidays where the missing weekdays are
  exactly a subdivision's holidays (a Munich series: DE-BY's Epiphany and Corpus Christi, which no set inference
  tries holds); ``adopted``: that subdivision's set, which one series of a panel keeps (decision 2108).
* ``missing_in``: that clause of a panel, each series' own where their days together say none (decision 2109), the
  series grouped by the subdivision they name, not the words (decision 2137).
* ``ahead_said``: predict's warning where the forecast falls on such a holiday of a subdivision the data does not rule
  out (a row on one of that subdivision's own holidays: the data's site works on it); ``ahead_of`` and
  ``ahead_words`` its finding and its words, of one state's series together (decision 2137).

Nothing is adopted for the data as a whole: which subdivision's days it keeps only the user knows, and ``holidays=``
says it. A panel's series each explained by a different set keep their own (``seriesholidays``), a subdivision's
among them: no one ``holidays=`` can name it for a warehouse in Bavaria beside one in Hamburg (decision 2108).
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from rnncast.businessdays import AHEAD
from rnncast.holidaysets import COUNTRIES, canonical, exchanges, holiday_of, library, parse, weekday_holidays
from rnncast.spelling import listing, some
from rnncast.timetext import shown

FEW = 3  # days named, then how many more
LEAST = 2  # a subdivision's holidays the data must lack, at least, to be named (one may be a true gap)


@functools.lru_cache(maxsize=32)
def extra(name: str, first: int, last: int, weekmask: str | None = None) -> dict:
    """{day (datetime64[D]): the subdivisions keeping it (``('GB-ENG', 'GB-NIR', 'GB-WLS')``)}: the holidays on the
    days of ``weekmask`` (Monday to Friday when None) in the years ``first`` to ``last`` that some subdivision of
    country ``name`` keeps and the country's own set lacks, by day; {} where ``name`` is a market, names a subdivision,
    or its country has none."""
    kind, code, sub = parse(name)
    subs = library().list_supported_countries().get(code, []) if kind == "country" and sub is None else []
    whole = weekday_holidays(code, first, last, weekmask) if subs else None
    found: dict = {}
    for s in subs:
        own = canonical(f"{code}-{s}")
        for day in np.setdiff1d(weekday_holidays(own, first, last, weekmask), whole):
            found.setdefault(day, []).append(own)
    return {day: tuple(keep) for day, keep in sorted(found.items())}


def missing_said(name: str, days: np.ndarray, weekmask: str | None = None, fmt: str | None = None) -> str:
    """The gap warning's clause where ``days`` (datetime64[D], the days the data has a row on, any series) lack every
    holiday some subdivision of country ``name`` keeps and the country lacks within their span: "rows are missing on
    every holiday GB-ENG and GB-WLS keep that GB lacks (GB holds only the holidays all its subdivisions keep):
    2023-04-10 (Easter Monday), ... and 1 more; give holidays='GB-ENG' (--holidays GB-ENG or GB-WLS), or
    holidays='LSE' (--holidays LSE), its market's, which closes on them too, to skip them"; "" where none is
    (``extra``'s cases, or a row on one of each one's)."""
    found = _missing(name, days, weekmask)
    return "" if found is None else _missing_words(name, *found, days, fmt)


def _missing(name: str, days: np.ndarray, weekmask: str | None) -> tuple[list, np.ndarray] | None:
    """``(subdivisions, days)`` of ``missing_said``: those whose holidays the rows ``days`` lack (the most days), in
    the package's order, and the first one's days missed (datetime64[D]); None where none is."""
    days = np.unique(np.asarray(days, dtype="datetime64[D]"))
    if not len(days):
        return None
    low, high = days[0], days[-1]
    found = {d: keep for d, keep in extra(canonical(name), _year(low), _year(high), weekmask).items() if low < d < high}
    each = {s: [d for d, keep in found.items() if s in keep] for s in dict.fromkeys(s for k in found.values() for s in k)}
    clean = {s: own for s, own in each.items() if not np.isin(np.array(own), days).any()}
    most = max((len(own) for own in clean.values()), default=0)
    if most < LEAST:  # one date missing is any gap's chance of being some state's holiday
        return None
    subs = [s for s, own in clean.items() if len(own) == most]
    return subs, np.array(clean[subs[0]], dtype="datetime64[D]")


def _missing_words(name: str, subs: list, on: np.ndarray, days: np.ndarray, fmt: str | None) -> str:
    """``missing_said``'s clause of the subdivisions ``subs`` whose days ``on`` the rows ``days`` lack."""
    days = np.unique(np.asarray(days, dtype="datetime64[D]"))
    market, country = _market(name, on, days, days[0], days[-1]), canonical(name)
    return (f"rows are missing on every holiday {_joined(subs)} keep{'s' if len(subs) == 1 else ''} that {country} "
            f"lacks ({country} holds only the holidays all its subdivisions keep): {_named(on, lambda d: subs[0], fmt)}; "
            f"give {_give(subs, market)} to skip them")


PANEL_ADVICE = ("holidays= names one set for every series: leave it unset for each series to keep its own set (found "
                "series by series, a subdivision's too), or fit these series apart with it")  # decisions 2108, 2109


def missing_in(name: str, days: np.ndarray, offsets: np.ndarray, ids: list, weekmask: str | None = None,
               fmt: str | None = None) -> str:
    """``missing_said`` of a panel's days (datetime64[D] [N], its series cut at ``offsets`` [S + 1]; ``ids`` [S] their
    names): of every series' days together, as before, or, where those say none (warehouses in several states,
    each ruling out the others' states), of each series' own: the clause of the first series' subdivision, the
    series it names first alike named with the subdivisions every one of them lacks and the days any one misses
    (three Bavarian warehouses of different spans in one), ``PANEL_ADVICE`` and how many series miss another
    subdivision's; "" where none is (decisions 2109, 2137)."""
    pooled = missing_said(name, days, weekmask, fmt)
    if pooled or len(offsets) < 3:
        return pooled
    said: dict = {}  # {the subdivision named first: [(series, subdivisions, days missed)]}
    for s in range(len(offsets) - 1):
        if (found := _missing(name, days[offsets[s]:offsets[s + 1]], weekmask)) is not None:
            said.setdefault(found[0][0], []).append((s, *found))
    if not said:
        return ""
    groups = list(said.values())
    subs = [sub for sub in groups[0][0][1] if all(sub in found for _, found, _ in groups[0])]
    on = np.unique(np.concatenate([own for _, _, own in groups[0]]))
    rows = np.concatenate([days[offsets[s]:offsets[s + 1]] for s, _, _ in groups[0]])
    names, others = [repr(ids[s]) for s, _, _ in groups[0]], [repr(ids[s]) for g in groups[1:] for s, _, _ in g]
    more = f" ({len(others)} more series miss{'es' if len(others) == 1 else ''} another subdivision's: " \
        f"{some(others, 3)})" if others else ""
    shown = listing(names) if len(names) <= 3 else some(names, 3)
    return f"series {shown}: {_missing_words(name, subs, on, rows, fmt)}; {PANEL_ADVICE}{more}"


def ahead_said(name: str, ahead: np.ndarray, days: np.ndarray, weekmask: str | None = None,
               fmt: str | None = None) -> str:
    """predict's warning where the forecast's days ``ahead`` (datetime64[D]) fall on holidays a subdivision of country
    ``name`` keeps and the country lacks, of a subdivision the data's days (``days``, datetime64[D]: a row on one of
    its own such holidays rules it out) leave possible: "the forecast falls on 2025-04-21 (Easter Monday), a holiday
    GB-ENG, GB-NIR and GB-WLS keep that GB lacks (...); if the data's site keeps it, refit with holidays='GB-ENG' ...";
    "" where none is."""
    found = ahead_of(name, ahead, days, weekmask)
    return "" if found is None else ahead_words(name, [found], days, fmt)


def ahead_of(name: str, ahead: np.ndarray, days: np.ndarray, weekmask: str | None = None) -> dict | None:
    """``ahead_said``'s finding: {forecast day (datetime64[D]): the subdivisions the rows ``days`` leave possible that
    keep it}, in the package's order; None where none is."""
    ahead = np.unique(np.asarray(ahead, dtype="datetime64[D]"))
    days = np.unique(np.asarray(days, dtype="datetime64[D]"))
    if not len(ahead) or not len(days):
        return None
    low, high = min(days[0], ahead[0]), max(days[-1], ahead[-1])
    found = extra(canonical(name), _year(low), _year(high), weekmask)
    rows, dates = set(days), set(ahead)
    worked = {s for d, keep in found.items() if d in rows for s in keep}  # the data's site works on it
    on = {d: tuple(s for s in keep if s not in worked) for d, keep in found.items() if d in dates}
    return {d: keep for d, keep in on.items() if keep} or None


def ahead_words(name: str, found: list, days: np.ndarray, fmt: str | None = None) -> str:
    """``ahead_said``'s warning of series whose forecasts meet the holidays ``found`` ([``ahead_of``'s], one a series,
    ``days``: their rows together), one state's of different last dates alike: the days any one meets, the
    subdivisions every one leaves possible where some are (those of any one otherwise), the advice the first's."""
    on = {d: keep for each in found for d, keep in sorted(each.items())}
    subs = list(dict.fromkeys(s for each in found for keep in each.values() for s in keep))
    subs = [s for s in subs if all(any(s in keep for keep in each.values()) for each in found)] or subs
    on = dict(sorted(on.items()))
    named, country = np.array(list(on), dtype="datetime64[D]"), canonical(name)
    days = np.unique(np.asarray(days, dtype="datetime64[D]"))
    one = len(named) == 1
    them = "it" if one else "them"
    return (f"the forecast falls on {_named(named, lambda d: on[d][0], fmt)}, {'a holiday' if one else 'holidays'} "
            f"{_joined(subs)} keep{'s' if len(subs) == 1 else ''} that {country} lacks ({country} holds only the "
            f"holidays all its subdivisions keep); if the data's site keeps {them}, refit with "
            f"{_give(subs, _market(name, named, days, days[0], max(days[-1], named[-1])), them)} to skip {them}")


def explaining(days: np.ndarray, missing: np.ndarray, weekmask: str | None = None, fmt: str | None = None) -> str:
    """The gap warning's clause of business days read without holidays where the missing weekdays (``missing``,
    datetime64[D]; ``days``: those the data has a row on) are exactly the holidays of a subdivision of a country
    inference tries (``explained_by``): "all 10 missing weekdays are DE-BW or DE-BY holidays (DE, the country's set,
    lacks 5 of them: 2023-01-06 (Epiphany), ...); give holidays='DE-BW' (--holidays DE-BW or DE-BY) to skip them, the
    one the data's site keeps"; "" where none is."""
    found = explained_by(days, missing, weekmask)
    if found is None:
        return ""
    code, subs = found
    missing = np.unique(np.asarray(missing, dtype="datetime64[D]"))
    days = np.unique(np.asarray(days, dtype="datetime64[D]"))
    whole = weekday_holidays(code, _year(days[0]), _year(days[-1]), weekmask)
    lacks, worked = missing[~np.isin(missing, whole)], whole[np.isin(whole, days)]
    which = ", the one the data's site keeps" if len(subs) > 1 else ""
    keep = f"{subs[0]} does not" if len(subs) == 1 else f"{_joined(subs)} do not"  # each alike: none keeps them (2201)
    kept = f"; the rows fall on {len(worked)} of {code}'s, which {keep} keep: " \
        f"{_named(worked, lambda d: code, fmt)}" if len(worked) else ""  # decision 2168
    return (f"all {len(missing)} missing weekdays are {' or '.join(subs[:3])}{' ...' if len(subs) > 3 else ''} "
            f"holidays ({code}, the country's set, lacks {len(lacks)} of them: "
            f"{_named(lacks, lambda d: subs[0], fmt)}{kept}); give {_give(subs, None)} to skip them{which}")


def explained_by(days: np.ndarray, missing: np.ndarray, weekmask: str | None = None) -> tuple[str, list] | None:
    """``(country, [subdivision, ...])`` whose sets are exactly the missing weekdays (``missing``, datetime64[D];
    ``days``: those the data has a row on), ``LEAST`` of them each subdivision's own, in the ``holidays`` package's
    order (``('DE', ['DE-BW', 'DE-BY'])``), of the first country of ``holidaysets.COUNTRIES`` that has one; None where
    none has (a country most of whose holidays have rows is passed over, so only a likely country's ~16 to 56
    subdivisions are read; a subdivision may lack some of its country's, which then have rows: decision 2168)."""
    days = np.unique(np.asarray(days, dtype="datetime64[D]"))
    missing = np.unique(np.asarray(missing, dtype="datetime64[D]"))
    if len(missing) < LEAST or not len(days):
        return None
    first, last, known = _year(days[0]), _year(days[-1]), library().list_supported_countries()
    year = _year(missing[0])  # tried on that year first, as businessdays.explain does (its tables cached)
    for code in (c for c in COUNTRIES if known.get(c) and _near(weekday_holidays(c, year, year, weekmask), days,
                                                                 missing)):
        whole = weekday_holidays(code, first, last, weekmask)
        if not _near(whole, days, missing) or np.isin(missing, whole, invert=True).sum() < LEAST:
            continue  # few of the country's holidays missing, or fewer than LEAST missing it lacks: none of its own
        if subs := keeping(code, first, last, days, missing, weekmask):
            return code, subs
    return None


def keeping(code: str, first: int, last: int, days: np.ndarray, missing: np.ndarray,
            weekmask: str | None = None) -> list[str]:
    """The subdivisions of country ``code`` (``['DE-BW', 'DE-BY']``) whose holidays on the days of ``weekmask`` in
    the years ``first`` to ``last`` hold every one of ``missing`` (datetime64[D]) and none of ``days`` (the rows'),
    among those keeping a holiday the country's set lacks (``extra``), in the ``holidays`` package's order; [] where
    none does (or ``code`` is a market). The one answer to which subdivision explains missing days: the gap warning's
    (``explained_by``) and the near match's (``nearholidays.subdivisions``; decision 2211)."""
    kept = {s for keep in extra(code, first, last, weekmask).values() for s in keep}
    return [sub for s in library().list_supported_countries().get(code) or ()
            if (sub := canonical(f"{code}-{s}")) in kept
            and np.isin(missing, own := weekday_holidays(sub, first, last, weekmask)).all()
            and not np.isin(days, own).any()]


def adopted(days: np.ndarray, missing: np.ndarray, weekmask: str | None = None) -> tuple[str, tuple] | None:
    """``(subdivision, alike)``: the set one series of a panel keeps where its missing weekdays are exactly a
    subdivision's holidays (``explained_by``), the first of those that explain them alike (DE-BW of DE-BW and DE-BY,
    as the gap warning of one series names it first), ``alike`` the others; None where none does, or where they
    differ on a weekday from the day after the data through ``businessdays.AHEAD`` years on (which the forecasts
    would skip only the data's site knows: the series keeps business days, its gaps said). A panel takes it for
    that series alone (``seriesholidays.settle``, decision 2108), as ``holidays=`` names one set for every series."""
    found = explained_by(days, missing, weekmask)
    if found is None:
        return None
    subs = found[1]
    after = np.max(np.asarray(days, dtype="datetime64[D]")) + np.timedelta64(1, "D")
    first, last = _year(after), _year(after) + AHEAD
    ahead = [(h := weekday_holidays(s, first, last, weekmask))[h >= after] for s in subs]
    if any(len(a) != len(ahead[0]) or (a != ahead[0]).any() for a in ahead[1:]):
        return None
    return subs[0], tuple(subs[1:])


def _near(whole: np.ndarray, days: np.ndarray, missing: np.ndarray) -> bool:
    """Whether most of the country's holidays ``whole`` within the span of ``days`` (the rows) are ``missing`` (or
    none falls there): its subdivisions are then tried on their own sets, which may lack some of the country's (the
    ``holidays`` package's US-CA has no Columbus Day, US-MA no Veterans Day observed on a Friday; decision 2168)."""
    inside = whole[(whole > days[0]) & (whole < days[-1])]
    return not len(inside) or 2 * np.isin(inside, missing).sum() > len(inside)


def daily(days) -> bool:
    """Whether ``days`` (a calendar's days: ``timecalendar.Calendar.days``) are business days, each a step (a
    session's days too): those whose missing rows and forecasts fall on whole days, not month ends nor weeks."""
    return isinstance(days, pd.offsets.CustomBusinessDay) and days.n == 1


def _year(day) -> int:
    return int(str(day)[:4])


def _market(name: str, on: np.ndarray, days: np.ndarray, low, high) -> str | None:
    """The first market of ``name``'s country whose set closes on every one of ``on`` and on no day of ``days`` (the
    data's rows) between ``low`` and ``high``; None where none does."""
    first, last = _year(min(low, on[0])), _year(max(high, on[-1]))
    for market in exchanges().get(parse(name)[1], ()):
        shut = weekday_holidays(market, first, last)
        if np.isin(on, shut).all() and not np.isin(days, shut).any():
            return market
    return None


def _named(on: np.ndarray, whose, fmt: str | None) -> str:
    """``2023-04-10 (Easter Monday), 2023-08-28 (Late Summer Bank Holiday), 2024-04-01 (Easter Monday) and 1 more``:
    each day of ``on`` named by the set ``whose(day)`` of a subdivision that keeps it."""
    return some([f"{shown(pd.Timestamp(d), True, fmt)} ({holiday_of(whose(d), d)})" for d in on[:FEW]], FEW,
                total=len(on))


def _joined(subs: list) -> str:
    return subs[0] if len(subs) == 1 else f"{', '.join(subs[:-1])} and {subs[-1]}" if len(subs) <= 4 else \
        f"{', '.join(subs[:3])} and {len(subs) - 3} more"


def _give(subs: list, market: str | None, them: str = "them") -> str:
    """``holidays='GB-ENG' (--holidays GB-ENG or GB-WLS), or holidays='LSE' (--holidays LSE), its market's, which closes
    on them too,``: the first subdivision's spelling (the flag naming the first three), and the market's where one
    fits."""
    flags = " or ".join(subs[:3]) + (" ..." if len(subs) > 3 else "")
    shut = f", or holidays={market!r} (--holidays {market}), its market's, which closes on {them} too," if market else ""
    return f"holidays={subs[0]!r} (--holidays {flags}){shut}"
