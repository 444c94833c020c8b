"""What a CSV file writes beside its values: thousands separators, fixed decimals, a byte-order mark, line ends.

Thousands separators (Excel writes ``1.005,67`` for a cell formatted ``#.##0,00`` where the comma is the
decimal mark, ``1,005.67`` where the point is, ``1'005.67`` in Switzerland, ``1 005,67`` with a (no-break)
space in France and the Nordic countries): ``read`` takes a text column whose every value is a number written
with one thousands mark between groups of three digits and the other of ``.`` and ``,`` before its decimals,
as those numbers, where every reading that fits every value gives the same numbers (``thousands.reading``):
``1.005,67`` and ``999,5`` can be read only one way, ``12 500`` too. A comma-separated file never reads a
decimal comma (decision 148): its quoted ``"1,005.67"`` is read, and its ``"2,577"`` where the file writes
decimals with a point elsewhere (``4.14``), the comma then being no decimal mark; where it writes none,
``2,577`` could be 2.577 too. A column both readings fit (``1.234`` beside ``1,005``; ``1,234`` after ``;``)
stays text, refused where used (``numbertext.hint``).

Integers written with thousands dots (``1.005`` beside ``999``) are numbers to pandas either way: 1.005 and
999, the dot a decimal point. In a file whose decimal mark is the comma (a column read with decimal commas,
or with ``.`` thousands) the dot is no decimal point, and such a column is read as thousands (1005); in a
file whose other numbers write decimals with a point (10.5) it is one, as pandas read it. In a file separated
by ``;`` that writes neither the dot may be either, and ``read`` refuses, naming a value,
both readings and how to write each; a file separated by tabs or ``|`` has decimal points (their ``1.005`` is
1.005, as pandas reads it). Forecasts are written without thousands separators (``Dialect.said`` says so):
pandas writes none, and any program reads a number without them.

A file's byte-order mark (``utf-8-sig``, Excel's "CSV UTF-8") and line terminator (``\\r\\n``) are kept in
``frame.attrs`` (``BOM``, ``LINE_END``) for its forecasts to be written with them (``csvdialect.dialect_of``):
Excel reads a CSV file without the mark as its locale's code page (``Köln Süd`` garbled).

A column whose every number is written with the same decimals (``986,00``, ``1083,80``; an integer column's none) is
recorded while read, for the data values a forecast frame copies to be written with them (``fixeddecimals``: 986,00,
not pandas' 986,0).
"""

from __future__ import annotations

import logging
import re

import numpy as np
import pandas as pd

from rnncast import filelines, fixeddecimals, numbertext, signs, thousands, zipped
from rnncast.errors import RnncastError
from rnncast.sheetcsv import COMPRESSIONS, HEAD, Written, binary
from rnncast.spelling import listing

log = logging.getLogger(__name__)

THOUSANDS = "thousands"  # a frame's attrs: the thousands separator its file's numbers were read with (".", ",", "'", " ")
GROUPED_COLUMNS = "grouped"  # a frame's attrs: the columns read as numbers from text with thousands separators ('+49 301 100')
BOM = "bom"  # a frame's attrs: True where its file begins with UTF-8's byte-order mark
LINE_END = "line_end"  # a frame's attrs: the line terminator of its file's first line ("\n", "\r\n" or "\r")
UNNAMED = "unnamed"  # a frame's attrs: its columns the file's header leaves without a name ('Unnamed: 0' to pandas)


PLAIN = r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"  # a number as pandas reads one, no mark in it
DOTTED = r"[+-]?[1-9]\d{0,2}(?:\.\d{3})+"  # 1.005, 12.345.678: an integer in thousands, or a number with three
# decimals; 0.947 only the latter (no group of thousands starts with 0)


def read(frame: pd.DataFrame, written: Written, skip=(), originals=None, lines: dict | None = None) -> pd.DataFrame:
    """``frame`` (read from the CSV file ``written``, decimal commas already read by ``numbertext.read``) with each
    column written with thousands separators as float64 (said in one warning), and its file's byte-order mark and
    line terminator in ``attrs``. ``skip``: columns kept as text (ids). The columns' text is ``written.columns``.
    Raises ``RnncastError`` for integers written with thousands dots in a ``;`` file that writes no decimal mark
    (no decimal comma, and no number with decimals written with a point). ``originals``: {column: its values as
    the file writes them} for the columns ``signs.read`` rewrote (``1.234-`` as ``-1.234``): a warning or refusal
    quotes a value as the file writes it. ``lines``: the attrs ``filelines.line`` finds a row's line in (blank
    lines counted), else row 0 is taken to be on the line below the header."""
    path, sep = written.path, written.head.sep
    lines = lines or {"line_offset": 2 + written.head.skip}
    read_so, doubted, commas = {}, {}, {}  # read_so: {column: (its thousands and decimal marks, a value so read, as written)}
    originals = originals or {}
    for name in frame.columns:
        column = frame[name]
        given = column.dropna()
        if name in skip or not len(given) or not numbertext.all_text(given):
            continue
        text = given.str.strip()
        found = thousands.reading(text, sep)  # 1,234 after ';': either, left as text (numbertext.hint)
        if found is None and sep != "," and re.fullmatch(thousands.FIXED_COMMA, text.iloc[0]):
            commas[name] = text  # 6,001 after ';': decimals where the file's decimal mark is the comma (below)
        elif found is None and sep == "," and thousands.reading(text, sep, points=True):
            doubted[name] = text  # "2,577" in a comma file: thousands where the file writes decimal points
        elif found is not None:
            _read(frame, name, text, found, read_so, originals.get(name))
        elif re.fullmatch(PLAIN, text.iloc[0]) and text.str.fullmatch(PLAIN).all() and not (  # 1000 padded with a no-break
                given.str.fullmatch(PLAIN).all()):  # first value first: a date column is not matched whole
            frame[name] = pd.to_numeric(column.str.strip()).astype("float64")  # space (French Excel's '# ##0 ')
    if doubted and _points(frame, read_so, skip):  # a comma file that writes 4.14: its comma is no decimal mark
        for name, text in doubted.items():
            _read(frame, name, text, thousands.reading(text, sep, points=True), read_so, originals.get(name))
    decimal = frame.attrs.get(numbertext.DECIMAL)
    if commas and decimal == ",":  # 6,001 beside 50.613,88: the comma is the file's decimal mark (decision 1479)
        _commas(frame, commas, read_so, path.name, _comma_evidence(frame, written, [*skip, *commas, *read_so]))
    dotted = _dotted(frame, written, skip) if decimal == "," or (sep in (";", "\t", "|") and decimal is None) else {}
    points = _points(frame, {}, [*skip, *dotted])
    for name, (text, as_written) in dotted.items():  # 1.005 beside 999
        if decimal != "," and points:  # the file writes decimal points (10.5): 1.005 is one too, as pandas read it
            log.warning("%s: column(s) %s hold numbers such as %r%s, read with the dot as a decimal point "
                        "because the file writes decimals with a point elsewhere; if the dot groups thousands there, "
                        "write them without it", path.name, list(dotted), *_dotted_example(text, as_written))
            break
        if decimal != ",":
            raise RnncastError(_ambiguous(name, text, path.name, lambda i: filelines.line(i, lines), sep, as_written))
        i = int(np.flatnonzero(text.str.fullmatch(DOTTED).fillna(False).to_numpy(dtype=bool))[0])
        read_so[name] = (".", ",", text.iloc[i], as_written.iloc[i])
        frame[name] = thousands.numbers(text, ".", ",")
        fixeddecimals.fixed_decimals(frame, name, text.str.replace(".", "", regex=False))
    for name, text in fixeddecimals.fixed_text(frame, written, skip).items():  # 986,00: written back so, not 986,0
        fixeddecimals.fixed_decimals(frame, name, text)
    for name in frame.columns:  # integers (pandas' int64, no blank cell): written back as integers, 2 not 2.0
        if name not in skip and pd.api.types.is_integer_dtype(frame[name]) and not pd.api.types.is_bool_dtype(frame[name]):
            frame.attrs.setdefault(fixeddecimals.DECIMALS, {}).setdefault(name, 0)
    if read_so:
        examples = dict.fromkeys(f"'{w}' as {thousands.plain(v, t, d)}{_mark_said(w, t)}"
                                 for t, d, v, w in read_so.values())
        names = listing([f"'{name}'" for name in read_so])  # as the file names them, no list's repr (decision 1712)
        said = (f"columns {names} are", "they write") if len(read_so) > 1 else (f"column {names} is", "it writes")
        log.warning("%s: %s written with thousands separators and read as the numbers %s (%s); forecasts are "
                    "written without them", path.name, *said, ", ".join(examples))
        t, _, example, _ = next(iter(read_so.values()))
        frame.attrs[THOUSANDS] = re.search(thousands.written(t), example)[0]  # as written: a no-break space (1\xa0005)
        frame.attrs[GROUPED_COLUMNS] = list(read_so)  # numbers only by that reading: features 'all' asks for them by name
    frame.attrs[BOM], frame.attrs[LINE_END] = marks(written.first[:HEAD])
    frame.attrs[UNNAMED] = [c for c in written.unnamed if c in frame.columns]  # ',sales': its time column has no name
    return frame


UNSEEN = {"\u00a0": "a no-break space", "\u202f": "a narrow no-break space", " ": "a space",
          "\u2019": "a right single quotation mark"}  # separators a reader cannot tell apart as printed


def _mark_said(value: str, mark: str) -> str:
    """', with a narrow no-break space as thousands separator' where ``value`` (as the file writes it) groups its
    thousands with a separator ``UNSEEN`` names: '1\u202f500,0' shows as '1 500,0', which a space would too."""
    found = re.search(thousands.written(mark), value)
    return f", with {UNSEEN[found[0]]} as thousands separator" if found and found[0] in UNSEEN else ""


def _read(frame: pd.DataFrame, name: str, text: pd.Series, found: tuple, read_so: dict,
          original: pd.Series | None = None) -> None:
    """Column ``name`` of ``frame`` (its ``text``) read with the ``found`` (thousands, decimal) marks, noted in
    ``read_so`` with a value as the file writes it (``original``: the column before ``signs`` rewrote its
    negatives, ``1.234,50-`` as ``-1.234,50``); the file's decimal mark is the one its values write, or the one
    its thousands mark implies."""
    t, d = found
    marked = text[text.str.contains(thousands.written(t))]
    example = next(iter(marked[~marked.str.startswith("-")].index), marked.index[0])  # unsigned where one is
    shown = str(original.loc[example]).strip() if original is not None else text.loc[example]
    read_so[name] = (t, d, text.loc[example], shown)
    frame[name] = thousands.numbers(frame[name], t, d)
    fixeddecimals.fixed_decimals(frame, name, text.str.replace(thousands.written(t), "", regex=True))
    implied = d or {".": ",", ",": ".", "'": "."}.get(t)  # a file grouping by points writes decimal commas; Swiss
    if implied is not None:  # apostrophes, decimal points; a space says nothing of it
        frame.attrs.setdefault(numbertext.DECIMAL, implied)


def _commas(frame: pd.DataFrame, commas: dict, read_so: dict, source: str, evidence: str = "") -> None:
    """Read the ``commas`` ({column: its text, its first value ``6,001``}) of a file whose decimal mark is the comma
    whose every value holds a decimal comma (``thousands.comma_decimals``) as decimal commas, said in a warning that
    names the file's evidence (a value of ``read_so`` written with a decimal comma, else ``evidence``: one that
    ``numbertext.read`` read, `` ('12,5' in 'Umsatz')``) and what to write where the comma groups thousands."""
    read = {}
    for name, text in commas.items():
        values = thousands.comma_decimals(text)
        if values is not None:  # 1,500 beside 800: left as text, refused where used (decision 1504)
            frame[name], read[name] = values, text
            fixeddecimals.fixed_decimals(frame, name, text)
    if not read:
        return
    value = next(iter(read.values())).iloc[0]
    shown = next((f" ({w!r} in {c!r})" for c, (_, d, _, w) in read_so.items() if d == ","), evidence)
    log.warning("%s: column(s) %s hold numbers such as %r, read with the comma as a decimal mark (%s) because the file "
                "writes its decimals with a comma elsewhere%s; if the comma groups thousands there, write them "
                "without it", source, list(read), value, value.replace(",", "."), shown)


def _comma_evidence(frame: pd.DataFrame, written: Written, skip) -> str:
    """`` ('12,5' in 'Umsatz')``: the first value the file writes with a decimal comma (``numbertext.WITH_COMMA``) in a
    float column not in ``skip`` (one ``numbertext.read`` read so), from its first ``CHECKED_ROWS`` rows; "" if none."""
    for name in (c for c in frame.columns if c not in skip and pd.api.types.is_float_dtype(frame[c])):
        text = written.columns([name], fixeddecimals.CHECKED_ROWS)[name].dropna().astype(str).str.strip()
        with_comma = text[text.str.fullmatch(numbertext.WITH_COMMA)]
        if len(with_comma):
            return f" ({with_comma.iloc[0]!r} in {name!r})"
    return ""


def _points(frame: pd.DataFrame, read_so: dict, skip) -> bool:
    """Whether ``frame`` holds a number written with decimals after a point: a float column's with a fraction (10.5),
    or a column read with thousands separators whose values write a point (``read_so``)."""
    return any(v[1] == "." for v in read_so.values()) or any(
        c not in skip and pd.api.types.is_float_dtype(frame[c])
        and (np.nan_to_num(frame[c].to_numpy(dtype=np.float64, na_value=np.nan)) % 1 != 0).any() for c in frame.columns)


def marks(head: bytes) -> tuple[bool, str]:
    """Whether ``head`` (a file's first bytes) begins with UTF-8's byte-order mark, and its first line's end
    ("\\r\\n", "\\r", or "\\n", also where none is in ``head``)."""
    cr, lf = head.find(b"\r"), head.find(b"\n")
    end = "\r\n" if cr >= 0 and lf == cr + 1 else "\r" if cr >= 0 and (lf < 0 or cr < lf) else "\n"
    return head.startswith(b"\xef\xbb\xbf"), end


def file_bom(path) -> bool:
    """Whether the CSV file at ``path`` (plain or compressed: ``sheetcsv.COMPRESSIONS``) begins with UTF-8's byte-order
    mark, for a table written beside what was read from it (``evaluate --by-series-csv``) to keep it as forecasts do;
    False for a file that is no CSV or cannot be read (it was read before: nothing is refused here)."""
    from pathlib import Path

    path = Path(path)
    suffix = path.suffix.lower()
    compression = suffix if suffix in COMPRESSIONS else None
    try:
        member = zipped.data_file(path) if compression == ".zip" else None
        with binary(path, compression, member) as f:
            return f.read(3) == b"\xef\xbb\xbf"
    except (OSError, ValueError, RnncastError, EOFError):
        return False


def _dotted(frame: pd.DataFrame, written: Written, skip) -> dict[str, tuple[pd.Series, pd.Series]]:
    """The float columns that pandas read from integers written with thousands dots (``1.005`` beside ``999``),
    as text: {column: (its values with ``-`` before negative ones, as the file writes them)}; every value so or
    an integer, one at least with a dot. Only columns whose every number could be so (three decimals at most,
    those under 1000) are taken as text."""
    def could(values: np.ndarray) -> bool:
        values = values[np.isfinite(values)]
        whole = values == np.round(values)
        return bool(len(values)) and bool(np.all(whole | ((np.abs(values) < 1000) & (values == np.round(values, 3)))))

    floats = [c for c in frame.columns if c not in skip and pd.api.types.is_float_dtype(frame[c])
              and could(frame[c].to_numpy(dtype=np.float64, na_value=np.nan))]
    if not floats:
        return {}
    text = written.columns(floats).iloc[: len(frame)]  # not the rows sheetcsv left out at the end
    found = {}
    for c in floats:
        cells = signs.plain(text[c]).str.strip()  # −1.005 and (1.005) as pandas read -1.005
        given = cells.dropna()
        if given.str.fullmatch(DOTTED).any() and given.str.fullmatch(rf"{DOTTED}|[+-]?\d+").all():
            found[c] = (cells, text[c].str.strip())
    return found


def _ambiguous(name: str, text: pd.Series, source: str, line=lambda i: i + 2, sep: str = ";",
               as_written: pd.Series | None = None) -> str:
    """The refusal of ``text`` (a column's values, ``-`` before negative ones), its values quoted ``as_written``."""
    as_written = text if as_written is None else as_written
    dotted = text.str.fullmatch(DOTTED).fillna(False).to_numpy(dtype=bool)
    i = int(np.flatnonzero(dotted)[0])
    value, shown = text.iloc[i], as_written.iloc[i]
    plain = as_written[~dotted].dropna()
    beside = f" beside {plain.iloc[0]!r}" if len(plain) else ""
    by = "tabs" if sep == "\t" else repr(sep)
    return (f"column {name!r} holds {shown!r} at line {line(i)} of {source}{beside}: a thousands separator "
            f"({value.replace('.', '')}) or a decimal point ({value})? In a file separated by {by} whose numbers show "
            "no decimal mark rnncast does not guess; write the column without thousands separators (Excel: number "
            f"format 0, not #.##0), or its decimals with a comma ({shown.replace('.', ',')})")


def _dotted_example(text: pd.Series, as_written: pd.Series) -> tuple[str, str]:
    """A value of ``text`` written like thousands with a dot (1.005) and the clause naming one without (" beside
    '999'"; "" where every value is so, decision 1537), for a message, each as the file writes it (``as_written``)."""
    dotted = text.str.fullmatch(DOTTED).fillna(False).to_numpy(dtype=bool)
    plain = as_written[~dotted].dropna()
    return as_written[dotted].iloc[0], f" beside {plain.iloc[0]!r}" if len(plain) else ""
