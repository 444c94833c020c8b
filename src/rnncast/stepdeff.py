"""The one design effect a horizon step's coverage counts (``kupiec.counts``) are tested by: the largest kept at it over
its levels' and intervals' counts (decision 2129), read from the counts whose values fall on both sides. A count whose
every value falls on one side (a share of 0 or 1: nothing strictly below a 0.1 quantile at 0 on counts, no value
outside a 90% interval twice as wide) shows no spread between its dates, and ``kupiec.dispersion`` gives it Kish's
design effect at an intra-date correlation of 1, the number of series a date holds, whatever the series (decision
2095); taken as the step's largest it pinned every test of the step there, and 20 independent Poisson series whose 0.9
quantile was too low were far in 0 of 100 seeds where one series of their 600 values was far in 62 (decision 2165).
Such a count carries no information on how the values of a date move together, so it is left out of the largest
where any count of the step varies; where none does, the step is read as decision 2095 reads one date (one draw).
Where every count is one-sided, the values themselves still show how a date's values move together: ``spread``
reads Kish's design effect from the intra-date correlation of where each value falls between its forecasts (decision
2209), so 600 values of 20 independent series all inside a 90% interval three times too wide are 600 draws, not
30. Nothing here imports the rest of the package but NumPy."""

from __future__ import annotations

import numpy as np


def count(step: dict, kind: str, name: str) -> int | None:
    """The count of ``step`` (``kupiec.counts``') whose design effect is kept as ``step["deff"][kind][name]``: the
    values at or below the level ``name`` ("below"), strictly below it ("strictly": less its ties), outside the
    interval ``name`` ("outside"), or outside it or on a bound ("reaching"); None where it is not kept."""
    below, tied = (step.get("below") or {}).get(name), (step.get("tied") or {}).get(name) or 0
    outside, on = (step.get("outside") or {}).get(name), (step.get("on_bounds") or {}).get(name) or 0
    found = {"below": below, "strictly": None if below is None else below - tied,
             "outside": outside, "reaching": None if outside is None else outside + on}
    return found.get(kind)


def one_sided(step: dict, kind: str, name: str) -> bool:
    """Whether the step's count of ``kind`` ("below", "strictly", "outside", "reaching") for ``name`` (a level
    "0.1", an interval "80") holds none or all of the step's ``"values"``: a share of 0 or 1, whose design effect was
    read at an intra-date correlation of 1 (``kupiec.dispersion``), not from a spread. False where the count is not
    kept (counts saved before: its design effect is used as it was)."""
    found = count(step, kind, name)
    return found is not None and found in (0, step.get("values"))


def step_deff(step: dict) -> float:
    """The design effect a ``kupiec.counts`` step is tested by, at least 1: the largest kept at it (``"deff"``) over
    its levels and intervals whose counts fall on both sides (the values of a step are one set of dates and actuals,
    whose shared shock makes one correlation between them: Kish 1965's cluster design effect, the quasi-binomial's one
    dispersion; the Pearson estimate of a tail's few misses reads it near 1 where the median's many read 3 to 7,
    decision 2129), the largest of all where every count is one-sided (one date, or 29 of 29 on one side of every
    level: one draw, decision 2095), or, no more than that, the step's ``"spread"`` where it was read (``spread``:
    the values' own intra-date correlation, decision 2209); 1 (the exact test) in counts written before any was kept
    (decision 2165)."""
    kept = _kept(step)
    varied = [v for kind, name, v in kept if not one_sided(step, kind, name)]
    if varied:
        return float(max(varied))
    most = float(max([v for _, _, v in kept], default=1.0))
    return min(most, float(step["spread"])) if kept and step.get("spread") else most


def _kept(step: dict) -> list[tuple]:
    return [(kind, name, v) for kind, each in (step.get("deff") or {}).items() for name, v in each.items() if v]


def by_draws(step: dict) -> bool:
    """Whether ``step_deff`` reads the step from one-sided counts alone (each date one draw of its values: decision
    2095's Kish effect at a correlation of 1), not from how its misses or values cluster by date (decisions 2199,
    2209)."""
    kept = _kept(step)
    if not kept or not all(one_sided(step, kind, name) for kind, name, _ in kept):
        return False
    return not step.get("spread") or float(step["spread"]) >= max(v for _, _, v in kept)


def spread(ys: np.ndarray, qs: np.ndarray, mask: np.ndarray, dates: np.ndarray) -> float | None:
    """Kish's design effect 1 + (m - 1) rho of a step's values (``ys`` [w, V] actuals, ``qs`` [w, V, Q] their
    forecasts at every level, ``mask`` [w, V] the values tested, ``dates`` [w] each window's origin date), ``m`` the
    size-weighted mean values a date (sum n_d^2 / sum n_d), ``rho`` (at least 0) the one-way ANOVA intra-date
    correlation of each value's place among its forecasts, (y - their mean) / (their range), or y less its forecast
    where one level is given. A share of misses is a threshold of that place, and a threshold's correlation is at most
    its latent one (the phi coefficient of a bivariate normal's quadrants is below its rho), so this is no smaller
    than the design effect of any of its counts on average. None where it cannot be read (fewer than two dates
    holding two values or more, a NaN forecast, no spread within dates; decision 2209)."""
    centre = qs.mean(axis=-1)
    width = qs.max(axis=-1) - qs.min(axis=-1)
    width = np.where(width > 0, width, 1.0)
    z, keep = ((ys - centre) / width)[mask], np.broadcast_to(dates[:, None], mask.shape)[mask]
    if not np.isfinite(z).all() or len(z) < 3:
        return None
    day, at = np.unique(keep, return_inverse=True)
    n = np.bincount(at, minlength=len(day)).astype(float)
    if len(day) < 2 or n.max() <= 1:
        return None if len(day) < 2 else 1.0
    means = np.bincount(at, z, len(day)) / n
    within = ((z - means[at]) ** 2).sum() / (len(z) - len(day))
    between = (n * (means - z.mean()) ** 2).sum() / (len(day) - 1)
    n0 = (len(z) - (n ** 2).sum() / len(z)) / (len(day) - 1)  # ANOVA's mean size of unequal groups
    if within <= 0:
        return None
    rho = max((between - within) / (between + (n0 - 1) * within), 0.0)
    m = (n ** 2).sum() / len(z)
    return float(min(1 + (m - 1) * rho, m))
