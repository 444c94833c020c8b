"""Column scalers fitted on training rows only, with a state that is plain data (JSON-ready)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rnncast import decimals, finitevalues
from rnncast.errors import RnncastError
from rnncast.settingvalues import CHOICES
from rnncast.spelling import spelled


@dataclass
class Scaler:
    """``scaled = (value - offset) / scale`` per column; ``kind`` is standard, minmax or none."""

    kind: str
    offset: np.ndarray  # [C]
    scale: np.ndarray  # [C]

    @classmethod
    def fit(cls, kind: str, train_rows: np.ndarray, columns: list[str], constant: str = "error",
            where: str = "", targets: int = 0) -> "Scaler":
        """Statistics from the training rows [T_train, C] alone.

        A column constant on those rows cannot be scaled: ``constant="error"`` refuses it; ``"targets"``
        refuses it among the first ``targets`` columns (one series' target: nothing to forecast) and centres the
        others; ``"center"`` keeps scale 1 and only shifts it (a covariate that carries nothing, or one series of
        many whose price never changed in training, said by the caller: ``seriesscalers``). ``where`` names the
        series; the first ``targets`` columns are targets, whose refusal says what helps instead of dropping them.
        """
        train_rows = np.asarray(train_rows, dtype=np.float64)
        n_cols = train_rows.shape[1]
        if kind == "none":
            return cls(kind, np.zeros(n_cols), np.ones(n_cols))
        if kind == "standard":
            with np.errstate(over="ignore", invalid="ignore"):  # values near 1e300 overflow: refused below
                offset = train_rows.mean(axis=0)
                scale = train_rows.std(axis=0)  # population std (ddof=0), as the ETT protocol
        elif kind == "minmax":
            with np.errstate(over="ignore", invalid="ignore"):
                offset = train_rows.min(axis=0)
                scale = train_rows.max(axis=0) - offset
        else:
            raise RnncastError(f"unknown scaler {kind!r}; choose one of: standard, minmax, none")
        huge = np.flatnonzero(~(np.isfinite(offset) & np.isfinite(scale)))
        if huge.size:
            j = int(huge[0])
            raise RnncastError(
                f"column {columns[j]!r}{where} holds values too large to scale on its training rows (up to "
                f"{np.abs(train_rows[:, j]).max():g}: its {'mean or spread' if kind == 'standard' else 'range'} "
                "overflows a float); divide the column by a power of ten first"
            )
        flat = np.flatnonzero(flat_spread(scale, train_rows))
        refused = flat[flat < targets] if constant == "targets" else flat if constant != "center" else flat[:0]
        if refused.size:
            j = int(refused[0])
            zero = np.ptp(train_rows[:, j]) == 0 or underflows(train_rows[:, j])
            helps = (f"the target {columns[j]!r} has nothing to forecast on those rows: check that it is the column "
                     f"meant ({spelled('target')}), give training rows where it changes, or, to forecast it as it is, "
                     if j < targets else "drop the column or ")  # a target is not dropped (decision 524)
            raise RnncastError(f"column {columns[j]!r}{where} {flat_said(train_rows[:, j])}, so {kind} scaling would "
                               f"divide by {'zero' if zero else 'rounding noise'}; {helps}use no scaler "
                               f"({spelled('scaler', 'none')})")
        scale = np.where(np.isin(np.arange(n_cols), flat), 1.0, scale)  # centred only: said by the caller
        return cls(kind, offset, scale)

    def transform(self, values: np.ndarray, cols: slice = slice(None)) -> np.ndarray:
        return ((values - self.offset[cols]) / self.scale[cols]).astype(np.float32)

    def inverse(self, values: np.ndarray, cols: slice = slice(None)) -> np.ndarray:
        return values * self.scale[cols] + self.offset[cols]  # float64: original units keep their digits

    def state(self) -> dict:
        return {"kind": self.kind, "offset": self.offset.tolist(), "scale": self.scale.tolist()}

    @classmethod
    def from_state(cls, state: dict) -> "Scaler":
        return cls(state["kind"], np.asarray(state["offset"], dtype=np.float64), np.asarray(state["scale"], dtype=np.float64))

    def problem(self, columns: list[str]) -> str | None:
        """What makes a saved scaler unusable for ``columns`` (a state no fit gives), or None."""
        if self.kind not in CHOICES["scaler"]:
            return f"is of kind {self.kind!r}; known: {', '.join(CHOICES['scaler'])}"
        return _state_problem(self.offset, self.scale, columns)


@dataclass
class StaticEncoder:
    """Static covariates as network inputs: numeric attributes z-scored across the training series,
    categorical ones as codes ``0 .. n - 1`` of the labels seen in training (the network embeds them)."""

    numeric_names: list
    offset: np.ndarray  # [Kn]
    scale: np.ndarray  # [Kn]
    categorical_names: list
    vocab: list  # [Kc] lists of labels, sorted

    @classmethod
    def fit(cls, static) -> "StaticEncoder":
        """From a ``panel.Static`` of the training series."""
        numeric = np.asarray(static.numeric, dtype=np.float64)
        with np.errstate(over="ignore", invalid="ignore"):  # 1e308 in three series: refused by transform, by name
            offset = numeric.mean(axis=0) if len(numeric) else np.zeros(numeric.shape[1])
            scale = numeric.std(axis=0) if len(numeric) else np.ones(numeric.shape[1])
        scale = np.where(scale > 1e-12 * np.maximum(1.0, np.abs(offset)), scale, 1.0)  # the same for every series: centred only
        vocab = [sorted({str(v) for v in static.categorical[:, j]}) for j in range(len(static.categorical_names))]
        return cls(list(static.numeric_names), offset, scale, list(static.categorical_names), vocab)

    @property
    def cardinalities(self) -> tuple:
        return tuple(len(v) for v in self.vocab)

    def transform(self, static, ids) -> tuple[np.ndarray, np.ndarray]:
        """Numeric inputs [S, Kn] float32 and category codes [S, Kc] int64; an unseen label, or a value no finite number
        once scaled, is an error naming the series by ``ids`` [S] (as the caller gave them)."""
        if list(static.numeric_names) != self.numeric_names or list(static.categorical_names) != self.categorical_names:
            raise RnncastError(self._differ(static, ids))
        given = np.asarray(static.numeric, dtype=np.float64)
        with np.errstate(over="ignore", invalid="ignore"):  # beyond float32 once scaled: refused by name (decision 1221)
            numeric = ((given - self.offset) / self.scale).astype(np.float32)
        finitevalues.scaled(given, numeric, self.numeric_names, ids, self.offset, self.scale)
        codes = np.zeros(static.categorical.shape, dtype=np.int64)
        for j, labels in enumerate(self.vocab):
            lookup = {label: k for k, label in enumerate(labels)}
            for s, value in enumerate(static.categorical[:, j]):
                if str(value) not in lookup:
                    raise RnncastError(
                        f"static covariate {self.categorical_names[j]!r} of series {ids[s]!r} is {value!r}, a category "
                        f"the model never saw; known: {', '.join(labels)}"
                    )
                codes[s, j] = lookup[str(value)]
        return numeric, codes

    def _differ(self, static, ids) -> str:
        """Why ``static`` cannot be encoded as fit's: an attribute numeric at fit given as text (or the reverse),
        named with a value; else both lists of names."""
        fitted = self.numeric_names + self.categorical_names
        if sorted(static.names) == sorted(fitted):
            name = next(n for n in fitted if (n in self.numeric_names) != (n in static.numeric_names))
            if name in self.numeric_names:
                given = static.categorical[:, static.categorical_names.index(name)]
                s = next((s for s, v in enumerate(given) if not _number(v)), 0)  # 'small', not '5' beside it
                return (f"static covariate {name!r} was numeric at fit and is text here ({given[s]!r} for series "
                        f"{ids[s]!r}); give its numbers, as at fit")
            return (f"static covariate {name!r} was text (categories: {', '.join(self.vocab[self.categorical_names.index(name)][:5])}) "
                    f"at fit and is numeric here; give its categories as text, as at fit")
        extra = [n for n in static.names if n not in fitted]
        lacking = [n for n in fitted if n not in static.names]
        said = "; ".join(part for part in (
            extra and f"holds {', '.join(map(repr, extra))}, which the model was not trained with: leave "
                      f"{'it' if len(extra) == 1 else 'them'} out",
            lacking and f"lacks {', '.join(map(repr, lacking))}, which the model was trained with") if part)
        return f"the static covariate table {said} (the model's static covariates: {', '.join(map(repr, fitted))})"

    def state(self) -> dict:
        return {"numeric_names": self.numeric_names, "offset": self.offset.tolist(), "scale": self.scale.tolist(),
                "categorical_names": self.categorical_names, "vocab": self.vocab}

    @classmethod
    def from_state(cls, state: dict) -> "StaticEncoder":
        return cls(list(state["numeric_names"]), np.asarray(state["offset"], dtype=np.float64),
                   np.asarray(state["scale"], dtype=np.float64), list(state["categorical_names"]),
                   [list(v) for v in state["vocab"]])

    def problem(self) -> str | None:
        """What makes a saved encoder unusable (one a fit cannot give), or None."""
        names = self.numeric_names + self.categorical_names
        if not all(isinstance(name, str) for name in names) or len(set(names)) != len(names):
            return f"names the covariates {names!r}; each must be text, and none twice"
        if len(self.vocab) != len(self.categorical_names) or not all(
                v and all(isinstance(label, str) for label in v) and len(set(v)) == len(v) for v in self.vocab):
            return f"has {len(self.vocab)} vocabularies for {len(self.categorical_names)} categorical covariates, " \
                   "each a list of distinct labels (text)"
        return _state_problem(self.offset, self.scale, [str(n) for n in self.numeric_names])


RESOLVED = 128 * np.finfo(np.float64).eps  # 2.8e-14: a spread of fewer float64 steps is rounding noise


def _number(text) -> bool:
    try:
        return bool(np.isfinite(float(text)))
    except (TypeError, ValueError):
        return False


def flat_spread(spread: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Which columns [C] of ``rows`` [T, C] are constant for scaling: ``spread`` (their standard deviation
    or range) is at most ``RESOLVED`` (128 machine epsilons) of their own size (their largest magnitude),
    the rounding noise that sums or differences of a hundred float64 values can leave on a constant, or is
    not a normal float (subnormal, zero). Any larger spread float64 resolves: 1e12 + sin(t) (a spread of
    0.7 where a float64 step is 1e-4) scales to values of size 1 as well as sin(t) does.

    Relative to the values alone, never to 1: a series of 5e-12 .. 6e-12 has a spread of a tenth of
    its level and scales as well as one of 5 .. 6 (the network sees the scaled values, of size 1 in
    float32, whatever the units)."""
    size = np.abs(rows).max(axis=0)
    return ~((spread > RESOLVED * size) & (spread >= np.finfo(np.float64).tiny))


def flat_columns(kind: str, rows: np.ndarray) -> np.ndarray:
    """The columns [k] of ``rows`` [T, C] a ``kind`` scaler finds constant (``flat_spread`` of their standard
    deviation, or range for minmax): ``Scaler.fit`` refuses them, or only centres them."""
    rows = np.asarray(rows, dtype=np.float64)
    if kind == "none":
        return np.zeros(0, dtype=np.int64)
    with np.errstate(over="ignore", invalid="ignore"):
        return np.flatnonzero(flat_spread(rows.std(axis=0) if kind == "standard" else np.ptp(rows, axis=0), rows))


def flat_said(column: np.ndarray) -> str:
    """How a column constant for scaling (``flat_spread``) is said: "is constant on the training rows (always 7)",
    or, where its values differ by less than float64 resolves at their size, that and the two ends; where they are
    so small that their spread underflows (``underflows``), that and a power of ten to rescale them by."""
    low, high = float(np.min(column)), float(np.max(column))
    if low == high:
        return f"is constant on the training rows (always {low:g})"
    if underflows(column):
        power = -int(np.floor(np.log10(max(abs(low), abs(high)))))
        return (f"holds values so small ({low:.6g} to {high:.6g}) that their spread underflows in float64 arithmetic "
                f"(rescale the column: multiply it by a power of ten, such as 1e{power})")
    return f"varies on the training rows by less than float64 resolves at that size ({low!r} to {high!r})"


def underflows(column: np.ndarray) -> bool:
    """Whether a column's values differ by more than float64's rounding at their size, yet are so small (1e-300)
    that their standard deviation underflows (the squares of their deviations fall below the smallest normal
    float64): ``flat_spread``'s subnormal branch, which rescaling mends."""
    low, high = float(np.min(column)), float(np.max(column))
    with np.errstate(under="ignore", over="ignore", invalid="ignore"):
        return bool(float(np.std(column)) < np.finfo(np.float64).tiny
                    and high - low > RESOLVED * max(abs(low), abs(high)))


def constant_columns(rows: np.ndarray) -> np.ndarray:
    """Which columns [C] of ``rows`` [T, C] a standard scaler finds constant (:func:`flat_spread` of their
    standard deviation): ``Scaler.fit`` refuses them, or only centres them with ``constant="center"``."""
    rows = np.asarray(rows, dtype=np.float64)
    return np.isin(np.arange(rows.shape[1]), flat_columns("standard", rows))


def _state_problem(offset: np.ndarray, scale: np.ndarray, columns: list[str]) -> str | None:
    """Offsets and scales read from a file: one per column, finite, scales above 0 (a fit gives no other)."""
    if offset.shape != (len(columns),) or scale.shape != (len(columns),):
        return f"has {offset.size} offsets and {scale.size} scales for {len(columns)} columns"
    for j, column in enumerate(columns):
        if not np.isfinite(offset[j]):
            return f"has offset {offset[j]} for column {column!r}; an offset must be a finite number"
        if not (np.isfinite(scale[j]) and scale[j] > 0):
            return f"has scale {scale[j]} for column {column!r}; a scale must be a finite number above 0"
    return None


# ---- many series: one scaler each, applied to the rows of a panel at once --------------------

def stack(scalers: list[Scaler]) -> tuple[np.ndarray, np.ndarray]:
    """Offsets and scales of every series' scaler: [S, C] each."""
    return np.stack([s.offset for s in scalers]), np.stack([s.scale for s in scalers])


def series_stats(kind: str, values: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> tuple:
    """What ``Scaler.fit`` finds in each series' training rows ``values[starts[s]:ends[s]]`` ([N, C] float64,
    C-contiguous), computed for all series of one training length at once, bit for bit as series by series (the
    same reduction over the same [rows, C] layout): offset, scale [S, C] and ``plain`` [S], the series whose
    statistics are finite and whose columns all vary (``flat_spread``); the others are for ``Scaler.fit`` to refuse
    or centre."""
    n_series, n_cols = len(starts), values.shape[1]
    offset, scale = np.zeros((n_series, n_cols)), np.ones((n_series, n_cols))
    plain = np.ones(n_series, dtype=bool)
    if kind == "none":
        return offset, scale, plain
    rows = ends - starts
    for n in np.unique(rows):
        which = np.flatnonzero(rows == n)
        if n == 0:
            plain[which] = False
            continue
        x = values[starts[which, None] + np.arange(n)]  # [G, n, C]: each series' rows laid out as its own slice
        with np.errstate(over="ignore", invalid="ignore"):
            if kind == "standard":
                offset[which], scale[which] = x.mean(axis=1), x.std(axis=1)
            else:
                offset[which] = low = x.min(axis=1)
                scale[which] = x.max(axis=1) - low
        spread, size = scale[which], np.abs(x).max(axis=1)
        varies = (spread > RESOLVED * size) & (spread >= np.finfo(np.float64).tiny)
        plain[which] = (np.isfinite(offset[which]) & np.isfinite(spread) & varies).all(axis=1)
    return offset, scale, plain


def transform_rows(values: np.ndarray, lengths: np.ndarray, offset: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """Scale series stored back to back ([N, C], series ``s`` has ``lengths[s]`` rows) with their own
    offset and scale ([S, C]); for one series this is exactly ``Scaler.transform``."""
    series = np.repeat(np.arange(len(lengths)), lengths)  # [N] series of each row
    with np.errstate(over="ignore"):  # inf in float32: a row no window reads (resolution.named names those read)
        return ((values - offset[series]) / scale[series]).astype(np.float32)


def inverse_windows(y: np.ndarray, series: np.ndarray, offset: np.ndarray, scale: np.ndarray,
                    shortest: bool = False, unit: float = 1.0) -> np.ndarray:
    """Forecasts [W, H, T] or [W, H, T, Q] of windows from series ``series`` [W] back in original units,
    with the target columns (the first T) of each series' offset and scale [S, C]. ``shortest``: each
    value the shortest decimal that scales back to the network's float32 (``decimals.shortest``; ``unit``: 1,
    or 0 where nothing is scaled), for the forecasts a person reads (predict's, a backtest's); a run's scores skip
    that pass over every value."""
    n_t = y.shape[2]
    o, k = offset[series, :n_t][:, None, :], scale[series, :n_t][:, None, :]  # [W, 1, T]
    if y.ndim == 4:
        o, k = o[..., None], k[..., None]  # [W, 1, T, 1]
    if shortest:  # a quantile forecast's median to no finer a place than its bands (decimals.shortest_bands)
        return (decimals.shortest_bands if y.ndim == 4 else decimals.shortest)(y, o, k, unit)
    return y * k + o  # float64: a forecast near 1e9 keeps its +-100 (float32 would step by 64)
