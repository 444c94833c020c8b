"""What ``tune`` searches: the settings (``SEARCH``), the space each is drawn from, and the lookbacks
that fit the data.

``search`` is a setting's name, a list of names (each drawn from its default space) or a dict of
name -> its space (None: the default). Each setting keeps the kind of its default space, because an
Optuna study refuses one parameter drawn two ways: ``num_layers``, ``lr`` and ``dropout`` take a range
``(low, high)`` (``lr`` on a log scale, as by default; ``num_layers`` whole numbers), ``cell``,
``hidden_size`` and ``lookback`` a list of choices. Every end and choice is checked as the setting
itself is, beside the fixed settings; a lookback choice must also fit the data.
"""

from __future__ import annotations

import collections
import logging
import math
import numbers

from rnncast.config import CELLS, Settings, check_names
from rnncast.errors import RnncastError
from rnncast.settingchecks import check_effects
from rnncast.settingvalues import cell_name, plain
from rnncast.shortlookbacks import short_lookbacks, windows_left
from rnncast.spelling import did_you_mean, spelled
from rnncast.windows import chronological_split

log = logging.getLogger(__name__)

SEARCH = ("cell", "hidden_size", "num_layers", "lookback", "lr", "dropout")
HIDDEN_SIZES = (16, 32, 64, 128)
LOOKBACKS = (24, 48, 96, 168, 336)  # those too long for the data are left out
RANGES = {"num_layers": (1, 3), "lr": (1e-4, 1e-2), "dropout": (0.0, 0.5)}  # drawn between low and high
LOG_SCALE = ("lr",)
CHOICES = {"cell": tuple(CELLS), "hidden_size": HIDDEN_SIZES, "lookback": LOOKBACKS}  # drawn among these
EXAMPLES = {"cell": "lstm,gru", "hidden_size": "32,64", "lookback": "24,48,96", "num_layers": "1..2",
            "lr": "1e-3..1e-2", "dropout": "0.1..0.3"}  # each setting's space as --search takes it


def what_is_searched(search) -> dict:
    """``search`` as ``tune`` takes it -> {name: the space given (a ``(low, high)`` tuple or a tuple of
    choices), or None for the default}, in the order given. Raises ``RnncastError`` for a name that is
    not searchable, a ``search`` of another type, and a space of the wrong shape, naming what is accepted."""
    if search is None:  # every searchable setting (those fixed are left out: not_fixed)
        search = SEARCH
    if isinstance(search, str):
        search = (search,)  # one name, not its letters
    if isinstance(search, dict):
        given = dict(search)
    elif isinstance(search, (list, tuple, set, frozenset)):
        given = {name: None for name in search}
    else:
        raise RnncastError(f"search must be a setting's name, a list of names or a dict of name -> range or choices, "
                           f"got {type(search).__name__}; searchable settings: {', '.join(SEARCH)}")
    if not given:  # not "every setting is fixed": nothing was named
        raise RnncastError(f"search names no setting (got {search!r}); leave it out to search every setting not fixed")
    for name in given:
        check_name(name)
    return {name: None if space is None else _shape(name, space) for name, space in given.items()}


def check_name(name) -> None:
    """Raise ``RnncastError`` where ``name`` is none of the settings tune searches (``SEARCH``), naming them and the
    one nearest it ('hidden': 'hidden_size'; not for names joined by a comma, which --search advises on)."""
    if name not in SEARCH:
        near = "" if "," in str(name) else did_you_mean(name, SEARCH)
        raise RnncastError(f"cannot search {name!r}{near}; searchable settings: {', '.join(SEARCH)}")


def _shape(name: str, space) -> tuple:
    """A given space as a tuple, its shape checked (the values are checked against the settings later);
    NumPy values as the Python values they hold (Optuna records only those)."""
    space = plain(space)
    if name in RANGES:
        kind = "whole numbers" if name == "num_layers" else "numbers"
        wanted = (f"search's {name} takes a range (low, high) of {kind}"
                  f"{', drawn on a log scale' if name in LOG_SCALE else ''} (default: {RANGES[name]})")
        if isinstance(space, (str, bytes, dict)) or not hasattr(space, "__len__") or len(space) != 2:
            raise RnncastError(f"{wanted}, got {space!r}")
        low, high = (plain(value) for value in space)
        if not all(isinstance(v, numbers.Real) and not isinstance(v, bool) and math.isfinite(v) for v in (low, high)):
            raise RnncastError(f"{wanted}, got {space!r}")
        if low > high:
            raise RnncastError(f"{wanted}, low <= high; got ({low!r}, {high!r})")
        return (low, high)
    wanted = f"search's {name} takes a list of choices (default: {list(CHOICES[name])})"
    if isinstance(space, (str, bytes, dict)) or not isinstance(space, (list, tuple, set, frozenset)) or not space:
        raise RnncastError(f"{wanted}, got {space!r}")
    raw = [plain(value) for value in space]  # a cell in capitals (LSTM) as fit reads it (decision 962): one cell
    given = [cell_name(value) if name == "cell" else value for value in raw]
    choices = tuple(dict.fromkeys(given))  # in the order given
    if len(choices) < len(given):  # a repeat would be drawn no more often: Optuna keeps each choice once
        twice = next(value for value in choices if given.count(value) > 1)
        written = list(dict.fromkeys(r for r, g in zip(raw, given) if g == twice))  # 'LSTM' and 'lstm': one cell
        named = f" (given as {' and '.join(map(repr, written))})" if len(written) > 1 else ""
        raise RnncastError(f"search's {name} gives the choice {twice!r}{named} more than once; give each choice once")
    kind, example = (str, "names") if name == "cell" else (numbers.Integral, "whole numbers")
    for value in choices:  # the wrong type said as such (not as no lookback fitting), before any setting is checked
        if not isinstance(value, kind) or isinstance(value, bool):
            raise RnncastError(f"search's {name} choice {value!r} is of type {type(value).__name__}; {name} takes "
                               f"{example} as choices, e.g. {list(_example(name))}")
    return choices


def _example(name: str) -> tuple:
    """``EXAMPLES``' space of ``name`` as the API takes it: (24, 48, 96), (0.1, 0.3)."""
    pieces = EXAMPLES[name].split(".." if name in RANGES else ",")
    return tuple(piece if name == "cell" else int(piece) if piece.isdigit() else float(piece) for piece in pieces)


def resolved(space: dict) -> dict:
    """The ``space`` with each default (None) spelt out, as lists: what a study records (``studies.check_search``)."""
    return {name: list(given or (RANGES.get(name) or CHOICES[name])) for name, given in space.items()}


def space_text(space: dict) -> str:
    """A resolved space as --search flags take it: "--search hidden_size=8,16 --search lr=0.0001..0.01"."""
    return " ".join(f"--search {name}={('..' if name in RANGES else ',').join(map(str, given))}"
                    for name, given in space.items())


def not_fixed(space: dict, fixed: dict, given: bool) -> dict:
    """The ``space`` less the settings ``fixed``: ``given`` False (no ``search`` given), every searchable
    setting not fixed; ``given`` True, a setting both named in ``search`` and fixed is refused by name
    (``RnncastError``), as is a space with nothing left to search."""
    both = [name for name in space if name in fixed]
    if given and both:
        raise RnncastError(f"{both[0]} is both fixed ({spelled(both[0])}) and searched ({spelled('search')}); give it "
                           "to one of them")
    space = {name: given for name, given in space.items() if name not in fixed}
    if not space:
        raise RnncastError(f"every searchable setting ({', '.join(SEARCH)}) is fixed; leave one of them out of the "
                           "settings")
    return space


def check_space(space: dict, fixed: dict, base: Settings) -> None:
    """Each end of a range and each choice, as the setting itself takes it beside the fixed settings
    (``base``: them with a lookback they take). Raises ``RnncastError`` naming the value and why."""
    flat = {**base.flat(), "quantiles": base.model.quantiles or None}  # () is the settings' no levels; [] a refused list
    for name, given in space.items():
        for value in given or ():
            try:
                Settings.from_flat({**flat, **fixed, name: value})
            except RnncastError as err:
                raise RnncastError(f"search's {name} {list(given) if name in CHOICES else given}: {err}") from None


def fixed_checked(fixed: dict, searched: list, lookbacks=LOOKBACKS) -> Settings:
    """The fixed settings, checked; with the lookback searched, beside the first of ``lookbacks`` they
    take (window_norm 'season' with a season of 52 needs a lookback of at least 52, not the default 50). A
    refusal that is the same whatever the lookback (``lr -1``) is said as it is; only one that each lookback draws
    out is said as no lookback fitting."""
    check_names(fixed)  # a misspelt name is said as it is, not as what no lookback fits
    if "lookback" not in searched:
        return _effective(Settings.from_flat(fixed))
    refusals = []
    for lookback in lookbacks:
        try:
            settings = Settings.from_flat({**fixed, "lookback": lookback})
        except RnncastError as err:
            refusals.append(str(err))
        else:
            return _effective(settings)
    if len(set(refusals)) == 1 and str(lookbacks[0]) not in refusals[0]:
        raise RnncastError(refusals[0])  # not the lookback's doing
    raise RnncastError(f"no lookback the search tries ({', '.join(map(str, lookbacks))}) fits these settings: "
                       f"{refusals[-1]}; give {spelled('lookback')} to fix one")


def _effective(settings: Settings) -> Settings:
    """``settings`` once a fixed training setting that every trial's fit would refuse as changing nothing (a chunk
    without the sequence scheme: ``check_effects``, none of them searched) is refused, before a study is opened."""
    check_effects(settings.train)
    return settings


def searched_lookbacks(rows, fixed: dict, given=None, shortest: str = "") -> tuple:
    """The lookbacks to search: the choices ``given``, each of which must fit the data (else a
    ``RnncastError`` naming it), or else ``default_lookbacks``. ``rows``: the rows of one series, or of each series
    of a panel (``shortest``: the shortest one as said, "'b' (40 rows)"): a lookback must
    fit every one of them, since fit leaves a series too short for it out and the trials of two lookbacks would be
    scored on other series (decision 1166)."""
    lengths = [int(rows)] if isinstance(rows, numbers.Integral) else [int(n) for n in rows]
    if given is None:
        return default_lookbacks(lengths, fixed, shortest)
    for lookback in given:
        data = Settings.from_flat({**fixed, "lookback": lookback}).data
        try:
            chronological_split(min(lengths), lookback, data.horizon, data.val_frac, data.test_frac)
        except RnncastError as err:
            which = f" (its shortest series, {shortest})" if shortest else ""
            raise RnncastError(f"search's lookback {lookback} does not fit the data{which}: {err}; leave it out of the "
                               f"choices{_SHORT if shortest else ''}") from None
    return tuple(given)


_SHORT = (" (each trial trains and scores every series; a lookback fixed with lookback=, --lookback, is trained as fit "
          "trains it, the series too short for it left out)")


def default_lookbacks(rows, fixed: dict, shortest: str = "") -> tuple:
    """The lookbacks of ``LOOKBACKS`` that the fixed settings take (at least the season for window_norm 'season', a
    whole number of segments), that leave the data (every series of ``rows``, a list of each one's rows) a training, validation
    and test part, and whose training rows hold at least as many windows as the lookback has steps (over every series;
    the lookback and horizon take at most about half of one series' training rows: 51 training rows hold one window of
    lookback 48 + horizon 3, 25 of lookback 24). Where none holds that many, or none fits even the longest series (the
    data as a whole short), those scaled to the data (``short_lookbacks``); where one series alone is too short for
    every one, a ``RnncastError`` naming it (``shortest``), as fit leaves it out (decision 1848). A season longer than
    every one of ``LOOKBACKS`` (365 on days) is a choice too, by the same rule (decision 1929)."""
    lengths = [int(rows)] if isinstance(rows, numbers.Integral) else [int(n) for n in rows]
    sizes = collections.Counter(lengths)
    fits, enough = [], []
    season = int(fixed.get("season") or 1)  # a window that sees one whole season (t36t6: 365 on days never tried)
    for lookback in LOOKBACKS + ((season,) if season > LOOKBACKS[-1] else ()):
        if (left := windows_left(sizes, fixed, lookback)) is None:
            continue
        fits.append((lookback, *left))
        if left[0] >= lookback:
            enough.append(lookback)
    whole = not any(windows_left({max(lengths): 1}, fixed, lookback) for lookback in LOOKBACKS)  # not one short series
    if not fits and whole and (short := short_lookbacks(lengths, fixed, LOOKBACKS)) is not None:  # 24 rows: 4 (decision 1811)
        return short
    if not fits:
        which = f"the shortest series, {shortest}, is too short" if shortest else f"{lengths[0]} rows are too few"
        raise RnncastError(f"{which} for any lookback {_taken(fixed, max(*LOOKBACKS, *lengths))}; give "
                           f"{spelled('lookback')} to fix one" + (" (fit then leaves the series too short for it out)"
                                                                  if shortest else ""))
    left_out = [f"{lookback} ({count} window{'s' if count != 1 else ''})" for lookback, count, _ in fits
                if lookback not in enough]
    if not enough:
        return short_lookbacks(lengths, fixed, LOOKBACKS)
    if left_out:
        log.info("lookbacks searched: %s (each leaves the %d training rows at least as many windows as its length; "
                 "not %s)", ", ".join(map(str, enough)), fits[0][2], ", ".join(left_out))
    return tuple(enough)


def _taken(fixed: dict, longest: int) -> str:
    """The lookbacks the too-short refusal says were searched: those the fixed settings take (window_norm 'season':
    at least the season; a segment: its multiples), of ``LOOKBACKS`` and the shortest of 1 to ``longest``; it named
    all of ``LOOKBACKS`` where the settings took some alone (t35t7 L6, decision 1844)."""
    def takes(lookback: int) -> bool:
        try:
            return Settings.from_flat({**fixed, "lookback": lookback}) is not None
        except RnncastError:
            return False

    taken, low = [lb for lb in LOOKBACKS if takes(lb)], next((lb for lb in range(1, longest + 1) if takes(lb)), 1)
    if low == 1 and taken == list(LOOKBACKS):
        return f"of {LOOKBACKS} or shorter that these settings take"
    return (f"that these settings take (of the default choices {LOOKBACKS} they take "
            f"{', '.join(map(str, taken)) or 'none'}, and none shorter than {low})")


def suggest(trial, name: str, space):
    """A value of setting ``name`` drawn by the Optuna ``trial`` from ``space`` (a ``(low, high)`` range
    or a tuple of choices; None: the default space)."""
    if name in CHOICES:
        return trial.suggest_categorical(name, list(space or CHOICES[name]))
    low, high = space or RANGES[name]
    if name == "num_layers":
        return trial.suggest_int(name, int(low), int(high))
    return trial.suggest_float(name, float(low), float(high), log=name in LOG_SCALE)


def in_space(name: str, value, space) -> bool:
    """Whether ``value`` (a default, the first trial of a new study) lies in the ``space`` searched."""
    if name in CHOICES:
        return value in (space or CHOICES[name])
    low, high = space or RANGES[name]
    return low <= value <= high
