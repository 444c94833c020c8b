"""A backtest's folder: ``forecasts.csv``, ``config.json``, ``metrics.json``, ``by_step.csv`` (the scores by step
ahead, ``stepbins``), ``backtest.png`` and ``report.html``.

Its config.json has a run's shape (``report.config_record``); its figure is drawn first, so that the names no font
draws are in its notes, and a figure that fails to draw is warned of and left out, the tables written
(``figurefaults``, decision 1819).
"""

from __future__ import annotations

from pathlib import Path

from rnncast import bandcounts, figurefaults, files, formatversions, plots, seasonalgaps, targetrows
from rnncast.backtestpage import (backtest_facts, backtest_rows, backtest_units, dashed, left_out, overall_first,
                                  seconds_said)
from rnncast.backtestplot import backtest_drawn
from rnncast.backtestverdict import backtest_test
from rnncast.calendarsteps import text as step_text
from rnncast.csvtext import write_csv
from rnncast.noticed import capture, merged
from rnncast.pagehtml import figure_alt, html_page
from rnncast.report import config_record, environment
from rnncast.reportpage import baseline_blocks, noticed_blocks, said_elsewhere
from rnncast.serieskeys import json_result, skipped_json
from rnncast.stepbins import step_frame, step_rows, step_units
from rnncast.spelling import counted


def write_backtest(out_dir, result, params: dict, source: str = "", request: dict | None = None,
                   noticed: list[dict] | None = None) -> None:
    """``forecasts.csv``, ``config.json``, ``metrics.json``, ``by_step.csv``, ``backtest.png`` and ``report.html`` of a
    backtest, forecasts.csv first (its name tells the folder a backtest's, ``files.output_kinds``). The page
    opens with the verdict over every window and its hints (``readout.backtest_said``), as a run's does, then what
    rnncast noticed and the metrics, and ends with the data and settings (``reportpage.backtest_facts``).

    config.json has a run's shape (``config_record``: ``settings``, ``data``, ``paths``; ``fingerprint``
    None) with ``backtest`` (how its cutoffs were set: n_windows, step, refit; the cutoffs are forecasts.csv's),
    ``seconds`` (the wall times of fitting and forecasting, kept out of metrics.json: decision 1627)
    and ``run`` (the columns each role took, and those none took);
    ``noticed``: the warnings and notes logged while it ran (``noticed.capture``), metrics.json's ``notes``."""
    out_dir = Path(out_dir)
    m, panel = result.metrics, result.panel
    with capture() as drawn:  # names no font draws, said once (plots.png_bytes) and kept in the notes; a figure
        picture = figurefaults.drawn("backtest.png", lambda: _picture(result))  # that fails: warned of, the tables kept
    noticed = merged(noticed, drawn)
    rows, png = (picture[0], picture[1][1]) if picture is not None else (0, None)  # the targets drawn, by its rows
    wide = panel.layout == "wide"  # its 'y' and 'unique_id' are rnncast's long rows' names, not the table's
    parts = panel.key.parts if panel.key is not None else None  # a key of several: its series by its columns
    config = {**config_record(out_dir, params, request, source=source, key_parts=parts),
              "backtest": {"n_windows": m["n_windows"], "step": m.get("step_span", m["step"]), "refit": m["refit"]},
              "run": {"target": [str(i) for i in panel.given_ids] if wide else panel.targets,  # a wide table's: its
                      "past_covariates": panel.past, "future_covariates": panel.future,  # columns, as fit's run says
                      "static_covariates": panel.static.names if panel.static is not None else [],
                      "not_used": list(panel.unused), "time_col": False if panel.told_none else panel.time_col, "calendar": panel.calendar.state(),
                      "id_col": None if wide else (parts or panel.id_col), "layout": panel.layout},  # a key's: a list
              "environment": environment(params.get("threads", 0)),
              "seconds": m["seconds"]}  # wall times: here, so that metrics.json compares equal across repeats (decision 1627)
    write_csv(out_dir / "forecasts.csv", result.forecasts)
    files.write_json(out_dir / "config.json", config)
    files.write_json(out_dir / "metrics.json", {"format_version": formatversions.METRICS, **{k: v for k, v in m.items() if k != "seconds"}, "skipped_series": skipped_json(m["skipped_series"], parts, panel.key),
                                                "by_series": json_result({"series": m["by_series"]}, parts, panel.key)["series"],  # a key's: by its columns
                                                **result.said.fields,  # the verdicts as its sentence gives them
                                                # over every window (decisions 1878, 1958): no model_kept, none is kept
                                                "settings": config["settings"], "source": source, "notes": noticed,
                                                "environment": {k: v for k, v in config["environment"].items() if k != "command_line"}})
    steps = step_frame(m["by_step"])  # Prophet's performance_metrics (decision 2002), in forecasts.csv's dialect
    steps.attrs.update({k: v for k, v in result.forecasts.attrs.items() if k == "csv_dialect"})
    write_csv(out_dir / "by_step.csv", steps, what="scores")
    if png is not None:
        files.write_bytes(out_dir / "backtest.png", png)
    how = "a fresh model and scalers trained up to each cutoff" if m["refit"] else (
        "one model trained on the rows up to each series' first cutoff, every window forecast in one batched pass")
    said = result.said  # the result's own words (its verdict, notes, hints), by piece
    own_words = said_elsewhere(mase=bool(said.mase), unused=config["run"]["not_used"])  # what this page says itself
    blocks = [("verdict", said.good, said.verdict, said.unproven), *baseline_blocks(backtest_test(m), m["verdict_units"]),
              *([("p", said.targets)] if said.targets else []),  # the targets a pooled verdict rests on
              *[("hint", hint) for hint in said.hints],
              *noticed_blocks(noticed, own_words),
              ("p", f"{m['series']} series, {counted(m['n_windows'], 'cutoff')} {step_text(m)} apart "
                    f"{_counted_from(m)}, horizon {m['horizon']}: {how}. {_first_up(seconds_said(m['seconds']))}.")]
    blocks += [("p", note) for note in (said.intervals, said.bands, said.unscored, said.series, said.mase, said.percent)
               if note]
    if m["skipped_series"]:
        blocks.append(("p", left_out(m["skipped_series"])))
    of = targetrows.caption(panel.targets if not wide else [], rows, "forecasts.csv") if picture is not None else ""
    overall, each = overall_first(backtest_rows(m))  # the overall rows first, above 500 windows' 2,000 (decision 1603)
    dash = dashed(m)  # the seasonal naive's "-": under the overall table where it is there, else under the windows'
    high = len(each) <= 1 or seasonalgaps.gone(m["overall"].get("seasonal"))
    blocks += [("h2", "Metrics overall"), ("p", f"{backtest_units(m)[0].upper()}{backtest_units(m)[1:]}."),
               ("table", overall), *[("p", note) for note in [dash] if note and high],  # "-": decision 2029
               *[("p", few) for few in [bandcounts.rests(m["overall"])] if few],  # decision 2139
               *([("h2", "Metrics by step ahead"), ("p", f"{step_units(m)}."),  # decision 2002
                                      ("table", step_rows(m))] if step_rows(m) else []),
               *([("h2", "Metrics per window"), ("table", each)] if len(each) > 1 else []),
               *[("p", note) for note in [dash] if note and not high],  # under the windows' "-" it speaks of
               ("h2", f"Forecasts at each cutoff{of}"),
               figurefaults.block("backtest.png", picture and picture[1]),
               ("h2", "Data and settings"), ("table", backtest_facts(config, m))]
    files.write_text(out_dir / "report.html", html_page(f"rnncast backtest: {source or 'data in memory'}", blocks,
                                                          m.get("season")))


def _counted_from(m: dict) -> str:
    """Where a backtest's cutoffs were counted from: the cutoff given, on, or each series' end, back."""
    if m.get("cutoff"):
        return (f"from the cutoff {m['cutoff']} on (each series' steps on its own calendar)" if m["series"] > 1
                else f"from the cutoff {m['cutoff']} on")
    return "counted back from each series' end" if m["series"] > 1 else "counted back from the series' end"


def _picture(result) -> tuple[int, tuple]:
    """backtest.png of ``result``: how many targets it draws, and its page block (``("img", png, alt, "", name)``)."""
    figure, rows = backtest_drawn(result)
    of = targetrows.caption(result.panel.targets if result.panel.layout != "wide" else [], rows, "forecasts.csv")
    alt = figure_alt(figure, f"Actual values and the forecast of every backtest window{of.replace(', a row each', '')}")
    return rows, ("img", plots.png_bytes(figure), alt, "", "backtest.png")


def _first_up(text: str) -> str:
    """``text`` with its first letter a capital, the rest as written (``str.capitalize`` lowercases a unit or a name
    after it: decision 2019)."""
    return text[:1].upper() + text[1:]
