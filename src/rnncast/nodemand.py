"""A series with no demand in the steps scored that pulls a panel's pooled MASE down, said by its cause (decision
1487).

``scaledshares`` names a series whose MASE is near 0 for some forecasters and moves the pooled MASE ("low"), and says
its errors "are divided by a small training spread ... and by a small in-sample naive error". Of 4 weekly spare parts
(`--nonnegative`), 'P001' was named so, though its training spread (std 0.47) was that of the others (0.47-0.58): it
sold nothing in the test weeks, every actual 0, where 'repeat the last value' and the clipped model forecast 0. With
intermittent demand a series without sales in the test steps is common, and the stated cause was wrong. ``split``
takes such a finding from ``scaledshares.measure``'s: where every series it names has no non-zero actual among the
values scored (``seriespicks.no_demand``) and was named only for its MASE near 0 (none holds ``scaledshares.SHARE`` of
a scaled squared error or of a summed MASE), the finding is this module's instead, and ``text`` says its real cause
and the pooled MASE without them. Left alone: a finding that also names series holding a share of the scores, or whose
named series sold something, which ``scaledshares`` says as before. "No demand" is said where a target's name counts it
(``zeroforecasts.counts_demand``: sales, units, orders); a sensor's or rainfall's zeros are "no nonzero value" (decision
1523).
"""

from __future__ import annotations

import logging

import numpy as np

from rnncast.baselines import baseline_name
from rnncast.scaledshares import SHARE
from rnncast.seriespicks import no_demand
from rnncast.spelling import listing
from rnncast.zeroforecasts import counts_demand

log = logging.getLogger(__name__)


def split(few: dict | None, original) -> tuple[dict | None, dict | None]:
    """``(few, idle)``: ``scaledshares.measure``'s ``few`` of the windows ``original`` (a ``WindowForecasts`` in
    original units, its ``series`` and ``ids``), and None, or, where its named series are all without demand and named
    only for a MASE near 0 (the module's doc), ``few``'s ``{"flat": ...}`` alone (kept, decision 1516) or None, and
    ``{"series": [id, ...], "of": series scored, "low": [forecaster, ...] with a MASE near 0 there, "without":
    {forecaster: pooled MASE over the other series}}``."""
    if not few or not few.get("low") or original.series is None:
        return few, None
    shares = [*few["mse"].values(), *(v for n, v in few["mase"].items() if n not in few["low"])]
    if any(share >= SHARE for share in shares):
        return few, None  # some series hold the scores: scaledshares' finding
    idle = no_demand(original, len(original.ids))
    named = {str(name) for name in few["series"]}
    if not all(idle[s] for s, name in enumerate(original.ids) if str(name) in named):
        return few, None
    without = {n: each["mase"] for n, each in (few.get("without") or {}).items() if np.isfinite(each["mase"])}
    kept = {"flat": few["flat"]} if few.get("flat") else None  # decision 1488's line is not this one's (decision 1516)
    return kept, {"series": list(few["series"]), "of": few["of"], "low": list(few["low"]), "without": without,
                  "demand": counts_demand(original.targets)}  # a sensor's zeros are no demand (decision 1523)


def text(idle: dict | None) -> str | None:
    """"Of the 4 series scored, 'P001' has a MASE near 0 for the model and 'repeat the last value', pulling the pooled
    MASE down, because every actual of it scored is 0 (no demand in those steps) ...", with the pooled MASE of each
    forecaster without them; None without ``idle`` (``split``'s)."""
    if not idle:
        return None
    one = len(idle["series"]) == 1
    names = listing([repr(str(s)) for s in idle["series"]])
    who = listing([_who(n) for n in idle["low"]])
    none = "no demand" if idle.get("demand", True) else "no nonzero value"  # metrics.json before decision 1523: demand
    said = (f"Of the {idle['of']} series scored, {names} {'has a' if one else 'have'} MASE near 0 for {who}, pulling the "
            f"pooled MASE down, because every actual of {'it' if one else 'them'} scored is 0 ({none} in those "
            f"steps) and {'it forecasts' if len(idle['low']) == 1 else 'they forecast'} about 0 there, not because of "
            f"{'its' if one else 'their'} training spread")
    if without := idle.get("without"):
        said += (f"; without {'it' if one else 'them'}, the pooled MASE is "
                 + ", ".join(f"{value:.4g} for {_who(n)}" for n, value in without.items()))
    return said + "."


def _who(name: str) -> str:
    return "the model" if name == "model" else f"'{baseline_name(name)}'"


def warn(idle: dict | None, where: str) -> None:
    """Warn of ``split``'s ``idle`` (``text``) on ``where`` (the windows scored, as the verdict names them)."""
    if said := text(idle):
        log.warning("%s: %s", where, said)
