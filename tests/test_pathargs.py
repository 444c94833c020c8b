"""A path handed to a public function (``pathargs.py``): text or a pathlib.Path, else one RnncastError naming
the argument, not os' "expected str, bytes or os.PathLike object"."""

from __future__ import annotations

from pathlib import Path

import pytest

from rnncast import RnncastError
from rnncast.pathargs import checked


def test_text_and_paths_are_taken_as_given():
    assert checked("x", "runs/a", "a folder") == "runs/a"
    assert checked("x", Path("m"), "a folder") == Path("m")


@pytest.mark.parametrize("value, got", [(None, "NoneType None"), (5, "int 5"), (b"m", "bytes b'm'"), ("  ", "blank text"),
                                        (["m"], "list ['m']")])
def test_anything_else_is_refused_naming_the_argument_and_what_it_takes(value, got):
    with pytest.raises(RnncastError, match=rf"^Forecaster.save's folder must be the folder to write the model to, as "
                                           rf"text or a pathlib.Path, got {got.replace('[', '.').replace(']', '.')}$"):
        checked("Forecaster.save's folder", value, "the folder to write the model to")
