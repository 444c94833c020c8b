"""The ``rnncast`` command: demo, fit, tune, predict, evaluate, backtest, export, compare, bench.

Three parts: ``parser`` (the flags, made from the settings dataclasses so they match
``Forecaster``'s arguments), ``commands`` (what each command does; ``fitting``: what fit does,
``tuning``: what tune does; ``outputs``: where they write) and ``display`` (what a person sees:
progress bars and tables). Bad input ends with one line
``rnncast: error: ...`` on stderr and exit status 2, no traceback; so does a file the system refuses
to read or write (``OSError``: the line names the path and the problem) and a network too large for
the memory at hand. A full or failing disk exits 74 and a folder another rnncast process holds 75 (sysexits.h's
EX_IOERR and EX_TEMPFAIL), for a scheduler to tell a retry from a fix (decision 2186).
"""

from __future__ import annotations

import argparse
import errno
import importlib
import logging
import os
import re
import sys

from rnncast import interrupts
from rnncast.errors import DISK_ERRNOS, Busy, DiskFailed, RnncastError
from rnncast.writeadvice import advice

EXIT_BAD_INPUT = 2
# sysexits.h's codes for what no change of the command mends (decision 2186): EX_IOERR "an error occurred while doing
# I/O on some file" (a full disk, a failing one), EX_TEMPFAIL "temp failure; user is invited to retry" (errors.Busy)
EXIT_IO_ERROR = 74
EXIT_TRY_LATER = 75


def entry() -> int:
    """The ``rnncast`` command (pyproject's console script; ``python -m rnncast`` alike): ``main``'s status, and after
    Ctrl-C or SIGTERM the end by that signal once the exit handlers ran (``interrupts.end_by_signal``), so that a
    shell loop of rnncast commands stops at the first Ctrl-C. A signal after the command's end, until the process is
    gone, ends it so too (said in one line), and one in ``main``'s last steps, after its own handling, alike."""
    from rnncast.cli.display import plain_streams

    plain_streams()  # a Latin-1 terminal gets '-' for an en dash, not a traceback
    try:
        return interrupts.end_by_signal(main())
    except KeyboardInterrupt as err:  # in main's clean-up or as it returned, before end_by_signal took the signals
        print(f"rnncast: interrupted{interrupts.by(err)}", file=sys.stderr)
        return interrupts.end_by_signal(interrupts.exit_status(err))


def main(argv: list[str] | None = None) -> int:
    from rnncast.version import COMMAND_LINE

    from rnncast import launchenv

    try:  # a torchrun variable exported empty or as text (WORLD_SIZE=abc): one line, before any command (decision 1860)
        launchenv.check()
    except RnncastError as err:
        print(f"rnncast: error: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    from rnncast.mplconfig import private_folder

    private_folder()  # matplotlib's config folder unusable: a temporary one, no warnings (decisions 1863, 1906)
    code, token = None, COMMAND_LINE.set(None)  # this command's line, set in _parse_and_run, ends with it (decision 1673)
    level = logging.getLogger("rnncast").level  # -q/-v set it for this command alone (decision 1872)
    try:
        with interrupts.sigterm_as_ctrl_c():  # kill, docker stop: stopped as by Ctrl-C, and said so
            code = _parse_and_run(argv)
    except KeyboardInterrupt as err:  # before the command ran: while its modules (torch, pandas) were imported
        print(f"rnncast: interrupted{interrupts.by(err)}; {interrupts.BEFORE_THE_COMMAND}", file=sys.stderr)
        code = interrupts.exit_status(err)
    finally:
        COMMAND_LINE.reset(token)  # a later write in this process (a notebook, a test) records no stale command
        logging.getLogger("rnncast").setLevel(level)  # a later call in this process says what it said before -q
        # leave torchrun's process group, if fit joined one; never imported here: a signal that cut torch's import
        # short leaves it half-loaded, and importing it again crashes (a traceback or a segfault, not one line)
        distributed = sys.modules.get("rnncast.distributed")
        follower = distributed is not None and distributed.finish(wait=code == 0)
    if follower:  # a torchrun rank other than 0: its work is done and rank 0 has written the run
        sys.stdout.flush()
        sys.stderr.flush()
        logging.shutdown()
        os._exit(code)  # skip the interpreter's shutdown, where gloo's threads can abort it (distributed.finish)
    return code


def _parse_and_run(argv: list[str] | None) -> int:
    """``main`` inside its SIGTERM block: the flags parsed (the parser's import, which loads most of rnncast, too) and
    the modules every command uses imported, a signal meanwhile held until they are (``interrupts.held_until_done``),
    then the command run (``run``)."""
    with interrupts.held_until_done():  # a signal while modules load is raised after them, never inside one
        from rnncast.cli.parser import build_parser

        misuse = on_off_misuse(sys.argv[1:] if argv is None else list(argv))
        if misuse:
            print(f"rnncast: error: {misuse}", file=sys.stderr)
            return EXIT_BAD_INPUT
        parser = build_parser()
        args, extras = parser.parse_known_args(argv)
        if extras:  # words no flag took: several values given to a flag of one comma-separated value (decision 1894)
            ran = ran_parser(parser, args)  # "rnncast bench ltsf": its flags alone, its name (decision 1945)
            misuse = list_misuse(ran, sys.argv[1:] if argv is None else list(argv), extras)
            if misuse:
                print(f"{ran.prog}: error: {misuse}", file=sys.stderr)
                return EXIT_BAD_INPUT
            parser.parse_args(argv)  # argparse's "unrecognized arguments" for any other stray word (exits 2)
        from rnncast.version import COMMAND_LINE
        import shlex

        COMMAND_LINE.set(shlex.join(["rnncast", *(sys.argv[1:] if argv is None else argv)]))  # config.json keeps it
        from rnncast.cli import misplaced

        try:  # a wrong DATA path said in a second, before torch and pandas load (decision 2190); run() asks again
            misplaced.check(args)  # first, as run() does: its refusals come before a missing file's
            misplaced.missing_data(args)
            misplaced.missing_paths(args)  # RUN, --config, --future, --static ... alike (decision 2215)
        except RnncastError as err:
            print(f"rnncast: error: {err}", file=sys.stderr)
            return EXIT_BAD_INPUT
        except OSError:  # a folder that may not be read: said by run(), naming its path
            pass
        importlib.import_module("rnncast.forecaster")  # torch, pandas, numpy: every command's, loaded here, not --help
    logging.basicConfig(level=logging.WARNING, format="rnncast: %(levelname)s: %(message)s")
    from rnncast.cli.display import set_loudness

    set_loudness(args)  # information (where time came from, fills, early stops: one line each); -q, -v: less, more
    return run(args)


ON_OFF_WORDS = {"yes", "no", "true", "false", "on", "off", "y", "n", "0", "1"}


def on_off_misuse(argv: list[str]) -> str | None:
    """An on/off flag given a value (``--window-scale no``, ``--highway=false``): argparse would say
    "unrecognized arguments: no" or "ignored explicit argument"; this line says what to write instead.
    A word after the flag that names an existing file is left to be read as DATA."""
    from pathlib import Path

    from rnncast.config import setting_fields

    flags = {"--" + f.name.replace("_", "-") for f in setting_fields()
             if isinstance(f.default, bool) and f.metadata.get("flag", True)}
    for i, token in enumerate(argv):
        if token == "--":
            return None
        name, eq, value = token.partition("=")
        base = "--" + name[5:] if name.startswith("--no-") else name
        if base not in flags:
            continue
        if eq:
            given = value
        elif i + 1 < len(argv) and argv[i + 1].lower() in ON_OFF_WORDS and not Path(argv[i + 1]).exists():
            given = argv[i + 1]
        else:
            continue
        return (f"{name} takes no value, got {given!r}: write {base} to turn it on or --no-{base[2:]} to turn it off")
    return None


def ran_parser(parser: argparse.ArgumentParser, args: argparse.Namespace) -> argparse.ArgumentParser:
    """The parser of the command ``args`` were parsed for, down every level of subcommands (``rnncast bench ltsf``'s
    for ``bench ltsf ...``), whose ``prog`` names it; ``parser`` itself where it has no subcommands."""
    while True:
        sub = next((action for action in parser._actions if action.nargs == argparse.PARSER), None)
        if sub is None or getattr(args, sub.dest, None) not in sub.choices:
            return parser
        parser = sub.choices[getattr(args, sub.dest)]


def list_misuse(parser, argv: list[str], extras: list[str]) -> str | None:
    """A flag of one comma-separated value given space-separated ones (``--quantiles 0.5 0.9 0.95``,
    ``--future-covariates electives holiday``): argparse takes the first and says only "unrecognized arguments: 0.9
    0.95"; this line names the flag and the spelling to write. Only where the stray words ``extras`` (those no flag
    took) are exactly the words right after such a flag's value; else None, argparse's line stands (decision 1894).
    Such flags: a column flag (``columnflags.ColumnNames``, COLS) and ``--quantiles`` (LEVELS), of ``parser`` alone,
    the command run (``ran_parser``): ``bench ltsf --target`` takes one column, fit's several (decision 1945)."""
    from rnncast.argparsing import NEGATIVE_NUMBER
    from rnncast.columnflags import ColumnNames

    flags = {}  # flag: whether it names columns (and may be repeated, one name each)
    for action in parser._actions:
        if isinstance(action, ColumnNames) or action.metavar == "LEVELS":
            flags.update({f: isinstance(action, ColumnNames) for f in action.option_strings if f.startswith("--")})
    for i, token in enumerate(argv):
        if token == "--":
            return None
        name, eq, value = token.partition("=")
        if name not in flags or (not eq and i + 1 >= len(argv)):
            continue
        start = i + 1 if eq else i + 2
        value = value if eq else argv[i + 1]
        words = []
        for word in argv[start:]:
            if word.startswith("-") and not NEGATIVE_NUMBER.match(word):
                break
            words.append(word)
        if not words or words != list(extras):
            continue
        columns = flags[name]  # a name may hold a comma (CSV-quoted): kept whole; levels' stray commas dropped
        joined = ",".join([value, *words] if columns else [p.strip() for w in [value, *words] for p in w.split(",")
                                                              if p.strip()])
        repeat = " (or the flag once for each name)" if columns else ""
        left = " ".join(words)
        return (f"{name} takes one comma-separated value{repeat}, and {left} {'was' if len(words) == 1 else 'were'} "
                f"left over: write {name} {joined}")
    return None


def run(args) -> int:
    """The parsed command's exit status: its own, or 2 (one stderr line) for bad input, 74 for a full or failing disk,
    75 for what another rnncast process holds (try again later), 130 for Ctrl-C, 143 for SIGTERM. Standard output is the command's through ``display.NamedOutput``, flushed before the command ends, so
    a refused write of it (a full disk) is said naming it."""
    from rnncast.cli.display import NamedOutput

    stdout = sys.stdout
    sys.stdout = NamedOutput(stdout)
    try:
        return _run(args)
    finally:
        sys.stdout = stdout


def _run(args) -> int:
    """``run`` with its standard output named."""
    from rnncast.cli import misplaced
    from rnncast.noticed import one_call
    from rnncast.spelling import config_settings

    try:
        misplaced.check(args)  # RUN and DATA swapped, a run directory as DATA: said before the command runs
        with config_settings(), one_call():  # a refused value a --config file gave names the file (fit_request
            code = args.run(args)  # says which); a note said once per call said once per command
        sys.stdout.flush()  # what it printed, written now: a refusal is said here, not at Python's exit
        return code
    except RnncastError as err:
        print(f"rnncast: error: {err}", file=sys.stderr)
        return EXIT_TRY_LATER if isinstance(err, Busy) else EXIT_IO_ERROR if isinstance(err, DiskFailed) else EXIT_BAD_INPUT
    except KeyboardInterrupt as err:  # Ctrl-C, or SIGTERM (interrupts.Terminated)
        said = ""
        if getattr(args, "command", None) in ("predict", "evaluate", "export", "compare"):
            from rnncast.cli.stopped import reader_left
            said = f"; {reader_left(args)}"
        print(f"rnncast: interrupted{interrupts.by(err)}{said}", file=sys.stderr)
        return interrupts.exit_status(err)
    except BrokenPipeError:  # the reader went away (`rnncast evaluate ... | head -1`): what it read was enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error when Python flushes stdout
        return 141
    except OSError as err:  # a folder where a file should be, a file in the way, no permission, a full disk
        print(f"rnncast: error: {os_error_text(err)}", file=sys.stderr)
        return EXIT_IO_ERROR if err.errno in DISK_ERRNOS else EXIT_BAD_INPUT  # the disk, not the path named
    except (MemoryError, RuntimeError) as err:
        text = memory_error_text(err, args)
        if text is None:
            raise  # a bug: its traceback is what a report needs
        print(f"rnncast: error: {text}", file=sys.stderr)
        return EXIT_BAD_INPUT


def os_error_text(err: OSError) -> str:
    """One line for a refused read or write: the path (the destination of a rename), what the system
    said, what was left of the file (one that ``files.write_bytes`` refused: nothing of it written) and what to do."""
    path = err.filename2 if err.filename2 is not None else err.filename
    said = err.strerror or str(err) or type(err).__name__
    hint = advice(err, other="another one")  # one rule for every refused write (writeadvice, decision 1903)
    if path == "standard output" and err.errno == errno.ENOSPC:  # display.NamedOutput's: no path to give instead
        hint = "the disk it is sent to is full: free some space, or send it to another disk"
    if getattr(err, "kept", False) and path is not None:  # files.unwritten: the write was atomic
        kept = f"nothing was written to {path}, and a file there before is as it was"
        hint = kept if hint is None else hint.replace(": ", f": {kept}; ", 1) if ": " in hint else f"{kept}; {hint}"
    where = f"{path}: " if path is not None else ""
    return f"{where}{said}" + (f" ({hint})" if hint else "")


_ALLOCATION = re.compile(r"out of memory|can't allocate memory|cannot allocate memory|not enough memory|"
                         r"failed to allocate|DefaultCPUAllocator", re.IGNORECASE)


def memory_error_text(err: BaseException, args=None) -> str | None:
    """One line for a network or batch too large for the memory at hand (``MemoryError``, or PyTorch's
    allocation ``RuntimeError`` on CPU or CUDA), naming the settings that size it; None for any other error."""
    said = str(err).strip()
    if not isinstance(err, MemoryError) and not _ALLOCATION.search(said):
        return None
    in_bytes = re.search(r"allocate (\d+) bytes", said)  # PyTorch's CPU allocator
    in_units = re.search(r"[Tt]ried to allocate ([\d.]+ ?[KMGT]?i?B)", said)  # its CUDA allocator
    amount = (f" ({int(in_bytes.group(1)) / 2 ** 30:.1f} GiB asked for)" if in_bytes
              else f" ({in_units.group(1)} asked for)" if in_units else "")
    settings = []
    for name in ("hidden_size", "num_layers", "batch_size", "lookback"):
        value = getattr(args, name, None)
        settings.append(f"--{name.replace('_', '-')}" + (f" (now {value})" if value is not None else ""))
    return (f"not enough memory for the network or its batches{amount}; lower {', '.join(settings[:-1])} or "
            f"{settings[-1]}")
