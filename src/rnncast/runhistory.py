"""Fit's epochs (``Forecaster.history_``): what they say of the weights kept (``best_epoch``, ``early_stop_text``,
``end_text``), and a run's ``history.csv``, written into the run directory and read back by ``Forecaster.load`` of
that run, so a loaded run has the history it was trained with (its losses exactly); a model folder that ``save`` wrote keeps it in its
model.json (``as_json``), so its ``loss_figure`` draws the curve fit drew (a model saved before that keeps none: ``[]``)."""

from __future__ import annotations

import csv
import io
import logging
from pathlib import Path

from rnncast.spelling import counted

log = logging.getLogger(__name__)

FIELDS = ["epoch", "train_loss", "val_loss", "seconds", "best"]


def history_csv(history: list[dict]) -> str:
    """``history.csv``: one row per epoch; the losses as fit measured them, the shortest text that reads back as
    the same float64 (``repr``: 0.20888230906461816, as model.json keeps them), so a loaded run's ``history_``
    equals the fitted one's (decision 1197; files written before hold their float32's text, 0.2088823, read as is)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS)
    writer.writeheader()
    loss = lambda v: v if v is None else float(v)  # noqa: E731  csv writes a float's repr
    writer.writerows({**row, "train_loss": loss(row["train_loss"]), "val_loss": loss(row["val_loss"])} for row in history)
    return buffer.getvalue()


def as_json(history: list[dict]) -> list[dict]:
    """The epochs as model.json keeps them: ``FIELDS`` of each, the losses as fit measured them (float64, which JSON
    writes and reads back exactly, so a saved model's ``history_`` equals the fitted one's)."""
    loss = lambda v: v if v is None else float(v)  # noqa: E731
    return [{"epoch": int(h["epoch"]), "train_loss": loss(h["train_loss"]), "val_loss": loss(h["val_loss"]),
             "seconds": float(h["seconds"]), "best": bool(h["best"])} for h in history]


def _from_json(value, folder) -> list[dict]:
    """model.json's epochs (``as_json``) as ``history_`` holds them; ``[]`` where it keeps none, and, with a warning,
    where they do not read (a hand-edited file): the model loads as well without them."""
    if value is None:
        return []
    try:
        if not isinstance(value, list) or not all(isinstance(h, dict) and list(h) == FIELDS for h in value):
            raise ValueError(f"each epoch must hold {', '.join(FIELDS)}")
        return [{"epoch": int(h["epoch"]), "train_loss": float(h["train_loss"]),
                 "val_loss": None if h["val_loss"] is None else float(h["val_loss"]), "seconds": float(h["seconds"]),
                 "best": {True: True, False: False}[h["best"]]} for h in value]
    except (ValueError, KeyError, TypeError) as err:
        log.warning("the epochs kept in %s do not read (%s); history_ is left empty", Path(folder) / "model.json", err)
        return []


def read_back(folder, kept=None) -> list[dict]:
    """The epochs of the run whose model ``folder`` is (a run directory holding ``model/``, or that ``model/``), as
    fit's ``history_`` held them (losses as written: exact, or a file written before decision 1197 their float32's
    shortest text); for a model folder of
    ``save``'s, those its model.json keeps (``kept``: its ``history``; ``[]`` where it keeps none). A history.csv
    that does not read is said in a warning and gives ``[]``: the model loads as well without it."""
    folder = Path(folder)
    run = folder if (folder / "model").is_dir() else folder.parent if folder.name == "model" else None
    path = run / "history.csv" if run is not None and (run / "config.json").is_file() else None
    if path is None or not path.is_file():
        return _from_json(kept, folder / "model" if (folder / "model").is_dir() else folder)
    try:
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            if reader.fieldnames != FIELDS:
                raise ValueError(f"its columns are {reader.fieldnames}, not {', '.join(FIELDS)}")
            return [{"epoch": int(row["epoch"]), "train_loss": float(row["train_loss"]),
                     "val_loss": float(row["val_loss"]) if row["val_loss"] else None, "seconds": float(row["seconds"]),
                     "best": {"True": True, "False": False}[row["best"]]} for row in reader]
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as err:
        log.warning("%s does not read as the run's epochs (%s); history_ is left empty", path, err)
        return []


def best_epoch(history: list[dict]) -> int:
    """The epoch whose weights the loop keeps: the last that improved (0: none did, the untrained network stays)."""
    return max((h["epoch"] for h in history if h["best"]), default=0)


def kept_untrained(history: list[dict]) -> bool:
    """Whether ``history`` ran epochs none of which improved on the untrained network, so that network is the model
    (fit's warning; compare's note of each such model: its rank says nothing of its cell)."""
    return bool(history) and best_epoch(history) == 0


def still_improving(history: list[dict], epochs: int) -> bool:
    """Whether the best epoch of ``history`` was the last of its ``epochs``, more than one: the loss still falling when
    the budget ran out, so the model may be undertrained (fit's warning; compare's note of each model it names)."""
    return len(history) > 1 and bool(history[-1]["best"]) and len(history) == epochs


def early_stop_text(history: list[dict], epochs: int, patience: int) -> str | None:
    """"stopped early at epoch 10 of 100: the validation loss had not improved for 5 epochs; the weights of epoch 5
    are kept", where early stopping ended ``history`` (its last ``patience`` epochs none better) before ``epochs``;
    else None. A run that diverged ends so too: its reader asks ``diverged`` first (``runnotes.early_stop``)."""
    last = history[-patience:]
    if len(history) >= epochs or len(last) < patience or any(h["best"] for h in last):
        return None
    kept = best_epoch(history)
    return (f"stopped early at epoch {history[-1]['epoch']} of {epochs}: the "
            f"{'training' if history[-1]['val_loss'] is None else 'validation'} loss had not improved for "
            f"{counted(patience, 'epoch')}; {f'the weights of epoch {kept}' if kept else 'the untrained network'} "
            f"{'are' if kept else 'is'} kept")


def end_text(history: list[dict], epochs: int, patience: int) -> str | None:
    """What the end of ``history`` says of the weights kept: an early stop's words (``early_stop_text``); where
    every one of ``epochs`` ran and the best was not the last (patience may have run out at the last epoch), "ran
    all 8 epochs; the validation loss last improved in epoch 3, and the weights of that epoch are kept"; None where
    the last epoch's weights are kept, which needs no word (or ``history`` ended otherwise: a divergence)."""
    early = early_stop_text(history, epochs, patience)
    if early or not history or len(history) < epochs or history[-1]["best"]:
        return early
    kept, loss = best_epoch(history), "training" if history[-1]["val_loss"] is None else "validation"
    ran = f"ran all {epochs} epochs" if epochs > 1 else "ran its one epoch"
    if not kept:
        return f"{ran}; the {loss} loss never improved on the untrained network, which is kept"
    return (f"{ran}; the {loss} loss last improved in epoch {kept}, and the weights of that epoch are kept")
