"""New data held against the layout of the panel the model was fitted on: a table in another layout refused (a long
model's without its id column, a wide model's of none of its series), a wide table's series to read, and the static
covariate columns a long table holds. ``reading`` asks these of a table before it loads it.
"""

from __future__ import annotations

import logging

import pandas as pd

from rnncast.errors import RnncastError
from rnncast.lookalikes import refuse_other_form
from rnncast.modelseries import unseen_series
from rnncast.modeltimes import MODEL_COLUMN
from rnncast.spelling import listed
from rnncast.state import FittedState

log = logging.getLogger("rnncast.reading")  # said as new data's reading, as before it moved (reading.py)


def same_layout(state: FittedState, frame: pd.DataFrame, id_col: str) -> None:
    """Refuse a table in another layout than the panel the model was fitted on, naming both: a long model's table
    without the id column; a wide model's table of none of its series columns, or a long one without the value
    column (``y``) the model reads long rows by. ``frame``: the data as read, its labels text; ``id_col``: the model's
    id column (``unique_id`` where it had none). Raises ``RnncastError``; returns None."""
    columns = [str(c) for c in frame.columns]
    fitted = (f"a long panel of {len(state.ids)} series (their ids in column {id_col!r})" if state.layout == "long" else
              f"a wide table of {len(state.ids)} series (one column each: {', '.join(state.ids[:5])}"
              f"{', ...' if len(state.ids) > 5 else ''})")
    if state.layout == "long":  # '지점' decomposed (NFD) in the header
        refuse_other_form([id_col], columns, lambda name: f"id column {name!r} not found", MODEL_COLUMN)
    if state.layout == "long" and id_col not in columns:
        raise RnncastError(f"the model was fitted on {fitted}; the data has no column {id_col!r} (its columns: "
                           f"{', '.join(columns[:8])}): give the rows with their series' ids in {id_col!r}, as at fit")
    if state.layout == "wide" and id_col in columns and not set(state.targets) <= set(columns):
        raise RnncastError(f"the model was fitted on {fitted}; the data is a long table (series in column {id_col!r}) "
                           f"without the column {', '.join(state.targets)!r} that holds the values of such rows: give "
                           f"one column per series, as at fit, or the long rows' values in {', '.join(state.targets)!r}")
    if state.layout == "wide" and id_col not in columns:  # every series' header decomposed: said so, not 'holds none of them'
        refuse_other_form(state.ids, columns, lambda name: f"series column {name!r} not found", MODEL_COLUMN)
    if state.layout == "wide" and id_col not in columns and not {*state.ids, *(str(d["id"]) for d in state.skipped_series)} & {*columns}:
        raise RnncastError(f"the model was fitted on {fitted}; the data holds none of them (its columns: "
                           f"{', '.join(columns[:8])}): give the series' columns by their names at fit")


def wide_series(state: FittedState, frame: pd.DataFrame, static) -> list:
    """The series columns of a wide table to read: the trained ones it holds, and those fit left out as
    too short (``known`` names them); a trained series it lacks is named in a warning. A column new
    since fit is refused by name (as long format refuses an unseen id) where fit took every numeric
    column as a series (``series='all'``), so it would be one; else it is named as not used. ``static``: the static
    covariates read (a list of the frame's columns, a table, or None). Returns the column names, in the model's
    order (all the model's where the table holds none of them); raises ``RnncastError``."""
    columns = [str(c) for c in frame.columns]
    trained, short = set(state.ids), [str(d["id"]) for d in state.skipped_series]
    missing = [i for i in state.ids if i not in columns]  # none in another Unicode form: same_layout refused those
    if missing and len(missing) < len(state.ids):
        log.warning("series %s the model was trained on are not in the data and are not forecast or scored",
                    listed(missing))
    known_columns = trained | set(short) | {state.time_col, *state.features, *state.unused}
    known_columns |= set(static) if isinstance(static, list) else set()
    new = [c for c in columns if c not in known_columns]
    numeric = [c for c in new if pd.api.types.is_numeric_dtype(frame[c])]
    if state.series_all and numeric:
        raise RnncastError(unseen_series(state, numeric))
    if new:
        log.warning("column(s) %s are not used: the model was fitted on series %s%s", listed(new), listed(state.ids),
                    f" and covariates {state.features}" if state.features else "")
    present = [i for i in state.ids if i in columns]
    present += [i for i in short if i in columns and frame[i].notna().any()]
    return present or state.ids


def static_columns(state: FittedState, frame: pd.DataFrame) -> list | None:
    """The model's static covariate columns when the long table ``frame`` holds them, in the encoder's order (None: it
    holds none, or the model has none). Raises ``RnncastError`` where it holds some but not all, or where the model read
    them from a table of their own (``--static FILE``)."""
    if state.static_encoder is None:
        return None
    wanted = state.static_encoder.numeric_names + state.static_encoder.categorical_names
    present = [c for c in wanted if c in frame.columns]
    if present and state.static_table:  # fit read them from a table: a column of the same name is not known to be them
        raise RnncastError(f"the model was fitted with static covariate(s) {', '.join(map(repr, present))} in a table of "
                           "their own (--static FILE at fit), and the data holds column(s) of the same name(s), which "
                           "are not read in their place: give the table with --static FILE (static_covariates= in "
                           "Python) and drop the column(s) from the data, or drop them to use the values seen at fit")
    if present and len(present) < len(wanted):
        raise RnncastError(f"the data holds static covariate(s) {present} but not {sorted(set(wanted) - set(present))}; "
                           "give all of them, or none to use the values seen at fit")
    return present or None
