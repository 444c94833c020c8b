"""What a run's scores say in words, for fit, evaluate and backtest alike, in Python as on the command
line and the report pages: the verdict sentence, the notes beside it and the hints of what to try next.
``said`` (a fitted model's scores of one part, the part named in the caller's words: fit's "the test
split", evaluate's "these windows") and ``backtest_said`` (a backtest's metrics, which its result
holds) give them piece by piece (``Said``), for the command line and the pages to place; ``read_out``
gives evaluate's as lines, which ``evaluated`` adds to the scores as plain text (``Forecaster.evaluate``'s result). ``verdicts`` says whether the model beats the baselines, ``runnotes`` the notes,
``runhints`` the hints (the window_norm of a baseline the model does not beat, ``future_known``, a target that follows
its own step's future-known features or a feature's later rows).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from rnncast import (backtestlinear, bandcounts, climatology, climatologyseries, closedzeros, evaluation, finalfit, laterrows, medianpoint,
                     modelcard, nodemand, samestep, scaledshares, seasonspans, stepscores, testoverlap, verdictfields, wholeintervals)
from rnncast.runnotes import (Fitted, backtest_season_hint, divergence_text, early_stop, fitted_season_hint, interval_text, mase_note,
                              missing_season, percent_note, scored_notes, undated_hint, unscored_note)
from rnncast.intervalverdict import held, pinball_verdict
from rnncast.r2notes import r2_note
from rnncast.spelling import listing
from rnncast.spreads import units_name
from rnncast.baselines import baseline_name
from rnncast.backtestverdict import backtest_test, backtest_verdict
from rnncast.backtestwindows import spread_note
from rnncast.significance import ONE_SIDED, p_text
from rnncast.runhints import fit_hint, later_rows_hint, model_r2, same_step_hint, seasonal_hint, window_norm_hint
from rnncast.verdicts import against_each, measured, outcome, quoted, verdict, verdict_units

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
    unproven: bool = False  # not ``good``, yet the model's MSE is lower than every baseline's (``unproven``), or it
    # beats them all yet is far behind a linear fit of its own inputs (``samestep.behind_text``, decision 1628)
    targets: str | None = None  # scaledshares.beside_verdict: the targets a pooled verdict rests on and loses on
    # (targetshares.text), then the few series its scaled scores rest on (scaledshares.verdict_note)
    bands: str | None = None  # the values a baseline's interval scores leave out (bandcounts.note, decision 1910)
    fields: dict | None = None  # the verdicts for a machine, built beside the sentence: ``verdictfields.machine``'s
    # ``against_baselines`` and ``intervals_against_baselines`` (decisions 1862, 1956-1958)

    def notes(self) -> list[str]:
        """The notes said, in order: unscored, series not scored, windows across gaps, MASE, MAPE and sMAPE at
        actual zeros, R² of values that do not vary, intervals, the baselines' intervals, divergence, early stop."""
        return [n for n in (self.unscored, self.series, self.gaps, self.mase, self.percent, self.r2, self.intervals,
                            self.bands, self.diverged, self.stopped) if n]

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
    features that lose to the mean). A verdict of "beats every baseline" of a model far behind a linear fit of its own
    inputs (``samestep.behind_text``) opens with that fit's R² and the model's, and is not ``good`` but ``unproven``:
    the page's box is not green (decision 1628), nor is it where the climatology, scored apart, beats the model beyond
    chance on the series that have one (decision 1826). ``fields``: the same verdicts for a machine, from the same
    outcome (``verdictfields.machine``: the MSE verdict's word names either caveat, decision 1956; the quantiles')."""
    told = outcome(result, verdict_units(forecaster))  # the verdict's baseline, which the line beside it names too
    good, sentence = verdict(result, verdict_units(forecaster), where=where, season=missing_season(forecaster), told=told)
    r2 = model_r2(forecaster, result)
    behind = samestep.behind_text(forecaster.state_.same_step, r2, where) if good else None
    sentence = (behind or "") + sentence  # far behind a linear fit of its inputs: no success, whatever the baselines
    sentence += medianpoint.sentence(result, values)  # a median where many actuals are 0: MSE, sums (decision 2128)
    sentence += held(result, verdict_units(forecaster), values) + pinball_verdict(result, verdict_units(forecaster), values)
    sentence += past_reference(result["original"]) if not forecaster.settings_.data.target_input else ""
    units = verdict_units(forecaster)  # the climatology's score in the verdict's units, unless it quotes it (decision 1664)
    if not result.get("climatology_series"):  # scored apart, said below: not "no climatology" first (decision 1742)
        sentence += climatology.reference(result[units], getattr(forecaster.calendar_, "freq", None),  # decision 1577
                                          forecaster.settings_.data.season,
                                          *climatology.fitted_span(forecaster.state_.cutoffs), measured(result, units),
                                          quoted(result, units), told[1])
    sentence += climatologyseries.sentence(result.get("climatology_series"), units, measured(result, units),
                                           quoted(result, units))  # some series' alone, apart (decision 1693)
    later = later_rows_hint(forecaster, result, where) or laterrows.before_window(  # future_known cannot help these
        forecaster.state_.later_rows, forecaster.settings_.data.lookback)
    features = later or fit_hint(forecaster, {"test": result}, where)  # the features' advice: the mean's is not added
    hints = (undated_hint(forecaster), fitted_season_hint(forecaster), window_norm_hint(forecaster, result, not features),
             features, same_step_hint(forecaster, result, where, bool(behind)))  # its R² said once (decision 1674)
    series, gaps = scored_notes(result)
    fitted = {"linear_fit_r2": samestep.far_behind(forecaster.state_.same_step, r2), "model_r2": r2} if behind else None
    machine = verdictfields.machine(result, units, told, fitted)  # the word is the sentence's, caveats included (decision 1956)
    lost = machine["against_baselines"]["verdict"] != "beats"  # the linear fit, the climatology (1628, 1826)
    return Said(good and not lost, sentence, unscored_note(result), mase_note(result),
                wholeintervals.beside(interval_text(result["original"]["model"], forecaster.settings_.model.quantiles,
                                                    values, few=result.get("pooled"),
                                                    scaled=result["scaled"]["model"].get("pinball"),
                                                    column=result.get("column_pinball", ())),  # a page's table: its
                                      result.get("scored"), result.get("targets", 1) > 1, values),  # val row too; decision 2141
                divergence_text(forecaster), tuple(h for h in hints if h), series, gaps, early_stop(forecaster),
                each_text(result, verdict_units(forecaster)), percent_note(result), r2_note(result),
                unproven(result, verdict_units(forecaster)) or good and lost, scaledshares.beside_verdict(result, verdict_units(forecaster), where, told[1]),
                bandcounts.note(result["original"]), machine)



def evaluated(forecaster: Fitted, forecasts, part: str = "test", by_series: bool = False) -> dict:
    """``Forecaster.evaluate``'s result of the forecasts of ``part`` (``Forecaster.part_forecasts``): their scores
    (``evaluation.evaluate``, per-series keys as given: ``PartForecasts.ids``; ``by_step``, each step ahead's:
    ``stepscores.of_part``) with ``read_out``'s lines and ``said``'s
    ``fields`` (``against_baselines``, ``intervals_against_baselines``: the sentence's own, decision 1958), after
    warning of a season some of the model's calendars count in other units (``seasonspans.warn``) and, where windows of
    the fit's test split are scored, of its series' test rows on dates other series were fitted on, as fit warned
    (``testoverlap.overlap``, kept in model.json; the result's ``test_overlap``). The command line's evaluate scores its
    forecasts so, keeping them for the dialect of the data file (``PartForecasts.dialect``). ``mase_season``: the
    season MASE's scale steps over (1: the last value), which the tables' header says ("MASE (season 4)") and JSON
    readers were not told. Scoring ``part="test"`` of the fit's own test split (``modelcard.fit_test_split``: no newer
    rows, every series) keeps its headline as the model's ``test_scores`` (``modelcard.test_scores``), which ``save``
    and ``export`` write as a run's model/ does (decisions 1598, 1638); other rows leave it as it was."""
    result = {**evaluation.evaluate(forecasts, by_series), "by_step": stepscores.of_part(forecasts)}  # decision 2030
    scaledshares.warn(result.get("scaled_few"), WHERE[part].format(result["windows"]))  # the few its scores rest on
    nodemand.warn(result.get("no_demand"), WHERE[part].format(result["windows"]))  # or no demand there (decision 1487)
    closedzeros.warn(result.get("scored", {}).get("closed_zeros"), WHERE[part].format(result["windows"]))  # decision 1792
    state = forecaster.state_
    result["mase_season"] = int(state.settings.data.season)
    seasonspans.warn(state.calendar, state.calendars, state.settings.data.season)  # the model's
    say_older(state)  # a model saved before the climatology was kept (decision 1703)
    if state.overlap and part == "test" and result.get("scored", {}).get("targets_on", {}).get("test"):
        overlap = testoverlap.respelled(state.overlap, state.calendar.text_format, forecasts.text_format)  # decision 1897
        log.warning("%s", overlap["text"])
        result["test_overlap"] = overlap
    words = said(forecaster, result, *part_words(part, result))  # the sentence and its fields, once (decision 1958)
    if part == "test" and modelcard.fit_test_split(result.get("scored", {}), len(state.splits)):  # the fit's own test
        # split's headline, which save and export write as a run's model/ keeps its own (decisions 1598, 1638)
        state.test_scores = modelcard.test_scores({"test": {**result, **words.fields}}, state.layout, len(state.targets))
        state.target_scores = modelcard.target_scores({"test": result}, state.targets)  # several targets' (decision 1900)
    return {**result, **words.lines(), **words.fields,  # fit's metrics.json's, built alike (decision 1878)
            "model_kept": verdictfields.model_kept(forecaster)}


def say_older(state) -> None:
    """Warn, once a call, that a model (``FittedState``) saved before rnncast kept the climatology scores none, where a
    fit now would keep one (``climatology.older``): evaluate's line (decision 1703), and predict_windows', whose
    baselines then hold none (decision 1775)."""
    if (older := climatology.older(state)) is not None:
        log.warning("%s", older)


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
    alone, ``target_input`` False, whose verdict says the naive baselines read what it does not). A verdict of "beats
    every baseline" of a model far behind a linear fit of its own inputs on the backtest's values (``m["linear_fit"]``,
    ``backtestlinear.behind``) opens with that fit's R² and the model's and is not ``good`` but ``unproven``, its
    ``fields`` word "beats_behind_linear_fit", as fit's (decisions 1956, 1985)."""
    test, units = backtest_test(m), m["verdict_units"]  # every window's scores, as the verdict reads them
    told = outcome(test, units)  # the verdict's baseline, which the line beside it names too
    good, sentence = backtest_verdict(m, told=told)
    behind = backtestlinear.behind(m.get("linear_fit")) if good else None  # far behind a linear fit (decision 1985)
    sentence = (backtestlinear.behind_text(m.get("linear_fit"), m.get("refit", False)) if behind else "") + sentence
    sentence += medianpoint.sentence(test, "the backtest values")  # decision 2128
    sentence += held(test, units, "the backtest values") + pinball_verdict(test, units, "the backtest values")  # 2259
    sentence += past_reference(m["overall"]) if not target_input else ""
    sentence += climatology.reference(test[units], m.get("freq"), m.get("season"), None, None,
                                      measured(test, units), quoted(test, units), told[1])
    seasonal = seasonal_hint(test, units, window_norm, scheme, splits or [], m["lookback"],
                             m["horizon"], m["season"], scaler) if target_input else None
    hints = (backtest_season_hint(m), seasonal)
    fields = verdictfields.machine(test, units, told, behind)  # decisions 1958, 1956: the word is the sentence's
    mase = " ".join(filter(None, (mase_note(m), spread_note(m)))) or None  # the windows' divisors (decision 2054)
    return Said(good and not behind, sentence, unscored_note(m), mase,
                wholeintervals.beside(interval_text(m["overall"]["model"], m["quantiles"], "the backtest values",
                                                    few=m.get("pooled"), scaled=m["overall_scaled"]["model"].get(
                                                        "pinball"),  # a panel's few large series: evaluate's
                                                    column=[w["model"].get("pinball") for w in m["windows"]]),
                                      m.get("scored"), m.get("targets", 1) > 1, "the backtest values"),
                hints=tuple(h for h in hints if h), each=each_text(test, units),
                percent=percent_note(m, mape=False), unproven=unproven(test, units) or bool(behind),
                series=f"{m['windows_left_out']['text']}." if m.get("windows_left_out") else None,
                targets=scaledshares.beside_verdict(test, units, "the backtest windows", told[1]),
                bands=bandcounts.note(m["overall"]), fields=fields)


def each_text(test: dict, units: str) -> str | None:
    """The model against each baseline on its own (``verdicts.against_each``), in a line: "Against each baseline:
    beats 'repeat the last value' (p = 0.00011) and 'training mean' (p = 7.3e-05); has a lower MSE than 'seasonal
    naive' (43.1% lower, but not beyond chance: p = 0.064)."; a baseline whose MSE is the same or lower: "does not
    beat 'x' (a higher MSE, p = 0.41)". A verdict of "does NOT beat the baselines" names one, and hid the others the
    model beats; None where there is one baseline (the verdict is about it). A seasonal naive baseline whose forecast
    reads another time of day (``scored``'s ``seasonal_shifted``) says so beside its p (decision 1787)."""
    each = against_each(test, units)
    if len(each) < 2:
        return None
    shifted = (test.get("scored") or {}).get("seasonal_shifted")  # its seasonal naive read other bars (decision 1787)
    caveat = (f"; but its seasonal naive forecast reads another time of day in {shifted['windows']} of the "
              f"{shifted['of']} windows" if shifted else "")

    def entry(e: dict, why: str) -> str:
        return f"'{baseline_name(e['name'])}' ({why}{caveat if e['name'] == 'seasonal' else ''})"
    beaten = [entry(e, p_text(e["p"]) if e["p"] == e["p"] else "untested") for e in each if e["beaten"]]
    lower = [entry(e, _why_not(e)) for e in each if not e["beaten"] and e["lower"]]
    kept = [entry(e, _why_not(e)) for e in each if not e["beaten"] and not e["lower"]]
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


def final_said(forecaster, metrics: dict) -> Said:
    """What fit prints of a final fit's scores (``Said``, as ``said`` gives a scored part's): no verdict, the sentence of
    ``metrics["no_test"]`` (``finalfit.text``) in its place, and the epoch a diverged fit kept (decision 2117). Here,
    not in ``finalfit``, whose ``check`` the settings read below the scoring modules."""
    sentence = metrics.get("no_test") or finalfit.TEXT
    return Said(False, f"{sentence[0].upper()}{sentence[1:]}.", diverged=divergence_text(forecaster))
