"""How the series fit left out are named after it: by predict, evaluate and a run's page.

Fit leaves out a series too short to train (``cutting.report_short``), and, cut at a ``cutoff``, one with too few rows
up to it or after it: a store that closed before the cutoff has years of rows, and "too short to train (131 rows,
needs 83)" would contradict itself. The records fit keeps (``FittedState.skipped_series``: ``{"id", "rows",
"needed"}``) add, for a cutoff's, ``cutoff_rows`` (its rows up to the cutoff and after it) and ``cutoff_needs`` (what
each needs there); a model saved before them reads as too short, as it was said then. A record written out
(metrics.json's ``skipped_series`` of fit and a backtest, ``rnncast evaluate --json``'s ``scored.not_trained.series``:
``serieskeys.json_result``) says its ``reason`` (``reasoned``): every series left out of scoring is listed there with
it, a backtest's left out for want of the static values the model holds too (``heldrows``; decisions 1524, 1558).
"""

from __future__ import annotations

from rnncast.spelling import some


def reason(records: list[dict], one: bool = False) -> str:
    """Why they were left out, after "series ...": "were too short to train" ("was", ``one``: a line naming one
    series, t31t1's "series 'dev3' were too short"), or what a cutoff lacked."""
    were = "was" if one else "were"
    cut = [d for d in records if "cutoff_rows" in d]
    if not cut:
        return f"{were} too short to train"
    lacked = "had too few rows up to the fit's cutoff or after it"
    return lacked if len(cut) == len(records) else f"{were} too short to train or {lacked}"


def are(n: int) -> str:
    """The verb after ``n`` series named: "is" for one, "are" for more."""
    return "is" if n == 1 else "are"


def rows(record: dict, cutoff: str = "the cutoff") -> str:
    """One series' rows at fit as its leaving out counts them: "91 rows at fit", or "131 up to the cutoff, 0 after"
    (``cutoff``: how the line names it, "it" where it has just been named)."""
    if "cutoff_rows" in record:
        up, after = record["cutoff_rows"]
        return f"{up} up to {cutoff}, {after} after"
    return f"{record['rows']} rows at fit"


def needs(records: list[dict]) -> str:
    """What each needed: "83 rows", or "75 rows up to the cutoff and 8 after it"."""
    first = records[0]
    if "cutoff_needs" in first:
        up, after = first["cutoff_needs"]
        return f"{up if up is not None else 'more'} rows up to the cutoff and {after} after it"
    return f"{first['needed']} rows"


def listed(records: list[dict], most: int = 10) -> str:
    """The records named with their rows: "'S06' (131 up to the cutoff, 0 after), 'S08' (...) and 3 more"."""
    return some([f"{d['id']!r} ({rows(d)})" for d in records[:most]], most, total=len(records))


SHORT, CUT = "too short to train", "too few rows up to the cutoff or after it"  # a record's reason (reasoned)
BACKTEST = "too short for this backtest"  # a backtest's record, as its warning says it (decision 1582)
SHORTS = (SHORT, BACKTEST)  # the reasons of a series too short: fit's, a backtest's (read back from either's metrics)
CUTS = (CUT, *(f"too few rows {where}" for where in ("up to the cutoff", "after the cutoff",
                                                     "up to the cutoff and after it")))  # a cutoff's, each lack (lacked)


def reasoned(records: list[dict], short: str = SHORT) -> list[dict]:
    """``records`` each with its ``reason`` (text): one given kept (``heldrows.NO_STATIC``), else a cutoff's record
    (``cutoff_rows``) its own lack (``lacked``), ``short`` for the rest (``SHORT`` fit's; ``BACKTEST`` a backtest's,
    the words of its warning, decision 1582)."""
    return [d if "reason" in d else {**d, "reason": lacked(d) if "cutoff_rows" in d else short} for d in records]


def lacked(record: dict) -> str:
    """A cutoff's record's reason, its own lack as fit's warning says it (``leftkeeps.reason``; a backtest's cutoff
    too): "too few rows up to the cutoff", "... after the cutoff", or "... up to the cutoff and after it" (``CUTS``),
    by its ``cutoff_rows`` and what it needed there (``cutoff_needs``: up None, more than any length holds; decision
    1933); ``CUT`` for a record without its needs (a model saved before them)."""
    if "cutoff_needs" not in record:
        return CUT
    (up, after), (need_up, need_after) = record["cutoff_rows"], record["cutoff_needs"]
    few_up, few_after = need_up is None or up < need_up, after < need_after  # a least count: more rows never lose it
    return CUTS[{(True, False): 1, (False, True): 2, (True, True): 3}.get((few_up, few_after), 0)]
