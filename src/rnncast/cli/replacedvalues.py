"""The values a command's flags replace, said one line each on standard error: a --config file's (fit, tune) and a
fitted run's (backtest --from-run), ``--hidden-size 8 replaces the run's 16 (runs/best)``; a flag that gives the
value already there is not said."""

from __future__ import annotations

from pathlib import Path

from rnncast.cli.display import advise


def said(value) -> str:
    """A value as the command line writes it: a list comma-separated."""
    return ",".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)


def replaced(pairs: dict, whose: str, where, again: dict | None = None) -> None:
    """One line for each of ``pairs``, ``{name: (given, replaced)}``, whose values differ: ``whose`` names what held
    the value replaced ("the config's", "the run's"), ``where`` its path; ``again``: words after the line of a name
    (``{"data": "; this fit is not a repeat of that run"}``). ``data`` is DATA, a path: the same file is not said; nor
    is a value the file left unset (None: "--cutoff X replaces the config's None", decision 2148)."""
    for name, (given, filed) in pairs.items():
        if filed is None or said(given) == said(filed) or (name == "data" and Path(str(given)).resolve() == Path(str(filed)).resolve()):
            continue
        flag = "DATA" if name == "data" else f"--{name.replace('_', '-')}"
        advise(f"{flag} {said(given)} replaces {whose} {said(filed)} ({where}){(again or {}).get(name, '')}")


def of_run(run, settings: dict, params: dict, given: dict, fitted: dict) -> None:
    """backtest --from-run RUN: the run's settings ``params`` that the setting flags ``settings`` replace, and its
    column roles ``fitted`` (``fittedroles.of_state``) those given (``given``) replace; --features both of its
    covariate roles. A setting the run left unset (None) is given, not replaced."""
    pairs = {k: (v, params[k]) for k, v in settings.items() if params.get(k) is not None}
    pairs.update({k: (given[k], v) for k, v in fitted.items() if v is not None and given.get(k) is not None})
    covariates = [f"{k} {said(fitted[k])}" for k in ("past_covariates", "future_covariates") if fitted.get(k)]
    if given.get("features") is not None and covariates:
        pairs["features"] = (given["features"], "; ".join(covariates))
    replaced(pairs, "the run's", run)
