"""The demo command (``rnncast demo [sine|regression|memory]``): the demo trained and its folder written as fit writes a
run's (numbered, or --out replaced by --overwrite only once the new demo is complete), its table and findings
printed; fit's setting flags it does not take named with what to run instead.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from rnncast.cli.display import epoch_bar
from rnncast.scoretext import table
from rnncast.outputs import OUTPUT_FILES, claim_output
from rnncast.config import setting_fields
from rnncast.demofolders import OUTPUT_NAMES, interrupted
from rnncast.errors import RnncastError
from rnncast.files import entries_of, shown
from rnncast.speakers import named_logs
from rnncast.spelling import listing
from rnncast import interrupts, replacing


DEMOS = ("sine", "regression", "memory")
DEMO_HELP = ("sine (default): RNN, LSTM and GRU on a sine wave; regression: the second tutorial's task, fixed; memory: "
             "RNN, LSTM and GRU on a delayed echo at a short and a long lag (why the gates matter)")


def demo_name(text: str) -> str:
    """``demo DEMO``: one of ``DEMOS`` in any case (as ``--cell LSTM``), refused in the user's words (argparse's
    said "argument which")."""
    if text.lower() not in DEMOS:
        raise argparse.ArgumentTypeError(f"no demo is called {text!r}; accepted are {listing(list(DEMOS))} "
                                         f"({', '.join(f'rnncast demo {name}' for name in DEMOS)})")
    return text.lower()


DEMO_SETTINGS = ("device", "threads", "seed")
"""The settings ``rnncast demo`` takes (its flags are fit's): where and how fast its models train, and their
seed; every other setting is the demo's own, which its page explains."""


def demo_note(flags: list[str]) -> str:
    """What demo says of fit's setting flags among those it does not take (``flags``)."""
    settings = {"--" + f.name.replace("_", "-") for f in setting_fields()}
    fits = [flag for flag in flags if flag in settings or flag.startswith("--no-") and "--" + flag[5:] in settings]
    return (f"; the demo's models are set by the demo (its page lists their settings), so it has no "
            f"{', '.join(fits)}: to train with your own settings, run rnncast fit on a file" if fits else "")


def run_demo(args) -> int:
    """Train a demo and write its folder, as fit writes a run's: the default folder is numbered if it
    exists (runs/demo, runs/demo-2, ...); an existing --out is refused unless --overwrite, which replaces the
    earlier demo once the new one is complete (``replacing``: interrupted or failed, the earlier one stays)."""
    default = Path("runs/demo" if args.which == "sine" else f"runs/demo-{args.which}")
    own = OUTPUT_FILES | OUTPUT_NAMES  # what a demo folder, or any other output of rnncast's, holds
    if args.out and not args.overwrite and interrupted(args.out):  # named as a demo's, not as "an rnncast output"
        raise RnncastError(f"--out {args.out} holds a demo's folder (rnncast demo), cut short before its summary; give "
                           "another --out, or --overwrite to replace it")
    claim = claim_output(Path(args.out) if args.out else None, default, args.overwrite, "demo", own=own)
    out = claim.folder
    replaces = args.overwrite and bool(entries_of(out))  # the earlier demo stays whole until this one is (replacing)
    try:
        code = _demo_run(args, replacing.begin(out) if replaces else out, out)
        if replaces:
            replacing.swap(out, own)
        return code
    except KeyboardInterrupt as err:  # Ctrl-C or SIGTERM: a demo is not resumed, so what it wrote goes
        _discard(out, replaces)
        kept = f"{out} keeps the earlier demo as it was" if replaces else "the demo's files written so far were removed"
        print(f"rnncast: interrupted{interrupts.by(err)}; {kept}; run the same command again for the whole demo",
              file=sys.stderr)
        return interrupts.exit_status(err)
    except BaseException:
        _discard(out, replaces)  # a failed demo leaves the earlier one as it was, or none
        raise
    finally:
        claim.release(tidy=True)


def _discard(out: Path, replaces: bool) -> None:
    """Remove what a demo cut short wrote: the new folder beside the earlier demo it was to replace, or, in a folder that
    was new or empty (``claim_output`` takes no other without --overwrite), every entry, so no half demo (runs/demo2/rnn/
    alone, which later commands wrote into) is left; the folder itself goes as the claim is released (``tidy``)."""
    if replaces:
        replacing.discard(out)
        return
    for name in entries_of(out):
        replacing.remove(out / name)


def _demo_run(args, into: Path, out: Path) -> int:
    """Train the demo into ``into`` (``out``, or the new folder beside the earlier demo it replaces), saying ``out``."""
    import textwrap

    from rnncast import demo, demopage, interruptionlines, memorydemo

    bars = []

    def factory(name, epochs):
        if bars:
            bars[-1].close()  # one bar per model, each finished before the next starts
        bar = epoch_bar(name, epochs)
        bars.append(bar)
        return bar

    started = time.perf_counter()
    how = {name: getattr(args, name) for name in DEMO_SETTINGS if hasattr(args, name)}  # those given
    # held as fit holds it: stopped at a batch, a kill -INT to a script's background job ("cmd &") not dropped, and a
    # signal while the demo's files were written raised once they are, before its table is printed; each network's
    # lines named ("LSTM (highway on): ..."); the built-in data not said unchecked for an interruption (decision 2155)
    with named_logs(), interrupts.ctrl_c_between_batches(), interruptionlines.unread_unsaid():
        result = {"sine": demo.sine, "regression": demo.regression, "memory": memorydemo.memory}[args.which](
            into, on_epoch_factory=factory, **how)
    if bars:
        bars[-1].close()
    if result.table:  # the demo's own table first: what it is about (the memory demo's lags)
        heading, (head, *rows) = result.table
        print(f"{heading}:\n{table(head, rows)}\n")
    head, *rows = demopage.summary_table(result.rows)
    print(table(head, rows))
    if (line := demopage.baseline_line(result.rows)) is not None:
        print(line)  # the best baseline, the same in every row: said once under the table (decision 1698)
    for line in result.findings + [result.lesson] * bool(result.lesson) + result.settings:
        print("\n" + textwrap.fill(line, width=110))  # winner or tie, noise floor, what it teaches, settings
    print(f"\nwrote {shown(str(out) + '/report.html')} ({time.perf_counter() - started:.0f} s in all)")
    return 0
