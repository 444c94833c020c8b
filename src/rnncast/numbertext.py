"""Numbers written with a decimal comma (``51,02``), as spreadsheets in much of Europe write them.

Such files separate their columns by ``;`` (or tabs, or ``|``): there ``read`` takes a column whose
every value is a number written with digits and at most one comma (``51,02``, ``-0,5``, ``3``) as
numbers, the comma as the decimal point, as R's ``read.csv2`` and pandas' ``decimal=","`` do. It
never guesses: a column whose every comma stands before three digits (``1,234``) could hold
thousands as well, and a column that mixes commas and points, or holds other text, is left as
written; ``hint`` then says why such a value is not read as a number. In a comma-separated file a
decimal comma is never read (it would be a quoted field), only explained; digits grouped by three that
``csvmarks`` did not read (``1,234`` where nothing writes a decimal point, a column of two marks) are
explained as thousands separators. A currency sign or code, a percent sign or a unit beside a number
(``$1,200.00``, ``12,50 €``, ``5 kg``) is named, never dropped: the number is to be written alone; a multiplier's
(``0.61M``) whole number is ``multipliers``'.

``as_numbers`` reads a column of numbers written as text ('1', '2.5'; a warning names the column, decision 148) or
of booleans (1 and 0; said once, at INFO, decision 2184) as numbers, where every value is one.

``read`` also records that a file's numbers were read with decimal commas (``frame.attrs["decimal"]``), for
forecasts of the file to be written so (``csvdialect.dialect_of``).
"""

from __future__ import annotations

import logging
import re

import numpy as np
import pandas as pd

from rnncast import cjknumbers, excelerrors, multipliers, noticed, signs, thousands
from rnncast.excelerrors import not_available  # data asks numbertext.not_available: '#nv', '  #N/A  ' are missing
from rnncast.spelling import spelled

log = logging.getLogger(__name__)

DECIMAL = "decimal"  # a frame's attrs: the decimal mark its file writes numbers with ("," or ".")
MISSING = "missing_values"  # a frame's attrs: the missing_values text it was read with (codedblanks.words, decision 1687)
FUTURE = "future_values"  # a frame's attrs: it is predict's future table, where every step needs a value (decision 1757)

DECIMAL_COMMA = rf"{thousands.COMMA_DECIMAL}(?:[eE][+-]?\d+)?"  # 51,02  -0,5  3  1,5e3
THOUSANDS_LIKE = thousands.THOUSANDS_LIKE  # 1,234: a decimal comma, or one thousand two hundred and thirty-four?
WITH_COMMA = r"[+-]?(?:[1-9]\d{0,2}(?:\.\d{3})+|\d+),\d+"  # 1000,00  1,0038  -1.234,56: a number, whatever its size


def decimal_commas(values: pd.Series) -> pd.Series:
    """[values] bool: text writing a number with a decimal comma (``WITH_COMMA``: digits, one comma, digits; a sign
    and thousands dots before), which no form of time writes: such a column is never time (pandas reads '1000,00' as
    the year 1000), so a refusal says what its values are (``hint``)."""
    return values.astype(str).str.strip().str.fullmatch(WITH_COMMA).fillna(False).astype(bool)


def read(frame: pd.DataFrame, sep: str, source: str, skip=()) -> pd.DataFrame:
    """``frame`` (read from ``source`` with columns separated by ``sep``) with every column written
    in decimal commas as float64; ``skip``: columns kept as text (series ids). A comma-separated
    file is returned as it is. ``frame.attrs["decimal"]`` is "," where a column was read with decimal commas
    (``csvdialect.dialect_of`` says the file's decimal mark otherwise)."""
    if sep == ",":
        return frame
    read_so = []
    example = None  # (a value written with a comma, its column): the warning quotes it
    for name in frame.columns:
        column = frame[name]
        if name in skip or pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column):
            continue
        column = column.mask(not_available(column))  # ';  #N/A  ;': missing as '#N/A' is (decision 1451)
        given = column.dropna()
        if not len(given) or not all_text(given):
            continue
        text = given.str.strip()
        commas = text.str.contains(",", regex=False)
        if not commas.any() or not text.str.fullmatch(DECIMAL_COMMA).all():
            continue
        if text[commas].str.fullmatch(THOUSANDS_LIKE).all():
            continue  # 1,234 stays text: hint() says why when the column is used
        frame[name] = pd.to_numeric(column.str.strip().str.replace(",", ".", regex=False)).astype("float64")
        read_so.append(name)
        example = example or (str(text[commas].iloc[0]), name)  # the file's own first value with a comma
    if read_so:
        where = f" in {example[1]!r}" if len(read_so) > 1 else ""
        log.warning("%s: column(s) %s are written with decimal commas and read as numbers (%s%s as %s), as a file "
                    "separated by %r writes them", source, read_so, example[0], where, example[0].replace(",", "."), sep)
        frame.attrs[DECIMAL] = ","
    return frame


def all_text(values: pd.Series) -> bool:
    """Whether every value of ``values`` (none missing) is text (``str``): at once for pandas' string dtype, whose
    values are, else value by value (an object column may mix text and numbers)."""
    return isinstance(values.dtype, pd.StringDtype) or all(isinstance(v, str) for v in values)


def explained(column: pd.Series) -> np.ndarray:
    """[rows] bool: the values ``hint`` explains (numbers written with a decimal comma or thousands separators,
    also negative ones written with the Unicode minus or in parentheses, ``signs``)."""
    text = signs.plain(column).astype(str).str.strip()
    return (text.str.fullmatch(DECIMAL_COMMA) | text.str.fullmatch(thousands.GROUPED)).to_numpy()


def named(column: pd.Series, bad: np.ndarray) -> int:
    """The position of the value a refusal names among the ``bad`` ([rows] bool) values of ``column``: the first
    that is no number however written, else the first written with a decimal comma and no thousands separators
    (``12,5`` beside ``2,577``: what keeps the column from being read), else the first."""
    text = column.astype(str).str.strip()
    odd = bad & ~explained(column)
    lone = bad & ~text.str.fullmatch(thousands.GROUPED).to_numpy()
    return int(np.flatnonzero(next((pick for pick in (odd, lone) if pick.any()), bad))[0])


def not_read(column: pd.Series, bad: np.ndarray, sep: str | None) -> int:
    """How many of the ``bad`` ([rows] bool) values of ``column`` are no number by the column's own reading: where
    its other values (and the bad ones a reading explains, ``explained``) are one set of numbers by a reading its
    file takes (``sep``: decimal commas after ';', thousands), only the values no reading takes ('n/a ' among 119
    decimal commas: 1); else every bad value (a table in memory reads neither)."""
    odd = bad & ~explained(column)
    if sep is None or not odd.any() or odd.all():
        return int(bad.sum())
    rest = signs.plain(column[column.notna().to_numpy() & ~odd]).astype(str).str.strip()
    commas = sep != "," and rest.str.fullmatch(DECIMAL_COMMA).all() and not (
        rest[rest.str.contains(",", regex=False)].str.fullmatch(THOUSANDS_LIKE).all())
    grouped = thousands.reading(rest, sep, points=sep == ",") is not None
    return int(odd.sum()) if commas or grouped else int(bad.sum())


YES_NO = ({"yes", "no"}, {"y", "n"}, {"on", "off"}, {"true", "false"}, {"t", "f"})  # the words of a two-valued column


def yes_no(column: pd.Series) -> str | None:
    """"yes/no" where every value of ``column`` (text) is one of a pair of ``YES_NO``'s words (any case), else None."""
    words = {v.strip().lower() for v in column.dropna() if isinstance(v, str)}
    if not words or len(words) < column.dropna().nunique() or not any(words <= pair for pair in YES_NO):
        return None
    pair = next(pair for pair in YES_NO if words <= pair)
    return "/".join(sorted(pair, key=lambda w: w in ("no", "n", "off", "false", "f")))


# words exports write for a missing value that pandas does not read as one ('NA', 'n/a', 'null' it does)
MISSING_WORDS = frozenset({"n.a.", "n.a", "na.", "n. a.", "n.v.", "k.a.", "n.d.", "nd", "missing", "nil", "none",
                           "empty", "blank", "unknown", "not available"})


def hint(value, sep: str | None, column: pd.Series) -> str:
    """Why ``value`` (text that is no number to pandas, in ``column``) was not read as a number, or "" where no
    reason is known. ``sep``: the file's separator (None: not read from a text file). A currency sign or a unit
    beside a number is named (``$1,200.00``, ``12,50 €``, ``5 kg``); a decimal comma is explained where it is not
    read; thousands separators (``csvmarks``, ``thousands``) where the column's values do not all fit one reading:
    ``1,234`` could be a decimal comma, and other values may be written with other marks."""
    if isinstance(value, (bool, np.bool_)):  # one among numbers (as_numbers reads a column of them alone)
        return (f"; a boolean among numbers is not taken for {int(value)}: write 1 or 0 there, or give the whole "
                "column as True and False (read as 1 and 0)")
    if words := yes_no(column):
        return (f"; it holds {words} values: give them as the numbers 1 and 0 (or as booleans, True and False, read "
                "as 1 and 0)")
    text = value.strip() if isinstance(value, str) else ""
    if error := excelerrors.named(text):  # a spreadsheet's formula that failed (any language's Excel): no value
        error = f" ({error})" if "," in error else ""  # '#WERT!': Excel's #VALUE!, in German
        return (f"; {value!r} is a spreadsheet's error value{error}, no number: mend the formula, or write those "
                f"cells empty (or NA) and choose how to fill them (fill=, --fill ffill, interpolate or drop)")
    if limit := _limit(value, text):  # '<0.1': a detection limit's code (decision 1938)
        return limit
    if text and (not any(c.isalnum() for c in text) or text.lower() in MISSING_WORDS):  # '-', '?', 'n.a.': missing
        return (f"; {value!r} holds no number, as many exports mark a missing value: write those cells empty (or NA) "
                f"and choose how to fill them (fill=, --fill ffill, interpolate or drop), or write 0 where it means zero")
    beside = (cjknumbers.wide(value, column.name) or _complex(value) or signs.dash(value)  # '１２，０１３' (decision 1468)
              or signs.trailing(value, column) or _beside(value, text, thousands.marks_of(sep, column)))  # decision 1583
    if beside.endswith("as the column means") and "a percentage" in beside:  # never read as either (decision 2195)
        comma = ".str.replace(',', '.')" if re.search(r"\d,\d", text) else ""
        beside += (f" (a spreadsheet's {'12,5% cell holds 0,125' if comma else '12.5% cell holds 0.125'}: format the "
                   "column as numbers there, or in pandas: "
                   f"df[{column.name!r}] = df[{column.name!r}].str.rstrip('% '){comma}.astype(float) / 100)")
    if beside or not explained(pd.Series([text]))[0]:
        return beside
    text = signs.plain(pd.Series([text])).iloc[0]  # (1,234.50) and −1,234.50 as -1,234.50
    found = thousands.grouped(text)
    given = column.dropna()
    given = signs.plain(given[[isinstance(v, str) for v in given]]).str.strip()
    lone = bool(re.fullmatch(THOUSANDS_LIKE, text))  # 1,234: thousands, or a decimal comma?
    if found is not None and sep is None:
        if lone:
            return (f"; {value!r} could be a decimal comma ({text.replace(',', '.')}) or a thousands separator "
                    f"({text.replace(',', '')}), so rnncast does not guess: give numbers, not text")
        return (f"; {value!r} looks like a number with thousands separators ({thousands.plain(text, *found)}), which "
                "are not read in a table given in memory: give numbers, not text")
    if found is not None and sep == ",":
        if found[1] == ",":
            return _decimal_comma(value, thousands.plain(text, *found), "in a comma-separated file")
        if lone and thousands.reading(given, sep, points=True):
            return (f"; {value!r} could be a thousands separator ({text.replace(',', '')}) or a decimal comma "
                    f"({text.replace(',', '.')}): nothing in the file writes decimals with a point, so rnncast does "
                    f"not guess; write numbers without thousands separators ({text.replace(',', '')}), or with their "
                    f"decimals after a point ({text}.00)")
    if found is not None and (sep == "," or not lone):
        return _mixed(value, text, *found, given)
    if sep is None or sep == ",":
        return _decimal_comma(value, text.replace(",", "."), "in a comma-separated file" if sep == "," else
                              "in a table given in memory")
    with_comma = given[given.str.contains(",", regex=False)]
    if len(with_comma) and with_comma.str.fullmatch(THOUSANDS_LIKE).all():
        return (f"; {value!r} could be a decimal comma ({value.replace(',', '.')}) or a thousands separator "
                f"({value.replace(',', '')}): every comma of the column stands before three digits, so rnncast does "
                "not guess; write its numbers with a decimal point, or without thousands separators")
    return ("; decimal commas (51,02) are read as numbers only when every value of the column is a number written "
            "with one or without any (no decimal points, no other text); write the column one way")


def _limit(value, text: str) -> str:
    """Why ``value`` (``text``, stripped), a limit's code (``<0.1``, ``< 5``, ``>2000``: a lab's or a probe's reading
    below its detection limit or above its range), is no number, with the missing_values setting that reads it as
    missing and the numbers to write instead; else ""."""
    found = re.fullmatch(r"([<>≤≥]=?)\s*(\d+(?:\.\d+)?)", text)
    if not found:
        return ""
    below, number = found[1][0] in "<≤", found[2]
    kind, instead = (("a below-detection-limit code (a value under " if below else "an above-range code (a value over ")
                     + f"{number}, not measured exactly)", f"0, or half the limit, {float(number) / 2:g}" if below else
                     f"the limit, {number}")
    return (f"; {value!r} looks like {kind}: give {spelled('missing_values', text)} to read such cells as missing "
            f"(then filled as {spelled('fill')} says), or write a number in its place ({instead}), as the column means")


def _decimal_comma(value, number: str, where: str) -> str:
    keep = ("read its file with pd.read_csv(path, sep=';', decimal=','), which reads them as numbers"  # decision 1713
            if "memory" in where else "separate a file's columns by ';' to keep decimal commas")
    return (f"; {value!r} looks like a number with a decimal comma, which is not read {where}: write decimal "
            f"points ({number}), or {keep}")


def _mixed(value, text: str, t: str, d: str | None, given: pd.Series) -> str:
    """Why ``value``, written with thousands separators ``t`` (and decimal mark ``d``), was not read: the column
    (``given``) holds values written otherwise, the first of them named."""
    for fits in [thousands.number(t, d)] if d else [thousands.number(t, "."), thousands.number(t, ",")]:
        other = given[~given.str.fullmatch(fits)]
        if len(other):
            break
    also = f", but the column also holds {other.iloc[0]!r}" if len(other) else ""
    return (f"; {value!r} is written with thousands separators ({thousands.NAMES[t]}: {thousands.plain(text, t, d)}), "
            f"which are read only where every value of the column is written with the same marks{also}: write the "
            "column one way, or without thousands separators")


def is_complex(value) -> bool:
    """Whether ``value`` is a complex number (Python's, NumPy's) or text that writes one (``1+2j``, ``(0.5-1j)``)."""
    try:
        return isinstance(value, (complex, np.complexfloating)) or (
            isinstance(value, str) and "j" in value.lower() and complex(value.strip()) is not None)
    except ValueError:
        return False


def _complex(value) -> str:
    """A complex number (``is_complex``) named as one, with the real numbers that would be read; else ""."""
    if not is_complex(value):
        return ""
    return (f"; {value!r} is a complex number, and the values must be real: give the real part (np.real) or the "
            "magnitude (np.abs) if that is what is meant")


def _beside(value, text: str, sep: str | None = None) -> str:
    """Why ``value`` (``text``, stripped), a number with a currency sign or code before or after it, or a unit, a
    multiplier or a percent sign after it (``$1,200.00``, ``12,50 €``, ``USD 5``, ``5 kg``, ``0.61M``, ``12%``), is no
    number: the sign named, and what to write (a multiplier's whole number, 610000; a percentage either way, with a
    decimal point where decimal commas are not read: ``sep`` "," or None); else ""."""
    parts = re.fullmatch(r"(\D*?)\s*([+-]?\d(?:[\d.,'\u2019\s]*\d)?)\s*(\D*)", text)
    if not parts or not re.fullmatch(rf"{DECIMAL_COMMA}|[+-]?\d+(?:\.\d+)?|{thousands.GROUPED}", parts[2]):
        return ""
    before, after = (p.strip(" +-") for p in (parts[1], parts[3]))
    sign, number = before or after, parts[2]
    if cjk := cjknumbers.beside(value, before, number, after, multipliers.scaled):  # 1.2万, ¥12,013 (1466, 1467)
        return cjk
    if after in multipliers.MULTIPLIERS and (not before or cjknumbers.currency_sign(before)):
        return multipliers.said(value, text, before, number, after, sep)  # 0.61M: 610000
    if not sign or (before and after):
        return ""
    if cjknumbers.currency_sign(sign):
        kind = "a currency sign"
    elif re.fullmatch("[A-Z]{3}", sign):
        kind = "a currency code"
    elif after and sign in ("%", "\u2030"):
        share = multipliers.scaled(number, -2 if sign == "%" else -3, ",")  # 12.345%: a point in a share is a decimal point
        comma = re.fullmatch(r"[+-]?\d+,\d+", number) and " or " not in share
        if comma and sep in (",", None):  # 12,5 % in a comma-separated file: its decimal comma is not read either
            number = number.replace(",", ".")
        elif comma:
            share = share.replace(".", ",")
        what = "a percentage" if sign == "%" else "per mille (parts per thousand)"
        if share.lstrip("+-").strip("0.,") == "" == number.lstrip("+-").strip("0.,"):  # 0%: both read 0 (decision 1887)
            example = f"20{sign} is 20 or {'0.2' if sign == '%' else '0.02'}"
            return f"; {value!r} is {what}; write {number} (0 either way: {example}), as the column means"
        return f"; {value!r} is {what}; write {number} or {share}, as the column means"
    elif after and any(c.isalpha() for c in sign) and all(c.isalpha() or c in "/.\u00b0\u00b2\u00b3" for c in sign):
        kind = "a unit"
    else:
        return ""
    return f"; {value!r} has {kind} {sign!r}; write the number alone ({number})"


def as_numbers(column: pd.Series, name: str) -> pd.Series:
    """``column`` (no numeric dtype) as float64 numbers, NaN where a value is none: numbers written as text as those
    numbers, said in a warning naming the column when every value read (a column with other text is refused by the
    caller, ``numbercolumns.numeric_column``); booleans (a Parquet bool, readr's TRUE/FALSE) as 1 and 0, read right,
    so an INFO note said once per call or command (decisions 2183, 2184)."""
    values = column.dropna()
    if len(values) and (pd.api.types.is_bool_dtype(column) or all(isinstance(v, (bool, np.bool_)) for v in values)):
        if noticed.first_in_call("booleans", name):  # INFO: -q stays silent (decisions 2183, 2184)
            log.info("column %r holds booleans (True, False), read as the numbers 1 and 0", name)
        return column.astype("float64")
    written, how = signs.signed(column)  # '−50.00', '(50.00)' and '50.00-' as -50.00
    converted = pd.to_numeric(written, errors="coerce")
    booleans = np.array([isinstance(v, (bool, np.bool_)) for v in column.to_numpy(dtype=object)], dtype=bool)
    converted = converted.mask(booleans) if booleans.any() else converted  # True among numbers: refused, not 1.0
    if converted.dtype.kind == "c":  # 1+2j among them: no real number, refused by the caller naming it (hint)
        given = column.to_numpy(dtype=object)  # read again without them: pandas' coerce beside complex numbers
        complex_ = np.array([is_complex(v) for v in given], dtype=bool)  # leaves garbage where text was no number
        return pd.to_numeric(pd.Series(np.where(complex_, None, given), index=column.index), errors="coerce")
    text = [v for v in values if isinstance(v, str)]
    if text and converted.notna().sum() == len(values):
        log.warning("column %r holds numbers written as text (%r), read as the numbers they write", name, text[0])
        for kind, first in signs.first_read(column, how, converted).items():
            log.warning("column %r writes negative numbers %s, read as negative numbers (%s)", name,
                        signs.WRITTEN[kind], first)
    return converted
