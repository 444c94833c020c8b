"""The ONNX file's metadata (``metadata_props``, ``METADATA``) and description (its ``doc_string``): the columns,
steps and scaler of the graph, and how predict reads data before the graph's part, which a caller of the file
alone (onnxruntime) must do itself: the missing-value codes, the fill, the time column and the calendar (its offset,
zone, holidays), and how the time column was read (its unit, the order of day and month); its ``format_version``
(``formatversions.ONNX``), which ``read`` checks as a model folder's is checked."""

from __future__ import annotations

import json

import pandas as pd

from rnncast import calendarcovariates, fiscalquarters, formatversions, modelcard, timetext
from rnncast.serieskeys import for_json, of_model
from rnncast.seriesids import typed_key
from rnncast.settingvalues import missing_numbers, missing_words
from rnncast.version import __version__

METADATA = {  # the ONNX file's metadata_props: key -> what its value (text; lists as JSON) says
    "format_version": "the version of these keys' format (1); a reader refuses one newer than it reads",
    "x_columns": "x's columns in order, as the data names them: the targets (none where the model reads the features "
    "alone: target_input False), then the past covariates, then the future ones (a wide table's target: its series' "
    "column, layout)", "targets": "y's columns in order (a wide table's: its series' column)", "features": "x's columns after the targets: past covariates, then future ones",
    "future_covariates": "future's columns in order (x's last ones too)", "lookback": "x's steps",
    "horizon": "y's and future's steps", "quantiles": "y's last axis (a list of levels; [] for none)",
    "cell": "rnn, lstm or gru", "scaler": "standard, minmax or none", "rnncast_version": "the rnncast that wrote it",
    "missing_values": "the codes read as missing at fit ('-999, 9999'; '' for none): the graph does not; give no window "
    "holding one", "fill": "how fit filled a missing value (ffill, interpolate, zero, drop; '' for none: refused): the graph "
    "fills nothing, fill x as predict would", "time_col": "the data's time column ('' for none)",
    "freq": "the calendar of its rows (a pandas offset; '' for none): x's rows are consecutive steps of it",
    "tz": "the zone the calendar's steps run in (an IANA name, 'Europe/Berlin'; '' for none): a day there can be 23 or "
    "25 hourly steps, naive times are its wall clock", "holidays": "the holiday set a business-day calendar skips "
    "('NYSE'; '' for none): those days are no steps of freq", "time_unit": "the unit of a time column of numbers (s, "
    "ms: Unix times; excel: serial days; '' for none)", "dayfirst": "dates such as 01/02/2016 were read day first "
    "('true'), month first ('false'); '' where no date left doubt", "id_col": "the data's id column (its name), or the "
    "columns of a key of several (a JSON list, [\"item_id\", \"store_id\"]); '' for a model of one series read without "
    "one (a wide table's too)", "layout": "how the data held the series: single (one series), long (an id column's rows) "
    "or wide (each series a column of the data: x_columns and targets name it, and predict writes its forecasts long, "
    "unique_id the series, y_hat the forecast)", "series": "the series the model was fitted on, a JSON list of their ids as the data gave them (101, \"A\"; a "
    "key's as {column: value}; a file's typed as predict's id column writes them, 101 a number, \"007\" text; [] "
    "without an id column)", "nonnegative": "'true' where every forecast is clipped at 0 "
    "(y is at least 0: nonnegative=True), 'false' where y is as the network made it",
    "fill_gaps": "'true' where fit inserted the calendar's steps the data lacked (fill_gaps) for fill to fill: x's rows "
    "are every step of freq, a missing one inserted and filled", "data_start": "the first time fit read, as the data "
    "writes its times ('' where rows are numbered)", "train_end": "the last time of the training rows (the training "
    "cutoff)", "val_end": "the last time of the validation rows ('' for none)", "data_end": "the last time given to fit "
    "(the test split's last)", "test_windows": "the windows the run's test scores rest on ('' where the fit scored "
    "none: Forecaster.fit, or a model saved before it kept them)", "test_mse": "the test split's MSE in original "
    "units; several targets': the mean of the targets' MSEs, each in its own units (test_by_target has each)",
    "test_mae": "its MAE, as test_mse (several targets: the mean of theirs)", "test_mase": "its MASE ('' where it has no "
    "scale)", "test_by_target": "each target's test scores in its own original units, a JSON list in targets order of "
    "{\"mse\", \"mae\", \"mase\"} (null where no number)", "beats_baselines": "'true' where the model beat every "
    "baseline on test MSE beyond chance (the run's verdict, in verdict_units), 'false' where not", "verdict_units": "the "
    "units the verdict compared MSEs in: original (one target of one series, read without an id column or a wide "
    "table's series), or scaled (several targets, an id column or a wide table's series: each target and series "
    "scaled by its training rows, so none outweighs another by its units)", "time_periods": "the pandas Period frequency the time "
    "column's text names (pd.PeriodIndex(text, freq=it)) where pd.to_datetime would misread or refuse it: 'W-SUN' for "
    "weeks written 2018-01-01/2018-01-07, 'Q-MAR' for quarters 2019Q4 of freq QE-MAR (January to March 2019), 'Q-DEC' "
    "for calendar quarters; '' where the times are read as pd.to_datetime reads them", "time_at": "where a row of "
    "time_periods stands, its calendar covariates computed there: 'start' (the rows are the periods: each one's first "
    "day, the horizon's steps the next periods), 'freq' (the rows are freq's timestamps: each period's one day of freq, "
    "2019Q4 of QE-MAR 2019-03-31, the steps freq's); '' where time_periods is '' (decision 2124)",
    "calendar_covariates": "the future covariates "
    "fit computed from each row's time on tz's wall clock (decision 1983), a JSON object {column: how} ({} for none): "
    "compute those columns of x and future so (README: Deploy with onnxruntime alone)", "holidays_version": "the "
    "holidays package's version at export (pip install holidays==it), whose days the holiday columns and holidays "
    "are ('' where the model uses none; the fit's is in its run's config.json, environment.holidays): another version "
    "can add or move holidays"}  # verdicts.units_for (decision 1947)
OPTIONAL = ("id_col", "series", "nonnegative", "fill_gaps", "calendar_covariates", *modelcard.ONNX, "layout",
            "holidays_version", "time_periods", "time_at")  # format_version 1 files exported before
# these keys lack them: ``read`` returns what a file holds, so a reader of the older keys works on both


def reading(forecaster) -> dict:
    """How predict reads data before the graph's part (``METADATA``: missing_values, fill, time_col, freq, tz,
    holidays, time_unit, dayfirst), as text."""
    data_s, state = forecaster.settings_.data, forecaster.state_
    calendar = state.calendar
    return {"missing_values": data_s.missing_values or "", "fill": data_s.fill or "", "time_col": state.time_col or "",
            "freq": calendar.freq_text or "", "tz": str(calendar.tz or ""), "holidays": calendar.holidays or "",
            "time_unit": data_s.time_unit or "",
            "dayfirst": "" if calendar.dayfirst is None else str(bool(calendar.dayfirst)).lower(),
            **periods_read(calendar)}


def periods_read(calendar) -> dict:
    """``METADATA``'s time_periods and time_at of a model's ``timecalendar.Calendar``: the rows are periods (weeks
    written 2018-01-01/2018-01-07, a PeriodIndex: 'start'), or quarters' text dated on ``freq`` (2019Q4 of QE-MAR:
    its last day, 'freq'); '' for both where ``pd.to_datetime`` reads the times as predict does (decision 2124)."""
    fmt = calendar.text_format
    if calendar.kind == "period":
        return {"time_periods": pd.Period("2000-01-01", freq=calendar.freq).freqstr, "time_at": "start"}
    if calendar.kind == "datetime" and (timetext.is_quarters(fmt) or fiscalquarters.owns(fmt)):
        return {"time_periods": fiscalquarters.period_freq(calendar.freq_text) or "Q-DEC", "time_at": "freq"}
    return {"time_periods": "", "time_at": ""}


def metadata(forecaster) -> dict:
    """``METADATA``'s values for the fitted ``forecaster`` (text; lists as JSON, names as they are: ``"매출(원)"``, not
    ``\\u`` escapes, as model.json writes them: decisions 768, 1901)."""
    data_s = forecaster.settings_.data
    return {"format_version": formatversions.ONNX, "x_columns": _json(x_columns(forecaster)), "targets": _json(targets(forecaster)),
            "features": _json(forecaster.features_), "future_covariates": _json(forecaster.future_covariates_),
            "lookback": data_s.lookback, "horizon": data_s.horizon,
            "quantiles": json.dumps(list(forecaster.settings_.model.quantiles)), "cell": forecaster.settings_.model.cell,
            "scaler": forecaster.scalers_[0].kind, "rnncast_version": __version__, **reading(forecaster),
            **fitted_on(forecaster), "fill_gaps": str(bool(data_s.fill_gaps)).lower(), **modelcard.onnx_keys(forecaster.state_),
            "calendar_covariates": _json(calendar_described(forecaster)), "layout": forecaster.state_.layout,
            "holidays_version": holidays_version(forecaster)}


def fitted_on(forecaster) -> dict:
    """``METADATA``'s id_col, series and nonnegative: the id column's name or a key's columns (JSON list), the
    series fitted as the data gave their ids (``serieskeys.for_json`` of a key's), and whether y is clipped at 0."""
    state = forecaster.state_
    parts = of_model(state.id_col, state.ids)
    if state.layout == "single":
        series = []
    elif parts is not None:
        series = [dict(zip(parts, typed_key(tuple(for_json(parts, i, state.key).values()), parts, state.key_dtypes)))
                  for i in state.ids]  # a loaded model's key: read back from its text, in the data's dtypes
    else:
        series = [(state.given_ids or {}).get(i, i) for i in state.ids]
    id_col = "" if state.layout == "wide" else _json(parts) if parts else state.id_col or ""  # a wide table has none
    return {"id_col": id_col, "series": _json(series),
            "nonnegative": str(bool(forecaster.settings_.model.nonnegative)).lower()}


def calendar_described(forecaster) -> dict[str, str]:
    """{column: how it is computed} of the model's calendar covariates (``calendarcovariates.described``), a holiday
    column's in full: the ``holidays`` call that makes its days (a market's ``financial_holidays``, a country's
    ``country_holidays`` with its subdivision), its observed days and its days on a weekend counted (decision 2052)."""
    said = calendarcovariates.described(forecaster.settings_.data.calendar_covariates)
    for column in [c for c in said if c.startswith("holiday_")]:
        from rnncast import holidaysets  # the holidays package: imported for a model with a holiday column alone

        kind, code, sub = holidaysets.parse(column.removeprefix("holiday_"))
        call = (f"holidays.financial_holidays({code!r}) (a market's: the days the exchange closes)" if kind == "market"
                else f"holidays.country_holidays({code!r}" + (f", subdiv={sub!r}" if sub else "") + ") (a country's"
                + (f", with its subdivision {sub}'s" if sub else ": its national ones") + ")")
        if "+" in column:  # BR-SP+Carnival: the days of its other categories so named too (decision 2193)
            call += (" and the days of its other categories (categories=, the names after '+': a category's every day, "
                     "else the holidays of that name)")
        said[column] = (f"1 on a day that is a holiday of {call}, with the package's defaults (observed days included, US: "
                        "Monday 2022-12-26 for Christmas on Sunday, the Sunday 1 too; any day of the week, a holiday on "
                        "a Saturday or Sunday too), the day as tz's wall clock reads it; else 0 (holidays package "
                        f"{holidays_version(forecaster)}, metadata holidays_version)")
    return said


def holidays_version(forecaster) -> str:
    """The ``holidays`` package's version where the model uses its days (a holiday column or a business-day calendar
    without holidays), else ''; '' too where it is not installed."""
    uses = forecaster.state_.calendar.holidays or any(
        c.startswith("holiday_") for c in calendarcovariates.columns(forecaster.settings_.data.calendar_covariates))
    if not uses:
        return ""
    from importlib import metadata as packages

    try:
        return packages.version("holidays")
    except packages.PackageNotFoundError:
        return ""


def _json(value) -> str:
    """``value`` as JSON text with its names as they are (UTF-8 in the file), not as ``\\u`` escapes (decision 1901)."""
    return json.dumps(value, ensure_ascii=False)


def before_x(forecaster) -> str:
    """What a caller of the file alone must do to its rows before they are ``x``, as predict does and the graph does
    not, in one line: read the missing-value codes as missing, fill as ``fill`` does, insert the calendar's missing
    steps (fill_gaps), keep the rows on the calendar's zone and holidays, compute the calendar covariates' columns; ''
    for a model with none of these."""
    data_s, calendar = forecaster.settings_.data, forecaster.state_.calendar
    made = calendarcovariates.columns(data_s.calendar_covariates)  # no table holds them (decision 2048)
    codes = ", ".join([f"{v:g}" for v in missing_numbers(data_s.missing_values)] +  # and text codes, 'M' (decision 1646)
                      [repr(w) for w in missing_words(data_s.missing_values)])
    steps = {"missing_values": f"replace the missing-value codes ({codes}) with NaN" if codes else "",
             "fill_gaps": "insert the steps of freq the rows lack" if data_s.fill_gaps else "",
             "fill": f"fill missing values as fill {data_s.fill!r} does" if data_s.fill else "",
             "tz": f"give the rows as steps of {calendar.tz}'s clock" if calendar.tz else "",
             "holidays": f"give no row on a {calendar.holidays} holiday" if calendar.holidays else "",
             "calendar_covariates": f"compute the columns {', '.join(made)} of x and future from each row's time ("
             + (f"on {calendar.tz}'s wall clock" if calendar.tz else _where(calendar)) + ") as the metadata key "
             "calendar_covariates says" if made else ""}
    steps = {key: step for key, step in steps.items() if step}
    return ("" if not steps else "the graph does none of what predict does to the data before it: before x, "
            + "; ".join(steps.values()) + f" (metadata {', '.join(steps)}; README: Deploy with onnxruntime alone)")


def _where(calendar) -> str:
    """Where ``before_x`` says a row's calendar covariates are computed on a calendar without a zone: as written, or
    in its period (``periods_read``: a week's first day; 2019Q4's day of QE-MAR, decision 2124)."""
    read = periods_read(calendar)
    if read["time_at"] == "start":
        return f"each row a period of {read['time_periods']}, at its first day: metadata time_periods, time_at"
    if read["time_at"] == "freq":
        return (f"each row a period of {read['time_periods']}, at its day of "
                f"{calendar.freq_text}: metadata time_periods, time_at")
    return "as written"


def x_columns(forecaster) -> list:
    """The columns of the graph's input x as the data names them: the targets (``targets``), then the features; the
    features alone for a model that does not read the target's past (target_input=False)."""
    return targets(forecaster) * forecaster.settings_.data.target_input + forecaster.features_


def targets(forecaster) -> list:
    """The targets as the data names them: a wide table's one series is its column (``"s1"``), which the model calls
    ``y`` inside (a wide table holds no ``y``, and no id column: decision 2049); others' as the model's."""
    state = forecaster.state_
    return [str(state.ids[0])] if state.layout == "wide" and len(state.ids) == 1 else list(forecaster.targets_)


def description(forecaster) -> str:
    """The model's doc_string: its inputs and output, their dtype and units, and the metadata keys."""
    data_s, quantiles = forecaster.settings_.data, list(forecaster.settings_.model.quantiles)
    columns = x_columns(forecaster)
    future = (f"; future [batch, {data_s.horizon}, {len(forecaster.future_covariates_)}] float64 in original units, "
              f"columns {forecaster.future_covariates_}" if forecaster.future_covariates_ else "")
    if made := calendarcovariates.columns(data_s.calendar_covariates):  # no table holds them (decision 2026)
        future += (f"; of these, {made} are computed from each step's time on tz's wall clock, in x and future alike "
                   "(metadata calendar_covariates: how each is)")
    return (f"rnncast {forecaster.settings_.model.cell} forecaster. Inputs: x [batch, {data_s.lookback}, {len(columns)}] float64 in "
            f"original units, columns {columns} ({'targets, then ' * data_s.target_input}past covariates, then future ones){future}. Output: y "
            f"[batch, {data_s.horizon}, {len(forecaster.targets_)}{f', {len(quantiles)}' if quantiles else ''}] float64 "
            f"in original units, targets {targets(forecaster)}{f', quantiles {quantiles}' if quantiles else ''}"
            f"{', clipped at 0 (nonnegative: no value below 0)' if forecaster.settings_.model.nonnegative else ''}"
            f"{'' if (top := forecaster.settings_.model.upper) is None else f', clipped at {top:g} (upper: none above)'}. The "
            f"scaler is inside (float64; the network runs in float32). Metadata keys: "
            + "; ".join(f"{key}: {said}" for key, said in METADATA.items()))


def read(model, where="the ONNX file") -> dict:
    """The metadata (``METADATA``'s keys, as text) of an ``onnx.ModelProto`` rnncast exported, its ``format_version``
    checked (``formatversions.check``): one of a newer rnncast refused by name, not read as this one's keys;
    ``where`` names the file. The ``OPTIONAL`` keys are absent from a file exported before them, not refused."""
    props = {entry.key: entry.value for entry in model.metadata_props}
    formatversions.check(props.get("format_version"), (formatversions.ONNX,), "ONNX metadata", where)
    return props
