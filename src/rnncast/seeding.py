"""A fit's own random stream: the seeded draws of torch's global generator (initial weights, dropout
masks, a resumed fit's restored state) made without touching the caller's.

``fitting.prepare`` seeds a ``Stream`` and builds the network inside it; ``fitting.train`` trains inside
it again, continuing where the building stopped, so every seeded result is what seeding the global
generator gave (``torch.manual_seed(seed)`` before the network, the same stream through training).
Outside ``Stream.active`` blocks the process's generators are as the caller left them: a library call
does not reseed the notebook it runs in. The generators are the CPU's and, when training on CUDA,
the training device's (only these draw for a fit; ``torch.random.fork_rng`` puts them back).

Those generators are the process's, shared by its threads, so one seeded block runs at a time (``LOCK``, decision
1454): fits in two threads at once would otherwise draw each other's dropout masks (the same seed, other forecasts)
and put back each other's states (the calling thread's generator changed). Fits in threads therefore train one at a
time; processes (joblib's default backend, ``ProcessPoolExecutor``) run in parallel. The lock is re-entrant: a block
inside another of the same thread (an ``on_epoch`` that fits) goes on. It is held through training, ``on_epoch``
included: an ``on_epoch`` that hands a fit to another thread and waits for it (``executor.submit(...).result()``)
waits for ever, as that fit waits for the lock (said in the ``seed`` and ``on_epoch`` help, decision 1509).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from threading import RLock

import torch

LOCK = RLock()  # held by every block that seeds or draws from torch's global generators (a Stream's, one at a time)


def _new_lock() -> None:
    """A child forked while another thread held ``LOCK`` holds a copy no thread of its own will release: a new one."""
    global LOCK
    LOCK = RLock()


if hasattr(os, "register_at_fork"):  # POSIX: multiprocessing's fork start method
    os.register_at_fork(after_in_child=_new_lock)


class Stream:
    """The states of torch's global generators (CPU, and ``device`` when it is a CUDA device) seeded
    with ``seed``; ``active()`` runs a block on them and keeps where it left them for the next block."""

    def __init__(self, seed: int, device: torch.device | str = "cpu"):
        device = torch.device(device)
        self.devices = [device] if device.type == "cuda" else []
        with LOCK, torch.random.fork_rng(devices=self.devices):
            self.reseed(seed)
            self._save()

    def _save(self) -> None:
        self.cpu = torch.get_rng_state()
        self.cuda = [torch.cuda.get_rng_state(d) for d in self.devices]

    def reseed(self, seed: int) -> None:
        """Start the stream again from ``seed`` (inside ``active``: what ``torch.manual_seed`` did to the
        generators this stream holds)."""
        torch.random.default_generator.manual_seed(seed)
        for d in self.devices:
            with torch.cuda.device(d):
                torch.cuda.manual_seed(seed)

    @contextmanager
    def active(self) -> Iterator[None]:
        """Within the block, torch's global generators draw from this stream; after it (also after an
        error) they are the caller's again, and the stream continues where the block left it. Another thread's
        block waits for this one to end (``LOCK``): the process's generators hold one stream at a time."""
        with LOCK, torch.random.fork_rng(devices=self.devices):
            torch.set_rng_state(self.cpu)
            for d, state in zip(self.devices, self.cuda):
                torch.cuda.set_rng_state(state, d)
            try:
                yield
            finally:
                self._save()
