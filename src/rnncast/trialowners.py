"""Which tune runs a trial, so that a tune continued in its folder fails the trials of one that was killed
at once, not a minute later, and never those of a tune still running.

Optuna's heartbeat (``studies.open_study``) fails a RUNNING trial unheard of for ``studies.GRACE_S``
seconds: a tune killed (kill -9) and continued within that minute listed its trial as RUNNING in
trials.csv and tune.json. A heartbeat alone cannot tell a dead process from a live one on another
machine sharing the study; a tune's folder can. A tune holds its ``--out`` folder for as long as it runs
(``folderlock.lock_folder``: a flock, which the kernel drops when its process dies), one process at a time,
and each trial it runs records that folder, with its host and process id (``OWNER_ATTR``, a user
attribute of the trial). A tune that holds the folder now knows that every other process of this host
that held it has stopped: its RUNNING trials are failed when the study is opened, with why
(``fail_left_running``), through Optuna's storage API. A trial run from another folder (a second tune
adding trials to the study through ``--storage``, with its own ``--out``), from another host, or without
the record (a trial of a tune before this, or killed before its first line ran) is left to the heartbeat.
"""

from __future__ import annotations

import os
import socket

OWNER_ATTR = "rnncast_run_by"  # a trial's user attribute: {"host", "pid", "folder"} of the tune that runs it


def owner(folder) -> dict:
    """The record of this process running a trial for a tune that holds ``folder`` (None: no folder)."""
    where = None if folder is None else os.path.abspath(folder)
    return {"host": socket.gethostname(), "pid": os.getpid(), "folder": where}


def owned(objective, folder):
    """``objective`` (Optuna's, of a trial) that first records on its trial who runs it (``owner``)."""
    def run(trial):
        trial.set_user_attr(OWNER_ATTR, owner(folder))
        return objective(trial)
    return run


def fail_left_running(optuna, study, storage: str | None, folder, on_failed=None) -> list[int]:
    """Fail the RUNNING trials of ``study`` (in the database ``storage``, a URL) that another process of this
    host ran for a tune holding ``folder``, which this process holds now: that process has stopped. Each is
    given the user attribute ``failed`` (why) and the state FAIL (Optuna's ``set_trial_state_values``), and
    ``on_failed(number, pid)`` is called for it. Returns their numbers; nothing without a folder or storage."""
    if folder is None or storage is None:
        return []
    me = owner(folder)
    left = []
    for trial in study.get_trials(deepcopy=False, states=(optuna.trial.TrialState.RUNNING,)):
        ran = trial.user_attrs.get(OWNER_ATTR)
        if (isinstance(ran, dict) and ran.get("folder") == me["folder"] and ran.get("host") == me["host"]
                and ran.get("pid") != me["pid"]):
            left.append((trial.number, ran.get("pid")))
    if not left:
        return []
    store = optuna.storages.RDBStorage(storage)
    study_id = store.get_study_id_from_name(study.study_name)
    for number, pid in left:
        trial_id = store.get_trial_id_from_study_id_trial_number(study_id, number)
        store.set_trial_user_attr(trial_id, "failed", f"its tune (pid {pid}) stopped while it ran")
        store.set_trial_state_values(trial_id, optuna.trial.TrialState.FAIL)
        if on_failed is not None:
            on_failed(number, pid)
    return [number for number, _ in left]
