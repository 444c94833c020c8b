"""What evaluate's scores say in words, in Python as on the command line: the verdict sentence, the
notes beside it and the hints of what to try next (``read_out``; ``Forecaster.evaluate`` adds them to
its result as plain text; ``backtest_read_out``, a backtest's, which its result holds). ``verdicts`` says whether the model beats the baselines, ``runnotes`` the
notes; the hint of a seasonal-naive forecast the model does not beat (``window_norm_hint``) is here.
"""

from __future__ import annotations

from rnncast.runnotes import (Fitted, backtest_season_hint, divergence_text, fitted_season_hint, interval_text, mase_note,
                              missing_season, unscored_note)
from rnncast.spelling import counted, spelled
from rnncast.verdicts import backtest_verdict, beats, fit_hint, verdict, verdict_units
from rnncast.windows import train_windows

WHERE = {"test": "these windows", "val": "the validation rows", "train": "the training rows", "all": "all {} windows, "
         "training rows included"}  # the windows a part's verdict names (``evaluate``'s parts)
VALUES = {"test": "these values", "val": "the validation values", "train": "the training values", "all": "all the values"}


def read_out(forecaster: Fitted, result: dict, part: str = "test") -> dict:
    """``{"verdict", "notes", "hints"}`` of ``evaluate``'s ``result`` of ``part``: the sentence whether
    the model beats every baseline (``verdicts.verdict``, in the units it is judged in), the notes the
    command line prints beside it (values fill made that were not scored, how MASE treated series
    without a scale, the intervals' coverage, a diverged fit's kept epoch) and the hints (a season the
    run did not weigh, ``window_norm='season'`` where the seasonal-naive forecast is not beaten,
    ``future_known`` for past-only features that lose to the mean), each a line of text."""
    sentence = verdict(result, verdict_units(forecaster), where=WHERE[part].format(result["windows"]),
                       season=missing_season(forecaster))[1]
    notes = [unscored_note(result), mase_note(result),
             interval_text(result["original"]["model"], forecaster.settings_.model.quantiles, VALUES[part]),
             divergence_text(forecaster)]
    hints = [fitted_season_hint(forecaster), window_norm_hint(forecaster, result), fit_hint(forecaster, {"test": result})]
    return {"verdict": sentence, "notes": [n for n in notes if n], "hints": [h for h in hints if h]}



def backtest_read_out(m: dict) -> dict:
    """``{"verdict", "notes", "hints"}`` of a backtest's metrics (``backtest.run``), as ``rnncast backtest``
    prints them: the verdict over every window with how the Diebold–Mariano test was made on them
    (``verdicts.backtest_verdict``), the notes (values fill made that were not scored, the series a pooled
    MASE leaves out, the intervals' coverage) and the hint of a season the run did not weigh, each a line of text."""
    notes = [unscored_note(m), mase_note(m), interval_text(m["overall"]["model"], m["quantiles"], "the backtest values")]
    return {"verdict": backtest_verdict(m)[1], "notes": [n for n in notes if n],
            "hints": [h for h in [backtest_season_hint(m)] if h]}


def window_norm_hint(forecaster: Fitted, result: dict) -> str | None:
    """The hint beside a verdict whose seasonal-naive baseline the model does not beat (``beats``), or
    None: ``window_norm='season'`` starts the network at that forecast; where the lookback leaves each
    series fewer training windows than its own length, a shorter one of at least a season too (with
    the counts). None where the model already starts there, or trains by sequence (which refuses it)."""
    units, model_s, data_s = verdict_units(forecaster), forecaster.settings_.model, forecaster.settings_.data
    if "seasonal" not in result[units] or beats(result, "seasonal", units):
        return None
    if model_s.window_norm == "season" or forecaster.settings_.train.scheme == "sequence":
        return None
    how = ("beats the model" if result[units]["seasonal"]["mse"] < result[units]["model"]["mse"]
           else "is not beaten beyond chance")
    text = (f"hint: the seasonal naive forecast {how}; starting the network at it ({spelled('window_norm', 'season')}) "
            "may help: untrained, it then forecasts the seasonal naive forecast, and training keeps a change from it "
            "only where that helps on validation")
    return text + shorter_lookback(forecaster.splits_, data_s.lookback, data_s.horizon, data_s.season)


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
