"""What a column keyword (``series=``, ``features=``, ``id_col=`` ...) is given: a name or a list of names, each once.

A set or a dict (no order: the columns' order is the model's), an array, a Series or a generator where names were
wanted, and a name given twice are refused, naming the keyword and its flag and the value in a few words
(``described``), never a whole Series' text. The loader checks every keyword here before it reads a column.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast.data import names
from rnncast.errors import RnncastError
from rnncast.madewindows import RAW_SERIES
from rnncast.spelling import listed


def check_lists(**named) -> None:
    """Refuse columns handed to a keyword (``series=``, ``features=`` ...) in a form that is not a name or a list of
    names (a set has no order: the columns' order is the model's), and a name one keyword gives twice (wide
    ``series=['A', 'A']`` trained A twice and forecast it twice), naming the keyword and its flag. ``named``: each
    keyword's value as given (None, a name, a list or tuple of names, 'all'; ``static_covariates`` may be a table or
    a dict of columns). Raises ``RnncastError`` at the first value refused; returns None."""
    for keyword, value in named.items():
        said = f"{keyword}= (--{keyword.replace('_', '-')})"
        if keyword == "static_covariates" and isinstance(value, dict):
            continue  # a dict of columns: a table (statics.table_of)
        if isinstance(value, (set, frozenset, dict)):
            shown = sorted(map(str, value))
            raise RnncastError(f"{said} is a {type(value).__name__}, which has no order, and the order of the columns "
                               f"is the model's; give the names as a list: {shown}")
        if keyword == "static_covariates" and not isinstance(value, (list, tuple, str)):
            continue  # a table of per-series attributes (statics.from_frame reads it)
        if keyword == "id_col" and isinstance(value, np.ndarray):  # an array of text was read as its list (1078)
            what = {"b": "booleans", "O": "text", "U": "text", "S": "text"}.get(value.dtype.kind, "numbers" if
                                                                                 value.dtype.kind in "iufc" else "values")
            raise RnncastError(f"id_col takes column names (id_col='store_id', or a list for a key of several: "
                               f"id_col=['item_id', 'store_id']); got an array of {what} ({described(value)}): give "
                               "the id column's name, not its values (a numbered column by its label: id_col=0)")
        if value is not None and not isinstance(value, (str, list, tuple, pd.Index)) and (
                hasattr(value, "__iter__") or not pd.api.types.is_hashable(value)):  # an array, a Series, a generator ...
            windows = f"; {RAW_SERIES} and targets" if getattr(value, "ndim", 0) >= 1 and not isinstance(value, pd.Series) else ""
            if keyword.endswith("covariates") and isinstance(value, pd.DataFrame):  # Darts' covariates: a table
                windows = "; covariates are columns of the data: merge this table onto the data on the time (and id) column, then name its columns"
            raise RnncastError(f"{said} must be a column name or a list of names, got {described(value)}"
                               f"{windows}")  # fit(X, y)'s y as target=: fitxy.refuse_values answered it before
        given = names(value) if not (isinstance(value, str) and value == "all") else []
        twice = [name for i, name in enumerate(given) if name in given[:i]]
        if twice:
            raise RnncastError(f"{said} names {twice[0]!r} twice; name each column once")


def described(value) -> str:
    """A value given where column names were wanted, in a few words: ``a pandas Series named 'y' of 600 values``,
    ``ndarray of shape (200,)``; a short repr for others (a generator), never a whole Series' or array's text (at most
    80 characters of it). Raises nothing."""
    if isinstance(value, pd.Series):
        return (f"a pandas Series named {str(value.name)!r} of {len(value)} values" if value.name is not None else
                f"a pandas Series of {len(value)} values (unnamed)")
    if isinstance(value, pd.DataFrame):
        return f"a pandas DataFrame of {value.shape[0]} rows and the columns {listed(list(map(str, value.columns)))}"
    if hasattr(value, "shape") and hasattr(value, "dtype"):
        return f"{type(value).__name__} of shape {tuple(value.shape)}"
    return f"{type(value).__name__} {str(value)[:80]!r}"
