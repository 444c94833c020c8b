"""How a hint names a setting for whoever reads it: as a keyword of ``Forecaster`` and a flag of
``rnncast fit`` (``epochs=, --epochs``), unless the caller chose its own spelling for a block
(``bench`` has no ``--epochs``: its users set it with ``--set epochs=N``).

The library's hints and refusals ('try more epochs (...)', 'give the seasonal period (...)') call
:func:`spelled`; a command with other flags wraps its work in :func:`spelling`. A caller that takes one
series only (``tune``) says so with :func:`one_series`, so that a hint does not offer it ``id_col``,
which it would refuse. A caller that cannot give a setting a refusal would offer (``predict`` takes no
``fill`` and no ``freq``: the model applies its fit's) gives its own words for it with :func:`hints`,
which the refusal reads with :func:`hint`. :func:`named` names a setting in a refusal of its value (the config file that gave it, :func:`in_config`); :func:`counted` pluralises a count's noun; :func:`shell_word` quotes names for a flag; :func:`did_you_mean` names
the known name nearest a misspelt one, :func:`unicode_form` one in another Unicode form (:func:`form_name`), which
:func:`refuse_other_form` refuses. Nothing here imports the rest of the package but ``errors``, so any module may use it.
"""

from __future__ import annotations

import collections
import difflib
import shlex
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from rnncast.errors import RnncastError


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
    ``argparsing.column_names`` reads it as CSV), quoted for a shell: ``a`` and ``b`` -> ``a,b``, ``Store A`` ->
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
    # too, and 'fut' nearer 'out': the keys (3 at most) a name of 3 letters or more begins are taken first
    begun = [k for k in known if len(text) >= 3 and k.lower().startswith(text)]
    same = same[:1] or (begun if len(begun) <= 3 else [])
    # compared letter by letter as NFD writes them: a Hangul syllable is its 2-3 jamo, so 판매양 is near 판매량 (0.875),
    # where as whole syllables one slip in three left 0.67, under the columns' 0.8 (a Korean learner got no hint); keys
    # also by their first word ('futures' is nearer 'future' than 'features'), each key that has it named (3 at most)
    words = collections.defaultdict(list)
    for k in known:
        words[unicodedata.normalize("NFD", k.lower().split("_")[0])].append(k) if "_" in k.strip("_") else None
    letters = {**{w: ks for w, ks in words.items() if len(ks) <= 3}, **{unicodedata.normalize("NFD", k): [k] for k in known}}
    close = difflib.get_close_matches(unicodedata.normalize("NFD", str(name)), list(letters), n=1, cutoff=cutoff)
    names = same or (letters[close[0]] if close else [])
    return f" (did you mean {listing([repr(k) for k in names], 'or')}?)" if names else ""


def form_name(text: str, unicode: bool = False) -> str:
    """The Unicode normalization form ``text`` is written in, in words: "composed form (NFC)", "decomposed form (NFD,
    as macOS writes names)", else "another form"; where ``unicode``, a header's refusal's words for the two others
    (``unicode_form``): "decomposed Unicode (NFD, as macOS writes names)", "another Unicode form"."""
    if unicodedata.is_normalized("NFC", text):
        return "composed form (NFC)"
    if unicodedata.is_normalized("NFD", text):
        return f"decomposed {'Unicode' if unicode else 'form'} (NFD, as macOS writes names)"
    return "another Unicode form" if unicode else "another form"


def unicode_form(name: str, known: Iterable, whose: str = "the name given") -> str:
    """Where one of ``known`` is ``name`` under Unicode normalization (NFC) but other code points (macOS saves a
    Hangul or accented header decomposed, NFD: '매출' as 6 jamo, not 2 syllables), what a refusal of ``name`` adds
    after "not found": ``: the header writes '매출' in decomposed Unicode (NFD) ...``, naming each side's form (NFC,
    NFD, or another: some characters composed, some not) and what to do; else "". ``whose``: who named ``name``; a
    model's column (``"the model's column"``) cannot be named otherwise, so the header is to be written as it.
    Where the header writes the name more than once so (a 'Café' composed and another decomposed: ``look_alike``),
    that is said whether or not ``name`` is one of them, and no form is advised: each would become the other."""
    text, known = str(name), [str(k) for k in known]
    alike = [(i, k) for i, k in enumerate(known, 1) if unicodedata.normalize("NFC", k) == unicodedata.normalize("NFC", text)]
    if len(alike) > 1:
        return look_alike(text, alike, whose)
    if not alike or alike[0][1] == text:
        return ""
    found, given = alike[0][1], whose == "the name given"
    if not unicodedata.is_normalized("NFC", found):  # the header's is decomposed, or partly: composed, it is the name
        which, fix = (f"the header writes {found!r} in {form_name(found, True)}, {whose} in {form_name(text, True)}",
                      "save the header in composed form (NFC; in Python, frame.rename(columns=lambda c: "
                      "unicodedata.normalize('NFC', c)))" + (", or give the name as the header writes it" if given else ""))
    else:
        which = f"{whose} is written in {form_name(text, True)}, the header's {found!r} otherwise"
        fix = ("give it as the header writes it (unicodedata.normalize('NFC', name))" if given else
               "write the header's names in the model's form")
    return f": {which}; they look the same but are other characters: {fix}"


def look_alike(text: str, alike: list, whose: str) -> str:
    """``unicode_form``'s words where the header writes ``text`` in several forms (``alike``: (column number, name)):
    ``: the header writes 'Café' 2 times, column 2 in composed form (NFC) and column 3 in decomposed Unicode (...),
    the one taken is column 3; ...: rename all but one ...`` (what ``whose`` is in where ``text`` is none of them).
    No form is advised: a header saved in one would hold the name twice."""
    columns = [f"column {i} in {form_name(k, True)}" for i, k in alike]
    mine = next((f"the one taken is column {i}" for i, k in alike if k == text), f"{whose} is in {form_name(text, True)}")
    return (f": the header writes {text!r} {len(alike)} times, {', '.join(columns[:-1])} and {columns[-1]}; {mine}; "
            "they look the same but are other characters, so which is meant cannot be told: rename all but one of them "
            "in the header so that no two names look alike")


def refuse_look_alike(names: Iterable, known: Iterable) -> None:
    """Refuse the first of ``names`` (the columns a fit or a model's reader takes) that ``known`` (the header) writes
    again in another Unicode form ('Café' composed and 'Café' decomposed, two columns): the name typed, or kept by a
    model, picks one of two columns that look the same (decision 687). One pass over ``known``."""
    alike: dict[str, list] = {}
    for i, k in enumerate(map(str, known), 1):
        alike.setdefault(unicodedata.normalize("NFC", k), []).append((i, k))
    for name in map(str, names):
        group = alike.get(unicodedata.normalize("NFC", name), [])
        if len(group) > 1:
            raise RnncastError(f"column {name!r} is not told apart{look_alike(name, group, 'the name given')}")


def refuse_other_form(names: Iterable, known: Iterable, said: Callable[[str], str],
                      whose: str = "the model's column") -> None:
    """Raise ``RnncastError`` for the first of ``names`` (a model's columns, say) not among ``known`` (a header's
    names) that one of them writes in another Unicode form ('매출' decomposed, NFD, as macOS saves a header), before
    the caller's plain "not found": ``said(name)`` (``id column '지점' not found``) with ``unicode_form``'s words."""
    header = [str(k) for k in known]
    for name in names:
        if str(name) not in header and (form := unicode_form(name, header, whose)):
            raise RnncastError(f"{said(name)}{form}")


def spaced_name(name: str, known: Iterable, whose: str, file: bool, as_written: bool) -> str | None:
    """Where one of ``known`` is ``name`` but for spaces around it (a header's `` pressure``, kept as written): what
    a refusal of ``name`` says, ``column ' pressure' has a leading space (the model's column is 'pressure'): remove
    it from the file's header``; else None. ``whose``: who named ``name`` (``the model's column``); ``file``: the
    names are a file's header (else a table's column names); ``as_written``: the reader may name the column as
    written instead (fit, not a model's reader)."""
    found = next((str(k) for k in known if str(k).strip() == str(name).strip() and str(k) != str(name)), None)
    if found is None:
        return None
    where = "the file's header" if file else "the column's name"
    other = (f", or name the column as written ({found!r}; on the command line inside double quotes, "
             f"'\"{found}\"', which a flag's list of names keeps as written)") if as_written else ""
    if str(name) != str(name).strip():  # the name given holds spaces the column does not
        fix = f"name the column as written ({found!r})" if as_written else f"write it {str(name)!r} in {where}"
        return f"column {found!r} differs from {str(name)!r} ({whose}) only by the spaces around it: {fix}"
    lead, trail = len(found) - len(found.lstrip()), len(found) - len(found.rstrip())
    edges = found[:lead] + found[len(found) - trail:]
    if set(edges) == {" "}:
        said = [f"a {side} space" if n == 1 else f"{n} {side} spaces" for n, side in ((lead, "leading"), (trail, "trailing")) if n]
        said = " and ".join(said)
    else:  # a tab, a no-break space: named as Python writes them
        said = f"{'leading' if not trail else 'trailing' if not lead else 'surrounding'} whitespace ({edges!r})"
    them = "it" if len(edges) == 1 else "them"
    return f"column {found!r} has {said} ({whose} is {str(name)!r}): remove {them} from {where}{other}"


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
