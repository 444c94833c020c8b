"""What a run's scores say: the verdict against the baselines, and the --future-known hint.

A model *beats* a baseline only when its test MSE is lower and a Diebold–Mariano test gives
p < ``alpha``; the verdict says so in one sentence, in original units for one series of one target
and in scaled units for many series or several targets (``verdict_units``). Beside it: the ``--future-known`` hint of a fit whose past-only
features lose to the training mean or tie with it. A backtest gets the same verdict over its windows
(``backtestverdict``), with the test it rests on said. The other notes beside a verdict (the season
not weighed, a divergence, MASE without a scale, what fill made, the intervals) are ``runnotes``'s.
How far its p-value can be trusted (few forecast times, drifting errors) is ``pvaluecaveats``'s.
The command line prints these sentences; the report page (``reportpage``) shows them.
"""

from __future__ import annotations

import math

from rnncast import climatologyseries
from rnncast.seasonalgaps import model_mse, paired, unforecast
from rnncast.baselines import baseline_name, named
from rnncast.maecaveat import caveat
from rnncast.pvaluecaveats import drift_caveat, few_counts, few_times
from rnncast.runnotes import Fitted
from rnncast.scoretext import quoter
from rnncast.seasons import Season
from rnncast.significance import VERDICT_ALPHA, one_sided_text, same, too_few_times
from rnncast.spelling import counted, times_over


def verdict(test: dict, units: str = "original", alpha: float = VERDICT_ALPHA, where: str = "the test split",
            season: Season | None = None, told: tuple | None = None) -> tuple[bool, str]:
    """Whether the model beats every baseline on test MSE beyond chance, said in one sentence (which one: ``kind``).
    A lower MSE counts only when the Diebold–Mariano test gives p < ``alpha``: a model that ties with predicting the
    mean does not "beat" it by a rounding difference. ``where``: the windows scored, as the sentence names them
    (``evaluate`` scores other parts than the test split). ``season``: the season the calendar implies where no
    seasonal naive baseline was computed (``missing_season``): "every baseline" then names the ones computed, as it is
    no claim on the other. ``told``: ``outcome(test, units, alpha)`` where the caller has it."""
    good, name, model, rival, how, p = outcome(test, units, alpha) if told is None else told
    mse, said = measured(test, units), kind(good, model, rival, how)
    if said == "no_verdict":  # an overflow or nan in the scores: no comparison to say (decision 853)
        return False, (f"No verdict on {where}: the {mse} of the model ({model:.4g}) or of {named(name)} ({rival:.4g}) "
                       "is not a finite number, so no comparison can be made; check the scored rows for a value too "
                       "large for float32 (beyond 3.4e+38) or a forecast that overflowed.")
    result, q = test.get("significance", {}).get(name, {}), quoted(test, units)
    said_p = f" (Diebold–Mariano {one_sided_text(p)})" if p == p and not how.startswith("the same MSE") else untested(result, how)
    if good:
        rivals = baseline_mse(test, units)
        every = every_baseline(rivals, season, test.get("climatology_series"),  # decisions 1774, 1826
                               unforecast(test[units], "seasonal"))
        return True, (f"The model beats {every} on {where}: {mse} {q(model)} against "
                      f"{q(rival)} for the best baseline ({baseline_name(name)}){paired(test[units], name)}, {how}{said_p}."
                      f"{few_times(result, test.get('horizon', 1))}{drift_caveat(test, rivals)}"
                      f"{caveat(test[units], mse.replace('MSE', 'MAE', 1), test.get('original') if units == 'scaled' else None)}")
    if said == "lower_not_beyond_chance":  # lower than every baseline's, not beyond chance
        return False, lower_unproven(test, units, where, season)
    return False, (f"The model does NOT beat the baselines on {where}: {mse} {q(model)} against "
                   f"{q(rival)} for {named(name)}{paired(test[units], name)}, {how}{said_p}.")  # decision 2005


def kind(good: bool, model: float, rival: float, how: str, apart: dict | None = None, behind: bool = False) -> str:
    """Which of ``verdict``'s sentences an ``outcome`` (its ``good``, MSEs and ``how``) takes, as metrics.json names it
    (``verdictfields.WORDS``): "no_verdict", "beats", "beats_behind_linear_fit" (every baseline beaten, but ``behind``:
    the model is far behind a linear fit of its own inputs, ``samestep.behind_text``, which opens the sentence:
    decisions 1628, 1956), "beats_except_climatology" (the pooled baselines beaten, but the climatology scored apart,
    ``apart``: the part's ``climatology_series``, beats the model beyond chance: decisions 1826, 1914),
    "lower_not_beyond_chance" or "does_not_beat". Only "beats" is a win, as the page colours it."""
    if good and behind:  # the sentence opens with the linear fit: named first, the climatology's in ``each``
        return "beats_behind_linear_fit"
    if good and climatologyseries.beats_model(apart if isinstance(apart, dict) else None):
        return "beats_except_climatology"
    return ("no_verdict" if not (math.isfinite(model) and math.isfinite(rival)) else "beats" if good else
            "lower_not_beyond_chance" if model < rival and not how.startswith("the same MSE") else "does_not_beat")


def lower_unproven(test: dict, units: str, where: str, season: Season | None = None) -> str:
    """``verdict``'s sentence where the model's MSE is lower than every baseline's but not beyond chance (decision
    702): what was measured first, then why it does not count as beating, with no "does NOT beat" over a third of
    the baseline's error: "The model's MSE is lower than every baseline's on these windows: 0.2854 against 0.907 for
    the 'seasonal naive' baseline, 68.5% lower, but over 15 forecast times, whose 6-step windows overlap, the gap
    between its errors and that baseline's varies too much to tell that from chance (Diebold–Mariano p = 0.13, with
    1 degree of freedom): more forecast times (a longer test split, or rnncast backtest --n-windows) could."; untested: "..., but it was not tested against chance (no
    Diebold–Mariano test could be made: ...)."."""
    _, name, model, rival, how, p = outcome(test, units)
    result = test.get("significance", {}).get(name, {})
    rivals, q = baseline_mse(test, units), quoted(test, units)
    lowest = min(rivals, key=rivals.get)  # beaten beyond chance where it is not ``name``: its margin is the smallest
    least = (f" ({lower_by(model_mse(test[units], lowest), rivals[lowest]).replace(' lower', '')} below the lowest baseline MSE, "
             f"{q(rivals[lowest])} for {named(lowest)}, which it beats beyond chance)" if lowest != name else "")
    said = (f"The model's {measured(test, units)} is lower than {every_baselines(test, units, season)} on {where}: {q(model)} against {q(rival)} "
            f"for {named(name)}{paired(test[units], name)}, {lower_by(model, rival)}{least}, but ")
    if p != p:  # no test could be made
        return f"{said}it was not tested against chance{untested(result, how)}."
    few = few_counts(result, test.get("horizon", 1))
    # the baseline named again where another was just said beaten beyond chance (decision 2254)
    that = f"{named(name)}'s" if least else "that baseline's"
    vary = f"the gap between its errors and {that} varies too much to tell that from chance"  # not its size
    if not few:
        if "times" not in result:  # a backtest's: its sentence says what the test rests on (backtestverdict)
            told = f"its gap to {named(name)}" if least else "that"
            return f"{said}the test cannot tell {told} from chance (Diebold–Mariano {one_sided_text(p)})."
        return f"{said}over {counted(result['times'], 'forecast time')} {vary} (Diebold–Mariano {one_sided_text(p)})."
    times, overlap, freedom = few
    given = f", with {freedom}" if freedom else ""
    return (f"{said}over {times}{overlap} {vary} (Diebold–Mariano {one_sided_text(p)}{given}): more forecast times "
            "(a longer test split, or rnncast backtest --n-windows) could.")


def untested(result: dict, how: str) -> str:
    """Why evaluate's Diebold–Mariano test (``result``, with its ``times``) gave no p-value, as the
    verdict says it: " (no Diebold–Mariano test could be made: 1 forecast time, and it needs 2)"; ""
    where the forecasts are the baseline's (nothing to test) or the result is a backtest's, whose
    sentence says why itself (``backtest_verdict``)."""
    if "times" not in result or how.startswith("the same MSE"):
        return ""
    why = (too_few_times(result["times"]) if result["times"] < 2  # compare's words too (decision 1886)
           else "the loss differences do not vary")
    return f" (no Diebold–Mariano test could be made: {why})"


def quoted(test: dict, units: str):
    """An MSE in ``units`` as the table's column of every one (a backtest's windows' too) writes it (``quoter``)."""
    return quoter("mse", [s["mse"] for s in test[units].values()] + list(test.get("column_mse", ())))


def outcome(test: dict, units: str = "original", alpha: float = VERDICT_ALPHA) -> tuple[bool, str, float, float, str, float]:
    """What ``verdict`` and ``headline`` say, from one place: whether the model beats every baseline;
    the baseline named (the best one when it does; else, of those it does not beat, the one of lowest
    MSE); the model's and that baseline's MSE; how they compare ("12.5% lower", "a higher MSE", ...);
    that baseline's Diebold–Mariano p-value (NaN when no test could be made)."""
    rivals = baseline_mse(test, units)
    models = {name: model_mse(test[units], name) for name in rivals}  # each pair's values (decision 1966)
    rank = rivals.get if len(set(models.values())) <= 1 else (  # a baseline of fewer values: by the pair's ratio
        lambda n: rivals[n] / models[n] if models[n] else math.inf)
    p_values = {name: test.get("significance", {}).get(name, {}).get("p_value", 0.0) for name in rivals}
    losers = [n for n in rivals if not beats(test, n, units, alpha)]
    if not losers:
        best = min(rivals, key=rank)
        model = models[best]
        return True, best, model, rivals[best], lower_by(model, rivals[best]), p_values[best]
    worst = min(losers, key=rank)
    model = models[worst]
    tested = p_values[worst] == p_values[worst]  # NaN: no test could be made (one cutoff), so no chance was weighed
    how = ("the same MSE: its forecasts are the baseline's" if same_scores(test, worst, units)
           else ("a lower MSE, but not beyond chance" if tested else "a lower MSE, not tested against chance")
           if model < rivals[worst] else "a higher MSE")
    return False, worst, model, rivals[worst], how, p_values[worst]


def baseline_mse(test: dict, units: str) -> dict[str, float]:
    """Each baseline's test MSE in ``units``, by its name (every score of ``test[units]`` but the model's), in their
    order: what the model is weighed against (``outcome``), and the baselines a sentence names. A seasonal naive with
    no forecast at any value scored has no scores and is left out (``seasonalgaps.unforecast``; the notes say why:
    decision 1995)."""
    return {name: s["mse"] for name, s in test[units].items() if name != "model" and not unforecast(test[units], name)}


def against_each(test: dict, units: str = "original", alpha: float = VERDICT_ALPHA) -> list[dict]:
    """The model against each baseline on its own, as ``verdict`` weighs them together: ``{"name", "mse"}`` (the
    baseline's, in ``units``), ``"how"`` the model's MSE compares ("43.1% lower", "a higher MSE", ...) and whether it is
    ``"lower"``, ``"p"`` (the
    Diebold–Mariano p-value, NaN where no test was made) and ``"beaten"`` (``beats``). The verdict is that every one
    is beaten; this says which are where not every one is."""
    scores, significance = test[units], test.get("significance", {})
    each = []
    for name, rival in baseline_mse(test, units).items():
        model = model_mse(scores, name)  # on the values the baseline has a forecast for (decision 1966)
        how = ("the same MSE" if same_scores(test, name, units) else lower_by(model, rival) if model < rival
               else "a higher MSE")
        each.append({"name": name, "mse": rival, "how": how, "lower": model < rival and how != "the same MSE",
                     "p": significance.get(name, {}).get("p_value", float("nan")), "beaten": beats(test, name, units, alpha)})
    return each


def lower_by(model: float, rival: float) -> str:
    """How much lower the model's MSE is than a baseline's: "12.5% lower"; ">99.9% lower (1/337,000 of it)"
    where the percentage would round to 100.0 (0.0126 against 4259)."""
    percent = 100 * (1 - model / rival)
    if percent < 0.05:  # never "0.0% lower" of a lower MSE
        return "less than 0.1% lower"
    if percent < 99.95:
        return f"{percent:.1f}% lower"
    ratio = f" (1/{times_over(rival / model)} of it)" if model > 0 else ""
    return f">99.9% lower{ratio}"


def headline(test: dict, units: str = "original", alpha: float = VERDICT_ALPHA, season: Season | None = None) -> str:
    """The verdict (``verdict``) in a line, for a figure's title, with the same numbers and p-value:
    "the model does NOT beat the 'training mean' baseline: MSE 57.59 against 44.89, a higher MSE
    (Diebold–Mariano p = 0.68)", or "the model beats every baseline: MSE 1 against 2 for the best (repeat
    the last value), 50.0% lower
    (Diebold–Mariano p = 0.01)"; ``season`` as for ``verdict``."""
    good, name, model, rival, how, p = outcome(test, units, alpha)
    mse = "MSE" if units == "original" or test.get("scaled_by") == "nothing" else "scaled MSE"
    said_p, q = f" (Diebold–Mariano {one_sided_text(p)})" if p == p else " (no Diebold–Mariano test)", quoted(test, units)
    if good:
        every = every_baseline(baseline_mse(test, units), season, test.get("climatology_series"),
                               unforecast(test[units], "seasonal"))
        return (f"the model beats {every}: {mse} {q(model)} against {q(rival)} "
                f"for the best ({baseline_name(name)}), {how}{said_p}")
    if model < rival and not how.startswith("the same MSE"):  # lower than every baseline's, not beyond chance
        chance = "not beyond chance" if p == p else "not tested against chance"
        return (f"the model's {mse} is lower than {every_baselines(test, units, season)}: {q(model)} against {q(rival)} for {named(name)}, "
                f"{lower_by(model, rival)}, {chance}{said_p}")
    return f"the model does NOT beat {named(name)}: {mse} {q(model)} against {q(rival)}, {how}{said_p}"


def every_baseline(rivals, season: Season | None = None, apart: dict | bool | None = None, dropped: bool = False) -> str:
    """"every baseline", or where a season is implied and no seasonal naive baseline was computed,
    "every baseline computed (repeat the last value, training mean)": the sentence claims no more than was
    compared. ``apart``: the climatology is scored apart after the verdict (a ``climatology_series``, decision
    1693): "every baseline of the pooled verdict (repeat the last value, training mean; the climatology is scored
    apart below)", whatever the season (decision 1774); where that climatology beats the model beyond chance on its
    series (``climatologyseries.beats_model``), "every baseline of the pooled verdict except the climatology (...;
    the climatology, scored apart below, beats it beyond chance on the series that have one)" (decision 1826).
    ``dropped``: a seasonal naive was computed but has no forecast at any value scored (``unforecast``), so it is not
    weighed: "every baseline weighed (repeat the last value, training mean)" (decision 1995)."""
    names = ", ".join(map(baseline_name, rivals))
    if apart and climatologyseries.beats_model(apart if isinstance(apart, dict) else None):
        return (f"every baseline of the pooled verdict except the climatology ({names}; the climatology, scored apart "
                "below, beats it beyond chance on the series that have one)")
    if apart:
        return f"every baseline of the pooled verdict ({names}; the climatology is scored apart below)"
    if (season is None and not dropped) or "seasonal" in rivals:
        return "every baseline"
    if dropped:
        return f"every baseline weighed ({names})"
    return f"every baseline computed ({names})"


def every_baselines(test: dict, units: str, season: Season | None = None) -> str:
    """``every_baseline``'s, as "lower than" takes it: "every baseline's" or "that of every baseline computed (...)"."""
    every = every_baseline(baseline_mse(test, units), season, test.get("climatology_series"),
                           unforecast(test[units], "seasonal"))
    return f"{every}'s" if every == "every baseline" else f"that of {every}"


def beats(test: dict, baseline: str, units: str = "original", alpha: float = VERDICT_ALPHA) -> bool:
    """Whether the model's test MSE is lower than ``baseline``'s, beyond chance (Diebold–Mariano p < ``alpha``). The
    same MSE to a millionth (``significance.same``) is never beaten: the untrained network's forecasts are the baseline's in
    float32, and the test found the rounding's tiny, steady differences "beyond chance" (p = 0.036 in a backtest)."""
    scores = test[units]
    p_value = test.get("significance", {}).get(baseline, {}).get("p_value", 0.0)
    model, rival = model_mse(scores, baseline), scores[baseline]["mse"]  # the pair's values (decision 1966)
    return model < rival and not same_scores(test, baseline, units) and p_value < alpha


def same_scores(test: dict, baseline: str, units: str = "original") -> bool:
    """Whether the model's test MSE is ``baseline``'s (``significance.same``) in ``units`` or in scaled units: the model
    computes in scaled float32, so where one value inflates the scale, forecasts that equal the baseline's there
    differ from its float64 values by millionths once in original units (a tester's 2.201383 against 2.201393,
    "less than 0.1% lower" said of the untrained network)."""
    return any(same(model_mse(test[u], baseline), test[u][baseline]["mse"]) for u in dict.fromkeys((units, "scaled"))
               if baseline in test.get(u, {}) and "model" in test.get(u, {}))


def verdict_units(forecaster: Fitted) -> str:
    """Original units for one series of one target; scaled units for many series or several targets,
    where each one's errors count in its own scale (a pooled original-unit MSE would be the largest
    series' or target's MSE: Volume's against Close's), as the Diebold–Mariano test counts them."""
    return units_for(forecaster.layout_, len(forecaster.targets_))


def units_for(layout: str, targets: int) -> str:
    """``verdict_units`` of data of this ``layout`` ("single", "long", "wide") with ``targets`` targets
    (a backtest's panel, before any model is fitted): "original" or "scaled"."""
    return "original" if layout == "single" and targets == 1 else "scaled"


def measured(test: dict, units: str) -> str:
    """The verdict's MSE, named with the units it is in: "MSE" in original units; in scaled units "MSE (each series in
    its own scaled units)" where a scaler scaled them, "MSE (each series divided by its training rows' standard
    deviation)" where none did (``spreads.weighed``: evaluate's ``scaled_by``), and where a model without a scaler kept
    no spreads (saved before they were kept), the original units it is in, and what that means."""
    if units == "original":
        return "MSE"
    each, by = scaled_each(test), test.get("scaled_by")
    if by == "training standard deviation":
        return f"MSE (each {each} divided by its training rows' standard deviation)"
    if by == "nothing":
        return "MSE (in original units: no scaler scaled them, so the largest values weigh most)"
    return f"MSE (each {each} in its own scaled units)"


def scaled_each(test: dict) -> str:
    """What is scaled on its own in scaled units, as the verdict says it: "series", "target" or
    "series and target" (from the scored part's series and the scores' ``targets``; ``series`` in a
    result of ``evaluate(by_series=True)`` holds each series' scores, not their count)."""
    series = test.get("scored", {}).get("series", 1)
    several = test.get("targets", 1) > 1
    return "series and target" if series > 1 and several else "target" if several else "series"

