"""devices.py: the torch device asked for and the CPU threads a fit trains on."""

from __future__ import annotations

import pandas as pd
import pytest
import torch

from conftest import TINY
from rnncast import Forecaster
from rnncast.devices import resolve_device
from rnncast.errors import RnncastError
from test_models import _sine


def test_auto_is_the_cpu_without_a_gpu_and_cuda_without_one_is_refused_by_name(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert resolve_device("auto") == torch.device("cpu")
    assert resolve_device("cpu") == torch.device("cpu")
    with pytest.raises(RnncastError, match="device 'cuda' was asked for but no CUDA GPU is here; use auto or cpu"):
        resolve_device("cuda")


def test_loading_on_an_unknown_device_is_refused_by_name_not_by_torch(tmp_path):
    """Forecaster.load(folder, device='tpu') raised torch's RuntimeError listing torch's device types."""
    frame = pd.DataFrame({"y": _sine(120)})
    Forecaster(**TINY).fit(frame, target="y").save(tmp_path / "m")
    with pytest.raises(RnncastError, match="unknown device 'tpu'; choose one of: auto, cpu, cuda"):
        Forecaster.load(tmp_path / "m", device="tpu")
    for device in ("cpu:0", torch.device("cpu")):  # an indexed device and torch's own object load as before
        assert Forecaster.load(tmp_path / "m", device=device).device_.type == "cpu"
    for name in ("cpu:x", "auto:0", 5):
        with pytest.raises(RnncastError, match=rf"^unknown device {name!r}; choose one of: auto, cpu, cuda$"):
            resolve_device(name)


def test_threads_sets_torchs_count_while_training_and_leaves_it_as_it_was():
    """threads=1 trains on one CPU thread (a busy machine's remedy, benchmarks/speed/threads.py) and
    the process keeps its own count after; the fit's numbers do not depend on it."""
    before = torch.get_num_threads()
    seen = []
    frame = pd.DataFrame({"y": _sine(400)})
    one = Forecaster(**{**TINY, "threads": 1}).fit(frame, target="y", on_epoch=lambda r: seen.append(torch.get_num_threads()))
    assert seen and set(seen) == {1}
    assert torch.get_num_threads() == before
    default = Forecaster(**TINY).fit(frame, target="y")
    assert [r["val_loss"] for r in one.history_] == pytest.approx([r["val_loss"] for r in default.history_], rel=1e-5)


def test_a_negative_thread_count_is_refused_by_name():
    with pytest.raises(RnncastError, match=r"threads \(--threads\) must be an integer from 0 to"):
        Forecaster(threads=-1).fit(pd.DataFrame({"y": _sine(200)}), target="y")


def test_more_threads_than_cores_train_on_the_cores_and_an_absurd_count_is_refused(caplog):
    """--threads 100000 reached torch, which failed with a traceback and left a half-made run."""
    import os

    seen = []
    frame = pd.DataFrame({"y": _sine(400)})
    cores = os.cpu_count() or 1
    with caplog.at_level("WARNING", logger="rnncast"):
        Forecaster(**{**TINY, "threads": cores + 1}).fit(frame, target="y",
                                                         on_epoch=lambda r: seen.append(torch.get_num_threads()))
    assert set(seen) == {cores} and f"more than this machine's {cores} cores" in caplog.text
    with pytest.raises(RnncastError, match=r"threads \(--threads\) must be an integer from 0 to 1024"):
        Forecaster(threads=100000).fit(frame, target="y")


def test_a_commands_thread_count_past_fits_range_is_refused_not_clamped():
    """predict/evaluate/export/compare --threads 99999999999999999999999 were clamped to the cores with a warning
    (fit refused it): ``cpu_threads`` refuses it as fit does, and leaves torch's count as it was."""
    from rnncast.devices import cpu_threads

    before = torch.get_num_threads()
    for threads in (10 ** 23 - 1, 1025, -1):
        with pytest.raises(RnncastError, match=rf"^threads \(--threads\) must be an integer from 0 to 1024 .* got {threads}$"):
            with cpu_threads(threads):
                pass
    with cpu_threads(1):
        assert torch.get_num_threads() == 1
    assert torch.get_num_threads() == before


def test_cpu_threads_says_the_count_torch_uses_at_debug_level(caplog):
    """``-v`` shows it: the count a result's last float digits depend on (decision 1162)."""
    import logging

    from rnncast.devices import cpu_threads

    before = torch.get_num_threads()
    with caplog.at_level(logging.DEBUG, logger="rnncast"), cpu_threads(1):
        assert torch.get_num_threads() == 1
    assert torch.get_num_threads() == before
    said = [r.getMessage() for r in caplog.records if r.levelno == logging.DEBUG]
    assert said == ["torch uses 1 CPU thread(s) here (threads 1); the same count gives the same result bit for bit"]


def test_the_thread_count_in_effect_is_the_setting_up_to_the_cores_or_torchs_own(monkeypatch):
    from rnncast.devices import threads_in_effect

    monkeypatch.setattr("os.cpu_count", lambda: 4)
    assert threads_in_effect(0) == torch.get_num_threads()
    assert threads_in_effect(3) == 3 and threads_in_effect(9) == 4


def test_a_repeat_on_another_thread_count_says_so_and_which_count_repeats_it(monkeypatch):
    """threads 0 recorded only the setting: on another machine the same setting is another count (decision 1622)."""
    from rnncast.devices import other_count

    monkeypatch.setattr("os.cpu_count", lambda: 4)
    monkeypatch.setattr(torch, "get_num_threads", lambda: 4)
    said = other_count({"threads_used": 2}, 0, "runs/a")
    assert said == ("runs/a was trained on 2 CPU thread(s) and this fit trains on 4 (torch's own count here): its "
                    "weights and forecasts will match that run's to float rounding, not bit for bit; give --threads 2 "
                    "to repeat it bit for bit")
    assert other_count({"threads_used": 8}, 0, "runs/a").endswith(
        "this machine has 4 cores, so only one with 8 or more repeats it bit for bit")
    assert other_count({"threads_used": 4}, 0, "runs/a") is None and other_count({"threads_used": 2}, 2, "r") is None
    assert other_count({"torch": "2.1"}, 0, "runs/a") is None and other_count(None, 0, "runs/a") is None  # older runs
    assert other_count({"threads_used": 2}, 0, "runs/a", given=True) == said.split("; give")[0]  # chosen: no advice


def test_the_thread_cap_is_the_count_config_json_records(monkeypatch, caplog):
    """cpu_threads caps a count past the cores with threads_in_effect's rule, so the count trained with is the one
    config.json records as threads_used (decision 1678)."""
    import logging

    from rnncast.devices import cpu_threads, threads_in_effect

    monkeypatch.setattr("os.cpu_count", lambda: 1)
    with caplog.at_level(logging.WARNING), cpu_threads(3):
        assert torch.get_num_threads() == threads_in_effect(3) == 1
    assert "threads 3 is more than this machine's 1 cores" in caplog.text


def test_a_block_around_training_sets_the_count_unsaid(monkeypatch, caplog):
    """The quantile head's start and scoring the run run on the fit's threads too (decision 2006): their blocks say
    neither the cap nor the count, which the training's block says once."""
    import logging

    from rnncast.devices import cpu_threads

    monkeypatch.setattr("os.cpu_count", lambda: 1)
    before = torch.get_num_threads()
    with caplog.at_level(logging.DEBUG, logger="rnncast"), cpu_threads(3, said=False):
        assert torch.get_num_threads() == 1
    assert torch.get_num_threads() == before and caplog.records == []
