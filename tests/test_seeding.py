"""A fit's seeded random stream (``seeding.py``): ``fit``, ``backtest`` and ``tune`` leave the caller's
torch generator as they found it, and a seed gives the forecasts it gave when fit reseeded the global
generator (numbers computed with that code)."""

from __future__ import annotations

import os
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor

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


def test_fits_in_two_threads_at_once_give_the_sequential_forecasts_and_leave_the_callers_stream():
    """Torch's global generator is the process's: without one seeded block at a time (decision 1454), the two fits
    drew each other's dropout masks (the same seed, other forecasts) and put back each other's states."""
    frame = make_frame(200)

    def forecasts(seed: int) -> np.ndarray:
        model = Forecaster(**{**SEEDED, "seed": seed, "threads": 1}).fit(frame, target="y", features=["x"])
        return model.predict(frame)["y"].to_numpy()

    sequential = [forecasts(seed) for seed in (5, 6)]
    torch.manual_seed(123)
    expected = torch.rand(3)
    torch.manual_seed(123)
    for _ in range(2):
        with ThreadPoolExecutor(2) as pool:
            parallel = list(pool.map(forecasts, (5, 6)))
        for got, want in zip(parallel, sequential):
            assert np.array_equal(got, want)
    assert torch.equal(torch.rand(3), expected)  # the main thread drew nothing: its stream is where it was


def test_a_streams_block_waits_for_another_threads_and_goes_on_inside_its_own_thread():
    entered = threading.Event()
    outer = Stream(1)

    def other() -> None:
        with Stream(2).active():
            entered.set()

    with outer.active():
        with Stream(3).active():  # the same thread again: re-entrant, no deadlock
            pass
        thread = threading.Thread(target=other)
        thread.start()
        assert not entered.wait(0.2)  # the other thread's block (and its Stream's seeding) waits for this one
    thread.join(10)
    assert entered.is_set()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is POSIX's")
def test_a_child_forked_while_another_thread_trains_can_fit():
    """The child's copy of the lock was held by a thread it does not have: its first fit would wait for ever."""
    from rnncast import seeding

    inside, leave = threading.Event(), threading.Event()

    def hold() -> None:
        with Stream(1).active():
            inside.set()
            leave.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    inside.wait(10)
    try:
        pid = os.fork()
        if pid == 0:  # the child: a seeded block goes on at once, or the parent's wait below ends it
            with Stream(2).active():
                pass
            os._exit(0 if seeding.LOCK.acquire(timeout=5) else 1)
        deadline = time.monotonic() + 20
        while (done := os.waitpid(pid, os.WNOHANG))[0] == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        if done[0] == 0:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        assert done[0] == pid and os.waitstatus_to_exitcode(done[1]) == 0
    finally:
        leave.set()
        thread.join(10)


def test_the_help_says_an_on_epoch_must_not_wait_on_a_fit_in_another_thread():
    """It holds the lock the other fit waits for (decision 1509)."""
    text = " ".join(Forecaster.__doc__.split()) + " ".join(Forecaster.fit.__doc__.split())
    assert "an on_epoch must not wait on a fit in another thread (it would wait for ever" in text
    assert "never wait on a fit in another (it holds the fit's lock" in text
