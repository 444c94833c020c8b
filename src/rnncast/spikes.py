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


def runs(column: np.ndarray, big: np.ndarray, after: float | None = None) -> list[tuple[int, int]]:
    """The outlying runs of ``column`` [T]: ``(p, q)``, steps ``p`` (row p to p + 1) and ``q`` both among the
    ``big`` [T - 1] (bool) steps, ``q - p`` at most ``SHORT``, the rows ``p + 1`` to ``q`` all further than ``BACK``
    of step ``p``'s size from row ``p``'s value, on its side, and row ``q + 1`` back within it; in time order, none
    overlapping. A split reversed months later, or a level that decays back over many rows, is no run. At an end of
    the rows a run has one step (decision 2008): ``(-1, q)``, rows 0 to ``q`` (at most ``SHORT``) far on one side of
    row ``q + 1``, and ``(p, T - 1)``, the last rows far from row ``p``, each beside ``SHORT`` rows with no large
    step; the last rows are none where ``after`` (the value after ``column``: the first row after the cutoff,
    read for this alone: decision 2219) stays out with them (a split at the end of the rows before the cutoff)."""
    found, taken = ([lead], lead[1]) if (lead := _leading(column, big)) else ([], -1)
    for p in np.flatnonzero(big):
        if p <= taken:
            continue
        up = column[p + 1] - column[p]
        out = lambda r: (column[r] - column[p]) * np.sign(up) > BACK * abs(up)  # noqa: E731
        for q in range(p + 1, min(p + SHORT, len(column) - 2) + 1):
            if not out(q):
                break  # row q is not out on the step's side
            if abs(column[q + 1] - column[p]) <= BACK * abs(up):
                if big[q]:
                    found.append((int(p), q))
                    taken = q
                break
        else:
            last = len(column) - 1
            stays = after is not None and np.isfinite(after) and abs(after - column[p]) > BACK * abs(up)
            if last - p <= SHORT and all(out(r) for r in range(p + 1, last + 1)) and not stays \
                    and not big[max(p - SHORT, 0):p].any():
                found.append((int(p), last))
    return found


def _leading(column: np.ndarray, big: np.ndarray) -> tuple[int, int] | None:
    """``(-1, q)`` where the first rows, up to row ``q`` (at most ``SHORT``), are far on one side of row ``q + 1``
    (step ``q`` large, beyond ``BACK`` of it), with no large step in the ``SHORT`` after it; else None."""
    for q in np.flatnonzero(big[:SHORT]):
        down = column[q + 1] - column[q]
        far = (column[: q + 1] - column[q + 1]) * -np.sign(down) > BACK * abs(down)
        return (-1, int(q)) if far.all() and not big[q + 1:q + 1 + SHORT].any() else None
    return None


def steps_of(run: tuple[int, int], n: int) -> list[int]:
    """The steps (of ``n``) a run of ``runs`` takes in, its first the one it is weighed by: into, within and out of
    it, none before the data's first row nor after its last."""
    p, q = run
    return list(range(max(p, 0), min(q, n - 1) + 1))


def edge_steps(run: tuple[int, int], n: int) -> list[int]:
    """The large steps of a run: into it and back out, one at an end of the rows."""
    p, q = run
    return [k for k in (p, q) if 0 <= k < n]


def entry(when, column: np.ndarray, run: tuple[int, int], median: float, after: float | None = None) -> dict:
    """One run as ``jumps.find`` keeps it: ``{"time", "end"`` (its first and last row's times, as ``when(row)``
    writes them), ``"row", "rows"`` (its first row, its length), ``"before", "values", "after"`` (the values before,
    in and after it: None at the data's start, ``after``, the first row's after the cutoff or None, at the end of
    the rows before the cutoff: decision 2219), ``"edge"`` ("first", "last" or None), ``"times"`` (its farthest value's distance from the one before,
    the one after at the start, in median absolute steps)}."""
    p, q = run
    values = column[p + 1:q + 1]
    last = q + 1 >= len(column)
    after = (None if after is None or not np.isfinite(after) else float(after)) if last else float(column[q + 1])
    beside = column[p] if p >= 0 else column[q + 1]
    return {"time": when(p + 1), "end": when(q), "row": p + 1, "rows": q - p,
            "before": float(column[p]) if p >= 0 else None, "values": [float(v) for v in values], "after": after,
            "edge": "first" if p < 0 else "last" if last else None,
            "times": float(np.max(np.abs(values - beside)) / median)}


def raises(fraction: float, many: bool = False) -> str:
    """"raises" or "lowers" (``many``: "raise", "lower"): the verb for a raise of MASE's scale of ``fraction``, a
    negative one a fall (a tester read "raises ... by -41%": decision 2009); ``by`` gives its size."""
    return ("raise" if fraction >= 0 else "lower") + ("" if many else "s")


def by(fraction: float) -> str:
    """"41%": the size of a raise or fall of MASE's scale."""
    return f"{abs(100 * fraction):.0f}%"


def said(f: dict, coded: set, scale: str | None, more: str) -> str:
    """The line for the outlying runs ``f["spikes"]`` of ``jumps.find``'s entry ``f`` (``f["spike_raise"]``: how much
    they raise MASE's ``scale``; None: a fit that scores nothing, ``finalfit.unscored``, whose line says nothing of
    MASE or the scores, decision 2159): one value in the words of decision 1502; several, the first ``FIRST`` each by
    its value, date, neighbours and size, the rest counted; a value the line on missing-value codes named (``coded``,
    decision 1607) points to it, and where all are such, no guess and no advice; ``more`` ends it."""
    raised = lambda many: f", and {'they' if many else 'it'} {raises(f['spike_raise'], many)} MASE's scale ({scale}) " \
        f"by {by(f['spike_raise'])}" if scale else ""  # noqa: E731
    spikes, whose = f["spikes"], f" of {f['series']}" if f["series"] else ""
    marks = [ABOVE if all((f["series"], f["column"], v) in coded for v in s["values"]) else "" for s in spikes]
    if len(spikes) == 1 and spikes[0]["rows"] == 1:
        s, above = spikes[0], bool(marks[0])
        guess = "." if above else ": one outlying value (a typo, a sensor glitch)?"
        advice = "" if above else f"; if it is no measurement, correct it or leave the cell blank ({spelled('fill')})"
        return (f"column {f['column']!r}{whose} holds {s['values'][0]:.6g} at {s['time']}{marks[0]}, "
                f"{where(s)}, {s['times']:.0f} times its median step before the cutoff away){guess} The network learns "
                f"from it as from any other{raised(False)}{advice}{more}")
    longest = max(s["rows"] for s in spikes)
    back = "the next row" if longest == 1 else f"within {counted(longest, 'row')}"
    ends = " (or at an end of the rows before the cutoff)" if any(s.get("edge") for s in spikes) else ""
    what = (counted(len(spikes), "value") if longest == 1 else
            f"{len(spikes)} {'stretch' if len(spikes) == 1 else 'stretches'} of values")
    items = [_one(s) + mark for s, mark in zip(spikes, marks)]
    items[0] = items[0].replace(" times)", " times its median step before the cutoff away)", 1)
    guess = ("." if all(marks) else ": outlying values (typos, glitches, bot traffic), not splits?"
             + (" The scores are left as they are." if scale else ""))
    return (f"column {f['column']!r}{whose} holds {what} far from those on either side, each back near the value "
            f"before it {back}{ends}: {some(items, FIRST, '; ')}{guess} The network learns from them as from any "
            f"others{raised(True)}"
            + ("" if all(marks) else f"; if they are no measurements, correct them or leave the cells blank "
               f"({spelled('fill')})") + more)


def where(s: dict) -> str:
    """Where a run of ``entry`` stands, up to its size: "one row far from those on either side (1369 before it, 1482
    after"; at the data's start "its first row, far from the one after it (973.267 after"; at the end of the rows
    before the cutoff "its last row before the cutoff, far from the one before it (992.332 before, back to 1003 the
    next row, the first after the cutoff" (decisions 2008, 2219). A run of several rows says "2 rows" for "one row"."""
    rows = "one row" if s["rows"] == 1 else counted(s["rows"], "row")
    if s.get("edge") == "first":
        first = "its first row" if s["rows"] == 1 else f"its first {rows}"
        return f"{first}, far from the one after {'it' if s['rows'] == 1 else 'them'} ({s['after']:.6g} after"
    if s.get("edge") == "last":
        back = f", back to {s['after']:.6g} the next row, the first after the cutoff" if s["after"] is not None else ""
        last = "its last row before the cutoff" if s["rows"] == 1 else f"its last {rows} before the cutoff"
        return f"{last}, far from the one before {'it' if s['rows'] == 1 else 'them'} ({s['before']:.6g} before{back}"
    return f"{rows} far from those on either side ({s['before']:.6g} before it, {s['after']:.6g} after"


def _one(s: dict) -> str:
    """"34823 at 2024-05-08 (1801 before, 1722 after, 403 times)"; a run "26377 to 25100 at 2023-05-16 to
    2023-05-18 (3 rows; ...)"; at an end "(the first row; 973.267 after, 879 times)" (decision 2008)."""
    edge = {"first": "the first row; ", "last": "the last row before the cutoff; "}.get(s.get("edge"), "")
    sides = ", ".join([f"{s[k]:.6g} {k}" for k in ("before", "after") if s[k] is not None])
    if s["rows"] == 1:
        return f"{s['values'][0]:.6g} at {s['time']} ({edge}{sides}, {s['times']:.0f} times)"
    return (f"{s['values'][0]:.6g} to {s['values'][-1]:.6g} at {s['time']} to {s['end']} ({s['rows']} rows; "
            f"{edge}{sides}, {s['times']:.0f} times)")
