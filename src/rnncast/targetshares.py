"""Which targets a pooled verdict over several targets rests on: each target's share of the model's pooled MSE
(in the units the verdict weighs), and the targets on which the model loses to a baseline it beats pooled.

A backtest of OT, HUFL and LULL (ETTh1) pooled the model's scaled MSE to 3.339 against 'repeat the last value''s,
and said the model's was lower than every baseline's; LULL held 94% of it, and on OT the model lost (0.196 against
0.142). ``measure`` keeps each target's share and those losses; ``text`` says them beside the verdict, as
``pooledunits`` says a few series' share of a panel's original-unit scores.
"""

from __future__ import annotations

import numpy as np

from rnncast.baselines import baseline_name
from rnncast.spelling import listing
from rnncast.windowforecasts import WindowForecasts, scored

MOST = 0.5  # a target holding more than this share of the model's pooled squared error: the note gives every share


def measure(judged: WindowForecasts, targets: list[str]) -> dict | None:
    """``{"share": {target: its share of the model's squared error}, "most": the target holding more than ``MOST``
    of it or None, "loses": {target: [baseline key, ...]}}`` of the windows [W, H, T] of ``judged`` (the units the
    verdict weighs; filled values not scored): ``loses`` names, for each target, the baselines whose MSE on it is
    lower than the model's though the model's pooled MSE is lower than theirs; None for one target."""
    if judged.y_true.shape[-1] < 2:
        return None
    keep = scored(judged)
    keep = np.ones(judged.y_true.shape, dtype=bool) if keep is None else keep

    def squared(pred: np.ndarray) -> tuple[np.ndarray, float]:  # [T] each target's summed squared error, pooled MSE
        errors = np.where(keep, np.nan_to_num((pred - judged.y_true) ** 2), 0.0)
        return errors.sum(axis=(0, 1)), float(errors.sum() / max(keep.sum(), 1))

    model, pooled = squared(judged.y_pred)
    total = float(model.sum())
    share = model / total if total > 0 else np.zeros_like(model)
    loses: dict[str, list[str]] = {}
    for key, pred in judged.baselines.items():
        each, rival = squared(pred)
        if pooled < rival:  # beaten pooled: the targets on which it is not
            for t in np.flatnonzero(model > each):  # summed over the same values: as their MSEs compare
                loses.setdefault(targets[t], []).append(key)
    most = int(np.argmax(share))
    return {"share": {name: float(s) for name, s in zip(targets, share)},
            "most": targets[most] if share[most] > MOST else None, "loses": loses}


def _percent(share: float) -> str:
    return f"{100 * share:.1f}".replace("100.0", ">99.9") + "%"


def text(shares: dict | None, where: str = "the test split") -> str | None:
    """The line beside the verdict: the share of the model's pooled MSE each target holds where one holds most, and
    the targets on which the model loses to a baseline it beats pooled; None where there is neither."""
    if not shares:
        return None
    parts = []
    if shares.get("most"):
        rest = sorted(((n, s) for n, s in shares["share"].items() if n != shares["most"]), key=lambda item: -item[1])
        parts.append(f"Of the model's MSE pooled over the {len(shares['share'])} targets, {shares['most']!r} holds "
                     f"{_percent(shares['share'][shares['most']])} "
                     f"({', '.join(f'{n!r} {_percent(s)}' for n, s in rest)}), so the pooled scores and the verdict "
                     "are mostly that target's.")
    if shares.get("loses"):
        lost = [f"{target!r} (to {listing([repr(baseline_name(k)) for k in keys])})"
                for target, keys in shares["loses"].items()]
        parts.append(f"Though its pooled MSE is the lower, the model loses on {where} on "
                     f"{'target' if len(lost) == 1 else 'targets'} {listing(lost)}: a higher MSE there than "
                     f"{'that baseline' if sum(map(len, shares['loses'].values())) == 1 else 'those baselines'}'s.")
    return " ".join(parts) or None
