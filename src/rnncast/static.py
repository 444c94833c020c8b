"""Static covariates: per-series attributes, numeric or categorical, read from the columns of a
long table (one value per series) or from a table of their own (the id column and one column per
attribute). Every check names the series and the attribute at fault."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from rnncast import codedblanks, finitevalues, rowindex, staticids, statictext
from rnncast.staticvalues import blank_texts, few_words, is_text, numbers_written, whole_numbers, writes_numbers
from rnncast.data import ID_COLUMN, as_frame, place
from rnncast.errors import RnncastError
from rnncast.idtypes import as_held
from rnncast.settingvalues import plain
from rnncast.lookalikes import unicode_form
from rnncast.spelling import did_you_mean, hint, shell_names, some, spelled

log = logging.getLogger(__name__)


@dataclass
class Static:
    """Per-series attributes: numeric values [S, Kn] and categorical labels [S, Kc] (as text)."""

    numeric_names: list[str] = field(default_factory=list)
    numeric: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))  # [S, Kn] float64
    categorical_names: list[str] = field(default_factory=list)
    categorical: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=object))  # [S, Kc] str
    from_table: bool = False  # given as a table of their own (from_frame), not as columns of the data

    @property
    def names(self) -> list[str]:
        return self.numeric_names + self.categorical_names

    def take(self, index: np.ndarray) -> "Static":
        return Static(self.numeric_names, self.numeric[index], self.categorical_names, self.categorical[index],
                      self.from_table)


TABLE_FORMS = "static_covariates=a DataFrame or a pathlib.Path, --static FILE"  # a table of their own, each way


def check_layout(given, layout: str, series=None) -> None:
    """Refuse static covariates the data's ``layout`` cannot hold, before any is read: column names (``given`` a
    list or text, ``--static-covariates``) are read from a long table's rows, one value in each series' rows, and
    wide data (``series``: its columns, one per series) has no such rows, so it takes a table of their own (its
    ids the series' column names); a single series takes none. Each refusal names the forms that are accepted."""
    named = [str(n) for n in ([given] if isinstance(given, str) else given)] if isinstance(given, (list, tuple, str)) else None
    if layout == "wide" and named:
        columns = f" ({', '.join(map(repr, series))})" if isinstance(series, (list, tuple)) else ""
        raise RnncastError(
            f"static covariates named as columns (static_covariates={named!r}, --static-covariates {shell_names(*named)}) are "
            "read from long-format data with an id column (id_col=, --id-col), one value in each series' rows; wide data "
            f"(series=, --series) takes them as a table of their own: a column {ID_COLUMN!r} holding the series' column "
            f"names{columns} and one column per attribute, one row per series ({TABLE_FORMS})")
    if layout == "single" and (named or (given is not None and named is None)):
        forms = (f"name their columns (static_covariates={named!r}) in long-format data with an id column (id_col=, "
                 f"--id-col), or give wide-format data (series=, --series) with them as a table ({TABLE_FORMS})" if named
                 else "give long-format data with an id column (id_col=, --id-col) or wide-format data (series=, --series)")
        raise RnncastError(f"static covariates describe each of many series, and this data holds one; {forms}")


def given_once(names, columns, at_fit: bool, wide: bool = False) -> None:
    """Refuse static covariates (``names``: a table's attribute names) that the data's ``columns`` hold too, naming
    them: the table's values would be read and the data's column called "not used" (or, at fit, read again at
    predict). One check for fit (``loading.load_panel``) and predict (``reading._load``)."""
    twice = [str(c) for c in names if str(c) in {str(d) for d in columns}]
    if twice:
        read = ("rename them in the table (wide data takes static covariates from a table only)" if wide else
                "leave the table out and name them with static_covariates= (--static-covariates) to read the data's"
                if at_fit else "leave the table out to read the data's")
        raise RnncastError(f"static covariate(s) {', '.join(map(repr, twice))} given twice: as column(s) of the data and in the "
                           f"static_covariates= table (--static FILE); give them in one place: {read}, or drop the "
                           "column(s) from the data")


def table_of(given, id_col: str, categorical=None, as_categories=(), shown: str | None = None) -> pd.DataFrame:
    """Static covariates given as a table, as a DataFrame: a frame (its index named ``id_col`` kept) or any table
    ``data.as_frame`` takes, a dict of its columns, or the path of a CSV or Parquet file (its ids read as text, as
    ``--static FILE``'s; in Python a ``Path`` at fit, where text names columns, a ``Path`` or text at predict). A
    file's attributes are read by ``statictext.read_file``: at fit (``categorical`` None) a column of codes written
    with leading zeros ('001') as text, and the columns ``as_categories`` names (``static_categorical``) as written;
    at predict a model's ``categorical`` attributes as text, as written; ``shown``: the id column(s) as refusals list
    them (a key's columns ``'sku', 'store'``)."""
    if isinstance(given, dict):
        try:
            return pd.DataFrame(given)
        except (ValueError, TypeError) as err:  # {'region': 'n'}: scalars, or columns of other lengths
            raise RnncastError(f"static_covariates= is a dict that is no table ({err}); give a table (a DataFrame, or a "
                               f"dict of equally long columns) with {shown or repr(id_col)} and one column per attribute, one row per "
                               "series") from None
    if isinstance(given, (str, Path)):
        return statictext.read_file(given, [id_col], text=[*(categorical or ()), *as_categories],
                                    decide=None if categorical is None else [])
    return as_frame(given, keep_index=[id_col])


def read(table: pd.DataFrame | None, names: list[str], frame: pd.DataFrame, codes: np.ndarray, panel, id_col: str,
         announce: bool, as_categories=(), missing_values: str | None = None) -> Static:
    """A panel's static covariates: from ``table`` (a frame of their own; its attributes may not be columns of a
    long ``frame`` too: ``given_once``) or else from the columns ``names`` of the long ``frame``. ``as_categories``
    (``static_categorical=``): attributes read as categories whatever their values (``check_categories``). A numeric
    one holding a text code of ``missing_values`` ('M') is refused as its numbers are (``codedblanks.static_words``)."""
    check_categories(as_categories, names if table is None else [c for c in table.columns if str(c) != id_col])
    if table is None:
        codedblanks.static_words(frame, names, missing_values, np.asarray(panel.given_ids, dtype=object)[codes])
        return from_columns(frame, codes, names, panel.given_ids, announce, as_categories, missing_values)
    table = staticids.wide_key(table, panel.ids, id_col, announce) if panel.layout == "wide" else table  # decision 1798
    table = keyed(table, id_col, frame.columns)  # the id column missing is the first problem, said first
    if panel.id_col is not None:  # a long table: its columns of the table's attributes would be read twice
        given_once([c for c in table.columns if str(c) != id_col], frame.columns, at_fit=True, wide=panel.layout == "wide")
    codedblanks.static_words(table, [c for c in table.columns if str(c) != id_col], missing_values, table[id_col].tolist())
    return from_frame(table, panel.ids, id_col, panel.given_ids, announce, as_categories, missing_values)


CATEGORIES_FORMS = "static_categorical=, --static-categorical"


def check_categories(as_categories, attributes) -> None:
    """Refuse names in ``as_categories`` (``static_categorical=``) that are no static covariate (``attributes``: the
    names given, or a table's columns but its id), naming them and the attributes there are."""
    known = {str(a) for a in attributes}
    unknown = [str(n) for n in as_categories if str(n) not in known]
    if unknown:
        raise RnncastError(f"{CATEGORIES_FORMS} names {', '.join(map(repr, unknown))}, which "
                           f"{'is not a static covariate' if len(unknown) == 1 else 'are not static covariates'}; the "
                           f"static covariates are {', '.join(repr(str(a)) for a in attributes)}: name those of them to "
                           "read as categories" + (unicode_form(unknown[0], known) or did_you_mean(unknown[0], known)))


def from_columns(frame: pd.DataFrame, codes: np.ndarray, names: list[str], ids: list, announce: bool = True,
                 as_categories=(), missing_values: str | None = None) -> Static:
    """Attributes given as columns of the long table [N]: each must hold one value per series
    (``codes`` [N] says the series of each row, a position in ``ids``, named as the caller gave them);
    read as ``from_frame`` reads a table's."""
    per_series = {}
    for name in names:
        column = frame[name]
        _real(column, name, codes, ids)
        _refuse_blank(column, name, codes, ids, frame.attrs)
        counts = column.groupby(codes).nunique(dropna=False)
        varying = counts.index[counts.to_numpy() > 1]
        if len(varying):
            s = int(varying[0])
            seen = [v.item() if hasattr(v, "item") else v for v in column[codes == s].unique()[:2]]  # plain values
            raise RnncastError(
                f"static covariate {name!r} changes within series {ids[s]!r} ({seen[0]!r}, then {seen[1]!r}); "
                "a static covariate holds one value per series; make it a past or future covariate instead"
            )
        first = column.groupby(codes).first()
        if first.isna().any():
            blank = [ids[int(s)] for s in first.index[first.isna().to_numpy()]]
            raise RnncastError(f"static covariate {name!r} is missing for series {some(list(map(repr, blank)))} (blank in every row); a "
                               "static covariate needs a value for every series: give it in the rows of each, or leave "
                               f"{name!r} out of the static covariates ({spelled('static_covariates')})")
        per_series[name] = first.reindex(range(len(ids)))
    return _table(pd.DataFrame(per_series), ids, announce, as_categories, missing_values)


def _refuse_blank(column: pd.Series, name: str, codes: np.ndarray, ids: list, attrs: dict) -> None:
    """Refuse a row of ``column`` [N] left blank in a series whose other rows hold the attribute: a missing value,
    said by its place, not a value that "changes within" the series."""
    blank = column.isna().to_numpy()
    holds = np.zeros(len(ids), dtype=bool)
    holds[codes[~blank]] = True  # the series with a value in some row
    gaps = np.flatnonzero(blank & holds[codes])
    if len(gaps):
        i = int(gaps[0])
        s = int(codes[i])
        value = column[(codes == s) & ~blank].iloc[0]
        value = value.item() if hasattr(value, "item") else value
        raise RnncastError(f"static covariate {name!r} is missing at {place(i, attrs)} (series {ids[s]!r}, which "
                           f"holds {value!r} in its other rows); a static covariate holds one value per series: "
                           "give it in every row of the series, or give the attributes as a table of their own "
                           "(static_covariates=a DataFrame, --static FILE)")


def keyed(table: pd.DataFrame, id_col: str, columns=()) -> pd.DataFrame:
    """``table`` with the id column ``id_col`` as a column (its index named so, reset), else refused by name; where
    the table is keyed by a column of the data (``columns``: store_id beside the id uid), how to join it on that."""
    if id_col in table.columns:
        return table
    if table.index.name == id_col:
        return table.reset_index()
    form = unicode_form(id_col, table.columns, "the model's column" if hint("column", "") else "the data's id column")
    on = [str(c) for c in table.columns if str(c) in {str(d) for d in columns} and str(c) != id_col][:1]
    rest = [str(c) for c in table.columns if str(c) not in on]
    join = (f"; it is keyed by {on[0]!r}, a column of the data, not by the series id: join it onto the data first, "
            f"e.g. with pandas: df = df.merge(table, on={on[0]!r}, how='left'), and name its columns with "
            f"static_covariates={rest!r} (--static-covariates {shell_names(*rest)})") if on and rest else ""
    raise RnncastError(f"the static covariate table needs the id column {id_col!r}; it has "
                       f"{', '.join(map(str, table.columns)) or 'no columns'}{form or join}")  # '지점' in NFD: said


def from_frame(table: pd.DataFrame, ids: list, id_col: str, given_ids: list | None = None,
               announce: bool = True, as_categories=(), missing_values: str | None = None) -> Static:
    """Attributes given as a table of their own: one row per series, the id column (ids matched by
    the data's rule, ``staticids``) and one column per attribute; numeric columns are numeric attributes, and text columns whose every
    value writes a number ('1.0'), as the covariates' are (said in a warning where ``announce``); others, and a
    column of pandas' dtype 'category' and those ``as_categories`` names, are categorical.
    A first column of the row numbers pandas' ``to_csv`` wrote is no attribute: it is left out, said in
    a warning where ``announce`` (``rowindex``). A refusal names a series by ``given_ids`` (the caller's
    ids of ``ids``, ``Panel.given_ids``) where given."""
    table = keyed(table, id_col)
    table = rowindex.without_written_index(table, (id_col,), announce, of="the static covariate table")
    named = dict(zip(ids, given_ids if given_ids is not None else ids))  # how a refusal names each series
    keys = staticids.keys(table[id_col], ids, given_ids, named)  # by value where the data's ids are numbers: '1.00' 1.0
    given_keys = table[id_col].to_numpy()  # the ids as the table writes them, to name its rows of other series
    staticids.refuse_missing(table[id_col], keys, ids, named)
    table = table.drop(columns=[id_col]).set_axis(keys.to_numpy(), axis=0)
    held = np.asarray(as_held(given_keys.tolist(), named.values()), dtype=object)  # 102, not '102', for an int model
    if announce and (said := staticids.unused(held, keys, ids)):  # as the future values' rows of a series not
        log.warning("%s", said)  # forecast are said (future.py); a model's readers say it too (unused_rows)
    table = table.loc[ids]
    if table.isna().any().any():
        name = str(table.columns[table.isna().any().to_numpy()][0])
        blank = [named[i] for i in table.index[table[name].isna()]]
        raise RnncastError(f"static covariate {name!r} is missing for series {some(list(map(repr, blank)))} in the static covariate "
                           f"table; a static covariate needs a value for every series: fill it in, or drop the column "
                           f"{name!r} from the table")
    return replace(_table(table.reset_index(drop=True), [named[i] for i in ids], announce, as_categories, missing_values),
                   from_table=True)


def as_fitted(table: pd.DataFrame, categorical: list, numeric: list = (), codes: list = ()) -> pd.DataFrame:
    """``table`` read as a model was fitted: its text columns of the ``categorical`` attributes as pandas
    categoricals ('1' among them a category, as fit took it), its columns of numbers too for the attributes ``codes``
    names (categorical attributes whose every category writes a number, such as integer codes fit read as categories,
    ``static_categorical``), and its text columns of the ``numeric`` ones as the numbers they write where every value
    writes one; other kinds given for either are named by ``scaling.StaticEncoder.transform``."""
    categorical, codes, numeric = set(categorical), set(codes), set(numeric)  # once, not per column
    kinds = {c: "category" for c in table.columns if str(c) in categorical and (
        is_text(table[c]) or (str(c) in codes and _codes(table[c])))}
    table = table.astype(kinds) if kinds else table
    for c in [c for c in table.columns if str(c) in numeric and writes_numbers(table[c])]:
        table = table.assign(**{c: pd.to_numeric(table[c])})
    return table


def numeric_codes(categorical: list, vocab: list) -> list:
    """The ``categorical`` attributes (a fitted encoder's, with its ``vocab``: each one's categories as text) whose
    every category writes a number: codes such as 101, 205, which predict takes given as numbers too (``as_fitted``)."""
    return [name for name, labels in zip(categorical, vocab) if writes_numbers(pd.Series(labels, dtype=object))]


def _codes(column: pd.Series) -> bool:
    """Whether ``column`` holds numbers that may be category codes: integers, or floats, not booleans."""
    return column.dtype.kind in "iuf"  # a boolean's kind is 'b', a category's 'O'


def _table(table: pd.DataFrame, ids: list, announce: bool = True, as_categories=(), missing_values=None) -> Static:
    """The attributes of ``table`` (one row per series, named in messages by ``ids`` as the caller gave them);
    those ``as_categories`` names are categories whatever their values (integer codes: 101 the category '101');
    ``missing_values`` (the text given) lets ``few_words`` tell 'm' from a code 'M' (decision 1758)."""
    table.columns = [str(c) for c in table.columns]
    marked = {str(n) for n in as_categories}
    for name in table.columns:
        _real(table[name], name, np.arange(len(table)), ids)
        blank_texts(table[name], name, ids)  # '' is refused as NaN is, categories or not, at fit and predict
        if name in marked:  # asked for: each distinct value a category, as written
            table[name] = table[name].astype(str) if not is_text(table[name]) else table[name]
        else:  # a number read as a number: finite, as the covariates' (decision 1221)
            finitevalues.per_series(table[name], name, ids)
            table[name] = numbers_written(table[name], name, announce)
            few_words(table[name], name, ids, missing_values) if announce else None
    if announce and len(table) > 1:  # one value for every series tells none apart: said, as a constant covariate is
        for name in [c for c in table.columns if table[c].nunique(dropna=False) == 1]:
            log.warning("static covariate %r holds one value for every series (%r), so it tells no series apart and the "
                        "network learns nothing from it; leave it out, or give the values that differ", name,
                        plain(table[name].iloc[0]))
    numeric = [c for c in table.columns
               if pd.api.types.is_numeric_dtype(table[c]) and not pd.api.types.is_bool_dtype(table[c])]
    categorical = [c for c in table.columns if c not in numeric]
    for name in [c for c in numeric if table[c].dtype.kind in "iu"] if announce else ():
        whole_numbers(table[name], name)
    return Static(numeric, table[numeric].to_numpy(dtype=np.float64).reshape(len(table), len(numeric)),
                  categorical, table[categorical].astype(str).to_numpy(dtype=object).reshape(len(table), len(categorical)))


def _real(column: pd.Series, name: str, codes: np.ndarray, ids: list) -> None:
    """Refuse a complex number (1+2j) in ``column`` (rows of the series ``codes`` [rows], named by ``ids``), neither a
    number the network reads nor a category meant, as the covariates refuse one; text ('2j') is text (few_words)."""
    if column.dtype.kind == "c":
        complex_ = column.notna().to_numpy()
    elif column.dtype.kind == "O" and any(isinstance(v, (complex, np.complexfloating)) for v in pd.unique(column)):
        complex_ = column.map(lambda v: isinstance(v, (complex, np.complexfloating))).to_numpy(dtype=bool)
    else:
        return
    if complex_.any():
        i = int(np.flatnonzero(complex_)[0])
        raise RnncastError(f"static covariate {name!r} of series {ids[int(codes[i])]!r} is {complex(column.iloc[i])!r}, a "
                           "complex number; give real numbers (np.real, np.abs) or text categories")
