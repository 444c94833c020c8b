"""The report page: what a run says, laid out as blocks and written as one HTML page.

A page is a list of blocks: ``("h2", text)``, ``("p", text)``, ``("hint", text)``,
``("verdict", good, sentence, unproven)``, ``("list", items)``, ``("table", rows)`` (the first row the header)
and ``("img", png_bytes, alt)``. ``pagehtml.html_page`` writes them as one self-contained page (plots
embedded as data URIs) that can be mailed. A run's page reads: the verdict (and a hint), what rnncast noticed
during the fit (its warnings and notes, ``noticed``), notes, metrics, plots,
then the data and settings; a backtest's and the demo's pages are made of the same blocks.
"""

from __future__ import annotations

from typing import Callable

from rnncast.forecaster import Forecaster
from rnncast import bandcounts, finalfit, leftout, madeof, readout, seasonalgaps, settingrows, splitrows, targetwindows
from rnncast.baselines import baseline_name, row_label
from rnncast.metrics import rmse_note
from rnncast.models import parameter_parts, parameters_text
from rnncast.seriesids import skipped_as_given
from rnncast.r2notes import SPLITS, split_notes
from rnncast.scoretext import apart, column_head, interval_keys, with_columns
from rnncast.significance import p_number
from rnncast.spelling import counted
from rnncast.spreads import SCALED_BY, units_name
from rnncast.stepbins import step_rows, step_units
from rnncast.runnotes import divergence_text, draw_text, percent_note
from rnncast.untrainedadvice import untrained_advice
from rnncast.laterrows import training_note
from rnncast.outliers import note as squeezed_note
from rnncast.pooledunits import note as pooled_note
from rnncast.timecalendar import by_series
from rnncast.toldtime import page_text
from rnncast.untrained import forecast_text, kept
from rnncast.verdicts import against_each, quoted, verdict_units
from rnncast.windows import train_windows

# ---- a run's page ---------------------------------------------------------------------------

def run_blocks(forecaster: Forecaster, metrics: dict, source: str, notes: list[str] | None, figures=(),
               noticed: list[dict] | None = None, static_file: str | None = None) -> list:
    """The page of a run: the verdict (and a hint), what its forecast is made of (``madeof``), what rnncast noticed (``noticed``: the fit's
    warnings and notes, ``noticed.capture``), notes, metrics (the test's by step ahead too), ``figures`` (blocks), data and settings.
    ``static_file``: the table of static covariates fit read (--static FILE), named beside them."""
    blocks, units = [], verdict_units(forecaster)
    val = metrics.get("val") or {}  # the table's columns hold its rows too: the verdict quotes MSE and pinball so (1230)
    test = {**metrics["test"], "column_mse": [s.get("mse") for s in (val.get(units) or {}).values()],
            "column_pinball": [(val.get("original") or {}).get("model", {}).get("pinball")]} if metrics.get("test") else None
    said = readout.said(forecaster, test) if test is not None else None  # fit's words, as it prints them
    if said is not None:
        blocks.append(("verdict", said.good, said.verdict, said.unproven))
        blocks += baseline_blocks(test, units)
        blocks += [("p", said.targets)] if said.targets else []  # the targets a pooled verdict rests on
        blocks += [("hint", hint) for hint in said.hints]  # the season, window_norm, future_known
    elif metrics.get("no_test"):  # test_frac 0: no verdict, and why (finalfit, decision 2117)
        blocks.append(("hint", f"{metrics['no_test'][0].upper()}{metrics['no_test'][1:]}."))
    scored = not finalfit.scores_nothing(metrics)  # a final fit with val_frac 0: not (decision 2159)
    one = forecaster.targets_[0] if forecaster.layout_ != "wide" and len(forecaster.targets_) == 1 else None
    blocks.append(("p", madeof.sentence(forecaster.get_params(), one, list(forecaster.future_covariates_),
                                        past=forecaster.past_covariates_, static=forecaster.static_covariates_,
                                        targets=1 if forecaster.layout_ == "wide" else len(forecaster.targets_),
                                        scored=scored)))
    diverged = divergence_text(forecaster)
    if diverged:
        below = "; the scores below are that epoch's" if scored else ""  # a page without scores: none below (2159)
        blocks.append(("hint", f"{diverged[0].upper()}{diverged[1:]}: its loss became NaN or infinite, so the run ended "
                               f"there and, as early stopping does, kept its best finished epoch{below}. A lower learning "
                               f"rate (now {forecaster.lr:g}) or gradient clipping (--grad-clip) may let it train further."))
    kept_untrained = kept(forecaster)
    if kept_untrained:
        advice = untrained_advice(forecaster.history_, None, forecaster.lr, training_note(forecaster.state_.later_rows),
                                  squeezed_note(forecaster.state_.squeezed))
        warned = [n["text"] for n in noticed or () if n["text"].startswith(UNTRAINED)]  # the fit's words, measured
        blocks.append(("hint", f"{warned[0][0].upper()}{warned[0][1:]}." if warned else
                               "No epoch improved on the untrained network's validation loss, so the model is the untrained "
                               f"network: it forecasts {forecast_text(forecaster.net_, forecaster.state_)}; "
                               f"{advice}."))
    blocks += noticed_blocks(noticed, said_elsewhere(mase=said is not None and bool(said.mase), untrained=kept_untrained,
                                                     diverged=bool(diverged), unused=forecaster.unused_columns_))
    for note in notes or []:
        blocks.append(("p", note))
    if said is not None and said.intervals:
        blocks.append(("p", said.intervals))
    if not finalfit.scores_nothing(metrics):  # a final fit without val_frac: none (decision 2117)
        each = [t for t in (metrics.get("test") or {}).get("by_target", {})]  # several targets: each in its own units too
        blocks.append(("h2", "Metrics (original units, the targets' mean)" if each else "Metrics (original units)"))
        blocks += [("p", note) for note in (said.unscored, said.mase) if note] if said is not None else []
        shown = [part for part in SPLITS if isinstance(metrics.get(part), dict)]
        for part in shown:  # each split's baselines' intervals, the validation rows' too (decision 1910)
            if note := bandcounts.note(metrics[part].get("original") or {}):
                blocks.append(("p", f"On {SPLITS[part]}, {note[0].lower()}{note[1:]}" if len(shown) > 1 else note))
        blocks += [("p", note) for note in [pooled_note(metrics.get("test") or {})] if note]  # a panel's few large series
        blocks += [("p", note) for note in split_notes(metrics, percent_note)]  # MAPE, sMAPE at zeros: each split shown
        blocks += [("p", note) for note in split_notes(metrics)]  # R² where undefined, of each split shown (val too)
        blocks += [("p", note) for note in [rmse_note(len(forecaster.targets_))] if note]  # several targets' RMSE
        season = forecaster.settings_.data.season
        blocks.append(("table", metric_rows(metrics, "original", season)))
        scored = [metrics[p][u] for p in SPLITS if isinstance(metrics.get(p), dict) for u in ("original", "scaled")
                  if isinstance(metrics[p].get(u), dict)]
        blocks += [("p", note) for note in [seasonalgaps.dash_note(scored, season)] if note]  # "-": decision 2029
        for target in each:
            blocks.append(("h2", f"Metrics of target {target!r} (its own units)"))
            blocks.append(("table", metric_rows({p: {**r, "original": r["by_target"][target], "scored": {  # its own
                **(r.get("scored") or {}), "windows_scored": targetwindows.windows((r.get("target_windows") or {}).get(
                    target, {}), r)[1]}} for p, r in metrics.items() if isinstance(r, dict) and "by_target" in r},
                "original", season)))  # windows scored (decision 2236)
        by = next((r["scaled_by"] for r in metrics.values() if isinstance(r, dict) and r.get("scaled_by")), None)
        if verdict_units(forecaster) == "original":  # one series' scaled table: these errors over one number, R², MASE alike
            curve = "" if by else ", the loss curve's,"  # scaler 'none': the curve is in original units, these in spreads
            blocks.append(("p", f"The same scores in {units_name(by)}{curve} are in metrics.json ('scaled'): for one "
                                "series they divide these errors by one number, so R² and MASE are the same."))
        else:  # a panel's or several targets': each series in its own scale, the units the verdict weighs
            blocks.append(("h2", f"Metrics ({units_name(by)})"))
            if by == SCALED_BY["spread"]:  # scaler 'none': nothing scaled them, so this table divides by each series' spread
                blocks.append(("p", "No scaler scaled these series, so each one's values are divided by the standard "
                                    "deviation of its training rows: the scale the verdict weighs errors in."))
            blocks.append(("table", metric_rows(metrics, "scaled", season)))
    if steps := step_rows(metrics.get("test") or {}):  # the test scores by step ahead, a backtest's table (decision 2030)
        blocks += [("h2", "Metrics by step ahead (test split)"), ("p", f"{step_units(metrics['test'])}."), ("table", steps)]
    blocks += figures
    blocks.append(("h2", "Data and settings"))
    wide = forecaster.layout_ == "wide"
    facts = [["data", source or "(in memory)"],
             ["series (wide columns)" if wide else "target", ", ".join(map(str, forecaster.ids_ if wide else forecaster.targets_))],
             ["features", ", ".join(forecaster.features_) or "(none)"]]
    if forecaster.layout_ == "long":  # the columns every row is read by, as a backtest's page names them
        facts.append(["id column", settingrows.id_column(forecaster.state_.id_col)])  # a key's text: item_id,store_id
    facts.append(["time column", page_text(forecaster.time_col_, forecaster.state_.no_time_col)])
    if forecaster.calendar_.kind != "row":
        own = forecaster.state_.calendars  # {series id: Calendar} of series that keep their own
        facts.append(["calendars (differ by series)", by_series(forecaster.calendar_, own, list(forecaster.ids_),
                                                                given=forecaster.state_.given_ids)] if own
                     else ["calendar", forecaster.calendar_.shown])  # 'B' without NYSE holidays
    if forecaster.layout_ == "single":
        facts += splitrows.single_rows(forecaster)  # its row borders and dates
        if forecaster.static_covariates_:
            facts.append(["static covariates", static_text(forecaster, static_file)])
    else:
        skipped = skipped_as_given(forecaster.state_.skipped_series, forecaster.state_.given_ids)  # a key's readable
        facts += [["past / future-known covariates", f"{', '.join(forecaster.past_covariates_) or '(none)'} / "
                                                      f"{', '.join(forecaster.future_covariates_) or '(none)'}"],
                  ["static covariates", static_text(forecaster, static_file) or "(none)"],
                  *splitrows.panel_rows(forecaster),  # cut by fractions or at the cutoff, and the dates (decision 2126)
                  ["series left out at fit", f"{leftout.listed(skipped, len(skipped))}: {leftout.reason(skipped).removeprefix('were ')} "
                                             f"(each needs {leftout.needs(skipped)})" if skipped else "(none)"]]
    facts.append(["columns not used", ", ".join(forecaster.unused_columns_) or "(none)"])
    data_s = forecaster.settings_.data
    counts = [train_windows(forecaster.splits_, data_s.lookback, data_s.horizon)] + [
        _windows(metrics[part]) if metrics.get(part) else "-" for part in ("val", "test")]
    facts.append(["windows: train / validation / test", " / ".join(map(str, counts))])
    facts.append(["parameters", parameters_text(parameter_parts(forecaster.net_))])  # what its cell costs (decision 1700)
    facts.append(["training time", f"{forecaster.train_seconds_:.1f} s, {counted(len(forecaster.history_), 'epoch')}"
                  + (f" {draw}" if (draw := draw_text(forecaster)) else "")
                  + (f" ({diverged})" if diverged else "")])
    if forecaster.highway_start_ is not None:
        facts.append(["highway start", highway_start_text(forecaster.highway_start_,
                                                          "pinball" if forecaster.settings_.model.quantiles else forecaster.loss)])
    found = forecaster.calendar_.holidays if forecaster.settings_.data.holidays is None else None
    said = settingrows.notes(forecaster.get_params(), forecaster.future_covariates_, found)
    facts += settingrows.rows(forecaster.get_params(), said)
    blocks.append(("table", [["setting", "value"]] + facts))
    return blocks


def baseline_blocks(test: dict, units: str) -> list:
    """The model against each baseline on its own, as a table under the verdict (``verdicts.against_each``): whether it
    is beaten (a lower MSE at p < 0.05), the Diebold–Mariano p-value, how the model's MSE compares and the baseline's
    MSE in the verdict's ``units``. The verdict is that each is; a red verdict names one baseline, and the table shows the
    others the model may beat. Nothing where there is one baseline (the verdict is about it). A seasonal naive forecast
    that reads another time of day (``scored``'s ``seasonal_shifted``) says so beside whether it is beaten."""
    each = against_each(test, units)
    if len(each) < 2:
        return []
    mse = quoted(test, units)  # as the verdict and the table of scores write them (1230)
    shifted = (test.get("scored") or {}).get("seasonal_shifted")  # its forecast read other bars (decision 1787)
    off = (f" (its forecast reads another time of day in {shifted['windows']} of the {shifted['of']} windows)"
           if shifted else "")
    rows = [[baseline_name(e["name"]), _beaten(e) + (off if e["name"] == "seasonal" else ""), p_value_text(e["p"]),
             e["how"], mse(e["mse"])] for e in each]  # whether it is beaten first: what a phone shows without scrolling
    return [("table", [["baseline", "beaten (lower MSE, p < 0.05)", "Diebold–Mariano p (one-sided: that the model is not better)", "the model's MSE against the baseline's",
                        f"the baseline's MSE ({units} units)"]] + rows)]


def _beaten(e: dict) -> str:
    """Whether a baseline is beaten, in the table: "yes", "no", or where the model's MSE is lower but p >= 0.05 (or
    untested) "lower, not beyond chance" ("lower, untested"): no "no" over a third of the baseline's error."""
    if e["beaten"] or not e["lower"]:
        return "yes" if e["beaten"] else "no"
    return "lower, not beyond chance" if e["p"] == e["p"] else "lower, untested"


def p_value_text(p: float) -> str:
    """A p-value in a table: ``0.064``, ``7.3e-05``, ``> 0.99``, ``< 1e-16`` (never a 1 or 0 it is not:
    ``significance.p_number``), or "no test" where none could be made."""
    return "no test" if p != p else p_number(p)


# how the notes a page may say in its own words begin: the MASE note under the metrics, the hints that the model
# is the untrained network or that training diverged
NO_MASE_SCALE, UNTRAINED = "MASE has no in-sample scale", "no epoch improved on the untrained network"
DIVERGED = ("training diverged in epoch", "this run ended when training diverged")


def static_text(forecaster, static_file: str | None = None) -> str:
    """The static covariates a model reads, each categorical one marked, and where they came from when not from the
    data's columns: "size, region (categories), from the table static.csv" (``static_file``: --static FILE), or
    "..., from a table given to fit" (a DataFrame)."""
    encoder = forecaster.static_encoder_
    if encoder is None:
        return ""
    names = ", ".join([*encoder.numeric_names, *(f"{name} (categories)" for name in encoder.categorical_names)])
    if not forecaster.state_.static_table:
        return names
    return f"{names}, from the table {static_file}" if static_file else f"{names}, from a table given to fit"


def said_elsewhere(mase: bool = False, untrained: bool = False, diverged: bool = False,
                   unused: list[str] | tuple = ()) -> Callable[[str], bool]:
    """Whether a note is one a page says in its own words, from what that page says: a MASE note (``mase``), the
    hint that the model is the untrained network (``untrained``) or that training diverged (``diverged``), and the
    columns its "Data and settings" names as not used (``unused``: the note naming exactly those, and nothing
    more, such as that one looks like dates). A page that says none of them leaves no note out."""
    starts = (NO_MASE_SCALE,) * mase + (UNTRAINED,) * untrained + DIVERGED * diverged
    columns = f"not used: {', '.join(map(str, unused))} (to train on them, " if unused else None

    def said(text: str) -> bool:
        return text.startswith(starts) or (columns is not None and text.startswith(columns)
                                           and "; " not in text[len(columns):])
    return said


def noticed_blocks(noticed: list[dict] | None, said: Callable[[str], bool] = said_elsewhere()) -> list:
    """"What rnncast noticed": one item per warning or note logged, less those the page says in its own
    words (``said``, from ``said_elsewhere``); nothing when none is left."""
    items = [f"{'Warning' if n['level'] == 'warning' else 'Note'}: {n['text']}" for n in noticed or ()
             if not said(n["text"])]
    return [("h2", "What rnncast noticed"), ("list", items)] if items else []


def highway_start_text(start: dict, loss: str) -> str:
    """Where ``highway_start='least_squares'`` started the highway, from ``Forecaster.highway_start_``."""
    penalty, val, zero = start["penalty"], start["val_loss"], start["zero_val_loss"]
    if val is None:
        return f"the least-squares fit, penalty {penalty:g} (no validation windows: the smallest penalty)"
    if penalty is None:
        return f"zero: no least-squares fit beat it on validation ({loss} {zero:.5g}, scaled units)"
    val_text, zero_text = apart([val, zero], 5, "g")  # never two equal texts
    return f"the least-squares fit, penalty {penalty:g}: validation {loss} {val_text} against {zero_text} at zero (scaled units)"


def _windows(result: dict) -> str:
    """A part's windows as its scores count them: "27 scored of 38" when fill left some out; "27 scored of 31 (4
    without a season of steps before them)" where a season longer than the lookback left some out, so the validation
    row counts the windows early stopping read (its loss curve's) beside those scored (decision 1857)."""
    scored = (result.get("scored") or {}).get("windows_scored")
    season = (result.get("scored") or {}).get("season_left_out")
    if season:
        return (f"{result['windows'] if scored is None else scored} scored of {season['of']} ({season['windows']} "
                "without a season of steps before them)")  # calendar steps (decision 2028)
    return str(result["windows"]) if scored is None or scored == result["windows"] else f"{scored} scored of {result['windows']}"


def _intervals(scores: dict) -> str:
    """What a baseline's pinball loss and coverage rest on where it is fewer windows than its point scores (its
    ``bandcounts.KEY``, decision 1876): " (intervals: 42)" windows, " (intervals: 160 of 188 values)" where every window
    keeps some; "" where they rest on all, or on none (its cells "-") (t37t1 7, decision 1993)."""
    left = scores.get(bandcounts.KEY) if isinstance(scores, dict) else None
    if not left or left["values"] >= left["of"]:
        return ""
    if left["windows"]:
        return f" (intervals: {left['of_windows'] - left['windows']})"
    return f" (intervals: {left['of'] - left['values']} of {left['of']} values)"


def metric_rows(metrics: dict, units: str, season: int = 1) -> list[list[str]]:
    """A run's scores in ``units`` (original | scaled) as a table, MASE headed with its season as fit's
    terminal table heads it (``cli.commands.score_tables``), then every other score the part holds
    (metrics.json's: sMAPE and MAPE in original units, a quantile model's pinball loss and coverage), each
    column in one notation (``scoretext.score_texts``)."""
    r2 = "R² (series mean)" if any("r2_by_series" in r for r in metrics.values() if isinstance(r, dict)) else "R²"
    heads = {"r2": r2, "mase": f"MASE (season {season})" if season > 1 else "MASE"}
    parts = [(part, result) for part, result in metrics.items() if part in ("val", "test") and isinstance(result, dict)]
    names = list(METRIC_NAMES) + [k for k in _more(r[units] for _, r in parts) if k not in METRIC_NAMES]
    labels = [[part, row_label(name), _windows(result) + _intervals(scores)] for part, result in parts
              for name, scores in result[units].items()]
    scores = [s for _, result in parts for s in result[units].values()]
    models = [result[units]["model"] for _, result in parts for _ in result[units]]  # "-": what the model has (decision 1814)
    return [["split", "forecaster", "windows"] + [heads.get(m, column_head(m)) for m in names]] + with_columns(
        labels, scores, names, models)


METRIC_NAMES = ("mse", "mae", "rmse", "r2", "mase")  # every table's; then those a part holds (``_more``)
MORE = ("smape_pct", "mape_pct", "pinball", "wql")  # in this order, then coverage_*, then msis_* (decision 2036)


def _more(blocks) -> list[str]:
    """The scores beyond ``METRIC_NAMES`` that any forecaster of ``blocks`` holds, in ``MORE``'s order, then the
    coverages, then the MSIS of each interval, widest first (``scoretext.interval_keys``' order, decision 2068)."""
    held = {k: None for block in blocks for scores in block.values() for k in scores}
    return [k for k in MORE if k in held] + [k for k in interval_keys(held) if k.startswith(("coverage_", "msis_"))]
