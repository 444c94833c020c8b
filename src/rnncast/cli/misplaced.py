"""Arguments in each other's place, refused before a command runs (``cli.run``): a data file and a run or
model folder given in the wrong order to a command that takes ``RUN DATA`` (predict, evaluate), where the
model loader would say only "model folder not found: monthly.csv"; and a folder rnncast wrote (a run, a
backtest, a tune, a demo) given as ``DATA``, where the reader would say only that it is a folder; a file of
settings (a tune's best.toml, a run's config.json) where a fitted run goes; and
``--overwrite`` without the ``--out`` it replaces, which did nothing without a word. Also a DATA file that is not
there (``missing_data``), said before torch and pandas load (decision 2190), and any other path to be read that is
not (``missing_paths``: RUN, --resume, --config, --future, --static; decision 2215). Nothing here imports either."""

from __future__ import annotations

import shlex
from pathlib import Path

from rnncast.errors import RnncastError
from rnncast.files import COMMANDS
from rnncast.outputs import model_folder, output_kind, written_by_rnncast


def check(args) -> None:
    """Refuse, with ``RnncastError`` in one line, the parsed arguments ``args`` of a command whose
    ``run_dir`` is a file (or nothing) and whose ``data`` is a run or model folder: swapped, the order
    to write them in said; or whose ``data`` is a folder rnncast wrote; or --overwrite without the --out it replaces.
    Other arguments pass."""
    if getattr(args, "command", None) in ("predict", "backtest", "demo") and getattr(args, "overwrite", False) \
            and not getattr(args, "out", None):  # fit's and tune's --out may be a --config file's: fit_request's
        raise RnncastError(overwrite_without_out(args.command))
    if getattr(args, "command", None) == "evaluate" and getattr(args, "overwrite", False) \
            and not getattr(args, "by_series_csv", None):  # its only file: evaluate prints, and writes nothing else
        raise RnncastError("--overwrite replaces the table at --by-series-csv, and no --by-series-csv is given "
                           "(evaluate prints its scores, writing no file); give --by-series-csv FILE, or leave "
                           "--overwrite out")
    settings_file(args)
    data = getattr(args, "data", None)
    if data is None:
        return
    what = folder_kind(Path(data))
    if what is None:
        return
    run = getattr(args, "run_dir", None)
    if run is not None and not Path(run).is_dir():
        command = args.command
        raise RnncastError(
            f"the arguments look swapped: {run} is {'a file' if Path(run).exists() else 'not found'} and {data} {what}; "
            f"{command} takes the model first, then the data: rnncast {command} {shlex.quote(data)} {shlex.quote(run)}")
    remedy = (f"; to forecast with it: rnncast predict {shlex.quote(data)} DATA" if "model" in what or "run " in what
              else "")
    raise RnncastError(f"{data} is {what}, not data; give DATA as a CSV or Parquet file{remedy}")


DATA_COMMANDS = ("fit", "tune", "backtest", "predict", "evaluate")  # those whose DATA is a data file read by path


def missing_data(args) -> None:
    """Refuse, as ``pathargs.readable`` does when the data is read, a DATA path that names nothing (or behind a
    folder that may not be searched): ``cli`` asks before torch and pandas load, so that a cron job's wrong path is
    said in a second, not after ~9 s and 337 MB of imports (decision 2190). Any other DATA passes, for the reader."""
    import os

    data = getattr(args, "data", None)
    if getattr(args, "command", None) in DATA_COMMANDS and isinstance(data, (str, os.PathLike)) and not os.path.lexists(
            os.path.expanduser(data)):
        from rnncast.pathargs import readable

        readable(data)


RUN_COMMANDS = ("predict", "evaluate", "export")  # those whose RUN is a model folder given by position
FILE_FLAGS = ("future", "static")  # data files given by a flag (predict --future, any command's --static)


def missing_paths(args) -> None:
    """Refuse, with the line the command itself says once it runs, every other path given to be read that names
    nothing (decision 2215, as ``missing_data`` for DATA): a RUN (predict's, evaluate's, export's, each of compare's,
    backtest --from-run: ``loadedfiles.not_found``), fit --resume's run (``missing_run``), --config
    (``configfile.read_config``'s), compare --data, --future and --static (``pathargs.readable``'s). A path that
    exists passes, whatever it is, for the command to read."""
    import os

    def gone(path) -> bool:
        return isinstance(path, (str, os.PathLike)) and not os.path.lexists(os.path.expanduser(path))

    command = getattr(args, "command", None)
    runs = list(getattr(args, "runs", None) or []) if command == "compare" else []
    runs += [getattr(args, "run_dir", None)] if command in RUN_COMMANDS else []
    runs += [getattr(args, "from_run", None)] if command == "backtest" else []
    if missing := next((r for r in runs if gone(r)), None):
        from rnncast.loadedfiles import not_found
        from rnncast.pathargs import expanded

        raise RnncastError(not_found(expanded(Path(missing))))
    if command == "fit" and gone(getattr(args, "resume", None)):
        raise RnncastError(missing_run(Path(args.resume)))
    if gone(getattr(args, "config", None)):
        from rnncast.configfile import read_config

        read_config(os.path.expanduser(args.config))
    files = [getattr(args, "data", None)] if command == "compare" else []
    if missing := next((f for f in files + [getattr(args, name, None) for name in FILE_FLAGS] if gone(f)), None):
        from rnncast.pathargs import readable

        readable(missing)


def settings_file(args) -> None:
    """Refuse a file of settings given where a fitted run goes (backtest --from-run, predict's, evaluate's, export's
    or compare's RUN, fit --resume): a TOML config (a tune's best.toml, the natural step after a tune) is trained with fit --config
    first, said with this command's next step; a run's config.json, its folder. The loader said only "is a file, not
    a model folder ...; data is given to predict or evaluate"."""
    command = getattr(args, "command", None)
    flag = {"backtest": "from_run", "fit": "resume"}.get(command, "run_dir")
    given = getattr(args, flag, None) if command != "compare" else next(  # compare's RUNs: each (decision 1439)
        (r for r in getattr(args, "runs", None) or [] if Path(r).is_file() and Path(r).suffix.lower() == ".toml"
         or Path(r).name == "config.json"), None)
    if not given or not Path(given).is_file():
        return
    path, quoted = Path(given), shlex.quote(str(given))
    if path.name == "config.json" and folder_kind(path.parent):
        raise RnncastError(f"{given} is the config of {folder_kind(path.parent)}; give its folder, {path.parent}")
    if path.suffix.lower() != ".toml" and command == "backtest":  # the loader's words name predict and evaluate
        raise RnncastError(f"{given} is a file, not a fitted run: --from-run takes a run directory (rnncast fit writes "
                           "one) or its model/ folder; the data is backtest's DATA")
    if path.suffix.lower() != ".toml":
        return  # the loader names any other file
    what = ("a tune's best settings (rnncast tune wrote it)" if path.name == "best.toml" and written_by_rnncast(path)
            else "a config file of settings")
    then = {"backtest": ", then --from-run RUN", "predict": ", then rnncast predict RUN DATA",
            "evaluate": ", then rnncast evaluate RUN DATA", "export": ", then rnncast export RUN --onnx FILE",
            "fit": " (--resume continues an interrupted run)", "compare": ", then rnncast compare RUN RUN --data DATA"
            }.get(command, "")
    raise RnncastError(f"{given} is {what}, not a fitted run; train them with rnncast fit --config {quoted} --out RUN"
                       f"{then}")


def overwrite_without_out(command: str) -> str:
    """The refusal of ``command``'s --overwrite given without --out, which it replaces: without one, predict prints
    the forecast and the other commands write a new folder, numbered where the default exists."""
    where = ("the forecast goes to standard output" if command == "predict" else
             f"{command} writes a new folder, numbered where its default exists")
    return (f"--overwrite replaces what is at --out, and no --out is given ({where}, replacing nothing); give --out "
            f"{'FILE' if command == 'predict' else 'DIR'}, or leave --overwrite out")


def folder_kind(folder: Path) -> str | None:
    """What ``folder`` is, as a clause (``a run directory (rnncast fit wrote it)``, ``a model folder``), where
    it is a model folder or an output of rnncast's; None for anything else (a file, a folder of data)."""
    if model_folder(folder) is not None:
        return "a model folder"
    kind = output_kind(folder)
    if kind is None:
        return None
    name = "run directory" if kind == "run" else f"{kind}'s folder"
    return f"a {name} (rnncast {COMMANDS[kind]} wrote it)"


def missing_run(run_dir) -> str:
    """The refusal of a ``--resume RUN`` that is not there (said by ``resuming.resume_request`` and, before torch loads, by
    ``missing_paths``)."""
    return f"{run_dir} does not exist; give the folder of a run that fit wrote (rnncast fit --resume RUN)"
