"""Atomic writes (``files.py``): a file is written under a temporary name and renamed, so a failed or
killed write leaves the old file or the new one, never half of one; JSON is strict (NaN as null)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from rnncast import files


def test_json_is_strict_and_an_undefined_number_is_null(tmp_path):
    path = tmp_path / "new" / "metrics.json"
    files.write_json(path, {"r2": float("nan"), "mse": [1.5, float("inf")], "windows": 3})
    text = path.read_text()
    assert json.loads(text) == {"r2": None, "mse": [1.5, None], "windows": 3} and "NaN" not in text
    assert path.stat().st_mode & 0o777 == 0o644  # readable by others: run directories are shared
    files.write_text(path, "second")
    assert path.read_text() == "second" and [p.name for p in path.parent.iterdir()] == ["metrics.json"]


def test_a_failed_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    target = tmp_path / "metrics.json"
    files.write_json(target, {"old": True})

    def crash(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        files.write_json(target, {"new": True, "padding": "x" * 100_000})
    assert json.loads(target.read_text()) == {"old": True}
    assert list(tmp_path.iterdir()) == [target]  # no temporary file left behind


def test_a_killed_writer_leaves_the_old_file_or_the_new_one(tmp_path):
    """A process rewrites one file in a loop and is SIGKILLed; the file is always whole."""
    target = tmp_path / "big.json"
    script = (f"from rnncast import files\nimport itertools\n"
              f"for i in itertools.count():\n    files.write_json({str(target)!r}, {{'i': i, 'pad': 'x' * 2_000_000}})\n")
    for delay in (0.05, 0.2, 0.4):
        writer = subprocess.Popen([sys.executable, "-c", script])
        deadline = time.time() + 60
        while not target.exists() and time.time() < deadline:
            time.sleep(0.01)
        time.sleep(delay)  # somewhere inside a later write
        writer.kill()
        writer.wait()
        content = json.loads(target.read_text())  # raises if half-written
        assert len(content["pad"]) == 2_000_000
