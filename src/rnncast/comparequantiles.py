"""compare's quantile models: each one's mean pinball loss, its intervals' coverage and each level's share of the
actuals at or below it on the common windows (``scores``), and what the verdict ranks by (``judge``). Models of the
same quantile levels are ranked by the mean pinball loss over those levels, which weighs the intervals as well as the
median (as tune ranks them): the median's MSE would not see an interval twice too wide. Where the levels differ, or
a point model is among them, no one loss weighs every model's intervals alike: the verdict stays the MSE of the
median (the point forecast's own), and a note says plainly that the intervals were not compared, and on which levels
they could be (those every model has)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from rnncast import bandcounts, calibration, kupiec, metrics, significance
from rnncast.comparebaselines import baseline_note
from rnncast.comparison import mean_square
from rnncast.intervalverdict import aside, weighed
from rnncast.spelling import listing
from rnncast.windowforecasts import WindowForecasts

BY_PINBALL = "mean pinball loss"


@dataclass
class QuantileJudgement:
    """``scores``: name -> {"levels", "pinball", "coverage_80" ..., "by_level"} of each quantile model (original
    units), None for a point model; ``errors``: name -> [W, H, T] the square root of each value's mean pinball loss over
    the levels (divided by ``spread`` where given), what ``comparison.compare`` squares, where every model has the same
    levels, else None (the verdict weighs the median's errors); ``note``: what the verdict ranks by and why, or '';
    ``baselines``: each quantile model's baselines' intervals scored alike (``baseline_scores``)."""

    scores: dict = field(default_factory=dict)
    errors: dict | None = None
    note: str = ""
    baselines: dict = field(default_factory=dict)  # quantile model -> baseline key -> its intervals' ``scores``


def scores(wf: WindowForecasts, keep, scaled: WindowForecasts | None = None) -> dict | None:
    """The quantile scores of one model's common windows ``wf`` over the values ``keep`` [W, H, T] (None: all): mean
    pinball loss and ``by_level``'s losses (``calibration.by_level``) in original units, each central interval's
    coverage and each level's share counted on ``scaled`` (the same windows in scaled units) where given, as
    ``evaluation.interval_scores`` counts them, so compare and evaluate say one coverage; None for a point model."""
    if wf.quantiles is None or not wf.levels:
        return None
    mask = None if keep is None else np.broadcast_to(np.asarray(keep, dtype=bool), wf.y_true.shape)
    result = {"levels": [float(q) for q in wf.levels], **metrics.quantile_scores(wf.y_true, wf.quantiles, wf.levels, mask)}
    counted = None
    if scaled is not None:  # the coverage counted where forecast and truth share float32's grid (evaluate's)
        result.update(metrics.coverages(scaled.y_true, scaled.quantiles, scaled.levels, mask))
        counted = (scaled.y_true, scaled.quantiles)
    return {**result, "by_level": calibration.by_level(wf.y_true, wf.quantiles, wf.levels, mask, counted,
                                                       origins=kupiec.origins(wf))}  # as evaluate's (decision 2042)


def pinball_errors(wf: WindowForecasts, spread=None) -> np.ndarray:
    """[W, H, T]: the square root of each value's pinball loss averaged over the levels (divided by ``spread`` [W, 1, T]
    where given), so that its square, which the Diebold–Mariano test and ``comparison.mean_square`` take, is the loss."""
    loss = metrics.pinball_each(np.asarray(wf.y_true, dtype=np.float64), np.asarray(wf.quantiles, dtype=np.float64),
                                np.asarray(wf.levels, dtype=np.float64)).mean(axis=-1)  # [W, H, T]
    if spread is not None:
        loss = loss / spread
    return np.sqrt(loss)


def baseline_scores(chosen: dict[str, WindowForecasts], keep, scaled: dict | None = None, spread=None,
                    test=None, errors: dict | None = None) -> dict:
    """name -> baseline key -> ``scores`` of that baseline's intervals (its forecast plus the quantiles of its own
    training errors at the model's levels, ``baselinebands``: evaluate's) on the values it has an interval for
    (``bandcounts.kept``: too few training errors elsewhere), what they leave out and the model's scores on those same
    values under ``bandcounts.KEY`` (decisions 1876, 1909), for each quantile model of ``chosen`` (the windows in
    scaled units ``scaled``, where coverage is counted); a point model has none. With ``test`` (the model's
    ``pinball_errors``, the baseline's, the values [W, H, T] -> one-sided p that the model is not better), each block
    holds ``p_value`` and ``beaten`` (``significance.beaten``: a lower pinball loss, not the same, beyond chance), both
    on the baseline's values (``against_baselines``), null for a baseline with no interval at any value scored, which
    is not weighed: evaluate's test of the interval verdict, on errors divided by ``spread`` where given; ``errors``:
    name -> the model's ``pinball_errors`` where computed already."""
    out = {}
    for name, wf in chosen.items():
        if wf.quantiles is None or not wf.levels or not wf.baseline_quantiles:
            continue
        own = (scaled or {}).get(name)
        out[name] = {}
        for key, bands in wf.baseline_quantiles.items():
            out[name][key] = scores(replace(wf, quantiles=bands), bandcounts.kept(keep, bands), None if own is None else
                                    replace(own, quantiles=own.baseline_quantiles[key]))
            if left := bandcounts.left_out(keep, bands, wf.series, wf.levels, lambda pair: {
                    k: v for k, v in scores(wf, pair, own).items() if k not in ("levels", "by_level")}, wf.unlearned,
                    wf.baselines.get(key)):  # no forecast, so no interval, said as such (decision 1966)
                out[name][key][bandcounts.KEY] = left  # with the model's scores on the same values
        if test is not None:
            model = (errors or {}).get(name)
            model = pinball_errors(wf, spread) if model is None else model
            tested = against_baselines(wf, lambda a, b, pair: (float(test(a, b, pair)), mean_square(a, pair),
                                                               mean_square(b, pair)), spread, model, keep)
            for key, block in out[name].items():
                p, mine, rival = tested.get(key, (None, None, None))  # none: no interval at any value, not weighed
                block.update({"p_value": p, "beaten": None if p is None else significance.beaten(mine, rival, p)})
    return out


def against_baselines(wf: WindowForecasts, test, spread=None, model: np.ndarray | None = None, keep=None) -> dict:
    """{baseline: ``test(model's errors, the baseline's, the values)``} for each baseline with intervals
    (``baselinebands``) on the windows ``wf`` of a quantile model, each ``pinball_errors`` (divided by ``spread`` where
    given; ``model``: the model's, where computed already), on the values scored (``keep`` [W, H, T], None: all) that
    the baseline has an interval for (``bandcounts.kept``, decision 1909): the Diebold–Mariano test of the MSE verdict
    (``significance``) weighing the pinball losses, so that a "better" is beyond chance; a baseline with no interval at
    any value scored is not weighed: left out. {} for a point model."""
    if wf.quantiles is None or not wf.levels:
        return {}
    model = pinball_errors(wf, spread) if model is None else model
    pairs = {name: (bands, bandcounts.kept(keep, bands)) for name, bands in wf.baseline_quantiles.items()}
    return {name: test(model, pinball_errors(replace(wf, quantiles=bands), spread), pair)
            for name, (bands, pair) in pairs.items() if pair.any()}


def judge(chosen: dict[str, WindowForecasts], keep, spread=None, scaled: dict | None = None, test=None,
          untested: str = "") -> QuantileJudgement:
    """What ``compare`` ranks the models of ``chosen`` (name -> common windows) by: the mean pinball loss where every
    one is a quantile model of the same levels (``errors``), else the median's MSE, said in ``note`` where any model
    has quantiles. ``scaled``: name -> the same windows in scaled units, where coverage is counted (``scores``);
    ``test``: the pinball losses' test against each baseline's intervals (``baseline_scores``); ``untested``: why no
    test can be made on these windows (``significance.untestable``; "": it can), said in the note."""
    held = {name: scores(wf, keep, (scaled or {}).get(name)) for name, wf in chosen.items()}
    levels = {name: tuple(block["levels"]) for name, block in held.items() if block is not None}
    if not levels:
        return QuantileJudgement(held)
    errors = {name: pinball_errors(chosen[name], spread) for name in levels}  # each quantile model's, once
    bands = baseline_scores(chosen, keep, scaled, spread, test, errors)
    if len(levels) == len(held) and len(set(levels.values())) == 1:
        return QuantileJudgement(held, errors, baselines=bands, note=(
            f"every model forecasts the quantiles {list(next(iter(levels.values())))}: the verdict ranks them by the "
            f"{BY_PINBALL} over those levels, which weighs the intervals as well as the median (the median's MSE would "
            "not see them), with the Diebold–Mariano test on its differences; MSE and MAE are the median's, and the "
            "baselines, point forecasts, are judged by MSE." + intervals_note(bands, untested)))
    points = [name for name in held if held[name] is None]
    apart = "; ".join(f"{name}: {list(each)}" for name, each in levels.items())
    why = "; ".join(([f"{listing(points)} {'is a point forecast' if len(points) == 1 else 'are point forecasts'}, "
                      "without intervals"] if points else [])
                    + ([f"the quantile models forecast different levels ({apart})"] if len(set(levels.values())) > 1 else []))
    shared = sorted(set.intersection(*(set(each) for each in levels.values())))
    pairs = metrics.interval_pairs(shared)
    could = ("" if len(set(levels.values())) == 1 else
             f"; the quantile models could be compared on the levels all of them have, {shared} (the "
             + listing([f"{percent}%" for _, _, percent in pairs]) + f" interval{'s' * (len(pairs) > 1)}), fitted again "
             "with the same quantiles" if pairs else
             f"; the quantile models share no interval (the levels all of them have: {shared or 'none'}): fit them again "
             "with the same quantiles to compare their intervals")
    refit = (f"; fit {listing(points)} again with quantiles to compare intervals" if points else "")
    return QuantileJudgement(held, None, baselines=bands, note=(
        f"the intervals were not compared: {why}, so the verdict ranks by the MSE of the median (the point forecast), "
        f"which does not see them{could}{refit}. Each quantile model's own pinball loss and coverage are beside its "
        "MSE, but pinball losses over different levels are not comparable." + intervals_note(bands, untested)))


def intervals_note(bands: dict, untested: str = "") -> str:
    """" The baselines' pinball loss and coverage are their intervals' ..." where a quantile model has them (``bands``:
    ``baseline_scores``), naming the model whose levels and training rows the table's are, and what the pinball
    losses' test against each baseline's intervals found where it ran, each weighed on the values it has an interval
    for and one with none not weighed (``intervalverdict.weighed``, ``aside``: the verdict's one rule, decision 1909),
    then what the first model's baselines' intervals leave out (``bandcounts.note``); "" where none has."""
    if not bands:
        return ""
    first = next(iter(bands))
    said = (f" The baselines' pinball loss and coverage are their intervals' (each one's forecast plus the quantiles of "
            f"its own training errors, as evaluate scores them) at the levels of {first!r}, from its training rows"
            + ("; each quantile model's own are in --json's baseline_quantile_scores." if len(bands) > 1 else "."))
    left = bandcounts.note(bands[first])  # the table's rows are the first model's: what they leave out (decision 1909)
    left = f" {left}" if left else ""
    tested = {name: {key: v for key, v in each.items() if weighed(key, v)} for name, each in bands.items()
              if all("p_value" in v for v in each.values())}
    tested = {name: each for name, each in tested.items() if each}
    if not tested:
        return f"{said} The models' pinball losses are not tested against the baselines'{aside(bands[first])}.{left}"
    note = baseline_note(tested, BY_PINBALL, intervals=True, untested=untested)  # compare's note on the baselines, of their intervals
    return f"{said} {note[0].upper()}{note[1:-1]}{aside(bands[first])}.{left}"
