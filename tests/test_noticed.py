"""``noticed``: which log lines a run keeps, and capturing them without changing what is logged."""

from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest
from pandas.tseries.frequencies import to_offset

from rnncast import noticed, seasonspans, speakers
from rnncast.timecalendar import Calendar

PACKAGE = Path(noticed.__file__).parent


@contextmanager
def rnncast_level(level: int):
    """The ``rnncast`` logger at ``level`` within the block, as it was after."""
    logger = logging.getLogger("rnncast")
    before = logger.level
    logger.setLevel(level)
    try:
        yield logger
    finally:
        logger.setLevel(before)


def test_warnings_and_the_kept_info_lines_are_captured_in_order_and_nothing_else():
    with rnncast_level(logging.INFO) as logger:
        with noticed.capture() as notes:
            logging.getLogger("rnncast.fills").info("filling %d missing values with %s", 41, "ffill")
            logging.getLogger("rnncast.loading").info("time: column %r, calendar %s", "date", "D")  # a fact, not a note
            logging.getLogger("rnncast.loading").info("no time column: rows are numbered")
            logging.getLogger("rnncast.cutting").warning("the model trains on only %d window", 1)
            logging.getLogger("rnncast.training").debug("epoch 1")
            logging.getLogger("other").warning("not rnncast's")
        logging.getLogger("rnncast.fills").warning("after the block")
    assert notes == [{"level": "info", "text": "filling 41 missing values with ffill"},
                     {"level": "info", "text": "no time column: rows are numbered"},
                     {"level": "warning", "text": "the model trains on only 1 window"}]
    assert not any(isinstance(h, logging.Handler) and h.__class__.__name__ == "_Collector" for h in logger.handlers)


def test_capture_changes_no_level_so_an_info_line_not_logged_is_not_kept():
    with rnncast_level(logging.WARNING) as logger:
        with noticed.capture() as notes:
            logging.getLogger("rnncast.fills").info("filling %d missing values with %s", 41, "ffill")
        assert logger.level == logging.WARNING
    assert notes == []


def test_merged_keeps_each_note_once_in_order():
    a, b = {"level": "info", "text": "a"}, {"level": "warning", "text": "b"}
    assert noticed.merged([a, b], [b, {"level": "warning", "text": "a"}], None) == [
        a, b, {"level": "warning", "text": "a"}]


def test_a_note_keeps_its_speaker_and_alike_notes_of_several_speakers_are_one_naming_them():
    """A tester's finding (t31t6 #3): a --refit backtest's "cutoff 2 of 2 (forecasts from 1960-01-01): the best epoch
    was the last ..." lost its cutoff in metrics.json and on the page, and the two cutoffs' alike warnings were one
    note that named neither (decision 1492)."""
    log = logging.getLogger("rnncast.training")
    with rnncast_level(logging.INFO), noticed.capture() as notes:
        log.warning("said before")
        for j in (1, 2):
            with speakers.speaking_as(f"cutoff {j} of 3"):
                log.warning("undertrained")
                log.warning("alone %d", j)
        with speakers.speaking_as("cutoff 3 of 3"):
            log.warning("said before")  # said of the whole run too: as said
    assert notes[1] == {"level": "warning", "text": "undertrained", "speakers": ["cutoff 1 of 3"]}
    assert [n["text"] for n in noticed.merged(notes)] == [
        "said before", "cutoff 1 of 3 and cutoff 2 of 3: undertrained", "cutoff 1 of 3: alone 1", "cutoff 2 of 3: alone 2"]
    assert all(set(n) == {"level", "text"} for n in noticed.merged(notes))
    many = [{"level": "warning", "text": "x", "speakers": [f"trial {k}"]} for k in range(8)]
    assert noticed.merged(many)[0]["text"] == "trial 0, trial 1, trial 2, trial 3, trial 4 and 3 more: x"



@pytest.mark.parametrize("name, starts", [(k, v) for k, v in noticed.KEPT_INFO.items()])
def test_each_kept_info_text_still_starts_an_info_line_of_its_module(name, starts):
    """KEPT_INFO names lines by the start of their message: a reworded line would silently drop out. A module that
    logs under another's name (its lines moved out of it: ``getLogger("rnncast.loading")``) is read with it."""
    source = (PACKAGE / f"{name.removeprefix('rnncast.')}.py").read_text(encoding="utf-8") + "".join(
        text for path in sorted(PACKAGE.rglob("*.py")) if f'getLogger("{name}")' in (text := path.read_text(encoding="utf-8")))
    infos = re.findall(r"log\.info\(\s*f?\"([^\"]*)", source)
    assert infos, f"{name} logs no INFO line"
    for start in starts or ():
        assert any(text.startswith(start) for text in infos), (name, start)


def test_first_time_says_a_key_once_per_set_and_always_without_one():
    from rnncast.noticed import first_time

    said: set = set()
    assert first_time(said, "unused", "a", "b")
    assert not first_time(said, "unused", "a", "b")
    assert first_time(said, "unused", "a")  # another set of columns is said again
    assert first_time(None, "unused", "a") and first_time(None, "unused", "a")


def test_time_notes_quiets_the_time_readers_only_when_not_announcing_and_restores_their_levels():
    """One helper for loading's reloads and futurekeys' columns tried as time (they held two copies)."""
    logger = logging.getLogger("rnncast.datetext")
    logger.setLevel(logging.INFO)
    with noticed.time_notes(False):
        assert all(logging.getLogger(n).level == logging.ERROR for n in noticed.TIME_READERS)
    assert logger.level == logging.INFO
    with noticed.time_notes(True):
        assert logger.level == logging.INFO
    logger.setLevel(logging.NOTSET)


def test_a_held_warning_is_logged_once_released_and_dropped_by_a_refusal(caplog):
    """Warnings about the run to come (the columns it leaves out) wait for the input's checks: a refusal comes
    alone, a run hears them once; a hold within a hold leaves the outer one to decide."""
    logger = logging.getLogger("rnncast.loading")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        with pytest.raises(ValueError):
            with noticed.held():
                noticed.warn_run(logger, "not used: a")
                raise ValueError("refused")
        assert caplog.messages == []
        with noticed.held() as release:
            with noticed.held() as inner:
                noticed.warn_run(logger, "not used: b")
            inner()
            assert caplog.messages == []
            release()
            assert caplog.messages == ["not used: b"]
            noticed.warn_run(logger, "not used: c")  # once released, said at once
        noticed.warn_run(logger, "not used: d")  # outside any hold too
    assert caplog.messages == ["not used: b", "not used: c", "not used: d"]


def test_a_note_said_once_per_call_is_said_again_by_the_next_call_and_once_in_nested_ones():
    """zonenames.noted and cutoffs' clock note were said once per process (functools.lru_cache): a second backtest
    in a notebook never heard them. Within one call (one_call: a checked API call, a command) once; nested: the
    outer decides; outside a call: always."""
    from rnncast.noticed import first_in_call, one_call

    with one_call():
        assert first_in_call("k", 1) and not first_in_call("k", 1) and first_in_call("k", 2)
        with one_call():
            assert not first_in_call("k", 1)
    with one_call():
        assert first_in_call("k", 1)
    assert first_in_call("k", 1) and first_in_call("k", 1)


def test_the_feb_29_note_and_the_shorter_cycles_info_line_are_kept_with_a_run():
    """t36t6: season 365's Feb 29 note reached the console only, not report.html nor metrics.json (decision 1928); the
    shorter cycle's seasonal naive the model beats is an INFO line beside the verdict (decision 1926)."""
    with rnncast_level(logging.INFO), noticed.capture() as notes:
        seasonspans.warn(Calendar("datetime", to_offset("D")), {}, 365, pd.date_range("2023-01-01", "2024-12-31"))
        logging.getLogger("rnncast.shortercycle").info("season 365 is given, so ...")
    assert [n["level"] for n in notes] == ["info", "info"]
    assert notes[0]["text"].startswith("season 365 counts 365 days back, so in the year after each Feb 29")
