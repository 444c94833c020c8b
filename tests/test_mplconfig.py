"""mplconfig: matplotlib's folder a temporary one where the home cannot hold it, else left as it is."""

from __future__ import annotations

import os

import pytest

from rnncast import mplconfig


@pytest.fixture(autouse=True)
def clean(monkeypatch):
    monkeypatch.delenv("MPLCONFIGDIR", raising=False)


def test_an_unwritable_config_folder_gets_a_temporary_one(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(blocker / "config"))  # cannot be made, even by root
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    made = []
    monkeypatch.setattr(mplconfig.atexit, "register", lambda *a: made.append(a))
    folder = mplconfig.private_folder()
    try:
        assert folder and os.environ["MPLCONFIGDIR"] == folder and os.path.isdir(folder)
        assert made and made[0][1] == folder  # removed at exit
    finally:
        os.rmdir(folder)


def test_a_writable_home_and_a_given_folder_are_left_alone(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert mplconfig.private_folder() is None and "MPLCONFIGDIR" not in os.environ
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "file-missing" / "x"))
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "mine"))
    assert mplconfig.private_folder() is None and os.environ["MPLCONFIGDIR"] == str(tmp_path / "mine")
