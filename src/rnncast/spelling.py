"""How a hint names a setting for whoever reads it: as a keyword of ``Forecaster`` and a flag of
``rnncast fit`` (``epochs=, --epochs``), unless the caller chose its own spelling for a block
(``bench`` has no ``--epochs``: its users set it with ``--set epochs=N``).

The library's hints and refusals ('try more epochs (...)', 'give the seasonal period (...)') call
:func:`spelled`; a command with other flags wraps its work in :func:`spelling`. A caller that takes one
series only (``tune``) says so with :func:`one_series`, so that a hint does not offer it ``id_col``,
which it would refuse. A caller that cannot give a setting a refusal would offer (``predict`` takes no
``fill`` and no ``freq``: the model applies its fit's) gives its own words for it with :func:`hints`,
which the refusal reads with :func:`hint`. :func:`named` names a setting in a refusal of its value (the config file
that gave it, :func:`in_config`); :func:`counted` pluralises a count's noun; :func:`shell_word` quotes names for a flag;
:func:`did_you_mean` names the known name nearest a misspelt one (one the header writes in another Unicode form or with
spaces around it: ``lookalikes``). Nothing here imports the rest of the package, so any module may use it.
"""

from __future__ import annotations

import collections
import difflib
import shlex
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar


def keyword_and_flag(name: str, value=None) -> str:
    """The default spelling: ``lr`` -> ``lr=, --lr``; with a value, ``season=52, --season 52``; an on/off
    setting, ``highway=True, --highway`` (``--no-highway`` for False)."""
    flag = "--" + name.replace("_", "-")
    if value is None:
        return f"{name}=, {flag}"
    if isinstance(value, bool):
        return f"{name}={value}, {flag if value else '--no-' + flag[2:]}"
    if isinstance(value, str):  # quoted for a shell where it must be: --cutoff '2016-08-04 03:45:00' (a space)
        return f"{name}={value!r}, {flag} {shell_word(value)}"
    return f"{name}={value}, {flag} {value}"


def counted(n: int, noun: str) -> str:
    """``n`` and its noun, plural unless one: ``1 step``, ``3 steps``, ``1 trial`` (add ``s`` only)."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def times_over(ratio: float) -> str:
    """A large ratio to three significant figures, in thousands: 336,912.4 -> "337,000" (the "1/337,000" of a
    verdict on a far lower MSE, of a squeezed column's scale)."""
    return f"{float(f'{ratio:.3g}'):,.0f}"


def rows_span(first: int, last: int, noun: str = "rows") -> str:
    """Numbered rows from ``first`` to ``last``: ``rows 3-9``, one row as itself (``row 1000``, not ``rows
    1000-1000``); ``noun`` "" for the numbers alone (``3-9``, ``1000``)."""
    numbers = f"{first}" if first == last else f"{first}-{last}"
    return numbers if not noun else f"{noun.removesuffix('s') if first == last else noun} {numbers}"


def shell_word(*names) -> str:
    """One value of a command-line flag that takes it whole (``--id-col``, ``--time-col``, ``--out``), quoted for a
    shell where it needs it: ``Store A`` -> ``'Store A'``; names for a flag that takes several: ``shell_names``."""
    return shlex.quote(",".join(str(n) for n in names))


def shell_names(*names) -> str:
    """Column names as the value of a flag that takes several (``--target``, ``--past-covariates``:
    ``columnflags.column_names`` reads it as CSV), quoted for a shell: ``a`` and ``b`` -> ``a,b``, ``Store A`` ->
    ``'Store A'``, ``vent, km/h`` -> ``'"vent, km/h"'`` (a name with a comma, a double quote or a leading space in
    double quotes, as CSV writes it), a column named ``all`` -> ``'"all"'`` (not the keyword)."""
    def cell(name: str) -> str:
        held = any(c in name for c in ',"\r\n') or name != name.lstrip() or list(map(str, names)) == ["all"]
        return '"' + name.replace('"', '""') + '"' if held else name
    return shlex.quote(",".join(cell(str(n)) for n in names))


def listing(items: list[str], last: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c`` (``last="or"``: ``a, b or c``)."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {last} " + items[-1] if items else ""


def listed(items: list, first: int = 5) -> str:
    """The first ``first`` of ``items`` as a list, with '...' and the count when there are more."""
    return f"{items[:first]}" if len(items) <= first else f"{str(items[:first])[:-1]}, ...] ({len(items)} in all)"


def some(names: list[str], first: int = 5, sep: str = ", ", total: int | None = None) -> str:
    """The first ``first`` of ``names`` joined by ``sep``, "and 3 more" for the rest: "'S08', 'S11'", "a, b and 3
    more"; after another separator the "and" follows it too ("a; b; and 3 more"). ``total``: how many there are, where
    ``names`` holds only those kept to be named (a record's first ten ids)."""
    more = (len(names) if total is None else total) - len(names[:first])
    joint = " and " if sep == ", " else f"{sep}and "
    return sep.join(names[:first]) + (f"{joint}{more} more" if more > 0 else "")


def shortlist(names: list[str], most: int = 20, first: int = 10) -> str:
    """``names`` joined by ", "; more than ``most``: the first ``first`` and "... and 392 more" (a table's 402 columns
    in one refusal's line, decision 2110)."""
    return ", ".join(names) if len(names) <= most else f"{', '.join(names[:first])} ... and {len(names) - first} more"


def few(names: list, most: int = 8) -> str:
    """Names joined, the first 5 and the last of more than ``most``: "0, 1, 2, 3, 4, ..., 299" (an array's 300
    columns were listed whole, a message of 3,000 characters)."""
    return ", ".join(names if len(names) <= most else [*names[:5], "...", names[-1]])


def did_you_mean(name: str, known: Iterable[str], cutoff: float = 0.6) -> str:
    """`` (did you mean 'Europe/Berlin'?)`` for the one of ``known`` nearest ``name`` (one that differs only in
    case first, then those ``name`` begins: 'fut' -> 'future_covariates'), or those whose first word is nearest
    ('futures': ``'future_covariates' or 'future_known'``), or "" when none is near."""
    known, text = [str(k) for k in known], str(name).lower()
    same = [k for k in known if k.lower() == text]
    # letters alone put 'future' nearer 'features' (0.71) than 'future_covariates' (0.52), the key a user meant, 'futur'
    # too, and 'fut' nearer 'out': the keys (3 at most) a name of 3 letters or more begins are taken first; a wide
    # character (a Hangul syllable, a Han character, kana) counts as 2, so that a word of two (재실 of 재실인원) is one
    # (decision 1630), while 'fu' or 'ab' of a short Latin name still is not
    begun = [k for k in known if prefix_length(text) >= 3 and k.lower().startswith(text)]
    same = same[:1] or (begun if len(begun) <= 3 else [])
    # compared letter by letter as NFD writes them: a Hangul syllable is its 2-3 jamo, so 판매양 is near 판매량 (0.875),
    # where as whole syllables one slip in three left 0.67, under the columns' 0.8 (a Korean learner got no hint); keys
    # also by their first word ('futures' is nearer 'future' than 'features'), each key that has it named (3 at most)
    # ... for a name of one word only: 'lead_time' whole is 0.62 like 'time' (of time_unit), a word it merely shares,
    # and was offered 'time_unit' (decision 2143); a name of several words is compared with whole keys
    words = collections.defaultdict(list)
    for k in known:
        words[unicodedata.normalize("NFD", k.lower().split("_")[0])].append(k) if "_" in k.strip("_") else None
    one_word = "_" not in str(name).strip("_")
    letters = {**{w: ks for w, ks in words.items() if len(ks) <= 3 and one_word},
               **{unicodedata.normalize("NFD", k): [k] for k in known}}
    close = difflib.get_close_matches(unicodedata.normalize("NFD", str(name)), list(letters), n=1, cutoff=cutoff)
    names = same or (letters[close[0]] if close else [])
    return f" (did you mean {listing([repr(k) for k in names], 'or')}?)" if names else ""


def prefix_length(text: str) -> int:
    """How long ``text`` counts as the beginning of a name (``did_you_mean``): a character of East Asian width wide or
    full (``unicodedata.east_asian_width``: a Hangul syllable, a Han character, kana, each a syllable or a word's worth)
    as 2, any other as 1: '재실' is 4, 'fut' 3, 'fu' 2."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


_SPELLING: ContextVar[Callable[..., str]] = ContextVar("rnncast_setting_spelling", default=keyword_and_flag)


def spelled(name: str, value=None) -> str:
    """How the reader of a hint sets ``name`` (to ``value``, when the hint proposes one): by default as a
    keyword and a flag (:func:`keyword_and_flag`), else as the caller chose with :func:`spelling`."""
    return _SPELLING.get()(name, value)


_IN_CONFIG: ContextVar[dict] = ContextVar("rnncast_in_config", default={})  # {setting: the config file that gave it}


def named(name: str) -> str:
    """A setting as a refusal of its value names it, in the way its reader gives it: by default the keyword and
    the flag beside it (``n_windows (--n-windows)``, ``horizon (--horizon)``), so that a reader of either finds
    the value refused; the config file that gave it, where one did (``lookback (in config c.toml)``,
    :func:`in_config`); ``epochs (--set epochs=N)`` under a caller's :func:`spelling` (bench's)."""
    if (path := _IN_CONFIG.get().get(name)) is not None:
        return f"{name} (in config {path})"
    spell = _SPELLING.get()
    return f"{name} ({spell(name)})" if spell is not keyword_and_flag else f"{name} (--{name.replace('_', '-')})"


def config_named(name: str | None) -> str | None:
    """``named(name)`` where a config file gave ``name`` (``lookback (in config c.toml)``); None where none did."""
    return named(name) if name in _IN_CONFIG.get() else None


@contextmanager
def config_settings() -> Iterator[None]:
    """A block (a command's run) within which :func:`in_config` may say which settings a config file gave; after
    it, as before, also after an error, none is."""
    token = _IN_CONFIG.set({})
    try:
        yield
    finally:
        _IN_CONFIG.reset(token)


def in_config(path, names: Iterable[str]) -> None:
    """Within :func:`config_settings`' block: the settings ``names`` hold the values the config file ``path`` gave
    (no flag over them), so :func:`named` names the file in a refusal of one of them (in place of those said before)."""
    _IN_CONFIG.set({str(name): str(path) for name in names})


def from_config() -> list[str]:
    """The settings :func:`in_config` last said a config file gave (none outside its block)."""
    return list(_IN_CONFIG.get())


@contextmanager
def spelling(spell: Callable[..., str]) -> Iterator[None]:
    """Within the block, hints name a setting as ``spell(name, value)`` (value None when the hint proposes
    none); outside it, as before, also after an error."""
    token = _SPELLING.set(spell)
    try:
        yield
    finally:
        _SPELLING.reset(token)


_ONE_SERIES: ContextVar[str | None] = ContextVar("rnncast_one_series", default=None)


@contextmanager
def one_series(who: str) -> Iterator[None]:
    """Within the block, data is read for ``who`` (``"the model, fitted on one series,"``: predict), which takes one
    series: a hint for rows that seem to hold several says that, instead of offering ``id_col``
    (:func:`one_series_reader`)."""
    token = _ONE_SERIES.set(who)
    try:
        yield
    finally:
        _ONE_SERIES.reset(token)


def one_series_reader() -> str | None:
    """Who reads the data when that takes one series only (:func:`one_series`), else None."""
    return _ONE_SERIES.get()


_HINTS: ContextVar[dict] = ContextVar("rnncast_hints", default={})


@contextmanager
def hints(**given: str) -> Iterator[None]:
    """Within the block, a refusal whose remedy is setting ``name`` says ``given[name]`` instead of its own
    words (:func:`hint`): the reader cannot give that setting, so the text says what it can do; outside
    it, as before, also after an error. A method a refusal names is given so too (``predict_windows="compare"``:
    compare calls it, and its reader called compare). A refusal that asks its reader of what it holds takes a
    function (``utc_clock``: ``calendars.settle`` hands a fitted model's reader the times it refuses)."""
    token = _HINTS.set({**_HINTS.get(), **given})
    try:
        yield
    finally:
        _HINTS.reset(token)


def hint(name: str, default: str) -> str:
    """What a refusal tells its reader to do about setting ``name``: ``default`` (what ``fit`` takes), unless
    the reader's caller gave its own words with :func:`hints`."""
    return _HINTS.get().get(name, default)
