"""The library's recurrent models as ETT runners (rnncast.bench.recurrent), without the ETT files."""

from __future__ import annotations

import numpy as np
import pytest

from rnncast import Forecaster
from rnncast.bench import protocol, recurrent, runners
from rnncast.bench.task import Task, TrainConfig
from rnncast.errors import RnncastError
from rnncast.windows import Split


@pytest.mark.parametrize("model", ["gru", "segrnn"])
@pytest.mark.parametrize("mode", ["S", "M", "MS"])
def test_recurrent_runner_on_synthetic_rows(mode, model):
    """The runner under the harness without the ETT files: shapes, column order, test rows unseen."""
    rng = np.random.default_rng(0)
    values = np.cumsum(rng.standard_normal((320, 7)), axis=0) * 0.1  # [T, 7]
    columns = ["HUFL", "HULL", "MUFL", "MULL", "LUFL", "LULL", "OT"]
    inputs, target_idx = protocol.select_mode(values, columns, mode)
    split = Split(200, 260, 320)
    seen = []
    overrides = {"epochs": 1, "hidden_size": 4, "device": "cpu", **({"segment": 4} if model == "segrnn" else {})}
    config = TrainConfig(seed=1, options={"forecaster": overrides, "on_fit": seen.append})
    pred = runners.run_setting(inputs, target_idx, split, 12, 6, model, config)
    assert pred.shape == (320 - 260 - 6 + 1, 6, len(target_idx))
    params = seen[0]["forecaster"]
    assert params["scaler"] == "none" and params["lookback"] == 12 and params["horizon"] == 6
    # the plain cells mix channels (the library default); the SegRNN preset trains each column as a
    # series of its own, except where one column is forecast: in S it would change nothing (the library warned of
    # it, a setting the user never gave), in MS the features are inputs and not series to forecast
    assert params.get("channel_independent", False) is (model == "segrnn" and mode == "M")
    task = Task(inputs[:260], target_idx, split, 12, 6)
    order = recurrent.column_order(task)
    assert order[: len(target_idx)] == list(target_idx) and sorted(order) == list(range(inputs.shape[1]))


@pytest.mark.parametrize("lookback, segment", [(96, 48), (336, 48), (720, 48), (104, 26), (36, 36), (50, 25), (47, 47), (98, 14)])
def test_the_segrnn_preset_fits_its_segment_to_any_lookback(lookback, segment):
    task = Task(np.zeros((400, 1)), (0,), Split(300, 350, 400), lookback, 24)
    assert recurrent.forecaster_params(task, "segrnn", TrainConfig())["segment"] == segment
    given = TrainConfig(options={"forecaster": {"segment": 8}})
    assert recurrent.forecaster_params(Task(np.zeros((400, 1)), (0,), Split(300, 350, 400), 104, 24), "segrnn",
                                       given)["segment"] == 8


def test_a_preset_cut_to_the_lookback_is_said_once_and_a_fitting_one_not():
    """ILI's L=36 cut SegRNN's segment 48 to 36 without a word."""
    assert recurrent.segment_note("segrnn", 36) == (
        "segrnn: the preset's segment 48 is longer than the lookback 36, so segrnn reads segments of 36 (the longest "
        "that divides it); segment=, --segment sets another")
    assert "does not divide the lookback 104, so segrnn reads segments of 26" in recurrent.segment_note("segrnn", 104)
    assert recurrent.segment_note("segrnn", 96) == recurrent.segment_note("lstm", 36) == ""


@pytest.mark.parametrize("target_idx, n_inputs", [((0,), 1), ((2,), 3)])
def test_channel_independent_given_where_one_column_is_forecast_is_refused(target_idx, n_inputs):
    """S and MS forecast one column: a given channel_independent changed nothing (S) or was dropped (MS) unsaid;
    the preset's own is left out without a word (M keeps it)."""
    task = Task(np.zeros((400, n_inputs)), target_idx, Split(300, 350, 400), 24, 12)
    given = TrainConfig(options={"forecaster": {"channel_independent": True}})
    with pytest.raises(RnncastError, match="this run forecasts one.*so it would change nothing; leave it out"):
        recurrent.forecaster_params(task, "segrnn", given)
    assert "channel_independent" not in recurrent.forecaster_params(task, "segrnn", TrainConfig())
    many = Task(np.zeros((400, 3)), (0, 1, 2), Split(300, 350, 400), 24, 12)
    assert recurrent.forecaster_params(many, "segrnn", TrainConfig())["channel_independent"] is True
    assert recurrent.forecaster_params(many, "gru", given)["channel_independent"] is True


def test_a_season_no_setting_reads_is_refused_as_chunk_is():
    """--set season=12 was kept in the settings and changed nothing: bench scores no MASE, and only window_norm
    'season' reads it."""
    task = Task(np.zeros((400, 1)), (0,), Split(300, 350, 400), 24, 12)
    with pytest.raises(RnncastError, match="window_norm 'last' does not: give window_norm="):
        recurrent.forecaster_params(task, "lstm", TrainConfig(options={"forecaster": {"season": 12}}))
    both = TrainConfig(options={"forecaster": {"season": 12, "window_norm": "season"}})
    assert recurrent.forecaster_params(task, "lstm", both)["season"] == 12


@pytest.mark.parametrize("trained_on", [{"loss": "mae"}, {"quantiles": [0.1, 0.5, 0.9]}])
def test_best_val_mse_is_an_mse_whatever_the_loss_trained_on(trained_on):
    """results.csv's best_val_mse held the loop's validation loss, an MAE or a pinball loss when the
    model trained on one: it is the MSE of the kept weights on the validation windows."""
    rng = np.random.default_rng(1)
    values = np.cumsum(rng.standard_normal((300, 1)), axis=0) * 0.1  # [T, 1]
    split = Split(200, 250, 300)
    seen = []
    config = TrainConfig(seed=1, options={"forecaster": {"epochs": 3, "hidden_size": 4, "device": "cpu", **trained_on},
                                          "on_fit": seen.append})
    runners.run_setting(values, (0,), split, 12, 6, "lstm", config)
    task = Task(values[:250], (0,), split, 12, 6)
    params = seen[0]["forecaster"]
    panel = recurrent.forecaster_panel(task, params)
    again = Forecaster(**params).fit(panel, split=Split(200, 250, 250))  # the same run, seeded
    mse = again.evaluate(panel, part="val")["original"]["model"]["mse"]  # the protocol's units (scaler none)
    losses = [h["val_loss"] for h in again.history_]
    assert seen[0]["best_val_mse"] == pytest.approx(mse) and all(mse != pytest.approx(v) for v in losses)


def test_best_val_mse_of_the_untrained_network_kept_is_its_validation_mse(caplog):
    """No epoch beat the untrained network (a learning rate too small to move it): results.csv had NaN, though the
    warning before gave its validation loss; it is the MSE of those weights on the validation windows."""
    rng = np.random.default_rng(2)
    values = np.cumsum(rng.standard_normal((120, 2)), axis=0) * 0.1  # [T, 2]
    split = Split(80, 100, 120)
    seen = []
    config = TrainConfig(seed=1, options={"forecaster": {"epochs": 1, "hidden_size": 4, "device": "cpu", "lr": 1e-12},
                                          "on_fit": seen.append})
    with caplog.at_level("WARNING", logger="rnncast"):
        runners.run_setting(values, (0, 1), split, 12, 4, "lstm", config)
    assert seen[0]["best_epoch"] == 0 and np.isfinite(seen[0]["best_val_mse"])
    [warned] = [r.getMessage() for r in caplog.records if "untrained network's validation loss" in r.getMessage()]
    said = float(warned.split("validation loss (MSE) ")[1].split(",")[0])
    assert seen[0]["best_val_mse"] == pytest.approx(said, rel=1e-3)


def test_the_untrained_networks_loss_is_named_where_it_is_not_the_mse(caplog):
    """segrnn trains on the MAE: the warning gave "the untrained network's validation loss (0.49143)" and the
    INFO line and best_val_mse 0.35354, as if two numbers for one network. Each names its measure."""
    rng = np.random.default_rng(2)
    values = np.cumsum(rng.standard_normal((120, 1)), axis=0) * 0.1  # [T, 1]
    seen = []
    config = TrainConfig(seed=1, options={"forecaster": {"epochs": 1, "hidden_size": 4, "device": "cpu", "lr": 1e-12,
                                                         "loss": "mae"}, "on_fit": seen.append})
    with caplog.at_level("INFO", logger="rnncast"):
        runners.run_setting(values, (0,), Split(80, 100, 120), 12, 4, "lstm", config)
    messages = [r.getMessage() for r in caplog.records]
    [warned] = [m for m in messages if "untrained network's validation loss" in m]
    mae = float(warned.split("validation loss (MAE) ")[1].split(",")[0])
    [info] = [m for m in messages if m.startswith("lstm: 1 epoch,")]
    assert info.startswith(f"lstm: 1 epoch, best the untrained network (validation MSE {seen[0]['best_val_mse']:.5f}, "
                           "results.csv's best_val_mse; trained and stopped on the validation MAE, not this)")
    assert mae != pytest.approx(seen[0]["best_val_mse"], rel=1e-3)


def test_a_protocol_setting_overridden_is_refused_naming_the_benchmark_s_protocol_not_ett_s_alone():
    from rnncast.bench.recurrent import forecaster_params
    from rnncast.bench.task import TrainConfig
    from rnncast.errors import RnncastError

    with pytest.raises(RnncastError, match=r"^forecaster settings \['lookback'\] are fixed by the benchmark's protocol "
                                           r"\(ETT or LTSF\) or the model name"):
        forecaster_params(None, "lstm", TrainConfig(seed=1, options={"forecaster": {"lookback": 3}}))


# Every setting bench takes with --set, with a value other than its default (and what it needs beside it, given to
# the run it is compared with too): each must change the forecasts or the epochs trained, else be refused by name or be
# listed below as doing nothing to them by design. --set season=12 was taken, recorded and changed nothing.
CHANGES = {
    "hidden_size": ["hidden_size=8"], "num_layers": ["num_layers=2"], "dropout": ["dropout=0.5"],
    "window_norm": ["window_norm=none"], "window_scale": ["window_scale=true"],
    "channel_independent": ["channel_independent=true"], "segment": ["segment=4"], "highway": ["highway=false"],
    "highway_start": ["highway_start=least_squares"], "decoder": (["segment=4"], ["decoder=parallel"]),
    "quantiles": ["quantiles=0.1,0.5,0.9"], "epochs": ["epochs=5"], "batch_size": ["batch_size=8"], "lr": ["lr=0.05"],
    "lr_schedule": ["lr_schedule=cosine"], "patience": (["lr=1", "epochs=8"], ["patience=1"]),
    "grad_clip": ["grad_clip=0.001"], "loss": ["loss=mae"], "ema": ["ema=0.9"], "scheme": ["scheme=sequence"],
    "chunk": (["scheme=sequence"], ["chunk=4"]), "max_batches": ["max_batches=1"],
    "season": (["window_norm=season", "season=2"], ["season=4"]), "nonnegative": ["nonnegative=true"],
}
BY_DESIGN = {
    "verbose": "prints each epoch's losses; trains the same",
    "device": "where the model trains (results.csv's device column); the same numbers on the CPU",
    "missing_values": "the file's reading, not the model's: its codes are read as missing cells (test_bench_codes.py)",
}


def test_every_setting_bench_takes_changes_what_is_trained_or_is_refused():
    from rnncast.bench import settings
    from rnncast.config import setting_fields

    names = [f.name for f in setting_fields()]
    taken = set()
    for name in names:
        try:
            settings.parse_settings([f"{name}=1"])  # parsing refuses keys (the protocol's, --seed's ...); values are checked
        except RnncastError as err:  # where the run's settings are made, as below
            assert f"--set '{name}=1'" in str(err)
            assert name != "upper" or "z-scored" in str(err)  # a bound of the data's units (decision 2278)
            continue
        taken.add(name)
    assert taken == set(CHANGES) | set(BY_DESIGN), "a setting bench takes is neither tested for its effect nor listed"

    rng = np.random.default_rng(0)
    steps = np.arange(200)[:, None]
    values = np.sin(2 * np.pi * steps / [8, 12]) + rng.normal(0, 0.2, (200, 2))  # M: two columns, both forecast
    split = Split(140, 170, 200)

    def run(*layers, columns=2):
        seen = []
        common = {}
        for items in (["epochs=3", "hidden_size=4", "batch_size=16", "lr=0.01", "device=cpu"], *layers):
            common.update(settings.parse_settings(items)[0])
        config = TrainConfig(seed=3, options={"forecaster": common, "on_fit": seen.append})
        targets = tuple(range(columns))  # M (both columns) or S (the first alone)
        return runners.run_setting(values[:, :columns], targets, split, 12, 4, "gru", config), seen[0]["epochs_run"]

    for columns in (2, 1):
        baselines = {}
        for name, items in CHANGES.items():
            beside, given = items if isinstance(items, tuple) else ([], items)
            if tuple(beside) not in baselines:
                baselines[tuple(beside)] = run(beside, columns=columns)
            before, epochs = baselines[tuple(beside)]
            try:
                after, epochs_after = run(beside, given, columns=columns)
            except RnncastError as err:  # refused by name where it would change nothing: S's channel_independent
                assert columns == 1 and name in str(err), err
                continue
            assert epochs_after != epochs or not np.array_equal(before, after), f"--set {' '.join(given)} did nothing"
    for name in ("season", "chunk", "decoder"):  # read only beside another setting: refused without it
        with pytest.raises(RnncastError, match=name):
            run(CHANGES[name][1])


def test_the_settings_recorded_are_those_the_fit_ran_with():
    """results.csv's settings said "device": "auto", "threads": 0, "val_frac": 0.1, "test_frac": 0.2 beside a row
    that trained on the cpu with torch's threads on the protocol's split: the device and thread count in effect are
    recorded, and the keys the fit never read are left out (the split is settings["split"]); a reader rebuilds the
    same Forecaster from what is left."""
    import torch

    rng = np.random.default_rng(2)
    values = np.cumsum(rng.standard_normal((200, 1)), axis=0) * 0.1
    seen = []
    config = TrainConfig(seed=3, options={"forecaster": {"epochs": 1, "hidden_size": 4}, "on_fit": seen.append})
    runners.run_setting(values, (0,), Split(120, 160, 200), 12, 6, "gru", config)
    params = seen[0]["forecaster"]
    assert params["device"] == "cpu" and params["threads"] == torch.get_num_threads() > 0
    assert not set(params) & {"val_frac", "test_frac", "cutoff", "missing_values", "chunk"}
    assert (params["hidden_size"], params["epochs"], params["seed"], params["cell"]) == (4, 1, 3, "gru")
    assert Forecaster(**params).get_params()["device"] == "cpu"  # the recorded settings make a Forecaster again
    sequence = recurrent.ran_with(Forecaster(scheme="sequence", device="cpu", epochs=1, hidden_size=4).fit(
        recurrent.forecaster_panel(Task(values[:160], (0,), Split(120, 160, 160), 12, 6), {}), split=Split(120, 160, 160)))
    assert sequence["chunk"] == 256  # the sequence scheme reads it


def test_the_z_scored_columns_are_not_said_unchecked_for_an_interruption(caplog):
    """bench ett --quick said "not checked for a stretch ...: column '0' (values below 0)" of the protocol's z-scored
    columns, below 0 by design, as the demo's data is (decision 2212); the logger's level is left as it was."""
    import logging

    rng = np.random.default_rng(3)
    values = np.cumsum(rng.standard_normal((120, 2)), axis=0) * 0.1 - 1.0  # [T, 2], below 0
    level = logging.getLogger("rnncast.interruptions").level
    config = TrainConfig(seed=1, options={"forecaster": {"epochs": 1, "hidden_size": 4, "device": "cpu"}})
    with caplog.at_level("INFO", logger="rnncast"):
        runners.run_setting(values, (0, 1), Split(80, 100, 120), 12, 4, "lstm", config)
    assert any("lstm" in r.getMessage() for r in caplog.records)  # its INFO lines are said
    assert not [r for r in caplog.records if "not checked for a stretch" in r.getMessage()]
    assert logging.getLogger("rnncast.interruptions").level == level
