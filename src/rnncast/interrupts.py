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


@contextmanager
def ctrl_c_between_batches():
    """Within this block a Ctrl-C (SIGINT) is raised as KeyboardInterrupt at the next batch, and a
    second one at once. Python's default handler raises it wherever the main thread happens to be,
    and when that is inside a finalizer (``__del__``, a weakref callback) Python prints it and goes
    on: the interrupt is lost and training runs to the end. Outside the main thread this does nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def request_stop(signum, frame):
        if _stop.is_set():
            raise KeyboardInterrupt
        _stop.set()

    _stop.clear()
    previous = signal.signal(signal.SIGINT, request_stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        _stop.clear()


def stop_if_asked() -> None:
    """Raise KeyboardInterrupt if a Ctrl-C arrived inside ``ctrl_c_between_batches`` since the last call
    (the training loop asks at every batch)."""
    if _stop.is_set():
        _stop.clear()
        raise KeyboardInterrupt
