"""The hints of what to try next beside a verdict (``readout.said``, ``readout.backtest_said``): the window_norm that
starts the network at the best baseline where that baseline beats the model (``window_norm_hint``, ``seasonal_hint``,
with a shorter lookback of at least a season where the lookback leaves few training windows), ``future_known`` for
past-only features that lose to the training mean (``fit_hint``, ``future_known_hint``), a target that follows its own
step's future-known features (``same_step_hint``, ``samestep``) or a feature's later rows (``later_rows_hint``,
``laterrows``). Each gives one line of text, or None where it has nothing to say.
"""

from __future__ import annotations

import math

from rnncast import laterrows, medianpoint, samestep, seasonalgaps
from rnncast.baselines import NAMES
from rnncast.runnotes import Fitted
from rnncast.spelling import counted, spelled
from rnncast.verdicts import beats, verdict_units
from rnncast.windows import train_windows


def same_step_hint(forecaster: Fitted, result: dict, where: str, said: bool = False) -> str | None:
    """``samestep.hint`` of a fitted model's scores of one part (``where``): window_norm='none' for a target that
    follows its own step's future-known features more than its last value; ``said``: the verdict gave the R² already."""
    return samestep.hint(forecaster.state_.same_step, forecaster.settings_.model.window_norm, model_r2(forecaster, result),
                         where, said)


def later_rows_hint(forecaster: Fitted, result: dict, where: str) -> str | None:
    """``laterrows.hint`` of a fitted model's scores of one part (``where``): a target that follows a feature's later
    rows more than its own row, the window and the model do, which the alignment of the columns may explain."""
    target = forecaster.targets_[0] if forecaster.layout_ != "wide" and len(forecaster.targets_) == 1 else None
    return laterrows.hint(forecaster.state_.later_rows, model_r2(forecaster, result), target, where,
                          forecaster.future_covariates_, forecaster.past_covariates_ + forecaster.future_covariates_)


def model_r2(forecaster: Fitted, result: dict) -> float | None:
    """The model's R² in ``result`` (in the units of its verdict), None where undefined."""
    r2 = result[verdict_units(forecaster)]["model"].get("r2")
    return None if r2 is None or not math.isfinite(r2) else float(r2)


def window_norm_hint(forecaster: Fitted, result: dict, mean: bool = True) -> str | None:
    """``seasonal_hint`` of a fitted model's scores of one part; none for a model of the features alone, whose
    window_norm stays 'none' (target_input=False: 'season' reads the target's past); ``mean`` False: none where the
    training mean is the best baseline (the hint on the features that lose to it says why)."""
    model_s, data_s = forecaster.settings_.model, forecaster.settings_.data
    return None if not data_s.target_input else seasonal_hint(result, verdict_units(forecaster), model_s.window_norm, forecaster.settings_.train.scheme,
                         forecaster.splits_, data_s.lookback, data_s.horizon, data_s.season, data_s.scaler, mean)


STARTS = {"seasonal": ("season", "the seasonal naive forecast"), "mean": ("none", "the training mean"),
          "repeat": ("last", "the last value")}  # a baseline: the window_norm that starts the network at it, its name


def seasonal_hint(result: dict, units: str, window_norm: str, scheme: str, splits: list, lookback: int, horizon: int,
                  season: int, scaler: str = "standard", mean: bool = True) -> str | None:
    """The hint beside a verdict whose best baseline (the lowest MSE of them, in ``units``) has a lower MSE than the
    model, or None: the window_norm that starts the network at that baseline (``STARTS``: 'season' at the seasonal
    naive forecast; 'none' at the training mean, the standard ``scaler``'s zero; 'last' at the last value); for the
    seasonal naive, where the lookback leaves each series (``splits``) fewer training windows than its own length, a
    shorter one of at least a season too (with the counts); beside a lookback shorter than the season, the lookback of
    the season 'season' needs, or, where no series' training rows hold a window of it, that the data is too short. None where the model already starts there
    (``window_norm``), or trains by sequence (``scheme``, which refuses 'season'). Only the best baseline is named: a
    seasonal naive forecast that beat the model while the training mean did better led to 'season' (a tester's find);
    the best is taken over every scored baseline, and None where it is the climatology, which no window_norm starts at.
    A baseline scored on fewer values (the seasonal naive's, decision 1966) is weighed against the model's MSE on those
    values and ranked by that pair's ratio, as the verdict is (decision 1994). None beside the training mean where a
    quantile model's median is weighed on values a third or more 0 (``medianpoint.zero_heavy``, decision 2128)."""
    block = result[units]
    rivals = {name: block[name]["mse"] for name in NAMES if name in block and block[name].get("mse") is not None
              and math.isfinite(block[name]["mse"])  # every scored baseline, climatology too (decision 1637)
              and not seasonalgaps.unforecast(block, name)}  # a seasonal naive of no forecast: none (decision 1995)
    models = {name: seasonalgaps.model_mse(block, name) for name in rivals}  # each pair's values (decision 1994)
    best = (min(rivals, key=lambda n: rivals[n] / models[n] if models[n] else math.inf)  # as the verdict ranks them
            if rivals else None)
    if best not in STARTS:  # none, or climatology the best: no window_norm starts the network there (the verdict
        return None  # names it), and "the training mean has the lowest MSE" beside it was wrong (decision 1637)
    if best == "mean" and medianpoint.zero_heavy(result):  # a median pulled toward 0 weighed against a mean: the
        return None  # verdict says so; starting at the mean is not the cure (decision 2128)
    if beats(result, best, units) or rivals[best] >= models[best]:  # not beaten beyond chance,
        return None  # yet behind the model: starting there made a stock model 46 % worse (a newcomer followed the hint)
    norm, name = STARTS[best]
    if (window_norm == norm and (best != "mean" or scaler == "standard")) or (best == "seasonal" and scheme == "sequence") \
            or (best == "mean" and not mean):
        return None
    if best == "seasonal":
        text = "hint: the seasonal naive forecast has a lower MSE than the model"
    else:  # what follows: the level (the mean) or the latest value forecasts these values better than the model does
        follows = {"mean": "the series' level forecasts these values better than their recent past",
                   "repeat": "the latest value forecasts these values better than the model"}[best]
        text = f"hint: {name} has the lowest MSE of the baselines, lower than the model's: {follows}"
    standard = f", with {spelled('scaler', 'standard')}" if best == "mean" and scaler != "standard" else ""
    most = max((split.train_end for split in splits), default=None) if splits else None  # a series' training rows
    if best == "seasonal" and season > lookback and most is not None and most < season + horizon:  # decision 1833
        return (f"{text}; starting the network at it ({spelled('window_norm', norm)}) needs a lookback of at least the "
                f"season, and no series' training rows hold a window of lookback {season} + horizon {horizon} = "
                f"{season + horizon} rows (the most are {most}): the data is too short for it")
    if best == "seasonal" and season > lookback:  # 'season' reads the window's last season (decision 1778)
        standard = f", with a lookback of at least the season, {spelled('lookback', season)}"
    text += (f"; starting the network at it ({spelled('window_norm', norm)}{standard}) may help: untrained, it then "
             f"forecasts {name}, and training keeps a change from it only where that helps on validation")
    return text + (shorter_lookback(splits, lookback, horizon, season) if splits and best == "seasonal" else "")


def shorter_lookback(splits: list, lookback: int, horizon: int, season: int) -> str:
    """"; so may a shorter lookback of at least a season: 24 (lookback=24, --lookback 24) gives 55 training
    windows per series, 50 gives 29", where each series' training windows are fewer than the lookback and a lookback of two
    seasons (else one) is shorter than it; ""."""
    per = train_windows(splits, lookback, horizon) // max(len(splits), 1)
    shorter = next((k * season for k in (2, 1) if k * season < lookback), None)
    if shorter is None or per >= lookback:
        return ""
    more = train_windows(splits, shorter, horizon) // max(len(splits), 1)
    each = " per series" if len(splits) > 1 else ""
    return (f"; so may a shorter lookback of at least a season: {shorter} ({spelled('lookback', shorter)}) gives "
            f"{counted(more, 'training window')}{each}, {lookback} gives {per}")


def future_known_hint() -> str:
    """The hint of features used only up to the step before each forecast: name them as future covariates, or,
    given as features, set ``future_known`` as the other hints name a setting (``spelling.spelled``:
    ``future_known=True, --future-known``), which fit refuses for columns named as past covariates."""
    return ("hint: the features are used only up to the step before each forecast; if their values are known "
            "at the forecast time (a calendar, a planned price, a measured input), name them as future covariates "
            f"(future_covariates=, --future-covariates), or, given as features (features=, --features), declare them "
            f"with {spelled('future_known', True)}")


TIED = 0.9  # a model's MSE above this share of the mean's, not lower beyond chance, does no better than the mean


def fit_hint(forecaster: Fitted, metrics: dict, where: str = "the test split") -> str | None:
    """One line of advice after a fit, or None: a model given features that are not future-known, which loses to the
    training mean on the test split or ties with it (does not beat it, ``beats``, and its MSE is not ``TIED`` of the
    mean's or less), is told of ``--future-known``. A model whose MSE is far below the mean's learns something from the
    window, though too few forecasts may leave that short of "beyond chance" (97.2% lower, p = 0.13 over 15 rows): it
    is not told that its features might be useless as they are; useless ones leave it near the mean, either side
    (0.1% lower, p = 0.49, with the regression tutorial's y_t of x_t). Where the features of the target's own row
    explain it (``laterrows.own_row``), the hint opens with that and is given whatever the verdict (decision 740). Where
    least squares on the window's rows explains the target and the model does not (``laterrows.window_holds``), the
    window holds what it needs: more training is the hint, not ``future_known`` (decision 765)."""
    if "test" not in metrics or not forecaster.past_covariates_ or forecaster.future_covariates_:
        return None
    if own := laterrows.own_row(forecaster.state_.later_rows):  # whatever the verdict: seeing them would do far better
        return future_known_hint().replace("hint: the features are", f"hint: {own}; the features are", 1)
    units = verdict_units(forecaster)
    scores = metrics["test"][units]
    if "mean" not in scores or beats(metrics["test"], "mean", units):
        return None
    if scores["model"]["mse"] <= TIED * scores["mean"]["mse"]:
        return None
    return laterrows.window_holds(forecaster.state_.later_rows, model_r2(forecaster, metrics["test"]),
                                  forecaster.settings_.model.window_norm, where) or future_known_hint()
