"""What fit says of the codes of ``missing_values`` (-999, 'ICE') that ``codedblanks.blank`` reads as blank: the cells
read so, counted by the table's own columns (``by_column``: a wide table's series by their columns, its covariates once
a row, never the inner 'y' its series are read into, decision 346 and decision 1793), and, where a code matched no
value of the columns the model reads, the unused column that holds it, with the pandas line that blanks the target on
those rows (``elsewhere``, decision 1797): rnncast has no option to blank a target by a flag column.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from rnncast.layouts import Rows
from rnncast.settingvalues import missing_numbers, missing_words
from rnncast.spelling import counted, named

log = logging.getLogger("rnncast.missingcodes")  # codedblanks' logger: said as the missing-value codes' reading
WORDED = "worded"  # codedblanks.WORDED: frame.attrs' (columns, {column: [rows] 1 + the text code each cell held})


def by_column(rows: Rows, hit: np.ndarray, wide: bool) -> list[tuple[str, int]]:
    """``[(column, cells)]`` of the cells ``hit`` [N, C] as the table holds them, each column with a cell: a wide
    table's target by the series' own columns (``rows.ids``), its covariates, which every series' rows repeat, counted
    once a row of the table; else ``rows.columns`` as they are."""
    if not wide:
        return [(str(c), int(n)) for c, n in zip(rows.columns, hit.sum(axis=0).tolist()) if n]
    own = np.bincount(rows.codes[hit[:, 0]], minlength=len(rows.ids))  # [S]
    shared = [len(np.unique(rows.positions[hit[:, j]])) for j in range(1, hit.shape[1])]
    return [(str(i), int(n)) for i, n in zip(rows.ids, own.tolist()) if n] + [
        (str(c), int(n)) for c, n in zip(rows.columns[1:], shared) if n]


def column_of(rows: Rows, k: int, j: int, wide: bool) -> str:
    """The table's column that cell (``k``, ``j``) of ``rows`` is: a wide table's series' own for its target."""
    return str(rows.ids[rows.codes[k]]) if wide and j == 0 else str(rows.columns[j])


def first(rows: Rows, hit: np.ndarray, wide: bool) -> tuple[int, int]:
    """The first cell (row, column) of ``hit`` [N, C]: a wide table's in the file's order (its series are read one
    after another: the first -999 of the file is not the first series' one), else in the rows' order."""
    k, j = np.nonzero(hit)
    i = int(np.argmin(rows.positions[k])) if wide else 0  # argmin: the first of equal rows, the first series
    return int(k[i]), int(j[i])


def said(rows: Rows, each: list, said_as: list, text: str, wide: bool) -> str | None:
    """Say at fit (INFO) which codes were read as missing in how many cells of which of the table's columns
    (``each``: [N, C] per code, ``said_as`` each code as written); where none matched, the line that says so is
    returned (``codedblanks.say`` warns it once the static covariates are read)."""
    hit = np.logical_or.reduce(each)
    where = by_column(rows, hit, wide)
    if not where:
        columns = rows.ids + rows.columns[1:] if wide else rows.columns
        return (f"{named('missing_values')} {text} matched no value of the target or covariate columns "
                f"({', '.join(map(repr, columns))}): nothing was read as missing")
    read = ", ".join(v for v, cells in zip(said_as, each) if cells.any())  # '-999, 9': the 9 said
    none = [v for v, cells in zip(said_as, each) if not cells.any()]
    log.info("%s read as missing: %s (%s)%s", read, counted(sum(n for _, n in where), "cell"),
             ", ".join(f"{n} in {c!r}" for c, n in where), f"; {', '.join(none)} matched no value" if none else "")
    return None


def elsewhere(frame: pd.DataFrame, text: str | None, unused: list, targets: list) -> str:
    """"; 'ICE' is in column 'qualifier' (38 rows), which is not used: to blank 'discharge' on those rows, e.g. with
    pandas: df.loc[df['qualifier'] == 'ICE', 'discharge'] = None": where the codes of ``missing_values`` (``text``:
    numbers, text codes) matched no value the model reads, the ``unused`` columns of ``frame`` (read by
    ``codedblanks.words``: its text codes kept in ``attrs``) that hold them, and how to blank the ``targets`` (the
    table's columns) on those rows first, where a text code flags them (a number is a value of its column: only
    named); "" where no unused column holds one."""
    held, codes, texts = frame.attrs.get(WORDED, (set(), {}))[1], missing_numbers(text), missing_words(text)
    found = []
    for c in unused:
        if c not in frame.columns:
            continue
        if c in held and (which := np.asarray(held[c])).any():
            values = [texts[v - 1] for v in np.unique(which[which > 0])]
            found.append((c, values, int((which > 0).sum())))
        elif codes and (hit := np.isin(pd.to_numeric(frame[c], errors="coerce").to_numpy(), codes)).any():
            found.append((c, sorted({float(v) for v in pd.to_numeric(frame[c], errors="coerce")[hit]}), int(hit.sum())))
    if not found:
        return ""
    c, values, n = found[0]
    more = f" (and in {', '.join(repr(f[0]) for f in found[1:])})" if len(found) > 1 else ""
    if not isinstance(values[0], str):  # a number in a column of numbers: a value of it, no flag of the target's rows
        return f"; {', '.join(f'{v:g}' for v in values)} is in column {c!r} ({counted(n, 'row')}){more}, which is not used"
    test = f"df[{c!r}] == {values[0]!r}" if len(values) == 1 else f"df[{c!r}].isin({values!r})"
    target = repr(targets[0]) if len(targets) == 1 else repr(list(targets))
    return (f"; {', '.join(map(repr, values))} {'is' if len(values) == 1 else 'are'} in column {c!r} "
            f"({counted(n, 'row')}){more}, which is not used: to blank {target} on those rows, e.g. with pandas: "
            f"df.loc[{test}, {target}] = None")
