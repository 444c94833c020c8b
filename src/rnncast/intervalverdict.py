"""A quantile model's verdict on its quantiles: its mean pinball loss beside the best baseline's, the baselines'
intervals being their forecasts plus the quantiles of their own training errors (``baselinebands``), so that a user
can tell whether a pinball loss of 5.76 is any good. The MSE verdict (``verdicts.verdict``) judges the median; this
sentence follows it, in the same units.
"""

from __future__ import annotations

import math

from rnncast import bandcounts
from rnncast.baselines import baseline_name
from rnncast.calibration import share_text
from rnncast.scoretext import quoter
from rnncast.significance import VERDICT_ALPHA, one_sided_text, p_text, same
from rnncast.spreads import units_name


def best_pinball(test: dict, units: str) -> tuple[str, float] | None:
    """The baseline of lowest pinball loss in ``units`` and its loss; None where no baseline has one (a point model,
    or scores written before the baselines had intervals)."""
    rivals = {name: s["pinball"] for name, s in test[units].items() if weighed(name, s)}
    if not rivals:
        return None
    best = min(rivals, key=rivals.get)
    return best, rivals[best]


def weighed(name: str, scores: dict) -> bool:
    """Whether the verdict weighs baseline ``name``'s intervals (``scores``: its block): a pinball loss scored on every
    value the model's is, not one of some values alone (``bandcounts.KEY``: too few training errors elsewhere,
    decision 1876), which would compare losses on different values."""
    pinball = scores.get("pinball")
    return (name != "model" and isinstance(pinball, float) and math.isfinite(pinball)
            and not scores.get(bandcounts.KEY))


def pinball_verdict(test: dict, units: str = "original", where: str = "these windows", alpha: float = VERDICT_ALPHA
                    ) -> str:
    """" Its quantiles: mean pinball loss 5.7600 against 1.9640 for the best baseline's intervals ('seasonal naive',
    ...), 2.93 times as high; ..." (a leading space, to follow the MSE verdict), with each interval's coverage, the
    model's beside the baseline's, each number as the table beside it writes it (``scoretext.quoter``, decision 1230); "" where the model has no quantiles or no baseline a pinball loss."""
    model = test[units].get("model", {}).get("pinball")
    found = best_pinball(test, units)
    if model is None or not math.isfinite(model):
        return ""
    if found is None:
        return unlearned(test[units])
    name, rival = found
    how = judged(test, units, model, name, rival, alpha)
    scores = test[units]
    covers = [f"{key.removeprefix('coverage_')}% interval {share_text(scores['model'][key], scores['model'])} against "
              f"{share_text(scores[name][key], scores[name])}" for key in scores["model"]  # as the interval line
              if key.startswith("coverage_") and key in scores[name]]
    coverage = f"; coverage of {where}, the model's against the baseline's: {', '.join(covers)}" if covers else ""
    unit = "" if units == "original" else f", {units_name(test.get('scaled_by'))}"
    pin = quoter("pinball", [v.get("pinball") for v in scores.values() if isinstance(v.get("pinball"), float)])
    return (f" Its quantiles: mean pinball loss {pin(model)} against {pin(rival)} for the best baseline's "
            f"('{baseline_name(name)}': its forecast plus the quantiles of its own errors on the training rows{unit}), "
            f"{how}{coverage}.")


UNLEARNED = (" The baselines' intervals are blank here (their pinball loss and coverage: -): each is the baseline's "
             "forecast plus the quantiles of its own errors on the fit's training rows, and these data lack those rows "
             "of some series; evaluate data that hold them to set the model's quantiles beside the baselines'.")


def unlearned(scores: dict) -> str:
    """``UNLEARNED`` (a leading space) where a baseline's scores ``scores`` (one units' block: name -> scores) hold a
    pinball loss that is none (NaN, null: its intervals were not learned, ``baselinebands``), "" where none holds the
    key (a point model, scores written before the baselines had intervals); decision 1884."""
    held = [s["pinball"] for name, s in scores.items() if name != "model" and "pinball" in s]
    return UNLEARNED if held and not any(isinstance(v, float) and math.isfinite(v) for v in held) else ""


def judged(test: dict, units: str, model: float, name: str, rival: float, alpha: float = VERDICT_ALPHA) -> str:
    """How the model's pinball loss ``model`` compares with the best baseline's (``name``: ``rival``), "better" only
    beyond chance: the Diebold–Mariano test of the pinball losses (``test["significance_pinball"]``, evaluate's and
    backtest's, the MSE verdict's test and reference) gives a one-sided p below ``alpha`` that the model is not
    better, against every baseline it is said to beat, or that the baseline is not (``1 - p``) where the baseline's
    loss is lower; "not tested against chance" where no test was made (scores written before it, too few times)."""
    if same(model, rival):
        return "the same loss"
    tests = test.get("significance_pinball")
    if model < rival:
        lower = f"{100 * (1 - model / rival):.1f}% lower"
        p_values = {n: (tests or {}).get(n, {}).get("p_value", float("nan")) for n, s in test[units].items()
                    if weighed(n, s)}
        if tests is None or any(v != v for v in p_values.values()):
            return f"{lower} (not tested against chance)"
        weakest = max(p_values, key=p_values.get)  # the baseline it is least surely better than
        p = p_values[weakest]
        if p < alpha:
            return (f"{lower}, beyond chance ({one_sided_text(p)}, the largest against any baseline): its quantiles "
                    "beat every baseline's")
        return (f"{lower}, but not beyond chance against '{baseline_name(weakest)}' ({one_sided_text(p)}): on these "
                "values its quantiles are no better than the baseline's")
    high = f"{model / rival:.3g} times as high" if rival > 0 else "higher"
    p = (tests or {}).get(name, {}).get("p_value", float("nan"))
    if p != p:
        return f"{high}: the baseline's quantiles are better (not tested against chance)"
    if 1 - p < alpha:
        return f"{high}: the baseline's quantiles are better (one-sided {p_text(1 - p)} that they are not)"
    return f"{high}, but not beyond chance (one-sided {p_text(1 - p)} that the baseline's quantiles are not better)"
