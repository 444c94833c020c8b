"""Where a command writes: the folder a fit, backtest, tune or demo claims (new, empty, or with
--overwrite an earlier output of rnncast's; never a model folder), and the output files predict and
export may write. One process holds a folder at a time (``files.lock_folder``)."""

from __future__ import annotations

from pathlib import Path

from rnncast.errors import RnncastError
from rnncast.files import COMMANDS, MODEL_FILES, TUNE_FILES, output_kinds  # kinds: files.py's, shared with checkpoint

RUN_FILES = ("config.json", "metrics.json", "history.csv", "model", "loss.png", "forecast.png", "report.html",
             "checkpoint.safetensors", "tensorboard")
BACKTEST_FILES = ("forecasts.csv", "config.json", "metrics.json", "backtest.png", "report.html")
OUTPUT_FILES = frozenset(RUN_FILES + BACKTEST_FILES + TUNE_FILES)  # what --overwrite may remove: rnncast's own


def hold(folder: Path, what: str):
    """``files.lock_folder``: this process alone writes ``folder`` until ``release()``."""
    from rnncast.files import lock_folder

    return lock_folder(folder, what)


def claim_output(out: Path | None, default: Path, overwrite: bool, what: str, own=OUTPUT_FILES, continues=None,
                 note: str = ""):
    """Hold the folder a new fit, backtest, tune or demo writes (a ``files.FolderLock``): ``out``, which
    must be new, empty or, with ``overwrite``, an earlier output of rnncast's (``own``: its names;
    removed by ``clear_output`` once the new input is checked); never a model folder. ``continues(out,
    entries)``: None where the command goes on with what the folder holds (tune adds trials to its
    study), else the refusal. Without ``out``: ``default``, numbered (``-2``, ``-3``, ...) if it
    exists, made atomically so two processes never pick one name."""
    from rnncast.files import LOCK_NAME, lock_folder

    if out is None:
        while True:
            try:
                return lock_folder(fresh_dir(default), what, new=True, note=note)
            except FileExistsError:
                continue  # another process made that folder since: the next number
    model = model_folder(out) or model_folder(out.parent)
    if model is not None:
        raise RnncastError(f"--out {out} is {'a' if model == out else 'inside a'} model folder ({model}); a {what} "
                           "is written in a folder of its own, never among a model's files")
    if out.exists() and not out.is_dir():
        raise RnncastError(f"--out {out} is a file; give a folder for the {what}")
    blocked = next((p for p in out.parents if p.exists() and not p.is_dir()), None)
    if blocked is not None:
        raise RnncastError(f"--out {out} cannot be made: {blocked} is a file, not a folder; give another --out "
                           f"for the {what}")
    claim = lock_folder(out, what, note=note)
    try:
        entries = sorted(p.name for p in out.iterdir() if p.name != LOCK_NAME)
        if refusal := other_kind(out, entries, what):
            raise RnncastError(refusal)
        foreign = [name for name in entries if name not in own]
        if foreign:
            named = ", ".join(foreign[:3]) + (", ..." if len(foreign) > 3 else "")
            raise RnncastError(f"--out {out} holds files that rnncast did not write ({named}); give a new or empty "
                               f"folder for the {what}")
        refusal = (continues(out, entries) if continues else occupied(out, what)) if entries and not overwrite else None
        if refusal:
            raise RnncastError(refusal)
    except BaseException:
        claim.release(tidy=True)
        raise
    return claim


def other_kind(out: Path, entries, what: str) -> str | None:
    """The refusal of ``--out`` over another command's output, with or without --overwrite, which
    replaces an earlier output of the same command only (a backtest never replaces a fit's run); None
    where the folder holds no output of another kind."""
    others = [kind for kind in output_kinds(entries) if kind != what]
    if not others:
        return None
    held = " and ".join(f"a {kind} (rnncast {COMMANDS[kind]})" for kind in others)
    return (f"--out {out} holds {held}, not a {what}; --overwrite replaces only an earlier {what}, so give another "
            f"--out for this {what}")


def occupied(out: Path, what: str) -> str:
    """The refusal of ``--out`` over an earlier output: what it holds, and the flags that would go on."""
    if (out / "config.json").is_file() and "run" in output_kinds(p.name for p in out.iterdir()):  # a backtest keeps one too
        if (out / "checkpoint.safetensors").is_file() and not (out / "report.html").is_file():
            return (f"--out {out} holds an unfinished run; continue it with rnncast fit --resume {out}, replace it "
                    "with --overwrite, or give another --out")
        return f"--out {out} holds a finished run; give another --out, or --overwrite to replace it"
    return f"--out {out} holds an earlier rnncast output; give another --out, or --overwrite to replace it"


def clear_output(out: Path, own=OUTPUT_FILES) -> None:
    """Remove the files of an earlier output from ``out`` (held by this process): rnncast's own names
    only (``own``); anything else stays."""
    import shutil

    for name in sorted(own):
        path = out / name
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()


def model_folder(folder: Path) -> Path | None:
    """``folder`` when it holds a model's files (model.json or weights.safetensors: a model folder,
    whole or half-written), else None."""
    return folder if folder.is_dir() and any((folder / name).exists() for name in MODEL_FILES) else None


def check_output_file(path, flag: str, kind: str, inputs=(), suffixes=(), overwrite: bool = False) -> Path:
    """Refuse an output file that would land in a model folder, replace a file of a run (or of a
    backtest or tune folder) or one of the command's ``inputs``, replace any other existing file
    unless ``overwrite`` (``--overwrite``), or end in none of ``suffixes`` (the formats the command
    writes; a CSV text in a ``.parquet`` file reads as neither). ``kind``: the file, as the message
    names it (".onnx", "CSV"). A symbolic link is written through (``files.write_bytes``), so the file
    it leads to is held to the same rules, and must end as the link does."""
    from rnncast.files import written_path

    path = Path(path)
    target = written_path(path)
    via = f" (a link to {target})" if target != path else ""
    if path.is_dir():
        raise RnncastError(f"{flag} {path}{via} is a folder; give the path of the {kind} file")
    if suffixes and path.suffix.lower() not in suffixes:
        raise RnncastError(f"{flag} {path}: the file is written as {' or '.join(suffixes)}; give a name ending in "
                           f"{' or '.join(suffixes)}")
    if target.suffix.lower() != path.suffix.lower():
        raise RnncastError(f"{flag} {path} is a link to {target}, which would hold {path.suffix} content under "
                           "another name; give that file's own name, or a link to a file that ends as it does")
    for place in dict.fromkeys((path, target)):
        model = model_folder(place.parent)
        if model is not None:
            raise RnncastError(f"{flag} {path}{via} would write into the model folder {model}; give a file outside it")
        if place.name in OUTPUT_FILES and rnncast_output(place.parent):
            raise RnncastError(f"{flag} {path}{via} would replace {place.name} of the rnncast output in {place.parent}; "
                               "give another file name")
    if path.exists():
        for given in inputs:
            if given and Path(given).exists() and path.samefile(given):
                raise RnncastError(f"{flag} {path}{via} is the command's own input ({given}); give another file name")
        if not overwrite:
            raise RnncastError(f"{flag} {path}{via} exists; pass --overwrite to replace it, or give another file name")
    return path


def rnncast_output(folder: Path) -> bool:
    """Whether ``folder`` holds a run (config.json and a model or checkpoint), a backtest or a tune."""
    if (folder / "config.json").is_file() and ((folder / "model").is_dir() or (folder / "checkpoint.safetensors").is_file()):
        return True
    return ((folder / "metrics.json").is_file() and (folder / "report.html").is_file()) or (folder / "tune.json").is_file()


def fresh_dir(base: Path) -> Path:
    """``base``, or ``base-2``, ``base-3``, ... : the first that does not exist (``claim_output``
    makes it atomically, trying the next when another process took it first)."""
    if not base.exists():
        return base
    k = 2
    while Path(f"{base}-{k}").exists():
        k += 1
    return Path(f"{base}-{k}")
