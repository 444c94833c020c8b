"""What to do after the system refused a write, by its errno (``writeadvice.py``): one rule for every refused write."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from rnncast import RnncastError
from rnncast.writeadvice import advice, make_folder, refusal, written_in


def refused(code: int, filename=None) -> OSError:
    import os

    return OSError(code, os.strerror(code), filename)


def test_the_advice_fits_the_errno(tmp_path):
    # t36t5 4 (decision 1903): /proc/m.onnx's "No such file or directory" was told "check the permissions of /proc"
    assert advice(refused(errno.EACCES), tmp_path) == f"check the permissions of {tmp_path}, or give another path"
    assert advice(refused(errno.EPERM), None, "another one") == "check the permissions of the path, or give another one"
    assert advice(refused(errno.EROFS), tmp_path) == (f"{tmp_path} is on a read-only filesystem: give a path on a "
                                                      "writable disk")
    assert advice(refused(errno.ENOSPC), tmp_path) == advice(refused(errno.EDQUOT)) == (
        "the disk is full: free some space, or give a path on another disk")
    assert advice(refused(errno.ENOENT), tmp_path) == (
        f"{tmp_path} exists but is a pseudo-filesystem's folder, which cannot hold new files: give a path in another "
        "folder")
    assert advice(refused(errno.ENOENT), tmp_path / "gone") == (f"{tmp_path / 'gone'} does not exist: give a path in a "
                                                                "folder that does")
    assert advice(refused(errno.ENOENT)) is None  # no folder known: a read's missing file, as the system says
    assert advice(refused(errno.ENOTDIR)) == "a file is in the way where a folder is needed"
    assert advice(refused(errno.EIO), tmp_path) is None


def test_the_refusal_names_the_folder_the_system_named_the_write_in(tmp_path):
    made_on_the_way = refused(errno.ENOENT, str(tmp_path / "sub"))  # mkdir of a folder on the way, as /proc/sub
    assert written_in(made_on_the_way, tmp_path / "sub" / "deeper") == tmp_path
    assert written_in(refused(errno.EACCES), tmp_path) == tmp_path  # the system named none: the caller's
    assert refusal("cannot write x/m.onnx", refused(errno.EACCES, str(tmp_path / ".m.tmp")), None) == (
        f"cannot write x/m.onnx: Permission denied (check the permissions of {tmp_path}, or give another path)")
    assert refusal("cannot write x", refused(errno.EIO), tmp_path) == "cannot write x: Input/output error"


def test_a_folder_that_cannot_be_made_is_refused_in_one_line_and_a_file_in_the_way_raised_as_it_is(tmp_path,
                                                                                                   monkeypatch):
    make_folder(tmp_path / "a" / "b", "cannot write a/b/f")
    assert (tmp_path / "a" / "b").is_dir()
    (tmp_path / "notes.txt").write_text("")
    with pytest.raises(OSError) as in_the_way:  # cli.os_error_text names notes.txt, the file in the way
        make_folder(tmp_path / "notes.txt" / "a", "cannot write notes.txt/a/f")
    assert not isinstance(in_the_way.value, RnncastError)

    def pseudo(self, *args, **kwargs):  # /proc: a folder that exists and refuses a new one with ENOENT
        raise FileNotFoundError(errno.ENOENT, "No such file or directory", str(self))

    monkeypatch.setattr(Path, "mkdir", pseudo)
    with pytest.raises(RnncastError, match=f"^cannot write {tmp_path}/p/f: No such file or directory \\({tmp_path} "
                                           "exists but is a pseudo-filesystem's folder"):
        make_folder(tmp_path / "p", f"cannot write {tmp_path}/p/f")
