"""The ``rnncast tune`` command (``cli/tuning.py``): which --out it goes on with (an earlier tune of
the same study, in the same storage: SQLite files by their path, other URLs with the password hidden,
a folder moved with its own study.db) and which it refuses, naming what the folder holds; one line
per trial and the best; an earlier output replaced only once the input is good. Run in-process with
``--trials 0`` (refused only after the folder is accepted) or a stand-in search; the real search, its
study and best.toml are in scenarios/test_tuning_study.py."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from rnncast.errors import RnncastError
from test_cli import cli

optuna = pytest.importorskip("optuna")

@pytest.fixture(autouse=True)
def _data_there(tmp_path):
    """tmp_path/d.csv, which tests whose search never reads it name as DATA: a missing DATA is refused before anything
    else (decision 2190)."""
    (tmp_path / "d.csv").write_text("y\n1\n")


TRIALS_0 = "trials (--trials) must be a positive integer, got 0"  # the search's refusal: the folder was accepted


def _tune(capsys, out: Path, *more) -> tuple[int, str, str]:
    """``rnncast tune d.csv --target y --trials 0 --out OUT MORE``: the data is never read (but is there: a missing
    DATA is refused first, decision 2190)."""
    if not (out.parent / "d.csv").exists():
        (out.parent / "d.csv").write_text("y\n1\n")
    return cli(capsys, "tune", out.parent / "d.csv", "--target", "y", "--trials", "0", "--out", out, *more)


def _earlier_tune(out: Path, study: str | None = "rnncast", storage: str | None = "own", db: bool = True) -> dict:
    """A folder as an earlier tune left it: tune.json recording ``study`` in ``storage`` ("own": its
    study.db; None: no tune.json), study.db when ``db``, trials.csv. Returns its files' bytes."""
    out.mkdir()
    if db:
        (out / "study.db").write_bytes(b"")
    (out / "trials.csv").write_text("number,state,value,epochs,seconds,lr\n", encoding="utf-8")  # as tune writes it
    if storage is not None:
        storage = f"sqlite:///{(out / 'study.db').resolve()}" if storage == "own" else storage
        (out / "tune.json").write_text(json.dumps({"study": study, "storage": storage}), encoding="utf-8")
    return _files(out)


def _files(folder: Path) -> dict:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_the_same_study_in_the_folders_own_study_db_goes_on_and_another_study_is_refused(tmp_path, capsys):
    out = tmp_path / "t"
    before = _earlier_tune(out, "a")
    code, _, err = _tune(capsys, out, "--study", "a")
    assert code == 2 and TRIALS_0 in err
    code, _, err = _tune(capsys, out, "--study", "b")
    assert code == 2 and err.strip() == (
        f"rnncast: error: --out {out} holds the tune of study 'a' in its own study.db; to add trials to a study, give "
        "its --study (and --storage, when it is not the folder's own study.db); or give another --out, or "
        "--overwrite to replace it")
    code, _, err = _tune(capsys, out, "--study", "a", "--storage", f"sqlite:///{tmp_path / 'elsewhere.db'}")
    assert code == 2 and f"--out {out} holds the tune of study 'a' in its own study.db" in err
    assert _files(out) == before  # nothing written, the lock gone
    code, _, err = _tune(capsys, out, "--study", "b", "--overwrite")
    assert code == 2 and TRIALS_0 in err and _files(out) == before  # replaced only once the input is good


def test_a_folder_moved_with_its_own_study_db_goes_on(tmp_path, capsys):
    out = tmp_path / "t"
    _earlier_tune(out, storage=f"sqlite:///{tmp_path / 'before' / 'study.db'}")  # where it was written
    code, _, err = _tune(capsys, out)
    assert code == 2 and TRIALS_0 in err


def test_a_study_db_elsewhere_is_named_and_goes_on_only_with_that_storage(tmp_path, capsys, monkeypatch):
    out, shared = tmp_path / "t", tmp_path / "shared.db"
    shared.write_bytes(b"")
    _earlier_tune(out, storage=f"sqlite:///{shared}", db=False)
    code, _, err = _tune(capsys, out)
    assert code == 2 and f"--out {out} holds the tune of study 'rnncast' in sqlite:///{shared};" in err
    monkeypatch.chdir(tmp_path)
    code, _, err = _tune(capsys, out, "--storage", "sqlite:///shared.db")  # SQLite files compared by their path
    assert code == 2 and TRIALS_0 in err


def test_a_storage_url_is_compared_with_its_password_hidden_as_tune_json_records_it(tmp_path, capsys):
    out = tmp_path / "t"
    _earlier_tune(out, storage="postgresql://u:***@host/db", db=False)
    code, _, err = _tune(capsys, out, "--storage", "postgresql://u:secret@host/db")
    assert code == 2 and TRIALS_0 in err
    code, _, err = _tune(capsys, out, "--storage", "postgresql://v:secret@host/db")
    assert code == 2 and "holds the tune of study 'rnncast' in postgresql://u:***@host/db;" in err
    assert "secret" not in err


def test_a_tune_stopped_before_its_summary_goes_on_in_its_own_study_db(tmp_path, capsys):
    out = tmp_path / "t"
    _earlier_tune(out, storage=None)  # study.db and trials.csv, no tune.json
    code, _, err = _tune(capsys, out)
    assert code == 2 and TRIALS_0 in err
    code, _, err = _tune(capsys, out, "--storage", f"sqlite:///{tmp_path / 'elsewhere.db'}")
    assert code == 2 and (f"--out {out} holds an earlier tune's study in its own study.db (its name unrecorded: "
                          "the tune stopped before tune.json)") in err
    assert "None" not in err


def test_files_of_a_tune_without_its_study_or_of_a_run_are_refused(tmp_path, capsys):
    out = tmp_path / "t"
    _earlier_tune(out, storage=None, db=False)  # trials.csv alone
    code, _, err = _tune(capsys, out)
    assert code == 2 and f"--out {out} holds the files of an earlier tune without its study;" in err
    run = tmp_path / "run"
    run.mkdir()
    (run / "config.json").write_text("{}", encoding="utf-8")
    (run / "report.html").write_text("", encoding="utf-8")
    code, _, err = _tune(capsys, run)
    assert code == 2 and f"--out {run} holds a run (rnncast fit), not a tune; --overwrite replaces only an earlier " \
        "tune, so give another --out for this tune" in err  # --overwrite would not replace it either


def _trial(number: int, state: str, value, params: dict, **attrs):
    return SimpleNamespace(number=number, state=SimpleNamespace(name=state), value=value, params=params, user_attrs=attrs)


@pytest.mark.parametrize("flags, measure, ranked_by", [
    ((), "validation MSE", "validation MSE (scaled units)"),
    (("--quantiles", "0.1,0.5,0.9"), "validation pinball loss",
     "validation pinball loss (mean over the quantiles 0.1, 0.5, 0.9; scaled units)"),
])
def test_each_trial_is_one_line_and_the_best_names_its_config_and_what_ranked_it(tmp_path, capsys, monkeypatch, flags,
                                                                                  measure, ranked_by):
    """A quantile model's trials are ranked by the pinball loss (tuning.py), and the lines say so."""
    from rnncast.studies import ranking

    calls = []

    def search(source, target, features, time_col, **kw):
        calls.append(dict(source=source, target=target, features=features, time_col=time_col, **kw))
        trials = [_trial(0, "COMPLETE", 0.1234567, {"cell": "gru", "lr": 0.00123456}, epochs=3),
                  _trial(1, "PRUNED", None, {"cell": "lstm"})]
        for trial in trials:
            kw["on_trial"](trial)
        config = kw["out"].folder / "best.toml"  # the folder as the command claimed it (tuneoutputs.claim_tune), held
        config.write_text("", encoding="utf-8")
        return SimpleNamespace(study=SimpleNamespace(best_trial=trials[0], trials=trials),
                               value=0.1234567, config=config, ranked_by=ranking(kw["settings"].get("quantiles"))[1])

    monkeypatch.setattr("rnncast.tuning.tune", search)
    out = tmp_path / "t"
    code, stdout, err = cli(capsys, "tune", tmp_path / "d.csv", "--target", "y", "--epochs", "2", "--trials", "2",
                            "--out", out, *flags)
    assert code == 0, err
    assert stdout.splitlines() == [
        f"trial 0: complete {measure} 0.12346 after 3 epochs (cell gru, lr 0.00123)",
        "trial 1: pruned after ? epochs (cell lstm)",
        f"best: trial 0, {ranked_by} 0.12346 (2 trials in the study, ranked by it)",
        f"wrote {out / 'best.toml'}; train it with: rnncast fit --config {out / 'best.toml'}",
    ]
    (call,) = calls
    assert call["source"] == str(tmp_path / "d.csv") and call["target"] == ["y"]
    assert call["settings"] == {"epochs": 2, **({"quantiles": [0.1, 0.5, 0.9]} if flags else {})}
    code, stdout, err = cli(capsys, "tune", tmp_path / "d.csv", "--target", "y", "--epochs", "2", "--trials", "2",
                            "--test-frac", "0", "--out", tmp_path / "t0", *flags)  # a final fit's best (decision 2147)
    assert code == 0, err
    assert stdout.splitlines()[-1].endswith("best.toml (test_frac 0: a final fit, which makes no test scores; add "
                                            "--test-frac 0.2 to score one)")
    calls.pop()
    assert (call["trials"], call["storage"], call["study_name"], call["out"].folder) == (2, None, "rnncast", out)
    assert call["overwrite"] is False


def test_overwrite_removes_the_earlier_output_only_once_the_search_starts(tmp_path, capsys, monkeypatch):
    from rnncast.outputs import SIGNATURES

    run = tmp_path / "run"
    run.mkdir()
    for name in ("tune.json", "trials.csv", "best.toml"):  # an earlier tune; a run is never replaced by one
        (run / name).write_bytes(SIGNATURES.get(name, b"{}"))
    before = _files(run)
    (tmp_path / "d.csv").write_text("y\n" + "\n".join(str(i % 7) for i in range(200)) + "\n", encoding="utf-8")
    code, _, err = cli(capsys, "tune", tmp_path / "d.csv", "--target", "z", "--out", run, "--overwrite")
    assert code == 2 and "'z'" in err and _files(run) == before  # the data refused: the earlier tune kept

    def started(*args, **kw):
        raise RnncastError("no trial of the study finished")

    monkeypatch.setattr("rnncast.tuning.open_study", started)  # the data and settings were good: the study opens
    code, _, err = cli(capsys, "tune", tmp_path / "d.csv", "--target", "y", "--epochs", "1", "--out", run, "--overwrite")
    assert code == 2 and "no trial of the study finished" in err and _files(run) == {}


def test_tune_takes_fits_covariate_roles_and_fit_config_best_toml_scores_the_best_trial_again(tmp_path, capsys):
    """Decision 1213: tune refused --past-covariates and --future-covariates (and a config file's future_covariates),
    so a past and a future covariate together could not be tuned. Each trial reads them as fit does; best.toml and
    tune.json write each column in its role, and fit --config best.toml scores the best trial's validation loss again."""
    import numpy as np
    import pandas as pd

    from conftest import make_frame

    code, out, _ = cli(capsys, "tune", "--help")
    assert code == 0 and "--past-covariates" in out and "--future-covariates" in out
    data = pd.concat([make_frame(60, freq="D", seed=k).assign(sid=sid) for k, sid in enumerate("abc")], ignore_index=True)
    data.assign(price=np.random.default_rng(3).integers(0, 3, len(data)).astype(float)).to_csv(tmp_path / "d.csv",
                                                                                                index=False)
    fixed = ["--lookback", "8", "--horizon", "2", "--epochs", "1", "--hidden-size", "8", "--batch-size", "32", "--seed",
             "0", "--device", "cpu"]
    (tmp_path / "c.toml").write_text('future_covariates = "price"\n')  # a config file's role, read as the flag's
    code, out, err = cli(capsys, "tune", tmp_path / "d.csv", "--target", "y", "--id-col", "sid", "--past-covariates",
                         "x", "--config", tmp_path / "c.toml", *fixed, "--trials", "2", "--search", "lr", "--out",
                         tmp_path / "t")
    assert code == 0, err
    best = (tmp_path / "t" / "best.toml").read_text()
    assert 'past_covariates = ["x"]' in best and 'future_covariates = ["price"]' in best and "\nfeatures" not in best
    tuned = json.loads((tmp_path / "t" / "tune.json").read_text())
    assert (tuned["past_covariates"], tuned["future_covariates"]) == (["x"], ["price"])
    code, out, err = cli(capsys, "fit", "--config", tmp_path / "t" / "best.toml", "--out", tmp_path / "r")
    assert code == 0, err
    run = json.loads((tmp_path / "r" / "config.json").read_text())
    assert (run["run"]["past_covariates"], run["run"]["future_covariates"]) == (["x"], ["price"])
    scores = json.loads((tmp_path / "r" / "metrics.json").read_text())
    assert scores["val"]["scaled"]["model"]["mse"] == pytest.approx(tuned["best"]["value"], rel=1e-6)


@pytest.mark.parametrize("key", ["item_id,store_id", "sid"])
def test_tune_on_a_panel_writes_a_best_toml_that_fit_refits_with_no_other_flag(key, tmp_path, capsys):
    """rnncast tune DATA --id-col item_id,store_id --static FILE: each trial fits the panel as fit does; best.toml
    carries the key and the static table, and fit --config best.toml scores the best trial's validation loss again."""
    import pandas as pd

    from conftest import make_frame

    keys = [("a", 1), ("b", 1), ("a", 2)]
    data = pd.concat([make_frame(60, freq="D", feature=False, seed=k).assign(item_id=item, store_id=store)
                      for k, (item, store) in enumerate(keys)], ignore_index=True)
    data.assign(sid=data.item_id + data.store_id.astype(str)).to_csv(tmp_path / "d.csv", index=False)
    static = pd.DataFrame({"item_id": ["a", "b", "a"], "store_id": [1, 1, 2], "sid": ["a1", "b1", "a2"],
                           "size": [1.0, 2.0, 3.0]})
    static[[*key.split(","), "size"]].to_csv(tmp_path / "s.csv", index=False)
    fixed = ["--lookback", "8", "--horizon", "2", "--epochs", "1", "--hidden-size", "8", "--batch-size", "32", "--seed",
             "0", "--device", "cpu"]
    code, out, err = cli(capsys, "tune", tmp_path / "d.csv", "--target", "y", "--id-col", key, "--static",
                         tmp_path / "s.csv", *fixed, "--trials", "2", "--search", "lr", "--out", tmp_path / "t")
    assert code == 0, err
    best = (tmp_path / "t" / "best.toml").read_text()
    assert (f'id_col = {json.dumps(key.split(",")) if "," in key else json.dumps(key)}' in best
            and f'static = {json.dumps(str(tmp_path / "s.csv"))}' in best)
    tuned = json.loads((tmp_path / "t" / "tune.json").read_text())
    assert tuned["id_col"] == key.split(",") and tuned["static"] == ["size"] and tuned["series_count"] == 3
    code, out, err = cli(capsys, "fit", "--config", tmp_path / "t" / "best.toml", "--out", tmp_path / "r")
    assert code == 0, err
    run = json.loads((tmp_path / "r" / "config.json").read_text())
    assert run["run"]["id_col"] == (key.split(",") if "," in key else key)
    assert run["settings"]["lr"] == tuned["best"]["settings"]["lr"]
    scores = json.loads((tmp_path / "r" / "metrics.json").read_text())
    assert scores["val"]["scaled"]["model"]["mse"] == pytest.approx(tuned["best"]["value"], rel=1e-6)
    assert scores["val"]["scored"]["series"] == 3


def test_a_second_tune_on_a_folder_being_tuned_is_refused_naming_the_study_and_how_to_join_it(tmp_path, capsys,
                                                                                             monkeypatch):
    """Two terminals, one new --out: the second is refused in one line naming the first one's study and
    the storage to join it through (its own --out, that --storage, its own sampler seed), and writes nothing."""
    out = tmp_path / "t"
    second = {}

    def first(*args, **kw):  # the first tune holds the folder while its search runs
        second["result"] = cli(capsys, "tune", tmp_path / "d.csv", "--target", "y", "--study", "other", "--out", out)
        second["files"] = _files(out)
        raise RnncastError("the first tune stopped here")

    monkeypatch.setattr("rnncast.tuning.tune", first)
    code, _, err = cli(capsys, "tune", tmp_path / "d.csv", "--target", "y", "--study", "s1", "--out", out)
    assert code == 2 and "the first tune stopped here" in err
    code, _, err = second["result"]
    db = f"sqlite:///{(out / 'study.db').resolve()}"
    assert code == 75 and err.count("\n") == 1 and err.strip() == (
        f"rnncast: error: tune {out} is being written by another rnncast process (pid {os.getpid()}, tuning study "
        f"'s1' in {out / 'study.db'}: to add trials to it at the same time, give the second tune its own --out with "
        f"--study s1 --storage {db} and its own --sampler-seed); wait for it to finish, or give another folder")
    assert list(second["files"]) == [".rnncast.lock"]  # the second wrote nothing


def test_a_backtest_or_demo_on_a_folder_being_tuned_is_told_to_give_another_out_not_how_to_join_the_tune(tmp_path,
                                                                                                        capsys):
    """A tune's note on its lock (how a second tune joins its study) was given to a backtest and a demo too,
    which cannot join a study: they are told the holder's command and pid, and to give another --out."""
    from rnncast.cli.tuning import joining_note
    from rnncast.folderlock import lock_folder

    out = tmp_path / "t"
    (tmp_path / "d.csv").write_text("y\n" + "\n".join(str(i % 7) for i in range(60)) + "\n")
    with lock_folder(out, "tune", note=joining_note(out, "s1", None)):
        for args in (["backtest", tmp_path / "d.csv", "--target", "y"], ["demo"]):
            code, _, err = cli(capsys, *args, "--out", out)
            assert code == 2 and err == (f"rnncast: error: {args[0]} {out} is being written by another rnncast process "
                                         f"(tune, pid {os.getpid()}); give another --out\n")
        code, _, err = cli(capsys, "tune", tmp_path / "d.csv", "--target", "y", "--out", out)
        assert code == 75 and "give the second tune its own --out with --study s1" in err  # a tune is told how to join
    assert sorted(p.name for p in out.iterdir()) == []


def test_search_flags_reach_the_search_as_ranges_and_choices(tmp_path, capsys, monkeypatch):
    calls = []

    def search(source, target, features, time_col, **kw):
        calls.append(kw["search"])
        raise RnncastError("stop")

    monkeypatch.setattr("rnncast.tuning.tune", search)
    code, _, err = cli(capsys, "tune", tmp_path / "d.csv", "--target", "y", "--out", tmp_path / "t",
                       "--search", "lr=1e-3..1e-2", "--search", "cell=lstm,gru", "--search", "hidden-size=8, 16",
                       "--search", "dropout")
    assert code == 2 and err.strip() == "rnncast: error: stop"
    assert calls == [{"lr": [1e-3, 1e-2], "cell": ["lstm", "gru"], "hidden_size": [8, 16], "dropout": None}]
    cli(capsys, "tune", tmp_path / "d.csv", "--target", "y", "--out", tmp_path / "t")
    assert calls[-1] is None  # no --search: every setting not given as a flag
    cli(capsys, "tune", tmp_path / "d.csv", "--target", "y", "--out", tmp_path / "t", "--search", "cell,lr",
        "--search", "hidden-size")  # names separated by commas, as the column flags take them ("cannot search 'cell,lr'")
    assert calls[-1] == {"cell": None, "lr": None, "hidden_size": None}


@pytest.mark.parametrize("flag, said", [
    ("lr=1e-2", "--search lr=1e-2: lr takes a range LOW..HIGH (lr=1e-3..1e-2)"),
    ("lr=a..b", "--search lr=a..b: lr must be a number, got 'a'"),
    ("cell=lstm..gru", "--search cell=lstm..gru: cell takes choices A,B,... (cell=lstm,gru)"),
    ("hidden_size=", "--search hidden_size=: hidden_size takes choices A,B,... (hidden_size=32,64)"),
    ("lookback=24..48", "--search lookback=24..48: lookback takes choices A,B,... (lookback=24,48,96)"),  # its own
    ("dropout=0.1", "--search dropout=0.1: dropout takes a range LOW..HIGH (dropout=0.1..0.3)"),
    ("cell=lstm,,gru", "--search 'cell=lstm,,gru' has an empty item (item 2 of 3): cell takes choices A,B,... "
                       "(cell=lstm,gru)"),  # as --quantiles and bench's --models say it (decision 409)
    ("hidden_size=8,", "--search 'hidden_size=8,' has an empty item (item 2 of 2): hidden_size takes choices A,B,... "
                       "(hidden_size=32,64)"),
    ("cell,,lr", "--search 'cell,,lr' has an empty item (item 2 of 3): name settings separated by single commas, "
                 "from cell, hidden_size, num_layers, lookback, lr, dropout"),  # not "cannot search ''"
    (",cell", "--search ',cell' has an empty item (item 1 of 2): name settings separated by single commas, from "
              "cell, hidden_size, num_layers, lookback, lr, dropout"),
    ("epochs=1..2", "--search epochs=1..2: cannot search 'epochs'; searchable settings: cell, hidden_size, num_layers, "
                    "lookback, lr, dropout"),
    ("cell,lr=1e-3..1e-2", "--search cell,lr=1e-3..1e-2: cannot search 'cell,lr'; searchable settings: cell, hidden_size, "
                           "num_layers, lookback, lr, dropout; a setting with a space takes its own flag (--search cell "
                           "--search lr=1e-3..1e-2)"),
])
def test_a_search_flag_of_the_wrong_form_is_one_line_naming_it(tmp_path, capsys, flag, said):
    code, _, err = cli(capsys, "tune", tmp_path / "d.csv", "--target", "y", "--out", tmp_path / "t", "--search", flag)
    assert code == 2 and err.strip() == f"rnncast: error: {said}"
    assert not (tmp_path / "t").exists()


@pytest.mark.parametrize("flags, said", [
    (("--lookback", "500"), "series too short: of 200 rows, the training rows (140) hold no lookback 500 + horizon 3"),
    (("--timeout", "0"), "timeout must be a positive number of seconds, got 0.0; leave it out for no time limit"),
    (("--lr", "-1"), "lr (--lr) must be a positive finite number, got -1.0"),
    (("--search", "lr", "--lr", "0.01"), "lr is both fixed (lr=, --lr) and searched (search=, --search)"),
])
def test_input_the_search_cannot_take_is_one_line_before_the_study_is_made(tmp_path, capsys, flags, said):
    """A lookback of 500 printed Optuna's failed-trial warning and traceback, and left a study.db that
    recorded lookback 500, so a retry with --lookback 24 was refused; --timeout 0 left a study.db alone."""
    import numpy as np

    data = tmp_path / "one.csv"
    values = 100 + np.sin(np.arange(200))
    data.write_text("sales\n" + "\n".join(f"{v:.3f}" for v in values) + "\n", encoding="utf-8")
    code, _, err = cli(capsys, "tune", data, "--target", "sales", "--horizon", "3", "--epochs", "1", "--trials", "1",
                       "--out", tmp_path / "t", *flags)
    lines = [line for line in err.splitlines() if "INFO" not in line]
    assert code == 2 and len(lines) == 1 and lines[0].startswith(f"rnncast: error: {said}"), err
    assert not (tmp_path / "t").exists()


def test_overwrite_never_replaces_a_best_toml_or_trials_csv_that_rnncast_did_not_write(tmp_path, capsys):
    """A folder of the user's own best.toml and trials.csv read as an earlier tune's, which --overwrite
    removed: the files are told by how they begin (outputs.SIGNATURES), and kept, with or without it."""
    out = tmp_path / "userdir"
    out.mkdir()
    (out / "best.toml").write_text("lr = 0.1  # my own\n", encoding="utf-8")
    (out / "trials.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    before = _files(out)
    for more in ((), ("--overwrite",)):
        code, _, err = _tune(capsys, out, *more)
        assert code == 2 and err.strip() == (f"rnncast: error: --out {out} holds files that rnncast did not write "
                                             "(best.toml, trials.csv); give a new or empty folder for the tune")
        assert _files(out) == before


def _best_toml(tmp_path: Path) -> Path:
    """A best.toml as tune writes it: every searchable setting fixed."""
    config = tmp_path / "best.toml"
    config.write_text('data = "d.csv"\ntarget = ["y"]\ncell = "lstm"\nlookback = 24\nhidden_size = 16\nnum_layers = 1\n'
                      "lr = 0.0003\ndropout = 0.0\nepochs = 1\n", encoding="utf-8")
    (tmp_path / "d.csv").touch()  # the file's data is looked for beside it; not read before the refusals
    return config


def test_search_replaces_a_config_files_setting_and_says_so_but_never_a_flags(tmp_path, capsys, monkeypatch):
    """--config best.toml --search lr=... said "lr is both fixed (lr=, --lr) and searched": refining around
    a best.toml meant editing it. A file's settings are defaults a flag overrides, --search among them."""
    config, calls = _best_toml(tmp_path), []

    def search(source, target, features, time_col, **kw):
        calls.append(kw)
        raise RnncastError("stop")

    monkeypatch.setattr("rnncast.tuning.tune", search)
    code, out, err = cli(capsys, "tune", "--config", config, "--out", tmp_path / "t", "--search", "lr=1e-3..1e-2",
                         "--search", "cell")
    assert code == 2 and out == ""  # said on stderr, with the log lines (decision 1164)
    assert err.splitlines() == [f"--search replaces the config file's lr 0.0003, cell lstm ({config})",
                                "rnncast: error: stop"]
    assert calls[0]["search"] == {"lr": [1e-3, 1e-2], "cell": None}
    assert "lr" not in calls[0]["settings"] and "cell" not in calls[0]["settings"]
    assert calls[0]["settings"]["hidden_size"] == 16 and calls[0]["settings"]["epochs"] == 1  # the others stay
    monkeypatch.undo()
    code, out, err = cli(capsys, "tune", "--config", config, "--out", tmp_path / "t", "--lr", "0.01", "--search", "lr")
    assert code == 2 and err.strip().splitlines() == [
        f"--lr 0.01 replaces the config's 0.0003 ({config})",  # decision 1266
        "rnncast: error: lr is both fixed (lr=, --lr) and searched (search=, --search); give it to one of them"] and out == ""
    code, _, err = cli(capsys, "tune", "--config", config, "--out", tmp_path / "t")
    assert code == 2 and err.strip() == (
        "rnncast: error: every searchable setting (cell, hidden_size, num_layers, lookback, lr, dropout) is fixed by "
        f"the config file {config}; --search NAME searches one in the file's place (--search lr=1e-3..1e-2), or "
        "leave one of them out")
    assert not (tmp_path / "t").exists()


def test_a_config_files_track_and_a_repeated_search_choice_are_refused(tmp_path, capsys):
    """tune --config FILE with track = "tensorboard" tracked nothing, without a word (fit writes RUN/tensorboard);
    --search hidden_size=8,8 was taken as one choice."""
    from rnncast import searchspace

    (tmp_path / "d.csv").write_text("y\n" + "\n".join(str(k % 7) for k in range(60)) + "\n")
    (tmp_path / "t.toml").write_text('data = "d.csv"\ntarget = "y"\ntrack = "tensorboard"\n')
    code, out, err = cli(capsys, "tune", "--config", tmp_path / "t.toml", "--out", tmp_path / "tune")
    assert (code, out) == (2, "") and err == (f"rnncast: error: config {tmp_path / 't.toml'} gives track = 'tensorboard', "
                                              "which tune does not take: its trials are recorded in trials.csv and "
                                              "study.db; track a run of the best settings with rnncast fit --config "
                                              "best.toml --track tensorboard\n")
    assert not (tmp_path / "tune").exists()
    code, _, err = cli(capsys, "tune", tmp_path / "d.csv", "--target", "y", "--out", tmp_path / "t", "--search",
                       "hidden_size=8,16,8")
    assert code == 2 and err.strip() == ("rnncast: error: --search hidden_size=8,16,8: the choice 8 is given more than "
                                         "once; give each choice once")
    assert not (tmp_path / "t").exists()
    with pytest.raises(RnncastError, match=r"^search's cell gives the choice 'gru' more than once; give each choice once$"):
        searchspace.what_is_searched({"cell": ["gru", "lstm", "gru"]})


def test_a_search_choice_written_twice_in_two_spellings_is_said_as_the_same_choice():
    """--search hidden_size=8,08 said "the choice 08 is given more than once", though 08 was written once."""
    from rnncast.cli.tuning import search_from_args

    with pytest.raises(RnncastError, match=r"^--search hidden_size=8,08: 08 and 8 are the same choice; give each "
                                           r"choice once$"):
        search_from_args(["hidden_size=8,08"])
    with pytest.raises(RnncastError, match=r"^--search hidden_size=8,16,8: the choice 8 is given more than once"):
        search_from_args(["hidden_size=8,16,8"])


@pytest.mark.parametrize("signum, status", [("SIGINT", 130), ("SIGTERM", 143)])
def test_a_ctrl_c_after_a_trials_last_batch_keeps_the_trial_and_stops_the_tune(tmp_path, capsys, monkeypatch, signum,
                                                                                status):
    """Ctrl-C (and SIGTERM) raised wherever the main thread was: after trial 0's last epoch, while it was scored,
    it failed the trial (trials.csv 0,FAIL,,3,...), and inside Optuna's storage it left a page of traceback and
    a RUNNING trial. Tune stops as fit does, at a batch or between trials: here the trial completes, then the
    tune stops with one line and the signal's status."""
    import signal

    from conftest import make_frame
    from rnncast import evaluation

    make_frame(200).to_csv(tmp_path / "d.csv", index=False)
    evaluate = evaluation.evaluate

    def signalled(*args, **kwargs):  # the signal comes while the trial is scored, its training done
        os.kill(os.getpid(), getattr(signal, signum))
        return evaluate(*args, **kwargs)

    monkeypatch.setattr(evaluation, "evaluate", signalled)
    code, out, err = cli(capsys, "tune", tmp_path / "d.csv", "--target", "y", "--horizon", "2", "--lookback", "12",
                         "--epochs", "1", "--hidden-size", "4", "--max-batches", "2", "--device", "cpu", "--trials", "3",
                         "--search", "lr", "--out", tmp_path / "t")
    assert code == status, err
    assert ("rnncast: interrupted" + (" (SIGTERM)" if signum == "SIGTERM" else "") + "; the study holds 1 finished "
            "trial; the best settings so far are in ") in err.splitlines()[-1], err
    assert out.startswith("trial 0: complete validation MSE")
    rows = (tmp_path / "t" / "trials.csv").read_text().splitlines()[1:]
    assert [row.split(",")[:2] for row in rows] == [["0", "COMPLETE"]]


def test_an_interrupted_tune_says_what_finished_where_its_files_are_and_how_to_go_on(tmp_path, capsys, monkeypatch):
    """An interrupted tune said only "rnncast: interrupted", and trials.csv gave a FAIL without why (nor the trial
    the signal stopped). The Ctrl-C is sent as the second trial starts: held until its first batch, as a terminal's."""
    import csv
    import signal

    from conftest import make_frame
    from rnncast.forecaster import Forecaster

    make_frame(300).to_csv(tmp_path / "d.csv", index=False)
    real, fits = Forecaster.fit, []

    def fit(self, *args, **kwargs):
        fits.append(1)
        if len(fits) == 2:
            os.kill(os.getpid(), signal.SIGINT)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Forecaster, "fit", fit)
    out = tmp_path / "t"
    code, _, err = cli(capsys, "tune", tmp_path / "d.csv", "--target", "y", "--horizon", "3", "--epochs", "2",
                       "--hidden-size", "4", "--device", "cpu", "--trials", "3", "--search", "lr", "--out", out)
    assert code == 130 and err.strip().splitlines()[-1] == (
        f"rnncast: interrupted; the study holds 1 finished trial, and 1 failed trial (why: trials.csv's reason); the "
        f"best settings so far are in {out / 'best.toml'} and every trial in {out / 'trials.csv'}; to go on, run the "
        f"same rnncast tune again with --out {out} (without it a new numbered folder, a new study, is made): it adds "
        "trials to the study, the settings of a trial left unfinished first"), err
    with open(out / "trials.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(row["state"], row["reason"]) for row in rows] == [("COMPLETE", ""), ("FAIL", "interrupted")]


def test_a_tune_interrupted_in_its_first_trial_leaves_trials_csv_saying_so(tmp_path, capsys, monkeypatch):
    """Interrupted before any trial finished, a tune left only study.db (one FAIL trial), no trials.csv, where README
    says trials.csv is written once more after an interrupt, its reason "interrupted"."""
    import csv
    import signal

    from conftest import make_frame
    from rnncast.forecaster import Forecaster

    make_frame(300).to_csv(tmp_path / "d.csv", index=False)
    real = Forecaster.fit

    def fit(self, *args, **kwargs):
        os.kill(os.getpid(), signal.SIGINT)  # held until the first batch, as a terminal's Ctrl-C
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Forecaster, "fit", fit)
    out = tmp_path / "t"
    code, _, err = cli(capsys, "tune", tmp_path / "d.csv", "--target", "y", "--horizon", "3", "--epochs", "2",
                       "--hidden-size", "4", "--device", "cpu", "--trials", "3", "--search", "lr", "--out", out)
    assert code == 130 and f"rnncast: interrupted; no trial had completed, so {out} holds no best.toml yet" in err, err
    with open(out / "trials.csv", newline="") as f:
        assert [(row["number"], row["state"], row["reason"]) for row in csv.DictReader(f)] == [
            ("0", "FAIL", "interrupted")]


def test_each_trials_warnings_begin_with_its_number(tmp_path, capsys, caplog):
    """Every trial's fit warned in the same words ("the best epoch was the last ..."), so a tune of 30 trials printed
    30 alike lines that did not say whose they were: each now begins with its trial's number, as its trial line does."""
    import numpy as np
    import pandas as pd

    pd.DataFrame({"y": np.sin(np.arange(150) / 5)}).to_csv(tmp_path / "d.csv", index=False)
    with caplog.at_level("WARNING", logger="rnncast"):  # the command line's handler, as pytest's stands in for it
        code, out, err = cli(capsys, "tune", tmp_path / "d.csv", "--target", "y", "--trials", "2", "--epochs", "2",
                             "--hidden-size", "8", "--num-layers", "1", "--lookback", "8", "--out", tmp_path / "t")
    assert code == 0, err
    fits = [line for line in caplog.text.splitlines() if "best epoch" in line]
    assert fits and all(re.search(r" trial [01]: the best epoch", line) for line in fits), caplog.text


def test_trials_that_score_the_same_are_named_beside_the_best():
    """A finance tester's two trials each kept the untrained network (0.064521589 both): tune printed "best: trial 0"
    and wrote best.toml with no word that the search told nothing apart."""
    from types import SimpleNamespace

    from rnncast.cli.tuning import tied

    def trial(number, value, state="COMPLETE"):
        return SimpleNamespace(number=number, value=value, state=SimpleNamespace(name=state))

    study = SimpleNamespace(trials=[trial(0, 0.064521589), trial(1, 0.0645215891), trial(2, 0.08), trial(3, None, "FAIL")])
    said = tied(study, study.trials[0])
    assert said.startswith("trials 0 and 1 score the same (0.064522): the search did not tell their settings apart, "
                           "and best.toml holds trial 0's")
    assert tied(SimpleNamespace(trials=[trial(0, 0.06), trial(1, 0.07)]), trial(0, 0.06)) is None


def _disk_full(optuna_error: bool = True) -> Exception:
    """What SQLite's full disk reaches a tune as: SQLAlchemy's OperationalError (opening the study), wrapped in
    Optuna's StorageInternalError ("... exceeding max length") once a trial runs."""
    import sqlite3

    from sqlalchemy.exc import OperationalError

    full = OperationalError("INSERT INTO trials", {}, sqlite3.OperationalError("database or disk is full"))
    if not optuna_error:
        return full
    try:
        raise optuna.exceptions.StorageInternalError("An exception is raised during the commit.") from full
    except optuna.exceptions.StorageInternalError as err:
        return err


def test_a_disk_that_fills_between_trials_is_one_line_naming_study_db_and_the_study_goes_on(tmp_path, capsys,
                                                                                          monkeypatch):
    """A tune whose disk filled between trials ended in Optuna's StorageInternalError traceback (exit 1, "exceeding
    max length"). It is one line now, exit 2, naming study.db and the full disk, and the same tune goes on."""
    from conftest import make_frame

    make_frame(200).to_csv(tmp_path / "d.csv", index=False)
    storage = optuna.storages.RDBStorage
    real, made = storage._create_new_trial, []

    def create(self, *args, **kwargs):
        made.append(1)
        if len(made) == 2:
            raise _disk_full()
        return real(self, *args, **kwargs)

    monkeypatch.setattr(storage, "_create_new_trial", create)
    args = ("tune", tmp_path / "d.csv", "--target", "y", "--horizon", "2", "--lookback", "12", "--epochs", "1",
            "--hidden-size", "4", "--max-batches", "2", "--device", "cpu", "--trials", "3", "--search", "lr",
            "--out", tmp_path / "t")
    code, out, err = cli(capsys, *args)
    db = tmp_path / "t" / "study.db"
    assert code == 74, err  # EX_IOERR (decision 2186)
    assert "Traceback" not in err and err.splitlines()[-1].startswith(
        f"rnncast: error: {db}: No space left on device (the disk is full: free some space, or give a path on another "
        "disk); the study holds 1 finished trial; "), err
    assert err.splitlines()[-1].endswith(f"to go on, after freeing space, run the same rnncast tune again with --out "
                                         f"{tmp_path / 't'} (without it a new numbered folder, a new study, is made): it "
                                         "adds trials to the study, the settings of a trial left unfinished first"), err
    monkeypatch.setattr(storage, "_create_new_trial", real)
    code, out, err = cli(capsys, *args)
    assert code == 0, err
    assert "(4 trials in the study" in out  # the first trial kept, and three more


def test_a_disk_full_when_the_study_is_opened_is_said_so_and_leaves_no_study_db(tmp_path, capsys, monkeypatch):
    """On a disk full at the start tune said "cannot open the study storage ... give a SQLAlchemy database URL", and
    left the half-made study.db (and so its folder) behind."""
    from conftest import make_frame

    make_frame(200).to_csv(tmp_path / "d.csv", index=False)

    def create_study(study_name, storage, **kwargs):
        (tmp_path / "t" / "study.db").write_bytes(b"SQLite format 3\0")  # what SQLite made before the disk was full
        raise _disk_full(optuna_error=False)

    monkeypatch.setattr(optuna, "create_study", create_study)
    code, _, err = cli(capsys, "tune", tmp_path / "d.csv", "--target", "y", "--horizon", "2", "--lookback", "12",
                       "--epochs", "1", "--trials", "1", "--out", tmp_path / "t")
    assert code == 74, err  # EX_IOERR (decision 2186)
    assert err.splitlines()[-1] == (
        f"rnncast: error: {tmp_path / 't' / 'study.db'}: No space left on device (the disk is full: free some space, or "
        "give a path on another disk); nothing of the study was kept: after freeing space, run the same rnncast tune "
        "again"), err
    assert not (tmp_path / "t").exists()
