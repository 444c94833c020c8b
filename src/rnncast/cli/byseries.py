"""``rnncast evaluate --by-series``: each series' scores, as ``Forecaster.evaluate(by_series=True)`` computes them
(``result["series"]``, each series in its own original units), as a table a person reads and one a spreadsheet reads.

A retail panel of 1,000 stores is no terminal table: the terminal shows every series of a panel of at most ``SHOWN``,
else the ``FEW`` whose model MASE is highest and the ``FEW`` whose is lowest (MASE has no units, so stores of any size
rank together; a series without a MASE (no in-sample naive error, ``zeroscales``) ranks last), each with the baseline that
does best on it (lowest MSE); ``--by-series-csv FILE`` writes every series, one row each, every score of the model
and of each baseline, to sort and filter in a spreadsheet."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from rnncast import bandcounts, calibration, leftout, scalepairs, seasonalgaps, seasonrows, seriestests, targetwindows, zeroscales
from rnncast.baselines import row_label
from rnncast.cli import seriesintervals
from rnncast.scoretext import table
from rnncast.outputs import check_output_file, exists_text
from rnncast.scoretext import id_cell, scored_column

SHOWN = 20  # a panel of at most this many series is shown whole on the terminal
FEW = 5  # else the series with the highest model MASE, and as many with the lowest
METRICS = ("mse", "mae", "rmse", "r2", "mase")  # the terminal's columns, the pooled tables' (cli/commands.score_tables)
HEADER = ("series", "windows", "best_baseline", "model_mse")  # the first columns of the file: how a file of ours is told
DIGITS = 6  # significant digits of each score in the file (decision 653): a spreadsheet's, not float64's 17
SUFFIXES = (".csv", ".tsv")
PAIR = "model on its values"  # the terminal's row of the model's scores on the values its baseline has (decision 2010)


def best_baseline(scores: dict) -> str | None:
    """The key of the baseline with the lowest MSE in one series' ``scores`` (``{"windows", "model", baseline: {...}}``)
    against the model's on the same values (``seasonalgaps.ratio``: the seasonal naive's on the values it has a
    forecast for, decision 2010), the first of equals; None where no baseline has a finite MSE."""
    finite = [(seasonalgaps.ratio(scores, key), n, key) for n, (key, block) in enumerate(scores.items())
              if isinstance(block, dict) and key not in ("model", "by_target") and math.isfinite(block["mse"])]
    return min(finite)[2] if finite else None


def ranked(series: dict) -> list:
    """The keys of ``series`` (``result["series"]``), highest model MASE first, those without one (NaN) last,
    in their order among equals."""
    return sorted(series, key=lambda key: (0, -series[key]["model"]["mase"]) if _finite_mase(series[key]) else (1, 0.0))


def _finite_mase(scores: dict) -> bool:
    value = scores["model"].get("mase")
    return value is not None and math.isfinite(value)


def series_frame(result: dict, id_name: str | None = None) -> pd.DataFrame:
    """Every series of ``result["series"]`` one row, highest model MASE first (``ranked``): its id as given (headed
    ``id_name``, the data's id column, else ``series``), ``windows`` (forecast), ``windows_scored`` (those that keep a
    scored value, where fill left any out: evaluate's ``windows_scored``; a target's row its target's, decision 2236), ``best_baseline`` (its key, as metrics.json
    names baselines: repeat, mean, seasonal), then ``<forecaster>_<score>`` for the model and each baseline
    (``model_mse``, ``repeat_mae``, ``mean_mase`` ..., sMAPE and MAPE in percent as ``model_smape_pct``, a quantile
    model's pinball loss, wQL, coverage, a fraction, and MSIS, widest interval first as ``metrics.quantile_scores``
    keeps them, and ``model_below_0.9``, the share at or below each level that ends no interval,
    ``calibration.unpaired``), in the series' original units, each to ``DIGITS`` significant
    digits, then ``dm_p_holm_<baseline>``, the series' Diebold–Mariano p over all its targets, Holm-adjusted over
    the series (``seriestests``, decision 2241), then ``mase_pairs``, the pairs of training values its MASE scale rests on (``scalepairs``; absent for a
    model saved before they were kept). With several targets a row per series and target, headed ``target`` after the id, each score that target's
    in its own units (a series' pooled row averaged sales² with visits² in one MSE); the series in order of their MASE
    over every target, each target's row in turn. The series fit left out (``result["scored"]["not_trained"]``), those
    whose every window was left out for the season (``season_left_out``'s ``emptied``), or a backtest left out
    (``result["skipped_series"]``, its metrics'), follow, each a row without scores and a last
    column ``not_scored`` saying why (``not_scored``); a scored series without a model MASE says why there too ("MASE
    undefined: rows before the cutoff never change ...", from ``result["mase_excluded"]``). Raises KeyError without ``result["series"]`` (``evaluate(by_series=
    True)`` gives it)."""
    rows, counted = [], "windows_scored" in result or any(  # a target's own windows (decision 2236)
        "windows_scored" in b for w in result["series"].values() for b in [w, *(w.get("by_target") or {}).values()])
    for key in ranked(result["series"]):
        whole = result["series"][key]
        for target, scores in (whole["by_target"].items() if "by_target" in whole else [(None, whole)]):
            total, kept = targetwindows.windows(scores, whole)
            row = {id_name or "series": key, **({"target": target} if target is not None else {}), "windows": total,
                   **({"windows_scored": kept} if counted else {}), "best_baseline": best_baseline(scores)}
            for name, block in scores.items():
                if isinstance(block, dict) and name != "by_target":
                    row.update({f"{name}_{metric}": _rounded(value)  # smape_pct: the score's own name (decision 669)
                                for metric, value in block.items() if not isinstance(value, dict)})
                    levels = block.get("by_level") or {}  # a level no interval checks: its share (decision 1892)
                    row.update({f"{name}_below_{level}": _rounded(levels[level]["below"])
                                for level in calibration.unpaired(levels)})
                    row.update({f"model_{k}_on_{name}": _rounded(v) for k, v in  # its pair (decision 2010)
                                seasonalgaps.paired_scores(scores, name).items() if not isinstance(v, dict)})
            row.update({k: _rounded(v) for k, v in whole.items() if k.startswith(seriestests.PREFIX)})  # 2241
            if scalepairs.KEY in scores:  # the pairs its MASE scale rests on (decision 2160)
                row[scalepairs.KEY] = scores[scalepairs.KEY]
            if not _finite_mase(scores) and (excluded := result.get("mase_excluded")):  # the page's reason, in the file
                row["not_scored"] = f"MASE undefined: {zeroscales.rows_said(excluded)}"  # as the run note says it
            if lacking := _no_interval(scores):  # why a baseline's pinball is blank, or of fewer values (decision 1911)
                row["not_scored"] = "; ".join(filter(None, [row.get("not_scored"), lacking]))
            rows.append(row)
    untrained = _untrained(result)
    for record in untrained:  # named in the file too, not only on the terminal: the file is what is handed on
        rows.append({id_name or "series": record["id"], "windows": 0, **({"windows_scored": 0} if counted else {}), "best_baseline": None, "not_scored": not_scored(record)})
    frame = pd.DataFrame(rows)
    if scalepairs.KEY in frame:  # a count, blank for a series not scored: 22, not 22.0 (decision 2220)
        frame[scalepairs.KEY] = frame[scalepairs.KEY].astype("Int64")
    return frame[[c for c in frame.columns if c != "not_scored"] + ["not_scored"]] if "not_scored" in frame else frame


def _no_interval(scores: dict) -> str | None:
    """What one series' ``scores`` leave out of a baseline's: the seasonal naive's point scores where it has no
    forecast (``seasonalgaps.briefly``, decision 1994), and each baseline's interval where it has none, every cause
    named (``bandcounts.briefly``, decisions 1876, 1996); None where none does."""
    said = [seasonalgaps.briefly(left) for block in scores.values()
            if isinstance(block, dict) and (left := block.get(seasonalgaps.KEY))]
    said += [bandcounts.briefly(name, left) for name, block in scores.items()
             if isinstance(block, dict) and (left := block.get(bandcounts.KEY))]
    return "; ".join(said) or None


def _untrained(result: dict) -> list[dict]:
    """The series left out of scoring: a backtest's (``result["skipped_series"]``, its metrics' records, each with its
    reason: decision 1704), else those fit left out, as what was scored names them (``forecasting.part_forecasts``'
    ``not_trained``)."""
    if "skipped_series" in result:
        return leftout.reasoned(result["skipped_series"], leftout.BACKTEST)
    return result.get("scored", {}).get("not_trained", {}).get("series", []) + seasonrows.emptied(result)


def not_scored(record: dict) -> str:
    """Why a series left out of scoring has no scores, its file row's ``not_scored``: a record of fit's (no ``reason``)
    "too short to train (12 rows at fit; needs 85 rows)"; a backtest's its own reason (``leftout.reasoned``) with its
    rows in the data, "too short for this backtest (30 rows; needs 177 rows)", "left out by the fit, no static
    covariates held (30 rows)" (needing no number of rows)."""
    if "reason" not in record:
        return (f"{leftout.reason([record]).removeprefix('were ')} ({leftout.rows(record)}; needs "
                f"{leftout.needs([record])})")
    have = leftout.rows(record) if "cutoff_rows" in record else f"{record['rows']} rows"
    need = f"; needs {leftout.needs([record])}" if "cutoff_needs" in record or record.get("needed") is not None else ""
    return f"{record['reason']} ({have}{need})"


def _rounded(value):
    return float(f"{value:.{DIGITS}g}") if isinstance(value, float) else value


def series_text(result: dict, file: str | None = None) -> str:
    """The terminal's table of ``result["series"]``: two rows a series, the model's and its best baseline's
    (``best_baseline``), MSE, MAE, RMSE, R² and MASE in the series' original units, and a quantile model's pinball
    loss, wQL, coverage and MSIS in the overall table's order (with the series whose widest interval is furthest off:
    ``seriesintervals``, decision 2096); every series up to ``SHOWN``,
    else the ``FEW`` with the highest and the lowest model MASE, with a line saying how many are left out and where
    they are (``file``: the CSV written, else the flag that writes one)."""
    series = result["series"]
    keys = ranked(series)
    shown = keys if len(keys) <= SHOWN else keys[:FEW] + [None] + keys[-FEW:]
    names = {key: _rows(series[key]) for key in shown if key is not None}
    picked = [(key, name) for key, each in names.items() for name in each]
    block = lambda key, name: (seasonalgaps.paired_scores(series[key], names[key][1]) if name == PAIR  # noqa: E731
                               else series[key][name])
    columns = {m: iter(scored_column(m, [block(key, name) for key, name in picked])) for m in METRICS}  # "-": decision 2029
    heads, cells = seriesintervals.columns(series, keys, [block(key, name) for key, name in picked],
                                           [series[key]["model"] for key, _ in picked])  # a quantile model's (decision 2096)
    cells = [iter(column) for column in cells]
    rows = []
    for key in shown:
        if key is None:
            rows.append([f"... {len(keys) - 2 * FEW} more", "", "", *[""] * (len(METRICS) + len(cells))])
            continue
        for n, name in enumerate(names[key]):
            first = [id_cell(key), _windows(series[key])] if n == 0 else ["", ""]  # once; a long id cut (decision 1924)
            label = seasonalgaps.pair_label(series[key], names[key][1]) if name == PAIR else row_label(name)
            rows.append([*first, label, *[next(columns[m]) for m in METRICS],
                         *[next(column) for column in cells]])  # one notation, "-" as fit's (decision 1854)
    order = "highest model MASE first" if len(keys) > 1 else "one series"
    targets = result.get("targets", 1)
    units = (f"its original units, each score the mean of its {targets} targets' and R² that of the targets whose "
             "values vary in it (each target's own: a row each in --by-series-csv, by_target in --json)"
             if targets > 1 else "its original units")
    below = "; ≤qL: the share of its values at or below its quantile at level L, a fraction" if any(
        h.startswith("≤q") for h in heads) else ""
    pair = (" against the model's on the same values; where it has no forecast at some values, the model's scores "
            "on the others below it" if any(PAIR in each for each in names.values()) else "")
    free = seriesintervals.unitless(heads)  # "wQL and MSIS have no units" where shown (decision 2083's words)
    head = f"each series ({units}{free}; {order}; beside the model, the baseline with the lowest MSE on it{pair}{below})"
    lines = [head, table(["series", "windows", "forecaster", "MSE", "MAE", "RMSE", "R²", "MASE", *heads], rows)]
    lines += seriesintervals.notes(series, keys)
    lines += [note] if (note := targetwindows.series_note(series, [k for k in shown if k is not None])) else []
    if len(keys) > SHOWN:
        where = f"every series is in {file}" if file else "--by-series-csv FILE writes every series"
        undefined = "" if all(_finite_mase(series[key]) for key in keys[-FEW:]) else ", those without a MASE last,"
        lines.append(f"{len(keys)} series: the {FEW} with the highest model MASE and the {FEW} with the lowest{undefined} "
                     f"are shown; {where}")
    return "\n".join(lines)


def _rows(scores: dict) -> list[str]:
    """The rows of one series in the table: the model, its best baseline, and the model on that baseline's values
    (``PAIR``) where it has no forecast at some (decision 2010)."""
    best = best_baseline(scores)
    return ["model"] + ([best] if best else []) + ([PAIR] if best and seasonalgaps.paired_scores(scores, best) else [])


def _windows(scores: dict) -> str:
    """A series' windows as the run's page counts a part's: "8", or "7 scored of 8" where fill left one out."""
    return targetwindows.text(scores.get("windows_scored"), scores["windows"])


def check_file(args, command: str = "evaluate") -> str | None:
    """evaluate's or backtest's (``command``) ``--by-series-csv`` (``args.by_series_csv``, None where not given),
    refused before the data is read as predict's ``--out`` is (``outputs.check_output_file``: never into a model or
    over an input, an existing file only with ``--overwrite`` and then only one such a command wrote, ending in .csv or
    .tsv); returns it."""
    if args.by_series_csv:
        check_output_file(args.by_series_csv, "--by-series-csv", "CSV", inputs=(args.data, args.static),
                          suffixes=SUFFIXES, overwrite=args.overwrite,
                          own=(f"a table rnncast {command} --by-series-csv wrote", series_refusal))
    return args.by_series_csv


def write_file(path, result: dict, dialect=None, id_name: str | None = None, overwrite: bool = False,
               key=None) -> str | None:
    """Write ``series_frame`` to ``path`` as predict writes its forecasts of a CSV file (``csvtext.write_csv``) in
    ``dialect``, that file's (``PartForecasts.dialect``: its separator and decimal mark, ``;`` and ``0,5`` for German
    Excel, and its byte-order mark; tab-separated where ``path`` ends in .tsv), its ids headed ``id_name`` (the data's
    id column), and return the line that says so; None, writing nothing, where ``path`` is None. Without ``overwrite``
    only as a new file: one another process wrote since ``check_file`` stays, refused as an existing file is. ``key``:
    the ``serieskeys.Key`` of ids of a key of several columns (item_id and store_id), written as those columns."""
    if not path:
        return None
    from rnncast.csvtext import dated, write_csv
    from rnncast.serieskeys import split

    frame = dated(split(series_frame(result, id_name), key), dialect=dialect)  # a key of several: its columns
    write_csv(path, frame, sep="\t" if Path(path).suffix.lower() == ".tsv" else None, what="the scores of each series",
              new=None if overwrite else exists_text(path, "--by-series-csv"))  # in pieces (decision 1601)
    seasonless = 0 if "skipped_series" in result else len(seasonrows.emptied(result))
    untrained = len(_untrained(result)) - seasonless
    who = "the backtest" if "skipped_series" in result else "fit"
    causes = ([f"{who} left {'it' if untrained == 1 else 'them'} out"] if untrained else []) + (
        ["no window with a season of steps before it"] if seasonless else [])
    beside = f" and {untrained + seasonless} not scored ({'; '.join(causes)})" if causes else ""
    targets = result.get("targets", 1)
    each = f", a row per series and target ({targets}), each in that target's units" if targets > 1 else ""
    return f"wrote the scores of {len(result['series'])} series{beside} to {path}{each}"


def series_refusal(path) -> str | None:
    """None where the file at ``path`` is a table ``series_csv`` wrote (headed ``HEADER``, its first column under any
    name: the data's id column; separated by ``,``, ``;`` or a tab as the data was) or empty, which ``--overwrite`` may
    replace; else what it appears to be, for ``outputs.check_output_file``'s refusal."""
    path = Path(path)
    try:
        with path.open("r", encoding="utf-8-sig", errors="replace") as handle:  # one written with the data's BOM too
            first = handle.readline().rstrip("\r\n")
            if first.startswith("sep="):  # Excel's line naming the separator, kept from the data: the header is next
                first = handle.readline().rstrip("\r\n")
    except OSError as err:
        return f"it cannot be read: {err.strerror or err}"
    if not first:
        return None
    if any(_ours(tuple(c for c in first.split(sep) if c != "windows_scored"))  # where fill left windows out
           for sep in (",", ";", "\t", "|")):
        return None
    return f"a file headed {first[:60]}"


def _ours(names: tuple) -> bool:
    """Whether ``names`` head our table: the id column (or the columns of a key of several, item_id and store_id:
    ``serieskeys``), then ``HEADER``'s others."""
    at = names.index(HEADER[1], 1) if HEADER[1] in names[1:] else 0
    return at > 0 and names[at: at + len(HEADER) - 1] == HEADER[1:]


def pointer(forecaster, out, data: str | None, static: str | None = None) -> list[str]:
    """fit's one line of advice, on a panel of several series, where each series' scores are: ``rnncast evaluate RUN
    DATA --by-series`` with the run folder ``out`` and the data file ``data`` (``--static FILE`` where one was read),
    as fit's tables pool the series (decision 2258); [] for one series or without a data file."""
    if len(forecaster.state_.ids) < 2 or not data:
        return []
    import shlex
    static_flag = f" --static {shlex.quote(str(static))}" if static else ""
    return [f"hint: the scores above pool the {len(forecaster.state_.ids)} series; each series' own, beside the "
            f"baselines': rnncast evaluate {shlex.quote(str(out))} {shlex.quote(str(data))}{static_flag} --by-series"]
