"""Values of a target far off and back (an outlier: a typo, a sensor glitch, a day of bot traffic), told apart from
splits among the large steps ``jumps.find`` weighs, and said as outlying values, whatever their number.

A day of page views 20 times the rest, then back, is two steps far beyond the others, one up and one down; two such
days were four "single steps ... splits, unit changes or data errors?", with advice (put the values before each in
the later units) that would corrupt the data, and three were six steps, more than ``jumps.MOST``, so "a volatile
stretch" and nothing was said (decision 1962). ``runs`` pairs each large step with the large step that brings the
column back to about where it left within ``SHORT`` rows: one outlying value, or a short run of them. ``jumps`` weighs
each such run as one step and names any number of them; ``said`` words them.
"""

from __future__ import annotations

import numpy as np

from rnncast.codedblanks import ABOVE
from rnncast.spelling import counted, some, spelled

SHORT = 3  # a run of at most this many rows, back after it, is outlying values (a longer one: two steps)
BACK = 0.25  # back to within this share of the step up of where it left: about the old level
FIRST = 3  # outlying runs named with their values and dates in one line; the rest counted


def runs(column: np.ndarray, big: np.ndarray) -> list[tuple[int, int]]:
    """The outlying runs of ``column`` [T]: ``(p, q)``, steps ``p`` (row p to p + 1) and ``q`` both among the
    ``big`` [T - 1] (bool) steps, ``q - p`` at most ``SHORT``, the rows ``p + 1`` to ``q`` all further than ``BACK``
    of step ``p``'s size from row ``p``'s value, on its side, and row ``q + 1`` back within it; in time order, none
    overlapping. A split reversed months later, or a level that decays back over many rows, is no run."""
    found, taken = [], -1
    for p in np.flatnonzero(big):
        if p <= taken:
            continue
        up = column[p + 1] - column[p]
        for q in range(p + 1, min(p + SHORT, len(column) - 2) + 1):
            if (column[q] - column[p]) * np.sign(up) <= BACK * abs(up):
                break  # row q is not out on the step's side
            if abs(column[q + 1] - column[p]) <= BACK * abs(up):
                if big[q]:
                    found.append((int(p), q))
                    taken = q
                break
    return found


def entry(when, column: np.ndarray, run: tuple[int, int], median: float) -> dict:
    """One run as ``jumps.find`` keeps it: ``{"time", "end"`` (its first and last row's times, as ``when(row)``
    writes them), ``"row", "rows"`` (its first row, its length), ``"before", "values", "after"`` (the values before,
    in and after it), ``"times"`` (its farthest value's distance from the one before, in median absolute steps)}."""
    p, q = run
    values = [float(v) for v in column[p + 1:q + 1]]
    return {"time": when(p + 1), "end": when(q), "row": p + 1, "rows": q - p, "before": float(column[p]),
            "values": values, "after": float(column[q + 1]),
            "times": float(np.max(np.abs(column[p + 1:q + 1] - column[p])) / median)}


def said(f: dict, coded: set, scale: str, more: str) -> str:
    """The line for the outlying runs ``f["spikes"]`` of ``jumps.find``'s entry ``f`` (``f["spike_raise"]``: how much
    they raise MASE's ``scale``): one value in the words of decision 1502; several, the first ``FIRST`` each by its
    value, date, neighbours and size, the rest counted; a value the line on missing-value codes named (``coded``,
    decision 1607) points to it, and where all are such, no guess and no advice; ``more`` ends it."""
    spikes, whose = f["spikes"], f" of {f['series']}" if f["series"] else ""
    pct = 100 * f["spike_raise"]
    marks = [ABOVE if all((f["series"], f["column"], v) in coded for v in s["values"]) else "" for s in spikes]
    if len(spikes) == 1 and spikes[0]["rows"] == 1:
        s, above = spikes[0], bool(marks[0])
        guess = "." if above else ": one outlying value (a typo, a sensor glitch)?"
        advice = "" if above else f"; if it is no measurement, correct it or leave the cell blank ({spelled('fill')})"
        return (f"column {f['column']!r}{whose} holds {s['values'][0]:.6g} at {s['time']}{marks[0]}, one row far "
                f"from those on either side ({s['before']:.6g} before it, {s['after']:.6g} after, {s['times']:.0f} "
                f"times its training steps' median step away){guess} The network learns from it as from any other, "
                f"and it raises MASE's scale ({scale}) by {pct:.0f}%{advice}{more}")
    longest = max(s["rows"] for s in spikes)
    back = "the next row" if longest == 1 else f"within {counted(longest, 'row')}"
    what = (counted(len(spikes), "value") if longest == 1 else
            f"{len(spikes)} {'stretch' if len(spikes) == 1 else 'stretches'} of values")
    items = [_one(s) + mark for s, mark in zip(spikes, marks)]
    items[0] = items[0].replace(" times)", " times its training steps' median step away)", 1)
    guess = ("." if all(marks) else ": outlying values (typos, glitches, bot traffic), not splits? The scores are "
             "left as they are.")
    return (f"column {f['column']!r}{whose} holds {what} far from those on either side, each back near the value "
            f"before it {back}: {some(items, FIRST, '; ')}{guess} "
            f"The network learns from them as from any others, and they raise MASE's scale ({scale}) by {pct:.0f}%"
            + ("" if all(marks) else f"; if they are no measurements, correct them or leave the cells blank "
               f"({spelled('fill')})") + more)


def _one(s: dict) -> str:
    """"34823 at 2024-05-08 (1801 before, 1722 after, 403 times)"; a run "26377 to 25100 at 2023-05-16 to
    2023-05-18 (3 rows; ...)"."""
    if s["rows"] == 1:
        return (f"{s['values'][0]:.6g} at {s['time']} ({s['before']:.6g} before, {s['after']:.6g} after, "
                f"{s['times']:.0f} times)")
    return (f"{s['values'][0]:.6g} to {s['values'][-1]:.6g} at {s['time']} to {s['end']} ({s['rows']} rows; "
            f"{s['before']:.6g} before, {s['after']:.6g} after, {s['times']:.0f} times)")
