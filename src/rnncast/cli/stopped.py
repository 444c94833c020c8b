"""What an interrupted command left, and how to finish it: the words after ``rnncast: interrupted;``. A fit stopped
in training or failed after an epoch (``cut_short``: the epochs saved and ``fit --resume``), a fit stopped before its
training began (``fit_not_begun``: nothing of the run written), a backtest (``backtest_left``: written only once
every window is scored, so nothing is kept to resume). Said elsewhere: a command stopped while rnncast loaded
(``cli.main``, ``interrupts.BEFORE_THE_COMMAND``), a fit stopped while its outputs are written (``cli.finishing``),
tune (``cli.tuning``), a demo (``cli.demoing``), bench (``bench.cli``, ``bench.results.stopped``)."""

from __future__ import annotations

from pathlib import Path

from rnncast.cli.finishing import resume_command

AGAIN = "run the same command again"


def cut_short(out: Path, replaces: bool, saved: int, before: bool, checkpoint: Path | None = None,
              space: str = "", data=None) -> str:
    """What a fit interrupted (``checkpoint`` None) or failed left in ``out``, and how to go on: ``saved``, the last
    epoch of this attempt saved (in ``checkpoint``); ``before``, epochs of an earlier attempt kept; ``replaces``: a new
    run beside an earlier one, which stays as it was (``replacing``), kept when it has a checkpoint; ``space``: what to
    do first ("after freeing space, "); ``data``: the DATA a resume was given, which the command to go on repeats
    (``resume_command``)."""
    epochs = (f"epoch {saved} and those before it are saved" if saved else
              "the epochs saved before this attempt are kept" if before else "")
    where = f" in {checkpoint}" if checkpoint and saved else ""
    if not replaces:
        if checkpoint:
            epochs = epochs or "no epoch had been saved, so resuming starts the training over"
            return f"{epochs}{where}; {space}continue the run with: {resume_command(out, data)}"
        epochs = epochs or "no epoch had finished, so resuming starts the training over"
        return f"{epochs}. Continue with: {resume_command(out, data)}"
    kept = f"{out} keeps the earlier run as it was"
    if epochs:
        return (f"{kept}; of the new run, {epochs}{where or ' beside it'}. "
                f"{(space + 'continue').capitalize()} it with: {resume_command(out, data)} "
                f"(it replaces the earlier run when it ends), or start it over with --overwrite")
    if checkpoint and checkpoint.exists():
        return f"{kept}; the new run's earlier epochs stay beside it, which {space}{resume_command(out, data)} continues"
    return (f"{kept}; the new run had finished no epoch and is not kept: to replace the earlier run, fit again with "
            "--overwrite")


def fit_not_begun(out: Path, replaces: bool, args) -> str:
    """What a fit stopped while its data was read and checked left (nothing of the new run: its config.json is written
    when training begins) and how to go on: a resume's run as it was, continued by ``fit --resume``; a new run beside an
    earlier one (``replaces``), the earlier one as it was; else nothing, the folder made for it removed."""
    if args.resume:
        return (f"the run {out} is as it was (its data was being read and checked); continue it with: "
                f"{resume_command(out, args.data)}")
    if replaces:
        return (f"the new run had not begun (its data was being read and checked): {out} keeps the earlier run as it "
                f"was; {AGAIN} to replace it")
    return f"the run had not begun (its data was being read and checked): nothing was written; {AGAIN} to fit it"


def backtest_left(out: Path | None, stage: str, earlier: bool, overwrite: bool) -> str:
    """What a backtest stopped left in ``out`` (None: not yet claimed) and how to finish it. At ``stage`` "run" nothing
    of its windows: it keeps no checkpoint and writes its files only once every window is scored, so the same command
    starts it over, and ``earlier`` (a backtest there before, with ``overwrite``) stays as it was; at "writing" part of
    its files, the earlier ones removed, which only ``--overwrite`` replaces; at "written" the whole backtest."""
    if stage == "written":
        return f"the backtest was complete before the signal: its scores are in {out}/report.html"
    if stage == "writing":
        again = AGAIN if overwrite else f"{AGAIN} with --overwrite"
        return (f"it was writing its files: {out} holds part of them{', the earlier backtest removed' if earlier else ''};"
                f" {again} to write them whole (it scores every window again)")
    kept = f"{out} keeps the earlier backtest as it was" if earlier else "nothing was written"
    return (f"{kept}; a backtest writes its files only once every window is scored and keeps no partial one, so "
            f"{AGAIN} to run it, from its first window")


def reader_left(args) -> str:
    """What predict, evaluate, export or compare stopped left: the one file each may write (predict's ``--out``,
    evaluate's ``--by-series-csv``, export's ONNX file) is written whole under a temporary name and then renamed
    (``files.write_bytes``), so it is there complete or not at all, a file it would replace as it was; compare writes
    none."""
    path = getattr(args, "out", None) or getattr(args, "by_series_csv", None) or getattr(args, "onnx", None)
    if not path:
        return f"it writes no file, so nothing was left; {AGAIN} for its result"
    return (f"{path} is complete or not written (it is written whole, then renamed into place; a file there before "
            f"stays as it was unless it was replaced whole); {AGAIN} to write it")
