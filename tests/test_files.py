"""Atomic writes (``files.py``): a file is written under a temporary name and renamed, so a failed or
killed write leaves the old file or the new one, never half of one; JSON is strict (NaN as null).
A folder is held by one process at a time (``lock_folder``), a killed holder never blocks the next,
and the temporary files of a killed write are swept once the folder is held again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from rnncast import RnncastError, files


def test_json_is_strict_and_an_undefined_number_is_null(tmp_path):
    path = tmp_path / "new" / "metrics.json"
    files.write_json(path, {"r2": float("nan"), "mse": [1.5, float("inf")], "windows": 3})
    text = path.read_text()
    assert json.loads(text) == {"r2": None, "mse": [1.5, None], "windows": 3} and "NaN" not in text
    files.write_text(path, "second")
    assert path.read_text() == "second" and [p.name for p in path.parent.iterdir()] == ["metrics.json"]


def test_numpy_scalars_are_written_as_the_numbers_they_hold(tmp_path):
    import numpy as np

    path = tmp_path / "config.json"
    files.write_json(path, {"hidden_size": np.int64(8), "lr": np.float32(0.5), "highway": np.bool_(False),
                            "r2": np.float64("nan"), "sizes": [np.int32(1), 2]})
    assert json.loads(path.read_text()) == {"hidden_size": 8, "lr": 0.5, "highway": False, "r2": None, "sizes": [1, 2]}


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


# ---- temporary files and the folder lock ------------------------------------------------------

def test_the_temporary_name_of_a_write_matches_what_the_sweep_removes(tmp_path, monkeypatch):
    seen = []
    real = os.replace

    def replace(src, dst):
        seen.append(os.path.basename(src))
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    files.write_text(tmp_path / "config.json", "{}")
    assert len(seen) == 1 and files.TEMP_NAME.match(seen[0]), seen


def test_a_file_that_cannot_be_written_is_named_not_its_temporary_name(tmp_path, monkeypatch):
    import pytest

    from rnncast import files
    from rnncast.errors import RnncastError

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files, "temp_file", refuse)
    with pytest.raises(RnncastError, match=rf"cannot write {tmp_path / 'f.csv'}: Permission denied"):
        files.write_text(tmp_path / "f.csv", "x")


def test_a_link_is_written_through_to_its_target_which_keeps_its_permissions(tmp_path):
    """As the shell's > and cp: the link stays a link, its target gets the new content."""
    target = tmp_path / "shared" / "forecast.csv"
    target.parent.mkdir()
    target.write_text("old\n")
    target.chmod(0o600)
    link = tmp_path / "latest.csv"
    link.symlink_to(os.path.relpath(target, tmp_path))  # a relative link, as ln -s writes them
    files.write_text(link, "new\n")
    assert link.is_symlink() and os.readlink(link) == os.path.join("shared", "forecast.csv")
    assert target.read_text() == "new\n" and (target.stat().st_mode & 0o777) == 0o600
    assert sorted(p.name for p in target.parent.iterdir()) == ["forecast.csv"]  # no temporary file left
    chain = tmp_path / "chain.csv"
    chain.symlink_to(link)
    files.write_text(chain, "newer\n")
    assert chain.is_symlink() and link.is_symlink() and target.read_text() == "newer\n"
    fresh = tmp_path / "fresh.csv"
    files.write_text(fresh, "x\n")
    assert (fresh.stat().st_mode & 0o777) == 0o644  # a new file is readable by others, as before


def test_a_dangling_link_gets_its_target_made_and_a_loop_is_refused_by_name(tmp_path):
    dangling = tmp_path / "out.csv"
    dangling.symlink_to(tmp_path / "made.csv")
    files.write_text(dangling, "x\n")
    assert dangling.is_symlink() and (tmp_path / "made.csv").read_text() == "x\n"
    nowhere = tmp_path / "gone.csv"
    nowhere.symlink_to(tmp_path / "no-such-folder" / "f.csv")
    with pytest.raises(RnncastError, match=rf"cannot write {nowhere} \(a link to .*no-such-folder/f.csv\): the folder the "
                                           r"link leads into, .*no-such-folder, does not exist; make it"):  # decision 559
        files.write_text(nowhere, "x\n")
    assert not (tmp_path / "no-such-folder").exists()  # a link's folder is not made behind the user's back
    (tmp_path / "a.csv").symlink_to(tmp_path / "b.csv")
    (tmp_path / "b.csv").symlink_to(tmp_path / "a.csv")
    with pytest.raises(RnncastError, match=r"cannot write .*a.csv: .*symbolic links \(a loop of links\)"):
        files.write_text(tmp_path / "a.csv", "x\n")


def test_json_text_of_nested_lists_is_that_of_visiting_every_value():
    """``json_text`` keeps a list's plain Python values without visiting each (a model of 20,000 series holds
    hundreds of thousands): the text is that of the one-by-one conversion, NumPy values, NaN and infinities included."""
    import math

    import numpy as np

    from rnncast.settingvalues import plain

    def reference(obj):
        obj = plain(obj)
        if isinstance(obj, float):
            return obj if math.isfinite(obj) else None
        if isinstance(obj, dict):
            return {k: reference(v) for k, v in obj.items()}
        if isinstance(obj, (list, tuple)):
            return [reference(v) for v in obj]
        return obj

    value = {"a": [1.5, float("nan"), -float("inf"), 3, True, None, "x", np.float64(2.5), np.float32(np.nan), np.int64(7),
                   np.bool_(False), (1, float("inf")), [[0.1, [np.float64(np.inf)]], {"k": [np.array([1.0, np.nan])]}],
                   np.array([4.0, 5.0]), 1e300 * 10, -0.0, 10**30],
             "b": (np.int32(3), [], {}), "c": float("nan")}
    assert files.json_text(value) == json.dumps(reference(value), indent=2, allow_nan=False)


def test_a_full_disk_names_the_file_asked_for_and_leaves_the_old_one_whole(tmp_path, monkeypatch):
    """The system names no file when a write runs out of space: the error said only "No space left on device"."""
    import errno

    target = tmp_path / "forecast.csv"
    files.write_text(target, "old")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError) as refused:
        files.write_text(target, "new")
    assert (refused.value.errno, refused.value.filename, refused.value.kept) == (errno.ENOSPC, str(target), True)
    assert target.read_text() == "old" and list(tmp_path.iterdir()) == [target]


def test_json_is_written_as_its_reader_reads_the_names_not_as_escapes(tmp_path):
    """A Korean learner opened config.json and metrics.json and read "\\ud310\\ub9e4\\ub7c9" for 판매량, and
    "Diebold\\u2013Mariano", "R\\u00b2" in the notes."""
    from rnncast.files import json_text, write_json

    write_json(tmp_path / "m.json", {"target": "판매량", "note": "Diebold–Mariano, R²"})
    text = (tmp_path / "m.json").read_text(encoding="utf-8")
    assert '"target": "판매량"' in text and "Diebold–Mariano, R²" in text and "\\u" not in text
    assert json_text({"a": float("nan")}) == '{\n  "a": null\n}'


@pytest.mark.parametrize("links", [True, False])
def test_a_new_file_that_another_process_wrote_since_the_check_stays_and_the_loser_is_refused(tmp_path, monkeypatch,
                                                                                             links):
    # the check at the start found no file; another process writes one before this write publishes its own
    # (decision 861: two predicts to one new --out both said "wrote", one forecast silently replaced)
    if not links:  # a file system without hard links: the name is claimed with O_EXCL instead
        monkeypatch.setattr(os, "link", lambda *a: (_ for _ in ()).throw(PermissionError(1, "Operation not permitted")))
    path = tmp_path / "p.csv"
    real_fsync = os.fsync

    def other_writes_first(fd):
        real_fsync(fd)
        path.write_text("the other's\n")
    monkeypatch.setattr(os, "fsync", other_writes_first)
    with pytest.raises(RnncastError) as refused:
        files.write_text(path, "mine\n", new="--out p.csv exists; pass --overwrite to replace it, or give another file name")
    assert str(refused.value) == "--out p.csv exists; pass --overwrite to replace it, or give another file name"
    assert path.read_text() == "the other's\n" and [p.name for p in tmp_path.iterdir()] == ["p.csv"]  # no temporary left
    monkeypatch.setattr(os, "fsync", real_fsync)
    files.write_text(tmp_path / "q.csv", "mine\n", new="q.csv exists")  # none there: written, as a new file, 0644
    assert (tmp_path / "q.csv").read_text() == "mine\n" and oct((tmp_path / "q.csv").stat().st_mode & 0o777) == "0o644"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.csv", "q.csv"]
    files.write_text(path, "replaced\n")  # without new (overwrite asked): replaced as before
    assert path.read_text() == "replaced\n"


def test_pieces_are_written_as_one_file_and_a_failure_while_making_them_keeps_the_old_one(tmp_path):
    """``write_pieces`` writes a file made piece by piece (a CSV of millions of rows, decision 1560) as ``write_bytes``
    writes the whole: atomically, through a link, as a new file only where asked."""
    target = tmp_path / "t.csv"
    files.write_pieces(target, (f"{i}\n".encode() for i in range(5)))
    assert target.read_bytes() == b"0\n1\n2\n3\n4\n"

    def failing():
        yield b"half"
        raise ValueError("a piece could not be made")
    with pytest.raises(ValueError, match="could not be made"):
        files.write_pieces(target, failing())
    assert target.read_bytes() == b"0\n1\n2\n3\n4\n" and [p.name for p in tmp_path.iterdir()] == ["t.csv"]
    with pytest.raises(RnncastError, match="t.csv exists"):
        files.write_pieces(target, iter([b"new\n"]), new="t.csv exists")
    (tmp_path / "link.csv").symlink_to(target)
    files.write_pieces(tmp_path / "link.csv", iter([b"a\n", b"b\n"]))
    assert target.read_bytes() == b"a\nb\n" and (tmp_path / "link.csv").is_symlink()


def test_a_path_holding_control_characters_is_shown_quoted_and_escaped():
    """fit --out $'new\\nline' printed "wrote new" and "line/report.html" on two lines (decision 1654)."""
    from rnncast.files import shown

    assert shown("runs/sp ace ä/report.html") == "runs/sp ace ä/report.html"
    assert shown("new\nline/report.html") == "'new\\nline/report.html'" and shown("tab\there") == "'tab\\there'"


def test_no_free_inode_for_the_temporary_file_is_a_full_disk_not_a_permission(tmp_path, monkeypatch):
    """mkstemp's ENOSPC (a disk out of inodes) said "check the permissions", and fit offered no resume (decision
    1750); another refusal there is still the permission line."""
    import errno

    def no_inode(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files, "temp_file", no_inode)
    with pytest.raises(OSError) as refused:
        files.write_text(tmp_path / "history.csv", "epoch\n")
    assert not isinstance(refused.value, RnncastError)
    assert (refused.value.errno, refused.value.filename, refused.value.kept) == (errno.ENOSPC, str(tmp_path / "history.csv"), True)
    monkeypatch.setattr(files, "temp_file", lambda *a, **k: (_ for _ in ()).throw(PermissionError(errno.EACCES, "Permission denied")))
    with pytest.raises(RnncastError, match="Permission denied .check the permissions"):
        files.write_text(tmp_path / "history.csv", "epoch\n")


@pytest.mark.parametrize("umask", [0o077, 0o022, 0o027])
def test_a_new_file_and_a_new_model_folder_get_the_umask_s_mode_and_a_replaced_one_keeps_its_own(tmp_path, umask):
    """Every file was forced to 0644 and model/ to 0755, so under umask 077 patients' forecasts were readable by every
    user (t35t4 H1, decision 1799): a new file is now 0666 less the umask, as open() and cp make it, a new folder 0777
    less it; a file replaced keeps the mode it had (decision 71). Run in a child, whose umask is its own."""
    script = f"""
import os, stat, torch
from pathlib import Path
from rnncast import files, checkpoint
from rnncast.models import NetSpec, build_net
os.umask({umask})
d = Path({str(tmp_path)!r})
files.write_text(d / "new.csv", "a\\n")
kept = d / "kept.csv"; kept.write_text("old"); os.chmod(kept, 0o640); files.write_text(kept, "new")
net = build_net(NetSpec(cell="gru", n_inputs=1, n_targets=1, horizon=1, hidden_size=4))
checkpoint.write_model(d / "model", net, {{}})
(d / "old").mkdir(); os.chmod(d / "old", 0o750); (d / "old" / "model.json").write_text("{{}}")
checkpoint.write_model(d / "old", net, {{}})
print(*(oct(stat.S_IMODE(os.stat(d / n).st_mode)) for n in ("new.csv", "kept.csv", "model", "model/model.json", "old")))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [oct(0o666 & ~umask), oct(0o640), oct(0o777 & ~umask), oct(0o666 & ~umask), oct(0o750)]


def test_in_a_held_folder_a_link_is_replaced_not_written_through_and_a_linked_folder_refused(tmp_path, caplog):
    """A link planted in a folder rnncast holds (a run resumed, a tune continued) is replaced by rnncast's own file;
    where it leads stays as it was (t35t4 H2, decision 1800). Outside held folders a link is written through
    (decision 71, test above)."""
    run, outside = tmp_path / "run", tmp_path / "outside"
    run.mkdir(), outside.mkdir()
    (outside / "notes.txt").write_text("precious\n")
    (outside / "sub").mkdir()
    (run / "history.csv").symlink_to(outside / "notes.txt")
    (run / "deep").symlink_to(outside / "sub")
    def check():
        return None

    files.hold_writes(run, check)
    try:
        files.write_text(run / "history.csv", "epoch\n")
        with pytest.raises(RnncastError, match=r"cannot write .*deep/f.csv: .*deep is a link \(to .*sub\) inside .*run, "
                                               r"a folder rnncast writes its own files in, and is not followed"):
            files.write_text(run / "deep" / "f.csv", "x\n")
    finally:
        files.let_writes_go(run, check)
    assert (outside / "notes.txt").read_text() == "precious\n" and list((outside / "sub").iterdir()) == []
    assert not (run / "history.csv").is_symlink() and (run / "history.csv").read_text() == "epoch\n"
    assert "history.csv was a link to" in caplog.text and "what it led to is as it was" in caplog.text
    assert files.held_within(run / "history.csv") is None  # let go: a link there is the user's again


def test_a_file_a_folder_cannot_hold_is_told_so_not_to_check_the_permissions(tmp_path, monkeypatch):
    """t36t5 4 (decision 1903): export to /proc/m.onnx said "No such file or directory (check the permissions of
    /proc, ...)": /proc exists and refuses new files with ENOENT."""
    import errno

    def pseudo(path):
        raise FileNotFoundError(errno.ENOENT, "No such file or directory", str(path) + ".tmp")

    monkeypatch.setattr(files, "temp_file", pseudo)
    with pytest.raises(RnncastError, match=f"^cannot write {tmp_path}/m.onnx: No such file or directory \\({tmp_path} "
                                           "exists but is a pseudo-filesystem's folder, which cannot hold new files"):
        files.write_text(tmp_path / "m.onnx", "x")
    monkeypatch.setattr(files, "temp_file", lambda *a, **k: (_ for _ in ()).throw(OSError(errno.EROFS, "Read-only file system")))
    with pytest.raises(RnncastError, match=f"Read-only file system \\({tmp_path} is on a read-only filesystem"):
        files.write_text(tmp_path / "m.onnx", "x")
