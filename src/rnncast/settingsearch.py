"""The settings nearest those given at which a refusal's need fits, as fit's, a cutoff's and a backtest's refusals
offer them alike (``cutting``, ``cutoffadvice``): each alone, the largest lookback, horizon, n_windows or step below
the one given (by halves: the rows needed grow with it) or the share of val_frac or test_frac nearest it; where none
alone fits, a share with a size. And the words that name the series they were found for ("the longest series
('S07', 72 rows)").
"""

from __future__ import annotations

from rnncast.panel import Panel
from rnncast.spelling import counted, listing, spelled
from rnncast.windows import FEW_WINDOWS, few_note

SIZES = ("lookback", "horizon", "n_windows", "step")  # whole numbers, of which fewer rows are needed the smaller they are
SHARES = tuple(x / 100 for x in range(1, 96))  # the shares offered, each a whole percent


def settings_that_fit(have: int, need, now: dict, who: str, windows=None) -> str:
    """The settings that would let ``have`` rows (the longest series', or its rows up to a cutoff, ``who``) hold what
    ``need(**settings)`` asks (the rows needed, None where no length does), each alone at the value nearest the one
    given in ``now`` (``offers``): "; the longest series ('S07', 72 rows) fits lookback 36 (lookback=36,
    --lookback 36) or val_frac 0.05 (val_frac=0.05, --val-frac 0.05)", or "" where no one setting does.
    ``windows``: how many training windows a lookback leaves, where fit can count them (``offers``)."""
    def fits(**settings) -> bool:
        n = need(**settings)
        return n is not None and n <= have

    said = offers(now, fits, windows)
    return f"; {who} fits {listing(said, 'or')}" if said else ""


def offers(now: dict, fits, windows=None) -> list[str]:
    """Each setting of ``now`` at the value nearest the one given (``nearest``) at which ``fits(**settings)``, as
    ``offer`` says it; where none alone fits, a share with a size ("val_frac 0.3 with lookback 8 (...; ...)"), the
    share nearest the one given first. ``windows``: how many training windows a lookback leaves: a lookback offered
    that leaves fewer than fit warns below adds one that does (``few_note``); a val_frac or test_frac that leaves fewer
    (``windows(lookback, test_frac=x)``) is left out beside a lookback offered, else says how few (decision 1807)."""
    said = [offer(name, v) + (few_note(windows, v) if windows and name == "lookback" else "")
            for name in now if name in SIZES and (v := nearest(name, now, fits)) is not None]
    fitting = [(name, x) for name in now if name not in SIZES and (x := nearest(name, now, fits)) is not None]
    few = {name: n for name, x in fitting if windows and "lookback" in now  # test_frac 0.05 that leaves 1 window:
           and (n := windows(now["lookback"], **{name: x})) < FEW_WINDOWS}  # no way out of the next warning (decision 1807)
    lookback = any(s.startswith("lookback ") for s in said)  # offered with one that leaves enough, or said none does
    said += [offer(name, x) + (f", which leaves the model {counted(few[name], 'training window')} at lookback "
                               f"{now['lookback']}, under the {FEW_WINDOWS} below which fit warns of too few to learn from"
                               if name in few else "") for name, x in fitting if name not in few or not lookback]
    shares, sizes = [n for n in now if n not in SIZES], [n for n in now if n in SIZES]
    for name, size in ((name, size) for name in shares for size in sizes if not said):  # none alone: a share and a size
        pair = next(((x, v) for x in _shares(now[name]) if (v := nearest(size, {**now, name: x}, fits)) is not None),
                    None)
        if pair is not None:
            pair, left = _kept(pair, name, size, now, windows)
            said.append(f"{name} {pair[0]:g} with {size} {pair[1]} ({spelled(name, pair[0])}; {spelled(size, pair[1])})"
                        + left)
    return said


def _kept(pair: tuple, name: str, size: str, now: dict, windows) -> tuple[tuple, str]:
    """A share and a lookback (``pair``, the largest lookback that fits) as offered where ``windows`` counts the
    training windows: the largest lookback leaving ``FEW_WINDOWS``, else one no longer than the horizon, and how many
    windows it leaves (t41-t2 M3: "val_frac 0.16 with lookback 17" left 1 window and an untrained model; decision
    2253). Other pairs as found, nothing added."""
    if not windows or size != "lookback":
        return pair, ""
    share, longest = pair
    count = lambda lb: windows(lb, **{name: share})  # noqa: E731
    lookback = next((lb for lb in range(longest, 0, -1) if count(lb) >= FEW_WINDOWS),
                    min(longest, max(int(now.get("horizon", longest)), 1)))
    return (share, lookback), f", which leaves the model {counted(count(lookback), 'training window')}"


def nearest(name: str, now: dict, fits) -> int | float | None:
    """The value of ``name`` nearest the one given in ``now`` at which ``fits(**settings)``: the largest size below
    it (``SIZES``, by halves: the rows needed grow with it), else the share nearest it; None where none does."""
    if name not in SIZES:
        return next((x for x in _shares(now[name]) if fits(**{**now, name: x})), None)
    lo, hi, best = 1, int(now[name]) - 1, None
    while lo <= hi:
        mid = (lo + hi) // 2
        lo, hi, best = (mid + 1, hi, mid) if fits(**{**now, name: mid}) else (lo, mid - 1, best)
    return best


def offer(name: str, value) -> str:
    """A setting as an offer names it: "lookback 36 (lookback=36, --lookback 36)", "val_frac 0.05 (...)"."""
    return f"{name} {value if name in SIZES else format(value, 'g')} ({spelled(name, value)})"


def _shares(share: float) -> list[float]:
    """The other shares, nearest ``share`` first."""
    return sorted((x for x in SHARES if x != share), key=lambda x: (abs(x - share), x))


def series(panel: Panel, s: int, which: str, rows: str) -> str:
    """Series ``s`` as an offer speaks of it: "the longest series ('S07', 72 rows)" (``which``: "longest series",
    ``rows``: "72 rows"), or "the series (72 rows)" where the panel is one series without an id."""
    return "the series (" + rows + ")" if panel.ids == [None] else f"the {which} ({panel.given_id(s)!r}, {rows})"


def longest(panel: Panel, s: int) -> str:
    """"the longest series ('S07', 72 rows)", or "the series (72 rows)" alone: series ``s`` is the longest."""
    return series(panel, s, "longest series", f"{panel.lengths[s]} rows")
