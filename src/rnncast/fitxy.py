"""scikit-learn's ``fit(X, y)`` answered: a ``target=`` that holds the values to forecast (y: a Series, an array or
table of one column, a list or tuple of numbers) rather than the names of columns is refused (``refuse_values``) with
the call that fits this X (``advice``): y joined to X's table as a named column, X's time column left out of the
features (it is the time axis, found again or named with ``time_col=``); beside an X of more than 2 dimensions (the
tutorials' windows [samples, timesteps, features]), which no column joins, the raw series is asked for. A list of numbers that are all column labels
(``target=[0, 1]`` of a table whose columns are 0, 1, 2) is names, and is left to the readers of names."""

from __future__ import annotations

import numbers

import numpy as np
import pandas as pd

from rnncast.errors import RnncastError
from rnncast.namelists import described
from rnncast.madewindows import RAW_SERIES
from rnncast.seriesids import plain
from rnncast.timeaxis import find_time_column

FEW = 3  # a list of more numbers than this, not all of them column labels, is values (27.78, 27.79, ... of y)
SAID = "target= (--target) must be a column name or a list of names, got "
FUTURE = " (Forecaster(future_known=True) where each row's X is known when its y is forecast)"


def _number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


def _columns(data) -> list:
    if isinstance(data, pd.DataFrame):
        return list(data.columns)
    if isinstance(data, np.ndarray):
        return list(range(data.shape[1])) if data.ndim == 2 else [0]
    return []  # a file, a Panel: names are text there, never numbers


def listed_values(value, data) -> bool:
    """Whether ``value``, a list or tuple of two or more numbers, is values rather than column labels of ``data``:
    none of them is a label, or more than ``FEW`` are given and not all are."""
    if not isinstance(value, (list, tuple)) or len(value) < 2 or not all(_number(v) for v in value):
        return False
    columns = _columns(data)
    labels = {str(plain(c)) for c in columns}
    found = sum(1 for v in value if any(v == c for c in columns if _number(c)) or str(plain(v)) in labels)
    return found < len(value) and (len(value) > FEW or found == 0)


def _is_column(value) -> bool:
    """One column of values: a Series, a 1-D array, an array or table of one column."""
    ndim = getattr(value, "ndim", len(getattr(value, "shape", ())))  # a Polars Series has a shape, no ndim
    return ndim == 1 or (ndim == 2 and value.shape[1] == 1 and not isinstance(value, (list, tuple)))


def _time_column(data: pd.DataFrame, time_col):
    """The column of X that is its time axis: the one named, else the one found as fit finds it (None: none)."""
    if time_col is False:
        return None
    if time_col is not None:
        return time_col if time_col in data.columns else None
    try:
        return find_time_column(data)[0]
    except RnncastError:  # no time column, or one that does not read: the rows are numbered
        return None


def advice(data, value, time_col=None) -> str:
    """The call that fits y (``value``) beside X (``data``): X's table joined with y named as a column (y's own name
    where it has one X lacks), the features X's columns but its time column, ``time_col=`` given where it was."""
    polars = hasattr(data, "with_columns") and hasattr(data, "__arrow_c_stream__")  # a Polars X (decision 2233)
    if polars:
        import pyarrow as pa

        data = pa.table(data).to_pandas()  # its columns and time column, as fit reads them
    if not isinstance(data, pd.DataFrame):
        return ("give them as a column of one table and name the columns: fit(np.column_stack([X, y]), target=k, "
                "features=list(range(k))) for X of k columns")
    name = value.name if isinstance(value, pd.Series) else value.columns[0] if isinstance(value, pd.DataFrame) else None
    if polars:
        name = getattr(value, "name", None) or None  # a Polars Series' name ('' unnamed)
    if name is not None and name not in data.columns:
        joined, target = "X.with_columns(y)" if polars else "X.join(y)", name
    else:
        target = next(n for n in ("y", "target", "y_values") if n not in data.columns)
        joined = f"X.with_columns(pl.Series({target!r}, y))" if polars else f"X.assign({target}=np.ravel(y))"
    time = _time_column(data, time_col)
    features = [c for c in data.columns if c != time]
    listed = ("list(X.columns)" if time is None else repr(features) if len(features) <= 6
              else f"[c for c in X.columns if c != {time!r}]")
    named = f", time_col={time_col!r}" if time_col is not None else ""
    left = f" ({time!r}, X's time column, is the time axis, not a feature)" if time is not None else ""
    return (f"give them as a column of X's table and name it: fit({joined}, target={str(target)!r}, features={listed}"
            f"{named}){left}")


def refuse_values(data, target, time_col=None) -> None:
    """Refuse a ``target=`` that holds values, not names (``fit(X, y)``), saying how to give y beside X."""
    if isinstance(target, (list, tuple)):
        if not listed_values(target, data):
            return
        shown = ", ".join(f"{plain(v):g}" for v in target[:3])
        got = f"a {type(target).__name__} of {len(target)} numbers ({shown}{', ...' if len(target) > 3 else ''}), not column labels"
    elif _is_column(target):
        got = described(target)
    else:
        return
    if getattr(data, "ndim", 0) > 2:  # the tutorials' X of windows beside y: no table to join y to (decision 1547)
        raise RnncastError(f"{SAID}{got}, beside X of shape {tuple(data.shape)}, pre-made windows [samples, timesteps, "
                           f"features]; {RAW_SERIES}; y as one of its columns, named with target=")
    windows = f"; {RAW_SERIES} and targets" if getattr(target, "ndim", 0) >= 1 and not isinstance(target, pd.Series) else ""
    raise RnncastError(f"{SAID}{got}; to forecast these values from X, {advice(data, target, time_col)}{FUTURE}{windows}")
