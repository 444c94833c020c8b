"""The roles of many series that tune takes as fit takes them (``ROLES``: ``id_col``, a key of several columns,
``series``, static covariates) and what tune does with them (decision 1166): the lookbacks it searches fit the
shortest series (``shortest``, for ``searchspace.searched_lookbacks``); a study records the data's key, so a study
continued on series told apart otherwise is refused by name (``check_key``), and one continued on other data under the
same key, saying what differs (``check_data``); best.toml and tune.json write them as
``rnncast fit --config`` reads them back (``best_request``). fit's covariate roles, which tune takes as features
(``--features``, with ``--future-known``), are refused in one line saying so (``covariates_instead``,
``config_refusal``). Imported by the command line's parser: NumPy and pandas only where a tune writes."""

from __future__ import annotations

import os
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from rnncast.errors import RnncastError

ROLES = ("id_col", "series", "static_covariates", "static_categorical")  # tune's keywords, as fit's
COVARIATE_ROLES = ("past_covariates", "future_covariates")  # fit's; tune takes its covariates as features
KEY_ATTR = "rnncast_data_key"  # the study's user attribute: the data's key (``data_key``) its trials were scored on
DATA_ATTR = "rnncast_data"  # the study's user attribute: the fingerprint of the data its trials were scored on
ONE_SERIES = {"id_col": None, "series": None, "static": None}  # one series': every study before panels were tuned


def as_features(api: bool = False) -> str:
    """How tune takes covariates (all past, or all known over the horizon), as a clause: the CLI's flags, or
    (``api``) ``tune``'s keywords."""
    if api:
        return ("it takes covariates as features=, with settings={'future_known': True} where they are known over the "
                "horizon")
    return "it takes covariates as --features, with --future-known where they are known over the horizon"


_TUNE_READS: ContextVar[bool] = ContextVar("rnncast_tune_reads", default=False)


@contextmanager
def read_for_tune():
    """Within the block the data is read for tune, whose covariates are features: the line naming the columns no role
    took (``layouts.not_used_note``) offers ``features=`` (``--features``), not fit's covariate roles, which tune
    refuses."""
    token = _TUNE_READS.set(True)
    try:
        yield
    finally:
        _TUNE_READS.reset(token)


def covariates_as_features() -> bool:
    """Whether the data is read for tune (``read_for_tune``)."""
    return _TUNE_READS.get()


def covariates_instead(names: list[str]) -> str:
    """What tune says of fit's covariate role flags ``names`` (``--future-covariates``), as a clause."""
    return f"tune has no {', '.join(names)}: {as_features()}"


def config_refusal(config, keys: list[str]) -> str:
    """The one line refusing the covariate roles ``keys`` of the --config file ``config``, which tune does not take."""
    return (f"config {config} gives {', '.join(keys)}, which tune does not take: "
            f"{covariates_instead(['--' + k.replace('_', '-') for k in keys])}")


def shortest(panel) -> str:
    """The shortest series of a panel as the lookback refusals name it ("'b' (40 rows)"); '' for one series."""
    if panel.n_series == 1:
        return ""
    s = int(panel.lengths.argmin())
    return f"{panel.given_id(s)!r} ({int(panel.lengths[s])} rows)"


def data_key(panel) -> dict:
    """The key of ``panel`` a study records: ``id_col``, the list of the columns that tell its series apart (None:
    none), ``series``, a wide table's series columns (None: not wide), and ``static``, its static covariates' names
    (numeric, then categorical; None: none), which every trial trains on too."""
    if panel.key is not None:
        id_col = list(panel.key.parts)
    else:
        id_col = [panel.id_col] if panel.id_col is not None and panel.layout == "long" else None
    series = [str(i) for i in panel.ids] if panel.layout == "wide" else None
    static = list(panel.static.names) if panel.static is not None and panel.static.names else None
    return {"id_col": id_col, "series": series, "static": static}


def key_text(key: dict) -> str:
    """A recorded key in words: "the series told apart by id_col ['item_id', 'store_id']" (", with the static
    covariates ['size']"), "one series (no id_col)"."""
    static = f", with the static covariates {key['static']!r}" if key.get("static") else ""
    if key.get("id_col"):
        parts = key["id_col"]
        return f"the series told apart by id_col {parts[0] if len(parts) == 1 else parts!r}{static}"
    if key.get("series"):
        return f"the wide series {key['series']!r}{static}"
    return "one series (no id_col)"


def check_key(study, name: str, panel, created: bool) -> None:
    """A study ranks trials scored on one set of series: a new (or empty) one records the data's key; a study
    continued with series told apart by another key (another id_col, a key of other columns, a wide table for a
    long one) or other static covariates is refused by name, as ``studies.check_fixed`` refuses other fixed settings.
    A study without the record was made before tune took a panel: one series."""
    wanted = data_key(panel)
    recorded = study.user_attrs.get(KEY_ATTR)
    if recorded is None and (created or not study.trials):
        study.set_user_attr(KEY_ATTR, wanted)
        return
    was = ONE_SERIES if recorded is None else recorded
    if {k: was.get(k) for k in wanted} != wanted:
        raise RnncastError(f"study {name!r} was run on {key_text(was)}, and this call gives {key_text(wanted)}: its "
                           "trials would mix two panels; give the data, id_col and static covariates it was run with, "
                           "or another study name (--study) or folder (--out)")
    if recorded is None:
        study.set_user_attr(KEY_ATTR, wanted)


def check_data(study, name: str, panel, created: bool) -> None:
    """A study ranks trials scored on one data: a new (or empty) one records ``fingerprint.of`` the panel (rows, series,
    times, values), and a study continued with other data under the same key is refused saying what differs
    (``fingerprint.difference``). A study without the record (made before it was kept) is continued as before."""
    from rnncast import fingerprint  # NumPy and pandas: loaded when a tune runs, not by the command's --help

    found = fingerprint.of(panel)
    recorded = study.user_attrs.get(DATA_ATTR)
    if recorded is None:
        if created or not study.trials:
            study.set_user_attr(DATA_ATTR, found)
        return
    differs = fingerprint.difference(recorded, found)
    if differs:
        raise RnncastError(f"study {name!r} was run on other data: {differs}; its trials would mix two data sets: give "
                           "the data it was run with, or another study name (--study) or folder (--out)")


def best_request(roles: dict, panel) -> tuple[dict, str]:
    """The roles tune was given (``ROLES``) as best.toml writes them for ``fit --config``: id_col as ``panel`` was read
    with it (one column as its name, a key of several as the list of its columns, as config.json keeps it: decision
    1133), series, static_covariates (column names) and static_categorical as given, a static table's file as
    ``static`` by its absolute path, a table in memory by its columns as ``static_table`` (``fitrequest`` refuses
    fit --config without a table for them); and the line best.toml says where a static table was in memory, which it
    cannot hold ('' where none was)."""
    from rnncast.rolenames import as_list  # pandas: loaded when a tune writes, not by the command's --help

    request = {key: as_list(roles.get(key)) for key in ("series", "static_categorical")}
    parts = data_key(panel)["id_col"]  # "item_id,store_id" from --id-col: the columns it names, as read
    request["id_col"] = None if parts is None else parts[0] if len(parts) == 1 else parts
    static, note = as_list(roles.get("static_covariates")), ""
    if isinstance(static, (str, list, tuple)):
        request["static_covariates"] = list(static) if isinstance(static, tuple) else static
    elif isinstance(static, os.PathLike):
        request["static"] = str(Path(static).absolute())  # fit --config reads it from any directory
    elif static is not None:  # its columns named (static_table), so fit --config without the table is refused by name
        request["static_table"] = data_key(panel)["static"]
        note = ("the static covariates were a table in memory, which best.toml cannot hold: give it to fit again "
                "(--static FILE, or static_covariates=); static_table names its columns")
    return request, note
