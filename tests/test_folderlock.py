"""A folder one process writes at a time (``folderlock.py``): held by a flock'd lock file, a second holder refused by
pid and note, a killed holder's lock and temporary files gone with it, ``holder`` only looking."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from rnncast import RnncastError, files, folderlock


def test_a_killed_writes_temporary_files_are_swept_and_nothing_else(tmp_path):
    ours = [tmp_path / ".metrics.json.k2j4_x9q.tmp", tmp_path / ".report.html.0a1b2c3d.tmp"]
    others = [tmp_path / "notes.tmp", tmp_path / "x.k2j4_x9q.tmp", tmp_path / ".hidden", tmp_path / ".a.short.tmp",
              tmp_path / "metrics.json"]
    for path in ours + others:
        path.write_text("x")
    (tmp_path / ".folder.abcdefgh.tmp").mkdir()  # a folder of that name is not a temporary file
    (tmp_path / ".folder.abcdefgh.tmp" / "notes.txt").write_text("x")
    model = tmp_path / ".model.x1y2z3w4.tmp"  # ... unless it holds a model's files only: a killed save's
    model.mkdir()
    (model / "weights.safetensors").write_text("x")
    ours.append(model)
    empty = tmp_path / ".model.q9r8s7t6.tmp"  # a save killed right after mkdtemp: it stayed after a resume (a run's
    empty.mkdir()  # test caught it under load)
    ours.append(empty)
    assert sorted(folderlock.sweep_temps(tmp_path)) == sorted(ours)
    assert all(p.exists() for p in others) and (tmp_path / ".folder.abcdefgh.tmp").is_dir() and not model.exists()
    assert not empty.exists()
    assert folderlock.sweep_temps(tmp_path / "missing") == []


def test_a_held_folder_refuses_a_second_holder_by_pid_and_is_free_after_release(tmp_path):
    run = tmp_path / "runs" / "a"
    held = folderlock.lock_folder(run, "run")
    assert (run / files.LOCK_NAME).read_text().split()[0] == str(os.getpid())
    with pytest.raises(RnncastError, match=rf"^run {run} is being written by another rnncast process "
                                                  rf"\(pid {os.getpid()}\)"):
        folderlock.lock_folder(run, "run")  # flock locks belong to the open file: a second open is a second holder
    held.release()
    assert not (run / files.LOCK_NAME).exists()
    with folderlock.lock_folder(run, "run"):
        pass
    assert list(run.iterdir()) == []


def test_release_tidy_removes_only_the_empty_folders_locking_made(tmp_path):
    (tmp_path / "runs").mkdir()
    folderlock.lock_folder(tmp_path / "runs" / "a" / "b").release(tidy=True)
    assert list(tmp_path.iterdir()) == [tmp_path / "runs"] and list((tmp_path / "runs").iterdir()) == []
    held = folderlock.lock_folder(tmp_path / "runs" / "c")
    (tmp_path / "runs" / "c" / "config.json").write_text("{}")
    held.release(tidy=True)
    assert (tmp_path / "runs" / "c" / "config.json").exists()


def test_a_new_folder_is_made_by_one_process_only(tmp_path):
    folderlock.lock_folder(tmp_path / "a", new=True).release()
    with pytest.raises(FileExistsError):
        folderlock.lock_folder(tmp_path / "a", new=True)


def test_a_killed_holders_lock_does_not_block_and_its_temporary_files_go(tmp_path):
    run = tmp_path / "run"
    script = (f"from rnncast import folderlock; import time\nfolderlock.lock_folder({str(run)!r}, 'run')\n"
              "print('held', flush=True)\ntime.sleep(600)\n")
    holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(RnncastError, match=rf"\(pid {holder.pid}\)"):
            folderlock.lock_folder(run, "run")
    finally:
        holder.kill()
        holder.wait()
    (run / "model").mkdir()
    left = [run / ".config.json.abcd1234.tmp", run / "model" / ".weights.safetensors.abcd1234.tmp"]
    for path in left:
        path.write_bytes(b"half")
    assert (run / files.LOCK_NAME).exists()  # the dead process' file; its lock died with it
    with folderlock.lock_folder(run, "run"):
        assert not any(p.exists() for p in left)
        assert (run / files.LOCK_NAME).read_text().split()[0] == str(os.getpid())


def test_a_holders_note_is_shown_to_the_process_it_refuses_and_a_folder_tidied_away_meanwhile_is_made_again(
        tmp_path, monkeypatch):
    run = tmp_path / "t"
    held = folderlock.lock_folder(run, "tune", note="tuning study 's'\nin t/study.db")
    with pytest.raises(RnncastError, match=rf"^tune {run} is being written by another rnncast process "
                                          rf"\(pid {os.getpid()}, tuning study 's' in t/study.db\); wait for it"):
        folderlock.lock_folder(run, "tune")
    held.release(tidy=True)
    assert not run.exists()
    real, calls = os.open, []

    def removed_once(path, *args):  # a refused holder's tidy removed the folder between our mkdir and open
        calls.append(path)
        if len(calls) == 1:
            run.rmdir()
        return real(path, *args)

    monkeypatch.setattr(os, "open", removed_once)
    with folderlock.lock_folder(run, "tune"):
        assert len(calls) == 2 and (run / files.LOCK_NAME).exists()


def test_holder_names_the_process_and_kind_that_hold_a_folder_and_takes_nothing(tmp_path):
    run = tmp_path / "run"
    assert folderlock.holder(run) is None  # no folder, no lock file
    with folderlock.lock_folder(run, "run"):
        assert folderlock.holder(run) == (f"pid {os.getpid()}", "run")
    (run / files.LOCK_NAME).write_text("12345 host run\n")  # left by a killed fit: no process holds it
    assert folderlock.holder(run) is None
    with folderlock.lock_folder(run, "run"):  # the probe took nothing
        pass


def test_a_link_to_a_missing_folder_as_a_folder_to_write_is_named_as_such(tmp_path):
    """--out as a dangling link to a folder was refused as "File exists", or "a file of that name is in the way"
    (a tester's finding, decision 563); the folder it leads to is not made behind the user's back."""
    run = tmp_path / "run"
    run.symlink_to(tmp_path / "real" / "sub")
    with pytest.raises(RnncastError, match=r"cannot write run .*run: .*run is a link to .*real/sub, a folder that does not "
                                           r"exist; make it, or give another path$"):
        folderlock.lock_folder(run, "run")
    with pytest.raises(RnncastError, match=r"cannot write .*run/f\.csv: .*run is a link to .*real/sub, a folder that"):
        files.write_text(run / "f.csv", "x\n")
    assert not (tmp_path / "real").exists()


def test_a_folder_left_with_only_a_killed_fits_lock_says_so_to_predict_and_resume(tmp_path, capsys):
    """A tester's fit killed (SIGKILL) before its run began left only .rnncast.lock: predict said "missing model.json"
    and --resume "not a run directory (no config.json)"."""
    from rnncast import Forecaster, RnncastError
    from rnncast.cli import main
    from rnncast.folderlock import lock_folder, stopped_before_begun

    run = tmp_path / "kill"
    run.mkdir()
    (run / ".rnncast.lock").write_text("pid 999999999\n", encoding="utf-8")  # its process gone: the lock is free
    said = stopped_before_begun(run)
    assert said.startswith(f"{run} holds only the lock file of a command that stopped before it wrote anything")
    with pytest.raises(RnncastError, match="holds only the lock file"):
        Forecaster.load(run)
    assert main(["fit", "--resume", str(run)]) == 2
    assert "holds only the lock file of a command that stopped" in capsys.readouterr().err
    held = lock_folder(tmp_path / "busy", "run")  # still reading its data: named by its holder elsewhere, not so
    try:
        assert stopped_before_begun(tmp_path / "busy") is None
    finally:
        held.release()
    (run / "config.json").write_text("{}", encoding="utf-8")
    assert stopped_before_begun(run) is None


def test_a_lock_on_a_full_disk_names_its_file_and_leaves_neither_it_nor_the_folder(tmp_path, monkeypatch):
    """On a full disk the lock's write said "No space left on device", naming no file, and left out/.rnncast.lock
    and the folder made for it."""
    import errno

    def full(fd, data, offset):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "pwrite", full)
    out = tmp_path / "new" / "o"
    with pytest.raises(OSError) as caught:
        folderlock.lock_folder(out, "run")
    assert (caught.value.errno, caught.value.filename) == (errno.ENOSPC, str(out / folderlock.LOCK_NAME))
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "empty").mkdir()
    with pytest.raises(OSError):
        folderlock.lock_folder(tmp_path / "empty", "run")
    assert list((tmp_path / "empty").iterdir()) == []  # the folder there before stays, empty as it was


def test_a_held_folder_removed_or_moved_is_not_made_again_and_a_write_below_it_stops(tmp_path, monkeypatch):
    """A run folder deleted during a fit was made again by the next write, unheld, and a second fit --overwrite wrote
    there too; both said they wrote it (decision 1749)."""
    import shutil

    monkeypatch.chdir(tmp_path)
    run = tmp_path / "runs" / "mix"
    lock = folderlock.lock_folder(run, "run")
    files.write_text(run / "config.json", "{}")  # held: written as before
    (tmp_path / "runs" / "mv").parent.mkdir(exist_ok=True)
    os.rename(run, tmp_path / "runs" / "mv")  # moved: the next write names where it went, and makes nothing
    with pytest.raises(folderlock.FolderLost) as err:
        files.write_text(run / "history.csv", "epoch\n")
    assert not run.exists() and "runs/mix was removed or moved while this fit wrote it; nothing more" in str(err.value)
    if sys.platform == "linux":
        assert "it is now runs/mv" in str(err.value) and "rnncast fit --resume runs/mv" in str(err.value)
    shutil.rmtree(tmp_path / "runs" / "mv")  # removed: the check checkpoint.write_model makes refuses alike
    with pytest.raises(folderlock.FolderLost, match="went with it"):
        files.check_held(run / "model")
    assert not run.exists()
    other = folderlock.lock_folder(run, "run")  # another fit takes the path: the first stops there, and its
    with pytest.raises(folderlock.FolderLost):  # release leaves the other's lock file and folder as they are
        files.write_text(run / "report.html", "")
    lock.release(tidy=True)
    assert (run / files.LOCK_NAME).is_file() and not (run / "report.html").exists()
    files.write_text(run / "report.html", "x")  # the other holder writes on
    other.release(tidy=True)
    files.write_text(run / "after.txt", "x")  # released: no check


def test_a_moved_folder_keeps_no_lock_file_and_another_stat_error_is_no_move(tmp_path, monkeypatch):
    """r34r3 4 (decision 1766): a moved run kept its .rnncast.lock after the fit let it go, and a permission or NFS
    error on the lock file read as "removed or moved: it is now runs/x", a move to itself."""
    import errno

    run = tmp_path / "runs" / "mix"
    lock = folderlock.lock_folder(run, "run")
    os.rename(run, tmp_path / "runs" / "mv")
    lock.release(tidy=True)
    if sys.platform == "linux":  # where the system says where the lock file went
        assert not (tmp_path / "runs" / "mv" / files.LOCK_NAME).exists()
    held = folderlock.lock_folder(tmp_path / "runs" / "b", "run")
    real = os.stat

    def denied(path, *a, **k):
        if str(path).endswith(files.LOCK_NAME):
            raise OSError(errno.EACCES, "Permission denied")
        return real(path, *a, **k)

    monkeypatch.setattr(os, "stat", denied)
    assert not held.lost()  # the write says its own error, not a move
    monkeypatch.setattr(os, "stat", real)
    held.release(tidy=True)


def test_a_planted_lock_file_link_is_replaced_and_what_it_led_to_kept(tmp_path, caplog):
    """RUN/.rnncast.lock -> ~/notes.txt was truncated and overwritten with "pid host run" by a resume's hold; a planted
    model -> ~/dir had its temporary-named entries swept (decision 1847)."""
    home, run = tmp_path / "home", tmp_path / "run"
    home.mkdir()
    run.mkdir()
    notes = home / "notes.txt"
    notes.write_text("years of notes\n")
    (run / files.LOCK_NAME).symlink_to(notes)
    elsewhere = home / "dir"
    elsewhere.mkdir()
    theirs = elsewhere / ".weights.safetensors.abcd1234.tmp"  # a temporary's name, but not a temporary of ours
    theirs.write_text("kept")
    (run / "model").symlink_to(elsewhere)
    with caplog.at_level("WARNING"):
        held = folderlock.lock_folder(run, "run")
    assert notes.read_text() == "years of notes\n" and theirs.read_text() == "kept"
    lock = run / files.LOCK_NAME
    assert not lock.is_symlink() and lock.read_text().split()[0] == str(os.getpid())
    assert f"{lock} was a link to {notes}; a link in a folder rnncast writes is replaced by its own" in caplog.text
    assert folderlock.holder(run)[0] == f"pid {os.getpid()}"
    held.release()
    lock.symlink_to(notes)  # holder only looks: a link is no holder, and what it leads to is not locked or read
    assert folderlock.holder(run) is None and notes.read_text() == "years of notes\n"


def test_a_folder_a_pseudo_filesystem_refuses_is_said_so_not_removed_as_soon_as_made(tmp_path, monkeypatch):
    """t36t5 4 (decision 1903): fit --out /proc/run said "it is removed as soon as it is made" (mkdir's ENOENT read as
    a holder tidying the folder away), and /sys/run "Operation not permitted" with no advice."""
    import errno
    from pathlib import Path

    real = Path.mkdir

    def pseudo(self, *args, **kwargs):
        if self == tmp_path / "run":
            raise FileNotFoundError(errno.ENOENT, "No such file or directory", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", pseudo)
    for new in (False, True):
        with pytest.raises(RnncastError, match=f"^cannot write run {tmp_path}/run: No such file or directory "
                                               f"\\({tmp_path} exists but is a pseudo-filesystem's folder"):
            folderlock.lock_folder(tmp_path / "run", "run", new=new)


def test_a_new_folder_the_disk_refuses_is_a_disk_failure_and_a_permission_is_not(tmp_path, monkeypatch):
    """A fit into a new --out on a full disk exited 2 ("cannot write run ...: No space left on device"), as bad input
    does, while other full-disk writes exit 74 (decision 2186): the same line is now ``DiskFailed`` (decision 2217)."""
    import errno
    from pathlib import Path

    from rnncast.errors import DiskFailed

    real = Path.mkdir
    code = {"errno": errno.ENOSPC, "text": "No space left on device"}

    def refused(self, *args, **kwargs):
        if self.name == "o":
            raise OSError(code["errno"], code["text"])
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", refused)
    out = tmp_path / "o"
    with pytest.raises(DiskFailed, match=rf"^cannot write run {out}: No space left on device \(the disk is full"):
        folderlock.lock_folder(out, "run", new=True)
    code.update(errno=errno.EACCES, text="Permission denied")
    with pytest.raises(RnncastError, match="Permission denied") as caught:
        folderlock.lock_folder(out, "run", new=True)
    assert not isinstance(caught.value, DiskFailed)
