"""One markdown table over seeds from the results.csv files of `rnncast bench ltsf` runs, beside the
published rows (rnncast.bench.published), with the issue-20 verdicts.

    python benchmarks/ltsf/summary.py benchmarks/ltsf/results/defaults [--models lstm,segrnn]

Per dataset / mode / L / horizon: the headline test MSE (the CSV's `mse`: the windows the runs
were asked to score, `--drop-last recipe` in the records) as mean ± sd over the seeds run, for
every model, then the published rows of that setting scored on the same windows; then a table per
published rows scored on other windows (PatchTST's ILI rows: the first floor(n/16)*16), with the runs'
scores on those (results.csv's `published_windows`; "—" for rows written before it). Verdicts, per
recurrent model and setting, on the mean over seeds: beats Repeat (lower MSE than Repeat on the same
windows; also how many seeds did), beats published DLinear, and matches or beats published PatchTST
(<= its MSE), each published row on its own windows.
"""

from __future__ import annotations

import argparse
import csv
import statistics
from collections import defaultdict
from pathlib import Path

from rnncast.bench.markdown import score_on
from rnncast.bench.published import PUBLISHED, Published, published_windows
from rnncast.bench.scoring import against_repeat

ORDER = ["repeat", "nlinear", "dlinear", "rnn", "lstm", "gru", "segrnn"]


def read_rows(folder: Path) -> list[dict]:
    rows = []
    for path in sorted(folder.rglob("results.csv")):
        with open(path, newline="") as f:
            rows += [r for r in csv.DictReader(f) if r.get("quick") != "yes"]
    return rows


def by_setting(rows: list[dict]) -> dict[tuple, dict[str, dict[str, dict]]]:
    """(dataset, mode, L, H) -> model -> seed -> row (a later row of the same seed wins)."""
    table: dict = defaultdict(lambda: defaultdict(dict))
    for r in rows:
        table[(r["dataset"], r["mode"], int(r["L"]), int(r["H"]))][r["model"]][r["seed"]] = r
    return table


def mean_sd(values: list[float]) -> tuple[float, float]:
    return statistics.fmean(values), (statistics.stdev(values) if len(values) > 1 else 0.0)


def _verdict(row: dict) -> str:
    """The row's verdict against Repeat, recomputed with the tie rule of rnncast.bench.scoring."""
    return against_repeat(float(row["mse"]), float(row["repeat_mse"]))


def on_windows(row: dict, p: Published) -> float | None:
    """The row's test MSE on the windows published row ``p`` was scored on; None: not recorded there."""
    score = score_on(row, p, row["dataset"])
    return score[0] if score else None


def same_windows(row: dict, p: Published) -> bool:
    return published_windows(p, row["dataset"], int(row["H"]), int(row["windows_all"])) == int(row["windows"])


def row_cells(runs: dict, models: list[str], setting: tuple, labels: list[str]) -> list[str]:
    """Mean ± sd over seeds per model (bold when every seed beat Repeat), then the published MSEs."""
    cells = []
    for m in models:
        seeds = runs.get(m, {})
        if not seeds:
            cells.append("—")
            continue
        mse, sd = mean_sd([float(r["mse"]) for r in seeds.values()])
        text = f"{mse:.4f}" + (f" ± {sd:.4f}" if len(seeds) > 1 else "")
        cells.append(f"**{text}**" if m != "repeat" and all(_verdict(r) == "yes" for r in seeds.values()) else text)
    published = {p.label: p.scores.get(setting[3]) for p in PUBLISHED.get(setting[:2], [])}
    return cells + [f"*{published[t][0]:.3f}*" if published.get(t) else "—" for t in labels]


def judge(runs: dict, setting: tuple, judged: list[str], verdicts: dict) -> None:
    """Add this setting's verdicts (on the mean over seeds) for every judged model."""
    published = {p.label: p for p in PUBLISHED.get(setting[:2], [])}
    for m in judged:
        seeds = runs.get(m, {})
        if not seeds:
            continue
        mse = statistics.fmean(float(r["mse"]) for r in seeds.values())
        repeat = statistics.fmean(float(r["repeat_mse"]) for r in seeds.values())
        verdicts[m]["beats Repeat (mean over seeds)"].append(against_repeat(mse, repeat) == "yes")
        verdicts[m]["ties Repeat (the untrained network kept, every seed)"].append(
            all(_verdict(r) == "tie" for r in seeds.values()))
        verdicts[m]["beats Repeat in every seed"].append(all(_verdict(r) == "yes" for r in seeds.values()))
        for label, p in published.items():
            scores = p.scores.get(setting[3])
            if scores is None or not label.startswith(("DLinear", "PatchTST", "SegRNN")):
                continue
            own = [on_windows(r, p) for r in seeds.values()]
            if None in own:  # rows written before the runs kept their scores on the published windows
                verdicts[m][f"not scored on {label}'s windows"].append(True)
                continue
            there = statistics.fmean(own)
            if label.startswith("DLinear"):
                verdicts[m]["beats published DLinear"].append(there < scores[0])
            if label.startswith("PatchTST") or label.startswith("SegRNN"):
                verdicts[m][f"matches or beats published {label.split()[0]}"].append(round(there, 3) <= scores[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--models", default="lstm,segrnn", help="the models the verdicts are for")
    args = parser.parse_args()
    judged = [m for m in args.models.split(",") if m]
    table = by_setting(read_rows(args.folder))
    modes = ["S", "M", "MS"]
    settings = sorted(table, key=lambda k: (k[0], modes.index(k[1]) if k[1] in modes else 9, k[2], k[3]))
    models = [m for m in ORDER if any(m in table[s] for s in settings)]
    verdicts: dict[str, dict[str, list[bool]]] = {m: defaultdict(list) for m in judged}
    for dataset in dict.fromkeys(s[0] for s in settings):
        rows = [s for s in settings if s[0] == dataset]
        first = {s: next(iter(next(iter(table[s].values())).values())) for s in rows}  # a row of each setting
        labels = list(dict.fromkeys(p.label for s in rows for p in PUBLISHED.get(s[:2], [])
                                    if not p.label.startswith("Repeat") and same_windows(first[s], p)))
        elsewhere = list(dict.fromkeys(p.label for s in rows for p in PUBLISHED.get(s[:2], [])
                                       if not same_windows(first[s], p)))
        print(f"\n### {dataset}\n")
        print("| mode | L | H | " + " | ".join(models) + "".join(f" | *{t}*" for t in labels) + " |")
        print("|" + "---|" * (3 + len(models) + len(labels)))
        for s in rows:
            print(f"| {s[1]} | {s[2]} | {s[3]} | " + " | ".join(row_cells(table[s], models, s, labels)) + " |")
            judge(table[s], s, judged, verdicts)
        if elsewhere:
            print(f"\nOn the windows each of {', '.join(elsewhere)} was scored on (mean ± sd of the runs' MSE "
                  "there; Repeat's own column is the runs' Repeat on those windows):\n")
            print("| mode | L | H | published | " + " | ".join(models) + " | *published* |")
            print("|" + "---|" * (5 + len(models)))
            for s in rows:
                for p in PUBLISHED.get(s[:2], []):
                    if p.label not in elsewhere or s[3] not in p.scores:
                        continue
                    cells = []
                    for m in models:
                        own = [on_windows(r, p) for r in table[s].get(m, {}).values()]
                        if not own or None in own:
                            cells.append("—")
                            continue
                        mse, sd = mean_sd(own)
                        cells.append(f"{mse:.4f}" + (f" ± {sd:.4f}" if len(own) > 1 else ""))
                    print(f"| {s[1]} | {s[2]} | {s[3]} | {p.label} | " + " | ".join(cells) + f" | *{p.scores[s[3]][0]:.3f}* |")
    print("\nBold: every seed's MSE below Repeat's on the same windows (a relative difference within 1e-6 "
          "is a tie). Published MSEs in italics.\n")
    for m, kinds in verdicts.items():
        parts = [f"{kind}: {sum(v)} of {len(v)} settings" for kind, v in kinds.items()]
        print(f"- {m}: " + ("; ".join(parts) if parts else f"no runs in {args.folder}"))  # not an empty verdict


if __name__ == "__main__":
    main()
