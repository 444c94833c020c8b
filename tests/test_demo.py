"""The two demos (``demo.py``): the sine wave with RNN, LSTM and GRU side by side, with the highway
and each cell alone, compared model against model; and the second tutorial's regression task as it
was set up and with ``x`` known at forecast time; each writes a run directory per model and a
summary page that states the settings other than the defaults. ``tiny_demos`` serves
test_cli_demoing.py too."""

from __future__ import annotations

import functools
import html
import json

import numpy as np
import pandas as pd
import pytest

from rnncast import Forecaster, datasets, demo, demopage, demotext
from rnncast.demofolders import PAST_ONLY


def shrink(monkeypatch) -> None:
    """The demos with data and settings small enough for a test (their own train for a minute)."""
    monkeypatch.setattr(demo, "SINE_SETTINGS", dict(lookback=12, horizon=1, hidden_size=4, epochs=1, batch_size=64, lr=1e-2))
    monkeypatch.setattr(demo, "REGRESSION_SETTINGS", {**demo.REGRESSION_SETTINGS, "hidden_size": 4, "num_layers": 1,
                                                      "epochs": 2, "batch_size": 64})
    monkeypatch.setattr(datasets, "sine_wave", functools.partial(datasets.sine_wave, n=300))
    monkeypatch.setattr(datasets, "aligned_regression", functools.partial(datasets.aligned_regression, n=200))


@pytest.fixture
def tiny_demos(monkeypatch):
    shrink(monkeypatch)


def _tiny(tmp_path_factory, name: str, **data):
    """The demo ``name`` made tiny, once: its result and its folder. ``data``: more of the sine wave's
    arguments (its noise)."""
    out = tmp_path_factory.mktemp(name)
    with pytest.MonkeyPatch.context() as monkeypatch:
        shrink(monkeypatch)
        if data:
            monkeypatch.setattr(datasets, "sine_wave", functools.partial(datasets.sine_wave, n=300, **data))
        return getattr(demo, name)(out, device="cpu"), out


SINE_NOISE = 0.2  # the tiny sine demo's noise sd (the default is 0.05): its floor, 0.04, is the data's own


@pytest.fixture(scope="module")
def tiny_sine(tmp_path_factory):
    """One tiny sine demo (six models) that several tests read: its result and its folder. Its wave has
    noise sd ``SINE_NOISE``, so that test_the_noise_floor_comes_from_the_data reads the same run."""
    return _tiny(tmp_path_factory, "sine", noise=SINE_NOISE)


@pytest.fixture(scope="module")
def tiny_regression(tmp_path_factory):
    return _tiny(tmp_path_factory, "regression")


def test_the_sine_demo_trains_each_cell_with_the_highway_and_alone_and_writes_a_run_each(tiny_sine):
    result, tmp_path = tiny_sine
    assert [(r.group, r.name) for r in result.rows] == [(g, c) for g in ("highway on", "cells alone") for c in ("RNN", "LSTM", "GRU")]
    folders = ["rnn", "lstm", "gru", "rnn-alone", "lstm-alone", "gru-alone"]
    assert {p.name for p in tmp_path.iterdir()} == set(folders) | {
        "loss-highway-on.png", "forecast-highway-on.png", "loss-cells-alone.png", "forecast-cells-alone.png",
        "summary.json", "report.html"}
    for row, folder in zip(result.rows, folders):
        test = json.loads((tmp_path / folder / "metrics.json").read_text())["test"]["original"]
        assert row.mse == pytest.approx(test["model"]["mse"]) and row.repeat_mse == pytest.approx(test["repeat"]["mse"])
        params = Forecaster.load(tmp_path / folder).get_params()
        assert row.parameters > 0 and params["cell"] == folder.split("-")[0] and params["highway"] is (row.group == "highway on")
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert [(r["group"], r["name"]) for r in summary["rows"]] == [(r.group, r.name) for r in result.rows]


def test_the_sine_demo_fits_on_its_datas_clock_so_its_runs_forecast_on_it(tiny_sine):
    """Fitted without the wave's t column (recorded not used), a demo run's forecast of the data's last rows was row 0
    of them, where the README's own fit of the same data (--time-col t) labels it as the step after the last t."""
    result, tmp_path = tiny_sine
    data = datasets.sine_wave(n=300, noise=SINE_NOISE)
    for folder in ("lstm", "rnn-alone"):
        config = json.loads((tmp_path / folder / "config.json").read_text())["run"]
        assert config["time_col"] == "t" and "t" not in config["not_used"]
        forecast = Forecaster.load(tmp_path / folder).predict(data.tail(100))
        assert forecast.index.tolist() == [300], forecast


def test_the_sine_demo_names_a_winner_or_a_tie_per_group_from_the_dm_test(tiny_sine):
    result, tmp_path = tiny_sine
    assert [c.group for c in result.comparisons] == ["highway on", "cells alone"]
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    for c in result.comparisons:
        assert len(c.pairs) == 3 and c.sentence in result.findings and html.escape(c.sentence) in page
        assert (c.winner is None) == ("wins" not in c.sentence)
        assert c.winner is None or all(p["differs"] for p in c.pairs if c.winner in (p["a"], p["b"]))
    assert "Holm" in page and "Diebold–Mariano" in page
    assert result.lesson.startswith("What the cells alone show") and html.escape(result.lesson) in page
    assert "each forecast is the last value in the window + the cell's correction" in result.lesson


def test_the_sine_page_says_what_each_forecast_is_built_from_and_draws_each_cells_error(tiny_sine):
    """The page said "with the cell alone, every forecast comes from the cell", though window_norm='last' adds the
    last value back; and its forecast figure drew the three cells on one another, repeat-last hidden under them."""
    result, tmp_path = tiny_sine
    assert demo.SINE_SETTINGS.get("window_norm", Forecaster().window_norm) == "last"  # what LEVEL_NOTE says
    page = html.unescape((tmp_path / "report.html").read_text(encoding="utf-8"))
    assert ("With the linear highway (the defaults), each forecast = the last value in the window + a linear map of the "
            "window's values of the target (the linear highway) + the cell's correction.") in page
    assert "With the highway off (the cells alone), each forecast = the last value in the window + the cell's correction." in page
    assert demotext.LEVEL_NOTE in page and "every forecast comes from the cell" not in page
    # "Each network sees 50 steps and predicts the next, twice" read as horizon 2: the two configurations said plainly
    assert ("Each cell (RNN, LSTM, GRU) is trained in two configurations, with the linear highway and without it; every "
            "network sees a window of 12 steps (its lookback) and predicts the next one (horizon 1).") in page
    assert "predicts the next, twice" not in page  # the glossary's Diebold–Mariano entry says "twice the horizon"
    for c in result.comparisons:  # a verdict under the demo's settings says so
        assert c.sentence.startswith(f"With the {c.group} and the same settings (window_norm='last'), ")
    assert ("A noiseless sine's next value follows from its last two (y(t+1) = 2 cos(0.1) y(t) - y(t-1)) and each "
            "12-step window holds 12 of the 63 steps of one period, so no cell needs a long memory here: this demo does "
            "not test the gates' advantage on long-term dependencies; rnncast demo memory does (a delayed echo at a "
            "short and a long lag).") in result.lesson and result.lesson in page
    assert "Which of these trained networks forecasts these test rows best?" in page

def test_the_noise_floor_comes_from_the_data(tiny_sine):
    assert datasets.sine_wave(n=50).attrs["noise_floor_mse"] == pytest.approx(0.05 ** 2)
    result, tmp_path = tiny_sine  # its wave's noise has sd 0.2 (SINE_NOISE)
    assert all(r.floor_mse == pytest.approx(0.04) for r in result.rows)
    head, *rows = demopage.summary_table(result.rows)
    ratio = head.index("× floor")
    assert [float(r[ratio]) for r in rows] == pytest.approx([r.mse / 0.04 for r in result.rows], abs=0.006)
    assert any("noise has sd 0.2" in f and "0.04" in f for f in result.findings)
    assert "expected MSE of 0.04" in (tmp_path / "report.html").read_text(encoding="utf-8")


def test_the_sine_pages_glossary_says_the_words_its_text_and_figures_use(tiny_sine):
    """It used "scaled units" (the loss figures) and a window of 50 steps, its lookback, and defined neither."""
    page = (tiny_sine[1] / "report.html").read_text(encoding="utf-8")
    glossary = page[page.index("Words on this page"):]
    assert "<b>scaled units</b>" in glossary and "<b>lookback</b>" in glossary and "(its lookback)" in page


def test_timings_are_per_epoch_beside_the_epochs_run(tiny_sine):
    result, tmp_path = tiny_sine
    head, *rows = demopage.summary_table(result.rows)
    assert "s/epoch (median)" in head and "epochs (best)" in head and "train s" not in head
    for row, line in zip(result.rows, rows):
        folder = row.name.lower() + ("" if row.group == "highway on" else "-alone")
        seconds = pd.read_csv(tmp_path / folder / "history.csv")["seconds"]  # the run's own history
        assert row.epochs == len(seconds) and row.seconds_per_epoch == pytest.approx(float(seconds.median()), rel=1e-6)
        assert line[head.index("epochs (best)")] == f"{row.epochs} ({row.best_epoch or '0: untrained'})"


def test_the_regression_demo_runs_the_task_as_given_and_with_x_known(tiny_regression):
    result, tmp_path = tiny_regression
    rows = result.rows
    assert [r.name for r in rows] == ["x's past (the tutorial's input)", "x's past and x at the target's time step"]
    for folder in ("past-only", "future-known"):  # x alone, as the tutorial fed it: y never read (README's settings)
        params = Forecaster.load(tmp_path / folder).get_params()
        assert Forecaster.load(tmp_path / folder).net_.encoder.input_size == 1  # x alone; y's column is not read
        assert (params["target_input"], params["highway"], params["window_norm"]) == (False, False, "none")
    assert np.isfinite([r.r2 for r in rows]).all()
    assert Forecaster.load(tmp_path / "past-only").get_params()["future_known"] is False
    assert Forecaster.load(tmp_path / "future-known").get_params()["future_known"] is True
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert demotext.WHY_NOT[:40] in page and page.count("data:image/png;base64,") == 2
    assert html.escape(demotext.RANDOM_SPLIT) in page and "train_test_split" in page  # the tutorial's split, and why not


def test_the_demo_pages_name_and_link_each_models_run_folder(tiny_regression, tiny_sine):
    """The page said "Each model's own run directory (a sub-folder here)" and named none of them."""
    for (_, folder), names in ((tiny_regression, ["past-only", "future-known"]),
                               (tiny_sine, ["rnn", "lstm", "gru", "rnn-alone", "lstm-alone", "gru-alone"])):
        page = (folder / "report.html").read_text(encoding="utf-8")
        for name in names:
            assert f"<a href='{name}/report.html'>" in page and (folder / name / "report.html").is_file()
    page = html.unescape((tiny_regression[1] / "report.html").read_text(encoding="utf-8"))
    assert f"{PAST_ONLY}: past-only/" in page


def test_the_regression_demo_says_what_it_teaches_and_where_the_scalers_statistics_come_from(tiny_regression):
    """summary.json's lesson was "" and the page never said that the scaler is fitted on the training rows alone
    (the tutorial fitted its own after a random split, on rows the test windows share)."""
    result, tmp_path = tiny_regression
    train = datasets.aligned_regression(n=200)["y"].iloc[:140]  # the tiny demo's data; 70% of its rows train
    assert f"y's first 140 rows span {train.min():.4g} to {train.max():.4g}" in result.lesson
    assert "the scaler's statistics come from the training rows only" in result.lesson
    past, known = result.rows
    assert result.lesson.startswith("What the two runs show.") and demopage.number(past.mse) in result.lesson
    assert json.loads((tmp_path / "summary.json").read_text())["lesson"] == result.lesson
    assert html.escape(result.lesson) in (tmp_path / "report.html").read_text(encoding="utf-8")


def test_the_regression_demo_states_every_setting_that_differs_from_the_defaults(tiny_regression, monkeypatch):
    result, tmp_path = tiny_regression
    shrink(monkeypatch)  # the settings it ran with
    defaults = Forecaster().get_params()
    changed = {k: v for k, v in {**demo.REGRESSION_SETTINGS, "device": "cpu"}.items() if defaults[k] != v}
    assert {"lookback", "lr", "window_norm", "patience", "scaler", "epochs", "target_input", "highway"} <= set(changed)
    common = result.settings[0]
    assert common.startswith("Settings other than the defaults, in every run: ")
    listed = [item.split(" ")[0] for item in common.removesuffix(".").split(": ", 1)[1].split(", ")]
    assert sorted(listed) == sorted(changed)  # every changed setting, and no other
    assert "future_known True" in result.settings[1] and f"{PAST_ONLY}: nothing else" in result.settings[1]
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert all(html.escape(line) in page for line in result.settings)
    for folder, extra in (("past-only", ""), ("future-known", "future_known True")):
        run_page = (tmp_path / folder / "report.html").read_text(encoding="utf-8")
        note = next(line for line in run_page.splitlines() if "Settings other than the defaults:" in line)
        assert all(f"{k} " in note for k in changed) and (extra in note)


def test_models_that_kept_their_untrained_network_are_said_so_in_the_table_findings_and_verdicts(tmp_path,
                                                                                                 monkeypatch):
    """The demo page showed "(0)" as a best epoch with no word, and its verdicts ranked such networks as cells: the
    table says "0: untrained", a finding per model says what a best epoch of 0 means, and each verdict says so."""
    shrink(monkeypatch)
    fit = Forecaster.fit

    def untrained(self, *args, **kwargs):  # as a fit whose epochs never beat the starting weights on validation
        model = fit(self, *args, **kwargs)
        model.history_ = [{**h, "best": False} for h in model.history_]
        return model

    monkeypatch.setattr(Forecaster, "fit", untrained)
    result = demo.sine(tmp_path, device="cpu")
    head, *rows = demopage.summary_table(result.rows)
    assert all(r[head.index("epochs (best)")].endswith("(0: untrained)") for r in rows)
    said = [f for f in result.findings if "best epoch 0 means that no epoch improved on the untrained network's" in f]
    assert said == [  # the models whose starting weights forecast the same, in one sentence
        "RNN (highway on), LSTM (highway on), GRU (highway on), RNN (cells alone), LSTM (cells alone) and GRU (cells "
        "alone): best epoch 0 means that no epoch improved on the untrained network's validation loss, so each model "
        "kept its starting weights, which forecast the window's last value (the 'repeat the last value' baseline); "
        "their scores are that forecast's, not what their cells learned (more epochs or a larger learning rate may "
        "change that)."]
    assert all(c.sentence.endswith(" RNN, LSTM and GRU kept their untrained networks (best epoch 0: no epoch improved "
                                   "on the untrained network's validation loss): their places in this verdict are "
                                   "those of the forecasts their networks start from, not of what their cells learned.")
               for c in result.comparisons)
    page = html.unescape((tmp_path / "report.html").read_text(encoding="utf-8"))
    assert "0: untrained" in page and said[0] in page and result.comparisons[0].sentence in page


def test_the_sine_page_links_each_figure_and_says_a_repeated_note_once(tiny_sine):
    """t34t4 1 and 7: the demo page's figures did not link to their PNGs (decision 1695), and its six runs' sections
    repeated one MAPE note twelve times (decision 1697)."""
    page = (tiny_sine[1] / "report.html").read_text(encoding="utf-8")
    for name in ("loss-highway-on.png", "forecast-highway-on.png", "loss-cells-alone.png", "forecast-cells-alone.png"):
        assert f"<figure><a href='{name}'" in page and (tiny_sine[1] / name).is_file()
    assert page.count("MAPE is dominated by values near 0") <= 2  # once a split at most


def test_the_regression_demo_gives_its_noise_floor_as_the_sine_and_memory_demos_do(tiny_regression):
    """t36t5 6 (decision 1905): the regression page reasoned from a noise floor of 0.01, but its summary.json said
    "floor_mse": null and its table had no '× floor' column, which the sine and memory demos have."""
    result, tmp_path = tiny_regression
    floor = datasets.aligned_regression(n=200).attrs["noise_floor_mse"]
    assert floor == pytest.approx(0.01) and all(r.floor_mse == pytest.approx(floor) for r in result.rows)
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert [r["floor_mse"] for r in summary["rows"]] == pytest.approx([floor, floor])
    head, *rows = demopage.summary_table(result.rows)
    assert [r[head.index("× floor")] for r in rows] == [demopage.times(r.mse / floor) for r in result.rows]
    assert any(f.startswith("Noise floor: y's noise has sd 0.1, so even the true relation (y = w x_t) as the forecast "
                            "scores an expected MSE of 0.01") for f in result.findings)
