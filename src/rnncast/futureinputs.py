"""The future covariates a forecast takes: ``future=`` needed by a model fitted with them (refused by one without),
aligned with the forecast steps by series and date (``sharedfuture``, ``future``), its values checked (1e40, a
missing-value code, a value the model learned nothing from) and scaled as the model's inputs.
"""

from __future__ import annotations

import numpy as np
import torch

from rnncast import calendarcovariates, missingcodes, resolution, seriesscalers, unknownfuture
from rnncast.data import ID_COLUMN
from rnncast.errors import RnncastError
from rnncast.modeltimes import MODEL_ZONE, MODEL_ZONE_NONE
from rnncast.panel import Panel
from rnncast.sharedfuture import align as align_future, keys_needed
from rnncast.spelling import hint, hints


def scaled_future(model, panel: Panel, future, when: list, offset: np.ndarray, scale: np.ndarray) -> torch.Tensor | None:
    """The future covariates over the horizon of every series, scaled: [S, H, F] on ``model``'s device
    (``forecasting.Model``); None for a model without them, where ``future`` given is refused."""
    state = model.state
    if not state.future_covariates:
        if future is not None:
            raise RnncastError(f"{hint('future', 'future=')} was given but the model was trained without future covariates "
                               f"({hint('future_roles', 'future_covariates=, or features with future_known=True')})")
        return None
    horizon, made = state.settings.data.horizon, state.settings.data.calendar_covariates
    names = calendarcovariates.given(state.future_covariates, made)  # those the table holds: decision 1983
    computed = np.stack([calendarcovariates.values(w, made) for w in when]) if made else None  # [S, H, K]
    if not names:  # every future covariate is computed from the forecast dates
        if future is not None:
            raise RnncastError(f"{hint('future', 'future=')} was given but the model's future covariates "
                               f"{state.future_covariates} are all computed from the forecast dates (calendar_covariates="
                               f"{made!r}): leave it out")
        seriesscalers.say_unlearned(state, panel, future=computed, when=when)  # a holiday never seen in training
        return _scaled(model, computed, len(state.targets) + len(state.past_covariates), offset, scale)
    if future is None:
        raise RnncastError(
            f"this model needs the future values of its future covariates {names} over the {horizon} forecast "
            "steps: pass future= (--future FILE; a frame with those columns, one row per step"
            + keys_needed(state.layout, state.id_col or ID_COLUMN, state.time_col or "ds", state.ids) + ")")
    with hints(zone=MODEL_ZONE, zone_none=MODEL_ZONE_NONE):  # its times read in UTC: said with what predict can do
        values = align_future(future, panel.ids, when, names, id_col=None if state.layout == "single" else
                              (state.id_col or ID_COLUMN), time_col=state.time_col, tz=state.settings.data.tz,
                              layout=state.layout, panel=panel,  # the data: its own values at a series' steps
                              dayfirst=panel.calendar.dayfirst if panel.calendar.dayfirst is not None else
                              state.calendar.dayfirst, holidays=state.calendar.holidays,  # the data's order, as read
                              weekmask=state.calendar.weekmask, said=state.said, given_ids=panel.given_ids,
                              time_unit=state.settings.data.time_unit, text_format=state.calendar.text_format,
                              data_offsets=panel.written_offsets, key=panel.key,  # a refusal's example
                              skipped=[str(d["id"]) for d in state.skipped_series],  # named apart (decision 1495)
                              fitted=[str(i) for i in state.ids],  # fitted on, no rows given: decision 2161
                              undated=[str(i) for i in panel.undated],  # given, no calendar: decision 2196
                              missing_values=state.settings.data.missing_values,  # 'M': decision 1688
                              computed=calendarcovariates.columns(made))  # given too: said as ignored (decision 2041)
    first = len(state.targets) + len(state.past_covariates)
    given = slice(first, first + len(names))  # the table's columns; the computed ones follow
    resolution.future(values, names, panel, when, offset[:, given], scale[:, given], state)  # 1e40: named
    missingcodes.refuse_future(values, names, state.settings.data.missing_values, state, panel.ids,
                                panel.given_ids)  # -999: no value; named as given (102, not '102')
    unknownfuture.zero_tails(values, names, panel, when)  # 0 written for "not known yet" (decision 2260)
    values = values if computed is None else np.concatenate([values, computed], axis=2)
    seriesscalers.say_unlearned(state, panel, future=values, when=when)  # a value the model learned nothing from
    return _scaled(model, values, first, offset, scale)


def _scaled(model, values: np.ndarray, first: int, offset: np.ndarray, scale: np.ndarray) -> torch.Tensor:
    """[S, H, F] future covariates ``values`` in original units, scaled by the columns from ``first`` on."""
    scaled = ((values - offset[:, None, first:]) / scale[:, None, first:]).astype(np.float32)
    return torch.from_numpy(scaled).to(model.device)  # [S, H, F]
