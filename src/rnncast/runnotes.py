"""The notes and hints beside a verdict: the season a run did not weigh, the epoch a diverged fit kept, where early
stopping ended a fit, how a pooled MASE treated series without a scale, what fill made and the scores left out, and
what a quantile model's intervals held. ``verdicts`` says whether the model beats the baselines; the command line
prints these beside it, and the report page (``reportpage``) shows them."""

from __future__ import annotations

from typing import Any, Protocol

from rnncast.actualzeros import NEAR, ROUNDING
from rnncast.filledwindows import BLANK
from rnncast.runhistory import best_epoch, early_stop_text
from rnncast.seasons import Season, agreed_season, recorded as recorded_season
from rnncast.timecalendar import by_series
from rnncast.spelling import spelled
from rnncast import seasonmatch, weeklyseason, windowscales, zeroscales
from rnncast.pooledunits import held
from rnncast.scoretext import quoter
from rnncast.othernames import mirrored
from rnncast.calibration import far_from_level, level_shares, share_text
from rnncast.closedzeros import apart_text

STEPS = "a time forecast by several overlapping windows counted once in each"  # what the MAPE notes' counts count


class Fitted(Protocol):
    """What these sentences read of a fitted ``Forecaster`` (named by its attributes, not imported:
    ``backtest``, which the estimator imports, imports this module)."""

    layout_: str
    targets_: list
    calendar_: Any  # timecalendar.Calendar
    settings_: Any  # config.Settings
    past_covariates_: list
    future_covariates_: list
    history_: list
    splits_: list  # windows.Split, one per series
    state_: Any  # state.FittedState: what fit measured (same_step, later_rows)


def missing_season(forecaster: Fitted) -> Season | None:
    """The season the model's calendar implies (``seasons.implied_season``) when the run computed no
    seasonal naive baseline (``season`` 1); None otherwise."""
    if forecaster.settings_.data.season != 1:
        return None
    season = agreed_season(forecaster.calendar_, _own(forecaster).values())  # None where the series' weeks differ
    return weeklyseason.implied(season, getattr(forecaster.state_, "yearly_season", None))  # decisions 1606, 1665, 1719


def _own(forecaster: Fitted) -> dict:
    """{series id: Calendar} of the series trained that keep a calendar of their own (not those fit left out)."""
    own = getattr(getattr(forecaster, "state_", None), "calendars", None) or {}
    return {i: c for i, c in own.items() if i in forecaster.ids_}


def season_hint(season: Season | None, calendar: str, each: bool = False, why: str = "") -> str | None:
    """The hint beside a verdict that could not weigh the seasonal naive forecast: the calendar's
    season, the setting that computes it (with any lookback: decision 1778), that it matters if the values repeat over
    the season's cycle, and that MASE's scale is meanwhile the naive (lag 1) one (decision 2175); None without a season.
    ``calendar``: as a person reads it (``'B' without NYSE holidays``, ``Calendar.shown``); ``each``: the calendars
    of series that differ but agree on the season (``timecalendar.by_series``); ``why``: the data's reason for the
    season, after its cycle (``weeklyseason.why``)."""
    if season is None:
        return None
    calendar = f"the calendars are {calendar}, each" if each else f"the calendar is {calendar},"
    every = "every " + season.cycle.split(" in ")[-1].removeprefix("a ")  # "7 days in a week": "every week"
    return (f"hint: {calendar} {season.steps} {season.cycle}{why}, but season is 1, so the seasonal naive forecast (the "
            f"series' last {season.steps} steps before each forecast, repeated) was not computed; if the values repeat {every}, it is often the "
            f"baseline to beat: give the season ({spelled('season', season.steps)}) to compare the model with "
            f"it; without it MASE's scale is the naive (lag 1) one, the mean absolute change from one step to the next, "
            f"not over a season ({season.steps} steps)")  # decision 737; MASE's scale: decision 2175


def backtest_season_hint(m: dict) -> str | None:
    """``season_hint`` of a backtest's metrics (``implied_season``, ``freq``)."""
    season, shown = recorded_season(m), m.get("calendar") or repr(m.get("freq"))
    why = weeklyseason.why(season, m.get("yearly_season"),  # 365 or 168 by fit's measure; 7 with the year found too
                           "climatology" in m.get("overall", {}))
    return season_hint(season, shown, False, why) or seasonmatch.hint(  # a season given off the calendar's year
        m.get("season"), seasonmatch.calendar_of(m.get("freq")), shown)


def fitted_season_hint(forecaster: Fitted) -> str | None:
    """``season_hint`` of a fitted model: its calendar's season when it computed no seasonal naive baseline."""
    own = _own(forecaster)
    calendar = by_series(forecaster.calendar_, own, list(forecaster.ids_), given=forecaster.state_.given_ids) if own else forecaster.calendar_.shown
    season, measured = missing_season(forecaster), getattr(forecaster.state_, "yearly_season", None)
    why = weeklyseason.why(season, measured, getattr(forecaster.state_, "climatology", None) is not None)
    return season_hint(season, calendar, bool(own), why) or \
        seasonmatch.hint(forecaster.settings_.data.season, forecaster.calendar_, forecaster.calendar_.shown)


def undated_hint(forecaster: Fitted) -> str | None:
    """Where a model's timestamps keep no regular calendar, nor one all but a few rows keep (decision 682), that
    predict will refuse it, said plainly after the run (last, with the other advice) and on its page: a run that ends
    well says nothing of it otherwise. None where the time axis has a calendar (or one most rows keep, which predict
    dates forecasts on), or the series keep calendars of their own."""
    calendar = getattr(forecaster, "calendar_", None)
    if calendar is None or calendar.kind != "datetime" or calendar.freq is not None or calendar.kept is not None or \
            _own(forecaster):
        return None
    how = (f"fit again: {calendar.remedy}" if calendar.remedy else  # round them: freq= would refuse them (t25t6)
           "fit again with freq= (--freq) naming the calendar the timestamps keep, or on timestamps that keep one "
           "(fit's warning said how)")
    return ("hint: predict will refuse this run: its timestamps follow no regular calendar, so its forecasts cannot "
            f"be dated (evaluate and backtest score it as here). To forecast, {how}")


def divergence(forecaster: Fitted) -> dict | None:
    """``{"epoch", "kept"}`` of a fit whose loss became NaN or infinite in epoch ``epoch``
    (``diverged_epoch_``), the model keeping epoch ``kept`` (0: the untrained network), or None."""
    epoch = getattr(forecaster, "diverged_epoch_", None)
    if epoch is None:
        return None
    return {"epoch": epoch, "kept": best_epoch(forecaster.history_)}  # the loop keeps the best finished epoch


def divergence_text(forecaster: Fitted) -> str | None:
    """"training diverged in epoch 7; the model keeps epoch 5", or None: the fit did not diverge."""
    d = divergence(forecaster)
    if d is None:
        return None
    kept = f"epoch {d['kept']}" if d["kept"] else "the untrained network (no finished epoch beat it on validation)"
    return f"training diverged in epoch {d['epoch']}; the model keeps {kept}"


def early_stop(forecaster: Fitted) -> str | None:
    """"stopped early at epoch 10 of 100: the validation loss had not improved for 5 epochs; the weights of epoch 5
    are kept" (``runhistory.early_stop_text``), or None: the fit ran every epoch, diverged (``divergence_text``), or
    is still running (an ``on_epoch`` callback that evaluates the model between epochs: no history yet)."""
    history = getattr(forecaster, "history_", None)
    if history is None or getattr(forecaster, "diverged_epoch_", None) is not None:
        return None
    train = forecaster.settings_.train  # the fit's, whatever set_params changed since
    return early_stop_text(history, train.epochs, train.patience)


def draw_text(forecaster: Fitted) -> str:
    """What each epoch drew where ``max_batches`` cut it short: "of 100 batches (1,600 of 12,184 training
    windows each, max_batches=100)", said after the epochs; "" where each epoch was a full pass."""
    draw = getattr(forecaster, "epoch_draw_", None)
    if draw is None:
        return ""
    return (f"of {draw['batches']:,} batches ({draw['drawn']:,} of {draw['total']:,} training {draw['unit']} each, "
            f"max_batches={draw['batches']})")


def mase_note(result: dict) -> str | None:
    """How a pooled MASE treated series without an in-sample naive error, and why each has none
    (``zeroscales.rows_why``: rows before the cutoff that never change, that repeat exactly every season, that change
    only across values fill made, or that fill left without two observed values one season apart; a backtest's with
    the windows that leave each out, ``windowscales.named``: decision 2246); None when every series
    has one. Where the scores hold an MSIS (``msis_<width>``, a quantile model's), it names MSIS too, which divides by
    the same in-sample error and leaves the same series out (decision 2100)."""
    excluded = result.get("mase_excluded")
    if not excluded:
        return None
    blocks = [result.get(k, {}).get("model", {}) for k in ("original", "overall")] + [result.get("model", {})]
    out = "MASE and MSIS" if any(str(k).startswith("msis_") for b in blocks if isinstance(b, dict) for k in b) else "MASE"
    whys = zeroscales.excluded_whys(excluded)
    named, there = windowscales.named(excluded)  # a backtest's: the windows that leave each out (decision 2246)
    if excluded["series"] == [None]:  # one series: no id to name
        where = f" in {named}" if there else ""
        return (f"{out} {'are' if ' and ' in out else 'is'} undefined{where}: the series' {zeroscales.rows_said(excluded)}; "
                f"it is left out of {out} and counted in MSE, MAE and the other errors.")
    why = (f", whose rows before the cutoff {whys[0][1]}" if len(whys) == 1 else  # every row before it (decision 2173)
           ": " + "; ".join(f"{count} whose rows before the cutoff {why}" for count, why in whys))
    them = "it" if excluded["count"] == 1 else "them"
    return (f"{out} {'pool' if ' and ' in out else 'pools'} the series with a usable scale, leaving out {excluded['count']} "
            f"series ({named}){why}. {out} {'are' if ' and ' in out else 'is'} undefined for {them}{there}: "
            f"{'it is' if them == 'it' else 'they are'} left out of {out} (as M4 leaves series without a scale out) and "
            "counted in MSE, MAE and the other errors.")


def percent_note(result: dict, mape: bool = True) -> str | None:
    """What MAPE and sMAPE are where actual values are 0 or near it (``result["zero_actuals"]``,
    ``metrics.zero_actuals``): MAPE over the values that are not 0 (float rounding's 0s among them), on how many;
    sMAPE at its bound, 200 %, at each 0 the forecast is not, however close; where actuals change sign or lie near 0,
    how few values make half the model's MAPE (Hyndman & Koehler 2006), pointing at MASE; None: none to say.
    ``mape`` False: beside a table without a MAPE column (a backtest's), sMAPE's bound alone."""
    zeros = result.get("zero_actuals")
    if not zeros:
        return None
    n, z, bound = zeros["values"], zeros["zeros"], zeros["at_bound"]
    rounded = (f"; {zeros['rounded']} of these 0s are 0 but for float rounding, under {ROUNDING:g} of the largest "
               f"|actual|{_each_scale(zeros)}" if zeros.get("rounded") else "")
    said = (f"MAPE is over the {n - z} of {n} forecast steps whose actual is not 0 (a percentage of 0 is "
            f"undefined{rounded}; {STEPS})" if z < n else
            f"MAPE is undefined: the actual is 0 at every one of the {n} forecast steps ({STEPS})")
    steps = "the 1 forecast step" if bound == 1 else f"each of the {bound} forecast steps"  # decision 1659
    smape = (f"the model's sMAPE counts 200 %, its bound, at {steps} whose actual is 0 and whose forecast is not, "
             "however close: a forecast 0.008 off counts there as much as one 1000 off" if bound else "")
    if not mape:  # nothing shown to explain of MAPE
        return f"{smape[0].upper()}{smape[1:]}." if smape else None
    return " ".join(t for t in ((f"{said}{'; ' * bool(smape)}{smape}." if z else ""), dominated_note(zeros, n - z)) if t)


def dominated_note(zeros: dict, scored: int) -> str:
    """MAPE where actuals change sign or lie near 0 (``metrics.zero_actuals``' ``dominant``, of ``scored`` values):
    how few values make half the model's MAPE; "" where none do."""
    if "dominant" not in zeros:
        return ""
    near, some = zeros["near"], "some series' " if zeros.get("series") else "the "
    where = (f"{some}actual values change sign, so some lie near 0" if zeros["crosses_zero"] else
             f"the actual lies near 0 at {near} forecast step{'s' * (near != 1)} (under {NEAR:.0%} of the mean "
             f"|actual|{_each_scale(zeros)})")
    return (f"MAPE is dominated by values near 0, where a percentage error grows without bound (Hyndman & Koehler "
            f"2006): {where}, and half of the model's MAPE comes from {zeros['dominant']} of its {scored} forecast steps, so "
            "MAPE (the baselines' too) says little of the forecast as a whole; read MASE, which divides by the "
            f"training values' {zeroscales.scale_name(zeros.get('season'))} error, not by each actual.")


def _each_scale(zeros: dict) -> str:
    """Where the values are of several series (``zero_actuals``' ``series``), whose scale each one is judged in."""
    return f" of its own series ({zeros['series']} series, each in its own scale)" if zeros.get("series") else ""


def unscored_note(result: dict) -> str | None:
    """What the scores of a part leave out because ``fill`` made it, or its label is blank (a fit without a fill:
    ``filledwindows.BLANK``; ``filledwindows.left_out``), the steps of a backtest's windows whose dates the data
    lacks (``missing_text``, ``stepactuals.scored``) and the windows of a model reading future covariates left out
    where the data lacks a date they forecast (``future_left_out``) and those with fewer than a season of calendar
    steps before them (``season_left_out``, decisions 1778, 2028), and the values the seasonal naive has no forecast
    for, the step a season back missing (``seasonal_unread``, decision 1966), as sentences; None when every value was observed. The values a
    baseline has no interval for are ``Said.bands``' (``bandcounts.note``, decision 1910)."""
    scored = result.get("scored", {})
    what = "Labels that are blank are not scored" if BLANK in scored.get("left_out", "") else "Values that fill made are not scored"
    said = ([f"{what}: {scored['left_out']}."] if scored.get("left_out") else []) + (
        [f"Steps without an actual are not scored: {scored['missing_text']}."] if scored.get("missing_text") else []) + (
        [f"Not every window is scored: {scored[key]['text']}." for key in ("future_left_out", "season_left_out")
         if scored.get(key)]) + ([f"Not every seasonal naive value is scored: {scored['seasonal_unread']['text']}."]
                                 if scored.get("seasonal_unread") else [])  # its step a season back missing (decision 1966)
    return " ".join(said) or None


def scored_notes(result: dict) -> tuple[str | None, str | None]:
    """What evaluate said of the windows it scored (``parts.select``), as sentences: the series of a panel it left
    out (``not_trained``: fit left them out as too short, ``forecasting.part_forecasts``; ``series_left_out``: too
    short for a window, or none of the part) and the windows that span calendar steps missing from the data
    (``across_gaps``), then those whose seasonal naive forecast reads another time of day (``seasonal_shifted``:
    fit's console and page said nothing of it, decision 1787); each None when there is nothing to say."""
    scored = result.get("scored", {})
    out = "; ".join(scored[key]["text"] for key in ("not_trained", "series_left_out") if scored.get(key))
    gaps = scored.get("across_gaps")
    shifted = scored.get("seasonal_shifted")
    said = ([f"{gaps['note']}."] if gaps else []) + ([f"{shifted['text'][0].upper()}{shifted['text'][1:]}."]
                                                    if shifted else [])
    return (f"{out}; the scores are those of the other series." if out else None, " ".join(said) or None)


def interval_text(model: dict, quantiles, where: str = "the test values", most: int = 10, few: dict | None = None,
                  scaled: float | None = None, column=()) -> str | None:
    """What a quantile model's intervals did: each central interval's coverage beside its nominal
    level (the 80% interval should hold about 80% of the values) and the mean pinball loss, from the
    model's scores (``evaluation``, original units, said so), and the intervals far from their level
    (``calibration.far_from_level``: the binomial test of the misses per step); None for a point forecast. Where a panel's original-unit scores are a few series'
    (``few``: the result's ``pooled``, ``pooledunits.measure``), the pinball loss says so, as the MSE's note does, with the
    ``scaled`` pinball loss (each series in its own scale) beside it.

    With several targets the pooled figures come first, said to be pooled, then each target's own
    (``model["by_target"]``): a pooled 80% can hide one target at 49% and another at 97%. Of more
    than ``most`` targets, the ``most`` whose widest interval is furthest from its nominal level are
    named, and the sentence says how many there are and where all of them are. A coverage as the tables' (0.8509:
    85.09%), the pinball loss as their ``column`` of it writes it."""
    pin = quoter("pinball", column)
    intervals = [f"{k.replace('coverage_', '')}% interval covers {share_text(v, model, where)}"
                 for k, v in model.items() if k.startswith("coverage_")]
    if not intervals:  # a point forecast, or levels of which no two are q and 1 - q (0.5, 0.9): pinball loss only
        return None if "pinball" not in model else _no_interval(model, list(quantiles), pin, where)
    by_target = model.get("by_target") or {}
    pooled = f", pooled over the {len(by_target)} targets" if by_target else ""
    units = "original units" if not few else (f"original units, pooling the series in their own units: {held(few, pinball=True)}"
                                              + (f"; {quoter('pinball', ())(scaled)} in scaled units, each series in its own scale"
                                                 if scaled is not None else ""))
    text = (f"Prediction intervals (quantiles {list(quantiles)}){pooled}: {'; '.join(intervals)}; "
            f"mean pinball loss {pin(model['pinball'])} ({units}).{far_from_level(model, where)}{apart_text(model, where)}")
    if not by_target:
        return text
    widest = next(k for k in model if k.startswith("coverage_"))
    nominal = float(widest.replace("coverage_", "")) / 100
    names = list(by_target)
    if len(names) > most:
        names = sorted(names, key=lambda n: -abs(by_target[n][widest] - nominal))[:most]
    each = "; ".join(f"{name}: " + ", ".join(f"{k.replace('coverage_', '')}% interval covers {share_text(v, by_target[name])}"
                                             for k, v in by_target[name].items() if k.startswith("coverage_"))
                     + f", mean pinball loss {quoter('pinball', ())(by_target[name]['pinball'])}" for name in names)
    which = ("Each target" if len(names) == len(by_target) else
             f"The {len(names)} of the {len(by_target)} targets whose {widest.replace('coverage_', '')}% interval is "
             "furthest from its level (every target's figures are in the scores' by_target)")
    return f"{text} {which}, {'in its' if len(names) == len(by_target) else 'each in its'} own units: {each}."


def _no_interval(model: dict, levels: list, pin, where: str = "the test values") -> str:
    """The line of quantile levels of which no two are q and 1 - q, with the level to add for an interval, each level's
    share of the actuals at or below it and the levels far from theirs (``calibration``)."""
    pinball = pin(model["pinball"])  # as the tables' column writes it (scoretext.quoter)
    other = next((q for q in levels if q != 0.5 and round(1 - q, 12) in mirrored([q])), None)  # a mirror quantiles
    # takes: 1e-07's 0.9999999 is written 1, refused
    add = ("add 0.1 and 0.9 for the 80% interval" if other is None else
           f"add {round(1 - other, 6):g} beside {other:g} for the {round(100 * abs(1 - 2 * other), 4):g}% interval")
    return (f"Quantiles {levels}: mean pinball loss {pinball} (original units){level_shares(model)}; no interval's "
            f"coverage is given, as no two levels are q and 1 - q ({add}).{far_from_level(model, where)}")
