"""A table's columns read as float64 numbers, and refused at their first value that is no number or no finite one.

Every refusal names the column and the place of the value (``data.place``: ``line N of FILE``, ``row N``) and what
would be accepted: a decimal comma or thousands separator said as such (``numbertext``), a point among commas
(``pointmix``), a category dtype, a complex number, an infinite value (``finitevalues``). The layouts, the future
values and the assembled windows read their columns here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import indexcolumns, numbertext, pointmix, unusedcolumns
from rnncast.data import place
from rnncast.errors import RnncastError
from rnncast.finitevalues import infinite


def numeric_column(column: pd.Series, name: str, attrs: dict, ids: np.ndarray | None = None) -> np.ndarray:
    """The column ([rows]) as float64 numbers ([rows], missing values as NaN), or ``RnncastError`` at its first
    non-number, naming its place (``data.place`` of ``attrs``, the table's) and its series where ``ids`` ([rows] each
    row's series, as text) are given, and how many series hold one; a column of pandas' dtype 'category' is refused
    (``RnncastError``): its categories are no amounts (decision 521)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        shown = ", ".join(map(repr, list(column.cat.categories[:3]))) + (", ..." if len(column.cat.categories) > 3 else "")
        raise RnncastError(
            f"column {name!r} is of pandas dtype 'category' ({len(column.cat.categories)} categories: {shown}): "
            "its categories are not read as numbers, which would give them an order and distances; give one "
            f"indicator column per category (pd.get_dummies(frame[{name!r}], prefix={name!r}, dtype=float)) and name "
            f"those, or, if its categories are amounts, frame[{name!r}].astype(float)")
    if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column) and column.dtype.kind != "c":
        return column.to_numpy(dtype=np.float64, na_value=np.nan)
    column = column.astype(object) if column.dtype.kind == "c" else column  # 1j named as Python writes it
    converted = numbertext.as_numbers(column, name)  # '1' and True read as numbers, said in a warning; 1j refused
    bad = converted.isna() & column.notna() & ~numbertext.not_available(column)  # '#nv': missing (decision 1434)
    if bad.any() and (mixed := pointmix.refusal(column, bad.to_numpy(), name, attrs.get("separator"),
                                                lambda i: place(i, attrs))):
        raise RnncastError(mixed)  # '1.5' among '50,0': the values with a point named, not a valid '50,0'
    if bad.any():
        i = numbertext.named(column, bad.to_numpy())  # no number however written, before a decimal comma (51,02)
        hint = numbertext.hint(column.iloc[i], attrs.get("separator"), column)  # or thousands (1,234), or $1,200.00
        count = numbertext.not_read(column, bad.to_numpy(), attrs.get("separator"))
        whose = "" if ids is None else f" (series {ids[i]!r})"
        among = f", in {len(set(ids[bad.to_numpy()]))} series" if ids is not None and count == int(bad.sum()) > 1 else ""
        raise RnncastError(
            f"{indexcolumns.column_named(name, attrs)} is not numeric: {place(i, attrs)}{whose} holds {column.iloc[i]!r} "
            f"({count} non-numeric value(s) in all{among}); the target and covariates must be numbers{hint}"
            f"{unusedcolumns.text_clause(column, name, bad.to_numpy(), attrs) if not hint else ''}"
        )
    return converted.to_numpy(dtype=np.float64, na_value=np.nan)


def check_finite(values: np.ndarray, columns: list[str], positions: np.ndarray, attrs: dict) -> None:
    """Refuse (``RnncastError``) the first infinite value of ``values`` ([rows, columns] float64, NaN allowed), naming
    its column (``columns``, one name per column) and its place: ``positions`` ([rows]) each row's position in the
    table whose ``attrs`` are given (``data.place``)."""
    bad = ~np.isfinite(values)
    if bad.any():
        i, j = (int(k) for k in np.argwhere(bad)[0])
        raise RnncastError(infinite(f"column {columns[j]!r}", values[i, j], f"at {place(int(positions[i]), attrs)}"))

