"""The series of new data among those a fitted model knows: each one's position in the model's series (its scaler, its
split), and a series it has none for refused: one fit left out as too short named as such, an unseen one with the ids
the model knows; at predict, series the model never saw beside series it knows are left out by name, the others
forecast (``without_unseen``, decision 2123), and the model's series the data holds no rows of are named, an id
written in another case or spacing with the model's (``absent``, ``respelt``; decision 2171), and listed for
predict's frame (``missing``).
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from rnncast import idtypes, leftout
from rnncast.errors import RnncastError
from rnncast.panel import Panel
from rnncast.seriesids import other_form
from rnncast.spelling import listed, some
from rnncast.state import FittedState

log = logging.getLogger(__name__)


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
        raise RnncastError(unseen_series(state, [panel.given_id(s) for s in unknown], doing, panel.key,
                                         [panel.ids[s] for s in unknown]))
    return np.array([lookup[i] for i in panel.ids], dtype=np.int64)


def unseen_series(state: FittedState, unknown: list, doing: str = "forecast", key=None, ids: list | None = None) -> str:
    """The refusal of series the model was not fitted on, which it has no scaler for; the ids it knows as fit was
    given them where this model was fitted in this session (``FittedState.given_ids``), else as it saved them; where
    the ids are of another kind than the model's (``key``: the data's key of several), said so (``idtypes``)."""
    count = "" if len(unknown) > 5 else f" ({len(unknown)} in all)"  # listed counts a cut list
    known = [(state.given_ids or {}).get(i, i) for i in state.ids[:5]]
    unknown = idtypes.as_held(unknown, known) if state.layout == "long" else unknown  # [999] of int stores, not 999.0
    return (f"series {listed(unknown)}{count} were not in the data the model was fitted on, so it has no scaler for them; "
            f"it knows {len(state.ids)} series, e.g. {known}{idtypes.kinds_note(state, unknown, key)}; leave those series out to "
            f"{'score' if doing == 'scored' else 'forecast'} the others, or fit a "
            f"model on data that holds them{respelt(state, ids or [], unknown) if ids else ''}")


def _folded(i) -> str:
    """An id as compared for a hint: its text with runs of whitespace one space, ends stripped, case folded."""
    return " ".join(str(i).split()).casefold()


def _held(state: FittedState, i):
    return (state.given_ids or {}).get(i, i)


def respelt(state: FittedState, ids: list, given: list) -> str:
    """``"; 's06' is the model's 'S06' written in another case or spacing (ids are matched as written: write it as
    the model holds it)"``: the clause of the data's ids unknown to the model (``ids``, as held; ``given``: as the
    caller wrote them) that are one of the model's but for case and whitespace (the first three named), as decision
    2111 names ids that lost their leading zeros; "" where none is (decision 2171)."""
    model: dict = {}
    for i in state.ids:
        model.setdefault(_folded(i), i)
    pairs = [(g, _held(state, model[_folded(i)])) for i, g in zip(ids, given) if _folded(i) in model]
    if not pairs:
        return ""
    one = len(pairs) == 1
    named = some([f"{g!r} is the model's {m!r}" for g, m in pairs[:3]], 3, total=len(pairs))
    return (f"; {named} written in another case or spacing (ids are matched as written: write "
            f"{'it' if one else 'them'} as the model holds {'it' if one else 'them'})")


def missing(state: FittedState, panel: Panel) -> list[tuple]:
    """The model's series ``panel`` holds no rows of, in the model's order, each ``(id as fit was given it, the data's
    id for it in another case or spacing, or None)``; [] for a model of one series (decisions 2171, 2197)."""
    if state.layout == "single":
        return []
    present = set(panel.ids)
    data = {_folded(i): panel.given_id(s) for s, i in enumerate(panel.ids)}
    return [(_held(state, i), data.get(_folded(i))) for i in state.ids if i not in present]


def absent(state: FittedState, panel: Panel) -> None:
    """One WARNING naming the model's series (the first five, every one counted) that ``panel`` holds no rows of, at
    predict: they get no forecast (a store dropped from the monthly file went unnoticed, t40t1 M5); those the data
    holds in another case or spacing named with it. Nothing where the data holds every one, or none (refused by
    ``series_index``; decision 2171)."""
    gone = missing(state, panel)
    if not gone or len(gone) == len(state.ids):
        return
    present = set(panel.ids)
    ends = dict(zip(state.ids, [c.get("data_end") for c in state.cutoffs or []]))  # each series' last row at fit
    at = pd.to_datetime(pd.Series(ends, dtype=object).astype(str), errors="coerce", format="mixed") if ends else None
    last = at.idxmax() if at is not None and at.notna().all() else None  # the latest end, where each end is a date
    latest = ends.get(last)
    ended = {i: ends[i] for i in state.ids if i not in present and last is not None and at[i] < at[last]}
    names = [repr(i) + (f" (written {w!r} there)" if w is not None else "")
             + (f" (it ended at {ended[k]}, the latest at {latest}, in the data fitted)" if k in ended else "")
             for (i, w), k in zip(gone[:5], [i for i in state.ids if i not in present])]
    one = len(gone) == 1
    if len(ended) == len(gone):  # lines that ended, not lost: said so (decision 2273)
        log.warning("%d of the model's %d series %s no rows in the data and %s not forecast: %s; a series that ended "
                    "is not forecast unless its rows are given", len(gone), len(state.ids), "has" if one else "have",
                    "is" if one else "are", some(names, 5, total=len(gone)))
        return
    log.warning("%d of the model's %d series %s no rows in the data, so %s not forecast: %s; give %s rows to "
                "forecast %s", len(gone), len(state.ids), "has" if one else "have", "it is" if one else "they are",
                some(names, 5, total=len(gone)), "its" if one else "their", "it" if one else "them")


def without_unseen(state: FittedState, panel: Panel) -> Panel:
    """``panel`` without the series a model of many series was not fitted on (nor left out as too short), where it holds
    series the model knows too: one WARNING line names them (the first ten, every one counted) and says the others are
    forecast. A site opened since fit no longer stops the monthly forecast of the 29 the model knows (t39t3 L4); ids
    that are another Unicode form of the model's are refused (``other_form``), and data of no series the model knows
    is refused by ``series_index``, as before."""
    if state.layout == "single":
        return panel
    known = {*state.ids, *(d["id"] for d in state.skipped_series)}
    unknown = [s for s, i in enumerate(panel.ids) if i not in known]
    absent(state, panel)
    if not unknown or len(unknown) == panel.n_series:
        return panel
    other_form([panel.ids[s] for s in unknown], state.ids, "the data", "the model")  # '부산' decomposed: refused
    one, n = len(unknown) == 1, len(unknown)
    held = [(state.given_ids or {}).get(i, i) for i in state.ids[:5]]
    names = [panel.given_id(s) for s in unknown[:10]]
    names = idtypes.as_held(names, held) if state.layout == "long" else names  # [999] of int stores, not 999.0
    log.warning("series %s %s not in the data the model was fitted on, so it has no scaler for %s, and %s not "
                "forecast; %s; to forecast %s, fit a model on data that holds %s%s",
                some([repr(i) for i in names], 10, total=n), "was" if one else "were", "it" if one else "them",
                "is" if one else "are", "the other series is" if panel.n_series - n == 1 else
                f"the other {panel.n_series - n} series are", "it" if one else "them", "it" if one else "them",
                respelt(state, [panel.ids[s] for s in unknown], [panel.given_id(s) for s in unknown]))
    gone = set(unknown)
    return panel.subset([s for s in range(panel.n_series) if s not in gone])
