"""Run settings from a file: ``rnncast fit --config run.toml``, or a run directory's ``config.json``.

A TOML file holds the fields of ``rnncast fit``'s flags at its top level, named as the flags
(``hidden_size`` or ``hidden-size``)::

    data = "ETTh1.csv"
    target = "OT"          # or ["OT", "HUFL"]
    cell = "gru"
    lookback = 96
    batch_size = "full"    # or a number

A run directory (or its ``config.json``) is read as the settings and data of that run, so
``rnncast fit --config RUN`` repeats it. The paths a file holds are read as it gives them; where
they are found (a TOML file's relative paths from its own folder, a run's files where config.json
kept them) is ``configpaths``'. Flags given on the command line override the file (``cli.py`` merges).
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from rnncast import formatversions, othernames, tomltwice, tracking
from rnncast.columnflags import column_names
from rnncast.config import Settings, setting_fields
from rnncast.errors import RnncastError
from rnncast.settingchecks import check_effects, hours_offset
from rnncast.settingtext import parse_setting
from rnncast.settingvalues import choice, with_saved_defaults
from rnncast.spelling import did_you_mean

# the flags of `rnncast fit` that are not settings
REQUEST_KEYS = ("data", "target", "features", "time_col", "out", "track", "id_col", "series", "past_covariates",
                "future_covariates", "static_covariates", "static", "static_categorical", "static_table")
LIST_KEYS = ("target", "features", "series", "past_covariates", "future_covariates", "static_covariates",
             "static_categorical", "static_table")  # static_table: a tune's static table in memory, its columns
BLANK = {"tz": "an IANA zone name such as Europe/Berlin or UTC", "freq": "a pandas offset alias such as D, h or MS",
         "holidays": "a holiday set's name such as NYSE, DE or US-NY", "time_unit": "s, ms, us, ns or excel",
         "date_order": "day or month"}  # else: at fit

DATA_SUFFIXES = (".csv", ".tsv", ".parquet", ".pq", ".gz", ".bz2", ".xz", ".zip", ".zst", ".xlsx", ".xls")

def accepted_keys() -> list[str]:
    return list(REQUEST_KEYS) + [f.name for f in setting_fields()]


def read_config(path, elsewhere: dict | None = None) -> tuple[dict, dict]:
    """``(settings, request)`` from a TOML file or a run directory: settings as ``Forecaster``'s
    keywords, request as the other flags (``data``, ``target`` as a list, ``features``, ...). ``elsewhere``:
    other commands' flags (``{"n_windows": (["backtest"], "--n-windows")}``), named where a key is one of them.
    Raises ``RnncastError`` for a missing file, invalid TOML, an unknown key or a value of the wrong kind."""
    path = Path(path)
    if path.is_dir():
        if not (path / "config.json").is_file():
            if (path / "best.toml").is_file():  # a tune's folder: its best settings are the config it offers
                raise RnncastError(f"config {path} is a tune's folder, not a run's; give its best settings, "
                                   f"{path / 'best.toml'}")
            raise RnncastError(f"config {path} is a folder without config.json; give a .toml file or a run directory")
        path = path / "config.json"
    if not path.is_file():
        raise RnncastError(f"config file not found: {path} (expected a .toml file or a run directory's config.json)")
    if path.suffix.lower() == ".json":
        return read_run(path)
    else:
        if path.suffix.lower() in DATA_SUFFIXES:  # --config sales.csv: the data given where the settings go
            raise RnncastError(f"config {path} is a data file ({path.suffix}), not settings; give the data as the "
                               "command's data argument, and a .toml file or a run directory as --config")
        text = ""
        try:
            text = path.read_text(encoding="utf-8-sig")  # a BOM (Notepad's UTF-8) read past, as CSVs'
            values = tomllib.loads(text)
        except UnicodeDecodeError as err:
            raise RnncastError(f"config {path} is not UTF-8 text (byte {err.object[err.start]:#04x} at position {err.start}); "
                               "save it as UTF-8, as TOML files are") from None
        except tomllib.TOMLDecodeError as err:
            raise RnncastError(tomltwice.said(path, text, err)) from None
    spelled: dict = {}
    for key in values:  # hidden-size and hidden_size are one key: given both, which would be used?
        spelled.setdefault(str(key).replace("-", "_"), []).append(str(key))
    twice = next((keys for keys in spelled.values() if len(keys) > 1), None)
    if twice:
        raise RnncastError(f"config {path} gives {' and '.join(twice)}, one setting spelled two ways "
                           f"({values[twice[0]]!r} and {values[twice[1]]!r}); give it once")
    values = {str(k).replace("-", "_"): v for k, v in values.items()}
    # best.toml's format_version (a file without one, every TOML of a user's own, read as the oldest)
    formatversions.check(values.pop("format_version", None), (formatversions.SETTINGS,), "settings", f"config {path}")
    unknown = [k for k in values if k not in accepted_keys()]
    tables = [k for k in unknown if isinstance(values[k], dict)]
    if tables:
        raise RnncastError(f"config {path} has a [{tables[0]}] table; its keys are flat, one `key = value` per line at "
                           f"the top (epochs = 20, not epochs under [{tables[0]}]); accepted keys: "
                           f"{', '.join(accepted_keys())}")
    if unknown:
        raise RnncastError(f"unknown key {unknown[0]!r} in config {path}{_hint(unknown[0], elsewhere, values[unknown[0]])}; "
                           f"accepted keys: {', '.join(accepted_keys())}")
    settings = {f.name: _setting(path, f, values[f.name]) for f in setting_fields() if f.name in values}
    request = {k: _request(path, k, values[k]) for k in REQUEST_KEYS if k in values}
    return settings, request


def _hint(key: str, elsewhere: dict | None, value=None) -> str:
    """Where an unknown key belongs: a flag of other commands (backtest's n_windows, tune's trials; ``elsewhere``,
    ``{key: (commands, flag)}``, as the command line's parser gives it), which a config file does not hold, named
    so; else the closest accepted key. ``value``: the key's, which ``level``'s advice is computed from."""
    elsewhere, accepted = elsewhere or {}, accepted_keys()
    flags = {name: flag for name, (_, flag) in elsewhere.items() if name not in accepted}  # stride: backtest's --step

    def spell(name: str) -> str:
        return flags.get(name, name)

    known = [*accepted, *elsewhere]
    said = othernames.other_name(key, known, spell, value=value)  # input_size: lookback, before any spelling
    setting = othernames.setting_of(key, known)
    if said and setting in flags:
        return f": {said}, a flag of rnncast {', '.join(elsewhere[setting][0])} given on the command line"
    if said:
        return f": {key} is not rnncast's name: {said}"
    if key not in elsewhere:
        return did_you_mean(key, accepted)
    # the keys it begins or whose first word it is (future: future_covariates, future_known), not letters' nearest:
    # n_windows, backtest's flag, is not a misspelt 'window_scale'
    return (f": {command_flag(key, elsewhere)}; a config file holds fit's settings and columns"
            f"{did_you_mean(key, accepted, cutoff=1.0)}")


def command_flag(key: str, elsewhere: dict | None) -> str:
    """"n_windows is a flag of rnncast backtest (--n-windows), given on the command line": where ``key``, given in a
    config file or as bench's ``--set KEY=VALUE``, is a flag of commands (``elsewhere``: ``{key: (commands, flag)}``,
    as the command line's parser gives it); '' where it is none."""
    if key not in (elsewhere or {}):
        return ""
    commands, flag = elsewhere[key]
    return f"{key} is a flag of rnncast {', '.join(commands)} ({flag}), given on the command line"


def read_run(path) -> tuple[dict, dict]:
    """``(settings, request)`` of a run directory's ``config.json``, as ``read_config`` gives them
    (``request["data"]``: the data file); what ``rnncast fit --resume`` and ``--config RUN`` read."""
    return _run_config(Path(path))


def _run_config(path: Path) -> tuple[dict, dict]:
    """The flat fields of a run directory's ``config.json``: its ``settings`` and its ``data`` (the
    request as given, the same before and after the run finished). A run written before the request
    was kept whole held the fitted columns in ``data`` instead (with ``layout``); they are read as
    that run's request."""
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
        _check_version(config, path)  # a newer rnncast's config.json: named so, not read as damaged
        settings, data = with_saved_defaults(config["settings"]), dict(config["data"])  # an older run keeps its network
        data["data"] = data.pop("source")
        layout = data.pop("layout", None)  # only in the config.json of a run finished before the request was kept
        if layout is not None:
            data.pop("features", None)  # the past and future covariates together
            if layout == "wide":
                data["series"], data["target"] = data["target"], None  # the series columns were the targets
        # "target": 5 named here, not looked up as a column; "source": 5 is named where the data is located (configpaths)
        request = {k: v if k == "data" else _request(path, k, v)
                   for k, v in data.items() if k in REQUEST_KEYS and v not in (None, "", [])}
    except RnncastError:
        raise
    except (json.JSONDecodeError, UnicodeDecodeError, KeyError, TypeError, ValueError, AttributeError) as err:
        why = (f"it has no {err.args[0]!r} entry" if isinstance(err, KeyError) else
               f"it is not JSON: {err.msg} at line {err.lineno}" if isinstance(err, json.JSONDecodeError) else str(err))
        if (path.parent / "best.toml").is_file():  # tune.json beside a tune's best settings
            raise RnncastError(f"config {path} is a tune's record, not a run's config.json ({why}): give the tune's "
                               f"best settings, {path.parent / 'best.toml'}") from None
        raise RnncastError(f"config {path} is not a run directory's config.json ({why}); give a .toml file "
                           "or the config.json that rnncast fit wrote") from None
    _check_keys(path, config, settings)
    try:
        Settings.from_flat(settings)
    except RnncastError as err:  # a value no fit takes: named with the file it is in
        raise RnncastError(f"{err} (in config {path}, hand-edited or damaged)") from None
    return settings, request  # settings as written (None included: full batch, no quantiles), checked at fit


RUN_KEYS = ("settings", "data", "paths", "fingerprint", "run", "device", "processes", "environment", "split", "series",
            "backtest", "format_version", "seconds")  # seconds: a backtest's wall times (decision 1627)
"""The top-level keys of the config.json a run or a backtest writes (``report``); any other was added by hand."""
DATA_KEYS = ("source",) + tuple(k for k in REQUEST_KEYS if k != "data") + ("from_run", "layout")
"""The keys of config.json's ``data``: the request (``source``: its data), a backtest's ``from_run``, an old run's
``layout``; any other was added by hand."""


def _check_version(config, path: Path) -> None:
    """Refuse a config.json of a format version this rnncast does not read (``formatversions.CONFIG``), as a model
    folder's is; one written before config.json carried one is read."""
    if isinstance(config, dict):
        formatversions.check(config.get("format_version"), (formatversions.CONFIG,), "config", f"config {path}")


def check_run_version(path) -> None:
    """``fit --resume``'s first look at a run's config.json ``path``: one of a format version this rnncast does not
    read is refused as ``--config`` refuses it, before the run is called finished or unfinished (which a newer
    rnncast's file may say otherwise); a file that is no JSON object is left to ``read_run`` to name."""
    try:
        config = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return
    _check_version(config, Path(path))


def _check_keys(path: Path, config: dict, settings: dict) -> None:
    """A key a run's config.json never holds, at the top or among its settings, refused by name: it was read as
    nothing, so a hand-added ``"epochs": 5`` or a misspelt setting would have been dropped without a word."""
    names = [f.name for f in setting_fields()]
    extra = [k for k in config if k not in RUN_KEYS]
    if extra:
        settings_too = [k for k in extra if k in names]
        where = f'; settings go under "settings" ({settings_too[0]!r} is one)' if settings_too else ""
        raise RnncastError(f"config {path} has {'keys' if len(extra) > 1 else 'a key'} a run's config.json does not hold: "
                           f"{', '.join(map(repr, extra))}{did_you_mean(extra[0], RUN_KEYS)}; accepted at the top are "
                           f"{', '.join(RUN_KEYS)}{where}")
    data = config.get("data") if isinstance(config.get("data"), dict) else {}
    stray = [k for k in data if k not in DATA_KEYS]  # "future": "x.csv" or a misspelt "past_covariate" was dropped
    if stray:
        raise RnncastError(f'config {path}: {", ".join(map(repr, stray))} under "data" '
                           f"{'are not data keys' if len(stray) > 1 else 'is not a data key'}"
                           f"{did_you_mean(stray[0], DATA_KEYS)}; the data keys are {', '.join(DATA_KEYS)}")
    unknown = [k for k in settings if k not in names]
    if unknown:
        raise RnncastError(f'config {path}: {", ".join(map(repr, unknown))} under "settings" '
                           f"{'are not settings' if len(unknown) > 1 else 'is not a setting'}"
                           f"{did_you_mean(unknown[0], names)}; the settings are those "
                           "rnncast fit --help lists (lookback, horizon, epochs, ...)")


def run_data(path) -> tuple[str | None, object]:
    """``(source, fingerprint)`` of a run's ``config.json``: the data it started with as the request
    named it, and the fingerprint of that data (``fingerprint.of``), None for a run started before
    fingerprints were kept (``report.start_config`` writes it). A record that is not a JSON object (a list, text)
    is given as it is, for ``fingerprint.unreadable`` to refuse, not taken for no record (decision 1843)."""
    try:
        config = json.loads(Path(path).read_text(encoding="utf-8"))
        _check_version(config, Path(path))
        source = (config.get("data") or {}).get("source")
        record = config.get("fingerprint")
    except (OSError, json.JSONDecodeError, UnicodeDecodeError, AttributeError) as err:
        raise RnncastError(f"config {path} is not a run directory's config.json ({err!r}); give the folder a fit wrote") from None
    return source, record


def _setting(path: Path, f, value):
    if f.name == "tz" and isinstance(value, (int, float)):  # tz = 1 was refused at fit as "unknown time zone '1'"
        hours = f'; for a fixed offset of {value} hours give tz = "{offset}"' if (offset := hours_offset(value)) else ""
        raise RnncastError(f"tz = {value!r} in config {path} is a number; give the zone as quoted text "
                           f'(tz = "Europe/Berlin", or a fixed offset tz = "+01:00"){hours}')
    if f.name in BLANK and isinstance(value, str) and not value.strip():  # tz = "": refused at fit, the file unnamed
        raise RnncastError(f"{f.name} in config {path} is {'empty' if not value else 'blank'} ({value!r}); give "
                           f"{BLANK[f.name]}, or leave {f.name} out")
    try:
        parsed = parse_setting(f.name, value, typed=True)
        if parsed is not None and f.metadata.get("choices"):  # 'lstmm' for cell: refused here, naming the file (time_unit
            # by parse_setting: numbertimes.checked_unit)
            choice(f.name, parsed, f.metadata["choices"])
        return parsed
    except RnncastError as err:
        raise RnncastError(f"{err} (in config {path})") from None


def _request(path: Path, key: str, value):
    if key == "id_col" and isinstance(value, list) and len(value) == 1 and isinstance(value[0], str):
        value = value[0]  # ["store"]: the one column, as --id-col store
    several = key == "id_col" and isinstance(value, list) and len(value) > 1  # a key of several (serieskeys)
    if (key in LIST_KEYS or several) and isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        blank = [k for k, name in enumerate(value) if not name.strip()]
        if blank:  # refused as the command line refuses it, not looked up as a column named ''
            raise RnncastError(f"{key} in config {path} has a blank column name (item {blank[0] + 1} of {len(value)}); "
                               "name every column")
        return list(value)
    if key == "time_col" and value is False:  # time_col = false: the table has none (--no-time-col)
        return False
    if isinstance(value, str) and not value.strip():  # a quoted string, but naming nothing
        raise RnncastError(f"{key} in config {path} is {'empty' if not value else 'blank'} ({value!r}); "
                           f"{'name a column' if key in LIST_KEYS + ('time_col', 'id_col') else 'give it'}, or leave "
                           f"{key} out")
    if isinstance(value, list) and not value:  # target = []: "got []" read as the wrong kind
        raise RnncastError(f"{key} in config {path} is an empty list; name a column (or several), or leave {key} out")
    if key == "time_col" and value is True:  # false is accepted (no time column): true names no column
        raise RnncastError(f"time_col = true in config {path} names no column; give the time column's name "
                           "(time_col = \"date\"), or time_col = false for a table without one")
    if key == "track" and isinstance(value, str) and value.lower() not in tracking.TRACKERS:  # named with its file, before the data
        raise RnncastError(f"track = {value!r} in config {path} is not a tracker rnncast writes to; choose one of: "
                           f"{', '.join(tracking.TRACKERS)}, or leave track out")
    if not isinstance(value, str):
        kinds = "a column name or a list of them" if key in LIST_KEYS + ("id_col",) else "a quoted string"
        raise RnncastError(f"{key} in config {path} must be {kinds}, got {value!r}")
    if key in LIST_KEYS and not (key in ("features", "series") and value == "all"):
        try:  # as a flag's COLS: comma-separated, CSV quotes around a name that holds a comma, no blank name
            return column_names([value])
        except ValueError as err:
            raise RnncastError(f"{key} in config {path}: {err}") from None
    return value


def file_effects(config, settings: dict, from_file: list) -> None:
    """``check_effects`` of a command's settings (``config``'s overridden by the flags given), the refusal naming
    the file where it gives the setting that changes nothing (``from_file``: its names no flag overrode), which
    no flag can unset. Settings refused for other reasons are left to the fit, which says them."""
    try:
        train = Settings.from_flat(settings).train
    except RnncastError:
        return
    check_effects(train, config, from_file)
