"""The result files of ``rnncast bench``: ``results.csv`` (one row per run, appended),
``results.md`` (per setting a table, one row per horizon, the latest run of every model beside the
published rows of :mod:`rnncast.bench.published`, and links to their forecast plots), the plots'
names (:func:`plot_name`), and the summary table the command shows.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Sequence
from pathlib import Path

from rnncast.bench.identity import Source
from rnncast.bench.protocol import TARGET
from rnncast.bench.published import DEFAULT_LINEAR_RECIPE, PUBLISHED, SIGNATURES, drop_last_batch, has_recipe
from rnncast.errors import RnncastError
from rnncast.files import write_text

CSV_COLUMNS = (
    "finished_utc", "dataset", "protocol", "target", "mode", "L", "H", "model",
    "mse", "mae", "windows", "test_windows",  # the headline scores and which windows they cover
    "mse_all", "mae_all", "windows_all", "mse_drop_last", "mae_drop_last", "windows_drop_last",
    "repeat_mse", "repeat_mae", "beats_repeat",  # Repeat on the same windows as mse/mae
    "seconds", "train_seconds", "epochs_run", "best_epoch", "best_val_mse",
    "seed", "device", "threads", "quick", "settings", "rnncast_version", "torch_version", "command",
    "data_file", "data_sha256", "known_table",  # the file read (rnncast.bench.identity); yes: it holds `dataset`
    "unscaled_columns",  # the scored columns only centred (constant on the training rows), a JSON list; "" for none
)
"""The columns of results.csv. Files of earlier versions lack the last four; they are read (results.md
is remade from them, their dataset told by its name, no column said to be only centred) but not appended to."""


def check_out(out: Path) -> None:
    """Refuse an output folder this command would spoil, before anything is trained: a file, a folder
    whose results.csv has other columns, or one holding results.md or forecast PNGs but no results.csv
    (another tool's, or a half-deleted run's)."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise RnncastError(f"--out {str(out)!r} is a file; choose a folder (it is created when absent)")
    csv_path = out / "results.csv"
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
    other = next((r for r in rows if r["data_sha256"] != source.sha256), None)
    if other is not None and other["data_file"] == source.path:
        raise RnncastError(f"{path} holds rows of {source.path} as it was when they were written (sha256 "
                           f"{other['data_sha256']}); the file has changed since (sha256 {source.sha256} now), and "
                           "their tables and plots would mix: choose another --out, or remove this folder's results "
                           "(results.csv, results.md, forecast_*.png) to start again")
    if other is not None:
        raise RnncastError(f"{path} holds rows of {other['data_file']} (sha256 {other['data_sha256']}), not of "
                           f"{source.describe()}: their tables and plots would mix; choose another --out")
    return len(rows)


def plot_name(row: dict) -> str:
    """The file name of a run's forecast plot, from its results.csv row: every run sharing a folder gets
    its own (S and M, two lookbacks, targets, seeds, ``--set`` settings), and results.md finds it again
    from the row. Dataset, mode, target, L, H, model and seed are spelt out; the protocol and the
    settings (the row's JSON) are the last part, 8 hex digits of their SHA-256. Only a rerun of the very
    same setting (on CPU, the same figure) writes the same name."""
    protocol = row.get("protocol") or "ett"  # results.csv files before the protocol and target columns: ETT's, OT
    tag = hashlib.sha256(f"{protocol}\n{row.get('settings', '')}".encode()).hexdigest()[:8]
    parts = (row["dataset"], row["mode"], row.get("target") or TARGET, f"L{row['L']}", f"H{row['H']}", row["model"],
             f"seed{row['seed']}", tag)
    return "forecast_" + "_".join(_safe_name(str(p)) for p in parts) + ".png"


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


def read_csv(path: Path) -> list[dict]:
    with Path(path).open(newline="") as f:
        return list(csv.DictReader(f))


def write_markdown(out: Path, model_order: Sequence[str]) -> Path:
    """Remake ``results.md`` from every row of ``results.csv`` in ``out``; models in
    ``model_order`` first, in that order."""
    rows = read_csv(out / "results.csv")
    plots = {p.name for p in Path(out).glob("forecast_*.png")}
    write_text(out / "results.md", markdown(rows, model_order, plots))
    return out / "results.md"


def markdown(rows: list[dict], model_order: Sequence[str], plots: set[str] = frozenset()) -> str:
    """One section per (dataset, mode, L, test windows): a row per horizon, the latest run of every
    model (MSE/MAE; columns in ``model_order``, other models after them), then the published rows
    for that dataset and mode, and links to the forecast plots of the runs shown that are among
    ``plots`` (the file names in the folder; a run with ``--no-plots`` drew none)."""
    order = list(model_order)

    def rank(model: str) -> int:
        return order.index(model) if model in order else len(order)

    groups: dict[tuple, dict[tuple[int, str], dict]] = {}
    for row in rows:  # later rows win
        key = (row["dataset"], row.get("protocol") or "ett", row.get("target") or TARGET, row["mode"], int(row["L"]),
               row["test_windows"])
        groups.setdefault(key, {})[(int(row["H"]), row["model"])] = row
    lines = ["# Long-horizon benchmark results", "",
             "MSE/MAE on z-scored values (a column constant on the training rows is only centred, as the "
             "published code's StandardScaler did: its section says so; protocols: shared/benchmarks/ETT.md for ETT, "
             "shared/data/LTSF/README.md for the custom one); measured columns are "
             "the latest run of each model in results.csv. **Bold**: a model with a lower MSE than "
             "Repeat on the same windows. Published columns in *italics*.", ""]
    for (dataset, protocol, target, mode, lookback, windows), runs in groups.items():
        horizons = sorted({h for h, _ in runs})
        models = list(dict.fromkeys(m for _, m in sorted(runs, key=lambda k: rank(k[1]))))
        known = {r.get("known_table") or "" for r in runs.values()}  # "": a file of an earlier version, told by its name
        own = SIGNATURES[dataset].protocol if dataset in SIGNATURES else "custom"  # the published rows' protocol
        comparable = (protocol == own and (mode == "M" or target == TARGET)
                      and known <= {"yes", ""})
        published = PUBLISHED.get((dataset, mode), []) if comparable else []  # made on OT, under the dataset's protocol
        quick = any(r["quick"] == "yes" for r in runs.values())
        target_text = "" if mode == "M" or target == "OT" else f" (target {target})"
        lines += [f"## {dataset}, {mode}{target_text}, L={lookback}, {windows} test windows, {protocol} protocol"
                  f"{' (QUICK smoke test: few epochs)' if quick else ''}", ""]
        head = ["H", *models, *[f"*{p.label}*" for p in published]]
        lines.append("| " + " | ".join(head) + " |")
        lines.append("|" + "---|" * len(head))
        for h in horizons:
            cells = [str(h)]
            for m in models:
                r = runs.get((h, m))
                if r is None:
                    cells.append("—")
                    continue
                text = f"{float(r['mse']):.3f}/{float(r['mae']):.3f}"
                cells.append(f"**{text}**" if r["beats_repeat"] == "yes" else text)
            for p in published:
                s = p.scores.get(h)
                cells.append(f"*{s[0]:.3f}/{s[1]:.3f}*" if s else "—")
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
        seeds = {m: sorted({str(r.get("seed", "")) for (_, m2), r in runs.items() if m2 == m}) for m in models}
        if len({s for found in seeds.values() for s in found}) > 1:  # later runs into one folder with other seeds
            lines.append("Seeds of the runs shown (they differ): " + "; ".join(
                f"{m} {', '.join(found)}" for m, found in seeds.items()) + ".")
            lines.append("")
        trained = [r for r in runs.values() if r["epochs_run"] not in ("", None)]
        if trained:
            lines.append("Trained runs: " + "; ".join(
                f"{r['model']} H={r['H']} {r['epochs_run']} epochs (best {r['best_epoch']}), "
                f"{float(r['seconds']):.0f} s" for r in sorted(trained, key=lambda r: (int(r["H"]), rank(r["model"])))
            ) + ".")
            lines.append("")
        drawn = [(r, plot_name(r)) for r in sorted(runs.values(), key=lambda r: (int(r["H"]), rank(r["model"])))]
        drawn = [(r, name) for r, name in drawn if name in plots]
        if drawn:
            lines.append("Forecast plots (the first test window): " + ", ".join(
                f"[{r['model']} H={r['H']}]({name})" for r, name in drawn) + ".")
            lines.append("")
        unscaled = list(dict.fromkeys(c for r in runs.values() for c in json.loads(r.get("unscaled_columns") or "[]")))
        if unscaled:
            lines.append(unscaled_note(unscaled))
            lines.append("")
        if windows.startswith("drop-last"):
            lines.append(_drop_last_note(dataset, windows, horizons, "no" not in known))
        if published:
            by_source: dict[str, list[str]] = {}
            for p in published:
                by_source.setdefault(p.source, []).append(p.label)
            lines.append("Published columns: " + "; ".join(
                f"{', '.join(labels)} from {source}" for source, labels in by_source.items()) + ".")
            if windows == "all":
                lines.append("The published rows were scored on the drop-last test windows (their loader dropped "
                             "its last incomplete batch), these on all of them: `--drop-last recipe` scores the "
                             "published windows.")
        elif "no" in known and dataset in SIGNATURES:
            lines.append(f"No published rows: the file named {dataset} is not {SIGNATURES[dataset].title} "
                         "(rnncast.bench.identity).")
        else:
            lines.append(f"No published rows for {dataset} {mode} in rnncast.bench.published.")
        commands = list(dict.fromkeys(r["command"] for r in runs.values()))
        lines += ["", "Commands:", "", *[f"    {c}" for c in commands], ""]
    return "\n".join(lines)


def unscaled_note(columns: Sequence[str]) -> str:
    """The line saying that ``columns``, scored, are only centred, so the section's scores are not all z-scores."""
    named = ", ".join(f"`{c}`" for c in columns[:5]) + (f" ... ({len(columns)} in all)" if len(columns) > 5 else "")
    return (f"Only centred, not z-scored: {named}, constant on the training rows (the published code's StandardScaler "
            "left them so). Their errors are in the data's units, so these scores are not all z-scores, and where "
            "they vary later they may outweigh the other columns'; --mode S or MS, or the file without them, leaves "
            "them out.")


def _drop_last_note(dataset: str, windows: str, horizons: list[int], known: bool) -> str:
    """Which test windows a drop-last section scores: the first floor(n / B) * B, with B named."""
    if windows != "drop-last-recipe":
        return f"Scored on the drop-last test windows: the first floor(n/B)*B with B = {windows.rsplit('-', 1)[-1]}."
    held = dataset if known else None
    if not has_recipe(held):
        return (f"Scored on the drop-last test windows: the first floor(n/B)*B with B = {DEFAULT_LINEAR_RECIPE[0]}, "
                f"ETTh1's batch (LTSF-Linear has no script for {dataset}).")
    batches = {h: drop_last_batch("recipe", held, h) for h in horizons}
    per = (", ".join(f"{b} at H={h}" for h, b in batches.items()) if len(set(batches.values())) > 1
           else next(iter(batches.values())))
    return f"Scored on the drop-last test windows: the first floor(n/B)*B with B = {per} (LTSF-Linear's script for {dataset})."


def summary_table(rows: list[dict]) -> str:
    """The rows of one command as a plain-text table (the command shows it at the end)."""
    head = ["dataset", "mode", "L", "H", "model", "MSE", "MAE", "Repeat MSE", "Repeat MAE", "beats Repeat",
            "seconds", "epochs"]
    body = [[r["dataset"], r["mode"], r["L"], r["H"], r["model"], f"{r['mse']:.4f}", f"{r['mae']:.4f}",
             f"{r['repeat_mse']:.4f}", f"{r['repeat_mae']:.4f}", r["beats_repeat"] or "-",
             f"{r['seconds']:.1f}", r["epochs_run"] or "-"] for r in rows]
    cells = [head] + [[str(c) for c in row] for row in body]
    widths = [max(len(r[i]) for r in cells) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
