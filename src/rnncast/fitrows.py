"""Whether data holds the rows a fit read in its training and validation periods, and the baselines' source.

Fit keeps, per series, the number of rows and a hash of the values (a value ``fill`` made hashed as missing) and
times of its training rows and of its validation rows (``record``: a few bytes, not the data). ``check`` finds those
periods in data given later (``parts.locate``: by time, or undated by row number) and compares the rows there, only
where the data holds the whole period: a file that starts later or ends sooner is not compared, and one that extends
the fit's data (the same history plus new rows) compares equal and says nothing.

Where a series' training or validation rows differ (revised data, another unit), its training-mean baseline and MASE
scale are taken from the data's own rows of the fit's training and validation periods (decision 2173), as the naive
baselines are from the data's rows, so every score of that series rests on one source (decision 704); where they are
the same, the fit's are kept (the same numbers). A warning says it in one line, which evaluate's scored text and notes repeat (``"fit_rows"``).
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from rnncast import observed, parts, zeroscales
from rnncast.panel import Panel
from rnncast.scoretext import apart
from rnncast.spelling import some
from rnncast.windows import Split

log = logging.getLogger(__name__)


_MIX = np.uint64(0x9E3779B97F4A7C15)


def _row_hashes(panel: Panel) -> np.ndarray:
    """One uint64 per stacked row [N]: its values (as missing where fill made them) and its time, hashed. The values
    are compared at float32's precision, the network's: a float32 frame fit read and the CSV it writes (whose shortest
    text reads back as other float64 numbers, the same float32 ones) hold the same rows."""
    with np.errstate(over="ignore"):  # 1e40 hashes as inf: resolution.named names it, after this compares the rows
        values = np.array(panel.values, dtype=np.float32)
    if panel.filled is not None:
        values[np.asarray(panel.filled) != 0] = np.nan
    hashed = np.zeros(len(values), dtype=np.uint64)
    columns = [values[:, j] for j in range(values.shape[1])]
    if panel.time is not None:
        columns.append(pd.util.hash_pandas_object(pd.Series(panel.time), index=False).to_numpy())
    with np.errstate(over="ignore"):
        for column in columns:
            hashed = hashed * _MIX + pd.util.hash_array(np.ascontiguousarray(column))
    return hashed


def _digests(panel: Panel, hashed: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> list[str]:
    """The hash of rows ``lo[s]:hi[s]`` of each series ``s`` (``hashed``: ``_row_hashes``): each row's hash weighed by
    its place in the period (an odd number, so a changed row always changes the sum), summed; the row count beside."""
    lo, hi = np.asarray(lo, dtype=np.int64), np.maximum(np.asarray(hi, dtype=np.int64), lo)
    counts = hi - lo
    first = panel.offsets[: len(lo)] + lo
    rows = np.repeat(first - np.concatenate([[0], np.cumsum(counts)[:-1]]), counts) + np.arange(counts.sum())
    place = (rows - np.repeat(first, counts)).astype(np.uint64)
    with np.errstate(over="ignore"):
        weighed = hashed[rows] * (pd.util.hash_array(place) | np.uint64(1))
    ends = np.cumsum(counts)
    total = np.concatenate([[np.uint64(0)], np.cumsum(weighed, dtype=np.uint64)])  # wraps: a sum modulo 2**64
    with np.errstate(over="ignore"):
        sums = total[ends] - total[ends - counts]
    return [f"{int(v):016x}" for v in sums]


def record(panel: Panel, splits: list[Split]) -> list[list]:
    """Per series fitted ``[training rows, their hash, validation rows, their hash]`` (``model.json``'s ``fit_rows``)."""
    hashed = _row_hashes(panel)
    train = _digests(panel, hashed, np.zeros(len(splits), dtype=np.int64), [sp.train_end for sp in splits])
    val = _digests(panel, hashed, [sp.train_end for sp in splits], [sp.val_end for sp in splits])
    return [[int(sp.train_end), t, int(sp.val_end - sp.train_end), v] for sp, t, v in zip(splits, train, val)]


@dataclass
class Source:
    """What ``check`` found: ``means`` and ``scales`` [S, T] (the training-mean baseline and the MASE scale of each
    series of the data, the data's own where its training rows differ), ``zero`` (why a scale is 0), and ``said``
    (None when nothing differs): ``{"train": ids, "val": ids (their validation rows differ), "differs" (how, in
    words), "text"}``; ``train_at``: the positions in the data of the series whose training rows differ, whose fit's
    climatology (made from other rows) is not scored (decision 1694)."""

    means: np.ndarray
    scales: np.ndarray
    zero: np.ndarray | None = None  # [S, T] why a scale is 0 (``zeroscales`` codes); None: not known
    said: dict | None = None
    train_at: tuple = ()
    pairs: np.ndarray | None = None  # [S, T] the pairs each scale rests on (scalepairs); None: not kept


def _first_rows(panel: Panel, starts: np.ndarray) -> list:
    """Each series' time at row ``starts[s]`` as the fit kept its first time (``parts.borders``), None past its end."""
    shown = parts.borders(panel, [Split(int(lo), int(lo), int(lo) + 1) for lo in starts])
    return [row[0] for row in shown]


def _covered(panel: Panel, s: int, state, k: int, lo: int, hi: int, first_here, upto) -> bool:
    """Whether series ``s`` holds the whole fit's period of its rows ``lo:hi`` here: undated, as many rows as the
    fit's period ends at (``upto``: that row count); dated, a row at the fit's first time (``first_here``: the time at
    row ``lo``) and one at or after the period's end (``upto``: the next period's first time, None when it had none)."""
    length = int(panel.lengths[s])
    if first_here is False:  # undated: the fit's rows by number
        return length >= upto
    fit_first = state.borders[k][3] if len(state.borders[k]) > 3 else None
    return fit_first is not None and first_here == fit_first and upto is not None and hi < length


def check(state, panel: Panel, index: np.ndarray, warn: bool = True, scored: bool = True) -> Source:
    """The baselines' source for ``panel`` (``index``: each series' position among the model's) and what differs.
    ``scored=False`` (predict, which scores nothing): the data's own training mean only of the first series whose
    training rows differ, the one the words name; the other series' baselines are not computed."""
    means, scales = state.train_means[index].copy(), state.mase_scales[index].copy()
    zero = zeroscales.kept(state)[index].copy()  # why a scale is 0
    pairs = None if getattr(state, "mase_pairs", None) is None else state.mase_pairs[index].copy()  # decision 2160
    if not getattr(state, "scales_at_cutoff", True) and len(index):  # saved before decision 2173 (decision 2222)
        _recomputed(state, panel, index, means, scales, zero, pairs, warn)
    kept = getattr(state, "fit_rows", None)
    if kept is None or not len(index):
        return Source(means, scales, zero, pairs=pairs)
    located = parts.locate(state, panel, index)
    starts = located.fit_starts if located.fit_starts is not None else np.zeros(panel.n_series, dtype=np.int64)
    firsts = _first_rows(panel, starts) if located.by_time else [False] * panel.n_series
    hashed = _row_hashes(panel)
    here_train = _digests(panel, hashed, starts, [sp.train_end for sp in located.splits])
    here_val = _digests(panel, hashed, [sp.train_end for sp in located.splits], [sp.val_end for sp in located.splits])
    train, val, told = [], [], []
    for s, k in enumerate(index):
        n_train, h_train, n_val, h_val = kept[k]
        lo, sp, fit = int(starts[s]), located.splits[s], state.splits[k]
        ends = (state.borders[k][0], state.borders[k][1]) if located.by_time else (fit.train_end, fit.val_end)
        if _covered(panel, s, state, k, lo, sp.train_end, firsts[s], ends[0]):
            if sp.train_end - lo != n_train or here_train[s] != h_train:
                train.append(s)
                told.append((s, k, lo, sp, n_train))
        if n_val and _covered(panel, s, state, k, lo, sp.val_end, firsts[s], ends[1]):
            if sp.val_end - sp.train_end != n_val or here_val[s] != h_val:
                val.append(s)
    if not train and not val:
        return Source(means, scales, zero, pairs=pairs)
    taken = sorted({*train, *val})  # the scale and mean read the validation rows too (decision 2173)
    taken = taken if scored else (train or val)[:1]  # predict: the one the words name
    own = [Split(located.splits[s].train_end, located.splits[s].val_end, located.splits[s].end) for s in taken]
    means[taken], scales[taken], own_pairs = observed.in_sample(panel.subset(taken), own, state.settings.data.season,
                                                                state.settings.data.fill, [int(starts[s]) for s in taken],
                                                                doing=None)  # evaluate says few pairs of all it scores
    zero[taken] = zeroscales.kinds(panel.subset(taken), own, state.settings.data.season, scales[taken],
                                   [int(starts[s]) for s in taken])
    if pairs is not None:  # the data's own pairs, as its own scale
        pairs[taken] = own_pairs
    differs = _text(state, panel, train, val, told, means)
    text = scored_text(differs, bool(train))
    if train and getattr(state, "climatology", None) is not None:  # the fit's table, of other rows (decision 1694)
        text += (f"; the fit's climatology, made from the rows fit read, is not scored for "
                 f"{'them' if len(train) > 1 else repr(panel.given_id(train[0])) if panel.n_series > 1 else 'it'}")
    if warn:
        log.warning("%s", text)
    return Source(means, scales, zero, {"train": [panel.given_id(s) for s in train],
                                        "val": [panel.given_id(s) for s in val], "differs": differs, "text": text},
                  tuple(train), pairs)


def _recomputed(state, panel: Panel, index: np.ndarray, means, scales, zero, pairs, warn: bool) -> None:
    """A model whose model.json lacks ``scale_rows`` may have been saved before decision 2173, which kept the
    training mean and MASE's scale (and its pairs) of its training rows alone: those of its series with validation
    rows are taken in place, [S, T] each, from the data's own rows of the fit's training and validation periods where
    it holds them whole, as a fit now makes them; the others keep the saved ones. One warning line says which, where a
    scale taken differs from the saved one or one is kept (a model saved after 2173 and before the key: nothing
    differs, nothing said; decision 2222), but not of a series whose kept pairs (``mase_pairs``) are as many as its
    training rows or more: R rows hold at most R - 1 pairs, so its scale read the validation rows, a newer fit's
    (``_read_validation``, decision 2249)."""
    located = parts.locate(state, panel, index)
    starts = located.fit_starts if located.fit_starts is not None else np.zeros(panel.n_series, dtype=np.int64)
    firsts = _first_rows(panel, starts) if located.by_time else [False] * panel.n_series
    had = [s for s, k in enumerate(index) if state.splits[k].val_end > state.splits[k].train_end]
    taken = [s for s in had if _covered(panel, s, state, index[s], int(starts[s]), located.splits[s].val_end, firsts[s],
                                        state.borders[index[s]][1] if located.by_time else state.splits[index[s]].val_end)]
    newer = _read_validation(state, index, pairs, had)  # its saved pairs tell it: kept unsaid (decision 2249)
    saved = scales[taken].copy()
    if taken:
        own, lo = [located.splits[s] for s in taken], [int(starts[s]) for s in taken]
        season, fill = state.settings.data.season, state.settings.data.fill
        means[taken], scales[taken], own_pairs = observed.in_sample(panel.subset(taken), own, season, fill, lo, doing=None)
        zero[taken] = zeroscales.kinds(panel.subset(taken), own, season, scales[taken], lo)
        if pairs is not None:
            pairs[taken] = own_pairs
    moved = [s for s, old in zip(taken, saved) if not np.allclose(old, scales[s], rtol=1e-9, equal_nan=True)]
    kept = [panel.given_id(s) for s in had if s not in taken and s not in newer]
    if not warn or not (moved or kept):
        return
    whose = lambda ids: f" of {len(ids)} of {panel.n_series} series" if panel.n_series > 1 else ""  # noqa: E731
    log.warning("the model was saved %s MASE's scale and the training mean baseline read the validation rows (decision "
                "2173): %s; a refit keeps them in the model", "before" if moved else "without saying whether",
                "; ".join(filter(None, [
                    f"they are taken from this data's rows of the fit's training and validation periods{whose(moved)}, "
                    "as a fit now makes them" if moved else "",
                    f"the saved ones are kept{whose(kept)}" + (f" ({some([str(i) for i in kept])})" if panel.n_series > 1
                                                              else "")
                    + ", whose rows before the cutoff the data does not hold whole: if they are the training rows' alone, "
                      "MASE is not a newer fit's" if kept else ""])))


def _read_validation(state, index: np.ndarray, pairs: np.ndarray | None, had: list) -> set:
    """The series of ``had`` (positions in the data, ``index`` their models') whose saved pairs ``pairs`` [S, T] show
    that the saved scale read the validation rows: more pairs in some target than the R training rows alone hold (R -
    1 at most, whatever the season, gaps or fill; the fit read every row from the first, ``Split.train_end`` of them).
    Only a fit since decision 2173 (and 2174, its mean, merged with it) makes such a scale; fewer pairs tell nothing
    (a few validation rows add fewer than a season of pairs), and a model saved before the pairs were kept
    (decision 2160) none (decision 2249)."""
    if pairs is None:
        return set()
    return {s for s in had if (pairs[s] >= state.splits[index[s]].train_end).any()}


def _text(state, panel: Panel, train: list, val: list, told: list, means: np.ndarray) -> str:
    """Which rows differ and how (the first such series' training mean here and at fit), in words."""
    many = panel.n_series > 1
    said = []
    if train:
        s, k, lo, sp, n_train = told[0]
        rows = sp.train_end - lo
        count = f"{n_train} rows" if rows == n_train else f"{rows} rows here ({n_train} at fit)"
        name = panel.named_columns(s)[0]
        how = (f"the training mean of {name!r} "
               f"{_means(float(means[s, 0]), float(state.train_means[k, 0]), _spread(state, k))}")
        also = " (and its validation rows)" if val and not many else ""
        said.append(f"the rows of the fit's training period differ from those fit read in {len(train)} of "
                    f"{panel.n_series} series (first {panel.given_id(s)!r}: {count}; {how})" if many else
                    f"the {count} of the fit's training period{also} differ from those fit read ({how})")
    if val and (many or not train):
        who = f" in {len(val)} of {panel.n_series} series" if many else ""
        said.append(f"the rows of the fit's validation period differ from those fit read{who}")
    return "; ".join(said)


def _spread(state, k: int) -> float:
    """Series ``k``'s first target's training spread at fit, original units: its scaler's scale (std or range), else
    (no scaling) its MASE scale; 0 where neither is a number above 0."""
    scaler = state.scalers[k] if k < len(state.scalers) else None
    spread = float(scaler.scale[0]) if scaler is not None and scaler.kind != "none" else float(state.mase_scales[k, 0])
    return spread if math.isfinite(spread) and spread > 0 else 0.0


def _means(here: float, fit: float, spread: float = 0.0) -> str:
    """"is 17.653 here, 17.6531 at fit": a training mean here and at fit in their significant digits, at least 6 and
    the whole number part, more only where two that differ would read alike (``scoretext.apart``), never the float
    noise of a sum taken in another order (17.653000000000002 beside 17.653 is "the same"; decision 1525), nor of a
    mean near 0 within 1e-12 of the series' ``spread`` (``_spread``: a standardised target's -8.9e-18 beside -1.4e-17,
    decision 1569)."""
    if here == fit or math.isclose(here, fit, rel_tol=1e-12, abs_tol=1e-12 * spread):
        return "is the same"
    big = max(abs(here), abs(fit))
    digits = max(6, min(15, int(math.floor(math.log10(big))) + 1)) if math.isfinite(big) and big > 0 else 6
    this, that = apart([here, fit], digits, "g", 15)
    return f"is {this} here, {that} at fit"


def scored_text(differs: str, train: bool) -> str:
    """What evaluate and compare say of rows that differ (``differs``: ``_text``'s), and what their scores use."""
    use = ("; the training-mean baseline and the MASE scale are this data's own, from its rows of the fit's training "
           "and validation periods, as the naive baselines are (not the fit's); the model is scored on data other than "
           f"it was {'fitted' if train else 'validated'} on")  # both read the validation rows too (decision 2173)
    return differs + use


def warn_predict(state, panel: Panel, index: np.ndarray) -> None:
    """predict's one line where the data's rows of the fit's periods differ from those fit read."""
    if not state.settings.data.target_input:
        return  # its target is not read, and predict stands in for it where absent (featuresonly): no rows to compare
    said = check(state, panel, index, warn=False, scored=False).said
    if said:
        log.warning("%s; the forecast reads this data's rows as they are, with the scaling fit learned from the rows it "
                    "read (%s)", said["differs"], "the rows with missing values left out, said above, or revised data?"
                    if panel.blanks_left_out else "revised data, or another unit?")  # decision 1986
