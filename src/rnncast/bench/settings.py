"""The Forecaster settings a ``bench`` command is given with ``--set`` (``KEY=VALUE`` for every recurrent model,
``MODEL:KEY=VALUE`` for one), read and checked: typed by the one parser of setting text, the protocol's own settings
and other libraries' names refused by name, a setting no model run would take refused rather than dropped; and how a
bench user sets a setting, for the library's hints (``set_spelling``).

Every error names the value and what is accepted (an ``RnncastError``; the command exits 2).
"""

from __future__ import annotations

from rnncast import config, configfile
from rnncast.bench import recurrent
from rnncast.errors import RnncastError
from rnncast.othernames import other_name
from rnncast.settingtext import parse_setting
from rnncast.spelling import did_you_mean


def check_reach(items: list[str], common: dict, per_cell: dict, models: tuple[str, ...]) -> None:
    """``--set`` settings are the recurrent models': refused when no model run would take them (a
    setting for lstm with --models nlinear,gru, or any with no recurrent model), not dropped."""
    recurrent_run = [m for m in models if m in recurrent.MODELS]
    if common and not recurrent_run:
        raise RnncastError(f"--set {' '.join(items)}: the settings are the recurrent models' "
                           f"({', '.join(recurrent.MODELS)}), and --models {','.join(models)} runs none; the linear "
                           "models keep LTSF-Linear's recipe")
    if unused := sorted(set(per_cell) - set(recurrent_run)):
        raise RnncastError(f"--set {unused[0]}:KEY=VALUE: {unused[0]} is not among --models {','.join(models)}; "
                           f"name a model that runs ({', '.join(recurrent_run) or 'none of them is recurrent'})")


PROTOCOL_FLAGS = recurrent.PROTOCOL_FLAGS  # the protocol's settings bench has flags for


def set_spelling(name: str, value=None) -> str:
    """How a bench user sets ``name`` (to ``value``), for the library's hints (``spelling.spelling``):
    ``--set epochs=N``, ``--set season=52``, ``--lookback 52``; bench has no ``--epochs`` or ``--season``."""
    if name in PROTOCOL_FLAGS:
        return f"{PROTOCOL_FLAGS[name]} {'N' if value is None else value}"
    default = {f.name: f.default for f in config.setting_fields()}.get(name, value)
    placeholder = ("true|false" if isinstance(default, bool) else "N" if isinstance(default, int)
                   else "X" if isinstance(default, float) else "VALUE")
    shown = placeholder if value is None else (str(value).lower() if isinstance(value, bool) else value)
    return f"--set {name}={shown}"


def parse_settings(items: list[str], protocol: str = "LTSF", elsewhere: dict | None = None) -> tuple[dict, dict]:
    """``['epochs=20', 'rnn:lr=0.0003']`` -> ``({'epochs': 20}, {'rnn': {'lr': 0.0003}})``: settings
    for every recurrent model, and per cell (``CELL:KEY=VALUE``), typed as the Forecaster's
    settings; the protocol's own settings (lookback, horizon, scaler, ...) are refused as fixed by ``protocol``, and
    another library's name (``test_size``) with rnncast's, and another command's flag (``elsewhere``: n_windows, backtest's
    --n-windows) as a config file names it (``configfile.command_flag``), before any spelling guess."""
    fields_by_name = {f.name: f for f in config.setting_fields()}
    allowed = sorted(set(fields_by_name) - set(recurrent.PROTOCOL_KEYS + recurrent.COLUMN_KEYS) - set(recurrent.BENCH_FLAGS) - {"cell"})
    common: dict = {}
    per_cell: dict[str, dict] = {}
    for item in items:
        key, sep, text = item.partition("=")
        cell, colon, key = key.strip().rpartition(":")
        key, cell = key.strip().replace("-", "_"), cell.strip().lower()  # GRU: as --models reads it
        if key in recurrent.BENCH_FLAGS:  # one value for every model, not a recurrent model's second one
            raise RnncastError(f"bad --set {item!r}: {recurrent.BENCH_FLAGS[key]}")
        if key == "missing_values" and colon:  # the file is read once, for every model (the linear ones too)
            raise RnncastError(f"bad --set {item!r}: missing_values is the file's, read once for every model; give "
                               f"--set missing_values={text.strip()}")
        if key == "upper":  # a bound of the data's units; the protocol forecasts and scores z-scored columns
            raise RnncastError(f"bad --set {item!r}: upper bounds forecasts in the data's own units, and bench's "
                               "protocol forecasts and scores its columns z-scored, where no such bound holds; leave "
                               "it out")  # decision 2278
        if key in recurrent.PROTOCOL_KEYS + recurrent.COLUMN_KEYS:
            raise RnncastError(f"bad --set {item!r}: {key} is {recurrent.fixed_by(key, protocol)}, not set per model; "
                               f"accepted keys are {', '.join(allowed)}")
        if key not in fields_by_name and (said := other_name(key, allowed, elsewhere=lambda s: recurrent.fixed_by(s, protocol))):
            raise RnncastError(f"bad --set {item!r}: {key} is not rnncast's name: {said}")  # test_size: not batch_size
        if key not in fields_by_name and (said := configfile.command_flag(key, elsewhere)):  # not 'window_norm' (decision 1553)
            raise RnncastError(f"bad --set {item!r}: {said}; --set takes the models' settings: {', '.join(allowed)}")
        if not sep or key not in allowed or (colon and cell not in recurrent.MODELS):
            hint = did_you_mean(key, allowed) if sep and key not in allowed else ""
            raise RnncastError(
                f"bad --set {item!r}{hint}: accepted are KEY=VALUE or MODEL:KEY=VALUE with MODEL one of "
                f"{', '.join(recurrent.MODELS)} and KEY one of {', '.join(allowed)}"
            )
        try:
            value = parse_setting(key, text)  # the one parser of setting text (flags, TOML, --set)
        except RnncastError as err:
            raise RnncastError(f"bad --set {item!r}: {err}") from None
        scope = per_cell.setdefault(cell, {}) if colon else common
        if key in scope and scope[key] != value:  # the first would be dropped without a word
            name, one = (f"{cell}:{key}", "") if colon else (key, f" (MODEL:{key}=VALUE sets one model's)")
            raise RnncastError(f"--set {name} is given twice, as {scope[key]!r} and then as {value!r}; give it once{one}")
        scope[key] = value
    return common, per_cell
