"""Series whose rows predict reads are all 0 but whose forecast is above 0, said at predict (decision 1486).

A network forecasts each series from the pattern it learned across all of them: a spare part that sold nothing in all
its 104 weeks was forecast 0.13-0.14 units a week, and one that sold nothing in its last 44 weeks (discontinued)
0.73-0.78 a week, and predict said nothing of either; for a replenishment planner a steady forecast on a dead item is
the costly error. ``warn`` names such series (each target of each series whose last ``lookback`` rows, the rows its
forecast reads, are all 0 where its forecast is above 0 at some step), with how many rows at its end are 0 (every
one, where the series was all 0) and its largest forecast. It changes no forecast. A slow seller is silent for long by
nature (one sale in 20 weeks: 12 weeks of 0 at the end of 103 of 200 such SKUs, rightly forecast at their rate of
0.05), so a series is named only where it never sold or its last run of zeros is more than ``LONGER`` times both its
usual gap (its rows per nonzero value) and the longest run of zeros before it; what was seen is said, with no advice
to take the forecast as 0 (decision 1518). A series that stopped is said by its data: selling where a target's name
counts demand (``counts_demand``: sales, units, orders), else switched off or no longer recorded (decision 1523). A
quantile model's highest quantile is weighed too: a dead SKU forecast 0 whose 0.9 quantile is 6.4 units a week (the
safety stock a planner sets) is named with it (decision 1533).
"""

from __future__ import annotations

import logging
import re

import numpy as np

from rnncast.spelling import counted, some

log = logging.getLogger(__name__)

MOST = 3  # series named; the others counted
LONGER = 5  # a trailing run of zeros more than this many times its usual gap and its longest run before: a new silence


DEMAND = {"sale", "sales", "sold", "sell", "sells", "selling", "demand", "demands", "order", "orders", "ordered",
          "units", "qty", "quantity", "quantities"}  # a word of a target's name that counts demand
PRICED = {"price", "prices"}  # a word that makes it no count: sell_price of 0 is no "no demand"
WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+")  # the words of a name: unitsSold, UNIT_SALES, sell-price


def counts_demand(targets: list) -> bool:
    """Whether any of ``targets`` (column names) says it counts sales or demand by a whole word of its name
    (``sales``, ``units_sold``, ``orderCount``; not ``recorder_level``, ``border_crossings`` nor ``sell_price``): a zero
    is then 'no demand', where a sensor's or a rain gauge's is only 0 (decisions 1523, 1570)."""
    words = [{w.lower() for w in WORD.findall(str(t))} for t in targets]
    return any(w & DEMAND and not w & PRICED for w in words)


def trailing_zeros(rows: np.ndarray) -> int:
    """How many of ``rows`` [R] at their end are exactly 0 (a missing value ends the run)."""
    nonzero = np.flatnonzero(np.asarray(rows, dtype=np.float64) != 0)  # NaN != 0: a missing value is not a 0
    return int(len(rows) - 1 - nonzero[-1]) if len(nonzero) else len(rows)


def longest_zeros(rows: np.ndarray) -> int:
    """The longest run of exact 0s in ``rows`` [R] (a missing value ends a run), 0 where none is."""
    zero = np.r_[0, (np.asarray(rows, dtype=np.float64) == 0).astype(np.int8), 0]
    edges = np.flatnonzero(np.diff(zero))
    return int((edges[1::2] - edges[::2]).max()) if len(edges) else 0


def find(panel, point: np.ndarray, lookback: int, quantiles: np.ndarray | None = None, levels=()) -> list[dict]:
    """``{"series", "target", "zeros", "rows", "nonzero", "before", "most"}`` of each series ``s`` of ``panel`` (in
    order, the forecasts' rows ``point`` [S, H, T]) whose target ``t`` is 0 in its last ``lookback`` rows or more
    (``zeros``, of its ``rows``), in all of them or in more than ``LONGER`` times both its rows per nonzero value (of
    ``nonzero``) and the longest run of zeros before (``before``), and forecast above 0 (``most``, its largest
    forecast), or its highest quantile (``quantiles`` [S, H, T, Q] sorted, of ``levels`` [Q]) above it: then also
    ``"level"`` and ``"upper"``, its largest (decision 1533); its first such target only; longest run first."""
    top = int(np.argmax(levels)) if quantiles is not None and len(levels) else None
    found = []
    for s in range(panel.n_series):
        values = panel.rows(s)
        for t in range(point.shape[2]):
            zeros = trailing_zeros(values[:, t])
            if zeros < lookback:  # the forecast reads a nonzero value: nothing more to weigh
                continue
            before = longest_zeros(values[: len(values) - zeros, t])
            nonzero = int(np.sum(np.nan_to_num(values[:, t]) != 0))  # a missing value is neither
            most = float(np.nanmax(point[s, :, t]))
            upper = float(np.nanmax(quantiles[s, :, t, top])) if top is not None else most  # a dead SKU's 0.9 quantile
            new = nonzero == 0 or zeros > LONGER * max(before, len(values) / max(nonzero, 1))  # a silence
            if new and max(most, upper) > 0:
                found.append({"series": s, "target": t, "zeros": zeros, "rows": len(values), "nonzero": nonzero,
                              "before": before, "most": most,
                              **({"level": float(levels[top]), "upper": upper} if upper > most else {})})
                break
    return sorted(found, key=lambda f: -f["zeros"])


def text(panel, found: list[dict], lookback: int, targets: list[str]) -> str | None:
    """The line of ``find``'s ``found``: "2 series whose last 12 rows (the rows predict reads) are all 0, ... are
    forecast above 0: 'S020' (all of its 104 rows are 0, forecast up to 0.14), 'S012' (its last 44 rows are 0, nonzero in 52
    of its 104 rows, at most 2 zeros in a row before, forecast up to 0.78); ..."; "above 0 (the point forecast or an
    upper quantile)" where a quantile is (decision 1533); None where none is."""
    if not found:
        return None
    several = len(targets) > 1

    def zeros(f: dict) -> str:
        if f["nonzero"] == 0:
            return f"all of its {f['rows']} rows are 0"
        before = f"at most {counted(f['before'], 'zero')} in a row" if f["before"] else "no zero"
        return f"its last {f['zeros']} rows are 0, nonzero in {f['nonzero']} of its {f['rows']} rows, {before} before"

    def how(f: dict) -> str:  # up to 0.14; 0, its 0.9 quantile ('units_q0.9') up to 6.44 (decision 1533)
        point = f"up to {f['most']:.3g}" if f["most"] > 0 else "0"
        if "upper" not in f:
            return point
        return f"{point}, its {f['level']:g} quantile ('{targets[f['target']]}_q{f['level']:g}') up to {f['upper']:.3g}"

    def one(f: dict) -> str:
        what = f"'{targets[f['target']]}' " if several else ""
        return f"{panel.given_id(f['series'])!r} ({what}{zeros(f)}, forecast {how(f)})"

    stopped = ("stopped selling (discontinued or dead)" if counts_demand([targets[f["target"]] for f in found])
               else "stopped (switched off, or no longer recorded)")  # a sensor's zeros are no sales (decision 1523)
    seen = ("the network forecasts from the pattern it learned across the series, not from a series' own silence, so a "
            f"series that {stopped} is forecast as before")
    if panel.layout == "single":
        f = found[0]
        return (f"the series is forecast {how(f)}{',' if 'upper' in f else ''} though {zeros(f)} (predict reads its last "
                f"{lookback}); {seen.replace(' across the series', '')}")
    who = f"{len(found)} series" if len(found) > 1 else "series"
    return (f"{who} whose last {lookback} rows (the rows predict reads) are all 0, never nonzero or 0 for over "
            f"{LONGER} times the series' usual gap and longest run of zeros before, "
            f"{'is' if len(found) == 1 else 'are'} forecast above 0"
            f"{' (the point forecast or an upper quantile)' if any('upper' in f for f in found) else ''}: "
            f"{some([one(f) for f in found], MOST)}; {seen}")


def warn(panel, point: np.ndarray, lookback: int, targets: list[str], quantiles=None, levels=()) -> None:
    """Warn of the series ``find`` names (``text``); ``point`` [S, H, T] the forecasts in original units, ``quantiles``
    [S, H, T, Q] (sorted) those of a quantile model of ``levels`` [Q], or None."""
    if said := text(panel, find(panel, point, lookback, quantiles, levels), lookback, targets):
        log.warning("%s", said)
