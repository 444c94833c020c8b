"""Where a fit runs: the torch device asked for (``auto`` | ``cpu`` | ``cuda``) and the number of
CPU threads torch uses while it trains (the ``threads`` setting, decision 121)."""

from __future__ import annotations

import logging
import os
from contextlib import contextmanager

import torch

from rnncast.errors import RnncastError
from rnncast.settingchecks import check_threads
from rnncast.settingvalues import CHOICES, choice
from rnncast.spelling import counted, spelled

log = logging.getLogger(__name__)


def resolve_device(name) -> torch.device:
    """The torch device for ``name``: ``auto`` is CUDA where a GPU is here, else the CPU; ``cpu`` and ``cuda``
    with an index (``cuda:1``, a GPU of several) and a ``torch.device`` are taken as they are.

    Raises ``RnncastError`` for another name (``Forecaster.load(folder, device='tpu')`` too: torch would list
    its own device types) and when CUDA is asked for on a machine without a CUDA GPU."""
    if isinstance(name, torch.device):
        device = name
    elif name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    else:
        kind, colon, index = str(name).partition(":")
        if not isinstance(name, str) or (colon and (not index.isdigit() or kind == "auto")):
            choice("device", name, CHOICES["device"])  # the one-line refusal, naming what is accepted
        choice("device", kind, CHOICES["device"])
        device = torch.device(name)
    if device.type == "cuda" and not torch.cuda.is_available():
        raise RnncastError(f"device {str(device)!r} was asked for but no CUDA GPU is here; use auto or cpu "
                           f"({spelled('device', 'auto')})")
    if device.type not in ("cpu", "cuda"):
        choice("device", device.type, CHOICES["device"])
    return device


@contextmanager
def cpu_threads(threads: int, said: bool = True):
    """Within the block torch uses ``threads`` CPU threads (0: as it was), and the count it had after
    (a library call leaves the process as it found it). A count past ``settingchecks.MAX_THREADS`` is refused as fit's is.
    ``said``: False for the blocks around training that run the network too (the quantile head's start, scoring the
    run: decision 2006), whose cap the training's block says once."""
    check_threads(threads)
    previous = torch.get_num_threads()
    if threads and (capped := threads_in_effect(threads)) < threads:  # the one cap, as config.json records it
        if said:
            log.warning("threads %d is more than this machine's %d cores, which only slows training; training on %d",
                        threads, capped, capped)
        threads = capped
    if threads:
        torch.set_num_threads(int(threads))
    if said:
        log.debug("torch uses %d CPU thread(s) here (threads %d%s); the same count gives the same result bit for bit",
                  torch.get_num_threads(), threads, ": torch's own count" if not threads else "")
    try:
        yield
    finally:
        if threads:
            torch.set_num_threads(previous)


def threads_in_effect(threads: int) -> int:
    """The CPU thread count torch trains with under the setting ``threads`` (as :func:`cpu_threads` sets it): the
    setting up to this machine's cores, or, for 0, torch's own count here (its cores, ``OMP_NUM_THREADS``). A run's
    config.json keeps it (``environment.threads_used``, decision 1622), since 0 is another count on another machine."""
    return min(int(threads), os.cpu_count() or 1) if threads else torch.get_num_threads()


def other_count(recorded: dict | None, threads: int, run, given: bool = False) -> str | None:
    """One line where a fit repeating ``run`` (``fit --config RUN``, ``fit --resume RUN``) with the setting ``threads``
    trains on another CPU thread count than the run did (``recorded``: its config.json's ``environment``, whose
    ``threads_used`` says it; a run written before it was recorded: None, nothing said): the numbers will match to
    float rounding, not bit for bit (decision 1162), and ``--threads N`` repeats them; None where the counts match.
    ``given``: the user chose this count (``--threads``), so no other count is advised (decisions 1657, 1678)."""
    used = (recorded or {}).get("threads_used") if isinstance(recorded, dict) else None
    now, cores = threads_in_effect(threads), os.cpu_count() or 1
    if not isinstance(used, int) or isinstance(used, bool) or used == now:
        return None
    here = "torch's own count here" if not threads else f"threads {threads} on this machine's {cores} cores"
    repeat = ("" if given else f"; give --threads {used} to repeat it bit for bit" if used <= cores else
              f"; this machine has {counted(cores, 'core')}, so only one with {used} or more repeats it bit for bit")
    return (f"{run} was trained on {used} CPU thread(s) and this fit trains on {now} ({here}): its weights and "
            f"forecasts will match that run's to float rounding, not bit for bit{repeat}")
