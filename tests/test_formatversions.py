"""The format versions rnncast's files carry and the one check of them (``formatversions.py``)."""

from __future__ import annotations

import pytest

from rnncast import RnncastError, formatversions, state


def test_a_version_read_passes_and_any_other_is_refused_naming_the_file_and_the_format():
    assert formatversions.check(3, (1, 2, 3), "model", "m") == 3
    with pytest.raises(RnncastError, match=r"^c uses config format version 2; this rnncast \(.+\) reads version 1: it "
                                           r"was written by a newer rnncast: upgrade rnncast to read it$"):
        formatversions.check(2, (1,), "config", "c")
    for odd in (True, "one", 1.5, "1.5", '"1"', [1]):  # a boolean, text of no whole number, a fraction: not newer
        with pytest.raises(RnncastError, match=r"reads version 1, 2 and 3 \(a format version is a whole number, as a "
                                               r"number or text: 1, 1.0, \"1\" or \"1.0\"; none, null or '' is read as the oldest\)$"):
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
