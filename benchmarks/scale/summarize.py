"""Tables of the many-series benchmark from the runs scale.py recorded.

    python benchmarks/scale/summarize.py [benchmarks/scale/results/runs.jsonl]

Writes ``results/scale.csv`` (one row per workload and contender: medians over the repeats) and
prints the markdown tables pasted into ``results/scale.md``: per N and contender; the target MASE
and the time to reach it; how each cost grows with N (log-log slope over the Ns measured); the
rnncast/NF ratios.

Target MASE per N: the highest of every rnncast and NF run's best test MASE at that N (the lowest
MASE its curve touched), so that every run of both reached it (Darts is timed to the same target); time to target: the time from
the fit call to the first weight copy (every 100 steps, or every --eval-every x 100) at or below it.
"""

from __future__ import annotations

import csv
import json
import math
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
NAMES = {"rnncast": "rnncast", "rnncast-seq": "rnncast, sequence scheme", "nf": "NeuralForecast", "darts": "Darts"}


def med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def slope(xs, ys):
    pts = [(math.log(x), math.log(y)) for x, y in zip(xs, ys) if x and y and y > 0]
    if len(pts) < 2:
        return None
    mx = sum(p[0] for p in pts) / len(pts)
    my = sum(p[1] for p in pts) / len(pts)
    den = sum((p[0] - mx) ** 2 for p in pts)
    return sum((p[0] - mx) * (p[1] - my) for p in pts) / den


def time_to(curve, target):
    for steps, elapsed, mase in curve:
        if mase <= target + 1e-12:
            return elapsed, steps
    return None, None


def main() -> None:
    """Print the tables; with --md FILE also put them between FILE's <!-- tables --> markers."""
    import contextlib
    import io
    import re

    argv = sys.argv[1:]
    md = None
    if "--md" in argv:
        i = argv.index("--md")
        md = Path(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        tables(Path(argv[0]) if argv else HERE / "results" / "runs.jsonl")
    text = buffer.getvalue()
    print(text)
    if md is not None:
        body = md.read_text()
        body = re.sub(r"<!-- tables -->.*<!-- /tables -->",
                      lambda m: "<!-- tables -->\n" + text.split("\n", 2)[2].strip() + "\n<!-- /tables -->", body,
                      flags=re.S)
        md.write_text(body)


def tables(path: Path) -> None:
    runs = [json.loads(line) for line in open(path) if line.strip()]
    failed = [r for r in runs if r.get("error")]
    runs = [r for r in runs if not r.get("error")]
    for r in runs:
        # writing 5 to /proc/self/clear_refs (before fit and before predict) resets ru_maxrss too: the whole
        # process's peak is the largest of the phases' peaks; the peak of fit and predict leaves out the data prep
        phases = [r.get("fit_hwm_mb"), r.get("predict_hwm_mb")]
        if r.get("fit_hwm_mb"):
            r["model_peak_mb"] = max([r["peak_rss_mb"]] + phases)
        r["peak_rss_mb"] = max([r["peak_rss_mb"], r["rss_after_data_mb"]] + [p for p in phases if p])
    groups: dict[tuple, list] = {}
    for r in runs:
        groups.setdefault((r["workload"], r["contender"]), []).append(r)
    targets = {}
    for r in runs:
        if r["workload"].startswith("N=") and r["contender"] in ("rnncast", "nf"):
            best = min(m for _, _, m in r["curve"])
            targets[r["workload"]] = max(targets.get(r["workload"], 0.0), best)
    rows = []
    for (workload, contender), rs in sorted(groups.items(), key=lambda kv: (int(kv[0][0].split("=")[1].split()[0])
                                                                            if kv[0][0].startswith("N=") else 10 ** 9,
                                                                            kv[0][1])):
        target = targets.get(workload)
        tt = [time_to(r["curve"], target) for r in rs] if target else [(None, None)]
        reached = sum(t is not None for t, _ in tt)
        rows.append(dict(
            workload=workload, contender=contender, repeats=len(rs), n_series=rs[0]["n_series"], rows=rs[0]["rows"],
            train_rows=rs[0]["train_rows"], train_windows=rs[0]["train_windows"], steps=rs[0]["steps"],
            batch=rs[0]["batch"], windows_seen=rs[0]["windows_seen"],
            windows_per_s=med([r["windows_per_s"] for r in rs]), loop_s=med([r["loop_s"] for r in rs]),
            fit_s=med([r["fit_s"] for r in rs]), final_mase=med([r["final_mase"] for r in rs]),
            final_mase_min=min(r["final_mase"] for r in rs), final_mase_max=max(r["final_mase"] for r in rs),
            snaive_mase=rs[0]["snaive_mase"], target_mase=target,
            time_to_target_s=med([t for t, _ in tt]), steps_to_target=med([s for _, s in tt]),
            reached=f"{reached}/{len(rs)}", predict_s=med([r["predict_s"] for r in rs]),
            peak_rss_mb=max(r["peak_rss_mb"] for r in rs), rss_after_data_mb=med([r["rss_after_data_mb"] for r in rs]),
            rss_after_fit_mb=max(r["rss_after_fit_mb"] for r in rs), import_s=med([r["import_s"] for r in rs]),
            fit_hwm_mb=max([r["model_peak_mb"] for r in rs if r.get("model_peak_mb")], default=None),
            fit_adds_mb=med([r["fit_hwm_mb"] - r["rss_before_fit_mb"] for r in rs if r.get("fit_hwm_mb")]),
            predict_adds_mb=med([r["predict_hwm_mb"] - r["rss_before_predict_mb"] for r in rs if r.get("predict_hwm_mb")]),
            process_s=med([r["process_s"] for r in rs]),
            load=" / ".join(sorted({r["load_before"].split()[0] for r in rs})), threads=rs[0]["threads"],
            version=rs[0]["version"], torch=rs[0]["torch"], date=rs[0]["date"], commit=rs[0]["commit"],
            config=rs[0]["config"]))
    out = path.parent / (path.stem.replace("runs", "scale", 1) + ".csv")  # runs.jsonl -> scale.csv, runs-x -> scale-x
    with open(out, "w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        for row in rows:
            w.writerow({k: (f"{v:.6g}" if isinstance(v, float) else v) for k, v in row.items()})
    print(f"wrote {out}\n")

    f = lambda v, d=1: "n/a" if v is None else f"{v:,.{d}f}"  # noqa: E731
    print("| N | contender | rows | runs | windows/s | train loop s | fit s | test MASE (min-max) | target MASE | "
          "time to target s (steps) | reached | predict all s | peak RSS MB | RSS after data MB | peak of fit + predict MB | "
          "load (1 min) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['workload']} | {NAMES.get(r['contender'], r['contender'])} | {r['rows']:,} | {r['repeats']} | "
              f"{f(r['windows_per_s'], 0)} | {f(r['loop_s'])} | {f(r['fit_s'])} | {f(r['final_mase'], 3)} "
              f"({f(r['final_mase_min'], 3)}-{f(r['final_mase_max'], 3)}) | {f(r['target_mase'], 3)} | "
              f"{f(r['time_to_target_s'])} ({f(r['steps_to_target'], 0)}) | {r['reached']} | {f(r['predict_s'], 2)} | "
              f"{f(r['peak_rss_mb'], 0)} | {f(r['rss_after_data_mb'], 0)} | {f(r['fit_hwm_mb'], 0)} | "
              f"{r['load']} |")
    print()
    by_c: dict[str, list] = {}
    for c in sorted({r["contender"] for r in rows}, key=lambda c: list(NAMES).index(c) if c in NAMES else 9):
        by_c[c] = [r for r in rows if r["workload"].startswith("N=") and r["contender"] == c]
    by_c = {c: rs for c, rs in by_c.items() if rs}
    ns = sorted({r["n_series"] for rs in by_c.values() for r in rs})
    if not by_c:
        return
    print("| contender | cost | " + " | ".join(f"N={n:,}" for n in ns) + " | log-log slope vs N | vs rows |")
    print("|---|---|" + "---|" * (len(ns) + 2))
    for c, rs in by_c.items():
        for key, label, d in [("windows_per_s", "windows/s", 0), ("fit_s", "fit s (fixed budget)", 1),
                              ("time_to_target_s", "time to target s", 1), ("predict_s", "predict all s", 2),
                              ("peak_rss_mb", "peak RSS MB", 0), ("rss_after_data_mb", "RSS holding the data MB", 0),
                              ("fit_hwm_mb", "peak RSS of fit + predict MB (after the data prep)", 0),
]:
            vals = [r[key] for r in rs]
            s_n = slope([r["n_series"] for r in rs], vals)
            s_r = slope([r["rows"] for r in rs], vals)
            at = {r["n_series"]: v for r, v in zip(rs, vals)}
            print(f"| {NAMES.get(c, c)} | {label} | " + " | ".join(f(at.get(n), d) for n in ns) +
                  f" | {f(s_n, 2)} | {f(s_r, 2)} |")
    print()
    print("Memory against rows: MB per million rows between consecutive N (constant if linear), and the "
          "intercept of a straight line through the first and last N.\n")
    print("| contender | measure | " + " | ".join(f"N={a:,} to {b:,}" for a, b in zip(ns, ns[1:])) + " | intercept MB |")
    print("|---|---|" + "---|" * len(ns))
    for c, rs in by_c.items():
        for key, label in (("peak_rss_mb", "peak RSS"), ("fit_hwm_mb", "peak of fit + predict"),
                           ("rss_after_data_mb", "RSS holding the data")):
            if any(r[key] is None for r in rs):
                continue
            at = {r["n_series"]: r for r in rs}
            per = [(at[b][key] - at[a][key]) / ((at[b]["rows"] - at[a]["rows"]) / 1e6) if a in at and b in at else None
                   for a, b in zip(ns, ns[1:])]
            b_all = (rs[-1][key] - rs[0][key]) / (rs[-1]["rows"] - rs[0]["rows"]) if len(rs) > 1 else None
            icpt = rs[0][key] - b_all * rs[0]["rows"] if b_all is not None else None
            print(f"| {NAMES.get(c, c)} | {label} | " + " | ".join(f(v, 0) for v in per) + f" | {f(icpt, 0)} |")
    print()
    ours = [c for c in NAMES if c.startswith("rnncast") and c in by_c]
    if ours and "nf" in by_c:
        print("| N | rnncast | rnncast / NF windows/s | NF / rnncast time to target | NF / rnncast predict time | "
              "rnncast / NF peak RSS | test MASE rnncast vs NF |")
        print("|---|---|---|---|---|---|---|")
        nf = {r["workload"]: r for r in by_c["nf"]}
        for r in [r for c in ours for r in by_c[c]]:
            o = nf.get(r["workload"])
            if not o:
                continue
            ratio = lambda a, b: None if a is None or b is None or b == 0 else a / b  # noqa: E731
            print(f"| {r['workload']} | {NAMES[r['contender']]} | {f(ratio(r['windows_per_s'], o['windows_per_s']), 2)} | "
                  f"{f(ratio(o['time_to_target_s'], r['time_to_target_s']), 2)} | {f(ratio(o['predict_s'], r['predict_s']), 1)} | "
                  f"{f(ratio(r['peak_rss_mb'], o['peak_rss_mb']), 2)} | {f(r['final_mase'], 3)} vs {f(o['final_mase'], 3)} |")
    if failed:
        print("\nfailed runs:")
        for r in failed:
            print(f"- {r['workload']} {r['contender']} seed {r['seed']}: {r['error'][:300]}")


if __name__ == "__main__":
    main()
