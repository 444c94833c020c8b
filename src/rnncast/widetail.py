"""Rows appended to a wide table after its series' last value (Darts' way of giving the future covariates: the times
to come with the covariate columns filled and every series blank): refused by name, as ``appendedrows`` refuses them
in a long table, where a covariate the model reads holds a value there.

A wide table's series are trimmed to their first and last value (a series not started yet, or ended); rows after
the last value of every series were trimmed so too, their covariates never read, and ``predict`` then asked for the
future values as if none were given. They are the future: the refusal names the rows (dates as the table writes
them, the file's lines), the covariate columns holding values there, and what to do, in ``appendedrows``' words
(``advice``), then the other reading, the series' readings missing there (a late feed), and its remedy (``late``,
shared with ``appendedrows``: decisions 1717, 1740). A series that ends before another is not refused: the rows after
it hold the other's values.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast.data import place
from rnncast.errors import RnncastError
from rnncast.filelines import line
from rnncast.spelling import hint, shell_names, spelled
from rnncast.timetext import shown


def refuse(frame: pd.DataFrame, series: list[str], ends: list[int], covariates: list[str], n_past: int,
           shared: np.ndarray, time: pd.Index | None, text_format: str | None = None, fill: str | None = None) -> None:
    """Raise ``RnncastError`` where the rows of ``frame`` (a wide table) after the last value of every series
    (``ends`` [S]: each series' last row) hold a value of a covariate; ``covariates``: the past ones (the first ``n_past``)
    then the future ones, their values ``shared`` [rows, K]; ``time`` [rows] the table's times (None: rows numbered),
    named in the form ``text_format`` (``Rows.text_format``); ``fill`` the fill asked for (``late``'s remedy)."""
    end = max(ends) + 1 if ends else len(frame)
    if end >= len(frame) or not covariates:
        return
    held = ~np.isnan(shared[end:]).all(axis=0)  # [K]
    if not held.any():
        return
    rows = np.flatnonzero(~np.isnan(shared[end:]).all(axis=1)) + end  # those holding a covariate value
    first, last = int(rows[0]), int(rows[-1])
    past = [c for c, h in zip(covariates[:n_past], held[:n_past]) if h]
    future = [c for c, h in zip(covariates[n_past:], held[n_past:]) if h]
    dates = None if time is None else (shown(time[first], time, text_format), shown(time[last], time, text_format))
    head = tail_rows("the table", f"any series ({', '.join(series[:5])}{', ...' if len(series) > 5 else ''})",
                     held_kinds(past, future), len(rows), first, last, frame.attrs, dates)  # dates as written
    raise RnncastError(head + advice(past, future, covariates[n_past:]) +
                       ("" if not future else "; a wide model reads a future table of the time and covariate columns, "
                        "one row per time, for every series") + late(time, end, text_format, fill, "the series'"))


def tail_rows(of: str, lacking: str, what: str, count: int, first: int, last: int, attrs: dict,
              dates: tuple | None) -> str:
    """The words "the last ``count`` rows of ``of`` (dates, lines) have no value of ``lacking`` but have ``what``" of
    rows appended to the history (``last_rows``). Said so of a wide table here and of a series of a long one
    (``appendedrows``)."""
    has = "has" if count == 1 else "have"
    return f"{last_rows(of, count, first, last, attrs, dates)} {has} no value of {lacking} but {has} {what}"


def last_rows(of: str, count: int, first: int, last: int, attrs: dict, dates: tuple | None) -> str:
    """The words "the last ``count`` rows of ``of`` (dates, lines)", the first and last at rows ``first`` and ``last``
    of the table (named by their file lines where ``attrs`` has them); ``dates``: the first's and the last's as the
    table writes them (None: numbered)."""
    where = place(first, attrs) if first == last else (
        f"lines {line(first, attrs)}-{line(last, attrs)} of {attrs['source']}"
        if attrs.get("line_offset") is not None and attrs.get("source") else f"rows {first}-{last}")
    one = count == 1
    when = "" if dates is None else f"{dates[0]}, " if one else f"{dates[0]} to {dates[1]}, "
    return f"{'the last row' if one else f'the last {count} rows'} of {of} ({when}{where})"


def held_kinds(past: list, future: list) -> str:
    """The covariates holding values in such rows, by kind: "the future covariates a, b and the past covariates c"."""
    return " and ".join(([f"the future covariates {', '.join(future)}"] if future else []) +
                        ([f"the past covariates {', '.join(past)}"] if past else []))


def advice(past: list, future: list, read: list) -> str:
    """What to do with rows appended to the history with the target blank that hold values of the covariates ``past``
    and ``future``; ``read``: the model's future covariates. A clause beginning with ': '."""
    if future:
        unread = " (the future values of a past covariate are not used by this model)" if past else ""
        return (f": future rows appended to the history are not read as history{unread}; if they are the forecast's "
                "future, give the data without them, and those rows as the future (predict --future FILE, future= in "
                "Python)")
    if read:
        return (": rows appended to the history with the target blank are not read as history, and the future "
                "values of a past covariate are not used by this model; give the data without them, and the future "
                f"values of {', '.join(read)} as the future (predict --future FILE, future= in Python)")
    return (": rows appended to the history with the target blank are not read as history, and the future values of "
            "a past covariate are not used by this model; give the data without them (or, to use those values, fit "
            f"with --future-covariates {shell_names(*past)}, future_covariates= in Python, and give them as the future)")


def late(time, start: int, fmt, fill: str | None, whose: str = "the target's") -> str:
    """The other reading of such rows: ``whose`` readings missing there (a meter feed late: the covariates written,
    the load not yet), and what to do, ``start`` the first of them (the row before it the last value, ``time`` [rows]
    the times, None: numbered, written in the form ``fmt``): give the data without them (the forecast then starts
    after that value), or, where ``fill`` fills, write the cells as a missing-value code, the model's
    (``hint("missing_values")``, set by ``reading``) or, at fit, one to give (decision 1717; a wide table's too,
    decision 1740). Blank, they are not filled: a blank target with its covariates is also how the future is given.
    A clause beginning with '; '."""
    last = "" if time is None else f" ({shown(time[start - 1], time, fmt)})"
    text = (f"; if instead {whose} readings are missing there (a late feed), give the data without them: the "
            f"forecast then starts after the last value{last}")
    if fill in (None, "drop"):
        return text
    code, fitted = hint("missing_values", None), hint("reader", None) is not None
    if code:
        return text + f", or write those cells as the model's missing-value code {code} so that its fill {fill!r} fills them"
    return text if fitted else (text + f", or write those cells as a missing-value code and give it "
                                f"({spelled('missing_values', -9999)}) so that fill {fill!r} fills them")
