"""Columns no role can train on as they are, told apart in the "not used" warning and the "not numeric" refusal:
text (how to encode it as numbers; in a long table, where fixed in each series, how to give it as a static
covariate) and columns of one value (nothing to learn), which no role is offered for."""

from __future__ import annotations

import re

import pandas as pd

from rnncast import indexcolumns, numbertext, signs
from rnncast.settingvalues import NUMBER, case_note, packed
from rnncast.staticvalues import is_text

DETECTION = re.compile(r"(?i)[<≤]\s*(?:LOD|LOQ|MDL|DL)|BDL")  # a below-detection code without its limit (decision 2239)

ONE_VALUE = "one value in every row (nothing to learn)"  # what a column of one value holds, as the warnings say it


def encode_hint(name, fixed: bool = False, index: bool = False) -> str:
    """How to train on the text column ``name`` (or the list of several): as numbers (one indicator column per value),
    or, ``fixed`` in each series of a long table, as a static covariate (read as categories); ``index``: it is a
    Parquet file's index, which ``pd.read_parquet`` gives back as the index, so the line resets it first (decision
    1642)."""
    static = (", or, as it is fixed in each series, name it with static_covariates= (--static-covariates)"
              if fixed else "")
    many = isinstance(name, list) and len(name) > 1
    columns = [str(n) for n in name] if isinstance(name, list) else [str(name)]
    return (f"to use {'them as covariates' if many else 'it as a covariate'}, encode {'them' if many else 'it'} as "
            f"numbers, e.g. pd.get_dummies(df{'.reset_index()' if index else ''}, columns={columns}){static}")


def listed(name, attrs: dict) -> str:
    """How the "not used" list names column ``name`` of a table with ``attrs``: by its name, or as the file's index
    where it is a Parquet file's (``indexcolumns.shown``, decision 1642)."""
    return indexcolumns.shown(name, attrs) if indexcolumns.of_file(name, attrs) else str(name)


def text_clause(column: pd.Series, name, bad, attrs: dict | None = None) -> str:
    """The clause after a refusal of ``column`` (named ``name``) as not numeric, its cells ``bad`` [rows] no number:
    how to encode it where it ``holds_text``; where its text cells are a few words among numbers (NOAA's 'T' for a
    trace, 'M' for missing), that they can be read as missing with missing_values= (beside the codes given: its text in
    the table's ``attrs``, '-9999,M') or replaced by the number they stand for (decision 1646); a word that is a code
    given in another case ('m' where 'M' was given) is told so: a code matches a cell in its case (decision 1687),
    and in predict's future table (``attrs``' ``numbertext.FUTURE``) to give the value at that step, as a code there is
    refused too (decision 1757); "" otherwise. A Parquet file's index (``attrs``) is reset in the lines given, as
    pandas reads it back (decision 1689)."""
    given, index = (attrs or {}).get(numbertext.MISSING), indexcolumns.of_file(name, attrs or {})
    if holds_text(column):
        return "; " + encode_hint(name, index=index)
    cells = column[bad].astype(str).str.strip()
    words = list(dict.fromkeys(cells[~cells.str.contains(r"\d") & (cells != "")]))
    if not words or len(words) > 3 or len(words) < cells.nunique():
        return ""
    shown, first = ", ".join(map(repr, words)), words[0]
    every = ",".join([t.strip() for t in given.split(",")] + words) if given else ",".join(words)  # -9999,M,T
    every = every.replace(",", ", ") if packed(every) else every  # -999,9999,T: -999,9 in a decimal-comma file
    code = every if all(w.isalnum() or NUMBER.fullmatch(w) for w in every.split(",")) else repr(every)
    if (note := case_note(words, given)):  # 'm' given 'M'
        note = f"; {note}; "
        if (attrs or {}).get(numbertext.FUTURE):  # predict's future: a missing value is refused too (decision 1757)
            return (note + "predict needs a value of every future covariate at every forecast step: give the value "
                    f"of {str(name)!r} at {'that step' if len(cells) == 1 else 'those steps'}")
        return (note + f"if {shown} {'marks' if len(words) == 1 else 'mark'}"
                f" a missing value too, name {'it' if len(words) == 1 else 'them'} there (--missing-values {code})")
    beside = "" if given else ", beside any number codes such as -9999"
    lod = all(DETECTION.fullmatch(w) for w in words)  # '<LOD': a value below the detection limit (decision 2239)
    return (f"; if {shown} {'marks' if len(words) == 1 else 'mark'} a missing value, name "
            f"{'it' if len(words) == 1 else 'them'} in missing_values= (--missing-values {code}{beside}) to read those "
            "cells as missing" + (" (then --fill interpolate fills a below-detection value from its neighbours, above "
                                  "the limit, so biased high, and the network trains on it)" if lod else "")
            + ("; as a value below the detection limit, write in its place the field's usual substitution, half the "
               "limit," if lod else "; if it stands for a value (a trace of rain), replace it with that number first,")
            + f" e.g. {'df = df.reset_index(); ' if index else ''}df[{str(name)!r}] = "
            f"df[{str(name)!r}].replace({first!r}, {'LOD / 2' if lod else 0})" + (", LOD your method's limit" if lod else ""))


def holds_text(column: pd.Series) -> bool:
    """Whether ``column`` holds words: in every cell no digit ('north', 'drizzle') or a word before any (labels that
    number things: 'Station 1', 'Store 12', 'S1'). A column of numbers but for some cells, of numbers written otherwise
    ('1,5', '1 234', '$12', '12 kg', 'USD 12.50'), or of codes written with digits first ('001') is not (its refusal names the cell
    and the reading)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return True
    if not is_text(column):
        return False
    cells = column[column.notna()].astype(str).str.strip()
    cells = cells[cells != ""]
    labels = cells.str.match(r"[^\W\d_]") & ~cells.str.contains(r"\d[.,]\d")  # 'Store 12'; not 'USD 12.50'
    return len(cells) > 0 and bool((~cells.str.contains(r"\d") | labels).all())


def written_hint(column: pd.Series, sep: str | None = None) -> str:
    """The advice naming ``column`` as a covariate is refused with (``numbercolumns.numeric_column``'s ``numbertext.hint``:
    numbers written with a unit or a currency, '24 kg', 'USD 22': write the number alone), as a clause; "" where
    naming it reads it as numbers, some of its cells are numbers, or it gives no such advice. ``sep``: the file's separator, if read from one."""
    if not is_text(column):
        return ""
    written, _ = signs.signed(column)  # as numbertext.as_numbers reads a column named
    bad = (pd.to_numeric(written, errors="coerce").isna() & column.notna()).to_numpy()
    if not bad.any() or (bad != column.notna().to_numpy()).any():  # numbers but a stray cell: a role still offered
        return ""
    return numbertext.hint(column.iloc[numbertext.named(column, bad)], sep, column)


def written_clauses(frame: pd.DataFrame, columns: list) -> list[str]:
    """For each of ``columns`` of ``frame`` that ``written_hint`` gives advice for, the clause saying it."""
    sep = frame.attrs.get("separator")
    return [f"{c!r} is not numeric as written ({hint[2:]}; then name it as a covariate)" for c in columns
            if (hint := written_hint(frame[c], sep))]


def sort_out(frame: pd.DataFrame, unused: list, keep=()) -> tuple[list, list, list]:
    """``unused`` (columns of ``frame``) as (those a role can take, columns no role takes as written: text, or
    numbers written with a unit or currency (``written_hint``), columns of one value); ``keep`` (text that looks like
    dates, said so elsewhere) stays with the first."""
    sep = frame.attrs.get("separator")
    text = [c for c in unused if c not in keep and (holds_text(frame[c]) or elapsed(frame[c])
                                                    or written_hint(frame[c], sep))]
    flat = one_value(frame, [c for c in unused if c not in text and c not in keep])
    return [c for c in unused if c not in text and c not in flat], text, flat


def elapsed(column: pd.Series) -> bool:
    """Whether ``column`` holds elapsed times (a timedelta dtype): not text, and no role takes them (decision 1865)."""
    return pd.api.types.is_timedelta64_dtype(column.dtype)


ELAPSED = ("holds elapsed times (timedeltas), which no role takes nor the time axis reads: to forecast along them, "
           "make them timestamps (data[column] += pd.Timestamp('2024-01-01'))")


def one_value(frame: pd.DataFrame, columns) -> list:
    """Those of ``columns`` of ``frame`` that hold one value in every row, missing cells aside: nothing to learn."""
    return [c for c in columns if frame[c].nunique(dropna=True) == 1]


def one_value_clause(flat: list) -> str:
    """What the columns ``flat`` (of one value: :func:`one_value`) hold, as a clause ("" for none)."""
    return f"{', '.join(map(repr, flat))} {'holds' if len(flat) == 1 else 'hold'} {ONE_VALUE}" if flat else ""


def clauses(frame: pd.DataFrame, text: list, flat: list, id_col=None) -> str:
    """What the text columns and those of one value hold, and how a text column would be used: encoded, or, numbers
    written with a unit or currency, written alone, as naming it says (``written_hint``) ("" for none)."""
    said = []
    for name in text:
        if elapsed(frame[name]):  # no role takes them; the time axis neither (decision 1865)
            said.append(f"{indexcolumns.shown(name, frame.attrs)} {ELAPSED}")
            continue
        if written := written_clauses(frame, [name]):
            said += written
            continue
        fixed = id_col is not None and id_col in frame.columns and bool(
            (frame.groupby(frame[id_col], sort=False)[name].nunique(dropna=False) <= 1).all())
        index = indexcolumns.of_file(name, frame.attrs)  # decisions 1596, 1642
        said.append(f"{indexcolumns.shown(name, frame.attrs)} holds text ({encode_hint(name, fixed, index)})")
    return "; ".join(said + ([one_value_clause(flat)] if flat else []))


def joined(line: str, held: str) -> str:
    """The "not used" line (``layouts.not_used_note``) with ``held`` (``clauses``) after it, or alone where the line
    is empty."""
    return (f"{line}; {held}" if line else f"not used: {held}") if held else line
