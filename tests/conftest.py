"""Shared fixtures: small seeded data, tiny CPU-only settings, one thread.

Everything here is small on purpose. The whole suite (about 2,500 tests) runs on two pytest-xdist
workers (``-n 2 --dist loadfile`` in pyproject.toml; ``-n 0`` runs in one process): 444 to 676 s on two
cores shared with other jobs (load 2 to 5, 2026-12-02), where one process took 417 to 599 s; most of a
test's time is torch training or processes starting, so a busy machine takes longer. ``TINY`` are settings that train
in a fraction of a second.

Module-scoped fixtures (``data``, ``fitted``, ``quantile_model``, ``panel_frame``, ``panel_fitted``)
are made once for each test file that asks for them; tests must not change them. The test files
mirror the modules of ``src/rnncast`` (``tests/test_design.py`` checks it); end-to-end scenarios
(processes, whole command-line flows) are in ``tests/scenarios/``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import torch
from hypothesis import settings

from rnncast import Forecaster
from rnncast.datasets import sine_panel as make_panel  # noqa: F401  (the tests' name for it)

settings.register_profile("seeded", derandomize=True)  # property tests draw the same examples on every run
settings.load_profile("seeded")
torch.set_num_threads(1)  # other processes may share the two cores


@pytest.fixture(autouse=True)
def _one_command():
    """Each test is one command's run: the settings a config file gave (``spelling.in_config``) end with it, as
    ``cli.main``'s block ends them, so a test that calls ``fit_request`` itself leaves none to the next test on its
    worker (a later test_devices refusal said "threads (in config .../run)")."""
    from rnncast.spelling import config_settings

    with config_settings():
        yield

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


def staggered_frame(starts: dict, n: int = 100, freq: str = "D") -> pd.DataFrame:
    """Series of ``n`` rows each, starting on the dates of ``starts`` ({id: date}), each its own sine wave (long
    format: unique_id, ds, y): per-series splits that start on other dates (test_cutoffs, test_testoverlap)."""
    rng = np.random.default_rng(0)
    return pd.concat([pd.DataFrame({"unique_id": sid, "ds": pd.date_range(start, periods=n, freq=freq),
                                    "y": 5 + np.sin(np.arange(n) / 3 + k) + 0.1 * rng.standard_normal(n)})
                      for k, (sid, start) in enumerate(starts.items())], ignore_index=True)


def yearly_stations(starts: dict, end: str = "2020-12-31") -> pd.DataFrame:
    """Daily stations (``starts``: id -> first date, each to ``end``) of a yearly sine plus noise (seed 0, drawn in
    ``starts``' order), long, columns date, id, y: the climatology's panels, a station under two years among them."""
    rng = np.random.default_rng(0)
    frames = []
    for sid, start in starts.items():
        time = pd.date_range(start, end, freq="D")
        frames.append(pd.DataFrame({"date": time, "id": sid, "y": np.sin(np.asarray(time.day_of_year) / 58.1)
                                    + rng.normal(0, 0.1, len(time))}))
    return pd.concat(frames)


def berlin_wall_times(start: str, periods: int, freq: str) -> pd.DataFrame:
    """Berlin's wall clock as a naive local-time logger writes it (an hour twice in autumn, none in spring):
    ``time`` as text ``2024-10-27 02:00``, ``load`` a sine."""
    wall = pd.date_range(start, periods=periods, freq=freq, tz="Europe/Berlin").tz_localize(None)
    return pd.DataFrame({"time": wall.strftime("%Y-%m-%d %H:%M"), "load": np.sin(np.arange(periods) / 3)})


@pytest.fixture
def frame() -> pd.DataFrame:
    """200 hourly rows: date, y (target), x (feature)."""
    return make_frame()


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    """200 hourly rows (date, y, x), made once per module: tests must not change them."""
    return make_frame(200)


@pytest.fixture(scope="module")
def fitted(data) -> Forecaster:
    """An LSTM with one feature, fitted on ``data`` once per module (tests must not change it)."""
    return Forecaster(**TINY).fit(data, target="y", features=["x"])


@pytest.fixture(scope="module")
def quantile_model() -> Forecaster:
    """An LSTM whose head forecasts the 0.1, 0.5 and 0.9 quantiles, fitted on 200 hourly rows once per module."""
    return Forecaster(**{**TINY, "quantiles": (0.1, 0.5, 0.9)}).fit(make_frame(200), target="y", features=["x"])


@pytest.fixture(scope="module")
def panel_frame() -> pd.DataFrame:
    """Four series of 120-200 hourly rows with their own starts and scales 0.01 to 1000."""
    return make_panel(4, scales=(0.01, 1000.0), seed=1)


@pytest.fixture(scope="module")
def panel_fitted(panel_frame) -> Forecaster:
    """One model of the four series of ``panel_frame``, fitted once per module (tests must not change it)."""
    return Forecaster(**TINY).fit(panel_frame)


@pytest.fixture
def fit_batches(monkeypatch) -> dict:
    """The batch sources ``Forecaster.fit`` hands to the training loop: ``{"train": ..., "val": ...}``
    once a fit has run."""
    import rnncast.fitting

    seen: dict = {}
    real = rnncast.fitting.fit_network

    def spy(net, train, val, settings, **options):
        seen["train"], seen["val"] = train, val
        return real(net, train, val, settings, **options)

    monkeypatch.setattr(rnncast.fitting, "fit_network", spy)
    return seen
