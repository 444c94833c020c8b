"""The format versions rnncast's files carry and the one check of them (``formatversions.py``)."""

from __future__ import annotations

import pytest

from rnncast import RnncastError, formatversions, state


def test_a_version_read_passes_and_any_other_is_refused_naming_the_file_and_the_format():
    formatversions.check(3, (1, 2, 3), "model", "m")
    formatversions.check(None, (1,), "config", "c", missing_ok=True)  # written before it carried one
    with pytest.raises(RnncastError, match=r"^c uses config format version 2; this rnncast \(.+\) reads version 1: it "
                                           r"was written by a newer rnncast: upgrade rnncast to read it$"):
        formatversions.check(2, (1,), "config", "c")
    for odd in (None, 0, True, "1", 1.5):  # none where one is needed, older, a boolean, text, a fraction: not newer
        with pytest.raises(RnncastError, match=r"reads version 1, 2 and 3$"):
            formatversions.check(odd, (1, 2, 3), "model", "m")
    assert (state.FORMAT_VERSION, state.READS) == (formatversions.MODEL, formatversions.MODEL_READS)
