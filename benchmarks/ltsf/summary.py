"""One markdown table over seeds from the results.csv files of `rnncast bench ltsf` runs, beside the published rows
(rnncast.bench.published), with the issue-20 verdicts.

    python benchmarks/ltsf/summary.py benchmarks/ltsf/results/defaults [--models lstm,segrnn]

Rows are grouped as results.md groups them (rnncast.bench.seedruns, decision 1727): a section per dataset, protocol,
target, mode, L and test windows, and in it per horizon and model the latest setting's rows, one per seed (a later
row of a seed, by finished_utc, replaces it); each earlier setting of a cell is shown too, in a section of its own
after it that says what it set otherwise and its file (a folder keeps variants on purpose, decision 1772); rows of
another protocol, target, window set or setting are never averaged into one cell, and published rows stand only
beside runs of the dataset's own protocol on OT (or M). Quick smoke tests are left out. Per section and horizon: the
headline test MSE/MAE (the CSV's `mse`, `mae`: the windows the runs were asked to score) as mean ± sd over the seeds
with n, written and bolded as results.md does (rnncast.bench.seedruns.cell_text: bold where the mean MSE beats
Repeat), for every model, then the published rows of that setting scored on the same windows (a published Repeat row
too, as results.md shows it); then a table per published rows scored on other windows (PatchTST's ILI rows: the
first floor(n/16)*16), with the runs' scores on those (results.csv's `published_windows`; "—" for rows written
before it). Verdicts, per recurrent model and (section, horizon), on the mean over seeds: beats Repeat (lower MSE
than Repeat on the same windows; also how many seeds did), beats published DLinear, and matches or beats published
PatchTST (<= its MSE), each published row on its own windows.
"""

from __future__ import annotations

import argparse
import statistics
from collections import defaultdict
from pathlib import Path

from rnncast.bench import seedruns
from rnncast.bench.markdown import score_on
from rnncast.bench.published import SIGNATURES, PUBLISHED, Published, published_windows
from rnncast.bench.scoring import against_repeat

ORDER = ["repeat", "nlinear", "dlinear", "rnn", "lstm", "gru", "segrnn"]
MODES = ["S", "M", "MS"]


def _rank(model: str) -> int:
    return ORDER.index(model) if model in ORDER else len(ORDER)


def _verdict(row: dict) -> str:
    """The row's verdict against Repeat, recomputed with the tie rule of rnncast.bench.scoring."""
    return against_repeat(float(row["mse"]), float(row["repeat_mse"]))


def on_windows(row: dict, p: Published) -> float | None:
    """The row's test MSE on the windows published row ``p`` was scored on; None: not recorded there."""
    score = score_on(row, p, row["dataset"])
    return score[0] if score else None


def same_windows(row: dict, p: Published) -> bool:
    return published_windows(p, row["dataset"], int(row["H"]), int(row["windows_all"])) == int(row["windows"])


def cell(scores: list[tuple[float, float]], repeat: float | None = None) -> str:
    """The seeds' ``(MSE, MAE)`` as results.md writes them (``seedruns.cell_text``), with their number: "0.0551/0.1770
    (n=1)", "0.0821 ± 0.0379/0.2110 ± 0.0101 (n=2)"; bold, as there, where the mean MSE is below ``repeat`` (the
    mean of the rows' Repeat on the same windows; None: never bold) (decision 1770)."""
    text, bold = seedruns.cell_text(scores, repeat)
    text += "" if len(scores) > 1 else " (n=1)"
    return f"**{text}**" if bold else text


def why_none(section: tuple, known: set[str]) -> str:
    """Why a section with published rows for its dataset and mode shows none of them ("" where it has none)."""
    dataset, protocol, target, mode = section[:4]
    if not PUBLISHED.get((dataset, mode)):
        return ""
    own = SIGNATURES[dataset].protocol if dataset in SIGNATURES else "custom"
    why = (f"these runs used the {protocol} protocol" if protocol != own else
           f"these runs forecast {target}" if mode != "M" and target != "OT" else
           f"the file read is not the published {dataset}")
    return (f"Published {dataset} {mode} rows not shown: they forecast OT under the {own} protocol on the published "
            f"file, and {why}.")


def judge(seeded: dict, h: int, published: list[Published], judged: list[str], verdicts: dict) -> None:
    """Add this section's horizon-``h`` verdicts (on the mean over seeds) for every judged model."""
    for m in judged:
        seeds = seeded.get((h, m), [])
        if not seeds:
            continue
        mse = statistics.fmean(float(r["mse"]) for r in seeds)
        repeat = statistics.fmean(float(r["repeat_mse"]) for r in seeds)
        verdicts[m]["beats Repeat (mean over seeds)"].append(against_repeat(mse, repeat) == "yes")
        verdicts[m]["ties Repeat (the untrained network kept, every seed)"].append(
            all(_verdict(r) == "tie" for r in seeds))
        verdicts[m]["beats Repeat in every seed"].append(all(_verdict(r) == "yes" for r in seeds))
        for p in published:
            scores = p.scores.get(h)
            if scores is None or not p.label.startswith(("DLinear", "PatchTST", "SegRNN")):
                continue
            own = [on_windows(r, p) for r in seeds]
            if None in own:  # rows written before the runs kept their scores on the published windows
                verdicts[m][f"not scored on {p.label}'s windows"].append(True)
                continue
            there = statistics.fmean(own)
            if p.label.startswith("DLinear"):
                verdicts[m]["beats published DLinear"].append(there < scores[0])
            else:
                verdicts[m][f"matches or beats published {p.label.split()[0]}"].append(round(there, 3) <= scores[0])


def changed(seeded: dict, latest: dict) -> str:
    """What the cells of an earlier setting (``seeded``) ran otherwise than their latest (``latest``), and where."""
    said = {cell: seedruns.setting_change(rows[-1], latest[cell][-1]) for cell, rows in seeded.items()}
    text = (next(iter(said.values())) if len(set(said.values())) == 1 else
            "; ".join(f"{m} H={h}: {t}" for (h, m), t in sorted(said.items(), key=lambda k: (k[0][0], _rank(k[0][1])))))
    files = sorted({r["_file"] for rows in seeded.values() for r in rows})
    return f"Another setting, run before the latest shown above: {text} (from {', '.join(files)})."


def section(key: tuple, seeded: dict, models: list[str], back: int, change: str, judged: list[str],
            verdicts: dict) -> None:
    """Print one section (``back``: its cells' settings that many before their latest, ``change`` saying how they
    differ): its headline table, the tables on other published rows' windows, and its notes."""
    known = {r.get("known_table") or "" for rows in seeded.values() for r in rows}
    published = seedruns.published_beside(key, known)
    horizons = sorted({h for h, _ in seeded})
    any_row = {h: next(rows[-1] for (hh, _), rows in seeded.items() if hh == h) for h in horizons}
    scored = [p for p in published if any(h in p.scores for h in horizons)]
    here = [p for p in scored if all(same_windows(any_row[h], p) for h in horizons if h in p.scores)]  # Repeat too
    elsewhere = [p for p in scored if not all(same_windows(any_row[h], p) for h in horizons if h in p.scores)]
    print(f"\n### {seedruns.section_title(key)}{f' (setting {back} before the latest)' if back else ''}\n")
    print("| H | " + " | ".join(seedruns.column_label(m, seeded) for m in models) + "".join(f" | *{p.label}*" for p in here) + " |")
    print("|" + "---|" * (1 + len(models) + len(here)))
    for h in horizons:
        cells = []
        for m in models:
            seeds = seeded.get((h, m), [])
            repeat = statistics.fmean(float(r["repeat_mse"]) for r in seeds) if seeds and m != "repeat" else None
            cells.append(cell([(float(r["mse"]), float(r["mae"])) for r in seeds], repeat) if seeds else "—")
        cells += [f"*{p.scores[h][0]:.3f}/{p.scores[h][1]:.3f}*" if h in p.scores else "—" for p in here]
        print(f"| {h} | " + " | ".join(cells) + " |")
        judge(seeded, h, published, judged, verdicts)
    for p in elsewhere:
        print(f"\nOn the windows {p.label} was scored on (mean ± sd of the runs' MSE/MAE there; Repeat's own column is "
              "the runs' Repeat on those windows):\n")
        print("| H | " + " | ".join(models) + f" | *{p.label}* |")
        print("|" + "---|" * (2 + len(models)))
        for h in (h for h in horizons if h in p.scores):
            cells = []
            for m in models:
                own = [score_on(r, p, r["dataset"]) for r in seeded.get((h, m), [])]
                cells.append(cell(own) if own and None not in own else "—")
            print(f"| {h} | " + " | ".join(cells) + f" | *{p.scores[h][0]:.3f}/{p.scores[h][1]:.3f}* |")
    notes = [why_none(key, known) if not published else "",
             change]
    if any(notes):
        print("\n" + "\n".join(n for n in notes if n))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--models", default="lstm,segrnn", help="the models the verdicts are for")
    args = parser.parse_args()
    judged = [m for m in args.models.split(",") if m]
    rows = seedruns.rows_under(args.folder, full_only=True)
    groups = seedruns.every_setting(rows, seedruns.section_of)  # every setting shown: folders keep variants
    keys = sorted(groups, key=lambda k: (k[0], k[1], k[2], MODES.index(k[3]) if k[3] in MODES else 9, k[4], k[5]))
    models = sorted({m for variants in groups.values() for _, m in variants[0]}, key=lambda m: (_rank(m), m))
    verdicts: dict[str, dict[str, list[bool]]] = {m: defaultdict(list) for m in judged}
    for key in keys:
        for back, seeded in enumerate(groups[key]):
            section(key, seeded, [m for m in models if any(c[1] == m for c in seeded)], back,
                    changed(seeded, groups[key][0]) if back else "", judged, verdicts)
    shown = sum(len(seeds) for variants in groups.values() for seeded in variants for seeds in seeded.values())
    files = len({r["_file"] for r in rows})
    print(f"\n{shown} of the {len(rows)} rows (quick smoke tests left out) of {files} results.csv file"
          f"{'s' if files != 1 else ''} shown; the others are earlier rows of a seed run again (every setting is shown, "
          "the latest first: decision 1772). MSE/MAE as results.md writes them; bold, as there: the mean MSE over "
          "the seeds below Repeat's on "
          "the same windows (a relative difference within 1e-6 is a tie); n: the seeds of a cell. Published MSEs in "
          "italics (MSE/MAE, as the papers print them).\n")
    for m, kinds in verdicts.items():
        parts = [f"{kind}: {sum(v)} of {len(v)} settings" for kind, v in kinds.items()]
        print(f"- {m}: " + ("; ".join(parts) if parts else f"no runs in {args.folder}"))  # not an empty verdict


if __name__ == "__main__":
    main()
