"""Static covariates a fitted model is handed (predict, evaluate, predict_windows) that it was not fitted with: a
numeric attribute far beyond the range its series held at fit, named as a future covariate far out is
(``otherunits``: the same rule and threshold, the same words), and an attribute of a series the model was fitted on
given with another value than at fit (numeric or a category), named once: the series, the column, both values.

A retail tester handed predict a store of 5000 m² where the fit's stores held 450 to 1200 (a unit or a typo?) and
heard nothing, while a promotion far out was named; a store's size changed since fit was used silently too. Both
are read as given (the model reads what it is handed): the warnings say so, and what to give instead. A blank
attribute in the table handed to it (``blank``) is refused with the value the model was fitted with for that series.
"""

from __future__ import annotations

import logging

import numpy as np

from rnncast import otherunits
from rnncast.errors import RnncastError
from rnncast.idtypes import texts_by_value
from rnncast.noticed import first_time
from rnncast.seriesids import id_texts
from rnncast.spelling import some

log = logging.getLogger(__name__)

WHAT = "the static covariates"  # otherunits' words: "column 'store_size' of the static covariates holds values ..."


def checked(state, panel, index: np.ndarray, encoded: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """``encoded`` (the panel's own attributes as the model's inputs [S, Kn] and codes [S, Kc]), as they are, after
    warning of its numeric attributes far beyond the fitted range (``far``) and of the series at ``index`` (their
    positions in ``state.ids``) given other values than at fit (``changed``)."""
    far(state, panel)
    changed(state, panel, index, *encoded)
    return encoded


def _fitted(state) -> np.ndarray:
    """The fit's numeric attributes [S, Kn] in their units (the encoder's z-scores taken back, as float32 keeps them)."""
    encoder = state.static_encoder
    return state.static_inputs.astype(np.float64) * encoder.scale + encoder.offset


def far(state, panel) -> None:
    """One warning per numeric attribute holding values ``otherunits.margin`` beyond the least and greatest of the
    fit's series (store_size 5000 where stores held 450 to 1200), its series listed as ``otherunits.warn`` lists
    them."""
    encoder = state.static_encoder
    fitted, given = _fitted(state), np.asarray(panel.static.numeric, dtype=np.float64)
    found: dict = {}
    for j, name in enumerate(encoder.numeric_names):
        low, high = float(fitted[:, j].min()), float(fitted[:, j].max())
        kept = [float(np.median(fitted[:, j])), float(fitted[:, j].std()), low, high]
        for s in np.flatnonzero(otherunits.beyond(given[:, j], low, high)):
            otherunits.named(found, str(name), panel.given_id(int(s)), given[s:s + 1, j], kept)
    otherunits.warn(found, state, WHAT)


def changed(state, panel, index: np.ndarray, numeric: np.ndarray, codes: np.ndarray) -> None:
    """One warning naming the series of ``panel`` whose attributes (``numeric`` [S, Kn] as inputs, ``codes``
    [S, Kc]) differ from those the model was fitted with for the same series (``index``: its positions in
    ``state.ids``): each series, column and both values, the first five; once per model and values."""
    encoder = state.static_encoder
    fitted, given = _fitted(state), np.asarray(panel.static.numeric, dtype=np.float64)
    said = []
    for s, k in enumerate(np.asarray(index)):
        for j, name in enumerate(encoder.numeric_names):  # as the network reads them: float32, exactly as at fit
            if not np.isclose(numeric[s, j], state.static_inputs[k, j], rtol=1e-6, atol=1e-6):
                said.append((panel.given_id(s), str(name), f"{given[s, j]:.6g}", f"{fitted[k, j]:.6g}"))
        for j, name in enumerate(encoder.categorical_names):
            if codes[s, j] != state.static_codes[k, j]:
                labels = encoder.vocab[j]
                said.append((panel.given_id(s), str(name), repr(labels[codes[s, j]]), repr(labels[state.static_codes[k, j]])))
    if not said or not first_time(getattr(state, "said", None), "static changed", tuple(said)):
        return
    series = len({s for s, *_ in said})
    listed = [f"series {s!r}: {name!r} {new} (fitted {old})" for s, name, new, old in said]
    log.warning("%s the model was fitted on %s static covariates other than at fit (%s): the model reads the values "
                "given; if the change is not meant, give the values of the fit", "1 series" if series == 1 else
                f"{series} series", "comes with" if series == 1 else "come with", some(listed, sep="; "))


def blank(state, table, id_col: str, data_ids=None) -> None:
    """Refuse a blank attribute of the model's in the static ``table`` handed to it (``id_col`` its series' column;
    ``data_ids``: the data's series as text, None: every row's), naming the value the model was fitted with for each
    series it knows ("give the value the model was fitted with: 450"), else asking for one: dropping the column is no
    way at predict (the model reads every attribute it was fitted with)."""
    encoder = state.static_encoder
    if encoder is None or id_col not in getattr(table, "columns", ()):
        return
    given = list((state.given_ids or {}).values()) or None  # the fit's ids: '1.00' is store 1.0 (staticids' rule)
    keys, fitted = texts_by_value(id_texts(table[id_col]), state.ids, given).to_numpy(), _fitted(state)
    row = {i: k for k, i in enumerate(state.ids)}
    wanted = np.ones(len(keys), bool) if data_ids is None else np.isin(keys, list(data_ids))
    for j, name in enumerate([*encoder.numeric_names, *encoder.categorical_names]):
        if name not in table.columns or not (empty := table[name].isna().to_numpy() & wanted).any():
            continue
        known = [(g, row[key]) for g, key in zip(table[id_col].to_numpy()[empty], keys[empty]) if key in row]
        n = len(encoder.numeric_names)
        value = (lambda k: f"{fitted[k, j]:.6g}") if j < n else (
            lambda k: repr(encoder.vocab[j - n][state.static_codes[k, j - n]]))
        series = [str(g) for g in table[id_col].to_numpy()[empty]]
        give = (f"give the value the model was fitted with: {value(known[0][1])}" if len(known) == 1 == len(series)
                else "give the values the model was fitted with: " + some([f"{g!r} {value(k)}" for g, k in known], 5,
                                                                         sep="; ") if known else "")
        new = len(series) - len(known)
        rest = (f"{'; for the other ' + str(new) if known else ''} fill {'it' if len(series) == 1 else 'them'} in"
                if new else "")
        raise RnncastError(f"static covariate {name!r} is missing for series {some([repr(g) for g in series], 5)} in "
                           f"the static covariate table; the model reads each attribute it was fitted with for every "
                           f"series: {give}{rest}")
