"""The training loop (``training.py``): the loss falls, one history record per epoch, early
stopping on the validation loss with the best (or the averaged) weights kept, the MSE and MAE
losses, seeded runs bit for bit, resuming from a checkpoint, divergence (the best finished epoch
kept, or an error with advice when none finished), and Ctrl-C honoured between batches.

``_series_csv`` and ``_epochs_done`` serve test_report.py and scenarios/test_interrupted_fit.py too.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch
from safetensors import safe_open
from safetensors.torch import load_file, save_file

from conftest import TINY
from rnncast import Forecaster, TrainingDiverged, datasets
from rnncast.cli import main
from test_models import _sine


def _series_csv(path: Path, n: int = 1200) -> Path:
    t = np.arange(n)
    y = np.sin(0.15 * t) + 0.1 * np.random.default_rng(3).standard_normal(n)
    pd.DataFrame({"date": pd.date_range("2020-01-01", periods=n, freq="h"), "y": y}).to_csv(path, index=False)
    return path


def _epochs_done(checkpoint: Path) -> int:
    try:
        with safe_open(str(checkpoint), framework="pt") as f:
            return json.loads(f.metadata()["loop"])["epoch"]
    except Exception:  # not written yet
        return 0


# ---- the loop ---------------------------------------------------------------------------------

def test_training_loss_falls_on_a_sine_wave():
    wave = datasets.sine_wave(n=400)
    f = Forecaster(cell="lstm", lookback=20, horizon=1, hidden_size=16, epochs=5, batch_size=32, lr=1e-2,
                   window_norm="none", device="cpu", seed=0).fit(wave, target="y")
    losses = [h["train_loss"] for h in f.history_]
    assert len(f.history_) == 5
    assert losses[-1] < 0.5 * losses[0]


def test_history_has_one_record_per_epoch_with_train_and_val_loss(fitted):
    assert [h["epoch"] for h in fitted.history_] == list(range(1, TINY["epochs"] + 1))
    for record in fitted.history_:
        assert record["train_loss"] > 0 and record["val_loss"] > 0


def test_on_epoch_gets_a_record_read_by_key_as_history_holds_it_or_by_attribute(data):
    """``on_epoch=lambda r: print(r["epoch"])`` failed: 'EpochRecord' object is not subscriptable (decision 773)."""
    seen = []
    f = Forecaster(**TINY).fit(data, target="y", features=["x"], on_epoch=seen.append)
    assert [r["epoch"] for r in seen] == [r.epoch for r in seen] == [1, 2]
    assert [dict(r) for r in seen] == seen == f.history_  # the same fields and values as history_'s dicts
    assert list(seen[0]) == ["epoch", "train_loss", "val_loss", "seconds", "best"]
    assert seen[0].get("val_loss") == seen[0].val_loss > 0 and "nonesuch" not in seen[0]


# ---- early stopping and the weights kept ------------------------------------------------------

def test_best_validation_weights_are_kept(data):
    f = Forecaster(**{**TINY, "epochs": 6}).fit(data, target="y", features=["x"])
    best = min(h["val_loss"] for h in f.history_)
    assert f.evaluate(data, part="val")["scaled"]["model"]["mse"] == pytest.approx(best, rel=1e-5)


def test_weight_average_is_what_validation_scores_and_the_model_keeps(data):
    """With ``ema`` the kept weights are the exponential average of every step's weights (the first
    step's weights, then ``a = d * a + (1 - d) * w``); training itself follows the same path."""
    from torch.optim.optimizer import register_optimizer_step_post_hook

    steps = []
    hook = register_optimizer_step_post_hook(
        lambda opt, args, kwargs: steps.append([p.detach().clone() for g in opt.param_groups for p in g["params"]]))
    try:
        plain = Forecaster(**{**TINY, "epochs": 1, "batch_size": 8}).fit(data, target="y", features=["x"])
    finally:
        hook.remove()
    d = 0.9
    averaged = Forecaster(**{**TINY, "epochs": 1, "batch_size": 8, "ema": d}).fit(data, target="y", features=["x"])
    assert averaged.history_[0]["train_loss"] == plain.history_[0]["train_loss"]  # the same training path
    expected = steps[0]
    for weights in steps[1:]:
        expected = [d * a + (1 - d) * w for a, w in zip(expected, weights)]
    kept = list(averaged.net_.parameters())
    assert len(steps) > 5 and len(kept) == len(expected)
    for a, e in zip(kept, expected):
        assert torch.allclose(a, e, atol=1e-6)
    assert not all(torch.equal(a, w) for a, w in zip(kept, steps[-1]))  # not simply the last step's weights
    assert averaged.evaluate(data, part="val")["scaled"]["model"]["mse"] == pytest.approx(
        averaged.history_[0]["val_loss"], rel=1e-5)


def test_mae_loss_trains_and_early_stops_on_the_mean_absolute_error(data):
    f = Forecaster(**{**TINY, "epochs": 4, "loss": "mae"}).fit(data, target="y", features=["x"])
    best = min(h["val_loss"] for h in f.history_ if h["best"])
    scored = f.evaluate(data, part="val")["scaled"]["model"]
    assert scored["mae"] == pytest.approx(best, rel=1e-5)
    assert scored["mse"] != pytest.approx(best, rel=1e-3)


def test_early_stopping_ends_after_patience_epochs_without_improvement(data):
    f = Forecaster(**{**TINY, "epochs": 40, "patience": 2, "lr": 5e-2}).fit(data, target="y", features=["x"])
    history = f.history_
    assert len(history) < 40
    assert [h["best"] for h in history[-2:]] == [False, False] and history[-3]["best"]
    # said in Python too (evaluate's notes, the run's notes): it was an INFO line only, which Python does not show
    notes = f.evaluate(data)["notes"]  # after MAPE's note: the data's target changes sign (decision 848)
    assert notes[-1] == (f"stopped early at epoch {len(history)} of 40: the validation loss had not "
                         f"improved for 2 epochs; the weights of epoch {len(history) - 2} are kept")
    assert len(notes) == 2 and notes[0].startswith("MAPE is dominated by values near 0")


def test_a_fit_whose_patience_runs_out_at_its_last_epoch_says_which_weights_it_keeps(data, caplog):
    """The terminal printed "rnncast: INFO: None (MSE 0.086266)": patience ran out in the last epoch, where
    early_stop_text (an early stop's words) has nothing to say, and its None was logged. The line now says
    which epoch's weights are kept, with the loss it was chosen on and that loss's units."""
    settings = {**TINY, "epochs": 40, "patience": 2, "lr": 5e-2}
    stopped = len(Forecaster(**settings).fit(data, target="y", features=["x"]).history_)
    assert stopped < 40
    with caplog.at_level("INFO", logger="rnncast.training"):
        caplog.clear()  # the first fit's line too, where an earlier test left rnncast's logger at INFO (the CLI's)
        f = Forecaster(**{**settings, "epochs": stopped}).fit(data, target="y", features=["x"])  # the same epochs
    assert [h["best"] for h in f.history_[-2:]] == [False, False] and len(f.history_) == stopped
    lines = [r.getMessage() for r in caplog.records if r.name == "rnncast.training"]
    assert not any("None" in line for line in lines)
    best = f.history_[-3]["val_loss"]
    assert lines == [f"ran all {stopped} epochs; the validation loss last improved in epoch {stopped - 2}, and the "
                     f"weights of that epoch are kept (validation MSE {best:.5g}, scaled units)"]


def test_a_run_whose_epochs_never_beat_the_untrained_network_keeps_it():
    # Adam at lr 1 throws the weights far from the start: every epoch ends worse on validation than the
    # untrained network (the repeat-last forecast), which therefore stays
    f = Forecaster(**{**TINY, "lr": 1.0, "epochs": 2}).fit(_sine(300))
    assert not any(h["best"] for h in f.history_)
    x = _sine(300)
    np.testing.assert_allclose(f.predict(x)[f.targets_[0]], np.repeat(x[-1], 3), rtol=1e-5, atol=1e-5)


# ---- seeds ------------------------------------------------------------------------------------

def test_same_seed_gives_bit_identical_predictions(data):
    a = Forecaster(**{**TINY, "seed": 3}).fit(data, target="y", features=["x"])
    b = Forecaster(**{**TINY, "seed": 3}).fit(data, target="y", features=["x"])
    assert np.array_equal(a.predict_windows(data).y_pred, b.predict_windows(data).y_pred)
    assert np.array_equal(a.predict(data).to_numpy(), b.predict(data).to_numpy())


def test_different_seeds_give_different_predictions(data):
    a = Forecaster(**{**TINY, "seed": 3}).fit(data, target="y", features=["x"])
    b = Forecaster(**{**TINY, "seed": 4}).fit(data, target="y", features=["x"])
    assert not np.array_equal(a.predict_windows(data).y_pred, b.predict_windows(data).y_pred)


def test_same_seed_gives_bit_identical_weights_and_predictions():
    y = np.sin(0.1 * np.arange(400)) + 0.1 * np.random.default_rng(0).standard_normal(400)
    a = Forecaster(lookback=16, hidden_size=8, epochs=2, dropout=0.1, num_layers=2, device="cpu").fit(y)
    b = Forecaster(lookback=16, hidden_size=8, epochs=2, dropout=0.1, num_layers=2, device="cpu").fit(y)
    for name, tensor in a.net_.state_dict().items():
        assert torch.equal(tensor, b.net_.state_dict()[name])
    assert np.array_equal(a.predict(y).to_numpy(), b.predict(y).to_numpy())


# ---- resume, divergence, Ctrl-C ---------------------------------------------------------------

@pytest.mark.parametrize("ema", [0.0, 0.95])
def test_resume_in_process_matches_an_uninterrupted_fit(tmp_path, ema):
    y = np.sin(0.1 * np.arange(600)) + 0.1 * np.random.default_rng(0).standard_normal(600)
    settings = dict(lookback=16, hidden_size=8, dropout=0.2, num_layers=2, device="cpu", patience=50, ema=ema)
    full = Forecaster(epochs=5, **settings).fit(y)
    checkpoint = tmp_path / "state.safetensors"
    Forecaster(epochs=2, **settings).fit(y, checkpoint=checkpoint)
    resumed = Forecaster(epochs=5, **settings).fit(y, checkpoint=checkpoint, resume=True)
    for name, tensor in full.net_.state_dict().items():
        assert torch.equal(tensor, resumed.net_.state_dict()[name])
    assert [h["train_loss"] for h in full.history_] == [h["train_loss"] for h in resumed.history_]


def test_a_loss_that_overflows_in_the_first_epoch_keeps_nothing_and_says_so():
    huge = 1e30 * (1 + np.sin(0.1 * np.arange(300)))  # squares overflow float32 without scaling
    model = Forecaster(lookback=10, epochs=2, scaler="none", window_norm="none", device="cpu")
    with pytest.raises(TrainingDiverged) as caught:
        model.fit(huge)
    message = str(caught.value)
    assert message.startswith("training diverged in epoch 1 (training loss inf) before any epoch finished")
    assert "no weights were kept and no model was saved" in message and "lower learning rate (lr=, --lr, now 0.0003)" in message
    assert not hasattr(model, "net_") and not hasattr(model, "diverged_epoch_")  # unfitted, as the message says


def _blow_up(monkeypatch, epoch: int, after: bool = False) -> list:
    """Make a weight NaN at the start of ``epoch`` (the training loss of its first batch is NaN) or,
    with ``after``, at its end (its validation loss is NaN); returns the epochs the loop trains."""
    from rnncast import training

    real_epoch, trained = training._train_epoch, []

    def blow_up(net, train, optimizer, generator, settings, k, *rest):
        trained.append(k)
        if k == epoch and not after:
            with torch.no_grad():
                next(net.parameters()).fill_(float("nan"))
        loss = real_epoch(net, train, optimizer, generator, settings, k, *rest)
        if k == epoch and after:
            with torch.no_grad():
                next(net.parameters()).fill_(float("nan"))
        return loss

    monkeypatch.setattr(training, "_train_epoch", blow_up)
    return trained


def _diverged_warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "rnncast.training" and r.levelname == "WARNING"]


@pytest.mark.parametrize("after", [False, True], ids=["training loss", "validation loss"])
def test_divergence_after_good_epochs_keeps_the_best_finished_epoch(monkeypatch, caplog, after):
    y = _sine(400)
    settings = {**TINY, "epochs": 6}
    two = Forecaster(**{**settings, "epochs": 2}).fit(y)  # the same first two epochs, never diverged
    _blow_up(monkeypatch, 3, after)
    with caplog.at_level("WARNING", logger="rnncast"):
        model = Forecaster(**settings).fit(y)
    assert model.diverged_epoch_ == 3 and two.diverged_epoch_ is None
    assert [h["epoch"] for h in model.history_] == [1, 2]  # finished epochs only
    kept = max(h["epoch"] for h in model.history_ if h["best"])
    for name, tensor in two.net_.state_dict().items():  # the best of epochs 1 and 2, as early stopping keeps it
        assert torch.equal(tensor, model.net_.state_dict()[name])
    assert np.isfinite(model.predict(y).to_numpy()).all()
    [warning] = _diverged_warnings(caplog)
    what = "validation" if after else "training"
    assert warning.startswith(f"training diverged in epoch 3 ({what} loss nan); kept the weights of epoch {kept}, "
                              "the best finished one (validation loss ")
    assert "try a lower learning rate (lr=, --lr, now 0.01)" in warning


def test_divergence_on_the_command_line_writes_the_kept_model_and_resume_trains_no_further(tmp_path, capsys,
                                                                                          monkeypatch, caplog):
    """Epoch 1 trains; in epoch 2 a weight blows up to NaN (simulated): the run keeps epoch 1, writes
    model/ and the report, and its checkpoint records the run as ended."""
    trained = _blow_up(monkeypatch, 2)
    _series_csv(tmp_path / "d.csv", n=300)
    run = tmp_path / "run"
    code = main(["fit", str(tmp_path / "d.csv"), "--target", "y", "--lookback", "10", "--epochs", "3",
                 "--hidden-size", "8", "--device", "cpu", "--out", str(run)])
    said = capsys.readouterr()
    assert code == 0, said.err
    assert trained == [1, 2]
    assert (run / "model" / "weights.safetensors").is_file() and (run / "report.html").is_file()
    assert [r["epoch"] for r in pd.read_csv(run / "history.csv").to_dict("records")] == [1]
    assert "training diverged in epoch 2 (training loss nan); kept the weights of epoch 1" in " ".join(
        _diverged_warnings(caplog) + [said.err])
    # the summary line, the page and config.json say it too
    assert "; training diverged in epoch 2; the model keeps epoch 1; wrote " in said.out
    assert "Training diverged in epoch 2; the model keeps epoch 1: its loss became NaN" in (run / "report.html").read_text()
    assert json.loads((run / "config.json").read_text())["run"]["diverged"] == {"epoch": 2, "kept": 1}
    checkpoint = run / "checkpoint.safetensors"
    assert _epochs_done(checkpoint) == 1
    with safe_open(str(checkpoint), framework="pt") as f:
        loop = json.loads(f.metadata()["loop"])
    assert loop["stopped"] is True  # the checkpoint records what happened, the loss included
    assert loop["diverged"] == {"epoch": 2, "what": "training loss", "loss": "nan", "kept": 1}
    assert all(torch.isfinite(t).all() for t in load_file(checkpoint).values() if t.is_floating_point())
    loaded = Forecaster.load(run)
    assert np.isfinite(loaded.predict(tmp_path / "d.csv").iloc[:, 2:].to_numpy()).all()  # after cutoff, step_ahead

    caplog.clear()
    (run / "report.html").unlink()  # killed while writing its outputs (a finished run is refused: 324)
    with caplog.at_level("WARNING", logger="rnncast"):
        assert main(["fit", "--resume", str(run)]) == 0, capsys.readouterr().err
    assert trained == [1, 2]  # the resumed run trained no epoch: it had ended
    [warning] = _diverged_warnings(caplog)
    assert warning.startswith("this run ended when training diverged in epoch 2 (training loss nan); its model keeps "
                              "the weights of epoch 1")
    assert "; training diverged in epoch 2; the model keeps epoch 1; wrote " in capsys.readouterr().out
    again = Forecaster.load(run).net_.state_dict()  # the resumed run wrote the same kept weights
    assert all(torch.equal(tensor, again[name]) for name, tensor in loaded.net_.state_dict().items())

    # a checkpoint written before the divergence was recorded: inferred from its stop, without the loss
    del loop["diverged"]
    save_file(load_file(checkpoint), checkpoint, metadata={"loop": json.dumps(loop)})
    caplog.clear()
    (run / "report.html").unlink()  # killed while writing its outputs (a finished run is refused: 324)
    with caplog.at_level("WARNING", logger="rnncast"):
        assert main(["fit", "--resume", str(run)]) == 0, capsys.readouterr().err
    assert trained == [1, 2]
    [warning] = _diverged_warnings(caplog)
    assert warning.startswith("this run ended when training diverged in epoch 2; its model keeps the weights of epoch 1")


def test_a_fit_no_epoch_of_which_beats_the_untrained_network_says_the_model_is_that_network(caplog):
    """A learning rate too small to move the weights: the untrained network (window level: repeat) is kept, and said so."""
    import numpy as np
    import pandas as pd

    from rnncast import Forecaster
    from rnncast.plots import loss_figure
    from rnncast.reportpage import run_blocks

    walk = pd.DataFrame({"y": np.cumsum(np.random.default_rng(0).normal(size=300))})
    with caplog.at_level("WARNING", logger="rnncast"):
        model = Forecaster(lookback=12, horizon=3, hidden_size=8, epochs=4, patience=2, lr=1e-12, device="cpu").fit(walk, target="y")
    assert not any(h["best"] for h in model.history_)
    assert "no epoch improved on the untrained network's validation loss (MSE) " in caplog.text  # its measure named
    assert "'repeat the last value' baseline" in caplog.text
    wf = model.predict_windows(walk, part="test")
    assert np.allclose(wf.y_pred, wf.baselines["repeat"], atol=1e-6)  # the model is exactly the repeat forecast
    assert "untrained network" in loss_figure({"lstm": model.history_}).axes[0].get_title()  # no dot claims an epoch
    blocks = run_blocks(model, {"test": model.evaluate(walk)}, "walk", None)
    assert any(b[0] == "hint" and "untrained network" in b[1] for b in blocks)


def test_an_untrained_season_network_is_said_to_be_the_seasonal_naive_forecast():
    import numpy as np
    import pandas as pd

    from rnncast import Forecaster
    from rnncast.reportpage import run_blocks

    t = np.arange(300)
    frame = pd.DataFrame({"y": np.sin(2 * np.pi * t / 12) + np.random.default_rng(0).normal(0, 0.1, 300)})
    model = Forecaster(lookback=24, horizon=6, hidden_size=8, epochs=3, patience=2, lr=1e-12, window_norm="season",
                       season=12, device="cpu").fit(frame, target="y")
    wf = model.predict_windows(frame, part="test")
    assert np.allclose(wf.y_pred, wf.baselines["seasonal"], atol=1e-5)  # the model is the seasonal-naive forecast
    blocks = run_blocks(model, {"test": model.evaluate(frame)}, "f", None)
    assert any(b[0] == "hint" and "the window's last season (the 'seasonal naive' baseline)" in b[1] for b in blocks)


class _Constant(torch.nn.Module):
    """Forecasts 0 for every target (and quantile level: ``spec.quantiles``), as ``loss_of`` reads a head."""

    def __init__(self, quantiles=()):
        super().__init__()
        from types import SimpleNamespace

        self.spec = SimpleNamespace(quantiles=quantiles)

    def forward(self, x, future=None, static=None, categories=None):
        shape = (len(x), 2, 1) + ((len(self.spec.quantiles),) if self.spec.quantiles else ())
        return torch.zeros(shape)

    def loss(self, pred, y):
        from rnncast.models import RecurrentNet

        return RecurrentNet.loss(self, pred, y)


@pytest.mark.parametrize("kind, quantiles", [("mse", ()), ("mae", ()), ("mse", (0.1, 0.5, 0.9))])
def test_the_validation_loss_counts_only_the_targets_kept(kind, quantiles):
    from rnncast.batches import WindowBatches
    from rnncast.training import mean_loss

    values = torch.arange(1.0, 21.0).reshape(20, 1)
    starts = np.array([0, 3, 7, 10])
    keep = np.ones((4, 2, 1), dtype=bool)
    keep[1, :, 0] = keep[2, 1, 0] = False  # made by fill
    net = _Constant(quantiles)
    y = np.stack([values[s + 5 : s + 7].numpy() for s in starts])  # [W, H, 1], forecast 0
    terms = {"mse": y ** 2, "mae": np.abs(y)}.get(kind) if not quantiles else \
        np.mean([np.maximum(q * y, (q - 1) * y) for q in quantiles], axis=0)
    batches = lambda keep: WindowBatches(values, starts, 5, 2, 1, False, 3, keep=keep)  # noqa: E731
    assert mean_loss(net, batches(keep), kind=kind) == pytest.approx(terms[keep].mean(), rel=1e-6)
    assert mean_loss(net, batches(None), kind=kind) == pytest.approx(terms.mean(), rel=1e-6)
    assert mean_loss(net, batches(np.ones_like(keep)), kind=kind) == mean_loss(net, batches(None), kind=kind)  # exactly


def test_the_loss_is_named_as_messages_give_it():
    """A validation loss shown beside another measure (bench's best_val_mse) is named: MSE, MAE or pinball."""
    from rnncast.training import loss_name

    class Head(torch.nn.Module):
        spec = type("Spec", (), {"quantiles": (0.1, 0.9)})()

    assert (loss_name(torch.nn.Linear(1, 1)), loss_name(torch.nn.Linear(1, 1), "mae"), loss_name(Head(), "mae")) == (
        "MSE", "MAE", "pinball")


def test_a_fit_that_blew_up_is_told_to_lower_its_learning_rate_not_to_raise_it(caplog):
    """lr=10: every epoch's validation loss was hundreds of times the untrained network's, yet the warning said "try a
    larger learning rate". The advice now follows what the epochs measured."""
    walk = pd.DataFrame({"y": np.cumsum(np.random.default_rng(0).normal(size=300))})
    with caplog.at_level("WARNING", logger="rnncast"):
        Forecaster(lookback=12, horizon=3, hidden_size=8, epochs=3, patience=3, lr=10.0, device="cpu",
                   seed=0).fit(walk, target="y")
    [warned] = [r.getMessage() for r in caplog.records if "untrained network's validation loss" in r.getMessage()]
    assert "training blew up; try a smaller learning rate (lr=, --lr, now 10)" in warned
    assert "larger" not in warned

