"""The ``rnncast fit`` command, once its flags are parsed: the request (a --config file overridden by
the flags, or with --resume the run's own config.json, DATA and --device alone given), the run folder
held until its last file is written, the training with its bar and checkpoint (Ctrl-C keeps the
epochs saved), and the scores printed with what they say (``readout.said``). Tune reads its request as fit does
(``fit_request``)."""

from __future__ import annotations

import sys
from pathlib import Path

from rnncast.cli.commands import panel_kwargs, panel_request, score_tables, settings_from_args
from rnncast.cli.display import epoch_bar
from rnncast.outputs import claim_output, clear_output, hold
from rnncast.errors import RnncastError
from rnncast.noticed import capture
from rnncast.spelling import counted


def run_fit(args) -> int:
    """Train and write the run directory; under torchrun every rank trains, rank 0 alone writes and prints.

    Rank 0 holds the run folder (``files.lock_folder``) from before the data is read until the last
    file is written: a second process writing the same folder is refused by name, a new run never
    lands in a folder that holds files (``--overwrite`` replaces an earlier run's) or in a model folder."""
    from rnncast import distributed, interrupts, tracking
    from rnncast.config import Settings
    from rnncast.forecaster import Forecaster

    if args.resume:
        out, settings, request, found = _resume_request(args)
        track = args.track
    else:
        settings, request, out, track = fit_request(args)
        found = {}
    if track:
        tracking.check(track)  # a missing package is refused before any work
    forecaster = Forecaster(**settings)
    Settings.from_flat(forecaster.get_params())  # settings checked before a folder is made or data read
    main_rank = distributed.env_rank() == 0
    default = Path("runs") / f"{Path(request['source']).stem}-{forecaster.cell}"
    claim = None
    if main_rank:  # the other ranks of a torchrun launch write nothing
        if args.resume:
            claim = hold(out, "run")
        else:
            claim = claim_output(Path(out) if out else None, default, args.overwrite, "run")
        out = claim.folder
    else:
        out = Path(out) if out else default
    try:
        # from before the data is read: a Ctrl-C in setup is not dropped, and what rnncast notices is kept with the run
        with interrupts.ctrl_c_between_batches(), capture() as noticed:
            return _fit_run(args, forecaster, request, found, out, track, main_rank, noticed)
    finally:
        if claim is not None:
            claim.release(tidy=True)  # a fit refused before it wrote anything leaves no folder behind


def _fit_run(args, forecaster, request: dict, found: dict, out: Path, track, main_rank: bool, noticed: list) -> int:
    """``run_fit`` once the run folder is held: read the data, train, write the run, print the scores.
    ``noticed``: the warnings and notes logged meanwhile (``noticed.capture``), which the run records."""
    from rnncast import fingerprint, interrupts, tracking
    from rnncast.config import Settings
    from rnncast.loading import load_panel
    from rnncast import readout
    from rnncast.report import start_config, write_run

    reading = Settings.from_flat(forecaster.get_params()).data.reading()
    where = {**request, **found}  # where the files are read from: a resumed run's may have moved
    named_by_config = bool(args.resume and not args.data)
    try:
        panel = load_panel(where["source"], request["target"], request["features"], request["time_col"], **reading,
                           announce=main_rank, **panel_kwargs(where))  # read once: fit, scores, plots
    except RnncastError:
        if not named_by_config:
            raise
        # a path that config.json names is read as data, and its content is never shown: the file may be any file
        raise RnncastError(f"{where['source']} (the data that {out / 'config.json'} names) cannot be read as the "
                           f"run's data; to see why, name it: rnncast fit --resume {out} {where['source']}") from None
    interrupts.stop_if_asked()  # a Ctrl-C while the data was read stops here, before the slower steps
    record = fingerprint.of(panel)  # kept in config.json: a resume must read the same data (the fit reuses it)
    if args.resume:
        _check_resumed_data(out, where["source"], record)
    interrupts.stop_if_asked()
    checkpoint = out / "checkpoint.safetensors"
    # a run stopped before its first epoch ended has no checkpoint: it starts again, as it would have run
    resuming = bool(args.resume) and checkpoint.is_file()
    bar = epoch_bar(forecaster.cell, forecaster.epochs if isinstance(forecaster.epochs, int) else 0, show=main_rank)
    tracker = None
    saved = 0  # the last epoch this process finished and wrote to `checkpoint`
    first = 0  # the first epoch this process trained (a resume starts past those saved before)

    def on_start():  # once the input is checked: nothing is written for refused input
        nonlocal tracker
        if not args.resume:
            if args.overwrite:
                clear_output(out)  # the earlier run is replaced only now that the new one's input is good
            start_config(out, forecaster, request, found, fingerprint=record)
        if track:
            tracker = tracking.start(track, out, forecaster.get_params())

    def on_epoch(record):
        nonlocal saved, first
        first = first or record.epoch
        saved = record.epoch  # the loop wrote the checkpoint before calling this
        bar(record)
        if tracker is not None:
            tracker.epoch(record)

    on_epoch.draws_bar = True  # the command line's bar is the one drawn, verbose or not (fitting.progress)

    try:
        forecaster.fit(panel, on_epoch=on_epoch, checkpoint=checkpoint, resume=resuming,
                       on_start=on_start if main_rank else None)  # under run_fit's Ctrl-C block (interrupts)
        interrupts.stop_if_asked()  # one that came after the last batch's check
    except BaseException as err:
        bar.close()
        if tracker is not None:
            tracker.close(failed=True)
        if isinstance(err, KeyboardInterrupt):
            if main_rank:
                kept = (f"epoch {saved} and those before it are saved" if saved else
                        "the epochs saved before this attempt are kept" if args.resume and checkpoint.exists() else
                        "no epoch had finished, so resuming starts the training over")
                print(f"rnncast: interrupted; {kept}. Continue with: rnncast fit --resume {out}", file=sys.stderr)
            return 130
        if isinstance(err, RnncastError) and main_rank and saved and checkpoint.exists():
            # only a failure after an epoch finished here: input refused before training, or a checkpoint
            # that does not fit the data, has no epoch of this attempt to continue from
            raise RnncastError(f"{err} (epoch {saved} and those before it are saved in {checkpoint}; continue the run "
                               f"with: rnncast fit --resume {out})") from None
        raise
    bar.close()
    if not main_rank:
        return 0  # the other ranks hold the same weights; rank 0 writes the run directory
    metrics = write_run(out, forecaster, panel, source=request["source"], request=request, found=found,
                        fingerprint=record, noticed=list(noticed))
    if tracker is not None:
        tracker.finish(metrics)
    test = metrics["test"]
    said = readout.said(forecaster, test)  # in fit's words: "the test split", "the test values"
    print(score_tables(test, forecaster.settings_.data.season, "test split"))  # with the MASE note
    for line in [said.verdict, said.unscored, said.intervals]:
        if line:
            print(line)  # the verdict, then what it left out and what the intervals held, as evaluate and backtest
    ranks = f" on {forecaster.world_size_} processes" if forecaster.world_size_ > 1 else ""
    epochs = len(forecaster.history_)
    diverged = said.diverged  # "training diverged in epoch 7; the model keeps epoch 5"
    if resuming and not saved:  # a resume of a run whose training had ended: no epoch was left to run
        print(f"the run's training had ended ({counted(epochs, 'epoch')} run, as many as its settings or "
              f"early stopping allowed), so nothing was trained; its outputs were written again from the saved state"
              f"{'; ' + diverged if diverged else ''}; wrote {out}/report.html")
    else:
        from rnncast.runnotes import draw_text  # here: --help imports no pandas

        draw = f" {drawn}" if (drawn := draw_text(forecaster)) else ""  # an epoch max_batches cut short
        trained = (f"trained {counted(epochs, 'epoch')}{draw}" if first <= 1 else  # a resume: this attempt's
                   f"trained epoch{f's {first}-{saved}' if saved > first else f' {saved}'} ({epochs} in all){draw}")
        print(f"{trained} in {forecaster.train_seconds_:.1f} s{ranks}"
              f"{'; ' + diverged if diverged else ''}; wrote {out}/report.html")
    for hint in said.hints:
        print(hint)  # the advice last: the season not weighed, window_norm, future_known
    return 0


def fit_request(args, command: str = "fit") -> tuple[dict, dict, str | None, str | None]:
    """Settings, data request, --out and --track of a new fit (or tune): the --config file, overridden by the flags given."""
    from rnncast.configfile import file_effects, read_config

    file_settings, file_request = (read_config(args.config, getattr(args, "command_flags", None)) if args.config
                                    else ({}, {}))
    settings = {**file_settings, **settings_from_args(args)}  # setting flags not given are absent from args
    if args.config:  # a file's chunk beside --scheme window: said as the file's, which no flag unsets
        file_effects(args.config, settings, [k for k in file_settings if k not in settings_from_args(args)])
    if not (args.data or file_request.get("data")):
        resume = ", or --resume RUN to continue a run" if command == "fit" else ""
        raise RnncastError(f"{command} needs DATA and --target COLUMN (as flags or in a --config file){resume}")
    flags = {"target": args.target, "time_col": args.time_col}  # the parser's lists of names (cli/parser.py)
    if args.features is not None:
        flags["features"] = args.features  # a list of names, or 'all'
    panel = panel_request(args) if hasattr(args, "id_col") else {}  # tune takes one series
    lost = [k for k in ("id_col", "series", "future_covariates", "static_covariates", "static") if not panel and
            file_request.get(k)]
    if lost:  # tune's request has no place for them: refused, not dropped
        raise RnncastError(f"config {args.config} gives {', '.join(lost)}, which {command} does not take: it tunes one "
                           "series with its features (fit and backtest take many series and covariate roles)")
    if args.config:
        file_request = config_paths(args, file_request)  # the file's paths as read from any directory
    source = args.data or file_request["data"]
    flags.update({k: v for k, v in panel.items() if v is not None})
    request = {"source": str(source), "target": None, "features": None, "time_col": None, **{k: None for k in panel}}
    request.update({k: v for k, v in file_request.items() if k in request})
    request.update({k: v for k, v in flags.items() if v is not None})
    if not panel and request["features"] is None and file_request.get("past_covariates"):
        request["features"] = file_request["past_covariates"]  # a run's config.json names its features by role
    return settings, request, args.out or file_request.get("out"), getattr(args, "track", None) or file_request.get("track")


def config_paths(args, file_request: dict) -> dict:
    """The --config file's request with its paths as rnncast reads them (``configpaths``): a run's files where
    its config.json kept them, a TOML file's relative to its folder; a path the command line gives instead is
    left as the file has it (not read)."""
    from rnncast.configpaths import TOML_PATHS, run_file, run_locations, toml_path

    given = {"data": args.data, "out": args.out, "static": getattr(args, "static", None)}
    request = dict(file_request)
    if Path(args.config).is_dir() or Path(args.config).suffix.lower() == ".json":
        for key, tries in run_locations(args.config, file_request).items():  # a run's files, wherever they went
            if not given.get(key):
                again = (f"give it: rnncast fit --config {args.config} DATA" if key == "data" else
                         "put it back at one of them, or give --static FILE")
                request[key] = str(run_file(args.config, key, tries, again))
        return request
    for key in TOML_PATHS:
        if isinstance(request.get(key), str) and not given.get(key):
            request[key] = toml_path(args.config, key, request[key])
    return request


def _check_resumed_data(run_dir: Path, source: str, record: dict) -> None:
    """Refuse to resume ``run_dir`` with data other than it started with (its config.json's
    fingerprint), before anything is trained or written, naming what differs: the run would split the
    other rows again, and rows it trained on could be scored as test rows. A run started before the
    data was recorded is not checked here (its checkpoint's check warns that it cannot be)."""
    from rnncast.configfile import run_data
    from rnncast.fingerprint import difference

    started, recorded = run_data(run_dir / "config.json")
    if recorded is None:
        return
    differs = difference(recorded, record)
    if differs:
        raise RnncastError(f"{run_dir} was started on other data than {source}: {differs}; a resumed run trains and is "
                           f"scored on the data it started with ({started}), or it would score what it should not (rows it "
                           f"trained on as test rows, values fill made as observed ones); give that data (rnncast fit --resume {run_dir} DATA; it may have moved), or start a "
                           f"new run on this data: rnncast fit --config {run_dir} {source} --out NEW")


MACHINE = ("device", "threads")  # settings of where a run trains, not of what it trains: a resume may change them

RESUME_KEEPS = ("target", "features", "time_col", "id_col", "series", "past_covariates", "future_covariates",
                "static_covariates", "static", "out", "overwrite")  # flags a resumed run takes from its config.json


def _resume_request(args) -> tuple[Path, dict, dict, dict]:
    """``(run folder, settings, request, found)`` of ``fit --resume RUN [DATA] [--device D] [--threads N]``:
    the settings and request exactly as the run's config.json holds them (``configfile.read_run``), with
    DATA, --device and --threads when given. ``found``: where the files the request names were found, when not
    at their path as written (tried absolute, as the run read them, then from the run folder:
    ``configpaths.run_locations``)."""
    from rnncast.configfile import read_run
    from rnncast.configpaths import run_file, run_locations
    from rnncast.resume import refuse_finished

    run_dir = Path(args.resume)
    if args.config:
        raise RnncastError("give --resume RUN or --config FILE, not both (a resumed run keeps its own settings)")
    given = [name for name in RESUME_KEEPS if getattr(args, name, None) not in (None, False)]
    given += [name for name in settings_from_args(args) if name not in MACHINE]
    if given:
        flags = ", ".join("--" + name.replace("_", "-") for name in given)
        raise RnncastError(f"--resume continues {run_dir} with its own settings and data; only DATA, --device and --threads may "
                           f"be given with it, not {flags} (to change them, start a new run: rnncast fit --config {run_dir} "
                           "--out NEW ...)")
    config_path = run_dir / "config.json"
    if not config_path.is_file():
        if run_dir.is_dir():
            hold(run_dir, "run").release()  # a run that another process is starting is named as such
        raise RnncastError(f"{run_dir} is not a run directory (no config.json); give the folder a fit wrote")
    from rnncast.files import COMMANDS, entries_of, output_kinds

    other = [kind for kind in output_kinds(entries_of(run_dir)) if kind != "run"]
    if other:  # a backtest keeps config.json too: its settings start a run with --config, never continue one
        raise RnncastError(f"{run_dir} is a {other[0]}'s folder (rnncast {COMMANDS[other[0]]}), not a run; --resume "
                           f"continues a fit. To train a run on its data and settings: rnncast fit --config {run_dir} --out NEW")
    refuse_finished(run_dir)  # before anything is read or written
    settings, request = read_run(config_path)  # the same reader as --config RUN: the request as written
    for name in MACHINE:
        if name in vars(args):
            settings[name] = vars(args)[name]  # a run may continue on another device, with other threads
    found = {}
    if args.data:
        request["data"] = str(args.data)  # the request of the finished run names the data it was finished with
    for key, tries in run_locations(config_path, request).items():
        if key == "data" and args.data:
            continue
        again = f"give it: rnncast fit --resume {run_dir} DATA" if key == "data" else "put it back at one of them"
        hit = run_file(run_dir, key, tries, again)  # a regular file: no device, no pipe
        if str(hit) != request[key]:
            found["source" if key == "data" else key] = str(hit)
    request = {"source": request.pop("data"), "target": None, "features": None, "time_col": None, **request}
    return run_dir, settings, request, found
