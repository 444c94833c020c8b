"""Scenario: a run folder is always resumable or finished, and no command writes over a model or a
run without being asked (issue 18).

- A fit that dies between any two of its final writes (config.json, metrics.json, history.csv, the
  model's two files, the plots, report.html) is finished by ``--resume`` with the weights of the run
  that never died: simulated in-process for every gap, and once with a real SIGKILL.
- ``--resume RUN`` takes a new DATA and ``--device``, finds its data from another directory, and
  shows nothing of a file that config.json names but that is not the run's data.
- ``fit --out`` over a run refuses (``--overwrite`` replaces it); predict and export never write
  into a model folder; two fits racing for one ``--out``: one trains, the other is refused by name.
- Temporary files a killed write left are swept at the next write into the folder.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch
from safetensors.torch import load_file

import rnncast.checkpoint
import rnncast.files
from conftest import make_frame
from rnncast.cli import main
from rnncast.configfile import read_run

ARGS = ["--target", "y", "--features", "x", "--lookback", "12", "--horizon", "3", "--hidden-size", "8",
        "--epochs", "3", "--batch-size", "64", "--lr", "0.01", "--device", "cpu"]
FINAL_WRITES = ["config.json", "metrics.json", "history.csv", "weights.safetensors", "model.json", "test_forecasts.csv",
                "by_step.csv", "loss.png", "forecast.png", "report.html"]  # report.write_run's order (by_step: decision 2030)


def _overridden(args) -> list[str]:
    """``args`` with each of ARGS' setting flags that a test gives again (``*ARGS, "--epochs", "1"``) left
    out where ARGS gives it: the command refuses a setting given twice with two values."""
    args = [str(a) for a in args]
    settings = {a for a in ARGS[::2] if a not in ("--target", "--features")}
    last = {a: i for i, a in enumerate(args) if a in settings}
    return [a for i, a in enumerate(args) if not (i > 0 and args[i - 1] in settings and last[args[i - 1]] != i - 1)
            and not (a in settings and last[a] != i)]


def _cli(capsys, *args) -> tuple[int, str, str]:
    code = main(_overridden(args))
    out, err = capsys.readouterr()
    return code, out, err


def _weights(run: Path) -> dict:
    return load_file(run / "model" / "weights.safetensors")


def _same_weights(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)


def _one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert lines and lines[-1].startswith("rnncast: error: "), err
    assert "Traceback" not in err
    return lines[-1]


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("safety")
    make_frame(200).to_csv(folder / "d.csv", index=False)
    return folder / "d.csv"


@pytest.fixture(scope="module")
def reference(data) -> Path:
    """The run that is never interrupted."""
    out = data.parent / "reference"
    assert main(["fit", str(data), *ARGS, "--out", str(out)]) == 0
    return out


class Crash(BaseException):
    """A process dying: nothing catches it (the run's lock is released as the kernel would)."""


def _crash_before_write(monkeypatch, k: int) -> list[str]:
    """Make the final writes of the next run die before the k-th of them (0: before the first)."""
    import rnncast.report

    done: list[str] = []
    real_write_run, real_files_write = rnncast.report.write_run, rnncast.files.write_pieces

    def counting(real):  # every file a run writes goes through files.write_pieces (write_bytes' one piece, and the
        def write(path, data, *new):  # CSVs written in pieces, decision 1560); new: the start-time refusal it passes
            if len(done) == k:
                raise Crash(f"killed before writing {Path(path).name}")
            real(path, data, *new)
            done.append(Path(path).name)
        return write

    def write_run(*args, **kwargs):
        monkeypatch.setattr(rnncast.files, "write_pieces", counting(real_files_write))
        return real_write_run(*args, **kwargs)

    import rnncast.cli.fitting  # noqa: F401  (write_run is imported from rnncast.report when fit runs)

    monkeypatch.setattr(rnncast.report, "write_run", write_run)
    return done


@pytest.mark.parametrize("k", range(len(FINAL_WRITES)))
def test_a_run_killed_between_its_final_writes_resumes_to_the_uninterrupted_weights(tmp_path, data, reference,
                                                                                     monkeypatch, capsys, k):
    run = tmp_path / "run"
    done = _crash_before_write(monkeypatch, k)
    with pytest.raises(Crash):
        main(["fit", str(data), *ARGS, "--out", str(run)])
    assert done == FINAL_WRITES[:k]
    monkeypatch.undo()
    capsys.readouterr()
    # what --resume reads is the request as given, whichever shape config.json has now
    _, request = read_run(run / "config.json")
    assert request == {"data": str(data), "target": ["y"], "features": ["x"]}
    code, _, err = _cli(capsys, "fit", "--resume", run)
    assert code == 0, err
    assert _same_weights(_weights(run), _weights(reference))
    assert json.loads((run / "metrics.json").read_text()) == json.loads((reference / "metrics.json").read_text())
    assert not [p.name for p in run.rglob(".*")]  # no temporary file, no lock left


def test_a_run_killed_in_its_first_epoch_starts_again_on_resume(tmp_path, data, reference, monkeypatch, capsys):
    """config.json is written, no epoch has finished (no checkpoint): --resume trains from the start."""
    import rnncast.fitting

    def killed(*args, **kwargs):
        raise Crash("killed in the first epoch")

    monkeypatch.setattr(rnncast.fitting, "fit_network", killed)
    with pytest.raises(Crash):
        main(["fit", str(data), *ARGS, "--out", str(tmp_path / "run")])
    monkeypatch.undo()
    assert sorted(p.name for p in (tmp_path / "run").iterdir()) == ["config.json"]
    code, _, err = _cli(capsys, "fit", "--resume", tmp_path / "run")
    assert code == 0, err
    assert _same_weights(_weights(tmp_path / "run"), _weights(reference))


def test_sigkill_after_metrics_json_then_resume(tmp_path, data, reference, monkeypatch, capsys):
    """The issue's reproduction: kill -9 once metrics.json exists, then --resume."""
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    killed = subprocess.Popen([sys.executable, "-m", "rnncast", "fit", str(data), *ARGS, "--out", "run"], cwd=tmp_path,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while not (tmp_path / "run" / "metrics.json").exists() and killed.poll() is None and time.time() < deadline:
        time.sleep(0.005)
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    monkeypatch.chdir(tmp_path)
    code, _, err = _cli(capsys, "fit", "--resume", "run")
    assert code == 0, err
    assert _same_weights(_weights(tmp_path / "run"), _weights(reference))
    assert not [p.name for p in (tmp_path / "run").rglob(".*")]


# ---- --resume RUN [DATA] [--device D] -----------------------------------------------------------

def test_resume_from_another_directory_finds_the_data_by_the_run_folder(tmp_path, data, monkeypatch, capsys):
    shutil.copy(data, tmp_path / "d.csv")
    monkeypatch.chdir(tmp_path)
    assert _cli(capsys, "fit", "d.csv", *ARGS, "--epochs", "1", "--out", "runs/a")[0] == 0
    (tmp_path / "runs" / "a" / "report.html").unlink()  # killed while writing its outputs (a finished run is refused: 324)
    config = json.loads(Path("runs/a/config.json").read_text())
    assert config["data"]["source"] == "d.csv"  # the request as given
    assert config["paths"]["source"] == {"absolute": str(tmp_path / "d.csv"), "from_run": "../../d.csv"}
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # d.csv, as written, is not here
    code, _, err = _cli(capsys, "fit", "--resume", tmp_path / "runs" / "a")
    assert code == 0, err
    # the whole project moved: the data is found from the run folder
    (tmp_path / "moved").mkdir()
    shutil.move(tmp_path / "runs", tmp_path / "moved" / "runs")
    shutil.move(tmp_path / "d.csv", tmp_path / "moved" / "d.csv")
    (tmp_path / "moved" / "runs" / "a" / "report.html").unlink()  # the resume above finished it: killed again
    code, _, err = _cli(capsys, "fit", "--resume", tmp_path / "moved" / "runs" / "a")
    assert code == 0, err
    paths = json.loads((tmp_path / "moved" / "runs" / "a" / "config.json").read_text())["paths"]
    assert paths["source"]["absolute"] == str(tmp_path / "moved" / "d.csv")


def test_resume_takes_new_data_device_and_threads_and_refuses_other_flags(tmp_path, data, capsys):
    run = tmp_path / "run"
    assert _cli(capsys, "fit", data, *ARGS, "--epochs", "1", "--out", run)[0] == 0
    (run / "report.html").unlink()  # killed while writing its outputs (a finished run is refused: 324)
    moved = tmp_path / "new-place.csv"
    shutil.copy(data, moved)
    code, _, err = _cli(capsys, "fit", "--resume", run, moved, "--device", "cpu", "--threads", "1")
    assert code == 0, err
    config = json.loads((run / "config.json").read_text())
    assert config["data"]["source"] == str(moved) and config["settings"]["device"] == "cpu"
    assert config["settings"]["threads"] == 1  # where it trains, not what: a resume may change it
    code, _, err = _cli(capsys, "fit", "--resume", run, "--epochs", "5", "--lr", "0.1", "--out", tmp_path / "x")
    line = _one_error_line(err)  # --epochs may change (decision 584), as the settings check says
    lr = config["settings"]["lr"]  # each flag with its value, and the run's where it keeps one
    assert code == 2 and f"not --out {tmp_path / 'x'}, --lr 0.1 (the run's: {lr}) (" in line
    assert "only DATA, --epochs, --device and --threads may" in line


def test_resume_with_its_data_gone_names_every_place_tried(tmp_path, data, monkeypatch, capsys):
    shutil.copy(data, tmp_path / "d.csv")
    monkeypatch.chdir(tmp_path)
    assert _cli(capsys, "fit", "d.csv", *ARGS, "--epochs", "1", "--out", "run")[0] == 0
    (tmp_path / "run" / "report.html").unlink()  # killed while writing its outputs (a finished run is refused: 324)
    (tmp_path / "d.csv").unlink()
    code, _, err = _cli(capsys, "fit", "--resume", "run")
    line = _one_error_line(err)
    assert code == 2
    assert f"tried {tmp_path / 'd.csv'} (absolute); run/../d.csv (from the run folder);" in line
    assert "rnncast fit --resume run DATA" in line


def test_resume_with_data_of_other_columns_is_one_line_naming_the_mismatch(tmp_path, capsys):
    """``--features all`` reads every column of the DATA given to --resume: a DATA with another column
    is not the data the run started with, and is refused in one line naming the columns (no traceback,
    and no advice to continue from a checkpoint that does not fit)."""
    make_frame(200).to_csv(tmp_path / "d.csv", index=False)
    make_frame(200).assign(z=1.0 + np.arange(200) % 7).to_csv(tmp_path / "more.csv", index=False)
    run = tmp_path / "run"
    args = [a if a != "x" else "all" for a in ARGS]
    assert _cli(capsys, "fit", tmp_path / "d.csv", *args, "--epochs", "1", "--out", run)[0] == 0
    (run / "report.html").unlink()  # killed while writing its outputs (a finished run is refused: 324)
    code, _, err = _cli(capsys, "fit", "--resume", run, tmp_path / "more.csv")
    line = _one_error_line(err)
    assert code == 2 and f"{run} was started on other data than {tmp_path / 'more.csv'}: it had the columns targets " \
        "['y'], past covariates ['x']; this data has targets ['y'], past covariates ['x', 'z']" in line
    assert "saved in" not in line and "last good checkpoint" not in line


def test_a_failure_after_finished_epochs_says_how_to_continue_and_refused_input_does_not(tmp_path, data, monkeypatch,
                                                                                        capsys):
    from rnncast import RnncastError, training

    real_epoch = training._train_epoch

    def fail_in_epoch_2(model, train, optimizer, generator, settings, epoch, *rest):
        if epoch == 2:
            raise RnncastError("something failed in epoch 2")
        return real_epoch(model, train, optimizer, generator, settings, epoch, *rest)

    run = tmp_path / "run"
    monkeypatch.setattr(training, "_train_epoch", fail_in_epoch_2)
    code, _, err = _cli(capsys, "fit", data, *ARGS, "--out", run)
    line = _one_error_line(err)
    assert code == 2 and line.endswith(f"something failed in epoch 2 (epoch 1 and those before it are saved in "
                                       f"{run / 'checkpoint.safetensors'}; continue the run with: rnncast fit "
                                       f"--resume {run})")
    monkeypatch.setattr(training, "_train_epoch", real_epoch)
    make_frame(10).to_csv(tmp_path / "short.csv", index=False)  # refused before any epoch: nothing to continue
    code, _, err = _cli(capsys, "fit", "--resume", run, tmp_path / "short.csv")
    line = _one_error_line(err)
    assert code == 2 and "started on other data" in line and "saved in" not in line and "checkpoint" not in line
    assert _cli(capsys, "fit", "--resume", run)[0] == 0  # the saved epoch is continued from


def test_a_resume_given_moved_data_and_cut_short_says_to_continue_with_that_data(tmp_path, data, monkeypatch, capsys):
    """After fit --resume RUN moved.csv was interrupted, the line said "Continue with: rnncast fit --resume RUN",
    which then failed ("no data file ... give it"): the command it gives now names the data the resume was given."""
    from rnncast import training

    real_epoch = training._train_epoch

    def interrupted_in_epoch_2(model, train, optimizer, generator, settings, epoch, *rest):
        if epoch == 2:
            raise KeyboardInterrupt
        return real_epoch(model, train, optimizer, generator, settings, epoch, *rest)

    run, first, moved = tmp_path / "run", tmp_path / "first.csv", tmp_path / "moved.csv"
    shutil.copy(data, first)
    monkeypatch.setattr(training, "_train_epoch", interrupted_in_epoch_2)
    assert _cli(capsys, "fit", first, *ARGS, "--out", run)[0] == 130
    first.rename(moved)
    code, _, err = _cli(capsys, "fit", "--resume", run, moved)
    assert code == 130 and err.strip().endswith(f"rnncast fit --resume {run} {moved}"), err
    monkeypatch.setattr(training, "_train_epoch", real_epoch)
    assert _cli(capsys, "fit", "--resume", run, moved)[0] == 0  # the command said goes on


def test_a_file_that_config_json_names_is_read_as_data_and_never_shown(tmp_path, data, capsys):
    run = tmp_path / "run"
    assert _cli(capsys, "fit", data, *ARGS, "--epochs", "1", "--out", run)[0] == 0
    (run / "report.html").unlink()  # killed while writing its outputs (a finished run is refused: 324)
    secret = tmp_path / "secret.txt"
    secret.write_text("password=hunter2,token=abc\n")
    config = json.loads((run / "config.json").read_text())
    config["data"]["source"], config["paths"] = str(secret), {}
    (run / "config.json").write_text(json.dumps(config))
    code, _, err = _cli(capsys, "fit", "--resume", run)
    line = _one_error_line(err)
    assert code == 2 and str(secret) in line and "hunter2" not in err and "password" not in err
    config["data"]["source"] = "/dev/zero"  # not a regular file: never opened
    (run / "config.json").write_text(json.dumps(config))
    code, _, err = _cli(capsys, "fit", "--resume", run)
    assert code == 2 and "no data file of run" in _one_error_line(err)


# ---- nothing is written over a run or a model without being asked -------------------------------

def test_fit_over_an_existing_run_refuses_and_overwrite_replaces_it(tmp_path, data, reference, capsys):
    run = tmp_path / "run"
    shutil.copytree(reference, run)
    before = (run / "model" / "weights.safetensors").read_bytes()
    code, _, err = _cli(capsys, "fit", data, *ARGS, "--hidden-size", "4", "--out", run)
    line = _one_error_line(err)
    assert code == 2 and "finished run" in line and "--overwrite" in line
    assert (run / "model" / "weights.safetensors").read_bytes() == before
    (run / "tensorboard").mkdir()  # an earlier run's own files go with it
    code, _, err = _cli(capsys, "fit", data, *ARGS, "--hidden-size", "4", "--epochs", "1", "--out", run, "--overwrite")
    assert code == 0, err
    assert json.loads((run / "model" / "model.json").read_text())["network"]["hidden_size"] == 4
    assert json.loads((run / "config.json").read_text())["settings"]["hidden_size"] == 4
    assert len((run / "history.csv").read_text().splitlines()) == 2 and not (run / "tensorboard").exists()


def _stopped_in_epoch(monkeypatch, epoch: int, error: BaseException):
    """Training raises ``error`` in ``epoch`` (a Ctrl-C, a full disk), once the epochs before it are saved."""
    from rnncast import training

    real_epoch = training._train_epoch

    def stopped(model, train, optimizer, generator, settings, at, *rest):
        if at == epoch:
            raise error
        return real_epoch(model, train, optimizer, generator, settings, at, *rest)

    monkeypatch.setattr(training, "_train_epoch", stopped)


def _files(run: Path) -> dict:
    return {p.relative_to(run): p.read_bytes() for p in sorted(run.rglob("*")) if p.is_file() and p.name != ".rnncast.lock"}


def test_an_interrupted_overwrite_keeps_the_earlier_run_and_resume_replaces_it(tmp_path, data, reference, monkeypatch,
                                                                               capsys):
    """`fit --overwrite` removed the earlier run as its training began: interrupted, the folder held config.json
    alone and predict refused it. The new run is written beside the earlier one, which stays whole and usable."""
    run = tmp_path / "run"
    shutil.copytree(reference, run)
    before = _files(run)
    _stopped_in_epoch(monkeypatch, 2, KeyboardInterrupt())
    code, _, err = _cli(capsys, "fit", data, *ARGS, "--hidden-size", "4", "--out", run, "--overwrite")
    assert code == 130 and "Traceback" not in err
    assert (f"rnncast: interrupted; {run} keeps the earlier run as it was; of the new run, epoch 1 and those before it "
            f"are saved beside it. Continue it with: rnncast fit --resume {run} (it replaces the earlier run when it "
            "ends), or start it over with --overwrite") in err
    assert {k: v for k, v in _files(run).items() if not str(k).startswith(".")} == before  # the earlier run, whole
    assert _cli(capsys, "predict", run, data)[0] == 0  # and usable
    code, _, err = _cli(capsys, "fit", data, *ARGS, "--out", run)  # without --overwrite: what the folder holds
    assert code == 2 and f"cut short: rnncast fit --resume {run} finishes it" in _one_error_line(err)
    monkeypatch.undo()
    code, out, err = _cli(capsys, "fit", "--resume", run)
    assert code == 0, err
    assert "trained epochs 2-3 (3 in all)" in out and f"wrote {run}/report.html" in out
    assert json.loads((run / "model" / "model.json").read_text())["network"]["hidden_size"] == 4  # the new run
    assert sorted(p.name for p in run.iterdir()) == sorted(p.name for p in reference.iterdir())  # nothing stray
    assert json.loads((run / "config.json").read_text())["paths"]["source"]["from_run"] == os.path.relpath(data, run)
    code, _, err = _cli(capsys, "fit", data, *ARGS, "--epochs", "1", "--out", run, "--overwrite")
    assert code == 0, err  # and it is replaced as any run


def test_an_overwrite_stopped_before_an_epoch_ended_leaves_nothing_but_the_earlier_run(tmp_path, data, reference,
                                                                                      monkeypatch, capsys):
    run = tmp_path / "run"
    shutil.copytree(reference, run)
    before = _files(run)
    _stopped_in_epoch(monkeypatch, 1, KeyboardInterrupt())
    code, _, err = _cli(capsys, "fit", data, *ARGS, "--out", run, "--overwrite")
    assert code == 130 and (f"{run} keeps the earlier run as it was; the new run had finished no epoch and is not "
                            "kept: to replace the earlier run, fit again with --overwrite") in err
    assert _files(run) == before and not (run / ".rnncast-new").exists()


def test_a_full_disk_during_an_overwrite_keeps_the_earlier_run_and_says_so(tmp_path, data, reference, monkeypatch,
                                                                           capsys):
    import errno

    run = tmp_path / "run"
    shutil.copytree(reference, run)
    before = _files(run)
    full = OSError(errno.ENOSPC, "No space left on device", str(run / ".rnncast-new" / "checkpoint.safetensors"))
    _stopped_in_epoch(monkeypatch, 2, full)
    code, _, err = _cli(capsys, "fit", data, *ARGS, "--out", run, "--overwrite")
    line = _one_error_line(err)
    assert code == 74 and "No space left on device" in line and "free some space" in line
    assert f"{run} keeps the earlier run as it was; of the new run, epoch 1 and those before it are saved in " in line
    assert f"rnncast fit --resume {run}" in line
    assert {k: v for k, v in _files(run).items() if not str(k).startswith(".")} == before
    assert _cli(capsys, "predict", run, data)[0] == 0
    _stopped_in_epoch(monkeypatch, 1, full)  # before the first epoch ended: nothing of the new run is kept
    code, _, err = _cli(capsys, "fit", data, *ARGS, "--out", run, "--overwrite")
    assert code == 74 and "the new run had finished no epoch and is not kept" in _one_error_line(err)
    assert _files(run) == before


def test_a_replacing_move_cut_short_by_a_kill_is_finished_by_the_next_command(tmp_path, data, reference, capsys):
    from rnncast import replacing

    run = tmp_path / "run"
    shutil.copytree(reference, run)
    shutil.copytree(reference, run / replacing.DONE)  # killed just after the new run became the one kept
    (run / replacing.DONE / "history.csv").write_text("epoch\n")  # told apart from the earlier run's
    code, _, err = _cli(capsys, "fit", data, *ARGS, "--out", run)
    assert code == 2 and "holds a finished run" in _one_error_line(err)
    assert (run / "history.csv").read_text() == "epoch\n" and not (run / replacing.DONE).exists()


def test_an_unfinished_run_at_out_is_refused_naming_resume(tmp_path, data, reference, capsys):
    run = tmp_path / "run"
    run.mkdir()
    for name in ("config.json", "checkpoint.safetensors"):
        shutil.copy(reference / name, run / name)
    code, _, err = _cli(capsys, "fit", data, *ARGS, "--out", run)
    line = _one_error_line(err)
    assert code == 2 and f"rnncast fit --resume {run}" in line and "--overwrite" in line


def test_a_folder_of_other_files_is_refused_even_with_overwrite(tmp_path, data, capsys):
    (tmp_path / "notes.txt").write_text("mine")
    for extra in ([], ["--overwrite"]):
        code, _, err = _cli(capsys, "fit", data, *ARGS, "--out", tmp_path, *extra)
        assert code == 2 and "notes.txt" in _one_error_line(err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_out_never_is_a_model_folder(tmp_path, data, reference, capsys):
    for out in (reference / "model", reference / "model" / "sub"):
        code, _, err = _cli(capsys, "fit", data, *ARGS, "--out", out, "--overwrite")
        assert code == 2 and "model folder" in _one_error_line(err)
    assert sorted(p.name for p in (reference / "model").iterdir()) == ["model.json", "weights.safetensors"]


def test_default_out_is_numbered_and_empty_out_is_taken(tmp_path, data, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    for _ in range(2):
        assert _cli(capsys, "fit", data, *ARGS, "--epochs", "1")[0] == 0
    assert sorted(p.name for p in (tmp_path / "runs").iterdir()) == ["d-lstm", "d-lstm-2"]
    (tmp_path / "empty").mkdir()
    assert _cli(capsys, "fit", data, *ARGS, "--epochs", "1", "--out", "empty")[0] == 0


def test_predict_and_export_never_write_into_a_model_or_over_a_run_file(tmp_path, data, reference, capsys):
    model_files = {p.name: p.read_bytes() for p in (reference / "model").iterdir()}
    cases = [("predict", reference, data, "--out", reference / "model" / "weights.safetensors"),
             ("predict", reference, data, "--out", reference / "model" / "forecast.csv"),
             ("predict", reference, data, "--out", reference / "metrics.json"),
             ("predict", reference, data, "--out", data),  # its own input
             ("predict", reference, data, "--out", reference),
             ("export", reference, "--onnx", reference / "model" / "weights.safetensors"),
             ("export", reference, "--onnx", reference / "model" / "model.onnx"),
             ("export", reference, "--onnx", reference / "m.onnx"),  # a run's folder: its --overwrite would refuse it
             ("predict", reference, data, "--out", reference / "forecast.csv")]
    for case in cases:
        code, _, err = _cli(capsys, *case)
        assert code == 2, case
        _one_error_line(err)
    assert {p.name: p.read_bytes() for p in (reference / "model").iterdir()} == model_files
    forecast = tmp_path / "forecast.csv"
    forecast.write_text("my notes\n")  # no forecast predict wrote: replaced never
    for overwrite in ([], ["--overwrite"]):
        code, _, err = _cli(capsys, "predict", reference, data, "--out", forecast, *overwrite)
        assert code == 2 and "exists and does not read as a forecast rnncast predict wrote" in _one_error_line(err)
    assert forecast.read_text() == "my notes\n"
    forecast.unlink()
    assert _cli(capsys, "predict", reference, data, "--out", forecast)[0] == 0
    code, _, err = _cli(capsys, "predict", reference, data, "--out", forecast)  # an earlier forecast: replaced when asked
    assert code == 2 and "exists; pass --overwrite to replace it" in _one_error_line(err)
    assert _cli(capsys, "predict", reference, data, "--out", forecast, "--overwrite")[0] == 0
    assert len(forecast.read_text().splitlines()) == 1 + 3
    code, _, err = _cli(capsys, "predict", reference, data, "--out", tmp_path / "p.txt")  # CSV text in any name?
    assert code == 2 and "give a name ending in .csv or .tsv or .parquet" in _one_error_line(err)
    assert _cli(capsys, "predict", reference, data, "--out", tmp_path / "p.parquet")[0] == 0
    table = pd.read_parquet(tmp_path / "p.parquet")  # a Parquet file, the same forecast as the CSV
    assert len(table) == 3 and np.allclose(table.iloc[:, -1], pd.read_csv(forecast).iloc[:, -1])
    onnx = tmp_path / "m.onnx"
    onnx.write_bytes(b"an earlier model")
    code, _, err = _cli(capsys, "export", reference, "--onnx", onnx, "--overwrite")
    assert code == 2 and "does not read as an ONNX model rnncast exported" in _one_error_line(err)
    assert onnx.read_bytes() == b"an earlier model"


def test_backtest_out_refuses_an_existing_output_and_overwrite_replaces_it(tmp_path, data, capsys):
    args = ["backtest", data, "--target", "y", "--lookback", "12", "--horizon", "3", "--n-windows", "1",
            "--hidden-size", "4", "--epochs", "1", "--device", "cpu", "--out", tmp_path / "bt"]
    assert _cli(capsys, *args)[0] == 0
    code, _, err = _cli(capsys, *args)
    assert code == 2 and "--overwrite" in _one_error_line(err)
    assert _cli(capsys, *args, "--overwrite")[0] == 0
    assert sorted(p.name for p in (tmp_path / "bt").iterdir()) == ["backtest.png", "by_step.csv", "config.json",
                                                                  "forecasts.csv", "metrics.json", "report.html"]


# ---- one writer per run folder --------------------------------------------------------------------

# imports done, each process says so and waits for the go file, so that both claim the folder at once
START_TOGETHER = ("import os, sys, time; from rnncast.cli import main; import rnncast.forecaster, torch; print('ready', "
                  "flush=True)\nwhile not os.path.exists(sys.argv[1]): time.sleep(0.001)\nsys.exit(main(sys.argv[2:]))")


def _fit_process(go: Path, cwd: Path, *args) -> subprocess.Popen:
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    return subprocess.Popen([sys.executable, "-c", START_TOGETHER, str(go), "fit", *_overridden(args)], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _consistent(run: Path) -> int:
    """The hidden size of the run in ``run``, after checking that its config, model and weights agree."""
    config = json.loads((run / "config.json").read_text())
    model = json.loads((run / "model" / "model.json").read_text())
    size = config["settings"]["hidden_size"]
    assert model["network"]["hidden_size"] == size
    assert {t.shape[-1] for n, t in _weights(run).items() if n.endswith("weight_hh_l0")} == {size}
    assert len((run / "history.csv").read_text().splitlines()) - 1 == config["settings"]["epochs"]
    return size


def test_two_fits_racing_for_one_out_one_trains_the_other_is_refused(tmp_path, data):
    go = tmp_path / "go"
    racers = {size: _fit_process(go, tmp_path, data, *ARGS, "--hidden-size", size, "--out", "run") for size in (6, 10)}
    for process in racers.values():
        assert process.stdout.readline().strip() == "ready"
    go.touch()
    results = {size: (p.wait(timeout=240), *p.communicate()) for size, p in racers.items()}
    codes = sorted(code for code, _, _ in results.values())
    assert codes in ([0, 2], [0, 75]), results  # refused as finished (2) or as held (75: decision 2186)
    winner = next(size for size, (code, _, _) in results.items() if code == 0)
    _, _, err = next(r for r in results.values() if r[0] != 0)
    line = _one_error_line(err)
    assert "is being written by another rnncast process (pid" in line or "holds a finished run" in line, line
    assert _consistent(tmp_path / "run") == winner


def test_a_run_being_written_is_refused_naming_its_process_and_its_death_frees_it(tmp_path, data, capsys,
                                                                                  monkeypatch):
    go = tmp_path / "go"
    go.touch()
    first = _fit_process(go, tmp_path, data, *ARGS, "--epochs", "100000", "--patience", "100000", "--out", "run")
    deadline = time.time() + 60
    lock = tmp_path / "run" / rnncast.files.LOCK_NAME
    while not (lock.exists() and lock.read_text().strip()) and time.time() < deadline and first.poll() is None:
        time.sleep(0.02)
    monkeypatch.chdir(tmp_path)
    code, _, err = _cli(capsys, "fit", "--resume", "run")  # before its config.json is written: named all the same
    assert code == 75 and f"(pid {first.pid})" in _one_error_line(err)
    while not (tmp_path / "run" / "checkpoint.safetensors").exists() and time.time() < deadline and first.poll() is None:
        time.sleep(0.02)
    for args in ([data, *ARGS, "--out", "run"], ["--resume", "run"], [data, *ARGS, "--out", "run", "--overwrite"]):
        code, _, err = _cli(capsys, "fit", *args)
        assert code == 75, err
        assert f"run run is being written by another rnncast process (pid {first.pid})" in _one_error_line(err)
    assert first.poll() is None, "the first fit ended before the others tried"
    first.send_signal(signal.SIGKILL)
    first.wait()
    assert lock.exists()  # left by the killed process, but its lock went with it
    code, _, err = _cli(capsys, "fit", data, *ARGS, "--epochs", "1", "--out", "run", "--overwrite")
    assert code == 0, err
    assert not lock.exists() and _consistent(tmp_path / "run") == 8


def test_a_killed_writers_temporary_files_are_swept_at_the_next_write(tmp_path, data, reference, capsys):
    run = tmp_path / "run"
    run.mkdir()
    for name in ("config.json", "checkpoint.safetensors"):
        shutil.copy(reference / name, run / name)
    (run / "model").mkdir()
    left = [run / ".metrics.json.k2j4_x9q.tmp", run / "model" / ".weights.safetensors.0a1b2c3d.tmp"]
    for path in left:
        path.write_bytes(b"half")
    (run / ".keep").write_text("not ours")
    code, _, err = _cli(capsys, "fit", "--resume", run)
    assert code == 0, err
    assert not any(path.exists() for path in left) and (run / ".keep").exists()
