"""Which rows of ``results.csv`` each cell of ``results.md`` shows (:mod:`rnncast.bench.markdown`), and how: per
section and cell (a horizon and a model) the latest setting of that model, one row per seed (a rerun of a seed
replaces its row), shown as their mean ± sd over the seeds with how many where there are several, as the published
tables report a mean over seeds. A setting is the row's recorded settings less its seed and how it ran (device,
threads); rows of an earlier setting, and a quick smoke test's beside a full run, are left out and said.
"""

from __future__ import annotations

import json
import statistics

from rnncast.bench.protocol import unread_keys
from rnncast.bench.results import is_quick
from rnncast.bench.scoring import against_repeat, score_text

HOW_IT_RAN = ("seed", "device", "threads", "data_notes")  # not the setting: rows that differ only so are its seeds


def setting_of(row: dict) -> str:
    """What a row ran, less its seed and how it ran: rows of one cell equal here are seeds of one setting. The keys
    no bench fit read (``protocol.unread_keys``: ``chunk`` is read by the sequence scheme), which rows before
    decision 1156 recorded, are left out: an older row of the same setting is a seed of it too."""
    recorded = json.loads(row.get("settings") or "{}")
    settings = {k: v for k, v in recorded.items() if k not in HOW_IT_RAN + unread_keys(recorded)}
    return json.dumps(settings, sort_keys=True) + ("quick" if is_quick(row) else "")


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
