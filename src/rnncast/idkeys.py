"""How a key of several columns is offered where the table suggests one: rows of a long table told apart only by
item_id and store_id together (``repeatedrows``), a config file's ``id_col`` (``configfile``). The key itself is
read by ``serieskeys``: ``id_col=['item_id', 'store_id']`` (a list or tuple) or ``--id-col item_id,store_id``.

Messages that print the id column as code or as a name (pandas lines, "column 'x'", --id-col) print a key of several
as its columns (``columns_of``, ``matching``, ``series_rows``, ``names_of``): ``subset=['week', 'sku', 'store']``, never the
internal column's text ``'sku,store'`` that no table of the user's holds (a tester's KeyError).

Before, such a key was refused with the pandas line that joins the columns into one (``uid``), and every output
then carried that made-up string instead of the columns the user gave (decision 1031).
"""

from __future__ import annotations

import pandas as pd

from rnncast.data import KEY_PARTS
from rnncast.seriesids import plain, read_number
from rnncast.serieskeys import of_model, text, values_of


def advice(parts) -> str:
    """How to name a series by the columns ``parts`` together: ``id_col=['item_id', 'store_id']`` (the CLI's text)."""
    return f"name them together: id_col={[str(p) for p in parts]!r} (--id-col {text(parts)})"


def columns_of(name, attrs: dict | None = None) -> list[str]:
    """The columns a table's id column ``name`` stands for: a key's columns where it is a key of several joined into
    one (``serieskeys.joined`` writes them in the table's ``attrs``), else ``[name]``."""
    return [str(p) for p in (attrs or {}).get(KEY_PARTS, {}).get(str(name), [name])]


def literal(value, dtype=None) -> str:
    """An id ``value`` as a pandas line writes it to match its column: a number unquoted (2, 1.0), text quoted ('A').
    Text (a key's value read back from its readable id) is written as its column's ``dtype`` holds it (text '2' of
    an int64 store is 2; of a text column, '2'); without a dtype, as ``pd.read_csv`` reads a file's column of it."""
    value = plain(value)
    if not isinstance(value, str):
        return repr(value)
    if dtype is None:
        number = read_number(value)
    elif pd.api.types.is_integer_dtype(dtype) or pd.api.types.is_float_dtype(dtype):
        number = read_number(value)
        number = float(value) if number is None or pd.api.types.is_float_dtype(dtype) else number
    else:
        number = None
    return repr(value) if number is None else repr(number)


def matching(parts, values, df: str = "df", op: str = "==", dtypes: dict | None = None) -> str:
    """A pandas test of the rows of one series (``values``: its key's values, one per column of ``parts``, each
    written by ``literal`` as its column's dtype of ``dtypes`` holds it): ``df['store'] == 2``, or
    ``(df['sku'] == 'A') & (df['store'] == 2)`` (``op`` "!=": the rows of others)."""
    tests = [f"{df}[{p!r}] {op} {literal(v, (dtypes or {}).get(p))}" for p, v in zip(parts, values)]
    return tests[0] if len(tests) == 1 else f" {'&' if op == '==' else '|'} ".join(f"({t})" for t in tests)


def series_rows(id_col, ids: list, name, df: str = "df", op: str = "==", dtypes: dict | None = None) -> str:
    """``matching`` for the series ``name`` of a panel of ``ids`` whose id column is ``id_col``: a key of several
    (``sku,store``, ids ``sku=A, store=1``) tested column by column, its values as its columns' ``dtypes`` (a
    table's ``data.KEY_DTYPES``) hold them; an id given as a number (``ids`` as the caller gave them) unquoted."""
    parts = of_model(id_col, ids)
    if parts is None:
        return matching([id_col], [name], df, op, {id_col: object})  # one id column: its ids as given (2, '2')
    return matching(parts, values_of(parts, str(name)), df, op, dtypes)


def names_of(id_col, ids: list) -> str:
    """A panel's id column as a message lists it: ``'store'``, or its key's columns ``'sku', 'store'`` where
    ``id_col`` is a key of several (``sku,store``, ``ids`` named by it)."""
    return ", ".join(map(repr, of_model(id_col, ids) or [id_col]))
