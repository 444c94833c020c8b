"""The folder a tune writes (``tuneoutputs.py``): an earlier tune of the same study in the same storage is continued,
another refused naming what the folder holds; storages compared as tune.json records them. The command's whole path:
tests/test_cli_tuning.py, tests/test_tuning.py."""

from __future__ import annotations

import json
from pathlib import Path

from rnncast.tuneoutputs import same_storage, sqlite_file, tune_continues


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
    assert same_storage("postgresql://u:***@h/db", "postgresql://u:secret@h/db")
