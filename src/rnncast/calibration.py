"""Whether a quantile model's levels and intervals hold what they say: each level's share of the actuals at or
below it (its exceedance: the 0.95 level should have about 95 % of them under it) and its own pinball loss
(``by_level``), and which intervals and levels are far from their nominal share, by a binomial test of the misses per
horizon step on forecasts whose origins are that step apart, Holm-corrected over the steps (``kupiec``;
``far_from_level``), so that the rule scales with the level and the sample, where a fixed 10 points named neither a
98 % interval holding 94 % nor a 90 % one at 81.9 %, and holds its size under overlapping windows, where a binomial
test over every value flagged a calibrated random walk in 16 of 16 seeds (decision 2042), and across a panel's series
and several targets, whose values at one date miss together (decision 2070). Actuals equal to a
level's forecast (ties: counts at 0, where most actuals are 0 and the 0.1 and 0.5 quantiles rightly 0, above all
under ``nonnegative``) are counted as a range, as for a quantile of a discrete distribution: a level is consistent
where the share strictly below its forecast is at most the level and the share at or below at least it
(P(Y < q) <= tau <= P(Y <= q): the non-randomised PIT of Czado, Gneiting & Held 2009, "Predictive model assessment
for count data", Biometrics 65, which spreads a tied value's PIT over [F(y - 1), F(y)]), and far only where the
nearer end of that range is (decision 1483). Nothing here imports the rest of the package but ``metrics`` and
``kupiec``."""

from __future__ import annotations

import numpy as np

from rnncast import kupiec, metrics, stepdeff

FEW_VALUES = 100  # a coverage counted on fewer values is written as a count: 100.00% of 20 values is 20 of 20 (decision 1809)
SIGNIFICANCE = kupiec.SIGNIFICANCE  # an interval or a level whose misses the test (``kupiec``) puts below this p is named
TEST = ("the binomial test of each horizon step's misses (two-sided by doubling the smaller tail), the values of one origin "
        "date counted by their design effect, on forecasts whose origins are "
        "at least that step apart, Holm-corrected over the steps")


def by_level(y_true, q_pred, quantiles, keep=None, counted=None, origins=None) -> dict:
    """``{"0.05": {"below": share, "tied": share, "pinball": loss, "wql": loss}, ...}``: each level's share of the
    actuals at or below its forecast (0 to 1), of those equal to it (0 to 1, part of ``below``; to float32's precision,
    ``kupiec.tied``, at least 1 in the scaled units of ``counted``: decision 2092), its pinball loss (in
    the units of ``q_pred``) and its weighted quantile loss (``metrics.wql``, GluonTS's wQuantileLoss[q]: no units),
    with ``"values"``, how many were scored.
    ``y_true`` [...], ``q_pred`` [..., Q], ``keep`` [...] (default: all). ``counted``: ``(y_true, q_pred)`` to count
    the shares on instead (scaled units, where forecast and actual share float32's grid, as coverage is counted).
    A level whose forecasts hold a NaN among the values scored (a baseline's band not learned: ``baselinebands``) has
    NaN shares, as its pinball loss is, not the 0 that ``NaN <= y`` would count (decision 1884).
    ``origins``: ``kupiec.origins`` of windows ``y_true`` [W, H, ...]; where given, ``"step_counts"`` holds each step's
    counts on windows whose origins are that step apart (``kupiec.counts``), what ``far_from_level`` tests (decision
    2042), and ``"actuals"`` the distinct actuals among the values (``kupiec.actuals``, decision 2093)."""
    y, q = metrics.kept_values(y_true, q_pred, keep)
    cy, cq = (y, q) if counted is None else metrics.kept_values(*counted, keep)
    unit = 0.0 if counted is None else 1.0  # scaled units' spread: a tie to float32's precision (decision 2092)
    ties = kupiec.tied(cy[..., None], cq, unit)  # [n, Q]
    levels = [float(v) for v in quantiles]
    blank = np.isnan(q).reshape(-1, len(levels)).any(axis=0) if q.size else np.ones(len(levels), bool)  # [Q]
    result = {f"{level:g}": {"below": float("nan") if blank[i] else float(np.mean((cy < cq[..., i]) | ties[..., i])),
                             "tied": float("nan") if blank[i] else float(np.mean(ties[..., i])),
                             "pinball": metrics.pinball(y, q[..., i], level) if y.size else float("nan"),
                             "wql": metrics.wql(y, q[..., i], level)}
              for i, level in enumerate(levels)}
    result["values"] = int(y.size)
    if origins is not None and np.ndim(y_true) >= 2:
        result["step_counts"] = kupiec.counts(*(counted or (y_true, q_pred)), levels, keep, origins, unit)
        result["actuals"] = kupiec.actuals(np.shape(y_true), keep, origins)  # what untested's sign rests on
    return result


def step_counts(levels: dict) -> list[dict]:
    """Each step's counts (``kupiec.counts``) in a ``by_level`` block: ``"step_counts"``, or ``"by_step"`` as runs
    saved them before decision 2075 named them apart from the scores' top-level ``by_step``; [] where none."""
    return levels.get("step_counts") or levels.get("by_step") or []


def strictly_far(level: float, below: float, tied: float) -> bool:
    """Whether even the share (0 to 1) of actuals strictly below a ``level``'s forecast, ``below - tied``, exceeds the
    level: then that strict share is what ``far_levels`` tests, and the level's misses are counted on it, the ties
    left out (decision 2012)."""
    return below - tied > level


def unpaired(levels) -> list[str]:
    """The names among ``levels`` (``by_level``'s keys, "0.9"; its counts, ``"values"``, skipped) of the levels that
    end no central interval, as ``metrics.interval_pairs`` pairs them (no 1 - q among the levels; 0.5 always): those whose
    share at or below is their only check, shown per series beside the intervals' coverage (decision 1892)."""
    names = [name for name, each in levels.items() if isinstance(each, dict)]  # a level's block; not its counts
    paired = {name for lo, hi, _ in metrics.interval_pairs(names) for name in (lo, hi)}  # its rule, not a copy (decision 1946)
    return [name for name in names if name not in paired or float(name) == 0.5]


def share_text(share: float, scores: dict, where: str = "") -> str:
    """A central interval's coverage ``share`` (0 to 1) as a message writes it, of ``where`` ("the test values") where
    given: a percent with two decimals (``85.09% of the test values``), or, where ``scores["by_level"]["values"]``
    counts fewer than ``FEW_VALUES``, a whole percent and the count it is of (``100% of the test values (20 of 20)``):
    two decimals claim a precision 20 values do not have (decision 1809)."""
    n = (scores.get("by_level") or {}).get("values", 0)
    of = f" of {where}" if where else ""
    if not n or n >= FEW_VALUES or not np.isfinite(share):
        return f"{100 * share:.2f}%{of}"
    return f"{100 * share:.0f}%{of} ({round(share * n)} of {n})"


def far_intervals(model: dict) -> list[dict]:
    """The central intervals of ``model`` (``coverage_80`` ...) whose misses the binomial test (``kupiec``) at some
    horizon step puts far from the nominal rate (``kupiec.interval_test`` on ``model["by_level"]["step_counts"]``, Holm-adjusted p
    below ``SIGNIFICANCE``): ``{"percent", "share", "p", "test"}`` each, ``share`` the coverage over every value, ``test``
    the step it rests on. A result saved without each step's counts has none: the test over every value it had
    flagged calibrated forecasters (decision 2042)."""
    steps = step_counts(model.get("by_level") or {})
    far = []
    for key, share in model.items():
        if not key.startswith("coverage_") or not np.isfinite(share) or not steps:
            continue
        if test := kupiec.interval_test(steps, key.removeprefix("coverage_")):
            far.append({"percent": key.removeprefix("coverage_"), "share": share, "p": test["p"], "test": test})
    return far


def far_levels(model: dict) -> list[dict]:
    """The levels of ``model["by_level"]`` whose misses the binomial test (``kupiec``) at some horizon step puts far
    from the level
    (``kupiec.level_test``, ties counted as a range: the module's doc): ``{"level", "below", "tied", "p", "test"}``
    each, ``below`` and ``tied`` the shares over every value, with ``"strict": True`` where the share strictly below
    the forecast is above the level; a result saved before ties were counted has none (``tied`` 0), one saved without
    each step's counts no far level (decision 2042)."""
    levels = model.get("by_level") or {}
    steps = step_counts(levels)
    far = []
    for name, each in levels.items():
        if not isinstance(each, dict) or not steps or not np.isfinite(each["below"]):
            continue
        if not (test := kupiec.level_test(steps, name)):
            continue
        tied = each.get("tied", 0.0)
        strict = strictly_far(float(name), each["below"], tied)  # even the actuals strictly below it are too many
        far.append({"level": name, "below": each["below"], "tied": tied, "p": test["p"], "test": test}
                   | ({"strict": True} if strict and tied else {}))
    return far


def far_share(far: dict) -> float:
    """The share (0 to 1) of a ``far_levels`` entry that is far from its level: strictly below it where ``strict``
    (the ties leave the level too high all the same), else at or below it."""
    return far["below"] - far["tied"] if far.get("strict") else far["below"]


def level_share_text(far: dict, of: str = "the actuals") -> str:
    """"13.0% of the actuals at or below it", or "60.0% of the actuals strictly below it" where ``strict``: the far
    share of a ``far_levels`` entry (``far_share``), of ``of``, as ``far_from_level`` and the by-series line say it."""
    return f"{100 * far_share(far):.1f}% of {of} {'strictly below' if far.get('strict') else 'at or below'} it"


def _level_said(far: dict) -> str:
    """"0.1 had 13.0% of the actuals at or below it, not 10%" (""0.5 had 60.0% of the actuals strictly below it (75.0%
    at or below, 15.0% equal to it), not 50%" where the ties leave it too high all the same)."""
    level = f"{100 * float(far['level']):.3g}%"
    if far.get("strict"):
        return (f"{far['level']} had {level_share_text(far)} ({100 * far['below']:.1f}% at or below, "
                f"{100 * far['tied']:.1f}% equal to it), not {level}")
    tied = f" ({100 * far['tied']:.1f}% equal to it)" if far.get("tied") else ""
    return f"{far['level']} had {level_share_text(far)}{tied}, not {level}"


def _odd_level(far: dict) -> bool:
    """Whether a ``far_levels`` entry's step misses the other way from its share over every value (too many misses
    at the step where the share has too few, or none off), so the line says which is which (r38r2 L3, decision
    2074)."""
    level, share, test = float(far["level"]), far_share(far), far["test"]
    over = share > level if test["side"] in ("at or below", "strictly below") else share < level  # on its side
    return "opposite" not in test and over != (test["misses"] > test["expected"])


def _both_ways(test: dict) -> str:
    """"so it is wider than these errors needed there; yet at step 10, ... so it is too narrow there (its width is off
    by step, not overall)": an interval's far steps on both sides (``kupiec._worst``'s ``opposite``, decision 2073)."""
    other = test["opposite"]

    def way(each):
        return "too narrow" if each["misses"] > each["expected"] else "wider than these errors needed"
    return (f"so it is {way(test)} there; yet {kupiec.evidence(other, 'outside it')}, so it is {way(other)} there "
            "(its width is off by step, not overall)")


def untested(model: dict, where: str = "the values") -> list[str]:
    """"the 90% interval held 99.44% of the backtest values; too few forecasts spaced apart at any step (...) to test
    it": each central interval, then each level, that no step puts far (``far_intervals``, ``far_levels``) while its
    share over every value is far from nominal by the binomial test on the distinct actuals it holds (``"actuals"``,
    ``kupiec.actuals``: overlapping windows repeat each actual at every step, decision 2093; the values where a result
    has none) over the design effect of the step with the most values where it holds several dates (a shared shock
    moves a panel's share; one date shows no spread, and its share is said: decision 2130), p below ``SIGNIFICANCE`` as if they were independent (no verdict, decision 2042, only a sign the share
    is off), ties counted as a range (a value on a bound or equal to a level's forecast neither a hit nor a miss:
    ``_off``, decision 2091), and more than half the steps
    tested hold too few values spaced apart, counted over their design effect (a step's values by its dates:
    decision 2130), for any count there to be called far (``kupiec.too_few``), so that the far
    line's silence is not read as the intervals holding (decision 2086); a level that ends an interval said is left to
    it, far or not. [] where none is so or no step counts are kept. ``where`` names the values the shares are of."""
    levels = model.get("by_level") or {}
    steps, n = step_counts(levels), levels.get("values", 0)
    if not steps or not n:
        return []
    actual = min(n, levels.get("actuals") or n)  # the distinct actuals the shares rest on (decision 2093)
    if (fullest := max(steps, key=lambda s: s["values"])).get("dates", 0) > 1:  # their spread read: draws (decision 2130)
        actual /= stepdeff.step_deff(fullest)
    wide = {f["percent"] for f in far_intervals(model)}
    said, far = [], wide | {f["level"] for f in far_levels(model)}
    names = [k for k, v in levels.items() if isinstance(v, dict)]
    ends = {str(percent): (lo, hi) for lo, hi, percent in metrics.interval_pairs(names)}
    for key, share in model.items():
        percent = key.removeprefix("coverage_")
        if key.startswith("coverage_") and percent not in far and np.isfinite(share) and percent in ends:
            rate, (lo, hi) = 1 - float(percent) / 100, (levels[end] for end in ends[percent])
            b_lo, b_hi = lo.get("below"), hi.get("below")
            if b_lo is None or b_hi is None or not np.isfinite(b_lo + b_hi):  # no level share: the coverage's
                low = high = 1 - share
            else:  # strictly outside, or on a bound, with ties as by_level reads them (decisions 2091, 2149)
                low, high = b_lo - lo.get("tied", 0.0) + 1 - b_hi, b_lo + 1 - b_hi + hi.get("tied", 0.0)
            used = [s for s in steps if s["outside"].get(percent) is not None]  # on a bound: a range (decision 2091)
            if (off := _off(rate, max(0.0, low), min(1.0, high), actual)) is not None and (
                    few := kupiec.too_few(used, rate, off)):
                said.append(f"the {percent}% interval held {share_text(share, model, where)}; {kupiec.too_few_text(few)}")
    ended = {end for percent, pair in ends.items() if percent in wide or any(
        line.startswith(f"the {percent}% ") for line in said) for end in pair}  # said with its interval, far or not tested
    for name in names:
        each = levels[name]
        if name in far or name in ended or not np.isfinite(each["below"]):
            continue
        level, below, tied = float(name), each["below"], each.get("tied", 0.0)
        low, high = (below - tied, below) if level <= 0.5 else (1 - below, 1 - below + tied)  # its rare side, a range
        used = [s for s in steps if s["below"].get(name) is not None]
        if (off := _off(min(level, 1 - level), low, high, actual)) is not None and (
                few := kupiec.too_few(used, min(level, 1 - level), off)):
            shown = {"below": below, "tied": tied} | ({"strict": True} if strictly_far(level, below, tied) and tied else {})
            said.append(f"level {name} had {level_share_text(shown, where)}, not {100 * level:.3g}%; "
                        f"{kupiec.too_few_text(few)}")
    return said


def _off(rate: float, low: float, high: float, n: float) -> bool | None:
    """Whether the share of misses over every value (``n``), between ``low`` (ties counted as hits) and ``high``
    (as misses), is off ``rate`` by the binomial test as if the values were independent: True where even ``low``
    is too many, False where even ``high`` is too few, None where neither (decision 2091)."""
    over = low > rate
    if not over and high >= rate:
        return None
    return over if kupiec.binomial_p(round((low if over else high) * n), n, rate) < SIGNIFICANCE else None


def far_from_level(model: dict, where: str = "the values") -> str:
    """" Far from its level: the 98% interval held 90.63%, 9.4% misses where 2% were due, 4.7 times as many; at step
    1, 12 of 191 outside it where 3.8 were due (p = 0.0004, Holm-adjusted over 10 steps), so it is too narrow ...",
    said of each central interval, and then each level, whose misses the binomial test (``kupiec``) at some step puts
    far from the nominal rate (``far_intervals``, ``far_levels``; ``TEST``), the shares over every value and the count the test
    rests on; "" where none is (decision 2042)."""
    said = []
    for far in far_intervals(model):
        level, share, test = float(far["percent"]), far["share"], far["test"]
        missed, due = 100 * (1 - share), 100 - level
        times = f", {missed / due:.1f} times as many" if due and missed > due else ""
        odd = "opposite" not in test and (missed > due) != (test["misses"] > test["expected"])  # r38r2 L3
        said.append(f"the {far['percent']}% interval held {100 * share:.2f}%{' over every value' if odd else ''}, "
                    f"{missed:.1f}% misses where {due:.3g}% were due{times}; {'yet ' if odd else ''}"
                    f"{kupiec.evidence(test, 'outside it')}, " + (
                        _both_ways(test) if "opposite" in test else
                        "so it is too narrow for these errors: the forecasts are less certain than it says"
                        if test["misses"] > test["expected"] else "so it is wider than these errors needed")
                    + (" at that step" if odd else ""))
    levels = [f"{_level_said(far)}{' over every value; yet ' if _odd_level(far) else '; '}"
              f"{kupiec.evidence(far['test'], '')}" + (
                  f"; the other way, {kupiec.evidence(far['test']['opposite'], '')}" if "opposite" in far["test"] else "")
              for far in far_levels(model)]
    if levels:
        said.append("level " + "; level ".join(levels))
    few = untested(model, where)
    short = f" Not tested, for want of independent values: {'; '.join(few)}." if few else ""  # no verdict either way
    if not said:
        return short
    tied = any(each.get("tied") for each in model["by_level"].values() if isinstance(each, dict))
    ties = "; actuals equal to a level's forecast counted as a range (Czado, Gneiting & Held 2009)" if tied else ""
    return (f" Far from {'its level' if len(said) == 1 else 'their levels'}: {'; '.join(said)} (p < {SIGNIFICANCE:g} by "
            f"{TEST}{ties}; the shares are over every value scored).{short}")


def level_shares(model: dict) -> str:
    """"0.5: 48.2%, 0.95: 91.0% of the actuals at or below it": each level's share (``by_level``), for levels that give
    no interval, with the share equal to it where some are ("0.1: 94.2% (94.2% equal to it)"); "" where the scores keep
    none."""
    levels = {k: v for k, v in (model.get("by_level") or {}).items() if isinstance(v, dict)}
    if not levels:
        return ""
    return "; share of the actuals at or below each level: " + ", ".join(
        f"{name}: {100 * each['below']:.1f}%"
        + (f" ({100 * each['tied']:.1f}% equal to it)" if each.get("tied") else "") for name, each in levels.items())
