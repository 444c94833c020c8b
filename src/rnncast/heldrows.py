"""A fitted model's backtest that reads the static covariates the model holds (``fittedroles.held_static``): the
series fit left out (too short) have no values there. They are read with stand-in rows and then left out of the
backtest by name, as predict and evaluate leave them out, not refused as if the caller's table lacked them: the
caller gave no table (decision 1490). The held table's rows of series the data does not hold are no table of the
caller's either, so its "rows of series not in the data" warning is not said of them. The series so left out are
records of the backtest's ``skipped_series`` (``{"id", "rows", "needed": None, "reason": NO_STATIC}``; decision 1524),
as the ones too short are: every series left out of scoring is listed there with its reason. Giving the static table
again backtests only those long enough for the backtest, so only those are told to (``advice``; decision 1546).
"""

from __future__ import annotations

import contextlib
import logging

from rnncast.errors import RnncastError
from rnncast.panel import Panel
from rnncast.spelling import some

log = logging.getLogger(__name__)

NO_STATIC = "left out by the fit, no static covariates held"  # a record's reason (leftout.REASONS)
_UNUSED = "the static covariate table holds"  # staticids.unused's warning, said by rnncast.static


class _Unsaid(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(_UNUSED)


@contextlib.contextmanager
def quiet(held: bool):
    """While reading with a held table (``held``), the static table's "rows of series not in the data" warning is not
    said (the model's own rows: a series the data leaves out, or a stand-in of one fit left out)."""
    if not held:
        yield
        return
    logger, unsaid = logging.getLogger("rnncast.static"), _Unsaid()
    logger.addFilter(unsaid)
    try:
        yield
    finally:
        logger.removeFilter(unsaid)


def without(panel: Panel, stand_ins: list, left: list | None = None, need: int | None = None) -> Panel:
    """``panel`` without the series whose static rows are ``stand_ins`` (ids as text: series fit left out), a warning
    naming them as the data gives them and how to backtest them; each is appended to ``left`` (where given) as a
    ``skipped_series`` record, ``{"id": as the data gives it, "rows", "needed": None, "reason": NO_STATIC}``. ``need``:
    the rows the backtest needs of a series (None where its cutoffs or step are dates, not rows): the static table given
    again would backtest only the series that hold them, so it is advised for those alone, and the others are said to be
    too short for this backtest as well (decision 1546). Raises ``RnncastError`` where no series is left."""
    if not stand_ins:
        return panel
    short = set(map(str, stand_ins))
    gone = [s for s, i in enumerate(panel.ids) if str(i) in short]
    if not gone:
        return panel
    one = len(gone) == 1
    names = some([repr(panel.given_id(s)) for s in gone], 10)
    said = (f"series {names} {'was' if one else 'were'} left out by the fit (too short to train), so the model holds no "
            f"static covariates for {'it' if one else 'them'}")
    how = advice(panel, gone, need)
    if len(gone) == panel.n_series:
        raise RnncastError(f"{said}, and the data holds no other series{how}")
    log.warning("%s: %s not backtested%s", said, "it is" if one else "they are", how)
    if left is not None:
        left.extend({"id": panel.given_id(s), "rows": int(panel.lengths[s]), "needed": None, "reason": NO_STATIC} for s in gone)
    kept = set(gone)
    return panel.subset([s for s in range(panel.n_series) if s not in kept])


AGAIN = "give the static table again: static_covariates= in Python, --static FILE"


def advice(panel: Panel, gone: list[int], need: int | None) -> str:
    """What backtests the series ``gone`` (fit left them out) after the warning or refusal: " (to backtest them, give
    the static table again ...)" for those with the ``need`` rows (all, where it is None); of those with fewer, that
    they are too short for this backtest as well, with their rows and the need (t32t1 M3: 20 and 15 rows, following the
    advice, were left out again as needing 32)."""
    few = [s for s in gone if need is not None and panel.lengths[s] < need]
    fit = [s for s in gone if s not in few]
    said = []
    if few:
        rows = some([f"{panel.given_id(s)!r} ({int(panel.lengths[s])} rows)" for s in few], 10)
        needs = f"{'it needs' if len(few) == 1 else 'each needs'} at least {need} rows"
        said.append(f"{rows} {'is' if len(few) == 1 else 'are'} too short for this backtest as well: {needs}" if fit else
                    f"{'it is' if len(few) == 1 else 'they are'} too short for this backtest as well: {rows}; {needs}")
    if fit:
        whom = some([repr(panel.given_id(s)) for s in fit], 10) if few else "it" if len(fit) == 1 else "them"
        said.append(f"to backtest {whom}, {AGAIN}")
    return f" ({'; '.join(said)})"
