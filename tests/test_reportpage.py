"""The report page (``reportpage.py``): the note on how MASE treated a series that never changes,
the metric table's numbers, a backtest's table. Where the --future-known hint stands on a run's page is test_verdicts.py;
the page in a real browser is scenarios/test_report_browser.py."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import pytest

from conftest import TINY, make_frame, make_panel
from rnncast import Forecaster
from rnncast.report import write_run


def test_the_page_says_how_mase_treated_a_series_that_never_changes(tmp_path):
    frame = make_panel(3, seed=2)
    frame.loc[frame["unique_id"] == frame["unique_id"].iloc[0], "y"] = 5.0  # constant: a zero naive error
    model = Forecaster(**TINY).fit(frame)
    metrics = write_run(tmp_path / "run", model, frame)
    assert np.isfinite(metrics["test"]["original"]["model"]["mase"])  # the pooled MASE stays defined
    page = html.unescape((tmp_path / "run" / "report.html").read_text())
    first = frame["unique_id"].iloc[0]
    assert f"1 series ('{first}'), whose rows before the cutoff never change" in page and "left out of MASE" in page
    assert "repeat exactly" not in page  # constant, not a pattern repeated (decision 909)


def test_the_metric_table_keeps_small_and_large_numbers_readable():
    from rnncast.reportpage import metric_rows

    metrics = {"test": {"windows": 3, "original": {"model": {"mse": 8.0549e-05, "mae": 24653147138.2618, "rmse": 0.009,
                                                           "r2": 0.5, "mase": 1.2}}}}
    row = metric_rows(metrics, "original")[1]
    assert "8.0549e-05" in row and "2.4653e+10" in row  # not 0.0001 and 24653147138.2618


def test_the_run_pages_tables_show_every_score_metrics_json_holds_pinball_and_coverage_included():
    """A quantile run's page dropped pinball, coverage_80, sMAPE and MAPE though metrics.json held them."""
    from rnncast.reportpage import metric_rows

    model = {"mse": 4.0, "mae": 1.5, "rmse": 2.0, "r2": 0.5, "smape_pct": 11.96, "mape_pct": 12.4, "mase": 0.9, "pinball": 56.04,
             "coverage_80": 0.9362, "coverage_50": 0.61}
    mean = {"mse": 9.0, "mae": 2.5, "rmse": 3.0, "r2": 0.0, "smape_pct": 17.6, "mape_pct": 19.6, "mase": 1.3}
    scaled = {"model": {k: v for k, v in model.items() if k not in ("smape_pct", "mape_pct")},
              "mean": {k: v for k, v in mean.items() if k not in ("smape_pct", "mape_pct")}}
    metrics = {"test": {"windows": 3, "original": {"model": model, "mean": mean}, "scaled": scaled}}
    head, row, baseline = metric_rows(metrics, "original", 52)
    assert head[3:] == ["MSE", "MAE", "RMSE", "R²", "MASE (season 52)", "sMAPE %", "MAPE %", "pinball", "coverage 80%",
                        "coverage 50%"]  # widest first, as every table (decision 2068)
    assert row[8:] == ["11.9600", "12.4000", "56.040", "0.9362", "0.6100"] and baseline[8:] == ["17.6000", "19.6000", "-", "-", "-"]  # decision 1814
    assert metric_rows(metrics, "scaled")[0][8:] == ["pinball", "coverage 80%", "coverage 50%"]  # no MAPE of z-scores


def test_a_runs_page_table_writes_each_score_as_fits_terminal_table_does():
    """fit's terminal table wrote MASE 0.9123 while the run page's wrote 0.91234: both now take ``scoretext``,
    so one run's numbers read alike on the terminal and on its page."""
    from rnncast.cli.commands import score_tables
    from rnncast.reportpage import metric_rows

    scores = {"mse": 1.0164e12, "mae": 93862.7833, "rmse": 1008173.0615, "r2": 0.123456, "mase": 0.91234}
    result = {"windows": 3, "original": {"model": scores, "mean": scores}, "scaled": {"model": scores, "mean": scores}}
    head, model, mean = metric_rows({"test": result}, "original")
    cells = ["1.0164e+12", "93863", "1008173", "0.1235", "0.9123"]
    assert model[3:] == cells and mean[1] == "baseline: training mean"
    terminal = score_tables(result, 1).splitlines()
    assert any(line.split()[-5:] == cells and line.startswith("baseline: training mean") for line in terminal)


@pytest.mark.parametrize("freq, fmt, shown", [
    ("W-SUN", None, "2001-04-01 / 2001-06-03 / 2001-10-07"),
    ("h", None, "2000-01-04 17:00:00 / 2000-01-05 02:00:00 / 2000-01-05 20:00:00"),  # was 2000-01-04T17:00:00
    ("h", "%Y-%m-%d %H:%M", "2000-01-04 17:00 / 2000-01-05 02:00 / 2000-01-05 20:00"),  # the data's own form
    ("MS", "%b %Y", "Jun 2007 / Mar 2008 / Sep 2009")])
def test_the_split_dates_read_as_the_data_writes_its_times(freq, fmt, shown):
    """Hours showed as ISO text with a T where every other message and the forecast file write the
    data's own form."""
    import pandas as pd

    from rnncast.reportpage import run_blocks

    n = 93
    time = pd.date_range("2000-01-02" if freq != "MS" else "2002-01-01", periods=n, freq=freq)
    frame = pd.DataFrame({"time": time.strftime(fmt) if fmt else time, "y": np.sin(np.arange(n) / 3.0)})
    model = Forecaster(**TINY).fit(frame, target="y")
    tables = [b[1] for b in run_blocks(model, {}, "f.csv", None) if b[0] == "table"]
    facts = dict(next(t for t in tables if t[0] == ["setting", "value"])[1:])
    assert facts["dates: validation from / test from / last"] == shown


def test_a_fit_without_validation_rows_gives_no_validation_date():
    """With val_frac 0 the page said "validation from 2020-06-09" beside rows [160, 160) (a tester's finding, 563)."""
    import pandas as pd

    from rnncast.reportpage import run_blocks

    frame = pd.DataFrame({"time": pd.date_range("2020-01-01", periods=120), "y": np.sin(np.arange(120) / 3.0)})
    model = Forecaster(**{**TINY, "val_frac": 0.0}).fit(frame, target="y")
    tables = [b[1] for b in run_blocks(model, {}, "f.csv", None) if b[0] == "table"]
    facts = dict(next(t for t in tables if t[0] == ["setting", "value"])[1:])
    assert facts["dates: validation from / test from / last"].startswith("- / ")


def test_settings_a_run_did_not_use_as_named_say_so_on_its_page():
    """A quantile run listed loss 'mse' (it trained on pinball) and future_known False beside its
    future covariates; a newcomer read the page as contradicting itself."""
    import pandas as pd

    from rnncast.reportpage import run_blocks

    n = 200
    frame = pd.DataFrame({"time": pd.date_range("2000-01-01", periods=n, freq="D"), "y": np.sin(np.arange(n) / 3.0),
                          "price": np.cos(np.arange(n) / 3.0)})
    model = Forecaster(**TINY, quantiles=(0.1, 0.5, 0.9)).fit(frame, target="y", future_covariates=["price"])
    tables = [b[1] for b in run_blocks(model, {}, "f.csv", None) if b[0] == "table"]
    facts = dict(next(t for t in tables if t[0] == ["setting", "value"])[1:])
    assert facts["loss"] == "'mse' (not used: a quantile head trains on the pinball loss)"
    assert facts["future_known"] == "False (the future-known covariates were named by future_covariates instead)"
    plain = Forecaster(**TINY).fit(frame, target="y")
    facts = dict(next(t for t in [b[1] for b in run_blocks(plain, {}, "f.csv", None) if b[0] == "table"]
                      if t[0] == ["setting", "value"])[1:])
    assert facts["loss"] == "'mse'" and facts["future_known"] == "False"


def test_the_page_counts_the_windows_of_every_part_the_training_ones_too(tmp_path):
    """The page listed the validation and test windows but not the training ones: a model trained
    on one window looked like any other."""
    import pandas as pd

    from rnncast.reportpage import run_blocks

    frame = pd.DataFrame({"date": pd.date_range("2015-01-31", periods=72, freq="ME"),
                          "y": np.sin(np.arange(72) * np.pi / 6)})
    model = Forecaster(**{**TINY, "lookback": 48, "epochs": 1}).fit(frame, target="y")
    metrics = write_run(tmp_path, model, frame)
    facts = dict(next(b[1] for b in run_blocks(model, metrics, "f.csv", None)
                      if b[0] == "table" and b[1][0] == ["setting", "value"])[1:])
    assert facts["windows: train / validation / test"] == "1 / 5 / 12"
    assert metrics["test"]["scored"]["trained_on"] == 1
    assert metrics["test"]["scored"]["text"].endswith("; the model was trained on 1 window")


def test_the_windows_column_counts_the_windows_scored_beside_all_of_them():
    from rnncast.reportpage import metric_rows

    scores = {"model": {"mse": 1.0, "mae": 1.0, "rmse": 1.0, "r2": 0.5, "mase": 1.0}}
    left = {"test": {"windows": 38, "scored": {"windows_scored": 27}, "original": scores}}
    assert metric_rows(left, "original")[1][2] == "27 scored of 38"
    whole = {"test": {"windows": 38, "scored": {"windows_scored": 38}, "original": scores}}
    assert metric_rows(whole, "original")[1][2] == "38"
    assert metric_rows({"test": {"windows": 3, "original": scores}}, "original")[1][2] == "3"


def test_the_data_table_names_the_static_covariates_beside_the_others():
    """A fit with static covariates listed features and past/future covariates, never the static ones."""
    import pandas as pd

    from rnncast.reportpage import run_blocks

    n = 120
    frame = pd.concat([pd.DataFrame({"store": s, "time": pd.date_range("2000-01-01", periods=n, freq="D"),
                                     "y": np.sin(np.arange(n) / 3.0) * size, "promo": np.arange(n) % 2, "size": size})
                       for s, size in (("a", 1.0), ("b", 3.0))])
    model = Forecaster(**TINY).fit(frame, target="y", id_col="store", past_covariates=["promo"],
                                   static_covariates=["size"])
    assert model.static_covariates_ == ["size"]
    tables = [b[1] for b in run_blocks(model, {}, "f.csv", None) if b[0] == "table"]
    facts = dict(next(t for t in tables if t[0] == ["setting", "value"])[1:])
    assert facts["static covariates"] == "size" and facts["past / future-known covariates"] == "promo / (none)"


def test_the_page_heads_mase_with_its_season_as_the_terminal_table_does():
    """The terminal said "MASE (season 12)" and the page "MASE" for the same scores."""
    import pandas as pd

    from rnncast.reportpage import run_blocks

    n = 120
    frame = pd.DataFrame({"y": np.sin(np.arange(n) * 2 * np.pi / 4) + np.arange(n) * 0.01})
    model = Forecaster(**{**TINY, "season": 4, "lookback": max(TINY["lookback"], 8)}).fit(frame, target="y")
    heads = [b[1][0] for b in run_blocks(model, {}, "f.csv", None) if b[0] == "table" and b[1][0][0] == "split"]
    assert len(heads) == 1 and "MASE (season 4)" in heads[0]  # one series: its scaled units only in metrics.json


def test_a_note_is_left_out_only_of_a_page_that_says_it_in_its_own_words():
    """"What rnncast noticed" left out every note that a fit's page says elsewhere, on every page, so a backtest's
    page (no untrained-network or divergence hint) lost them. Each page now leaves out what it says itself."""
    from rnncast.reportpage import noticed_blocks, said_elsewhere

    texts = ["no epoch improved on the untrained network's validation loss (MSE) 0.1, so ...",
             "training diverged in epoch 3 (training loss nan); kept ...",
             "this run ended when training diverged in epoch 3; its model keeps ...",
             "MASE has no in-sample scale for 'a': ...",
             "not used: size (to train on them, name them with past_covariates= or future_covariates= "
             "(--past-covariates, --future-covariates), or features='all' (--features all))",
             "not used: stamp (to train on them, name them with past_covariates= (--past-covariates)); 'stamp' looks "
             "like dates: to take it as the time, name it with time_col= (--time-col)",
             "not used: extra — the model reads y, x"]
    noticed = [{"level": "warning", "text": t} for t in texts]

    def shown(said) -> list[str]:
        blocks = noticed_blocks(noticed, said)
        return [item.removeprefix("Warning: ") for item in blocks[1][1]] if blocks else []

    assert shown(said_elsewhere()) == texts  # a page that says none of them: every note
    assert shown(said_elsewhere(mase=True, unused=["size"])) == texts[:3] + texts[5:]  # a backtest's page
    assert shown(said_elsewhere(untrained=True, diverged=True, mase=True, unused=["size"])) == texts[5:]  # a run's
    # the columns not used: left out where the page names exactly those, and the note says nothing more (a date)
    assert shown(said_elsewhere(mase=True, untrained=True, diverged=True, unused=["stamp"])) == texts[4:]
    assert noticed_blocks(noticed[:1], said_elsewhere(untrained=True)) == []  # nothing left: no section


def test_a_runs_page_leaves_out_only_the_notes_it_says_itself():
    """A fit whose epochs never beat the untrained network: its page's hint says so, and the note is left out."""
    from rnncast.reportpage import run_blocks

    frame = make_frame(200, feature=False, freq="D")
    model = Forecaster(**{**TINY, "lr": 1e-12}).fit(frame, target="y")
    notes = [{"level": "warning", "text": "no epoch improved on the untrained network's validation loss (MSE) 1, so the "
                                          "model is the untrained network: it forecasts the window's last value (the "
                                          "'repeat the last value' baseline); try a larger learning rate"},
             {"level": "warning", "text": "training diverged in epoch 2 (training loss nan); kept"}]
    blocks = run_blocks(model, {"test": model.evaluate(frame)}, "f", None, noticed=notes)
    [hint] = [b[1] for b in blocks if b[0] == "hint" and "untrained network" in b[1]]
    assert "it forecasts the window's last value (the 'repeat the last value' baseline);" in hint
    assert [b[1] for b in blocks if b[0] == "list"] == [["Warning: training diverged in epoch 2 (training loss nan); kept"]]


def test_a_runs_page_says_near_its_top_what_its_forecast_is_made_of():
    """Cells compared on a user's data mostly compared the linear highway, which the page named only in its settings
    table: the sentence now stands right after the verdict, made from the run's own settings."""
    from rnncast.reportpage import run_blocks

    frame = make_frame(200, feature=False, freq="D")
    for highway, said in ((True, "+ a linear map of the window's values of 'y' (the linear highway) + the GRU's correction"),
                          (False, "each forecast = the last value of 'y' in the window + the GRU's correction.")):
        model = Forecaster(**{**TINY, "cell": "gru", "highway": highway}).fit(frame, target="y")
        blocks = run_blocks(model, {"test": model.evaluate(frame)}, "f", None)
        texts = [b[1] if b[0] != "verdict" else b[2] for b in blocks]
        at = next(i for i, t in enumerate(texts) if isinstance(t, str) and t.startswith("How this model forecasts"))
        assert said in texts[at] and blocks[0][0] == "verdict" and at < texts.index("Metrics (original units)")


def test_the_sentence_names_the_covariates_the_window_and_the_forecast_step_give_the_cell():
    """A tester's find: a model fitted with --features x said "... + the LSTM's correction", x unmentioned, and a
    future-known one "(read from the window and the covariates known at the forecast step)", naming none."""
    from rnncast.reportpage import run_blocks

    frame = make_frame(200, freq="D")
    for known, said in ((False, "the LSTM's correction (read from the window's values of 'y' and the covariate 'x')."),
                        (True, "the LSTM's correction (read from the window's values of 'y' and the covariate 'x', "
                               "over the window and at the forecast step).")):  # not 'x', and 'x' (a learner's find)
        model = Forecaster(**{**TINY, "future_known": known}).fit(frame, target="y", features=["x"])
        blocks = run_blocks(model, {"test": model.evaluate(frame)}, "f", None)
        assert any(b[0] == "p" and b[1].startswith("How this model forecasts") and said in b[1] for b in blocks)


def test_a_pages_verdict_is_followed_by_the_model_against_each_baseline():
    """The page's red verdict named the seasonal naive forecast (p = 0.064); the model's wins over the other baselines
    (p = 1e-4, 7e-5) were in metrics.json alone. A table under the verdict gives each baseline's test."""
    from rnncast.reportpage import baseline_blocks, run_blocks
    from test_verdicts import LOAD

    [(kind, table)] = baseline_blocks(LOAD, "original")
    assert kind == "table" and table == [
        ["baseline", "beaten (lower MSE, p < 0.05)", "Diebold–Mariano p (one-sided: that the model is not better)", "the model's MSE against the baseline's",
         "the baseline's MSE (original units)"],
        ["repeat the last value", "yes", "0.00011", "91.2% lower", "15466"],
        ["training mean", "yes", "7.3e-05", "84.3% lower", "8719"],
        ["seasonal naive", "lower, not beyond chance", "0.064", "43.0% lower", "2398"]]
    frame = make_frame(200)
    model = Forecaster(**TINY).fit(frame, target="y")
    blocks = run_blocks(model, {"test": model.evaluate(frame)}, "f", None)
    assert blocks[0][0] == "verdict" and blocks[1][0] == "table" and blocks[1][1][0][0] == "baseline"


def test_a_runs_page_gives_the_untrained_networks_advice_the_fit_measured():
    """The page said "Try a larger learning rate" of a run that blew up (lr=10): it now gives the fit's warning, whose
    advice follows the losses measured; a page without it judges from the history alone."""
    from rnncast.reportpage import run_blocks

    frame = make_frame(200, feature=False, freq="D")
    model = Forecaster(**{**TINY, "lr": 1e-12}).fit(frame, target="y")
    warned = ("no epoch improved on the untrained network's validation loss (MSE) 0.2, so the model is the untrained "
              "network: it forecasts x; every epoch's validation loss was far above it (the lowest, 63, is 315 times it): "
              "training blew up; try a smaller learning rate (lr=, --lr, now 10)")
    blocks = run_blocks(model, {"test": model.evaluate(frame)}, "f", None, noticed=[{"level": "warning", "text": warned}])
    assert [b[1] for b in blocks if b[0] == "hint" and "untrained network" in b[1]] == ["N" + warned[1:] + "."]
    [hint] = [b[1] for b in run_blocks(model, {}, "f", None) if b[0] == "hint" and "untrained network" in b[1]]
    assert "; try a larger learning rate (lr=, --lr, now 1e-12) or more epochs and patience" in hint


def test_a_runs_page_says_under_its_metrics_where_mape_and_smape_meet_actual_zeros():
    from rnncast.reportpage import run_blocks

    frame = pd.DataFrame({"y": np.maximum(np.sin(0.3 * np.arange(300)), 0) * 10})
    model = Forecaster(**{**TINY, "epochs": 1}).fit(frame, target="y")
    blocks = run_blocks(model, {"test": model.evaluate(frame)}, "f", None)
    start = blocks.index(("h2", "Metrics (original units)"))
    assert any(b[0] == "p" and b[1].startswith("MAPE is over the ") for b in blocks[start:start + 4])


def test_a_runs_page_of_one_series_shows_its_scores_once_a_panels_in_both_units():
    """One series' page had a second table, "Metrics (scaled units)", of the same scores divided by one number (R² and
    MASE alike): it now keeps the original one and says where the scaled ones are; a panel's keeps both, its verdict's
    units among them."""
    from rnncast.reportpage import run_blocks

    frame = make_frame(200)
    model = Forecaster(**{**TINY, "epochs": 1}).fit(frame, target="y")
    blocks = run_blocks(model, {"val": model.evaluate(frame, part="val"), "test": model.evaluate(frame)}, "f", None)
    heads = [b[1] for b in blocks if b[0] == "h2" and b[1].startswith("Metrics")]
    assert heads == ["Metrics (original units)", "Metrics by step ahead (test split)"]  # by step: decision 2030
    assert any(b[0] == "p" and "metrics.json" in b[1] and "scaled" in b[1] for b in blocks)
    panel = make_panel(3, seed=2)
    model = Forecaster(**{**TINY, "epochs": 1}).fit(panel)
    heads = [b[1] for b in run_blocks(model, {"test": model.evaluate(panel)}, "f", None) if b[0] == "h2"]
    assert "Metrics (original units)" in heads and "Metrics (scaled units)" in heads


def test_the_pages_say_where_static_covariates_came_from():
    """A tester's finding: a run fitted on --static static.csv, a backtest reading the values its model holds and one
    given another table all said only "static covariates | size, region"; each now says where the values came from."""
    from rnncast.reportpage import run_blocks

    frame = make_panel(3, seed=2)
    ids = sorted(frame["unique_id"].unique())
    table = pd.DataFrame({"unique_id": ids, "size": [1.0, 2.0, 3.5], "region": ["n", "s", "n"]})

    def facts(blocks):
        return dict(next(b[1] for b in blocks if b[0] == "table" and b[1][0] == ["setting", "value"])[1:])

    model = Forecaster(**TINY).fit(frame, static_covariates=table)
    on_file = facts(run_blocks(model, {}, "f.csv", None, static_file="static.csv"))["static covariates"]
    assert on_file == "size, region (categories), from the table static.csv"
    assert facts(run_blocks(model, {}, "f.csv", None))["static covariates"].endswith(", from a table given to fit")
    columns = Forecaster(**TINY).fit(frame.merge(table), static_covariates=["size", "region"])
    assert facts(run_blocks(columns, {}, "f.csv", None))["static covariates"] == "size, region (categories)"


def test_a_runs_data_table_names_its_id_and_time_columns():
    """A Korean analyst's finding: the run page's "Data and settings" named neither the id column (지점) nor the time
    column, which a backtest's page names and config.json holds."""
    from rnncast.reportpage import run_blocks

    frame = make_panel(2, seed=2).rename(columns={"unique_id": "지점", "ds": "날짜", "y": "매출"})
    model = Forecaster(**TINY).fit(frame, id_col="지점", target="매출", time_col="날짜")
    facts = dict(next(b[1] for b in run_blocks(model, {}, "f.csv", None)
                      if b[0] == "table" and b[1][0] == ["setting", "value"])[1:])
    assert facts["id column"] == "지점" and facts["time column"] == "날짜"
    one = Forecaster(**TINY).fit(np.sin(np.arange(120) / 5.0))
    facts = dict(next(b[1] for b in run_blocks(one, {}, "f.csv", None)
                      if b[0] == "table" and b[1][0] == ["setting", "value"])[1:])
    assert "id column" not in facts and facts["time column"] == "(none: rows numbered)"


def test_the_pages_verdict_and_baseline_table_quote_mses_as_its_metric_table_writes_them(tmp_path):
    """A tester's page (1230): the verdict said 35.81 beside the table's 35.8. The page's table holds the validation
    rows too, so the verdict and the baseline table quote the test MSEs in the notation of that whole column."""
    from rnncast.reportpage import run_blocks

    frame = make_frame(200)
    model = Forecaster(**TINY).fit(frame, target="y")
    metrics = write_run(tmp_path, model, frame)
    metrics["val"]["original"]["repeat"]["mse"] = 1.234e-6  # a tiny validation MSE: the column keeps 8 decimals
    blocks = run_blocks(model, metrics, "f.csv", None)
    table = next(b[1] for b in blocks if b[0] == "table" and b[1][0][0] == "split")
    shown = {row[1]: row[3] for row in table[1:] if row[0] == "test"}
    verdict = next(b[2] for b in blocks if b[0] == "verdict")
    assert f" {shown['model']} against " in verdict and len(shown["model"].split(".")[1]) == 8
    baselines = next(b[1] for b in blocks if b[0] == "table" and b[1][0][0] == "baseline")
    assert {row[-1] for row in baselines[1:]} <= set(shown.values())


def test_a_seasonal_naive_whose_forecast_reads_other_bars_says_so_in_the_table():
    """Decision 1787: the page's table said 'yes' beside a seasonal naive baseline that read another time of day in
    every window (season 144 on 128 bars a week)."""
    from rnncast.reportpage import baseline_blocks
    from test_verdicts import LOAD

    shifted = {**LOAD, "scored": {"seasonal_shifted": {"windows": 3, "of": 9, "text": "..."}}}
    [(_, table)] = baseline_blocks(shifted, "original")
    assert table[3][:2] == ["seasonal naive", "lower, not beyond chance (its forecast reads another time of day in 3 "
                                              "of the 9 windows)"]
    assert table[1][1] == "yes"


def test_a_parts_windows_left_out_for_the_season_are_counted_where_its_row_is_shown():
    """t35t7 M4: lookback 8, season 52: the page's val row said "27" windows and its MSE 0.168, while early stopping's
    loss curve read all 31 (0.213): the row now says both counts and why (decision 1857)."""
    from rnncast.reportpage import metric_rows

    block = {"model": {"mse": 1.0, "mae": 1.0, "rmse": 1.0, "r2": 0.5, "mase": 1.2}}
    season = {"windows": 4, "of": 31, "series": 2, "season": 52, "series_ids": [], "text": "..."}
    metrics = {"val": {"windows": 27, "scored": {"season_left_out": season}, "original": block},
               "test": {"windows": 69, "original": block}}
    rows = metric_rows(metrics, "original")
    assert rows[1][2] == "27 scored of 31 (4 without a season of steps before them)" and rows[2][2] == "69"
    metrics["val"]["scored"]["windows_scored"] = 25  # fill left two more out
    assert metric_rows(metrics, "original")[1][2] == "25 scored of 31 (4 without a season of steps before them)"


def _yearly_weeks(tmp_path=None):
    """80 weekly rows with season 52 and lookback 8: no training window has the seasonal naive's 9 errors, so its
    interval is given nowhere (decision 1875); the model fitted on them, with quantiles."""
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"date": pd.date_range("2020-01-05", periods=80, freq="W-SUN"),
                          "y": 10 + 3 * np.sin(2 * np.pi * np.arange(80) / 52) + rng.normal(0, 0.5, 80)})
    model = Forecaster(**{**TINY, "lookback": 8, "horizon": 4, "season": 52, "quantiles": (0.1, 0.5, 0.9),
                          "epochs": 1}).fit(frame, target="y", time_col="date")
    return frame, model


def test_a_runs_page_says_of_each_split_what_a_baselines_interval_scores_leave_out():
    """r36r1 4 (decision 1910): the page said the test part's note alone, so a validation row's seasonal naive pinball
    of fewer values than the model's sat unexplained; now each split shown says its own."""
    from rnncast.reportpage import run_blocks

    frame, model = _yearly_weeks()
    result = model.evaluate(frame)
    notes = [b[1] for b in run_blocks(model, {"val": result, "test": result}, "f", None) if b[0] == "p"]
    said = [n for n in notes if "baseline has no interval at" in n]
    assert len(said) == 2 and said[0].startswith("On the validation split, the 'seasonal naive' baseline has no")
    assert said[1].startswith("On the test split, the 'seasonal naive' baseline has no interval at")
    alone = [b[1] for b in run_blocks(model, {"test": result}, "f", None) if b[0] == "p"]
    assert [n for n in alone if "baseline has no interval at" in n][0].startswith("The 'seasonal naive' baseline")


def test_a_baseline_row_whose_intervals_rest_on_fewer_windows_says_how_many_in_its_windows_cell():
    """t37t1 7 (decision 1993): the seasonal naive's test row said "47 scored of 51" while its pinball loss and
    coverage rest on 42 windows (168 values); the note above said so, the cell did not."""
    from rnncast.reportpage import metric_rows

    point = {"mse": 1.0, "mae": 1.0, "rmse": 1.0, "r2": 0.5, "mase": 1.0, "pinball": 0.3, "coverage_80": 0.8}
    left = {"values": 20, "of": 188, "windows": 5, "of_windows": 47, "series": 1, "of_series": 3, "fewest": 19}
    block = {"model": point, "repeat": point, "seasonal": {**point, "intervals_left_out": left},
             "mean": {**point, "pinball": float("nan"), "intervals_left_out": {**left, "values": 188, "windows": 47}},
             "climatology": {**point, "intervals_left_out": {**left, "windows": 0}}}
    rows = metric_rows({"test": {"windows": 51, "scored": {"windows_scored": 47}, "original": block}}, "original")
    cells = {row[1]: row[2] for row in rows[1:]}
    assert cells["model"] == cells["baseline: repeat the last value"] == "47 scored of 51"
    assert cells["baseline: seasonal naive"] == "47 scored of 51 (intervals: 42)"
    assert cells["baseline: training mean"] == "47 scored of 51"  # none scored: its cells say "-"
    assert cells["baseline: climatology"] == "47 scored of 51 (intervals: 168 of 188 values)"


def test_a_seasonal_naive_without_any_forecast_is_a_dash_on_the_page_with_the_line_saying_why():
    """Decision 2029: the page's score table wrote ``nan`` where metrics.json holds null."""
    from rnncast import seasonalgaps
    from rnncast.reportpage import metric_rows

    scores = {"mse": 1.0, "mae": 1.0, "rmse": 1.0, "r2": 0.5, "mase": 1.2}
    gone = {**dict.fromkeys(scores, float("nan")), "values_left_out": {"values": 12, "of": 12, "model": {}}}
    metrics = {"test": {"windows": 5, "original": {"model": scores, "seasonal": gone}}}
    rows = metric_rows(metrics, "original", 7)
    assert rows[2][3:] == ["-"] * 5 and "nan" not in str(rows)
    assert seasonalgaps.dash_note([metrics["test"]["original"]], 7).endswith("(null in metrics.json) and no verdict "
                                                                             "weighs it.")


def test_the_coverage_and_msis_columns_are_in_one_order_in_every_table():
    """t38t7 7: the page's "Metrics (original units)" showed coverage 80% before 90%, the terminal's tables, the
    page's by-step table and by_step.csv 90% before 80% (decision 2068): widest first everywhere."""
    from rnncast.cli.commands import score_tables
    from rnncast.reportpage import metric_rows
    from rnncast.stepbins import step_frame, step_rows

    def scores(x):  # narrowest first, as a block read back from elsewhere may hold them
        return {"mse": x, "mae": x, "rmse": x, "r2": 0.1, "mase": x, "pinball": x, "coverage_80": 0.8, "coverage_90": 0.9,
                "msis_80": 3.0, "msis_90": 4.0}

    point = {"mse": 2.0, "mae": 1.0, "rmse": 1.4, "r2": 0.0, "mase": 1.1}
    part = {"windows": 2, "original": {"model": scores(1.0), "repeat": point},
            "by_step": [{"step": s, "model": scores(1.0), "repeat": point} for s in (1, 2)], "mase_season": 1}
    order = ["coverage 90%", "coverage 80%", "MSIS 90%", "MSIS 80%"]
    assert metric_rows({"test": part}, "original")[0][-4:] == order  # the page's overall table
    assert step_rows(part)[0][-4:] == order  # the page's (and the terminal's) by-step table
    assert list(step_frame(part["by_step"]).columns)[-4:] == ["coverage_90", "coverage_80", "msis_90", "msis_80"]
    terminal = score_tables(part, 1, units="original")
    assert all(line.index("coverage 90%") < line.index("coverage 80%") < line.index("MSIS 90%") < line.index("MSIS 80%")
               for line in terminal.splitlines() if "coverage 90%" in line)
    assert sum("coverage 90%" in line for line in terminal.splitlines()) == 2  # overall and by step


def test_a_diverged_final_fits_page_points_to_no_scores_below(monkeypatch):
    """Decision 2159: a final fit without validation rows has no scores on its page, yet a diverged one's hint said
    "the scores below are that epoch's"; its highway sentence names a backtest's scores too."""
    from rnncast import finalfit, reportpage

    frame = make_frame(120, feature=False, freq="D")
    model = Forecaster(**{**TINY, "epochs": 1}, test_frac=0, val_frac=0).fit(frame, target="y")
    monkeypatch.setattr(reportpage, "divergence_text", lambda f: "training diverged in epoch 2; the model keeps epoch 1")
    hints = [b[1] for b in reportpage.run_blocks(model, {"test": None, **finalfit.record(0.0)}, "f", None)
             if b[0] in ("hint", "p")]
    [hint] = [h for h in hints if "diverged" in h]
    assert "kept its best finished epoch. A lower learning rate" in hint and "scores below" not in hint
    assert any("the scores of a backtest of these settings weigh both" in h for h in hints)
    scored = Forecaster(**{**TINY, "epochs": 1}).fit(frame, target="y")
    [hint] = [b[1] for b in reportpage.run_blocks(scored, {"test": scored.evaluate(frame)}, "f", None)
              if b[0] == "hint" and "diverged" in b[1]]
    assert "kept its best finished epoch; the scores below are that epoch's. A lower" in hint
