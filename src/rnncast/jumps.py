"""Steps of a target far beyond every other of its steps before the cutoff (a stock split, a unit change, a typo that
persists): named at fit, once.

A 2:1 split halves a price in one day: the network reads the step as a move, and MASE, scaled by the mean absolute
step of the rows before the cutoff, is scaled by it too (a tester's MSFT with a split: its mean step 11 % larger, its
MASE 11 % lower), without a word. ``find`` looks at each target column of each series on every row before the cutoff,
the rows whose scale its line quotes (decision 2219): the ``k`` largest steps (``k`` up to ``MOST``: two splits, 4:1 then 7:1, hide each other from a rule that asks for the largest alone)
are named where each is more than ``TIMES`` the median absolute step and the smallest of them more than ``BY_FAR``
times the next (a few steps, not a volatile stretch), and beyond it by more than the tail of the other large steps
makes likely (``_by_chance``: a random walk of Cauchy steps had its largest step over 3 times the next in 60 of 200
walks, each named). A value or short run that goes up and comes back (``spikes.runs``) is weighed as one step, any
number of them, and said as outlying values, not splits (decision 1962). The scores are not changed; the warning says
by how much the steps raise MASE's scale.
"""

from __future__ import annotations

import logging

import numpy as np

from rnncast import calendarlags, spikecauses, spikes
from rnncast.noticed import first_in_block
from rnncast.panel import Panel, series_owner
from rnncast.spelling import counted, listing, some
from rnncast.windows import Split

log = logging.getLogger(__name__)

TIMES = 20  # each step over the median absolute step of the rows before the cutoff
BY_FAR = 3  # the smallest step named over the next largest
MOST = 4  # steps named in one column at most (more: a volatile stretch, not splits)
MIN_STEPS = 20  # fewer steps before the cutoff: not weighed
MANY = 30  # several steps named: their chance under the tail is to be this many times lower
CHANCE = 0.01  # the steps are named where a tail like the other large steps' puts them so far out less often


def find(panel: Panel, splits: list[Split], season: int = 1, placed: dict | None = None) -> list[dict]:
    """The target columns of each series whose rows before the cutoff (training and validation) hold such steps: ``{"series": label or None, "column",
    "steps": [{"time" (the step's second row, as the data writes it), "before", "after" (the values), "row"}] in time
    order, "spikes": [``spikes.entry``, "explained": ``spikecauses.explained``'s words, any run, and "raise"]: the
    outlying runs, each weighed as one step and not among "steps" (decision 1962), "median" (the median absolute
    step), "raise" and "spike_raise" (MASE's scale with the steps, or the runs not explained, over without them, less
    1), "season"}``, series then column. MASE's scale is the mean absolute step where ``season`` is 1, else the mean
    absolute difference one season apart, without the steps that of the column with each undone (the values after it
    moved back by it): a level shift moves every difference across it (decision 1613); without the runs, that with
    their values blank (``blanked_raise``, decision 2056); ``placed``:
    ``calendarlags.placed(panel)``, where rows are missing MASE's scale pairs calendar steps, and so does the raise
    (decision 1964; by rows where None)."""
    found = []
    for s, split in enumerate(splits):
        kept = panel.rows(s)[: split.val_end, : panel.n_targets]  # every row before the cutoff (decision 2219)
        for j in range(kept.shape[1]):
            column = before = kept[:, j]  # [val_end] the rows MASE's scale reads (decision 2210), the rule's too
            at = placed[s][0][: split.val_end] if placed and s in placed else None  # [val_end] calendar steps
            steps = np.abs(np.diff(column))
            big = steps > TIMES * np.median(steps) if len(steps) >= MIN_STEPS else np.zeros(len(steps), bool)
            after = panel.rows(s)[split.val_end, j] if split.val_end < len(panel.rows(s)) else None
            outlying = spikes.runs(column, big, after)  # the next row read for "back" alone (decision 2008)
            named = named_steps(steps, outlying)
            if not named:
                continue
            runs = [run for run in outlying if spikes.steps_of(run, len(steps))[0] in named]
            inside = {k for run in runs for k in spikes.steps_of(run, len(steps))}
            median = float(np.median(steps))
            f = {"series": series_owner(panel, s), "column": str(panel.named_columns(s)[j]), "median": median,
                 "steps": [{"time": panel.when(s, k + 1), "before": float(column[k]), "after": float(column[k + 1]),
                            "row": k + 1} for k in named if k not in inside],
                 "spikes": [spikes.entry(lambda r: panel.when(s, r), column, run, median, after) for run in runs],
                 "season": season, "by_calendar": at is not None and not (np.diff(at) == 1).all()}  # steps named
            # over the rows their raise of the scale reads: every row before the cutoff (decision 2219)
            for one, run in zip(f["spikes"], runs):  # every run asked, however long (decision 2007)
                one["explained"] = spikecauses.explained(panel, s, j, one["row"], season, split.val_end, one["rows"])
                one["raise"] = blanked_raise(before, _rows(run), season, at)
            f["raise"] = _raised(before, np.abs(np.diff(before)), [k for k in named if k not in inside], season, at)
            odd = [r for run, one in zip(runs, f["spikes"]) if not one.get("explained") for r in _rows(run)]
            f["spike_raise"] = blanked_raise(before, odd, season, at)
            found.append(f)
    return found


def _rows(run: tuple[int, int]) -> list[int]:
    """The rows of an outlying run of ``spikes.runs`` (``p + 1`` to ``q``): the values its line advises blanking."""
    return list(range(run[0] + 1, run[1] + 1))


def blanked_raise(column: np.ndarray, rows: list[int], season: int, positions: np.ndarray | None = None) -> float:
    """How much the values at ``rows`` of ``column`` [T] raise MASE's scale: the scale over the scale with them blank,
    less 1, the pairs with a blank end left out as MASE leaves a missing value's (``calendarlags.scale``'s
    ``observed``; ``positions`` as ``scale_raise``'s): what leaving the cells blank, the outlying values' remedy,
    gives (decision 2056; a spike undone as two splits moved every later value: 667% for 745%); 0 for no rows."""
    if not rows:
        return 0.0
    observed = np.ones(len(column), bool)
    observed[rows] = False
    season = max(season or 1, 1)
    without = calendarlags.scale(column, positions, season, observed)
    return float(calendarlags.scale(column, positions, season) / without - 1) if without > 0 else float("inf")


def _raised(column: np.ndarray, steps: np.ndarray, named, season: int, positions=None) -> float:
    """``scale_raise`` of the steps at ``named`` alone; 0 where there are none."""
    named = list(named)
    return scale_raise(column, steps, np.delete(steps, named), named, season, positions) if named else 0.0


def scale_raise(column: np.ndarray, steps: np.ndarray, rest: np.ndarray, named: list, season: int,
                positions: np.ndarray | None = None) -> float:
    """How much the ``named`` steps raise MASE's scale (``find``'s "raise") of ``column`` [T] (``steps`` [T - 1] its
    absolute steps, ``rest`` those not named); ``positions`` [T]: its rows' steps on the calendar where some are
    missing, whose pairs MASE's scale takes (``calendarlags.scale``, decisions 1885, 1964), or None: by rows."""
    gapped = positions is not None and not (np.diff(positions) == 1).all()
    if gapped or (season and season > 1 and len(column) > season):
        undone = column.copy()
        for k in named:
            undone[k + 1:] -= column[k + 1] - column[k]
        without = calendarlags.scale(undone, positions, max(season or 1, 1))
        return (float(calendarlags.scale(column, positions, max(season or 1, 1)) / without - 1) if without > 0
                else float("inf"))
    return float(steps.mean() / rest.mean() - 1) if rest.mean() > 0 else float("inf")


def named_steps(steps: np.ndarray, runs: list[tuple[int, int]] = ()) -> list[int]:
    """The positions, in order, of the largest absolute ``steps`` [T] set apart from the rest (the most of them
    where several counts would do), or none. Each outlying run of ``runs`` (``spikes.runs``: steps ``p`` to ``q``)
    is weighed as one step, the smaller of its two, and named with all its steps; any number of runs may be, but
    at most ``MOST`` other steps (more: a volatile stretch)."""
    if len(steps) < MIN_STEPS or not np.isfinite(steps).all():
        return []
    median = float(np.median(steps))
    sizes, keep = steps.astype(np.float64), np.ones(len(steps), bool)
    members, count = {}, np.ones(len(steps), int)  # a run's steps by its first; the large steps each stands for
    for run in runs:
        inside, edges = spikes.steps_of(run, len(steps)), spikes.edge_steps(run, len(steps))
        keep[inside[1:]] = False
        sizes[inside[0]], count[inside[0]], members[inside[0]] = min(steps[edges]), len(edges), inside
    at = np.flatnonzero(keep)  # each weighed step or run, by its first step
    order = np.argsort(sizes[at], kind="stable")
    single = np.ones(len(steps), bool)
    single[list(members)] = False
    ranked, single, count = sizes[at][order], single[at][order], count[at][order]
    for k in range(min(int((ranked > TIMES * median).sum()), len(ranked) - 2), 0, -1):
        if median > 0 and ranked[-k] > BY_FAR * ranked[-k - 1] and single[-k:].sum() <= MOST \
                and not _by_chance(ranked, k, int(count[-k:].sum())):
            firsts = at[order[-k:]]
            return sorted(int(i) for p in firsts for i in members.get(int(p), [int(p)]))
    return []


def _by_chance(ranked: np.ndarray, k: int, n: int | None = None) -> bool:
    """Whether the ``k``-th largest of the sorted absolute steps ``ranked`` [T] is as far beyond the next as a heavy
    tail makes likely: the tail's index ``a`` from the ``m`` largest below it (Hill's estimator, ``m`` a twentieth of
    the steps, 5 to 100), under which the ``k``-th largest over the next exceeds ``r`` with chance ``r ** -(k a)``
    (Rényi's spacings), more than ``CHANCE`` here. Normal or t(4) steps give an index near 4 or more (a ratio of 3 is
    rare); Cauchy steps near 1 (a third of walks). ``n``: the steps the ``k`` stand for where an outlying run is
    one of them (its two steps, each as far out: ``r ** -(n a)``); ``k`` where None."""
    m = int(np.clip(len(ranked) // 20, 5, 100))
    below = ranked[:-k]
    if len(below) < m + 1 or below[-m - 1] <= 0:
        return False
    spread = float(np.mean(np.log(below[-m:])) - np.log(below[-m - 1]))  # 1 / the tail's index
    n = k if n is None else n
    return ranked[-k] <= below[-1] * (CHANCE if n == 1 else CHANCE / MANY) ** (-spread / n)


def warn(found: list[dict], coded: set = frozenset(), final: bool = False) -> None:
    """Say ``find``'s findings, each kind in one line for its first column, the other columns and series named
    (decision 1962): a one-row spike read as real (decision 1890); the outlying runs (``spikes.said``), where the
    line on missing-value codes named the value (``coded``: ``codedblanks.named_codes``) pointing to it, not guessed
    at and advised apart (decision 1607); the steps, each with what they do to the scores (``final``: a fit that
    scores nothing, ``finalfit.unscored``: what the network learns, nothing of MASE or the scores, decision 2159)."""
    real = [f for f in found if any(one.get("explained") for one in f["spikes"])]
    if real:  # a real peak: said, not advised away (decision 1890)
        _explained_peak(real[0], real, final)
    outlying = [f for f in found if any(not one.get("explained") for one in f["spikes"])]
    if outlying:  # up and back: outlying values (t31t1's 500 among 22s, bot traffic), no splits (decisions 1502, 1962)
        f = outlying[0]
        runs = [one for one in f["spikes"] if not one.get("explained")]
        if first_in_block("jump", f["series"], f["column"], runs[0]["time"]):
            log.warning("%s", spikes.said({**f, "spikes": runs}, coded, None if final else _scale(f), _likewise(f, outlying)))
    stepped = [f for f in found if f["steps"]]
    if not stepped:
        return
    f = stepped[0]
    steps, whose = f["steps"], f" of {f['series']}" if f["series"] else ""
    if not first_in_block("jump", f["series"], f["column"], steps[0]["time"]):
        return
    if len(steps) == 1:
        other = "any other" if not f["spikes"] else "any other but the outlying values'"
        moves = f"moves {_move(steps[0], f['median'], ' in one step')} and over {BY_FAR} times {other}"
        what, before = "a split, a unit change or a data error", "it"
        these = f"this one step {spikes.raises(f['raise'])}"
    else:
        moves = (f"moves in {len(steps)} single steps, each far beyond its others (over {BY_FAR} times any step not "
                 f"named): " + "; ".join(_move(step, f["median"]) for step in steps))
        what, before = "splits, unit changes or data errors", "each"
        these = f"these steps {spikes.raises(f['raise'], True)}"
    scores = (f"The network learns {'it as a move' if len(steps) == 1 else 'them as moves'} of the series" if final else
              f"The scores are left as they are, but MASE is scaled by {_scale(f)}, which {these} by {spikes.by(f['raise'])}")
    log.warning("column %r%s %s: %s? %s; if the values before %s are in other units (a split), put them in the later "
                "units before fitting%s", f["column"], whose, moves, what, scores, before, _likewise(f, stepped))


def _scale(f: dict) -> str:
    """MASE's scale of ``f`` as the lines name it: one season apart under a season (decision 1613)."""
    season, unit = f.get("season") or 1, "calendar steps" if f.get("by_calendar") else "rows"  # decision 1964
    return ("the mean step of the rows before the cutoff" if season == 1 else  # decision 2210
            f"the mean difference one season ({season} {unit}) apart of the rows before the cutoff")


def _likewise(f: dict, these: list[dict]) -> str:
    """"; likewise in series 'site07'" (or "column 'x'", "column 'x' of series 'b'"): the entries of ``these`` other
    than ``f``, each by what tells it from ``f``, the first five named (a panel's line had "likewise 1 other column"
    for a series, unnamed)."""
    names = [f"column {g['column']!r}" if g["series"] == f["series"] else g["series"] if g["column"] == f["column"]
             else f"column {g['column']!r} of {g['series']}" for g in these if g is not f]
    return f"; likewise in {listing(names) if len(names) <= 5 else some(names)}" if names else ""


def _explained_peak(f: dict, explained_ones: list[dict], final: bool = False) -> None:
    """Say the first outlying run of ``f`` that its rows' covariates or its season explain (``explained``), one row or
    a few (decision 2007), as real values: what explains it and that MASE's scale holds it, with no "typo?" and no
    advice to blank it, the column's other such runs dated; a warning, so that the run's notes, its page and a Python
    caller (whose logger shows warnings) keep it (decision 1949); ``final``: nothing of MASE (decision 2159)."""
    real = [one for one in f["spikes"] if one.get("explained")]
    one = real[0]
    if not first_in_block("jump", f["series"], f["column"], one["time"]):
        return
    others = (f"; so are its {counted(len(real) - 1, 'other such value' if one['rows'] == 1 else 'other such run')} "
              f"({some([r['time'] for r in real[1:]])})" if len(real) > 1 else "")
    what = (f"{one['values'][0]:.6g} at {one['time']}" if one["rows"] == 1 else
            f"{one['values'][0]:.6g} to {one['values'][-1]:.6g} at {one['time']} to {one['end']}")
    real_ = ("a real value, not a typo", "it", "It") if one["rows"] == 1 else ("real values, not typos", "them", "They")
    scale = "" if final else \
        f". {real_[2]} {spikes.raises(one['raise'], one['rows'] > 1)} MASE's scale ({_scale(f)}) by {spikes.by(one['raise'])}"
    log.warning("column %r%s holds %s, %s), read as %s: %s may explain %s%s%s%s", f["column"],
                f" of {f['series']}" if f["series"] else "", what, spikes.where(one), real_[0], _and(one["explained"]),
                real_[1], scale, others, _likewise(f, explained_ones))


def _and(parts: list[str]) -> str:
    """"the row's xmas=1 and promo=1 and a like peak ...": the covariates named as the row's, then the season."""
    values = [p for p in parts if "=" in p and not p.startswith("a like peak")]
    rest = [p for p in parts if p not in values]
    said = ([f"the row's {', '.join(values[:-1]) + ' and ' if len(values) > 1 else ''}{values[-1]}"] if values else [])
    return " and ".join(said + rest)


def _move(step: dict, median: float, how: str = "") -> str:
    """One step as the warning says it: ``from 129.67 to 64 (-51%) at 2017-12-04, 83 times the median size
    of its steps before the cutoff`` (``how`` before ``at``)."""
    change = f" ({step['after'] / step['before'] - 1:+.0%})" if step["before"] else ""
    return (f"from {step['before']:.6g} to {step['after']:.6g}{change}{how} at {step['time']}, "
            f"{abs(step['after'] - step['before']) / median:.0f} times the median size of its steps before the cutoff")
