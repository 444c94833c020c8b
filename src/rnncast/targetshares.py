"""Which targets a pooled verdict over several targets rests on: each target's share of the model's pooled MSE
(in the units the verdict weighs), and the targets on which the model loses to a baseline it beats pooled.

A backtest of OT, HUFL and LULL (ETTh1) pooled the model's scaled MSE to 3.339 against 'repeat the last value''s,
and said the model's was lower than every baseline's; LULL held 94% of it, and on OT the model lost (0.196 against
0.142). ``measure`` keeps each target's share and those losses; ``text`` says them beside the verdict, as
``pooledunits`` says a few series' share of a panel's original-unit scores. Where quantiles are fitted, the losses by
pinball loss too: a fit of ETTh1's OT and HUFL beat 'repeat the last value''s intervals pooled while OT's pinball loss
lost to it (0.3758 against 0.3538), and only MSE's losses were said. ``winner_notes`` says the same of ``compare``'s
pooled winner against the other models: a winner on two targets that loses on one of them was named without a word.
"""

from __future__ import annotations

import numpy as np

from rnncast import metrics, seasonalgaps
from rnncast.baselines import baseline_name
from rnncast.scoretext import percent
from rnncast.spelling import listing
from rnncast.windowforecasts import WindowForecasts, scored, scored_errors

MOST = 0.5  # a target holding more than this share of the model's pooled squared error, and at least
AHEAD = 2.0  # this many times the next target's share: the note gives every share (two targets at 50.1% and 49.9%
# were said to make the verdict "mostly" the first's)


def measure(judged: WindowForecasts, targets: list[str]) -> dict | None:
    """``{"share": {target: its share of the model's squared error}, "most": the target holding more than ``MOST``
    of it and ``AHEAD`` times the next one's, or None, "loses": {target: [baseline key, ...]}}`` of the windows
    [W, H, T] of ``judged`` (the units the verdict weighs; filled values not scored): ``loses`` names, for each target, the baselines whose MSE on it is
    lower than the model's though the model's pooled MSE is lower than theirs; a quantile model's
    ``"loses_pinball"`` the same by the mean pinball loss over the levels, against each baseline's intervals
    (``baselinebands``), where any target loses so; None for one target."""
    if judged.y_true.shape[-1] < 2:
        return None
    keep = scored(judged)  # None: every value
    squared = {key: (pred - judged.y_true) ** 2 for key, pred in {"model": judged.y_pred, **judged.baselines}.items()}
    own = {key: seasonalgaps.values_of(key, keep, pred) for key, pred in judged.baselines.items()}  # decision 1994
    model, loses = _losses(squared.pop("model"), squared, keep, targets, own)
    total = float(model.sum())
    share = model / total if total > 0 else np.zeros_like(model)
    most, second = np.argsort(share)[::-1][:2].tolist()
    ahead = share[most] > MOST and share[most] >= AHEAD * share[second]
    out = {"share": {name: float(s) for name, s in zip(targets, share)},
           "most": targets[most] if ahead else None, "loses": loses}
    if lost := _pinball_losses(judged, keep, targets):
        out["loses_pinball"] = lost
    return out


def _pinball_losses(judged: WindowForecasts, keep: np.ndarray | None, targets: list[str]) -> dict[str, list[str]]:
    """target -> the baselines whose intervals' pinball loss on it is lower than the model's quantiles' though the
    model's pooled pinball loss is lower than theirs; {} for a point model or where none loses so."""
    if judged.quantiles is None or not judged.levels or not judged.baseline_quantiles:
        return {}
    truth, levels = np.asarray(judged.y_true, dtype=np.float64), np.asarray(judged.levels, dtype=np.float64)

    def loss(bands: np.ndarray) -> np.ndarray:  # [W, H, T] each value's pinball loss, the mean over the levels
        return metrics.pinball_each(truth, np.asarray(bands, dtype=np.float64), levels).mean(axis=-1)

    return _losses(loss(judged.quantiles), {key: loss(bands) for key, bands in judged.baseline_quantiles.items()},
                   keep, targets, {key: seasonalgaps.values_of(key, keep, judged.baselines.get(key))
                                   for key in judged.baseline_quantiles})[1]


def _losses(model: np.ndarray, rivals: dict, keep: np.ndarray | None, targets: list[str],
            own: dict | None = None) -> tuple[np.ndarray, dict]:
    """The model's summed loss on each target [T] of its losses ``model`` [W, H, T] (squared errors, pinball losses)
    over the values ``keep`` (``scored``; None: every one), and target -> the keys of ``rivals`` (key -> their losses
    alike) whose loss on it is lower though their pooled mean is higher than the model's (beaten pooled: the targets
    on which they are not). ``own``: key -> the values a rival is scored on where not ``keep`` (the seasonal naive's,
    ``seasonalgaps.values_of``): it and the model are summed over those alone (decision 1909's pair rule), never a
    missing forecast counted as no error (decision 1994)."""
    def summed(loss: np.ndarray, mask) -> tuple[np.ndarray, float]:  # [T] each target's summed loss, the pooled mean
        count = loss.size if mask is None else mask.sum()
        loss = scored_errors(loss, mask)
        return loss.sum(axis=(0, 1)), float(loss.sum() / max(count, 1))

    mine, pooled = summed(model, keep)
    loses: dict[str, list[str]] = {}
    for key, losses in rivals.items():
        mask = (own or {}).get(key, keep)
        each, rival = summed(losses, mask)
        paired, paired_pooled = (mine, pooled) if mask is keep else summed(model, mask)
        if paired_pooled < rival:
            for t in np.flatnonzero(paired > each):  # summed over the same values: as their means compare
                loses.setdefault(targets[t], []).append(key)
    return mine, loses


def text(shares: dict | None, where: str = "the test split") -> str | None:
    """The line beside the verdict: the share of the model's pooled MSE each target holds where one holds most, and
    the targets on which the model loses to a baseline it beats pooled, by MSE and (a quantile model) by pinball
    loss; None where there is none of these."""
    if not shares:
        return None
    parts = []
    if shares.get("most"):
        rest = sorted(((n, s) for n, s in shares["share"].items() if n != shares["most"]), key=lambda item: -item[1])
        parts.append(f"Of the model's MSE pooled over the {len(shares['share'])} targets, {shares['most']!r} holds "
                     f"{percent(shares['share'][shares['most']])} "
                     f"({', '.join(f'{n!r} {percent(s)}' for n, s in rest)}), so the pooled scores and the verdict "
                     "are mostly that target's.")
    if shares.get("loses"):
        lost = [f"{target!r} (to {listing([repr(baseline_name(k)) for k in keys])})"
                for target, keys in shares["loses"].items()]
        beaten = list(dict.fromkeys(k for keys in shares["loses"].values() for k in keys))  # beaten pooled (t33t6 6)
        below = (f"the {repr(baseline_name(beaten[0]))} baseline's" if len(beaten) == 1 else
                 f"those of the {listing([repr(baseline_name(k)) for k in beaten])} baselines")
        parts.append(f"Though its pooled MSE is lower than {below}, the model loses on {where} on "
                     f"{'target' if len(lost) == 1 else 'targets'} {listing(lost)}: a higher MSE there than "
                     f"{'that baseline' if sum(map(len, shares['loses'].values())) == 1 else 'those baselines'}'s.")
    if shares.get("loses_pinball"):
        lost = [f"{target!r} (to {listing([repr(baseline_name(k)) for k in keys])})"
                for target, keys in shares["loses_pinball"].items()]
        one = sum(map(len, shares["loses_pinball"].values())) == 1
        parts.append(f"Though its pooled pinball loss is the lower, the model's quantiles lose on {where} on "
                     f"{'target' if len(lost) == 1 else 'targets'} {listing(lost)}: a higher pinball loss there than "
                     f"{'that baseline' if one else 'those baselines'}'s intervals'.")
    return " ".join(parts) or None


def winner_notes(errors: dict, winner: str | None, keep: np.ndarray | None, targets: list[str], measure: str) -> list[str]:
    """``compare``'s note where its pooled winner loses on a target: ``errors``: name -> [W, H, T] the errors its verdict
    weighs (their squares its loss: scaled errors, or the square roots of pinball losses, ``comparequantiles``),
    ``keep`` the values scored (None: all), ``measure`` what its sentence calls the loss ("scaled test MSE"). []
    without a winner, for one target, or where the winner's loss is the lowest on every target (decision 1552)."""
    if winner is None or len(targets) < 2:
        return []
    squared = {name: np.asarray(e, dtype=np.float64) ** 2 for name, e in errors.items()}
    loses = _losses(squared.pop(winner), squared, keep, targets)[1]
    if not loses:
        return []
    lost = [f"{target!r} (to {listing([repr(name) for name in names])})" for target, names in loses.items()]
    than = "that model's" if sum(map(len, loses.values())) == 1 else "those models'"
    return [f"though its pooled {measure} is the lower, {winner!r} loses on {'target' if len(lost) == 1 else 'targets'} "
            f"{listing(lost)}: a higher {measure} there than {than}."]
