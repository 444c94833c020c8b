"""The decimals a CSV file writes every number of a column with (``986,00``, ``1083,80``; an integer column's none),
recorded in ``frame.attrs[DECIMALS]`` when read (``fixed_decimals``, from the text of the first ``CHECKED_ROWS`` rows
where pandas writes the numbers shorter: ``fixed_text``); ``as_written`` writes the columns of a forecast frame that
copy data values (a backtest's actual values and repeat and seasonal baselines, ``frame.attrs[COPIES]``) so, not as
pandas' shortest text (``986,0``). ``csvmarks.read`` finds them beside the file's thousands separators.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import signs
from rnncast.sheetcsv import Written

COPIES = "data_copies"  # a forecast frame's attrs: {column: the data's column whose values it copies} (actuals, repeat)
DECIMALS = "decimals"  # a frame's attrs: {column: the decimals its file writes every number with (986,00: 2)}
CHECKED_ROWS = 1000  # rows whose text says a column's fixed decimals, where its numbers fit them all


def as_written(frame: pd.DataFrame, fixed: dict, decimal: str) -> pd.DataFrame:
    """``frame`` with each column that copies data values (``frame.attrs[COPIES]``: {column: the data's column})
    as text with the ``fixed`` decimals ({the data's column: k}) its file writes every number with and its
    ``decimal`` mark (986,00, not pandas' 986,0); the frame itself where it has none."""
    copies = {c: fixed[d] for c, d in frame.attrs.get(COPIES, {}).items() if c in frame.columns and d in fixed}
    if not copies:
        return frame
    text = frame.copy()
    for c, k in copies.items():
        codes, uniques = pd.factorize(frame[c])  # each value written once (an actual repeats in each window); -1: blank
        text[c] = np.array([f"{v:.{k}f}".replace(".", decimal) for v in uniques] + [None], dtype=object)[codes]
    return text


def fixed_decimals(frame: pd.DataFrame, name: str, text: pd.Series) -> None:
    """Record in ``frame.attrs[DECIMALS]`` that column ``name`` is written with a fixed number of decimals, where
    every value of ``text`` (its file's text, thousands separators removed) has that many after its mark."""
    written = text.dropna().str.strip()
    if len(written) and not written.str.fullmatch(r"[+-]?\d+(?:[.,]\d+)?").all():
        return
    mark = np.maximum(written.str.rfind(".").to_numpy(dtype=np.int64), written.str.rfind(",").to_numpy(dtype=np.int64))
    lengths = set(np.unique(np.where(mark >= 0, written.str.len().to_numpy(dtype=np.int64) - mark - 1, 0)).tolist())
    values = frame[name].to_numpy(dtype=np.float64, na_value=np.nan)
    if len(lengths) == 1 and _fit(values[np.isfinite(values)], k := lengths.pop()).all():  # rows past those read too
        frame.attrs.setdefault(DECIMALS, {})[name] = k


def _fit(values: np.ndarray, k: int) -> np.ndarray:
    """Whether each of ``values`` is written exactly with ``k`` decimals (to float64's precision)."""
    return np.abs(np.round(values, k) - values) <= 1e-9 * np.maximum(1, np.abs(values))


def fixed_text(frame: pd.DataFrame, written: Written, skip) -> dict[str, pd.Series]:
    """The text of the first ``CHECKED_ROWS`` rows of the float columns whose numbers pandas writes shorter
    than the file may have (``986.00`` as ``986.0`` beside ``1083.85``: every number fits K decimals and some
    fewer), as text, for ``fixed_decimals``; a column already recorded is not read again."""
    def shorter(values: np.ndarray) -> bool:
        values = values[np.isfinite(values)]
        k = next((k for k in range(7) if len(values) and _fit(values, k).all()), None)
        return k is not None and (k == 0 or bool(_fit(values, k - 1).any()))

    done = frame.attrs.get(DECIMALS, {})
    floats = [c for c in frame.columns if c not in skip and c not in done and pd.api.types.is_float_dtype(frame[c])
              and shorter(frame[c].to_numpy(dtype=np.float64, na_value=np.nan))]
    if not floats:
        return {}
    return signs.plain_columns(written.columns(floats, min(CHECKED_ROWS, len(frame))))
