"""What scoring makes of the values ``fill`` made (``fills``): a filled value is made, not observed, and
``Panel.filled`` keeps, for every value, where the latest observed value it was made from lies (rows from its own, 0
for an observed value), so that scoring can tell the two apart (decision 84):

* a filled target is no outcome: it is left out of every score, the baselines' and the
  Diebold–Mariano test's alike, so the comparisons stay on the same values;
* an input filled from a row at or after the window's first target (``interpolate`` draws on the next
  observed value, ``ffill`` on it only before a series' first value) carries what was not known when
  the forecast was made: such a window is left out whole.

Training learns from filled values as given: that is what ``fill`` asks for; what fit measures on
its rows (the training mean, MASE's scale, the validation loss) reads observed values only (``observed``).
Before a fit trains, a validation or test part left with nothing observed to score is refused (``check_parts``);
a forecast from the data's end says which of the rows it reads were made (``made_inputs``).
"""

from __future__ import annotations

import logging

import numpy as np

from rnncast.errors import RnncastError
from rnncast.timetext import shown

log = logging.getLogger(__name__)

HOW = {"ffill": "carried forward from the last value before them (ffill)",
       "interpolate": "interpolated between the values around them, or carried flat from the nearest value where "
                      "there is none on one side (interpolate)"}


def filled_targets(filled: np.ndarray | None, rows: np.ndarray, n_targets: int) -> np.ndarray | None:
    """Which target values of windows were filled rather than observed: [W, H, T] bool for the
    stacked rows ``rows`` [W, H] of their targets; None when the panel holds no filled value."""
    if filled is None:
        return None
    return filled[rows, :n_targets] != 0


def reads_later(filled: np.ndarray | None, starts: np.ndarray, lookback: int, horizon: int, n_future: int = 0,
                unread: int = 0) -> np.ndarray | None:
    """Which windows read a value filled from a later row than the forecast could know: [W] bool for
    windows whose inputs begin at stacked rows ``starts`` [W]. A target or past covariate of the
    inputs (rows ``[s, s + lookback)``) made from a row at or after the first target, or a future
    covariate (the last ``n_future`` columns, read up to the last target) made from a row after the
    last target. ``unread``: the first columns the network never reads (the targets of a model of the features alone,
    ``target_input=False``): only their labels count there (``filled_targets``). None when the panel holds no filled
    value."""
    if filled is None:
        return None
    from numpy.lib.stride_tricks import sliding_window_view

    rows = np.arange(len(filled))[:, None]
    reach = np.where(filled > 0, rows + filled, -1)  # [N, C] the later row a value rests on; -1: none
    n_past = filled.shape[1] - n_future
    starts = np.asarray(starts, dtype=np.int64)
    result = np.zeros(len(starts), dtype=bool)
    for columns, span in ((slice(unread, n_past), lookback), (slice(n_past, None), lookback + horizon)):
        latest = reach[:, columns].max(axis=1, initial=-1)  # [N]
        if len(latest) >= span and (latest >= 0).any():
            result |= sliding_window_view(latest, span)[starts].max(axis=1) >= starts + span  # the windows asked only
    return result


def read_ahead(filled: np.ndarray | None, offsets: np.ndarray, cuts: list[int]) -> int:
    """How many values of the rows before each series' cut (``cuts`` [S], a row inside the series:
    where the rows the model is scored on begin) were filled from a row at or after it: values a model
    fitted on those rows learns from, made with what it is scored on. 0 when nothing was filled."""
    if filled is None:
        return 0
    count = 0
    for s, cut in enumerate(cuts):
        before = filled[offsets[s] : offsets[s] + cut]  # [cut, C]
        count += int((before + np.arange(len(before))[:, None] >= cut).sum())
    return count


def kept_windows(total: int, targets: np.ndarray | None, windows: np.ndarray | None) -> np.ndarray:
    """[W] the ``total`` windows that keep a scored value: neither left out whole (``windows`` [W], ``reads_later``)
    nor with every target value filled (``targets`` [W, H, T], ``filled_targets``); None masks: none is."""
    kept = np.ones(total, dtype=bool) if windows is None else ~windows
    if targets is not None:
        kept &= ~targets.reshape(total, -1).all(axis=1)
    return kept


def unscored_why(reads_later: np.ndarray | None, filled: np.ndarray | None, absent: np.ndarray | None,
                 blank: bool = False) -> str:
    """Why a backtest window keeps no scored value, as its table's row says it (``backtestpage``): the causes among
    its forecasts' values (each series' of it), ``reads_later`` [W] (inputs filled from later rows), ``filled``
    [W, H, T] (targets fill made, or steps without a row) and ``absent`` [W, H] (steps whose date the data lacks);
    None masks: none is. ``blank``: the targets' made values are blank labels stood in for, no fill's (``blanklabels``):
    "labels not given", as fit says them (decision 2224)."""
    later = np.zeros(0 if filled is None else len(filled), bool) if reads_later is None else np.asarray(reads_later)
    if len(later) and later.all():  # left out whole for it, whatever else its values are
        return "inputs filled from later rows"
    absent = np.zeros(filled.shape[:2] if filled is not None else (0, 0), dtype=bool) if absent is None else absent
    made = filled is not None and bool((filled & ~absent[..., None])[~later].any())
    causes = [cause for cause, has in (("inputs filled from later rows", later.any()), ("labels not given" if blank else "its actuals filled", made),
                                       ("no row at its dates", absent[~later].any())) if has]
    return " and ".join(causes) or "no actual to score"


BLANK = "left blank (labels not given)"  # how a label is missing where no fill made one (blanklabels; runnotes reads it)


def left_out(series: np.ndarray, target_rows: np.ndarray, targets: np.ndarray | None, windows: np.ndarray | None,
             fill: str | None, step_rows: np.ndarray | None = None) -> dict:
    """What scoring leaves out of the windows of a part, and a clause that says it: ``filled_targets``,
    the distinct target values (series, row, target) filled rather than observed, and
    ``windows_left_out``, the windows that read values filled from later rows (``reads_later``).
    ``series``, ``target_rows`` [W]: each window's series and first target row inside it; ``targets``
    [W, H, T] and ``windows`` [W]: the masks (None: none); ``step_rows`` [W, H]: each step's row where the steps are
    dated and the data lacks some dates (``stepactuals.align``; None: the first target row + h); ``windows_scored``:
    the windows that keep a scored value. ``text`` is "" when nothing is left out."""
    how = HOW.get(fill, f"filled by fill {fill!r}" if fill else BLANK)
    total = len(series)
    kept = kept_windows(total, targets, windows)
    result = {"filled_targets": 0, "windows_left_out": 0, "windows_scored": int(kept.sum()), "text": ""}
    clauses = []
    if targets is not None and targets.any():
        w, h, t = np.nonzero(targets)
        rows = target_rows[w] + h if step_rows is None else step_rows[w, h]
        distinct = np.unique(np.stack([series[w], rows, t]), axis=1).shape[1]
        result["filled_targets"] = int(distinct)
        clauses.append(f"{distinct} target value{'s' if distinct != 1 else ''} missing from the data and {how} "
                       "are left out of every score (the model's, the baselines' and the Diebold–Mariano test's)")
    if windows is not None and windows.any():
        m = int(windows.sum())
        result["windows_left_out"] = m
        clauses.append(f"{m} window{'s' if m != 1 else ''} whose inputs hold values filled from a row at or after their "
                       f"first target (information the forecast could not have had) {'are' if m != 1 else 'is'} left out whole")
    if clauses:
        result["text"] = "; ".join(clauses) + f": {int(kept.sum())} of the {total} windows keep a scored value"
    return result


def check_parts(panel, splits: list, lookback: int, horizon: int, fill: str | None, unread: int = 0) -> None:
    """Before a fit trains: refuse, naming the rows and what to change, a validation or test part
    (``splits`` [S] of ``panel``) whose every window would be left out of the scores (its targets all
    made by ``fill``, or its inputs filled from them), which would end a finished fit with nothing to
    score; say how many validation targets early stopping's loss leaves out (``observed``), and warn when
    the rows the model learns from were filled from rows it is scored on (``read_ahead``). ``unread``: as
    ``reads_later``'s; ``fill`` None: blank labels of a model of the features alone (``blanklabels``)."""
    from rnncast.windows import panel_window_starts

    if panel.filled is None:
        return
    n_t = panel.n_targets
    for part, name in (("test", "test"), ("val", "validation")):
        starts, series = panel_window_starts(splits, panel.offsets, part, lookback, horizon)
        if not len(starts):
            continue
        rows = starts[:, None] + lookback + np.arange(horizon)  # [W, H]
        made = filled_targets(panel.filled, rows, n_t)  # [W, H, T]
        later = reads_later(panel.filled, starts, lookback, horizon, len(panel.future), unread)
        kept = ~later & ~made.reshape(len(starts), -1).all(axis=1)
        if not kept.any():
            first, last = rows.min() - panel.offsets[series[0]], rows.max() - panel.offsets[series[-1]]
            where = _at(panel, series[0], first) + " to " + _at(panel, series[-1], last)
            raise RnncastError(
                f"the {name} part ({where}) has no observed target value to score: each one is missing from the data and "
                f"{_made(fill)}{' (or its inputs were filled from its targets)' if later.any() else ''}; give data "
                "with observed values there, or move the part with --val-frac/--test-frac (val_frac=/test_frac= in "
                "Python; split= for given rows)")
        if part == "val" and made.any():  # observed.validation_keep leaves them out of the loss
            targets = np.unique(rows)  # windows overlap: a value is counted once, not once per window that holds it
            log.info("%d of the %d target values of the validation windows were missing from the data and %s: the "
                     "validation loss that early stopping follows leaves them out (of each of the %d windows "
                     "that holds one)", int((panel.filled[targets, :n_t] != 0).sum()), targets.size * n_t, _made(fill),
                     int(made.reshape(len(starts), -1).any(axis=1).sum()))
    ahead = read_ahead(panel.filled, panel.offsets, [split.val_end for split in splits])
    if ahead:  # fill's choice to train on made values is the user's; that these rest on scored rows must be said
        log.warning("%d value(s) of the rows the model learns from (training and validation) were filled by fill=%r from "
                    "rows after them that it is scored on, so the model has seen something of those rows; fill='ffill' "
                    "(--fill ffill) fills from earlier rows only", ahead, fill)


def _made(fill: str | None) -> str:
    """How a missing target was made: by ``fill``, or stood in for a blank label (None: ``blanklabels``)."""
    return f"made by fill {fill!r}" if fill else "left blank (labels not given, never trained on)"


def _at(panel, s: int, row: int) -> str:
    times = panel.time_of(int(s))
    who = f"series {panel.given_id(s)!r} " if panel.n_series > 1 else ""
    return f"{who}{shown(times[row], panel.time, panel.calendar.text_format)}" if times is not None else f"{who}row {row}"


def made_inputs(panel, lookback: int) -> str:
    """The values fill made among each series' last ``lookback`` rows, which a forecast from the
    data's end reads, said ("3 values, 2020-07-16 to 2020-07-18"); "" when every one was observed."""
    if panel.filled is None:
        return ""
    said = []
    for s in range(panel.n_series):
        made = np.flatnonzero((panel.filled[panel.offsets[s + 1] - lookback : panel.offsets[s + 1]] != 0).any(axis=1))
        if len(made):
            row = panel.lengths[s] - lookback
            span = _at(panel, s, row + made[0]) + ("" if len(made) == 1 else " to " + _at(panel, s, row + made[-1]))
            said.append(f"{len(made)} row{'s' if len(made) != 1 else ''} ({span})")
    return ", ".join(said[:5]) + (f" and {len(said) - 5} more series" if len(said) > 5 else "")


def warn_made(panel, lookback: int, fill: str | None) -> None:
    """Warn where a forecast from the data's end reads values fill made (``made_inputs``). Zero fill's 0 in a target is
    observed (an absent row is no sale, README), never made: what it makes are the covariates of the rows it adds,
    carried forward (``zerocovariates``), and those are what its warning names; ffill's and interpolate's guesses are
    said as made, not observed."""
    made = made_inputs(panel, lookback)
    if not made:
        return
    if fill != "zero":
        log.warning("the forecast starts from values that fill %r made, not observed: %s", fill, made)
        return
    rows = np.concatenate([np.arange(panel.offsets[s + 1] - lookback, panel.offsets[s + 1])
                           for s in range(panel.n_series)])
    names = [str(panel.columns[j]) for j in np.flatnonzero((panel.filled[rows] != 0).any(axis=0))]
    log.warning("the forecast reads rows that fill 'zero' added (absent from the data), whose targets' 0 counts as "
                "observed (none happened) but whose %s %s carried forward from each series' last value, not observed: %s; "
                "give those rows in the data where the %s known", ", ".join(map(repr, names)),
                "is" if len(names) == 1 else "are", made, "value is" if len(names) == 1 else "values are")
