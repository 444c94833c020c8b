"""Windows across missing calendar rows (``gapwindows.py``): fit takes the rows on either side of a missing
step as consecutive and trains on the windows across them; evaluate and predict_windows forecast and score
them alike, and say so: a warning, a clause of ``result["scored"]["text"]``, a line of ``result["notes"]``
and ``scored["across_gaps"]``, each naming the series. A tester found 10 days gone from one series' test
rows scored as if its steps were one day apart, with no word."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, gapwindows, holidaysets
from rnncast.cli import main
from rnncast.gapwindows import crossing, missing_after, quiet
from rnncast.reading import read_new
from rnncast.timecalendar import Calendar

L, H = TINY["lookback"], TINY["horizon"]


def _panel(lengths) -> pd.DataFrame:
    return pd.concat([pd.DataFrame({"unique_id": f"s{i}", "ds": pd.date_range("2020-01-01", periods=n),
                                    "y": 10 * (i + 1) + np.sin(np.arange(n) / 5)}) for i, n in enumerate(lengths)],
                     ignore_index=True)


GAP = ("2020-06-20", "2020-06-29")  # 10 days of s0's test rows


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    return _panel((200, 200))


@pytest.fixture(scope="module")
def model(panel) -> Forecaster:
    return Forecaster(**TINY).fit(panel)


def _gapped(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[~((frame["unique_id"] == "s0") & frame["ds"].between(*GAP))]


def test_missing_after_counts_the_steps_missing_after_each_row_and_a_row_off_the_calendar():
    time = pd.DatetimeIndex(["2020-01-01", "2020-01-02", "2020-01-05", "2020-01-06"])
    assert missing_after(time, np.array([0, 4]), Calendar("datetime", pd.tseries.frequencies.to_offset("D"))).tolist() \
        == [0, 2, 0, 0]
    hours = pd.DatetimeIndex(["2020-01-01 00:00", "2020-01-01 01:00", "2020-01-01 02:30", "2020-01-01 03:30",
                              "2020-01-01 05:30"])  # a row off the hourly calendar, then a gap on the shifted one
    assert missing_after(hours, np.array([0, 5]), Calendar("datetime", pd.tseries.frequencies.to_offset("h"))).tolist() \
        == [0, 1, 0, 1, 0]


def test_a_window_crosses_a_gap_when_a_row_before_its_last_is_followed_by_one():
    after = np.array([0, 0, 3, 0, 0, 0])  # steps missing after row 2
    assert crossing(after, np.array([0, 1, 2, 3]), 3).tolist() == [False, True, True, False]  # rows 0-2 end at the gap
    # a backtest window whose forecast dates lack rows reaches past the last row (stepactuals): its rows there are none
    assert crossing(after, np.array([2, 4]), 5).tolist() == [True, False]


def test_evaluate_counts_names_and_warns_of_the_windows_across_missing_rows(model, panel, caplog):
    gapped = _gapped(panel)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        result = model.evaluate(gapped, by_series=True)
    span = L  # scored windows: their inputs; a date forecast without a row is not scored (stepactuals)
    across = result["scored"]["across_gaps"]
    assert across["windows"] == span - 1 and across["series"] == 1 and across["ids"] == ["s0"]  # every window whose
    # inputs hold the one pair of rows around the gap
    scored = result["scored"]  # the three cut 1, 2 and 3 rows before it forecast 3, 2 and 1 of the missing days
    assert scored["missing_steps"] == 6 and result["windows_scored"] == result["windows"] - 1
    assert f"{span - 1} of the windows span calendar steps missing from the data (series 's0': {span - 1})" \
        in result["scored"]["text"]
    assert any("span calendar steps missing from the data (series 's0'" in n and "fill_gaps=True" in n
               for n in result["notes"])
    assert f"{span - 1} of the {result['windows']} windows span calendar steps missing" in caplog.text
    # the model was fitted on data without gaps: not said to have trained on such windows (true either way)
    assert "which trained on such windows" not in caplog.text
    assert "(as fit takes the rows around any step its own data lacks)" in caplog.text
    # the windows stay scored, as fit trains on them
    assert result["windows"] == model.evaluate(panel)["windows"] - len(pd.date_range(*GAP))
    assert "across_gaps" not in model.evaluate(panel)["scored"]


def test_predict_windows_warns_of_them_too_counting_their_inputs_as_evaluate_does(model, panel, caplog):
    """Decision 1209: predict_windows counted a window whose targets alone held the gap (L + H - 1 windows) where
    evaluate counts inputs only (L - 1), though both date each target step on the calendar (stepactuals)."""
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        wf = model.predict_windows(_gapped(panel), part="test", series="s0")
    assert "span calendar steps missing from the data (series 's0'" in caplog.text
    assert f"{L - 1} of the {len(wf.y_pred)} windows span calendar steps missing" in caplog.text
    assert "the model takes the rows on either side" in caplog.text and "baselines" not in caplog.text  # none run
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        result = model.evaluate(_gapped(panel).query("unique_id == 's0'"))
    assert result["scored"]["across_gaps"]["windows"] == L - 1


def test_one_series_is_not_named_as_a_series():
    frame = _panel((200,)).drop(columns="unique_id")
    model = Forecaster(**TINY).fit(frame, target="y")
    result = model.evaluate(frame[~frame["ds"].between(*GAP)])
    assert result["scored"]["across_gaps"]["windows"] == L - 1
    assert f"; {L - 1} of the windows span calendar steps missing from the data, their rows" in result["scored"]["text"]


def test_a_model_fitted_with_fill_gaps_fills_them_and_scores_no_window_across_them(panel):
    model = Forecaster(**TINY, fill_gaps=True, fill="ffill").fit(panel)
    result = model.evaluate(_gapped(panel))
    assert "across_gaps" not in result["scored"] and result["scored"]["filled_targets"] > 0


def test_the_command_line_prints_the_count_and_warns(model, panel, tmp_path, capsys, caplog):
    model.save(tmp_path / "model")
    _gapped(panel).to_csv(tmp_path / "gapped.csv", index=False)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        assert main(["evaluate", str(tmp_path / "model"), str(tmp_path / "gapped.csv")]) == 0
    assert "span calendar steps missing from the data (series 's0'" in capsys.readouterr().out.splitlines()[0]
    assert "fill_gaps=True (--fill-gaps)" in caplog.text


def test_quiet_keeps_the_count_and_leaves_the_warning_out(model, panel, caplog):
    """A fit's run and tune's trials score the fit's own data, whose missing rows the fit's gap warning said."""
    with caplog.at_level(logging.WARNING, logger="rnncast"), quiet():
        result = model.evaluate(_gapped(panel))
    assert result["scored"]["across_gaps"]["windows"] == L - 1 and "span calendar steps" not in caplog.text
    assert logging.getLogger("rnncast.gapwindows").level == logging.NOTSET


# ---- fit: the windows it trains, validates and tests on that span missing rows (decision 720) ----------------------

def _spanning(model: Forecaster, frame: pd.DataFrame) -> dict:
    """How many windows of each part of ``model``'s fit span a missing day of ``frame``, counted here from the dates
    alone: a training window spans one when its last row is more than L + H - 1 days after its first; a validation or
    test window, scored as evaluate scores it (its targets at their own dates), when its last input row is more than
    L - 1 days after its first."""
    parts = {"training": (0, 0), "validation": (0, 0), "test": (0, 0)}
    counts = {name: [0, 0] for name in parts}
    groups = [frame] if "unique_id" not in frame else [g for _, g in frame.groupby("unique_id", sort=True)]
    for split, group in zip(model.state_.splits, groups):
        days = pd.DatetimeIndex(group["ds"])
        for name, (lo, hi) in zip(parts, ((0, split.train_end), (split.train_end, split.val_end),
                                          (split.val_end, split.end))):
            for s in range(max(lo - L, 0), hi - L - H + 1):  # every target row of the window in [lo, hi)
                counts[name][1] += 1
                span = L + H if name == "training" else L
                counts[name][0] += int((days[s + span - 1] - days[s]).days != span - 1)
    return {name: {"windows": n, "of": of} for name, (n, of) in counts.items() if of}


@pytest.fixture(scope="module")
def gapped_fit():
    frame = _panel((200, 200))
    frame = frame[~(((frame["unique_id"] == "s0") & frame["ds"].between("2020-02-10", "2020-02-12"))
                    | ((frame["unique_id"] == "s1") & frame["ds"].between("2020-05-25", "2020-05-26")))]
    return frame.reset_index(drop=True)


def test_fit_says_once_how_many_of_its_windows_span_missing_rows_and_what_fills_them(gapped_fit, caplog):
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model = Forecaster(**TINY).fit(gapped_fit)
    want = _spanning(model, gapped_fit)
    assert want["training"]["windows"] > 0 and want["validation"]["windows"] > 0  # the data is what the test means
    lines = [r.getMessage() for r in caplog.records if "training windows" in r.getMessage()]
    assert len(lines) == 1, lines
    t, v, s = want["training"], want["validation"], want["test"]
    assert lines[0].startswith(f"{t['windows']} of the {t['of']} training windows, {v['windows']} of the {v['of']} "
                               f"validation windows and {s['windows']} of the {s['of']} test windows span calendar "
                               "steps missing from the data (series 's0': ")
    assert "'s1': " in lines[0] and "fill_gaps=True (--fill-gaps) inserts such rows for fill= (--fill) to fill" in lines[0]
    assert "consecutive steps" in lines[0]
    assert model.state_.across_gaps == {**want, "series": 2}


def test_a_model_keeps_the_count_and_one_saved_before_it_was_kept_reads_none(gapped_fit, tmp_path):
    model = Forecaster(**TINY).fit(gapped_fit)
    model.save(tmp_path / "model")
    assert Forecaster.load(tmp_path / "model").state_.across_gaps == model.state_.across_gaps
    assert model.state_.meta()["across_gaps"] == model.state_.across_gaps
    from rnncast.state import FittedState

    old = {k: v for k, v in model.state_.meta().items() if k != "across_gaps"}
    assert FittedState.read(old, model.net_.spec, "an old folder").across_gaps is None


def test_fit_on_rows_without_gaps_or_with_them_filled_says_nothing_of_such_windows(panel, gapped_fit, caplog):
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        plain = Forecaster(**TINY).fit(panel)
        filled = Forecaster(**TINY, fill_gaps=True, fill="interpolate").fit(gapped_fit)
    assert "training windows" not in caplog.text
    assert plain.state_.across_gaps is None and filled.state_.across_gaps is None
    assert "across_gaps" not in plain.state_.meta()


def test_fit_of_one_series_names_no_series(caplog):
    frame = _panel((200,)).drop(columns="unique_id")
    frame = frame[~frame["ds"].between("2020-02-10", "2020-02-12")]
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model = Forecaster(**TINY).fit(frame, target="y")
    t = _spanning(model, frame)["training"]
    assert f"{t['windows']} of the {t['of']} training windows" in caplog.text and "(series" not in caplog.text
    assert model.state_.across_gaps["training"] == t and model.state_.across_gaps["series"] == 1


def test_the_command_line_fit_says_it_once_and_the_run_keeps_it(gapped_fit, tmp_path, caplog):
    gapped_fit.to_csv(tmp_path / "gapped.csv", index=False)
    args = [f"--{k.replace('_', '-')}={v}" for k, v in TINY.items()]
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        assert main(["fit", str(tmp_path / "gapped.csv"), *args, "--out", str(tmp_path / "run")]) == 0
    assert caplog.text.count("training windows") == 1
    import json

    notes = json.loads((tmp_path / "run" / "metrics.json").read_text())["notes"]
    assert sum("validation windows" in n["text"] for n in notes) == 1
    kept = json.loads((tmp_path / "run" / "model" / "model.json").read_text())["across_gaps"]
    assert kept["series"] == 2 and kept["training"]["windows"] > 0


def test_window_gaps_counts_every_gappy_series_and_formats_only_those_named(panel_fitted, panel_frame, monkeypatch):
    """predict's warning names three series whose last window skips calendar steps; every one of them
    was formatted, however many there were."""
    lookback = panel_fitted.settings_.data.lookback
    third_last = panel_frame.groupby("unique_id").tail(3).groupby("unique_id").head(1).index
    cut = panel_frame.drop(third_last)  # a step missing in every series' last window
    panel = read_new(panel_fitted.state_, cut)
    formatted = []
    monkeypatch.setattr(gapwindows, "shown", lambda *a: formatted.append(a) or "T")
    state = panel_fitted.state_
    count, named = gapwindows.window_gaps(panel, lookback, state.calendar, state.calendars, most=3)
    assert count == 4 and named == ["'s000': after T", "'s001': after T", "'s002': after T"] and len(formatted) == 3


def test_a_till_export_without_its_zero_weeks_is_offered_fill_zero_which_fills_and_scores_them(caplog):
    """A tester's finding: weekly sales left out of the file where none were sold were offered only 'ffill' or
    'interpolate' (ffill made 19 series constant). A target that holds zeros is offered 'zero' first; it writes 0s,
    taken as observed: the windows across them are scored, none left out as made."""
    rng = np.random.default_rng(3)
    frame = pd.concat([pd.DataFrame({"unique_id": f"s{i}", "ds": pd.date_range("2020-01-04", periods=120, freq="W-SAT"),
                                     "y": rng.poisson(0.8, 120).astype(float)}) for i in range(2)], ignore_index=True)
    sold = frame[frame["y"] > 0].reset_index(drop=True)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        Forecaster(**TINY, freq="W-SAT").fit(sold)
    line = next(r.getMessage() for r in caplog.records if "training windows" in r.getMessage())
    assert line.endswith("to fill ('zero' where a missing row means nothing happened, as the target's counts suggest "
                         "(scored as observed 0s), or 'ffill' or 'interpolate'; made values are not scored)")
    zeroed = Forecaster(**TINY, freq="W-SAT", fill="zero", fill_gaps=True).fit(sold)
    result = zeroed.evaluate(frame)
    assert zeroed.state_.across_gaps is None and "windows_scored" not in result
    plain = frame[frame["unique_id"] == "s0"].assign(y=lambda f: f["y"] + 0.5).iloc[:, 1:]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        Forecaster(**TINY, freq="W-SAT").fit(plain.drop(index=[30, 31, 60]))
    assert "to fill ('ffill' or 'interpolate'; made values are not scored)" in caplog.text


def test_a_halted_series_missing_mostly_a_sets_holidays_is_told_that_set_first_and_fill_gaps_for_the_rest(caplog):
    """A NYSE ticker halted for two weeks beside one on NYSE's days: the windows warning offered fill_gaps for all of
    its missing days, closes made up on holidays; it says the gap warning's advice, fill_gaps for the halt left."""
    nyse = pd.date_range("2023-01-03", "2024-11-29", freq=holidaysets.offset("NYSE"))
    halted = nyse.difference(pd.bdate_range("2024-03-04", "2024-03-15"))
    frame = pd.concat([pd.DataFrame({"ticker": t, "date": d, "close": 100 + np.sin(np.arange(len(d)) / 7)})
                       for t, d in (("AAPL", nyse), ("HALT", halted))], ignore_index=True)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model = Forecaster(**TINY).fit(frame, target="close", id_col="ticker")
        caplog.clear()
        model.evaluate(frame)
    advice = ("18 of the 28 weekdays series 'HALT' misses are NYSE holidays: at fit, give holidays='NYSE' (--holidays "
              "NYSE) for the panel to skip them, the other days then gaps; fill_gaps=True (--fill-gaps) at fit then "
              "inserts the true gaps left for fill= (--fill) to fill")
    assert advice in caplog.text
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        caplog.clear()
        Forecaster(**TINY).fit(frame, target="close", id_col="ticker")
    line = next(r.getMessage() for r in caplog.records if "training windows" in r.getMessage())
    assert line.endswith("18 of the 28 weekdays series 'HALT' misses are NYSE holidays: give holidays='NYSE' "
                         "(--holidays NYSE) for the panel to skip them, the other days then gaps; fill_gaps=True "
                         "(--fill-gaps) then inserts the true gaps left for fill= (--fill) to fill ('ffill' or "
                         "'interpolate'; made values are not scored)")
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):  # the advice taken: the halt's gaps alone, fill_gaps
        Forecaster(**TINY, holidays="NYSE").fit(frame, target="close", id_col="ticker")
    line = next(r.getMessage() for r in caplog.records if "training windows" in r.getMessage())
    assert "holidays" not in line and "fill_gaps=True (--fill-gaps) inserts such rows" in line


def test_fit_counts_its_test_windows_across_missing_rows_as_evaluate_does(caplog):
    """A tester's finding: business days lacking 12-20 and 12-28, lookback 10, horizon 3: fit warned "7 of the 29 test
    windows" (their targets counted by row) while evaluate and metrics.json said 4 of 29 (inputs only, the targets
    scored at their own dates): one count now."""
    days = pd.bdate_range("2023-06-01", "2023-12-29")
    frame = pd.DataFrame({"ds": days, "y": 50 + 5 * np.sin(np.arange(len(days)) / 3)})
    frame = frame[~frame.ds.isin(pd.to_datetime(["2023-12-28", "2023-12-20"]))].reset_index(drop=True)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model = Forecaster(**{**TINY, "lookback": 10, "horizon": 3}).fit(frame)
    test = model.state_.across_gaps["test"]
    assert model.evaluate(frame)["scored"]["across_gaps"]["windows"] == test["windows"] > 0
    assert f"{test['windows']} of the {test['of']} test windows span" in caplog.text


def test_a_temperature_with_a_few_exact_zeros_among_negatives_is_not_offered_fill_zero():
    """A °C series with 6 exact 0.0 readings among 280 negatives was offered 'zero' first "as the target's zeros
    suggest" for a missing Feb 29: 'zero' is offered first only where the target has no negatives and its zeros are a
    real share (``ZEROS``) or it holds only whole numbers (decision 1573)."""
    def panel(values):
        return SimpleNamespace(values=np.asarray(values, dtype=float)[:, None], n_targets=1)

    rng = np.random.default_rng(0)
    celsius = np.r_[np.zeros(6), -rng.uniform(0.1, 9, 280), rng.uniform(0.1, 30, 809)]
    assert gapwindows.fills(panel(celsius)) == "'ffill' or 'interpolate'; made values are not scored"
    assert gapwindows.fills(panel(np.r_[np.zeros(6), rng.uniform(0.1, 30, 1089)])).startswith("'ffill'")  # 0.5 %
    rain = np.r_[np.zeros(700), rng.gamma(0.6, 8, 395) + 0.1]
    assert gapwindows.fills(panel(rain)).startswith("'zero' where a missing row means nothing happened, as the "
                                                    "target's zeros suggest")
    assert "target's counts suggest" in gapwindows.fills(panel(rng.poisson(3, 200) + 1))
    assert gapwindows.fills(panel(np.r_[-1.0, np.zeros(100)])).startswith("'ffill'")  # a negative: no till


def test_the_gap_warnings_count_the_seasonal_naive_values_without_a_forecast(gapped_fit, panel, caplog):
    """A tester's finding (t36t4): fit's gap warning spoke of the network alone, where the seasonal naive baseline
    also reads a season of rows back across a missing step, another hour than the same one a day earlier (111 of 553
    test values); fit's and evaluate's warnings now count them (decision 1885). It now reads a season of calendar
    steps back and has no forecast where that step is missing, which the warnings count (decision 1966)."""
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        fitted = Forecaster(**{**TINY, "season": 7}).fit(gapped_fit)
    line = next(r.getMessage() for r in caplog.records if "training windows" in r.getMessage())
    assert "; the seasonal naive baseline reads the same time a season (7 calendar steps) back, which the data lacks " \
           "for 6 of the 328 validation and test steps with an actual: it has no forecast there, and its scores are " \
           "those of the other values, weighed against the model's on them, while MASE's scale pairs the training " \
           "values 7 calendar steps apart; fill_gaps=True" in line
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        result = fitted.evaluate(_gapped(panel))
    note = next(n for n in result["notes"] if "span calendar steps missing" in n)
    assert "steps with an actual: it has no forecast there" in note
    unread = result["scored"]["seasonal_unread"]  # its scores rest on the values it has (decision 1966)
    assert result["original"]["seasonal"]["values_left_out"]["values"] == unread["values"] > 0
    assert any("Not every seasonal naive value is scored: the 'seasonal naive' baseline has no forecast at "
               f"{unread['values']} of the {unread['of']} values scored" in n for n in result["notes"])
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        Forecaster(**TINY).fit(gapped_fit)  # no season: nothing read a season back
    assert "a season (" not in caplog.text


def test_a_model_saved_before_its_scale_paired_calendar_steps_is_not_said_to_pair_them(gapped_fit, panel):
    """evaluate said "while MASE's scale pairs the training values 7 calendar steps apart" of any model, though one
    saved before decision 1885 from data with missing rows kept its scale by rows, and evaluate reads that scale
    (reviewer r36r3). The model keeps ``scale_by`` beside its gap count; one without it says it pairs rows (decision
    1955)."""
    from rnncast.state import FittedState

    fitted = Forecaster(**{**TINY, "season": 7}).fit(gapped_fit)
    assert fitted.state_.meta()["scale_by"] == "calendar"
    old = {k: v for k, v in fitted.state_.meta().items() if k != "scale_by"}
    fitted.state_ = FittedState.read(old, fitted.net_.spec, "an old folder")
    assert fitted.state_.scale_by is None
    note = next(n for n in fitted.evaluate(_gapped(panel))["notes"] if "span calendar steps missing" in n)
    assert "it has no forecast there, and its scores are those of the other values, weighed against the model's on " \
           "them, and MASE's scale, kept at fit, pairs rows; fit again to pair calendar steps; fill_gaps=True" in note
    assert "calendar steps apart" not in note


def test_summed_adds_two_counts_part_by_part():
    """A refit backtest's cutoffs' models' windows across missing steps, summed (decision 2256)."""
    one = {"training": {"windows": 3, "of": 10}, "series": 1}
    two = {"training": {"windows": 4, "of": 12}, "validation": {"windows": 1, "of": 2}, "series": 2}
    assert gapwindows.summed(None, None) is None and gapwindows.summed(None, one) == one
    assert gapwindows.summed(one, two) == {"series": 2, "training": {"windows": 7, "of": 22},
                                           "validation": {"windows": 1, "of": 2}}
