"""Blank labels of a model of the features alone (``target_input=False``), with a fill or without: the target is only a
label there, never an input, so a blank one is not refused as a missing value but left out.

* Reading (``stand_in``, ``loading``): each blank target value of a series that holds at least one label is stood in
  for (the straight line between the labels around it, so the scalers see no stray value) and marked made in
  ``Panel.filled`` with ``MARK``: resting on no later row, as the model never reads it.
* Training (``training_windows``): a window whose every label is blank is left out, counted and said once (INFO);
  a window of several forecast rows with some labels blank trains on those present (``batches.kept_mean``).
* The validation loss and every score leave the stood-in labels out, as they leave out what a fill made
  (``filledwindows``, ``observed``).
* Evaluate (``trailing``): rows at a series' end without a label cannot be scored: said, with predict for them.

Features are inputs: a blank feature is refused without a fill (``fills``); ``--fill`` fills the features alone, the
blank labels left blank as without it (decision 2178: filled labels were trained on, test MSE 1.793 against 0.686).
"""

from __future__ import annotations

import logging

import numpy as np

from rnncast.errors import RnncastError
from rnncast.fills import fill_missing
from rnncast.spelling import counted

log = logging.getLogger(__name__)

MARK = -1  # Panel.filled of a stood-in label: made, from no later row (never read as an input, never trained on)


def masked(data_s) -> bool:
    """Whether blank labels are stood in and left out of training: a model of the features alone, whatever its fill
    (which fills the features: decision 2178)."""
    return not data_s.target_input


def stand_in(values: np.ndarray, offsets: np.ndarray, n_targets: int, filled: np.ndarray | None = None
             ) -> tuple[np.ndarray, np.ndarray | None]:
    """``values`` [N, C] with the blank targets (the first ``n_targets`` columns) of each series that holds a label
    stood in for, and ``filled`` [N, C] int32 marking them ``MARK`` (None where no label is blank). A series' column
    without any label is left blank (refused by ``fills`` as a column without values)."""
    blank = np.isnan(values[:, :n_targets])
    if not blank.any():
        return values, filled
    values = values.copy()
    for s in range(len(offsets) - 1):
        part = slice(int(offsets[s]), int(offsets[s + 1]))
        held = ~blank[part].all(axis=0)  # [T] columns of this series with a label
        if held.any():
            columns = np.flatnonzero(held)
            values[part, columns] = fill_missing(values[part, columns], "interpolate")[0]
    made = blank & ~np.isnan(values[:, :n_targets])
    marks = np.zeros(values.shape, dtype=np.int32) if filled is None else filled.copy()
    marks[:, :n_targets][made] = MARK
    return values, marks


def training_windows(panel, starts: np.ndarray, series: np.ndarray, data_s, scheme: str = "window"):
    """The training windows (inputs from stacked rows ``starts`` [W] of series ``series`` [W]) a model of the
    features alone trains on where its labels may be blank (``masked``): those with a label present, and ``keep``
    [W', H, T] the labels each counts (None: every one). Windows left out are said once (INFO). Other models: as
    given. The sequence scheme, which trains on every row's label, is refused where a label is blank."""
    if not masked(data_s) or panel.filled is None or not len(starts):
        return starts, series, None
    rows = starts[:, None] + data_s.lookback + np.arange(data_s.horizon)  # [W, H]
    keep = panel.filled[rows, : panel.n_targets] != MARK  # [W, H, T]
    if keep.all():
        return starts, series, None
    if scheme == "sequence":
        raise RnncastError("scheme 'sequence' trains on the label of every row, and some labels of the training rows "
                           "are blank; use scheme 'window' (--scheme window), which leaves out the windows without a "
                           "label, or give the training rows a label on every row")
    used = keep.reshape(len(starts), -1).any(axis=1)
    if not used.any():
        raise RnncastError("every training window's label is blank: a model of the features alone (target_input=False) "
                           "learns from the rows whose target is given; give data with labels in its training rows")
    out = int((~used).sum())
    blank = int((panel.filled[np.unique(rows), : panel.n_targets] == MARK).sum())
    log.info("%d of the %d training windows %s no label (the target blank at the forecast rows) and %s left out of "
             "training, the other %d train on the labels they hold (%s of the training rows in all; blank labels are "
             "left out of the validation loss and of every score too): the model reads the features alone (target_input=False), its target is only a "
             "label", out, len(starts), "has" if out == 1 else "have", "is" if out == 1 else "are", int(used.sum()),
             counted(blank, "blank label"))
    keep = keep[used]
    return starts[used], series[used], None if keep.all() else keep


def trailing(panel, doing: str, horizon: int = 1, future: bool = False) -> None:
    """Where ``evaluate`` reads labels (``doing`` 'scored'): say the rows at a series' end whose every target is blank
    (stood in, or made by a fill): they cannot be scored; what forecasts them: predict of the data ending at the last
    labelled row (its next ``horizon`` rows are theirs; ``future``: the model reads future covariates, given with
    --future), or predict_windows of the data (predict of the data forecasts the rows after its end, not these)."""
    if doing != "scored" or panel.filled is None:
        return
    n_t, said = panel.n_targets, []
    for s in range(panel.n_series):
        made = (panel.filled[panel.offsets[s]: panel.offsets[s + 1], :n_t] != 0).all(axis=1)
        last = int(np.logical_and.accumulate(made[::-1]).sum())
        if 0 < last < len(made):
            said.append((s, last))
    if said:
        s, last = said[0]
        who = f" of series {panel.given_id(s)!r}" if panel.n_series > 1 else ""
        more = f" (and the last rows of {len(said) - 1} more series)" if len(said) > 1 else ""
        end = panel.offsets[s + 1] - last - 1  # the last labelled row
        at = f"row {end - panel.offsets[s] + 1}" if panel.time is None else str(panel.time[end])
        ends = "each series ending at its last labelled row" if len(said) > 1 else f"DATA ending at its last labelled row ({at})"
        first = "these rows" if max(n for _, n in said) <= horizon else f"the first {horizon} of these rows (its horizon)"
        log.warning("%s%s%s %s no value of %s: rows without a label cannot be scored, and are not; a model of the "
                    "features alone forecasts them from the features before them: predict of %s (rnncast predict RUN "
                    "DATA%s, Forecaster.predict) forecasts %s, or Forecaster.predict_windows(DATA) forecasts every "
                    "window of DATA, the last ones at these rows (their stood-in labels marked in .filled); predict of "
                    "DATA as it is forecasts the rows after its end", "the last row" if last == 1 else
                    f"the last {last} rows", who, more, "has" if last == 1 else "have", ", ".join(panel.targets), ends,
                    " --future FILE of their future covariates" if future else "", first)
