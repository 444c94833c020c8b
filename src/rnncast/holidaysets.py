"""Holiday sets by name: a market's (``NYSE``, ``XLON``, ``ECB``/``TARGET``) or a country's (``DE``, ``US-NY``).

The dates are the ``holidays`` package's (imported when a set is first asked for), over ``YEARS``: any
data's and its forecast's. ``parse`` reads a name (case aside, with a subdivision) or refuses it naming the
closest, or, for a country's name (KOREA), its code and its exchanges' sets, which is which (``exchanges``: KR is
South Korea's public holidays, KRX its exchange's trading holidays); ``canonical`` is the name a model keeps
(model.json); ``offset`` is the business-day calendar without the set's days (pandas' ``CustomBusinessDay``, on
Monday to Friday or a week mask of ``weekmasks``), built again from that name; ``candidates`` are the sets inference
tries (``businessdays.explain``). How a person reads such a calendar is ``described``.
"""

from __future__ import annotations

import difflib
import functools

import numpy as np
import pandas as pd

from rnncast import weekmasks, zoneclock
from rnncast.addedholidays import PLUS, RECENT, added, extended, make, split
from rnncast.errors import RnncastError

YEARS = (1900, 2100)  # the years whose holidays the calendar skips: any data's and its forecast's
COUNTRIES = ("US", "GB", "DE", "FR", "JP", "CA", "AU", "CH", "IT", "ES", "NL", "SE", "IN", "CN", "HK", "SG",
             "KR", "BR", "MX", "ZA")  # the countries inference tries besides every market
ALIASES = {"TARGET": "ECB", "TARGET2": "ECB"}  # names people use that the holidays package does not know
# ISO 10383 segment MICs whose market (its operating MIC) the holidays package covers under another code: the
# package knows XJPX, XNYS, XNAS, XKRX, XTSE (and JPX, NYSE ...), not the MICs trading data is often labelled with
MICS = {"XTKS": "JPX", "XOSE": "JPX",  # Tokyo and Osaka Exchange: Japan Exchange Group (XJPX)
        "ARCX": "NYSE", "XASE": "NYSE",  # NYSE Arca, NYSE American (XNYS)
        "XNGS": "XNAS", "XNMS": "XNAS", "XNCM": "XNAS",  # Nasdaq's Global Select, Global and Capital Markets
        "XKOS": "KRX",  # KOSDAQ (XKRX)
        "XTSX": "TSX"}  # TSX Venture Exchange (XTSE)
PREFERRED = ("NYSE", "XNAS", "LSE", "XETR", "XPAR", "JPX", "TSX", "ASX", "HKEX", "SIX")  # tried first, in this order
# the country of each market whose class in the holidays package names none (nor its parent's), by its MIC; Euronext's
# markets by each one's MIC (the package's ENX names every one alike)
MARKET_COUNTRIES = {"XNYS": "US", "XNAS": "US", "XCME": "US", "XTSE": "CA", "XASX": "AU", "XMEX": "MX", "XMAD": "ES",
                    "BVMF": "BR", "XETR": "DE", "XNSE": "IN", "XBOM": "IN", "XSAU": "SA", "IFEU": "GB", "XAMS": "NL",
                    "XATH": "GR", "XBRU": "BE", "XDUB": "IE", "XLIS": "PT", "XMIL": "IT", "XOSL": "NO", "XPAR": "FR"}
NO_EXCHANGE = ("ECB", "FED", "USGS")  # financial calendars of no exchange: TARGET2, the Federal Reserve, US bonds
# exchanges the holidays package has no set of, by their names and MICs, with their country: a refusal names the sets
# of that country's exchanges (China's futures exchanges close on the holidays SSE and SZSE close on), not the code
# closest in spelling ('SHFE' was "did you mean 'SE'?", Sweden; decision 1472)
_CHINA = {("SHFE", "XSGE"): "the Shanghai Futures Exchange", ("INE", "XINE"): "the Shanghai International Energy Exchange",
          ("DCE", "XDCE"): "the Dalian Commodity Exchange", ("CZCE", "XZCE"): "the Zhengzhou Commodity Exchange",
          ("CFFEX", "CCFX"): "the China Financial Futures Exchange"}
OTHER_EXCHANGES = {code: (name, "CN", "China") for codes, name in _CHINA.items() for code in codes}


def library():
    """The ``holidays`` package."""
    import holidays  # imported when a holiday set is asked for: the package reads many country modules

    return holidays


def parse(name) -> tuple[str, str, str | None]:
    """``("market" | "country", code, subdivision or None)`` of a holiday set's name (``NYSE``, ``us-ny``,
    ``DE``; a market's ISO 10383 MIC, ``XTKS``, as the package's name of its market, ``MICS``), case aside;
    ``RnncastError`` naming what is accepted (the closest name first) otherwise. Days added after ``+``
    (``BR-SP+Carnival``, ``BR+optional``: ``added``) are checked and left out of the answer."""
    if isinstance(name, str) and PLUS in name:
        base, items = split(name)
        found = parse(base)
        added(found, items, RECENT, name)  # an item the set's other categories lack refused here
        return found
    if not isinstance(name, str) or not name.strip():
        raise RnncastError(refused_value(name))
    lib = library()
    markets, countries = lib.list_supported_financial(), lib.list_supported_countries()
    code, _, sub = name.strip().upper().partition("-")
    code = ALIASES.get(code) or MICS.get(code, code)
    for kind, known in (("market", markets), ("country", countries)):
        if code in known:
            if not sub:
                return kind, code, None
            subs = {s.upper(): s for s in known[code]}
            if sub in subs:
                return kind, code, subs[sub]
            listed = ", ".join(f"{code}-{s}" for s in known[code][:12]) or "none"
            raise RnncastError(f"holidays {name!r}: {code} has no subdivision {sub!r}{_closest(sub, subs, code + '-')}; "
                               f"its subdivisions: {listed}{' ...' if len(known[code]) > 12 else ''}")
    country = countries_named().get(_letters(name))
    if country is not None:  # KOREA: its code and its exchange's (decision 661)
        raise RnncastError(f"unknown holidays {name!r}, a country's name: {_pointed(*country)}")
    if code in OTHER_EXCHANGES:
        raise RnncastError(f"unknown holidays {name!r}: {_other_exchange(*OTHER_EXCHANGES[code])}")
    if len(code) > 2:  # an exchange's code: the closest market's, never a country's (SHFE is no Sweden)
        close = _closest(code, [c for c in candidates() if c in markets] + list(MICS)) or _closest(code, markets)
    else:
        close = _closest(code, candidates() + list(MICS)) or _closest(code, list(markets) + list(countries))
    raise RnncastError(f"unknown holidays {name!r}{close}; give a market (its ISO 10383 MIC, such as XNYS or XTKS, or "
                       f"{', '.join(PREFERRED)}, ECB (TARGET) ... "
                       f"{len(lib.list_supported_financial(include_aliases=False))} markets) or a country code, with a "
                       f"subdivision if wanted (US, DE, GB, US-NY, DE-BY; "
                       f"{len(lib.list_supported_countries(include_aliases=False))} countries)")


def check_value(value) -> None:
    """``RnncastError`` (``refused_value``) for a ``holidays`` value that is no name (Prophet's holidays frame, a
    list, a number): checked where the setting is given (``Forecaster(holidays=...)``, ``set_params``) as well as at
    fit, whose ``parse`` reads the name itself (decision 2000)."""
    if value is not None and not (isinstance(value, str) and value.strip()):
        raise RnncastError(refused_value(value))


def refused_value(value) -> str:
    """Why ``holidays`` ``value`` (no set's name) is refused, in one line: the value as ``settingvalues.given`` shows it
    (a frame's size and columns, never its repr: Prophet's holidays frame filled 10 lines), and, for a table (Prophet's
    ``holiday``/``ds`` frame), how a holiday's effect is modelled instead (decision 2000)."""
    from rnncast.settingvalues import given  # numpy's: settingvalues imports nothing of this module

    head = f"holidays (--holidays) takes the name of a holiday set such as 'US', 'DE', 'US-NY' or 'NYSE', got {given(value)}"
    if not hasattr(value, "columns"):
        return head
    return (f"{head}, a table such as Prophet's holidays frame; holidays= names the days a business-day calendar "
            "skips, and a holiday's effect on the values is learned from a 0/1 future covariate: "
            "calendar_covariates='holiday:US' (--calendar-covariates holiday:US) computes it for a set the holidays "
            "package knows, or a column of your own marking the days, given as future_covariates= "
            "(--future-covariates; the README's \"A holiday or weekend column\")")


def _letters(name) -> str:
    """``SOUTHKOREA`` of ``South Korea``: a name's letters, upper case, that country names are matched on."""
    return "".join(c for c in str(name).upper() if c.isalpha())


@functools.lru_cache(maxsize=1)
def countries_named() -> dict[str, tuple[str, str]]:
    """{a country's name (``_letters``: KOREA, SOUTHKOREA, UNITEDSTATES): (its code, its class's name)}, from the
    ``holidays`` package's registry: its module and class names and the aliases that are no code. Empty where the
    package has no registry."""
    try:
        from holidays import registry
    except ImportError:  # a package without its registry: names refused as any unknown name
        return {}
    found = {}
    for key, (class_name, code, *aliases) in registry.COUNTRIES.items():
        for name in (key, class_name, *[a for a in aliases if not a.isupper()]):
            found.setdefault(_letters(name), (code, class_name))
    return found


def _pointed(code: str, class_name: str) -> str:
    """``KR (South Korea) is the country's public holidays; KRX its exchange's trading holidays; give ...``: the
    country as its class's docstring names it (``United States of America (the) holidays.``), its ``exchanges``."""
    cls = next((c for c in type(library().country_holidays(code)).__mro__ if c.__name__ == class_name), None)
    doc = ((cls.__doc__ if cls is not None else None) or "").strip().split("\n")[0]
    said = doc.removesuffix(" holidays.").removesuffix(" (the)") if doc.endswith(" holidays.") else \
        "".join(f" {c}" if c.isupper() else c for c in class_name).strip()  # SouthKorea: South Korea
    markets = exchanges().get(code, ())
    if not markets:
        return f"{code} ({said}) is the country's public holidays; give {code}"
    listed = markets[0] if len(markets) == 1 else f"{', '.join(markets[:-1])} and {markets[-1]}"
    whose = "its exchange's" if len(markets) == 1 else "its exchanges'"
    return (f"{code} ({said}) is the country's public holidays; {listed} {whose} trading holidays; give the one the "
            f"data keeps")


def _other_exchange(exchange: str, country: str, said: str) -> str:
    """Why an exchange of ``OTHER_EXCHANGES`` is refused: it has no set here; its country's exchanges' sets."""
    markets = exchanges().get(country, ())
    listed = markets[0] if len(markets) == 1 else f"{', '.join(markets[:-1])} or {markets[-1]}"
    return (f"{exchange} has no holiday set here; {said}'s exchanges close on the same days, and their sets are "
            f"{listed} ({country} is {said}'s public holidays): give the one whose trading days the data keeps")


@functools.lru_cache(maxsize=1)
def exchanges() -> dict[str, tuple]:
    """{a country's code: the sets of its exchanges}: the markets of ``MARKET_COUNTRIES`` or whose class in the
    ``holidays`` package (or its parent's) names the country (KRX: KR), each by the name ``candidates()`` gives it
    (``NO_EXCHANGE`` left out), in its order."""
    lib = library()
    grouped: dict[tuple, list] = {}
    for code in lib.list_supported_financial():
        table = lib.financial_holidays(code)
        whose = MARKET_COUNTRIES.get(code) or MARKET_COUNTRIES.get(table.market) or _country_of(type(table))
        if whose is not None:
            grouped.setdefault((whose, table.market), []).append(code)
    order = {c: i for i, c in enumerate(candidates())}
    named: dict[str, list] = {}
    for (whose, _), codes in grouped.items():
        known = [c for c in codes if c in order]
        name = min(known, key=order.get) if known else codes[0]
        if name not in NO_EXCHANGE:
            named.setdefault(whose, []).append(name)
    return {c: tuple(sorted(names, key=lambda n: order.get(n, len(order)))) for c, names in named.items()}


def _country_of(cls) -> str | None:
    """The country code a market's class of the ``holidays`` package names, or its parent's (KRX: KR)."""
    while cls is not None:
        if getattr(cls, "country", None):
            return cls.country
        cls = getattr(cls, "parent_entity", None)
    return None


def _closest(text: str, known, prefix: str = "") -> str:
    close = difflib.get_close_matches(text, [str(k) for k in known], n=1, cutoff=0.5)
    return f" (did you mean {prefix + close[0]!r}?)" if close else ""


def canonical(name) -> str:
    """The name as the model keeps it: ``us-ny`` -> ``US-NY``; ``br-sp+carnival`` -> ``BR-SP+Carnival``."""
    kind, code, sub = parse(name)
    items = "".join(PLUS + i for i in added((kind, code, sub), split(name)[1], RECENT, name)) if PLUS in name else ""
    return (code if sub is None else f"{code}-{sub}") + items


@functools.lru_cache(maxsize=256)
def _table(name: str, first: int, last: int):
    """The ``holidays`` object of set ``name`` (canonical) over the years ``first`` to ``last``, with the days its
    ``+`` items add (``addedholidays``: a category's, or the holidays so named in the set's other categories)."""
    base, items = split(canonical(name) if PLUS in name else name)  # br-sp+carnival as BR-SP+Carnival
    found = parse(base)
    return extended(make(*found, (first, last)), found, items, (first, last))


@functools.lru_cache(maxsize=256)
def weekday_holidays(name: str, first: int = YEARS[0], last: int = YEARS[1], weekmask: str | None = None) -> np.ndarray:
    """The holidays of set ``name`` that fall on Monday to Friday (the days of ``weekmask``, when given)
    in the years ``first`` to ``last``, sorted, as ``datetime64[D]``."""
    days = np.array(sorted(_table(name, first, last)), dtype="datetime64[D]")
    return days[np.is_busday(days, weekmask=weekmask or weekmasks.BUSINESS)] if len(days) else days


@functools.lru_cache(maxsize=64)
def offset(name: str, weekmask: str | None = None) -> pd.offsets.CustomBusinessDay:
    """Business days (Monday to Friday, or the days of ``weekmask``) without the holidays of set ``name``
    over ``YEARS``."""
    return weekmasks.offset(weekmask, weekday_holidays(canonical(name), weekmask=weekmask))


def holiday_of(name: str, day) -> str | None:
    """What ``day`` is in set ``name`` (``Independence Day``), or None when it is no holiday of it."""
    return _table(canonical(name), *YEARS).get(pd.Timestamp(day).date())


@functools.lru_cache(maxsize=1)
def candidates() -> list[str]:
    """The sets inference tries: one name per market (``PREFERRED`` first, then a name that is not an
    ``X...`` code where one exists), then ``COUNTRIES``."""
    lib = library()
    markets: dict[str, str] = {}
    for code in lib.list_supported_financial():
        market = getattr(lib.financial_holidays(code), "market", code)
        held = markets.get(market)
        if held is None or (held not in PREFERRED and (code in PREFERRED or (held.startswith("X") and
                                                                               not code.startswith("X")))):
            markets[market] = code
    names = sorted(markets.values(), key=lambda c: (PREFERRED.index(c) if c in PREFERRED else len(PREFERRED), c))
    supported = lib.list_supported_countries()
    return names + [c for c in COUNTRIES if c in supported]


def wall_days(time: pd.DatetimeIndex) -> np.ndarray:
    """[N] the calendar days of ``time`` as its wall clock reads them (``datetime64[D]``)."""
    wall = zoneclock.wall(time)
    return wall.to_numpy().astype("datetime64[D]")


def described(name: str | None, weekmask: str | None = None) -> str:
    """How a person reads the calendar: ``business days without NYSE holidays``, ``business days Sun Mon Tue
    Wed Thu without IL holidays``."""
    days = "business days" if weekmask is None else f"business days {weekmask}"
    return days if name is None else f"{days} without {name} holidays"
