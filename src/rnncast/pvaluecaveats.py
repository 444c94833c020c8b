"""How far a verdict's Diebold–Mariano p-value can be trusted, said beside the verdict.

Over few forecast times, or windows that overlap so far that the test keeps few degrees of freedom, its p-value is
rough (``few_times``, ``few_counts``); where the model's errors could drift and the baseline's not, a win at
p >= ``DRIFT_LEVEL`` could be chance (``drift_caveat``). ``verdicts`` adds these clauses to its sentences.
"""

from __future__ import annotations

from rnncast.baselines import named
from rnncast.significance import cosine_terms, one_sided_text
from rnncast.spelling import counted


FEW_TIMES = 30  # below it, EWC has at most 3 cosine terms: t(1) to t(3) (significance.cosine_terms)


FEW_DEGREES = 3  # at most: the t reference's degrees of freedom that FEW_TIMES gives, here set by overlapping windows


def few_times(result: dict, horizon: int = 1) -> str:
    """" With 12 forecast times the test has 2 degrees of freedom, so its p-value is rough.", beside a verdict that
    passed evaluate's test (``result``) over fewer than ``FEW_TIMES`` forecast times, or whose overlapping windows left
    it ``FEW_DEGREES`` or fewer; "". Where the overlap of ``horizon``-step windows set the degrees of freedom
    (``significance.cosine_terms`` caps them at span / (2 horizon)), it says so: " With 19 forecast times, whose
    6-step windows overlap, the test has 1 degree of freedom, ..." (its variance is the mean of one to three cosine
    terms' squares, itself a rough estimate). A lower MSE that did not pass says its counts in ``lower_unproven``."""
    few = few_counts(result, horizon)
    if not few:
        return ""
    times, overlap, freedom = few
    return (f" With {times}{overlap} the test has {freedom}, so its p-value is rough." if freedom
            else f" With {times} its p-value is rough.")


def few_counts(result: dict, horizon: int = 1) -> tuple[str, str, str] | None:
    """What ``few_times`` says of evaluate's test (``result``) over few forecast times: ``("15 forecast times",
    ", whose 6-step windows overlap," or "", "1 degree of freedom" or "")``; None where they are not few, no test was
    made, or the result is a backtest's (no ``times``: its sentence counts its cutoffs itself, decision 703).
    ``result``: one baseline's ``significance.diebold_mariano`` dict (``times``, ``df``, ``p_value``); ``horizon``: steps
    per window. Raises nothing: a missing ``df`` or ``p_value`` reads as NaN."""
    if "times" not in result:
        return None
    times, df = result["times"], result.get("df", float("nan"))
    capped = df == df and df < cosine_terms(times)
    few = 2 <= times < FEW_TIMES or (capped and df <= FEW_DEGREES)
    if not few or result.get("p_value", float("nan")) != result.get("p_value", float("nan")):
        return None
    overlap = f", whose {horizon}-step windows overlap," if capped else ""
    return counted(times, "forecast time"), overlap, f"{counted(int(df), 'degree')} of freedom" if df == df else ""


DRIFT_LEVEL = 0.005  # the largest p whose false "beats" stayed under 5 % where one forecaster's errors drift


def drift_caveat(test: dict, rivals) -> str:
    """" If the model's errors drift and the baseline's do not, an equally good model gets p < 0.05 up to 17 % of
    the time (against
    'training mean' baseline: p = 0.012).",
    beside a verdict that the model beats every baseline with some p-value (the weakest named) at or
    above ``DRIFT_LEVEL``; "". Between equally good forecasts, the model's errors drifting (AR(0.9))
    and a baseline's white, evaluate's test gave p < 0.05 12-17 % of the time at 12-400 forecast times
    and p < 0.005 at most 4.7 % (``benchmarks/accuracy/results/dm-false-positives.md``, decision 119).
    Said whatever the MSE gap: those chance wins' sample MSEs lay 16-90 % below the baseline's (10th to
    90th percentiles, ``--gaps``, decision 135), so a large gap does not rule chance out. ``test``: evaluate's result
    (its ``significance`` by baseline name); ``rivals``: the baselines weighed, by name (``baseline_mse``'s dict), at
    least one. Raises nothing."""
    p_values = {n: test.get("significance", {}).get(n, {}).get("p_value", 0.0) for n in rivals}
    weakest = max(p_values, key=lambda n: p_values[n] if p_values[n] == p_values[n] else -1.0)
    if not p_values[weakest] >= DRIFT_LEVEL:
        return ""
    return (f" If the model's errors drift and the baseline's do not, an equally good model gets p < 0.05 up to 17 % "
            f"of the time (against {named(weakest)}: {one_sided_text(p_values[weakest])}).")
