"""What a fitted model's reader says of new data's times where fit would offer a setting: predict, evaluate and
compare take no ``fill``, ``freq``, ``tz`` or ``holidays`` (the model applies its fit's), so a refusal's remedy is
worded for them (``MODEL_*``, given to ``spelling.hints``), and times the model cannot read are refused here: a time
column where the fit had none (``numbered``), times of another kind than the fit's (``fitted_kind``'s words for the
calendar's own refusal), and times zoned otherwise than the fit's (``same_zone``)."""

from __future__ import annotations

import logging
from dataclasses import replace

import pandas as pd

from rnncast.errors import RnncastError
from rnncast.panel import Panel
from rnncast.state import FittedState
from rnncast.timetext import shown
from rnncast.writtenzones import at_offset
from rnncast.zoneclock import one_clock

log = logging.getLogger(__name__)

# What a refusal of new data tells its reader where fit's would offer a setting (spelling.hints).
MODEL_FILL = ("the model was fit without a fill, so it reads every value as given; fill them in the data, or refit "
              "with one (rnncast fit DATA --fill ffill|interpolate|zero|drop, fill= in Python), which predict and "
              "evaluate then apply")
MODEL_FILL_LABELS = ("the model was fit without a fill: it reads every feature's value as given (a blank label, never "
                     "read, is only left out of the scores: target_input=False); fill the features in the data, or "
                     "refit with one (rnncast fit DATA --fill ffill|interpolate|zero|drop, fill= in Python), which "
                     "evaluate then applies")
MODEL_FREQ = ("the model was fitted on that calendar and reads new data on it: give data whose times follow it, "
              "or refit on this data (rnncast fit DATA --freq ALIAS, freq= in Python)")
MODEL_COLUMN = "the model's column"  # a column's name the data writes otherwise: the model's is kept (spaced_name)
# Times written as numbers (numbertimes.remedy): the unit a fitted model reads is no setting its reader gives
MODEL_UNIT = "the model reads the time column as {units}, as fitted (time_unit is fixed at fit)"
MODEL_TZ = ("the model reads times in the zone it was fitted in: refit with the zone (rnncast fit DATA --tz ZONE, tz= "
            "in Python) to read them")
# A time column written with UTC offsets that change, which fit reads in UTC where tz= (--tz) names no zone: what
# gives their zone (writtenzones.remedy) where the reader cannot give tz=: a zone they match, or none (decision 728)
MODEL_ZONE = "refit with the zone they were written in (rnncast fit DATA --tz ZONE, tz= in Python)"
MODEL_ZONE_NONE = "refit with its zone (rnncast fit DATA --tz ZONE, tz= in Python)"

MODEL_HOLIDAYS = ("the model was fitted on that calendar and forecasts no holiday: remove the rows on holidays, or refit "
                  "on this data (rnncast fit DATA --holidays NAME, holidays= in Python, names the set it follows)")


def numbered(state: FittedState, panel: Panel) -> Panel:
    """``panel``, unless it has times and the model was fitted on numbered rows (no time column): its forecasts
    would be numbered rows and its parts matched by number, the times read for nothing; refused, naming the column."""
    if state.calendar.kind == "row" and panel.time is not None:
        raise RnncastError(f"the model was fitted on rows without a time column (it forecasts numbered rows), and this "
                           f"data has time column {panel.calendar.name!r}: drop that column to forecast numbered rows, "
                           "or refit on data with it to forecast its dates")
    return panel


def fitted_kind(state: FittedState) -> str:
    """How a refusal of times of another kind than the fit's (dates where it read integer periods, or the other way)
    says it at predict, which takes no ``freq``: a template ``calendars`` fills with the column and what it holds."""
    fitted = (f"integer periods (step {state.calendar.freq})" if state.calendar.kind == "integer" else
              f"dates (calendar {state.calendar.shown})" if state.calendar.kind == "datetime" else "periods")
    kind = fitted.split(" (")[0]
    return (f"the model was fitted on {fitted}, and time column {{column!r}} holds {{found}}: give data whose times are "
            f"{kind}, as at fit, or refit on this data")


def same_zone(state: FittedState, panel: Panel) -> Panel:
    """``panel`` when its times are zoned as the model's were (both naive, or both in a zone: instants, which
    the model's calendar then places); else refused, naming the zone found and the model's. Naive times
    beside a zone would be a guess of which zone they mean, either way; beside a fit's one offset (``UTC+02:00``) the
    refusal says why a ``--future`` file's are read at it and the data's are not: those take the offset of the data
    given beside them, these would take the fit's, which the zone may have left since (a tester asked, decision 872)."""
    time, zone = panel.time, state.calendar.tz
    if state.calendar.kind != "datetime" or not isinstance(time, pd.DatetimeIndex) or (time.tz is None) == (zone is None):
        return panel
    name, first = panel.calendar.name or state.time_col, shown(time[0], time, panel.calendar.text_format)  # as written
    if time.tz is not None:
        raise RnncastError(f"time column {name!r} holds times in zone {time.tz} ({first}), but the model was fitted on "
                           "times without a zone; give the times without their zone, as at fit (the local wall time "
                           "the model knows), or refit on this data")
    offset = at_offset(zone)  # all written at one offset, no tz=: not the future file's rule
    why = (": future values' naive times (future=, --future) are read at the offset the data beside them carries; "
           f"these have none beside them but the fit's {offset}, which a zone's clock may have left since "
           "(Berlin's summer +02:00 is +01:00 from late October), an hour off unsaid" if offset else "")
    raise RnncastError(f"time column {name!r} holds times without a zone ({first}), but the model was fitted on times in "
                       f"zone {zone}{why}; give the times with their zone or UTC offset, as at fit, or refit with the zone "
                       "they are in (rnncast fit DATA --tz ZONE, tz= in Python)")


def in_model_zone(state: FittedState, data):
    """``data`` with its times converted to the model's zone where it is a DataFrame whose times (its DatetimeIndex,
    or the model's time column) are zoned in another one, as a model given tz= at fit reads them: the same instants,
    placed by the model's calendar on its own days (a finance tester's Tokyo model, fitted on a zoned index without
    tz=, given the same closes in UTC, refused them as "2021-01-11 15:00 UTC is one of the JPX holidays"). Else
    ``data`` as it is: files, naive times (``same_zone`` refuses them), a model of UTC or of a fixed offset
    (``same_clock``), or one fitted with tz= (read in it)."""
    zone = state.calendar.tz
    if state.calendar.kind != "datetime" or zone is None or str(zone).startswith("UTC") or \
            state.settings.data.tz is not None or not isinstance(data, pd.DataFrame):
        return data
    column = data[state.time_col] if state.time_col in data.columns else None
    found = getattr(column.dtype, "tz", None) if column is not None else getattr(data.index, "tz", None)
    if found is None or str(found) == str(zone):
        return data
    if column is not None:
        return data.assign(**{state.time_col: column.dt.tz_convert(zone)})
    return data.tz_convert(zone)


def same_clock(state: FittedState, panel: Panel) -> Panel:
    """``panel``, with a warning where the model was fitted on times written at one UTC offset (its zone a fixed
    offset, 'UTC+02:00') and these are read in UTC (written with several offsets, as a zone's clock across daylight
    saving, or in UTC): its forecasts and the times its lines name are then in UTC, not at the fit's offset, and
    only a zone given at fit keeps the clock the data was written on (a tester's summer fit read autumn's data so,
    silently)."""
    zone, time = state.calendar.tz, panel.time
    if state.calendar.kind == "datetime" and isinstance(time, pd.DatetimeIndex) and str(time.tz) == "UTC" and \
            isinstance(zone, str) and zone.startswith("UTC") and zone != "UTC":
        log.warning("time column %r is read in UTC (its times carry several UTC offsets, or UTC's), while the model "
                    "was fitted on times all at %s: forecasts are dated in UTC (+00:00); to date them on the clock "
                    "the data was written on, %s", panel.calendar.name or state.time_col, zone, MODEL_ZONE)
    return panel


def as_fitted_stamps(state: FittedState, panel: Panel) -> Panel:
    """``panel`` with its periods as their first instants where the model was fitted on timestamps (a Parquet
    file's Period column of the days a CSV of the fit wrote as dates): the model's calendar then places them, and
    dates them as it dated its fit; as it is otherwise (a model fitted on periods reads timestamps as periods:
    ``calendars.periods_or_stamps``)."""
    if state.calendar.kind != "datetime" or not isinstance(panel.time, pd.PeriodIndex):
        return panel
    stamps = panel.time.to_timestamp(how="start").rename(panel.time.name)
    return replace(panel, time=stamps, calendar=replace(panel.calendar, kind="datetime", freq=state.calendar.freq))



def utc_clock(state: FittedState, times: pd.DatetimeIndex) -> str:
    """Where a model fitted in a zone (``state.calendar.tz``) refuses new data off its calendar and the data's times
    as written (``times`` [N], naive: ``calendars.settle`` hands over those it refuses, where they were written without
    a zone) keep, read as UTC, one time of day on the model's clock (a vendor's raw UTC feed of closes the model was
    fitted on converted): the clause saying so and the pandas line that converts them, as fit's data were; ""
    otherwise (a t22t6 tester was told to refit with a freq, which was refused in turn). ``read_new`` gives it to
    the refusal as ``spelling.hints``' ``utc_clock``."""
    zone, name = state.calendar.tz, state.time_col
    if zone is None or name is None or times.tz is not None or len(times) < 3 or times.hasnans:
        return ""
    clock = one_clock(times.tz_localize("UTC").tz_convert(zone))
    if clock is None or one_clock(times) == clock:  # none kept on its clock, or kept as written already
        return ""
    try:  # the model's data dated by their day (midnights): the line dates them so too
        daily = bool(state.borders) and all(pd.Timestamp(str(t)).strftime("%H:%M") == "00:00" for t in state.borders[0])
    except (TypeError, ValueError):
        daily = False
    day, how = (".dt.normalize()", ", each dated by its day") if daily and clock != "00:00" else ("", "")
    return (f"read as UTC times they keep {clock} on {zone}'s clock, the model's: convert them to it first{how}, as its "
            f"data were, e.g. with pandas: df[{name!r}] = pd.to_datetime(df[{name!r}], utc=True).dt.tz_convert({zone!r})"
            f"{day}")
