"""The ``rnncast tune`` command, once its flags are parsed: claim the tuning folder (new, empty, or
an earlier tune of the same study, which it goes on adding trials to), run the search
(``rnncast.tuning``), and print one line per trial and the best settings' config. Tune takes a panel as fit does
(--id-col, --series, --past-covariates, --future-covariates, --static...)."""

from __future__ import annotations

import errno
import shlex
import sys
from pathlib import Path

from rnncast import finalfit, interrupts
from rnncast.files import shown
from rnncast.pathargs import stem
from rnncast.cli import os_error_text
from rnncast.speakers import named_logs
from rnncast.cli.display import advise
from rnncast.cli.fitrequest import config_out, fit_request
from rnncast.errors import DiskFailed, RnncastError
from rnncast.tuneoutputs import claim_tune, own_storage
from rnncast.spelling import counted, from_config, in_config, shell_word


def run_tune(args) -> int:
    """Search the settings; the tuning folder is held (``folderlock.lock_folder``) until its files are written.

    ``--out`` may be new, empty, or a folder an earlier tune wrote: a tune of the same study (its
    ``--study``, in the same storage: the folder's own study.db unless ``--storage``) goes on adding
    trials to it, as a second machine does through ``--storage``; a run or a backtest is refused, and a
    tune of another study unless ``--overwrite``. One process at a time holds a folder: processes that
    share one study give it through ``--storage``, each with its own ``--out``."""
    with interrupts.ctrl_c_between_batches():  # Ctrl-C and SIGTERM stop a trial at a batch, not inside Optuna's storage
        return _run_tune(args)


def _run_tune(args) -> int:
    """``run_tune`` inside ``ctrl_c_between_batches``."""
    settings, request, out, track = fit_request(args, "tune")
    if track:  # tune has no --track: only a --config file gives it
        raise RnncastError(f"config {args.config} gives track = {track!r}, which tune does not take: its trials are "
                           "recorded in trials.csv and study.db; track a run of the best settings with rnncast fit "
                           f"--config best.toml --track {track}")
    search = search_from_args(args.search)  # refused, like the rest, before the folder is claimed
    settings = config_searched(args, settings, search)
    if args.config:  # a setting the search replaces is no longer the file's
        in_config(args.config, [name for name in from_config() if name in settings])
    default = Path("runs") / f"tune-{stem(request['source'])}"
    with config_out(args, out):
        claim = claim_tune(Path(out) if out else None, args.overwrite, args.study, args.storage, default=default,
                           note=joining_note(Path(out) if out else default, args.study, args.storage), flag="--out")
    try:
        return _tune_run(args, settings, search, request, claim)
    except KeyboardInterrupt as err:  # Ctrl-C or SIGTERM: what the study holds, where, and how to go on
        print(f"rnncast: interrupted{interrupts.by(err)}; {stopped_tune(claim.folder)}", file=sys.stderr)
        return interrupts.exit_status(err)
    except OSError as err:  # a full disk (fullstudy.said_full names the study's file): the finished trials are kept
        if err.errno != errno.ENOSPC:
            raise
        kept = (claim.folder / "study.db").exists() or args.storage
        raise DiskFailed(f"{os_error_text(err)}; " + (stopped_tune(claim.folder, "after freeing space, ") if kept else
                           "nothing of the study was kept: after freeing space, run the same rnncast tune again")) from None
    finally:
        claim.release(tidy=True)  # a tune refused before it wrote anything leaves no folder behind


def stopped_tune(out: Path, space: str = "") -> str:
    """What an interrupted tune left in ``out``, read from its trials.csv (written after each trial, and once more
    when the signal failed the trial it stopped): how many trials finished, where best.toml and trials.csv are,
    and that the same command goes on with the study (``space``: "after freeing space, ", a full disk's)."""
    import csv

    again = (f"{space}run the same rnncast tune again with --out {shell_word(out)} (without it a new numbered folder, a "
             "new study, is made): it adds trials to the study, the settings of a trial left unfinished first")
    try:
        with open(out / "trials.csv", newline="", encoding="utf-8") as f:
            states = [row.get("state") for row in csv.DictReader(f)]
    except (OSError, ValueError, csv.Error):
        states = []
    finished = [state for state in states if state in ("COMPLETE", "PRUNED")]
    if "COMPLETE" not in states or not (out / "best.toml").is_file():
        return f"no trial had completed, so {out} holds no best.toml yet; {again}"
    pruned = finished.count("PRUNED")
    failed = states.count("FAIL")
    how = f" ({len(finished) - pruned} complete, {pruned} pruned)" if pruned else ""
    fails = f", and {counted(failed, 'failed trial')} (why: trials.csv's reason)" if failed else ""
    return (f"the study holds {counted(len(finished), 'finished trial')}{how}{fails}; the best settings so far are in "
            f"{out / 'best.toml'} and every trial in {out / 'trials.csv'}; to go on, {again}")


def joining_note(out: Path, study: str, storage: str | None) -> str:
    """What a tune started on a folder this tune holds is told (``folderlock.lock_folder``'s note): the study
    it runs and how to add trials to it at the same time. A second process is refused the folder, not
    let into it: its files (best.toml, trials.csv, tune.json) are one process' summary, an
    ``--overwrite`` of one would remove the study.db the other writes, and a tune started twice by
    mistake would run twice the trials asked for; Optuna's storage is what processes share."""
    from rnncast.storagetext import hide_password

    here = own_storage(out)
    where = out / "study.db" if storage is None else hide_password(storage)
    return (f"tuning study {study!r} in {where}: to add trials to it at the same time, give the second tune its own "
            f"--out with --study {study} --storage {hide_password(storage or here)} and its own --sampler-seed")


def search_from_args(given: list[str] | None) -> dict | None:
    """The --search flags as ``tune``'s ``search``: ``lr=1e-3..1e-2`` a range, ``cell=lstm,gru`` choices
    (each value typed as its flag's), ``lr`` the default space, ``cell,lr`` two names each in its default space
    (as the column flags take names); None when no flag was given. Raises
    ``RnncastError`` naming the flag for a space of the wrong form or a setting given twice."""
    from rnncast.searchspace import EXAMPLES, RANGES, SEARCH, check_name
    from rnncast.settingtext import parse_setting

    if given is None:
        return None
    search = {}
    for flag in given:  # 'cell,,lr' names an empty setting: said as every comma list says it (decision 409)
        items = flag.split(",") if "=" not in flag else []
        if len(items) > 1 and any(not item.strip() for item in items):  # a blank flag alone: "cannot search ''"
            empty = next(k for k, item in enumerate(items) if not item.strip())
            raise RnncastError(f"--search {flag!r} has an empty item (item {empty + 1} of {len(items)}): name "
                               f"settings separated by single commas, from {', '.join(SEARCH)}")
    named = [(flag, name.strip()) for flag in given for name in (flag.split(",") if "=" not in flag else [flag])]
    for flag, text in named:  # as the column flags take names: --search cell,lr is --search cell --search lr
        name, has_space, space = (part.strip() for part in text.partition("="))
        name = name.replace("-", "_")
        try:
            check_name(name)
        except RnncastError as err:
            alone = (f"; a setting with a space takes its own flag (--search {name.split(',')[0]} --search "
                     f"{name.split(',')[-1]}={space})" if "," in name else "")
            raise RnncastError(f"--search {flag}: {err}{alone}") from None
        if name in search:
            raise RnncastError(f"--search {name} is given twice; give each setting once")
        if not has_space:
            search[name] = None
            continue
        form = f"{'a range LOW..HIGH' if name in RANGES else 'choices A,B,...'} ({name}={EXAMPLES[name]})"
        pieces = space.split("..") if name in RANGES else space.split(",")
        if (len(pieces) != 2) if name in RANGES else (".." in space or not space):
            raise RnncastError(f"--search {text}: {name} takes {form}")
        empty = [k for k, piece in enumerate(pieces) if not piece.strip()]
        if empty and name not in RANGES:  # 'lstm,,gru' is not searched over a cell named ''
            raise RnncastError(f"--search {text!r} has an empty item (item {empty[0] + 1} of {len(pieces)}): {name} "
                               f"takes {form}")
        try:
            search[name] = [parse_setting(name, piece) for piece in pieces]
        except RnncastError as err:
            raise RnncastError(f"--search {text}: {err}") from None
        twice = next((k for k, value in enumerate(search[name]) if value in search[name][:k]), None)
        if twice is not None and name not in RANGES:  # 08 and 8 are one number: said so, not as a repeat of "08"
            first = pieces[search[name].index(search[name][twice])]
            same = (f"{pieces[twice]} and {first} are the same choice" if pieces[twice] != first
                    else f"the choice {first} is given more than once")
            raise RnncastError(f"--search {text}: {same}; give each choice once")
    return search


def config_searched(args, settings: dict, search: dict | None) -> dict:
    """The settings less those a --config file fixed and --search names: a file's settings are defaults
    that flags override, so refining around a best.toml (which fixes every searchable setting) needs no
    edit of the file; one line says which of the file's values the search replaces. A setting given as
    its own flag and named by --search stays refused (``searchspace.not_fixed``). Without --search, a
    file that leaves nothing to search is refused naming the file and --search."""
    from rnncast.cli.commands import settings_from_args
    from rnncast.searchspace import EXAMPLES, SEARCH

    flagged = settings_from_args(args)
    from_file = [name for name in SEARCH if name in settings and name not in flagged] if args.config else []
    if search is None:
        if from_file and all(name in settings for name in SEARCH):
            which = "" if len(from_file) == len(SEARCH) else f", {', '.join(from_file)}"
            raise RnncastError(f"every searchable setting ({', '.join(SEARCH)}) is fixed{which} by the config file "
                               f"{args.config}; --search NAME searches one in the file's place "
                               f"(--search lr={EXAMPLES['lr']}), or leave one of them out")
        return settings
    replaced = [name for name in search if name in from_file]
    if replaced:
        values = ", ".join(f"{name} {settings[name]}" for name in replaced)
        advise(f"--search replaces the config file's {values} ({args.config})")  # stderr: the output is the trials
    return {key: value for key, value in settings.items() if key not in replaced}


def _tune_run(args, settings: dict, search: dict | None, request: dict, out) -> int:
    """``run_tune`` once the tuning folder is held."""
    from rnncast.cli.commands import panel_kwargs
    from rnncast.studies import ranking
    from rnncast.tuning import loss_text, trial_line, tune  # tune quiets Optuna's own lines: one line per trial, ours

    ranked_by = ranking(settings.get("quantiles") or (), settings.get("scaler") or "standard")[1]  # "validation pinball loss (...)" or "validation MSE (...)"

    def on_trial(trial):
        print(trial_line(trial, ranked_by), flush=True)

    # the folder, held and checked here (claim_tune), is handed over held: with --overwrite, tune removes the earlier
    # tune's files once the data and settings are good
    with named_logs():  # each trial's warnings begin with its number ("trial 3: the best epoch was the last ...")
        result = tune(request["source"], request["target"], request["features"], request["time_col"], trials=args.trials,
                      settings=settings, search=search, storage=args.storage, study_name=args.study,
                      out=out, overwrite=args.overwrite, timeout=args.timeout, sampler_seed=args.sampler_seed,
                      on_trial=on_trial, **{k: v for k, v in panel_kwargs(request).items()
                                            if v is not None})  # --id-col, --static FILE, ...: read as fit reads them
    best = result.study.best_trial
    print(f"best: trial {best.number}, {result.ranked_by} {loss_text(result.value)} ({counted(len(result.study.trials), 'trial')} in the "
          "study, ranked by it)")
    tie = tied(result.study, best)
    if tie:
        print(tie)
    final = settings.get("test_frac") == 0  # the settings given: its fit scores nothing (decision 2147)
    print(f"wrote {shown(result.config)}; train it with: rnncast fit --config {shlex.quote(str(result.config))}"
          + (f" ({finalfit.TUNED})" if final else ""))
    return 0


def tied(study, best) -> str | None:
    """The line saying which finished trials score what the best one does (``significance.same``: to a millionth), where
    any does: best.toml then holds the first of settings the search did not tell apart, as a finance tester's two
    trials that each kept the untrained network (0.064521589 both) were ranked "best: trial 0" without a word."""
    from rnncast.significance import same as same_loss

    same = [t.number for t in study.trials if t.state.name == "COMPLETE" and t.value is not None
            and same_loss(t.value, best.value)]
    if len(same) < 2:
        return None
    numbers = f"{', '.join(map(str, same[:-1]))} and {same[-1]}" if len(same) <= 6 else f"{same[0]}, {same[1]} and {len(same) - 2} more"
    return (f"trials {numbers} score the same ({best.value:.5g}): the search did not tell their settings apart, and "
            f"best.toml holds trial {best.number}'s; where their lines above say a trial kept the untrained network, "
            "train longer or with a larger learning rate (--epochs, --lr) before comparing settings")
