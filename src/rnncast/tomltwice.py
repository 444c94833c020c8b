"""Why tomllib refused a config file, in one line: a key or table given twice named, with the lines of both; any
other error in tomllib's words, with its line.

tomllib says where it stopped ("Cannot overwrite a value (at line 6, column 12)", or "at end of document" where the
last line gave the key again) but names neither the key nor the line that gave it first. Its words are not read here:
the file is read again a line at a time (``lines[:k]``, each prefix that tomllib reads whole ending a statement), so
the statement it refused is the one after the longest prefix it reads; a statement that tomllib reads alone, whose
name (its table's path and its own) the prefix already holds, gives that name a second time, and the first prefix that
holds the name ends the statement that gave it first. A config file is tens of lines: the re-reads take milliseconds.
"""

from __future__ import annotations

import json
import re
import tomllib

LONGEST = 400  # lines: a longer file is said in tomllib's words alone (its re-reads would take seconds)


def said(path, text: str, err: tomllib.TOMLDecodeError) -> str:
    """The one line that refuses config ``path``, whose ``text`` tomllib refused with ``err``."""
    lines = text.splitlines(keepends=True)
    if len(lines) > LONGEST:
        return _other(path, str(err), None)
    whole = [_reads("".join(lines[:k])) for k in range(len(lines) + 1)]  # whole[k]: lines[:k] is TOML
    good = max(k for k, read in enumerate(whole) if read is not None)  # lines[:good] read; line good + 1 refused
    if good >= len(lines):  # every line read (tomllib refused what splitlines does not show): its words
        return _other(path, str(err), None)
    line = lines[good]
    name = _header(line) if line.lstrip().startswith("[") else None
    table = name is not None
    if not table:
        key = _key(line)
        if key is None or not any(_reads("".join(lines[good:k])) is not None for k in range(good + 1, len(lines) + 1)):
            return _other(path, str(err), good + 1)  # not a statement tomllib reads alone: its own error
        name = _context(lines, whole, good) + key
    if not name:
        return _other(path, str(err), good + 1)
    held, arrays = _walk(whole[good], name)
    if not held:
        return _other(path, str(err), good + 1)
    start = _declared(lines, whole, good, name) if table and held == len(name) else None  # [a] after [a.b]: [a]'s
    if start is None:  # the first prefix that holds the name, in the same table of each array of tables ([[x]])
        first = next(k for k in range(1, good + 1) if whole[k] is not None
                     and (found := _walk(whole[k], name))[0] >= held and found[1] == arrays)
        start = max(k for k in range(first) if whole[k] is not None) + 1  # where the statement ending at first begins
    given = _shown(name[:held])
    adds = "" if held == len(name) else f", where line {good + 1} adds {_shown(name)} to it"
    if table and held == len(name):
        return f"table [{given}] is given twice in config {path} (lines {start} and {good + 1}); give it once"
    return f"{given} is given twice in config {path} (lines {start} and {good + 1}{adds}); give it once"


def _other(path, error: str, line: int | None) -> str:
    """Any other error, in tomllib's words, with the line of the statement it refused where it named none."""
    if line is not None:
        error = error.replace("at end of document", f"at end of document, in the statement from line {line}")
    return f"config {path} is not valid TOML ({error}); write one `key = value` per line"


def _reads(text: str):
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return None


def _path(read) -> list[str]:
    """The names down a document of one statement (``{"a": {"b": 0}}``: a, b); an array of tables' last table."""
    names: list[str] = []
    while True:
        if isinstance(read, list) and read:
            read = read[-1]
        if not (isinstance(read, dict) and len(read) == 1):
            return names
        (name, read), = read.items()
        names.append(name)


def _header(line: str) -> list[str] | None:
    """The path of a table header line (``[a.b]``, ``[[t]]``), None where tomllib reads none."""
    read = _reads(line)
    return _path(read) if read is not None else None


def _key(line: str) -> list[str] | None:
    """The key of a ``key = value`` line (dotted, quoted: as tomllib reads it), its value whatever it is."""
    for cut in (m.start() for m in re.finditer("=", line)):  # a quoted key may hold an '='
        read = _reads(line[:cut] + "= 0\n")
        if read is not None:
            return _path(read)
    return None


def _context(lines: list[str], whole: list, before: int) -> list[str]:
    """The path of the table the statement at line ``before + 1`` is in: the last header statement above it."""
    for k in range(before - 1, -1, -1):
        if whole[k] is not None and lines[k].lstrip().startswith("["):  # a statement begins at line k + 1
            return _header(lines[k]) or []
    return []


def _declared(lines: list[str], whole: list, before: int, name: list[str]) -> int | None:
    """The line of the last header above line ``before + 1`` that declares the table ``name`` itself (``[a]``, not
    ``[a.b]``, which makes ``a`` without declaring it), None where none does (a dotted key made it)."""
    found = [k + 1 for k in range(before) if whole[k] is not None and lines[k].lstrip().startswith("[")
             and _header(lines[k]) == name]
    return found[-1] if found else None


def _walk(read, name: list[str]) -> tuple[int, tuple[int, ...]]:
    """``(held, sizes)``: how many of ``name``'s parts the document ``read`` holds (an array of tables: its last table),
    and how many tables each array of tables down the path holds: which table of each the path is in (``[[x]]``
    twice: the second), so that a key given again in the second table is not found in the first."""
    held, sizes = 0, []
    for part in name:
        if isinstance(read, list):
            sizes.append(len(read))
            read = read[-1] if read and isinstance(read[-1], dict) else None
        if not (isinstance(read, dict) and part in read):
            break
        read, held = read[part], held + 1
    return held, tuple(sizes)


def _shown(name: list[str]) -> str:
    """A path as TOML writes it: bare names dotted, any other quoted."""
    return ".".join(part if re.fullmatch(r"[A-Za-z0-9_-]+", part) else json.dumps(part, ensure_ascii=False) for part in name)
