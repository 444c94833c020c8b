"""Missing values filled within each series (``fill``: ffill, interpolate, zero, drop), and what was filled.

A filled value is made, not observed. The loader keeps, for every value, where the latest observed
value it was made from lies (``Panel.filled``: rows from its own, 0 for an observed value), so that
scoring can tell the two apart (``filledwindows``, decision 84). Missing values without ``fill`` are
refused with their place; ``drop`` says the rows it removed (inside a series, or at its end).
"""

from __future__ import annotations

import logging

import numpy as np

from rnncast import blankholidays, droppedtail, filelines, fillruns, idkeys, latereports, zerocovariates
from rnncast.data import KEY_DTYPES, NA_COLUMNS, ROWS_OF, place
from rnncast.errors import RnncastError
from rnncast.excelerrors import is_not_available
from rnncast.settingvalues import CHOICES
from rnncast.spelling import counted, hint, named
from rnncast.timetext import at_midnight, shown

log = logging.getLogger(__name__)

FILL_HINT = "fill them with --fill ffill|interpolate|zero|drop (fill= in Python)"  # what fit accepts; a reader can say its own (spelling.hints)


def fill_missing(values: np.ndarray, fill: str, carried: np.ndarray | None = None
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One series' rows [T, C] float64 with NaN filled by ``fill``. Returns the rows, the mask [T] of
    rows kept (every row but for ``drop``) and ``source`` [T', C] int32: for each value, how many rows
    from its own the latest observed value it was made from lies (negative: earlier, positive: later,
    0: the value was observed).

    ``ffill`` carries the last value forward (and the first one back over the rows before it);
    ``interpolate`` draws the straight line between the values on either side (the nearest value before
    the first and after the last one), pandas' ``interpolate(limit_direction='both')``; ``zero`` writes 0 where a
    missing value means nothing happened (a till export that leaves out its weeks without sales): an observed 0, so
    ``source`` is 0 and the zeros are scored, but for those of ``carried`` [T, C] (the blank covariates of the rows
    zero fill adds, ``zerocovariates.blanks``), filled as ffill fills them; ``drop`` removes every row that has a
    missing value. Raises ``RnncastError`` for another ``fill``."""
    if fill not in CHOICES["fill"]:
        raise RnncastError(f"unknown fill {fill!r}; choose one of: {', '.join(CHOICES['fill'])}")
    missing = np.isnan(values)
    n = len(values)
    if fill == "zero":
        made, source = np.where(missing, 0.0, values), np.zeros(values.shape, dtype=np.int32)
        if carried is not None and carried.any():  # each covariate's last value before (the next where none lies before)
            ahead, at = _forward(values, missing)
            made[carried], source[carried] = ahead[carried], at[carried]
        return made, np.ones(n, dtype=bool), source
    if fill == "drop":
        kept = ~missing.any(axis=1)
        return values[kept], kept, np.zeros((int(kept.sum()), values.shape[1]), dtype=np.int32)
    if fill == "ffill":
        filled, source = _forward(values, missing)
        return filled, np.ones(n, dtype=bool), source
    import pandas as pd

    rows, (before, after) = np.arange(n)[:, None], _observed(missing)
    filled = pd.DataFrame(values).interpolate(method="linear", limit_direction="both")
    source = np.where(after < n, after, before)
    made = filled.to_numpy(dtype=np.float64, copy=True)
    made[missing] = _plain(made[missing])  # 176.16, not 176.16000000000003
    return made, np.ones(n, dtype=bool), (source - rows).astype(np.int32)


def _observed(missing: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """[T, C] each value's last observed row at or before it (-1: none) and its first at or after it (T: none)."""
    n = len(missing)
    rows = np.arange(n)[:, None]
    before = np.maximum.accumulate(np.where(missing, -1, rows), axis=0)
    after = np.minimum.accumulate(np.where(missing, n, rows)[::-1], axis=0)[::-1]
    return before, after


def _forward(values: np.ndarray, missing: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """ffill's rows [T, C]: each missing value the last observed one before it (the first after it where none lies
    before), and ``source`` [T, C] int32, the rows from its own that value lies."""
    import pandas as pd

    before, after = _observed(missing)
    source = np.where(before >= 0, before, after) - np.arange(len(values))[:, None]
    return pd.DataFrame(values).ffill().bfill().to_numpy(dtype=np.float64), source.astype(np.int32)


def _plain(values: np.ndarray) -> np.ndarray:
    """Interpolated values to 12 significant digits: the straight line's arithmetic leaves float64 noise in the last
    digits ((172.21 + 180.11) / 2 is 176.16000000000003), which a file of the actual values would write."""
    with np.errstate(divide="ignore", invalid="ignore"):
        digits = 11 - np.floor(np.log10(np.abs(values)))
    kept = np.where(np.isfinite(digits), digits, 0).astype(np.int64)
    return np.array([round(float(v), int(k)) for v, k in zip(values.ravel(), kept.ravel())]).reshape(values.shape)


def _dated(time, i: int, fmt: str | None, attrs: dict) -> str:
    """" dated 2024-03-01": the time of row ``i`` beside a frame's "row 300", which counts rows from 0 whatever the
    frame's index labels them (a tester's index started at 1000); "" for a file's line, or rows without time."""
    if time is None or attrs.get("source") or not 0 <= i < len(time):
        return ""
    return f" dated {shown(time[i], time, fmt)}"


def fill_panel(values, time, positions, offsets, columns: list[str], ids: list, id_col, fill, attrs,
               fmt: str | None = None, announce: bool = True, wide: bool = False, inside: bool = True,
               roles: tuple[int, int] | None = None, told: np.ndarray | None = None, tail_said: bool = True):
    """Missing values of stacked series (``offsets`` [S + 1], named in messages by ``ids`` as the caller gave
    them): refused with their place, or filled within each series, never across two. Returns ``values``, ``time``, ``positions``, ``offsets``
    (rows dropped by ``drop`` gone), ``filled`` [N, C] int32 (``fill_missing``'s ``source``), or
    None when nothing was made (``drop``), and the rows ``drop`` removed at series' ends. ``fmt``: the
    time column's text form, times are named in; ``announce``: warn of rows dropped at a series' end
    (a fit's data; predict refuses such data itself); ``wide``: a wide table's, whose target column 0 is
    named by each series' own column (``ids``) and whose covariates are every series' (named without one);
    ``inside``: warn of rows ``drop`` removed inside a series (False where they are the steps off the calendar the
    rows kept follow: ``blankrows``, said there); ``roles``: how many of ``columns`` are targets and past covariates
    (the rest future ones), for the refusal of a column without a value to name the ways out (``_empty``); ``told``
    [N]: rows whose missing values a line said already (``zerotail.appended``), left out of the count said here;
    ``tail_said``: False where the rows dropped at series' ends are said once the calendar is known
    (``droppedtail.settled``)."""
    for s in range(len(offsets) - 1):
        empty = np.isnan(values[offsets[s] : offsets[s + 1]]).all(axis=0)
        if empty.any():
            j = int(np.flatnonzero(empty)[0])
            raise RnncastError(f"column {_named(columns, j, ids, s, id_col, wide)} has no values at all (every row is "
                               f"missing); {_empty(columns, j, ids, s, id_col, wide, roles, attrs)}")
    late, latest = ([], None) if wide or id_col is None or roles is None else \
        latereports.tails(values, time, positions, offsets, roles[0])  # not yet reported? decision 1609
    if fill is None:
        missing = np.isnan(values)
        only = bool(late) and not missing[~latereports.mask(late, len(values))].any()  # every missing value theirs
        if only:
            raise RnncastError(latereports.refusal(late, time, positions, ids, columns[: roles[0]], attrs, fmt, latest,
                                                   True))
        if late:  # the late rows lead; the first other missing value is the one located (decision 1636)
            missing = missing & ~latereports.mask(late, len(values))[:, None]
        other = int(missing.sum())
        also = (f"{latereports.refusal(late, time, positions, ids, columns[: roles[0]], attrs, fmt, latest, False)}; "
                f"for the other {'missing value' if other == 1 else counted(other, 'missing value')}: ") if late else ""
        j = next(j for j in range(len(columns)) if missing[:, j].any())
        i = int(np.flatnonzero(missing[:, j])[0])
        s = int(np.searchsorted(offsets, i, side="right") - 1)
        found = blankholidays.columns(values, time, offsets, (s, j))  # a market's holidays: drop first
        said = blankholidays.clause(found, lambda t, c: _named(columns, c, ids, t, id_col, wide), True) \
            if found and found[0][:2] == (s, j) else ""
        way = hint('fill', FILL_HINT).replace("fill them", "fill it", 1) if late and other == 1 else hint('fill', FILL_HINT)
        na = "<NA>" if (ids[s] if wide and j == 0 else columns[j]) in ((attrs or {}).get(NA_COLUMNS) or ()) else "NaN"  # decision 1870
        raise RnncastError(
            f"{also}column {_named(columns, j, ids, s, id_col, wide)} has a missing value ({na}) at {place(int(positions[i]), attrs)}"
            f"{_dated(time, i, fmt, attrs)}{_written(int(positions[i]), ids[s] if wide and j == 0 else columns[j], attrs)}"
            f"{'' if late and other == 1 else f' ({_in_column(missing, positions, offsets, s, j, wide)})'}; "
            f"{said + '; ' if said else ''}{way}"
        )
    blank = None  # the blank covariates of the rows zero fill adds: carried forward, not 0 (the targets' 0)
    if fill == "zero" and roles is not None:
        values, blank = zerocovariates.blanks(values, positions, roles[0], time if wide and time is not None else None)
        if blank is not None and announce:
            zerocovariates.say(blank, positions, columns)
    if fill == "zero" and late:  # the rows it zeroes named: not yet reported? (decision 1609)
        latereports.warn_zero(late, time, positions, ids, columns[: roles[0]], attrs, fmt, latest)
    if fill != "drop":
        missing = np.isnan(values) if blank is None else np.isnan(values) & ~blank  # those carried: not zero filled
        ends = 0 if fill == "zero" else _count(_ends(missing, offsets, fill == "interpolate"), positions, wide)
        seen = values if blank is None else np.where(blank, 0.0, values)  # a carried value is no blank of a holiday
        said = blankholidays.clause(blankholidays.columns(seen, time, offsets) if announce else [],
                                    lambda t, c: _named(columns, c, ids, t, id_col, wide), False)
        unsaid = missing if told is None else missing & ~told[:, None]
        if n_said := _count(unsaid, positions, wide):  # decision 1484
            run = fillruns.said(values, unsaid, offsets, fill, lambda t, c: _named(columns, c, ids, t, id_col, wide),
                                time, positions, attrs, fmt)  # 76 days of a straight line: decision 1812
            log.warning("filling %s with %s%s%s%s", counted(n_said, "missing value"), fill,
                        "" if not ends else f" ({ends} of them before a column's first value"
                        + (" or after its last, given the nearest value" if fill == "interpolate" else
                           ", given that value, carried back") + ")", f"; {run}" if run else "", f"; {said}" if said else "")
    parts, kept, sources = [], [], []
    for s in range(len(offsets) - 1):
        filled, keep, source = fill_missing(values[offsets[s] : offsets[s + 1]], fill,
                                            None if blank is None else blank[offsets[s] : offsets[s + 1]])
        parts.append(filled)
        kept.append(keep)
        sources.append(source)
    keep = np.concatenate(kept)
    lengths = [len(p) for p in parts]
    tail = _dropped(kept, offsets, time, ids, id_col, fmt, announce, inside,
                    positions if wide else None, tail_said) if fill == "drop" else {}  # a wide table's rows: the table's
    return (np.concatenate(parts), time[keep] if time is not None else None, positions[keep],
            np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64),
            None if fill == "drop" else np.concatenate(sources), tail)


def _written(row: int, name, attrs: dict) -> str:
    """", which holds '#NV' (Excel's #N/A, read as missing)": the text a CSV file wrote in the missing cell, where it
    is an Excel not-available (any language's, ``excelerrors.is_not_available``); "" otherwise (blank, NaN, no file)."""
    if (given := attrs.get(ROWS_OF)) is not None and 0 <= row < len(given):
        row = int(given[row])  # a row repeated (serieskeys.spread): the one the file gave
    text = (filelines.cell(row, name, attrs) or "").strip()
    if not is_not_available(text):
        return ""
    return f", which holds {text!r} (Excel's {'not available' if text.upper() == '#N/A' else '#N/A'}, read as missing)"


def _named(columns: list, j: int, ids: list, s: int, id_col, wide: bool) -> str:
    """Column ``j`` of series ``s`` as a message names it: ``'y' of series 'a'``; in a wide table the series' own
    column ``'a'`` (its target) or the covariate every series shares; one series' column alone."""
    if wide:
        return repr(ids[s]) if j == 0 else repr(columns[j])
    return repr(columns[j]) + ("" if id_col is None else f" of series {ids[s]!r}")


def _empty(columns: list, j: int, ids: list, s: int, id_col, wide: bool, roles: tuple[int, int] | None,
           attrs: dict | None = None) -> str:
    """The ways out of column ``j`` of series ``s`` holding no value: a covariate left out of its setting (every
    series'), or the series left out of the table (a pandas line); a target only the latter."""
    if roles is None:
        return "drop it"
    if wide and j == 0:  # the series' own target column
        return f"leave column {ids[s]!r} out of the table, e.g. with pandas: df = df.drop(columns=[{ids[s]!r}])"
    setting = None if j < roles[0] else "past_covariates" if j < roles[0] + roles[1] else "future_covariates"
    out = f"leave {columns[j]!r} out of {named(setting)} or {named('features')}, whichever names it" if setting else ""
    if id_col is None or wide:
        return out or "a target needs values to forecast from; give it a column that holds them"
    rows = idkeys.series_rows(id_col, ids, ids[s], op="!=", dtypes=(attrs or {}).get(KEY_DTYPES))  # store 2, not '2'
    series = f"leave series {ids[s]!r} out, e.g. with pandas: df = df[{rows}]"
    return f"{out}, which leaves it out of every series, or {series}" if out else series


def _in_column(missing: np.ndarray, positions: np.ndarray, offsets: np.ndarray, s: int, j: int, wide: bool) -> str:
    """'7 missing in that column, 14 in the other columns' of the missing values [N, C]: those of the table's column
    that column ``j`` of series ``s`` is (a wide table's target: the series' own), else '7 missing in all'."""
    own = int(missing[offsets[s] : offsets[s + 1], 0].sum()) if wide and j == 0 else len(np.unique(positions[missing[:, j]]))
    rest = _count(missing, positions, wide) - own
    return f"{own} missing in that column, {rest} in the other columns" if rest else f"{own} missing in all"


def _ends(missing: np.ndarray, offsets: np.ndarray, last: bool) -> np.ndarray:
    """[N, C] the missing values before each series' first value of a column (and, where ``last``, after its last):
    no value lies on that side to carry forward or draw a line from, so the nearest one is copied there."""
    out = np.zeros_like(missing)
    for s in range(len(offsets) - 1):
        part = missing[offsets[s] : offsets[s + 1]]
        ends = np.logical_and.accumulate(part, axis=0)
        if last:
            ends |= np.logical_and.accumulate(part[::-1], axis=0)[::-1]
        out[offsets[s] : offsets[s + 1]] = ends
    return out


def _count(missing: np.ndarray, positions: np.ndarray, wide: bool) -> int:
    """The missing values [N, C] of the user's table: a wide table's covariate, every series', counted once a row."""
    if not wide:
        return int(missing.sum())
    return int(missing[:, 0].sum()) + sum(len(np.unique(positions[missing[:, j]])) for j in range(1, missing.shape[1]))


def _dropped(kept: list, offsets, time, ids, id_col, fmt: str | None = None, announce: bool = True,
             warn_inside: bool = True, table_rows=None, tail_said: bool = True) -> dict:
    """What ``drop`` removed, said: rows inside a series (windows across them take the rows on either
    side as consecutive: warned) and, returned as ``{series: (rows, last time shown, the warning's words, last time
    dropped, last time kept)}``, rows at a series' end, after which a forecast from the rows kept may be dated inside
    the data (predict refuses, ``droppedtail``; warned when ``announce`` and ``tail_said``: the model's cutoff is no
    longer the data's end). Without time a row is named by its
    number in its series, or by the table's (``table_rows`` [N]: a wide table's, which its series share)."""
    gone = [np.flatnonzero(~k) for k in kept]
    removed = sum(len(g) for g in gone)
    day = time is not None and at_midnight(time)
    inside, tail, moved = [], {}, []
    for s, (k, g) in enumerate(zip(kept, gone)):
        if not len(g):
            continue
        last = len(k) - (np.flatnonzero(k)[-1] + 1) if k.any() else len(k)  # rows dropped at the end
        at = lambda i, s=s: (shown(time[offsets[s] + i], day, fmt) if time is not None else  # noqa: E731
                             f"row {i if table_rows is None else int(table_rows[offsets[s] + i])}")
        if last:
            shown_last = at(len(k) - 1)
            rows = ("the last row" if last == 1 else f"the last {last} rows") + ("" if id_col is None else
                                                                                 f" of series {ids[s]!r}")
            span = shown_last if last == 1 else f"{at(len(k) - last)} to {shown_last}"
            kept_last = f" but {at(int(np.flatnonzero(k)[-1]))}, the last row kept" if k.any() else ""
            moved.append((rows, span, "s" if last == 1 else "", kept_last))
            raw = (lambda i, s=s: time[offsets[s] + i]) if time is not None else (lambda i: None)
            tail[s] = (int(last), shown_last, moved[-1], raw(len(k) - 1),  # the times: droppedtail.beyond
                       raw(int(np.flatnonzero(k)[-1])) if k.any() else None)
        first = np.flatnonzero(k)[0] if k.any() else 0
        within = g[(g > first) & (g < len(k) - last)]
        if len(within) and warn_inside:
            inside.append(("" if id_col is None else f"series {ids[s]!r} ") + at(int(within[0])))
    detailed = bool((moved and announce and tail_said) or inside)  # a warning below names the rows: the count is a note
    if warn_inside:  # else blankrows says how many, before the calendar
        count = "1 row that holds a missing value" if removed == 1 else f"{removed} rows that hold a missing value"
        if detailed:  # an INFO line a run keeps (noticed.KEPT_INFO)
            log.info("fill 'drop' removed %s", count)
        else:
            log.warning("fill 'drop' removed %s", count)
    if announce and tail_said:  # else said once the calendar is known (droppedtail.settled: decision 1915)
        droppedtail.warn(moved)
    if inside:
        log.warning("fill 'drop' removed rows inside %d series (first: %s), so the windows across them take the rows "
                    "on either side as consecutive steps; fill 'ffill', 'interpolate' or 'zero' (--fill) keeps the calendar",
                    len(inside), ", ".join(inside[:3]))
    return tail
