"""New data's series ids read as the fitted model's kind: where the model's ids (or a key column's values) were
numbers, an id that writes the same number ('1.00', '1', 1 for a model of store 1.0) is that series, in the model's
dtype (``as_fitted``); where they were text, ids match as written ('007' is not 7). An id still unknown where the
kinds differ is said so, with how the model's ids are written (``kinds_note``, for ``modelseries``' refusal).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast.seriesids import id_text, key_dtypes, plain, saved_dtype
from rnncast.serieskeys import of_model, read_as_text, values_of


def fitted_dtypes(state) -> dict:
    """``{column: (dtype, known)}``: each id column (or key column) of ``state`` whose values at fit were all integers
    or all floats (``seriesids.saved_dtype``: after load, model.json's ``id_dtype`` / ``key_dtypes``; dtype 'int64' or
    'float64'), with the texts of its values the model knows (``seriesids.id_text``: 1.0 is '1')."""
    if state.layout != "long":
        return {}
    parts = read_as_text(state.id_col or "")
    known = [*state.ids, *(str(d["id"]) for d in state.skipped_series)]
    if len(parts) > 1:  # a key of several: its columns' dtypes, of this session's key or as saved
        dtypes = (key_dtypes(state.key) if state.key is not None else state.key_dtypes) or {}
        named = of_model(state.id_col, state.ids) or parts
        values = [values_of(named, i) for i in known]
        return {p: (d, {v[named.index(p)] for v in values}) for p, d in dtypes.items() if p in named}
    dtype = saved_dtype(state.given_ids)
    return {parts[0]: (dtype, set(known))} if dtype is not None and parts[0] else {}


def _number(value):
    """The number ``value`` is or writes ('1.00', ' 7 ', '007' -> 1.0, 7.0, 7.0); None for other text, a bool or NaN."""
    value = plain(value)
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value if np.isfinite(value) else None
    try:
        number = float(str(value))
    except ValueError:
        return None
    return number if np.isfinite(number) else None


def _as_dtype(column: pd.Series, dtype: str) -> pd.Series:
    """``column`` with each value that is or writes a number as that number, in ``dtype`` where every value does
    (int64 only where each is whole); a value of other text stays as it is (refused by name as unknown later)."""
    if column.isna().any():
        return column  # a blank id is refused by name later, as it is
    numbers = [_number(v) for v in column.tolist()]
    if any(n is None for n in numbers):
        return pd.Series([v if n is None else n for v, n in zip(column.tolist(), numbers)], index=column.index,
                         dtype=object, name=column.name)
    if dtype == "int64" and not all(float(n).is_integer() for n in numbers):
        return pd.Series(numbers, index=column.index, dtype="float64", name=column.name)
    return pd.Series(numbers, index=column.index, dtype="float64", name=column.name).astype(dtype)


def as_fitted(frame: pd.DataFrame, dtypes: dict) -> pd.DataFrame:
    """``frame`` with each id column of ``dtypes`` (``fitted_dtypes``) read as the model's numbers where its ids name
    the model's series by their numbers: a column of numbers of another kind (float 100.0, 101.0 of a model of int
    stores 100, 101; ints of a model of float stores) whose every id is a known series becomes the model's dtype, so
    predict's and evaluate's rows carry the model's ids (100, not 100.0) and join back; a text column of which some
    name no series as written but write the number of one ('1.00' of store 1.0; decision 1218) is read likewise. Text
    naming a series as written ('1' of store 1) is given back as given, as a categorical is, where every id is text;
    an object column mixing numbers and text ([100, '101', 102.0]) whose every id writes a known number is the model's
    dtype, as a column of numbers is; text ids of a model of text ids are left as written ('007' is not 7)."""
    out = frame
    for c, (dtype, known) in dtypes.items():
        if c not in frame.columns or isinstance(frame[c].dtype, pd.CategoricalDtype) \
                or pd.api.types.is_bool_dtype(frame[c]) or _same_kind(frame[c], dtype):
            continue
        values = [plain(v) for v in pd.unique(frame[c].dropna())]
        texts = _texts(frame[c]) and _kind(values) == "text"  # text naming a series as written is given back as
        # text (a caller's '1'); an object column mixing numbers and text ([100, '101', 102.0]) is read as numbers
        every = not texts and bool(values) and all((n := _number(v)) is not None and id_text(n) in known for v in values)
        if every or texts and any(
                id_text(v) not in known and (n := _number(v)) is not None and id_text(n) in known for v in values):
            out = out.copy(deep=False) if out is frame else out  # its attrs (where each row was read) kept
            out[c] = _as_dtype(frame[c], dtype)
    return out


def as_held(values, held) -> list:
    """Series ids (``values``: as a table gives them, a file's text '102') as a message names them, in the kind of
    ``held`` (the model's ids as it holds them: ``Panel.given_ids``, ``FittedState.given_ids``' values): where those
    are numbers, each value that writes a number is that number (an int where they are: 102, not '102' or 102.0),
    so every message lists ids alike ([102, 103], as [999]); else each as given."""
    held = [plain(h) for h in held or []]
    values = [plain(v) for v in values]
    if _kind(held) != "numbers":
        return values
    ints = all(isinstance(h, int) for h in held)

    def one(value):
        number = None if isinstance(value, bool) else _number(value)
        return value if number is None else _in_kind(number, ints)
    return [one(v) for v in values]


def _same_kind(column: pd.Series, dtype: str) -> bool:
    """Whether ``column`` holds numbers of the model's kind ``dtype``: integers (int32 too, kept as given) of int64,
    floats of float64."""
    return (pd.api.types.is_integer_dtype(column) if dtype == "int64" else pd.api.types.is_float_dtype(column))


def _texts(column: pd.Series) -> bool:
    return not isinstance(column.dtype, pd.CategoricalDtype) and not pd.api.types.is_numeric_dtype(column) \
        and not pd.api.types.is_bool_dtype(column)


def _kind(values) -> str | None:
    values = [plain(v) for v in values]
    if values and all(isinstance(v, str) for v in values):
        return "text"
    if values and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return "numbers"
    return None


def kinds_note(state, unknown: list, key=None) -> str:
    """A clause for the refusal of the ``unknown`` ids (as given) where they and the model's ids are of other kinds:
    numbers beside a model of text ids ('007' is not 7), text that writes no number beside a model of number ids;
    "" where the kinds agree or are mixed. A key of several (``key``: the data's ``serieskeys.Key``) is told column by
    column, each as the data holds it beside the model's (``fitted_dtypes``; a column kept as no number is text)."""
    if state.layout != "long":
        return ""
    parts = read_as_text(state.id_col or "")
    if len(parts) > 1:
        return _key_note(state, key) if key is not None else ""
    known = [(state.given_ids or {}).get(i, i) for i in state.ids[:3]]
    dtype = saved_dtype(state.given_ids)
    return _said("the model's ids are", "these are", "numbers" if dtype is not None else _kind(known), _kind(unknown),
                 known, dtype)


def _said(fitted_whose: str, given_whose: str, fitted, given, known: list, dtype) -> str:
    if fitted == "text" and given == "numbers":
        return (f"; {fitted_whose} text, written {', '.join(map(repr, known))}, and {given_whose} numbers: text ids "
                "match only as written (a code '007' is not the number 7), so give the ids as they were at fit")
    if fitted == "numbers" and given == "text":
        return (f"; {fitted_whose} numbers ({dtype}: {', '.join(map(repr, known))}), and {given_whose} text that "
                "writes no number (an id that writes one, as '1.00', is matched by its value)")
    return ""


def _key_note(state, key) -> str:
    """``kinds_note`` of a key's columns: the first whose kind differs from the model's."""
    dtypes = fitted_dtypes(state)
    named = of_model(state.id_col, state.ids) or key.parts
    for p in [p for p in key.parts if p in named]:
        texts = sorted({values_of(named, i)[named.index(p)] for i in state.ids})[:3]
        dtype = dtypes.get(p, (None,))[0]
        known = list(pd.Index(texts, dtype=object).astype(dtype)) if dtype is not None else texts
        column = key.rows[p]
        given = "numbers" if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column) else \
            _kind(column.tolist())
        said = _said(f"the key column {p!r} held", "here", "numbers" if dtype else "text", given,
                     [plain(v) for v in known], dtype)
        if said:
            return said.replace("here numbers", "holds numbers here").replace("here text", "holds text here")
    return ""


def one_id(state, value):
    """``series=`` (predict_windows, ``--series``) read as ``as_fitted`` reads the data's ids: text that names no series
    of a model of number ids but writes the number of one ('1.00' for store 1.0) is that number, in the model's dtype;
    any other value is kept as given (and refused by name where no series is it)."""
    dtypes = fitted_dtypes(state)
    if len(dtypes) != 1 or not isinstance(plain(value), str):
        return value
    (dtype, known), = dtypes.values()
    number = _number(value)
    if id_text(plain(value)) in known or number is None or id_text(number) not in known:
        return value
    return _in_kind(number, dtype == "int64")


def _in_kind(number, ints: bool):
    """A number an id text writes, as the model holds its ids: an int where they are ints and it is whole, else a
    float."""
    return int(number) if ints and float(number).is_integer() else float(number)


def texts_by_value(texts: pd.Series, ids: list, given: list | None) -> pd.Series:
    """A table's id texts (``seriesids.id_texts``: a future covariates file's) read as ``as_fitted`` reads the data's:
    where the series' ``given`` ids (``Panel.given_ids``) are numbers, a text naming none of ``ids`` (their texts) but
    writing the number of one ('1.00' for store 1.0) is that one's text; text ids are matched as written."""
    if not given or _kind(given) != "numbers":
        return texts
    known = set(ids)

    def one(text):
        number = None if text in known else _number(text)
        return id_text(number) if number is not None and id_text(number) in known else text
    return texts.map(one)
