"""The result file of ``rnncast bench``: ``results.csv`` (one row per run, appended under one header, never
rewritten), the forecast plots' names (:func:`plot_name`), and the summary table the command shows;
``results.md`` is remade from the CSV by :mod:`rnncast.bench.markdown`.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from contextlib import contextmanager
from pathlib import Path

from rnncast.bench.identity import Source
from rnncast.bench.protocol import TARGET
from rnncast.bench.published import drop_last_batch
from rnncast.bench.scoring import score_text
from rnncast.scoretext import table
from rnncast.errors import RnncastError
from rnncast.files import COMMANDS, entries_of, output_kinds
from rnncast.outputs import bench_file, model_folder, written_by_rnncast
from rnncast.nottext import nul_bytes
from rnncast.sheetcsv import separator, wide

CSV_COLUMNS = (
    "finished_utc", "dataset", "protocol", "target", "mode", "L", "H", "model",
    "mse", "mae", "windows", "test_windows",  # the headline scores and which windows they cover
    "mse_all", "mae_all", "windows_all", "mse_drop_last", "mae_drop_last", "windows_drop_last",
    "repeat_mse", "repeat_mae", "beats_repeat",  # Repeat on the same windows as mse/mae
    "seconds", "train_seconds", "epochs_run", "best_epoch", "best_val_mse",
    "seed", "device", "threads", "quick", "settings",  # JSON: the model's settings and "split" (measure.split_settings)
    "rnncast_version", "torch_version", "command",
    "data_file", "data_sha256", "known_table",  # the file read, its full SHA-256 (rnncast.bench.identity; rows of
    # versions before decision 1731 hold its first 12 hex digits); known_table yes: it holds `dataset`
    "unscaled_columns",  # the scored columns only centred (constant on the training rows), a JSON list; "" for none
    "published_windows",  # MSE/MAE on each published row's windows: {"first k windows": [mse, mae]} (JSON); "" for none
)
"""The columns of results.csv. Files of earlier versions lack some of the last five; they are read (results.md
is remade from them, their dataset told by its name, no column said to be only centred) but not appended to."""


def check_out(out: Path) -> None:
    """Refuse an output folder this command would spoil, before anything is trained: a file, a model
    folder, another command's output (``files.output_kinds``), a folder holding files bench did not write
    (``outputs.bench_file``, ``outputs.written_by_rnncast``), a folder whose results.csv has other columns, or one holding results.md or forecast PNGs but no results.csv
    (another tool's, or a half-deleted run's)."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise RnncastError(f"--out {str(out)!r} is a file; choose a folder (it is created when absent)")
    model = model_folder(out) or model_folder(out.parent)
    if model is not None:
        raise RnncastError(f"--out {out} is {'a' if model == out else 'inside a'} model folder ({model}); a bench is "
                           "written in a folder of its own, never among a model's files")
    entries = entries_of(out) if out.is_dir() else []
    others = [kind for kind in output_kinds(n for n in entries if written_by_rnncast(out / n)) if kind != "bench"]
    if others:
        held = " and ".join(f"a {kind} (rnncast {COMMANDS[kind]})" for kind in others)
        raise RnncastError(f"--out {out} holds {held}, not a bench's results; give another --out for this bench "
                           "(a new or empty folder, or an earlier bench's, whose results.csv it adds to)")
    csv_path = out / "results.csv"
    sep = written_as(csv_path) if csv_path.is_file() else None  # old Mac's CR line ends: this run's LF rows mixed in
    cr = bool(sep) and cr_lines(csv_path)
    if sep and (not written_by_rnncast(csv_path) or cr):  # Excel's re-save
        with open(csv_path, "rb") as f:
            bom = f.read(3) == b"\xef\xbb\xbf"
        how = " and ".join([*(["a byte-order mark"] if bom else []), *([f"{sep!r} separators"] if sep != "," else []),
                            *(["CR line ends (old Mac's)"] if cr else [])]) or "its names quoted"
        raise RnncastError(f"{csv_path} was re-saved with {how} (a spreadsheet's), not as rnncast bench writes it, "
                           "and this run's rows would not match it; choose another --out (bench remake reads it)")
    foreign = [name for name in entries if not bench_file(name) or not written_by_rnncast(out / name)]
    if foreign:
        named = ", ".join(foreign[:3]) + (", ..." if len(foreign) > 3 else "")
        raise RnncastError(f"--out {out} holds files that rnncast bench did not write ({named}); give a new or empty "
                           "folder, or one an earlier bench wrote, whose results.csv this run adds to")
    if csv_path.exists() and csv_path.stat().st_size > 0:
        _check_header(csv_path)
    elif out.is_dir():
        ours = sorted(p.name for p in [out / "results.md", *out.glob("forecast_*.png")] if p.exists())
        if ours:
            raise RnncastError(f"{out} holds {', '.join(ours[:3])}{' ...' if len(ours) > 3 else ''} but no results.csv, "
                               f"which a rerun would overwrite; move them away or choose another --out")


def check_source(path: Path, source: Source) -> int:
    """The number of rows results.csv at ``path`` holds, all of the file ``source`` (by its digest: the same
    bytes at another path are the same table); refuses a results.csv holding another file's rows, whose
    tables and plots this run would mix with its own."""
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0:
        return 0
    _check_header(path)
    rows = read_csv(path)
    other = next((r for r in rows if not source.same_bytes(r["data_sha256"])), None)
    if other is not None and other["data_file"] == source.path:
        raise RnncastError(f"{path} holds rows of {source.path} as it was when they were written (sha256 "
                           f"{other['data_sha256'][:12]}); the file has changed since (sha256 {source.sha256[:12]} now), and "
                           "their tables and plots would mix: choose another --out, or remove this folder's results "
                           "(results.csv, results.md, forecast_*.png) to start again")
    if other is not None:
        raise RnncastError(f"{path} holds rows of {other['data_file']} (sha256 {other['data_sha256'][:12]}), not of "
                           f"{source.describe()}: their tables and plots would mix; choose another --out")
    return len(rows)


def plot_name(row: dict) -> str:
    """The file name of a run's forecast plot, from its results.csv row: every run sharing a folder gets
    its own (S and M, two lookbacks, targets, seeds, ``--set`` settings), and results.md finds it again
    from the row. Dataset, mode, target, L, H, model and seed (where the row has one) are spelt out; the protocol and the
    settings (the row's JSON) are the last part, 8 hex digits of their SHA-256. Only a rerun of the very
    same setting (on CPU, the same figure) writes the same name."""
    protocol = row.get("protocol") or "ett"  # results.csv files before the protocol and target columns: ETT's, OT
    settings = row.get("settings", "")
    if '"split"' in settings:  # the split a row records (measure.split_settings) is the file's and the protocol's,
        # not a setting: left out, a rerun of the same setting draws the same name as runs written before it was
        settings = json.dumps({k: v for k, v in json.loads(settings).items() if k != "split"}, sort_keys=True)
    seed = [f"seed{row['seed']}"] if str(row.get("seed", "")) != "" else []  # repeat's: none, as nothing is seeded
    parts = (row["dataset"], row["mode"], row.get("target") or TARGET, f"L{row['L']}", f"H{row['H']}", row["model"], *seed)
    said = f"{protocol}\n{settings}"
    if any(_safe_name(str(p)) != str(p) for p in parts):  # 'speed/h' and 'speed-h' spelt alike: the names as given
        said += "\n" + "\n".join(map(str, parts))  # tell them apart (a name spelt as it is keeps its earlier tag)
    tag = hashlib.sha256(said.encode()).hexdigest()[:8]
    return "forecast_" + "_".join(_safe_name(str(p)) for p in (*parts, tag)) + ".png"


def _safe_name(text: str) -> str:
    """A name as a part of a file name: letters, digits, '.' and '-' kept, others '-' ('_' joins the parts)."""
    return "".join(c if c.isalnum() or c in ".-" else "-" for c in text)


def append_csv(path: Path, row: dict) -> None:
    """Append one row; write the header first if the file is new. A file with other columns is an
    error (its rows are never rewritten)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.stat().st_size > 0:
        _check_header(path)
        new = False
    else:
        new = True
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    if new:
        writer.writeheader()
    writer.writerow({k: _csv_value(row[k]) for k in CSV_COLUMNS})
    with path.open("a", newline="") as f:  # one write per row: concurrent runs interleave whole rows
        f.write(buffer.getvalue())


@contextmanager
def rows_said(out: Path, rows: list[dict]):
    """A refusal after some of the run's rows were appended to ``out``'s results.csv (``rows``, filled as they are)
    names those rows and says results.md was not remade, so a half-written folder is never left unsaid."""
    try:
        yield
    except RnncastError as err:
        if not rows:
            raise
        written = ", ".join(f"{row['model']} H={row['H']}" for row in rows)
        raise RnncastError(f"{err} (stopped after {len(rows)} row{'s' if len(rows) > 1 else ''} of this run written to "
                           f"{out / 'results.csv'}: {written}; results.md was not remade)") from None


def stopped(out: Path | None, rows: list[dict], planned: int, remade: bool) -> str:
    """What a bench run stopped by a signal left, and how to finish it: ``rows``, those of the ``planned`` (horizons
    times models) appended to ``out``'s results.csv (``out`` None: the table was still being read); ``remade``: results.md
    was remade from them, the run complete. A rerun does not continue from results.csv: it runs every model again."""
    again = "run the same command again"
    if out is None:
        return f"nothing was written (the table was being read); {again}"
    if remade:
        return f"the run was complete before the signal: {out / 'results.csv'} and results.md hold its rows"
    if not rows:
        return f"no row of this run was written to {out / 'results.csv'}; {again} to run it"
    written = ", ".join(f"{row['model']} H={row['H']}" for row in rows)
    return (f"{out / 'results.csv'} keeps {len(rows)} of the run's {planned} rows ({written}), and results.md was not "
            f"remade; to finish, {again}: bench does not continue from results.csv, it runs every model and horizon "
            "over and appends their rows (results.md shows each model's latest run)")


def _check_header(path: Path) -> None:
    """Refuse a results.csv whose header is not this version's (its rows are never rewritten)."""
    with path.open(newline="") as f:
        header = next(csv.reader(f), [])
    if tuple(header) != CSV_COLUMNS:
        missing = [c for c in CSV_COLUMNS if c not in header]
        extra = [c for c in header if c not in CSV_COLUMNS]
        which = "; ".join([*([f"it lacks {', '.join(missing)}"] if missing else []),
                           *([f"it has {', '.join(extra)}, which this version does not write"] if extra else [])]) or (
            "the same columns in another order")
        earlier = " (a results.csv of an earlier version, whose rows are never rewritten)" if (
            missing and not extra and header == [c for c in CSV_COLUMNS if c in header]) else ""
        raise RnncastError(f"{path} has other columns than this version writes: {which}{earlier}; "
                           f"move it away or choose another --out")


def _csv_value(value):
    return f"{value:.6f}" if isinstance(value, float) else value


def read_csv(path: Path, sep: str | None = None) -> list[dict]:
    """The rows of a results.csv, cut by ``sep`` (its ``written_as``, read here where the caller has not)."""
    with Path(path).open(newline="", encoding="utf-8-sig") as f:  # a spreadsheet's byte-order mark read past
        return [row for row in csv.DictReader(f, delimiter=sep or written_as(path) or ",") if not _blank(row)]


def _blank(row: dict) -> bool:
    """Whether every cell of ``row`` is empty: a spreadsheet's last row of bare separators (';;;;'), skipped as the
    blank line it is, as the data reader skips one."""
    return not any(str(v or "").strip(" \t[]'") for v in row.values())


def written_as(path: Path) -> str | None:
    """The separator of a results.csv whose header begins as bench writes it (``finished_utc``, ``dataset``), read
    past a UTF-8 byte-order mark and cut by ``;``, a tab or ``|`` where a spreadsheet re-saved it so (found as the
    data reader finds it, ``sheetcsv.separator``); None for an empty file or another header (not bench's). Raises
    ``RnncastError`` naming UTF-16 (Excel's "Unicode Text"), which the data reader refuses too (``nottext.nul_bytes``)."""
    with Path(path).open("rb") as f:
        first = f.read(64)
    if wide(first, first.split(b"\n")[0].decode("latin-1")):  # a UTF-16 byte-order mark, or NULs in the first line
        raise RnncastError(f"{nul_bytes(str(path), first)}; bench remake reads the results.csv so saved")
    with Path(path).open(encoding="utf-8-sig", errors="replace", newline=None) as f:  # lines may end in CR (old Mac)
        line = f.readline().rstrip("\n")  # LF, CR LF or CR alone read as one line's end, as the data reader reads
    sep = separator(line, Path(path).name)  # said once: a command reads it once and hands it on
    return sep if next(csv.reader([line], delimiter=sep), [])[:2] == ["finished_utc", "dataset"] else None


def cr_lines(path: Path) -> bool:
    """Whether the first line of ``path`` ends in a CR alone (old Mac's Excel "CSV (Macintosh)"), not LF or CR LF."""
    with Path(path).open("rb") as f:
        first = f.read(1 << 16)
    end = re.search(rb"\r\n|\r|\n", first)
    return end is not None and end[0] == b"\r" and end.end() < len(first)  # a CR last in the bytes read: half a CR LF?


REMADE_FROM = ("dataset", "mode", "L", "H", "model", "mse", "mae", "test_windows", "beats_repeat", "epochs_run",
               "command")  # the columns results.md is made from, which every version's results.csv has
_NUMBERS = {"L": int, "H": int, "mse": float, "mae": float}  # never blank
_NUMBERS_OR_BLANK = {"repeat_mse": float, "repeat_mae": float, "seconds": float, "mse_all": float, "mae_all": float,
                     "mse_drop_last": float, "mae_drop_last": float, "windows": int, "windows_all": int,
                     "windows_drop_last": int, "epochs_run": int, "best_epoch": int}


def read_checked(path: Path, sep: str) -> list[dict]:
    """The rows of a results.csv to remake results.md from (``bench remake``), cut by ``sep`` (its ``written_as``),
    refused by name where a column it is made from is missing, or a cell of a number column (line and column named)
    is not a number."""
    with Path(path).open(newline="", encoding="utf-8-sig") as f:  # as read_csv reads it: a BOM, ';' separators
        reader = csv.DictReader(f, delimiter=sep)
        missing = [c for c in REMADE_FROM if c not in (reader.fieldnames or [])]
        if missing:
            raise RnncastError(f"{path} lacks the column{'s' if len(missing) > 1 else ''} {', '.join(missing)}, which "
                               "results.md is made from; give the results.csv a bench run wrote, as it wrote it")
        rows = []
        for number, row in enumerate(reader, 1):
            if _blank(row):  # ';;;;' after the rows: a blank row, not a row of blank numbers
                continue
            for column, kind in [*_NUMBERS.items(), *_NUMBERS_OR_BLANK.items()]:
                cell = row.get(column, "")
                blank_ok = column in _NUMBERS_OR_BLANK and not (column == "seconds" and row.get("epochs_run"))
                if cell == "" and blank_ok:
                    continue
                try:
                    kind(cell)
                except (TypeError, ValueError):
                    raise RnncastError(f"{path} row {number} (line {reader.line_num}), column {column}: {cell!r} is not "
                                       f"{'a whole number' if kind is int else 'a number'}; results.md is made from "
                                       "numbers there (give the results.csv a bench run wrote, as it wrote it)") from None
            rows.append(row)
    return rows


def summary_table(rows: list[dict]) -> str:
    """The rows of one command as a plain-text table (the command shows it at the end), under a line saying so where
    they are a ``--quick`` smoke test's; each row says the test windows its scores are on (:func:`windows_text`)."""
    head = ["dataset", "mode", "L", "H", "model", "test windows", "MSE", "MAE", "Repeat MSE", "Repeat MAE",
            "lower MSE than Repeat", "seconds", "epochs"]
    body = [[r["dataset"], r["mode"], r["L"], r["H"], r["model"], windows_text(r), score_text(r["mse"]), score_text(r["mae"]),
             score_text(r["repeat_mse"]), score_text(r["repeat_mae"]), r["beats_repeat"] or "-",
             f"{r['seconds']:.1f}", r["epochs_run"] or "-"] for r in rows]
    quick = "QUICK smoke test (few epochs): these scores show that the benchmark runs, not how the models do\n" if any(
        map(is_quick, rows)) else ""
    return quick + table(head, body)  # padded as a terminal shows each name (a Hangul dataset's: two columns a character)


def windows_text(row: dict) -> str:
    """Which test windows a row's headline MSE/MAE are on: "all 2785"; "160 of 170 (drop-last B=32)" where
    ``--drop-last`` scored the first floor(n/B)*B (B of ``--drop-last recipe``: LTSF-Linear's script's for the known
    table, ETTh1's for another, decision 1728)."""
    if not str(row.get("test_windows") or "").startswith("drop-last"):
        return f"all {row['windows']}"
    how = row["test_windows"].rsplit("-", 1)[-1]
    known = row["dataset"] if row.get("known_table") in ("yes", "") else None
    batch = drop_last_batch(int(how) if how.isdigit() else how, known, int(row["H"]))
    return f"{row['windows']} of {row['windows_all']} (drop-last B={batch})"


def epochs_text(epochs) -> str:
    """A run's epochs in words: "1 epoch", "12 epochs" (``epochs``: results.csv's ``epochs_run``, a number or its text)."""
    return f"{epochs} epoch{'' if str(epochs) == '1' else 's'}"


def is_quick(row: dict) -> bool:
    """Whether a results.csv row is a ``--quick`` smoke test's (few epochs): the summary and results.md ask it here."""
    return row.get("quick") == "yes"
