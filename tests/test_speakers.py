"""Whose rnncast log lines they are (``speakers.py``): ``named_logs`` begins the lines with the speaker and gives the
formatters back; ``alike_said_once`` says a line several speakers say alike once, naming them all."""

from __future__ import annotations

import logging

from rnncast import speakers


def test_named_logs_begins_rnncast_lines_with_the_speaker_and_gives_the_formatters_back(caplog):
    """A demo's six networks log alike lines; under ``named_logs`` each begins with whose it is, other loggers'
    lines are left as they are, and the root handlers get their own formatters back after the block."""
    import io

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    own = logging.Formatter("%(levelname)s %(message)s")
    handler.setFormatter(own)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        caplog.set_level(logging.INFO, logger="rnncast")  # as long as the test runs, as it was after
        with speakers.named_logs():
            logging.getLogger("rnncast.fitting").info("outside any speaker")
            with speakers.speaking_as("LSTM (highway on)"):
                logging.getLogger("rnncast.fitting").warning("stopped early at epoch %d", 38)
                logging.getLogger("other").warning("not ours")
        assert handler.formatter is own
    finally:
        root.removeHandler(handler)
    assert stream.getvalue().splitlines() == [
        "INFO outside any speaker", "WARNING LSTM (highway on): stopped early at epoch 38", "WARNING not ours"]


def test_lines_several_speakers_say_alike_are_said_once_naming_them_all(caplog):
    """compare's models of one data each warned the same "the 240 rows of the fit's training period differ ..." line;
    alike, it is said once, naming them; a line only one says keeps its speaker; the order is the first saying's
    (decision 710)."""
    said = []

    class Heard(logging.Handler):
        def emit(self, record):
            said.append((speakers.speaker(), record.levelname, record.getMessage()))

    heard, log = Heard(), logging.getLogger("rnncast.fitrows")
    logging.getLogger().addHandler(heard)
    try:
        caplog.set_level(logging.INFO, logger="rnncast")
        with speakers.alike_said_once():
            for who in ("model 'a'", "model 'b'", "model 'c'"):
                with speakers.speaking_as(who):
                    log.warning("rows differ")
                    if who == "model 'b'":
                        log.info("only b")
            assert said == []  # held until the block ends
    finally:
        logging.getLogger().removeHandler(heard)
    assert said == [("model 'a', model 'b' and model 'c'", "WARNING", "rows differ"), ("model 'b'", "INFO", "only b")]
