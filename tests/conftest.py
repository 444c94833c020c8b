"""Shared fixtures: small seeded data, tiny CPU-only settings, one thread.

Everything here is small on purpose: the whole suite is meant to run in well under a minute and a
half on two shared cores. ``TINY`` are settings that train in a fraction of a second.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import torch

torch.set_num_threads(1)  # other processes may share the two cores

# Settings that train in well under a second on CPU; tests override what they need.
TINY = dict(lookback=12, horizon=3, hidden_size=8, epochs=2, batch_size=64, lr=1e-2, patience=50,
            device="cpu", seed=0)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def make_frame(n: int = 200, *, time: bool = True, freq: str = "h", feature: bool = True, seed: int = 0) -> pd.DataFrame:
    """A noisy sine target ``y``, an optional cosine feature ``x``, and an optional ``date`` column."""
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    columns = {}
    if time:
        columns["date"] = pd.date_range("2024-01-01", periods=n, freq=freq)
    columns["y"] = (np.sin(0.2 * t) + 0.05 * rng.standard_normal(n)).astype(np.float32)
    if feature:
        columns["x"] = np.cos(0.2 * t).astype(np.float32)
    return pd.DataFrame(columns)


@pytest.fixture
def frame() -> pd.DataFrame:
    """200 hourly rows: date, y (target), x (feature)."""
    return make_frame()
