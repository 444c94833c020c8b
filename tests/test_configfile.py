"""``rnncast fit --config``: a TOML file with the flags' fields, flags override it, and a run
directory's ``config.json`` repeats the run."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from conftest import make_frame
from rnncast import Forecaster, RnncastError
from rnncast.cli import main
from rnncast.configfile import read_config
from rnncast.data import read_table

TOML = """
# a run as a file
data = "{data}"
target = "y"
features = ["x"]
cell = "gru"
lookback = 16
horizon = 3
hidden-size = 8
epochs = 2
batch_size = 32
lr = 0.01
device = "cpu"
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("config")
    make_frame(300).to_csv(folder / "data.csv", index=False)
    (folder / "run.toml").write_text(TOML.format(data=folder / "data.csv"))
    return folder


@pytest.fixture(scope="module")
def run(folder) -> Path:
    """``rnncast fit --config run.toml --hidden-size 12 --out run``: the flag overrides the file."""
    assert main(["fit", "--config", str(folder / "run.toml"), "--hidden-size", "12", "--out", str(folder / "run")]) == 0
    return folder / "run"


def test_settings_come_from_the_file_and_given_flags_override_it(run):
    config = json.loads((run / "config.json").read_text())
    settings = config["settings"]
    assert (settings["cell"], settings["lookback"], settings["horizon"], settings["batch_size"]) == ("gru", 16, 3, 32)
    assert settings["hidden_size"] == 12  # the flag, not the file's 8
    assert settings["num_layers"] == 1  # neither: the default
    assert config["data"]["target"] == ["y"] and config["data"]["features"] == ["x"]


def test_a_run_directory_as_config_repeats_the_run_exactly(folder, run):
    again = folder / "again"
    assert main(["fit", "--config", str(run), "--out", str(again)]) == 0
    first, second = json.loads((run / "config.json").read_text()), json.loads((again / "config.json").read_text())
    assert first["settings"] == second["settings"] and first["data"] == second["data"]
    frame = read_table(folder / "data.csv")
    a, b = Forecaster.load(run), Forecaster.load(again)
    assert np.array_equal(a.predict_windows(frame).y_pred, b.predict_windows(frame).y_pred)


def test_config_json_with_a_flag_changes_only_that_flag(folder, run):
    assert main(["fit", "--config", str(run / "config.json"), "--epochs", "1", "--out", str(folder / "one")]) == 0
    settings = json.loads((folder / "one" / "config.json").read_text())["settings"]
    assert settings == {**json.loads((run / "config.json").read_text())["settings"], "epochs": 1}


@pytest.mark.parametrize("text, expected", [
    ("lookback = 24\nhiden_size = 8\n", ["unknown key 'hiden_size'", "accepted keys:", "hidden_size"]),
    ("lookback = \n", ["not valid TOML"]),
    ("lookback = \"24\"\n", ["lookback", "whole number", "'24'"]),
    ("future_known = 1\n", ["future_known", "true or false"]),
    ("batch_size = \"half\"\n", ["batch_size", "\"full\""]),
    ("target = 3\n", ["target", "column name"]),
    ("[model]\ncell = \"gru\"\n", ["has a [model] table; its keys are flat"]),
    ("time_unit = \"D\"\n", ["unknown time_unit 'D' (to pandas a span of time", "choose one of: s (", "(in config"]),  # S: s
    ("cell = \"GRUx\"\n", ["unknown cell 'GRUx'; choose one of:"]),  # GRU: the GRU (decision 962)
    ("quantiles = \"0.1,,0.5,0.9\"\n", ["quantiles '0.1,,0.5,0.9' has an empty item (item 2 of 4)"]),  # was 0.1,0.5,0.9
    ("quantiles = \",0.1,0.5,\"\n", ["quantiles ',0.1,0.5,' has an empty item (item 1 of 4)"]),
    ("quantiles = []\n", ["quantiles [] is an empty list: leave quantiles unset (None) for a point forecast"]),
    ("quantiles = [\"0.1\", \"0.5\", \"0.9\"]\n", ["quantiles must be numbers such as [0.1, 0.5, 0.9], got "
                                                "['0.1', '0.5', '0.9']; write the levels without quotes"]),  # as in Python
    ("features = \"x,,z\"\n", ["features in config", "a blank column name in 'x,,z'"]),  # was "column '' not found"
    ("features = [\"x\", \" \"]\n", ["features in config", "has a blank column name (item 2 of 2)"]),
    ("time_col = \"\"\n", ["time_col in config", "is empty (''); name a column, or leave time_col out"]),  # was
    # "must be a quoted string, got ''"
    ("\ufeffhiden_size = 8\n", ["unknown key 'hiden_size'"]),  # a BOM read past, not "Invalid statement"
])
def test_a_bad_file_is_refused_naming_the_problem(tmp_path, text, expected):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(RnncastError) as err:
        read_config(path)
    for part in expected + ["bad.toml"]:
        assert part in str(err.value), (part, str(err.value))


def test_a_folder_that_is_not_a_run_is_refused(tmp_path):
    with pytest.raises(RnncastError, match="without config.json"):
        read_config(tmp_path)


def test_a_run_written_before_the_highway_existed_is_repeated_without_one(tmp_path, run):
    config = json.loads((run / "config.json").read_text())
    del config["settings"]["highway"]
    (tmp_path / "config.json").write_text(json.dumps(config))
    settings, _ = read_config(tmp_path / "config.json")
    assert settings["highway"] is False


def test_a_hand_edited_setting_in_config_json_is_refused_naming_the_file(tmp_path, run):
    config = json.loads((run / "config.json").read_text())
    config["settings"]["window_scale"] = "no"  # read by truthiness, this would have turned it on
    (tmp_path / "config.json").write_text(json.dumps(config))
    with pytest.raises(RnncastError, match=r"window_scale must be True or False, got 'no' \(in config .*config.json, "
                                           r"hand-edited or damaged\)"):
        read_config(tmp_path / "config.json")


def test_config_json_has_one_shape_that_resume_and_config_read_alike(tmp_path):
    """A run killed after its final config.json was written (here: a finished run) resumes with its
    features in their one role, and --config RUN keeps a full batch (batch_size None)."""
    data = tmp_path / "d.csv"
    make_frame(200).to_csv(data, index=False)
    args = ["fit", str(data), "--target", "y", "--features", "x", "--lookback", "12", "--horizon", "2", "--epochs", "1",
            "--hidden-size", "8", "--batch-size", "full", "--device", "cpu", "--out", str(tmp_path / "run")]
    assert main(args) == 0
    config = json.loads((tmp_path / "run" / "config.json").read_text())
    assert config["data"]["features"] == ["x"] and config["run"]["past_covariates"] == ["x"]
    (tmp_path / "run" / "report.html").unlink()  # killed while writing its outputs (a finished run is refused: 324)
    assert main(["fit", "--resume", str(tmp_path / "run")]) == 0
    assert main(["fit", "--config", str(tmp_path / "run"), "--out", str(tmp_path / "again")]) == 0
    assert json.loads((tmp_path / "again" / "config.json").read_text())["settings"]["batch_size"] is None


def test_resume_reads_the_request_as_written_from_the_start_and_the_final_shape(tmp_path):
    """config.json at the start (settings, data, paths) and once finished (with run, split, ...) give
    the same request: the features stay features, not also past covariates."""
    from rnncast.configfile import read_run

    make_frame(200).to_csv(tmp_path / "d.csv", index=False)
    assert main(["fit", str(tmp_path / "d.csv"), "--target", "y", "--features", "x", "--lookback", "12", "--horizon",
                 "2", "--epochs", "1", "--hidden-size", "4", "--device", "cpu", "--out", str(tmp_path / "run")]) == 0
    final = json.loads((tmp_path / "run" / "config.json").read_text())
    assert final["run"]["past_covariates"] == ["x"]
    start = {key: final[key] for key in ("settings", "data", "paths", "environment")}
    (tmp_path / "start.json").write_text(json.dumps(start))
    assert read_run(tmp_path / "start.json") == read_run(tmp_path / "run" / "config.json")
    assert read_run(tmp_path / "start.json")[1] == {"data": str(tmp_path / "d.csv"), "target": ["y"], "features": ["x"]}


def test_a_toml_table_is_refused_as_such_not_answered_with_a_near_key(tmp_path):
    """[train] got "did you mean 'track'?": the keys are flat, and the refusal says so."""
    path = tmp_path / "c.toml"
    path.write_text("[train]\nepochs = 3\n")
    with pytest.raises(RnncastError, match=r"has a \[train\] table; its keys are flat") as err:
        read_config(path)
    assert "did you mean" not in str(err.value)


def test_a_setting_spelled_two_ways_in_one_file_is_refused(tmp_path):
    """hidden-size and hidden_size are one key: the file gave both and 8 was used without a word."""
    path = tmp_path / "twice.toml"
    path.write_text('data = "d.csv"\nhidden-size = 4\nhidden_size = 8\n')
    with pytest.raises(RnncastError, match=r"^config .*twice\.toml gives hidden-size and hidden_size, one setting "
                                           r"spelled two ways \(4 and 8\); give it once$"):
        read_config(path)


@pytest.mark.parametrize("text, said", [
    ('lookback = 24\nhorizon = 6\nhorizon = 3\n', "horizon is given twice in config {} (lines 2 and 3); give it once"),
    ('horizon = 6\nlookback = 24\n"horizon" = 3\n', "horizon is given twice in config {} (lines 1 and 3); give it once"),
    ('x.y = 1\nlookback = 24\nx.y = 2\n', "x.y is given twice in config {} (lines 1 and 3); give it once"),
    ('x = 1\n[t]\nx = 1\nx = 2\n', "t.x is given twice in config {} (lines 3 and 4); give it once"),  # its table's
    ('lookback = 24\nlookback = 12', "lookback is given twice in config {} (lines 1 and 2); give it once"),  # no newline
    ('"a=b" = 1\n"a=b" = 2\n', '"a=b" is given twice in config {} (lines 1 and 2); give it once'),
    ('epochs = 3\n# c\nepochs = """\nx\n"""\n', "epochs is given twice in config {} (lines 1 and 3); give it once"),
    ('a = [1,\n2]\nb = 1\na = 3\n', "a is given twice in config {} (lines 1 and 4); give it once"),
    ('[[t]]\nx = 1\nx = 2\n', "t.x is given twice in config {} (lines 2 and 3); give it once"),
    ('a = {x = 1}\na.y = 1\n', "a is given twice in config {} (lines 1 and 2, where line 2 adds a.y to it); give it once"),
    ('[fit]\nepochs = 1\n\n[fit]\n', "table [fit] is given twice in config {} (lines 1 and 4); give it once"),
    ('[t]\nx = 1\n[[t]]\n', "table [t] is given twice in config {} (lines 1 and 3); give it once"),
    ('[a.b]\n[a]\nb = 1\n', "a.b is given twice in config {} (lines 1 and 3); give it once"),
    ('a = 1\na = ', "config {} is not valid TOML (Invalid value (at end of document, in the statement from line 2))"),
    ('a = 1\n\nb = 2 3\n', "config {} is not valid TOML (Expected newline or end of document after a statement (at line 3"),
])
def test_a_key_given_twice_is_named_with_its_lines(tmp_path, text, said):
    """tomllib said "Cannot overwrite a value (at line 6, column 12)", naming neither the key nor its first line; a
    key on the last line without a newline, a table declared twice, an inline table added to: its own words alone."""
    path = tmp_path / "dupkey.toml"
    path.write_text(text)
    with pytest.raises(RnncastError) as err:
        read_config(path)
    assert str(err.value).startswith(said.format(path))


@pytest.mark.parametrize("key, said", [
    ("n_windows", r"unknown key 'n_windows' in config .*: n_windows is a flag of rnncast backtest \(--n-windows\), given "
                  r"on the command line; a config file holds fit's settings and columns; accepted keys: "),
    ("trials", r": trials is a flag of rnncast tune \(--trials\), given"),
    ("sampler-seed", r": sampler_seed is a flag of rnncast tune \(--sampler-seed\)"),
    ("epochz", r"unknown key 'epochz' in config .* \(did you mean 'epochs'\?\); accepted keys"),
    ("future", r": future is a flag of rnncast predict \(--future\), given on the command line; a config file holds "
               r"fit's settings and columns \(did you mean 'future_covariates' or 'future_known'\?\); accepted keys"),
    ("futures", r"unknown key 'futures' in config .* \(did you mean 'future_covariates' or 'future_known'\?\)"),
])
def test_a_key_that_is_another_commands_flag_is_named_as_that_commands(tmp_path, key, said):
    """A fit config's n_windows was offered "did you mean 'window_scale'". The command line's parser knows each
    command's flags and hands them over (the default ``command_flags``, as ``rnncast fit --config`` reads it)."""
    from rnncast.cli.parser import build_parser

    path = tmp_path / "c.toml"
    path.write_text(f"{key} = 3\n")
    with pytest.raises(RnncastError, match=said):
        read_config(path, build_parser().get_default("command_flags"))


@pytest.mark.parametrize("key, said", [
    ("stride", ": the spacing of the backtest's cutoffs is --step (steps from one cutoff to the next; default: the "
               "horizon), a flag of rnncast backtest given on the command line; accepted keys: "),
    ("n_trials", ": the number of tuning trials is --trials (settings tried, one model each), a flag of rnncast tune "
                 "given on the command line; accepted keys: "),
    ("seq_len", ": seq_len is not rnncast's name: the input window is lookback (input steps the network sees for "
                "each forecast); accepted keys: "),
])
def test_another_tools_name_for_another_commands_flag_is_spelled_as_that_flag(tmp_path, key, said):
    """The clause is built with the flag's spelling (``other_name``'s ``spell``), not edited after."""
    from rnncast.cli.parser import build_parser

    path = tmp_path / "c.toml"
    path.write_text(f"{key} = 3\n")
    with pytest.raises(RnncastError) as err:
        read_config(path, build_parser().get_default("command_flags"))
    assert str(err.value).startswith(f"unknown key {key!r} in config {path}{said}")

def test_a_toml_file_with_a_byte_order_mark_is_read(tmp_path):
    """Notepad's UTF-8 writes a BOM; the file was 'not valid TOML (Invalid statement (at line 1, column 1))'."""
    path = tmp_path / "bom.toml"
    path.write_bytes("lookback = 24\ntarget = \"y\"\n".encode("utf-8-sig"))
    settings, request = read_config(path)
    assert settings["lookback"] == 24 and request["target"] == ["y"]


@pytest.mark.parametrize("change, message", [
    # ignored without a word
    (lambda c: c.update(bogus=1), r"config .*c2.json has a key a run's config.json does not hold: 'bogus'; accepted at "
                                  r"the top are settings, data, paths, fingerprint, run, device, processes, environment"),
    (lambda c: c.update(epochs=3), r"'epochs'; accepted at .*; settings go under \"settings\" \('epochs' is one\)$"),
    # was "(ValueError(\"unknown settings ['lookbak']\"))"
    (lambda c: c["settings"].update(lookbak=3), r"^config .*c2.json: 'lookbak' under \"settings\" is not a setting "
                                                r"\(did you mean 'lookback'\?\); the settings are those rnncast fit"),
    # a key under "data" was dropped without a word: a misspelt past_covariates then read as "the data differs"
    (lambda c: c["data"].update(past_covariate=["x"]), r"^config .*c2.json: 'past_covariate' under \"data\" is not a "
                                                       r"data key \(did you mean 'past_covariates'\?\); the data keys are source"),
    (lambda c: c["data"].update(colour="red", shade=1), r"'colour', 'shade' under \"data\" are not data keys"),
    # was read on to the fit, which looked for a column named 7
    (lambda c: c["data"].update(time_col=7), r"^time_col in config .*c2.json must be a quoted string, got 7$"),
    # the other columns' keys were read on unchecked (only time_col was): a target 5 was looked up as a column
    (lambda c: c["data"].update(target=5), r"^target in config .*c2.json must be a column name or a list of them, got 5$"),
    (lambda c: c["data"].update(id_col=["store", 3]), r"^id_col in config .*c2.json must be a column name or a list"),
    (lambda c: c["data"].update(track="mlflw"), r"^track = 'mlflw' in config .*c2.json is not a tracker rnncast writes"),
])
def test_a_key_a_run_never_writes_in_its_config_json_is_refused_by_name(tmp_path, run, change, message):
    config = json.loads((run / "config.json").read_text())
    change(config)
    (tmp_path / "c2.json").write_text(json.dumps(config))
    with pytest.raises(RnncastError, match=message):
        read_config(tmp_path / "c2.json")


def test_a_tunes_folder_or_record_as_config_is_pointed_to_its_best_settings(tmp_path):
    """fit --config TUNE_FOLDER said only "a folder without config.json"; --config tune.json leaked KeyError('settings')
    (a tester's finding, decision 556)."""
    folder = tmp_path / "tu"
    folder.mkdir()
    (folder / "best.toml").write_text("lookback = 8\n")
    (folder / "tune.json").write_text('{"study": "rnncast"}')
    with pytest.raises(RnncastError, match=r"is a tune's folder, not a run's; give its best settings, .*best\.toml$"):
        read_config(folder)
    with pytest.raises(RnncastError, match=r"tune\.json is a tune's record, not a run's config\.json \(it has no 'settings' "
                                           r"entry\): give the tune's best settings, .*best\.toml$"):
        read_config(folder / "tune.json")
    (tmp_path / "bad.json").write_text('{"a":')
    with pytest.raises(RnncastError, match=r"is not a run directory's config\.json \(it is not JSON: Expecting value at "
                                           r"line 1\); give a \.toml file"):
        read_config(tmp_path / "bad.json")


def test_time_col_false_in_a_config_says_the_table_has_none(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('data = "d.csv"\ntime_col = false\n')
    assert read_config(path)[1]["time_col"] is False
    path.write_text('data = "d.csv"\ntime_col = true\n')
    # was "must be a quoted string, got True", where false was accepted
    with pytest.raises(RnncastError, match=r"^time_col = true in config .*c.toml names no column; give the time column's "
                                           r"name \(time_col = \"date\"\), or time_col = false"):
        read_config(path)


@pytest.mark.parametrize("line, message", [
    ("target = []", r"^target in config .*c.toml is an empty list; name a column"),  # was "got []"
    ("id_col = []", r"^id_col in config .*c.toml is an empty list"),
    ("tz = 1", r"^tz = 1 in config .*c.toml is a number; give the zone as quoted text"),  # was "unknown time zone '1'"
    ("tz = 5", r"^tz = 5 in config .*c.toml is a number; .*; for a fixed offset of 5 hours give tz = \"\+05:00\"$"),
    ('track = "wandb"', r"^track = 'wandb' in config .*c.toml is not a tracker rnncast writes to; choose one of: "
                        r"tensorboard, mlflow"),  # was "unknown tracker 'wandb'", no file named
    ('tz = ""', r"^tz in config .*c.toml is empty \(''\); give an IANA zone name"),  # was "tz= is empty", no file named
    ('tz = "  "', r"^tz in config .*c.toml is blank \('  '\); give an IANA zone name .*, or leave tz out$"),
    ('freq = ""', r"^freq in config .*c.toml is empty \(''\); give a pandas offset alias"),
    ('holidays = ""', r"^holidays in config .*c.toml is empty \(''\); give a holiday set's name"),
    ('time_unit = ""', r"^time_unit in config .*c.toml is empty \(''\); give s, ms, us, ns or excel"),
])
def test_a_config_value_of_the_wrong_kind_names_the_file_and_the_real_problem(tmp_path, line, message):
    path = tmp_path / "c.toml"
    path.write_text(f'data = "d.csv"\n{line}\n')
    with pytest.raises(RnncastError, match=message):
        read_config(path)


def test_a_one_item_id_col_list_is_that_column(tmp_path):
    """id_col = ["store"] was refused as "must be a column name or a list of them, got ['store']"."""
    path = tmp_path / "c.toml"
    path.write_text('data = "d.csv"\nid_col = ["store"]\n')
    assert read_config(path)[1]["id_col"] == "store"
    path.write_text('data = "d.csv"\nid_col = ["store", "item"]\n')
    assert read_config(path)[1]["id_col"] == ["store", "item"]


def test_a_config_not_utf8_or_a_data_file_is_told_what_it_is(tmp_path):
    """A Latin-1 TOML was told "write one key = value per line"; --config sales.csv the same TOML advice."""
    latin = tmp_path / "c.toml"
    latin.write_bytes('epochs = 2\nname = "café"\n'.encode("latin-1"))
    with pytest.raises(RnncastError, match=r"^config .*c\.toml is not UTF-8 text \(byte 0xe9 at position 22\); save it "
                                           r"as UTF-8, as TOML files are$"):
        read_config(latin)
    data = tmp_path / "sales.csv"
    data.write_text("date,sales\n2024-01-01,1\n")
    with pytest.raises(RnncastError, match=r"^config .*sales\.csv is a data file \(\.csv\), not settings; give the data "
                                           r"as the command's data argument"):
        read_config(data)


def test_an_id_col_list_in_a_config_is_a_key_of_several_columns(tmp_path):
    """id_col = ["item_id", "store_id"] was refused, told to join the key into one made-up column (decision 1031)."""
    path = tmp_path / "c.toml"
    path.write_text('data = "d.csv"\nid_col = ["item_id", "store_id"]\n')
    assert read_config(path)[1]["id_col"] == ["item_id", "store_id"]
    path.write_text('data = "d.csv"\nid_col = 3\n')
    with pytest.raises(RnncastError, match=r"id_col in config .* must be a column name or a list of them, got 3$"):
        read_config(path)


def test_a_run_config_json_with_the_cell_in_capitals_reads_as_the_cell(tmp_path):
    """A run's config.json holding "cell": "LSTM" (written so on 2026-12-06) was resumed into a model.json that
    load refused; the cell is read as fit reads it."""
    from rnncast.configfile import read_run
    (tmp_path / "config.json").write_text(json.dumps({"settings": {"cell": "LSTM"}, "data": {"source": "d.csv"}}))
    assert read_run(tmp_path / "config.json")[0]["cell"] == "lstm"


def test_config_json_carries_a_format_version_and_a_newer_one_is_refused_by_name(tmp_path, run):
    """A reviewer's finding: model.json carried format_version 3, config.json none, so a later rnncast's config.json
    would be read as this one's keys (or called damaged); now it is read back and a newer one refused as a model's."""
    from rnncast.configfile import run_data
    config = json.loads((run / "config.json").read_text())
    assert config["format_version"] == 1 and list(config)[0] == "format_version"
    read_config(run)  # read back as it is
    del config["format_version"]  # a run written before config.json carried one: read
    (tmp_path / "config.json").write_text(json.dumps(config))
    assert read_config(tmp_path / "config.json")[0] == read_config(run)[0]
    for version, tail in ((2, r": it was written by a newer rnncast: upgrade rnncast to read it$"), ("1.5", r" \(a format.*"), (True, r" \(a format.*")):
        newer = {"format_version": version, **config, "settings": {"a_setting_of_later": 1}}  # unread past the version
        (tmp_path / "config.json").write_text(json.dumps(newer))
        for read in (read_config, run_data):
            with pytest.raises(RnncastError, match=rf"^config .*config.json uses config format version {version!r}; "
                                                   rf"this rnncast \(.*\) reads version 1{tail}"):
                read(tmp_path / "config.json")
    for text in ("1", '"1"'):  # whole-number text, quoted or not: that number
        (tmp_path / "config.json").write_text(json.dumps({**config, "format_version": text}))
        assert read_config(tmp_path / "config.json")[0] == read_config(run)[0]


def test_run_data_gives_a_record_that_is_no_json_object_as_it_is(tmp_path):
    """t35t7 L4: a list or text as config.json's fingerprint was given as None, the answer for a run started before
    fingerprints, so the resume check never saw it; it is given as it is now, for the check to refuse (decision
    1843), and a missing or null record is still None."""
    from rnncast.configfile import run_data

    path = tmp_path / "config.json"
    for record in ([1, 2], "damaged", None):
        path.write_text(json.dumps({"data": {"source": "d.csv"}, "fingerprint": record}))
        assert run_data(path) == ("d.csv", record)
    path.write_text(json.dumps({"data": {"source": "d.csv"}}))
    assert run_data(path) == ("d.csv", None)
