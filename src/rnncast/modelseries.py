"""The series of new data among those a fitted model knows: each one's position in the model's series (its scaler, its
split), and a series it has none for refused: one fit left out as too short named as such, an unseen one with the ids
the model knows.
"""

from __future__ import annotations

import numpy as np

from rnncast import idtypes, leftout
from rnncast.errors import RnncastError
from rnncast.panel import Panel
from rnncast.seriesids import other_form
from rnncast.spelling import listed
from rnncast.state import FittedState


def series_index(state: FittedState, panel: Panel, doing: str = "forecast") -> np.ndarray:
    """Position in ``state.ids`` of every series of ``panel``; series the model has no scaler for are an error, which
    says what leaving them out lets the model do (``doing``: "forecast", "scored")."""
    if state.layout == "single":
        return np.zeros(1, dtype=np.int64)
    lookup = {i: k for k, i in enumerate(state.ids)}
    unknown = [s for s, i in enumerate(panel.ids) if i not in lookup]
    if not panel.n_series:
        raise RnncastError("no series of the data was trained; every one was too short at fit")
    if unknown:
        short = {d["id"]: d for d in state.skipped_series}
        if any(panel.ids[s] in short for s in unknown):
            records = [{**short[panel.ids[s]], "id": panel.given_id(s)} for s in unknown if panel.ids[s] in short]
            raise RnncastError(f"series {leftout.listed(records)} {leftout.reason(records, len(records) == 1)} (needed "
                               f"{leftout.needs(records)}), so the model has no scaler for them; leave them out")
        other_form([panel.ids[s] for s in unknown], state.ids, "the data", "the model")  # '부산' decomposed
        raise RnncastError(unseen_series(state, [panel.given_id(s) for s in unknown], doing, panel.key))
    return np.array([lookup[i] for i in panel.ids], dtype=np.int64)


def unseen_series(state: FittedState, unknown: list, doing: str = "forecast", key=None) -> str:
    """The refusal of series the model was not fitted on, which it has no scaler for; the ids it knows as fit was
    given them where this model was fitted in this session (``FittedState.given_ids``), else as it saved them; where
    the ids are of another kind than the model's (``key``: the data's key of several), said so (``idtypes``)."""
    count = "" if len(unknown) > 5 else f" ({len(unknown)} in all)"  # listed counts a cut list
    known = [(state.given_ids or {}).get(i, i) for i in state.ids[:5]]
    unknown = idtypes.as_held(unknown, known) if state.layout == "long" else unknown  # [999] of int stores, not 999.0
    return (f"series {listed(unknown)}{count} were not in the data the model was fitted on, so it has no scaler for them; "
            f"it knows {len(state.ids)} series, e.g. {known}{idtypes.kinds_note(state, unknown, key)}; leave those series out to "
            f"{'score' if doing == 'scored' else 'forecast'} the others, or fit a "
            "model on data that holds them")
