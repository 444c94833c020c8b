"""The one design effect a horizon step's coverage counts (``kupiec.counts``) are tested by: the largest kept at it over
its levels' and intervals' counts (decision 2129), read from the counts whose values fall on both sides. A count whose
every value falls on one side (a share of 0 or 1: nothing strictly below a 0.1 quantile at 0 on counts, no value
outside a 90% interval twice as wide) shows no spread between its dates, and ``kupiec.dispersion`` gives it Kish's
design effect at an intra-date correlation of 1, the number of series a date holds, whatever the series (decision
2095); taken as the step's largest it pinned every test of the step there, and 20 independent Poisson series whose 0.9
quantile was too low were far in 0 of 100 seeds where one series of their 600 values was far in 62 (decision 2165).
Such a count carries no information on how the values of a date move together, so it is left out of the largest
where any count of the step varies; where none does, the step is read as decision 2095 reads one date (one draw).
Nothing here imports the rest of the package."""

from __future__ import annotations


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
    level: one draw, decision 2095); 1 (the exact test) in counts written before any was kept (decision 2165)."""
    kept = _kept(step)
    varied = [v for kind, name, v in kept if not one_sided(step, kind, name)]
    return float(max(varied or [v for _, _, v in kept], default=1.0))


def _kept(step: dict) -> list[tuple]:
    return [(kind, name, v) for kind, each in (step.get("deff") or {}).items() for name, v in each.items() if v]


def by_draws(step: dict) -> bool:
    """Whether ``step_deff`` reads the step from one-sided counts alone (each date one draw of its values: decision
    2095's Kish effect at a correlation of 1), not from how its misses cluster by date (decision 2199)."""
    kept = _kept(step)
    return bool(kept) and all(one_sided(step, kind, name) for kind, name, _ in kept)
