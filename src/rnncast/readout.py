"""What a run's scores say in words, for fit, evaluate and backtest alike, in Python as on the command
line and the report pages: the verdict sentence, the notes beside it and the hints of what to try next.
``said`` (a fitted model's scores of one part, the part named in the caller's words: fit's "the test
split", evaluate's "these windows") and ``backtest_said`` (a backtest's metrics, which its result
holds) give them piece by piece (``Said``), for the command line and the pages to place; ``read_out``
gives evaluate's as lines, which ``evaluated`` adds to the scores as plain text (``Forecaster.evaluate``'s result). ``verdicts`` says whether the model beats the baselines, ``runnotes`` the notes; the
hint of a seasonal naive forecast the model does not beat (``window_norm_hint``) is here, the one of a target that
follows its own step's future-known features (``same_step_hint``, ``samestep``), and the one of a target that follows
a feature's later rows (``later_rows_hint``, ``laterrows``), given in place of the ``future_known`` hint.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

from rnncast import evaluation, laterrows, samestep, scaledshares, seasonspans
from rnncast.runnotes import (Fitted, backtest_season_hint, divergence_text, early_stop, fitted_season_hint, interval_text, mase_note,
                              missing_season, percent_note, scored_notes, undated_hint, unscored_note)
from rnncast.intervalverdict import pinball_verdict
from rnncast.r2notes import r2_note
from rnncast.spelling import counted, listing, spelled
from rnncast.spreads import units_name
from rnncast.baselines import baseline_name
from rnncast.backtestverdict import backtest_test, backtest_verdict
from rnncast.significance import ONE_SIDED, p_text
from rnncast.verdicts import against_each, beats, verdict, verdict_units
from rnncast.windows import train_windows

WHERE = {"test": "these windows", "val": "the validation rows", "train": "the training rows", "all": "all {} windows, "
         "training rows included"}  # the windows a part's verdict names (``evaluate``'s parts)
log = logging.getLogger(__name__)
VALUES = {"test": "these values", "val": "the validation values", "train": "the training values", "all": "all the values"}


@dataclass(frozen=True)
class Said:
    """What one part's scores say, piece by piece: ``good`` (the model beats every baseline), the
    ``verdict`` sentence, the notes (``unscored``: values fill made that were not scored; ``series``: the
    series of a panel not scored; ``gaps``: the windows that span calendar steps missing from the data;
    ``mase``: how MASE treated series without a scale; ``intervals``: the intervals' coverage; ``diverged``:
    the epoch a diverged fit kept; ``stopped``: where early stopping ended the fit; each None where there is nothing to say) and the ``hints`` in the order
    they are printed (the season not weighed, ``window_norm='season'``, ``future_known``)."""

    good: bool
    verdict: str
    unscored: str | None = None
    mase: str | None = None
    intervals: str | None = None
    diverged: str | None = None
    hints: tuple = ()
    series: str | None = None
    gaps: str | None = None
    stopped: str | None = None
    each: str | None = None  # the model against each baseline on its own (``each_text``), printed after the verdict
    percent: str | None = None  # MAPE and sMAPE where actual values are 0 (``runnotes.percent_note``)
    r2: str | None = None  # R² where scored values do not vary (``r2notes.r2_note``)
    unproven: bool = False  # not ``good``, yet the model's MSE is lower than every baseline's (``unproven``)
    targets: str | None = None  # scaledshares.beside_verdict: the targets a pooled verdict rests on and loses on
    # (targetshares.text), then the few series its scaled scores rest on (scaledshares.verdict_note)

    def notes(self) -> list[str]:
        """The notes said, in order: unscored, series not scored, windows across gaps, MASE, MAPE and sMAPE at
        actual zeros, R² of values that do not vary, intervals, divergence, early stop."""
        return [n for n in (self.unscored, self.series, self.gaps, self.mase, self.percent, self.r2, self.intervals,
                            self.diverged, self.stopped) if n]

    def lines(self) -> dict:
        """``{"verdict", "notes", "hints"}``: plain text, the verdict a string and the others lists of lines."""
        return {"verdict": self.verdict, "notes": self.notes(), "hints": list(self.hints)}


def past_reference(scored) -> str:
    """The verdict's closing sentence for a model of the features alone (target_input=False): the baselines among
    ``scored`` (the names of those scored: 'repeat', 'seasonal' ...) that repeat the target read its past, which the
    model does not; each named only where it was scored (no seasonal naive without a season); "" where none was."""
    names = [name for key, name in (("repeat", "the last value"), ("seasonal", "the seasonal naive")) if key in scored]
    if not names:
        return ""
    which = f"baselines that repeat the target ({' and '.join(names)}) read" if len(names) > 1 else (
        f"baseline that repeats the target ({names[0]}) reads")
    return (f" The {which} its past, which this model does not (target_input=False: it reads the features alone): "
            f"{'they are' if len(names) > 1 else 'it is'} scored as a reference where the target is known, not as "
            "forecasts made without it.")


def said(forecaster: Fitted, result: dict, where: str = "the test split", values: str = "the test values") -> Said:
    """What a fitted model's scores of one part (``evaluation.evaluate``'s ``result``) say: the verdict
    whether the model beats every baseline (``verdicts.verdict``, in the units it is judged in) on
    ``where`` (the windows as the caller names them), the notes (the intervals' coverage of ``values``)
    and the hints (timestamps of no calendar, so no forecast can be dated; a season the run did not weigh,
    ``window_norm='season'`` where the seasonal naive forecast is not beaten, ``future_known`` for past-only
    features that lose to the mean)."""
    good, sentence = verdict(result, verdict_units(forecaster), where=where, season=missing_season(forecaster))
    sentence += pinball_verdict(result, verdict_units(forecaster), values)  # the quantiles: beside the baselines'
    sentence += past_reference(result["original"]) if not forecaster.settings_.data.target_input else ""
    later = later_rows_hint(forecaster, result, where) or laterrows.before_window(  # future_known cannot help these
        forecaster.state_.later_rows, forecaster.settings_.data.lookback)
    features = later or fit_hint(forecaster, {"test": result}, where)  # the features' advice: the mean's is not added
    hints = (undated_hint(forecaster), fitted_season_hint(forecaster), window_norm_hint(forecaster, result, not features),
             features, same_step_hint(forecaster, result, where))
    series, gaps = scored_notes(result)
    return Said(good, sentence, unscored_note(result), mase_note(result),
                interval_text(result["original"]["model"], forecaster.settings_.model.quantiles, values,
                              few=result.get("pooled"), scaled=result["scaled"]["model"].get("pinball"),
                              column=result.get("column_pinball", ())),  # a page's table: its validation row too
                divergence_text(forecaster), tuple(h for h in hints if h), series, gaps, early_stop(forecaster),
                each_text(result, verdict_units(forecaster)), percent_note(result), r2_note(result),
                unproven(result, verdict_units(forecaster)), scaledshares.beside_verdict(result, verdict_units(forecaster), where))



def evaluated(forecaster: Fitted, forecasts, part: str = "test", by_series: bool = False) -> dict:
    """``Forecaster.evaluate``'s result of the forecasts of ``part`` (``Forecaster.part_forecasts``): their scores
    (``evaluation.evaluate``, per-series keys as given: ``PartForecasts.ids``) with ``read_out``'s lines, after
    warning of a season some of the model's calendars count in other units (``seasonspans.warn``) and, where windows of
    the fit's test split are scored, of its series' test rows on dates other series were fitted on, as fit warned
    (``testoverlap.overlap``, kept in model.json; the result's ``test_overlap``). The command line's evaluate scores its
    forecasts so, keeping them for the dialect of the data file (``PartForecasts.dialect``). ``mase_season``: the
    season MASE's scale steps over (1: the last value), which the tables' header says ("MASE (season 4)") and JSON
    readers were not told."""
    result = evaluation.evaluate(forecasts, by_series)
    scaledshares.warn(result.get("scaled_few"), WHERE[part].format(result["windows"]))  # the few its scores rest on
    state = forecaster.state_
    result["mase_season"] = int(state.settings.data.season)
    seasonspans.warn(state.calendar, state.calendars, state.settings.data.season)  # the model's
    if state.overlap and part == "test" and result.get("scored", {}).get("targets_on", {}).get("test"):
        log.warning("%s", state.overlap["text"])
        result["test_overlap"] = state.overlap
    return {**result, **read_out(forecaster, result, part)}


def read_out(forecaster: Fitted, result: dict, part: str = "test") -> dict:
    """``{"verdict", "notes", "hints"}`` of ``evaluate``'s ``result`` of ``part`` (``said``, the windows
    and values named as evaluate names them: ``WHERE``, ``VALUES``), each a line of text."""
    return said(forecaster, result, *part_words(part, result)).lines()


def part_words(part: str, result: dict) -> tuple[str, str]:
    """How evaluate names the windows and the values of ``part`` ("test", "val", "train", "all") in its
    ``result``: ``("these windows", "these values")``, ``("all 558 windows, training rows included", ...)``."""
    return WHERE[part].format(result["windows"]), VALUES[part]


def backtest_said(m: dict, window_norm: str = "last", scheme: str = "window", splits: list | None = None,
                  target_input: bool = True, scaler: str = "standard") -> Said:
    """What a backtest's metrics (``backtest.run``) say: the verdict over every window with how the
    Diebold–Mariano test was made on them (``backtestverdict.backtest_verdict``), the notes (values fill made
    that were not scored, the series a pooled MASE leaves out, MAPE and sMAPE at actual zeros, the intervals'
    coverage) and the hints (a season the run did not weigh; ``window_norm='season'`` where the seasonal naive forecast is not
    beaten, from the run's ``window_norm`` and training ``scheme``, with a shorter lookback where
    ``splits``, the rows up to each series' first cutoff, leave few training windows; not for a model of the features
    alone, ``target_input`` False, whose verdict says the naive baselines read what it does not)."""
    good, sentence = backtest_verdict(m)
    sentence += pinball_verdict(backtest_test(m), m["verdict_units"], "the backtest values")
    sentence += past_reference(m["overall"]) if not target_input else ""
    seasonal = seasonal_hint(backtest_test(m), m["verdict_units"], window_norm, scheme, splits or [], m["lookback"],
                             m["horizon"], m["season"], scaler) if target_input else None
    hints = (backtest_season_hint(m), seasonal)
    return Said(good, sentence, unscored_note(m), mase_note(m),
                interval_text(m["overall"]["model"], m["quantiles"], "the backtest values", few=m.get("pooled"),
                              scaled=m["overall_scaled"]["model"].get("pinball"),  # a panel's few large series: evaluate's
                              column=[w["model"].get("pinball") for w in m["windows"]]),  # as the table writes it
                hints=tuple(h for h in hints if h), each=each_text(backtest_test(m), m["verdict_units"]),
                percent=percent_note(m, mape=False), unproven=unproven(backtest_test(m), m["verdict_units"]),
                series=f"{m['windows_left_out']['text']}." if m.get("windows_left_out") else None,
                targets=scaledshares.beside_verdict(backtest_test(m), m["verdict_units"], "the backtest windows"))


def each_text(test: dict, units: str) -> str | None:
    """The model against each baseline on its own (``verdicts.against_each``), in a line: "Against each baseline:
    beats 'repeat the last value' (p = 0.00011) and 'training mean' (p = 7.3e-05); has a lower MSE than 'seasonal
    naive' (43.1% lower, but not beyond chance: p = 0.064)."; a baseline whose MSE is the same or lower: "does not
    beat 'x' (a higher MSE, p = 0.41)". A verdict of "does NOT beat the baselines" names one, and hid the others the
    model beats; None where there is one baseline (the verdict is about it)."""
    each = against_each(test, units)
    if len(each) < 2:
        return None
    beaten = [f"'{baseline_name(e['name'])}' ({p_text(e['p']) if e['p'] == e['p'] else 'untested'})" for e in each
              if e["beaten"]]
    lower = [f"'{baseline_name(e['name'])}' ({_why_not(e)})" for e in each if not e["beaten"] and e["lower"]]
    kept = [f"'{baseline_name(e['name'])}' ({_why_not(e)})" for e in each if not e["beaten"] and not e["lower"]]
    said = ([f"beats {listing(beaten)}"] if beaten else []) + ([f"has a lower MSE than {listing(lower)}"] if lower
                                                               else []) + ([f"does not beat {listing(kept)}"] if kept else [])
    named = f" ({units_name(test.get('scaled_by'))})" if units == "scaled" else ""
    return f"Against each baseline{named} (p: {ONE_SIDED}): {'; '.join(said)}."


def unproven(test: dict, units: str) -> bool:
    """Whether the model's MSE is lower than every baseline's on ``test`` but not beyond chance against each (the
    verdict of decision 702, ``verdicts.lower_unproven``): a page shows it as undecided, neither a win nor a loss
    (decision 709)."""
    each = against_each(test, units)
    return bool(each) and all(e["lower"] for e in each) and not all(e["beaten"] for e in each)


def _why_not(e: dict) -> str:
    """Why a baseline is not beaten (``verdicts.against_each``'s entry), as ``each_text`` says it."""
    if e["how"] == "the same MSE":
        return "the same MSE: the model's forecasts are the baseline's"
    if e["p"] != e["p"]:
        return f"{e['how']}; no Diebold–Mariano test could be made"
    return f"{e['how']}, but not beyond chance: {p_text(e['p'])}" if e["lower"] else f"{e['how']}, {p_text(e['p'])}"


def same_step_hint(forecaster: Fitted, result: dict, where: str) -> str | None:
    """``samestep.hint`` of a fitted model's scores of one part (``where``): window_norm='none' for a target that
    follows its own step's future-known features more than its last value."""
    return samestep.hint(forecaster.state_.same_step, forecaster.settings_.model.window_norm, model_r2(forecaster, result),
                         where)


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
    shorter one of at least a season too (with the counts). None where the model already starts there
    (``window_norm``), or trains by sequence (``scheme``, which refuses 'season'). Only the best baseline is named: a
    seasonal naive forecast that beat the model while the training mean did better led to 'season' (a tester's find)."""
    block = result[units]
    rivals = {name: block[name]["mse"] for name in STARTS if name in block and block[name].get("mse") is not None
              and math.isfinite(block[name]["mse"])}
    best = min(rivals, key=rivals.get) if rivals else None
    if best is None or beats(result, best, units) or rivals[best] >= block["model"]["mse"]:  # not beaten beyond chance,
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
