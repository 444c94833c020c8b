"""Which series a panel's scaled scores, verdict and pooled MASE rest on where a few of them hold nearly all of it.

The scaled units divide each series by its own training spread, and MASE by its in-sample naive error: a series that
is near-constant on its training rows has a tiny divisor, and its errors weigh thousands of times more than any
other's. A tester's four series, 'flat' 7.0 on every training row but one (7.01) and 8 in the test rows: 'flat' held
99.996% of the model's scaled squared error, so the verdict said the model's MSE was 42.1% lower than the seasonal
naive forecast's, though on every other series it was 16-20 times higher; its MASE, 884.6, made the pooled MASE
223.4 (2.48 without it). The warning of a constant column fires only where its spread is not resolved at all
(``scaling.flat_spread``); ``pooledunits`` says the same of the original units. ``measure`` finds, for the scaled
squared error and for the summed MASE apart, the fewest series (at most a third, or one) that carry ``SHARE`` of the
model's or any baseline's (decision 1489), and any series whose MASE is under ``LOW`` of the others' median and moves
the pooled MASE by more than ``MOVES``; ``text`` says who, the scores without them, and why: a series whose best
forecaster's scaled MSE is ``NEAR`` times the others' is near-constant (a small divisor), any other has errors large
against its own scale (a trend the training mean misses, decision 1460). Series of like spreads hold no such share.
"""

from __future__ import annotations

import logging

import numpy as np

from rnncast import flatshares, scaledwithout, seasonalgaps, targetshares
from rnncast.baselines import baseline_name
from rnncast.standapart import apart, median_of_others
from rnncast.pooledunits import fewest, per_series
from rnncast.scoretext import percent
from rnncast.spelling import listing, some
from rnncast.windowforecasts import WindowForecasts

log = logging.getLogger(__name__)

SHARE = 0.9  # the share of a forecaster's scaled squared error (or summed MASE) the named series hold
LOW = 0.01  # a series' MASE under this share of the median of the other series' MASEs ...
MOVES = 0.1  # ... that moves the pooled MASE by more than this share of the others': said
NEAR = 100.0  # a named series is near-constant where even its best forecaster's scaled MSE is this many times the
# median of the other series' best (its training spread is small against every forecaster's errors; decision 1460)


def measure(original: WindowForecasts, scaled: WindowForecasts, mase_scales: np.ndarray) -> dict | None:
    """``{"series": [id, ...] (all named), "of": series scored, "by": {"mse": [id, ...], "mase": [...]} (the set that
    carries each criterion), "mse": {forecaster: the "mse" set's share of its scaled squared error}, "mase": {forecaster:
    the "mase" set's share of its summed MASE}, "low": [forecaster, ...] whose pooled MASE they pull down, "without":
    {forecaster: {"mse", "mase"} pooled over the series outside each set}}`` of the windows [W, H, T] of ``scaled``
    and of ``original`` (the same windows in original units, which ``mase_scales`` [W, T] divide: each window's series'
    MASE denominator; filled values not scored); ``"flat"``: ``flatshares.measure``'s series of no training spread
    that the verdict turns on (decision 1488; kept beside named series too, decision 1516, and alone where none are);
    ``"targets"``: {id as text: [target, ...]} of a near-constant series that only some of several targets make so
    (decision 1522); None for one series or where neither is found."""
    if scaled.series is None or len(present := np.unique(scaled.series)) < 2:
        return None
    flat = flatshares.measure(original, scaled, mase_scales)
    usable = np.isfinite(mase_scales) & (mase_scales > 0)  # [W, T]
    scales = np.where(usable, mase_scales, 1.0)[:, None, :]
    ratio_keep = np.broadcast_to(usable[:, None, :], scaled.y_true.shape)  # and scored (``per_series``)
    counts = per_series(scaled, np.ones(scaled.y_true.shape), present)
    mase_counts = per_series(scaled, ratio_keep.astype(float), present)
    sums, tally = {}, {}  # tally: each forecaster's values counted, [S] each (a missing forecast no 0 error: decision 1994)
    for name, pred in {"model": scaled.y_pred, **scaled.baselines}.items():
        own = seasonalgaps.values_of(name, None, pred)  # None: every value its series scores
        tally[name] = (counts, mase_counts) if own is None else tuple(
            per_series(scaled, (own & k) * 1.0, present) for k in (True, ratio_keep))
        miss = np.nan_to_num(np.asarray(pred, dtype=np.float64) - scaled.y_true)
        ratio = np.nan_to_num(np.abs(np.asarray(original.y_pred if name == "model" else original.baselines[name],
                                                dtype=np.float64) - original.y_true) / scales)
        sums[name] = (per_series(scaled, miss ** 2, present),
                      per_series(scaled, np.where(ratio_keep, ratio, 0.0), present))  # [S] each
    rated = np.flatnonzero(mase_counts > 0)  # the series with a MASE: those alone share the summed MASE (decision 1574)
    by_mse = _carrying([sq for sq, _ in sums.values()])  # each criterion's own set
    by_mase = {int(rated[i]) for i in _carrying([m[rated] for _, m in sums.values()])} if len(rated) > 1 else set()
    named = by_mse | by_mase
    low = []
    for name, (_, mase) in sums.items():  # a series near 0 that pulls the pooled MASE down
        with np.errstate(divide="ignore", invalid="ignore"):  # ``mine``: the values its MASE counts [S]
            each = np.divide(mase, mine := tally[name][1], out=np.full(len(mase), np.nan), where=mine > 0)  # [S] MASE
            below = each < LOW * median_of_others(each)
            rest = (mase.sum() - mase) / (mine.sum() - mine)  # [S] the pooled MASE without each
            moves = below & (mine > 0) & (rest - mase.sum() / mine.sum() > MOVES * rest)
        if moves.any():
            hit = set(np.flatnonzero(moves).tolist())
            named, by_mase = named | hit, by_mase | hit
            low.append(name)
    if not named:
        return {"flat": flat} if flat else None
    top = np.array(sorted(named))
    rest = np.setdiff1d(np.arange(len(present)), top)
    with np.errstate(divide="ignore", invalid="ignore"):
        best = np.min([sq / np.maximum(tally[n][0], 1) for n, (sq, _) in sums.items()], axis=0)  # [S] the best scaled MSE
        near = np.isfinite(best) & (best >= NEAR * median_of_others(best))  # [S] NaN medians: not near

    mse_top, mase_top = (np.array(sorted(kept)) if by_mse and by_mase and not low else top for kept in (by_mse, by_mase))

    def share(each: np.ndarray, held: np.ndarray) -> float:
        return float(each[held].sum() / each.sum()) if each.sum() > 0 else 0.0

    def ids(held) -> list:
        return [scaled.ids[int(present[i])] for i in held]

    out = {"series": ids(top), "of": int(len(present)), "by": {"mse": ids(mse_top), "mase": ids(mase_top)},
           "mse": {n: share(sq, mse_top) for n, (sq, _) in sums.items()},
           "mase": {n: share(m, mase_top) if len(rated) > 1 else 0.0 for n, (_, m) in sums.items()},
           "low": sorted(set(low), key=list(sums).index),
           "near": ids(i for i in top if near[i]), **({"flat": flat} if flat else {})}
    if targets := _flat_in(scaled, present, [i for i in top if near[i]]):
        out["targets"] = targets  # the near-constant series' targets of several (decision 1522)
    if len(out["near"]) < len(top) and rest.size:  # the others' errors are large against their own scale: how large
        out["apart"] = {n: apart(m, tally[n][1], top, rest) for n, (_, m) in sums.items()}
    mse_rest, mase_rest = (np.setdiff1d(np.arange(len(present)), held) for held in (mse_top, mase_top))
    if mse_rest.size and mase_rest.size and counts[mse_rest].sum() > 0:  # each score without its own criterion's set
        out["without"] = {n: {"mse": float(sq[mse_rest].sum() / c) if (c := tally[n][0][mse_rest].sum()) else float("nan"),
                              "mase": float(m[mase_rest].sum() / tally[n][1][mase_rest].sum())
                              if tally[n][1][mase_rest].sum() else float("nan")} for n, (sq, m) in sums.items()}
    return out


def _flat_in(scaled: WindowForecasts, present: np.ndarray, near: list) -> dict:
    """{id as text: [target, ...]} of the near-constant series ``near`` (positions into ``present``) where ``scaled``
    has several targets: the fewest targets holding ``SHARE`` of the series' scaled squared error, summed over every
    forecaster, where fewer than all do (decision 1522); {} otherwise."""
    t = scaled.y_true.shape[2]
    if not near or t < 2 or len(scaled.targets) != t:
        return {}
    squared = np.zeros(scaled.y_true.shape)  # [W, H, T] every forecaster's scaled squared errors, built only here
    for pred in (scaled.y_pred, *scaled.baselines.values()):
        squared += np.nan_to_num(np.asarray(pred, dtype=np.float64) - scaled.y_true) ** 2
    each = np.stack([per_series(scaled, np.where(np.arange(t) == k, squared, 0.0), present) for k in range(t)], axis=1)
    held = {i: fewest(each[i], SHARE) for i in near}  # [S, T] each series' error by target
    return {str(scaled.ids[int(present[i])]): [str(scaled.targets[k]) for k in sorted(h.tolist())]
            for i, h in held.items() if 0 < h.size < t}


def _carrying(sums: list) -> set[int]:
    """The series carrying ``SHARE`` of one criterion's sums [S] (each forecaster's): the smallest ``fewest`` set, then
    that of any forecaster those do not carry (the union of all named 16 ordinary SKUs beside 3, decision 1489)."""
    named: set[int] = set()
    for held, each in sorted(((fewest(e, SHARE), e) for e in sums), key=lambda pair: len(pair[0])):
        if held.size and (not named or each[sorted(named)].sum() < SHARE * each.sum()):
            named |= set(held.tolist())
    return named


def text(few: dict | None, verdict_name: str | None = None) -> str | None:
    """The warning of ``measure``'s ``few``: who holds what of the scaled scores and the pooled MASE, and the model's
    scores against each baseline's without them; ``verdict_name``: the baseline the verdict names, said first."""
    flat = flatshares.text(few and few.get("flat"), verdict_name)
    if not few or "series" not in few:  # only the series of no training spread: the verdict's line says them
        return flat
    if _split(few):
        return " ".join(t for t in (_split_text(few, verdict_name), flat) if t)
    one = len(few["series"]) == 1
    held = [_held(few["mse"], "scaled squared error"),
            _held({n: v for n, v in few["mase"].items() if n not in few["low"]}, "summed MASE")]
    held = [h for h in held if h]
    said = [f"{'holds' if one else 'hold'} {listing(held)}"] if held else []
    if few["low"]:
        said.append(f"{'has a' if one else 'have'} MASE near 0 for {listing([_who(n, False) for n in few['low']])}, "
                    "pulling the pooled MASE down")
    items = (["the scaled scores", "the verdict"] if _rests(few) else []) + (
        ["the pooled MASE"] if held and not held[-1].endswith("squared error") else [])
    why = _why(few) if held else ""
    text = (f"Of the {few['of']} series scored, {_names(few['series'], few)} {' and '.join(said)}{why}"
            + (f", so {listing(items)} {'is' if len(items) == 1 else 'are'} mostly {'its' if one else 'theirs'}."
               if items else "."))
    text += f" {scaledwithout.said(few, verdict_name, _split(few))}" if few.get("without") else ""
    return " ".join(t for t in (text, flat) if t)


def _split(few: dict) -> bool:
    """Whether the series that carry the scaled squared error and those that carry the summed MASE differ (``measure``'s
    "by"; decision 1489), each set then said for its own criterion: not where a MASE near 0 is said, nor in a
    metrics.json written before the sets were kept."""
    by = few.get("by")
    return bool(by) and by["mse"] != by["mase"] and not few["low"] and _rests(few) and bool(
        _held(few["mase"], "summed MASE"))


def _split_text(few: dict, verdict_name: str | None) -> str:
    """``text`` where each criterion has its own set: "Of the 63 series scored, 'N0', 'N1' and 'N2' hold 95.8% of the
    model's scaled squared error ...: their errors are divided by a small training spread ..., so the scaled scores
    and the verdict are mostly theirs; for the summed MASE, 13 series ('S023', ...) hold 90.1% of ..., so the pooled
    MASE is mostly theirs.", then the scores without each set."""
    mse, mase = few["by"]["mse"], few["by"]["mase"]
    one = len(mse) == 1
    said = (f"Of the {few['of']} series scored, {_names(mse, few)} {'holds' if one else 'hold'} "
            f"{_held(few['mse'], 'scaled squared error')}{_why(few, mse)}, so the scaled scores and the verdict are "
            f"mostly {'its' if one else 'theirs'}; for the summed MASE, "
            + (_names(mase, few) if len(mase) <= 3 else
               f"{len(mase)} series ({some(flatshares.named(mase, few.get('targets')), 5)})")  # decision 1571
            + f" {'holds' if len(mase) == 1 else 'hold'} {_held(few['mase'], 'summed MASE')}, so the pooled MASE is "
            f"mostly {'its' if len(mase) == 1 else 'theirs'}.")
    return said + (f" {scaledwithout.said(few, verdict_name, _split(few))}" if few.get("without") else "")


def _why(few: dict, series: list | None = None) -> str:
    """": " and why the named series hold so much: a near-constant series (``measure``'s "near"; all of them in a
    metrics.json written before it) divides its errors by a small spread; another's errors are large against its own
    scale, as a trend the training mean cannot follow (decision 1460), whose MASE beside the others' is given."""
    series = few["series"] if series is None else series  # ``series``: the set said (``_split_text``'s)
    near = [s for s in few.get("near", series) if s in series]
    other = [s for s in series if s not in near]
    said = []
    if near:
        one = len(near) == 1
        said.append((f"the errors of {_names(near, few)}" if other else f"{'its' if one else 'their'} errors")
                    + " are divided by a small training spread in the scaled units (each series by its own) "
                    "and by a small in-sample naive error in MASE")
    if other:
        one = len(other) == 1
        whose = f"the errors of {_names(other, few)}" if near else f"{'its' if one else 'their'} errors"
        said.append(f"{whose} are large against {'its' if one else 'their'} own scale, not because "
                    f"{'it varies' if one else 'they vary'} little on {'its' if one else 'their'} training rows"
                    + _apart_text(few) + ", as where a forecaster misses a trend or a shift of level")
    return ": " + "; ".join(said)


def _apart_text(few: dict) -> str:
    """" ('training mean''s MASE 16.2 there against a median of 0.97 on the others)" of the forecaster whose summed
    MASE the named series hold most; "" where ``measure`` gave no "apart"."""
    apart = {n: v for n, v in (few.get("apart") or {}).items() if n not in few["low"] and np.isfinite(v).all()}
    if not apart:
        return ""
    name = max(apart, key=lambda n: few["mase"].get(n, 0.0))
    held, median = apart[name]
    return f" ({_who(name)} MASE {held:.3g} there, against a median of {median:.3g} on the other series)"


def _whose(few: dict, series: list | None = None) -> str:
    series = few["series"] if series is None else series
    near = [s for s in few.get("near", series) if s in series]
    if len(near) == len(series):
        return ", whose training rows vary little"
    return "" if near else ", whose errors are large against their own scale"


def _names(series: list, few: dict | None = None) -> str:
    return listing(flatshares.named(series, (few or {}).get("targets")))  # a target of several: 'S3' in target 'r'


def verdict_note(few: dict | None, verdict_name: str | None = None) -> str | None:
    """The line beside the verdict where ``measure`` found ``few``: the verdict rests mostly on them, and the scores
    without them (``text`` warns of the shares), and the series of no training spread it turns on (decision 1488)."""
    flat = flatshares.text(few and few.get("flat"), verdict_name)
    if not few or "series" not in few or not _rests(few):
        return flat
    if _split(few):  # the verdict's set alone, and its scores without it (decision 1489)
        mse = few["by"]["mse"]
        return " ".join(t for t in ((f"The scaled scores and this verdict rest mostly on {_names(mse, few)}"
                                     f"{_whose(few, mse)} (warned of)."
                                     + (f" {scaledwithout.said(few, verdict_name, _split(few), mse_only=True)}" if few.get("without") else "")),
                                    flat) if t)
    return " ".join(t for t in ((f"The scaled scores, this verdict and the pooled MASE rest mostly on "
            f"{_names(few['series'], few)}{_whose(few)} (warned of)."
            + (f" {scaledwithout.said(few, verdict_name, _split(few))}" if few.get("without") else "")), flat) if t)


def _held(shares: dict, what: str) -> str:
    """"99.0% of the model's summed MASE (98.7% or more of each baseline's)" where the named series hold ``SHARE`` of
    the model's or a baseline's ``what``; "" where they hold it of none."""
    over = {n: v for n, v in shares.items() if v >= SHARE}
    if not over:
        return ""
    rivals = [v for n, v in over.items() if n != "model"]
    said = f"{percent(over['model'])} of the model's {what}" if "model" in over else f"of {what}"
    if rivals and len(rivals) == len(shares) - 1:
        least = percent(min(rivals))
        least = least if least.startswith(">") else f"at least {least}"  # not "at least >99.9%"
        said += f" ({least} of each baseline's)" if "model" in over else ""
        return said if "model" in over else f"{least} of each baseline's {what}"
    named = [f"{percent(over[n])} of {_who(n)}" for n in over if n != "model"]
    return said + (f" ({listing(named)})" if named and "model" in over else "") if "model" in over else (
        f"{listing(named)} {what}")


def _rests(few: dict) -> bool:
    """Whether the named series hold ``SHARE`` of the scaled squared error of the model or of a baseline."""
    return any(share >= SHARE for share in few["mse"].values())


def _who(name: str, possessive: bool = True) -> str:
    if name == "model":
        return "the model's" if possessive else "the model"
    return f"the '{baseline_name(name)}' baseline's" if possessive else f"'{baseline_name(name)}'"


def beside_verdict(result: dict, units: str, where: str, against: str) -> str | None:
    """The line beside the verdict: the targets a pooled verdict rests on (``targetshares.text``), then the few series
    its scaled scores rest on (``verdict_note``, ``against``: the baseline the verdict names, ``verdicts.outcome``'s,
    first)."""
    few = verdict_note(result.get("scaled_few"), against) if units == "scaled" else None
    return " ".join(t for t in (targetshares.text(result.get("target_shares"), where), few) if t) or None


def warn(few: dict | None, where: str) -> None:
    """Warn of ``measure``'s ``few`` (``text``) on ``where`` (the windows scored, as the verdict names them)."""
    if warned := text(few):
        log.warning("%s: %s", where, warned)
