"""The demo command (``cli/demoing.py``): its table, findings and where its report is printed, each log line named by
its network, fit's --threads and --seed taken, its folder numbered or replaced by --overwrite only once the new demo
is complete (interrupted: the earlier one kept)."""

from __future__ import annotations

import json
import re

from rnncast.cli import main
from test_demo import tiny_demos  # noqa: F401  (a fixture)
from test_memorydemo import tiny_memory  # noqa: F401  (a fixture)


def test_the_demo_command_prints_its_table_and_where_the_report_is(tiny_demos, tmp_path, capsys):
    assert main(["demo", "regression", "--device", "cpu", "--out", str(tmp_path / "demo")]) == 0
    out = capsys.readouterr().out
    assert "beats baselines" in out and "x's past (the tutorial's input)" in out
    # the best baseline: a column where rows differ, else one line under the table (decision 1698)
    assert ("Best baseline of every model (lowest test MSE): " in out) != ("best baseline (test MSE)" in out)
    assert f"wrote {tmp_path / 'demo'}/report.html" in out and (tmp_path / "demo" / "report.html").is_file()


def test_the_memory_demo_prints_its_table_of_each_cell_at_each_lag_first_into_its_own_default_folder(
        tiny_memory, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["demo", "memory", "--device", "cpu", "--threads", "1"]) == 0
    out = capsys.readouterr().out
    assert out.index("What each cell learned at each lag:\nlag  model  learned at epoch") < out.index("beats baselines")
    assert all(f"\n{lag}    {cell}" in out or f"\n{lag}   {cell}" in out for lag in (5, 25) for cell in ("RNN", "GRU"))
    assert "What the lags show." in out and "wrote runs/demo-memory/report.html" in out
    assert (tmp_path / "runs" / "demo-memory" / "gru-lag25" / "history.csv").is_file()


def test_the_demo_command_names_the_network_each_of_its_log_lines_is_about(tiny_demos, tmp_path, caplog, monkeypatch):
    """`rnncast demo` printed six lines "stopped early at epoch 38 of 60 ... (MSE 0.0057097)" naming no network, and
    that MSE (scaled, validation) read as the table's test MSE (original units). Each line now begins with the
    network's name as the page names its metrics, and says which loss it is and in what units."""
    from rnncast import demo

    monkeypatch.setattr(demo, "SINE_SETTINGS", {**demo.SINE_SETTINGS, "epochs": 6, "patience": 1})  # stops early
    with caplog.at_level("INFO", logger="rnncast"):
        assert main(["demo", "--device", "cpu", "--out", str(tmp_path / "sine")]) == 0
    names = [f"{cell} ({group})" for group in ("highway on", "cells alone") for cell in ("RNN", "LSTM", "GRU")]
    lines = [line.split(".py:", 1)[1].split(" ", 1)[1] for line in caplog.text.splitlines() if "rnncast.training" in line]
    assert len(lines) >= 3 and all(line.startswith(tuple(f"{name}: " for name in names)) for line in lines), lines
    ends = [line for line in lines if "stopped early" in line or " ran all " in line]  # the INFO line of each fit
    assert len(ends) >= 3 and all(re.search(r"\(validation MSE [0-9.e-]+, scaled units\)$", line) for line in ends), ends
    stops = [r.getMessage() for r in caplog.records if r.name == "rnncast.training"]
    assert not any(m.startswith(tuple(names)) for m in stops)  # the record as logged: a run's notes keep it so


def test_the_demo_takes_fits_flags_for_threads_and_seed_and_its_models_train_so(tiny_demos, tmp_path, capsys):
    """`rnncast demo --threads 1` was "argument which: invalid choice: '1'": the README's advice for a busy
    machine did not reach the demo. Its flags are fit's (the settings dataclass's), and its models train so."""
    assert main(["demo", "regression", "--threads", "1", "--seed", "3", "--device", "cpu",
                 "--out", str(tmp_path / "demo")]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "seed 3" in out and "threads 1" in out  # the settings other than the defaults, every run's
    config = json.loads((tmp_path / "demo" / "future-known" / "config.json").read_text())
    assert config["settings"]["threads"] == 1 and config["settings"]["seed"] == 3


def test_the_demo_folder_is_numbered_and_an_existing_out_is_kept_unless_overwrite(tiny_demos, tmp_path, capsys,
                                                                                 monkeypatch):
    """demo follows fit's rule: its default folder is numbered if it exists (a second `make demo` writes
    runs/demo-2), and an explicit --out that holds an earlier output is refused unless --overwrite."""
    monkeypatch.chdir(tmp_path)
    for folder in ("runs/demo-regression", "runs/demo-regression-2"):
        assert main(["demo", "regression", "--device", "cpu"]) == 0
        assert f"wrote {folder}/report.html" in capsys.readouterr().out and (tmp_path / folder / "report.html").is_file()
    first = tmp_path / "runs" / "demo-regression"
    page = (first / "report.html").read_bytes()
    (first / "gru").mkdir()  # a sine demo's run folder, as if the sine demo had written here before
    assert main(["demo", "regression", "--device", "cpu", "--out", str(first)]) == 2
    err = capsys.readouterr().err
    assert f"--out {first} holds an earlier rnncast output" in err and "--overwrite" in err
    assert (first / "report.html").read_bytes() == page
    assert main(["demo", "regression", "--device", "cpu", "--out", str(first), "--overwrite"]) == 0
    assert f"wrote {first}/report.html" in capsys.readouterr().out
    assert not (first / "gru").exists() and {"past-only", "future-known", "report.html"} <= {p.name for p in first.iterdir()}


def test_an_interrupted_demo_overwrite_keeps_the_earlier_demo(tiny_demos, tmp_path, capsys, monkeypatch):
    """`demo --overwrite` removed the earlier demo before training: cut short, neither was left. The new demo is
    written beside the earlier one and replaces it only once complete."""
    from rnncast import demo

    out = tmp_path / "demo"
    assert main(["demo", "regression", "--device", "cpu", "--out", str(out)]) == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    real = demo.regression

    def stopped(into, **kwargs):
        (into / "past-only").mkdir()  # its first run begun
        raise KeyboardInterrupt

    monkeypatch.setattr(demo, "regression", stopped)
    assert main(["demo", "regression", "--device", "cpu", "--out", str(out), "--overwrite"]) == 130
    assert f"rnncast: interrupted; {out} keeps the earlier demo as it was" in capsys.readouterr().err
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before  # nothing stray
    monkeypatch.setattr(demo, "regression", real)
    assert main(["demo", "regression", "--device", "cpu", "--out", str(out), "--overwrite"]) == 0
    assert f"wrote {out}/report.html" in capsys.readouterr().out and not (out / ".rnncast-new").exists()


def test_the_sine_demo_command_prints_the_winner_or_tie_the_noise_floor_and_per_epoch_timings(tiny_demos, tmp_path, capsys):
    assert main(["demo", "--device", "cpu", "--out", str(tmp_path / "sine")]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "s/epoch (median)" in out and "epochs (best)" in out and "train s" not in out
    assert "Noise floor" in out and "× floor" in out
    for group in ("With the highway on and the same settings (window_norm='last'),",
                  "With the cells alone and the same settings (window_norm='last'),"):  # what the verdict holds under
        sentence = out.split(group, 1)[1].split("). ", 1)[0]
        assert " wins" in sentence or "tie" in sentence, sentence  # a winner only beyond chance, else a tie
    assert "Settings other than the defaults" in out


def test_a_kill_int_to_a_demo_in_a_background_job_stops_it_and_its_new_folder_goes(tiny_demos, tmp_path, capsys,
                                                                                    monkeypatch):
    """A script's background job (``rnncast demo &``) starts with SIGINT ignored: a ``kill -INT`` was dropped and the
    demo trained to its end. Interrupted, a demo in a new folder left what it had written (runs/demo2/rnn/ alone),
    which later commands wrote into. Now it stops at a batch, as fit does, and its new folder goes."""
    import os
    import signal

    from rnncast import demo

    real = demo.regression

    def signalled(into, **kwargs):
        (into / "past-only").mkdir()  # its first run begun
        (into / "past-only" / "forecast.png").write_bytes(b"")
        os.kill(os.getpid(), signal.SIGINT)  # arrives as the first network starts training
        return real(into, **kwargs)

    monkeypatch.setattr(demo, "regression", signalled)
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)  # as a non-interactive shell starts `cmd &`
    try:
        code = main(["demo", "regression", "--device", "cpu", "--out", str(tmp_path / "demo2")])
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN  # put back as it was
    finally:
        signal.signal(signal.SIGINT, before)
    assert code == 130
    assert capsys.readouterr().err.endswith("rnncast: interrupted; the demo's files written so far were removed; run the "
                                            "same command again for the whole demo\n")
    assert not (tmp_path / "demo2").exists()


def test_the_demo_does_not_say_its_own_columns_are_not_checked_for_an_interruption(tiny_demos, tmp_path, caplog):
    """Decision 2155: `make demo` printed "not checked for a stretch far below or above the level, then back (an
    interruption, a surge): column 'y' (values below 0), ..." of the built-in sine wave, a line about rnncast's own
    data that a newcomer cannot act on; fit says it of a user's data (tests/test_interruptions.py)."""
    with caplog.at_level("INFO", logger="rnncast"):
        assert main(["demo", "regression", "--device", "cpu", "--out", str(tmp_path / "demo")]) == 0
        assert main(["demo", "--device", "cpu", "--out", str(tmp_path / "sine")]) == 0
    assert caplog.records and not [r for r in caplog.records if "not checked for a stretch" in r.getMessage()]
