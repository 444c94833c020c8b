"""Tests of figurefaults: a figure that fails to draw is warned of and left out, never the run (decision 1819)."""

from __future__ import annotations

import logging

import pytest

from rnncast import figurefaults


def test_a_drawing_that_raises_is_warned_of_in_one_line_and_gives_none(caplog):
    def broken():
        raise TypeError("ufunc 'isfinite' not supported for the input types\nsecond line")

    with caplog.at_level(logging.WARNING, logger="rnncast"):
        assert figurefaults.drawn("backtest.png", broken) is None
    said = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(said) == 1 and "\n" not in said[0]
    assert said[0].startswith("backtest.png was not drawn (TypeError: ufunc 'isfinite' not supported")
    assert "the metrics and forecasts are written without it" in said[0]
    assert figurefaults.drawn("loss.png", lambda: ("img", b"png")) == ("img", b"png")  # a drawing that works: its value


def test_an_interrupt_while_drawing_still_stops_the_run():
    def stopped():
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        figurefaults.drawn("forecast.png", stopped)


def test_the_page_says_a_figure_was_not_drawn_where_its_picture_would_be():
    img = ("img", b"png", "alt", "", "backtest.png")
    assert figurefaults.block("backtest.png", img) is img
    kind, text = figurefaults.block("backtest.png", None)
    assert kind == "p" and text.startswith("backtest.png was not drawn") and "What rnncast noticed" in text
