"""The end of fit (cli/finishing.py): a signal while the outputs were written was held, then reported as a
plain interruption of a run that had finished (or, with --overwrite, had already replaced the earlier one); a
full disk gave a bare "No space left on device" with no run named and no way on."""

from __future__ import annotations

import errno
import os
import signal

import pytest

from rnncast import interrupts
from rnncast.cli.finishing import write_and_place
from rnncast.errors import DiskFailed, RnncastError


def _replacing(tmp_path):
    out = tmp_path / "run"
    (out / ".rnncast-new").mkdir(parents=True)
    (out / "config.json").write_text("earlier")
    (out / ".rnncast-new" / "config.json").write_text("new")
    return out, out / ".rnncast-new"


def _signalled(signum=signal.SIGTERM):
    def write():
        os.kill(os.getpid(), signum)  # held by ctrl_c_between_batches: the write goes on
        return {"test": {}}
    return write


def test_a_signal_while_a_replacing_run_is_written_keeps_the_earlier_run_and_says_so(tmp_path, capsys):
    out, into = _replacing(tmp_path)
    with interrupts.ctrl_c_between_batches():
        code = write_and_place(_signalled(), out, into)
    err = capsys.readouterr().err
    assert code == 143 and (out / "config.json").read_text() == "earlier"  # not swapped
    assert (into / "config.json").read_text() == "new"
    assert (f"rnncast: interrupted (SIGTERM) before the new run replaced the earlier one; {out} keeps the earlier "
            f"run as it was and the new run, complete, waits in {into}: rnncast fit --resume {out} puts it in place") in err


def test_a_signal_while_a_run_is_written_says_it_came_then_and_the_run_is_complete(tmp_path, capsys):
    out = tmp_path / "run"
    out.mkdir()
    with interrupts.ctrl_c_between_batches():
        code = write_and_place(_signalled(signal.SIGINT), out, out)
    err = capsys.readouterr().err
    assert code == 130 and err.strip() == (
        f"rnncast: interrupted; the signal came while the run's outputs were written, which were finished first: the "
        f"run {out} is complete: its scores are in {out}/report.html")  # not "complete before the signal": untrue


def test_no_signal_swaps_the_new_run_in_and_gives_its_metrics(tmp_path):
    out, into = _replacing(tmp_path)
    with interrupts.ctrl_c_between_batches():
        assert write_and_place(lambda: {"test": 1}, out, into) == {"test": 1}
    assert (out / "config.json").read_text() == "new" and not into.exists()


def test_a_second_signal_stops_the_write_and_says_how_to_write_it_again(tmp_path, capsys):
    out = tmp_path / "run"
    out.mkdir()

    def write():
        os.kill(os.getpid(), signal.SIGTERM)
        os.kill(os.getpid(), signal.SIGTERM)  # the second is raised at once
        raise AssertionError("not reached")

    with interrupts.ctrl_c_between_batches():
        code = write_and_place(write, out, out)
    assert code == 143 and capsys.readouterr().err.strip() == (
        f"rnncast: interrupted (SIGTERM); the trained model is saved in {out}, its outputs not all written; write "
        f"them with: rnncast fit --resume {out}")


@pytest.mark.parametrize("replacing", [False, True])
def test_a_full_disk_names_the_run_its_state_and_the_way_on(tmp_path, replacing):
    out, into = _replacing(tmp_path) if replacing else (tmp_path / "run", tmp_path / "run")

    def write():
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(DiskFailed) as refused:  # exit 74 (decision 2186)
        write_and_place(write, out, into)
    said = str(refused.value)
    assert said.startswith("No space left on device (the disk is full: free some space, or give a path on another disk) "
                           "(while the "
                           "run's outputs were written; ")
    if replacing:
        assert (f"{out} keeps the earlier run as it was; the new run is trained, its outputs not all written, in {into}: "
                f"after freeing space, rnncast fit --resume {out} writes them and replaces the earlier run") in said
        assert (out / "config.json").read_text() == "earlier"
    else:
        assert (f"the trained model is saved in {out}, its outputs not all written; after freeing space, write them "
                f"with: rnncast fit --resume {out}") in said


def test_fit_on_a_full_disk_says_so_in_one_line_and_resume_writes_the_run(tmp_path, monkeypatch, capsys):
    from rnncast import report
    from rnncast.cli import main
    from test_interrupts import _fit_args

    real = report.write_run

    def full(run_dir, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(report, "write_run", full)
    args = _fit_args(tmp_path, epochs=1)
    assert main(args) == 74  # sysexits' EX_IOERR (decision 2186)
    err = capsys.readouterr().err.strip()
    run = tmp_path / "run"
    assert len(err.splitlines()) == 1 and f"the trained model is saved in {run}" in err, err
    monkeypatch.setattr(report, "write_run", real)
    assert main(["fit", "--resume", str(run)]) == 0, capsys.readouterr().err
    assert (run / "report.html").is_file()


def test_fit_overwrite_signalled_while_writing_keeps_the_earlier_run_and_resume_puts_the_new_in(tmp_path, monkeypatch,
                                                                                                capsys):
    from rnncast import report
    from rnncast.cli import main
    from test_interrupts import _fit_args

    args = _fit_args(tmp_path, epochs=1)
    assert main(args) == 0
    run = tmp_path / "run"
    earlier = (run / "model" / "weights.safetensors").read_bytes()
    real = report.write_run

    def signalled(*a, **kw):
        os.kill(os.getpid(), signal.SIGTERM)  # the scheduler's time limit, while the run's files are written
        return real(*a, **kw)

    monkeypatch.setattr(report, "write_run", signalled)
    assert main([*args[:args.index("--epochs") + 1], "2", *args[args.index("--epochs") + 2:], "--overwrite"]) == 143
    err = capsys.readouterr().err
    assert "before the new run replaced the earlier one" in err and "scores" not in err, err
    assert (run / "model" / "weights.safetensors").read_bytes() == earlier  # as the message says
    monkeypatch.setattr(report, "write_run", real)
    assert main(["fit", "--resume", str(run)]) == 0, capsys.readouterr().err
    assert (run / "model" / "weights.safetensors").read_bytes() != earlier
    assert not (run / ".rnncast-new").exists()


def test_a_new_run_that_cannot_replace_the_earlier_one_says_both_are_whole_and_how_to_put_it_in_place(tmp_path,
                                                                                                     monkeypatch):
    """fit --overwrite over a run whose report.html no rename moves (chattr +i) said only "report.html: Operation not
    permitted", and left the folder half replaced. Now the move is refused before it begins, and said."""
    from rnncast import replacing

    out, into = _replacing(tmp_path)

    def fixed(folder, own):
        raise OSError(errno.EPERM, "Operation not permitted", str(folder / "report.html"))

    monkeypatch.setattr(replacing, "swap", fixed)
    with pytest.raises(RnncastError) as caught:
        write_and_place(lambda: {"test": {}}, out, into)
    assert str(caught.value) == (
        f"{out / 'report.html'}: Operation not permitted (check the permissions of the path, or give another one) "
        f"(the new run could not replace the earlier one: {out} keeps the earlier run as it was and the new run, "
        f"complete, waits in {into}; once that file can be replaced, rnncast fit --resume {out} puts it in place)")


def test_a_held_signal_is_answered_at_once_with_how_to_stop_now_and_resume_later(tmp_path, capfd):
    """The first Ctrl-C after training got no reply for 14-24 s while the test windows were scored (decision 1753)."""
    out = tmp_path / "run"
    out.mkdir()
    told = []

    def write():
        os.kill(os.getpid(), signal.SIGINT)  # held: the line is on stderr before the write goes on
        told.append(capfd.readouterr().err)
        return {"test": {}}

    with interrupts.ctrl_c_between_batches():
        code = write_and_place(write, out, out, data="moved.csv")
    assert code == 130 and told[0] == (
        f"rnncast: interrupted; finishing the run's outputs first (scoring its test windows, then writing its files); "
        f"Ctrl-C again (or a second SIGTERM) stops it now, and rnncast fit --resume {out} moved.csv writes them later\n")
    assert "finishing" not in capfd.readouterr().err  # said once, then the line that the run is complete


def test_a_held_signal_of_a_replacing_fit_says_the_earlier_run_stays(tmp_path, capfd):
    """With --overwrite over an earlier run the held line said the outputs were being finished, and the same signal
    then stopped the swap, the earlier run kept (r34r3 2, decision 1765): the line says so from the first."""
    out, into = tmp_path / "run", tmp_path / "run" / ".new"
    into.mkdir(parents=True)
    told = []

    def write():
        os.kill(os.getpid(), signal.SIGINT)
        told.append(capfd.readouterr().err)
        return {"test": {}}

    with interrupts.ctrl_c_between_batches():
        code = write_and_place(write, out, into)
    assert code == 130 and told[0] == (
        f"rnncast: interrupted; finishing the new run's outputs first (scoring its test windows, then writing its files "
        f"in {into}); the earlier run in {out} stays as it is, and rnncast fit --resume {out} then puts the new one in "
        f"place; Ctrl-C again (or a second SIGTERM) stops it now, and rnncast fit --resume {out} writes them later\n")
    assert "keeps the earlier run as it was" in capfd.readouterr().err


def test_a_signal_once_the_run_is_scored_names_only_the_files_left(tmp_path, capfd):
    """t35t1 L4: a Ctrl-C once metrics.json was on disk was answered "(scoring its test windows, then writing its
    files)": once write_run has scored the run (``interrupts.moved_on``), the line says "writing its files" alone
    (decision 1825)."""
    out = tmp_path / "run"
    out.mkdir()
    told = []

    def write():
        interrupts.moved_on()  # as write_run's scored= does
        os.kill(os.getpid(), signal.SIGINT)
        told.append(capfd.readouterr().err)
        return {"test": {}}

    with interrupts.ctrl_c_between_batches():
        code = write_and_place(write, out, out)
    assert code == 130 and told[0] == (
        f"rnncast: interrupted; finishing the run's outputs first (writing its files); Ctrl-C again (or a second "
        f"SIGTERM) stops it now, and rnncast fit --resume {out} writes them later\n")
