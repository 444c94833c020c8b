"""The roles a fitted model read its data with (target, covariates, id and time columns, static
covariates, a wide table's series), as ``loading.load_panel``'s keywords: what a fitted
Forecaster's ``backtest`` reads its data with where the caller names no role, so that
``m.backtest(df)`` tests the model ``m`` is (its covariates included), not a model of the target alone.
A role given overrides the fit's; where it differs from it, one warning says so.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from rnncast import calendarcovariates, heldrows, rolenames, toldtime
from rnncast.data import ID_COLUMN
from rnncast.loading import load_panel
from rnncast.panel import Panel
from rnncast.reading import one_series
from rnncast.spelling import listed
from rnncast.state import FittedState

log = logging.getLogger(__name__)

ROLES = ("target", "features", "time_col", "id_col", "series", "past_covariates", "future_covariates",
         "static_covariates", "static_categorical")
COLUMN_ROLES = ("target", "features", "past_covariates", "future_covariates")  # roles that take value columns


def of_state(state: FittedState, data=None, static_given: bool = False) -> dict:
    """The reading keywords of the fit's roles. ``data``: the table to read; where its columns do not hold the
    static covariates (a DataFrame without them, or any data of a model fitted on a table of them), the values the
    model holds are given as a table (``held_static``), as predict uses them, unless ``static_given`` (the caller
    gives static covariates of its own, which take their place)."""
    roles = dict.fromkeys(ROLES)
    roles.update(time_col=toldtime.time_col(state), past_covariates=state.past_covariates or None,
                 future_covariates=calendarcovariates.given(  # the data's: not those computed (decision 1983)
                     state.future_covariates, state.settings.data.calendar_covariates) or None)
    if state.layout == "wide":
        short = [str(d["id"]) for d in state.skipped_series]
        roles["series"] = "all" if state.series_all else [*state.ids, *short]
    else:
        roles["target"] = list(state.targets)
    if state.layout == "long":
        roles["id_col"] = state.id_col
    if state.static_encoder is not None:
        static = [*state.static_encoder.numeric_names, *state.static_encoder.categorical_names]
        frame = isinstance(data, pd.DataFrame)
        if not static_given and ((frame and not set(static) <= {str(c) for c in data.columns}) or (
                data is not None and not frame and state.static_table)):  # a file: a table-fitted model's are not in it
            log.info("the backtest reads the model's static covariates %s from the values the model holds (a table "
                     "given as static_covariates= (--static FILE) replaces them)", listed(static))
            static = held_static(state)
        # categories as the fit read them: integer codes it read as categories (static_categorical) too
        roles["static_covariates"] = static
        roles["static_categorical"] = list(state.static_encoder.categorical_names) or None
    return roles


def held_static(state: FittedState) -> pd.DataFrame:
    """The static covariates a fitted model holds, one row per series it was fitted on, as a table ``load_panel``
    reads: its id column (a long table's id column, a wide table's ``unique_id``; ids as the caller gave them where
    the model knows it), the numeric attributes in their units (the encoder's z-scores [S, Kn] taken back: the
    float32 the network reads, so to about a ten-millionth of the attribute's spread across the series) and the
    categorical ones as their labels (text). The series fit left out (``state.skipped_series``), of which the model
    holds no values, follow with stand-in rows (each attribute's mean or first category), listed in the table's
    ``attrs["stand_ins"]`` (ids as text): ``read`` leaves those series out of the backtest by name (decision 1490)."""
    encoder = state.static_encoder
    given = state.given_ids or {}
    short = [str(d["id"]) for d in state.skipped_series]
    table = {state.id_col if state.layout == "long" else ID_COLUMN: [given.get(i, i) for i in [*state.ids, *short]]}
    numeric = state.static_inputs.astype(np.float64) * encoder.scale + encoder.offset  # [S, Kn]
    numeric = np.vstack([numeric, np.broadcast_to(np.asarray(encoder.offset, dtype=np.float64), (len(short), numeric.shape[1]))])
    table.update({name: numeric[:, j] for j, name in enumerate(encoder.numeric_names)})
    table.update({name: [encoder.vocab[j][c] for c in state.static_codes[:, j]] + [encoder.vocab[j][0]] * len(short)
                  for j, name in enumerate(encoder.categorical_names)})
    frame = pd.DataFrame(table)
    frame.attrs["stand_ins"] = short
    return frame


def merged(state: FittedState, given: dict, data=None) -> dict:
    """The reading keywords of a fitted model's backtest: each role given (not None) as given, the others
    the fit's (``features`` given stands for both covariate roles); one warning names the roles given
    that differ from the fit's."""
    named = {k: rolenames.as_list(v) for k, v in given.items() if v is not None}  # df.columns[:2]: a list
    fitted = of_state(state, data, static_given="static_covariates" in named)
    original = dict(fitted)
    if "features" in named:
        fitted.update(past_covariates=None, future_covariates=None)
    differ = [k for k, v in named.items() if _names(v) != _names(_fitted_value(state, fitted, k))]
    taken = {n for k in COLUMN_ROLES if k in named for n in (_names(named[k]) or [])}
    for role in COLUMN_ROLES:  # a column a given role takes leaves the fit's other roles: backtest(target='temp')
        if role not in named and fitted[role] is not None and not isinstance(fitted[role], str) and taken:
            kept = [c for c in fitted[role] if str(c) not in taken]
            if len(kept) != len(fitted[role]):
                fitted[role] = kept or None
                differ.append(role)
    if differ:
        reads = [f"{k} {_shown(named[k])} as given" if k in named else f"{k} {_shown(fitted[k])} (a role given takes the rest)"
                 for k in differ]
        fit = [_fit_shown(state, original, k) for k in differ]
        instead = (" (features= takes the place of both covariate roles: to keep one, give it by its role, "
                   "past_covariates= or future_covariates=)"
                   if "features" in differ and (state.past_covariates or state.future_covariates) else "")
        log.warning("backtest reads %s, where the model was fitted with %s%s; the other roles are the fit's",
                    ", ".join(reads), ", ".join(fit), instead)
    if "static_covariates" in named and "static_categorical" not in named and fitted["static_categorical"]:
        fitted["static_categorical"] = _held(fitted["static_categorical"], named["static_covariates"])
    return {**fitted, **named}


def _held(categorical: list, static) -> list | None:
    """The fit's ``categorical`` attributes that static covariates given to a backtest hold (``static``: names, or
    a table whose columns are known; a file's are read by ``load_panel``, which names any it lacks)."""
    if isinstance(static, (pd.DataFrame, dict)):
        columns = {str(c) for c in static} | ({str(static.index.name)} if isinstance(static, pd.DataFrame) else set())
    elif _table(static) and not hasattr(static, "__fspath__"):  # a Polars or pyarrow table: its column names
        import pyarrow as pa

        columns = {str(c) for c in pa.table(static).column_names}
    elif hasattr(static, "__fspath__"):
        return categorical
    else:
        columns = set(_names(static) or [])
    return [c for c in categorical if c in columns] or None


def read(state: FittedState | None, given: dict, data, reading: dict, left: list | None = None,
         need: int | None = None) -> Panel:
    """A fitted model's backtest data (``data`` a table; ``given`` the roles named, ``reading`` the settings'
    keywords) read with ``merged`` roles; without a fitted model, with the roles given. A model fitted on one series
    refuses a table of several where no role given (``id_col``, ``series``) asks for a panel (``reading.one_series``):
    the backtest would test a panel model, not the one fitted. ``left``: a list the records of the series left out
for want of static values the model holds are appended to (``heldrows.without``); ``need``: the rows the backtest needs
of a series, which tells those the static table given again would backtest (None: unknown, dates)."""
    if state is None:
        return load_panel(data, **given, **reading)
    roles = merged(state, given, data)
    static = roles["static_covariates"]
    held = isinstance(static, pd.DataFrame) and "stand_ins" in static.attrs  # the model's values, not a caller's table
    stand_ins = static.attrs["stand_ins"] if held else []
    with heldrows.quiet(held):  # the model's own rows of series not in the data: no table of the caller's
        panel = load_panel(data, **roles, **reading)
    panel = heldrows.without(panel, stand_ins, left, need)
    return panel if given.get("id_col") is not None or given.get("series") is not None else one_series(state, panel)


def _fitted_value(state: FittedState, fitted: dict, role: str):
    """The fit's value of ``role``; ``features``: the fit's covariates, past and future; ``static_covariates`` of a
    model fitted on a table of them: a table (another table given is no other role)."""
    if role == "static_covariates" and state.static_table and fitted[role] is not None:
        return {}  # a table, as _names reads one
    return state.features or None if role == "features" else fitted[role]


def _fit_shown(state: FittedState, fitted: dict, role: str) -> str:
    """``role`` and the fit's value of it, as the warning says it; for ``features`` (which a fit records by
    the roles it gave them) each covariate role the fit used: "past_covariates temp, future_covariates price"."""
    if role != "features":
        return f"{role} {_shown(_fitted_value(state, fitted, role))}"
    used = [(name, columns) for name, columns in (("past_covariates", state.past_covariates),
                                                  ("future_covariates", state.future_covariates)) if columns]
    return ", ".join(f"{name} {_shown(columns)}" for name, columns in used) or "no covariates"


def _table(value) -> bool:
    """A table of static covariates: a DataFrame, a dict of columns, a file's path, or a table with
    ``__arrow_c_stream__`` (Polars, pyarrow), never iterated as names (decision 2232)."""
    return (isinstance(value, (pd.DataFrame, dict)) or hasattr(value, "__fspath__")
            or (not isinstance(value, pd.Series) and hasattr(value, "__arrow_c_stream__")))


def _names(value) -> list[str] | None:
    if value is None or _table(value):  # static: a table
        return None if value is None else ["<table>"]
    return [str(value)] if isinstance(value, (str, bool)) else [str(v) for v in value]  # time_col=False: "False"


def _shown(value) -> str:
    names = _names(value)
    return "none" if not names else names[0] if len(names) == 1 else ", ".join(names)
