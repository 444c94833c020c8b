"""Series whose rows predict reads are all 0 but whose forecast is above 0, said at predict (decision 1486).

A network forecasts each series from the pattern it learned across all of them: a spare part that sold nothing in all
its 104 weeks was forecast 0.13-0.14 units a week, and one that sold nothing in its last 44 weeks (discontinued)
0.73-0.78 a week, and predict said nothing of either; for a replenishment planner a steady forecast on a dead item is
the costly error. ``warn`` names such series (each target of each series whose last ``lookback`` rows, the rows its
forecast reads, are all 0 where its forecast is above 0 at some step), with how many rows at its end are 0 (every
one, where the series was all 0) and its largest forecast, and what to do about them. It changes no forecast.
"""

from __future__ import annotations

import logging

import numpy as np

from rnncast.spelling import some

log = logging.getLogger(__name__)

MOST = 3  # series named; the others counted


def trailing_zeros(rows: np.ndarray) -> int:
    """How many of ``rows`` [R] at their end are exactly 0 (a missing value ends the run)."""
    nonzero = np.flatnonzero(np.asarray(rows, dtype=np.float64) != 0)  # NaN != 0: a missing value is not a 0
    return int(len(rows) - 1 - nonzero[-1]) if len(nonzero) else len(rows)


def find(panel, point: np.ndarray, lookback: int) -> list[dict]:
    """``{"series", "target", "zeros", "rows", "most"}`` of each series ``s`` of ``panel`` (in order, the forecasts'
    rows ``point`` [S, H, T]) whose target ``t`` is 0 in its last ``lookback`` rows or more (``zeros``, of its
    ``rows``) and forecast above 0 (``most``, its largest forecast); its first such target only; longest run first."""
    found = []
    for s in range(panel.n_series):
        values = panel.rows(s)
        for t in range(point.shape[2]):
            zeros = trailing_zeros(values[:, t])
            most = float(np.nanmax(point[s, :, t]))
            if zeros >= lookback and most > 0:
                found.append({"series": s, "target": t, "zeros": zeros, "rows": len(values), "most": most})
                break
    return sorted(found, key=lambda f: -f["zeros"])


def text(panel, found: list[dict], lookback: int, targets: list[str]) -> str | None:
    """The line of ``find``'s ``found``: "2 series whose last 12 rows (the rows predict reads) are all 0 are forecast
    above 0: 'S020' (all of its 104 rows 0, forecast up to 0.14), 'S012' (its last 44 rows 0, forecast up to
    0.78); ..."; None where none is."""
    if not found:
        return None
    several = len(targets) > 1

    def one(f: dict) -> str:
        zeros = f"all of its {f['rows']} rows 0" if f["zeros"] == f["rows"] else f"its last {f['zeros']} rows 0"
        what = f"'{targets[f['target']]}' " if several else ""
        return f"{panel.given_id(f['series'])!r} ({what}{zeros}, forecast up to {f['most']:.3g})"

    advice = ("the network forecasts from the pattern it learned across the series, not from a series' own silence: "
              "where such a series is discontinued or dead, leave it out or take its forecast as 0")
    if panel.layout == "single":
        f = found[0]
        zeros = f"all of its {f['rows']} rows" if f["zeros"] == f["rows"] else f"its last {f['zeros']} rows"
        return (f"the series is forecast above 0 (up to {f['most']:.3g}) though {zeros} are 0 (predict reads its last "
                f"{lookback}); {advice.replace(' across the series', '')}")
    who = f"{len(found)} series" if len(found) > 1 else "series"
    return (f"{who} whose last {lookback} rows (the rows predict reads) are all 0 "
            f"{'is' if len(found) == 1 else 'are'} forecast above 0: {some([one(f) for f in found], MOST)}; {advice}")


def warn(panel, point: np.ndarray, lookback: int, targets: list[str]) -> None:
    """Warn of the series ``find`` names (``text``); ``point`` [S, H, T] the forecasts in original units."""
    if said := text(panel, find(panel, point, lookback), lookback, targets):
        log.warning("%s", said)
