"""Scenario: ``rnncast tune`` writes a study (SQLite), its trials and a best.toml that ``rnncast fit
--config`` trains; the same study run again (as a second machine would, with ``--storage``) adds
its trials, and so does a tune into the same --out; a tune of another study is refused at --out unless
--overwrite, a run (--overwrite replaces a tune only) or a folder another process holds always is. What a trial searches and sees is in test_tuning.py."""

from __future__ import annotations

import json
import os

import pandas as pd
import pytest

from conftest import make_frame
from rnncast.cli import main
from rnncast.configfile import read_config

optuna = pytest.importorskip("optuna")


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    """300 hourly rows (date, y, x), as test_tuning.py tunes on."""
    return make_frame(300)


def test_cli_writes_the_study_and_a_config_that_fit_trains(tmp_path, frame, capsys):
    frame.to_csv(tmp_path / "d.csv", index=False)
    args = ["tune", str(tmp_path / "d.csv"), "--target", "y", "--features", "x", "--horizon", "3", "--epochs", "2",
            "--hidden-size", "8", "--device", "cpu", "--trials", "2", "--out", str(tmp_path / "t")]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "trial 0:" in out and "trial 1:" in out and "rnncast fit --config" in out
    assert {p.name for p in (tmp_path / "t").iterdir()} == {"study.db", "best.toml", "trials.csv", "tune.json"}
    summary = json.loads((tmp_path / "t" / "tune.json").read_text())
    assert summary["searched"] == ["cell", "num_layers", "lookback", "lr", "dropout"]  # hidden_size was given
    settings, request = read_config(tmp_path / "t" / "best.toml")
    assert settings["hidden_size"] == 8 and settings["epochs"] == 2
    assert {k: settings[k] for k in summary["best"]["params"]} == summary["best"]["params"]
    assert request["target"] == ["y"] and request["features"] == ["x"]
    assert main(["fit", "--config", str(tmp_path / "t" / "best.toml"), "--out", str(tmp_path / "run")]) == 0
    # the same study again (a second machine would give --storage): trials add up
    assert main(args + ["--storage", f"sqlite:///{tmp_path / 't' / 'study.db'}"]) == 0
    assert len(pd.read_csv(tmp_path / "t" / "trials.csv")) == 4


def test_best_toml_trains_the_tuned_data_from_any_directory(tmp_path, frame, monkeypatch, capsys):
    """best.toml held the data as tune was given it (d.csv, from where tune ran): from another directory
    fit --config found no file, or another d.csv there; it holds the data's absolute path."""
    (tmp_path / "here").mkdir()
    (tmp_path / "elsewhere").mkdir()
    frame.to_csv(tmp_path / "here" / "d.csv", index=False)
    make_frame(120).to_csv(tmp_path / "elsewhere" / "d.csv", index=False)  # another file of the name
    monkeypatch.chdir(tmp_path / "here")
    assert main(["tune", "d.csv", *QUICK, "--out", "t"]) == 0
    assert read_config(tmp_path / "here" / "t" / "best.toml")[1]["data"] == str(tmp_path / "here" / "d.csv")
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert main(["fit", "--config", str(tmp_path / "here" / "t" / "best.toml"), "--out", "run"]) == 0
    assert json.loads((tmp_path / "elsewhere" / "run" / "config.json").read_text())["fingerprint"]["rows"] == 300


# ---- what --out may hold: the same study goes on, another study only with --overwrite, a run never ----

QUICK = ["--target", "y", "--horizon", "2", "--lookback", "12", "--epochs", "1", "--hidden-size", "4",
         "--max-batches", "2", "--device", "cpu", "--trials", "1"]


def _tune(capsys, data, out, *more) -> tuple[int, str]:
    code = main(["tune", str(data), *QUICK, "--out", str(out), *map(str, more)])
    return code, capsys.readouterr().err


def _error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert lines and lines[-1].startswith("rnncast: error: ") and "Traceback" not in err, err
    return lines[-1]


def test_tune_on_its_own_out_adds_trials_and_refuses_another_study_or_a_run(tmp_path, frame, capsys):
    frame.to_csv(tmp_path / "d.csv", index=False)
    data, out = tmp_path / "d.csv", tmp_path / "t"
    assert _tune(capsys, data, out)[0] == 0
    assert _tune(capsys, data, out)[0] == 0  # the same study, in the folder's own study.db: one more trial
    assert len(pd.read_csv(out / "trials.csv")) == 2
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}

    code, err = _tune(capsys, data, out, "--study", "other")  # its best.toml would replace this study's
    line = _error_line(err)
    assert code == 2 and "holds the tune of study 'rnncast' in its own study.db" in line and "--overwrite" in line
    code, err = _tune(capsys, data, out, "--storage", f"sqlite:///{tmp_path / 'elsewhere.db'}")
    assert code == 2 and "holds the tune of study 'rnncast'" in _error_line(err)
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before  # nothing written

    from rnncast.folderlock import lock_folder

    with lock_folder(out, "tune"):  # another process tuning into it now
        code, err = _tune(capsys, data, out)
    assert code == 75 and f"tune {out} is being written by another rnncast process (pid {os.getpid()})" in _error_line(err)

    assert _tune(capsys, data, out, "--overwrite")[0] == 0  # a new study: the earlier trials are gone
    assert len(pd.read_csv(out / "trials.csv")) == 1

    run = tmp_path / "run"
    assert main(["fit", str(data), "--target", "y", "--lookback", "12", "--epochs", "1", "--hidden-size", "4",
                 "--device", "cpu", "--out", str(run)]) == 0
    capsys.readouterr()
    for overwrite in ((), ("--overwrite",)):  # --overwrite replaces an earlier tune only, never a fit's run
        code, err = _tune(capsys, data, run, *overwrite)
        assert code == 2 and f"--out {run} holds a run (rnncast fit), not a tune; --overwrite replaces only an " \
            "earlier tune, so give another --out for this tune" in _error_line(err)
        assert (run / "report.html").is_file() and not (run / "tune.json").exists()
