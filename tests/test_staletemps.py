"""A killed write's temporary beside its file, removed by the next write of that file (decision 2189)."""

from __future__ import annotations

import fcntl
import logging
import os

from rnncast import files, staletemps


def _left(path, age=3600.0):
    path.write_bytes(b"half")
    os.utime(path, (staletemps.STARTED - age, staletemps.STARTED - age))
    return path


def test_the_next_write_of_a_file_removes_its_stale_temporaries_and_nothing_else(tmp_path, caplog):
    stale = _left(tmp_path / ".f.csv.84e208b1.tmp")
    other = _left(tmp_path / ".g.csv.84e208b1.tmp")  # another file's: another command's business
    fresh = tmp_path / ".f.csv.0000aaaa.tmp"
    fresh.write_bytes(b"")  # written since this process began: maybe a live writer's that has not locked it yet
    link = tmp_path / ".f.csv.1111bbbb.tmp"
    link.symlink_to(other)
    with caplog.at_level(logging.INFO, logger="rnncast"):
        files.write_bytes(tmp_path / "f.csv", b"a,b\n")
    assert not stale.exists() and other.exists() and fresh.exists() and link.is_symlink()
    assert (tmp_path / "f.csv").read_bytes() == b"a,b\n"
    assert "removed .f.csv.84e208b1.tmp, left beside f.csv by a write that was stopped" in caplog.text


def test_a_temporary_a_live_writer_holds_is_left_however_old(tmp_path):
    held = _left(tmp_path / ".f.csv.22223333.tmp")
    fd = os.open(held, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as files.temp_file holds its own while it writes
        assert staletemps.sweep(tmp_path / "f.csv") == [] and held.exists()
    finally:
        os.close(fd)
    assert staletemps.sweep(tmp_path / "f.csv") == [held] and not held.exists()  # its writer gone: removed


def test_a_writers_own_temporary_is_held_while_it_is_written(tmp_path):
    fd, name = files.temp_file(tmp_path / "f.csv")
    try:
        os.utime(name, (staletemps.STARTED - 60, staletemps.STARTED - 60))
        assert staletemps.sweep(tmp_path / "f.csv") == [] and os.path.exists(name)
    finally:
        os.close(fd)
        os.unlink(name)
