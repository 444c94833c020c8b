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
from rnncast.spelling import listing
from rnncast.spreads import units_name
from rnncast.verdicts import lower_by


def best_pinball(test: dict, units: str) -> tuple[str, float, float] | None:
    """The baseline the model's pinball loss in ``units`` is weighed against: of those weighed (``weighed``), the one
    whose loss is lowest beside the model's on the same values (``pair``: the ratio of the two, so that a baseline
    weighed on fewer values is judged by its own pair), with the model's loss and its own; None where no baseline is
    weighed (a point model, scores written before the baselines had intervals, or none with an interval)."""
    block = test[units]
    pairs = {name: pair(block, name) for name, s in block.items() if weighed(name, s)}
    if not pairs:
        return None
    best = min(pairs, key=lambda n: _ratio(*pairs[n]))
    return best, *pairs[best]


def _ratio(model: float, rival: float) -> float:
    return rival / model if model > 0 else math.inf if rival > 0 else 1.0


def weighed(name: str, scores: dict) -> bool:
    """Whether the verdict weighs baseline ``name``'s intervals (``scores``: its block): where it has an interval at
    some value scored (a finite pinball loss), on those values, against the model's loss on the same ones (decision
    1909): a baseline that has one at fewer values than the model's (``bandcounts.KEY``: too few training errors
    elsewhere, decision 1875) holds the model's scores on them there; one with none at any value is not weighed. The
    one rule of fit, evaluate, backtest (``pinball_verdict``) and compare (``comparequantiles.intervals_note``)."""
    pinball, left = scores.get("pinball"), scores.get(bandcounts.KEY)
    mine = (left.get("model") or {}).get("pinball") if left else None
    return (name != "model" and isinstance(pinball, float) and math.isfinite(pinball)
            and (not left or isinstance(mine, float) and math.isfinite(mine)))


def pair(block: dict, name: str, key: str = "pinball") -> tuple[float, float]:
    """(the model's ``key`` score, baseline ``name``'s) in one units' ``block`` on the values the baseline has an
    interval for: the model's own where it has one at every value scored, else the one ``bandcounts.KEY`` records."""
    left = block[name].get(bandcounts.KEY)
    return (left["model"] if left else block["model"]).get(key, math.nan), block[name].get(key, math.nan)


def aside(block: dict) -> str:
    """"; 'seasonal naive' is weighed on the values it has an interval for (168 of the 188), against the model's loss
    on those same values" and "'x' has no interval at any value scored and is not weighed" for the baselines of one
    units' ``block`` whose intervals leave values out (``bandcounts.KEY``); "" where none does."""
    fewer, none, older = {}, [], []
    for name, scores in block.items():
        left = scores.get(bandcounts.KEY) if isinstance(scores, dict) else None
        if left and weighed(name, scores):
            fewer[repr(baseline_name(name))] = f"{left['of'] - left['values']} of the {left['of']}"
        elif left:  # none at any value; or scores written before the model's were kept beside them (decision 1909)
            (none if left["values"] >= left["of"] else older).append(repr(baseline_name(name)))
    counts = (next(iter(fewer.values())) if len(set(fewer.values())) == 1 else  # each its own where they differ
              "; ".join(f"{name}: {count}" for name, count in fewer.items()))
    said = ([f"{listing(list(fewer))} {'is' if len(fewer) == 1 else 'are'} weighed on the values "
             f"{'it has' if len(fewer) == 1 else 'each has'} an interval for ({counts}), against the model's loss on "
             "those same values"] if fewer else []) + (
        [f"{listing(none)} {'has' if len(none) == 1 else 'have'} no interval at any value scored and "
         f"{'is' if len(none) == 1 else 'are'} not weighed"] if none else []) + (
        [f"{listing(older)} {'is' if len(older) == 1 else 'are'} scored on fewer values than the model's and not "
         "weighed"] if older else [])
    return "".join(f"; {text}" for text in said)


NEAR_POINTS = 1.0  # a band whose coverage is within this many percentage points of its width reads "near" it


def held(test: dict, units: str = "original", where: str = "these windows") -> str:
    """" The 80% band held 88.13% of the test values: too wide (8.13 points more than 80%)." (a leading space), the
    plain sentence that leads the quantiles' verdict before its tests' words (decision 2259): each central interval's
    coverage (the model's, of every value scored) and whether it is wider or narrower than asked (within
    ``NEAR_POINTS``: "near 80%"); whether the gap is beyond chance is the calibration test's, said with the interval
    line. "" where the model has no coverage."""
    model = (test.get(units) or {}).get("model") or {}
    said = []
    for key, share in model.items():
        if not key.startswith("coverage_") or not isinstance(share, float) or not math.isfinite(share):
            continue
        width = float(key.removeprefix("coverage_"))
        gap = 100 * share - width
        word = (f"near {width:g}%" if abs(gap) < NEAR_POINTS else
                f"too {'wide' if gap > 0 else 'narrow'} ({abs(gap):.2f} points {'more' if gap > 0 else 'fewer'} than {width:g}%)")
        said.append(f"the {width:g}% band held {share_text(share, model, where)}: {word}")
    return f" {'; '.join(said)[0].upper()}{'; '.join(said)[1:]}." if said else ""


def pinball_verdict(test: dict, units: str = "original", where: str = "these windows", alpha: float = VERDICT_ALPHA
                    ) -> str:
    """" Its quantiles: mean pinball loss 5.7600 against 1.9640 for the best baseline's intervals ('seasonal naive',
    ...), 2.93 times as high; ..." (a leading space, to follow the MSE verdict), with each interval's coverage, the
    model's beside the baseline's, each number as the table beside it writes it (``scoretext.quoter``, decision 1230),
    both on the values the baseline has an interval for (``pair``), and which baselines were weighed on fewer values
    or not at all (``aside``); "" where the model has no quantiles or no baseline a pinball loss."""
    scores = test[units]
    model = scores.get("model", {}).get("pinball")
    if model is None or not math.isfinite(model):
        return ""
    pin = quoter("pinball", [v.get("pinball") for v in scores.values() if isinstance(v.get("pinball"), float)])
    found = best_pinball(test, units)
    if found is None:  # a baseline with no interval at any value: said, not weighed (decision 1909)
        gone = unlearned(scores)  # the data lack the fit's training rows, as their intervals_left_out say (1884)
        if gone and unlearned_alone(scores):
            return gone
        said = aside(scores) or (": theirs are blank here (-)" if any(  # scores written before what bands leave out
            "pinball" in v for n, v in scores.items() if n != "model" and isinstance(v, dict)) else "")
        return (f" Its quantiles: mean pinball loss {pin(model)}, weighed against no baseline's{said}." if said
                else "") + gone
    name, model, rival = found
    how = judged(test, units, model, name, rival, alpha)
    mine = scores[name].get(bandcounts.KEY, {}).get("model") or scores["model"]  # the model's on the pair's values
    covers = [f"{key.removeprefix('coverage_')}% interval {share_text(mine[key], scores['model'])} against "
              f"{share_text(scores[name][key], scores[name])}" for key in scores["model"]  # as the interval line
              if key.startswith("coverage_") and key in scores[name] and key in mine]
    coverage = f"; coverage of {where}, the model's against the baseline's: {', '.join(covers)}" if covers else ""
    unit = "" if units == "original" else f", {units_name(test.get('scaled_by'))}"
    return (f" Its quantiles: mean pinball loss {pin(model)} against {pin(rival)} for the best baseline's "
            f"('{baseline_name(name)}': its forecast plus the quantiles of its own errors on the training rows{unit}), "
            f"{how}{coverage}{aside(scores)}.")


UNLEARNED = (" The baselines' intervals are blank here (their {}: -): each is the baseline's "
             "forecast plus the quantiles of its own errors on the fit's training rows, and these data lack those rows "
             "of some series; evaluate data that hold them to set the model's quantiles beside the baselines'.")


def unlearned(scores: dict) -> str:
    """``UNLEARNED`` (a leading space; ``blanks`` the scores it names) where a baseline's interval scores in ``scores`` (one units' block: name ->
    scores) leave values out because these data lack the fit's training rows of their series (its
    ``bandcounts.KEY``'s ``unlearned``: decision 1884), "" where none does: a baseline with too few training windows
    for the levels (decision 1875) is said by ``aside`` and ``bandcounts.note``, whose advice differs (decision
    1932); alone only where ``unlearned_alone``."""
    left = [s[bandcounts.KEY] for name, s in scores.items()
            if name != "model" and isinstance(s, dict) and s.get(bandcounts.KEY)]
    return UNLEARNED.format(blanks(scores.get("model"))) if any(d.get("unlearned", 0) for d in left) else ""


def blanks(model) -> str:
    """"pinball loss, wQL, coverage and MSIS": the interval scores of a quantile ``model``'s block (a score dict) that
    the baselines' "-" cells stand for, wQL and MSIS where it has them (decision 2036; r38r1 LOW-4, decision 2081)."""
    keys = list(model) if isinstance(model, dict) else []
    return listing(["pinball loss"] + ["wQL"] * ("wql" in keys) + ["coverage"]
                   + ["MSIS"] * any(str(k).startswith("msis_") for k in keys))


def unlearned_alone(scores: dict) -> bool:
    """Whether every value each baseline of ``scores`` leaves out lacks its interval for want of the fit's training
    rows (``unlearned``), no other cause: then ``UNLEARNED`` stands alone; a mixed block names each baseline
    (``aside``) with the model's loss, then ``UNLEARNED`` (r36r5 2)."""
    left = [s[bandcounts.KEY] for name, s in scores.items()
            if name != "model" and isinstance(s, dict) and s.get(bandcounts.KEY)]
    return bool(left) and all(d.get("unlearned", 0) >= d.get("values", 0) > 0 for d in left)


def standing(test: dict, units: str, model: float, name: str, rival: float, alpha: float = VERDICT_ALPHA
             ) -> tuple[str, str, float]:
    """``judged``'s outcome, for its sentence and for metrics.json's ``intervals_against_baselines`` alike (decision
    1957): ``(word, baseline, p)``, word one of "same" (the same loss as the best baseline's), "beats" (lower, and
    beyond chance against every weighed baseline: ``baseline`` the one it is least surely better than, ``p`` its
    one-sided p that the model is not better), "lower_not_beyond_chance" (so, p at or above ``alpha``), "lower_untested"
    (no test made, against some weighed baseline: p NaN), "higher_beyond_chance" (a higher loss than the best
    baseline's, ``name``, whose quantiles are better with one-sided p ``1 - p`` below ``alpha``), "higher" (not beyond
    chance) or "higher_untested"."""
    if same(model, rival):
        return "same", name, math.nan
    tests = test.get("significance_pinball")
    if model < rival:
        p_values = {n: (tests or {}).get(n, {}).get("p_value", float("nan")) for n, s in test[units].items()
                    if weighed(n, s)}  # each on the values it has an interval for (decision 1909)
        if tests is None or any(v != v for v in p_values.values()):
            return "lower_untested", name, math.nan
        weakest = max(p_values, key=p_values.get)  # the baseline it is least surely better than
        p = p_values[weakest]
        return ("beats" if p < alpha else "lower_not_beyond_chance"), weakest, p
    p = (tests or {}).get(name, {}).get("p_value", float("nan"))
    return ("higher_untested" if p != p else "higher_beyond_chance" if 1 - p < alpha else "higher"), name, p


def judged(test: dict, units: str, model: float, name: str, rival: float, alpha: float = VERDICT_ALPHA) -> str:
    """How the model's pinball loss ``model`` compares with the best baseline's (``name``: ``rival``), "better" only
    beyond chance: the Diebold–Mariano test of the pinball losses (``test["significance_pinball"]``, evaluate's and
    backtest's, the MSE verdict's test and reference) gives a one-sided p below ``alpha`` that the model is not
    better, against every baseline it is said to beat, or that the baseline is not (``1 - p``) where the baseline's
    loss is lower; "not tested against chance" where no test was made (scores written before it, too few times). The
    outcome is ``standing``'s."""
    word, against, p = standing(test, units, model, name, rival, alpha)
    if word == "same":
        return "the same loss"
    if model < rival:
        lower = lower_by(model, rival)  # as the MSE verdict says it: never "0.0% lower" (decision 2044)
        learned = [(n, s) for n, s in test[units].items() if n != "model" and "pinball" in s]  # those with intervals
        if word == "lower_untested":
            return f"{lower} (not tested against chance)"
        if word == "beats":
            return (f"{lower}, beyond chance ({one_sided_text(p)}, the largest against any baseline): its quantiles "
                    f"beat every {'' if all(map(weighed, *zip(*learned))) else 'weighed '}baseline's")
        own = (test.get("significance_pinball") or {}).get(name, {}).get("p_value", math.nan)  # the best's own p
        if against == name or not own < alpha:  # the other only where its outcome differs (t37t1 6, decision 1992)
            return (f"{lower}, but not beyond chance against '{baseline_name(name)}' ({one_sided_text(own)}): on "
                    "these values its quantiles are no better than the baseline's")
        return (f"{lower}, beyond chance against '{baseline_name(name)}' ({one_sided_text(own)}) but not against "
                f"'{baseline_name(against)}' ({p_text(p)}): on these values its quantiles are no better than that "
                "baseline's")
    high = higher_by(model, rival)
    if word == "higher_untested":
        return f"{high}: the baseline's quantiles are better (not tested against chance)"
    if word == "higher_beyond_chance":
        return f"{high}: the baseline's quantiles are better (one-sided {p_text(1 - p)} that they are not)"
    return f"{high}, but not beyond chance (one-sided {p_text(1 - p)} that the baseline's quantiles are not better)"


def higher_by(model: float, rival: float) -> str:
    """How much higher the model's pinball loss is than a baseline's, as ``verdicts.lower_by`` says a lower one:
    "0.4% higher" (0.2967 against 0.2954, where "1 times as high" was said), "less than 0.1% higher", "3.5 times as
    high" from twice on; "higher" where the baseline's is 0 (decision 2044)."""
    if not rival > 0:
        return "higher"
    percent = 100 * (model / rival - 1)
    if percent < 0.05:
        return "less than 0.1% higher"
    return f"{percent:.1f}% higher" if percent < 99.95 else f"{model / rival:.3g} times as high"
