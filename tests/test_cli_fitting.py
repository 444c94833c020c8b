"""The ``rnncast fit`` command (``cli/fitting.py``): its request (DATA and --target as flags or in a
--config file; columns named on the command line, commas in their names included), and ``fit
--resume``, which continues a run from its own config.json (also one written before a setting
existed) and refuses a folder that is not a run, naming a process that holds it. Run in-process;
interrupted, killed and racing fits are in scenarios/test_interrupted_fit.py and
scenarios/test_run_safety.py, the whole fit → predict → evaluate flow in scenarios/test_cli_fit_predict.py."""

from __future__ import annotations

import json
import os
import shutil

import numpy as np

from conftest import make_frame
from rnncast.files import LOCK_NAME
from rnncast.folderlock import lock_folder
from test_cli import ROWS, cli, fit_args
from test_resume import _zero_weights


def test_resume_of_a_finished_run_written_before_the_highway_existed(tmp_path, capsys):
    """config.json of a finished run lists its covariates as [] and, if written before the highway
    existed, has no highway setting: --resume keeps the run's own network (none) and succeeds."""
    data = tmp_path / "d.csv"
    make_frame(ROWS).to_csv(data, index=False)
    code, _, err = cli(capsys, *fit_args(data, tmp_path / "run", "--epochs", "2", "--no-highway"))
    assert code == 0, err
    config_path = tmp_path / "run" / "config.json"
    config = json.loads(config_path.read_text())
    assert config["run"]["static_covariates"] == [] and "static_covariates" not in config["data"] or \
        config["data"]["static_covariates"] is None  # the request as given: none
    del config["settings"]["highway"]
    config_path.write_text(json.dumps(config))
    (tmp_path / "run" / "report.html").unlink()  # killed while writing its outputs (a finished run is refused: 324)
    code, out, err = cli(capsys, "fit", "--resume", tmp_path / "run")
    assert code == 0, err
    assert json.loads(config_path.read_text())["settings"]["highway"] is False
    # it had finished: it says nothing was trained (it printed "trained 2 epochs in 0.0 s")
    assert "the run's training had ended (2 epochs run" in out and "nothing was trained" in out and "trained 2" not in out


def test_resume_reads_and_verifies_its_checkpoint_once(tmp_path, capsys, monkeypatch):
    """``fit --resume`` read the whole checkpoint and hashed it four times (five with a flag that repeats the run's
    own: config.json's edits, the settings twice, the load); it is now read and verified once (``resume.read_once``),
    and a checkpoint changed since it was written is still refused as damaged."""
    from rnncast import resume

    data = tmp_path / "d.csv"
    make_frame(ROWS).to_csv(data, index=False)
    code, _, err = cli(capsys, *fit_args(data, tmp_path / "run", "--epochs", "1"))
    assert code == 0, err
    (tmp_path / "run" / "report.html").unlink()  # its outputs cut short: it resumes
    reads, load_file = [], resume.load_file
    monkeypatch.setattr(resume, "load_file", lambda path: reads.append(path) or load_file(path))
    code, _, err = cli(capsys, "fit", "--resume", tmp_path / "run", "--epochs", "2", "--target", "y")
    assert code == 0, err
    assert len(reads) == 1
    (tmp_path / "run" / "report.html").unlink()
    checkpoint = tmp_path / "run" / "checkpoint.safetensors"
    _zero_weights(checkpoint)
    code, _, err = cli(capsys, "fit", "--resume", tmp_path / "run", "--epochs", "3")
    assert code == 2 and "is damaged: its content is not what it was written with" in err


def test_columns_whose_names_hold_a_comma_are_named_on_the_command_line(tmp_path, capsys):
    """`--target '"load, kW"'` (CSV quoting) and `--features temp --features "vent, km/h"` (the flag
    repeated) name columns with commas in them; fit trains on them and its config.json says so."""
    data = make_frame(120).rename(columns={"y": "load, kW", "x": "vent, km/h"})
    data["temp"] = data["load, kW"].shift(1).fillna(0.0) * 0.5
    data.to_csv(tmp_path / "d.csv", index=False)
    code, _, err = cli(capsys, "fit", tmp_path / "d.csv", "--target", '"load, kW"', "--features", "temp",
                       "--features", "vent, km/h", "--epochs", "1", "--lookback", "4", "--hidden-size", "4",
                       "--device", "cpu", "--out", tmp_path / "run")
    assert code == 0, err
    config = json.loads((tmp_path / "run" / "config.json").read_text())
    assert config["data"]["target"] == ["load, kW"] and config["data"]["features"] == ["temp", "vent, km/h"]
    assert config["run"]["target"] == ["load, kW"] and config["run"]["past_covariates"] == ["temp", "vent, km/h"]



def test_without_data_fit_and_tune_say_what_they_need_and_write_nothing(tmp_path, capsys, monkeypatch):
    """No DATA, neither as a flag nor in a --config file: one line saying what is needed (fit also
    offers --resume), before any folder is claimed."""
    monkeypatch.chdir(tmp_path)
    code, out, err = cli(capsys, "fit", "--target", "y", "--device", "cpu")
    assert (code, out) == (2, "") and err == ("rnncast: error: fit needs DATA, and --target COLUMN where it holds more "
                                              "than one column besides the time (as flags or in a --config file), or "
                                              "--resume RUN to continue a run\n")  # --target: not always (decision 561)
    code, out, err = cli(capsys, "tune", "--target", "y", "--trials", "1")
    assert (code, out) == (2, "") and err == ("rnncast: error: tune needs DATA, and --target COLUMN where it holds more "
                                              "than one column besides the time (as flags or in a --config file)\n")
    assert os.listdir(tmp_path) == []  # no runs/ folder


def test_resume_of_a_folder_that_is_not_a_run_is_refused_and_the_folder_left_as_it_was(tmp_path, capsys):
    missing, other = tmp_path / "nope", tmp_path / "notes"
    other.mkdir()
    (other / "a.txt").write_text("mine", encoding="utf-8")
    code, _, err = cli(capsys, "fit", "--resume", missing)  # said to be missing, not "not a run directory"
    assert code == 2 and err == (f"rnncast: error: {missing} does not exist; give the folder of a run that fit wrote "
                                 "(rnncast fit --resume RUN)\n")
    code, _, err = cli(capsys, "fit", "--resume", other)
    assert code == 2 and err == (f"rnncast: error: {other} is not a run directory (no config.json); give the "
                                 "folder a fit wrote\n")
    assert not missing.exists() and os.listdir(other) == ["a.txt"]  # no folder made, no lock file left


def test_resume_of_a_folder_another_process_is_starting_names_that_process(tmp_path, capsys):
    """A fit that holds its new run folder has not written config.json yet: --resume names the
    holder rather than calling the folder no run."""
    run = tmp_path / "run"
    held = lock_folder(run, "run")  # as a fit holds it from before it reads its data
    try:
        code, _, err = cli(capsys, "fit", "--resume", run)
    finally:
        held.release()
    assert code == 75 and err == (f"rnncast: error: run {run} is being written by another rnncast process "
                                 f"(pid {os.getpid()}); wait for it to finish, or give another folder\n")
    assert not (run / LOCK_NAME).exists()


def test_verbose_in_a_config_file_draws_one_bar_the_command_lines(tmp_path, capsys, monkeypatch):
    """`verbose = true` in a config drew the library's bar and the command line's, one after the other."""
    import sys

    import tqdm.auto

    from test_cli_display import Terminal

    data = tmp_path / "d.csv"
    make_frame(ROWS).to_csv(data, index=False)
    (tmp_path / "run.toml").write_text('verbose = true\nepochs = 2\nhidden_size = 4\ndevice = "cpu"\n')
    library = []
    monkeypatch.setattr(tqdm.auto, "tqdm", lambda *a, **k: library.append(k) or (_ for _ in ()).throw(AssertionError))
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    code, _, _ = cli(capsys, "fit", data, "--target", "y", "--config", tmp_path / "run.toml", "--out", tmp_path / "run")
    assert code == 0 and library == []  # the library's bar was never made
    assert "fit lstm epoch 2" in terminal.getvalue()  # the command line's was drawn
    assert json.loads((tmp_path / "run" / "config.json").read_text())["settings"]["verbose"] is True  # as given


def _files(folder) -> dict:
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_resume_with_data_other_than_the_run_started_with_is_refused_and_the_run_kept(tmp_path, capsys):
    """--resume splits the data again: the first rows of the file (or other values) would put rows the
    model trained on into its "test" split. A resume with other data is refused before anything is
    trained or written, naming what differs and what to do; the same data moved elsewhere resumes.
    A run stopped before its first epoch (no checkpoint yet) is checked against its config.json too."""
    frame = make_frame(ROWS)
    frame.to_csv(tmp_path / "d.csv", index=False)
    frame.head(300).to_csv(tmp_path / "head.csv", index=False)
    frame.assign(y=frame["y"] * 10 + 5).to_csv(tmp_path / "changed.csv", index=False)
    run = tmp_path / "run"
    code, _, err = cli(capsys, *fit_args(tmp_path / "d.csv", run, "--epochs", "2"))
    assert code == 0, err
    (run / "report.html").unlink()  # killed while writing its outputs (a finished run is refused: 324)
    kept = _files(run)
    code, out, err = cli(capsys, "fit", "--resume", run, tmp_path / "head.csv")
    assert (code, out) == (2, "")
    assert (f"rnncast: error: {run} was started on other data than {tmp_path / 'head.csv'}: it had 400 rows, "
            f"2024-01-01 00:00:00 to 2024-01-17 15:00:00; this data has 300 rows, 2024-01-01 00:00:00 to 2024-01-13 "
            f"11:00:00; a resumed run trains and is scored on the data it started with ({tmp_path / 'd.csv'}), or it would "
            f"score what it should not (rows it trained on as test rows, values fill made as observed ones); give that data (rnncast fit --resume {run} DATA; it may have "
            f"moved), or start a new run on this data: rnncast fit --config {run} {tmp_path / 'head.csv'} --out NEW\n") in err
    code, _, err = cli(capsys, "fit", "--resume", run, tmp_path / "changed.csv")
    assert code == 2 and "it had the same 400 rows, 2024-01-01 00:00:00 to 2024-01-17 15:00:00, but other values in column 'y'" in err
    assert _files(run) == kept  # nothing of the run was overwritten
    (run / "checkpoint.safetensors").unlink()  # as a run stopped before its first epoch ended
    code, _, err = cli(capsys, "fit", "--resume", run, tmp_path / "head.csv")
    assert code == 2 and "it had 400 rows" in err
    (tmp_path / "d.csv").rename(tmp_path / "moved.csv")
    code, out, err = cli(capsys, "fit", "--resume", run, tmp_path / "moved.csv")
    assert code == 0, err  # the same content at another path: the data moved
    assert json.loads((run / "config.json").read_text())["fingerprint"]["rows"] == ROWS


def test_resume_of_a_run_started_before_its_data_was_recorded_says_it_cannot_be_checked(tmp_path, capsys, caplog):
    from safetensors import safe_open
    from safetensors.torch import load_file, save_file

    make_frame(ROWS).to_csv(tmp_path / "d.csv", index=False)
    run = tmp_path / "run"
    code, _, err = cli(capsys, *fit_args(tmp_path / "d.csv", run, "--epochs", "2"))
    assert code == 0, err
    config = json.loads((run / "config.json").read_text())
    del config["fingerprint"]
    (run / "config.json").write_text(json.dumps(config))
    checkpoint = run / "checkpoint.safetensors"
    with safe_open(str(checkpoint), framework="pt") as f:
        loop = json.loads(f.metadata()["loop"])
    del loop["data"]
    save_file(load_file(checkpoint), checkpoint, metadata={"loop": json.dumps(loop)})
    (run / "report.html").unlink()  # killed while writing its outputs (a finished run is refused: 324)
    code, _, err = cli(capsys, "fit", "--resume", run)
    assert code == 0, err
    assert "was written before rnncast recorded the data a run trains on, so whether this is the data the run " \
           "started with cannot be checked" in caplog.text
    assert json.loads((run / "config.json").read_text())["fingerprint"]["rows"] == ROWS  # recorded from now on


def _interrupted_at_epoch_2(*args, **kwargs):
    """fit's epoch bar (``cli.display.epoch_bar``) that presses Ctrl-C once epoch 2 is saved."""
    from rnncast.cli.display import epoch_bar

    bar = epoch_bar(*args, **kwargs)

    def draw(record):
        bar(record)
        if record.epoch == 2:
            raise KeyboardInterrupt

    draw.close = bar.close
    return draw


def test_a_resumed_fit_says_which_epochs_it_trained_and_how_many_in_all(tmp_path, capsys, monkeypatch):
    """After a run interrupted at epoch 2 of 4 was resumed, fit said "trained 4 epochs in 0.3 s": the
    seconds were the resume's, the epochs both attempts'."""
    from rnncast.cli import fitting
    from rnncast.cli.display import epoch_bar

    data = tmp_path / "d.csv"
    make_frame(ROWS).to_csv(data, index=False)

    monkeypatch.setattr(fitting, "epoch_bar", _interrupted_at_epoch_2)
    code, _, err = cli(capsys, *fit_args(data, tmp_path / "run", "--epochs", "4", "--patience", "50"))
    assert code == 130 and "epoch 2 and those before it are saved" in err
    monkeypatch.setattr(fitting, "epoch_bar", epoch_bar)
    code, out, err = cli(capsys, "fit", "--resume", tmp_path / "run")
    assert code == 0, err
    assert "trained epochs 3-4 (4 in all) in " in out


def test_a_resume_with_fewer_epochs_than_the_run_trained_is_refused_and_changes_nothing(tmp_path, capsys, monkeypatch):
    """t26t8: a run interrupted at epoch 339 of 400, resumed with --epochs 30, trained nothing yet wrote "epochs": 30
    into config.json (fit --config RUN then trained 30 epochs: test MSE 4.40, not the run's 1.86), and said it had
    run "as many as its settings or early stopping allowed". Now refused, naming both numbers and what works;
    --epochs equal to those trained ends the run there, said so."""
    from rnncast.cli import fitting
    from rnncast.cli.display import epoch_bar

    make_frame(ROWS).to_csv(tmp_path / "d.csv", index=False)
    run = tmp_path / "run"
    monkeypatch.setattr(fitting, "epoch_bar", _interrupted_at_epoch_2)
    assert cli(capsys, *fit_args(tmp_path / "d.csv", run, "--epochs", "4", "--patience", "50"))[0] == 130
    monkeypatch.setattr(fitting, "epoch_bar", epoch_bar)
    kept = _files(run)
    code, out, err = cli(capsys, "fit", "--resume", run, "--epochs", "1")
    assert (code, out) == (2, "")
    assert err == (f"rnncast: error: {run / 'checkpoint.safetensors'} has trained 2 epochs already, more than the 1 "
                   "asked for now: a resume trains a run further, or ends it sooner, but cannot take back epochs it "
                   "trained; leave --epochs out to finish it as begun (4 epochs), or give more than 2; nothing was "
                   "changed\n")
    assert _files(run) == kept and json.loads((run / "config.json").read_text())["settings"]["epochs"] == 4
    code, out, err = cli(capsys, "fit", "--resume", run, "--epochs", "2")
    assert code == 0, err
    assert "the run's training had ended (2 epochs run, all its settings ask for), so nothing was trained" in out


def test_what_rnncast_noticed_during_a_fit_is_kept_in_metrics_json_and_shown_on_the_page_once(tmp_path, capsys):
    """Of a fit's warnings only the MASE note reached report.html, and neither file recorded them: fill
    'drop' moving the cutoff, the values filled, a constant column were said on stderr alone.
    They are metrics.json's notes and the page's "What rnncast noticed" (escaped); a resumed run's
    notes replace its first attempt's, none twice."""
    frame = make_frame(ROWS)
    frame.loc[50:51, "y"] = float("nan")
    frame.loc[ROWS - 3:, "x"] = float("nan")  # the last rows (a feature blank: dated blank targets are refused, 1475): dropping them moves the cutoff
    data, run = tmp_path / "d.csv", tmp_path / "run"
    frame.to_csv(data, index=False)
    code, _, err = cli(capsys, *fit_args(data, run, "--epochs", "2", "--fill", "drop", "--features", "x"))
    assert code == 0, err
    notes = json.loads((run / "metrics.json").read_text())["notes"]
    assert {"level": "info", "text": "fill 'drop' removed 5 rows that hold a missing value"} in notes
    moved = [n for n in notes if n["text"].startswith("fill 'drop' removed the last 3 rows")]
    assert len(moved) == 1 and moved[0]["level"] == "warning" and "the cutoff (the last time the model sees) is no longer" in moved[0]["text"]
    assert any(n["text"].startswith("fill 'drop' removed rows inside 1 series") for n in notes)
    assert not any(n["text"].startswith("time: column") for n in notes)  # where the time came from: not a note
    page = (run / "report.html").read_text()
    assert "<h2>What rnncast noticed</h2>" in page and "Warning: fill &#x27;drop&#x27; removed the last 3 rows" in page
    assert "fill 'drop'" not in page  # plain text, escaped
    assert page.index("What rnncast noticed") < page.index("Metrics (original units)")
    (run / "report.html").unlink()  # killed while writing its outputs (a finished run is refused: 324)
    code, _, err = cli(capsys, "fit", "--resume", run)
    assert code == 0, err
    assert json.loads((run / "metrics.json").read_text())["notes"] == notes  # replaced, not appended
    assert (run / "report.html").read_text().count("removed the last 3 rows") == 1


def test_fit_prints_the_verdict_then_the_notes_and_every_hint_last(tmp_path, capsys):
    """fit printed the season hint between the verdict and the intervals and the future-known hint after
    the trained line; evaluate and backtest print the verdict, the notes, then the hints: fit now does too,
    through evaluate's readout (``readout.said``), the split named as fit names it."""
    data = tmp_path / "d.csv"
    make_frame(ROWS).to_csv(data, index=False)  # hourly, season 1: the daily season is not weighed
    code, out, err = cli(capsys, *fit_args(data, tmp_path / "run", "--epochs", "2", "--features", "x",
                                           "--quantiles", "0.1,0.5,0.9"))
    assert code == 0, err
    lines = out.strip().splitlines()
    verdict = next(k for k, line in enumerate(lines) if line.startswith("The model "))
    assert "on the test split" in lines[verdict] and lines[verdict + 1].startswith("Against each baseline (p: one-sided, that the model is not better): ")
    assert lines[verdict + 2].startswith("Prediction intervals") and "of the test values" in lines[verdict + 2]
    assert lines[verdict + 3].startswith("trained 2 epochs") and len(lines) == verdict + 4  # stdout: the output
    said = err.strip().splitlines()  # the advice on stderr, after the log lines (decision 1164)
    hints = next(k for k, line in enumerate(said) if line.startswith("hint: "))
    assert said[hints].startswith("hint: the calendar is 'h', 24 hours in a day, but season is 1")
    assert all(line.startswith("hint: ") for line in said[hints:])


def test_fit_says_how_much_of_the_training_windows_an_epoch_drew_when_max_batches_cut_it(tmp_path, capsys):
    """With the max_batches cap an "epoch" drew a part of the training windows, yet fit printed "trained 2
    epochs in 0.3 s"; the line and the run page now say how much, and a full pass says nothing more."""
    data = tmp_path / "d.csv"
    make_frame(ROWS).to_csv(data, index=False)
    code, out, err = cli(capsys, *fit_args(data, tmp_path / "capped", "--epochs", "2", "--batch-size", "8",
                                           "--max-batches", "3"))
    assert code == 0, err
    line = next(line for line in out.splitlines() if line.startswith("trained "))
    assert line.startswith("trained 2 epochs of 3 batches (24 of ") and "training windows each, max_batches=3) in " in line
    page = (tmp_path / "capped" / "report.html").read_text()
    assert "2 epochs of 3 batches (24 of " in page
    code, out, err = cli(capsys, *fit_args(data, tmp_path / "full", "--epochs", "2", "--max-batches", "0"))
    assert code == 0, err
    line = next(line for line in out.splitlines() if line.startswith("trained "))
    assert line.startswith("trained 2 epochs in ") and "batches" not in line


def test_resume_of_a_finished_run_is_refused_and_writes_nothing(tmp_path, capsys):
    """fit --resume of a finished run exited 0 and wrote config.json (without the request's id_col, series,
    ...), model.json, the plots and the page again; a run ended by early stopping is finished too."""
    make_frame(ROWS).to_csv(tmp_path / "d.csv", index=False)
    for run, flags in ((tmp_path / "run", ("--epochs", "2")),
                       (tmp_path / "stopped", ("--epochs", "30", "--patience", "1", "--lr", "0.5"))):
        code, _, err = cli(capsys, *fit_args(tmp_path / "d.csv", run, *flags))
        assert code == 0, err
        kept = _files(run)
        code, out, err = cli(capsys, "fit", "--resume", run)
        assert (code, out) == (2, "")
        assert err.startswith(f"rnncast: error: {run} finished training at epoch ") and err.endswith(
            "; nothing to resume: --resume continues an interrupted run, and its --epochs cannot extend a finished one; "
            f"fit again with rnncast fit --config {run} --out NEW (with --epochs N for more epochs), or replace it with "
            f"--out {run} --overwrite\n"), err
        assert cli(capsys, "fit", "--resume", run, "--epochs", "40")[2] == err  # more epochs do not extend it
        assert _files(run) == kept
    assert "at epoch 2;" in cli(capsys, "fit", "--resume", tmp_path / "run")[2]
    stopped = cli(capsys, "fit", "--resume", tmp_path / "stopped")[2]
    assert "at epoch 30;" not in stopped, stopped  # early stopping ended it


def test_a_config_files_chunk_beside_the_window_scheme_is_said_as_the_files_to_remove(tmp_path, capsys):
    """fit --config RUN (scheme sequence, chunk 7) --scheme window was told "leave chunk unset", which the command
    line cannot do when the file sets it."""
    data = tmp_path / "d.csv"
    make_frame(ROWS).to_csv(data, index=False)
    config = tmp_path / "run.toml"
    config.write_text('scheme = "sequence"\nchunk = 7\nepochs = 1\nhidden_size = 4\ndevice = "cpu"\n')
    code, _, err = cli(capsys, "fit", data, "--target", "y", "--config", config, "--scheme", "window",
                       "--out", tmp_path / "run")
    assert code == 2 and "Traceback" not in err and not (tmp_path / "run").exists()
    assert (f"chunk=7 is the sequence scheme's steps per chunk, and scheme 'window' does not use it: train with the "
            f"sequence scheme (scheme='sequence', --scheme sequence) or remove chunk from the config {config}") in err
    code, _, err = cli(capsys, *fit_args(data, tmp_path / "run", "--chunk", "7", "--epochs", "1"))
    assert code == 2 and "or leave chunk unset" in err  # a flag's own: leaving it out is the command line's to do


def test_resume_of_a_run_whose_checkpoint_is_gone_says_it_starts_from_epoch_1(tmp_path, capsys, monkeypatch, caplog):
    """fit --resume of an interrupted run whose checkpoint.safetensors was deleted trained from epoch 1 without a word
    ("trained 150 epochs", exit 0): it still does, as a run stopped before its first epoch ended must, and says so."""
    from rnncast.cli import fitting
    from rnncast.cli.display import epoch_bar

    data, run = tmp_path / "d.csv", tmp_path / "run"
    make_frame(ROWS).to_csv(data, index=False)

    monkeypatch.setattr(fitting, "epoch_bar", _interrupted_at_epoch_2)
    assert cli(capsys, *fit_args(data, run, "--epochs", "3", "--patience", "50"))[0] == 130
    monkeypatch.setattr(fitting, "epoch_bar", epoch_bar)
    (run / "checkpoint.safetensors").unlink()
    code, out, err = cli(capsys, "fit", "--resume", run)
    said = (f"no checkpoint found in {run} (checkpoint.safetensors, written after each epoch), so training starts from "
            "epoch 1")
    assert code == 0 and "trained 3 epochs in " in out, err
    assert [r.getMessage() for r in caplog.records if r.name == "rnncast.cli.fitting"] == [said]
    assert {"level": "warning", "text": said} in json.loads((run / "metrics.json").read_text())["notes"]


def test_a_refused_fit_prints_its_refusal_alone(tmp_path, capsys, caplog):
    """`fit bad.csv --features x,const --future-known` printed "WARNING: not used: spare ..." before the refusal."""
    data = tmp_path / "d.csv"
    make_frame(ROWS).assign(const=np.where(np.arange(ROWS) == 40, np.nan, 5.0 + np.arange(ROWS) % 3),
                            spare=np.arange(ROWS) % 7.0).to_csv(data, index=False)  # const: a missing value, refused
    with caplog.at_level("WARNING", logger="rnncast"):
        code, _, err = cli(capsys, *fit_args(data, tmp_path / "run", "--features", "x,const", "--future-known"))
        assert code == 2 and "column 'const'" in err and "--fill" in err, err
        code, _, err = cli(capsys, *fit_args(data, tmp_path / "run", "--future-known"))
        assert code == 2 and "(future_known=True, --future-known)" in err, err
        assert "not used" not in caplog.text
        code, _, err = cli(capsys, *fit_args(data, tmp_path / "run", "--features", "x", "--epochs", "1"))
    said = "not used: const, spare (to train on them"  # numbers: offered a role
    assert code == 0 and caplog.text.count(said) == 1, err
    notes = json.loads((tmp_path / "run" / "metrics.json").read_text())["notes"]
    assert any(n["text"].startswith(said) for n in notes)  # the run records it


def test_a_full_disk_in_the_first_epoch_names_the_checkpoint_and_resume_continues_the_run(tmp_path, monkeypatch,
                                                                                           capsys):
    """The first epoch's checkpoint on a full disk said only "No space left on device": now its path, that the disk
    is full, what the run holds and that --resume continues it once space is freed."""
    import errno
    import os

    from rnncast import resume
    from rnncast.cli import main
    from test_interrupts import _fit_args

    real = resume.write_bytes

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    def checkpoint_on_a_full_disk(path, data, *new):
        with monkeypatch.context() as disk:
            disk.setattr(os, "fsync", full)
            real(path, data, *new)

    monkeypatch.setattr(resume, "write_bytes", checkpoint_on_a_full_disk)
    assert main(_fit_args(tmp_path, epochs=1)) == 74  # sysexits EX_IOERR (decision 2186)
    run = tmp_path / "run"
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1] == (
        f"rnncast: error: {run / 'checkpoint.safetensors'}: No space left on device (the disk is full: nothing was "
        f"written to {run / 'checkpoint.safetensors'}, and a file there before is as it was; free some space, or give a "
        f"path on another disk) (no epoch had been saved, so resuming starts the training over; after freeing space, "
        f"continue the run with: rnncast fit --resume {run})"), err
    monkeypatch.setattr(resume, "write_bytes", real)
    assert main(["fit", "--resume", str(run)]) == 0, capsys.readouterr().err
    assert (run / "report.html").is_file()


def test_a_run_that_diverges_in_its_first_epoch_leaves_no_folder_to_resume(tmp_path, capsys):
    """A fit that diverged before any epoch finished left its run folder with config.json alone, which a rerun called
    "a finished run" and predict an interrupted one to continue with fit --resume (which would diverge again). Nothing
    is kept now: the same command with a lower --lr writes the run."""
    data = tmp_path / "d.csv"
    make_frame(ROWS).to_csv(data, index=False)
    run = tmp_path / "run"
    code, _, err = cli(capsys, *fit_args(data, run, "--epochs", "1", "--lr", "1e30", "--no-highway"))
    assert code == 2 and "training diverged in epoch 1" in err and "try a lower learning rate" in err, err
    assert not run.exists()
    code, _, err = cli(capsys, *fit_args(data, run, "--epochs", "1", "--no-highway"))
    assert code == 0, err


def test_a_resume_that_diverges_before_an_epoch_points_to_a_new_start_with_a_lower_lr(tmp_path, capsys):
    """--resume keeps the run's settings, so a run whose learning rate diverges would diverge at every resume: the
    refusal names the command that starts it over with a lower --lr, which works; the run's config.json is kept."""
    data = tmp_path / "d.csv"
    make_frame(ROWS).to_csv(data, index=False)
    run = tmp_path / "run"
    assert cli(capsys, *fit_args(data, run, "--epochs", "1", "--no-highway"))[0] == 0
    config = json.loads((run / "config.json").read_text())
    config["settings"]["lr"] = 1e30  # as a run interrupted before its first epoch keeps it
    for name in os.listdir(run):
        if name != "config.json" and not name.startswith("."):
            path = run / name
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    (run / "config.json").write_text(json.dumps(config))
    code, _, err = cli(capsys, "fit", "--resume", run)
    assert code == 2 and err.rstrip().endswith(f"resuming keeps the run's settings and diverges again: start it over "
                                               f"with another: rnncast fit --config {run} --lr 0.0003 --out {run} "
                                               "--overwrite"), err
    after = json.loads((run / "config.json").read_text())
    noted = after["environment"].pop("resumed_with", [])  # the resume, recorded as it began (decision 1767)
    assert after == config and all("--resume" in line for line in noted)
    code, _, err = cli(capsys, "fit", "--config", run, "--lr", "0.0003", "--out", run, "--overwrite")
    assert code == 0, err


def test_a_suggested_command_quotes_a_path_with_a_space_so_it_can_be_pasted(tmp_path, capsys):
    """"Continue with: rnncast fit --resume runs/my run2" failed when pasted: a path with a space is now quoted."""
    data = tmp_path / "d.csv"
    make_frame(ROWS).to_csv(data, index=False)
    run = tmp_path / "my run"
    assert cli(capsys, *fit_args(data, run, "--epochs", "1"))[0] == 0
    (run / "report.html").unlink()  # cut short while writing its outputs
    code, _, err = cli(capsys, *fit_args(data, run, "--epochs", "1"))
    assert code == 2 and f"rnncast fit --resume '{run}'," in err, err


def test_a_value_out_of_range_names_its_flag_or_the_config_file_that_gave_it(tmp_path, capsys):
    """--horizon 0 was refused as "horizon must be a positive integer", naming no flag, and lookback = -4 in a
    --config file as "lookback must be ...", naming no file, where epochs = "two" there named it (decision 603)."""
    data = tmp_path / "d.csv"
    make_frame(ROWS).to_csv(data, index=False)
    code, _, err = cli(capsys, *fit_args(data, tmp_path / "run", "--horizon", "0"))
    assert (code, err) == (2, "rnncast: error: horizon (--horizon) must be a positive integer, got 0\n")
    config = tmp_path / "c.toml"
    config.write_text('target = "y"\nlookback = -4\nval_frac = 2\n')
    code, _, err = cli(capsys, "fit", data, "--config", config, "--val-frac", "0.1", "--out", tmp_path / "run")
    assert (code, err.splitlines(True)[-1]) == (2, f"rnncast: error: lookback (in config {config}) must be a positive integer, got -4\n")
    code, _, err = cli(capsys, "fit", data, "--config", config, "--lookback", "0", "--out", tmp_path / "run")
    assert (code, err.splitlines(True)[-1]) == (2, "rnncast: error: lookback (--lookback) must be a positive integer, got 0\n")  # the flag's
    code, _, err = cli(capsys, "tune", data, "--config", config, "--lookback", "8", "--out", tmp_path / "tune")
    assert (code, err.splitlines(True)[-1]) == (2, f"rnncast: error: val_frac (in config {config}) must be a number in [0, 1), got 2.0\n")
    # before each: "--val-frac 0.1 replaces the config's 2.0 (c.toml)" (decision 1266)
    code, _, err = cli(capsys, *fit_args(data, tmp_path / "run", "--val-frac", "2"))
    assert err == "rnncast: error: val_frac (--val-frac) must be a number in [0, 1), got 2.0\n"  # the last run's file not named
    assert not (tmp_path / "run").exists() and not (tmp_path / "tune").exists()


def test_resume_of_a_run_whose_config_json_was_edited_is_refused_naming_each_setting(tmp_path, capsys, monkeypatch,
                                                                                    caplog):
    """A hand-edited lr in config.json was trained on at --resume without a word (and a seed ignored, but recorded):
    every setting is held against the checkpoint's record; only epochs (said), device and threads may change."""
    from rnncast.cli import fitting
    from rnncast.cli.display import epoch_bar

    data, run = tmp_path / "d.csv", tmp_path / "run"
    make_frame(ROWS).to_csv(data, index=False)
    monkeypatch.setattr(fitting, "epoch_bar", _interrupted_at_epoch_2)
    code, _, err = cli(capsys, *fit_args(data, run, "--epochs", "4", "--patience", "50"))
    assert code == 130, err
    monkeypatch.setattr(fitting, "epoch_bar", epoch_bar)
    config = json.loads((run / "config.json").read_text())
    lr = config["settings"]["lr"]
    (run / "config.json").write_text(json.dumps({**config, "settings": {**config["settings"], "lr": 0.5, "seed": 7}}))
    before = (run / "checkpoint.safetensors").read_bytes()
    code, out, err = cli(capsys, "fit", "--resume", run)
    assert (code, out) == (2, "")
    assert f"was begun with other settings than {run / 'config.json'} gives: lr {lr!r} then, 0.5 now; seed 0 then, 7 now; " in err
    assert (run / "checkpoint.safetensors").read_bytes() == before
    (run / "config.json").write_text(json.dumps({**config, "settings": {**config["settings"], "epochs": 3}}))
    code, out, err = cli(capsys, "fit", "--resume", run)
    assert code == 0, err
    assert "with epochs 3 (it was begun with epochs 4)" in caplog.text and "trained epoch 3 (3 in all)" in out
    assert caplog.text.count("(it was begun with epochs 4)") == 1  # said once, not by both checks


def test_a_value_a_config_file_gives_is_refused_naming_the_file_not_a_flag(tmp_path, capsys):
    """`epochs = 99999999999999999999` in c.toml was refused as "epochs (--epochs) ...", a flag never given, and
    quantiles lacking 0.5 named no file; a flag given over the file is named as the flag."""
    make_frame(ROWS).to_csv(tmp_path / "d.csv", index=False)
    base = f'data = "{tmp_path / "d.csv"}"\ntarget = "y"\nlookback = 12\nhorizon = 3\n'
    (tmp_path / "big.toml").write_text(base + "epochs = 99999999999999999999\n")
    (tmp_path / "q.toml").write_text(base + 'quantiles = "0.1,0.9"\n')
    code, out, err = cli(capsys, "fit", "--config", tmp_path / "big.toml", "--out", tmp_path / "a")
    assert (code, out) == (2, "") and f"epochs (in config {tmp_path / 'big.toml'}) 99999999999999999999 is out of range" in err
    code, out, err = cli(capsys, "fit", "--config", tmp_path / "q.toml", "--out", tmp_path / "b")
    assert (code, out) == (2, "") and f"quantiles (in config {tmp_path / 'q.toml'}) [0.1, 0.9] lack 0.5" in err
    code, out, err = cli(capsys, "fit", "--config", tmp_path / "big.toml", "--epochs", "0", "--out", tmp_path / "c")
    assert code == 2 and "epochs (--epochs) must be a positive integer, got 0" in err
    assert not any((tmp_path / name).exists() for name in "abc")


def test_a_keyed_runs_config_json_keeps_id_col_as_given_and_as_a_list_and_resumes(tmp_path, capsys):
    """A tester's finding: the README said id_col is the list in a run's config.json, where its "data" (the request,
    read back by --resume and --config RUN) keeps the text "item_id,store_id". Both are kept, each where the README
    now says; a keyed run resumes from them, and evaluate --json names a series by an object of its key's columns."""
    from rnncast.datasets import sine_panel

    frame = sine_panel(2, seed=1)
    frame = frame.assign(item_id="FOODS", store_id=frame["unique_id"].str[-1].astype(int)).drop(columns="unique_id")
    data = tmp_path / "d.csv"
    frame.to_csv(data, index=False)
    run = tmp_path / "run"
    code, _, err = cli(capsys, *fit_args(data, run, "--epochs", "1", "--id-col", "item_id,store_id", "--time-col", "ds",
                                         "--lookback", "12", "--horizon", "3"))
    assert code == 0, err
    config = json.loads((run / "config.json").read_text())
    assert config["data"]["id_col"] == config["run"]["id_col"] == ["item_id", "store_id"]  # one form (decision 1133)
    code, out, err = cli(capsys, "evaluate", run / "model", data, "--json", "--by-series")
    assert code == 0, err
    assert json.loads(out)["series"][0]["id"] == {"item_id": "FOODS", "store_id": 0}  # an int as the file's column reads (1135)
    (run / "report.html").unlink()  # its outputs cut short: it resumes, and trains one epoch more
    code, _, err = cli(capsys, "fit", "--resume", run, "--epochs", "2", "--id-col", "item_id,store_id")  # its own key
    assert code == 0, err
    config = json.loads((run / "config.json").read_text())
    assert config["data"]["id_col"] == config["run"]["id_col"] == ["item_id", "store_id"]
    (run / "report.html").unlink()  # a run written before 1133, its request's key as text: read as before
    (run / "config.json").write_text(json.dumps({**config, "data": {**config["data"], "id_col": "item_id,store_id"}}))
    code, _, err = cli(capsys, "fit", "--resume", run, "--epochs", "3")
    assert code == 0, err
    for old in ("item_id,store_id", ["item_id", "store_id"]):  # --config RUN of either form: a new run of the key
        config = json.loads((run / "config.json").read_text())
        (run / "config.json").write_text(json.dumps({**config, "data": {**config["data"], "id_col": old}}))
        again = tmp_path / f"again{len(old)}"
        code, _, err = cli(capsys, "fit", "--config", run, "--out", again, "--epochs", "1")
        assert code == 0, err
        config = json.loads((again / "config.json").read_text())
        assert config["data"]["id_col"] == config["run"]["id_col"] == ["item_id", "store_id"]
    (run / "report.html").unlink()
    config = json.loads((run / "config.json").read_text())
    (run / "config.json").write_text(json.dumps({**config, "data": {**config["data"], "id_col": "store_id"}}))
    code, _, err = cli(capsys, "fit", "--resume", run)  # another id column: still refused by name
    assert code == 2 and "id_col ['item_id', 'store_id'] then, 'store_id' now" in err
    one = tmp_path / "one"  # a key of one column: the name as given, in both
    code, _, err = cli(capsys, *fit_args(data, one, "--epochs", "1", "--id-col", "store_id", "--time-col", "ds",
                                         "--lookback", "12", "--horizon", "3"))
    assert code == 0, err
    config = json.loads((one / "config.json").read_text())
    assert config["data"]["id_col"] == config["run"]["id_col"] == "store_id"


def test_stdout_holds_the_output_and_stderr_the_diagnostics_quiet_or_not(tmp_path, capsys, caplog):
    """A tester's finding: fit's "hint: ... give the season (--season 24)" went to stdout while INFO and WARNING
    went to stderr. Every command's advice is now on stderr with the log lines (``display.advise``), and ``-q`` keeps
    only the warnings there; stdout, the scores and paths, is the same either way. predict's CSV and evaluate's JSON
    on stdout stay clean, evaluate --json's advice said on stderr (it was dropped). Decisions 1164, 1165."""
    import logging

    data = tmp_path / "d.csv"
    make_frame(ROWS).to_csv(data, index=False)  # hourly, season 1: the season hint
    code, out, err = cli(capsys, *fit_args(data, tmp_path / "run", "--epochs", "2"))
    assert code == 0, err
    assert "hint: " not in out and err.startswith("hint: the calendar is 'h'")  # the log lines are caplog's here
    assert "INFO" in {r.levelname for r in caplog.records}
    caplog.clear()
    code, quiet_out, quiet_err = cli(capsys, *fit_args(data, tmp_path / "quiet", "--epochs", "2", "-q"))
    try:
        assert code == 0, quiet_err
        assert quiet_out.splitlines()[:-1] == out.splitlines()[:-1]  # the same scores; the last line's seconds differ
        assert quiet_err == "" and {r.levelname for r in caplog.records} == {"WARNING"}  # the best epoch was the last
    finally:
        logging.getLogger("rnncast").setLevel(logging.INFO)
    code, out, err = cli(capsys, "predict", tmp_path / "run", data)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "date,cutoff,step_ahead,y" and len(lines) == 1 + 6 and all(line.count(",") == 3 for line in lines)  # CSV alone
    code, out, err = cli(capsys, "evaluate", tmp_path / "run", data, "--json")
    assert code == 0, err
    assert json.loads(out)["horizon"] == 6  # JSON alone
    assert err.startswith("hint: the calendar is 'h', 24 hours in a day, but season is 1")
    code, out, err = cli(capsys, "evaluate", tmp_path / "run", data, "--json", "--quiet")
    logging.getLogger("rnncast").setLevel(logging.INFO)
    assert code == 0 and json.loads(out)["horizon"] == 6 and err == ""


def test_many_windows_to_score_are_said_before_the_scoring_and_the_large_file_before_its_writing(tmp_path, capsys,
                                                                                                   monkeypatch, caplog):
    """ETTm1 at lookback and horizon 720 trained in 15 s, then said nothing for 8 minutes while 19,466 windows were
    forecast and a 9.5 M-row test_forecasts.csv written (decision 1562): each is said in one INFO line first."""
    from types import SimpleNamespace

    from pandas.tseries.frequencies import to_offset

    from rnncast.cli.fitting import scoring_line
    from rnncast.timecalendar import Calendar
    from rnncast.windows import Split

    ettm1 = SimpleNamespace(settings_=SimpleNamespace(data=SimpleNamespace(lookback=720, horizon=720),
                                                      model=SimpleNamespace(quantiles=None)),
                            splits_=[Split(48_776, 55_744, 69_680)],  # 70% / 10% / 20% of 69,680 rows
                            calendar_=Calendar("datetime", to_offset("15min")))  # intraday: a day apart
    assert scoring_line(ettm1, "run 1").startswith("scoring 6,249 validation and 13,217 test windows of 720 steps, "
                                                   "every stride-1 window (test_forecasts.csv about 856 MB); to score "
                                                   "fewer, `rnncast backtest DATA --from-run 'run 1' --step 1D`")
    ettm1.settings_.data.horizon = 4
    assert scoring_line(ettm1) is None  # 20,898 windows of 4 steps: under a million steps and 100 MB, unsaid
    monkeypatch.setattr("rnncast.scoringsaid.SAID_STEPS", 1)
    monkeypatch.setattr("rnncast.csvtext.SAID_ROWS", 1)
    data = tmp_path / "d.csv"
    make_frame(ROWS).to_csv(data, index=False)
    with caplog.at_level("INFO", logger="rnncast"):
        code, _, _ = cli(capsys, *fit_args(data, tmp_path / "run", "--epochs", "1"))
    assert code == 0
    lines = [r.getMessage() for r in caplog.records if r.levelname == "INFO"]
    scoring = next(i for i, line in enumerate(lines) if line.startswith("scoring "))
    writing = next(i for i, line in enumerate(lines) if line.startswith("writing test_forecasts.csv: "))
    assert scoring < writing and " test windows of 6 steps, every stride-1 window (" in lines[scoring]


def test_a_resume_is_recorded_as_it_begins_so_a_stopped_one_is_kept(tmp_path):
    """config.json took a resume's command line only at write_run, so a resume stopped in its turn was recorded
    nowhere (r34r3 1, decision 1767): it is added as the resume begins, the rest of config.json as it was."""
    import json

    from rnncast.cli.fitting import _note_resume
    from rnncast.version import COMMAND_LINE

    first = "rnncast fit s.csv --epochs 20 --out runs/e3"
    (tmp_path / "config.json").write_text(json.dumps({"settings": {"epochs": 20}, "environment": {
        "command_line": first, "threads_used": 2}}))
    token = COMMAND_LINE.set("rnncast fit --resume runs/e3 --threads 1")
    try:
        _note_resume(tmp_path)
        COMMAND_LINE.set("rnncast fit --resume runs/e3 --threads 2")
        _note_resume(tmp_path)
    finally:
        COMMAND_LINE.reset(token)
    record = json.loads((tmp_path / "config.json").read_text())
    assert record["settings"] == {"epochs": 20} and record["environment"] == {
        "command_line": first, "threads_used": 2,
        "resumed_with": ["rnncast fit --resume runs/e3 --threads 1", "rnncast fit --resume runs/e3 --threads 2"]}
    _note_resume(tmp_path / "none")  # no config.json: nothing to note, nothing raised


def test_a_resume_replaces_links_planted_in_its_run_folder_and_never_writes_where_they_lead(tmp_path, capsys, caplog):
    """t35t4 H2: history.csv -> elsewhere/notes.txt in a shared run folder, and ``fit --resume`` overwrote notes.txt
    with the run's history (test_forecasts.csv's link with patients' forecasts). In a folder rnncast holds, a link
    where one of its own files (or model/) goes is now replaced by that file, said in a WARNING, and what it led to
    stays as it was (decision 1800)."""
    data = tmp_path / "d.csv"
    make_frame(ROWS).to_csv(data, index=False)
    run, elsewhere = tmp_path / "run", tmp_path / "elsewhere"
    code, _, err = cli(capsys, *fit_args(data, run, "--epochs", "1"))
    assert code == 0, err
    (run / "report.html").unlink()  # its outputs cut short: it resumes
    (elsewhere / "model").mkdir(parents=True)
    for name in ("history.csv", "test_forecasts.csv", "model/model.json"):
        (elsewhere / name).write_text(f"precious {name}\n")
    for name in ("history.csv", "test_forecasts.csv", "model"):
        (run / name).unlink() if name != "model" else shutil.rmtree(run / name)
        (run / name).symlink_to(elsewhere / name)
    code, _, err = cli(capsys, "fit", "--resume", run, "--epochs", "2")
    assert code == 0, err
    for name in ("history.csv", "test_forecasts.csv", "model/model.json"):
        assert (elsewhere / name).read_text() == f"precious {name}\n"
    assert not any((run / name).is_symlink() for name in ("history.csv", "test_forecasts.csv", "model"))
    assert (run / "history.csv").read_text().startswith("epoch,") and (run / "model" / "weights.safetensors").is_file()
    assert f"history.csv was a link to {elsewhere / 'history.csv'}; a link in a folder rnncast writes is replaced" in \
        caplog.text
    assert sorted(p.name for p in elsewhere.iterdir()) == ["history.csv", "model", "test_forecasts.csv"]


def test_fit_says_the_validation_windows_left_out_for_the_season_beside_the_test_ones(tmp_path, capsys):
    """Decision 1877: the terminal shows no validation table, so the validation windows left out for want of a season of
    rows before them were counted only on the report page: fit prints one line of them, with the count early stopping
    read. Series 'c' (60 weekly rows) has 3 validation windows, none with 52 rows before it."""
    import pandas as pd

    frames = [make_frame(n, freq="W-SUN", feature=False, seed=k).assign(id=name)
              for k, (name, n) in enumerate((("a", 120), ("b", 120), ("c", 60)))]
    data = tmp_path / "panel.csv"
    pd.concat(frames).to_csv(data, index=False)
    code, out, err = cli(capsys, *fit_args(data, tmp_path / "run", "--id-col", "id", "--lookback", "8", "--horizon",
                                           "4", "--season", "52", "--epochs", "1"))
    assert code == 0, err
    lines = [line for line in out.splitlines() if line.startswith("Not every validation window is scored: ")]
    assert lines == ["Not every validation window is scored: 3 of the 21 windows (in 1 series) are left out: their "
                     "series hold fewer than a season (52 calendar steps) before their first target, which the seasonal naive "
                     "baseline reads (lookback 8); the model and the baselines are scored on the other 18; series 'c' "
                     "(60 rows) has none left (early stopping read all 21 validation windows, these 3 among them)."]


def test_what_early_stopping_read_is_the_total_over_the_series_with_those_left_out_among_them():
    """t36t7 7 (decision 1935): "series 'c' (66 rows) has none left (early stopping read all 22)" read as c's own
    count; the 22 were the 3 series' validation windows, c's 4 among them."""
    from rnncast.cli.fitting import early_read

    assert early_read({"windows": 4, "of": 22}) == "all 22 validation windows, these 4 among them"
    assert early_read({"windows": 1, "of": 22}) == "all 22 validation windows, this one among them"
    assert early_read({"windows": 5, "of": 5}) == "every validation window, these too"


def test_a_validation_split_without_a_season_before_it_is_warned_of_once(tmp_path, capsys):
    """r36r1 7 (decision 1912): 66 weekly rows, season 52, lookback 8: fit warned before training (decision 1877) and
    again after it ("no window of part 'val' is left to score ...; or refit the model ...: the run has no validation
    scores"), one cause twice, the second in evaluate's words. Now once, the run's notes keeping it."""
    data = tmp_path / "w66.csv"
    make_frame(66, freq="W-SUN", feature=False, seed=1).to_csv(data, index=False)
    code, out, err = cli(capsys, *fit_args(data, tmp_path / "run", "--lookback", "8", "--horizon", "4", "--season",
                                           "52", "--epochs", "1"))
    assert code == 0, err
    notes = [n["text"] for n in json.loads((tmp_path / "run" / "metrics.json").read_text())["notes"]]
    assert [n[:71] for n in notes if "validation split holds no window" in n] == [
        "the validation split holds no window with a season (52 calendar steps) "]
    assert not [n for n in notes if n.startswith("no window of part 'val' is left to score")]
