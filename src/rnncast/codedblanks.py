"""The numbers of ``missing_values`` (-999, 9999) read as blank where the data is loaded, their cells kept apart
(``Rows.coded``) so that a target read so is told from one the table leaves blank; without a fill, refused by place
(``codedrefusal``: led by the rows not yet reported, decision 1721).
Its text codes (NOAA's 'M') are read so too, before the columns are read as numbers (``words``; ``Rows.worded``).
A static covariate holding one is refused by series (``static``; a numeric one's text code, ``static_words``): it
is never filled; a future covariate's at a forecast step is found (``future_words``) and refused by ``futurecodes.refuse``.
"""

from __future__ import annotations

import logging

import numpy as np

import pandas as pd

from rnncast import codedrefusal, codedsaid, timeaxis, timeunread
from rnncast.codedsaid import WORDED  # frame.attrs: (the table's columns, {column: [rows] code + 1, 0 none})
from rnncast.data import ID_COLUMN, names
from rnncast.errors import RnncastError
from rnncast.layouts import TARGET_COLUMN, Rows
from rnncast.numbertext import DECIMAL, MISSING
from rnncast.settingvalues import missing_numbers, missing_words, packed
from rnncast.spelling import named, spelled
from rnncast.staticvalues import is_text, no_value
from rnncast.timenames import TIME_NAMES

log = logging.getLogger("rnncast.missingcodes")  # said as the missing-value codes' reading, as before it moved
WRITTEN = "the way files write a missing value"  # every line naming a code-like value says it so (decision 1607)
NINES = [10.0**k - 1 for k in range(2, 13)]  # 99 ... 999999999999


def code_like(values: np.ndarray) -> np.ndarray:
    """Whether each of ``values`` [n] is spelled as a missing-value code: ±99, ±999, ... or ±99.9, ±999.9, ... (to
    float32's precision, the panel's: a file's 99.9 is read as 99.90000153)."""
    magnitude = np.abs(np.asarray(values, dtype=np.float64))
    magnitude = np.where(np.isfinite(magnitude), magnitude, 0.0)  # NaN and inf are no code
    whole, tenth = np.divmod(np.round(magnitude * 10), 10)
    with np.errstate(over="ignore"):  # 1e40 is inf in float32 on both sides: no code, as isin(whole, NINES) says
        written = np.float32(magnitude) == np.float32((whole * 10 + tenth) / 10)  # at most one decimal
    return written & np.isin(whole, NINES) & ((tenth == 0) | (tenth == 9))


def proposed(codes, given: str | None = None):
    """``missing_values`` as a hint proposes it: the codes already ``given`` (``missing_values``' text, '-999'), kept
    as given, then the new ``codes`` not among them, so following the hint reads both, not the new alone; one number as
    itself (-999), several as text joined by ', ' ('-999, 9999', never '-999,9999': one number in a file writing
    decimal commas)."""
    before = list(missing_numbers(given))
    every = before + sorted({float(v) for v in codes} - set(before))
    whole = [int(v) if v.is_integer() else v for v in every] + list(missing_words(given))  # 'M' kept (decision 1646)
    return whole[0] if len(whole) == 1 else ", ".join(map(str, whole))


ABOVE = " (a missing-value code? see above)"  # a value the line on codes named, in another line (decision 1607)


def named_codes(found: list[dict]) -> set:
    """``{(series, column, code)}`` of the values ``missingcodes.find`` found (``found``), which its one line names
    with the advice: another line naming one of them points to it (``ABOVE``) instead of advising apart."""
    return {(f["series"], f["column"], float(v)) for f in found for v in f["codes"]}


def if_missing(codes, given: str | None = None) -> str:
    """The one advice of every line naming a code-like value (decision 1607): "if it means missing, give
    missing_values=-9999, --missing-values -9999 to read those cells as blank (then filled as fill=, --fill says, or
    refused)", ``proposed``'s codes."""
    return (f"if it means missing, give {spelled('missing_values', proposed(codes, given))} to read those cells as "
            f"blank (then filled as {spelled('fill')} says, or refused)")


def words(frame: pd.DataFrame, text: str | None, keep=(), static=None) -> pd.DataFrame:
    """``frame`` with the cells holding a text code of ``missing_values`` (``text``; 'M': the whole cell, spaces
    around it aside, in its case: 'm' and 'M/D' are no 'M', decision 1687) blank in every column but ``keep`` (the id
    column, given or a found 'unique_id' (decision 1669), and the time column given), a time column found by its name
    or dates (``_timed``, decision 1722) and the ``static`` covariates' columns, the codes each cell held in its
    ``attrs`` (``WORDED``) for ``blank`` to count and refuse by place, ``text`` there too (``MISSING``: a refusal of
    another text cell advises from it); ``frame`` itself where ``text`` holds no text code (decision 1646)."""
    codes = missing_words(text)
    if not codes:
        return frame
    out = frame.copy(deep=False)  # the caller's table stays as given; a refusal of a text cell ('m') advises from
    out.attrs = {**frame.attrs, MISSING: text}  # the codes given (unusedcolumns.text_clause; decision 1687)
    held, keep = {}, set(keep) | set(names(static) if isinstance(static, (list, tuple, str)) else [])
    for c in frame.columns:
        column = frame[c]
        if c in keep or not (column.dtype == object or pd.api.types.is_string_dtype(column)):
            continue
        which = _held(column, codes)
        if which.any() and not _timed(c, column.where(which == 0)):  # a time column found by its name or values
            held[c] = which
    if not held:
        return out
    for c in held:
        rest = frame[c].where(held[c] == 0)
        numbers = pd.to_numeric(rest, errors="coerce")  # a file's column read as text for its 'M' alone: its numbers
        file = bool(frame.attrs.get("source")) or not rest.map(lambda v: isinstance(v, str)).any()
        out[c] = numbers if file and numbers.notna().sum() == rest.notna().sum() else rest
    out.attrs[WORDED] = (set(map(str, frame.columns)), held)
    return out


def _timed(name, rest: pd.Series) -> bool:
    """Whether column ``name``, its codes aside (``rest``), is one the time column is found as (decision 1722): text
    under a time's name ('date', as ``timeaxis`` finds one by its name) or dates under any name (by its values), its
    'M' an unreadable date to name, not a blank read as a missing timestamp. A column of numbers is a value's."""
    if pd.to_numeric(rest.dropna().astype(str).str.strip(), errors="coerce").notna().all():
        return False  # 'time' of 3.2, 5.1 beside dates: a value (timeaxis), its 'M' a blank
    if str(name).strip().lower() in TIME_NAMES + ("ts",):
        return True
    with timeunread.passed_over():  # asked of one column: refuses nothing
        return timeaxis.find_time_column(rest.rename("values").to_frame())[1] in ("by its type", "by its values")


def _held(column: pd.Series, codes: tuple) -> np.ndarray:
    """[rows] 1 + the text code of ``codes`` each cell of ``column`` holds, 0 none: the whole cell, spaces around it
    aside, in its case (decision 1687); the one match of ``words``, ``static_words`` and so ``future_words``."""
    which = column.astype(str).str.strip().map({w: k + 1 for k, w in enumerate(codes)}).where(column.notna())
    return which.fillna(0).to_numpy(dtype=np.int16)


def static_words(frame: pd.DataFrame, columns: list, text: str | None, series) -> None:
    """Refuse a numeric static covariate (``frame``'s ``columns``: its other values numbers, at least as many as its
    other texts) holding a text code of ``missing_values`` (``text``; 'M'), naming it, the code and the series
    (``series`` [rows of ``frame``]: each row's, as the caller gave it), as ``static`` refuses its numbers: it is
    never filled (decision 1688). A column of labels ('M' and 'F') is categories, its 'M' a label: left alone."""
    codes = missing_words(text)
    for name in columns if codes else ():
        column = frame[name]
        which = _held(column, codes) if is_text(column) else np.zeros(0)
        if not which.any():
            continue
        rest = column[(which == 0) & column.notna().to_numpy()].astype(str).str.strip()
        numbers = int(pd.to_numeric(rest, errors="coerce").notna().sum())
        if numbers and numbers >= len(rest) - numbers:
            i = int(np.argmax(which > 0))
            hit = {str(v) for v in np.asarray(series, dtype=object)[which > 0]}
            raise RnncastError(_static_refusal(name, repr(codes[which[i] - 1]), series[i], len(hit),
                                               len({str(v) for v in series})))


def _static_refusal(name: str, value: str, series, hit: int, every: int) -> str:
    """The one refusal of static covariate ``name`` holding a code (``value`` as said: -999, 'M') for ``series``,
    ``hit`` of ``every`` series: ``static``'s and ``static_words``'."""
    return (f"static covariate {name!r} holds {value} for series {series!r} ({hit} of {every} series), which "
            f"{named('missing_values')} reads as missing; a static covariate needs a value for every series and is "
            f"not filled: give its value, or leave {name!r} out of the static covariates")


def future_refusal(held: str, where: str) -> str:
    """The one refusal of future covariates holding a code of ``missing_values`` at a forecast step, a number
    (``missingcodes.refuse_future``) or a text code (``future_words``): ``held`` the codes, ``where`` the columns."""
    return (f"the future values hold {held}, which the model reads as missing ({named('missing_values')}), in {where}: "
            "predict needs a value of every future covariate at every forecast step; give the values, or forecast "
            "without those columns (fit without them)")


def future_words(table: pd.DataFrame, columns: list, attrs: dict) -> tuple[dict, list]:
    """The future covariates ``columns`` where a forecast step's cell held a text code of ``missing_values`` ('M'; the
    future table read by ``words``, ``attrs`` its frame's): ``table`` [S * H rows] the steps' values, blank there, and
    ``'_row'`` the future table's row of each (NaN: none); a step the data's own row gave stays. Returns ``({column:
    [S * H] bool, the steps holding one}, the codes found)``, which ``futurecodes.refuse`` refuses with the numbers
    found (``future_refusal``; decisions 1688, 2238)."""
    held, texts = (attrs or {}).get(WORDED, (set(), {}))[1], missing_words((attrs or {}).get(MISSING))
    rows = table["_row"].to_numpy(dtype=np.float64)
    at = np.where(np.isnan(rows), -1, rows).astype(np.int64)  # [S * H] the table's row, -1 none
    found = {c: np.where((at >= 0) & table[c].isna().to_numpy(), held[c][np.maximum(at, 0)], 0)
             for c in columns if c in held}  # [S * H] 1 + the code each step's cell held, 0 none
    found = {c: k for c, k in found.items() if k.any()}
    return {c: k > 0 for c, k in found.items()}, sorted({texts[v - 1] for k in found.values() for v in np.unique(k) if v})


def _worded(rows: Rows, attrs) -> np.ndarray | None:
    """[N, C] 1 + the text code of ``missing_values`` each cell of ``rows`` held (``words``), 0 none; None where no
    cell held one. A wide table's series are its columns, read into the one target column."""
    columns, held = (attrs or {}).get(WORDED, (set(), {}))
    if not held:
        return None
    found = np.zeros(rows.values.shape, dtype=np.int16)
    wide = rows.id_col == ID_COLUMN and rows.columns[:1] == [TARGET_COLUMN] and TARGET_COLUMN not in columns
    for j, c in enumerate(rows.columns):
        if c in held and not (wide and j == 0):
            found[:, j] = held[c][rows.positions]
    names = [n for n in rows.ids if n in held] if wide else []
    if names:  # one gather over the rows, not one pass per series holding a code: O(N), not O(S·N)
        k = {n: i for i, n in enumerate(names)}
        column = np.array([k.get(n, -1) for n in rows.ids], dtype=np.int64)[rows.codes]  # [N] its series' code row
        at = column >= 0
        found[at, 0] = np.stack([held[n] for n in names])[column[at], rows.positions[at]]
    return found if found.any() else None


def blank(rows: Rows, text: str | None, announce: bool, fill: str | None = None, attrs=None, late: bool = False,
          wide: bool = False) -> str | None:
    """Read the numbers of ``missing_values`` (``text``, as ``settingvalues.missing_text`` writes it) as blank in
    ``rows``' values [N, C] (the target and covariate columns; a new array: the caller's table stays as given), the
    numbers kept in ``rows.coded`` (NaN elsewhere), the cells of its text codes (blank already: ``words``) in
    ``rows.worded``; ``announce``: say at fit how many cells of which columns, or that
    none held them (returned, not said: ``say`` says it once the static covariates, which ``static`` refuses a code
    in, are read). Without a ``fill`` a cell read so is refused here, naming its number (not as a blank, NaN); ``late``
    (a long table's): led by the series whose last rows are not yet reported, as ``fills`` leads (decision 1721);
    ``wide``: a wide table's, its cells named by its own columns (``codedsaid``, decision 1793)."""
    codes, texts = missing_numbers(text), missing_words(text)
    if not codes and not texts:
        return None
    if _decimal_commas(text) and ((attrs or {}).get(DECIMAL) == "," or (attrs or {}).get("separator") == ";"):
        raise RnncastError(ambiguous(text, attrs))  # a ';' file of integers: -999,5 is a European's -999.5 too
    worded = _worded(rows, attrs)
    worded = np.zeros(rows.values.shape, dtype=np.int16) if worded is None else worded
    each = [rows.values == v for v in codes] + [worded == k + 1 for k in range(len(texts))]  # [N, C] per code
    hit = np.logical_or.reduce(each)
    unmatched = codedsaid.said(rows, each, [f"{v:g}" for v in codes] + list(texts), text, wide) if announce else None
    if hit.any():
        if fill is None:
            codedrefusal.refuse(rows, hit, text, worded, texts, attrs or {}, late, wide)
        numbers = hit & (worded == 0)
        rows.coded = np.where(numbers, rows.values, np.nan) if numbers.any() else None
        rows.worded = worded > 0 if worded.any() else None
        rows.values = np.where(numbers, np.nan, rows.values)
    return unmatched


def ambiguous(text: str, attrs: dict) -> str:
    """The refusal of ``missing_values`` text joining numbers with a bare comma and no point ('-999,9',
    ``settingvalues.packed``; '-999.9,9999' has one reading, the point being the decimal) for a file whose numbers
    are written with decimal commas or separated by ';' (``attrs``: its frame's): -999 and 9 to the setting, -999.9
    to the file's writer. Neither is guessed: 22 real 9,0 cells of a station's file were read as missing. Every text
    it advises is one accepted (decision 1435): numbers with a point, separated by ';'."""
    numbers = missing_numbers(text)
    items = text.split(",")
    other = ["; ".join(items[:i] + [f"{items[i]}.{items[i + 1]}"] + items[i + 2:]) for i in _decimal_commas(text)[:2]]
    how = "writes decimals with a comma" if attrs.get(DECIMAL) == "," else "is separated by ';', as files writing " \
        "decimal commas are"
    listed = "; ".join(f"{v:g}" for v in numbers)
    return (f"{named('missing_values')} {text!r} is ambiguous for {attrs.get('source', 'the data')}, which {how}: "
            f"it reads as the numbers {', '.join(f'{v:g}' for v in numbers)}, or as {' or as '.join(other)} "
            f"(a comma being a decimal one); write each number with a point and separate numbers with ';' "
            f"({listed}, or {' or '.join(other)}), or give a list ([{', '.join(f'{v:g}' for v in numbers)}])")


def _decimal_commas(text: str) -> list[int]:
    """The commas (by the item before them) of ``missing_values`` text that a file writing decimal commas could read
    as one: between digits, joining two items that hold no point ('-999,9'; not '-999.9,9999': one reading)."""
    items = text.split(",") if packed(text) else []
    return [i for i, (a, b) in enumerate(zip(items, items[1:])) if "." not in a + b and a[-1:].isdigit()
            and b[:1].isdigit()]


def say(unmatched: str | None, elsewhere: str = "") -> None:
    """Say ``blank``'s "matched no value" once no static covariate was refused for holding the code (1262), with
    where else the code is (``codedsaid.elsewhere``: an unused column, decision 1797)."""
    if unmatched:
        log.warning("%s%s", unmatched, elsewhere)


def coded_targets(rows: Rows, positions: np.ndarray, series: np.ndarray) -> np.ndarray:
    """[K] whether the target of series ``series`` [K] on the table's rows ``positions`` [K] (-1: a row inserted,
    none) was read as blank from a number of ``missing_values`` (``blank``): a value the table holds, not a target
    left blank. One pass over the rows, matched by (row of the table, series)."""
    if rows.coded is None and rows.worded is None:
        return np.zeros(len(positions), dtype=bool)
    read = np.zeros(len(rows.positions), dtype=bool)  # [N] a target read so, from a number or a text code
    for cells in (np.isfinite(rows.coded) if rows.coded is not None else None, rows.worded):
        read |= cells[:, : rows.n_targets].any(axis=1) if cells is not None else False
    width = int(max(rows.codes.max(initial=0), np.max(series, initial=0))) + 1  # (row, series) as one number
    keys = rows.positions[read].astype(np.int64) * width + rows.codes[read]
    return (np.asarray(positions) >= 0) & np.isin(np.asarray(positions, dtype=np.int64) * width + series, keys)


def static(panel, text: str | None) -> None:
    """Refuse a numeric static attribute of ``panel`` (``Panel.static``) holding a number of ``missing_values``
    (``text``), naming the attribute and the series: a static covariate needs a value for every series and is never
    filled, and it was read as the value (-999 an elevation), while fit said the code "matched no value" (1224)."""
    codes = missing_numbers(text)
    if panel.static is None:
        return
    _labels(panel, codes)
    if not codes or not panel.static.numeric.size:
        return
    hit = np.isin(panel.static.numeric, codes)  # [S, Kn]
    if hit.any():
        s, j = (int(v[0]) for v in np.nonzero(hit))
        raise RnncastError(_static_refusal(panel.static.numeric_names[j], f"{panel.static.numeric[s, j]:g}",
                                           panel.given_id(s), int(hit[:, j].sum()), len(hit)))


def _label_number(label) -> float | None:
    try:
        return float(str(label))
    except ValueError:
        return None


def _labels(panel, codes: list) -> None:
    """Refuse a categorical static attribute (``static_categorical``) whose label writes inf, -inf, NaN, one of pandas'
    missing-value strings ('None', 'N/A': ``staticvalues.no_value``) or a number of ``missing_values`` (``codes``), by
    name and series: it is no category but a missing or unreadable value."""
    for j, name in enumerate(panel.static.categorical_names):
        for s, label in enumerate(panel.static.categorical[:, j].tolist()):
            number = _label_number(label)
            if (number is not None and number in codes) or (why := no_value(label)) is not None:
                why = f"which {named('missing_values')} reads as missing" if number in codes else why
                raise RnncastError(f"static covariate {name!r} holds {label!r} for series {panel.given_id(s)!r}, {why}; "
                                   "a categorical static covariate needs a label for every series and is not filled: "
                                   f"give its label, or leave {name!r} out of the static covariates")
