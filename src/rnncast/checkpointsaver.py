"""A fit's checkpoint writer: the training state written to the checkpoint file after each epoch
(``resume.save_training_state``), the first write, of a file that was not there when the fit checked the path
(``resume.check_checkpoint_path``) and not resumed, only as a new file: a checkpoint another fit wrote there since
stays as it is, and this fit is refused as the check refuses an existing one (decision 861)."""

from __future__ import annotations

from rnncast.errors import RnncastError
from rnncast.resume import check_checkpoint_path, save_training_state
from rnncast.resumedsettings import record


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
