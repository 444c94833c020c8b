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

from rnncast import comparebaselines, comparedfits, comparison, evaluation, metrics, spreads
from rnncast.checkedcalls import checked_call
from rnncast.errors import RnncastError
from rnncast.noticed import speaking_as
from rnncast.parts import PARTS
from rnncast.pathargs import readable
from rnncast.settingvalues import choice
from rnncast.spelling import counted, hints
from rnncast.windowforecasts import WindowForecasts, scored, take

ACCEPTED = ("a dict of name -> fitted Forecaster, a list of fitted Forecasters (named by their cell: LSTM, GRU, RNN) "
            "or a list of (name, Forecaster) pairs")
MEASURE = {"test": "test MSE", "val": "validation MSE", "train": "training MSE", "all": "MSE"}


@dataclass
class ModelComparison:
    """Fitted models on the windows of ``part`` that every one of them forecasts.

    ``scores``: name -> {"mse", "mae"} in the target's original units (MSE squared), over the ``windows``
    common windows of ``horizon`` steps and ``targets``, each target's mean then the mean over targets, as
    ``evaluate`` pools them (``by_target``: name -> target -> {"mse", "mae"}, each of several targets in its own units); ``own_windows``: name -> the windows of ``part`` the model forecast, of which
    ``left_out`` (name -> count) are not among the common ones (another model does not forecast them);
    ``pairs``: one dict per pair {a, b, lower, statistic (negative: a better), p (two-sided), p_holm,
    differs}; ``winner``: the name whose MSE is lower than every other's beyond chance, else None;
    ``sentence``: the winner or the ties in words; ``notes``: what was left out, the units of the test, and what the
    verdict rests on besides it (``comparedfits``: ``settings_apart``, ``undertrained``, test rows on dates other series
    were fitted on, a winner's one seed), in words.
    ``test_units``: the units the pairs' tests, ``lower`` and ``winner`` weigh the errors in: "original units" for
    one series of one target, else "each series divided by its training rows' standard deviation" (``SCALED``), whose
    MSE and MAE are ``scaled_scores`` (empty in original units).
    ``baselines``, ``scaled_baselines``: the baselines' scores on the same windows, as ``scores`` and
    ``scaled_scores`` (the first model's baselines); ``against_baselines``: each model against its own, as evaluate
    judges it (``comparebaselines``), said in the last note.
    ``as_dict()`` is the JSON ``rnncast compare --json`` prints."""

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
    against_baselines: dict = field(default_factory=dict)  # name -> baseline key -> {"p_value", "beaten"}
    baselines_by_target: dict = field(default_factory=dict)  # several targets: key -> target -> {"mse", "mae"}
    settings_apart: dict = field(default_factory=dict)  # setting -> name -> value, where the models were fitted apart
    undertrained: list = field(default_factory=list)  # the models whose best epoch was the last of their budget

    def as_dict(self) -> dict:
        return asdict(self)

    def __repr__(self) -> str:
        return f"ModelComparison({self.sentence!r})"


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
    units. The test weighs the errors as evaluate's verdict does: in original units for one series of one target;
    on windows of several series (or targets), each series' (and target's) errors divided by the standard deviation
    of its training rows, the first model's, whatever each model's scaler (the models' scalers may differ), so that
    the series of the largest values do not decide it (``scaled_scores``, ``test_units``; a note says which units,
    and where the models' training rows, and so their spreads, differ). Returns a ``ModelComparison``.
    Raises ``RnncastError`` for fewer than two models, a name given twice, anything not a fitted
    Forecaster, models of different horizons or targets, a part some model has no window in, and no
    window common to all (saying why: no series in common, or the parts' targets apart in time).
    """
    named = _named(models)
    choice("part", part, PARTS)  # the part's and the data's refusals are the comparison's, not the first model's
    if isinstance(data, (str, os.PathLike)):
        readable(data)
    forecasts = {}
    for name, model in named.items():
        try:  # its log lines name the model as its refusals do; its refusals and warnings name the command, not the
            # method it calls
            with speaking_as(f"model {name!r}"), hints(predict_windows="compare"):
                forecasts[name] = model.predict_windows(data, part=part, static_covariates=static_covariates)
        except RnncastError as err:
            raise RnncastError(f"model {name!r}: {err}") from None
    picks = common_windows(forecasts, part)
    first = next(iter(forecasts))
    chosen = {name: take(wf, picks[name]) for name, wf in forecasts.items()}
    keep = _kept(chosen)
    _same_actuals(chosen, keep)
    errors = {name: wf.y_pred - wf.y_true for name, wf in chosen.items()}
    spread, said = _spread(named, chosen)  # [W, 1, T] each window's series' training spread; None: original units
    judged = errors if spread is None else {name: e / spread for name, e in errors.items()}
    windows, horizon = len(picks[first]), chosen[first].y_true.shape[1]
    group = f"{windows:,} {part + ' ' if part != 'all' else ''}window{'s' * (windows != 1)} every model forecasts"
    measure = MEASURE.get(part, "MSE") if spread is None else f"scaled {MEASURE.get(part, 'MSE')}"
    times = evaluation.forecast_times(chosen[first])
    result = comparison.compare(judged, horizon, group, times=times, keep=keep, measure=measure)
    baselines = comparebaselines.judge(chosen, judged, spread, keep, horizon, times, list(chosen[first].targets))
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
    own = {name: len(wf.y_true) for name, wf in forecasts.items()}
    left = {name: own[name] - windows for name in named}
    basis = comparedfits.basis(named, result.winner, part)  # the settings apart, undertrained fits, test overlap, one seed
    return ModelComparison(part, list(named), windows, horizon, list(chosen[first].targets), scores, own, left,
                           result.pairs, result.winner, result.sentence,
                           _notes(left, own, keep, part) + said + basis.notes + [baselines.note],
                           "original units" if spread is None else SCALED, scaled, by_target, baselines.scores,
                           baselines.scaled, baselines.against, baselines.by_target, basis.apart, basis.undertrained)


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
            raise RnncastError(f"model {name!r} is not fitted yet; fit it (fit(data, target=...)) or load one "
                               "(Forecaster.load(path)) before comparing")
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


def window_keys(wf: WindowForecasts) -> list[tuple]:
    """Each window's (series id, time of its first target) [W], the time as an integer (the
    panel's time unit since 1970 UTC, a period's ordinal, an integer period); the target's row where the series has no time."""
    rows = np.asarray(wf.target_rows, dtype=np.int64)
    series = np.asarray(wf.series, dtype=np.int64) if wf.series is not None else np.zeros(len(rows), dtype=np.int64)
    times = wf.times if wf.times else [None] * len(wf.ids)
    keys: list = [None] * len(rows)
    for s in np.unique(series).tolist():  # each series' times taken at once: a panel's windows are many
        at = np.flatnonzero(series == s)
        when = rows[at] if times[s] is None else _integers(times[s])[rows[at]]
        when = when.tolist()
        for position, moment in zip(at.tolist(), when):
            keys[position] = (wf.ids[s], moment)
    return keys


def _integers(index) -> np.ndarray:
    """A series' times as integers, one per row: hashed and matched far faster than Timestamps."""
    return np.asarray(index.asi8 if hasattr(index, "asi8") else index, dtype=np.int64)


def _when(wf: WindowForecasts, position: int):
    """The time (or row) of the first target of window ``position``, as the data gives it."""
    s = int(wf.series[position]) if wf.series is not None else 0
    row = int(wf.target_rows[position])
    return wf.times[s][row] if wf.times and wf.times[s] is not None else row


def common_windows(forecasts: dict[str, WindowForecasts], part: str) -> dict[str, np.ndarray]:
    """Each model's positions [W'] of the windows every model forecasts, in the first model's order;
    ``RnncastError`` saying why where there is none."""
    keys = {name: window_keys(wf) for name, wf in forecasts.items()}
    shared = set.intersection(*(set(k) for k in keys.values()))
    first = next(iter(keys))
    order = [key for key in keys[first] if key in shared]
    if order:
        positions = {name: dict(zip(k, range(len(k)))) for name, k in keys.items()}
        return {name: np.array([at[key] for key in order], dtype=np.int64) for name, at in positions.items()}
    series = {name: {key[0] for key in k} for name, k in keys.items()}
    if not set.intersection(*series.values()):
        raise RnncastError(f"the models share no series in their {part} windows ("
                           + "; ".join(f"{n}: {sorted(map(str, s))[:5]}" for n, s in series.items()) + ")")
    moments = {n: np.array([key[1] for key in k]) for n, k in keys.items()}
    spans = "; ".join(f"{n}: {_when(forecasts[n], int(moments[n].argmin()))} to "
                      f"{_when(forecasts[n], int(moments[n].argmax()))}" for n in keys)
    raise RnncastError(f"no {part} window is forecast by every model: their first targets do not meet ({spans}); "
                       f"part={part!r} is found for each model from the rows it was fitted on, so models fitted on "
                       "other rows may have no such window in common; compare them on data or a part they share")


def _kept(chosen: dict[str, WindowForecasts]) -> np.ndarray | None:
    """The values every model scores [W, H, T] (None: all)."""
    masks = [m for m in (scored(wf) for wf in chosen.values()) if m is not None]
    return np.logical_and.reduce(masks) if masks else None


def _same_actuals(chosen: dict[str, WindowForecasts], keep) -> None:
    """Refuse models that read other values for the same targets (the data read another way)."""
    first, *others = chosen.items()
    mask = np.ones(first[1].y_true.shape, dtype=bool) if keep is None else keep
    for name, wf in others:
        if not np.allclose(wf.y_true[mask], first[1].y_true[mask], rtol=1e-5, atol=1e-8, equal_nan=True):
            raise RnncastError(f"models {first[0]!r} and {name!r} read different values for the same targets; "
                               "compare models that read the data alike (the same target, fill and columns)")


def _notes(left: dict, own: dict, keep, part: str) -> list[str]:
    """What the comparison left out, in words."""
    notes = []
    if any(left.values()):
        which = "windows" if part == "all" else f"{part} windows"
        notes.append("left out as not forecast by every model (another lookback, or another fit's split): "
                     + ", ".join(f"{left[n]} of {n}'s {own[n]} {which}" for n in left if left[n]) + ".")
    if keep is not None and not keep.all():
        notes.append(f"{counted(int((~keep).sum()), 'value')} left out where a model scores none: targets fill made, "
                     "or windows reading values filled from later rows.")
    if part in ("train", "all"):  # many overlapping windows the models learned from: "beyond chance" comes easily
        notes.append(f"part={part!r} scores windows whose targets the models were trained on: it says how closely each "
                     "fits its training rows, not how well it forecasts; part='test' says that.")
    return notes
