"""Calendar covariates: future covariates computed from each row's timestamp (``calendar_covariates=``,
``--calendar-covariates hour,day_of_week,holiday:DE``; decision 1983).

The network sees only its lookback, so without them it cannot know that the day it forecasts is a Saturday or a
holiday. Each attribute is pandas' name for it (``DatetimeIndex.hour``, ``.day_of_week``, as Darts' encoders take them;
``dayofweek`` and ``weekday`` read too; pandas' others named as not computed, decision 2037)
read on the data's own wall clock (its ``tz=``'s local time, so 15-minute rows across a clock change keep their
hour); the periodic ones as two columns, ``<name>_sin`` and ``<name>_cos`` (the position in the cycle on a circle, so
23:00 and 00:00 are neighbours), ``weekend`` and ``holiday:<SET>`` as one 0/1 column each (``weekend``,
``holiday_DE``), the holiday set named as ``holidays=`` names one (``holidaysets.parse``: a country with its
subdivision, DE-BY, or a market, XNYS). They are computed wherever rows are read (``loading.load_panel`` at fit,
predict, evaluate and backtest) and for the forecast steps (``futureinputs``), so no future table holds them; a
saved model keeps the setting and computes them again.
"""

from __future__ import annotations

import dataclasses
import logging

import numpy as np
import pandas as pd

from rnncast.errors import RnncastError
from rnncast.givencalendars import every
from rnncast.settingvalues import given as shown
from rnncast.spelling import did_you_mean, named

log = logging.getLogger(__name__)

# attribute: (its position x in its cycle, from 0 to 1, in words; x of the wall times [N]): sin(2 pi x), cos(2 pi x)
CYCLIC = {
    "minute": ("m / 60, m the minute of the hour (seconds its fraction)", lambda t: (t.minute + t.second / 60) / 60),
    "hour": ("h / 24, h the time of day in hours (15:45 is 15.75)",
             lambda t: (t.hour + t.minute / 60 + t.second / 3600) / 24),
    "day_of_week": ("d / 7, d the day of the week (Monday 0 to Sunday 6)", lambda t: t.day_of_week / 7),
    "day": ("(d - 1) / the month's days, d the day of the month", lambda t: (t.day - 1) / t.days_in_month),
    "day_of_year": ("(d - 1) / the year's days (365 or 366), d the day of the year",
                    lambda t: (t.day_of_year - 1) / (365 + t.is_leap_year)),
    "month": ("(m - 1) / 12, m the month (January 1)", lambda t: (t.month - 1) / 12),
}
FLAGS = {"weekend": "1 on Saturday and Sunday, else 0",
         "holiday": "1 on a holiday of the set named after ':' (holiday:DE, holiday:DE-BY, holiday:XNYS), else 0"}
KNOWN = (*CYCLIC, *FLAGS)
SPELT = {name.replace("_", ""): name for name in KNOWN}  # dayofweek, Day_Of_Week: pandas' older and other spellings
SPELT["weekday"] = "day_of_week"  # pandas' DatetimeIndex.weekday, as Darts takes it, never 'weekend' (decision 2037)
# pandas' other DatetimeIndex attributes (week and weekofyear until pandas 2), not computed: refused as what they are,
# never with a suggestion of a different feature ('week' is no 'weekend', 'daysinmonth' no 'month'), what is near named
WEEKS = ("pandas' week of the year (DatetimeIndex.week until pandas 2)", "day_of_year places a row in its year")
PANDAS = {"week": WEEKS, "weekofyear": WEEKS, "quarter": ("pandas' quarter", "month places a row in its quarter too"),
          "daysinmonth": ("pandas' days in the month", ""), **{k: ("an attribute pandas has", "") for k in (
              "year", "second", "microsecond", "nanosecond", "ismonthstart", "ismonthend", "isquarterstart",
              "isquarterend", "isyearstart", "isyearend", "isleapyear")}}


def parse(value) -> tuple[str, ...]:
    """The attributes of a ``calendar_covariates`` value (text ``"hour, day_of_week, holiday:de"`` or a list of such
    names), each as kept (``holiday:DE``), in the order given; ``()`` for None. ``RnncastError`` for an unknown
    attribute (the known ones listed), a holiday set ``holidaysets.parse`` does not know, or a name given twice."""
    if value is None:
        return ()
    who = named("calendar_covariates")
    items = value.split(",") if isinstance(value, str) else value if isinstance(value, (list, tuple)) else None
    if items is None or not all(isinstance(i, str) for i in items) or not [i for i in items if i.strip()]:
        raise RnncastError(f"{who} must be names of calendar attributes such as 'hour,day_of_week,holiday:DE', "
                           f"got {shown(value)}; known: {', '.join(KNOWN)}")
    out: list[str] = []
    given: dict[str, str] = {}
    for item in (i.strip() for i in items if i.strip()):
        name, colon, rest = item.partition(":")
        name = SPELT.get(name.strip().lower().replace("_", ""), name.strip())
        if name not in KNOWN and (what := PANDAS.get(name.lower().replace("_", ""))):
            raise RnncastError(f"calendar attribute {item!r} in {who} is {what[0]}, not computed"
                               f"{f' ({what[1]})' if what[1] else ''}; known: {', '.join(KNOWN)}")
        if name not in KNOWN:
            raise RnncastError(f"unknown calendar attribute {item!r} in {who}{did_you_mean(name, KNOWN)}; known: "
                               f"{', '.join(KNOWN)} (holiday with its set: holiday:DE, holiday:US-NY, holiday:XNYS)")
        if (name == "holiday") != bool(colon):
            raise RnncastError(f"{who}: {item!r} " + ("needs its holiday set after ':', such as holiday:DE or "
                                                     "holiday:DE-BY" if name == "holiday" else
                                                     "takes no ':'; only holiday names a set (holiday:DE)"))
        if name == "holiday":
            from rnncast import holidaysets  # the holidays package: not for --help

            try:
                name = f"holiday:{holidaysets.canonical(rest)}"  # an unknown set refused, the closest named
            except RnncastError as err:
                raise RnncastError(f"{who} {item!r}: {err}") from None
        if name in out:  # two spellings of one attribute said as the user wrote them (decision 2102)
            pair = f" ({given[name]!r} and {item!r} are one attribute)" if given[name] != item else ""
            raise RnncastError(f"{who} names {name!r} twice{pair}; give each attribute once")
        out.append(name)
        given[name] = item
    return tuple(out)


def columns(value) -> list[str]:
    """The columns the attributes of ``value`` make, in order: ``hour_sin``, ``hour_cos``, ``weekend``,
    ``holiday_DE``."""
    out = []
    for name in parse(value):
        out += [f"{name}_sin", f"{name}_cos"] if name in CYCLIC else [name.replace(":", "_")]
    return out


def described(value) -> dict[str, str]:
    """{column: how it is computed} (a saved model's and an ONNX file's words)."""
    out = {}
    for name in parse(value):
        if name in CYCLIC:
            out |= {f"{name}_{f}": f"{f}(2 pi x), x = {CYCLIC[name][0]}" for f in ("sin", "cos")}
        else:
            out[name.replace(":", "_")] = FLAGS["weekend"] if name == "weekend" else \
                f"1 on a holiday of {name.partition(':')[2]} (the holidays package), else 0"
    return out


def values(time, value) -> np.ndarray:
    """[N, K] float64 the calendar covariates of ``value`` at the times ``time`` ([N] DatetimeIndex, zoned or naive,
    or PeriodIndex: each period's start), read on their wall clock; K = ``len(columns(value))``."""
    wall = _wall(time)
    out = []
    for name in parse(value):
        if name in CYCLIC:
            angle = 2 * np.pi * np.asarray(CYCLIC[name][1](wall), dtype=np.float64)
            out += [np.sin(angle), np.cos(angle)]
        elif name == "weekend":
            out.append((np.asarray(wall.day_of_week) >= 5).astype(np.float64))
        else:
            out.append(_holidays(wall, name.partition(":")[2]))
    return np.stack(out, axis=1) if out else np.zeros((len(wall), 0))


def _wall(time) -> pd.DatetimeIndex:
    """The naive wall times of ``time`` (a period's start)."""
    from rnncast import zoneclock

    time = time.to_timestamp() if isinstance(time, pd.PeriodIndex) else pd.DatetimeIndex(time)
    return zoneclock.wall(time)


def _holidays(wall: pd.DatetimeIndex, name: str) -> np.ndarray:
    """[N] 1.0 where the day of ``wall`` is a holiday of set ``name``, else 0.0."""
    from rnncast import holidaysets

    if not len(wall):
        return np.zeros(0)
    days = wall.to_numpy().astype("datetime64[D]")
    first, last = int(wall.year.min()), int(wall.year.max())
    known = holidaysets.weekday_holidays(name, first, last, weekmask="1111111")  # every day of the week
    return np.isin(days, known).astype(np.float64)


def given(names: list[str], value) -> list[str]:
    """``names`` (a model's future covariates) without the columns ``value`` computes: those a table must hold."""
    made = set(columns(value))
    return [n for n in names if n not in made]


def add(panel, value, announce: bool = False, tz=None):
    """``panel`` with the calendar covariates of ``value`` appended as its last future covariates ([N, C + K]); the
    panel itself where ``value`` is None. ``RnncastError`` for data without a time column of dates or a column
    of the data of a name they make. ``announce``: say what was added, once (fit)."""
    made = columns(value)
    if not made:
        return panel
    if panel.time is None or not isinstance(panel.time, (pd.DatetimeIndex, pd.PeriodIndex)):
        raise RnncastError(f"{named('calendar_covariates')} computes each row's {', '.join(parse(value))} from its "
                           f"timestamp, and the data has no time column of dates ("
                           f"{'rows numbered' if panel.time is None else 'integer steps'}); give a time column of "
                           "dates, or leave calendar_covariates unset")
    taken = sorted(set(made) & {str(c) for c in [*panel.columns, *panel.unused, panel.id_col, panel.time_col]})
    if taken:
        raise RnncastError(f"{named('calendar_covariates')} makes the column {taken[0]!r}, and the data holds a column "
                           "of that name; rename the data's column, or leave that attribute out of calendar_covariates")
    filled = None if panel.filled is None else np.hstack([panel.filled, np.zeros((len(panel.values), len(made)),
                                                                                  dtype=panel.filled.dtype)])
    panel = dataclasses.replace(panel, values=np.hstack([panel.values, values(panel.time, value)]), filled=filled,
                                columns=[*panel.columns, *made], calendar_covariates=value)  # the caller's as it was
    if announce:
        zone = getattr(panel.time, "tz", None)
        clock = "as the timestamps are written" if zone is None else "in UTC (give tz=, --tz, for a local clock)" if \
            tz is None and str(zone) == "UTC" else f"on {zone}'s local clock"
        log.info("calendar covariates added as future covariates, read %s: %s", clock, ", ".join(made))
    return panel


def of_panel(panel, value):
    """A panel handed to fit with its calendar covariates: as it is where its last columns are already those of
    ``value`` (``load_panel`` read it with the setting), else with them added (``add``)."""
    made = columns(value)
    if made and panel.columns[-len(made):] == made:
        return panel if panel.calendar_covariates is not None else dataclasses.replace(panel, calendar_covariates=value)
    return add(panel, value) if made else panel


def check_fit(panel, value) -> None:
    """Refuse, at fit, an attribute that is the same on every row of ``panel`` (hour on daily data; a holiday set
    of which no row is a holiday): the network could learn nothing of it. ``RnncastError`` naming it."""
    names = parse(value)
    if not names:
        return
    made = values(panel.time, value)
    at = 0
    for name in names:
        width = 2 if name in CYCLIC else 1
        if np.ptp(made[:, at:at + width], axis=0).max(initial=0) < 1e-9 and len(made):
            said = f"calendar attribute {name!r} ({named('calendar_covariates')})"
            if name.startswith("holiday"):
                code = name.partition(":")[2]
                from rnncast import holidaysets

                kind, _, sub = holidaysets.parse(code)
                region = f" (its national ones; a region's set, {code}-<subdivision>, adds its own)" if \
                    kind == "country" and sub is None else ""
                raise RnncastError(f"{said} is 0 on every row: no row of the data falls on a holiday of {code}"
                                   f"{region}, so the network could learn nothing of it; fit on rows that hold one, or "
                                   "leave it out")
            why = (f"it is {'1' if made[0, at] else '0'} on every row of the data" if name == "weekend" else
                   f"the {name.replace('_', ' ')} is the same on every row of the data ({_rows(panel.calendar)})")
            raise RnncastError(f"{said} cannot vary on the data's calendar: {why}, so the network could learn nothing "
                               "of it; leave it out")
        at += width


def _rows(calendar) -> str:
    """How often the data has a row, in words, beside its calendar's code: "its rows come every other week, on
    Mondays: the calendar '2W-MON'", not pandas' alias alone (decision 2151); "a calendar of steps of its own"."""
    text = calendar.freq_text
    words = every(calendar.freq) if text and isinstance(calendar.freq, pd.offsets.BaseOffset) else None
    if words is None:
        return f"the calendar {text!r}" if text else "a calendar of steps of its own"
    return f"its rows come {words}: the calendar {text!r}"
