"""New data for predict of a model fitted with ``target_input=False`` (it reads the features alone): the target's
column, which the network drops unread, stood in for where the data lacks it, so that predict needs the features only.

Such a model was trained to forecast a target not measured when forecasting (a soft sensor). Its windows still carry
the target's column in the first place (the scalers, the checks and the network are built so), but the network cuts it
off before the cell, so any finite value there gives the same forecast. Values the data does give in it are named as
not read, once per model.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pandas as pd

from rnncast import labels, statictext
from rnncast.data import as_frame
from rnncast.noticed import first_time
from rnncast.state import FittedState

log = logging.getLogger(__name__)


def reads_target(state: FittedState) -> bool:
    """Whether the model's input windows hold the target's past (every model fitted before the setting: yes)."""
    return bool(state.settings.data.target_input)


def stood_in(state: FittedState, data):
    """``data`` as ``reading`` reads it for predict (``read_new(stand_in=True)``), once: for a model that does not read
    the target (a table or file of one series; a long table's frame as ``reading`` read it), its target columns set to
    the target's training mean where one is absent or has a blank (a column of every value is kept: the network drops
    it unread). A file of one series is read here as ``load_panel`` reads one, and handed on as read (named as the
    file); other data (an array, known by column places; a wide table, whose series are its target columns) as it is."""
    if reads_target(state) or labels.is_array(data) or state.layout == "wide":
        return data
    if isinstance(data, (str, Path)):
        frame = statictext.read_file(data, [], decide=[])  # load_panel's read of a series' file (no ids, no statics)
        frame.attrs[labels.GIVEN] = labels.given(data)  # its refusals name the file's columns as a file's
    else:
        frame = data if isinstance(data, pd.DataFrame) else as_frame(data)
    given = [t for t in state.targets if t in frame.columns and frame[t].notna().any()]
    if given and first_time(state.said, "target_input", *given):
        log.warning("not read: %s — the model reads the features alone (target_input=False): predict forecasts without "
                    "the target, so its column may be left out", ", ".join(given))
    stand = [j for j, t in enumerate(state.targets) if t not in frame.columns or frame[t].isna().any()]
    if not stand:  # a file as read, once; a table as given
        return frame if isinstance(data, (str, Path)) else data
    level = np.asarray(state.train_means, dtype=np.float64).mean(axis=0)  # [T] original units, over the series
    return frame.assign(**{state.targets[j]: float(level[j]) for j in stand})
