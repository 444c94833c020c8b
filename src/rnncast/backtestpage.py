"""A backtest's page, its tables: one row per window and forecaster with the overall rows (``backtest_rows``; the
page puts the overall rows first, ``overall_first``), the units they are in (``backtest_units``, the page's heading
and the terminal's title alike), the "Data and settings" read from its config.json (``backtest_facts``), and the
paragraph naming the series it left out (``left_out``).
``backtestfolder.write_backtest`` lays them out with ``reportpage``'s blocks.
"""

from __future__ import annotations

from collections import Counter

from rnncast import leftout, seasonalgaps, settingrows
from rnncast.baselines import row_label
from rnncast.pooledunits import held
from rnncast.scoretext import column_head, interval_keys, with_columns
from rnncast.calendarsteps import text as step_text
from rnncast.spreads import units_name
from rnncast.toldtime import page_text
from rnncast.spelling import some

BACKTEST_METRICS = ("mae", "rmse", "mase", "smape_pct")
LEFT_OUT = {True: "a row missing"}  # a window's ``left_out`` as metrics.json before 2026-12 wrote it: every series lacks
# its cutoff's row (calendarcuts); now the reason itself (``backtestwindows.window_scores``)
SHORT_REASONS = {leftout.SHORT: "too short", leftout.BACKTEST: "too short",  # reasons, short (an older run's too)
                 **dict.fromkeys(leftout.CUTS, "too few rows at the cutoff")}  # each lack (decision 1933)
SCALED_MSE = "mse_scaled"  # a row's MSE in the verdict's scaled units, beside its original one (decision 2099)
WINDOW_KEYS = ("window", "first_step", "scaled", "left_out", "mase_scales", "mase_pairs")  # a window's entry: these, then one score block per forecaster


def backtest_rows(m: dict) -> list[list[str]]:
    """One row per window and forecaster, then the overall rows; a window that keeps no scored value is one row saying
    why ("left out: inputs filled from later rows"), not a row of nan per forecaster; a window is named with its first
    forecast step (the earliest to the latest over the series). MSE is in original units, as the by-step table's and
    every other score's are; where the verdict weighs MSE in scaled units (``verdict_units``: many series or several
    targets) "MSE (scaled)" follows it, the number the verdict weighs (decision 2099; ``backtest_units`` says so above
    the table, on the terminal as on the page)."""
    scaled = m.get("verdict_units") == "scaled"
    extra = interval_keys(m["overall"]["model"])  # pinball, wql, coverage_*, msis_* (decision 2036)
    entries = [(f"{w['window']}" + (f" ({d})" if d else ""), w, w.get("scaled"))
               for w, d in zip(m["windows"], window_dates(m["windows"]))] + [
        ("overall", m["overall"], m.get("overall_scaled"))] + [
        (f"overall, target {name!r}", each["original"], each["scaled"])  # several targets: each in its own units
        for name, each in (m.get("overall_by_target") or {}).items()]
    labels, scores, models = [], [], []  # models: each row's model's scores, "-" where a baseline lacks one of them
    for label, block, in_scaled in entries:
        if block.get("left_out"):  # no scored value: one row saying why, not a row of nan per forecaster
            labels.append([label, f"left out: {LEFT_OUT.get(block['left_out'], block['left_out'])}"])
            scores.append({})
            models.append({})
            continue
        mine = lambda name: {SCALED_MSE: (in_scaled or {}).get(name, {}).get("mse")} if scaled else {}  # noqa: E731
        for name in ["model"] + [k for k in block if k not in ("model",) + WINDOW_KEYS]:
            labels.append([label, row_label(name)])
            scores.append({**block[name], **mine(name)})
            models.append({**block["model"], **mine("model")})
    head = (["window (first forecast step)", "forecaster", "MSE", *([scaled_head(m)] if scaled else [])]
            + [f"MASE (season {m['season']})" if n == "mase" and (m.get("season") or 1) > 1 else column_head(n)
               for n in BACKTEST_METRICS + tuple(extra)])  # as fit's and evaluate's tables head it
    return [head] + with_columns(labels, scores, ["mse", *([SCALED_MSE] if scaled else []), *BACKTEST_METRICS, *extra],
                                 models)  # "-": decision 1814


def dashed(m: dict, windows: bool = True) -> str | None:
    """The footnote of ``backtest_rows``' "-" where the seasonal naive has no forecast at any value (overall, or of a
    window: ``seasonalgaps.dash_note``, decision 2029); None where it has one everywhere; ``windows`` False: the
    overall row's alone, where the windows' rows are not shown (the terminal above ``MANY_CUTOFFS``, decision 2080)."""
    return seasonalgaps.dash_note([m["overall"]], m.get("season")) or (seasonalgaps.dash_note(
        [w for w in m["windows"] if not w.get("left_out")], m.get("season"), windows=True) if windows else None)


def overall_first(rows: list[list[str]]) -> tuple[list[list[str]], list[list[str]]]:
    """``backtest_rows``' table split as the page lays it out (decision 1603): the overall rows, under the heading
    "Metrics overall", with no first column where it would say "overall" on every row; of several targets it is
    "target", "all (their mean)" or the target's name (decision 1656); then the per-window rows under the table's own
    head. Each column keeps the notation of the whole table, so a score reads alike in both."""
    head, *body = rows
    overall = [str(row[0]).startswith("overall") for row in body]  # a window's label begins with its number
    kept = [row for row, o in zip(body, overall) if o]
    each = [head] + [row for row, o in zip(body, overall) if not o]
    if all(row[0] == "overall" for row in kept):  # one target: a column of "overall" said nothing (a newcomer read
        return [head[1:]] + [row[1:] for row in kept], each  # "windows" as a count)
    return ([["target", *head[1:]]] + [["all (their mean)" if row[0] == "overall" else row[0].removeprefix(
        "overall, target "), *row[1:]] for row in kept], each)


def scaled_head(m: dict) -> str:
    """The head of ``backtest_rows``' column of the MSE the verdict weighs, beside the original one: "MSE (scaled)",
    "MSE (training-spread units)" under ``scaler='none'`` (``spreads.units_name``)."""
    return "MSE ({})".format({"scaled units": "scaled", "training-spread units": "training-spread units"}.get(
        units_name(m.get("scaled_by")), "original"))


def backtest_units(m: dict) -> str:
    """The units of a backtest's table (``backtest_rows``), its heading on the page and its title on the terminal."""
    errors = "MAE, RMSE" + (", pinball" if "pinball" in m["overall"]["model"] else "")
    name = units_name(m.get("scaled_by"))
    spread = " (each series divided by its training rows' standard deviation)" if name == "training-spread units" else ""
    few = m.get("pooled")  # a panel's few large series (pooledunits.measure): its original units are mostly theirs
    pooling = (f", pooling the series in their own units: {held(few, both='pinball' in m['overall']['model'])}"
               if few else "")  # as the interval line says it (runnotes.interval_text)
    units = f"MSE, {errors} in original units{pooling}" + (
        f"; {scaled_head(m)} in {name}{spread}, as the verdict weighs it" if m["verdict_units"] == "scaled" else "")
    if m.get("overall_by_target"):  # several targets: a row's original units are the targets' mean, but for its own
        units += " (the targets' mean, except in a target's own rows)"
    share = "; coverage: the share of values inside the interval" if any(
        k.startswith("coverage_") for k in m["overall"]["model"]) else ""
    free = "MASE, sMAPE, wQL and MSIS" if "wql" in m["overall"]["model"] else "MASE and sMAPE"  # no units (decision 2036)
    return f"{units}; {free} compare across scales{share}"


def backtest_facts(config: dict, m: dict) -> list[list[str]]:
    """The "Data and settings" table of a backtest, read from its config.json (``backtestfolder.write_backtest``):
    the data and the columns each role took, those none took (decision 116), the cutoffs, every setting."""
    data, run = config["data"], config["run"]
    names = lambda key: ", ".join(map(str, run.get(key) or [])) or "(none)"  # noqa: E731
    wide = run.get("layout") == "wide"
    facts = [["data", data.get("source") or "(in memory)"],
             ["series (wide columns)" if wide else "target", names("target")],
             ["id column", settingrows.id_column(run["id_col"]) if run.get("id_col") else
              ("(none: each series is a column)" if wide else "(none: one series)")],
             ["time column", page_text(run.get("time_col"), run.get("time_col") is False)]]
    if m.get("calendar"):
        facts.append(["calendar", m["calendar"]])
    facts += [["past / future-known covariates", f"{names('past_covariates')} / {names('future_covariates')}"],
              ["static covariates", names("static_covariates") + (
                  f", the values the model of {data.get('from_run')} holds" if data.get("static_held") else
                  f", from the table {data['static']}" if data.get("static") else "")],
              ["columns not used", names("not_used")],
              ["series", ", ".join([f"{m['series']} backtested", *skipped(m["skipped_series"])])],
              ["cutoffs", f"{m['n_windows']}, {step_text(m)} apart"
                          + (", refit at each" if m["refit"] else ", one model trained up to the first cutoff")]]
    # test_frac is fit's: a backtest's windows are its cutoffs' (the page listed 0.2 that nothing used; a tester's find)
    found = (run.get("calendar") or {}).get("holidays")
    facts += settingrows.rows(config["settings"], settingrows.notes(config["settings"], run.get("future_covariates"), found),
                              leave=("test_frac",))
    return [["setting", "value"]] + facts


def skipped(records: list[dict]) -> list[str]:
    """The series a backtest left out (metrics.json's ``skipped_series``), counted by reason in the order met:
    ``["1 too short", "1 left out by the fit"]`` (decision 1568: every record was "too short", the series the fit left
    out too); the page's paragraph says each reason in full."""
    counts = Counter(SHORT_REASONS.get(r["reason"], r["reason"].split(",")[0]) for r in leftout.reasoned(records))
    return [f"{n} {reason}" for reason, n in counts.items()]


NAMED = 10  # the series the page's paragraph names of each reason, as the warning names them; metrics.json holds all


def left_out(records: list[dict]) -> str:
    """The page's paragraph of the series a backtest left out (metrics.json's ``skipped_series``), each by its own
    reason (``leftout``): too short, or too few rows up to a cutoff given or after it (a delisted ticker's 690 rows,
    none after the cutoff, read "690 rows, needs 99", as if too short); the first ``NAMED`` of each and a count, with
    where every one is (an M4 panel's thousands too short were pages of names: decision 1708)."""
    records = leftout.reasoned(records)
    short = [d for d in records if d["reason"] in leftout.SHORTS]  # this backtest's words, or an older run's
    cut = [d for d in records if d["reason"] in leftout.CUTS]
    held = [d for d in records if d["reason"] not in (*leftout.SHORTS, *leftout.CUTS)]  # heldrows.NO_STATIC
    each = [f"{d['id']} ({d['rows']} rows, needs {d['needed']})" for d in short[:NAMED]]
    said = [f"Too short to backtest, left out: {some(each, NAMED, total=len(short))}."] if short else []
    if cut:
        said.append(f"Too few rows up to the cutoff or after it, left out: {leftout.listed(cut, NAMED)}.")
    if held:  # decision 1524
        names = [str(d["id"]) for d in held[:NAMED]]
        said.append(f"Left out by the fit, so without the static covariates the model holds: "
                    f"{some(names, NAMED, total=len(held))}.")
    if max(len(short), len(cut), len(held)) > NAMED:
        said.append(f"All {len(records)}, each with its rows and reason, are in metrics.json's skipped_series.")
    return " ".join(said)


def window_dates(windows: list[dict]) -> list[str | None]:
    """Each window's first forecast step as its row of the table names it: ``2023-11-06``, or ``2023-11-06 to
    2023-11-20`` when the series start it apart (``None``: none recorded); its times as the run wrote them, every
    window's in one form: a midnight's `` 00:00:00`` dropped only where every window's time is a midnight (days, a run
    that wrote them so), never one window's of hourly data (``2024-10-27``). A whole-number axis: its numbers."""
    spans = [w.get("first_step") for w in windows]
    days = all(t.endswith((" 00:00:00", "T00:00:00")) for span in spans if isinstance(span, (list, tuple)) for t in span
               if isinstance(t, str))
    shown = []
    for span in spans:
        if not isinstance(span, (list, tuple)) or len(span) != 2:
            shown.append(None)
            continue
        first, last = (str(t).removesuffix("T00:00:00").removesuffix(" 00:00:00") if days else str(t) for t in span)
        shown.append(f"{first}{'' if first == last else ' to ' + last}")
    return shown


def seconds_said(seconds: dict) -> str:
    """"training 6.7 s (42.4 s in all to make the models: their windows, scalers, baselines and any quantile head's
    start besides), forecasting 0.52 s":
    a backtest's wall times (``Backtest.metrics["seconds"]``), its "training" the loops alone as fit's "trained ... in"
    counts them, and all the models' making beside it (decision 1970); a result saved before ``train`` was kept says
    "making the models" of its ``fit``."""
    if "train" not in seconds:
        return f"making the models {seconds['fit']:.1f} s, forecasting {seconds['predict']:.2f} s"
    return (f"training {seconds['train']:.1f} s ({seconds['fit']:.1f} s in all to make the models: their windows, "
            f"scalers, baselines and any quantile head's start besides), forecasting {seconds['predict']:.2f} s")
