"""The ``rnncast tune`` command, once its flags are parsed: claim the tuning folder (new, empty, or
an earlier tune of the same study, which it goes on adding trials to), run the search
(``rnncast.tuning``), and print one line per trial and the best settings' config. Tune takes one
series: the many-series flags it lacks are named as such (``one_series_note``)."""

from __future__ import annotations

from pathlib import Path

from rnncast.cli.fitting import fit_request
from rnncast.cli.outputs import TUNE_FILES, claim_output, clear_output, occupied
from rnncast.errors import RnncastError
from rnncast.spelling import counted


def run_tune(args) -> int:
    """Search the settings; the tuning folder is held (``files.lock_folder``) until its files are written.

    ``--out`` may be new, empty, or a folder an earlier tune wrote: a tune of the same study (its
    ``--study``, in the same storage: the folder's own study.db unless ``--storage``) goes on adding
    trials to it, as a second machine does through ``--storage``; a tune of another study, a run or a
    backtest is refused unless ``--overwrite``. One process at a time holds a folder: processes that
    share one study give it through ``--storage``, each with its own ``--out``."""
    settings, request, out, _ = fit_request(args, "tune")
    default = Path("runs") / f"tune-{Path(request['source']).stem}"
    claim = claim_output(Path(out) if out else None, default, args.overwrite, "tune",
                         continues=lambda folder, entries: _tune_continues(folder, entries, args.study, args.storage),
                         note=joining_note(Path(out) if out else default, args.study, args.storage))
    try:
        return _tune_run(args, settings, request, claim.folder)
    finally:
        claim.release(tidy=True)  # a tune refused before it wrote anything leaves no folder behind


def joining_note(out: Path, study: str, storage: str | None) -> str:
    """What a tune started on a folder this tune holds is told (``files.lock_folder``'s note): the study
    it runs and how to add trials to it at the same time. A second process is refused the folder, not
    let into it: its files (best.toml, trials.csv, tune.json) are one process' summary, an
    ``--overwrite`` of one would remove the study.db the other writes, and a tune started twice by
    mistake would run twice the trials asked for; Optuna's storage is what processes share."""
    from rnncast.studies import hide_password

    here = f"sqlite:///{(out / 'study.db').resolve()}"
    where = out / "study.db" if storage is None else hide_password(storage)
    return (f"tuning study {study!r} in {where}: to add trials to it at the same time, give the second tune its own "
            f"--out with --study {study} --storage {hide_password(storage or here)} and its own --sampler-seed")


PANEL_FLAGS = ("--id-col", "--series", "--past-covariates", "--future-covariates", "--static-covariates", "--static")


def one_series_note(extras: list[str]) -> str:
    """What tune says of the many-series flags among the arguments no parser took (``extras``): the
    library tunes one series, so fit's and backtest's flags for many are not tune's."""
    panel = [flag for flag in PANEL_FLAGS if any(e == flag or e.startswith(flag + "=") for e in extras)]
    return (f"; tune takes one series, so it has no {', '.join(panel)} (fit and backtest have): give it the rows of "
            "one series" if panel else "")


def _tune_continues(out: Path, entries: list[str], study: str, storage: str | None) -> str | None:
    """None when ``out`` holds a tune of study ``study`` in ``storage`` (None: the folder's own
    study.db), which this tune continues; else the refusal, naming what the folder holds."""
    import json

    if any(name not in TUNE_FILES for name in entries):
        return occupied(out, "tune")  # a run or a backtest
    here = f"sqlite:///{(out / 'study.db').resolve()}"
    has_db = (out / "study.db").is_file()
    try:
        record = json.loads((out / "tune.json").read_text(encoding="utf-8"))
        was_study, was_storage = str(record["study"]), str(record["storage"])
    except (OSError, ValueError, KeyError, TypeError):  # a tune stopped before its summary: its study.db, if any
        was_study, was_storage = None, here if has_db else None
    gone = _sqlite_file(was_storage)
    if has_db and gone is not None and gone.name == "study.db" and not gone.exists():
        was_storage = here  # the folder was moved, its own study.db with it
    if was_storage is not None and was_study in (None, study) and _same_storage(was_storage, storage or here):
        return None
    where = "its own study.db" if _same_storage(was_storage, here) else was_storage
    if was_storage is None:
        held = "the files of an earlier tune without its study"
    elif was_study is None:  # stopped before tune.json: the study's name was never recorded
        held = f"an earlier tune's study in {where} (its name unrecorded: the tune stopped before tune.json)"
    else:
        held = f"the tune of study {was_study!r} in {where}"
    return (f"--out {out} holds {held}; to add trials to a study, give its --study (and --storage, when it is not "
            "the folder's own study.db); or give another --out, or --overwrite to replace it")


def _sqlite_file(url: str | None) -> Path | None:
    return Path(url[len("sqlite:///"):]) if url and url.startswith("sqlite:///") else None


def _same_storage(recorded: str | None, storage: str) -> bool:
    """Whether a storage as tune.json records it (password hidden) is ``storage``: SQLite files by their path."""
    from rnncast.studies import hide_password

    if recorded is None:
        return False
    files = _sqlite_file(recorded), _sqlite_file(storage)
    if None not in files:
        return files[0].resolve() == files[1].resolve()
    return recorded == hide_password(storage)


def search_from_args(given: list[str] | None) -> dict | None:
    """The --search flags as ``tune``'s ``search``: ``lr=1e-3..1e-2`` a range, ``cell=lstm,gru`` choices
    (each value typed as its flag's), ``lr`` the default space; None when no flag was given. Raises
    ``RnncastError`` naming the flag for a space of the wrong form or a setting given twice."""
    from rnncast.searchspace import RANGES, SEARCH
    from rnncast.settingtext import parse_setting

    if given is None:
        return None
    search = {}
    for text in given:
        name, has_space, space = (part.strip() for part in text.partition("="))
        name = name.replace("-", "_")
        if name not in SEARCH:
            raise RnncastError(f"--search {text}: cannot search {name!r}; searchable settings: {', '.join(SEARCH)}")
        if name in search:
            raise RnncastError(f"--search {name} is given twice; give each setting once")
        if not has_space:
            search[name] = None
            continue
        form = ("a range LOW..HIGH (lr=1e-3..1e-2)" if name in RANGES else "choices A,B,... (cell=lstm,gru)")
        pieces = space.split("..") if name in RANGES else space.split(",")
        if (len(pieces) != 2) if name in RANGES else (".." in space or not space):
            raise RnncastError(f"--search {text}: {name} takes {form}")
        try:
            search[name] = [parse_setting(name, piece) for piece in pieces]
        except RnncastError as err:
            raise RnncastError(f"--search {text}: {err}") from None
    return search


def _tune_run(args, settings: dict, request: dict, out: Path) -> int:
    """``run_tune`` once the tuning folder is held."""
    from rnncast.studies import ranking
    from rnncast.tuning import trial_line, tune  # tune quiets Optuna's own lines: one line per trial, ours

    ranked_by = ranking(settings.get("quantiles") or ())[1]  # "validation pinball loss (...)" or "validation MSE (...)"

    def on_trial(trial):
        print(trial_line(trial, ranked_by), flush=True)

    def on_start():  # the data and settings are good: an earlier output at --out goes only now
        if args.overwrite:
            clear_output(out)

    result = tune(request["source"], request["target"], request["features"], request["time_col"], trials=args.trials,
                  settings=settings, search=search_from_args(args.search), storage=args.storage, study_name=args.study,
                  out=out, timeout=args.timeout,
                  sampler_seed=args.sampler_seed, on_trial=on_trial, on_start=on_start)
    best = result.study.best_trial
    print(f"best: trial {best.number}, {result.ranked_by} {result.value:.5f} ({counted(len(result.study.trials), 'trial')} in the "
          "study, ranked by it)")
    print(f"wrote {result.config}; train it with: rnncast fit --config {result.config}")
    return 0
