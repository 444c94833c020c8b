"""What tune, which searches the settings of one series, says where it is given a role of many series (``id_col``, a
key of several columns, ``series``, static covariates) or fit's covariate roles: a keyword (``tune(df,
id_col=...)``), ``settings={'id_col': ...}``, a flag (``--id-col``) or a --config file's key, each refused in one line
that says what to do instead (decision 1132): tune the rows of one series and fit the panel with its best settings,
or fit the panel with settings of one's own. Nothing here imports the rest of the package."""

from __future__ import annotations

# the roles that name many series (a panel), which tune does not take
PANEL_ROLES = ("id_col", "series", "static_covariates", "static_categorical")
COVARIATE_ROLES = ("past_covariates", "future_covariates")  # fit's; tune takes its covariates as features


def instead(names: list[str], flag: bool = False) -> str:
    """What tune says of ``names``, roles of many series (``PANEL_ROLES``: ``id_col``; their flags ``--id-col``
    where ``flag``), as a clause: it searches one series' settings, and what to do instead."""
    fit = (f"rnncast fit DATA --config OUT/best.toml {' ... '.join(names)} ..." if flag
           else f"tune(...).forecaster().fit(data, {'=..., '.join(names)}=...)")
    return (f"it searches the settings of one series; tune the rows of one series and fit the panel with its best "
            f"settings ({fit}), or fit the panel with settings of your own")


def covariates_instead(names: list[str], python: bool = False) -> str:
    """What tune says of fit's covariate roles ``names`` (``--future-covariates``; ``future_covariates`` where
    ``python``), as a clause."""
    if python:
        return ("it takes covariates as features (tune(data, features=[...])), with settings={'future_known': True} "
                "where they are known over the horizon")
    return (f"tune has no {', '.join(names)}: it takes covariates as --features, with --future-known where they are "
            "known over the horizon")


def config_refusal(config, keys: list[str]) -> str:
    """The one line refusing the keys ``keys`` of the --config file ``config`` that tune does not take."""
    flags = lambda roles: [f"--{k.replace('_', '-')}" for k in keys if k in roles]  # noqa: E731
    panel = (*PANEL_ROLES, "static")  # a config's static table: --static
    said = [instead(flags(panel), flag=True)] if flags(panel) else []
    said += [covariates_instead(flags(COVARIATE_ROLES))] if flags(COVARIATE_ROLES) else []
    return f"config {config} gives {', '.join(keys)}, which tune does not take: {'; '.join(said)}"
