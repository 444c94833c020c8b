"""Experiment tracking: ``rnncast fit --track tensorboard`` or ``--track mlflow``.

Both log the settings, the training and validation loss of every epoch, the final validation and
test metrics, and the run directory's files. Neither package is a dependency of rnncast: each is
imported when asked for, and a missing one is a one-line error that says what to install.

- ``tensorboard``: event files in ``RUN/tensorboard`` (view with ``tensorboard --logdir runs``):
  scalars ``loss/train`` and ``loss/val`` per epoch, the settings as text and as hyperparameters
  beside the final metrics, ``metrics.json`` and ``config.json`` as text, the plots as images.
- ``mlflow``: one MLflow run in the tracking store MLflow is pointed at (``MLFLOW_TRACKING_URI``,
  experiment ``MLFLOW_EXPERIMENT_NAME``; MLflow's own defaults otherwise): settings as params,
  ``train_loss`` / ``val_loss`` per epoch, final metrics, the run directory as artifacts.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from rnncast.errors import RnncastError
from rnncast.replacing import home

TRACKERS = ("tensorboard", "mlflow")
INSTALL = {"tensorboard": "pip install tensorboard (or: pip install 'rnncast[tensorboard]')",
           "mlflow": "pip install mlflow (or the smaller: pip install 'rnncast[mlflow]', which is mlflow-skinny)"}


def check(kind: str) -> None:
    """Refuse an unknown tracker or a missing package before any work is done; a tracker in any case ('MLflow',
    as every choice is read: decision 1367)."""
    kind = kind.lower() if isinstance(kind, str) else kind
    if kind not in TRACKERS:
        raise RnncastError(f"unknown tracker {kind!r}; choose one of: {', '.join(TRACKERS)}")
    try:
        importlib.import_module("torch.utils.tensorboard" if kind == "tensorboard" else "mlflow")
    except ImportError:  # torch.utils.tensorboard needs the tensorboard package
        raise RnncastError(f"--track {kind} needs the {kind} package, which is not installed: {INSTALL[kind]}") from None


def start(kind: str, run_dir, params: dict):
    """A tracker for the run at ``run_dir`` with settings ``params``: ``epoch(record)`` after each
    epoch, ``finish(metrics)`` once the run directory is written, ``close(failed=True)`` on failure."""
    check(kind)
    kind = kind.lower()
    tracker = TensorBoardTracker if kind == "tensorboard" else MlflowTracker
    try:
        return tracker(Path(run_dir), params)
    except RnncastError:
        raise
    except Exception as err:  # a store or server the tracker cannot reach, a folder it cannot write
        raise RnncastError(f"--track {kind} could not start: {err}") from None


def final_metrics(metrics: dict) -> dict:
    """The model's validation and test scores in original units, as flat names (``test_mse``); of several targets the
    targets' mean, each in its own units, as metrics.json's ``original`` block (its ``by_target`` has each)."""
    return {f"{part}_{name}": value for part, result in metrics.items() if isinstance(result, dict) and "original" in result
            for name, value in result["original"]["model"].items() if isinstance(value, (int, float))}  # a final fit's
    # "test" is None (decision 2117), a panel's "skipped_series" a list: no scores


def _plain(value):
    return value if isinstance(value, (bool, int, float, str)) else str(value)


class TensorBoardTracker:
    def __init__(self, run_dir: Path, params: dict):
        from torch.utils.tensorboard import SummaryWriter

        self.run_dir, self.params = run_dir, {k: _plain(v) for k, v in params.items()}
        self.writer = SummaryWriter(log_dir=str(run_dir / "tensorboard"))
        rows = "\n".join(f"| {k} | {v} |" for k, v in self.params.items())
        self.writer.add_text("settings", f"| setting | value |\n|---|---|\n{rows}")

    def epoch(self, record) -> None:
        self.writer.add_scalar("loss/train", record.train_loss, record.epoch)
        if record.val_loss is not None:
            self.writer.add_scalar("loss/val", record.val_loss, record.epoch)

    def finish(self, metrics: dict) -> None:
        import matplotlib.image

        self.writer.add_hparams(self.params, final_metrics(metrics), run_name=".")
        for name in ("metrics.json", "config.json"):
            if (self.run_dir / name).is_file():
                self.writer.add_text(name, f"```\n{(self.run_dir / name).read_text(encoding='utf-8')}\n```")
        for png in sorted(self.run_dir.glob("*.png")):
            self.writer.add_image(png.stem, matplotlib.image.imread(png)[..., :3], dataformats="HWC")
        self.close()

    def close(self, failed: bool = False) -> None:
        self.writer.close()


class MlflowTracker:
    def __init__(self, run_dir: Path, params: dict):
        import mlflow

        self.mlflow, self.run_dir = mlflow, run_dir
        mlflow.start_run(run_name=home(run_dir).name)  # a run replacing another: the folder it goes into (replacing)
        mlflow.log_params({k: _plain(v) for k, v in params.items()})
        mlflow.set_tag("rnncast.run_dir", str(home(run_dir).resolve()))

    def epoch(self, record) -> None:
        self.mlflow.log_metric("train_loss", record.train_loss, step=record.epoch)
        if record.val_loss is not None:
            self.mlflow.log_metric("val_loss", record.val_loss, step=record.epoch)

    def finish(self, metrics: dict) -> None:
        self.mlflow.log_metrics(final_metrics(metrics))
        self.mlflow.log_artifacts(str(self.run_dir), artifact_path="run")
        self.close()

    def close(self, failed: bool = False) -> None:
        self.mlflow.end_run(status="FAILED" if failed else "FINISHED")
