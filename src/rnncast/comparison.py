"""Models against each other: which of several forecasters has the lowest error on the same windows,
and whether that is beyond chance. Every pair gets a two-sided Diebold–Mariano test
(``significance.diebold_mariano``); Holm's step-down correction over the pairs keeps the chance of any
false "differs" at ``alpha`` (Holm, "A simple sequentially rejective multiple test procedure",
Scand. J. Statist. 1979). A winner is named only when it differs from every other model; otherwise
the sentence says which tie."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from rnncast import significance
from rnncast.significance import p_number, p_text
from rnncast.scoretext import apart as told_apart  # "apart" names the pairs that differ here
from rnncast.spelling import listing

ALPHA = 0.05  # the level at which a difference counts as beyond chance (after the Holm correction)


@dataclass
class Comparison:
    """Every pair of a group's models on the same test windows: which has the lower MSE, and whether
    a two-sided Diebold–Mariano test, Holm-corrected over the pairs, says the difference is beyond chance."""

    group: str
    winner: str | None  # the model whose MSE is lower than every other's beyond chance; None: no such model
    sentence: str
    pairs: list[dict] = field(default_factory=list)  # {a, b, lower, statistic, p, p_holm, differs, no_test}


def compare(errors: dict[str, np.ndarray], horizon: int, group: str, alpha: float = ALPHA, times=None, keep=None,
            measure: str = "test MSE", alike: str = "", untrained=()) -> Comparison:
    """Compare every pair of models by their forecast errors on the same windows.

    ``errors``: model name -> [W, H, T] errors (forecast - actual), in the same units for every model.
    Each pair gets a two-sided Diebold–Mariano p-value (``significance.diebold_mariano``); Holm's step-down
    correction over the pairs keeps the chance of any false "differs" at ``alpha``. The winner is the
    model with the lowest MSE when it differs from every other model beyond chance. ``times`` [W] and
    ``keep`` [W, H, T]: each window's forecast time and the values scored, as ``diebold_mariano`` takes them
    (default: consecutive windows, every value); ``measure``: what the sentence calls the MSE ("test MSE");
    ``alike``: what the models share, said in the sentence (``decide``); ``untrained``: the models that kept their
    untrained network (best epoch 0), which the sentence ranks saying so (``untrained_clause``).
    """
    names = list(errors)
    mse = {n: mean_square(errors[n], keep) for n in names}
    pairs = []
    for a, b in itertools.combinations(names, 2):
        dm = significance.diebold_mariano(errors[a], errors[b], horizon, times, keep)  # one-sided: small p when a is better
        one_sided, few = dm["p_value"], significance.too_few_times(dm["times"]) if dm["times"] < 2 else None
        p = (float("nan") if few else 1.0 if not np.isfinite(one_sided)  # no test: too few times, or equal errors
             else min(1.0, 2 * min(one_sided, 1 - one_sided)))
        pairs.append({"a": a, "b": b, "lower": a if mse[a] <= mse[b] else b, "statistic": dm["statistic"], "p": p,
                      "no_test": few})
    tested = [pair for pair in pairs if pair["p"] == pair["p"]]  # decision 1886: an untested pair has no p, no "tie"
    for pair in pairs:
        pair.update(p_holm=float("nan"), differs=False)
    for pair, adjusted in zip(tested, holm([pair["p"] for pair in tested])):
        pair.update(p_holm=adjusted, differs=adjusted < alpha)
    winner, sentence = decide(mse, pairs, group, measure, alike)
    return Comparison(group, winner, sentence + untrained_clause([n for n in names if n in untrained]), pairs)


def untrained_clause(names: list[str]) -> str:
    """Said after a verdict that ranks models which kept their untrained network, so that the verdict alone does not
    read as their cells': " gru kept its untrained network (best epoch 0: ...): its place in this verdict is ..."; ""
    for none (compare's notes say what each forecasts and what to try). They are ranked all the same: their forecasts
    are real, and so is the test of them."""
    if not names:
        return ""
    if len(names) == 1:
        return (f" {names[0]} kept its untrained network (best epoch 0: no epoch improved on the untrained network's "
                "validation loss): its place in this verdict is that of the forecast its network starts from, not of "
                "what its cell learned.")
    return (f" {listing(names)} kept their untrained networks (best epoch 0: no epoch improved on the untrained "
            "network's validation loss): their places in this verdict are those of the forecasts their networks start "
            "from, not of what their cells learned.")


def mean_square(errors: np.ndarray, keep=None) -> float:
    """The MSE of [W, H, T] errors as ``metrics.score`` pools it: each target's mean over its values kept
    (``keep``, default all), then the mean over the targets that keep one (NaN when none does)."""
    square = np.square(errors, dtype=np.float64)
    if keep is None:
        return float(np.mean(square))
    keep = np.broadcast_to(np.asarray(keep, dtype=bool), square.shape)
    means = [square[..., t][keep[..., t]].mean() for t in range(square.shape[-1]) if keep[..., t].any()]
    return float(np.mean(means)) if means else float("nan")


def holm(p_values: list[float]) -> list[float]:
    """Holm's step-down adjusted p-values, in the order given (each at most 1, never below the one before)."""
    order = np.argsort(p_values, kind="stable")
    m, running, adjusted = len(p_values), 0.0, [1.0] * len(p_values)
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p_values[i]))
        adjusted[i] = running
    return adjusted


def _lower(mse: dict[str, float], best: str, rivals: list[str]) -> str:
    """How much lower the winner's MSE is than each rival's (``rivals`` in rising MSE), as a share of that rival's:
    "3% lower than gru's 0.004925 and lstm's 0.004953" where the shares round alike (``percent_apart``: 2.52% and
    3.05%), else one clause per share, "less than 1% lower than syn-gru's 4.371 and 1% lower than syn-lstm's 4.394"
    (not the range "less than 1% to 1%" a tester read): beyond chance says a gap is real, not that it matters, and a
    learner reads 0.3% and 40% alike without it."""
    groups: dict[str, list[str]] = {}  # rounded share -> the rivals it is of, in rising MSE (so rising shares)
    for r in rivals:
        share = percent_apart(100 * (mse[r] - mse[best]) / mse[r]) if mse[r] > 0 else ""
        groups.setdefault(share, []).append(f"{r}'s {mse[r]:.4g}")
    return listing([f"{share + ' ' if share else ''}lower than {listing(names)}" for share, names in groups.items()])


def decide(mse: dict[str, float], pairs: list[dict], group: str, measure: str = "test MSE",
           alike: str = "") -> tuple[str | None, str]:
    """The winner (or None) and one sentence that says it, with the p-values that decide it.
    ``group`` completes "With the ...": "highway on", "cells alone"; ``measure`` names the MSE ("test MSE");
    ``alike``, where given, what the models share besides ("the same settings (window_norm='last')"), so a
    verdict is read as under them only."""
    group = f"{group} and {alike}" if alike else group
    best = min(mse, key=mse.get)
    against = {(p["b"] if p["a"] == best else p["a"]): p for p in pairs if best in (p["a"], p["b"])}
    rivals = sorted(against, key=mse.get)
    test = "Holm-adjusted two-sided Diebold–Mariano p"
    untested = [p["no_test"] for p in pairs if p.get("no_test")]
    if untested:  # too few forecast times for any test (decision 1886): the ranking, and that chance was not weighed
        ranked = (f"{best} has the lowest {measure}, {mse[best]:.4g}, {_lower(mse, best, rivals)}" if rivals else
                  f"{best}'s {measure} is {mse[best]:.4g}")
        return None, (f"With the {group}, {ranked}, but it was not tested against chance (no Diebold–Mariano test "
                      f"could be made: {untested[0]}), so no model is named the winner and none is said to tie.")
    if rivals and all(against[r]["differs"] for r in rivals):
        held = [p_number(against[r]["p_holm"]) for r in rivals]  # "< 1e-16" where double precision leaves it at 0
        p_values = (f"= {listing(held)}" if not any(p[0] in "<>" for p in held)
                    else listing([p_text(against[r]["p_holm"]) for r in rivals]).removeprefix("p "))
        return best, (f"With the {group}, {best} wins: its {measure} {mse[best]:.4g} is {_lower(mse, best, rivals)} "
                      f"beyond chance ({test} {p_values}).")
    if not any(p["differs"] for p in pairs):
        least = min((p["p_holm"] for p in pairs), default=1.0)
        bound = at_least(least)
        return None, f"With the {group}, {listing(list(mse))} tie: no pair differs beyond chance ({test} {bound})."
    top = [best] + [r for r in rivals if not against[r]["differs"]]
    apart = [p for p in pairs if p["a"] in top and p["b"] in top and p["differs"]]  # pairs of the top that differ
    clauses = [f"{r}'s {mse[r]:.4g} is higher than {best}'s beyond chance ({p_text(against[r]['p_holm'])})"
               for r in rivals if against[r]["differs"]]
    if not apart:
        within = [p["p_holm"] for p in pairs if p["a"] in top and p["b"] in top]
        clauses.insert(0, f"{listing(top)} tie for the lowest {measure} ({test} {_bound(within)})")
    else:  # not a tie: two of them differ from each other, each only not from the best
        near = top[1:]
        theirs = listing([f"{r}'s {mse[r]:.4g}" for r in near], "or")
        clauses[:0] = [f"{best} has the lowest {measure}, {mse[best]:.4g}, but it is not apart beyond chance from "
                       f"{theirs} ({test} {_bound([against[r]['p_holm'] for r in near])})"] + [
            f"{lo}'s {low} is lower than {hi}'s {high} beyond chance ({p_text(p['p_holm'])})"  # never two equal texts
            for p in apart for lo, hi in [sorted((p["a"], p["b"]), key=mse.get)]
            for low, high in [told_apart([mse[lo], mse[hi]], 4, "g")]]
    return None, f"With the {group}, no single model wins: {'; '.join(clauses)}."


def _bound(p_values: list[float]) -> str:
    """One p-value as "= 0.6", several as a bound on them all (``at_least``)."""
    return f"= {p_number(p_values[0])}" if len(p_values) == 1 and p_number(p_values[0])[0] not in "<>" else at_least(
        min(p_values))


def at_least(p: float) -> str:
    """The smallest of several p-values as a bound on them all: "= 1" where it is 1, "≥ 0.14", and "> 0.99" where two
    digits would round it to 1 (``p_number``)."""
    number = p_number(p)
    return f"= {number}" if p >= 1 else number if number[0] in "<>" else f"≥ {number}"


def pair_table(comparison: Comparison) -> list[list[str]]:
    """The head and one row per pair: the lower MSE, the DM statistic (negative when the first is
    better), the raw two-sided and the Holm-adjusted p-value, and whether the pair differs; "-" for a statistic
    that none is (None or NaN), and "no test" for a pair's p-values where none could be made (decision 1886)."""
    table = [["pair", "lower test MSE", "DM statistic", "p (two-sided)", "p (Holm)", "beyond chance"]]
    for p in comparison.pairs:
        statistic = p["statistic"]
        untested = p.get("no_test") or p["p"] is None or p["p"] != p["p"]
        table.append([f"{p['a']} vs {p['b']}", p["lower"],
                      "-" if statistic is None or statistic != statistic else f"{statistic:.2f}",
                      "no test" if untested else p_number(p["p"]), "no test" if untested else p_number(p["p_holm"]),
                      "not tested" if untested else "yes" if p["differs"] else "no"])
    return table


def percent_apart(percent: float) -> str:
    """A difference in percent as a whole number ("12%"), rounded half up as written in decimals (2.5 is "3%",
    not Python's round-half-even "2%"), never a "0%" that is not one: "less than 1%" where a difference rounds
    to 0 (under 0.5), "0%" only where there is none."""
    whole = int(Decimal(repr(float(percent))).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if percent and whole == 0:
        return "less than 1%"
    return f"{whole}%"
