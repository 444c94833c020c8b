"""The column names rnncast writes in its forecast tables beside the caller's, and the one check that no two of them
are the same name.

``predict``, ``backtest`` (its ``forecasts.csv`` too) and a run's ``test_forecasts.csv`` (``testforecasts``) write the
caller's id, time and target columns under their own names, and next to them names of rnncast's: ``cutoff`` and
``step_ahead`` (all three), ``window`` and ``left_out`` (backtest), and per target ``<target>_hat`` (the forecast), ``<target>_q<level>`` (its quantiles), ``<target>_filled`` (fill made the actual
value) and ``<target>_<baseline>`` (``repeat``, ``mean``, ``seasonal``, ``climatology``); ``unique_id``, ``ds`` and ``row`` where the
data gives no id or time column of its own name. A column of the caller's with one of those names (a time column
``cutoff``, an id column ``y_hat``, targets ``sales`` and ``sales_hat``) would be written over, or write over
rnncast's, without a word: ``check`` refuses it where a fit or a backtest starts, before a model is trained, for
every output at once, so that a model fitted is one whose forecasts can be written.
"""

from __future__ import annotations

from rnncast.baselines import BANDED, NAMES as BASELINES
from rnncast.data import ID_COLUMN
from rnncast.errors import RnncastError

BACKTEST = "in backtest's forecasts"
BOTH = "in predict's and backtest's forecasts"
FIT = "in the run's test_forecasts.csv"
FIT_BOTH = "in the run's test_forecasts.csv and predict's forecasts"
BACKTEST_COLUMNS = {"cutoff": f"each window's cutoff (its last input step) {BOTH}",  # predict's too (decision 2144)
                    "window": f"each window's number {BACKTEST}",
                    "left_out": f"whether a window is left out of the scores {BACKTEST}",
                    "step_ahead": f"each forecast's step after its cutoff {BOTH}"}  # and test_forecasts.csv


def _levels(levels) -> list[str]:
    return [f"{q:g}" for q in levels or ()]


def written(targets: list, levels=(), id_col=None, time_col=None, layout: str = "single",
            timed: bool = True) -> list[tuple[str, str, bool]]:
    """Every column name predict's and backtest's tables may write, in order: ``(name, what it holds, whether the
    name is the caller's)``. ``targets``: the target columns (a wide table's ``y`` is rnncast's name for its values);
    ``levels``: the quantile levels; ``id_col``, ``time_col``: the data's (None: none, or written under rnncast's
    ``unique_id``, ``ds``); ``layout``: single, long or wide; ``timed``: whether the data has time (else ``row``)."""
    names: list[tuple[str, str, bool]] = []
    if layout != "single":
        own = layout == "long" and id_col is not None
        names.append((str(id_col) if own else ID_COLUMN, "the id column" if own else f"the series' ids {BOTH}", own))
    if not timed:
        names.append(("row", f"the row numbers {BOTH}", False))
    elif time_col is not None:
        names.append((str(time_col), "the time column", True))
    else:
        names.append(("ds", f"the times {BOTH}", False))
    names += [(name, what, False) for name, what in BACKTEST_COLUMNS.items()]
    for target in map(str, targets):
        mine = layout != "wide"
        names.append((target, "the target column" if mine else f"the series' values {BOTH}", mine))
        names.append((f"{target}_hat", f"the forecast of target {target!r} {BOTH}", False))
        names += [(f"{target}_q{q}", f"the {q} quantile of target {target!r} {BOTH}", False) for q in _levels(levels)]
        names.append((f"{target}_filled", f"where fill made a value of target {target!r} {BACKTEST}", False))
        names.append((f"{target}_zero_filled", f"where fill 'zero' wrote a value of target {target!r} {BACKTEST}", False))
        for key, said in BASELINES.items():  # each one's quantiles after it: its interval (baselinebands)
            names.append((f"{target}_{key}", f"the {said!r} baseline of target {target!r} {BACKTEST}", False))
            names += [(f"{target}_{key}_q{q}", f"the {q} quantile of the {said!r} baseline of target {target!r} "
                       f"{BACKTEST}", False) for q in _levels(levels) if key in BANDED]
    return names


def check(targets: list, levels=(), id_col=None, time_col=None, layout: str = "single", timed: bool = True,
          command: str = "backtest") -> None:
    """Refuse (``RnncastError``, one line) a name of the caller's among ``written``'s that rnncast also writes for
    something else (or two of rnncast's alike), naming both and the column to rename; arguments as ``written``'s;
    ``command``: the one checking, whose file is named (fit: the run's test_forecasts.csv, decision 1441)."""
    seen: dict[str, tuple[str, bool]] = {}
    for name, what, mine in written(targets, levels, id_col, time_col, layout, timed):
        if command == "fit":  # fit writes no backtest's forecasts: its test_forecasts.csv, then predict's
            what = what.replace(BOTH, FIT_BOTH).replace(BACKTEST, FIT)
        if name not in seen:
            seen[name] = (what, mine)
            continue
        first, first_mine = seen[name]
        yours, theirs = ((first, what) if first_mine else (what, first)) if first_mine or mine else (None, None)
        if yours is not None:
            raise RnncastError(f"{yours} is named {name!r}, the name rnncast writes for {theirs}, so one would "
                               f"overwrite the other; rename the column {name!r} in the data")
        raise RnncastError(f"{first} and {what} would both be written as {name!r}; rename one of the targets")


def check_panel(panel, levels=(), command: str = "backtest") -> None:
    """``check`` of a ``Panel``'s columns (``panel.Panel``) with the quantile ``levels`` a model forecasts."""
    check(panel.targets, levels, panel.id_col, panel.time_col, panel.layout, panel.time is not None, command)


def check_state(state) -> None:
    """``check`` of a fitted model's columns (``state.FittedState``): a model saved before fit refused such names."""
    check(state.targets, state.settings.model.quantiles, state.id_col, state.time_col, state.layout,
          state.calendar.kind != "row")
