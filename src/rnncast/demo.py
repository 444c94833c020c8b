"""The two demos: the first tutorial's sine wave with RNN, LSTM and GRU side by side (with the
linear highway, and each cell on its own), and the second tutorial's regression task, reproduced
and then fixed with a known-at-forecast-time covariate.

Models are compared with each other as they are with the baselines: a lower test MSE names a
winner only when a Diebold–Mariano test between the two models' errors on the same test windows
says it is beyond chance (two-sided, Holm-corrected over the pairs of a group)."""

from __future__ import annotations

import math
from pathlib import Path

from rnncast import datasets, demopage, demotext, madeof, plots
from rnncast.speakers import speaking_as
from rnncast.comparison import compare
from rnncast.demofolders import CELLS, REGRESSION_RUNS, SINE_GROUPS, sine_folder
from rnncast.forecaster import Forecaster
from rnncast.loading import load_panel
from rnncast.errorsapart import errors_apart
from rnncast.forecastplot import forecast_plot
from rnncast.report import write_run
from rnncast.runhistory import kept_untrained

REGRESSION_SETTINGS = dict(lookback=10, horizon=1, hidden_size=50, num_layers=2, batch_size=16, lr=1e-3, epochs=100,
                           patience=10, scaler="minmax", window_norm="none",  # the tutorial's, split by time
                           target_input=False, highway=False)  # its input, x alone: y is never read (README's four settings)
SINE_SETTINGS = dict(lookback=50, horizon=1, hidden_size=64, epochs=60, patience=8, batch_size=64, lr=3e-3)
SINE_STEP = 0.1  # y = sin(SINE_STEP t): a period of 2 pi / 0.1, about 63 rows

def sine(out_dir, device: str = "auto", on_epoch_factory=None, threads: int = 0, seed: int = 0) -> demopage.DemoResult:
    """Train RNN, LSTM and GRU on one continuous sine wave, with the highway and each cell alone;
    write ``out_dir`` (a run folder per model, the summary page) and return the table and findings.
    ``on_epoch_factory(name, epochs)`` returns the ``on_epoch`` callback of one model's fit; ``device``,
    ``threads`` and ``seed`` are ``Forecaster``'s (where and how fast the models train, their seed).
    Raises ``RnncastError`` for a device, thread count or seed ``Forecaster`` refuses."""
    out_dir = Path(out_dir)
    data = datasets.sine_wave(step=SINE_STEP)
    floor = data.attrs.get("noise_floor_mse")
    panel = load_panel(data, "y", time_col="t", announce=False)  # on the wave's own clock, as the README's fit of it
    source = "built-in sine wave (rnncast.datasets.sine_wave)"
    rows, comparisons, groups, all_metrics = [], [], {}, {}
    for group, extra in SINE_GROUPS.items():
        models, errors = {}, {}
        for cell in CELLS:
            folder = sine_folder(cell, extra)
            settings = dict(SINE_SETTINGS, **extra, threads=threads, seed=seed)
            on_epoch = on_epoch_factory(folder, settings["epochs"]) if on_epoch_factory else None
            with speaking_as(f"{cell.upper()} ({group})"):  # the name its page's metrics go by; its log lines' too
                model = Forecaster(cell=cell, device=device, **settings).fit(panel, on_epoch=on_epoch)
                run_metrics = write_run(out_dir / folder, model, data, source=source,
                                        notes=[f"Demo run ({group}). " + demotext.settings_sentence(model)])
            models[cell.upper()] = model
            all_metrics[f"{cell.upper()} ({group})"] = run_metrics
            rows.append(demopage.model_row(cell.upper(), model, run_metrics, group, floor))
            test = model.predict_windows(data, part="test")  # original units: the same for every model
            errors[cell.upper()] = test.y_pred - test.y_true  # [W, H, T]
        same = f"the same settings (window_norm={model.get_params()['window_norm']!r})"  # every cell's but the cell
        untrained = [name for name, m in models.items() if kept_untrained(m.history_)]  # ranked, said so
        comparisons.append(compare(errors, SINE_SETTINGS["horizon"], group, alike=same, untrained=untrained))
        groups[group] = models
    made_of = {group: " + ".join(madeof.parts(next(iter(models.values())).get_params(), cell="cell"))
               for group, models in groups.items()}  # "the last value in the window + the cell's correction"
    every = {f"{name} ({group})": m for group, models in groups.items() for name, m in models.items()}
    budget = demotext.budget_sentences(every, test_mse={f"{r.name} ({r.group})": r.mse for r in rows}, floor=floor)
    notes = [demopage.TABLE_NOTE] + [c.sentence for c in comparisons] + [demotext.floor_sentence(floor)] + budget
    notes += demotext.untrained_sentences(every)  # the table's "(0)": what a best epoch of 0 means
    result = demopage.DemoResult(rows, notes, demotext.settings_lines(every), comparisons,
                                 demotext.cells_alone_text(rows, comparisons, made_of, seed, memory_sentence()))
    lookback = SINE_SETTINGS["lookback"]
    intro = (f"One continuous sine wave, y = sin({SINE_STEP:g} t) + noise, split by time into train (70%), validation "
             f"(10%) and test (20%). Each cell (RNN, LSTM, GRU) is trained in two configurations, with the linear highway "
             f"and without it; every network sees a window of {lookback} steps (its lookback) and predicts the next one (horizon "
             f"{SINE_SETTINGS['horizon']}). "
             + " ".join(f"{'With the linear highway (the defaults)' if SINE_GROUPS[g].get('highway', True) else 'With the highway off (the cells alone)'}, "
                        f"each forecast = {text}." for g, text in made_of.items())
             + f" {demotext.LEVEL_NOTE} The test plots are contiguous stretches of the series, so they look like the wave they "
             "are (the tutorial plotted windows with random starts, which made its curve jagged).")
    figures = []
    for group, models in groups.items():
        slug = group.replace(" ", "-")
        figures += [(f"Loss, {group}", plots.loss_figure({n: m.history_ for n, m in models.items()}, group=group),
                     f"loss-{slug}.png"),  # the group in each figure's title: a PNG copied to a slide says it
                    (f"Forecast on the test split, {group}: each cell's error over time",
                     errors_apart(next(iter(models.values())), data, models, floor, group=group), f"forecast-{slug}.png")]
    runs = {f"{cell.upper()} ({group})": sine_folder(cell, extra) for group, extra in SINE_GROUPS.items() for cell in CELLS}
    demopage.write_summary(out_dir, "rnncast demo: RNN, LSTM and GRU on a sine wave", [intro], result, all_metrics,
                           figures, runs=runs)
    return result


def regression(out_dir, device: str = "auto", on_epoch_factory=None, threads: int = 0,
               seed: int = 0) -> demopage.DemoResult:
    """The second tutorial's task, as it was set up and with the target's own features in view; the
    arguments as :func:`sine`'s."""
    out_dir = Path(out_dir)
    data = datasets.aligned_regression()
    floor = data.attrs.get("noise_floor_mse")  # the true relation's MSE: the table's × floor, as the sine's (decision 1905)
    settings = dict(REGRESSION_SETTINGS, device=device, threads=threads, seed=seed)
    models, all_metrics, rows = {}, {}, []
    for label, (folder, known) in REGRESSION_RUNS.items():
        on_epoch = on_epoch_factory(folder, settings["epochs"]) if on_epoch_factory else None
        panel = load_panel(data, "y", ["x"], future_known=known, announce=False)  # built-in, numbered rows
        note = ("future_known=True: the network also sees x at the time step it predicts, a covariate known at forecast time."
                if known else demotext.WHY_NOT)
        with speaking_as(label):
            model = Forecaster(future_known=known, **settings).fit(panel, on_epoch=on_epoch)
            run_metrics = write_run(out_dir / folder, model, data, notes=[note, demotext.settings_sentence(model)],
                                    source="built-in regression set (rnncast.datasets.aligned_regression)")
        models[label] = model
        all_metrics[label] = run_metrics
        rows.append(demopage.model_row(label, model, run_metrics, floor=floor))
    budget = demotext.budget_sentences(models, test_mse={r.name: r.mse for r in rows}, floor=floor)
    noise = demotext.floor_sentence(floor, "y's noise", "the true relation (y = w x_t)")
    result = demopage.DemoResult(rows, [demopage.TABLE_NOTE, noise, *budget, *demotext.untrained_sentences(models)],
                                 demotext.settings_lines(models),
                                 lesson=demotext.regression_lesson(rows, next(iter(models.values())), data))
    figures = [("Loss", plots.loss_figure({n: m.history_ for n, m in models.items()}), "loss.png"),
               (f"Forecast on the test split (its first {REGRESSION_POINTS} points)",
                forecast_plot(next(iter(models.values())), data, models, max_points=REGRESSION_POINTS), "forecast.png")]
    demopage.write_summary(out_dir, "rnncast demo: the sequence-regression tutorial, fixed",
                           [demotext.WHY_NOT, demotext.FIX, demotext.RANDOM_SPLIT], result, all_metrics, figures,
                           runs={label: folder for label, (folder, _) in REGRESSION_RUNS.items()})
    return result


REGRESSION_POINTS = 50  # the rows are independent draws: 200 of them drawn as one line are a thicket


# ---- what the sine demo found -----------------------------------------------------------------

def memory_sentence() -> str:
    """Why this wave cannot show the gates' advantage: its next value follows from its last two, and a window
    holds most (or all) of a period; said from ``SINE_STEP`` and ``SINE_SETTINGS``' lookback."""
    period, lookback = 2 * math.pi / SINE_STEP, SINE_SETTINGS["lookback"]
    holds = (f"each {lookback}-step window holds {lookback} of the {period:.0f} steps of one period" if lookback < period
             else f"each {lookback}-step window holds a whole {period:.0f}-step period")
    return (f"A noiseless sine's next value follows from its last two (y(t+1) = 2 cos({SINE_STEP:g}) y(t) - y(t-1)) and "
            f"{holds}, so no cell needs a long memory here: this demo does not test the gates' advantage on "
            f"long-term dependencies; rnncast demo memory does (a delayed echo at a short and a long lag).")
