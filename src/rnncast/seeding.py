"""A fit's own random stream: the seeded draws of torch's global generator (initial weights, dropout
masks, a resumed fit's restored state) made without touching the caller's.

``fitting.prepare`` seeds a ``Stream`` and builds the network inside it; ``fitting.train`` trains inside
it again, continuing where the building stopped, so every seeded result is what seeding the global
generator gave (``torch.manual_seed(seed)`` before the network, the same stream through training).
Outside ``Stream.active`` blocks the process's generators are as the caller left them: a library call
does not reseed the notebook it runs in. The generators are the CPU's and, when training on CUDA,
the training device's (only these draw for a fit; ``torch.random.fork_rng`` puts them back).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import torch


class Stream:
    """The states of torch's global generators (CPU, and ``device`` when it is a CUDA device) seeded
    with ``seed``; ``active()`` runs a block on them and keeps where it left them for the next block."""

    def __init__(self, seed: int, device: torch.device | str = "cpu"):
        device = torch.device(device)
        self.devices = [device] if device.type == "cuda" else []
        with torch.random.fork_rng(devices=self.devices):
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
        error) they are the caller's again, and the stream continues where the block left it."""
        with torch.random.fork_rng(devices=self.devices):
            torch.set_rng_state(self.cpu)
            for d, state in zip(self.devices, self.cuda):
                torch.cuda.set_rng_state(state, d)
            try:
                yield
            finally:
                self._save()
