"""The caveat beside a verdict that the model beats every baseline (``verdicts.verdict``): the verdict is on MSE, which
weighs large errors most, so where a baseline's mean absolute error, or its MASE, is lower than the model's, a reader of
"beats every baseline" is told so, in the units the numbers are in and with the numbers the table shows (decision 1705).

A panel's verdict is in scaled units: its MAE there is each series' in its own scaled units, said so (a backtest's
table shows MAE in original units only, where 0.4647 against 0.4965 was found nowhere, unlabelled); MASE has no units,
so it is the table's own number, which a statsforecast user ranks a panel by.
"""

from __future__ import annotations

import math

from rnncast import seasonalgaps
from rnncast.baselines import named
from rnncast.scoretext import apart


def caveat(scores: dict, label: str = "MAE", mase: dict | None = None) -> str:
    """" On MAE (each series in its own scaled units), though, the 'seasonal naive' baseline is lower (0.4673 against
    0.4982), and on MASE (1.0150 against 1.0878): the model makes fewer large errors, not smaller errors overall.", or
    "" where no baseline's MAE or MASE is lower than the model's. ``scores``: the verdict's block (``{"model": {"mae",
    ...}, baseline: {...}}``, in the verdict's units), its MAE named ``label`` ("MAE" in original units; the scaled
    units' name as the verdict's MSE is named, ``verdicts.measured``); ``mase``: the block whose MASE the table shows
    (the original units'; MASE is the same in both), None where it is not compared (one series of one target: there
    MASE is the MAE divided by one number and says what MAE says). A score that is missing or no finite number (MASE
    without a scale) is not compared. A baseline scored on fewer values (the seasonal naive's, decision 1966) is
    set against the model's score on those values (``seasonalgaps.KEY``), the number quoted."""
    lower_mae = _lowest(scores, "mae")
    lower_mase = _lowest(mase, "mase") if mase is not None else None
    if lower_mae is None and lower_mase is None:
        return ""
    said = []
    if lower_mae is not None:
        name, rival, model = lower_mae
        digits = next(d for d in range(4, 18) if f"{rival:.{d}g}" != f"{model:.{d}g}")  # enough to tell them apart
        said.append(f"On {label}, though, {named(name)} is lower ({rival:.{digits}g} against {model:.{digits}g})")
    if lower_mase is not None:
        name, rival, model = lower_mase
        texts = apart([rival, model], 4)  # as the table's MASE column writes them, more where they read alike
        if lower_mae is None:
            said.append(f"On MASE, though, {named(name)} is lower ({texts[0]} against {texts[1]})")
        else:
            who = "" if name == lower_mae[0] else f" {named(name)} is lower"
            said.append(f"and on MASE{who} ({texts[0]} against {texts[1]})")
    return f" {', '.join(said)}: the model makes fewer large errors, not smaller errors overall."


def _lowest(scores: dict, metric: str) -> tuple[str, float, float] | None:
    """The baseline whose ``metric`` is lowest against the model's and below it, with its value and the model's; None
    where none is, or where the model's is missing or no finite number. A baseline scored on fewer values (the
    seasonal naive's ``seasonalgaps.KEY``) is weighed against the model's ``metric`` on those same values, and ranked
    by that pair's ratio (decision 1994)."""
    if scores.get("model", {}).get(metric) is None or not math.isfinite(scores["model"][metric]):
        return None
    pairs = {}
    for name, s in scores.items():
        if name == "model" or not isinstance(s, dict) or s.get(metric) is None or not math.isfinite(s[metric]):
            continue
        model = ((s.get(seasonalgaps.KEY) or {}).get("model") or scores["model"]).get(metric)
        if model is not None and math.isfinite(model) and s[metric] < model:
            pairs[name] = (s[metric], model)
    if not pairs:
        return None
    name = min(pairs, key=lambda n: pairs[n][0] / pairs[n][1] if pairs[n][1] else math.inf)
    return name, *pairs[name]
