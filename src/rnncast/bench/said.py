"""The lines a ``bench`` run says about what it read and how it runs it, before and while it trains: the table and
its split (:func:`describe`), the linear models' borrowed recipe, and the columns only centred and their share of the
scores (a preset's segment cut to the lookback is :func:`rnncast.bench.recurrent.segment_note`'s). Each returns text;
:mod:`rnncast.bench.cli` prints it."""

from __future__ import annotations

import numpy as np
import pandas as pd


def recipe_line(data, plan) -> str:
    """One line when the linear models or ``--drop-last recipe`` take ETTh1's recipe because LTSF-Linear has
    no script for the table (:data:`rnncast.bench.published.DEFAULT_LINEAR_RECIPE`); "" otherwise."""
    from rnncast.bench import published

    linear = [m for m in plan.models if m in ("nlinear", "dlinear")]
    if published.has_recipe(data.known) or not (linear or plan.drop_last == "recipe"):
        return ""
    batch, lr = published.DEFAULT_LINEAR_RECIPE
    uses = ([f"{' and '.join(linear)} train with batch {batch} and learning rate {lr}"] if linear else []) + (
        [f"--drop-last recipe scores the first floor(n/{batch})*{batch} test windows"] if plan.drop_last == "recipe" else [])
    return f"no LTSF-Linear script for {data.name}: {'; '.join(uses)}, ETTh1's values"


def constant_note(constant: tuple[str, ...], mode: str) -> str:
    """The line saying that ``constant`` columns, constant on the training rows, are only centred, and what that
    does to the scores in ``mode``."""
    named = ", ".join(map(repr, constant[:5])) + (f" ... ({len(constant)} in all)" if len(constant) > 5 else "")
    if mode != "M":
        return (f"column(s) {named} constant on the training rows: only centred, as the published code's "
                "StandardScaler did, and read as inputs")
    return (f"column(s) {named} constant on the training rows: only centred, as the published code's StandardScaler "
            "did, and forecast and scored with the others; where they vary later, their errors are in the data's "
            "units, not z-scores, and may outweigh the other columns' in the M scores (each row's MSE is the mean "
            "over all columns); --mode S or MS, or the file without them, leaves them out")


def constant_share(data, constant: tuple[str, ...], lookback: int, horizon: int, repeat) -> str:
    """How much of Repeat's M score at ``horizon`` the ``constant`` columns make (their squared errors' share)."""
    from rnncast.bench.protocol import target_rows, target_windows
    from rnncast.bench.scoring import squared_shares

    targets = target_windows(data.values, target_rows(data.split, "test", lookback, horizon), horizon, data.target_idx)
    shares = squared_shares(repeat, targets)
    share = sum(shares[data.target_idx.index(data.columns.index(c))] for c in constant)
    return (f"{', '.join(map(repr, constant[:5]))}{' ...' if len(constant) > 5 else ''} (constant on the training rows, "
            f"{len(constant)} of {len(data.target_idx)} columns) make{'s' if len(constant) == 1 else ''} {share:.0%} "
            "of Repeat's MSE at this horizon")


def describe(data, given: bool = False) -> str:
    """What was read and how the protocol splits it, in one line: nothing is used or left silently; the target and
    why it is the target (``given``: named by --target; else OT, or the last column where the file has no OT); in M,
    that every column is scored and the target names only the plotted one."""
    b = data.split
    unused = data.values.shape[0] - b.end
    written = "" if data.target == "OT" else f", written {data.target!r}"  # ot: OT in another case
    why = ("named by --target" if given else f"the OT column{written}, as in the LTSF files" if data.target.casefold()
           == "ot" else "the last column, as the file has no OT column")
    target = (f"every one forecast and scored in M; target {data.target!r} ({why}) names only the column the forecast "
              f"plots draw" if data.mode == "M" else f"target {data.target!r} ({why})")
    return (f"{data.name}: {data.protocol} protocol, rows 0-{b.train_end - 1} train, {b.train_end}-{b.val_end - 1} "
            f"validation, {b.val_end}-{b.end - 1} test"
            f"{f' ({unused} later rows not used by the protocol)' if unused else ''}; "
            f"{'time column ' + repr(data.time_column) + ', ' if data.time_column else 'no time column, '}"
            f"{len(data.columns)} value column{'' if len(data.columns) == 1 else 's'}, {target}")


STEPS = ((pd.Timedelta(days=365.25), "year"), (pd.Timedelta(days=30.44), "month"), (pd.Timedelta(days=14), "week"),
         (pd.Timedelta(days=1), "day"), (pd.Timedelta(hours=1), "hour"), (pd.Timedelta(minutes=1), "minute"))
# the units a span is said in: the largest it reaches (within 3 %: 720 hours are 1 month), weeks from two of them


def span(delta: pd.Timedelta) -> str:
    """A span of time in the largest unit of :data:`STEPS` it reaches: "4.4 months", "2 weeks", "16 hours"."""
    for length, unit in STEPS:
        if delta >= length * 0.97:
            if unit == "week":
                length = pd.Timedelta(days=7)
            n = delta / length
            n = round(n) if abs(n - round(n)) <= 0.03 * n else float(f"{n:.2g}")
            return f"{n} {unit}{'' if n == 1 else 's'}"
    return str(delta)


def reach(times: pd.DatetimeIndex, horizon: int) -> pd.Timedelta:
    """How far ``horizon`` steps reach on the table's own calendar: the median over its rows i of time[i + H] -
    time[i] (96 business days are 134 days, not 96 days; 96 hourly bars of an 8-hour session 12 trading days).
    A horizon longer than the table (no row lies H after another) is its whole span scaled to H steps."""
    stamps = times.asi8
    if horizon < len(stamps):
        return pd.Timedelta(int(np.median(stamps[horizon:] - stamps[:-horizon])), unit=times.unit)
    return (times[-1] - times[0]) * horizon / (len(times) - 1)


def step_name(times: pd.DatetimeIndex) -> str:
    """The table's step as its calendar names it (the library's inference, :func:`rnncast.calendars.settle`):
    "1 business day", "1 hour", "1 month", a trading session's "1 bar of 1 hour in the session 'h 09:00-16:00'";
    its median step in time ("10 minutes") where the calendar names none or no calendar explains the times."""
    from rnncast import calendars, seasonspans
    from rnncast.errors import RnncastError
    from rnncast.sessions import Session

    median = pd.Timedelta(int(np.median(np.diff(times.asi8))), unit=times.unit)
    try:
        calendar, ruler, _ = calendars.settle(times, np.array([0, len(times)]), quiet=True)
    except RnncastError:
        return span(median)
    if isinstance(calendar.freq, Session):
        return f"1 bar of {span(calendar.freq.step)} in the session {calendar.freq_text!r}"
    words = seasonspans.unit(calendar)  # "business days", "hours"; "10-minute steps" (decision 1559), "steps of '3h'"
    plain = words.startswith("steps of") or words.endswith(" steps") or not words.endswith("s")
    return span(median) if plain else f"1 {words[:-1]}"


def ahead(times, horizons) -> str:
    """How far ahead each horizon reaches on the table's ``times`` (``BenchData.times``): " (at a step of 1
    business day: 96 steps are 4.4 months ahead, 192 8.8 months)", each span on the file's own calendar
    (:func:`reach`), the step named as that calendar names it (:func:`step_name`); "" where the table has no times
    (None) or fewer than two. The default horizons (96 .. 720) are the papers' hourly ones; a monthly or weekly
    table reaches years ahead with them."""
    if not isinstance(times, pd.DatetimeIndex) or len(times) < 2:
        return ""
    spans = [span(reach(times, h)) for h in horizons]
    rest = ", ".join(f"{h} {s}" for h, s in zip(horizons[1:], spans[1:]))
    return f" (at a step of {step_name(times)}: {horizons[0]} steps are {spans[0]} ahead{', ' + rest if rest else ''})"
