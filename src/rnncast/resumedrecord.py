"""What a resume reads of a run's checkpoint before anything else: the file verified by its SHA-256 first, so that no
comparison trusts a record edited since it was written, then the run's columns by role (``edited_roles``: config.json's
against those the checkpoint trained on, and the columns its run record keeps) and its own values (``own_values``),
which a resume's refusals name as the run has them; and a run that finished, refused (``refuse_finished``)."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

from safetensors import safe_open

from rnncast import offsetguess
from rnncast.data import names
from rnncast.errors import RnncastError
from rnncast.outputs import json_with
from rnncast.serieskeys import text as key_text
from rnncast.resume import TRAINING_STATE, UNREADABLE, held, read_checkpoint, start_over
from rnncast.spelling import hint

# the request's roles, by config.json's name, and the checkpoint's record of the columns each took (fingerprint.of)
RECORDED_ROLES = {"target": "targets", "past_covariates": "past", "future_covariates": "future"}
RUN_ROLES = ("time_col", "id_col", "static_covariates")  # kept only in config.json's run record (a finished training)


def verify(path) -> dict | None:
    """The loop record of the checkpoint at ``path`` once its content is what it was written with (its SHA-256), or
    None where there is none to read (a missing or unreadable file: ``load_training_state`` refuses it by name); a
    file whose content changed since it was written is refused in one ``RnncastError``, before any of it is trusted.
    A checkpoint written before one was kept is read as it is (``load_training_state`` says so)."""
    path = Path(path)
    if not path.is_file():
        return None
    try:
        loop, _ = read_checkpoint(path)  # a damaged one refused there (an RnncastError, not read as unreadable)
    except RnncastError:
        raise
    except UNREADABLE:
        return None
    return loop if isinstance(loop, dict) else None


def edited_roles(config_path, loop: dict | None, given=None) -> list[tuple[str, object, object]]:
    """``(name, the run's, config.json's now)`` of each column role that config.json (at ``config_path``) names
    otherwise than the run read its data: the target, past and future covariates against the checkpoint's record
    of the columns it trained on (``loop``, ``verify``'s), as the reader reads them (one name or a list); the time
    column, id column and static covariates against config.json's run record, where a finished training wrote one. A
    target removed is named where the run cannot have found it alone (a key deleted, or a run record of columns left
    unused: ``labels.default_target`` takes a table's one column); a table of series as columns (``series``) is not
    compared, its targets being its columns. ``given``: the request as the resume reads it, whose columns named
    (a flag that repeats the run's own: ``cli.resuming``) stand for config.json's."""
    try:
        config = json.loads(Path(config_path).read_text(encoding="utf-8"))
        data, run = dict(config["data"]), config.get("run")
    except (OSError, ValueError, KeyError, TypeError):
        return []  # read_run refuses it by name
    run = run if isinstance(run, dict) else {}
    data.update({k: v for k, v in (given or {}).items() if k in (*RECORDED_ROLES, *RUN_ROLES) and v is not None})
    recorded = (loop or {}).get("data")
    if data.get("series") not in (None, "", []) or run.get("layout") == "wide" or "layout" in data:
        return []
    edits = []
    chosen = data.get("features") not in (None, "", [])  # covariates --features chose: config.json names none
    for name, key in RECORDED_ROLES.items() if isinstance(recorded, dict) else ():
        then, now = recorded.get(key), data.get(name)
        if not isinstance(then, list):
            continue
        if now in (None, "", []):
            if name == "target":  # removed, where the run cannot have found it alone (more columns than one)
                removed = "target" not in data or bool(then and run.get("not_used"))
            else:
                removed = bool(then) and not chosen
            if removed:
                edits.append((name, then, None))
        elif (not set(_names(now)) <= set(map(str, then))) if chosen and name != "target" else \
                _names(now) != [str(c) for c in then]:
            edits.append((name, then, now))
    for name in RUN_ROLES:
        then, now = run.get(name), data.get(name)
        if now in (None, "", []) or name not in run:
            continue  # not named now, or no record of the columns the run read (an earlier or unfinished run)
        if name == "id_col" and isinstance(then, list) and now == key_text(then):
            continue  # a key: the run record's list, the request's text as given (item_id,store_id), one key
        had, names_now = ([] if then in (None, False) else _names(then)), ([] if now is False else _names(now))
        if not set(names_now) <= set(had) if name == "static_covariates" else names_now != had:
            edits.append((name, then, now))
    return edits


def refuse_edited(config_path, checkpoint, given=None) -> None:
    """Refuse a resume whose config.json (at ``config_path``) names other columns than the run read
    (``edited_roles``), in one ``RnncastError`` naming each with both values, once the checkpoint (``checkpoint``) is
    verified (``verify``) and before the data is read: read otherwise, the data would be blamed for the edit.
    ``given``: ``edited_roles``'."""
    edits = edited_roles(config_path, verify(checkpoint), given)
    if edits:
        said = "; ".join(f"{name} {_shown(then)} then, {_shown(now)} now" for name, then, now in edits)
        new = hint("start_new", "")  # the command line's: a new run with config.json's columns as they are now
        raise RnncastError(f"{config_path} names other columns than the run read its data with: {said}; a resumed "
                           f"run reads its data as it began (write them back as they were), or "
                           f"{new + ', or ' if new else ''}{start_over()}")


def own_values(config_path, loop: dict | None) -> dict:
    """The run's own settings and columns by flag name, as the checkpoint (``loop``, ``verify``'s) began with them
    where it records them, else as config.json (at ``config_path``) holds them; {} where neither is readable.
    ``calendar``: the frequency the run found in its data where config.json's run record keeps it (``freq`` none
    then: none was named)."""
    try:
        config = json.loads(Path(config_path).read_text(encoding="utf-8"))
        values = {**dict(config["data"]), **dict(config["settings"])}
        recorded = (config.get("run") or {}).get("calendar") or {}
        calendar, periods = recorded.get("freq"), recorded.get("kind") == "period"  # Q-MAR periods: their own (decision 2104)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        values, calendar, periods = {}, None, False
    if isinstance(loop, dict) and isinstance(loop.get("settings"), dict):
        values.update(loop["settings"])
    if isinstance(loop, dict) and isinstance(loop.get("data"), dict) and isinstance(loop["data"].get("targets"), list):
        values["target"] = loop["data"]["targets"]
    if isinstance(calendar, str) and values.get("freq") is None and not periods:  # 'QS-APR' recorded before 1044
        calendar = offsetguess.named_now(calendar)
    return {**values, "calendar": calendar} if isinstance(calendar, str) else values


def _shown(value) -> str:
    """A role's columns as said in a refusal: a list as written, none where it is not named."""
    return "none" if value in (None, "", []) else repr(value)


def _names(value) -> list[str]:
    """Columns as the reader reads them: one name (text) or a list of them."""
    try:
        return names(value)
    except (TypeError, ValueError):
        return [str(value)]


def refuse_finished(run_dir) -> None:
    """Refuse ``fit --resume`` of a run that finished: its report.html is written last, once training ended
    (its epochs, early stopping or a divergence) and every output was written; resuming it would train
    nothing and write its files again (config.json, model.json, the plots, the page). A run whose
    training ended but whose outputs were cut short (no report.html) still resumes, to write them."""
    run_dir = Path(run_dir)
    if not (run_dir / "report.html").is_file():
        return
    epoch = None
    try:
        with safe_open(str(run_dir / TRAINING_STATE), framework="pt") as f:
            epoch = int(json.loads((f.metadata() or {})["loop"])["epoch"])
    except UNREADABLE:
        pass  # no checkpoint (removed, or a model saved without one): the epoch is left unsaid
    at = f" at epoch {epoch}" if epoch is not None else ""
    try:
        holds, ended = held(run_dir / TRAINING_STATE)
    except UNREADABLE:
        holds, ended = None, True
    if not ended and not (run_dir / "metrics.json").exists():  # report.html is written last, after training: not its
        raise RnncastError(f"{run_dir} holds a report.html but no metrics.json, and its {TRAINING_STATE} {holds}: "
                           f"rnncast writes report.html last, once training has ended, so this one is not the run's; "
                           f"remove {run_dir / 'report.html'} and run rnncast fit --resume {shlex.quote(str(run_dir))} "
                           "to continue it")  # decision 1804
    damaged = [name for name in ("config.json", "metrics.json") if not json_with(run_dir / name)]
    if "config.json" in damaged:  # the run's data and settings: neither --resume nor --config can read them
        raise RnncastError(f"{run_dir} finished training{at}, but its config.json is damaged (not a JSON object, as "
                           f"rnncast wrote it): it holds the run's data and settings, so the run can be neither resumed "
                           f"nor repeated with --config; fit again with rnncast fit DATA --target COLUMN --out NEW, or "
                           f"put back a copy of that config.json")
    if damaged:  # the scores: written again with the other outputs from the saved state
        state = ("is damaged (not a JSON object, as rnncast wrote it)" if (run_dir / "metrics.json").exists() else
                 "is missing")
        raise RnncastError(f"{run_dir} finished training{at}, but its metrics.json {state}; to write the run's outputs again from its saved model, remove "
                           f"{run_dir / 'report.html'} and run rnncast fit --resume {shlex.quote(str(run_dir))}")
    raise RnncastError(f"{run_dir} finished training{at}; nothing to resume: --resume continues an interrupted run, and "
                       f"its --epochs cannot extend a finished one; fit again with rnncast fit --config "
                       f"{shlex.quote(str(run_dir))} --out NEW (with --epochs N for more epochs), or replace it with --out "
                       f"{shlex.quote(str(run_dir))} --overwrite")
