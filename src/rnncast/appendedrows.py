"""Rows appended to a series' history with the target blank (Prophet's way of giving the future): refused by
name before any fill for a model that reads covariates, never filled as history.

A series' last rows (after at least one row of history) with no value of any target are such rows where one of them
holds a value in any covariate column the model reads, past or future: a future covariate's values there are the
future's (give them as the future), a past covariate's future values are not read, and filling those rows would
invent targets and move the forecast later. The refusal names exactly the columns that hold values there.

A model without covariates reads no column in those rows: where another series has values on their dates they are
missing targets, filled or refused as ``fill`` says (``fills``), and are not refused here; where a numeric column
no role took varies within the series and holds values there (the future's values, Prophet's way, not a label or a
per-series constant), a warning says that they are filled as history and the forecast starts after them. Text columns and constant ones never count.

Rows dated after the last target value of every series that hold nothing the model reads (Excel's planning sheet:
the coming months' dates with their sales cells empty) are the time to come, not history: ``future`` refuses them
by name, never offering to fill them (decision 1475; decision 408 filled them), except one date under an explicit
ffill or interpolate: a missed last reading, filled and warned of (decision 1506). A series that ends before another
(its blank rows beside the other's values) is left to ``fill`` as before, and so is business-day data written daily
with every weekend blank whose last blank rows are a weekend (``blankrows.weekends_blank``, decision 1535). The
refusal is said by its reader: fit's rows would be trained on and scored, predict's forecast start from them, and
evaluate's be scored (decision 1536).
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from rnncast import blankrows, gaps
from rnncast.errors import RnncastError
from rnncast.layouts import Rows
from rnncast.codedblanks import coded_targets
from rnncast.spelling import counted, hint
from rnncast.timetext import shown
from rnncast.widetail import advice, held_kinds, last_rows, late, tail_rows
from rnncast.rowseries import row_series

log = logging.getLogger(__name__)


def others(frame: pd.DataFrame, unused: list[str]) -> np.ndarray | None:
    """[rows of the table, U] the values of the columns no role took (``unused``), NaN for a text column's (never
    the future's values of a model without covariates); None where there are none."""
    if not unused:
        return None
    numeric = [pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c]) for c in unused]
    return np.column_stack([frame[c].to_numpy(dtype=np.float64, na_value=np.nan) if ok else
                            np.full(len(frame), np.nan) for c, ok in zip(unused, numeric)])


def refuse(rows: Rows, values: np.ndarray, time, positions: np.ndarray, offsets: np.ndarray, attrs: dict,
           unread: np.ndarray | None = None, unused=(), fill: str | None = None, labels_only: bool = False) -> None:
    """Raise ``RnncastError`` for the rows at the end of a series that have no target value but hold a value of a
    covariate the model reads, naming them, their dates and lines, the columns holding values there and what to do.
    ``values`` [N, C] of ``rows.columns`` (targets, past, future), series back to back at ``offsets``; ``positions``
    [N] each row's row in the table (-1: inserted). For a model without covariates, ``unread`` [rows of the table, U]
    (``others``) the values of the columns no role took (``unused``): warned of under ``fill`` as said above.
    ``labels_only`` (True at a fit of the features alone, 'scored' at evaluate's read of such a model): such rows are
    labels not given, not the future: not refused, whatever the fill, as a blank label is stood in for, never trained
    on nor scored (``blanklabels``, decision 2178: a fill fills the features alone)."""
    if labels_only:
        return
    n_t, n_c = rows.n_targets, len(rows.columns)
    left_blank = _blank(rows, values, positions, offsets)  # [N] a target
    warned = n_c == n_t and unread is not None and fill not in (None, "drop")  # drop: the forecast starts as before
    after = _after(time, positions, left_blank) if warned else None  # [N] after every series' last value
    for s in range(len(offsets) - 1):  # written -999 (missing_values) is a reading missing, left to fill: not the future's
        end = start = int(offsets[s + 1])
        while start > offsets[s] and left_blank[start - 1]:
            start -= 1
        if start == end or start == offsets[s]:  # none, or no history before them: left to the missing-value check
            continue
        if n_c > n_t:
            held = ~np.isnan(values[start:end, n_t:]).all(axis=0)  # [covariates] holding a value there
            if held.any():
                raise RnncastError(_refusal(rows, s, start, end, time, positions, attrs, held, fill))
        elif warned and not (after is not None and after[start:end].all()):
            _warn(rows, s, start, end, time, positions, attrs, unread, list(unused), fill, offsets)


def future(rows: Rows, values: np.ndarray, time, positions: np.ndarray, offsets: np.ndarray, attrs: dict,
           fill: str | None = None, labels_only=False) -> None:
    """Raise ``RnncastError`` where series' last rows, dated after the last target value of every series, have no
    target value (the time to come written as dated blank rows): named by their dates and lines, said not to be
    filled or read as the future, and the way (the data without them). Refused under every ``fill`` where two dates or
    more are so, and where no fill is given (then also said: a last reading missing rather than to come is removed, or
    filled); a single date under an explicit ``fill`` 'ffill' or 'interpolate' is a missed last reading, left to the
    fill, which warns (decision 1506). ``values`` [N, C] as ``refuse`` takes them, ``time`` [N] (None: rows numbered,
    never refused), ``positions`` [N] (-1: a row inserted, no value read). A model of the features alone
    (``labels_only``) reads such rows as labels not given: left to ``refuse``."""
    blank = None if labels_only or time is None else _blank(rows, values, positions, offsets)
    after = None if blank is None else _after(time, positions, blank)
    if after is None or not after.any() or blankrows.weekends_blank(time, blank & (positions >= 0)):
        return  # blank weekends of business-day data, its last rows a weekend: read as the Friday file is (decision 1535)
    one = pd.unique(np.asarray(time)[after]).size == 1  # one date: a missed reading, or the one step to come
    if one and fill in ("ffill", "interpolate"):
        return
    owners = [s for s in range(len(offsets) - 1) if after[offsets[s]: offsets[s + 1]].any()]
    s = owners[0]
    rows_s = np.flatnonzero(after[offsets[s]: offsets[s + 1]]) + offsets[s]
    start, end, count = int(rows_s[0]), int(rows_s[-1]) + 1, int(after.sum())
    fmt = rows.text_format
    placed = positions[start:end][positions[start:end] >= 0]
    of = gaps.label(rows, s).removesuffix(" at ") or "the data"
    more = f" and of {len(owners) - 1} more series" if len(owners) > 1 else ""
    head = last_rows(of, end - start, int(placed[0]), int(placed[-1]), attrs,
                     (shown(time[start], time, fmt), shown(time[end - 1], time, fmt)))  # "the last 6 rows of ... (...)"
    unit = _unit(time[int(offsets[s]): end])
    targets = ", ".join(repr(c) for c in rows.columns[: rows.n_targets])
    has, them, reading = (("have", "those rows", "readings are") if count > 1 else  # every series': decision 1520
                          ("has", "that row", "reading is"))
    every = " of every series" if len(offsets) > 2 else ""
    first = shown(time[start], time, fmt)
    late = f"dated {end - start} {unit if end - start > 1 else unit[:-1]} late"
    made, up = _each(after, offsets, owners, "invented value"), _each(after, offsets, owners, "made-up value")
    reader = hint("reader", None)  # predict's ('forecast') or evaluate's ('scored') read: said by what it does (decision 1536)
    why = (f"dropped (fill 'drop'), the data would still end on {shown(time[end - 1], time, fmt)} and a forecast from "
           "it be dated inside the data" if fill == "drop" else
           f"filled{'' if fill is None else f' (fill {fill!r})'}, " + (
               f"the forecast would start from {up.rstrip(',')}, {late}" if reader == "forecast" else
               f"they would be made-up history ({made} scored)" if reader == "scored" else
               f"they would be made-up history ({made} trained on and scored) and every forecast {late}"))
    raise RnncastError(
        f"{head}{more} {has} a date but no value of {targets}, after the last value{every}: rows for the {unit} to "
        f"come? Dated blank rows are not read as the future, and are neither filled nor dropped: {why}; give the "
        f"data without {them} (predict forecasts the {unit} after the last value, from {first})" +
        (f"; if the last {reading} missing rather than to come, remove {them}, or fit with a fill (--fill ffill, "
         "fill='ffill' in Python; predict and evaluate read the fill fit was given)" if one and fill is None else ""))


def _each(after: np.ndarray, offsets: np.ndarray, owners: list, word: str) -> str:
    """The rows ``after`` [N] holds in the series ``owners``, counted per series where several: "3 made-up values in
    each of 20 series, 60 in all,", not "60 made-up values", read as a whole lookback (decision 1612)."""
    each = [int(after[offsets[s]: offsets[s + 1]].sum()) for s in owners]
    if len(each) == 1:
        return counted(each[0], word)
    low, high = min(each), max(each)
    per = counted(low, word) if low == high else f"{low} to {counted(high, word)}"
    return f"{per} in each of {len(each)} series, {sum(each)} in all,"


def _blank(rows: Rows, values: np.ndarray, positions: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """[N] bool: the rows with no value of any target (NaN in every target column of ``values`` [N, C]), a target
    ``missing_values`` read as blank (``coded_targets``) counting as a value."""
    series = row_series(offsets)  # [N]
    return np.isnan(values[:, :rows.n_targets]).all(axis=1) & ~coded_targets(rows, positions, series)


def _after(time, positions: np.ndarray, blank: np.ndarray) -> np.ndarray | None:
    """[N] the rows of the table dated after the last target value of every series (``future``'s), from ``blank``
    [N] (``_blank``: the rows with no target value, computed once by the caller); None without time or a value."""
    if time is None:
        return None
    valued = ~blank & (positions >= 0)  # a row zero fill or fill_gaps added holds no value read
    if not valued.any():
        return None
    return np.asarray(time > time[valued].max()) & (positions >= 0)


def _unit(times) -> str:
    """The step of ``times`` (one series' [n]) in words, plural: "months", "days", ...; "steps" where unclear."""
    times = pd.Index(times)
    if isinstance(times, pd.PeriodIndex):
        code = times.freqstr[:1].upper()
        return {"M": "months", "Q": "quarters", "Y": "years", "A": "years", "W": "weeks", "D": "days"}.get(code, "steps")
    if not isinstance(times, pd.DatetimeIndex) or len(times) < 2:
        return "steps"
    days = float(np.median(np.diff(times.values) / np.timedelta64(1, "D")))
    for low, high, word in ((0.99, 1.01, "days"), (6.99, 7.01, "weeks"), (27.9, 31.1, "months"),
                            (89.9, 92.1, "quarters"), (364.9, 366.1, "years")):
        if low <= days <= high:
            return word
    return "steps"


def _warn(rows: Rows, s: int, start: int, end: int, time, positions, attrs: dict, unread: np.ndarray, unused: list,
          fill: str, offsets) -> None:
    """Warn where a numeric column no role took varies within series ``s`` and holds values in its last rows."""
    own = positions[int(offsets[s]): end]
    own = own[own >= 0]
    last = positions[start:end]
    last = last[last >= 0]
    mine = unread[own]
    varies = np.array([len(np.unique(col[~np.isnan(col)])) > 1 for col in mine.T], dtype=bool)
    held = varies & ~np.isnan(unread[last]).all(axis=0)
    if not held.any():
        return
    names = [c for c, h in zip(unused, held) if h]
    after = "" if time is None else f" ({shown(time[end - 1], time, rows.text_format)})"
    them = "it" if end - start == 1 else "them"
    log.warning("%s, which the model does not read: fill %r fills %s as history, so the forecast starts after %s%s; "
                "if %s the future's rows appended to the history, give the data without %s",
                _head(rows, s, start, end, time, positions, attrs, "values of " + ", ".join(names)), fill, them, them,
                after, "it is one of" if them == "it" else "they are", them)


def _head(rows: Rows, s: int, start: int, end: int, time, positions, attrs: dict, what: str) -> str:
    placed = positions[start:end][positions[start:end] >= 0]  # rows inserted by fill_gaps have no line
    fmt = rows.text_format  # a monthly '2020-01' named as the file writes it
    dates = None if time is None else (shown(time[start], time, fmt), shown(time[end - 1], time, fmt))
    return tail_rows(gaps.label(rows, s).removesuffix(' at ') or 'the data', ', '.join(rows.columns[: rows.n_targets]),
                     what, end - start, int(placed[0]), int(placed[-1]), attrs, dates)


def _refusal(rows: Rows, s: int, start: int, end: int, time, positions, attrs: dict, held: np.ndarray,
             fill: str | None = None) -> str:
    n_t, n_p = rows.n_targets, rows.n_past
    past = [c for c, h in zip(rows.columns[n_t: n_t + n_p], held[:n_p]) if h]
    future = [c for c, h in zip(rows.columns[n_t + n_p:], held[n_p:]) if h]
    head = _head(rows, s, start, end, time, positions, attrs, held_kinds(past, future))
    return head + advice(past, future, rows.columns[n_t + n_p:]) + late(time, start, rows.text_format, fill)
