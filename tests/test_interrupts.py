"""Ctrl-C during training (``interrupts.py``): it stops the loop at the next batch, is never lost
inside a finalizer, and the previous handler comes back. The CLI's interrupted fit, end to end:
scenarios/test_interrupted_fit.py."""

from __future__ import annotations

import os
import signal

import numpy as np
import pytest

from rnncast import Forecaster, interrupts


def test_ctrl_c_inside_a_finalizer_still_stops_training():
    """Python drops a KeyboardInterrupt raised inside ``__del__``; the CLI's handler only sets a flag,
    so a Ctrl-C that lands there still stops training at the next batch."""

    stopped = []

    class Finalized:
        def __del__(self):
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C arrives while a finalizer runs

    def on_epoch(record):
        Finalized()  # created and collected at once: its __del__ sends the signal
        stopped.append(record.epoch)

    y = np.sin(0.1 * np.arange(600)).astype(np.float32)
    before = signal.getsignal(signal.SIGINT)  # the default handler, or SIG_IGN in a background job
    with pytest.raises(KeyboardInterrupt):
        with interrupts.ctrl_c_between_batches():
            Forecaster(lookback=16, hidden_size=8, epochs=5, device="cpu").fit(y, on_epoch=on_epoch)
    assert stopped == [1]  # the interrupt stopped training in epoch 2, not after the last epoch
    assert signal.getsignal(signal.SIGINT) == before  # the handler is restored


def test_stop_if_asked_does_nothing_outside_a_request():
    interrupts.stop_if_asked()  # no Ctrl-C arrived: returns


def _fit_args(tmp_path, epochs: int = 3) -> list[str]:
    from test_training import _series_csv

    data = _series_csv(tmp_path / "series.csv", n=300)
    return ["fit", str(data), "--target", "y", "--lookback", "12", "--horizon", "2", "--hidden-size", "4",
            "--epochs", str(epochs), "--patience", "50", "--device", "cpu", "--out", str(tmp_path / "run")]


def test_a_kill_int_while_fit_reads_its_data_stops_it_even_in_a_background_job(tmp_path, monkeypatch, capsys):
    """A script's background job (``rnncast fit ... &``) starts with SIGINT ignored; a ``kill -INT`` that
    came while the data was read was dropped, and the whole run trained. Now fit holds Ctrl-C from the start."""
    from rnncast import loading
    from rnncast.cli import main

    real = loading.load_panel

    def read_then_interrupted(*args, **kwargs):
        panel = real(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGINT)  # arrives while fit reads its data
        return panel

    monkeypatch.setattr(loading, "load_panel", read_then_interrupted)
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)  # as a non-interactive shell starts `cmd &`
    try:
        code = main(_fit_args(tmp_path))
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN  # put back as it was
    finally:
        signal.signal(signal.SIGINT, before)
    assert code == 130 and capsys.readouterr().err.endswith(  # said what it left (only "interrupted" before)
        "rnncast: interrupted; the run had not begun (its data was being read and checked): nothing was written; run "
        "the same command again to fit it\n")
    assert not (tmp_path / "run").exists()  # not one epoch trained, and the folder made for it removed


def test_a_ctrl_c_after_the_last_batchs_check_is_not_cleared_unseen(tmp_path):
    """A Ctrl-C during the last epoch's checkpoint or callback came after the loop's last check; the
    block cleared it on the way out and the command went on as if none had come."""
    y = np.sin(0.1 * np.arange(300)).astype(np.float32)

    def on_epoch(record):
        if record.epoch == 2:
            os.kill(os.getpid(), signal.SIGINT)  # after the last batch of the last epoch

    with pytest.raises(KeyboardInterrupt):
        with interrupts.ctrl_c_between_batches():
            Forecaster(lookback=16, hidden_size=4, epochs=2, device="cpu").fit(y, on_epoch=on_epoch)


def test_a_nested_block_keeps_a_pending_ctrl_c_and_the_outer_handler():
    with pytest.raises(KeyboardInterrupt):
        with interrupts.ctrl_c_between_batches():
            os.kill(os.getpid(), signal.SIGINT)  # while the data is read, say
            handler = signal.getsignal(signal.SIGINT)
            with interrupts.ctrl_c_between_batches():
                assert signal.getsignal(signal.SIGINT) is handler
                interrupts.stop_if_asked()  # the Ctrl-C from before the inner block is still there


def test_sigterm_stops_fit_as_ctrl_c_does_and_exits_143(tmp_path, capsys):
    """`kill PID` (docker stop, a scheduler's time limit) ended fit at once with status 143 and no word; it
    stops as Ctrl-C stops it now, at the next batch, and says how to resume, with SIGTERM's status."""
    from rnncast.cli import display, fitting, main

    def terminated_bar(*args, **kwargs):
        bar = display.epoch_bar(*args, **kwargs)

        def draw(record):
            bar(record)
            if record.epoch == 1:
                os.kill(os.getpid(), signal.SIGTERM)  # once epoch 1 is saved

        draw.close = bar.close
        return draw

    before = signal.getsignal(signal.SIGTERM)
    real, fitting.epoch_bar = fitting.epoch_bar, terminated_bar
    try:
        code = main(_fit_args(tmp_path, epochs=3))
    finally:
        fitting.epoch_bar = real
    err = capsys.readouterr().err
    assert code == 143 and "Traceback" not in err
    assert (f"rnncast: interrupted (SIGTERM); epoch 1 and those before it are saved. Continue with: rnncast fit "
            f"--resume {tmp_path / 'run'}") in err
    assert signal.getsignal(signal.SIGTERM) == before  # put back as it was


def test_sigterm_stops_any_command_saying_so_and_a_refused_folder_is_tidied(tmp_path, monkeypatch, capsys):
    from rnncast import backtest
    from rnncast.cli import main

    def terminated(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGTERM)  # while the backtest trains, say
        interrupts.stop_if_asked()  # the training loop's check at its next batch: run returns nothing

    monkeypatch.setattr(backtest, "run", terminated)
    args = _fit_args(tmp_path)
    code = main(["backtest", *args[1:-1], str(tmp_path / "bt")])
    assert code == 143 and capsys.readouterr().err.strip().endswith(
        "rnncast: interrupted (SIGTERM); nothing was written; a backtest writes its files only once every window is "
        "scored and keeps no partial one, so run the same command again to run it, from its first window")
    assert not (tmp_path / "bt").exists()  # the folder it made for its files, removed


def test_under_torchrun_sigterm_keeps_its_default(monkeypatch):
    """torchrun ends its workers with SIGTERM; a worker inside a collective runs no Python handler, so a
    flag would leave it there: under a launcher SIGTERM is left as it is."""
    monkeypatch.setenv("TORCHELASTIC_RUN_ID", "x")
    before = signal.getsignal(signal.SIGTERM)
    with interrupts.sigterm_as_ctrl_c(), interrupts.ctrl_c_between_batches():
        assert signal.getsignal(signal.SIGTERM) is before
    monkeypatch.delenv("TORCHELASTIC_RUN_ID")
    with interrupts.ctrl_c_between_batches():
        assert signal.getsignal(signal.SIGTERM) is not before


def test_the_exit_status_and_words_name_the_signal():
    assert interrupts.exit_status(KeyboardInterrupt()) == 130 and interrupts.by(KeyboardInterrupt()) == ""
    assert interrupts.exit_status(interrupts.Terminated()) == 143 and interrupts.by(interrupts.Terminated()) == " (SIGTERM)"


@pytest.mark.parametrize("signum, raised", [(signal.SIGINT, KeyboardInterrupt), (signal.SIGTERM, interrupts.Terminated)])
def test_a_signal_while_modules_load_is_raised_after_them_never_inside(signum, raised):
    """A Ctrl-C raised inside an import was lost in the import lock's callback, turned into numpy's ImportError or
    aborted torch's start-up; ``held_until_done`` notes it and raises the first signal's interrupt when the block
    ends, with the block's work done and the handlers as they were."""
    before = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    done = []
    with pytest.raises(raised) as caught:
        with interrupts.held_until_done():
            os.kill(os.getpid(), signum)
            os.kill(os.getpid(), signal.SIGINT)  # a second one: still only noted
            done.append("imports finished")
    assert done == ["imports finished"]
    assert type(caught.value) is raised
    assert {s: signal.getsignal(s) for s in before} == before


def test_an_error_inside_the_held_block_passes_and_no_signal_means_no_interrupt():
    with interrupts.held_until_done():
        pass  # nothing came: nothing raised
    with pytest.raises(ValueError):
        with interrupts.held_until_done():
            os.kill(os.getpid(), signal.SIGINT)
            raise ValueError("bad flag")  # the command failed on its own: its error, not the held Ctrl-C


def test_python_m_rnncast_exits_with_the_commands_status_after_a_ctrl_c_it_caught_inside_exec(tmp_path):
    """CPython kills a ``-m`` run with SIGINT at exit when a KeyboardInterrupt was raised inside ``exec(str)`` (as
    dataclasses and namedtuple build methods while modules load), even one caught: ``rnncast: interrupted`` was
    followed by status -2 instead of 130 in 1 run in 12. ``__main__`` clears that mark; the status is the command's."""
    import subprocess
    import sys

    (tmp_path / "caughtfirst").mkdir()
    (tmp_path / "caughtfirst" / "__main__.py").write_text(  # `python -m caughtfirst`: the interrupt, then rnncast's -m
        "import runpy, sys\n"
        "import rnncast.cli.parser, rnncast.forecaster\n"  # loaded first: their exec() runs would clear the mark
        "try:\n    exec('raise KeyboardInterrupt')\nexcept KeyboardInterrupt:\n    pass\n"  # caught, as a library would
        "sys.argv = ['rnncast', '--version']\n"
        "runpy.run_module('rnncast', run_name='__main__', alter_sys=True)\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), *sys.path])}
    done = subprocess.run([sys.executable, "-m", "caughtfirst"], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done  # without the clearing: -2, killed by SIGINT after printing the version
    assert done.stdout.startswith("rnncast ")


@pytest.mark.parametrize("status, ends", [(130, -signal.SIGINT), (143, -signal.SIGTERM), (0, 0), (2, 2), (1, 1)])
def test_the_command_ends_by_the_signal_behind_its_status_after_the_exit_handlers(status, ends):
    """A command that exited 130 after Ctrl-C let a shell loop of rnncast commands go on to the next one (bash stops
    only for a child that the signal ended); the entry points end by the signal, after every exit handler ran."""
    import subprocess
    import sys

    script = ("import atexit, sys\nfrom rnncast import interrupts\n"
              "atexit.register(lambda: print('exit handler ran', flush=True))\n"  # registered later: runs first
              f"sys.exit(interrupts.end_by_signal({status}))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == ends and done.stdout == "exit handler ran\n", (done.returncode, done.stdout, done.stderr)


def test_under_torchrun_the_status_is_returned_as_it_is():
    import subprocess
    import sys

    script = "import sys\nfrom rnncast import interrupts\nsys.exit(interrupts.end_by_signal(130))\n"
    env = {**os.environ, "WORLD_SIZE": "2"}
    assert subprocess.run([sys.executable, "-c", script], env=env).returncode == 130  # torchrun reads its workers' statuses


@pytest.mark.parametrize("status, signum, said", [
    (0, signal.SIGINT, "rnncast: interrupted after the command had finished its work: what it wrote is complete"),
    (0, signal.SIGTERM, "rnncast: interrupted (SIGTERM) after the command had finished its work"),
    (2, signal.SIGINT, "rnncast: interrupted after the command had ended (status 2, said above)")])
def test_a_signal_while_the_exit_handlers_run_ends_the_process_by_it_without_noise(status, signum, said):
    """A Ctrl-C in the last moments of a finished command (torch's and the others' exit handlers) was printed as
    "Exception ignored in atexit callback ... KeyboardInterrupt" and the process exited 0: a shell loop went on.
    The exit handler here stands for those, and sends the signal as a terminal would, at a point the test chooses."""
    import subprocess
    import sys

    script = ("import atexit, os, sys\nfrom rnncast import interrupts\n"
              f"atexit.register(lambda: (os.kill(os.getpid(), {int(signum)}), print('handler went on', flush=True)))\n"
              f"sys.exit(interrupts.end_by_signal({status}))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == -signum, (done.returncode, done.stderr)  # a shell's 128 + signum, and a loop stops
    assert done.stdout == "handler went on\n" and "Exception ignored" not in done.stderr, done.stderr
    assert done.stderr.strip().splitlines() == [said] or done.stderr.strip().startswith(said), done.stderr


def test_a_ctrl_c_after_fit_finished_leaves_its_run_complete_and_ends_by_sigint(tmp_path):
    """The whole ``rnncast`` entry point: fit writes its run, then a Ctrl-C comes while the exit handlers run."""
    import subprocess
    import sys

    from test_training import _series_csv

    _series_csv(tmp_path / "series.csv", n=120)
    script = ("import atexit, os, signal, sys\nfrom rnncast import cli\n"
              "atexit.register(lambda: os.kill(os.getpid(), signal.SIGINT))\n"
              "sys.argv = ['rnncast', 'fit', 'series.csv', '--target', 'y', '--lookback', '6', '--horizon', '2',"
              " '--hidden-size', '4', '--epochs', '1', '--device', 'cpu', '--out', 'run']\n"
              "sys.exit(cli.entry())\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True,
                          env={**os.environ, "OMP_NUM_THREADS": "1", "PYTHONPATH": os.pathsep.join(sys.path)})
    assert done.returncode == -signal.SIGINT, (done.returncode, done.stderr)
    assert "Exception ignored" not in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("rnncast: interrupted after the command had finished")
    assert {"config.json", "metrics.json", "checkpoint.safetensors", "report.html"} <= {
        p.name for p in (tmp_path / "run").iterdir()}


def test_a_signal_inside_one_step_waits_for_its_end_and_meets_the_handler_it_would_have_met():
    """``one_step``: a Ctrl-C, also one that reaches another thread of the process, is noted inside the block and
    delivered as it ends, to the handler of before (which raises, or inside fit's block notes it)."""
    import threading

    before = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    handler = signal.signal(signal.SIGINT, signal.default_int_handler)
    done = []
    try:
        with pytest.raises(KeyboardInterrupt):
            with interrupts.one_step():
                sender = threading.Thread(target=os.kill, args=(os.getpid(), signal.SIGINT))
                sender.start()
                sender.join()
                sum(range(100_000))  # Python checks for signals while this runs
                done.append(True)
        assert done == [True]  # the block ran to its end first
        with interrupts.ctrl_c_between_batches():  # inside fit's block the Ctrl-C is noted there, as ever
            with interrupts.one_step():
                signal.raise_signal(signal.SIGINT)
                done.append(True)
            assert done == [True, True] and isinstance(interrupts.pending(), KeyboardInterrupt)
    finally:
        signal.signal(signal.SIGINT, handler)
    assert {s: signal.getsignal(s) for s in before} == before


def test_a_finished_command_ends_after_its_exit_handlers_without_a_teardown_a_signal_could_cut(tmp_path):
    """A tester's finding: a Ctrl-C in the second or two after a finished fit's last line (Python taking torch's
    modules down, with the signals set back to their default) ended it by SIGINT, silently, its work complete. The
    command now ends as soon as its exit handlers ran: a module whose teardown would take 3 s is never taken down, so a
    Ctrl-C 0.5 s after the last line finds no process and the status is the command's."""
    import subprocess
    import sys
    import time

    script = tmp_path / "finished.py"
    script.write_text("import sys, time\nfrom rnncast import interrupts\n\n\nclass Slow:\n    def __del__(self):\n"
                      "        time.sleep(3)\n\n\nkeep = Slow()  # taken down with the module, at the interpreter's end\n"
                      "print('done', flush=True)\nsys.exit(interrupts.end_by_signal(0))\n")
    process = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout.readline() == "done\n"
    time.sleep(0.5)
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
    assert process.wait(timeout=30) == 0 and process.stderr.read() == ""


def test_a_signal_held_in_said_when_held_is_answered_at_once_and_a_second_stops(capfd):
    """decision 1753: a held signal said at once (SIGTERM named), the signal kept for pending; none said outside."""
    with interrupts.ctrl_c_between_batches():
        with interrupts.said_when_held("finishing X"):
            os.kill(os.getpid(), signal.SIGTERM)
            assert capfd.readouterr().err == "rnncast: interrupted (SIGTERM); finishing X\n"
            with pytest.raises(KeyboardInterrupt):
                os.kill(os.getpid(), signal.SIGINT)  # the second: at once
        assert isinstance(interrupts.pending(), interrupts.Terminated)  # the first, still held: its caller takes it
        os.kill(os.getpid(), signal.SIGINT)
        assert capfd.readouterr().err == "" and isinstance(interrupts.pending(), KeyboardInterrupt)
        os.kill(os.getpid(), signal.SIGINT)
        with interrupts.said_when_held("finishing Y"):  # held before the block: said as it begins
            assert capfd.readouterr().err == "rnncast: interrupted; finishing Y\n"
        assert isinstance(interrupts.pending(), KeyboardInterrupt)


def test_a_signal_between_the_blocks_line_and_its_check_is_said_once(capfd, monkeypatch):
    """r34r3 9 (decision 1776): a first signal landing after said_when_held set its line and before its own check was
    answered by the handler and again by the block. The signal is sent inside the check here, as that moment."""
    calls = []
    real = interrupts._stop.is_set

    def landed():
        if not calls:  # the block's own check: the signal lands just before it
            calls.append(1)
            os.kill(os.getpid(), signal.SIGINT)
        return real()

    with interrupts.ctrl_c_between_batches():
        monkeypatch.setattr(interrupts._stop, "is_set", landed)
        with interrupts.said_when_held("finishing Z"):
            monkeypatch.setattr(interrupts._stop, "is_set", real)
        assert capfd.readouterr().err == "rnncast: interrupted; finishing Z\n"
        assert isinstance(interrupts.pending(), KeyboardInterrupt)


def test_moved_on_switches_the_held_line_to_its_then_line_inside_the_block_alone(capfd):
    """decision 1825: fit's line named the scoring after the scoring was over; ``moved_on`` gives the ``then`` line."""
    interrupts.moved_on()  # outside a block: nothing
    with interrupts.ctrl_c_between_batches():
        with interrupts.said_when_held("finishing X (scoring, then writing)", "finishing X (writing)"):
            interrupts.moved_on()
            os.kill(os.getpid(), signal.SIGINT)
            assert capfd.readouterr().err == "rnncast: interrupted; finishing X (writing)\n"
        assert isinstance(interrupts.pending(), KeyboardInterrupt)
        with interrupts.said_when_held("finishing Y"):  # no then line: kept
            interrupts.moved_on()
            os.kill(os.getpid(), signal.SIGINT)
            assert capfd.readouterr().err == "rnncast: interrupted; finishing Y\n"
        assert isinstance(interrupts.pending(), KeyboardInterrupt)
