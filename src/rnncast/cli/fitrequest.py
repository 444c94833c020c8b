"""The request of a new fit (or tune) from the command line: the settings and data a --config file gives (a run's
config.json or a TOML file, its paths read as rnncast reads them), overridden by the flags given; --out and --track."""

from __future__ import annotations

import shlex
from pathlib import Path

from rnncast.cli.commands import panel_request, settings_from_args
from rnncast.cli.misplaced import overwrite_without_out
from rnncast.errors import RnncastError
from rnncast.spelling import in_config


def fit_request(args, command: str = "fit") -> tuple[dict, dict, str | None, str | None]:
    """Settings, data request, --out and --track of a new fit (or tune): the --config file, overridden by the flags given."""
    from rnncast.configfile import file_effects, read_config

    file_settings, file_request = (read_config(args.config, getattr(args, "command_flags", None)) if args.config
                                    else ({}, {}))
    settings = {**file_settings, **settings_from_args(args)}  # setting flags not given are absent from args
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
    request = {"source": str(source), "target": None, "features": None, "time_col": None, **{k: None for k in panel}}
    request.update({k: v for k, v in file_request.items() if k in request})
    request.update({k: v for k, v in flags.items() if v is not None})
    out = args.out or file_request.get("out")
    if args.overwrite and not out:  # a new numbered folder: nothing replaced, without a word
        raise RnncastError(overwrite_without_out(command))
    return settings, request, out, getattr(args, "track", None) or file_request.get("track")


def config_paths(args, file_request: dict) -> dict:
    """The --config file's request with its paths as rnncast reads them (``configpaths``): a run's files where
    its config.json kept them, a TOML file's relative to its folder; a path the command line gives instead is
    left as the file has it (not read)."""
    from rnncast.configpaths import TOML_PATHS, run_file, run_locations, toml_path

    given = {"data": args.data, "out": args.out, "static": getattr(args, "static", None)}
    request = dict(file_request)
    if Path(args.config).is_dir() or Path(args.config).suffix.lower() == ".json":
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
    which it cannot hold: refused by name unless static covariates are given (--static FILE), never trained without."""
    names = file_request.get("static_table")
    if names and not (getattr(args, "static", None) or getattr(args, "static_covariates", None)
                      or file_request.get("static") or file_request.get("static_covariates")):
        shown = ", ".join(repr(n) for n in names)
        raise RnncastError(f"config {args.config}'s trial used the static covariates {shown} from a table given in "
                           "memory, which it cannot hold: give that table with --static FILE (the id column(s) and "
                           f"{'its column' if len(names) == 1 else 'their columns'})")
    path = getattr(args, "static", None) or file_request.get("static")
    if names and isinstance(path, str) and Path(path).is_file():
        _static_file_matches(args, file_request, names, path)


def _static_file_matches(args, file_request: dict, names: list, path: str) -> None:
    """The --static FILE given for a best.toml's ``static_table``: refused by name when it lacks a column the trial
    used; the columns it adds (besides the id column(s)) are said, since the trial did not train on them."""
    import logging

    from rnncast.data import read_table
    from rnncast.noticed import silenced

    with silenced():  # read again when fitting: what reading says is said then
        columns = [str(c) for c in read_table(path).columns]
    ids = getattr(args, "id_col", None) or file_request.get("id_col") or []
    ids = [ids] if isinstance(ids, str) else [str(c) for c in ids]
    lacking = [n for n in names if str(n) not in columns]
    extra = [c for c in columns if c not in ids and c not in map(str, names)]
    used = ", ".join(repr(n) for n in names)
    if lacking:
        has = ", ".join(repr(c) for c in columns if c not in ids) or "no other column"
        raise RnncastError(f"config {args.config}'s trial used static covariates {used}; {path} has {has}, not "
                           f"{', '.join(repr(n) for n in lacking)}: give --static a table with the trial's columns")
    if extra:
        logging.getLogger(__name__).warning(
            "%s adds static covariates %s that config %s's trial did not use (it used %s); fit trains with them too",
            path, ", ".join(repr(c) for c in extra), args.config, used)
