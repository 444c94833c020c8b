"""The zone a user names (``tz=``, ``--tz``): checked before any timestamp is placed in it, an unknown one refused in
one line saying what is accepted and what was likely meant.

An energy analyst gave ``--tz UTC+1`` and heard pandas' "invalid literal for int() with base 10: '+'"; ``--tz MEZ``
(German for CET) was offered the legacy zone 'MET'. ``unknown`` says instead what rnncast accepts: IANA names
(Europe/Berlin, America/New_York, UTC) and fixed UTC offsets written ``+01:00`` or ``UTC+01:00`` (pandas reads those; the
IANA ``Etc/GMT-1`` is the same offset: its sign is reversed), then, for a time-zone abbreviation (CET, MEZ, EST, PDT,
IST ...), the usual IANA zones with the caution that an abbreviation names no one zone, and for ``UTC+1``, ``GMT-5``,
``UTC+5:30`` the fixed-offset form. A name near a real one (Europe/Berln) is offered that.

``canonical`` reads a zone name case-insensitively to its IANA spelling (utc -> UTC, asia/seoul -> Asia/Seoul), the
name kept; ``Z``, ISO 8601's mark of UTC, is advised UTC.

``noted`` says what an accepted name that reads otherwise than it looks does: ``Etc/GMT+5`` is UTC-05:00 (an INFO),
tzdata's legacy ``EST`` and ``MST`` keep standard time all year, where the clocks the abbreviations name move in
summer (a warning). Once per process and name.
"""

from __future__ import annotations

import logging
import re
import warnings
import zoneinfo

import pandas as pd

from rnncast.noticed import first_in_call
from rnncast.spelling import did_you_mean, spelled

log = logging.getLogger(__name__)

ACCEPTED = ("accepted: an IANA zone name (Europe/Berlin, America/New_York, UTC), a fixed UTC offset written +01:00 or "
            "UTC+01:00 (the IANA Etc/GMT-1 is that offset too: the sign of Etc/GMT names is reversed, east of "
            "Greenwich negative), or no zone, with the timestamps written with their UTC offset")

_CENTRAL = "Central European Time", ("Europe/Berlin", "Europe/Paris", "Europe/Vienna")
_WESTERN = "Western European Time", ("Europe/Lisbon", "Atlantic/Canary")
_EASTERN = "Eastern European Time", ("Europe/Athens", "Europe/Helsinki", "Europe/Bucharest")
_US_EAST = "US/Canadian Eastern Time", ("America/New_York", "America/Toronto")
_US_CENTRAL = "US Central Time; also China Standard Time", ("America/Chicago", "Asia/Shanghai")
_US_MOUNTAIN = "US Mountain Time", ("America/Denver", "America/Phoenix (no summer time)")
_US_PACIFIC = "US Pacific Time", ("America/Los_Angeles", "America/Vancouver")
_AUS_EAST = "Australian Eastern Time", ("Australia/Sydney", "Australia/Brisbane (no summer time)")
ABBREVIATIONS = {  # an abbreviation (in summer time too) -> what it is mostly read as, its usual IANA zones
    **dict.fromkeys(("CET", "CEST", "MEZ", "MESZ", "MET", "MEST"), _CENTRAL),
    **dict.fromkeys(("WET", "WEST", "WEZ", "WESZ"), _WESTERN),
    **dict.fromkeys(("EET", "EEST", "OEZ", "OESZ"), _EASTERN),
    **dict.fromkeys(("EST", "EDT", "ET"), _US_EAST), **dict.fromkeys(("CST", "CDT", "CT"), _US_CENTRAL),
    **dict.fromkeys(("MST", "MDT", "MT"), _US_MOUNTAIN), **dict.fromkeys(("PST", "PDT", "PT"), _US_PACIFIC),
    **dict.fromkeys(("AKST", "AKDT"), ("Alaska Time", ("America/Anchorage",))),
    "HST": ("Hawaii Time", ("Pacific/Honolulu",)),
    "BST": ("British Summer Time; also Bangladesh Time", ("Europe/London", "Asia/Dhaka")),
    "IST": ("India, Irish or Israel Standard Time", ("Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem")),
    "JST": ("Japan Time", ("Asia/Tokyo",)), "KST": ("Korea Time", ("Asia/Seoul",)),
    "HKT": ("Hong Kong Time", ("Asia/Hong_Kong",)), "SGT": ("Singapore Time", ("Asia/Singapore",)),
    "MSK": ("Moscow Time", ("Europe/Moscow",)),
    **dict.fromkeys(("AEST", "AEDT"), _AUS_EAST),
    **dict.fromkeys(("ACST", "ACDT"), ("Australian Central Time", ("Australia/Adelaide", "Australia/Darwin"))),
    "AWST": ("Australian Western Time", ("Australia/Perth",)),
    **dict.fromkeys(("NZST", "NZDT"), ("New Zealand Time", ("Pacific/Auckland",))),
}
_PAIRS = (("CET", "CEST", "+01:00", "+02:00"), ("MEZ", "MESZ", "+01:00", "+02:00"), ("MET", "MEST", "+01:00", "+02:00"),
          ("WET", "WEST", "+00:00", "+01:00"), ("WEZ", "WESZ", "+00:00", "+01:00"), ("EET", "EEST", "+02:00", "+03:00"),
          ("OEZ", "OESZ", "+02:00", "+03:00"), ("EST", "EDT", "-05:00", "-04:00"), ("MST", "MDT", "-07:00", "-06:00"),
          ("PST", "PDT", "-08:00", "-07:00"), ("AKST", "AKDT", "-09:00", "-08:00"), ("AEST", "AEDT", "+10:00", "+11:00"),
          ("ACST", "ACDT", "+09:30", "+10:30"), ("NZST", "NZDT", "+12:00", "+13:00"))  # standard, summer: one offset each
_ONE_OFFSET = {"HST": "-10:00", "JST": "+09:00", "KST": "+09:00", "HKT": "+08:00", "SGT": "+08:00", "MSK": "+03:00",
               "AWST": "+08:00"}  # no summer time; CST, IST, BST name two places, ET, PT the clock: no one offset
FIXED_ALL_YEAR = {"EST": "America/New_York", "MST": "America/Denver"}  # tzdata's, without the summer time of the clocks
OFFSET = re.compile(r"(?:UTC|GMT|Z)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?", re.IGNORECASE)  # UTC+1, GMT-05:00, +5:30


def canonical(tz):
    """The IANA name ``tz`` names, read case-insensitively as pandas reads 'utc' ('utc' -> 'UTC', 'asia/seoul' ->
    'Asia/Seoul'), so a zone is kept by one name; anything else (an offset, an unknown name, no text) as given."""
    if not isinstance(tz, str):
        return tz
    names = zoneinfo.available_timezones()
    if tz.strip() in names:
        return tz.strip()
    folded = {n.casefold(): n for n in names}
    return folded.get(tz.strip().casefold(), tz)


def one_zone(tz):
    """The zone ``tz`` names for COMPARING settings (resume, a continued tune, set_params since fit): its IANA name
    (``canonical``), a link resolved to the zone the zone database links it to (its ``tzdata.zi``: ``L Etc/UTC UTC``,
    ``L Asia/Kolkata Asia/Calcutta``, ``L America/New_York US/Eastern``), so two names of one zone are one setting;
    what is written keeps the name given. Where no ``tzdata.zi`` is found, the IANA name as ``canonical`` gives it."""
    name = canonical(tz)
    links = _links()
    for _ in range(8):  # a link to a link (none today): followed, not looped
        if not isinstance(name, str) or name not in links:
            break
        name = links[name]
    return name


def compared(params: dict) -> dict:
    """``params`` (settings by name) with ``tz`` as ``one_zone`` reads it: for comparing two records, never written."""
    return {**params, "tz": one_zone(params["tz"])} if isinstance(params, dict) and "tz" in params else params


_LINKS: dict | None = None


def _links() -> dict:
    """{link: target} of the zone database zoneinfo reads (the first ``tzdata.zi`` on ``zoneinfo.TZPATH``, else the
    ``tzdata`` package's); {} where there is none."""
    global _LINKS
    if _LINKS is None:
        import importlib.resources
        from pathlib import Path
        places = [Path(p) / "tzdata.zi" for p in zoneinfo.TZPATH]
        try:
            places.append(Path(str(importlib.resources.files("tzdata") / "zoneinfo" / "tzdata.zi")))
        except (ModuleNotFoundError, TypeError):
            pass
        _LINKS = {}
        for place in places:
            try:
                lines = place.read_text(encoding="utf-8").splitlines()
            except OSError:
                continue
            _LINKS = {f[2]: f[1] for f in (line.split() for line in lines) if len(f) >= 3 and f[0] == "L"}
            break
    return _LINKS


def unknown(tz, name: str) -> str | None:
    """The line refusing ``tz`` as the zone of time column ``name``, or None where pandas places times in it."""
    if not isinstance(tz, str):
        return None
    try:
        pd.Timestamp("2000-01-01").tz_localize(tz)
        return None
    except Exception:  # zoneinfo's "No time zone found", pandas' int() of 'UTC+1' and offsets of a day or more
        pass
    return f"unknown time zone {tz!r} for the timestamps of {name!r}{_meant(tz.strip())}; {ACCEPTED}"


def _meant(tz: str) -> str:
    """What ``tz`` (not a zone) was likely meant as: a fixed offset written as pandas reads it, the zones an
    abbreviation is used for, or the nearest zone name; "" for none."""
    offset = OFFSET.fullmatch(tz)
    if offset and not (int(offset[2]) < 24 and int(offset[3] or 0) < 60):
        return ""  # UTC+25: no offset, no zone near it
    if offset:
        written = f"{offset[1]}{int(offset[2]):02d}:{offset[3] or '00'}"
        return (f": a fixed offset {written[1:]} {'ahead of' if offset[1] == '+' else 'behind'} UTC is written "
                f"{written} (or UTC{written}); it keeps no summer time, so for a place's clock give its IANA zone")
    if tz.upper() == "Z":  # ISO 8601's mark of UTC (2024-01-01T00:00Z), no zone name: not 'NZ'
        return ": Z is ISO 8601's mark of UTC, not a zone name; give UTC"
    if (fixed := defined(tz)) is not None:  # MEZ: +01:00 by definition, as services write it all year (decision 1796)
        local = ("; for a place's local clock, which moves to summer time, give its IANA zone, such as "
                 f"{', '.join(ABBREVIATIONS[tz.upper()][1])}") if fixed[2] else f" (or the IANA zone {ABBREVIATIONS[tz.upper()][1][0]})"
        return f": {tz} is {fixed[1]}: for timestamps that keep {tz} all year, as services write them, give the fixed offset {fixed[0]}{local}"
    if tz.upper() in ABBREVIATIONS:
        meaning, zones = ABBREVIATIONS[tz.upper()]
        return (f": {tz} is an abbreviation ({meaning}), which names no one zone; give the IANA zone of the data's "
                f"place, such as {', '.join(zones)}")
    return did_you_mean(tz, zoneinfo.available_timezones())


def defined(abbreviation: str) -> tuple[str, str, bool] | None:
    """``(offset, what it is, whether its clock has summer time)`` of a zone abbreviation that stands for one UTC
    offset by definition: ``MEZ`` -> ('+01:00', "Central European Time at UTC+01:00 by definition, all year (its
    summer time is written MESZ, UTC+02:00)", True); None for one that names none (CST, IST, PT) or no abbreviation."""
    name = str(abbreviation).strip().upper()
    for standard, summer, winter_offset, summer_offset in _PAIRS:
        meaning = ABBREVIATIONS[standard][0]
        if name == standard:
            return winter_offset, (f"{meaning} at UTC{winter_offset} by definition, all year (its summer time is "
                                   f"written {summer}, UTC{summer_offset})"), True
        if name == summer:
            return summer_offset, (f"{meaning}'s summer time, UTC{summer_offset} by definition (its winter time is "
                                   f"written {standard}, UTC{winter_offset})"), True
    if name in _ONE_OFFSET:
        return _ONE_OFFSET[name], f"{ABBREVIATIONS[name][0]}, UTC{_ONE_OFFSET[name]} (no summer time)", False
    return None


ENDING = re.compile(r"\s([A-Za-z]{2,5})$")  # '2018-10-01 07:00 MEZ': the abbreviation a service writes after the time


def in_timestamp(written: pd.Series, i: int, name: str) -> str | None:
    """Why value ``i`` of time column ``name`` (``written``: as its file writes it) is no timestamp, where it is one
    followed by a zone abbreviation ('2018-10-01 07:00 MEZ', as German hydrology services write them): what the
    abbreviation stands for and what to give instead (decision 1795); None otherwise. A column writing two offsets'
    abbreviations (MEZ in winter, MESZ in summer) is told to write each as its offset (a pandas line)."""
    text = str(written.iloc[i]).strip()
    if not (found := ENDING.search(text)) or found[1].upper() not in ABBREVIATIONS:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if pd.isna(pd.to_datetime(text[: found.start()].strip(), errors="coerce")):
            return None  # no timestamp before it: said as any other value
    said = found[1]
    meaning, zones = ABBREVIATIONS[said.upper()]
    fixed = defined(said)
    what = f"{said} is {fixed[1]}" if fixed else f"{said} is an abbreviation ({meaning}) of no one UTC offset"
    lead = f", which ends in {said!r}, a time-zone abbreviation rnncast does not read in a timestamp: {what}; "
    every = sorted(set(written.dropna().astype(str).str.strip().str.extract(ENDING, expand=False).dropna()))
    if len(every) > 1 and all(defined(e) for e in every):  # MEZ and MESZ: the offsets change with the clock's
        replaced = "".join(f".str.replace(' {e}', '{defined(e)[0]}')" for e in every)
        return (f"{lead}the column writes {' and '.join(every)}: write each as its UTC offset, e.g. with pandas: "
                f"df[{name!r}] = df[{name!r}]{replaced}, and give the zone whose clock they follow, such as "
                f"{spelled('tz', zones[0])}")
    if fixed is None:
        return f"{lead}remove it from the timestamps and give the zone it stands for, {spelled('tz')}, such as {', '.join(zones)}"
    local = (f" (or, where the times are a place's local clock, which moves to summer time, its zone, such as {zones[0]})"
             if fixed[2] else "")
    return f"{lead}remove it from the timestamps and give {spelled('tz', fixed[0])}, the offset it stands for{local}"


def noted(tz) -> None:
    """Say, once per call (``noticed.first_in_call``: a fit, a backtest, a command), what an accepted ``tz`` that
    reads otherwise than it looks is: ``Etc/GMT+5`` is UTC-05:00 (INFO); tzdata's ``EST``, ``MST`` keep standard time
    all year (a warning)."""
    if not isinstance(tz, str) or not first_in_call("zone reads otherwise", tz):
        return
    etc = re.fullmatch(r"Etc/GMT([+-])(\d{1,2})", tz.strip())
    if etc and int(etc[2]):
        log.info("time zone %r is UTC%s%02d:00: the sign of Etc/GMT names is reversed (east of Greenwich negative)",
                 tz, "-" if etc[1] == "+" else "+", int(etc[2]))
    elif tz.strip().upper() in FIXED_ALL_YEAR:
        log.warning("time zone %r is tzdata's legacy zone at UTC%s all year, without summer time; for the clocks "
                    "of %s, which move in summer, give %s", tz, "-05:00" if tz.strip().upper() == "EST" else "-07:00",
                    FIXED_ALL_YEAR[tz.strip().upper()].split("/")[1].replace("_", " "),
                    FIXED_ALL_YEAR[tz.strip().upper()])
