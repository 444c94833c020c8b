"""What an R² or a wQL shown as undefined (NaN, "-") means, in words: R² divides by the scored actual values' variance, so where
they never vary there is none. One series' R² is undefined; a panel's "R² (series mean)" averages the series that
have one, and says over how many; several targets' R² is the mean of the targets' own (``metrics.score``,
``seriesr2.r2_by_series``), and each target that averages fewer series, or has none, is named. A page that shows the
validation and test splits says it of each (``split_notes``). A quantile model's wQL divides its summed pinball loss
by the summed absolute actual values, so where every scored actual value is 0 it has none either (decision 2101).
"""

from __future__ import annotations

VARIANCE = "R² divides by their variance"
SPLITS = {"val": "the validation split", "test": "the test split"}  # the parts a run's page shows, in its order


def r2_note(result: dict, split: str | None = None) -> str | None:
    """Where R² is undefined in one part's scores (``evaluation.evaluate``'s ``result``, or a run's metrics.json
    part): for one series, that it is; for a panel, over how many series its mean is (``r2_by_series``); with several
    targets, each target whose R² averages fewer series or has none, and what the targets' mean averages. ``split``
    ("the validation split") starts the note with it, for a page showing several. None where every R² is defined."""
    note = _targets_note(result) if len(result.get("by_target") or {}) > 1 else _one_note(result)
    note = " ".join(filter(None, (note, _wql_note(result)))) or None
    return None if note is None else f"On {split}, {note}" if split else note


def _wql_note(result: dict) -> str | None:
    """wQL undefined (NaN or None in the model's original-unit scores): every scored actual value is 0."""
    wql = result.get("original", {}).get("model", {}).get("wql", 0.0)
    if wql is None or wql != wql:
        return "wQL is undefined: every scored actual value is 0 (wQL divides by their summed absolute value)."
    return None


def split_notes(metrics: dict, note=None) -> list[str]:
    """The R² notes of a run's page (``metrics``: metrics.json's parts): one per split shown whose R² is undefined
    somewhere, each naming its split where the page shows both. ``note``: another note of one part's scores
    (``runnotes.percent_note``: MAPE and sMAPE where actual values are 0), said of each split alike."""
    parts = [part for part in SPLITS if isinstance(metrics.get(part), dict)]
    if note is None:
        notes = (r2_note(metrics[part], SPLITS[part] if len(parts) > 1 else None) for part in parts)
    else:
        notes = ((f"On {SPLITS[part]}, {said}" if len(parts) > 1 and said else said)
                 for part in parts for said in [note(metrics[part])])
    return [text for text in notes if text]


def _one_note(result: dict) -> str | None:
    """One target's: R² undefined, or a panel's series mean over fewer series than it scored."""
    by = result.get("r2_by_series")
    if by is not None and by["series"] < by["of"]:
        if not by["series"]:
            return (f"R² is undefined: the scored actual values of each of the {by['of']} series never vary ({VARIANCE}).")
        left = by["of"] - by["series"]
        return (f"R² (series mean) averages the {by['series']} of {by['of']} series whose scored actual values vary; "
                f"it is undefined for the other {'one' if left == 1 else left} ({VARIANCE}), which count in every error.")
    if by is None and _undefined(result.get("original", {}).get("model", {})):
        return f"R² is undefined: the scored actual values never vary ({VARIANCE})."
    return None


def _targets_note(result: dict) -> str | None:
    """Several targets': each target's R² over fewer series than scored, or undefined; the targets' mean of the rest."""
    by = result.get("r2_by_series")
    counts, of = (by or {}).get("by_target") or {}, (by or {}).get("of")
    none = [t for t, block in result["by_target"].items() if _undefined(block.get("model", {}))]
    if len(none) == len(result["by_target"]):
        return _one_note(result) or f"R² is undefined: the scored actual values of every target never vary ({VARIANCE})."
    pieces = [f"the R² (series mean) of target {t!r} averages the {counts[t]} of {of} series whose values of it vary"
              for t in result["by_target"] if t not in none and t in counts and counts[t] < of]
    where = f" in any of the {of} series" if by else ""
    pieces += [f"target {t!r} has none (its values never vary{where})" for t in none]
    if not pieces:
        return None
    rest = len(result["by_target"]) - len(none)
    mean = ("the targets' mean R² is the mean of the targets' own" if not none else
            "the targets' mean R² is that of the other target" if rest == 1 else
            f"the targets' mean R² averages those of the other {rest} targets")
    return (f"R² is undefined where the scored actual values never vary ({VARIANCE}), which count in every error: "
            f"{'; '.join(pieces)}; {mean}.")


def _undefined(scores: dict) -> bool:
    """Whether a forecaster's scores hold an R² that is NaN (metrics.json writes it as null)."""
    return "r2" in scores and (scores["r2"] is None or scores["r2"] != scores["r2"])
