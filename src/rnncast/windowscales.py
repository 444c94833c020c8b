"""What a backtest says of its windows' MASE scales, once over every window (decisions 2246, 2247).

Each window of a backtest divides by the scale of its series' rows before its own cutoff (decision 2173), refit or
not, so a series short of a season at the first cutoff has no scale there (its MASE left out of that window's pooled
MASE) and one in the later windows, which pool it, often on few pairs. The words were the first cutoff fit's: "its
MASE is undefined and left out of the pooled MASE", and the closing note "leaving out 1 series ('F')", though only
window 0 left it out; and the few-pairs warning (decision 2160) counted the first cutoff's pairs, so a series with none
there (no scale) and 7 at the next cutoff was never warned of without refit. The backtest now says it here, after
every window's scale is known (``observed.in_sample`` leaves a backtest's cutoff fits quiet of both):

* ``warn``: the series and targets without a scale in some window, by cause (``zeroscales.rows_why``), each with the
  windows that leave it out and those that pool it, and the few-pairs warning (``scalepairs.warn``) of each scale's
  fewest pairs above 0 over the windows, with the window that has them;
* ``left_out``: which windows leave each series of ``mase_excluded`` out (metrics.json's ``mase_excluded.windows``),
  which ``named`` says in the closing note (``runnotes.mase_note``).

Windows are numbered as the backtest's table and metrics.json's ``windows`` number them, from 0.
"""

from __future__ import annotations

import logging

import numpy as np

from rnncast import scalepairs, zeroscales
from rnncast.scalepairs import who
from rnncast.spelling import counted, some

log = logging.getLogger(__name__)


def listed(windows: list) -> str:
    """"window 0", "windows 0 and 2", "windows 0-3", "windows 0, 1 and 3": window numbers, runs of three or more
    joined by a dash."""
    runs: list = []
    for k in sorted(int(k) for k in windows):
        if runs and k == runs[-1][1] + 1:
            runs[-1][1] = k
        else:
            runs.append([k, k])
    parts = [p for a, b in runs for p in ([f"{a}-{b}"] if b > a + 1 else [str(a), str(b)] if b == a + 1 else [str(a)])]
    many = len(windows) > 1
    return f"window{'s' * many} " + (parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1])


def _unusable(each: np.ndarray, held: np.ndarray) -> np.ndarray:
    """[S, K] whether window k of series s holds a target with no finite positive scale (``each`` [S, K, T])."""
    return held & ~(np.isfinite(each) & (each > 0)).all(axis=2)


def left_out(excluded: dict, each: np.ndarray, held: np.ndarray) -> dict:
    """``excluded`` (``evaluation.mase_excluded`` of the windows' scales ``each`` [S, K, T], those of the windows
    ``held`` [S, K]) with ``windows``: of each series it lists, in its order, the windows that leave it out (a list
    of window numbers), ``windows_held`` (how many windows each has) and ``n_windows``."""
    bad = _unusable(each, held)
    out = [np.flatnonzero(row).tolist() for row in bad if row.any()][: len(excluded["series"])]
    return {**excluded, "windows": out, "n_windows": int(held.shape[1]), "windows_held": [
        int(held[s].sum()) for s in np.flatnonzero(bad.any(axis=1))][: len(excluded["series"])]}


def named(excluded: dict) -> tuple[str, str]:
    """The closing note's series left out, "'F' from window 0, of windows 0-2; pooled in the others", and "" or
    " there" (MASE is
    undefined for them "there": in those windows alone); the plain list where the record holds no windows (evaluate,
    or a result written before them) or every series is left out of every window of its own."""
    ids, windows = excluded["series"], excluded.get("windows")
    plain = some([repr(i) for i in ids], 5, total=excluded["count"])
    if not windows or all(len(w) == h for w, h in zip(windows, excluded.get("windows_held", []))):
        return plain, ""
    last = excluded["n_windows"] - 1
    of = f"of windows 0-{last}" if last else "of window 0"
    if ids == [None]:  # one series: no id to name
        return f"{listed(windows[0])} {of} (pooled in the others)", " there"
    each = [f"{i!r} from {listed(w)}" if len(w) < h else f"{i!r} from every window"
            for i, w, h in zip(ids, windows, excluded["windows_held"])]
    pooled = [len(w) < h for w, h in zip(windows, excluded["windows_held"])]
    said = ("pooled in the others" if len(ids) == 1 else "each pooled in its others" if all(pooled)
            else "the rest each pooled in its others")
    return f"{some(each, 5, total=excluded['count'])}, {of}; {said}", " there"


def warn(panel, each: np.ndarray, codes: np.ndarray, counts: np.ndarray, held: np.ndarray, first_rows: np.ndarray,
         season: int) -> None:
    """The backtest's one warning for each cause of a scale missing (NaN) in some window, naming each target of each
    series with the windows that lack it and, for too few rows, the rows before each such window's cutoff; and the
    few-pairs warning of each scale's fewest pairs above 0 over its windows (``counts`` [S, K, T]), with the window
    that has them (decision 2247). ``each``, ``codes`` (``zeroscales`` codes) [S, K, T] of the windows ``held`` [S, K];
    ``first_rows`` [S, K]: each window's first target, so its rows before the cutoff."""
    n_windows = held.shape[1]
    by_cause: dict = {}
    for s, t in zip(*np.nonzero((held[:, :, None] & np.isnan(each)).any(axis=1))):
        lacking = np.flatnonzero(held[s] & np.isnan(each[s, :, t]))
        pooled = np.flatnonzero(held[s] & np.isfinite(each[s, :, t]))
        code = int(codes[s, lacking[0], t])
        cause = zeroscales.NAMES[code] if code in (zeroscales.SHORT, zeroscales.APART) else zeroscales.UNOBSERVED
        rows = [int(first_rows[s, k]) for k in lacking]
        said = [f"{' and '.join(map(str, rows))} rows before {'its cutoff' if len(rows) == 1 else 'their cutoffs'}"
                ] if cause == "short" else []
        said += [f"pooled in {listed(pooled)}"] if len(pooled) else []
        where = "every window" if not len(pooled) and n_windows > 1 else listed(lacking)
        by_cause.setdefault(cause, []).append(f"{who(panel, s, t)} in {where}" + (f" ({'; '.join(said)})" if said else ""))
    for cause, items in by_cause.items():
        log.warning("MASE has no in-sample scale for %s, of the backtest's windows 0-%d: the rows before such a window's "
                    "cutoff %s; its MASE is undefined in such a window and left out of its pooled MASE alone (a "
                    "window named as pooling it counts it); every other score counts it",
                    some(items), n_windows - 1, zeroscales.rows_why(cause, season))
    few, named = [], set()
    for s, t in zip(*np.nonzero((held[:, :, None] & (counts > 0) & (counts < scalepairs.MIN_PAIRS)).any(axis=1))):
        usable = np.where(held[s] & (counts[s, :, t] > 0), counts[s, :, t], np.iinfo(np.int64).max)
        k = int(usable.argmin())  # the fewest above 0, in the first window that has them
        few.append(f"{who(panel, s, t)} ({counted(int(usable[k]), 'pair')} in window {k})")
        named.add(int(s))
    scalepairs.warn(few, season, "backtest", len(named) < int(held.any(axis=1).sum()))
