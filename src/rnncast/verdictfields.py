"""The verdict against the baselines as metrics.json keeps it for a machine: a word, and each baseline's outcome.

A pipeline that gates a deployment on the verdict had to parse fit's sentence ("The model does NOT beat the
baselines ...") or redo decision 20's rule from the p-values (decision 1862). ``fields`` gives the same verdict from
the same place as the sentence (``verdicts.outcome`` for the verdict, ``verdicts.against_each`` for each baseline),
with the word naming which of ``verdict``'s sentences it is. fit's metrics.json (each part's), evaluate's result and
``--json`` and a backtest's metrics.json (the verdict over its windows) carry it built here, one shape for the same
scores (decision 1878); ``model_kept`` says which network a fitted or saved model is (decision 1861), fit's metrics.json
and evaluate's alike.
"""

from __future__ import annotations

from rnncast import climatologyseries, untrained
from rnncast.significance import VERDICT_ALPHA
from rnncast.verdicts import against_each, kind, outcome

WORDS = ("beats", "beats_except_climatology", "lower_not_beyond_chance", "does_not_beat", "no_verdict")


def fields(part: dict, units: str) -> dict:
    """metrics.json's ``against_baselines`` of one scored part (``evaluation.evaluate``'s dict, as ``verdicts.verdict``
    takes it) judged in ``units`` ("original" or "scaled": ``verdicts.verdict_units``): ``verdict``, one of ``WORDS``
    ("beats": a lower MSE than every baseline with Diebold–Mariano p < ``alpha``; "beats_except_climatology": so for
    the pooled baselines, but the climatology scored apart on the series that have one beats the model beyond chance,
    as the sentence says "except the climatology" (decisions 1826, 1914); "lower_not_beyond_chance": lower than every
    baseline's, not beyond chance; "does_not_beat"; "no_verdict": a score not finite);
    ``beats_baselines`` (true only for "beats", as model.json's ``test_scores``); ``baseline``, the one the sentence
    names; ``verdict_units``; ``alpha``; and ``each``: per baseline ``{"beaten", "lower", "p_value"}`` (p null where
    no test could be made), and the climatology scored apart (``climatologyseries.against``: with ``"apart": true``
    and its ``"series"``) where the part has one."""
    good, name, model, rival, how, _ = outcome(part, units)
    apart = part.get("climatology_series")
    word = kind(good, model, rival, how, apart)  # the sentence verdict says of it, "except the climatology" included
    each = {e["name"]: {"beaten": bool(e["beaten"]), "lower": bool(e["lower"]), "p_value": _p(e["p"])}
            for e in against_each(part, units)}
    if (climatology := climatologyseries.against(apart if isinstance(apart, dict) else None)) is not None:
        each[climatologyseries.KEY] = climatology
    return {"verdict": word, "beats_baselines": word == "beats", "baseline": str(name), "verdict_units": units,
            "alpha": VERDICT_ALPHA, "each": each}


def added(metrics: dict, units: str) -> dict:
    """``metrics`` (``report.run_metrics``': a dict of scored parts, "val" and "test") with each part's
    ``against_baselines`` (``fields``) added; a part without a model score is left as it is."""
    return {part: {**scores, "against_baselines": fields(scores, units)}
            if isinstance(scores, dict) and "model" in (scores.get(units) or {}) else scores
            for part, scores in metrics.items()}


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
