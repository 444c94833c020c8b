"""Ctrl-C during training (``interrupts.py``): it stops the loop at the next batch, is never lost
inside a finalizer, and the previous handler comes back. The CLI's interrupted fit, end to end:
scenarios/test_interrupted_fit.py."""

from __future__ import annotations

import os
import signal

import numpy as np
import pytest

from rnncast import Forecaster, interrupts


def test_ctrl_c_inside_a_finalizer_still_stops_training():
    """Python drops a KeyboardInterrupt raised inside ``__del__``; the CLI's handler only sets a flag,
    so a Ctrl-C that lands there still stops training at the next batch."""

    stopped = []

    class Finalized:
        def __del__(self):
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C arrives while a finalizer runs

    def on_epoch(record):
        Finalized()  # created and collected at once: its __del__ sends the signal
        stopped.append(record.epoch)

    y = np.sin(0.1 * np.arange(600)).astype(np.float32)
    before = signal.getsignal(signal.SIGINT)  # the default handler, or SIG_IGN in a background job
    with pytest.raises(KeyboardInterrupt):
        with interrupts.ctrl_c_between_batches():
            Forecaster(lookback=16, hidden_size=8, epochs=5, device="cpu").fit(y, on_epoch=on_epoch)
    assert stopped == [1]  # the interrupt stopped training in epoch 2, not after the last epoch
    assert signal.getsignal(signal.SIGINT) == before  # the handler is restored


def test_stop_if_asked_does_nothing_outside_a_request():
    interrupts.stop_if_asked()  # no Ctrl-C arrived: returns
