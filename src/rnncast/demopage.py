"""The demos' summary: the table of their models (test split, original units) and the summary page.

``demo`` trains the models and gives each a ``DemoRow``; this module writes the table the command line
prints and ``report.html`` shows (each score to four significant digits, the best baseline named beside
it), ``summary.json``, the figures and the page.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from rnncast import files, fonts, plots
from rnncast.baselines import baseline_name
from rnncast.comparison import Comparison, pair_table
from rnncast.models import count_parameters
from rnncast.pagehtml import figure_words, html_page
from rnncast.reportpage import metric_rows
from rnncast.readout import unproven
from rnncast.r2notes import split_notes
from rnncast.runnotes import percent_note
from rnncast.verdicts import verdict
from rnncast.scoretext import score_texts


@dataclass
class DemoRow:
    name: str
    parameters: int
    epochs: int  # epochs run (early stopping ends each run on its own)
    best_epoch: int  # the epoch whose weights were kept
    seconds_per_epoch: float  # median over the epochs run: one training pass and the validation pass
    mse: float  # test split, original units
    mae: float
    r2: float
    repeat_mse: float
    repeat_mae: float
    beats_baselines: bool
    group: str = ""
    floor_mse: float | None = None  # the data's noise floor (expected MSE of the clean signal), when it knows one
    baseline: str = ""  # the baseline of lowest test MSE, as the plots' legends name it ("training mean")
    baseline_mse: float | None = None  # its test MSE, original units


@dataclass
class DemoResult:
    rows: list[DemoRow]
    findings: list[str]  # how to read the table: winner or tie per group, the noise floor
    settings: list[str]  # the settings other than Forecaster's defaults: those every run shares, then each run's own
    comparisons: list[Comparison] = field(default_factory=list)
    lesson: str = ""  # what the comparison teaches (the sine demo: what the cells alone show)
    table: tuple[str, list[list[str]]] | None = None  # the demo's own table, its heading and rows (the memory demo's)


TABLE_NOTE = ("The table: test split, original units; 'best baseline' is the baseline of lowest test MSE; 'beats "
              "baselines' is yes only when the model's MSE is below every baseline's beyond chance (p < 0.05).")


def summary_table(rows: list[DemoRow]) -> list[list[str]]:
    """The head and one row per model (test split, original units); the group and noise-floor
    columns only where the rows have them. The scores a lesson reads come first (test MSE, × floor, beats
    baselines: what a phone shows without scrolling, decision 1698), then the model's size and training: its
    parameters (``12,929``, as the text writes them), the epochs run (the best one in brackets) and the median
    seconds per epoch (a run's total time would rank early stopping, not speed). The best baseline and its test
    MSE are a column only where they differ between rows; otherwise ``baseline_line`` says them once."""
    grouped, floored = any(r.group for r in rows), any(r.floor_mse for r in rows)
    named = _baselines(rows)
    apart = baseline_line(rows) is None
    head = (["group"] if grouped else []) + ["model", "test MSE"] + (["× floor"] if floored else [])
    head += ["beats baselines", "test MAE", "test R²", "params", "epochs (best)", "s/epoch (median)"]
    head += ["best baseline (test MSE)"] if apart else []
    table = [head]
    # each column of scores in one notation, as every table of rnncast writes it (4,281 stood above 0.01265)
    mse, mae = score_texts("mse", [r.mse for r in rows]), score_texts("mae", [r.mae for r in rows])
    r2 = score_texts("r2", [r.r2 for r in rows])  # four decimals, as every table writes a ratio (0.9943, not 0.994)
    for i, r in enumerate(rows):
        kept = f"{r.best_epoch}" if r.best_epoch else "0: untrained"  # 0: no epoch beat the starting weights
        line = ([r.group] if grouped else []) + [r.name, mse[i]]
        line += ([times(r.mse / r.floor_mse) if r.floor_mse else ""] if floored else [])
        line += ["yes" if r.beats_baselines else "NO", mae[i], r2[i], f"{r.parameters:,}", f"{r.epochs} ({kept})",
                 f"{r.seconds_per_epoch:.3f}"] + ([named[i]] if apart else [])
        table.append([str(c) for c in line])
    return table


def times(ratio: float) -> str:
    """A '× floor' cell: two decimals (1.15), a ratio of 1,000 or more whole with thousands separated (425,650: the
    regression demo's past-only model, decision 1905)."""
    return f"{ratio:,.0f}" if round(ratio, 2) >= 1000 else f"{ratio:.2f}"


def model_row(name: str, model, run_metrics: dict, group: str = "", floor: float | None = None) -> DemoRow:
    """One fitted model's row of a demo's table: ``model`` (a fitted ``Forecaster``), the metrics ``write_run``
    returned for its run (``run_metrics``), the group it belongs to and the data's noise floor (an MSE, y's units
    squared) where the data knows one."""
    test = run_metrics["test"]["original"]
    history = model.history_
    best = max((h["epoch"] for h in history if h["best"]), default=0)  # 0: no epoch beat the untrained network
    baselines = {n: s["mse"] for n, s in test.items() if n != "model"}
    baseline = min(baselines, key=baselines.get)
    label = plots.baseline_label(baseline, model.settings_.data.season).removeprefix("baseline: ")
    return DemoRow(name, count_parameters(model.net_), len(history), best,
                   statistics.median(h["seconds"] for h in history), test["model"]["mse"], test["model"]["mae"],
                   test["model"]["r2"], test["repeat"]["mse"], test["repeat"]["mae"], verdict(run_metrics["test"])[0],
                   group, floor, label, baselines[baseline])


def baseline_line(rows: list[DemoRow]) -> str | None:
    """The line under the table that names the best baseline where it is the same, with the same test MSE, for every
    row ("Best baseline of every model (lowest test MSE): repeat the last value, test MSE 0.010065."); None where
    rows differ (the table's column names each) or there are none."""
    named = _baselines(rows)
    if not named or len(set(named)) > 1:
        return None
    name, mse = named[0].rsplit(" ", 1)
    return f"Best baseline of every model (lowest test MSE): {name}, test MSE {mse}."


def _baselines(rows: list[DemoRow]) -> list[str]:
    """Each row's best baseline and its test MSE, the MSEs in one notation: "training mean 4259.2"."""
    best = score_texts("mse", [r.baseline_mse if r.baseline else r.repeat_mse for r in rows])
    return [f"{r.baseline or baseline_name('repeat')} {best[i]}" for i, r in enumerate(rows)]


def number(value: float) -> str:
    """A score as a sentence writes it: four significant digits, whole numbers from 1000 on (4281, not
    4281.02679 or 4.281e+03)."""
    return f"{value:.0f}" if abs(value) >= 1000 else f"{value:.4g}"


def write_summary(out_dir: Path, title: str, notes: list[str], result: DemoResult, all_metrics: dict,
                   figures: list, runs: dict[str, str] | None = None) -> None:
    """``summary.json``, the figures as PNG files and ``report.html``: the demo's own table where it has one, the
    table and how to read it,
    model against model, the settings, the figures, then each run's metrics, and ``runs`` (model -> its
    sub-folder) linked to each run's own report.html."""
    files.write_json(out_dir / "summary.json", {"rows": [r.__dict__ for r in result.rows], "findings": result.findings,
                                                "lesson": result.lesson, "settings": result.settings,
                                                "comparisons": [c.__dict__ for c in result.comparisons],
                                                **({"table": result.table[1]} if result.table else {})})
    blocks = [("p", n) for n in notes] + ([("h2", result.table[0]), ("table", result.table[1])] if result.table else [])
    blocks += [("h2", "Summary (test split, original units)"), ("table", summary_table(result.rows))]
    blocks += [("p", line) for line in [baseline_line(result.rows)] if line]  # said once, not in every row
    blocks += [("p", f) for f in result.findings if f not in {c.sentence for c in result.comparisons}] + [("p", TIMINGS)]
    if result.comparisons:
        blocks.append(("h2", "Which of these trained networks forecasts these test rows best? Model against model"))
        for c in result.comparisons:
            blocks += [("verdict", True, c.sentence) if c.winner else ("p", c.sentence), ("table", pair_table(c))]
        blocks.append(("p", "Each pair: a two-sided Diebold–Mariano test of the two models' squared errors on the same "
                            "test windows (original units; the statistic is negative when the first of the pair has "
                            "the lower error), its p-value adjusted by Holm's step-down method over the group's three "
                            "pairs. A cell wins only when it differs from every other cell at p < 0.05 after the "
                            "adjustment; otherwise the cells tie. The test weighs how the test rows' noise could "
                            "have fallen, not how training could have gone: each network was trained once, from one "
                            "seed, so a verdict here is about these networks, not about their cells in general."))
    if result.lesson:
        blocks.append(("p", result.lesson))
    blocks += [("h2", "Settings")] + [("p", line) for line in result.settings]
    with fonts.warned_once():  # names no font draws: one line for every figure
        for heading, figure, name in figures:
            png = plots.png_bytes(figure)
            files.write_bytes(out_dir / name, png)
            # its words in the glossary; the picture a link to its PNG beside the page, as a run page's (decision 1695)
            blocks += [("h2", heading), ("img", png, heading, figure_words(figure), name)]
    notes = once_each({name: split_notes(run_metrics, percent_note) for name, run_metrics in all_metrics.items()})
    for name, run_metrics in all_metrics.items():
        blocks += [("h2", f"{name}: validation and test metrics (original units)"),
                   ("verdict", *verdict(run_metrics["test"]), unproven(run_metrics["test"], "original")),
                   ("table", metric_rows(run_metrics, "original"))]
        blocks += [("p", note) for note in notes[name]]  # MAPE at 0s, near 0 (decision 848), once a page (decision 1697)
    blocks.append(("p", "Each model's own run directory (a sub-folder here) holds its settings, history, weights and report"
                        + (": " + "; ".join(f"{name}: {folder}/" for name, folder in runs.items()) + "." if runs else ".")))
    if runs:
        blocks.append(("links", [(f"{folder}/report.html ({name})", f"{folder}/report.html") for name, folder in runs.items()]))
    files.write_text(out_dir / "report.html", html_page(title, blocks))


def once_each(notes: dict[str, list[str]]) -> dict[str, list[str]]:
    """Each run's notes (run name -> its notes, in page order), a note said once on the page: a later run's note that
    differs from an earlier one only in its numbers ("half of the model's MAPE comes from 5 of its 240 forecast steps")
    is left out, and the first says how many other runs it holds for (decision 1697)."""
    def shape(note: str) -> str:
        return re.sub(r"\d+(\.\d+)?", "#", note)

    first, others = {}, {}
    for name, said in notes.items():
        for note in said:
            key = shape(note)
            others[key] = others.get(key, -1) + 1
            first.setdefault(key, name)
    kept = {}
    for name, said in notes.items():
        kept[name] = [note + (f" (The same holds for {_runs(others[shape(note)])} below; each run's own page gives "
                              "its numbers.)" if others[shape(note)] else "")
                      for note in said if first[shape(note)] == name]
    return kept


def _runs(n: int) -> str:
    return "the other run" if n == 1 else f"the {n} other runs"


# Its last two sentences (GRU against LSTM, the load between rows): decision 1696.
TIMINGS = ("Timings: the median seconds per epoch (one training pass and one validation pass), beside the epochs each "
           "run took before early stopping ended it and, in brackets, the epoch whose weights were kept (\"0: "
           "untrained\" where no epoch improved on the untrained network's validation loss, so its starting weights "
           "were kept). A run's total "
           "time would rank how early it stopped, not how fast its cell is; and on a machine busy with other work even "
           "the seconds per epoch vary from run to run. A cell's arithmetic grows with its blocks of weights (RNN 1, GRU "
           "3, LSTM 4), but its time is that of torch's kernels for it: on a CPU torch's GRU is often slower per epoch "
           "than its LSTM, though it has a quarter fewer weights. Each model was timed once, one after "
           "another, so a difference between two rows (the same cell in two groups too) is partly the machine's load "
           "at the time.")
