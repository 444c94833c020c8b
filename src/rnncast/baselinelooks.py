"""One look per baseline, keyed by its name: the colour, line style and mark that every figure draws it in (a run's
forecast plot, a backtest's, the demo's), whichever other baselines a run has. Keyed by the position a baseline was
drawn at, the climatology took the seasonal naive's dark orange dash-dot in a run without a season and its own olive
in a run with one (decision 1733).
"""

from __future__ import annotations

from rnncast import baselines, lonepoints

# Each baseline its own colour, line style and mark (``baselines.NAMES``' keys): the models take the colour cycle C0,
# C1, ...; baselines keep out of its first colours. Each at least 3:1 against white as drawn (ALPHA), and the seasonal
# naive's a dark orange, not purple, which deuteranopia sees as the model's blue (decision 1544); the climatology a
# dark olive (decision 1667).
ALPHA = 0.9
STYLES = {"repeat": {"color": "#606060", "ls": ":"}, "mean": {"color": "#8c564b", "ls": "--"},
          "seasonal": {"color": "#b35806", "ls": "-."}, "climatology": {"color": "#767600", "ls": (0, (5, 1, 1, 1, 1, 1))}}
MARKS = {"repeat": "s", "mean": "D", "seasonal": "^", "climatology": "v"}  # a lone point's, smaller than a model's


def key(label: str) -> str | None:
    """The baseline a legend label names (``plots.baseline_label``): "baseline: seasonal naive (season 7)" ->
    "seasonal", and a label a figure added to in brackets likewise ("baseline: climatology ('A' only)" ->
    "climatology": ``forecastplot``'s rows that alone draw it, decision 1944); a key itself ("mean") -> itself; None for
    a name no baseline has."""
    if label in STYLES:
        return label
    name = label.removeprefix("baseline: ").split(" (")[0]  # no baseline's name holds " ("
    return next((k for k, text in baselines.NAMES.items() if text == name), None)


def look(label: str, values, k: int = 0, points: bool = False) -> dict:
    """``ax.plot``'s keywords for the baseline ``label`` names (``key``) over ``values`` (1-D): its colour and line
    style, and its mark at each lone point (``lonepoints.marks``), or at every point with no line where ``points``
    (``lonepoints.apart``). A label no baseline has is drawn in the ``k``-th look (the ``k``-th drawn)."""
    name = key(label) or list(STYLES)[k % len(STYLES)]
    style = {**STYLES[name], **lonepoints.marks(values, MARKS[name], 4.0)}
    return lonepoints.apart(style, MARKS[name], 2.5) if points else style
