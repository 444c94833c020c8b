"""``python -m rnncast``: the command line without the entry point, with the same exit status.

CPython marks a run started by ``-m`` as ended by Ctrl-C whenever a KeyboardInterrupt was raised inside a string
given to ``exec`` or ``eval`` (``dataclasses`` and ``collections.namedtuple`` build methods that way while modules are
imported), even when rnncast caught it, said so and chose its status: at exit the interpreter then kills itself with
SIGINT, whatever the status (1 run in 12 of a Ctrl-C in a command's first second, measured). Executing an empty string
clears that mark (CPython's ``run_eval_code_obj`` resets it before each such run, and nothing is raised in this one), so
the end is the command's: after Ctrl-C the end by SIGINT, after SIGTERM by SIGTERM (a shell's 130 and 143), as the
``rnncast`` entry point ends (``cli.entry``; a script run as a file exits by ``SystemExit`` before the mark is read)."""

import sys

try:
    from rnncast.cli import entry
except KeyboardInterrupt:  # a Ctrl-C in the first moments, while the command's own module is imported
    code = 130
    try:  # imported again where the signal cut its import short (a small module of the standard library's imports)
        from rnncast import interrupts
    except KeyboardInterrupt:  # a second Ctrl-C meanwhile: the line alone, and the status
        interrupts = None
    print("rnncast: interrupted" + (f"; {interrupts.BEFORE_THE_COMMAND}" if interrupts else ""), file=sys.stderr)
    try:
        if interrupts is not None:
            interrupts.end_by_signal(code)
    except KeyboardInterrupt:
        pass
else:
    try:
        code = entry()  # main's status, ended by the signal behind it
    except SystemExit as end:  # argparse's --help, --version and usage errors
        code = end.code
exec("")  # clears CPython's mark of a KeyboardInterrupt met inside exec/eval (the docstring)
sys.exit(code)
