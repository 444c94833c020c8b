"""A fit's checkpoint writer: where it may write (``check_checkpoint_path``, before the fit starts), and the training
state written to the checkpoint file after each epoch (``resume.save_training_state``), the first write, of a file
that was not there when the fit checked the path and not resumed, only as a new file: a checkpoint another fit wrote
there since stays as it is, and this fit is refused as the check refuses an existing one (decision 861)."""

from __future__ import annotations

import shlex
from pathlib import Path

from rnncast import pathargs
from rnncast.errors import RnncastError
from rnncast.files import COMMANDS
from rnncast.links import written_path
from rnncast.outputs import model_folder, output_kind
from rnncast.resume import TRAINING_STATE, held, is_checkpoint, save_training_state
from rnncast.resumedsettings import record


def check_checkpoint_path(path, resume: bool = False, inputs=()) -> Path:
    """Refuse, before a fit writes its first checkpoint to ``path``, a path it must not write, as
    ``save()``, export and ``--out`` refuse theirs: a folder; a file in a model folder, or in the folder
    of a run, backtest, tune or demo, except a run's own checkpoint.safetensors while the run goes on
    (``resume``, as ``rnncast fit --resume`` continues it, or a run without one yet, as ``rnncast fit``
    starts one); the data being read (``inputs``); any other existing file that is not a training
    checkpoint rnncast wrote (``is_checkpoint``). An rnncast checkpoint outside such folders is
    continued with ``resume``, and without it refused, finished or not (``held``: its epochs, and how it ended),
    as ``rnncast fit`` refuses a run's: replacing it would lose its epochs. A link is judged by where it leads
    too. Each refusal is one ``RnncastError`` naming the path and what is taken instead."""
    pathargs.checked("fit's checkpoint", path, "the file to write the training state to (or None)")
    path = Path(path)
    target = written_path(path)
    at = f"checkpoint={path}" + (f" (a link to {target})" if target != path else "")
    if path.is_dir():
        raise RnncastError(f"{at} is a folder; give the path of the checkpoint file to write (a new file such as "
                           f"{TRAINING_STATE}, outside any model or run folder)")
    for place in dict.fromkeys((path, target)):
        folder = place.parent
        model = model_folder(folder)
        if model is not None:
            raise RnncastError(f"{at} would write into the model folder {model}; give a checkpoint file outside it")
        kind = output_kind(folder)  # what the folder holds, told as every output guard tells it (outputs)
        if kind == "run" and place.name == TRAINING_STATE:
            if resume or not (folder / TRAINING_STATE).exists():
                continue  # the run's own checkpoint, continued, or a run rnncast fit (or --resume) trains afresh
            raise RnncastError(f"{at} is the checkpoint of the run in {folder}, which its files describe; continue it "
                               f"with resume=True (or rnncast fit --resume {shlex.quote(str(folder))}), or give a checkpoint file outside "
                               "the run")
        if kind:
            raise RnncastError(f"{at} would write into {folder}, which holds a {kind} (rnncast {COMMANDS[kind]}); give "
                               "a checkpoint file outside it")
    if not target.exists():
        return path
    for given in inputs:
        if given is not None and Path(given).exists() and target.samefile(given):
            raise RnncastError(f"{at} is the data this fit reads ({given}); give another file for the checkpoint")
    if not is_checkpoint(target):
        raise RnncastError(f"{at} exists and is not a training checkpoint rnncast wrote; it stays as it is: give a new "
                           "file name, or the checkpoint of an earlier fit to continue with resume=True")
    if not resume:
        holds, finished = held(target)
        how = "resume=True gives its model back (with more epochs it trains further)" if finished else \
            "continue it with resume=True"
        raise RnncastError(f"{at} {holds}, which a fit without resume=True would replace; it stays as it is: {how}, "
                           "give another checkpoint path, or delete the file to start over")
    return path


def saver(path, resume: bool, data: dict | None, settings):
    """The function the training loop calls with ``(net, optimizer, generator, loop)`` after each epoch. Made once
    ``check_checkpoint_path`` passed ``path``: without ``resume`` that is where no file was. ``settings``: the fit's
    (``config.Settings``), recorded whole, which a resume checks (``resumedsettings``), and its epochs."""
    first = [not resume]
    recorded = record(settings)

    def save_state(*state) -> None:
        new, first[0] = first[0], False
        try:
            save_training_state(path, *state, data=data, epochs=settings.train.epochs, settings=recorded,
                                new=f"checkpoint={path} exists; another fit wrote it since this one began" if new else None)
        except RnncastError:
            if new:
                check_checkpoint_path(path, resume)  # the start-time check's line for the file there now
            raise
    return save_state
