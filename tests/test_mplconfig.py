"""mplconfig: matplotlib's folder a temporary one where the home cannot hold it, else left as it is."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rnncast import mplconfig


@pytest.fixture(autouse=True)
def clean(monkeypatch):
    monkeypatch.delenv("MPLCONFIGDIR", raising=False)
    monkeypatch.delitem(sys.modules, "matplotlib", raising=False)  # as before matplotlib's import (put back after)


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


def test_matplotlib_imported_already_is_left_as_it_is(monkeypatch, tmp_path):
    """Once matplotlib is imported (by the caller, or after an earlier call) it has read its folders: nothing to do."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "file-missing"))
    (tmp_path / "file-missing").write_text("not a folder")
    monkeypatch.setitem(sys.modules, "matplotlib", object())
    assert mplconfig.private_folder() is None and "MPLCONFIGDIR" not in os.environ


DRAW = ("from rnncast.plots import loss_figure, png_bytes\n"
        "png_bytes(loss_figure({'m': [{'epoch': 1, 'train_loss': 1.0, 'val_loss': 1.0, 'best': True}]}))\n"
        "import os; print(os.environ.get('MPLCONFIGDIR', ''))\n")


def _python(code: str, home: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("MPLCONFIGDIR", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**env, "HOME": str(home)})


def test_a_library_caller_with_an_unwritable_home_draws_without_matplotlibs_warnings(tmp_path):
    """decision 1863 was the command line's alone: a service with a read-only home calling the figures from Python got
    matplotlib's two warnings. rnncast's first import of matplotlib now takes a temporary folder (decision 1881); a
    home that can hold matplotlib's folders is left as it is, MPLCONFIGDIR unset."""
    home = tmp_path / "home"
    home.write_text("a file: no folder can be made under it, even by root")
    done = _python(DRAW, home)
    assert done.returncode == 0, done.stderr
    assert "mkdir -p failed" not in done.stderr and "MPLCONFIGDIR" not in done.stderr, done.stderr
    assert "rnncast-matplotlib-" in done.stdout
    fine = tmp_path / "fine"
    fine.mkdir()
    done = _python(DRAW, fine)
    assert done.returncode == 0 and done.stdout.strip() == "", done.stderr
    assert (fine / ".config" / "matplotlib").is_dir()  # matplotlib's own folder, as it would make it


def test_every_module_that_imports_matplotlib_asks_for_its_folder_first():
    """Whichever rnncast module a caller imports first, matplotlib's folder is settled before matplotlib is imported:
    each module importing it at its top calls ``private_folder()`` before that import (decision 1881)."""
    source = Path(mplconfig.__file__).parent
    missing = []
    for path in sorted(source.rglob("*.py")):
        body = ast.parse(path.read_text(encoding="utf-8")).body
        first = next((n for n, node in enumerate(body) if isinstance(node, (ast.Import, ast.ImportFrom)) and any(
            name.split(".")[0] == "matplotlib" for name in ([a.name for a in node.names] if isinstance(node, ast.Import)
                                                             else [node.module or ""]))), None)
        if first is None:
            continue
        called = any(isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
                     and getattr(node.value.func, "id", None) == "private_folder" for node in body[:first])
        if not called:
            missing.append(str(path.relative_to(source)))
    assert not missing, missing
