"""Data-parallel training across the processes that ``torchrun`` starts.

``torchrun --nproc_per_node=N -m rnncast fit ...`` (or ``--nnodes`` for several machines) starts N
processes with ``RANK``, ``LOCAL_RANK`` and ``WORLD_SIZE`` set. ``setup`` joins them into one
process group: gloo on CPU, NCCL on CUDA (one GPU per process, ``cuda:LOCAL_RANK``).

How a step stays the step of one process: every rank draws the same shuffled order of windows
(same seed, same generator), cuts it into the same global batches of ``batch_size`` windows, and
gathers only its share of each (``shard``: every ``world``-th window). Each rank's loss is its sum
of squared errors scaled by ``world / elements in the global batch``; DistributedDataParallel
averages the gradients over the ranks, so the step follows the gradient of the global batch's
mean. Losses are summed across ranks (``total``), so every rank sees the same training and
validation loss and reaches the same early-stopping decision. Rank 0 alone writes files.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.distributed as dist
from torch import nn

from rnncast import launchenv
from rnncast.errors import RnncastError


@dataclass(frozen=True)
class Group:
    """This process's place among the ranks of one training run."""

    rank: int
    world: int
    local_rank: int
    backend: str  # gloo | nccl
    device: torch.device  # where this rank trains, and where its collective tensors live

    @property
    def main(self) -> bool:
        return self.rank == 0


def launched() -> bool:
    """Whether this process trains in a process group: a launcher started it among others, or
    torchrun started it alone (``--nproc_per_node=1`` runs the same DDP code as N processes)."""
    return launchenv.launched()  # an empty or non-integer WORLD_SIZE: one line (decision 1860)


def env_rank() -> int:
    """This process's rank as the launcher set it (0 when not launched by one): known before ``setup``."""
    return launchenv.whole("RANK", 0) if launched() else 0


def setup(device: torch.device) -> Group | None:
    """Join the launcher's process group (once per process); ``None`` in a single process.

    ``device`` is where one process would train: CUDA makes the group NCCL with one GPU per local
    rank, CPU makes it gloo.
    """
    if not launched():
        return None
    rank, world, local_rank = launchenv.whole("RANK", 0), launchenv.world(), launchenv.whole("LOCAL_RANK", 0)
    if device.type == "cuda":
        gpus = torch.cuda.device_count()
        if local_rank >= gpus:  # NCCL refuses two ranks on one GPU, with a less telling message
            raise RnncastError(
                f"local rank {local_rank} needs GPU {local_rank}, but this machine has {gpus}: NCCL trains "
                f"one process per GPU, so start at most {gpus} per node (torchrun --nproc_per_node={gpus}), "
                "or train on CPU with --device cpu (gloo)"
            )
        device = torch.device("cuda", local_rank)
        torch.cuda.set_device(device)
    backend = "nccl" if device.type == "cuda" else "gloo"
    if not dist.is_initialized():
        dist.init_process_group(backend)  # rendezvous through MASTER_ADDR / MASTER_PORT from the launcher
    return Group(rank, world, local_rank, backend, device)


def finish(wait: bool = True) -> bool:
    """Leave the process group, if this process joined one; True when this process is a rank other
    than 0, which should then end at once (``cli.main``: ``os._exit`` after flushing its output).

    With ``wait`` (the command succeeded) every rank first meets the others at a barrier: rank 0
    writes the run's files after the last collective, and a rank that exits sooner can no longer take
    rank 0 down with it. A rank that failed does not wait (the others may be inside a collective it
    will never join), and a barrier that fails because another rank is gone is passed over. A rank
    other than 0 has written nothing and owes nothing to the interpreter's shutdown, where gloo's
    worker threads can still release a tensor that needs the interpreter lock and abort the process
    ("terminate called without an active exception"; pytorch/pytorch#190489); torchrun then stops
    rank 0 too."""
    if not (dist.is_available() and dist.is_initialized()):
        return False
    follower = dist.get_rank() != 0
    try:
        if wait:
            dist.barrier()
    except RuntimeError:  # another rank left first (its own failure says why): nothing to wait for
        pass
    finally:
        dist.destroy_process_group()
    return follower


def wrap(net: nn.Module, group: Group | None) -> nn.Module:
    """The module a training step calls: DistributedDataParallel over ``net`` (whose weights rank 0
    broadcasts), or ``net`` itself in a single process."""
    if group is None:
        return net
    device_ids = [group.device.index] if group.device.type == "cuda" else None
    return nn.parallel.DistributedDataParallel(net, device_ids=device_ids)


def shard(starts: torch.Tensor, group: Group | None) -> torch.Tensor:
    """This rank's share of a batch of windows: every ``world``-th one, from its rank on."""
    return starts if group is None else starts[group.rank :: group.world]


_SUMS: dict[tuple, torch.Tensor] = {}  # (length, device) -> the tensor ``total`` reduces, kept for the process's life


def total(values: list[float], group: Group | None) -> list[float]:
    """Sums of ``values`` over all ranks (float64); the same numbers on every rank.

    The reduced tensor is one kept per length and device (``_SUMS``), not a new one per call. gloo's
    worker thread lets go of an all-reduce's tensor a moment after the call returns; when Python has
    already dropped a fresh tensor, that release needs the interpreter lock, and a release that falls
    into interpreter shutdown aborts the process ("terminate called without an active exception",
    seen on a rank exiting right after training under CPU load). A tensor Python still holds is
    released without it."""
    if group is None:
        return values
    key = (len(values), str(group.device))
    if key not in _SUMS:
        _SUMS[key] = torch.zeros(len(values), dtype=torch.float64, device=group.device)
    tensor = _SUMS[key]
    tensor.copy_(torch.tensor(values, dtype=torch.float64))
    dist.all_reduce(tensor, op=dist.ReduceOp.SUM)
    return tensor.tolist()
