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


def test_an_empty_data_path_or_checkpoint_is_refused_not_read_as_the_folder_or_as_none(tmp_path, monkeypatch):
    """fit('') said ". is a folder" (Path('') is the current folder) and fit(checkpoint='') trained without one."""
    from conftest import TINY, make_frame
    from rnncast import Forecaster
    from rnncast.pathargs import readable

    for text, said in (("", "empty"), (" ", "blank")):
        with pytest.raises(RnncastError, match=rf"^the data file's path is {said} \('{text}'\); give a CSV or Parquet"):
            readable(text)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(RnncastError, match=r"^fit's checkpoint must be the file to write the training state to \(or "
                                           r"None\), as text or a pathlib.Path, got blank text$"):
        Forecaster(**{**TINY, "epochs": 1}).fit(make_frame(120), target="y", checkpoint="")
    assert list(tmp_path.iterdir()) == []
