"""The format versions rnncast's files carry and the one check of them (``formatversions.py``)."""

from __future__ import annotations

import pytest

from rnncast import RnncastError, formatversions, state


def test_a_version_read_passes_and_any_other_is_refused_naming_the_file_and_the_format():
    assert formatversions.check(3, (1, 2, 3), "model", "m") == 3
    with pytest.raises(RnncastError, match=r"^c uses config format version 2; this rnncast \(.+\) reads version 1: it "
                                           r"was written by a newer rnncast: upgrade rnncast to read it$"):
        formatversions.check(2, (1,), "config", "c")
    for odd in (True, "one", 1.5, "1.5", '"1.5"', '"one"', '""1""', [1]):  # a boolean, text of no whole number, a
        # fraction (quoted or not), text quoted twice: not newer
        with pytest.raises(RnncastError, match=r"reads version 1, 2 and 3 \(a format version is a whole number, as a "
                                               r"number or as text, quoted or not: 1, 1.0, \"1\", '\"1\"' or \"1.0\"; "
                                               r"none, null or '' is read as the oldest\)$"):
            formatversions.check(odd, (1, 2, 3), "model", "m")
    assert (state.FORMAT_VERSION, state.READS) == (formatversions.MODEL, formatversions.MODEL_READS)


def test_one_rule_for_every_format_none_is_the_oldest_and_whole_number_text_is_its_number():
    """A tester's finding: every ONNX file exported before its metadata carried a format_version was refused ("uses
    ONNX metadata format version None") while config.json without one was read; config.json's "1" (text) was refused
    as "version '1'; this rnncast reads version 1". Now one rule for model.json, config.json, checkpoints and ONNX."""
    for reads in ((formatversions.MODEL_READS, "model"), ((formatversions.CONFIG,), "config"),
                  ((formatversions.ONNX,), "ONNX metadata"), ((formatversions.CHECKPOINT,), "checkpoint")):
        assert formatversions.check(None, *reads, "f") == reads[0][0]  # written before it carried one: the oldest
        assert formatversions.check(str(reads[0][-1]), *reads, "f") == reads[0][-1]  # "1" as ONNX metadata holds it
        assert formatversions.check(" 1 ", *reads, "f") == 1
    with pytest.raises(RnncastError, match=r"uses config format version 2; .* reads version 1: it was written by a newer"):
        formatversions.check("2", (1,), "config", "c")  # newer as text: newer all the same


def test_every_format_reads_one_rule_blank_is_the_oldest_and_1_0_is_1_and_0_is_refused_with_advice():
    """A tester's finding: config.json read 1.0 and null while ONNX metadata refused "1.0", '"1"' and '' (an empty
    value). One rule now: absent, None or '' is the oldest; 1, 1.0, "1", "1.0" are 1; 0 says versions start at 1."""
    for reads in ((formatversions.MODEL_READS, "model"), ((formatversions.CONFIG,), "config"),
                  ((formatversions.ONNX,), "ONNX metadata"), ((formatversions.CHECKPOINT,), "checkpoint")):
        for blank in (None, "", "  "):
            assert formatversions.check(blank, *reads, "f") == reads[0][0]
        for one in (1, 1.0, "1", "1.0", " 1.0 ", "01"):
            assert formatversions.check(one, *reads, "f") == 1
        for zero in (0, 0.0, "0", "0.0"):
            with pytest.raises(RnncastError, match=r"version 1.*: format versions start at 1; remove format_version "
                                                   r"\(read as the oldest\) or set it to one read$"):
                formatversions.check(zero, *reads, "f")
    with pytest.raises(RnncastError, match=r"uses ONNX metadata format version 2; .* newer rnncast: upgrade"):
        formatversions.check("2.0", (1,), "ONNX metadata", "f")


def test_a_whole_number_quoted_once_more_is_that_number_for_every_reader(tmp_path):
    """A tester's finding: "format_version": "\\"1\\"" (JSON's text of the text "1", as json.dumps writes "1" where
    ONNX metadata keeps its other values as JSON text) was refused by a message that listed "1" among those accepted.
    By the one rule a whole number as text is that number, quoted or not; every reader goes through it: model.json,
    config.json, a checkpoint, ONNX metadata, tune.json and a TOML config (best.toml)."""
    import json

    from rnncast.configfile import read_config
    from rnncast.tuneoutputs import tune_continues

    for reads in ((formatversions.MODEL_READS, "model"), ((formatversions.CONFIG,), "config"),
                  ((formatversions.ONNX,), "ONNX metadata"), ((formatversions.CHECKPOINT,), "checkpoint"),
                  ((formatversions.TUNE,), "tune"), ((formatversions.SETTINGS,), "settings")):
        for quoted in (json.dumps("1"), "'1'", ' "1.0" ', '" 01 "'):
            assert formatversions.check(quoted, *reads, "f") == 1
        with pytest.raises(RnncastError, match=r"uses \S.* format version 9; .* newer rnncast: upgrade"):
            formatversions.check('"9"', *reads, "f")
    (tmp_path / "c.toml").write_text('format_version = "\\"1\\""\nepochs = 2\n')  # TOML's text '"1"'
    assert read_config(tmp_path / "c.toml")[0] == {"epochs": 2}
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "study.db").write_text("")
    (tmp_path / "t" / "tune.json").write_text(json.dumps({"format_version": '"1"', "study": "s", "storage": "study.db"}))
    assert tune_continues(tmp_path / "t", ["study.db", "tune.json"], "s", None) is None


def test_tune_json_and_best_toml_carry_a_format_version_read_back_and_read_without_one(tmp_path):
    """tune.json and best.toml carried none, unlike model.json, config.json, checkpoints and ONNX metadata: a later
    rnncast's would be read as this one's. best.toml (any TOML config) and tune.json now carry one, a file without one
    (every tune before, a user's own TOML) read as the oldest, a newer one refused by name."""
    import json

    from rnncast.configfile import read_config
    from rnncast.configtoml import config_toml
    from rnncast.tuneoutputs import tune_continues

    text = config_toml({"epochs": 2}, comment="best trial 0")
    assert text.splitlines()[:2] == ["# best trial 0", f"format_version = {formatversions.SETTINGS}"]
    (tmp_path / "best.toml").write_text(text)
    assert read_config(tmp_path / "best.toml") == ({"epochs": 2}, {})
    (tmp_path / "own.toml").write_text("epochs = 2\n")  # none: the oldest
    assert read_config(tmp_path / "own.toml") == ({"epochs": 2}, {})
    (tmp_path / "new.toml").write_text("format_version = 2\nepochs = 2\na_later_key = 1\n")
    with pytest.raises(RnncastError, match=r"^config .*new.toml uses settings format version 2; this rnncast \(.*\) "
                                           r"reads version 1: it was written by a newer rnncast: upgrade rnncast to read it$"):
        read_config(tmp_path / "new.toml")
    out = tmp_path / "t"
    out.mkdir()
    (out / "study.db").write_text("")
    for record in ({"study": "s", "storage": "study.db"}, {"format_version": 1, "study": "s", "storage": "study.db"}):
        (out / "tune.json").write_text(json.dumps(record))
        assert tune_continues(out, ["study.db", "tune.json"], "s", None) is None
    (out / "tune.json").write_text(json.dumps({"format_version": 2, "study": "s", "storage": "study.db"}))
    with pytest.raises(RnncastError, match=r"tune.json uses tune format version 2; .* newer rnncast: upgrade"):
        tune_continues(out, ["study.db", "tune.json"], "s", None)
