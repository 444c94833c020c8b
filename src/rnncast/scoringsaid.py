"""The line said before many windows are forecast and scored: "scoring 6,249 validation and 13,217 test windows of
720 steps". Forecasting 13,217 windows of 720 steps and scoring them takes minutes after a few seconds of training or
loading, silent without it. ``text`` is its one rule and wording: fit says it of its run's parts (``cli.fitting``,
decision 1562); ``rnncast evaluate`` and ``rnncast compare`` say it of the part they score, once, as its first windows
are forecast (``saying``, ``before``: the windows are known only once the data is read; decision 1602).
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

from rnncast.speakers import speaking_as

log = logging.getLogger(__name__)

SAID_STEPS = 1_000_000  # forecast steps scored (windows x horizon) above which the scoring is said before it starts
SAID_BYTES = 100_000_000  # a fit's test_forecasts.csv of about this size or more: said too (decision 1971)
CELL_BYTES = 10  # a written cell with its comma: t37t2's 133 MB file held 639,936 rows x 21 columns, 9.9 bytes each
NAMES = {"val": "validation", "test": "test", "train": "training", "all": ""}  # each part's windows: "13,217 test"

_SAYING: ContextVar[dict | None] = ContextVar("scoring_said", default=None)


def text(counts: dict[str, int], horizon: int, models: int = 1, force: bool = False) -> str | None:
    """The line said before the windows ``counts`` (part -> windows: ``{"val": 6249, "test": 13217}``, parts as
    ``NAMES``) of ``horizon`` steps are forecast and scored by each of ``models`` models, where they hold ``SAID_STEPS``
    forecast steps or more in all (windows x horizon x models): "scoring 6,249 validation and 13,217 test windows of
    720 steps" (", by each of 3 models" for several); None for fewer (unless ``force``), and for none."""
    if not any(counts.values()) or (sum(counts.values()) * horizon * models < SAID_STEPS and not force):
        return None
    parts = [f"{count:,} {NAMES.get(part, part)}".rstrip() for part, count in counts.items() if count]
    each = f", by each of {models} models" if models > 1 else ""
    return f"scoring {' and '.join(parts)} windows of {horizon:,} steps{each}"


def run_text(counts: dict[str, int], horizon: int, targets: int, quantiles: int, run: str,
             calendar=None) -> str | None:
    """Fit's line (``text``'s words) before its validation and test windows ``counts`` of ``horizon`` steps are scored,
    said also where they hold fewer than ``SAID_STEPS`` steps but its test_forecasts.csv would hold about
    ``SAID_BYTES`` or more: test windows x horizon rows of the id, time, cutoff and step, then per target (``targets``)
    the actual and, for the model and three baselines, the forecast and its ``quantiles`` levels, ``CELL_BYTES`` a cell
    (a 15-minute year at horizon 96 scored 950,000 steps in 95 s and wrote 133 MB unsaid: t37t2 4). Where it is said,
    it names the size and what scores fewer windows: ``run``'s backtest a day apart on an ``intraday`` ``calendar``
    (a ``timecalendar.Calendar``; None: rows), else a horizon of rows apart, a span being refused without timestamps
    and no coarser than weekly rows; a shorter horizon, fewer rows (decisions 1971, 2015). None where neither is
    reached."""
    columns = 4 + targets * (1 + 4 * (1 + quantiles))
    size = counts.get("test", 0) * horizon * columns * CELL_BYTES  # bytes, about
    line = text(counts, horizon) or (text(counts, horizon, force=True) if size >= SAID_BYTES else None)
    if line is None:
        return None
    step, apart = ("1D", "a day apart (a span or a count of steps)") if intraday(calendar) else (
        f"{horizon}", f"{horizon:,} rows apart, one horizon (a count of rows)")
    return (f"{line}, every stride-1 window (test_forecasts.csv about {size / 1e6:,.0f} MB); to score fewer, "
            f"`rnncast backtest DATA --from-run {run} --step {step}` scores windows {apart}, or give a shorter "
            "--horizon or fewer rows")


def intraday(calendar) -> bool:
    """Whether ``calendar`` (a ``timecalendar.Calendar``, or None) steps by less than a day on timestamps: a
    trading session's bars, or a fixed step under 24 hours (``h``, ``15min``); not days, weeks or months, and not
    rows without time, where a span of a day is refused or no coarser than the rows."""
    import pandas as pd  # here: the command line's --help needs no pandas

    if calendar is None or getattr(calendar, "kind", None) != "datetime" or calendar.freq is None:
        return False
    if calendar.session is not None:
        return True
    return isinstance(calendar.freq, pd.offsets.Tick) and pd.Timedelta(calendar.freq) < pd.Timedelta(days=1)


@contextmanager
def saying(part: str, models: int = 1) -> Iterator[None]:
    """While the block runs, the first windows forecast (``before``, ``forecasting.forecast_windows``) are said, once,
    as ``text`` says the windows of ``part`` by each of ``models`` models, where they are many: an INFO line of
    rnncast's logging, to the handlers it goes to as the block begins, there and then (compare holds its models'
    lines back until every model has forecast: ``speakers.alike_said_once``; this one would come after the minutes it
    is said before). ``-q`` (rnncast's level above INFO as the block begins) says nothing."""
    handlers = _handlers(log) if log.isEnabledFor(logging.INFO) else []
    token = _SAYING.set({"part": part, "models": models, "handlers": handlers})
    try:
        yield
    finally:
        _SAYING.reset(token)


def before(windows: int, horizon: int) -> None:
    """Say ``text`` of ``windows`` windows of ``horizon`` steps, where a ``saying`` block runs and has said nothing
    yet (compare's second model says nothing); nothing outside such a block (a fit's parts, a backtest, the API)."""
    held = _SAYING.get()
    if held is None or held.get("said"):
        return
    held["said"] = True
    line = text({held["part"]: windows}, horizon, held["models"])
    if line is None or not held["handlers"]:
        return
    record = log.makeRecord(log.name, logging.INFO, __file__, 0, line, (), None)
    with speaking_as(None):  # the command's line, not the first model's (compare's "model 'a': ...")
        for handler in held["handlers"]:
            if record.levelno >= handler.level:
                handler.handle(record)


def _handlers(logger: logging.Logger) -> list[logging.Handler]:
    """The handlers a record of ``logger`` goes to now: its own and its parents', up to one that does not propagate."""
    found: list[logging.Handler] = []
    while logger is not None:
        found += logger.handlers
        if not logger.propagate:
            break
        logger = logger.parent
    return found

