"""The notes and hints beside a verdict (``runnotes.py``): the epoch a diverged fit kept, how a pooled
MASE treated series without a scale, what a quantile model's intervals held."""

from __future__ import annotations

import numpy as np
import pytest

from test_kupiec import one_step


def test_the_divergence_text_names_the_epoch_that_diverged_and_the_one_kept():
    from types import SimpleNamespace

    from rnncast.runnotes import divergence_text

    history = [{"epoch": 1, "best": True}, {"epoch": 2, "best": False}]
    assert divergence_text(SimpleNamespace(diverged_epoch_=None, history_=history)) is None
    assert divergence_text(SimpleNamespace(diverged_epoch_=3, history_=history)) == \
        "training diverged in epoch 3; the model keeps epoch 1"
    never = [{"epoch": 1, "best": False}]  # no epoch beat the untrained network on validation
    assert divergence_text(SimpleNamespace(diverged_epoch_=2, history_=never)).startswith(
        "training diverged in epoch 2; the model keeps the untrained network")


def test_mase_note_is_absent_when_every_series_has_a_scale():
    from rnncast.runnotes import mase_note

    assert mase_note({"original": {}}) is None


def test_the_interval_line_gives_each_intervals_coverage_and_a_point_forecast_has_none():
    from rnncast.runnotes import interval_text

    model = {"mse": 1.0, "pinball": 0.1234, "coverage_80": 0.75, "coverage_50": 0.52}
    assert interval_text(model, (0.1, 0.25, 0.5, 0.75, 0.9)) == (
        "Prediction intervals (quantiles [0.1, 0.25, 0.5, 0.75, 0.9]): 80% interval covers 75.00% of the test values; "
        "50% interval covers 52.00% of the test values; mean pinball loss 0.12340 (original units).")
    assert interval_text({"mse": 1.0}, ()) is None
    few = {**model, "coverage_80": 1.0, "by_level": {"values": 20}}  # t35t6: "100.00%" of 20 values (decision 1809)
    assert "80% interval covers 100% of the test values (20 of 20); 50% interval covers 52% of the test values (10 of 20)" \
        in interval_text(few, (0.1, 0.25, 0.5, 0.75, 0.9))


def test_the_interval_line_says_the_pinball_losss_units_and_names_an_interval_far_from_its_level():
    """A quantile run's page said "mean pinball loss 56.04" (original units) beside a loss plot of pinball near 0.22
    (scaled), and nothing of an 80% interval that held 93.6% of the test values, or a 90% one that held 73.3%."""
    from rnncast.runnotes import interval_text

    n = {"by_level": {"values": 500}}
    wide = interval_text(one_step({"pinball": 56.04, "coverage_80": 0.936, **n}), (0.1, 0.5, 0.9))
    assert wide.startswith("Prediction intervals (quantiles [0.1, 0.5, 0.9]): 80% interval covers 93.60% of the test "
                           "values; mean pinball loss 56.040 (original units). Far from its level: the 80% interval held "
                           "93.60%, 6.4% misses where 20% were due; at step 1, 32 of 500 outside it where 100 were due "
                           "(p < 1e-16)")
    assert "so it is wider than these errors needed (p < 0.01 by the binomial test of each horizon step's misses " in wide
    narrow = interval_text(one_step({"pinball": 1.0, "coverage_90": 0.733, "coverage_50": 0.45, **n}),
                           (0.05, 0.25, 0.5, 0.75, 0.95), "the backtest values")
    assert "Far from its level: the 90% interval held 73.30%, 26.7% misses where 10% were due, 2.7 times as many; at " \
           "step 1, 134 of 500 outside it where 50 were due (p < 1e-16)" in narrow and "so " \
           "it is too narrow for these errors: the forecasts are less certain than it says" in narrow
    both = interval_text(one_step({"pinball": 1.0, "coverage_80": 0.95, "coverage_50": 0.30, **n}),
                         (0.1, 0.25, 0.5, 0.75, 0.9))
    assert "Far from their levels: the 80% interval held 95.00%" in both and "; the 50% interval held 30.00%" in both
    assert "Far from" not in interval_text(one_step({"pinball": 1.0, "coverage_80": 0.79, **n}), (0.1, 0.5, 0.9))
    assert "Far from" not in interval_text({"pinball": 1.0, "coverage_80": 0.6}, (0.1, 0.5, 0.9))  # no count: no test
    assert "Far from" not in interval_text({"pinball": 1.0, "coverage_80": 0.6, **n}, (0.1, 0.5, 0.9))  # no step counts


def test_the_interval_line_writes_its_numbers_as_the_tables_do():
    """A tester's page (1230): coverage 0.8509 in the table, 85.1% in the text; pinball 2.4188 beside 2.419. The
    coverage is the table's four decimals of a share (85.09%), the pinball loss as the table's column writes it."""
    from rnncast.runnotes import interval_text

    text = interval_text({"pinball": 2.41884, "coverage_80": 0.85087}, (0.1, 0.5, 0.9), column=[2.5, 31.2])
    assert "80% interval covers 85.09% of the test values; mean pinball loss 2.419 (original units)" in text
    assert "mean pinball loss 2.4188 (original units)" in interval_text({"pinball": 2.41884, "coverage_80": 0.85}, (0.1, 0.5, 0.9))


def test_levels_without_a_central_interval_still_give_the_pinball_loss_and_say_why_no_coverage():
    """[0.5, 0.9] and [0.1, 0.5, 0.8] gave no line at all, pinball loss included."""
    from rnncast.runnotes import interval_text

    assert interval_text({"mse": 1.0, "pinball": 0.25}, (0.5, 0.9)) == (
        "Quantiles [0.5, 0.9]: mean pinball loss 0.25000 (original units); no interval's coverage is given, as no two levels are q and "
        "1 - q (add 0.1 beside 0.9 for the 80% interval).")
    assert interval_text({"pinball": 0.25}, (0.1, 0.5, 0.8)).endswith("(add 0.9 beside 0.1 for the 80% interval).")
    assert interval_text({"pinball": 0.25}, (0.5,)).endswith("(add 0.1 and 0.9 for the 80% interval).")
    # a mirror quantiles would refuse (1e-07's 0.9999999 is written 1) is never advised (t28t8)
    assert interval_text({"pinball": 0.25}, (1e-7, 0.5)).endswith("(add 0.1 and 0.9 for the 80% interval).")
    lone = interval_text(one_step({"pinball": 0.25, "by_level": {"values": 400, "0.5": {"below": 0.5, "pinball": 0.3},
                                                                 "0.95": {"below": 0.8, "pinball": 0.2}}}), (0.5, 0.95))
    assert "share of the actuals at or below each level: 0.5: 50.0%, 0.95: 80.0%; no interval's" in lone
    assert "Far from its level: level 0.95 had 80.0% of the actuals at or below it, not 95%" in lone


def test_an_interval_is_named_by_its_exact_width_not_rounded_to_100():
    from rnncast.metrics import coverages, interval_pairs

    assert interval_pairs((0.001, 0.5, 0.999)) == [(0.001, 0.999, 99.8)]
    assert interval_pairs((1 / 3, 0.5, 2 / 3))[0][2] == 33.3333  # the exact levels' width, not 1 - 2 x 0.333333
    assert interval_pairs((0.025, 0.1, 0.5, 0.9, 0.975)) == [(0.025, 0.975, 95), (0.1, 0.9, 80)]
    y, q = np.zeros(4), np.array([[-1.0, 0.0, 1.0]] * 4)
    assert coverages(y, q, (0.001, 0.5, 0.999)) == {"coverage_99.8": 1.0}


def test_the_interval_line_of_several_targets_says_what_is_pooled_and_gives_each_target():
    """A pooled 80 % interval at 80 % hid targets at 49 % and 97 %."""
    from rnncast.runnotes import interval_text

    by_target = {"HUFL": {"pinball": 1.5, "coverage_80": 0.49}, "MULL": {"pinball": 0.2, "coverage_80": 0.93},
                 "OT": {"pinball": 0.5, "coverage_80": 0.97}}
    model = {"mse": 1.0, "pinball": 0.7333, "coverage_80": 0.80, "by_target": by_target}
    assert interval_text(model, (0.1, 0.5, 0.9)) == (
        "Prediction intervals (quantiles [0.1, 0.5, 0.9]), pooled over the 3 targets: 80% interval covers 80.00% of "
        "the test values; mean pinball loss 0.73330 (original units). Each target, in its own units: HUFL: 80% interval covers 49.00%, mean pinball loss "
        "1.5000; MULL: 80% interval covers 93.00%, mean pinball loss 0.20000; OT: 80% interval covers 97.00%, mean pinball loss 0.50000.")
    many = {f"c{k}": {"pinball": 1.0, "coverage_80": 0.8 + k / 100} for k in range(12)}
    text = interval_text({**model, "by_target": many}, (0.1, 0.5, 0.9), most=2)
    assert "pooled over the 12 targets" in text
    assert text.endswith("The 2 of the 12 targets whose 80% interval is furthest from its level (every target's "
                         "figures are in the scores' by_target), each in its own units: c11: 80% interval covers 91.00%, mean pinball loss 1.0000; "
                         "c10: 80% interval covers 90.00%, mean pinball loss 1.0000.")


def test_mase_note_says_why_each_series_has_no_scale():
    from rnncast.runnotes import mase_note

    both = mase_note({"mase_excluded": {"series": ["a", "b"], "count": 2, "unobserved": 1,
                                        "causes": {"constant": 1, "unobserved": 1}, "season": 1}})
    assert "leaving out 2 series ('a', 'b'): 1 whose rows before the cutoff never change" in both
    assert "1 whose rows before the cutoff hold no two observed values one row apart" in both and "undefined for them" in both
    assert "undefined for them: they are left out of MASE" in both  # not "them are"
    made = mase_note({"mase_excluded": {"series": ["b"], "count": 1, "unobserved": 1, "causes": {"unobserved": 1},
                                        "season": 7}})
    assert "never change" not in made and "the others made, not measured (by fill" in made
    assert "1 series ('b'), whose rows before the cutoff hold no two observed values one season (7 rows)" in made
    assert "MASE is undefined for it: it is left out" in made  # one series: the pronoun agrees


def test_mase_note_says_a_series_that_repeats_every_season_is_perfect_for_seasonal_naive_not_constant():
    """A weekly pattern tiled over 600 days was said to be training rows that never change (decision 909)."""
    from rnncast.runnotes import mase_note

    one = mase_note({"mase_excluded": {"series": [None], "count": 1, "unobserved": 0, "causes": {"repeats": 1},
                                       "season": 7}})
    assert one.startswith("MASE is undefined: the series' rows before the cutoff repeat exactly every 7 steps, so the "
                          "seasonal naive forecast is perfect on them") and "never change" not in one
    assert "a finding about the data" in one
    mixed = mase_note({"mase_excluded": {"series": ["a", "b", "c"], "count": 3, "unobserved": 0,
                                         "causes": {"constant": 2, "repeats": 1}, "season": 7}})
    assert "2 whose rows before the cutoff never change" in mixed and "1 whose rows before the cutoff repeat exactly every 7 steps" in mixed


@pytest.mark.parametrize("season, name", [(7, "seasonal naive"), (1, "naive")])
def test_mase_note_names_the_scales_baseline_one_way_throughout(season, name):
    """One note said "a zero in-sample naive error" of one series and "the seasonal-naive forecast" of the next, the
    same season-7 baseline twice named: the baselines' name ("seasonal naive"), "naive" only with season 1."""
    import re

    from rnncast.runnotes import mase_note

    causes = {"constant": 1, "across_fill": 1, "unknown": 1, **({"repeats": 1} if season > 1 else {})}
    note = mase_note({"mase_excluded": {"series": list("abcd")[:len(causes)], "count": len(causes), "unobserved": 0,
                                        "causes": causes, "season": season}})
    assert "seasonal-naive" not in note
    names = set(re.findall(r"(?:seasonal )?naive", note))
    assert names == {name}, note


def test_mase_note_of_a_result_written_before_the_causes_were_kept_claims_no_cause():
    from rnncast.runnotes import mase_note

    old = mase_note({"mase_excluded": {"series": [None], "count": 1}})  # no causes, no season: any cause may hold
    assert "never change" not in old and "repeat" not in old
    assert "equal the rows one season before them wherever both were observed" in old


def test_the_season_hint_of_a_panel_names_each_series_calendar_and_is_absent_where_weeks_differ():
    from types import SimpleNamespace

    from pandas.tseries.frequencies import to_offset

    from rnncast import weekmasks
    from rnncast.runnotes import fitted_season_hint
    from rnncast.timecalendar import Calendar

    sun = Calendar("datetime", weekmasks.offset("Sun Mon Tue Wed Thu"))
    six = Calendar("datetime", weekmasks.offset("Mon Tue Wed Thu Fri Sat"))
    fitted = lambda own: SimpleNamespace(  # noqa: E731
        calendar_=sun, ids_=["101", "202", "303"], state_=SimpleNamespace(calendars=own, given_ids=None),
        settings_=SimpleNamespace(data=SimpleNamespace(season=1, lookback=10)))
    hint = fitted_season_hint(fitted({"202": Calendar("datetime", to_offset("B"))}))
    assert hint.startswith("hint: the calendars are 'Sun Mon Tue Wed Thu' ('101' and 1 more), 'B' ('202'), each 5 "
                           "business days in a week")
    assert fitted_season_hint(fitted({"202": Calendar("datetime", to_offset("B")), "303": six})) is None


def test_the_season_hint_says_the_seasonal_naive_forecast_matters_if_the_values_repeat_over_the_cycle():
    """A newcomer's find: every daily table was told the seasonal naive forecast is "often the baseline to beat", even
    a regression of independent draws whose dates are only an index; the hint now says so only of values that repeat
    over the calendar's cycle (decision 737)."""
    from rnncast.runnotes import season_hint
    from rnncast.seasons import Season

    assert season_hint(Season(7, "days in a week"), "'D'") == (
        "hint: the calendar is 'D', 7 days in a week, but season is 1, so the seasonal naive forecast (the series' last 7 "
        "steps before each forecast, repeated) was not computed; if the values repeat every week, it is often the "
        "baseline to beat: give the season (season=7, --season 7) to compare the model with it; without it MASE's "
        "scale is the naive (lag 1) one, the mean absolute change from one step to the next, not over a season (7 "
        "steps)")  # any lookback: decision 1778; MASE's scale said: decision 2175 (t40-t2 finding 6)
    cycles = {"hours in a day": "every day", "steps of 30min in a day": "every day", "months in a year": "every year",
              "bars in a trading session": "every trading session", "steps of 2 months in a year": "every year"}
    for cycle, every in cycles.items():
        assert f"; if the values repeat {every}, it is often" in season_hint(Season(12, cycle), "'x'")


def test_the_draw_text_says_how_much_of_the_training_windows_each_capped_epoch_drew():
    from types import SimpleNamespace

    from rnncast.runnotes import draw_text

    capped = SimpleNamespace(epoch_draw_={"batches": 100, "drawn": 1600, "total": 12184, "unit": "windows"})
    assert draw_text(capped) == "of 100 batches (1,600 of 12,184 training windows each, max_batches=100)"
    assert draw_text(SimpleNamespace(epoch_draw_=None)) == ""  # a full pass: nothing to add


def test_levels_written_inexactly_find_their_interval_and_fit_keeps_its_run():
    """np.linspace(0.1, 0.9, 5) holds 0.30000000000000004, and --quantiles 0.9000000001 a level just off 0.9:
    coverages looked the rounded 0.3 and 0.9 up among the levels as given and fit crashed after training."""
    from rnncast.metrics import coverages, interval_pairs
    from rnncast.quantilelevels import parse_quantiles

    assert parse_quantiles(np.linspace(0.1, 0.9, 5)) == (0.1, 0.3, 0.5, 0.7, 0.9)
    levels = (0.1, 0.5, 0.9000000001)
    assert interval_pairs(levels) == [(0.1, 0.9000000001, 80)]
    y, q = np.zeros(4), np.array([[-1.0, 0.0, 1.0]] * 4)
    assert coverages(y, q, levels) == {"coverage_80": 1.0}


def test_scored_notes_say_the_series_left_out_and_the_windows_across_gaps_and_nothing_else():
    from rnncast.runnotes import scored_notes

    assert scored_notes({"scored": {"text": "scored 3 windows"}}) == (None, None)
    result = {"scored": {"series_left_out": {"text": "1 of the 2 series is not scored: series 'b' (9 rows) is short"},
                         "across_gaps": {"note": "2 of the 9 windows span calendar steps missing from the data"}}}
    assert scored_notes(result) == ("1 of the 2 series is not scored: series 'b' (9 rows) is short; the scores are "
                                    "those of the other series.",
                                    "2 of the 9 windows span calendar steps missing from the data.")
    result["scored"]["seasonal_shifted"] = {"text": "the seasonal naive forecast of 3 of the 9 windows reads ..."}
    assert scored_notes(result)[1] == ("2 of the 9 windows span calendar steps missing from the data. The seasonal "
                                       "naive forecast of 3 of the 9 windows reads ....")  # decision 1787
    result["scored"]["not_trained"] = {"text": "series 'c' (20 rows at fit) were too short to train"}  # decision 654
    assert scored_notes(result)[0] == ("series 'c' (20 rows at fit) were too short to train; 1 of the 2 series is not "
                                       "scored: series 'b' (9 rows) is short; the scores are those of the other series.")


def test_the_early_stop_note_is_said_where_early_stopping_ended_the_fit_and_not_after_a_divergence():
    from types import SimpleNamespace

    from rnncast.runnotes import early_stop

    history = [{"epoch": 1, "best": True, "val_loss": 0.5}] + [{"epoch": e, "best": False, "val_loss": 0.6} for e in (2, 3)]
    fitted = lambda diverged: SimpleNamespace(  # noqa: E731
        diverged_epoch_=diverged, history_=history, settings_=SimpleNamespace(train=SimpleNamespace(epochs=10, patience=2)))
    assert early_stop(fitted(None)) == ("stopped early at epoch 3 of 10: the validation loss had not improved for 2 "
                                        "epochs; the weights of epoch 1 are kept")
    assert early_stop(fitted(4)) is None  # the divergence note says why it ended


def test_the_percent_note_says_on_how_many_values_mape_is_and_where_smape_is_at_its_bound():
    from rnncast.runnotes import percent_note

    assert percent_note({}) is None
    assert percent_note({"zero_actuals": {"values": 32, "zeros": 31, "at_bound": 31}}) == (
        "MAPE is over the 1 of 32 forecast steps whose actual is not 0 (a percentage of 0 is undefined; a time "
        "forecast by several overlapping windows counted once in each); the model's sMAPE counts 200 %, its bound, at "
        "each of the 31 forecast steps whose actual is 0 and whose forecast is not, however close: a forecast 0.008 "
        "off counts there as much as one 1000 off.")  # forecast steps of windows, not distinct values: t27t1 read 11976 as its values (decision 1129)
    assert percent_note({"zero_actuals": {"values": 4, "zeros": 4, "at_bound": 0}}) == (
        "MAPE is undefined: the actual is 0 at every one of the 4 forecast steps (a time forecast by several "
        "overlapping windows counted once in each).")


def test_a_run_whose_timestamps_keep_no_calendar_says_after_the_run_that_it_cannot_forecast(tmp_path, capsys):
    """Timestamps 1 to 3 days apart: fit warned at its start and ended "wrote report.html" as any run; only predict
    then said its forecasts cannot be dated (decision 595). Fit's last line says plainly that predict will refuse the
    run. Month-end data whose last row is 2024-02-28 (a month to date), which decision 595 met, now forecasts on the
    month ends the other rows keep (decision 682): no such line."""
    import pandas as pd

    from rnncast.cli import main

    steps = np.random.default_rng(1).integers(1, 4, 120)
    days = (pd.Timestamp("2014-01-01") + pd.to_timedelta(np.cumsum(steps), unit="D")).strftime("%Y-%m-%d")
    frame = pd.DataFrame({"date": days, "y": np.sin(np.arange(120) / 3)})
    frame.to_csv(tmp_path / "d.csv", index=False)
    args = ["--target", "y", "--lookback", "8", "--horizon", "3", "--epochs", "1", "--hidden-size", "4", "--threads", "1"]
    assert main(["fit", str(tmp_path / "d.csv"), *args, "--out", str(tmp_path / "run")]) == 0
    said = capsys.readouterr().err  # advice on standard error, last (decision 1164)
    assert said.strip().splitlines()[-1].startswith("hint: predict will refuse this run: its timestamps follow no "
                                                   "regular calendar, so its forecasts cannot be dated")
    assert main(["predict", str(tmp_path / "run"), str(tmp_path / "d.csv")]) == 2
    ends = list(pd.date_range(end="2024-01-31", periods=119, freq="ME").strftime("%Y-%m-%d")) + ["2024-02-28"]
    frame.assign(date=ends).to_csv(tmp_path / "m.csv", index=False)
    assert main(["fit", str(tmp_path / "m.csv"), *args, "--out", str(tmp_path / "month")]) == 0
    assert "will refuse" not in "".join(capsys.readouterr())
    assert main(["predict", str(tmp_path / "month"), str(tmp_path / "m.csv")]) == 0

def test_the_percent_note_says_rounding_zeros_and_how_few_values_make_half_of_mape():
    """A sine's MAPE 2.0276e+11 % went unsaid (decision 848): float rounding's 0s are named, and where actuals change
    sign or lie near 0, how few values make half of the model's MAPE, pointing at MASE."""
    from rnncast.runnotes import percent_note

    sine = {"values": 400, "zeros": 8, "at_bound": 8, "rounded": 8, "near": 0, "crosses_zero": True, "dominant": 42}
    note = percent_note({"zero_actuals": sine})
    assert note.startswith("MAPE is over the 392 of 400 forecast steps whose actual is not 0 (a percentage of 0 is undefined; "
                           "8 of these 0s are 0 but for float rounding, under 1e-09 of the largest |actual|; a time "
                           "forecast by several overlapping windows counted once in each)")
    assert "MAPE is dominated by values near 0" in note and "the actual values change sign" in note
    assert "half of the model's MAPE comes from 42 of its 392 forecast steps" in note
    assert "read MASE" in note
    dip = {"values": 98, "zeros": 0, "at_bound": 0, "near": 1, "crosses_zero": False, "dominant": 1}
    assert percent_note({"zero_actuals": dip}) == (
        "MAPE is dominated by values near 0, where a percentage error grows without bound (Hyndman & Koehler 2006): "
        "the actual lies near 0 at 1 forecast step (under 1% of the mean |actual|), and half of the model's MAPE comes "
        "from 1 of its 98 forecast steps, so MAPE (the baselines' too) says little of the forecast as a whole; read MASE, which divides by "
        "the training values' naive error, not by each actual.")
    assert split_notes_of(dip).startswith("On the test split, MAPE is dominated")
    # with a season, MASE's scale is the seasonal naive forecast's error, as the MASE note names it (decision 945)
    assert percent_note({"zero_actuals": {**dip, "season": 7}}).endswith(
        "read MASE, which divides by the training values' seasonal naive error, not by each actual.")
    assert percent_note({"zero_actuals": {**dip, "season": 1}}).endswith("training values' naive error, not by each actual.")


def split_notes_of(zeros: dict) -> str:
    from rnncast.r2notes import split_notes
    from rnncast.runnotes import percent_note

    return split_notes({"val": {}, "test": {"zero_actuals": zeros}}, percent_note)[0]


def test_the_percent_note_of_several_series_says_each_is_judged_in_its_own_scale():
    """A panel's zeros and near-0 values are judged in each series' own scale (decision 869): the note says so, and
    that some series' values change sign, not that the pooled values do."""
    from rnncast.runnotes import percent_note

    panel = {"values": 456, "zeros": 3, "at_bound": 3, "rounded": 3, "near": 0, "crosses_zero": True, "dominant": 15,
             "series": 4}
    note = percent_note({"zero_actuals": panel})
    assert note.startswith("MAPE is over the 453 of 456 forecast steps whose actual is not 0 (a percentage of 0 is undefined; "
                           "3 of these 0s are 0 but for float rounding, under 1e-09 of the largest |actual| of its own "
                           "series (4 series, each in its own scale); a time forecast by several overlapping windows "
                           "counted once in each); the model's sMAPE counts 200 %")
    assert "(Hyndman & Koehler 2006): some series' actual values change sign, so some lie near 0, and half" in note
    near = {"values": 98, "zeros": 0, "at_bound": 0, "near": 1, "crosses_zero": False, "dominant": 1, "series": 2}
    assert ("the actual lies near 0 at 1 forecast step (under 1% of the mean |actual| of its own series (2 series, each in its own "
            "scale)), and half") in percent_note({"zero_actuals": near})
    assert "own series" not in percent_note({"zero_actuals": {**near, "series": 0}})


def test_the_interval_line_of_a_panel_whose_original_units_are_one_series_says_so_with_the_scaled_loss():
    """panel.csv (stores 1x, 30x, 1000x): "mean pinball loss 237 (original units)" though 'big' alone scored 690
    and 'small' 0.68; the MSE's table already said 'big' held 99.9% of its error (decision 910)."""
    from rnncast.pooledunits import held
    from rnncast.runnotes import interval_text

    model = {"pinball": 237.0, "coverage_80": 0.831}
    few = {"series": ["big"], "share": 0.999, "of": 3}
    text = interval_text(model, (0.1, 0.5, 0.9), few=few, scaled=0.3088)
    assert f"mean pinball loss 237.00 (original units, pooling the series in their own units: {held(few)}; 0.30880 in " \
           "scaled units, each series in its own scale)." in text
    assert "'big' holds 99.9% of the model's squared error" in text
    assert interval_text(model, (0.1, 0.5, 0.9), scaled=0.3088).endswith("mean pinball loss 237.00 (original units).")


def test_a_run_of_jittered_timestamps_is_told_only_the_rounding_that_gives_them_a_calendar(tmp_path):
    """Timestamps within a minute of midnight: fit's closing hint said "fit again with freq= (--freq) naming the
    calendar the timestamps keep", and freq='D' is refused ("not on the calendar ... round them"). The hint now gives
    fit's warning's remedy, the pandas line that rounds them, and keeps it through save and load."""
    import pandas as pd

    from rnncast import Forecaster, RnncastError
    from rnncast.runnotes import undated_hint

    rng = np.random.default_rng(0)
    dates = pd.date_range("2023-01-01", periods=150, freq="D") + pd.to_timedelta(rng.integers(-50, 50, 150), unit="s")
    frame = pd.DataFrame({"date": dates, "y": np.sin(np.arange(150) / 3)})
    settings = dict(lookback=8, horizon=3, epochs=1, hidden_size=4, device="cpu", seed=0)
    fitted = Forecaster(**settings).fit(frame, target="y")
    hint = undated_hint(fitted)
    assert hint.endswith("To forecast, fit again: the timestamps lie within 50 s of a 1-day grid (jitter); round "
                         "them to it, e.g. with pandas: df['date'] = pd.to_datetime(df['date']).dt.round('D')"), hint
    assert "freq=" not in hint
    with pytest.raises(RnncastError, match="is not on the calendar freq='D'"):
        Forecaster(**settings, freq="D").fit(frame, target="y")
    fitted.save(tmp_path / "m")
    assert undated_hint(Forecaster.load(tmp_path / "m")) == hint


def test_the_note_of_blank_labels_of_a_fit_without_a_fill_says_they_are_blank_not_made_by_fill():
    """A tester's finding: a features-only fit without --fill, its labels blank every few rows, noted "Values that
    fill made are not scored:", of a fill never set."""
    import pandas as pd

    from rnncast import Forecaster
    from rnncast.filledwindows import left_out
    from rnncast.runnotes import unscored_note

    made = np.zeros((2, 2, 1), bool)
    made[0, 1, 0] = True
    blank = left_out(np.array([0, 0]), np.array([3, 4]), made, None, None)["text"]
    assert unscored_note({"scored": {"left_out": blank}}).startswith("Labels that are blank are not scored: 1 target "
                                                                     "value missing from the data and left blank")
    filled = left_out(np.array([0, 0]), np.array([3, 4]), made, None, "ffill")["text"]
    assert unscored_note({"scored": {"left_out": filled}}).startswith("Values that fill made are not scored: 1 target")
    rng = np.random.default_rng(3)
    a = rng.normal(size=120)
    frame = pd.DataFrame({"time": pd.date_range("2025-01-01", periods=120, freq="h"), "a": a,
                          "y": np.where(np.arange(120) % 4 == 0, np.nan, 10 + 2 * a)})
    model = Forecaster(lookback=6, horizon=1, hidden_size=8, epochs=1, device="cpu", seed=0, window_norm="none",
                       highway=False, target_input=False).fit(frame, target="y", features=["a"])
    note = unscored_note(model.evaluate(frame))
    assert note.startswith("Labels that are blank are not scored: ") and "fill" not in note.split(":")[0], note


def test_the_percent_note_beside_a_table_without_mape_says_smape_alone():
    """A backtest's note said "MAPE is over the 7 of 12 forecast steps whose actual is not 0" beside a table with no
    MAPE column (1228): there it says sMAPE's bound alone, and nothing where that is not reached."""
    from rnncast.runnotes import percent_note

    zeros = {"zero_actuals": {"values": 12, "zeros": 5, "at_bound": 5}}
    assert percent_note(zeros, mape=False) == (
        "The model's sMAPE counts 200 %, its bound, at each of the 5 forecast steps whose actual is 0 and whose forecast "
        "is not, however close: a forecast 0.008 off counts there as much as one 1000 off.")
    one = {"zero_actuals": {"values": 12, "zeros": 1, "at_bound": 1}}  # "each of the 1 forecast steps" (decision 1659)
    assert percent_note(one, mape=False).startswith("The model's sMAPE counts 200 %, its bound, at the 1 forecast step "
                                                    "whose actual is 0 and whose forecast is not, however close: ")
    assert percent_note(zeros).startswith("MAPE is over the 7 of 12 forecast steps whose actual is not 0")
    assert percent_note({"zero_actuals": {**zeros["zero_actuals"], "at_bound": 0}}, mape=False) is None


def test_the_season_hint_of_daily_rows_that_repeat_every_year_names_365_and_why():
    """Decision 1606: a 6-year daily temperature was told season 7; where fit measured a yearly cycle stronger than
    the week (``yearlyseason``), the hint names 365 with the measure, and 7 stays where the week is stronger."""
    from types import SimpleNamespace

    from pandas.tseries.frequencies import to_offset

    from rnncast.runnotes import fitted_season_hint
    from rnncast.timecalendar import Calendar

    fitted = lambda measured: SimpleNamespace(  # noqa: E731
        calendar_=Calendar("datetime", to_offset("D")), ids_=[None],
        state_=SimpleNamespace(calendars={}, given_ids=None, yearly_season=measured),
        settings_=SimpleNamespace(data=SimpleNamespace(season=1, lookback=30)))
    measured = {"year_vs_day": 1.02, "year_vs_week": 0.98, "year_vs_half": 0.13, "year_z": -27.0, "week_vs_half": 1.08,
                "week_z": 1.4}  # a yearly sine + noise, which the ratios alone sent to 7 (decision 1702)
    hint = fitted_season_hint(fitted(measured))
    assert hint.startswith("hint: the calendar is 'D', 365 days in a year (on the training rows a value differs from "
                           "the value a year before by a median 0.13 times as much as from the value half a year "
                           "before, and from the value a week before not clearly less than from 4 days before: a sign "
                           "test of the days, z = -27.0 and 1.4), but season is 1")
    assert "(season=365, --season 365) to compare" in hint and "repeat every year," in hint
    weekly = fitted_season_hint(fitted({**measured, "week_vs_half": 0.3, "week_z": -20.0}))
    assert weekly.startswith("hint: the calendar is 'D', 7 days in a week (a yearly cycle is found too, z = -27.0: a "
                             "season of 365 (season=365, --season 365) would compare the model with it), but season "
                             "is 1")  # both found: 7, the year said too (decision 1760)
    noise = fitted_season_hint(fitted({**measured, "year_vs_day": 0.89, "year_vs_week": 0.94, "year_z": -1.2}))
    assert noise.startswith("hint: the calendar is 'D', 7 days in a week")  # t34t5 2: ratios under 1, no cycle
    assert fitted_season_hint(fitted(None)).startswith("hint: the calendar is 'D', 7 days in a week")


def test_a_backtests_365_hint_quotes_the_measure_fit_took():
    """t33t7 M6 (decision 1665): backtest named 7 where fit named 365 for the same file; it now takes the same measure
    from its models' fit, and quotes it."""
    from rnncast.runnotes import backtest_season_hint
    from rnncast.seasons import Season
    from rnncast.yearlyseason import implied

    measured = {"year_vs_day": 0.41, "year_vs_week": 0.43, "year_vs_half": 0.2, "year_z": -15.0, "week_vs_half": 1.0,
                "week_z": 0.0}
    season = implied(Season(7, "days in a week"), measured)
    assert season == (365, "days in a year") and implied(Season(7, "days in a week"), None) == (7, "days in a week")
    m = {"implied_season": season._asdict(), "freq": "D", "calendar": "'D'", "lookback": 30, "season": 1,
         "yearly_season": measured}
    assert backtest_season_hint(m).startswith("hint: the calendar is 'D', 365 days in a year (on the training rows a "
                                              "value differs from the value a year before by a median 0.20 times")


def test_the_backtest_7_hint_says_a_yearly_cycle_found_too_and_the_climatology_scored():
    """Decision 1760: a backtest's 7 hint names the year found too, and the climatology where the backtest scored it."""
    from rnncast.runnotes import backtest_season_hint

    measured = {"year_vs_day": 0.3, "year_vs_week": 0.4, "year_vs_half": 0.2, "year_z": -31.6, "week_vs_half": 0.5,
                "week_z": -28.5}
    m = {"implied_season": {"steps": 7, "cycle": "days in a week"}, "freq": "D", "calendar": "'D'", "lookback": 14,
         "season": 1, "yearly_season": measured, "overall": {"model": {}, "climatology": {}}}
    assert backtest_season_hint(m).startswith("hint: the calendar is 'D', 7 days in a week (a yearly cycle is found "
                                              "too, z = -31.6: the 'climatology' baseline scores it), but season is 1")
    assert "a season of 365 (season=365, --season 365) would compare" in backtest_season_hint({**m, "overall": {}})


def test_the_windows_without_a_season_before_them_are_said_among_those_not_scored():
    """Decision 1778: a season longer than the lookback leaves out the windows with fewer than a season of rows
    before them; the notes say so as they say the windows without their future covariates."""
    from rnncast.runnotes import unscored_note

    said = {"text": "4 of the 102 windows are left out: their series hold fewer than a season (12 calendar steps) before their "
                    "first target"}
    assert unscored_note({"scored": {"season_left_out": said}}) == f"Not every window is scored: {said['text']}."
    assert unscored_note({"scored": {}}) is None


def test_the_windows_left_out_are_not_said_as_if_no_window_were_scored():
    """t35t7 L2: "Windows are not scored: 5 of the 74 windows ... are left out" read as if no window were scored; the
    sentence says now that some are not, for one window left out as for many (decision 1842)."""
    from rnncast.runnotes import unscored_note

    for text in ("1 of the 74 windows is left out: its series holds fewer than a season (52 calendar steps) before its first target",
                 "5 of the 74 windows (in 1 series) are left out: their series hold fewer than a season"):
        note = unscored_note({"scored": {"season_left_out": {"text": text}}})
        assert note == f"Not every window is scored: {text}." and "Windows are not scored" not in note


def test_what_a_baselines_intervals_leave_out_is_not_the_unscored_note():
    """Decision 1910: the note of a baseline whose interval scores rest on some values alone (decision 1876) is
    ``Said.bands``, printed by fit, evaluate and backtest alike; ``unscored``, which evaluate's terminal skips, no
    longer carries it."""
    from rnncast.runnotes import unscored_note

    left = {"values": 4, "of": 8, "windows": 2, "of_windows": 4, "series": 1, "of_series": 2, "fewest": 9}
    block = {"model": {"pinball": 0.1}, "seasonal": {"pinball": 0.2, "intervals_left_out": left}}
    for result in ({"original": block}, {"overall": block}):
        assert unscored_note(result) is None


def test_mase_note_names_msis_too_where_the_scores_hold_one():
    """A quantile run's note said a series without a scale was "counted in MSE, MAE and the other errors" while MSIS,
    which divides by the same in-sample error, left it out too (decision 2100)."""
    from rnncast.runnotes import mase_note

    excluded = {"series": ["B"], "count": 1, "unobserved": 0, "causes": {"constant": 1}, "season": 7}
    fit = mase_note({"mase_excluded": excluded, "original": {"model": {"mase": 0.6, "msis_80": 16.9}}})
    assert fit.startswith("MASE and MSIS pool the series with a usable scale") and "left out of MASE and MSIS" in fit
    backtest = mase_note({"mase_excluded": excluded, "overall": {"model": {"msis_90": 3.0}}})
    assert "left out of MASE and MSIS" in backtest
    point = mase_note({"mase_excluded": excluded, "original": {"model": {"mase": 0.6}}})
    assert point.startswith("MASE pools") and "MSIS" not in point
    one = mase_note({"mase_excluded": {**excluded, "series": [None]}, "original": {"model": {"msis_80": 1.0}}})
    assert one.startswith("MASE and MSIS are undefined: the series'") and "left out of MASE and MSIS" in one
