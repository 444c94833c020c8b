"""The ``rnncast`` command: demo, fit, tune, predict, evaluate, backtest, export, bench.

Three parts: ``parser`` (the flags, made from the settings dataclasses so they match
``Forecaster``'s arguments), ``commands`` (what each command does) and ``display`` (what a person
sees: progress bars and tables). Bad input ends with one line ``rnncast: error: ...`` on stderr
and exit status 2, no traceback.
"""

from __future__ import annotations

import logging
import sys

from rnncast.errors import RnncastError

EXIT_BAD_INPUT = 2


def main(argv: list[str] | None = None) -> int:
    from rnncast.cli.parser import build_parser

    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="rnncast: %(levelname)s: %(message)s")
    logging.getLogger("rnncast").setLevel(logging.INFO)  # where time came from, fills, early stops: one line each
    try:
        return args.run(args)
    except RnncastError as err:
        print(f"rnncast: error: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("rnncast: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (`rnncast evaluate ... | head -1`): what it read was enough
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error when Python flushes stdout
        return 141
    finally:
        from rnncast import distributed

        distributed.finish()  # leave torchrun's process group, if fit joined one
