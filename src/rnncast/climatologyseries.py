"""The climatology baseline where only some series have one (decision 1693): scored on their windows alone, beside
the model's score on those same windows, never pooled with the others.

A series whose training rows span under two whole years has no climatology (``climatology.table``: NaN), and a
panel of 30 stations, one of them new, had none for any (decision 1663). Now the others keep theirs; but a pooled
row over their windows beside the model's over every window would compare unlike windows, and the verdict weighs the
pooled rows. So ``split`` takes the climatology out of the forecasts the pooled scores, the tests and the verdict read
where some window lacks it, and ``record`` keeps, apart, the model's and the climatology's scores on the windows that
have it (evaluate's ``"climatology_series"``), which ``sentence`` says after the verdict. A backtest (``unpooled``)
leaves it out; compare (``unjudged``) leaves it out of every model where any model's lacks it (decision 1741).
"""

from __future__ import annotations

import logging
from dataclasses import replace

import numpy as np

from rnncast.baselines import named
from rnncast.significance import VERDICT_ALPHA, p_text, same
from rnncast.spelling import some

log = logging.getLogger(__name__)
KEY = "climatology"


def having(wf) -> np.ndarray | None:
    """[W] the windows of ``wf`` (``WindowForecasts``) whose climatology is a number at every step and target; None
    where it has no climatology, or every window has one (nothing to split)."""
    made = wf.baselines.get(KEY)
    if made is None:
        return None
    have = np.isfinite(made).reshape(len(made), -1).all(axis=1)
    return None if have.all() else have


def without(wf):
    """``wf`` without the climatology baseline (its intervals too, where learned)."""
    return replace(wf, baselines={k: v for k, v in wf.baselines.items() if k != KEY},
                   baseline_quantiles={k: v for k, v in wf.baseline_quantiles.items() if k != KEY})


def whole(wf):
    """``wf`` as one series' scores read it: its climatology kept only where every window has one."""
    return wf if having(wf) is None else without(wf)


def record(have: np.ndarray, series: np.ndarray | None, ids: list, original: dict, scaled: dict, test: dict) -> dict:
    """Evaluate's ``"climatology_series"``: the ids of the series whose windows (``have`` [W], ``series`` [W]) have a
    climatology (``"series"``) and of those that have none (``"lacking"``), the windows, and the scores of the model
    and the climatology on those windows alone (``original``, ``scaled``: ``{"model", "climatology"}`` blocks) with
    their Diebold-Mariano ``test`` (scaled errors, as the verdict's)."""
    series = np.zeros(len(have), dtype=np.int64) if series is None else np.asarray(series)
    with_one = sorted(set(series[have].tolist()))
    lacking = sorted(set(series[~have].tolist()) - set(with_one))
    return {"series": [ids[s] for s in with_one], "lacking": [ids[s] for s in lacking], "windows": int(have.sum()),
            "original": original, "scaled": scaled, "significance": test}


def sentence(part: dict | None, units: str = "scaled", measured: str = "MSE", quote=None) -> str:
    """The sentence after the verdict where only some series had a climatology (``record``'s ``part``; "" where
    none): its score beside the model's on those series' windows alone, in the verdict's ``units`` ("original" or
    "scaled", named ``measured``, written by ``quote``), judged as the verdict is (its Diebold-Mariano test of the
    scaled errors, one-sided p below 0.05 either way: "where the climatology is lower, beyond chance (one-sided p =
    0.0034 that it is not)", decision 1759), and the series without one, by name (the first five)."""
    if not part:
        return ""
    quote = quote or (lambda value: f"{value:.4g}")
    block = part.get(units) or {}
    mse = {k: (block.get(k) or {}).get("mse") for k in ("climatology", "model")}
    of = (f": {measured} {quote(mse['climatology'])} against the model's {quote(mse['model'])} on those series' windows"
          if all(isinstance(v, (int, float)) and np.isfinite(v) for v in mse.values()) else "")
    p = (part.get("significance") or {}).get("p_value")  # one-sided, that the model is not better (the verdict's)
    tested = {k: ((part.get("scaled") or {}).get(k) or {}).get("mse") for k in ("climatology", "model")}
    if of and (judged := _judged(part)) is not None:
        lower, side = judged
        there = "" if (mse["model"] < mse["climatology"]) == (lower == "model") else " in scaled units (the test's)"
        of += (", the same loss" if same(tested["model"], tested["climatology"]) else
               f", where the {lower} is lower{there} (not tested against chance)" if p != p else
               f", where the {lower} is lower{there}, {'' if side < VERDICT_ALPHA else 'but not '}beyond chance "
               f"(one-sided {p_text(side)} that it is not)")
    n, lacking = len(part["series"]), part["lacking"]
    names = some([repr(s) for s in lacking])
    return (f" {named(KEY)[0].upper()}{named(KEY)[1:]} is scored on the {n} of {n + len(lacking)} series that have one "
            f"alone, apart from the verdict above{of}; {names} {'has' if len(lacking) == 1 else 'have'} none.")


def _judged(part: dict) -> tuple[str, float] | None:
    """Which of the model and the climatology is lower on ``record``'s ``part`` in scaled units (the test's), and the
    one-sided p that it is not (NaN: untested); None where their scaled MSEs or the test are missing."""
    p = (part.get("significance") or {}).get("p_value")  # one-sided, that the model is not better (the verdict's)
    tested = {k: ((part.get("scaled") or {}).get(k) or {}).get("mse") for k in ("climatology", "model")}
    if p is None or not all(isinstance(v, (int, float)) and np.isfinite(v) for v in tested.values()):
        return None
    lower = "model" if tested["model"] < tested["climatology"] else "climatology"  # judged as the test is: scaled
    return lower, (p if lower == "model" else 1 - p)  # the reverse one-sided p where the climatology is lower


def beats_model(part: dict | None) -> bool:
    """Whether the climatology, scored apart on the series that have one (``record``'s ``part``; None: none), has a
    lower scaled MSE than the model's there beyond chance (one-sided p < 0.05, as ``sentence`` says it): the verdict
    then does not say the model beats every baseline without "except the climatology", nor shows it as a win
    (decision 1826)."""
    judged = _judged(part) if part else None
    return bool(judged) and judged[0] == "climatology" and judged[1] < VERDICT_ALPHA and not same(
        *(((part.get("scaled") or {}).get(k) or {}).get("mse") for k in ("model", "climatology")))


def against(part: dict | None) -> dict | None:
    """The model against the climatology scored apart (``record``'s ``part``; None: none), as metrics.json's
    ``against_baselines.each`` keeps each baseline (decision 1914): ``{"beaten", "lower", "p_value", "apart": True,
    "series"}``, judged as ``sentence`` says it (scaled MSE; ``p_value`` one-sided, that the model is not better; None
    where untested); None where ``part`` has no such scores."""
    judged = _judged(part) if part else None
    if judged is None:
        return None
    tested = [((part.get("scaled") or {}).get(k) or {}).get("mse") for k in ("model", "climatology")]
    lower = judged[0] == "model" and not same(*tested)
    p = part["significance"]["p_value"]
    return {"beaten": lower and p < VERDICT_ALPHA, "lower": lower, "p_value": float(p) if p == p else None,
            "apart": True, "series": list(part.get("series", []))}


def unpooled(wf, wf_scaled, ids: list, when: str = " at some cutoff") -> tuple:
    """A backtest's forecasts ``wf``, ``wf_scaled`` without the climatology where some window lacks it, said by the
    series' ids (``ids`` [S]): its scores, by cutoff, step and series, pool every window, and would compare unlike
    windows (decision 1693); as given otherwise. ``when``: after "has none" (a refit's " at some cutoff")."""
    have = having(wf)
    if have is None:
        return wf, wf_scaled
    _said(_lacking(wf, have, ids), "this backtest", when)
    return without(wf), without(wf_scaled)


def unjudged(chosen: dict) -> dict:
    """compare's models' forecasts (name -> ``WindowForecasts`` of the common windows) without the climatology where
    any model's forecasts lack it for some series: taken out of every model, said once by those series (decision
    1741). A model whose climatology is whole would else score the row for all, and judge the others by it, the
    windows of the series their own lacked included, after the line that says it is not scored."""
    lacking, place = [], {}  # each series once, in the models' order of series
    for wf in chosen.values():
        for i in wf.ids:
            place.setdefault(i, len(place))
        if (have := having(wf)) is not None:
            lacking += [i for i in _lacking(wf, have, wf.ids) if i not in lacking]
    if not lacking:
        return dict(chosen)
    lacking.sort(key=place.__getitem__)
    _said(lacking, "this comparison", "")
    return {name: without(wf) if KEY in wf.baselines else wf for name, wf in chosen.items()}


def _lacking(wf, have: np.ndarray, ids: list) -> list:
    """The ids (of ``ids`` [S]) of the series of ``wf`` with a window without a climatology (``have`` [W] False)."""
    series = np.zeros(len(have), dtype=np.int64) if wf.series is None else np.asarray(wf.series)
    return [ids[s] for s in sorted(set(series[~have].tolist()))]


def _said(lacking: list, where: str, when: str) -> None:
    """The warning that the climatology is not scored in ``where``, naming the series ``lacking`` (the first five)."""
    log.warning("%s is not scored in %s: %s %s none%s, and scoring it on the other windows alone would not compare "
                "like with like; evaluate scores it apart on the series that have one", named(KEY), where,
                some([repr(s) for s in lacking]), "has" if len(lacking) == 1 else "have", when)
