"""A static covariate table's rows matched to the data's series by the rule the data's own ids follow
(``idtypes.texts_by_value``, as a future covariates file's are): where the series' ids are numbers, a row's id 1,
1.0 or '1.00' is the series 1.0; text ids match as written ('007' is not 7). Two rows that are one series are
refused, naming both as the table writes them; a series without a row is refused naming the table's ids that match
none; rows of series not in the data are said and not used (a table of every store, some not forecast)."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from rnncast.errors import RnncastError
from rnncast.idtypes import as_held, texts_by_value
from rnncast.seriesids import id_texts, one_form, other_form
from rnncast.settingvalues import plain
from rnncast.spelling import listed, some

log = logging.getLogger(__name__)
WHERE = "the static covariate table"


def keys(column: pd.Series, ids: list, given_ids: list | None, named: dict) -> pd.Series:
    """The series (as text, among ``ids``) each row of the table's id ``column`` names, by the data's rule (``given_ids``:
    the series' ids as the caller gave them, ``Panel.given_ids``); a row of no series keeps its own text. Raises
    ``RnncastError`` where two rows name one series ('1' and '1.00' for store 1.0), naming both as written, the series
    as ``named`` (each of ``ids`` as the caller gave it) names it."""
    texts = texts_by_value(id_texts(column), ids, given_ids)
    twice = texts.duplicated(keep=False).to_numpy()
    if twice.any():
        first = texts[twice].iloc[0]
        same = texts.to_numpy() == first
        written = [plain(v) for v in column.to_numpy()[same]]
        how = f"as {' and '.join(map(repr, written[:3]))}" if len(set(map(str, written))) > 1 else "twice"
        by_value = ", each the same number, as the data's ids are matched" if len(set(map(str, written))) > 1 else ""
        raise RnncastError(f"{WHERE} lists series {named.get(first, written[0])!r} {how} (rows {', '.join(map(str, np.flatnonzero(same)[:3]))}"
                           f"{by_value}); give one row per series")
    one_form(texts, WHERE)
    return texts


def refuse_missing(column: pd.Series, texts: pd.Series, ids: list, named: dict) -> None:
    """Refuse the series of ``ids`` that no row of the table names (``texts``: ``keys``'), naming them as the caller
    gave them (``named``) and the table's ids that match no series, as written: most often the same series in another
    form."""
    named_rows = set(texts)  # once, not per id: 8,000 series took 129 s
    missing = [named[i] for i in ids if i not in named_rows]
    if not missing:
        return
    other_form(texts, ids, WHERE, "the data")  # '부산' decomposed: not 'no row for' it
    stray = ~texts.isin(ids).to_numpy()
    written = list(dict.fromkeys(plain(v) for v in column.to_numpy()[stray]))
    rows = (f"; its ids {some(list(map(repr, written)))} match no series of the data (ids that are numbers match by value, "
            "'1.00' as 1; text ids only as written, '007' is not 7)") if written else ""
    source = column.attrs.get("source")
    name = column.name
    raise RnncastError(f"{WHERE}{f' {source}' if source else ''} has no row for series {missing[:5]} ({len(missing)} in "
                       f"all){rows}{_padded(missing, written, name) or _fix(name)}")


def _fix(name) -> str:
    """What is accepted where series have no row: a row for each, or the data without those series."""
    return (f"; each series needs a row: add one for each (its {name!r} and attributes), or leave those series out of "
            f"the data, e.g. with pandas: data = data[data[{name!r}].isin(static[{name!r}])] (a wide table: "
            f"data.drop(columns=[...]))")


def _padded(missing: list, written: list, name) -> str:
    """The fix where the data writes its ids as zero-padded text ('001') and the table as the numbers (1): text ids
    match only as written, so the table's are to be written as the data's (a planner's till export beside a store
    master of plain numbers)."""
    digits = {len(m) for m in missing if isinstance(m, str) and m.isdigit()}
    if len(digits) != 1 or not any(str(m).startswith("0") for m in missing) or not all(isinstance(m, str) for m in missing):
        return ""
    width = digits.pop()
    numbers = {v: _whole(v) for v in written}  # 1, a file's '1' (text as written), 1.0, '0001' (another width), '1.0'
    if not {str(n).zfill(width) for n in numbers.values() if n is not None} & set(missing):
        return ""
    plain_ints = all(isinstance(v, (int, np.integer)) or isinstance(v, str) and v.isdigit() and not v.startswith("0")
                     for v, n in numbers.items() if n is not None)
    how = f"static[{name!r}].astype(str)" if plain_ints else f"pd.to_numeric(static[{name!r}]).astype(int).astype(str)"
    return (f"; the data writes its ids zero-padded ({missing[0]!r}): write the table's so, e.g. with pandas: "
            f"static[{name!r}] = {how}.str.zfill({width})")


def _whole(value) -> int | None:
    """``value`` as the whole number its id writes (1, '1', 1.0, '0001', '1.0'), None where it is none."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer, float, np.floating, str)):
        return None
    number = pd.to_numeric(str(value).strip(), errors="coerce")
    return int(number) if pd.notna(number) and float(number).is_integer() and abs(number) < 2 ** 53 and \
        not str(value).strip().startswith(("-", "+")) else None


def unused_rows(table: pd.DataFrame, ids: list, id_col: str, given_ids: list | None = None) -> str | None:
    """The warning that the static covariate ``table`` (ids in its column or index ``id_col``, matched by ``keys``'
    rule) holds rows of series not among ``ids`` (the data's, as text), named as the table gives them; None where it
    holds none (or no id column: ``static.from_frame`` refuses it)."""
    if id_col in table.columns:
        given = table[id_col]
    elif table.index.name == id_col:
        given = table.index.to_series()
    else:
        return None
    held = np.asarray(as_held(given.tolist(), ids if given_ids is None else given_ids), dtype=object)  # 3.0, not '3.00'
    return unused(held, texts_by_value(id_texts(given), ids, given_ids), ids)


def unused(given_keys: np.ndarray, texts: pd.Series, ids: list) -> str | None:
    extra = ~texts.isin(ids).to_numpy()
    if not extra.any():
        return None
    names = list(dict.fromkeys(given_keys[extra].tolist()))  # as the table gives them
    return (f"the static covariate table holds {'a row' if len(names) == 1 else f'{len(names)} rows'} of series "
            f"{listed(names)}, which {'is' if len(names) == 1 else 'are'} not in the data; "
            f"{'it is' if len(names) == 1 else 'they are'} not used")


def wide_key(table: pd.DataFrame, ids: list, id_col: str, announce: bool = False) -> pd.DataFrame:
    """The static covariate ``table`` of a wide table, whose series ``ids`` are its columns and have no id column the
    user could name (decision 1798): keyed by ``id_col`` ('unique_id') where it has that column (or index), else by its
    one column whose values name series (station: A_Rhein, C_Bach), read as ``id_col`` (said where ``announce``).
    Two such columns are refused as ambiguous, none as no key, each naming the series."""
    if id_col in table.columns or table.index.name == id_col:
        return table
    wanted = {str(i) for i in ids}
    held = [c for c in table.columns if not (wanted.isdisjoint(table[c].dropna().astype(str).str.strip()))]
    series = some([repr(str(i)) for i in ids])
    if len(held) == 1:
        if announce:
            log.info("static covariate table: column %r names the series (the wide table's columns %s), read as their key",
                str(held[0]), series)
        return table.rename(columns={held[0]: id_col})
    columns = ", ".join(map(str, table.columns)) or "no columns"
    if held:
        raise RnncastError(f"{WHERE} of a wide table (one column per series: {series}) is keyed by the column that "
                           f"names the series, and {some([repr(str(c)) for c in held])} each name some: name the key "
                           f"{id_col!r}, e.g. with pandas: table = table.rename(columns={{{str(held[0])!r}: {id_col!r}}})")
    raise RnncastError(f"{WHERE} of a wide table (one column per series: {series}) needs a column naming the series, "
                       f"one row each, which becomes their key; it has {columns}, and no column holds a series' name")
