"""Each series' scaler from its own training rows, and one line per column a series' rows hold constant.

A panel's series are scaled one by one (statsforecast's many series as one array: the statistics of all
series of one training length are taken at once, ``scaling.series_stats``). A column constant on a series'
training rows cannot be divided by its spread: one series alone refuses it, and in a panel it is only
shifted to 0 there (scale 1; by its mean or its minimum: the lines say "shifted to 0", true of every scaler, decision
1785). ``fit_scalers`` says so once per column, naming how many series and the first few,
not once per series (a thousand stores gave a thousand lines); a covariate constant within every series is
0 everywhere once centred, so the network learns nothing from it, and the line says that a value which only
tells the series apart is a static covariate, or, where it is the same in every series, that it carries no information.
A later value of such a covariate (predict's rows or future values, evaluate's windows) other than its training one is
named once (``say_unlearned``): the model learned nothing from the column, so that value tells it nothing; a
backtest's windows once per column, with the cutoffs concerned (``say_unlearned_cutoffs``, decision 2040).
"""

from __future__ import annotations

import logging

import numpy as np

from rnncast import scaling
from rnncast.noticed import first_time
from rnncast.panel import Panel
from rnncast.scaling import Scaler, flat_columns, flat_said
from rnncast.timetext import shown
from rnncast.spelling import listing, named, some
from rnncast.windows import Split

log = logging.getLogger("rnncast.fitting")  # the logger these lines always came from
SHOWN = 3  # series named in a column's line; the rest are counted


def fit_scalers(panel: Panel, splits: list[Split], kind: str) -> list[Scaler]:
    """Every series' ``fit_scaler`` [S], taken for all series of one training length at once
    (``scaling.series_stats``); a series with a constant or too large column goes through ``fit_scaler`` (its
    refusal, in order), and the constant columns are said once each (``say_flat``). Raises ``RnncastError``
    for a column too large to scale."""
    values, starts = panel.values, panel.offsets[:-1]
    flats: dict[int, list[tuple[int, str]]] = {}
    if values.dtype != np.float64 or not values.flags.c_contiguous or kind not in ("standard", "minmax", "none"):
        scalers = [fit_scaler(panel, s, split.train_end, kind, flats) for s, split in enumerate(splits)]
    else:
        ends = starts + np.array([split.train_end for split in splits], dtype=np.int64).reshape(-1)
        offset, scale, plain = scaling.series_stats(kind, values, starts, np.minimum(ends, panel.offsets[1:]))
        scalers = [Scaler(kind, offset[s].copy(), scale[s].copy()) if ok
                   else fit_scaler(panel, s, splits[s].train_end, kind, flats) for s, ok in enumerate(plain.tolist())]
    if kind == "none":  # nothing scaled, nothing centred: a covariate of one value everywhere still carries nothing
        for s, split in enumerate(splits):  # found as a standard scaler finds a constant; say_flat says only that
            if split.train_end:
                rows = panel.rows(s)[:split.train_end]
                _note_flat(flats, s, rows, flat_columns("standard", rows))
    given = panel.n_given  # a calendar column constant on the training rows: check_fit's, say_unlearned's (decision 2025)
    say_flat(panel, {j: found for j, found in flats.items() if j < given}, centred=kind != "none")
    return scalers


def _note_flat(flats: dict, s: int, rows: np.ndarray, found: np.ndarray) -> None:
    """Adds the columns ``found`` constant on series ``s``'s training ``rows`` to ``flats`` (``say_flat``'s record:
    column -> [(series, how it is constant, its lowest and highest training value)])."""
    for j in found.tolist():
        column = rows[:, j]
        flats.setdefault(j, []).append((s, flat_said(column), float(np.min(column)), float(np.max(column))))


def fit_scaler(panel: Panel, s: int, train_end: int, kind: str, flats: dict | None = None) -> Scaler:
    """Series ``s``'s scaler from its own training rows. One series refuses a constant target (``RnncastError``);
    a constant covariate, and in a panel a constant column of one series (a price that never changed), is centred
    only, and noted in ``flats`` (said by ``say_flat``: one series' covariate as carrying no information)
    (column -> [(series, how it is constant)]) or, without it, warned of for this series alone."""
    rows, columns = panel.rows(s)[:train_end], panel.named_columns(s)  # a wide table's own column, not 'y'
    alone = panel.id_col is None  # its constant target: nothing to forecast (refused); a covariate: said, centred
    scaler = Scaler.fit(kind, rows, columns, constant="targets" if alone else "center", targets=panel.n_targets)
    flat = flat_columns(kind, rows)  # as Scaler.fit found them: constant, or varying by float64's rounding only
    if flats is not None:
        _note_flat(flats, s, rows, flat)
    elif (flat := flat[flat < panel.n_given]).size:  # computed calendar columns: not the data's (decision 2025)
        log.warning("%s: %s, so %s only shifted to 0 (scale 1)", panel.label(s), "; ".join(
            f"column {columns[j]!r} {flat_said(rows[:, j])}" for j in flat), "it is" if flat.size == 1 else "they are")
    return scaler


def say_flat(panel: Panel, flats: dict[int, list[tuple[int, str, float, float]]], centred: bool = True) -> None:
    """One warning per column of ``flats`` (column -> [(series, how it is constant: ``scaling.flat_said``, its lowest
    and highest training value)]): in how many series it is constant on the training rows (or varies by rounding
    only), the first ``SHOWN`` of them, and what that means for the model. A covariate constant within every series
    is 0 once centred: where its value differs between series it only tells them apart (a static covariate, as the
    layout takes one); where it is the same in every series it tells nothing apart and carries no information, as one
    series' constant covariate does. ``centred`` False (no scaler): only the columns that carry no information."""
    constant = "is constant on the training rows "
    for j, found in sorted(flats.items()):
        name = panel.named_columns(found[0][0])[j]
        named = "the target" if j < panel.n_targets and panel.layout == "wide" else f"column {name!r}"
        listed = "; ".join(f"{panel.label(s)} {said.replace(constant, '')}" for s, said, *_ in found[:SHOWN])
        listed += f"; and {len(found) - SHOWN} more" if len(found) > SHOWN else ""
        flat = ("is constant on the training rows" if all(said.startswith(constant) for _, said, *_ in found) else
                "cannot be scaled (constant, or varying by rounding only) on the training rows")
        share = "every series" if len(found) == panel.n_series else f"{len(found)} of {panel.n_series} series"
        role = "future" if j >= panel.n_targets + panel.n_past else "past"
        if j >= panel.n_targets and panel.n_series == 1 and "so small" not in found[0][1]:
            log.warning("%s %s: it tells no time from another, so as a %s covariate it carries no information: drop "
                        "it", named, found[0][1], role)  # as a panel's column of one value in every series
            continue
        if j >= panel.n_targets and len(found) == panel.n_series > 1:
            ends = np.array([[end] for *_, low, high in found for end in (low, high)])  # [2S, 1]
            if scaling.constant_columns(ends)[0]:  # one value in every series (a wide table's shared column, say)
                log.warning("%s %s of every series, the same value in each (%s): it tells neither one time nor one "
                            "series from another, so as a %s covariate it carries no information: drop it", named,
                            flat, listed, role)
                continue
            if not centred:
                continue
            static = ("static_covariates=a DataFrame, --static FILE: wide data takes them as a table" if
                      panel.layout == "wide" else "static_covariates=, --static-covariates")
            log.warning("%s %s of every series (%s): scaled within each series, it is 0 there, so as a %s covariate it "
                        "tells the network nothing; a value that only tells the series apart is a static covariate "
                        "(%s)", named, flat, listed, role, static)
            continue
        if centred:
            log.warning("%s %s of %s (%s), so it is only shifted to 0 (scale 1) there", named, flat, share, listed)


def unlearned(state) -> dict[int, np.ndarray]:
    """The covariates a fitted model (``state``) learned nothing from: column -> [S] its one training value in each
    series, where every series' rows held it constant (``fit_scalers`` centred it to 0 there: scale 1, and no spread
    in ``FittedState.value_ranges``). Empty for a model that scaled nothing or kept no ranges (saved before)."""
    ranges, n_targets = state.value_ranges, len(state.targets)
    if ranges is None or any(scaler.kind == "none" for scaler in state.scalers):
        return {}
    return {j: np.array([scaler.offset[j] for scaler in state.scalers]) for j in range(n_targets, len(state.columns))
            if all(scaler.scale[j] == 1.0 and kept[j] is None for scaler, kept in zip(state.scalers, ranges))}


def _other(values: np.ndarray, trained: float) -> np.ndarray:
    """Positions of ``values`` that differ from ``trained`` by more than a mean's rounding; NaN does not."""
    with np.errstate(invalid="ignore"):
        return np.flatnonzero(np.abs(values - trained) > 1e-9 * np.maximum(np.abs(values), abs(trained)))


def _unlearned_found(state, panel: Panel, spans: dict[int, tuple[int, int]] | None = None,
                     future: np.ndarray | None = None, when: list | None = None):
    """(column, series, its training value, the first other value, where, what that does) for each column of
    ``unlearned`` whose rows read (``spans``) or future values (``future``, ``when``) hold another value: the first
    series that does."""
    flat = unlearned(state)
    lookup = {i: k for k, i in enumerate(state.ids)}
    first = len(state.targets) + len(state.past_covariates)
    for j, trained in flat.items():
        name = state.columns[j]
        for s in range(panel.n_series):
            k = 0 if state.layout == "single" else lookup.get(panel.ids[s])
            if k is None:
                continue
            if future is not None and j >= first:
                at = _other(future[s, :, j - first], trained[k])
                where, value = (shown(when[s][int(at[0])], when[s], panel.calendar.text_format),
                                future[s, at[0], j - first]) if at.size else ("", 0.0)
                done = "so that value changes no forecast"
            elif future is None and spans is not None and s in spans:
                lo, hi = spans[s]
                rows = panel.rows(s)[lo:hi, j]
                at = _other(rows, trained[k]) + lo
                where, value = (panel.when(s, int(at[0])), rows[at[0] - lo]) if at.size else ("", 0.0)
                done = "which it reads through weights never trained on it (the forecast moves by chance, not by what it means)"
            else:
                continue
            if at.size:
                yield name, s, trained[k], value, where, done
                break


def _whose(panel: Panel, s: int) -> str:
    return "" if panel.id_col is None or panel.layout == "wide" else f" of series {panel.given_id(s)!r}"


def say_unlearned(state, panel: Panel, spans: dict[int, tuple[int, int]] | None = None,
                  future: np.ndarray | None = None, when: list | None = None) -> None:
    """Warn once per model and column where a value of a covariate the model learned nothing from (``unlearned``)
    differs from its training one: in the rows read (``spans`` {series: (first row, end row)}: ``Panel.read_spans``
    of the windows read) or in the future values ``future`` [S, H, F] at times ``when`` [S][H]. A future value feeds
    weights that stayed 0, so it changes no forecast; a past one, weights never trained on it."""
    for name, s, trained, value, where, done in _unlearned_found(state, panel, spans, future, when):
        if first_time(state.said, "unlearned", name):
            log.warning("column %r%s was %g on every training row, so the model learned nothing from it (scaled, "
                        "it was 0 throughout), yet the %s give %g at %s, %s; fit on rows where it varies for the "
                        "model to use it, or drop it", name, _whose(panel, s), trained,
                        "future values" if future is not None else "rows read", value, where, done)


def unlearned_at_cutoff(seen: dict, state, panel: Panel, spans: dict[int, tuple[int, int]], cutoff) -> None:
    """Add to ``seen`` ({column: [(cutoff, series, training value, other value, where)]}) the covariates the model
    ``state`` that forecast a backtest's windows from one cutoff learned nothing from, where those windows' rows
    (``spans``) hold another value; ``cutoff``: series -> its cutoff as the data writes it. Said by
    ``say_unlearned_cutoffs`` once per column, not once per window (decision 2040)."""
    for name, s, trained, value, where, _ in _unlearned_found(state, panel, spans):
        seen.setdefault(name, []).append((cutoff(s), s, trained, value, where))


def say_unlearned_cutoffs(seen: dict, panel: Panel, first=None) -> None:
    """One warning per column of ``seen`` (``unlearned_at_cutoff``): the first cutoff whose model learned nothing
    from it while its windows read another value, in fit's words, and the other cutoffs where that happened.
    ``first``: series -> its first cutoff, for a backtest's one model (no refit), trained on the rows up to it alone
    (decision 2065); None for a model refit at each cutoff."""
    for name, found in seen.items():
        cutoff, s, trained, value, where = found[0]
        others = [f"{c} ({v:g} at {w})" for c, _, _, v, w in found[1:]]
        more = listing(others) if len(others) <= 3 else some(others, 3)
        model = (f"the model that forecast from the cutoff {cutoff}" if first is None else
                 f"the backtest's one model (trained on the rows up to the first cutoff, {first(s)})")
        rows = "that window's rows give" if first is None else f"the rows of the window from the cutoff {cutoff} give"
        later = ("a later cutoff" if first is None else
                 f"a later first cutoff, or {named('refit')} for a model trained up to each cutoff")
        log.warning("column %r%s was %g on every training row of %s, so it learned nothing from it (scaled, it was 0 "
                    "throughout), yet %s %g at %s, which it reads through weights never trained on it (the forecast "
                    "moves by chance, not by what it means)%s; fit on rows where it varies (%s) for the model to use "
                    "it, or drop it", name, _whose(panel, s), trained, model, rows, value, where,
                    f"; so too at the cutoff{'s' if len(found) > 2 else ''} {more}" if more else "", later)
