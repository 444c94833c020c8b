"""Setting text (``settingtext.py``): ``parse_setting``, the one parser of settings, reads the text of
flags, TOML files and ``--set`` into the values ``Forecaster`` takes, and names the setting and what
it accepts when it cannot."""

from __future__ import annotations

import pytest

from rnncast import RnncastError
from rnncast.settingtext import parse_setting


def test_parse_setting_reads_flag_text_into_the_values_forecaster_takes():
    assert parse_setting("batch_size", "full") is None and parse_setting("batch_size", "0") is None  # full batch
    assert parse_setting("batch-size", "32") == 32  # flag spelling
    assert parse_setting("future_known", "yes") is True and parse_setting("highway", "false") is False
    assert parse_setting("lr", "1e-3") == pytest.approx(0.001) and isinstance(parse_setting("lr", "1"), float)
    assert parse_setting("quantiles", "0.1,0.5,0.9") == [0.1, 0.5, 0.9]
    assert parse_setting("fill", "none") is None and parse_setting("cell", "gru") == "gru"


@pytest.mark.parametrize("name, value, typed, words", [
    ("hiden_size", "8", False, ["unknown setting 'hiden_size'", "hidden_size"]),
    ("lookback", "ten", False, ["lookback must be a whole number", "'ten'"]),
    ("lookback", "24", True, ["lookback must be a whole number", "'24'"]),  # a TOML string is not a number
    ("future_known", 1, True, ["future_known must be true or false"]),
    ("batch_size", "half", False, ["batch_size", '"full"']),
])
def test_parse_setting_names_the_setting_and_what_it_accepts(name, value, typed, words):
    with pytest.raises(RnncastError) as err:
        parse_setting(name, value, typed=typed)
    assert all(w in str(err.value) for w in words), str(err.value)


def test_none_is_a_choice_of_settings_that_have_it_and_no_value_for_optional_ones():
    assert parse_setting("scaler", "none") == "none" and parse_setting("window_norm", "none") == "none"
    assert parse_setting("fill", "none") is None and parse_setting("freq", "none") is None



@pytest.mark.parametrize("name, value, said", [
    ("batch_size", False, r"^batch_size must be a whole number, or 0 or \"full\" for full-batch training, got False$"),
    ("batch_size", 0.0, r"got 0.0$"),
    ("batch_size", True, r"got True$"),
    ("batch_size", "0", r"got '0'; write the number without quotes \(batch_size = 0\)$"),  # as lookback = "14" is
    ("lookback", "14", r"^lookback must be a whole number, got '14'; write the number without quotes \(lookback = 14\)$"),
    ("lookback", True, r"^lookback must be a whole number, got True$"),
    ("lr", False, r"^lr must be a number, got False$"),
    ("dropout", "0.1", r"^dropout must be a number, got '0.1'; write the number"),
])
def test_a_config_file_writes_numbers_as_numbers_and_no_boolean_is_a_number(name, value, said):
    """batch_size = false (and 0.0) in a TOML file read as 0, full batch; batch_size = "0" was taken as text
    while lookback = "14" was refused."""
    with pytest.raises(RnncastError, match=said):
        parse_setting(name, value, typed=True)
    assert parse_setting("batch_size", 0, typed=True) is None and parse_setting("batch_size", "full", typed=True) is None


def test_another_librarys_name_in_set_or_a_config_file_is_answered_with_rnncasts():
    """--set seq_len=48 answered "did you mean 'segment'?" or nothing, not lookback."""
    with pytest.raises(RnncastError, match=r"^seq_len is not a setting of rnncast: the input window is lookback"):
        parse_setting("seq-len", "48")


def test_quantiles_none_is_a_point_forecast_and_an_empty_list_or_item_is_refused():
    assert parse_setting("quantiles", "none") is None and parse_setting("quantiles", None) is None
    with pytest.raises(RnncastError, match=r"^quantiles \[\] is an empty list"):
        parse_setting("quantiles", [], typed=True)  # a TOML file's quantiles = [] was a point forecast silently
    with pytest.raises(RnncastError, match=r"^quantiles '0.1,,0.9' has an empty item \(item 2 of 3\)"):
        parse_setting("quantiles", "0.1,,0.9")


def test_a_cutoff_written_as_a_toml_date_or_time_is_its_iso_text():
    """cutoff = 2024-06-30 in a TOML file is a date, not a string: read as the text it writes."""
    import datetime

    assert parse_setting("cutoff", datetime.date(2024, 6, 30), typed=True) == "2024-06-30"
    assert parse_setting("cutoff", datetime.datetime(2024, 6, 30, 12), typed=True) == "2024-06-30T12:00:00"
    assert parse_setting("cutoff", "2024-06-30") == "2024-06-30" and parse_setting("cutoff", "none") is None


def test_a_cell_flag_in_capitals_is_the_cell_and_others_are_left_for_the_choices_to_refuse():
    from rnncast.settingtext import parse_setting
    assert [parse_setting("cell", v) for v in ("LSTM", "Gru", "rnn")] == ["lstm", "gru", "rnn"]
    assert parse_setting("cell", "LSTMx") == "LSTMx"  # refused by the flag's choices, named as given


def test_every_choice_flag_in_capitals_is_its_choice_as_the_cell_is():
    """--cell LSTM was taken while --scaler MinMax was refused by the flag's choices."""
    from rnncast.settingtext import parse_setting
    given = {"scaler": "MinMax", "window_norm": "NONE", "fill": "FFill", "highway_start": "Least_Squares",
             "decoder": "Direct", "lr_schedule": "Cosine", "loss": "MAE", "scheme": "Sequence", "device": "CPU"}
    assert {name: parse_setting(name, text) for name, text in given.items()} == {
        name: text.lower() for name, text in given.items()}
    assert parse_setting("scaler", "MinMaxx") == "MinMaxx"  # refused by the flag's choices, named as given


@pytest.mark.parametrize("text, said", [("1e3", ", 1000 written in scientific notation: write 1000"),
                                        ("2.0", ", 2 written with a decimal point: write 2"), ("2.5", ""), ("x", "")])
def test_a_whole_number_in_another_form_is_refused_naming_the_digits_to_write(text, said):
    """`--horizon 1e3` was "not a whole number" (t33t5 L4); it is one, written otherwise (decision 1626)."""
    from rnncast.errors import RnncastError
    from rnncast.settingtext import parse_setting

    with pytest.raises(RnncastError) as err:
        parse_setting("horizon", text)
    assert str(err.value) == f"horizon must be a whole number, got {text!r}{said}"


@pytest.mark.parametrize("value", ["96,672", "672, 96", "96 672", [96, 672]])
def test_several_seasons_are_refused_saying_one_is_taken_and_what_the_longer_gives(value):
    """t37t2 5: `--season 96,672` was "must be a whole number", not saying that one season is taken nor that the longer
    one also scores the calendar's daily cycle beside the verdict (decisions 1926, 1968)."""
    from rnncast.errors import RnncastError
    from rnncast.settingtext import parse_setting

    with pytest.raises(RnncastError) as err:
        parse_setting("season", value, typed=isinstance(value, list))
    said = str(err.value)
    assert said.startswith(f"season must be one whole number, got {value!r}: one season is taken, for the seasonal "
                           "naive baseline and MASE's scale; give the longer one (season=672, --season 672)")
    assert "beside the verdict, or the shorter one (season=96, --season 96)" in said
    assert parse_setting("season", "672") == 672
    with pytest.raises(RnncastError, match="must be a whole number, got '96,x'$"):
        parse_setting("season", "96,x")  # not numbers: the setting's own words


@pytest.mark.parametrize("value, said", [
    ("1,008", "write 1008 without the comma (season=1008, --season 1008)"),  # a week of 10-minute steps
    ("10,080", "write 10080 without the comma"), ("1,344", "write 1344 without the comma"),
    ("24,24", ": give 24 alone (season=24, --season 24)"), ("1,24", ": give 24 alone"), ([24, 24], ": give 24 alone")])
def test_a_thousands_separator_or_one_season_twice_is_not_said_as_several_seasons(value, said):
    """r37r2 7: '1,008' was "the longer one (season=8) ... or the shorter one (season=1)", and '24,24' offered 24 as
    both; several seasons are two distinct values over 1 (decision 2017)."""
    from rnncast.errors import RnncastError
    from rnncast.settingtext import parse_setting

    with pytest.raises(RnncastError) as err:
        parse_setting("season", value, typed=isinstance(value, list))
    assert str(err.value).startswith(f"season must be one whole number, got {value!r}{': ' * (said[0] != ':')}{said}")
    assert "the longer one" not in str(err.value)


def test_several_seasons_written_as_thousands_also_name_the_one_number_and_the_cycle_for_any_step():
    from rnncast.errors import RnncastError
    from rnncast.settingtext import parse_setting

    with pytest.raises(RnncastError) as err:
        parse_setting("season", "8,760")  # hours in a year, or 8 and 760
    said = str(err.value)
    assert said.endswith("to weigh that cycle in the verdict itself; if 8,760 is one number, write 8760 without the comma")
    assert "(a day on steps under a day: 24 on hours, 96 on 15 minutes; a week on days)" in said


@pytest.mark.parametrize("value, typed", [("1,3,6", False), ("[1, 3, 6]", False), ([1, 3, 6], True)])
def test_a_horizon_written_as_steps_says_what_horizon_is(value, typed):
    """``--horizon 1,3,6`` and a config file's ``horizon = [1, 3, 6]`` (sktime's fh) say what horizon is and the
    one to give, in one line (decision 2035); ``--horizon abc`` keeps its words."""
    with pytest.raises(RnncastError, match=r"horizon must be a whole number, got .*: horizon is the number of steps ahead "
                                           r"\(sktime's fh=\[1, 2, 3\] is horizon=3\); give horizon=6 \(--horizon 6\) and "
                                           r"read steps 1, 3, 6 in by_step \(fit's by_step\.csv, evaluate's and a backtest's by_step\)$"):
        parse_setting("horizon", value, typed=typed)
    with pytest.raises(RnncastError, match=r"got 'abc'$"):
        parse_setting("horizon", "abc")
