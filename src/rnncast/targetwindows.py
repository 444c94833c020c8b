"""Each target's windows where a model forecasts several: the windows forecast and those that keep a scored value of
that target (decision 2236). A series' ``windows_scored`` counts the windows that keep a scored value of any target
(decision 801), so a PM2.5 monitor down for 7 of 8 test days beside an NO2 monitor still reporting left its PM2.5 row
saying "169 windows" while 24 held a PM2.5 value; these counts go beside each target's scores instead."""

from __future__ import annotations

import numpy as np

from rnncast.scoretext import id_cell
from rnncast.windowforecasts import WindowForecasts, scored

SHOWN = 5  # the terminal names at most this many (series, target) pairs scored on fewer windows, then a count


def counts(wf: WindowForecasts) -> list[dict]:
    """[T] each target's ``{"windows": W, ["windows_scored": n]}`` over the windows of ``wf`` [W, H, T]:
    ``windows_scored`` (the windows with a scored value of that target: ``windowforecasts.scored``, so neither left
    out whole nor with every value of the target made by fill or without a row) where it is fewer than W."""
    total, keep = len(wf.y_true), scored(wf)
    kept = np.full(wf.y_true.shape[-1], total) if keep is None else keep.any(axis=1).sum(axis=0)  # [T]
    return [{"windows": total, **({"windows_scored": int(n)} if n < total else {})} for n in kept]


def windows(block: dict, fallback: dict | None = None) -> tuple[int, int]:
    """(windows forecast, windows scored) of one scores block (a target's with ``counts``' keys, else ``fallback``'s,
    its series': a block saved before decision 2236 has none), as the by-series CSV's row gives them."""
    own = block if "windows" in block or fallback is None else fallback
    return own["windows"], own.get("windows_scored", own["windows"])


def text(windows_scored: int | None, total: int) -> str:
    """"169", or "24 scored of 169" where fewer windows keep a scored value (``windows_scored``; None: all)."""
    return str(total) if windows_scored is None or windows_scored == total else f"{windows_scored} scored of {total}"


def series_note(series: dict, keys: list) -> str | None:
    """The terminal's line under the by-series table naming each (series, target) whose target keeps a scored value in
    fewer windows than its series does (``series`` evaluate's ``result["series"]``, ``keys`` in the table's order): its
    row is the targets' mean, and the target's scores rest on those windows alone; None where no target does."""
    fewer = [(key, target, block) for key in keys for target, block in (series[key].get("by_target") or {}).items()
             if "windows" in block and windows(block)[1] < windows(series[key])[1]]
    if not fewer:
        return None
    named = [f"{id_cell(key)} {target!r} {text(block.get('windows_scored'), block['windows'])}"
             for key, target, block in fewer[:SHOWN]]
    more = f" and {len(fewer) - SHOWN} more" if len(fewer) > SHOWN else ""
    return ("a target scored on fewer windows than its series (its scores rest on those alone, and the series' row "
            f"above averages them in; a row each in --by-series-csv, by_target in --json): {'; '.join(named)}{more}")
