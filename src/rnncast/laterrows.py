"""How much a target follows a feature's later rows, on the training rows, against what its own row and the window
read; and the hint it gives: a target aligned with later rows (``y_t`` made from ``x_{t+1}``, as a next-value column
made by hand is) cannot be forecast from a window, and no setting or training fixes that.

``measure`` (at fit, ``fitting.prepare``) fits least squares on each series' training rows, per target, over the same
rows for each: y_t on each feature at t + k alone, k = 1 .. ``LEADS`` (the later rows); y_t on every feature at t
(its own row, what ``future_known`` adds); and y_t on every column at t - 1 .. t - m (the window's rows, m the
lookback, at most ``LAGS`` and ``MOST_INPUTS`` columns in all); y_t on every feature at t + k together (``joint``:
y_t = a_{t+1} + b_{t+1}); and y_t on each feature at each t - j beyond the window (``earlier``: y_t = a_{t-30} under a
lookback of 24, which ``before_window`` answers with a longer lookback). Their R² (medians over targets and series; the
later row of the best feature and k) are kept in the state (``FittedState.later_rows``, model.json's ``later_rows``).
Where the features of y's own row explain it, ``own_row`` opens the ``future_known`` hint (decision 740).
Where the later row explains at least half of y and leaves at most half of what the own row, the window and the model
(its R² on the part scored) leave unexplained, ``hint`` says the target may be aligned with that row and how to fix
the alignment, and ``readout`` gives it in place of the ``future_known`` hint, which cannot help (decision 671: a
tester's y_t = x_{t+1}, fitted with future_known=True, R² -0.008).
"""

from __future__ import annotations

import numpy as np

from rnncast.samestep import least_squares, least_squares_r2
from rnncast.scoretext import apart
from rnncast.spelling import counted, spelled

LEADS = 3  # the later rows measured: t + 1 .. t + 3
LAGS = 24  # at most: the window's rows measured before t (a tester's y_t = 3 x_{t-10} was missed at 8)
MOST_INPUTS = 96  # at most: columns times rows of the window's least squares, so that fit stays cheap
MOST_SERIES = 20  # a panel's series measured: every k-th
MOST_ROWS = 2000  # a series' last training rows measured
EXPLAINED = 0.5  # the share of y the later row must explain at least for the hint
HELD = 0.3  # the last share of the rows measured on which the window's least squares is scored (window_holds)
FARTHEST = 366  # the rows before the window measured: at most this far back (and 4 lookbacks)


def measure(values_of, splits: list, columns: list, n_targets: int, lookback: int) -> dict | None:
    """``{"column", "rows", "r2", "same_r2", "window_r2", "lags", "lookback", "window_r2_held_out"}``
    (the last: the window's R² on rows its least squares was not fitted to, where enough rows are measured): the feature (its name in ``columns``) and the
    rows later (k) whose least squares explain the targets most, their R², and those of y_t on every feature at t and on the
    window's ``lags`` rows (medians over targets and series of ``values_of(s)`` [T_s, C], ``splits[s].train_end`` rows);
    None without features or rows enough to fit them."""
    n_features = len(columns) - n_targets
    if n_features < 1:
        return None
    lags = max(1, min(lookback, LAGS, MOST_INPUTS // len(columns)))
    later, same, window, fair = [[[] for _ in range(LEADS)] for _ in range(n_features)], [], [], []
    joint = [[] for _ in range(LEADS)]  # every feature at t + k together: y_t = a_{t+1} + b_{t+1}
    earlier = [[] for _ in range(n_features)]  # each feature's best row before the window: its r2 and how far
    every = max(1, -(-len(splits) // MOST_SERIES))
    for s in range(0, len(splits), every):
        rows = np.asarray(values_of(s)[: splits[s].train_end], dtype=np.float64)[-MOST_ROWS:]
        n = len(rows) - lags - LEADS  # the rows t measured: each has its window's rows and its later rows
        if n < lags * len(columns) + 10 or not np.isfinite(rows).all():
            continue
        past = np.column_stack([rows[lags - j : lags - j + n] for j in range(1, lags + 1)])  # [n, lags * C]
        for t in range(n_targets):
            y = rows[lags : lags + n, t]
            if not y.var() > 0:
                continue
            same.append(least_squares_r2(rows[lags : lags + n, n_targets:], y))
            window.append(least_squares_r2(past, y))
            fair.append(_held_out_r2(past, y))  # noise on 96 inputs explains 0.83 of its own 113 rows
            for f in range(n_features):
                for k in range(1, LEADS + 1):
                    later[f][k - 1].append(least_squares_r2(rows[lags + k : lags + k + n, [n_targets + f]], y))
                earlier[f].append(_before(rows[:, t], rows[:, n_targets + f], lookback))
            for k in range(1, LEADS + 1) if n_features > 1 else ():
                joint[k - 1].append(least_squares_r2(rows[lags + k : lags + k + n, n_targets:], y))
    if not same:
        return None
    medians = np.array([[np.median(each) for each in by_k] for by_k in later])  # [F, LEADS]
    f, k = np.unravel_index(int(np.argmax(medians)), medians.shape)
    found = {"column": str(columns[n_targets + f]), "rows": int(k) + 1, "r2": float(medians[f, k]),
             "same_r2": float(np.median(same)), "window_r2": float(np.median(window)), "lags": int(lags),
             "lookback": int(lookback)}
    if all(r is not None for r in fair):
        found["window_r2_held_out"] = float(np.median(fair))
    if n_features > 1:
        together = [float(np.median(each)) for each in joint]
        found["joint"] = {"rows": int(np.argmax(together)) + 1, "r2": max(together)}
    far = [(float(np.median([r for r, _ in each])), int(np.median([j for _, j in each])), g)
           for g, each in enumerate(earlier) if each and all(j for _, j in each)]
    if far:
        r2, rows_before, g = max(far)
        found["earlier"] = {"column": str(columns[n_targets + g]), "rows": rows_before, "r2": r2}
    return found


def _held_out_r2(x: np.ndarray, y: np.ndarray) -> float | None:
    """R² of least squares of ``y`` [n] on ``x`` [n, K] (with an intercept) fitted on the first ``HELD``-less share of
    the rows and scored on the last ``HELD``: what the window's rows explain beyond fitting them; None where the rows
    fitted are under K + 10."""
    cut = int(len(y) * (1 - HELD))
    if cut < x.shape[1] + 10 or len(y) - cut < 10:
        return None
    xm, ym, coef = least_squares(x[:cut], y[:cut])
    rest = y[cut:]
    return float(1 - np.mean((rest - ym - (x[cut:] - xm) @ coef) ** 2) / np.var(rest)) if np.var(rest) > 0 else None


def _before(y: np.ndarray, x: np.ndarray, lookback: int) -> tuple[float, int]:
    """``(r2, j)``: the R² of y_t on x_{t-j} alone at the j beyond the window (``lookback`` < j <= ``FARTHEST`` or a
    quarter of the rows) where it is highest, every j at once (a fit of many series and features measures this for
    each); (0.0, 0) where no such row is measured or none varies with y."""
    far = min(FARTHEST, 4 * lookback, len(y) // 4)
    if far <= lookback:
        return 0.0, 0
    a = y[far:] - y[far:].mean()  # [n]
    lags = np.arange(lookback + 1, far + 1)
    b = np.lib.stride_tricks.sliding_window_view(x, len(a))[far - lags]  # [J, n]: x_{t-j} for each j
    b = b - b.mean(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        r2 = np.nan_to_num((b @ a) ** 2 / ((b * b).sum(axis=1) * (a @ a)))
    k = int(np.argmax(r2))
    return (float(r2[k]), int(lags[k])) if r2[k] > 0 else (0.0, 0)


def aligned_later(later: dict | None, model_r2: float | None) -> bool:
    """Whether ``measure``'s ``later`` rows explain the target as ``hint`` asks: at least ``EXPLAINED`` of it, leaving
    at most half of what its own row, the window and the model (``model_r2``; None: not scored) leave unexplained."""
    return later is not None and (_leaves_half(later["r2"], later, model_r2) or _together(later, model_r2))


def _leaves_half(r2: float, later: dict, model_r2: float | None) -> bool:
    """Whether rows that explain ``r2`` of the target explain ``EXPLAINED`` of it at least and leave at most half of
    what its own row, the window and the model (``model_r2``; None: not scored) leave unexplained."""
    others = (later["same_r2"], later["window_r2"]) + (() if model_r2 is None else (model_r2,))
    return r2 >= EXPLAINED and all(1 - r2 <= (1 - other) / 2 for other in others)


def _together(later: dict, model_r2: float | None) -> bool:
    """Whether every feature's later row together (``later["joint"]``: y_t = a_{t+1} + b_{t+1}) explains the target as
    ``aligned_later`` asks, leaving at most half of what the best one alone leaves (a model saved before it was
    measured: no)."""
    joint = later.get("joint")
    return joint is not None and 1 - joint["r2"] <= (1 - later["r2"]) / 2 and _leaves_half(joint["r2"], later, model_r2)


def hint(later: dict | None, model_r2: float | None, target: str | None = None, where: str = "the test split",
         known=(), features=()) -> str | None:
    """The hint of a target that follows a feature's later rows (``measure``'s ``later``) more than its own row, the
    window and the model (``model_r2``, its R² on ``where``) do (``aligned_later``), naming the ``target`` where one is
    known; else None. ``known``: the model's future-known covariates (of its ``features``): a column already so
    declared is not told to be declared so (nor all of them, where every feature is one)."""
    if not aligned_later(later, model_r2):
        return None
    x, k = later["column"], later["rows"]
    declared = bool(features) and set(features) <= set(known) if _together(later, model_r2) else x in known
    y = repr(target) if target is not None else "the target"
    joint = later["joint"]["r2"] if _together(later, model_r2) else later["r2"]
    said = apart([joint, later["r2"], later["same_r2"], later["window_r2"]] + ([model_r2] if model_r2 is not None else []))
    scored = f"; the model's R² on {where} is {said[4]}" if model_r2 is not None else ""
    if _together(later, model_r2):
        k = later["joint"]["rows"]
        return (f"hint: the target may be aligned with later rows of the features: least squares on the training rows "
                f"explains R² {said[0]} of it from all of them {counted(k, 'row')} later together "
                f"(at most {said[1]} from any one), against {said[2]} from the features of its own "
                f"row and {said[3]} from {_window(later)}{scored}. No forecast reads later rows, so no setting fixes this; check the alignment: if {y} is "
                f"made of the features' values {counted(k, 'row')} later (a next-value column made by hand), forecast "
                f"those columns themselves ({spelled('target')}); if the features are dated {counted(k, 'row')} late, "
                f"shift them up to the rows they belong to (.shift(-{k}))" + ("" if declared else ", and if their values "
                f"are known at the forecast time, declare them so ({spelled('future_known', True)})"))
    return (f"hint: the target may be aligned with later rows of {x!r}: least squares on the training rows explains "
            f"R² {said[1]} of it from {x!r} {counted(k, 'row')} later, against {said[2]} from the "
            f"features of its own row and {said[3]} from {_window(later)}{scored}. No forecast reads later rows, so no setting fixes this; check the "
            f"alignment: if {y} is {x!r} moved up {counted(k, 'row')} (a next-value column made by hand), forecast "
            f"{x!r} itself ({spelled('target', x)}), whose windows and next steps rnncast makes; if {x!r} is dated "
            f"{counted(k, 'row')} late, shift it up to the rows it belongs to (df[{x!r}].shift(-{k}))" + ("" if declared else
            f", and if its values are known at the forecast time, declare it so ({spelled('future_known', True)})"))


def training_note(later: dict | None) -> str | None:
    """What fit's words on training say in place of more training (more epochs, a larger learning rate) where the
    target follows ``later`` rows of a feature (``aligned_later`` on the training rows alone: the model is not yet
    scored): "first check the alignment: ...", since no training fixes that (decision 686); else None."""
    if not aligned_later(later, None):
        return None
    x, k, r2 = repr(later["column"]), later["rows"], later["r2"]
    if _together(later, None):
        x, k, r2 = "its features", later["joint"]["rows"], later["joint"]["r2"]
    said_r2, said_window = apart([r2, later["window_r2"]])
    return (f"first check the alignment: the target may follow {x} {counted(k, 'row')} later (least "
            f"squares on the training rows: R² {said_r2} from that row, against {said_window} from "
            f"{_window(later)}); no forecast reads later rows, so "
            "neither more epochs nor another learning rate would fix that")


def own_row(later: dict | None) -> str | None:
    """Where the features of the target's own row explain it (``same_r2``: at least ``EXPLAINED``, leaving at most half
    of what the window's rows leave): what the ``future_known`` hint opens with, whatever the verdict (a target made of
    its own step's readings beats the mean from the window, and would do far better seeing them); else None."""
    if later is None or later["same_r2"] < EXPLAINED or 1 - later["same_r2"] > (1 - later["window_r2"]) / 2:
        return None
    said_same, said_window = apart([later["same_r2"], later["window_r2"]])
    return (f"the target follows the features of its own row: least squares on the training rows explains R² "
            f"{said_same} of it from them, against {said_window} from {_window(later)}")


def before_window(later: dict | None, lookback: int) -> str | None:
    """The hint of a target that follows a feature's row farther back than the window reads (``later["earlier"]``:
    y_t = a_{t-30} under a lookback of 24), explaining ``EXPLAINED`` of it at least and leaving at most half of what the
    window's rows leave: a longer lookback, which the ``future_known`` hint is not; else None."""
    far = (later or {}).get("earlier")
    if far is None or far["rows"] <= lookback or far["r2"] < EXPLAINED or \
            1 - far["r2"] > (1 - later["window_r2"]) / 2:
        return None
    j, (said_far, said_window) = far["rows"], apart([far["r2"], later["window_r2"]])
    return (f"hint: the target follows {far['column']!r} {counted(j, 'row')} earlier (least squares on the training "
            f"rows: R² {said_far} from that row alone, against {said_window} from "
            f"{_window(later)}), farther back than the lookback of "
            f"{lookback} reads: a lookback of at least {j} ({spelled('lookback', j)}) lets the window read it")


def _window(later: dict) -> str:
    """The rows the window's least squares read, in words: "the 10 rows before it that a window reads", or "the last 24
    of the 48 rows before it that a window reads" where the lookback is longer than ``measure`` weighs (a model saved
    before the lookback was kept says the rows weighed alone)."""
    lags, lookback = later["lags"], later.get("lookback")
    if lookback is not None and lookback > lags:
        return f"the last {lags} of the {lookback} rows before it that a window reads"
    return f"the {counted(lags, 'row')} before it that a window reads"


def window_holds(later: dict | None, model_r2: float | None, window_norm: str, where: str = "the test split") -> \
        str | None:
    """The hint of a model that has not learned what its window holds: least squares on the window's rows
    (``measure``'s ``window_r2_held_out``, training rows) explains ``EXPLAINED`` of the target at least and leaves at most half of
    what the model (``model_r2``, its R² on ``where``) leaves; more training, not another role for the features (a
    learner's y_t = 2 x1_{t-1} + 1.5 x2_{t-3}, told of future_known after 10 epochs at the default learning rate, reached
    R² 0.963 at lr 3e-3). ``window_norm``: the model's; 'last' and 'mean' start the network at a level the target may
    not follow. The window's R² is scored on the last ``HELD`` of the rows, fitted on the others
    (``window_r2_held_out``): least squares on 96 inputs explained R² 0.83 of pure noise over the 113 rows it was fitted
    to, and a newcomer's noise was told to train longer. None otherwise."""
    fair = (later or {}).get("window_r2_held_out")  # on rows it was not fitted to: noise's in-sample R² was 0.83
    if fair is None or model_r2 is None or fair < EXPLAINED or 1 - fair > (1 - model_r2) / 2:
        return None
    start = (f"; and where the target does not follow its own {'last' if window_norm == 'last' else 'mean'} value, "
             f"start the network from nothing ({spelled('window_norm', 'none')}): untrained, it now forecasts that "
             "value" if window_norm in ("last", "mean") else "")
    return (f"hint: the window holds what the target needs, and the network has not learned it yet: least squares on "
            f"the training rows explains R² {fair:.3f} of it (on rows it was not fitted to) from {_window(later)}, against "
            f"the model's R² {model_r2:.3f} on {where}; train longer ({spelled('epochs')}) or with a larger learning rate "
            f"({spelled('lr')}){start}")
