"""A fit's seeded random stream (``seeding.py``): ``fit``, ``backtest`` and ``tune`` leave the caller's
torch generator as they found it, and a seed gives the forecasts it gave when fit reseeded the global
generator (numbers computed with that code)."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from conftest import TINY, make_frame, make_panel
from rnncast import Forecaster, tune
from rnncast.seeding import Stream

SEEDED = {**TINY, "dropout": 0.3, "num_layers": 2, "seed": 5}  # dropout: the masks draw from the stream too


def _untouched(work) -> None:
    """``work()`` leaves torch's global CPU generator where it was: the next draws are those it would have made."""
    torch.manual_seed(123)
    expected = torch.rand(3)
    torch.manual_seed(123)
    work()
    assert torch.equal(torch.rand(3), expected)


def test_fit_leaves_the_callers_torch_stream_as_it_found_it():
    frame = make_frame(200)
    _untouched(lambda: Forecaster(**SEEDED).fit(frame, target="y", features=["x"]))


def test_backtest_leaves_the_callers_torch_stream_as_it_found_it():
    panel = make_panel(2, lengths=(80, 90), seed=4)
    _untouched(lambda: Forecaster(**SEEDED).backtest(panel, n_windows=2, refit=True))
    _untouched(lambda: Forecaster(**SEEDED).backtest(panel, n_windows=2))


def test_tune_leaves_the_callers_torch_stream_as_it_found_it():
    pytest.importorskip("optuna")
    frame = make_frame(300)
    _untouched(lambda: tune(frame, target="y", trials=1, search=("lr",),
                            settings=dict(horizon=3, epochs=1, batch_size=64, hidden_size=8, device="cpu", seed=0)))


def test_a_seed_gives_the_forecasts_it_gave_when_fit_reseeded_the_global_generator():
    """The numbers of the code that called ``torch.manual_seed(seed)``, whatever the caller drew before."""
    frame = make_frame(200)
    torch.manual_seed(99)
    torch.rand(7)  # the caller's own draws do not reach the fit
    model = Forecaster(**SEEDED).fit(frame, target="y", features=["x"])
    np.testing.assert_allclose(model.predict(frame)["y"].to_numpy(), [0.9025682, 0.9402643, 0.9424163], rtol=1e-5)
    result = Forecaster(**SEEDED).backtest(make_panel(2, lengths=(80, 90), seed=4), n_windows=2, refit=True)
    np.testing.assert_allclose(result.forecasts["y_hat"].to_numpy(),
                               [2.39276927, 2.4999194, 2.5961772, 2.60043015, 2.6521716, 2.67935484,
                                3.9376598, 3.7897961, 3.67183913, 2.77136806, 2.82362299, 2.897950236], rtol=1e-5)


def test_a_stream_continues_from_block_to_block_as_the_global_generator_did():
    torch.manual_seed(7)
    expected = torch.rand(4)
    stream = Stream(7)
    torch.manual_seed(1)
    with stream.active():
        first = torch.rand(2)
    mine = torch.rand(2)
    with stream.active():
        second = torch.rand(2)
    assert torch.equal(torch.cat([first, second]), expected)
    torch.manual_seed(1)
    assert torch.equal(torch.rand(2), mine)  # between the blocks: the caller's own stream
