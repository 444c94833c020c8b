"""The check of a model read back (``FittedState.read``) against the network its weights were built as: every setting
the network fixes, the columns, series and layout, and every learned number one a fit can give (scalers, splits and
their dates, training means, MASE scales and spreads, static covariates). A hand-edited or damaged ``model.json`` is
refused here, naming what is wrong, rather than forecasting NaN or nonsense (issue 18).
"""

from __future__ import annotations

import numpy as np

from rnncast.errors import RnncastError
from rnncast.quantilelevels import parse_quantiles
from rnncast.savedfields import calendar_problem, out_of_order, short


def check(state, spec, meta: dict, where) -> None:
    """The settings and column names of ``state`` (a ``FittedState`` just read from ``meta``, model.json's entries)
    must describe the network the weights were built as (``spec``: ``models.NetSpec``), and every learned number must
    be one a fit can give (arrays [S, T] of the S series and T targets; scalers, splits and static inputs per series):
    a hand-edited or damaged description is refused here rather than forecasting NaN or nonsense. Returns None;
    raises ``RnncastError`` naming ``where`` (the folder) and what is wrong."""
    from rnncast.config import setting_fields

    def refuse(problem: str):
        raise RnncastError(f"the model description in {where} is hand-edited or damaged: {problem}")

    defaults = {f.name: f.default for f in setting_fields()}  # a folder written before a setting existed
    for name in ("cell", "horizon", "hidden_size", "num_layers", "window_norm", "channel_independent",
                 "segment", "decoder", "quantiles", "highway", "dropout", "scheme", "lookback", "window_scale",
                 "season", "target_input"):
        value = state.params.get(name, defaults[name])
        value = tuple(sorted(parse_quantiles(value))) if name == "quantiles" else value  # any order (1662)
        if name == "lookback" and not spec.lookback:
            continue  # a network saved before its lookback was kept (one without a highway)
        if name == "season" and spec.window_norm != "season":
            continue  # the network uses its season only to start the forecast at the last one
        if value != getattr(spec, name):
            saved = (f"is {short(meta['params'][name])}" if name in meta["params"]
                     else f"is missing (read as {short(value)})")
            raise RnncastError(f"the model description in {where} is hand-edited: setting {name} {saved} but "
                               f"the network was built with {getattr(spec, name)!r}")
    n_cols, n, n_targets = len(state.columns), len(state.ids), len(state.targets)
    if (spec.n_inputs != n_cols or spec.n_targets != n_targets or spec.n_future != len(state.future_covariates)
            or len(state.scalers) != n or len(state.splits) != n):
        raise RnncastError(f"the model description in {where} does not match its network ({n_cols} columns named, "
                           f"{n_targets} targets, {len(state.future_covariates)} future covariates, {n} series; "
                           f"the network takes {spec.n_inputs} columns, {spec.n_targets} targets, {spec.n_future} "
                           "future)")
    if state.layout not in ("single", "long", "wide") or (state.layout == "single") != (state.ids == [None]):
        refuse(f"layout {short(state.layout)} with {n} series; a single series' model has layout 'single', a "
               "panel's 'long' or 'wide'")
    if len(set(state.ids)) != n:
        refuse("a series id appears twice")
    if (not all(isinstance(c, str) for c in state.columns) or len(set(state.columns)) != n_cols
            or not all(c is None or isinstance(c, str) for c in (state.id_col, state.time_col))):
        refuse(f"the columns {short(state.columns)} (id {short(state.id_col)}, time {short(state.time_col)}) must "
               "be distinct names (text)")
    for owner, calendar in [("", state.calendar)] + [(f" of series {i!r}", c) for i, c in state.calendars.items()]:
        problem = calendar_problem(calendar)
        if problem:
            refuse(f"the calendar{owner} {problem}")
    for s, scaler in enumerate(state.scalers):
        problem = scaler.problem(state.columns)
        if problem:
            refuse(f"the scaler{_of_series(state.ids[s])} {problem}")
    for s, split in enumerate(state.splits):
        rows = (split.train_end, split.val_end, split.end)
        if not all(isinstance(b, int) and not isinstance(b, bool) for b in rows) or not (
                0 <= rows[0] <= rows[1] <= rows[2]):
            refuse(f"the split{_of_series(state.ids[s])} is {short(rows)}, not rows 0 <= train <= val <= end")
    for s, times in enumerate(state.borders or []):  # [first val, first test, last(, first)]: a fit's in time order
        order = out_of_order([times[3] if len(times) > 3 else None, *times[:3]])
        if order:
            refuse(f"the split dates{_of_series(state.ids[s])} are out of order ({order})")
    if state.train_means.shape != (n, n_targets) or not np.isfinite(state.train_means).all():
        refuse(f"the training means are not {n} x {n_targets} finite numbers")
    # MASE's scale is 0 for a series constant in training and unknown (null) in version 1 folders
    if state.mase_scales.shape != (n, n_targets) or (state.mase_scales < 0).any() or np.isinf(state.mase_scales).any():
        refuse(f"the MASE scales are not {n} x {n_targets} numbers >= 0 (or null)")
    spreads = state.train_spreads  # None: a model saved before they were kept
    if spreads is not None and (spreads.shape != (n, n_targets) or not (np.isfinite(spreads) & (spreads > 0)).all()):
        refuse(f"the training spreads are not {n} x {n_targets} finite numbers > 0")
    _check_static(state, spec, refuse)

def _check_static(state, spec, refuse) -> None:
    """Static covariates: the encoder, the series' inputs and codes against the network's."""
    encoder, n = state.static_encoder, len(state.ids)
    names = encoder.numeric_names if encoder else []
    cardinalities = encoder.cardinalities if encoder else ()
    if spec.n_static != len(names) or spec.static_cardinalities != cardinalities:
        refuse(f"static covariates {len(names)} numeric and categories {list(cardinalities)}, but the network "
               f"takes {spec.n_static} numeric and categories {list(spec.static_cardinalities)}")
    if encoder is not None:
        problem = encoder.problem()
        if problem:
            refuse(f"the static encoder {problem}")
    if state.static_inputs.shape != (n, spec.n_static) or not np.isfinite(state.static_inputs).all():
        refuse(f"the static inputs are not {n} x {spec.n_static} finite numbers")
    codes = state.static_codes
    if codes.shape != (n, len(cardinalities)) or not all(
            ((codes[:, j] >= 0) & (codes[:, j] < c)).all() for j, c in enumerate(cardinalities)):
        refuse(f"the static category codes are not {n} x {len(cardinalities)} codes of known categories")


def _of_series(series_id) -> str:
    return "" if series_id is None else f" of series {series_id!r}"  # None: the one series of a single-series model
