"""Ctrl-C during training: the loop stops at the next batch, and the interrupt is never lost.

The CLI's ``fit`` trains inside ``ctrl_c_between_batches()``; the training loop (``training.py``)
calls ``stop_if_asked()`` at every batch, so a run interrupted by Ctrl-C ends between steps, where
its checkpoint is whole.

SIGTERM (``kill``, ``docker stop``, a scheduler's time limit) is taken as a Ctrl-C: ``Terminated``, a
``KeyboardInterrupt``, so every command stops as Ctrl-C stops it and says so; the exit status is the
signal's (``exit_status``: 130 for SIGINT, 143 for SIGTERM), as a shell reports a process it ended, and the
``rnncast`` command then ends by that signal itself once its exit handlers ran (``end_by_signal``), so a shell loop
or script running it stops too; a signal after the command's end, while Python shuts down, ends it so too. Not
in a process that torchrun started (``under_launcher``): torchrun ends its workers with SIGTERM when one
fails or it is stopped itself, and a worker blocked in a collective runs no Python handler until the
call returns, so there SIGTERM keeps its default, an immediate end (the checkpoint of the last finished
epoch is whole; rank 0 writes it atomically).
"""

from __future__ import annotations

import atexit
import logging
import os
import signal
import sys
import threading
from contextlib import contextmanager

from rnncast import launchenv
from rnncast.errors import RnncastError

_stop = threading.Event()  # set by Ctrl-C (or SIGTERM) inside ctrl_c_between_batches()
_by = [signal.SIGINT]  # the signal that set _stop
_end_by: list[int] = []  # the signal the process ends by at exit (end_by_signal)


BEFORE_THE_COMMAND = "the command had not begun (rnncast was loading): nothing was read or written; run it again"
"""What a command stopped while rnncast loaded left (``cli.main``, ``python -m rnncast``): nothing."""


class Terminated(KeyboardInterrupt):
    """A SIGTERM, taken as a Ctrl-C."""


def _interrupt(signum) -> KeyboardInterrupt:
    return Terminated() if signum == signal.SIGTERM else KeyboardInterrupt()


_said: list[str] = []  # the line a held signal is answered with at once (said_when_held)
_told = [False]  # whether it was said in this block: once, by the handler or by the block's own check
_then: list[str] = []  # the line it is answered with once the block's step moves on (moved_on)


def _request_stop(signum, frame):
    if _stop.is_set():
        raise _interrupt(signum)
    _by[0] = signum
    _stop.set()
    if _said:
        _say_held()


def _say_held() -> None:
    """``said_when_held``'s line for the signal held, on stderr's descriptor: a handler that ran while the main thread
    wrote to ``sys.stderr`` would fail there as a reentrant call."""
    if _told[0]:
        return  # the handler said it between the block's line and its check (decision 1776)
    _told[0] = True
    said = " (SIGTERM)" if _by[0] == signal.SIGTERM else ""
    try:
        os.write(2, f"rnncast: interrupted{said}; {_said[0]}\n".encode("utf-8", "replace"))
    except OSError:
        pass  # stderr closed: the signal is still held, and said at its end


def _raise_terminated(signum, frame):
    raise Terminated()


def under_launcher() -> bool:
    """Whether torchrun (or another launcher of a process group) started this process: the variables it sets
    (``distributed.launched`` reads the same; this module imports no torch)."""
    try:
        return launchenv.launched()  # an empty WORLD_SIZE reads as unset (decision 1860)
    except RnncastError:  # text: cli.main refuses it in one line; its signals are then a lone process's
        return False


def exit_status(err: BaseException) -> int:
    """The exit status of a command that ``err`` (a ``KeyboardInterrupt``) ended: 128 + the signal's number."""
    return 128 + (signal.SIGTERM if isinstance(err, Terminated) else signal.SIGINT)


def end_by_signal(status: int) -> int:
    """``status``, and, where it is a signal's (130, 143: ``exit_status``), the process ends by that signal after its
    exit handlers ran, instead of exiting with the number. A shell reports both as 130 (143), but only a process
    ended by the signal tells it that the command was stopped: bash goes on to a loop's next command, or a script's
    next line, after a command that exited 130 (taken as a program that handles Ctrl-C itself, as an editor does),
    and stops after one that SIGINT ended (the convention Python's own uncaught KeyboardInterrupt follows). A Ctrl-C
    or SIGTERM that comes later, until the process is gone (while Python shuts down and other libraries' exit
    handlers run), is only noted, never raised there ("Exception ignored in atexit callback"), and the process ends
    by it too, with one line saying the command had finished first (``_after_the_end``). For the ``rnncast``
    command's entry points only, never inside a process that goes on (a test calling ``cli.main``); not under
    torchrun (``under_launcher``: the launcher reads its workers' statuses) nor where POSIX signals are not
    (Windows): there the status is returned as it is."""
    signum = {exit_status(KeyboardInterrupt()): signal.SIGINT, exit_status(Terminated()): signal.SIGTERM}.get(status)
    if os.name != "posix" or under_launcher() or threading.current_thread() is not threading.main_thread():
        return status
    for watched in _WATCHED:
        signal.signal(watched, _note_after_the_end)
    _ended[:] = [status]
    if signum is not None:
        _end_by[:] = [signum]
    return status


_WATCHED = (signal.SIGINT, signal.SIGTERM)
_ended: list[int] = []  # the command's status, once end_by_signal has it: signals from then on are noted
_after: list[int] = []  # a signal that came after the command had ended (end_by_signal)


def _note_after_the_end(signum, frame):
    if not _after:
        _after[:] = [signum]


def _after_the_end(signum: int, status: int) -> str:
    """The line for a signal that came after the command had ended with ``status``: its work stands as it was."""
    said = " (SIGTERM)" if signum == signal.SIGTERM else ""
    if status == 0:
        return (f"rnncast: interrupted{said} after the command had finished its work: what it wrote is complete, "
                f"and the exit status is the signal's")
    return f"rnncast: interrupted{said} after the command had ended (status {status}, said above)"


@atexit.register  # at this module's import, before torch's and the others': run after theirs (last in, first out)
def _end_by_signal():
    if not _ended:
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, set(_WATCHED))  # runs the handler for one that came just before
    if not _end_by and _after:
        _end_by[:] = _after
        try:
            print(_after_the_end(_after[0], _ended[0]), file=sys.stderr)
        except (OSError, ValueError, AttributeError):
            pass
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):  # closed, or a reader gone: nothing more can be said
            pass
    for watched in _WATCHED:  # from here on a signal ends the process at once, by itself (a pending one: now)
        signal.signal(watched, signal.SIG_DFL)
    if _end_by:
        signal.raise_signal(_end_by[0])  # to this thread, which blocks it: pending until the unblocking below
    signal.pthread_sigmask(signal.SIG_UNBLOCK, set(_WATCHED))  # ends the process here if one is pending
    # No signal came: the command's work is written and said. Python would now take its modules down (torch's take
    # a second or two), a time in which it has set the signals back to their default, so that a Ctrl-C there ended
    # the finished command by SIGINT without a word (a tester's finding). The handlers that ran before this one
    # have run; logging's, registered before it, is run here; the process then ends with the command's status.
    logging.shutdown()
    os._exit(_ended[0])


def by(err: BaseException) -> str:
    """How a message names the signal behind ``err``: "" for Ctrl-C, " (SIGTERM)" for a ``Terminated``."""
    return " (SIGTERM)" if isinstance(err, Terminated) else ""


@contextmanager
def sigterm_as_ctrl_c():
    """Within this block a SIGTERM raises ``Terminated`` where the main thread is, as Python's own handler
    raises KeyboardInterrupt for a Ctrl-C: the command's cleanup runs (a held folder released, a refused
    folder tidied) and ``rnncast`` says it was stopped. Every command runs inside it (``cli.main``); fit's
    training inside ``ctrl_c_between_batches`` as well, which stops it between batches instead. Nothing
    outside the main thread or under torchrun (``under_launcher``)."""
    if threading.current_thread() is not threading.main_thread() or under_launcher():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def ctrl_c_between_batches():
    """Within this block a Ctrl-C (SIGINT) is raised as KeyboardInterrupt at the next batch (or the next
    ``stop_if_asked``), and a second one at once. Python's default handler raises it wherever the main
    thread happens to be, and when that is inside a finalizer (``__del__``, a weakref callback) Python
    prints it and goes on: the interrupt is lost and training runs to the end. A process started with
    SIGINT ignored (a script's background job, ``cmd &``) would drop a ``kill -INT`` sent before the
    block: the CLI's fit enters it before reading its data. Blocks nest: an inner one keeps the outer's
    handler and a Ctrl-C still pending, and a Ctrl-C that came after the last batch's check is raised
    when the outermost block ends without error, never cleared unseen. Outside the main thread this
    does nothing. A SIGTERM is taken alike and raised as ``Terminated`` (not under torchrun: ``under_launcher``).
    """
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGINT) is _request_stop:
        yield  # another thread, or inside a block already: its handler and flag stay
        return
    _stop.clear()
    watched = (signal.SIGINT,) if under_launcher() else (signal.SIGINT, signal.SIGTERM)
    previous = {signum: signal.signal(signum, _request_stop) for signum in watched}
    try:
        yield
        stop_if_asked()  # a Ctrl-C after the last check: the caller sees it
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        _stop.clear()


def stop_if_asked() -> None:
    """Raise KeyboardInterrupt if a Ctrl-C arrived inside ``ctrl_c_between_batches`` since the last call
    (the training loop asks at every batch)."""
    if _stop.is_set():
        _stop.clear()
        raise _interrupt(_by[0])


@contextmanager
def said_when_held(line: str, then: str | None = None):
    """Within this block (inside ``ctrl_c_between_batches``, for a step that holds a signal until it is done: fit's
    outputs, ``cli.finishing``) a first Ctrl-C or SIGTERM is answered at once on stderr with ``line`` (what is being
    finished, that a second signal stops it now and how to go on then), after "rnncast: interrupted; ", instead of
    minutes of silence while the test windows are scored (decision 1753); one held already as the block begins is
    answered then. The signal stays held (``pending``). ``then``: the line once ``moved_on`` is called (the test
    windows scored, the files alone left to write: decision 1825)."""
    _told[0] = False
    _said[:] = [line]
    _then[:] = [then] if then else []
    try:
        if _stop.is_set():
            _say_held()
        yield
    finally:
        _said.clear()
        _then.clear()


def moved_on() -> None:
    """Inside ``said_when_held`` with a ``then`` line: a signal from here on is answered with it (fit's outputs: the
    test windows scored, only the files left to write, decision 1825); nothing outside such a block."""
    if _said and _then:
        _said[0] = _then[0]


def pending() -> KeyboardInterrupt | None:
    """The interrupt that a Ctrl-C (or SIGTERM) held inside ``ctrl_c_between_batches`` since the last check stands
    for, taken (cleared); None when none came. For a step past which stopping changes what is kept (fit's
    outputs written, then moved over an earlier run: ``cli.finishing``), which says what the signal left."""
    if not _stop.is_set():
        return None
    _stop.clear()
    return _interrupt(_by[0])


@contextmanager
def one_step():
    """Within this block a signal waits: SIGINT, SIGTERM and any other signal with a Python handler (a SIGALRM
    timeout) are only noted, and each is delivered again to its own handler as the block ends
    (``signal.raise_signal``), so a few steps that must not be split (an earlier model moved aside and the new one
    renamed into its place: ``checkpoint.write_model``; a replacing run's move: ``replacing.swap``) run whole, or,
    where the signal came before the block, not at all. The handlers stay what they were: Python's default raises
    ``KeyboardInterrupt`` after the block, inside ``ctrl_c_between_batches`` the stop is only noted, a SIGTERM
    without a handler ends the process after the block. Handlers, not a signal mask: a mask is per thread, and a
    Ctrl-C sent to the process reaches whichever of torch's threads does not block it, whose handler Python then
    runs on the main thread. Keep the block short (renames, a few files removed). Nothing outside the main thread
    (Python runs handlers there only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    came: list[int] = []
    previous: dict = {}
    try:
        for signum in signal.valid_signals():
            handler = signal.getsignal(signum)
            if callable(handler) or signum in _WATCHED and handler == signal.SIG_DFL:
                previous[signum] = signal.signal(signum, lambda signum, frame: came.append(signum))
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        for signum in dict.fromkeys(came):  # each once, in the order they came, to the handler it would have met
            signal.raise_signal(signum)


@contextmanager
def held_until_done():
    """Within this block a Ctrl-C or SIGTERM is only noted, and raised when the block ends without error (as
    ``KeyboardInterrupt`` or ``Terminated``, for the first signal that came); an exception from the block passes
    and the signal is dropped with the command it would have stopped. For imports, where an exception raised at an
    arbitrary point does harm (measured with a Ctrl-C 0.1-1.5 s into ``rnncast fit``): raised inside the import
    lock's callback it is printed as "Exception ignored" and lost, so the command runs to its end; inside numpy's
    C start-up it becomes an ImportError with a traceback; inside torch's C++ start-up it aborts the process
    (status 134). The CLI parses and imports inside it (``cli.main``), so a signal there waits the rest of the
    imports (a few seconds at most) and then ends the command with one line. Nothing outside the main thread;
    under torchrun (``under_launcher``) SIGTERM keeps its default."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    came: list[int] = []
    watched = (signal.SIGINT,) if under_launcher() else (signal.SIGINT, signal.SIGTERM)
    previous = {signum: signal.signal(signum, lambda signum, frame: came.append(signum)) for signum in watched}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if came:
        raise _interrupt(came[0])
