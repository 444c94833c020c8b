"""compare's baselines: the forecasts fit and evaluate judge a model against (repeat the last value, the training
mean, the seasonal naive forecast), scored on the windows ``comparemodels.compare`` scores, so that ranking a user's
models never hides that none of them beats a baseline.

Each model is judged against its own baselines (the training mean of the rows it was fitted on) as evaluate judges
it: a lower MSE beyond chance, a one-sided Diebold–Mariano test at p < ``VERDICT_ALPHA`` (``verdicts.beats``), on
the errors the models' pairs are tested on (in original units for one series of one target, else each series divided
by its training spread). Every model is judged against every baseline the table shows: one fitted without a season
has no seasonal naive forecast of its own, and is judged against the one of the first model that has it, whose season
the table's row names ("seasonal naive (season 7)"); where the models' seasons differ a note says so (decision 1655).
The baselines come in one order, metrics.json's (``baselines.NAMES``), whatever the order of the models (decision 1734).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from rnncast import baselines, climatologyseries, metrics, seasonalgaps, significance
from rnncast.baselines import baseline_name
from rnncast.comparison import mean_square
from rnncast.spelling import listing
from rnncast.significance import VERDICT_ALPHA, p_text
from rnncast.windowforecasts import WindowForecasts


@dataclass
class BaselineScores:
    """``scores``: baseline key -> {"mse", "mae"} in original units (each baseline any model has, from the first model
    that has it: a seasonal naive forecast needs a season); ``scaled``: the
    same in the test's units where they are not original (else empty); ``against``: model name -> baseline key ->
    {"p_value" (one-sided: small when the model is better), "beaten"}, both None with ``"no_forecast"`` (why) for a
    seasonal naive with no forecast at any value, whose scores then hold ``values_left_out`` leaving out every one
    (decision 2029); ``note``: the verdict in a sentence."""

    scores: dict = field(default_factory=dict)
    scaled: dict = field(default_factory=dict)
    against: dict = field(default_factory=dict)
    note: str = ""
    season: int | None = None  # the season of the seasonal naive forecast scored (the first model's with one)
    by_target: dict = field(default_factory=dict)  # several targets: baseline key -> target -> {"mse", "mae"}


def judge(chosen: dict[str, WindowForecasts], judged: dict[str, np.ndarray], spread, keep, horizon: int,
          times, targets: list | None = None, seasons: dict | None = None, untested: str = "") -> BaselineScores:
    """Every model of ``chosen`` (name -> its forecasts of the common windows, original units) against every
    baseline any of them has: its own where it has it, else the first model's that has it. ``judged``: name -> the model's errors [W, H, T] as the pairs' test weighs them; ``spread``
    [W, 1, T] what they were divided by (None: original units); ``keep`` [W, H, T] the values scored (None: all);
    ``times`` [W] each window's forecast time; ``targets``: the target names, whose scores each baseline gets alone
    (``by_target``) where there are several; ``seasons``: name -> the model's season, the one of the seasonal naive
    forecast scored kept in ``season`` and, where the models' seasons over 1 differ, said in ``note``; ``untested``:
    why no test can be made on these windows (``significance.untestable``), said in ``note`` (``baseline_note``)."""
    out = BaselineScores()
    chosen = climatologyseries.unjudged(chosen)  # some series without one: not compared (decision 1693)
    source = {}  # each baseline any model has, from the first model that has it (a seasonal one needs a season)
    for wf in chosen.values():
        for key, forecast in wf.baselines.items():
            source.setdefault(key, (wf, forecast))
    order = list(baselines.NAMES)  # metrics.json's order, whatever the RUNs' (decision 1734)
    source = dict(sorted(source.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order)))
    own_values = {key: seasonalgaps.values_of(key, keep, f) for key, (_, f) in source.items()}
    for key, (wf, forecast) in source.items():  # the seasonal naive on the values it has (decision 1966)
        score = metrics.score(wf.y_true, forecast, own_values[key])
        scored = int(np.prod(forecast.shape)) if keep is None else int(np.asarray(keep).sum())
        none = scored and own_values[key] is not None and not np.asarray(own_values[key]).any()
        nothing = {seasonalgaps.KEY: {"values": scored, "of": scored}} if none else {}  # "-", not nan (decision 2029)
        out.scores[key] = {"mse": score["mse"], "mae": score["mae"], **nothing}
        if spread is not None:
            score = metrics.score(np.zeros_like(forecast), (forecast - wf.y_true) / spread, own_values[key])
            out.scaled[key] = {"mse": score["mse"], "mae": score["mae"], **nothing}
        if targets and len(targets) > 1:  # each target's own units, as compare's per-target tables show the models
            out.by_target[key] = {}
            for j, target in enumerate(targets):
                one = slice(j, j + 1)
                score = metrics.score(wf.y_true[..., one], forecast[..., one], None if own_values[key] is None else own_values[key][..., one])
                out.by_target[key][str(target)] = {"mse": score["mse"], "mae": score["mae"], **nothing}
    for name, wf in chosen.items():
        out.against[name], model = {}, mean_square(judged[name], keep)  # the model's, once for every baseline
        for key in source:  # its own baseline where it has one, else the one the table shows (same windows, values)
            forecast = wf.baselines[key] if key in wf.baselines else source[key][1]
            mine = seasonalgaps.values_of(key, keep, forecast)  # its own seasonal's values (decision 1994)
            if mine is not None and mine is not keep and not mine.any():  # no forecast to test: null, not NaN (decision 2029)
                out.against[name][key] = {"p_value": None, "beaten": None, "no_forecast": seasonalgaps.NO_FORECAST}
                continue
            errors = forecast - wf.y_true if spread is None else (forecast - wf.y_true) / spread
            p = significance.diebold_mariano(judged[name], errors, horizon, times, mine)["p_value"]
            paired = model if mine is keep else mean_square(judged[name], mine)  # the model's on those (decision 1966)
            out.against[name][key] = {"p_value": p, "beaten": significance.beaten(paired, mean_square(errors, mine), p)}
    out.note = baseline_note(out.against, untested=untested)
    if "seasonal" in source and seasons:
        first = next(name for name, wf in chosen.items() if wf is source["seasonal"][0])
        out.season = int(seasons[first])
        own = {name: int(seasons[name]) for name, wf in chosen.items() if "seasonal" in wf.baselines}
        if len(set(own.values())) > 1:  # decision 1655: which season the row is, and what each model is judged by
            out.note += (f" The models' seasons differ ({', '.join(f'{n}: {s}' for n, s in own.items())}): the "
                         f"'seasonal naive' row is {first}'s, season {out.season} (the first model's with a season); "
                         "each model is judged against its own seasonal naive forecast"
                         + (", one fitted without a season against that row's." if len(own) < len(chosen) else "."))
    if "seasonal" in source and (left := seasonalgaps.pair("seasonal", None, keep, source["seasonal"][1])[1]):
        said = seasonalgaps.said(left["values"], left["of"], out.season)  # by count, not by mask (decision 1994)
        out.note += f" {said[0].upper()}{said[1:]}."
    return out


def baseline_note(against: dict, loss: str = "MSE", intervals: bool = False, untested: str = "") -> str:
    """"every model beats each baseline ..." or the baselines some model does not beat, and by which (``against``:
    model -> baseline key -> {"p_value", "beaten"}), by ``loss``; ``intervals``: the baselines' intervals against the
    quantile models (``comparequantiles.intervals_note``), each miss with its p ("no test" where it is NaN);
    ``untested``: why no test could be made on these windows ("1 forecast time, and it needs 2"), which the note then
    says instead of the misses (decision 1886)."""
    against = {n: {k: v for k, v in each.items() if not v.get("no_forecast")} for n, each in against.items()}  # decision 2029
    keys = list(dict.fromkeys(key for each in against.values() for key in each))
    rule = (f"as evaluate judges: a lower {loss} beyond chance, one-sided Diebold–Mariano p < {VERDICT_ALPHA:g} that "
            "the model is not better")
    model, each_one, them, every = (("quantile model", "each baseline's intervals", "the baselines' intervals",
                                     "every baseline's intervals") if intervals else
                                    ("model", "each baseline", "the baselines", "every baseline"))
    if untested:
        return (f"no {model} was tested against {them} on these windows (no Diebold–Mariano test could be made: "
                f"{untested}), so none beats {every} ({rule})"
                + ("." if intervals else "; the sentence below ranks the models among themselves only."))
    if all(v["beaten"] for each in against.values() for v in each.values()):
        return f"every {model} beats {each_one} ({listing([baseline_name(k) for k in keys])}) on these windows, {rule}."
    unbeaten = [(f"the intervals of '{baseline_name(k)}' are" if intervals else f"'{baseline_name(k)}' is")
                + f" not beaten by {listing(missed, 'or')}" for k in keys
                if (missed := [(f"{n!r} ({p_text(p)})" if (p := each[k]['p_value']) == p else f"{n!r} (no test)") if intervals else n
                               for n, each in against.items() if k in each and not each[k]["beaten"]])]
    if any(all(v["beaten"] for v in each.values()) for each in against.values()):
        return f"not every {model} beats {them} on these windows ({rule}): {'; '.join(unbeaten)}."
    return (f"no {model} beats {every} on these windows ({rule}): {'; '.join(unbeaten)}"
            + ("." if intervals else "; the sentence below ranks the models among themselves only."))
