"""A series key of several columns (item_id and store_id of an M5-like panel, as Darts' ``group_cols``): one
internal id on the way in, the original columns on the way out, so that the pipeline between stays one-id.

``id_col=['item_id', 'store_id']`` (a list or tuple; the CLI's ``--id-col item_id,store_id``, CSV text whose
quotes keep a comma inside a name: ``'item_id,"store, city"'``) names each series by those columns together.
``joined`` reads them into one column named by the key's text (``item_id,store_id``: what a saved model keeps as
its id_col, read back so at predict) whose values name a series readably (``item_id=A, store_id=S1``: what
messages, plots and the report show), and keeps the key's rows (``Key``) with their dtypes; ``split`` writes that
column back as the original columns in every table given back (forecasts, backtests, per-series scores). A
static or future table keyed by the same columns is joined on them (``joined`` too); keyed by a subset of them
(store size by ``store_id`` alone) it applies to every series of that subset (``spread``). One name that is
itself a column (``"a,b"`` where the table has such a column) is that column, as before.
"""

from __future__ import annotations

import csv
import io
import logging

import numpy as np
import pandas as pd

from rnncast import leftout
from rnncast.columnflags import column_names
from rnncast.data import KEY_DTYPES, KEY_PARTS, ROWS_OF, label_text, place
from rnncast.errors import RnncastError
from rnncast.rolenames import key_part
from rnncast.seriesids import id_text, id_texts, number_order, plain, typed_key

log = logging.getLogger(__name__)


def text(parts) -> str:
    """The key ``parts`` as one line of CSV text (``item_id,store_id``): the internal column's name."""
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow([str(p) for p in parts])
    return out.getvalue()


def _read(given: str) -> list[str]:
    try:
        return [p.strip() for p in column_names([given])]
    except ValueError:
        return [given]


def parts(id_col, columns, what: str = "the data") -> list[str] | None:
    """The key columns ``id_col`` names where it names several of ``columns`` (a list or tuple of names, or CSV text
    naming them when it is no column itself); None where it names one column (or none: "not found" says so later).
    Refuses, in one line by name, a key naming a column twice, a key column the table lacks (a tuple naming one it
    lacks is a two-level label, "not found" whole), or a list of one."""
    names = [str(c[0]) if isinstance(c, tuple) and not any(c[1:]) else str(c) for c in columns]  # ('store', ''): store
    if isinstance(id_col, str):
        if id_col in names or "," not in id_col:
            return None
        found = _read(id_col)
        if len(found) < 2:
            return None
    elif isinstance(id_col, (list, tuple)):
        if isinstance(id_col, tuple) and (id_col in set(columns) or label_text(id_col) in names
                                          or not all(str(p) in names for p in id_col)):
            return None  # a two-level column's label (or its text, once a file is read), or naming no key: one name
        found = [str(p) for p in id_col]
        if len(found) == 1:
            raise RnncastError(f"id_col takes one column name as text or a list of several, got {id_col!r}: give "
                               f"id_col={found[0]!r} (--id-col {found[0]})")
    else:
        return None
    twice = sorted({p for p in found if found.count(p) > 1})
    if twice:
        raise RnncastError(f"id_col names the column {twice[0]!r} twice ({found!r}); name each key column once")
    missing = [p for p in found if p not in names]
    if missing:
        raise RnncastError(f"id column {missing[0]!r} of the key {found!r} not found among the columns of "
                           f"{what}: {names!r}")
    if text(found) in names:
        raise RnncastError(f"{what[0].upper() + what[1:]} already has a column named {text(found)!r}, the name of "
                           f"the key {found!r}; rename that column")
    return found


def read_as_text(id_col) -> list[str]:
    """The columns of a file to read as text for ``id_col``: itself, or each column of a key of several."""
    if isinstance(id_col, (list, tuple)):
        return [str(p) for p in id_col]
    return [str(id_col)] + (_read(id_col) if isinstance(id_col, str) and "," in id_col else [])


def collapsed(names: list, id_col) -> list:
    """A file's header ``names`` with the key columns a model's ``id_col`` text names (``item_id,store_id``), where
    they head it, as the one id column they stand for: a forecast written with them is told as the model's."""
    found = _read(id_col) if isinstance(id_col, str) and "," in id_col else []
    if len(found) > 1 and id_col not in names and list(names[: len(found)]) == found:
        return [id_col, *names[len(found):]]
    return names


def readable(parts: list[str], values) -> str:
    """A series named by its key: ``item_id=A, store_id=S1``."""
    return ", ".join(f"{p}={id_text(v)}" for p, v in zip(parts, values))  # store 1.0 (a merge's NaN) is store 1


class Key:
    """The key columns of a panel and the rows of their values, by each series' readable id (dtypes as given)."""

    def __init__(self, parts: list[str], rows: pd.DataFrame):
        self.parts, self.rows = list(parts), rows

    @property
    def name(self) -> str:
        return text(self.parts)

    def order(self, uniques) -> np.ndarray | None:
        """The order [S] of the readable ids ``uniques`` (sorted as text: store 10 before store 2) by the key's own
        values, column after column, each sorted as one id column sorts its ids (``layouts.long_rows``): numbers by
        number, dates by time, a category by its categories, a file's whole-number text by number
        (``seriesids.number_order``). None where text order is that order."""
        ordered = np.lexsort([_ranks(self.rows[p]) for p in reversed(self.parts)])  # the first column first
        place = pd.Series(np.argsort(ordered), index=self.rows.index)  # readable id -> its place
        order = np.argsort(place.reindex(list(uniques)).to_numpy(), kind="stable")
        return None if (order == np.arange(len(order))).all() else order

    def split(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` with its column ``name`` (readable ids) written back as the key's columns, in its place."""
        if self.name not in frame.columns:
            return frame
        at = list(frame.columns).index(self.name)
        ids = frame[self.name].astype(str)
        values = self.rows.reindex(ids.to_numpy())
        out = frame.drop(columns=[self.name])
        columns = [(values[p] if values[p].isna().any() else values[p].astype(self.rows[p].dtype)).set_axis(out.index)
                   for p in self.parts]  # an id the key lacks (none should): missing; its dtype: int64, a category's
        return _placed(out, at, columns)

    def matches(self, frame: pd.DataFrame, id_text: str) -> pd.Series:
        """Which rows of ``frame`` (written back by ``split``) are the series ``id_text`` (its readable id)."""
        values = self.rows.loc[id_text]
        return pd.concat([frame[p] == values[p] for p in self.parts], axis=1).all(axis=1)

    def keyed(self, result: dict) -> dict:
        """evaluate's ``result`` with its per-series scores (``result["series"]``, by readable id) keyed by the key's
        values instead, a tuple as pandas' groupby gives (``('A', 'S1')``), and the series fit left out
        (``result["scored"]["not_trained"]``) so too."""
        out, untrained = dict(result), result.get("scored", {}).get("not_trained")
        if untrained and untrained.get("series"):
            out["scored"] = {**out["scored"], "not_trained": {**untrained, "series": as_tuples(
                untrained["series"], self.parts, self)}}
        if "series" in result:
            out["series"] = {values_of(self.parts, str(i), self): v for i, v in result["series"].items()}
        return out


def _ranks(column: pd.Series) -> np.ndarray:
    """Each value's rank [N] in ``column`` (one key column of the key's rows) as one id column orders its ids."""
    try:
        codes, uniques = pd.factorize(column, sort=True)
    except TypeError:  # values pandas cannot compare (1 and 'a'): by their text
        codes, uniques = pd.factorize(id_texts(column), sort=True)
    by_number = number_order(uniques)
    return np.argsort(by_number)[codes] if by_number is not None else codes


def split(frame: pd.DataFrame, key: Key | None) -> pd.DataFrame:
    """``frame`` with the ids of ``key`` written back as its columns (``Key.split``); as it is without a key."""
    return frame if key is None else key.split(frame)


def joined(frame: pd.DataFrame, parts: list[str], what: str = "the data", roles: dict | None = None
           ) -> tuple[pd.DataFrame, Key]:
    """``frame`` with the key columns ``parts`` read into one column ``text(parts)`` of readable ids, in the first
    key column's place, and the ``Key``. Refuses a key column with a missing value, naming it and its row, and one
    that a role of ``roles`` (``one_role``) names too."""
    key_part(parts, roles or {})
    for p in parts:
        blank = (frame[p].isna() | (frame[p] == "")).to_numpy()  # as one id column's: "" is no id, "NA" is one
        if blank.any():
            raise RnncastError(f"id column {p!r} of {what} is empty at {place(int(blank.argmax()), frame.attrs)}; every "
                               "row needs its series' key, each of its columns a value")
    codes = frame.groupby(parts, sort=False, observed=True).ngroup().to_numpy()  # each series' rows, by its key
    first = frame[parts].iloc[np.unique(codes, return_index=True)[1]]  # one row per series: named once, not per row
    names = np.array([readable(parts, values) for values in zip(*(first[p].tolist() for p in parts))], dtype=object)
    _refuse_alike(names, first, parts)
    ids = pd.Series(names[codes], index=frame.index, dtype=object)
    at = min(list(frame.columns).index(p) for p in parts)
    out = _placed(frame.drop(columns=parts), at, [ids.rename(text(parts))])
    rows = frame[parts].assign(_id=ids.to_numpy()).drop_duplicates("_id").set_index("_id")
    rows.index.name = None
    out.attrs = {**frame.attrs, KEY_PARTS: {text(parts): list(parts)},  # refusals name the key's columns, not it
                 KEY_DTYPES: {p: str(frame[p].dtype) for p in parts}}  # pandas lines write store 2 as 2, item 'A' so
    return out, Key(parts, rows)


def _placed(frame: pd.DataFrame, at: int, columns: list[pd.Series]) -> pd.DataFrame:
    """``frame`` (its attrs kept) with ``columns`` (named Series on its index) put in at ``at`` at once: ``insert``
    made pandas warn "DataFrame is highly fragmented" on a wide table (decision 2140)."""
    return pd.concat([frame.iloc[:, :at], *columns, frame.iloc[:, at:]], axis=1).__finalize__(frame)


def _refuse_alike(names: np.ndarray, first: pd.DataFrame, parts: list[str]) -> None:
    """Refuse two keys (rows of ``first``) whose readable ids (``names``) are one text: a value holding ', store_id='
    (('A, store_id=1', '2') and ('A', '1, store_id=2')) would otherwise merge two series into one."""
    seen: dict[str, int] = {}
    for k, name in enumerate(names):
        if (j := seen.setdefault(name, k)) != k:
            a, b = (tuple(first[p].iloc[i] for p in parts) for i in (j, k))
            raise RnncastError(f"the keys {a!r} and {b!r} of {parts!r} are both written {name!r}, so their series "
                               f"cannot be told apart: a key value holds \", <column>=\"; rename those values (e.g. "
                               "replace ', ' in them) and give the data again")


def on_frame(frame: pd.DataFrame, id_col, what: str = "the data") -> tuple[pd.DataFrame, Key | None]:
    """``frame`` with a key of several columns that ``id_col`` names joined into one (``joined``), and the ``Key``;
    ``frame`` as it is and None where ``id_col`` names one column."""
    found = parts(id_col, frame.columns, what)
    return (frame, None) if found is None else joined(frame, found, what)


def spread(table: pd.DataFrame, key: Key, what: str, once: bool = False) -> pd.DataFrame:
    """A per-series table (static or future) keyed by the panel's ``key``: keyed by all of its columns, joined into the
    one id column; keyed by a subset of them (store size by ``store_id``, a price by ``item_id`` for every store),
    each row repeated for every series of that subset (the panel's rows of the key say which), in the table's order,
    its place (``data.place``) still the row it was given at; keyed by none, left as it is ("not found" names the
    id column). Rows of a subset no series has are said, once, to be unused; ``once`` (a static table): a value of
    the subset listed twice is refused by the table's own key (``store_id 1``), before it is spread."""
    have = [p for p in key.parts if p in table.columns]
    if not have or key.name in table.columns:
        return table
    if len(have) < len(key.parts):  # matched as ids are, by text: a file's store '1' is the frame's store 1
        if once and (twice := pd.DataFrame({p: id_texts(table[p]) for p in have}).duplicated().to_numpy()).any():
            said = ", ".join(f"{p} {id_text(v)}" for p, v in zip(have, table[have].iloc[int(twice.argmax())]))
            raise RnncastError(f"{what} lists {said} twice (again at {place(int(twice.argmax()), table.attrs)}); give "
                               f"one row per {', '.join(have)}")
        series = pd.DataFrame({"_id": key.rows.index, **{f"_{p}": id_texts(key.rows[p]).to_numpy() for p in have}})
        given = table.assign(_at=np.arange(len(table)), **{f"_{p}": id_texts(table[p]) for p in have})
        merged = given.merge(series, on=[f"_{p}" for p in have], how="inner")  # the table's order, each row by series
        unmatched = given.loc[~given["_at"].isin(merged["_at"]), have]
        if len(unmatched):
            log.warning("%s holds %d row(s) of %s, which no series of the data has; they are not used", what,
                        len(unmatched), readable(have, unmatched.iloc[0].tolist()) + (", ..." if len(
                            unmatched.drop_duplicates()) > 1 else ""))
        at = merged["_at"].to_numpy()
        rows_of = table.attrs.get(ROWS_OF)
        attrs = {**table.attrs, ROWS_OF: np.asarray(rows_of)[at] if rows_of is not None else at}
        table = merged.assign(**{p: key.rows.loc[merged["_id"], p].to_numpy() for p in key.parts})
        table = table.drop(columns=["_id", "_at", *(f"_{p}" for p in have)])
        table.attrs = attrs
    return joined(table, key.parts, what)[0]


def on_table(table: pd.DataFrame, id_col, key: Key | None, what: str) -> pd.DataFrame:
    """A static or future ``table`` for a panel of ``key`` (None: one id column) with its key's columns joined into
    the one id column (``on_frame``), keyed by a subset of them spread to every series of the subset (``spread``)."""
    if key is not None and key.name not in table.columns and any(p in table.columns for p in key.parts):
        return spread(table, key, what)
    return on_frame(table, id_col, what)[0]


# ---- a fitted model's key, written out (decision 1074) -----------------------------------------

def of_model(id_col, ids) -> list[str] | None:
    """The columns of a model's key of several (its id_col text, ``item_id,store_id``) where its series ``ids`` are
    named by them (``item_id=A, store_id=1``); None for one id column (a column named ``a,b`` included)."""
    found = _read(id_col) if isinstance(id_col, str) and "," in id_col else []
    if len(found) < 2 or not ids:
        return None
    known = all(isinstance(i, str) and i.startswith(f"{found[0]}=") and f", {found[-1]}=" in i for i in ids)
    return found if known else None


def values_of(parts: list[str], name: str, key: Key | None = None) -> tuple:
    """The key's values of the series ``name`` (its readable id): as given, with their dtypes, where ``key`` (the
    data's, in this session) holds it; else read back from the text (each value as text, as a file's are)."""
    if key is not None and name in key.rows.index:
        return tuple(plain(v) for v in key.rows.loc[name, key.parts].tolist())
    values, rest = [], name
    for k, p in enumerate(parts):
        rest = rest[len(p) + 1:]  # after "item_id="
        cut = rest.find(f", {parts[k + 1]}=") if k + 1 < len(parts) else len(rest)
        values.append(rest[:cut])
        rest = rest[cut + 2:]
    return tuple(values)


def as_tuples(skipped: list[dict], parts: list[str] | None, key: Key | None = None, dtypes: dict | None = None) -> list[dict]:
    """Series left out (``{id, rows, needed}``) named by their key's values (a tuple, as evaluate's series are), a
    loaded model's text cast back to the columns' saved ``dtypes`` (``seriesids.key_dtypes``; decision 1196)."""
    return skipped if parts is None else [{**d, "id": typed_key(values_of(parts, str(d["id"]), key), parts, dtypes)}
                                          for d in skipped]


def for_json(parts: list[str], value, key: Key | None = None):
    """A series id ``value`` (a tuple of its key's values, or its readable id) as JSON names it: its key's columns,
    ``{"item_id": "A", "store_id": 1}``."""
    values = value if isinstance(value, tuple) else values_of(parts, str(value), key)
    return {p: plain(v) for p, v in zip(parts, values)}


def json_result(result: dict, parts: list[str] | None, key: Key | None = None) -> dict:
    """evaluate's ``result`` as JSON writes it: the series fit left out (``not_trained``) each with its ``reason``,
    as fit's metrics.json gives it (``leftout.reasoned``; decision 1558); for a model of a key of several (``parts``)
    its per-series scores ("series") a list of ``{"id": {"item_id": "A", "store_id": 1}, ...scores}``, the series fit
    left out named so too."""
    name = (lambda i: for_json(parts, i, key)) if parts is not None else (lambda i: i)  # noqa: E731
    out = dict(result)
    if parts is not None and isinstance(out.get("series"), dict):  # "scored"'s "series" is a count
        out["series"] = [{"id": name(i), **scores} for i, scores in out["series"].items()]
    for where in ("scored", "original", "scaled"):
        untrained = out.get(where, {}).get("not_trained") if isinstance(out.get(where), dict) else None
        if untrained and untrained.get("series"):
            out[where] = {**out[where], "not_trained": {**untrained, "series": [
                leftout.reasoned([{**d, "id": name(d["id"])}])[0] if isinstance(d, dict) else name(d)
                for d in untrained["series"]]}}
    return out


def skipped_json(skipped: list[dict], parts: list[str] | None, key: Key | None = None) -> list[dict]:
    """Series left out (``{id, ...}``: fit's ``skipped_series_``, a backtest's) as JSON writes them: a key's series
    by its columns (``for_json``); as they are for one id column (``parts`` None)."""
    return skipped if parts is None else [{**d, "id": for_json(parts, d["id"], key)} for d in skipped]
