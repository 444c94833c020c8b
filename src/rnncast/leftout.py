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


def lacks(record: dict) -> tuple[bool, bool] | None:
    """Whether a cutoff's record (``cutoff_rows``, ``cutoff_needs``) lacked rows up to the cutoff and after it; None
    for a record of no cutoff, or one saved before its needs were kept."""
    if "cutoff_rows" not in record or not record.get("cutoff_needs"):
        return None
    (up, after), (need_up, need_after) = record["cutoff_rows"], record["cutoff_needs"]
    return need_up is None or up < need_up, after < need_after


def reason(records: list[dict], one: bool = False) -> str:
    """Why they were left out, after "series ...": "were too short to train" ("was", ``one``: a line naming one
    series, t31t1's "series 'dev3' were too short"), or each one's own lack at a cutoff (``lacks``): "had too few rows
    up to the fit's cutoff", "... after the fit's cutoff", "... up to the fit's cutoff and after it", or, where they
    differ, "had too few rows up to the fit's cutoff or after it (16 series short up to it, 1 after it)", counting
    series, not rows (decisions 1889, 1952, 2120)."""
    were = "was" if one else "were"
    cut = [d for d in records if "cutoff_rows" in d]
    if not cut:
        return f"{were} too short to train"
    lacked = "had too few rows up to the fit's cutoff or after it"
    if len(cut) < len(records):
        return f"{were} too short to train or {lacked}"
    each = [lacks(d) for d in cut]
    if None in each or (False, False) in each:  # saved before the needs were kept; or left out by another rule
        return lacked  # as ``lacked`` reads such a record (r36r5 4)
    groups = {"up to it": each.count((True, False)), "after it": each.count((False, True)),
              "both": each.count((True, True))}
    whole = {"up to it": "had too few rows up to the fit's cutoff", "after it": "had too few rows after the fit's cutoff",
             "both": "had too few rows up to the fit's cutoff and after it"}
    for where, n in groups.items():
        if n == len(cut):
            return whole[where]
    counted = [f"{n} {'on both sides' if where == 'both' else where}" for where, n in groups.items() if n]
    counted[0] = counted[0].replace(" ", " series short ", 1)  # series, not rows: t39t3 L1 (decision 2120)
    return f"{lacked} ({', '.join(counted)})"


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


def needs(records: list[dict], data=None) -> str:
    """What each needed: "83 rows", or "75 rows up to the cutoff and 8 after it"; with the fit's ``data``
    (``DataSettings``) the cutoff named and where the validation (or test) share binds: "126 rows up to the cutoff
    2026-08-30, of which the 10% for validation must hold a horizon of 13, and 13 after it"."""
    first = records[0]
    cut = "cutoff_needs" in first
    up = first["cutoff_needs"][0] if cut else first["needed"]
    if data is None:
        return (f"{up if up is not None else 'more'} rows up to the cutoff and {first['cutoff_needs'][1]} after it"
                if cut else f"{up} rows")
    of = f"rows up to the cutoff {data.cutoff}" if cut else "rows"
    count = f"{up} {of}" if up is not None else f"more {of} than any length holds"
    horizon = data.horizon
    shares = [(share, part) for share, part in ((data.val_frac, "validation"),
                                                (0.0 if cut else data.test_frac, "testing"))
              if share > 0 and up is not None and round((up - 1) * share) < horizon]  # one row fewer: too few
    why = (f", of which {' and '.join(f'the {share * 100:.3g}% for {part}' for share, part in shares)} must "
           f"{'each ' if len(shares) > 1 else ''}hold a horizon of {horizon}" if shares else "")
    return f"{count}{why}" + (f", and {first['cutoff_needs'][1]} after it" if cut else "")


def listed(records: list[dict], most: int = 10) -> str:
    """The records named with their rows: "'S06' (131 up to the cutoff, 0 after), 'S08' (...) and 3 more"."""
    return some([f"{d['id']!r} ({rows(d)})" for d in records[:most]], most, total=len(records))


SHORT, CUT = "too short to train", "too few rows up to the cutoff or after it"  # a record's reason (reasoned)
CUT_UP, CUT_AFTER, CUT_BOTH = ("too few rows up to the cutoff", "too few rows after the cutoff",
                               "too few rows up to the cutoff and after it")  # a cutoff's record's own (decision 1952)
CUTS = (CUT, CUT_UP, CUT_AFTER, CUT_BOTH)  # CUT: a record saved before its needs were kept, or an older run's
BACKTEST = "too short for this backtest"  # a backtest's record, as its warning says it (decision 1582)
SHORTS = (SHORT, BACKTEST)  # the reasons of a series too short: fit's, a backtest's (read back from either's metrics)


def reasoned(records: list[dict], short: str = SHORT) -> list[dict]:
    """``records`` each with its ``reason`` (text): one given kept (``heldrows.NO_STATIC``), else a cutoff's record's
    (``cutoff_rows``) own lack (``lacked``), ``short`` for the rest (``SHORT`` fit's; ``BACKTEST`` a backtest's, the
    words of its warning, decision 1582)."""
    return [d if "reason" in d else {**d, "reason": lacked(d) if "cutoff_rows" in d else short} for d in records]


def lacked(record: dict) -> str:
    """A cutoff's record's reason, its own lack as fit's warning says it (``lacks``; a backtest's cutoff too):
    ``CUT_UP``, ``CUT_AFTER`` or ``CUT_BOTH``; ``CUT`` for a record without its needs (a model saved before them;
    decisions 1933, 1952)."""
    return {(True, False): CUT_UP, (False, True): CUT_AFTER, (True, True): CUT_BOTH}.get(lacks(record), CUT)
