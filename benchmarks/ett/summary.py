"""One markdown table from the results.csv files of `rnncast bench ett` runs.

    python benchmarks/ett/summary.py benchmarks/ett/results/L96-defaults-highway
    python benchmarks/ett/summary.py     # no folder: benchmarks/ett/results/L96-defaults-no-highway

Rows are grouped as results.md groups them (rnncast.bench.seedruns, decision 1727): per dataset, protocol, target,
mode, L and test windows, and per horizon and model each setting's rows, one per seed (a later row of a seed, by
finished_utc, replaces it), the latest setting first and every earlier one after it, said with what it set otherwise
and its file (a folder keeps variants on purpose, decision 1772), so runs of another protocol, target, window set or
setting are never one cell. Prints, per such setting and horizon, Repeat and every model's test MSE/MAE (mean ± sd
over the seeds, with n), whether each beats Repeat (lower mean MSE on the same windows), and the wall seconds and
epochs of each run. Quick smoke tests (`--quick`) are left out, as in benchmarks/ltsf/summary.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rnncast.bench import seedruns
from rnncast.bench.scoring import against_repeat

ORDER = ["repeat", "nlinear", "dlinear", "rnn", "lstm", "gru", "segrnn"]
MODES = ["S", "M", "MS"]


def _rank(model: str) -> int:
    return ORDER.index(model) if model in ORDER else len(ORDER)


def _back(back: int) -> str:
    return "latest" if not back else f"{back} before the latest"


def main(folder: str) -> None:
    rows = seedruns.rows_under(Path(folder), "*/results.csv", full_only=True)  # quick smoke tests left out
    found = seedruns.every_setting(rows, seedruns.section_of)  # every setting shown: folders keep variants
    groups = {(*key, back): seeded for key, variants in found.items() for back, seeded in enumerate(variants)}
    keys = sorted(groups, key=lambda k: (k[0], k[1], k[2], MODES.index(k[3]) if k[3] in MODES else 9, *k[4:]))
    models = sorted({m for seeded in groups.values() for _, m in seeded}, key=lambda m: (_rank(m), m))
    fitted = [m for m in models if m != "repeat"]
    settings = [(key, h) for key in keys for h in sorted({h for h, _ in groups[key]})]
    print("| dataset | protocol | target | mode | L | test windows | setting | H | " + " | ".join(models)
          + " | beats Repeat (" + "/".join(fitted) + ") |")
    print("|" + "---|" * (9 + len(models)))
    wins = total = 0
    for key, h in settings:
        cells, beats = [], []
        for m in models:
            seeds = groups[key].get((h, m), [])
            scores = [(float(r["mse"]), float(r["mae"])) for r in seeds]
            cells.append(seedruns.cell_text(scores, None)[0] + ("" if len(seeds) > 1 else " (n=1)") if seeds else "—")
            if m != "repeat":
                if not seeds:
                    beats.append("–")
                    continue
                mean = seedruns.mean_sd([s[0] for s in scores])[0]
                ok = against_repeat(mean, seedruns.mean_sd([float(r["repeat_mse"]) for r in seeds])[0]) == "yes"
                beats.append("yes" if ok else "**no**")
                wins, total = wins + ok, total + 1
        dataset, protocol, target, mode, lookback, windows, back = key
        print(f"| {dataset} | {protocol} | {target} | {mode} | {lookback} | {windows} | {_back(back)} | {h} | "
              + " | ".join(cells)
              + " | " + "/".join(beats) + " |")
    print(f"\n{wins} of {total} fitted cells beat Repeat (on their mean over seeds; quick smoke tests left out).\n")
    for key in (k for k in keys if k[-1]):  # what each earlier setting ran otherwise, and where
        latest = groups[(*key[:-1], 0)]
        said = {f"{seedruns.setting_change(rows[-1], latest[cell][-1])}" for cell, rows in groups[key].items()}
        files = sorted({r["_file"] for rows in groups[key].values() for r in rows})
        print(f"{seedruns.section_title(key[:-1])}, {_back(key[-1])}: {'; '.join(sorted(said))} "
              f"(from {', '.join(files)})\n")
    print("| dataset | protocol | target | mode | test windows | setting | H | "
          + " | ".join(f"{m} s (epochs)" for m in fitted) + " |")
    print("|" + "---|" * (7 + len(fitted)))
    for key, h in settings:
        cells = []
        for m in fitted:
            seeds = groups[key].get((h, m), [])
            cells.append(", ".join(f"{float(r['seconds']):.0f} ({r['epochs_run']})" for r in seeds) if seeds else "—")
        print(f"| {key[0]} | {key[1]} | {key[2]} | {key[3]} | {key[5]} | {_back(key[6])} | {h} | "
              + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "benchmarks/ett/results/L96-defaults-no-highway")
