"""Which rows of ``results.csv`` each cell of ``results.md`` shows (:mod:`rnncast.bench.markdown`), and how: per
section and cell (a horizon and a model) the latest setting of that model, one row per seed (a rerun of a seed
replaces its row), shown as their mean ± sd over the seeds with how many where there are several, as the published
tables report a mean over seeds. A setting is the row's recorded settings less its seed and how it ran (device,
threads); rows of an earlier setting, and a quick smoke test's beside a full run, are left out and said. The
section a row belongs to (:func:`section_of`) and the published rows shown beside it (:func:`published_beside`) are
asked here too, by results.md and by the benchmarks/ summary scripts alike (decision 1727).
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path

from rnncast.bench.protocol import TARGET, unread_keys
from rnncast.bench.published import PUBLISHED, SIGNATURES, Published
from rnncast.bench.results import is_quick, read_csv
from rnncast.bench.scoring import against_repeat, score_text

HOW_IT_RAN = ("seed", "device", "threads", "data_notes")  # not the setting: rows that differ only so are its seeds


def section_of(row: dict) -> tuple:
    """The section of results.md a results.csv row belongs to: ``(dataset, protocol, target, mode, L, test_windows)``.
    Rows of another protocol, target (M scores every column, whatever the target) or window set are never one cell.
    Rows of versions that recorded no protocol ran the ETT one; none that recorded no target, OT."""
    target = TARGET if row["mode"] == "M" else row.get("target") or TARGET
    return row["dataset"], row.get("protocol") or "ett", target, row["mode"], int(row["L"]), row["test_windows"]


def section_title(section: tuple) -> str:
    """A ``section_of`` key in words: "ETTh1, S (target HUFL), L=96, all test windows, ett protocol"."""
    dataset, protocol, target, mode, lookback, windows = section
    target_text = "" if mode == "M" or target == TARGET else f" (target {target})"
    return f"{dataset}, {mode}{target_text}, L={lookback}, {windows} test windows, {protocol} protocol"


def replaced_line(cells, rank) -> str:
    """The line naming the cells (``(H, model)``, models ordered by ``rank``) whose earlier runs of another setting
    are not shown (``gather``'s ``replaced``)."""
    named = ", ".join(f"{m} H={h}" for h, m in sorted(cells, key=lambda k: (k[0], rank(k[1]))))
    return f"Earlier runs of another setting are not shown for: {named} (these cells show the latest setting only)."


def column_label(model: str, seeded: dict) -> str:
    """A model's column header in results.md: its name, and where its runs shown (``seeded`` {(H, model): [rows]})
    were trained on quantiles, which, and that their median is what is scored: "lstm (quantiles 0.1/0.5/0.9, median
    scored)" (decision 1730)."""
    found = {json.dumps(json.loads(r.get("settings") or "{}").get("quantiles") or [])
             for (_, m), rows in seeded.items() if m == model for r in rows}
    if found == {"[]"} or not found:
        return model
    if len(found) > 1:
        return f"{model} (quantiles at some horizons, their median scored)"
    return f"{model} (quantiles {'/'.join(f'{q:g}' for q in json.loads(found.pop()))}, median scored)"


def published_beside(section: tuple, known: set[str]) -> list[Published]:
    """The published rows (:mod:`rnncast.bench.published`) a ``section_of`` key's runs may stand beside: those of
    its dataset and mode where it ran under the dataset's own protocol on OT (or M), on the known table itself
    (``known``: the rows' ``known_table`` values, "" for rows of versions that kept none); [] otherwise (a custom
    split of ETTh1, target HUFL, a file only named like ETTh1)."""
    dataset, protocol, target, mode = section[:4]
    own = SIGNATURES[dataset].protocol if dataset in SIGNATURES else "custom"  # the published rows' protocol
    comparable = protocol == own and (mode == "M" or target == TARGET) and known <= {"yes", ""}
    return PUBLISHED.get((dataset, mode), []) if comparable else []


def rows_under(folder: Path, pattern: str = "**/results.csv", full_only: bool = False) -> list[dict]:
    """Every row of the results.csv files under ``folder`` matching ``pattern`` in the order they finished (their
    ``finished_utc``, as bench writes it; rows finished in one second in path order, then each file's order), so that
    a later run of a seed replaces an earlier one in :func:`gather` across files too, each row with ``_file``: the
    file it came from. ``full_only``: a ``--quick`` smoke test's rows left out, as the benchmarks/
    summary scripts both leave them (decision 1769)."""
    rows = []
    for path in sorted(Path(folder).glob(pattern)):
        rows += [{**row, "_file": str(path)} for row in read_csv(path) if not (full_only and is_quick(row))]
    when, last = [], ""  # a row recording no time is as late as the row before it (decision 1772)
    for row in rows:
        when.append(last := row.get("finished_utc") or last)
    return [row for _, row in sorted(zip(when, rows), key=lambda pair: pair[0])]  # stable: ties keep path order


def setting_of(row: dict) -> str:
    """What a row ran, less its seed and how it ran: rows of one cell equal here are seeds of one setting. The keys
    no bench fit read (``protocol.unread_keys``: ``chunk`` is read by the sequence scheme), which rows before
    decision 1156 recorded, are left out: an older row of the same setting is a seed of it too."""
    recorded = json.loads(row.get("settings") or "{}")
    settings = {k: v for k, v in recorded.items() if k not in HOW_IT_RAN + unread_keys(recorded)}
    return json.dumps(settings, sort_keys=True) + ("quick" if is_quick(row) else "")


def every_setting(rows: list[dict], key_of) -> dict:
    """``{section key: [seeded, ...]}``: every setting (:func:`setting_of`) of each cell that ``rows`` (in the order
    they ran) hold, none left out, the latest setting first: the k-th ``seeded`` {(H, model): [row per seed]} holds
    the cells' settings k before their latest (a cell with fewer settings is absent from it); a later row of a seed
    replaces it. For the benchmarks/ summary scripts, whose folders keep variants on purpose (decision 1772); a quick
    run is a setting of its own (``rows_under(..., full_only=True)`` leaves them out)."""
    cells: dict = {}
    for row in rows:
        settings = cells.setdefault(key_of(row), {}).setdefault((int(row["H"]), row["model"]), {})
        seeds = settings.pop(setting_of(row), {})
        seeds.pop(str(row.get("seed", "")), None)
        settings[setting_of(row)] = {**seeds, str(row.get("seed", "")): row}  # the latest setting last
    found: dict = {}
    for key, by_cell in cells.items():
        for cell, settings in by_cell.items():
            for back, seeds in enumerate(reversed(settings.values())):
                variants = found.setdefault(key, [])
                variants += [{} for _ in range(back + 1 - len(variants))]
                variants[back][cell] = list(seeds.values())
    return found


def setting_change(row: dict, latest: dict) -> str:
    """What ``row``'s setting sets otherwise than ``latest``'s (both of one cell): "channel_independent true (latest
    false), epochs 3 (latest 8)", and the keys only one of them recorded (another version); "quick" where only that
    differs."""
    mine, theirs = (json.loads(setting_of(r).removesuffix("quick")) for r in (row, latest))
    said = [f"{k} {json.dumps(mine[k])} (latest {json.dumps(theirs[k])})"
            for k in sorted(set(mine) & set(theirs)) if mine[k] != theirs[k]]
    if only := sorted(set(mine) ^ set(theirs)):  # keys a version of rnncast recorded and the other did not
        said.append(f"{', '.join(only)} recorded by one of them only")
    return ", ".join(said) or "quick"


def gather(rows: list[dict], key_of) -> tuple[dict, dict, dict]:
    """``(groups, unshown, replaced)`` from results.csv's ``rows`` in file order: ``groups`` {section key
    (``key_of(row)``): {(H, model): [row per seed]}}; ``unshown`` {section: {(H, model): None}} the quick runs a
    full one keeps out; ``replaced`` {section: {(H, model): None}} the cells whose earlier rows of another setting
    are left out. A later row of a seed replaces it; a full run replaces quick ones, never the reverse."""
    groups: dict = {}
    unshown: dict = {}
    replaced: dict = {}
    for row in rows:
        key = key_of(row)
        cell, shown = (int(row["H"]), row["model"]), groups.setdefault(key, {})
        runs = shown.get(cell)
        if runs and is_quick(row) and not is_quick(runs[0]):
            unshown.setdefault(key, {})[cell] = None
            continue
        if not runs or setting_of(runs[-1]) != setting_of(row):
            if runs and is_quick(row) == is_quick(runs[0]):  # a full run replacing quick ones is not another setting
                replaced.setdefault(key, {})[cell] = None
            shown[cell] = [row]
            continue
        seed = str(row.get("seed", ""))
        shown[cell] = [r for r in runs if str(r.get("seed", "")) != seed] + [row]
    return groups, unshown, replaced


def mean_sd(values: list[float]) -> tuple[float, float]:
    """The mean of ``values`` and their sample standard deviation (0 for one value)."""
    return statistics.fmean(values), (statistics.stdev(values) if len(values) > 1 else 0.0)


def cell_text(scores: list[tuple[float, float]], repeat: float | None, beats: str = "") -> tuple[str, bool]:
    """``(text, bold)`` of a cell from its seeds' ``(MSE, MAE)``: "0.0532/0.1770" for one seed (``beats``: its
    row's verdict against Repeat), "0.0532 ± 0.0011/0.1770 ± 0.0020 (n=3)" for several, bold where the mean MSE is
    lower than Repeat's (``repeat``) on the same windows."""
    if len(scores) == 1:
        mse, mae = scores[0]
        better = beats == "yes" if beats else repeat is not None and against_repeat(mse, repeat) == "yes"
        return f"{score_text(mse)}/{score_text(mae)}", better
    (mse, mse_sd), (mae, mae_sd) = (mean_sd([s[i] for s in scores]) for i in (0, 1))
    better = repeat is not None and against_repeat(mse, repeat) == "yes"
    return f"{score_text(mse)} ± {score_text(mse_sd)}/{score_text(mae)} ± {score_text(mae_sd)} (n={len(scores)})", better


def seeds_line(runs: dict, rank) -> str:
    """The line saying which seed each cell is (``runs`` {(H, model): [rows]}, models ordered by ``rank``): "Seed
    2021 for every run shown." where they share one; else per model and horizon. "" where no row has a seed."""
    seeds = {cell: [str(r.get("seed", "")) for r in rows if str(r.get("seed", ""))]
             for cell, rows in sorted(runs.items(), key=lambda item: (rank(item[0][1]), item[0][0]))}
    seeds = {cell: found for cell, found in seeds.items() if found}  # repeat's rows have none: nothing seeds it
    if not seeds:
        return ""
    every = {s for found in seeds.values() for s in found}
    if len(every) == 1 and all(len(found) == 1 for found in seeds.values()):
        return f"Seed {every.pop()} for every run shown."
    return ("Seeds of each model and horizon (a cell of several shows their mean ± sd, n the seeds): "
            + "; ".join(f"{m} H={h} {', '.join(found)}" for (h, m), found in seeds.items()) + ".")
