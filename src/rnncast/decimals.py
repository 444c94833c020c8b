"""Forecasts in original units as the shortest decimals that the network's float32 output gives.

The network forecasts in float32, in scaled units; ``scaling`` turns that back into original units
in float64 (``y * scale + offset``, so that a series near 1e9 keeps its +-100), which leaves noise
digits no float32 holds: 53.939999409238304 where 53.94 is the same forecast. ``shortest`` writes
each value as the float64 of the shortest decimal that scales back (``(value - offset) / scale``,
cast to float32, as inputs are scaled) to the very float32 the network gave: no fixed number of
decimals, so a series near 1e-30 or 1e30 keeps its own digits, and nothing the network said is lost.
pandas then writes such a value in a CSV (or shows it) as that short decimal.

A forecast near its series' offset (the training mean, scaled to 0) is a float32 near 0, whose steps are far
finer than the network's arithmetic on values of about 1 (the scaled series) resolves: written exactly, the
median of a quantile forecast got 10 digits (49.87435367) beside its bands' 8 (44.428727). ``unit`` (1 for
scaled forecasts, decision 681) is the scaled size below which float32's finer steps are taken as noise: a
decimal within half a float32 step at ``unit`` of ``y`` counts as ``y`` too, so a forecast has a float32's
digits at its series' spread (about 7 or 8 significant ones for a value near the mean) wherever it lies.
"""

from __future__ import annotations

import numpy as np

POW10 = np.array([float(10**i) for i in range(23)])  # exact in float64 up to 1e22
MAX_DIGITS = 15  # a mantissa of up to 15 digits is an exact float64 integer
NOISE = 16  # float32 steps at a quantile forecast's bands' size that rounding its median may move it (shortest_bands)
UNPLACED = -10**6  # ``_shortest``'s power of a value without a decimal sought: no place for a median to keep


def shortest(y, offset=0.0, scale=1.0, unit: float = 0.0) -> np.ndarray:
    """``y * scale + offset`` in float64 (``y``: float32 forecasts in scaled units, any shape; ``offset``
    and ``scale`` broadcast against it, ``scale`` nonzero), each value the float64 nearest to the
    shortest decimal whose scaled value ``float32((value - offset) / scale)`` is ``y`` again, or, with
    ``unit`` > 0, lies within half a float32 step at ``unit`` of ``y`` (see the module). A value
    for which no decimal of up to 15 digits does (an offset too large for its scale to show in float64)
    stays ``y * scale + offset``; NaN and infinities stay as they are."""
    return _shortest(y, offset, scale, unit)[0]


def shortest_bands(y, offset=0.0, scale=1.0, unit: float = 0.0) -> np.ndarray:
    """``shortest`` of a quantile forecast ``y`` [..., Q] (its levels on the last axis, lowest first), each inner level
    (the median) written to no finer a decimal place than its outer bands' finer one: a median near the series' mean
    lies where float32 steps are finer, and its shortest decimal often took a digit more than its bands (visits
    37.0700017 beside 31.112377 and 42.92801); rounded to that place it moves by at most half of it, within the
    7 significant digits float32 holds at the series' values. Only there: where the bands' place is the data's own
    decimals (a baseline's band, 143.86: an actual plus an error, decision 1452) and rounding to it would move the
    median by more than ``NOISE`` float32 steps at its bands' size (143.865 to 143.86), the median keeps its own
    digits, so that its scores read the value scored in scaled units (decision 1883)."""
    out, power = _shortest(y, offset, scale, unit)
    if out.shape[-1] < 3:
        return out
    place = np.minimum(power[..., :1], power[..., -1:])  # [..., 1] the finer outer band's last digit's power of ten
    inner = np.zeros(out.shape, bool)
    inner[..., 1:-1] = power[..., 1:-1] < place  # a finer digit than the bands'
    exact = np.broadcast_to(place, out.shape)[inner]
    rounded = _rounded(out[inner], exact, MAX_DIGITS)
    y = np.asarray(y, dtype=np.float32)
    size = np.maximum(np.maximum(np.abs(y[..., :1]), np.abs(y[..., -1:])), np.float32(unit))  # [..., 1] the bands'
    step = np.abs(np.broadcast_to(np.asarray(scale, dtype=np.float64), out.shape)[inner]) * np.broadcast_to(
        np.spacing(size).astype(np.float64), out.shape)[inner]  # a float32 step at the bands' size, original units
    with np.errstate(invalid="ignore"):
        noise = np.abs(rounded - out[inner]) <= NOISE * step  # float32's noise digits, not the median's own
    out[inner] = np.where(noise, rounded, out[inner])
    return out


def _shortest(y, offset, scale, unit: float) -> tuple[np.ndarray, np.ndarray]:
    """``shortest``'s values, and each one's last digit's power of ten (``UNPLACED`` where none was sought: 0, NaN,
    infinities, a value no decimal of up to 15 digits gives)."""
    near = float(np.spacing(np.float32(unit))) / 2 if unit > 0 else 0.0  # 2**-24 at 1
    y = np.asarray(y, dtype=np.float32)
    exact = y.astype(np.float64) * np.asarray(scale, dtype=np.float64) + np.asarray(offset, dtype=np.float64)
    y, offset, scale = (np.broadcast_to(np.asarray(a, dtype=d), exact.shape).reshape(-1)
                        for a, d in ((y, np.float32), (offset, np.float64), (scale, np.float64)))
    x = exact.reshape(-1)
    out = x.copy()
    power = np.full(len(x), UNPLACED, dtype=np.int64)
    todo = np.flatnonzero(np.isfinite(x) & (x != 0))  # 0 is as short as it gets
    magnitude = np.abs(x[todo])
    with np.errstate(over="ignore", invalid="ignore"):  # 0 itself where it scales to ``y``: a forecast clipped at 0
        zero = ((-offset[todo]) / scale[todo]).astype(np.float32) == y[todo]  # is written 0, not its float noise -3e-08
    out[todo[zero]] = 0.0
    todo, magnitude = todo[~zero], magnitude[~zero]
    exponent = np.zeros(len(x), dtype=np.int64)
    exponent[todo] = np.floor(np.log10(magnitude)).astype(np.int64)  # 10**e <= |x| (give or take one)
    for digits in range(1, MAX_DIGITS + 1):
        if not len(todo):
            break
        candidate = _rounded(x[todo], exponent[todo] - digits + 1, digits)
        with np.errstate(over="ignore", invalid="ignore"):  # beyond float32: inf, which is no match
            scaled = (candidate - offset[todo]) / scale[todo]
            back = scaled.astype(np.float32)
            ok = np.isfinite(candidate) & ((back == y[todo]) | (np.abs(scaled - y[todo]) <= near))
        out[todo[ok]] = candidate[ok]
        power[todo[ok]] = exponent[todo[ok]] - digits + 1
        todo = todo[~ok]
    return out.reshape(exact.shape), power.reshape(exact.shape)


def _rounded(x: np.ndarray, power: np.ndarray, digits: int) -> np.ndarray:
    """Each ``x`` rounded to a whole multiple of ``10 ** power``, as the float64 nearest to that decimal:
    ``m * 10**p`` or ``m / 10**-p`` of exact operands, which IEEE arithmetic rounds to the nearest float64.
    Beyond 1e22 (a tiny or huge value) the decimal goes through its text, ``digits`` significant digits."""
    out = np.empty_like(x)
    near = np.abs(power) <= 22
    up = power >= 0
    ten = POW10[np.where(near, np.abs(power), 0)]
    with np.errstate(over="ignore", invalid="ignore"):
        out[:] = np.where(up, np.rint(x / ten) * ten, np.rint(x * ten) / ten)
    for i in np.flatnonzero(~near):  # rare: one by one
        out[i] = float(f"{x[i]:.{digits - 1}e}")
    return out
