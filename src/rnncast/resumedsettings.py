"""The settings a training checkpoint was trained with, and a resume's check of them: every setting the resumed fit
has is compared with the checkpoint's record, and any that differs is refused by name with both values, except those
a resume may change (``MAY_CHANGE``: more or fewer epochs, where and how the fit runs), the epochs said in the log."""

from __future__ import annotations

import json
import logging
from dataclasses import MISSING
from pathlib import Path

from rnncast.config import HOW_FIT_RUNS, Settings, setting_fields
from rnncast.errors import RnncastError
from rnncast.resume import start_over
from rnncast.resumedrecord import verify
from rnncast.settingvalues import missing_numbers, missing_text, missing_words
from rnncast.spelling import counted, hint
from rnncast.zonenames import compared

# A resume may change these: epochs trains the run further or ends it sooner (decision 584: "with more epochs it
# trains further"); device and how the fit runs (threads, the progress bar) change where it trains, not what.
MAY_CHANGE = ("epochs", "device", *HOW_FIT_RUNS)

log = logging.getLogger(__name__)


def record(settings: Settings) -> dict:
    """Every setting of ``settings`` as JSON holds it (tuples as lists), for the checkpoint's record."""
    return json.loads(json.dumps(settings.flat(), default=str))


def reads_as(settings: Settings, name: str, value) -> bool:
    """Whether ``value`` (a checkpoint's record of setting ``name``) reads as ``settings`` hold that setting, through
    the one normaliser each setting goes through (``Settings.from_flat``): a cutoff recorded '1960.0' is 1960
    (decision 961), a cell 'LSTM' is 'lstm', quantiles '0.1,0.5,0.9' are [0.1, 0.5, 0.9], so the same setting
    written two ways is one setting. A value that does not read today (refused, or not of settings with the
    others) is not the same."""
    flat = settings.flat()
    flat["quantiles"] = list(flat["quantiles"]) or None  # () is no levels; from_flat reads None so
    try:
        if name == "missing_values":  # a list was recorded '-999,9999' before lists were written '-999, 9999' (decision 1379)
            given, had = missing_text(value), settings.data.missing_values  # and their text codes ('M': decision 1646)
            return (missing_numbers(given), missing_words(given)) == (missing_numbers(had), missing_words(had))
        return record(Settings.from_flat({**flat, name: value}))[name] == record(settings)[name]
    except (RnncastError, TypeError, ValueError):
        return False


FEWER = "leave epochs= as the run began ({planned}) to finish it, or give more than {done}"  # the command line's: hints
AT_LEAST = "give epochs={done} or more"  # where the run's own epochs are fewer (a run a resume rewrote before 1085)


def _refuse_fewer_epochs(path: Path, loop: dict, recorded, epochs: int) -> None:
    """Refuse a resume whose epochs are fewer than the checkpoint has trained: it would train nothing, keep every
    epoch trained, yet record (config.json, the model) that the run trained ``epochs``, which ``--config RUN`` would
    then repeat as another run. Fewer than the run began with, yet not fewer than it has trained, ends it sooner."""
    done = loop.get("epoch")
    if not isinstance(done, int) or epochs >= done:
        return
    planned = recorded.get("epochs") if isinstance(recorded, dict) else loop.get("epochs")
    ends = isinstance(planned, int) and planned >= done
    remedy = hint("fewer_epochs", FEWER) if ends else hint("at_least_epochs", AT_LEAST)
    remedy = remedy.format(planned=planned, done=done)
    raise RnncastError(f"{path} has trained {counted(done, 'epoch')} already, more than the {epochs} asked for now: a "
                       f"resume trains a run further, or ends it sooner, but cannot take back epochs it trained; "
                       f"{remedy}; nothing was changed")


def check(path, settings: Settings, targets=None, say: bool = True) -> None:
    """Refuse to resume the checkpoint at ``path`` with ``settings`` other than it was trained with, in one
    ``RnncastError`` naming each setting that differs with both values (a hand-edited config.json, or a
    ``Forecaster`` of other settings given ``resume=True``), before anything is built or loaded; a changed epochs is
    taken and said. A checkpoint written before settings were recorded is not checked (its network is:
    ``resume.load_training_state``); an unreadable one is left to ``load_training_state`` to refuse; ``path`` None
    (a fit that resumes nothing): nothing to check. ``targets``: the target columns the resume names (the command
    line's, from the run's config.json; ``Forecaster.fit``'s target=: a column name or a list of them), compared with
    those the checkpoint trained on, before the data is read; other targets (an array's positions, None: the default
    column) are left to the data check. ``say`` False: the changed epochs is not said (the command line checks
    before the fit that checks again and says it, once)."""
    if path is None:
        return
    path = Path(path)
    loop = verify(path)  # a checkpoint edited since it was written is refused as such, before its record is trusted
    if loop is None:
        return
    try:
        recorded, columns = loop.get("settings"), (loop.get("data") or {}).get("targets")
    except AttributeError:  # a data record of another shape
        return
    _refuse_fewer_epochs(path, loop, recorded, settings.flat()["epochs"])
    if not isinstance(recorded, dict):
        return
    defaults = json.loads(json.dumps({f.name: f.default for f in setting_fields() if f.default is not MISSING},
                                     default=str))
    recorded = {**defaults, **recorded}  # a setting added after the checkpoint was written: its default then
    now = record(settings)
    then, same = compared(recorded), compared(now)  # --tz UTC then, Etc/UTC now: one zone (its links resolved)
    differ = [name for name in now if name not in MAY_CHANGE and then.get(name) != same[name]
              and not reads_as(settings, name, recorded.get(name))]
    targets = [targets] if isinstance(targets, str) else targets  # target='y' names the column ['y'] does
    named = isinstance(targets, (list, tuple)) and bool(targets) and all(isinstance(t, str) for t in targets)
    if named and isinstance(columns, list) and list(targets) != columns:  # a hand-edited or other target
        targets = list(targets)
        recorded, now, differ = {**recorded, "target": columns}, {**now, "target": targets}, [*differ, "target"]
    if differ:
        said = "; ".join(f"{name} {recorded.get(name)!r} then, {now[name]!r} now" for name in differ)
        may = hint("resume_may_change", "the Forecaster's epochs=, device=, threads=; the others as it began")
        new = hint("start_new", "")  # the command line's: the run's settings as its config.json now holds them
        raise RnncastError(f"{path} was begun with other settings than {hint('resume_given', 'this fit has')}: "
                           f"{said}; a resumed run keeps the settings it began with (only epochs, device and threads "
                           f"may change: {may}), or {new + ', or ' if new else ''}{start_over()}")
    if say and recorded.get("epochs") != now["epochs"]:
        log.info("resuming %s with epochs %s (it was begun with epochs %s)", path, now["epochs"], recorded.get("epochs"))
    if say and recorded.get("threads") != now["threads"]:  # torch's CPU sums add in an order the thread count sets
        log.info("resuming %s with threads %s (it was trained with threads %s%s): the weights will match an "
                 "uninterrupted run to float rounding, not bit for bit", path, now["threads"], recorded.get("threads"),
                 ", torch's own count" if recorded.get("threads") == 0 else "")
