"""How hints name a setting (``spelling.py``): a keyword and a flag by default, with a proposed value
when the hint has one; a caller's own spelling within its block, and the default back after it; a
reader's own words for a setting it cannot give, within its block only."""

from __future__ import annotations

import shlex

import pytest

from rnncast.spelling import (config_settings, from_config, hint, hints, in_config, keyword_and_flag, named, one_series, one_series_reader, rows_span, shell_names, shell_word, some,
                              spelled, spelling)


def test_the_default_names_a_keyword_and_a_flag():
    assert spelled("epochs") == "epochs=, --epochs" and spelled("grad_clip") == "grad_clip=, --grad-clip"
    assert spelled("season", 52) == "season=52, --season 52"
    assert spelled("device", "auto") == "device='auto', --device auto"
    assert keyword_and_flag("highway", True) == "highway=True, --highway"
    assert keyword_and_flag("highway", False) == "highway=False, --no-highway"
    # s29: "--cutoff 2016-08-04 03:45:00" pasted into a shell read 03:45:00 as another argument; quoted where needed
    assert keyword_and_flag("cutoff", "2016-08-04 03:45:00") == "cutoff='2016-08-04 03:45:00', --cutoff '2016-08-04 03:45:00'"
    assert keyword_and_flag("cutoff", "2024-03-31T23:00:00+02:00").endswith("--cutoff 2024-03-31T23:00:00+02:00")


def test_a_caller_chooses_the_spelling_for_its_block_and_the_default_comes_back():
    with spelling(lambda name, value=None: f"--set {name}={'N' if value is None else value}"):
        assert spelled("epochs") == "--set epochs=N" and spelled("season", 52) == "--set season=52"
    assert spelled("epochs") == "epochs=, --epochs"
    with pytest.raises(KeyError), spelling(lambda name, value=None: {}[name]):
        spelled("lr")
    assert spelled("lr") == "lr=, --lr"


def test_a_refused_value_names_its_setting_with_its_flag_or_the_config_file_that_gave_it():
    """``--n-windows 0`` was refused as "n_windows must be a positive integer": the Python name, which the reader
    of the command line never typed (a tester's finding, decision 548); "horizon must be ..." named no flag, and
    ``lookback = -4`` in a --config file not the file (decision 603)."""
    assert named("n_windows") == "n_windows (--n-windows)" and named("hidden_size") == "hidden_size (--hidden-size)"
    assert named("lr") == "lr (--lr)" and named("horizon") == "horizon (--horizon)"  # one word too: the flag named
    with spelling(lambda name, value=None: f"--set {name}=N"):  # bench: settings only through --set
        assert named("epochs") == "epochs (--set epochs=N)"
    assert named("epochs") == "epochs (--epochs)"
    with pytest.raises(ValueError), config_settings():
        in_config("c.toml", ["lookback", "val_frac"])
        assert named("lookback") == "lookback (in config c.toml)" and named("val_frac") == "val_frac (in config c.toml)"
        assert named("horizon") == "horizon (--horizon)" and from_config() == ["lookback", "val_frac"]
        raise ValueError
    assert named("lookback") == "lookback (--lookback)" and from_config() == []


def test_a_reader_of_one_series_is_named_within_its_block_only():
    assert one_series_reader() is None
    with pytest.raises(ValueError), one_series("tune"):
        assert one_series_reader() == "tune"
        raise ValueError
    assert one_series_reader() is None


def test_a_reader_s_own_words_for_a_setting_hold_within_its_block_only():
    assert hint("fill", "give --fill") == "give --fill"
    with pytest.raises(ValueError), hints(fill="the model applies its own"):
        assert hint("fill", "give --fill") == "the model applies its own" and hint("freq", "give --freq") == "give --freq"
        with hints(freq="on the model's calendar"):
            assert hint("freq", "give --freq") == "on the model's calendar" and hint("fill", "") == "the model applies its own"
        raise ValueError
    assert hint("fill", "give --fill") == "give --fill"


def test_a_count_pluralises_its_noun_unless_one():
    """"windows 1 steps apart", "(1 trials in the study": a count of one takes the singular."""
    from rnncast.spelling import counted

    assert [counted(n, "step") for n in (0, 1, 2)] == ["0 steps", "1 step", "2 steps"]
    assert counted(1, "forecast origin") == "1 forecast origin"


def test_a_span_of_one_row_is_that_row_not_a_range_of_one():
    assert rows_span(30, 32) == "rows 30-32" and rows_span(1000, 1000) == "row 1000"  # not "rows 1000-1000"
    assert rows_span(3, 9, "") == "3-9" and rows_span(7, 7, "") == "7"


def test_some_names_the_first_few_and_counts_the_rest_in_the_callers_separator():
    names = [f"S{i}" for i in range(13)]
    assert some(names[:5]) == "S0, S1, S2, S3, S4" and some(names[:7]) == "S0, S1, S2, S3, S4 and 2 more"
    assert some(names, 10) == "S0, S1, S2, S3, S4, S5, S6, S7, S8, S9 and 3 more"
    assert some(names[:4], 2, sep="; ") == "S0; S1; and 2 more"  # the "and" after a semicolon too
    assert some(names[:10], 10, total=13).endswith("S9 and 3 more")  # a record keeps the first ten, counts them all
    assert some(names[:3], 3, total=3) == "S0, S1, S2"


def test_names_are_quoted_for_a_shell_only_where_they_need_it():
    assert shell_word("sales") == "sales" and shell_word("a", "b") == "a,b"
    assert shell_word("Store A") == "'Store A'" and shell_word("Store A", "Store B") == "'Store A,Store B'"
    assert shell_word("it's") == "'it'\"'\"'s'"


def test_a_korean_column_name_one_syllable_off_is_suggested():
    """A Korean learner's --target 판매양 (for 판매량) got no suggestion: as whole syllables the names are 0.67 alike."""
    from rnncast.spelling import did_you_mean

    assert did_you_mean("판매양", ["날짜", "판매량", "기온"], cutoff=0.8) == " (did you mean '판매량'?)"
    assert did_you_mean("습도", ["날짜", "판매량", "기온"], cutoff=0.8) == ""
    assert did_you_mean("Y_same", ["y_same", "x1"], cutoff=0.8) == " (did you mean 'y_same'?)"
    keys = ["source", "target", "features", "past_covariates", "future_covariates", "static"]
    assert did_you_mean("future", keys) == " (did you mean 'future_covariates'?)"  # not 'features' (nearer by letters)
    assert did_you_mean("Past", keys) == " (did you mean 'past_covariates'?)"
    two = ["static_covariates", "static_categorical", "x"]  # the word begins two: letters choose (none near), as before
    data = ["source", "features", "out", "id_col", "past_covariates", "future_covariates", "static_covariates", "static"]
    for name in ("futur", "futures", "fut", "FUTURE"):  # were 'features', 'features', 'out' (t30t5), by letters alone
        assert did_you_mean(name, data) == " (did you mean 'future_covariates'?)", name
    assert did_you_mean("statc", data) == " (did you mean 'static'?)" and did_you_mean("featurs", data).endswith("'features'?)")
    assert did_you_mean("fut", [*data, "future_known"]) == " (did you mean 'future_covariates' or 'future_known'?)"
    assert did_you_mean("static", two) == " (did you mean 'static_covariates' or 'static_categorical'?)"


def read_back(said: str, flag: str) -> list[str] | str:
    """The names ``flag`` takes from the shell word that follows it in the message ``said`` (a ``)`` or ``,`` closing
    the clause dropped), as the command line reads them: a refusal's advice, followed, is accepted as meant."""
    lexer = shlex.shlex(said.split(f"{flag} ", 1)[1], posix=True)
    lexer.whitespace_split, lexer.commenters = True, ""
    word = lexer.get_token().removesuffix(")").removesuffix(",")
    from rnncast.cli.parser import build_parser
    return getattr(build_parser().parse_args(["fit", "d.csv", flag, word]), flag[2:].replace("-", "_"))


NAMES = [["a", "b"], ["Store A"], ["vent, km/h", "temp"], ["all"], ['say "hi"'], [" lead"], ["it's", "x y"]]


@pytest.mark.parametrize("names", NAMES, ids=str)
def test_advice_round_trips_names_written_for_a_flag_are_read_back_as_those_names(names):
    """``--target 'vent, km/h'`` (``shell_word``) was read as two columns, 'vent' and 'km/h', and a column named
    'all' as the keyword: ``shell_names`` writes names as the flags that take several read them (CSV, in a shell
    word); ``shell_word`` stays for flags that take their value whole (``--id-col``, ``--time-col``, ``--out``)."""
    for flag in ("--target", "--past-covariates", "--future-covariates", "--static-covariates", "--features"):
        assert read_back(f"give {flag} {shell_names(*names)}, or", flag) == names, flag
    assert read_back(f"give --id-col {shell_word(*names[:1])}", "--id-col") == names[0]


def test_a_config_files_key_leads_a_refusal_by_its_file_and_a_flag_by_none():
    from rnncast.spelling import config_named
    with config_settings():
        in_config("c.toml", ["future_covariates"])
        assert config_named("future_covariates") == "future_covariates (in config c.toml)"
        assert config_named("features") is None and config_named(None) is None
    assert config_named("future_covariates") is None


def test_a_two_syllable_korean_name_is_offered_the_column_it_begins_and_a_two_letter_latin_one_is_not():
    """t33t3: --features 재실 (for 재실인원) got no "did you mean", which 'fut' gets for 'future_covariates': names of 3
    characters or more were taken as beginnings. A wide character (a Hangul syllable, a Han character, kana) now counts
    as 2 (decision 1630); a short Latin name gains no new suggestion."""
    from rnncast.spelling import did_you_mean, prefix_length

    columns = ["시각", "기온", "습도", "재실인원", "전력사용량"]
    assert did_you_mean("재실", columns, cutoff=0.8) == " (did you mean '재실인원'?)"
    assert did_you_mean("전력", columns, cutoff=0.8) == " (did you mean '전력사용량'?)"
    assert did_you_mean("売上", ["日付", "売上高"], cutoff=0.8) == " (did you mean '売上高'?)"  # Han characters alike
    assert did_you_mean("재", columns, cutoff=0.8) == ""  # one syllable: too little to say which
    assert did_you_mean("fu", ["future_covariates", "x"], cutoff=0.8) == ""  # as before
    assert did_you_mean("ab", ["abcdef", "temperature"], cutoff=0.8) == ""  # a prefix of 2 letters names none
    assert (prefix_length("재실"), prefix_length("fut"), prefix_length("fu"), prefix_length("ｆ")) == (4, 3, 2, 2)


def test_a_long_list_of_names_is_shortened_to_its_first_ten_and_a_count():
    """t39t2 1: a refusal listed all 402 columns of an M5 table (2.8 KB in one line, decision 2110)."""
    from rnncast.spelling import shortlist

    assert shortlist(["a", "b"]) == "a, b"
    assert shortlist([f"c{i}" for i in range(20)]) == ", ".join(f"c{i}" for i in range(20))  # 20: all of them
    assert shortlist([f"d_{i}" for i in range(1, 403)]) == ", ".join(f"d_{i}" for i in range(1, 11)) + " ... and 392 more"

def test_a_name_sharing_one_word_with_a_key_is_offered_nothing():
    """t39t4 8: Forecaster(lead_time=5) was offered 'time_unit' ('lead_time' is 0.62 like 'time', time_unit's first word);
    the first-word comparison is for a name of one word ('futures'); real slips still find their key."""
    from rnncast.spelling import did_you_mean

    keys = ["lookback", "horizon", "hidden_size", "time_unit", "future_known", "lr_schedule", "tz"]
    assert did_you_mean("lead_time", keys) == "" and did_you_mean("gate_time", keys) == ""
    for slip, key in (("lookbak", "lookback"), ("horizn", "horizon"), ("hidden_sise", "hidden_size"),
                      ("time_unti", "time_unit"), ("lr_schedul", "lr_schedule"), ("futures", "future_known")):
        assert did_you_mean(slip, keys) == f" (did you mean {key!r}?)", slip
