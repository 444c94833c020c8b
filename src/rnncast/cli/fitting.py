"""The ``rnncast fit`` command, once its flags are parsed: the request (a --config file overridden by the flags, or
with --resume the run's own config.json, DATA and --device alone given), the run folder held until its last file is
written, the training with its bar and checkpoint (Ctrl-C keeps the epochs saved), and the scores printed with what they
say (``readout.said``). Its request, which tune reads as fit does, is ``fitrequest``'s."""

from __future__ import annotations

import shlex
import errno
import logging
import sys
from pathlib import Path

from rnncast.cli.commands import panel_kwargs, score_tables
from rnncast.cli.fitrequest import config_out, fit_request
from rnncast.cli.resuming import MoveFinished, check_resumed_data, resume_request, warn_other_data
from rnncast.cli.display import advise, epoch_bar
from rnncast.cli.finishing import complete, write_and_place
from rnncast.cli.stopped import cut_short, fit_not_begun
from rnncast.cli import os_error_text
from rnncast.outputs import claim_output, clear_output, hold
from rnncast.errors import RnncastError, TrainingDiverged, refused
from rnncast.files import entries_of, shown
from rnncast.pathargs import stem
from rnncast.folderlock import FolderLost
from rnncast import replacing
from rnncast.noticed import capture, held
from rnncast.spelling import counted, hints

START_OVER = "start the run again with --overwrite"  # a refused resume's remedy (resume.start_over), as a flag
MAY_CHANGE = "--epochs, --device and --threads, given with --resume; the others as its config.json held them"
FEWER_EPOCHS = {"fewer_epochs": "leave --epochs out to finish it as begun ({planned} epochs), or give more than {done}",
                "at_least_epochs": "give --epochs {done} or more"}  # resumedsettings' remedies in the command line's words


def run_fit(args) -> int:
    """Train and write the run directory; under torchrun every rank trains, rank 0 alone writes and prints.

    Rank 0 holds the run folder (``folderlock.lock_folder``) from before the data is read until the last file is
    written: a second process writing the same folder is refused by name, a new run never lands in a folder that holds
    files (``--overwrite`` replaces an earlier run's, writing the new run beside it and replacing it only once complete:
    ``replacing``) or in a model folder. A resume reads and verifies its checkpoint once (``resume.read_once``)."""
    from rnncast.resume import read_once
    with read_once():  # for the checks here and the fit's load
        return _run_fit(args)


def _run_fit(args) -> int:
    from rnncast import distributed, interrupts, resumedrecord, resumedsettings, tracking
    from rnncast.config import Settings
    from rnncast.forecaster import Forecaster

    if args.resume:
        try:
            out, settings, request, found = resume_request(args)
        except MoveFinished as done:  # all a half-replaced run needed: a success
            print(done)
            return 0
        track = args.track
    else:
        settings, request, out, track = fit_request(args)
        found = {}
    if track:
        tracking.check(track)  # a missing package is refused before any work
    forecaster = Forecaster(**settings)
    checked = Settings.from_flat(forecaster.get_params())  # settings checked before a folder is made or data read
    words = {"start_over": START_OVER, "resume_may_change": MAY_CHANGE, **FEWER_EPOCHS}
    if args.resume:  # a setting or target edited in config.json named as such (not as data read otherwise), before
        config = (replacing.pending(out) or out) / "config.json"  # the folder is held: it is left as it was
        words.update(resume_given=f"{config} gives",
                     start_new=f"start a new run with them: rnncast fit --config {shlex.quote(str(out))} --out NEW")
        with hints(**words):
            resumedrecord.refuse_edited(config, config.parent / "checkpoint.safetensors", request)  # verified, then its columns
            resumedsettings.check(config.parent / "checkpoint.safetensors", checked, request["target"],
                                  say=False)  # fit checks again and says a changed epochs
    main_rank = distributed.env_rank() == 0
    default = Path("runs") / f"{stem(request['source'])}-{forecaster.cell}"
    claim = None
    if main_rank:  # the other ranks of a torchrun launch write nothing
        if args.resume:
            claim = hold(out, "run")
        else:
            with config_out(args, out):
                claim = claim_output(Path(out) if out else None, default, args.overwrite, "run")
        out = claim.folder
    else:
        out = Path(out) if out else default
    # where this fit writes: out, or beside an earlier run it replaces once complete, or the replacing run it resumes
    into = (replacing.pending(out) or out if args.resume else
            replacing.staged(out) if args.overwrite and main_rank and entries_of(out) else out)
    try:
        # from before the data is read: a Ctrl-C in setup is not dropped, and what rnncast notices is kept with the run
        with interrupts.ctrl_c_between_batches(), capture() as noticed, \
                hints(**words), \
                held() as release:  # the columns left out said once the input is checked: a refusal comes alone
            return _fit_run(args, forecaster, request, found, out, into, track, main_rank, noticed, release)
    finally:
        if claim is not None:
            claim.release(tidy=True)  # a fit refused before it wrote anything leaves no folder behind


def _fit_run(args, forecaster, request: dict, found: dict, out: Path, into: Path, track, main_rank: bool,
             noticed: list, release=lambda: None) -> int:
    """``run_fit`` once the run folder is held: read the data, train, write the run, print the scores.
    ``into``: where the run's files are written (``out``, or ``replacing.STAGED`` in it, moved over the
    earlier run once complete). ``noticed``: the warnings and notes logged meanwhile (``noticed.capture``), which the
    run records; ``release()``: logs the warnings held until the input is checked (``noticed.held``)."""
    from rnncast import interrupts, readout, tracking
    from rnncast.report import start_config, write_run
    from rnncast.verdicts import verdict_units

    try:
        panel, record = _read_checked(args, forecaster, request, found, out, into, main_rank)
    except KeyboardInterrupt as err:  # before the training began: nothing of this run is written yet
        if main_rank:
            print(f"rnncast: interrupted{interrupts.by(err)}; {fit_not_begun(out, into != out, args)}", file=sys.stderr)
        return interrupts.exit_status(err)
    checkpoint = into / "checkpoint.safetensors"
    # a run stopped before its first epoch ended has no checkpoint (nor one whose checkpoint was removed): it starts
    # again, as it would have run, and says so
    resuming = bool(args.resume) and checkpoint.is_file()
    if args.resume and not resuming and main_rank:
        logging.getLogger(__name__).warning("no checkpoint found in %s (%s, written after each epoch), so training "
                                            "starts from epoch 1", out, checkpoint.name)
    bar = epoch_bar(forecaster.cell, forecaster.epochs if isinstance(forecaster.epochs, int) else 0, show=main_rank)
    tracker = None
    saved = 0  # the last epoch this process finished and wrote to `checkpoint`
    first = 0  # the first epoch this process trained (a resume starts past those saved before)
    replaces = into != out  # beside an earlier run, which stays as it is until this one is complete
    began = False  # this fit's input was good and its run begun (on_start)

    def on_start():  # once the input is checked: nothing is written for refused input
        nonlocal tracker, began
        began = True
        release()  # the columns the run leaves out, now that it runs
        if not args.resume:
            if replaces:
                replacing.begin(out)  # the earlier run stays whole until this one is
            elif args.overwrite:
                clear_output(out)  # no earlier run's files but ours (replacing.py): nothing to keep
            start_config(into, forecaster, request, found, record, panel.key and panel.key.parts)  # a key: its list
        else:
            _note_resume(into)  # kept even where this resume is stopped too (decision 1767)
        if track:
            tracker = tracking.start(track, into, forecaster.get_params())

    def on_epoch(record):
        nonlocal saved, first
        first = first or record.epoch
        saved = record.epoch  # the loop wrote the checkpoint before calling this
        bar(record)
        if tracker is not None:
            tracker.epoch(record)

    on_epoch.draws_bar = True  # the command line's bar is the one drawn, verbose or not (epochbar.progress)

    try:
        forecaster.fit(panel, on_epoch=on_epoch, checkpoint=checkpoint, resume=resuming,
                       on_start=on_start if main_rank else None)  # under run_fit's Ctrl-C block (interrupts)
        interrupts.stop_if_asked()  # one that came after the last batch's check
    except BaseException as err:
        bar.close()
        if tracker is not None:
            tracker.close(failed=True)
        if isinstance(err, FolderLost):  # out removed or moved: nothing at its path is this fit's (decision 1749)
            raise
        before = bool(args.resume) and checkpoint.exists()  # epochs of an earlier attempt
        if replaces and main_rank and not checkpoint.exists():
            replacing.discard(out)  # the new run has no epoch to continue from: the folder is the earlier run's alone
        if isinstance(err, TrainingDiverged) and main_rank and not checkpoint.exists():  # no epoch kept: its settings
            if not args.resume:  # would diverge again, so a resume is no way on: nothing is kept (no folder made)
                clear_output(into)  # config.json, which this fit wrote: the run had begun no epoch
            else:  # --resume keeps the run's settings (config.json, as it was before this attempt)
                from rnncast.config import TrainSettings

                lower = min(forecaster.lr / 10, TrainSettings.lr)  # the default, or a tenth of what diverged
                raise RnncastError(f"{err}; resuming keeps the run's settings and diverges again: start it over with "
                                   f"another: rnncast fit --config {shlex.quote(str(out))} --lr {lower:g} --out {shlex.quote(str(out))} --overwrite") from None
        if isinstance(err, KeyboardInterrupt):
            if main_rank:
                left = cut_short(out, replaces, saved, before, data=args.data if args.resume else None)
                print(f"rnncast: interrupted{interrupts.by(err)}; {left}", file=sys.stderr)
            return interrupts.exit_status(err)  # 130 for Ctrl-C, 143 for SIGTERM
        # only a failure after an epoch finished here is told how to continue: input refused before training, or a
        # checkpoint that does not fit the data, has no epoch of this attempt to continue from; a run replacing
        # another says what the folder holds (after a full disk's OSError too: the earlier run is kept)
        # a system's refusal (a full disk while a checkpoint, or config.json, was written) once the run began says
        # what it holds too
        told = replaces and (began or before)
        if main_rank and (isinstance(err, OSError) and (began or before) or
                          isinstance(err, RnncastError) and (told or saved and checkpoint.exists())):
            said = os_error_text(err) if isinstance(err, OSError) else str(err)
            space = "after freeing space, " if isinstance(err, OSError) and err.errno == errno.ENOSPC else ""
            left = (cut_short(out, replaces, saved * checkpoint.exists(), before, checkpoint, space,
                               args.data if args.resume else None)
                    if replaces or (into / "config.json").is_file() else  # start_config refused: no run to resume
                    f"the run was not begun; {space}fit again")
            raise (refused(err) if isinstance(err, OSError) else RnncastError)(f"{said} ({left})") from None  # 2186
        raise
    bar.close()
    if not main_rank:
        return 0  # the other ranks hold the same weights; rank 0 writes the run directory

    def write() -> dict:
        if (line := scoring_line(forecaster, out)) is not None:  # minutes of scoring, a large file: said (1562, decision 1971)
            logging.getLogger(__name__).info(line)
        metrics = write_run(into, forecaster, panel, source=request["source"], request=request, found=found,
                            fingerprint=record, noticed=list(noticed), scored=interrupts.moved_on)  # then the files alone (decision 1825)
        if tracker is not None:
            tracker.finish(metrics)
        return metrics

    metrics = write_and_place(write, out, into, args.data if args.resume else None)  # then moved over the earlier run; a signal or full disk said
    if isinstance(metrics, int):
        return metrics  # stopped by a signal, said with what it left
    if (test := metrics["test"]) is None:  # test_frac 0: no scores, and why (finalfit, decision 2117)
        said = readout.final_said(forecaster, metrics)
    else:
        said = readout.said(forecaster, test)  # in fit's words: "the test split", "the test values"
        print(score_tables(test, forecaster.settings_.data.season, "test split", verdict_units(forecaster)))  # MASE note
    for line in [said.verdict, said.each, said.targets, said.unscored, said.r2, said.intervals, said.bands]:
        if line:
            print(line)  # the verdict (and each baseline on its own), then what it left out and what the intervals held
    if season := (metrics.get("val") or {}).get("scored", {}).get("season_left_out"):  # no val table here: decision 1877
        print(f"Not every validation window is scored: {season['text']} (early stopping read {early_read(season)}).")
    ranks = f" on {forecaster.world_size_} processes" if forecaster.world_size_ > 1 else ""
    epochs = len(forecaster.history_)
    diverged = said.diverged  # "training diverged in epoch 7; the model keeps epoch 5"
    if resuming and not saved:  # a resume of a run whose training had ended: no epoch was left to run
        why = "all its settings ask for" if epochs >= forecaster.epochs else not diverged and "early stopping ended it"
        print(f"the run's training had ended ({counted(epochs, 'epoch')} run{', ' + why if why else ''}), so nothing was "
              f"trained; its outputs were written again from the saved state{'; ' + diverged if diverged else ''}; wrote {shown(str(out) + '/report.html')}")
    else:
        from rnncast.models import count_parameters
        from rnncast.runnotes import draw_text  # here: --help imports no pandas

        draw = f" {drawn}" if (drawn := draw_text(forecaster)) else ""  # an epoch max_batches cut short
        trained = (f"trained {counted(epochs, 'epoch')}{draw}" if first <= 1 else  # a resume: this attempt's
                   f"trained epoch{f's {first}-{saved}' if saved > first else f' {saved}'} ({epochs} in all){draw}")
        size = f" ({forecaster.cell.upper()}, {count_parameters(forecaster.net_):,} parameters)"  # decision 1700
        print(f"{trained} in {forecaster.train_seconds_:.1f} s{ranks}{size}"
              f"{'; ' + diverged if diverged else ''}; wrote {shown(str(out) + '/report.html')}")
    from rnncast.cli.byseries import pointer  # pandas: not for --help
    for hint in [*said.hints, *pointer(forecaster, out, found.get("source", request.get("source")), request.get("static"))]:
        advise(hint)  # on stderr, the advice last: the season not weighed, window_norm, future_known; evaluate --by-series
    held = interrupts.pending()  # a signal while the scores were printed: the run was complete before it
    return 0 if held is None else complete(held, out, replaces)


def _read_checked(args, forecaster, request: dict, found: dict, out: Path, into: Path, main_rank: bool):
    """``(panel, fingerprint)``: the data ``_fit_run`` trains on, read and checked (a resume's against its run); a
    Ctrl-C meanwhile stops here (``stop_if_asked``), before anything of the run is written (``fit_not_begun``)."""
    from rnncast import fingerprint, interrupts
    from rnncast.config import Settings
    from rnncast.loading import load_panel

    reading = Settings.from_flat(forecaster.get_params()).data.reading()  # labels_only: target_input=False
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
                           f"run's data; to see why, name it: rnncast fit --resume {shlex.quote(str(out))} {shlex.quote(str(where['source']))}") from None
    interrupts.stop_if_asked()  # a Ctrl-C while the data was read stops here, before the slower steps
    record = fingerprint.of(panel)  # kept in config.json: a resume must read the same data (the fit reuses it)
    if args.resume:
        check_resumed_data(out, where["source"], record, into / "config.json")
    elif args.config and main_rank:
        warn_other_data(args.config, args.data, where["source"], record, where.get("static"))  # --config RUN repeats it on the same data only
    interrupts.stop_if_asked()
    return panel, record


def scoring_line(forecaster, out="RUN") -> str | None:
    """The line said before a run's validation and test windows are forecast and scored, where they are many or its
    test_forecasts.csv large (``scoringsaid.run_text``: "scoring 6,249 validation and 13,217 test windows of 720 steps,
    ..."; on ETTm1 that is 8 minutes after 15 s of training), with what scores fewer (``out``: the run named in it);
    None for fewer. Every stride-1 window of each part is counted, as ``windows.window_starts`` places them."""
    from rnncast.scoringsaid import run_text
    from rnncast.windows import window_starts

    data, levels = forecaster.settings_.data, forecaster.settings_.model.quantiles
    return run_text({part: sum(len(window_starts(split, part, data.lookback, data.horizon)) for split in
                               forecaster.splits_) for part in ("val", "test")}, data.horizon,
                    len(getattr(forecaster, "targets_", None) or [0]), len(levels or ()), shlex.quote(str(out)),
                    getattr(forecaster, "calendar_", None))  # --step 1D on intraday rows only (decision 2015)


def _note_resume(run_dir) -> None:
    """This resume's command line added to config.json's ``environment.resumed_with`` as it begins (decision 1752's
    list), so that a resume stopped in its turn is recorded too; ``write_run`` then keeps the list as it is."""
    import json

    from rnncast import files
    from rnncast.report import environment

    path = Path(run_dir) / "config.json"
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        kept = record["environment"]
        said = environment(None, kept)
        record["environment"] = {**kept, **{k: said[k] for k in ("command_line", "resumed_with") if k in said}}
    except (OSError, ValueError, KeyError, TypeError):
        return  # a config.json without an environment (an older run): write_run records it at the end
    files.write_json(path, record)


def early_read(season: dict) -> str:
    """What early stopping read of the validation windows the season left out (``season``: ``season_left_out``):
    "all 22 validation windows, these 4 among them": the total over the series, not one series' count (decision
    1935)."""
    n, of = season["windows"], season["of"]
    these = "these" if n > 1 else "this"
    return (f"all {of} validation windows, {these} {n if n > 1 else 'one'} among them" if of > n else
            "every validation window, these too")
