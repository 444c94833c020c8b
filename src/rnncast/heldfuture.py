"""The future covariates a wide table already holds at a series' forecast steps: the rows after its last value where
another series goes on (``sharedfuture``).

A wide model's covariates are one column shared by every series, one row per time. A series that ends before another
is forecast over times the table still covers, its covariates given there on the other series' rows. Those values are
the ones the other series read as history; the future table was asked for them again and, given another value for the
same time, read it for the one series (two prices for one day, silently) or, lacking them, refused them as missing.
They are read from the data where the future table leaves them out, and a future table that gives another value at
such a time is refused naming both; the same value is taken.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import pandas as pd

from rnncast.data import place
from rnncast.errors import RnncastError
from rnncast.timetext import shown


def held(panel, wanted: pd.Index, n_future: int) -> np.ndarray | None:
    """[1, H, F] the data's observed values of its last ``n_future`` columns (the future covariates) at the steps
    ``wanted`` of one series, taken from any series' rows at those times (row numbers where the rows are numbered);
    NaN where no row holds them; None where ``panel`` (a wide ``Panel``) holds none."""
    return held_each(panel, [wanted], n_future)[0]


def held_each(panel, wanted: list[pd.Index], n_future: int) -> list[np.ndarray | None]:
    """``held`` of each of ``wanted``, the data's observed rows gathered once for them all."""
    rows = _observed(panel, wanted, n_future)
    if rows is None:
        return [None] * len(wanted)
    known = [rows.reindex(w).to_numpy(dtype=np.float64) for w in wanted]
    return [k[None] if np.isfinite(k).any() else None for k in known]


def held_all(panel, wanted: list[pd.Index], n_future: int) -> np.ndarray | None:
    """[S, H, F] ``held`` of every series (NaN where the data holds none); None where it holds none for any."""
    each = held_each(panel, wanted, n_future)
    if all(k is None for k in each):
        return None
    return np.concatenate([k if k is not None else np.full((1, len(w), n_future), np.nan) for k, w in zip(each, wanted)])


def _observed(panel, wanted: list[pd.Index], n_future: int) -> pd.DataFrame | None:
    """The observed future covariates of ``panel``'s rows [times, F], one row per time (or row number) from the
    first of the ``wanted`` steps on; None where none can be held: no wide panel, no future covariates, or every
    series' steps after the data's last time."""
    index = None if panel is None or not wanted else (
        panel.row_numbers if isinstance(wanted[0], pd.RangeIndex) else panel.time)
    if index is None or not n_future or not len(index):
        return None
    index = pd.Index(index)
    starts = [w.min() for w in wanted if len(w)]
    try:
        first = min(starts) if starts else None
        late = first is None or first > index.max()
    except TypeError:  # steps of another kind than the data's times: reindex finds none of them
        first, late = None, False
    if late:  # every series' steps after the data's rows: nothing there to hold
        return None
    values = panel.values[:, -n_future:]
    observed = np.isfinite(values).all(axis=1)
    if panel.filled is not None:  # a value fill made is no value given
        observed &= (panel.filled[:, -n_future:] == 0).all(axis=1)
    if first is not None:
        observed &= np.asarray(index >= first)
    rows = pd.DataFrame(values[observed], index=index[observed])
    return rows[~rows.index.duplicated()]  # one time on every series' rows: one shared value


IN_ORDER = "rnncast_rows_in_order"  # a shared table's attrs: the time column given to its rows in order (sharedfuture)


def fill(table: pd.DataFrame, known: np.ndarray, columns: list[str], frame: pd.DataFrame, steps: pd.Index,
         named: Callable[[int], str], text_format: str | None, undated: str | None = None) -> pd.DataFrame:
    """``table`` (``future.align_future``'s series-steps, one row each, its series in ``_series``, the future table's
    values in ``columns`` and its row in ``_row``, NaN where it gave none) with the data's values ``known`` [S * H, F]
    (``held``) where it gave none; ``frame``: the future table (its lines), ``steps`` [S * H]: the steps' times,
    ``named``: a series' words, by its position. Raises ``RnncastError`` where the table gives another value than
    the data at one of them; ``undated``: the time column's name (or '') where the table has none, its rows read in
    order: a row left out would shift the others, so the advice is the data's value there, or a time column."""
    given = table[columns].to_numpy(dtype=np.float64)
    have = np.isfinite(known)
    other = have & np.isfinite(given) & ~np.isclose(given, known, rtol=1e-12, atol=0.0)
    if other.any():
        k, j = (int(v) for v in np.argwhere(other)[0])
        when = shown(steps[k], steps, text_format)
        raise RnncastError(
            f"the future values give {columns[j]!r} = {given[k, j]:g} at {when} "
            f"({place(int(table['_row'].iloc[k]), frame.attrs)}), "
            f"a step of {named(int(table['_series'].iloc[k]))}, but the data holds {known[k, j]:g} there (on the rows of the series that go on), "
            f"which they read as history{f', and {int(other.sum()) - 1} more such value(s)' if other.sum() > 1 else ''}"
            f": a covariate shared by every series has one value at a time; "
            + (f"give the data's, or leave {when} out of the future values (the data's is read)" if undated is None else
               f"write the data's ({known[k, j]:g}) there, or give the future values a time column"
               f"{f' ({undated!r})' if undated else ''} and leave {when} out (the data's is read): without times, "
               "their rows are read in order, one per step, so a row left out moves the rest"))
    out = table.copy()
    out[columns] = np.where(np.isnan(given) & have, known, given)
    out.loc[out["_row"].isna() & have.all(axis=1), "_row"] = -1  # from the data: no row of the future table
    return out
