"""Data-parallel helpers (``distributed.py``): outside torchrun a process has no group and keeps
every window; the shards of the ranks cover a batch once; more local ranks than GPUs are refused
before NCCL starts; sums are reduced in a tensor held for the process's life; ``finish`` leaves the
group after a barrier and says whether the process should end at once (a rank other than 0). Training under ``torchrun`` itself runs in scenarios/test_torchrun.py."""

from __future__ import annotations

import pytest
import torch

import rnncast
from rnncast import distributed


def test_a_single_process_has_no_group_and_keeps_every_window():
    assert not distributed.launched() and distributed.env_rank() == 0
    assert distributed.setup(torch.device("cpu")) is None
    starts = torch.arange(7)
    assert torch.equal(distributed.shard(starts, None), starts)
    assert distributed.total([1.5, 2.0], None) == [1.5, 2.0]


def test_shards_of_two_ranks_cover_a_batch_once():
    starts = torch.arange(11) * 3
    shares = [distributed.shard(starts, distributed.Group(r, 2, r, "gloo", torch.device("cpu"))) for r in (0, 1)]
    assert sorted(torch.cat(shares).tolist()) == starts.tolist()
    assert [len(s) for s in shares] == [6, 5]


def test_more_local_ranks_than_gpus_is_refused_before_nccl_starts(monkeypatch):
    monkeypatch.setenv("WORLD_SIZE", "2")
    monkeypatch.setenv("RANK", "1")
    monkeypatch.setenv("LOCAL_RANK", "1")
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 1)
    with pytest.raises(rnncast.RnncastError, match=r"local rank 1 needs GPU 1, but this machine has 1.*--nproc_per_node=1"):
        distributed.setup(torch.device("cuda"))


def test_sums_go_through_one_tensor_held_for_the_process(tmp_path):
    """``total`` reduces in a tensor Python keeps (one per length and device), so gloo's worker never
    releases the last reference to it, which at interpreter shutdown aborted a rank."""
    import torch.distributed as dist

    dist.init_process_group("gloo", init_method=f"file://{tmp_path / 'store'}", rank=0, world_size=1)
    try:
        group = distributed.Group(0, 1, 0, "gloo", torch.device("cpu"))
        assert distributed.total([1.5, 2.0], group) == [1.5, 2.0]
        held = distributed._SUMS[(2, "cpu")]
        assert distributed.total([3.0, -1.0], group) == [3.0, -1.0]
        assert distributed._SUMS[(2, "cpu")] is held and held.tolist() == [3.0, -1.0]
    finally:
        dist.destroy_process_group()


def test_finish_leaves_the_group_and_tells_rank_0_to_stay(tmp_path):
    """``finish`` meets the other ranks at a barrier, leaves the group, and answers whether this process
    is a rank other than 0 (which ``cli.main`` then ends at once): rank 0 stays to end normally."""
    import torch.distributed as dist

    assert distributed.finish() is False  # no group: nothing to leave
    dist.init_process_group("gloo", init_method=f"file://{tmp_path / 'store'}", rank=0, world_size=1)
    assert distributed.finish() is False
    assert not dist.is_initialized()
    dist.init_process_group("gloo", init_method=f"file://{tmp_path / 'again'}", rank=0, world_size=1)
    assert distributed.finish(wait=False) is False  # a failed command leaves without the barrier
    assert not dist.is_initialized()
