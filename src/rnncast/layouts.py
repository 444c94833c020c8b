"""The three layouts a table comes in, read into rows: every row's series, time and values, in the
table's order, with the columns ordered by role (targets, past covariates, future covariates).

* **long**: one row per (series, time step); an id column names the series;
* **wide**: one column per series, rows in time order, covariates shared by every series;
* **single**: one series, its target column(s) and covariates.

``panel.load_panel`` sorts, checks and stores the rows. Each layout names what it cannot find
(a column, an id, a target) and says what would be accepted; ``repeatedrows.id_hint`` names the column that
could tell apart the series of a table read as one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd

from rnncast import daycolumns, endofday, indexcolumns, numbertimes, timeaxis, unitcolumns, unusedcolumns, weektext, widetail
from rnncast.allfeatures import every_other, every_series
from rnncast.csvtext import kept_format
from rnncast.data import ID_COLUMN, INDEX_TIME, names, place, require_column, shown_columns
from rnncast.numbercolumns import check_finite, numeric_column
from rnncast.errors import RnncastError
from rnncast.labels import check_named, default_target, long_target
from rnncast.rowcounters import counters_note
from rnncast.rolenames import not_all, one_role
from rnncast.seriesids import check_ids, id_text, number_order, one_form
from rnncast.lookalikes import refuse_look_alike
from rnncast.spelling import one_series_reader, shortlist
from rnncast.timetext import shown

log = logging.getLogger(__name__)

TARGET_COLUMN = "y"  # the long format's default target, as in Nixtla's libraries


@dataclass
class Rows:
    """What a layout hands to ``assembly.assemble``: every row's series, time and values, in the table's order."""

    codes: np.ndarray  # [N] series of each row (a position in ids)
    ids: list
    time: pd.Index | None  # [N]
    values: np.ndarray  # [N, C] float64
    positions: np.ndarray  # [N] row of each row in the table, for messages
    columns: list[str]
    n_targets: int
    n_past: int
    time_col: str | None
    how: str | None  # how the time column was found (None: named by the caller)
    id_col: str | None
    codes_by_row: np.ndarray | None = None  # [rows of the table] for static columns
    dayfirst: bool | None = None  # dates such as 01/02/2016 read day first (True), month first (False); None: no doubt
    text_format: str | None = None  # the strftime format of the time column's text (csvtext.written_format)
    given: pd.Index | None = None  # [S] the caller's ids where not text (seriesids.given_index); Panel.given
    written: pd.DatetimeIndex | None = None  # [rows of the table] times as written where UTC offsets change (writtenzones)
    clocks: object = None  # clocks() [rows of the table]: zoned times as written, read with tz= (seriesclocks), or None
    coded: np.ndarray | None = None  # [N, C] the numbers of missing_values read as blank (NaN elsewhere); None: none
    worded: np.ndarray | None = None  # [N, C] cells read as blank from a text code of missing_values ('M'); None: none

    def given_id(self, code):
        """The id of the series of code ``code`` as the caller gave it (``Panel.given_id``)."""
        return self.ids[int(code)] if self.given is None else self.given[int(code) : int(code) + 1].tolist()[0]


def _roles(frame, features, future_known: bool, past_covariates, future_covariates, exclude: list[str]):
    """Past and future covariate columns. ``features`` join the future role with ``future_known``, the
    past one otherwise; ``"all"`` is every other numeric column of ``frame``."""
    past, future = names(past_covariates), names(future_covariates)
    if isinstance(features, str) and features == "all":
        feats = every_other(frame, exclude, past, future)
    else:
        feats = names(features)
    one_role(features=feats, past_covariates=past, future_covariates=future)
    (future if future_known else past).extend(feats)
    return past, future


def _time(frame, name, tz, dayfirst, order: dict | None, named: bool = False) -> pd.Index | None:
    """The time column read (``timeaxis.parse_time``; numbers in ``order["time_unit"]``, if given; ``named``: by the caller);
    ``order`` receives how dates that read both ways were read (``"dayfirst"``) and the column's text format (``"text_format"``)."""
    if name is None:
        return None
    at = lambda i: place(i, frame.attrs)  # noqa: E731
    unit = _unit(order)
    time = timeaxis.parse_time(frame[name], name, tz, at, dayfirst, order, unit=unit, told=named)
    if order is not None:  # a form no format writes back is warned of (csvtext's logger: at fit only)
        given, weeks = frame[name], order.pop("weeks", False)  # the ISO weeks parse_time read (None: none), once
        if weeks is False and not pd.api.types.is_numeric_dtype(given):  # not read there (freq=1: steps)
            weeks = None if (read := weektext.iso_codes(given, name)) is given else read
        column = given if weeks is None or weeks is False or pd.api.types.is_numeric_dtype(given) else weeks
        order["text_format"] = ((numbertimes.form(given, unit) if unit else None) or weektext.codes_format(given, name, time, weeks)  # 202328
                                or kept_format(endofday.read(column, name, at, say=False), time, name,  # 24:00: 00:00
                                               order.get("dayfirst") if dayfirst is None else dayfirst, at))
    return time


def _unit(order: dict | None) -> str | None:
    """The unit ``time_unit`` names the time column's numbers in (``order["time_unit"]``), or None."""
    return order.get("time_unit") if order is not None else None


def single_rows(frame, target, time_col, features, future_known, past_covariates, future_covariates, tz,
                dayfirst=None, order=None) -> Rows:
    check_named(frame, target=target, features=features, past_covariates=past_covariates, future_covariates=future_covariates)
    explicit = names(target) + names(past_covariates) + names(future_covariates)
    if not isinstance(features, str) or features != "all":
        explicit += names(features)
    frame, time_name, how = indexcolumns.settle(frame, *unitcolumns.find(frame, time_col, explicit, _unit(order)))
    targets = names(target) if target is not None else default_target(frame, False if time_col is False else time_name,
                                                                      explicit)  # False: no time, by the caller's word
    past, future = _roles(frame, features, future_known, past_covariates, future_covariates,
                          exclude=targets + [time_name])
    columns = _check_columns(frame, targets + past + future, [time_name], {
        "the target (target=, --target)": targets, "a covariate": past + future,
        "the time column (time_col=, --time-col)": [time_name]}, _keys(target, features, past_covariates, future_covariates))
    n = len(frame)
    numbers = _numeric(frame, columns, time_name, _named(target, features, past_covariates, future_covariates))
    return Rows(np.zeros(n, dtype=np.int64), [None], _time(frame, time_name, tz, dayfirst, order, how is None), numbers, np.arange(n), columns,
                 len(targets), len(past), time_name, how, None)


def _check_columns(frame, columns: list[str], others: list, roles: dict, keys: dict) -> list[str]:
    """``columns`` (targets, then covariates), each found (``keys``: the keyword that named it, ``_keys``); none of
    them, nor ``others`` (id, time, static), in two roles: ``roles`` names each column's role (by its keyword), the one
    that a refusal names first."""
    for name in columns:
        require_column(frame, name, keyword=keys.get(name))
    every = columns + [c for c in others if c is not None]
    refuse_look_alike(every, frame.columns)  # 'Café' composed and 'Café' decomposed: the one taken is not told apart
    twice = next((c for i, c in enumerate(every) if c in every[:i]), None)
    if twice is not None:
        held = [role for role, names_ in roles.items() if twice in names_]
        raise RnncastError(f"column {twice!r} is named as {' and as '.join(held[:2])}; give each column one role")
    return columns


def _numeric(frame, columns: list[str], time_name=None, named: dict | None = None, ids=None) -> np.ndarray:
    """[N, C] float64 of ``columns``, each refused (``RnncastError``) where it holds timestamps (``_refuse_time``)
    or anything else that is no number (``numbercolumns.numeric_column``, naming the series by ``ids`` where given)."""
    if not columns:
        return np.zeros((len(frame), 0))
    for name in columns:
        _refuse_time(frame, name, time_name, (named or {}).get(name, "target= and the covariates"))
    return np.column_stack([numeric_column(frame[c], c, frame.attrs, ids) for c in columns])  # [N, C] float64


def _keys(target=None, features=None, past_covariates=None, future_covariates=None, series=None) -> dict:
    """The keyword that named each column (a config file's key: ``data.require_column`` names it and the file)."""
    given = (("target", target), ("features", features if not isinstance(features, str) or features != "all" else None),
             ("past_covariates", past_covariates), ("future_covariates", future_covariates),
             ("series", series if not isinstance(series, str) or series != "all" else None))
    return {c: key for key, value in reversed(given) for c in names(value)}


def _named(*given) -> dict:
    """The keyword (and flag) that named each column, for a refusal to say where to leave it out."""
    return {c: f"{key}= (--{key.replace('_', '-')})" for c, key in _keys(*given).items()}


def _refuse_time(frame, name, time_name, keyword: str) -> None:
    """Refuse a column named as a target, covariate or series that holds timestamps (datetimes, periods, or text
    written as dates, quarters, ISO weeks or months, as ``timeaxis.find_time_column`` finds them by type or values):
    a timestamp is the time axis, never a number to train on, and read as nanoseconds since 1970 it would be one."""
    column = frame[name]
    if pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column) or timeaxis.find_time_column(
            column.rename("values").to_frame())[1] not in ("by its type", "by its values"):  # a neutral name
        return
    given = column.dropna()
    if len(given) and pd.to_numeric(given.astype(str).str.strip(), errors="coerce").notna().mean() >= 0.5:
        return  # 1000, 1007 ... with one 'n.a.': numbers that read as years, the value no number refused by name
    i = int(np.argmax(column.notna().to_numpy()))
    value = shown(column.iloc[i], column) if isinstance(column.iloc[i], pd.Timestamp) else str(column.iloc[i]).strip()
    held = f"{place(i, frame.attrs)} holds {value!r}"
    axis = (f"it is the time axis: leave it out of {keyword} and it is found as the time column, or name it with "
            "time_col= (--time-col)" if time_name is None else f"the time axis is {time_name!r} (time_col=, --time-col); "
            f"leave it out of {keyword}, or give what it means as numbers (e.g. days since it)")
    raise RnncastError(f"column {name!r} holds timestamps ({held}), not numbers to train on; {axis}")


def long_rows(frame, id_col, target, time_col, features, future_known, past_covariates, future_covariates,
          static_covariates, tz, dayfirst=None, order=None, key_order=None) -> Rows:
    """``key_order``: how a key of several columns orders its series' ids (``serieskeys.Key.order``)."""
    require_column(frame, id_col, "id column", "id_col")
    if target is None:
        if TARGET_COLUMN not in frame.columns:
            raise RnncastError(long_target(frame, id_col, time_col, shortlist(shown_columns(frame))))  # YEAR, WEEK: joined
        target = TARGET_COLUMN
    check_named(frame, target=target, features=features, past_covariates=past_covariates, future_covariates=future_covariates)
    targets = names(target)
    static_names = names(static_covariates) if isinstance(static_covariates, (list, tuple, str)) else []
    not_all("static_covariates", static_names, frame.columns)  # 'all': not "static covariate 'all' not found"
    explicit = [id_col] + targets + static_names + names(past_covariates) + names(future_covariates)
    frame, time_name, how = indexcolumns.settle(frame, *unitcolumns.find(
        frame, time_col, explicit + (names(features) if features != "all" else []), _unit(order), id_col), layout="long")
    past, future = _roles(frame, features, future_known, past_covariates, future_covariates,
                          exclude=targets + static_names + [id_col, time_name])
    columns = _check_columns(frame, targets + past + future, [id_col, time_name] + static_names, {
        "the id column (id_col=, --id-col)": [id_col], "the target (target=, --target)": targets,
        "a covariate": past + future, "the time column (time_col=, --time-col)": [time_name],
        "a static covariate (static_covariates=, --static-covariates)": static_names},
        _keys(target, features, past_covariates, future_covariates))
    for name in static_names:
        require_column(frame, name, "static covariate", "static_covariates")
    ids_column = frame[id_col]
    empty = (ids_column.isna() | (ids_column == "")).to_numpy()  # an id "" is no id; "NA" is one
    if empty.any():
        i = int(np.flatnonzero(empty)[0])
        raise RnncastError(f"id column {id_col!r} is empty at {place(i, frame.attrs)}; every row needs a series id")
    codes, uniques = pd.factorize(ids_column, sort=True)
    check_ids(uniques, id_col)  # 1 and "1" in one column: one series once written as text, refused
    one_form(uniques, f"id column {id_col!r}")  # 'Café Süd' composed and decomposed: refused, not two series
    by_number = (number_order if key_order is None else key_order)(uniques)  # a file's ids 1, 2, 10 in that order
    if by_number is not None:
        uniques, codes = uniques[by_number], np.argsort(by_number)[codes]
    ids = [id_text(v) for v in uniques]  # 101.0 is '101', as 101 is
    n = len(frame)
    codes = np.asarray(codes, dtype=np.int64)  # one array for the rows and the static columns
    numbers = _numeric(frame, columns, time_name, _named(target, features, past_covariates, future_covariates),
                       np.asarray(ids, dtype=object)[codes])  # a stray cell named with its series
    return Rows(codes, ids, _time(frame, time_name, tz, dayfirst, order, how is None), numbers, np.arange(n),
                 columns, len(targets),
                 len(past), time_name, how, id_col, codes)


def wide_rows(frame, series, target, time_col, features, future_known, past_covariates, future_covariates, tz,
              dayfirst=None, order=None, fill=None) -> Rows:
    """One column per series, each trimmed to its first and last value; covariates shared by all (``fill``: the
    fill asked for, named in the refusal of rows appended after them, ``widetail.refuse``)."""
    if target is not None:  # 'y' too: the long rows' name for the values, never a column of this table
        raise RnncastError(f"with series= (wide format) each series column is a target; leave target unset, got {target!r}")
    if features == "all":
        raise RnncastError("features='all' cannot apply to wide format, where every other column may be a series; "
                           "name the covariate columns")
    check_named(frame, series=series, features=features, past_covariates=past_covariates, future_covariates=future_covariates)
    shared_past, shared_future = _roles(frame, features, future_known, past_covariates, future_covariates, exclude=[])
    covariates = shared_past + shared_future
    given = None if isinstance(series, str) and series == "all" else names(series)
    frame, time_name, how = indexcolumns.settle(frame, *unitcolumns.find(frame, time_col, (given or []) + covariates, _unit(order)))
    if given is None:  # series='all'
        given = every_series(frame, time_name, covariates, ID_COLUMN)  # text: refused below, said
        daycolumns.refuse_all(frame, given, time_name)  # d_1 .. d_60 of one item a row: transposed (decision 2110)
    if not given:
        raise RnncastError("series= names no column; give the series columns (e.g. series=['a', 'b']) or 'all'")
    for name in given + covariates:
        require_column(frame, name, keyword=_keys(None, features, past_covariates, future_covariates, series).get(name))
    one_form(given, "the table's header", "save the header in composed form (NFC; in Python, frame.rename("
             "columns=lambda c: unicodedata.normalize('NFC', c)))")  # '매출' twice, one decomposed: not two series
    one_role(series=given, **{k: names(v) for k, v in (("features", features), ("past_covariates",  # one role
        past_covariates), ("future_covariates", future_covariates)) if v})  # each, said by keyword and flag (decision 739)
    if TARGET_COLUMN in covariates:  # the model would hold two columns 'y' and refuse its own model.json
        raise RnncastError(f"a covariate of wide data cannot be named {TARGET_COLUMN!r}: rnncast reads the series' values "
                           f"into a column of that name (long rows'); rename the column, or forecast it as a series "
                           "(series=, --series)")
    if ID_COLUMN in given:  # a table holding it reads as long format at predict (reading._load)
        every = " (series 'all' takes it as one)" if isinstance(series, str) and series == "all" else ""
        raise RnncastError(f"a series column cannot be named {ID_COLUMN!r}{every}, long format's id column: data "
                           "holding it reads as long format; rename it")
    named = _named(None, features, past_covariates, future_covariates, series)
    for name in given:
        _refuse_time(frame, name, time_name, named.get(name, "series= (--series)"))
    shared = _numeric(frame, covariates, time_name, named)  # [rows, K] places in the wide table
    codes, rows, ys = [], [], []
    for s, name in enumerate(given):
        y = numeric_column(frame[name], name, frame.attrs)
        check_finite(np.where(np.isnan(y), 0, y)[:, None], [name], np.arange(len(y)), frame.attrs)  # named as given
        present = np.flatnonzero(~np.isnan(y))
        if not len(present):
            raise RnncastError(f"series column {name!r} has no values at all (every row is missing); drop it")
        keep = np.arange(present[0], present[-1] + 1)  # not started yet / ended: the gaps at either end
        codes.append(np.full(len(keep), s, dtype=np.int64))
        rows.append(keep)
        ys.append(y[keep])
    time = _time(frame, time_name, tz, dayfirst, order, how is None)
    widetail.refuse(frame, list(given), [int(r[-1]) for r in rows], covariates, len(shared_past), shared, time,
                    (order or {}).get("text_format"), fill)  # the future's rows appended: named, not trimmed silently
    rows_all = np.concatenate(rows)
    values = np.column_stack([np.concatenate(ys)] + ([shared[rows_all]] if covariates else []))
    return Rows(np.concatenate(codes), list(given), time[rows_all] if time is not None else None, values, rows_all,
                [TARGET_COLUMN] + covariates, 1, len(shared_past), time_name, how, ID_COLUMN)  # y: long rows' values


def not_used(frame: pd.DataFrame, rows: Rows, layout: str, static_names=()) -> list[str]:
    """The table's columns that no role took: not the time, the id, a target, a covariate, a static
    attribute or (wide) a series; in the table's order."""
    taken = rows.columns[rows.n_targets:] if layout == "wide" else rows.columns  # wide: 'y' names no column of the table
    used = set(taken) | {rows.time_col, rows.id_col} | {str(c) for c in static_names}
    used.add(frame.attrs.get(INDEX_TIME))  # an index not taken for time is warned of where time is found
    used.add(frame.attrs.get(indexcolumns.INDEX_STEPS))  # one of integer steps not taken: row labels (indexcolumns.settle)
    if layout == "wide":
        used |= {str(i) for i in rows.ids}
    return [str(c) for c in frame.columns if str(c) not in used]


def not_used_note(unused: list[str], layout: str, dated=(), unread: str = "", counters=(), attrs=None) -> str:
    """One line naming the columns no role took and the keywords (flags) that would give them one; ``dated`` (integers read
    as compact dates, no time column found) said to look like dates, ``counters`` (``rowcounters.row_counters``) to give the
    rows' order, not offered as covariates; ``unread``: text that looks like time but is not read (``timeunread.unread_time``);
    ``attrs``: the table's, naming a Parquet file's index as such (``unusedcolumns.listed``)."""
    unused, counted = [c for c in unused if c not in counters], counters_note(list(counters)) if counters else ""
    covariates = ["past_covariates", "future_covariates"]  # fit's and tune's (decision 1213)
    if one_series_reader() is not None:  # a model of one series read for predict: features only
        roles = ["features"]
    elif layout == "wide":  # features 'all' is refused there
        roles = ["series", *covariates]
    else:
        roles = covariates + (["static_covariates"] if layout == "long" else [])
    keywords = ", ".join(f"{r}=" for r in roles[:-1]) + (" or " if len(roles) > 1 else "") + f"{roles[-1]}="
    flags = ", ".join("--" + r.replace("_", "-") for r in roles)
    every = "" if layout == "wide" else ", or features='all' (--features all)"
    looks = (f"; {', '.join(map(repr, dated))} {'looks' if len(dated) == 1 else 'look'} like dates: to take "
             f"{'it' if len(dated) == 1 else 'one'} as the time, name it with time_col= (--time-col)") if dated else ""
    text = f"; no time column was found (rows are numbered): {unread}" if unread else ""
    listed = f"{', '.join(unusedcolumns.listed(c, attrs or {}) for c in unused)} (to train on them, name them with {keywords} ({flags}){every}){looks}{text}" if unused else ""
    return f"not used: {listed}{'; ' + counted if counted else ''}" if listed else counted
