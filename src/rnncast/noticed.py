"""What rnncast noticed during a fit: the warnings its modules log (among them what was done to the
data: values filled, rows dropped or inserted, columns not used, numbers or dates read another way),
and the few INFO notes worth keeping beside them, as ``{"level": "warning" | "info", "text": ...}``
so that a run records them (metrics.json's ``notes``) and its page shows them (``reportpage``).

``capture()`` attaches a handler to the ``rnncast`` logger for a block's duration. It changes no
level: what the logger lets through (the command line: INFO and up; Python: WARNING and up unless
the caller lowers it) is what is kept, so capturing never makes a line appear that was not logged. Whose lines
they are (``speaking_as``, ``named_logs``, ``alike_said_once``) is ``speakers``'s.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar
from typing import Callable, Iterator

from rnncast.speakers import speaker
from rnncast.spelling import listing, some

# The INFO lines worth keeping with a run, by logger: None keeps every INFO line of that logger, a tuple
# keeps those whose message (the format string, before its values) starts with one of its texts. What was
# done to the data itself (values filled, rows dropped or inserted, columns not used, numbers or dates read
# another way, a holiday set found) is logged as a warning, which a notebook shows and a run keeps anyway.
# The rest (where the time column was found, early stops, where the highway started) the page shows as
# facts or needs no word. tests/test_noticed.py checks that each text still starts a log.info call of its module.
KEPT_INFO = {
    "rnncast.baselinebands": None,  # the training windows and steps the baselines' intervals leave out, by count
    "rnncast.fills": None,  # how many rows drop removed, beside the warning that names them
    "rnncast.filledwindows": None,  # early stopping's validation loss leaving out the values fill made
    "rnncast.loading": ("no time column",),
    "rnncast.numbertext": ("column %r holds booleans",),  # read right, so INFO (decision 2184), still a run's note
    "rnncast.seasonspans": None,  # season 365 across a Feb 29: its one INFO line, on the page and in notes (decision 1928)
    "rnncast.shortercycle": None,  # the shorter cycle's seasonal naive the model beats, beside the verdict (decision 1926)
}


def kept(record: logging.LogRecord) -> bool:
    """Whether ``record`` is one a run keeps: a warning or worse from rnncast, or an INFO line of ``KEPT_INFO``."""
    if record.levelno >= logging.WARNING:
        return True
    if record.levelno != logging.INFO or record.name not in KEPT_INFO:
        return False
    starts = KEPT_INFO[record.name]
    return starts is None or str(record.msg).startswith(starts)


def note_of(record: logging.LogRecord) -> dict:
    """A kept line as a note; said while ``speaking_as`` names a speaker (a --refit backtest's "cutoff 2 of 2
    (forecasts from 1960-01-01)"), with ``"speakers": [that name]``, which ``merged`` writes before the text."""
    level = "warning" if record.levelno >= logging.WARNING else "info"
    who = speaker()
    return {"level": level, "text": record.getMessage(), **({"speakers": [who]} if who else {})}


def merged(*lists) -> list[dict]:
    """The notes of ``lists`` in order, each (level and text) once: a line logged twice is one note. A note said by
    speakers (``note_of``) begins with them, as the command line's line does, those of a line said alike by several
    joined: "cutoff 1 of 2 (...) and cutoff 2 of 2 (...): the best epoch was the last ..." (decision 1492); one said
    without a speaker too is the run's, its text as said."""
    seen: dict[tuple, dict] = {}
    for notes in lists:
        for note in notes or ():
            key = (note["level"], note["text"])
            held = seen.setdefault(key, {**note, "speakers": []})
            held["speakers"] = None if held["speakers"] is None or not note.get("speakers") else [
                *held["speakers"], *(s for s in note["speakers"] if s not in held["speakers"])]
    out = []
    for note in seen.values():
        names = note.pop("speakers")
        out.append({**note, "text": f"{listing(names) if len(names) <= 5 else some(names, 5)}: {note['text']}"}
                   if names else note)
    return out


class _Collector(logging.Handler):
    def __init__(self, notes: list):
        super().__init__(logging.INFO)
        self.notes = notes

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if kept(record):
                self.notes.append(note_of(record))
        except Exception:  # noqa: BLE001 - a note that cannot be formatted is logging's to report, not the fit's
            self.handleError(record)


@contextmanager
def capture(name: str = "rnncast") -> Iterator[list[dict]]:
    """``with capture() as notes:`` — ``notes`` fills with the kept lines (``kept``) logged under
    ``name`` inside the block, in order; repeats are left in (``merged`` removes them)."""
    notes: list[dict] = []
    handler = _Collector(notes)
    logger = logging.getLogger(name)
    logger.addHandler(handler)
    try:
        yield notes
    finally:
        logger.removeHandler(handler)


def first_time(said: set | None, *key) -> bool:
    """Whether a warning keyed ``key`` is said now: True the first time (``key`` is then kept in ``said``, a
    fitted model's ``FittedState.said``), False after, so a forecasting loop that hands the same table on every
    call hears it once per model. ``said`` None (no model to remember it): always True."""
    if said is None:
        return True
    if key in said:
        return False
    said.add(key)
    return True


_BLOCK: ContextVar[set | None] = ContextVar("rnncast_said_in_block", default=None)  # ``said_once``'s keys


def said_once():
    """While the block runs, a warning that asks ``first_in_block`` is said the first time only: tune's trials fit
    one data, and its first trial's warnings of that data (a squeezed scale, a stuck sensor) speak for all."""
    return _keys(_BLOCK, nested=False)


def first_in_block(*key) -> bool:
    """Whether a warning keyed ``key`` is said now (``first_time`` within ``said_once``'s block; always outside one)."""
    return first_time(_BLOCK.get(), *key)


_CALL: ContextVar[set | None] = ContextVar("rnncast_said_in_call", default=None)  # ``one_call``'s keys


def one_call():
    """While the block runs (a public method or function of the API, ``checkedcalls``; a command of the command
    line), a note that asks ``first_in_call`` is said the first time only, however often the call reads what it
    concerns (a cutoff cut by, a time zone named); the next call says it again. Nested in another such block, the
    outer one decides."""
    return _keys(_CALL, nested=True)


def first_in_call(*key) -> bool:
    """Whether a note keyed ``key`` is said now (``first_time`` within ``one_call``'s block; always outside one)."""
    return first_time(_CALL.get(), *key)


@contextmanager
def _keys(var: ContextVar, nested: bool) -> Iterator[None]:
    """A block of its own said keys in ``var``; ``nested``: inside another, the outer block's keys are kept."""
    if nested and var.get() is not None:
        yield
        return
    token = var.set(set())
    try:
        yield
    finally:
        var.reset(token)


_HELD: ContextVar[list | None] = ContextVar("rnncast_held_notes", default=None)


@contextmanager
def held() -> Iterator[Callable[[], None]]:
    """``with held() as release:`` — warnings about the run to come (``warn_run``: columns it will not train on)
    wait within the block until ``release()`` (the input checked: the run will happen) or the block's end logs
    them; a refusal raised before drops them, so it comes alone. Nested in another hold, the outer one decides
    (its ``release`` and its end)."""
    if _HELD.get() is not None:
        yield lambda: None
        return
    notes: list = []
    token = _HELD.set(notes)

    def release() -> None:
        if _HELD.get() is notes:
            _HELD.reset(token)
        while notes:
            logger, text = notes.pop(0)
            logger.warning("%s", text)

    try:
        yield release
    except BaseException:
        notes.clear()
        raise
    finally:
        if _HELD.get() is notes:
            _HELD.reset(token)
    release()


def warn_run(logger: logging.Logger, text: str) -> None:
    """Log ``text`` as a warning about the run to come: now, or, within ``held``, once its input is checked."""
    notes = _HELD.get()
    if notes is None:
        logger.warning("%s", text)
    else:
        notes.append((logger, text))


TIME_READERS = ("rnncast.timeaxis", "rnncast.datetext", "rnncast.csvtext", "rnncast.numbertimes")
"""The loggers that say how a time column's text was read."""


@contextmanager
def time_notes(announce: bool) -> Iterator[None]:
    """For a block's duration, how time columns are read is said only where ``announce`` (a fit); else (a
    reload of the data, a column tried as the future's time and left) only errors are, then the levels are
    restored."""
    with nullcontext() if announce else errors_only(*[logging.getLogger(name) for name in TIME_READERS]):
        yield


@contextmanager
def errors_only(*loggers: logging.Logger) -> Iterator[None]:
    """For a block's duration ``loggers`` say only errors; their levels are restored after it (``time_notes``,
    ``gapwindows.quiet``, ``negatives.quiet``)."""
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)
