"""A backtest's verdict (``backtestverdict.py``): evaluate's over the backtest's windows, and how its Diebold–Mariano
test ran over the cutoffs (summed per cutoff, per date or per window number; the lags where windows share targets),
or why it could not be made."""

from __future__ import annotations

import copy

from rnncast import Forecaster
from rnncast.backtestverdict import backtest_verdict
from rnncast.verdicts import headline
from test_verdicts import _monthly


def _backtest_metrics(p_repeat: float, origins: int = 5, lags: int = 0, series: int = 1) -> dict:
    scores = {"model": {"mse": 1.0, "mae": 0.8}, "repeat": {"mse": 2.0, "mae": 1.1}}
    test = {"statistic": -3.0 if p_repeat == p_repeat else float("nan"), "p_value": p_repeat, "origins": origins,
            "lags": lags, **({"variance": "ewc", "terms": 2, "df": 2} if lags else {"variance": "paired"})}
    return {"overall": scores, "overall_scaled": scores, "verdict_units": "original" if series == 1 else "scaled",
            "significance": {"repeat": test}, "series": series, "step": 12, "horizon": 24}


def test_a_backtest_gets_evaluates_verdict_over_its_windows_and_says_how_it_was_tested():
    good, sentence = backtest_verdict(_backtest_metrics(0.01, origins=8, lags=1, series=3))
    assert good and sentence.startswith("The model beats every baseline on the backtest windows: MSE (each series in "
                                        "its own scaled units) 1.0000 against 2.0000 for the best baseline (repeat the last value), 50.0% lower "
                                        "(Diebold–Mariano one-sided p = 0.01 that the model is not better).")
    assert ("over the 8 cutoffs, each cutoff's loss differences summed over the 3 series" in sentence and
            "windows 12 steps apart share targets (horizon 24), so its variance allows for their autocorrelation over "
            "1 lag: the equal-weighted cosine estimator over 2 terms (Lazarus, Lewis, Stock & Watson 2018), evaluate's, "
            "which holds its size with few cutoffs (Coroneo & Iacone 2020); it is compared with Student's t at 2 "
            "degrees of freedom (EWC's fixed-smoothing reference)"
            in sentence)
    good, sentence = backtest_verdict(_backtest_metrics(0.2))
    assert not good and ("The model's MSE is lower than every baseline's on the backtest windows: 1.0000 against 2.0000 for the "
                         "'repeat the last value' baseline, 50.0% lower, but the test cannot tell that from chance "
                         "(Diebold–Mariano one-sided p = 0.2 that the model is not better). The Diebold–Mariano test") in sentence
    assert "averaged over" not in sentence and "lag" not in sentence
    assert headline({"original": _backtest_metrics(0.2)["overall"], "significance": {"repeat": {"p_value": 0.2}}}) == (
        "the model's MSE is lower than every baseline's: 1.0000 against 2.0000 for the 'repeat the last value' baseline, 50.0% "
        "lower, not beyond chance (Diebold–Mariano one-sided p = 0.2 that the model is not better)")  # the terminal's numbers and p-value, not a bare "beyond chance"
    assert sentence.endswith("only a steady difference counts.")  # a lower MSE the test did not confirm
    windows = {**_backtest_metrics(0.2), "windows": [{"model": {"mse": 140.0}, "repeat": {"mse": 9.0}}]}
    assert ": 1.00 against 2.00 for the" in backtest_verdict(windows)[1]  # as the table's column, 140.0 in it, writes them (1230)
    worse = _backtest_metrics(0.99)
    worse["overall"]["model"]["mse"] = 6.0  # six times repeat's: the test is not why it loses
    assert not backtest_verdict(worse)[0] and "steady difference" not in backtest_verdict(worse)[1]


def test_a_backtest_sentence_says_summed_per_cutoff_and_counts_one_step_in_the_singular():
    """The sentence said "averaged over the 3 series" where the code sums (decision 83), "series at
    one time" where series ending on other dates meet at one origin, not one time, and "windows 1
    steps apart"."""
    m = {**_backtest_metrics(0.01, origins=8, lags=1, series=3), "step": 1, "horizon": 2}
    sentence = backtest_verdict(m)[1]
    assert "summed over the 3 series (the series at one cutoff may share shocks" in sentence
    assert "windows 1 step apart share targets (horizon 2)" in sentence and "averaged" not in sentence


def test_a_backtest_with_too_few_cutoffs_for_a_test_says_so_and_beats_nothing():
    good, sentence = backtest_verdict(_backtest_metrics(float("nan"), origins=3, lags=1))
    assert not good and sentence.endswith(
        "50.0% lower, but it was not tested against chance. No Diebold–Mariano test: 3 cutoffs are too few: windows 12 steps apart "
        "with horizon 24 share targets over 2 cutoffs, and the test needs twice that, 4; give more cutoffs "
        "(n_windows=, --n-windows) or a larger step (step=, --step).")
    assert backtest_verdict(_backtest_metrics(float("nan"), origins=1))[1].endswith(
        "No Diebold–Mariano test: 1 cutoff is too few: it needs 2; give more cutoffs (n_windows=, --n-windows).")


def test_a_backtest_of_a_monthly_series_without_a_season_says_the_same():
    from rnncast.runnotes import backtest_season_hint

    result = Forecaster(lookback=24, horizon=2, hidden_size=8, epochs=1, device="cpu").backtest(
        _monthly(), n_windows=4, target="sales")
    m = result.metrics
    assert m["implied_season"] == {"steps": 12, "cycle": "months in a year"} and m["freq"] == "ME"
    assert backtest_season_hint(m).startswith("hint: the calendar is 'ME', 12 months in a year")
    won = copy.deepcopy(m)  # as if the model had won beyond chance
    won["overall"]["model"]["mse"] = 0.0
    for test in won["significance"].values():
        test["p_value"] = 0.001
    good, sentence = backtest_verdict(won)
    assert good and "The model beats every baseline computed (repeat the last value, training mean) on the backtest windows" in sentence
    seasonal = Forecaster(lookback=24, horizon=2, hidden_size=8, epochs=1, season=12, device="cpu").backtest(
        _monthly(), n_windows=4, target="sales")
    assert seasonal.metrics["implied_season"] is None and backtest_season_hint(seasonal.metrics) is None


def test_a_backtest_sentence_says_how_a_panels_windows_were_grouped():
    """The sentence said "each cutoff's loss differences summed over the 5 series" while series that end on
    different dates were grouped by window number; now grouped by date, it says so, and without times it says the
    windows of one number were taken together."""

    m = {**_backtest_metrics(0.01, origins=6, lags=1, series=5), "step": 4, "horizon": 3, "n_windows": 3}
    dated = backtest_verdict({**m, "cutoff_dates": 6, "end_dates": 2})[1]
    assert ("runs over the 6 cutoffs (the 5 series end on 2 different dates: 6 cutoff dates in all), each date's loss "
            "differences summed over the series cut off at it") in dated
    assert "cutoff dates less than a horizon (3) apart forecast overlapping times, so its variance allows for" in dated
    assert "each cutoff's loss" in backtest_verdict({**m, "cutoff_dates": 3})[1]  # shared cutoffs: as before
    assert "each window number's loss differences summed over the 5 series (without times" in \
        backtest_verdict({**m, "cutoff_dates": None})[1]


def test_a_backtest_sentence_counts_the_dates_its_series_end_on_and_says_what_its_lags_count():
    """A tester's panel of 5 series, two of them ending on one date: the sentence said "the 5 series end on different
    dates" and "autocovariances over 2 lags" where the lags are neighbouring cutoff dates of whichever series; and
    a metrics.json from before decision 655 (dm.test's unweighted sum, its fallback) is still told as it was made."""
    m = {**_backtest_metrics(0.01, origins=12, lags=2, series=5), "step": 14, "horizon": 14, "n_windows": 3,
         "cutoff_dates": 12, "end_dates": 4}
    sentence = backtest_verdict(m)[1]
    assert "(the 5 series end on 4 different dates: 12 cutoff dates in all)" in sentence
    assert ("autocorrelation over 2 lags (neighbouring cutoff dates in time order, of whichever series): the "
            "equal-weighted cosine estimator") in sentence
    old = {**m, "significance": {"repeat": {**m["significance"]["repeat"], "no_lags_because_negative": True}}}
    for key in ("variance", "terms", "df"):
        del old["significance"]["repeat"][key]
    del old["end_dates"]
    sentence = backtest_verdict(old)[1]
    assert "(the 5 series do not all end on one date: 12 cutoff dates in all)" in sentence
    assert "unweighted as R's forecast::dm.test (against the 'repeat the last value' baseline that sum was not positive" in sentence


def test_a_backtest_verdict_counts_cutoffs_not_thirty_forecast_times():
    """A backtest's lower MSE over 8 cutoffs whose windows share targets said "With 30 forecast times, whose 1-step
    windows overlap, the test has 2 degrees of freedom": its test counts cutoffs, not forecast times, and 30 was
    evaluate's threshold read as a count; the sentence after it says the cutoffs (decision 703)."""
    for p in (0.2, 0.01):
        sentence = backtest_verdict(_backtest_metrics(p, origins=8, lags=1))[1]
        assert "forecast time" not in sentence and "over the 8 cutoffs" in sentence


def test_series_cut_at_one_cutoff_or_ending_together_name_their_calendars_not_their_ends():
    """A finance tester's backtest at a cutoff: "the 7 series end on 2 different dates: 4 cutoff dates in all",
    though every series was cut at 2024-10-15 and Tokyo's holiday set its later cutoffs a day apart."""
    m = {**_backtest_metrics(0.01, origins=4, lags=1, series=7), "step": 8, "horizon": 8, "n_windows": 3,
         "cutoff_dates": 4, "end_dates": 2, "cutoff": "2024-10-15"}
    sentence = backtest_verdict(m)[1]
    assert "(the 7 series' calendars differ, so their cutoffs do not all fall on the same dates: 4 cutoff dates in all)" \
        in sentence
    together = backtest_verdict({**m, "end_dates": 1, "cutoff": None})[1]
    assert "the 7 series' calendars differ" in together and "end on" not in together


def test_windows_left_out_for_a_missing_row_are_said_where_the_test_is():
    """A window whose series lacks a row at its cutoff or after it is not forecast (``calendarcuts``): the sentence
    that says what the test summed says how many, and whose, for a panel and for one series."""
    out = {"windows": 1, "of": 12, "series": 1, "ids": ["S0"], "text": "..."}
    _, sentence = backtest_verdict({**_backtest_metrics(0.2, origins=3, series=4), "windows_left_out": out,
                                    "cutoff_dates": 3, "n_windows": 3})
    assert ("summed over the 4 series that hold it (the series at one cutoff may share shocks, so each cutoff counts "
            "once; 1 of the 12 windows is left out: 'S0' lacks a row there)") in sentence
    _, sentence = backtest_verdict({**_backtest_metrics(0.2, origins=2), "windows_left_out": {
        **out, "of": 3, "ids": [None]}})
    assert "runs over the 2 cutoffs (1 of the 3 windows is left out: the series lacks a row there);" in sentence


def test_cutoffs_left_out_in_every_series_are_said_as_such_not_as_calendars_that_differ():
    """t38t5 4: 12 monthly series of one calendar, the COVID rows cut, so 2 of the 5 cutoffs have no row in any series:
    the sentence said "the 12 series' calendars differ" (decision 2039)."""
    out = {"windows": 24, "of": 60, "series": 12, "ids": ["Alps"], "text": "..."}
    m = {**_backtest_metrics(0.05, origins=3, series=12), "n_windows": 5, "cutoff_dates": 3, "end_dates": 1,
         "cutoff": "2019-06", "cutoffs_on": "dates", "cutoffs_left_out": 2, "windows_left_out": out}
    sentence = backtest_verdict(m)[1]
    assert "runs over the 3 cutoffs (2 of the 5 are left out in every series), each cutoff's loss differences summed " \
           "over the 12 series that hold it" in sentence and "calendars differ" not in sentence
    few = backtest_verdict({**m, "significance": {"repeat": {**m["significance"]["repeat"], "p_value": float("nan"),
                                                             "statistic": float("nan"), "origins": 1}},
                            "cutoff_dates": 1, "cutoffs_left_out": 4})[1]
    assert "No Diebold–Mariano test: 1 cutoff (4 of the 5 are left out in every series) is too few" in few
    differ = backtest_verdict({**m, "cutoff_dates": 4})[1]  # one left out everywhere would leave 4: 4 dates differ
    assert "the 12 series' calendars differ" in differ
    assert "calendars differ" in backtest_verdict({k: v for k, v in m.items() if k != "cutoffs_left_out"})[1]  # before



def test_the_step_clause_says_the_cutoffs_that_remain_are_not_evenly_spaced():
    """r38r2 L7 (decision 2066): with 2 of 5 cutoffs left out in every series, the sentence said "windows 12 steps
    apart share targets", though the 3 that remain are 12 or 24 steps apart."""
    m = {**_backtest_metrics(0.05, origins=3, lags=1, series=12), "n_windows": 5, "cutoff_dates": 3, "end_dates": 1,
         "cutoff": "2019-06", "cutoffs_on": "dates", "cutoffs_left_out": 2}
    sentence = backtest_verdict(m)[1]
    assert "; the cutoffs that remain (12 steps or a multiple of it apart, with horizon 24) share targets where less " \
           "than a horizon apart, so its variance allows for their autocorrelation over 1 lag" in sentence
    assert "windows 12 steps apart" not in sentence
    few = {**m, "significance": {"repeat": {**m["significance"]["repeat"], "p_value": float("nan"), "origins": 3,
                                            "statistic": float("nan"), "lags": 1}}}
    assert "the cutoffs that remain (12 steps or a multiple of it apart, with horizon 24) share targets over 2 cutoffs, " \
           "and the test needs twice that, 4" in backtest_verdict(few)[1]
    assert "windows 12 steps apart share targets (horizon 24)" in backtest_verdict({**m, "cutoffs_left_out": 0,
                                                                                   "cutoff_dates": 5})[1]  # none out

def test_windows_are_grouped_by_cutoff_date_and_series_ending_apart_are_counted():
    import numpy as np
    import pandas as pd

    from rnncast.backtestverdict import end_count, test_cutoffs
    from rnncast.loading import load_panel

    dates = pd.date_range("2020-01-01", periods=30, freq="D")
    frame = pd.concat([pd.DataFrame({"id": "a", "ds": dates, "y": np.arange(30.0)}),
                       pd.DataFrame({"id": "b", "ds": dates[:-1], "y": np.arange(29.0)})])  # b ends a day before a
    panel = load_panel(frame, "y", time_col="ds", id_col="id", announce=False)
    first_rows = np.array([[24, 27], [23, 26]])  # [S, W] each window's first target: a's days 25 and 28, b's 24 and 27
    groups, reach = test_cutoffs(panel, first_rows, 3, 3)
    assert groups.tolist() == [1, 3, 0, 2] and reach == 2  # four cutoff dates; a window's targets reach the next date
    assert end_count(panel) == 2
    groups, reach = test_cutoffs(load_panel(frame[frame.id == "a"], "y", time_col="ds", announce=False),
                                 np.array([[24, 27]]), 3, 3)
    assert groups.tolist() == [0, 1] and reach == 1  # one series: the windows, a horizon apart


def test_too_few_cutoff_dates_of_a_panel_whose_calendars_differ_count_the_windows_given_first():
    """A KRX+JPX panel backtested with --n-windows 2 said "3 cutoffs are too few": the windows given are 2, their
    cutoff dates 3 as the two calendars step apart."""
    m = {**_backtest_metrics(float("nan"), origins=3, lags=1, series=2), "n_windows": 2, "cutoff_dates": 3,
         "end_dates": 1, "cutoffs_on": "dates"}
    sentence = backtest_verdict(m)[1]
    assert "No Diebold–Mariano test: 2 windows (3 cutoff dates: the series' calendars differ) are too few: " in sentence
    ends = backtest_verdict({**m, "end_dates": 2})[1]
    assert "2 windows (3 cutoff dates: the series end on 2 different dates) are too few" in ends
    same = backtest_verdict({**m, "n_windows": 3})[1]
    assert "No Diebold–Mariano test: 3 cutoffs are too few" in same


def test_a_backtests_seasonal_naive_that_read_other_bars_is_carried_to_the_line_against_each_baseline():
    """Decision 1787: a backtest's metrics held seasonal_shifted, but its line against each baseline said nothing."""
    from rnncast.backtestverdict import backtest_test
    from rnncast.readout import each_text

    m = _backtest_metrics(0.01)
    assert "seasonal_shifted" not in backtest_test(m)["scored"]
    m["overall"] = m["overall_scaled"] = {**m["overall"], "seasonal": {"mse": 3.0}}
    m["significance"]["seasonal"] = {"p_value": 0.02}
    m["seasonal_shifted"] = {"windows": 2, "of": 4, "text": "..."}
    assert backtest_test(m)["scored"]["seasonal_shifted"]["windows"] == 2
    assert "'seasonal naive' (p = 0.02; but its seasonal naive forecast reads another time of day in 2 of the 4 " \
           "windows)" in each_text(backtest_test(m), "original")


def test_a_test_left_few_degrees_of_freedom_by_overlap_says_what_raises_its_power():
    """t38t3 3: 30 cutoffs one step apart at horizon 10 are read against t at 1 degree of freedom (decision 655, on
    purpose); the line now says what raises the test's power: cutoffs a horizon apart, or more windows (decision 2043)."""
    m = {**_backtest_metrics(0.2, origins=30, lags=9), "step": 1, "horizon": 10}
    m["significance"]["repeat"].update(terms=1, df=1)
    sentence = backtest_verdict(m)[1]
    assert sentence.endswith(" At 1 degree of freedom the test has little power: cutoffs at least a horizon apart "
                             "(--step 10, step=10) share no target, so the paired t-test reads them at one less than "
                             "their count, and more windows (--n-windows) add degrees of freedom either way.")
    m["significance"]["repeat"].update(terms=8, df=8)
    assert "little power" not in backtest_verdict(m)[1]
    assert "little power" not in backtest_verdict(_backtest_metrics(0.2))[1]  # the paired t-test: no overlap


def test_a_backtests_zero_actuals_reach_its_verdict_as_evaluates_do():
    """t39t2 2 (decision 2128): bt1's quantile model of intermittent demand (1128 of 2520 values 0) was judged by its
    median's MSE against the training mean without a word; ``backtest_test`` carries ``zero_actuals`` (its
    ``median`` finding) for the verdict's sentence on the median and the hint beside it, as evaluate's result does."""
    from rnncast.backtestverdict import backtest_test

    zeros = {"values": 2520, "zeros": 1128, "median": [{"target": "sales", "values": 2520, "zeros": 1128,
                                                        "actual_sum": 10238.0, "forecast_sum": 8746.4}]}
    assert backtest_test({**_backtest_metrics(0.2), "zero_actuals": zeros})["zero_actuals"] == zeros
    assert "zero_actuals" not in backtest_test(_backtest_metrics(0.2))
