"""What data comes in: files and in-memory tables read into one pandas ``DataFrame`` with text
column labels, and where each of its rows stands in what was given (``place``); its values are read as
numbers, and checked, in ``numbercolumns``.

Accepted: CSV (also ``.gz``, ``.zip``, ``.bz2``, ``.xz``), Parquet (a file, or a folder of them: ``datasetfolder``),
a folder of CSV files (``csvfolder``), a pandas DataFrame or Series
(any column labels; a ``DatetimeIndex`` or ``PeriodIndex`` becomes a time column), a NumPy array
[time] or [time, columns], and any table that speaks the Arrow C stream interface
(``__arrow_c_stream__``: Polars, pyarrow, DuckDB results ...). Values are read as float64 and stay
so until they are scaled.

Every check names the column and the place of the problem and what would be accepted. Places are
``line N of FILE`` (what a text editor shows, counting blank lines and a value's line breaks) for CSV files, ``row N of
FILE`` (counted from 1) for Parquet files and ``row N`` (0-based position) otherwise.
"""

from __future__ import annotations

import csv
import logging
import os
from pathlib import Path
from collections import Counter
import re
import warnings
import zipfile

import numpy as np
import pandas as pd

from rnncast import arrays, csvfolder, csvmarks, datasetfolder, filelines, indexcolumns, monthtext, numbertext, signs, workbooks, zipped
from rnncast.errors import RnncastError
from rnncast.joinedheader import refuse_joined_header
from rnncast.pathargs import readable
from rnncast.nottext import misnamed, not_utf8, nul_bytes
from rnncast.sheetcsv import COMPRESSIONS, NA_STRINGS, SEP_LINE, Written, values_not_names, wide, without_empty
from rnncast.lookalikes import refuse_other_form, spaced_name
from rnncast.daycolumns import melt_hint
from rnncast.spelling import config_named, did_you_mean, shortlist
from rnncast.spelling import hint as reader_words

log = logging.getLogger(__name__)

TEXT_SUFFIXES = (".csv", ".txt", ".tsv", "")
PARQUET_SUFFIXES = (".parquet", ".pq")
INDEX_TIME = indexcolumns.INDEX_TIME  # the column a time index became: layouts and futurekeys read it here
ID_COLUMN = "unique_id"  # the long format's default id column, as in Nixtla's libraries


def read_table(path, text_columns=()) -> pd.DataFrame:
    """Read a CSV (plain or compressed) or Parquet file into a frame with text column labels.

    ``text_columns``: columns read as text exactly as the file writes them (series ids: ``001``
    stays ``001``); ``unique_id`` always is. Excel's ``sep=`` line, rows of separators only at the end
    and columns with neither name nor value are read as ``sheetcsv`` says. Raises ``RnncastError`` for a missing, empty or
    unreadable file, saying what is accepted.
    """
    with datasetfolder.listed_once():  # a folder listed once per read, whatever is asked of it (decision 2261)
        return _read_table(path, text_columns)


def _read_table(path, text_columns, rows_needed=True) -> pd.DataFrame:
    path = readable(path)
    suffixes = [s.lower() for s in path.suffixes]
    compression = suffixes[-1] if suffixes and suffixes[-1] in COMPRESSIONS else None
    kind = (suffixes[-2] if compression and len(suffixes) > 1 else ("" if compression else path.suffix.lower()))
    name, source = str(path), Path(os.path.abspath(path)).name  # what refusals and lines name ('.' by its own name:
    # decision 2265); a zip's member in it (sales.csv in x.zip), below
    try:
        folder = path.is_dir()  # a folder of Parquet or CSV files (readable lets only those by: decisions 2188, 2216)
        if not folder and (book := workbooks.refusal(path)) is not None:  # an .xlsx named .csv: never "a zip archive"
            raise RnncastError(book)
        zipped_parquet = not folder and compression == ".zip" and zipped.holds_parquet(path)  # zipped by Finder
        if folder and not datasetfolder.is_dataset(path):  # CSV files of one header, one after another (decision 2216)
            frame, kind = csvfolder.read(path, lambda file: _read_table(file, text_columns, False)), "folder"
        elif folder:
            csvfolder.refuse_mixed(path)  # Parquet and CSV files both: never one kind read, the other passed over
            frame = indexcolumns.from_file(datasetfolder.read(path))  # its partition keys as columns
            kind = PARQUET_SUFFIXES[0]
        elif (kind in PARQUET_SUFFIXES and not compression) or zipped_parquet:
            _named_once(zipped.parquet_names(path, zipped_parquet), f"the Parquet file {name}")  # pyarrow's FieldRef text
            frame = pd.read_parquet(zipped.parquet(path) if zipped_parquet else path)
            kind = PARQUET_SUFFIXES[0]  # no text: no lines, no separator
            frame = indexcolumns.from_file(frame)  # its restored index as columns, named as the file's (decision 1596)
        elif kind in TEXT_SUFFIXES:
            if compression is None and (wrong := misnamed(path)) is not None:  # a Parquet or gzip file named .csv
                raise RnncastError(wrong)
            written = Written(path, compression)  # its bytes read once for its text as written (sheetcsv)
            if written.member:
                name, source = f"{written.member} in {path}", f"{written.member} in {path.name}"
            header, sep, skip, sep_line = written.head  # skip: Excel's sep= line, blank lines
            if wide(written.first, header):  # NUL bytes (csv would stop at them; pandas would read on), UTF-16's BOM
                raise RnncastError(nul_bytes(name, written.first))
            present = next(csv.reader([header], delimiter=sep), [])
            if len(present) > 1 and not any(c.strip() for c in present[1:]) and (title := written.title(name)):
                raise RnncastError(title)  # 'Sales report 2024,,': a title over three columns, as Excel writes it
            if values_not_names(present):  # np.savetxt's file, or an export without its header: its first row lost
                first = f"line {skip + 1} of {name} (the header line)" if skip else f"the first line of {name}"  # blank lines above
                raise RnncastError(f"{first} holds values, not column names ({', '.join(present[:3])}"
                                   f"{', ...' if len(present) > 3 else ''}): rnncast reads it as the header, and its row "
                                   "would be lost; add a header line naming the columns (e.g. date,sales)")
            if "\ufffd" in header and (wrong := not_utf8(path, compression, name)):  # GBK's 日期 and 城市: '����' twice
                raise RnncastError(wrong)
            _named_once(present, f"the header of {name} (line {skip + 1})")  # pandas would rename the second (a.1)
            text = {c: str for c in set(text_columns) | {ID_COLUMN} if c in present}
            # ids are read as written: "NA" or "null" is a series, not a missing id
            missing = {c: NA_STRINGS for c in present if c not in text} if text else None
            def read(rows=None) -> pd.DataFrame:
                with warnings.catch_warnings():  # values the header does not name: pandas' row labels, or (index_col=False)
                    warnings.simplefilter("error", pd.errors.ParserWarning)  # dropped with this warning: neither, refused
                    try:
                        with zipped.opened(path, written.member) as source:  # a zip archive's one data file
                            return pd.read_csv(source, sep=sep, dtype=text or None, compression="infer",
                                               index_col=False, keep_default_na=not text,
                                               na_values=missing if text else NA_STRINGS, skiprows=skip, nrows=rows,
                                               low_memory=False)  # one dtype per
                            # column from all its rows: not read in chunks, a column of numbers but for '#VALUE!' at
                            # line 277179 mixed floats and text with pandas' DtypeWarning, its source path, on stderr
                    except pd.errors.ParserWarning:
                        raise RnncastError(written.title(name) or _more_values(f"the rows of {name} hold more values",
                                                                               present, sep, skip + 1)) from None
                    except pd.errors.ParserError as err:  # one row of more values: pandas names its line
                        extra = re.search(r"Expected \d+ fields in line (\d+), saw (\d+)", str(err))
                        if not extra:
                            raise
                        at = filelines.longer(written, len(present)) or extra[1]  # pandas counts no quoted line break
                        raise RnncastError(written.title(name) or _more_values(
                            f"line {at} of {name} holds {extra[2]} values, more", present, sep, skip + 1)) from None

            frame = read()
            lines = {filelines.READ_FROM: filelines.read_from(written, len(frame)), "line_offset": 2 + skip}
            kept = without_empty(frame, present, path.name, lambda i: filelines.line(i, lines))  # blank lines counted
            # rows of separators at the end made pandas read integer columns (20200101, 201601, 1980) as floats:
            # the rows kept are read again, so that every column is read as it would be without them
            frame = read(len(kept))[list(kept.columns)] if len(kept) < len(frame) else kept
            text = set(text_columns) | {ID_COLUMN}  # ids as written; 51,02 after ';', then 01.2000 months, then 1.005,67
            frame, signed = signs.read(frame, skip=text)  # -50.00 where the file writes −50.00 or (50.00)
            frame = monthtext.dotted_months(numbertext.read(frame, sep, path.name, skip=text), written)
            as_written = {c: column for c, (column, _) in signed.items()}  # '1.234-' quoted so, not '-1.234'
            frame = signs.settle(csvmarks.read(frame, written, text, as_written, lines), signed, path.name)
        else:
            raise RnncastError(f"unsupported file type {''.join(path.suffixes)!r} for {path}; use a .csv (or .csv.gz, "
                               ".csv.zip, .csv.bz2, .csv.xz) or .parquet file")
    except RnncastError:
        raise
    except pd.errors.EmptyDataError:
        raise RnncastError(f"{name} is empty; expected a header line and rows of values") from None
    except UnicodeDecodeError as err:
        raise RnncastError(not_utf8(path, compression, name, err)) from None
    except (pd.errors.ParserError, csv.Error, ValueError, OSError, EOFError, zipfile.BadZipFile) as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise RnncastError(f"cannot read {name}: {first}; expected a comma-separated CSV or a Parquet file") from None
    if frame.shape[0] == 0 and rows_needed:  # a folder's month of no rows adds none (csvfolder, decision 2264)
        raise RnncastError(f"{name} has a header but no rows of data")
    frame.columns = [str(c) for c in frame.columns]
    frame.attrs["source"] = source  # 'line 7 of sales.csv in x.zip' for a zip's member
    frame.attrs[datasetfolder.FOLDER] = datasetfolder.keys(path) if folder else None  # rows out of order: decision 2226
    frame.attrs["line_offset"] = 2 + skip if kind in TEXT_SUFFIXES else None  # data row 0 is line 2 (3 after sep=)
    frame.attrs[filelines.READ_FROM] = lines[filelines.READ_FROM] if kind in TEXT_SUFFIXES else None  # blank lines
    frame.attrs["separator"] = sep if kind in TEXT_SUFFIXES else None
    frame.attrs[SEP_LINE] = sep_line if kind in TEXT_SUFFIXES else False  # Excel's sep=; line: forecasts keep it
    return frame


def _more_values(what: str, present: list, sep: str, header: int = 1) -> str:
    comma = " (a decimal comma, as in 51,02?) must be quoted, or the columns separated by ';'" if sep == "," else " must be quoted"
    return (f"{what} than its header (line {header}) names ({len(present)} column(s)): a value that holds the separator "
            f"{sep!r}{comma}; otherwise name every column in the header")




def as_frame(data, keep_index=(), steps: bool | str = False) -> pd.DataFrame:
    """Any accepted table as a DataFrame with text column labels.

    A ``DatetimeIndex``, a ``PeriodIndex`` or the levels of a ``MultiIndex`` become columns (the
    index is the time axis); so does any named index (``read_csv(index_col="date")``: the dates as
    text; a ``year`` index) and an unnamed one of other values than integers (a column ``index``):
    only an unnamed integer index (row numbers) is left out, but with ``steps`` one of one step that is
    not 0 .. n-1 (``range(1961, 2021)``, going down too, or whole floats: ``indexcolumns``). An unnamed index is named as ``reset_index`` names
    it (``index``, or ``level_0`` beside a column ``index``; an unnamed time index ``ds`` where that is free). A
    NumPy array's columns are named ``0``, ``1``, ... Raises ``RnncastError`` for other types, for a named
    index that has a column's name and for labels that clash once written as text.
    """
    if not isinstance(data, (pd.Series, pd.DataFrame)) and (hasattr(data, "__arrow_c_stream__")
                                                            or hasattr(data, "__arrow_c_array__")):
        import pyarrow as pa

        try:
            data = pa.table(data).to_pandas()  # Polars, pyarrow, DuckDB ...: through the Arrow C stream
        except pa.ArrowInvalid as err:  # one column (a Polars Series, a ChunkedArray): read as a pandas Series is
            if "non-struct" not in str(err):  # (decision 2230)
                raise
            name = getattr(data, "name", None)  # a Polars Series' (its default ''), none for an Arrow array
            data = pd.Series(pa.chunked_array(data).to_pandas(), name=name if isinstance(name, str) and name else None)
    if isinstance(data, pd.Series):
        data = data.to_frame(name=str(data.name) if data.name is not None else "y")
    elif isinstance(data, np.ndarray) and data.dtype.names:
        data = pd.DataFrame.from_records(data)  # a structured array: its fields are the columns
    elif isinstance(data, (np.ndarray, list, tuple)):
        return arrays.as_table(data)
    if not isinstance(data, pd.DataFrame):
        if type(data).__name__ == "LazyFrame" and hasattr(data, "collect"):  # a query, not a table (decision 2231)
            raise RnncastError("cannot use a Polars LazyFrame (a query, not yet a table); give its table: lf.collect()")
        raise RnncastError(
            f"cannot use data of type {type(data).__name__}; pass a pandas DataFrame or Series, a NumPy array, a "
            "table with __arrow_c_stream__ (Polars, pyarrow), or the path of a CSV or Parquet file"
        )
    refuse_joined_header(data)  # a ';'-separated file read with pandas' comma: one column 'date;sales'
    attrs = dict(data.attrs)
    data, said = indexcolumns.as_columns(data, keep_index, steps)  # a time index, a named one ... as columns
    attrs.update(said)
    labels = [label_text(c) for c in data.columns]
    if len(set(labels)) != len(labels):
        twice = sorted({c for c in labels if labels.count(c) > 1})
        given = [list(dict.fromkeys((type(c), c) for c in data.columns if label_text(c) == t)) for t in twice]  # 1, '1'
        how = "; ".join(" and ".join(repr(c) for _, c in g) for g in given if len(g) > 1)  # one name once written
        raise RnncastError(f"column label(s) {twice} appear twice{f' ({how}: the same name once written as text)' * bool(how)}; "
                           "give every column its own name")
    if labels != list(data.columns):
        data = data.set_axis(labels, axis=1)
    if na := [t for t, d in zip(labels, data.dtypes) if getattr(d, "na_value", None) is pd.NA]:  # decision 1870
        attrs[NA_COLUMNS], data = na, data.copy(deep=False)  # noted on rnncast's copy, never the caller's frame
    data.attrs = attrs
    return data


def names(value) -> list[str]:
    """Column names as text from one label or a list of labels. Text is one name, commas and all (a column
    'a,b' is named so in Python); only the command line's flags and config files split a list at its commas."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple, pd.Index)):
        return [label_text(v) for v in value]
    return [label_text(value)]  # one label of another type (an integer column label)


def label_text(label) -> str:
    """A column label as the text rnncast names it by: ``str``, but a ``MultiIndex`` column's tuple less the empty
    levels pandas pads a one-level name with (``reset_index()`` of a frame of two-level columns names its index
    ``('date', '')``: 'date'); ``('a', 'y')`` stays as Python writes it."""
    if not isinstance(label, tuple):
        return str(label)
    kept = label
    while len(kept) > 1 and kept[-1] == "":
        kept = kept[:-1]
    return str(kept[0]) if len(kept) == 1 else str(kept)


def shown_columns(frame: pd.DataFrame) -> list[str]:  # as given: a series key's internal column as its columns
    return [p for c in frame.columns for p in frame.attrs.get(KEY_PARTS, {}).get(str(c), [str(c)])]


def require_column(frame: pd.DataFrame, name: str, what: str = "column", keyword: str | None = None) -> None:
    """Refuse ``name``, no column of ``frame``, saying the nearest and those there are; where a config file's key
    ``keyword`` gave it (``spelling.in_config``), naming the key and file first (a flag's is as the user typed it)."""
    if name not in frame.columns:
        lead = f"{said}: " if (said := config_named(keyword)) else ""  # future_covariates (in config c.json):
        available = shortlist([repr(c) if "," in c else c for c in shown_columns(frame)])  # a comma'd name reads as one
        hint = (" (the file reads as a single column: are its values separated by commas, semicolons or tabs?)"
                if frame.shape[1] == 1 and frame.attrs.get("source") else "")
        holding = [c for c in shown_columns(frame) if "," in c and str(name) in [p.strip() for p in c.split(",")]]
        if holding:
            hint += (f". The column {holding[0]!r} holds a comma: on the command line quote it within the list "
                     f"(--features '\"{holding[0]}\"'), or repeat the flag once per name")
        parts = [p.strip() for p in str(name).split(",")]
        if len(parts) > 1 and all(p in frame.columns for p in parts):  # 'A,B' from Python: one name there (338)
            hint += f". In Python a text is one column name; to name several, give a list: {parts!r}"
        if what == "id column":
            hint += ". Name the column that says which series a row belongs to with id_col= (--id-col)"
        if keyword == "target":  # item_id, d_1 .. d_400: the long table's recipe (decision 2110)
            hint += melt_hint(frame, str(name), frame.attrs.get(INDEX_TIME), frame.attrs.get(KEY_PARTS))
        owner = reader_words("column", "")  # a model's reader names no columns: the model's are as they are
        spaced = spaced_name(name, frame.columns, owner or "the column named", bool(frame.attrs.get("source")), not owner)
        if spaced:  # names are kept as written: ' pressure' is not 'pressure'
            raise RnncastError(f"{lead}{what} {name!r} not found: {spaced}")
        refuse_other_form([name], frame.columns, lambda name: f"{lead}{what} {name!r} not found",  # '매출' decomposed (NFD)
                          "the model's column" if owner else "the name given")  # is not '매출' composed
        close = did_you_mean(str(name), frame.columns, cutoff=0.8)  # a case first, then spelling
        raise RnncastError(f"{lead}{what} {name!r} not found{close}; available columns: {available}{hint}")


def _named_once(names: list, what: str) -> None:  # which of two columns of one name is meant cannot be known
    if twice := sorted(c for c, n in Counter(names).items() if c and n > 1):  # decision 1648
        raise RnncastError(f"{what} names column(s) {twice} more than once; give every column its own name")


NA_COLUMNS = "na_columns"  # a table's attrs: its columns of a nullable dtype (Int64, Float64), blank as <NA>
ROWS_OF = "rows_of"  # a table's attrs: the row [N] each of its rows was given at, where rows were repeated
KEY_PARTS = "key_parts"  # a table's attrs: its series key's one internal column (serieskeys.joined) -> the key's columns
KEY_DTYPES = "key_dtypes"  # a table's attrs: each key column's dtype as given (pandas lines write 2 or 'A' by it)


def place(i: int, attrs: dict) -> str:
    """Where row ``i`` of a table is, as its user would find it: ``line N of FILE`` as an editor numbers the
    lines of a CSV file read by ``read_table`` (blank lines and values of several lines counted: ``filelines``),
    ``row N of FILE`` counted from 1 for a Parquet file (as a viewer numbers them), else ``row i`` (the position).
    A table whose rows were repeated (``serieskeys.spread``) names the row each was given at (``ROWS_OF``)."""
    if (given := attrs.get(ROWS_OF)) is not None and 0 <= i < len(given):
        i = int(given[i])
    if (files := attrs.get(csvfolder.FILES)) and i >= 0:  # a folder's row: its own file's line (decision 2264)
        start, own = next((start, own) for start, own in reversed(files) if start <= i)
        return place(i - start, own)
    offset = attrs.get("line_offset")
    if i < 0:
        return "a row inserted by fill_gaps"
    if offset is not None and attrs.get("source"):
        return f"line {filelines.line(i, attrs)} of {attrs['source']}"
    return f"row {i + 1} of {attrs['source']}" if attrs.get("source") else f"row {i}"
