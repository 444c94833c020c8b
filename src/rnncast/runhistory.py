"""A run's ``history.csv``: fit's epochs (``Forecaster.history_``) written into the run directory, and read back
by ``Forecaster.load`` of that run, so a loaded run has the history it was trained with. A model folder that
``save`` wrote keeps no history (its ``history_`` is ``[]``)."""

from __future__ import annotations

import csv
import io
import logging
from pathlib import Path

from rnncast import decimals

log = logging.getLogger(__name__)

FIELDS = ["epoch", "train_loss", "val_loss", "seconds", "best"]


def history_csv(history: list[dict]) -> str:
    """``history.csv``: one row per epoch; the losses (float32 sums, means and scores) as the shortest text
    of their float32 (1.2362734, not 1.2362734079360962)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS)
    writer.writeheader()
    loss = lambda v: v if v is None else float(decimals.shortest(v))  # noqa: E731
    writer.writerows({**row, "train_loss": loss(row["train_loss"]), "val_loss": loss(row["val_loss"])} for row in history)
    return buffer.getvalue()


def read_back(folder) -> list[dict]:
    """The epochs of the run whose model ``folder`` is (a run directory holding ``model/``, or that ``model/``), as
    fit's ``history_`` held them (losses as written: their float32's shortest text); ``[]`` for a model folder
    of ``save``'s, which keeps none. A history.csv that does not read is said in a warning and gives ``[]``:
    the model loads as well without it."""
    folder = Path(folder)
    run = folder if (folder / "model").is_dir() else folder.parent if folder.name == "model" else None
    path = run / "history.csv" if run is not None and (run / "config.json").is_file() else None
    if path is None or not path.is_file():
        return []
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
