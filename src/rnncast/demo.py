"""The two demos: the first tutorial's sine wave with RNN, LSTM and GRU side by side, and the
second tutorial's regression task, reproduced and then fixed with a known-at-forecast-time covariate."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rnncast import datasets, files, plots
from rnncast.forecaster import Forecaster
from rnncast.models import count_parameters
from rnncast.report import forecast_plot, html_page, metric_rows, verdict, write_run

REGRESSION_SETTINGS = dict(lookback=10, horizon=1, hidden_size=50, num_layers=2, batch_size=16, lr=1e-3, epochs=100,
                           patience=10, scaler="minmax", window_norm="none")  # the tutorial's, split by time
SINE_SETTINGS = dict(lookback=50, horizon=1, hidden_size=64, epochs=60, patience=8, batch_size=64, lr=3e-3)


@dataclass
class DemoRow:
    name: str
    parameters: int
    seconds: float
    mse: float
    mae: float
    r2: float
    repeat_mse: float
    repeat_mae: float
    beats_baselines: bool


def sine(out_dir, device: str = "auto", on_epoch_factory=None) -> list[DemoRow]:
    """Train RNN, LSTM and GRU on one continuous sine wave; write ``out_dir`` and return the table."""
    out_dir = Path(out_dir)
    data = datasets.sine_wave()
    models, all_metrics, rows = {}, {}, []
    for cell in ("rnn", "lstm", "gru"):
        on_epoch = on_epoch_factory(cell) if on_epoch_factory else None
        model = Forecaster(cell=cell, device=device, **SINE_SETTINGS).fit(data, target="y", on_epoch=on_epoch)
        metrics = write_run(out_dir / cell, model, data, source="built-in sine wave (rnncast.datasets.sine_wave)")
        models[cell.upper()] = model
        all_metrics[cell.upper()] = metrics
        rows.append(_row(cell.upper(), model, metrics))
    _write_summary(out_dir, "rnncast demo: RNN, LSTM and GRU on a sine wave", data, models, all_metrics, rows, [
        "One continuous sine wave, y = sin(0.1 t) + 0.05 noise, 2,400 points, split by time into "
        "train (70%), validation (10%) and test (20%). Each network sees 50 steps and predicts the next. "
        "The test plot is a contiguous stretch of the series, so it looks like the wave it is "
        "(the tutorial plotted windows with random starts, which made its curve jagged).",
    ])
    return rows


def regression(out_dir, device: str = "auto", on_epoch_factory=None) -> list[DemoRow]:
    """The second tutorial's task, as it was set up and with the target's own features in view."""
    out_dir = Path(out_dir)
    data = datasets.aligned_regression()
    settings = dict(REGRESSION_SETTINGS, device=device)
    runs = {"past only (as the tutorial)": ("past-only", False), "with x at the target's time step": ("future-known", True)}
    models, all_metrics, rows = {}, {}, []
    for label, (folder, known) in runs.items():
        on_epoch = on_epoch_factory(folder) if on_epoch_factory else None
        model = Forecaster(future_known=known, **settings).fit(data, target="y", features=["x"], on_epoch=on_epoch)
        note = ("future_known=True: the network also sees x at the time step it predicts, a covariate known at forecast time."
                if known else WHY_NOT)
        metrics = write_run(out_dir / folder, model, data, source="built-in regression set (rnncast.datasets.aligned_regression)",
                            notes=[note])
        models[label] = model
        all_metrics[label] = metrics
        rows.append(_row(label, model, metrics))
    _write_summary(out_dir, "rnncast demo: the sequence-regression tutorial, fixed", data, models, all_metrics, rows,
                   [WHY_NOT, FIX])
    return rows


WHY_NOT = ("As the tutorial set it up, the target y at time t depends only on the feature x at the same time t, and "
           "every window stops at t - 1. The rows are independent draws, so nothing in the window tells anything "
           "about y_t: no model can beat predicting the training mean, and this one does not.")
FIX = ("The fix is a setting, not a bigger model: future_known=True (--future-known) declares x a covariate known at "
       "forecast time, and the network then also sees x at the step it predicts. The same network reaches an R² near 1.")


def _row(name: str, model: Forecaster, metrics: dict) -> DemoRow:
    test = metrics["test"]["original"]
    return DemoRow(name, count_parameters(model.net_), model.train_seconds_, test["model"]["mse"], test["model"]["mae"],
                   test["model"]["r2"], test["repeat"]["mse"], test["repeat"]["mae"], verdict(metrics["test"])[0])


def _write_summary(out_dir: Path, title: str, data, models: dict, all_metrics: dict, rows: list[DemoRow],
                   notes: list[str]) -> None:
    loss_png = plots.png_bytes(plots.loss_figure({name: m.history_ for name, m in models.items()}))
    first = next(iter(models.values()))
    forecast_png = plots.png_bytes(forecast_plot(first, data, models))
    files.write_bytes(out_dir / "loss.png", loss_png)
    files.write_bytes(out_dir / "forecast.png", forecast_png)
    files.write_json(out_dir / "summary.json", [row.__dict__ for row in rows])
    table = [["model", "parameters", "train s", "test MSE", "test MAE", "test R²", "repeat MSE", "repeat MAE", "beats baselines"]]
    table += [[r.name, r.parameters, f"{r.seconds:.1f}", f"{r.mse:.5f}", f"{r.mae:.4f}", f"{r.r2:.3f}",
               f"{r.repeat_mse:.5f}", f"{r.repeat_mae:.4f}", "yes" if r.beats_baselines else "NO"] for r in rows]
    blocks = [("p", n) for n in notes] + [("h2", "Summary (test split, original units)"), ("table", table),
                                          ("h2", "Loss"), ("img", loss_png, "loss per epoch for each model"),
                                          ("h2", "Forecast on the test split"), ("img", forecast_png, "actual and predicted values")]
    for name, metrics in all_metrics.items():
        blocks += [("h2", f"{name}: validation and test metrics (original units)"),
                   ("verdict", *verdict(metrics["test"])), ("table", metric_rows(metrics, "original"))]
    blocks.append(("p", "Each model's own run directory (a sub-folder here) holds its settings, history, weights and report."))
    files.write_text(out_dir / "report.html", html_page(title, blocks))
