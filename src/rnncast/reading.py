"""New data for a fitted model: read with the columns, layout, calendar and static covariates the
model was trained on, each series placed among the series it knows (its scaler, its split), and
the windows predict reads checked for missing calendar steps.
"""

from __future__ import annotations

import logging
from contextlib import nullcontext, suppress
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

from rnncast import (blanklabels, calendarcovariates, featuresonly, fittedlayout, idkeys, idtypes, indexcolumns, leftkeeps,
                     missingcodes, offcalendar, owncalendars, rowindex, rolenames, serieskeys,
                     staticdrift, staticids, statictext, timeunread, toldtime, zerotail)
from rnncast import static as statics
from rnncast.data import ID_COLUMN, as_frame
from rnncast.errors import RnncastError
from rnncast.labels import is_array
from rnncast.loading import load_panel
from rnncast.modelseries import series_index, unseen_series, without_unseen
from rnncast.modeltimes import (MODEL_COLUMN, MODEL_FILL, MODEL_FILL_LABELS, MODEL_FREQ, MODEL_HOLIDAYS, MODEL_TZ, MODEL_UNIT, MODEL_ZONE, MODEL_ZONE_NONE,
                                as_fitted_stamps, fitted_kind, in_model_zone, numbered, same_clock, same_zone, utc_clock)
from rnncast.noticed import first_in_block, first_time
from rnncast.panel import Panel
from rnncast.spelling import counted, hint, hints, listed, rows_span
from rnncast.spelling import one_series as read_for_one_series
from rnncast.seriesids import as_read, id_text, id_texts, unknown
from rnncast.state import FittedState

log = logging.getLogger(__name__)

def read_new(state: FittedState, data, static_covariates=None, doing: str = "scored", only=None, stand_in=False,
             reads_last: int | None = None) -> Panel:
    """Read new data with the columns, layout and calendar the model was trained on (a ``Panel`` is checked and used
    as it is). Static covariates come from ``static_covariates`` (a table) or from the model's static columns when the
    data holds them. A series the model was not fitted on is refused first, where reading fails (``doing``: ``known``'s),
    unless ``only`` (predict_windows' ``series=``) names a series the model knows: its rows alone are then read.
    ``stand_in`` (predict's): the target a model does not read stood in for where absent, in this one read (featuresonly);
    a list (predict_windows'): only the target columns the data lacks, named in it. ``reads_last`` (predict's lookback):
    a model without a fill leaves out the rows with blanks before each series' last rows, said (``earlyblanks``)."""
    if isinstance(data, Panel):
        if data.columns != state.targets + state.features:
            raise RnncastError(f"the panel holds columns {data.columns}; the model was trained on "
                               f"{state.targets + state.features}")
        return one_series(state, data)
    _array_width(state, data)
    freq = pd.PeriodDtype(state.calendar.freq) if state.calendar.kind == "period" else state.calendar.freq_text
    reading = {**state.settings.data.reading(), "freq": None if state.calendars else freq, "announce": False,
               "dayfirst": state.calendar.dayfirst,  # dates such as 01/02/2016 read as at fit
               "holidays": None if state.calendars else state.calendar.holidays,  # given or found at fit
               "past_covariates": state.past_covariates or None, "future_covariates": calendarcovariates.given(  # the data's: not those computed (decision 1983)
                   state.future_covariates, state.settings.data.calendar_covariates) or None,
               "index_steps": indexcolumns.LABELS if state.time_col in indexcolumns.NAMES  # years with a gap: time
               else state.time_col is not None,  # fitted on numbered rows: an index of steps is row labels
               "labels_only": "scored" if stand_in is not True and not featuresonly.reads_target(state) else False,
               "reads_last": reads_last}
    try:
        with hints(fill=MODEL_FILL if state.settings.data.target_input else MODEL_FILL_LABELS, freq=MODEL_FREQ, holidays=MODEL_HOLIDAYS, tz=MODEL_TZ, column=MODEL_COLUMN, time_unit=MODEL_UNIT,
                   zone=MODEL_ZONE, zone_none=MODEL_ZONE_NONE, freq_kind=fitted_kind(state), reader=doing,
                   missing_values=state.settings.data.missing_values or "",  # its codes, for appendedrows' advice
                   utc_clock=partial(utc_clock, state)), (  # predict and evaluate take none: the model applies its fit's
                timeunread.passed_over() if state.calendar.kind == "row" else nullcontext()):  # fitted with no time
            data = in_model_zone(state, data)  # the same instants in another zone: placed on the model's clock
            read = one_series(state, _load(state, data, static_covariates, reading, doing, only, stand_in))
            read = _not_used(state, same_clock(state, same_zone(state, numbered(state, as_fitted_stamps(state, read)))))
            if reading["labels_only"]:
                blanklabels.trailing(read, doing, state.settings.data.horizon,  # rows without a label at the end:
                                     bool(state.future_covariates))  # not scored, said, and what forecasts them
            read = zerotail.said_again(read, state.said)  # fit's line of the zeros written after a series' end
            return missingcodes.later(state, read, doing)  # a -999 far outside what the model was fitted on: named
    except RnncastError as err:
        lacking = next((t for t in state.targets if str(err).startswith((f"column {t!r} not found;",
                                                                           f"column {t!r} has no values at all"))), None)
        if lacking is not None and state.layout != "wide":  # not "drop it", then "not found" once dropped
            reads = (f"reads the target's past: give column {lacking!r} with its values for the lookback rows (the last "
                     f"{state.settings.data.lookback} before the forecast)" if state.settings.data.target_input else
                     f"scores against the target: give column {lacking!r} with its values for the rows scored (predict "
                     "forecasts without it: target_input=False)")
            raise RnncastError(f"this model {reads}; the model was trained on {rolenames.trained_on(state)}") from None
        if "not found" in str(err):  # by the roles given: past and future covariates, not "features" (decision 1223)
            raise RnncastError(f"{err}. The model was trained on {rolenames.trained_on(state)}") from None
        raise


def _no_file(path) -> bool:
    """Whether nothing is at ``path`` (a path that cannot be looked at is left to ``read_table`` to name)."""
    with suppress(OSError):
        return not Path(path).exists()
    return False


def _not_used(state: FittedState, panel: Panel) -> Panel:
    """``panel``, once a warning has named its columns no role took that fit's data did not hold (those fit named
    as not used are not named again; a wide table's are named by ``fittedlayout.wide_series``). Said once per model
    and set of columns: a forecasting loop hands the same columns on every call."""
    new = [c for c in panel.unused if c not in state.unused]
    if new and state.layout != "wide" and first_time(state.said, "unused", *new):
        enc = state.static_encoder  # the per-series columns it reads too: 'size, region' were left out of the line
        static = ", ".join([] if enc is None else [*enc.numeric_names, *enc.categorical_names])
        log.warning("not used: %s — the model reads %s%s", ", ".join(new), ", ".join(state.columns), static and (
            f" and the static covariates {static}" + " (the values it holds)" * state.static_table))
    return panel


def _array_width(state: FittedState, data) -> None:
    """An array (columns known by place only) wider than the one the model was fitted on is refused: its
    further columns are none of the model's, and dropping them would read the array another way."""
    shape = np.shape(data) if is_array(data) else ()  # a table: its columns are named
    known = [str(c) for c in [*state.targets, *state.features, *state.unused, state.time_col] if c is not None]
    if len(shape) != 2 or not known or not all(c.isdigit() for c in known):
        return  # 1-D, or a model fitted on named columns (their names are then asked for)
    fitted = max(int(c) for c in known) + 1
    if shape[1] > fitted:
        extra = [str(j) for j in range(fitted, shape[1])]
        which = f"its column {extra[0]} is" if len(extra) == 1 else f"its columns {', '.join(extra)} are"
        raise RnncastError(f"the array has {shape[1]} columns, but the model was fitted on an array of {fitted} (target "
                           f"{', '.join(state.targets)}); {which} none of the model's: give the array's columns as at fit")


def _load(state: FittedState, data, static_covariates, reading: dict, doing: str, only=None, stand_in=False) -> Panel:
    """``data`` through ``load_panel`` in the model's layout (``reading``: its keywords; ``doing``: ``series_index``'s;
    ``only``: the one series asked for, read alone where the others hold one the model never saw; ``stand_in``: read_new's)."""
    if state.layout == "single":
        if static_covariates is not None:
            raise RnncastError(f"{hint('static_covariates', 'static_covariates=')} cannot apply: the model was fitted on one "
                               "series, which has no per-series attributes; leave it out (static covariates apply to a "
                               "model fitted on many series with them)")  # the command line names --static (hints)
        with read_for_one_series("the model, fitted on one series,"):  # no id_col to offer: predict takes none
            data = _stood_in(state, data, stand_in)  # a file read once, here
            panel = load_panel(data, state.targets, None, toldtime.time_col(state), **reading)
            panel.target_least = featuresonly.own_least(data)  # negatives: the data's own target, not the stand-in
            return panel
    if static_covariates is not None and state.static_encoder is None:
        raise RnncastError("static_covariates= (--static) was given but the model was trained without static "
                           "covariates (static_covariates=, --static-covariates or --static at fit)")
    id_col = state.id_col or ID_COLUMN
    if isinstance(static_covariates, (list, tuple)):  # fit's names: predict reads the data's static columns unnamed
        raise RnncastError(f"static_covariates= of a fitted model takes a table, not names ({listed(static_covariates)}): "
                           f"a DataFrame or a dict of columns with {idkeys.names_of(id_col, state.ids)} and one column per attribute, or the path "
                           "of a CSV or Parquet file; the data's columns of the model's attributes are read unnamed")
    if isinstance(static_covariates, (str, Path)) and _no_file(static_covariates):  # 'code': fit's name, or a typo
        raise RnncastError(f"static_covariates= (--static FILE) of a fitted model takes a table or a file's path, and "
                           f"{str(static_covariates)!r} is no file: give a DataFrame or a dict of columns with "
                           f"{idkeys.names_of(id_col, state.ids)} and one column per attribute, or the path of a CSV or Parquet file; the data's "
                           "columns of the model's attributes are read unnamed")
    categorical = state.static_encoder.categorical_names if state.static_encoder is not None else []
    static_covariates = (statics.table_of(static_covariates, id_col, categorical, shown=idkeys.names_of(id_col, state.ids)) if static_covariates is not None
                         else None)  # a file's categorical attributes as written: '001', not 1
    stood = stand_in is not False and state.layout == "wide" and isinstance(data, pd.DataFrame)  # a frame as given
    data = _stood_in(state, data, stand_in) if stood else data  # once: its frame is read from it, below
    own = featuresonly.own_least(data)
    frame = (as_read(statictext.read_file(data, serieskeys.read_as_text(id_col), text=categorical, decide=[]),
                     serieskeys.read_as_text(id_col))  # a file's whole-number ids as int64, as at fit
             if isinstance(data, (str, Path)) else as_frame(data, keep_index=serieskeys.read_as_text(id_col)))
    frame = idtypes.as_fitted(frame, idtypes.fitted_dtypes(state))  # '1.00' is store 1.0 of a model of float stores
    frame, key = serieskeys.on_frame(frame, id_col)  # a model of a key of several: one id column, as at fit
    if key is not None and static_covariates is not None:  # keyed by the key's columns, or by some of them
        static_covariates = serieskeys.spread(static_covariates, key, "the static table", once=True)
    frame = rowindex.without_written_index(frame, (state.targets, state.features, state.time_col, id_col),
                                           announce=False, ids=id_col)  # to_csv's row numbers: no series, as load_panel reads them
    frame = frame if stood else _stood_in(state, frame, stand_in)  # the target the model does not read
    own = own if stood else featuresonly.own_least(frame)
    fittedlayout.same_layout(state, frame, id_col)
    if static_covariates is not None and id_col in frame.columns:  # a long table: its static columns are read too
        statics.given_once(state.static_encoder.numeric_names + state.static_encoder.categorical_names, frame.columns,
                           at_fit=False)  # the table's would win, and the data's be called "not used"
    static = static_covariates if static_covariates is not None else fittedlayout.static_columns(state, frame)
    encoder = state.static_encoder
    codes = statics.numeric_codes(encoder.categorical_names, encoder.vocab) if encoder is not None else []
    if encoder is not None and isinstance(static, list):  # read as fit read them: '1' a category where it was one
        frame = statics.as_fitted(frame, encoder.categorical_names, encoder.numeric_names, codes)
    elif encoder is not None and static is not None:
        static = statics.as_fitted(static, encoder.categorical_names, encoder.numeric_names, codes)
    if static_covariates is not None:  # a blank attribute: the fit's value of a series it knows, named
        staticdrift.blank(state, static, id_col, id_texts(frame[id_col]).unique() if id_col in frame.columns else None)
    if state.layout == "wide" and id_col not in frame.columns:  # a frame as given: its labels are the ids as given
        panel = load_panel(data if isinstance(data, pd.DataFrame) else frame, None, None, toldtime.time_col(state),
                           series=fittedlayout.wide_series(state, frame, static), static_covariates=static, **reading)
    else:
        try:
            panel = load_panel(frame, state.targets, None, toldtime.time_col(state), id_col=id_col, static_covariates=static,
                               key=key, **reading)
        except RnncastError:  # read on the model's calendar (7203 on a NYSE holiday): a series it never saw says so first
            if id_col in frame.columns and (new := unknown(frame[id_col], [*state.ids, *(d["id"] for d in state.skipped_series)])):
                mine = id_texts(frame[id_col]) == id_text(only) if only is not None and \
                    id_text(only) in state.ids else None  # series='AAPL' among 7203's rows: AAPL's alone are read
                if mine is None or not mine.any():
                    raise RnncastError(unseen_series(state, new, doing, key)) from None
                panel = load_panel(frame[mine.to_numpy()], state.targets, None, toldtime.time_col(state), id_col=id_col,
                                   static_covariates=static, key=key, **reading)
                panel.target_least = own
                return panel
            raise
    if static_covariates is not None and (said := staticids.unused_rows(static, panel.ids, id_col, panel.given_ids)):
        log.warning("%s", said)  # as fit said it, and as predict says a future table's rows of other series
    panel.key = key if key is not None else panel.key
    panel.target_least = own  # the data's own target where it was stood in (negatives)
    return panel


def _stood_in(state: FittedState, data, stand_in):
    """``data`` with the target stood in for as ``read_new``'s ``stand_in`` asks (False: as given)."""
    return data if stand_in is False else featuresonly.stood_in(state, data, None if stand_in is True else stand_in)


def one_series(state: FittedState, panel: Panel) -> Panel:
    """``panel``, where a model fitted on one series is given one; a table of several series (a long table's id column,
    ``unique_id`` found by name) is refused, naming them: one series's scaler would read them all."""
    if state.layout != "single" or panel.n_series <= 1:
        return panel
    where = f" in column {panel.id_col!r}" if panel.id_col is not None else ""
    raise RnncastError(f"the model was fitted on one series; the data holds {panel.n_series} ("
                       f"{', '.join(map(str, panel.given_ids[:5]))}{', ...' if panel.n_series > 5 else ''}){where}: "
                       "give one series's rows, or fit on the panel (rnncast fit DATA --id-col COLUMN, id_col= in Python)")


def known(state: FittedState, panel: Panel, doing: str = "scored") -> tuple[Panel, np.ndarray]:
    """For scoring or forecasting: the panel without the series that fit left out as too short (a warning names them:
    the model has no scaler for them), and the position in ``state.ids`` of each remaining series. ``doing``: what the
    warning says they are not (scored, forecast). A forecast of rows without time says how they are numbered (from 0
    in the data given); a series the model was not fitted on is refused first."""
    short = {d["id"] for d in state.skipped_series}
    left_out = [s for s, i in enumerate(panel.ids) if i in short]
    if left_out and state.layout != "single":
        if first_in_block("not " + doing, tuple(left_out)):  # a tune's trials: said by the first (said_once)
            log.warning("%s", leftkeeps.said([repr(panel.given_id(s)) for s in left_out],  # decision 1889
                                             state.skipped_series, state.settings.data, doing, panel.ids))
        gone = set(left_out)  # once, not per series: 2,000 series of which 1,000 short built 2,000 sets
        panel = panel.subset([s for s in range(panel.n_series) if s not in gone])
    if doing == "forecast" and panel.time is None and panel.n_series:
        horizon, rows = state.settings.data.horizon, int(panel.lengths[0])
        if state.layout == "single":
            which = (f"its {counted(rows, 'row')} {'is' if rows == 1 else 'are'} {rows_span(0, rows - 1, '')}, so the "
                     f"forecast is {rows_span(rows, rows + horizon - 1)}")
        elif panel.row_numbers is not None:  # a wide table's rows, which its series share
            which = "the table's rows, which its series share, and each series' forecast on from its last row"
        else:
            which = "in each series, and the forecast on from its last row"
        log.info("%s, so its rows are numbered from 0 (%s); those are the fit's row numbers only where the data "
                 "starts at the fit's first row", toldtime.no_time(state), which)
    panel = without_unseen(state, panel) if doing == "forecast" else panel  # predict: the others forecast (decision 2123)
    index = series_index(state, panel, doing)  # a series the model never saw: refused as such, not left out as undated
    none, said = offcalendar.undated(panel.time, panel.offsets, panel.ids, state.calendars, state.calendar,
                                     panel.given_id, panel.calendar.text_format) if doing == "forecast" else ([], "")
    if none:  # a series whose forecasts cannot be dated, among series whose can
        log.warning("%s", said)
        undated = set(none)
        ids = [panel.ids[s] for s in none]
        panel = panel.subset([s for s in range(panel.n_series) if s not in undated])
        panel.undated = ids  # a future table's rows of them: said as undated (decision 2196)
        index = np.delete(index, list(none))
    # then each series on the calendar the model keeps for it (read inferred)
    owncalendars.refuse_off(panel.time, panel.offsets, panel.ids, state.calendars, state.calendar, panel.given_id,
                            panel.calendar.text_format, MODEL_FREQ)
    return panel, index
