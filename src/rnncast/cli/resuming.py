"""``rnncast fit --resume RUN``: the request a run's config.json holds (or that of the new run begun there to
replace it, ``replacing.pending``), with DATA, --epochs, --device and --threads alone given, and the data checked against
the data the run started with."""

from __future__ import annotations

import shlex
from pathlib import Path

from rnncast.cli.commands import settings_from_args
from rnncast.cli.misplaced import missing_run
from rnncast.errors import RnncastError
from rnncast.files import COMMANDS, entries_of, output_kinds
from rnncast.folderlock import refuse_held, stopped_before_begun
from rnncast.outputs import hold
from rnncast import replacing


class MoveFinished(Exception):
    """``fit --resume RUN`` finished the move of a complete new run into ``RUN`` that a stopped or refused move left
    half replaced (``replacing.settle``): nothing is left to train; its message is the line that says so."""


def check_resumed_data(run_dir: Path, source: str, record: dict, config: Path) -> None:
    """Refuse to resume ``run_dir`` with data other than it started with (its config.json's
    fingerprint), before anything is trained or written, naming what differs: the run would split the
    other rows again, and rows it trained on could be scored as test rows. A run started before the
    data was recorded is not checked here (its checkpoint's check warns that it cannot be)."""
    from rnncast.configfile import run_data
    from rnncast.fingerprint import difference, unreadable_refusal

    started, recorded = run_data(config)  # the run's, or that of the new run replacing it (replacing.pending)
    if recorded is None:
        return
    if refusal := unreadable_refusal(  # nothing known of the data: not "other data" (decision 1781)
            recorded, str(config), source, "the run started with", "a resumed run must train on that data",
            f"restore {config.name} from a copy (or resume with the rnncast version that started the run), or start a "
            f"new run on this data: rnncast fit --config {shlex.quote(str(run_dir))} {shlex.quote(str(source))} --out NEW"):
        raise RnncastError(refusal)
    differs = difference(recorded, record)
    if differs:
        raise RnncastError(f"{run_dir} was started on other data than {source}: {differs}; a resumed run trains and is "
                           f"scored on the data it started with ({started}), or it would score what it should not (rows it "
                           f"trained on as test rows, values fill made as observed ones); give that data (rnncast fit --resume {shlex.quote(str(run_dir))} DATA; it may have moved), or start a "
                           f"new run on this data: rnncast fit --config {shlex.quote(str(run_dir))} {shlex.quote(str(source))} --out NEW")


def warn_other_data(config, data, source: str, record: dict, static=None) -> None:
    """``fit --config RUN``, which repeats that run on its own data: one warning where that data (read from where
    the run's config.json names it, or given again as DATA) differs from what the run trained on (its config.json's
    fingerprint, ``record`` the data read now), naming what differs; the fit goes on, training the run's settings on
    the data as it is now. Nothing is said of other DATA given (not a repeat), nor of a TOML config or a run started
    before fingerprints were kept (nothing to compare)."""
    import logging

    from rnncast.configfile import run_data
    from rnncast.fingerprint import STATIC_DIFFERS, difference, unreadable

    from rnncast.configpaths import is_run, run_path

    folder = Path(config)
    if not is_run(folder):
        return
    started, recorded = run_data(run_path(folder))
    run = folder if folder.is_dir() else folder.parent
    if recorded is None or data and not (started and Path(started).exists() and Path(data).exists()
                                         and Path(data).samefile(started)):
        return
    differs = difference(recorded, record)
    if unread := unreadable(recorded):  # not "differs": nothing is known of the run's data (decision 1781)
        logging.getLogger(__name__).warning(
            "whether the data in %s is what the run %s trained on cannot be checked: its config.json's data record "
            "(fingerprint) cannot be read (%s: written by another rnncast version, or edited); this fit trains that "
            "run's settings on the data as it is", source, run, unread)
    elif differs == STATIC_DIFFERS and static:  # the --static table alone changed: named, not the data beside it
        logging.getLogger(__name__).warning(
            "the static covariates in %s differ from what the run %s trained on (the data in %s is the same), so this "
            "fit does not repeat that run: it trains that run's settings on the table as it is now", static, run, source)
    elif differs:
        logging.getLogger(__name__).warning(
            "the data in %s differs from what the run %s trained on (%s), so this fit does not repeat that run: it "
            "trains that run's settings on the data as it is now", source, run, differs)


MACHINE = ("device", "threads")  # settings of where a run trains, not of what it trains: a resume may change them
MAY_GIVE = (*MACHINE, "epochs")  # and how far it trains (decision 584): more epochs train it further, fewer end it sooner

RESUME_KEEPS = ("target", "features", "time_col", "id_col", "series", "past_covariates", "future_covariates",
                "static_covariates", "static", "static_categorical", "out", "overwrite")  # flags a resumed run takes from its config.json


def resume_request(args) -> tuple[Path, dict, dict, dict]:
    """``(run folder, settings, request, found)`` of ``fit --resume RUN [DATA] [--epochs N] [--device D] [--threads N]``:
    the settings and request exactly as the run's config.json holds them (``configfile.read_run``), with
    DATA, --epochs, --device and --threads when given. ``found``: where the files the request names were found, when not
    at their path as written (tried absolute, as the run read them, then from the run folder:
    ``configpaths.run_locations``)."""
    from rnncast.configfile import check_run_version, read_run
    from rnncast.configpaths import run_file, run_locations
    from rnncast.resumedrecord import refuse_finished

    run_dir = Path(args.resume)
    if args.config:
        raise RnncastError("give --resume RUN or --config FILE, not both (a resumed run keeps its own settings)")
    refuse_held(run_dir)  # a run another process writes: its checkpoint mid-write is not read as damaged
    given = [name for name in RESUME_KEEPS if getattr(args, name, None) not in (None, False)]
    given += [name for name in settings_from_args(args) if name not in MAY_GIVE]
    repeats = []  # flags that give the run's own value (as its checkpoint began): they change nothing, and are taken
    if given:
        own = _own(run_dir)
        repeats = [name for name in given if name in own and _same(name, getattr(args, name), own[name])]
        given = [name for name in given if name not in repeats]
    if given:
        flags = ", ".join(f"--{name.replace('_', '-')}" + ("" if getattr(args, name) is True else f" {_shown(getattr(args, name))}")
                          + (f" (the run's: {_shown(own[name])}{_found(name, own)})" if name in own else "") for name in given)
        raise RnncastError(f"--resume continues {run_dir} with its own settings and data; only DATA, --epochs, --device and --threads may "
                           f"be given with it, not {flags} (to change them, start a new run: rnncast fit --config {shlex.quote(str(run_dir))} "
                           "--out NEW ...)")
    if (run_dir / replacing.DONE).is_dir():
        hold(run_dir, "run").release()  # a replacing run's move that a kill cut short, finished (replacing.settle)
        if replacing.pending(run_dir) is None and (run_dir / "report.html").is_file():
            raise MoveFinished(f"finished moving the new run into {run_dir}, which a move that was stopped or refused "
                               "had left half replaced: the run there is the new one, complete")
    config_path = (replacing.pending(run_dir) or run_dir) / "config.json"  # a new run replacing it continues first
    if not config_path.is_file():
        if not run_dir.exists():
            raise RnncastError(missing_run(run_dir))
        stopped = stopped_before_begun(run_dir)  # before the hold, whose release removes the lock file
        if run_dir.is_dir():
            hold(run_dir, "run").release()  # a run that another process is starting is named as such
        if stopped:
            raise RnncastError(stopped)
        raise RnncastError(f"{run_dir} is not a run directory (no config.json); give the folder a fit wrote")
    check_run_version(config_path)  # a newer rnncast's run: refused as such, not called finished (or unfinished)
    other = [kind for kind in output_kinds(entries_of(run_dir)) if kind != "run"]
    if other:  # a backtest keeps config.json too: its settings start a run with --config, never continue one
        raise RnncastError(f"{run_dir} is a {other[0]}'s folder (rnncast {COMMANDS[other[0]]}), not a run; --resume "
                           f"continues a fit. To train a run on its data and settings: rnncast fit --config {shlex.quote(str(run_dir))} --out NEW")
    if config_path.parent == run_dir:  # a complete new run waiting to replace the earlier one (a signal came before
        refuse_finished(run_dir)  # the move: cli.finishing) is put in place, its outputs written again
    settings, request = read_run(config_path)  # the same reader as --config RUN: the request as written
    trained_with = settings.get("threads", 0)
    for name in MAY_GIVE:
        if name in vars(args):
            settings[name] = vars(args)[name]  # a run may continue on another device, with other threads, further
    if settings.get("threads", 0) == trained_with:  # another setting is said by resumedsettings (decision 1162)
        from rnncast.cli.fitrequest import thread_note
        thread_note(config_path, trained_with, "threads" in vars(args), device=settings.get("device"))  # threads 0 on a machine of another count:
        # said (decision 1622); --threads given, no count advised (decision 1657)
    for name in repeats:  # the run's own value, given again: where config.json was edited, it is put back
        (settings if name in settings_from_args(args) else request)[name] = getattr(args, name)
    found = {}
    if args.data:
        request["data"] = str(args.data)  # the request of the finished run names the data it was finished with
    for key, tries in run_locations(config_path, request, ("data",) if args.data else ()).items():
        if key == "data" and args.data:
            continue
        again = f"give it: rnncast fit --resume {shlex.quote(str(run_dir))} DATA" if key == "data" else "put it back at one of them"
        hit = run_file(run_dir, key, tries, again)  # a regular file: no device, no pipe
        if str(hit) != request[key]:
            found["source" if key == "data" else key] = str(hit)
    request = {"source": request.pop("data"), "target": None, "features": None, "time_col": None, **request}
    return run_dir, settings, request, found


def _own(run_dir: Path) -> dict:
    """The run's own settings and columns by flag name, as its checkpoint began with them (verified first:
    ``resumedrecord``), else as its config.json holds them (of the new run replacing it where one waits); {} where
    neither is readable (the refusal then names the flags given alone)."""
    from rnncast.resumedrecord import own_values, verify

    home = replacing.pending(run_dir) or run_dir
    return own_values(home / "config.json", verify(home / "checkpoint.safetensors"))


def _same(name: str, given, own) -> bool:
    """Whether a flag's value is the run's own: columns as the reader reads them, a setting as JSON holds it."""
    import json

    from rnncast.data import names

    if name == "id_col" and isinstance(own, list) and len(own) > 1 and isinstance(given, str):
        from rnncast.serieskeys import text

        own = text(own)  # a key as config.json keeps it (decision 1133), given as its flag's text: item_id,store_id
    if name in RESUME_KEEPS:
        try:
            return names(given) == names(own)
        except (TypeError, ValueError):
            return False
    return json.dumps(given, default=str) == json.dumps(own, default=str)


def _found(name: str, own: dict) -> str:
    """What the run found where it named none: the calendar of its data, for --freq."""
    return f"; the calendar it found in its data: {own['calendar']}" if name == "freq" and own.get(name) is None \
        and own.get("calendar") else ""


def _shown(value) -> str:
    """A flag's value as its command line gives it: a list of columns comma-joined, None as none."""
    if isinstance(value, (list, tuple)):
        return ",".join(map(str, value))
    return "none" if value is None else str(value)
