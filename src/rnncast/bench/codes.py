"""Missing-value codes in a benchmark table: the codes ``--set missing_values`` names (numbers, and text codes such as
NOAA's 'M', read as fit reads them) read as missing where the table is read (then refused as a blank cell is, or, in
S mode, a column other than the target left out), and values written the way files write a missing value (-999,
9999) far from the rest of their column warned of, as ``rnncast fit`` warns (:mod:`rnncast.missingcodes`' rule, on
the protocol's training rows).

A tester put three -999 among a weekly sales column near 500: bench trained on them and scored against them (Repeat's
MSE 4.1066 against 1.9483 on the file without them), unsaid, and ``--set missing_values=-999`` was taken, recorded in
results.csv and changed nothing (the models saw the z-scored values, where no -999 is left).
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from rnncast import codedblanks, data, missingcodes
from rnncast.settingvalues import missing_numbers, missing_words
from rnncast.spelling import counted, shell_word

log = logging.getLogger(__name__)


def blank(frame: pd.DataFrame, text: str | None) -> tuple[pd.DataFrame, str]:
    """``frame`` with the codes of ``text`` (``missing_values`` as ``settingvalues.missing_text`` writes it: '-999',
    '-999,9999' or '-9999,M') read as missing: its numbers in the numeric columns, its text codes ('M', the whole
    cell, stripped, case as given) in any column as fit reads them (``codedblanks.words``; decision 1686), a file's
    column of numbers but for them read as its numbers; and the line saying how many cells of which columns (or that
    none held them); ``(frame, "")`` when ``text`` is None. Other text is left to the reader to refuse."""
    numbers, texts = missing_numbers(text), missing_words(text)
    if not numbers and not texts:
        return frame, ""
    frame = codedblanks.words(frame, text)  # 'M' blank, where each was kept in its attrs
    held = frame.attrs.get(codedblanks.WORDED, (set(), {}))[1]
    hits = {str(c): frame[c].isin(numbers).to_numpy() | (held[c] > 0 if c in held else False)
            for c in frame.columns if c in held or pd.api.types.is_numeric_dtype(frame[c])}
    where = [f"{int(hit.sum())} in {name!r}" for name, hit in hits.items() if hit.any()]
    if not where:
        return frame, (f"--set missing_values={text} matched no value of the value columns "
                       f"({', '.join(map(repr, hits))}): nothing was read as missing")
    total = sum(int(hit.sum()) for hit in hits.values())
    seen = {float(v) for name, hit in hits.items() for v in frame[name][hit].dropna().unique()}  # the codes found
    worded = {texts[k - 1] for cells in held.values() for k in np.unique(cells) if k}
    none = [f"{v:g}" for v in numbers if v not in seen] + [w for w in texts if w not in worded]  # as fit says them
    frame = frame.assign(**{name: frame[name].mask(hit) for name, hit in hits.items() if hit.any()})
    return frame, (f"--set missing_values={text} read {counted(total, 'cell')} as missing ({', '.join(where)})"
                   f"{'; ' + ', '.join(none) + ' matched no value' if none else ''}")


def warn(table, mode: str, split, given: str | None = None) -> None:
    """Warn, in one line, of the first column ``mode`` reads (the target alone in S) of ``table`` (a
    :class:`rnncast.bench.tablefile.Table`) that holds code-like values far from its other training values (``split``'s
    first rows: :func:`rnncast.missingcodes.far_codes`), the others counted, with the ``--set missing_values`` that
    reads them as missing, the codes already ``given`` (its text, '-999') among them (``missingcodes.proposed``)."""
    read = [table.target] if mode == "S" else list(table.columns)
    values = table.values[:, [table.columns.index(c) for c in read]]
    found = [(c, far) for c, column in zip(read, values.T) if (far := missingcodes.far_codes(column, split.train_end))]
    if not found:
        return
    (name, (rows, near, sds)), column = found[0], values[:, read.index(found[0][0])]
    codes = sorted({float(v) for v in column[rows]})
    every = sorted({float(v) for c, (r, _, _) in found for v in values[r, read.index(c)]})
    at = data.place(int(rows[0]), table.placed)  # 'line 103 of a.csv', as the missing-value refusal names it
    first = f"{table.written[rows[0]]!r} ({at})" if table.written else at
    tested = int((rows >= split.val_end).sum()) if mode == "M" or name == table.target else 0  # the scored columns'
    log.warning("column %r holds %s in %s (first at %s), the way files write a missing value, %.0f standard deviations "
                "from its other values (those around it near %.6g): bench reads it as a measurement, trains on it%s%s; "
                "if it means missing, --set %s reads those cells as missing (the protocol then refuses "
                "them, as it refuses blank cells); if it is a real value, ignore this", name,
                ", ".join(f"{v:g}" for v in codes), counted(len(rows), "row"), first, sds, near,
                f" and scores {counted(tested, 'test row')} against it" if tested else "",
                f"; so do {counted(len(found) - 1, 'other column')}" if len(found) > 1 else "",
                shell_word(f"missing_values={missingcodes.proposed(every, given)}"))  # '-999, 9999' quoted
