"""Symbolic links on the way to a write (``links.py``): a folder to write that is a link in a loop is named a loop,
a link to nothing is told to be made."""

from __future__ import annotations

import os

import pytest

from rnncast import RnncastError, links


def test_a_loop_of_links_as_a_folder_to_write_is_named_a_loop(tmp_path):
    """o/loopA -> loopB -> loopA was "a link to loopB, a folder that does not exist; make it" (decision 1751)."""
    (tmp_path / "o").mkdir()
    os.symlink("loopA", tmp_path / "o" / "loopB")
    os.symlink("loopB", tmp_path / "o" / "loopA")
    with pytest.raises(RnncastError) as refused:
        links.refuse_dangling(tmp_path / "o" / "loopA", "cannot write run o/loopA")
    said = str(refused.value)
    assert f"is a link in a loop ({tmp_path}/o/loopA -> loopB -> loopA)" in said and "make it" not in said
    os.symlink("missing", tmp_path / "o" / "gone")  # a link to nothing is told as before
    with pytest.raises(RnncastError, match="is a link to missing, a folder that does not exist; make it"):
        links.refuse_dangling(tmp_path / "o" / "gone", "cannot write")
