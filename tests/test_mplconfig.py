"""mplconfig: the command line's matplotlib folder a temporary one where matplotlib's config folder cannot be used,
judged by matplotlib's own platform rule without making anything; a readable matplotlibrc kept; the library leaves it
to matplotlib (decisions 1863, 1906)."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rnncast import mplconfig


@pytest.fixture(autouse=True)
def clean(monkeypatch):
    monkeypatch.delenv("MPLCONFIGDIR", raising=False)
    monkeypatch.delitem(sys.modules, "matplotlib", raising=False)  # as before matplotlib's import (put back after)


def _made(monkeypatch) -> list:
    made = []
    monkeypatch.setattr(mplconfig.atexit, "register", lambda *a: made.append(a))
    return made


def test_an_unusable_config_folder_gets_a_temporary_one(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setattr(mplconfig.sys, "platform", "linux")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(blocker / "config"))  # cannot be made, even by root
    made = _made(monkeypatch)
    folder = mplconfig.private_folder()
    try:
        assert folder and os.environ["MPLCONFIGDIR"] == folder and os.path.isdir(folder)
        assert made and made[0][1] == folder  # removed at exit
    finally:
        os.rmdir(folder)


def test_a_cache_folder_alone_unusable_keeps_the_callers_config(monkeypatch, tmp_path):
    """r36r2 finding 2: MPLCONFIGDIR covers config and cache, so setting it for an unwritable cache dropped the
    caller's matplotlibrc; matplotlib alone keeps a usable config folder and moves only its cache."""
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setattr(mplconfig.sys, "platform", "linux")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker / "cache"))
    assert mplconfig.private_folder() is None and "MPLCONFIGDIR" not in os.environ


def test_a_readable_matplotlibrc_in_an_unusable_folder_is_copied(monkeypatch, tmp_path):
    """A read-only config folder (a baked image): matplotlib alone would take an empty temporary folder and ignore
    the matplotlibrc and styles there; the command's temporary folder holds copies, so they are read."""
    config = tmp_path / "config" / "matplotlib"
    (config / "stylelib").mkdir(parents=True)
    (config / "matplotlibrc").write_text("lines.linewidth: 7\n")
    (config / "stylelib" / "mine.mplstyle").write_text("lines.linewidth: 3\n")
    monkeypatch.setattr(mplconfig.sys, "platform", "linux")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setattr(mplconfig, "usable", lambda folder: False)  # root may write in a chmod 555 folder
    _made(monkeypatch)
    folder = Path(mplconfig.private_folder())
    try:
        assert (folder / "matplotlibrc").read_text() == "lines.linewidth: 7\n"
        assert (folder / "stylelib" / "mine.mplstyle").is_file()
    finally:
        shutil.rmtree(folder)


def test_a_usable_folder_and_a_given_one_are_left_alone_and_nothing_is_made(monkeypatch, tmp_path):
    monkeypatch.setattr(mplconfig.sys, "platform", "linux")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert mplconfig.private_folder() is None and "MPLCONFIGDIR" not in os.environ
    assert list(tmp_path.iterdir()) == []  # judged by its writable parent, not made (matplotlib makes it if it draws)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "file-missing" / "x"))
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "mine"))
    assert mplconfig.private_folder() is None and os.environ["MPLCONFIGDIR"] == str(tmp_path / "mine")


def test_the_folder_is_matplotlibs_on_each_platform(monkeypatch, tmp_path):
    """r36r2 finding 3: XDG on linux and freebsd only; macOS ~/.matplotlib; Windows ~/.matplotlib where it is a
    folder, else %LOCALAPPDATA%\\matplotlib. A Mac whose ~/.config is read-only keeps its ~/.matplotlib."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "file"))
    (tmp_path / "file").write_text("not a folder: judged on linux, not on macOS")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "local"))
    xdg = tmp_path / "file" / "matplotlib"
    for platform, wanted in (("linux", xdg), ("freebsd14", xdg), ("darwin", home / ".matplotlib"),
                             ("win32", tmp_path / "local" / "matplotlib")):
        monkeypatch.setattr(mplconfig.sys, "platform", platform)
        assert mplconfig.config_folder() == wanted, platform
    (home / ".matplotlib").mkdir()
    assert mplconfig.config_folder() == home / ".matplotlib"  # win32: the old folder where it is there
    monkeypatch.setattr(mplconfig.sys, "platform", "darwin")
    assert mplconfig.private_folder() is None and "MPLCONFIGDIR" not in os.environ
    assert sorted(p.name for p in home.iterdir()) == [".matplotlib"]  # no stray ~/.config, ~/.cache


@pytest.mark.parametrize("platform", ["linux", "darwin"])
def test_config_folder_is_the_one_matplotlib_takes(tmp_path, platform):
    """The rule is matplotlib's, read by hand: asked of matplotlib itself (a usable home, so it warns of nothing)."""
    code = ("import sys; sys.platform = %r\n"
            "from rnncast import mplconfig; mine = mplconfig.config_folder()\n"
            "import matplotlib; print(mine.resolve() == __import__('pathlib').Path(matplotlib.get_configdir()))\n"
            % platform)
    done = _python(code, tmp_path)
    assert done.returncode == 0 and done.stdout.strip() == "True", done.stderr


def test_matplotlib_imported_already_is_left_as_it_is(monkeypatch, tmp_path):
    """Once matplotlib is imported (by the caller, or after an earlier call) it has read its folders: nothing to do."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "file-missing"))
    (tmp_path / "file-missing").write_text("not a folder")
    monkeypatch.setitem(sys.modules, "matplotlib", object())
    assert mplconfig.private_folder() is None and "MPLCONFIGDIR" not in os.environ


def _python(code: str, home: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("MPLCONFIGDIR", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**env, "HOME": str(home)},
                          cwd=home if home.is_dir() else home.parent)


def test_the_command_line_with_an_unusable_home_gets_no_warnings_and_the_library_changes_nothing(tmp_path):
    """The command line owns its process (decision 1863): it takes the temporary folder, so matplotlib warns of
    nothing. A Python caller's environment is theirs (decision 1906, undoing 1881): importing rnncast's figures sets
    nothing, and matplotlib gives its own folder and warnings."""
    home = tmp_path / "home"
    home.write_text("a file: no folder can be made under it, even by root")
    command = ("from rnncast.cli import main\ntry:\n    main(['no-such-command'])\nexcept SystemExit:\n    pass\n"
               "import matplotlib, os; print(os.environ.get('MPLCONFIGDIR', ''))\n")
    done = _python(command, home)
    assert "rnncast-matplotlib-" in done.stdout, done.stderr
    assert "mkdir -p failed" not in done.stderr and "MPLCONFIGDIR" not in done.stderr, done.stderr
    done = _python("import os, rnncast.plots; print(os.environ.get('MPLCONFIGDIR', ''))\n", home)
    assert done.returncode == 0 and "rnncast-matplotlib-" not in done.stdout, done.stderr


def test_only_the_command_line_asks_for_the_folder():
    """The process environment is the command line's, not the library's: no other module calls ``private_folder``."""
    source = Path(mplconfig.__file__).parent
    callers = sorted(str(path.relative_to(source)) for path in source.rglob("*.py")
                     if any(isinstance(node, ast.Call) and getattr(node.func, "id", None) == "private_folder"
                            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))))
    assert callers == [os.path.join("cli", "__init__.py")]
