"""The verdict against the baselines as metrics.json keeps it for a machine: a word, and each baseline's outcome.

A pipeline that gates a deployment on the verdict had to parse fit's sentence ("The model does NOT beat the
baselines ...") or redo decision 20's rule from the p-values (decision 1862). ``fields`` gives the same verdict from
the same place as the sentence (``verdicts.outcome`` for the verdict, ``verdicts.kind`` for its word, the linear fit
and the climatology included, ``verdicts.against_each`` for each baseline); ``intervals`` the quantiles' verdict
(``intervalverdict``'s functions, its sentence's). ``readout.said`` and ``readout.backtest_said`` build them beside
their sentences (``Said.fields``, ``machine``'s), and fit's metrics.json (each part's), evaluate's result and
``--json`` and a backtest's metrics.json (the verdict over its windows) read them there, one shape for the same
scores (decisions 1878, 1958); ``model_kept`` says which network a fitted or saved model is (decision 1861), fit's
metrics.json and evaluate's alike.
"""

from __future__ import annotations

import math

from rnncast import bandcounts, climatologyseries, seasonalgaps, untrained
from rnncast.intervalverdict import best_pinball, pair, standing, weighed
from rnncast.significance import VERDICT_ALPHA, beaten, same
from rnncast.verdicts import against_each, kind, outcome

WORDS = ("beats", "beats_behind_linear_fit", "beats_except_climatology", "lower_not_beyond_chance", "does_not_beat",
         "no_verdict")
INTERVAL_WORDS = ("beats", "lower_not_beyond_chance", "does_not_beat", "baseline_better", "not_weighed", "no_verdict")
STANDING = {"beats": "beats", "lower_not_beyond_chance": "lower_not_beyond_chance", "lower_untested":
            "lower_not_beyond_chance", "same": "does_not_beat", "higher": "does_not_beat", "higher_untested":
            "does_not_beat", "higher_beyond_chance": "baseline_better"}  # ``intervalverdict.standing``'s, by word


def machine(part: dict, units: str, told: tuple | None = None, behind: dict | None = None) -> dict:
    """``{"against_baselines": fields(...), "intervals_against_baselines": intervals(...)}`` of one scored part: what
    metrics.json, evaluate's result and a backtest's metrics.json keep beside the scores (``readout.Said.fields``)."""
    return {"against_baselines": fields(part, units, told, behind), "intervals_against_baselines": intervals(part, units)}


def fields(part: dict, units: str, told: tuple | None = None, behind: dict | None = None) -> dict:
    """metrics.json's ``against_baselines`` of one scored part (``evaluation.evaluate``'s dict, as ``verdicts.verdict``
    takes it) judged in ``units`` ("original" or "scaled": ``verdicts.verdict_units``): ``verdict``, one of ``WORDS``
    ("beats": a lower MSE than every baseline with Diebold–Mariano p < ``alpha``; "beats_behind_linear_fit": so, but
    the model is far behind a linear fit of its own inputs, which opens the sentence (decisions 1628, 1956);
    "beats_except_climatology": so for the pooled baselines, but the climatology scored apart on the series that have
    one beats the model beyond chance, as the sentence says "except the climatology" (decisions 1826, 1914);
    "lower_not_beyond_chance": lower than every baseline's, not beyond chance; "does_not_beat"; "no_verdict": a score
    not finite); ``beats_baselines`` (true only for "beats", as the page colours the verdict green); ``baseline``, the
    one the sentence names; ``behind_linear_fit`` (``behind``: ``{"linear_fit_r2", "model_r2"}`` the sentence quotes,
    null where it says no such fit); ``verdict_units``; ``alpha``; and ``each``: per baseline ``{"beaten", "lower",
    "p_value"}`` (p null where no test could be made; a seasonal naive with no forecast at any value scored: each
    null, with ``no_forecast`` saying why, ``seasonalgaps.untested``, decision 2029), and the climatology scored apart (``climatologyseries.against``:
    with ``"apart": true`` and its ``"series"``) where the part has one. ``told``: ``verdicts.outcome`` of the part,
    where the caller has it (``readout.said``)."""
    good, name, model, rival, how, _ = outcome(part, units) if told is None else told
    apart = part.get("climatology_series")
    word = kind(good, model, rival, how, apart, behind is not None)  # the sentence's verdict, its caveats included
    each = {e["name"]: {"beaten": bool(e["beaten"]), "lower": bool(e["lower"]), "p_value": _p(e["p"])}
            for e in against_each(part, units)}
    if (climatology := climatologyseries.against(apart if isinstance(apart, dict) else None)) is not None:
        each[climatologyseries.KEY] = climatology
    each.update({name: {**none, "lower": None} for name, none in seasonalgaps.untested(part.get(units) or {}).items()})
    return {"verdict": word, "beats_baselines": word == "beats", "baseline": str(name), "behind_linear_fit": behind,
            "verdict_units": units, "alpha": VERDICT_ALPHA, "each": each}


def intervals(part: dict, units: str, alpha: float = VERDICT_ALPHA) -> dict | None:
    """The quantiles' verdict the sentence gives after the MSE one ("Its quantiles: ...", ``pinball_verdict``), for a
    machine (decision 1957): ``verdict``, one of ``INTERVAL_WORDS`` ("beats": a lower mean pinball loss than the best
    weighed baseline's intervals, beyond chance against every weighed one; "lower_not_beyond_chance": lower, not
    beyond chance or not tested; "does_not_beat": the same or higher, not beyond chance; "baseline_better": the best
    baseline's quantiles better beyond chance; "not_weighed": no baseline has an interval at any value scored;
    "no_verdict": the model's loss not finite), by ``intervalverdict.standing``; ``beats_baselines`` (true only for
    "beats"); ``baseline`` (the best weighed one, ``best_pinball``; null where none is); ``verdict_units``; ``alpha``;
    and ``each`` baseline with intervals: ``weighed`` (``intervalverdict.weighed``), ``on_fewer_values`` (weighed on
    the values it has an interval for, fewer than the model's: decision 1909), ``values_left_out`` (the values scored
    it has no interval at; 0 where none), ``values_unlearned`` (those of them for want of the fit's training rows in the
    data, the rest for too few training windows: decision 1932), ``pinball`` and the
    ``model_pinball`` on the same values (``pair``), ``lower``, ``beaten`` (``significance.beaten``, compare's rule)
    and ``p_value`` (one-sided, that the model is not better; null where not tested). None for a point model."""
    block = part.get(units) or {}
    model = (block.get("model") or {}).get("pinball")
    if model is None:
        return None
    tests = part.get("significance_pinball") or {}
    each = {}
    for name, scores in block.items():
        if name == "model" or not isinstance(scores, dict) or "pinball" not in scores:
            continue
        left, on = scores.get(bandcounts.KEY) or {}, weighed(name, scores)
        mine, rival = pair(block, name) if on else (math.nan, math.nan)
        p = tests.get(name, {}).get("p_value", math.nan) if on else math.nan
        each[name] = {"weighed": on, "on_fewer_values": bool(on and left.get("values")),
                      "values_left_out": int(left.get("values", 0)), "values_unlearned": int(left.get("unlearned", 0)),
                      "pinball": _p(rival), "model_pinball": _p(mine), "lower": bool(on and mine < rival and not same(mine, rival)),
                      "beaten": beaten(mine, rival, p, alpha) if on and p == p else False, "p_value": _p(p)}
    found = best_pinball(part, units) if math.isfinite(model) else None
    word = ("no_verdict" if not math.isfinite(model) else "not_weighed" if found is None else
            STANDING[standing(part, units, found[1], found[0], found[2], alpha)[0]])
    return {"verdict": word, "beats_baselines": word == "beats", "baseline": found[0] if found else None,
            "verdict_units": units, "alpha": alpha, "each": each}


def added(metrics: dict, of) -> dict:
    """``metrics`` (``report.run_metrics``': a dict of scored parts, "val" and "test") with each part's
    ``against_baselines`` and ``intervals_against_baselines`` added, as ``of(part, scores)`` gives them (``machine``'s,
    the part's ``readout.Said.fields``); a part without a model score is left as it is."""
    return {part: {**scores, **of(part, scores)} if isinstance(scores, dict) and "model" in (scores.get("original") or {})
            else scores for part, scores in metrics.items()}


def model_kept(forecaster) -> str | None:
    """Which network a fitted (or saved and loaded) Forecaster is, as metrics.json's ``model_kept`` says it (decision
    1861): "untrained" where no epoch beat the untrained network's validation loss (``untrained.kept``), else
    "trained"; None for a model saved before it kept its epochs (``history_`` empty), whose epochs no one can read, or
    one whose fit has not ended (``evaluate`` called from ``on_epoch``: no network is kept yet)."""
    if not getattr(forecaster, "history_", None):
        return None
    return "untrained" if untrained.kept(forecaster) else "trained"


def _p(p) -> float | None:
    return float(p) if isinstance(p, (int, float)) and p == p else None
