"""What each ``rnncast`` command but fit (``cli/fitting.py``), backtest (``cli/backtesting.py``), tune
(``cli/tuning.py``) and demo (``cli/demoing.py``) does, once its flags are parsed: read the request, call the library,
write the files, and hand the display what a person should see; and what fit and backtest share with them: the request
read from the flags, the score tables."""

from __future__ import annotations

import sys
from pathlib import Path

from rnncast.cli.display import advise
from rnncast.files import shown
from rnncast.scoretext import table
from rnncast.outputs import check_output_file, exists_text
from rnncast.config import setting_fields
from rnncast.errors import RnncastError
from rnncast.spelling import counted, hints


def run_predict(args) -> int:
    from rnncast.csvtext import csv_text
    from rnncast.forecaster import Forecaster
    from rnncast.replaceable import forecast_parquet, forecast_refusal

    forecaster = Forecaster.load(args.run_dir, device=getattr(args, "device", "cpu"))  # --device: cpu unless asked
    if args.out:  # refused before the data is read: never into a model, over a run's file or an input, or unasked,
        # and with --overwrite over a forecast alone, as predict writes them (replaceable)
        check_output_file(args.out, "--out", "CSV or Parquet", inputs=(args.data, args.future, args.static),
                          suffixes=(".csv", ".tsv", ".parquet"), overwrite=args.overwrite,
                          own=("a forecast rnncast predict wrote", lambda path: forecast_refusal(path, forecaster.state_)))
    with _threads(args), hints(static_covariates="--static", future="--future",  # a refusal names the flags, not keywords
                               future_roles="--future-covariates, or --features with --future-known at fit"):
        forecast = forecaster.predict(args.data, future=args.future, static_covariates=_statictable(args, forecaster))
    single = forecaster.layout_ == "single"  # one series: indexed by time; many: long format, no index
    new = exists_text(args.out, "--out") if args.out and not args.overwrite else None  # another's file since: kept
    if args.out and Path(args.out).suffix.lower() == ".parquet":
        from rnncast.files import write_bytes

        from rnncast.csvtext import DIALECT

        table = forecast.reset_index() if single else forecast
        table.attrs = {k: v for k, v in table.attrs.items() if k != DIALECT}  # a CSV's separators are no Parquet's
        from rnncast.parquettimes import source_types

        time = forecaster.time_col_  # written in the data's Parquet type, date32 as date32 (decision 2187)
        kept = source_types(args.data, [time]).get(time)
        types = {time: kept, "cutoff": kept} if kept is not None else {}
        write_bytes(args.out, forecast_parquet(table, types), new)  # marked as predict's, which --overwrite replaces
        print(f"wrote {counted(len(forecast), 'forecast step')} to {shown(args.out)}")
    elif args.out:  # written in pieces, as test_forecasts.csv (decisions 1560, 1601)
        from rnncast.csvtext import write_csv

        tabs = "\t" if Path(args.out).suffix.lower() == ".tsv" else None  # a .tsv file is tab-separated, whatever was read
        write_csv(args.out, forecast, index=single, sep=tabs, new=new)
        print(f"wrote {counted(len(forecast), 'forecast step')} to {shown(args.out)}")
    else:
        sys.stdout.write(csv_text(forecast, index=single))  # dates as the data wrote them (2016-02, not 2016-02-01 00:00:00)
    return 0


def run_evaluate(args) -> int:
    from rnncast.forecaster import Forecaster
    from rnncast.readout import evaluated, part_words, said
    from rnncast.verdicts import verdict_units

    forecaster = Forecaster.load(args.run_dir, device=getattr(args, "device", "cpu"))  # --device: cpu unless asked
    from rnncast.cli.byseries import check_file, series_text, write_file

    by_series = args.by_series or bool(check_file(args))  # --by-series-csv refused before the data is read
    from rnncast.scoringsaid import saying

    with _threads(args), hints(static_covariates="--static"), saying(args.part):  # many windows said (decision 1602)
        forecasts = forecaster.part_forecasts(args.data, part=args.part, static_covariates=_statictable(args, forecaster))
        result = evaluated(forecaster, forecasts, args.part, by_series)  # Forecaster.evaluate's, the forecasts kept
    wrote = write_file(args.by_series_csv, result, forecasts.dialect, forecaster.state_.id_col, args.overwrite,
                       forecasts.key)  # as the data file is written, a key of several as its columns
    if args.json:
        from rnncast import formatversions
        from rnncast.files import json_text

        from rnncast.serieskeys import json_result, of_model

        parts = of_model(forecaster.state_.id_col, forecaster.ids_)  # a key's series by its columns, {"item_id": "A", ..}
        named = {"id_col": forecaster.id_col_} if forecaster.id_col_ is not None else {}  # a key's: its list (1134)
        version = {"format_version": formatversions.EVALUATE}  # its first key, as metrics.json's (decision 2214)
        print(json_text({**version, **named, **json_result(result, parts, forecasts.key)}))  # --by-series: "series"
    else:
        print(f"{result['scored']['text']}; horizon {result['horizon']}")
        print(score_tables(result, forecaster.settings_.data.season, units=verdict_units(forecaster), where="--json's output",
                           steps="--json's by_step"))
    words = said(forecaster, result, *part_words(args.part, result))  # the result's own (readout.read_out), by piece
    each = series_text(result, args.by_series_csv) if by_series and not args.json else None  # before the advice
    for line in [] if args.json else [words.verdict, words.each, words.targets, words.r2, words.intervals, words.bands, words.diverged, each, wrote]:
        if line:  # what fill left out is the first line's, MASE's note the tables'
            print(line)
    for line in words.hints:
        advise(line)  # on stderr, --json's too: the advice last, as fit says it
    return 0


def score_tables(result: dict, season: int, what: str = "", units: str = "scaled", where: str = "metrics.json",
                 steps: str = "by_step.csv") -> str:
    """The original- and scaled-unit tables of one part's scores (``evaluation.evaluate``), MASE with
    its season, and how MASE treated series with a zero naive error; fit and evaluate print the same.
    ``units`` is the verdict's (``verdicts.verdict_units``): "original" (one series of one target)
    prints the original table alone with a line saying it is in ``where``, since there it only
    divides the errors by one number; "scaled" (a panel's, several targets') prints both. Last, where ``result`` has
    ``by_step`` over more than one step, "Metrics by step ahead" as a backtest prints it, each step's own in ``steps``
    (``stepbins.step_text``, decision 2030)."""
    from rnncast.stepbins import step_text
    from rnncast.baselines import row_label
    from rnncast.metrics import rmse_note
    from rnncast.pooledunits import note as pooled_note
    from rnncast.runnotes import mase_note
    from rnncast.scoretext import column_head, interval_keys, scored_column
    from rnncast.spreads import units_name

    mase = f"MASE (season {season})" if season > 1 else "MASE"
    tables = []
    r2 = "R² (series mean)" if "r2_by_series" in result else "R²"  # a panel's: each series' own, averaged

    def more(block: dict) -> list:  # a quantile model's pinball loss, wQL, coverages, MSIS; "-" in a row without them (1814)
        return interval_keys(block["model"])

    def rows(block: dict) -> list:  # one row per forecaster, each column in one notation
        beside = [block["model"]] * len(block)  # "-" where the model has a score the row lacks (decision 1814)
        columns = [scored_column(m, [*block.values()], beside) for m in ("mse", "mae", "rmse", "r2", "mase", *more(block))]
        return [[row_label(name)] + [column[i] for column in columns] for i, name in enumerate(block)]

    def heads(first: str, block: dict) -> list:
        return [first, "MSE", "MAE", "RMSE", r2, mase] + [column_head(k) for k in more(block)]

    for kind in ("original", "scaled") if units == "scaled" else ("original",):
        name = "original units" if kind == "original" else units_name(result.get("scaled_by"))
        if kind == "original" and result.get("by_target"):  # each target's units, averaged: the tables below split them
            name += ", the targets' mean"
        tables.append(table(heads(f"{what} ({name})" if what else name, result[kind]), rows(result[kind])))
    for target, block in (result.get("by_target") or {}).items():  # each target in its own units (decision 559)
        head = f"target {target!r} (its own units)"
        tables.append(table(heads(f"{what}, {head}" if what else head, block), rows(block)))
    by = result.get("scaled_by")  # scaler 'none': the loss curve is in original units, the scaled block in spreads
    curve = "" if by else " (the loss curve's)"
    one = (f"The same scores in {units_name(by)}{curve} are in {where}: for one series they divide these errors by "
           "one number, so R² and MASE are the same.") if units == "original" else None
    from rnncast.seasonalgaps import dash_note
    dashed = dash_note([result[k] for k in ("original", "scaled") if isinstance(result.get(k), dict)]
                       + list((result.get("by_target") or {}).values()), season, where)  # no forecast (decision 2029)
    from rnncast.bandcounts import rests
    notes = [note for note in (rests(result["original"]), dashed, pooled_note(result) if units == "scaled" else None, mase_note(result),
                               rmse_note(result.get("targets", 1)), one) if note]
    by_step = step_text({"mase_season": season, **result}, what, steps)  # none at horizon 1: the tables above
    return "\n".join(tables + notes + ([by_step] if by_step else []))


def run_export(args) -> int:
    from rnncast.export import EXPORTED, export_onnx
    from rnncast.forecaster import Forecaster

    check_output_file(args.onnx, "--onnx", ".onnx", suffixes=(".onnx",), overwrite=args.overwrite,  # never into a
                      own=EXPORTED)  # model folder or over a run's file, nor over another file unasked, nor another's model
    with _threads(args):
        done = export_onnx(Forecaster.load(args.run_dir), args.onnx, opset=args.opset, overwrite=args.overwrite,
                           flag="--onnx")
    shape = lambda name, dims: f"{name}[{', '.join(map(str, dims))}]"  # noqa: E731
    inputs = ", ".join(shape(name, dims) for name, dims in done.inputs.items())
    print(f"wrote {shown(done.path)}: {inputs} -> {shape('y', done.output)} (float64, original units; batch is dynamic)")
    if done.before:  # the codes, fill and calendar the graph does not apply: a deployer reads this line (decision 1529)
        print(done.before)
    if done.max_abs_diff is None:
        advise("onnxruntime is not installed, so the file was not run; pip install onnxruntime to check it")
    else:
        how = (" exactly" if done.max_abs_diff == 0 else "") + f" on {done.checked_windows} {done.windows}"
        if done.max_abs_diff:
            how += (f": largest difference {done.max_abs_diff:.2g} in original units, {done.max_rel_diff:.1g} of the "
                    "target's scale")
        print(f"onnxruntime matches rnncast's forecasts{how}")
    return 0


def _threads(args):
    """``--threads`` of predict, evaluate and export: torch's CPU threads while the command runs the model, as fit's
    (``devices.cpu_threads``; not given or 0: torch's own count)."""
    from rnncast.devices import cpu_threads

    return cpu_threads(getattr(args, "threads", 0))


def _statictable(args, forecaster):
    """``--static FILE`` of predict/evaluate: per-series attributes to use instead of those seen at fit."""
    return Path(args.static) if args.static else None  # read by the model: its categories as written (statictext)


def panel_request(args) -> dict:
    """The data options of fit/backtest as plain data (kept in config.json for --resume); the parser
    has read the column flags into lists of names (``series`` may be 'all')."""
    return {"id_col": args.id_col, "series": args.series, "past_covariates": args.past_covariates,
            "future_covariates": args.future_covariates, "static_covariates": args.static_covariates,
            "static": args.static, "static_categorical": args.static_categorical}


def panel_kwargs(request: dict) -> dict:
    """Keyword arguments of ``fit``/``backtest`` from a request (a static table file is read here)."""
    static = Path(request["static"]) if request.get("static") else request.get("static_covariates")  # codes as written
    if request.get("static") and request.get("static_covariates"):
        raise RnncastError("give static covariates as columns (--static-covariates) or as a table (--static), not both")
    return {"id_col": request.get("id_col"), "series": request.get("series"),
            "past_covariates": request.get("past_covariates"), "future_covariates": request.get("future_covariates"),
            "static_covariates": static, "static_categorical": request.get("static_categorical")}


def settings_from_args(args) -> dict:
    """The setting flags given (``Forecaster``'s keywords); those not given are absent from ``args``."""
    names = {f.name for f in setting_fields()}
    return {k: v for k, v in vars(args).items() if k in names}
