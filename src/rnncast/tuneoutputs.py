"""The folder a tune writes: new, empty, or an earlier tune, which a tune of the same study in the same storage
continues and any other refuses unless overwritten (``claim_tune``, through ``outputs.claim_output``); the storage a
tune.json records read back (a SQLite file by its path, a password hidden); the files a tune writes there
(``write_study``: best.toml, trials.csv, tune.json). ``rnncast tune`` and ``rnncast.tune`` both claim through it."""

from __future__ import annotations

import csv
import io
import shlex
from pathlib import Path

from rnncast import finalfit, formatversions
from rnncast.errors import RnncastError
from rnncast.files import TUNE_FILES, write_json, write_text
from rnncast.fullstudy import sqlite_file
from rnncast.outputs import BEST_COMMENT, TRIALS_HEADER, ask, claim_output, occupied, said
from rnncast.spelling import spelled


def claim_tune(out: Path | None, overwrite: bool, study: str, storage: str | None, default: Path | None = None,
               note: str = "", flag: str = "out"):
    """Hold the folder a tune writes (``claim_output``, its kind "tune"): new, empty, or an earlier tune,
    which a tune of the same ``study`` in the same ``storage`` continues (``tune_continues``) and any other
    is refused unless ``overwrite``. ``rnncast tune`` and ``rnncast.tune`` both claim through it.
    Raises ``RnncastError`` as ``claim_output`` does, and for an earlier tune of another study."""
    return claim_output(out, default, overwrite, "tune",
                        continues=lambda folder, entries: tune_continues(folder, entries, study, storage, flag),
                        note=note, flag=flag)


def tune_continues(out: Path, entries: list[str], study: str, storage: str | None, flag: str = "out") -> str | None:
    """None when ``out`` holds a tune of study ``study`` in ``storage`` (None: the folder's own
    study.db), which this tune continues; else the refusal, naming what the folder holds."""
    import json

    if any(name not in TUNE_FILES for name in entries):
        return occupied(out, "tune", flag)  # a run or a backtest
    here = own_storage(out)
    has_db = (out / "study.db").is_file()
    try:
        record = json.loads((out / "tune.json").read_text(encoding="utf-8"))
        if isinstance(record, dict):  # a newer rnncast's tune.json: refused by its version, not read as this one's
            formatversions.check(record.get("format_version"), (formatversions.TUNE,), "tune", out / "tune.json")
        was_study, was_storage = str(record["study"]), str(record["storage"])
    except RnncastError:
        raise
    except (OSError, ValueError, KeyError, TypeError):  # a tune stopped before its summary: its study.db, if any
        was_study, was_storage = None, here if has_db else None
    recorded = sqlite_file(was_storage)
    if was_storage == OWN or has_db and recorded is not None and recorded.name == "study.db" and not (
            recorded.exists() and recorded.samefile(out / "study.db")):
        was_storage = here  # its own study.db (recorded by an earlier rnncast by its path: the folder moved or copied)
    if was_storage is not None and was_study in (None, study) and same_storage(was_storage, storage or here):
        return None
    where = "its own study.db" if same_storage(was_storage, here) else was_storage
    if was_storage is None:
        held = "the files of an earlier tune without its study"
    elif was_study is None:  # stopped before tune.json: the study's name was never recorded
        held = f"an earlier tune's study in {where} (its name unrecorded: the tune stopped before tune.json)"
    else:
        held = f"the tune of study {was_study!r} in {where}"
    named, stored = ("--study", "--storage") if flag.startswith("-") else ("study_name", "storage")
    return (f"{said(flag, out)} holds {held}; to add trials to a study, give its {named} (and {stored}, when it is "
            f"not the folder's own study.db); or give another {flag}, or {ask(flag)} to replace it")


OWN = "study.db"  # tune.json's storage for the folder's own study.db: where the folder is, moved or copied (decision 864)


def own_storage(out: Path) -> str:
    """The storage URL of the folder ``out``'s own study.db."""
    return f"sqlite:///{(out / 'study.db').resolve()}"


def same_storage(recorded: str | None, storage: str) -> bool:
    """Whether a storage as tune.json records it (password hidden) is ``storage``: SQLite files by their path."""
    from rnncast.storagetext import hide_password

    if recorded is None:
        return False
    files = sqlite_file(recorded), sqlite_file(storage)
    if None not in files and files[0].resolve() == files[1].resolve():
        return True
    return recorded == hide_password(storage)  # a SQLite URL whose query held a password: recorded masked (decision 1801)


def fit_line(config: Path, source, table_in_memory: bool, final: bool = False) -> str:
    """The command best.toml's comment gives to train its trial, one that runs: DATA where the tune's table was in
    memory (best.toml holds no data then), --static FILE where its static table was; ``final``: its settings' test_frac
    is 0, so the fit makes no test scores, said (``finalfit.TUNED``, decision 2158)."""
    data, static = "" if source else "DATA ", " --static FILE" if table_in_memory else ""
    what = [w for w, given in (("DATA: the table tuned on", not source), ("FILE: its static table", table_in_memory))
            if given]
    said = [f"{'; '.join(what)}, written to a file"] * bool(what) + [finalfit.TUNED] * final
    return f"rnncast fit {data}--config {shlex.quote(str(config))}{static}" + (f" ({'; '.join(said)})" if said else "")


def write_study(out: Path, result, source, panel, space: dict, storage: str, told_none: bool = False,
                short=()) -> Path:
    """Write a tune's files into ``out``: best.toml (``result``, a ``tuning.TuneResult``: its best trial's settings,
    with the data ``source`` and ``panel``'s columns, ``told_none``: read with time_col=False), trials.csv (every trial,
    the ``space`` searched, why one failed) and tune.json (the study, the series scored and those ``short``
    (``cutting.cut``'s records) every trial left out, its ``storage`` with any password hidden; the folder's own study.db as ``OWN``);
    best.toml's path."""
    from rnncast.configtoml import config_toml  # loaded when a tune writes, not when the command claims a folder
    from rnncast.storagetext import hide_password

    study, best = result.study, result.study.best_trial
    searched = list(space)
    from rnncast import calendarcovariates
    from rnncast.tunepanel import best_request, data_key

    roles, note = best_request(result.roles, panel)  # id_col and the static covariates, as fit --config reads them back
    made = result.settings.get("calendar_covariates")  # computed from the dates, not the data's: decision 1983
    roles.update({k: calendarcovariates.given(v, made) or None for k, v in roles.items() if k == "future_covariates" and v})
    request = {"data": source, "target": None if panel.layout == "wide" else panel.targets,  # wide: each series one
               "features": calendarcovariates.given(panel.features, made) or None,
               "time_col": False if told_none else panel.time_col, **roles}  # time_col = false: the table has none
    comment = (f"{BEST_COMMENT}{best.number} of study {study.study_name!r}: {result.ranked_by} {best.value:.6g}\n"
               + (f"{untrained_best(best)}\n" if kept_untrained(best) else "") + (f"{note}\n" if note else "")
               + f"searched: {', '.join(searched)}; train it with: "
               f"{fit_line(out / 'best.toml', source, bool(note), result.settings.get('test_frac') == 0)}")
    config = out / "best.toml"
    write_text(config, config_toml({**request, **result.settings}, comment))
    write_trials(out, study, searched)
    states = {}
    for trial in study.trials:
        states[trial.state.name] = states.get(trial.state.name, 0) + 1
    write_json(out / "tune.json", {
        "format_version": formatversions.TUNE,  # read back by tune_continues, a newer one refused by name
        "study": study.study_name, "storage": OWN if same_storage(storage, own_storage(out)) else hide_password(storage),
        "searched": list(searched), "search": space,
        **data_key(panel),  # id_col: the key's columns (None: one series, or wide)
        "past_covariates": list(panel.past), "future_covariates": list(panel.future),  # the inputs, by role (1213)
        "series_count": panel.n_series - len(short),  # the series every trial trained and was scored on
        "series_left_out": [{"series": str(panel.given_id(s)), "rows": int(panel.lengths[s])} for s in
                            range(panel.n_series) if panel.ids[s] in {r["id"] for r in short}],  # too short
        "ranked_by": result.ranked_by,
        "best": {"trial": best.number, "value": best.value, "best_epoch": best.user_attrs.get(BEST_EPOCH),
                 "untrained": kept_untrained(best), "params": best.params, "settings": result.settings},
        "trials": states,
    })
    return config


def write_trials(out: Path, study, searched: list) -> None:
    """Write ``out``/trials.csv: every trial of ``study`` (Optuna's) with the settings ``searched`` and why one failed;
    after each finished trial (``write_study``), and where none has completed, alone (a tune interrupted in its first
    trial: that trial, failed as interrupted)."""
    # best_epoch: the epoch whose weights the trial kept, untrained: whether that is 0 (blank where not measured:
    # a pruned or failed trial, or one an rnncast before these columns ran); reason: why a trial failed
    rows = [TRIALS_HEADER.split(",")[:-1] + ["best_epoch", "untrained"] + list(searched) + ["reason"]]
    for trial in study.trials:
        value = "" if trial.value is None else f"{trial.value:.8g}"
        seconds, untrained = trial.user_attrs.get("seconds"), kept_untrained(trial)
        rows.append([trial.number, trial.state.name, value, trial.user_attrs.get("epochs", ""),
                     "" if seconds is None else f"{seconds:.2f}", trial.user_attrs.get(BEST_EPOCH, ""),
                     "" if untrained is None else str(untrained).lower(),
                     *(trial.params.get(name, "") for name in searched), trial.user_attrs.get("failed", "")])
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)  # a reason's commas quoted
    write_text(out / "trials.csv", text.getvalue())


BEST_EPOCH = "best_epoch"  # a trial's user attribute (tuning): the epoch whose weights its fit kept, 0 the untrained net


def kept_untrained(trial) -> bool | None:
    """Whether a finished trial (Optuna's ``FrozenTrial``) kept its untrained network: its best epoch 0, no epoch
    improved on the untrained network's validation loss (``runhistory.kept_untrained``); None where not measured."""
    kept = trial.user_attrs.get(BEST_EPOCH)
    return None if kept is None else kept == 0


def untrained_best(trial) -> str:
    """Said where the best trial kept its untrained network (tune's warning, best.toml's comment): its score is the
    forecast the network starts from, not what its settings trained to, so the search picked no trained settings."""
    return (f"the best trial, {trial.number}, kept its untrained network (best epoch 0: no epoch improved on the "
            "untrained network's validation loss), so its score is the forecast the network starts from, not what "
            "its settings trained to; best.toml holds its settings all the same: train longer or with a larger "
            f"learning rate ({spelled('epochs')}, {spelled('lr')}) and tune again before trusting them")
