"""The request of one ``rnncast bench ett`` / ``rnncast bench ltsf`` command, checked: which file and
protocol, mode, target, lookback, horizons and models, where the results go, and the Forecaster
settings given with ``--set`` (read and checked by ``rnncast.bench.settings``).

Every error names the value and what is accepted (an ``RnncastError``; the command exits 2).
"""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass, field
from pathlib import Path

from rnncast.bench import codes, ettvariant, identity, protocol, published, results, settings, tablefile, tables
from rnncast.bench.runners import DEFAULT_MODELS, RUNNERS
from rnncast.errors import RnncastError
from rnncast.windows import Split

QUICK = {"dataset": "ETTh1", "mode": "S", "horizons": (96,), "models": ("repeat", "nlinear", "lstm"),
         "epochs": 2}
REPO = Path(__file__).resolve().parents[3]
SEED, UNTRAINED = 2021, {"repeat"}  # --seed's default; the models that draw nothing (no seed reaches them)


@dataclass
class Plan:
    """The validated request of one ``bench`` command."""

    data: Path
    protocol: str  # 'ett' or 'custom' (rnncast.bench.tables)
    target: str
    mode: str
    lookback: int
    horizons: tuple[int, ...]
    models: tuple[str, ...]
    drop_last: int | str | None  # B, 'recipe' (LTSF-Linear's batch for the dataset and horizon) or None
    out: Path
    seed: int
    threads: int
    quick: bool
    plots: bool
    forecaster: dict = field(default_factory=dict)  # overrides for all recurrent models
    per_cell: dict = field(default_factory=dict)  # cell -> overrides for that cell only
    linear_epochs: int | None = None  # None: LTSF-Linear's 10
    why: str = ""  # how the default horizons and lookback were chosen, what they left out and why (a sentence)
    notes: tuple[str, ...] = ()  # what the run says before it starts: how the file was read, what --target does
    warned: tuple[str, ...] = ()  # the warnings reading the file gave (gaps in its calendar): results.csv keeps them
    constant: tuple[str, ...] = ()  # columns among the model's inputs constant on the training rows: only centred
    table: tablefile.Table | None = None  # the file as read while checking the request (read once)
    found: identity.Recognition | None = None  # what the table holds (identity.recognise, made once)
    split: Split | None = None  # the protocol's split of the table


def default_data_dir() -> Path:
    env = os.environ.get("RNNCAST_ETT_DIR")
    return Path(env) if env else REPO.parent / "shared" / "data" / "ETT"


def make_plan(args: argparse.Namespace) -> Plan:
    """Check the arguments; every error names the value and what is accepted.

    ``args.protocol``: 'ett' (``bench ett``), or 'auto' / 'custom' / 'ett' (``bench ltsf``)."""
    quick = bool(getattr(args, "quick", False))
    if args.data:
        data = Path(args.data)
    elif quick:
        data = default_data_dir() / f"{QUICK['dataset']}.csv"
    else:
        raise RnncastError("no data file: pass --data PATH to a CSV (ETTh1.csv, exchange_rate.csv, a table "
                           "of your own, ...), or --quick for the smoke test on ETTh1")
    if data.is_dir():
        raise RnncastError(f"--data {str(data)!r} is a folder; pass the path of a CSV file in it")
    if data.exists() and not data.is_file():
        raise RnncastError(f"--data {str(data)!r} is not a regular file; pass the path of a CSV file")
    if not data.is_file():
        raise RnncastError(f"data file {str(data)!r} does not exist; pass --data PATH to a CSV such as "
                           f"ETTh1.csv or exchange_rate.csv (for --quick: set RNNCAST_ETT_DIR to the ETT folder)")
    asked = getattr(args, "protocol", None) or "auto"
    mode = args.mode or QUICK["mode"]
    if mode not in protocol.MODES:
        raise RnncastError(f"unknown mode {mode!r}: accepted are {', '.join(protocol.MODES)}")
    forecaster, per_cell = settings.parse_settings(args.settings or [], "ETT" if asked == "ett" else "LTSF", getattr(args, "command_flags", None))
    missing = forecaster.pop("missing_values", None)  # the file's reading, not a model's: its codes read as missing cells, refused (or left out in S)
    table = tablefile.read_table(data, getattr(args, "target", None), mode, missing)  # S: the columns it leaves unread said
    found, chosen, split = tables.choose(table, asked)  # by what it holds
    codes.warn(table, mode, split, missing)  # -999 among the values read, as fit warns of it
    dataset = table.name
    constant = _constant_inputs(table, split, mode)
    # L and H: as given, else the dataset's (96-720 with L=96, ILI's 24-60 with L=36: tables.default_horizons, lookback_for)
    lookback = int(args.lookback) if args.lookback else None
    chosen_why = ""
    if args.horizons is not None:  # given, even empty: an empty list is refused, not read as the default
        horizons = _parse_horizons(args.horizons, split)
        if lookback is None:
            lookback, chosen_why = tables.default_lookback(split, horizons)
    elif quick:
        horizons, lookback, chosen_why = _quick_horizon(split, lookback)
    else:
        horizons, lookback, chosen_why = tables.default_horizons(split, lookback)
    models = _parse_models(args.models) if args.models is not None else (
        QUICK["models"] if quick else DEFAULT_MODELS)
    for h in horizons:
        try:
            protocol.target_rows(split, "test", lookback, h)
        except RnncastError as err:
            raise RnncastError(f"lookback {lookback} with horizon {h} on {dataset}: {err}") from None
    if args.drop_last is not None:  # before anything is trained or written
        for h in horizons:
            n = len(protocol.target_rows(split, "test", lookback, h))
            batch = published.drop_last_batch(args.drop_last, found.known, h)
            if n < batch:
                raise RnncastError(
                    f"--drop-last {args.drop_last}: the test part holds {n} windows at horizon {h}, fewer than one "
                    f"batch of {batch}, so none would be scored; pass a smaller B or leave --drop-last out (all windows)")
    settings.check_reach(args.settings or [], forecaster, per_cell, models)
    seed = SEED if args.seed is None else int(args.seed)
    if not 0 <= seed < 2 ** 63:
        raise RnncastError(f"--seed {args.seed} is out of range: accepted are whole numbers from 0 to 2**63 - 1")
    if args.seed is not None and set(models) <= UNTRAINED:  # nothing drawn: the seed would be written, not used
        raise RnncastError(f"--seed {args.seed}: --models {','.join(models)} trains no model, so nothing is seeded; "
                           "leave --seed out, or add a trained model (nlinear, dlinear or a recurrent one)")
    if quick:
        forecaster.setdefault("epochs", QUICK["epochs"])
    # the target in S and MS, where it is what is scored (two targets never share a default folder); not in M,
    # which scores every column whatever the target (it names only the plotted one)
    target_part = "" if table.target == protocol.TARGET or mode == "M" else f"-{_safe(table.target)}"
    default_out = (Path("runs") / f"bench-{chosen}" /
                   f"{'quick-' if quick else ''}{dataset}-{mode}{target_part}-L{lookback}")
    out = Path(args.out) if args.out else default_out
    results.check_out(out)  # before anything is trained or written
    return Plan(
        data=data, protocol=chosen, target=table.target, mode=mode, lookback=lookback, horizons=horizons,
        models=models, drop_last=args.drop_last, out=out,
        seed=seed, threads=int(args.threads), quick=quick,
        plots=not getattr(args, "no_plots", False), forecaster=forecaster, per_cell=per_cell,
        linear_epochs=QUICK["epochs"] if quick else None, why=chosen_why, table=table, found=found, split=split,
        constant=constant,
        notes=_notes(table, found, chosen, mode, getattr(args, "target", None) is not None),
    )


def _quick_horizon(split: Split, lookback: int | None) -> tuple[tuple[int, ...], int, str]:
    """``--quick``'s horizon and lookback: H=96 (L=96 unless given); on a table too short for it, the first of
    the table's own horizons (:func:`rnncast.bench.tables.default_horizons`), saying so."""
    length = lookback or tables.lookback_for(QUICK["horizons"])
    if all(tables.fits(split, length, h) for h in QUICK["horizons"]):
        return QUICK["horizons"], length, ""
    chosen, length, _ = tables.default_horizons(split, lookback)
    return chosen[:1], length, (f"--quick: H=96 does not fit this table ({tables.why_not(split, lookback or 96, 96)}), "
                                f"so the first of its horizons, H={chosen[0]}, with L={length}")


def _notes(table: tablefile.Table, found: identity.Recognition, chosen: str, mode: str,
           target_given: bool) -> tuple[str, ...]:
    """What the run says first, beside how the table was read: the ETT borders a table that holds none of the ETT
    tables takes under the ETT protocol, and from what; why results.md will show no published rows for a known
    table that has them (another protocol, another target; :mod:`rnncast.bench.results` compares only like with
    like); in M mode, where the first column is a value column, which columns are forecast; and that ``--target`` in
    M mode names only the plotted column."""
    notes = list(table.notes)
    known = found.known
    if chosen == "ett" and found.protocol != "ett":
        kind, how = ettvariant.ett_kind(found, table)
        notes.append(f"{table.name} runs under the ETT protocol as asked, with {kind}'s {ETT_STEPS[kind]} borders, from "
                     f"{how}")
    if published.PUBLISHED.get((known, mode)) and chosen != found.protocol:
        notes.append(f"{known} runs under the {chosen} protocol: the published {known} {mode} rows were made "
                     f"under the {found.protocol} protocol's split, so results.md shows none beside "
                     f"these; --protocol {found.protocol} compares with them")
    elif published.PUBLISHED.get((known, mode)) and mode != "M" and table.target != protocol.TARGET:
        notes.append(f"the published {known} {mode} rows forecast {protocol.TARGET}, so results.md shows none "
                     f"beside these of {table.target!r}")
    if mode == "M" and table.first_is_value:
        notes.append(f"M mode forecasts and scores every value column: {', '.join(table.columns)}")
    if mode == "M" and target_given:
        notes.append(f"--target {table.target}: M mode forecasts and scores every column; the target names only the "
                     "column the forecast plots draw (S and MS forecast it alone)")
    return tuple(notes)


ETT_STEPS = {"ETTh": "hourly", "ETTm": "15-minute"}


def _constant_inputs(table: tablefile.Table, split: Split, mode: str) -> tuple[str, ...]:
    """The columns the mode reads that are constant on the training rows. A constant target in S or MS is
    refused (a Forecaster's fit refuses it too: nothing to learn, every forecast scored as Repeat's); in M
    such a column is one of many series, which the protocol only centres as the published code's
    StandardScaler did, and the command says so."""
    flat = protocol.constant_columns(table.values, split.train_end, table.columns)
    if mode != "M" and table.target in flat:
        others = [c for c in table.columns if c not in flat]
        raise RnncastError(
            f"{table.name}: the target {table.target!r} is constant on the training rows 0-{split.train_end - 1} "
            f"(always {table.values[0, table.columns.index(table.target)]:g}), so no model has anything to learn "
            f"in {mode} mode; choose another target (bench ltsf --target"
            f"{': ' + ', '.join(others) if others else ''}) or --mode M")
    return () if mode == "S" else tuple(flat)


def _safe(text: str) -> str:
    """A column name as a folder-name part: letters, digits, '.', '-' and '_' kept, others '_'."""
    return "".join(c if c.isalnum() or c in ".-_" else "_" for c in text)


def _example(longest: int) -> str:
    """Horizons that fit a split whose shortest part is ``longest`` rows, for a message: the long set's or the short
    set's that fit, else 1 and ``longest``."""
    for horizons, least in (((96, 192, 336, 720), 2), ((24, 36, 48, 60), 1)):
        kept = [str(h) for h in horizons if h <= longest]
        if len(kept) >= least:
            return ",".join(kept)
    return "1" if longest == 1 else f"1,{longest}"


def _parse_horizons(text: str, split: Split) -> tuple[int, ...]:
    longest = min(split.val_end - split.train_end, split.end - split.val_end)
    horizons = []
    for item in text.split(","):
        item = item.strip()
        if not item.isdigit() or not 1 <= int(item) <= longest:
            raise RnncastError(f"bad horizon {item!r} in --horizons {text!r}: accepted are comma-separated integers "
                               f"from 1 to {longest} (the shortest split), e.g. {_example(longest)}")
        if int(item) in horizons:  # it would run once
            raise RnncastError(f"--horizons {text!r} names {int(item)} more than once; name each horizon once")
        horizons.append(int(item))
    return tuple(horizons)


def _parse_models(text: str) -> tuple[str, ...]:
    models = [m.strip().lower() for m in text.split(",")]
    known = sorted(RUNNERS)
    if any(models) and not all(models):  # 'lstm,,gru' names an empty model: refused, not read as 'lstm,gru'
        raise RnncastError(f"--models {text!r} has an empty item (item {models.index('') + 1} of {len(models)}): "
                           f"name models separated by single commas, from {', '.join(known)}")
    models = [m for m in models if m]
    for m in models:
        if m not in RUNNERS:
            raise RnncastError(f"unknown model {m!r} in --models {text!r}: accepted are {', '.join(known)}")
    if not models:
        raise RnncastError(f"--models {text!r} names no model: accepted are {', '.join(known)}")
    if (twice := next((m for k, m in enumerate(models) if m in models[:k]), None)) is not None:  # it ran once
        raise RnncastError(f"--models {text!r} names {twice} more than once; name each model once")
    return tuple(models)
