"""Ctrl-C during training: the loop stops at the next batch, and the interrupt is never lost.

The CLI's ``fit`` trains inside ``ctrl_c_between_batches()``; the training loop (``training.py``)
calls ``stop_if_asked()`` at every batch, so a run interrupted by Ctrl-C ends between steps, where
its checkpoint is whole.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager

_stop = threading.Event()  # set by Ctrl-C inside ctrl_c_between_batches()


def _request_stop(signum, frame):
    if _stop.is_set():
        raise KeyboardInterrupt
    _stop.set()


@contextmanager
def ctrl_c_between_batches():
    """Within this block a Ctrl-C (SIGINT) is raised as KeyboardInterrupt at the next batch (or the next
    ``stop_if_asked``), and a second one at once. Python's default handler raises it wherever the main
    thread happens to be, and when that is inside a finalizer (``__del__``, a weakref callback) Python
    prints it and goes on: the interrupt is lost and training runs to the end. A process started with
    SIGINT ignored (a script's background job, ``cmd &``) would drop a ``kill -INT`` sent before the
    block: the CLI's fit enters it before reading its data. Blocks nest: an inner one keeps the outer's
    handler and a Ctrl-C still pending, and a Ctrl-C that came after the last batch's check is raised
    when the outermost block ends without error, never cleared unseen. Outside the main thread this
    does nothing.
    """
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGINT) is _request_stop:
        yield  # another thread, or inside a block already: its handler and flag stay
        return
    _stop.clear()
    previous = signal.signal(signal.SIGINT, _request_stop)
    try:
        yield
        stop_if_asked()  # a Ctrl-C after the last check: the caller sees it
    finally:
        signal.signal(signal.SIGINT, previous)
        _stop.clear()


def stop_if_asked() -> None:
    """Raise KeyboardInterrupt if a Ctrl-C arrived inside ``ctrl_c_between_batches`` since the last call
    (the training loop asks at every batch)."""
    if _stop.is_set():
        _stop.clear()
        raise KeyboardInterrupt
