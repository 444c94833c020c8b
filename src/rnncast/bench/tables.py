"""The files a long-horizon benchmark reads, and where their protocol puts the borders.

Two protocols, both from the LTSF papers' loaders (Informer, Autoformer, LTSF-Linear, PatchTST,
SegRNN, iTransformer):

* ``ett``: the ETTh*/ETTm* tables (told by what the file holds, whatever it is called:
  :mod:`rnncast.bench.identity`), fixed borders of 12 / 4 / 4 months (``shared/benchmarks/ETT.md``):
  rows ``[0, 8640)`` train, ``[8640, 11520)`` validate, ``[11520, 14400)`` test on the hourly
  files, four times as many rows on the 15-minute ones; later rows are not used. Asked for
  (``--protocol ett``) on another table, the hourly or the 15-minute borders follow its time column's
  step (:mod:`rnncast.bench.ettvariant`).
* ``custom``: any other table (Exchange, ILI, Weather, Electricity, Traffic, or a file of one's
  own, also one named ETTh1.csv that holds another table): the first ``int(0.7 n)`` rows train, the
  last ``int(0.2 n)`` test, the rows between validate (LTSF-Linear's ``Dataset_Custom``; ``shared/data/LTSF/README.md``).

:func:`rnncast.bench.tablefile.read_table` reads any such table (a time column, then value columns);
:func:`prepare_table` then applies the protocol (:mod:`rnncast.bench.protocol`): train-row z-score
and the mode's columns. :func:`default_horizons` gives the dataset's horizons: 96, 192, 336, 720
where they fit, else the short set 24, 36, 48, 60 of the small files (ILI).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from rnncast.bench import ettvariant, identity
from rnncast.bench.protocol import select_mode, standardize, target_rows
from rnncast.bench.tablefile import Table, read_table
from rnncast.errors import RnncastError
from rnncast.scaling import Scaler
from rnncast.spelling import counted
from rnncast.windows import Split

PROTOCOLS = ("ett", "custom")
LONG_HORIZONS = (96, 192, 336, 720)
SHORT_HORIZONS = (24, 36, 48, 60)
DEFAULT_LOOKBACK = {LONG_HORIZONS: 96, SHORT_HORIZONS: 36}
"""The papers' usual input length with each set of horizons (L = 36 for ILI in Informer,
Autoformer and iTransformer; LTSF-Linear and PatchTST also report L = 104 there)."""
TARGET = "OT"
TRAIN_SHARE, TEST_SHARE = 0.7, 0.2  # the custom protocol's split

_ETT_NAME = ettvariant.ETT_NAME
_HOURLY_BORDERS = (8640, 11520, 14400)  # 12, 16 and 20 months of 30 days, in hours
_MINUTE_FACTOR = 4  # ETTm has four 15-minute rows per hour


# --------------------------------------------------------------------------------------------
# Splits
# --------------------------------------------------------------------------------------------


def ett_split(kind: str) -> Split:
    """The ETT protocol's split for ``kind`` ('ETTh' / 'ETTm' or a dataset name such as 'ETTh1'),
    in 0-based data rows: train ``[0, train_end)``, validation targets ``[train_end, val_end)``,
    test targets ``[val_end, end)``; later rows are never used."""
    match = _ETT_NAME.match(kind)
    prefix = match.group(1) if match else kind
    if prefix == "ETTh":
        return Split(*_HOURLY_BORDERS)
    if prefix == "ETTm":
        return Split(*(b * _MINUTE_FACTOR for b in _HOURLY_BORDERS))
    raise RnncastError(
        f"unknown ETT kind {kind!r}: accepted are 'ETTh', 'ETTm' or names like 'ETTh1', 'ETTm1'"
    )


def custom_split(n_rows: int) -> Split:
    """The custom protocol's split of ``n_rows`` rows: ``int(0.7 n)`` train rows, ``int(0.2 n)``
    test rows at the end, the rest validation (LTSF-Linear's ``Dataset_Custom``)."""
    train, test = int(n_rows * TRAIN_SHARE), int(n_rows * TEST_SHARE)
    if min(train, test, n_rows - train - test) < 1:
        raise RnncastError(
            f"{counted(n_rows, 'row')} {'is' if n_rows == 1 else 'are'} too few to split 70/10/20 into train, validation "
            f"and test: the split takes at least {least_rows()} rows (one in each part), and windows more: "
            f"{least_rows(DEFAULT_LOOKBACK[SHORT_HORIZONS], SHORT_HORIZONS[0])} rows for ILI's shortest setting, L={DEFAULT_LOOKBACK[SHORT_HORIZONS]} and "
            f"H={SHORT_HORIZONS[0]} (L + H training rows, H validation and H test rows)")
    return Split(train, n_rows - test, n_rows)


def least_rows(lookback: int = 0, horizon: int = 0) -> int:
    """The fewest rows the custom split parts with a row in each part and, given ``lookback`` and ``horizon``, a
    window in each (:func:`fits`)."""
    n = 1
    while min(int(n * TRAIN_SHARE), int(n * TEST_SHARE), n - int(n * TRAIN_SHARE) - int(n * TEST_SHARE)) < 1 or (
            horizon and not fits(custom_split(n), lookback, horizon)):
        n += 1
    return n


def fits(split: Split, lookback: int, horizon: int) -> bool:
    """Whether every part of ``split`` holds a window of ``lookback`` + ``horizon`` (the protocol's
    rule, :func:`rnncast.bench.protocol.target_rows`)."""
    try:
        target_rows(split, "test", lookback, horizon)
    except RnncastError:
        return False
    return True


def default_horizons(split: Split, lookback: int | None = None) -> tuple[tuple[int, ...], int, str]:
    """``(horizons, lookback, why)``: the dataset's horizons and, when not given, its lookback.

    The long set 96, 192, 336, 720 (L = 96) where at least two of them fit, keeping those that do;
    else the short set 24, 36, 48, 60 of the small tables (ILI; L = 36), keeping those that fit; else
    an error that names --horizons and --lookback with the limits. ``why``: a sentence saying what was
    left out and why, and why the short set was chosen ("" when the whole long set fits).
    """
    shortest = min(split.val_end - split.train_end, split.end - split.val_end)
    long_kept: tuple[int, ...] = ()
    for horizons in (LONG_HORIZONS, SHORT_HORIZONS):
        length = lookback or DEFAULT_LOOKBACK[horizons]
        kept = tuple(h for h in horizons if fits(split, length, h))
        if horizons is LONG_HORIZONS:
            long_kept = kept
        if len(kept) >= (2 if horizons is LONG_HORIZONS else 1):
            left = [h for h in horizons if h not in kept]
            why = _left_out(split, length, left)
            if horizons is SHORT_HORIZONS:
                first = next(h for h in LONG_HORIZONS if h not in long_kept)
                only = (f"only {long_kept[0]} of the long horizons 96-720 fits" if long_kept else
                        "none of the long horizons 96-720 fits")
                alone = (f"; give --horizons {long_kept[0]} to run H={long_kept[0]} alone "
                         f"(L={lookback or DEFAULT_LOOKBACK[LONG_HORIZONS]})" if long_kept else "")
                why = (f"{split.end} rows: {only} ({why_not(split, lookback or DEFAULT_LOOKBACK[LONG_HORIZONS], first)}"
                       f"){', and the long set needs two' if long_kept else ''}, so the short horizons of ILI are used"
                       f"{'' if lookback else ', with L=36'}{alone}{'; ' + why if why else ''}")
            return kept, length, why
    raise RnncastError(
        f"the split {split.train_end}/{split.val_end - split.train_end}/{split.end - split.val_end} rows "
        f"(train/validation/test) holds none of the horizons 96-720 or 24-60"
        f"{f' with lookback {lookback}' if lookback else ''}: pass --horizons (each at most {shortest}) and "
        f"--lookback (lookback + horizon at most {split.train_end})"
    )


def why_not(split: Split, lookback: int, horizon: int) -> str:
    """Why a window of ``lookback`` + ``horizon`` does not fit ``split``: the part too short, or the training rows."""
    for part, rows in (("validation", split.val_end - split.train_end), ("test", split.end - split.val_end)):
        if horizon > rows:
            return f"the {part} part holds {rows} rows, fewer than H={horizon}"
    return f"L + H = {lookback + horizon} is more than the {split.train_end} training rows"


def _left_out(split: Split, lookback: int, left: list[int]) -> str:
    """The horizons of a set that do not fit, and why (that of the shortest of them); "" when none is left out."""
    if not left:
        return ""
    return (f"{', '.join(map(str, left))} {'does' if len(left) == 1 else 'do'} not fit: "
            f"{why_not(split, lookback, left[0])}")


def lookback_for(horizons: tuple[int, ...]) -> int:
    """The papers' input length for ``horizons``, given or chosen: 36 where none is longer than 60 (ILI's 24-60),
    else 96."""
    return DEFAULT_LOOKBACK[SHORT_HORIZONS] if max(horizons) <= max(SHORT_HORIZONS) else DEFAULT_LOOKBACK[LONG_HORIZONS]


def default_lookback(split: Split, horizons: tuple[int, ...]) -> tuple[int, str]:
    """``(lookback, why)`` for horizons given without a lookback: :func:`lookback_for` them, as for the same
    horizons chosen by default; 36 where 96 leaves no room (``why`` says so); refuses, naming --lookback, when
    neither does."""
    shortest = min(split.val_end - split.train_end, split.end - split.val_end)
    if max(horizons) > shortest:
        raise RnncastError(f"horizon {max(horizons)} is longer than the shortest part ({shortest} rows): pass "
                           f"--horizons of at most {shortest}")
    length = lookback_for(horizons)
    if all(fits(split, length, h) for h in horizons):
        return length, ""
    short = DEFAULT_LOOKBACK[SHORT_HORIZONS]
    if length != short and all(fits(split, short, h) for h in horizons):
        return short, (f"L=36, not 96: L + H = {length + max(horizons)} is more than the {split.train_end} "
                       "training rows")
    room = split.train_end - max(horizons)
    raise RnncastError(
        f"horizons {','.join(map(str, horizons))} leave room for a lookback of at most {room} rows "
        f"({split.train_end} training rows): pass --lookback (at most {room})"
    )


@dataclass(frozen=True)
class BenchData:
    """One table prepared for one mode: scaled inputs, target channels, split."""

    name: str
    mode: str
    columns: list[str]  # every value column of the file, raw order
    split: Split
    values: np.ndarray  # [T, C_in] standardized model inputs
    target_idx: tuple[int, ...]  # channels of ``values`` that are forecast and scored
    scaler: Scaler | None  # the train rows' statistics of the raw columns
    target: str = TARGET
    protocol: str = "ett"
    time_column: str | None = "date"
    known: str | None = None  # the known table the file holds (rnncast.bench.identity), None for another
    times: pd.DatetimeIndex | None = field(default=None, compare=False, repr=False)  # the time column read as times
    # (tablefile.Table.times), None without them


def prepare_table(path: str | Path, mode: str, target: str | None = None,
                  protocol: str = "auto") -> BenchData:
    """Read, split under the protocol, standardize with train statistics, select the mode."""
    table = read_table(path, target, mode)
    return prepare(table, mode, *choose(table, protocol))


def prepare(table: Table, mode: str, found: identity.Recognition, chosen: str, split: Split) -> BenchData:
    """A table already read (:func:`rnncast.bench.tablefile.read_table`) and what :func:`choose` made of it:
    standardize with train statistics, select the mode."""
    scaled, scaler = standardize(table.values, split.train_end, table.columns)
    values, target_idx = select_mode(scaled, table.columns, mode, table.target)
    return BenchData(found.dataset, mode, table.columns, split, values, target_idx, scaler,
                     table.target, chosen, table.time_column, found.known, table.times)


def choose(table: Table, protocol: str = "auto") -> tuple[identity.Recognition, str, Split]:
    """``(what the table holds, protocol, split)``. What it holds is told by content, whatever the file is
    called (:func:`rnncast.bench.identity.recognise`): ``auto`` takes the known table's protocol (ETT's
    borders for the ETT tables), ``custom`` for any other table; ``ett`` asked for takes its variant
    from the ETT table held, else from the time column's step (:func:`rnncast.bench.ettvariant.ett_kind`)."""
    if protocol not in ("auto", *PROTOCOLS):
        raise RnncastError(f"unknown protocol {protocol!r}: accepted are auto, {', '.join(PROTOCOLS)}")
    found = identity.recognise(table)
    chosen = (found.protocol or "custom") if protocol == "auto" else protocol
    if chosen == "custom":
        return found, chosen, custom_split(len(table.values))
    kind, how = ettvariant.ett_kind(found, table)
    split = ett_split(kind)
    if len(table.values) < split.end:
        raise RnncastError(f"{table.name}: {len(table.values)} data rows, the ETT split needs {split.end} "
                           f"({kind}'s borders{', from ' + how if how else ''}); such a table runs under the custom "
                           "protocol with rnncast bench ltsf")
    return found, chosen, split
