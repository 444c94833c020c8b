"""Other libraries' names for rnncast's settings (``othernames.py``): one table, looked up by the API's,
the settings text's and the command line's refusals of a name they do not know."""

from __future__ import annotations

import pytest

from rnncast.config import setting_fields
from rnncast.othernames import OTHER_NAMES, SHUFFLING, by_time, not_a_setting, other_name

SETTINGS = [f.name for f in setting_fields()]


def test_every_other_name_points_to_a_setting_of_rnncast_and_is_none_itself():
    assert {setting for setting, _, _ in OTHER_NAMES.values()} <= set(SETTINGS)
    assert not (set(OTHER_NAMES) | SHUFFLING) & set(SETTINGS)


@pytest.mark.parametrize("name, said", [
    ("test_size", "test_size is not a setting of rnncast: the test part is test_frac (the last fraction of each "
                  "series' rows)"),
    ("sequence_length", "sequence_length is not a setting of rnncast: the input window is lookback (input steps the "
                        "network sees for each forecast)"),
    ("output_chunk_length", "output_chunk_length is not a setting of rnncast: the forecast length is horizon (steps "
                            "forecast at once)"),
    ("learning_rate", "learning_rate is not a setting of rnncast: the learning rate is lr (of the Adam optimizer)"),
])
def test_another_librarys_name_is_answered_with_rnncasts(name, said):
    assert not_a_setting(name, SETTINGS) == said


def test_a_flag_is_looked_up_as_its_keyword_and_answered_in_the_readers_spelling():
    flag = lambda setting: "--" + setting.replace("_", "-")  # noqa: E731
    assert other_name("--seq-len", SETTINGS, flag) == ("the input window is --lookback (input steps the network sees "
                                                       "for each forecast)")


def test_shuffling_is_answered_with_the_split_by_time():
    said = not_a_setting("shuffle", SETTINGS)
    assert said == "shuffle is not a setting of rnncast: " + by_time()
    assert "splits every series by time" in said and "random order each epoch" in said
    assert said.endswith("an order that cannot be switched off and need not be: windows are shuffled within the "
                         "training part only")  # Forecaster(shuffle=False), as Keras users pass it


def test_a_name_the_reader_cannot_give_or_no_other_name_is_not_answered():
    assert other_name("test_size", ["lookback"]) == "" and other_name("shuffle", ["lookback"]) == ""
    assert not_a_setting("lookbak", SETTINGS) == "" and not_a_setting("lookback", SETTINGS) == ""
