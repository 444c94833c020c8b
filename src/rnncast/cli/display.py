"""What a person sees of a command: a progress bar over epochs, how much a command says on standard error
(``-q/--quiet``, ``-v/--verbose``: ``add_loudness``) with its advice there, not among its output, and streams that
write what a terminal's encoding lacks plainly. Its tables are ``scoretext.table``."""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys

QUIET_HELP = "say only warnings and errors on standard error: no information lines, advice or progress bar"
VERBOSE_HELP = "say debugging lines on standard error too (default: information, warnings and errors)"


BEFORE = ("log_level_first", "log_level_second")  # where a flag before a command's name is kept, by depth


class SoftwareVersion(argparse.Action):
    """``rnncast --version``'s action: ``version.software()`` (rnncast's version and its libraries'), read when asked,
    then exit 0; argparse's "version" action takes its text when the parser is built, which would read every
    library's metadata on every command (decision 1624)."""

    def __call__(self, parser, namespace, values, option_string=None):
        from rnncast.version import software

        print(software())
        parser.exit(0)


def add_loudness(parser, commands, depth: int = 0) -> None:
    """``-q/--quiet`` and ``-v/--verbose`` on every command of ``commands`` (``parser``'s subcommands; those of a
    command with subcommands of its own, such as ``bench ett``, alike), one of them at a time, into ``args.log_level``;
    on ``parser`` too, before the command's name (``rnncast -q fit ...``, ``rnncast bench -q ett``), into ``BEFORE``'s
    dest of its depth, which a flag nearer the command overrides (``set_loudness``)."""
    import argparse

    _loudness_flags(parser, BEFORE[depth])
    for sub in dict.fromkeys(commands.choices.values()):  # an alias names the same parser
        nested = [action for action in sub._actions if action.nargs == argparse.PARSER]
        if nested:
            add_loudness(sub, nested[0], depth + 1)
        else:
            _loudness_flags(sub, "log_level")


def _loudness_flags(parser, dest: str) -> None:
    group = parser.add_argument_group("messages", "What the command says on standard error; its output (tables, CSV, "
                                      "JSON, the paths it wrote) is on standard output either way.")
    either = group.add_mutually_exclusive_group()
    either.add_argument("-q", "--quiet", dest=dest, action="store_const", const=logging.WARNING, help=QUIET_HELP)
    either.add_argument("-v", "--verbose", dest=dest, action="store_const", const=logging.DEBUG, help=VERBOSE_HELP)


def set_loudness(args) -> None:
    """rnncast's log lines from ``args.log_level`` on (``add_loudness``), else from the flag given before the command's
    name; information by default."""
    given = [getattr(args, dest, None) for dest in ("log_level", *reversed(BEFORE))]
    logging.getLogger("rnncast").setLevel(next((level for level in given if level is not None), logging.INFO))


def says_info() -> bool:
    """Whether information lines are said, advice and progress bars with them: not after ``--quiet`` (or a level
    above INFO set on the ``rnncast`` logger); a logger left unset (a test, a library caller) says them."""
    return logging.getLogger("rnncast").level <= logging.INFO


def advise(line: str) -> None:
    """A line of advice (give the season, window_norm, onnxruntime not installed) on standard error, where the
    information lines are, unless ``--quiet``: standard output holds only what the command outputs."""
    if says_info():
        print(line, file=sys.stderr, flush=True)


def epoch_bar(name: str, total: int, show: bool = True):
    """A progress bar over epochs that shows the losses; returns the callback for ``fit``.

    The bar appears with the first finished epoch, so input refused before training prints
    nothing but its error line. ``show=False`` (ranks other than 0 under torchrun) draws nothing,
    and neither does a standard error that is no terminal (``2>err.txt``, a pipe, a CI log), where
    a bar's redraws are noise and the warnings would join its line. While a bar is drawn, log lines
    are written above it (tqdm's ``logging_redirect_tqdm``), not into it. It is the one bar: a fit
    with ``verbose=True`` (a config file's ``verbose = true``) draws no second one beside it.
    """
    from tqdm import tqdm
    from tqdm.contrib.logging import logging_redirect_tqdm

    bar = None
    redirect = contextlib.ExitStack()

    def on_epoch(record):
        nonlocal bar
        if not show or not says_info():  # --quiet: no bar
            return
        if bar is None:
            bar = tqdm(total=total, desc=f"fit {name}", unit="epoch", file=sys.stderr, dynamic_ncols=True,
                       initial=record.epoch - 1, disable=None)  # None: drawn on a terminal only
            if not bar.disable:
                redirect.enter_context(logging_redirect_tqdm(tqdm_class=tqdm))
        post = {"loss": f"{record.train_loss:.5f}"}
        if record.val_loss is not None:
            post["val_loss"] = f"{record.val_loss:.5f}"
        bar.set_postfix(post, refresh=False)
        bar.set_description(f"fit {name} epoch {record.epoch}", refresh=False)
        bar.update(1)

    def close():
        if bar is not None:
            bar.close()
        redirect.close()

    on_epoch.close = close
    on_epoch.draws_bar = True  # fit's verbose bar is not drawn beside it (epochbar.progress)
    return on_epoch


PLAIN = {"–": "-", "—": "-", "−": "-", "’": "'", "‘": "'", "“": '"', "”": '"', "…": "...", "≤": "<=", "≥": ">=",
         "≈": "~", "±": "+/-", "×": "x", "²": "^2", "√": "sqrt ", "·": "."}  # what a terminal's encoding may lack


def _plain(err: UnicodeEncodeError):
    """The codecs error handler ``rnncast-plain``: each character the stream's encoding lacks as its plain ASCII
    form (``PLAIN``: the en dash of Diebold–Mariano as '-'), else '?'."""
    return "".join(PLAIN.get(c, "?") for c in err.object[err.start:err.end]), err.end


def plain_streams() -> None:
    """Standard output and error write what their encoding lacks in plain ASCII (``_plain``) instead of failing: a
    terminal in a Latin-1 locale (LC_ALL=en_US.ISO-8859-1, PYTHONIOENCODING=latin-1) raised UnicodeEncodeError at the
    first en dash of a finished fit's summary, a traceback and exit 1 after the run was written. Text written in
    UTF-8 (the default) is unchanged. For the ``rnncast`` command's entry point (``cli.entry``)."""
    import codecs

    try:
        codecs.lookup_error("rnncast-plain")
    except LookupError:
        codecs.register_error("rnncast-plain", _plain)
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "utf-8"
        if hasattr(stream, "reconfigure") and codecs.lookup(encoding).name not in ("utf-8", "utf-16", "utf-32"):
            try:
                stream.reconfigure(errors="rnncast-plain")
            except (OSError, ValueError):
                pass


STDOUT_NAME = "standard output"  # how an error line names it (``cli.os_error_text``)


class NamedOutput:
    """``sys.stdout`` for a command (``cli.run``): a write or flush the system refuses (``predict > /dev/full``: a full
    disk) raises the same kind of ``OSError`` naming "standard output", which the system's error names no file of; all
    else is the stream's."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text):
        try:
            return self._stream.write(text)
        except OSError as err:
            raise named_output(err) from None

    def flush(self):
        try:
            return self._stream.flush()
        except OSError as err:
            raise named_output(err) from None

    def __getattr__(self, name):
        return getattr(self._stream, name)


def named_output(err: OSError) -> OSError:
    """``err``, of standard output, as the same kind of error naming it (a reader gone stays a ``BrokenPipeError``)."""
    return type(err)(err.errno, err.strerror or str(err), STDOUT_NAME)
