"""Fiscal quarters written as labels (``FY2006Q1``, ``FY2006 Q1``, ``Q1 FY2006``, ``FY06 Q1``, ``2006Q1``), read as the
quarters of the fiscal year the given calendar names (``freq='QE-MAR'``, ``--freq QE-MAR``: years ending in March).

pandas names a fiscal year by the year it ENDS: ``pd.Period('2006Q1', freq='Q-MAR')`` is April to June 2005, the first
quarter of the year from April 2005 to March 2006, and ``Period.strftime('FY%FQ%q')`` writes it ``FY2006Q1``; so are
such labels read here. Without a fiscal calendar the labels are refused (``fiscalyears``), naming the freq that reads
them: fiscal years start in different months, and ``2006Q1`` alone is read as the calendar quarter January-March 2006.

A quarterly calendar is fiscal where its year ends in any month but December (``QE-MAR``, ``QS-APR``, ``BQE-JUN``,
``QE-NOV`` ...; December's are the calendar quarters, read by ``timetext``, but for labels written with FY, read here
as the calendar year's quarters: ``FY2006 Q1`` of ``QE-DEC`` is January to March 2006, decision 1528). A slash may part
the quarter and the year (``Q1/FY05``). A two-digit fiscal year (``FY06``, written
after FY only) is read as ``%y`` reads it (``pd.to_datetime``: 00 .. 68 are the 2000s); ``fiscalyears`` refuses those
outside the years every reader names alike (decision 1444). ``labels`` dates each label as the calendar dates its
quarters (``QE-MAR``: the quarter's last day; ``QS-APR``: its first), and gives the format ``csvtext`` keeps, so that
forecasts are written back as labels in the same form (``FY2025Q3``): the label's pattern in ``Period.strftime``'s
directives (``%F``, or ``%f`` for two digits), ``%!q`` for the quarter (not ``%q``, which names calendar quarters to
``timetext`` and others), then ``|`` and the calendar (``FY%FQ%!q|QE-MAR``). ``owns``, ``write`` and ``format_of``
serve ``timetext`` and ``csvtext``. pandas' Period alias of the quarters (``Q-JUN``, as a ``Q-JUN`` PeriodIndex writes
``2011Q1``) reads them as ``QE-JUN`` does (decision 2104); pandas 2's other names (``BQ-JUN``) are refused naming
today's (``aliasnames``). ``stray``
finds the cell not written as the first label (``oops``, ``FY2000Q1`` among ``Q1 FY2000``) and ``unread`` says why a freq
reads no fiscal quarters (``xyz``), for ``fiscalyears``' refusals (decisions 1511 .. 1513); the Q keeps its case.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from pandas.tseries.frequencies import to_offset

from rnncast import aliasnames
from rnncast.errors import RnncastError
from rnncast.spelling import spelled

# FY2006Q1, 2006-Q1, FY06 Q1, FY06/Q1 (the year first); Q1 FY2006, Q1-FY06, Q1/FY05, Q1 2006 (the quarter first); two
# digits after FY only
LABEL = re.compile(r"^(?:(?P<fa>FY\s*'?)?(?P<ya>\d{4}|(?<=[Yy'\s])\d{2})(?P<sa>[-\s/]?)(?P<ka>Q)(?P<qa>[1-4])"
                   r"|(?P<kb>Q)(?P<qb>[1-4])(?P<sb>[-\s/]?)(?:(?P<fb>FY\s*'?)(?P<yb>\d{4}|\d{2})|(?P<yc>\d{4})))$", re.IGNORECASE)
MONTHS = aliasnames.MONTHS
FISCAL_ENDS = {m: MONTHS[m - 1] for m in range(1, 12)}  # a year ending in any month but December's calendar year
STARTS = {end: MONTHS[m % 12] for m, end in FISCAL_ENDS.items()}  # the month such a year starts in: MAR -> APR
OWNED = re.compile(r"\|(?P<freq>[A-Z]+-[A-Z]{3})$")
BEGINS = (pd.offsets.QuarterBegin, pd.offsets.BQuarterBegin)
QUARTERLY = (pd.offsets.QuarterEnd, pd.offsets.BQuarterEnd, *BEGINS)


def period_freq(freq) -> str | None:
    """pandas' Period frequency of the fiscal quarters ``freq`` names (``QE-MAR``, ``QS-APR``, pandas 2's ``Q-MAR``:
    ``Q-MAR``; ``QE-NOV``: ``Q-NOV``), or None where it names none (calendar quarters ``QE-DEC``, another calendar, a
    freq pandas does not read). ``labels`` refuses pandas 2's names, naming today's (decision 1443)."""
    offset = aliasnames.offset(freq)
    if not isinstance(offset, QUARTERLY) or offset.n != 1:
        return None
    month = offset.startingMonth - 1 if isinstance(offset, BEGINS) else offset.startingMonth  # QS-APR: ends in March
    month = month or 12
    return f"Q-{FISCAL_ENDS[month]}" if month in FISCAL_ENDS else None


def period_alias(freq) -> bool:
    """Whether ``freq`` is pandas' Period alias of fiscal quarters (``Q-MAR``, as a ``Q-MAR`` PeriodIndex names its
    freq and writes its quarters ``2016Q1``): pandas 3 reads it for periods, so the labels are read by it, as by
    ``QE-MAR`` (decision 2104); on timestamps it stays pandas 2's name of ``QE-MAR`` (``calendars``)."""
    text = freq.strip() if isinstance(freq, str) else ""
    try:
        period = pd.Period("2000Q1", freq=text) if text else None
    except (ValueError, TypeError):
        return False
    return period is not None and period.freqstr == text and period_freq(text) is not None


def given_as(freq, fmt: str | None):
    """The calendar the rest of the loader reads labels of ``fmt`` (``labels``' format) on where ``freq``, as given, is
    pandas' Period alias of their quarters (``Q-MAR``: ``QE-MAR``, the format's); else ``freq`` as given."""
    return fmt.rsplit("|", 1)[1] if owns(fmt) and period_alias(freq) else freq


def december(freq) -> bool:
    """Whether ``freq`` names the quarters of years ending in December in its own text (``QE-DEC``, ``QS-JAN``,
    ``BQE-DEC``, ``BQS-JAN``): FY labels (``FY2006 Q1``) of it are the calendar year's quarters, read as their other
    spellings are (decision 1528). Bare ``QE``, ``QS``, ``BQE``, ``BQS`` name no year end (pandas fills December in):
    False, so FY labels of them are refused asking for it (decision 1566)."""
    offset = aliasnames.offset(freq)
    named = not isinstance(freq, str) or re.search(r"-(DEC|JAN)$", freq.strip().upper()) is not None
    return named and isinstance(offset, QUARTERLY) and offset.n == 1 and period_freq(freq) is None


def marked(fmt: str | None) -> bool:
    """Whether a label pattern (``pattern``'s) writes FY: ``FY%F Q%!q``, not the calendar quarter ``%FQ%!q``."""
    return fmt is not None and "FY" in fmt.upper()


def _periods(freq) -> str | None:
    """The Period frequency of the quarters labels of ``freq`` name: ``period_freq``'s, and ``Q-DEC`` for a December
    year's (``december``: FY labels only reach it, decision 1528)."""
    return period_freq(freq) or ("Q-DEC" if december(freq) else None)


def cased(freq) -> dict:
    """``{"fiscal_case": freq}`` where ``freq`` names a fiscal calendar only once upper-cased (``qe-mar``, ``q-mar``:
    pandas reads no lower-case quarter), for the refusal of fiscal labels to name the freq given (decision 1465);
    ``{"fiscal_given": freq}`` for any other freq given that names no fiscal quarters (``xyz``, ``3QE-JUN``, ``ME``),
    which that refusal names too (decision 1513); {} where none is given."""
    text = str(freq).strip() if isinstance(freq, str) else ""
    quarter = text.lower().startswith(("q", "bq"))  # '5min' upper-cased is pandas' deprecated 'MIN', a warning
    if quarter and text != text.upper() and period_freq(text.upper()):
        return {"fiscal_case": text}
    return {} if freq is None or isinstance(freq, pd.PeriodDtype) or period_freq(freq) else {"fiscal_given": freq}


def unread(freq) -> tuple[str, str | None]:
    """Why the freq given, ``freq``, reads no fiscal quarters (words following it: "names no calendar pandas reads"),
    and the fiscal freq it was likely meant as (``3QE-JUN``: ``QE-JUN``), or None (decision 1513)."""
    offset = aliasnames.offset(freq)
    if offset is None:
        return "names no calendar pandas reads", None
    if isinstance(offset, QUARTERLY) and offset.n != 1:
        base = offset.base.freqstr
        return f"steps {offset.n} quarters at a time", (base if period_freq(base) else None)
    if isinstance(offset, QUARTERLY) and not december(freq):  # bare QE: no year's end named (decision 1566)
        return "names quarters but not the month their years end in (pandas takes December)", None
    if isinstance(offset, QUARTERLY):
        return "names calendar quarters (years ending in December)", None
    return "names no quarters", None


def stray(column: pd.Series) -> tuple[int, int, str | None, np.ndarray] | None:
    """Where a text ``column`` whose first value is a fiscal label (``Q1 FY2000``) holds a value not written in that
    label's form: the positions of its first value and of the first such one, that one's form (``pattern``'s; None
    where it is no label: ``oops``, ``Q5 FY2007``) and the form of each value given [values]; None where every value
    is written alike or the first is no label (a date: one match, decision 1446). Decision 1511."""
    rows = np.flatnonzero(column.notna().to_numpy())
    if not len(rows) or not isinstance(column.iloc[rows[0]], str) or (first := _form(column.iloc[rows[0]].strip())) is None:
        return None
    forms = np.array([_form(v.strip()) if isinstance(v, str) else None for v in column.iloc[rows]], dtype=object)
    other = np.flatnonzero(forms != first)
    return None if not len(other) else (int(rows[0]), int(rows[other[0]]), forms[other[0]], forms)


def pattern(column: pd.Series) -> str | None:
    """The pattern every value of ``column`` (text, two or more, none missing counted) is written in, or None. The
    first value is looked at first: a column of dates costs one match, not one a row (decision 1446)."""
    values = column.dropna()
    if not len(values) or not isinstance(first := values.iloc[0], str) or _form(first.strip()) is None:
        return None
    if not all(isinstance(v, str) for v in values):
        return None
    forms = {_form(v.strip()) for v in values}
    return forms.pop() if len(forms) == 1 and None not in forms else None


def _form(text: str) -> str | None:
    m = LABEL.match(text)
    if m is None:
        return None
    year = "%F" if len(m["ya"] or m["yb"] or m["yc"]) == 4 else "%f"
    if m["qa"] is not None:
        return f"{m['fa'] or ''}{year}{m['sa']}{m['ka']}%!q"  # q1 fy2000: its case kept (decision 1514)
    return f"{m['kb']}%!q{m['sb']}{m['fb'] or ''}{year}"


def years(column: pd.Series) -> pd.DataFrame:
    """For each label of ``column`` [N], a row of: ``year``, the fiscal year it names as pandas names it (the year it
    ends; a two-digit one as ``%y`` reads it, ``FY06``: 2006, ``FY69``: 1969; NaN where none is written), ``short``,
    whether that year is written in two digits, and ``quarter``, its quarter's digit as written."""
    parts = column.astype(str).str.strip().str.extract(LABEL)
    written = parts["ya"].fillna(parts["yb"]).fillna(parts["yc"])
    short = written.str.len() == 2
    read = pd.to_numeric(written.where(~short), errors="coerce")
    if short.any():
        read = read.where(~short, pd.to_datetime(written.where(short), format="%y", errors="coerce").dt.year)
    return pd.DataFrame({"year": read.where(column.notna()), "short": short & column.notna(),
                         "quarter": parts["qa"].fillna(parts["qb"])})


def read(column: pd.Series, fmt: str, name: str = "time", place=str) -> pd.DatetimeIndex:
    """``column`` written in ``fmt`` (``labels``'), as ``timetext.read`` reads other owners' forms."""
    return labels(column, fmt.rsplit("|", 1)[1], name, place)[0]


def labels(column: pd.Series, freq, name: str, place) -> tuple[pd.DatetimeIndex, str]:
    """The labels of ``column`` (every one written as ``pattern`` finds) as the dates the fiscal calendar ``freq``
    gives their quarters, and the format they are written back in; a missing value is NaT. pandas' Period alias of the
    quarters (``Q-JUN``, ``pd.Period('2011Q1', freq='Q-JUN')``) reads them as ``QE-JUN`` does (decision 2104); another
    name of pandas 2 (``BQ-JUN``) is refused naming today's, as ``calendars`` refuses it on dates. A December
    year's calendar (``QE-DEC``) reads FY labels only (``FY2006 Q1``: January to March 2006; decision 1528)."""
    fmt = pattern(column)
    periods = _periods(freq) if marked(fmt) else period_freq(freq)  # a December year's: FY labels only
    if fmt is None or periods is None:
        raise RnncastError(f"time column {name!r} is not written as fiscal quarters of freq {freq!r}")
    offset = aliasnames.offset(freq)
    if (new := aliasnames.renamed(str(freq).strip())) is not None and not period_alias(freq):  # BQ-JUN: pandas 2's
        first = str(column.dropna().iloc[0]).strip()
        raise RnncastError(f"{aliasnames.said(freq, new)}; give {spelled('freq', new)}, which reads {first!r} as "
                           f"{span(first, new)}")
    return _dated(_quarters(years(column), periods), offset).rename(name), f"{fmt}|{offset.freqstr}"


def _quarters(parts: pd.DataFrame, periods: str) -> pd.PeriodIndex:
    """``years``' rows as the quarters of Period frequency ``periods``; NaT where no year is written."""
    text = parts["year"].astype("Int64").astype(str) + "Q" + parts["quarter"]
    return pd.PeriodIndex(text.where(parts["year"].notna().to_numpy()), freq=periods)


def _dated(quarters: pd.PeriodIndex, offset) -> pd.DatetimeIndex:
    """The days the calendar ``offset`` dates the fiscal ``quarters`` (QS-APR: each one's first; QE-MAR: its last),
    at once (NaT kept): the first day on the calendar from the quarter's start, the last up to its end."""
    if isinstance(offset, BEGINS):
        return pd.DatetimeIndex(quarters.start_time - pd.Timedelta(days=1) + offset)
    return pd.DatetimeIndex(quarters.end_time.normalize() + pd.Timedelta(days=1) - offset)


def span(value, freq) -> str | None:
    """The months the label ``value`` names as a quarter of ``freq``'s fiscal years (``FY2006Q1`` of ``QE-MAR``:
    'April to June 2005'), or None where it is no such label."""
    if LABEL.match(str(value).strip()) is None or _periods(freq) is None:
        return None
    parts = years(pd.Series([str(value).strip()]))
    if parts["year"].isna()[0]:
        return None
    p = pd.Period(f"{int(parts['year'][0])}Q{parts['quarter'][0]}", freq=_periods(freq))
    return f"{p.start_time:%B} to {p.end_time:%B %Y}" if p.start_time.year == p.end_time.year else \
        f"{p.start_time:%B %Y} to {p.end_time:%B %Y}"


def owns(fmt: str | None) -> bool:
    return fmt is not None and OWNED.search(fmt) is not None and "%!q" in fmt


def write(times: pd.DatetimeIndex, fmt: str) -> np.ndarray:
    """``times`` as the fiscal quarters they fall in, written in ``fmt`` (``read``'s)."""
    label, freq = fmt.rsplit("|", 1)
    periods = pd.DatetimeIndex(times).tz_localize(None).to_period(_periods(freq))
    return np.asarray(periods.strftime(label.replace("%!q", "%q")), dtype=object)


def format_of(column: pd.Series, time: pd.DatetimeIndex) -> str | None:
    """The format ``read`` gave ``column`` read as ``time``: its pattern, and the fiscal calendar whose quarters
    write ``time`` back as the column's text, their days as that calendar dates them; None where none does. A column
    whose first value writes no quarter (a date) is passed over at once; each calendar is tried on the first value
    before the column (decision 1446)."""
    if not isinstance(time, pd.DatetimeIndex) or len(time) != len(column) or not len(column) or time.hasnans:
        return None
    if (label := pattern(column)) is None:  # a date: its first value alone is matched
        return None
    text = column.astype(str).str.strip().to_numpy()
    parts = years(column)  # once, for every calendar tried (not a labels() call each)
    ends = {**STARTS, "DEC": "JAN"} if marked(label) else STARTS  # FY labels of a December year (decision 1528)
    for end, start in ends.items():
        quarter = pd.Period(f"{int(parts['year'].iloc[0])}Q{parts['quarter'].iloc[0]}", freq=f"Q-{end}")
        for freq in (f"QE-{end}", f"QS-{start}", f"BQE-{end}", f"BQS-{start}"):
            fmt = f"{label}|{freq}"
            if _dated(pd.PeriodIndex([quarter]), to_offset(freq))[0] != time[0]:  # each calendar tried on the first
                continue  # value, then the column
            if (write(time, fmt) == text).all() and (_dated(_quarters(parts, f"Q-{end}"), to_offset(freq)) == time).all():
                return fmt
    return None
