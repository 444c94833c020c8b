"""The line said before many windows are scored (``scoringsaid``): fit's rule and words (decision 1562), said by
evaluate and compare once, as their first windows are forecast (decision 1602)."""

from __future__ import annotations

import logging

from pandas.tseries.frequencies import to_offset

from rnncast import scoringsaid
from rnncast.speakers import alike_said_once, speaking_as
from rnncast.timecalendar import Calendar


def test_the_line_counts_each_parts_windows_and_is_said_from_a_million_steps():
    assert scoringsaid.text({"val": 6249, "test": 13217}, 720) == "scoring 6,249 validation and 13,217 test windows of 720 steps"
    assert scoringsaid.text({"val": 6249, "test": 13217}, 4) is None  # 78,584 steps
    assert scoringsaid.text({"val": 0, "test": 2000}, 500) == "scoring 2,000 test windows of 500 steps"  # 1,000,000
    assert scoringsaid.text({"test": 1999}, 500) is None
    assert scoringsaid.text({"all": 3000}, 400) == "scoring 3,000 windows of 400 steps"
    assert scoringsaid.text({"train": 1000}, 400, models=3) == "scoring 1,000 training windows of 400 steps, by each of 3 models"
    assert scoringsaid.text({"test": 0}, 10 ** 7) is None


def test_a_saying_block_says_its_first_windows_once_past_a_hold_and_nothing_outside_it(caplog):
    """compare holds its models' lines back until every model has forecast (speakers.alike_said_once): the line is
    said there and then, before them, once, and names no model."""
    with caplog.at_level(logging.INFO, logger="rnncast"):
        scoringsaid.before(5000, 720)  # no block: a fit's parts, a backtest, the API
        assert caplog.records == []
        with scoringsaid.saying("test", models=2), alike_said_once():
            with speaking_as("model 'a'"):
                logging.getLogger("rnncast.x").warning("held back")
                scoringsaid.before(5000, 720)
            assert [r.getMessage() for r in caplog.records] == ["scoring 5,000 test windows of 720 steps, by each of 2 models"]
            with speaking_as("model 'b'"):
                scoringsaid.before(5001, 720)  # the second model: unsaid
        assert [r.getMessage() for r in caplog.records][1:] == ["held back"]
        caplog.clear()
        with scoringsaid.saying("val"):
            scoringsaid.before(10, 720)  # few: unsaid, and the block says nothing after
            scoringsaid.before(5000, 720)
        assert caplog.records == []


def test_a_quiet_command_says_nothing(caplog):
    logger = logging.getLogger("rnncast")
    level = logger.level
    logger.setLevel(logging.WARNING)  # -q
    try:
        with scoringsaid.saying("test"):
            scoringsaid.before(5000, 720)
    finally:
        logger.setLevel(level)
    assert caplog.records == []


def test_fits_line_is_said_from_a_test_forecasts_csv_of_about_100_mb_naming_what_scores_fewer():
    """t37t2 4: a 15-minute year at horizon 96 (950,000 steps) scored for 95 s and wrote a 133 MB test_forecasts.csv
    unsaid, under the million steps; the estimate of the file (rows x columns) says it too (decision 1971)."""
    quarter = Calendar("datetime", to_offset("15min"))
    line = scoringsaid.run_text({"val": 3240, "test": 6666}, 96, 1, 3, "run_off", quarter)  # 3 levels: 21 columns
    assert line == ("scoring 3,240 validation and 6,666 test windows of 96 steps, every stride-1 window "
                    "(test_forecasts.csv about 134 MB); to score fewer, `rnncast backtest DATA --from-run run_off "
                    "--step 1D` scores windows a day apart (a span or a count of steps), or give a shorter --horizon "
                    "or fewer rows")
    assert scoringsaid.run_text({"val": 3240, "test": 6666}, 96, 1, 0, "r") is None  # a point model's 9 columns: 58 MB
    assert scoringsaid.run_text({"val": 9000, "test": 2000}, 100, 1, 0, "r").startswith("scoring 9,000 validation")
    assert scoringsaid.run_text({"val": 0, "test": 0}, 96, 1, 3, "r") is None


def test_fits_line_suggests_a_day_apart_on_intraday_rows_only_else_a_horizon_of_rows():
    """r37r2 5: the line always said `--step 1D`, which backtest refuses on data without dates, and which is no
    coarser than weekly rows (decision 2015)."""
    counts = {"val": 3240, "test": 6666}
    for calendar in (None, Calendar(), Calendar("datetime", to_offset("W-SUN")), Calendar("datetime", to_offset("D"))):
        line = scoringsaid.run_text(counts, 96, 1, 3, "r", calendar)
        assert "--step 96` scores windows 96 rows apart, one horizon (a count of rows)" in line and "1D" not in line
    assert "--step 1D` scores windows a day apart" in scoringsaid.run_text(counts, 96, 1, 3, "r", Calendar(
        "datetime", to_offset("h")))
    assert not scoringsaid.intraday(Calendar("datetime", to_offset("24h")))
