"""The end of ``rnncast fit``, once training is over: the run's outputs written (``write``) and, for a run
replacing an earlier one, moved over it (``replacing.swap``), each outcome said as it is.

A Ctrl-C or SIGTERM while the outputs are written is held (``interrupts.ctrl_c_between_batches``) and
answered at once with one line (what is being finished, that a second signal stops it now, and the resume that
writes the outputs later: decision 1753), and, as a step, at the next safe point: before the swap the earlier run stays as it was and the new one, complete,
waits beside it; after the swap the run is complete and is said to be. A write the system refuses (a full
disk) or a second signal, which stops the write at once, names the run's state and how to go on
(``rnncast fit --resume RUN`` writes the outputs again from the saved model)."""

from __future__ import annotations

import shlex
import errno
import sys
from pathlib import Path

from rnncast import interrupts, replacing
from rnncast.cli import os_error_text
from rnncast.errors import refused
from rnncast.outputs import OUTPUT_FILES


def resume_command(out: Path, data=None) -> str:
    """The command that continues the run ``out``: ``rnncast fit --resume OUT``, and ``data`` where this fit was a
    resume given its DATA (the data moved: without it the run's own path would be tried again, and not found)."""
    return f"rnncast fit --resume {shlex.quote(str(out))}" + (f" {shlex.quote(str(data))}" if data else "")


def write_and_place(write, out: Path, into: Path, data=None) -> dict | int:
    """``write()``'s metrics (the run's outputs written into ``into``; moved over ``out``'s earlier run when
    ``into`` is not ``out``), or the exit status of a signal that stopped it, said on stderr; a signal held is
    answered at once, naming the scoring until ``write`` calls ``interrupts.moved_on`` (its files alone left). A refused write
    raises ``RnncastError`` with the run's state. ``data``: the DATA a resume was given (``resume_command``)."""
    replaces = into != out
    try:
        kept = (f"; the earlier run in {out} stays as it is, and {resume_command(out, data)} then puts the new one in "
                "place" if replaces else "")  # a replacing fit stops before its swap (r34r3 2, decision 1765)
        line = lambda doing: (f"finishing the {'new ' * replaces}run's outputs first ({doing}"  # noqa: E731
                              f"{f' in {into}' if replaces else ''}){kept}; Ctrl-C again (or a second SIGTERM) stops it "
                              f"now, and {resume_command(out, data)} writes them later")  # decision 1753
        with interrupts.said_when_held(line("scoring its test windows, then writing its files"),
                                       line("writing its files")):  # once write() calls moved_on (decision 1825)
            metrics = write()
    except KeyboardInterrupt as err:  # a second signal: the first was held, this one stops the write
        interrupts.pending()  # the first, taken: this line answers both
        print(f"rnncast: interrupted{interrupts.by(err)}; {unwritten(out, into, data=data)}", file=sys.stderr)
        return interrupts.exit_status(err)
    except OSError as err:
        space = "after freeing space, " if err.errno == errno.ENOSPC else ""
        raise refused(err)(
            f"{os_error_text(err)} (while the run's outputs were written; {unwritten(out, into, space, data)})") from None
    held = interrupts.pending()
    if held is not None and replaces:  # not yet swapped: the earlier run is kept
        print(f"rnncast: interrupted{interrupts.by(held)} before the new run replaced the earlier one; {out} keeps "
              f"the earlier run as it was and the new run, complete, waits in {into}: {resume_command(out, data)} puts "
              f"it in place (or fit again with --overwrite to start it over)", file=sys.stderr)
        return interrupts.exit_status(held)
    if replaces:
        try:
            replacing.swap(out, OUTPUT_FILES)  # complete: now it replaces the earlier run
        except OSError as err:  # a file no rename moves (chattr +i), found before the move began: the earlier run whole
            raise refused(err)(f"{os_error_text(err)} (the new run could not replace the earlier one: {out} keeps the "
                               f"earlier run as it was and the new run, complete, waits in {into}; once that file can be "
                               f"replaced, {resume_command(out, data)} puts it in place)") from None
    if held is not None:
        return complete(held, out, replaces, while_written=True)
    return metrics


def complete(held: KeyboardInterrupt, out: Path, replaced: bool, while_written: bool = False) -> int:
    """Say that a signal came once the run ``out`` was complete (``while_written``: while its outputs were written,
    which went on to the end first): nothing of it is lost."""
    instead = " (it replaced the earlier run)" if replaced else ""
    when = (f"the signal came while the run's outputs were written, which were finished first: the run {out} is "
            f"complete{instead}" if while_written else f"the run {out} was complete before the signal{instead}")
    print(f"rnncast: interrupted{interrupts.by(held)}; {when}: its scores are in {out}/report.html", file=sys.stderr)
    return interrupts.exit_status(held)


def unwritten(out: Path, into: Path, space: str = "", data=None) -> str:
    """What a write stopped short left: the trained model saved, its outputs not all written, and how to go on
    (``resume_command``)."""
    if into == out:
        return (f"the trained model is saved in {out}, its outputs not all written; {space}write them with: "
                f"{resume_command(out, data)}")
    return (f"{out} keeps the earlier run as it was; the new run is trained, its outputs not all written, in {into}: "
            f"{space}{resume_command(out, data)} writes them and replaces the earlier run (or remove {into} to "
            f"give the new run up)")
