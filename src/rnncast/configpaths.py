"""Where the files a config file names are, from any working directory.

A TOML file a user writes (``rnncast fit --config run.toml``) names its files as pyproject.toml and
Cargo.toml do: a relative path is read from the config file's own folder, so one file reads the same
data wherever rnncast is started (``toml_path``); ``~/data.csv`` is in the home folder. Where the current directory holds another file of
that name, which rnncast before this rule read (or wrote: an ``out`` folder of an earlier run there,
while none is beside the config), the path is refused naming both rather than one taken without a word; an absolute path is read as it is. A ``best.toml`` that tune writes holds
the data's absolute path.

A run's or a backtest's ``config.json`` (rnncast's own) keeps the request as given and, in
``paths``, each file absolute and from the run folder (``report.request_paths``): the absolute path
is the file the run read, so it is tried first, then the path from the run folder (a project moved
whole, the run folder beside its data); the request as written (from the current directory) only
for a run written before ``paths`` were kept (``run_locations``, ``run_file``).
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from rnncast.errors import RnncastError

log = logging.getLogger(__name__)

FILE_KEYS = {"data": "source", "static": "static"}  # request keys that name a file: their key in config.json
TOML_PATHS = {"data": "DATA", "static": "--static FILE", "out": "--out"}  # a TOML file's paths: the flag giving one


def toml_path(config, key: str, value: str) -> str:
    """The path ``value`` that the TOML file ``config`` gives as ``key`` (``data``, ``static``: files read;
    ``out``: the folder written), as rnncast reads it: absolute as it is (``~`` the home folder, as the shell reads
    it), relative from the config file's folder (``config``'s folder joined, so relative to the current directory when ``config`` is).

    Raises ``RnncastError`` for a relative path that names two files, one from the config file's folder
    and another from the current directory, naming both; for an ``out`` found only from the current
    directory (an earlier run there, which a new one from the config's folder would stand beside unseen),
    naming both; and for a file to read that is not found,
    naming where it was looked for (and a file of that name in the current directory, not read in its place)."""
    config = Path(config)
    flag = TOML_PATHS[key]
    given = Path(os.path.expanduser(value))  # "~/data/sales.csv": in the home folder, as the shell reads it
    if given.is_absolute():
        here, there = given, None
    else:
        here, there = config.parent / given, given
        if not _same(here, there) and here.exists() and there.exists():
            kind = "folders" if key == "out" else "files"
            raise RnncastError(f"config {config} gives {key} = {value!r}, which names two {kind}: "
                               f"{here} (from the config file's folder, where a config file's relative paths are read "
                               f"from) and {os.path.abspath(there)} (from the current directory); write the one meant "
                               f"as an absolute path in the file, or give it on the command line ({flag})")
    if key == "out" and there is not None and not here.exists() and there.exists():
        raise RnncastError(f"config {config} gives out = {value!r}: {here} (from the config file's folder, where a "
                           f"config file's relative paths are read from) does not exist, and "
                           f"{os.path.abspath(there)} in the current directory is another folder, where rnncast before "
                           f"this rule wrote the run; write the one meant as an absolute path in the file, or give it "
                           f"on the command line ({flag})")
    if key != "out" and not here.exists():
        beside = (f"; {os.path.abspath(there)} in the current directory is not read in its place (a config file's "
                  "relative paths are read from its own folder; a best.toml that tune wrote before this rule held "
                  "the data's path as tune was given it)" if there is not None and there.exists() else "")
        where = "" if there is None else " (read from the config file's folder)"
        raise RnncastError(f"config {config} gives {key} = {value!r}: {here}{where} was not found{beside}; give it on "
                           f"the command line ({flag}), or write its path in the file, absolute or from the file's "
                           "folder")
    return str(here)


def _same(a: Path, b: Path) -> bool:
    """Whether two paths name one place: the same path from here, or one existing file or folder."""
    if os.path.abspath(a) == os.path.abspath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist
        return False


def run_locations(path, request: dict, given=()) -> dict[str, list[tuple[str, Path]]]:
    """Where each file that a run's ``request`` (``configfile.read_run``'s) names may be found now, in the
    order to try: ``[(how, path), ...]`` for ``data`` and ``static``: absolute, as ``config.json``'s
    ``paths`` kept it when the run started (the file the run read), then from the run folder (a project
    moved whole). A run written before ``paths`` existed has only the request as written (read from the
    current directory). A request path edited after the run (no longer the file it read) is refused, naming both,
    unless the command line gives that file (``given``: its keys), or the file the run read is gone (a project
    moved, its path mended in the file): the path as edited is then read."""
    path = Path(path)
    config_path = path / "config.json" if path.is_dir() else path
    try:
        kept = json.loads(config_path.read_text(encoding="utf-8")).get("paths") or {}
    except (OSError, json.JSONDecodeError, UnicodeDecodeError, AttributeError):
        kept = {}  # read_run has read the file; a missing block means an older run
    locations = {}
    for key, name in FILE_KEYS.items():
        written = request.get(key)
        if written is not None and not isinstance(written, str) and key not in given:  # "source": 5, by hand
            raise RnncastError(f"{config_path} gives its {name!r} as {json.dumps(written, ensure_ascii=False)}, which is no path of a file "
                               f"(hand-edited?); write the file's path there as text, or give the file on the command "
                               f"line ({TOML_PATHS.get(key, key)})")
        if not isinstance(written, str) or not written:
            continue
        entry = kept.get(name) if isinstance(kept, dict) else None
        tries = []
        if isinstance(entry, dict) and key not in given and _edited(request[key], entry.get("absolute")):
            if not Path(entry["absolute"]).exists():  # a project moved, the path mended by hand: the file read is gone
                locations[key] = [("as config.json now names it", Path(written))]
                continue
            raise RnncastError(f"{config_path} names its {key} {request[key]!r}, but the run read {entry['absolute']} (its "
                               f"'paths'): the file was edited after the run; give the file to read on the command "
                               f"line ({TOML_PATHS.get(key, key)}), or write it back as it was")
        if isinstance(entry, dict):
            if isinstance(entry.get("absolute"), str) and Path(entry["absolute"]).is_absolute():
                tries.append(("absolute", Path(entry["absolute"])))
            if isinstance(entry.get("from_run"), str) and entry["from_run"]:
                tries.append(("from the run folder", config_path.parent / entry["from_run"]))
        locations[key] = tries or [("as written", Path(written))]
    return locations


def _edited(given: str, absolute) -> bool:
    """Whether a run's request path ``given`` cannot be the file it read, ``absolute`` (config.json's ``paths``): an
    absolute path that is another, or a relative one that is no tail of it (the run read ``.../daily.csv``, the
    request now says ``ext.csv``); a relative path from wherever the run started is such a tail."""
    if not isinstance(absolute, str) or not Path(absolute).is_absolute():
        return False
    if Path(given).is_absolute():
        return os.path.normpath(given) != os.path.normpath(absolute)
    tail = [p for p in Path(os.path.normpath(given)).parts if p not in ("..", ".")]
    return list(Path(absolute).parts[-len(tail):]) != tail if tail else False


def run_file(run, key: str, tries: list[tuple[str, Path]], again: str) -> Path:
    """The first of ``tries`` (``run_locations``' for ``key``) that is a regular file (no device, no pipe),
    a line saying so where a later one is another file (the run folder moved beside other data). Raises
    ``RnncastError`` naming every place tried when none is, and ``again``: how to give the file."""
    hits = [(how, path) for how, path in tries if path.is_file()]
    if not hits:
        what = "data" if key == "data" else "static table (--static)"
        tried = "; ".join(f"{path} ({how})" for how, path in tries)
        raise RnncastError(f"no {what} file of run {run} was found; tried {tried}; {again}")
    (how, hit), others = hits[0], [(h, p) for h, p in hits[1:] if not _same(p, hits[0][1])]
    for other_how, other in others:
        log.warning("%s of run %s: %s (%s, the file the run read) is read; %s (%s) is another file, not read",
                    key, run, hit, how, other, other_how)
    return hit


def is_run(path) -> bool:
    """Whether ``--config path`` names a run (its folder or its config.json), not a TOML file of settings."""
    return bool(path) and (Path(path).is_dir() or Path(path).suffix.lower() == ".json")


def run_path(path) -> Path:
    """The config.json of the run ``path`` names: that file, or the one in that folder."""
    return Path(path) / "config.json" if Path(path).is_dir() else Path(path)


def run_record(path) -> dict | None:
    """The whole config.json of the run ``path`` (its folder or that file), as ``read_config`` finds it; None where
    it cannot be read (``read_config`` refuses it, naming why)."""
    try:
        record = json.loads(run_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None
