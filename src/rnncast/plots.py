"""Figures for the run directory. Each function returns a matplotlib ``Figure`` made without pyplot:
nothing is shown, and matplotlib's global state (its backend, pyplot's figure list, rcParams) is left as
the user set it, so a notebook's inline plots keep working; names in Hangul draw (``fonts``)."""

from __future__ import annotations

import io

import numpy as np
from matplotlib.figure import Figure

from rnncast import (axislabels, barsaxis, baselinelooks, baselines, covered, drawntime, fonts, lonepoints, lossaxes,
                     quantilebands, targetrows, tiledsteps, ylimits)

MAX_POINTS = 400  # a contiguous stretch short enough to see the shape of the series
MARKED_POINTS = 80  # a stretch this short draws a dot at each actual value


@fonts.drawn  # texts in Hangul drawn, the caller's rcParams untouched
def loss_figure(histories: dict[str, list[dict]], loss: str = "MSE", units: str = "scaled units",
                starts: dict[str, float] | None = None, group: str = "") -> Figure:
    """Training (solid) and validation (dashed) loss per epoch, one colour per model; ``loss``
    names what was trained on (MSE, MAE, pinball loss), in ``units`` (``spreads.loss_units``). A dot marks the epoch
    whose weights are kept: the best validation epoch, or, for a model fitted without validation rows, its lowest
    training loss; the epochs are ticked in regular steps, the kept one named in the legend beside its model
    ("lstm: epoch 12 kept"), not ticked (``lossaxes.epoch_xaxis``). The legend, below the axes, names each model once
    and says the line styles and the dot (``lossaxes.loss_legend``); each line keeps its own label ("<model> train",
    "<model> validation"). ``starts``: model -> the untrained network's validation loss, drawn as a dotted line
    in the model's colour ("<model> untrained validation"), the level a kept epoch had to beat. ``group``: which
    models these are, in the title ("Loss per epoch, highway on": a demo's two groups' figures apart, decision 1699)."""
    fig = Figure(figsize=(8, 4.5), layout="constrained")
    ax = fig.subplots()
    untrained, kept = [], {}  # models whose epochs never beat the untrained network on validation; the kept epochs
    for i, (name, history) in enumerate(histories.items()):
        colour = f"C{i}"
        epochs = [h["epoch"] for h in history]
        train, val = ([np.nan if h[k] is None else h[k] for h in history] for k in ("train_loss", "val_loss"))
        several = len(histories) > 1  # each model's own mark beside its colour (``lonepoints.model``)
        width = max(1.0, 2.0 - 0.5 * i) if several else 1.5  # each later model thinner: a line drawn over another's shows it
        ax.plot(epochs, train, color=colour, label=f"{name} train", lw=width,
                **(lonepoints.model(train, i) if several else lonepoints.marks(train)))  # one epoch: a dot
        validates = any(np.isfinite(val))
        if validates:
            ax.plot(epochs, val, color=colour, ls="--", label=f"{name} validation", lw=width,
                    **(lonepoints.model(val, i) if several else lonepoints.marks(val, "s", 4)))
            if (start := (starts or {}).get(name)) is not None and np.isfinite(start):
                ax.axhline(start, color=colour, ls=":", lw=1.2, label=f"{name} untrained validation")
        loss_of = "val_loss" if validates else "train_loss"  # no validation rows: the lowest training loss's epoch is kept
        best = [h for h in history if h.get("best") and h[loss_of] is not None]  # the epoch whose weights are kept
        if best:
            ax.plot(best[-1]["epoch"], best[-1][loss_of], "o", color=colour, ms=6.5, mec="white", mew=1, zorder=3)  # over all
            kept[name] = best[-1]["epoch"]
        elif validates:
            untrained.append(name)
    epochs = [h["epoch"] for history in histories.values() for h in history]
    lossaxes.epoch_xaxis(ax, min(epochs, default=1), max(epochs, default=1))  # whole epochs in regular steps
    lossaxes.log_yaxis(ax, [h[k] for history in histories.values() for h in history for k in ("train_loss", "val_loss")]
                       + [v for v in (starts or {}).values() if v is not None])
    ax.set_xlabel("epoch")
    ax.set_ylabel(f"{loss} ({units}{', log scale' if ax.get_yscale() == 'log' else ''})")
    validated = any(h["val_loss"] is not None for history in histories.values() for h in history)
    title = f"Loss per epoch{', ' + group if group else ''}" + ("" if validated else
                                                                 " (no validation rows: the training loss alone)")
    if untrained:
        title += f"\nno epoch beat the untrained network for {', '.join(untrained)}: its starting weights are kept"
    ax.set_title(title, wrap=True)
    ax.grid(alpha=0.3)
    named = {name + (f": epoch {kept[name]} kept" if name in kept else ""): f"C{i}" for i, name in enumerate(histories)}
    lossaxes.loss_legend(fig, named, validated, bool(kept), any(ln.get_ls() == ":" for ln in ax.lines),  # under it
                         len(histories) > 1)  # each kept epoch by its model, each model by its mark too
    return fig


# A backtest's windows: the model's blue (C0, as forecast.png draws it) and a lighter shade of it in turn, so that
# neighbours are told apart, none near a baseline's colour (the colour cycle's C6 pink stood beside the seasonal naive's
# purple) nor the actual values' black (a navy was); the cutoffs one neutral grey, as the legend shows them.
WINDOW_COLOURS = ("C0", "#6fa8dc")
CUTOFF_COLOUR = "#707070"


def baseline_label(name: str, season: int) -> str:
    """The legend's name of a baseline, as the tables and verdicts name it (``baselines.row_label``), the
    seasonal one with its season (``"seasonal"`` -> "baseline: seasonal naive (season 24)")."""
    return baselines.row_label(name) + (f" (season {season})" if name == "seasonal" else "")


@fonts.drawn
def forecast_figure(x, actual: np.ndarray, predictions: dict[str, np.ndarray], title: str, ylabel: str,
                    bands: dict[str, tuple[np.ndarray, np.ndarray]] | None = None, xlabel: str | None = None,
                    filled: np.ndarray | None = None, session=None, calendar=None, points: bool = False) -> Figure:
    """Actual values and forecasts over one contiguous stretch of the test split.

    ``actual`` and each prediction are 1-D over the same points ``x`` (time or row number), named by
    ``xlabel`` (``time_label``: "row", or the time column with its zone); a NaN forecast is a gap (a
    window left out of the scores). ``bands``: legend label -> ``quantilebands.Band`` (or a (lower, upper) pair), each
    interval shaded and each lone level a line in its model's colour (e.g. "model (lstm) 80% interval"). A
    prediction whose name starts with "baseline" is drawn thin in its baseline's own look, the same in every run
    (``baselinelooks``), under the models; one on a model's line all along says so (``covered``). ``filled`` [points]: actual values that ``fill`` made,
    drawn as marks apart from the observed line (``draw_actual``). ``session``: the ``sessions.Session`` that
    times ``x`` are bars of, drawn one step per bar (``barsaxis``); None: on their real time axis. ``calendar``: the
    data's ``timecalendar.Calendar``, whose quarters are ticked as quarters (``dateticks.date_ticks``). ``points``:
    every curve drawn as points, no line joining them (``draw_forecast``).
    """
    fig = Figure(figsize=(10, 4.5), layout="constrained")
    ax = fig.subplots()
    draw_forecast(ax, x, actual, predictions, bands, filled, session, calendar, points=points)
    ax.set_title(title, wrap=True)
    axislabels.label(ax, ylabel)  # a long name wrapped, or shortened and written whole under the title
    ax.set_xlabel(xlabel or "")
    covered.legend(fig, [ax], below=True)  # under the axes (decision 1701), a line under the actual one said so
    return fig


@fonts.drawn
def forecast_grid(panels: list[dict], title: str, ylabel: str, xlabel: str | None = None, session=None,
                  calendar=None, points: bool = False, carried: tuple[str, ...] = ()) -> Figure:
    """One row per series, each drawn as ``forecast_figure`` draws one, under its own title; one
    legend (the rows share their labels), beside the first row, with the ``carried`` labels a later row alone draws
    (a baseline of some series: ``forecastplot``).

    ``panels``: ``{"title", "x", "actual", "predictions", "bands", "filled", "ylabel", "group"}`` per row ("bands",
    "filled", "ylabel" and "group" optional: rows of several targets each label their own, ``targetrows``, else
    ``ylabel`` is every row's; the rows of one "group", a series' targets, share their x axis,
    ``targetrows.share_rows``); ``xlabel`` under the last; ``session``, ``calendar`` and ``points`` as
    ``forecast_figure`` takes them.
    """
    fig = Figure(figsize=(10, 2.7 * len(panels) + 0.5), layout="constrained")
    axes = fig.subplots(len(panels), 1, squeeze=False)[:, 0]
    targetrows.share_rows(axes, [panel.get("group") for panel in panels])
    for ax, panel in zip(axes, panels):
        draw_forecast(ax, panel["x"], panel["actual"], panel["predictions"], panel.get("bands"), panel.get("filled"), session,
                      calendar, shared=len(panels) > 1, points=points)
        axislabels.title(ax, panel["title"], fontsize=10)
    axes[-1].set_xlabel(xlabel or "")
    covered.legend(fig, list(axes), (FILLED_LABEL, LATER_LABEL, *carried))  # a later row's marks and baselines
    row_labels(fig, list(axes), [panel.get("ylabel") for panel in panels], ylabel, fig.suptitle(title, wrap=True))
    return fig


def row_labels(fig, axes: list, own: list, ylabel: str, home) -> None:
    """The y labels of a figure's rows: each row's ``own`` where rows draw several targets (its name and units),
    else ``ylabel`` along every row (one label where long); ``home``: the title a shortened label is written under."""
    if any(own):
        for ax, text in zip(axes, own):
            axislabels.label(ax, text or ylabel, home)
    else:
        axislabels.label(axes, ylabel, home)


FILLED_LABEL = "made, not observed (by fill, or stood in for a blank label): not scored"  # no fill named: 2179
LATER_LABEL = "its window's inputs filled from later rows: not scored"  # filledwindows.reads_later


def draw_actual(ax, x, actual: np.ndarray, filled: np.ndarray | None = None, lw: float = 1.6, marker: str = "",
                points: bool = False, zorder: float = 2.0) -> None:
    """The observed values as a black line (``marker`` at each point), broken where ``filled`` [points] is 1 (True):
    a value made by ``fill`` (an interpolated stretch is no observation), drawn as a grey cross; where it is 2, an
    observed value whose window is left out (its inputs filled from later rows), ringed in orange. ``points``: black
    dots, no line (``lonepoints.apart``). ``zorder``: the line's, above the forecasts' 2 to stay in sight under many."""
    kinds = None if filled is None or not np.any(filled) else np.asarray(filled).astype(np.int8)
    observed = actual if kinds is None else np.where(kinds == 1, np.nan, actual)
    ax.plot(x, observed, color="black", lw=lw, label="actual", zorder=zorder, **(lonepoints.apart({}, "o", 4.5) if points
                                                                                 else lonepoints.marks(observed, marker or "o", 4, every=bool(marker))))
    for kind, style, label in ((1, {"marker": "x", "color": "grey"}, FILLED_LABEL),
                               (2, {"marker": "o", "mfc": "none", "color": "darkorange"}, LATER_LABEL)):
        if kinds is not None and (kinds == kind).any():
            ax.plot(x, np.where(kinds == kind, actual, np.nan), ls="none", ms=4 + 2 * (kind == 2), label=label, **style)


def left_out(filled, later) -> np.ndarray:
    """``draw_actual``'s marks of the points no score counts: 1 made by fill (``filled``), else 2 in a window left out (``later``)."""
    return np.where(filled, 1, np.where(later, 2, 0)).astype(np.int8)


def scored_note(points: int, left: int, of: str, lead: str = ", ") -> str:
    """A title's ``, 40 of {of} scored, the 8 left out marked`` (``left_out``); "" where all ``points`` are scored."""
    return f"{lead}{points - left} of {of} scored, the {left} left out marked" if left else ""

def draw_forecast(ax, x, actual: np.ndarray, predictions: dict[str, np.ndarray],
                  bands: dict[str, tuple[np.ndarray, np.ndarray]] | None = None, filled: np.ndarray | None = None,
                  session=None, calendar=None, shared: bool = False, points: bool = False) -> None:
    """The actual values (black, wider than the models so that a model on them leaves them seen; dots on a
    short stretch; ``filled`` ones apart, ``draw_actual``), each band, model and baseline (thin, faint)
    onto ``ax``, over ``x`` as ``drawntime.drawn_time`` draws it, or one step per bar of ``session`` (ticked by ``calendar``,
    ``drawntime.time_ticks``). The y limits
    cover the actual values and the models; a baseline beyond them is named so (``ylimits.frame``; ``shared``: rows
    under one legend, where its value is said at the edge of its own row alone). ``points``: every curve as points with
    no line between them (a model of the features alone, whose rows are forecast each from its own: decision 1631)."""
    times = x
    x, zone = drawntime.drawn_time(x, session)
    draw_actual(ax, x, actual, filled, lw=2.6, marker="o" if len(actual) <= MARKED_POINTS else "", points=points)
    models = {name: pred for name, pred in predictions.items() if not name.startswith("baseline")}
    shown, drawn = [actual, *quantilebands.draw(ax, x, bands or {}, {name: f"C{k}" for k, name in enumerate(models)})], []
    width = covered.span(actual, *models.values())
    for name, pred in predictions.items():
        if name.startswith("baseline"):
            k = len(drawn)
            label = covered.note(name, covered.under(pred, models, width), len(models) > 1)
            style = baselinelooks.look(name, pred, k, points)  # one look per baseline in every run (decision 1733)
            drawn += ax.plot(x, pred, label=label, lw=1.0, alpha=baselinelooks.ALPHA, zorder=1.9, **style,
                             gid=name)  # under the models (zorder 2)
        else:  # a model under one drawn after it (on top) says so too
            k, later = list(models).index(name), {m: models[m] for m in list(models)[list(models).index(name) + 1:]}
            style = lonepoints.model(pred, k) if len(models) > 1 else lonepoints.marks(pred)
            style = lonepoints.apart(style, lonepoints.MODEL_MARKS[k % 6] if len(models) > 1 else "o", 3.5) if points else style
            ax.plot(x, pred, label=covered.note(name, covered.under(pred, later, width), True), color=f"C{k}", lw=1.3,
                    **style, gid=name)
            shown.append(pred)
    ylimits.frame(ax, shown, drawn, named=not shared)
    ax.grid(alpha=0.3)
    drawntime.time_ticks(ax, times, zone, session, calendar)


def contiguous_forecast(y_true: np.ndarray, y_pred: np.ndarray, max_points: int = MAX_POINTS):
    """Stitch forecasts of windows whose cutoffs are one horizon apart into one contiguous curve.

    ``y_true``, ``y_pred``: [W, H] for one target, windows in time order, stride 1 (W + H - 1 rows). Returns
    ``(windows, steps)``, the window and the step in it each point is forecast from ([P] each), and the 1-D
    actual and forecast curves [P] (each step forecast from the most recent window starting at or before it, as a
    user who forecasts every H steps would see). Where every window's H steps fit in ``max_points`` and the last
    window one horizon after another is not the last window (W - 1 no multiple of H), the rows after its steps
    are the last window's (a cutoff fewer than H steps after the one before), each drawn once: every row then
    (``tiledsteps``, which counts on the steps' dates where the data lacks some: ``forecastplot``).
    """
    count, horizon = y_true.shape
    tile = tiledsteps.tiles(*tiledsteps.rows(np.arange(1, count + 1), horizon), max_points)  # counted in rows
    windows, steps = tile.windows, tile.steps
    return (windows, steps), y_true[windows, steps], y_pred[windows, steps]


TITLE_LINE = 0.19  # inches a line of a backtest figure's title takes (11 points, 1.2 apart): the figure grows by it
MANY_CUTOFFS = 20  # above this many windows a backtest's cutoffs are ticks at the foot of each row, not dashed lines
FEW_WINDOWS = 5  # above this many, each forecast a thin line under the actual one (backtestplot: decision 2031)


@fonts.drawn
def backtest_figure(curves: list[dict], title: str, band_label: str | None = None, ylabel: str = "value",
                    xlabel: str | None = None, session=None, model: str = "model", calendar=None) -> Figure:
    """One row per series, under its ``label``: the actual values (black), every window's forecast (a
    shade of blue per window's line, ``WINDOW_COLOURS`` in turn, named ``model`` in the legend, ``madeof.legend_label``;
    above ``FEW_WINDOWS`` thin, under the actual line)
    with its bands (every window's in the first colour, so a band's shade is its level's, as in the legend), its cutoff (the last step its window's forecast reads, forecasts.csv's ``cutoff``) as a grey dashed vertical line
    (above ``MANY_CUTOFFS`` windows a grey tick at the foot of the row, said in the title), and every
    baseline the verdict weighs, each in its own look (``baselinelooks``: as the forecast plot draws it); the y range is the
    actual values' and the forecasts', a baseline wholly beyond it named at the edge (``ylimits.frame``). Every series
    keeps its own time axis (the series of a panel need not span the same dates); the rows of one curve "group", a
    series' targets, share theirs (``targetrows.share_rows``). ``ylabel``: what the values
    are (the target); ``xlabel`` under the last row (``time_label``); ``session`` as ``forecast_figure`` takes
    it (a window's times drawn at their bars in its curve's).

    ``curves``: ``{"label", "x", "actual", "filled" (optional: values made by fill, ``draw_actual``),
    "windows": [{"x", "forecast", "bands" (legend label -> ``quantilebands.Band``; or "band", one (lower, upper)
    labelled ``band_label``), "cutoff" (the position in the curve's ``x`` of the window's last observed step), "untrained" (optional: the
    legend's words for a window whose model kept the untrained network, its forecast marked x),
    "baselines": {legend label: values}}]}``; a baseline on the forecasts in every window
    says so (``covered``).
    """
    many = max((len(curve["windows"]) for curve in curves), default=0)  # 500 dashed lines were a grey wall (decision 1563)
    if many > MANY_CUTOFFS:
        title += f"\n{many} windows: each cutoff a tick at the foot of the plot, not a line"
    fig = Figure(figsize=(10, 2.8 * len(curves) + 0.5 + TITLE_LINE * (title.count("\n") + 1)), layout="constrained")
    axes = fig.subplots(len(curves), 1, squeeze=False)
    targetrows.share_rows(axes[:, 0], [curve.get("group") for curve in curves])
    for ax, curve in zip(axes[:, 0], curves):
        x, zone = drawntime.drawn_time(curve["x"], session)
        draw_actual(ax, x, curve["actual"], curve.get("filled"), lw=1.4, zorder=2.0 if many <= FEW_WINDOWS else 2.5)
        shown, drawn = [curve["actual"]], {}  # what sets the y range (ylimits.frame); each baseline's lines
        windows = [w for w in curve["windows"] if len(w["x"])]  # one left out (its cutoff row missing): no rows to
        for j, w in enumerate(windows):  # draw, no band, line or cutoff (decision 1819)
            colour = WINDOW_COLOURS[j % len(WINDOW_COLOURS)]  # never a baseline's
            wx = drawntime.drawn_time(w["x"])[0] if session is None else barsaxis.positions(curve["x"], w["x"])
            bands = w.get("bands", {band_label: w["band"]} if w.get("band") is not None else {})  # every level's
            # bands in one colour: a shade is a level, as the legend's swatches (a window's lighter blue made its 80%
            # band the 90% swatch); the window's shade is its line's
            first = bands and not any(w.get("bands") or w.get("band") is not None for w in windows[:j])  # labelled once
            shown += [w["forecast"], *quantilebands.draw(ax, wx, bands, WINDOW_COLOURS[0], labelled=bool(first))]
            ax.plot(wx, w["forecast"], color=colour, lw=1.4 if many <= FEW_WINDOWS else 0.9,
                    label=f"{model}, one line shade per window" if j == 0 else None,
                    **lonepoints.marks(w["forecast"]), gid=model)  # a window of one step: a dot
            if w.get("untrained"):  # its cutoff's model kept the untrained network: marked x, named once (decision 2058)
                ax.plot(wx, w["forecast"], ls="none", marker="x", ms=5, color=colour, gid="untrained",
                        label=None if any(v.get("untrained") for v in windows[:j]) else w["untrained"])
            for k, (name, values) in enumerate(w["baselines"].items()):  # under the forecasts, named where first
                drawn.setdefault(name, []).extend(ax.plot(wx, values, lw=1.0, zorder=1.9, label=None if drawn.get(
                    name) else name, **baselinelooks.look(name, values, k), gid=name))  # drawn (some windows' alone)
            if many <= MANY_CUTOFFS:
                ax.axvline(x[w["cutoff"]], color=CUTOFF_COLOUR, ls="--", lw=0.8, alpha=0.8,
                           label="cutoffs (last input step)" if j == 0 else None)  # true with or without refit: the
                # title says which model forecast (without refit one, trained up to the first cutoff, saw less)
        if many > MANY_CUTOFFS:  # the x of each cutoff, at the foot of the axes whatever the y range
            ax.plot([x[w["cutoff"]] for w in windows], [0.0] * len(windows), ls="none", marker="|",
                    ms=9, mew=0.8, color=CUTOFF_COLOUR, transform=ax.get_xaxis_transform(), clip_on=False,
                    label="cutoffs (last input step), ticks at the foot")
        width = covered.span(curve["actual"])
        for name, lines in drawn.items():  # a baseline hidden under the forecasts in every window it is drawn in
            hidden = all(covered.under(w["baselines"][name], {model: w["forecast"]}, width) for w in windows
                         if name in w["baselines"])
            lines[0].set_label(covered.note(name, model if hidden else None, False))
        ylimits.frame(ax, shown, drawn.values(), named=len(curves) == 1)  # far from the data: named, not reached
        if curve["label"]:
            axislabels.title(ax, curve["label"], fontsize=10)
        ax.grid(alpha=0.3)
        drawntime.time_ticks(ax, curve["x"], zone, session, calendar)
    axislabels.xlabel(axes[-1, 0], xlabel or "")  # wrapped to the axes the legend narrows (decision 1789)
    suptitle = fig.suptitle(title, fontsize=11, wrap=True)  # over the legend too: a title line as wide as the figure is not cut
    row_labels(fig, list(axes[:, 0]), [curve.get("ylabel") for curve in curves], ylabel, suptitle)
    marked = tuple({w["untrained"] for c in curves for w in c["windows"] if w.get("untrained")})  # a later row's too
    covered.legend(fig, list(axes[:, 0]), (FILLED_LABEL, LATER_LABEL, *marked))  # a later row's marks, a line under the actual one
    return fig


def png_bytes(fig: Figure, dpi: int = 110) -> bytes:
    buffer = io.BytesIO()
    with fonts.drawing(fig):  # a text no font draws is one warning, not matplotlib's per glyph
        fig.savefig(buffer, format="png", dpi=dpi)  # Agg renders the PNG; no window, no pyplot
    return buffer.getvalue()
