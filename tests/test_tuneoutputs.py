"""The folder a tune writes (``tuneoutputs.py``): an earlier tune of the same study in the same storage is continued,
another refused naming what the folder holds; storages compared as tune.json records them. The command's whole path:
tests/test_cli_tuning.py, tests/test_tuning.py."""

from __future__ import annotations

import json
from pathlib import Path

from rnncast.fullstudy import sqlite_file
from rnncast.tuneoutputs import OWN, fit_line, own_storage, same_storage, tune_continues


def _tune(folder: Path, study: str, storage: str | None = None) -> Path:
    folder.mkdir(parents=True)
    (folder / "study.db").write_text("")
    here = f"sqlite:///{(folder / 'study.db').resolve()}"
    (folder / "tune.json").write_text(json.dumps({"study": study, "storage": storage or here}))
    return folder


def test_a_tune_of_the_same_study_continues_and_another_is_refused_naming_it(tmp_path):
    out = _tune(tmp_path / "t1", "sales")
    assert tune_continues(out, ["study.db", "tune.json"], "sales", None) is None
    said = tune_continues(out, ["study.db", "tune.json"], "other", None, flag="--out")
    assert said.startswith(f"--out {out} holds the tune of study 'sales' in its own study.db; to add trials to a study, "
                           "give its --study")
    assert "holds" in tune_continues(out, ["study.db", "tune.json", "config.json"], "sales", None)  # a run's file too


def test_storages_compare_sqlite_files_by_path_and_others_as_recorded(tmp_path):
    db = tmp_path / "s.db"
    assert sqlite_file(f"sqlite:///{db}") == db and sqlite_file("postgresql://u@h/db") is None
    assert same_storage(f"sqlite:///{db}", f"sqlite:///{tmp_path}/./s.db")
    assert not same_storage(None, f"sqlite:///{db}")
    with_password = f"sqlite:///file:{db}?mode=rwc&password=S3cret&uri=true"  # recorded masked (decision 1801)
    assert same_storage(f"sqlite:///file:{db}?mode=rwc&password=***&uri=true", with_password)
    assert not same_storage(f"sqlite:///file:{db}x?mode=rwc&password=***&uri=true", with_password)
    assert same_storage("postgresql://u:***@h/db", "postgresql://u:secret@h/db")


def test_a_copied_or_moved_tune_folder_continues_its_own_study_db(tmp_path):
    # tune.json kept the absolute path of study.db: a copy (cp -r t1 t5) was refused, with advice (--storage
    # .../t1/study.db) that added its trials to t1's study (decision 864)
    import shutil

    t1 = _tune(tmp_path / "t1", "sales")  # as an earlier rnncast recorded it: by its absolute path
    shutil.copytree(t1, tmp_path / "t5")
    t5, entries = tmp_path / "t5", ["study.db", "tune.json"]
    assert tune_continues(t5, entries, "sales", None) is None  # its own study.db, not t1's
    assert "in its own study.db" in tune_continues(t5, entries, "sales", f"sqlite:///{t1 / 'study.db'}", flag="--out")
    (t5 / "tune.json").write_text(json.dumps({"study": "sales", "storage": OWN}))  # as rnncast records it now
    shutil.copytree(t5, tmp_path / "t6")
    shutil.move(t5, tmp_path / "moved")
    for folder in (tmp_path / "t6", tmp_path / "moved"):
        assert tune_continues(folder, entries, "sales", None) is None
        assert tune_continues(folder, entries, "sales", own_storage(folder)) is None  # the same file, named
    outside = _tune(tmp_path / "t9", "sales", storage=f"sqlite:///{tmp_path / 'shared.db'}")
    (outside / "study.db").unlink()  # an outside storage stays the one recorded
    assert tune_continues(outside, ["tune.json"], "sales", f"sqlite:///{tmp_path / 'shared.db'}") is None
    assert "in sqlite:///" in tune_continues(outside, ["tune.json"], "sales", None)


def test_best_tomls_fit_line_names_data_and_a_static_file_where_it_holds_neither(tmp_path):
    """A tune of tables in memory wrote "train it with: rnncast fit --config tune1/best.toml", which fit refused ("fit
    needs DATA"): the line now names DATA, and --static FILE where the static table was in memory."""
    config = tmp_path / "best.toml"
    assert fit_line(config, str(tmp_path / "sales.csv"), False) == f"rnncast fit --config {config}"
    assert fit_line(config, None, False) == f"rnncast fit DATA --config {config} (DATA: the table tuned on, written to a file)"
    assert fit_line(config, None, True) == (f"rnncast fit DATA --config {config} --static FILE (DATA: the table tuned "
                                            "on; FILE: its static table, written to a file)")
    assert fit_line(config, "x.csv", True) == f"rnncast fit --config {config} --static FILE (FILE: its static table, written to a file)"


def test_best_tomls_comment_says_a_final_fit_makes_no_test_scores(tmp_path):
    """Decision 2158: tune --test-frac 0 printed that its fit makes no test scores (decision 2147), while best.toml's
    comment gave "train it with: rnncast fit --config t/best.toml" alone; it now says so too, and a scored tune's not."""
    import pytest

    pytest.importorskip("optuna")
    from conftest import make_frame
    from rnncast import finalfit, tune

    fixed = dict(horizon=3, lookback=12, epochs=1, batch_size=64, hidden_size=4, device="cpu", seed=0)
    for test_frac, final in ((0.0, True), (0.2, False)):
        out = tmp_path / f"t{test_frac}"
        tune(make_frame(150), target="y", trials=1, settings={**fixed, "test_frac": test_frac}, search=("lr",), out=out)
        comment = [line for line in (out / "best.toml").read_text().splitlines() if line.startswith("#")]
        assert comment[-1].startswith("# searched: lr; train it with: rnncast fit DATA --config ")
        assert comment[-1].endswith(f"best.toml (DATA: the table tuned on, written to a file; {finalfit.TUNED})") is final
        assert fit_line(out / "best.toml", "d.csv", False, final).endswith(f"best.toml ({finalfit.TUNED})" if final else
                                                                          "best.toml")
