"""SQLite's full disk in a tune's study (``fullstudy.py``): said as the OSError a full disk is, naming the study's
file; a study.db this call made in its own folder with no trial finished removed, any other kept. The ``rnncast
tune`` command's lines are in test_cli_tuning.py."""

from __future__ import annotations

import errno
import sqlite3

import pytest

from rnncast.fullstudy import disk_full, said_full

optuna = pytest.importorskip("optuna")


def _full() -> Exception:
    try:
        try:
            raise sqlite3.OperationalError("database or disk is full")
        except sqlite3.OperationalError as err:
            raise optuna.exceptions.StorageInternalError("An exception is raised during the commit.") from err
    except optuna.exceptions.StorageInternalError as err:
        return err


def test_a_full_disk_is_found_through_the_errors_it_was_raised_from():
    assert disk_full(_full())
    assert not disk_full(optuna.exceptions.StorageInternalError("exceeding max length"))
    assert not disk_full(OSError(errno.ENOSPC, "No space left on device"))  # names its own file: left as it is


def test_a_new_study_db_without_a_finished_trial_goes_and_the_error_names_it(tmp_path):
    db = tmp_path / "study.db"
    with pytest.raises(OSError) as caught, said_full(f"sqlite:///{db}", tmp_path):
        db.write_bytes(b"")
        (tmp_path / "study.db-journal").write_bytes(b"")
        raise _full()
    assert (caught.value.errno, caught.value.filename) == (errno.ENOSPC, str(db))
    assert list(tmp_path.iterdir()) == []


def test_a_study_with_a_finished_trial_an_earlier_one_or_anothers_storage_is_kept(tmp_path):
    db = tmp_path / "study.db"
    study = optuna.create_study(storage=f"sqlite:///{db}")
    with pytest.raises(OSError), said_full(f"sqlite:///{tmp_path / 'new.db'}", tmp_path):  # not the folder's own
        (tmp_path / "new.db").write_bytes(b"")
        raise _full()
    assert (tmp_path / "new.db").exists()
    with pytest.raises(OSError), said_full(f"sqlite:///{db}", tmp_path):  # there before this call
        raise _full()
    assert db.exists()
    db.unlink()
    with pytest.raises(OSError), said_full(f"sqlite:///{db}", tmp_path):
        study = optuna.create_study(storage=f"sqlite:///{db}")
        study.optimize(lambda trial: trial.suggest_float("x", 0, 1), n_trials=1)
        raise _full()
    assert db.exists()  # its trial is kept, for the same tune to go on with


def test_other_errors_pass_as_they_are(tmp_path):
    with pytest.raises(ValueError), said_full(f"sqlite:///{tmp_path / 'study.db'}", tmp_path):
        raise ValueError("not a full disk")
    with pytest.raises(OSError) as caught, said_full(f"sqlite:///{tmp_path / 'study.db'}", tmp_path):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "trials.csv"))
    assert caught.value.filename == str(tmp_path / "trials.csv")
