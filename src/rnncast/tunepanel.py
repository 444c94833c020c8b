"""The roles of many series and covariates that tune takes as fit takes them (``ROLES``: ``id_col``, a key of several
columns, ``series``, past and future covariates, static covariates) and what tune does with them (decisions 1166, 1213):
the lookbacks it searches fit the shortest series (``shortest``, for ``searchspace.searched_lookbacks``); a study
records the data's key, so a study continued on series told apart otherwise is refused by name (``check_key``), and one
continued on other data (other rows, or other covariate roles) under the same key, saying what differs
(``check_data``); best.toml and tune.json write them as ``rnncast fit --config`` reads them back (``best_request``).
Imported by the command line's parser: NumPy and pandas only where a tune writes."""

from __future__ import annotations

import os
from pathlib import Path

from rnncast.errors import RnncastError

ROLES = ("id_col", "series", "past_covariates", "future_covariates", "static_covariates",
         "static_categorical")  # tune's keywords, as fit's
KEY_ATTR = "rnncast_data_key"  # the study's user attribute: the data's key (``data_key``) its trials were scored on
DATA_ATTR = "rnncast_data"  # the study's user attribute: the fingerprint of the data its trials were scored on
ONE_SERIES = {"id_col": None, "series": None, "static": None}  # one series': every study before panels were tuned


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
    (``fingerprint.difference``); one whose record this rnncast cannot read is refused saying so
    (``fingerprint.unreadable_refusal``), not called other data. A study without the record (made before it was kept)
    is continued as before."""
    from rnncast import fingerprint  # NumPy and pandas: loaded when a tune runs, not by the command's --help

    found = fingerprint.of(panel)
    recorded = study.user_attrs.get(DATA_ATTR)
    if recorded is None:
        if created or not study.trials:
            study.set_user_attr(DATA_ATTR, found)
        return
    if refusal := fingerprint.unreadable_refusal(  # nothing known of the data: not "other data" (decision 1816)
            recorded, f"study {name!r}", "this data", "it was run on", "a study ranks trials scored on one data set",
            "tune it with the rnncast version that ran it, or give another study name (--study) or folder (--out)"):
        raise RnncastError(refusal)
    differs = fingerprint.difference(recorded, found)
    if differs:
        raise RnncastError(f"study {name!r} was run on other data: {differs}; its trials would mix two data sets: give "
                           "the data it was run with, or another study name (--study) or folder (--out)")


def best_request(roles: dict, panel) -> tuple[dict, str]:
    """The roles tune was given (``ROLES``) as best.toml writes them for ``fit --config``: id_col as ``panel`` was read
    with it (one column as its name, a key of several as the list of its columns, as config.json keeps it: decision
    1133), series, the covariates by the roles they were read in where a role was given (past_covariates,
    future_covariates: the columns of each, in place of features; decision 1213), static_covariates (column names) and
    static_categorical as given, a static table's file as
    ``static`` by its absolute path, a table in memory by its columns as ``static_table`` (``fitrequest`` refuses
    fit --config without a table for them); and the line best.toml says where a static table was in memory, which it
    cannot hold ('' where none was)."""
    from rnncast.rolenames import as_list  # pandas: loaded when a tune writes, not by the command's --help

    request = {key: as_list(roles.get(key)) for key in ("series", "static_categorical")}
    parts = data_key(panel)["id_col"]  # "item_id,store_id" from --id-col: the columns it names, as read
    request["id_col"] = None if parts is None else parts[0] if len(parts) == 1 else parts
    if roles.get("past_covariates") is not None or roles.get("future_covariates") is not None:  # features= beside them
        # too: each column written in the role it was read in, so fit --config reads the inputs the trial had
        request.update(features=None, past_covariates=list(panel.past) or None, future_covariates=list(panel.future) or None)
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
