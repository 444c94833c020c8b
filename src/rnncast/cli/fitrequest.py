"""The request of a new fit (or tune) from the command line: the settings and data a --config file gives (a run's
config.json or a TOML file, its paths read as rnncast reads them), overridden by the flags given; --out and --track."""

from __future__ import annotations

import contextlib
import shlex
from pathlib import Path

from rnncast.cli.commands import panel_request, settings_from_args
from rnncast.cli.misplaced import overwrite_without_out
from rnncast.errors import RnncastError
from rnncast.spelling import from_config, in_config


def fit_request(args, command: str = "fit") -> tuple[dict, dict, str | None, str | None]:
    """Settings, data request, --out and --track of a new fit (or tune): the --config file, overridden by the flags given."""
    from rnncast.configfile import file_effects, read_config
    from rnncast.configpaths import is_run

    file_settings, file_request = (read_config(args.config, getattr(args, "command_flags", None)) if args.config
                                    else ({}, {}))
    if args.config:
        _backtest_left(args.config, command)
        if file_settings.get("verbose") is True and Path(args.config).suffix.lower() == ".toml":  # read, did nothing
            from rnncast.cli.display import advise

            advise(f"verbose = true in config {args.config} is the Python API's progress bar (Forecaster(verbose=True)); "
                   f"rnncast {command} draws its own, and -v/--verbose is the command line's for more detail")
    settings = {**file_settings, **settings_from_args(args)}  # setting flags not given are absent from args
    if "cutoff" in settings_from_args(args) and "test_frac" in file_settings and "test_frac" not in settings_from_args(args):
        from rnncast.cli.display import advise  # a cutoff typed makes the test rows: the file's fraction left (decision 2148)

        settings.pop("test_frac")
        advise(f"--cutoff {settings['cutoff']} replaces the config's test_frac {file_settings['test_frac']:g} "
               f"({args.config}): every row after the cutoff is a test row")
    if "test_frac" in settings_from_args(args) and file_settings.get("cutoff") is not None \
            and "cutoff" not in settings_from_args(args):
        from rnncast.cli.display import advise  # the mirror: a typed fraction makes the test rows (decision 2169)

        settings.pop("cutoff")
        file_settings = {k: v for k, v in file_settings.items() if k != "test_frac"}  # unused beside the cutoff
        advise(f"--test-frac {settings['test_frac']:g} replaces the config's cutoff {file_settings['cutoff']} "
               f"({args.config}): " + ("no row is a test row" if not settings["test_frac"] else
                                       f"the last {100 * settings['test_frac']:g}% of each series' rows are test rows"))
    pairs = {k: (v, file_settings[k]) for k, v in settings_from_args(args).items() if k in file_settings}
    run = is_run(args.config)
    repeat = run and command == "fit"  # a tune repeats no run: its threads replaced as any flag (decision 1671)
    threads = pairs.pop("threads", None) if repeat else None  # said with the count the run trained on (decision 1657)
    _replaced(args, pairs, run)
    if args.config:  # a file's chunk beside --scheme window: said as the file's, which no flag unsets
        in_config(args.config, [k for k in file_settings if k not in settings_from_args(args)])  # refusals name it,
        file_effects(args.config, settings, [k for k in file_settings if k not in settings_from_args(args)])  # these too
    if not (args.data or file_request.get("data")):
        resume = ", or --resume RUN to continue a run" if command == "fit" else ""
        raise RnncastError(f"{command} needs DATA, and --target COLUMN where it holds more than one column besides the "
                           f"time (as flags or in a --config file){resume}")
    flags = {"target": args.target, "time_col": args.time_col}  # the parser's lists of names (cli/parser.py)
    if args.features is not None:
        flags["features"] = args.features  # a list of names, or 'all'
    panel = panel_request(args)
    if args.config:
        file_request = config_paths(args, file_request)  # the file's paths as read from any directory
        _static_table_given(args, file_request)
    source = args.data or file_request["data"]
    flags.update({k: v for k, v in panel.items() if v is not None})
    if args.config:  # the columns the file names, too: a refusal of one names the file, not a flag never given
        typed = [k for k, v in flags.items() if v is not None]  # --target and --time-col are None where not given
        in_config(args.config, [*from_config(), *(k for k in file_request if k not in (*typed, "data", "out", "track"))])
    request = {"source": str(source), "target": None, "features": None, "time_col": None, **{k: None for k in panel}}
    request.update({k: v for k, v in file_request.items() if k in request})
    request.update({k: v for k, v in flags.items() if v is not None})
    given = {**{k: v for k, v in flags.items() if v is not None}, "data": args.data, "out": args.out,
             "track": getattr(args, "track", None)}
    _replaced(args, {k: (v, file_request[k]) for k, v in given.items() if v is not None and file_request.get(k)}, run)
    if repeat:  # threads 0 on another machine (decision 1622); --threads N replacing the run's, in the same line
        thread_note(args.config, settings.get("threads", 0), "threads" in settings_from_args(args),
                    threads[1] if threads and str(threads[0]) != str(threads[1]) else None, settings.get("device"))
    out = args.out or file_request.get("out")
    if args.overwrite and not out:  # a new numbered folder: nothing replaced, without a word
        raise RnncastError(overwrite_without_out(command))
    return settings, request, out, getattr(args, "track", None) or file_request.get("track")


def _backtest_left(config, command: str) -> None:
    """A backtest's folder (or config.json) as --config: its settings and data are read, its windows (``backtest``:
    n_windows, step, refit) are no fit's or tune's, and were dropped without a word; said in one warning."""
    import json
    import logging

    from rnncast.configpaths import is_run, run_record

    record = (run_record(config) or {}).get("backtest") if is_run(config) else None  # None: read_config named why
    if isinstance(record, dict) and record:
        windows = ", ".join(f"{k} {json.dumps(v)}" for k, v in record.items())
        logging.getLogger(__name__).warning(
            "config %s is a backtest's: %s takes its settings and data, not its windows (%s), which are rnncast "
            "backtest's flags (--n-windows, --step, --refit)", config, command, windows)


def _replaced(args, pairs: dict, run: bool) -> None:
    """One line for each value of the --config file a flag (or DATA) replaces, ``pairs``: ``{name: (given, file's)}``
    (``--lookback 20 replaces the config's 14``); a flag that gives the file's own value is not said. A run's config
    given other data (``run``: the file is a run's) is said not to repeat that run."""
    from rnncast.cli.replacedvalues import replaced

    replaced(pairs, "the config's", args.config, {"data": "; this fit is not a repeat of that run"} if run else None)


@contextlib.contextmanager
def config_out(args, out):
    """Around claiming ``out``: a refusal of the folder the --config file's ``out`` names (no --out given) says so;
    "--out runs/x holds a finished run" alone named a flag that was never given."""
    try:
        yield
    except RnncastError as err:
        if out and args.config and not args.out:
            raise RnncastError(f"{err} ({out} is the out of config {args.config})") from None
        raise


def config_paths(args, file_request: dict) -> dict:
    """The --config file's request with its paths as rnncast reads them (``configpaths``): a run's files where
    its config.json kept them, a TOML file's relative to its folder; a path the command line gives instead is
    left as the file has it (not read)."""
    from rnncast.configpaths import TOML_PATHS, is_run, run_file, run_locations, toml_path

    given = {"data": args.data, "out": args.out, "static": getattr(args, "static", None)}
    request = dict(file_request)
    if is_run(args.config):
        for key, tries in run_locations(args.config, file_request, [k for k, v in given.items() if v]).items():  # a run's files, wherever they went
            if not given.get(key):
                again = (f"give it: rnncast fit --config {shlex.quote(str(args.config))} DATA" if key == "data" else
                         "put it back at one of them, or give --static FILE")
                request[key] = str(run_file(args.config, key, tries, again))
        return request
    for key in TOML_PATHS:
        if isinstance(request.get(key), str) and not given.get(key):
            request[key] = toml_path(args.config, key, request[key])
    return request


def _static_table_given(args, file_request: dict) -> None:
    """A tune's best.toml whose trial trained on a static table given in memory names its columns (``static_table``),
    which it cannot hold: refused by name unless static covariates are given (--static FILE, or --static-covariates
    columns), never trained without; those given are checked against it (``_static_columns_match``)."""
    names = file_request.get("static_table")
    if not names:
        return
    columns = getattr(args, "static_covariates", None) or file_request.get("static_covariates")
    path = getattr(args, "static", None) or file_request.get("static")
    if not (columns or path):
        shown = ", ".join(repr(n) for n in names)
        raise RnncastError(f"config {args.config}'s trial used the static covariates {shown} from a table given in "
                           "memory, which it cannot hold: give that table with --static FILE (the id column(s) and "
                           f"{'its column' if len(names) == 1 else 'their columns'}), or name "
                           f"{'its column' if len(names) == 1 else 'their columns'} in DATA with --static-covariates")
    if columns and not path:  # both given: panel_kwargs refuses them by name
        given = [columns] if isinstance(columns, str) else [str(c) for c in columns]
        flag = "--static-covariates" if getattr(args, "static_covariates", None) else "static_covariates"  # or the file's
        _static_columns_match(args.config, names, given, f"{flag} names", "give --static-covariates the trial's "
                              "columns, or --static a table of them")
    elif isinstance(path, str) and Path(path).is_file():
        from rnncast.data import read_table
        from rnncast.speakers import silenced

        with silenced():  # read again when fitting: what reading says is said then
            table = read_table(path)
        header = [str(c) for c in table.columns]
        ids = getattr(args, "id_col", None) or file_request.get("id_col") or []
        ids = [ids] if isinstance(ids, str) else [str(c) for c in ids]
        if len(ids) == 1:  # a table keyed by another column ('id', not 'sku'): refused before its columns are weighed
            from rnncast.static import keyed

            keyed(table, ids[0])
        _static_columns_match(args.config, names, [c for c in header if c not in ids], f"{path} has",
                              "give --static a table with the trial's columns")


def _static_columns_match(config, names: list, given: list[str], source: str, instead: str) -> None:
    """The static covariates ``given`` for a best.toml's ``static_table`` ``names`` (a --static FILE's columns besides
    its id column(s), or the --static-covariates named; ``source`` says which: "other.csv has"): refused by name when
    one the trial used is lacking (``instead``: what to give); those it adds are said, since the trial did not train on
    them (decisions 1208, 1214)."""
    import logging

    lacking = [n for n in names if str(n) not in given]
    extra = [c for c in given if c not in map(str, names)]
    used = ", ".join(repr(n) for n in names)
    if lacking:
        raise RnncastError(f"config {config}'s trial used static covariates {used}; {source} "
                           f"{', '.join(repr(c) for c in given) or 'no other column'}, not "
                           f"{', '.join(repr(n) for n in lacking)}: {instead}")
    if extra:
        logging.getLogger(__name__).warning(
            "%s adds static covariates %s that config %s's trial did not use (it used %s); fit trains with them too",
            source.rsplit(" ", 1)[0], ", ".join(repr(c) for c in extra), config, used)


def thread_note(run, threads, given: bool = False, replaces=None, device=None) -> None:
    """Say (INFO) where a fit repeating ``run`` (a run folder or its config.json: ``--config RUN``, ``--resume RUN``)
    trains on another CPU thread count than the run's config.json records (``devices.other_count``); a run that
    records none, or a file that cannot be read (refused by its reader), says nothing. ``given``: ``threads`` came
    from --threads, chosen, so no other count is advised (``other_count``'s line without it); ``replaces``: the
    run's own setting it replaces, said in the same line ("--threads 1 replaces the config's 0 (runs/a): ...") or,
    where the counts match, alone (decision 1657). Where the run or this fit (``device``, its setting) trains on a
    GPU, whose libraries, not the CPU thread count, decide the bits, no count is said (decision 1671)."""
    import logging

    import torch

    from rnncast.cli.replacedvalues import replaced
    from rnncast.configpaths import run_record
    from rnncast.devices import other_count

    threads = threads if isinstance(threads, int) else 0
    record = run_record(run) or {}
    recorded = record.get("environment")
    gpu = str(record.get("device", "")).startswith("cuda") or str(device).startswith("cuda") or (
        device in (None, "auto") and torch.cuda.is_available())
    said = None if gpu else other_count(recorded, threads, run, given)  # given: no other count advised (1657)
    if said and given and replaces is not None:  # --threads N replacing the run's setting: said in the same line
        said = f"--threads {threads} replaces the config's {replaces} ({run}): {said}"
    if said:
        logging.getLogger("rnncast.cli").info("%s", said)
    elif replaces is not None:
        replaced({"threads": (threads, replaces)}, "the config's", run)
