"""Whose rnncast log lines they are: ``speaking_as`` names the network, model or setting a block runs for (a demo's
network, compare's model, bench's fit, a --refit backtest's cutoff), ``speaker`` gives that name (a run's kept notes
keep it: ``noticed.note_of``), ``named_logs`` begins the command line's lines with it; ``alike_said_once`` holds a
block's lines back and says each text once, its speakers joined; ``silenced`` sends a block's lines nowhere.
"""

from __future__ import annotations

import copy
import logging
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

from rnncast.spelling import listing


_SPEAKER: ContextVar[str | None] = ContextVar("rnncast_speaker", default=None)


@contextmanager
def speaking_as(name: str) -> Iterator[None]:
    """While the block runs, ``speaker()`` is ``name``: the network, model or setting whose fit or forecasts it runs
    ("LSTM (highway on)" in a demo, "model 'r1'" in compare, "lstm L=24 H=8" in bench). The command line begins each
    rnncast log line with it (``named_logs``), so that several models' alike lines say whose they are."""
    token = _SPEAKER.set(name)
    try:
        yield
    finally:
        _SPEAKER.reset(token)


def speaker() -> str | None:
    """The name ``speaking_as`` gives now; None outside such a block."""
    return _SPEAKER.get()


class _Named(logging.Formatter):
    """A handler's formatter whose rnncast lines begin with the name ``name()`` gives, where it gives one."""

    def __init__(self, inner: logging.Formatter | None, name):
        super().__init__()
        self.inner, self.name = inner or logging.Formatter(), name

    def format(self, record: logging.LogRecord) -> str:
        name = self.name()
        if name and record.name.startswith("rnncast"):
            record = copy.copy(record)  # the other handlers (a run's notes) keep the line as logged
            record.msg, record.args = f"{name}: {record.getMessage()}", None
        return self.inner.format(record)


@contextmanager
def named_logs(name=speaker):
    """While the block runs, each rnncast log line the root logger's handlers write begins with ``name()``
    (``speaker``: "LSTM (highway on): stopped early at epoch 38 of 60 ..."), where it names something: a demo
    trains six networks whose lines would otherwise read alike. The formatters are given back as they were."""
    handlers = list(logging.getLogger().handlers)
    formatters = [h.formatter for h in handlers]
    for handler, formatter in zip(handlers, formatters):
        handler.setFormatter(_Named(formatter, name))
    try:
        yield
    finally:
        for handler, formatter in zip(handlers, formatters):
            handler.setFormatter(formatter)


@contextmanager
def _only(handler: logging.Handler) -> Iterator[None]:
    """While the block runs, rnncast's log lines go to ``handler`` alone (not the command line's, not a run's
    ``capture``); after it, where they went before."""
    logger = logging.getLogger("rnncast")
    handlers, propagate = list(logger.handlers), logger.propagate
    logger.handlers, logger.propagate = [handler], False
    try:
        yield
    finally:
        logger.handlers, logger.propagate = handlers, propagate


@contextmanager
def alike_said_once() -> Iterator[None]:
    """While the block runs, rnncast's log lines are held back; at its end they are logged in order, each text once,
    its speakers (``speaking_as``) joined: compare's models of one data each warned "the 240 rows of the fit's training
    period differ from those fit read ..." on a line of its own; alike now, that is one line, "model 'a' and model
    'b': ..." (decision 710). The handlers a line goes to (the command line's, a run's ``capture``) see it once, then."""
    held: list[tuple[str | None, logging.LogRecord]] = []

    class _Hold(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            held.append((speaker(), record))

    try:
        with _only(_Hold()):
            yield
    finally:
        said: dict[tuple[str, int, str], list] = {}  # (logger, level, text): the speakers, in the order first said
        for who, record in held:
            said.setdefault((record.name, record.levelno, record.getMessage()), []).append(who)
        for (name, level, text), speakers in said.items():
            with speaking_as(listing([s for s in dict.fromkeys(speakers) if s]) or None):
                logging.getLogger(name).log(level, "%s", text)


@contextmanager
def silenced() -> Iterator[None]:
    """While the block runs, rnncast's log lines go nowhere: a file read a second time (``statictext``: its static
    columns as written) says again what its first reading said, and is heard once (decision 715)."""
    with _only(logging.NullHandler()):
        yield
