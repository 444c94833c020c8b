"""Where rnncast writes: the folder a fit, backtest, tune or demo claims (new, empty, or with
--overwrite an earlier output of rnncast's; never a model folder), and the output files predict and
export may write. One process holds a folder at a time (``folderlock.lock_folder``). The command line and
the Python API call the same guards; ``flag`` names what the caller gave in its own words ("--out",
or the keyword "out"), and the messages say "--overwrite" or "overwrite=True" to match."""

from __future__ import annotations

import shlex
from pathlib import Path

from rnncast import nesting
from rnncast.errors import RnncastError
from rnncast.spelling import some
from rnncast.files import COMMANDS, LOCK_NAME, MODEL_FILES, TUNE_FILES, entries_of, output_kinds  # kinds: files.py's
from rnncast.links import written_path
from rnncast.folderlock import lock_folder
from rnncast.replacing import HIDDEN, pending, remove, settle

RUN_FILES = ("config.json", "metrics.json", "history.csv", "model", "test_forecasts.csv", "by_step.csv", "loss.png",
             "forecast.png", "report.html", "checkpoint.safetensors", "tensorboard")
BACKTEST_FILES = ("forecasts.csv", "config.json", "metrics.json", "by_step.csv", "backtest.png", "report.html")
OUTPUT_FILES = frozenset(RUN_FILES + BACKTEST_FILES + TUNE_FILES + HIDDEN)  # what --overwrite may remove: rnncast's own


def said(flag: str, path=None) -> str:
    """How a message names the value given for ``flag``: "--out runs/x" on the command line (a flag
    starts with '-'), "out=runs/x" through the API (a keyword)."""
    if path is None:
        return flag
    return f"{flag} {path}" if flag.startswith("-") else f"{flag}={path}"


def ask(flag: str) -> str:
    """How the caller asks to replace: "--overwrite" on the command line, "overwrite=True" through the API."""
    return "--overwrite" if flag.startswith("-") else "overwrite=True"


def hold(folder: Path, what: str):
    """``folderlock.lock_folder``: this process alone writes ``folder`` until ``release()`` (a replacing run's move
    a killed process left is finished first: ``replacing.settle``)."""
    claim = lock_folder(folder, what)
    settle(folder, OUTPUT_FILES)
    return claim


FILE_SUFFIXES = (".csv", ".tsv", ".parquet", ".json", ".toml", ".onnx", ".png", ".html", ".txt", ".xlsx",
                 ".safetensors", ".gz", ".zip", ".bz2", ".xz", ".zst", ".tar", ".feather")
"""Endings of files' names (a compressed one's too: .csv.bz2): a new output folder named so (``claim_output``) is
refused, a file being meant."""


def file_stem(path: Path) -> Path:
    """``path`` less every file ending it has (``FILE_SUFFIXES``): runs/x.csv.gz as runs/x, the folder name a refusal
    offers (runs/x.csv would be refused too)."""
    while path.suffix.lower() in FILE_SUFFIXES and path.stem:
        path = path.with_suffix("")
    return path


def claim_output(out: Path | None, default: Path, overwrite: bool, what: str, own=OUTPUT_FILES, continues=None,
                 note: str = "", flag: str = "--out"):
    """Hold the folder a new fit, backtest, tune or demo writes (a ``folderlock.FolderLock``): ``out``, which
    must be new, empty or, with ``overwrite``, an earlier output of rnncast's (``own``: its names;
    removed by ``clear_output`` once the new input is checked); never a model folder. ``continues(out,
    entries)``: None where the command goes on with what the folder holds (tune adds trials to its
    study), else the refusal. Without ``out``: ``default``, numbered (``-2``, ``-3``, ...) if it
    exists, made atomically so two processes never pick one name. ``flag``: how messages name ``out``
    (``said``). Raises ``RnncastError`` for a model folder, a file, a folder of files rnncast did not
    write or of another command's output, and an earlier output without ``overwrite``."""

    where = said(flag, out) if out is not None else f"the default folder {default}"
    if out is None:
        if refusal := nesting.refusal(default, where, what, kind_of):  # run in a run's folder: runs/ inside it
            raise RnncastError(refusal)
        while True:
            try:
                return lock_folder(fresh_dir(default), what, new=True, note=note)
            except FileExistsError:
                continue  # another process made that folder since: the next number
    model = model_folder(out) or model_folder(out.parent)
    if model is not None:
        raise RnncastError(f"{said(flag, out)} is {'a' if model == out else 'inside a'} model folder ({model}); a {what} "
                           "is written in a folder of its own, never among a model's files")
    if refusal := nesting.refusal(out, where, what, kind_of):  # inside another output, at any depth
        raise RnncastError(refusal)
    if out.exists() and not out.is_dir():
        raise RnncastError(f"{said(flag, out)} is a file; give a folder for the {what}")
    if not out.exists() and out.suffix.lower() in FILE_SUFFIXES:  # --out forecast.csv: a file meant, a folder made
        ending = out.name[len(file_stem(out).name):]  # .csv.gz whole
        raise RnncastError(f"{said(flag, out)} ends in {ending}, as a file's name does, but a {what} is a folder of "
                           f"files; give a folder name (such as {file_stem(out)}); a forecast file is written by "
                           "rnncast predict RUN DATA --out FILE")
    blocked = next((p for p in out.parents if p.exists() and not p.is_dir()), None)
    if blocked is not None:
        raise RnncastError(f"{said(flag, out)} cannot be made: {blocked} is a file, not a folder; give another "
                           f"{flag} for the {what}")
    claim = lock_folder(out, what, note=note)
    try:
        settle(out, own)  # a replacing run's move, cut short by a kill, finished (replacing.py)
        entries = sorted(p.name for p in out.iterdir() if p.name != LOCK_NAME)
        if refusal := other_kind(out, entries, what, flag):
            raise RnncastError(refusal)
        foreign = [name for name in entries if name not in own or not written_by_rnncast(out / name)]
        if inner := next((name for name in foreign if kind_of(out / name)), None):  # nesting.py's reverse
            kind = kind_of(out / inner)
            raise RnncastError(f"{said(flag, out)} holds {'a model folder' if kind == 'model' else f'the folder of a {kind}'} "
                               f"({inner}); a {what} is never written around another output; give a new or empty folder")
        if foreign:
            named = some(list(foreign), 3)
            raise RnncastError(f"{said(flag, out)} holds files that rnncast did not write ({named}); give a new or empty "
                               f"folder for the {what}")
        refusal = (continues(out, entries) if continues else occupied(out, what, flag)) if entries and not overwrite else None
        if refusal:
            raise RnncastError(refusal)
    except BaseException:
        claim.release(tidy=True)
        raise
    return claim


def kind_of(folder: Path) -> str | None:
    """What ``nesting`` asks of a folder above a new output's (or a saved model's): its kind of output, "model", or
    None."""
    return output_kind(folder) or ("model" if model_folder(folder) else None)


def other_kind(out: Path, entries, what: str, flag: str = "--out") -> str | None:
    """The refusal of ``--out`` over another command's output, with or without --overwrite, which
    replaces an earlier output of the same command only (a backtest never replaces a fit's run); None
    where the folder holds no output of another kind."""
    others = [kind for kind in output_kinds(n for n in entries if written_by_rnncast(out / n)) if kind != what]
    if not others:
        return None
    held = " and ".join(f"a {kind} (rnncast {COMMANDS[kind]})" for kind in others)
    return (f"{said(flag, out)} holds {held}, not a {what}; {ask(flag)} replaces only an earlier {what}, so give "
            f"another {flag} for this {what}")


def occupied(out: Path, what: str, flag: str = "--out") -> str:
    """The refusal of ``--out`` over an earlier output: what it holds, and the flags that would go on."""
    at, again = said(flag, out), ask(flag)
    if (out / "config.json").is_file() and "run" in output_kinds(p.name for p in out.iterdir()):  # a backtest keeps one too
        if not (out / "report.html").is_file():  # written last: without it the run was cut short (predict says so too)
            return (f"{at} holds an unfinished run; continue it with rnncast fit --resume {shlex.quote(str(out))}, replace it "
                    f"with {again}, or give another {flag}")
        begun = f" (a new run begun to replace it was cut short: rnncast fit --resume {shlex.quote(str(out))} finishes it)"
        begun *= bool(pending(out))
        return f"{at} holds a finished run{begun}; give another {flag}, or {again} to replace it"
    return f"{at} holds an earlier rnncast output; give another {flag}, or {again} to replace it"


def clear_output(out: Path, own=OUTPUT_FILES) -> None:
    """Remove the files of an earlier output from ``out`` (held by this process): rnncast's own names
    only (``own``); anything else stays."""
    for name in sorted(own):
        remove(out / name)


def model_folder(folder: Path) -> Path | None:
    """``folder`` when it holds a model's files (model.json or weights.safetensors: a model folder,
    whole or half-written), else None."""
    return folder if folder.is_dir() and any((folder / name).exists() for name in MODEL_FILES) else None


class Held(str):
    """What ``check_output_file``'s ``own`` judge says a file holds where it may be the command's output, though not
    one it replaces (another model's forecast of one series, headed as data is too): ``replaced`` says what
    ``--overwrite`` does replace instead (decision 680)."""

    def __new__(cls, text: str, replaced: str):
        held = super().__new__(cls, text)
        held.replaced = replaced
        return held


def check_output_file(path, flag: str, kind: str, inputs=(), suffixes=(), overwrite: bool = False, own=None) -> Path:
    """Refuse an output file that would land in a model folder, replace a file of a run (or of a
    backtest or tune folder) or one of the command's ``inputs``, replace an existing file unless
    ``overwrite`` (``--overwrite``), and then only an output of the same command: ``own``, ``(what the
    command writes, a function of the file: None where it is one, else what it appears to be, a ``Held`` where that
    may be the command's output of another kind)`` (``replaceable``); or end in none of ``suffixes`` (the formats the command
    writes; a CSV text in a ``.parquet`` file reads as neither). ``kind``: the file, as the message
    names it (".onnx", "CSV"). A symbolic link is written through (``files.write_bytes``), so the file
    it leads to is held to the same rules, and must end as the link does. ``flag``: how messages name
    ``path`` (``said``); each refusal is a ``RnncastError``."""

    path = Path(path)
    target = written_path(path)
    via = f" (a link to {target})" if target != path else ""
    at = said(flag, path)
    if path.is_dir():
        raise RnncastError(f"{at}{via} is a folder; give the path of the {kind} file to write")
    if suffixes and path.suffix.lower() not in suffixes:
        stdout = ", or leave out --out to write CSV to standard output" if (flag, str(path)) == ("--out", "-") else ""
        raise RnncastError(f"{at}: the file is written as {' or '.join(suffixes)}; give a name ending in "
                           f"{' or '.join(suffixes)}{stdout}")  # predict --out -: no --out is standard output
    if target.suffix.lower() != path.suffix.lower():
        raise RnncastError(f"{at} is a link to {target}, which would hold {path.suffix} content under "
                           "another name; give that file's own name, or a link to a file that ends as it does")
    for place in dict.fromkeys((path, target)):
        model = model_folder(place.parent)
        if model is not None:
            raise RnncastError(f"{at}{via} would write into the model folder {model}; give a file outside it")
        if place.name in OUTPUT_FILES and rnncast_output(place.parent):
            raise RnncastError(f"{at}{via} would replace {place.name} of the rnncast output in {place.parent}; "
                               "give another file name")
        folder_kind = output_kind(place.parent)  # not ``kind``, the file's, which messages name
        if folder_kind is not None:  # a file of another's there would stop --overwrite and a continued tune in that folder
            raise RnncastError(f"{at}{via} would write into {place.parent}, the folder of a {folder_kind} (rnncast "
                               f"{COMMANDS[folder_kind]}), which holds rnncast's files alone; give a path outside it")
    if path.exists():
        for given in inputs:
            if given and Path(given).exists() and path.samefile(given):
                raise RnncastError(f"{at}{via} is the command's own input ({given}); give another file name")
        appears = own[1](target) if own else None
        other = flag if flag.startswith("-") else "path"
        if isinstance(appears, Held):  # an output of this command, maybe: not "does not read as" one
            raise RnncastError(f"{at}{via} holds {appears}; {ask(flag)} replaces {appears.replaced}: give another "
                               f"{other}, or remove the file first")
        if appears:  # with or without --overwrite, which would not replace it either
            raise RnncastError(f"{at}{via} exists and does not read as {own[0]} ({appears}), which {ask(flag)} never "
                               f"replaces: give another {other}, or remove the file first")
        if not overwrite:
            raise RnncastError(exists_text(path, flag))
    return path


def exists_text(path, flag: str) -> str:
    """The line refusing ``path``, an existing file, without ``--overwrite`` (``check_output_file``); also what a
    command that found no file there raises where another process wrote one meanwhile (``files.write_bytes``' ``new``)."""
    target = written_path(Path(path))
    via = f" (a link to {target})" if target != Path(path) else ""
    return f"{said(flag, path)}{via} exists; pass {ask(flag)} to replace it, or give another file name"



def rnncast_output(folder: Path) -> bool:
    """Whether ``folder`` holds a run (a config.json rnncast wrote, and a model folder or checkpoint), a
    backtest, a tune (a tune.json rnncast wrote, or study.db beside a best.toml or trials.csv rnncast wrote),
    a bench (a results.csv rnncast wrote) or a demo (summary.json and report.html). A project's own config.json beside a saved ``model/`` is none."""
    if json_with(folder / "config.json", RUN_KEYS) and (
            model_folder(folder / "model") or (folder / "checkpoint.safetensors").is_file()):
        return True
    if (folder / "study.db").is_file() and any(written_by_rnncast(folder / name) for name in SIGNATURES):
        return True
    if (folder / "results.csv").is_file() and written_by_rnncast(folder / "results.csv"):
        return True  # a bench's
    return ((folder / "metrics.json").is_file() or (folder / "summary.json").is_file()) and (
        folder / "report.html").is_file() or json_with(folder / "tune.json", TUNE_KEYS)


RUN_KEYS = ("settings", "data", "fingerprint")  # what a run's config.json holds (runfiles), among others
TUNE_KEYS = ("study", "storage")  # what a tune's tune.json holds (tuning), among others


def json_with(path: Path, keys=()) -> bool:
    """Whether ``path`` is a JSON object holding every one of ``keys`` (none: any JSON object), not cut short or
    overwritten."""
    import json

    try:
        held = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return False
    return isinstance(held, dict) and all(key in held for key in keys)


def output_kind(folder: Path) -> str | None:
    """The kind of rnncast output ``folder`` is (run, backtest, tune, demo: ``files.KINDS``), else None."""

    if not folder.is_dir() or not rnncast_output(folder):
        return None
    kinds = output_kinds(entries_of(folder))
    return kinds[0] if kinds else "run"  # metrics.json and report.html alone: a run's, its model gone


def fresh_dir(base: Path) -> Path:
    """``base``, or ``base-2``, ``base-3``, ... : the first that does not exist (``claim_output``
    makes it atomically, trying the next when another process took it first)."""
    if not base.exists():
        return base
    k = 2
    while Path(f"{base}-{k}").exists():
        k += 1
    return Path(f"{base}-{k}")


# how a tune begins its best.toml's comment and its trials.csv's header (tuning writes them with these), and so
# what the first bytes of a file of those names are when rnncast wrote it: a best.toml or trials.csv of the user's
# own in a folder is theirs, replaced with or without overwrite never
BEST_COMMENT = "best trial "
TRIALS_HEADER = "number,state,value,epochs,seconds,"
SIGNATURES = {"best.toml": f"# {BEST_COMMENT}".encode(), "trials.csv": TRIALS_HEADER.encode()}
# and how bench begins its results.csv (bench.results.CSV_COLUMNS) and results.md (an ETT table's, of old)
BENCH_MARKS = {"results.csv": (b"finished_utc,dataset,",),
               "results.md": (b"# Long-horizon benchmark results", b"# ETT benchmark results")}


def bench_file(name: str) -> bool:
    """Whether ``name`` is one of the names bench writes: results.csv, results.md, forecast_*.png."""
    return name in BENCH_MARKS or (name.startswith("forecast_") and name.endswith(".png"))


def written_by_rnncast(path: Path) -> bool:
    """Whether ``path``, of one of rnncast's output names, can be rnncast's: a name ``SIGNATURES`` or ``BENCH_MARKS`` knows
    must be a file that begins as rnncast writes it; other names are told by the name alone."""
    if path.name.startswith("study.db") and path.is_symlink():  # SQLite writes through it: never rnncast's (decision 1800)
        return False
    marks = BENCH_MARKS.get(path.name) or ((SIGNATURES[path.name],) if path.name in SIGNATURES else None)
    if marks is None:
        return True
    try:
        with open(path, "rb") as f:
            head = f.read(max(map(len, marks)))
        return any(head.startswith(mark) for mark in marks)
    except OSError:  # a folder of that name, unreadable: not rnncast's file
        return False
