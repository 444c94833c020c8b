"""Which targets a forecast figure draws (forecast.png, backtest.png): each target in a row of its own, titled by
its name, its y label its name and units, the rows of one series stacked over one time axis. Every target is drawn
while the figure keeps at most ``MAX_ROWS`` rows (a panel's series each a row per target); beyond, the first ones,
and the title says how many of how many and which file holds them all. A model of several targets drew its first
alone (forecast.png of ETTh1's OT and HUFL: OT's row, HUFL nowhere but the CSV). A figure comes back with the count
of targets it draws (``Drawn``), the page's caption's; a row names its series by the data's id column ("store 14")."""

from __future__ import annotations

from typing import Any, NamedTuple

from rnncast.data import ID_COLUMN

MAX_ROWS = 6  # the most rows a forecast figure stacks (about 2.7 inches each): 6 targets of one series, 2 of 3 series


def count(n_targets: int, n_series: int = 1) -> int:
    """How many targets (the first ones) a figure of ``n_series`` series rows draws: every one while the rows fit
    ``MAX_ROWS``, and at least one."""
    return max(1, min(n_targets, MAX_ROWS // max(1, n_series)))


def note(targets, drawn: int, where: str | None = None) -> str:
    """A figure title's words for the targets it leaves out: "" where it draws all ``targets``, else "; 4 of 7
    targets drawn ('OT', 'HUFL', ...)" and, with ``where`` (the file of every target's forecasts), "; all are in
    test_forecasts.csv"."""
    targets = list(targets)
    if drawn >= len(targets):
        return ""
    names = ", ".join(repr(str(t)) for t in targets[:drawn])
    return f"; {drawn} of {len(targets)} targets drawn ({names})" + (f"; all are in {where}" if where else "")


def quoted(value) -> str:
    """``value`` quoted in a figure's title: text in the quote it does not hold ('A', "it's"; both: ‘it's "x"’),
    control characters escaped as Python writes them, no backslash added (``repr`` wrote '"quote\\'s', a backslash
    the id does not hold: decision 1650); another value as ``repr`` writes it (3)."""
    if not isinstance(value, str):
        return repr(value)
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in value)
    return "'" + text + "'" if "'" not in text else ('"' + text + '"' if '"' not in text else "‘" + text + "’")


def row_title(target, lead: str = "", mase: float | None = None) -> str:
    """A row's title naming its ``target`` after ``lead`` (the series' words, "best by test MASE: series 'A'") and,
    with ``mase``, that target's own MASE ("; target 'sales', MASE 2.55"; NaN: "MASE undefined")."""
    named = f"target {quoted(str(target))}"
    if mase is not None:
        named += f", MASE {mase:.3g}" if mase == mase else ", MASE undefined"
    return f"{lead}; {named}" if lead else named


def caption(targets, drawn: int, where: str | None = None) -> str:
    """How a page names the figure's values: "" for one target, " of OT and HUFL, a row each" where every target is
    drawn, " of OT, HUFL, 2 of 7 targets (all are in test_forecasts.csv)" where not (``where``: that file)."""
    targets = [str(t) for t in targets]
    if len(targets) < 2:
        return ""
    shown = targets[:drawn]
    names = shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"
    if drawn >= len(targets):
        return f" of {names}, a row each"
    return f" of {names}, {drawn} of {len(targets)} targets" + (f" (all are in {where})" if where else "")


class Drawn(NamedTuple):
    """A forecast figure (``figure``, a matplotlib Figure) and how many targets it draws, each a row (``targets``:
    the first ones, ``count``), which the page's caption names (``caption``)."""

    figure: Any
    targets: int


def series_word(id_col) -> str:
    """The word a figure names a series by: the data's id column ("store" of 'store 14'), "series" where the data has
    none of its own (one series, a wide table's columns, rnncast's ``unique_id``) or a key of several columns."""
    return id_col if isinstance(id_col, str) and id_col and id_col != ID_COLUMN else "series"


def share_rows(axes, groups: list) -> None:
    """Rows of one group (``groups``: a row's series, its targets' rows one after another, ``targetrows``) share the
    first one's x axis, so their dates line up; a row of group None keeps its own (the series of a panel need not
    span the same dates)."""
    first: dict = {}
    for ax, group in zip(axes, groups):
        if group is not None:
            if group in first:
                ax.sharex(first[group])
            else:
                first[group] = ax
