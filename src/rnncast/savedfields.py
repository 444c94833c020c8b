"""A saved model's fields read back from its model.json and judged, for ``FittedState.read``: its calendar
(``calendar_problem``; one saved before calendars, ``calendar_before``), its split dates (``borders``, and whether they
go back in time: ``out_of_order``), what fit measured (``same_step``, ``later_rows``, ``highway_start``, the test rows'
overlap: ``saved_overlap``, its windows across missing rows: ``across_gaps``, why a MASE scale is 0: ``mase_zero``), and a damaged value as a message shows it (``short``). A value no fit writes raises ``ValueError`` or is named; nothing here reads a file."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from rnncast.errors import short
from rnncast.timecalendar import Calendar
from rnncast.zeroscales import NAMES


def calendar_problem(calendar: Calendar) -> str | None:
    """What makes a saved calendar one no fit gives, or None: its kind, its step, its zone, its column."""
    kind, freq = calendar.kind, calendar.freq
    if kind not in ("datetime", "period", "integer", "row"):
        return f"is of kind {short(kind)}; known: datetime, period, integer, row"
    integer = isinstance(freq, int) and not isinstance(freq, bool)
    if freq is not None and (kind == "row" or (kind == "integer") != integer or (integer and freq < 1)):
        return f"of kind {kind} has the step {short(freq)}"
    if not all(v is None or isinstance(v, str) for v in (calendar.tz, calendar.name, calendar.text_format)):
        return (f"has zone {short(calendar.tz)}, column {short(calendar.name)} and text format "
                f"{short(calendar.text_format)}; each must be text or null")
    if calendar.tz is not None:
        try:
            pd.Timestamp("2000-01-01", tz=calendar.tz)
        except (ValueError, TypeError, LookupError):
            return f"has the zone {short(calendar.tz)}, which is no time zone"
    return None


def out_of_order(times: list) -> str | None:
    """Where the border times ``[first, first validation, first test, last]`` (JSON values, None: an empty part) go
    back in time, in words (``first test 2024-06-01T00:00:00 before first validation 2024-07-29T00:00:00``); None
    where they are in order or do not read as times (periods of weeks: left to the rows they are matched to)."""
    names = ("first", "first validation", "first test", "last")
    try:
        read = [(name, value, pd.Timestamp(value)) for name, value in zip(names, times) if value is not None]
        for (a, va, ta), (b, vb, tb) in zip(read, read[1:]):
            if tb < ta:
                return f"{b} {vb} before {a} {va}"
    except (ValueError, TypeError):
        return None
    return None


def borders(value, n: int) -> list | None:
    """The saved border times [S, 4] ([S, 3] before the fit's first time was kept; absent before any were: parts falls
    back to row numbers)."""
    if value is None:
        return None
    if not isinstance(value, list) or len(value) != n or not all(isinstance(b, list) and len(b) in (3, 4) for b in value):
        raise ValueError(f"borders must be {n} lists of 4 times")
    return value


def calendar_before(step, time_col) -> Calendar:
    """The calendar of a model saved before calendars: its step was a fixed time step, an integer or None."""
    if time_col is None:
        return Calendar()
    if step is None:
        return Calendar("datetime", None, None, time_col)
    if isinstance(step, int):
        return Calendar("integer", step, None, time_col)
    return Calendar("datetime", pd.tseries.frequencies.to_offset(pd.Timedelta(step)), None, time_col)


def same_step(saved) -> dict | None:
    """What fit measured of a target and its own step's features (``samestep.measure``), checked (None: no
    future-known features, or a model saved before it was measured)."""
    if saved is None:
        return None
    if not isinstance(saved, dict) or set(saved) != {"features_r2", "last_r2"}:
        raise ValueError(f"same_step must be null or {{features_r2, last_r2}}, got {saved!r}")
    return {k: float(v) for k, v in saved.items()}


def later_rows(saved) -> dict | None:
    """What fit measured of a target and its features' later rows (``laterrows.measure``), checked (None: no
    features, or a model saved before it was measured)."""
    keys = {"column", "rows", "r2", "same_r2", "window_r2", "lags"}
    if saved is None:
        return None
    later = {"lookback", "window_r2_held_out"}  # since 2026-12-05 too
    if not isinstance(saved, dict) or not keys <= set(saved) <= keys | {"joint", "earlier"} | later or not all(
            isinstance(saved.get(k, {}), dict) for k in ("joint", "earlier")):
        raise ValueError(f"later_rows must be null or {{{', '.join(sorted(keys))}}} (and joint, earlier, lookback, "
                         f"window_r2_held_out: "
                         f"since 2026-12-05), got {saved!r}")
    read = {k: str(v) if k == "column" else int(v) if k in ("rows", "lags", "lookback") else float(v)
            for k, v in saved.items() if k in keys | later}
    if "joint" in saved:  # every feature's later row together
        read["joint"] = {"rows": int(saved["joint"]["rows"]), "r2": float(saved["joint"]["r2"])}
    if "earlier" in saved:  # a feature's row before the window
        read["earlier"] = {"column": str(saved["earlier"]["column"]), "rows": int(saved["earlier"]["rows"]),
                           "r2": float(saved["earlier"]["r2"])}
    return read


def fit_rows(saved, n: int) -> list | None:
    """The rows and hashes of each series' training and validation rows fit read (``fitrows.record``), checked
    (None: a model saved before they were kept, whose data is not compared)."""
    if saved is None:
        return None
    if (not isinstance(saved, list) or len(saved) != n
            or not all(isinstance(r, list) and len(r) == 4 and isinstance(r[1], str) and isinstance(r[3], str) for r in saved)):
        raise ValueError(f"fit_rows must be null or {n} lists [rows, hash, rows, hash], got {str(saved)[:80]}")
    return [[int(a), b, int(c), d] for a, b, c, d in saved]


def highway_start(saved) -> dict | None:
    """The least-squares start as model.json records it, checked (None: the highway started at zero,
    or the model was saved before the start was recorded)."""
    if saved is None:
        return None
    keys = ("penalty", "val_loss", "zero_val_loss")
    if not isinstance(saved, dict) or set(saved) != set(keys):
        raise ValueError(f"highway_start must be null or {{{', '.join(keys)}}}, got {saved!r}")
    return {k: None if saved[k] is None else float(saved[k]) for k in keys}


def saved_overlap(saved) -> dict | None:
    """Where the fit's per-series test rows fall on dates other series were fitted on (``testoverlap.overlap``), checked
    (None: no overlap, or a model saved before it was kept)."""
    keys = ("series", "of", "from", "to", "text")
    if saved is None:
        return None
    if (not isinstance(saved, dict) or set(saved) != set(keys) or not all(isinstance(saved[k], str) for k in keys[2:])
            or not all(isinstance(saved[k], int) and not isinstance(saved[k], bool) for k in keys[:2])):
        raise ValueError(f"test_overlap must be null or {{{', '.join(keys)}}}, got {short(saved)}")
    return dict(saved)


def across_gaps(saved) -> dict | None:
    """The fit's windows that span calendar steps its data lacks (``gapwindows.at_fit``), checked: ``{"training",
    "validation", "test": {"windows", "of"}, "series"}``, the parts without a window absent (None: none did, or a
    model saved before they were counted)."""
    if saved is None:
        return None
    parts = {"training", "validation", "test"}

    def count(value) -> bool:
        return isinstance(value, int) and not isinstance(value, bool) and value >= 0

    if (not isinstance(saved, dict) or "series" not in saved or not set(saved) - {"series"} <= parts
            or not count(saved["series"]) or not all(
                isinstance(v, dict) and set(v) == {"windows", "of"} and count(v["windows"]) and count(v["of"])
                and v["windows"] <= v["of"] for k, v in saved.items() if k != "series")):
        raise ValueError(f"across_gaps must be absent or {{training, validation, test: {{windows, of}}, series}}, "
                         f"got {short(saved)}")
    return {k: v if k == "series" else dict(v) for k, v in saved.items()}


def squeezed(saved) -> dict | None:
    """The first target whose training scale one value set (``outliers.find``), checked: ``{"series" (text or null),
    "target", "column", "value", "time", "more", "near", "squeeze"}`` (None: none, or a model saved before it was
    measured)."""
    keys = {"series", "target", "column", "value", "time", "more", "near", "squeeze"}
    if saved is None:
        return None
    try:
        if not isinstance(saved, dict) or set(saved) != keys or not isinstance(saved["target"], bool):
            raise TypeError
        return {"series": None if saved["series"] is None else str(saved["series"]), "target": saved["target"],
                "column": str(saved["column"]), "value": float(saved["value"]), "time": str(saved["time"]),
                "more": int(saved["more"]), "near": float(saved["near"]), "squeeze": float(saved["squeeze"])}
    except (TypeError, ValueError):
        raise ValueError(f"squeezed must be absent or {{{', '.join(sorted(keys))}}}, got {short(saved)}") from None


def value_ranges(saved, n_series: int, n_columns: int) -> list | None:
    """Each column's ``[median, sd, least, greatest]`` of what fit read, per series (``missingcodes.fitted_ranges``),
    checked: [S][C] lists of four finite numbers, sd above 0, or null (None: a model saved before they were kept)."""
    if saved is None:
        return None

    def four(v) -> bool:
        return v is None or (isinstance(v, list) and len(v) == 4 and all(
            isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x) for x in v) and v[1] > 0)

    if not (isinstance(saved, list) and len(saved) == n_series and all(
            isinstance(row, list) and len(row) == n_columns and all(four(v) for v in row) for row in saved)):
        raise ValueError(f"value_ranges must be absent or [series][column] [median, sd, least, greatest] or null, got "
                         f"{short(saved)}")
    return [[None if v is None else [float(x) for x in v] for v in row] for row in saved]


def mase_zero(saved, n_series: int, n_targets: int):
    """Why each zero MASE scale is 0 (``zeroscales`` codes, ``FittedState.mase_zero``), checked: [S][T] codes
    (None: no scale is 0, or a model saved before the causes were kept)."""
    if saved is None:
        return None
    if not (isinstance(saved, list) and len(saved) == n_series and all(
            isinstance(row, list) and len(row) == n_targets and all(
                isinstance(v, int) and not isinstance(v, bool) and v in NAMES for v in row) for row in saved)):
        raise ValueError(f"mase_zero must be absent or [series][target] codes {sorted(NAMES)}, got {short(saved)}")
    return np.asarray(saved, dtype=np.int64)


def diverged_epoch(saved) -> int | None:
    """The epoch whose loss became NaN or infinite, ending the fit (``Forecaster.diverged_epoch_``), checked (None:
    training did not diverge, or the model was saved before it was recorded)."""
    if saved is None:
        return None
    if isinstance(saved, bool) or not isinstance(saved, int) or saved < 1:
        raise ValueError(f"diverged_epoch must be null or an epoch (a whole number from 1), got {short(saved)}")
    return saved


def given_params(params: dict, tuples) -> dict:
    """model.json's ``params`` with each list JSON wrote as given to the Forecaster: a tuple where ``tuples`` (its
    ``tuple_params``, written with the params) names it, else a list; without ``tuple_params`` (a model saved before
    it was written) quantile levels are a tuple, as they were read then; ``quantiles: []`` is none."""
    if params.get("quantiles") == []:  # kept by Forecaster(quantiles=()) before an empty list was refused: none
        params = {**params, "quantiles": None}
    if tuples is None:
        if isinstance(params.get("quantiles"), list):
            return {**params, "quantiles": tuple(params["quantiles"])}
        return params
    if not isinstance(tuples, list) or not all(isinstance(name, str) and isinstance(params.get(name), list) for name in tuples):
        raise ValueError(f"tuple_params must name list-valued params, got {short(tuples)}")
    return {name: tuple(value) if name in tuples else value for name, value in params.items()}


def tuple_params(params: dict) -> list[str]:
    """The params given as tuples, which JSON writes as lists (``given_params`` reads them back as tuples)."""
    return [name for name, value in params.items() if isinstance(value, tuple)]
