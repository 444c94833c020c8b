"""What the two peer scripts share: their arguments, the time-to-accuracy clock, the result line.

Runs inside a peer's own environment (.venv-darts or .venv-nf: numpy, torch and pytorch_lightning,
no rnncast), started by ../speed_peers.py, one process per run. The series comes from the parent
as a .npy file, so every contender trains on the same float32 values.

The clock: a Lightning callback starts it when the training loop starts (on_train_start) and reads
it at the end of every epoch; it then scores the weights of that moment through the library's own
prediction API (Darts historical_forecasts, NeuralForecast cross_validation) on a twin model and
stops the clock while it does. Time to accuracy is the training time up to the first epoch whose
test MSE is <= the target; training stops there (trainer.should_stop), as the plain loop of
speed.py stops there.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import time
from contextlib import contextmanager

import numpy as np
import pytorch_lightning as pl
import torch


def arguments(models: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", choices=models, required=True)
    parser.add_argument("--data", required=True, help="a .npy file: the whole float32 series")
    parser.add_argument("--train", type=int, required=True, help="points before the test split")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-epochs", type=int, default=20)
    parser.add_argument("--target", type=float, default=0.0110)
    parser.add_argument("--lookback", type=int, default=50)
    parser.add_argument("--hidden", type=int, default=64)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--device", choices=["cpu", "cuda"], default="cpu",
                        help="cuda: Lightning's accelerator 'gpu' (needs a CUDA build of torch in the peer's environment)")
    parser.add_argument("--score", choices=["every", "last"], default="every",
                        help="'last': score only after the last epoch (a check that scoring changes no training)")
    return parser.parse_args()


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def mse(pred, true) -> float:
    pred = np.asarray(pred, dtype=np.float64).reshape(-1)
    true = np.asarray(true, dtype=np.float64).reshape(-1)
    assert pred.shape == true.shape, (pred.shape, true.shape)
    return float(np.mean((pred - true) ** 2))


@contextmanager
def isolated_rng():
    """Whatever runs inside leaves Python's, numpy's and torch's global random states as they were.

    Both libraries reseed the global generators when they build or predict (NeuralForecast's
    predict calls torch.manual_seed), and training draws its batches from them: scoring between
    epochs must not change which windows the next epoch sees."""
    py, np_state, torch_state = random.getstate(), np.random.get_state(), torch.random.get_rng_state()
    pl_seed = os.environ.get("PL_GLOBAL_SEED")
    try:
        yield
    finally:
        random.setstate(py)
        np.random.set_state(np_state)
        torch.random.set_rng_state(torch_state)
        if pl_seed is None:
            os.environ.pop("PL_GLOBAL_SEED", None)
        else:
            os.environ["PL_GLOBAL_SEED"] = pl_seed


# Module-level, not on the callback: NeuralForecast may deep-copy a model with its callbacks.
STATE: dict = {"trace": [], "eval_s": 0.0, "t0": None, "last_epoch": 0}


class TimeToAccuracy(pl.Callback):
    """Scores the network after every epoch (``every_steps`` optimizer steps when the library has no
    epochs over windows) with ``score(state_dict) -> test MSE``, off the clock."""

    def __init__(self, score, target: float, max_epochs: int, every_steps: int | None = None,
                 score_every_epoch: bool = True):
        self.score, self.target, self.max_epochs = score, target, max_epochs
        self.every_steps, self.score_every_epoch = every_steps, score_every_epoch

    def on_train_start(self, trainer, pl_module):
        STATE["t0"] = time.perf_counter()

    def on_train_epoch_end(self, trainer, pl_module):
        if self.every_steps is None:
            self._epoch_done(trainer, pl_module, trainer.current_epoch + 1)

    def on_train_batch_end(self, trainer, pl_module, outputs, batch, batch_idx):
        if self.every_steps is not None and trainer.global_step % self.every_steps == 0:
            self._epoch_done(trainer, pl_module, trainer.global_step // self.every_steps)

    def _epoch_done(self, trainer, pl_module, epoch: int) -> None:
        now = time.perf_counter()
        trained = now - STATE["t0"] - STATE["eval_s"]
        STATE["last_epoch"] = epoch
        if not self.score_every_epoch and epoch < self.max_epochs:
            STATE["trace"].append((epoch, trained, None))
            return
        with isolated_rng():
            value = self.score({k: v.detach().clone() for k, v in pl_module.state_dict().items()})
        STATE["eval_s"] += time.perf_counter() - now
        STATE["trace"].append((epoch, trained, value))
        if value <= self.target or epoch >= self.max_epochs:
            trainer.should_stop = True


def result(args, *, library: str, versions: dict, config: str, windows_per_epoch: int, fit_s: float,
           setup_s: float, import_s: float, n_params: int) -> None:
    trace = STATE["trace"]
    scored = [t for t in trace if t[2] is not None]
    hit = next((t for t in scored if t[2] <= args.target), None)
    epochs, seconds, _ = trace[-1]
    out = {
        "library": library, "versions": versions, "config": config, "seed": args.seed,
        "time_to_accuracy_s": hit[1] if hit else None, "epochs_to_accuracy": hit[0] if hit else None,
        "epochs_run": epochs, "train_s": seconds, "final_test_mse": scored[-1][2],
        "targets_per_s": windows_per_epoch * epochs / seconds, "windows_per_epoch": windows_per_epoch,
        "peak_rss_mb": peak_rss_mb(), "eval_s": STATE["eval_s"],
        "fit_overhead_s": fit_s - seconds - STATE["eval_s"],  # fit() outside the epochs: datasets, trainer, teardown
        "setup_s": setup_s, "import_s": import_s, "n_params": n_params, "torch_threads": torch.get_num_threads(),
        "trace": trace,
    }
    print("RESULT " + json.dumps(out), flush=True)


def quiet_lightning() -> None:
    import logging
    import warnings

    for name in ("pytorch_lightning", "lightning", "lightning.pytorch", "lightning_fabric"):
        logging.getLogger(name).setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", module="pytorch_lightning")
    warnings.filterwarnings("ignore", message=".*does not have many workers.*")


def series(args) -> np.ndarray:
    y = np.load(args.data)
    assert y.dtype == np.float32 and y.ndim == 1 and args.train < len(y), (y.dtype, y.shape, args.train)
    return y


if __name__ == "__main__":
    sys.exit("peer_common.py is imported by darts_peer.py and nf_peer.py")
