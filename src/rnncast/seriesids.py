"""The caller's series ids: the text the model keeps each id as (decision 33), the ids given back as the caller gave
them (integers, floats, a categorical's values, a wide frame's integer column labels; a saved model keeps integer
or float ids' dtype: ``saved_dtype``), ids written alike refused, whole-number text ids put in number order, and a file's id columns of whole numbers read
as integers (``as_read``). ``labels`` names the caller's columns; this module, its series.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from rnncast.data import ID_COLUMN
from rnncast.errors import RnncastError
from rnncast.lookalikes import form_name
from rnncast.spelling import shell_word

APART = 0.1  # of the rows whose time repeats, at most this share may still repeat with a column taken as the ids (an
# hour given twice on the day clocks go back in one store's rows); the rows of a file sent twice, alike in it, all do


def plain(label):
    """A NumPy scalar as the Python value it holds (``np.int64(0)`` is 0 to its caller); anything else as it is."""
    return label.item() if isinstance(label, np.generic) else label


def given_ids(layout: str, id_col, data) -> dict | None:
    """``{text: id}``: the caller's series ids by the text the model keeps them as, where ``data`` is a pandas
    frame of many series that names them by values other than text: a long frame's id column of integers,
    floats (1.0, 2.5), a categorical (of any values, text too: its dtype is given back) or objects (column or
    index level); a wide frame's series columns labelled 1, 2. Else None: ids given as plain text, or read from
    a file, are text already."""
    if not isinstance(data, pd.DataFrame):
        return None
    if layout == "wide":  # the series are columns: their labels are the ids
        ids = {str(c): plain(c) for c in data.columns if not isinstance(c, str)}
        return ids or None
    column = _id_column(layout, id_col, data)
    if column is None:
        return None
    values = [plain(v) for v in pd.unique(column.dropna())]
    plain_text = all(isinstance(v, str) for v in values) and not isinstance(column.dtype, pd.CategoricalDtype)
    return None if plain_text else {id_text(v): v for v in values}


def given_index(layout: str, id_col, data, ids: list) -> pd.Index | None:
    """The caller's ids of the series ``ids`` (text, in the model's order) where ``given_ids`` finds them, in the
    dtype ``data`` held them in (a categorical keeps its categories; a wide frame's integer labels are int64),
    for a panel to name its series as given (``Panel.given_id``); None where the ids are text as given."""
    found = given_ids(layout, id_col, data)
    if found is None:
        return None
    values = [found.get(text, text) for text in ids]
    column = _id_column(layout, id_col, data)
    if column is not None:
        return pd.Index(values, dtype=column.dtype)
    return pd.Index(values, dtype="int64" if all(isinstance(v, int) for v in values) else object)


def _id_column(layout: str, id_col, data: pd.DataFrame) -> pd.Series | None:
    id_col = id_col or ID_COLUMN
    if layout != "long":
        return None
    return (data[id_col] if id_col in data.columns else
            pd.Series(data.index.get_level_values(id_col)) if id_col in data.index.names else None)


def id_text(value) -> str:
    """A series id as the model keeps it (decision 33): its text, a whole float as the integer it writes (101.0 is
    '101', as the integer 101 is: an integer id column that pandas made float on the way, by a merge that left a
    NaN, names the same series)."""
    value = plain(value)
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def id_texts(column: pd.Series) -> pd.Series:
    """``id_text`` of every value of an id column [N] (a future or static table's)."""
    return column.map(id_text) if pd.api.types.is_float_dtype(column) else column.astype(str)


def number_order(uniques) -> np.ndarray | None:
    """The order [S] of ids sorted as text (``uniques``) by the numbers they write, where every one is a whole number
    written as text (a CSV's stores 1, 2, ..., 10, read as text to keep '001' as written): forecasts list store 2
    before store 10, as they do for the same ids given as integers; text ties keep text order ('01', '1'). None
    where the ids sort as they are (numbers, or any id that is other text)."""
    if len(uniques) < 2 or not all(isinstance(v, str) for v in uniques):
        return None
    text = pd.Series(list(uniques), dtype=object)
    if not text.str.fullmatch(r"[+-]?[0-9]+").all():
        return None
    order = np.array(sorted(range(len(text)), key=lambda i: (int(text[i]), i)), dtype=np.int64)  # by number, then text
    return None if (order == np.arange(len(order))).all() else order


def check_ids(uniques, id_col) -> None:
    """Refuse ids that are different values but the same text (1 and '1', 1.5 and '1.5'): inside, an id is its
    text (decision 33), so they would be one series, and a refusal about it would name neither as given."""
    seen: dict[str, object] = {}
    for value in map(plain, uniques):
        other = seen.setdefault(id_text(value), value)
        if type(other) is not type(value):
            first, second = sorted((other, value), key=lambda v: isinstance(v, str))
            raise RnncastError(f"id column {id_col!r} holds ids {first!r} and {second!r}: different values written "
                               f"alike, which would be one series; give the ids one type (all text or all numbers)")


NFC_IDS = ("write every id in composed form (NFC; in Python, column.map(lambda s: unicodedata.normalize('NFC', s)), "
           "or save the file from an editor that writes NFC)")  # decision 650: refused, as header names are (640)


def one_form(ids, where: str, fix: str = NFC_IDS) -> None:
    """Refuse series ids (``where``: the id column or table that holds them) two of which are one name in other
    Unicode forms ('Café Süd' composed and decomposed): they look the same, and would silently be two series.
    ``fix``: what to do (a wide table's series are its header's names)."""
    seen: dict[str, str] = {}
    for text in map(id_text, ids):
        other = seen.setdefault(unicodedata.normalize("NFC", text), text)
        if other != text:
            raise RnncastError(f"{where} holds series {other!r} in two Unicode forms, {form_name(other)} and {form_name(text)}:"
                               f" they look the same but are other characters, so they would be two series; {fix}")


def other_form(given, known, where: str, known_where: str) -> None:
    """Refuse an id of ``given`` (``where``'s, a static or future table's) that is not among ``known``
    (``known_where``'s, the data's or the model's) but is one of them in another Unicode form: it would be
    'missing' beside its own series."""
    nfc = {unicodedata.normalize("NFC", str(k)): str(k) for k in known}
    for text in map(str, given):
        found = nfc.get(unicodedata.normalize("NFC", text))
        if found is not None and found != text:
            raise RnncastError(f"series {text!r} is in {form_name(text)} in {where}, in {form_name(found)} in {known_where}: "
                               f"they look the same but are other characters, so it is not read as that series; {NFC_IDS}")


def unknown(column: pd.Series, known) -> list:
    """The ids of an id ``column`` [N] (as given, in order of first row) whose text (``id_text``) is none of ``known``:
    the series a fitted model was not fitted on (``known``: its series and those fit left out as too short). One of
    ``known`` in another Unicode form is refused as such (``other_form``). A blank id (NaN, None, '') is no series:
    the reader's own refusal names its line ("id column 'unique_id' is empty at line 5 ...", decision 2061)."""
    values = pd.unique(column[column.notna() & (column.astype(str) != "")])
    texts = id_texts(pd.Series(values, dtype=column.dtype)) if len(values) else []
    fitted = set(known)
    new = [(plain(v), t) for v, t in zip(values, texts) if t not in fitted]
    other_form([t for _, t in new], known, "the data", "the model")  # '부산' decomposed
    return [v for v, _ in new]


_WHOLE = re.compile(r"0|-?[1-9][0-9]{0,17}")  # a whole number as pandas writes one: no '-0', '+', space or leading zero


def _written_float(value) -> bool:
    """Whether ``value`` is text that writes a finite float as pandas writes one (``df.to_csv``: '1.0', '2.5', '1e+20'):
    one text per float, so that no two texts become one id ('1.0' and '1.00' stay text)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return False
    return bool(np.isfinite(number)) and repr(number) == value


def read_number(text: str):
    """The number ``text`` writes as pandas writes one (an int for '2', a float for '1.0'), as ``pd.read_csv`` and
    ``as_read`` read a column of such ids; None for any other text ('007', '-0', 'A')."""
    if _WHOLE.fullmatch(text):
        return int(text)
    return float(text) if _written_float(text) else None


def as_read(frame: pd.DataFrame, columns) -> pd.DataFrame:
    """``frame``, a text file (CSV) read with its id ``columns`` as text, with each id column whose every value
    writes a whole number as pandas writes it read as int64, and each whose every value writes a float so ('1.0',
    df.to_csv's text of a float id) read as float64, as pandas reads them and a frame gives them: a file's store 2
    is 2 in forecasts and JSON, as a frame's is (decision 1135), and its store 1.0 the series a frame's 1.0 is. Only
    where each text is one number and each number one text: a code ('007'), '-0' beside '0', '+1', '1.00' or any
    other text, or a missing value (refused by name later), stays text. A typed file's (Parquet's) dtypes are kept:
    its text ids are text."""
    if "separator" in frame.attrs and frame.attrs["separator"] is None:  # data.read_table's Parquet: typed columns
        return frame
    kinds = {}
    for c in dict.fromkeys(map(str, columns)):
        values = pd.unique(frame[c]) if c in frame.columns and len(frame) else []
        if len(values) and all(isinstance(v, str) and _WHOLE.fullmatch(v) for v in values):
            kinds[c] = "int64"
        elif len(values) and all(isinstance(v, str) and _written_float(v) for v in values):
            kinds[c] = "float64"
    if not kinds:
        return frame
    out = frame.copy(deep=False)  # its attrs (where each row was read) kept
    for c, dtype in kinds.items():
        out[c] = frame[c].astype(dtype)
    return out


def skipped_as_given(skipped: list, ids: dict | None) -> list:
    """Fit's series left out as too short (``{id, rows, needed}``) with the caller's ids where fit knew them."""
    return [{**d, "id": ids.get(d["id"], d["id"])} for d in skipped] if ids else skipped


SAVED_DTYPES = ("int64", "float64")  # the caller's ids a model folder keeps: text and model.json give them back alike


def saved_dtype(ids: dict | None) -> str | None:
    """What model.json keeps of the caller's ids ``{text: id}`` (``FittedState.given_ids``): ``'int64'`` or
    ``'float64'`` where every one was an integer or every one a float, which their text gives back (``given_back``);
    None otherwise (ids given as text, a categorical's text, mixed values): after load those are named by their text."""
    values = list((ids or {}).values())
    for dtype, kind in zip(SAVED_DTYPES, (int, float)):
        if values and all(isinstance(v, kind) and not isinstance(v, bool) for v in values):
            return dtype
    return None


def key_dtypes(key) -> dict | None:
    """What model.json keeps of the columns of a key of several (``serieskeys.Key``, its values as the data gave
    them): ``{column: 'int64' | 'float64'}`` of each whose values were all integers or all floats (``saved_dtype``);
    None where there is no key or none was (its values are text after load)."""
    kept = {p: saved_dtype(dict(enumerate(key.rows[p].tolist()))) for p in key.parts} if key is not None else {}
    return {p: d for p, d in kept.items() if d is not None} or None


def checked_key_dtypes(dtypes) -> dict | None:
    """model.json's ``key_dtypes`` as read: ``{column: one of SAVED_DTYPES}`` or None; else ``ValueError``."""
    if dtypes is not None and not (isinstance(dtypes, dict) and all(isinstance(p, str) and d in SAVED_DTYPES
                                                                    for p, d in dtypes.items())):
        raise ValueError(f"key_dtypes {str(dtypes)[:80]!r}: a {{column: dtype}} of {', '.join(SAVED_DTYPES)}")
    return dtypes


def typed_key(values: tuple, parts: list, dtypes: dict | None) -> tuple:
    """A key's ``values`` (one per column of ``parts``; text where read back from a loaded model's ids), each column
    of ``dtypes`` (``key_dtypes``) cast back to the dtype the data gave it."""
    return tuple(plain(pd.Index([v], dtype=object).astype(dtypes[p])[0]) if p in (dtypes or {}) and isinstance(v, str)
                 else v for p, v in zip(parts, values))


def given_back(texts, dtype: str | None) -> dict | None:
    """``{text: id}`` of the series ``texts`` (the model's ids and those fit left out) in the caller's ``dtype`` of a
    saved model (``saved_dtype``), cast as ``labels.forecast_as_given`` casts a forecast's ids; None without one. Text
    no such id writes raises ``ValueError``."""
    if dtype is None:
        return None
    if dtype not in SAVED_DTYPES:
        raise ValueError(f"ids of dtype {str(dtype)[:40]!r}; known: {', '.join(SAVED_DTYPES)}")
    texts = [t for t in texts if t is not None]
    return {t: plain(v) for t, v in zip(texts, pd.Index(texts, dtype=object).astype(dtype))}


SHORTEST = 3  # rows a series needs for its calendar to be read (pandas.infer_freq reads no fewer)
FEW_IDS = 5  # fewer ids than this, each short (a test's 3 rows), are left to the refusals of their times and lengths


def too_short(column: pd.Series, codes: np.ndarray, id_col) -> None:
    """Refuse an id ``column`` [N] (its series' codes [N]) none of whose series holds ``SHORTEST`` rows: a column
    of measurements named as the ids (a float temperature: every value its own series of 1 or 2 rows) names no
    series whose calendar can be read, nor any a model could train on (decision 852). A column of fewer than
    ``FEW_IDS`` ids is left to the refusals of its series' times and lengths."""
    counts = np.bincount(codes)
    if len(counts) < FEW_IDS or counts.max() >= SHORTEST:  # a few short series: their own refusals say more
        return
    values = pd.Series(pd.unique(column.dropna()))
    numbers = pd.to_numeric(values, errors="coerce")  # a file's ids are read as text: '21.02'
    floats = numbers.notna().all() and not (numbers % 1 == 0).all()
    shown = ", ".join(id_text(v) for v in values[:3])
    why = (f"its values look continuous, {shown} ...: a measurement, not a series id" if floats else
           "every row has an id of its own" if counts.max() == 1 else f"ids such as {shown} name no longer series")
    rows = "1 row" if counts.max() == 1 else "1 or 2 rows"
    named = f"the series key {id_col!r}" if isinstance(id_col, list) else f"id column {id_col!r}"  # a key: its columns
    raise RnncastError(f"{named} cannot name the series: each of its {len(counts)} ids names {rows} of the "
                       f"{len(codes)} ({why}), and a series needs {SHORTEST} rows or more to read its calendar from; "
                       "name the column that names each series with id_col= (--id-col), or leave id_col out to read "
                       "the table as one series")


def sets_apart(times, ids) -> bool:
    """Whether ``ids`` (one a row, beside the rows' ``times``) set apart the rows whose time repeats: all but
    :data:`APART` of them hold a time once within their id (MSFT, AMZN ... in stocks.csv)."""
    times = pd.Series(np.asarray(times))
    pairs = pd.DataFrame({"time": times, "id": np.asarray(ids)})
    return bool(pairs.duplicated().sum() <= APART * times.duplicated().sum())


def id_like(frame: pd.DataFrame, columns, time_col) -> str | None:
    """The first of ``columns`` (text) of ``frame`` shaped as a long panel's series ids: a few values, each on
    three rows or more, that with the time (``time_col``, which repeats) set apart the rows whose time repeats
    (:func:`sets_apart`); None if none. Decided by the data's shape, never by a column's name."""
    if time_col is None or time_col is False or time_col not in frame.columns:
        return None
    if not frame[time_col].duplicated().any():
        return None
    for column in columns:
        counts = frame[column].value_counts()
        if 1 < len(counts) <= len(frame) // 3 and counts.min() >= 3 and sets_apart(frame[time_col], frame[column]):
            return column
    return None


def id_clause(frame: pd.DataFrame, columns, time_col, python: bool, written) -> str:
    """Where one of ``columns`` is shaped as series ids (``id_like``): the clause a refusal to pick the target adds,
    naming it as the id column in the caller's words (``written``: its label as they wrote it; ``python``: a frame's
    ``id_col=`` first, else the CLI's ``--id-col``); else ""."""
    if (ids := id_like(frame, columns, time_col)) is None:
        return ""
    how = f"id_col={written(ids)} (--id-col)" if python else f"--id-col {shell_word(ids)} (id_col= in Python)"
    return (f"; {written(ids)} looks like series ids ({frame[ids].nunique()} values, each at most once a time): if "
            f"the rows hold several series, name it with {how}")
