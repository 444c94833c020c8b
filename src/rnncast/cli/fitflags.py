"""What a command says of a flag of ``rnncast fit`` that it does not have, so that none of fit's flags given to
another command meets a bare "has no flag" nor "is not taken here" (``argparsing.Parser.elsewhere`` asks a command's
``setting_elsewhere(setting, parsed, args)``): a setting or column role of the model, given to a command that reads a
fitted run (predict, evaluate, export, compare), is fixed at fit, said with the value the run was trained with (read
from its model.json alone: no torch, so the refusal is as quick as the parser) and how to fit again; a flag of how
fit runs (--out, --overwrite, --config, --resume, --track; export's --device) says what the command does instead;
predict, evaluate and compare take --device (settingflags.FORECAST_DEVICE)."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

from rnncast.config import setting_fields
from rnncast.othernames import FIXED, ROLES, keyword, setting_of

NOT_FITTED = {"out", "overwrite", "config", "resume", "track", "device", "threads"}  # fit's flags not of its model
READERS = {"predict": "the run's own", "evaluate": "the run's own", "export": "the run's own", "compare": "each run's own"}
FIT_NAMES = {*(f.name for f in setting_fields()), *ROLES, "static"}  # what fit takes of the model: settings, roles
DEVICE = "where rnncast fit trains (auto, cpu or cuda)"


def how_fit_runs(command: str, setting: str, parsed=None, args=()) -> str:
    """What ``command`` says of fit's flag ``setting`` (a keyword: ``device``) that is no setting of the model and
    none of its own flags, as the clause after "--device is"; the demo, of any setting or column role of fit: it sets
    its own; '' for any other setting. ``parsed``, ``args``: as ``setting_elsewhere`` is given them, unread."""
    if command == "demo" and setting not in NOT_FITTED and setting.removeprefix("no_") in FIT_NAMES:
        return ("set by the demo, which makes its own data and models (its page lists their settings): to train on a "
                "file with your own, run rnncast fit")
    what = {
        "resume": "a flag of rnncast fit, which continues an interrupted fit (rnncast fit --resume RUN)",
        "track": f"a flag of rnncast fit, which logs one fit's epochs to TensorBoard or MLflow; {command} logs to neither",
        "config": (f"a flag of rnncast fit and tune, which read settings from a file or a run; {command} "
                   + (f"uses {READERS[command]} (to fit again with them: rnncast fit --config RUN --out NEW)"
                      if command in READERS else "takes a run's settings and columns as --from-run RUN"
                      if command == "backtest" else "sets its models itself (its page lists their settings)")),
        "device": (f"{DEVICE}; export traces the network on the CPU in float64, and the .onnx file runs wherever "
                   "its runtime puts it" if command == "export" else ""),  # predict, evaluate, compare take it
        "out": {"evaluate": "where rnncast fit writes its run; evaluate prints its scores and writes no folder "
                            "(--by-series-csv FILE writes each series')",
                "export": "where rnncast fit writes its run; export writes the file named by --onnx FILE",
                "compare": "where rnncast fit writes its run; compare prints its table and writes no file "
                           "(--json prints it as JSON)"}.get(command, ""),
        "overwrite": "a flag of the commands that write a file or folder; compare writes none, so it replaces "
                     "nothing" if command == "compare" else "",
    }
    return what.get(setting, "")


def fixed_at_fit(command: str, fit, parser):
    """``setting_elsewhere`` of ``command``, which reads a fitted run (``READERS``): a setting or column role of fit
    (``nonnegative``, ``lookback``, ``id_col``) that it has no flag of is fixed when the model is fitted, said with the
    run's value where the run given is read (``parsed``: the arguments parsed; ``args``: as given) and how to fit
    again (decision 1082); a flag of how fit runs, as ``how_fit_runs`` says."""
    own = {keyword(f) for f in parser._option_string_actions}
    flags = {keyword(f): f for f in fit._option_string_actions if f.startswith("--")}
    fitted = set(flags) - NOT_FITTED - own

    def said(setting: str, parsed=None, args=()) -> str:
        if setting not in fitted:
            return how_fit_runs(command, setting) if setting not in own else ""
        runs = [run for run in (getattr(parsed, "runs", None) or [getattr(parsed, "run_dir", None)]) if run]
        values = [value for value in (trained_with(run, setting) for run in runs) if value is not None]
        told = [f"{run} was trained with {v}" for run, v in zip(runs, values)] if len(runs) > 1 else \
            [f"the run was trained with {v}" for v in values]
        was = f" ({'; '.join(told)})" if values and len(values) == len(runs) else ""
        flag, action = flags[setting], fit._option_string_actions[flags[setting]]
        value = "" if action.nargs == 0 else " " + (_given(setting, args) or action.metavar or setting.upper())
        run = shlex.quote(runs[0]) if len(runs) == 1 and (Path(runs[0]) / "config.json").is_file() else "RUN"  # fit's --config
        again = f"rnncast fit --config {run} {flag}{value} --out NEW"
        if setting == "static_covariates" and "static" in own:  # the names fixed at fit; the values are --static's
            given, data = _given(setting, args), getattr(parsed, "data", None)
            table = given if given and Path(shlex.split(given)[0]).is_file() else "FILE"  # a table, not names
            return (f"a column role of rnncast fit: the static covariates' names are fixed when the model is fitted"
                    f"{was}; their values are given to {command} with --static FILE (the id column and one column "
                    f"each): rnncast {command} {shlex.quote(runs[0]) if len(runs) == 1 else 'RUN'} "
                    f"{shlex.quote(str(data)) if data else 'DATA'} --static {table}")
        what = "column role" if setting in ROLES or setting.removeprefix("no_") in (*ROLES, "static") else "setting"
        given = ("off" if setting.startswith("no_") else "on") if action.nargs == 0 else _given(setting, args)
        if given and values and all(v == f"{setting.removeprefix('no_')} {shlex.split(given)[0]}" for v in values):
            others = [str(c) for c in action.choices or () if str(c) != shlex.split(given)[0]]
            other = (f"; to fit with another ({', '.join(others)}): rnncast fit --config {run} {flag} "
                     f"{action.metavar or setting.upper()} --out NEW") if others else ""
            return (f"a {what} of rnncast fit, {FIXED}{was}: {flag}{value} is {READERS[command]} already, which "
                    f"{command} uses: nothing to change{other}")
        return (f"a {what} of rnncast fit, {FIXED}{was}: {command} uses {READERS[command]}; to change it, fit "
                f"again: {again}")
    return said


def _given(setting: str, args) -> str | None:
    """The value given on the command line (``args``) to ``setting``'s flag, by rnncast's name or another's
    (``--seq-len 48``: 48), quoted for a shell; None where none is."""
    for k, arg in enumerate(args):
        name, eq, value = arg.partition("=")
        if not name.startswith("--") or setting not in (keyword(name), setting_of(name, [setting])):
            continue
        value = value if eq else args[k + 1] if k + 1 < len(args) and not args[k + 1].startswith("--") else None
        return shlex.quote(value) if value else None
    return None


def trained_with(run, setting: str) -> str | None:
    """``setting`` as the model in ``run`` (a run directory or its model/ folder) was trained with, as a clause
    (``lookback 96``, ``nonnegative off``, ``target sales``); None where the folder or its model.json cannot be read
    or holds no such setting."""
    name = setting.removeprefix("no_")
    for folder in (Path(run) / "model", Path(run)):
        try:
            meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(meta, dict):
            return None
        params = meta.get("params") if isinstance(meta.get("params"), dict) else {}
        roles = {"target": meta.get("targets"), **{k: meta.get(k) for k in ("features", "past_covariates",
                                                                            "future_covariates", "time_col", "id_col")}}
        if name in params:
            return f"{name} {_shown(params[name])}"
        if name == "static_covariates":  # the attributes' names, as its static encoder keeps them
            encoder = meta.get("static").get("encoder") if isinstance(meta.get("static"), dict) else None
            names = [n for k in ("numeric_names", "categorical_names") for n in (encoder or {}).get(k) or []] \
                if isinstance(encoder, dict) else []
            return f"static covariates {_shown(names)}"
        if name in roles and (name in meta or name == "target"):
            return f"{name} {_shown(roles[name])}"
        return None
    return None


def _shown(value) -> str:
    """A saved value as a person reads it: on/off, none, a list comma-separated."""
    if isinstance(value, bool):
        return "on" if value else "off"
    if value is None or value == []:
        return "none"
    if isinstance(value, list):
        return ",".join(map(str, value))
    return f"{value:g}" if isinstance(value, float) else str(value)
