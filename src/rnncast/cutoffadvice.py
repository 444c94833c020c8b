"""What a refused cutoff offers in its place, each offer checked against a series' rows before it is said: a
lookback, horizon or val_frac that fits at the cutoff given, the cutoffs that fit the settings given, or, where
neither does, a setting with the cutoffs that fit it. A cutoff that leaves too few test rows after it was once
told of a later one that then lacked the rows up to it (ETTm1's 4000 rows at horizon 720: no cutoff fits 10%).
"""

from __future__ import annotations

import numpy as np

from rnncast import writtenzones
from rnncast.config import DataSettings
from rnncast.panel import Panel
from rnncast.settingsearch import longest, nearest, offer, offers, series
from rnncast.spelling import listing, spelled
from rnncast.timetext import shown
from rnncast.windows import rows_needed, split_fits


def remedy(panel: Panel, data_s: DataSettings, cut: list[dict]) -> str:
    """"; the series (3456 rows up to the cutoff, 544 after) fits horizon 345 (...) at this cutoff, or a cutoff
    from X to Y (...)", or "" where nothing found fits. ``cut``: each series' ``cutoff_rows`` ([up to it, after])."""
    up, after = ([c["cutoff_rows"][i] for c in cut] for i in (0, 1))
    now = {"lookback": data_s.lookback, "horizon": data_s.horizon, "val_frac": data_s.val_frac}
    s = int(np.argmax(up))

    def here(lookback, horizon, val_frac) -> bool:  # the series with the most rows up to the cutoff fits at it
        need = rows_needed(lookback, horizon, val_frac, 0.0)
        return need is not None and need <= up[s] and horizon <= after[s]

    said = offers(now, here)  # each alone, else a validation share with a lookback or horizon
    who = series(panel, s, "series with the most rows up to the cutoff", f"{up[s]} up to it, {after[s]} after")
    told = [f"; {who} fits {listing(said, 'or')} at this cutoff"] if said else []
    if span := _cutoffs(panel, now):
        return "".join(told) + f"{' or' if told else ';'} the settings given fit {span}"
    l = int(np.argmax(panel.lengths))  # noqa: E741 -- no cutoff fits the settings given: a setting with one that fits it

    def anywhere(lookback, horizon, val_frac) -> bool:  # some series holds the rows up to a cutoff and a horizon
        need = rows_needed(lookback, horizon, val_frac, 0.0)  # after it (``span`` finds a cutoff), counted in O(S)
        return need is not None and bool((panel.lengths >= need + horizon).any())

    pairs = [f"{offer(name, v)} with {_cutoffs(panel, {**now, name: v})}"
             for name in now if (v := nearest(name, now, anywhere)) is not None]
    told.append(f"; no cutoff leaves the rows these settings need ({_need(now)}) in {longest(panel, l)}"
                + (f": it fits {listing(pairs, 'or')}" if pairs else ""))
    return "".join(told)


def _need(settings: dict) -> str:
    up = rows_needed(settings["lookback"], settings["horizon"], settings["val_frac"], 0.0)
    return "more rows than any length" if up is None else f"{up} up to the cutoff + {settings['horizon']} after it"


def _cutoffs(panel: Panel, settings: dict) -> str | None:
    """"a cutoff from X to Y (cutoff=Y, --cutoff Y)": the cutoffs at which every series (``span``: else the most)
    holds the rows ``settings`` need up to the cutoff and a horizon after it; None where none does."""
    return span(panel, rows_needed(settings["lookback"], settings["horizon"], settings["val_frac"], 0.0),
                settings["horizon"])


def span(panel: Panel, need: int | None, reach: int) -> str | None:
    """"a cutoff from X to Y (cutoff=Y, --cutoff Y)": the cutoffs at which every series holds ``need`` rows up to the
    cutoff and ``reach`` after it (the latest offered: the most training rows); where none keeps every series, those
    that keep the most (the latest such), with the series they leave out named; None where no series has any
    (``need`` None: no length holds it). A panel's A and B (B 30 days later) were offered A's cutoffs, and following
    the earliest left B out."""
    if need is None:
        return None
    ends = {s: (panel.time[panel.offsets[s] + need - 1], panel.time[panel.offsets[s + 1] - reach - 1])
            for s in range(panel.n_series) if panel.offsets[s] + need - 1 <= panel.offsets[s + 1] - reach - 1}
    if not ends:
        return None
    kept = max(([s for s, (lo, hi) in ends.items() if lo <= at <= hi] for at, _ in ends.values()),
               key=lambda keep: (len(keep), max(ends[s][0] for s in keep)))  # the most series, then the latest
    low, high = max(ends[s][0] for s in kept), min(ends[s][1] for s in kept)
    out = [s for s in range(panel.n_series) if s not in kept]
    return _range(panel, low, high) + (f"{_leaves_out(panel, out)} (no single cutoff keeps every series)" if out else "")


def most_kept(panel: Panel, data_s: DataSettings, val_frac: float) -> tuple[int, str | None]:
    """The cutoff that keeps the most series of ``panel`` at ``data_s``'s lookback and horizon and ``val_frac`` (the
    latest that keeps as many), as "the cutoff 2026-04-30 (cutoff='2026-04-30', --cutoff 2026-04-30)", and how many
    series it keeps: each series' rows up to it counted and split as ``cutoffs.cut`` splits them, with a horizon after
    it. A ragged panel every series of which was too short for the fractions (t39t3: 40 sites of 12-36 months) keeps
    29 at one cutoff (decision 2118). ``(0, None)`` where the data has no time or no series holds them."""
    need = rows_needed(data_s.lookback, data_s.horizon, val_frac, 0.0)
    if need is None or panel.time is None:
        return 0, None
    starts, ends = panel.offsets[:-1], panel.offsets[1:]
    first, last = starts + need - 1, ends - data_s.horizon - 1  # the earliest and latest cutoff row of each series
    ok = np.flatnonzero(first <= last)
    if not len(ok):
        return 0, None
    lo, hi = panel.time[first[ok]], panel.time[last[ok]]
    inside = lo.sort_values().searchsorted(lo, "right") - hi.sort_values().searchsorted(lo, "left")  # at each lo
    tops = np.flatnonzero(inside == inside.max())
    at = lo[tops[lo[tops].argmax()]]
    at = hi[(lo <= at) & (hi >= at)].min()  # the latest cutoff that keeps them: the most training rows
    up = np.array([panel.time[a:b].searchsorted(at, "right") for a, b in zip(starts.tolist(), ends.tolist())])
    kept = split_fits(up, data_s.lookback, data_s.horizon, val_frac) & (panel.lengths - up >= data_s.horizon)
    return int(kept.sum()), _range(panel, at, at)


def _leaves_out(panel: Panel, series: list[int]) -> str:
    """", which leaves out 'A', 'B' and 'C'" of the series ``series`` (positions in ``panel``, at least one): the first
    five named, "and 3 more" for the rest."""
    out = [repr(panel.given_id(s)) for s in series]
    names = f"{', '.join(out[:5])} and {len(out) - 5} more" if len(out) > 5 else " and ".join(
        [", ".join(out[:-1]), out[-1]] if len(out) > 1 else out)
    return f", which leaves out {names}"


def _range(panel: Panel, low, high) -> str:
    a, b = written(low, panel), written(high, panel)
    return f"a cutoff from {a} to {b} ({spelled('cutoff', b)})" if a != b else f"the cutoff {a} ({spelled('cutoff', a)})"


def windows_at(need: int | None, cut: list[dict], horizon: int, step: int, panel: Panel) -> tuple[int, str]:
    """How many of a backtest's windows ``step`` rows apart fit after a cutoff in every series that holds the ``need``
    rows its first model needs up to it (``cut``: each series' ``cutoff_rows``), and ", which leaves out 'B'" where
    some series holds none (the most any holds then): 0 where none does. A panel was offered the windows of its
    series with the most rows after the cutoff, which left the others out."""
    fit = [(after - horizon) // step + 1 if need is not None and up >= need and after >= horizon else 0
           for up, after in (c["cutoff_rows"] for c in cut)]
    if min(fit, default=0) > 0:
        return min(fit), ""
    return max(fit, default=0), _leaves_out(panel, [s for s, n in enumerate(fit) if n == 0])


def written(t, panel: Panel) -> str:
    """``t`` as the data writes its times, at the UTC offset the data writes for it (``writtenzones.as_written``)."""
    return shown(writtenzones.as_written(t, panel.written_offsets), panel.time, panel.calendar.text_format)
