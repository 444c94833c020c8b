"""One model at one horizon of ``rnncast bench`` (``bench/measure.py``): its training settings
(LTSF-Linear's recipe for the linear models, the Forecaster's settings with ``--set`` for the
recurrent ones), and its row of results.csv, scored beside Repeat on the same windows, with its
forecast figure written. On a synthetic series shaped as an ETT file, so no data file is needed."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from rnncast.bench import identity, results
from rnncast.bench.measure import run_one, train_config
from rnncast.bench.plan import Plan
from rnncast.bench.tables import BenchData
from rnncast.bench.runners import run_setting
from rnncast.windows import Split

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
L, H = 8, 4


def _plan(tmp_path, **changes) -> Plan:
    (tmp_path / "ETTh1.csv").write_text("date,OT\n")  # the file whose identity the rows record
    settings = dict(data=tmp_path / "ETTh1.csv", protocol="ett", target="OT", mode="S", lookback=L, horizons=(H,), models=("repeat", "nlinear"),
                    drop_last=None, out=tmp_path, seed=0, threads=1, quick=False, plots=True, linear_epochs=1)
    return Plan(**{**settings, **changes})


@pytest.fixture(scope="module")
def ett() -> BenchData:
    """400 rows of a daily cycle, split 240 / 80 / 80, as one channel 'OT'."""
    values = np.sin(2 * np.pi * np.arange(400) / 24)[:, None]
    return BenchData("ETTh1", "S", ["OT"], Split(train_end=240, val_end=320, end=400), values, (0,), None)


@pytest.fixture(scope="module")
def repeat(ett) -> np.ndarray:
    return run_setting(ett.values, ett.target_idx, ett.split, L, H, "repeat")


def test_training_settings_of_linear_and_recurrent_models(tmp_path):
    plan = _plan(tmp_path, forecaster={"epochs": 2}, per_cell={"lstm": {"hidden_size": 8}}, linear_epochs=None)
    calls = []
    lstm = train_config(plan, "ETTh1", "lstm", H, calls.append)
    assert lstm.options["forecaster"] == {"epochs": 2, "hidden_size": 8} and lstm.options["on_fit"] == calls.append
    assert train_config(plan, "ETTh1", "gru", H, None).options["forecaster"] == {"epochs": 2}  # the lstm's own setting stays its own
    linear = train_config(plan, "ETTh1", "nlinear", H, None)
    assert (linear.epochs, linear.batch_size, linear.learning_rate) == (10, 32, 0.005)  # LTSF-Linear's recipe
    exchange = train_config(plan, "exchange_rate", "dlinear", 96, None)  # its script's batch and lr
    assert (exchange.epochs, exchange.batch_size, exchange.learning_rate) == (10, 8, 0.0005)
    assert train_config(_plan(tmp_path), "ETTh1", "nlinear", H, None).epochs == 1


def test_repeats_row_scores_all_test_windows_and_draws_its_figure(tmp_path, ett, repeat):
    row = run_one(_plan(tmp_path), ett, "repeat", H, repeat, "rnncast bench ett")
    assert tuple(row) == results.CSV_COLUMNS
    assert (row["dataset"], row["L"], row["H"], row["model"]) == ("ETTh1", L, H, "repeat")
    assert json.loads(row["settings"]) == {"split": {"train": [0, 239], "validation": [240, 319], "test": [320, 399]}}
    assert row["windows"] == 80 - H + 1 and row["test_windows"] == "all" and row["windows_drop_last"] == 64
    assert row["mse"] == row["repeat_mse"] and row["beats_repeat"] == ""
    assert (tmp_path / results.plot_name(row)).read_bytes()[:8] == PNG_SIGNATURE
    assert row["seed"] == "" and results.plot_name(row).startswith(f"forecast_ETTh1_S_OT_L{L}_H{H}_repeat_")  # nothing seeds it
    assert "seed" not in results.plot_name(row)


def test_a_trained_models_row_with_the_published_drop_last_windows(tmp_path, ett, repeat):
    row = run_one(_plan(tmp_path, drop_last=32, plots=False), ett, "nlinear", H, repeat, "rnncast bench ett")
    assert row["test_windows"] == "drop-last-32" and row["windows"] == 64
    assert (row["mse"], row["mae"]) == (row["mse_drop_last"], row["mae_drop_last"]) and row["mse_all"] != row["mse"]
    assert row["beats_repeat"] == ("yes" if row["mse"] < row["repeat_mse"] else "no")  # not a tie: it trained
    assert json.loads(row["settings"])["epochs"] == 1 and not list(tmp_path.glob("*.png"))


def test_the_recipe_is_that_of_the_table_held_not_of_the_files_name(tmp_path, ett):
    """A file named like a known table that holds another (BenchData.known None) takes ETTh1's recipe, the
    table it holds its own; its row records the file and whether it is the known table."""
    plan = _plan(tmp_path, drop_last="recipe")
    own, held = replace(ett, name="ETTm1"), replace(ett, name="ETTm1", known="ETTm1")
    assert (own.known, held.known) == (None, "ETTm1")  # the recipe is the known table's (measure.run_one)
    row = run_one(replace(plan, plots=False), held, "repeat", H, run_setting(ett.values, ett.target_idx, ett.split, L, H,
                                                                             "repeat"), "rnncast bench ltsf")
    assert (row["test_windows"], row["windows"]) == ("drop-last-recipe", 77 // 8 * 8)  # ETTm1's batch, not ETTh1's 32
    repeat = run_setting(ett.values, ett.target_idx, ett.split, L, H, "repeat")
    source = identity.Source("/data/ETTm1.csv", "0123456789ab")
    row = run_one(_plan(tmp_path, plots=False), held, "repeat", H, repeat, "rnncast bench ltsf", source)
    assert (row["data_file"], row["data_sha256"], row["known_table"]) == ("/data/ETTm1.csv", "0123456789ab", "yes")
    row = run_one(_plan(tmp_path, plots=False), own, "repeat", H, repeat, "rnncast bench ltsf")
    assert row["known_table"] == "no" and row["data_sha256"] == identity.source_of(tmp_path / "ETTh1.csv").sha256


def test_the_row_names_the_scored_columns_only_centred(tmp_path, ett, repeat):
    """results.csv kept no trace of a column constant on the training rows, whose errors are in the data's units:
    M rows name them (all columns are scored), S and MS rows none (their target is never constant)."""
    row = run_one(_plan(tmp_path, mode="M", constant=("OT",), plots=False), ett, "repeat", H, repeat, "rnncast bench")
    assert json.loads(row["unscaled_columns"]) == ["OT"]
    row = run_one(_plan(tmp_path, constant=("a",), plots=False), ett, "repeat", H, repeat, "rnncast bench")
    assert row["unscaled_columns"] == ""


def test_s_mode_takes_the_univariate_scripts_learning_rate(tmp_path):
    """ETTh2: LTSF-Linear's etth2.sh (M) trains with lr 0.05, univariate/etth2.sh (S) with 0.005."""
    for mode, lr in (("S", 0.005), ("M", 0.05), ("MS", 0.05)):
        config = train_config(_plan(tmp_path, mode=mode), "ETTh2", "nlinear", 96, None)
        assert (config.batch_size, config.learning_rate) == (32, lr)


def test_a_run_is_scored_on_the_windows_of_every_published_row_it_is_compared_with():
    """ILI M at H=36 has 158 test windows: LTSF-Linear's rows (and FEDformer's) were scored on the first 128, PatchTST's
    on the first 144 (its loader's batch of 16). The row keeps its scores on both, so that each published row is
    compared on its own windows; a table with no published rows keeps none."""
    from rnncast.bench.measure import published_windows_scores

    rng = np.random.default_rng(0)
    targets = rng.normal(size=(158, 36, 7))
    predictions = targets + rng.normal(scale=np.linspace(0.1, 2.0, 158)[:, None, None], size=targets.shape)
    ili = BenchData("national_illness", "M", [str(i) for i in range(7)], Split(676, 773, 966), np.zeros((966, 7)),
                    tuple(range(7)), None, protocol="custom", known="national_illness")
    scores = published_windows_scores(ili, "M", 36, predictions, targets)
    assert set(scores) == {"128", "144"}
    for k in (128, 144):
        assert scores[str(k)] == pytest.approx([((predictions[:k] - targets[:k]) ** 2).mean(),
                                                np.abs(predictions[:k] - targets[:k]).mean()], abs=1e-6)
    assert scores["144"][0] > scores["128"][0]  # the later windows' errors are larger here: other windows, other score
    assert published_windows_scores(replace(ili, known=None), "M", 36, predictions, targets) == {}


def test_the_threads_column_is_the_count_the_model_trained_with(tmp_path, ett, repeat):
    """results.csv said torch's count after training (bench's --threads) beside a model trained with another."""
    plan = _plan(tmp_path, models=("rnn",), forecaster={"epochs": 1, "max_batches": 1, "hidden_size": 4, "threads": 2},
                 plots=False)
    row = run_one(plan, ett, "rnn", H, repeat, "rnncast bench ett")
    assert row["threads"] == 2 == json.loads(row["settings"])["threads"]


def test_a_reading_setting_is_refused_before_any_model_trains(tmp_path, ett):
    """time_unit, which load_panel refuses on rows without times, was found only after Repeat's row was written."""
    from rnncast.bench.measure import check_settings
    from rnncast.errors import RnncastError

    with pytest.raises(RnncastError, match="time_unit"):
        check_settings(_plan(tmp_path, models=("repeat", "rnn"), forecaster={"time_unit": "s"}), ett)
    check_settings(_plan(tmp_path, models=("repeat", "rnn"), forecaster={"epochs": 1}), ett)


def test_the_settings_check_says_once_a_presets_segment_cut_to_the_lookback(tmp_path, ett):
    """segrnn's segment 48 was cut to L silently (ILI's L=36): said once per model, not per horizon; a segment given
    with --set is the user's and not said."""
    from rnncast.bench.measure import check_settings

    plan = _plan(tmp_path, models=("repeat", "segrnn", "lstm"), horizons=(H, 2 * H), forecaster={"epochs": 1})
    assert check_settings(plan, ett) == (
        f"segrnn: the preset's segment 48 is longer than the lookback {L}, so segrnn reads segments of {L} (the longest "
        "that divides it); segment=, --segment sets another",)
    assert check_settings(replace(plan, forecaster={"segment": 4}), ett) == ()
