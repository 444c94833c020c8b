"""One markdown table from the results.csv files of `rnncast bench ett` runs (latest run per model).

    python benchmarks/ett/summary.py benchmarks/ett/results/L96-defaults-highway
    python benchmarks/ett/summary.py     # no folder: benchmarks/ett/results/L96-defaults-no-highway

Prints, per dataset / mode / horizon, Repeat and every model's test MSE/MAE, whether each beats
Repeat (lower MSE on the same windows), and the wall seconds and epochs of each run.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ORDER = ["repeat", "nlinear", "dlinear", "rnn", "lstm", "gru", "segrnn"]


def latest_rows(folder: Path) -> dict[tuple, dict]:
    rows: dict[tuple, dict] = {}
    for path in sorted(folder.glob("*/results.csv")):
        with open(path, newline="") as f:
            for r in csv.DictReader(f):
                rows[(r["dataset"], r["mode"], int(r["L"]), int(r["H"]), r["model"])] = r  # later wins
    return rows


def main(folder: str) -> None:
    rows = latest_rows(Path(folder))
    models = [m for m in ORDER if any(k[4] == m for k in rows)] + sorted({k[4] for k in rows} - set(ORDER))
    modes = ["S", "M", "MS"]
    settings = sorted({k[:4] for k in rows}, key=lambda k: (k[0], modes.index(k[1]) if k[1] in modes else 9, k[2], k[3]))
    fitted = [m for m in models if m != "repeat"]
    print("| dataset | mode | L | H | " + " | ".join(models) + " | beats Repeat (" + "/".join(fitted) + ") |")
    print("|" + "---|" * (5 + len(models)))
    wins = total = 0
    for s in settings:
        cells, beats = [], []
        for m in models:
            r = rows.get((*s, m))
            cells.append(f"{float(r['mse']):.4f}/{float(r['mae']):.3f}" if r else "—")
            if m != "repeat":
                if r is None:
                    beats.append("–")
                else:
                    ok = r["beats_repeat"] == "yes"
                    beats.append("yes" if ok else "**no**")
                    wins, total = wins + ok, total + 1
        print(f"| {s[0]} | {s[1]} | {s[2]} | {s[3]} | " + " | ".join(cells) + " | " + "/".join(beats) + " |")
    print(f"\n{wins} of {total} fitted runs beat Repeat.\n")
    print("| dataset | mode | H | " + " | ".join(f"{m} s (epochs)" for m in fitted) + " |")
    print("|" + "---|" * (3 + len(fitted)))
    for s in settings:
        cells = []
        for m in fitted:
            r = rows.get((*s, m))
            cells.append(f"{float(r['seconds']):.0f} ({r['epochs_run']})" if r else "—")
        print(f"| {s[0]} | {s[1]} | {s[3]} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "benchmarks/ett/results/L96-defaults-no-highway")
