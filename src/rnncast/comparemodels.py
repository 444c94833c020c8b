"""``rnncast.compare``: a user's own fitted models against each other on the same forecast targets.

Each model forecasts the windows of ``part`` of the data (``Forecaster.predict_windows``); the windows
every model forecasts are matched by series and by the time of their first target (its row where rows
are numbered), so models of different lookbacks meet on the same targets; each model's MSE and MAE are
taken in original units on those windows and the values every model scores (``windowforecasts.scored``),
and every pair gets a two-sided Diebold–Mariano test, Holm-corrected over the pairs (``comparison.compare``):
a winner is named only when it differs from every other model beyond chance. On windows of several series or
targets the test, and the MSE it names a winner by, divide each series' errors by the standard deviation of its
training rows (``spreads.window_spreads``, the first model's), as evaluate's verdict weighs a panel.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field

import numpy as np

from rnncast import (commonwindows, comparebaselines, comparedfits, comparenotes, comparequantiles, comparison, datatimes,
                     forecasttimes, metrics, newforecasts, significance, spreads, targetshares)
from rnncast.checkedcalls import checked_call
from rnncast.errors import NotFitted, RnncastError
from rnncast.forecasting import Model
from rnncast.parts import PARTS
from rnncast.pathargs import readable
from rnncast.runhistory import kept_untrained
from rnncast.settingvalues import choice
from rnncast.speakers import alike_said_once, speaking_as
from rnncast.spelling import hints
from rnncast.windowforecasts import WindowForecasts, take

ACCEPTED = ("a dict of name -> fitted Forecaster, a list of fitted Forecasters (named by their cell: LSTM, GRU, RNN) "
            "or a list of (name, Forecaster) pairs")
MEASURE = {"test": "test MSE", "val": "validation MSE", "train": "training MSE", "all": "MSE"}


@dataclass
class ModelComparison:
    """Fitted models on the windows of ``part`` that every one of them forecasts.

    ``scores``: name -> {"mse", "mae"} in the target's original units (MSE squared), over the ``windows``
    common windows of ``horizon`` steps and ``targets``, each target's mean then the mean over targets, as
    ``evaluate`` pools them (``by_target``: name -> target -> {"mse", "mae"}, each of several targets in its own units); ``own_windows``: name -> the windows of ``part`` the model forecast, of which
    ``left_out`` (name -> count) are not among the common ones (another model does not forecast them, or their
    series holds fewer than the model's season of calendar steps before them, as evaluate counts them: decision 1916);
    ``pairs``: one dict per pair {a, b, lower, statistic (negative: a better), p (two-sided), p_holm,
    differs, no_test (why no test could be made, p and p_holm NaN: "1 forecast time, and it needs 2"; else
    None)}; ``winner``: the name whose MSE is lower than every other's beyond chance, else None;
    ``sentence``: the winner or the ties in words; ``notes``: what was left out, the units of the test, and what the
    verdict rests on besides it (``comparedfits``: ``settings_apart``, ``undertrained``, test rows on dates other series
    were fitted on, a winner's one seed, a target the winner loses on: ``targetshares.winner_notes``), in words.
    ``test_units``: the units the pairs' tests, ``lower`` and ``winner`` weigh the errors in: "original units" for
    one series of one target, else "each series divided by its training rows' standard deviation" (``SCALED``), whose
    MSE and MAE are ``scaled_scores`` (empty in original units).
    ``baselines``, ``scaled_baselines``: the baselines' scores on the same windows, as ``scores`` and
    ``scaled_scores`` (the first model's baselines; the seasonal naive forecast the first model's with a season, of
    ``baseline_season``); ``against_each_baseline``: name -> baseline key -> ``{"p_value", "beaten"}``, each model
    against its own, as evaluate judges it (``comparebaselines``), said in the last note: fit's ``against_baselines``
    ``each`` of every model, less ``lower``, not its verdict (decision 1908: compare's had fit's name in another shape).
    ``quantile_scores``: name -> each quantile model's mean pinball loss, interval coverage and ``by_level`` on the
    same values (original units; None for a point model); ``ranked_by``: what ``pairs`` and ``winner`` weigh, "mean
    pinball loss" where every model forecasts the same quantile levels (``comparequantiles``), else "MSE" (the
    median's), a note saying that the intervals were not compared. ``baseline_quantile_scores``: quantile model ->
    baseline key -> that baseline's intervals scored alike (its forecast plus the quantiles of its own training errors
    at the model's levels, as evaluate scores them; ``comparequantiles.baseline_scores``), with ``p_value`` and
    ``beaten``: the model's pinball losses tested against that baseline's as evaluate's interval verdict tests them,
    on the values it has an interval for (null for one with none: not weighed, decision 1909).
    ``parameters``: name -> its number of parameters (decisions 1700, 1736). ``as_dict()``: compare --json's JSON."""

    part: str
    names: list[str]
    windows: int
    horizon: int
    targets: list
    scores: dict
    own_windows: dict
    left_out: dict
    pairs: list[dict]
    winner: str | None
    sentence: str
    notes: list[str] = field(default_factory=list)
    test_units: str = "original units"
    scaled_scores: dict = field(default_factory=dict)
    by_target: dict = field(default_factory=dict)  # several targets: name -> target -> {"mse", "mae"}, its own units
    baselines: dict = field(default_factory=dict)  # baseline key -> {"mse", "mae"}, original units (the first model's)
    scaled_baselines: dict = field(default_factory=dict)  # the same in the test's units where they are not original
    against_each_baseline: dict = field(default_factory=dict)  # name -> key -> {"p_value", "beaten"[, "no_forecast"]}
    baselines_by_target: dict = field(default_factory=dict)  # several targets: key -> target -> {"mse", "mae"}
    settings_apart: dict = field(default_factory=dict)  # setting -> name -> value, where the models were fitted apart
    undertrained: list = field(default_factory=list)  # the models whose best epoch was the last of their budget
    untrained: list = field(default_factory=list)  # the models that kept their untrained network (no epoch beat it)
    quantile_scores: dict = field(default_factory=dict)  # name -> pinball, coverage_*, by_level (None: a point model)
    ranked_by: str = "MSE"  # what winner and pairs weigh: "mean pinball loss" where every model has the same levels
    baseline_quantile_scores: dict = field(default_factory=dict)  # quantile model -> baseline -> its intervals' scores
    baseline_season: int | None = None  # the season of the 'seasonal naive' row: the first model's with one
    parameters: dict = field(default_factory=dict)  # name -> its number of parameters (None: no network)

    def as_dict(self) -> dict:
        return asdict(self)

    def __repr__(self) -> str:
        return f"ModelComparison({self.sentence!r})"


def _windows(model, data, part: str, static_covariates, said: dict) -> tuple[WindowForecasts, WindowForecasts]:
    """``model.predict_windows(data, part=part)``'s forecasts in original and in scaled units, the network run once;
    ``said`` takes what its windows left out (``parts.select``'s description: ``season_left_out``, decision 1845)."""
    model.check_fitted("predict_windows")
    both = newforecasts.new_windows(Model(model.net_, model.state_, model.device_), data, part, None, static_covariates,
                                    said, compared=True)  # no window whose seasonal naive is blank (decision 1873)
    return tuple(datatimes.in_windows(wf, model.state_.calendar.text_format) for wf in both)


@checked_call()  # compare(models, data, parts="test"): the keyword refused by name, as Forecaster's methods refuse one
def compare(models, data, part: str = "test", static_covariates=None) -> ModelComparison:
    """Compare fitted models on the windows of ``part`` of ``data`` that every one of them forecasts.

    ``models``: a dict of name -> fitted ``Forecaster``; a list of fitted Forecasters, each named by its
    cell in capitals (LSTM, GRU, RNN; a cell taken twice numbered: LSTM 1, LSTM 2); or a list of (name,
    Forecaster) pairs. At least two, of one horizon and the same target columns. ``data``: what
    ``predict_windows`` reads (a table, a file's path), holding the columns every model was fitted on.
    ``part``: "test" (default), "val", "train" or "all", found for each model as ``predict_windows`` finds
    it: "test" is the windows whose targets come after the rows that model was fitted and validated on
    (found by the times of its own fit's borders), so models fitted on other cuts of the data each have
    their own test windows, and only the windows in all of them are compared. ``static_covariates``: as
    ``predict_windows`` takes it.

    Windows are matched by series and the time of their first target (its row number where the data has
    no time), so models of different lookbacks are compared on the same targets; the windows that only
    some models forecast are counted in ``left_out`` and said in ``notes``. ``scores`` are in the target's original
    units (a quantile model's coverage counted on its scaled forecasts, as evaluate counts it). The test weighs the errors as evaluate's verdict does: in original units for one series of one target;
    on windows of several series (or targets), each series' (and target's) errors divided by the standard deviation
    of its training rows, the first model's, whatever each model's scaler (the models' scalers may differ), so that
    the series of the largest values do not decide it (``scaled_scores``, ``test_units``; a note says which units,
    and where the models' training rows, and so their spreads, differ). Returns a ``ModelComparison``.
    Raises ``RnncastError`` for fewer than two models, a name or one Forecaster object given twice, anything not a
    fitted Forecaster, models of different horizons or targets, a part some model has no window in, and no
    window common to all (saying why: no series in common, or the parts' targets apart in time).
    """
    named = _named(models)
    choice("part", part, PARTS)  # the part's and the data's refusals are the comparison's, not the first model's
    if isinstance(data, (str, os.PathLike)):
        readable(data)
    forecasts, in_scaled, said_of = {}, {}, {}  # in scaled units too: coverage counted as evaluate counts it
    with alike_said_once():  # a line every model says alike is said once, naming them
        for name, model in named.items():
            try:  # its log lines name the model as its refusals do; its refusals and warnings name the command, not
                # the method it calls
                with speaking_as(f"model {name!r}"), hints(predict_windows="compare"):
                    forecasts[name], in_scaled[name] = _windows(model, data, part, static_covariates,
                                                                said_of.setdefault(name, {}))
            except RnncastError as err:
                raise RnncastError(f"model {name!r}: {err}") from None
    picks = commonwindows.common_windows(forecasts, part)
    first = next(iter(forecasts))
    chosen = {name: take(wf, picks[name]) for name, wf in forecasts.items()}
    keep = commonwindows.kept(chosen)
    commonwindows.same_actuals(chosen, keep)
    errors = {name: wf.y_pred - wf.y_true for name, wf in chosen.items()}
    spread, said = _spread(named, chosen)  # [W, 1, T] each window's series' training spread; None: original units
    judged = errors if spread is None else {name: e / spread for name, e in errors.items()}
    windows, horizon = len(picks[first]), chosen[first].y_true.shape[1]
    group = f"{windows:,} {part + ' ' if part != 'all' else ''}window{'s' * (windows != 1)} every model forecasts"
    scaled_chosen = {name: take(wf, picks[name]) for name, wf in in_scaled.items()}
    times = forecasttimes.forecast_times(chosen[first])
    few = significance.untestable(judged[first], times, keep)  # "1 forecast time, and it needs 2": no test (decision 1886)
    quantiles = comparequantiles.judge(chosen, keep, spread, scaled_chosen, lambda a, b, pair: significance.diebold_mariano(
        a, b, horizon, times, pair)["p_value"], few)  # same levels: ranked by mean pinball loss, not MSE
    measure = MEASURE.get(part, "MSE")
    if quantiles.errors is not None:
        measure = measure.replace("MSE", comparequantiles.BY_PINBALL)
    measure = measure if spread is None else f"scaled {measure}"
    untrained = [name for name, model in named.items() if kept_untrained(model.history_)]  # ranked, said so
    result = comparison.compare(quantiles.errors or judged, horizon, group, times=times, keep=keep, measure=measure,
                                untrained=untrained)
    baselines = comparebaselines.judge(chosen, judged, spread, keep, horizon, times, list(chosen[first].targets),
                                       {name: model.settings_.data.season for name, model in named.items()}, few)
    scores, scaled = {}, {}
    for name, wf in chosen.items():
        score = metrics.score(wf.y_true, wf.y_pred, keep)
        scores[name] = {"mse": score["mse"], "mae": score["mae"]}
        if spread is not None:
            score = metrics.score(np.zeros_like(judged[name]), judged[name], keep)
            scaled[name] = {"mse": score["mse"], "mae": score["mae"]}
    targets = list(chosen[first].targets)
    by_target = {name: {str(t): _mse_mae(wf, keep, j) for j, t in enumerate(targets)}
                 for name, wf in chosen.items()} if len(targets) > 1 else {}
    forecast = {name: len(wf.y_true) for name, wf in forecasts.items()}  # after the season's left out (1873)
    own = {name: forecast[name] + comparenotes.seasonless(said_of.get(name)) for name in named}  # as evaluate counts
    left = {name: own[name] - windows for name in named}  # the season's too, where every model left out the same
    basis = comparedfits.basis(named, result.winner, part)  # the settings apart, undertrained fits, test overlap, one seed
    basis.notes += comparedfits.older(named, baselines.scores)  # saved before the climatology was kept (decision 1735)
    return ModelComparison(part, list(named), windows, horizon, list(chosen[first].targets), scores, own, left,
                           result.pairs, result.winner, result.sentence,
                           comparenotes.notes({n: forecast[n] - windows for n in named}, forecast, keep, part, chosen,
                                              named, said_of) + said + [quantiles.note] * bool(quantiles.note)
                           + basis.notes + targetshares.winner_notes(quantiles.errors or judged, result.winner, keep,
                                                                     [str(t) for t in targets], measure) + [baselines.note],
                           "original units" if spread is None else SCALED, scaled, by_target, baselines.scores,
                           baselines.scaled, baselines.against, baselines.by_target, basis.apart, basis.undertrained,
                           basis.untrained, quantiles.scores,
                           comparequantiles.BY_PINBALL if quantiles.errors is not None else "MSE", quantiles.baselines,
                           baselines.season, comparedfits.parameters(named))


SCALED = "each series divided by its training rows' standard deviation"


def _mse_mae(wf: WindowForecasts, keep: np.ndarray | None, t: int) -> dict:
    """Target ``t``'s MSE and MAE alone, in its own units, over the values ``keep`` [W, H, T] (None: all)."""
    one = slice(t, t + 1)
    score = metrics.score(wf.y_true[..., one], wf.y_pred[..., one], None if keep is None else keep[..., one])
    return {"mse": score["mse"], "mae": score["mae"]}


def _spread(named: dict, chosen: dict[str, WindowForecasts]) -> tuple[np.ndarray | None, list[str]]:
    """What compare divides every model's errors by, [W, 1, T], and the note that says so: on windows of one series
    and one target nothing (None: original units, where a test's p-value is the same in any units); else each
    window's series' training spread of each target (``spreads.window_spreads``) as the first model that keeps them
    was fitted, whatever the others' scalers; where none keeps them (saved before rnncast kept them), None, said."""
    first = next(iter(chosen.values()))
    several = first.y_true.shape[-1] > 1 or (first.series is not None and len(np.unique(first.series)) > 1)
    if not several:
        return None, []
    kept = {name: spreads.window_spreads(named[name].state_, wf) for name, wf in chosen.items()}
    kept = {name: s for name, s in kept.items() if s is not None}
    if not kept:
        return None, ["the test is in original units, where the series of the largest values weigh most: no model keeps "
                      "its series' training spreads (saved before rnncast kept them); fit them again to weigh each "
                      "series in its own scale."]
    owner, spread = next(iter(kept.items()))
    note = (f"the test weighs the errors in scaled units, {SCALED} (the rows {owner!r} was fitted on), so that every "
            "series counts in its own scale; MSE and MAE are in original units" + (
                " (the targets' mean; each target's own in its table)" if first.y_true.shape[-1] > 1 else "")
            + ", MSE (scaled) in the test's.")
    apart = [name for name, s in kept.items() if not np.allclose(s, spread, rtol=1e-6, atol=0.0)]
    if apart:
        note += (f" {', '.join(map(repr, apart))} {'was' if len(apart) == 1 else 'were'} fitted on other training rows, "
                 f"whose spreads differ: every model's errors are divided by the spreads of {owner!r}.")
    return spread[:, None, :], [note]


def _named(models) -> dict:
    """``models`` as name -> fitted Forecaster, refused in one line where it is not one of the accepted forms."""
    from rnncast.forecaster import Forecaster

    if isinstance(models, dict):
        pairs = list(models.items())
    elif isinstance(models, (list, tuple)):
        pairs = [m if isinstance(m, tuple) and len(m) == 2 else (None, m) for m in models]
        given = {n for n, _ in pairs if n is not None}  # a name given is never taken by a cell's name
        cells = [str(getattr(m, "cell", "model")).upper() if n is None else None for n, m in pairs]
        pairs = [(n if n is not None else cell if cells.count(cell) == 1 and cell not in given
                  else f"{cell} {cells[:i + 1].count(cell)}", m) for i, ((n, m), cell) in enumerate(zip(pairs, cells))]
    else:
        raise RnncastError(f"compare takes {ACCEPTED}; got {type(models).__name__}")
    if len(pairs) < 2:
        raise RnncastError(f"compare needs at least two models to compare, got {len(pairs)}; give {ACCEPTED}")
    named = {}
    for name, model in pairs:
        if not isinstance(name, str) or not name:
            raise RnncastError(f"a model's name must be non-empty text, got {name!r}")
        if name in named:
            raise RnncastError(f"the name {name!r} is given twice; give each model a name of its own")
        if not isinstance(model, Forecaster):
            raise RnncastError(f"model {name!r} is a {type(model).__name__}, not a Forecaster; give {ACCEPTED}")
        if not model.__sklearn_is_fitted__():
            raise NotFitted(f"model {name!r} is not fitted yet; fit it (fit(data, target=...)) or load one "
                               "(Forecaster.load(path)) before comparing")
        if any(model is other for other in named.values()):  # a loop's variable reused: a tie with itself (decision 1457)
            first, number = next((n, i) for i, (n, m) in enumerate(named.items(), 1) if m is model)
            raise RnncastError(f"{first!r} and {name!r} (entries {number} and {len(named) + 1}) are the same Forecaster "
                               "object: compare weighs models against each other, and a model against itself ties by "
                               "construction; give each model once, two or more different ones")
        named[name] = model
    _alike(named)
    return named


def _alike(named: dict) -> None:
    """Refuse models whose forecasts are not of one shape: different horizons or target columns."""
    horizons = {name: m.settings_.data.horizon for name, m in named.items()}
    targets = {name: list(m.targets_) for name, m in named.items()}
    if len(set(horizons.values())) > 1:
        raise RnncastError("the models forecast different horizons (" + ", ".join(f"{n}: {h}" for n, h in horizons.items())
                           + "); compare models of one horizon")
    if len({tuple(t) for t in targets.values()}) > 1:
        each = ", ".join(f"{n}: {t}" for n, t in targets.items())
        if len({frozenset(t) for t in targets.values()}) == 1:
            raise RnncastError(f"the models forecast the same targets in another order ({each}); compare models fitted "
                               "with the targets in one order")
        raise RnncastError(f"the models forecast different targets ({each}); compare models of the same target columns")
