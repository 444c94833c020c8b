"""The names a demo writes in its folder (``demo`` and ``memorydemo``: a run folder per model, the figures,
summary.json and the page), kept apart from the demos' training so that what reads folders (``checkpoint``, the command line) can tell
a demo's folder, an interrupted one too, without importing the demos."""

from __future__ import annotations

from pathlib import Path

from rnncast.files import entries_of

SINE_GROUPS = {"highway on": dict(highway=True), "cells alone": dict(highway=False)}  # over demo.SINE_SETTINGS
CELLS = ("rnn", "lstm", "gru")
PAST_ONLY = "x's past (the tutorial's input)"  # its windows: x alone, the target never read
REGRESSION_RUNS = {PAST_ONLY: ("past-only", False),  # label: (folder, future_known)
                   "x's past and x at the target's time step": ("future-known", True)}
MEMORY_LAGS = (5, 25)  # the memory demo's echoes: y_t = x_(t - lag) + noise (decision 1779)


def sine_folder(cell: str, extra: dict) -> str:
    """The run folder of one sine model: ``gru``, or ``gru-alone`` without the highway."""
    return cell if extra.get("highway", True) else f"{cell}-alone"


def memory_folder(cell: str, lag: int) -> str:
    """The run folder of one memory model: ``gru-lag25``, the GRU trained on the echo of lag 25."""
    return f"{cell}-lag{lag}"


RUN_FOLDERS = frozenset([sine_folder(cell, extra) for extra in SINE_GROUPS.values() for cell in CELLS]
                        + [folder for folder, _ in REGRESSION_RUNS.values()]
                        + [memory_folder(cell, lag) for lag in MEMORY_LAGS for cell in CELLS])
# every name the demos write in their folder: what `rnncast demo --overwrite` may remove
OUTPUT_NAMES = RUN_FOLDERS | frozenset(
    [f"{kind}-{group.replace(' ', '-')}.png" for group in SINE_GROUPS for kind in ("loss", "forecast")]
    + [f"loss-lag{lag}.png" for lag in MEMORY_LAGS]
    + ["loss.png", "forecast.png", "summary.json", "report.html"])


def interrupted(folder) -> bool:
    """Whether ``folder`` is a demo's folder cut short (killed before its summary.json): it holds only names a demo
    writes, among them a run folder of one of its models (``rnn``, ``past-only`` ...) holding a run's config.json."""
    folder = Path(folder)
    if not folder.is_dir() or (folder / "summary.json").exists():
        return False
    entries = entries_of(folder)
    return bool(entries) and set(entries) <= OUTPUT_NAMES and any(
        (folder / name / "config.json").is_file() for name in entries if name in RUN_FOLDERS)
