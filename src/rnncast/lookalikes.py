"""A name a header writes with other characters that look the same: in another Unicode normalization form ('매출'
decomposed, NFD, as macOS saves a header; :func:`form_name` names the form), which :func:`unicode_form` says after a
refusal's "not found" and :func:`refuse_other_form` refuses; the same name written twice in two forms
(:func:`look_alike`, refused by :func:`refuse_look_alike`); or with spaces around it (:func:`spaced_name`). Nothing
here imports the rest of the package but ``errors``, so any module may use it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable

from rnncast.errors import RnncastError


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
