"""The memory demo (``rnncast demo memory``): why the gates matter. A delayed echo, ``y_t = x_(t - K) + noise``
with ``x`` white noise read as a past covariate, at a short lag and a long one (``demofolders.MEMORY_LAGS``); RNN,
LSTM and GRU trained on each with the same settings and budget, and a patience long enough that a validation loss
stuck at the training mean's is seen to fall, or not (decision 1779).

What a cell must do here is carry one value, ``x_(t - K)``, ``K`` - 1 steps through its hidden state while newer
inputs (noise, to this forecast) arrive: the long-term dependency the tutorials say a plain RNN's gradients fade over.
The page's table says, per lag and cell, the epoch the network learned the echo (``learned_at``), its test R² and its
test MSE over the training mean's; its lesson is said from those numbers (``memorytext``)."""

from __future__ import annotations

from pathlib import Path

from rnncast import datasets, demopage, demotext, memorytext, plots
from rnncast.demofolders import CELLS, MEMORY_LAGS, memory_folder
from rnncast.forecaster import Forecaster
from rnncast.loading import load_panel
from rnncast.speakers import speaking_as
from rnncast.report import write_run

MEMORY_SETTINGS = dict(lookback=30, horizon=1, hidden_size=32, epochs=80, patience=40, batch_size=64, lr=5e-3,
                       target_input=False, highway=False, window_norm="none")  # x's window alone: settingchecks
MEMORY_ROWS = 2000  # rows of each echo: 1,400 training windows of 30 steps


def memory(out_dir, device: str = "auto", on_epoch_factory=None, threads: int = 0,
           seed: int = 0) -> demopage.DemoResult:
    """Train RNN, LSTM and GRU on the delayed echo at each of ``MEMORY_LAGS``; write ``out_dir`` (a run folder per
    model, ``rnn-lag5`` ..., a loss figure per lag, summary.json and report.html) and return the table and findings.
    The arguments as ``demo.sine``'s; raises ``RnncastError`` for a device, thread count or seed ``Forecaster``
    refuses."""
    out_dir = Path(out_dir)
    rows, learned, every, all_metrics, figures, runs, means = [], [], {}, {}, [], {}, {}
    floor = None
    for lag in MEMORY_LAGS:
        data = datasets.echo(MEMORY_ROWS, lag)
        floor = data.attrs["noise_floor_mse"]
        panel = load_panel(data, "y", ["x"], announce=False)  # built-in, numbered rows
        source = f"built-in delayed echo of lag {lag} (rnncast.datasets.echo)"
        group, models = f"lag {lag}", {}
        for cell in CELLS:
            folder, name = memory_folder(cell, lag), f"{cell.upper()} (lag {lag})"
            settings = dict(MEMORY_SETTINGS, threads=threads, seed=seed)
            on_epoch = on_epoch_factory(folder, settings["epochs"]) if on_epoch_factory else None
            with speaking_as(name):
                model = Forecaster(cell=cell, device=device, **settings).fit(panel, on_epoch=on_epoch)
                run_metrics = write_run(out_dir / folder, model, data, source=source,
                                        notes=[f"Demo run (delayed echo, lag {lag}). " + demotext.settings_sentence(model)])
            row = demopage.model_row(cell.upper(), model, run_metrics, group, floor)
            rows.append(row)
            learned.append(memorytext.Learned(lag, row, learned_at(model.history_, mean_val_loss(run_metrics)),
                                              settings["epochs"]))
            models[cell.upper()] = every[name] = model
            all_metrics[name] = run_metrics
            runs[name] = folder
            means[lag] = run_metrics["test"]["original"]["mean"]["mse"]  # one split of one echo: every cell's
        # dotted: each untrained network's validation loss, the training mean's here (its head starts at zero)
        starts = {n: m.state_.untrained_loss for n, m in models.items()}
        figures.append((f"Loss, lag {lag}", plots.loss_figure({n: m.history_ for n, m in models.items()},
                                                              starts=starts, group=group), f"loss-lag{lag}.png"))
    notes = [demopage.TABLE_NOTE, memorytext.floor_sentence(floor, means), memorytext.FIGURES]
    notes += demotext.budget_sentences(every, test_mse={f"{r.name} ({r.group})": r.mse for r in rows}, floor=floor)
    notes += demotext.untrained_sentences(every)  # "0: untrained": the network that never left the mean
    result = demopage.DemoResult(rows, notes, demotext.settings_lines(every), lesson=memorytext.lesson(learned, seed),
                                 table=("What each cell learned at each lag", memorytext.lag_table(learned)))
    demopage.write_summary(out_dir, "rnncast demo: long memory, RNN against LSTM and GRU on a delayed echo",
                           [memorytext.intro(MEMORY_SETTINGS, MEMORY_ROWS, MEMORY_LAGS)], result, all_metrics,
                           figures, runs=runs)
    return result


LEARNED = 0.5  # a network has learned the echo once its validation loss is below half the training mean's


def mean_val_loss(run_metrics: dict) -> float:
    """The training mean's MSE on the validation rows in scaler units, the loss ``history_``'s ``val_loss`` is in:
    what a network that remembers nothing of the echo scores."""
    return run_metrics["val"]["scaled"]["mean"]["mse"]


def learned_at(history: list[dict], mean_loss: float) -> int | None:
    """The first epoch (1-based, as ``history_`` numbers them) whose validation loss is below ``LEARNED`` times
    ``mean_loss`` (the training mean's, ``mean_val_loss``); None where no epoch's is."""
    return next((h["epoch"] for h in history if h["val_loss"] is not None and h["val_loss"] < LEARNED * mean_loss), None)
