"""Days a holiday set's name adds after ``+`` from the set's other categories of the ``holidays`` package (decision
2193): ``BR-SP+Carnival+Corpus Christi`` is BR-SP's public holidays and the days of BR's optional category named
Carnival or Corpus Christi (São Paulo's shops shut on them); ``BR+optional`` adds that whole category. The items are
checked against the package (``added``), never dates written here; ``holidaysets`` reads the rest of the name.
"""

from __future__ import annotations

import difflib
import warnings

from rnncast.errors import RnncastError

PLUS = "+"  # BR-SP+Carnival: the set's public holidays and its other categories' days so named
RECENT = (2000, 2035)  # the years an added item's name is looked for in when it is checked


def split(name: str) -> tuple[str, list[str]]:
    """``("BR-SP", ["Carnival", "Corpus Christi"])`` of ``BR-SP+Carnival+Corpus Christi``."""
    base, *items = name.split(PLUS)
    return base.strip(), [i.strip() for i in items]


def make(kind: str, code: str, sub: str | None, years: tuple, categories: tuple = ()):
    """The ``holidays`` object of a market (``kind`` "market") or country ``code`` (subdivision ``sub``) over the years
    ``years`` (first, last), of its default category or of ``categories``."""
    import holidays  # as holidaysets.library: the package reads many country modules

    build = holidays.financial_holidays if kind == "market" else holidays.country_holidays
    with warnings.catch_warnings():  # "Requested Holidays are available only from 2001 to 2035" of a set asked for
        warnings.simplefilter("ignore", UserWarning)  # every year rnncast may forecast: its file and line on stderr
        return build(code, subdiv=sub, years=range(years[0], years[1] + 1),
                     **({"categories": categories} if categories else {}))


def _others(table) -> tuple:
    """The categories of ``table``'s set besides the ones it was made of (BR: optional)."""
    return tuple(sorted(set(table.supported_categories) - set(table.categories)))


def added(found: tuple, items: list, years: tuple, name: str) -> list[str]:
    """[item] as the package spells it: a category of the set other than its default (``optional``: all its days), or
    a holiday's name in those categories (``Carnival``), case aside; ``found``: (kind, code, subdivision) of the set's
    own name, ``years`` where names are looked for. Raises ``RnncastError`` naming the other categories and their
    holidays (the closest first) for an item that is neither, one of the set's own holidays already (decision 2228:
    'BR-SP+Christmas Day' was asked "did you mean 'Christmas Eve'?"), or an item given twice."""
    table = make(*found, years)
    others = _others(table)
    names = sorted({p.strip() for n in (make(*found, years, others).values() if others else ()) for p in n.split(";")})
    spelled = {n.lower(): n for n in [*others, *names]}
    own = found[1] if found[2] is None else f"{found[1]}-{found[2]}"
    mine = {p.strip().lower(): p.strip() for n in table.values() for p in n.split(";")}
    for k, item in enumerate(items):
        if item.lower() in (i.lower() for i in items[:k]):
            raise RnncastError(f"holidays {name!r}: {item!r} is given twice after '+'; give each once")
        if item.lower() in mine and item.lower() not in spelled:
            raise RnncastError(f"holidays {name!r}: {mine[item.lower()]!r} is one of {own}'s own holidays, which "
                               f"{own!r} skips already; give '+' only the days of its other categories "
                               f"({', '.join(others) or 'none'}), or {own!r} alone")
        if item.lower() not in spelled:
            close = difflib.get_close_matches(item, list(spelled.values()), n=1, cutoff=0.5)
            more = f", ... ({len(names)})" if len(names) > 12 else ""
            shown = (f"its other categories: {', '.join(others)}, whose holidays are {', '.join(names[:12])}{more}"
                     if others else "it has no other category")
            raise RnncastError(f"holidays {name!r}: {item!r} is no category nor holiday of {own}'s other categories"
                               f"{f' (did you mean {close[0]!r}?)' if close else ''}; {shown}; give one after '+', e.g. {own}+{(close or names or others or ['optional'])[0]}")
    return [spelled[i.lower()] for i in items]


def extended(table, found: tuple, items: list, years: tuple):
    """``table`` (the set's own holidays over ``years``) with the days ``items`` (as ``added`` spells them) add: a
    category's every day, or the days of the other categories whose name (or one of a day's names) is the item."""
    others = _others(table)
    for item in items:
        if item in table.supported_categories:
            table.update(make(*found, years, (item,)))
        elif others:
            table.update({day: said for day, said in make(*found, years, others).items()
                          if item in (p.strip() for p in said.split(";"))})
    return table
