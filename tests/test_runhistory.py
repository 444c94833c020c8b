"""A run's history.csv (``runhistory.py``): fit's epochs written with the losses as measured,
and read back by ``Forecaster.load`` of the run; a saved model folder keeps them in its model.json."""

from __future__ import annotations

import json
import logging

import numpy as np

from conftest import TINY, make_frame
from rnncast import Forecaster
from rnncast.report import write_run
from rnncast.runhistory import early_stop_text, end_text, history_csv, kept_untrained, read_back, still_improving


def test_history_csv_writes_the_losses_exactly_and_reads_back_the_float32_text_of_earlier_runs(tmp_path):
    """history.csv wrote 0.20888230906461816 as 0.2088823, so a loaded run's history_ was not the fitted one's
    where a saved model's was (decision 1147); now both keep the float64 (decision 1197)."""
    history = [{"epoch": 1, "train_loss": 0.20888230906461816, "val_loss": None, "seconds": 0.5, "best": True},
               {"epoch": 2, "train_loss": 0.1, "val_loss": float(np.float32(0.25)), "seconds": 0.25, "best": False}]
    assert history_csv(history).splitlines() == ["epoch,train_loss,val_loss,seconds,best",
                                                 "1,0.20888230906461816,,0.5,True", "2,0.1,0.25,0.25,False"]
    run = tmp_path / "run"
    (run / "model").mkdir(parents=True)
    (run / "config.json").write_text("{}")
    (run / "history.csv").write_text(history_csv(history))
    assert read_back(run) == history
    (run / "history.csv").write_text("epoch,train_loss,val_loss,seconds,best\n1,0.2088823,,0.5,True\n")  # earlier
    assert read_back(run)[0]["train_loss"] == 0.2088823


def test_a_loaded_run_or_saved_model_has_the_history_it_was_trained_with(tmp_path, caplog):
    frame = make_frame(200)
    model = Forecaster(**{**TINY, "epochs": 3}).fit(frame, target="y")
    write_run(tmp_path / "run", model, frame)
    written = model.history_
    for folder in (tmp_path / "run", tmp_path / "run" / "model"):  # was [] though the run kept history.csv
        loaded = Forecaster.load(folder).history_
        assert [h["epoch"] for h in loaded] == [1, 2, 3] and loaded == model.history_  # the losses exactly (1197)
    model.save(tmp_path / "saved")  # a saved model keeps its epochs too: loss_figure drew an empty plot (decision 553)
    kept = Forecaster.load(tmp_path / "saved").history_
    assert [h["epoch"] for h in kept] == [1, 2, 3] and [h["best"] for h in kept] == [h["best"] for h in written]
    assert np.allclose([h["val_loss"] for h in kept], [h["val_loss"] for h in written], rtol=1e-6)
    meta_path = tmp_path / "saved" / "model.json"
    meta = json.loads(meta_path.read_text())
    meta.pop("history"), meta.pop("description_sha256")  # a model saved before it kept them (or its checksum, decision 679)
    meta_path.write_text(json.dumps(meta))
    assert Forecaster.load(tmp_path / "saved").history_ == []
    meta_path.write_text(json.dumps({**meta, "history": [{"epoch": "one"}]}))  # hand-edited: loads, said
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        assert Forecaster.load(tmp_path / "saved").history_ == []
    assert "model.json do not read (each epoch must hold epoch, train_loss" in caplog.text
    (tmp_path / "run" / "history.csv").write_text("epoch,loss\n1,x\n")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        assert Forecaster.load(tmp_path / "run").history_ == []
    assert "history.csv does not read as the run's epochs (its columns are ['epoch', 'loss']" in caplog.text
    assert read_back(tmp_path / "nowhere") == []


def test_the_early_stop_text_says_where_the_fit_stopped_and_which_weights_it_kept():
    record = lambda epoch, best, val=0.5: {"epoch": epoch, "best": best, "val_loss": val}  # noqa: E731
    stopped = [record(1, True), record(2, False), record(3, False)]
    assert early_stop_text(stopped, 100, 2) == ("stopped early at epoch 3 of 100: the validation loss had not "
                                                "improved for 2 epochs; the weights of epoch 1 are kept")
    assert early_stop_text(stopped, 3, 2) is None and early_stop_text(stopped, 100, 3) is None  # ran every epoch; not stopped
    never = [record(1, False, None)]
    assert early_stop_text(never, 100, 1) == ("stopped early at epoch 1 of 100: the training loss had not improved "
                                              "for 1 epoch; the untrained network is kept")


def test_the_end_text_says_which_weights_are_kept_whenever_they_are_not_the_last_epochs():
    record = lambda epoch, best, val=0.5: {"epoch": epoch, "best": best, "val_loss": val}  # noqa: E731
    stopped = [record(1, True), record(2, False), record(3, False)]
    assert end_text(stopped, 100, 2) == ("stopped early at epoch 3 of 100: the validation loss had not improved for 2 "
                                         "epochs; the weights of epoch 1 are kept")  # early_stop_text's words
    assert end_text(stopped, 3, 2) == ("ran all 3 epochs; the validation loss last improved in epoch 1, and the weights "
                                       "of that epoch are kept")  # patience ran out at the last epoch
    assert end_text(stopped, 3, 5) == end_text(stopped, 3, 2)  # ran every epoch, the best not the last: said too
    assert end_text([record(1, False), record(2, True)], 2, 5) is None  # the last epoch's weights: nothing to say
    assert end_text([record(1, False, None)], 1, 1) == ("ran its one epoch; the training loss never improved on the "
                                                         "untrained network, which is kept")


def test_a_loss_still_falling_at_the_last_of_the_epochs_is_what_fit_and_compare_call_undertrained():
    def ran(*best):
        return [{"epoch": i + 1, "train_loss": 1.0, "val_loss": 1.0, "seconds": 1.0, "best": b} for i, b in enumerate(best)]

    assert still_improving(ran(True, True, True), 3) and still_improving(ran(True, False, True), 3)
    assert not still_improving(ran(True, True, False), 3)  # the best epoch came before the last
    assert not still_improving(ran(True, True), 5)  # stopped before its budget (early stopping, a divergence)
    assert not still_improving(ran(True), 1) and not still_improving([], 0)  # one epoch says nothing of a trend
    assert kept_untrained(ran(False, False, False)) and kept_untrained(ran(False))  # compare names such a model
    assert not kept_untrained(ran(False, True, False)) and not kept_untrained([])  # an epoch kept; no epochs saved
