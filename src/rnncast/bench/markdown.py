"""``results.md`` of ``rnncast bench``, remade from every row of ``results.csv`` (:mod:`rnncast.bench.results`)
after each run: per setting a table, one row per horizon, the latest setting of every model, the mean ± sd over its
seeds where results.csv holds several (:mod:`rnncast.bench.seedruns`; each cell's seeds said), a ``--quick`` smoke
test's only where no full run of it is kept, marked so, and said where one is left out, beside the published
rows of :mod:`rnncast.bench.published` that were scored on the same test windows; a table of their own for
published rows scored on other windows (PatchTST's ILI loader dropped its last incomplete batch of 16,
LTSF-Linear's of 32, SegRNN's kept all), with the measured models scored on those windows; and links to the
forecast plots.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from rnncast.bench.published import (DEFAULT_LINEAR_RECIPE, SIGNATURES, Published, drop_last_batch,
                                     has_recipe, published_windows, signature_named)
from rnncast.bench.results import epochs_text, is_quick, plot_name, read_checked, read_csv, written_as
from rnncast.bench import seedruns
from rnncast.errors import RnncastError
from rnncast.files import write_text
from rnncast.outputs import written_by_rnncast


def write_markdown(out: Path, model_order: Sequence[str]) -> Path:
    """Remake ``results.md`` from every row of ``results.csv`` in ``out``; models in
    ``model_order`` first, in that order."""
    return remake(out, model_order)[0]


def remake(out: Path, model_order: Sequence[str], sep: str | None = None) -> tuple[Path, set[str]]:
    """``write_markdown``'s page, its path and the forecast plots it links (their file names), counted as it is
    written: a quick run's plot beside a full run of the same model and horizon is not linked. ``sep``: the
    results.csv's separator, where the caller has read it (``written_as``)."""
    rows = read_csv(Path(out) / "results.csv", sep)
    plots = {p.name for p in Path(out).glob("forecast_*.png")}
    text, linked = _page(rows, model_order, plots)
    write_text(Path(out) / "results.md", text)
    return Path(out) / "results.md", linked


def remake_folder(out: Path, model_order: Sequence[str]) -> str:
    """``rnncast bench remake FOLDER``: ``results.md`` rewritten from the ``results.csv`` in ``out`` (of this version or
    an earlier one) with nothing run, and the line saying so; refused where ``out`` holds no results.csv bench wrote,
    or a results.md bench did not write (which would be overwritten)."""
    out = Path(out)
    csv_path, md_path = out / "results.csv", out / "results.md"
    if not out.is_dir():
        raise RnncastError(f"{out} {'is a file' if out.exists() else 'does not exist'}; give the --out folder of a "
                           "bench run, whose results.csv results.md is remade from")
    sep = written_as(csv_path) if csv_path.is_file() else None
    if not sep:  # re-saved with a BOM or ';' separators: read so
        held = "no results.csv" if not csv_path.exists() else "a results.csv that rnncast bench did not write"
        held = "an empty results.csv" if csv_path.is_file() and not csv_path.stat().st_size else held
        raise RnncastError(f"{out} holds {held}; give the --out folder of a bench run, whose results.csv results.md "
                           "is remade from")
    if md_path.exists() and not written_by_rnncast(md_path):
        raise RnncastError(f"{md_path} was not written by rnncast bench (it does not begin '# Long-horizon benchmark "
                           "results'); move it away to have it remade")
    rows = len(read_checked(csv_path, sep))  # a column it is made from missing, or text in a number's cell: refused
    if not rows:  # a run stopped before its first row: a page of no table would replace the one there
        raise RnncastError(f"{csv_path} holds no rows (only its header: a bench run stopped before its first row was "
                           f"written?); results.md is remade from a results.csv with rows, and {md_path.name} is left "
                           "as it is")
    return f"wrote {remake(out, model_order, sep)[0]} from the {rows} row{'s' if rows != 1 else ''} of {csv_path}"


def score_at(row: dict, windows: int) -> tuple[float, float] | None:
    """``(MSE, MAE)`` of a results.csv row on the first ``windows`` test windows, from whichever of its columns
    holds them (the headline, all windows, the drop-last variant, or ``published_windows``); None where the row
    was not scored on them (a row of an earlier version, which kept no ``published_windows``)."""
    extra = json.loads(row.get("published_windows") or "{}")
    if str(windows) in extra:
        return tuple(extra[str(windows)])
    for count, mse, mae in (("windows", "mse", "mae"), ("windows_all", "mse_all", "mae_all"),
                            ("windows_drop_last", "mse_drop_last", "mae_drop_last")):
        if str(row.get(count) or "") == str(windows) and row.get(mse) not in ("", None):
            return float(row[mse]), float(row[mae])
    return None


def score_on(row: dict, p: Published, held: str | None) -> tuple[float, float] | None:
    """``(MSE, MAE)`` of a results.csv row on the test windows published row ``p`` was scored on (``held``: the
    known table the rows hold); None where the row was not scored on them (:func:`score_at`)."""
    count = _count(row, p, held)
    return score_at(row, count) if count else None


def _count(row: dict, p: Published, held: str | None) -> int | None:
    """How many test windows published row ``p`` was scored on at this row's horizon; None: not known (a
    row without its number of test windows)."""
    n = row.get("windows_all")
    return published_windows(p, held, int(row["H"]), int(n)) if n not in ("", None) else None


def markdown(rows: list[dict], model_order: Sequence[str], plots: set[str] = frozenset()) -> str:
    """The text of results.md: a section per dataset, mode, L and test windows, linking the forecast plots among
    ``plots`` of the runs it shows (``_page``)."""
    return _page(rows, model_order, plots)[0]


def _page(rows: list[dict], model_order: Sequence[str], plots: set[str]) -> tuple[str, set[str]]:
    """The page and the plots it links. One section per (dataset, mode, L, test windows): a row per horizon, the latest
    setting of every model (MSE/MAE, the mean ± sd over its seeds where there are several; columns in ``model_order``, other models after them) beside the published rows for that
    dataset and mode made on the same windows, then one table per other windows of published rows, and links
    to the forecast plots of the runs shown that are among ``plots`` (the file names in the folder; a run
    with ``--no-plots`` drew none)."""
    order = list(model_order)

    def rank(model: str) -> int:
        return order.index(model) if model in order else len(order)

    linked: set[str] = set()
    groups, unshown, replaced = seedruns.gather(rows, seedruns.section_of)  # {(H, model): [a row per seed]} per section
    lines = ["# Long-horizon benchmark results", "",
             "MSE/MAE on z-scored values (a column constant on the training rows is only centred, as the "
             "published code's StandardScaler did: its section says so; protocols: shared/benchmarks/ETT.md for ETT, "
             "shared/data/LTSF/README.md for the custom one); measured columns are "
             "the latest setting of each model in results.csv: where it holds several seeds of it, their mean "
             "± sd over the seeds (n=seeds), the latest row of each seed. **Bold**: a model with a lower (mean) MSE "
             "than Repeat on the same windows. Published columns in *italics*, each beside scores on the test windows "
             "it was scored on. Measured scores with 4 decimals, more where those leave fewer than 3 significant "
             "figures; published ones with the papers' 3.", ""]
    for (dataset, protocol, target, mode, lookback, windows), seeded in groups.items():
        runs = {cell: seeds[-1] for cell, seeds in seeded.items()}  # a row of each cell: what its seeds share
        shown = {id(r) for cell in seeded.values() for r in cell}
        every = [r for r in rows if id(r) in shown]  # every row shown, in the file's order
        horizons = sorted({h for h, _ in runs})
        models = list(dict.fromkeys(m for _, m in sorted(runs, key=lambda k: rank(k[1]))))
        known = {r.get("known_table") or "" for r in runs.values()}  # "": a file of an earlier version, told by its name
        published = seedruns.published_beside((dataset, protocol, target, mode), known)  # OT, the dataset's protocol
        held = dataset if "no" not in known else None
        quick = [r for r in every if is_quick(r)]
        label = ("" if not quick else " (QUICK smoke test: few epochs)" if len(quick) == len(runs) else
                 " (some QUICK smoke tests: few epochs, marked *quick*)")
        lines += [f"## {seedruns.section_title((dataset, protocol, target, mode, lookback, windows))}{label}", ""]
        headline = tuple(sorted({(int(r["H"]), int(r["windows"])) for r in runs.values() if r.get("windows")}))
        by_windows: dict[tuple, list[Published]] = {}  # published rows scored on the same windows at every horizon
        for p in published:  # PatchTST's ILI batch of 16 keeps LTSF-Linear's 32's windows at H=24 and 60, not 36, 48
            by_windows.setdefault(_counts(runs, p, held), []).append(p)
        lines += _table(seeded, models, horizons, by_windows.pop(headline, []), None, held)
        for others in by_windows.values():
            lines += [_windows_heading(others), ""]
            lines += _table(seeded, models, horizons, others, others[0], held)
        lines += split_lines(every)
        if left_out := unshown.get((dataset, protocol, target, mode, lookback, windows)):
            lines += ["Later QUICK smoke tests not shown, a full run of the same model and horizon being: " + ", ".join(
                f"{m} H={h}" for h, m in sorted(left_out, key=lambda k: (k[0], rank(k[1])))) + ".", ""]
        if left_out := replaced.get((dataset, protocol, target, mode, lookback, windows)):
            lines += [seedruns.replaced_line(left_out, rank), ""]
        if seeds := seedruns.seeds_line(seeded, rank):  # which seed each cell is
            lines += [seeds, ""]
        trained = [r for r in every if r["epochs_run"] not in ("", None)]
        if trained:
            lines.append("Trained runs: " + "; ".join(
                f"{r['model']} H={r['H']}{' (seed ' + str(r['seed']) + ')' if str(r.get('seed', '')) else ''} "
                f"{epochs_text(r['epochs_run'])} (best {r['best_epoch']}), "
                f"{float(r['seconds']):.0f} s" for r in sorted(trained, key=lambda r: (int(r["H"]), rank(r["model"])))
            ) + ".")
            lines.append("")
        drawn = [(r, plot_name(r)) for r in sorted(every, key=lambda r: (int(r["H"]), rank(r["model"])))]
        drawn = [(r, name) for r, name in drawn if name in plots]
        linked.update(name for _, name in drawn)
        if drawn:
            lines.append("Forecast plots (the first test window): " + ", ".join(
                f"[{r['model']} H={r['H']}{_seed_label(seeded, r)}]({name})" for r, name in drawn) + ".")
            lines.append("")
        said = list(dict.fromkeys(n for r in every for n in json.loads(r.get("settings") or "{}").get("data_notes", [])))
        if said:  # how the file was read and what reading it warned of (a gap in its calendar, a column not read)
            lines.append("The data as read: " + " ".join(f"{n}{'' if n.endswith('.') else '.'}" for n in said))
            lines.append("")
        unscaled = list(dict.fromkeys(c for r in every for c in json.loads(r.get("unscaled_columns") or "[]")))
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
        elif "no" in known and signature_named(dataset):  # Weather.csv as weather.csv: named like a known table
            lines.append(f"No published rows: the file named {dataset} is not {SIGNATURES[signature_named(dataset)].title} "
                         "(rnncast.bench.identity).")
        else:
            lines.append(f"No published rows for {dataset} {mode} in rnncast.bench.published.")
        commands = list(dict.fromkeys(r["command"] for r in every))
        lines += ["", "Commands:", "", *[f"    {c}" for c in commands], ""]
    return "\n".join(lines), linked


def _table(seeded: dict, models: list[str], horizons: list[int], published: list[Published],
           rule: Published | None, held: str | None) -> list[str]:
    """A table, a row per horizon: each measured model's MSE/MAE (bold below Repeat's on the same windows), the mean
    ± sd over its seeds where ``seeded`` {(H, model): [rows]} holds several (:func:`rnncast.bench.seedruns.cell_text`),
    then the ``published`` columns. ``rule`` None: the headline scores; else the scores on ``rule``'s windows (—
    where a run kept none: a results.csv of an earlier version)."""
    runs = {cell: seeds[-1] for cell, seeds in seeded.items()}
    head = ["H", *[seedruns.column_label(m, seeded) for m in models], *[f"*{p.label}*" for p in published]]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for h in horizons:
        cells = [str(h)]
        repeat = runs.get((h, "repeat"))
        for m in models:
            r = runs.get((h, m))
            if r is None:
                cells.append("—")
                continue
            mark = " *quick*" if is_quick(r) and not all(is_quick(o) for o in runs.values()) else ""  # a full run's beside
            if rule is None:
                scores = [(float(o["mse"]), float(o["mae"])) for o in seeded[(h, m)]]
                text, better = seedruns.cell_text(scores, float(r["repeat_mse"]) if r.get("repeat_mse") not in ("", None)
                                                  else None, r["beats_repeat"] or ("no" if m == "repeat" else ""))
                cells.append(f"**{text}**{mark}" if better else text + mark)
                continue
            scores = [score_on(o, rule, held) for o in seeded[(h, m)]]
            base = score_on(repeat, rule, held) if repeat is not None else None
            if None in scores:
                cells.append("—")
                continue
            text, better = seedruns.cell_text(scores, base[0] if base is not None and m != "repeat" else None)
            cells.append(f"**{text}**{mark}" if better else text + mark)
        for p in published:
            s = p.scores.get(h)
            cells.append(f"*{s[0]:.3f}/{s[1]:.3f}*" if s else "—")  # as the papers print them
        lines.append("| " + " | ".join(cells) + " |")
    return lines + [""]


def _seed_label(seeded: dict, row: dict) -> str:
    """" seed 7" in a plot's link where its cell shows several seeds; "" where it shows one."""
    return f" seed {row['seed']}" if len(seeded[(int(row["H"]), row["model"])]) > 1 else ""


def _counts(runs: dict, p: Published, held: str | None) -> tuple:
    """How many first test windows ``p`` was scored on at each horizon of the section: ``((H, count), ...)``."""
    return tuple(sorted({(int(r["H"]), _count(r, p, held)) for r in runs.values()}))


def _windows_heading(rows: list[Published]) -> str:
    """The line above the table of ``rows`` (published rows scored on the same windows): which windows, where that is
    written, and beside which rows: "On all test windows (shared/benchmarks/ETT.md, point 8), beside Repeat (all
    windows):"; where their loaders differ, each named (LTSF-Linear's batch of 32 and FEDformer's 32 are the same
    windows on ILI)."""
    said = {}
    for p in rows:
        said.setdefault((_rule_text(p), p.windows_source), []).append(p.label)
    labels = ", ".join(p.label for p in rows)
    if len(said) == 1:
        (rule, source), = said
        return f"On {rule} ({source}), beside {labels}:"
    return (f"On the windows of {labels} ("
            + "; ".join(f"{', '.join(named)}: {rule}, {source}" for (rule, source), named in said.items()) + "):")


def _rule_text(p: Published) -> str:
    if p.test_batch is None:
        return "all test windows"
    if p.test_batch == "recipe":
        return "the first floor(n/B)*B test windows, B the batch of LTSF-Linear's script"
    return f"the first floor(n/{p.test_batch})*{p.test_batch} test windows"


def split_lines(rows) -> list[str]:
    """The protocol's split the ``rows`` record (``settings["split"]``: measure.split_settings), one line per split
    (one where all rows share it) and a blank line; none for rows of earlier versions, which recorded none."""
    splits = dict.fromkeys(json.dumps(json.loads(r.get("settings") or "{}").get("split") or None) for r in rows)
    lines = []
    for split in filter(None, map(json.loads, splits)):
        parts = [f"{part} {v[0]}-{v[1]}{f' ({v[2]} to {v[3]})' if len(v) > 2 else ''}"
                 for part, v in sorted(split.items(), key=lambda item: item[1][0])]  # train, validation, test
        dated = any(len(v) > 2 for v in split.values())
        lines += [f"Split (data rows from 0{', with their times as the file writes them' if dated else ''}): "
                  f"{', '.join(parts)}.", ""]
    return lines


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
