"""The series with no training spread that a panel's pooled scaled verdict turns on (decision 1488).

A series constant on its training rows has no spread to divide by, so it is divided by 1 whatever the scaler
(decision 1879): the standard scaler only centres it and minmax only shifts it by its minimum, its constant value
(each with scale 1, ``scaling.flat_spread``), and under ``scaler='none'`` the verdict's division by each series'
training spread takes 1 for it (``spreads.training_spreads``). Its "scaled" errors are then errors in the file's own
units, and it has no MASE scale either (MASE leaves it out). A tester's 295 weekly SKUs, 7 of them all zero in training and selling 1-9 units in the test
weeks: a unit sold there counted as about 20 of an ordinary SKU's (training spread about 4.5), those 7 held 35% of
the training mean's scaled squared error, and the verdict said the model beats every baseline (p = 0.039); without
them the training mean's scaled MSE was lower (1.1645 against 1.2243), and a fit without them said "does NOT beat"
(p = 0.99). Counted in packs of 10 they would have weighed a hundred times less. ``measure`` finds those series
(a window's target whose MASE scale is not positive and whose scaled errors are its original errors) and, where
leaving them out changes whether the model's pooled scaled MSE is lower than every baseline's, says so: the line
beside the verdict (``scaledshares.verdict_note``) names them, their share, the scores without them and their
scores in original units. Where it changes nothing, nothing is said: the verdict does not rest on them. Of several
targets, a series flat in some of them is named with those (``'S3' in target 'returns'``, decision 1522).
"""

from __future__ import annotations

import numpy as np

from rnncast import seasonalgaps
from rnncast.baselines import baseline_name
from rnncast.scoretext import percent
from rnncast.spelling import some
from rnncast.windowforecasts import WindowForecasts, scored, scored_errors

SAME = 1e-3  # a window's scaled squared errors within this share of its original ones: not scaled (scale 1)


def measure(original: WindowForecasts, scaled: WindowForecasts, mase_scales: np.ndarray) -> dict | None:
    """``{"series": [id, ...] (those with a window of no training spread), "of": series scored, "mse": {forecaster:
    their share of its scaled squared error}, "without": {forecaster: pooled scaled MSE of the other windows},
    "original": {forecaster: the MSE of their unscaled windows in original units}}`` of the windows [W, H, T] of
    ``scaled`` and ``original`` (``mase_scales`` [W, T]: each window's MASE denominator), where leaving those windows
    out changes whether the model's pooled scaled MSE is lower than every baseline's; None where it does not, where
    there are none, or for one series. ``"targets"``: {id as text: [target, ...]} of a series flat in only some of
    several targets (decision 1522)."""
    if scaled.series is None or len(present := np.unique(scaled.series)) < 2 or not scaled.baselines:
        return None
    keep = scored(scaled)
    forecasters = {"model": (scaled.y_pred, original.y_pred),
                   **{n: (p, original.baselines[n]) for n, p in scaled.baselines.items()}}
    own = {n: seasonalgaps.values_of(n, keep, s) for n, (s, _) in forecasters.items()}  # its values (decision 1994)
    raw = {n: ((np.asarray(s, dtype=np.float64) - scaled.y_true) ** 2, (np.asarray(o, dtype=np.float64) - original.y_true) ** 2)
           for n, (s, o) in forecasters.items()}  # [W, H, T] each, in scaled and in original units
    squared = {n: tuple(scored_errors(e, own[n]) for e in raw[n]) for n in raw}  # a missing forecast: not a 0 error
    scaled_sum = sum(s.sum(axis=1) for s, _ in squared.values())  # [W, T] every forecaster's
    original_sum = sum(o.sum(axis=1) for _, o in squared.values())
    with np.errstate(divide="ignore", invalid="ignore"):
        same = np.where(scaled_sum > 0, np.abs(original_sum / scaled_sum - 1) <= SAME, original_sum == 0)
    flat = ~(np.isfinite(mase_scales) & (mase_scales > 0)) & same  # [W, T] windows of no training spread
    if not flat.any() or flat.all():
        return None
    counts = {n: scored_errors(np.ones(scaled.y_true.shape), own[n]) for n in raw}
    inside = np.broadcast_to(flat[:, None, :], scaled.y_true.shape)
    paired = {n: tuple(scored_errors(e, own[n]) for e in raw["model"]) for n in raw if own[n] is not keep}

    def pooled(errors: np.ndarray, where: np.ndarray, n: str) -> float:
        mine = counts[n][where].sum()
        return float(errors[where].sum() / mine) if mine > 0 else float("nan")

    everything = np.ones(inside.shape, dtype=bool)
    with_them = {n: pooled(s, everything, n) for n, (s, _) in squared.items()}
    without = {n: pooled(s, ~inside, n) for n, (s, _) in squared.items()}
    model_with = {n: pooled(s, everything, n) for n, (s, _) in paired.items()}  # the model's on each pair's values
    model_without = {n: pooled(s, ~inside, n) for n, (s, _) in paired.items()}
    if _lower(with_them, model_with) == _lower(without, model_without) or not np.isfinite(list(without.values())).all():
        return None
    named = np.unique(scaled.series[flat.any(axis=1)])
    found = {"series": [scaled.ids[int(i)] for i in named], "of": int(len(present)),
             "mse": {n: float(s[inside].sum() / s.sum()) if s.sum() > 0 else 0.0 for n, (s, _) in squared.items()},
             "without": without, "original": {n: pooled(o, inside, n) for n, (_, o) in squared.items()},
             **({"paired": {n: {"without": model_without[n], "original": pooled(paired[n][1], inside, n)}
                            for n in paired}} if paired else {})}  # the model's beside a baseline of fewer values
    targets = {str(scaled.ids[int(i)]): [str(scaled.targets[t]) for t in np.flatnonzero(flat[scaled.series == i].any(axis=0))]
               for i in named} if len(scaled.targets) == flat.shape[1] > 1 else {}  # decision 1522
    return found | ({"targets": kept} if (kept := {k: v for k, v in targets.items() if len(v) < flat.shape[1]}) else {})


def named(series: list, targets: dict | None) -> list[str]:
    """``series`` (ids) as a line names them: ``'S3'``, or ``'S3' in target 'returns'`` where ``targets`` ({id as text:
    [target, ...]}, ``measure``'s) names the targets of several that a series is flat in (decision 1522)."""
    targets = targets or {}
    return [repr(str(s)) + (f" in target{'s' if len(targets[str(s)]) > 1 else ''} "
                            f"{', '.join(repr(t) for t in targets[str(s)])}" if targets.get(str(s)) else "")
            for s in series]


def whole(series: list, targets: dict | None, one: bool) -> str:
    """" (all its targets)" after "Without it" where ``named`` gave one of ``series`` a target (``targets``): the scores
    "without" a series leave out every target of it, not the target named (decision 1571); else ""."""
    return f" (all {'its' if one else 'their'} targets)" if any(str(s) in (targets or {}) for s in series) else ""


def _lower(mse: dict, model: dict | None = None) -> bool:
    """Whether the model's pooled MSE is lower than every baseline's: than a baseline of fewer values (the seasonal
    naive's), the model's on those values (``model``: baseline -> it; decision 1994)."""
    return all((model or {}).get(n, mse["model"]) < v for n, v in mse.items() if n != "model")


def text(flat: dict | None, verdict_name: str | None = None) -> str | None:
    """The line beside the verdict where ``measure`` found ``flat``: the verdict turns on those series, their share
    of the scaled squared error (``verdict_name``'s, the baseline the verdict names, and the model's), and the model's
    scaled MSE against each baseline's without them and its MSE on them in original units, that baseline first; beside
    a baseline scored on fewer values (``paired``), the model's on those values (decision 1994)."""
    if not flat:
        return None
    k, one = len(flat["series"]), len(flat["series"]) == 1
    names = some(named(flat["series"], flat.get("targets")), 10)
    shown = verdict_name if verdict_name in flat["mse"] else max((n for n in flat["mse"] if n != "model"),
                                                                  key=flat["mse"].get)
    rivals = sorted((n for n in flat["without"] if n != "model"), key=lambda n: n != shown)
    without, model, paired = flat["without"], flat["without"]["model"], flat.get("paired", {})
    lower = _lower(without, {n: v["without"] for n, v in paired.items()})

    def pair(n: str, key: str) -> str:  # the model's on the values a baseline of fewer values has (decision 1994)
        return f" (the model's {paired[n][key]:.4g} on the values it has a forecast for)" if n in paired else ""

    return (f"The pooled scaled scores and this verdict turn on {'the one' if one else f'the {k}'} of the "
            f"{flat['of']} series ({names}) with no spread on {'its' if one else 'their'} training rows: "
            f"whatever the scaler, {'it is' if one else 'they are'} divided by 1, not scaled, so {'its' if one else 'their'} scaled errors "
            "are in the data's own units (a unit there weighs as a whole training spread of another series, and "
            f"another unit of measure would weigh {'it' if one else 'them'} otherwise); {'it holds' if one else 'they hold'} "
            f"{percent(flat['mse'][shown])} of the '{baseline_name(shown)}' baseline's scaled squared error and "
            f"{percent(flat['mse']['model'])} of the model's. Without {'it' if one else 'them'}"
            f"{whole(flat['series'], flat.get('targets'), one)}, the model's scaled MSE is "
            f"{model:.4g} against " + ", ".join(f"{without[n]:.4g} for '{baseline_name(n)}'{pair(n, 'without')}" for n in rivals)
            + (", lower than every baseline's" if lower else ", not lower than every baseline's")
            + f"; on {'it' if one else 'them'}, in original units, the model's MSE is {flat['original']['model']:.4g} "
            "against " + ", ".join(f"{flat['original'][n]:.4g} for '{baseline_name(n)}'{pair(n, 'original')}"
                               for n in rivals) + ".")
